//! Query strings shared by pages and the JSON API: the search filters of the home page and
//! `/api/search`, parsed once with the same messages for both.

use lossatlas::catalog::search::{self, Filter, Sort};
use lossatlas::catalog::{self, Entry, Kind, Properties, Tri};

use crate::error::WebError;

/// The key/value pairs of a query string, in order (keys may repeat: `prop=a&prop=b`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(raw: Option<&str>) -> Query {
        Query(raw.map(|r| form_urlencoded::parse(r.as_bytes()).into_owned().collect()).unwrap_or_default())
    }

    /// The first non-empty value of a key, trimmed.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().filter(|(k, _)| k == key).map(|(_, v)| v.trim()).find(|v| !v.is_empty())
    }

    /// Every value of a key, repeated or comma-separated.
    pub fn list(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .flat_map(|(_, v)| v.split(',').map(|s| s.trim().to_string()).collect::<Vec<_>>())
            .filter(|s| !s.is_empty())
            .collect()
    }

    fn int(&self, key: &str) -> Result<Option<i64>, WebError> {
        self.get(key).map(|v| v.parse::<i64>().map_err(|_| WebError::bad_request(format!("{key} must be an integer, found {v:?}")))).transpose()
    }
}

/// A declared property that the filters can require (it must be `yes`).
pub(crate) struct Prop {
    pub slug: &'static str,
    pub label: &'static str,
    pub get: fn(&Properties) -> Tri,
}

pub(crate) const PROPS: &[Prop] = &[
    Prop { slug: "convex", label: "convex", get: |p| p.convex },
    Prop { slug: "smooth", label: "smooth", get: |p| p.smooth },
    Prop { slug: "bounded", label: "bounded", get: |p| p.bounded },
    Prop { slug: "robust-to-outliers", label: "robust to outliers", get: |p| p.robust_to_outliers },
    Prop { slug: "suits-imbalance", label: "for class imbalance", get: |p| p.suits_imbalance },
    Prop { slug: "suits-label-noise", label: "for label noise", get: |p| p.suits_label_noise },
];

/// The property slugs an entry declares as `yes`.
pub(crate) fn yes_props(e: &Entry) -> Vec<&'static str> {
    PROPS.iter().filter(|p| (p.get)(&e.properties) == Tri::Yes).map(|p| p.slug).collect()
}

pub(crate) const STATUSES: [&str; 3] = ["implemented", "planned", "not-executable"];
pub(crate) const SORTS: [&str; 3] = ["relevance", "year", "name"];

/// A search with its filters.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchQuery {
    pub q: String,
    pub filter: Filter,
    pub props: Vec<&'static str>,
    pub sort: Sort,
    pub sort_slug: &'static str,
    pub limit: Option<usize>,
}

impl SearchQuery {
    pub fn from_query(q: &Query) -> Result<SearchQuery, WebError> {
        let mut s = SearchQuery { q: q.get("q").unwrap_or("").to_string(), sort_slug: "relevance", ..Default::default() };
        if s.q.chars().count() > 200 {
            return Err(WebError::bad_request("q is longer than 200 characters"));
        }
        if let Some(d) = q.get("domain") {
            if catalog::domain_title(d).is_none() {
                let known: Vec<&str> = catalog::DOMAINS.iter().map(|(s, _)| *s).collect();
                return Err(WebError::bad_request(format!("unknown domain {d:?}; known: {}", known.join(", "))));
            }
            s.filter.domain = Some(d.to_string());
        }
        if let Some(k) = q.get("kind") {
            s.filter.kind = Some(Kind::parse(k).ok_or_else(|| WebError::bad_request(format!("unknown kind {k:?}; known: loss, penalty, score, composite, method")))?);
        }
        if let Some(st) = q.get("status") {
            if !STATUSES.contains(&st) {
                return Err(WebError::bad_request(format!("unknown status {st:?}; known: {}", STATUSES.join(", "))));
            }
            s.filter.status = Some(st.to_string());
        }
        let year = |v: Option<i64>| v.map(|y| i32::try_from(y).map_err(|_| WebError::bad_request(format!("year {y} is out of range")))).transpose();
        s.filter.since = year(q.int("since")?)?;
        s.filter.until = year(q.int("until")?)?;
        for p in q.list("prop") {
            let prop = PROPS.iter().find(|x| x.slug == p).ok_or_else(|| {
                let known: Vec<&str> = PROPS.iter().map(|x| x.slug).collect();
                WebError::bad_request(format!("unknown property {p:?}; known: {}", known.join(", ")))
            })?;
            if !s.props.contains(&prop.slug) {
                s.props.push(prop.slug);
            }
        }
        if let Some(so) = q.get("sort") {
            s.sort = Sort::parse(so).ok_or_else(|| WebError::bad_request(format!("unknown sort {so:?}; known: {}", SORTS.join(", "))))?;
            s.sort_slug = SORTS.into_iter().find(|x| *x == so).unwrap_or("relevance");
        }
        if let Some(l) = q.int("limit")? {
            s.limit = Some(usize::try_from(l).map_err(|_| WebError::bad_request(format!("limit must not be negative, found {l}")))?);
        }
        Ok(s)
    }

    /// Whether nothing narrows or reorders the catalog.
    pub fn is_everything(&self) -> bool {
        self.q.is_empty()
            && self.filter.domain.is_none()
            && self.filter.kind.is_none()
            && self.filter.status.is_none()
            && self.filter.since.is_none()
            && self.filter.until.is_none()
            && self.props.is_empty()
    }

    /// Whether a filter other than the text is set (the home page opens its filter panel).
    pub fn has_filters(&self) -> bool {
        !(SearchQuery { q: String::new(), ..self.clone() }).is_everything() || self.sort != Sort::Relevance
    }

    /// The ranked hits.
    pub fn run(&self) -> Vec<(f64, &'static Entry)> {
        let mut hits = search::search(&self.q, &self.filter, self.sort);
        hits.retain(|(_, e)| self.props.iter().all(|p| yes_props(e).contains(p)));
        if let Some(l) = self.limit {
            hits.truncate(l);
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_and_comma_separated_values_are_one_list() {
        let q = Query::parse(Some("prop=convex&prop=smooth,bounded&q=+focal+"));
        assert_eq!(q.list("prop"), ["convex", "smooth", "bounded"]);
        assert_eq!(q.get("q"), Some("focal"));
        assert_eq!(q.get("missing"), None);
    }

    #[test]
    fn bad_filters_are_explained() {
        for (raw, want) in [("domain=cooking", "unknown domain"), ("kind=x", "unknown kind"), ("since=abc", "since must be an integer"), ("sort=best", "unknown sort"), ("prop=tasty", "unknown property"), ("limit=-1", "limit")] {
            let err = SearchQuery::from_query(&Query::parse(Some(raw))).unwrap_err();
            assert!(err.message.contains(want), "{raw}: {}", err.message);
        }
    }
}
