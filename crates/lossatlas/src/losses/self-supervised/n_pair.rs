//! N-pair loss: one anchor-positive pair per class, and cross-entropy of each anchor against all the
//! selected positives, so every anchor sees N - 1 negatives at once.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pairs::check_embeddings;
use crate::numerics::contrastive::{PmlDistance, diagonal_cross_entropy};
use crate::numerics::{self, LossTensor, inputs::float_input};

const ID: &str = "n-pair";

pub const ENTRY: Entry = Entry {
    id: "n-pair",
    name: "N-pair Loss",
    aliases: &["Multi-class N-pair Loss", "NPairs Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "metric-learning"],
    year: 2016,
    paper: Paper {
        title: "Improved Deep Metric Learning with Multi-class N-pair Loss Objective",
        authors: "Sohn, K.",
        venue: "NeurIPS",
        year: 2016,
        url: "https://papers.nips.cc/paper/6200",
    },
    summary: "Generalizes the triplet loss from one negative to N - 1: with one (anchor, positive) pair per class, each anchor's dot products with all positives are treated as logits and its own positive is the target of a softmax cross-entropy. It makes efficient use of a batch built from N classes with two samples each. PML keeps the first pair per label and, by default, normalizes the embeddings before the dot product.",
    formula: r"\ell_i = -\log\frac{e^{f_i^\top f_i^+}}{\sum_{j=1}^{N} e^{f_i^\top f_j^+}} = \log\Big(1 + \sum_{j \ne i} e^{f_i^\top f_j^+ - f_i^\top f_i^+}\Big)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "distance", symbol: "", default: Value::Str("DotProductSimilarity(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
        "pytorch_metric_learning.losses.NPairsLoss",
    ],
    related: &["triplet", "infonce", "nt-xent", "lifted-structure"],
    forms: &[
        Form { name: "pml", description: "PML NPairsLoss: per label the first (anchor, positive) pair in row-major order of the label-match matrix; cross-entropy over anchor-vs-positive similarities; losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two class-0 embeddings (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Classes 0 and 1 with two embeddings each; the class-0 positive sits at angle x.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("embeddings", HostTensor::from_f64(vec![4, 2], vec![1.0, 0.0, x.cos(), x.sin(), 0.0, 1.0, 0.0, 1.0])),
            ("labels", HostTensor::from_i64(vec![4], vec![0, 0, 1, 1])),
        ],
        wrt: "embeddings",
        index: 3,
    }
}

/// The `(anchor, positive)` index pairs PML's NPairsLoss keeps: for each label (ascending)
/// that occurs at least twice, its first index and the next index with the same label.
pub fn unique_label_pairs(labels: &[i64]) -> Vec<(usize, usize)> {
    let mut out: Vec<(i64, usize, usize)> = Vec::new();
    for a in 0..labels.len() {
        if out.iter().any(|(l, _, _)| *l == labels[a]) {
            continue;
        }
        if let Some(p) = (0..labels.len()).find(|&p| p != a && labels[p] == labels[a]) {
            out.push((labels[a], a, p));
        }
    }
    out.sort_by_key(|(l, _, _)| *l);
    out.into_iter().map(|(_, a, p)| (a, p)).collect()
}

/// PML `NPairsLoss(distance)(embeddings, labels)`: one (anchor, positive) pair per label; the
/// similarity matrix of all anchors against all kept positives (negated for a distance) is a
/// softmax classification of each anchor's own positive; mean over anchors, 0 when no label
/// occurs twice.
pub fn n_pair(embeddings: Tensor<2>, labels: Tensor<1, Int>, distance: &PmlDistance) -> Result<LossTensor, LossError> {
    check_embeddings(ID, &embeddings.dims(), &labels.dims())?;
    numerics::non_empty(ID, "embeddings", &embeddings.dims())?;
    let pairs = unique_label_pairs(&numerics::host_i64(&labels));
    if pairs.is_empty() {
        return Ok(LossTensor::scalar(numerics::full_like(&embeddings, [1], 0.0)));
    }
    let k = pairs.len();
    let a = numerics::ints_like(&embeddings, pairs.iter().map(|p| p.0 as i64).collect(), [k]);
    let p = numerics::ints_like(&embeddings, pairs.iter().map(|p| p.1 as i64).collect(), [k]);
    let sim = distance.matrix(embeddings.clone().select(0, a), embeddings.select(0, p));
    let sim = if distance.similarity { sim } else { sim.neg() };
    Ok(LossTensor::scalar(diagonal_cross_entropy(sim).mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "pml") {
        return Err(c.unknown_form(&["pml"]));
    }
    let distance = match c.str_opt("distance")? {
        None => PmlDistance::DOT,
        Some(s) => PmlDistance::parse(ID, s)?,
    };
    let emb = float_input::<2>(c, "embeddings", "[N, D]")?;
    check_embeddings(ID, &emb.dims(), c.shape("labels")?)?;
    n_pair(emb, c.int::<1>("labels")?, &distance)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[7, 3], seed, 1.0)), ("labels", i(&[7], &[2, 1, 2, 0, 1, 2, 3]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn pairs_follow_pml() {
        // Label 2 first at 0 (positive 2), label 1 at 1 (positive 4); 0 and 3 occur once.
        assert_eq!(super::unique_label_pairs(&[2, 1, 2, 0, 1, 2, 3]), vec![(1, 4), (0, 2)]);
    }

    #[test]
    fn value_is_the_formula() {
        // Anchors e1 (class 0) and e2 (class 1), positives e1 and -e2 (normalized dot products):
        // row 0 logits (1, 0) target 0; row 1 logits (0, -1) target 1.
        let x = inputs(vec![("embeddings", f(&[4, 2], &[1.0, 0.0, 0.0, 2.0, 3.0, 0.0, 0.0, -1.0])), ("labels", i(&[4], &[0, 1, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        let want = ((1.0 + (-1f64).exp()).ln() + (1.0 + 1f64.exp()).ln()) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-14);
        // No repeated label: 0.
        let x = inputs(vec![("embeddings", randn(&[3, 2], 1, 1.0)), ("labels", i(&[3], &[0, 1, 2]))]);
        assert_eq!(eval64(ID, None, &params(json!({})), &x).loss.floats[0], 0.0);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &batch(1));
        assert_gradcheck(ID, None, &params(json!({"distance": "DotProductSimilarity(normalize_embeddings=False)"})), &batch(2));
        assert_gradcheck(ID, None, &params(json!({"distance": "LpDistance()"})), &batch(3));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for s in [1e-8, 1e4] {
            let x = inputs(vec![("embeddings", randn(&[6, 3], 3, s)), ("labels", i(&[6], &[0, 1, 0, 1, 2, 2]))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1.0)), ("labels", i(&[3], &[0, 1, 0]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("embeddings", randn(&[3, 3], 3, 1.0)), ("labels", f(&[3], &[0.0, 1.0, 0.0]))]);
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"distance": "Manhattan()"})), &batch(1), ErrorKind::Param);
        let e = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(ID, None, &p, &e, ErrorKind::Empty);
    }
}
