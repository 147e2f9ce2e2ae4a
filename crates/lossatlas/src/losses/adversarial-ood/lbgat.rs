//! LBGAT: trains a robust model whose logits on adversarial inputs are pulled toward the logits of
//! a jointly trained natural model on clean inputs, to keep clean accuracy while gaining
//! robustness.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "lbgat",
    name: "LBGAT Loss (Learnable Boundary Guided AT)",
    aliases: &["Learnable Boundary Guided Adversarial Training"],
    kind: Kind::Loss,
    domains: &["adversarial-ood"],
    year: 2021,
    paper: Paper {
        title: "Learnable Boundary Guided Adversarial Training",
        authors: "Jiequan Cui, Shu Liu, Liwei Wang, Jiaya Jia",
        venue: "",
        year: 2021,
        url: "https://arxiv.org/abs/2011.11164",
    },
    summary: "Trains two classifiers together: a natural one with cross-entropy on clean inputs, and a robust one whose logits on adversarial inputs are matched to the natural model's clean logits by a mean squared error, so the natural decision boundary guides the robust one and clean accuracy drops less. The official loss also adds a TRADES-style KL term between the robust model's predictions on clean and adversarial inputs, weighted by beta; adversarial examples maximize that KL.",
    formula: r"\mathcal{L} = \operatorname{MSE}\bigl(f_{rob}(x'), f_{nat}(x)\bigr) + \operatorname{CE}\bigl(f_{nat}(x), y\bigr) + \beta\,\mathrm{KL}\bigl(f_{rob}(x) \,\Vert\, f_{rob}(x')\bigr)",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "robust model's logits on clean inputs" },
        Input { name: "adv_logits", shape: "[N, C]", meaning: "robust model's logits on adversarial inputs" },
        Input { name: "natural_logits", shape: "[N, C]", meaning: "natural model's logits on clean inputs (trained jointly, so they take gradients)" },
        Input { name: "targets", shape: "[N]", meaning: "class indices" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "weight of the TRADES-style KL term" },
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
    related: &["trades", "pgd-at", "knowledge-distillation"],
    status: Status::Planned("a function of the two models' logits; the adversarial examples come from attacking the robust model; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
