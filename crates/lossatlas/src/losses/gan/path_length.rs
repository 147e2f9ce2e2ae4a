//! Path length regularization (StyleGAN2): keep the norm of the generator's Jacobian-vector
//! products in W space close to a running average, so a fixed step in latent space changes the
//! image by a fixed amount.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor};
use crate::numerics::{self, LossTensor, Reduction, inputs, reduce};

const ID: &str = "path-length";

pub const ENTRY: Entry = Entry {
    id: ID,
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
    summary: "A generator regularizer: for random image-space directions y ~ N(0, I) it computes J_w^T y (one backward pass through the synthesis network, with create_graph) and penalizes the squared deviation of its norm from a, an exponential moving average of the same norms. This encourages the mapping from intermediate latents w to images to be conformal (equal-length steps everywhere), which improved perceptual path length and made the generator easier to invert. Here the products J_w^T y are given ([N, num_ws, w_dim]; the length averages the squared norm over the num_ws copies of w, as StyleGAN2-ADA does) together with the running mean before this step; as in StyleGAN2-ADA the mean is first moved towards the batch's mean length by pl_decay, and the moved mean, which depends on this batch, is the target (store it with path_length_mean for the next step). StyleGAN2-ADA normalizes y by sqrt(H W), uses weight 2 and decay 0.01, and runs the penalty lazily every 4 steps on half the batch.",
    formula: r"\mathcal{R}_{\text{pl}} = \frac{w_{\text{pl}}}{N}\sum_{n=1}^{N}\bigl(\ell_n - \bar a\bigr)^2,\quad \ell_n = \sqrt{\frac{1}{L}\sum_{l=1}^{L}\bigl\lVert (\mathbf{J}_{w}^\top y)_{n,l} \bigr\rVert_2^2},\quad \bar a = a + \beta\Bigl(\frac{1}{N}\sum_{n}\ell_n - a\Bigr)",
    inputs: &[
        Input { name: "gradients", shape: "[N, L, D] or [N, D]", meaning: "J_w^T y for each sample: the gradient of sum(G(w) * y) with respect to the L = num_ws copies of w (w_dim D), computed by the caller with create_graph=True" },
        Input { name: "pl_mean", shape: "[]", meaning: "running mean a of the path lengths before this step (a buffer, 0 at the start of training)" },
    ],
    params: &[
        Param { name: "pl_weight", symbol: r"w_{\text{pl}}", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "weight of the penalty (StyleGAN2-ADA default)" },
        Param { name: "pl_decay", symbol: r"\beta", default: Value::Float(0.01), range: Range::UNIT, meaning: "rate at which the running mean moves towards the batch's mean length before it is used (StyleGAN2-ADA default)" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the per-sample penalties are combined: mean (StyleGAN2-ADA), sum, or none" },
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
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "J^T y component of sample 1 (sample 2 fixed, running mean 1)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("gradients", HostTensor::from_f64(vec![2, 2], vec![x, 0.5, 1.0, 0.0])), ("pl_mean", HostTensor::from_f64(vec![], vec![1.0]))],
        wrt: "gradients",
        index: 0,
    }
}

/// Path length options; `Default` is StyleGAN2-ADA's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathLengthConfig {
    pub pl_weight: f64,
    pub pl_decay: f64,
    pub reduction: Reduction,
}

impl Default for PathLengthConfig {
    fn default() -> Self {
        PathLengthConfig { pl_weight: 2.0, pl_decay: 0.01, reduction: Reduction::Mean }
    }
}

fn check(gradients: &Tensor<3>, pl_mean: &Tensor<1>, cfg: &PathLengthConfig) -> Result<(), LossError> {
    numerics::non_empty(ID, "gradients", &gradients.dims())?;
    if pl_mean.dims() != [1] {
        return Err(LossError::shape(ID, "pl_mean", "a scalar (shape [] or [1])", fmt_shape(&pl_mean.dims())));
    }
    numerics::finite_values(ID, "pl_mean", &numerics::host_f64(pl_mean))?;
    numerics::non_negative_param(ID, "pl_weight", cfg.pl_weight)?;
    numerics::param_in(ID, "pl_decay", cfg.pl_decay, 0.0, 1.0)?;
    Ok(())
}

/// Per-sample path lengths `sqrt(mean_l sum_d g_nld^2)` of `[N, L, D]`, `[N]`. The square
/// root's derivative at an exactly zero length is taken as 0 (PyTorch's `sqrt` gives NaN).
fn lengths(gradients: Tensor<3>) -> Tensor<1> {
    let [n, l, _] = gradients.dims();
    let s = gradients.square().sum_dim(2).reshape([n, l]).mean_dim(1).reshape([n]);
    let zero = s.clone().equal_elem(0.0);
    s.mask_fill(zero.clone(), 1.0).sqrt().mask_fill(zero, 0.0)
}

/// The running mean after this step, `a + pl_decay (mean_n l_n - a)`, as a `[1]` tensor that
/// depends on `gradients` (StyleGAN2-ADA stores it detached as the new buffer value).
pub fn path_length_mean(gradients: Tensor<3>, pl_mean: Tensor<1>, cfg: &PathLengthConfig) -> Result<Tensor<1>, LossError> {
    check(&gradients, &pl_mean, cfg)?;
    let batch_mean = lengths(gradients).mean();
    Ok(pl_mean.clone() + (batch_mean - pl_mean).mul_scalar(cfg.pl_decay))
}

