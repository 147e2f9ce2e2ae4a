//! Contrastive representation distillation (CRD): the student embedding of a sample must pick
//! out the teacher embedding of the same sample among teacher embeddings of other samples. This
//! entry takes the negatives as an input; the authors' code draws them from a memory bank of
//! past embeddings, which is training state, not part of the loss.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce, vectors};

const ID: &str = "crd";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "CRD",
    aliases: &["Contrastive Representation Distillation"],
    kind: Kind::Loss,
    domains: &["distillation", "self-supervised"],
    year: 2020,
    paper: Paper {
        title: "Contrastive Representation Distillation",
        authors: "Tian et al.",
        venue: "ICLR 2020",
        year: 2020,
        url: "https://arxiv.org/abs/1910.10699",
    },
    summary: "Maximizes a lower bound on the mutual information between student and teacher representations with a contrastive objective: after both are projected and L2-normalized, the critic exp(<v_s, v_t> / tau) / Z must score the teacher embedding of the same sample (the positive) above K teacher embeddings of other samples (the negatives), scored with NCE against a uniform noise distribution over the M training samples (the paper's Eq. 18, form nce, with Z the memory's normalization constant) or, in the InfoNCE-style form softmax, as a (K+1)-way softmax. The authors' code draws K = 16384 negatives per sample from a momentum memory bank and adds the symmetric term with the teacher as anchor; here the negatives are inputs (teacher_negatives, and student_negatives for the symmetric term). Vectors are normalized inside, and when Z is not given it is estimated from the batch as M times the mean critic, without gradient, as the reference code does on its first batch.",
    formula: r"\ell = -\frac{1}{N}\sum_{i=1}^{N}\Big[\log\frac{P_{i0}}{P_{i0} + K/M + \epsilon} + \sum_{k=1}^{K}\log\frac{K/M}{P_{ik} + K/M + \epsilon}\Big],\quad P_{ik} = \frac{1}{Z}\exp\big(\langle \hat v^s_i, \hat v^t_{ik}\rangle / \tau\big),\ \hat v = \frac{v}{\max(\lVert v\rVert, 10^{-12})}",
    inputs: &[
        Input { name: "features", shape: "[N, D]", meaning: "student embeddings (after the student projection head), the anchors" },
        Input { name: "teacher_features", shape: "[N, D]", meaning: "teacher embeddings of the same samples, the positives v^t_{i0}" },
        Input { name: "teacher_negatives", shape: "[N, K, D]", meaning: "for each anchor, K teacher embeddings of other samples (what the memory bank supplies); detach them to mimic the memory bank" },
        Input { name: "student_negatives", shape: "[N, K', D]", meaning: "optional: K' student embeddings of other samples per anchor; adds the symmetric term with the teacher embedding as anchor and the student embedding as positive" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.07), range: Range::POSITIVE, meaning: "critic temperature (RepDistiller nce_t)" },
        Param { name: "num_data", symbol: "M", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "form nce, required: number of training samples; the noise distribution is uniform, 1/M" },
        Param { name: "z", symbol: "Z", default: Value::Null, range: Range::POSITIVE, meaning: "form nce: the critic's normalization constant; absent: M times the batch mean of exp(score / tau), without gradient (per direction)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-7), range: Range::NON_NEGATIVE, meaning: "form nce: added to the denominators (RepDistiller's eps)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Embeddings,
    },
    equivalents: &["HobbitLong/RepDistiller crd.criterion.CRDLoss"],
    related: &["infonce", "nt-xent", "pkt", "rkd", "knowledge-distillation"],
    forms: &[
        Form {
            name: "nce",
            description: "RepDistiller ContrastLoss (the paper's Eq. 18): P = exp(s / tau) / Z for the positive (column 0) and the K negatives, noise probability 1/M, loss -(log D1 + sum log D0) per anchor; Z given or estimated as M * mean(exp(s / tau)) without gradient. The symmetric term (teacher anchor, student negatives) is added when student_negatives is given, with its own Z.",
        },
        Form {
            name: "softmax",
            description: "InfoNCE-style variant: -log softmax over the K + 1 scores s / tau, taken at the positive; num_data, z and eps do not apply. The symmetric term is added when student_negatives is given.",
        },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "student feature along the teacher's direction (form softmax)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("softmax"),
        params: serde_json::json!({"temperature": 0.5}),
        inputs: vec![
            ("features", HostTensor::from_f64(vec![1, 2], vec![x, 0.3])),
            ("teacher_features", HostTensor::from_f64(vec![1, 2], vec![1.0, 0.0])),
            ("teacher_negatives", HostTensor::from_f64(vec![1, 2, 2], vec![0.0, 1.0, -1.0, 0.0])),
        ],
        wrt: "features",
        index: 0,
    }
}

