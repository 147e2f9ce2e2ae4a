//! Sampled softmax: approximate the cross-entropy over a huge output vocabulary by a softmax
//! over the target and a sample of other classes, corrected for the sampling distribution.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::elementwise::REDUCTION_NONE;
use crate::numerics::{self, LossTensor, Reduction, inputs::float_input, reduce};

const ID: &str = "sampled-softmax";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Sampled Softmax Loss",
    aliases: &["Importance-Sampled Softmax"],
    kind: Kind::Loss,
    domains: &["recommendation", "language-modeling", "classification"],
    year: 2015,
    paper: Paper {
        title: "On Using Very Large Target Vocabulary for Neural Machine Translation",
        authors: "Jean et al.",
        venue: "ACL",
        year: 2015,
        url: "https://arxiv.org/abs/1412.2007",
    },
    summary: "Computes the logits only for the true class and a set S of classes drawn from a proposal distribution Q, subtracts log Q from each logit to correct the sampling bias, and takes the softmax cross-entropy over that small set. Training cost then scales with |S| instead of the vocabulary or catalogue size; the full softmax is still used at inference. The estimate is biased for finite samples, the proposal should resemble the model's distribution (log-uniform over frequency-sorted ids is common), and sampled classes that equal the target ('accidental hits') are usually masked. In retrieval, in-batch negatives with a log-popularity correction are the same idea.",
    formula: r"\ell_i = -\frac{1}{T}\sum_{t=1}^{T}\bigl(o_{i y_{it}} - \log Q(y_{it})\bigr) + \log\Bigl(\sum_{t=1}^{T} e^{\,o_{i y_{it}} - \log Q(y_{it})} + \sum_{k \in S} e^{\,o_{ik} - \log Q(k) - \infty\cdot[k \in y_i]}\Bigr),\quad o_{ik} = w_k^\top x_i + b_k",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "form tensorflow: the inputs x (last hidden states)" },
        Input { name: "weight", shape: "[C, D]", meaning: "form tensorflow: output class embeddings w, one row per class" },
        Input { name: "bias", shape: "[C]", meaning: "form tensorflow: optional output biases b (zero when absent)" },
        Input { name: "targets", shape: "[N] or [N, T] (i64)", meaning: "form tensorflow: the true class ids (T per example, num_true)" },
        Input { name: "sampled", shape: "[S] (i64)", meaning: "form tensorflow: the sampled class ids, shared by the batch" },
        Input { name: "true_log_q", shape: "[N] or [N, T]", meaning: "form tensorflow: log of the expected count (or probability) of each true class under the sampler" },
        Input { name: "sampled_log_q", shape: "[S]", meaning: "form tensorflow: log of the expected count (or probability) of each sampled class" },
        Input { name: "logits", shape: "[N, 1 + S]", meaning: "form logits: logits of the true class (column 0) and of the sampled classes" },
        Input { name: "log_q", shape: "[N, 1 + S]", meaning: "form logits: log proposal probabilities of the same classes" },
    ],
    params: &[
        Param { name: "remove_accidental_hits", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "form tensorflow: push the logit of a sampled class that equals a true class of the example to -FLT_MAX (TensorFlow's default true)" },
        REDUCTION_NONE,
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["tf.nn.sampled_softmax_loss"],
    related: &["cross-entropy", "hierarchical-softmax", "infonce", "bpr", "next-token-prediction"],
    forms: &[
        Form { name: "tensorflow", description: "tf.nn.sampled_softmax_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true, sampled_values=(sampled, true_expected_count, sampled_expected_count), remove_accidental_hits) with the sampler's outputs given: true logits x.w_y + b_y and sampled logits x.w_k + b_k; accidental hits get -FLT_MAX added; log expected counts subtracted; softmax cross-entropy against 1/T on each true column and 0 on the sampled ones. Per-example losses (reduction none, as TensorFlow returns them)." },
        Form { name: "logits", description: "the same corrected softmax cross-entropy on given logits [N, 1 + S] whose column 0 is the true class and log-probabilities log_q of the same shape; no accidental-hit removal (no ids)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the true class (two sampled classes at logit 0, uniform proposal; form logits)", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("logits"),
        params: serde_json::json!({}),
        inputs: vec![("logits", HostTensor::from_f64(vec![1, 3], vec![x, 0.0, 0.0])), ("log_q", HostTensor::from_f64(vec![1, 3], vec![-(3f64.ln()); 3]))],
        wrt: "logits",
        index: 0,
    }
}

/// TensorFlow's accidental-hit logit offset: minus the largest f32.
const ACCIDENTAL_HIT: f64 = -(f32::MAX as f64);

/// Softmax cross-entropy of `[N, T + S]` corrected logits against `1/T` on the first `T` columns.
fn corrected_cross_entropy(logits: Tensor<2>, t: usize) -> Tensor<1> {
    let n = logits.dims()[0];
    numerics::log_softmax(logits, 1).slice([0..n, 0..t]).sum_dim(1).reshape([n]).mul_scalar(-1.0 / t as f64)
}

/// Options of [`sampled_softmax`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampledSoftmaxConfig {
    pub remove_accidental_hits: bool,
    /// TensorFlow returns per-example losses (`None`).
    pub reduction: Reduction,
}

