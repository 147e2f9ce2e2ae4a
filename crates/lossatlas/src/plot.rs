//! One-dimensional slices of a loss and its derivative, for plots in the CLI and the web atlas.
//!
//! A slice varies one input element `x` over a range while everything else stays fixed, and
//! records the loss (summed if it is not a scalar) and `d loss / d x` from autodiff. Entries can
//! declare their own slice ([`crate::catalog::PlotSpec`]); otherwise the first of a few standard
//! probes that the entry accepts is used (the logit of the true class, a binary logit with a
//! positive target, a regression residual, ...).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value as Json, json};

use crate::catalog::{self, PlotInput, PlotSpec};
use crate::error::LossError;
use crate::eval::{EvalOptions, HostTensor, evaluate};

/// Implemented entries without a plot slice, and why.
pub const NO_SLICE: &[(&str, &str)] = &[
    ("smooth-labels", "it transforms labels and has no loss value to plot"),
    ("zero-one", "a score on integer labels: a step function with nothing continuous to vary"),
];

/// A computed slice.
#[derive(Debug, Clone, Serialize)]
pub struct Slice {
    pub id: &'static str,
    pub x_label: &'static str,
    pub xs: Vec<f64>,
    pub values: Vec<f64>,
    pub grads: Vec<f64>,
}

fn f(shape: &[usize], data: Vec<f64>) -> HostTensor {
    HostTensor::from_f64(shape.to_vec(), data)
}

fn i(shape: &[usize], data: Vec<i64>) -> HostTensor {
    HostTensor::from_i64(shape.to_vec(), data)
}

fn probe(form: Option<&'static str>, params: Json, inputs: Vec<(&'static str, HostTensor)>, wrt: &'static str, index: usize) -> PlotInput {
    PlotInput { form, params, inputs, wrt, index }
}

/// The logit of the true class of one sample over three classes (others 0), for entries that
/// need their own params or form: `plot: Some(PlotSpec { at: |x| true_class_logit(x, ...) })`.
pub fn true_class_logit(x: f64, form: Option<&'static str>, params: Json) -> PlotInput {
    probe(form, params, vec![("logits", f(&[1, 3], vec![x, 0.0, 0.0])), ("targets", i(&[1], vec![0]))], "logits", 0)
}

