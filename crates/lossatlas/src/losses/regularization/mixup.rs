//! Mixup: train on convex combinations of pairs of examples and of their labels. The loss is
//! the same combination of the cross-entropies against the two labels, which is what this
//! entry computes (the mixing of the inputs happens in the data pipeline). Manifold mixup and
//! CutMix use the same loss and call [`mixed_cross_entropy`].

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::losses::classification::cross_entropy::nll_rows;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "mixup";

/// The inputs of the mixed-target losses, shared by mixup, manifold mixup and CutMix.
pub(crate) const MIXED_INPUTS: &[Input] = &[
    Input { name: "logits", shape: "[N, C]", meaning: "logits of the mixed examples" },
    Input { name: "targets_a", shape: "[N] (i64)", meaning: "form pairs: class of the first example of each mixed pair" },
    Input { name: "targets_b", shape: "[N] (i64)", meaning: "form pairs: class of the second example of each mixed pair" },
    Input { name: "targets", shape: "[N] (i64)", meaning: "form permutation: class of each example of the batch" },
    Input { name: "index", shape: "[N] (i64)", meaning: "form permutation: the partner of example i is example index[i] (a permutation of the batch, e.g. torch.randperm)" },
];

/// The params of the mixed-target losses.
pub(crate) const MIXED_PARAMS: &[Param] = &[
    Param { name: "lam", symbol: r"\lambda", default: Value::Null, range: Range::UNIT, meaning: "required: weight of the first label (the mixing coefficient of the batch)" },
    Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "label smoothing of both cross-entropies, as in PyTorch" },
    Param::REDUCTION_MEAN,
];

/// The forms of the mixed-target losses.
pub(crate) const MIXED_FORMS: &[Form] = &[
    Form { name: "pairs", description: "the two labels of every mixed example given as targets_a and targets_b (mixup-cifar10's mixup_criterion)" },
    Form { name: "permutation", description: "the batch's labels `targets` and the pairing `index`: targets_b = targets[index], as mixup code builds it from torch.randperm" },
];

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Mixup Loss",
    aliases: &["Mixup", "Input Mixup"],
    kind: Kind::Loss,
    domains: &["regularization", "calibration-fairness", "classification"],
    year: 2018,
    paper: Paper {
        title: "mixup: Beyond Empirical Risk Minimization",
        authors: "Zhang et al.",
        venue: "ICLR 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1710.09412",
    },
    summary: "Cross-entropy against mixed labels: each training input is lam * x_i + (1 - lam) * x_j for a random pairing of the batch and lam drawn from Beta(alpha, alpha) (alpha = 1 in the CIFAR-10 reference code), and the loss is lam * CE(logits, y_i) + (1 - lam) * CE(logits, y_j). It regularizes towards linear behaviour between training examples, improves calibration and robustness to label noise, and costs nothing extra. lam and the pairing come from the data pipeline and are inputs here; with very small models or few epochs it can underfit.",
    formula: r"\ell = \frac{1}{N}\sum_{i=1}^{N}\Big[\lambda\,\operatorname{CE}(z_i, y^a_i) + (1-\lambda)\,\operatorname{CE}(z_i, y^b_i)\Big],\quad \operatorname{CE}(z, y) = -\log\frac{e^{z_y}}{\sum_c e^{z_c}}",
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
    related: &["manifold-mixup", "cutmix", "cross-entropy", "label-smoothing", "fairmixup", "mixmatch"],
    forms: MIXED_FORMS,
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the mixed-target cross-entropy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MixedTargetConfig {
    /// Weight of `targets_a`, in [0, 1].
    pub lam: f64,
    pub label_smoothing: f64,
    pub reduction: Reduction,
}

impl MixedTargetConfig {
    pub fn new(lam: f64) -> Self {
        MixedTargetConfig { lam, label_smoothing: 0.0, reduction: Reduction::Mean }
    }
}

