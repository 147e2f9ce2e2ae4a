//! Fused linear cross-entropy: the language-model head projection, optional logit soft-capping,
//! cross-entropy and z-loss computed chunk by chunk without materializing the full logits.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "fused-linear-cross-entropy",
    name: "Fused Linear Cross-Entropy (with z-loss and soft-capping)",
    aliases: &["FLCE", "LigerFusedLinearCrossEntropyLoss"],
    kind: Kind::Loss,
    domains: &["language-modeling"],
    year: 2024,
    paper: Paper {
        title: "Liger Kernel: Efficient Triton Kernels for LLM Training",
        authors: "Hsu, P.-L. et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2410.10989",
    },
    summary: "Computes logits = hidden W^T + b for chunks of tokens, optionally soft-caps them as c tanh(z / c) (as in Gemma 2), and accumulates cross-entropy (with class weights, label smoothing and ignore_index) plus an optional z-loss lse_square_scale * logsumexp(z)^2 that keeps the softmax normalizer near 1. Mathematically it is cross-entropy of a linear layer; the point is memory: the [tokens, vocabulary] logit matrix is never stored, which matters for large vocabularies. The gradients are computed in the forward pass chunk by chunk.",
    formula: r"z_i = c\,\tanh\big((W h_i + b)/c\big),\quad \ell_i = -\sum_v q_{iv}\log\operatorname{softmax}(z_i)_v + \lambda_z\Big(\log\sum_v e^{z_{iv}}\Big)^2,\quad q_i = (1-\varepsilon)\,e_{y_i} + \varepsilon/V",
    inputs: &[
        Input { name: "hidden", shape: "[N, H]", meaning: "final hidden states of the tokens" },
        Input { name: "weight", shape: "[V, H]", meaning: "language-model head weight" },
        Input { name: "bias", shape: "[V]", meaning: "optional head bias" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "next-token labels" },
    ],
    params: &[
        Param { name: "ce_weight", symbol: "w_v", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "per-class weights" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "ignored label" },
        Param { name: "lse_square_scale", symbol: r"\lambda_z", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "z-loss weight" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "label smoothing" },
        Param::REDUCTION_MEAN,
        Param { name: "softcap", symbol: "c", default: Value::Null, range: Range::POSITIVE, meaning: "logit soft-capping value (None = off)" },
        Param { name: "return_z_loss", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "also return the z-loss term" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "liger_kernel.transformers.LigerFusedLinearCrossEntropyLoss",
    ],
    related: &["cross-entropy", "z-loss", "label-smoothing", "next-token-prediction", "sampled-softmax"],
    status: Status::Planned("no reference cases yet; Liger's LigerFusedLinearCrossEntropyLoss (a Triton kernel, GPU only) and a plain PyTorch transcription are the references"),
    eval: None,
    ..Entry::BLANK
};
