//! PatchCore: anomaly score from the distance of an image's patch features to a coreset-subsampled
//! memory bank of patch features from normal training images. A detector score, not a training
//! loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "patchcore",
    name: "PatchCore",
    kind: Kind::Score,
    domains: &["anomaly-multimodal"],
    year: 2022,
    paper: Paper {
        title: "Towards Total Recall in Industrial Anomaly Detection",
        authors: "Karsten Roth, Latha Pemula, Joaquin Zepeda, Bernhard Schölkopf, Thomas Brox, Peter Gehler",
        venue: "CVPR",
        year: 2022,
        url: "https://arxiv.org/abs/2106.08265",
    },
    summary: "Extracts locally aggregated mid-level patch features from an ImageNet-pretrained backbone for all normal training images, reduces them with greedy coreset subsampling to a memory bank (1 to 10 percent), and scores a test image by the largest distance of any of its patches to its nearest memory-bank entry, reweighted by how isolated that entry is. It is a detector score, not trained on: nothing is learned beyond the memory bank. It reaches near-perfect detection on MVTec AD; its cost is the memory bank and the nearest-neighbour search at test time.",
    formula: r"s^* = \max_{m^{test} \in \mathcal{P}(x)}\ \min_{m \in \mathcal{M}}\ \bigl\lVert m^{test} - m \bigr\rVert_2,\quad s = \Bigl(1 - \frac{e^{\lVert m^{test,*} - m^* \rVert_2}}{\sum_{m \in \mathcal{N}_b(m^*)} e^{\lVert m^{test,*} - m \rVert_2}}\Bigr)s^*",
    inputs: &[
        Input { name: "embeddings", shape: "[P, D]", meaning: "patch features of the test image" },
        Input { name: "target_embeddings", shape: "[M, D]", meaning: "memory bank of normal patch features" },
    ],
    params: &[
        Param { name: "num_neighbors", symbol: "b", default: Value::Null, range: Range::Integer { min: 1, max: 2147483648 }, meaning: "number of memory-bank neighbours used in the reweighting" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["knn-ood", "deep-svdd", "simplenet", "reverse-distillation"],
    status: Status::Planned("the score is a function of patch features and a memory bank; feature extraction and coreset selection need the backbone; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
