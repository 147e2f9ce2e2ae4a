//! Adversarial weight perturbation: adversarial training in which the weights are also perturbed,
//! layer by layer within a relative radius, to maximize the adversarial loss before each update,
//! which flattens the weight loss landscape.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "awp",
    name: "AWP Loss (Adversarial Weight Perturbation)",
    aliases: &["Adversarial Weight Perturbation"],
    kind: Kind::Method,
    domains: &["adversarial-ood"],
    year: 2020,
    paper: Paper {
        title: "Adversarial Weight Perturbation Helps Robust Generalization",
        authors: "Dongxian Wu, Shu-Tao Xia, Yisen Wang",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/2004.05884",
    },
    summary: "Wraps an adversarial training objective (PGD-AT or TRADES) in a second min-max over weight perturbations: each step first finds a layer-wise weight perturbation v with norm at most gamma times the layer's weight norm that increases the adversarial loss, computes the gradient at w + v, and applies it to w. This targets the robust overfitting of adversarial training by seeking flat minima of the robust loss; gamma = 5e-3 in the paper. It roughly adds one forward-backward pass per step.",
    formula: r"\min_{w}\ \max_{v \in \mathcal{V}}\ \rho(w + v),\quad \mathcal{V} = \bigl\{v : \lVert v_l \rVert \le \gamma\lVert w_l \rVert \text{ for every layer } l\bigr\}",
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.005), range: Range::POSITIVE, meaning: "relative size of the weight perturbation per layer (paper's value)" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["pgd-at", "trades", "mart"],
    uses: &["pgd-at", "trades"],
    status: Status::NotExecutable("perturbs the model's weights and needs adversarial examples from the model"),
    eval: None,
    ..Entry::BLANK
};
