//! Pieces shared by the self-supervised and contrastive losses: two-view input checks,
//! identity masks, the "matching pair on the diagonal" cross-entropy, pytorch-metric-learning
//! distances parsed from their constructor strings, a softmax over positive vs negative pairs,
//! and Sinkhorn-Knopp balancing of code assignments (computed without gradient, as every
//! reference computes it under `no_grad`).

use burn::tensor::{Int, Tensor};

use crate::error::{LossError, fmt_shape};
use crate::numerics;

/// Two views `[N, D]` of the same shape with a non-empty batch and feature axis.
pub fn check_views(loss: &str, a_name: &str, a: &[usize], b_name: &str, b: &[usize]) -> Result<(), LossError> {
    if a.len() != 2 {
        return Err(LossError::shape(loss, a_name, "shape [N, D]", fmt_shape(a)));
    }
    numerics::same_shape(loss, b_name, b, a_name, a)?;
    numerics::non_empty(loss, a_name, a)
}

/// The `n x n` identity as 0/1 floats in the dtype of `like`.
pub fn eye_like<const E: usize>(like: &Tensor<E>, n: usize) -> Tensor<2> {
    numerics::tensor_like(like, (0..n * n).map(|i| if i / n == i % n { 1.0 } else { 0.0 }).collect(), [n, n])
}

/// `1 - eye`: the off-diagonal entries of an `n x n` matrix.
pub fn off_diagonal_like<const E: usize>(like: &Tensor<E>, n: usize) -> Tensor<2> {
    numerics::tensor_like(like, (0..n * n).map(|i| if i / n == i % n { 0.0 } else { 1.0 }).collect(), [n, n])
}

/// Per-row cross-entropy of a square logit matrix with target `i` for row `i`
/// (`F.cross_entropy(logits, arange(N), reduction="none")`), `[N]`.
pub fn diagonal_cross_entropy(logits: Tensor<2>) -> Tensor<1> {
    let n = logits.dims()[0];
    let eye = eye_like(&logits, n);
    (numerics::log_softmax(logits, 1) * eye).sum_dim(1).neg().reshape([n])
}

/// A pytorch-metric-learning distance: `LpDistance` (a distance, smaller is closer) or
/// `DotProductSimilarity` / `CosineSimilarity` (similarities, larger is closer, PML's
/// `is_inverted`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PmlDistance {
    pub similarity: bool,
    pub normalize_embeddings: bool,
    pub p: f64,
    pub power: f64,
}

impl PmlDistance {
    pub const LP: PmlDistance = PmlDistance { similarity: false, normalize_embeddings: true, p: 2.0, power: 1.0 };
    pub const DOT: PmlDistance = PmlDistance { similarity: true, normalize_embeddings: true, p: 2.0, power: 1.0 };
    pub const COSINE: PmlDistance = PmlDistance { similarity: true, normalize_embeddings: true, p: 2.0, power: 1.0 };

    /// Parses a constructor string such as `LpDistance(normalize_embeddings=False, p=1)`,
    /// `DotProductSimilarity()` or `CosineSimilarity` (keyword arguments `normalize_embeddings`,
    /// `p`, `power`; `CosineSimilarity` always normalizes).
    pub fn parse(loss: &str, s: &str) -> Result<Self, LossError> {
        let bad = |why: &str| LossError::param(loss, "distance", format!("LpDistance(...), DotProductSimilarity(...) or CosineSimilarity(...) ({why})"), format!("{s:?}"));
        let s = s.trim();
        let (name, args) = match s.find('(') {
            Some(i) => {
                if !s.ends_with(')') {
                    return Err(bad("unbalanced parentheses"));
                }
                (&s[..i], &s[i + 1..s.len() - 1])
            }
            None => (s, ""),
        };
        let mut d = match name.trim() {
            "LpDistance" => Self::LP,
            "DotProductSimilarity" => Self::DOT,
            "CosineSimilarity" => Self::COSINE,
            _ => return Err(bad("unknown distance")),
        };
        for arg in args.split(',').map(str::trim).filter(|a| !a.is_empty()) {
            let (k, v) = arg.split_once('=').ok_or_else(|| bad("keyword arguments only"))?;
            let (k, v) = (k.trim(), v.trim());
            match k {
                "normalize_embeddings" => {
                    d.normalize_embeddings = match v {
                        "True" | "true" => true,
                        "False" | "false" => false,
                        _ => return Err(bad("normalize_embeddings must be True or False")),
                    };
                    if name.trim() == "CosineSimilarity" && !d.normalize_embeddings {
                        return Err(bad("CosineSimilarity requires normalized embeddings"));
                    }
                }
                "p" | "power" => {
                    let x: f64 = v.parse().map_err(|_| bad("p and power are numbers"))?;
                    if !(x > 0.0) || !x.is_finite() {
                        return Err(bad("p and power must be finite and > 0"));
                    }
                    if k == "p" { d.p = x } else { d.power = x }
                }
                _ => return Err(bad("unknown keyword")),
            }
        }
        Ok(d)
    }

