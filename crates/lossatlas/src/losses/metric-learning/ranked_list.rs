//! Ranked list loss: per query, separates positives and negatives by a margin in distance, with
//! exponential weighting of the violating negatives (and optionally positives).

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pml_lists::{two_class_plot, bools_like, check_batch, default_distance_only, normalized_lp, pml_form, read_batch};
use crate::numerics::{self, LossTensor};

const ID: &str = "ranked-list";
const DISTANCE: &str = "LpDistance(normalize_embeddings=True, p=2, power=1)";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Ranked List Loss",
    kind: Kind::Loss,
    domains: &["metric-learning", "recommendation"],
    year: 2019,
    paper: Paper {
        title: "Ranked List Loss for Deep Metric Learning",
        authors: "Wang, X., Hua, Y., Kodirov, E., Hu, G., Garnier, R., Robertson, N.M.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1903.03238",
    },
    summary: "For each query it pushes the negatives inside a boundary alpha out and pulls positives beyond alpha - margin in, weighting violators by exp(T_n (alpha - d)) (and exp(T_p (d - (alpha - margin))) for positives), then mixes the two terms with an imbalance factor. It keeps some intra-class spread instead of collapsing each class to a point. alpha defaults to 1 + margin / 2 in PML; large temperatures overflow.",
    formula: r"L = \frac{1}{N}\sum_i \ell_i,\quad \ell_i = (1-\lambda)\frac{\sum_{j \in P^*_i} w_{ij}(d_{ij} - (\alpha - m))}{\sum_{j} (w_{ij} + 10^{-5})} + \lambda\frac{\sum_{j \in N^*_i} w_{ij}(\alpha - d_{ij})}{\sum_{j} (w_{ij} + 10^{-5})},\ P^*_i = \{d_{ij} > \alpha - m\},\ N^*_i = \{d_{ij} < \alpha\}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "margin", symbol: "m", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "distance margin between positives and negatives (required by PML)" },
        Param { name: "Tn", symbol: "T_n", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "temperature of the negative weights (required by PML)" },
        Param { name: "imbalance", symbol: r"\lambda", default: Value::Float(0.5), range: Range::UNIT, meaning: "weight of the negative term" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Null, range: Range::REAL, meaning: "negative boundary; None means 1 + margin / 2" },
        Param { name: "Tp", symbol: "T_p", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "temperature of the positive weights" },
        Param { name: "distance", symbol: "", default: Value::Str("LpDistance(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.RankedListLoss",
    ],
    related: &["lifted-structure", "triplet", "margin"],
    forms: &[
        Form { name: "pml", description: "PML RankedListLoss: Euclidean distances of L2-normalized embeddings; P*_i: other rows of the label of i with distance > alpha - margin, N*_i: rows of other labels with distance < alpha (a pair at distance exactly 0 counts in neither); the weights are exponentials of the distances and carry gradient; both denominators add 1e-5 for each of the N columns; per-query losses averaged over all N queries (MeanReducer)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two rows of class 0 (angles 0 and x) and one of class 1 at angle pi / 2.
fn plot_at(x: f64) -> PlotInput {
    two_class_plot(x, serde_json::json!({"margin": 0.4, "Tn": 10.0}))
}

/// Options of PML's `RankedListLoss` (`margin` and `Tn` have no default there).
#[derive(Debug, Clone, PartialEq)]
pub struct RankedListConfig {
    /// Margin m between the positive boundary alpha - m and the negative boundary alpha.
    pub margin: f64,
    /// Temperature of the negative weights.
    pub tn: f64,
    /// Weight lambda of the negative term (the positive term gets 1 - lambda).
    pub imbalance: f64,
    /// Negative boundary; `None` means `1 + margin / 2`.
    pub alpha: Option<f64>,
    /// Temperature of the positive weights.
    pub tp: f64,
}

impl RankedListConfig {
    /// PML's defaults for the given required `margin` and `Tn`.
    pub fn new(margin: f64, tn: f64) -> Self {
        RankedListConfig { margin, tn, imbalance: 0.5, alpha: None, tp: 0.0 }
    }
}

/// PML `RankedListLoss(margin, Tn, imbalance, alpha, Tp)(embeddings, labels)`.
pub fn ranked_list(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &RankedListConfig) -> Result<LossTensor, LossError> {
    check_batch(ID, &embeddings.dims(), &labels.dims())?;
    numerics::finite_param(ID, "margin", cfg.margin)?;
    numerics::finite_param(ID, "Tn", cfg.tn)?;
    numerics::finite_param(ID, "Tp", cfg.tp)?;
    numerics::param_in(ID, "imbalance", cfg.imbalance, 0.0, 1.0)?;
    let alpha = numerics::finite_param(ID, "alpha", cfg.alpha.unwrap_or(1.0 + cfg.margin / 2.0))?;
    let y = numerics::host_i64(&labels);
    let n = y.len();
    let d = normalized_lp(embeddings.clone(), embeddings, 1);
    let mut eye = vec![false; n * n];
    for i in 0..n {
        eye[i * n + i] = true;
    }
    // PML zeroes the diagonal as mat - mat * eye.
    let eye = bools_like(&d, &eye, [n, n]);
    let mat = d.clone() - d * eye;
    let m = numerics::host_f64(&mat);
    let lower = alpha - cfg.margin;
    let mut in_n = vec![false; n * n];
    let mut in_p = vec![false; n * n];
    let mut w_n_on = vec![false; n * n];
    let mut w_p_on = vec![false; n * n];
    for i in 0..n {
        for j in 0..n {
            let k = i * n + j;
            if y[i] != y[j] && m[k] < alpha {
                in_n[k] = true;
                w_n_on[k] = m[k] > 0.0;
            }
            if y[i] == y[j] && i != j && m[k] > lower {
                in_p[k] = true;
                w_p_on[k] = m[k] > 0.0;
            }
        }
    }
    let p_star = mat.clone() * bools_like(&mat, &in_p, [n, n]);
    let n_star = mat.clone() * bools_like(&mat, &in_n, [n, n]);
    // Weights exp(T (...)) only where PML sets them (P* > 0, N* > 0), 0 elsewhere.
    let weights = |arg: Tensor<2>, on: &[bool]| {
        let on_t = bools_like(&mat, on, [n, n]);
        arg.mask_fill(on_t.clone().equal_elem(0.0), 0.0).exp() * on_t
    };
    let w_p = weights(p_star.clone().sub_scalar(lower).mul_scalar(cfg.tp), &w_p_on);
    let w_n = weights(n_star.clone().neg().add_scalar(alpha).mul_scalar(cfg.tn), &w_n_on);
    let pad = 1e-5 * n as f64;
    let loss_p = (w_p.clone() * p_star.sub_scalar(lower)).sum_dim(1) / w_p.sum_dim(1).add_scalar(pad);
    let loss_n = (w_n.clone() * n_star.neg().add_scalar(alpha)).sum_dim(1) / w_n.sum_dim(1).add_scalar(pad);
    let per = loss_p.mul_scalar(1.0 - cfg.imbalance) + loss_n.mul_scalar(cfg.imbalance);
    Ok(LossTensor::scalar(per.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    pml_form(c)?;
    default_distance_only(c, DISTANCE)?;
    let required = |name: &str| -> Result<f64, LossError> { c.f64_opt(name)?.ok_or_else(|| LossError::param(ID, name, "a number (PML has no default)", "nothing")) };
    let cfg = RankedListConfig { margin: required("margin")?, tn: required("Tn")?, imbalance: c.f64("imbalance", 0.5)?, alpha: c.f64_opt("alpha")?, tp: c.f64("Tp", 0.0)? };
    let (x, y) = read_batch(c)?;
    ranked_list(x, y, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[7, 3], seed, 1.0)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 2]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Rows e1, e2 (class 0) and e1 (class 1), margin 1, alpha 1.5 (lower boundary 0.5), Tn 1,
        // Tp 0, imbalance 0.5. d01 = sqrt 2, d02 = 0, d12 = sqrt 2.
        // Row 0: P* = {1} (sqrt2 > 0.5), w = 1: loss_P = (sqrt2 - 0.5) / (1 + 3e-5);
        //        N* = {2} has d = 0: no weight, loss_N = 0.
        // Row 1: P* = {0}: loss_P the same; N* = {2} (sqrt2 < 1.5), w = e^{1.5 - sqrt2}:
        //        loss_N = w (1.5 - sqrt2) / (w + 3e-5).
        // Row 2: no positive; N* = {1} (0 has d = 0): loss_N as row 1.
        let r2 = 2f64.sqrt();
        let x = inputs(vec![("embeddings", f(&[3, 2], &[1.0, 0.0, 0.0, 1.0, 2.0, 0.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"margin": 1.0, "Tn": 1.0})), &x);
        let lp = (r2 - 0.5) / (1.0 + 3e-5);
        let w = (1.5 - r2).exp();
        let ln = w * (1.5 - r2) / (w + 3e-5);
        let want = (0.5 * lp + 0.5 * (lp + ln) + 0.5 * ln) / 3.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, p) in [(1, json!({"margin": 0.4, "Tn": 10.0})), (5, json!({"margin": 0.5, "Tn": 5.0, "Tp": 2.0, "imbalance": 0.3, "alpha": 1.0})), (9, json!({"margin": 1.0, "Tn": 1.0}))] {
            assert_gradcheck(ID, None, &params(p), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 0, 1]))]);
        assert_finite(ID, None, &params(json!({"margin": 0.4, "Tn": 10.0})), &x);
        let x = inputs(vec![("embeddings", f(&[3, 2], &[1.0, 1.0, 1.0, 1.0, 1e-12, 1e12])), ("labels", i(&[3], &[0, 0, 1]))]);
        assert_finite(ID, None, &params(json!({"margin": 0.4, "Tn": 10.0})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_error(ID, None, &params(json!({"Tn": 10.0})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"margin": 0.4})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"margin": 0.4, "Tn": 1.0, "imbalance": 1.5})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"margin": "nan", "Tn": 1.0})), &batch(1), ErrorKind::Param);
        let x = inputs(vec![("embeddings", randn(&[4, 3], 1, 1.0)), ("labels", i(&[3], &[0, 0, 1]))]);
        assert_error(ID, None, &params(json!({"margin": 0.4, "Tn": 1.0})), &x, ErrorKind::Shape);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(ID, None, &params(json!({"margin": 0.4, "Tn": 1.0})), &empty, ErrorKind::Empty);
    }
}
