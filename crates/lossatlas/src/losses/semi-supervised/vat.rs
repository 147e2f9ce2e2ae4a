//! Virtual adversarial training: penalize how much the predicted distribution changes under
//! the small input perturbation that changes it most, found without labels. The evaluator
//! computes the local distributional smoothness term from the two predictions; `vat_loss` runs
//! the whole procedure (power iteration included) on any burn model given as a closure.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{fmt_shape, LossError};
use crate::eval::Call;
use crate::numerics::distill::kl_from_log_probs;
use crate::numerics::{reduce, Reduction};
use crate::numerics::vectors::l2_norm;
use crate::numerics::{self, LossTensor};

const ID: &str = "vat";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "VAT Loss",
    aliases: &["Virtual Adversarial Training", "Local Distributional Smoothness"],
    kind: Kind::Loss,
    domains: &["semi-supervised", "regularization", "adversarial-ood"],
    year: 2018,
    paper: Paper {
        title: "Virtual Adversarial Training: A Regularization Method for Supervised and Semi-Supervised Learning",
        authors: "Takeru Miyato, Shin-ichi Maeda, Masanori Koyama, Shin Ishii",
        venue: "IEEE TPAMI",
        year: 2018,
        url: "https://arxiv.org/abs/1704.03976",
    },
    summary: "The local distributional smoothness term is the KL divergence between the model's prediction at x (held fixed) and at x + r_adv, where r_adv is the direction of norm epsilon that increases this divergence most; it is approximated by one power iteration: perturb by a tiny random vector, take the gradient of the KL with respect to it, normalize and scale by epsilon. Because it needs no label, it regularizes unlabeled data and is added to the supervised loss with weight alpha. It needs extra forward and backward passes through the model, and epsilon must suit the input scale.",
    formula: r"\mathcal{L}_{\text{vat}} = \frac{1}{N}\sum_{n} D_{\mathrm{KL}}\bigl(p(y \mid x_n, \hat\theta)\,\Vert\,p(y \mid x_n + r_n, \theta)\bigr),\quad r_n = \epsilon\,\frac{g_n}{\lVert g_n\rVert_2 + 10^{-16}},\quad g = \nabla_{r} \sum_n D_{\mathrm{KL}}\bigl(p(y \mid x_n, \hat\theta)\,\Vert\,p(y \mid x_n + r_n, \theta)\bigr)\Big|_{r = \xi \hat d}",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "the model's logits at the clean inputs x (held fixed: no gradient flows into them)" },
        Input { name: "adv_logits", shape: "[N, C]", meaning: "the model's logits at x + r_adv (Rust: `vat_loss` finds r_adv and runs the model for you)" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Logits,
    },
    equivalents: &["semilearn.algorithms.vat.VAT"],
    related: &["kl-divergence", "pi-model", "uda", "trades", "pgd-at"],
    forms: &[
        Form { name: "lyakaap", description: "VAT-pytorch (the index's reference implementation): KL(softmax(clean logits) || softmax(adversarial logits)) summed over classes and averaged over the batch, the clean logits detached; in Rust `vat_loss` finds r_adv by power iteration from a random direction d: d <- xi * d / (|d| + 1e-16) per sample, d <- grad of the KL at x + d, then r_adv = eps * d / (|d| + 1e-16) (defaults xi = 1e-6, eps = 2.5, one iteration)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "adversarial logit of class 0 (clean logits 1, 0, -1)", from: -4.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("logits", HostTensor::from_f64(vec![1, 3], vec![1.0, 0.0, -1.0])), ("adv_logits", HostTensor::from_f64(vec![1, 3], vec![x, 0.0, -1.0]))],
        wrt: "adv_logits",
        index: 0,
    }
}

/// The procedure's settings; `Default` equals VAT-pytorch's `vat_loss` defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct VatConfig {
    /// Length of the probe `xi * d` of the power iteration.
    pub xi: f64,
    /// Length of the adversarial perturbation.
    pub eps: f64,
    /// Power iterations (1 in the paper; 0 gives a random perturbation of length `eps`).
    pub power_iterations: usize,
}

