//! PNP loss: a smooth average-precision surrogate that only counts the negatives ranked above each
//! positive, with several decreasing or increasing penalty shapes.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pml_lists::{two_class_plot, bools_like, check_batch, cosine_self, default_distance_only, host_pair_masks, pml_form, read_batch};
use crate::numerics::{self, LossTensor};

const ID: &str = "pnp";
const DISTANCE: &str = "CosineSimilarity(normalize_embeddings=True, p=2, power=1)";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "PNP Loss",
    aliases: &["Penalizing Negative instances before Positive ones"],
    kind: Kind::Loss,
    domains: &["metric-learning", "recommendation"],
    year: 2022,
    paper: Paper {
        title: "Rethinking the Optimization of Average Precision: Only Penalizing Negative Instances before Positive Ones is Enough",
        authors: "Li, Z., Min, W., Song, J., Zhu, Y., Kang, L., Wei, X., Wei, X., Jiang, S.",
        venue: "AAAI",
        year: 2022,
        url: "https://arxiv.org/abs/2102.04640",
    },
    summary: "For each query and each of its positives, counts (with a temperature-controlled sigmoid) how many negatives are more similar than that positive, maps the count through a penalty function and averages over positives and queries. Only negatives ranked before positives are penalized, which the paper argues is enough to optimize AP and avoids pulling all positives together. The variants O (raw count), Ds (log), Dq (rational, 1 - mean), Iu and Ib change how strongly large counts are punished.",
    formula: r"R_{qp} = \sum_{n \in N(q)} \sigma\big((s_{qn} - s_{qp})/\tau\big),\quad L = \frac{1}{|Q|}\sum_{q \in Q}\ell_q,\ \ell_q = \frac{1}{|P(q)|}\sum_{p \in P(q)} g(R_{qp}),\ g \in \{R,\ \log(1+R),\ (1+R)^{-a},\ (1+R)\log(1+R),\ \tfrac{bR - \log(1+bR)}{b^2}\}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "b", symbol: "b", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "parameter of the Ib variant" },
        Param { name: "alpha", symbol: "a", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "exponent of the Dq variant" },
        Param { name: "anneal", symbol: r"\tau", default: Value::Float(0.01), range: Range::POSITIVE, meaning: "sigmoid temperature" },
        Param { name: "variant", symbol: "", default: Value::Str("O"), range: Range::Choice { values: &["O", "Ds", "Dq", "Iu", "Ib"] }, meaning: "penalty shape applied to the soft count" },
        Param { name: "distance", symbol: "", default: Value::Str("CosineSimilarity(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.PNPLoss",
    ],
    related: &["smooth-ap", "fast-ap"],
    forms: &[
        Form { name: "pml", description: "PML PNPLoss: cosine similarities; P(q) holds the query itself and its positives (the query's own count g(R_qq) is included); the sigmoid is 1 / (1 + exp(clamp(-x / tau, -50, 50))); mean over the queries Q that have a positive (0 when none has); the Dq variant returns 1 minus that mean." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two rows of class 0 (angles 0 and x) and one of class 1 at angle pi / 2.
fn plot_at(x: f64) -> PlotInput {
    two_class_plot(x, serde_json::json!({"anneal": 0.1}))
}

/// The penalty applied to the soft count of negatives ranked before a positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PnpVariant {
    /// The count itself.
    #[default]
    O,
    /// `log(1 + R)`.
    Ds,
    /// `(1 + R)^-alpha`, and the loss is 1 minus the mean.
    Dq,
    /// `(1 + R) log(1 + R)`.
    Iu,
    /// `(b R - log(1 + b R)) / b^2`.
    Ib,
}

impl PnpVariant {
    pub fn parse(s: &str) -> Result<Self, LossError> {
        match s {
            "O" => Ok(PnpVariant::O),
            "Ds" => Ok(PnpVariant::Ds),
            "Dq" => Ok(PnpVariant::Dq),
            "Iu" => Ok(PnpVariant::Iu),
            "Ib" => Ok(PnpVariant::Ib),
            other => Err(LossError::param(ID, "variant", "one of Ds, Dq, Iu, Ib, O", format!("{other:?}"))),
        }
    }
}

/// Options of PML's `PNPLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct PnpConfig {
    pub b: f64,
    pub alpha: f64,
    pub anneal: f64,
    pub variant: PnpVariant,
}

impl Default for PnpConfig {
    fn default() -> Self {
        PnpConfig { b: 2.0, alpha: 1.0, anneal: 0.01, variant: PnpVariant::O }
    }
}

/// PML `PNPLoss(b, alpha, anneal, variant)(embeddings, labels)`.
pub fn pnp(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &PnpConfig) -> Result<LossTensor, LossError> {
    check_batch(ID, &embeddings.dims(), &labels.dims())?;
    numerics::positive_param(ID, "anneal", cfg.anneal)?;
    numerics::finite_param(ID, "alpha", cfg.alpha)?;
    numerics::finite_param(ID, "b", cfg.b)?;
    if cfg.variant == PnpVariant::Ib && cfg.b == 0.0 {
        return Err(LossError::param(ID, "b", "a non-zero number (the Ib variant divides by b^2)", "0"));
    }
    let y = numerics::host_i64(&labels);
    let n = y.len();
    let (mut pos, neg) = host_pair_masks(&y);
    // PML sets I_pos[a, a] = 1 for every anchor that has a positive.
    let n_pos: Vec<usize> = (0..n)
        .map(|a| {
            let k = (0..n).filter(|&b| pos[a * n + b]).count();
            if k > 0 {
                pos[a * n + a] = true;
                k + 1
            } else {
                0
            }
        })
        .collect();
    let queries: Vec<usize> = (0..n).filter(|&a| n_pos[a] > 0).collect();
    let s = cosine_self(embeddings);
    if queries.is_empty() {
        return Ok(LossTensor::scalar(s.sum().mul_scalar(0.0)));
    }
    // diff[a, i, j] = s[a, j] - s[a, i]; negatives j of i counted by I_neg[i, j].
    let diff = s.clone().reshape([n, 1, n]) - s.clone().reshape([n, n, 1]);
    let sig = diff.mul_scalar(-1.0 / cfg.anneal).clamp(-50.0, 50.0).exp().add_scalar(1.0).recip();
    let rk = (sig * bools_like(&s, &neg, [1, n, n])).sum_dim(2).reshape([n, n]);
    let g = match cfg.variant {
        PnpVariant::O => rk,
        PnpVariant::Ds => rk.add_scalar(1.0).log(),
        PnpVariant::Dq => rk.add_scalar(1.0).powf_scalar(cfg.alpha).recip(),
        PnpVariant::Iu => rk.clone().add_scalar(1.0) * rk.add_scalar(1.0).log(),
        PnpVariant::Ib => (rk.clone().mul_scalar(cfg.b) - rk.mul_scalar(cfg.b).add_scalar(1.0).log()).mul_scalar(1.0 / (cfg.b * cfg.b)),
    };
    let per = (g * bools_like(&s, &pos, [n, n])).sum_dim(1).reshape([n]);
    let idx = numerics::ints_like(&s, queries.iter().map(|&q| q as i64).collect(), [queries.len()]);
    let inv = numerics::tensor_like(&s, queries.iter().map(|&q| 1.0 / n_pos[q] as f64).collect(), [queries.len()]);
    let loss = (per.select(0, idx) * inv).sum().mul_scalar(1.0 / queries.len() as f64);
    let loss = if cfg.variant == PnpVariant::Dq { loss.neg().add_scalar(1.0) } else { loss };
    Ok(LossTensor::scalar(loss))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    pml_form(c)?;
    default_distance_only(c, DISTANCE)?;
    let cfg = PnpConfig { b: c.f64("b", 2.0)?, alpha: c.f64("alpha", 1.0)?, anneal: c.f64("anneal", 0.01)?, variant: PnpVariant::parse(c.str("variant", "O")?)? };
    let (x, y) = read_batch(c)?;
    pnp(x, y, &cfg)
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
        // Rows e1, e2 (class 0) and e1 (class 1); tau = 1. s = [[1,0,1],[0,1,0],[1,0,1]].
        // Query 0: P = {0, 1}; R_00 = sig(s02 - s00) = sig(0) = 1/2, R_01 = sig(s02 - s01) = sig(1).
        // Query 1: P = {1, 0}; R_11 = sig(s12 - s11) = sig(-1), R_10 = sig(s12 - s10) = sig(0).
        // Query 2 has no positive. Variant O: L = ((1/2 + sig 1) / 2 + (sig(-1) + 1/2) / 2) / 2 = 1/2.
        let x = inputs(vec![("embeddings", f(&[3, 2], &[1.0, 0.0, 0.0, 1.0, 2.0, 0.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"anneal": 1.0})), &x);
        assert!((ev.loss.floats[0] - 0.5).abs() < 1e-12, "{:?}", ev.loss.floats);
        // Variant Ds on the same counts.
        let sig = |x: f64| 1.0 / (1.0 + (-x).exp());
        let g = |r: f64| (1.0 + r).ln();
        let want = ((g(0.5) + g(sig(1.0))) / 2.0 + (g(sig(-1.0)) + g(0.5)) / 2.0) / 2.0;
        let ev = eval64(ID, None, &params(json!({"anneal": 1.0, "variant": "Ds"})), &x);
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for variant in ["O", "Ds", "Dq", "Iu", "Ib"] {
            assert_gradcheck(ID, None, &params(json!({"anneal": 0.5, "variant": variant, "alpha": 2.0, "b": 3.0})), &batch(3));
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 0, 1]))]);
        for variant in ["O", "Ds", "Dq", "Iu", "Ib"] {
            assert_finite(ID, None, &params(json!({"anneal": 1e-4, "variant": variant})), &x);
        }
        let x = inputs(vec![("embeddings", randn(&[3, 3], 3, 1.0)), ("labels", i(&[3], &[0, 1, 2]))]);
        assert_eq!(assert_finite(ID, None, &params(json!({})), &x).loss.floats[0], 0.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &params(json!({"variant": "X"})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"anneal": 0.0})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"variant": "Ib", "b": 0.0})), &batch(1), ErrorKind::Param);
        let x = inputs(vec![("embeddings", randn(&[4, 3], 1, 1.0)), ("labels", i(&[3], &[0, 0, 1]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
