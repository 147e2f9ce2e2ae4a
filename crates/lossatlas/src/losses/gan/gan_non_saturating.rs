//! Non-saturating GAN loss: the discriminator is a logistic classifier of real versus
//! generated samples, and the generator maximizes log D(G(z)) instead of minimizing
//! log(1 - D(G(z))), which keeps its gradient alive early in training.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{by_rank, Call};
use crate::numerics::adversarial::{expect_criterion, Side};
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
    plot: Some(PlotSpec { x_label: "discriminator score of a real sample", from: -4.0, to: 4.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput { form: None, params: serde_json::json!({}), inputs: vec![("logits", HostTensor::from_f64(vec![1, 1], vec![x]))], wrt: "logits", index: 0 }
}

/// Which library's definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GanForm {
    /// The paper's loss on raw scores (default).
    Standard,
    /// MONAI `PatchAdversarialLoss`.
    MonaiPatch,
}

fn form(c: &Call) -> Result<GanForm, LossError> {
    match c.form() {
        None | Some("standard") => Ok(GanForm::Standard),
        Some("monai-patch") => Ok(GanForm::MonaiPatch),
        Some(_) => Err(c.unknown_form(&["standard", "monai-patch"])),
    }
}

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
    let form = form(c)?;
    expect_criterion(ID, c, "bce")?;
    let (side, reduction) = (Side::from_call(c)?, c.reduction(Reduction::Mean)?);
    let rank = numerics::inputs::check_float(c, "logits")?.len();
    by_rank!(c, "logits", rank, |R| gan_non_saturating(c.float::<R>("logits")?, side, form, reduction))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn side(real: bool, disc: bool) -> serde_json::Map<String, serde_json::Value> {
        params(json!({"target_is_real": real, "for_discriminator": disc}))
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        let xs = [-2.0, -0.3, 0.0, 0.7, 3.0];
        let x = inputs(vec![("logits", f(&[5], &xs))]);
        for (real, disc) in [(true, true), (false, true), (true, false), (false, false)] {
            for form in [None, Some("monai-patch")] {
                let got = eval64(ID, form, &side(real, disc), &x).loss.floats[0];
                let want = xs.iter().map(|&v| {
                    let target = real || !disc;
                    match form {
                        None if target => (1.0 + (-v).exp()).ln(),
                        None => (1.0 + v.exp()).ln(),
                        Some(_) => {
                            let p = 1.0 / (1.0 + (-v).exp());
                            if target { -p.ln() } else { -(1.0 - p).ln() }
                        }
                    }
                }).sum::<f64>() / 5.0;
                assert!((got - want).abs() < 1e-12, "{form:?} real={real} disc={disc}: {got} vs {want}");
            }
        }
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (real, disc) in [(true, true), (false, true), (true, false)] {
            for form in [None, Some("monai-patch")] {
                let x = inputs(vec![("logits", randn(&[2, 1, 3, 3], 3, 1.5))]);
                assert_gradcheck(ID, form, &side(real, disc), &x);
                // Near the kinks at +-1 and 0 (not on them).
                let x = inputs(vec![("logits", f(&[6], &[0.999, 1.001, -0.999, -1.001, 1e-3, -1e-3]))]);
                assert_gradcheck(ID, form, &side(real, disc), &x);
            }
        }
    }

    #[test]
    fn finite_at_extreme_scores() {
        let x = inputs(vec![("logits", f(&[4], &[-1e4, -1e2, 1e2, 1e4]))]);
        for (real, disc) in [(true, true), (false, true), (true, false)] {
            for form in [None, Some("monai-patch")] {
                assert_finite(ID, form, &side(real, disc), &x);
            }
        }
    }

    #[test]
    fn reductions_and_bad_inputs() {
        let x = inputs(vec![("logits", randn(&[2, 3], 1, 1.0))]);
        let mean = eval64(ID, None, &params(json!({})), &x).loss.floats[0];
        let sum = eval64(ID, None, &params(json!({"reduction": "sum"})), &x).loss.floats[0];
        assert!((sum - 6.0 * mean).abs() < 1e-12);
        assert_eq!(eval64(ID, None, &params(json!({"reduction": "none"})), &x).loss.shape, vec![2, 3]);
        assert_error(ID, None, &params(json!({"criterion": "wasserstein"})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"reduction": "avg"})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"target_is_real": 1.5})), &x, ErrorKind::Param);
        assert_error(ID, Some("pix2pix"), &params(json!({})), &x, ErrorKind::Unsupported);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", f(&[0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", i(&[2], &[1, 0]))]), ErrorKind::DType);
    }
}
