//! MoCo: contrastive learning against a large queue of keys produced by a slowly updated
//! momentum encoder; the objective itself is InfoNCE.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "moco",
    name: "MoCo Loss",
    aliases: &["MoCo", "Momentum Contrast"],
    kind: Kind::Method,
    domains: &["self-supervised"],
    year: 2020,
    paper: Paper {
        title: "Momentum Contrast for Unsupervised Visual Representation Learning",
        authors: "He et al.",
        venue: "CVPR",
        year: 2020,
        url: "https://arxiv.org/abs/1911.05722",
    },
    summary: "Trains a query encoder with InfoNCE, where the positive key is the momentum encoder's embedding of another view of the same image and the negatives are a FIFO queue of keys from previous batches (65,536 in the paper), with temperature 0.07. The key encoder is an exponential moving average of the query encoder (m = 0.999), which keeps the queued keys consistent enough to be compared. This decouples the number of negatives from the batch size; MoCo v2 adds an MLP head and stronger augmentation, MoCo v3 drops the queue for large in-batch negatives with ViTs. Shuffling batch norm across devices is needed to stop the model from cheating through batch statistics.",
    formula: r"\mathcal{L}_q = -\log\frac{e^{q^\top k_{+}/\tau}}{\sum_{i=0}^{K} e^{q^\top k_i/\tau}},\quad \theta_k \leftarrow m\,\theta_k + (1 - m)\,\theta_q",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["infonce", "nt-xent", "byol", "tico", "clip"],
    uses: &["infonce"],
    forms: &[],
    status: Status::NotExecutable("a training procedure: needs a momentum encoder and a queue of past keys; the loss itself is infonce with the queue as negatives"),
    eval: None,
    ..Entry::BLANK
};
