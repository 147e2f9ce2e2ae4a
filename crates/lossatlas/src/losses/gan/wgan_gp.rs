//! WGAN-GP: enforce the critic's Lipschitz constraint softly by penalizing the deviation of its
//! input-gradient norm from 1 at random interpolates between real and generated samples.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, HostTensor};
use crate::numerics::{self, LossTensor, Reduction, inputs, reduce, vectors};

const ID: &str = "wgan-gp";

pub const ENTRY: Entry = Entry {
    id: ID,
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
    summary: "A gradient penalty added to the WGAN critic loss in place of weight clipping: at points x-hat sampled uniformly on lines between real and generated samples, it penalizes (||grad D(x-hat)||_2 - 1)^2 per sample, averaged and weighted by lambda = 10. Here the gradients at the interpolates are given: sampling the interpolates and computing the gradients with create_graph (a second-order backward, which roughly doubles critic cost) is the caller's job. The norm is taken per sample over all its input dimensions, as in the authors' code; torchgan's wasserstein_gradient_penalty instead takes one norm over the whole batch. The paper trains the critic 5 times per generator step and advises against batch normalization in the critic; the zero-centred r1-penalty is a cheaper and often more stable alternative.",
    formula: r"\mathcal{R}_{\text{GP}} = \lambda\,\frac{1}{N}\sum_{n=1}^{N}\bigl(\lVert g_n \rVert_2 - 1\bigr)^2,\quad g_n = \nabla_{\hat x} D(\hat x)\big|_{\hat x_n},\quad \hat x_n = \epsilon_n x_n + (1-\epsilon_n)\,G(z_n),\ \epsilon_n \sim U[0,1]",
    inputs: &[
        Input { name: "gradients", shape: "[N, *]", meaning: "gradient g_n of the critic output with respect to each interpolate x-hat_n (one row per sample, any trailing shape); computed by the caller with create_graph=True" },
    ],
    params: &[
        Param { name: "lambda_gp", symbol: r"\lambda", default: Value::Float(10.0), range: Range::NON_NEGATIVE, meaning: "weight of the gradient penalty (10 in the paper)" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the per-sample penalties lambda (||g_n|| - 1)^2 are combined: mean (the paper), sum, or none" },
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
    related: &["wgan", "r1-penalty", "spectral-normalization", "path-length", "stargan", "wasserstein-da"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "input-gradient component (other 0.5)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput { form: None, params: serde_json::json!({}), inputs: vec![("gradients", HostTensor::from_f64(vec![1, 2], vec![x, 0.5]))], wrt: "gradients", index: 0 }
}

/// WGAN-GP options; `Default` is the paper's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WganGpConfig {
    pub lambda_gp: f64,
    pub reduction: Reduction,
}

impl Default for WganGpConfig {
    fn default() -> Self {
        WganGpConfig { lambda_gp: 10.0, reduction: Reduction::Mean }
    }
}

/// The gradient penalty on critic gradients `[N, M]` at the interpolates (one flattened
/// gradient per sample): `lambda (||g_n||_2 - 1)^2` per sample, then reduced. At an exactly
/// zero gradient the norm's derivative is taken as 0 (PyTorch's `norm` subgradient; the
/// authors' `sqrt(sum(g^2))` would give NaN there). With `Reduction::None`, shape `[N]`.
pub fn wgan_gp(gradients: Tensor<2>, cfg: &WganGpConfig) -> Result<LossTensor, LossError> {
    numerics::non_empty(ID, "gradients", &gradients.dims())?;
    let lam = numerics::non_negative_param(ID, "lambda_gp", cfg.lambda_gp)?;
    let n = gradients.dims()[0];
    let norm = vectors::l2_norm(gradients, 1).reshape([n]);
    let per = norm.sub_scalar(1.0).square().mul_scalar(lam);
    Ok(reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let cfg = WganGpConfig { lambda_gp: c.f64("lambda_gp", 10.0)?, reduction: c.reduction(Reduction::Mean)? };
    numerics::non_negative_param(ID, "lambda_gp", cfg.lambda_gp)?;
    wgan_gp(inputs::per_sample_rows(c, "gradients")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("gradients", randn(&[4, 3, 2], 31, 0.6))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"lambda_gp": 2.0, "reduction": "none"})), &x);
        // Near the target norm 1 (the minimum) and near a zero gradient.
        let near = inputs(vec![("gradients", f(&[2, 2], &[0.6, 0.8 + 1e-4, 1e-3, -2e-3]))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &near);
    }

    #[test]
    fn value_is_the_formula() {
        // Rows (3, 4) (norm 5) and (0.6, 0.8) (norm 1): 10 * ((5 - 1)^2 + 0) / 2 = 80.
        let x = inputs(vec![("gradients", f(&[2, 2], &[3.0, 4.0, 0.6, 0.8]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 80.0).abs() < 1e-12);
        let ev = eval64(ID, None, &params(json!({"lambda_gp": 1.0, "reduction": "none"})), &x);
        assert!((ev.loss.floats[0] - 16.0).abs() < 1e-12 && ev.loss.floats[1].abs() < 1e-24);
        // d/dg of (|g| - 1)^2 = 2 (|g| - 1) g / |g| = 8 (0.6, 0.8) = (4.8, 6.4) for g = (3, 4).
        let g = &ev.grads["gradients"].floats;
        assert!((g[0] - 4.8).abs() < 1e-12 && (g[1] - 6.4).abs() < 1e-12);
        // A zero gradient costs lambda and gets the subgradient 0.
        let ev = eval64(ID, None, &params(json!({})), &inputs(vec![("gradients", f(&[1, 2], &[0.0, 0.0]))]));
        assert_eq!(ev.loss.floats, vec![10.0]);
        assert_eq!(ev.grads["gradients"].floats, vec![0.0, 0.0]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        assert_finite(ID, None, &params(json!({})), &inputs(vec![("gradients", f(&[3, 2], &[1e12, -1e12, 1e-12, 0.0, 0.0, 0.0]))]));
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = inputs(vec![("gradients", randn(&[2, 3], 1, 1.0))]);
        assert_error(ID, None, &params(json!({"lambda_gp": -1.0})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"lambda_gp": "inf"})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"reduction": "max"})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"center": 0.0})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("gradients", f(&[2, 0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("gradients", f(&[], &[1.0]))]), ErrorKind::Shape);
    }
}
