//! CLIP's symmetric contrastive loss: in a batch of matching image-text pairs, each image must
//! pick out its own caption among all captions and each caption its own image.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "clip",
    name: "CLIP Loss",
    aliases: &["Symmetric InfoNCE", "Image-Text Contrastive Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "anomaly-multimodal"],
    year: 2021,
    paper: Paper {
        title: "Learning Transferable Visual Models From Natural Language Supervision",
        authors: "Radford et al.",
        venue: "ICML",
        year: 2021,
        url: "https://arxiv.org/abs/2103.00020",
    },
    summary: "Scores every image against every text in the batch with a scaled dot product and averages two cross-entropies: rows (image to text) and columns (text to image), with the matching pair on the diagonal as the target. The scale is a learned temperature, stored in log space and exponentiated before use (open_clip passes the exponentiated value). Embeddings are usually L2-normalized by the model, not by the loss; large batches matter because every other pair is a negative, and duplicate captions in a batch become false negatives.",
    formula: r"S = s\, I\, T^\top,\quad \mathcal{L} = -\frac{1}{2N}\sum_{i=1}^{N}\left[\log\frac{e^{S_{ii}}}{\sum_{j} e^{S_{ij}}} + \log\frac{e^{S_{ii}}}{\sum_{j} e^{S_{ji}}}\right]",
    inputs: &[
        Input { name: "image_embeds", shape: "[N, D]", meaning: "image embeddings, used as given (normalize them beforehand)" },
        Input { name: "text_embeds", shape: "[N, D]", meaning: "text embeddings of the matching captions, same order" },
        Input { name: "logit_scale", shape: "[]", meaning: "the (already exponentiated) temperature scale s; receives a gradient" },
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
    equivalents: &["open_clip.loss.ClipLoss"],
    related: &["siglip", "infonce", "nt-xent", "coca", "distill-clip"],
    forms: &[],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
