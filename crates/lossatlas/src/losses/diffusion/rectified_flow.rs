//! Rectified flow: regress a velocity field onto the straight-line displacement X1 - X0 along
//! linear interpolations between paired samples of two distributions.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "rectified-flow",
    name: "Rectified Flow Loss",
    aliases: &["Rectified Flow", "Reflow"],
    kind: Kind::Loss,
    domains: &["diffusion"],
    year: 2022,
    paper: Paper {
        title: "Flow Straight and Fast: Learning to Generate and Transfer Data with Rectified Flow",
        authors: "Liu et al.",
        venue: "ICLR 2023",
        year: 2022,
        url: "https://arxiv.org/abs/2209.03003",
    },
    summary: "Draws X0 from the source (for generation, Gaussian noise) and X1 from the data, forms X_t = t X1 + (1 - t) X0 with t ~ U(0, 1), and trains v(X_t, t) by least squares towards X1 - X0; integrating the learned ODE transports one distribution to the other. Re-running the procedure on pairs produced by the previous flow (reflow) straightens trajectories so that very few Euler steps suffice, and enables one-step distillation. The objective is the same as flow matching with the linear (sigma_min = 0) path and is used by Stable Diffusion 3 and FLUX; the choice of the t distribution matters in practice.",
    formula: r"\min_v \int_0^1 \mathbb{E}\Big[\big\lVert (X_1 - X_0) - v(X_t, t) \big\rVert_2^2\Big]\, dt,\qquad X_t = t X_1 + (1 - t) X_0",
    inputs: &[
        Input { name: "pred", shape: "[N, *]", meaning: "predicted velocity v(X_t, t)" },
        Input { name: "x0", shape: "[N, *]", meaning: "source samples (noise)" },
        Input { name: "x1", shape: "[N, *]", meaning: "target samples (data)" },
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
    related: &["flow-matching", "v-prediction", "ddpm", "consistency-model"],
    status: Status::Planned("no reference cases; a squared error against x1 - x0, evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
