//! Path length regularization (StyleGAN2): keep the norm of the generator's Jacobian-vector
//! products in W space close to a running average, so a fixed step in latent space changes the
//! image by a fixed amount.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "path-length",
    name: "Path Length Regularization",
    aliases: &["Path Length Penalty", "PPL Regularization"],
    kind: Kind::Penalty,
    domains: &["gan", "regularization"],
    year: 2020,
    paper: Paper {
        title: "Analyzing and Improving the Image Quality of StyleGAN",
        authors: "Karras et al.",
        venue: "CVPR 2020",
        year: 2020,
        url: "https://arxiv.org/abs/1912.04958",
    },
    summary: "A generator regularizer: for random image-space directions y ~ N(0, I) it computes J_w^T y (one backward pass through the synthesis network) and penalizes the squared deviation of its norm from a, an exponential moving average of the same norms. This encourages the mapping from intermediate latents w to images to be conformal (equal-length steps everywhere), which improved perceptual path length and made the generator easier to invert. StyleGAN2-ADA's loss defaults to weight 2 and EMA decay 0.01, normalizes y by sqrt(H W), runs it lazily every 4 steps on a halved batch; the running mean a is state carried across steps.",
    formula: r"\mathcal{L}_{\text{pl}} = \mathbb{E}_{w,\ y \sim \mathcal{N}(0, I)}\big(\lVert \mathbf{J}_w^\top y \rVert_2 - a\big)^2",
    inputs: &[
        Input { name: "gradients", shape: "[N, *]", meaning: "J_w^T y for each sample: gradient of <G(w), y> with respect to w" },
        Input { name: "pl_mean", shape: "[]", meaning: "running mean a of the path lengths (no gradient)" },
    ],
    params: &[
        Param { name: "pl_weight", symbol: "", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "weight of the penalty (StyleGAN2-ADA default)" },
        Param { name: "pl_decay", symbol: "", default: Value::Float(0.01), range: Range::UNIT, meaning: "EMA rate used to update the running mean a" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Parameters,
    },
    related: &["r1-penalty", "wgan-gp", "gan-non-saturating"],
    status: Status::Planned("executable given the J^T y gradients and the running mean as inputs; no reference cases"),
    eval: None,
    ..Entry::BLANK
};
