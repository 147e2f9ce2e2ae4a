//! ElasticFace: ArcFace / CosFace with a margin drawn afresh from a normal distribution for every
//! sample, instead of one fixed margin.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "elasticface",
    name: "ElasticFace",
    aliases: &["ElasticFace Loss", "Elastic Margin Loss", "ElasticArcFace", "ElasticCosFace"],
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2022,
    paper: Paper {
        title: "ElasticFace: Elastic Margin Loss for Deep Face Recognition",
        authors: "Boutros et al.",
        venue: "CVPR Workshops 2022",
        year: 2022,
        url: "https://arxiv.org/abs/2109.09416",
    },
    summary: "Relaxes the fixed margin of ArcFace (angular, cos(theta + m)) or CosFace (additive, cos theta - m) by drawing a margin from N(m, sigma^2) for each sample at each step, which gives the decision boundary room to adapt to classes with different spreads. The '+' variants sort the drawn margins so that samples farther from their class centre receive the larger margins. The loss is stochastic: reproducing a value requires the drawn margins (or the random generator state).",
    formula: r"\ell = -\log \frac{e^{s \cos(\theta_y + E(m, \sigma))}}{e^{s \cos(\theta_y + E(m, \sigma))} + \sum_{j \neq y} e^{s \cos \theta_j}},\quad E(m, \sigma) \sim \mathcal{N}(m, \sigma^2)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "face embeddings (normalized inside)" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "identity labels" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight matrix (normalized inside)" },
        Input { name: "margins", shape: "[N]", meaning: "the per-sample margins drawn from N(m, sigma^2) (makes the value reproducible)" },
    ],
    params: &[
        Param { name: "s", symbol: "s", default: Value::Float(64.0), range: Range::POSITIVE, meaning: "logit scale" },
        Param { name: "m", symbol: "m", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "mean margin (arc form; the cos form uses a smaller mean such as 0.35)" },
        Param { name: "std", symbol: r"\sigma", default: Value::Float(0.05), range: Range::NON_NEGATIVE, meaning: "standard deviation of the margin distribution" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["arcface", "cosface", "adaface", "sub-center-arcface"],
    forms: &[
        Form { name: "arc", description: "angular margin cos(theta_y + E(m, sigma)) (ElasticFace-Arc)." },
        Form { name: "cos", description: "additive cosine margin cos(theta_y) - E(m, sigma) (ElasticFace-Cos)." },
        Form { name: "arc-plus", description: "ElasticFace-Arc+: drawn margins sorted so that larger margins go to samples with larger angles to their class centre." },
        Form { name: "cos-plus", description: "ElasticFace-Cos+: the same sorting for the cosine form." },
    ],
    status: Status::Planned("stochastic margins: needs the drawn margins as an input; no reference cases"),
    eval: None,
    ..Entry::BLANK
};
