//! The static export: the same pages as the server, written as files with relative links, for
//! hosting without a server. Plots are precomputed; the playground shows the example's result.

use std::path::{Path, PathBuf};

use lossatlas::catalog::{self, Entry};
use maud::Markup;

use crate::error::WebError;
use crate::links::{Ctx, static_file};
use crate::pages::{self, GuideQuery};
use crate::query::{Query, SearchQuery};
use crate::{api, plots, snippet};

/// What [`export_site`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSummary {
    pub pages: usize,
    pub plots: usize,
    pub json: usize,
}

struct Writer {
    root: PathBuf,
    summary: ExportSummary,
}

impl Writer {
    fn write(&mut self, logical: &str, text: &str) -> Result<(), String> {
        let path = self.root.join(static_file(logical));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        match path.extension().and_then(|e| e.to_str()) {
            Some("html") => self.summary.pages += 1,
            Some("svg") => self.summary.plots += 1,
            _ => self.summary.json += 1,
        }
        Ok(())
    }

    fn page(&mut self, logical: &str, make: impl FnOnce(&Ctx) -> Markup) -> Result<(), String> {
        let depth = static_file(logical).matches('/').count();
        self.write(logical, &make(&Ctx::static_at(depth)).into_string())
    }

    fn json(&mut self, logical: &str, v: &serde_json::Value) -> Result<(), String> {
        self.write(logical, &serde_json::to_string_pretty(v).expect("JSON serializes"))
    }
}

/// The SVGs of entries that have a plot, computed on all cores.
fn plot_all(ids: &[&'static str]) -> Vec<(&'static str, Result<String, WebError>)> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).min(ids.len().max(1));
    let chunks: Vec<Vec<&'static str>> = (0..threads).map(|t| ids.iter().copied().skip(t).step_by(threads).collect()).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = chunks.iter().map(|c| s.spawn(move || c.iter().map(|id| (*id, plots::svg(&[id]))).collect::<Vec<_>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

/// Writes the whole atlas under `dir` as static files (`index.html`, `entry/ID.html`,
/// `plot/ID.svg`, `playground/ID.html`, `compare.html`, `timeline.html`, `guide.html`, `api/*.json`).
pub fn export_site(dir: &Path) -> Result<ExportSummary, String> {
    let mut w = Writer { root: dir.to_path_buf(), summary: ExportSummary::default() };
    let entries: Vec<&'static Entry> = catalog::all().collect();
    let plottable: Vec<&'static str> = entries.iter().filter(|e| e.is_implemented() && snippet::example(e.id).is_some()).map(|e| e.id).collect();
    for e in entries.iter().filter(|e| e.is_implemented()) {
        w.page(&format!("playground/{}", e.id), |c| pages::playground(c, e, None))?;
    }

    w.page("", |c| pages::home(c, &SearchQuery::default()))?;
    for e in &entries {
        w.page(&format!("entry/{}", e.id), |c| pages::entry(c, e))?;
        w.json(&format!("api/entries/{}", e.id), &api::entry(&Ctx::static_at(2), e.id).map_err(|e| e.message)?)?;
    }
    for (id, svg) in plot_all(&plottable) {
        w.write(&format!("plot/{id}.svg"), &svg.map_err(|e| format!("plot of {id}: {}", e.message))?)?;
    }
    w.page("playground", pages::playground_index)?;
    let ids = plots::default_compare();
    if !ids.is_empty() {
        w.page("compare", |c| pages::compare(c, &ids))?;
        w.write("compare.svg", &plots::svg(&ids).map_err(|e| e.message)?)?;
    }
    w.page("timeline", pages::timeline)?;
    w.page("guide", |c| pages::guide(c, &GuideQuery::default()))?;
    w.page("404", |c| pages::error_page(c, &WebError::not_found("no such page in the atlas")))?;
    w.json("api/entries", &api::list(&Ctx::static_at(1), &Query::default()).map_err(|e| e.message)?)?;
    w.json("api/guide", &api::guide_json())?;
    Ok(w.summary)
}
