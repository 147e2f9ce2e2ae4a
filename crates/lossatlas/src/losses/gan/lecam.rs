//! LeCam regularization: anchor the discriminator's predictions on real and generated data to
//! moving averages of each other's predictions, which helps GANs trained on little data.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, HostTensor};
use crate::numerics::{self, LossTensor, inputs};

const ID: &str = "lecam";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "LeCam Regularization",
    aliases: &["LeCam Loss", "LeCam-GAN"],
    kind: Kind::Loss,
    domains: &["gan", "regularization"],
    year: 2021,
    paper: Paper {
        title: "Regularizing Generative Adversarial Networks under Limited Data",
        authors: "Tseng et al.",
        venue: "CVPR 2021",
        year: 2021,
        url: "https://arxiv.org/abs/2104.03310",
    },
    summary: "A discriminator regularizer for limited-data GAN training: it pulls D's outputs on real images towards alpha_F, an exponential moving average of its mean output on generated images, and its outputs on generated images towards alpha_R, the moving average on real images. The paper relates the resulting objective to the LeCam divergence and shows it complements data augmentation (DiffAugment, ADA). The reference code (google/lecam-gan) squares only the one-sided excess, relu(D(x) - alpha_F)^2 and relu(alpha_R - D(G(z)))^2 (the default form here), unlike the plain squared distances of the paper's equation (form paper). The EMAs are inputs: the caller updates them from the detached batch means before calling (decay 0.99 in the reference code) and chooses its weight (tuned per dataset).",
    formula: r"R_{\text{LC}} = \frac{1}{N}\sum_{n=1}^{N}\operatorname{relu}\bigl(D(x_n) - \alpha_F\bigr)^2 + \frac{1}{M}\sum_{m=1}^{M}\operatorname{relu}\bigl(\alpha_R - D(G(z_m))\bigr)^2",
    inputs: &[
        Input { name: "real_scores", shape: "[*]", meaning: "discriminator outputs D(x) on real samples (any shape; averaged over all elements)" },
        Input { name: "fake_scores", shape: "[*]", meaning: "discriminator outputs D(G(z)) on generated samples (any shape)" },
        Input { name: "ema_real", shape: "[]", meaning: "alpha_R, moving average of the mean real output (state kept by the caller)" },
        Input { name: "ema_fake", shape: "[]", meaning: "alpha_F, moving average of the mean fake output (state kept by the caller)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["gan-hinge", "r1-penalty", "spectral-normalization"],
    forms: &[
        Form { name: "reference", description: "google/lecam-gan lecam_reg: mean(relu(real_scores - ema_fake)^2) + mean(relu(ema_real - fake_scores)^2)." },
        Form { name: "paper", description: "The paper's equation: mean((real_scores - ema_fake)^2) + mean((fake_scores - ema_real)^2), two-sided." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "discriminator output on a real sample (EMAs: real 1, fake -1)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("real_scores", HostTensor::from_f64(vec![1], vec![x])),
            ("fake_scores", HostTensor::from_f64(vec![1], vec![-1.0])),
            ("ema_real", HostTensor::from_f64(vec![], vec![1.0])),
            ("ema_fake", HostTensor::from_f64(vec![], vec![-1.0])),
        ],
        wrt: "real_scores",
        index: 0,
    }
}

/// Which LeCam term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LecamForm {
    /// One-sided `relu(.)^2` (the reference code).
    #[default]
    Reference,
    /// Two-sided squares (the paper's equation).
    Paper,
}

