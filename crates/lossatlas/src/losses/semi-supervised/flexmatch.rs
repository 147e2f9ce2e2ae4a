//! FlexMatch: FixMatch with curriculum pseudo-labeling, a per-class threshold that is lowered
//! for classes the model has not learned yet.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "flexmatch",
    name: "FlexMatch Loss",
    aliases: &["FlexMatch", "Curriculum Pseudo Labeling"],
    kind: Kind::Method,
    domains: &["semi-supervised"],
    year: 2021,
    paper: Paper {
        title: "FlexMatch: Boosting Semi-Supervised Learning with Curriculum Pseudo Labeling",
        authors: "Bowen Zhang, Yidong Wang, Wenxin Hou, Hao Wu, Jindong Wang, Manabu Okumura, Takahiro Shinozaki",
        venue: "NeurIPS",
        year: 2021,
        url: "https://arxiv.org/abs/2110.08263",
    },
    summary: "Keeps FixMatch's loss but replaces the fixed threshold by a per-class one: the learning effect of a class is the number of unlabeled samples currently predicted as that class with confidence above tau, normalized by the largest such count (or by the unused count during warm-up), and passed through a convex mapping x / (2 - x) before scaling tau. Classes that are hard or not yet learned get lower thresholds and so more pseudo-labels, which speeds up convergence markedly. The statistics are tracked over the whole unlabeled set across training, which is why it is a method here rather than a loss of tensors.",
    formula: r"\sigma_t(c) = \sum_{n}\mathbb{1}\bigl[\max p_{n} > \tau\bigr]\,\mathbb{1}\bigl[\arg\max p_{n} = c\bigr],\quad \beta_t(c) = \frac{\sigma_t(c)}{\max_{c'}\sigma_t(c')},\quad \mathcal{T}_t(c) = \frac{\beta_t(c)}{2 - \beta_t(c)}\,\tau",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &["semilearn.algorithms.flexmatch.FlexMatch"],
    related: &["fixmatch", "freematch", "softmatch"],
    uses: &["fixmatch"],
    forms: &[],
    status: Status::NotExecutable("the per-class thresholds come from prediction statistics over the whole unlabeled set kept across training"),
    eval: None,
    ..Entry::BLANK
};
