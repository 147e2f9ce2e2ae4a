//! Proxy-NCA: neighbourhood components analysis against one learnable proxy per class instead of
//! other batch samples.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::margin_softmax::check_classifier;
use crate::numerics::pml_lists::{bools_like, default_distance_only, normalized_lp, pml_form, positive_int_opt};
use crate::numerics::{self, LossTensor};

const ID: &str = "proxy-nca";
const DISTANCE: &str = "LpDistance(normalize_embeddings=True, p=2, power=2)";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Proxy-NCA Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2017,
    paper: Paper {
        title: "No Fuss Distance Metric Learning Using Proxies",
        authors: "Movshovitz-Attias et al.",
        venue: "ICCV",
        year: 2017,
        url: "https://arxiv.org/abs/1703.07464",
    },
    summary: "Replaces the data points of NCA by learned class proxies: each embedding should be closer to its class proxy than to every other proxy, via a softmax over negative (squared) distances. Training no longer depends on sampling informative triplets and converges quickly. PML's version includes the positive proxy in the denominator (standard cross-entropy over proxies) and normalizes embeddings and proxies.",
    formula: r"\ell_i = -\log\frac{e^{-s\,d(x_i, p_{y_i})}}{\sum_{c} e^{-s\,d(x_i, p_c)}},\quad d(x, p) = \lVert \hat x - \hat p\rVert_2^2",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class proxies, one row per class" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML" },
        Param { name: "softmax_scale", symbol: "s", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "multiplies the distances inside the softmax" },
        Param { name: "distance", symbol: "", default: Value::Str("LpDistance(normalize_embeddings=True, p=2, power=2)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
        "pytorch_metric_learning.losses.ProxyNCALoss",
    ],
    related: &["nca", "proxy-anchor", "normalized-softmax"],
    forms: &[
        Form { name: "pml", description: "PML ProxyNCALoss with its default LpDistance(power=2): squared Euclidean distances between L2-normalized embeddings and L2-normalized proxies, softmax over the proxies, -log of the probability of the label's proxy, averaged over the embeddings whose probability is non-zero (PML's MeanReducer; an embedding whose probability underflows to 0 is dropped, as in PML, and if all of them are, all are kept instead of PML's NaN). A label outside [0, C) is an error (PML silently drops it)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the embedding and its class proxy (radians)", from: 0.05, to: 3.0, at: super::arcface::classifier_plot_at }),
    ..Entry::BLANK
};

/// Options of PML's `ProxyNCALoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct ProxyNcaConfig {
    /// Multiplies the negative squared distances inside the softmax.
    pub softmax_scale: f64,
}

impl Default for ProxyNcaConfig {
    fn default() -> Self {
        ProxyNcaConfig { softmax_scale: 1.0 }
    }
}

