//! Sentence order prediction (ALBERT): classify whether two consecutive text segments appear in
//! their original order or swapped.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sentence-order-prediction",
    name: "Sentence Order Prediction (SOP)",
    aliases: &["SOP Loss", "ALBERT SOP"],
    kind: Kind::Loss,
    domains: &["language-modeling", "self-supervised"],
    year: 2020,
    paper: Paper {
        title: "ALBERT: A Lite BERT for Self-supervised Learning",
        authors: "Lan et al.",
        venue: "ICLR 2020",
        year: 2020,
        url: "https://arxiv.org/abs/1909.11942",
    },
    summary: "An inter-sentence coherence task added to masked-LM pretraining: positives are two consecutive segments from one document in order, negatives are the same two segments swapped, and a two-way classifier on the pooled representation is trained with cross-entropy. It replaces BERT's next-sentence prediction, whose negatives come from other documents and can be solved by topic cues alone; SOP forces the model to learn discourse order. ALBERT's pretraining loss is the sum of MLM and SOP.",
    formula: r"\mathcal{L}_{\text{SOP}} = -\frac{1}{N}\sum_{i=1}^{N} \log \frac{e^{z_{i, y_i}}}{e^{z_{i,0}} + e^{z_{i,1}}},\quad y_i = 1 \text{ if the segments are swapped}",
    inputs: &[
        Input { name: "logits", shape: "[N, 2]", meaning: "order classifier scores per segment pair" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "0 = original order, 1 = swapped (Hugging Face sentence_order_label)" },
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
    equivalents: &["transformers.AlbertForPreTraining"],
    related: &["masked-lm", "cross-entropy", "replaced-token-detection"],
    status: Status::Planned("two-class cross-entropy; evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
