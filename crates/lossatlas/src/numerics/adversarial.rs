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
