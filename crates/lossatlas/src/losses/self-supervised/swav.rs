//! SwaV: swapped prediction of cluster codes. Each crop's prototype scores must predict the
//! balanced (Sinkhorn) code computed from another crop of the same image.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::contrastive::sinkhorn_host;
use crate::numerics::{self, LossTensor, inputs::float_input};

const ID: &str = "swav";

pub const ENTRY: Entry = Entry {
    id: "swav",
    name: "SwAV Loss",
    aliases: &["Swapping Assignments between Views"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2020,
    paper: Paper {
        title: "Unsupervised Learning of Visual Features by Contrasting Cluster Assignments",
        authors: "Caron et al.",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/2006.09882",
    },
    summary: "For each high-resolution crop, computes soft cluster codes from its prototype scores with a few Sinkhorn-Knopp iterations (which force an equal share of the batch onto every prototype, avoiding collapse), without gradient; every other crop, including the cheap low-resolution multi-crops, is trained to predict those codes by cross-entropy against its softmax at a temperature. It compares cluster assignments instead of pairs of features, so it needs no negatives, but the batch must be large enough relative to the number of prototypes for the equipartition to make sense.",
    formula: r"Q^{(i)} = \operatorname{sinkhorn}\!\left(e^{h_i/\varepsilon}\right),\quad \mathcal{L} = \frac{1}{H}\sum_{i=1}^{H}\frac{1}{V - 1}\sum_{v \ne i} -\frac{1}{N}\sum_{n}\sum_{k} Q^{(i)}_{nk}\,\log\operatorname{softmax}\!\left(\frac{x_{v,n}}{\tau}\right)_{k}",
    inputs: &[
        Input { name: "high_{i}", shape: "[N, K]", meaning: "prototype scores of high-resolution crop i (high_0, high_1, ...); codes come from these" },
        Input { name: "low_{j}", shape: "[N, K]", meaning: "prototype scores of low-resolution crop j (low_0, ...), optional" },
        Input { name: "queue_{i}", shape: "[Q, K]", meaning: "optional: prototype scores of queued features for high-resolution crop i, used only to balance its codes (lightly's queue_outputs)" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "temperature of the predicting softmax" },
        Param { name: "sinkhorn_iterations", symbol: "", default: Value::Int(3), range: Range::Integer { min: 0, max: i64::MAX }, meaning: "Sinkhorn-Knopp iterations for the codes" },
        Param { name: "sinkhorn_epsilon", symbol: r"\varepsilon", default: Value::Float(0.05), range: Range::POSITIVE, meaning: "entropic regularization: codes start from exp(scores / epsilon)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["lightly.loss.SwaVLoss"],
    related: &["dino", "msn", "nt-xent"],
    forms: &[
        Form { name: "lightly", description: "lightly SwaVLoss(temperature, sinkhorn_iterations, sinkhorn_epsilon)(high, low): codes by lightly's sinkhorn on detached high-resolution scores; V = number of all crops; the sub-loss of code crop i sums the cross-entropies of every other crop and divides by V - 1; the result is averaged over the H high-resolution crops." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "score of prototype 0 for sample 0 in crop 1", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two high-resolution crops of two samples over two prototypes; one score of crop 1 varies.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("high_0", HostTensor::from_f64(vec![2, 2], vec![1.0, 0.0, 0.0, 1.0])),
            ("high_1", HostTensor::from_f64(vec![2, 2], vec![x, 0.0, 0.0, 1.0])),
        ],
        wrt: "high_1",
        index: 0,
    }
}

/// Options of lightly's `SwaVLoss`; `Default` equals its defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SwavConfig {
    pub temperature: f64,
    pub sinkhorn_iterations: usize,
    pub sinkhorn_epsilon: f64,
}

impl Default for SwavConfig {
    fn default() -> Self {
        SwavConfig { temperature: 0.1, sinkhorn_iterations: 3, sinkhorn_epsilon: 0.05 }
    }
}

/// SwAV codes of one crop `[N, K]` (no gradient): lightly's `sinkhorn` on
/// `exp(scores / epsilon)`, with the queue's scores `[Q, K]` appended for the balancing and
/// dropped afterwards.
fn codes(scores: &Tensor<2>, queue: Option<&Tensor<2>>, cfg: &SwavConfig) -> Tensor<2> {
    let [n, k] = scores.dims();
    let mut host = numerics::host_f64(scores);
    if let Some(q) = queue {
        host.extend(numerics::host_f64(q));
    }
    let b = host.len() / k;
    // Transposed to [K, B] as lightly does.
    let q: Vec<f64> = (0..k * b).map(|i| (host[(i % b) * k + i / b] / cfg.sinkhorn_epsilon).exp()).collect();
    let q = sinkhorn_host(q, k, b, cfg.sinkhorn_iterations);
    let rows: Vec<f64> = (0..n * k).map(|i| q[(i % k) * b + i / k]).collect();
    numerics::tensor_like(scores, rows, [n, k])
}

/// lightly `SwaVLoss(temperature, sinkhorn_iterations, sinkhorn_epsilon)(high_resolution,
/// low_resolution, queue)`: for each high-resolution crop `i`, codes `q_i` (Sinkhorn, no
/// gradient); every other crop `v` (high or low resolution) predicts them with
/// `-mean_n sum_k q_ink log softmax(z_vn / temperature)_k`; the predictions of crop `i` are
/// averaged over the `V - 1` other crops and the result over the high-resolution crops. All
/// crops `[N, K]`; `queue`, if given, one `[Q, K]` per high-resolution crop. Shape `[1]`.
pub fn swav(high: &[Tensor<2>], low: &[Tensor<2>], queue: Option<&[Tensor<2>]>, cfg: &SwavConfig) -> Result<LossTensor, LossError> {
    let Some(first) = high.first() else {
        return Err(LossError::missing(ID, "high_0", "at least one high-resolution crop"));
    };
    let shape = first.dims();
    numerics::non_empty(ID, "high_0", &shape)?;
    for (name, t) in high.iter().enumerate().map(|(i, t)| (format!("high_{i}"), t)).chain(low.iter().enumerate().map(|(i, t)| (format!("low_{i}"), t))) {
        numerics::same_shape(ID, &name, &t.dims(), "high_0", &shape)?;
    }
    if let Some(q) = queue {
        if q.len() != high.len() {
            return Err(LossError::shape(ID, "queue", format!("{} queues (one per high-resolution crop)", high.len()), format!("{}", q.len())));
        }
        for (i, t) in q.iter().enumerate() {
            if t.dims()[1] != shape[1] {
                return Err(LossError::shape(ID, &format!("queue_{i}"), format!("shape [Q, {}]", shape[1]), fmt_shape(&t.dims())));
            }
        }
    }
    numerics::positive_param(ID, "temperature", cfg.temperature)?;
    numerics::positive_param(ID, "sinkhorn_epsilon", cfg.sinkhorn_epsilon)?;
    let crops: Vec<&Tensor<2>> = high.iter().chain(low.iter()).collect();
    let v = crops.len();
    if v < 2 {
        return Err(LossError::shape(ID, "high_0", "at least two crops in all (each crop's codes are predicted from the others; lightly divides 0 by 0)", "one crop"));
    }
    let log_p: Vec<Tensor<2>> = crops.iter().map(|z| numerics::log_softmax((*z).clone().mul_scalar(1.0 / cfg.temperature), 1)).collect();
    let mut total: Option<Tensor<1>> = None;
    for (i, z) in high.iter().enumerate() {
        let q = codes(z, queue.map(|q| &q[i]), cfg);
        let mut sub: Option<Tensor<1>> = None;
        for (j, lp) in log_p.iter().enumerate() {
            if j == i {
                continue;
            }
            let term = (q.clone() * lp.clone()).sum_dim(1).mean().neg();
            sub = Some(match sub {
                Some(s) => s + term,
                None => term,
            });
        }
        let sub = match sub {
            Some(s) => s.mul_scalar(1.0 / (v as f64 - 1.0)),
            None => unreachable!("at least two crops are checked above"),
        };
        total = Some(match total {
            Some(t) => t + sub,
            None => sub,
        });
    }
    let loss = total.expect("at least one crop").mul_scalar(1.0 / high.len() as f64);
    Ok(LossTensor::with_shape(loss, vec![1]))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "lightly") {
        return Err(c.unknown_form(&["lightly"]));
    }
    let iterations = c.i64("sinkhorn_iterations", 3)?;
    if iterations < 0 {
        return Err(LossError::param(ID, "sinkhorn_iterations", "an integer >= 0", format!("{iterations}")));
    }
    let cfg = SwavConfig { temperature: c.f64("temperature", 0.1)?, sinkhorn_iterations: iterations as usize, sinkhorn_epsilon: c.f64("sinkhorn_epsilon", 0.05)? };
    let crops = |prefix: &str| -> Result<Vec<Tensor<2>>, LossError> {
        let mut out = Vec::new();
        while c.has(&format!("{prefix}_{}", out.len())) {
            out.push(float_input::<2>(c, &format!("{prefix}_{}", out.len()), "[N, K]")?);
        }
        Ok(out)
    };
    let high = crops("high")?;
    let low = crops("low")?;
    let queue = crops("queue")?;
    if high.is_empty() {
        c.host("high_0")?;
    }
    let queue = if queue.is_empty() { None } else { Some(queue) };
    swav(&high, &low, queue.as_deref(), &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn crops(h: usize, l: usize, seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let mut v = Vec::new();
        for i in 0..h {
            v.push((format!("high_{i}"), randn(&[4, 3], seed + i as u64, 1.0)));
        }
        for i in 0..l {
            v.push((format!("low_{i}"), randn(&[4, 3], seed + 10 + i as u64, 1.0)));
        }
        v.into_iter().collect()
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Two crops of two samples whose scores are all 0: the codes are uniform (1/2 each) and
        // every prediction is uniform: each cross-entropy is ln 2.
        let x = inputs(vec![("high_0", f(&[2, 2], &[0.0; 4])), ("high_1", f(&[2, 2], &[0.0; 4]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 2f64.ln()).abs() < 1e-15);
        assert_eq!(ev.loss.shape, vec![1]);
    }

    #[test]
    fn sinkhorn_balances() {
        // After the column step each sample's codes sum to 1.
        let q = crate::numerics::contrastive::sinkhorn_host(vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3, 3);
        for c in 0..3 {
            assert!((q[c] + q[3 + c] - 1.0).abs() < 1e-14);
        }
    }

    #[test]
    fn gradients_match_finite_differences() {
        // Codes are computed without gradient from the high-resolution crops, so only the
        // low-resolution crops' gradients are exact derivatives of the value.
        assert_gradcheck_only(ID, None, &params(json!({"temperature": 0.5})), &crops(2, 2, 1), Some(&["low_0", "low_1"]));
        let mut x = crops(2, 1, 5);
        x.insert("queue_0".into(), randn(&[3, 3], 40, 1.0));
        x.insert("queue_1".into(), randn(&[3, 3], 41, 1.0));
        assert_gradcheck_only(ID, None, &params(json!({})), &x, Some(&["low_0"]));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("high_0", randn(&[4, 3], 1, 1e2)), ("high_1", randn(&[4, 3], 2, 1e2)), ("low_0", randn(&[4, 3], 3, 1e4))]);
        assert_finite(ID, None, &params(json!({"sinkhorn_epsilon": 1e3, "temperature": 1e-3})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = crops(2, 0, 1);
        x.insert("low_0".into(), randn(&[4, 2], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = crops(2, 0, 1);
        x.insert("high_1".into(), i(&[4, 3], &[0; 12]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        assert_error(ID, None, &p, &crops(0, 2, 1), ErrorKind::Missing);
        assert_error(ID, None, &params(json!({"temperature": 0.0})), &crops(2, 0, 1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"sinkhorn_iterations": -1})), &crops(2, 0, 1), ErrorKind::Param);
        let e = inputs(vec![("high_0", f(&[0, 3], &[])), ("high_1", f(&[0, 3], &[]))]);
        assert_error(ID, None, &p, &e, ErrorKind::Empty);
    }
}
