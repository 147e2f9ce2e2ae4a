//! PatchNCE (CUT): a patch-wise InfoNCE loss that makes each output patch's features identify the
//! input patch at the same location among other patches of the same image.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "patchnce",
    name: "PatchNCE Loss / Contrastive Unpaired Translation (CUT)",
    aliases: &["PatchNCE", "PatchNCE Loss", "CUT", "Contrastive Unpaired Translation"],
    kind: Kind::Loss,
    domains: &["image-translation", "self-supervised"],
    year: 2020,
    paper: Paper {
        title: "Contrastive Learning for Unpaired Image-to-Image Translation",
        authors: "Taesung Park, Alexei A. Efros, Richard Zhang, Jun-Yan Zhu",
        venue: "ECCV 2020",
        year: 2020,
        url: "https://arxiv.org/abs/2007.15651",
    },
    summary: "Replaces cycle consistency for one-directional unpaired translation: features of the output image at sampled locations (queries, after a small MLP head) must match the input-image features at the same locations (positives) against features at other locations of the same input (negatives), through a softmax cross-entropy at temperature 0.07, over 256 locations in each of several encoder layers. CUT's objective is a least-squares GAN term plus lambda_X PatchNCE on (x, G(x)) plus lambda_Y PatchNCE on (y, G(y)) as an identity-like term, with lambda_X = lambda_Y = 1; FastCUT uses lambda_X = 10, lambda_Y = 0. Using negatives from the same image rather than from other images worked better in the paper.",
    formula: r"\ell(\hat v, v^+, v^-) = -\log\frac{\exp(\hat v \cdot v^+ / \tau)}{\exp(\hat v \cdot v^+/\tau) + \sum_{n=1}^{N}\exp(\hat v \cdot v^-_n/\tau)},\qquad \mathcal{L}_{\text{PatchNCE}} = \mathbb{E}\sum_{l}\sum_{s} \ell\big(\hat z^s_l,\ z^s_l,\ z^{S\setminus s}_l\big)",
    inputs: &[
        Input { name: "query", shape: "[S, D]", meaning: "normalized features of the output image at S sampled locations (one layer)" },
        Input { name: "keys", shape: "[S, D]", meaning: "normalized features of the input image at the same locations (row s is the positive of query row s; the other rows are its negatives)" },
    ],
    params: &[
        Param { name: "nce_T", symbol: r"\tau", default: Value::Float(0.07), range: Range::POSITIVE, meaning: "temperature (reference code option nce_T)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["infonce", "nt-xent", "cycle-consistency", "cyclegan-identity", "lsgan"],
    status: Status::Planned("executable on given patch features; no reference cases"),
    eval: None,
    ..Entry::BLANK
};
