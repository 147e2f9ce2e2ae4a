//! Reference cases (`shared/reference/cases/<id>/*.json`) and their comparison.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Map, Value as Json};

use super::{EvalOptions, HostTensor, evaluate};
use crate::catalog;

/// Tolerance of a case: `|got - want| <= atol + rtol * |want|`.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Tolerance {
    pub rtol: f64,
    pub atol: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance { rtol: 1e-7, atol: 1e-10 }
    }
}

/// What the reference computed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Expected {
    pub loss: Option<HostTensor>,
    #[serde(default)]
    pub grad: BTreeMap<String, HostTensor>,
    /// The reference rejected the inputs with this message.
    pub error: Option<String>,
}

/// One reference case.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub case: String,
    pub loss: String,
    pub form: Option<String>,
    #[serde(default)]
    pub params: Map<String, Json>,
    pub inputs: BTreeMap<String, HostTensor>,
    #[serde(default)]
    pub expected: Expected,
    #[serde(default)]
    pub tolerance: Tolerance,
    #[serde(default)]
    pub reference: Json,
}

/// The files of `paths`: case files as given, folders searched recursively for `*.json`,
/// sorted.
pub fn case_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    fn walk(p: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        if p.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(p).map_err(|e| format!("{}: {e}", p.display()))?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            entries.sort();
            for e in entries {
                if e.is_dir() || e.extension().is_some_and(|x| x == "json") {
                    walk(&e, out)?;
                }
            }
            Ok(())
        } else if p.is_file() {
            out.push(p.to_path_buf());
            Ok(())
        } else {
            Err(format!("{}: no such file or folder", p.display()))
        }
    }
    let mut out = vec![];
    for p in paths {
        walk(p, &mut out)?;
    }
    Ok(out)
}

/// Parses case files; an unreadable or malformed file is an `Err` naming it.
pub fn load_cases(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Case)>, String> {
    case_files(paths)?
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
            let case: Case = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", f.display()))?;
            Ok((f, case))
        })
        .collect()
}

/// The outcome of checking one case.
#[derive(Debug, Clone)]
pub enum CaseOutcome {
    Passed,
    /// What differed, one line each.
    Failed(Vec<String>),
    /// The entry is not implemented yet.
    Skipped(String),
}

/// Largest absolute and relative error, and whether all elements match.
fn compare(got: &[f64], want: &[f64], tol: Tolerance) -> (bool, f64, f64) {
    let mut ok = true;
    let (mut max_abs, mut max_rel) = (0.0f64, 0.0f64);
    for (&g, &w) in got.iter().zip(want) {
        let matches = if w.is_nan() {
            g.is_nan()
        } else if w.is_infinite() {
            g == w
        } else {
            let d = (g - w).abs();
            if d.is_finite() {
                max_abs = max_abs.max(d);
                if w != 0.0 {
                    max_rel = max_rel.max(d / w.abs());
                }
            } else {
                max_abs = f64::INFINITY;
            }
            d <= tol.atol + tol.rtol * w.abs()
        };
        ok &= matches;
    }
    (ok, max_abs, max_rel)
}

fn compare_tensor(what: &str, got: &HostTensor, want: &HostTensor, tol: Tolerance, fails: &mut Vec<String>) {
    if got.shape != want.shape {
        fails.push(format!("{what}: shape {:?}, expected {:?}", got.shape, want.shape));
        return;
    }
    let (ok, max_abs, max_rel) = compare(&got.floats, &want.as_f64(), tol);
    if !ok {
        fails.push(format!("{what}: max abs err {max_abs:.3e}, max rel err {max_rel:.3e} (rtol {}, atol {})", tol.rtol, tol.atol));
    }
}

/// Evaluates a case in f64 and compares it with its expectation.
pub fn check_case(case: &Case) -> CaseOutcome {
    match catalog::get(&case.loss) {
        Some(e) if e.is_implemented() => {}
        Some(e) => return CaseOutcome::Skipped(format!("{} is {}", e.id, e.status.slug())),
        None => return CaseOutcome::Skipped(format!("{} is not in the catalog", case.loss)),
    }
    let result = evaluate(&case.loss, case.form.as_deref(), &case.params, &case.inputs, &EvalOptions::f64());
    let mut fails = vec![];
    match (&case.expected.error, result) {
        (Some(_), Err(_)) => {}
        (Some(msg), Ok(_)) => fails.push(format!("expected an error (reference: {msg}), got a value")),
        (None, Err(e)) => fails.push(format!("error: {e}")),
        (None, Ok(ev)) => {
            if let Some(want) = &case.expected.loss {
                compare_tensor("loss", &ev.loss, want, case.tolerance, &mut fails);
            }
            for (name, want) in &case.expected.grad {
                match ev.grads.get(name) {
                    Some(got) => compare_tensor(&format!("grad.{name}"), got, want, case.tolerance, &mut fails),
                    None => fails.push(format!("grad.{name}: no gradient computed")),
                }
            }
        }
    }
    if fails.is_empty() { CaseOutcome::Passed } else { CaseOutcome::Failed(fails) }
}
