//! TR-DPO: DPO (or another offline preference loss) whose reference model is periodically updated
//! toward the policy, softly or by hard copies.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "tr-dpo",
    name: "Trust-Region DPO (TR-DPO)",
    aliases: &["TR-DPO"],
    kind: Kind::Method,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Learn Your Reference Model for Real Good Alignment",
        authors: "Gorbatovski, A. et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2404.09656",
    },
    summary: "Instead of a frozen reference, every tau steps it sets pi_ref <- alpha * pi_theta + (1 - alpha) * pi_ref (soft update) or copies the policy (hard update), so the implicit trust region moves with training and the policy can drift further from the initial SFT model without overoptimizing. The loss itself is unchanged; TR-DPO is a training procedure. TRL enables it with sync_ref_model=True, ref_model_mixup_alpha and ref_model_sync_steps.",
    formula: r"\theta_{ref} \leftarrow \alpha\,\theta + (1 - \alpha)\,\theta_{ref}\ \ \text{every } \tau \text{ steps},\quad L = \ell_{DPO}(\pi_\theta;\ \pi_{ref})",
    params: &[
        Param { name: "ref_model_mixup_alpha", symbol: r"\alpha", default: Value::Float(0.6), range: Range::UNIT, meaning: "mixing weight of the soft update" },
        Param { name: "ref_model_sync_steps", symbol: r"\tau", default: Value::Int(512), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "steps between updates" },
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
        "trl DPOTrainer(sync_ref_model=True)",
    ],
    related: &["dpo", "ipo", "kto"],
    uses: &["dpo"],
    status: Status::NotExecutable("a training procedure: it updates the reference model's parameters during training; its loss is the dpo entry"),
    eval: None,
    ..Entry::BLANK
};
