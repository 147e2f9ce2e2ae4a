//! CutMix: paste a random box from another image of the batch and mix the labels by the
//! pasted area. The loss over the mixed labels is mixup's, with lam the kept area fraction.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::regularization::mixup::{MIXED_FORMS, MIXED_INPUTS, MIXED_PARAMS, eval_mixed};
use crate::numerics::LossTensor;

const ID: &str = "cutmix";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "CutMix Loss",
    aliases: &["CutMix"],
    kind: Kind::Loss,
    domains: &["regularization", "classification"],
    year: 2019,
    paper: Paper {
        title: "CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features",
        authors: "Yun et al.",
        venue: "ICCV 2019",
        year: 2019,
        url: "https://arxiv.org/abs/1905.04899",
    },
    summary: "Replaces a random rectangle of each image by the same region of its partner in the batch and trains with lam * CE(logits, y_a) + (1 - lam) * CE(logits, y_b), where lam is the fraction of the image that was kept: lam is drawn from Beta(alpha, alpha), turns into a box, and is recomputed from the box after clipping at the border. Unlike mixup every pixel stays natural, which helps localization and transfer. lam and the pairing come from the data pipeline and are inputs here; pass the area-corrected lam, not the sampled one.",
    formula: r"\ell = \frac{1}{N}\sum_{i=1}^{N}\Big[\lambda\,\operatorname{CE}(z_i, y^a_i) + (1-\lambda)\,\operatorname{CE}(z_i, y^b_i)\Big],\quad \lambda = 1 - \frac{|\text{box}|}{W H}",
    inputs: MIXED_INPUTS,
    params: MIXED_PARAMS,
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["mixup", "manifold-mixup", "cross-entropy"],
    forms: MIXED_FORMS,
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    eval_mixed(ID, c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn cases_gradients_values_and_errors() {
        crate::losses::regularization::mixup::shared_tests::run_all(super::ID);
    }
}
