//! Sparse maps onto the probability simplex (sparsemax, 1.5-entmax) computed exactly with the
//! sort-based algorithms of Martins & Astudillo (2016) and Peters et al. (2019), and the
//! Fenchel-Young losses built on them. Rows are the last axis of `[N, C]`.
//!
//! The maps are differentiable through sort, cumsum and gather, which gives their exact
//! Jacobians away from ties. The losses use the detached map: a Fenchel-Young loss
//! `Omega(p) + <p, z> - z_y` has gradient `p - e_y`, which is what treating `p` as a constant
//! yields, and what the reference libraries' custom backward passes return.

use burn::tensor::{Int, Tensor};

/// `[1, 2, ..., C]` as a `[1, C]` float row in the dtype of `like`.
fn ranks(like: &Tensor<2>) -> Tensor<2> {
    let c = like.dims()[1];
    super::tensor_like(like, (1..=c).map(|k| k as f64).collect(), [1, c])
}

/// Position (as a `[N, 1]` index) of the last `true` in a prefix-closed `[N, C]` mask given as
/// 0/1 floats: the count minus one.
fn last_index(mask: Tensor<2>) -> Tensor<2, Int> {
    mask.sum_dim(1).int().sub_scalar(1)
}

/// sparsemax along the last axis: the Euclidean projection of each row onto the simplex,
/// `max(z - tau, 0)` with `tau` from the sorted cumulative sums.
pub fn sparsemax(z: Tensor<2>) -> Tensor<2> {
    let z = z.clone() - z.detach().max_dim(1);
    let sorted = z.clone().sort_descending(1);
    let cumsum = sorted.clone().cumsum(1).sub_scalar(1.0);
    let rho = ranks(&z);
    let support = super::mask_to_float((sorted * rho).greater(cumsum.clone()), &z);
    let k = support.clone().sum_dim(1);
    let tau = cumsum.gather(1, last_index(support)) / k;
    (z - tau).clamp_min(0.0)
}

/// 1.5-entmax along the last axis, `max(z/2 - tau, 0)^2` with the exact threshold of the
/// `entmax` package (sorted means and variances; its partial-sort size `k` only changes speed).
pub fn entmax15(z: Tensor<2>) -> Tensor<2> {
    let x = (z.clone() - z.detach().max_dim(1)).mul_scalar(0.5);
    let sorted = x.clone().sort_descending(1);
    let rho = ranks(&x);
    let inv_rho = rho.clone().recip();
    let mean = sorted.clone().cumsum(1) * inv_rho.clone();
    let mean_sq = sorted.clone().square().cumsum(1) * inv_rho.clone();
    let ss = rho * (mean_sq - mean.clone().square());
    let delta = ss.neg().add_scalar(1.0) * inv_rho;
    let tau = mean - delta.clamp_min(0.0).sqrt();
    let support = super::mask_to_float(tau.clone().lower_equal(sorted), &x);
    let tau_star = tau.gather(1, last_index(support));
    (x - tau_star).clamp_min(0.0).square()
}

/// Per-row Fenchel-Young loss `omega + <p - e_y, z>` with `p` detached (gradient `p - e_y`).
/// `omega` is `[N]`, computed by the caller from the detached `p`.
pub fn fenchel_young(z: Tensor<2>, p: Tensor<2>, omega: Tensor<1>, targets: Tensor<1, Int>) -> Tensor<1> {
    let n = z.dims()[0];
    let inner = (p.detach() * z.clone()).sum_dim(1).reshape([n]);
    let z_y = z.gather(1, targets.reshape([n, 1])).reshape([n]);
    omega + inner - z_y
}

/// Reductions of the `entmax` package's losses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntmaxReduction {
    /// Sum divided by the number of rows that are not ignored.
    ElementwiseMean,
    Sum,
    None,
}

impl EntmaxReduction {
    /// `elementwise_mean` (also accepted as `mean`), `sum` or `none`.
    pub fn parse(loss: &str, s: &str) -> Result<Self, crate::error::LossError> {
        match s {
            "elementwise_mean" | "mean" => Ok(Self::ElementwiseMean),
            "sum" => Ok(Self::Sum),
            "none" => Ok(Self::None),
            other => Err(crate::error::LossError::param(loss, "reduction", "elementwise_mean, sum or none", format!("{other:?}"))),
        }
    }
}

/// The `entmax` package's `_GenericLoss` reduction: with `ignore_index >= 0`, rows whose target
/// equals it give 0 and leave the mean's denominator (NaN when every row is ignored, as there).
pub fn entmax_reduce(per: Tensor<1>, targets: &[i64], ignore_index: i64, reduction: EntmaxReduction) -> super::LossTensor {
    let n = per.dims()[0];
    let (per, size) = if ignore_index >= 0 {
        let ignored: Vec<bool> = targets.iter().map(|&t| t == ignore_index).collect();
        let kept = ignored.iter().filter(|&&x| !x).count();
        let mask = Tensor::<1, burn::tensor::Bool>::from_data(burn::tensor::TensorData::new(ignored, [n]), &per.device());
        (per.mask_fill(mask, 0.0), kept)
    } else {
        (per, n)
    };
    match reduction {
        EntmaxReduction::ElementwiseMean => super::LossTensor::scalar(per.sum().mul_scalar(1.0 / size as f64)),
        EntmaxReduction::Sum => super::LossTensor::scalar(per.sum()),
        EntmaxReduction::None => super::LossTensor::elements(per),
    }
}
