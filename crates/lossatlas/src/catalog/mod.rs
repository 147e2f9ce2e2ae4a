//! The catalog: every entry of the atlas, its domains, lookup and search.
//!
//! Entries live one per file under `src/losses/<primary-domain>/<id>.rs` as a
//! `pub const ENTRY: Entry`. The flat list [`registry::ENTRIES`] and the `mod.rs` files of
//! `src/losses` are generated from the files on disk (`LOSSATLAS_BLESS=1 cargo test -p
//! lossatlas registry`); a test fails when they are out of date.

pub mod export;
pub mod formula;
mod model;
pub mod registry;
pub mod search;
#[cfg(test)]
mod tests;

pub use model::*;

/// Domain slugs and their titles. The first 35 are the domains of `shared/atlas/index.tsv`.
pub const DOMAINS: &[(&str, &str)] = &[
    ("classification", "Classification"),
    ("regression", "Regression"),
    ("segmentation", "Segmentation"),
    ("medical", "Medical imaging"),
    ("detection", "Object detection"),
    ("metric-learning", "Metric learning"),
    ("self-supervised", "Self-supervised learning"),
    ("gan", "Generative adversarial networks"),
    ("vae", "Variational autoencoders"),
    ("diffusion", "Diffusion and flow models"),
    ("image-translation", "Image-to-image translation"),
    ("super-resolution", "Super-resolution and restoration"),
    ("perceptual", "Perceptual and image-quality losses"),
    ("depth", "Depth estimation"),
    ("3d", "3D vision"),
    ("flow-video-pose", "Optical flow, video and pose"),
    ("video", "Video"),
    ("audio", "Audio and speech"),
    ("sequence", "Sequence modeling"),
    ("language-modeling", "Language modeling"),
    ("llm-alignment", "LLM alignment and preference optimization"),
    ("reinforcement-learning", "Reinforcement learning"),
    ("distillation", "Knowledge distillation"),
    ("calibration-fairness", "Calibration and fairness"),
    ("uncertainty", "Uncertainty estimation"),
    ("regularization", "Regularization"),
    ("semi-supervised", "Semi-supervised learning"),
    ("domain-adaptation", "Domain adaptation"),
    ("continual", "Continual learning"),
    ("multi-task", "Multi-task learning"),
    ("adversarial-ood", "Adversarial robustness and OOD detection"),
    ("anomaly-multimodal", "Anomaly detection and multimodal learning"),
    ("graph", "Graph learning"),
    ("recommendation", "Recommendation and ranking"),
    ("time-series", "Time series"),
    ("registration", "Image registration"),
];

/// The title of a domain slug.
pub fn domain_title(slug: &str) -> Option<&'static str> {
    DOMAINS.iter().find(|(s, _)| *s == slug).map(|(_, t)| *t)
}

/// Every entry, sorted by id.
pub fn all() -> impl Iterator<Item = &'static Entry> {
    registry::ENTRIES.iter().map(|(_, e)| *e)
}

/// The entry with this id, or with this alias (case-insensitive).
pub fn get(id: &str) -> Option<&'static Entry> {
    if let Ok(i) = registry::ENTRIES.binary_search_by(|(_, e)| e.id.cmp(id)) {
        return Some(registry::ENTRIES[i].1);
    }
    let lower = id.to_lowercase();
    all().find(|e| e.id == lower || e.aliases.iter().any(|a| a.to_lowercase() == lower))
}
