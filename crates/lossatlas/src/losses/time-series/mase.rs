//! MASE: forecast absolute error scaled by the in-sample error of the seasonal naive forecast,
//! a scale-free accuracy measure that is comparable across series.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mase",
    name: "MASE",
    aliases: &["Mean Absolute Scaled Error"],
    kind: Kind::Score,
    domains: &["time-series"],
    year: 2006,
    paper: Paper {
        title: "Another Look at Measures of Forecast Accuracy",
        authors: "Rob J. Hyndman, Anne B. Koehler",
        venue: "International Journal of Forecasting",
        year: 2006,
        url: "https://doi.org/10.1016/j.ijforecast.2006.03.001",
    },
    summary: "An evaluation metric, not normally trained on: the mean absolute forecast error divided by the mean absolute error that the one-step seasonal naive forecast (repeat the value m steps back) makes on the training part of the same series. Values below 1 beat the naive method. Unlike MAPE it is defined when the series contains zeros, symmetric in over- and under-forecasting and independent of the series' scale, so it can be averaged over many series (it is an official M4 metric). It is undefined for a constant training history, and N-BEATS is an example of a model that also uses it as a training loss.",
    formula: r"\operatorname{MASE} = \frac{\frac{1}{H}\sum_{h=1}^{H}\bigl|y_{T+h} - \hat y_{T+h}\bigr|}{\frac{1}{T - m}\sum_{t=m+1}^{T}\bigl|y_t - y_{t-m}\bigr|}",
    inputs: &[
        Input { name: "pred", shape: "[N, H]", meaning: "forecasts over the horizon" },
        Input { name: "target", shape: "[N, H]", meaning: "observed values over the horizon" },
        Input { name: "insample", shape: "[N, T]", meaning: "training history of each series, used for the naive-forecast scale" },
    ],
    params: &[
        Param { name: "seasonality", symbol: "m", default: Value::Int(1), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "season length of the naive forecast (1: previous value)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["neuralforecast.losses.pytorch.MASE", "sktime.performance_metrics.forecasting.mean_absolute_scaled_error"],
    related: &["mape", "smape", "wmape", "l1", "n-beats"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
