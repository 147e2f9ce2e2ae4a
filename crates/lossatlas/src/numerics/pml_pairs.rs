//! The parts of pytorch-metric-learning (PML) that its pair- and triplet-based losses share,
//! beyond the masks of [`super::pairs`]: the ordered pair lists PML builds from labels when no
//! miner is given, its default distances (`LpDistance`, `CosineSimilarity`, `SNRDistance`, all
//! with `normalize_embeddings=True`), its masked log-sum-exp (`lmu.logsumexp`: rows without a
//! kept entry give 0), torch's thresholded softplus and a plot slice for labelled batches.

use burn::tensor::{Bool, Int, Tensor};

use crate::catalog::PlotInput;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::distance::{euclidean_matrix, l2_normalize, squared_euclidean_matrix};
use crate::numerics::pairs::check_embeddings;
use crate::numerics::{self};

/// Reads the `embeddings [N, D]` and integer `labels [N]` of a PML loss whose only form is
/// `pml` (the default), validating shapes before any tensor is built.
pub fn read_batch(c: &Call, loss: &str) -> Result<(Tensor<2>, Tensor<1, Int>), LossError> {
    match c.form() {
        None | Some("pml") => {}
        Some(_) => return Err(c.unknown_form(&["pml"])),
    }
    check_embeddings(loss, c.shape("embeddings")?, c.shape("labels")?)?;
    Ok((c.float::<2>("embeddings")?, c.int::<1>("labels")?))
}

/// The checks every labelled-batch loss starts with (shapes, a non-empty batch, finite
/// hyperparameters), then the batch's pair lists.
pub fn labelled_batch(loss: &str, embeddings: &Tensor<2>, labels: &Tensor<1, Int>, finite: &[(&str, f64)]) -> Result<PairLists, LossError> {
    check_embeddings(loss, &embeddings.dims(), &labels.dims())?;
    numerics::non_empty(loss, "embeddings", &embeddings.dims())?;
    for &(name, v) in finite {
        numerics::finite_param(loss, name, v)?;
    }
    Ok(PairLists::from_tensor(labels))
}

/// Label structure of a batch as PML's `get_all_pairs_indices` sees it: ordered positive pairs
/// `(a, p)` with `a != p` and equal labels, ordered negative pairs `(a, n)` with different
/// labels, both in row-major order of the `[N, N]` label-match matrix (`torch.where` order).
#[derive(Debug, Clone)]
pub struct PairLists {
    pub n: usize,
    pub labels: Vec<i64>,
    pub pos: Vec<(usize, usize)>,
    pub neg: Vec<(usize, usize)>,
}

impl PairLists {
    pub fn new(labels: &[i64]) -> Self {
        let n = labels.len();
        let mut pos = Vec::new();
        let mut neg = Vec::new();
        for a in 0..n {
            for b in 0..n {
                if labels[a] == labels[b] {
                    if a != b {
                        pos.push((a, b));
                    }
                } else {
                    neg.push((a, b));
                }
            }
        }
        PairLists { n, labels: labels.to_vec(), pos, neg }
    }

    pub fn from_tensor(labels: &Tensor<1, Int>) -> Self {
        Self::new(&numerics::host_i64(labels))
    }

    /// PML's `GenericPairLoss` returns zero losses when every index list has at most one entry
    /// (pair counts are even, so: when the batch has no pair at all).
    pub fn no_pairs(&self) -> bool {
        self.pos.len() <= 1 && self.neg.len() <= 1
    }

    /// Per anchor, the number of its positives and of its negatives.
    pub fn counts(&self) -> (Vec<usize>, Vec<usize>) {
        let mut class_size = std::collections::HashMap::new();
        for y in &self.labels {
            *class_size.entry(*y).or_insert(0usize) += 1;
        }
        self.labels.iter().map(|y| (class_size[y] - 1, self.n - class_size[y])).unzip()
    }

    /// `[N, N]` row-major flags: same label and different index.
    pub fn pos_flags(&self) -> Vec<bool> {
        let n = self.n;
        (0..n * n).map(|k| k / n != k % n && self.labels[k / n] == self.labels[k % n]).collect()
    }

    /// `[N, N]` row-major flags: different labels.
    pub fn neg_flags(&self) -> Vec<bool> {
        let n = self.n;
        (0..n * n).map(|k| self.labels[k / n] != self.labels[k % n]).collect()
    }
}

