//! CLIP distillation as open_clip trains it: the student's CLIP contrastive loss plus a
//! cross-entropy from the teacher's image-text similarity distributions to the student's.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, inputs::float_input};

const ID: &str = "distill-clip";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "CLIP Distillation Loss",
    aliases: &["DistillClipLoss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "distillation", "anomaly-multimodal"],
    year: 2023,
    year_approx: true,
    paper: Paper {
        title: "OpenCLIP",
        authors: "Ilharco, G., Wortsman, M., Wightman, R., Gordon, C., Carlini, N., Taori, R., Dave, A., Shankar, V., Namkoong, H., Miller, J., Hajishirzi, H., Farhadi, A. & Schmidt, L.",
        venue: "",
        year: 2023,
        url: "https://github.com/mlfoundations/open_clip",
    },
    summary: "Trains a small CLIP student with its own symmetric contrastive loss plus a distillation term: for the image-to-text and the text-to-image similarity matrices, the cross-entropy from the teacher's row softmax to the student's row log-softmax, averaged over rows and over the two directions. The teacher's logits use the teacher's own embeddings and scale. Distilling whole similarity distributions transfers how the teacher ranks all captions, not only the matching one. open_clip does not detach the teacher inputs; freeze the teacher (or detach) in training, and note that the atlas value is the sum of the two returned terms.",
    formula: r"\mathcal{L} = \mathcal{L}_{\text{CLIP}}(I, T, s) + \frac{1}{2}\sum_{(S, S^{t}) \in \{(S_{IT}, S^{t}_{IT}),\,(S_{TI}, S^{t}_{TI})\}} \frac{1}{N}\sum_{i}\sum_{j} -\operatorname{softmax}(S^{t}_{i})_{j}\,\log\operatorname{softmax}(S_{i})_{j},\quad S_{IT} = s\,I T^\top,\ S^{t}_{IT} = s_t\,I_t T_t^\top",
    inputs: &[
        Input { name: "image_embeds", shape: "[N, D]", meaning: "student image embeddings" },
        Input { name: "text_embeds", shape: "[N, D]", meaning: "student text embeddings" },
        Input { name: "logit_scale", shape: "[]", meaning: "student's exponentiated temperature scale" },
        Input { name: "dist_image_embeds", shape: "[N, D_t]", meaning: "teacher image embeddings" },
        Input { name: "dist_text_embeds", shape: "[N, D_t]", meaning: "teacher text embeddings" },
        Input { name: "dist_logit_scale", shape: "[]", meaning: "teacher's exponentiated temperature scale" },
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
    equivalents: &["open_clip.loss.DistillClipLoss"],
    related: &["clip", "knowledge-distillation", "kl-divergence", "siglip"],
    forms: &[Form { name: "open-clip", description: "open_clip.loss.DistillClipLoss()(image_features, text_features, logit_scale, dist_image_features, dist_text_features, dist_logit_scale) on one process: the sum of its contrastive_loss and distill_loss. Embeddings are used as given (open_clip's models normalize them before the loss); scales are the exponentiated ones." }],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle of the first student text embedding (its image at angle 0)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    let eye = || HostTensor::from_f64(vec![2, 2], vec![1.0, 0.0, 0.0, 1.0]);
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("image_embeds", eye()),
            ("text_embeds", HostTensor::from_f64(vec![2, 2], vec![x.cos(), x.sin(), 0.0, 1.0])),
            ("logit_scale", HostTensor::from_f64(vec![], vec![5.0])),
            ("dist_image_embeds", eye()),
            ("dist_text_embeds", eye()),
            ("dist_logit_scale", HostTensor::from_f64(vec![], vec![5.0])),
        ],
        wrt: "text_embeds",
        index: 1,
    }
}

/// Row-wise cross-entropy from the softmax of `teacher` rows to the log-softmax of `student`
/// rows, averaged over rows (open_clip's `dist_loss`).
fn soft_cross_entropy(teacher: Tensor<2>, student: Tensor<2>) -> Tensor<1> {
    let p = numerics::softmax(teacher, 1);
    (p * numerics::log_softmax(student, 1)).sum_dim(1).mean().neg()
}

