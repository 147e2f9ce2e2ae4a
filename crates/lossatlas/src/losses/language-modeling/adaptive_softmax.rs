//! Adaptive softmax: a two-level softmax that keeps frequent words in a head and puts rare words in
//! smaller tail clusters, to cut the cost of large-vocabulary cross-entropy.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "adaptive-softmax";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Adaptive Softmax",
    aliases: &["AdaptiveLogSoftmaxWithLoss"],
    kind: Kind::Loss,
    domains: &["language-modeling", "classification"],
    year: 2017,
    paper: Paper {
        title: "Efficient softmax approximation for GPUs",
        authors: "Grave, E., Joulin, A., Cissé, M., Grangier, D., Jégou, H.",
        venue: "ICML",
        year: 2017,
        url: "https://arxiv.org/abs/1609.04309",
    },
    summary: "Splits the vocabulary by frequency into a head (frequent words plus one token per tail cluster) and tail clusters of decreasing projection size; the log-probability of a rare word is that of its cluster in the head plus its log-probability within the cluster. Most tokens only need the small head softmax, which speeds up language-model training considerably on GPUs while staying an exact normalized distribution. The cutoffs and the div_value that shrinks tail projections must be chosen from word frequencies.",
    formula: r"\log p(y \mid h) = \begin{cases} \log\operatorname{softmax}(W_0 h + b_0)_y & y < c_0 \\ \log\operatorname{softmax}(W_0 h + b_0)_{c_0 + k - 1} + \log\operatorname{softmax}(U_k P_k h)_{y - c_{k-1}} & c_{k-1} \le y < c_k \end{cases},\quad L = -\frac{1}{N}\sum_i \log p(y_i \mid h_i)",
    inputs: &[
        Input { name: "hidden", shape: "[N, H] (or [H])", meaning: "input features (hidden states)" },
        Input { name: "targets", shape: "[N] (or []) (i64)", meaning: "class indices, sorted by frequency (0 most frequent)" },
        Input { name: "head_weight", shape: "[c_0 + K, H]", meaning: "head projection (module `head.weight`): the shortlist classes then one row per tail cluster" },
        Input { name: "head_bias", shape: "[c_0 + K]", meaning: "head bias (`head.bias`), only with head_bias = true" },
        Input { name: "tail_<k>_0_weight", shape: "[floor(H / div^(k+1)), H]", meaning: "projection of tail cluster k = 0..K-1 (`tail.k.0.weight`)" },
        Input { name: "tail_<k>_1_weight", shape: "[c_(k+1) - c_k, floor(H / div^(k+1))]", meaning: "output layer of tail cluster k (`tail.k.1.weight`)" },
    ],
    params: &[
        Param { name: "in_features", symbol: "H", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "input dimension (checked against hidden)" },
        Param { name: "n_classes", symbol: "", default: Value::Null, range: Range::Integer { min: 2, max: i64::MAX }, meaning: "vocabulary size (required)" },
        Param { name: "cutoffs", symbol: "c", default: Value::Null, range: Range::Any, meaning: "increasing class-index boundaries of the clusters, each in [1, n_classes - 1] (required)" },
        Param { name: "div_value", symbol: "", default: Value::Float(4.0), range: Range::POSITIVE, meaning: "factor by which each tail cluster's projection shrinks" },
        Param { name: "head_bias", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "whether the head has a bias (input head_bias)" },
        Param::REDUCTION_MEAN,
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
    equivalents: &[
        "torch.nn.AdaptiveLogSoftmaxWithLoss",
    ],
    related: &["cross-entropy", "hierarchical-softmax", "sampled-softmax", "next-token-prediction"],
    forms: &[
        Form { name: "torch", description: "torch.nn.AdaptiveLogSoftmaxWithLoss(in_features, n_classes, cutoffs, div_value, head_bias)(hidden, targets) with the module's weights given as inputs (state-dict names with dots as underscores): the head scores the shortlist and one token per cluster; a tail target adds the log-softmax of its cluster (two bias-free projections, the first of size floor(in_features / div_value^(i+1))). The loss is the mean negative log-probability (PyTorch's `loss`); reduction sum or none (the negated `output`) are offered too. An unbatched hidden [H] with a 0-d target gives a scalar. No reference cases: checked by hand, by normalization of the full distribution and by finite differences." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "first hidden feature (target in the tail cluster)", from: -4.0, to: 4.0, at: plot_at }),
    ..Entry::BLANK
};

