//! VQ-VAE: reconstruction through a nearest-codebook quantizer, plus a codebook loss that pulls
//! code vectors to the encoder outputs and a commitment loss that keeps the encoder near its
//! codes.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "vq-vae",
    name: "VQ-VAE Loss",
    aliases: &["Vector Quantization Loss", "Commitment Loss"],
    kind: Kind::Loss,
    domains: &["vae", "audio", "video"],
    year: 2017,
    paper: Paper {
        title: "Neural Discrete Representation Learning",
        authors: "van den Oord et al.",
        venue: "NeurIPS",
        year: 2017,
        url: "https://arxiv.org/abs/1711.00937",
    },
    summary: "The encoder output z_e is replaced by its nearest codebook vector e = z_q, and the decoder is trained on reconstruction with gradients copied straight through the quantizer to the encoder. Because the arg-min gives the codebook no gradient, a second term moves the chosen codes towards the (stopped) encoder outputs, and a third, weighted by beta = 0.25, commits the encoder to its codes so its outputs do not grow. Many implementations replace the codebook term by exponential moving averages of the assigned encoder outputs; dead codes that are never selected are the usual failure.",
    formula: r"\mathcal{L} = -\log p\bigl(x \mid z_q(x)\bigr) + \bigl\lVert \operatorname{sg}[z_e(x)] - e\bigr\rVert_2^2 + \beta\,\bigl\lVert z_e(x) - \operatorname{sg}[e]\bigr\rVert_2^2",
    inputs: &[
        Input { name: "pred", shape: "[N, *]", meaning: "decoder output from the quantized latents (with the straight-through estimator)" },
        Input { name: "target", shape: "[N, *]", meaning: "the input x" },
        Input { name: "z_e", shape: "[N, *, D]", meaning: "encoder outputs before quantization" },
        Input { name: "z_q", shape: "[N, *, D]", meaning: "the selected codebook vectors e for each position" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.25), range: Range::NON_NEGATIVE, meaning: "commitment weight (0.25 in the paper)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["vector_quantize_pytorch.VectorQuantize"],
    related: &["elbo", "mse", "soundstream-rvq", "videogpt", "encodec"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
