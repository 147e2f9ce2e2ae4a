//! AUC-margin loss: a min-max margin surrogate of the area under the ROC curve with learnable class
//! means and a dual variable.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "aucm";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "AUC-Margin Loss (AUCM)",
    aliases: &["AUCM", "AUC Margin Loss"],
    kind: Kind::Loss,
    domains: &["classification", "medical"],
    year: 2021,
    paper: Paper {
        title: "Large-scale Robust Deep AUC Maximization: A New Surrogate Loss and Empirical Studies on Medical Image Classification",
        authors: "Yuan, Z., Yan, Y., Sonka, M., Yang, T.",
        venue: "ICCV",
        year: 2021,
        url: "https://arxiv.org/abs/2012.03173",
    },
    summary: "Rewrites a squared-hinge AUC surrogate as a min-max problem: scores of positives are pulled to a learnable mean a, negatives to b, and a dual variable alpha enforces a margin between the two means; this is robust to noisy labels and scales to large datasets. It optimizes ranking of positives above negatives directly, which suits imbalanced binary medical classification. alpha must be updated by gradient ascent (PESG optimizer) for the min-max to work; plugging it into a plain minimizer changes the method.",
    formula: r"\text{v1: } L = (1-p)\,\mathbb{E}[(x - a)^2 \mathbb{1}_{y=1}] + p\,\mathbb{E}[(x - b)^2 \mathbb{1}_{y=0}] + 2\alpha\big(p(1-p)m + \mathbb{E}[p\,x\,\mathbb{1}_{y=0} - (1-p)\,x\,\mathbb{1}_{y=1}]\big) - p(1-p)\alpha^2;\quad \text{v2: } L = \mathbb{E}[(x-a)^2 \mid y=1] + \mathbb{E}[(x-b)^2 \mid y=0] + 2\alpha\big(m + \mathbb{E}[x \mid y=0] - \mathbb{E}[x \mid y=1]\big) - \alpha^2",
    inputs: &[
        Input { name: "pred", shape: "[B, 1, *]", meaning: "scores, usually in [0, 1] (after a sigmoid); one channel" },
        Input { name: "targets", shape: "[B, 1, *]", meaning: "binary labels 0 or 1 (no gradient)" },
        Input { name: "a", shape: "[]", meaning: "learnable mean of positive scores (MONAI module parameter)" },
        Input { name: "b", shape: "[]", meaning: "learnable mean of negative scores (MONAI module parameter)" },
        Input { name: "alpha", shape: "[]", meaning: "dual variable, maximized by the optimizer (MONAI module parameter)" },
    ],
    params: &[
        Param { name: "margin", symbol: "m", default: Value::Float(1.0), range: Range::REAL, meaning: "margin between the class means (the paper uses values in [0, 1])" },
        Param { name: "imratio", symbol: "p", default: Value::Null, range: Range::UNIT, meaning: "v1: positive-class ratio p; None uses the fraction of positives in the batch (without gradient); ignored by v2" },
        Param { name: "version", symbol: "", default: Value::Str("v1"), range: Range::Choice { values: &["v1", "v2"] }, meaning: "v1 uses p in the objective; v2 uses class-conditional means" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "accepted for API compatibility; MONAI always returns the scalar batch loss" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::Yes,
        operand: Operand::Probabilities,
    },
    equivalents: &[
        "monai.losses.AUCMLoss",
    ],
    related: &["directau", "binary-cross-entropy"],
    forms: &[
        Form { name: "default", description: "monai.losses.AUCMLoss(margin, imratio, version) with a, b, alpha given as inputs: pred and targets flattened; v1 takes E as the mean over all elements, v2 uses class-conditional means (0 for a class absent from the batch). Targets other than 0 and 1, more than one channel or an empty batch are errors, as in MONAI." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "score of one positive example", from: 0.0, to: 1.0, at: plot_at }),
    ..Entry::BLANK
};

/// Scores (x, 0.2, 0.7, 0.4) with targets (1, 0, 1, 0); a = 0.8, b = 0.2, alpha = 0.5.
fn plot_at(x: f64) -> PlotInput {
    let s = |v: f64| crate::eval::HostTensor::from_f64(vec![], vec![v]);
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("pred", crate::eval::HostTensor::from_f64(vec![4, 1], vec![x, 0.2, 0.7, 0.4])),
            ("targets", crate::eval::HostTensor::from_f64(vec![4, 1], vec![1.0, 0.0, 1.0, 0.0])),
            ("a", s(0.8)),
            ("b", s(0.2)),
            ("alpha", s(0.5)),
        ],
        wrt: "pred",
        index: 0,
    }
}


