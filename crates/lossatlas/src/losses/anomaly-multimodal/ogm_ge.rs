//! OGM-GE: on-the-fly gradient modulation with generalization enhancement for multimodal
//! training. The modality that currently dominates (its unimodal head is more confident on the
//! true class) gets its encoder gradients scaled down, plus Gaussian noise. The computational
//! core, the two modulation coefficients, is implemented here.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "ogm-ge";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "On-the-fly Gradient Modulation (OGM-GE)",
    aliases: &["OGM-GE", "OGM", "On-the-fly Gradient Modulation"],
    kind: Kind::Method,
    domains: &["anomaly-multimodal", "classification", "audio"],
    year: 2022,
    paper: Paper {
        title: "Balanced Multimodal Learning via On-the-fly Gradient Modulation",
        authors: "Xiaokang Peng, Yake Wei, Andong Deng, Dong Wang, Di Hu",
        venue: "CVPR",
        year: 2022,
        url: "https://arxiv.org/abs/2203.15332",
    },
    summary: "A training procedure for two-modality (audio-visual) classifiers trained with one cross-entropy on the fused output: each step, the summed true-class softmax probabilities of the two unimodal heads give the ratio rho between the modalities, and the encoder gradients of the dominant one (rho > 1) are multiplied by 1 - tanh(alpha rho) while the other's are left unchanged; with GE, Gaussian noise whose standard deviation equals that of the gradient is added to the modulated gradients. This keeps the weaker modality from being under-trained. The coefficient computation is implemented (no gradient flows through it); scaling the gradients and adding the noise happen in the training loop, usually for a window of epochs only.",
    formula: r"s^u = \sum_{i} \operatorname{softmax}(z^u_i)_{y_i},\quad \rho^a = \frac{s^a}{s^v} = \frac{1}{\rho^v},\quad k^u = \begin{cases} 1 - \tanh(\alpha\, \rho^u) & \rho^u > 1 \\ 1 & \text{otherwise} \end{cases},\quad g^u \leftarrow k^u g^u + \mathcal N\big(0, \operatorname{std}(g^u)^2\big)",
    inputs: &[
        Input { name: "logits_a", shape: "[N, C]", meaning: "logits of the audio (first-modality) head: its encoder's features times its share of the fusion weights" },
        Input { name: "logits_v", shape: "[N, C]", meaning: "logits of the visual (second-modality) head" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "class indices" },
    ],
    params: &[Param { name: "alpha", symbol: r"\alpha", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "modulation strength; required (the official script has no default)" }],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["cross-entropy", "gradnorm", "uncertainty-weighting"],
    uses: &["cross-entropy"],
    forms: &[Form {
        name: "official",
        description: "GeWu-Lab/OGM-GE_CVPR2022 main.py: ratio_v = score_v / score_a; if ratio_v > 1 then coeff_v = 1 - tanh(alpha relu(ratio_v)), coeff_a = 1, else coeff_a = 1 - tanh(alpha relu(1 / ratio_v)), coeff_v = 1 (so at a tie the audio coefficient is reduced). Returns [coeff_a, coeff_v], with no gradient.",
    }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the OGM coefficient computation.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct OgmGeConfig {
    pub alpha: f64,
}

/// The modulation coefficients `[coeff_a, coeff_v]` (detached) from the two unimodal heads'
/// logits `[N, C]` and the targets `[N]`.
pub fn ogm_ge_coefficients(logits_a: Tensor<2>, logits_v: Tensor<2>, targets: Tensor<1, Int>, cfg: &OgmGeConfig) -> Result<LossTensor, LossError> {
    let [n, c] = logits_a.dims();
    numerics::same_shape(ID, "logits_v", &logits_v.dims(), "logits_a", &[n, c])?;
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch", &[n])?;
    numerics::non_empty(ID, "logits_a", &[n, c])?;
    numerics::non_negative_param(ID, "alpha", cfg.alpha)?;
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), c, None)?;
    let idx = targets.reshape([n, 1]);
    let score = |z: Tensor<2>| numerics::softmax(z.detach(), 1).gather(1, idx.clone()).sum();
    let (sa, sv) = (score(logits_a), score(logits_v));
    let ratio_v = numerics::host_f64(&(sv.clone() / sa.clone()))[0];
    let ratio_a = 1.0 / ratio_v;
    let (ca, cv) = if ratio_v > 1.0 { (1.0, 1.0 - (cfg.alpha * ratio_v.max(0.0)).tanh()) } else { (1.0 - (cfg.alpha * ratio_a.max(0.0)).tanh(), 1.0) };
    Ok(LossTensor::elements(numerics::tensor_like(&sa, vec![ca, cv], [2])))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("official") => {}
        Some(_) => return Err(c.unknown_form(&["official"])),
    }
    let alpha = c.f64_opt("alpha")?.ok_or_else(|| LossError::param(ID, "alpha", "a modulation strength alpha >= 0 (required)", "nothing"))?;
    let s = c.shape("targets")?;
    if s.len() != 1 {
        return Err(LossError::shape(ID, "targets", "shape [N]", fmt_shape(s)));
    }
    ogm_ge_coefficients(c.float::<2>("logits_a")?, c.float::<2>("logits_v")?, c.int::<1>("targets")?, &OgmGeConfig { alpha })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn coefficients_by_hand() {
        // Audio p_true = 1/4 for both examples (score 0.5); visual p_true = 3/4 (score 1.5):
        // ratio_v = 3 > 1: coeff_v = 1 - tanh(0.1 * 3), coeff_a = 1.
        let a = f(&[2, 2], &[0.0, 3f64.ln(), 3f64.ln(), 0.0]);
        let v = f(&[2, 2], &[3f64.ln(), 0.0, 0.0, 3f64.ln()]);
        let x = inputs(vec![("logits_a", a.clone()), ("logits_v", v.clone()), ("targets", i(&[2], &[0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"alpha": 0.1})), &x);
        assert_eq!(ev.loss.shape, vec![2]);
        assert!((ev.loss.floats[0] - 1.0).abs() < 1e-15);
        assert!((ev.loss.floats[1] - (1.0 - 0.3f64.tanh())).abs() < 1e-14);
        assert!(ev.grads.values().all(|g| g.floats.iter().all(|v| *v == 0.0)));
        // Swapped: audio dominates, ratio_a = 3.
        let x = inputs(vec![("logits_a", v.clone()), ("logits_v", a), ("targets", i(&[2], &[0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"alpha": 0.1})), &x);
        assert!((ev.loss.floats[0] - (1.0 - 0.3f64.tanh())).abs() < 1e-14 && ev.loss.floats[1] == 1.0);
        // A tie reduces the audio coefficient, as the official code does.
        let x = inputs(vec![("logits_a", v.clone()), ("logits_v", v), ("targets", i(&[2], &[0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"alpha": 0.5})), &x);
        assert!((ev.loss.floats[0] - (1.0 - 0.5f64.tanh())).abs() < 1e-14 && ev.loss.floats[1] == 1.0);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits_a", f(&[2, 2], &[scale, -scale, 0.0, scale])), ("logits_v", f(&[2, 2], &[-scale, scale, scale, 0.0])), ("targets", i(&[2], &[0, 1]))]);
            assert_finite(ID, None, &params(json!({"alpha": 1.0})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let z = randn(&[3, 4], 5, 1.0);
        let y = i(&[3], &[0, 1, 2]);
        let p = params(json!({"alpha": 0.5}));
        assert_error(ID, None, &p, &inputs(vec![("logits_a", z.clone()), ("logits_v", randn(&[3, 3], 1, 1.0)), ("targets", y.clone())]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits_a", z.clone()), ("logits_v", z.clone()), ("targets", i(&[3], &[0, 4, 1]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits_a", z.clone()), ("logits_v", z.clone()), ("targets", f(&[3], &[0.0, 1.0, 2.0]))]), ErrorKind::DType);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits_a", z.clone()), ("logits_v", z.clone()), ("targets", y.clone())]), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"alpha": -1.0})), &inputs(vec![("logits_a", z.clone()), ("logits_v", z), ("targets", y)]), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(vec![("logits_a", f(&[0, 4], &[])), ("logits_v", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
