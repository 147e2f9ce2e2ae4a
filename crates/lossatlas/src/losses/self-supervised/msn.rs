//! Masked Siamese Networks: a masked anchor view must assign itself to learnable prototypes the
//! same way the unmasked target view does, with a mean-entropy regularizer against collapse.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "msn",
    name: "MSN Loss",
    aliases: &["Masked Siamese Networks Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2022,
    paper: Paper {
        title: "Masked Siamese Networks for Label-Efficient Learning",
        authors: "Assran, M., Caron, M., Misra, I., Bojanowski, P., Bordes, F., Vincent, P., Joulin, A., Rabbat, M. & Ballas, N.",
        venue: "ECCV",
        year: 2022,
        url: "https://arxiv.org/abs/2204.07141",
    },
    summary: "Both views are compared with K learnable prototypes by cosine similarity; the target view's soft assignment is sharpened and Sinkhorn-balanced without gradient, repeated for each masked anchor view, and the anchors' softmax assignments are trained by cross-entropy to match it. A mean-entropy maximization term (weight w) pushes the average anchor assignment towards using all prototypes, which prevents collapse. Masking only the anchor lets the ViT drop patches and cuts compute; the targets receive no gradient.",
    formula: r"p_i = \operatorname{softmax}\!\left(\frac{\hat a_i^\top \hat P^\top}{\tau}\right),\quad q = \operatorname{sinkhorn}\!\left(\operatorname{sharpen}_{T}\!\left(\operatorname{softmax}\!\left(\frac{\hat t^\top \hat P^\top}{\tau}\right)\right)\right),\quad \mathcal{L} = \frac{1}{M}\sum_{i=1}^{M} -\sum_{k} q_{ik}\log p_{ik} + w\,\bigl(\log K - H(\bar p)\bigr)",
    inputs: &[
        Input { name: "anchors", shape: "[N * V, D]", meaning: "embeddings of the V masked anchor views per image, view-major" },
        Input { name: "targets", shape: "[N, D]", meaning: "embeddings of the unmasked target view (no gradient)" },
        Input { name: "prototypes", shape: "[K, D]", meaning: "learnable prototype vectors; receive a gradient" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.1), range: Range::Real { min: 0.0, max: 1.0, open_min: true, open_max: false }, meaning: "temperature of the anchor and target softmax over prototypes" },
        Param { name: "sinkhorn_iterations", symbol: "", default: Value::Int(3), range: Range::Integer { min: 0, max: i64::MAX }, meaning: "Sinkhorn-Knopp balancing iterations on the targets (0 disables)" },
        Param { name: "regularization_weight", symbol: "w", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the mean-entropy maximization term" },
        Param { name: "target_sharpen_temperature", symbol: "T", default: Value::Float(0.25), range: Range::POSITIVE, meaning: "sharpening p^(1/T), renormalized, of the target probabilities" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["lightly.loss.MSNLoss"],
    related: &["swav", "dino", "videomae"],
    forms: &[
        Form { name: "lightly", description: "lightly MSNLoss: anchors, targets and prototypes L2-normalized; target probabilities under no_grad, sharpened, balanced by lightly.loss.msn_loss.sinkhorn and repeated V = anchors/targets times; loss = mean over anchor rows of the cross-entropy plus w * (log K - H(mean anchor probability)), H(m) = -sum m log m." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
