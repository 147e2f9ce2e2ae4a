//! DINOv2's pretraining objective: DINO's image-level self-distillation, iBOT's masked patch
//! self-distillation and a KoLeo spreading term.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dinov2",
    name: "DINOv2 Loss",
    aliases: &["DINOv2"],
    kind: Kind::Composite,
    domains: &["self-supervised", "distillation"],
    year: 2023,
    paper: Paper {
        title: "DINOv2: Learning Robust Visual Features without Supervision",
        authors: "Oquab et al.",
        venue: "",
        year: 2023,
        url: "https://arxiv.org/abs/2304.07193",
    },
    summary: "Sums three terms computed with a student ViT and its EMA teacher: the DINO cross-entropy between teacher and student class-token prototype distributions across crops; the iBOT cross-entropy on the patch tokens that are masked in the student's input, against the teacher's distribution for the same unmasked patches (with a separate head); and the KoLeo regularizer on the student's class tokens with weight 0.1. Teacher outputs are centered with Sinkhorn-Knopp balancing instead of DINO's running mean. The recipe also relies on curated data, large batches and a short high-resolution phase at the end.",
    formula: r"\mathcal{L} = \mathcal{L}_{\text{DINO}} + \mathcal{L}_{\text{iBOT}} + 0.1\,\mathcal{L}_{\text{KoLeo}},\quad \mathcal{L}_{\text{iBOT}} = -\sum_{i \in \text{masked}} \sum_{k} p^{t}_{ik}\log p^{s}_{ik}",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["dino", "koleo", "swav", "msn"],
    uses: &["dino", "koleo"],
    forms: &[],
    status: Status::NotExecutable("a recipe over a student network and its EMA teacher; its DINO and KoLeo terms are separate entries (iBOT's masked-patch term has no entry yet)"),
    eval: None,
    ..Entry::BLANK
};
