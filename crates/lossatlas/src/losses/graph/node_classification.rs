//! Semi-supervised node classification: cross-entropy of a graph neural network's node
//! predictions, evaluated on the labelled nodes only.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, inputs::float_input};

const ID: &str = "node-classification";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Node Classification Loss",
    aliases: &["GCN Loss", "Masked Node Cross-Entropy"],
    kind: Kind::Loss,
    domains: &["graph", "semi-supervised", "classification"],
    year: 2017,
    paper: Paper {
        title: "Semi-Supervised Classification with Graph Convolutional Networks",
        authors: "Kipf & Welling",
        venue: "ICLR 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1609.02907",
    },
    summary: "The GCN is run on the whole graph, so every node gets a prediction, but the cross-entropy is summed only over the small labelled set Y_L; unlabelled nodes still shape the result through message passing, which is what makes the setting semi-supervised. The paper adds L2 weight decay (5e-4) on the first layer and dropout. Pitfalls: averaging over all nodes instead of the mask, and leaking validation or test labels through the mask.",
    formula: r"\mathcal{L} = \frac{\sum_{v} m_v\, \ell_v}{\sum_{v} m_v},\quad \ell_v = -\sum_{f=1}^{F} Y_{vf} \ln Z_{vf},\quad Z = \operatorname{softmax}(\text{logits}),\ m_v = [v \in \mathcal{Y}_L]",
    inputs: &[
        Input { name: "logits", shape: "[V, C]", meaning: "class scores for every node (the GNN output before the softmax)" },
        Input { name: "targets", shape: "[V] (i64) or [V, C]", meaning: "node labels as class indices, or one-hot / soft label rows (Kipf & Welling's Y); only read where mask is non-zero" },
        Input { name: "mask", shape: "[V]", meaning: "labelled (training) nodes: bool, 0/1, or non-negative weights" },
    ],
    params: &[Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "mean over the masked nodes (weighted by the mask), sum, or none ([V], 0 off the mask)" }],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["cross-entropy", "l2-regularization", "vgae", "dgi"],
    forms: &[
        Form { name: "class-indices", description: "PyTorch Geometric's GCN example: cross_entropy(logits[mask], targets[mask]) with integer targets; labels outside [0, C) are allowed off the mask. An empty mask gives NaN, as torch's mean of nothing." },
        Form { name: "one-hot", description: "Kipf & Welling's masked_softmax_cross_entropy: softmax cross-entropy against label rows Y times mask / mean(mask), averaged over all nodes, i.e. the mask-weighted mean (NaN for an empty mask)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the true class of the labelled node (others 0)", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("logits", HostTensor::from_f64(vec![2, 3], vec![x, 0.0, 0.0, 5.0, 0.0, 0.0])),
            ("targets", HostTensor::from_i64(vec![2], vec![0, 2])),
            ("mask", HostTensor::from_f64(vec![2], vec![1.0, 0.0])),
        ],
        wrt: "logits",
        index: 0,
    }
}

/// Masked cross-entropy over nodes: `logits [V, C]`, per-node cross-entropy `ell [V]` already
/// computed from the targets, `mask [V]` (non-negative weights). Reduced as `reduction` says.
fn masked(per: Tensor<1>, mask: Tensor<1>, reduction: Reduction) -> LossTensor {
    let weighted = per * mask.clone();
    match reduction {
        // sum(m l) / sum(m): 0 / 0 = NaN for an empty mask, as the references.
        Reduction::Mean => LossTensor::scalar(weighted.sum() / mask.sum()),
        Reduction::Sum => LossTensor::scalar(weighted.sum()),
        Reduction::None => LossTensor::elements(weighted),
    }
}

fn check_mask(v: usize, mask: &Tensor<1>) -> Result<Vec<f64>, LossError> {
    numerics::same_shape(ID, "mask", &mask.dims(), "one entry per node", &[v])?;
    let m = numerics::host_f64(mask);
    if let Some(bad) = m.iter().find(|x| !x.is_finite() || **x < 0.0) {
        return Err(LossError::value(ID, "mask", "finite non-negative values", format!("{bad}")));
    }
    Ok(m)
}

