//! Normalized mutual information loss: minus (H(X) + H(Y)) / H(X, Y), a mutual-information variant
//! insensitive to the size of the overlap.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::registration::{kornia_entropies, read_kde, KdeConfig};
use crate::numerics::LossTensor;

const ID: &str = "normalized-mutual-information";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Normalized Mutual Information Loss",
    aliases: &["NMI Loss"],
    kind: Kind::Loss,
    domains: &["registration", "medical"],
    year: 1999,
    paper: Paper {
        title: "An overlap invariant entropy measure of 3D medical image alignment",
        authors: "Studholme, C., Hill, D.L.G., Hawkes, D.J.",
        venue: "Pattern Recognition",
        year: 1999,
        url: "https://doi.org/10.1016/S0031-3203(98)00091-0",
    },
    summary: "Divides the sum of marginal entropies by the joint entropy, which, unlike plain mutual information, does not grow when the overlapping region changes size; its negative is minimized to align images. It uses the same Parzen histogram as kornia's mutual information loss and ranges in [-2, -1].",
    formula: r"L = -\frac{H(X) + H(Y)}{H(X, Y)}",
    inputs: &[
        Input { name: "pred", shape: "[*, N]", meaning: "first signal" },
        Input { name: "target", shape: "[*, N]", meaning: "second signal (same shape)" },
    ],
    params: &[
        Param { name: "num_bins", symbol: "", default: Value::Int(64), range: Range::Integer { min: 2, max: i64::MAX }, meaning: "number of histogram bins" },
        Param { name: "window_radius", symbol: "", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "kernel support in bin widths" },
        Param { name: "kernel_function", symbol: "", default: Value::Str("xu"), range: Range::Choice { values: &["xu", "rectangular", "truncated_gaussian"] }, meaning: "Parzen kernel (kornia MIKernel)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "kornia.losses.normalized_mutual_information_loss",
    ],
    related: &["mutual-information", "global-mutual-information"],
    forms: &[
        Form { name: "default", description: "kornia.losses.normalized_mutual_information_loss(pred, target, num_bins, window_radius): no reduction, one value per leading index." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "one input value (16 samples, target a ramp)", from: -1.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

/// Sixteen samples: the target a ramp on [0, 1], the input equal to it but for sample 5.
fn plot_at(x: f64) -> PlotInput {
    let target: Vec<f64> = (0..16).map(|k| k as f64 / 15.0).collect();
    let mut pred = target.clone();
    pred[5] = x;
    let h = |v: Vec<f64>| crate::eval::HostTensor::from_f64(vec![16], v);
    PlotInput { form: None, params: serde_json::json!({"num_bins": 8}), inputs: vec![("pred", h(pred)), ("target", h(target))], wrt: "pred", index: 5 }
}

/// kornia `normalized_mutual_information_loss(input, target, kernel_function=..., num_bins, window_radius)` on
/// rows `[B, N]` (no masks): `-(H_x + H_y) / H_xy`, one value per row.
pub fn normalized_mutual_information(pred: Tensor<2>, target: Tensor<2>, cfg: &KdeConfig) -> Result<Tensor<1>, LossError> {
    crate::numerics::same_shape(ID, "target", &target.dims(), "pred", &pred.dims())?;
    crate::numerics::non_empty(ID, "pred", &pred.dims())?;
    if cfg.num_bins < 2 || !(cfg.window_radius > 0.0 && cfg.window_radius.is_finite()) {
        return Err(LossError::param(ID, "num_bins / window_radius", "num_bins >= 2 and a finite positive window_radius", format!("{} / {}", cfg.num_bins, cfg.window_radius)));
    }
    let (h_x, h_y, h_xy) = kornia_entropies(pred, target, cfg.kernel_function, cfg.num_bins, cfg.window_radius);
    Ok(((h_x + h_y) / h_xy).neg())
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (cfg, pred, target, lead) = read_kde(c)?;
    Ok(LossTensor::with_shape(normalized_mutual_information(pred, target, &cfg)?, lead))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Two bins, xu kernel, radius 1, signals [0, 1] and [0, 1]: sample 0 weighs bins (1, 0),
        // sample 1 weighs (0, 1) (xu(1) = 0), so the joint histogram is the identity (empty bins
        // floored at eps): H_x = H_y = H_xy = ln 2 and the loss is -(ln 2 + ln 2) / ln 2 = -2.
        let x = inputs(vec![("pred", f(&[2], &[0.0, 1.0])), ("target", f(&[2], &[0.0, 1.0]))]);
        let got = eval64(ID, None, &params(json!({"num_bins": 2})), &x).loss.floats[0];
        assert!((got + 2.0).abs() < 1e-13, "{got}");
        // Rectangular kernel covering both bins: the histogram is uniform, H_xy = H_x + H_y and
        // the loss is -1.
        let x = inputs(vec![("pred", f(&[3], &[0.0, 0.4, 1.0])), ("target", f(&[3], &[1.0, 0.3, 0.0]))]);
        let got = eval64(ID, None, &params(json!({"num_bins": 2, "kernel_function": "rectangular"})), &x).loss.floats[0];
        assert!((got + 1.0).abs() < 1e-15, "{got}");
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("pred", randn(&[2, 30], 4, 1.0)), ("target", randn(&[2, 30], 5, 1.0))]);
        for p in [json!({"num_bins": 8}), json!({"num_bins": 12, "window_radius": 1.7}), json!({"num_bins": 10, "kernel_function": "truncated_gaussian", "window_radius": 1.3})] {
            assert_gradcheck(ID, None, &params(p), &x);
        }
    }

    #[test]
    fn shapes_extremes_and_bad_inputs() {
        let x = inputs(vec![("pred", randn(&[2, 3, 20], 1, 1.0)), ("target", randn(&[2, 3, 20], 2, 1.0))]);
        let ev = eval64(ID, None, &params(json!({"num_bins": 8})), &x);
        assert_eq!(ev.loss.shape, vec![2, 3]);
        let one = eval64(ID, None, &params(json!({"num_bins": 8})), &inputs(vec![("pred", randn(&[20], 1, 1.0)), ("target", randn(&[20], 2, 1.0))]));
        assert!(one.loss.shape.is_empty());
        for scale in [1e-12, 1e4, 1e12] {
            assert_finite(ID, None, &params(json!({"num_bins": 16})), &inputs(vec![("pred", randn(&[2, 25], 3, scale)), ("target", randn(&[2, 25], 4, scale))]));
        }
        // A constant signal: kornia's trivial branch, finite with a zero gradient.
        assert_finite(ID, None, &params(json!({})), &inputs(vec![("pred", f(&[4], &[0.5; 4])), ("target", f(&[4], &[0.1, 0.2, 0.3, 0.9]))]));
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("pred", randn(&[2, 5], 1, 1.0)), ("target", randn(&[1, 5], 1, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("pred", f(&[2, 0], &[])), ("target", f(&[2, 0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("pred", i(&[3], &[0, 1, 2])), ("target", i(&[3], &[0, 1, 2]))]), ErrorKind::DType);
        for bad in [json!({"num_bins": 1}), json!({"window_radius": 0.0}), json!({"window_radius": -1.0}), json!({"kernel_function": "epanechnikov"})] {
            assert_error(ID, None, &params(bad), &x, ErrorKind::Param);
        }
    }
}