/// The two objectives of MONAI's `AUCMLoss`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AucmVersion {
    /// With the class prior p.
    #[default]
    V1,
    /// Class-conditional means, no prior.
    V2,
}

/// Options of MONAI's `AUCMLoss`; `Default` equals MONAI's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct AucmConfig {
    pub margin: f64,
    /// v1 prior p; `None` takes the fraction of positives in the batch.
    pub imratio: Option<f64>,
    pub version: AucmVersion,
}

impl Default for AucmConfig {
    fn default() -> Self {
        AucmConfig { margin: 1.0, imratio: None, version: AucmVersion::V1 }
    }
}

/// MONAI `AUCMLoss` on flattened scores `pred [M]` and binary `targets` (host values, no
/// gradient), with the learnable scalars `a`, `b`, `alpha` (each `[1]`). Returns the scalar loss.
pub fn aucm(pred: Tensor<1>, targets: &[f64], a: Tensor<1>, b: Tensor<1>, alpha: Tensor<1>, cfg: &AucmConfig) -> Result<LossTensor, LossError> {
    let m = pred.dims()[0];
    numerics::same_shape(ID, "targets", &[targets.len()], "pred", &[m])?;
    numerics::non_empty(ID, "pred", &[m])?;
    for (name, t) in [("a", &a), ("b", &b), ("alpha", &alpha)] {
        if t.dims() != [1] {
            return Err(LossError::shape(ID, name, "a scalar", fmt_shape(&t.dims())));
        }
    }
    numerics::finite_param(ID, "margin", cfg.margin)?;
    if let Some(p) = cfg.imratio {
        numerics::param_in(ID, "imratio", p, 0.0, 1.0)?;
    }
    if let Some(v) = targets.iter().find(|v| **v != 0.0 && **v != 1.0) {
        return Err(LossError::value(ID, "targets", "binary values 0 or 1", format!("{v}")));
    }
    let n_pos = targets.iter().filter(|v| **v == 1.0).count() as f64;
    let n_neg = m as f64 - n_pos;
    let pos = numerics::tensor_like(&pred, targets.to_vec(), [m]);
    let neg = pos.clone().neg().add_scalar(1.0);
    let sq_pos = (pred.clone() - a).square() * pos.clone();
    let sq_neg = (pred.clone() - b).square() * neg.clone();
    let loss = match cfg.version {
        AucmVersion::V1 => {
            let p = cfg.imratio.unwrap_or(n_pos / m as f64);
            let q = 1.0 - p;
            let interaction = (pred.clone() * neg.mul_scalar(p) - pred * pos.mul_scalar(q)).mean();
            sq_pos.mean().mul_scalar(q) + sq_neg.mean().mul_scalar(p) + alpha.clone().mul_scalar(2.0) * interaction.add_scalar(p * q * cfg.margin)
                - alpha.square().mul_scalar(p * q)
        }
        AucmVersion::V2 => {
            // A class absent from the batch contributes mean 0 (MONAI's `_class_mean`).
            let class_mean = |t: Tensor<1>, count: f64| if count > 0.0 { t.sum().mul_scalar(1.0 / count) } else { t.sum().mul_scalar(0.0) };
            let in_pos = class_mean(pred.clone() * pos, n_pos);
            let in_neg = class_mean(pred * neg, n_neg);
            class_mean(sq_pos, n_pos) + class_mean(sq_neg, n_neg) + alpha.clone().mul_scalar(2.0) * (in_neg - in_pos).add_scalar(cfg.margin) - alpha.square()
        }
    };
    Ok(LossTensor::scalar(loss))
}

