//! DIST: distillation by correlation instead of exact matching. The student only has to rank
//! classes like the teacher (per sample) and rank samples like the teacher (per class), which
//! tolerates the large output gap between a small student and a much stronger teacher.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, by_rank};
use crate::losses::classification::cross_entropy::rows_class_axis1;
use crate::losses::classification::knowledge_distillation::check_logit_pair;
use crate::numerics::{self, LossTensor, vectors};

const ID: &str = "dist-kd";

/// The `eps` of DIST's cosine similarity.
const EPS: f64 = 1e-8;

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "DIST Loss",
    aliases: &["DIST", "Distillation from a Stronger Teacher"],
    kind: Kind::Loss,
    domains: &["distillation", "classification"],
    year: 2022,
    paper: Paper {
        title: "Knowledge Distillation from A Stronger Teacher",
        authors: "Huang et al.",
        venue: "",
        year: 2022,
        url: "https://arxiv.org/abs/2205.10536",
    },
    summary: "Replaces the KL divergence of classical KD with Pearson correlations between the temperature-softened class distributions of student and teacher: one minus the mean correlation across classes for each sample (inter-class relation) plus one minus the mean correlation across the batch for each class (intra-class relation), both scaled by tau². Because correlation ignores shifts and scales, the student is not forced to reproduce the teacher's exact probabilities, which helps when the teacher is much larger or trained with heavy augmentation. The intra-class term needs a batch of more than one sample to be informative.",
    formula: r"\ell = \tau^2\Big[\beta\Big(1 - \frac{1}{N}\sum_{i}\rho\big(y^s_{i,:}, y^t_{i,:}\big)\Big) + \gamma\Big(1 - \frac{1}{C}\sum_{c}\rho\big(y^s_{:,c}, y^t_{:,c}\big)\Big)\Big],\quad y = \operatorname{softmax}(z/\tau),\ \rho(a,b) = \frac{(a-\bar a)\cdot(b-\bar b)}{\lVert a-\bar a\rVert\,\lVert b-\bar b\rVert + 10^{-8}}",
    inputs: &[
        Input { name: "logits", shape: "[N, C, *]", meaning: "student logits; class axis 1 (positions of dense outputs count as samples)" },
        Input { name: "teacher_logits", shape: "[N, C, *]", meaning: "teacher logits (differentiable like any input; detach them to train only the student)" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the inter-class (per-sample) relation" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the intra-class (per-class, across the batch) relation" },
        Param { name: "tau", symbol: r"\tau", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "softmax temperature; the loss is scaled by tau²" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["knowledge-distillation", "dkd", "pkt"],
    forms: &[Form {
        name: "hunto",
        description: "hunto/DIST_KD classification DIST(beta, gamma, tau): softmax(z / tau) rows, cosine of the centred vectors with eps 1e-8 added to the product of norms; dense [N, C, H, W] outputs are flattened to one row per position as in its segmentation loss.",
    }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of [`dist_kd`]; `Default` is the classification DIST's (beta = gamma = tau = 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DistKdConfig {
    pub beta: f64,
    pub gamma: f64,
    pub tau: f64,
}

impl Default for DistKdConfig {
    fn default() -> Self {
        DistKdConfig { beta: 1.0, gamma: 1.0, tau: 1.0 }
    }
}

/// DIST loss on `[N, C, *]` student and teacher logits; returns a scalar.
pub fn dist_kd<const D: usize>(logits: Tensor<D>, teacher_logits: Tensor<D>, cfg: &DistKdConfig) -> Result<LossTensor, LossError> {
    check_logit_pair(ID, &logits.dims(), &teacher_logits.dims())?;
    let beta = numerics::non_negative_param(ID, "beta", cfg.beta)?;
    let gamma = numerics::non_negative_param(ID, "gamma", cfg.gamma)?;
    let tau = numerics::positive_param(ID, "tau", cfg.tau)?;
    let ys = numerics::softmax(rows_class_axis1(logits).mul_scalar(1.0 / tau), 1);
    let yt = numerics::softmax(rows_class_axis1(teacher_logits).mul_scalar(1.0 / tau), 1);
    let inter = vectors::row_pearson(ys.clone(), yt.clone(), EPS).mean().neg().add_scalar(1.0);
    let intra = vectors::row_pearson(ys.transpose(), yt.transpose(), EPS).mean().neg().add_scalar(1.0);
    let loss = (inter.mul_scalar(beta) + intra.mul_scalar(gamma)).mul_scalar(tau * tau);
    Ok(LossTensor::scalar(loss))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("hunto") => {}
        _ => return Err(c.unknown_form(&["hunto"])),
    }
    let cfg = DistKdConfig { beta: c.f64("beta", 1.0)?, gamma: c.f64("gamma", 1.0)?, tau: c.f64("tau", 1.0)? };
    check_logit_pair(ID, c.shape("logits")?, c.shape("teacher_logits")?)?;
    let rank = c.shape("logits")?.len();
    by_rank!(c, "logits", rank, |R| dist_kd(c.float::<R>("logits")?, c.float::<R>("teacher_logits")?, &cfg))
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
        let x = inputs(vec![("logits", randn(&[5, 4], 31, 2.0)), ("teacher_logits", randn(&[5, 4], 32, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"beta": 2.0, "gamma": 0.5, "tau": 4.0})), &x);
        let x = inputs(vec![("logits", randn(&[2, 3, 2, 2], 33, 1.0)), ("teacher_logits", randn(&[2, 3, 2, 2], 34, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        // A batch of one: every class column is constant, its centred vector is zero and the
        // intra-class correlation is 0 with a zero (not NaN) gradient, as in PyTorch.
        let x = inputs(vec![("logits", randn(&[1, 4], 35, 1.0)), ("teacher_logits", randn(&[1, 4], 36, 1.0))]);
        let ev = assert_finite(ID, None, &params(json!({"beta": 0.0})), &x);
        assert!((ev.loss.floats[0] - 1.0).abs() < 1e-12);
        assert!(ev.grads["logits"].floats.iter().all(|g| *g == 0.0));
    }

    #[test]
    fn value_is_the_formula() {
        // Identical logits: every correlation is |a|²/(|a|² + 1e-8), so the loss is about 0.
        let same = randn(&[4, 3], 37, 1.0);
        let x = inputs(vec![("logits", same.clone()), ("teacher_logits", same)]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!(ev.loss.floats[0].abs() < 1e-5 && ev.loss.floats[0] >= 0.0);
        // Two samples, two classes, tau = 1, beta = 1, gamma = 0: rows (p, 1-p) centre to
        // ±(p - 1/2)(1, -1); the Pearson correlation of two such rows is sign((p-1/2)(q-1/2))
        // (up to the 1e-8 in the denominator).  Student rows (0.7, 0.3), (0.2, 0.8); teacher
        // (0.6, 0.4), (0.9, 0.1): correlations +1 and -1, mean 0, loss 1.
        let l = |p: f64| (p / (1.0 - p)).ln();
        let x = inputs(vec![
            ("logits", f(&[2, 2], &[l(0.7), 0.0, l(0.2), 0.0])),
            ("teacher_logits", f(&[2, 2], &[l(0.6), 0.0, l(0.9), 0.0])),
        ]);
        let ev = eval64(ID, None, &params(json!({"gamma": 0.0})), &x);
        assert!((ev.loss.floats[0] - 1.0).abs() < 1e-6, "{}", ev.loss.floats[0]);
        // tau scales by tau² when the correlations do not change (gamma = 0 and rows keep signs);
        // the 1e-8 weighs more against the smaller centred norms, hence the looser tolerance.
        let ev2 = eval64(ID, None, &params(json!({"gamma": 0.0, "tau": 2.0})), &x);
        assert!((ev2.loss.floats[0] - 4.0).abs() < 1e-5, "{}", ev2.loss.floats[0]);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![
                ("logits", f(&[2, 3], &[scale, -scale, 0.0, -scale, scale, scale])),
                ("teacher_logits", f(&[2, 3], &[-scale, scale, 0.0, scale, -scale, 0.0])),
            ]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let a = randn(&[3, 4], 5, 1.0);
        let ok = inputs(vec![("logits", a.clone()), ("teacher_logits", a.clone())]);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", a.clone()), ("teacher_logits", randn(&[3, 5], 1, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", f(&[0, 4], &[])), ("teacher_logits", f(&[0, 4], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"tau": 0.0})), &ok, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"gamma": -1.0})), &ok, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"reduction": "sum"})), &ok, ErrorKind::Param);
    }
}
