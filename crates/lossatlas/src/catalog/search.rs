//! Keyword search over names, aliases, ids, summaries, papers and domains, tolerant of case,
//! punctuation (`info-nce` = `InfoNCE`) and small typos (`focall` → Focal).

use super::{Entry, Kind, all};

/// Lowercase alphanumerics only: `Info-NCE Loss` → `infonceloss`.
pub fn normalize(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(|c| c.to_lowercase()).collect()
}

/// Words of a text, normalized, without very short noise words.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(normalize).collect()
}

/// How to order results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Year,
    Name,
}

impl Sort {
    pub fn parse(s: &str) -> Option<Sort> {
        match s {
            "relevance" => Some(Sort::Relevance),
            "year" => Some(Sort::Year),
            "name" => Some(Sort::Name),
            _ => None,
        }
    }
}

/// Filters applied before ranking.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub domain: Option<String>,
    pub kind: Option<Kind>,
    pub since: Option<i32>,
    pub until: Option<i32>,
    /// `implemented`, `planned` or `not-executable`.
    pub status: Option<String>,
}

impl Filter {
    pub fn accepts(&self, e: &Entry) -> bool {
        self.domain.as_ref().is_none_or(|d| e.domains.contains(&d.as_str()))
            && self.kind.is_none_or(|k| e.kind == k)
            && self.since.is_none_or(|y| e.year >= y)
            && self.until.is_none_or(|y| e.year <= y)
            && self.status.as_ref().is_none_or(|s| e.status.slug() == s)
    }
}

/// The typo budget for a word of this length.
fn budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

fn fuzzy_eq(a: &str, b: &str) -> Option<usize> {
    if a == b {
        return Some(0);
    }
    let allowed = budget(a.len().min(b.len()));
    if allowed == 0 || a.len().abs_diff(b.len()) > allowed {
        return None;
    }
    let d = strsim::damerau_levenshtein(a, b);
    (d <= budget(a.len().min(b.len()))).then_some(d)
}

/// Score of the whole query against one name-like key (id, name, alias).
fn key_score(q: &str, key: &str) -> f64 {
    if q.is_empty() || key.is_empty() {
        return 0.0;
    }
    if q == key {
        return 100.0;
    }
    if let Some(d) = fuzzy_eq(q, key) {
        return 80.0 - 10.0 * d as f64;
    }
    if key.starts_with(q) && q.len() >= 3 {
        return 60.0 + 20.0 * q.len() as f64 / key.len() as f64;
    }
    // "focal" vs "focalloss": the key minus a trailing "loss".
    if let Some(stem) = key.strip_suffix("loss")
        && let Some(d) = fuzzy_eq(q, stem)
    {
        return 90.0 - 10.0 * d as f64;
    }
    if q.len() >= 4 && key.contains(q) {
        return 40.0 + 10.0 * q.len() as f64 / key.len() as f64;
    }
    0.0
}

/// Normalized search keys of one entry, computed once.
struct Keys {
    /// Whole-name keys: id, name, the parts of the name, aliases.
    names: Vec<String>,
    name_words: Vec<String>,
    text_words: Vec<String>,
    domain_words: Vec<String>,
}

fn keys_of(e: &Entry) -> Keys {
    let mut names: Vec<String> = vec![normalize(e.id), normalize(e.name)];
    for part in e.name.split(['/', '(', ')', ',']) {
        names.push(normalize(part));
    }
    names.extend(e.aliases.iter().map(|a| normalize(a)));
    names.retain(|k| !k.is_empty());
    names.sort();
    names.dedup();
    let mut name_words: Vec<String> = words(e.name).into_iter().chain(e.aliases.iter().flat_map(|a| words(a))).chain(words(e.id)).collect();
    name_words.sort();
    name_words.dedup();
    let mut text_words: Vec<String> = words(e.summary).into_iter().chain(words(e.paper.title)).chain(words(e.paper.authors)).collect();
    text_words.sort();
    text_words.dedup();
    let domain_words: Vec<String> = e.domains.iter().flat_map(|d| words(d)).chain(e.domains.iter().map(|d| normalize(d))).collect();
    Keys { names, name_words, text_words, domain_words }
}

