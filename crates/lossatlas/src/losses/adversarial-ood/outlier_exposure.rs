//! Outlier exposure: cross-entropy on in-distribution data plus a term that pushes the model's
//! predictions on auxiliary outlier data toward the uniform distribution.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "outlier-exposure",
    name: "Outlier Exposure (OE) Loss",
    aliases: &["OE", "OE Loss"],
    kind: Kind::Loss,
    domains: &["adversarial-ood"],
    year: 2019,
    paper: Paper {
        title: "Deep Anomaly Detection with Outlier Exposure",
        authors: "Dan Hendrycks, Mantas Mazeika, Thomas Dietterich",
        venue: "ICLR",
        year: 2019,
        url: "https://arxiv.org/abs/1812.04606",
    },
    summary: "Trains the classifier with an auxiliary dataset of outliers (for images, e.g. 80 Million Tiny Images): besides cross-entropy on in-distribution data it adds lambda times the cross-entropy from the uniform distribution to the softmax on the outliers (lambda = 0.5 for vision in the paper). Detectors such as MSP then generalize to unseen anomalies much better. The benefit depends on how diverse the auxiliary outliers are relative to the test-time anomalies.",
    formula: r"\mathcal{L} = \mathbb{E}_{(x, y) \sim \mathcal{D}_{in}}\bigl[\operatorname{CE}(f(x), y)\bigr] + \lambda\,\mathbb{E}_{x' \sim \mathcal{D}_{out}}\Bigl[-\frac{1}{C}\sum_{c=1}^{C}\log \operatorname{softmax}(f(x'))_c\Bigr]",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "logits on in-distribution inputs" },
        Input { name: "targets", shape: "[N]", meaning: "class indices of the in-distribution inputs" },
        Input { name: "outlier_logits", shape: "[M, C]", meaning: "logits on auxiliary outlier inputs" },
    ],
    params: &[
        Param { name: "lambda", symbol: r"\lambda", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "weight of the outlier term (0.5 for vision in the paper)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["pytorch_ood.loss.OutlierExposureLoss"],
    related: &["energy-ood", "msp", "atom", "vos", "cross-entropy"],
    status: Status::Planned("a function of in-distribution and outlier logits; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
