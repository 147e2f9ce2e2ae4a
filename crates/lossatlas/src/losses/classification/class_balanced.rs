//! Class-balanced loss: re-weights a base loss per class by the inverse of the class's
//! "effective number of samples" `(1 - beta^n) / (1 - beta)`, which grows sub-linearly with the
//! count n because new samples of a class increasingly overlap old ones. A principled middle
//! ground between no re-weighting (beta = 0) and inverse class frequency (beta -> 1).

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::focal::{bce_with_logits, check_gamma, one_hot};
use crate::numerics::{self, LossTensor};

const ID: &str = "class-balanced";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Class-Balanced Loss",
    aliases: &["CB Loss", "Class-Balanced Focal Loss", "Effective Number of Samples"],
    kind: Kind::Loss,
    domains: &["classification"],
    year: 2019,
    paper: Paper {
        title: "Class-Balanced Loss Based on Effective Number of Samples",
        authors: "Cui, Y. et al.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1901.05555",
    },
    summary: "Weights each example by w_y = (1 - beta) / (1 - beta^{n_y}), normalized so the weights sum to the number of classes, where n_y is the training count of its class; the base loss is sigmoid BCE, focal loss or BCE on softmax probabilities. For long-tailed data it softens inverse-frequency weighting: beta = 0 is unweighted, beta -> 1 approaches 1/n. beta (typically 0.9 to 0.9999) must be tuned to the dataset size, and the class counts come from the training set, not the batch.",
    formula: r"w_c = \frac{C\,\frac{1-\beta}{1-\beta^{n_c}}}{\sum_{k}\frac{1-\beta}{1-\beta^{n_k}}},\quad \ell = \frac{1}{N}\sum_{i}\sum_{c} w_{y_i}\,(1-p_{t,ic})^{\gamma}\,\operatorname{BCE}(x_{ic}, [y_i = c])",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "unnormalized class scores" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "class indices" },
    ],
    params: &[
        Param { name: "samples_per_cls", symbol: "n_c", default: Value::Null, range: Range::Reals { min: 1.0, max: f64::INFINITY }, meaning: "required: number of training samples of each class (length C)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.9999), range: Range::Real { min: 0.0, max: 1.0, open_min: false, open_max: true }, meaning: "hyperparameter of the effective number; 0 disables the re-weighting" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "focal exponent (form focal; read but unused by the other forms, as in the reference's signature)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["focal", "binary-cross-entropy", "cross-entropy"],
    forms: &[
        Form { name: "focal", description: "vandit15/Class-balanced-loss-pytorch CB_loss(loss_type='focal'): one-vs-rest sigmoid BCE on one-hot targets times the modulator exp(-gamma y x - gamma log(1 + e^{-x})) = (1 - p_t)^gamma and the sample's class weight, summed and divided by the number of samples (the sum of the one-hot labels)." },
        Form { name: "sigmoid", description: "CB_loss(loss_type='sigmoid'): BCE-with-logits on one-hot targets weighted by the sample's class weight, mean over N*C (the reference passes `weights=`, a typo; this is the intended `weight=`)." },
        Form { name: "softmax-bce", description: "CB_loss(loss_type='softmax'): binary cross-entropy on the softmax probabilities against one-hot targets (log terms clamped at -100 as PyTorch), weighted by the sample's class weight, mean over N*C." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the true class (others 0)", from: -6.0, to: 6.0, at: |x| crate::plot::true_class_logit(x, Some("focal"), serde_json::json!({"samples_per_cls": [2.0, 3.0, 1.0]})) }),
    ..Entry::BLANK
};

/// The base loss of [`class_balanced`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CbLossType {
    Focal,
    Sigmoid,
    SoftmaxBce,
}

/// Class weights `C * ((1 - beta) / (1 - beta^n_c)) / sum_k (...)`.
pub fn class_balanced_weights(samples_per_cls: &[f64], beta: f64) -> Result<Vec<f64>, LossError> {
    if !(0.0..1.0).contains(&beta) {
        return Err(LossError::param(ID, "beta", "a number in [0, 1)", format!("{beta}")));
    }
    if let Some(bad) = samples_per_cls.iter().find(|n| !(**n >= 1.0) || !n.is_finite()) {
        return Err(LossError::param(ID, "samples_per_cls", "counts >= 1", format!("{bad}")));
    }
    let raw: Vec<f64> = samples_per_cls.iter().map(|&n| (1.0 - beta) / (1.0 - beta.powf(n))).collect();
    let total: f64 = raw.iter().sum();
    let c = samples_per_cls.len() as f64;
    Ok(raw.iter().map(|w| w / total * c).collect())
}

/// CB_loss of vandit15/Class-balanced-loss-pytorch on logits `[N, C]` and class indices `[N]`.
pub fn class_balanced(logits: Tensor<2>, targets: Tensor<1, Int>, samples_per_cls: &[f64], beta: f64, gamma: f64, loss_type: CbLossType) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of logits", &[n])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    if samples_per_cls.len() != c {
        return Err(LossError::shape(ID, "samples_per_cls", format!("{c} counts (one per class)"), format!("{} counts", samples_per_cls.len())));
    }
    check_gamma(ID, "gamma", gamma)?;
    let w = class_balanced_weights(samples_per_cls, beta)?;
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), c, None)?;
    let w_cls = numerics::tensor_like(&logits, w, [c]);
    // Each sample's weight is its class's, repeated over the C one-vs-rest terms.
    let w_i = w_cls.select(0, targets.clone()).reshape([n, 1]);
    let y = one_hot(targets, c, &logits);
    let per = match loss_type {
        CbLossType::Focal | CbLossType::Sigmoid => {
            let bce = bce_with_logits(logits.clone(), y.clone());
            if loss_type == CbLossType::Focal && gamma != 0.0 {
                // exp(-gamma (y x + log(1 + e^{-x}))), with a stable softplus.
                let m = ((y.clone() * logits.clone()) + numerics::softplus(logits.neg())).mul_scalar(-gamma).exp();
                bce * m
            } else {
                bce
            }
        }
        CbLossType::SoftmaxBce => {
            let logp = numerics::log_softmax(logits, 1);
            let log_p = logp.clone().clamp_min(-100.0);
            // log(1 - p), clamped at -100 as PyTorch; where p rounds to 1 the clamp value is
            // used directly, so log1p never sees -1 (whose backward would be 0 * inf).
            let p = logp.exp();
            let one = p.clone().greater_equal_elem(1.0);
            let log_q = p.mask_fill(one.clone(), 0.0).neg().log1p().clamp_min(-100.0).mask_fill(one, -100.0);
            (y.clone() * log_p + y.neg().add_scalar(1.0) * log_q).neg()
        }
    };
    let weighted = per * w_i;
    Ok(LossTensor::scalar(match loss_type {
        CbLossType::Focal => weighted.sum().mul_scalar(1.0 / (n as f64)),
        _ => weighted.mean(),
    }))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let loss_type = match c.form().unwrap_or("focal") {
        "focal" => CbLossType::Focal,
        "sigmoid" => CbLossType::Sigmoid,
        "softmax-bce" => CbLossType::SoftmaxBce,
        _ => return Err(c.unknown_form(&ENTRY.forms.iter().map(|f| f.name).collect::<Vec<_>>())),
    };
    let samples = c.f64_list_opt("samples_per_cls")?.ok_or_else(|| LossError::param(ID, "samples_per_cls", "a list of class counts (required)", "nothing"))?;
    let beta = c.f64("beta", 0.9999)?;
    let gamma = c.f64("gamma", 2.0)?;
    class_balanced(c.float::<2>("logits")?, c.int::<1>("targets")?, &samples, beta, gamma, loss_type)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch() -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("logits", randn(&[6, 4], 61, 2.0)), ("targets", i(&[6], &[0, 1, 2, 3, 3, 1]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for form in ["focal", "sigmoid", "softmax-bce"] {
            let p = params(json!({"samples_per_cls": [10, 200, 3, 50], "beta": 0.99, "gamma": 1.5}));
            assert_gradcheck(ID, Some(form), &p, &batch());
        }
    }

    #[test]
    fn value_is_the_formula() {
        // beta = 0: every weight is 1. Sigmoid form on one sample, logits (0, 0), class 0:
        // mean of two BCE terms, each ln 2.
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 0.0])), ("targets", i(&[1], &[0]))]);
        let ev = eval64(ID, Some("sigmoid"), &params(json!({"samples_per_cls": [3, 5], "beta": 0.0})), &x);
        assert!((ev.loss.floats[0] - 2f64.ln()).abs() < 1e-15);
        // Focal form, gamma 2: (1/2)^2 ln 2 per term, summed over 2 classes, / N = 1.
        let ev = eval64(ID, Some("focal"), &params(json!({"samples_per_cls": [3, 5], "beta": 0.0, "gamma": 2.0})), &x);
        assert!((ev.loss.floats[0] - 0.5 * 2f64.ln()).abs() < 1e-15);
        // Weights: beta 0.5, counts (1, 2): raw (1, 2/3) -> normalized 2 * (0.6, 0.4).
        let w = super::class_balanced_weights(&[1.0, 2.0], 0.5).unwrap();
        assert!((w[0] - 1.2).abs() < 1e-15 && (w[1] - 0.8).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 2], &[s, -s, -s, s])), ("targets", i(&[2], &[1, 1]))]);
            for form in ["focal", "sigmoid", "softmax-bce"] {
                assert_finite(ID, Some(form), &params(json!({"samples_per_cls": [4, 9]})), &x);
            }
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({"samples_per_cls": [10, 200, 3, 50]}));
        assert_error(ID, None, &params(json!({})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"samples_per_cls": [1, 2]})), &batch(), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"samples_per_cls": [10, 0, 3, 50]})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"samples_per_cls": [10, 200, 3, 50], "beta": 1.0})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"samples_per_cls": [10, 200, 3, 50], "gamma": -2.0})), &batch(), ErrorKind::Param);
        let mut bad = batch();
        bad.insert("targets".into(), i(&[6], &[0, 1, 2, 4, 3, 1]));
        assert_error(ID, None, &p, &bad, ErrorKind::Value);
        bad.insert("targets".into(), f(&[6], &[0.0; 6]));
        assert_error(ID, None, &p, &bad, ErrorKind::DType);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
