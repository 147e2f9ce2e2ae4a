//! The compare view: several losses overlaid on one plot of value and derivative.

use lossatlas::catalog::{self, Entry};
use lossatlas::plot;
use maud::{Markup, html};

use super::{Nav, Page, layout};
use crate::links::Ctx;
use crate::plots::{MAX_COMPARE, default_compare};

const JS: &str = include_str!("../assets/compare.js");

/// The page for checked ids (see [`crate::plots::compare_ids`]).
pub(crate) fn compare(ctx: &Ctx, ids: &[&'static str]) -> Markup {
    let entries: Vec<&Entry> = ids.iter().filter_map(|id| catalog::get(id)).collect();
    let labels: Vec<String> = ids.iter().filter_map(|id| plot::spec(id).ok().map(|s| s.x_label.to_string())).collect();
    let same_x = labels.windows(2).all(|w| w[0] == w[1]);
    let runnable: Vec<&Entry> = catalog::all().filter(|e| e.is_implemented()).collect();
    let joined = ids.join(",");
    let body = html! {
        h1 { "Compare losses" }
        p.lead { "Overlay up to " (MAX_COMPARE) " implemented entries: each loss and its derivative along the same kind of one-dimensional slice." }
        form.search method="get" action=(ctx.href("compare")) {
            label for="ids" { "Entries (ids, separated by commas)" }
            div.searchrow {
                input #ids name="ids" value=(joined) list="runnable" autocomplete="off" spellcheck="false";
                button type="submit" { "Compare" }
            }
            datalist #runnable { @for e in &runnable { option value=(e.id) { (e.name) } } }
        }
        @if !same_x {
            p.note.for-ids { "These entries are plotted along different slices (" (labels.join("; ")) "): compare shapes, not positions." }
        }
        h2 { "Plot" }
        figure #overlay data-ids=(joined) {
            img.plot src=(ctx.href(&format!("compare.svg?ids={joined}"))) width="900" height="340"
                alt=(format!("Line charts overlaying the loss (left) and its derivative (right) of {}.", entries.iter().map(|e| e.name).collect::<Vec<_>>().join(", ")));
        }
        div.for-ids {
            h2 { "Entries" }
            ul {
                @for (e, label) in entries.iter().zip(&labels) {
                    li { a href=(ctx.href(&format!("entry/{}", e.id))) { (e.name) } " (" (e.year) "), along the " (label) }
                }
            }
        }
        p.muted { "Try " a href=(ctx.href(&format!("compare?ids={}", default_compare().join(",")))) { (default_compare().join(", ")) } "." }
    };
    layout(ctx, Page { title: "Compare".into(), description: "Losses and their gradients overlaid.".into(), nav: Nav::Compare, body, script: ctx.is_static().then_some(JS) })
}
