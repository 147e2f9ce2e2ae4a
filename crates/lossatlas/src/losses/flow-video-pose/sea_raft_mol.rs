//! SEA-RAFT's mixture-of-Laplace loss: the negative log-likelihood of the ground-truth flow under
//! a predicted two-component Laplace mixture, applied to every refinement iteration.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor};
use crate::numerics::{self, LossTensor};

const ID: &str = "sea-raft-mol";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Mixture of Laplace Loss / SEA-RAFT",
    aliases: &["SEA-RAFT Loss", "Mixture of Laplace Loss", "MoL Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "uncertainty"],
    year: 2024,
    paper: Paper {
        title: "SEA-RAFT: Simple, Efficient, Accurate RAFT for Optical Flow",
        authors: "Yihan Wang, Lahav Lipson, Jia Deng",
        venue: "ECCV 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2405.14793",
    },
    summary: "Instead of L1 to the ground truth, the network predicts per pixel two mixture logits and the log-scales of two Laplace components centred at the predicted flow; the loss is the negative log-likelihood of each ground-truth flow component (u and v separately) under this mixture. As in the reference code, the first component's log-scale is clamped to [0, var_max] (a wide component for ambiguous pixels such as occlusions) and the second's to [var_min, 0], which with the default var_min = 0 fixes its scale to 1 so that it behaves like an L1 loss. Per iteration the NLL is averaged over valid pixels (valid >= 0.5 and ground-truth magnitude below max_flow) and both flow components, and iterations are weighted by gamma^(N-i) as in RAFT's sequence loss. It also yields a per-pixel uncertainty. The reference code meant to drop non-finite NLL values but multiplies them by the mask (giving NaN); here they are dropped, which only matters for non-finite intermediate values.",
    formula: r"\ell = \log\sum_{m=1}^{2} e^{w_m} - \log\sum_{m=1}^{2} \frac{e^{w_m}}{2 e^{\beta_m}}\, e^{-\lvert x - \mu\rvert / e^{\beta_m}},\quad \beta_1 = \operatorname{clamp}(r_1, 0, \beta_{\max}),\ \beta_2 = \operatorname{clamp}(r_2, \beta_{\min}, 0),\quad \mathcal{L} = \sum_{i=1}^{N}\gamma^{N-i}\, \frac{\sum_{p \in V} \ell_{i,p}}{\lvert V \rvert}",
    inputs: &[
        Input { name: "preds", shape: "[N_iter, B, 2, H, W] or [B, 2, H, W]", meaning: "predicted flow mu (u, v) of each refinement iteration, upsampled to full resolution" },
        Input { name: "info", shape: "[N_iter, B, 4, H, W] or [B, 4, H, W]", meaning: "the flow head's other outputs per iteration: channels 0-1 the mixture logits w, channels 2-3 the raw log-scales r of the wide and the L1-like component" },
        Input { name: "target", shape: "[B, 2, H, W]", meaning: "ground-truth flow x" },
        Input { name: "valid", shape: "[B, H, W]", meaning: "optional: validity of each pixel's ground truth (>= 0.5 is valid; default all valid)" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.8), range: Range::Real { min: 0.0, max: 1.0, open_min: true, open_max: false }, meaning: "iteration weight base (sequence_loss default 0.8; the released training configs use 0.85)" },
        Param { name: "max_flow", symbol: "", default: Value::Float(400.0), range: Range::POSITIVE, meaning: "pixels whose ground-truth flow magnitude is not below this are excluded" },
        Param { name: "var_max", symbol: r"\beta_{\max}", default: Value::Float(10.0), range: Range::NON_NEGATIVE, meaning: "upper clamp of the wide component's log-scale (released configs: 10)" },
        Param { name: "var_min", symbol: r"\beta_{\min}", default: Value::Float(0.0), range: Range::Real { min: f64::NEG_INFINITY, max: 0.0, open_min: true, open_max: false }, meaning: "lower clamp of the L1-like component's log-scale (released configs: 0, fixing its scale to 1)" },
        Param { name: "use_var", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "false clamps both log-scales to 0 (two unit-scale components, i.e. an L1-like loss)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::Values,
    },
    related: &["raft-sequence", "endpoint-error", "gaussian-nll", "evidential"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "predicted flow u at one pixel (ground truth 0, equal mixture, wide log-scale 2)", from: -8.0, to: 8.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("preds", HostTensor::from_f64(vec![1, 1, 2, 1, 1], vec![x, 0.0])),
            ("info", HostTensor::from_f64(vec![1, 1, 4, 1, 1], vec![0.0, 0.0, 2.0, 0.0])),
            ("target", HostTensor::from_f64(vec![1, 2, 1, 1], vec![0.0, 0.0])),
        ],
        wrt: "preds",
        index: 0,
    }
}

