//! HiFi-GAN's generator objective: least-squares adversarial losses from multi-period and
//! multi-scale discriminators, feature matching, and an L1 mel-spectrogram loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "hifi-gan",
    name: "HiFi-GAN Loss",
    aliases: &["HiFi-GAN Generator Loss"],
    kind: Kind::Composite,
    domains: &["audio"],
    year: 2020,
    paper: Paper {
        title: "HiFi-GAN: Generative Adversarial Networks for Efficient and High Fidelity Speech Synthesis",
        authors: "Jungil Kong, Jaehyeon Kim, Jaekyoung Bae",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/2010.05646",
    },
    summary: "Combines least-squares adversarial losses over its multi-period and multi-scale discriminators, a feature-matching L1 loss on their intermediate activations (weight 2), and an L1 loss between mel spectrograms of real and generated audio (weight 45). The mel term stabilizes early training and the periodic discriminators capture pitch structure, which gives high quality at real-time speed. Its recipe (weights, discriminators) was reused by VITS and many later vocoders.",
    formula: r"\mathcal{L}_G = \sum_{k}\Bigl[\mathbb{E}\bigl[(D_k(G(s)) - 1)^2\bigr] + \lambda_{fm}\,\mathbb{E}\sum_{i}\frac{1}{N_i}\lVert D_k^i(x) - D_k^i(G(s))\rVert_1\Bigr] + \lambda_{mel}\,\mathbb{E}\lVert \phi(x) - \phi(G(s))\rVert_1,\quad \lambda_{fm} = 2,\ \lambda_{mel} = 45",
    params: &[
        Param { name: "lambda_fm", symbol: r"\lambda_{fm}", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "weight of the feature-matching term" },
        Param { name: "lambda_mel", symbol: r"\lambda_{mel}", default: Value::Float(45.0), range: Range::NON_NEGATIVE, meaning: "weight of the mel-spectrogram L1 term" },
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
    related: &["parallel-wavegan", "vits", "lsgan", "feature-matching", "mel-spectrogram", "multi-resolution-stft"],
    uses: &["lsgan", "feature-matching", "mel-spectrogram"],
    status: Status::NotExecutable("needs the generator and discriminator networks; each term is an entry of its own"),
    eval: None,
    ..Entry::BLANK
};
