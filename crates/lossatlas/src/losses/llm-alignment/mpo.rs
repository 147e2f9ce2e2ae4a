//! MPO: a weighted sum of a DPO preference loss, a BCO quality loss and a supervised generation loss,
//! used to align multimodal LLMs for reasoning.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mpo",
    name: "Mixed Preference Optimization (MPO)",
    aliases: &["MPO"],
    kind: Kind::Composite,
    domains: &["llm-alignment", "anomaly-multimodal"],
    year: 2024,
    paper: Paper {
        title: "Enhancing the Reasoning Ability of Multimodal Large Language Models via Mixed Preference Optimization",
        authors: "Wang, W. et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2411.10442",
    },
    summary: "Combines a relative preference term (DPO sigmoid), an absolute quality term (BCO on chosen and rejected separately) and a generation term (negative log-likelihood of the chosen response), so the model learns which answer is better, whether each answer is acceptable, and how to produce the good one. The paper reports the weights 0.8, 0.2 and 1.0. In TRL it is DPOConfig(loss_type=['sigmoid', 'bco_pair', 'sft'], loss_weights=[0.8, 0.2, 1.0]).",
    formula: r"L = w_p\,L_{DPO} + w_q\,L_{BCO} + w_g\,L_{SFT},\quad (w_p, w_q, w_g) = (0.8, 0.2, 1.0)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "summed completion log-probabilities of the chosen responses under the policy" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "the same for the rejected responses" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "chosen log-probabilities under the frozen reference model (no gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "rejected log-probabilities under the reference model (no gradient)" },
        Input { name: "chosen_nll", shape: "[]", meaning: "negative log-likelihood of the chosen responses (SFT term)" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::NON_NEGATIVE, meaning: "strength of the KL regularization toward the reference model" },
        Param { name: "loss_weights", symbol: "w", default: Value::Floats(&[0.8, 0.2, 1.0]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "weights of the DPO, BCO and SFT terms" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &[
        r#"trl DPOTrainer(loss_type=["sigmoid", "bco_pair", "sft"], loss_weights=[0.8, 0.2, 1.0])"#,
    ],
    related: &["dpo", "bco-pair", "bco", "next-token-prediction"],
    uses: &["dpo", "bco-pair", "next-token-prediction"],
    status: Status::Planned("no reference cases yet; the three terms are the dpo, bco-pair and next-token-prediction entries; only their weighted sum needs checking"),
    eval: None,
    ..Entry::BLANK
};
