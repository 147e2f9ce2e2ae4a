//! Bradley-Terry reward-model loss: train a scalar reward model so that the chosen response of
//! each preference pair scores higher than the rejected one.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "bradley-terry",
    name: "Reward Model Loss / Bradley-Terry",
    aliases: &["Reward Model Loss", "Bradley-Terry Loss", "Pairwise Reward Loss"],
    kind: Kind::Loss,
    domains: &["llm-alignment", "recommendation"],
    year: 2022,
    paper: Paper {
        title: "Training language models to follow instructions with human feedback",
        authors: "Ouyang et al.",
        venue: "NeurIPS 2022",
        year: 2022,
        url: "https://arxiv.org/abs/2203.02155",
    },
    summary: "The negative log-likelihood of the Bradley-Terry model (1952), P(chosen beats rejected) = sigma(r_chosen - r_rejected), used to train the reward model of RLHF pipelines such as InstructGPT (which averaged over all K-choose-2 comparisons of a prompt). Only reward differences are identified, so the scale and offset drift; TRL's RewardTrainer optionally adds center_rewards_coefficient times the mean squared sum of the two rewards to keep them centred, and accepts a per-pair margin subtracted inside the sigmoid (as in Llama 2). Reward models trained this way are easily over-optimized by the policy.",
    formula: r"\mathcal{L} = -\frac{1}{N}\sum_{i}\log\sigma\big(r_{c,i} - r_{r,i} - m_i\big) + \eta\,\frac{1}{N}\sum_i \big(r_{c,i} + r_{r,i}\big)^2",
    inputs: &[
        Input { name: "rewards_chosen", shape: "[N]", meaning: "reward-model scores of the chosen responses" },
        Input { name: "rewards_rejected", shape: "[N]", meaning: "reward-model scores of the rejected responses" },
        Input { name: "margin", shape: "[N]", meaning: "optional per-pair margin m (0 when absent)" },
    ],
    params: &[
        Param { name: "center_rewards_coefficient", symbol: r"\eta", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "weight of the reward-centring term (None = off)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["trl RewardTrainer"],
    related: &["dpo", "ppo-rlhf", "margin-ranking", "bpr", "ranking-softmax"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
