//! SigLIP: image-text pretraining with an independent binary (sigmoid) loss on every
//! image-text pair of the batch instead of a softmax over the batch.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "siglip",
    name: "SigLIP Loss",
    aliases: &["Sigmoid Loss for Language-Image Pre-training", "Pairwise Sigmoid Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "anomaly-multimodal"],
    year: 2023,
    paper: Paper {
        title: "Sigmoid Loss for Language Image Pre-Training",
        authors: "Zhai et al.",
        venue: "ICCV",
        year: 2023,
        url: "https://arxiv.org/abs/2303.15343",
    },
    summary: "Treats each of the N x N image-text pairs as a binary classification: the matching pairs on the diagonal are positives and all others negatives, each scored by a logistic loss on a scaled and shifted dot product, summed and divided by N. No normalization over the batch is needed, so the loss decouples from batch size and shards easily across devices. The learnable bias (initialized strongly negative in the paper, together with a scale of 10) offsets the heavy imbalance of N - 1 negatives per positive.",
    formula: r"\mathcal{L} = -\frac{1}{N}\sum_{i=1}^{N}\sum_{j=1}^{N}\log\sigma\!\bigl(z_{ij}\,(t\, x_i^\top y_j + b)\bigr),\quad z_{ij} = \begin{cases} 1 & i = j\\ -1 & i \ne j\end{cases}",
    inputs: &[
        Input { name: "image_embeds", shape: "[N, D]", meaning: "image embeddings, used as given" },
        Input { name: "text_embeds", shape: "[N, D]", meaning: "text embeddings of the matching captions, same order" },
        Input { name: "logit_scale", shape: "[]", meaning: "exponentiated scale t" },
        Input { name: "logit_bias", shape: "[]", meaning: "learnable bias b" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["open_clip.loss.SigLipLoss"],
    related: &["clip", "binary-cross-entropy", "infonce"],
    forms: &[],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
