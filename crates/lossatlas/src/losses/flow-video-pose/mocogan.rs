//! MoCoGAN: generate videos from a fixed content code and a recurrent sequence of motion codes,
//! with one discriminator on single frames and one on clips.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mocogan",
    name: "Temporal Adversarial Loss / MoCoGAN",
    aliases: &["MoCoGAN"],
    kind: Kind::Method,
    domains: &["flow-video-pose", "video", "gan"],
    year: 2018,
    paper: Paper {
        title: "MoCoGAN: Decomposing Motion and Content for Video Generation",
        authors: "Sergey Tulyakov, Ming-Yu Liu, Xiaodong Yang, Jan Kautz",
        venue: "CVPR 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1707.04993",
    },
    summary: "A video is generated frame by frame by an image generator from a content code shared by all frames and per-frame motion codes produced by a recurrent network. Two discriminators share the adversarial game: D_I judges randomly sampled single frames (image quality) and D_V judges short clips (motion), and both use the standard GAN log losses; a categorical variant adds an InfoGAN-style term so that a discrete code controls the action. Separating content and motion lets one change either independently at sampling time.",
    formula: r"\max_{G_I, R_M}\min_{D_I, D_V}\ \mathbb{E}_v\big[-\log D_I(S_1(v))\big] + \mathbb{E}_{\tilde v}\big[-\log(1 - D_I(S_1(\tilde v)))\big] + \mathbb{E}_v\big[-\log D_V(S_T(v))\big] + \mathbb{E}_{\tilde v}\big[-\log(1 - D_V(S_T(\tilde v)))\big]",
    properties: Properties::UNKNOWN,
    related: &["vgan", "video-adversarial", "gan-minimax", "tgan"],
    uses: &["gan-non-saturating", "cross-entropy"],
    status: Status::NotExecutable("an adversarial training setup with image and video discriminators"),
    eval: None,
    ..Entry::BLANK
};
