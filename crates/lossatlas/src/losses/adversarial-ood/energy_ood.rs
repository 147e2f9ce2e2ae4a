//! Energy-based OOD score: the negative log-sum-exp of the logits (the free energy), used as an
//! out-of-distribution score; the paper also fine-tunes with hinge penalties that separate the
//! energies of in-distribution and outlier inputs. The score is not trained on.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "energy-ood",
    name: "Energy-based OOD Loss",
    aliases: &["Free Energy Score", "Energy-Bounded Learning"],
    kind: Kind::Score,
    domains: &["adversarial-ood"],
    year: 2020,
    paper: Paper {
        title: "Energy-based Out-of-distribution Detection",
        authors: "Weitang Liu, Xiaoyun Wang, John Owens, Yixuan Li",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/2010.03759",
    },
    summary: "Scores inputs by the free energy -T log sum_c exp(f_c(x)/T), which is lower for in-distribution inputs; unlike the softmax probability it is aligned with the input density up to a constant and does not saturate. It is not trained on and works post hoc on any classifier (T = 1). The paper additionally fine-tunes with auxiliary outliers, adding to cross-entropy lambda times squared hinge penalties that push in-distribution energies below a margin m_in and outlier energies above m_out (lambda = 0.1).",
    formula: r"E(x; T) = -T\log\sum_{c=1}^{C} e^{f_c(x) / T},\quad \mathcal{L}_{energy} = \mathbb{E}_{in}\bigl[\max(0, E(x_{in}) - m_{in})^2\bigr] + \mathbb{E}_{out}\bigl[\max(0, m_{out} - E(x_{out}))^2\bigr]",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "classifier logits" },
    ],
    params: &[
        Param { name: "temperature", symbol: "T", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "temperature of the log-sum-exp" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["pytorch_ood.detector.EnergyBased", "pytorch_ood.loss.EnergyRegularizedLoss"],
    related: &["msp", "odin", "outlier-exposure", "react", "vos"],
    status: Status::Planned("the score is a function of logits; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
