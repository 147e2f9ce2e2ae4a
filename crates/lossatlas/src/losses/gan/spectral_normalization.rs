//! Spectral normalization: divide each discriminator weight matrix by an estimate of its largest
//! singular value so that every layer, and hence the network, is (approximately) 1-Lipschitz.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "spectral-normalization",
    name: "Spectral Normalization",
    aliases: &["SNGAN", "Spectral Norm"],
    kind: Kind::Method,
    domains: &["gan", "regularization"],
    year: 2018,
    paper: Paper {
        title: "Spectral Normalization for Generative Adversarial Networks",
        authors: "Miyato et al.",
        venue: "ICLR 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1802.05957",
    },
    summary: "A reparametrization of the discriminator's layers rather than a loss term: each weight matrix W is replaced by W / sigma(W), where the spectral norm sigma(W) is estimated with one power-iteration step per training step, reusing the singular-vector estimate from the previous step. It controls the discriminator's Lipschitz constant at almost no cost and combines with any adversarial loss; the paper's best results used the hinge loss. For convolutions the reshaped kernel matrix is normalized, which only bounds the true operator norm loosely.",
    formula: r"\bar W_{\text{SN}} = \frac{W}{\sigma(W)},\quad \sigma(W) \approx \tilde u^\top W \tilde v,\quad \tilde v \leftarrow \frac{W^\top \tilde u}{\lVert W^\top \tilde u \rVert_2},\ \tilde u \leftarrow \frac{W \tilde v}{\lVert W \tilde v \rVert_2}",
    properties: Properties { operand: Operand::Parameters, ..Properties::UNKNOWN },
    equivalents: &["torch.nn.utils.parametrizations.spectral_norm", "torch.nn.utils.spectral_norm"],
    related: &["wgan", "wgan-gp", "r1-penalty", "lecam"],
    uses: &["gan-hinge", "gan-non-saturating"],
    status: Status::NotExecutable("a reparametrization of layer weights applied during training, not a function of predictions"),
    eval: None,
    ..Entry::BLANK
};
