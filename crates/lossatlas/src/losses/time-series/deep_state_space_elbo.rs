//! Deep state space models: a recurrent network emits, per time step, the parameters of a linear
//! Gaussian state space model, trained by that model's marginal likelihood from a Kalman filter.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "deep-state-space-elbo";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Variational Inference Loss for State Space Models",
    aliases: &["DeepState Loss", "Deep State Space Model Likelihood"],
    kind: Kind::Loss,
    domains: &["time-series", "uncertainty"],
    year: 2018,
    paper: Paper {
        title: "Deep State Space Models for Time Series Forecasting",
        authors: "Syama Sundar Rangapuram, Matthias W. Seeger, Jan Gasthaus, Lorenzo Stella, Yuyang Wang, Tim Januschowski",
        venue: "NeurIPS",
        year: 2018,
        url: "https://papers.nips.cc/paper/2018/hash/5cf68969fb67aa6082363a6d4e6468e2-Abstract.html",
    },
    summary: "An RNN maps covariates to the time-varying parameters of a linear Gaussian state space model (emission, transition, innovation and observation noise, plus the initial state), and training maximizes the exact marginal likelihood of each observed series under that model, computed here by a differentiable Kalman filter (univariate observations, Joseph-form covariance update, as GluonTS's LDS). Despite this entry's id, the cited paper needs no variational bound: the likelihood is exact because the state space model is linear Gaussian (variational ELBOs appear in non-linear deep state space models). As in GluonTS's DeepState, the prior describes the first latent state, missing observations skip the update and are left out of the average, and an optional per-series scale divides the targets and adds log(scale) per step; the default reduction averages the negative log-likelihood over each series' observed steps and then over series. Structured states (level, trend, seasonality) keep forecasts interpretable and data-efficient; the prior covariance must be symmetric positive semi-definite.",
    formula: r"\ell_{t} = \tfrac{1}{2}\log(2\pi s_t) + \frac{\delta_t^2}{2 s_t},\quad \delta_t = z_t - b_t - a_t^\top \mu_t,\quad s_t = a_t^\top \Sigma_t a_t + \sigma_t^2,\quad k_t = \Sigma_t a_t / s_t,\quad \mu_{t+1} = F_t(\mu_t + k_t\delta_t),\quad \Sigma_{t+1} = F_t\bigl[(I - k_t a_t^\top)\Sigma_t(I - k_t a_t^\top)^\top + \sigma_t^2 k_t k_t^\top\bigr]F_t^\top + g_t g_t^\top,\quad \mathcal{L} = \frac{1}{N}\sum_{n}\frac{\sum_t o_{nt}\,\ell_{nt}}{\max(1, \sum_t o_{nt})}",
    inputs: &[
        Input { name: "target", shape: "[N, T]", meaning: "observed series z" },
        Input { name: "emission", shape: "[N, T, S]", meaning: "emission vectors a_t" },
        Input { name: "emission_bias", shape: "[N, T]", meaning: "emission offsets b_t (GluonTS's residuals)" },
        Input { name: "transition", shape: "[N, T, S, S]", meaning: "transition matrices F_t, mapping the state at t to t + 1" },
        Input { name: "innovation", shape: "[N, T, S]", meaning: "innovation vectors g_t (state noise covariance g_t g_t^T added after step t)" },
        Input { name: "noise_std", shape: "[N, T]", meaning: "observation noise standard deviations sigma_t (> 0)" },
        Input { name: "prior_mean", shape: "[N, S]", meaning: "mean mu_1 of the first latent state" },
        Input { name: "prior_cov", shape: "[N, S, S]", meaning: "covariance Sigma_1 of the first latent state (symmetric positive semi-definite)" },
        Input { name: "observed", shape: "[N, T]", meaning: "optional: 1 where z_t is observed, 0 where missing (default all observed)" },
        Input { name: "scale", shape: "[N]", meaning: "optional: per-series scale (> 0) dividing the targets, as GluonTS's MeanScaler; adds log(scale) per step" },
    ],
    params: &[
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "mean: per-series average over observed steps, then over series (GluonTS DeepState); sum: total negative log-likelihood over observed steps; none: [N, T] per step (0 where missing)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["gluonts.mx.distribution.LDS"],
    related: &["deepar", "gaussian-nll", "elbo"],
    forms: &[],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "observation z_2 of a local-level series (z_1 = 0)", from: -4.0, to: 4.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    let f = |shape: Vec<usize>, data: Vec<f64>| HostTensor::from_f64(shape, data);
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("target", f(vec![1, 2], vec![0.0, x])),
            ("emission", f(vec![1, 2, 1], vec![1.0, 1.0])),
            ("emission_bias", f(vec![1, 2], vec![0.0, 0.0])),
            ("transition", f(vec![1, 2, 1, 1], vec![1.0, 1.0])),
            ("innovation", f(vec![1, 2, 1], vec![0.5, 0.5])),
            ("noise_std", f(vec![1, 2], vec![0.5, 0.5])),
            ("prior_mean", f(vec![1, 1], vec![0.0])),
            ("prior_cov", f(vec![1, 1, 1], vec![1.0])),
        ],
        wrt: "target",
        index: 1,
    }
}