/// Which objective scores the positive against the negatives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CrdObjective {
    /// NCE against uniform noise over `num_data` samples; `z`: the normalization constant,
    /// `None` to estimate it from the batch (without gradient).
    Nce { num_data: u64, z: Option<f64>, eps: f64 },
    /// (K+1)-way softmax cross-entropy (InfoNCE).
    Softmax,
}

/// Options of [`crd`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CrdConfig {
    pub temperature: f64,
    pub objective: CrdObjective,
    pub reduction: Reduction,
}

impl CrdConfig {
    /// RepDistiller's setting (tau = 0.07, NCE, eps = 1e-7, Z estimated) for a training set of
    /// `num_data` samples.
    pub fn nce(num_data: u64) -> Self {
        CrdConfig { temperature: 0.07, objective: CrdObjective::Nce { num_data, z: None, eps: 1e-7 }, reduction: Reduction::Mean }
    }
}

/// Scores `[N, K + 1]` (positive first) of unit anchors against unit positives and negatives,
/// divided by the temperature.
fn scores(anchor: Tensor<2>, positive: Tensor<2>, negatives: Tensor<3>, tau: f64) -> Tensor<2> {
    let [n, k, d] = negatives.dims();
    let pos = (anchor.clone() * positive).sum_dim(1);
    let neg = negatives.matmul(anchor.reshape([n, d, 1])).reshape([n, k]);
    Tensor::cat(vec![pos, neg], 1).mul_scalar(1.0 / tau)
}

/// Per-anchor loss `[N]` of one direction from its scaled scores `[N, K + 1]`.
fn direction(u: Tensor<2>, objective: CrdObjective) -> Tensor<1> {
    let [n, k1] = u.dims();
    let k = k1 - 1;
    match objective {
        CrdObjective::Softmax => numerics::log_softmax(u, 1).narrow(1, 0, 1).reshape([n]).neg(),
        CrdObjective::Nce { num_data, z, eps } => {
            let m = num_data as f64;
            let log_z = match z {
                Some(z) => numerics::full_like(&u, [1, 1], z.ln()),
                // Z = M * mean(exp(u)), a constant as in the reference code.
                None => numerics::logsumexp(u.clone().detach().reshape([1, n * k1]), 1).add_scalar(m.ln() - ((n * k1) as f64).ln()),
            };
            let noise = k as f64 / m;
            let log_c = (noise + eps).ln();
            // log P - log(K/M + eps); log(P / (P + c)) = log_sigmoid(x), log(P + c) = log c + softplus(x).
            let x = u - log_z - log_c;
            let log_d1 = numerics::log_sigmoid(x.clone().narrow(1, 0, 1)).reshape([n]);
            let mut per = log_d1.neg();
            if k > 0 {
                let log_d0 = numerics::softplus(x.narrow(1, 1, k)).neg().add_scalar(noise.ln() - log_c);
                per = per - log_d0.sum_dim(1).reshape([n]);
            }
            per
        }
    }
}

