//! InternVideo: a video foundation model combining masked video modeling and video-language
//! contrastive learning, with the two encoders fused afterwards.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "internvideo",
    name: "InternVideo Loss",
    aliases: &["InternVideo"],
    kind: Kind::Method,
    domains: &["video", "self-supervised", "anomaly-multimodal"],
    year: 2022,
    paper: Paper {
        title: "InternVideo: General Video Foundation Models via Generative and Discriminative Learning",
        authors: "Yi Wang, Kunchang Li, Yizhuo Li, Yinan He, Bingkun Huang, Zhiyu Zhao, Hongjie Zhang, Jilan Xu, Yi Liu, Zun Wang, Sen Xing, Guo Chen, Junting Pan, Jiashuo Yu, Yali Wang, Limin Wang, Yu Qiao",
        venue: "",
        year: 2022,
        url: "https://arxiv.org/abs/2212.03191",
    },
    summary: "Trains two complementary video encoders, one by masked video reconstruction (VideoMAE-style MSE on masked cubes) and one by video-text contrastive learning (CLIP-style symmetric InfoNCE, with a captioning objective), then fuses them with learnable cross-model attention for downstream tasks. The generative path captures motion and low-level detail, the discriminative path semantics aligned with language, and the combination reached state of the art on dozens of video benchmarks. The objectives are those of its components.",
    formula: r"\mathcal{L} = \mathcal{L}_{\text{MVM}} + \mathcal{L}_{\text{contrastive}} + \mathcal{L}_{\text{caption}},\quad \mathcal{L}_{\text{MVM}} = \frac{1}{|\Omega|}\sum_{p \in \Omega}\lVert V(p) - \hat V(p)\rVert_2^2",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["videomae", "clip", "videoclip", "coca"],
    uses: &["videomae", "clip"],
    forms: &[],
    status: Status::NotExecutable("a multi-objective pretraining recipe over two encoders; its objectives are the masked-reconstruction and contrastive entries"),
    eval: None,
    ..Entry::BLANK
};
