//! AdaFace: an angular-margin softmax for face recognition whose margin adapts to image quality,
//! using the embedding's feature norm as a quality proxy.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::margin_softmax::{at_labels, check_classifier, check_labels, cosine_matrix, cross_entropy_mean, with_target};
use crate::numerics::{self, LossTensor, vectors::l2_norm};

const ID: &str = "adaface";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "AdaFace",
    aliases: &["AdaFace Loss", "Quality Adaptive Margin Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2022,
    paper: Paper {
        title: "AdaFace: Quality Adaptive Margin for Face Recognition",
        authors: "Kim et al.",
        venue: "CVPR 2022",
        year: 2022,
        url: "https://arxiv.org/abs/2204.00964",
    },
    summary: "A margin softmax over cosine similarities to class weights where the target-class margin depends on image quality: the feature norm ||z|| is standardized with batch statistics kept as exponential moving averages, scaled by h and clipped to [-1, 1] (z-hat), and the target logit becomes s (cos(theta + g_angle) - g_add) with g_angle = -m z-hat and g_add = m z-hat + m. High-quality (large-norm) samples get an ArcFace-like angular margin that emphasizes hard examples, low-quality ones a CosFace-like margin that de-emphasizes them, so unrecognizable images do not dominate training. Defaults m = 0.4, h = 0.333, s = 64; the norm statistics make the loss depend on the batch and on training state.",
    formula: r"\ell = -\frac{1}{N}\sum_i \log \frac{e^{s(\cos(\operatorname{clip}(\theta_{iy_i} + g_{\text{angle}}, \epsilon, \pi - \epsilon)) - g_{\text{add}})}}{e^{s(\cos(\operatorname{clip}(\theta_{iy_i} + g_{\text{angle}}, \epsilon, \pi - \epsilon)) - g_{\text{add}})} + \sum_{j \neq y_i} e^{s \cos \theta_{ij}}},\quad g_{\text{angle}} = -m \hat z_i,\ g_{\text{add}} = m \hat z_i + m,\ \hat z_i = \operatorname{clip}\Big(h\,\frac{\lVert z_i \rVert - \mu}{\sigma + \epsilon}, -1, 1\Big)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "unnormalized face embeddings (their norms are the quality proxy)" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "identity labels" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight matrix (normalized inside)" },
    ],
    params: &[
        Param { name: "m", symbol: "m", default: Value::Float(0.4), range: Range::NON_NEGATIVE, meaning: "margin" },
        Param { name: "h", symbol: "h", default: Value::Float(0.333), range: Range::NON_NEGATIVE, meaning: "concentration of the standardized norm before clipping" },
        Param { name: "s", symbol: "s", default: Value::Float(64.0), range: Range::POSITIVE, meaning: "logit scale" },
        Param { name: "t_alpha", symbol: "", default: Value::Float(1.0), range: Range::UNIT, meaning: "weight of this batch's norm mean and std in the running statistics mu, sigma (1: this batch only)" },
        Param { name: "batch_mean", symbol: "", default: Value::Float(20.0), range: Range::REAL, meaning: "running mean of the norms before this call (the buffer's initial value 20); matters when t_alpha < 1" },
        Param { name: "batch_std", symbol: "", default: Value::Float(100.0), range: Range::NON_NEGATIVE, meaning: "running std of the norms before this call (initial 100); matters when t_alpha < 1" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["arcface", "cosface", "elasticface", "sphereface", "sub-center-arcface"],
    forms: &[Form { name: "official", description: "mk-minchul/AdaFace head.AdaFace followed by cross-entropy (mean): embeddings divided by their norms, cosines to the normalized class weights clamped to [-1 + 1e-3, 1 - 1e-3]; norms clipped to [0.001, 100] and detached; mu = t_alpha mean + (1 - t_alpha) batch_mean and sigma = t_alpha std (unbiased) + (1 - t_alpha) batch_std; the angle of the target plus g_angle clipped to [1e-3, pi - 1e-3]. With one sample and t_alpha > 0 the unbiased std is NaN, and so is the loss, as in the reference." }],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the first embedding and its class weight (radians; a second sample of norm 2)", from: 0.05, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("embeddings", HostTensor::from_f64(vec![2, 3], vec![x.cos(), x.sin(), 0.0, 0.0, 0.0, 2.0])),
            ("labels", HostTensor::from_i64(vec![2], vec![0, 1])),
            ("weight", HostTensor::from_f64(vec![2, 3], vec![1.0, 0.0, 0.0, 0.0, 0.0, 1.0])),
        ],
        wrt: "embeddings",
        index: 1,
    }
}

