//! InfoGraph: learn graph-level representations by maximizing mutual information between the
//! graph embedding and the embeddings of its own nodes (patches), with a Jensen-Shannon estimator.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "infograph",
    name: "InfoGraph Loss",
    aliases: &["InfoGraph"],
    kind: Kind::Loss,
    domains: &["graph", "self-supervised", "semi-supervised"],
    year: 2020,
    paper: Paper {
        title: "InfoGraph: Unsupervised and Semi-supervised Graph-Level Representation Learning",
        authors: "Sun et al.",
        venue: "ICLR 2020",
        year: 2020,
        url: "https://arxiv.org/abs/1908.01000",
    },
    summary: "Applies Deep InfoMax to whole graphs: a readout of multi-layer node features gives the graph vector H_G, and a discriminator T scores (node, graph) pairs; pairs from the same graph are positives and pairs of a node with another graph in the batch are negatives, combined through the Jensen-Shannon MI estimator with softplus terms. InfoGraph* adds a semi-supervised variant in which a supervised encoder and the unsupervised one are tied by a second MI term between their representations. Negatives come only from within the batch, so batch composition matters.",
    formula: r"\mathcal{L} = -\sum_{G}\frac{1}{\lvert V_G\rvert}\sum_{u \in V_G} \Big(\mathbb{E}_{\mathbb{P}}\big[-\operatorname{sp}(-T(h_u, H_G))\big] - \mathbb{E}_{\mathbb{P}\times\tilde{\mathbb{P}}}\big[\operatorname{sp}(T(h'_u, H_G))\big]\Big),\quad \operatorname{sp}(x) = \log(1 + e^x)",
    inputs: &[
        Input { name: "node_embeddings", shape: "[V, D]", meaning: "patch (node) representations of all graphs in the batch" },
        Input { name: "graph_embeddings", shape: "[G, D]", meaning: "graph representations" },
        Input { name: "batch", shape: "[V] (i64)", meaning: "graph index of each node" },
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
    related: &["dgi", "graphcl", "mutual-information", "infonce"],
    status: Status::Planned("no reference cases; formula transcription pending"),
    eval: None,
    ..Entry::BLANK
};
