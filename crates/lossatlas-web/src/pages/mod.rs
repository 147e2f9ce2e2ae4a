//! Server-rendered HTML (maud): the layout and the parts that several pages share. Every
//! value shown comes from the catalog, the evaluator or the guide; maud escapes it.

mod compare;
mod entry;
mod guide;
mod home;
mod playground;
mod timeline;

pub(crate) use compare::compare;
pub(crate) use entry::{entry, mathml, range};
pub(crate) use guide::{GuideQuery, guide};
pub(crate) use home::home;
pub(crate) use playground::{PlaygroundForm, playground, playground_index};
pub(crate) use timeline::timeline;

use lossatlas::catalog::{self, Entry};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::error::WebError;
use crate::links::Ctx;

const CSS: &str = include_str!("../assets/style.css");

/// Which navigation item is the current page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nav {
    Atlas,
    Compare,
    Playground,
    Timeline,
    Guide,
    None,
}

/// A whole page.
pub(crate) struct Page<'a> {
    pub title: String,
    pub description: String,
    pub nav: Nav,
    pub body: Markup,
    /// An inline script that enhances the page.
    pub script: Option<&'a str>,
}

pub(crate) fn layout(ctx: &Ctx, p: Page) -> Markup {
    let items = [(Nav::Atlas, "", "Atlas"), (Nav::Compare, "compare", "Compare"), (Nav::Playground, "playground", "Playground"), (Nav::Timeline, "timeline", "Timeline"), (Nav::Guide, "guide", "Guide")];
    let n = catalog::all().count();
    let implemented = catalog::all().filter(|e| e.is_implemented()).count();
    let title = if p.nav == Nav::Atlas && p.title == "Loss Atlas" { p.title.clone() } else { format!("{} · Loss Atlas", p.title) };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta name="description" content=(p.description);
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body data-static=(if ctx.is_static() { "1" } else { "0" }) {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    div.wrap {
                        a.brand href=(ctx.href("")) { "Loss" span { "Atlas" } }
                        nav aria-label="Main" {
                            ul {
                                @for (nav, path, label) in items {
                                    li { a href=(ctx.href(path)) aria-current=[(nav == p.nav).then_some("page")] { (label) } }
                                }
                            }
                        }
                    }
                }
                main #main .wrap { (p.body) }
                footer {
                    div.wrap {
                        "Loss Atlas: " (n) " entries, " (implemented) " implemented and checked against reference libraries. "
                        @if ctx.is_static() {
                            "A static copy: run " code { "lossatlas serve" } " for live evaluation. "
                        }
                        "JSON: " a href=(ctx.href("api/entries")) { "entries" } ", " a href=(ctx.href("api/guide")) { "guide" } "."
                    }
                }
                @if let Some(js) = p.script {
                    script { (PreEscaped(js)) }
                }
            }
        }
    }
}

/// An error as a page.
pub(crate) fn error_page(ctx: &Ctx, err: &WebError) -> Markup {
    let title = match err.status.as_u16() {
        404 => "Not found",
        413 => "Too large",
        400 => "Bad request",
        _ => "Error",
    };
    layout(
        ctx,
        Page {
            title: title.into(),
            description: err.message.clone(),
            nav: Nav::None,
            body: html! {
                h1 { (title) }
                p.result.error role="alert" { (err.message) }
                p { a href=(ctx.href("")) { "Back to the atlas" } }
            },
            script: None,
        },
    )
}

/// The status badge of an entry.
pub(crate) fn status_badge(e: &Entry) -> Markup {
    let slug = e.status.slug();
    let label = match slug {
        "implemented" => "implemented",
        "planned" => "planned",
        _ => "not executable",
    };
    html! { span class=(format!("badge st-{slug}")) title=[e.status.reason()] { (label) } }
}

pub(crate) fn year(e: &Entry) -> String {
    match (e.year, e.year_approx) {
        (0, _) => "undated".into(),
        (y, true) => format!("~{y}"),
        (y, false) => y.to_string(),
    }
}

/// A link to an entry by id, or the id as text when the catalog lacks it.
pub(crate) fn entry_link(ctx: &Ctx, id: &str) -> Markup {
    match catalog::get(id) {
        Some(e) => html! { a href=(ctx.href(&format!("entry/{}", e.id))) { (e.name) } },
        None => html! { code { (id) } },
    }
}

pub(crate) fn domain_chips(ctx: &Ctx, e: &Entry) -> Markup {
    html! {
        ul.chips aria-label="Domains" {
            @for d in e.domains {
                li { a href=(ctx.href(&format!("?domain={d}"))) { (catalog::domain_title(d).unwrap_or(d)) } }
            }
        }
    }
}