    /// The matrix `[N, M]` between the rows of `a` and of `b` (PML `BaseDistance.forward`):
    /// rows L_p-normalized first when `normalize_embeddings`, then `cdist` (p-norm of
    /// differences, zero gradient at a zero distance) or dot products, raised to `power`.
    pub fn matrix(&self, a: Tensor<2>, b: Tensor<2>) -> Tensor<2> {
        let (a, b) = if self.normalize_embeddings { (lp_normalize(a, self.p), lp_normalize(b, self.p)) } else { (a, b) };
        let m = if self.similarity { a.matmul(b.transpose()) } else { lp_cdist(a, b, self.p) };
        if self.power != 1.0 { m.powf_scalar(self.power) } else { m }
    }
}

/// `F.normalize(x, p, dim=1, eps=1e-12)`.
pub fn lp_normalize(x: Tensor<2>, p: f64) -> Tensor<2> {
    if p == 2.0 {
        return numerics::vectors::l2_normalize(x, 1, 1e-12);
    }
    let s = x.clone().abs().powf_scalar(p).sum_dim(1);
    let zero = s.clone().equal_elem(0.0);
    let n = s.mask_fill(zero.clone(), 1.0).powf_scalar(1.0 / p).mask_fill(zero, 0.0).clamp_min(1e-12);
    x / n
}

/// `torch.cdist(a, b, p)`: `[N, M]` p-norms of row differences, with a zero gradient where the
/// distance is 0.
pub fn lp_cdist(a: Tensor<2>, b: Tensor<2>, p: f64) -> Tensor<2> {
    let [n, d] = a.dims();
    let m = b.dims()[0];
    let diff = a.reshape([n, 1, d]) - b.reshape([1, m, d]);
    let s = if p == 2.0 { diff.square().sum_dim(2) } else { diff.abs().powf_scalar(p).sum_dim(2) };
    let zero = s.clone().equal_elem(0.0);
    let root = if p == 2.0 { s.mask_fill(zero.clone(), 1.0).sqrt() } else { s.mask_fill(zero.clone(), 1.0).powf_scalar(1.0 / p) };
    root.mask_fill(zero, 0.0).reshape([n, m])
}

/// Host label lists to `(positive, negative)` pair masks (`[N, N]` 0/1 floats) as PML's
/// `get_all_pairs_indices`: positives share a label at another index, negatives differ.
pub fn label_pair_masks(labels: &Tensor<1, Int>, like: &Tensor<2>) -> (Tensor<2>, Tensor<2>) {
    numerics::pairs::pair_masks(labels, like)
}

/// For every positive pair `(a, p)`: `-log(e^{s_ap} / (e^{s_ap} + sum_{n in neg(a)} e^{s_an}))`
/// as a `[N, N]` matrix (0 outside positive pairs and for anchors without negatives).
/// `s` holds logits (similarity / temperature).
pub fn positive_pair_softmax(s: Tensor<2>, pos: Tensor<2>, neg: Tensor<2>) -> Tensor<2> {
    let n = s.dims()[0];
    let has_neg = neg.clone().sum_dim(1).greater_elem(0.0);
    // Anchors without negatives: fill their (all-masked) row with 0 so that the log-sum-exp
    // stays finite; their pairs are zeroed below.
    let no_neg_rows = has_neg.clone().bool_not().expand([n, n]);
    let masked = s.clone().mask_fill(neg.equal_elem(0.0), f64::NEG_INFINITY).mask_fill(no_neg_rows, 0.0);
    let lse = numerics::logsumexp(masked, 1);
    let per = numerics::softplus(lse - s);
    let keep = pos * numerics::mask_to_float(has_neg, &per);
    per * keep
}

