//! Supervised contrastive loss: InfoNCE where every other sample with the same label is a positive,
//! averaging the log-probabilities of all positives of each anchor.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "supcon",
    name: "Supervised Contrastive Loss (SupCon)",
    aliases: &["SupCon", "Supervised Contrastive Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "metric-learning", "classification"],
    year: 2020,
    paper: Paper {
        title: "Supervised Contrastive Learning",
        authors: "Khosla et al.",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/2004.11362",
    },
    summary: "For each anchor, a softmax over temperature-scaled similarities to all other samples, and the loss is minus the mean log-probability of the anchor's positives (all same-label samples). It extends SimCLR's NT-Xent to labeled data, is robust to augmentations and hyperparameters, and is typically followed by a linear classifier. Small temperatures sharpen the softmax but can destabilize training.",
    formula: r"\ell_i = -\frac{1}{|P(i)|}\sum_{p \in P(i)}\log\frac{e^{s_{ip}/\tau}}{\sum_{a \ne i} e^{s_{ia}/\tau}},\quad P(i) = \{p \ne i : y_p = y_i\}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "softmax temperature" },
        Param { name: "distance", symbol: "", default: Value::Str("CosineSimilarity(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
    equivalents: &[
        "pytorch_metric_learning.losses.SupConLoss",
    ],
    related: &["nt-xent", "infonce", "instance", "circle"],
    forms: &[
        Form { name: "pml", description: "PML SupConLoss: anchors without positives give 0; losses averaged by PML's AvgNonZeroReducer over those > 0 (0 when none is)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
