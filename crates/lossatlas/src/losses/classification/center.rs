//! Center loss: pull every embedding towards a learned centre of its class, so that features
//! become compact within classes while a softmax loss keeps the classes apart.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, vectors};

const ID: &str = "center";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Center Loss",
    aliases: &["Centre Loss"],
    kind: Kind::Loss,
    domains: &["classification", "metric-learning"],
    year: 2016,
    paper: Paper {
        title: "A Discriminative Feature Learning Approach for Deep Face Recognition",
        authors: "Wen, Y., Zhang, K., Li, Z. & Qiao, Y.",
        venue: "ECCV 2016",
        year: 2016,
        url: "https://kpzhang93.github.io/papers/eccv2016.pdf",
    },
    summary: "Penalizes the squared Euclidean distance between each embedding and the centre of its class, summed over the batch and divided by the batch size (KaiyangZhou's PyTorch implementation, which clips every entry of the masked sample-by-class distance matrix to [1e-12, 1e12], so the C - 1 masked zeros per sample each add 1e-12). The centres are parameters learned jointly by gradient descent (the paper updates them with their own rate alpha); here they are an input that receives a gradient. Used alone it collapses features and centres to a point, so it is always combined with softmax cross-entropy and weighted by a small lambda.",
    formula: r"\ell = \frac{1}{N}\sum_{i=1}^{N}\sum_{j=1}^{C}\operatorname{clip}\big([y_i = j]\,\lVert x_i - c_j\rVert^2,\ 10^{-12},\ 10^{12}\big)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "deep features x_i" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class indices y_i in [0, C)" },
        Input { name: "centers", shape: "[C, D]", meaning: "class centres c_j (a learnable parameter; receives a gradient)" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[],
    related: &["cross-entropy", "arcface", "cosface", "sphereface", "contrastive", "triplet"],
    forms: &[Form {
        name: "kaiyangzhou",
        description: "KaiyangZhou/pytorch-center-loss CenterLoss: distance matrix |x|² + |c|² - 2 x·c, masked by the labels, clamped to [1e-12, 1e12], summed and divided by the batch size.",
    }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Center loss as KaiyangZhou's `CenterLoss.forward(x, labels)` with `centers` given; a scalar.
pub fn center(embeddings: Tensor<2>, labels: Tensor<1, Int>, centers: Tensor<2>) -> Result<LossTensor, LossError> {
    let [n, d] = embeddings.dims();
    let [c, dc] = centers.dims();
    numerics::non_empty(ID, "embeddings", &[n, d])?;
    numerics::non_empty(ID, "centers", &[c, dc])?;
    if dc != d {
        return Err(LossError::shape(ID, "centers", format!("shape [C, {d}] (the embedding width)"), fmt_shape(&[c, dc])));
    }
    numerics::same_shape(ID, "labels", &labels.dims(), "the batch of embeddings", &[n])?;
    let ys = numerics::host_i64(&labels);
    numerics::labels_in_range(ID, "labels", &ys, c, None)?;
    let mut mask = vec![0.0; n * c];
    for (i, &y) in ys.iter().enumerate() {
        mask[i * c + y as usize] = 1.0;
    }
    let mask = numerics::tensor_like(&embeddings, mask, [n, c]);
    let dist = vectors::pairwise_sq_distances(embeddings, centers) * mask;
    Ok(LossTensor::scalar(dist.clamp(1e-12, 1e12).sum().mul_scalar(1.0 / (n as f64))))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("kaiyangzhou") => {}
        _ => return Err(c.unknown_form(&["kaiyangzhou"])),
    }
    for name in ["embeddings", "centers"] {
        let shape = c.shape(name)?;
        if shape.len() != 2 {
            return Err(LossError::shape(ID, name, "a matrix (rank 2)", fmt_shape(shape)));
        }
    }
    center(c.float::<2>("embeddings")?, c.int::<1>("labels")?, c.float::<2>("centers")?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn x(emb: crate::eval::HostTensor, labels: &[i64], centers: crate::eval::HostTensor) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", emb), ("labels", i(&[labels.len()], labels)), ("centers", centers)])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let xs = x(randn(&[5, 3], 101, 1.0), &[0, 1, 2, 1, 0], randn(&[4, 3], 102, 1.0));
        assert_gradcheck(ID, None, &params(json!({})), &xs);
        assert_gradcheck(ID, Some("kaiyangzhou"), &params(json!({})), &xs);
    }

    #[test]
    fn value_is_the_formula() {
        // x = (1, 2) with centre (0, 0) -> 5; x = (3, 3) with centre (3, 4) -> 1; batch 2, 3 classes:
        // (5 + 1 + 4 * 1e-12) / 2.
        let xs = x(f(&[2, 2], &[1.0, 2.0, 3.0, 3.0]), &[0, 2], f(&[3, 2], &[0.0, 0.0, 9.0, 9.0, 3.0, 4.0]));
        let ev = eval64(ID, None, &params(json!({})), &xs);
        let want = (5.0 + 1.0 + 4.0 * 1e-12) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-13, "{} vs {want}", ev.loss.floats[0]);
        // d/dx_i = 2 (x_i - c_{y_i}) / N, d/dc_j = -2 sum_{y_i = j} (x_i - c_j) / N.
        assert_eq!(ev.grads["embeddings"].floats, vec![1.0, 2.0, 0.0, -1.0]);
        assert_eq!(ev.grads["centers"].floats, vec![-1.0, -2.0, 0.0, 0.0, 0.0, 1.0]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        // An embedding on its centre (distance clamped at 1e-12) and one 1e6 away (1e12, the upper clamp).
        let xs = x(f(&[2, 2], &[1.0, 1.0, 1e6, 0.0]), &[0, 1], f(&[2, 2], &[1.0, 1.0, 0.0, 0.0]));
        let ev = assert_finite(ID, None, &params(json!({})), &xs);
        assert!(ev.loss.floats[0] <= 1e12);
        let xs = x(f(&[2, 2], &[1e-12, 0.0, 0.0, 1e-12]), &[0, 1], f(&[2, 2], &[0.0, 0.0, 0.0, 0.0]));
        assert_finite(ID, None, &params(json!({})), &xs);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let good_c = randn(&[3, 2], 1, 1.0);
        assert_error(ID, None, &p, &x(randn(&[2, 2], 1, 1.0), &[0, 3], good_c.clone()), ErrorKind::Value);
        assert_error(ID, None, &p, &x(randn(&[2, 2], 1, 1.0), &[0, -1], good_c.clone()), ErrorKind::Value);
        assert_error(ID, None, &p, &x(randn(&[2, 2], 1, 1.0), &[0], good_c.clone()), ErrorKind::Shape);
        assert_error(ID, None, &p, &x(randn(&[2, 3], 1, 1.0), &[0, 1], good_c.clone()), ErrorKind::Shape);
        assert_error(ID, None, &p, &x(f(&[0, 2], &[]), &[], good_c.clone()), ErrorKind::Empty);
        let mut float_labels = x(randn(&[2, 2], 1, 1.0), &[0, 1], good_c.clone());
        float_labels.insert("labels".into(), f(&[2], &[0.0, 1.0]));
        assert_error(ID, None, &p, &float_labels, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"lambda": 0.1})), &x(randn(&[2, 2], 1, 1.0), &[0, 1], good_c), ErrorKind::Param);
    }
}
