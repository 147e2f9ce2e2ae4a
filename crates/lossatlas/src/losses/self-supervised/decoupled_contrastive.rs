//! Decoupled contrastive learning: NT-Xent with the positive pair removed from the
//! denominator, which removes the coupling that makes InfoNCE depend strongly on batch size.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::contrastive::{check_views, eye_like};
use crate::numerics::vectors::l2_normalize;
use crate::numerics::{self, LossTensor, inputs::float_input};

const ID: &str = "decoupled-contrastive";

pub const ENTRY: Entry = Entry {
    id: "decoupled-contrastive",
    name: "Decoupled Contrastive Loss",
    aliases: &["DCL", "DCLW"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2022,
    paper: Paper {
        title: "Decoupled Contrastive Learning",
        authors: "Yeh et al.",
        venue: "ECCV",
        year: 2022,
        url: "https://arxiv.org/abs/2110.06848",
    },
    summary: "For each anchor view, subtracts the scaled cosine similarity to its other view and adds the log-sum-exp of similarities to all other samples, without the positive in the denominator. Removing the positive from the normalizer removes a gradient factor that shrinks when the positive is already easy, so DCL trains well with small batches and is less sensitive to temperature. DCLW additionally weights the positive term by a von Mises-Fisher factor that emphasizes hard positives; lightly computes that weight from detached embeddings.",
    formula: r"\ell_i = -w_i\,\frac{s(u_i, v_i)}{\tau} + \log\sum_{k \ne i}\left(e^{s(u_i, u_k)/\tau} + e^{s(u_i, v_k)/\tau}\right),\quad \mathcal{L} = \tfrac{1}{2}\bigl(\operatorname{mean}_i \ell_i(z_1, z_2) + \operatorname{mean}_i \ell_i(z_2, z_1)\bigr),\quad w_i = 2 - N\,\operatorname{softmax}_i\!\left(\frac{s(u_i, v_i)}{\sigma}\right)",
    inputs: &[
        Input { name: "z1", shape: "[N, D]", meaning: "embeddings of the first view (L2-normalized inside the loss)" },
        Input { name: "z2", shape: "[N, D]", meaning: "embeddings of the second view, same sample order" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "similarities are divided by tau" },
        Param { name: "sigma", symbol: r"\sigma", default: Value::Float(0.5), range: Range::POSITIVE, meaning: "form dclw: temperature of the von Mises-Fisher positive weight (w_i = 1 in form dcl)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["lightly.loss.DCLLoss", "lightly.loss.DCLWLoss"],
    related: &["nt-xent", "infonce", "supcon"],
    forms: &[
        Form { name: "dcl", description: "lightly DCLLoss(temperature): inputs L2-normalized; per anchor -s_ii/t plus one log-sum-exp over the 2N - 2 negatives: same-view similarities without the anchor itself and cross-view similarities without the positive; mean over anchors, averaged over both view orders." },
        Form { name: "dclw", description: "lightly DCLWLoss(temperature, sigma): dcl with the positive term multiplied by w = 2 - N * softmax over the batch of (u_i . v_i) / sigma, computed from DETACHED normalized embeddings (no gradient through the weight)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two views of image 0 (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Form dcl, two images: image 0's second view at angle x from its first, image 1's views both
/// at pi / 2.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("dcl"),
        params: serde_json::json!({}),
        inputs: vec![
            ("z1", HostTensor::from_f64(vec![2, 2], vec![1.0, 0.0, 0.0, 1.0])),
            ("z2", HostTensor::from_f64(vec![2, 2], vec![x.cos(), x.sin(), 0.0, 1.0])),
        ],
        wrt: "z2",
        index: 1,
    }
}

/// Options of lightly's `DCLLoss` / `DCLWLoss`; `Default` is `DCLLoss()` (no weighting).
#[derive(Debug, Clone, PartialEq)]
pub struct DclConfig {
    pub temperature: f64,
    /// `Some(sigma)`: DCLW's von Mises-Fisher weight of the positive term.
    pub sigma: Option<f64>,
}

impl Default for DclConfig {
    fn default() -> Self {
        DclConfig { temperature: 0.1, sigma: None }
    }
}

/// One direction of lightly's `DCLLoss._loss` on normalized views `u`, `v` `[N, D]`.
fn one_way(u: Tensor<2>, v: Tensor<2>, cfg: &DclConfig) -> Tensor<1> {
    let n = u.dims()[0];
    let inv_t = 1.0 / cfg.temperature;
    let mut positive = (u.clone() * v.clone()).sum_dim(1).reshape([n]).mul_scalar(-inv_t);
    if let Some(sigma) = cfg.sigma {
        // 2 - N * softmax over the batch of (u_i . v_i) / sigma, from detached embeddings.
        let s = (u.clone().detach() * v.clone().detach()).sum_dim(1).reshape([n]).mul_scalar(1.0 / sigma);
        let w = numerics::softmax(s, 0).mul_scalar(-(n as f64)).add_scalar(2.0);
        positive = positive * w;
    }
    // Negatives: the other samples of both views (the anchor itself and its positive removed).
    let diag = eye_like(&u, n).equal_elem(1.0);
    let s_uu = u.clone().matmul(u.clone().transpose()).mul_scalar(inv_t).mask_fill(diag.clone(), f64::NEG_INFINITY);
    let s_uv = u.matmul(v.transpose()).mul_scalar(inv_t).mask_fill(diag, f64::NEG_INFINITY);
    let negative = numerics::logsumexp(Tensor::cat(vec![s_uu, s_uv], 1), 1).reshape([n]);
    (positive + negative).mean()
}

/// lightly `DCLLoss(temperature)(z1, z2)` (or `DCLWLoss(temperature, sigma)` with `sigma`):
/// both views L2-normalized; per anchor `-w_i s_ii / t + log sum_{k != i} (e^{u_i.u_k / t} +
/// e^{u_i.v_k / t})`, mean over anchors, averaged over the two view orders. A batch of one
/// has no negatives: an error (lightly returns the -inf of an empty log-sum-exp).
pub fn decoupled_contrastive(z1: Tensor<2>, z2: Tensor<2>, cfg: &DclConfig) -> Result<LossTensor, LossError> {
    check_views(ID, "z1", &z1.dims(), "z2", &z2.dims())?;
    numerics::positive_param(ID, "temperature", cfg.temperature)?;
    if let Some(s) = cfg.sigma {
        numerics::positive_param(ID, "sigma", s)?;
    }
    if z1.dims()[0] == 1 {
        return Err(LossError::shape(ID, "z1", "a batch of at least 2 (the negatives of a sample are the others)", "a batch of 1"));
    }
    let u = l2_normalize(z1, 1, 1e-12);
    let v = l2_normalize(z2, 1, 1e-12);
    let loss = (one_way(u.clone(), v.clone(), cfg) + one_way(v, u, cfg)).mul_scalar(0.5);
    Ok(LossTensor::scalar(loss))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = match c.form() {
        None | Some("dcl") => DclConfig { temperature: c.f64("temperature", 0.1)?, sigma: None },
        Some("dclw") => DclConfig { temperature: c.f64("temperature", 0.1)?, sigma: Some(c.f64("sigma", 0.5)?) },
        Some(_) => return Err(c.unknown_form(&["dcl", "dclw"])),
    };
    decoupled_contrastive(float_input::<2>(c, "z1", "[N, D]")?, float_input::<2>(c, "z2", "[N, D]")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn views(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("z1", randn(&[5, 3], seed, 1.0)), ("z2", randn(&[5, 3], seed + 1, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // z1 ~ z2 ~ I (two images), t = 1: positive -1; negatives u_0.u_1 = 0 and u_0.v_1 = 0:
        // log 2, so every anchor of both directions gives ln 2 - 1.
        let x = inputs(vec![("z1", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0])), ("z2", f(&[2, 2], &[2.0, 0.0, 0.0, 3.0]))]);
        let ev = eval64(ID, Some("dcl"), &params(json!({"temperature": 1.0})), &x);
        assert!((ev.loss.floats[0] - (2f64.ln() - 1.0)).abs() < 1e-14);
        // DCLW with equal positive similarities: weights 2 - 2 * 1/2 = 1, the same value.
        let ev = eval64(ID, Some("dclw"), &params(json!({"temperature": 1.0, "sigma": 0.5})), &x);
        assert!((ev.loss.floats[0] - (2f64.ln() - 1.0)).abs() < 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, Some("dcl"), &params(json!({"temperature": 0.3})), &views(1));
        // DCLW's weight is detached: autodiff is the derivative with the weight held fixed,
        // which equals the full derivative only where the weight is stationary. Check dcl only,
        // and that dclw's gradient is finite.
        assert_finite(ID, Some("dclw"), &params(json!({"temperature": 0.3})), &views(2));
    }

    #[test]
    fn batch_of_one_is_an_error() {
        let x = inputs(vec![("z1", randn(&[1, 3], 1, 1.0)), ("z2", randn(&[1, 3], 2, 1.0))]);
        assert_error(ID, Some("dcl"), &params(json!({})), &x, crate::ErrorKind::Shape);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for s in [1e-8, 1e4] {
            let x = inputs(vec![("z1", randn(&[4, 3], 5, s)), ("z2", randn(&[4, 3], 6, s))]);
            assert_finite(ID, Some("dcl"), &params(json!({"temperature": 1e-3})), &x);
            assert_finite(ID, Some("dclw"), &params(json!({"temperature": 1e-3, "sigma": 1e-3})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("z1", randn(&[4, 3], 5, 1.0)), ("z2", randn(&[4, 2], 6, 1.0))]);
        assert_error(ID, Some("dcl"), &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("z1", randn(&[4, 3], 5, 1.0)), ("z2", i(&[4, 3], &[0; 12]))]);
        assert_error(ID, Some("dcl"), &p, &x, ErrorKind::DType);
        assert_error(ID, Some("dcl"), &params(json!({"temperature": 0.0})), &views(1), ErrorKind::Param);
        assert_error(ID, Some("dclw"), &params(json!({"sigma": -1.0})), &views(1), ErrorKind::Param);
        let e = inputs(vec![("z1", f(&[0, 3], &[])), ("z2", f(&[0, 3], &[]))]);
        assert_error(ID, Some("dcl"), &p, &e, ErrorKind::Empty);
    }
}