/// The standard probes, tried in order.
fn probes() -> Vec<(&'static str, f64, f64, fn(f64) -> PlotInput)> {
    vec![
        ("logit of the true class (others 0)", -6.0, 6.0, |x| probe(None, json!({}), vec![("logits", f(&[1, 3], vec![x, 0.0, 0.0])), ("targets", i(&[1], vec![0]))], "logits", 0)),
        ("logit (positive target)", -6.0, 6.0, |x| probe(None, json!({}), vec![("logits", f(&[1], vec![x])), ("targets", f(&[1], vec![1.0]))], "logits", 0)),
        ("logit (positive target)", -6.0, 6.0, |x| probe(None, json!({}), vec![("logits", f(&[1, 1], vec![x])), ("targets", f(&[1, 1], vec![1.0]))], "logits", 0)),
        ("residual pred - target", -3.0, 3.0, |x| probe(None, json!({}), vec![("pred", f(&[1], vec![x])), ("target", f(&[1], vec![0.0]))], "pred", 0)),
        ("prediction (target 1)", 0.05, 3.0, |x| probe(None, json!({}), vec![("pred", f(&[1], vec![x])), ("target", f(&[1], vec![1.0]))], "pred", 0)),
        ("residual pred - target (variance 1)", -3.0, 3.0, |x| probe(None, json!({}), vec![("pred", f(&[1], vec![x])), ("target", f(&[1], vec![0.0])), ("var", f(&[1], vec![1.0]))], "pred", 0)),
        ("forecast mean (target 0, sigma 1)", -3.0, 3.0, |x| {
            probe(Some("gaussian"), json!({}), vec![("target", f(&[1], vec![0.0])), ("mu", f(&[1], vec![x])), ("sigma", f(&[1], vec![1.0]))], "mu", 0)
        }),
        ("score difference input1 - input2", -3.0, 3.0, |x| probe(None, json!({"margin": 1.0}), vec![("input1", f(&[1], vec![x])), ("input2", f(&[1], vec![0.0])), ("target", f(&[1], vec![1.0]))], "input1", 0)),
        ("distance (dissimilar pair)", 0.0, 3.0, |x| probe(None, json!({}), vec![("input", f(&[1], vec![x])), ("target", f(&[1], vec![-1.0]))], "input", 0)),
        ("anchor-negative offset (positive at distance 1)", 0.0, 3.0, |x| {
            probe(None, json!({}), vec![("anchor", f(&[1, 2], vec![0.0, 0.0])), ("positive", f(&[1, 2], vec![1.0, 0.0])), ("negative", f(&[1, 2], vec![0.0, x]))], "negative", 1)
        }),
        ("log-probability of the target class", -6.0, -0.01, |x| probe(None, json!({}), vec![("log_probs", f(&[1, 2], vec![x, (1.0 - x.exp()).max(1e-300).ln()])), ("targets", i(&[1], vec![0]))], "log_probs", 0)),
        ("student logit of class 1 (teacher logits (2, 0, 0))", -6.0, 6.0, |x| {
            probe(None, json!({}), vec![("logits", f(&[2, 3], vec![x, 0.0, 0.0, 0.0, 1.0, 0.0])), ("teacher_logits", f(&[2, 3], vec![2.0, 0.0, 0.0, 0.0, 2.0, 0.0]))], "logits", 0)
        }),
        ("student logit of the target class (teacher logits (2, 0, 0))", -6.0, 6.0, |x| {
            probe(
                None,
                json!({}),
                vec![("logits", f(&[2, 3], vec![x, 0.0, 0.0, 0.0, 1.0, 0.0])), ("teacher_logits", f(&[2, 3], vec![2.0, 0.0, 0.0, 0.0, 2.0, 0.0])), ("targets", i(&[2], vec![0, 1]))],
                "logits",
                0,
            )
        }),
        ("logit of class a (mixing coefficient 0.7)", -6.0, 6.0, |x| {
            probe(None, json!({"lam": 0.7}), vec![("logits", f(&[1, 3], vec![x, 0.0, 0.0])), ("targets_a", i(&[1], vec![0])), ("targets_b", i(&[1], vec![1]))], "logits", 0)
        }),
        ("parameter value", -3.0, 3.0, |x| probe(None, json!({}), vec![("parameters", f(&[2], vec![x, 0.5]))], "parameters", 0)),
        ("student feature value (other features fixed)", -3.0, 3.0, |x| {
            probe(None, json!({}), vec![("features", f(&[3, 2], vec![x, 0.0, 0.0, 1.0, 1.0, 1.0])), ("teacher_features", f(&[3, 2], vec![1.0, 0.0, 0.0, 1.0, 1.0, 1.0]))], "features", 0)
        }),
        ("student feature value (other features fixed)", -3.0, 3.0, |x| {
            probe(
                None,
                json!({}),
                vec![("features", f(&[2, 1, 2, 2], vec![x, 0.0, 0.0, 1.0, 0.5, 0.2, 0.1, 0.3])), ("teacher_features", f(&[2, 1, 2, 2], vec![1.0, 0.0, 0.0, 1.0, 0.4, 0.3, 0.2, 0.1]))],
                "features",
                0,
            )
        }),
        ("log q_1 against p = (1/2, 1/2)", -4.0, -0.02, |x| {
            probe(None, json!({}), vec![("log_probs", f(&[1, 2], vec![x, (1.0 - x.exp()).max(1e-300).ln()])), ("targets", f(&[1, 2], vec![0.5, 0.5]))], "log_probs", 0)
        }),
        ("predicted mass of cell 1 (target (1/2, 1/2))", 0.02, 1.5, |x| probe(None, json!({}), vec![("pred", f(&[1, 1, 1, 2], vec![x, 0.5])), ("target", f(&[1, 1, 1, 2], vec![0.5, 0.5]))], "pred", 0)),
        ("embedding coordinate (its class center at 0)", -3.0, 3.0, |x| {
            probe(None, json!({}), vec![("embeddings", f(&[1, 2], vec![x, 0.0])), ("labels", i(&[1], vec![0])), ("centers", f(&[2, 2], vec![0.0, 0.0, 3.0, 3.0]))], "embeddings", 0)
        }),
        ("logit of the true class (per-sample gamma 2)", -6.0, 6.0, |x| probe(None, json!({}), vec![("logits", f(&[1, 3], vec![x, 0.0, 0.0])), ("targets", i(&[1], vec![0])), ("gamma", f(&[1], vec![2.0]))], "logits", 0)),
        ("logit of the true class (per-sample smoothing 0.1)", -6.0, 6.0, |x| {
            probe(None, json!({}), vec![("logits", f(&[1, 3], vec![x, 0.0, 0.0])), ("targets", i(&[1], vec![0])), ("smoothing", f(&[1], vec![0.1]))], "logits", 0)
        }),
        ("predicted probability of the positive class (target 1)", 0.0, 1.0, |x| probe(None, json!({}), vec![("probs", f(&[1], vec![x])), ("targets", i(&[1], vec![1]))], "probs", 0)),
        ("loss of sample 1 under network 1", 0.0, 3.0, |x| probe(None, json!({}), vec![("losses_1", f(&[3], vec![x, 1.0, 2.0])), ("losses_2", f(&[3], vec![0.5, 1.5, 2.5]))], "losses_1", 0)),
        ("logit of a group-0 sample", -4.0, 4.0, |x| probe(None, json!({}), vec![("logits", f(&[4], vec![x, 0.0, 0.5, -0.5])), ("groups", i(&[4], vec![0, 0, 1, 1]))], "logits", 0)),
        ("logit of a positive group-0 sample", -4.0, 4.0, |x| {
            probe(None, json!({}), vec![("logits", f(&[4], vec![x, 0.0, 0.5, -0.5])), ("targets", i(&[4], vec![1, 0, 1, 0])), ("groups", i(&[4], vec![0, 0, 1, 1]))], "logits", 0)
        }),
        ("logit of a positive group-0 sample", -4.0, 4.0, |x| {
            probe(None, json!({}), vec![("logits", f(&[4], vec![x, 0.0, 0.5, -0.5])), ("targets", f(&[4], vec![1.0, 0.0, 1.0, 0.0])), ("groups", i(&[4], vec![0, 0, 1, 1]))], "logits", 0)
        }),
        ("logit of class 1 (identity calibration map)", -4.0, 4.0, |x| {
            probe(
                None,
                json!({}),
                vec![("logits", f(&[1, 2], vec![x, 0.0])), ("targets", i(&[1], vec![0])), ("weight", f(&[2, 2], vec![1.0, 0.0, 0.0, 1.0])), ("bias", f(&[2], vec![0.0, 0.0]))],
                "logits",
                0,
            )
        }),
        ("loss of the group-0 example", 0.0, 3.0, |x| {
            probe(None, json!({}), vec![("losses", f(&[2], vec![x, 1.0])), ("groups", i(&[2], vec![0, 1])), ("group_weights", f(&[2], vec![0.5, 0.5])), ("group_counts", f(&[2], vec![1.0, 1.0]))], "losses", 0)
        }),
        ("logit of the target's cluster", -4.0, 4.0, |x| {
            probe(
                None,
                json!({}),
                vec![("cluster_logits", f(&[1, 2], vec![x, 0.0])), ("logits", f(&[1, 4], vec![0.0; 4])), ("targets", i(&[1], vec![0])), ("clusters", i(&[4], vec![0, 0, 1, 1]))],
                "cluster_logits",
                0,
            )
        }),
        ("logit (positive target, one environment)", -4.0, 4.0, |x| probe(None, json!({}), vec![("logits", f(&[2], vec![x, 0.5])), ("targets", f(&[2], vec![1.0, 0.0])), ("environments", i(&[2], vec![0, 0]))], "logits", 0)),
        ("audio logit of the true class", -4.0, 4.0, |x| {
            probe(None, json!({"alpha": 0.5}), vec![("logits_a", f(&[1, 2], vec![x, 0.0])), ("logits_v", f(&[1, 2], vec![0.5, 0.0])), ("targets", i(&[1], vec![0]))], "logits_a", 0)
        }),
        ("slope a (scores (1, -1), targets (1, 0))", -4.0, 4.0, |x| {
            probe(None, json!({}), vec![("scores", f(&[2], vec![1.0, -1.0])), ("targets", f(&[2], vec![1.0, 0.0])), ("a", f(&[1], vec![x])), ("b", f(&[1], vec![0.0]))], "a", 0)
        }),
        ("input gradient inside the annotation mask", -3.0, 3.0, |x| probe(None, json!({}), vec![("input_grads", f(&[1, 2], vec![x, 0.3])), ("mask", f(&[1, 2], vec![1.0, 0.0]))], "input_grads", 0)),
        ("temperature", 0.2, 5.0, |x| {
            probe(None, json!({}), vec![("logits", f(&[2, 3], vec![3.0, 0.0, -1.0, 0.5, 2.0, 0.0])), ("targets", i(&[2], vec![0, 2])), ("temperature", f(&[1], vec![x]))], "temperature", 0)
        }),
        ("p_1 against q = (1/2, 1/2)", 0.0, 1.0, |x| probe(None, json!({}), vec![("p", f(&[1, 2], vec![x, 0.5])), ("q", f(&[1, 2], vec![0.5, 0.5]))], "p", 0)),
        ("loss of one example in environment 0", 0.0, 3.0, |x| probe(None, json!({}), vec![("losses", f(&[4], vec![x, 1.0, 0.5, 1.5])), ("environments", i(&[4], vec![0, 0, 1, 1]))], "losses", 0)),
        ("angle offset of the second vector", -3.0, 3.0, |x| probe(None, json!({}), vec![("z1", f(&[1, 2], vec![1.0, 0.0])), ("z2", f(&[1, 2], vec![x.cos(), x.sin()])), ("target", f(&[1], vec![1.0]))], "z2", 1)),
    ]
}

