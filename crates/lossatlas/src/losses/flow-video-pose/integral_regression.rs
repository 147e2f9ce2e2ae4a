//! Integral pose regression: turn a heatmap into coordinates with a differentiable soft-argmax
//! (the expectation under the softmax-normalized heatmap) and supervise the coordinates directly.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, inputs::check_float};

const ID: &str = "integral-regression";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Integral Regression Loss (Soft-Argmax)",
    aliases: &["Integral Pose Regression", "Soft-Argmax Loss", "Integral Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "3d", "regression"],
    year: 2018,
    paper: Paper {
        title: "Integral Human Pose Regression",
        authors: "Xiao Sun, Bin Xiao, Fangyin Wei, Shuang Liang, Yichen Wei",
        venue: "ECCV 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1711.08229",
    },
    summary: "Replaces the non-differentiable argmax of heatmap methods by the expected location under the heatmap normalized with a softmax over all pixels (or voxels for 3D), so the network is trained end to end with a loss on coordinates; the paper found L1 better than L2 and combined it with heatmap losses in some settings. It removes heatmap quantization error and unifies 2D and 3D training, but the expectation is biased towards the image centre when the heatmap has mass far from the peak, and the heatmap's shape is no longer supervised.",
    formula: r"\tilde H_k(p) = \frac{e^{H_k(p)}}{\sum_{q \in \Omega} e^{H_k(q)}},\quad \hat J_{k,c} = \frac{1}{S_c}\sum_{p \in \Omega} p_c\, \tilde H_k(p) - \frac{1}{2},\qquad \mathcal{L} = \frac{1}{N}\sum_{n,k,c} v_{nkc}\,\big|\hat J_{nkc} - J_{nkc}\big|",
    inputs: &[
        Input { name: "logits", shape: "[N, K, H, W] or [N, K, D, H, W]", meaning: "unnormalized heatmaps, one per joint (2-D or 3-D)" },
        Input { name: "target_points", shape: "[N, K, 2] or [N, K, 3]", meaning: "ground-truth joints (x, y[, z]) in the units of the predictions: normalized (x / W - 1/2, ...) by default, heatmap cells with normalize = false" },
        Input { name: "weights", shape: "[N, K] or [N, K, 2 | 3]", meaning: "optional joint (or per-coordinate) visibility weights v" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("L1"), range: Range::Choice { values: &["L1", "L2"] }, meaning: "absolute (L1JointLocationLoss) or squared (L2JointLocationLoss) coordinate error" },
        Param { name: "size_average", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "divide the summed error by the batch size N (the reference's default); false: the sum" },
        Param { name: "normalize", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "express predicted coordinates as index / size - 1/2 per axis (the reference's label space); false: heatmap-cell indices" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["heatmap-mse", "simcc", "l1", "mpjpe"],
    forms: &[Form { name: "integral-human-pose", description: "JimmySuen/integral-human-pose L1JointLocationLoss / L2JointLocationLoss: a softmax over all cells of each joint's heatmap, the expected (x, y[, z]) cell index divided by the heatmap size minus 1/2, then the visibility-weighted absolute (or squared) error summed and divided by the batch size. The reference stacks depth into the channel axis ([N, K * D, H, W]); here a 3-D heatmap is [N, K, D, H, W]." }],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the right cell of a 1 x 2 heatmap (target at the left cell, normalize = false)", from: -4.0, to: 4.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({"normalize": false}),
        inputs: vec![("logits", HostTensor::from_f64(vec![1, 1, 1, 2], vec![0.0, x])), ("target_points", HostTensor::from_f64(vec![1, 1, 2], vec![0.0, 0.0]))],
        wrt: "logits",
        index: 1,
    }
}

/// Options of [`integral_regression`]; `Default` equals the reference's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IntegralRegressionConfig {
    /// Squared instead of absolute coordinate error.
    pub squared: bool,
    /// Divide by the batch size (else sum).
    pub size_average: bool,
    /// Coordinates as `index / size - 1/2`.
    pub normalize: bool,
}

impl Default for IntegralRegressionConfig {
    fn default() -> Self {
        IntegralRegressionConfig { squared: false, size_average: true, normalize: true }
    }
}

