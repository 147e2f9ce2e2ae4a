//! DINO: self-distillation without labels. A student matches the centered, sharpened softmax
//! of a momentum teacher across different crops of the same image.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dino",
    name: "DINO Loss",
    aliases: &["Self-Distillation with No Labels"],
    kind: Kind::Loss,
    domains: &["self-supervised", "distillation"],
    year: 2021,
    paper: Paper {
        title: "Emerging Properties in Self-Supervised Vision Transformers",
        authors: "Caron et al.",
        venue: "ICCV",
        year: 2021,
        url: "https://arxiv.org/abs/2104.14294",
    },
    summary: "Cross-entropy between the teacher's distribution over K prototype outputs, centered by a running mean and sharpened by a low temperature, and the student's softmax at a higher temperature, summed over all pairs of a teacher view and a different student view. Centering alone would collapse to uniform outputs and sharpening alone to one-hot outputs; together they avoid collapse. The teacher is an exponential moving average of the student (outside the loss); the center is a buffer updated after each call, and the teacher temperature warms up linearly over the first epochs, so the loss has state.",
    formula: r"P^{t}_{a} = \operatorname{softmax}\!\left(\frac{t_a - c}{\tau_t}\right),\quad \log P^{s}_{b} = \operatorname{log\,softmax}\!\left(\frac{s_b}{\tau_s}\right),\quad \mathcal{L} = \frac{1}{N\,M}\sum_{a \ne b}\sum_{n=1}^{N} -\sum_{k} P^{t}_{a,nk}\,\log P^{s}_{b,nk}",
    inputs: &[
        Input { name: "teacher_{i}", shape: "[N, K]", meaning: "teacher outputs of view i (teacher_0, teacher_1, ...); the global crops" },
        Input { name: "student_{j}", shape: "[N, K]", meaning: "student outputs of view j (student_0, student_1, ...); view j of the student and view j of the teacher are the same crop and are not paired" },
    ],
    params: &[
        Param { name: "output_dim", symbol: "K", default: Value::Int(65536), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of output prototypes (size of the center buffer)" },
        Param { name: "warmup_teacher_temp", symbol: "", default: Value::Float(0.04), range: Range::POSITIVE, meaning: "teacher temperature at epoch 0" },
        Param { name: "teacher_temp", symbol: r"\tau_t", default: Value::Float(0.04), range: Range::POSITIVE, meaning: "teacher temperature after the warmup" },
        Param { name: "warmup_teacher_temp_epochs", symbol: "", default: Value::Int(30), range: Range::Integer { min: 0, max: i64::MAX }, meaning: "epochs of linear teacher-temperature warmup (linspace of that many steps)" },
        Param { name: "student_temp", symbol: r"\tau_s", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "student temperature" },
        Param { name: "center_momentum", symbol: "", default: Value::Float(0.9), range: Range::UNIT, meaning: "momentum of the running center, updated after the loss is computed" },
        Param { name: "epoch", symbol: "", default: Value::Null, range: Range::Integer { min: 0, max: i64::MAX }, meaning: "current epoch selecting the warmup teacher temperature; None uses teacher_temp" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["lightly.loss.DINOLoss"],
    related: &["dinov2", "knowledge-distillation", "swav", "msn", "byol"],
    forms: &[
        Form { name: "lightly", description: "lightly DINOLoss on the FIRST call of a fresh module (center = 0): teacher temperature linspace(warmup_teacher_temp, teacher_temp, warmup_teacher_temp_epochs)[epoch] during warmup, teacher_temp after; the [T, S] matrix of view-pair cross-entropies (summed over K, over the batch) has its diagonal zeroed and is divided by the number of off-diagonal terms M times N. lightly does not detach the teacher softmax, so the teacher inputs receive a gradient." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
