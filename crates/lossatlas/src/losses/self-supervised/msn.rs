//! Masked Siamese Networks: a masked anchor view must assign itself to learnable prototypes the
//! same way the unmasked target view does, with a mean-entropy regularizer against collapse.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::contrastive::sinkhorn_host;
use crate::numerics::vectors::l2_normalize;
use crate::numerics::{self, LossTensor, inputs::float_input};

const ID: &str = "msn";

pub const ENTRY: Entry = Entry {
    id: "msn",
    name: "MSN Loss",
    aliases: &["Masked Siamese Networks Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2022,
    paper: Paper {
        title: "Masked Siamese Networks for Label-Efficient Learning",
        authors: "Assran, M., Caron, M., Misra, I., Bojanowski, P., Bordes, F., Vincent, P., Joulin, A., Rabbat, M. & Ballas, N.",
        venue: "ECCV",
        year: 2022,
        url: "https://arxiv.org/abs/2204.07141",
    },
    summary: "Both views are compared with K learnable prototypes by cosine similarity; the target view's soft assignment is sharpened and Sinkhorn-balanced without gradient, repeated for each masked anchor view, and the anchors' softmax assignments are trained by cross-entropy to match it. A mean-entropy maximization term (weight w) pushes the average anchor assignment towards using all prototypes, which prevents collapse. Masking only the anchor lets the ViT drop patches and cuts compute; the targets receive no gradient.",
    formula: r"p_i = \operatorname{softmax}\!\left(\frac{\hat a_i^\top \hat P^\top}{\tau}\right),\quad q = \operatorname{sinkhorn}\!\left(\operatorname{sharpen}_{T}\!\left(\operatorname{softmax}\!\left(\frac{\hat t^\top \hat P^\top}{\tau}\right)\right)\right),\quad \mathcal{L} = \frac{1}{M}\sum_{i=1}^{M} -\sum_{k} q_{ik}\log p_{ik} + w\,\bigl(\log K - H(\bar p)\bigr)",
    inputs: &[
        Input { name: "anchors", shape: "[N * V, D]", meaning: "embeddings of the V masked anchor views per image, view-major" },
        Input { name: "targets", shape: "[N, D]", meaning: "embeddings of the unmasked target view (no gradient)" },
        Input { name: "prototypes", shape: "[K, D]", meaning: "learnable prototype vectors; receive a gradient" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.1), range: Range::Real { min: 0.0, max: 1.0, open_min: true, open_max: false }, meaning: "temperature of the anchor and target softmax over prototypes" },
        Param { name: "sinkhorn_iterations", symbol: "", default: Value::Int(3), range: Range::Integer { min: 0, max: i64::MAX }, meaning: "Sinkhorn-Knopp balancing iterations on the targets (0 disables)" },
        Param { name: "regularization_weight", symbol: "w", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the mean-entropy maximization term" },
        Param { name: "me_max_weight", symbol: "", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "deprecated lightly alias of regularization_weight; takes precedence when given" },
        Param { name: "target_sharpen_temperature", symbol: "T", default: Value::Float(0.25), range: Range::POSITIVE, meaning: "sharpening p^(1/T), renormalized, of the target probabilities" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["lightly.loss.MSNLoss"],
    related: &["swav", "dino", "videomae"],
    forms: &[
        Form { name: "lightly", description: "lightly MSNLoss: anchors, targets and prototypes L2-normalized; target probabilities under no_grad, sharpened, balanced by lightly.loss.msn_loss.sinkhorn and repeated V = anchors/targets times; loss = mean over anchor rows of the cross-entropy plus w * (log K - H(mean anchor probability)), H(m) = -sum m log m." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle of the anchor (target and prototype 0 at angle 0)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// One image with one anchor view; two prototypes on the axes, the target on prototype 0.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({"regularization_weight": 0.0}),
        inputs: vec![
            ("anchors", HostTensor::from_f64(vec![1, 2], vec![x.cos(), x.sin()])),
            ("targets", HostTensor::from_f64(vec![1, 2], vec![1.0, 0.0])),
            ("prototypes", HostTensor::from_f64(vec![2, 2], vec![1.0, 0.0, 0.0, 1.0])),
        ],
        wrt: "anchors",
        index: 1,
    }
}

/// Options of lightly's `MSNLoss` (and the `target_sharpen_temperature` of its `forward`);
/// `Default` equals lightly's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct MsnConfig {
    pub temperature: f64,
    pub sinkhorn_iterations: usize,
    pub regularization_weight: f64,
    pub target_sharpen_temperature: f64,
}

impl Default for MsnConfig {
    fn default() -> Self {
        MsnConfig { temperature: 0.1, sinkhorn_iterations: 3, regularization_weight: 1.0, target_sharpen_temperature: 0.25 }
    }
}

/// lightly `MSNLoss(temperature, sinkhorn_iterations, regularization_weight)(anchors, targets,
/// prototypes, target_sharpen_temperature)`: all rows L2-normalized; anchor probabilities
/// `softmax(a P^T / temperature)`; target probabilities computed without gradient, sharpened
/// (`p^(1/T)` renormalized), Sinkhorn-balanced (when iterations > 0) and repeated for the
/// `V = rows(anchors) / rows(targets)` views; loss = mean over anchors of the cross-entropy
/// plus `w * (log K - H(mean anchor probability))` when `w > 0`.
pub fn msn(anchors: Tensor<2>, targets: Tensor<2>, prototypes: Tensor<2>, cfg: &MsnConfig) -> Result<LossTensor, LossError> {
    let [na, d] = anchors.dims();
    let [nt, dt] = targets.dims();
    let [k, dp] = prototypes.dims();
    numerics::non_empty(ID, "anchors", &[na, d])?;
    numerics::non_empty(ID, "targets", &[nt, dt])?;
    numerics::non_empty(ID, "prototypes", &[k, dp])?;
    if dt != d {
        return Err(LossError::shape(ID, "targets", format!("shape [N, {d}] (the width of anchors)"), fmt_shape(&[nt, dt])));
    }
    if dp != d {
        return Err(LossError::shape(ID, "prototypes", format!("shape [K, {d}] (the width of anchors)"), fmt_shape(&[k, dp])));
    }
    if na % nt != 0 {
        return Err(LossError::shape(ID, "anchors", format!("a multiple of {nt} rows (views x the rows of targets)"), fmt_shape(&[na, d])));
    }
    numerics::positive_param(ID, "temperature", cfg.temperature)?;
    numerics::positive_param(ID, "target_sharpen_temperature", cfg.target_sharpen_temperature)?;
    numerics::finite_param(ID, "regularization_weight", cfg.regularization_weight)?;
    let views = na / nt;
    let p = l2_normalize(prototypes, 1, 1e-12);
    let a = l2_normalize(anchors, 1, 1e-12);
    let anchor_logits = a.matmul(p.clone().transpose()).mul_scalar(1.0 / cfg.temperature);
    let log_anchor = numerics::log_softmax(anchor_logits, 1);
    // Targets: no gradient. Sharpening p^(1/T) / sum = softmax(logits / T).
    let t = l2_normalize(targets.detach(), 1, 1e-12);
    let target_logits = t.matmul(p.detach().transpose()).mul_scalar(1.0 / (cfg.temperature * cfg.target_sharpen_temperature));
    let mut probs = numerics::softmax(target_logits, 1);
    if cfg.sinkhorn_iterations > 0 {
        let host = numerics::host_f64(&probs);
        let q: Vec<f64> = (0..k * nt).map(|i| host[(i % nt) * k + i / nt]).collect();
        let q = sinkhorn_host(q, k, nt, cfg.sinkhorn_iterations);
        probs = numerics::tensor_like(&probs, (0..nt * k).map(|i| q[(i % k) * nt + i / k]).collect(), [nt, k]);
    }
    let target = Tensor::cat(vec![probs; views], 0);
    let mut loss = (target * log_anchor.clone()).sum_dim(1).mean().neg().reshape([1]);
    if cfg.regularization_weight > 0.0 {
        let mean = log_anchor.exp().mean_dim(0);
        let reg = numerics::xlogy(mean.clone(), mean).sum().add_scalar((k as f64).ln());
        loss = loss + reg.mul_scalar(cfg.regularization_weight);
    }
    Ok(LossTensor::scalar(loss))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "lightly") {
        return Err(c.unknown_form(&["lightly"]));
    }
    let iterations = c.i64("sinkhorn_iterations", 3)?;
    if iterations < 0 {
        return Err(LossError::param(ID, "sinkhorn_iterations", "an integer >= 0", format!("{iterations}")));
    }
    let cfg = MsnConfig {
        temperature: c.f64("temperature", 0.1)?,
        sinkhorn_iterations: iterations as usize,
        // lightly's deprecated `me_max_weight` takes precedence when given.
        regularization_weight: {
            let w = c.f64("regularization_weight", 1.0)?;
            c.f64_opt("me_max_weight")?.unwrap_or(w)
        },
        target_sharpen_temperature: c.f64("target_sharpen_temperature", 0.25)?,
    };
    msn(float_input::<2>(c, "anchors", "[N * V, D]")?, float_input::<2>(c, "targets", "[N, D]")?, float_input::<2>(c, "prototypes", "[K, D]")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("anchors", randn(&[6, 3], seed, 1.0)), ("targets", randn(&[3, 3], seed + 1, 1.0)), ("prototypes", randn(&[4, 3], seed + 2, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Anchor orthogonal to both prototypes (e1, e2), so its probabilities are (1/2, 1/2)
        // and the mean entropy is log 2: the regularizer is log 2 - log 2 = 0, and the
        // cross-entropy against any target distribution is ln 2.
        let x = inputs(vec![("anchors", f(&[1, 3], &[0.0, 0.0, 1.0])), ("targets", f(&[1, 3], &[1.0, 0.2, 0.0])), ("prototypes", f(&[2, 3], &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 2f64.ln()).abs() < 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        // The targets enter without gradient (and so does the prototypes' role in them): only
        // the anchors' gradient is the derivative of the value.
        assert_gradcheck_only(ID, None, &params(json!({})), &batch(1), Some(&["anchors"]));
        assert_gradcheck_only(ID, None, &params(json!({"sinkhorn_iterations": 0, "regularization_weight": 0.5})), &batch(2), Some(&["anchors"]));
    }

    #[test]
    fn me_max_weight_overrides() {
        let a = eval64(ID, None, &params(json!({"regularization_weight": 0.3})), &batch(4)).loss.floats[0];
        let b = eval64(ID, None, &params(json!({"regularization_weight": 1.0, "me_max_weight": 0.3})), &batch(4)).loss.floats[0];
        assert_eq!(a, b);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("anchors", randn(&[4, 3], 1, 1e4)), ("targets", randn(&[2, 3], 2, 1e-6)), ("prototypes", randn(&[3, 3], 3, 1.0))]);
        assert_finite(ID, None, &params(json!({"temperature": 0.01})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(1);
        x.insert("anchors".into(), randn(&[5, 3], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(1);
        x.insert("prototypes".into(), randn(&[4, 2], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(1);
        x.insert("targets".into(), i(&[3, 3], &[0; 9]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"temperature": 0.0})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"sinkhorn_iterations": -2})), &batch(1), ErrorKind::Param);
        let mut x = batch(1);
        x.insert("prototypes".into(), f(&[0, 3], &[]));
        assert_error(ID, None, &p, &x, ErrorKind::Empty);
    }
}
