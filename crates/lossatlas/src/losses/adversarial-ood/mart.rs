//! MART: a boosted cross-entropy on adversarial examples plus a KL robustness term weighted by how
//! badly the clean example is classified.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mart",
    name: "MART Loss",
    aliases: &["Misclassification Aware Adversarial Training"],
    kind: Kind::Loss,
    domains: &["adversarial-ood"],
    year: 2020,
    paper: Paper {
        title: "Improving Adversarial Robustness Requires Revisiting Misclassified Examples",
        authors: "Yisen Wang, Difan Zou, Jinfeng Yi, James Bailey, Xingjun Ma, Quanquan Gu",
        venue: "ICLR",
        year: 2020,
        url: "https://openreview.net/forum?id=rklOg6EFwS",
    },
    summary: "Argues that misclassified examples matter most for robustness: the adversarial term is a boosted cross-entropy (cross-entropy plus a margin term -log(1 - max wrong-class probability)), and the KL between clean and adversarial predictions is weighted by 1 - p_y(x), so examples the model gets wrong on clean data are regularized more. The official code uses beta = 6 and small constants inside the logarithms. Adversarial examples come from PGD on cross-entropy.",
    formula: r"\mathcal{L} = -\log p_y(\hat x') - \log\Bigl(1 - \max_{k \ne y} p_k(\hat x')\Bigr) + \beta\,\mathrm{KL}\bigl(p(x) \,\Vert\, p(\hat x')\bigr)\bigl(1 - p_y(x)\bigr)",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "model logits on clean inputs" },
        Input { name: "adv_logits", shape: "[N, C]", meaning: "model logits on the adversarial inputs" },
        Input { name: "targets", shape: "[N]", meaning: "class indices" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(6.0), range: Range::NON_NEGATIVE, meaning: "weight of the misclassification-aware KL term (official code's default)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["trades", "pgd-at", "awp"],
    status: Status::Planned("a function of clean and adversarial logits; the adversarial examples come from attacking the model; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