impl Default for VatConfig {
    fn default() -> Self {
        VatConfig { xi: 1e-6, eps: 2.5, power_iterations: 1 }
    }
}

/// The local distributional smoothness term: `KL(softmax(logits) || softmax(adv_logits))` per
/// sample, `logits` detached (the clean prediction is the target), reduced over the batch.
pub fn lds(logits: Tensor<2>, adv_logits: Tensor<2>, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::non_empty(ID, "logits", &logits.dims())?;
    numerics::same_shape(ID, "adv_logits", &adv_logits.dims(), "logits", &logits.dims())?;
    let n = logits.dims()[0];
    let target = numerics::log_softmax(logits.detach(), 1);
    let per = kl_from_log_probs(target, numerics::log_softmax(adv_logits, 1), 1).reshape([n]);
    Ok(reduce(per, reduction))
}

/// VAT-pytorch's `_l2_normalize`: each sample (axis 0) divided by its Euclidean norm over all
/// other axes plus 1e-16.
fn normalize_per_sample<const D: usize>(d: Tensor<D>) -> Tensor<D> {
    let dims = d.dims();
    let n = dims[0];
    let flat: Tensor<2> = d.reshape([n as i64, -1]);
    let scaled = flat.clone() / l2_norm(flat, 1).add_scalar(1e-16);
    scaled.reshape(dims)
}

/// The adversarial perturbation `r_adv` found by `cfg.power_iterations` steps of the power
/// iteration from `direction` (VAT-pytorch draws it from a standard normal), for `model` at `x`
/// with the clean logits `logits`. Detached. `x` must live on an autodiff device.
pub fn adversarial_perturbation<const D: usize>(
    model: impl Fn(Tensor<D>) -> Tensor<2>,
    x: Tensor<D>,
    logits: Tensor<2>,
    direction: Tensor<D>,
    cfg: &VatConfig,
) -> Result<Tensor<D>, LossError> {
    numerics::positive_param(ID, "xi", cfg.xi)?;
    numerics::positive_param(ID, "eps", cfg.eps)?;
    numerics::same_shape(ID, "direction", &direction.dims(), "x", &x.dims())?;
    numerics::non_empty(ID, "x", &x.dims())?;
    if logits.dims()[0] != x.dims()[0] {
        return Err(LossError::shape(ID, "logits", format!("{} rows (one per sample of x)", x.dims()[0]), fmt_shape(&logits.dims())));
    }
    if cfg.power_iterations > 0 && !x.device().is_autodiff() {
        return Err(LossError::unsupported(ID, "x", "a tensor on an autodiff device (the power iteration differentiates the model)", "a device without autodiff"));
    }
    let (x, logits) = (x.detach(), logits.detach());
    let mut d = direction.detach();
    for _ in 0..cfg.power_iterations {
        let probe = normalize_per_sample(d).mul_scalar(cfg.xi).require_grad();
        let adv = model(x.clone() + probe.clone());
        let kl = lds(logits.clone(), adv, Reduction::Mean)?.total();
        let grads = kl.backward();
        d = probe.grad(&grads).ok_or_else(|| LossError::internal(ID, "the model output does not depend on its input"))?.autodiff();
    }
    Ok(normalize_per_sample(d).mul_scalar(cfg.eps).detach())
}

/// VAT-pytorch's `vat_loss(model, x, logits)`: finds `r_adv` (see [`adversarial_perturbation`])
/// and returns the smoothness term at `x + r_adv`, differentiable with respect to the model's
/// parameters (the clean logits and `r_adv` are constants). Add `alpha` times it to the
/// supervised loss.
pub fn vat_loss<const D: usize>(
    model: impl Fn(Tensor<D>) -> Tensor<2>,
    x: Tensor<D>,
    logits: Tensor<2>,
    direction: Tensor<D>,
    cfg: &VatConfig,
) -> Result<LossTensor, LossError> {
    let r_adv = adversarial_perturbation(&model, x.clone(), logits.clone(), direction, cfg)?;
    lds(logits, model(x + r_adv), Reduction::Mean)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("lyakaap") => {}
        Some(_) => return Err(c.unknown_form(&["lyakaap"])),
    }
    let reduction = c.reduction(Reduction::Mean)?;
    let shape = c.shape("logits")?;
    if shape.len() != 2 {
        return Err(LossError::shape(ID, "logits", "[N, C]", fmt_shape(shape)));
    }
    numerics::same_shape(ID, "adv_logits", c.shape("adv_logits")?, "logits", shape)?;
    lds(c.float::<2>("logits")?, c.float::<2>("adv_logits")?, reduction)
}

