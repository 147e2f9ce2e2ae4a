//! Where a page lives. The server answers at absolute paths (`/entry/focal`); the static
//! export writes `.html` files linked relatively (`../entry/focal.html`), so that it works from
//! any folder of any static host and from `file://`. Pages name their links by a logical path
//! (`entry/focal`, `compare?ids=a,b`) and [`Ctx::href`] maps it.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Server,
    /// A static file `depth` folders below the site root.
    Static { depth: usize },
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    pub mode: Mode,
}

impl Ctx {
    pub const SERVER: Ctx = Ctx { mode: Mode::Server };

    pub fn static_at(depth: usize) -> Ctx {
        Ctx { mode: Mode::Static { depth } }
    }

    pub fn is_static(&self) -> bool {
        matches!(self.mode, Mode::Static { .. })
    }

    /// The link to a logical path: `""` (home), `entry/ID`, `playground`, `playground/ID`,
    /// `compare`, `timeline`, `guide`, `plot/ID.svg`, `api/...`; a query or fragment is kept.
    pub fn href(&self, logical: &str) -> String {
        match self.mode {
            Mode::Server => format!("/{logical}"),
            Mode::Static { depth } => format!("{}{}", "../".repeat(depth), static_path(logical)),
        }
    }
}

/// The file a logical path is exported to, with its query or fragment.
pub(crate) fn static_path(logical: &str) -> String {
    let cut = logical.find(['?', '#']).unwrap_or(logical.len());
    let (path, rest) = logical.split_at(cut);
    let file = static_file(path);
    format!("{file}{rest}")
}

/// The file of a path without query.
pub(crate) fn static_file(path: &str) -> String {
    let last = path.rsplit('/').next().unwrap_or("");
    if path.is_empty() {
        "index.html".into()
    } else if last.contains('.') {
        path.into()
    } else if path == "playground" {
        "playground/index.html".into()
    } else if path.starts_with("api/") {
        format!("{path}.json")
    } else {
        format!("{path}.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_links_are_absolute_and_static_links_relative_files() {
        assert_eq!(Ctx::SERVER.href("entry/focal"), "/entry/focal");
        assert_eq!(Ctx::SERVER.href(""), "/");
        let s = Ctx::static_at(1);
        assert_eq!(s.href("entry/focal"), "../entry/focal.html");
        assert_eq!(s.href(""), "../index.html");
        assert_eq!(s.href("compare?ids=a,b"), "../compare.html?ids=a,b");
        assert_eq!(s.href("plot/focal.svg"), "../plot/focal.svg");
        assert_eq!(s.href("playground"), "../playground/index.html");
        assert_eq!(Ctx::static_at(0).href("api/entries/focal"), "api/entries/focal.json");
        assert_eq!(Ctx::static_at(0).href("guide#practice"), "guide.html#practice");
    }
}