/// The linear Gaussian state space model of a batch of N univariate series of length T with
/// S-dimensional states.
#[derive(Debug, Clone)]
pub struct LinearGaussianSsm {
    /// `a_t`, `[N, T, S]`.
    pub emission: Tensor<3>,
    /// `b_t`, `[N, T]`.
    pub emission_bias: Tensor<2>,
    /// `F_t`, `[N, T, S, S]`.
    pub transition: Tensor<4>,
    /// `g_t`, `[N, T, S]`.
    pub innovation: Tensor<3>,
    /// `sigma_t`, `[N, T]`.
    pub noise_std: Tensor<2>,
    /// `mu_1`, `[N, S]`.
    pub prior_mean: Tensor<2>,
    /// `Sigma_1`, `[N, S, S]`.
    pub prior_cov: Tensor<3>,
}

fn check_shapes(target: &[usize], emission: &[usize], bias: &[usize], transition: &[usize], innovation: &[usize], noise: &[usize], mean: &[usize], cov: &[usize]) -> Result<(), LossError> {
    if target.len() != 2 {
        return Err(LossError::shape(ID, "target", "shape [N, T]", fmt_shape(target)));
    }
    let (n, t) = (target[0], target[1]);
    if emission.len() != 3 || emission[..2] != [n, t] {
        return Err(LossError::shape(ID, "emission", format!("shape [{n}, {t}, S]"), fmt_shape(emission)));
    }
    let s = emission[2];
    numerics::same_shape(ID, "emission_bias", bias, "target", target)?;
    numerics::same_shape(ID, "transition", transition, "[N, T, S, S]", &[n, t, s, s])?;
    numerics::same_shape(ID, "innovation", innovation, "emission", emission)?;
    numerics::same_shape(ID, "noise_std", noise, "target", target)?;
    numerics::same_shape(ID, "prior_mean", mean, "[N, S]", &[n, s])?;
    numerics::same_shape(ID, "prior_cov", cov, "[N, S, S]", &[n, s, s])?;
    numerics::non_empty(ID, "target", target)?;
    numerics::non_empty(ID, "emission", emission)
}

