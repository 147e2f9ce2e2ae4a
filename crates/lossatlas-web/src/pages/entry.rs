//! The page of one entry: everything the catalog knows, the formula as MathML, the Rust usage,
//! related entries and the plot.

use lossatlas::catalog::{self, Entry, Tri, formula};
use maud::{Markup, PreEscaped, html};

use super::{Nav, Page, domain_chips, entry_link, layout, status_badge, year};
use crate::links::Ctx;
use crate::{plots, snippet};

fn tri(t: Tri) -> &'static str {
    match t {
        Tri::Yes => "yes",
        Tri::No => "no",
        Tri::Unknown => "not known",
    }
}

/// A LaTeX formula as MathML (`None` when it does not parse).
pub(crate) fn mathml(latex: &str) -> Option<String> {
    formula::to_mathml(latex).ok()
}

/// A LaTeX formula as MathML, or the LaTeX itself when it does not parse.
pub(crate) fn math(latex: &str, inline: bool) -> Markup {
    match mathml(latex).ok_or(()) {
        Ok(m) if inline => PreEscaped(m.replacen("display=\"block\"", "display=\"inline\"", 1)),
        Ok(m) => PreEscaped(m),
        Err(_) => html! { code { (latex) } },
    }
}

/// A range for people: the integer extremes read as "any integer".
pub(crate) fn range(r: &catalog::Range) -> String {
    match r {
        catalog::Range::Integer { min: i64::MIN, max: i64::MAX } => "any integer".into(),
        catalog::Range::Integer { min, max: i64::MAX } => format!("integer ≥ {min}"),
        other => other.describe(),
    }
}

