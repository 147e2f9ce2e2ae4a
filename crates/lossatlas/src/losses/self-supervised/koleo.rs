//! KoLeo: a differential-entropy regularizer (Kozachenko-Leonenko estimator) that spreads
//! normalized features by penalizing small nearest-neighbour distances within the batch.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, distance::pairwise_distance, inputs::float_input, vectors::l2_normalize};

const ID: &str = "koleo";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "KoLeo Regularizer",
    aliases: &["Kozachenko-Leonenko Regularizer", "KoLeo Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "regularization"],
    year: 2019,
    paper: Paper {
        title: "Spreading vectors for similarity search",
        authors: "Sablayrolles, A., Douze, M., Schmid, C. & Jégou, H.",
        venue: "ICLR",
        year: 2019,
        url: "https://arxiv.org/abs/1806.03198",
    },
    summary: "L2-normalizes the batch, finds each vector's nearest neighbour among the others, and minimizes minus the mean log distance to it, which (up to constants) maximizes the Kozachenko-Leonenko estimate of the differential entropy of the features. It spreads embeddings uniformly on the sphere and is used as an auxiliary term, for example with weight 0.1 in DINOv2. The nearest-neighbour choice is not differentiable where neighbours tie, duplicates in a batch make the term large (only eps keeps it finite), and torch's PairwiseDistance adds eps to the difference vector before taking the norm.",
    formula: r"\hat x_i = \frac{x_i}{\max(\lVert x_i\rVert_2, \epsilon)},\quad \mathcal{L} = -\frac{1}{Nk}\sum_{i=1}^{N}\sum_{j \in \mathrm{NN}_k(i)}\log\left(\lVert \hat x_i - \hat x_j + \epsilon\mathbf{1}\rVert_p + \epsilon\right)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "features of one batch (N >= 2)" },
    ],
    params: &[
        Param { name: "p", symbol: "p", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "norm degree of the nearest-neighbour distance" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-8), range: Range::NON_NEGATIVE, meaning: "added inside the normalization, to the difference vector (PairwiseDistance) and inside the log" },
        Param { name: "topk", symbol: "k", default: Value::Int(1), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of nearest neighbours penalized per vector (recent lightly versions; 1 is the original loss)" },
        Param { name: "group_size", symbol: "", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "neighbours are searched within consecutive groups of this many vectors (DINOv3's distributed KoLeo; recent lightly versions); null: the whole batch" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["lightly.loss.KoLeoLoss"],
    related: &["dinov2", "directau", "dino"],
    forms: &[
        Form { name: "lightly", description: "lightly KoLeoLoss(p, eps): x = F.normalize(x, eps=eps); nearest neighbour by cosine similarity with the diagonal masked; distance PairwiseDistance(p, eps)(x_i, x_nn) = ||x_i - x_nn + eps||_p; loss = -mean(log(distance + eps)). Recent lightly versions add topk (k neighbours per vector, all distances averaged) and group_size (search within consecutive groups; the batch must divide into them and a group must hold more than topk vectors, except groups of one, where a vector is its own neighbour)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle of the second of three unit vectors (others at 0 and pi)", from: 0.1, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("embeddings", HostTensor::from_f64(vec![3, 2], vec![1.0, 0.0, x.cos(), x.sin(), -1.0, 0.0]))],
        wrt: "embeddings",
        index: 3,
    }
}

/// Options of lightly `KoLeoLoss`; `Default` equals lightly's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KoleoConfig {
    /// Norm degree of the nearest-neighbour distance.
    pub p: f64,
    /// Normalization floor, offset of the difference vector and of the log.
    pub eps: f64,
    /// Neighbours per vector.
    pub topk: usize,
    /// Search within consecutive groups of this size; `None`: the whole batch.
    pub group_size: Option<usize>,
}

impl Default for KoleoConfig {
    fn default() -> Self {
        KoleoConfig { p: 2.0, eps: 1e-8, topk: 1, group_size: None }
    }
}

