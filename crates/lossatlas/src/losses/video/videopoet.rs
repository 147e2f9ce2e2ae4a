//! VideoPoet: a decoder-only language model over discrete video, image, audio and text tokens,
//! pretrained on a mixture of generation tasks with next-token prediction.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "videopoet",
    name: "VideoPoet Loss",
    aliases: &["VideoPoet"],
    kind: Kind::Method,
    domains: &["video", "language-modeling", "audio"],
    year: 2024,
    paper: Paper {
        title: "VideoPoet: A Large Language Model for Zero-Shot Video Generation",
        authors: "Dan Kondratyuk, Lijun Yu, Xiuye Gu, José Lezama, Jonathan Huang, Grant Schindler, Rachel Hornung, Vighnesh Birodkar, Jimmy Yan, Ming-Chang Chiu, Krishna Somandepalli, Hassan Akbari, Yair Alon, Yong Cheng, Josh Dillon, Agrim Gupta, Meera Hahn, Anja Hauth, David Hendon, Alonso Martinez, David Minnen, Mikhail Sirotenko, Kihyuk Sohn, Xuan Yang, Hartwig Adam, Ming-Hsuan Yang, Irfan Essa, Huisheng Wang, David A. Ross, Bryan Seybold, Lu Jiang",
        venue: "ICML",
        year: 2024,
        url: "https://arxiv.org/abs/2312.14125",
    },
    summary: "Tokenizes images and video with MAGVIT-v2 and audio with SoundStream, and trains a decoder-only transformer on a mixture of tasks expressed as token sequences (text-to-video, image-to-video, inpainting and outpainting, stylization, video-to-audio, ...) with the ordinary autoregressive cross-entropy, followed by task-specific adaptation; a separate super-resolution transformer raises the resolution. It shows that an LLM-style recipe without diffusion can generate video zero-shot. The objective is next-token prediction.",
    formula: r"\mathcal{L} = -\sum_{i}\log p_\theta\bigl(t_i \mid t_{<i}\bigr)",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["next-token-prediction", "cogvideo", "videogpt", "soundstream-rvq"],
    uses: &["next-token-prediction"],
    forms: &[],
    status: Status::NotExecutable("a multimodal token language model; its objective is next-token-prediction"),
    eval: None,
    ..Entry::BLANK
};
