//! Maximum softmax probability: the largest class probability of a classifier, used as a confidence
//! score to flag misclassified or out-of-distribution inputs. A detector score, not a training
//! loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "msp",
    name: "MSP Baseline (Maximum Softmax Probability)",
    aliases: &["Maximum Softmax Probability", "Softmax Baseline"],
    kind: Kind::Score,
    domains: &["adversarial-ood"],
    year: 2017,
    paper: Paper {
        title: "A Baseline for Detecting Misclassified and Out-of-Distribution Examples in Neural Networks",
        authors: "Dan Hendrycks, Kevin Gimpel",
        venue: "ICLR",
        year: 2017,
        url: "https://arxiv.org/abs/1610.02136",
    },
    summary: "Scores each input by the largest softmax probability of an ordinary classifier; low values flag likely errors or out-of-distribution inputs. It is not trained on; it needs no change to training and is the baseline every OOD detector is compared to. Softmax classifiers are often confidently wrong far from the data, so MSP separates in- and out-of-distribution inputs only moderately; temperature scaling (ODIN), energy or feature-space scores usually do better.",
    formula: r"S(x) = \max_{c}\ \frac{e^{f_c(x)}}{\sum_{k} e^{f_k(x)}}",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "classifier logits" },
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
    equivalents: &["pytorch_ood.detector.MaxSoftmax"],
    related: &["odin", "energy-ood", "mahalanobis-ood", "knn-ood", "react"],
    status: Status::Planned("a function of logits; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
