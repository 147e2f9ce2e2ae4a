//! Adversarial logit pairing: adversarial training plus a penalty on the distance between the
//! logits of each clean example and of its adversarial counterpart.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "adversarial-logit-pairing",
    name: "Adversarial Logit Pairing (ALP) Loss",
    aliases: &["ALP", "ALP Loss", "Clean Logit Pairing"],
    kind: Kind::Loss,
    domains: &["adversarial-ood"],
    year: 2018,
    paper: Paper {
        title: "Adversarial Logit Pairing",
        authors: "Harini Kannan, Alexey Kurakin, Ian Goodfellow",
        venue: "",
        year: 2018,
        url: "https://arxiv.org/abs/1803.06373",
    },
    summary: "Adds to adversarial training on a mixed clean/adversarial batch a term lambda times the squared L2 distance between the logits of each clean example and those of its PGD-perturbed version, encouraging the same internal representation for both. The paper reported large gains on ImageNet, but a later evaluation (Engstrom, Ilyas and Athalye, 2018) found the robustness largely overestimated under stronger attacks, so it should not be relied on without careful evaluation.",
    formula: r"\mathcal{L} = \frac{1}{m}\sum_{i=1}^{m}\Bigl[\operatorname{CE}(f(x_i), y_i) + \operatorname{CE}(f(\tilde x_i), y_i)\Bigr] + \lambda\,\frac{1}{m}\sum_{i=1}^{m}\lVert f(x_i) - f(\tilde x_i) \rVert_2^2",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "model logits on clean inputs" },
        Input { name: "adv_logits", shape: "[N, C]", meaning: "model logits on the adversarial inputs" },
        Input { name: "targets", shape: "[N]", meaning: "class indices" },
    ],
    params: &[
        Param { name: "lambda", symbol: r"\lambda", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "weight of the logit-pairing term (tuned per dataset in the paper)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["pgd-at", "trades", "mse"],
    status: Status::Planned("a function of clean and adversarial logits; the adversarial examples come from attacking the model; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
