//! LeCam regularization: anchor the discriminator's predictions on real and generated data to
//! moving averages of each other's predictions, which helps GANs trained on little data.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "lecam",
    name: "LeCam Regularization",
    aliases: &["LeCam Loss", "LeCam-GAN"],
    kind: Kind::Loss,
    domains: &["gan", "regularization"],
    year: 2021,
    paper: Paper {
        title: "Regularizing Generative Adversarial Networks under Limited Data",
        authors: "Tseng et al.",
        venue: "CVPR 2021",
        year: 2021,
        url: "https://arxiv.org/abs/2104.03310",
    },
    summary: "A discriminator regularizer for limited-data GAN training: it pulls D's outputs on real images towards alpha_F, an exponential moving average of its outputs on generated images, and its outputs on generated images towards alpha_R, the moving average on real images. The paper relates the resulting objective to the LeCam divergence and shows it complements data augmentation (DiffAugment, ADA). The reference code keeps the EMAs with decay 0.99 and squares only the one-sided excess, relu(D(x) - alpha_F)^2 and relu(alpha_R - D(G(z)))^2, unlike the plain squared distances of the paper's equation; its weight is tuned per dataset.",
    formula: r"R_{\text{LC}} = \mathbb{E}_{x}\big[\lVert D(x) - \alpha_F \rVert^2\big] + \mathbb{E}_{z}\big[\lVert D(G(z)) - \alpha_R \rVert^2\big]",
    inputs: &[
        Input { name: "real_scores", shape: "[N]", meaning: "discriminator outputs on real samples" },
        Input { name: "fake_scores", shape: "[M]", meaning: "discriminator outputs on generated samples" },
        Input { name: "ema_real", shape: "[]", meaning: "alpha_R, moving average of real outputs (no gradient)" },
        Input { name: "ema_fake", shape: "[]", meaning: "alpha_F, moving average of fake outputs (no gradient)" },
    ],
    params: &[
        Param { name: "ema_decay", symbol: "", default: Value::Float(0.99), range: Range::UNIT, meaning: "decay of the moving averages (reference code)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["gan-hinge", "r1-penalty", "spectral-normalization"],
    status: Status::Planned("no reference cases; formula transcription pending"),
    eval: None,
    ..Entry::BLANK
};
