//! MixMatch: guess sharpened labels for unlabeled data by averaging predictions over several
//! augmentations, MixUp everything, and train with cross-entropy on labeled and squared error
//! on unlabeled mixtures.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mixmatch",
    name: "MixMatch Loss",
    aliases: &["MixMatch"],
    kind: Kind::Method,
    domains: &["semi-supervised"],
    year: 2019,
    paper: Paper {
        title: "MixMatch: A Holistic Approach to Semi-Supervised Learning",
        authors: "David Berthelot, Nicholas Carlini, Ian Goodfellow, Nicolas Papernot, Avital Oliver, Colin Raffel",
        venue: "NeurIPS",
        year: 2019,
        url: "https://arxiv.org/abs/1905.02249",
    },
    summary: "Each unlabeled image gets K augmentations; their averaged prediction, sharpened with temperature T, is the guessed label for all of them. Labeled and unlabeled batches are then shuffled together and MixUp-ed (with the mixing weight kept above 0.5 so each mixture stays closer to its own sample), and the model is trained with cross-entropy on the labeled mixtures plus lambda_U times the mean squared error between predicted and mixed guessed distributions on the unlabeled ones. The paper uses T = 0.5, K = 2, Beta(0.75, 0.75) mixing and lambda_U = 100 (ramped up). The objective is built from cross-entropy, MSE and MixUp; the label guessing and mixing are the method.",
    formula: r"\bar q_b = \operatorname{Sharpen}\Bigl(\frac{1}{K}\sum_{k} p(y \mid \hat u_{b,k}), T\Bigr),\quad \mathcal{L} = \frac{1}{|\mathcal{X}'|}\sum_{(x, p) \in \mathcal{X}'} H\bigl(p, p_\theta(y \mid x)\bigr) + \lambda_{U}\,\frac{1}{L|\mathcal{U}'|}\sum_{(u, q) \in \mathcal{U}'}\lVert q - p_\theta(y \mid u)\rVert_2^2",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &["semilearn.algorithms.mixmatch.MixMatch"],
    related: &["remixmatch", "fixmatch", "mixup", "pi-model"],
    uses: &["cross-entropy", "mse", "mixup"],
    forms: &[],
    status: Status::NotExecutable("a training procedure: label guessing over K augmentations and MixUp of labeled and unlabeled batches happen in the data pipeline"),
    eval: None,
    ..Entry::BLANK
};
