//! BiC: class-incremental training with distillation and cross-entropy on new data plus stored
//! exemplars, followed by a two-parameter linear layer, fitted on a small balanced validation set,
//! that corrects the bias of the classifier toward new classes.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "bias-correction",
    name: "Bias Correction (BiC) Loss",
    aliases: &["BiC", "Bias Correction"],
    kind: Kind::Method,
    domains: &["continual", "distillation"],
    year: 2019,
    paper: Paper {
        title: "Large Scale Incremental Learning",
        authors: "Yue Wu, Yinpeng Chen, Lijuan Wang, Yuancheng Ye, Zicheng Liu, Yandong Guo, Yun Fu",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1905.13260",
    },
    summary: "Trains each incremental stage with lambda * distillation (temperature 2, on old-class logits) + (1 - lambda) * cross-entropy, with lambda = n / (n + m) for n old and m new classes. It then freezes the model and learns two scalars alpha and beta applied only to the new classes' logits, using cross-entropy on a held-out split of old exemplars and new data, which removes the systematic preference for new classes caused by the data imbalance. Designed for large-scale class-incremental learning, where the imbalance is severe.",
    formula: r"\mathcal{L} = \lambda\,\mathcal{L}_d + (1 - \lambda)\,\mathcal{L}_c,\quad \lambda = \frac{n}{n + m},\quad q_k = \begin{cases} o_k & 1 \le k \le n \\ \alpha\,o_k + \beta & n < k \le n + m \end{cases}",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["lwf", "podnet", "foster", "experience-replay"],
    uses: &["cross-entropy", "knowledge-distillation"],
    status: Status::NotExecutable("a staged training procedure with exemplar memory and a separately trained correction layer"),
    eval: None,
    ..Entry::BLANK
};
