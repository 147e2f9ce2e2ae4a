//! Noisy Student: iterated self-training in which an equal-or-larger student learns the
//! teacher's pseudo-labels under strong input and model noise, then becomes the teacher.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "noisy-student",
    name: "Noisy Student Loss",
    aliases: &["Noisy Student", "Noisy Student Training"],
    kind: Kind::Method,
    domains: &["semi-supervised", "distillation"],
    year: 2020,
    paper: Paper {
        title: "Self-Training with Noisy Student Improves ImageNet Classification",
        authors: "Qizhe Xie, Minh-Thang Luong, Eduard Hovy, Quoc V. Le",
        venue: "CVPR",
        year: 2020,
        url: "https://arxiv.org/abs/1911.04252",
    },
    summary: "A teacher trained on labeled data labels a large unlabeled set (soft or hard pseudo-labels, filtered by confidence and balanced per class) without noise; a student of equal or larger size is trained on labeled plus pseudo-labeled data with cross-entropy while being noised by RandAugment, dropout and stochastic depth; the student then becomes the teacher and the loop repeats. The noise forces the student to generalize beyond the teacher, which is what distinguishes it from plain distillation. It needs a large unlabeled pool and several full training runs.",
    formula: r"\mathcal{L}_{\text{student}} = \frac{1}{n}\sum_{i=1}^{n}\operatorname{CE}\bigl(y_i, f^{\text{noised}}_{s}(x_i)\bigr) + \frac{1}{m}\sum_{i=1}^{m}\operatorname{CE}\bigl(\tilde y_i, f^{\text{noised}}_{s}(\tilde x_i)\bigr),\quad \tilde y_i = f_{t}(\tilde x_i)",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["pseudo-label", "knowledge-distillation", "born-again", "fixmatch"],
    uses: &["cross-entropy"],
    forms: &[],
    status: Status::NotExecutable("a training procedure: teacher labeling, noised student training and iteration over whole models"),
    eval: None,
    ..Entry::BLANK
};
