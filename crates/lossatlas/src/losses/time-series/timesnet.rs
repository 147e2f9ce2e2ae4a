//! TimesNet: a 2-D variation backbone for time series trained with the standard objective of
//! each task.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "timesnet",
    name: "TimesNet Loss",
    aliases: &["TimesNet"],
    kind: Kind::Method,
    domains: &["time-series"],
    year: 2023,
    paper: Paper {
        title: "TimesNet: Temporal 2D-Variation Modeling for General Time Series Analysis",
        authors: "Haixu Wu, Tengge Hu, Yong Liu, Hang Zhou, Jianmin Wang, Mingsheng Long",
        venue: "ICLR",
        year: 2023,
        url: "https://arxiv.org/abs/2210.02186",
    },
    summary: "A general backbone for forecasting, imputation, classification and anomaly detection. It finds dominant periods with the FFT, folds the 1-D series into 2-D tensors (period x number of periods) so that intra- and inter-period variation become the two axes, and processes them with Inception-style 2-D convolutions, fusing the periods by their amplitudes. Each task keeps its standard objective: mean squared error for forecasting, imputation and reconstruction-based anomaly detection, cross-entropy for classification.",
    formula: r"\mathcal{L}_{\text{forecast}} = \frac{1}{H\,d}\sum_{h=1}^{H}\bigl\lVert \hat y_{T+h} - y_{T+h}\bigr\rVert_2^2,\quad \mathcal{L}_{\text{classify}} = -\log\operatorname{softmax}(z)_{y}",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["autoformer", "patchtst", "itransformer", "mse"],
    uses: &["mse", "cross-entropy"],
    forms: &[],
    status: Status::NotExecutable("a time-series architecture trained with mse or cross-entropy depending on the task; the objectives have their own entries"),
    eval: None,
    ..Entry::BLANK
};
