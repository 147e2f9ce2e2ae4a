//! Sampled softmax: approximate the cross-entropy over a huge output vocabulary by a softmax
//! over the target and a sample of other classes, corrected for the sampling distribution.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sampled-softmax",
    name: "Sampled Softmax Loss",
    aliases: &["Importance-Sampled Softmax"],
    kind: Kind::Loss,
    domains: &["recommendation", "language-modeling", "classification"],
    year: 2015,
    paper: Paper {
        title: "On Using Very Large Target Vocabulary for Neural Machine Translation",
        authors: "Jean et al.",
        venue: "ACL",
        year: 2015,
        url: "https://arxiv.org/abs/1412.2007",
    },
    summary: "Computes the logits only for the true class and a set S of classes drawn from a proposal distribution Q, subtracts log Q from each logit to correct the sampling bias, and takes the softmax cross-entropy over that small set. Training cost then scales with |S| instead of the vocabulary or catalogue size; the full softmax is still used at inference. The estimate is biased for finite samples, the proposal should resemble the model's distribution (log-uniform over frequency-sorted ids is common), and sampled classes that equal the target ('accidental hits') are usually masked. In retrieval, in-batch negatives with a log-popularity correction are the same idea.",
    formula: r"\mathcal{L} = -\bigl(o_{y} - \log Q(y)\bigr) + \log\sum_{k \in \{y\} \cup S} e^{\,o_k - \log Q(k)}",
    inputs: &[
        Input { name: "logits", shape: "[N, 1 + S]", meaning: "logits o of the true class (column 0) and of the S sampled classes" },
        Input { name: "log_q", shape: "[N, 1 + S]", meaning: "log proposal probabilities log Q of the same classes (expected counts in TensorFlow)" },
    ],
    params: &[
        Param { name: "remove_accidental_hits", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "mask sampled classes equal to the target (TensorFlow default true)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["tf.nn.sampled_softmax_loss"],
    related: &["cross-entropy", "hierarchical-softmax", "infonce", "bpr", "next-token-prediction"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given logits of the sampled classes it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
