//! WGAN-GP: enforce the critic's Lipschitz constraint softly by penalizing the deviation of its
//! input-gradient norm from 1 at random interpolates between real and generated samples.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "wgan-gp",
    name: "WGAN-GP",
    aliases: &["Wasserstein Gradient Penalty", "WGAN Gradient Penalty", "Two-Sided Gradient Penalty"],
    kind: Kind::Penalty,
    domains: &["gan", "regularization"],
    year: 2017,
    paper: Paper {
        title: "Improved Training of Wasserstein GANs",
        authors: "Gulrajani et al.",
        venue: "NeurIPS 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1704.00028",
    },
    summary: "A gradient penalty added to the WGAN critic loss in place of weight clipping: at points sampled uniformly on lines between real and generated samples, it penalizes (||grad D|| - 1)^2 with weight lambda = 10. The paper trains the critic 5 times per generator step with Adam and advises against batch normalization in the critic, since the penalty is defined per sample. The penalty needs a second-order backward pass (the gradient of a gradient), which roughly doubles critic cost; the zero-centred r1-penalty is a cheaper and often more stable alternative.",
    formula: r"\mathcal{L}_D = \mathbb{E}_{z}[D(G(z))] - \mathbb{E}_{x}[D(x)] + \lambda\, \mathbb{E}_{\hat x}\big[(\lVert \nabla_{\hat x} D(\hat x) \rVert_2 - 1)^2\big],\quad \hat x = \epsilon x + (1-\epsilon) G(z),\ \epsilon \sim U[0,1]",
    inputs: &[
        Input { name: "gradients", shape: "[N, *]", meaning: "gradient of the critic output with respect to each interpolate x-hat (one row per sample)" },
    ],
    params: &[
        Param { name: "lambda_gp", symbol: r"\lambda", default: Value::Float(10.0), range: Range::NON_NEGATIVE, meaning: "weight of the gradient penalty (10 in the paper)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Parameters,
    },
    equivalents: &["torchgan.losses.WassersteinGradientPenalty"],
    related: &["wgan", "r1-penalty", "spectral-normalization", "path-length", "stargan", "wasserstein-da"],
    uses: &["wgan"],
    status: Status::Planned("executable given the critic's gradients at the interpolates as an input; no reference cases"),
    eval: None,
    ..Entry::BLANK
};
