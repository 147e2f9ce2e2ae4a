//! EnCodec's objective: time-domain L1, multi-scale mel reconstruction, hinge adversarial and
//! feature-matching losses, and the quantizer's commitment loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "encodec",
    name: "EnCodec Loss",
    aliases: &["EnCodec Training Objective"],
    kind: Kind::Composite,
    domains: &["audio"],
    year: 2022,
    paper: Paper {
        title: "High Fidelity Neural Audio Compression",
        authors: "Alexandre Défossez, Jade Copet, Gabriel Synnaeve, Yossi Adi",
        venue: "Transactions on Machine Learning Research",
        year: 2022,
        url: "https://arxiv.org/abs/2210.13438",
    },
    summary: "Trains a streaming encoder, residual vector quantizer and decoder with a weighted sum of an L1 waveform loss (0.1), a multi-scale mel-spectrogram loss mixing L1 and L2 (1), a hinge adversarial loss from a multi-scale STFT discriminator (3), a relative feature-matching loss (3) and the commitment loss of the quantizer (1). A loss balancer rescales each term's gradient so that the weights express shares of the total gradient rather than raw loss scales. An optional small transformer language model entropy-codes the tokens.",
    formula: r"\mathcal{L}_G = \lambda_t\lVert x - \hat x \rVert_1 + \lambda_f\,\ell_f(x, \hat x) + \lambda_g\,\ell_g(\hat x) + \lambda_{feat}\,\ell_{feat}(x, \hat x) + \lambda_w\sum_{c}\lVert z_c - q_c(z_c) \rVert_2^2,\quad (\lambda_t, \lambda_f, \lambda_g, \lambda_{feat}, \lambda_w) = (0.1, 1, 3, 3, 1)",
    params: &[
        Param { name: "lambda_t", symbol: r"\lambda_t", default: Value::Float(0.1), range: Range::NON_NEGATIVE, meaning: "weight of the time-domain L1 term" },
        Param { name: "lambda_f", symbol: r"\lambda_f", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the multi-scale mel term" },
        Param { name: "lambda_g", symbol: r"\lambda_g", default: Value::Float(3.0), range: Range::NON_NEGATIVE, meaning: "weight of the adversarial term" },
        Param { name: "lambda_feat", symbol: r"\lambda_{feat}", default: Value::Float(3.0), range: Range::NON_NEGATIVE, meaning: "weight of the feature-matching term" },
        Param { name: "lambda_w", symbol: r"\lambda_w", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the commitment loss" },
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
    related: &["soundstream-rvq", "vq-vae", "musicgen", "hifi-gan"],
    uses: &["l1", "mel-spectrogram", "gan-hinge", "feature-matching", "vq-vae"],
    status: Status::NotExecutable("needs the codec, the quantizer and the discriminator"),
    eval: None,
    ..Entry::BLANK
};
