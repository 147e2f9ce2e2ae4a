//! Test helpers shared by every entry's tests: reference cases, finite-difference gradient
//! checks, extreme inputs and bad inputs, all through the evaluator.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{Map, Value as Json};

use crate::ErrorKind;
use crate::eval::{self, Case, CaseOutcome, EvalOptions, Evaluation, GradcheckOptions, HostTensor};

/// `shared/reference/cases`, beside the repository.
pub fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/cases")
}

/// The public reference cases of an id (empty when it has none).
pub fn cases(id: &str) -> Vec<Case> {
    let dir = cases_dir().join(id);
    if !dir.is_dir() {
        return vec![];
    }
    eval::load_cases(&[dir]).expect("reference cases parse").into_iter().map(|(_, c)| c).collect()
}

/// Every public reference case of `id` passes.
pub fn assert_cases_pass(id: &str) {
    let cs = cases(id);
    assert!(!cs.is_empty(), "{id} has no reference cases in {}", cases_dir().display());
    let mut failures = vec![];
    for c in &cs {
        match eval::check_case(c) {
            CaseOutcome::Passed => {}
            CaseOutcome::Failed(f) => failures.push(format!("{}: {}", c.case, f.join("; "))),
            CaseOutcome::Skipped(r) => failures.push(format!("{}: skipped ({r})", c.case)),
        }
    }
    assert!(failures.is_empty(), "reference cases failed:\n{}", failures.join("\n"));
}

/// A float tensor.
pub fn f(shape: &[usize], data: &[f64]) -> HostTensor {
    assert_eq!(shape.iter().product::<usize>(), data.len());
    HostTensor::from_f64(shape.to_vec(), data.to_vec())
}

/// An i64 tensor.
pub fn i(shape: &[usize], data: &[i64]) -> HostTensor {
    assert_eq!(shape.iter().product::<usize>(), data.len());
    HostTensor::from_i64(shape.to_vec(), data.to_vec())
}

