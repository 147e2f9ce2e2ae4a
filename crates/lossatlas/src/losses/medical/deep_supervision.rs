//! Deep supervision: the same loss applied to several intermediate outputs (decoder levels) against
//! resized targets, combined with decaying weights.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "deep-supervision",
    name: "Deep Supervision Loss",
    kind: Kind::Composite,
    domains: &["medical", "segmentation"],
    year: 2015,
    paper: Paper {
        title: "Deeply-Supervised Nets",
        authors: "Lee et al.",
        venue: "AISTATS",
        year: 2015,
        url: "https://arxiv.org/abs/1409.5185",
    },
    summary: "Adds auxiliary losses on the outputs of intermediate layers so that gradients reach early layers directly and the multi-scale outputs are all meaningful; in U-Nets each decoder level predicts a segmentation at its own resolution. MONAI's DeepSupervisionLoss resizes the target to each output by nearest interpolation and weights level k by 1, max(0.5^k, 0.0625), (1, 0.5, 0.5, ...) or explicit weights. It wraps any segmentation loss; the reference cases wrap DiceLoss.",
    formula: r"L = \sum_{k=0}^{K-1} w_k\,\ell\big(x_k,\ \operatorname{resize}_{\text{nearest}}(g, \operatorname{size}(x_k))\big),\quad w_k \in \{1,\ \max(0.5^k, 0.0625),\ \dots\}",
    inputs: &[
        Input { name: "logits_0", shape: "[B, C, *]", meaning: "full-resolution output" },
        Input { name: "logits_1", shape: "[B, C, *]", meaning: "second, coarser output" },
        Input { name: "logits_2", shape: "[B, C, *]", meaning: "third output, and so on (one logits_k per level)" },
        Input { name: "targets", shape: "[B, C, *]", meaning: "full-resolution targets" },
    ],
    params: &[
        Param { name: "loss", symbol: "", default: Value::Str("DiceLoss()"), range: Range::Any, meaning: "the wrapped loss (the case files name it as a string)" },
        Param { name: "weight_mode", symbol: "", default: Value::Str("exp"), range: Range::Choice { values: &["same", "exp", "two"] }, meaning: "weights when none are given" },
        Param { name: "weights", symbol: "w_k", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "explicit weights per level" },
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
        "monai.losses.DeepSupervisionLoss",
    ],
    related: &["dice", "intermediate-supervision"],
    uses: &["dice"],
    forms: &[
        Form { name: "monai-dice", description: "monai.losses.DeepSupervisionLoss(DiceLoss(...), weight_mode, weights)([logits_0, logits_1, ...], targets); MONAI casts inputs to float32." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
