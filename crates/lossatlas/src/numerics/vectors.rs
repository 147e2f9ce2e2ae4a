//! Vector geometry shared by feature-based losses: Euclidean norms whose gradient is zero at the
//! zero vector (as PyTorch's `norm` backward), `F.normalize`, and squared pairwise distances in
//! the expanded form `|a|^2 + |b|^2 - 2 a.b` that PyTorch code usually writes.

use burn::tensor::Tensor;

/// Euclidean norm along `dim` (kept). At a zero vector the value is 0 and the gradient is 0
/// (PyTorch's subgradient), instead of the `0 * inf = NaN` that `sqrt` would give.
pub fn l2_norm<const D: usize>(x: Tensor<D>, dim: usize) -> Tensor<D> {
    let s = (x.clone() * x).sum_dim(dim);
    let zero = s.clone().equal_elem(0.0);
    s.mask_fill(zero.clone(), 1.0).sqrt().mask_fill(zero, 0.0)
}

/// PyTorch `F.normalize(x, p=2, dim, eps)`: `x / max(|x|, eps)` along `dim`.
pub fn l2_normalize<const D: usize>(x: Tensor<D>, dim: usize, eps: f64) -> Tensor<D> {
    let n = l2_norm(x.clone(), dim).clamp_min(eps);
    x / n
}

/// Squared Euclidean distances between the rows of `a` `[N, D]` and `b` `[M, D]`, `[N, M]`,
/// computed as `|a_i|^2 + |b_j|^2 - 2 a_i.b_j` (may be slightly negative from cancellation).
pub fn pairwise_sq_distances(a: Tensor<2>, b: Tensor<2>) -> Tensor<2> {
    let m = b.dims()[0];
    let a2 = (a.clone() * a.clone()).sum_dim(1);
    let b2 = (b.clone() * b.clone()).sum_dim(1).reshape([1, m]);
    (a2 + b2) - a.matmul(b.transpose()).mul_scalar(2.0)
}

/// Pearson correlation of matching rows of `a` and `b` `[N, C]`, `[N]`: the cosine of the
/// row-centred vectors, `a.b / (|a| |b| + eps)` (the form of DIST's reference code).
pub fn row_pearson(a: Tensor<2>, b: Tensor<2>, eps: f64) -> Tensor<1> {
    let n = a.dims()[0];
    let a = a.clone() - a.mean_dim(1);
    let b = b.clone() - b.mean_dim(1);
    let dot = (a.clone() * b.clone()).sum_dim(1);
    let den = (l2_norm(a, 1) * l2_norm(b, 1)).add_scalar(eps);
    (dot / den).reshape([n])
}
