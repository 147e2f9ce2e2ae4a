//! Mixture of Denoisers (UL2): pretrain one model on a mixture of span-corruption and prefix-LM
//! objectives of different difficulty, each announced by a mode token.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mixture-of-denoisers",
    name: "Mixture of Denoisers (MoD)",
    aliases: &["UL2 Objective", "MoD"],
    kind: Kind::Method,
    domains: &["language-modeling", "self-supervised"],
    year: 2022,
    paper: Paper {
        title: "UL2: Unifying Language Learning Paradigms",
        authors: "Tay et al.",
        venue: "ICLR 2023",
        year: 2022,
        url: "https://arxiv.org/abs/2205.05131",
    },
    summary: "A pretraining recipe that samples, per example, one of three denoiser families: R (regular span corruption with short spans and about 15% corruption), S (sequential, prefix language modeling) and X (extreme: long spans and/or about 50% corruption). A paradigm token ([R], [S], [X]) is prepended so the model can be switched to the matching mode for downstream tasks. Every denoiser is trained with token-level cross-entropy on its targets; what is distinctive is the mixture and the mode switching, which let one model do well both at fine-tuning and at few-shot prompting.",
    formula: r"\mathcal{L} = \mathbb{E}_{k \sim \pi}\Big[-\sum_{t} \log p_\theta\big(y^{(k)}_t \mid y^{(k)}_{<t},\ [\text{mode}_k],\ \tilde x^{(k)}\big)\Big],\quad k \in \{R, S, X\}",
    properties: Properties::UNKNOWN,
    related: &["span-corruption", "next-token-prediction", "masked-lm"],
    uses: &["span-corruption", "next-token-prediction"],
    status: Status::NotExecutable("a pretraining data-corruption recipe; each denoiser's loss is cross-entropy on its targets"),
    eval: None,
    ..Entry::BLANK
};
