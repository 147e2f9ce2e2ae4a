//! Virtual adversarial training: penalize how much the predicted distribution changes under
//! the small input perturbation that changes it most, found without labels.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "vat",
    name: "VAT Loss",
    aliases: &["Virtual Adversarial Training", "Local Distributional Smoothness"],
    kind: Kind::Loss,
    domains: &["semi-supervised", "regularization", "adversarial-ood"],
    year: 2018,
    paper: Paper {
        title: "Virtual Adversarial Training: A Regularization Method for Supervised and Semi-Supervised Learning",
        authors: "Takeru Miyato, Shin-ichi Maeda, Masanori Koyama, Shin Ishii",
        venue: "IEEE TPAMI",
        year: 2018,
        url: "https://arxiv.org/abs/1704.03976",
    },
    summary: "The local distributional smoothness term is the KL divergence between the model's prediction at x (held fixed) and at x + r_adv, where r_adv is the direction of norm epsilon that increases this divergence most; it is approximated by one power iteration: perturb by a tiny random vector, take the gradient of the KL with respect to it, normalize and scale by epsilon. Because it needs no label, it regularizes unlabeled data and is added to the supervised loss with weight alpha. It needs extra forward and backward passes through the model, and epsilon must suit the input scale.",
    formula: r"r_{\text{adv}} \approx \epsilon\,\frac{g}{\lVert g\rVert_2},\quad g = \nabla_{r} D_{\mathrm{KL}}\bigl(p(y \mid x, \hat\theta)\,\Vert\,p(y \mid x + r, \theta)\bigr)\Big|_{r = \xi d},\quad \mathcal{L} = \operatorname{CE}_{\text{labeled}} + \alpha\,\frac{1}{N}\sum_{x} D_{\mathrm{KL}}\bigl(p(y \mid x, \hat\theta)\,\Vert\,p(y \mid x + r_{\text{adv}}, \theta)\bigr)",
    inputs: &[],
    params: &[
        Param { name: "eps", symbol: r"\epsilon", default: Value::Null, range: Range::POSITIVE, meaning: "norm of the adversarial perturbation (tuned per dataset)" },
        Param { name: "xi", symbol: r"\xi", default: Value::Float(1e-6), range: Range::POSITIVE, meaning: "size of the finite-difference probe in the power iteration (1e-6 in the paper)" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the smoothness term (1 in the paper's experiments)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Logits,
    },
    equivalents: &["semilearn.algorithms.vat.VAT"],
    related: &["kl-divergence", "pi-model", "uda", "trades", "pgd-at"],
    forms: &[],
    status: Status::NotExecutable("needs the model itself: the adversarial direction comes from a gradient through the network at perturbed inputs"),
    eval: None,
    ..Entry::BLANK
};
