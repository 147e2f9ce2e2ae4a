//! Fair supervised contrastive learning (FSCL): a supervised contrastive loss on embeddings whose
//! negatives are restricted to samples that share the anchor's sensitive attribute, so that the
//! representation cannot separate classes by the sensitive attribute. Follows the authors'
//! `FairSupConLoss` (github.com/sungho-CoolG/FSCL): methods "FSCL" and "FSCL*", contrast modes
//! "all" and "one", and the group-wise normalization of FSCL+.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{fmt_shape, LossError};
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "contrastive-fairness";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Contrastive Fairness Loss (FSCL)",
    aliases: &["FSCL", "Fair Supervised Contrastive Loss", "FSCL+", "FairSupConLoss"],
    kind: Kind::Loss,
    domains: &["calibration-fairness", "metric-learning", "self-supervised"],
    year: 2022,
    paper: Paper {
        title: "Fair Contrastive Learning for Facial Attribute Classification",
        authors: "Sungho Park, Jewook Lee, Pilhyeon Lee, Sunhee Hwang, Dohyung Kim, Hyeran Byun",
        venue: "CVPR",
        year: 2022,
        url: "https://arxiv.org/abs/2203.16209",
    },
    summary: "A supervised contrastive loss for learning fair representations: the positives of an anchor are the other samples (and views) of its target class, and its softmax denominator holds only the samples of other classes that share the anchor's sensitive attribute, so the encoder cannot separate classes by encoding the sensitive attribute. FSCL+ (group_norm) also divides each anchor's loss by the number of same-class same-group positives plus one, so that small demographic groups weigh as much as large ones. Train the encoder on two augmented views, then fit a linear classifier on the frozen features; it needs sensitive-attribute labels during pre-training, and an anchor with no such negative falls back, as in the authors' code, to its similarities relative to the row maximum.",
    formula: r"\ell_a = -\frac{\tau}{\tau_b}\,\frac{1}{|P(a)|}\sum_{p \in P(a)} \Bigl(s_{ap} - \log \sum_{n \in N(a)} e^{s_{an}}\Bigr),\quad s_{ab} = \frac{z_a \cdot z_b}{\tau},\quad P(a) = \{p \neq a: y_p = y_a\},\ N(a) = \{n: y_n \neq y_a,\ g_n = g_a\},\quad L = \frac{1}{|A|}\sum_{a \in A} \ell_a",
    inputs: &[
        Input { name: "embeddings", shape: "[N, V, D...]", meaning: "V views of each sample's embedding (the authors L2-normalize them in the projection head; the loss uses them as given); trailing dims are flattened" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "target class of each sample (form fscl; not taken by fscl-star)" },
        Input { name: "groups", shape: "[N] (i64)", meaning: "sensitive attribute of each sample" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.07), range: Range::POSITIVE, meaning: "softmax temperature of the dot products" },
        Param { name: "base_temperature", symbol: r"\tau_b", default: Value::Float(0.07), range: Range::POSITIVE, meaning: "the loss is scaled by temperature / base_temperature" },
        Param { name: "contrast_mode", symbol: "", default: Value::Str("all"), range: Range::Choice { values: &["all", "one"] }, meaning: "anchors: every view of every sample (all) or only the first view (one)" },
        Param { name: "group_norm", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "FSCL+: average over the same-group positives and weight each anchor by (|A| / 8) / (same-group positives + 1), the authors' group-wise normalization with their fixed constant 8" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["supcon", "nt-xent", "demographic-parity", "equalized-odds", "adversarial-debiasing"],
    forms: &[
        Form { name: "fscl", description: "method FSCL of the authors' FairSupConLoss (default): positives are the other samples and views of the anchor's class; the denominator runs over the other-class samples that share the anchor's sensitive attribute. An anchor without positives contributes 0 (the authors' code divides 0 by 0; the current SupContrast code it builds on gives 0)." },
        Form { name: "fscl-star", description: "method FSCL* (no target labels): positives are the anchor's other views; the denominator runs over every other sample and view that shares the anchor's sensitive attribute. Needs at least two views." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle of sample 0's second view from its first (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Three samples with two 2-D views each: sample 0 (class 0, group 0) has its second view at
/// angle x; sample 1 (class 1, group 0) is its same-group negative; sample 2 (class 0, group 1)
/// another positive.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    let (c, s) = (x.cos(), x.sin());
    PlotInput {
        form: None,
        params: serde_json::json!({"temperature": 0.5, "base_temperature": 0.5}),
        inputs: vec![
            ("embeddings", HostTensor::from_f64(vec![3, 2, 2], vec![1.0, 0.0, c, s, 0.0, 1.0, -0.6, 0.8, 0.8, 0.6, 0.6, -0.8])),
            ("labels", HostTensor::from_i64(vec![3], vec![0, 1, 0])),
            ("groups", HostTensor::from_i64(vec![3], vec![0, 0, 1])),
        ],
        wrt: "embeddings",
        index: 2,
    }
}

/// Which of the authors' methods defines positives and negatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FsclMethod {
    /// FSCL: positives share the class; negatives have another class and the same group.
    Supervised,
    /// FSCL*: positives are the anchor's other views; negatives are all others of the same group.
    Unsupervised,
}

/// Which rows are anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContrastMode {
    /// Every view of every sample.
    All,
    /// Only the first view of each sample.
    One,
}