/// Row indices as an integer tensor on the device of `like` (for `select`).
pub fn index_tensor<const E: usize>(like: &Tensor<E>, idx: impl Iterator<Item = usize>) -> Tensor<1, Int> {
    let v: Vec<i64> = idx.map(|i| i as i64).collect();
    let n = v.len();
    numerics::ints_like(like, v, [n])
}

/// A Bool tensor `[R, C]` from row-major host flags, on the device of `like`.
pub fn bool_tensor<const E: usize>(like: &Tensor<E>, flags: &[bool], shape: [usize; 2]) -> Tensor<2, Bool> {
    let data = flags.iter().map(|&b| if b { 1.0 } else { 0.0 }).collect();
    numerics::tensor_like::<2, E>(like, data, shape).equal_elem(1.0)
}

/// Elements `mat[a, b]` for the listed pairs, `[len]`, differentiable.
pub fn pair_values(mat: &Tensor<2>, pairs: &[(usize, usize)]) -> Tensor<1> {
    let n = mat.dims()[1];
    let flat = mat.clone().reshape([mat.dims()[0] * n]);
    flat.select(0, index_tensor(mat, pairs.iter().map(|&(a, b)| a * n + b)))
}

/// PML `lmu.logsumexp(x, keep_mask, add_one, dim=1)` for `x` `[R, C]`: the log-sum-exp of the
/// kept entries of each row (plus a zero logit when `add_one`), `[R, 1]`; a row without any kept
/// entry gives 0. Masked entries get no gradient.
pub fn masked_logsumexp(x: Tensor<2>, keep: &[bool], add_one: bool) -> Tensor<2> {
    let [r, c] = x.dims();
    let empty_rows: Vec<bool> = (0..r).map(|i| !keep[i * c..(i + 1) * c].iter().any(|&k| k)).collect();
    // Entries of empty rows stay finite (their result is replaced by 0), so no -inf - -inf.
    let drop: Vec<bool> = (0..r * c).map(|k| !keep[k] && !empty_rows[k / c]).collect();
    let drop = bool_tensor(&x, &drop, [r, c]);
    let mut z = x.clone().mask_fill(drop, f64::NEG_INFINITY);
    if add_one {
        z = Tensor::cat(vec![z, numerics::full_like(&x, [r, 1], 0.0)], 1);
    }
    let out = numerics::logsumexp(z, 1);
    out.mask_fill(bool_tensor(&x, &empty_rows, [r, 1]), 0.0)
}

/// torch `nn.Softplus(beta=1, threshold=20)`: `log(1 + e^x)`, and `x` itself where `x > 20`.
pub fn torch_softplus<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    let linear = x.clone().greater_elem(20.0);
    numerics::softplus(x.clone()).mask_where(linear, x)
}

/// PML `CosineSimilarity()` over the batch: cosines of the L2-normalized rows, `[N, N]`.
pub fn cosine_matrix(embeddings: Tensor<2>) -> Tensor<2> {
    let x = l2_normalize(embeddings, 1e-12);
    x.clone().matmul(x.transpose())
}

/// PML `LpDistance(p=2, power)` over the batch on L2-normalized rows, `[N, N]`: Euclidean
/// distances (`power` 1, `torch.cdist`, zero gradient at zero distance) or their squares
/// (`power` 2).
pub fn lp_matrix(embeddings: Tensor<2>, power: u32) -> Tensor<2> {
    let x = l2_normalize(embeddings, 1e-12);
    if power == 2 { squared_euclidean_matrix(x.clone(), x) } else { euclidean_matrix(x.clone(), x) }
}

/// PML `SNRDistance()` over the batch on L2-normalized rows: `Var(x_i - x_j) / Var(x_i)`, `[N, N]`
/// (the variance corrections cancel in the ratio; one feature gives 0/0 = NaN, as torch.var).
pub fn snr_matrix(embeddings: Tensor<2>) -> Tensor<2> {
    let x = l2_normalize(embeddings, 1e-12);
    let [n, d] = x.dims();
    let centred = x.clone() - x.clone().mean_dim(1);
    let anchor = centred.square().sum_dim(1); // [N, 1]
    let diff = x.clone().reshape([n, 1, d]) - x.reshape([1, n, d]);
    let diff = diff.clone() - diff.mean_dim(2);
    let noise = diff.square().sum_dim(2).reshape([n, n]);
    noise / anchor
}