/// Node classification with class-index `targets` `[V]`: labels are checked (and read) only on
/// the mask.
pub fn node_classification(logits: Tensor<2>, targets: &[i64], mask: Tensor<1>, reduction: Reduction) -> Result<LossTensor, LossError> {
    let [v, c] = logits.dims();
    numerics::non_empty(ID, "logits", &[v, c])?;
    if targets.len() != v {
        return Err(LossError::shape(ID, "targets", format!("[{v}] (one label per node)"), format!("{} labels", targets.len())));
    }
    let m = check_mask(v, &mask)?;
    let on: Vec<i64> = targets.iter().zip(&m).filter(|(_, w)| **w != 0.0).map(|(t, _)| *t).collect();
    numerics::labels_in_range(ID, "targets", &on, c, None)?;
    let safe: Vec<i64> = targets.iter().zip(&m).map(|(t, w)| if *w != 0.0 { *t } else { 0 }).collect();
    let idx = numerics::ints_like(&logits, safe, [v, 1]);
    let per = numerics::log_softmax(logits, 1).gather(1, idx).reshape([v]).neg();
    Ok(masked(per, mask, reduction))
}

/// Node classification with label rows `targets` `[V, C]` (one-hot or soft), as Kipf & Welling.
pub fn node_classification_soft(logits: Tensor<2>, targets: Tensor<2>, mask: Tensor<1>, reduction: Reduction) -> Result<LossTensor, LossError> {
    let [v, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &[v, c])?;
    numerics::non_empty(ID, "logits", &[v, c])?;
    check_mask(v, &mask)?;
    let per = (numerics::log_softmax(logits, 1) * targets).sum_dim(1).reshape([v]).neg();
    Ok(masked(per, mask, reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let reduction = c.reduction(Reduction::Mean)?;
    let logits = float_input::<2>(c, "logits", "[V, C]")?;
    let v = logits.dims()[0];
    let ms = c.shape("mask")?;
    if ms.len() != 1 || ms[0] != v {
        return Err(LossError::shape(ID, "mask", format!("shape [{v}] (one entry per node)"), fmt_shape(ms)));
    }
    let targets_float = c.host("targets")?.dtype.is_float();
    let form = c.form().unwrap_or(if targets_float { "one-hot" } else { "class-indices" });
    // The mask is data, not a differentiated input: bools and integers become 0/1 floats.
    let mask = c.float::<1>("mask")?.detach();
    match form {
        "class-indices" => {
            let t = c.int_values("targets")?;
            let ts = c.shape("targets")?;
            if ts.len() != 1 {
                return Err(LossError::shape(ID, "targets", format!("[{v}] (one label per node)"), fmt_shape(ts)));
            }
            node_classification(logits, t, mask, reduction)
        }
        "one-hot" => {
            let ts = c.shape("targets")?;
            if ts.len() != 2 {
                return Err(LossError::shape(ID, "targets", format!("[{v}, C] (a label row per node)"), fmt_shape(ts)));
            }
            node_classification_soft(logits, c.float::<2>("targets")?, mask, reduction)
        }
        _ => Err(c.unknown_form(&["class-indices", "one-hot"])),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let mask = f(&[6], &[1.0, 0.0, 1.0, 1.0, 0.0, 1.0]);
        let x = inputs(vec![("logits", randn(&[6, 4], 151, 2.0)), ("targets", i(&[6], &[0, -1, 3, 2, 9, 1])), ("mask", mask.clone())]);
        // The mask is data (detached, as the references never differentiate it): check logits.
        assert_gradcheck_only(ID, None, &params(json!({})), &x, Some(&["logits"]));
        assert_gradcheck_only(ID, None, &params(json!({"reduction": "sum"})), &x, Some(&["logits"]));
        let soft = inputs(vec![("logits", randn(&[6, 4], 152, 2.0)), ("targets", uniform(&[6, 4], 153, 0.0, 1.0)), ("mask", uniform(&[6], 154, 0.0, 2.0))]);
        assert_gradcheck_only(ID, Some("one-hot"), &params(json!({"reduction": "none"})), &soft, Some(&["logits", "targets"]));
    }

    #[test]
    fn value_is_the_formula() {
        // Three nodes, two labelled: node 0 logits (0, ln 3) label 1 -> ln(4/3); node 2 logits
        // (0, 0) label 0 -> ln 2; node 1 unlabelled (its label 7 is never read).
        let x = inputs(vec![
            ("logits", f(&[3, 2], &[0.0, 3f64.ln(), 9.0, -9.0, 0.0, 0.0])),
            ("targets", i(&[3], &[1, 7, 0])),
            ("mask", i(&[3], &[1, 0, 1])),
        ]);
        let want = ((4.0f64 / 3.0).ln() + 2f64.ln()) / 2.0;
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - want).abs() < 1e-15);
        // The unlabelled node gets no gradient.
        assert!(ev.grads["logits"].floats[2..4].iter().all(|g| *g == 0.0));
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.shape, vec![3]);
        assert_eq!(ev.loss.floats[1], 0.0);
        // Kipf's one-hot form gives the same value.
        let y = inputs(vec![
            ("logits", f(&[3, 2], &[0.0, 3f64.ln(), 9.0, -9.0, 0.0, 0.0])),
            ("targets", f(&[3, 2], &[0.0, 1.0, 0.0, 0.0, 1.0, 0.0])),
            ("mask", f(&[3], &[1.0, 0.0, 1.0])),
        ]);
        assert!((eval64(ID, Some("one-hot"), &params(json!({})), &y).loss.floats[0] - want).abs() < 1e-15);
        // An empty mask: NaN (mean of nothing), and 0 for the sum.
        let mut z = x.clone();
        z.insert("mask".into(), i(&[3], &[0, 0, 0]));
        assert!(eval64(ID, None, &params(json!({})), &z).loss.floats[0].is_nan());
        assert_eq!(eval64(ID, None, &params(json!({"reduction": "sum"})), &z).loss.floats[0], 0.0);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[scale, -scale, 0.0, -scale, scale, scale])), ("targets", i(&[2], &[1, 2])), ("mask", i(&[2], &[1, 1]))]);
            let ev = assert_finite(ID, None, &params(json!({})), &x);
            assert!(ev.loss.floats[0] > scale * 0.9);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let l = || randn(&[3, 4], 1, 1.0);
        assert_error(ID, None, &p, &inputs(vec![("logits", l()), ("targets", i(&[3], &[0, 4, 1])), ("mask", i(&[3], &[1, 1, 1]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits", l()), ("targets", i(&[2], &[0, 1])), ("mask", i(&[3], &[1, 1, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", l()), ("targets", i(&[3], &[0, 1, 2])), ("mask", i(&[2], &[1, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", l()), ("targets", i(&[3], &[0, 1, 2])), ("mask", f(&[3], &[1.0, -1.0, 1.0]))]), ErrorKind::Value);
        assert_error(ID, Some("class-indices"), &p, &inputs(vec![("logits", l()), ("targets", f(&[3], &[0.0, 1.0, 2.0])), ("mask", i(&[3], &[1, 1, 1]))]), ErrorKind::DType);
        assert_error(ID, Some("one-hot"), &p, &inputs(vec![("logits", l()), ("targets", randn(&[3, 3], 2, 1.0)), ("mask", i(&[3], &[1, 1, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[])), ("mask", i(&[0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"reduction": "avg"})), &inputs(vec![("logits", l()), ("targets", i(&[3], &[0, 1, 2])), ("mask", i(&[3], &[1, 1, 1]))]), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(vec![("logits", l()), ("targets", i(&[3], &[0, 1, 2]))]), ErrorKind::Missing);
    }
}
