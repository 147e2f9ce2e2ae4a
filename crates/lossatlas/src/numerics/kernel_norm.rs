//! Kernel norms between weighted point clouds, in the form of geomloss's tensorized
//! `SamplesLoss(loss = "gaussian" | "laplacian" | "energy")`: half the squared kernel distance
//! between the measures `sum_i a_i delta(x_i)` and `sum_j b_j delta(y_j)`.

use burn::tensor::Tensor;

use crate::error::{fmt_shape, LossError};
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

/// The kernel `k(x, y)` of the norm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kernel {
    /// `exp(-|x - y|^2 / (2 blur^2))`.
    Gaussian { blur: f64 },
    /// `exp(-|x - y| / blur)`.
    Laplacian { blur: f64 },
    /// `-|x - y|` (the energy distance, halved).
    Energy,
}

/// Euclidean distances `[B, N, M]` between the rows of `x` `[B, N, D]` and `y` `[B, M, D]` as
/// geomloss 0.3.1 computes them: `sqrt(max(|x - y|^2, 1e-8))`, so distances below 1e-4
/// (self-pairs included) read 1e-4 and pass no gradient. `squared` returns `|x - y|^2` as is.
fn distances(x: Tensor<3>, y: Tensor<3>, squared: bool) -> Tensor<3> {
    let [b, n, d] = x.dims();
    let m = y.dims()[1];
    let diff = x.reshape([b, n, 1, d]) - y.reshape([b, 1, m, d]);
    let sq = (diff.clone() * diff).sum_dim(3).reshape([b, n, m]);
    if squared {
        return sq;
    }
    let floor = sq.clone().lower_elem(1e-8);
    sq.mask_fill(floor, 1e-8).sqrt()
}

fn kernel_matrix(x: Tensor<3>, y: Tensor<3>, kernel: Kernel) -> Tensor<3> {
    match kernel {
        Kernel::Gaussian { blur } => distances(x.mul_scalar(1.0 / blur), y.mul_scalar(1.0 / blur), true).mul_scalar(-0.5).exp(),
        Kernel::Laplacian { blur } => distances(x.mul_scalar(1.0 / blur), y.mul_scalar(1.0 / blur), false).neg().exp(),
        Kernel::Energy => distances(x, y, false).neg(),
    }
}

/// `sum_ij a_i k(x_i, x'_j) b_j` for every batch: `[B]`.
fn bilinear(a: Tensor<2>, k: Tensor<3>, b: Tensor<2>) -> Tensor<1> {
    let [nb, n] = a.dims();
    let m = b.dims()[1];
    a.reshape([nb, 1, n]).matmul(k).matmul(b.reshape([nb, m, 1])).reshape([nb])
}

/// `0.5 <a - b, k * (a - b)>` per batch `[B]`: `x` `[B, N, D]` with weights `a` `[B, N]`, `y`
/// `[B, M, D]` with weights `b` `[B, M]`.
pub fn kernel_norm(x: Tensor<3>, a: Tensor<2>, y: Tensor<3>, b: Tensor<2>, kernel: Kernel) -> Tensor<1> {
    let xx = bilinear(a.clone(), kernel_matrix(x.clone(), x.clone(), kernel), a.clone());
    let yy = bilinear(b.clone(), kernel_matrix(y.clone(), y.clone(), kernel), b.clone());
    let xy = bilinear(a, kernel_matrix(x, y, kernel), b);
    (xx + yy).mul_scalar(0.5) - xy
}

/// The evaluator side shared by the geomloss kernel entries: `points` `[N, D]` or `[B, N, D]`,
/// `target_points` `[M, D]` or `[B, M, D]`, optional `weights` `[N]` / `[B, N]` and
/// `target_weights` (uniform `1/N`, `1/M` when absent); a scalar for unbatched input, `[B]`
/// otherwise.
pub fn eval_samples_loss(loss: &str, c: &Call, kernel: Kernel) -> Result<LossTensor, LossError> {
    let (px, py) = (c.shape("points")?.to_vec(), c.shape("target_points")?.to_vec());
    let batched = px.len() == 3;
    if !(px.len() == 2 || batched) || py.len() != px.len() {
        return Err(LossError::shape(loss, "points", "[N, D] and target_points [M, D] (or both batched [B, N, D], [B, M, D])", format!("{} and {}", fmt_shape(&px), fmt_shape(&py))));
    }
    let (x3, y3) = if batched { ([px[0], px[1], px[2]], [py[0], py[1], py[2]]) } else { ([1, px[0], px[1]], [1, py[0], py[1]]) };
    if x3[0] != y3[0] || x3[2] != y3[2] {
        return Err(LossError::shape(loss, "target_points", format!("the batch and feature size of points {}", fmt_shape(&px)), fmt_shape(&py)));
    }
    numerics::inputs::check_float(c, "points")?;
    numerics::inputs::check_float(c, "target_points")?;
    let x = c.float_reshaped::<3>("points", x3)?;
    let y = c.float_reshaped::<3>("target_points", y3)?;
    let weights = |name: &str, rows: [usize; 3], like: &Tensor<3>| -> Result<Tensor<2>, LossError> {
        if !c.has(name) {
            return Ok(numerics::full_like(like, [rows[0], rows[1]], 1.0 / rows[1] as f64));
        }
        let want = if batched { vec![rows[0], rows[1]] } else { vec![rows[1]] };
        numerics::same_shape(loss, name, c.shape(name)?, "one weight per point", &want)?;
        c.float_reshaped::<2>(name, [rows[0], rows[1]])
    };
    let a = weights("weights", x3, &x)?;
    let b = weights("target_weights", y3, &y)?;
    let out = kernel_norm(x, a, y, b, kernel);
    Ok(if batched { LossTensor::elements(out) } else { LossTensor::scalar(out) })
}

