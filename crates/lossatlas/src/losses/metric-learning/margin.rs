//! Margin loss: positive distances should fall below a boundary beta and negative distances above
//! it, each by a margin; beta can be learned globally or per class.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pml_pairs::{angle_probe, labelled_batch, read_batch, index_tensor, lp_matrix, zero_loss};
use crate::numerics::{self, LossTensor};
use crate::numerics::relu;

const ID: &str = "margin";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Margin Loss",
    aliases: &["Distance-Weighted Margin Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2017,
    paper: Paper {
        title: "Sampling Matters in Deep Embedding Learning",
        authors: "Wu, C.-Y., Manmatha, R., Smola, A.J., Krähenbühl, P.",
        venue: "ICCV",
        year: 2017,
        url: "https://arxiv.org/abs/1706.07567",
    },
    summary: "Replaces the relative triplet constraint with an absolute boundary beta: for each triplet it penalizes d(a,p) above beta - margin and d(a,n) below beta + margin. The boundary can be a fixed scalar or learned (optionally per class) with a regularizer nu*beta. It was proposed together with distance-weighted negative sampling, which matters as much as the loss. PML divides the summed hinge terms by the number of non-zero terms, so easy triplets do not dilute the loss.",
    formula: r"L = \frac{\sum_{(a,p,n)} \big([d_{ap} - \beta_{y_a} + m]_+ + [\beta_{y_a} - d_{an} + m]_+\big)}{Z} + R,\quad Z = \#\{\text{non-zero hinge terms}\},\quad R = \begin{cases} \nu\,\beta & \text{learned scalar } \beta \\ \frac{\nu}{Z}\sum_{(a,p,n)} \beta_{y_a} & \text{learned per-class } \beta \\ 0 & \text{fixed } \beta \end{cases}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "beta", shape: "[C] or [1]", meaning: "optional: the boundaries as a learnable module parameter (per class with num_classes, else one value); overrides the beta param and gets a gradient" },
    ],
    params: &[
        Param { name: "margin", symbol: "m", default: Value::Float(0.2), range: Range::REAL, meaning: "margin around the boundary" },
        Param { name: "nu", symbol: r"\nu", default: Value::Float(0.0), range: Range::REAL, meaning: "weight of the beta regularizer (only when beta is learned)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(1.2), range: Range::REAL, meaning: "initial / fixed boundary" },
        Param { name: "triplets_per_anchor", symbol: "", default: Value::Str("all"), range: Range::Any, meaning: "only \"all\" (PML's other choice, an integer, samples triplets at random)" },
        Param { name: "learn_beta", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "beta is learnable: adds the regularizer nu * beta" },
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "one beta per class (labels index it)" },
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
        "pytorch_metric_learning.losses.MarginLoss",
    ],
    related: &["triplet", "contrastive"],
    forms: &[
        Form { name: "pml", description: "PML MarginLoss with its default LpDistance(p=2, power=1) on L2-normalized embeddings, on all (a, p, n) triplets of the batch; hinge terms divided by the count of non-zero terms (DivisorReducer, 0 when there is none); with learn_beta the regularizer nu*beta is added (a per-class beta is gathered per triplet and divided by the same count); 0 when the batch has no triplet. Other PML distances and random triplet sampling are not supported." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: angle_probe }),
    ..Entry::BLANK
};

/// Options of PML's `MarginLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct MarginConfig {
    pub margin: f64,
    pub nu: f64,
    /// Initial (or fixed) boundary, used when no `beta` tensor is given.
    pub beta: f64,
    pub learn_beta: bool,
    /// One boundary per class.
    pub num_classes: Option<usize>,
}

impl Default for MarginConfig {
    fn default() -> Self {
        MarginConfig { margin: 0.2, nu: 0.0, beta: 1.2, learn_beta: false, num_classes: None }
    }
}

