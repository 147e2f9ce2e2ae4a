//! PatchTST: a patch-based, channel-independent forecasting Transformer trained with MSE.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "patchtst",
    name: "PatchTST Loss",
    aliases: &["PatchTST"],
    kind: Kind::Method,
    domains: &["time-series", "self-supervised"],
    year: 2023,
    paper: Paper {
        title: "A Time Series is Worth 64 Words: Long-term Forecasting with Transformers",
        authors: "Yuqi Nie, Nam H. Nguyen, Phanwadee Sinthong, Jayant Kalagnanam",
        venue: "ICLR",
        year: 2023,
        url: "https://arxiv.org/abs/2211.14730",
    },
    summary: "Splits each channel of a multivariate series into patches that serve as Transformer tokens, and treats channels independently with shared weights; instance normalization (RevIN) handles distribution shift. Supervised forecasting uses mean squared error on the horizon; the self-supervised variant masks random patches and reconstructs them with MSE before fine-tuning. Patching and channel independence, not the loss, are the contributions.",
    formula: r"\mathcal{L} = \frac{1}{M}\sum_{i=1}^{M}\frac{1}{H}\sum_{h=1}^{H}\bigl(\hat y^{(i)}_{T+h} - y^{(i)}_{T+h}\bigr)^2",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["informer", "itransformer", "timesnet", "videomae", "mse"],
    uses: &["mse"],
    forms: &[],
    status: Status::NotExecutable("a forecasting architecture trained with mse (also for masked-patch pretraining); the objective has its own entry"),
    eval: None,
    ..Entry::BLANK
};