/// Options of the authors' `FairSupConLoss`; `Default` equals their defaults (method FSCL,
/// contrast mode all, temperatures 0.07, group_norm off).
#[derive(Debug, Clone, PartialEq)]
pub struct FsclConfig {
    pub method: FsclMethod,
    pub temperature: f64,
    pub base_temperature: f64,
    pub contrast_mode: ContrastMode,
    pub group_norm: bool,
}

impl Default for FsclConfig {
    fn default() -> Self {
        FsclConfig { method: FsclMethod::Supervised, temperature: 0.07, base_temperature: 0.07, contrast_mode: ContrastMode::All, group_norm: false }
    }
}

/// Per-anchor host data: positive and negative masks over the contrast columns, and the
/// divisors of the mean over positives.
struct Pairs {
    pos: Vec<f64>,
    neg: Vec<f64>,
    /// 1 where the anchor has no negative: its denominator falls back to the row maximum.
    no_neg: Vec<f64>,
    /// Divisor of each anchor's sum over positives (at least 1).
    divisor: Vec<f64>,
    /// Extra weight of each anchor (FSCL+), 1 otherwise.
    weight: Vec<f64>,
}

fn pairs(labels: Option<&[i64]>, groups: &[i64], n: usize, views: usize, anchors: usize, cfg: &FsclConfig) -> Pairs {
    let cols = n * views;
    let (mut pos, mut neg) = (vec![0.0; anchors * cols], vec![0.0; anchors * cols]);
    let (mut no_neg, mut divisor, mut weight) = (vec![0.0; anchors], vec![1.0; anchors], vec![1.0; anchors]);
    for a in 0..anchors {
        let i = a % n;
        let (mut n_pos, mut n_pos_same_group, mut n_neg) = (0usize, 0usize, 0usize);
        for c in (0..cols).filter(|&c| c != a) {
            let j = c % n;
            let same_group = groups[i] == groups[j];
            let (is_pos, is_neg) = match (cfg.method, labels) {
                (FsclMethod::Supervised, Some(y)) => (y[i] == y[j], y[i] != y[j] && same_group),
                _ => (i == j, same_group),
            };
            if is_pos {
                pos[a * cols + c] = 1.0;
                n_pos += 1;
                n_pos_same_group += same_group as usize;
            }
            if is_neg {
                neg[a * cols + c] = 1.0;
                n_neg += 1;
            }
        }
        if n_neg == 0 {
            no_neg[a] = 1.0;
            neg[a * cols..(a + 1) * cols].fill(1.0);
        }
        let count = if cfg.group_norm { n_pos_same_group } else { n_pos };
        divisor[a] = count.max(1) as f64;
        if cfg.group_norm {
            weight[a] = anchors as f64 / 8.0 / (n_pos_same_group as f64 + 1.0);
        }
    }
    Pairs { pos, neg, no_neg, divisor, weight }
}