fn cached_keys() -> &'static std::collections::HashMap<&'static str, Keys> {
    static KEYS: std::sync::OnceLock<std::collections::HashMap<&'static str, Keys>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| all().map(|e| (e.id, keys_of(e))).collect())
}

/// Relevance of an entry for a query; 0 means no match.
pub fn score(e: &Entry, query: &str) -> f64 {
    let owned;
    let k = match cached_keys().get(e.id) {
        Some(k) => k,
        None => {
            owned = keys_of(e);
            &owned
        }
    };
    let q = normalize(query);
    let whole = k.names.iter().map(|key| key_score(&q, key)).fold(0.0, f64::max);

    // Word-level matching for multi-word queries and keyword search in the text fields.
    let qwords = words(query);
    let mut word_score = 0.0;
    let mut matched = 0;
    for w in qwords.iter().filter(|w| w.len() >= 2 && !STOP.contains(&w.as_str())) {
        let best_in = |ws: &[String], weight: f64| -> f64 {
            ws.iter()
                .filter_map(|x| if x == w { Some(weight) } else { fuzzy_eq(w, x).map(|d| weight * (0.7 - 0.1 * d as f64)) })
                .fold(0.0, f64::max)
        };
        let s = best_in(&k.name_words, 12.0).max(best_in(&k.domain_words, 8.0)).max(best_in(&k.text_words, 4.0));
        if s > 0.0 {
            matched += 1;
        }
        word_score += s;
    }
    let n = qwords.len().max(1) as f64;
    // All words of a multi-word query matching counts for more than a partial match.
    let coverage = matched as f64 / n;
    whole + word_score * coverage
}

const STOP: &[&str] = &["loss", "the", "of", "for", "and", "a", "an", "with", "to", "in", "on"];

