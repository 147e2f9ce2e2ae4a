//! Classifier-free guidance: trains one diffusion model both with and without conditioning (by
//! randomly dropping the condition) and, at sampling time, extrapolates from the unconditional
//! toward the conditional prediction.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "classifier-free-guidance",
    name: "Classifier-Free Guidance",
    aliases: &["CFG"],
    kind: Kind::Method,
    domains: &["anomaly-multimodal", "diffusion"],
    year: 2022,
    paper: Paper {
        title: "Classifier-Free Diffusion Guidance",
        authors: "Jonathan Ho, Tim Salimans",
        venue: "NeurIPS 2021 Workshop on Deep Generative Models and Downstream Applications",
        year: 2022,
        url: "https://arxiv.org/abs/2207.12598",
    },
    summary: "Replaces the separate classifier of classifier guidance: during training the condition is replaced by a null token with probability p_uncond (0.1 to 0.2 in the paper), so one network learns both the conditional and the unconditional noise prediction; at sampling time the prediction is pushed away from the unconditional one by a guidance weight w. Larger w improves sample fidelity and prompt adherence at the cost of diversity and, at extremes, saturated images; it doubles the network evaluations per sampling step.",
    formula: r"\text{training: } c \leftarrow \varnothing \text{ with probability } p_{uncond},\quad \text{sampling: } \tilde\epsilon_\theta(z_t, c) = (1 + w)\,\epsilon_\theta(z_t, c) - w\,\epsilon_\theta(z_t, \varnothing)",
    params: &[
        Param { name: "p_uncond", symbol: "p_{uncond}", default: Value::Null, range: Range::UNIT, meaning: "probability of dropping the condition during training" },
        Param { name: "guidance_weight", symbol: "w", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "guidance strength at sampling time" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["ddpm", "ldm", "imagen", "unclip"],
    uses: &["ddpm"],
    status: Status::NotExecutable("a training and sampling procedure of a diffusion model"),
    eval: None,
    ..Entry::BLANK
};
