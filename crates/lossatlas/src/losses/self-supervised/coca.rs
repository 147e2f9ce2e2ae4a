//! CoCa's objective: CLIP's image-text contrastive loss plus a captioning (next-token
//! cross-entropy) loss from a multimodal decoder, added with fixed weights.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "coca",
    name: "CoCa Loss",
    aliases: &["Contrastive Captioner Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "anomaly-multimodal", "language-modeling"],
    year: 2022,
    paper: Paper {
        title: "CoCa: Contrastive Captioners are Image-Text Foundation Models",
        authors: "Yu, J., Wang, Z., Vasudevan, V., Yeung, L., Seyedhosseini, M. & Wu, Y.",
        venue: "TMLR",
        year: 2022,
        url: "https://arxiv.org/abs/2205.01917",
    },
    summary: "Adds the symmetric CLIP contrastive loss between pooled image and text embeddings to a captioning loss: token-level cross-entropy of the decoder's vocabulary logits against the caption, ignoring padding tokens. The paper weights captioning twice as much as the contrastive term. open_clip requires both weights explicitly and returns the two terms separately; the atlas value is their sum. The caption mean is over non-pad tokens of the whole batch, so batches with many short captions weigh each token more.",
    formula: r"\mathcal{L} = \lambda_{\text{con}}\,\mathcal{L}_{\text{CLIP}}(I, T, s) + \lambda_{\text{cap}}\,\frac{\sum_{n,t} m_{nt}\,\bigl(-\log \operatorname{softmax}(x_{nt})_{y_{nt}}\bigr)}{\sum_{n,t} m_{nt}},\quad m_{nt} = [y_{nt} \ne \text{pad}]",
    inputs: &[
        Input { name: "image_embeds", shape: "[N, D]", meaning: "image embeddings for the contrastive term, used as given" },
        Input { name: "text_embeds", shape: "[N, D]", meaning: "text embeddings for the contrastive term" },
        Input { name: "logits", shape: "[N, L, V]", meaning: "caption decoder logits over the vocabulary for each token position" },
        Input { name: "labels", shape: "[N, L] (i64)", meaning: "caption token ids; pad_id positions are ignored" },
        Input { name: "logit_scale", shape: "[]", meaning: "exponentiated contrastive temperature scale" },
    ],
    params: &[
        Param { name: "caption_loss_weight", symbol: r"\lambda_{\text{cap}}", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "weight of the captioning cross-entropy (2.0 in the paper; open_clip has no default)" },
        Param { name: "clip_loss_weight", symbol: r"\lambda_{\text{con}}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the contrastive term (1.0 in the paper; open_clip has no default)" },
        Param { name: "pad_id", symbol: "", default: Value::Int(0), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "token id ignored by the captioning cross-entropy" },
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
    equivalents: &["open_clip.loss.CoCaLoss"],
    related: &["clip", "next-token-prediction", "cross-entropy", "siglip"],
    forms: &[],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
