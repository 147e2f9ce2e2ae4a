//! Deep Graph Infomax: learn node embeddings by maximizing mutual information between each node's
//! local representation and a summary of the whole graph, against a corrupted graph.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dgi",
    name: "Deep Graph Infomax (DGI) Loss",
    aliases: &["DGI", "Deep Graph Infomax"],
    kind: Kind::Loss,
    domains: &["graph", "self-supervised"],
    year: 2019,
    paper: Paper {
        title: "Deep Graph Infomax",
        authors: "Veličković et al.",
        venue: "ICLR 2019",
        year: 2019,
        url: "https://arxiv.org/abs/1809.10341",
    },
    summary: "A bilinear discriminator D(h, s) = sigma(h^T W s) is trained with binary cross-entropy to tell node embeddings h_i of the real graph (positives) from embeddings of a corrupted graph (negatives, usually the same graph with node features shuffled), both scored against the summary s = sigma(mean of the real h_i). This Jensen-Shannon-style bound on local-global mutual information learns unsupervised node embeddings competitive with supervised GCNs on transductive benchmarks. The corruption function is the main design choice.",
    formula: r"\mathcal{L} = -\frac{1}{N + M}\Big(\sum_{i=1}^{N} \log D(h_i, s) + \sum_{j=1}^{M} \log\big(1 - D(\tilde h_j, s)\big)\Big),\quad D(h, s) = \sigma(h^\top W s)",
    inputs: &[
        Input { name: "pos_embeddings", shape: "[N, D]", meaning: "node embeddings of the real graph" },
        Input { name: "neg_embeddings", shape: "[M, D]", meaning: "node embeddings of the corrupted graph" },
        Input { name: "summary", shape: "[D]", meaning: "graph summary vector s" },
        Input { name: "weight", shape: "[D, D]", meaning: "bilinear discriminator matrix W" },
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
    equivalents: &["torch_geometric.nn.DeepGraphInfomax"],
    related: &["infograph", "graphcl", "bgrl", "infonce", "binary-cross-entropy"],
    status: Status::Planned("no reference cases; formula transcription pending"),
    eval: None,
    ..Entry::BLANK
};
