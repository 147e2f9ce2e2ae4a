//! The static export: every page and plot is written, and every relative link of every page
//! points at a file that exists, so the copy works from any folder and from `file://`.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { files(&p, out) } else { out.push(p) }
    }
}

/// The values of `href="..."` and `src="..."` attributes.
fn links(html: &str) -> Vec<String> {
    let mut out = vec![];
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

#[test]
fn the_static_site_is_complete_and_its_links_resolve() {
    let dir = std::env::temp_dir().join(format!("lossatlas-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let summary = lossatlas_web::export_site(&dir).unwrap();
    let catalog = lossatlas::catalog::all().count();
    assert!(summary.pages > catalog, "{summary:?}");
    for f in ["index.html", "timeline.html", "guide.html", "compare.html", "compare.svg", "playground/index.html", "404.html", "api/entries.json", "api/guide.json", "entry/cross-entropy.html", "plot/cross-entropy.svg", "playground/cross-entropy.html", "api/entries/cross-entropy.json"] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    let mut all = vec![];
    files(&dir, &mut all);
    let mut broken = vec![];
    for page in all.iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
        let html = std::fs::read_to_string(page).unwrap();
        assert!(!html.contains("href=\"/") && !html.contains("src=\"/"), "{}: absolute link in a static page", page.display());
        for link in links(&html) {
            if link.starts_with("http://") || link.starts_with("https://") || link.starts_with('#') {
                continue;
            }
            let path = link.split(['?', '#']).next().unwrap();
            if !page.parent().unwrap().join(path).is_file() {
                broken.push(format!("{}: {link}", page.strip_prefix(&dir).unwrap().display()));
            }
        }
    }
    broken.sort();
    broken.dedup();
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let playground = std::fs::read_to_string(dir.join("playground/cross-entropy.html")).unwrap();
    assert!(playground.contains("static copy") && playground.contains("code class=\"value\""), "precomputed result");
    std::fs::remove_dir_all(&dir).unwrap();
}
