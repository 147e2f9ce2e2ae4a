//! SwaV: swapped prediction of cluster codes. Each crop's prototype scores must predict the
//! balanced (Sinkhorn) code computed from another crop of the same image.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "swav",
    name: "SwAV Loss",
    aliases: &["Swapping Assignments between Views"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2020,
    paper: Paper {
        title: "Unsupervised Learning of Visual Features by Contrasting Cluster Assignments",
        authors: "Caron et al.",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/2006.09882",
    },
    summary: "For each high-resolution crop, computes soft cluster codes from its prototype scores with a few Sinkhorn-Knopp iterations (which force an equal share of the batch onto every prototype, avoiding collapse), without gradient; every other crop, including the cheap low-resolution multi-crops, is trained to predict those codes by cross-entropy against its softmax at a temperature. It compares cluster assignments instead of pairs of features, so it needs no negatives, but the batch must be large enough relative to the number of prototypes for the equipartition to make sense.",
    formula: r"Q^{(i)} = \operatorname{sinkhorn}\!\left(e^{h_i/\varepsilon}\right),\quad \mathcal{L} = \frac{1}{H}\sum_{i=1}^{H}\frac{1}{V - 1}\sum_{v \ne i} -\frac{1}{N}\sum_{n}\sum_{k} Q^{(i)}_{nk}\,\log\operatorname{softmax}\!\left(\frac{x_{v,n}}{\tau}\right)_{k}",
    inputs: &[
        Input { name: "high_{i}", shape: "[N, K]", meaning: "prototype scores of high-resolution crop i (high_0, high_1, ...); codes come from these" },
        Input { name: "low_{j}", shape: "[N, K]", meaning: "prototype scores of low-resolution crop j (low_0, ...), optional" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "temperature of the predicting softmax" },
        Param { name: "sinkhorn_iterations", symbol: "", default: Value::Int(3), range: Range::Integer { min: 0, max: i64::MAX }, meaning: "Sinkhorn-Knopp iterations for the codes" },
        Param { name: "sinkhorn_epsilon", symbol: r"\varepsilon", default: Value::Float(0.05), range: Range::POSITIVE, meaning: "entropic regularization: codes start from exp(scores / epsilon)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["lightly.loss.SwaVLoss"],
    related: &["dino", "msn", "nt-xent"],
    forms: &[
        Form { name: "lightly", description: "lightly SwaVLoss(temperature, sinkhorn_iterations, sinkhorn_epsilon)(high, low): codes by lightly's sinkhorn on detached high-resolution scores; V = number of all crops; the sub-loss of code crop i sums the cross-entropies of every other crop and divides by V - 1; the result is averaged over the H high-resolution crops." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
