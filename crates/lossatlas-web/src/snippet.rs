//! Example inputs of an entry and the Rust code that evaluates it, as shown on entry pages.
//!
//! The example is a point of the entry's plot slice, so it is valid input by construction. The
//! code is generated from one template, the dynamic evaluator; the snippet for cross-entropy
//! is kept verbatim below as a doc-test, and a unit test checks that the generator still
//! produces exactly that text (and that every implemented entry's example evaluates).
//!
#![doc = concat!("```\n", include_str!("snippets/cross-entropy.rs.txt"), "```")]

use std::collections::BTreeMap;

use lossatlas::catalog;
use lossatlas::eval::{Evaluation, EvalOptions, HostTensor, evaluate};
use serde_json::{Map, Value as Json};

/// Inputs and params at which to show an entry.
#[derive(Debug, Clone)]
pub struct Example {
    pub id: &'static str,
    pub form: Option<&'static str>,
    pub params: Map<String, Json>,
    pub inputs: Vec<(&'static str, HostTensor)>,
}

impl Example {
    /// The inputs by name, as the evaluator takes them.
    pub fn input_map(&self) -> BTreeMap<String, HostTensor> {
        self.inputs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    /// Evaluates the example in f64.
    pub fn evaluate(&self) -> Result<Evaluation, lossatlas::LossError> {
        evaluate(self.id, self.form, &self.params, &self.input_map(), &EvalOptions::f64())
    }

    /// The inputs as one JSON object of FORMAT.md tensors, one tensor per line.
    pub fn inputs_json(&self) -> String {
        let lines: Vec<String> = self.inputs.iter().map(|(k, t)| format!("  {}: {}", Json::from(*k), tensor_json(t))).collect();
        format!("{{\n{}\n}}", lines.join(",\n"))
    }

    pub fn params_json(&self) -> String {
        Json::Object(self.params.clone()).to_string()
    }
}

/// A tensor as FORMAT.md writes it, keys in reading order: `{"dtype", "shape", "data"}`.
pub fn tensor_json(t: &HostTensor) -> String {
    let j = t.to_json();
    let data: Vec<String> = j["data"].as_array().map(|d| d.iter().map(|v| v.to_string()).collect()).unwrap_or_default();
    format!("{{\"dtype\": {}, \"shape\": {}, \"data\": [{}]}}", j["dtype"], j["shape"], data.join(", "))
}

/// The example of an implemented entry (`None` for the others, or when no plot slice fits).
pub fn example(id: &str) -> Option<Example> {
    let e = catalog::get(id)?;
    let spec = lossatlas::plot::spec(e.id).ok()?;
    // A round point a little right of the middle of the slice: away from kinks at 0.
    let x = ((spec.from + 0.6 * (spec.to - spec.from)) * 10.0).round() / 10.0;
    let p = (spec.at)(x);
    Some(Example { id: e.id, form: p.form, params: p.params.as_object().cloned().unwrap_or_default(), inputs: p.inputs })
}

/// A float as a Rust literal that reads back to the same value.
fn float_lit(v: f64) -> String {
    if v.is_nan() {
        "f64::NAN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "f64::INFINITY".into() } else { "f64::NEG_INFINITY".into() }
    } else {
        format!("{v:?}")
    }
}

fn list<T>(xs: &[T], f: impl Fn(&T) -> String) -> String {
    xs.iter().map(f).collect::<Vec<_>>().join(", ")
}

/// The Rust code that evaluates an entry at its example.
pub fn rust(id: &str) -> Option<String> {
    let e = catalog::get(id)?;
    let ex = example(e.id)?;
    let mut s = String::new();
    s += "use std::collections::BTreeMap;\n\n";
    s += "use lossatlas::eval::{EvalOptions, HostTensor, evaluate};\n\n";
    s += "let inputs = BTreeMap::from([\n";
    for (name, t) in &ex.inputs {
        let shape = list(&t.shape, |d| d.to_string());
        let ctor = if t.dtype.is_float() {
            format!("HostTensor::from_f64(vec![{shape}], vec![{}])", list(&t.floats, |v| float_lit(*v)))
        } else {
            format!("HostTensor::from_i64(vec![{shape}], vec![{}])", list(&t.ints, |v| v.to_string()))
        };
        s += &format!("    ({:?}.to_string(), {ctor}),\n", name);
    }
    s += "]);\n";
    if !e.params.is_empty() {
        let defaults = list(e.params, |p| format!("{} = {}", p.name, serde_json::to_string(&p.default).unwrap_or_default()));
        s += &format!("// Parameters by name; defaults: {defaults}.\n");
    }
    s += &format!("let params = serde_json::json!({}).as_object().cloned().unwrap_or_default();\n", ex.params_json());
    let form = ex.form.map(|f| format!("Some({f:?})")).unwrap_or_else(|| "None".into());
    s += &format!("let out = evaluate({:?}, {form}, &params, &inputs, &EvalOptions::f64()).unwrap();\n", e.id);
    s += "println!(\"loss = {:?}\", out.loss.floats);\n";
    for (name, t) in &ex.inputs {
        if t.dtype.is_float() {
            s += &format!("println!(\"d loss / d {name} = {{:?}}\", out.grads[{name:?}].floats);\n");
        }
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cross_entropy_snippet_is_the_doc_tested_one() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/snippets/cross-entropy.rs.txt");
        let want = super::rust("cross-entropy").unwrap();
        if std::env::var("LOSSATLAS_BLESS").is_ok() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(have == want, "src/snippets/cross-entropy.rs.txt is stale (LOSSATLAS_BLESS=1 cargo test -p lossatlas-web snippet):\n{want}");
    }

    #[test]
    fn every_implemented_example_evaluates_and_has_a_snippet() {
        let mut bad = vec![];
        let no_slice = |id: &str| lossatlas::plot::NO_SLICE.iter().any(|(x, _)| *x == id);
        for e in lossatlas::catalog::all().filter(|e| e.is_implemented() && !no_slice(e.id)) {
            match super::example(e.id) {
                None => bad.push(format!("{}: no example", e.id)),
                Some(ex) => {
                    if let Err(err) = ex.evaluate() {
                        bad.push(format!("{}: {err}", e.id));
                    }
                    // Floats in the snippet read back exactly.
                    for (_, t) in &ex.inputs {
                        for v in t.floats.iter().filter(|v| v.is_finite()) {
                            assert_eq!(super::float_lit(*v).parse::<f64>().unwrap(), *v);
                        }
                    }
                    assert!(super::rust(e.id).unwrap().contains(&format!("evaluate({:?}", e.id)));
                }
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn entries_that_do_not_run_have_no_snippet() {
        for e in lossatlas::catalog::all().filter(|e| !e.is_implemented()) {
            assert!(super::rust(e.id).is_none(), "{}", e.id);
        }
    }
}
