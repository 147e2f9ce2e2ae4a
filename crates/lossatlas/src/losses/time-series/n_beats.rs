//! N-BEATS: a deep stack of fully connected blocks with backward and forward residual
//! expansions, trained directly on forecasting metrics and ensembled.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "n-beats",
    name: "N-BEATS Loss",
    aliases: &["N-BEATS"],
    kind: Kind::Method,
    domains: &["time-series"],
    year: 2020,
    paper: Paper {
        title: "N-BEATS: Neural Basis Expansion Analysis for Interpretable Time Series Forecasting",
        authors: "Boris N. Oreshkin, Dmitri Carpov, Nicolas Chapados, Yoshua Bengio",
        venue: "ICLR",
        year: 2020,
        url: "https://arxiv.org/abs/1905.10437",
    },
    summary: "A univariate forecaster built from stacks of fully connected blocks; each block predicts expansion coefficients for a backcast, subtracted from its input, and a forecast, added to the output, with either learned or interpretable (polynomial trend and Fourier seasonality) bases. Instead of one loss, the paper trains ensemble members directly on the competition metrics, sMAPE, MASE and MAPE, over several lookback lengths and random seeds, and combines them by the median. The objectives are the scale-free forecasting metrics, which are non-smooth and, for sMAPE and MAPE, unstable near zero values.",
    formula: r"\operatorname{sMAPE} = \frac{200}{H}\sum_{h=1}^{H}\frac{|y_{T+h} - \hat y_{T+h}|}{|y_{T+h}| + |\hat y_{T+h}|},\quad \operatorname{MAPE} = \frac{100}{H}\sum_{h=1}^{H}\frac{|y_{T+h} - \hat y_{T+h}|}{|y_{T+h}|}",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["mase", "smape", "mape", "deepar", "timesfm"],
    uses: &["smape", "mape", "mase"],
    forms: &[],
    status: Status::NotExecutable("a forecasting architecture and ensembling recipe trained with smape, mase and mape; the objectives have their own entries"),
    eval: None,
    ..Entry::BLANK
};
