//! ALIGN's loss: a symmetric normalized-softmax contrastive loss between image and text embeddings
//! of noisy web alt-text pairs, with a learnable temperature.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "align",
    name: "ALIGN Loss",
    aliases: &["ALIGN Contrastive Loss"],
    kind: Kind::Loss,
    domains: &["anomaly-multimodal", "self-supervised"],
    year: 2021,
    paper: Paper {
        title: "Scaling Up Visual and Vision-Language Representation Learning With Noisy Text Supervision",
        authors: "Chao Jia, Yinfei Yang, Ye Xia, Yi-Ting Chen, Zarana Parekh, Hieu Pham, Quoc V. Le, Yunhsuan Sung, Zhen Li, Tom Duerig",
        venue: "ICML",
        year: 2021,
        url: "https://arxiv.org/abs/2102.05918",
    },
    summary: "Trains a dual encoder on over a billion noisy image/alt-text pairs with the sum of image-to-text and text-to-image softmax contrastive losses over the batch, computed on L2-normalized embeddings with a learned temperature, the same objective as CLIP. The paper's point is that scale compensates for the noise of barely filtered web data. Very large batches (ALIGN used 16,384) provide the negatives; small batches weaken the loss.",
    formula: r"\mathcal{L} = -\frac{1}{N}\sum_{i}\log\frac{e^{x_i^\top y_i / \sigma}}{\sum_{j} e^{x_i^\top y_j / \sigma}} - \frac{1}{N}\sum_{i}\log\frac{e^{y_i^\top x_i / \sigma}}{\sum_{j} e^{y_i^\top x_j / \sigma}}",
    inputs: &[
        Input { name: "image_embeds", shape: "[N, D]", meaning: "L2-normalized image embeddings x" },
        Input { name: "text_embeds", shape: "[N, D]", meaning: "L2-normalized text embeddings y, paired by row" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\sigma", default: Value::Null, range: Range::POSITIVE, meaning: "softmax temperature (learned jointly in ALIGN)" },
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
    related: &["clip", "siglip", "infonce", "imagebind", "blip"],
    status: Status::Planned("same objective as clip; no reference cases of its own"),
    eval: None,
    ..Entry::BLANK
};
