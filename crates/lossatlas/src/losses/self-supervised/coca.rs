//! CoCa's objective: CLIP's image-text contrastive loss plus a captioning (next-token
//! cross-entropy) loss from a multimodal decoder, added with fixed weights.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::contrastive::{check_image_text, clip_contrastive};
use crate::numerics::{self, LossTensor, inputs::{float_input, scalar_input}};

const ID: &str = "coca";

pub const ENTRY: Entry = Entry {
    id: "coca",
    name: "CoCa Loss",
    aliases: &["Contrastive Captioner Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "anomaly-multimodal", "language-modeling"],
    year: 2022,
    paper: Paper {
        title: "CoCa: Contrastive Captioners are Image-Text Foundation Models",
        authors: "Yu, J., Wang, Z., Vasudevan, V., Yeung, L., Seyedhosseini, M. & Wu, Y.",
        venue: "TMLR",
        year: 2022,
        url: "https://arxiv.org/abs/2205.01917",
    },
    summary: "Adds the symmetric CLIP contrastive loss between pooled image and text embeddings to a captioning loss: token-level cross-entropy of the decoder's vocabulary logits against the caption, ignoring padding tokens. The paper weights captioning twice as much as the contrastive term. open_clip requires both weights explicitly and returns the two terms separately; the atlas value is their sum. The caption mean is over non-pad tokens of the whole batch, so batches with many short captions weigh each token more.",
    formula: r"\mathcal{L} = \lambda_{\text{con}}\,\mathcal{L}_{\text{CLIP}}(I, T, s) + \lambda_{\text{cap}}\,\frac{\sum_{n,t} m_{nt}\,\bigl(-\log \operatorname{softmax}(x_{nt})_{y_{nt}}\bigr)}{\sum_{n,t} m_{nt}},\quad m_{nt} = [y_{nt} \ne \text{pad}]",
    inputs: &[
        Input { name: "image_embeds", shape: "[N, D]", meaning: "image embeddings for the contrastive term, used as given" },
        Input { name: "text_embeds", shape: "[N, D]", meaning: "text embeddings for the contrastive term" },
        Input { name: "logits", shape: "[N, L, V]", meaning: "caption decoder logits over the vocabulary for each token position" },
        Input { name: "labels", shape: "[N, L] (i64)", meaning: "caption token ids; pad_id positions are ignored" },
        Input { name: "logit_scale", shape: "[]", meaning: "exponentiated contrastive temperature scale" },
    ],
    params: &[
        Param { name: "caption_loss_weight", symbol: r"\lambda_{\text{cap}}", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "weight of the captioning cross-entropy (2.0 in the paper; open_clip has no default)" },
        Param { name: "clip_loss_weight", symbol: r"\lambda_{\text{con}}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the contrastive term (1.0 in the paper; open_clip has no default)" },
        Param { name: "pad_id", symbol: "", default: Value::Int(0), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "token id ignored by the captioning cross-entropy" },
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
    equivalents: &["open_clip.loss.CoCaLoss"],
    related: &["clip", "next-token-prediction", "cross-entropy", "siglip"],
    forms: &[],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the correct token at the first caption position", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

/// One image-caption pair (the contrastive term is then 0) and a two-token caption over a
/// three-word vocabulary: the logit of the first token's correct word varies.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({"caption_loss_weight": 2.0, "clip_loss_weight": 1.0}),
        inputs: vec![
            ("image_embeds", HostTensor::from_f64(vec![1, 2], vec![1.0, 0.0])),
            ("text_embeds", HostTensor::from_f64(vec![1, 2], vec![1.0, 0.0])),
            ("logits", HostTensor::from_f64(vec![1, 2, 3], vec![0.0, x, 0.0, 0.0, 0.0, 1.0])),
            ("labels", HostTensor::from_i64(vec![1, 2], vec![1, 2])),
            ("logit_scale", HostTensor::from_f64(vec![], vec![10.0])),
        ],
        wrt: "logits",
        index: 1,
    }
}

/// Options of open_clip's `CoCaLoss` (it has no defaults for the two weights; these are the
/// paper's values).
#[derive(Debug, Clone, PartialEq)]
pub struct CocaConfig {
    pub caption_loss_weight: f64,
    pub clip_loss_weight: f64,
    pub pad_id: i64,
}

impl Default for CocaConfig {
    fn default() -> Self {
        CocaConfig { caption_loss_weight: 2.0, clip_loss_weight: 1.0, pad_id: 0 }
    }
}

/// open_clip `CoCaLoss(caption_loss_weight, clip_loss_weight, pad_id)(image_features,
/// text_features, logits, labels, logit_scale)` on one process, as the sum of the two terms it
/// returns: `clip_loss_weight * ClipLoss` (skipped entirely when the weight is 0) plus
/// `caption_loss_weight *` the token cross-entropy of `logits [N, L, V]` against `labels [N, L]`
/// averaged over the tokens that are not `pad_id`; all tokens padding is an error (torch: the
/// NaN of an empty mean).
pub fn coca(image_embeds: Tensor<2>, text_embeds: Tensor<2>, logits: Tensor<3>, labels: Tensor<2, Int>, logit_scale: Tensor<1>, cfg: &CocaConfig) -> Result<LossTensor, LossError> {
    check_image_text(ID, &image_embeds.dims(), &text_embeds.dims())?;
    let [n, l, v] = logits.dims();
    numerics::same_shape(ID, "labels", &labels.dims(), "logits without the vocabulary axis", &[n, l])?;
    numerics::non_empty(ID, "logits", &[n, l, v])?;
    numerics::finite_param(ID, "caption_loss_weight", cfg.caption_loss_weight)?;
    numerics::finite_param(ID, "clip_loss_weight", cfg.clip_loss_weight)?;
    let host = numerics::host_i64(&labels);
    numerics::labels_in_range(ID, "labels", &host, v, Some(cfg.pad_id))?;
    let keep: Vec<f64> = host.iter().map(|&t| if t == cfg.pad_id { 0.0 } else { 1.0 }).collect();
    let count = keep.iter().sum::<f64>();
    if count == 0.0 {
        return Err(LossError::value(ID, "labels", format!("at least one token that is not pad_id {}", cfg.pad_id), "every token is padding"));
    }
    let safe: Vec<i64> = host.iter().map(|&t| if t == cfg.pad_id { 0 } else { t }).collect();
    let keep = numerics::tensor_like(&logits, keep, [n * l, 1]);
    let idx = numerics::ints_like(&logits, safe, [n * l, 1]);
    let logp = numerics::log_softmax(logits.reshape([n * l, v]), 1).gather(1, idx);
    let caption = (logp * keep).sum().neg().mul_scalar(1.0 / count);
    let mut total = caption.mul_scalar(cfg.caption_loss_weight);
    if cfg.clip_loss_weight != 0.0 {
        total = total + clip_contrastive(image_embeds, text_embeds, logit_scale, None).mul_scalar(cfg.clip_loss_weight);
    }
    Ok(LossTensor::scalar(total))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "open-clip") {
        return Err(c.unknown_form(&["open-clip"]));
    }
    let cfg = CocaConfig {
        caption_loss_weight: c.f64("caption_loss_weight", 2.0)?,
        clip_loss_weight: c.f64("clip_loss_weight", 1.0)?,
        pad_id: c.i64("pad_id", 0)?,
    };
    let img = float_input::<2>(c, "image_embeds", "[N, D]")?;
    let txt = float_input::<2>(c, "text_embeds", "[N, D]")?;
    check_image_text(ID, &img.dims(), &txt.dims())?;
    let logits = float_input::<3>(c, "logits", "[N, L, V]")?;
    let ls = c.shape("labels")?;
    let [n, l, _] = logits.dims();
    if ls != [n, l] {
        return Err(LossError::shape(ID, "labels", format!("shape [{n}, {l}] (the batch and length of logits)"), fmt_shape(ls)));
    }
    let labels = c.int::<2>("labels")?;
    let scale = scalar_input(c, "logit_scale")?;
    coca(img, txt, logits, labels, scale, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![
            ("image_embeds", randn(&[3, 4], seed, 1.0)),
            ("text_embeds", randn(&[3, 4], seed + 1, 1.0)),
            ("logits", randn(&[3, 4, 5], seed + 2, 1.0)),
            ("labels", i(&[3, 4], &[1, 2, 0, 0, 4, 3, 2, 0, 1, 1, 1, 1])),
            ("logit_scale", f(&[], &[5.0])),
        ])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // One pair (contrastive term 0), caption tokens (1, pad) over 2 words with logits
        // (0, 0): the only counted token has -log(1/2); times caption weight 2.
        let x = inputs(vec![
            ("image_embeds", f(&[1, 2], &[1.0, 0.0])),
            ("text_embeds", f(&[1, 2], &[0.0, 1.0])),
            ("logits", f(&[1, 2, 2], &[0.0, 0.0, 3.0, -1.0])),
            ("labels", i(&[1, 2], &[1, 0])),
            ("logit_scale", f(&[], &[4.0])),
        ]);
        let ev = eval64(ID, None, &params(json!({"caption_loss_weight": 2.0, "clip_loss_weight": 1.0})), &x);
        assert!((ev.loss.floats[0] - 2.0 * 2f64.ln()).abs() < 1e-15);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({"caption_loss_weight": 2.0, "clip_loss_weight": 1.0})), &batch(1));
        assert_gradcheck(ID, None, &params(json!({"caption_loss_weight": 0.5, "clip_loss_weight": 0.0, "pad_id": 1})), &batch(2));
    }

    #[test]
    fn all_padding_is_an_error() {
        let mut x = batch(1);
        x.insert("labels".into(), i(&[3, 4], &[0; 12]));
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Value);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let mut x = batch(3);
        x.insert("logits".into(), randn(&[3, 4, 5], 7, 1e4));
        x.insert("logit_scale".into(), f(&[], &[1e4]));
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(1);
        x.insert("labels".into(), i(&[3, 4], &[1, 2, 0, 0, 5, 3, 2, 0, 1, 1, 1, 1]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let mut x = batch(1);
        x.insert("labels".into(), i(&[3, 3], &[0; 9]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(1);
        x.insert("text_embeds".into(), randn(&[3, 5], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(1);
        x.insert("labels".into(), f(&[3, 4], &[0.0; 12]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"clip_loss_weight": "nan"})), &batch(1), ErrorKind::Param);
        let mut x = batch(1);
        x.insert("logits".into(), f(&[3, 0, 5], &[]));
        x.insert("labels".into(), i(&[3, 0], &[]));
        assert_error(ID, None, &p, &x, ErrorKind::Empty);
    }
}
