//! TimesFM: a decoder-only forecasting foundation model trained with MSE on output patches.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "timesfm",
    name: "TimesFM Loss",
    aliases: &["TimesFM"],
    kind: Kind::Method,
    domains: &["time-series"],
    year: 2024,
    paper: Paper {
        title: "A Decoder-Only Foundation Model for Time-Series Forecasting",
        authors: "Abhimanyu Das, Weihao Kong, Rajat Sen, Yichen Zhou",
        venue: "ICML",
        year: 2024,
        url: "https://arxiv.org/abs/2310.10688",
    },
    summary: "A decoder-only Transformer pretrained on a large corpus of real and synthetic time series for zero-shot forecasting. Input patches are tokens, each output token forecasts a longer output patch, and training is causal: every prefix predicts the next output patch, with mean squared error on the point forecasts. Random masking of the start of the context teaches it all context lengths. The scale and diversity of the pretraining data and the patching scheme are the contributions; the objective is MSE.",
    formula: r"\mathcal{L} = \frac{1}{N}\sum_{j=1}^{N}\operatorname{MSE}\bigl(\hat y_{p j + 1 : p j + h},\ y_{p j + 1 : p j + h}\bigr)",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["patchtst", "n-beats", "next-token-prediction", "mse"],
    uses: &["mse"],
    forms: &[],
    status: Status::NotExecutable("a pretrained forecasting model trained with mse on its output patches; the objective has its own entry"),
    eval: None,
    ..Entry::BLANK
};
