//! SimCC: treat each keypoint coordinate as classification over sub-pixel bins on the x and y
//! axes separately, trained with a KL divergence to Gaussian-smoothed labels.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, inputs::float_input};

const ID: &str = "simcc";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "SimCC Loss (Simple Coordinate Classification)",
    aliases: &["SimCC", "Coordinate Classification Loss", "KLDiscretLoss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "classification"],
    year: 2022,
    paper: Paper {
        title: "SimCC: a Simple Coordinate Classification Perspective for Human Pose Estimation",
        authors: "Yanjie Li, Sen Yang, Peidong Liu, Shoukui Zhang, Yunxiao Wang, Zhicheng Wang, Wankou Yang, Shu-Tao Xia",
        venue: "ECCV 2022",
        year: 2022,
        url: "https://arxiv.org/abs/2107.03332",
    },
    summary: "Each keypoint gets two 1D classification vectors, over k * W horizontal and k * H vertical bins, where the splitting factor k (typically 2 or 3) gives sub-pixel resolution without 2D heatmaps; the target is a 1D Gaussian around the true coordinate (Gaussian label smoothing), and the loss is the KL divergence between the softmax of the predicted logits and that target, summed over both axes. It removes the quantization error and the upsampling cost of heatmaps, and RTMPose uses it; mmpose's KLDiscretLoss can additionally scale logits by a temperature beta and normalize the targets with a softmax.",
    formula: r"\ell_{nk}^{a} = \frac{1}{B_a}\sum_{i=1}^{B_a} q^{a}_{nk}(i)\big(\log q^{a}_{nk}(i) - \log\operatorname{softmax}(\beta z^{a}_{nk})_i\big),\qquad \mathcal{L} = \frac{1}{K}\sum_{a \in \{x, y\}}\sum_{n,k} v_{nk}\, \ell_{nk}^{a}",
    inputs: &[
        Input { name: "logits_x", shape: "[N, K, s W]", meaning: "horizontal bin scores per keypoint" },
        Input { name: "logits_y", shape: "[N, K, s H]", meaning: "vertical bin scores per keypoint" },
        Input { name: "targets_x", shape: "[N, K, s W]", meaning: "Gaussian-smoothed horizontal target distributions" },
        Input { name: "targets_y", shape: "[N, K, s H]", meaning: "Gaussian-smoothed vertical target distributions" },
        Input { name: "weights", shape: "[N, K]", meaning: "optional per-keypoint weights v (visibility; mmpose's use_target_weight)" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "factor on the logits before the log-softmax" },
        Param { name: "label_softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "replace each target vector by softmax(label_beta * target)" },
        Param { name: "label_beta", symbol: "", default: Value::Float(10.0), range: Range::POSITIVE, meaning: "factor on the targets inside that softmax" },
        Param { name: "mask", symbol: "", default: Value::Null, range: Range::Any, meaning: "list of keypoint indices whose loss is multiplied by mask_weight" },
        Param { name: "mask_weight", symbol: "", default: Value::Float(1.0), range: Range::REAL, meaning: "factor on the masked keypoints" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["mmpose.models.losses.KLDiscretLoss"],
    related: &["kl-divergence", "cross-entropy", "heatmap-mse", "integral-regression", "label-smoothing"],
    forms: &[Form { name: "mmpose", description: "mmpose KLDiscretLoss(beta, label_softmax, label_beta, use_target_weight, mask, mask_weight): per keypoint and axis the pointwise KL divergence kl_div(log_softmax(beta * logits), targets) averaged over the bins (a mean, not a sum), times the keypoint weight, summed over the batch, keypoints and both axes, divided by K. Targets are used as given (mmpose's SimCC codec builds Gaussians, optionally normalized); a zero target bin contributes 0." }],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the target's bin on the x axis (two bins, targets one-hot)", from: -4.0, to: 4.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    let one_hot = || HostTensor::from_f64(vec![1, 1, 2], vec![1.0, 0.0]);
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("logits_x", HostTensor::from_f64(vec![1, 1, 2], vec![x, 0.0])),
            ("logits_y", HostTensor::from_f64(vec![1, 1, 2], vec![1.0, 0.0])),
            ("targets_x", one_hot()),
            ("targets_y", one_hot()),
        ],
        wrt: "logits_x",
        index: 0,
    }
}

/// Options of mmpose `KLDiscretLoss`; `Default` equals mmpose's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SimccConfig {
    pub beta: f64,
    pub label_softmax: bool,
    pub label_beta: f64,
    /// Keypoint indices whose loss is scaled by `mask_weight`.
    pub mask: Option<Vec<usize>>,
    pub mask_weight: f64,
}

impl Default for SimccConfig {
    fn default() -> Self {
        SimccConfig { beta: 1.0, label_softmax: false, label_beta: 10.0, mask: None, mask_weight: 1.0 }
    }
}

