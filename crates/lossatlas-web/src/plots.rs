//! Plots of entries, computed once per process: an entry's slice is deterministic, and a slice
//! costs one evaluation per point.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use lossatlas::catalog;
use lossatlas::plot::{self, Slice};

use crate::error::WebError;

/// Points per slice.
pub(crate) const POINTS: usize = 121;
/// At most this many entries in one compare view.
pub(crate) const MAX_COMPARE: usize = 8;
/// The compare view that the navigation links to, and that the static export precomputes.
const DEFAULT_COMPARE: &[&str] = &["cross-entropy", "focal", "poly"];

/// [`DEFAULT_COMPARE`] less what is not runnable, or else the first implemented entries.
pub(crate) fn default_compare() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = DEFAULT_COMPARE.iter().filter_map(|id| catalog::get(id)).filter(|e| e.is_implemented()).map(|e| e.id).collect();
    if ids.len() < 2 {
        ids = catalog::all().filter(|e| e.is_implemented()).map(|e| e.id).take(3).collect();
    }
    ids
}

type Cache<T> = OnceLock<Mutex<HashMap<String, Result<T, WebError>>>>;
static SLICES: Cache<Slice> = OnceLock::new();
static SVGS: Cache<String> = OnceLock::new();

fn cached<T: Clone>(cache: &'static Cache<T>, key: &str, make: impl FnOnce() -> Result<T, WebError>) -> Result<T, WebError> {
    let map = cache.get_or_init(Default::default);
    if let Some(v) = map.lock().unwrap_or_else(|p| p.into_inner()).get(key) {
        return v.clone();
    }
    let v = make();
    let mut m = map.lock().unwrap_or_else(|p| p.into_inner());
    if m.len() > 2048 {
        m.clear();
    }
    m.insert(key.to_string(), v.clone());
    v
}

/// Checks that an id names an implemented entry: unknown is 404, not runnable is 400.
pub(crate) fn plottable(id: &str) -> Result<&'static catalog::Entry, WebError> {
    let e = catalog::get(id).ok_or_else(|| WebError::no_entry(id))?;
    if !e.is_implemented() {
        return Err(WebError::bad_request(format!("{}: no plot, the entry is {} ({})", e.id, e.status.slug(), e.status.reason().unwrap_or(""))));
    }
    Ok(e)
}

/// The slice of one entry.
pub(crate) fn slice(id: &str) -> Result<Slice, WebError> {
    let e = plottable(id)?;
    cached(&SLICES, e.id, || plot::slice(e.id, POINTS).map_err(WebError::from))
}

/// The ids of a compare view, checked: known, implemented, without repeats, at most
/// [`MAX_COMPARE`].
pub(crate) fn compare_ids(ids: &[String]) -> Result<Vec<&'static str>, WebError> {
    if ids.is_empty() {
        return Err(WebError::bad_request("ids: name at least one entry, e.g. ids=cross-entropy,focal"));
    }
    let mut out: Vec<&'static str> = vec![];
    for id in ids {
        let e = plottable(id)?;
        if !out.contains(&e.id) {
            out.push(e.id);
        }
    }
    if out.len() > MAX_COMPARE {
        return Err(WebError::bad_request(format!("ids: at most {MAX_COMPARE} entries at once, found {}", out.len())));
    }
    Ok(out)
}

/// The SVG of one or more entries overlaid.
pub(crate) fn svg(ids: &[&'static str]) -> Result<String, WebError> {
    cached(&SVGS, &ids.join(","), || {
        let slices = ids.iter().map(|id| slice(id)).collect::<Result<Vec<_>, _>>()?;
        crate::svg::slices_svg(&slices).map_err(WebError::internal)
    })
}
