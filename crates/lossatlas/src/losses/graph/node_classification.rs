//! Semi-supervised node classification: cross-entropy of a graph neural network's node
//! predictions, evaluated on the labelled nodes only.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "node-classification",
    name: "Node Classification Loss",
    aliases: &["GCN Loss", "Masked Node Cross-Entropy"],
    kind: Kind::Loss,
    domains: &["graph", "semi-supervised", "classification"],
    year: 2017,
    paper: Paper {
        title: "Semi-Supervised Classification with Graph Convolutional Networks",
        authors: "Kipf & Welling",
        venue: "ICLR 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1609.02907",
    },
    summary: "The GCN is run on the whole graph, so every node gets a prediction, but the cross-entropy is summed only over the small labelled set Y_L; unlabelled nodes still shape the result through message passing, which is what makes the setting semi-supervised. The paper adds L2 weight decay (5e-4) on the first layer and dropout. Pitfalls: averaging over all nodes instead of the mask, and leaking validation or test labels through the mask.",
    formula: r"\mathcal{L} = -\sum_{l \in \mathcal{Y}_L} \sum_{f=1}^{F} Y_{lf} \ln Z_{lf},\quad Z = \operatorname{softmax}\big(\hat A\, \operatorname{ReLU}(\hat A X W^{(0)}) W^{(1)}\big)",
    inputs: &[
        Input { name: "logits", shape: "[V, C]", meaning: "class scores for every node" },
        Input { name: "targets", shape: "[V] (i64)", meaning: "node labels (only read where mask is true)" },
        Input { name: "mask", shape: "[V]", meaning: "true for labelled (training) nodes" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["cross-entropy", "l2-regularization", "vgae", "dgi"],
    status: Status::Planned("masked cross-entropy; evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
