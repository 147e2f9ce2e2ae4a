//! The home page: domains with counts, search as you type, filters and sort.

use lossatlas::catalog::export::first_sentence;
use lossatlas::catalog::search::normalize;
use lossatlas::catalog::{self, DOMAINS, Entry, Kind};
use maud::{Markup, html};

use super::{Nav, Page, domain_chips, layout, status_badge, year};
use crate::links::Ctx;
use crate::query::{PROPS, SearchQuery, yes_props};

const JS: &str = include_str!("../assets/search.js");

fn card(ctx: &Ctx, e: &Entry, visible: bool) -> Markup {
    let keys: Vec<String> = std::iter::once(normalize(e.id)).chain(e.aliases.iter().map(|a| normalize(a))).chain(std::iter::once(normalize(e.name))).collect();
    html! {
        li.card #(format!("e-{}", e.id)) hidden[!visible] data-id=(e.id) data-name=(e.name) data-keys=(keys.join(" ")) data-year=(e.year) data-kind=(e.kind.as_str())
            data-status=(e.status.slug()) data-domains=(e.domains.join(" ")) data-props=(yes_props(e).join(" ")) {
            h3 { a href=(ctx.href(&format!("entry/{}", e.id))) { (e.name) } }
            p.meta { span { (year(e)) } span { (e.kind.as_str()) } (status_badge(e)) }
            p { (first_sentence(e.summary)) }
            (domain_chips(ctx, e))
        }
    }
}

pub(crate) fn home(ctx: &Ctx, s: &SearchQuery) -> Markup {
    let entries: Vec<&Entry> = catalog::all().collect();
    let hits: Vec<&Entry> = s.run().into_iter().map(|(_, e)| e).collect();
    let hidden: Vec<&Entry> = entries.iter().copied().filter(|e| !hits.iter().any(|h| h.id == e.id)).collect();
    let implemented = entries.iter().filter(|e| e.is_implemented()).count();
    let used_domains = DOMAINS.iter().filter(|(d, _)| entries.iter().any(|e| e.domains.contains(d))).count();
    let sel = |a: Option<&str>, b: &str| a == Some(b);
    let body = html! {
        h1 { "The atlas of loss functions you can run" }
        p.lead { (entries.len()) " losses, penalties and scores across " (used_domains) " domains; " (implemented) " of them run here, checked against reference libraries, with plots of the loss and its gradient." }
        form.search #search role="search" method="get" action=(ctx.href("")) data-api=[(!ctx.is_static()).then(|| ctx.href("api/search"))] {
            label for="q" { "Search by name, alias, paper, author or keyword" }
            div.searchrow {
                input #q type="search" name="q" value=(s.q) placeholder="focal, dice, InfoNCE, DPO, Huber…" autocomplete="off" spellcheck="false";
                button type="submit" { "Search" }
            }
            details.filters open[s.has_filters()] {
                summary { "Filters and sort" }
                div.filtergrid {
                    div {
                        label for="f-domain" { "Domain" }
                        select #f-domain name="domain" {
                            option value="" { "All domains" }
                            @for (slug, title) in DOMAINS {
                                option value=(slug) selected[sel(s.filter.domain.as_deref(), slug)] { (title) }
                            }
                        }
                    }
                    div {
                        label for="f-kind" { "Kind" }
                        select #f-kind name="kind" {
                            option value="" { "All kinds" }
                            @for k in Kind::ALL {
                                option value=(k.as_str()) selected[s.filter.kind == Some(k)] { (k.as_str()) }
                            }
                        }
                    }
                    div {
                        label for="f-status" { "Status" }
                        select #f-status name="status" {
                            option value="" { "Any status" }
                            @for (v, l) in [("implemented", "implemented"), ("planned", "planned"), ("not-executable", "not executable")] {
                                option value=(v) selected[sel(s.filter.status.as_deref(), v)] { (l) }
                            }
                        }
                    }
                    div {
                        label for="f-since" { "Year range" }
                        div.years {
                            input #f-since type="number" name="since" inputmode="numeric" placeholder="from" aria-label="From year" value=[s.filter.since];
                            input #f-until type="number" name="until" inputmode="numeric" placeholder="to" aria-label="To year" value=[s.filter.until];
                        }
                    }
                    div {
                        label for="f-sort" { "Sort by" }
                        select #f-sort name="sort" {
                            @for (v, l) in [("relevance", "relevance"), ("year", "year"), ("name", "name")] {
                                option value=(v) selected[s.sort_slug == v] { (l) }
                            }
                        }
                    }
                    fieldset.props {
                        legend { "Properties (all must hold)" }
                        @for p in PROPS {
                            label { input type="checkbox" name="prop" value=(p.slug) checked[s.props.contains(&p.slug)]; (p.label) }
                        }
                    }
                }
            }
        }
        nav.domain-nav aria-labelledby="domains" hidden[!s.is_everything() || s.sort_slug != "relevance"] {
            h2 #domains { "Browse by domain" }
            ul.domains {
                @for (slug, title) in DOMAINS {
                    @let n = entries.iter().filter(|e| e.domains.contains(slug)).count();
                    @if n > 0 {
                        li { a href=(ctx.href(&format!("?domain={slug}"))) { span { (title) } span { (n) span.sr-only { " entries" } } } }
                    }
                }
            }
        }
        h2.sr-only { "Entries" }
        p.count #count aria-live="polite" { (hits.len()) " of " (entries.len()) " entries" }
        ol.cards #results {
            @for e in &hits { (card(ctx, e, true)) }
            @for e in &hidden { (card(ctx, e, false)) }
        }
    };
    layout(ctx, Page { title: "Loss Atlas".into(), description: "A searchable atlas of deep-learning loss functions: formulas, papers, properties, plots and a playground.".into(), nav: Nav::Atlas, body, script: Some(JS) })
}
