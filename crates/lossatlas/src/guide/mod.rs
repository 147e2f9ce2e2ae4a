//! The selection guide: which loss to use for a task, given its data and model, with reasons
//! and pitfalls. Data only references catalog ids (tested), so it stays in step with the
//! catalog; [`recommend`] turns it into a ranked, stable answer.

mod data;

use serde::Serialize;

pub use data::{CONDITIONS, LEARNING_PATH, PRACTICE, TASKS};

use crate::catalog;

/// One recommended entry with the reason and what to watch.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rec {
    pub id: &'static str,
    pub why: &'static str,
    pub pitfalls: &'static str,
}

/// A task people choose a loss for.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Task {
    pub slug: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// The default ranking, best first.
    pub recs: &'static [Rec],
    /// Condition-specific recommendations for this task: (condition slug, entries), ranked
    /// before the defaults when the condition is set.
    pub when: &'static [(&'static str, &'static [Rec])],
}

/// A property of the data or the training setup.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Condition {
    pub slug: &'static str,
    pub flag: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// Advice that holds for any task under this condition.
    pub advice: &'static str,
    /// Entries that help under this condition whatever the task, used when the task has no
    /// specific list for it.
    pub general: &'static [Rec],
}

/// A piece of practice advice.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Advice {
    pub topic: &'static str,
    pub text: &'static str,
}

/// A step of the learning path, with the entries to study.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Step {
    pub level: &'static str,
    pub ids: &'static [&'static str],
    pub note: &'static str,
}

/// One line of an answer.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub rank: usize,
    pub id: &'static str,
    pub name: &'static str,
    pub implemented: bool,
    pub why: &'static str,
    pub pitfalls: &'static str,
    /// The condition that brought it in, if any.
    pub because_of: Option<&'static str>,
}

/// The answer for a task and a set of conditions.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub task: &'static str,
    pub conditions: Vec<&'static str>,
    pub recommendations: Vec<Recommendation>,
    /// Condition advice that applies.
    pub notes: Vec<&'static str>,
    /// When no recommended entry is implemented yet: why, entry by entry.
    pub unavailable: Option<String>,
}

/// An unknown task or condition, with the known ones.
#[derive(Debug, Clone, PartialEq)]
pub enum GuideError {
    UnknownTask { given: String, known: Vec<&'static str> },
    UnknownCondition { given: String, known: Vec<&'static str> },
}

impl std::fmt::Display for GuideError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GuideError::UnknownTask { given, known } => write!(f, "unknown task {given:?}; known tasks: {}", known.join(", ")),
            GuideError::UnknownCondition { given, known } => write!(f, "unknown condition {given:?}; known conditions: {}", known.join(", ")),
        }
    }
}

impl std::error::Error for GuideError {}

pub fn task(slug: &str) -> Option<&'static Task> {
    TASKS.iter().find(|t| t.slug == slug)
}

pub fn condition(slug: &str) -> Option<&'static Condition> {
    CONDITIONS.iter().find(|c| c.slug == slug || c.flag == slug)
}

/// Ranked recommendations: for each condition (in the order given), the task's specific
/// entries for it (or the condition's general ones), then the task's defaults; duplicates keep
/// their first, highest place. Stable: the same question always gets the same answer.
pub fn recommend(task_slug: &str, conditions: &[&str]) -> Result<Answer, GuideError> {
    let t = task(task_slug).ok_or_else(|| GuideError::UnknownTask { given: task_slug.to_string(), known: TASKS.iter().map(|t| t.slug).collect() })?;
    let mut conds: Vec<&'static Condition> = vec![];
    for c in conditions {
        let cond = condition(c).ok_or_else(|| GuideError::UnknownCondition { given: c.to_string(), known: CONDITIONS.iter().map(|c| c.slug).collect() })?;
        if !conds.iter().any(|x| x.slug == cond.slug) {
            conds.push(cond);
        }
    }
    let mut out: Vec<Recommendation> = vec![];
    let push = |r: &Rec, because: Option<&'static str>, out: &mut Vec<Recommendation>| {
        if out.iter().any(|x| x.id == r.id) {
            return;
        }
        let e = catalog::get(r.id).expect("guide ids are catalog ids (tested)");
        out.push(Recommendation { rank: out.len() + 1, id: e.id, name: e.name, implemented: e.is_implemented(), why: r.why, pitfalls: r.pitfalls, because_of: because });
    };
    for cond in &conds {
        let specific = t.when.iter().find(|(s, _)| *s == cond.slug).map(|(_, r)| *r);
        for r in specific.unwrap_or(cond.general) {
            push(r, Some(cond.slug), &mut out);
        }
    }
    for r in t.recs {
        push(r, None, &mut out);
    }
    let unavailable = if out.iter().any(|r| r.implemented) {
        None
    } else {
        let why: Vec<String> = out
            .iter()
            .map(|r| {
                let e = catalog::get(r.id).expect("guide ids are catalog ids (tested)");
                format!("{} is {} ({})", e.id, e.status.slug(), e.status.reason().unwrap_or(""))
            })
            .collect();
        Some(format!("No recommended entry is implemented in Loss Atlas yet: {}.", why.join("; ")))
    };
    Ok(Answer { task: t.slug, conditions: conds.iter().map(|c| c.slug).collect(), recommendations: out, notes: conds.iter().map(|c| c.advice).collect(), unavailable })
}

#[cfg(test)]
mod tests;
