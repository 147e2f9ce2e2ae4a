//! Sub-center ArcFace: ArcFace with K sub-centers per class; a sample only needs to be close to one
//! sub-center of its class.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sub-center-arcface",
    name: "Sub-center ArcFace",
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2020,
    paper: Paper {
        title: "Sub-center ArcFace: Boosting Face Recognition by Large-Scale Noisy Web Faces",
        authors: "Deng et al.",
        venue: "ECCV",
        year: 2020,
        url: "https://arxiv.org/abs/1801.07698",
    },
    summary: "Each class has K weight vectors and the class cosine is the maximum over them, after which the ArcFace margin and scaled cross-entropy are applied. Noisy or atypical samples form their own sub-centers instead of pulling the dominant one, which makes training on noisy web data more robust. After training, sub-centers far from the dominant one can be used to clean the data.",
    formula: r"\cos\theta_j = \max_{k} \frac{W_{j,k}^\top x_i}{\lVert W_{j,k}\rVert\,\lVert x_i\rVert},\quad \ell_i = -\log\frac{e^{s\cos(\theta_{y_i} + m)}}{e^{s\cos(\theta_{y_i} + m)} + \sum_{j \ne y_i} e^{s\cos\theta_j}}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C*K, D]", meaning: "sub-centers, class-major (row c*K + k); PML's W transposed" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML" },
        Param { name: "margin", symbol: "m", default: Value::Float(28.6), range: Range::Real { min: 0.0, max: 180.0, open_min: false, open_max: true }, meaning: "additive angular margin in degrees" },
        Param { name: "scale", symbol: "s", default: Value::Float(64.0), range: Range::POSITIVE, meaning: "scale of the cosines" },
        Param { name: "sub_centers", symbol: "K", default: Value::Int(3), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "sub-centers per class" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Unknown,
        suits_label_noise: Tri::Yes,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.SubCenterArcFaceLoss",
    ],
    related: &["arcface", "soft-triple"],
    forms: &[
        Form { name: "pml", description: "PML SubCenterArcFaceLoss: max-pooling over sub-centers, then ArcFace; losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
