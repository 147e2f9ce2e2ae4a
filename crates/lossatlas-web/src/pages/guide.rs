//! The selection guide: a task and conditions in, ranked recommendations with reasons and
//! pitfalls out (the recommender of `lossatlas::guide`), then practice advice and the order in
//! which to learn the field.

use lossatlas::catalog;
use lossatlas::guide::{self, Answer, CONDITIONS, LEARNING_PATH, PRACTICE, Recommendation, TASKS};
use maud::{Markup, html};

use super::{Nav, Page, entry_link, layout};
use crate::error::WebError;
use crate::links::Ctx;
use crate::query::Query;

const JS: &str = include_str!("../assets/guide.js");

/// The question, checked.
#[derive(Debug, Clone, Default)]
pub(crate) struct GuideQuery {
    pub task: Option<&'static str>,
    pub conditions: Vec<&'static str>,
}

impl GuideQuery {
    pub fn from_query(q: &Query) -> Result<GuideQuery, WebError> {
        let mut out = GuideQuery::default();
        if let Some(t) = q.get("task") {
            let task = guide::task(t).ok_or_else(|| WebError::bad_request(format!("unknown task {t:?}; known tasks: {}", TASKS.iter().map(|t| t.slug).collect::<Vec<_>>().join(", "))))?;
            out.task = Some(task.slug);
        }
        let mut conds = q.list("cond");
        conds.extend(q.list("conditions"));
        for c in conds {
            let cond = guide::condition(&c).ok_or_else(|| WebError::bad_request(format!("unknown condition {c:?}; known conditions: {}", CONDITIONS.iter().map(|c| c.slug).collect::<Vec<_>>().join(", "))))?;
            if !out.conditions.contains(&cond.slug) {
                out.conditions.push(cond.slug);
            }
        }
        // The order of the form, so that the page and the static copy agree.
        out.conditions.sort_by_key(|c| CONDITIONS.iter().position(|x| x.slug == *c));
        Ok(out)
    }
}

fn rec(ctx: &Ctx, r: &Recommendation, cond: Option<&str>) -> Markup {
    html! {
        li data-id=[cond.map(|_| r.id)] data-cond=[cond] {
            strong { (entry_link(ctx, r.id)) }
            " "
            @if r.implemented { span.badge.st-implemented { "implemented" } } @else { span.badge.st-planned { "not runnable here" } }
            @if let Some(c) = r.because_of { " " span.chip { "for " (guide::condition(c).map(|c| c.title).unwrap_or(c)) } }
            p { (r.why) }
            p.muted { strong { "Watch out: " } (r.pitfalls) }
        }
    }
}

fn answer(ctx: &Ctx, a: &Answer) -> Markup {
    let t = guide::task(a.task).expect("answers name known tasks");
    html! {
        h2 { "For " (t.title.to_lowercase()) @if !a.conditions.is_empty() { " with " (a.conditions.iter().map(|c| guide::condition(c).map(|x| x.title.to_lowercase()).unwrap_or_default()).collect::<Vec<_>>().join(", ")) } }
        p.muted { (t.description) }
        ol.recs { @for r in &a.recommendations { (rec(ctx, r, None)) } }
        @if !a.notes.is_empty() { ul { @for n in &a.notes { li { (n) } } } }
        @if let Some(u) = &a.unavailable { p.note { (u) } }
    }
}

/// Every task's answer, with each condition's entries marked, for the static copy.
fn all_answers(ctx: &Ctx) -> Markup {
    html! {
        p.choose { "Choose a task to see the recommendations." }
        noscript { p.note { "This static copy needs JavaScript to pick recommendations; the atlas served by " code { "lossatlas serve" } " works without it." } }
        @for t in TASKS {
            div data-task=(t.slug) hidden {
                h2 { "For " (t.title.to_lowercase()) }
                p.muted { (t.description) }
                ol.recs {
                    @for c in CONDITIONS {
                        @if let Ok(a) = crate::api::recommend_checked(t.slug, &[c.slug]) {
                            @for r in a.recommendations.iter().filter(|r| r.because_of == Some(c.slug)) { (rec(ctx, r, Some(c.slug))) }
                        }
                    }
                    @if let Ok(a) = crate::api::recommend_checked(t.slug, &[]) {
                        @for r in &a.recommendations { (rec(ctx, r, Some(""))) }
                    }
                }
                ul { @for c in CONDITIONS { li data-cond=(c.slug) hidden { (c.advice) } } }
            }
        }
    }
}

pub(crate) fn guide(ctx: &Ctx, q: &GuideQuery) -> Markup {
    let body = html! {
        h1 { "Which loss should I use?" }
        p.lead { "Choose the task and what holds for your data; the guide ranks entries of the atlas with the reason to use each and what to watch out for." }
        form.search #guide method="get" action=(ctx.href("guide")) data-static=(if ctx.is_static() { "1" } else { "0" }) {
            div.field {
                label for="task" { "Task" }
                select #task name="task" {
                    option value="" { "Choose a task…" }
                    @for t in TASKS { option value=(t.slug) selected[q.task == Some(t.slug)] { (t.title) } }
                }
            }
            fieldset.checks {
                legend { "Conditions" }
                @for c in CONDITIONS {
                    label title=(c.description) { input type="checkbox" name="cond" value=(c.slug) checked[q.conditions.contains(&c.slug)]; (c.title) }
                }
            }
            div { button type="submit" { "Recommend" } }
        }
        section #answer aria-live="polite" {
            @if ctx.is_static() { (all_answers(ctx)) }
            @else {
                @match q.task {
                    None => p.choose { "Choose a task to see the recommendations." },
                    Some(t) => @match crate::api::recommend_checked(t, &q.conditions) {
                        Ok(a) => (answer(ctx, &a)),
                        Err(e) => p.result.error role="alert" { (e.message) },
                    },
                }
            }
        }
        h2 #practice { "Practice" }
        dl.kv { @for a in PRACTICE { dt { (a.topic) } dd { (a.text) } } }
        h2 #learning-path { "Learning path" }
        ol {
            @for s in LEARNING_PATH {
                li {
                    strong { (s.level) } ": "
                    @for (i, id) in s.ids.iter().enumerate() { @if i > 0 { ", " } (entry_link(ctx, id)) }
                    br; span.muted { (s.note) }
                }
            }
        }
        p.muted { "Entries marked “not runnable here” are in the catalog but " a href=(ctx.href("?status=planned")) { "planned" } " or not executable; " (catalog::all().filter(|e| e.is_implemented()).count()) " entries run." }
    };
    layout(ctx, Page { title: "Selection guide".into(), description: "Which loss to use for a task, with reasons and pitfalls.".into(), nav: Nav::Guide, body, script: Some(JS) })
}
