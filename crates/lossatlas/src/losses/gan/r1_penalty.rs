//! R1 regularization: a zero-centred gradient penalty on the discriminator at real data, which
//! makes GAN training locally convergent.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, HostTensor};
use crate::numerics::{self, LossTensor, Reduction, inputs, reduce};

const ID: &str = "r1-penalty";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "R1 Regularization",
    aliases: &["R1 Penalty", "R1 Gradient Penalty", "Zero-Centered Gradient Penalty"],
    kind: Kind::Penalty,
    domains: &["gan", "regularization"],
    year: 2018,
    paper: Paper {
        title: "Which Training Methods for GANs do actually Converge?",
        authors: "Mescheder et al.",
        venue: "ICML 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1801.04406",
    },
    summary: "Adds gamma/2 times the mean squared norm of the discriminator's gradient with respect to its input, evaluated on real samples only, to the discriminator loss. Penalizing the gradient towards zero (not towards 1 as in wgan-gp) keeps the discriminator flat on the data manifold once the generator matches it, which the paper shows gives local convergence where unregularized GANs oscillate. Here the input gradients are given: computing them (autograd of sum(D(x)) with respect to x, with create_graph so the penalty can be backpropagated into D, i.e. double backward) is the caller's job. It is the default regularizer of StyleGAN2 and its successors, usually applied lazily every 16 steps with gamma scaled up accordingly; gamma is dataset-dependent (10 is common for faces, much smaller for low-resolution data). Mescheder's GAN_stability code multiplies the mean squared norm by reg_param without the 1/2, so its reg_param is gamma/2; R2 is the same penalty on generated samples.",
    formula: r"R_1 = \frac{\gamma}{2}\cdot\frac{1}{N}\sum_{n=1}^{N}\lVert g_n \rVert_2^2,\quad g_n = \nabla_x D_\psi(x)\big|_{x = x_n},\ x_n \sim p_{\text{data}}",
    inputs: &[
        Input { name: "gradients", shape: "[N, *]", meaning: "gradient g_n of the discriminator output with respect to each real input x_n (one row per sample, any trailing shape, e.g. [N, C, H, W]); computed by the caller with create_graph=True" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(10.0), range: Range::NON_NEGATIVE, meaning: "penalty weight (r1_gamma of StyleGAN2-ADA's loss, default 10; tuned per dataset)" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the per-sample penalties gamma/2 ||g_n||^2 are combined: mean (the paper and StyleGAN2-ADA), sum, or none" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Parameters,
    },
    related: &["wgan-gp", "path-length", "gan-non-saturating", "spectral-normalization", "stargan-v2", "swapping-autoencoder"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "input-gradient component (other 0.5)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput { form: None, params: serde_json::json!({}), inputs: vec![("gradients", HostTensor::from_f64(vec![1, 2], vec![x, 0.5]))], wrt: "gradients", index: 0 }
}

/// R1 options; `Default` is StyleGAN2-ADA's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct R1Config {
    pub gamma: f64,
    pub reduction: Reduction,
}

impl Default for R1Config {
    fn default() -> Self {
        R1Config { gamma: 10.0, reduction: Reduction::Mean }
    }
}

/// The R1 penalty on input gradients `[N, M]` (one flattened gradient per real sample):
/// `gamma / 2 * ||g_n||^2` per sample, then reduced. With `Reduction::None`, shape `[N]`.
pub fn r1_penalty(gradients: Tensor<2>, cfg: &R1Config) -> Result<LossTensor, LossError> {
    numerics::non_empty(ID, "gradients", &gradients.dims())?;
    let gamma = numerics::non_negative_param(ID, "gamma", cfg.gamma)?;
    let n = gradients.dims()[0];
    let per = gradients.square().sum_dim(1).reshape([n]).mul_scalar(0.5 * gamma);
    Ok(reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let cfg = R1Config { gamma: c.f64("gamma", 10.0)?, reduction: c.reduction(Reduction::Mean)? };
    numerics::non_negative_param(ID, "gamma", cfg.gamma)?;
    r1_penalty(inputs::per_sample_rows(c, "gradients")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("gradients", randn(&[3, 2, 2, 2], 21, 1.5))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"gamma": 0.3, "reduction": "none"})), &x);
        // The penalty is smooth at a zero gradient (its minimum).
        let z = inputs(vec![("gradients", f(&[2, 2], &[0.0, 0.0, 1e-3, -2.0]))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &z);
    }

    #[test]
    fn value_is_the_formula() {
        // Rows (3, 4) and (1, 0): squared norms 25 and 1; gamma = 10: 5 * (25 + 1) / 2 = 65.
        let x = inputs(vec![("gradients", f(&[2, 2], &[3.0, 4.0, 1.0, 0.0]))]);
        assert_eq!(eval64(ID, None, &params(json!({})), &x).loss.floats, vec![65.0]);
        assert_eq!(eval64(ID, None, &params(json!({"reduction": "none"})), &x).loss.floats, vec![125.0, 5.0]);
        let ev = eval64(ID, None, &params(json!({"gamma": 1.0, "reduction": "sum"})), &x);
        assert_eq!(ev.loss.floats, vec![13.0]);
        // d/dg of gamma/2 g^2 = gamma g.
        assert_eq!(ev.grads["gradients"].floats, vec![3.0, 4.0, 1.0, 0.0]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        assert_finite(ID, None, &params(json!({})), &inputs(vec![("gradients", f(&[2, 2], &[1e12, -1e-12, 0.0, 1e-300]))]));
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = inputs(vec![("gradients", randn(&[2, 3], 1, 1.0))]);
        assert_error(ID, None, &params(json!({"gamma": -1.0})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"gamma": "nan"})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"reduction": "batchmean"})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"r1_gamma": 1.0})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("gradients", f(&[0, 3], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("gradients", f(&[], &[1.0]))]), ErrorKind::Shape);
        assert_error(ID, Some("r2"), &params(json!({})), &x, ErrorKind::Unsupported);
    }
}