/// Soft-argmax of heatmap logits `[N, K, spatial...]` with `spatial` = `[H, W]` or `[D, H, W]`:
/// the expected `(x, y[, z])` per joint, `[N, K, C]` (C = 2 or 3), in cell indices or, with
/// `normalize`, as `index / size - 1/2`.
pub fn soft_argmax(logits: Tensor<2>, n: usize, k: usize, spatial: &[usize], normalize: bool) -> Tensor<3> {
    let s: usize = spatial.iter().product();
    let c = spatial.len();
    // Axis sizes in (x, y, z) order: W, H[, D].
    let sizes: Vec<usize> = spatial.iter().rev().copied().collect();
    let mut grid = vec![0.0; s * c];
    for cell in 0..s {
        let mut rest = cell;
        for (axis, &size) in sizes.iter().enumerate() {
            let idx = (rest % size) as f64;
            rest /= size;
            grid[cell * c + axis] = if normalize { idx / size as f64 } else { idx };
        }
    }
    let probs = numerics::softmax(logits, 1);
    let grid = numerics::tensor_like(&probs, grid, [s, c]);
    let coords = probs.matmul(grid).reshape([n, k, c]);
    if normalize { coords.sub_scalar(0.5) } else { coords }
}

/// Integral pose regression: `logits` flattened per joint to `[N * K, S]` with its spatial shape,
/// `target_points` `[N, K, C]`, optional `weights` broadcastable to `[N, K, C]` (given as
/// `[N, K, C]`). A scalar.
pub fn integral_regression(logits: Tensor<2>, spatial: &[usize], target_points: Tensor<3>, weights: Option<Tensor<3>>, cfg: &IntegralRegressionConfig) -> Result<LossTensor, LossError> {
    let [n, k, c] = target_points.dims();
    if spatial.len() != c || !(c == 2 || c == 3) {
        return Err(LossError::shape(ID, "target_points", format!("[N, K, {}] (one coordinate per heatmap axis)", spatial.len()), fmt_shape(&[n, k, c])));
    }
    if logits.dims() != [n * k, spatial.iter().product::<usize>()] {
        return Err(LossError::shape(ID, "logits", format!("{n} x {k} heatmaps (the joints of target_points)"), fmt_shape(&logits.dims())));
    }
    numerics::non_empty(ID, "logits", &logits.dims())?;
    let pred = soft_argmax(logits, n, k, spatial, cfg.normalize);
    let diff = pred - target_points;
    let mut per = if cfg.squared { diff.square() } else { diff.abs() };
    if let Some(w) = weights {
        numerics::same_shape(ID, "weights", &w.dims(), "target_points", &[n, k, c])?;
        per = per * w;
    }
    let total = per.sum();
    Ok(LossTensor::scalar(if cfg.size_average { total.mul_scalar(1.0 / n as f64) } else { total }))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "integral-human-pose") {
        return Err(c.unknown_form(&["integral-human-pose"]));
    }
    let squared = match c.str("loss_type", "L1")? {
        "L1" => false,
        "L2" => true,
        other => return Err(LossError::param(ID, "loss_type", "L1 or L2", format!("{other:?}"))),
    };
    let cfg = IntegralRegressionConfig { squared, size_average: c.bool("size_average", true)?, normalize: c.bool("normalize", true)? };
    let shape = check_float(c, "logits")?;
    if shape.len() != 4 && shape.len() != 5 {
        return Err(LossError::shape(ID, "logits", "shape [N, K, H, W] or [N, K, D, H, W]", fmt_shape(&shape)));
    }
    let (n, k) = (shape[0], shape[1]);
    let spatial = shape[2..].to_vec();
    let tp = c.shape("target_points")?;
    let want = [n, k, spatial.len()];
    numerics::same_shape(ID, "target_points", tp, "[N, K, axes] of logits", &want)?;
    numerics::non_empty(ID, "logits", &shape)?;
    let weights = match c.host_opt("weights") {
        None => None,
        Some(w) if w.shape == [n, k] => Some(c.float_reshaped::<3>("weights", [n, k, 1])?.expand(want)),
        Some(w) if w.shape == want => Some(c.float::<3>("weights")?),
        Some(w) => return Err(LossError::shape(ID, "weights", format!("shape [{n}, {k}] or {}", fmt_shape(&want)), fmt_shape(&w.shape))),
    };
    let s: usize = spatial.iter().product();
    let logits = c.float_reshaped::<2>("logits", [n * k, s])?;
    integral_regression(logits, &spatial, c.float::<3>("target_points")?, weights, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let two_d = inputs(vec![("logits", randn(&[2, 3, 4, 5], 101, 2.0)), ("target_points", uniform(&[2, 3, 2], 102, -0.5, 0.5)), ("weights", uniform(&[2, 3], 103, 0.0, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &two_d);
        assert_gradcheck(ID, None, &params(json!({"loss_type": "L2", "size_average": false})), &two_d);
        let three_d = inputs(vec![("logits", randn(&[1, 2, 3, 4, 2], 104, 2.0)), ("target_points", uniform(&[1, 2, 3], 105, 0.0, 2.0)), ("weights", uniform(&[1, 2, 3], 106, 0.0, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({"normalize": false})), &three_d);
    }

    #[test]
    fn value_is_the_formula() {
        // One joint on a 1 x 2 heatmap with logits (0, ln 3): probabilities (1/4, 3/4), so
        // x = 3/4 cells, y = 0. Normalized: x = 3/8 - 1/2 = -1/8, y = 0 - 1/2.
        let logits = || f(&[1, 1, 1, 2], &[0.0, 3f64.ln()]);
        let raw = inputs(vec![("logits", logits()), ("target_points", f(&[1, 1, 2], &[0.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"normalize": false})), &raw);
        assert!((ev.loss.floats[0] - 0.75).abs() < 1e-15);
        let norm = inputs(vec![("logits", logits()), ("target_points", f(&[1, 1, 2], &[0.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &norm);
        assert!((ev.loss.floats[0] - (0.125 + 0.5)).abs() < 1e-15);
        let ev = eval64(ID, None, &params(json!({"loss_type": "L2"})), &norm);
        assert!((ev.loss.floats[0] - (0.125f64.powi(2) + 0.25)).abs() < 1e-15);
        // d|x - 0| / d logit_1 = sign * dx/dlogit_1 = (1/W) p_1 (1 - p_1) = (1/2)(3/16) in the normalized form; x < 0 so the sign is -1.
        let ev = eval64(ID, None, &params(json!({})), &norm);
        assert!((ev.grads["logits"].floats[1] + 3.0 / 32.0).abs() < 1e-15);
        // Weights and batch averaging: two samples, the second weighted 0 -> (3/4) / 2.
        let two = inputs(vec![
            ("logits", f(&[2, 1, 1, 2], &[0.0, 3f64.ln(), 5.0, 1.0])),
            ("target_points", f(&[2, 1, 2], &[0.0, 0.0, 1.0, 0.0])),
            ("weights", f(&[2, 1], &[1.0, 0.0])),
        ]);
        assert!((eval64(ID, None, &params(json!({"normalize": false})), &two).loss.floats[0] - 0.375).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let mut l = randn(&[1, 2, 3, 3], 107, 1.0);
            l.floats.iter_mut().for_each(|v| *v *= scale);
            let x = inputs(vec![("logits", l), ("target_points", uniform(&[1, 2, 2], 108, -0.5, 0.5))]);
            assert_finite(ID, None, &params(json!({})), &x);
            assert_finite(ID, None, &params(json!({"loss_type": "L2"})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let l = || randn(&[2, 3, 4, 4], 1, 1.0);
        assert_error(ID, None, &p, &inputs(vec![("logits", l()), ("target_points", randn(&[2, 3, 3], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", l()), ("target_points", randn(&[2, 2, 2], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", randn(&[2, 3, 4], 1, 1.0)), ("target_points", randn(&[2, 3, 1], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", l()), ("target_points", randn(&[2, 3, 2], 2, 1.0)), ("weights", randn(&[2, 2], 3, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"loss_type": "L3"})), &inputs(vec![("logits", l()), ("target_points", randn(&[2, 3, 2], 2, 1.0))]), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0, 3, 4, 4], &[])), ("target_points", f(&[0, 3, 2], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("logits", i(&[1, 1, 1, 2], &[0, 1])), ("target_points", f(&[1, 1, 2], &[0.0, 0.0]))]), ErrorKind::DType);
        assert_error(ID, None, &p, &inputs(vec![("logits", l())]), ErrorKind::Missing);
    }
}
