//! Attention transfer (AT): the student's spatial attention maps (channel statistics of a
//! feature map) are made to match the teacher's, after L2 normalisation, at one stage of the
//! two networks.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, distill, pooling, vectors};

const ID: &str = "attention-transfer";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Attention Transfer Loss",
    aliases: &["AT", "Attention Transfer"],
    kind: Kind::Loss,
    domains: &["distillation"],
    year: 2017,
    paper: Paper {
        title: "Paying More Attention to Attention",
        authors: "Zagoruyko & Komodakis",
        venue: "ICLR 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1612.03928",
    },
    summary: "Distils where a network looks rather than what it outputs: each feature map is reduced to a spatial attention map, the mean over channels of the activations raised to the power p (p = 2 by default), flattened and L2-normalized per sample, and the loss is the mean squared difference between the student's and the teacher's maps. The channel counts may differ; when the spatial sizes differ the larger map is average-pooled to the smaller height (square output, as mdistiller does). Summing it over several stages gives the full AT objective, which is added to cross-entropy with a large weight (mdistiller: 1000).",
    formula: r"\ell = \frac{1}{N\,HW}\sum_{i=1}^{N}\Big\lVert \frac{a^s_i}{\lVert a^s_i\rVert} - \frac{a^t_i}{\lVert a^t_i\rVert}\Big\rVert^2,\quad a_i = \frac{1}{C}\sum_{c=1}^{C} f_{ic}^{\,p} \in \mathbb{R}^{HW}",
    inputs: &[
        Input { name: "features", shape: "[N, Cs, H, W]", meaning: "student feature map of one stage" },
        Input { name: "teacher_features", shape: "[N, Ct, H', W']", meaning: "teacher feature map of the matching stage (differentiable like any input; detach it to train only the student)" },
    ],
    params: &[Param { name: "p", symbol: "p", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "power applied to the activations before averaging over channels" }],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Embeddings,
    },
    equivalents: &["mdistiller.distillers.AT.single_stage_at_loss"],
    related: &["fitnets", "review-kd", "rkd", "knowledge-distillation"],
    forms: &[Form {
        name: "mdistiller",
        description: "mdistiller single_stage_at_loss: F.normalize(f.pow(p).mean(1).reshape(N, -1)) for both maps, mean of the squared difference; a larger map is adaptive-average-pooled to (h, h) with h the smaller height.",
    }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of [`attention_transfer`]; `Default` is mdistiller's `p = 2`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AttentionTransferConfig {
    pub p: f64,
}

impl Default for AttentionTransferConfig {
    fn default() -> Self {
        AttentionTransferConfig { p: 2.0 }
    }
}

/// The normalized attention map `[N, H W]` of `[N, C, H, W]` features.
fn attention(f: Tensor<4>, p: f64) -> Tensor<2> {
    let [n, _, h, w] = f.dims();
    let a = f.powf_scalar(p).mean_dim(1).reshape([n, h * w]);
    vectors::l2_normalize(a, 1, 1e-12)
}

/// Single-stage attention-transfer loss; a scalar.
pub fn attention_transfer(features: Tensor<4>, teacher_features: Tensor<4>, cfg: &AttentionTransferConfig) -> Result<LossTensor, LossError> {
    let (s, t) = (features.dims(), teacher_features.dims());
    distill::check_feature_pair(ID, &s, &t)?;
    let p = numerics::positive_param(ID, "p", cfg.p)?;
    let (mut fs, mut ft) = (features, teacher_features);
    if s[2] > t[2] {
        fs = pooling::adaptive_avg_pool2d(fs, t[2], t[2]);
    } else if s[2] < t[2] {
        ft = pooling::adaptive_avg_pool2d(ft, s[2], s[2]);
    }
    let (ss, ts) = (fs.dims(), ft.dims());
    if ss[2] * ss[3] != ts[2] * ts[3] {
        return Err(LossError::shape(
            ID,
            "teacher_features",
            format!("a spatial size that matches features after pooling ({}×{} positions)", ss[2], ss[3]),
            format!("{}×{}", ts[2], ts[3]),
        ));
    }
    let d = attention(fs, p) - attention(ft, p);
    Ok(LossTensor::scalar((d.clone() * d).mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("mdistiller") => {}
        _ => return Err(c.unknown_form(&["mdistiller"])),
    }
    let cfg = AttentionTransferConfig { p: c.f64("p", 2.0)? };
    for name in ["features", "teacher_features"] {
        let shape = c.shape(name)?;
        if shape.len() != 4 {
            return Err(LossError::shape(ID, name, "shape [N, C, H, W]", fmt_shape(shape)));
        }
    }
    attention_transfer(c.float::<4>("features")?, c.float::<4>("teacher_features")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("features", randn(&[2, 3, 3, 3], 61, 1.0)), ("teacher_features", randn(&[2, 2, 3, 3], 62, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"p": 3.0})), &x);
        // Different spatial sizes: the larger map is pooled (4x4 -> 2x2 and 5x5 -> 3x3 with overlapping bins).
        let x = inputs(vec![("features", randn(&[2, 2, 4, 4], 63, 1.0)), ("teacher_features", randn(&[2, 3, 2, 2], 64, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("features", randn(&[1, 2, 3, 3], 65, 1.0)), ("teacher_features", randn(&[1, 1, 5, 5], 66, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // One sample, one channel, 1×2 maps, p = 2. Student (1, 1): a = (1, 1)/√2.
        // Teacher (1, 0): a = (1, 0). Loss = mean((1/√2 - 1)², (1/√2)²) = ((1 - 1/√2)² + 1/2) / 2.
        let x = inputs(vec![("features", f(&[1, 1, 1, 2], &[1.0, -1.0])), ("teacher_features", f(&[1, 1, 1, 2], &[2.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        let r = 1.0 / 2f64.sqrt();
        let want = ((1.0 - r).powi(2) + 0.5) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{} vs {want}", ev.loss.floats[0]);
        // Pooling: a 2×2 teacher map of constant 4 equals a 1×1 student map after pooling to 1×1.
        let x = inputs(vec![("features", f(&[1, 1, 1, 1], &[3.0])), ("teacher_features", f(&[1, 1, 2, 2], &[1.0, 2.0, 3.0, 4.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!(ev.loss.floats[0].abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e4, 1e12] {
            let mut s = randn(&[2, 2, 2, 2], 67, 1.0);
            s.floats.iter_mut().for_each(|v| *v *= scale);
            assert_finite(ID, None, &params(json!({})), &inputs(vec![("features", s), ("teacher_features", randn(&[2, 2, 2, 2], 68, 1.0))]));
        }
        // All-zero student map: its normalized attention is 0, the gradient stays finite.
        let x = inputs(vec![("features", f(&[1, 1, 2, 2], &[0.0; 4])), ("teacher_features", randn(&[1, 2, 2, 2], 69, 1.0))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let s = randn(&[2, 3, 4, 4], 1, 1.0);
        assert_error(ID, None, &p, &inputs(vec![("features", s.clone()), ("teacher_features", randn(&[3, 3, 4, 4], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("features", s.clone()), ("teacher_features", randn(&[2, 3, 4, 5], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("features", randn(&[2, 16], 1, 1.0)), ("teacher_features", randn(&[2, 16], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("features", f(&[0, 1, 2, 2], &[])), ("teacher_features", f(&[0, 1, 2, 2], &[]))]), ErrorKind::Empty);
        let ok = inputs(vec![("features", s.clone()), ("teacher_features", s)]);
        assert_error(ID, None, &params(json!({"p": 0.0})), &ok, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"p": -2.0})), &ok, ErrorKind::Param);
    }
}
