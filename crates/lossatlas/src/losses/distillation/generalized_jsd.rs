//! Generalized JSD: the beta-skewed Jensen-Shannon divergence between teacher and student token
//! distributions, interpolating between forward and reverse KL.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "generalized-jsd",
    name: "Generalized Jensen-Shannon Divergence",
    aliases: &["Generalized JSD", "Skew Jensen-Shannon Divergence", "beta-JSD"],
    kind: Kind::Loss,
    domains: &["distillation", "language-modeling"],
    year: 2024,
    paper: Paper {
        title: "On-Policy Distillation of Language Models: Learning from Self-Generated Mistakes",
        authors: "Agarwal, R. et al.",
        venue: "ICLR",
        year: 2024,
        url: "https://arxiv.org/abs/2306.13649",
    },
    summary: "Mixes teacher T and student S into M = beta T + (1 - beta) S and returns beta KL(T || M) + (1 - beta) KL(S || M), a bounded divergence whose beta controls mode-covering versus mode-seeking behaviour of a distilled student; beta = 0.5 is the usual JSD. TRL's GKD and Liger's JSD kernels special-case beta = 0 and beta = 1 as the forward KL(T || S) and reverse KL(S || T), which are not the limits of the mixture formula. Liger computes it from log-probabilities with an ignore index, TRL from logits with a temperature.",
    formula: r"\mathrm{JSD}_\beta(T\,\|\,S) = \beta\,\mathrm{KL}(T\,\|\,M) + (1-\beta)\,\mathrm{KL}(S\,\|\,M),\quad M = \beta T + (1-\beta) S;\quad \beta = 0:\ \mathrm{KL}(T\,\|\,S),\ \ \beta = 1:\ \mathrm{KL}(S\,\|\,T)",
    inputs: &[
        Input { name: "logits", shape: "[N, V] (or [B, T, V])", meaning: "student scores (Liger: student log-probabilities)" },
        Input { name: "teacher_logits", shape: "[N, V]", meaning: "teacher scores (Liger: teacher log-probabilities); no gradient" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "optional labels; positions equal to ignore_index are left out" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.5), range: Range::UNIT, meaning: "mixture weight of the teacher" },
        Param { name: "temperature", symbol: "T", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "TRL: softmax temperature applied to both logits" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "label value excluded from the mean" },
        Param { name: "reduction", symbol: "", default: Value::Str("batchmean"), range: Range::Choice { values: &["batchmean", "sum", "mean", "none"] }, meaning: "TRL reduction" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Unknown,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "liger_kernel.transformers.LigerJSD",
        "liger_kernel.chunked_loss.LigerFusedLinearJSDLoss",
        "trl.experimental.gkd.GKDTrainer.generalized_jsd_loss",
    ],
    related: &["js-divergence", "kl-divergence", "knowledge-distillation", "tvd", "gkd"],
    status: Status::Planned("no reference cases yet; TRL's generalized_jsd_loss and Liger's LigerJSD are the references"),
    eval: None,
    ..Entry::BLANK
};
