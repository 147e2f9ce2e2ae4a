//! Topological loss: compare the persistence diagrams of the predicted likelihood map and the
//! ground truth, so that the segmentation has the right number of components and holes.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "topological",
    name: "Topological Loss",
    aliases: &["TopoLoss", "Persistent Homology Loss"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2019,
    paper: Paper {
        title: "Topology-Preserving Deep Image Segmentation",
        authors: "Hu et al.",
        venue: "NeurIPS",
        year: 2019,
        url: "https://arxiv.org/abs/1906.05404",
    },
    summary: "Computes the persistence diagram of the predicted likelihood map under a filtration by threshold (cubical persistent homology, usually per patch), optimally matches its points (births and deaths of components and loops) to those of the ground truth, and penalizes squared differences of matched births and deaths; unmatched points are pushed onto the diagonal. Each birth or death value is the likelihood at a critical pixel, so the gradient flows to a handful of pixels. Added to cross-entropy with a weight lambda, it fixes broken thin structures such as vessels, membranes and roads that overlap losses barely notice; computing persistence is expensive, hence patch-wise use.",
    formula: r"\mathcal{L} = \mathcal{L}_{\text{BCE}} + \lambda\,\sum_{p \in \operatorname{Dgm}(f)}\Bigl[\bigl(\operatorname{birth}(p) - \operatorname{birth}(\gamma^{*}(p))\bigr)^2 + \bigl(\operatorname{death}(p) - \operatorname{death}(\gamma^{*}(p))\bigr)^2\Bigr]",
    inputs: &[
        Input { name: "probs", shape: "[N, 1, H, W]", meaning: "predicted likelihood map f" },
        Input { name: "targets", shape: "[N, 1, H, W]", meaning: "binary ground-truth mask g (its diagram defines the optimal matching gamma*)" },
    ],
    params: &[
        Param { name: "lambda", symbol: r"\lambda", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "weight of the topological term (tuned per dataset)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[],
    related: &["cl-dice", "soft-dice-cl-dice", "binary-cross-entropy", "dice"],
    forms: &[],
    status: Status::Planned("not implemented yet: needs cubical persistent homology (critical pixels and a diagram matching)"),
    eval: None,
    ..Entry::BLANK
};
