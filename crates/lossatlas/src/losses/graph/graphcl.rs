//! GraphCL: contrastive pretraining of graph encoders on two augmented views of each graph with
//! an NT-Xent-style loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "graphcl",
    name: "GraphCL Loss",
    aliases: &["GraphCL", "Graph Contrastive Learning"],
    kind: Kind::Loss,
    domains: &["graph", "self-supervised"],
    year: 2020,
    paper: Paper {
        title: "Graph Contrastive Learning with Augmentations",
        authors: "You et al.",
        venue: "NeurIPS 2020",
        year: 2020,
        url: "https://arxiv.org/abs/2010.13902",
    },
    summary: "Each graph in a batch is augmented twice (node dropping, edge perturbation, attribute masking or subgraph sampling), encoded and projected; the loss asks each first-view embedding to be more cosine-similar, at temperature tau, to its own second view than to the second views of the other graphs. Unlike SimCLR's NT-Xent, the reference code contrasts only across views in one direction and leaves the positive out of the denominator, with tau = 0.2. The paper's main finding is that the choice of augmentations must suit the graph domain.",
    formula: r"\ell_n = -\log \frac{\exp\big(\operatorname{sim}(z_{n,1}, z_{n,2})/\tau\big)}{\sum_{n' \neq n} \exp\big(\operatorname{sim}(z_{n,1}, z_{n',2})/\tau\big)},\quad \operatorname{sim}(u, v) = \frac{u^\top v}{\lVert u\rVert \lVert v\rVert}",
    inputs: &[
        Input { name: "z1", shape: "[N, D]", meaning: "projected embeddings of the first augmented views" },
        Input { name: "z2", shape: "[N, D]", meaning: "projected embeddings of the second views (row n pairs with row n of z1)" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.2), range: Range::POSITIVE, meaning: "softmax temperature (0.2 in the reference code)" },
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
    related: &["nt-xent", "infonce", "dgi", "infograph", "bgrl"],
    status: Status::Planned("no reference cases; formula transcription pending"),
    eval: None,
    ..Entry::BLANK
};
