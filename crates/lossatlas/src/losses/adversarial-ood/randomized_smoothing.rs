//! Randomized smoothing: classify with the most likely prediction of a base classifier under
//! Gaussian input noise, which yields a certified L2 radius; the base classifier is trained with
//! Gaussian noise augmentation.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "randomized-smoothing",
    name: "Certified Robustness via Randomized Smoothing Loss",
    aliases: &["Randomized Smoothing", "Gaussian Noise Augmentation Training"],
    kind: Kind::Method,
    domains: &["adversarial-ood"],
    year: 2019,
    paper: Paper {
        title: "Certified Adversarial Robustness via Randomized Smoothing",
        authors: "Jeremy M. Cohen, Elan Rosenfeld, J. Zico Kolter",
        venue: "ICML",
        year: 2019,
        url: "https://arxiv.org/abs/1902.02918",
    },
    summary: "Builds a smoothed classifier g(x) whose prediction is the class the base classifier f returns most often under isotropic Gaussian noise of scale sigma, and certifies that g is constant within L2 radius sigma * Phi^-1(p_A) from a Monte Carlo lower bound p_A on that class's probability. The base classifier is trained with cross-entropy on noisy inputs so that it stays accurate under noise. Certification needs many noisy forward passes per input, and larger sigma gives larger radii at the cost of clean accuracy.",
    formula: r"g(x) = \arg\max_c\ \mathbb{P}_{\delta \sim \mathcal{N}(0, \sigma^2 I)}\bigl(f(x + \delta) = c\bigr),\quad R = \sigma\,\Phi^{-1}\bigl(\underline{p_A}\bigr),\quad \text{training: } \mathbb{E}_{\delta}\bigl[\operatorname{CE}(f(x + \delta), y)\bigr]",
    params: &[
        Param { name: "sigma", symbol: r"\sigma", default: Value::Null, range: Range::POSITIVE, meaning: "standard deviation of the Gaussian noise (the paper reports 0.12 to 1.0)" },
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
    related: &["pgd-at", "trades"],
    uses: &["cross-entropy"],
    status: Status::NotExecutable("training needs the model under noise augmentation; certification needs many noisy forward passes"),
    eval: None,
    ..Entry::BLANK
};