/// open_clip `DistillClipLoss` (one process): `contrastive_loss + distill_loss`, where the
/// contrastive loss is CLIP's symmetric cross-entropy with the matching pair on the diagonal
/// and the distillation loss the mean of the image-to-text and text-to-image soft
/// cross-entropies from the teacher's logits. Embeddings `[N, D]` (teacher `[N, D_t]`), scales
/// `[1]` (already exponentiated). A scalar.
pub fn distill_clip(
    image_embeds: Tensor<2>,
    text_embeds: Tensor<2>,
    logit_scale: Tensor<1>,
    dist_image_embeds: Tensor<2>,
    dist_text_embeds: Tensor<2>,
    dist_logit_scale: Tensor<1>,
) -> Result<LossTensor, LossError> {
    let [n, d] = image_embeds.dims();
    numerics::same_shape(ID, "text_embeds", &text_embeds.dims(), "image_embeds", &[n, d])?;
    let td = dist_image_embeds.dims();
    numerics::same_shape(ID, "dist_text_embeds", &dist_text_embeds.dims(), "dist_image_embeds", &td)?;
    if td[0] != n {
        return Err(LossError::shape(ID, "dist_image_embeds", format!("{n} rows (the batch of image_embeds)"), fmt_shape(&td)));
    }
    for (name, s) in [("logit_scale", &logit_scale), ("dist_logit_scale", &dist_logit_scale)] {
        if s.dims() != [1] {
            return Err(LossError::shape(ID, name, "a scalar", fmt_shape(&s.dims())));
        }
    }
    numerics::non_empty(ID, "image_embeds", &[n, d])?;
    numerics::non_empty(ID, "dist_image_embeds", &td)?;
    let logits = image_embeds.matmul(text_embeds.transpose()) * logit_scale.reshape([1, 1]);
    let teacher = dist_image_embeds.matmul(dist_text_embeds.transpose()) * dist_logit_scale.reshape([1, 1]);
    let eye = numerics::tensor_like(&logits, (0..n * n).map(|i| if i / n == i % n { 1.0 } else { 0.0 }).collect(), [n, n]);
    // Cross-entropy with labels 0..N: minus the mean of the diagonal of each log-softmax.
    let ce = |m: Tensor<2>| (numerics::log_softmax(m, 1) * eye.clone()).sum().mul_scalar(-1.0 / n as f64);
    let contrastive = (ce(logits.clone()) + ce(logits.clone().transpose())).mul_scalar(0.5);
    let distill = (soft_cross_entropy(teacher.clone(), logits.clone()) + soft_cross_entropy(teacher.transpose(), logits.transpose())).mul_scalar(0.5);
    Ok(LossTensor::scalar(contrastive + distill))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "open-clip") {
        return Err(c.unknown_form(&["open-clip"]));
    }
    let scale = |name: &str| -> Result<Tensor<1>, LossError> {
        let t = c.host(name)?;
        if t.numel() != 1 {
            return Err(LossError::shape(ID, name, "a scalar", fmt_shape(&t.shape)));
        }
        c.float_reshaped(name, [1])
    };
    let (ls, dls) = (scale("logit_scale")?, scale("dist_logit_scale")?);
    let emb = |name: &str| float_input::<2>(c, name, "[N, D]");
    distill_clip(emb("image_embeds")?, emb("text_embeds")?, ls, emb("dist_image_embeds")?, emb("dist_text_embeds")?, dls)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    fn xs(n: usize, d: usize, dt: usize, seed: u64) -> std::collections::BTreeMap<String, HostTensor> {
        inputs(vec![
            ("image_embeds", randn(&[n, d], seed, 1.0)),
            ("text_embeds", randn(&[n, d], seed + 1, 1.0)),
            ("logit_scale", f(&[], &[2.5])),
            ("dist_image_embeds", randn(&[n, dt], seed + 2, 1.0)),
            ("dist_text_embeds", randn(&[n, dt], seed + 3, 1.0)),
            ("dist_logit_scale", f(&[], &[4.0])),
        ])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &xs(4, 3, 5, 81));
        assert_gradcheck(ID, None, &params(json!({})), &xs(1, 2, 2, 85));
    }

    #[test]
    fn value_is_the_formula() {
        // N = 1: every softmax is over one entry, so both cross-entropies are 0.
        let ev = eval64(ID, None, &params(json!({})), &xs(1, 3, 2, 86));
        assert!(ev.loss.floats[0].abs() < 1e-15);
        // N = 2, orthonormal student pairs with scale ln 3: logits diag ln 3, off-diagonal 0,
        // so each CE row is ln(4/3). Teacher with scale 0: uniform rows, soft CE
        // = -(1/2)(ln(3/4) + ln(1/4)) = ln 4 - (1/2) ln 3 per row.
        let eye = || f(&[2, 2], &[1.0, 0.0, 0.0, 1.0]);
        let x = inputs(vec![
            ("image_embeds", eye()),
            ("text_embeds", eye()),
            ("logit_scale", f(&[], &[3f64.ln()])),
            ("dist_image_embeds", eye()),
            ("dist_text_embeds", eye()),
            ("dist_logit_scale", f(&[], &[0.0])),
        ]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        let want = (4.0f64 / 3.0).ln() + 4f64.ln() - 0.5 * 3f64.ln();
        assert!((ev.loss.floats[0] - want).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let mut x = xs(3, 2, 2, 87);
            x.insert("logit_scale".into(), f(&[], &[scale]));
            x.insert("dist_logit_scale".into(), f(&[], &[scale]));
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = xs(3, 2, 4, 1);
        x.insert("text_embeds".into(), randn(&[3, 3], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = xs(3, 2, 4, 1);
        x.insert("dist_image_embeds".into(), randn(&[2, 4], 9, 1.0));
        x.insert("dist_text_embeds".into(), randn(&[2, 4], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = xs(3, 2, 4, 1);
        x.insert("logit_scale".into(), f(&[2], &[1.0, 2.0]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = xs(3, 2, 4, 1);
        x.insert("image_embeds".into(), i(&[3, 2], &[0; 6]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        let mut x = xs(3, 2, 4, 1);
        x.remove("dist_logit_scale");
        assert_error(ID, None, &p, &x, ErrorKind::Missing);
        let mut x = xs(3, 2, 4, 1);
        for k in ["image_embeds", "text_embeds"] {
            x.insert(k.into(), f(&[0, 2], &[]));
        }
        assert_error(ID, None, &p, &x, ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"temperature": 0.1})), &xs(3, 2, 4, 1), ErrorKind::Param);
    }
}
