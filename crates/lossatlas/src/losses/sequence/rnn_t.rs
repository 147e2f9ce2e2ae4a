//! RNN-Transducer loss: the negative log-probability of a label sequence summed over all
//! monotonic alignments of a (time x label) lattice with blank emissions.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "rnn-t",
    name: "RNN-T Loss",
    aliases: &["RNN Transducer Loss", "Transducer Loss"],
    kind: Kind::Loss,
    domains: &["sequence", "audio"],
    year: 2012,
    paper: Paper {
        title: "Sequence Transduction with Recurrent Neural Networks",
        authors: "Graves, A.",
        venue: "",
        year: 2012,
        url: "https://arxiv.org/abs/1211.3711",
    },
    summary: "A joint network scores, for every acoustic frame t and every prefix length u of the target, a distribution over the vocabulary plus blank; an alignment moves right in time on blank and up in the label sequence on a label. The loss is minus the log of the total probability of all alignments, computed exactly by a forward recursion over the T x (U + 1) lattice. Unlike CTC, the label distribution conditions on previous labels through a prediction network, making it the standard objective for streaming speech recognition. The joint tensor is N x T x (U + 1) x V, so memory is the practical limit (function merging, pruned or fused implementations help).",
    formula: r"\alpha_{t,u} = \operatorname{logaddexp}\bigl(\alpha_{t-1,u} + \log p(\varnothing \mid t-1, u),\ \alpha_{t,u-1} + \log p(y_u \mid t, u-1)\bigr),\quad \alpha_{0,0} = 0,\quad \mathcal{L} = -\bigl(\alpha_{T-1,U} + \log p(\varnothing \mid T-1, U)\bigr)",
    inputs: &[
        Input { name: "logits", shape: "[N, T, U + 1, V]", meaning: "joint-network outputs (log-softmax over V is applied inside unless fused_log_softmax is false)" },
        Input { name: "targets", shape: "[N, U] (i64)", meaning: "label sequences, padded" },
        Input { name: "logit_lengths", shape: "[N] (i64)", meaning: "valid frames T_n per sequence" },
        Input { name: "target_lengths", shape: "[N] (i64)", meaning: "valid labels U_n per sequence" },
    ],
    params: &[
        Param { name: "blank", symbol: "", default: Value::Int(-1), range: Range::Integer { min: -1, max: i64::MAX }, meaning: "index of the blank symbol (-1: the last class)" },
        Param { name: "clamp", symbol: "", default: Value::Float(-1.0), range: Range::REAL, meaning: "clamp of the gradient with respect to the logits to [-clamp, clamp] (negative: off)" },
        Param::REDUCTION_MEAN,
        Param { name: "fused_log_softmax", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "apply log-softmax to logits inside the loss" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["torchaudio.functional.rnnt_loss", "torchaudio.transforms.RNNTLoss"],
    related: &["ctc", "cross-entropy", "next-token-prediction"],
    forms: &[],
    status: Status::Planned("not implemented yet: needs the transducer forward recursion over the T x (U + 1) lattice (burn-nn's RNN-T loss can serve as a base)"),
    eval: None,
    ..Entry::BLANK
};
