//! Temperature scaling: the post-hoc calibration objective that fits one scalar temperature on
//! held-out data by minimizing the negative log-likelihood of softmax(logits / T). The network
//! is frozen; only T is learned, so the objective is a function of T (and, for analysis, of the
//! logits).

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "temperature-scaling";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Temperature Scaling Loss",
    aliases: &["Temperature Scaling", "Temperature Calibration"],
    kind: Kind::Loss,
    domains: &["calibration-fairness", "classification", "uncertainty"],
    year: 2017,
    paper: Paper {
        title: "On Calibration of Modern Neural Networks",
        authors: "Chuan Guo, Geoff Pleiss, Yu Sun, Kilian Q. Weinberger",
        venue: "ICML",
        year: 2017,
        url: "https://arxiv.org/abs/1706.04599",
    },
    summary: "Fits a single temperature T > 0 on a held-out validation set by minimizing the mean negative log-likelihood of softmax(logits / T), with the classifier frozen. Dividing all logits by one scalar never changes the argmax, so accuracy is untouched while over-confidence is removed; it is the standard first calibration baseline. The objective is convex in 1/T; optimize log T (or use L-BFGS on T with a positive start) and fit on data the network was not trained on.",
    formula: r"\mathcal{L}(T) = -\frac{1}{N}\sum_{i=1}^{N} \log \frac{e^{z_{i,y_i}/T}}{\sum_{k} e^{z_{ik}/T}}",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "frozen logits of the classifier on the calibration set" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "class indices" },
        Input { name: "temperature", shape: "[] or [1]", meaning: "the temperature T > 0 being fitted (gets a gradient)" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["cross-entropy", "platt-scaling", "dirichlet-calibration", "spline-calibration", "brier-score"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the temperature-scaling objective.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TemperatureScalingConfig {
    pub reduction: Reduction,
}

/// Negative log-likelihood of `softmax(logits / temperature)`. `logits` `[N, C]`, `targets`
/// `[N]`, `temperature` a one-element tensor that must be positive.
pub fn temperature_scaling(logits: Tensor<2>, targets: Tensor<1, Int>, temperature: Tensor<1>, cfg: &TemperatureScalingConfig) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of logits", &[n])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    if temperature.dims() != [1] {
        return Err(LossError::shape(ID, "temperature", "one value", fmt_shape(&temperature.dims())));
    }
    let t = numerics::host_f64(&temperature)[0];
    if !(t > 0.0) || !t.is_finite() {
        return Err(LossError::value(ID, "temperature", "a finite temperature > 0", format!("{t}")));
    }
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), c, None)?;
    let scaled = logits / temperature.reshape([1, 1]);
    let logp = numerics::log_softmax(scaled, 1);
    let per = logp.gather(1, targets.reshape([n, 1])).reshape([n]).neg();
    Ok(reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = TemperatureScalingConfig { reduction: c.reduction(Reduction::Mean)? };
    let t = c.host("temperature")?;
    if t.numel() != 1 {
        return Err(LossError::shape(ID, "temperature", "one value (shape [] or [1])", fmt_shape(&t.shape)));
    }
    temperature_scaling(c.float::<2>("logits")?, c.int::<1>("targets")?, c.float_reshaped::<1>("temperature", [1])?, &cfg)
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
    fn gradients_match_finite_differences() {
        for (seed, t) in [(1, 0.3), (2, 1.0), (3, 7.5)] {
            let x = inputs(vec![("logits", randn(&[6, 4], seed, 3.0)), ("targets", i(&[6], &[0, 1, 2, 3, 0, 1])), ("temperature", f(&[], &[t]))]);
            assert_gradcheck(ID, None, &params(json!({})), &x);
            assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
        }
    }

    #[test]
    fn value_is_the_formula() {
        // logits (0, 2 ln 3), T = 2: softmax(0, ln 3) = (1/4, 3/4); -log(3/4) for target 1.
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 2.0 * 3f64.ln()])), ("targets", i(&[1], &[1])), ("temperature", f(&[], &[2.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (4.0f64 / 3.0).ln()).abs() < 1e-14);
        // d/dT of -log softmax(z/T)_y = (z_y - E_p[z]) / T^2 = (2 ln3 - 0.75 * 2 ln3) / 4.
        let want = (2.0 * 3f64.ln() - 0.75 * 2.0 * 3f64.ln()) / 4.0;
        assert!((ev.grads["temperature"].floats[0] - want).abs() < 1e-13);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[scale, -scale, 0.0, -scale, scale, scale])), ("targets", i(&[2], &[1, 2])), ("temperature", f(&[], &[0.05]))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let z = randn(&[3, 4], 5, 1.0);
        let y = i(&[3], &[0, 1, 2]);
        for (t, kind) in [(0.0, ErrorKind::Value), (-1.0, ErrorKind::Value), (f64::NAN, ErrorKind::Value)] {
            assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", y.clone()), ("temperature", f(&[], &[t]))]), kind);
        }
        let t = f(&[], &[1.5]);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[2], &[0, 1])), ("temperature", t.clone())]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[3], &[0, 4, 1])), ("temperature", t.clone())]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", f(&[3], &[0.0, 1.0, 2.0])), ("temperature", t.clone())]), ErrorKind::DType);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", y.clone()), ("temperature", f(&[2], &[1.0, 2.0]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[])), ("temperature", t.clone())]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"reduction": "avg"})), &inputs(vec![("logits", z), ("targets", y), ("temperature", t)]), ErrorKind::Param);
    }
}
