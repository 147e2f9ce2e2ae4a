//! ULD loss: distillation between models with different tokenizers by comparing sorted token
//! probability vectors, a closed-form Wasserstein distance that ignores token identity.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "uld",
    name: "Universal Logit Distillation (ULD) Loss",
    aliases: &["ULD"],
    kind: Kind::Loss,
    domains: &["distillation", "language-modeling"],
    year: 2024,
    paper: Paper {
        title: "Towards Cross-Tokenizer Distillation: the Universal Logit Distillation Loss for LLMs",
        authors: "Boizard, N. et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2402.12030",
    },
    summary: "Sorts the student's and the teacher's next-token probabilities in decreasing order (padding the smaller vocabulary with zeros) and takes the L1 distance between them, which is the optimal-transport distance under a cost that ignores token identity; added to the usual cross-entropy, it lets a student learn from a teacher with a different vocabulary. It only transfers the shape of the distribution, not which token is likely, so the cross-entropy term remains essential. TRL's GOLD trainer adds an optional alignment of split tokens across tokenizers.",
    formula: r"L = w_{ce}\,L_{CE} + w_d\,\frac{1}{T}\sum_{t}\sum_{k} \big|p^{S}_{t,(k)} - p^{T}_{t,(k)}\big|,\quad p_{(1)} \ge p_{(2)} \ge \dots\ \text{(sorted, zero-padded)}",
    inputs: &[
        Input { name: "logits", shape: "[N, V_s]", meaning: "student scores" },
        Input { name: "teacher_logits", shape: "[N, V_t]", meaning: "teacher scores (another vocabulary); no gradient" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "labels of the cross-entropy term" },
    ],
    params: &[
        Param { name: "uld_crossentropy_weight", symbol: "w_{ce}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the cross-entropy term (TRL GOLDConfig default 0)" },
        Param { name: "uld_distillation_weight", symbol: "w_d", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the sorted-L1 term (TRL GOLDConfig)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "trl.experimental.gold.GOLDTrainer",
    ],
    related: &["knowledge-distillation", "generalized-jsd", "earth-movers", "cross-entropy"],
    status: Status::Planned("no reference cases yet; TRL's GOLD trainer ULD loss is the reference"),
    eval: None,
    ..Entry::BLANK
};
