//! Distance maps and soft morphology for segmentation losses (boundary, Hausdorff, clDice).
//!
//! - [`edt`]: the exact Euclidean distance transform of a mask on the host, with
//!   `scipy.ndimage.distance_transform_edt` semantics (every foreground element gets its distance
//!   to the nearest background element, background elements 0), by the separable lower-envelope
//!   algorithm of Felzenszwalb & Huttenlocher (exact squared distances, then one square root).
//! - [`window_max`] / [`window_min`]: max / min over a window of 3 along one axis with stride 1
//!   and padding that never wins, i.e. `F.max_pool` with kernel 3 along that axis only.
//! - [`soft_erode`], [`soft_dilate`], [`soft_skeleton`]: the soft morphology of clDice (Shit et
//!   al. 2021) on `[B, C, *spatial]` tensors.
//! - [`cross_sum`]: the sum of each element and its 2 neighbours along every spatial axis with
//!   zero padding (a convolution with a cross-shaped kernel of ones).

use burn::tensor::Tensor;

use super::full_like;
use crate::numerics::relu;

/// Squared distance transform of one line (Felzenszwalb & Huttenlocher 2012): `d[q] =
/// min_p (q - p)^2 + f[p]`. `v` and `z` are scratch buffers of length `n` and `n + 1`.
fn dt_line(f: &[f64], d: &mut [f64], v: &mut [usize], z: &mut [f64]) {
    let n = f.len();
    if n == 0 {
        return;
    }
    let mut k = 0usize;
    v[0] = 0;
    z[0] = f64::NEG_INFINITY;
    z[1] = f64::INFINITY;
    for q in 1..n {
        let mut s;
        loop {
            let p = v[k];
            s = ((f[q] + (q * q) as f64) - (f[p] + (p * p) as f64)) / (2.0 * q as f64 - 2.0 * p as f64);
            // z[0] = -inf, so the loop stops at k = 0 at the latest.
            if s <= z[k] && k > 0 {
                k -= 1;
            } else {
                break;
            }
        }
        k += 1;
        v[k] = q;
        z[k] = s;
        z[k + 1] = f64::INFINITY;
    }
    k = 0;
    for (q, dq) in d.iter_mut().enumerate() {
        while z[k + 1] < q as f64 {
            k += 1;
        }
        let p = v[k];
        let diff = q as f64 - p as f64;
        *dq = diff * diff + f[p];
    }
}

/// Large finite stand-in for "no background on this line yet" (keeps the envelope arithmetic
/// free of inf - inf).
const FAR: f64 = 1e30;

/// Exact Euclidean distance transform of `mask` (row-major over `shape`, every axis spatial):
/// for each `true` element the distance to the nearest `false` element, 0 for `false`
/// elements, as `scipy.ndimage.distance_transform_edt(mask)` with unit sampling. A mask without
/// any `false` element gives infinite distances (callers skip such masks, as MONAI does).
pub fn edt(mask: &[bool], shape: &[usize]) -> Vec<f64> {
    let n: usize = shape.iter().product();
    debug_assert_eq!(mask.len(), n);
    if !mask.iter().any(|m| !m) {
        return vec![f64::INFINITY; n];
    }
    let mut g: Vec<f64> = mask.iter().map(|&m| if m { FAR } else { 0.0 }).collect();
    let rank = shape.len();
    for axis in 0..rank {
        let len = shape[axis];
        let stride: usize = shape[axis + 1..].iter().product();
        let outer: usize = shape[..axis].iter().product();
        let mut f = vec![0.0; len];
        let mut d = vec![0.0; len];
        let mut v = vec![0usize; len];
        let mut z = vec![0.0; len + 1];
        for o in 0..outer {
            for s in 0..stride {
                let base = o * len * stride + s;
                for i in 0..len {
                    f[i] = g[base + i * stride];
                }
                dt_line(&f, &mut d, &mut v, &mut z);
                for i in 0..len {
                    g[base + i * stride] = d[i].min(FAR);
                }
            }
        }
    }
    g.into_iter().map(f64::sqrt).collect()
}

/// `x` shifted by one along `axis`: `y[i] = x[i - 1]` (`forward`) or `y[i] = x[i + 1]`, with
/// `fill` where the source is outside.
fn shifted<const D: usize>(x: Tensor<D>, axis: usize, forward: bool, fill: f64) -> Tensor<D> {
    let dims = x.dims();
    let n = dims[axis];
    let mut pad_shape = dims;
    pad_shape[axis] = 1;
    if n == 1 {
        return full_like(&x, dims, fill);
    }
    let pad = full_like(&x, pad_shape, fill);
    if forward {
        Tensor::cat(vec![pad, x.narrow(axis, 0, n - 1)], axis)
    } else {
        Tensor::cat(vec![x.narrow(axis, 1, n - 1), pad], axis)
    }
}

