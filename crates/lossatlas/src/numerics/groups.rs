//! Group statistics from integer group ids (sensitive attributes, environments, DRO groups):
//! a one-hot membership matrix built on the host and group sums by one matrix product, so that
//! gradients flow to every member of a group.

use burn::tensor::Tensor;

use crate::error::{LossError, fmt_shape};

/// Checks that `ids` are non-negative and returns the number of groups `max(ids) + 1`
/// (at least `min_groups`).
pub fn group_count(loss: &str, arg: &str, ids: &[i64], min_groups: usize) -> Result<usize, LossError> {
    if let Some(bad) = ids.iter().find(|&&g| g < 0) {
        return Err(LossError::value(loss, arg, "non-negative group ids", format!("{bad}")));
    }
    let g = ids.iter().map(|&g| g as usize + 1).max().unwrap_or(0);
    Ok(g.max(min_groups))
}

/// Checks that ids have the batch shape `[n]`.
pub fn check_ids(loss: &str, arg: &str, shape: &[usize], n: usize, other: &str) -> Result<(), LossError> {
    if shape != [n] {
        return Err(LossError::shape(loss, arg, format!("shape [{n}] (one id per element of {other})"), fmt_shape(shape)));
    }
    Ok(())
}

/// One-hot membership `[groups, n]` (row g marks the elements of group g), dtype of `like`.
pub fn membership<const E: usize>(like: &Tensor<E>, ids: &[i64], groups: usize) -> Tensor<2> {
    let n = ids.len();
    let mut m = vec![0.0; groups * n];
    for (i, &g) in ids.iter().enumerate() {
        if g >= 0 && (g as usize) < groups {
            m[g as usize * n + i] = 1.0;
        }
    }
    crate::numerics::tensor_like(like, m, [groups, n])
}

/// Number of elements of each group.
pub fn counts(ids: &[i64], groups: usize) -> Vec<f64> {
    let mut c = vec![0.0; groups];
    for &g in ids {
        if g >= 0 && (g as usize) < groups {
            c[g as usize] += 1.0;
        }
    }
    c
}

/// Per-group sums `[groups]` of `values` `[n]` given the membership matrix `[groups, n]`.
pub fn group_sums(values: Tensor<1>, membership: Tensor<2>) -> Tensor<1> {
    let n = values.dims()[0];
    let g = membership.dims()[0];
    membership.matmul(values.reshape([n, 1])).reshape([g])
}

/// Means of `values` `[n]` over the groups that have members: returns the `[k]` means of the
/// non-empty groups (in increasing group order) and their ids.
pub fn present_group_means<const E: usize>(like: &Tensor<E>, values: Tensor<1>, ids: &[i64], groups: usize) -> (Option<Tensor<1>>, Vec<usize>) {
    let c = counts(ids, groups);
    let present: Vec<usize> = (0..groups).filter(|&g| c[g] > 0.0).collect();
    if present.is_empty() {
        return (None, present);
    }
    let m = membership(like, ids, groups);
    let sums = group_sums(values, m);
    let idx = crate::numerics::ints_like(like, present.iter().map(|&g| g as i64).collect(), [present.len()]);
    let cnt = crate::numerics::tensor_like(like, present.iter().map(|&g| c[g]).collect(), [present.len()]);
    (Some(sums.select(0, idx) / cnt), present)
}

/// Largest minus smallest entry of a `[k]` tensor (0 for k < 2): the parity gap of group means.
pub fn spread(means: Tensor<1>) -> Tensor<1> {
    if means.dims()[0] < 2 {
        return means.sum().mul_scalar(0.0);
    }
    means.clone().max_dim(0) - means.min_dim(0)
}
