//! GKD: distills a language model on a mix of fixed data and the student's own generations, scoring
//! every token with a teacher through a generalized JSD.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "gkd",
    name: "Generalized Knowledge Distillation (GKD)",
    aliases: &["GKD", "On-Policy Distillation"],
    kind: Kind::Method,
    domains: &["distillation", "language-modeling"],
    year: 2024,
    paper: Paper {
        title: "On-Policy Distillation of Language Models: Learning from Self-Generated Mistakes",
        authors: "Agarwal, R. et al.",
        venue: "ICLR",
        year: 2024,
        url: "https://arxiv.org/abs/2306.13649",
    },
    summary: "With probability lambda a batch is replaced by sequences sampled from the student itself, and the teacher's token distributions on those sequences supervise the student through the generalized JSD (or another divergence); this fixes the train-inference mismatch of distilling only on fixed sequences. It is a training procedure (it generates with the student and runs the teacher) whose per-token loss is the generalized-jsd entry.",
    formula: r"L = \mathbb{E}_{x}\Big[\,(1-\lambda)\,\mathbb{E}_{y \sim D}\,\mathcal{D}_\beta(T\,\|\,S)(y|x) + \lambda\,\mathbb{E}_{y \sim S(\cdot|x)}\,\mathcal{D}_\beta(T\,\|\,S)(y|x)\Big]",
    params: &[
        Param { name: "lmbda", symbol: r"\lambda", default: Value::Float(0.5), range: Range::UNIT, meaning: "fraction of on-policy (student-generated) batches" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.5), range: Range::UNIT, meaning: "generalized JSD parameter" },
        Param { name: "temperature", symbol: "", default: Value::Float(0.9), range: Range::POSITIVE, meaning: "sampling temperature of the student" },
        Param { name: "seq_kd", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "also train on teacher-generated sequences (sequence-level KD)" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::Unknown,
        suits_label_noise: Tri::Unknown,
        operand: Operand::NotApplicable,
    },
    equivalents: &[
        "trl.experimental.gkd.GKDTrainer",
    ],
    related: &["generalized-jsd", "knowledge-distillation"],
    uses: &["generalized-jsd"],
    status: Status::NotExecutable("a training procedure: it samples sequences from the student and runs the teacher on them"),
    eval: None,
    ..Entry::BLANK
};
