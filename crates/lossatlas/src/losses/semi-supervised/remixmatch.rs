//! ReMixMatch: MixMatch with distribution alignment of guessed labels, augmentation anchoring
//! on strongly augmented views, and a self-supervised rotation loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "remixmatch",
    name: "ReMixMatch Loss",
    aliases: &["ReMixMatch"],
    kind: Kind::Method,
    domains: &["semi-supervised"],
    year: 2020,
    paper: Paper {
        title: "ReMixMatch: Semi-Supervised Learning with Distribution Alignment and Augmentation Anchoring",
        authors: "David Berthelot, Nicholas Carlini, Ekin D. Cubuk, Alex Kurakin, Kihyuk Sohn, Han Zhang, Colin Raffel",
        venue: "ICLR",
        year: 2020,
        url: "https://arxiv.org/abs/1911.09785",
    },
    summary: "Guesses labels from a weakly augmented view, rescales them by the ratio of the labeled class marginal to a running average of predicted marginals (distribution alignment) and sharpens them; the guess then anchors several strongly augmented views (CTAugment). After MixUp, the loss is cross-entropy on labeled mixtures plus weighted cross-entropies on unlabeled mixtures and on a pre-mixup strongly augmented view, plus a rotation-prediction term; the paper weights them 1.5, 0.5 and 0.5. It reached MixMatch's accuracy with far fewer labels; FixMatch later showed that most of the gain comes from weak-to-strong consistency.",
    formula: r"\mathcal{L} = \operatorname{CE}(\mathcal{X}') + \lambda_{U}\operatorname{CE}(\mathcal{U}') + \lambda_{\hat U}\operatorname{CE}(\hat{\mathcal{U}}_1) + \lambda_{r}\operatorname{CE}_{\text{rot}},\quad \tilde q = \operatorname{Normalize}\Bigl(q \times \frac{p(y)}{\tilde p(y)}\Bigr)",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &["semilearn.algorithms.remixmatch.ReMixMatch"],
    related: &["mixmatch", "fixmatch", "mixup"],
    uses: &["cross-entropy", "mixup"],
    forms: &[],
    status: Status::NotExecutable("a training procedure: distribution alignment, augmentation anchoring and MixUp happen over model predictions across the data pipeline"),
    eval: None,
    ..Entry::BLANK
};
