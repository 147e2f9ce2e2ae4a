//! Angular loss: a triplet-style metric loss that bounds the angle at the negative point of the
//! triangle (anchor, positive, negative) instead of a distance margin, which makes it scale invariant.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "angular",
    name: "Angular Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2017,
    paper: Paper {
        title: "Deep Metric Learning with Angular Loss",
        authors: "Wang, J., Zhou, F., Wen, S., Liu, X., Lin, Y.",
        venue: "ICCV",
        year: 2017,
        url: "https://arxiv.org/abs/1708.01682",
    },
    summary: "Pushes each negative away from the midpoint of an anchor-positive pair by constraining the angle at the negative to at most alpha, summed over all negatives with a log-sum-exp. Because it works on angles it needs no absolute distance margin and is insensitive to the scale of the embedding. PML takes every positive pair in the batch and the alpha angle in degrees; anchors and positives are L2-normalized, the negatives enter as given.",
    formula: r"\ell_{a,p} = \log\Big(1 + \sum_{n:\,y_n \ne y_a} \exp\big(4\tan^2\alpha\,(x_a + x_p)^\top x_n - 2(1+\tan^2\alpha)\,x_a^\top x_p\big)\Big),\quad L = \operatorname{mean}_{(a,p)} \ell_{a,p}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(40.0), range: Range::Real { min: 0.0, max: 90.0, open_min: true, open_max: true }, meaning: "angle bound in degrees" },
        Param { name: "distance", symbol: "", default: Value::Str("LpDistance(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
        "pytorch_metric_learning.losses.AngularLoss",
    ],
    related: &["n-pair", "triplet", "lifted-structure"],
    forms: &[
        Form { name: "pml", description: "PML AngularLoss: all positive pairs of the batch, negatives are every embedding with another label; per-pair losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
