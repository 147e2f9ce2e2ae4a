//! Non-saturating GAN loss: the discriminator is a logistic classifier of real versus
//! generated samples, and the generator maximizes log D(G(z)) instead of minimizing
//! log(1 - D(G(z))), which keeps its gradient alive early in training.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{by_rank, Call};
use crate::numerics::adversarial::{expect_criterion, plot_real_score, GanForm, Side};
use crate::numerics::{self, reduce, LossTensor, Reduction};

const ID: &str = "gan-non-saturating";

pub const ENTRY: Entry = Entry {
    id: ID,
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
        Form { name: "standard", description: "binary cross-entropy on logits via log-sigmoid (default), exact in both tails: real and generator: -log sigmoid(x); fake: -log(1 - sigmoid(x)); per element, then the reduction." },
        Form { name: "monai-patch", description: "MONAI PatchAdversarialLoss(criterion='bce'): BCELoss(sigmoid(x), target) with each log clamped at -100; generator: target 1; discriminator: target 1 for real and 0 for fake." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "discriminator score of a real sample", from: -4.0, to: 4.0, at: plot_real_score }),
    ..Entry::BLANK
};

/// Non-saturating GAN loss of one side on discriminator logits of any shape.
pub fn gan_non_saturating<const D: usize>(logits: Tensor<D>, side: Side, form: GanForm, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::non_empty(ID, "logits", &logits.dims())?;
    match form {
        // -log sigmoid(x) for real and generator, -log(1 - sigmoid(x)) for fake, from log-sigmoid.
        GanForm::Standard => {
            let per = if side == Side::Fake { numerics::softplus(logits) } else { numerics::softplus(logits.neg()) };
            Ok(reduce(per, reduction))
        }
        // MONAI: sigmoid, then BCELoss on probabilities (logs clamped at -100).
        GanForm::MonaiPatch => {
            let targets = numerics::full_like(&logits, logits.dims(), side.label());
            crate::losses::classification::binary_cross_entropy::binary_cross_entropy(numerics::sigmoid(logits), targets, None, reduction)
        }
    }
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = GanForm::from_call(c)?;
    expect_criterion(ID, c, "bce")?;
    let (side, reduction) = (Side::from_call(c)?, c.reduction(Reduction::Mean)?);
    let rank = numerics::inputs::check_float(c, "logits")?.len();
    by_rank!(c, "logits", rank, |R| gan_non_saturating(c.float::<R>("logits")?, side, form, reduction))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reference_cases_values_gradients_extremes_and_errors() {
        crate::numerics::adversarial::check_gan_entry(super::ID, |v, real, disc, form| {
            let target = real || !disc;
            match form {
                None if target => (1.0 + (-v).exp()).ln(),
                None => (1.0 + v.exp()).ln(),
                Some(_) => {
                    let p = 1.0 / (1.0 + (-v).exp());
                    if target { -p.ln() } else { -(1.0 - p).ln() }
                }
            }
        });
    }
}