/// Deterministic pseudo-random normals (xorshift + Box–Muller), scaled.
pub fn randn(shape: &[usize], seed: u64, scale: f64) -> HostTensor {
    let n: usize = shape.iter().product();
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        ((s >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let data = (0..n)
        .map(|_| {
            let (u, v) = (next(), next());
            scale * (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
        })
        .collect();
    HostTensor::from_f64(shape.to_vec(), data)
}

/// Deterministic pseudo-random uniforms in `[lo, hi)`.
pub fn uniform(shape: &[usize], seed: u64, lo: f64, hi: f64) -> HostTensor {
    let mut t = randn(shape, seed, 1.0);
    for v in &mut t.floats {
        // Map a normal through its CDF approximation to (0, 1).
        let u = 0.5 * (1.0 + (*v / std::f64::consts::SQRT_2).tanh());
        *v = lo + (hi - lo) * u;
    }
    t
}

/// Inputs from `(name, tensor)` pairs.
pub fn inputs(pairs: Vec<(&str, HostTensor)>) -> BTreeMap<String, HostTensor> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// Params from a `json!({...})` object.
pub fn params(v: Json) -> Map<String, Json> {
    v.as_object().cloned().unwrap_or_default()
}

/// Evaluates in f64.
pub fn eval64(id: &str, form: Option<&str>, p: &Map<String, Json>, x: &BTreeMap<String, HostTensor>) -> Evaluation {
    eval::evaluate(id, form, p, x, &EvalOptions::f64()).unwrap_or_else(|e| panic!("{id}: unexpected error: {e}"))
}

/// Autodiff agrees with central differences for every float input (or those in `only`).
pub fn assert_gradcheck_only(id: &str, form: Option<&str>, p: &Map<String, Json>, x: &BTreeMap<String, HostTensor>, only: Option<&[&str]>) {
    let reports = eval::gradcheck(id, form, p, x, only, GradcheckOptions::default()).unwrap_or_else(|e| panic!("{id}: {e}"));
    assert!(!reports.is_empty(), "{id}: no float input to check");
    for r in reports {
        assert!(
            r.max_scaled <= 1e-5,
            "{id} (form {form:?}): gradient of {} at element {}: autodiff {} vs finite difference {} (scaled err {:.2e})",
            r.input,
            r.worst,
            r.autodiff,
            r.finite_difference,
            r.max_scaled
        );
    }
}

/// Autodiff agrees with central differences for every float input.
pub fn assert_gradcheck(id: &str, form: Option<&str>, p: &Map<String, Json>, x: &BTreeMap<String, HostTensor>) {
    assert_gradcheck_only(id, form, p, x, None)
}

/// Loss and gradients are finite.
pub fn assert_finite(id: &str, form: Option<&str>, p: &Map<String, Json>, x: &BTreeMap<String, HostTensor>) -> Evaluation {
    let ev = eval64(id, form, p, x);
    assert!(ev.loss.floats.iter().all(|v| v.is_finite()), "{id}: non-finite loss {:?}", ev.loss.floats);
    for (k, g) in &ev.grads {
        assert!(g.floats.iter().all(|v| v.is_finite()), "{id}: non-finite gradient of {k}: {:?}", g.floats);
    }
    ev
}

/// The loss rejects the inputs with an error of this kind (and does not panic).
pub fn assert_error(id: &str, form: Option<&str>, p: &Map<String, Json>, x: &BTreeMap<String, HostTensor>, kind: ErrorKind) {
    match eval::evaluate(id, form, p, x, &EvalOptions::f64()) {
        Ok(ev) => panic!("{id}: expected a {kind:?} error, got loss {:?}", ev.loss.floats),
        Err(e) => {
            assert_eq!(e.kind, kind, "{id}: wrong error kind for: {e}");
            assert!(e.to_string().starts_with(&format!("{id}:")), "message names the loss: {e}");
        }
    }
}

/// (case, input) pairs whose autodiff gradient is deliberately not the derivative of the
/// computed value (reproduced reference quirks, detached terms), so a finite-difference check
/// does not apply to that input: (case name, input, reason).
pub const GRADCHECK_EXEMPT: &[(&str, &str, &str)] = &[
    ("cross-entropy/optax-soft-where", "targets", "optax's gradient for a masked target is NaN (0 * inf); reproduced"),
    ("ctc/torch-log-probs-mean", "log_probs", "PyTorch's CTC backward for a leaf log_probs adds exp(log_probs) (it assumes a log_softmax input); reproduced"),
    ("ctc/torch-log-probs-sum-concat", "log_probs", "PyTorch's CTC backward for a leaf log_probs adds exp(log_probs) (it assumes a log_softmax input); reproduced"),
];

/// Runs the finite-difference check on the inputs of every public case of `id` that has a
/// value (not error cases).
pub fn gradcheck_cases(id: &str) -> usize {
    let mut n = 0;
    for c in cases(id) {
        if c.expected.error.is_some() || c.expected.grad.is_empty() {
            continue;
        }
        let only: Vec<&str> = c
            .expected
            .grad
            .keys()
            .map(|s| s.as_str())
            .filter(|input| !GRADCHECK_EXEMPT.iter().any(|(k, x, _)| *k == c.case && x == input))
            .collect();
        if only.is_empty() {
            continue;
        }
        assert_gradcheck_only(id, c.form.as_deref(), &c.params, &c.inputs, Some(&only));
        n += 1;
    }
    n
}

#[test]
fn every_implemented_entry_passes_its_cases_and_gradcheck() {
    let mut failures = vec![];
    for e in crate::catalog::all().filter(|e| e.is_implemented()) {
        let r = std::panic::catch_unwind(|| {
            if !cases(e.id).is_empty() {
                assert_cases_pass(e.id);
                gradcheck_cases(e.id);
            }
        });
        if let Err(p) = r {
            let msg = p.downcast_ref::<String>().cloned().unwrap_or_default();
            failures.push(format!("{}: {msg}", e.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
