//! Decoupled KL divergence loss: a reformulation of the KL divergence between two softmax outputs
//! as a weighted squared error on pairwise logit differences plus a soft-label cross-entropy, with
//! two changes (IKL) that help adversarial training and distillation.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dkl",
    name: "DKL Loss (Decoupled Kullback-Leibler Divergence)",
    aliases: &["Decoupled KL Loss", "IKL Loss", "Improved KL Divergence Loss"],
    kind: Kind::Loss,
    domains: &["adversarial-ood"],
    year: 2024,
    paper: Paper {
        title: "Decoupled Kullback-Leibler Divergence Loss",
        authors: "Jiequan Cui, Zhuotao Tian, Zhisheng Zhong, Xiaojuan Qi, Bei Yu, Hanwang Zhang",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2305.13948",
    },
    summary: "Shows that, for gradient purposes, KL between softmax outputs of two sets of logits decomposes into a weighted MSE on all pairwise logit differences and a cross-entropy with soft labels. Treating the two parts separately, the improved version (IKL) lets the wMSE gradient reach both branches, not only the student, and replaces the per-sample weights by class-wise averaged predictions for stability. It is used in place of KL in TRADES-style adversarial training and in knowledge distillation.",
    formula: r"\mathcal{L} = \frac{\beta}{4}\sum_{j, k} w_{jk}\Bigl((n_j - n_k) - (m_j - m_k)\Bigr)^2 - \alpha\sum_{j} \operatorname{softmax}(n / \tau)_j \log \operatorname{softmax}(m / \tau)_j,\quad w = s\,s^\top,\ s = \operatorname{softmax}(n / T_2)",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "logits m of the branch being trained (student, or the adversarial branch)" },
        Input { name: "teacher_logits", shape: "[N, C]", meaning: "reference logits n (teacher, or the clean branch)" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "weight of the soft-label cross-entropy (set per task)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "weight of the weighted MSE on logit differences (set per task)" },
        Param { name: "temperature", symbol: r"\tau", default: Value::Null, range: Range::POSITIVE, meaning: "temperature of the soft-label term" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["kl-divergence", "trades", "knowledge-distillation", "dkd"],
    status: Status::Planned("no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
