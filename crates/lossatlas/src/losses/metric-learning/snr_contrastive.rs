//! SNR contrastive loss: the contrastive pair loss computed with the signal-to-noise-ratio distance
//! Var(b - a) / Var(a) instead of a Euclidean distance.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "snr-contrastive",
    name: "Signal-to-Noise Ratio Contrastive Loss",
    aliases: &["SNR Contrastive Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Signal-To-Noise Ratio: A Robust Distance Metric for Deep Metric Learning",
        authors: "Yuan, T., Deng, W., Tang, J., Tang, Y., Chen, B.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1904.02616",
    },
    summary: "Treats one embedding of a pair as signal and their difference as noise and uses the ratio of variances as the pair distance; positive pairs are penalized above pos_margin and negative pairs below neg_margin. The SNR distance is invariant to shifting and scaling both embeddings together, which the authors found more robust than Euclidean distance. It is not symmetric in the two embeddings.",
    formula: r"L = \operatorname{mean}_{>0}\big([d_{ij} - m_{pos}]_+\big)_{y_i = y_j} + \operatorname{mean}_{>0}\big([m_{neg} - d_{ij}]_+\big)_{y_i \ne y_j},\quad d_{ij} = \frac{\operatorname{Var}(x_j - x_i)}{\operatorname{Var}(x_i)}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "pos_margin", symbol: "m_{pos}", default: Value::Float(0.0), range: Range::REAL, meaning: "SNR distance below which positive pairs are not penalized" },
        Param { name: "neg_margin", symbol: "m_{neg}", default: Value::Float(1.0), range: Range::REAL, meaning: "SNR distance above which negative pairs are not penalized" },
        Param { name: "distance", symbol: "", default: Value::Str("SNRDistance(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
    equivalents: &[
        "pytorch_metric_learning.losses.SignalToNoiseRatioContrastiveLoss",
    ],
    related: &["contrastive"],
    forms: &[
        Form { name: "pml", description: "PML SignalToNoiseRatioContrastiveLoss (ContrastiveLoss with SNRDistance): pos and neg terms each reduced by AvgNonZeroReducer, then summed." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
