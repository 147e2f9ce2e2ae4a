//! Unsupervised data augmentation: a consistency loss between the prediction on an unlabeled
//! example and on a strongly augmented copy, with confidence masking and target sharpening.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "uda",
    name: "UDA Loss",
    aliases: &["Unsupervised Data Augmentation"],
    kind: Kind::Loss,
    domains: &["semi-supervised"],
    year: 2020,
    paper: Paper {
        title: "Unsupervised Data Augmentation for Consistency Training",
        authors: "Qizhe Xie, Zihang Dai, Eduard Hovy, Minh-Thang Luong, Quoc V. Le",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/1904.12848",
    },
    summary: "Adds to the supervised cross-entropy the KL divergence from the (fixed) prediction on an unlabeled example to the prediction on a strongly augmented version (RandAugment for images, back-translation for text), weighted by lambda. The paper shows that the quality of the augmentation is what matters, and stabilizes training by masking unlabeled examples whose predicted confidence is below a threshold (0.8), sharpening the targets with a softmax temperature (0.4), and optionally by training-signal annealing, which drops labeled examples the model already predicts confidently. Because the target is detached and sharpened, this is close to FixMatch with soft labels.",
    formula: r"\mathcal{L} = \operatorname{CE}_{\text{labeled}} + \lambda\,\frac{1}{M}\sum_{u}\mathbb{1}\bigl[\max_c p_{\tilde\theta}(c \mid u) > \beta\bigr]\,\operatorname{CE}\Bigl(\operatorname{softmax}\bigl(\operatorname{sg}(z_u)/\tau\bigr),\ p_\theta(y \mid \hat u)\Bigr)",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "logits of labeled samples" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "labels" },
        Input { name: "logits_u_weak", shape: "[M, C]", meaning: "logits z_u of the unaugmented (or weakly augmented) unlabeled samples (no gradient)" },
        Input { name: "logits_u_strong", shape: "[M, C]", meaning: "logits of the strongly augmented copies" },
    ],
    params: &[
        Param { name: "lambda_u", symbol: r"\lambda", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the consistency term (1 in the paper)" },
        Param { name: "p_cutoff", symbol: r"\beta", default: Value::Float(0.8), range: Range::UNIT, meaning: "confidence threshold of the unlabeled mask (0.8 in the paper's image experiments)" },
        Param { name: "T", symbol: r"\tau", default: Value::Float(0.4), range: Range::POSITIVE, meaning: "softmax temperature sharpening the targets (0.4 in the paper's image experiments)" },
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
    equivalents: &["semilearn.algorithms.uda.UDA"],
    related: &["fixmatch", "vat", "pi-model", "kl-divergence", "noisy-student"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given logits of both views it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
