//! Tuplet margin loss: an N-pair style log-sum-exp over negatives with a slack angular margin
//! subtracted from the positive angle.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "tuplet-margin",
    name: "Tuplet Margin Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Deep Metric Learning with Tuplet Margin Loss",
        authors: "Yu, B., Tao, D.",
        venue: "ICCV",
        year: 2019,
        url: "https://openaccess.thecvf.com/content_ICCV_2019/html/Yu_Deep_Metric_Learning_With_Tuplet_Margin_Loss_ICCV_2019_paper.html",
    },
    summary: "For each anchor-positive pair, compares the scaled cosine of every negative with cos(theta_ap - beta), where the margin beta is subtracted from the positive angle so that hard positives are up-weighted rather than forced together. It aims to keep some intra-class variance, which helps generalization to unseen classes. It is usually combined with the intra-pair variance loss.",
    formula: r"\ell_{a,p} = \log\Big(1 + \sum_{n:\,y_n \ne y_a} e^{s(\cos\theta_{an} - \cos(\theta_{ap} - \beta))}\Big)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "margin", symbol: r"\beta", default: Value::Float(5.73), range: Range::Real { min: 0.0, max: 180.0, open_min: false, open_max: true }, meaning: "angular slack margin in degrees" },
        Param { name: "scale", symbol: "s", default: Value::Float(64.0), range: Range::POSITIVE, meaning: "scale factor" },
        Param { name: "distance", symbol: "", default: Value::Str("CosineSimilarity(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.TupletMarginLoss",
    ],
    related: &["intra-pair-variance", "n-pair", "angular"],
    forms: &[
        Form { name: "pml", description: "PML TupletMarginLoss over all positive pairs; per-pair losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