/// Negative log-likelihood of each step `[N, T]` (0 where `observed` is 0) of `target` `[N, T]`
/// under `model`, by Kalman filtering; `observed` `[N, T]` (1 observed, 0 missing) and `scale`
/// `[N]` are optional. Also returns `observed` as floats.
pub fn kalman_nll(target: Tensor<2>, model: LinearGaussianSsm, observed: Option<Tensor<2>>, scale: Option<Tensor<1>>) -> Result<(Tensor<2>, Tensor<2>), LossError> {
    let m = &model;
    check_shapes(&target.dims(), &m.emission.dims(), &m.emission_bias.dims(), &m.transition.dims(), &m.innovation.dims(), &m.noise_std.dims(), &m.prior_mean.dims(), &m.prior_cov.dims())?;
    let [n, t_len, s] = model.emission.dims();
    for (name, v) in [
        ("target", numerics::host_f64(&target)),
        ("emission", numerics::host_f64(&m.emission)),
        ("emission_bias", numerics::host_f64(&m.emission_bias)),
        ("transition", numerics::host_f64(&m.transition)),
        ("innovation", numerics::host_f64(&m.innovation)),
        ("prior_mean", numerics::host_f64(&m.prior_mean)),
        ("prior_cov", numerics::host_f64(&m.prior_cov)),
    ] {
        numerics::finite_values(ID, name, &v)?;
    }
    let noise = numerics::host_f64(&m.noise_std);
    if let Some(v) = noise.iter().find(|v| !(v.is_finite() && **v > 0.0)) {
        return Err(LossError::value(ID, "noise_std", "finite standard deviations > 0", format!("{v}")));
    }
    let obs = match observed {
        Some(o) => {
            numerics::same_shape(ID, "observed", &o.dims(), "target", &target.dims())?;
            let v = numerics::host_f64(&o);
            if let Some(bad) = v.iter().find(|v| **v != 0.0 && **v != 1.0) {
                return Err(LossError::value(ID, "observed", "0 (missing) or 1 (observed)", format!("{bad}")));
            }
            o
        }
        None => numerics::full_like(&target, [n, t_len], 1.0),
    };
    let (z, log_scale) = match scale {
        Some(sc) => {
            numerics::same_shape(ID, "scale", &sc.dims(), "[N]", &[n])?;
            let v = numerics::host_f64(&sc);
            if let Some(bad) = v.iter().find(|v| !(v.is_finite() && **v > 0.0)) {
                return Err(LossError::value(ID, "scale", "finite scales > 0", format!("{bad}")));
            }
            (target / sc.clone().reshape([n, 1]), Some(sc.log().reshape([n, 1])))
        }
        None => (target, None),
    };

    let eye = {
        let mut e = vec![0.0; s * s];
        for i in 0..s {
            e[i * s + i] = 1.0;
        }
        numerics::tensor_like(&z, e, [1, s, s])
    };
    let half_log_2pi = 0.5 * (2.0 * std::f64::consts::PI).ln();
    let mut mean = model.prior_mean.reshape([n, s, 1]);
    let mut cov = model.prior_cov;
    let mut steps = Vec::with_capacity(t_len);
    for t in 0..t_len {
        let a = model.emission.clone().narrow(1, t, 1).reshape([n, 1, s]);
        let a_col = a.clone().swap_dims(1, 2); // [n, s, 1]
        let var = model.noise_std.clone().narrow(1, t, 1).square().reshape([n, 1, 1]);
        let o = obs.clone().narrow(1, t, 1).reshape([n, 1, 1]);
        let pa = cov.clone().matmul(a_col.clone()); // [n, s, 1]
        let s_t = a.clone().matmul(pa.clone()) + var.clone(); // [n, 1, 1]
        let gain = pa / s_t.clone();
        let delta = (z.clone().narrow(1, t, 1) - model.emission_bias.clone().narrow(1, t, 1)).reshape([n, 1, 1]) - a.clone().matmul(mean.clone());
        let nll = s_t.clone().log().mul_scalar(0.5).add_scalar(half_log_2pi) + delta.clone().square() / s_t.mul_scalar(2.0);
        steps.push(nll.reshape([n, 1]));
        // Filtered state (Joseph form); a missing observation keeps the prediction.
        let filt_mean = mean.clone() + gain.clone() * delta;
        let ika = eye.clone() - gain.clone().matmul(a);
        let filt_cov = ika.clone().matmul(cov.clone()).matmul(ika.swap_dims(1, 2)) + gain.clone().matmul(gain.swap_dims(1, 2)) * var;
        let keep = o.clone().neg().add_scalar(1.0);
        let m_sel = filt_mean * o.clone() + mean * keep.clone();
        let c_sel = filt_cov * o + cov * keep;
        let f_t = model.transition.clone().narrow(1, t, 1).reshape([n, s, s]);
        let g = model.innovation.clone().narrow(1, t, 1).reshape([n, s, 1]);
        mean = f_t.clone().matmul(m_sel);
        cov = f_t.clone().matmul(c_sel).matmul(f_t.swap_dims(1, 2)) + g.clone().matmul(g.swap_dims(1, 2));
    }
    let mut nll = Tensor::cat(steps, 1);
    if let Some(ls) = log_scale {
        nll = nll + ls;
    }
    Ok((nll * obs.clone(), obs))
}