/// `lam * CE(logits, targets_a) + (1 - lam) * CE(logits, targets_b)` with PyTorch's
/// cross-entropy, for the entry `loss` (mixup, manifold-mixup or cutmix).
pub fn mixed_cross_entropy(
    loss: &'static str,
    logits: Tensor<2>,
    targets_a: Tensor<1, Int>,
    targets_b: Tensor<1, Int>,
    cfg: &MixedTargetConfig,
) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::non_empty(loss, "logits", &[n, c])?;
    numerics::same_shape(loss, "targets_a", &targets_a.dims(), "the batch of logits", &[n])?;
    numerics::same_shape(loss, "targets_b", &targets_b.dims(), "the batch of logits", &[n])?;
    numerics::labels_in_range(loss, "targets_a", &numerics::host_i64(&targets_a), c, None)?;
    numerics::labels_in_range(loss, "targets_b", &numerics::host_i64(&targets_b), c, None)?;
    let lam = numerics::param_in(loss, "lam", cfg.lam, 0.0, 1.0)?;
    let eps = numerics::param_in(loss, "label_smoothing", cfg.label_smoothing, 0.0, 1.0)?;
    let logp = numerics::log_softmax(logits, 1);
    // No index is ignored: every label was checked to be a class above, so the negative
    // ignore_index never matches (it must fit the backend's integer type, which may be i32).
    let (ce_a, _) = nll_rows(loss, logp.clone(), targets_a, None, -1, eps)?;
    let (ce_b, _) = nll_rows(loss, logp, targets_b, None, -1, eps)?;
    let per = ce_a.mul_scalar(lam) + ce_b.mul_scalar(1.0 - lam);
    Ok(reduce(per, cfg.reduction))
}

