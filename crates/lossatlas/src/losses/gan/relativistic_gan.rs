//! Relativistic GAN losses: the discriminator estimates how much more realistic real data is
//! than generated data, and the generator is trained on both real and fake samples.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "relativistic-gan",
    name: "Relativistic GAN Loss (RaGAN)",
    aliases: &["RaGAN", "RSGAN", "Relativistic Average GAN", "Relativistic Discriminator Loss"],
    kind: Kind::Loss,
    domains: &["gan", "super-resolution"],
    year: 2018,
    paper: Paper {
        title: "The Relativistic Discriminator",
        authors: "Jolicoeur-Martineau, A.",
        venue: "ICLR 2019",
        year: 2018,
        url: "https://arxiv.org/abs/1807.00734",
    },
    summary: "Replaces the absolute real/fake probability sigma(C(x)) by a relative one: in the relativistic average form, a real sample is scored against the mean critic output on fake samples and vice versa, and the generator's loss mirrors the discriminator's so that it also pushes real samples to look less real. The paired form (RSGAN) compares one real and one fake sample directly. It is used in ESRGAN and in many super-resolution and translation models. The same construction applies to least-squares and hinge losses (RaLSGAN, RaHingeGAN); note the averages are taken over the batch, so the loss depends on batch composition.",
    formula: r"\mathcal{L}_D = -\mathbb{E}_{x_r}\big[\log \sigma\big(C(x_r) - \mathbb{E}_{x_f} C(x_f)\big)\big] - \mathbb{E}_{x_f}\big[\log\big(1 - \sigma\big(C(x_f) - \mathbb{E}_{x_r} C(x_r)\big)\big)\big]",
    inputs: &[
        Input { name: "real_logits", shape: "[N]", meaning: "critic outputs C(x) on real samples" },
        Input { name: "fake_logits", shape: "[M]", meaning: "critic outputs on generated samples" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["gan-non-saturating", "gan-minimax", "lsgan", "gan-hinge", "esrgan"],
    forms: &[
        Form { name: "ragan-discriminator", description: "relativistic average discriminator loss (the formula)." },
        Form { name: "ragan-generator", description: "the same expression with the roles of real and fake swapped: -E[log sigma(C(x_f) - mean C(x_r))] - E[log(1 - sigma(C(x_r) - mean C(x_f)))]." },
        Form { name: "rsgan", description: "paired relativistic loss -E[log sigma(C(x_r) - C(x_f))] (discriminator) and -E[log sigma(C(x_f) - C(x_r))] (generator) over equal-sized batches." },
    ],
    status: Status::Planned("no reference cases; formula transcription pending"),
    eval: None,
    ..Entry::BLANK
};