/// For each row of the L2-normalized `x` (`[n, d]` on the host), the indices of its `topk` most
/// cosine-similar rows within its group, self excluded unless the group has one row; ordered by
/// row, then by decreasing similarity (ties to the lower index). No gradient flows through the
/// choice, as in lightly.
fn neighbours(x: &[f64], n: usize, d: usize, group: usize, topk: usize) -> Vec<i64> {
    let mut out = Vec::with_capacity(n * topk);
    for i in 0..n {
        let start = i / group * group;
        let mut sims: Vec<(f64, usize)> = (start..start + group)
            .map(|j| {
                // lightly fills the diagonal with -2, below any cosine.
                let s = if j == i { -2.0 } else { (0..d).map(|k| x[i * d + k] * x[j * d + k]).sum() };
                (s, j)
            })
            .collect();
        sims.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        out.extend(sims.iter().take(topk).map(|&(_, j)| j as i64));
    }
    out
}

/// lightly `KoLeoLoss(p, eps, topk, group_size)(x)` on `embeddings` `[N, D]`: a scalar.
pub fn koleo(embeddings: Tensor<2>, cfg: &KoleoConfig) -> Result<LossTensor, LossError> {
    let [n, d] = embeddings.dims();
    numerics::non_empty(ID, "embeddings", &[n, d])?;
    numerics::positive_param(ID, "p", cfg.p)?;
    let eps = numerics::non_negative_param(ID, "eps", cfg.eps)?;
    if cfg.topk < 1 {
        return Err(LossError::param(ID, "topk", "an integer >= 1", format!("{}", cfg.topk)));
    }
    let group = match cfg.group_size {
        Some(0) => return Err(LossError::param(ID, "group_size", "an integer >= 1 or null", "0")),
        Some(g) => g,
        None => n,
    };
    if n % group != 0 {
        return Err(LossError::shape(ID, "embeddings", format!("a batch divisible by group_size {group}"), fmt_shape(&[n, d])));
    }
    if group > 1 && cfg.topk >= group {
        let arg = if cfg.group_size.is_some() { "group_size" } else { "embeddings" };
        return Err(LossError::param(ID, arg, format!("groups larger than topk {} (the batch when group_size is null)", cfg.topk), format!("{group} vectors per group")));
    }
    let k = if group == 1 { 1 } else { cfg.topk };
    // lightly asks topk neighbours of a one-row group too; torch's topk would fail for k > 1.
    if group == 1 && cfg.topk > 1 {
        return Err(LossError::param(ID, "topk", "1 for groups of one vector", format!("{}", cfg.topk)));
    }
    let x = l2_normalize(embeddings, 1, eps);
    let nn = neighbours(&numerics::host_f64(&x), n, d, group, k);
    let rows: Vec<i64> = (0..n as i64).flat_map(|i| std::iter::repeat_n(i, k)).collect();
    let anchors = x.clone().select(0, numerics::ints_like(&x, rows, [n * k]));
    let others = x.clone().select(0, numerics::ints_like(&x, nn, [n * k]));
    let dist = pairwise_distance(anchors, others, cfg.p, eps);
    Ok(LossTensor::scalar(dist.add_scalar(eps).log().mean().neg()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "lightly") {
        return Err(c.unknown_form(&["lightly"]));
    }
    let topk = c.i64("topk", 1)?;
    let group_size = c.i64_opt("group_size")?;
    if topk < 1 {
        return Err(LossError::param(ID, "topk", "an integer >= 1", format!("{topk}")));
    }
    if group_size.is_some_and(|g| g < 1) {
        return Err(LossError::param(ID, "group_size", "an integer >= 1 or null", format!("{}", group_size.unwrap_or(0))));
    }
    let cfg = KoleoConfig { p: c.f64("p", 2.0)?, eps: c.f64("eps", 1e-8)?, topk: topk as usize, group_size: group_size.map(|g| g as usize) };
    koleo(float_input::<2>(c, "embeddings", "[N, D]")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn emb(x: crate::eval::HostTensor) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", x)])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &emb(randn(&[7, 4], 31, 1.0)));
        assert_gradcheck(ID, None, &params(json!({"p": 1.5, "eps": 1e-3})), &emb(randn(&[6, 3], 32, 2.0)));
        assert_gradcheck(ID, None, &params(json!({"topk": 2, "group_size": 4})), &emb(randn(&[8, 3], 33, 1.0)));
        // Groups of one: every vector is its own neighbour; the distance is eps * D^(1/p) and the
        // gradient is zero.
        let ev = eval64(ID, None, &params(json!({"group_size": 1, "eps": 1e-3})), &emb(randn(&[3, 4], 34, 1.0)));
        assert!((ev.loss.floats[0] + (2e-3 + 1e-3f64).ln()).abs() < 1e-12);
        assert!(ev.grads["embeddings"].floats.iter().all(|g| g.abs() < 1e-12));
    }

    #[test]
    fn value_is_the_formula() {
        // Unit vectors at angles 0, pi/2, pi (the first scaled by 3: normalization undoes it).
        // Nearest neighbours: 0 -> 1 (distance sqrt 2), 1 -> 0 (tie with 2, lower index),
        // 2 -> 1. With eps = 0 the loss is -log sqrt 2.
        let x = emb(f(&[3, 2], &[3.0, 0.0, 0.0, 1.0, -1.0, 0.0]));
        let ev = eval64(ID, None, &params(json!({"eps": 0.0})), &x);
        assert!((ev.loss.floats[0] + 0.5 * 2f64.ln()).abs() < 1e-15);
        // p = 1: distances |1| + |1| = 2.
        let ev = eval64(ID, None, &params(json!({"eps": 0.0, "p": 1.0})), &x);
        assert!((ev.loss.floats[0] + 2f64.ln()).abs() < 1e-15);
        // topk = 2: vector 0 has distances sqrt 2 and 2, vector 1 sqrt 2 twice, vector 2 sqrt 2 and 2.
        let ev = eval64(ID, None, &params(json!({"eps": 0.0, "topk": 2})), &x);
        let want = -(4.0 * 2f64.sqrt().ln() + 2.0 * 2f64.ln()) / 6.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-15);
        // Default eps: the distance becomes |(x_i - x_j) + eps| and the log gets + eps.
        let ev = eval64(ID, None, &params(json!({})), &emb(f(&[2, 2], &[1.0, 0.0, 0.0, 1.0])));
        let e = 1e-8;
        let dist = ((1.0f64 + e).powi(2) + (-1.0f64 + e).powi(2)).sqrt();
        assert!((ev.loss.floats[0] + (dist + e).ln()).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e4, 1e12] {
            let mut x = randn(&[5, 3], 35, 1.0);
            x.floats.iter_mut().for_each(|v| *v *= scale);
            assert_finite(ID, None, &params(json!({})), &emb(x));
        }
        // Duplicates and a zero vector: eps keeps everything finite.
        let ev = assert_finite(ID, None, &params(json!({})), &emb(f(&[3, 2], &[1.0, 2.0, 1.0, 2.0, 0.0, 0.0])));
        assert!(ev.loss.floats[0] > 10.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let good = emb(randn(&[4, 3], 36, 1.0));
        assert_error(ID, None, &p, &emb(randn(&[4], 1, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &p, &emb(f(&[0, 3], &[])), ErrorKind::Empty);
        assert_error(ID, None, &p, &emb(i(&[2, 2], &[1, 0, 0, 1])), ErrorKind::DType);
        assert_error(ID, None, &params(json!({"p": 0.0})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"eps": -1.0})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"topk": 0})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"group_size": 0})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"group_size": 3})), &good, ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"topk": 2, "group_size": 2})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"topk": 4})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"temperature": 0.1})), &good, ErrorKind::Param);
    }
}