/// The LeCam regularizer on flat discriminator outputs `real_scores` `[N]`, `fake_scores` `[M]`
/// and the moving averages `ema_real`, `ema_fake` (`[1]` each). Returns a scalar.
pub fn lecam(real_scores: Tensor<1>, fake_scores: Tensor<1>, ema_real: Tensor<1>, ema_fake: Tensor<1>, form: LecamForm) -> Result<LossTensor, LossError> {
    numerics::non_empty(ID, "real_scores", &real_scores.dims())?;
    numerics::non_empty(ID, "fake_scores", &fake_scores.dims())?;
    for (name, t) in [("ema_real", &ema_real), ("ema_fake", &ema_fake)] {
        if t.dims() != [1] {
            return Err(LossError::shape(ID, name, "a scalar (shape [] or [1])", crate::error::fmt_shape(&t.dims())));
        }
        numerics::finite_values(ID, name, &numerics::host_f64(t))?;
    }
    // relu(x)^2 has derivative 2 relu(x), which is 0 at the kink, so clamp_min's boundary
    // gradient does not matter.
    let side = |d: Tensor<1>| match form {
        LecamForm::Reference => d.clamp_min(0.0).square().mean(),
        LecamForm::Paper => d.square().mean(),
    };
    let total = side(real_scores - ema_fake) + side(ema_real - fake_scores);
    Ok(LossTensor::scalar(total))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = match c.form() {
        None | Some("reference") => LecamForm::Reference,
        Some("paper") => LecamForm::Paper,
        _ => return Err(c.unknown_form(&["reference", "paper"])),
    };
    let flat = |name: &str| -> Result<Tensor<1>, LossError> {
        let n = c.host(name)?.numel();
        numerics::non_empty(ID, name, &[n])?;
        c.float_reshaped(name, [n])
    };
    let (real, fake) = (flat("real_scores")?, flat("fake_scores")?);
    lecam(real, fake, inputs::scalar_input(c, "ema_real")?, inputs::scalar_input(c, "ema_fake")?, form)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn x(real: crate::eval::HostTensor, fake: crate::eval::HostTensor, er: f64, ef: f64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("real_scores", real), ("fake_scores", fake), ("ema_real", f(&[], &[er])), ("ema_fake", f(&[], &[ef]))])
    }

    #[test]
    fn gradients_match_finite_differences() {
        let xs = x(randn(&[5, 1], 51, 1.5), randn(&[3, 1], 52, 1.5), 0.3, -0.2);
        assert_gradcheck(ID, None, &params(json!({})), &xs);
        assert_gradcheck(ID, Some("paper"), &params(json!({})), &xs);
        // Next to the kinks (scores a hair from the EMAs).
        let near = x(f(&[2], &[-0.2 + 1e-4, -0.2 - 1e-4]), f(&[2], &[0.3 + 1e-4, 0.3 - 1e-4]), 0.3, -0.2);
        assert_gradcheck(ID, None, &params(json!({})), &near);
    }

    #[test]
    fn value_is_the_formula() {
        // real (2, -3), fake (0, 4), alpha_R = 1, alpha_F = -1:
        // relu(3)^2, relu(-2)^2 -> mean 4.5; relu(1 - 0)^2, relu(1 - 4)^2 -> mean 0.5. Total 5.
        let xs = x(f(&[2], &[2.0, -3.0]), f(&[2], &[0.0, 4.0]), 1.0, -1.0);
        let ev = eval64(ID, None, &params(json!({})), &xs);
        assert_eq!(ev.loss.floats, vec![5.0]);
        // d/dD(x_1) = 2 * 3 / 2 = 3; the clipped sample gets 0; d/dD(G(z_1)) = -2 * 1 / 2 = -1.
        assert_eq!(ev.grads["real_scores"].floats, vec![3.0, 0.0]);
        assert_eq!(ev.grads["fake_scores"].floats, vec![-1.0, 0.0]);
        // Paper: (9 + 4) / 2 + (1 + 9) / 2 = 11.5.
        assert_eq!(eval64(ID, Some("paper"), &params(json!({})), &xs).loss.floats, vec![11.5]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        assert_finite(ID, None, &params(json!({})), &x(f(&[3], &[1e12, -1e12, 1e-12]), f(&[2], &[-1e12, 1e4]), 1e3, -1e3));
    }

    #[test]
    fn bad_inputs_are_errors() {
        let (r, fk) = (randn(&[3], 1, 1.0), randn(&[2], 2, 1.0));
        assert_error(ID, None, &params(json!({})), &x(f(&[0], &[]), fk.clone(), 0.0, 0.0), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({})), &x(r.clone(), f(&[2, 0], &[]), 0.0, 0.0), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({})), &x(r.clone(), fk.clone(), f64::NAN, 0.0), ErrorKind::Value);
        let two = inputs(vec![("real_scores", r.clone()), ("fake_scores", fk.clone()), ("ema_real", f(&[2], &[0.0, 1.0])), ("ema_fake", f(&[], &[0.0]))]);
        assert_error(ID, None, &params(json!({})), &two, ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"ema_decay": 0.99})), &x(r.clone(), fk.clone(), 0.0, 0.0), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("real_scores", r), ("fake_scores", fk)]), ErrorKind::Missing);
    }
}
