//! The web atlas of Loss Atlas: the embedded catalog as a local web app ([`router`], [`serve`])
//! and as static files for hosting without a server ([`export_site`]).
//!
//! Every page is rendered on the server from the catalog, the evaluator and the guide of the
//! `lossatlas` crate; nothing about an entry is written into a template. Reading works without
//! JavaScript; small inline scripts only make the search answer as you type and let the
//! playground and the guide update in place. Formulas are MathML rendered in Rust and plots
//! are SVG drawn in Rust, so the atlas needs no network.
//!
//! Routes (the static export writes the same pages as `.html` files with relative links):
//!
//! | route | what |
//! | --- | --- |
//! | `/` | domains, search as you type, filters, sort |
//! | `/entry/{id}` | one entry: formula, inputs, params, properties, usage, plot |
//! | `/plot/{id}.svg`, `/compare.svg?ids=a,b` | loss and derivative along a 1-D slice |
//! | `/compare?ids=a,b` | several losses overlaid |
//! | `/playground`, `/playground/{id}` | evaluate an entry on your own tensors |
//! | `/timeline` | the field by year across domains |
//! | `/guide` | which loss for which task and conditions |
//! | `/api/entries`, `/api/entries/{id}`, `/api/search`, `/api/eval`, `/api/recommend`, `/api/guide`, `/api/plot/{id}` | JSON |

mod api;
mod error;
mod export;
mod links;
mod pages;
mod plots;
mod query;
mod server;
pub mod snippet;
pub mod svg;

pub use export::{ExportSummary, export_site};
pub use server::{MAX_BODY_BYTES, router, serve, serve_blocking};
