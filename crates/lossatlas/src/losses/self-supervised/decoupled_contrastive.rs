//! Decoupled contrastive learning: NT-Xent with the positive pair removed from the
//! denominator, which removes the coupling that makes InfoNCE depend strongly on batch size.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "decoupled-contrastive",
    name: "Decoupled Contrastive Loss",
    aliases: &["DCL", "DCLW"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2022,
    paper: Paper {
        title: "Decoupled Contrastive Learning",
        authors: "Yeh et al.",
        venue: "ECCV",
        year: 2022,
        url: "https://arxiv.org/abs/2110.06848",
    },
    summary: "For each anchor view, subtracts the scaled cosine similarity to its other view and adds the log-sum-exp of similarities to all other samples, without the positive in the denominator. Removing the positive from the normalizer removes a gradient factor that shrinks when the positive is already easy, so DCL trains well with small batches and is less sensitive to temperature. DCLW additionally weights the positive term by a von Mises-Fisher factor that emphasizes hard positives; lightly computes that weight from detached embeddings.",
    formula: r"\ell_i = -w_i\,\frac{s(u_i, v_i)}{\tau} + \log\sum_{k \ne i} e^{s(u_i, u_k)/\tau} + \log\sum_{k \ne i} e^{s(u_i, v_k)/\tau},\quad \mathcal{L} = \tfrac{1}{2}\bigl(\operatorname{mean}_i \ell_i(z_1, z_2) + \operatorname{mean}_i \ell_i(z_2, z_1)\bigr),\quad w_i = 2 - N\,\operatorname{softmax}_i\!\left(\frac{s(u_i, v_i)}{\sigma}\right)",
    inputs: &[
        Input { name: "z1", shape: "[N, D]", meaning: "embeddings of the first view (L2-normalized inside the loss)" },
        Input { name: "z2", shape: "[N, D]", meaning: "embeddings of the second view, same sample order" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "similarities are divided by tau" },
        Param { name: "sigma", symbol: r"\sigma", default: Value::Float(0.5), range: Range::POSITIVE, meaning: "form dclw: temperature of the von Mises-Fisher positive weight (w_i = 1 in form dcl)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["lightly.loss.DCLLoss", "lightly.loss.DCLWLoss"],
    related: &["nt-xent", "infonce", "supcon"],
    forms: &[
        Form { name: "dcl", description: "lightly DCLLoss(temperature): inputs L2-normalized; per anchor -s_ii/t plus two separate log-sum-exps, over same-view similarities without the anchor itself and over cross-view similarities without the positive; mean over anchors, averaged over both view orders." },
        Form { name: "dclw", description: "lightly DCLWLoss(temperature, sigma): dcl with the positive term multiplied by w = 2 - N * softmax over the batch of (u_i . v_i) / sigma, computed from DETACHED normalized embeddings (no gradient through the weight)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
