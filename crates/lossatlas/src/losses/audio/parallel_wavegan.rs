//! Parallel WaveGAN's generator objective: a multi-resolution STFT loss plus a least-squares
//! adversarial loss weighted by 4.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "parallel-wavegan",
    name: "Parallel WaveGAN Loss",
    aliases: &["PWG Loss"],
    kind: Kind::Composite,
    domains: &["audio"],
    year: 2020,
    paper: Paper {
        title: "Parallel WaveGAN: A fast waveform generation model based on generative adversarial networks with multi-resolution spectrogram",
        authors: "Ryuichi Yamamoto, Eunwoo Song, Jae-Min Kim",
        venue: "ICASSP",
        year: 2020,
        url: "https://arxiv.org/abs/1910.11480",
    },
    summary: "Trains a non-autoregressive WaveNet-like generator with the multi-resolution STFT loss (three resolutions: FFT sizes 1024, 2048 and 512) plus a least-squares GAN term with weight lambda_adv = 4; the discriminator uses the least-squares GAN loss. The spectral loss gives stable, fast early training and the adversarial term restores the fine waveform structure that spectral losses ignore. It needs no teacher network, unlike probability-density distillation.",
    formula: r"\mathcal{L}_G = \mathcal{L}_{mr\_stft}(G) + \lambda_{adv}\,\mathbb{E}_{z}\bigl[(1 - D(G(z)))^2\bigr],\quad \mathcal{L}_D = \mathbb{E}_{x}\bigl[(1 - D(x))^2\bigr] + \mathbb{E}_{z}\bigl[D(G(z))^2\bigr],\quad \lambda_{adv} = 4",
    params: &[
        Param { name: "lambda_adv", symbol: r"\lambda_{adv}", default: Value::Float(4.0), range: Range::NON_NEGATIVE, meaning: "weight of the adversarial term (paper's value)" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["multi-resolution-stft", "lsgan", "hifi-gan", "wavenet"],
    uses: &["multi-resolution-stft", "lsgan"],
    status: Status::NotExecutable("needs the generator and discriminator networks; each term is an entry of its own"),
    eval: None,
    ..Entry::BLANK
};
