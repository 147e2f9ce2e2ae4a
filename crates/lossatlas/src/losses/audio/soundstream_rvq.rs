//! SoundStream's codec objective: an adversarial hinge loss, a feature-matching loss, and a
//! multi-scale spectral reconstruction loss, trained through a residual vector quantizer.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "soundstream-rvq",
    name: "SoundStream RVQ Loss",
    aliases: &["SoundStream Loss"],
    kind: Kind::Composite,
    domains: &["audio"],
    year: 2021,
    paper: Paper {
        title: "SoundStream: An End-to-End Neural Audio Codec",
        authors: "Neil Zeghidour, Alejandro Luebs, Ahmed Omran, Jan Skoglund, Marco Tagliasacchi",
        venue: "IEEE/ACM Transactions on Audio, Speech, and Language Processing",
        year: 2021,
        url: "https://arxiv.org/abs/2107.03312",
    },
    summary: "Trains an encoder, a residual vector quantizer (a cascade of codebooks, each quantizing the residual of the previous ones, updated with exponential moving averages) and a decoder with lambda_adv * hinge adversarial loss + lambda_feat * feature matching + lambda_rec * multi-scale spectral reconstruction, with weights 1, 100 and 1. The reconstruction compares mel spectrograms at window sizes 64 to 2048 with L1 on linear and L2 on log magnitudes. Quantizer dropout during training lets one model serve several bitrates.",
    formula: r"\mathcal{L}_G = \lambda_{adv}\mathcal{L}_{adv} + \lambda_{feat}\mathcal{L}_{feat} + \lambda_{rec}\mathcal{L}_{rec},\quad \mathcal{L}_{rec} = \sum_{s = 2^6}^{2^{11}}\sum_{t}\lVert S^s_t(x) - S^s_t(\hat x)\rVert_1 + \alpha_s\sum_{t}\lVert \log S^s_t(x) - \log S^s_t(\hat x)\rVert_2,\ \alpha_s = \sqrt{s/2}",
    params: &[
        Param { name: "lambda_adv", symbol: r"\lambda_{adv}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the adversarial term" },
        Param { name: "lambda_feat", symbol: r"\lambda_{feat}", default: Value::Float(100.0), range: Range::NON_NEGATIVE, meaning: "weight of the feature-matching term" },
        Param { name: "lambda_rec", symbol: r"\lambda_{rec}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the multi-scale spectral reconstruction term" },
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
    related: &["encodec", "vq-vae", "multi-resolution-stft", "hifi-gan"],
    uses: &["gan-hinge", "feature-matching", "mel-spectrogram", "vq-vae"],
    status: Status::NotExecutable("needs the codec, the quantizer and the discriminators"),
    eval: None,
    ..Entry::BLANK
};