/// The evaluator shared by the three mixed-target entries.
pub(crate) fn eval_mixed(loss: &'static str, c: &Call) -> Result<LossTensor, LossError> {
    let lam = c.f64_opt("lam")?.ok_or_else(|| LossError::param(loss, "lam", "the mixing coefficient lam in [0, 1]", "no value"))?;
    let cfg = MixedTargetConfig { lam, label_smoothing: c.f64("label_smoothing", 0.0)?, reduction: c.reduction(Reduction::Mean)? };
    let shape = c.shape("logits")?;
    if shape.len() != 2 {
        return Err(LossError::shape(loss, "logits", "shape [N, C]", fmt_shape(shape)));
    }
    let form = c.form().unwrap_or(if c.has("index") { "permutation" } else { "pairs" });
    let (a, b) = match form {
        "pairs" => (c.int::<1>("targets_a")?, c.int::<1>("targets_b")?),
        "permutation" => {
            let targets = c.int::<1>("targets")?;
            let index = c.int::<1>("index")?;
            let n = targets.dims()[0];
            numerics::same_shape(loss, "index", &index.dims(), "targets", &[n])?;
            numerics::labels_in_range(loss, "index", &numerics::host_i64(&index), n, None)
                .map_err(|_| LossError::value(loss, "index", format!("positions in [0, {n})"), "a position outside the batch"))?;
            (targets.clone(), targets.select(0, index))
        }
        _ => return Err(c.unknown_form(&["pairs", "permutation"])),
    };
    mixed_cross_entropy(loss, c.float::<2>("logits")?, a, b, &cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    eval_mixed(ID, c)
}

/// Tests shared by the three mixed-target entries.
#[cfg(test)]
pub(crate) mod shared_tests {
    use serde_json::json;

    use crate::ErrorKind;
    use crate::testing::*;

    pub fn run_all(id: &str) {
        assert_cases_pass(id);
        let logits = randn(&[5, 4], 91, 2.0);
        let pairs = inputs(vec![("logits", logits.clone()), ("targets_a", i(&[5], &[0, 1, 2, 3, 0])), ("targets_b", i(&[5], &[3, 3, 1, 0, 0]))]);
        // Gradients.
        assert_gradcheck(id, None, &params(json!({"lam": 0.3})), &pairs);
        assert_gradcheck(id, None, &params(json!({"lam": 0.8, "label_smoothing": 0.1, "reduction": "none"})), &pairs);
        // The value: lam * CE_a + (1 - lam) * CE_b, checked against the cross-entropy entry.
        let ce = |t: &[i64]| eval64("cross-entropy", None, &params(json!({})), &inputs(vec![("logits", logits.clone()), ("targets", i(&[5], t))])).loss.floats[0];
        let want = 0.3 * ce(&[0, 1, 2, 3, 0]) + 0.7 * ce(&[3, 3, 1, 0, 0]);
        let got = eval64(id, None, &params(json!({"lam": 0.3})), &pairs).loss.floats[0];
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        // By hand: two classes, logits (0, ln 3): CE to class 1 is ln(4/3), to class 0 ln 4.
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 3f64.ln()])), ("targets_a", i(&[1], &[1])), ("targets_b", i(&[1], &[0]))]);
        let got = eval64(id, None, &params(json!({"lam": 0.25})), &x).loss.floats[0];
        assert!((got - (0.25 * (4.0f64 / 3.0).ln() + 0.75 * 4f64.ln())).abs() < 1e-12);
        // lam = 1 is the plain cross-entropy.
        let got = eval64(id, None, &params(json!({"lam": 1.0})), &pairs).loss.floats[0];
        assert!((got - ce(&[0, 1, 2, 3, 0])).abs() < 1e-12);
        // The permutation form gives the same value as the explicit pairs.
        let targets = [0i64, 1, 2, 3, 0];
        let index = [3i64, 2, 1, 0, 4];
        let b: Vec<i64> = index.iter().map(|&k| targets[k as usize]).collect();
        let perm = inputs(vec![("logits", logits.clone()), ("targets", i(&[5], &targets)), ("index", i(&[5], &index))]);
        let pairs2 = inputs(vec![("logits", logits.clone()), ("targets_a", i(&[5], &targets)), ("targets_b", i(&[5], &b))]);
        let p = params(json!({"lam": 0.6}));
        let (x1, x2) = (eval64(id, Some("permutation"), &p, &perm), eval64(id, None, &p, &pairs2));
        assert!((x1.loss.floats[0] - x2.loss.floats[0]).abs() < 1e-14);
        assert_gradcheck(id, Some("permutation"), &p, &perm);
        // Extreme logits.
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[scale, -scale, 0.0, -scale, scale, scale])), ("targets_a", i(&[2], &[1, 0])), ("targets_b", i(&[2], &[2, 1]))]);
            assert_finite(id, None, &params(json!({"lam": 0.5})), &x);
        }
        // Bad inputs.
        let mut bad = pairs.clone();
        bad.insert("targets_b".into(), i(&[5], &[0, 1, 4, 0, 0]));
        assert_error(id, None, &p, &bad, ErrorKind::Value);
        bad.insert("targets_b".into(), i(&[4], &[0, 1, 1, 0]));
        assert_error(id, None, &p, &bad, ErrorKind::Shape);
        bad.insert("targets_b".into(), f(&[5], &[0.0, 1.0, 1.0, 0.0, 0.0]));
        assert_error(id, None, &p, &bad, ErrorKind::DType);
        assert_error(id, None, &params(json!({"lam": 1.5})), &pairs, ErrorKind::Param);
        assert_error(id, None, &params(json!({"lam": -0.1})), &pairs, ErrorKind::Param);
        assert_error(id, None, &params(json!({})), &pairs, ErrorKind::Param);
        let mut perm_bad = perm.clone();
        perm_bad.insert("index".into(), i(&[5], &[0, 1, 2, 3, 5]));
        assert_error(id, Some("permutation"), &p, &perm_bad, ErrorKind::Value);
        let empty = inputs(vec![("logits", f(&[0, 3], &[])), ("targets_a", i(&[0], &[])), ("targets_b", i(&[0], &[]))]);
        assert_error(id, None, &p, &empty, ErrorKind::Empty);
        assert_error(id, Some("cutout"), &p, &pairs, ErrorKind::Unsupported);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cases_gradients_values_and_errors() {
        super::shared_tests::run_all(super::ID);
    }
}