#[cfg(test)]
mod tests {
    use burn::tensor::{DType, Device, Tensor, TensorData};
    use serde_json::json;

    use super::{ID, VatConfig};
    use crate::ErrorKind;
    use crate::testing::*;

    fn log_softmax(z: &[f64]) -> Vec<f64> {
        let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let lse = m + z.iter().map(|v| (v - m).exp()).sum::<f64>().ln();
        z.iter().map(|v| v - lse).collect()
    }

    fn kl_rows(p: &[f64], q: &[f64], c: usize) -> Vec<f64> {
        p.chunks(c)
            .zip(q.chunks(c))
            .map(|(a, b)| {
                let (la, lb) = (log_softmax(a), log_softmax(b));
                la.iter().zip(&lb).map(|(x, y)| x.exp() * (x - y)).sum()
            })
            .collect()
    }

    #[test]
    fn value_is_the_mean_kl() {
        let (z, za) = (randn(&[4, 3], 1, 2.0), randn(&[4, 3], 2, 2.0));
        let want = kl_rows(&z.floats, &za.floats, 3);
        for (red, v) in [("mean", want.iter().sum::<f64>() / 4.0), ("sum", want.iter().sum::<f64>())] {
            let ev = eval64(ID, None, &params(json!({"reduction": red})), &inputs(vec![("logits", z.clone()), ("adv_logits", za.clone())]));
            assert!((ev.loss.floats[0] - v).abs() < 1e-12, "{red}: {:?} vs {v}", ev.loss.floats);
        }
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &inputs(vec![("logits", z.clone()), ("adv_logits", za)]));
        assert!(ev.loss.floats.iter().zip(&want).all(|(a, b)| (a - b).abs() < 1e-12));
        // Equal predictions: zero, and the clean logits get no gradient.
        let ev = eval64(ID, None, &params(json!({})), &inputs(vec![("logits", z.clone()), ("adv_logits", z)]));
        assert!(ev.loss.floats[0].abs() < 1e-15);
        assert!(ev.grads["logits"].floats.iter().all(|g| *g == 0.0));
    }

    #[test]
    fn gradients_match_finite_differences() {
        for seed in [3, 4] {
            let x = inputs(vec![("logits", randn(&[5, 4], seed, 3.0)), ("adv_logits", randn(&[5, 4], seed + 10, 3.0))]);
            assert_gradcheck_only(ID, None, &params(json!({})), &x, Some(&["adv_logits"]));
        }
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e4] {
            let x = inputs(vec![("logits", randn(&[5, 4], 6, scale)), ("adv_logits", randn(&[5, 4], 7, scale))]);
            let ev = assert_finite(ID, None, &params(json!({})), &x);
            assert!(ev.loss.floats[0] >= 0.0);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("logits", randn(&[5, 4], 1, 1.0)), ("adv_logits", randn(&[5, 3], 1, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", randn(&[5], 1, 1.0)), ("adv_logits", randn(&[5], 1, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0, 3], &[])), ("adv_logits", f(&[0, 3], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"reduction": "avg"})), &inputs(vec![("logits", randn(&[2, 2], 1, 1.0)), ("adv_logits", randn(&[2, 2], 1, 1.0))]), ErrorKind::Param);
    }

    fn t2(dev: &Device, shape: [usize; 2], data: &[f64]) -> Tensor<2> {
        Tensor::from_data(TensorData::new(data.to_vec(), shape), (dev, DType::F64))
    }

    /// The whole procedure on a linear softmax model z = x W^T + b, where the gradient of the
    /// probe KL is known in closed form: d/dr of mean_n KL(q_n || softmax(W(x_n + r_n) + b)) is
    /// W^T (p_n - q_n) / N, so r_adv = eps * W^T (p - q) / |W^T (p - q)| per sample.
    #[test]
    fn procedure_on_a_linear_model_matches_the_closed_form() {
        let (n, f, c) = (3, 4, 3);
        let dev = Device::flex().autodiff();
        let (xv, wv, bv, dv) = (randn(&[n, f], 11, 1.0).floats, randn(&[c, f], 12, 1.0).floats, randn(&[1, c], 13, 0.5).floats, randn(&[n, f], 14, 1.0).floats);
        let w = t2(&dev, [c, f], &wv).require_grad();
        let b = t2(&dev, [1, c], &bv).require_grad();
        let model = |x: Tensor<2>| x.matmul(w.clone().transpose()) + b.clone();
        let x = t2(&dev, [n, f], &xv);
        let logits = model(x.clone());
        let cfg = VatConfig { xi: 1e-2, eps: 0.7, power_iterations: 1 };
        let r = super::adversarial_perturbation(&model, x.clone(), logits.clone(), t2(&dev, [n, f], &dv), &cfg).unwrap();
        let r = crate::numerics::host_f64(&r);

        let lin = |x: &[f64]| -> Vec<f64> { (0..c).map(|k| bv[k] + (0..f).map(|j| wv[k * f + j] * x[j]).sum::<f64>()).collect() };
        for s in 0..n {
            let xs = &xv[s * f..(s + 1) * f];
            let dn = (dv[s * f..(s + 1) * f].iter().map(|v| v * v).sum::<f64>()).sqrt() + 1e-16;
            let probe: Vec<f64> = (0..f).map(|j| xs[j] + cfg.xi * dv[s * f + j] / dn).collect();
            let (q, p) = (log_softmax(&lin(xs)), log_softmax(&lin(&probe)));
            let g: Vec<f64> = (0..f).map(|j| (0..c).map(|k| wv[k * f + j] * (p[k].exp() - q[k].exp())).sum()).collect();
            let gn = g.iter().map(|v| v * v).sum::<f64>().sqrt() + 1e-16;
            for j in 0..f {
                let want = cfg.eps * g[j] / gn;
                assert!((r[s * f + j] - want).abs() < 1e-9, "r[{s},{j}] = {} vs {want}", r[s * f + j]);
            }
        }

        // The loss at x + r_adv, and its gradient reaches the model's parameters.
        let loss = super::vat_loss(&model, x, logits, t2(&dev, [n, f], &dv), &cfg).unwrap().total();
        let adv: Vec<f64> = (0..n).flat_map(|s| lin(&(0..f).map(|j| xv[s * f + j] + r[s * f + j]).collect::<Vec<_>>())).collect();
        let clean: Vec<f64> = (0..n).flat_map(|s| lin(&xv[s * f..(s + 1) * f])).collect();
        let want = kl_rows(&clean, &adv, c).iter().sum::<f64>() / n as f64;
        let got = crate::numerics::host_f64(&loss)[0];
        assert!((got - want).abs() < 1e-9 && want > 0.0, "{got} vs {want}");
        let grads = loss.backward();
        assert!(crate::numerics::host_f64(&w.grad(&grads).unwrap()).iter().any(|g| g.abs() > 1e-9));
    }

    #[test]
    fn procedure_errors() {
        let dev = Device::flex();
        let x = t2(&dev, [2, 2], &[1.0, 2.0, 3.0, 4.0]);
        let model = |x: Tensor<2>| x.clone();
        let logits = model(x.clone());
        // No autodiff on the device: a clear error, not a panic.
        let e = super::adversarial_perturbation(model, x.clone(), logits.clone(), x.clone(), &VatConfig::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Unsupported);
        let e = super::adversarial_perturbation(model, x.clone(), logits.clone(), x.clone(), &VatConfig { eps: 0.0, ..VatConfig::default() }).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Param);
        let e = super::adversarial_perturbation(model, x.clone(), logits, t2(&dev, [1, 4], &[0.0; 4]), &VatConfig::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Shape);
    }
}
