//! Graph Matching Networks: learn graph-level vectors (with cross-graph attention) so that
//! similar graphs are close, trained with pairwise or triplet margin losses.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "graph-matching",
    name: "Graph Matching Loss",
    aliases: &["Graph Matching Networks Loss", "GMN Loss"],
    kind: Kind::Loss,
    domains: &["graph", "metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Graph Matching Networks for Learning the Similarity of Graph Structured Objects",
        authors: "Li et al.",
        venue: "ICML 2019",
        year: 2019,
        url: "https://arxiv.org/abs/1904.12787",
    },
    summary: "Graph embedding or matching networks map two graphs to vectors h_G1, h_G2 and compare them with the squared Euclidean distance d. The pairwise loss is a margin loss max(0, gamma - t (1 - d)) with t = +1 for similar and -1 for dissimilar pairs; the triplet loss asks d(G1, G2) + gamma <= d(G1, G3) for a similar pair (G1, G2) and a dissimilar G3. The paper also gives Hamming-similarity versions for binary codes. Used for binary-function similarity search and graph edit distance learning; the matching variant's cross-graph attention makes embeddings pair-dependent and costlier.",
    formula: r"\mathcal{L}_{\text{pair}} = \mathbb{E}\big[\max\big(0,\ \gamma - t\,(1 - d(G_1, G_2))\big)\big],\quad \mathcal{L}_{\text{triplet}} = \mathbb{E}\big[\max\big(0,\ d(G_1, G_2) - d(G_1, G_3) + \gamma\big)\big],\quad d = \lVert h_{G_1} - h_{G_2}\rVert_2^2",
    inputs: &[
        Input { name: "z1", shape: "[N, D]", meaning: "vectors of the first graph of each pair (anchor for triplets)" },
        Input { name: "z2", shape: "[N, D]", meaning: "vectors of the second graph (the similar graph for triplets)" },
        Input { name: "negative", shape: "[N, D]", meaning: "form triplet: vectors of the dissimilar graph" },
        Input { name: "targets", shape: "[N]", meaning: "form pair: +1 similar, -1 dissimilar" },
    ],
    params: &[
        Param { name: "margin", symbol: r"\gamma", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "margin gamma" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["contrastive", "triplet", "hinge-embedding"],
    forms: &[
        Form { name: "pair", description: "pairwise margin loss with labels t in {-1, +1}." },
        Form { name: "triplet", description: "triplet margin loss on squared Euclidean distances." },
    ],
    status: Status::Planned("no reference cases; formula transcription pending"),
    eval: None,
    ..Entry::BLANK
};