/// PML `ProxyNCALoss(num_classes, embedding_size, softmax_scale)(embeddings, labels)` with the
/// proxies `weight [C, D]`: `-log softmax_c(-s ||x_hat - p_hat_c||^2)` at the label, averaged
/// over the embeddings whose probability is non-zero (all of them when every probability
/// underflows, where PML's mean of nothing is NaN). Labels must name a proxy, in `[0, C)` (PML
/// does not check them and drops the rows).
pub fn proxy_nca(embeddings: Tensor<2>, labels: Tensor<1, Int>, weight: Tensor<2>, cfg: &ProxyNcaConfig) -> Result<LossTensor, LossError> {
    check_classifier(ID, &embeddings.dims(), &labels.dims(), &weight.dims(), None, None)?;
    numerics::finite_param(ID, "softmax_scale", cfg.softmax_scale)?;
    let classes = weight.dims()[0];
    let y = numerics::host_i64(&labels);
    numerics::labels_in_range(ID, "labels", &y, classes, None)?;
    let n = y.len();
    let mut same = vec![false; n * classes];
    for (i, &l) in y.iter().enumerate() {
        if l >= 0 && (l as usize) < classes {
            same[i * classes + l as usize] = true;
        }
    }
    let d = normalized_lp(embeddings, weight, 2);
    let log_p = numerics::log_softmax(d.mul_scalar(-cfg.softmax_scale), 1);
    let same = bools_like(&log_p, &same, [n, classes]);
    // log p of the label's proxy; rows without one get -inf (probability 0).
    let has = same.clone().sum_dim(1).equal_elem(0.0);
    let at = (log_p * same).sum_dim(1).mask_fill(has, f64::NEG_INFINITY);
    // PML keeps the rows with softmax probability != 0.
    let mut kept: Vec<bool> = numerics::host_f64(&at).iter().map(|v| v.exp() != 0.0).collect();
    if !kept.contains(&true) {
        kept.fill(true);
    }
    let count = kept.iter().filter(|&&k| k).count();
    let keep = bools_like(&at, &kept, [n, 1]);
    let losses = at.mask_fill(keep.clone().equal_elem(0.0), 0.0).neg() * keep;
    Ok(LossTensor::scalar(losses.sum().mul_scalar(1.0 / count as f64)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    pml_form(c)?;
    default_distance_only(c, DISTANCE)?;
    let cfg = ProxyNcaConfig { softmax_scale: c.f64("softmax_scale", 1.0)? };
    let classes = positive_int_opt(c, "num_classes")?;
    let dim = positive_int_opt(c, "embedding_size")?;
    check_classifier(ID, c.shape("embeddings")?, c.shape("labels")?, c.shape("weight")?, classes, dim)?;
    proxy_nca(c.float::<2>("embeddings")?, c.int::<1>("labels")?, c.float::<2>("weight")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[6, 3], seed, 1.0)), ("labels", i(&[6], &[0, 1, 2, 3, 0, 2])), ("weight", randn(&[4, 3], seed + 1, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // x = e1 (class 0), proxies e2 and e1 (any scale): squared distances (2, 0); scale 3:
        // loss = -log(e^{-6} / (e^0 + e^{-6})) = 6 + log(1 + e^{-6}).
        let x = inputs(vec![("embeddings", f(&[1, 2], &[3.0, 0.0])), ("labels", i(&[1], &[0])), ("weight", f(&[2, 2], &[0.0, 2.0, 0.5, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"softmax_scale": 3.0})), &x);
        let want = 6.0 + (1.0 + (-6f64).exp()).ln();
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn labels_without_a_proxy_are_errors() {
        // PML compares labels with arange(C) and silently drops label 7; here it is an error.
        let mut x = batch(3);
        x.insert("labels".into(), i(&[6], &[0, 1, 2, 3, 0, 7]));
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Value);
    }

    #[test]
    fn underflowing_probabilities_stay_finite() {
        // Every label's proxy opposite its embedding at a huge scale: each probability underflows
        // (PML: NaN); the loss is the finite mean over all rows.
        let x = inputs(vec![("embeddings", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0])), ("labels", i(&[2], &[0, 1])), ("weight", f(&[3, 2], &[-1.0, 0.0, 0.0, -1.0, 0.6, 0.8]))]);
        let ev = assert_finite(ID, None, &params(json!({"softmax_scale": 1e4})), &x);
        assert!(ev.loss.floats[0] > 1e3);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for seed in [1, 5, 9] {
            assert_gradcheck(ID, None, &params(json!({"softmax_scale": 2.0})), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 2, 0])), ("weight", randn(&[3, 3], 4, 1e-4))]);
        assert_finite(ID, None, &params(json!({"softmax_scale": 100.0})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &params(json!({"num_classes": 3})), &batch(2), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"embedding_size": 0})), &batch(2), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"softmax_scale": "inf"})), &batch(2), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"distance": "CosineSimilarity()"})), &batch(2), ErrorKind::Param);
        let mut x = batch(2);
        x.insert("labels".into(), i(&[5], &[0, 1, 2, 3, 0]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[])), ("weight", randn(&[4, 3], 1, 1.0))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