impl Default for SampledSoftmaxConfig {
    fn default() -> Self {
        SampledSoftmaxConfig { remove_accidental_hits: true, reduction: Reduction::None }
    }
}

/// TensorFlow `sampled_softmax_loss` with the sampler's outputs given: `embeddings [N, D]`,
/// class `weight [C, D]`, optional `bias [C]`, true ids `targets [N, T]`, sampled ids `sampled`
/// (length S), `true_log_q [N, T]` and `sampled_log_q [S]`. Per-example losses `[N]` (reduced
/// as `cfg.reduction` says).
#[allow(clippy::too_many_arguments)]
pub fn sampled_softmax(
    embeddings: Tensor<2>,
    weight: Tensor<2>,
    bias: Option<Tensor<1>>,
    targets: &[i64],
    num_true: usize,
    sampled: &[i64],
    true_log_q: Tensor<2>,
    sampled_log_q: Tensor<1>,
    cfg: &SampledSoftmaxConfig,
) -> Result<LossTensor, LossError> {
    let [n, d] = embeddings.dims();
    let [c, dw] = weight.dims();
    let s = sampled.len();
    if dw != d {
        return Err(LossError::shape(ID, "weight", format!("[classes, {d}] (the width of embeddings)"), fmt_shape(&[c, dw])));
    }
    if let Some(b) = &bias {
        numerics::same_shape(ID, "bias", &b.dims(), "one bias per class", &[c])?;
    }
    if num_true == 0 || targets.len() != n * num_true {
        return Err(LossError::shape(ID, "targets", format!("[{n}] or [{n}, num_true]"), format!("{} ids", targets.len())));
    }
    numerics::same_shape(ID, "true_log_q", &true_log_q.dims(), "targets", &[n, num_true])?;
    numerics::same_shape(ID, "sampled_log_q", &sampled_log_q.dims(), "sampled", &[s])?;
    numerics::non_empty(ID, "embeddings", &[n, d])?;
    numerics::non_empty(ID, "sampled", &[s])?;
    numerics::labels_in_range(ID, "targets", targets, c, None)?;
    numerics::labels_in_range(ID, "sampled", sampled, c, None)?;
    let rows = |ids: &[i64]| numerics::ints_like(&weight, ids.to_vec(), [ids.len()]);
    let true_w = weight.clone().select(0, rows(targets)).reshape([n, num_true, d]);
    let mut true_logits = (embeddings.clone().reshape([n, 1, d]) * true_w).sum_dim(2).reshape([n, num_true]);
    let mut sampled_logits = embeddings.matmul(weight.clone().select(0, rows(sampled)).transpose());
    if let Some(b) = bias {
        true_logits = true_logits + b.clone().select(0, rows(targets)).reshape([n, num_true]);
        sampled_logits = sampled_logits + b.select(0, rows(sampled)).reshape([1, s]);
    }
    if cfg.remove_accidental_hits {
        let hits: Vec<f64> = (0..n * s)
            .map(|i| {
                let (row, k) = (i / s, i % s);
                if targets[row * num_true..(row + 1) * num_true].contains(&sampled[k]) { ACCIDENTAL_HIT } else { 0.0 }
            })
            .collect();
        sampled_logits = sampled_logits + numerics::tensor_like(&true_logits, hits, [n, s]);
    }
    let logits = Tensor::cat(vec![true_logits - true_log_q, sampled_logits - sampled_log_q.reshape([1, s])], 1);
    Ok(reduce(corrected_cross_entropy(logits, num_true), cfg.reduction))
}

