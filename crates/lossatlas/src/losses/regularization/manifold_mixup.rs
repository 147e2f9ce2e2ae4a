//! Manifold mixup: mixup applied to the hidden representation at a randomly chosen layer
//! instead of the input. The loss over the mixed labels is mixup's.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::regularization::mixup::{MIXED_FORMS, MIXED_INPUTS, MIXED_PARAMS, eval_mixed};
use crate::numerics::LossTensor;

const ID: &str = "manifold-mixup";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Manifold Mixup",
    aliases: &["Manifold Mixup Loss"],
    kind: Kind::Loss,
    domains: &["regularization", "classification"],
    year: 2019,
    paper: Paper {
        title: "Manifold Mixup: Better Representations by Interpolating Hidden States",
        authors: "Verma et al.",
        venue: "ICML 2019",
        year: 2019,
        url: "https://arxiv.org/abs/1806.05236",
    },
    summary: "Mixes pairs of examples at a hidden layer chosen at random for each batch (the input counts as layer 0) and trains the rest of the network on the mixed states, with lam * CE(logits, y_a) + (1 - lam) * CE(logits, y_b) over the two labels, lam drawn from Beta(alpha, alpha). Interpolating hidden states flattens the class representations and smooths decision boundaries at several levels, improving generalization, calibration and robustness to single-step attacks. The mixing happens inside the model's forward pass; this entry computes the loss given the logits, lam and the pairing.",
    formula: r"\ell = \frac{1}{N}\sum_{i=1}^{N}\Big[\lambda\,\operatorname{CE}(z_i, y^a_i) + (1-\lambda)\,\operatorname{CE}(z_i, y^b_i)\Big],\quad z = g_k\big(\lambda h_k(x) + (1-\lambda) h_k(x_\pi)\big)",
    inputs: MIXED_INPUTS,
    params: MIXED_PARAMS,
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["mixup", "cutmix", "cross-entropy"],
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