/// Per row of `[M, B]` logits and targets: `mean_i q_i (log q_i - log softmax(beta z)_i)`, `[M]`.
fn kl_rows(logits: Tensor<2>, targets: Tensor<2>, cfg: &SimccConfig) -> Tensor<1> {
    let [m, b] = logits.dims();
    let log_p = numerics::log_softmax(logits.mul_scalar(cfg.beta), 1);
    let (q, log_q) = if cfg.label_softmax {
        let log_q = numerics::log_softmax(targets.mul_scalar(cfg.label_beta), 1);
        let q = log_q.clone().exp();
        (q, Some(log_q))
    } else {
        (targets, None)
    };
    // torch's kl_div: target * (log target - input), 0 where target is 0.
    let plogp = match log_q {
        Some(lq) => q.clone() * lq,
        None => numerics::xlogy(q.clone(), q.clone()),
    };
    (plogp - q * log_p).sum_dim(1).reshape([m]).mul_scalar(1.0 / b as f64)
}

/// mmpose `KLDiscretLoss` on SimCC vectors: `logits_x`, `targets_x` `[N, K, Bx]`, `logits_y`,
/// `targets_y` `[N, K, By]`, optional `weights` `[N, K]`. A scalar.
pub fn simcc(
    logits_x: Tensor<3>,
    logits_y: Tensor<3>,
    targets_x: Tensor<3>,
    targets_y: Tensor<3>,
    weights: Option<Tensor<2>>,
    cfg: &SimccConfig,
) -> Result<LossTensor, LossError> {
    let [n, k, bx] = logits_x.dims();
    let by = logits_y.dims()[2];
    numerics::same_shape(ID, "targets_x", &targets_x.dims(), "logits_x", &[n, k, bx])?;
    if logits_y.dims()[..2] != [n, k] {
        return Err(LossError::shape(ID, "logits_y", format!("[{n}, {k}, bins] (the keypoints of logits_x)"), fmt_shape(&logits_y.dims())));
    }
    numerics::same_shape(ID, "targets_y", &targets_y.dims(), "logits_y", &[n, k, by])?;
    numerics::non_empty(ID, "logits_x", &[n, k, bx])?;
    numerics::non_empty(ID, "logits_y", &[n, k, by])?;
    numerics::positive_param(ID, "beta", cfg.beta)?;
    numerics::positive_param(ID, "label_beta", cfg.label_beta)?;
    numerics::finite_param(ID, "mask_weight", cfg.mask_weight)?;
    if let Some(w) = &weights {
        numerics::same_shape(ID, "weights", &w.dims(), "the keypoints [N, K]", &[n, k])?;
    }
    let mut scale = weights;
    if let Some(mask) = &cfg.mask {
        if let Some(bad) = mask.iter().find(|&&i| i >= k) {
            return Err(LossError::param(ID, "mask", format!("keypoint indices in [0, {k})"), format!("{bad}")));
        }
        let f: Vec<f64> = (0..n * k).map(|i| if mask.contains(&(i % k)) { cfg.mask_weight } else { 1.0 }).collect();
        let m = numerics::tensor_like(&logits_x, f, [n, k]);
        scale = Some(match scale {
            Some(w) => w * m,
            None => m,
        });
    }
    let mut total = kl_rows(logits_x.reshape([n * k, bx]), targets_x.reshape([n * k, bx]), cfg) + kl_rows(logits_y.reshape([n * k, by]), targets_y.reshape([n * k, by]), cfg);
    if let Some(s) = scale {
        total = total * s.reshape([n * k]);
    }
    Ok(LossTensor::scalar(total.sum().mul_scalar(1.0 / k as f64)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "mmpose") {
        return Err(c.unknown_form(&["mmpose"]));
    }
    let mask = match c.i64_list_opt("mask")? {
        None => None,
        Some(v) => Some(
            v.into_iter()
                .map(|i| usize::try_from(i).map_err(|_| LossError::param(ID, "mask", "non-negative keypoint indices", format!("{i}"))))
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    let cfg = SimccConfig {
        beta: c.f64("beta", 1.0)?,
        label_softmax: c.bool("label_softmax", false)?,
        label_beta: c.f64("label_beta", 10.0)?,
        mask,
        mask_weight: c.f64("mask_weight", 1.0)?,
    };
    let weights = match c.host_opt("weights") {
        None => None,
        Some(w) => {
            let s = c.shape("logits_x")?;
            if w.shape != s[..2] {
                return Err(LossError::shape(ID, "weights", format!("shape [{}, {}] (one weight per keypoint)", s[0], s[1]), fmt_shape(&w.shape)));
            }
            Some(c.float::<2>("weights")?)
        }
    };
    let x = |name: &str| float_input::<3>(c, name, "[N, K, bins]");
    simcc(x("logits_x")?, x("logits_y")?, x("targets_x")?, x("targets_y")?, weights, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    fn gaussians(n: usize, k: usize, b: usize, seed: u64) -> HostTensor {
        // Gaussian labels (sigma 1.5 bins) around random centres, as the SimCC codec builds them.
        let centres = uniform(&[n * k], seed, 0.0, b as f64 - 1.0);
        let data = (0..n * k).flat_map(|r| (0..b).map(move |i| (i, r))).map(|(i, r)| (-(i as f64 - centres.floats[r]).powi(2) / (2.0 * 1.5f64.powi(2))).exp()).collect::<Vec<_>>();
        f(&[n, k, b], &data)
    }

    fn xs(n: usize, k: usize, seed: u64) -> std::collections::BTreeMap<String, HostTensor> {
        inputs(vec![
            ("logits_x", randn(&[n, k, 6], seed, 2.0)),
            ("logits_y", randn(&[n, k, 4], seed + 1, 2.0)),
            ("targets_x", gaussians(n, k, 6, seed + 2)),
            ("targets_y", gaussians(n, k, 4, seed + 3)),
            ("weights", uniform(&[n, k], seed + 4, 0.0, 1.0)),
        ])
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = xs(2, 3, 111);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"beta": 10.0, "label_softmax": true, "label_beta": 5.0, "mask": [0, 2], "mask_weight": 3.0})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // One keypoint, two bins per axis. x: logits (0, ln 3) -> p = (1/4, 3/4), target (1/2, 1/2):
        // KL pointwise 1/2 ln 2 + 1/2 ln(2/3), mean over bins -> (ln 2 + ln(2/3)) / 4.
        // y: logits equal -> p = (1/2, 1/2) equal to the target: 0. K = 1.
        let half = || f(&[1, 1, 2], &[0.5, 0.5]);
        let x = inputs(vec![("logits_x", f(&[1, 1, 2], &[0.0, 3f64.ln()])), ("logits_y", f(&[1, 1, 2], &[1.0, 1.0])), ("targets_x", half()), ("targets_y", half())]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        let want = (2f64.ln() + (2.0f64 / 3.0).ln()) / 4.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-15);
        // A zero target bin contributes 0 (no NaN): target (1, 0) against p = (1/4, 3/4) gives ln 4 / 2.
        let x = inputs(vec![("logits_x", f(&[1, 1, 2], &[0.0, 3f64.ln()])), ("logits_y", f(&[1, 1, 2], &[1.0, 1.0])), ("targets_x", f(&[1, 1, 2], &[1.0, 0.0])), ("targets_y", half())]);
        let ev = assert_finite(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 4f64.ln() / 2.0).abs() < 1e-15);
        // Weights, mask and the division by K: two keypoints with weight (1, 0) and mask [0] x 2.
        let mut two = inputs(vec![
            ("logits_x", f(&[1, 2, 2], &[0.0, 3f64.ln(), 0.0, 5.0])),
            ("logits_y", f(&[1, 2, 2], &[1.0, 1.0, 0.0, 0.0])),
            ("targets_x", f(&[1, 2, 2], &[0.5, 0.5, 1.0, 0.0])),
            ("targets_y", f(&[1, 2, 2], &[0.5, 0.5, 0.5, 0.5])),
        ]);
        two.insert("weights".into(), f(&[1, 2], &[1.0, 0.0]));
        let ev = eval64(ID, None, &params(json!({"mask": [0], "mask_weight": 2.0})), &two);
        assert!((ev.loss.floats[0] - 2.0 * want / 2.0).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let mut x = xs(1, 2, 112);
            for key in ["logits_x", "logits_y"] {
                x.get_mut(key).unwrap().floats.iter_mut().for_each(|v| *v *= scale);
            }
            assert_finite(ID, None, &params(json!({})), &x);
            assert_finite(ID, None, &params(json!({"label_softmax": true})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = xs(2, 3, 1);
        x.insert("targets_x".into(), randn(&[2, 3, 5], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = xs(2, 3, 1);
        x.insert("logits_y".into(), randn(&[2, 2, 4], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = xs(2, 3, 1);
        x.insert("weights".into(), randn(&[3, 2], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = xs(2, 3, 1);
        x.insert("logits_x".into(), randn(&[6, 6], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"mask": [3]})), &xs(2, 3, 1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"mask": [-1]})), &xs(2, 3, 1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"beta": 0.0})), &xs(2, 3, 1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"label_beta": -1.0})), &xs(2, 3, 1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"simcc_split_ratio": 2.0})), &xs(2, 3, 1), ErrorKind::Param);
        let mut x = xs(2, 3, 1);
        x.insert("targets_y".into(), i(&[2, 3, 4], &[0; 24]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        let mut x = xs(2, 3, 1);
        for k in ["logits_x", "targets_x"] {
            x.insert(k.into(), f(&[2, 3, 0], &[]));
        }
        assert_error(ID, None, &p, &x, ErrorKind::Empty);
        let mut x = xs(2, 3, 1);
        x.remove("targets_y");
        assert_error(ID, None, &p, &x, ErrorKind::Missing);
    }
}