/// Checks shared by the geomloss kernel entries, with `kernel(squared distance)` the kernel by
/// hand and `p` the params of the call: reference cases; the weighted, batched value by hand;
/// gradients; extremes and coinciding points; bad inputs.
#[cfg(test)]
pub fn check_kernel_entry(id: &str, p: serde_json::Value, kernel: fn(f64) -> f64) {
    use crate::ErrorKind;
    use crate::testing::*;

    let k = |a: &[f64], b: &[f64]| kernel(a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum());
    // 0.5 sum a a' k + 0.5 sum b b' k - sum a b k, over host rows of width d.
    let by_hand = |x: &[f64], a: &[f64], y: &[f64], b: &[f64], d: usize| -> f64 {
        let rows = |p: &[f64]| p.chunks(d).map(|r| r.to_vec()).collect::<Vec<_>>();
        let (xs, ys) = (rows(x), rows(y));
        let s = |p: &[Vec<f64>], w: &[f64], q: &[Vec<f64>], v: &[f64]| -> f64 {
            p.iter().zip(w).map(|(pi, wi)| q.iter().zip(v).map(|(qj, vj)| wi * vj * k(pi, qj)).sum::<f64>()).sum()
        };
        0.5 * s(&xs, a, &xs, a) + 0.5 * s(&ys, b, &ys, b) - s(&xs, a, &ys, b)
    };
    let p = params(p);
    assert_cases_pass(id);

    let (x, y) = (randn(&[2, 4, 3], 1, 1.0), randn(&[2, 5, 3], 2, 1.0));
    let (a, b) = (uniform(&[2, 4], 3, 0.1, 1.0), uniform(&[2, 5], 4, 0.1, 1.0));
    let ev = eval64(id, None, &p, &inputs(vec![("points", x.clone()), ("target_points", y.clone()), ("weights", a.clone()), ("target_weights", b.clone())]));
    assert_eq!(ev.loss.shape, vec![2]);
    for bi in 0..2 {
        let want = by_hand(&x.floats[bi * 12..(bi + 1) * 12], &a.floats[bi * 4..(bi + 1) * 4], &y.floats[bi * 15..(bi + 1) * 15], &b.floats[bi * 5..(bi + 1) * 5], 3);
        assert!((ev.loss.floats[bi] - want).abs() < 1e-12, "{id} batch {bi}: {} vs {want}", ev.loss.floats[bi]);
    }
    // Uniform weights by default; identical clouds give 0.
    let x2 = randn(&[4, 2], 5, 1.0);
    assert!(eval64(id, None, &p, &inputs(vec![("points", x2.clone()), ("target_points", x2)])).loss.floats[0].abs() < 1e-12);

    let x = inputs(vec![("points", randn(&[4, 2], 7, 1.0)), ("target_points", randn(&[3, 2], 8, 1.0)), ("weights", uniform(&[4], 9, 0.1, 1.0)), ("target_weights", uniform(&[3], 10, 0.1, 1.0))]);
    assert_gradcheck(id, None, &p, &x);
    for scale in [1e-12, 1e4] {
        assert_finite(id, None, &p, &inputs(vec![("points", randn(&[4, 2], 7, scale)), ("target_points", randn(&[3, 2], 8, scale))]));
    }
    // Coinciding points: the floored distance, a zero (not NaN) gradient.
    assert_finite(id, None, &p, &inputs(vec![("points", f(&[2, 1], &[1.0, 1.0])), ("target_points", f(&[1, 1], &[1.0]))]));

    let ok = |n| randn(&[n, 2], 1, 1.0);
    assert_error(id, None, &p, &inputs(vec![("points", ok(3)), ("target_points", randn(&[3, 3], 1, 1.0))]), ErrorKind::Shape);
    assert_error(id, None, &p, &inputs(vec![("points", randn(&[3], 1, 1.0)), ("target_points", randn(&[3], 1, 1.0))]), ErrorKind::Shape);
    assert_error(id, None, &p, &inputs(vec![("points", ok(3)), ("target_points", ok(2)), ("weights", uniform(&[2], 1, 0.0, 1.0))]), ErrorKind::Shape);
    assert_error(id, None, &p, &inputs(vec![("points", f(&[0, 2], &[])), ("target_points", ok(2))]), ErrorKind::Empty);
    assert_error(id, None, &p, &inputs(vec![("points", i(&[1, 2], &[0, 1])), ("target_points", ok(2))]), ErrorKind::DType);
    for bad in [serde_json::json!({"blur": 0.0}), serde_json::json!({"blur": "nan"}), serde_json::json!({"loss": "sinkhorn"})] {
        assert_error(id, None, &params(bad), &inputs(vec![("points", ok(3)), ("target_points", ok(2))]), ErrorKind::Param);
    }
}
