//! Pieces of pytorch-metric-learning's design shared by its proxy, ranking and histogram losses:
//! reading a labelled batch from the evaluator, PML's default distances (cosine similarity and
//! Euclidean distance of L2-normalized rows), PML's masked `logsumexp` with an added zero, and
//! the temperature-controlled sigmoid used by the smoothed-rank losses.

use burn::tensor::{Bool, Int, Tensor};

use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, distance, pairs};

/// The only form of a PML entry: `pml` (or none).
pub fn pml_form(c: &Call) -> Result<(), LossError> {
    match c.form() {
        None | Some("pml") => Ok(()),
        Some(_) => Err(c.unknown_form(&["pml"])),
    }
}

/// Accepts the `distance` param only when it names the loss's default PML distance (the case
/// files name it as a string); other distances are not supported.
pub fn default_distance_only(c: &Call, default: &str) -> Result<(), LossError> {
    match c.str_opt("distance")? {
        None => Ok(()),
        Some(d) if d == default => Ok(()),
        Some(d) => Err(LossError::param(c.loss, "distance", format!("{default} (the only distance supported)"), format!("{d:?}"))),
    }
}

/// Validates a labelled batch `embeddings [N, D]`, `labels [N]` (N > 0, D > 0) by shape.
pub fn check_batch(loss: &str, emb: &[usize], labels: &[usize]) -> Result<(), LossError> {
    pairs::check_embeddings(loss, emb, labels)?;
    numerics::non_empty(loss, "embeddings", emb)
}

/// Reads and validates `embeddings [N, D]` and `labels [N]` from the evaluator.
pub fn read_batch(c: &Call) -> Result<(Tensor<2>, Tensor<1, Int>), LossError> {
    check_batch(c.loss, c.shape("embeddings")?, c.shape("labels")?)?;
    Ok((c.float::<2>("embeddings")?, c.int::<1>("labels")?))
}

/// Reads an integer hyperparameter that must be `>= 1` when given.
pub fn positive_int_opt(c: &Call, name: &str) -> Result<Option<usize>, LossError> {
    match c.i64_opt(name)? {
        Some(v) if v < 1 => Err(LossError::param(c.loss, name, "an integer >= 1", format!("{v}"))),
        Some(v) => Ok(Some(v as usize)),
        None => Ok(None),
    }
}

/// PML `CosineSimilarity()(x)`: all cosines `[N, N]` between the rows of `x`, rows normalized
/// as `F.normalize` does (norm clamped at 1e-12).
pub fn cosine_self(x: Tensor<2>) -> Tensor<2> {
    let u = distance::l2_normalize(x, 1e-12);
    u.clone().matmul(u.transpose())
}

/// PML `LpDistance(normalize_embeddings=True, p=2, power)(a, b)`: Euclidean distances `[N, M]`
/// between L2-normalized rows, raised to `power` (power 2 without a square root round trip);
/// zero distances are exactly 0 with gradient 0, as torch.cdist gives them.
pub fn normalized_lp(a: Tensor<2>, b: Tensor<2>, power: u32) -> Tensor<2> {
    let a = distance::l2_normalize(a, 1e-12);
    let b = distance::l2_normalize(b, 1e-12);
    let sq = distance::squared_euclidean_matrix(a, b);
    if power == 2 {
        return sq;
    }
    // sqrt that is exactly 0 with gradient 0 at zero distance, as torch.cdist.
    let zero = sq.clone().equal_elem(0.0);
    let d = sq.mask_fill(zero.clone(), 1.0).sqrt().mask_fill(zero, 0.0);
    if power == 1 { d } else { d.powi_scalar(power as i32) }
}

/// PML `lmu.logsumexp(x, keep_mask, add_one=True, dim)`: log(1 + sum of exp over the kept
/// entries) along `dim` (kept as size 1), and exactly 0 where no entry is kept.
pub fn masked_logsumexp_add_one(x: Tensor<2>, keep: Tensor<2, Bool>, dim: usize) -> Tensor<2> {
    let x = x.mask_fill(keep.clone().bool_not(), f64::NEG_INFINITY);
    let mut zero_shape = x.dims();
    zero_shape[dim] = 1;
    let zeros = numerics::full_like(&x, zero_shape, 0.0);
    let out = numerics::logsumexp(Tensor::cat(vec![x, zeros], dim), dim);
    let none_kept = keep.int().sum_dim(dim).equal_elem(0);
    out.mask_fill(none_kept, 0.0)
}

/// Cumulative sums along the rows of `x [R, K]` (`torch.cumsum(x, dim=1)`), as a product with an
/// upper-triangular matrix of ones so that autodiff needs nothing special.
pub fn cumsum_rows(x: Tensor<2>) -> Tensor<2> {
    let k = x.dims()[1];
    let mut tri = vec![0.0; k * k];
    for a in 0..k {
        for b in a..k {
            tri[a * k + b] = 1.0;
        }
    }
    let tri = numerics::tensor_like(&x, tri, [k, k]);
    x.matmul(tri)
}

/// The plot slice shared by the pair-based losses: two unit rows of class 0 (angles 0 and `x`)
/// and one of class 1 at angle pi / 2; the derivative is taken along the second row's y.
pub fn two_class_plot(x: f64, params: serde_json::Value) -> crate::catalog::PlotInput {
    crate::catalog::PlotInput {
        form: None,
        params,
        inputs: vec![
            ("embeddings", crate::eval::HostTensor::from_f64(vec![3, 2], vec![1.0, 0.0, x.cos(), x.sin(), 0.0, 1.0])),
            ("labels", crate::eval::HostTensor::from_i64(vec![3], vec![0, 0, 1])),
        ],
        wrt: "embeddings",
        index: 3,
    }
}

/// Host label lists: `pos[a * n + b]` (same label, a != b) and `neg[a * n + b]` (different).
pub fn host_pair_masks(labels: &[i64]) -> (Vec<bool>, Vec<bool>) {
    let n = labels.len();
    let mut pos = vec![false; n * n];
    let mut neg = vec![false; n * n];
    for a in 0..n {
        for b in 0..n {
            if labels[a] == labels[b] {
                pos[a * n + b] = a != b;
            } else {
                neg[a * n + b] = true;
            }
        }
    }
    (pos, neg)
}

/// 0/1 floats from host booleans, in the dtype of `like`.
pub fn bools_like<const D: usize, const E: usize>(like: &Tensor<E>, b: &[bool], shape: [usize; D]) -> Tensor<D> {
    numerics::tensor_like(like, b.iter().map(|&v| if v { 1.0 } else { 0.0 }).collect(), shape)
}

#[cfg(test)]
mod tests {
    use burn::tensor::{DType, Device, Tensor, TensorData};

    #[test]
    fn masked_logsumexp_adds_one_and_zeroes_empty_columns() {
        let dev = Device::flex();
        let x = Tensor::<2>::from_data(TensorData::new(vec![1.0, 5.0, 2.0, 7.0], [2, 2]), (&dev, DType::F64));
        let keep = Tensor::<2, burn::tensor::Bool>::from_data(TensorData::new(vec![true, false, true, false], [2, 2]), &dev);
        let v = crate::numerics::host_f64(&super::masked_logsumexp_add_one(x, keep, 0));
        // Column 0 keeps 1 and 2: log(1 + e + e^2); column 1 keeps nothing: 0.
        assert!((v[0] - (1.0 + 1f64.exp() + 2f64.exp()).ln()).abs() < 1e-12);
        assert_eq!(v[1], 0.0);
    }
}
