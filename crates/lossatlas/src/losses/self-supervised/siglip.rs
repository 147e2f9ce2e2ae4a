//! SigLIP: image-text pretraining with an independent binary (sigmoid) loss on every
//! image-text pair of the batch instead of a softmax over the batch.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::contrastive::{check_image_text, eye_like};
use crate::numerics::{self, LossTensor, inputs::{float_input, scalar_input}};

const ID: &str = "siglip";

pub const ENTRY: Entry = Entry {
    id: "siglip",
    name: "SigLIP Loss",
    aliases: &["Sigmoid Loss for Language-Image Pre-training", "Pairwise Sigmoid Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "anomaly-multimodal"],
    year: 2023,
    paper: Paper {
        title: "Sigmoid Loss for Language Image Pre-Training",
        authors: "Zhai et al.",
        venue: "ICCV",
        year: 2023,
        url: "https://arxiv.org/abs/2303.15343",
    },
    summary: "Treats each of the N x N image-text pairs as a binary classification: the matching pairs on the diagonal are positives and all others negatives, each scored by a logistic loss on a scaled and shifted dot product, summed and divided by N. No normalization over the batch is needed, so the loss decouples from batch size and shards easily across devices. The learnable bias (initialized strongly negative in the paper, together with a scale of 10) offsets the heavy imbalance of N - 1 negatives per positive.",
    formula: r"\mathcal{L} = -\frac{1}{N}\sum_{i=1}^{N}\sum_{j=1}^{N}\log\sigma\!\bigl(z_{ij}\,(t\, x_i^\top y_j + b)\bigr),\quad z_{ij} = \begin{cases} 1 & i = j\\ -1 & i \ne j\end{cases}",
    inputs: &[
        Input { name: "image_embeds", shape: "[N, D]", meaning: "image embeddings, used as given" },
        Input { name: "text_embeds", shape: "[N, D]", meaning: "text embeddings of the matching captions, same order" },
        Input { name: "logit_scale", shape: "[]", meaning: "exponentiated scale t" },
        Input { name: "logit_bias", shape: "[]", meaning: "learnable bias b" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["open_clip.loss.SigLipLoss"],
    related: &["clip", "binary-cross-entropy", "infonce"],
    forms: &[],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle of text 0 from its image (radians)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two orthogonal images; text 1 matches image 1 and text 0 sits at angle x from image 0;
/// scale 10 and bias -10 (SigLIP's initialization).
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("image_embeds", HostTensor::from_f64(vec![2, 2], vec![1.0, 0.0, 0.0, 1.0])),
            ("text_embeds", HostTensor::from_f64(vec![2, 2], vec![x.cos(), x.sin(), 0.0, 1.0])),
            ("logit_scale", HostTensor::from_f64(vec![], vec![10.0])),
            ("logit_bias", HostTensor::from_f64(vec![], vec![-10.0])),
        ],
        wrt: "text_embeds",
        index: 1,
    }
}

/// open_clip `SigLipLoss()(image_features, text_features, logit_scale, logit_bias)` on one
/// process: logits `s I T^T + b`, labels +1 on the diagonal and -1 elsewhere,
/// `-sum(log sigmoid(label * logit)) / N`. `logit_bias` may be absent (no bias). A scalar.
pub fn siglip(image_embeds: Tensor<2>, text_embeds: Tensor<2>, logit_scale: Tensor<1>, logit_bias: Option<Tensor<1>>) -> Result<LossTensor, LossError> {
    check_image_text(ID, &image_embeds.dims(), &text_embeds.dims())?;
    let n = image_embeds.dims()[0];
    let logits = image_embeds.matmul(text_embeds.transpose()) * logit_scale.reshape([1, 1]);
    let logits = match logit_bias {
        Some(b) => logits + b.reshape([1, 1]),
        None => logits,
    };
    let labels = eye_like(&logits, n).mul_scalar(2.0).add_scalar(-1.0);
    let total = numerics::log_sigmoid(labels * logits).sum().neg();
    Ok(LossTensor::scalar(total.mul_scalar(1.0 / n as f64)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "open-clip") {
        return Err(c.unknown_form(&["open-clip"]));
    }
    let img = float_input::<2>(c, "image_embeds", "[N, D]")?;
    let txt = float_input::<2>(c, "text_embeds", "[N, D]")?;
    check_image_text(ID, &img.dims(), &txt.dims())?;
    let scale = scalar_input(c, "logit_scale")?;
    let bias = if c.has("logit_bias") { Some(scalar_input(c, "logit_bias")?) } else { None };
    siglip(img, txt, scale, bias)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(n: usize, seed: u64, scale: f64, bias: f64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![
            ("image_embeds", randn(&[n, 3], seed, 1.0)),
            ("text_embeds", randn(&[n, 3], seed + 1, 1.0)),
            ("logit_scale", f(&[], &[scale])),
            ("logit_bias", f(&[], &[bias])),
        ])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Orthonormal pairs, scale 2, bias -1: diagonal logits 1 (label +1), off-diagonal -1
        // (label -1): 2 log(1 + e^-1) + 2 log(1 + e^-1), divided by N = 2.
        let x = inputs(vec![
            ("image_embeds", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0])),
            ("text_embeds", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0])),
            ("logit_scale", f(&[], &[2.0])),
            ("logit_bias", f(&[], &[-1.0])),
        ]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 2.0 * (1.0 + (-1f64).exp()).ln()).abs() < 1e-15);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &batch(4, 1, 2.0, -1.0));
        assert_gradcheck(ID, None, &params(json!({})), &batch(3, 2, 10.0, 0.0));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for s in [1e2, 1e4] {
            assert_finite(ID, None, &params(json!({})), &batch(4, 5, s, -s));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(3, 1, 1.0, 0.0);
        x.insert("text_embeds".into(), randn(&[3, 4], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(3, 1, 1.0, 0.0);
        x.insert("logit_bias".into(), f(&[3], &[1.0, 2.0, 3.0]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(3, 1, 1.0, 0.0);
        x.insert("text_embeds".into(), i(&[3, 3], &[0; 9]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        let mut x = batch(3, 1, 1.0, 0.0);
        x.remove("logit_scale");
        assert_error(ID, None, &p, &x, ErrorKind::Missing);
        let e = inputs(vec![("image_embeds", f(&[0, 3], &[])), ("text_embeds", f(&[0, 3], &[])), ("logit_scale", f(&[], &[1.0])), ("logit_bias", f(&[], &[0.0]))]);
        assert_error(ID, None, &p, &e, ErrorKind::Empty);
    }
}
