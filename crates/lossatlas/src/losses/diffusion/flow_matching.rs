//! Conditional flow matching: regress a vector field onto the known velocity of a per-sample
//! conditional probability path, which trains a continuous normalizing flow without simulation.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "flow-matching",
    name: "Flow Matching Loss",
    aliases: &["Conditional Flow Matching", "CFM"],
    kind: Kind::Loss,
    domains: &["diffusion"],
    year: 2023,
    paper: Paper {
        title: "Flow Matching for Generative Modeling",
        authors: "Lipman et al.",
        venue: "ICLR 2023",
        year: 2023,
        url: "https://arxiv.org/abs/2210.02747",
    },
    summary: "Chooses a conditional path p_t(x | x1) from noise to each data point with a closed-form velocity u_t(x | x1) and trains v(x, t) by least squares on it; the paper proves the gradient equals that of matching the intractable marginal field. With the optimal-transport path psi_t(x0) = (1 - (1 - sigma_min) t) x0 + t x1 the target is x1 - (1 - sigma_min) x0, giving straighter trajectories than diffusion paths (which are special cases) and fast ODE sampling. The loss is a plain mean squared error once the path is fixed; the facebookresearch/flow_matching library provides the paths and solvers.",
    formula: r"\mathcal{L}_{\text{CFM}} = \mathbb{E}_{t,\ x_1,\ x_0 \sim \mathcal{N}(0, I)}\big\lVert v_\theta(\psi_t(x_0), t) - \big(x_1 - (1 - \sigma_{\min}) x_0\big) \big\rVert_2^2,\quad \psi_t(x_0) = \big(1 - (1 - \sigma_{\min}) t\big) x_0 + t x_1",
    inputs: &[
        Input { name: "pred", shape: "[N, *]", meaning: "predicted velocity v(psi_t(x0), t)" },
        Input { name: "x0", shape: "[N, *]", meaning: "noise samples" },
        Input { name: "x1", shape: "[N, *]", meaning: "data samples" },
    ],
    params: &[
        Param { name: "sigma_min", symbol: r"\sigma_{\min}", default: Value::Float(0.0), range: Range::UNIT, meaning: "standard deviation of the path around x1 at t = 1; 0 gives the rectified-flow path" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["rectified-flow", "v-prediction", "ddpm", "denoising-score-matching"],
    status: Status::Planned("no reference cases; a squared error against the path velocity, evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
