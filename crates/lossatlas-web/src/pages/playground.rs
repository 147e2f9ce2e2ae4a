//! The playground: evaluate an entry on your own tensors and params. Works as a plain form
//! (POST, rendered on the server); the script sends the same request to `/api/eval` and shows
//! the answer in place. The static export cannot evaluate: it shows the precomputed example.

use lossatlas::catalog::{self, Entry};
use maud::{Markup, html};
use serde_json::{Value as Json, json};

use super::{Nav, Page, entry_link, layout, status_badge};
use crate::api::EvalRequest;
use crate::error::WebError;
use crate::links::Ctx;
use crate::snippet;

const JS: &str = include_str!("../assets/playground.js");

/// What the form holds (the POSTed fields).
#[derive(Debug, Clone, Default)]
pub(crate) struct PlaygroundForm {
    pub form: String,
    pub params: String,
    pub inputs: String,
    pub precision: String,
}

impl PlaygroundForm {
    pub fn parse(body: &[u8]) -> PlaygroundForm {
        let mut f = PlaygroundForm::default();
        for (k, v) in form_urlencoded::parse(body) {
            match k.as_ref() {
                "form" => f.form = v.into_owned(),
                "params" => f.params = v.into_owned(),
                "inputs" => f.inputs = v.into_owned(),
                "precision" => f.precision = v.into_owned(),
                _ => {}
            }
        }
        f
    }

    /// The request it makes for entry `id`.
    pub fn request(&self, id: &str) -> Result<EvalRequest, WebError> {
        let parse = |name: &str, text: &str| -> Result<Json, WebError> {
            if text.trim().is_empty() {
                return Ok(json!({}));
            }
            serde_json::from_str(text).map_err(|e| WebError::bad_request(format!("{name}: not JSON: {e}")))
        };
        let body = json!({
            "id": id,
            "form": if self.form.is_empty() { Json::Null } else { json!(self.form) },
            "params": parse("params", &self.params)?,
            "inputs": parse("inputs", &self.inputs)?,
            "precision": if self.precision.is_empty() { "f64" } else { &self.precision },
        });
        EvalRequest::from_json(&body)
    }
}

fn tensor_text(t: &Json) -> String {
    let data = &t["data"];
    let shape: Vec<String> = t["shape"].as_array().map(|s| s.iter().map(|d| d.to_string()).collect()).unwrap_or_default();
    let shown = if shape.is_empty() { data.get(0).cloned().unwrap_or(Json::Null) } else { data.clone() };
    format!("shape [{}]: {}", shape.join(", "), shown)
}

/// The answer of the evaluator, or its error.
fn result(outcome: &Result<Json, WebError>) -> Markup {
    match outcome {
        Ok(v) => html! {
            div.result #result aria-live="polite" {
                h2 { "Result" }
                dl.kv {
                    dt { "loss" } dd { code.value { (tensor_text(&v["loss"])) } }
                    @if let Some(g) = v["grad"].as_object() {
                        @for (k, t) in g { dt { "∂ sum(loss) / ∂ " (k) } dd { code { (tensor_text(t)) } } }
                    }
                }
            }
        },
        Err(e) => html! {
            div.result.error #result role="alert" { h2 { "Error" } p { (e.message) } }
        },
    }
}

