//! ODIN: maximum softmax probability after temperature scaling and after a small input perturbation
//! that increases that probability, which widens the gap between in- and out-of-distribution
//! inputs. A detector score, not a training loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "odin",
    name: "ODIN Score",
    kind: Kind::Score,
    domains: &["adversarial-ood"],
    year: 2018,
    paper: Paper {
        title: "Enhancing The Reliability of Out-of-distribution Image Detection in Neural Networks",
        authors: "Shiyu Liang, Yixuan Li, R. Srikant",
        venue: "ICLR",
        year: 2018,
        url: "https://arxiv.org/abs/1706.02690",
    },
    summary: "Improves the MSP score with two post-hoc changes: a large softmax temperature T (1000 in the paper) and an input pre-processing step that moves the input by epsilon against the gradient of the negative log max-probability, which raises the score of in-distribution inputs more than of outliers. It is not trained on. The perturbation needs one backward pass to the input per test example, and epsilon and T were tuned on out-of-distribution validation data in the paper, which later work criticizes.",
    formula: r"S(x) = \max_{c}\ \operatorname{softmax}\bigl(f(\tilde x) / T\bigr)_c,\quad \tilde x = x - \varepsilon\operatorname{sign}\Bigl(-\nabla_x \log \max_{c} \operatorname{softmax}\bigl(f(x) / T\bigr)_c\Bigr)",
    params: &[
        Param { name: "temperature", symbol: "T", default: Value::Float(1000.0), range: Range::POSITIVE, meaning: "softmax temperature (paper's value)" },
        Param { name: "epsilon", symbol: r"\varepsilon", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "size of the input perturbation (tuned per dataset)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["pytorch_ood.detector.ODIN"],
    related: &["msp", "energy-ood", "mahalanobis-ood", "temperature-scaling"],
    status: Status::NotExecutable("the input pre-processing needs the model's gradient with respect to its input"),
    eval: None,
    ..Entry::BLANK
};