/// CRD loss with given negatives. `features` and `teacher_features` are `[N, D]`,
/// `teacher_negatives` `[N, K, D]`, `student_negatives` (symmetric term) `[N, K', D]`.
pub fn crd(
    features: Tensor<2>,
    teacher_features: Tensor<2>,
    teacher_negatives: Tensor<3>,
    student_negatives: Option<Tensor<3>>,
    cfg: &CrdConfig,
) -> Result<LossTensor, LossError> {
    check_shapes(&features.dims(), &teacher_features.dims(), &teacher_negatives.dims(), student_negatives.as_ref().map(|t| t.dims()).as_ref().map(|s| &s[..]))?;
    let tau = numerics::positive_param(ID, "temperature", cfg.temperature)?;
    if let CrdObjective::Nce { num_data, z, eps } = cfg.objective {
        if num_data == 0 {
            return Err(LossError::param(ID, "num_data", "a number of samples >= 1", "0"));
        }
        if let Some(z) = z {
            numerics::positive_param(ID, "z", z)?;
        }
        numerics::non_negative_param(ID, "eps", eps)?;
    }
    let vs = vectors::l2_normalize(features, 1, 1e-12);
    let vt = vectors::l2_normalize(teacher_features, 1, 1e-12);
    let nt = vectors::l2_normalize(teacher_negatives, 2, 1e-12);
    let mut per = direction(scores(vs.clone(), vt.clone(), nt, tau), cfg.objective);
    if let Some(ns) = student_negatives {
        let ns = vectors::l2_normalize(ns, 2, 1e-12);
        per = per + direction(scores(vt, vs, ns, tau), cfg.objective);
    }
    Ok(reduce(per, cfg.reduction))
}