/// Plot slice shared by the labelled-batch losses: two unit embeddings of class 0 at angles 0
/// and `x`, one of class 1 at angle pi/2, and one of class 1 at angle pi (so every anchor has a
/// positive and a negative); the slice follows the loss as the second embedding turns away.
pub fn angle_probe(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("embeddings", crate::eval::HostTensor::from_f64(vec![4, 2], vec![1.0, 0.0, x.cos(), x.sin(), 0.0, 1.0, -1.0, 0.0])),
            ("labels", crate::eval::HostTensor::from_i64(vec![4], vec![0, 0, 1, 1])),
        ],
        wrt: "embeddings",
        index: 3,
    }
}

/// Returns a scalar zero in the dtype of `like` (PML's `zero_losses` for a batch without pairs).
pub fn zero_loss<const E: usize>(like: &Tensor<E>) -> super::LossTensor {
    super::LossTensor::scalar(numerics::full_like(like, [1], 0.0))
}

/// Test inputs shared by the labelled-batch losses.
#[cfg(test)]
pub mod test_support {
    use std::collections::BTreeMap;

    use serde_json::{Map, Value as Json, json};

    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    pub type Inputs = BTreeMap<String, HostTensor>;

    /// Seven random embeddings of dimension `d` with classes of sizes 3, 2, 1, 1.
    pub fn batch(seed: u64, scale: f64, d: usize) -> Inputs {
        inputs(vec![("embeddings", randn(&[7, d], seed, scale)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 3]))])
    }

    /// Unit vectors at 0, 90 and 180 degrees (given with norms 2, 3, 1), labels (0, 0, 1):
    /// cosines s01 = 0, s02 = -1, s12 = 0; distances d01 = d12 = sqrt 2, d02 = 2.
    pub fn three_points() -> Inputs {
        inputs(vec![("embeddings", f(&[3, 2], &[2.0, 0.0, 0.0, 3.0, -1.0, 0.0])), ("labels", i(&[3], &[0, 0, 1]))])
    }

    /// The loss of four random embeddings labelled `labels`.
    pub fn loss_of(id: &str, p: &Map<String, Json>, labels: [i64; 4]) -> f64 {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 2, 1.0)), ("labels", i(&[4], &labels))]);
        assert_finite(id, None, p, &x).loss.floats[0]
    }

    /// A batch of one embedding (no pair at all) gives 0.
    pub fn assert_batch_of_one_zero(id: &str, p: &Map<String, Json>) {
        let one = inputs(vec![("embeddings", randn(&[1, 3], 2, 1.0)), ("labels", i(&[1], &[3]))]);
        assert_eq!(assert_finite(id, None, p, &one).loss.floats[0], 0.0, "{id}: batch of one");
    }

    /// A batch of one embedding, one class only, and all-distinct labels give 0.
    pub fn assert_degenerate_zero(id: &str, p: &Map<String, Json>) {
        assert_batch_of_one_zero(id, p);
        for labels in [[4, 4, 4, 4], [0, 1, 2, 3]] {
            assert_eq!(loss_of(id, p, labels), 0.0, "{id}: labels {labels:?}");
        }
    }

    /// Finite loss and gradients for tiny and huge embeddings under `p`.
    pub fn assert_finite_at_scales(id: &str, p: &Map<String, Json>, d: usize) {
        for scale in [1e-8, 1e4] {
            assert_finite(id, None, p, &batch(3, scale, d));
        }
    }

    /// Shape, dtype and empty-batch errors, and a `Param` error for each of `bad_params`.
    pub fn assert_rejects_bad_inputs(id: &str, bad_params: &[Json]) {
        let p = params(json!({}));
        let x = inputs(vec![("embeddings", randn(&[7, 3], 3, 1.0)), ("labels", i(&[6], &[0, 1, 0, 2, 1, 0]))]);
        assert_error(id, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("embeddings", randn(&[7], 3, 1.0)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 3]))]);
        assert_error(id, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("embeddings", randn(&[3, 3], 3, 1.0)), ("labels", f(&[3], &[0.0, 1.0, 0.0]))]);
        assert_error(id, None, &p, &x, ErrorKind::DType);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(id, None, &p, &empty, ErrorKind::Empty);
        assert_error(id, Some("torch"), &p, &batch(1, 1.0, 3), ErrorKind::Unsupported);
        for bad in bad_params {
            assert_error(id, None, &params(bad.clone()), &batch(1, 1.0, 3), ErrorKind::Param);
        }
    }

    /// Asserts `got` equals `want` within `tol` (absolute).
    pub fn assert_close(got: f64, want: f64, tol: f64) {
        assert!((got - want).abs() <= tol, "got {got}, want {want}");
    }
}
