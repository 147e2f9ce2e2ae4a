//! iTransformer: a variate-token forecasting Transformer trained with MSE.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "itransformer",
    name: "iTransformer Loss",
    aliases: &["iTransformer"],
    kind: Kind::Method,
    domains: &["time-series"],
    year: 2024,
    paper: Paper {
        title: "iTransformer: Inverted Transformers Are Effective for Time Series Forecasting",
        authors: "Yong Liu, Tengge Hu, Haoran Zhang, Haixu Wu, Shiyu Wang, Lintao Ma, Mingsheng Long",
        venue: "ICLR",
        year: 2024,
        url: "https://arxiv.org/abs/2310.06625",
    },
    summary: "Inverts the usual Transformer layout for multivariate forecasting: each variable's whole lookback window is embedded as one token, attention runs across variables to capture their correlations, and the feed-forward network models each variable's temporal pattern. Trained with mean squared error on the horizon; the inversion, not the loss, is the contribution.",
    formula: r"\mathcal{L} = \frac{1}{H\,d}\sum_{h=1}^{H}\bigl\lVert \hat y_{T+h} - y_{T+h}\bigr\rVert_2^2",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["patchtst", "timesnet", "informer", "mse"],
    uses: &["mse"],
    forms: &[],
    status: Status::NotExecutable("a forecasting architecture trained with mse; the objective has its own entry"),
    eval: None,
    ..Entry::BLANK
};
