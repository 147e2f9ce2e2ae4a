//! BGRL: bootstrapped graph representation learning, a BYOL-style objective on graphs that needs
//! no negative samples.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "bgrl",
    name: "BGRL Loss",
    aliases: &["BGRL", "Bootstrapped Graph Latents"],
    kind: Kind::Loss,
    domains: &["graph", "self-supervised"],
    year: 2022,
    paper: Paper {
        title: "Large-Scale Representation Learning on Graphs via Bootstrapping",
        authors: "Thakoor et al.",
        venue: "ICLR 2022",
        year: 2022,
        url: "https://arxiv.org/abs/2102.06514",
    },
    summary: "Two augmented views of a graph are encoded by an online encoder (followed by a predictor) and by a target encoder that is an exponential moving average of the online one; the loss is the negative cosine similarity between the online prediction of each node in one view and the target embedding of the same node in the other view, symmetrized. With no negatives its cost is linear in the number of nodes, which let the paper train on MAG240M (about 240 million nodes). The target side gets no gradient; without the predictor and EMA target the representation can collapse.",
    formula: r"\mathcal{L} = -\frac{2}{N}\sum_{i=1}^{N} \frac{\hat z_{(1,i)}^\top \tilde h_{(2,i)}}{\lVert \hat z_{(1,i)}\rVert\, \lVert \tilde h_{(2,i)}\rVert}\quad \text{(plus the same with the views swapped)}",
    inputs: &[
        Input { name: "pred", shape: "[N, D]", meaning: "online predictor outputs for the nodes of one view" },
        Input { name: "target", shape: "[N, D]", meaning: "target-encoder embeddings of the same nodes in the other view (no gradient)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["byol", "simsiam", "cosine-distance", "graphcl", "dgi"],
    status: Status::Planned("no reference cases; a negative cosine similarity, evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