/// Ranked search. An empty query lists every entry that passes the filter.
pub fn search(query: &str, filter: &Filter, sort: Sort) -> Vec<(f64, &'static Entry)> {
    let mut hits: Vec<(f64, &'static Entry)> = all()
        .filter(|e| filter.accepts(e))
        .map(|e| (if query.trim().is_empty() { 1.0 } else { score(e, query) }, e))
        .filter(|(s, _)| *s > 0.0)
        .collect();
    match sort {
        Sort::Relevance => hits.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.year.cmp(&b.1.year)).then(a.1.id.cmp(b.1.id))),
        Sort::Year => hits.sort_by(|a, b| a.1.year.cmp(&b.1.year).then(a.1.id.cmp(b.1.id))),
        Sort::Name => hits.sort_by(|a, b| a.1.name.to_lowercase().cmp(&b.1.name.to_lowercase()).then(a.1.id.cmp(b.1.id))),
    }
    if sort == Sort::Relevance && !query.trim().is_empty() {
        // Drop the long tail of weak keyword matches when strong name matches exist.
        let top = hits.first().map(|h| h.0).unwrap_or(0.0);
        if top >= 60.0 {
            hits.retain(|h| h.0 >= top * 0.1);
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::get;

    fn top3(q: &str) -> Vec<&'static str> {
        search(q, &Filter::default(), Sort::Relevance).into_iter().take(3).map(|(_, e)| e.id).collect()
    }

    /// A deterministic one-letter typo: drop, double or swap a letter in the middle. Short
    /// acronyms (under six letters) are left alone: one letter off, `TR-DPO` is as close to
    /// `ORPO` as to itself.
    fn typo(s: &str, k: usize) -> String {
        let chars: Vec<char> = s.chars().collect();
        let letters: Vec<usize> = (0..chars.len()).filter(|&i| chars[i].is_alphabetic()).collect();
        if letters.len() < 6 {
            return s.to_string();
        }
        let i = letters[letters.len() / 2];
        let mut c = chars.clone();
        match k % 3 {
            0 => {
                c.remove(i);
            }
            1 => c.insert(i, chars[i]),
            _ => {
                if i + 1 < c.len() && c[i + 1].is_alphabetic() {
                    c.swap(i, i + 1);
                } else {
                    c.remove(i);
                }
            }
        }
        c.into_iter().collect()
    }

    #[test]
    fn forty_named_queries_find_their_entry() {
        let queries: &[(&str, &str)] = &[
            ("focal", "focal"),
            ("focall", "focal"),
            ("Focal Loss", "focal"),
            ("infonce", "infonce"),
            ("InfoNCE", "infonce"),
            ("info-nce", "infonce"),
            ("cross entropy", "cross-entropy"),
            ("crossentropy", "cross-entropy"),
            ("cross-entropi", "cross-entropy"),
            ("log loss", "cross-entropy"),
            ("BCE", "binary-cross-entropy"),
            ("BCEWithLogitsLoss", "binary-cross-entropy"),
            ("KL divergence", "kl-divergence"),
            ("kullback leibler", "kl-divergence"),
            ("dice", "dice"),
            ("dice loss", "dice"),
            ("tversky", "tversky"),
            ("giou", "giou"),
            ("generalized iou", "giou"),
            ("arcface", "arcface"),
            ("arc face", "arcface"),
            ("cosface", "cosface"),
            ("triplet", "triplet"),
            ("tripplet", "triplet"),
            ("contrastive", "contrastive"),
            ("huber", "huber"),
            ("hubr", "huber"),
            ("smooth l1", "smooth-l1"),
            ("mse", "mse"),
            ("mean squared error", "mse"),
            ("ctc", "ctc"),
            ("connectionist temporal classification", "ctc"),
            ("dpo", "dpo"),
            ("direct preference optimization", "dpo"),
            ("simpo", "simpo"),
            ("kto", "kto"),
            ("grpo", "grpo"),
            ("ssim", "ssim"),
            ("lovasz softmax", "lovasz-softmax"),
            ("nt-xent", "nt-xent"),
            ("ntxent", "nt-xent"),
            ("label smoothing", "label-smoothing"),
            ("hinge", "hinge"),
            ("wasserstein gan gradient penalty", "wgan-gp"),
            ("center loss", "center"),
            ("quantile", "quantile"),
            ("pinball", "quantile"),
        ];
        let mut bad = vec![];
        for (q, want) in queries {
            if get(want).is_none() {
                continue;
            }
            let top = top3(q);
            if !top.contains(want) {
                bad.push(format!("{q:?} -> {top:?} (want {want})"));
            }
        }
        assert!(bad.is_empty(), "queries whose entry is not in the top 3:\n{}", bad.join("\n"));
    }

    #[test]
    fn every_name_alias_and_typo_finds_its_entry() {
        let mut bad = vec![];
        for e in all() {
            let mut qs: Vec<String> = vec![e.id.to_string(), e.name.to_string(), typo(e.name, e.id.len())];
            qs.extend(e.aliases.iter().map(|a| a.to_string()));
            qs.extend(e.aliases.iter().enumerate().map(|(k, a)| typo(a, k)));
            for q in qs {
                let top = top3(&q);
                if !top.contains(&e.id) {
                    bad.push(format!("{q:?} -> {top:?} (want {})", e.id));
                }
            }
        }
        assert!(bad.is_empty(), "{} queries miss their entry:\n{}", bad.len(), bad.join("\n"));
    }

    #[test]
    fn filters_and_sorting() {
        let f = Filter { domain: Some("metric-learning".into()), since: Some(2015), ..Default::default() };
        let hits = search("", &f, Sort::Year);
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|(_, e)| e.domains.contains(&"metric-learning") && e.year >= 2015));
        assert!(hits.windows(2).all(|w| w[0].1.year <= w[1].1.year));
        let by_name = search("", &Filter::default(), Sort::Name);
        assert!(by_name.windows(2).all(|w| w[0].1.name.to_lowercase() <= w[1].1.name.to_lowercase()));
        let kinds = search("", &Filter { kind: Some(Kind::Method), ..Default::default() }, Sort::Relevance);
        assert!(kinds.iter().all(|(_, e)| e.kind == Kind::Method));
    }
}
