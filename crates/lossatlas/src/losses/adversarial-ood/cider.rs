//! CIDER: a hyperspherical representation loss that pulls each embedding toward its class prototype
//! (compactness) and pushes prototypes of different classes apart (dispersion), giving features
//! suited to distance-based OOD detection.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "cider",
    name: "CIDER Loss (Compactness and Dispersion)",
    aliases: &["Compactness and Dispersion Regularized Learning"],
    kind: Kind::Loss,
    domains: &["adversarial-ood"],
    year: 2023,
    paper: Paper {
        title: "How to Exploit Hyperspherical Embeddings for Out-of-Distribution Detection",
        authors: "Yifei Ming, Yiyou Sun, Ousmane Dia, Yixuan Li",
        venue: "ICLR",
        year: 2023,
        url: "https://arxiv.org/abs/2203.04450",
    },
    summary: "Learns unit-norm embeddings with two terms: a compactness loss, a softmax cross-entropy of each embedding against the class prototypes (a von Mises-Fisher likelihood), and a dispersion loss that penalizes high similarity between prototypes of different classes; prototypes are exponential moving averages of normalized embeddings. Detection then uses a KNN score in this space. The temperature and the weight of the compactness term matter.",
    formula: r"\mathcal{L} = \mathcal{L}_{dis} + \lambda_c\mathcal{L}_{comp},\quad \mathcal{L}_{comp} = -\frac{1}{N}\sum_{i}\log\frac{e^{z_i^\top \mu_{y_i} / \tau}}{\sum_{j} e^{z_i^\top \mu_j / \tau}},\quad \mathcal{L}_{dis} = \frac{1}{C}\sum_{i}\log\frac{1}{C - 1}\sum_{j \ne i} e^{\mu_i^\top \mu_j / \tau}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "unit-normalized embeddings" },
        Input { name: "labels", shape: "[N]", meaning: "class indices" },
        Input { name: "weight", shape: "[C, D]", meaning: "class prototypes (unit-normalized, updated by moving average)" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "temperature of both terms" },
        Param { name: "lambda_c", symbol: r"\lambda_c", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "weight of the compactness term" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["knn-ood", "supcon", "ssd", "csi", "proxy-nca"],
    status: Status::Planned("a function of embeddings, labels and prototypes; the prototype update is training state; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
