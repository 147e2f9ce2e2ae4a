//! SoftMatch: replace FixMatch's hard confidence threshold by a soft weight from a truncated
//! Gaussian fitted, by moving averages, to the model's confidences.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "softmatch",
    name: "SoftMatch Loss",
    aliases: &["SoftMatch"],
    kind: Kind::Method,
    domains: &["semi-supervised"],
    year: 2023,
    paper: Paper {
        title: "SoftMatch: Addressing the Quantity-Quality Trade-off in Semi-supervised Learning",
        authors: "Hao Chen, Ran Tao, Yue Fan, Yidong Wang, Jindong Wang, Bernt Schiele, Xing Xie, Bhiksha Raj, Marios Savvides",
        venue: "ICLR",
        year: 2023,
        url: "https://arxiv.org/abs/2301.10921",
    },
    summary: "Weights each unlabeled sample's pseudo-label cross-entropy by lambda_max when its confidence is at least the running mean mu_t of confidences, and by a Gaussian falloff in the distance below mu_t otherwise, with mu_t and the variance tracked by exponential moving averages. A hard threshold trades many wrong pseudo-labels (low threshold) against few usable ones (high threshold); the soft weight keeps most samples with graded trust. Uniform alignment rescales the weak-view probabilities towards a uniform class marginal before computing the weights; USB narrows the Gaussian with n_sigma = 2.",
    formula: r"\lambda(p) = \begin{cases}\lambda_{\max}\exp\Bigl(-\frac{(\max p - \hat\mu_t)^2}{2\hat\sigma_t^2}\Bigr) & \max p < \hat\mu_t\\ \lambda_{\max} & \text{otherwise}\end{cases},\quad \mathcal{L}_u = \frac{1}{\mu B}\sum_{b}\lambda(p_b)\operatorname{CE}\bigl(\arg\max p_b,\ p_\theta(y \mid \mathcal{A}(u_b))\bigr)",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &["semilearn.algorithms.softmatch.SoftMatch"],
    related: &["fixmatch", "flexmatch", "freematch"],
    uses: &["fixmatch", "cross-entropy"],
    forms: &[],
    status: Status::NotExecutable("the weighting Gaussian's mean and variance are moving averages kept across training"),
    eval: None,
    ..Entry::BLANK
};
