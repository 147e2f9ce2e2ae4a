//! SURE: an estimate of the mean squared error of a denoiser or reconstruction operator that needs
//! no clean ground truth, using a Monte-Carlo estimate of the operator's divergence.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sure",
    name: "Stein's Unbiased Risk Estimate (SURE) Loss",
    aliases: &["SURE Loss"],
    kind: Kind::Loss,
    domains: &["super-resolution", "medical"],
    year: 1981,
    paper: Paper {
        title: "Estimation of the Mean of a Multivariate Normal Distribution",
        authors: "Stein, C.M.",
        venue: "The Annals of Statistics",
        year: 1981,
        url: "https://doi.org/10.1214/aos/1176345632",
    },
    summary: "Stein's unbiased risk estimate replaces the unavailable squared error to the clean signal by the error to the noisy observation plus a divergence term of the estimator, estimated by perturbing its input with random noise. It allows training or guiding denoisers and MRI reconstructions without fully sampled references. MONAI's SURELoss multiplies the mean squared error to the pseudo ground truth by a Monte-Carlo divergence estimate normalized by B*H*W, which differs from the textbook additive form; it needs the operator itself to evaluate the perturbed input.",
    formula: r"\text{textbook: } \mathbb{E}\lVert f(y) - x\rVert^2 = \mathbb{E}\big[\lVert f(y) - y\rVert^2 - n\sigma^2 + 2\sigma^2 \operatorname{div} f(y)\big],\quad \operatorname{div} f(y) \approx \frac{1}{\epsilon}\, b^\top\big(f(y + \epsilon b) - f(y)\big)",
    inputs: &[
        Input { name: "x", shape: "[B, C, H, W]", meaning: "operator input (C = 1 real, or 2 for complex data)" },
        Input { name: "y_pseudo_gt", shape: "[B, C, H, W]", meaning: "pseudo ground truth (for example the zero-filled reconstruction)" },
    ],
    params: &[
        Param { name: "eps", symbol: r"\epsilon", default: Value::Null, range: Range::POSITIVE, meaning: "perturbation size; None means max|y_pseudo_gt| / 1000" },
        Param { name: "perturb_noise", symbol: "b", default: Value::Null, range: Range::Any, meaning: "noise tensor; None draws a standard normal" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::Unknown,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Values,
    },
    equivalents: &[
        "monai.losses.SURELoss",
    ],
    related: &["mse"],
    status: Status::NotExecutable("needs the operator (a model) to be evaluated again at a randomly perturbed input; it is not a function of fixed tensors"),
    eval: None,
    ..Entry::BLANK
};
