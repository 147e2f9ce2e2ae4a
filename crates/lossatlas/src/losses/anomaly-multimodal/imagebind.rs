//! ImageBind's loss: symmetric InfoNCE between image embeddings and the embeddings of another
//! modality (text, audio, depth, thermal, IMU) paired with them, which binds all modalities to one
//! image-centred space.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "imagebind",
    name: "ImageBind Loss",
    aliases: &["ImageBind InfoNCE"],
    kind: Kind::Loss,
    domains: &["anomaly-multimodal", "self-supervised"],
    year: 2023,
    paper: Paper {
        title: "ImageBind: One Embedding Space To Bind Them All",
        authors: "Rohit Girdhar, Alaaeldin El-Nouby, Zhuang Liu, Mannat Singh, Kalyan Vasudev Alwala, Armand Joulin, Ishan Misra",
        venue: "CVPR",
        year: 2023,
        url: "https://arxiv.org/abs/2305.05665",
    },
    summary: "Aligns each extra modality only with images, using a symmetric InfoNCE loss between a frozen or trained image encoder and the modality encoder on naturally paired data (video audio, depth maps, IMU traces). Because every modality is aligned to images, modalities never seen together (say audio and text) become comparable zero-shot. The strength of the emergent alignment depends on the quality of the image-text model used as anchor.",
    formula: r"\mathcal{L}_{I, M} = -\log\frac{\exp(q_i^\top k_i / \tau)}{\exp(q_i^\top k_i / \tau) + \sum_{j \ne i}\exp(q_i^\top k_j / \tau)},\quad \mathcal{L} = \mathcal{L}_{I, M} + \mathcal{L}_{M, I}",
    inputs: &[
        Input { name: "image_embeds", shape: "[N, D]", meaning: "normalized image embeddings q" },
        Input { name: "z2", shape: "[N, D]", meaning: "normalized embeddings k of the paired modality" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Null, range: Range::POSITIVE, meaning: "softmax temperature" },
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
    equivalents: &["open_clip.loss.ClipLoss"],
    related: &["clip", "infonce", "align"],
    status: Status::Planned("a symmetric InfoNCE on paired embeddings; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
