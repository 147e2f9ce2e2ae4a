//! Dirichlet calibration: a post-hoc multiclass calibration map softmax(W ln p + b) on the
//! log-probabilities of a frozen classifier, fitted by log-loss with Off-Diagonal and Intercept
//! Regularisation (ODIR). The objective is a function of the fitted W and b.

use burn::tensor::{DType, Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "dirichlet-calibration";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Dirichlet Calibration Loss",
    aliases: &["Dirichlet Calibration", "ODIR", "Matrix Scaling with ODIR"],
    kind: Kind::Loss,
    domains: &["calibration-fairness", "classification"],
    year: 2019,
    paper: Paper {
        title: "Beyond Temperature Scaling: Obtaining Well-Calibrated Multiclass Probabilities with Dirichlet Calibration",
        authors: "Meelis Kull, Miquel Perello Nieto, Markus Kängsepp, Telmo Silva Filho, Hao Song, Peter Flach",
        venue: "NeurIPS",
        year: 2019,
        url: "https://arxiv.org/abs/1910.12656",
    },
    summary: "Fits a full linear map on the log-probabilities of a frozen classifier, q = softmax(W ln p + b), by minimizing the log-loss on held-out data; this is the maximum-likelihood fit of a Dirichlet model of the predicted probabilities and generalizes temperature scaling (W = I/T, b = 0) and vector scaling (diagonal W). With many classes the K(K+1) parameters overfit, so the paper regularizes only the off-diagonal entries of W and the intercepts (ODIR) with separate strengths chosen by cross-validation. As in the reference package, predicted probabilities are clipped before the logarithm and calibrated probabilities are clipped to [eps, 1 - eps].",
    formula: r"\mathcal{L}(W, b) = -\frac{1}{N}\sum_{i} \log \operatorname{clip}\Big(\operatorname{softmax}\big(W \ln p_i + b\big)_{y_i}\Big) + \lambda' \sum_{j \neq k} W_{jk}^2 + \mu' \sum_j b_j^2,\quad \lambda' = \tfrac{\lambda}{K(K-1)},\ \mu' = \tfrac{\mu}{K}\ \text{(reg\_norm)}",
    inputs: &[
        Input { name: "probs", shape: "[N, K]", meaning: "uncalibrated probabilities of the frozen classifier (clipped to [tiny, 1] before the log)" },
        Input { name: "logits", shape: "[N, K]", meaning: "alternative to probs: logits, whose exact log_softmax replaces ln p" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "class indices" },
        Input { name: "weight", shape: "[K, K]", meaning: "the fitted matrix W (row k produces calibrated logit k)" },
        Input { name: "bias", shape: "[K]", meaning: "the fitted intercepts b" },
    ],
    params: &[
        Param { name: "reg_lambda", symbol: r"\lambda", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "strength of the off-diagonal penalty (ODIR), or of the full L2 penalty when reg_mu is null" },
        Param { name: "reg_mu", symbol: r"\mu", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "strength of the intercept penalty; null = no ODIR: reg_lambda times the squared distance of [W, b] to [R, 0]" },
        Param { name: "reg_norm", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "divide reg_lambda by K(K-1) and reg_mu by K (by K(K+1) without ODIR), the normalization of the paper" },
        Param { name: "reg_format", symbol: "R", default: Value::Null, range: Range::Choice { values: &["identity"] }, meaning: "without ODIR: \"identity\" shrinks W towards I instead of 0" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &["dirichletcal.calib.fulldirichlet.FullDirichletCalibrator"],
    related: &["temperature-scaling", "platt-scaling", "cross-entropy", "spline-calibration"],
    forms: &[Form {
        name: "dirichletcal",
        description: "The objective of the dirichletcal package (MultinomialRegression._objective, method 'Full'): mean log-loss of softmax(W ln p + b) with the outputs clipped to [eps, 1 - eps] (eps of the dtype), plus ODIR or L2; probs are clipped to [tiny, 1 - tiny] before the log.",
    }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Regularization of the Dirichlet calibration objective (names of the dirichletcal package).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DirichletCalibrationConfig {
    pub reg_lambda: f64,
    /// `Some`: ODIR (off-diagonal + intercept); `None`: L2 on all of `[W, b]`.
    pub reg_mu: Option<f64>,
    pub reg_norm: bool,
    /// Without ODIR: shrink W towards the identity instead of 0.
    pub identity: bool,
}

/// The objective given log-probabilities `logp` `[N, K]` (already clipped or exact).
pub fn dirichlet_calibration_log(logp: Tensor<2>, targets: Tensor<1, Int>, weight: Tensor<2>, bias: Tensor<1>, cfg: &DirichletCalibrationConfig) -> Result<LossTensor, LossError> {
    let [n, k] = logp.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch", &[n])?;
    numerics::same_shape(ID, "weight", &weight.dims(), "[K, K] with K classes", &[k, k])?;
    numerics::same_shape(ID, "bias", &bias.dims(), "[K]", &[k])?;
    numerics::non_empty(ID, "probs", &[n, k])?;
    numerics::non_negative_param(ID, "reg_lambda", cfg.reg_lambda)?;
    if let Some(mu) = cfg.reg_mu {
        numerics::non_negative_param(ID, "reg_mu", mu)?;
    }
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), k, None)?;
    let z = logp.matmul(weight.clone().transpose()) + bias.clone().reshape([1, k]);
    let eps = if z.dtype() == DType::F64 { f64::EPSILON } else { f32::EPSILON as f64 };
    // log(clip(p, eps, 1 - eps)) == clip(log p, ln eps, ln(1 - eps)), with the same gradient.
    let logq = numerics::log_softmax(z, 1).clamp(eps.ln(), (1.0 - eps).ln());
    let nll = logq.gather(1, targets.reshape([n, 1])).mean().neg();
    let kf = k as f64;
    let reg = match cfg.reg_mu {
        Some(mu) => {
            let (lam, mu) = if cfg.reg_norm && k > 1 { (cfg.reg_lambda / (kf * (kf - 1.0)), mu / kf) } else { (cfg.reg_lambda, mu) };
            let off = numerics::tensor_like(&weight, (0..k * k).map(|i| if i / k == i % k { 0.0 } else { 1.0 }).collect(), [k, k]);
            (weight * off).powi_scalar(2).sum().mul_scalar(lam) + bias.powi_scalar(2).sum().mul_scalar(mu)
        }
        None => {
            let lam = if cfg.reg_norm { cfg.reg_lambda / (kf * (kf + 1.0)) } else { cfg.reg_lambda };
            let target = if cfg.identity {
                numerics::tensor_like(&weight, (0..k * k).map(|i| if i / k == i % k { 1.0 } else { 0.0 }).collect(), [k, k])
            } else {
                numerics::full_like(&weight, [k, k], 0.0)
            };
            ((weight - target).powi_scalar(2).sum() + bias.powi_scalar(2).sum()).mul_scalar(lam)
        }
    };
    Ok(LossTensor::scalar(nll + reg))
}

/// The objective on uncalibrated probabilities `probs` `[N, K]`, clipped to `[tiny, 1]` before
/// the logarithm as the package does.
pub fn dirichlet_calibration(probs: Tensor<2>, targets: Tensor<1, Int>, weight: Tensor<2>, bias: Tensor<1>, cfg: &DirichletCalibrationConfig) -> Result<LossTensor, LossError> {
    let vals = numerics::host_f64(&probs);
    if let Some(v) = vals.iter().find(|v| !(**v >= 0.0 && **v <= 1.0)) {
        return Err(LossError::value(ID, "probs", "probabilities in [0, 1]", format!("{v}")));
    }
    let tiny = if probs.dtype() == DType::F64 { f64::MIN_POSITIVE } else { f32::MIN_POSITIVE as f64 };
    dirichlet_calibration_log(probs.clamp(tiny, 1.0).log(), targets, weight, bias, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("dirichletcal") => {}
        Some(_) => return Err(c.unknown_form(&["dirichletcal"])),
    }
    let identity = match c.str_opt("reg_format")? {
        None => false,
        Some("identity") => true,
        Some(other) => return Err(LossError::param(ID, "reg_format", "null or \"identity\"", format!("{other:?}"))),
    };
    let cfg = DirichletCalibrationConfig { reg_lambda: c.f64("reg_lambda", 0.0)?, reg_mu: c.f64_opt("reg_mu")?, reg_norm: c.bool("reg_norm", false)?, identity };
    let shape = c.shape("targets")?;
    if shape.len() != 1 {
        return Err(LossError::shape(ID, "targets", "shape [N]", fmt_shape(shape)));
    }
    let (w, b, y) = (c.float::<2>("weight")?, c.float::<1>("bias")?, c.int::<1>("targets")?);
    match (c.has("probs"), c.has("logits")) {
        (true, false) => dirichlet_calibration(c.float::<2>("probs")?, y, w, b, &cfg),
        (false, true) => {
            let z = c.float::<2>("logits")?;
            numerics::non_empty(ID, "logits", &z.dims())?;
            dirichlet_calibration_log(numerics::log_softmax(z, 1), y, w, b, &cfg)
        }
        _ => Err(LossError::missing(ID, "probs", "exactly one of `probs` or `logits`")),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn softmax_rows(z: &crate::eval::HostTensor) -> crate::eval::HostTensor {
        let (n, k) = (z.shape[0], z.shape[1]);
        let mut p = z.floats.clone();
        for r in 0..n {
            let row = &mut p[r * k..(r + 1) * k];
            let m = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let s: f64 = row.iter().map(|v| (v - m).exp()).sum();
            for v in row.iter_mut() {
                *v = (*v - m).exp() / s;
            }
        }
        f(&[n, k], &p)
    }

    fn batch() -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let z = randn(&[6, 3], 1, 1.5);
        inputs(vec![("probs", softmax_rows(&z)), ("targets", i(&[6], &[0, 1, 2, 2, 1, 0])), ("weight", randn(&[3, 3], 2, 1.0)), ("bias", randn(&[3], 3, 0.5))])
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({"reg_lambda": 0.3, "reg_mu": 0.2, "reg_norm": true})), &batch());
        assert_gradcheck(ID, None, &params(json!({"reg_lambda": 0.1, "reg_format": "identity"})), &batch());
        let mut x = batch();
        x.remove("probs");
        x.insert("logits".into(), randn(&[6, 3], 4, 2.0));
        assert_gradcheck(ID, None, &params(json!({"reg_lambda": 0.1, "reg_mu": 0.1})), &x);
    }

    #[test]
    fn identity_map_is_the_log_loss() {
        // W = I, b = 0 returns the input probabilities: the value is the mean log-loss.
        let mut x = batch();
        x.insert("weight".into(), f(&[3, 3], &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]));
        x.insert("bias".into(), f(&[3], &[0.0; 3]));
        let p = &x["probs"].floats;
        let want: f64 = [0usize, 1, 2, 2, 1, 0].iter().enumerate().map(|(r, &y)| -p[r * 3 + y].ln()).sum::<f64>() / 6.0;
        let ev = eval64(ID, None, &params(json!({"reg_lambda": 5.0, "reg_mu": 0.0})), &x);
        assert!((ev.loss.floats[0] - want).abs() < 1e-12);
        // ODIR with lambda = 2, mu = 3 (not normalized) on W = [[1, 2], [0, 1]], b = (1, -1):
        // 2 * 2^2 + 3 * 2 = 14 on top of the log-loss.
        let x2 = inputs(vec![("probs", f(&[1, 2], &[0.5, 0.5])), ("targets", i(&[1], &[0])), ("weight", f(&[2, 2], &[1.0, 2.0, 0.0, 1.0])), ("bias", f(&[2], &[1.0, -1.0]))]);
        // z = W ln p + b = (3 ln .5 + 1, ln .5 - 1); q_0 = sigmoid(z0 - z1) = sigmoid(2 ln .5 + 2).
        let d: f64 = 2.0 * 0.5f64.ln() + 2.0;
        let nll = (1.0 + (-d).exp()).ln();
        let ev = eval64(ID, None, &params(json!({"reg_lambda": 2.0, "reg_mu": 3.0})), &x2);
        assert!((ev.loss.floats[0] - (nll + 14.0)).abs() < 1e-12);
        // reg_norm: 2 / (2 * 1) * 4 + 3 / 2 * 2 = 7.
        let ev = eval64(ID, None, &params(json!({"reg_lambda": 2.0, "reg_mu": 3.0, "reg_norm": true})), &x2);
        assert!((ev.loss.floats[0] - (nll + 7.0)).abs() < 1e-12);
    }

    #[test]
    fn finite_at_probability_edges() {
        // Exact zeros and ones are clipped before the log, as the package does.
        let x = inputs(vec![("probs", f(&[2, 2], &[0.0, 1.0, 1.0, 0.0])), ("targets", i(&[2], &[0, 0])), ("weight", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0])), ("bias", f(&[2], &[0.0, 0.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("logits", f(&[2, 2], &[1e4, -1e4, 1e3, 0.0])), ("targets", i(&[2], &[1, 0])), ("weight", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0])), ("bias", f(&[2], &[0.0, 0.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch();
        x.insert("weight".into(), randn(&[3, 2], 1, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch();
        x.insert("targets".into(), i(&[6], &[0, 1, 3, 2, 1, 0]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let mut x = batch();
        x.insert("targets".into(), f(&[6], &[0.0; 6]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        let mut x = batch();
        x.insert("probs".into(), f(&[6, 3], &[1.5; 18]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        assert_error(ID, None, &params(json!({"reg_lambda": -1.0})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"reg_format": "diag"})), &batch(), ErrorKind::Param);
        let empty = inputs(vec![("probs", f(&[0, 3], &[])), ("targets", i(&[0], &[])), ("weight", randn(&[3, 3], 2, 1.0)), ("bias", randn(&[3], 3, 0.5))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
