//! Label masks and reducers for losses over pairs and triplets of a labelled batch, in the
//! style of pytorch-metric-learning (distances, miners and reducers are separate parts).

use burn::tensor::{Int, Tensor};

use crate::error::{LossError, fmt_shape};
use crate::numerics;

/// Checks `embeddings [N, D]` against `labels [N]` with PML's error for a count mismatch.
pub fn check_embeddings(loss: &str, emb: &[usize], labels: &[usize]) -> Result<(), LossError> {
    if emb.len() != 2 {
        return Err(LossError::shape(loss, "embeddings", "shape [N, D]", fmt_shape(emb)));
    }
    if labels.len() != 1 || labels[0] != emb[0] {
        return Err(LossError::shape(loss, "labels", format!("shape [{}] (one label per embedding)", emb[0]), fmt_shape(labels)));
    }
    Ok(())
}

/// `(positive, negative)` masks `[N, N]` as 0/1 floats in the dtype of `like`: positives have
/// the same label and a different index; negatives a different label.
pub fn pair_masks(labels: &Tensor<1, Int>, like: &Tensor<2>) -> (Tensor<2>, Tensor<2>) {
    let n = labels.dims()[0];
    let l = numerics::host_i64(labels);
    let mut pos = vec![0.0; n * n];
    let mut neg = vec![0.0; n * n];
    for a in 0..n {
        for b in 0..n {
            if l[a] == l[b] {
                if a != b {
                    pos[a * n + b] = 1.0;
                }
            } else {
                neg[a * n + b] = 1.0;
            }
        }
    }
    (numerics::tensor_like(like, pos, [n, n]), numerics::tensor_like(like, neg, [n, n]))
}

/// Mask `[N, N, N]` of valid triplets `(a, p, n)`: `p` a positive of `a`, `n` a negative.
pub fn triplet_mask(pos: &Tensor<2>, neg: &Tensor<2>) -> Tensor<3> {
    let n = pos.dims()[0];
    pos.clone().reshape([n, n, 1]) * neg.clone().reshape([n, 1, n])
}

/// PML's `AvgNonZeroReducer`: the mean of the selected losses that are > 0, or 0 when none is.
pub fn avg_non_zero<const D: usize>(losses: Tensor<D>, mask: Tensor<D>) -> Tensor<1> {
    let selected = losses * mask;
    let count = numerics::mask_to_float(selected.clone().greater_elem(0.0), &selected).sum().detach();
    let total = selected.sum();
    // count = 0 means total = 0: divide by max(count, 1).
    total / count.clamp_min(1.0)
}

/// PML's `MeanReducer` over the selected elements (0 when there are none).
pub fn mean_selected<const D: usize>(losses: Tensor<D>, mask: Tensor<D>) -> Tensor<1> {
    let count = mask.clone().sum().detach();
    (losses * mask).sum() / count.clamp_min(1.0)
}