fn run(id: &str, p: &PlotInput) -> Result<(f64, f64), LossError> {
    let params: Map<String, Json> = p.params.as_object().cloned().unwrap_or_default();
    let inputs: BTreeMap<String, HostTensor> = p.inputs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    let ev = evaluate(id, p.form, &params, &inputs, &EvalOptions::f64())?;
    let value: f64 = ev.loss.floats.iter().sum();
    let grad = ev.grads.get(p.wrt).and_then(|g| g.floats.get(p.index)).copied().unwrap_or(f64::NAN);
    Ok((value, grad))
}

/// The slice spec an entry uses: its own, or the first standard probe it accepts.
pub fn spec(id: &str) -> Result<PlotSpec, LossError> {
    let e = catalog::get(id).ok_or_else(|| LossError::unsupported(id, "id", "a catalog id", format!("{id:?}")))?;
    if !e.is_implemented() {
        return Err(LossError::unsupported(e.id, "id", "an implemented entry", e.status.slug()));
    }
    if let Some(s) = e.plot {
        return Ok(s);
    }
    if let Some((_, why)) = NO_SLICE.iter().find(|(id, _)| *id == e.id) {
        return Err(LossError::unsupported(e.id, "plot", "an entry with a continuous slice", *why));
    }
    for (label, from, to, at) in probes() {
        let mid = 0.5 * (from + to) + 0.123 * (to - from) / 12.0;
        let fits = [from, mid, to].iter().all(|&x| run(e.id, &at(x)).is_ok_and(|(v, g)| v.is_finite() && g.is_finite()));
        if fits {
            return Ok(PlotSpec { x_label: label, from, to, at });
        }
    }
    Err(LossError::unsupported(e.id, "plot", "a plot slice (declare `plot` in the entry)", "no standard probe fits its inputs"))
}

