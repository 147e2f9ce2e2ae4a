//! FEDformer: a frequency-enhanced decomposition Transformer whose training objective is plain
//! MSE.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "fedformer",
    name: "FEDformer Loss",
    aliases: &["FEDformer"],
    kind: Kind::Method,
    domains: &["time-series"],
    year: 2022,
    paper: Paper {
        title: "FEDformer: Frequency Enhanced Decomposed Transformer for Long-term Series Forecasting",
        authors: "Tian Zhou, Ziqing Ma, Qingsong Wen, Xue Wang, Liang Sun, Rong Jin",
        venue: "ICML",
        year: 2022,
        url: "https://arxiv.org/abs/2201.12740",
    },
    summary: "A long-term forecasting Transformer trained with mean squared error. It keeps Autoformer's seasonal-trend decomposition (with a mixture of moving-average experts) and replaces attention by frequency-enhanced blocks that operate on a random subset of Fourier (or wavelet) modes, which gives linear complexity in the sequence length. The objective is plain MSE.",
    formula: r"\mathcal{L} = \frac{1}{H\,d}\sum_{h=1}^{H}\bigl\lVert \hat y_{T+h} - y_{T+h}\bigr\rVert_2^2",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["autoformer", "informer", "patchtst", "mse"],
    uses: &["mse"],
    forms: &[],
    status: Status::NotExecutable("a forecasting architecture trained with mse; the objective has its own entry"),
    eval: None,
    ..Entry::BLANK
};
