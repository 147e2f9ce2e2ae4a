//! CLIP distillation as open_clip trains it: the student's CLIP contrastive loss plus a
//! cross-entropy from the teacher's image-text similarity distributions to the student's.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "distill-clip",
    name: "CLIP Distillation Loss",
    aliases: &["DistillClipLoss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "distillation", "anomaly-multimodal"],
    year: 2023,
    year_approx: true,
    paper: Paper {
        title: "OpenCLIP",
        authors: "Ilharco, G., Wortsman, M., Wightman, R., Gordon, C., Carlini, N., Taori, R., Dave, A., Shankar, V., Namkoong, H., Miller, J., Hajishirzi, H., Farhadi, A. & Schmidt, L.",
        venue: "",
        year: 2023,
        url: "https://github.com/mlfoundations/open_clip",
    },
    summary: "Trains a small CLIP student with its own symmetric contrastive loss plus a distillation term: for the image-to-text and the text-to-image similarity matrices, the cross-entropy from the teacher's row softmax to the student's row log-softmax, averaged over rows and over the two directions. The teacher's logits use the teacher's own embeddings and scale. Distilling whole similarity distributions transfers how the teacher ranks all captions, not only the matching one. open_clip does not detach the teacher inputs; freeze the teacher (or detach) in training, and note that the atlas value is the sum of the two returned terms.",
    formula: r"\mathcal{L} = \mathcal{L}_{\text{CLIP}}(I, T, s) + \frac{1}{2}\sum_{(S, S^{t}) \in \{(S_{IT}, S^{t}_{IT}),\,(S_{TI}, S^{t}_{TI})\}} \frac{1}{N}\sum_{i}\sum_{j} -\operatorname{softmax}(S^{t}_{i})_{j}\,\log\operatorname{softmax}(S_{i})_{j},\quad S_{IT} = s\,I T^\top,\ S^{t}_{IT} = s_t\,I_t T_t^\top",
    inputs: &[
        Input { name: "image_embeds", shape: "[N, D]", meaning: "student image embeddings" },
        Input { name: "text_embeds", shape: "[N, D]", meaning: "student text embeddings" },
        Input { name: "logit_scale", shape: "[]", meaning: "student's exponentiated temperature scale" },
        Input { name: "dist_image_embeds", shape: "[N, D_t]", meaning: "teacher image embeddings" },
        Input { name: "dist_text_embeds", shape: "[N, D_t]", meaning: "teacher text embeddings" },
        Input { name: "dist_logit_scale", shape: "[]", meaning: "teacher's exponentiated temperature scale" },
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
    equivalents: &["open_clip.loss.DistillClipLoss"],
    related: &["clip", "knowledge-distillation", "kl-divergence", "siglip"],
    forms: &[],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