/// PML `MarginLoss(...)(embeddings, labels)`; `beta`, when given, is the module's beta tensor
/// (`[num_classes]`, or `[1]`) and takes the place of `cfg.beta`.
pub fn margin(embeddings: Tensor<2>, labels: Tensor<1, Int>, beta: Option<Tensor<1>>, cfg: &MarginConfig) -> Result<LossTensor, LossError> {
    let pairs = labelled_batch(ID, &embeddings, &labels, &[("margin", cfg.margin), ("nu", cfg.nu), ("beta", cfg.beta)])?;
    let per_class_len = cfg.num_classes.filter(|&c| c > 0).unwrap_or(1);
    let beta = match beta {
        Some(b) => {
            let len = b.dims()[0];
            if len != per_class_len {
                let want = match cfg.num_classes {
                    Some(c) if c > 0 => format!("shape [{c}] (num_classes)"),
                    _ => "shape [1] (no num_classes)".to_string(),
                };
                return Err(LossError::shape(ID, "beta", want, format!("[{len}]")));
            }
            numerics::finite_values(ID, "beta", &numerics::host_f64(&b))?;
            b
        }
        None => numerics::full_like(&embeddings, [per_class_len], cfg.beta),
    };
    let n = pairs.n;
    let (cnt_pos, cnt_neg) = pairs.counts();
    let triplets: usize = (0..n).map(|a| cnt_pos[a] * cnt_neg[a]).sum();
    // A per-class beta is indexed by the labels (torch indexing: -C..C-1).
    let len = beta.dims()[0];
    let rows = if len == 1 {
        vec![0usize; n]
    } else {
        let mut rows = Vec::with_capacity(n);
        for &y in &pairs.labels {
            let c = len as i64;
            if y < -c || y >= c {
                return Err(LossError::value(ID, "labels", format!("labels in [-{c}, {c}) to index the per-class beta"), format!("{y}")));
            }
            rows.push(if y < 0 { (y + c) as usize } else { y as usize });
        }
        rows
    };
    if triplets == 0 {
        return Ok(zero_loss(&embeddings));
    }
    let b_anchor = beta.clone().select(0, index_tensor(&embeddings, rows.into_iter())).reshape([n, 1]);
    let d = lp_matrix(embeddings, 1);
    // Each (a, p) hinge appears once per negative of a, each (a, n) hinge once per positive of a.
    let w_pos: Vec<f64> = (0..n * n).map(|k| if k / n != k % n && pairs.labels[k / n] == pairs.labels[k % n] { cnt_neg[k / n] as f64 } else { 0.0 }).collect();
    let w_neg: Vec<f64> = (0..n * n).map(|k| if pairs.labels[k / n] != pairs.labels[k % n] { cnt_pos[k / n] as f64 } else { 0.0 }).collect();
    let w_pos = numerics::tensor_like(&d, w_pos, [n, n]);
    let w_neg = numerics::tensor_like(&d, w_neg, [n, n]);
    let pos_l = relu(d.clone() - b_anchor.clone() + cfg.margin);
    let neg_l = relu(b_anchor.clone() - d + cfg.margin);
    let nonzero = |l: &Tensor<2>| numerics::mask_to_float(l.clone().detach().greater_elem(0.0), l);
    let divisor = ((nonzero(&pos_l) * w_pos.clone()).sum() + (nonzero(&neg_l) * w_neg.clone()).sum()).detach();
    let some = numerics::mask_to_float(divisor.clone().greater_elem(0.0), &divisor);
    let safe = divisor.clamp_min(1.0);
    let total = (pos_l * w_pos).sum() + (neg_l * w_neg).sum();
    let mut loss = total / safe.clone();
    if cfg.learn_beta {
        if len == 1 {
            loss = loss + beta.mul_scalar(cfg.nu);
        } else {
            let t: Vec<f64> = (0..n).map(|a| (cnt_pos[a] * cnt_neg[a]) as f64).collect();
            let per_anchor = numerics::tensor_like(&b_anchor, t, [n, 1]);
            loss = loss + (b_anchor * per_anchor).sum().mul_scalar(cfg.nu) / safe * some;
        }
    }
    Ok(LossTensor::scalar(loss))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (x, y) = read_batch(c, ID)?;
    match c.json("triplets_per_anchor") {
        None => {}
        Some(v) if v.as_str() == Some("all") => {}
        Some(v) => return Err(LossError::param(ID, "triplets_per_anchor", "\"all\" (random triplet sampling is not reproducible)", v.to_string())),
    }
    let num_classes = match c.i64_opt("num_classes")? {
        None => None,
        Some(k) if k >= 0 => Some(k as usize),
        Some(k) => return Err(LossError::param(ID, "num_classes", "a non-negative integer", format!("{k}"))),
    };
    let cfg = MarginConfig { margin: c.f64("margin", 0.2)?, nu: c.f64("nu", 0.0)?, beta: c.f64("beta", 1.2)?, learn_beta: c.bool("learn_beta", false)?, num_classes };
    let beta = if c.has("beta") {
        let shape = c.shape("beta")?;
        if shape.len() != 1 {
            return Err(LossError::shape(ID, "beta", "shape [C] or [1]", crate::error::fmt_shape(shape)));
        }
        Some(c.float::<1>("beta")?)
    } else {
        None
    };
    margin(x, y, beta, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::numerics::pml_pairs::test_support::*;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // three_points, beta 1.5, margin 0.2, fixed beta. Triplets (0, 1, 2) and (1, 0, 2):
        // (0,1,2): [sqrt 2 - 1.3]_+ = 0.1142.., [1.7 - 2]_+ = 0; (1,0,2): the same positive term, [1.7 - sqrt 2]_+.
        // Sum over the three non-zero terms / 3.
        let x = three_points();
        let ev = eval64(ID, None, &params(json!({"beta": 1.5})), &x);
        let r2 = 2f64.sqrt();
        let want = (2.0 * (r2 - 1.3) + (1.7 - r2)) / 3.0;
        assert_close(ev.loss.floats[0], want, 1e-14);
        // Learned per-class beta (1.5, 9): regularizer nu * (beta_0 + beta_0) / 3 for the two anchors of class 0.
        let mut x = x;
        x.insert("beta".into(), f(&[2], &[1.5, 9.0]));
        let ev = eval64(ID, None, &params(json!({"learn_beta": true, "num_classes": 2, "nu": 0.1})), &x);
        let want = want + 0.1 * 3.0 / 3.0;
        assert_close(ev.loss.floats[0], want, 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &batch(1, 1.0, 3));
        assert_gradcheck(ID, None, &params(json!({"margin": 0.1, "beta": 0.8})), &batch(5, 1.0, 3));
        let mut x = batch(9, 1.0, 3);
        x.insert("beta".into(), f(&[3], &[1.0, 1.2, 1.4]));
        x.insert("labels".into(), i(&[7], &[0, 1, 0, 2, 1, 0, 2]));
        assert_gradcheck(ID, None, &params(json!({"learn_beta": true, "num_classes": 3, "nu": 0.1})), &x);
        let mut x = batch(9, 1.0, 3);
        x.insert("beta".into(), f(&[1], &[1.1]));
        assert_gradcheck(ID, None, &params(json!({"learn_beta": true, "nu": 0.3})), &x);
    }

    #[test]
    fn degenerate_and_extreme_batches() {
        assert_degenerate_zero(ID, &params(json!({"learn_beta": true, "nu": 1.0})));
        assert_finite_at_scales(ID, &params(json!({"beta": 1e3})), 3);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_rejects_bad_inputs(ID, &[json!({"margin": "nan"}), json!({"nu": "inf"}), json!({"triplets_per_anchor": 5})]);
        // Label 3 cannot index a per-class beta of 3 classes (PML raises IndexError).
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1.0)), ("labels", i(&[4], &[0, 3, 0, 3]))]);
        assert_error(ID, None, &params(json!({"num_classes": 3})), &x, ErrorKind::Value);
        // A beta tensor of the wrong length.
        let mut x = batch(1, 1.0, 3);
        x.insert("beta".into(), f(&[2], &[1.0, 1.0]));
        assert_error(ID, None, &params(json!({"learn_beta": true, "num_classes": 4})), &x, ErrorKind::Shape);
    }
}