/// The authors' `FairSupConLoss(temperature, contrast_mode, base_temperature)(features, labels,
/// sensitive_labels, group_norm, method)`: `embeddings` `[N, V, D]`, `labels` (FSCL only) and
/// `groups` `[N]`; the mean over anchors as a scalar.
pub fn contrastive_fairness(embeddings: Tensor<3>, labels: Option<Tensor<1, Int>>, groups: Tensor<1, Int>, cfg: &FsclConfig) -> Result<LossTensor, LossError> {
    let [n, views, d] = embeddings.dims();
    numerics::non_empty(ID, "embeddings", &[n, views, d])?;
    numerics::positive_param(ID, "temperature", cfg.temperature)?;
    numerics::positive_param(ID, "base_temperature", cfg.base_temperature)?;
    let labels = match (cfg.method, labels) {
        (FsclMethod::Supervised, None) => return Err(LossError::missing(ID, "labels", "target classes [N] for method FSCL")),
        (FsclMethod::Supervised, Some(l)) => {
            numerics::same_shape(ID, "labels", &l.dims(), "embeddings' first axis", &[n])?;
            Some(numerics::host_i64(&l))
        }
        (FsclMethod::Unsupervised, _) => None,
    };
    numerics::same_shape(ID, "groups", &groups.dims(), "embeddings' first axis", &[n])?;
    if cfg.method == FsclMethod::Unsupervised && views < 2 {
        return Err(LossError::shape(ID, "embeddings", "at least 2 views [N, V >= 2, D] (FSCL* contrasts views of the same sample)", fmt_shape(&[n, views, d])));
    }
    let groups = numerics::host_i64(&groups);

    // Rows of `contrast` are view-major: row v * N + i is view v of sample i.
    let contrast = embeddings.swap_dims(0, 1).reshape([views * n, d]);
    let anchors = match cfg.contrast_mode {
        ContrastMode::All => views * n,
        ContrastMode::One => n,
    };
    let anchor = contrast.clone().slice([0..anchors, 0..d]);
    let cols = views * n;
    let sim = anchor.matmul(contrast.transpose()).mul_scalar(1.0 / cfg.temperature);

    let p = pairs(labels.as_deref(), &groups, n, views, anchors, cfg);
    let pos = numerics::tensor_like(&sim, p.pos, [anchors, cols]);
    let neg = numerics::tensor_like(&sim, p.neg, [anchors, cols]).equal_elem(0.0);
    let no_neg = numerics::tensor_like(&sim, p.no_neg, [anchors, 1]).equal_elem(1.0);
    // log-sum-exp over the negatives; an anchor without negatives uses its (detached) row
    // maximum, which is where the authors' shifted logits minus log(0 + 1) land.
    let lse = numerics::logsumexp(sim.clone().mask_fill(neg, f64::NEG_INFINITY), 1);
    let denom = lse.mask_where(no_neg, sim.clone().detach().max_dim(1));
    let log_prob = sim - denom;
    let inv_divisor = numerics::tensor_like(&pos, p.divisor.iter().map(|c| 1.0 / c).collect(), [anchors, 1]);
    let scale = numerics::tensor_like(&pos, p.weight.iter().map(|w| -w * cfg.temperature / cfg.base_temperature).collect(), [anchors, 1]);
    let per_anchor = (pos * log_prob).sum_dim(1) * inv_divisor * scale;
    Ok(LossTensor::scalar(per_anchor.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let method = match c.form() {
        None | Some("fscl") => FsclMethod::Supervised,
        Some("fscl-star") => FsclMethod::Unsupervised,
        Some(_) => return Err(c.unknown_form(&["fscl", "fscl-star"])),
    };
    let contrast_mode = match c.str("contrast_mode", "all")? {
        "all" => ContrastMode::All,
        "one" => ContrastMode::One,
        other => return Err(LossError::param(ID, "contrast_mode", "\"all\" or \"one\"", other)),
    };
    let cfg = FsclConfig {
        method,
        temperature: c.f64("temperature", 0.07)?,
        base_temperature: c.f64("base_temperature", 0.07)?,
        contrast_mode,
        group_norm: c.bool("group_norm", false)?,
    };
    let shape = c.shape("embeddings")?;
    if shape.len() < 3 {
        return Err(LossError::shape(ID, "embeddings", "[N, V, D...] with at least 3 dimensions", fmt_shape(shape)));
    }
    let flat = shape[2..].iter().product();
    let embeddings = c.float_reshaped::<3>("embeddings", [shape[0], shape[1], flat])?;
    let labels = match method {
        FsclMethod::Supervised => Some(c.int::<1>("labels")?),
        FsclMethod::Unsupervised => None,
    };
    contrastive_fairness(embeddings, labels, c.int::<1>("groups")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    /// The authors' algorithm transcribed in plain f64 loops (shifted logits, `log(sum + [sum ==
    /// 0])`, tiled masks, FSCL+ normalization), with an anchor without positives giving 0.
    fn reference(x: &[f64], n: usize, v: usize, d: usize, y: Option<&[i64]>, g: &[i64], tau: f64, tau_b: f64, one: bool, group_norm: bool) -> f64 {
        let feat = |r: usize| -> Vec<f64> {
            let (view, i) = (r / n, r % n);
            x[(i * v + view) * d..(i * v + view + 1) * d].to_vec()
        };
        let cols = n * v;
        let anchors = if one { n } else { cols };
        let mut total = 0.0;
        for a in 0..anchors {
            let za = feat(a);
            let logits: Vec<f64> = (0..cols).map(|c| za.iter().zip(feat(c)).map(|(p, q)| p * q).sum::<f64>() / tau).collect();
            let max = logits.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let shifted: Vec<f64> = logits.iter().map(|l| l - max).collect();
            let (i, mut sum, mut npos, mut npos_g, mut acc) = (a % n, 0.0, 0.0, 0.0, 0.0);
            let class = |c: usize| match y {
                Some(y) => y[i] == y[c % n],
                None => i == c % n,
            };
            for c in (0..cols).filter(|&c| c != a) {
                let negative = if y.is_some() { !class(c) && g[i] == g[c % n] } else { g[i] == g[c % n] };
                if negative {
                    sum += shifted[c].exp();
                }
            }
            let log_den = (sum + if sum == 0.0 { 1.0 } else { 0.0 }).ln();
            for c in (0..cols).filter(|&c| c != a && class(c)) {
                acc += shifted[c] - log_den;
                npos += 1.0;
                npos_g += if g[i] == g[c % n] { 1.0 } else { 0.0 };
            }
            let div: f64 = if group_norm { npos_g } else { npos };
            let mut l = -(tau / tau_b) * acc / div.max(1.0);
            if group_norm {
                l *= anchors as f64 / 8.0 / (npos_g + 1.0);
            }
            total += l;
        }
        total / anchors as f64
    }

    const Y: [i64; 6] = [0, 1, 0, 1, 0, 1];
    const G: [i64; 6] = [0, 0, 1, 1, 0, 1];

    fn batch(seed: u64, v: usize) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[6, v, 3], seed, 0.6)), ("labels", i(&[6], &Y)), ("groups", i(&[6], &G))])
    }

    #[test]
    fn matches_the_authors_algorithm() {
        // G2: group 1 holds only class 0, so samples 2 and 4 have no negative (the fallback).
        const G2: [i64; 6] = [0, 0, 1, 0, 1, 0];
        for (seed, v, groups) in [(1, 2, G), (2, 1, G), (3, 3, G), (4, 2, G2), (5, 1, G2)] {
            let mut x = batch(seed, v);
            x.insert("groups".into(), i(&[6], &groups));
            let data = x["embeddings"].floats.clone();
            for one in [false, true] {
                for group_norm in [false, true] {
                    for (tau, tau_b) in [(0.07, 0.07), (0.5, 0.1)] {
                        let mode = if one { "one" } else { "all" };
                        let p = params(json!({"temperature": tau, "base_temperature": tau_b, "contrast_mode": mode, "group_norm": group_norm}));
                        let got = eval64(ID, None, &p, &x).loss.floats[0];
                        let want = reference(&data, 6, v, 3, Some(&Y), &groups, tau, tau_b, one, group_norm);
                        assert!((got - want).abs() <= 1e-10 * want.abs().max(1.0), "fscl v={v} {mode} gn={group_norm}: {got} vs {want}");
                        if v >= 2 {
                            let xs = inputs(vec![("embeddings", x["embeddings"].clone()), ("groups", i(&[6], &groups))]);
                            let got = eval64(ID, Some("fscl-star"), &p, &xs).loss.floats[0];
                            let want = reference(&data, 6, v, 3, None, &groups, tau, tau_b, one, group_norm);
                            assert!((got - want).abs() <= 1e-10 * want.abs().max(1.0), "fscl* v={v} {mode} gn={group_norm}: {got} vs {want}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn value_is_the_formula() {
        // One view, tau = tau_b = 1. Unit vectors e1 (class 0, group 0), e2 (class 0, group 0),
        // -e1 (class 1, group 0). Anchor 0: positive 1 (s = 0), negative 2 (s = -1):
        // -(0 - (-1)) = -1. Anchor 1: positive 0 (s = 0), negative 2 (s = 0): 0. Anchor 2: no
        // positive: 0. Mean -1/3 (the denominator holds no positive, so the loss can go below 0).
        let x = inputs(vec![
            ("embeddings", f(&[3, 1, 2], &[1.0, 0.0, 0.0, 1.0, -1.0, 0.0])),
            ("labels", i(&[3], &[0, 0, 1])),
            ("groups", i(&[3], &[0, 0, 0])),
        ]);
        let ev = eval64(ID, None, &params(json!({"temperature": 1.0, "base_temperature": 1.0})), &x);
        assert!((ev.loss.floats[0] + 1.0 / 3.0).abs() < 1e-12, "{:?}", ev.loss.floats);
    }

    #[test]
    fn invariant_to_sample_order_and_group_names() {
        let x = batch(6, 2);
        let p = params(json!({"group_norm": true}));
        let base = eval64(ID, None, &p, &x).loss.floats[0];
        // Reverse the samples (each sample keeps its views, label and group).
        let e = &x["embeddings"].floats;
        let rev: Vec<f64> = (0..6).rev().flat_map(|s| e[s * 6..(s + 1) * 6].to_vec()).collect();
        let (y, g): (Vec<i64>, Vec<i64>) = (Y.iter().rev().cloned().collect(), G.iter().rev().map(|g| 7 - 3 * g).collect());
        let xr = inputs(vec![("embeddings", f(&[6, 2, 3], &rev)), ("labels", i(&[6], &y)), ("groups", i(&[6], &g))]);
        let got = eval64(ID, None, &p, &xr).loss.floats[0];
        assert!((got - base).abs() < 1e-12 * base.abs().max(1.0), "{got} vs {base}");
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, v, gn) in [(1, 2, false), (4, 2, true), (5, 1, false)] {
            assert_gradcheck(ID, None, &params(json!({"temperature": 0.5, "group_norm": gn})), &batch(seed, v));
        }
        let xs = inputs(vec![("embeddings", randn(&[6, 2, 3], 8, 0.6)), ("groups", i(&[6], &G))]);
        assert_gradcheck(ID, Some("fscl-star"), &params(json!({"temperature": 0.3, "contrast_mode": "one"})), &xs);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-8, 1e2, 1e4] {
            let x = inputs(vec![("embeddings", randn(&[6, 2, 3], 3, scale)), ("labels", i(&[6], &Y)), ("groups", i(&[6], &G))]);
            assert_finite(ID, None, &params(json!({"temperature": 1e-3, "group_norm": true})), &x);
        }
        // A single class and group: no anchor has a negative; one sample: no positive either.
        let x = inputs(vec![("embeddings", randn(&[3, 2, 3], 3, 1.0)), ("labels", i(&[3], &[0, 0, 0])), ("groups", i(&[3], &[1, 1, 1]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("embeddings", randn(&[1, 1, 3], 3, 1.0)), ("labels", i(&[1], &[0])), ("groups", i(&[1], &[0]))]);
        assert_eq!(assert_finite(ID, None, &params(json!({})), &x).loss.floats[0], 0.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("embeddings", randn(&[6, 3], 3, 1.0)), ("labels", i(&[6], &Y)), ("groups", i(&[6], &G))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("embeddings", randn(&[6, 2, 3], 3, 1.0)), ("labels", i(&[5], &Y[..5])), ("groups", i(&[6], &G))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("embeddings", randn(&[6, 2, 3], 3, 1.0)), ("labels", i(&[6], &Y)), ("groups", i(&[4], &G[..4]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("embeddings", randn(&[6, 1, 3], 3, 1.0)), ("groups", i(&[6], &G))]);
        assert_error(ID, Some("fscl-star"), &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("embeddings", randn(&[6, 2, 3], 3, 1.0)), ("groups", i(&[6], &G))]);
        assert_error(ID, None, &p, &x, ErrorKind::Missing);
        let x = inputs(vec![("embeddings", randn(&[6, 2, 3], 3, 1.0)), ("labels", f(&[6], &[0.0; 6])), ("groups", i(&[6], &G))]);
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        for bad in [json!({"temperature": 0.0}), json!({"base_temperature": "nan"}), json!({"contrast_mode": "some"}), json!({"group_norm": 1.5})] {
            assert_error(ID, None, &params(bad), &batch(1, 2), ErrorKind::Param);
        }
        let empty = inputs(vec![("embeddings", f(&[0, 2, 3], &[])), ("labels", i(&[0], &[])), ("groups", i(&[0], &[]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
