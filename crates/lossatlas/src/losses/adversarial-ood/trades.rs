//! TRADES: cross-entropy on clean inputs plus beta times the KL divergence between the predictions
//! on a clean input and on its worst-case perturbation.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "trades",
    name: "TRADES Loss",
    kind: Kind::Loss,
    domains: &["adversarial-ood"],
    year: 2019,
    paper: Paper {
        title: "Theoretically Principled Trade-off between Robustness and Accuracy",
        authors: "Hongyang Zhang, Yaodong Yu, Jiantao Jiao, Eric P. Xing, Laurent El Ghaoui, Michael I. Jordan",
        venue: "ICML",
        year: 2019,
        url: "https://arxiv.org/abs/1901.08573",
    },
    summary: "Splits the robust error into natural error and boundary error: the loss is cross-entropy on clean inputs plus beta times KL(f(x) || f(x')), where x' maximizes that KL inside an epsilon-ball (found by PGD on the KL). beta trades clean accuracy for robustness (beta = 6 in the paper's CIFAR-10 experiments). Unlike PGD-AT the adversarial example is found without labels. Given both sets of logits the outer objective is a plain function of them; in the official code the KL is summed and divided by the batch size.",
    formula: r"\mathcal{L} = \operatorname{CE}(f(x), y) + \beta\,\max_{\lVert x' - x \rVert \le \epsilon} \mathrm{KL}\bigl(f(x) \,\Vert\, f(x')\bigr)",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "model logits on clean inputs" },
        Input { name: "adv_logits", shape: "[N, C]", meaning: "model logits on the adversarial inputs" },
        Input { name: "targets", shape: "[N]", meaning: "class indices" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(6.0), range: Range::NON_NEGATIVE, meaning: "weight of the robustness (KL) term; 6 in the paper's CIFAR-10 experiments" },
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
    related: &["pgd-at", "mart", "awp", "kl-divergence", "lbgat", "dkl"],
    status: Status::Planned("a function of clean and adversarial logits; the adversarial examples come from attacking the model; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
