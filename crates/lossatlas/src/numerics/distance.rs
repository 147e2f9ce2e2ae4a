//! Distances and similarities between embeddings, shared by the embedding, ranking and
//! metric-learning losses (the "distances" part of pytorch-metric-learning's design).

use burn::tensor::Tensor;

/// Row-wise `||a - b + eps||_p` as `torch.nn.functional.pairwise_distance` computes it
/// (eps added to the difference). `a`, `b`: `[N, D]` → `[N]`.
pub fn pairwise_distance(a: Tensor<2>, b: Tensor<2>, p: f64, eps: f64) -> Tensor<1> {
    let n = a.dims()[0];
    let diff = (a - b).add_scalar(eps).abs();
    let d = if p == 2.0 {
        diff.square().sum_dim(1).sqrt()
    } else if p == 1.0 {
        diff.sum_dim(1)
    } else {
        diff.powf_scalar(p).sum_dim(1).powf_scalar(1.0 / p)
    };
    d.reshape([n])
}

/// Row-wise cosine similarity with each norm clamped below at `eps`
/// (`torch.nn.functional.cosine_similarity`). `[N, D]` → `[N]`.
pub fn cosine_similarity(a: Tensor<2>, b: Tensor<2>, eps: f64) -> Tensor<1> {
    let n = a.dims()[0];
    let na = super::vectors::l2_norm(a.clone(), 1).clamp_min(eps);
    let nb = super::vectors::l2_norm(b.clone(), 1).clamp_min(eps);
    ((a * b).sum_dim(1) / (na * nb)).reshape([n])
}

/// Rows scaled to unit L2 norm, norms clamped below at `eps`
/// (`torch.nn.functional.normalize(x, p=2, dim=1, eps)`); see [`super::vectors::l2_normalize`]
/// for any axis (a zero row gets a zero gradient, as in PyTorch).
pub fn l2_normalize(x: Tensor<2>, eps: f64) -> Tensor<2> {
    super::vectors::l2_normalize(x, 1, eps)
}

/// All-pairs Euclidean distances `[N, M]` between rows of `a` `[N, D]` and `b` `[M, D]`,
/// computed from differences (exact, no cancellation from the matmul expansion). The square
/// root's gradient is undefined at zero distance; callers do not differentiate the diagonal
/// of a self-distance matrix (it is masked out), and a tiny floor keeps it finite.
pub fn euclidean_matrix(a: Tensor<2>, b: Tensor<2>) -> Tensor<2> {
    squared_euclidean_matrix(a, b).clamp_min(1e-300).sqrt()
}

/// All-pairs squared Euclidean distances `[N, M]`.
pub fn squared_euclidean_matrix(a: Tensor<2>, b: Tensor<2>) -> Tensor<2> {
    let [n, d] = a.dims();
    let m = b.dims()[0];
    let diff = a.reshape([n, 1, d]) - b.reshape([1, m, d]);
    diff.square().sum_dim(2).reshape([n, m])
}

/// All-pairs dot products `[N, M]`.
pub fn dot_matrix(a: Tensor<2>, b: Tensor<2>) -> Tensor<2> {
    a.matmul(b.transpose())
}