/// SEA-RAFT loss options; `Default` is the reference code's (`sequence_loss` defaults and the
/// released training configs' `var_min`, `var_max`, `use_var`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeaRaftMolConfig {
    pub gamma: f64,
    pub max_flow: f64,
    pub var_min: f64,
    pub var_max: f64,
    pub use_var: bool,
}

impl Default for SeaRaftMolConfig {
    fn default() -> Self {
        SeaRaftMolConfig { gamma: 0.8, max_flow: 400.0, var_min: 0.0, var_max: 10.0, use_var: true }
    }
}

impl SeaRaftMolConfig {
    fn validate(&self) -> Result<(), LossError> {
        if !(self.gamma > 0.0 && self.gamma <= 1.0) {
            return Err(LossError::param(ID, "gamma", "a number in (0, 1]", format!("{}", self.gamma)));
        }
        numerics::positive_param(ID, "max_flow", self.max_flow)?;
        numerics::non_negative_param(ID, "var_max", self.var_max)?;
        if !(self.var_min <= 0.0 && self.var_min.is_finite()) {
            return Err(LossError::param(ID, "var_min", "a finite number <= 0", format!("{}", self.var_min)));
        }
        Ok(())
    }
}

fn check_shapes(preds: &[usize], info: &[usize], target: &[usize], valid: Option<&[usize]>) -> Result<(), LossError> {
    if target.len() != 4 || target[1] != 2 {
        return Err(LossError::shape(ID, "target", "shape [B, 2, H, W]", fmt_shape(target)));
    }
    let want = [preds.first().copied().unwrap_or(0), target[0], 2, target[2], target[3]];
    if preds.len() != 5 || preds[1..] != want[1..] {
        return Err(LossError::shape(ID, "preds", format!("shape [N_iter, {}, 2, {}, {}] (the target's)", target[0], target[2], target[3]), fmt_shape(preds)));
    }
    let want_info = [preds[0], target[0], 4, target[2], target[3]];
    numerics::same_shape(ID, "info", info, "[N_iter, B, 4, H, W] of preds", &want_info)?;
    if let Some(v) = valid {
        numerics::same_shape(ID, "valid", v, "[B, H, W] of target", &[target[0], target[2], target[3]])?;
    }
    numerics::non_empty(ID, "preds", preds)?;
    Ok(())
}

