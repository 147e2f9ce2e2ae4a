//! Autoformer: a decomposition Transformer for long-term forecasting whose training objective
//! is plain MSE.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "autoformer",
    name: "Autoformer Loss",
    aliases: &["Autoformer"],
    kind: Kind::Method,
    domains: &["time-series"],
    year: 2021,
    paper: Paper {
        title: "Autoformer: Decomposition Transformers with Auto-Correlation for Long-Term Series Forecasting",
        authors: "Haixu Wu, Jiehui Xu, Jianmin Wang, Mingsheng Long",
        venue: "NeurIPS",
        year: 2021,
        url: "https://arxiv.org/abs/2106.13008",
    },
    summary: "A long-term forecasting Transformer trained with mean squared error on the forecast window. What is distinctive is the architecture: series decomposition (moving-average trend versus seasonal part) inside every layer, and an auto-correlation mechanism that aggregates sub-series at the time delays with the highest autocorrelation, found with the FFT, instead of point-wise self-attention. The loss is plain MSE.",
    formula: r"\mathcal{L} = \frac{1}{H\,d}\sum_{h=1}^{H}\bigl\lVert \hat y_{T+h} - y_{T+h}\bigr\rVert_2^2",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["informer", "fedformer", "timesnet", "mse"],
    uses: &["mse"],
    forms: &[],
    status: Status::NotExecutable("a forecasting architecture trained with mse; the objective has its own entry"),
    eval: None,
    ..Entry::BLANK
};
