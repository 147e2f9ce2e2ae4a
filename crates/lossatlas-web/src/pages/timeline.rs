//! The timeline: the field by year across domains: a heat table of entries per domain and
//! period, and every entry under its year.

use std::collections::BTreeMap;

use lossatlas::catalog::{self, DOMAINS, Entry};
use maud::{Markup, html};

use super::{Nav, Page, layout, status_badge};
use crate::links::Ctx;

/// Periods of the heat table: (label, first year, last year).
fn periods(last: i32) -> Vec<(String, i32, i32)> {
    let mut p = vec![("before 1990".to_string(), i32::MIN, 1989), ("1990s".into(), 1990, 1999), ("2000s".into(), 2000, 2009), ("2010–14".into(), 2010, 2014)];
    for y in 2015..=last.max(2015) {
        p.push((y.to_string(), y, y));
    }
    p
}

pub(crate) fn timeline(ctx: &Ctx) -> Markup {
    let entries: Vec<&Entry> = catalog::all().collect();
    let last = entries.iter().map(|e| e.year).max().unwrap_or(2025);
    let periods = periods(last);
    let mut by_year: BTreeMap<i32, Vec<&Entry>> = BTreeMap::new();
    for e in &entries {
        by_year.entry(e.year).or_default().push(e);
    }
    for list in by_year.values_mut() {
        list.sort_by_key(|e| e.name.to_lowercase());
    }
    let count = |d: &str, a: i32, b: i32| entries.iter().filter(|e| e.domains.contains(&d) && e.year >= a && e.year <= b).count();
    let max_cell = DOMAINS.iter().flat_map(|(d, _)| periods.iter().map(move |(_, a, b)| count(d, *a, *b))).max().unwrap_or(1).max(1);
    let body = html! {
        h1 { "Timeline" }
        p.lead { "How the field grew: entries per domain and period, then every entry by the year it was introduced (an entry in several domains counts in each)." }
        div.tablewrap {
            table.heat {
                caption.sr-only { "Entries per domain and period" }
                thead { tr { th scope="col" { "Domain" } @for (label, _, _) in &periods { th scope="col" { (label) } } } }
                tbody {
                    @for (slug, title) in DOMAINS {
                        @let row: Vec<usize> = periods.iter().map(|(_, a, b)| count(slug, *a, *b)).collect();
                        @if row.iter().sum::<usize>() > 0 {
                            tr {
                                th scope="row" { a href=(ctx.href(&format!("?domain={slug}&sort=year"))) { (title) } }
                                @for n in row {
                                    @if n == 0 { td { span.sr-only { "0" } } }
                                    @else { td.n style=(format!("--n:{}", 12 + 60 * n / max_cell)) { (n) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { "By year" }
        div.years-list {
            @for (year, list) in by_year.iter().rev() {
                h3 #(format!("y{year}")) { @if *year == 0 { "Undated" } @else { (year) } " " span.muted { "(" (list.len()) ")" } }
                ul.chips {
                    @for e in list {
                        li { a href=(ctx.href(&format!("entry/{}", e.id))) { (e.name) } " " span.muted { (catalog::domain_title(e.domains.first().copied().unwrap_or("")).unwrap_or("")) } " " (status_badge(e)) }
                    }
                }
            }
        }
    };
    layout(ctx, Page { title: "Timeline".into(), description: "The loss functions of deep learning by year and domain.".into(), nav: Nav::Timeline, body, script: None })
}
