//! VOS: samples virtual outliers from the low-likelihood region of class-conditional Gaussians
//! fitted in feature space and trains an energy-based uncertainty head to separate them from real
//! features.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "vos",
    name: "VOS Loss (Virtual Outlier Synthesis)",
    aliases: &["Virtual Outlier Synthesis"],
    kind: Kind::Method,
    domains: &["adversarial-ood"],
    year: 2022,
    paper: Paper {
        title: "VOS: Learning What You Don't Know by Virtual Outlier Synthesis",
        authors: "Xuefeng Du, Zhaoning Wang, Mu Cai, Yixuan Li",
        venue: "ICLR",
        year: 2022,
        url: "https://arxiv.org/abs/2202.01197",
    },
    summary: "Avoids auxiliary outlier datasets: it fits class-conditional Gaussians to penultimate features (from a running queue), samples many features and keeps those with the lowest likelihood as virtual outliers, and adds an uncertainty loss, a logistic loss on a learnable transform of the energy that separates real features from virtual outliers, to the classification and box losses (weight beta = 0.1). Designed for object detection as well as classification. The Gaussian assumption on features limits what outliers it can synthesize.",
    formula: r"\mathcal{L} = \mathcal{L}_{cls} + \mathcal{L}_{loc} + \beta\,\mathcal{L}_{unc},\quad \mathcal{L}_{unc} = \mathbb{E}_{x}\bigl[\operatorname{BCE}(\sigma(\phi(E(x))), 1)\bigr] + \mathbb{E}_{v \sim \mathcal{V}}\bigl[\operatorname{BCE}(\sigma(\phi(E(v))), 0)\bigr]",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    equivalents: &["pytorch_ood.loss.VOSRegLoss"],
    related: &["energy-ood", "outlier-exposure", "cider"],
    uses: &["cross-entropy", "energy-ood", "binary-cross-entropy"],
    status: Status::NotExecutable("needs the feature queue, Gaussian fitting and sampling of virtual outliers inside training"),
    eval: None,
    ..Entry::BLANK
};
