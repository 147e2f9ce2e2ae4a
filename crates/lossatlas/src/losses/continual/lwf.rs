//! Learning without Forgetting: trains a new task's head with cross-entropy while a distillation
//! loss keeps the old task heads' outputs on the new data close to what the original network
//! produced.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "lwf",
    name: "Learning without Forgetting (LwF) Loss",
    aliases: &["Learning without Forgetting"],
    kind: Kind::Composite,
    domains: &["continual", "distillation"],
    year: 2016,
    paper: Paper {
        title: "Learning without Forgetting",
        authors: "Zhizhong Li, Derek Hoiem",
        venue: "ECCV",
        year: 2016,
        url: "https://arxiv.org/abs/1606.09282",
    },
    summary: "Needs no old data: before training on a new task it records the old network's outputs for the new task's images, then optimizes cross-entropy on the new labels plus lambda_o times a temperature-softened distillation loss (T = 2, lambda_o = 1) between the current old-task outputs and the recorded ones, with weight decay. It preserves old behaviour only as far as the new data exercise it, so it degrades when the new domain differs a lot from the old ones, and in class-incremental settings it suffers from bias toward new classes.",
    formula: r"\mathcal{L} = \operatorname{CE}(\hat y_n, y_n) + \lambda_o\,\mathcal{L}_{old}(y_o, \hat y_o),\quad \mathcal{L}_{old} = -\sum_{c} y_o'^{(c)}\log \hat y_o'^{(c)},\quad y'^{(c)} = \frac{(y^{(c)})^{1/T}}{\sum_{j} (y^{(j)})^{1/T}}",
    inputs: &[
        Input { name: "logits", shape: "[N, C_new]", meaning: "new-task head outputs" },
        Input { name: "targets", shape: "[N]", meaning: "new-task labels" },
        Input { name: "old_task_logits", shape: "[N, C_old]", meaning: "current network's old-task head outputs on the new data" },
        Input { name: "teacher_logits", shape: "[N, C_old]", meaning: "old-task outputs recorded from the original network (no gradient)" },
    ],
    params: &[
        Param { name: "lambda_o", symbol: r"\lambda_o", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the old-task distillation term" },
        Param { name: "temperature", symbol: "T", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "distillation temperature" },
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
    equivalents: &["avalanche.training.plugins.LwFPlugin"],
    related: &["knowledge-distillation", "ewc", "bias-correction", "podnet"],
    uses: &["cross-entropy", "knowledge-distillation"],
    status: Status::Planned("a weighted sum of cross-entropy and distillation on recorded outputs; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
