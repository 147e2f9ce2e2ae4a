//! The side of a GAN loss a call computes, in MONAI `PatchAdversarialLoss`'s terms: scores of
//! real samples or of generated ones for the discriminator, or generated ones for the generator
//! (MONAI forces `target_is_real` to true for the generator).

use crate::error::LossError;
use crate::eval::Call;

/// Which term of a GAN objective the scores enter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Discriminator scores of real samples.
    Real,
    /// Discriminator scores of generated samples (discriminator loss).
    Fake,
    /// Scores of generated samples, for the generator's loss.
    Generator,
}

impl Side {
    /// MONAI's `(target_is_real, for_discriminator)`; the generator always targets "real".
    pub fn from_flags(target_is_real: bool, for_discriminator: bool) -> Self {
        match (for_discriminator, target_is_real) {
            (false, _) => Side::Generator,
            (true, true) => Side::Real,
            (true, false) => Side::Fake,
        }
    }

    /// Reads `target_is_real` and `for_discriminator` (both default to true).
    pub fn from_call(c: &Call) -> Result<Self, LossError> {
        Ok(Side::from_flags(c.bool("target_is_real", true)?, c.bool("for_discriminator", true)?))
    }

    /// The regression target MONAI uses: 0 for fake scores, 1 otherwise.
    pub fn label(self) -> f64 {
        if self == Side::Fake { 0.0 } else { 1.0 }
    }
}

/// Reads MONAI's `criterion` param, which must name this entry's criterion.
pub fn expect_criterion(loss: &str, c: &Call, criterion: &'static str) -> Result<(), LossError> {
    match c.str("criterion", criterion)? {
        s if s == criterion => Ok(()),
        other => Err(LossError::param(loss, "criterion", format!("\"{criterion}\" (other criteria are other entries)"), other)),
    }
}

/// Which library's definition of a GAN loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GanForm {
    /// The paper's loss on raw scores (default).
    Standard,
    /// MONAI `PatchAdversarialLoss`.
    MonaiPatch,
}

impl GanForm {
    /// The call's form: `standard` (default) or `monai-patch`.
    pub fn from_call(c: &Call) -> Result<Self, LossError> {
        match c.form() {
            None | Some("standard") => Ok(GanForm::Standard),
            Some("monai-patch") => Ok(GanForm::MonaiPatch),
            Some(_) => Err(c.unknown_form(&["standard", "monai-patch"])),
        }
    }
}

/// Plot slice of the GAN entries: the loss of one real sample's score.
pub fn plot_real_score(x: f64) -> crate::catalog::PlotInput {
    use crate::eval::HostTensor;
    crate::catalog::PlotInput { form: None, params: serde_json::json!({}), inputs: vec![("logits", HostTensor::from_f64(vec![1, 1], vec![x]))], wrt: "logits", index: 0 }
}

/// Checks shared by the GAN entries: reference cases; the value of both forms on every side
/// against `by_hand(score, target_is_real, for_discriminator, form)` averaged; gradients near
/// the kinks; extreme scores; reductions and bad inputs.
#[cfg(test)]
pub fn check_gan_entry(id: &str, by_hand: fn(f64, bool, bool, Option<&str>) -> f64) {
    use serde_json::json;

    use crate::ErrorKind;
    use crate::testing::*;

    let side = |real: bool, disc: bool| params(json!({"target_is_real": real, "for_discriminator": disc}));
    assert_cases_pass(id);
    let xs = [-2.0, -0.3, 0.0, 0.7, 3.0];
    let x = inputs(vec![("logits", f(&[5], &xs))]);
    for (real, disc) in [(true, true), (false, true), (true, false), (false, false)] {
        for form in [None, Some("monai-patch")] {
            let got = eval64(id, form, &side(real, disc), &x).loss.floats[0];
            let want = xs.iter().map(|&v| by_hand(v, real, disc, form)).sum::<f64>() / 5.0;
            assert!((got - want).abs() < 1e-12, "{id} {form:?} real={real} disc={disc}: {got} vs {want}");
        }
    }
    let extremes = inputs(vec![("logits", f(&[4], &[-1e4, -1e2, 1e2, 1e4]))]);
    for (real, disc) in [(true, true), (false, true), (true, false)] {
        for form in [None, Some("monai-patch")] {
            assert_gradcheck(id, form, &side(real, disc), &inputs(vec![("logits", randn(&[2, 1, 3, 3], 3, 1.5))]));
            // Near the kinks at +-1 and 0 (not on them).
            assert_gradcheck(id, form, &side(real, disc), &inputs(vec![("logits", f(&[6], &[0.999, 1.001, -0.999, -1.001, 1e-3, -1e-3]))]));
            assert_finite(id, form, &side(real, disc), &extremes);
        }
    }
    let x = inputs(vec![("logits", randn(&[2, 3], 1, 1.0))]);
    let mean = eval64(id, None, &params(json!({})), &x).loss.floats[0];
    let sum = eval64(id, None, &params(json!({"reduction": "sum"})), &x).loss.floats[0];
    assert!((sum - 6.0 * mean).abs() < 1e-12);
    assert_eq!(eval64(id, None, &params(json!({"reduction": "none"})), &x).loss.shape, vec![2, 3]);
    assert_error(id, None, &params(json!({"criterion": "wasserstein"})), &x, ErrorKind::Param);
    assert_error(id, None, &params(json!({"reduction": "avg"})), &x, ErrorKind::Param);
    assert_error(id, None, &params(json!({"target_is_real": 1.5})), &x, ErrorKind::Param);
    assert_error(id, Some("pix2pix"), &params(json!({})), &x, ErrorKind::Unsupported);
    assert_error(id, None, &params(json!({})), &inputs(vec![("logits", f(&[0], &[]))]), ErrorKind::Empty);
    assert_error(id, None, &params(json!({})), &inputs(vec![("logits", i(&[2], &[1, 0]))]), ErrorKind::DType);
}
