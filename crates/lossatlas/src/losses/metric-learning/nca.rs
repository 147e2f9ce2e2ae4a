//! NCA loss: the negative log-probability that a soft nearest neighbour (softmax over negative
//! squared distances) of each point has the same label.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "nca",
    name: "Neighbourhood Components Analysis Loss",
    aliases: &["NCA Loss", "NCA"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2004,
    paper: Paper {
        title: "Neighbourhood Components Analysis",
        authors: "Goldberger, J., Roweis, S., Hinton, G., Salakhutdinov, R.",
        venue: "NeurIPS",
        year: 2004,
        url: "https://www.cs.toronto.edu/~hinton/absps/nca.pdf",
    },
    summary: "Each point picks a neighbour with probability proportional to exp(-scale * squared distance), excluding itself; the loss is minus the log of the probability mass on same-label neighbours. It directly optimizes leave-one-out soft kNN accuracy and is the ancestor of proxy-NCA. Points whose label appears only once in the batch have no same-label neighbour and are skipped.",
    formula: r"\ell_i = -\log \sum_{j \ne i,\ y_j = y_i} \frac{e^{-s\,d_{ij}}}{\sum_{k \ne i} e^{-s\,d_{ik}}},\quad d_{ij} = \lVert x_i - x_j\rVert_2^2",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "softmax_scale", symbol: "s", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "multiplies the distances inside the softmax" },
        Param { name: "distance", symbol: "", default: Value::Str("LpDistance(normalize_embeddings=True, p=2, power=2)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
    equivalents: &[
        "pytorch_metric_learning.losses.NCALoss",
    ],
    related: &["proxy-nca", "nca-pair"],
    forms: &[
        Form { name: "pml", description: "PML NCALoss on normalized embeddings with squared L2 distance; losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
