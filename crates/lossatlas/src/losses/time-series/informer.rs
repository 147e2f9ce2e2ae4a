//! Informer: a long-sequence forecasting Transformer whose training objective is plain MSE.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "informer",
    name: "Informer Loss",
    aliases: &["Informer"],
    kind: Kind::Method,
    domains: &["time-series"],
    year: 2021,
    paper: Paper {
        title: "Informer: Beyond Efficient Transformer for Long Sequence Time-Series Forecasting",
        authors: "Haoyi Zhou, Shanghang Zhang, Jieqi Peng, Shuai Zhang, Jianxin Li, Hui Xiong, Wancai Zhang",
        venue: "AAAI",
        year: 2021,
        url: "https://arxiv.org/abs/2012.07436",
    },
    summary: "A Transformer for long-horizon forecasting trained with plain mean squared error on the (normalized) forecast window. Its contributions are architectural: ProbSparse self-attention that keeps only the queries with the most peaked attention distributions (O(L log L) cost), self-attention distilling that halves the sequence between encoder layers, and a generative-style decoder that emits the whole horizon in one forward pass instead of step by step. The objective itself is ordinary MSE, listed in uses.",
    formula: r"\mathcal{L} = \frac{1}{H\,d}\sum_{h=1}^{H}\bigl\lVert \hat y_{T+h} - y_{T+h}\bigr\rVert_2^2",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["autoformer", "fedformer", "patchtst", "itransformer", "mse"],
    uses: &["mse"],
    forms: &[],
    status: Status::NotExecutable("a forecasting architecture trained with mse; the objective has its own entry"),
    eval: None,
    ..Entry::BLANK
};
