//! Hierarchical softmax with a two-level class tree: a softmax over clusters times a softmax over
//! the classes inside the target's cluster. The likelihood stays exactly normalized while each
//! example only needs the cluster scores and the scores of one cluster's classes.

use burn::tensor::{Bool, Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "hierarchical-softmax";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Hierarchical Softmax",
    aliases: &["Two-Level Softmax", "Class-Factored Softmax", "Hierarchical Softmax Loss"],
    kind: Kind::Loss,
    domains: &["classification", "language-modeling"],
    year: 2005,
    paper: Paper {
        title: "Hierarchical Probabilistic Neural Network Language Model",
        authors: "Frederic Morin, Yoshua Bengio",
        venue: "AISTATS",
        year: 2005,
        url: "https://proceedings.mlr.press/r5/morin05a.html",
    },
    summary: "Factorizes the probability of a class through a tree, here with two levels: p(y | x) = p(cluster(y) | x) p(y | cluster(y), x), each factor a softmax, and minimizes the exact negative log-likelihood. With C classes split into about sqrt(C) clusters a training example touches O(sqrt C) scores instead of C, which is why it was used for large-vocabulary language models (Morin and Bengio use a deep binary tree; the two-level class factorization is the shallow case). The tree matters for accuracy: Morin and Bengio derive theirs from WordNet, later work clusters words by frequency. This function takes dense within-cluster logits [N, C] and normalizes each example over its target cluster only; a sparse implementation would compute only those logits.",
    formula: r"-\log p(y_i \mid x_i) = -\log \frac{e^{u_{i,k}}}{\sum_{k'} e^{u_{i,k'}}} - \log \frac{e^{z_{i,y_i}}}{\sum_{c:\, \kappa(c) = k} e^{z_{i,c}}},\quad k = \kappa(y_i)",
    inputs: &[
        Input { name: "cluster_logits", shape: "[N, K]", meaning: "scores u of the K clusters (top level of the tree)" },
        Input { name: "logits", shape: "[N, C]", meaning: "within-cluster scores z of the C classes" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "class indices in [0, C)" },
        Input { name: "clusters", shape: "[C] (i64)", meaning: "cluster kappa(c) in [0, K) of each class" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["cross-entropy", "sampled-softmax", "next-token-prediction", "nll"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the hierarchical softmax.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct HierarchicalSoftmaxConfig {
    pub reduction: Reduction,
}

/// Exact negative log-likelihood under a two-level class tree. `cluster_logits` `[N, K]`,
/// `logits` `[N, C]`, `targets` `[N]`, `clusters` `[C]` (class -> cluster).
pub fn hierarchical_softmax(cluster_logits: Tensor<2>, logits: Tensor<2>, targets: Tensor<1, Int>, clusters: &[i64], cfg: &HierarchicalSoftmaxConfig) -> Result<LossTensor, LossError> {
    let [n, k] = cluster_logits.dims();
    let [n2, c] = logits.dims();
    numerics::same_shape(ID, "logits", &[n2], "the batch of cluster_logits", &[n])?;
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch", &[n])?;
    numerics::same_shape(ID, "clusters", &[clusters.len()], "one cluster per class of logits", &[c])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    numerics::non_empty(ID, "cluster_logits", &[n, k])?;
    numerics::labels_in_range(ID, "clusters", clusters, k, None)?;
    let y = numerics::host_i64(&targets);
    numerics::labels_in_range(ID, "targets", &y, c, None)?;
    let ky: Vec<i64> = y.iter().map(|&t| clusters[t as usize]).collect();
    let ky = numerics::ints_like(&logits, ky, [n]);
    // Top level: log-softmax over clusters at the target's cluster.
    let top = numerics::log_softmax(cluster_logits, 1).gather(1, ky.clone().reshape([n, 1])).reshape([n]);
    // Bottom level: log-softmax restricted to the classes of the target's cluster.
    let member: Vec<f64> = (0..k).flat_map(|kk| clusters.iter().map(move |&cc| if cc as usize == kk { 1.0 } else { 0.0 })).collect();
    let member = numerics::tensor_like(&logits, member, [k, c]);
    let outside: Tensor<2, Bool> = member.select(0, ky).equal_elem(0.0);
    let lse = numerics::logsumexp(logits.clone().mask_fill(outside, f64::NEG_INFINITY), 1).reshape([n]);
    let z_y = logits.gather(1, targets.reshape([n, 1])).reshape([n]);
    let per = (top + z_y - lse).neg();
    Ok(reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = HierarchicalSoftmaxConfig { reduction: c.reduction(Reduction::Mean)? };
    for name in ["targets", "clusters"] {
        let s = c.shape(name)?;
        if s.len() != 1 {
            return Err(LossError::shape(ID, name, "shape of rank 1", fmt_shape(s)));
        }
    }
    let clusters = c.int_values("clusters")?.to_vec();
    hierarchical_softmax(c.float::<2>("cluster_logits")?, c.float::<2>("logits")?, c.int::<1>("targets")?, &clusters, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn x() -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![
            ("cluster_logits", randn(&[5, 3], 1, 2.0)),
            ("logits", randn(&[5, 6], 2, 2.0)),
            ("targets", i(&[5], &[0, 5, 2, 3, 4])),
            ("clusters", i(&[6], &[0, 0, 1, 1, 1, 2])),
        ])
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &x());
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x());
    }

    #[test]
    fn probabilities_sum_to_one() {
        // Summing exp(-loss) over every possible target of one example gives 1.
        let base = x();
        let mut total = 0.0;
        for t in 0..6 {
            let mut xi = inputs(vec![
                ("cluster_logits", crate::eval::HostTensor::from_f64(vec![1, 3], base["cluster_logits"].floats[..3].to_vec())),
                ("logits", crate::eval::HostTensor::from_f64(vec![1, 6], base["logits"].floats[..6].to_vec())),
            ]);
            xi.insert("targets".into(), i(&[1], &[t]));
            xi.insert("clusters".into(), base["clusters"].clone());
            total += (-eval64(ID, None, &params(json!({})), &xi).loss.floats[0]).exp();
        }
        assert!((total - 1.0).abs() < 1e-14, "{total}");
    }

    #[test]
    fn value_is_the_formula() {
        // Clusters {0, 1} and {2}; u = (0, ln 3): p(cluster 0) = 1/4; z = (0, ln 2, 5):
        // p(class 1 | cluster 0) = 2/3. -log(1/4 * 2/3) = ln 6. Class 2 alone: -log(3/4).
        let x = inputs(vec![
            ("cluster_logits", f(&[2, 2], &[0.0, 3f64.ln(), 0.0, 3f64.ln()])),
            ("logits", f(&[2, 3], &[0.0, 2f64.ln(), 5.0, 0.0, 2f64.ln(), 5.0])),
            ("targets", i(&[2], &[1, 2])),
            ("clusters", i(&[3], &[0, 0, 1])),
        ]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert!((ev.loss.floats[0] - 6f64.ln()).abs() < 1e-14);
        assert!((ev.loss.floats[1] - (4.0f64 / 3.0).ln()).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![
                ("cluster_logits", f(&[2, 2], &[scale, -scale, -scale, scale])),
                ("logits", f(&[2, 3], &[-scale, scale, 0.0, scale, -scale, -scale])),
                ("targets", i(&[2], &[0, 2])),
                ("clusters", i(&[3], &[0, 0, 1])),
            ]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut b = x();
        b.insert("clusters".into(), i(&[5], &[0, 0, 1, 1, 1]));
        assert_error(ID, None, &p, &b, ErrorKind::Shape);
        let mut b = x();
        b.insert("clusters".into(), i(&[6], &[0, 0, 1, 1, 1, 3]));
        assert_error(ID, None, &p, &b, ErrorKind::Value);
        let mut b = x();
        b.insert("targets".into(), i(&[5], &[0, 6, 2, 3, 4]));
        assert_error(ID, None, &p, &b, ErrorKind::Value);
        let mut b = x();
        b.insert("targets".into(), f(&[5], &[0.0; 5]));
        assert_error(ID, None, &p, &b, ErrorKind::DType);
        let mut b = x();
        b.insert("logits".into(), randn(&[4, 6], 2, 1.0));
        assert_error(ID, None, &p, &b, ErrorKind::Shape);
        let e = inputs(vec![("cluster_logits", f(&[0, 3], &[])), ("logits", f(&[0, 6], &[])), ("targets", i(&[0], &[])), ("clusters", i(&[6], &[0, 0, 1, 1, 1, 2]))]);
        assert_error(ID, None, &p, &e, ErrorKind::Empty);
    }
}