/// Sinkhorn-Knopp balancing as lightly and SwAV write it, on host values `q [K, B]` (already
/// exponentiated and transposed: prototypes by samples): scale to total mass 1, then
/// `iterations` times normalize each prototype row to mass `1/K` and each sample column to
/// mass `1/B`; finally multiply by `B` (each sample's codes sum to 1). Returns `[K, B]`.
pub fn sinkhorn_host(mut q: Vec<f64>, k: usize, b: usize, iterations: usize) -> Vec<f64> {
    let total: f64 = q.iter().sum();
    q.iter_mut().for_each(|v| *v /= total);
    for _ in 0..iterations {
        for r in 0..k {
            let s: f64 = q[r * b..(r + 1) * b].iter().sum();
            q[r * b..(r + 1) * b].iter_mut().for_each(|v| *v = *v / s / k as f64);
        }
        for c in 0..b {
            let s: f64 = (0..k).map(|r| q[r * b + c]).sum();
            for r in 0..k {
                q[r * b + c] = q[r * b + c] / s / b as f64;
            }
        }
    }
    q.iter_mut().for_each(|v| *v *= b as f64);
    q
}

/// Image and text embeddings of one batch: both `[N, D]` with the same shape, non-empty.
pub fn check_image_text(loss: &str, image: &[usize], text: &[usize]) -> Result<(), LossError> {
    check_views(loss, "image_embeds", image, "text_embeds", text)
}

/// open_clip's `ClipLoss` on one process: logits `s I T^T (+ b)`, the mean of the row
/// (image-to-text) and column (text-to-image) cross-entropies with the matching pair on the
/// diagonal. `scale` and `bias` are `[1]` tensors (scale already exponentiated).
pub fn clip_contrastive(image: Tensor<2>, text: Tensor<2>, scale: Tensor<1>, bias: Option<Tensor<1>>) -> Tensor<1> {
    let logits = image.matmul(text.transpose()) * scale.reshape([1, 1]);
    let logits = match bias {
        Some(b) => logits + b.reshape([1, 1]),
        None => logits,
    };
    (diagonal_cross_entropy(logits.clone()).mean() + diagonal_cross_entropy(logits.transpose()).mean()).mul_scalar(0.5)
}

/// Polar factor `U V^T` of a host matrix `a` (`rows x cols`, row-major) from its thin SVD
/// `a = U S V^T`, by one-sided Jacobi rotations in f64. `sum(a * polar) = sum of singular
/// values` (the nuclear norm), and the polar factor is the nuclear norm's gradient wherever the
/// singular values are distinct and non-zero (what `torch.linalg.svdvals` differentiates).
/// Directions of zero singular values contribute nothing.
pub fn polar_factor_host(a: &[f64], rows: usize, cols: usize) -> Vec<f64> {
    // Work on a tall matrix: transpose a wide one and transpose the result back.
    if rows < cols {
        let t: Vec<f64> = (0..cols * rows).map(|i| a[(i % rows) * cols + i / rows]).collect();
        let p = polar_factor_host(&t, cols, rows);
        return (0..rows * cols).map(|i| p[(i % cols) * rows + i / cols]).collect();
    }
    let (m, n) = (rows, cols);
    let mut g = a.to_vec();
    let mut v: Vec<f64> = (0..n * n).map(|i| if i / n == i % n { 1.0 } else { 0.0 }).collect();
    for _ in 0..60 {
        let mut rotated = false;
        for p in 0..n {
            for q in p + 1..n {
                let (mut alpha, mut beta, mut gamma) = (0.0, 0.0, 0.0);
                for r in 0..m {
                    let (x, y) = (g[r * n + p], g[r * n + q]);
                    alpha += x * x;
                    beta += y * y;
                    gamma += x * y;
                }
                if gamma == 0.0 || gamma.abs() <= 1e-15 * (alpha * beta).sqrt() {
                    continue;
                }
                rotated = true;
                let zeta = (beta - alpha) / (2.0 * gamma);
                let t = zeta.signum() / (zeta.abs() + (1.0 + zeta * zeta).sqrt());
                let c = 1.0 / (1.0 + t * t).sqrt();
                let s = c * t;
                for r in 0..m {
                    let (x, y) = (g[r * n + p], g[r * n + q]);
                    g[r * n + p] = c * x - s * y;
                    g[r * n + q] = s * x + c * y;
                }
                for r in 0..n {
                    let (x, y) = (v[r * n + p], v[r * n + q]);
                    v[r * n + p] = c * x - s * y;
                    v[r * n + q] = s * x + c * y;
                }
            }
        }
        if !rotated {
            break;
        }
    }
    let mut out = vec![0.0; m * n];
    for j in 0..n {
        let sigma = (0..m).map(|r| g[r * n + j] * g[r * n + j]).sum::<f64>().sqrt();
        if sigma == 0.0 {
            continue;
        }
        for r in 0..m {
            let u = g[r * n + j] / sigma;
            for col in 0..n {
                out[r * n + col] += u * v[col * n + j];
            }
        }
    }
    out
}
