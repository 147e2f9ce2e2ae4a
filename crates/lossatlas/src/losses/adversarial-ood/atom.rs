//! ATOM: trains an OOD-aware classifier with an extra 'outlier' class on adversarially perturbed
//! auxiliary outliers, mining the most informative outliers near the decision boundary.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "atom",
    name: "ATOM Loss (Adversarial Training with Outlier Mining)",
    aliases: &["Adversarial Training with Informative Outlier Mining"],
    kind: Kind::Method,
    domains: &["adversarial-ood"],
    year: 2021,
    paper: Paper {
        title: "ATOM: Robustifying Out-of-distribution Detection Using Outlier Mining",
        authors: "Jiefeng Chen, Yixuan Li, Xi Wu, Yingyu Liang, Somesh Jha",
        venue: "",
        year: 2021,
        url: "https://arxiv.org/abs/2006.15207",
    },
    summary: "Adds a (K+1)-th class for outliers and trains on in-distribution data plus adversarially perturbed auxiliary outliers labelled with that class. Instead of sampling outliers uniformly, it ranks a large auxiliary pool by the current model's OOD score and trains on a slice that starts at a quantile q of that ranking, so the model sees informative outliers near the decision boundary rather than trivially easy ones; the authors show this matters for robustness to perturbed OOD inputs. The OOD score is the predicted probability of the extra class.",
    formula: r"\min_\theta\ \mathbb{E}_{(x, y) \sim \mathcal{D}_{in}}\bigl[\operatorname{CE}(f(x), y)\bigr] + \lambda\,\mathbb{E}_{x' \sim \mathcal{Q}_q}\Bigl[\max_{\lVert \delta \rVert_\infty \le \epsilon}\operatorname{CE}\bigl(f(x' + \delta), K + 1\bigr)\Bigr]",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["outlier-exposure", "pgd-at", "energy-ood"],
    uses: &["cross-entropy", "pgd-at", "outlier-exposure"],
    status: Status::NotExecutable("needs outlier mining with the model and adversarial perturbation of outliers"),
    eval: None,
    ..Entry::BLANK
};