fn value(v: &catalog::Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

pub(crate) fn entry(ctx: &Ctx, e: &Entry) -> Markup {
    let example = snippet::example(e.id);
    let spec = lossatlas::plot::spec(e.id).ok();
    let related_plottable: Vec<&str> = std::iter::once(e.id)
        .chain(e.related.iter().filter_map(|r| catalog::get(r)).filter(|r| r.is_implemented()).map(|r| r.id))
        .take(plots::MAX_COMPARE)
        .collect();
    let p = &e.properties;
    let body = html! {
        div.entry-head {
            h1 { (e.name) }
            p.meta {
                code { (e.id) }
                span { (year(e)) }
                span { (e.kind.as_str()) }
                (status_badge(e))
            }
            (domain_chips(ctx, e))
            @if !e.aliases.is_empty() {
                p { span.muted { "Also known as: " } (e.aliases.join(", ")) }
            }
        }
        @if let Some(reason) = e.status.reason() {
            div class=(format!("status st-{}", e.status.slug())) {
                strong { (if e.status.slug() == "planned" { "Planned: " } else { "Not executable: " }) }
                (reason)
            }
        }
        p.lead { (e.summary) }
        @if !e.formula.is_empty() {
            h2 { "Formula" }
            div.formula { (math(e.formula, false)) }
        }
        @if let (Some(spec), Some(_)) = (spec, &example) {
            h2 #plot { "Plot" }
            figure {
                img.plot src=(ctx.href(&format!("plot/{}.svg", e.id))) width="900" height="340" loading="lazy"
                    alt=(format!("Two line charts of {}: the loss (left) and its derivative (right) as the {} varies from {} to {}.", e.name, spec.x_label, spec.from, spec.to));
                figcaption { "Loss and derivative along one input: the " (spec.x_label) ", everything else fixed." }
            }
            p {
                a href=(ctx.href(&format!("playground/{}", e.id))) { "Run it in the playground" }
                @if related_plottable.len() > 1 {
                    " · " a href=(ctx.href(&format!("compare?ids={}", related_plottable.join(",")))) { "Compare with related entries" }
                }
            }
        }
        @if e.is_implemented() && example.is_none() {
            h2 #plot { "Plot" }
            p {
                "No plot: " (lossatlas::plot::spec(e.id).err().map(|err| err.found).unwrap_or_default()) ". "
                a href=(ctx.href(&format!("playground/{}", e.id))) { "Run it in the playground" }
            }
        }
        @if !e.forms.is_empty() {
            h2 { "Forms" }
            dl.kv {
                @for (i, f) in e.forms.iter().enumerate() {
                    dt { code { (f.name) } @if i == 0 { " (default)" } }
                    dd { (f.description) }
                }
            }
        }
        @if !e.inputs.is_empty() {
            h2 { "Inputs" }
            div.tablewrap { table {
                thead { tr { th scope="col" { "Name" } th scope="col" { "Shape" } th scope="col" { "Meaning" } } }
                tbody { @for i in e.inputs { tr { td { code { (i.name) } } td { code { (i.shape) } } td { (i.meaning) } } } }
            } }
        }
        @if !e.params.is_empty() {
            h2 { "Parameters" }
            div.tablewrap { table {
                thead { tr { th scope="col" { "Name" } th scope="col" { "Symbol" } th scope="col" { "Default" } th scope="col" { "Range" } th scope="col" { "Meaning" } } }
                tbody {
                    @for p in e.params {
                        tr {
                            td { code { (p.name) } }
                            td { @if !p.symbol.is_empty() { (math(p.symbol, true)) } }
                            td { code { (value(&p.default)) } }
                            td { (range(&p.range)) }
                            td { (p.meaning) }
                        }
                    }
                }
            } }
        }
        div.grid2 {
            div {
                h2 { "Properties" }
                dl.kv {
                    dt { "Prediction input" } dd { (serde_json::to_value(p.operand).ok().and_then(|v| v.as_str().map(|s| s.replace('-', " "))).unwrap_or_default()) }
                    dt { "Convex" } dd { (tri(p.convex)) }
                    dt { "Smooth" } dd { (tri(p.smooth)) }
                    dt { "Bounded" } dd { (tri(p.bounded)) }
                    dt { "Robust to outliers" } dd { (tri(p.robust_to_outliers)) }
                    dt { "For class imbalance" } dd { (tri(p.suits_imbalance)) }
                    dt { "For label noise" } dd { (tri(p.suits_label_noise)) }
                }
            }
            div {
                @if !e.paper.title.is_empty() || !e.paper.url.is_empty() {
                    h2 { "Paper" }
                    p {
                        @let title = if e.paper.title.is_empty() { "paper" } else { e.paper.title };
                        @if e.paper.url.is_empty() { cite { (title) } } @else { a href=(e.paper.url) rel="noopener" { cite { (title) } } }
                        @if !e.paper.authors.is_empty() { br; span.muted { (e.paper.authors) } }
                        @let venue = [e.paper.venue.to_string(), if e.paper.year > 0 { e.paper.year.to_string() } else { String::new() }].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ");
                        @if !venue.is_empty() { br; span.muted { (venue) } }
                    }
                }
                @if !e.equivalents.is_empty() {
                    h2 { "Equivalents" }
                    ul { @for q in e.equivalents { li { code { (q) } } } }
                }
            }
        }
        @if !e.uses.is_empty() {
            h2 { "Made of" }
            ul.chips { @for u in e.uses { li { (entry_link(ctx, u)) } } }
        }
        @if let Some(code) = snippet::rust(e.id) {
            h2 { "Use it from Rust" }
            p.muted { "Through the evaluator, with the example inputs of the plot (the same call the web API makes):" }
            pre { code.language-rust { (code) } }
        }
        @if !e.related.is_empty() {
            h2 { "Related" }
            ul.chips { @for r in e.related { li { (entry_link(ctx, r)) } } }
        }
        p.muted { "Data: " a href=(ctx.href(&format!("api/entries/{}", e.id))) { "this entry as JSON" } "." }
    };
    layout(ctx, Page { title: e.name.to_string(), description: lossatlas::catalog::export::first_sentence(e.summary).to_string(), nav: Nav::Atlas, body, script: None })
}