/// The path length penalty on `gradients` `[N, L, D]` (J_w^T y per sample and copy of w) with the
/// running mean `pl_mean` `[1]` before this step: `pl_weight (l_n - a')^2` per sample, where
/// `a'` is [`path_length_mean`]; then reduced. With `Reduction::None`, shape `[N]`.
pub fn path_length(gradients: Tensor<3>, pl_mean: Tensor<1>, cfg: &PathLengthConfig) -> Result<LossTensor, LossError> {
    check(&gradients, &pl_mean, cfg)?;
    let len = lengths(gradients);
    let moved = pl_mean.clone() + (len.clone().mean() - pl_mean).mul_scalar(cfg.pl_decay);
    let per = (len - moved).square().mul_scalar(cfg.pl_weight);
    Ok(reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let cfg = PathLengthConfig { pl_weight: c.f64("pl_weight", 2.0)?, pl_decay: c.f64("pl_decay", 0.01)?, reduction: c.reduction(Reduction::Mean)? };
    let shape = c.shape("gradients")?.to_vec();
    numerics::non_empty(ID, "gradients", &shape)?;
    let g = match shape.len() {
        2 => c.float_reshaped("gradients", [shape[0], 1, shape[1]])?,
        3 => c.float::<3>("gradients")?,
        _ => return Err(LossError::shape(ID, "gradients", "shape [N, L, D] or [N, D]", fmt_shape(&shape))),
    };
    path_length(g, inputs::scalar_input(c, "pl_mean")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn x(n: usize, l: usize, d: usize, seed: u64, a: f64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("gradients", randn(&[n, l, d], seed, 1.0)), ("pl_mean", f(&[], &[a]))])
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &x(4, 3, 5, 41, 1.7));
        // A large decay makes the batch-mean path visible; no reduction.
        assert_gradcheck(ID, None, &params(json!({"pl_decay": 0.6, "pl_weight": 1.0, "reduction": "none"})), &x(3, 2, 4, 42, 0.0));
        let flat = inputs(vec![("gradients", randn(&[3, 4], 43, 1.0)), ("pl_mean", f(&[1], &[0.5]))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &flat);
    }

    #[test]
    fn value_is_the_formula() {
        // L = 2, D = 2. Sample 1: rows (3, 4), (0, 0) -> sqrt((25 + 0) / 2) = sqrt(12.5);
        // sample 2: rows (1, 0), (1, 0) -> 1. a = 1, decay 0.5: a' = 1 + 0.5 (mean - 1).
        let xs = inputs(vec![("gradients", f(&[2, 2, 2], &[3.0, 4.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0])), ("pl_mean", f(&[], &[1.0]))]);
        let l1 = 12.5f64.sqrt();
        let a = 1.0 + 0.5 * ((l1 + 1.0) / 2.0 - 1.0);
        let want = [2.0 * (l1 - a).powi(2), 2.0 * (1.0 - a).powi(2)];
        let ev = eval64(ID, None, &params(json!({"pl_decay": 0.5, "reduction": "none"})), &xs);
        assert!((ev.loss.floats[0] - want[0]).abs() < 1e-12 && (ev.loss.floats[1] - want[1]).abs() < 1e-12, "{:?} vs {want:?}", ev.loss.floats);
        let ev = eval64(ID, None, &params(json!({"pl_decay": 0.5})), &xs);
        assert!((ev.loss.floats[0] - (want[0] + want[1]) / 2.0).abs() < 1e-12);
        // Decay 0: the running mean is a constant target; the gradient w.r.t. pl_mean is the
        // ordinary derivative -2 w sum (l_n - a) / N.
        let ev = eval64(ID, None, &params(json!({"pl_decay": 0.0})), &xs);
        assert!((ev.loss.floats[0] - ((l1 - 1.0).powi(2) + 0.0)).abs() < 1e-12);
        assert!((ev.grads["pl_mean"].floats[0] + 2.0 * (l1 - 1.0)).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let xs = inputs(vec![("gradients", f(&[3, 1, 2], &[1e12, -1e12, 1e-12, 0.0, 0.0, 0.0])), ("pl_mean", f(&[], &[1e6]))]);
        assert_finite(ID, None, &params(json!({})), &xs);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let good = x(2, 2, 3, 1, 0.5);
        assert_error(ID, None, &params(json!({"pl_weight": -1.0})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"pl_decay": 1.5})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"pl_decay": "nan"})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"pl_batch_shrink": 2})), &good, ErrorKind::Param);
        let g = randn(&[2, 3], 2, 1.0);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("gradients", g.clone()), ("pl_mean", f(&[2], &[0.0, 1.0]))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("gradients", g.clone()), ("pl_mean", f(&[], &[f64::NAN]))]), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("gradients", randn(&[6], 2, 1.0)), ("pl_mean", f(&[], &[0.0]))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("gradients", f(&[0, 2, 3], &[])), ("pl_mean", f(&[], &[0.0]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("gradients", g)]), ErrorKind::Missing);
    }
}
