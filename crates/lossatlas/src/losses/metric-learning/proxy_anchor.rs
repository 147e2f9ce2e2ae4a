//! Proxy anchor loss: each class proxy acts as an anchor and pulls its batch members together while
//! pushing all other batch embeddings away through log-sum-exp terms.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::margin_softmax::{check_classifier, check_labels, cosine_matrix};
use crate::numerics::pml_lists::{bools_like, default_distance_only, masked_logsumexp_add_one, pml_form};
use crate::numerics::{self, LossTensor};

const ID: &str = "proxy-anchor";
const DISTANCE: &str = "CosineSimilarity(normalize_embeddings=True, p=2, power=1)";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Proxy Anchor Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2020,
    paper: Paper {
        title: "Proxy Anchor Loss for Deep Metric Learning",
        authors: "Kim et al.",
        venue: "CVPR",
        year: 2020,
        url: "https://arxiv.org/abs/2003.13911",
    },
    summary: "Uses one learnable proxy per class as anchor: for every proxy, a softplus of the log-sum-exp of -alpha(s - margin) over the batch embeddings of its class, and of alpha(s + margin) over all other embeddings. This gives data-to-data interactions through the proxies at proxy-loss cost and converges fast. The positive term is averaged over proxies with positives in the batch, the negative term over all proxies.",
    formula: r"L = \frac{1}{|P^+|}\sum_{p \in P^+}\log\Big(1 + \sum_{x \in X_p^+} e^{-\alpha(s(x,p) - \delta)}\Big) + \frac{1}{|P|}\sum_{p \in P}\log\Big(1 + \sum_{x \in X_p^-} e^{\alpha(s(x,p) + \delta)}\Big)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class proxies, one row per class (PML's proxies)" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML" },
        Param { name: "margin", symbol: r"\delta", default: Value::Float(0.1), range: Range::REAL, meaning: "margin added inside both exponents" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(32.0), range: Range::POSITIVE, meaning: "scale" },
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
        "pytorch_metric_learning.losses.ProxyAnchorLoss",
    ],
    related: &["proxy-nca", "soft-triple", "multi-similarity"],
    forms: &[
        Form { name: "pml", description: "PML ProxyAnchorLoss: cosine similarity; DivisorReducer with divisors = number of proxies with positives (positive term) and number of proxies (negative term)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the embedding and its class proxy (radians)", from: 0.05, to: 3.0, at: super::arcface::classifier_plot_at }),
    ..Entry::BLANK
};

/// Options of PML's `ProxyAnchorLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct ProxyAnchorConfig {
    /// Margin delta inside both exponents.
    pub margin: f64,
    /// Scale alpha of the similarities.
    pub alpha: f64,
}

impl Default for ProxyAnchorConfig {
    fn default() -> Self {
        ProxyAnchorConfig { margin: 0.1, alpha: 32.0 }
    }
}

/// PML `ProxyAnchorLoss(num_classes, embedding_size, margin, alpha)(embeddings, labels)` with
/// the proxies `weight [C, D]`: per proxy, `log(1 + sum_pos exp(-alpha (s - delta)))` summed over
/// the proxies and divided by the number of proxies with a positive in the batch, plus
/// `log(1 + sum_neg exp(alpha (s + delta)))` summed and divided by the number of proxies.
pub fn proxy_anchor(embeddings: Tensor<2>, labels: Tensor<1, Int>, weight: Tensor<2>, cfg: &ProxyAnchorConfig) -> Result<LossTensor, LossError> {
    check_classifier(ID, &embeddings.dims(), &labels.dims(), &weight.dims(), None, None)?;
    numerics::finite_param(ID, "margin", cfg.margin)?;
    numerics::finite_param(ID, "alpha", cfg.alpha)?;
    let classes = weight.dims()[0];
    check_labels(ID, &labels, classes)?;
    let y = numerics::host_i64(&labels);
    let n = y.len();
    let mut pos = vec![false; n * classes];
    for (i, &l) in y.iter().enumerate() {
        pos[i * classes + l as usize] = true;
    }
    let with_pos = (0..classes).filter(|&c| y.iter().any(|&l| l as usize == c)).count();
    let cos = cosine_matrix(embeddings, weight);
    let keep_pos = bools_like(&cos, &pos, [n, classes]).equal_elem(1.0);
    let keep_neg = keep_pos.clone().bool_not();
    let pos_term = masked_logsumexp_add_one(cos.clone().neg().add_scalar(cfg.margin).mul_scalar(cfg.alpha), keep_pos, 0);
    let neg_term = masked_logsumexp_add_one(cos.add_scalar(cfg.margin).mul_scalar(cfg.alpha), keep_neg, 0);
    // PML's DivisorReducer per sub-loss, then the sub-losses are summed.
    let loss = pos_term.sum().mul_scalar(1.0 / with_pos as f64) + neg_term.sum().mul_scalar(1.0 / classes as f64);
    Ok(LossTensor::scalar(loss))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    pml_form(c)?;
    default_distance_only(c, DISTANCE)?;
    let cfg = ProxyAnchorConfig { margin: c.f64("margin", 0.1)?, alpha: c.f64("alpha", 32.0)? };
    let (x, y, w) = super::arcface::classifier_inputs(c, 1)?;
    proxy_anchor(x, y, w, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[6, 3], seed, 1.0)), ("labels", i(&[6], &[0, 1, 2, 0, 0, 2])), ("weight", randn(&[4, 3], seed + 1, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // x = e1 (class 0), proxies e1 and e2: s = (1, 0). Proxy 0 has the positive (s = 1),
        // proxy 1 the negative (s = 0); with alpha 2, delta 0.5:
        // pos = log(1 + e^{-2 (1 - 0.5)}) / 1, neg = (0 + log(1 + e^{2 (0 + 0.5)})) / 2.
        let x = inputs(vec![("embeddings", f(&[1, 2], &[3.0, 0.0])), ("labels", i(&[1], &[0])), ("weight", f(&[2, 2], &[2.0, 0.0, 0.0, 0.5]))]);
        let ev = eval64(ID, None, &params(json!({"alpha": 2.0, "margin": 0.5})), &x);
        let want = (1.0 + (-1f64).exp()).ln() + 0.5 * (1.0 + 1f64.exp()).ln();
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for seed in [1, 5, 9] {
            assert_gradcheck(ID, None, &params(json!({"alpha": 4.0, "margin": 0.2})), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 2, 0])), ("weight", randn(&[3, 3], 4, 1e-4))]);
        assert_finite(ID, None, &params(json!({"alpha": 1e3})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(2);
        x.insert("labels".into(), i(&[6], &[0, 1, 2, 4, 0, 2]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        assert_error(ID, None, &params(json!({"num_classes": 3})), &batch(2), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"margin": "nan"})), &batch(2), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"distance": "LpDistance()"})), &batch(2), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[])), ("weight", randn(&[4, 3], 1, 1.0))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