/// The DeepState loss: [`kalman_nll`] reduced as GluonTS's DeepState (`Mean`: per-series average
/// over observed steps, denominators at least 1, then the mean over series), summed (`Sum`), or
/// kept per step (`None`, `[N, T]`).
pub fn deep_state_space_elbo(target: Tensor<2>, model: LinearGaussianSsm, observed: Option<Tensor<2>>, scale: Option<Tensor<1>>, reduction: Reduction) -> Result<LossTensor, LossError> {
    let (nll, obs) = kalman_nll(target, model, observed, scale)?;
    let n = nll.dims()[0];
    Ok(match reduction {
        Reduction::None => LossTensor::elements(nll),
        Reduction::Sum => LossTensor::scalar(nll.sum()),
        Reduction::Mean => {
            let per = nll.sum_dim(1).reshape([n]) / obs.sum_dim(1).reshape([n]).clamp_min(1.0);
            LossTensor::scalar(per.mean())
        }
    })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let reduction = c.reduction(Reduction::Mean)?;
    let sh = |name: &str| c.shape(name).map(|s| s.to_vec());
    check_shapes(&sh("target")?, &sh("emission")?, &sh("emission_bias")?, &sh("transition")?, &sh("innovation")?, &sh("noise_std")?, &sh("prior_mean")?, &sh("prior_cov")?)?;
    let model = LinearGaussianSsm {
        emission: c.float::<3>("emission")?,
        emission_bias: c.float::<2>("emission_bias")?,
        transition: c.float::<4>("transition")?,
        innovation: c.float::<3>("innovation")?,
        noise_std: c.float::<2>("noise_std")?,
        prior_mean: c.float::<2>("prior_mean")?,
        prior_cov: c.float::<3>("prior_cov")?,
    };
    let target = c.float::<2>("target")?;
    let observed = if c.has("observed") {
        numerics::same_shape(ID, "observed", c.shape("observed")?, "target", &target.dims())?;
        Some(c.float::<2>("observed")?.detach())
    } else {
        c.host_opt("observed");
        None
    };
    let scale = if c.has("scale") {
        numerics::same_shape(ID, "scale", c.shape("scale")?, "[N]", &target.dims()[..1])?;
        Some(c.float::<1>("scale")?)
    } else {
        c.host_opt("scale");
        None
    };
    deep_state_space_elbo(target, model, observed, scale, reduction)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::f64::consts::PI;

    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    /// A random model: N series, T steps, S states; transitions near the identity and a PSD
    /// prior covariance L L^T + 0.1 I.
    fn model(n: usize, t: usize, s: usize, seed: u64) -> BTreeMap<String, HostTensor> {
        let mut tr = randn(&[n, t, s, s], seed + 3, 0.2);
        for k in 0..n * t {
            for i in 0..s {
                tr.floats[k * s * s + i * s + i] += 1.0;
            }
        }
        let l = randn(&[n, s, s], seed + 7, 0.5);
        let mut cov = vec![0.0; n * s * s];
        for b in 0..n {
            for i in 0..s {
                for j in 0..s {
                    let mut v = if i == j { 0.1 } else { 0.0 };
                    for k in 0..s {
                        v += l.floats[b * s * s + i * s + k] * l.floats[b * s * s + j * s + k];
                    }
                    cov[b * s * s + i * s + j] = v;
                }
            }
        }
        inputs(vec![
            ("target", randn(&[n, t], seed, 1.0)),
            ("emission", randn(&[n, t, s], seed + 1, 1.0)),
            ("emission_bias", randn(&[n, t], seed + 2, 0.3)),
            ("transition", tr),
            ("innovation", randn(&[n, t, s], seed + 4, 0.3)),
            ("noise_std", uniform(&[n, t], seed + 5, 0.3, 1.0)),
            ("prior_mean", randn(&[n, s], seed + 6, 1.0)),
            ("prior_cov", f(&[n, s, s], &cov)),
        ])
    }

    /// The same filter in plain f64 on the host (scalar state), for hand-checkable values.
    fn local_level_nll(z: &[f64], sigma: f64, g: f64, m0: f64, p0: f64) -> Vec<f64> {
        let (mut m, mut p) = (m0, p0);
        let mut out = vec![];
        for &zt in z {
            let s = p + sigma * sigma;
            let d = zt - m;
            out.push(0.5 * (2.0 * PI * s).ln() + d * d / (2.0 * s));
            let k = p / s;
            m += k * d;
            p = (1.0 - k) * (1.0 - k) * p + k * k * sigma * sigma + g * g;
        }
        out
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = model(2, 4, 2, 121);
        // prior_cov is perturbed element by element (breaking symmetry by 1e-6), which the
        // filter tolerates; every input is checked.
        assert_gradcheck(ID, None, &params(json!({})), &x);
        let mut y = model(2, 3, 3, 131);
        y.insert("observed".into(), f(&[2, 3], &[1.0, 0.0, 1.0, 1.0, 1.0, 0.0]));
        y.insert("scale".into(), f(&[2], &[2.0, 0.5]));
        // `observed` is a 0/1 mask (no gradient); every other input is checked.
        let all = ["target", "emission", "emission_bias", "transition", "innovation", "noise_std", "prior_mean", "prior_cov", "scale"];
        assert_gradcheck_only(ID, None, &params(json!({"reduction": "none"})), &y, Some(&all));
    }

    #[test]
    fn value_is_the_formula() {
        // Local level model: a = 1, F = 1, b = 0, sigma = 0.5, g = 0.3, prior N(0.2, 1).
        let z = [0.5, -0.3, 1.2];
        let want = local_level_nll(&z, 0.5, 0.3, 0.2, 1.0);
        let x = inputs(vec![
            ("target", f(&[1, 3], &z)),
            ("emission", f(&[1, 3, 1], &[1.0; 3])),
            ("emission_bias", f(&[1, 3], &[0.0; 3])),
            ("transition", f(&[1, 3, 1, 1], &[1.0; 3])),
            ("innovation", f(&[1, 3, 1], &[0.3; 3])),
            ("noise_std", f(&[1, 3], &[0.5; 3])),
            ("prior_mean", f(&[1, 1], &[0.2])),
            ("prior_cov", f(&[1, 1, 1], &[1.0])),
        ]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        for (g, w) in ev.loss.floats.iter().zip(&want) {
            assert!((g - w).abs() < 1e-12, "{:?} vs {want:?}", ev.loss.floats);
        }
        // The first step is the prior predictive N(0.2, 1 + 0.25) exactly.
        assert!((want[0] - (0.5 * (2.0 * PI * 1.25).ln() + 0.09 / 2.5)).abs() < 1e-15);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - want.iter().sum::<f64>() / 3.0).abs() < 1e-12);
        // A missing middle observation: no update at t = 2, so step 3 sees P = 1 - ... + 2 g^2.
        let mut y = x.clone();
        y.insert("observed".into(), f(&[1, 3], &[1.0, 0.0, 1.0]));
        let (m0, p0, sg, g) = (0.2, 1.0, 0.5f64, 0.3f64);
        let s1 = p0 + sg * sg;
        let k = p0 / s1;
        let (m1, p1) = (m0 + k * (z[0] - m0), (1.0 - k).powi(2) * p0 + k * k * sg * sg + g * g);
        let p2 = p1 + g * g;
        let s3 = p2 + sg * sg;
        let nll3 = 0.5 * (2.0 * PI * s3).ln() + (z[2] - m1).powi(2) / (2.0 * s3);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &y);
        assert!(ev.loss.floats[1] == 0.0 && (ev.loss.floats[2] - nll3).abs() < 1e-12, "{:?}", ev.loss.floats);
        let ev = eval64(ID, None, &params(json!({})), &y);
        assert!((ev.loss.floats[0] - (want[0] + nll3) / 2.0).abs() < 1e-12);
        // A scale c: the filter sees z / c and each step adds log c.
        let mut sc = x.clone();
        sc.insert("scale".into(), f(&[1], &[2.0]));
        let zs: Vec<f64> = z.iter().map(|v| v / 2.0).collect();
        let want_s: f64 = local_level_nll(&zs, 0.5, 0.3, 0.2, 1.0).iter().map(|v| v + 2f64.ln()).sum();
        let ev = eval64(ID, None, &params(json!({"reduction": "sum"})), &sc);
        assert!((ev.loss.floats[0] - want_s).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let mut x = model(1, 3, 2, 141);
        x.insert("target".into(), f(&[1, 3], &[1e6, -1e6, 1e-12]));
        x.insert("noise_std".into(), f(&[1, 3], &[1e-6, 1e3, 1.0]));
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let good = model(2, 3, 2, 1);
        let with = |k: &str, v: HostTensor| {
            let mut x = good.clone();
            x.insert(k.into(), v);
            x
        };
        assert_error(ID, None, &params(json!({})), &with("noise_std", f(&[2, 3], &[1.0, 0.0, 1.0, 1.0, 1.0, 1.0])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &with("target", f(&[2, 3], &[1.0, f64::NAN, 1.0, 1.0, 1.0, 1.0])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &with("observed", f(&[2, 3], &[1.0, 0.5, 1.0, 1.0, 1.0, 1.0])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &with("scale", f(&[2], &[1.0, -1.0])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &with("scale", f(&[3], &[1.0, 1.0, 1.0])), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &with("transition", randn(&[2, 3, 2, 3], 9, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &with("prior_cov", randn(&[2, 2], 9, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &with("emission_bias", randn(&[2, 4], 9, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"reduction": "batchmean"})), &good, ErrorKind::Param);
        let empty = model(0, 3, 2, 1);
        assert_error(ID, None, &params(json!({})), &empty, ErrorKind::Empty);
        let mut missing = good.clone();
        missing.remove("prior_mean");
        assert_error(ID, None, &params(json!({})), &missing, ErrorKind::Missing);
    }
}