/// Computes the slice at `n` evenly spaced points.
pub fn slice(id: &str, n: usize) -> Result<Slice, LossError> {
    let s = spec(id)?;
    let e = catalog::get(id).expect("spec checked the id");
    let n = n.max(2);
    let mut out = Slice { id: e.id, x_label: s.x_label, xs: vec![], values: vec![], grads: vec![] };
    for k in 0..n {
        let x = s.from + (s.to - s.from) * k as f64 / (n - 1) as f64;
        let (v, g) = run(e.id, &(s.at)(x))?;
        out.xs.push(x);
        out.values.push(v);
        out.grads.push(g);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_implemented_entry_has_a_finite_slice() {
        let mut missing = vec![];
        for e in crate::catalog::all().filter(|e| e.is_implemented() && !super::NO_SLICE.iter().any(|(id, _)| *id == e.id)) {
            match super::slice(e.id, 41) {
                Err(err) => missing.push(format!("{}: {err}", e.id)),
                Ok(s) => {
                    assert!(s.values.iter().all(|v| v.is_finite()), "{}: non-finite loss on its slice", e.id);
                    assert!(s.grads.iter().all(|v| v.is_finite()), "{}: non-finite derivative on its slice", e.id);
                }
            }
        }
        assert!(missing.is_empty(), "entries without a plot slice:\n{}", missing.join("\n"));
    }

    #[test]
    fn slice_derivative_is_the_derivative_of_the_slice() {
        // Cross-entropy along the true-class logit: d/dx -log softmax = p - 1.
        let s = super::slice("cross-entropy", 5).unwrap();
        for (x, g) in s.xs.iter().zip(&s.grads) {
            let p = x.exp() / (x.exp() + 2.0);
            assert!((g - (p - 1.0)).abs() < 1e-12);
        }
    }
}
