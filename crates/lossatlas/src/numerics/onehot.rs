//! One-hot encodings of class-index targets, built on the device.

use burn::tensor::{Bool, Int, Tensor};

/// `[N, C]` mask that is true at `(i, targets[i])`. Targets must already be validated in `[0, C)`.
pub fn one_hot_mask(targets: Tensor<1, Int>, classes: usize) -> Tensor<2, Bool> {
    let n = targets.dims()[0];
    let cols = Tensor::<1, Int>::arange(0..classes as i64, &targets.device()).reshape([1, classes]).expand([n, classes]);
    targets.reshape([n, 1]).expand([n, classes]).equal(cols)
}

/// `[N, C]` one-hot floats in the dtype of `like`.
pub fn one_hot<const E: usize>(targets: Tensor<1, Int>, classes: usize, like: &Tensor<E>) -> Tensor<2> {
    super::mask_to_float(one_hot_mask(targets, classes), like)
}
