//! The JSON API: list, search, entry, eval, recommend, guide, plot. Errors are
//! `{"error": message}` with 400 (bad request), 404 (unknown id), 413 (body too large).

use std::collections::BTreeMap;

use lossatlas::catalog::export::{entry_json, first_sentence};
use lossatlas::catalog::{self, Entry};
use lossatlas::eval::{EvalOptions, HostTensor, Precision, evaluate};
use lossatlas::guide;
use serde_json::{Map, Value as Json, json};

use crate::error::WebError;
use crate::links::Ctx;
use crate::query::{Query, SearchQuery};
use crate::{plots, snippet};

/// Largest tensor the evaluator accepts from the web, in elements.
pub(crate) const MAX_ELEMENTS: usize = 100_000;

/// The short form of an entry, as lists and searches return it.
pub(crate) fn summary(ctx: &Ctx, e: &Entry) -> Json {
    json!({
        "id": e.id,
        "name": e.name,
        "year": e.year,
        "year_approx": e.year_approx,
        "kind": e.kind,
        "domains": e.domains,
        "status": e.status.slug(),
        "implemented": e.is_implemented(),
        "summary": first_sentence(e.summary),
        "url": ctx.href(&format!("entry/{}", e.id)),
    })
}

/// `GET /api/entries`: every entry that passes the filters of `/api/search` (without `q`).
pub(crate) fn list(ctx: &Ctx, q: &Query) -> Result<Json, WebError> {
    let mut s = SearchQuery::from_query(q)?;
    s.q.clear();
    if q.get("sort").is_none() {
        s.sort = catalog::search::Sort::Name;
    }
    let entries: Vec<Json> = s.run().into_iter().map(|(_, e)| summary(ctx, e)).collect();
    Ok(json!({"count": entries.len(), "entries": entries}))
}

/// `GET /api/search?q=...`: ranked results with their scores.
pub(crate) fn search(ctx: &Ctx, q: &Query) -> Result<Json, WebError> {
    let s = SearchQuery::from_query(q)?;
    let hits: Vec<Json> = s
        .run()
        .into_iter()
        .map(|(score, e)| {
            let mut v = summary(ctx, e);
            v["score"] = json!((score * 100.0).round() / 100.0);
            v
        })
        .collect();
    Ok(json!({"query": s.q, "sort": s.sort_slug, "count": hits.len(), "results": hits}))
}

/// `GET /api/entries/{id}`: the complete entry, its MathML, example, Rust usage and plot link.
pub(crate) fn entry(ctx: &Ctx, id: &str) -> Result<Json, WebError> {
    let e = catalog::get(id).ok_or_else(|| WebError::no_entry(id))?;
    let mut v = entry_json(e);
    v["formula_mathml"] = json!(crate::pages::mathml(e.formula));
    v["url"] = json!(ctx.href(&format!("entry/{}", e.id)));
    let ex = snippet::example(e.id);
    v["plot"] = json!(ex.as_ref().map(|_| ctx.href(&format!("plot/{}.svg", e.id))));
    v["example"] = match &ex {
        None => Json::Null,
        Some(ex) => {
            let inputs: Map<String, Json> = ex.inputs.iter().map(|(k, t)| (k.to_string(), t.to_json())).collect();
            json!({"form": ex.form, "params": ex.params, "inputs": inputs})
        }
    };
    v["rust"] = json!(snippet::rust(e.id));
    Ok(v)
}

/// A request to evaluate: the reference-case form (`loss` or `id`, `form`, `params`,
/// `inputs`), plus `precision` (`f64`, the default, or `f32`). Other keys of a case file
/// (`case`, `expected`, ...) are ignored, so a case file can be posted as it is.
#[derive(Debug, Clone)]
pub(crate) struct EvalRequest {
    pub id: String,
    pub form: Option<String>,
    pub params: Map<String, Json>,
    pub inputs: BTreeMap<String, HostTensor>,
    pub precision: Precision,
}

/// A tensor from JSON, refusing shapes too large to hold before any allocation.
fn tensor(name: &str, v: &Json) -> Result<HostTensor, WebError> {
    let bad = |m: String| WebError::bad_request(format!("inputs.{name}: {m}"));
    if let Some(shape) = v.get("shape").and_then(|s| s.as_array()) {
        if shape.len() > 6 {
            return Err(bad(format!("rank {} is above 6", shape.len())));
        }
        let mut n: usize = 1;
        for d in shape {
            let d = d.as_u64().ok_or_else(|| bad(format!("bad shape: {d} is not a dimension")))?;
            n = usize::try_from(d).ok().and_then(|d| n.checked_mul(d)).filter(|n| *n <= MAX_ELEMENTS).ok_or_else(|| bad(format!("more than {MAX_ELEMENTS} elements")))?;
        }
    }
    HostTensor::from_json(v).map_err(bad)
}