/// The SEA-RAFT sequence loss. `preds` `[N, B, 2, H, W]`, `info` `[N, B, 4, H, W]` (mixture
/// logits, raw log-scales), `target` `[B, 2, H, W]`, `valid` `[B, H, W]` (`>= 0.5` valid, `None`:
/// all valid). Returns a scalar; NaN when no pixel is valid (0 / 0, as the reference).
pub fn sea_raft_mol(preds: Tensor<5>, info: Tensor<5>, target: Tensor<4>, valid: Option<Tensor<3>>, cfg: &SeaRaftMolConfig) -> Result<LossTensor, LossError> {
    let valid_dims = valid.as_ref().map(|v| v.dims());
    check_shapes(&preds.dims(), &info.dims(), &target.dims(), valid_dims.as_ref().map(|d| &d[..]))?;
    cfg.validate()?;
    let [n, b, _, h, w] = preds.dims();
    let s = h * w;
    let gt_host = numerics::host_f64(&target);
    numerics::finite_values(ID, "target", &gt_host)?;
    numerics::finite_values(ID, "preds", &numerics::host_f64(&preds))?;
    numerics::finite_values(ID, "info", &numerics::host_f64(&info))?;
    // Valid pixels: valid >= 0.5 and |gt| < max_flow, decided on the host as the reference does
    // (the mask carries no gradient).
    let valid_host = match &valid {
        Some(v) => numerics::host_f64(v),
        None => vec![1.0; b * s],
    };
    let mut keep = vec![0.0; b * s];
    for bi in 0..b {
        for p in 0..s {
            let (u, v) = (gt_host[bi * 2 * s + p], gt_host[bi * 2 * s + s + p]);
            let ok = valid_host[bi * s + p] >= 0.5 && (u * u + v * v).sqrt() < cfg.max_flow;
            keep[bi * s + p] = if ok { 1.0 } else { 0.0 };
        }
    }
    let keep = numerics::tensor_like(&target, keep, [1, b, 1, s]);

    let (var_min, var_max) = if cfg.use_var { (cfg.var_min, cfg.var_max) } else { (0.0, 0.0) };
    let info = info.reshape([n, b, 4, s]);
    let weight = info.clone().narrow(2, 0, 2); // [n, b, 2 (m), s]
    let log_b = Tensor::cat(vec![info.clone().narrow(2, 2, 1).clamp(0.0, var_max), info.narrow(2, 3, 1).clamp(var_min, 0.0)], 2);
    // |x - mu| per flow component d: [n, b, 2 (d), 1, s]; scales per component m: [n, b, 1, 2, s].
    let diff = (target.reshape([1, b, 2, s]) - preds.reshape([n, b, 2, s])).abs().reshape([n, b, 2, 1, s]);
    let term2 = diff * log_b.clone().neg().exp().reshape([n, b, 1, 2, s]);
    let term1 = (weight.clone() - log_b).sub_scalar(std::f64::consts::LN_2).reshape([n, b, 1, 2, s]);
    let log_norm = numerics::logsumexp(weight.reshape([n, b, 1, 2, s]), 3); // [n, b, 1, 1, s]
    let log_mix = numerics::logsumexp(term1 - term2, 3); // [n, b, 2, 1, s]
    let nf = (log_norm - log_mix).reshape([n, b, 2, s]);

    let finite = numerics::mask_to_float(nf.clone().detach().is_finite(), &nf);
    let mask = finite * keep;
    let nf = nf.clone().mask_fill(nf.detach().is_finite().bool_not(), 0.0);
    let sums = (nf * mask.clone()).reshape([n, b * 2 * s]).sum_dim(1).reshape([n]);
    let counts = mask.reshape([n, b * 2 * s]).sum_dim(1).reshape([n]);
    let weights: Vec<f64> = (0..n).map(|i| cfg.gamma.powi((n - 1 - i) as i32)).collect();
    let weights = numerics::tensor_like(&sums, weights, [n]);
    Ok(LossTensor::scalar((sums / counts * weights).sum()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let cfg = SeaRaftMolConfig {
        gamma: c.f64("gamma", 0.8)?,
        max_flow: c.f64("max_flow", 400.0)?,
        var_min: c.f64("var_min", 0.0)?,
        var_max: c.f64("var_max", 10.0)?,
        use_var: c.bool("use_var", true)?,
    };
    cfg.validate()?;
    let lift = |s: &[usize]| -> Vec<usize> { if s.len() == 4 { [&[1], s].concat() } else { s.to_vec() } };
    let (ps, is) = (lift(c.shape("preds")?), lift(c.shape("info")?));
    let ts = c.shape("target")?.to_vec();
    let vs = if c.has("valid") { Some(c.shape("valid")?.to_vec()) } else { None };
    check_shapes(&ps, &is, &ts, vs.as_deref())?;
    let dims5 = |s: &[usize]| -> [usize; 5] { [s[0], s[1], s[2], s[3], s[4]] };
    let preds = c.float_reshaped("preds", dims5(&ps))?;
    let info = c.float_reshaped("info", dims5(&is))?;
    let valid = match vs {
        Some(v) => Some(c.float_reshaped("valid", [v[0], v[1], v[2]])?),
        None => {
            c.host_opt("valid");
            None
        }
    };
    sea_raft_mol(preds, info, c.float::<4>("target")?, valid, &cfg)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    fn x(n: usize, b: usize, h: usize, w: usize, seed: u64) -> BTreeMap<String, HostTensor> {
        inputs(vec![
            ("preds", randn(&[n, b, 2, h, w], seed, 2.0)),
            ("info", randn(&[n, b, 4, h, w], seed + 1, 1.5)),
            ("target", randn(&[b, 2, h, w], seed + 2, 2.0)),
        ])
    }

    /// The reference's NLL of one flow component: logsumexp(w) - logsumexp_m(w_m - ln 2 - b_m - |r| e^-b_m).
    fn nll(r: f64, w: [f64; 2], b: [f64; 2]) -> f64 {
        let lse = |a: f64, c: f64| a.max(c) + ((a - a.max(c)).exp() + (c - a.max(c)).exp()).ln();
        let t = |m: usize| w[m] - 2f64.ln() - b[m] - r.abs() * (-b[m]).exp();
        lse(w[0], w[1]) - lse(t(0), t(1))
    }

    #[test]
    fn gradients_match_finite_differences() {
        // Raw log-scales spread across both clamps; some pixels invalid.
        let mut xs = x(3, 2, 2, 3, 101);
        xs.insert("valid".into(), f(&[2, 2, 3], &[1.0, 1.0, 0.0, 1.0, 0.7, 1.0, 0.2, 1.0, 1.0, 1.0, 1.0, 0.0]));
        assert_gradcheck(ID, None, &params(json!({})), &xs);
        assert_gradcheck(ID, None, &params(json!({"gamma": 0.85, "var_min": -2.0, "var_max": 1.0})), &xs);
        let one = inputs(vec![("preds", randn(&[1, 2, 2, 2], 111, 2.0)), ("info", randn(&[1, 4, 2, 2], 112, 1.0)), ("target", randn(&[1, 2, 2, 2], 113, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"use_var": false})), &one);
    }

    #[test]
    fn value_is_the_formula() {
        // One pixel, two iterations. Iteration 1: mu = (1, -2), w = (0.3, -0.1), r = (2, 0.5)
        // -> b = (2, 0); iteration 2: mu = (0.5, 0), w = (0, 0), r = (-1, -3) -> b = (0, -3)
        // with var_min = -5. Ground truth (0, 0). gamma = 0.5: 0.5 * mean(iter 1) + mean(iter 2).
        let xs = inputs(vec![
            ("preds", f(&[2, 1, 2, 1, 1], &[1.0, -2.0, 0.5, 0.0])),
            ("info", f(&[2, 1, 4, 1, 1], &[0.3, -0.1, 2.0, 0.5, 0.0, 0.0, -1.0, -3.0])),
            ("target", f(&[1, 2, 1, 1], &[0.0, 0.0])),
        ]);
        let it1 = (nll(1.0, [0.3, -0.1], [2.0, 0.0]) + nll(-2.0, [0.3, -0.1], [2.0, 0.0])) / 2.0;
        let it2 = (nll(0.5, [0.0, 0.0], [0.0, -3.0]) + nll(0.0, [0.0, 0.0], [0.0, -3.0])) / 2.0;
        let ev = eval64(ID, None, &params(json!({"gamma": 0.5, "var_min": -5.0})), &xs);
        assert!((ev.loss.floats[0] - (0.5 * it1 + it2)).abs() < 1e-12, "{:?} vs {}", ev.loss.floats, 0.5 * it1 + it2);
        // With both scales 1 (var_min 0 and r_2 <= 0) and equal weights the NLL is |r| + ln 2,
        // an L1 loss: iteration 2 alone.
        let l1 = inputs(vec![("preds", f(&[1, 2, 1, 1], &[0.5, -1.5])), ("info", f(&[1, 4, 1, 1], &[0.0, 0.0, -1.0, -3.0])), ("target", f(&[1, 2, 1, 1], &[0.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &l1);
        assert!((ev.loss.floats[0] - (1.0 + 2f64.ln())).abs() < 1e-12);
        // The clamped raw log-scales get no gradient (r_1 = -1 below 0, r_2 = -3 below var_min 0).
        assert_eq!(&ev.grads["info"].floats[2..], &[0.0, 0.0]);
        // Invalid and too-large ground truth are excluded; nothing valid gives NaN (0 / 0).
        let mut masked = l1.clone();
        masked.insert("valid".into(), f(&[1, 1, 1], &[0.0]));
        assert!(eval64(ID, None, &params(json!({})), &masked).loss.floats[0].is_nan());
        let ev = eval64(ID, None, &params(json!({"max_flow": 1.0})), &inputs(vec![("preds", f(&[1, 2, 1, 2], &[0.5, 0.0, -1.5, 0.0])), ("info", f(&[1, 4, 1, 2], &[0.0; 8])), ("target", f(&[1, 2, 1, 2], &[0.0, 3.0, 0.0, 0.0]))]));
        assert!((ev.loss.floats[0] - (1.0 + 2f64.ln())).abs() < 1e-12, "only the first pixel counts: {:?}", ev.loss.floats);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let xs = inputs(vec![
            ("preds", f(&[1, 1, 2, 1, 2], &[1e4, -1e4, 1e-12, 0.0])),
            ("info", f(&[1, 1, 4, 1, 2], &[1e4, -1e4, -1e2, 1e2, 1e2, -1e2, 1e4, -1e4])),
            ("target", f(&[1, 2, 1, 2], &[0.0, 1e-12, 1e2, -1e2])),
        ]);
        assert_finite(ID, None, &params(json!({})), &xs);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let good = x(2, 1, 2, 2, 1);
        assert_error(ID, None, &params(json!({"gamma": 0.0})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"gamma": 1.5})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"var_min": 1.0})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"var_max": -1.0})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"max_flow": 0.0})), &good, ErrorKind::Param);
        let mut bad = good.clone();
        bad.insert("info".into(), randn(&[2, 1, 6, 2, 2], 3, 1.0));
        assert_error(ID, None, &params(json!({})), &bad, ErrorKind::Shape);
        let mut bad = good.clone();
        bad.insert("target".into(), randn(&[1, 3, 2, 2], 3, 1.0));
        assert_error(ID, None, &params(json!({})), &bad, ErrorKind::Shape);
        let mut bad = good.clone();
        bad.insert("valid".into(), f(&[1, 2], &[1.0, 1.0]));
        assert_error(ID, None, &params(json!({})), &bad, ErrorKind::Shape);
        let mut bad = good.clone();
        bad.insert("target".into(), f(&[1, 2, 2, 2], &[0.0, f64::NAN, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]));
        assert_error(ID, None, &params(json!({})), &bad, ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &x(0, 1, 2, 2, 1), ErrorKind::Empty);
    }
}
