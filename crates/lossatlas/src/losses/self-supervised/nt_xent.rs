//! NT-Xent, SimCLR's loss: a softmax cross-entropy over cosine similarities divided by a
//! temperature, in which each view must find the other view of the same image.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "nt-xent",
    name: "NT-Xent",
    aliases: &["SimCLR Loss", "Normalized Temperature-scaled Cross-Entropy", "NTXentLoss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "metric-learning"],
    year: 2020,
    paper: Paper {
        title: "A Simple Framework for Contrastive Learning of Visual Representations",
        authors: "Chen et al.",
        venue: "ICML",
        year: 2020,
        url: "https://arxiv.org/abs/2002.05709",
    },
    summary: "For every positive pair (two views of one image, or two samples with the same label) computes minus the log-softmax of their cosine similarity over temperature against the anchor's similarities to negatives, and averages over positive pairs. In SimCLR the batch of N images gives 2N views and 2N-2 negatives per anchor, so quality grows with batch size; the temperature controls how strongly hard negatives are weighted. The libraries differ in who counts as a negative (the other view only, both views, or label-based) and in defaults (temperature 0.07 in PML and optax, 0.5 in lightly and MONAI).",
    formula: r"s_{ij} = \frac{z_i^\top z_j}{\lVert z_i\rVert\,\lVert z_j\rVert},\quad \ell_{ap} = -\log\frac{e^{s_{ap}/\tau}}{e^{s_{ap}/\tau} + \sum_{n:\,y_n \ne y_a} e^{s_{an}/\tau}},\quad \mathcal{L} = \operatorname{mean}_{(a,p):\ y_a = y_p,\ a \ne p}\ \ell_{ap}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "forms pml, optax: embeddings with class labels; same-label pairs are positives" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "forms pml, optax: labels defining positives and negatives" },
        Input { name: "z1", shape: "[N, D]", meaning: "forms pml-self-supervised, monai, lightly: first view of each image" },
        Input { name: "z2", shape: "[N, D]", meaning: "forms pml-self-supervised, monai, lightly: second view, same order" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.07), range: Range::POSITIVE, meaning: "similarities are divided by tau (default 0.07 in pml and optax, 0.5 in monai and lightly)" },
        Param { name: "symmetric", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "form pml-self-supervised: average loss(z1, z2) and loss(z2, z1)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.NTXentLoss",
        "pytorch_metric_learning.losses.SelfSupervisedLoss",
        "monai.losses.ContrastiveLoss",
        "lightly.loss.NTXentLoss",
        "optax.losses.ntxent",
    ],
    related: &["infonce", "supcon", "decoupled-contrastive", "clip", "moco", "n-pair"],
    forms: &[
        Form { name: "pml", description: "pytorch-metric-learning NTXentLoss(temperature) on embeddings and labels: cosine similarity (embeddings normalized); every same-label pair (a, p), a != p, is a positive with the different-label samples as negatives; mean over positive pairs (0 when there are none)." },
        Form { name: "pml-self-supervised", description: "pytorch-metric-learning SelfSupervisedLoss(NTXentLoss(temperature), symmetric): labels arange(N) for z1 and z2 and ref_emb = z2, so anchors come from z1 and positives and negatives from z2 (an N-way softmax per anchor); symmetric averages the loss with the roles of z1 and z2 swapped." },
        Form { name: "monai", description: "MONAI ContrastiveLoss(temperature)(z1, z2): SimCLR's 2N-way loss: both views L2-normalized and stacked, self-similarity excluded, the other view of the same image is the positive; mean over the 2N anchors." },
        Form { name: "lightly", description: "lightly NTXentLoss(temperature)(z1, z2) without memory bank: the same 2N-way cross-entropy over cosine similarity / temperature with self-similarity excluded, mean over the 2N anchors." },
        Form { name: "optax", description: "optax.losses.ntxent(embeddings, labels, temperature): cosine similarity with eps = machine epsilon in the norms; per positive pair (same label, i != j) -log(exp(s_ij) / (exp(s_ij) + sum over different-label k of exp(s_ik))), mean over positive pairs. labels must have one entry per embedding." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