/// Max over the window `[i - 1, i + 1]` along `axis` (`F.max_pool` with kernel 3, stride 1,
/// padding 1 along that axis; padding never wins).
pub fn window_max<const D: usize>(x: Tensor<D>, axis: usize) -> Tensor<D> {
    let up = shifted(x.clone(), axis, true, f64::NEG_INFINITY);
    let down = shifted(x.clone(), axis, false, f64::NEG_INFINITY);
    x.max_pair(up).max_pair(down)
}

/// Min over the window `[i - 1, i + 1]` along `axis` (`-F.max_pool(-x)` along that axis).
pub fn window_min<const D: usize>(x: Tensor<D>, axis: usize) -> Tensor<D> {
    let up = shifted(x.clone(), axis, true, f64::INFINITY);
    let down = shifted(x.clone(), axis, false, f64::INFINITY);
    x.min_pair(up).min_pair(down)
}

/// clDice soft erosion of `[B, C, *spatial]`: the minimum over the axis-aligned cross of
/// radius 1, i.e. the elementwise minimum of 3-windows along each spatial axis (MONAI
/// `soft_erode`).
pub fn soft_erode<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    let mut out: Option<Tensor<D>> = None;
    for axis in 2..D {
        let p = window_min(x.clone(), axis);
        out = Some(match out {
            None => p,
            Some(o) => o.min_pair(p),
        });
    }
    out.unwrap_or(x)
}

/// clDice soft dilation of `[B, C, *spatial]`: the maximum over the full 3 x ... x 3 window
/// (`F.max_pool2d/3d(x, 3, 1, 1)`), computed axis by axis (max is separable).
pub fn soft_dilate<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    let mut out = x;
    for axis in 2..D {
        out = window_max(out, axis);
    }
    out
}

/// clDice soft skeleton after `iters` erosions (MONAI `soft_skel`):
/// `skel = relu(x - open(x))`, then for each iteration `x = erode(x)`,
/// `delta = relu(x - open(x))`, `skel += relu(delta - skel * delta)`.
pub fn soft_skeleton<const D: usize>(x: Tensor<D>, iters: usize) -> Tensor<D> {
    let open = |t: Tensor<D>| soft_dilate(soft_erode(t));
    let mut img = x;
    let mut skel = relu(img.clone() - open(img.clone()));
    for _ in 0..iters {
        img = soft_erode(img);
        let delta = relu(img.clone() - open(img.clone()));
        skel = skel.clone() + relu(delta.clone() - skel * delta);
    }
    skel
}

/// Sum of each element and its two neighbours along every spatial axis (axes `2..D`), zeros
/// outside: a convolution with the cross-shaped kernel of ones and zero padding.
pub fn cross_sum<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    let mut out = x.clone();
    for axis in 2..D {
        out = out + shifted(x.clone(), axis, true, 0.0) + shifted(x.clone(), axis, false, 0.0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::edt;

    fn brute(mask: &[bool], shape: &[usize]) -> Vec<f64> {
        let (h, w) = (shape[0], shape[1]);
        (0..h * w)
            .map(|i| {
                if !mask[i] {
                    return 0.0;
                }
                let (y, x) = ((i / w) as f64, (i % w) as f64);
                (0..h * w)
                    .filter(|&j| !mask[j])
                    .map(|j| (((j / w) as f64 - y).powi(2) + ((j % w) as f64 - x).powi(2)).sqrt())
                    .fold(f64::INFINITY, f64::min)
            })
            .collect()
    }

    #[test]
    fn edt_matches_brute_force() {
        let shape = [7, 9];
        let mut state = 12345u64;
        for _ in 0..20 {
            let mask: Vec<bool> = (0..63)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (state >> 33) % 10 < 7
                })
                .collect();
            if mask.iter().all(|&m| m) {
                continue;
            }
            let got = edt(&mask, &shape);
            let want = brute(&mask, &shape);
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(g, w);
            }
        }
    }

    #[test]
    fn edt_3d_single_background_voxel() {
        let mut mask = vec![true; 27];
        mask[0] = false;
        let d = edt(&mask, &[3, 3, 3]);
        assert_eq!(d[26], 12f64.sqrt());
        assert_eq!(d[0], 0.0);
    }
}