/// The corrected softmax cross-entropy on given `logits [N, 1 + S]` (column 0 true) and
/// `log_q` of the same shape.
pub fn sampled_softmax_logits(logits: Tensor<2>, log_q: Tensor<2>, reduction: Reduction) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    numerics::same_shape(ID, "log_q", &log_q.dims(), "logits", &dims)?;
    numerics::non_empty(ID, "logits", &dims)?;
    Ok(reduce(corrected_cross_entropy(logits - log_q, 1), reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let reduction = c.reduction(Reduction::None)?;
    let float2 = |name: &str| float_input::<2>(c, name, "[rows, columns]");
    match c.form().unwrap_or(if c.has("logits") { "logits" } else { "tensorflow" }) {
        "logits" => {
            let (l, q) = (float2("logits")?, float2("log_q")?);
            sampled_softmax_logits(l, q, reduction)
        }
        "tensorflow" => {
            let cfg = SampledSoftmaxConfig { remove_accidental_hits: c.bool("remove_accidental_hits", true)?, reduction };
            let (x, w) = (float2("embeddings")?, float2("weight")?);
            let n = x.dims()[0];
            let tshape = c.shape("targets")?.to_vec();
            let num_true = match tshape.as_slice() {
                [m] if *m == n => 1,
                [m, t] if *m == n => *t,
                _ => return Err(LossError::shape(ID, "targets", format!("[{n}] or [{n}, num_true]"), fmt_shape(&tshape))),
            };
            let targets = c.int_values("targets")?.to_vec();
            let sshape = c.shape("sampled")?;
            if sshape.len() != 1 {
                return Err(LossError::shape(ID, "sampled", "a vector [S] of class ids", fmt_shape(sshape)));
            }
            let sampled = c.int_values("sampled")?.to_vec();
            let tq = c.host("true_log_q")?;
            if tq.numel() != n * num_true || (tq.shape.len() == 1 && num_true != 1) || tq.shape.len() > 2 {
                return Err(LossError::shape(ID, "true_log_q", format!("the shape of targets {}", fmt_shape(&tshape)), fmt_shape(&tq.shape)));
            }
            let true_log_q = c.float_reshaped::<2>("true_log_q", [n, num_true])?;
            let sq = c.host("sampled_log_q")?;
            if sq.shape.len() != 1 {
                return Err(LossError::shape(ID, "sampled_log_q", format!("shape [{}] (one per sampled id)", sampled.len()), fmt_shape(&sq.shape)));
            }
            let sampled_log_q = c.float::<1>("sampled_log_q")?;
            let bias = c.float_opt::<1>("bias")?;
            sampled_softmax(x, w, bias, &targets, num_true, &sampled, true_log_q, sampled_log_q, &cfg)
        }
        _ => Err(c.unknown_form(&["tensorflow", "logits"])),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    fn tf(seed: u64, targets: HostTensor, true_log_q: HostTensor) -> std::collections::BTreeMap<String, HostTensor> {
        inputs(vec![
            ("embeddings", randn(&[3, 4], seed, 1.0)),
            ("weight", randn(&[6, 4], seed + 1, 1.0)),
            ("bias", randn(&[6], seed + 2, 0.5)),
            ("targets", targets),
            ("sampled", i(&[4], &[1, 5, 2, 0])),
            ("true_log_q", true_log_q),
            ("sampled_log_q", uniform(&[4], seed + 3, -3.0, -0.5)),
        ])
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = tf(141, i(&[3], &[0, 3, 5]), uniform(&[3], 142, -3.0, -0.5));
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"remove_accidental_hits": false, "reduction": "mean"})), &x);
        let x2 = tf(143, i(&[3, 2], &[0, 1, 3, 4, 5, 2]), uniform(&[3, 2], 144, -3.0, -0.5));
        assert_gradcheck(ID, Some("tensorflow"), &params(json!({"reduction": "sum"})), &x2);
        let l = inputs(vec![("logits", randn(&[3, 5], 145, 2.0)), ("log_q", uniform(&[3, 5], 146, -4.0, -1.0))]);
        assert_gradcheck(ID, Some("logits"), &params(json!({})), &l);
    }

    #[test]
    fn value_is_the_formula() {
        // One example, D = 1, x = 1, weights w = (0, ln 3, 0) so logits o = (0, ln 3, 0); target 0,
        // sampled (1, 2, 0); uniform log q cancels. Without hit removal the softmax is over
        // (0 | ln 3, 0, 0): -log(1 / 6) = ln 6. Removing the hit (sampled 0 = target) leaves
        // (0 | ln 3, 0): ln 5.
        let x = || {
            inputs(vec![
                ("embeddings", f(&[1, 1], &[1.0])),
                ("weight", f(&[3, 1], &[0.0, 3f64.ln(), 0.0])),
                ("targets", i(&[1], &[0])),
                ("sampled", i(&[3], &[1, 2, 0])),
                ("true_log_q", f(&[1], &[-2.0])),
                ("sampled_log_q", f(&[3], &[-2.0, -2.0, -2.0])),
            ])
        };
        let ev = eval64(ID, None, &params(json!({"remove_accidental_hits": false})), &x());
        assert_eq!(ev.loss.shape, vec![1]);
        assert!((ev.loss.floats[0] - 6f64.ln()).abs() < 1e-14);
        let ev = eval64(ID, None, &params(json!({})), &x());
        assert!((ev.loss.floats[0] - 5f64.ln()).abs() < 1e-14);
        // The log q correction: raising log Q of the sampled class 1 by ln 3 cancels its logit:
        // (0 | 0, 0) -> ln 3.
        let mut y = x();
        y.insert("sampled_log_q".into(), f(&[3], &[-2.0 + 3f64.ln(), -2.0, -2.0]));
        assert!((eval64(ID, None, &params(json!({})), &y).loss.floats[0] - 3f64.ln()).abs() < 1e-14);
        // Form logits: the same numbers given directly.
        let l = inputs(vec![("logits", f(&[1, 3], &[0.0, 3f64.ln(), 0.0])), ("log_q", f(&[1, 3], &[-1.0; 3]))]);
        assert!((eval64(ID, Some("logits"), &params(json!({})), &l).loss.floats[0] - 5f64.ln()).abs() < 1e-14);
        // Two true classes: 1/2 on each. Logits (0, 0 | 0): -(1/2)(2 log(1/3)) = ln 3.
        let t2 = inputs(vec![
            ("embeddings", f(&[1, 1], &[1.0])),
            ("weight", f(&[3, 1], &[0.0, 0.0, 0.0])),
            ("targets", i(&[1, 2], &[0, 1])),
            ("sampled", i(&[2], &[2, 1])),
            ("true_log_q", f(&[1, 2], &[0.0, 0.0])),
            ("sampled_log_q", f(&[2], &[0.0, 0.0])),
        ]);
        assert!((eval64(ID, None, &params(json!({})), &t2).loss.floats[0] - 3f64.ln()).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let mut x = tf(147, i(&[3], &[0, 1, 5]), uniform(&[3], 148, -3.0, -0.5));
            x.get_mut("embeddings").unwrap().floats.iter_mut().for_each(|v| *v *= scale);
            assert_finite(ID, None, &params(json!({})), &x);
            let l = inputs(vec![("logits", f(&[2, 3], &[scale, -scale, 0.0, -scale, scale, scale])), ("log_q", f(&[2, 3], &[0.0; 6]))]);
            assert_finite(ID, Some("logits"), &params(json!({"reduction": "mean"})), &l);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let good = || tf(1, i(&[3], &[0, 3, 5]), uniform(&[3], 2, -3.0, -0.5));
        let mut x = good();
        x.insert("targets".into(), i(&[3], &[0, 3, 6]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let mut x = good();
        x.insert("sampled".into(), i(&[4], &[1, -1, 2, 0]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let mut x = good();
        x.insert("sampled_log_q".into(), f(&[3], &[-1.0; 3]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = good();
        x.insert("weight".into(), randn(&[6, 3], 3, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = good();
        x.insert("targets".into(), f(&[3], &[0.0, 1.0, 2.0]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        let mut x = good();
        x.insert("sampled".into(), i(&[0], &[]));
        x.insert("sampled_log_q".into(), f(&[0], &[]));
        assert_error(ID, None, &p, &x, ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"reduction": "batchmean"})), &good(), ErrorKind::Param);
        let l = inputs(vec![("logits", randn(&[2, 3], 4, 1.0)), ("log_q", randn(&[2, 4], 5, 1.0))]);
        assert_error(ID, Some("logits"), &p, &l, ErrorKind::Shape);
        assert_error(ID, Some("logits"), &params(json!({"remove_accidental_hits": true})), &inputs(vec![("logits", randn(&[2, 3], 4, 1.0)), ("log_q", randn(&[2, 3], 5, 1.0))]), ErrorKind::Param);
    }
}