fn check_shapes(s: &[usize], t: &[usize], tn: &[usize], sn: Option<&[usize]>) -> Result<(), LossError> {
    numerics::non_empty(ID, "features", s)?;
    numerics::same_shape(ID, "teacher_features", t, "features", s)?;
    for (name, neg) in [("teacher_negatives", Some(tn)), ("student_negatives", sn)] {
        let Some(neg) = neg else { continue };
        if neg.len() != 3 || neg[0] != s[0] || neg[2] != s[1] {
            return Err(LossError::shape(ID, name, format!("shape [{}, K, {}] (batch and width of features)", s[0], s[1]), fmt_shape(neg)));
        }
        if neg[1] == 0 {
            return Err(LossError::empty(ID, name, "at least one negative per anchor (K >= 1)"));
        }
    }
    Ok(())
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or("nce");
    let objective = match form {
        "nce" => {
            let m = c.i64_opt("num_data")?.ok_or_else(|| LossError::param(ID, "num_data", "the number of training samples M (form nce)", "no value"))?;
            if m < 1 {
                return Err(LossError::param(ID, "num_data", "a number of samples >= 1", format!("{m}")));
            }
            CrdObjective::Nce { num_data: m as u64, z: c.f64_opt("z")?, eps: c.f64("eps", 1e-7)? }
        }
        "softmax" => {
            for p in ["num_data", "z", "eps"] {
                if c.has_param(p) {
                    return Err(LossError::param(ID, p, "no value: it applies to form nce only", "a value"));
                }
            }
            CrdObjective::Softmax
        }
        _ => return Err(c.unknown_form(&["nce", "softmax"])),
    };
    let cfg = CrdConfig { temperature: c.f64("temperature", 0.07)?, objective, reduction: c.reduction(Reduction::Mean)? };
    let sn_shape = c.host_opt("student_negatives").map(|t| t.shape.clone());
    for name in ["features", "teacher_features"] {
        let shape = c.shape(name)?;
        if shape.len() != 2 {
            return Err(LossError::shape(ID, name, "shape [N, D]", fmt_shape(shape)));
        }
    }
    check_shapes(c.shape("features")?, c.shape("teacher_features")?, c.shape("teacher_negatives")?, sn_shape.as_deref())?;
    let sn = if sn_shape.is_some() { Some(c.float::<3>("student_negatives")?) } else { None };
    crd(c.float::<2>("features")?, c.float::<2>("teacher_features")?, c.float::<3>("teacher_negatives")?, sn, &cfg)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    fn x(n: usize, k: usize, d: usize, seed: u64, symmetric: bool) -> BTreeMap<String, HostTensor> {
        let mut v = vec![("features", randn(&[n, d], seed, 1.0)), ("teacher_features", randn(&[n, d], seed + 1, 1.0)), ("teacher_negatives", randn(&[n, k, d], seed + 2, 1.0))];
        if symmetric {
            v.push(("student_negatives", randn(&[n, k + 1, d], seed + 3, 1.0)));
        }
        inputs(v)
    }

    #[test]
    fn gradients_match_finite_differences() {
        // With Z given the loss is a plain function of every input.
        let p = params(json!({"num_data": 100, "z": 50.0, "temperature": 0.5}));
        assert_gradcheck(ID, None, &p, &x(3, 4, 5, 161, false));
        assert_gradcheck(ID, Some("nce"), &params(json!({"num_data": 1000, "z": 3000.0, "temperature": 0.2, "reduction": "none"})), &x(2, 3, 4, 162, true));
        assert_gradcheck(ID, Some("softmax"), &params(json!({"temperature": 0.3})), &x(3, 4, 5, 163, true));
    }

    #[test]
    fn estimated_z_is_a_constant() {
        // The estimated Z enters like a given z of the same value: same loss, same gradients.
        let xs = x(3, 4, 5, 164, true);
        let est = eval64(ID, None, &params(json!({"num_data": 200, "temperature": 0.5, "reduction": "none"})), &xs);
        // Recompute both directions' Z by hand from the normalized inputs.
        let unit = |v: &[f64]| {
            let n = v.iter().map(|a| a * a).sum::<f64>().sqrt();
            v.iter().map(|a| a / n).collect::<Vec<_>>()
        };
        let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
        let rows = |t: &HostTensor, d: usize| t.floats.chunks(d).map(unit).collect::<Vec<_>>();
        let (s, t) = (rows(&xs["features"], 5), rows(&xs["teacher_features"], 5));
        let tn = rows(&xs["teacher_negatives"], 5);
        let mut ex = vec![];
        for i in 0..3 {
            ex.push((dot(&s[i], &t[i]) / 0.5).exp());
            for k in 0..4 {
                ex.push((dot(&s[i], &tn[i * 4 + k]) / 0.5).exp());
            }
        }
        let z1 = 200.0 * ex.iter().sum::<f64>() / ex.len() as f64;
        // With one z for both directions the values differ unless the two estimates agree, so
        // compare the student-anchor direction alone (no student negatives).
        let mut one = xs.clone();
        one.remove("student_negatives");
        let a = eval64(ID, None, &params(json!({"num_data": 200, "temperature": 0.5, "reduction": "none"})), &one);
        let b = eval64(ID, None, &params(json!({"num_data": 200, "temperature": 0.5, "z": z1, "reduction": "none"})), &one);
        for (p, q) in a.loss.floats.iter().zip(&b.loss.floats) {
            assert!((p - q).abs() < 1e-12);
        }
        for name in ["features", "teacher_features", "teacher_negatives"] {
            for (p, q) in a.grads[name].floats.iter().zip(&b.grads[name].floats) {
                assert!((p - q).abs() < 1e-12, "{name}");
            }
        }
        assert!(est.loss.floats.iter().all(|v| v.is_finite()) && est.loss.shape == vec![3]);
    }

    #[test]
    fn value_is_the_formula() {
        // One anchor, D = 2, K = 1. Student (3, 0) -> (1, 0); teacher (0.6, 0.8); negative (0, 2) -> (0, 1).
        // Scores 0.6 and 0; tau = 0.5 -> u = (1.2, 0).
        let xs = inputs(vec![("features", f(&[1, 2], &[3.0, 0.0])), ("teacher_features", f(&[1, 2], &[0.6, 0.8])), ("teacher_negatives", f(&[1, 1, 2], &[0.0, 2.0]))]);
        // NCE with Z = 2, M = 10, eps = 0: P0 = e^1.2 / 2, P1 = 1/2, noise K/M = 0.1.
        let (p0, p1, c) = (1.2f64.exp() / 2.0, 0.5, 0.1);
        let want = -((p0 / (p0 + c)).ln() + (c / (p1 + c)).ln());
        let ev = eval64(ID, None, &params(json!({"num_data": 10, "z": 2.0, "eps": 0.0, "temperature": 0.5})), &xs);
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{} vs {want}", ev.loss.floats[0]);
        // eps = 1e-7 (default) enters both denominators.
        let want_eps = -((p0 / (p0 + c + 1e-7)).ln() + (c / (p1 + c + 1e-7)).ln());
        let ev = eval64(ID, None, &params(json!({"num_data": 10, "z": 2.0, "temperature": 0.5})), &xs);
        assert!((ev.loss.floats[0] - want_eps).abs() < 1e-12);
        // Estimated Z = M * mean(e^1.2, e^0) = 5 (e^1.2 + 1).
        let z = 5.0 * (1.2f64.exp() + 1.0);
        let (q0, q1) = (1.2f64.exp() / z, 1.0 / z);
        let want_z = -((q0 / (q0 + c)).ln() + (c / (q1 + c)).ln());
        let ev = eval64(ID, None, &params(json!({"num_data": 10, "eps": 0.0, "temperature": 0.5})), &xs);
        assert!((ev.loss.floats[0] - want_z).abs() < 1e-12);
        // Softmax form: -log(e^1.2 / (e^1.2 + 1)).
        let ev = eval64(ID, Some("softmax"), &params(json!({"temperature": 0.5})), &xs);
        assert!((ev.loss.floats[0] - (1.0 + (-1.2f64).exp()).ln()).abs() < 1e-12);
        // Symmetric term: teacher anchor (0.6, 0.8), positive (1, 0) (score 0.6), student negative (0, 1) (score 0.8).
        let mut sym = xs.clone();
        sym.insert("student_negatives".into(), f(&[1, 1, 2], &[0.0, 1.0]));
        let ev = eval64(ID, Some("softmax"), &params(json!({"temperature": 0.5})), &sym);
        let want = (1.0 + (-1.2f64).exp()).ln() + (1.0 + (1.6f64 - 1.2).exp()).ln();
        assert!((ev.loss.floats[0] - want).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        // Tiny temperature (scores up to 1e4) and huge or tiny embeddings.
        let mut xs = x(2, 3, 4, 165, true);
        xs.get_mut("features").unwrap().floats.iter_mut().for_each(|v| *v *= 1e12);
        xs.get_mut("teacher_negatives").unwrap().floats.iter_mut().for_each(|v| *v *= 1e-12);
        assert_finite(ID, None, &params(json!({"num_data": 50000, "temperature": 1e-4})), &xs);
        assert_finite(ID, Some("softmax"), &params(json!({"temperature": 1e-4})), &xs);
        assert_finite(ID, None, &params(json!({"num_data": 50000, "z": 1e-300, "temperature": 0.07})), &xs);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let xs = x(2, 3, 4, 166, false);
        let p = params(json!({"num_data": 100}));
        assert_error(ID, None, &params(json!({})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"num_data": 0})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"num_data": 100, "temperature": 0.0})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"num_data": 100, "z": -1.0})), &xs, ErrorKind::Param);
        assert_error(ID, Some("softmax"), &params(json!({"num_data": 100})), &xs, ErrorKind::Param);
        assert_error(ID, Some("memory-bank"), &p, &xs, ErrorKind::Unsupported);
        let mut bad = xs.clone();
        bad.insert("teacher_negatives".into(), randn(&[2, 3, 5], 1, 1.0));
        assert_error(ID, None, &p, &bad, ErrorKind::Shape);
        bad.insert("teacher_negatives".into(), f(&[2, 0, 4], &[]));
        assert_error(ID, None, &p, &bad, ErrorKind::Empty);
        let mut bad = xs.clone();
        bad.insert("teacher_features".into(), randn(&[3, 4], 1, 1.0));
        assert_error(ID, None, &p, &bad, ErrorKind::Shape);
        let mut bad = xs.clone();
        bad.insert("student_negatives".into(), randn(&[1, 3, 4], 1, 1.0));
        assert_error(ID, None, &p, &bad, ErrorKind::Shape);
        let empty = inputs(vec![("features", f(&[0, 4], &[])), ("teacher_features", f(&[0, 4], &[])), ("teacher_negatives", f(&[0, 3, 4], &[]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
