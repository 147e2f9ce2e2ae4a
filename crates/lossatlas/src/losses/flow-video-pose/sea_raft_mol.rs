//! SEA-RAFT's mixture-of-Laplace loss: the negative log-likelihood of the ground-truth flow under
//! a predicted two-component Laplace mixture, applied to every refinement iteration.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sea-raft-mol",
    name: "Mixture of Laplace Loss / SEA-RAFT",
    aliases: &["SEA-RAFT Loss", "Mixture of Laplace Loss", "MoL Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "uncertainty"],
    year: 2024,
    paper: Paper {
        title: "SEA-RAFT: Simple, Efficient, Accurate RAFT for Optical Flow",
        authors: "Yihan Wang, Lahav Lipson, Jia Deng",
        venue: "ECCV 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2405.14793",
    },
    summary: "Instead of L1 to the ground truth, the network predicts per pixel a mixture weight and the scale of a second Laplace component, while the first component's scale is fixed; the loss is the negative log-likelihood of the ground-truth flow under this mixture, centred at the predicted flow, and is summed over refinement iterations with exponentially increasing weights as in RAFT. The fixed-scale component behaves like an L1 loss for ordinary pixels, and the wide component absorbs ambiguous or unpredictable pixels (occlusions) so that they do not dominate training. It also yields a per-pixel uncertainty.",
    formula: r"\ell(x) = -\log\Big(\frac{\alpha}{2e^{\beta_1}}\, e^{-\lvert \mu - x\rvert / e^{\beta_1}} + \frac{1-\alpha}{2e^{\beta_2}}\, e^{-\lvert \mu - x\rvert / e^{\beta_2}}\Big),\quad \mathcal{L} = \sum_{i=1}^{N}\gamma^{N-i}\, \operatorname{mean}\big(\ell_i\big)",
    inputs: &[
        Input { name: "preds", shape: "[N_iter, B, 2, H, W]", meaning: "predicted flow mu at each iteration" },
        Input { name: "log_scale", shape: "[N_iter, B, 2, H, W]", meaning: "predicted log-scale beta_2 of the wide component" },
        Input { name: "mixture_logits", shape: "[N_iter, B, 1, H, W]", meaning: "logit of the mixture weight alpha" },
        Input { name: "target", shape: "[B, 2, H, W]", meaning: "ground-truth flow x" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Null, range: Range::Real { min: 0.0, max: 1.0, open_min: true, open_max: false }, meaning: "exponential iteration weight, as in RAFT's sequence loss" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::Values,
    },
    related: &["raft-sequence", "endpoint-error", "gaussian-nll", "evidential"],
    status: Status::Planned("no reference cases; the fixed scale and the clamping of the predicted scale must be taken from the reference code"),
    eval: None,
    ..Entry::BLANK
};
