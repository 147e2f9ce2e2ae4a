//! V-trace: off-policy corrected n-step value targets with truncated importance weights, and
//! the actor-critic loss IMPALA builds on them.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "v-trace",
    name: "V-trace Loss",
    aliases: &["V-trace", "IMPALA Loss"],
    kind: Kind::Loss,
    domains: &["reinforcement-learning"],
    year: 2018,
    paper: Paper {
        title: "IMPALA: Scalable Distributed Deep-RL",
        authors: "Espeholt et al.",
        venue: "ICML",
        year: 2018,
        url: "https://arxiv.org/abs/1802.01561",
    },
    summary: "In IMPALA, actors generate trajectories with slightly stale policies mu and a central learner trains pi on them. V-trace corrects the n-step value target with importance weights truncated at rho-bar for the TD terms and c-bar for the trace, which keeps variance bounded while converging to the value of a policy between mu and pi (pi itself when rho-bar is infinite). The learner minimizes a squared error of V to the V-trace target, a policy-gradient term weighted by the truncated weight times the V-trace advantage, and an entropy penalty. Targets are computed backwards over the unroll and treated as constants.",
    formula: r"\rho_t = \min\Bigl(\bar\rho, \frac{\pi(a_t \mid x_t)}{\mu(a_t \mid x_t)}\Bigr),\ c_i = \lambda\min\Bigl(\bar c, \frac{\pi(a_i \mid x_i)}{\mu(a_i \mid x_i)}\Bigr),\quad v_s = V(x_s) + \sum_{t=s}^{s+n-1}\gamma^{t-s}\Bigl(\prod_{i=s}^{t-1} c_i\Bigr)\rho_t\bigl(r_t + \gamma V(x_{t+1}) - V(x_t)\bigr),\quad \mathcal{L} = \tfrac{c_b}{2}\bigl(v_s - V(x_s)\bigr)^2 - \rho_s\log\pi(a_s \mid x_s)\bigl(r_s + \gamma v_{s+1} - V(x_s)\bigr) - c_e\,\mathcal{H}\bigl(\pi(\cdot \mid x_s)\bigr)",
    inputs: &[
        Input { name: "target_log_probs", shape: "[T, N]", meaning: "log pi(a_t | x_t) under the learner policy" },
        Input { name: "behaviour_log_probs", shape: "[T, N]", meaning: "log mu(a_t | x_t) under the actor policy (no gradient)" },
        Input { name: "values", shape: "[T, N]", meaning: "V(x_t)" },
        Input { name: "bootstrap_value", shape: "[N]", meaning: "V(x_T) after the unroll (no gradient)" },
        Input { name: "rewards", shape: "[T, N]", meaning: "rewards" },
        Input { name: "discounts", shape: "[T, N]", meaning: "gamma times (1 - done) per step" },
        Input { name: "entropy", shape: "[T, N]", meaning: "policy entropy per step" },
    ],
    params: &[
        Param { name: "clip_rho_threshold", symbol: r"\bar\rho", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "truncation of the importance weights in the TD terms" },
        Param { name: "clip_c_threshold", symbol: r"\bar c", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "truncation of the trace coefficients" },
        Param { name: "lambda_", symbol: r"\lambda", default: Value::Float(1.0), range: Range::UNIT, meaning: "mixing parameter of the traces (rlax name)" },
        Param { name: "baseline_cost", symbol: "c_b", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "weight of the value regression (0.5 in DeepMind's scalable_agent)" },
        Param { name: "entropy_cost", symbol: "c_e", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "weight of the entropy bonus (tuned per task in the paper)" },
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
    equivalents: &["rlax.vtrace", "rlax.vtrace_td_error_and_advantage"],
    related: &["a2c", "td", "gae", "ppo-clip", "reinforce"],
    forms: &[],
    status: Status::Planned("not implemented yet: the V-trace targets are a backward recursion over given tensors"),
    eval: None,
    ..Entry::BLANK
};
