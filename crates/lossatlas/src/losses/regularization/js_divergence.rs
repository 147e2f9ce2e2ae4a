//! Jensen-Shannon divergence between two probability maps, as kornia's `js_div_loss_2d`
//! computes it for heatmaps: the symmetric, bounded average of the KL divergences of both maps
//! from their mixture.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "js-divergence";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Jensen-Shannon Divergence",
    aliases: &["JS Divergence", "Information Radius", "Jensen-Shannon Loss"],
    kind: Kind::Loss,
    domains: &["regularization", "flow-video-pose"],
    year: 1991,
    paper: Paper {
        title: "Divergence measures based on the Shannon entropy",
        authors: "Lin, J.",
        venue: "IEEE Transactions on Information Theory",
        year: 1991,
        url: "https://doi.org/10.1109/18.61115",
    },
    summary: "Compares two distributions through their mixture M = (P + Q) / 2: half the KL divergence of P from M plus half that of Q from M. Unlike KL it is symmetric, always finite (at most ln 2 nats) and defined when the supports differ, which makes it a stable loss for matching predicted heatmaps (keypoints, saliency) to target heatmaps; it is also the divergence that the original GAN objective minimizes. Its gradient vanishes when the two distributions barely overlap. Inputs are probabilities, each (batch, channel) map summing to one over its pixels; nothing is normalized inside.",
    formula: r"\ell_{bn} = \frac{1}{2}\sum_{h,w} t\log\frac{t}{m} + \frac{1}{2}\sum_{h,w} p\log\frac{p}{m},\quad m = \frac{p + t}{2},\ 0\log\frac{0}{m} = 0",
    inputs: &[
        Input { name: "pred", shape: "[B, N, H, W]", meaning: "predicted probability maps, each (b, n) slice a distribution over H×W" },
        Input { name: "target", shape: "[B, N, H, W]", meaning: "target probability maps" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Probabilities,
    },
    equivalents: &["kornia.losses.js_div_loss_2d"],
    related: &["kl-divergence", "convex-kl", "jsd-cross-entropy", "gan-minimax"],
    forms: &[Form {
        name: "kornia-2d",
        description: "kornia.losses.js_div_loss_2d(pred, target, reduction): per (b, n) over H×W, with kornia's convention that a cell where the first argument of a KL is 0 (and the second finite and >= 0) contributes 0 to the value and the gradients; reduction none keeps [B, N], mean and sum reduce them.",
    }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// kornia's `_kl_div_2d(p, q)` on `[B N, H W]`: per row, `sum p (log p - log q)`; cells with
/// `p == 0` and a finite `q >= 0` give 0 with zero gradient.
fn kl_rows(p: Tensor<2>, q: Tensor<2>) -> Tensor<2> {
    let empty = p.clone().equal_elem(0.0).bool_and(q.clone().greater_equal_elem(0.0)).bool_and(q.clone().is_finite());
    let p = p.mask_fill(empty.clone(), 1.0);
    let q = q.mask_fill(empty, 1.0);
    (numerics::xlogy(p.clone(), p.clone()) - p * q.log()).sum_dim(1)
}

/// kornia `js_div_loss_2d(pred, target, reduction)`; `Reduction::None` keeps `[B, N]`.
pub fn js_divergence(pred: Tensor<4>, target: Tensor<4>, reduction: Reduction) -> Result<LossTensor, LossError> {
    let dims = pred.dims();
    numerics::same_shape(ID, "target", &target.dims(), "pred", &dims)?;
    numerics::non_empty(ID, "pred", &dims)?;
    let [b, n, h, w] = dims;
    let p = target.reshape([b * n, h * w]);
    let q = pred.reshape([b * n, h * w]);
    let m = (p.clone() + q.clone()).mul_scalar(0.5);
    let js = (kl_rows(p, m.clone()) + kl_rows(q, m)).mul_scalar(0.5).reshape([b, n]);
    Ok(reduce(js, reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("kornia-2d") => {}
        _ => return Err(c.unknown_form(&["kornia-2d"])),
    }
    let reduction = c.reduction(Reduction::Mean)?;
    for name in ["pred", "target"] {
        let shape = c.shape(name)?;
        if shape.len() != 4 {
            return Err(LossError::shape(ID, name, "shape [B, N, H, W]", fmt_shape(shape)));
        }
    }
    js_divergence(c.float::<4>("pred")?, c.float::<4>("target")?, reduction)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn maps(shape: &[usize], seed: u64) -> crate::eval::HostTensor {
        // Softmax over each H×W slice of random normals.
        let mut t = randn(shape, seed, 1.0);
        let hw = shape[2] * shape[3];
        for chunk in t.floats.chunks_mut(hw) {
            let s: f64 = chunk.iter().map(|v| v.exp()).sum();
            chunk.iter_mut().for_each(|v| *v = v.exp() / s);
        }
        t
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("pred", maps(&[2, 2, 2, 3], 151)), ("target", maps(&[2, 2, 2, 3], 152))]);
        assert_gradcheck(ID, Some("kornia-2d"), &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // Disjoint supports: p = (1, 0), t = (0, 1); m = (1/2, 1/2); JS = ln 2 (the maximum).
        let x = inputs(vec![("pred", f(&[1, 1, 1, 2], &[1.0, 0.0])), ("target", f(&[1, 1, 1, 2], &[0.0, 1.0]))]);
        let ev = assert_finite(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 2f64.ln()).abs() < 1e-15);
        // p = (1/2, 1/2), t = (1, 0): m = (3/4, 1/4).
        // JS = 1/2 [1 ln(4/3)] + 1/2 [1/2 ln(2/3) + 1/2 ln 2].
        let x = inputs(vec![("pred", f(&[1, 1, 2, 1], &[0.5, 0.5])), ("target", f(&[1, 1, 2, 1], &[1.0, 0.0]))]);
        let want = 0.5 * (4.0f64 / 3.0).ln() + 0.5 * (0.5 * (2.0f64 / 3.0).ln() + 0.5 * 2f64.ln());
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - want).abs() < 1e-15, "{} vs {want}", ev.loss.floats[0]);
        // Symmetric in pred and target; zero for equal maps.
        let (a, b) = (maps(&[1, 2, 2, 2], 153), maps(&[1, 2, 2, 2], 154));
        let ab = eval64(ID, None, &params(json!({"reduction": "none"})), &inputs(vec![("pred", a.clone()), ("target", b.clone())]));
        let ba = eval64(ID, None, &params(json!({"reduction": "none"})), &inputs(vec![("pred", b), ("target", a.clone())]));
        assert_eq!(ab.loss.shape, vec![1, 2]);
        for (x, y) in ab.loss.floats.iter().zip(&ba.loss.floats) {
            assert!((x - y).abs() < 1e-15);
        }
        let aa = eval64(ID, None, &params(json!({})), &inputs(vec![("pred", a.clone()), ("target", a)]));
        assert!(aa.loss.floats[0].abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        // Cells that are zero in both maps contribute nothing, including to the gradients.
        let x = inputs(vec![("pred", f(&[1, 1, 1, 4], &[0.0, 1.0 - 1e-12, 1e-12, 0.0])), ("target", f(&[1, 1, 1, 4], &[0.0, 0.0, 1.0, 0.0]))]);
        let ev = assert_finite(ID, None, &params(json!({})), &x);
        assert_eq!(ev.grads["pred"].floats[0], 0.0);
        assert_eq!(ev.grads["target"].floats[3], 0.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("pred", maps(&[1, 1, 2, 2], 1)), ("target", maps(&[1, 1, 2, 3], 2))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("pred", f(&[2, 2], &[0.5; 4])), ("target", f(&[2, 2], &[0.5; 4]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("pred", f(&[0, 1, 2, 2], &[])), ("target", f(&[0, 1, 2, 2], &[]))]), ErrorKind::Empty);
        let ok = inputs(vec![("pred", maps(&[1, 1, 2, 2], 1)), ("target", maps(&[1, 1, 2, 2], 2))]);
        assert_error(ID, None, &params(json!({"reduction": "batchmean"})), &ok, ErrorKind::Param);
        assert_error(ID, Some("torch"), &p, &ok, ErrorKind::Unsupported);
    }
}