impl EvalRequest {
    pub fn from_json(v: &Json) -> Result<EvalRequest, WebError> {
        let obj = v.as_object().ok_or_else(|| WebError::bad_request("the body must be a JSON object {\"id\", \"params\", \"inputs\"}"))?;
        let id = obj
            .get("id")
            .or_else(|| obj.get("loss"))
            .ok_or_else(|| WebError::bad_request("missing \"id\": the entry to evaluate"))?
            .as_str()
            .ok_or_else(|| WebError::bad_request("\"id\" must be a string"))?
            .to_string();
        let form = match obj.get("form") {
            None | Some(Json::Null) => None,
            Some(Json::String(s)) if s.is_empty() => None,
            Some(Json::String(s)) => Some(s.clone()),
            Some(other) => return Err(WebError::bad_request(format!("\"form\" must be a string, found {other}"))),
        };
        let params = match obj.get("params") {
            None | Some(Json::Null) => Map::new(),
            Some(Json::Object(m)) => m.clone(),
            Some(other) => return Err(WebError::bad_request(format!("\"params\" must be an object, found {other}"))),
        };
        let inputs = match obj.get("inputs") {
            Some(Json::Object(m)) => m.iter().map(|(k, v)| Ok((k.clone(), tensor(k, v)?))).collect::<Result<BTreeMap<_, _>, WebError>>()?,
            None => return Err(WebError::bad_request("missing \"inputs\": an object of named tensors {\"dtype\", \"shape\", \"data\"}")),
            Some(other) => return Err(WebError::bad_request(format!("\"inputs\" must be an object of named tensors, found {other}"))),
        };
        let precision = match obj.get("precision").and_then(|p| p.as_str()) {
            None if obj.get("precision").is_none_or(|p| p.is_null()) => Precision::F64,
            Some("f64") => Precision::F64,
            Some("f32") => Precision::F32,
            _ => return Err(WebError::bad_request(format!("\"precision\" must be \"f64\" or \"f32\", found {}", obj["precision"]))),
        };
        Ok(EvalRequest { id, form, params, inputs, precision })
    }

    pub fn from_body(body: &[u8]) -> Result<EvalRequest, WebError> {
        let v: Json = serde_json::from_slice(body).map_err(|e| WebError::bad_request(format!("the body is not JSON: {e}")))?;
        EvalRequest::from_json(&v)
    }

    /// Runs the evaluator: `{"id", "loss", "grad"}`.
    pub fn run(&self) -> Result<Json, WebError> {
        let e = catalog::get(&self.id).ok_or_else(|| WebError::no_entry(&self.id))?;
        let opts = EvalOptions { precision: self.precision, ..Default::default() };
        let ev = evaluate(e.id, self.form.as_deref(), &self.params, &self.inputs, &opts)?;
        let grads: Map<String, Json> = ev.grads.iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
        Ok(json!({"id": e.id, "loss": ev.loss.to_json(), "grad": grads}))
    }
}

/// `GET /api/recommend?task=...&conditions=a,b`.
pub(crate) fn recommend(q: &Query) -> Result<Json, WebError> {
    let task = q.get("task").ok_or_else(|| {
        let known: Vec<&str> = guide::TASKS.iter().map(|t| t.slug).collect();
        WebError::bad_request(format!("missing task; known tasks: {}", known.join(", ")))
    })?;
    let mut conds = q.list("conditions");
    conds.extend(q.list("condition"));
    let refs: Vec<&str> = conds.iter().map(|s| s.as_str()).collect();
    let a = recommend_checked(task, &refs)?;
    Ok(serde_json::to_value(&a).expect("answers serialize"))
}

/// [`guide::recommend`], with an unknown task or condition as 400 and a guide that names an
/// entry the catalog lacks (its own tests catch that) as 500 rather than a failed page.
pub(crate) fn recommend_checked(task: &str, conditions: &[&str]) -> Result<guide::Answer, WebError> {
    match std::panic::catch_unwind(|| guide::recommend(task, conditions)) {
        Ok(Ok(a)) => Ok(a),
        Ok(Err(e)) => Err(WebError::bad_request(e.to_string())),
        Err(_) => Err(WebError::internal(format!("the guide's answer for {task:?} names an entry that the catalog lacks"))),
    }
}

/// `GET /api/guide`: the tasks, conditions, practice advice and learning path.
pub(crate) fn guide_json() -> Json {
    let tasks: Vec<Json> = guide::TASKS.iter().map(|t| json!({"slug": t.slug, "title": t.title, "description": t.description})).collect();
    let conds: Vec<Json> = guide::CONDITIONS.iter().map(|c| json!({"slug": c.slug, "title": c.title, "description": c.description, "advice": c.advice})).collect();
    json!({"tasks": tasks, "conditions": conds, "practice": guide::PRACTICE, "learning_path": guide::LEARNING_PATH})
}

/// `GET /api/plot/{id}`: the slice as numbers.
pub(crate) fn plot(id: &str) -> Result<Json, WebError> {
    let s = plots::slice(id)?;
    Ok(json!({"id": s.id, "x_label": s.x_label, "x": s.xs, "loss": s.values, "derivative": s.grads}))
}