/// The playground of an implemented entry; `submitted` is a POSTed form and its outcome.
pub(crate) fn playground(ctx: &Ctx, e: &Entry, submitted: Option<(&PlaygroundForm, &Result<Json, WebError>)>) -> Markup {
    let ex = snippet::example(e.id);
    let default_form = PlaygroundForm {
        form: ex.as_ref().and_then(|x| x.form).unwrap_or("").into(),
        params: ex.as_ref().map(|x| x.params_json()).unwrap_or_else(|| "{}".into()),
        inputs: ex.as_ref().map(|x| x.inputs_json()).unwrap_or_else(|| "{}".into()),
        precision: "f64".into(),
    };
    let f = submitted.map(|(f, _)| f).unwrap_or(&default_form);
    // The static copy shows what the server would answer for the example.
    let precomputed = (ctx.is_static() && submitted.is_none() && ex.is_some()).then(|| default_form.request(e.id).and_then(|r| r.run()));
    let body = html! {
        h1 { "Playground: " (e.name) }
        p.meta { code { (e.id) } (status_badge(e)) a href=(ctx.href(&format!("entry/{}", e.id))) { "About this entry" } }
        @if ctx.is_static() {
            p.note {
                "This is a static copy of the atlas: it cannot evaluate new inputs. "
                @if ex.is_some() { "Below are the result for the example inputs, computed when the copy was made, and the plot. " }
                "Run " code { "lossatlas serve" } " for the live playground."
            }
        }
        div.grid2 {
            form #playground method="post" action=(ctx.href(&format!("playground/{}", e.id))) data-id=(e.id) data-api=[(!ctx.is_static()).then(|| ctx.href("api/eval"))] {
                div.field {
                    label for="inputs" { "Inputs: named tensors " code { "{\"dtype\", \"shape\", \"data\"}" } }
                    textarea #inputs name="inputs" rows="8" spellcheck="false" { (f.inputs) }
                }
                div.field {
                    label for="params" { "Parameters (JSON object; leave out for the defaults)" }
                    textarea #params name="params" rows="2" spellcheck="false" { (f.params) }
                }
                @if !e.forms.is_empty() {
                    div.field {
                        label for="form" { "Form" }
                        select #form name="form" {
                            option value="" selected[f.form.is_empty()] { "default (" (e.forms[0].name) ")" }
                            @for fm in e.forms { option value=(fm.name) selected[f.form == fm.name] { (fm.name) } }
                        }
                    }
                }
                div.field {
                    label for="precision" { "Precision" }
                    select #precision name="precision" {
                        option value="f64" selected[f.precision != "f32"] { "f64" }
                        option value="f32" selected[f.precision == "f32"] { "f32" }
                    }
                }
                button type="submit" disabled[ctx.is_static()] { "Evaluate" }
                @match (submitted, &precomputed) {
                    (Some((_, outcome)), _) => (result(outcome)),
                    (None, Some(outcome)) => (result(outcome)),
                    _ => div.result #result aria-live="polite" hidden {},
                }
            }
            div {
                @if !e.inputs.is_empty() {
                    h2 { "Inputs" }
                    ul { @for i in e.inputs { li { code { (i.name) } " " code { (i.shape) } ": " (i.meaning) } } }
                }
                @if !e.params.is_empty() {
                    h2 { "Parameters" }
                    ul { @for p in e.params { li { code { (p.name) } " = " code { (serde_json::to_string(&p.default).unwrap_or_default()) } " (" (super::range(&p.range)) "): " (p.meaning) } } }
                }
                p.muted { "The gradients are those of the sum of the loss with respect to every float input, by autodiff." }
            }
        }
        @if ex.is_some() {
            h2 { "Plot" }
            figure {
                img.plot src=(ctx.href(&format!("plot/{}.svg", e.id))) width="900" height="340" loading="lazy" alt=(format!("The loss {} and its derivative along a one-dimensional slice of its inputs.", e.name));
            }
        }
    };
    layout(ctx, Page { title: format!("Playground: {}", e.name), description: format!("Evaluate {} and its gradients on your own tensors.", e.name), nav: Nav::Playground, body, script: Some(JS) })
}

/// The list of entries that the playground can run.
pub(crate) fn playground_index(ctx: &Ctx) -> Markup {
    let runnable: Vec<&Entry> = catalog::all().filter(|e| e.is_implemented()).collect();
    let body = html! {
        h1 { "Playground" }
        p.lead { "Pick an entry, edit its input tensors and parameters, and get the value and the gradients from the evaluator. " (runnable.len()) " entries can run." }
        @if !ctx.is_static() {
            form method="get" action=(ctx.href("playground")) {
                label for="pick" { "Entry " }
                select #pick name="id" { @for e in &runnable { option value=(e.id) selected[e.id == "cross-entropy"] { (e.name) } } }
                " " button type="submit" { "Open" }
            }
        }
        ul.chips style="margin-top:1rem" { @for e in &runnable { li { a href=(ctx.href(&format!("playground/{}", e.id))) { (e.name) } } } }
        p.muted { "Entries that are planned or not executable have no playground; their pages say why. " (entry_link(ctx, "cross-entropy")) " is a good start." }
    };
    layout(ctx, Page { title: "Playground".into(), description: "Evaluate any implemented loss on your own tensors.".into(), nav: Nav::Playground, body, script: None })
}

