//! Least-squares GAN: replace the discriminator's log loss by squared distances to target
//! codes, which penalizes generated samples that are classified correctly but lie far from
//! the decision boundary.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "lsgan",
    name: "Least Squares GAN Loss",
    aliases: &["LSGAN", "Least-Squares Adversarial Loss"],
    kind: Kind::Loss,
    domains: &["gan", "image-translation"],
    year: 2017,
    paper: Paper {
        title: "Least Squares Generative Adversarial Networks",
        authors: "Mao et al.",
        venue: "ICCV",
        year: 2017,
        url: "https://arxiv.org/abs/1611.04076",
    },
    summary: "The discriminator regresses its score to b for real and a for generated samples, and the generator pushes the scores of its samples towards c, all with halved squared errors; the common choice is a = 0, b = c = 1. Unlike the sigmoid log loss, the quadratic keeps giving gradient to samples far on the correct side of the boundary, which the paper links to more stable training and to minimizing a Pearson chi-square divergence (for b - c = 1, b - a = 2). It is the default adversarial loss of CycleGAN and of MONAI's patch discriminator; MONAI applies a LeakyReLU(0.05) to the scores unless no_activation_leastsq is set, and uses MSE without the 1/2.",
    formula: r"\mathcal{L}_D = \tfrac{1}{2}\,\mathbb{E}_x\bigl[(D(x) - b)^2\bigr] + \tfrac{1}{2}\,\mathbb{E}_z\bigl[(D(G(z)) - a)^2\bigr],\quad \mathcal{L}_G = \tfrac{1}{2}\,\mathbb{E}_z\bigl[(D(G(z)) - c)^2\bigr]",
    inputs: &[
        Input { name: "logits", shape: "[N, 1, *]", meaning: "discriminator scores (a patch map)" },
    ],
    params: &[
        Param { name: "criterion", symbol: "", default: Value::Str("least_squares"), range: Range::Choice { values: &["least_squares"] }, meaning: "form monai-patch: MONAI's criterion name for this loss" },
        Param { name: "no_activation_leastsq", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "form monai-patch: skip the LeakyReLU(0.05) on the scores" },
        Param { name: "target_is_real", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "target 1 (true) or 0 (false) (required argument in MONAI)" },
        Param { name: "for_discriminator", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "discriminator loss, or generator loss (always target 1) (required argument in MONAI)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["monai.losses.PatchAdversarialLoss"],
    related: &["gan-non-saturating", "gan-hinge", "mse", "pix2pix", "cycle-consistency"],
    forms: &[
        Form { name: "monai-patch", description: "MONAI PatchAdversarialLoss(criterion='least_squares', no_activation_leastsq): MSE(act(x), target) with act = LeakyReLU(0.05) unless no_activation_leastsq; generator target 1, discriminator 1 for real and 0 for fake; a list input averages the per-discriminator losses." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
