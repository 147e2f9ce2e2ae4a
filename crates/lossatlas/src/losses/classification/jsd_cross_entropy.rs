//! JSD + cross-entropy (AugMix): cross-entropy on the clean images plus a Jensen-Shannon
//! consistency term that pulls the predictions on several augmented views of the same images
//! towards their mixture. Trains models whose outputs are stable under corruptions.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::losses::classification::cross_entropy::nll_rows;
use crate::numerics::{self, LossTensor};

const ID: &str = "jsd-cross-entropy";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "JSD Cross-Entropy",
    aliases: &["AugMix Loss", "Jensen-Shannon Divergence Consistency Loss", "JsdCrossEntropy"],
    kind: Kind::Loss,
    domains: &["classification", "regularization", "adversarial-ood"],
    year: 2020,
    paper: Paper {
        title: "AugMix: A Simple Data Processing Method to Improve Robustness and Uncertainty",
        authors: "Hendrycks, D., Mu, N., Cubuk, E.D., Zoph, B., Gilmer, J. & Lakshminarayanan, B.",
        venue: "ICLR",
        year: 2020,
        url: "https://arxiv.org/abs/1912.02781",
    },
    summary: "The batch holds num_splits versions of the same images (clean first, then augmented views); the loss is the (label-smoothed) cross-entropy on the clean split plus alpha times the Jensen-Shannon divergence among the splits' softmax outputs, computed as the mean KL divergence of each split from their mixture. The consistency term makes predictions invariant to the augmentations and improves robustness and calibration under distribution shift. It needs the batch laid out split by split, and alpha (12 in AugMix) must be balanced against the cross-entropy.",
    formula: r"\ell = \operatorname{CE}_{\varepsilon}(x^{(1)}, y) + \frac{\alpha}{S}\sum_{s=1}^{S} \frac{1}{B}\sum_{i} \operatorname{KL}\big(p^{(s)}_i \,\|\, m_i\big),\quad m_i = \operatorname{clip}\Big(\frac{1}{S}\sum_{s} p^{(s)}_i, 10^{-7}, 1\Big)",
    inputs: &[
        Input { name: "logits", shape: "[S * B, C]", meaning: "the S splits stacked along the batch axis, clean split first" },
        Input { name: "targets", shape: "[B] (or longer; the first B are used)", meaning: "class indices of the clean split" },
    ],
    params: &[
        Param { name: "num_splits", symbol: "S", default: Value::Int(3), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of stacked splits (clean + augmented views)" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(12.0), range: Range::NON_NEGATIVE, meaning: "weight of the Jensen-Shannon term" },
        Param { name: "smoothing", symbol: r"\varepsilon", default: Value::Float(0.1), range: Range::Real { min: 0.0, max: 1.0, open_min: false, open_max: true }, meaning: "label smoothing of the cross-entropy (0: plain cross-entropy)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["timm.loss.JsdCrossEntropy"],
    related: &["cross-entropy", "label-smoothing", "js-divergence", "kl-divergence"],
    forms: &[Form { name: "timm", description: "timm JsdCrossEntropy(num_splits, alpha, smoothing): cross-entropy (label-smoothed when smoothing > 0) on the first split with targets[:B], plus alpha * mean over splits of KL(p_s || m) with batchmean reduction and the mixture clamped to [1e-7, 1] before the log." }],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "clean-view logit of the true class", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({"num_splits": 2}),
        inputs: vec![("logits", HostTensor::from_f64(vec![2, 3], vec![x, 0.0, 0.0, 1.0, 0.0, 0.0])), ("targets", HostTensor::from_i64(vec![1], vec![0]))],
        wrt: "logits",
        index: 0,
    }
}

/// timm `JsdCrossEntropy(num_splits, alpha, smoothing)`: logits `[S * B, C]`, targets whose
/// first `B` entries label the clean split.
pub fn jsd_cross_entropy(logits: Tensor<2>, targets: Tensor<1, Int>, num_splits: usize, alpha: f64, smoothing: f64) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::non_empty(ID, "logits", &[n, c])?;
    if num_splits == 0 || n % num_splits != 0 {
        return Err(LossError::param(ID, "num_splits", format!("a positive divisor of the batch size {n}"), format!("{num_splits}")));
    }
    numerics::non_negative_param(ID, "alpha", alpha)?;
    if !(0.0..1.0).contains(&smoothing) {
        return Err(LossError::param(ID, "smoothing", "a number in [0, 1)", format!("{smoothing}")));
    }
    let b = n / num_splits;
    let tlen = targets.dims()[0];
    if tlen < b {
        return Err(LossError::shape(ID, "targets", format!("at least {b} labels (one per clean image)"), fmt_shape(&[tlen])));
    }
    let y = targets.narrow(0, 0, b);
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&y), c, None)?;
    let logp: Vec<Tensor<2>> = (0..num_splits).map(|s| numerics::log_softmax(logits.clone().narrow(0, s * b, b), 1)).collect();
    // timm: LabelSmoothingCrossEntropy, or CrossEntropyLoss when smoothing is 0; both are this.
    let (ce, _) = nll_rows(ID, logp[0].clone(), y, None, -100, smoothing)?;
    let ce = ce.mean();
    let probs: Vec<Tensor<2>> = logp.iter().map(|l| l.clone().exp()).collect();
    let mix = probs.iter().skip(1).fold(probs[0].clone(), |a, p| a + p.clone()).mul_scalar(1.0 / (num_splits as f64));
    let log_mix = mix.clamp(1e-7, 1.0).log();
    let kl: Tensor<1> = probs
        .iter()
        .zip(&logp)
        .map(|(p, l)| (p.clone() * (l.clone() - log_mix.clone())).sum().mul_scalar(1.0 / (b as f64)))
        .reduce(|a, k| a + k)
        .expect("at least one split");
    Ok(LossTensor::scalar(ce + kl.mul_scalar(alpha / num_splits as f64)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if let Some(f) = c.form()
        && f != "timm"
    {
        return Err(c.unknown_form(&["timm"]));
    }
    let splits = c.i64("num_splits", 3)?;
    if splits < 1 {
        return Err(LossError::param(ID, "num_splits", "an integer >= 1", format!("{splits}")));
    }
    jsd_cross_entropy(c.float::<2>("logits")?, c.int::<1>("targets")?, splits as usize, c.f64("alpha", 12.0)?, c.f64("smoothing", 0.1)?)
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
        let x = inputs(vec![("logits", randn(&[6, 4], 91, 2.0)), ("targets", i(&[3], &[1, 3, 0]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"num_splits": 2, "alpha": 1.0, "smoothing": 0.0})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // Identical splits: the JS term vanishes and the loss is the smoothed cross-entropy.
        // logits (0, ln 3), target 1, smoothing 0.2: 0.8 ln(4/3) + 0.1 (ln 4 + ln(4/3)).
        let x = inputs(vec![("logits", f(&[2, 2], &[0.0, 3f64.ln(), 0.0, 3f64.ln()])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, None, &params(json!({"num_splits": 2, "smoothing": 0.2})), &x);
        let want = 0.8 * (4.0f64 / 3.0).ln() + 0.1 * (4f64.ln() + (4.0f64 / 3.0).ln());
        assert!((ev.loss.floats[0] - want).abs() < 1e-14);
        // Two splits p = (1/4, 3/4), q = (3/4, 1/4), alpha 1, no smoothing: mixture (1/2, 1/2),
        // JS = KL(p || m) = (1/4) ln(1/2) + (3/4) ln(3/2), same for q.
        let x = inputs(vec![("logits", f(&[2, 2], &[0.0, 3f64.ln(), 3f64.ln(), 0.0])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, None, &params(json!({"num_splits": 2, "smoothing": 0.0, "alpha": 1.0})), &x);
        let js = 0.25 * 0.5f64.ln() + 0.75 * 1.5f64.ln();
        assert!((ev.loss.floats[0] - ((4.0f64 / 3.0).ln() + js)).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[3, 2], &[s, -s, -s, s, 0.0, s])), ("targets", i(&[1], &[1]))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[6, 4], 92, 1.0);
        let xt = |t| inputs(vec![("logits", x.clone()), ("targets", t)]);
        assert_error(ID, None, &params(json!({"num_splits": 4})), &xt(i(&[2], &[0, 1])), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"num_splits": 0})), &xt(i(&[2], &[0, 1])), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"alpha": -1.0})), &xt(i(&[2], &[0, 1])), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"smoothing": 1.0})), &xt(i(&[2], &[0, 1])), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &xt(i(&[1], &[0])), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &xt(i(&[2], &[0, 4])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &xt(f(&[2], &[0.0, 1.0])), ErrorKind::DType);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