/// The reference's fixed stabilizer (`self.eps`).
const EPS: f64 = 1e-3;

/// Options of the AdaFace head; `Default` equals the reference's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdaFaceConfig {
    pub m: f64,
    pub h: f64,
    pub s: f64,
    pub t_alpha: f64,
    /// Running norm mean before this call.
    pub batch_mean: f64,
    /// Running norm std before this call.
    pub batch_std: f64,
}

impl Default for AdaFaceConfig {
    fn default() -> Self {
        AdaFaceConfig { m: 0.4, h: 0.333, s: 64.0, t_alpha: 1.0, batch_mean: 20.0, batch_std: 100.0 }
    }
}

impl AdaFaceConfig {
    fn validate(&self) -> Result<(), LossError> {
        numerics::non_negative_param(ID, "m", self.m)?;
        numerics::non_negative_param(ID, "h", self.h)?;
        numerics::positive_param(ID, "s", self.s)?;
        numerics::param_in(ID, "t_alpha", self.t_alpha, 0.0, 1.0)?;
        numerics::finite_param(ID, "batch_mean", self.batch_mean)?;
        numerics::non_negative_param(ID, "batch_std", self.batch_std)?;
        Ok(())
    }
}

/// The quality scaler `z-hat` per sample from the (detached) feature norms `[N]`, on the host.
fn margin_scaler(norms: &[f64], cfg: &AdaFaceConfig) -> Vec<f64> {
    let safe: Vec<f64> = norms.iter().map(|v| v.clamp(0.001, 100.0)).collect();
    let n = safe.len() as f64;
    let mean = safe.iter().sum::<f64>() / n;
    // torch.std is unbiased: NaN for a single sample.
    let std = (safe.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let mu = mean * cfg.t_alpha + (1.0 - cfg.t_alpha) * cfg.batch_mean;
    let sigma = std * cfg.t_alpha + (1.0 - cfg.t_alpha) * cfg.batch_std;
    safe.iter().map(|v| ((v - mu) / (sigma + EPS) * cfg.h).clamp(-1.0, 1.0)).collect()
}

/// AdaFace cross-entropy on unnormalized `embeddings [N, D]` (their norms are the quality
/// proxy), `labels [N]` and class `weight [C, D]`. A scalar (the batch mean).
pub fn adaface(embeddings: Tensor<2>, labels: Tensor<1, Int>, weight: Tensor<2>, cfg: &AdaFaceConfig) -> Result<LossTensor, LossError> {
    let (e, w) = (embeddings.dims(), weight.dims());
    check_classifier(ID, &e, &labels.dims(), &w, None, None)?;
    check_labels(ID, &labels, w[0])?;
    cfg.validate()?;
    let n = e[0];
    let norms = numerics::host_f64(&l2_norm(embeddings.clone(), 1));
    let zhat = numerics::tensor_like(&embeddings, margin_scaler(&norms, cfg), [n]);
    let cos = cosine_matrix(embeddings, weight).clamp(-1.0 + EPS, 1.0 - EPS);
    let theta_y = at_labels(cos.clone(), labels.clone()).acos();
    let g_angle = zhat.clone().mul_scalar(-cfg.m);
    let g_add = zhat.mul_scalar(cfg.m).add_scalar(cfg.m);
    let target = (theta_y + g_angle).clamp(EPS, std::f64::consts::PI - EPS).cos() - g_add;
    Ok(LossTensor::scalar(cross_entropy_mean(with_target(cos, labels.clone(), target).mul_scalar(cfg.s), labels)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "official") {
        return Err(c.unknown_form(&["official"]));
    }
    let d = AdaFaceConfig::default();
    let cfg = AdaFaceConfig {
        m: c.f64("m", d.m)?,
        h: c.f64("h", d.h)?,
        s: c.f64("s", d.s)?,
        t_alpha: c.f64("t_alpha", d.t_alpha)?,
        batch_mean: c.f64("batch_mean", d.batch_mean)?,
        batch_std: c.f64("batch_std", d.batch_std)?,
    };
    let (x, y, w) = super::elasticface::face_inputs(c)?;
    adaface(x, y, w, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, HostTensor> {
        inputs(vec![("embeddings", randn(&[6, 3], seed, 3.0)), ("labels", i(&[6], &[0, 1, 2, 3, 0, 2])), ("weight", randn(&[4, 3], seed + 1, 1.0))])
    }

    #[test]
    fn gradients_match_finite_differences() {
        // The norms enter the margins detached (as in the reference), so finite differences in the
        // embeddings also move the margins: check the class weights in general ...
        assert_gradcheck_only(ID, None, &params(json!({"s": 4.0})), &batch(131), Some(&["weight"]));
        assert_gradcheck_only(ID, None, &params(json!({"s": 8.0, "t_alpha": 0.5, "batch_mean": 3.0, "batch_std": 1.0})), &batch(133), Some(&["weight"]));
        // ... and everything where every scaler is clipped at -1 or 1 (large h, or a running std of 0),
        // so the margins are locally constant.
        assert_gradcheck(ID, None, &params(json!({"s": 8.0, "h": 1e4})), &batch(132));
        assert_gradcheck(ID, None, &params(json!({"s": 8.0, "t_alpha": 0.0, "batch_std": 0.0})), &batch(135));
    }

    #[test]
    fn value_is_the_formula() {
        // Two samples along the class weights e1, e2 with norms 1 and 3 (mean 2, unbiased std
        // sqrt 2); h = 1: z-hat = -/+ 1 / (sqrt 2 + 0.001). Cosines to the own class are clamped to
        // 1 - 0.001, to the other class 0. Target logit s (cos(clip(acos(0.999) + m z-hat... )) - g_add).
        let x = inputs(vec![("embeddings", f(&[2, 2], &[1.0, 0.0, 0.0, 3.0])), ("labels", i(&[2], &[0, 1])), ("weight", f(&[2, 2], &[2.0, 0.0, 0.0, 0.5]))]);
        let (m, s) = (0.4, 2.0);
        let ev = eval64(ID, None, &params(json!({"m": m, "s": s, "h": 1.0})), &x);
        let theta = 0.999f64.acos();
        let z = 1.0 / (2f64.sqrt() + 1e-3);
        let mut want = 0.0;
        for zi in [-z, z] {
            let t = s * ((theta - m * zi).clamp(1e-3, std::f64::consts::PI - 1e-3).cos() - (m * zi + m));
            want += (t.exp() + 1.0).ln() - t;
        }
        assert!((ev.loss.floats[0] - want / 2.0).abs() < 1e-12, "{} vs {}", ev.loss.floats[0], want / 2.0);
        // One sample: the unbiased std is NaN, so is the loss (as in the reference).
        let one = inputs(vec![("embeddings", f(&[1, 2], &[1.0, 0.0])), ("labels", i(&[1], &[0])), ("weight", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0]))]);
        assert!(eval64(ID, None, &params(json!({})), &one).loss.floats[0].is_nan());
        // Even with t_alpha = 0 (NaN * 0 is NaN), as in the reference.
        assert!(eval64(ID, None, &params(json!({"t_alpha": 0.0})), &one).loss.floats[0].is_nan());
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-6, 1e6] {
            let mut x = batch(134);
            x.get_mut("embeddings").unwrap().floats.iter_mut().for_each(|v| *v *= scale);
            assert_finite(ID, None, &params(json!({})), &x);
        }
        // Embeddings exactly on their class weights (cosine 1, clamped).
        let x = inputs(vec![("embeddings", f(&[2, 2], &[1.0, 0.0, 0.0, 2.0])), ("labels", i(&[2], &[0, 1])), ("weight", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(1);
        x.insert("labels".into(), i(&[6], &[0, 1, 2, 4, 0, 2]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let mut x = batch(1);
        x.insert("labels".into(), i(&[5], &[0, 1, 2, 3, 0]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(1);
        x.insert("embeddings".into(), i(&[6, 3], &[1; 18]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        for bad in [json!({"s": 0.0}), json!({"m": -0.1}), json!({"t_alpha": 1.5}), json!({"batch_std": -1.0}), json!({"margin": 0.4})] {
            assert_error(ID, None, &params(bad), &batch(1), ErrorKind::Param);
        }
        let x = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[])), ("weight", randn(&[4, 3], 2, 1.0))]);
        assert_error(ID, None, &p, &x, ErrorKind::Empty);
    }
}
