//! Non-saturating GAN loss: the discriminator is a logistic classifier of real versus
//! generated samples, and the generator maximizes log D(G(z)) instead of minimizing
//! log(1 - D(G(z))), which keeps its gradient alive early in training.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "gan-non-saturating",
    name: "Non-Saturating GAN Loss",
    aliases: &["NS-GAN Loss", "Vanilla GAN Loss", "BCE Adversarial Loss"],
    kind: Kind::Loss,
    domains: &["gan", "image-translation"],
    year: 2014,
    paper: Paper {
        title: "Generative Adversarial Nets",
        authors: "Goodfellow et al.",
        venue: "NeurIPS",
        year: 2014,
        url: "https://arxiv.org/abs/1406.2661",
    },
    summary: "The discriminator minimizes binary cross-entropy with label 1 for real and 0 for generated samples; the generator minimizes binary cross-entropy of its samples against label 1, i.e. -log D(G(z)). The original paper proposes this generator objective as a practical replacement for the minimax one, whose gradient vanishes when the discriminator confidently rejects early samples. Compute it from logits with log-sigmoid; the MONAI reference applies a sigmoid and probability BCE, whose logs are clamped at -100.",
    formula: r"\mathcal{L}_D = -\mathbb{E}_x\bigl[\log\sigma(D(x))\bigr] - \mathbb{E}_z\bigl[\log(1 - \sigma(D(G(z))))\bigr],\quad \mathcal{L}_G = -\mathbb{E}_z\bigl[\log\sigma(D(G(z)))\bigr]",
    inputs: &[
        Input { name: "logits", shape: "[N, 1, *]", meaning: "discriminator scores before the sigmoid (a patch map)" },
    ],
    params: &[
        Param { name: "criterion", symbol: "", default: Value::Str("bce"), range: Range::Choice { values: &["bce"] }, meaning: "form monai-patch: MONAI's criterion name for this loss" },
        Param { name: "target_is_real", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "target 1 (true) or 0 (false) (required argument in MONAI)" },
        Param { name: "for_discriminator", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "discriminator loss, or generator loss (always target 1) (required argument in MONAI)" },
        Param::REDUCTION_MEAN,
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
    equivalents: &["monai.losses.PatchAdversarialLoss", "torch.nn.BCEWithLogitsLoss"],
    related: &["gan-minimax", "gan-hinge", "lsgan", "binary-cross-entropy", "r1-penalty"],
    forms: &[
        Form { name: "monai-patch", description: "MONAI PatchAdversarialLoss(criterion='bce'): BCELoss(sigmoid(x), target) with each log clamped at -100; generator: target 1; discriminator: target 1 for real and 0 for fake." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
