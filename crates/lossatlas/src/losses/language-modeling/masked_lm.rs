//! Masked language modeling: corrupt a random subset of input tokens and predict the originals
//! from bidirectional context.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "masked-lm",
    name: "Masked Language Model (MLM) Loss",
    aliases: &["MLM Loss", "Masked Language Modeling", "Cloze Objective"],
    kind: Kind::Loss,
    domains: &["language-modeling", "self-supervised"],
    year: 2019,
    paper: Paper {
        title: "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
        authors: "Devlin et al.",
        venue: "NAACL 2019",
        year: 2019,
        url: "https://arxiv.org/abs/1810.04805",
    },
    summary: "Selects 15% of the input positions; of those, 80% are replaced by a [MASK] token, 10% by a random token and 10% left unchanged, and the encoder is trained with cross-entropy to recover the original tokens at the selected positions only. The mixed corruption reduces the mismatch between pretraining (with [MASK]) and fine-tuning (without). Only the selected 15% of tokens give a learning signal, which makes it less sample-efficient than replaced-token detection; BERT also added a next-sentence prediction loss, later dropped (RoBERTa) or replaced (ALBERT's sentence-order prediction).",
    formula: r"\mathcal{L}_{\text{MLM}} = -\frac{1}{\lvert \mathcal{M} \rvert} \sum_{i \in \mathcal{M}} \log p_\theta\big(x_i \mid \tilde x\big),\quad \mathcal{M} = \text{selected positions},\ \tilde x = \text{corrupted input}",
    inputs: &[
        Input { name: "logits", shape: "[B, T, V]", meaning: "vocabulary scores at every position of the corrupted input" },
        Input { name: "targets", shape: "[B, T] (i64)", meaning: "original token ids at selected positions, ignore_index elsewhere" },
    ],
    params: &[
        Param { name: "mlm_probability", symbol: "", default: Value::Float(0.15), range: Range::UNIT, meaning: "fraction of positions selected for prediction (data-collator side)" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "label of positions that are not scored" },
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
    equivalents: &["transformers.DataCollatorForLanguageModeling", "transformers.loss.loss_utils.ForMaskedLMLoss"],
    related: &["cross-entropy", "next-token-prediction", "replaced-token-detection", "sentence-order-prediction", "span-corruption", "videomae"],
    status: Status::Planned("cross-entropy over the selected positions; the masking is data preparation; evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
