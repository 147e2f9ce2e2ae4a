//! RLHF with PPO (InstructGPT): fine-tune a language model with PPO against a learned reward
//! model, penalized by the KL divergence from the supervised policy.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ppo-rlhf",
    name: "PPO Loss / RLHF",
    aliases: &["RLHF", "InstructGPT PPO", "PPO-ptx"],
    kind: Kind::Method,
    domains: &["llm-alignment", "reinforcement-learning"],
    year: 2017,
    paper: Paper {
        title: "Training language models to follow instructions with human feedback",
        authors: "Ouyang et al.",
        venue: "NeurIPS 2022",
        year: 2022,
        url: "https://arxiv.org/abs/2203.02155",
    },
    summary: "The three-stage RLHF recipe: supervised fine-tuning on demonstrations, a Bradley-Terry reward model on human rankings, then PPO (Schulman et al., 2017) maximizing the reward of sampled completions minus beta times the log-ratio to the SFT policy, a per-sample KL penalty that keeps the policy from exploiting the reward model. InstructGPT's PPO-ptx variant adds gamma times the pretraining log-likelihood to limit regressions on public NLP benchmarks. The method needs four models in memory (policy, value, reward, reference) and is sensitive to hyperparameters, which motivated DPO, GRPO and their relatives.",
    formula: r"\max_\phi\ \mathbb{E}_{(x,y)\sim \pi_\phi^{\text{RL}}}\Big[r_\theta(x,y) - \beta\log\frac{\pi_\phi^{\text{RL}}(y\mid x)}{\pi^{\text{SFT}}(y\mid x)}\Big] + \gamma\, \mathbb{E}_{x\sim D_{\text{pretrain}}}\big[\log\pi_\phi^{\text{RL}}(x)\big]",
    properties: Properties::UNKNOWN,
    equivalents: &["trl PPOTrainer"],
    related: &["grpo", "dpo", "reinforce", "a2c"],
    uses: &["ppo-clip", "bradley-terry", "kl-divergence", "next-token-prediction"],
    status: Status::NotExecutable("a training procedure: needs the policy, value, reward and reference models and on-policy sampling"),
    eval: None,
    ..Entry::BLANK
};