/// H = 2, three classes, cutoffs [1]: the target (class 2) lies in the tail cluster.
fn plot_at(x: f64) -> PlotInput {
    let t = |shape: Vec<usize>, v: Vec<f64>| crate::eval::HostTensor::from_f64(shape, v);
    PlotInput {
        form: None,
        params: serde_json::json!({"n_classes": 3, "cutoffs": [1], "div_value": 2.0}),
        inputs: vec![
            ("hidden", t(vec![1, 2], vec![x, 1.0])),
            ("targets", crate::eval::HostTensor::from_i64(vec![1], vec![2])),
            ("head_weight", t(vec![2, 2], vec![0.5, -0.2, -0.3, 0.4])),
            ("tail_0_0_weight", t(vec![1, 2], vec![1.0, 0.5])),
            ("tail_0_1_weight", t(vec![2, 1], vec![0.7, -0.6])),
        ],
        wrt: "hidden",
        index: 0,
    }
}


/// Options of `torch.nn.AdaptiveLogSoftmaxWithLoss`; the defaults are PyTorch's where it has them.
#[derive(Debug, Clone, PartialEq)]
pub struct AdaptiveSoftmaxConfig {
    pub n_classes: usize,
    /// Cluster boundaries, without `n_classes`.
    pub cutoffs: Vec<usize>,
    pub div_value: f64,
    pub reduction: Reduction,
}

impl AdaptiveSoftmaxConfig {
    /// PyTorch's constructor checks: unique, sorted, positive cutoffs below `n_classes`.
    fn validate(&self) -> Result<(), LossError> {
        numerics::positive_param(ID, "div_value", self.div_value)?;
        let c = &self.cutoffs;
        if c.is_empty() || c.windows(2).any(|w| w[0] >= w[1]) || c[0] == 0 || *c.last().unwrap() + 1 > self.n_classes {
            return Err(LossError::param(ID, "cutoffs", format!("unique, positive, increasing integers in [1, {}]", self.n_classes.saturating_sub(1)), format!("{c:?}")));
        }
        Ok(())
    }

    /// Rows of the head: the shortlist and one token per tail cluster.
    pub fn head_size(&self) -> usize {
        self.cutoffs[0] + self.cutoffs.len()
    }

    /// `(hidden size, output size)` of tail cluster `k`, as PyTorch sizes them:
    /// `int(in_features // div_value ** (k + 1))` and the cluster's class count.
    pub fn tail_sizes(&self, in_features: usize, k: usize) -> (usize, usize) {
        let hsz = (in_features as f64 / self.div_value.powi(k as i32 + 1)).floor().max(0.0) as usize;
        let bounds: Vec<usize> = self.cutoffs.iter().copied().chain([self.n_classes]).collect();
        (hsz, bounds[k + 1] - bounds[k])
    }
}

/// The module's weights: `head_weight [c_0 + K, H]`, optional `head_bias`, and for every tail
/// cluster its projection `[hsz, H]` and output layer `[osz, hsz]`, or `None` when `hsz` is 0
/// (PyTorch then scores every class of the cluster 0).
#[derive(Debug, Clone)]
pub struct AdaptiveSoftmaxWeights {
    pub head_weight: Tensor<2>,
    pub head_bias: Option<Tensor<1>>,
    pub tail: Vec<Option<(Tensor<2>, Tensor<2>)>>,
}

