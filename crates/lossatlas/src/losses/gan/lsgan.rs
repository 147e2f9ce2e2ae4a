//! Least-squares GAN: replace the discriminator's log loss by squared distances to target
//! codes, which penalizes generated samples that are classified correctly but lie far from
//! the decision boundary.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{by_rank, Call};
use crate::numerics::adversarial::{expect_criterion, plot_real_score, GanForm, Side};
use crate::numerics::{self, reduce, LossTensor, Reduction};

const ID: &str = "lsgan";

pub const ENTRY: Entry = Entry {
    id: ID,
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
        Param { name: "a", symbol: "a", default: Value::Float(0.0), range: Range::REAL, meaning: "form standard: target of fake scores for the discriminator" },
        Param { name: "b", symbol: "b", default: Value::Float(1.0), range: Range::REAL, meaning: "form standard: target of real scores" },
        Param { name: "c", symbol: "c", default: Value::Float(1.0), range: Range::REAL, meaning: "form standard: target the generator pushes its scores to" },
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
        Form { name: "standard", description: "the paper's halved squared errors on raw scores (default): real: (x - b)^2 / 2, fake: (x - a)^2 / 2, generator: (x - c)^2 / 2, with a = 0, b = c = 1 by default; per element, then the reduction." },
        Form { name: "monai-patch", description: "MONAI PatchAdversarialLoss(criterion='least_squares', no_activation_leastsq): MSE(act(x), target) with act = LeakyReLU(0.05) unless no_activation_leastsq; generator target 1, discriminator 1 for real and 0 for fake; a list input averages the per-discriminator losses." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "discriminator score of a real sample", from: -4.0, to: 4.0, at: plot_real_score }),
    ..Entry::BLANK
};

/// Options of the least-squares GAN loss.
#[derive(Debug, Clone, PartialEq)]
pub struct LsganConfig {
    /// Standard form: targets a (fake), b (real) and c (generator); 0, 1, 1 by default.
    pub a: f64,
    pub b: f64,
    pub c: f64,
    /// MONAI form: skip the LeakyReLU(0.05) on the scores.
    pub no_activation_leastsq: bool,
}

impl Default for LsganConfig {
    fn default() -> Self {
        LsganConfig { a: 0.0, b: 1.0, c: 1.0, no_activation_leastsq: false }
    }
}

/// Least-squares GAN loss of one side on discriminator scores of any shape.
pub fn lsgan<const D: usize>(scores: Tensor<D>, side: Side, form: GanForm, cfg: &LsganConfig, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::non_empty(ID, "logits", &scores.dims())?;
    let (x, target, half) = match form {
        GanForm::Standard => {
            let t = match side {
                Side::Real => cfg.b,
                Side::Fake => cfg.a,
                Side::Generator => cfg.c,
            };
            (scores, t, 0.5)
        }
        GanForm::MonaiPatch => {
            // LeakyReLU(0.05); at exactly 0 PyTorch's gradient is the negative slope.
            let x = if cfg.no_activation_leastsq {
                scores
            } else {
                let pos = scores.clone().greater_elem(0.0);
                scores.clone().mul_scalar(0.05).mask_where(pos, scores)
            };
            (x, side.label(), 1.0)
        }
    };
    let r = x.sub_scalar(target);
    Ok(reduce((r.clone() * r).mul_scalar(half), reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = GanForm::from_call(c)?;
    expect_criterion(ID, c, "least_squares")?;
    let mut cfg = LsganConfig::default();
    match form {
        GanForm::Standard => {
            cfg.a = numerics::finite_param(ID, "a", c.f64("a", 0.0)?)?;
            cfg.b = numerics::finite_param(ID, "b", c.f64("b", 1.0)?)?;
            cfg.c = numerics::finite_param(ID, "c", c.f64("c", 1.0)?)?;
        }
        GanForm::MonaiPatch => cfg.no_activation_leastsq = c.bool("no_activation_leastsq", false)?,
    }
    let (side, reduction) = (Side::from_call(c)?, c.reduction(Reduction::Mean)?);
    let rank = numerics::inputs::check_float(c, "logits")?.len();
    by_rank!(c, "logits", rank, |R| lsgan(c.float::<R>("logits")?, side, form, &cfg, reduction))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reference_cases_values_gradients_extremes_and_errors() {
        crate::numerics::adversarial::check_gan_entry(super::ID, |v, real, disc, form| {
            let target = if real || !disc { 1.0 } else { 0.0 };
            match form {
                None => 0.5 * (v - target) * (v - target),
                Some(_) => {
                    let a = if v > 0.0 { v } else { 0.05 * v };
                    (a - target) * (a - target)
                }
            }
        });
    }
}
