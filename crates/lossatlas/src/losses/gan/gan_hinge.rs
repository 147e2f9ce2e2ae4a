//! Hinge adversarial loss: the discriminator is trained with a margin hinge on real and fake
//! scores, the generator to raise the discriminator's score of its samples.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{by_rank, Call};
use crate::numerics::adversarial::{expect_criterion, plot_real_score, GanForm, Side};
use crate::numerics::{self, reduce, LossTensor, Reduction};
use crate::numerics::relu;

const ID: &str = "gan-hinge";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Hinge Loss GAN",
    aliases: &["Hinge GAN Loss", "Geometric GAN Loss", "Hinge Adversarial Loss"],
    kind: Kind::Loss,
    domains: &["gan", "image-translation"],
    year: 2017,
    paper: Paper {
        title: "Spectral Normalization for GANs",
        authors: "Miyato et al.",
        venue: "",
        year: 2017,
        url: "https://arxiv.org/abs/1802.05957",
    },
    summary: "The discriminator minimizes a hinge with margin 1 on raw scores, max(0, 1 - D(x)) for real and max(0, 1 + D(G(z))) for generated samples, so confidently classified samples stop contributing; the generator minimizes -D(G(z)). Used with spectral normalization in SN-GAN and later in SAGAN and BigGAN, it trains more stably than the minimax log loss. The MONAI patch-discriminator variant in the reference cases differs: it squashes the scores with tanh first and trains the generator with the real-sample hinge instead of -D.",
    formula: r"\mathcal{L}_D = \mathbb{E}_x\bigl[\max(0, 1 - D(x))\bigr] + \mathbb{E}_z\bigl[\max(0, 1 + D(G(z)))\bigr],\quad \mathcal{L}_G = -\mathbb{E}_z\bigl[D(G(z))\bigr];\quad \text{monai-patch: } \ell = \begin{cases}\operatorname{mean}\max(0, 1 - \tanh x) & \text{real, or generator}\\ \operatorname{mean}\max(0, 1 + \tanh x) & \text{fake}\end{cases}",
    inputs: &[
        Input { name: "logits", shape: "[N, 1, *]", meaning: "discriminator scores (a patch map); MONAI also accepts a list for multi-scale discriminators" },
    ],
    params: &[
        Param { name: "criterion", symbol: "", default: Value::Str("hinge"), range: Range::Choice { values: &["hinge"] }, meaning: "form monai-patch: MONAI's criterion name for this loss" },
        Param { name: "target_is_real", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "whether the scores belong to real samples (required argument in MONAI)" },
        Param { name: "for_discriminator", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "discriminator loss (true) or generator loss (false) (required argument in MONAI)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["monai.losses.PatchAdversarialLoss"],
    related: &["gan-non-saturating", "lsgan", "wgan", "hinge", "spectral-normalization", "relativistic-gan"],
    forms: &[
        Form { name: "standard", description: "hinge on raw scores as in SAGAN / BigGAN (default): real: max(0, 1 - x); fake: max(0, 1 + x); generator: -x; per element, then the reduction." },
        Form { name: "monai-patch", description: "MONAI PatchAdversarialLoss(criterion='hinge'): scores passed through tanh; real or generator: -mean(min(tanh(x) - 1, 0)); fake (discriminator): -mean(min(-tanh(x) - 1, 0)); a list input averages the per-discriminator losses." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "discriminator score of a real sample", from: -4.0, to: 4.0, at: plot_real_score }),
    ..Entry::BLANK
};

/// Hinge GAN loss of one side on discriminator scores of any shape.
pub fn gan_hinge<const D: usize>(scores: Tensor<D>, side: Side, form: GanForm, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::non_empty(ID, "logits", &scores.dims())?;
    Ok(match form {
        GanForm::Standard => reduce(
            match side {
                Side::Real => relu(scores.neg().add_scalar(1.0)),
                Side::Fake => relu(scores.add_scalar(1.0)),
                Side::Generator => scores.neg(),
            },
            reduction,
        ),
        // MONAI: tanh first, and the hinge is always averaged (its reduction only combines the
        // per-discriminator means of a multi-scale list, so one tensor gives the mean).
        GanForm::MonaiPatch => {
            let t = scores.tanh();
            let per = if side == Side::Fake { relu(t.add_scalar(1.0)) } else { relu(t.neg().add_scalar(1.0)) };
            LossTensor::scalar(per.mean())
        }
    })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = GanForm::from_call(c)?;
    expect_criterion(ID, c, "hinge")?;
    let (side, reduction) = (Side::from_call(c)?, c.reduction(Reduction::Mean)?);
    let rank = numerics::inputs::check_float(c, "logits")?.len();
    by_rank!(c, "logits", rank, |R| gan_hinge(c.float::<R>("logits")?, side, form, reduction))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reference_cases_values_gradients_extremes_and_errors() {
        crate::numerics::adversarial::check_gan_entry(super::ID, |v, real, disc, form| {
            let t = if form.is_some() { v.tanh() } else { v };
            match (real, disc) {
                (_, false) if form.is_none() => -v,
                (_, false) | (true, true) => (1.0 - t).max(0.0),
                (false, true) => (1.0 + t).max(0.0),
            }
        });
    }
}