fn check_weights(h: usize, cfg: &AdaptiveSoftmaxConfig, head: &[usize], bias: Option<&[usize]>, tail: &[(Vec<usize>, Vec<usize>)]) -> Result<(), LossError> {
    numerics::same_shape(ID, "head_weight", head, "[shortlist + clusters, in_features]", &[cfg.head_size(), h])?;
    if let Some(b) = bias {
        numerics::same_shape(ID, "head_bias", b, "[shortlist + clusters]", &[cfg.head_size()])?;
    }
    if tail.len() != cfg.cutoffs.len() {
        return Err(LossError::shape(ID, "tail", format!("{} tail clusters", cfg.cutoffs.len()), format!("{}", tail.len())));
    }
    for (k, (p, o)) in tail.iter().enumerate() {
        let (hsz, osz) = cfg.tail_sizes(h, k);
        numerics::same_shape(ID, &format!("tail_{k}_0_weight"), p, "[hsz, in_features]", &[hsz, h])?;
        numerics::same_shape(ID, &format!("tail_{k}_1_weight"), o, "[osz, hsz]", &[osz, hsz])?;
    }
    Ok(())
}

/// `torch.nn.AdaptiveLogSoftmaxWithLoss(...)(hidden, targets)` with the given weights: per row
/// `-log p(y | h)`, reduced by `cfg.reduction` (PyTorch's `loss` is the mean).
pub fn adaptive_softmax(hidden: Tensor<2>, targets: Tensor<1, Int>, w: &AdaptiveSoftmaxWeights, cfg: &AdaptiveSoftmaxConfig) -> Result<LossTensor, LossError> {
    cfg.validate()?;
    let [n, h] = hidden.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of hidden", &[n])?;
    numerics::non_empty(ID, "hidden", &[n, h])?;
    let tail_dims: Vec<(Vec<usize>, Vec<usize>)> = w
        .tail
        .iter()
        .enumerate()
        .map(|(k, t)| match t {
            Some((p, o)) => (p.dims().to_vec(), o.dims().to_vec()),
            None => {
                let (hsz, osz) = cfg.tail_sizes(h, k);
                (vec![hsz, h], vec![osz, hsz])
            }
        })
        .collect();
    check_weights(h, cfg, &w.head_weight.dims(), w.head_bias.as_ref().map(|b| b.dims().to_vec()).as_deref(), &tail_dims)?;
    let labels = numerics::host_i64(&targets);
    numerics::labels_in_range(ID, "targets", &labels, cfg.n_classes, None)?;

    let shortlist = cfg.cutoffs[0];
    let bounds: Vec<usize> = std::iter::once(0).chain(cfg.cutoffs.iter().copied()).chain([cfg.n_classes]).collect();
    let cluster_of = |y: usize| bounds.windows(2).position(|b| y >= b[0] && y < b[1]).expect("labels checked");
    // Head column of each row: the class itself in the shortlist, else its cluster's token.
    let gather: Vec<i64> = labels.iter().map(|&y| { let c = cluster_of(y as usize); if c == 0 { y } else { (shortlist + c - 1) as i64 } }).collect();
    let mut head = hidden.clone().matmul(w.head_weight.clone().transpose());
    if let Some(b) = &w.head_bias {
        head = head + b.clone().reshape([1, cfg.head_size()]);
    }
    let head_lp = numerics::log_softmax(head, 1).gather(1, numerics::ints_like(&hidden, gather, [n, 1])).reshape([n]);

    // Tail terms: each cluster's rows, in cluster order, then put back in row order.
    let mut order: Vec<usize> = (0..n).filter(|&r| cluster_of(labels[r] as usize) == 0).collect();
    let mut parts: Vec<Tensor<1>> = vec![];
    if !order.is_empty() {
        parts.push(numerics::full_like(&hidden, [order.len()], 0.0));
    }
    for (k, weights) in w.tail.iter().enumerate() {
        let rows: Vec<usize> = (0..n).filter(|&r| cluster_of(labels[r] as usize) == k + 1).collect();
        if rows.is_empty() {
            continue;
        }
        let m = rows.len();
        let (hsz, osz) = cfg.tail_sizes(h, k);
        let idx = numerics::ints_like(&hidden, rows.iter().map(|&r| r as i64).collect(), [m]);
        let z = match weights {
            Some((proj, out)) if hsz > 0 => hidden.clone().select(0, idx).matmul(proj.clone().transpose()).matmul(out.clone().transpose()),
            // A zero-width projection gives zero scores (PyTorch's empty matmul).
            _ => numerics::full_like(&hidden, [m, osz], 0.0),
        };
        let rel: Vec<i64> = rows.iter().map(|&r| labels[r] - bounds[k + 1] as i64).collect();
        parts.push(numerics::log_softmax(z, 1).gather(1, numerics::ints_like(&hidden, rel, [m, 1])).reshape([m]));
        order.extend(rows);
    }
    let mut inverse = vec![0i64; n];
    for (pos, &row) in order.iter().enumerate() {
        inverse[row] = pos as i64;
    }
    let tail_lp = Tensor::cat(parts, 0).select(0, numerics::ints_like(&hidden, inverse, [n]));
    let per = (head_lp + tail_lp).neg();
    Ok(reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("torch") => {}
        Some(_) => return Err(c.unknown_form(&["torch"])),
    }
    let n_classes = c.i64_opt("n_classes")?.ok_or_else(|| LossError::missing(ID, "n_classes", "the parameter n_classes"))?;
    let cutoffs = c.i64_list_opt("cutoffs")?.ok_or_else(|| LossError::missing(ID, "cutoffs", "the parameter cutoffs"))?;
    if n_classes < 2 || cutoffs.iter().any(|v| *v < 1) {
        return Err(LossError::param(ID, "cutoffs", "positive cutoffs and n_classes >= 2", format!("{cutoffs:?}, n_classes {n_classes}")));
    }
    let cfg = AdaptiveSoftmaxConfig {
        n_classes: n_classes as usize,
        cutoffs: cutoffs.iter().map(|v| *v as usize).collect(),
        div_value: c.f64("div_value", 4.0)?,
        reduction: c.reduction(Reduction::Mean)?,
    };
    cfg.validate()?;
    let with_bias = c.bool("head_bias", false)?;
    if with_bias != c.has("head_bias") {
        return Err(LossError::missing(ID, "head_bias", if with_bias { "the input head_bias (head_bias = true)" } else { "no input head_bias unless the parameter head_bias is true" }));
    }
    let hshape = c.shape("hidden")?.to_vec();
    let tshape = c.shape("targets")?.to_vec();
    let unbatched = hshape.len() == 1 && tshape.is_empty();
    if !unbatched && (hshape.len() != 2 || tshape.len() != 1) {
        return Err(LossError::shape(ID, "hidden", "[N, H] with targets [N], or [H] with a 0-d target", format!("{} and targets {}", fmt_shape(&hshape), fmt_shape(&tshape))));
    }
    let (n, h) = if unbatched { (1, hshape[0]) } else { (hshape[0], hshape[1]) };
    if let Some(f) = c.i64_opt("in_features")? {
        if f as usize != h || f < 1 {
            return Err(LossError::shape(ID, "hidden", format!("{f} features (in_features)"), fmt_shape(&hshape)));
        }
    }
    let mut tail_dims = vec![];
    for k in 0..cfg.cutoffs.len() {
        tail_dims.push((c.shape(&format!("tail_{k}_0_weight"))?.to_vec(), c.shape(&format!("tail_{k}_1_weight"))?.to_vec()));
    }
    let bias_shape = if with_bias { Some(c.shape("head_bias")?.to_vec()) } else { None };
    check_weights(h, &cfg, c.shape("head_weight")?, bias_shape.as_deref(), &tail_dims)?;
    let mut tail = vec![];
    for (k, (p, o)) in tail_dims.iter().enumerate() {
        if p[0] == 0 {
            // Empty weights carry no value and no gradient.
            c.host(&format!("tail_{k}_0_weight"))?;
            c.host(&format!("tail_{k}_1_weight"))?;
            tail.push(None);
            continue;
        }
        let proj = c.float_reshaped::<2>(&format!("tail_{k}_0_weight"), [p[0], p[1]])?;
        let out = c.float_reshaped::<2>(&format!("tail_{k}_1_weight"), [o[0], o[1]])?;
        tail.push(Some((proj, out)));
    }
    let weights = AdaptiveSoftmaxWeights {
        head_weight: c.float::<2>("head_weight")?,
        head_bias: if with_bias { Some(c.float::<1>("head_bias")?) } else { let _ = c.host_opt("head_bias"); None },
        tail,
    };
    let out = adaptive_softmax(c.float_reshaped("hidden", [n, h])?, c.int_reshaped("targets", [n])?, &weights, &cfg)?;
    if unbatched && cfg.reduction == Reduction::None {
        return Ok(LossTensor { value: out.value, shape: vec![] });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    /// H = 8, n_classes = 10, cutoffs [3, 6], div 2: head [3 + 2, 8]; cluster 0 has classes 3..6
    /// with projection [4, 8] and output [3, 4]; cluster 1 has classes 6..10 with [2, 8], [4, 2].
    fn module(seed: u64, bias: bool) -> BTreeMap<String, HostTensor> {
        let mut x = inputs(vec![
            ("hidden", randn(&[7, 8], seed, 1.0)),
            ("targets", i(&[7], &[0, 4, 9, 2, 6, 5, 8])),
            ("head_weight", randn(&[5, 8], seed + 1, 0.5)),
            ("tail_0_0_weight", randn(&[4, 8], seed + 2, 0.5)),
            ("tail_0_1_weight", randn(&[3, 4], seed + 3, 0.5)),
            ("tail_1_0_weight", randn(&[2, 8], seed + 4, 0.5)),
            ("tail_1_1_weight", randn(&[4, 2], seed + 5, 0.5)),
        ]);
        if bias {
            x.insert("head_bias".into(), randn(&[5], seed + 6, 0.5));
        }
        x
    }

    fn p(extra: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
        let mut m = params(json!({"in_features": 8, "n_classes": 10, "cutoffs": [3, 6], "div_value": 2.0}));
        m.extend(params(extra));
        m
    }

    #[test]
    fn full_distribution_is_normalized() {
        // exp(-loss) over every class for one hidden row sums to 1: the two-level factorization
        // is an exact distribution.
        let base = module(1, true);
        let row = HostTensor::from_f64(vec![10, 8], base["hidden"].floats[..8].repeat(10));
        let mut x = base.clone();
        x.insert("hidden".into(), row);
        x.insert("targets".into(), i(&[10], &(0..10).collect::<Vec<_>>()));
        let ev = eval64(ID, None, &p(json!({"head_bias": true, "reduction": "none"})), &x);
        let total: f64 = ev.loss.floats.iter().map(|l| (-l).exp()).sum();
        assert!((total - 1.0).abs() < 1e-12, "{total}");
    }

    #[test]
    fn value_is_the_formula() {
        // H = 2, n_classes = 3, cutoffs [1], div 2: head [2, 2] (class 0, cluster token), tail
        // projection [1, 2], output [2, 1]. h = (1, 2); target 2 is class 1 of the cluster.
        let x = inputs(vec![
            ("hidden", f(&[1, 2], &[1.0, 2.0])),
            ("targets", i(&[1], &[2])),
            ("head_weight", f(&[2, 2], &[0.5, 0.0, 0.0, 1.0])),
            ("tail_0_0_weight", f(&[1, 2], &[1.0, -1.0])),
            ("tail_0_1_weight", f(&[2, 1], &[2.0, 3.0])),
        ]);
        let ev = eval64(ID, None, &params(json!({"n_classes": 3, "cutoffs": [1], "div_value": 2.0})), &x);
        // Head scores (0.5, 2): log p(cluster) = 2 - ln(e^0.5 + e^2); projection = -1,
        // cluster scores (-2, -3): log p(class 1 | cluster) = -3 - ln(e^-2 + e^-3).
        let want = -((2.0 - (0.5f64.exp() + 2f64.exp()).ln()) + (-3.0 - ((-2.0f64).exp() + (-3.0f64).exp()).ln()));
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
        // Unbatched: hidden [H] with a 0-d target.
        let mut u = x.clone();
        u.insert("hidden".into(), f(&[2], &[1.0, 2.0]));
        u.insert("targets".into(), i(&[], &[2]));
        let ev = eval64(ID, None, &params(json!({"n_classes": 3, "cutoffs": [1], "div_value": 2.0, "reduction": "none"})), &u);
        assert!(ev.loss.shape.is_empty() && (ev.loss.floats[0] - want).abs() < 1e-12);
    }

    #[test]
    fn mean_sum_none_agree() {
        let x = module(2, false);
        let none = eval64(ID, None, &p(json!({"reduction": "none"})), &x);
        assert_eq!(none.loss.shape, vec![7]);
        let s: f64 = none.loss.floats.iter().sum();
        let mean = eval64(ID, None, &p(json!({})), &x).loss.floats[0];
        let sum = eval64(ID, None, &p(json!({"reduction": "sum"})), &x).loss.floats[0];
        assert!((mean - s / 7.0).abs() < 1e-12 && (sum - s).abs() < 1e-12);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &p(json!({"head_bias": true})), &module(3, true));
        assert_gradcheck(ID, None, &p(json!({"reduction": "sum"})), &module(4, false));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let mut x = module(5, false);
        x.insert("hidden".into(), randn(&[7, 8], 5, 1e3));
        assert_finite(ID, None, &p(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let mut x = module(1, false);
        x.insert("targets".into(), i(&[7], &[0, 4, 10, 2, 6, 5, 8]));
        assert_error(ID, None, &p(json!({})), &x, ErrorKind::Value);
        let mut x = module(1, false);
        x.insert("tail_1_0_weight".into(), randn(&[3, 8], 1, 1.0));
        assert_error(ID, None, &p(json!({})), &x, ErrorKind::Shape);
        let mut x = module(1, false);
        x.insert("targets".into(), i(&[6], &[0, 4, 9, 2, 6, 5]));
        assert_error(ID, None, &p(json!({})), &x, ErrorKind::Shape);
        let mut x = module(1, false);
        x.insert("targets".into(), f(&[7], &[0.0; 7]));
        assert_error(ID, None, &p(json!({})), &x, ErrorKind::DType);
        assert_error(ID, None, &p(json!({"cutoffs": [6, 3]})), &module(1, false), ErrorKind::Param);
        assert_error(ID, None, &p(json!({"cutoffs": [3, 10]})), &module(1, false), ErrorKind::Param);
        assert_error(ID, None, &p(json!({"div_value": 0.0})), &module(1, false), ErrorKind::Param);
        assert_error(ID, None, &p(json!({"in_features": 9})), &module(1, false), ErrorKind::Shape);
        assert_error(ID, None, &p(json!({"head_bias": true})), &module(1, false), ErrorKind::Missing);
        let mut x = module(1, false);
        x.insert("hidden".into(), f(&[0, 8], &[]));
        x.insert("targets".into(), i(&[0], &[]));
        assert_error(ID, None, &p(json!({})), &x, ErrorKind::Empty);
    }

    #[test]
    fn zero_width_tail_projection_is_uniform_within_the_cluster() {
        // in_features 3, div_value 4: the tail projection has floor(3 / 4) = 0 rows, so PyTorch's
        // cluster scores are all 0 and the class gets log(1 / cluster size) on top of the head.
        let x = inputs(vec![
            ("hidden", f(&[1, 3], &[0.3, -0.2, 0.5])),
            ("targets", i(&[1], &[3])),
            ("head_weight", f(&[3, 3], &[0.1, 0.2, 0.3, -0.1, 0.0, 0.4, 0.2, -0.3, 0.1])),
            ("tail_0_0_weight", f(&[0, 3], &[])),
            ("tail_0_1_weight", f(&[3, 0], &[])),
        ]);
        let ev = eval64(ID, None, &params(json!({"n_classes": 5, "cutoffs": [2]})), &x);
        let h = [0.3, -0.2, 0.5];
        let w = [[0.1, 0.2, 0.3], [-0.1, 0.0, 0.4], [0.2, -0.3, 0.1]];
        let s: Vec<f64> = w.iter().map(|r| r.iter().zip(&h).map(|(a, b)| a * b).sum()).collect();
        let lse = s.iter().map(|v| v.exp()).sum::<f64>().ln();
        let want = -((s[2] - lse) + (1.0f64 / 3.0).ln());
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }
}