fn scalar_input(c: &Call, name: &str) -> Result<Tensor<1>, LossError> {
    let shape = c.shape(name)?;
    if shape.iter().product::<usize>() != 1 || shape.len() > 1 {
        return Err(LossError::shape(ID, name, "a scalar (shape [])", fmt_shape(shape)));
    }
    c.float_reshaped(name, [1])
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("default") => {}
        Some(_) => return Err(c.unknown_form(&["default"])),
    }
    let version = match c.str("version", "v1")? {
        "v1" => AucmVersion::V1,
        "v2" => AucmVersion::V2,
        other => return Err(LossError::param(ID, "version", "'v1' or 'v2'", format!("{other:?}"))),
    };
    let cfg = AucmConfig { margin: c.f64("margin", 1.0)?, imratio: c.f64_opt("imratio")?, version };
    let _ = c.reduction(Reduction::Mean)?;
    let ps = c.shape("pred")?.to_vec();
    let ts = c.shape("targets")?.to_vec();
    if ps.len() < 2 || ts.len() < 2 {
        return Err(LossError::shape(ID, "pred", "a tensor [B, 1, *] of rank >= 2 (pred and targets)", format!("{} and {}", fmt_shape(&ps), fmt_shape(&ts))));
    }
    if ps[1] != 1 {
        return Err(LossError::shape(ID, "pred", "one channel (binary classification): [B, 1, *]", fmt_shape(&ps)));
    }
    if ts[1] != 1 {
        return Err(LossError::shape(ID, "targets", "one channel: [B, 1, *]", fmt_shape(&ts)));
    }
    numerics::same_shape(ID, "targets", &ts, "pred", &ps)?;
    let m = ps.iter().product::<usize>();
    numerics::non_empty(ID, "pred", &ps)?;
    let targets = c.host("targets")?.as_f64();
    let (a, b, alpha) = (scalar_input(c, "a")?, scalar_input(c, "b")?, scalar_input(c, "alpha")?);
    aucm(c.float_reshaped("pred", [m])?, &targets, a, b, alpha, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![
            ("pred", uniform(&[6, 1], seed, 0.0, 1.0)),
            ("targets", f(&[6, 1], &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0])),
            ("a", f(&[], &[0.3])),
            ("b", f(&[], &[-0.2])),
            ("alpha", f(&[], &[0.7])),
        ])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // pred (0.8, 0.2, 0.4), targets (1, 0, 0), a = 0.5, b = 0.1, alpha = 0.3, m = 1.
        let x = inputs(vec![
            ("pred", f(&[3, 1], &[0.8, 0.2, 0.4])),
            ("targets", f(&[3, 1], &[1.0, 0.0, 0.0])),
            ("a", f(&[], &[0.5])),
            ("b", f(&[], &[0.1])),
            ("alpha", f(&[], &[0.3])),
        ]);
        // v1 with p = 1/3 (batch fraction): E over all three elements.
        let (p, q, al) = (1.0 / 3.0, 2.0 / 3.0, 0.3);
        let e_pos = (0.3f64 * 0.3) / 3.0;
        let e_neg = (0.1f64 * 0.1 + 0.3 * 0.3) / 3.0;
        let inter = (p * 0.2 + p * 0.4 - q * 0.8) / 3.0;
        let want = q * e_pos + p * e_neg + 2.0 * al * (p * q * 1.0 + inter) - p * q * al * al;
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
        // v2: class-conditional means.
        let want = 0.09 + (0.01 + 0.09) / 2.0 + 2.0 * al * (1.0 + 0.3 - 0.8) - al * al;
        let ev = eval64(ID, None, &params(json!({"version": "v2"})), &x);
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, p) in [(1, json!({})), (2, json!({"version": "v2", "margin": 0.5})), (3, json!({"imratio": 0.1}))] {
            assert_gradcheck_only(ID, None, &params(p), &batch(seed), Some(&["pred", "a", "b", "alpha"]));
        }
    }

    #[test]
    fn one_class_batches_are_finite() {
        for t in [1.0, 0.0] {
            let mut x = batch(4);
            x.insert("targets".into(), f(&[6, 1], &[t; 6]));
            for v in ["v1", "v2"] {
                assert_finite(ID, None, &params(json!({"version": v})), &x);
            }
        }
        let mut x = batch(4);
        x.insert("pred".into(), f(&[6, 1], &[1e12, -1e12, 0.0, 1.0, 1e-12, 0.5]));
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(1);
        x.insert("targets".into(), f(&[6, 1], &[1.0, 0.0, 0.5, 1.0, 0.0, 0.0]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let mut x = batch(1);
        x.insert("targets".into(), f(&[5, 1], &[1.0, 0.0, 0.0, 1.0, 0.0]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(1);
        x.insert("pred".into(), randn(&[3, 2], 1, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(1);
        x.insert("a".into(), f(&[2], &[0.0, 1.0]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"version": "v3"})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"imratio": 1.5})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"margin": "nan"})), &batch(1), ErrorKind::Param);
        let mut x = batch(1);
        x.insert("pred".into(), f(&[0, 1], &[]));
        x.insert("targets".into(), f(&[0, 1], &[]));
        assert_error(ID, None, &p, &x, ErrorKind::Empty);
    }
}
