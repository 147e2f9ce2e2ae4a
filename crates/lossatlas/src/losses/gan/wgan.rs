//! Wasserstein GAN: a critic estimates the Wasserstein-1 distance between real and generated
//! distributions through the Kantorovich-Rubinstein dual, and the generator minimizes it.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "wgan",
    name: "Wasserstein Loss (WGAN)",
    aliases: &["WGAN Loss", "Wasserstein GAN Loss", "Earth Mover GAN Loss"],
    kind: Kind::Loss,
    domains: &["gan"],
    year: 2017,
    paper: Paper {
        title: "Wasserstein GAN",
        authors: "Arjovsky, M. et al.",
        venue: "ICML 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1701.07875",
    },
    summary: "The critic maximizes the gap between its mean score on real and on generated samples, and the generator minimizes minus its mean score on generated samples; with a 1-Lipschitz critic the gap estimates the Wasserstein-1 distance, which stays informative when the two distributions do not overlap. The scores are unbounded reals, not probabilities. The Lipschitz constraint is the hard part: the paper clips critic weights to [-c, c] (c = 0.01) and trains the critic several times (5) per generator step with RMSProp; clipping limits capacity and can make training slow or unstable, which wgan-gp and spectral normalization address.",
    formula: r"\mathcal{L}_D = \mathbb{E}_{z}\big[D(G(z))\big] - \mathbb{E}_{x}\big[D(x)\big],\qquad \mathcal{L}_G = -\mathbb{E}_{z}\big[D(G(z))\big]",
    inputs: &[
        Input { name: "real_scores", shape: "[N]", meaning: "critic outputs on real samples (unbounded)" },
        Input { name: "fake_scores", shape: "[M]", meaning: "critic outputs on generated samples" },
    ],
    params: &[
        Param { name: "clip_value", symbol: "c", default: Value::Float(0.01), range: Range::POSITIVE, meaning: "critic weights are clipped to [-c, c] after each update (training procedure, not part of the loss value)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["torchgan.losses.WassersteinDiscriminatorLoss", "torchgan.losses.WassersteinGeneratorLoss"],
    related: &["wgan-gp", "spectral-normalization", "gan-minimax", "earth-movers", "wasserstein-da"],
    forms: &[
        Form { name: "critic", description: "mean(fake_scores) - mean(real_scores), minimized by the critic." },
        Form { name: "generator", description: "-mean(fake_scores), minimized by the generator." },
    ],
    status: Status::Planned("no reference cases; a difference of means, evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
