//! Memory aware synapses: an EWC-style quadratic penalty whose importances are the average gradient
//! magnitudes of the squared L2 norm of the network's output, computable without labels.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mas",
    name: "Memory Aware Synapses (MAS) Loss",
    aliases: &["Memory Aware Synapses"],
    kind: Kind::Penalty,
    domains: &["continual", "regularization"],
    year: 2018,
    paper: Paper {
        title: "Memory Aware Synapses: Learning What (not) to Forget",
        authors: "Rahaf Aljundi, Francesca Babiloni, Mohamed Elhoseiny, Marcus Rohrbach, Tinne Tuytelaars",
        venue: "ECCV",
        year: 2018,
        url: "https://arxiv.org/abs/1711.09601",
    },
    summary: "Measures the importance of each parameter as the mean absolute gradient of the squared L2 norm of the network's output with respect to that parameter, over data points; because it needs no labels or loss, importances can be estimated on any (even unlabelled, test-time) data and updated online. New tasks pay lambda * sum_ij Omega_ij (theta_ij - theta*_ij)^2. Like other importance-based penalties it struggles in class-incremental settings.",
    formula: r"\mathcal{L}(\theta) = \mathcal{L}_n(\theta) + \lambda\sum_{i, j}\Omega_{ij}\bigl(\theta_{ij} - \theta^*_{ij}\bigr)^2,\quad \Omega_{ij} = \frac{1}{N}\sum_{k=1}^{N}\Bigl|\frac{\partial\,\lVert F(x_k; \theta) \rVert_2^2}{\partial \theta_{ij}}\Bigr|",
    inputs: &[
        Input { name: "parameters", shape: "[P]", meaning: "current parameters (flattened)" },
        Input { name: "anchor_parameters", shape: "[P]", meaning: "parameters after the previous task" },
        Input { name: "importance", shape: "[P]", meaning: "importances Omega" },
    ],
    params: &[
        Param { name: "lambda_reg", symbol: r"\lambda", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "penalty strength (avalanche's default)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Parameters,
    },
    equivalents: &["avalanche.training.plugins.MASPlugin"],
    related: &["ewc", "synaptic-intelligence"],
    status: Status::Planned("the penalty is a function of parameters, anchors and importances; estimating the importances needs the model; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
