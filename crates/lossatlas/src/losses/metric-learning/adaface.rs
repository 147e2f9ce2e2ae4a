//! AdaFace: an angular-margin softmax for face recognition whose margin adapts to image quality,
//! using the embedding's feature norm as a quality proxy.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "adaface",
    name: "AdaFace",
    aliases: &["AdaFace Loss", "Quality Adaptive Margin Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2022,
    paper: Paper {
        title: "AdaFace: Quality Adaptive Margin for Face Recognition",
        authors: "Kim et al.",
        venue: "CVPR 2022",
        year: 2022,
        url: "https://arxiv.org/abs/2204.00964",
    },
    summary: "A margin softmax over cosine similarities to class weights where the target-class margin depends on image quality: the feature norm ||z|| is standardized with batch statistics kept as exponential moving averages, scaled by h and clipped to [-1, 1] (z-hat), and the target logit becomes s (cos(theta + g_angle) - g_add) with g_angle = -m z-hat and g_add = m z-hat + m. High-quality (large-norm) samples get an ArcFace-like angular margin that emphasizes hard examples, low-quality ones a CosFace-like margin that de-emphasizes them, so unrecognizable images do not dominate training. Defaults m = 0.4, h = 0.333, s = 64; the norm statistics make the loss depend on the batch and on training state.",
    formula: r"\ell = -\log \frac{e^{s(\cos(\theta_y + g_{\text{angle}}) - g_{\text{add}})}}{e^{s(\cos(\theta_y + g_{\text{angle}}) - g_{\text{add}})} + \sum_{j \neq y} e^{s \cos \theta_j}},\quad g_{\text{angle}} = -m \hat z,\ g_{\text{add}} = m \hat z + m,\ \hat z = \operatorname{clip}\Big(\frac{\lVert z \rVert - \mu_z}{\sigma_z / h}, -1, 1\Big)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "unnormalized face embeddings (their norms are the quality proxy)" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "identity labels" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight matrix (normalized inside)" },
    ],
    params: &[
        Param { name: "m", symbol: "m", default: Value::Float(0.4), range: Range::NON_NEGATIVE, meaning: "margin" },
        Param { name: "h", symbol: "h", default: Value::Float(0.333), range: Range::POSITIVE, meaning: "concentration of the standardized norm before clipping" },
        Param { name: "s", symbol: "s", default: Value::Float(64.0), range: Range::POSITIVE, meaning: "logit scale" },
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
    related: &["arcface", "cosface", "elasticface", "sphereface", "sub-center-arcface"],
    status: Status::Planned("no reference cases; needs the running norm statistics as inputs"),
    eval: None,
    ..Entry::BLANK
};
