//! CLIP's symmetric contrastive loss: in a batch of matching image-text pairs, each image must
//! pick out its own caption among all captions and each caption its own image.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::contrastive::{check_image_text, clip_contrastive};
use crate::numerics::{LossTensor, inputs::{float_input, scalar_input}};

const ID: &str = "clip";

pub const ENTRY: Entry = Entry {
    id: "clip",
    name: "CLIP Loss",
    aliases: &["Symmetric InfoNCE", "Image-Text Contrastive Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "anomaly-multimodal"],
    year: 2021,
    paper: Paper {
        title: "Learning Transferable Visual Models From Natural Language Supervision",
        authors: "Radford et al.",
        venue: "ICML",
        year: 2021,
        url: "https://arxiv.org/abs/2103.00020",
    },
    summary: "Scores every image against every text in the batch with a scaled dot product and averages two cross-entropies: rows (image to text) and columns (text to image), with the matching pair on the diagonal as the target. The scale is a learned temperature, stored in log space and exponentiated before use (open_clip passes the exponentiated value). Embeddings are usually L2-normalized by the model, not by the loss; large batches matter because every other pair is a negative, and duplicate captions in a batch become false negatives.",
    formula: r"S = s\, I\, T^\top,\quad \mathcal{L} = -\frac{1}{2N}\sum_{i=1}^{N}\left[\log\frac{e^{S_{ii}}}{\sum_{j} e^{S_{ij}}} + \log\frac{e^{S_{ii}}}{\sum_{j} e^{S_{ji}}}\right]",
    inputs: &[
        Input { name: "image_embeds", shape: "[N, D]", meaning: "image embeddings, used as given (normalize them beforehand)" },
        Input { name: "text_embeds", shape: "[N, D]", meaning: "text embeddings of the matching captions, same order" },
        Input { name: "logit_scale", shape: "[]", meaning: "the (already exponentiated) temperature scale s; receives a gradient" },
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
    equivalents: &["open_clip.loss.ClipLoss"],
    related: &["siglip", "infonce", "nt-xent", "coca", "distill-clip"],
    forms: &[],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle of text 0 from its image (radians)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two orthogonal images; text 1 matches image 1 and text 0 sits at angle x from image 0.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("image_embeds", HostTensor::from_f64(vec![2, 2], vec![1.0, 0.0, 0.0, 1.0])),
            ("text_embeds", HostTensor::from_f64(vec![2, 2], vec![x.cos(), x.sin(), 0.0, 1.0])),
            ("logit_scale", HostTensor::from_f64(vec![], vec![5.0])),
        ],
        wrt: "text_embeds",
        index: 1,
    }
}

/// open_clip `ClipLoss()(image_features, text_features, logit_scale, logit_bias)` on one
/// process: embeddings `[N, D]` used as given, `logit_scale` `[1]` (already exponentiated),
/// optional `logit_bias` `[1]` added to every logit. A scalar.
pub fn clip(image_embeds: Tensor<2>, text_embeds: Tensor<2>, logit_scale: Tensor<1>, logit_bias: Option<Tensor<1>>) -> Result<LossTensor, LossError> {
    check_image_text(ID, &image_embeds.dims(), &text_embeds.dims())?;
    Ok(LossTensor::scalar(clip_contrastive(image_embeds, text_embeds, logit_scale, logit_bias)))
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
    clip(img, txt, scale, bias)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(n: usize, seed: u64, scale: f64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("image_embeds", randn(&[n, 3], seed, 1.0)), ("text_embeds", randn(&[n, 3], seed + 1, 1.0)), ("logit_scale", f(&[], &[scale]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Orthonormal pairs, scale ln 3: logits diag ln 3, off-diagonal 0, so every row and
        // column cross-entropy is -log(3 / 4).
        let x = inputs(vec![("image_embeds", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0])), ("text_embeds", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0])), ("logit_scale", f(&[], &[3f64.ln()]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (4.0f64 / 3.0).ln()).abs() < 1e-15);
        // A bias shifts every logit equally: the softmaxes do not change.
        let mut xb = x.clone();
        xb.insert("logit_bias".into(), f(&[], &[-7.0]));
        assert!((eval64(ID, None, &params(json!({})), &xb).loss.floats[0] - (4.0f64 / 3.0).ln()).abs() < 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &batch(4, 1, 2.0));
        let mut x = batch(3, 3, 10.0);
        x.insert("logit_bias".into(), f(&[], &[-1.0]));
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for s in [1e2, 1e4] {
            assert_finite(ID, None, &params(json!({})), &batch(4, 5, s));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(3, 1, 1.0);
        x.insert("text_embeds".into(), randn(&[3, 4], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(3, 1, 1.0);
        x.insert("text_embeds".into(), randn(&[2, 3], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(3, 1, 1.0);
        x.insert("logit_scale".into(), f(&[2], &[1.0, 2.0]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(3, 1, 1.0);
        x.insert("image_embeds".into(), i(&[3, 3], &[0; 9]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        let e = inputs(vec![("image_embeds", f(&[0, 3], &[])), ("text_embeds", f(&[0, 3], &[])), ("logit_scale", f(&[], &[1.0]))]);
        assert_error(ID, None, &p, &e, ErrorKind::Empty);
    }
}
