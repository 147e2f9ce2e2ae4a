//! The original two-player GAN objective: a discriminator trained as a real-vs-fake logistic
//! classifier and a generator that minimizes the discriminator's log-probability of being right
//! on generated samples (the saturating form).

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "gan-minimax",
    name: "Minimax / Original GAN Loss",
    aliases: &["Minimax GAN Loss", "Saturating GAN Loss", "Original GAN Loss"],
    kind: Kind::Loss,
    domains: &["gan"],
    year: 2014,
    paper: Paper {
        title: "Generative Adversarial Nets",
        authors: "Goodfellow et al.",
        venue: "NeurIPS 2014",
        year: 2014,
        url: "https://arxiv.org/abs/1406.2661",
    },
    summary: "The value function of the original GAN game: the discriminator maximizes the log-likelihood of labelling real samples 1 and generated samples 0, and the generator minimizes log(1 - D(G(z))). At the optimum the game minimizes the Jensen-Shannon divergence between data and model distributions. The generator side saturates when the discriminator confidently rejects fakes early in training (vanishing gradients), which is why practitioners almost always train the generator with the non-saturating variant instead; the discriminator side is plain binary cross-entropy on logits.",
    formula: r"\min_G \max_D\; \mathbb{E}_{x \sim p_{\text{data}}}\big[\log \sigma(D(x))\big] + \mathbb{E}_{z \sim p_z}\big[\log\big(1 - \sigma(D(G(z)))\big)\big]",
    inputs: &[
        Input { name: "real_logits", shape: "[N, *]", meaning: "discriminator logits on real samples" },
        Input { name: "fake_logits", shape: "[M, *]", meaning: "discriminator logits on generated samples" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["torchgan.losses.MinimaxDiscriminatorLoss", "torchgan.losses.MinimaxGeneratorLoss(nonsaturating=False)"],
    related: &["gan-non-saturating", "lsgan", "gan-hinge", "wgan", "relativistic-gan", "binary-cross-entropy"],
    forms: &[
        Form { name: "discriminator", description: "-mean(log sigmoid(real_logits)) - mean(log(1 - sigmoid(fake_logits))), i.e. binary cross-entropy with targets 1 and 0." },
        Form { name: "generator", description: "mean(log(1 - sigmoid(fake_logits))) = -mean(softplus(fake_logits)), minimized by the generator (saturating)." },
    ],
    status: Status::Planned("formula transcription pending; the discriminator side equals the gan-non-saturating MONAI discriminator cases"),
    eval: None,
    ..Entry::BLANK
};
