//! PyTorch's `F.adaptive_avg_pool2d`, as two matrix products with averaging matrices: output
//! cell `i` of an axis of length `n` pooled to `m` averages inputs `floor(i n / m)` to
//! `ceil((i + 1) n / m) - 1`, exactly PyTorch's bins (they overlap when `m` does not divide `n`).

use burn::tensor::Tensor;

use super::tensor_like;

/// The `[out, len]` averaging matrix of one axis.
fn bins<const E: usize>(like: &Tensor<E>, len: usize, out: usize) -> Tensor<2> {
    let mut m = vec![0.0; out * len];
    for i in 0..out {
        let start = (i * len) / out;
        let end = ((i + 1) * len).div_ceil(out);
        for j in start..end {
            m[i * len + j] = 1.0 / (end - start) as f64;
        }
    }
    tensor_like(like, m, [out, len])
}

/// `F.adaptive_avg_pool2d(x, (oh, ow))` on `[N, C, H, W]`; `oh`, `ow` must be >= 1.
pub fn adaptive_avg_pool2d(x: Tensor<4>, oh: usize, ow: usize) -> Tensor<4> {
    let [n, c, h, w] = x.dims();
    if (oh, ow) == (h, w) {
        return x;
    }
    let ph = bins(&x, h, oh).reshape([1, 1, oh, h]).expand([n, c, oh, h]);
    let pw = bins(&x, w, ow).transpose().reshape([1, 1, w, ow]).expand([n, c, w, ow]);
    ph.matmul(x).matmul(pw)
}
