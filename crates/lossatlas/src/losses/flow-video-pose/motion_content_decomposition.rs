//! MCnet: predict future frames with separate motion (frame differences) and content (last frame)
//! encoders, trained with image-space reconstruction, gradient difference and adversarial terms.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "motion-content-decomposition",
    name: "Motion-Content Decomposition Loss",
    aliases: &["MCnet", "MCnet Loss"],
    kind: Kind::Composite,
    domains: &["flow-video-pose", "video", "gan"],
    year: 2017,
    paper: Paper {
        title: "Decomposing Motion and Content for Natural Video Sequence Prediction",
        authors: "Ruben Villegas, Jimei Yang, Seunghoon Hong, Xunyu Lin, Honglak Lee",
        venue: "ICLR 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1706.08033",
    },
    summary: "The architecture encodes motion from a sequence of frame differences with a convolutional LSTM and content from the last frame, combines them with multi-scale residual connections and decodes the next frame; predictions are fed back for multi-step prediction. The objective follows Mathieu et al.: alpha times an image loss (an L2 reconstruction plus the gradient difference loss) plus beta times a GAN generator loss, with the adversarial weight small relative to the image loss.",
    formula: r"\mathcal{L} = \alpha\,\big(\mathcal{L}_{p}(\hat x, x) + \mathcal{L}_{\text{gdl}}(\hat x, x)\big) + \beta\,\mathcal{L}_{\text{GAN}},\quad p = 2",
    properties: Properties::UNKNOWN,
    related: &["video-adversarial", "gradient-difference", "predictive-coding", "mocogan"],
    uses: &["mse", "gradient-difference", "gan-non-saturating"],
    status: Status::NotExecutable("a recipe that needs the discriminator"),
    eval: None,
    ..Entry::BLANK
};
