//! Lovász-softmax: the Lovász extension of the per-class Jaccard loss applied to sorted softmax
//! errors, averaged over classes.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor};
use crate::numerics::{self, LossTensor, monai_overlap::lovasz_weights};

const ID: &str = "lovasz-softmax";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Lovász-Softmax Loss",
    kind: Kind::Loss,
    domains: &["segmentation"],
    year: 2018,
    paper: Paper {
        title: "The Lovász-Softmax Loss: A Tractable Surrogate for the Optimization of the Intersection-Over-Union Measure",
        authors: "Berman, M. et al.",
        venue: "CVPR",
        year: 2018,
        url: "https://arxiv.org/abs/1705.08790",
    },
    summary: "For each class, sorts the errors |[y = c] - p_c| of the softmax probabilities and takes their dot product with the Jaccard loss's discrete gradient, a convex surrogate of 1 - IoU; the per-class values are averaged. It directly targets mean IoU and is commonly used to fine-tune after cross-entropy. Implementations differ in which classes are averaged (all, or only those present) and in per-image versus per-batch computation.",
    formula: r"L = \frac{1}{|C|}\sum_{c \in C}\ \sum_i m_{\pi_c(i)}(c)\,g_i(c),\quad m_j(c) = \big|[y_j = c] - p_j(c)\big|,\ g_i(c) = \Delta_{J_c}(\pi_c(1..i)) - \Delta_{J_c}(\pi_c(1..i-1))",
    inputs: &[
        Input { name: "logits", shape: "[B, C, H, W]", meaning: "class scores (softmax inside)" },
        Input { name: "targets", shape: "[B, H, W] (i64)", meaning: "class labels" },
    ],
    params: &[
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: f64::NEG_INFINITY, max: f64::INFINITY }, meaning: "kornia: per-class multipliers of the class terms (length C); the mean still divides by C" },
        Param { name: "mode", symbol: "", default: Value::Str("multiclass"), range: Range::Choice { values: &["binary", "multiclass", "multilabel"] }, meaning: "smp task type: multiclass is the Lovász-softmax; binary and multilabel run the Lovász hinge (see lovasz-hinge)" },
        Param { name: "per_image", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "smp: average per-image losses instead of one loss over all pixels of the batch" },
        Param { name: "ignore_index", symbol: "", default: Value::Null, range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "smp: pixels with this label are removed before the loss" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "kornia.losses.lovasz_softmax_loss",
        "segmentation_models_pytorch.losses.LovaszLoss",
    ],
    related: &["lovasz-hinge", "jaccard", "dice", "cross-entropy"],
    forms: &[
        Form { name: "kornia", description: "kornia.losses.lovasz_softmax_loss(logits, targets, weight): each image scored on its own over all C classes (absent classes included), weighted mean over classes, then the batch mean; no ignore_index." },
        Form { name: "smp", description: "segmentation_models_pytorch.losses.LovaszLoss(mode='multiclass', per_image): Berman's reference code, mean over the classes present ('present'); float32." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the true class at one pixel (form kornia)", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: Some("kornia"),
        params: serde_json::json!({}),
        inputs: vec![
            ("logits", HostTensor::from_f64(vec![1, 3, 1, 2], vec![x, 0.5, 0.0, 0.0, 0.0, 0.5])),
            ("targets", HostTensor::from_i64(vec![1, 1, 2], vec![0, 2])),
        ],
        wrt: "logits",
        index: 0,
    }
}

/// kornia `lovasz_softmax_loss(logits, targets, weight)`: `logits [B or 1, C, H, W]` (softmax
/// over C inside, C >= 2), `targets [B, H, W]` labels in `[0, C)`; every image and every class
/// is scored (an absent class too), the class terms are averaged over the batch, multiplied by
/// `weight` and averaged over the C classes. Returns a scalar.
pub fn lovasz_softmax_kornia(logits: Tensor<4>, targets: &[i64], tshape: [usize; 3], weight: Option<&[f64]>) -> Result<LossTensor, LossError> {
    let [bp, c, h, w] = logits.dims();
    let [bt, th, tw] = tshape;
    if c < 2 {
        return Err(LossError::shape(ID, "logits", "[B, C, H, W] with C >= 2", fmt_shape(&logits.dims())));
    }
    if (th, tw) != (h, w) || (bp != bt && bp != 1) {
        return Err(LossError::shape(ID, "targets", format!("[{bp}, {h}, {w}] (the batch and spatial size of logits)"), fmt_shape(&tshape)));
    }
    numerics::non_empty(ID, "logits", &logits.dims())?;
    numerics::non_empty(ID, "targets", &tshape)?;
    numerics::labels_in_range(ID, "targets", targets, c, None)?;
    if let Some(wt) = weight {
        if wt.len() != c {
            return Err(LossError::shape(ID, "weight", format!("{c} values (one per class)"), format!("{} values", wt.len())));
        }
        numerics::finite_values(ID, "weight", wt)?;
    }
    let n = h * w;
    let p = numerics::softmax(logits.reshape([bp, c, n]), 1).expand([bt, c, n]);
    let ph = numerics::host_f64(&p);
    let mut fg = vec![0.0; bt * c * n];
    for b in 0..bt {
        for i in 0..n {
            fg[(b * c + targets[b * n + i] as usize) * n + i] = 1.0;
        }
    }
    let mut coef = vec![0.0; bt * c * n];
    for b in 0..bt {
        for k in 0..c {
            let r = (b * c + k) * n..(b * c + k + 1) * n;
            let err: Vec<f64> = ph[r.clone()].iter().zip(&fg[r.clone()]).map(|(p, f)| (p - f).abs()).collect();
            let wk = weight.map_or(1.0, |wt| wt[k]);
            for (dst, g) in coef[r.clone()].iter_mut().zip(lovasz_weights(&err, &fg[r])) {
                *dst = g * wk / (bt * c) as f64;
            }
        }
    }
    let fgt = numerics::tensor_like(&p, fg, [bt, c, n]);
    let coef = numerics::tensor_like(&p, coef, [bt, c, n]);
    Ok(LossTensor::scalar(((p - fgt).abs() * coef).sum()))
}

/// segmentation_models_pytorch `LovaszLoss(mode="multiclass", per_image, ignore_index)`:
/// Berman's `lovasz_softmax` with `classes="present"` on `logits [B, C, *]` and labels with
/// `B * prod(*)` values; pixels labelled `ignore_index` are removed; per image (then the mean
/// over images) or over all pixels of the batch at once.
pub fn lovasz_softmax_smp<const D: usize>(logits: Tensor<D>, targets: &[i64], per_image: bool, ignore_index: Option<i64>) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    if D < 2 {
        return Err(LossError::shape(ID, "logits", "[B, C, *]", fmt_shape(&dims)));
    }
    numerics::non_empty(ID, "logits", &dims)?;
    let (b, c) = (dims[0], dims[1]);
    let n: usize = dims[2..].iter().product();
    if targets.len() != b * n {
        return Err(LossError::shape(ID, "targets", format!("{} labels (one per pixel of logits {})", b * n, fmt_shape(&dims)), format!("{} labels", targets.len())));
    }
    let p = numerics::softmax(logits, 1).reshape([b, c, n]);
    let ph = numerics::host_f64(&p);
    let groups: Vec<Vec<usize>> = if per_image { (0..b).map(|i| vec![i]).collect() } else { vec![(0..b).collect()] };
    let mut coef = vec![0.0; b * c * n];
    let mut fg = vec![0.0; b * c * n];
    for (i, &l) in targets.iter().enumerate() {
        if l >= 0 && (l as usize) < c {
            fg[((i / n) * c + l as usize) * n + i % n] = 1.0;
        }
    }
    for group in &groups {
        // Valid pixels of the group as (image, pixel).
        let pix: Vec<(usize, usize)> = group.iter().flat_map(|&im| (0..n).map(move |j| (im, j))).filter(|&(im, j)| Some(targets[im * n + j]) != ignore_index).collect();
        let present: Vec<usize> = (0..c).filter(|&k| pix.iter().any(|&(im, j)| targets[im * n + j] == k as i64)).collect();
        if c == 1 && !present.is_empty() {
            return Err(LossError::shape(ID, "logits", "C >= 2 classes (smp: 'Sigmoid output possible only with 1 class')", fmt_shape(&dims)));
        }
        for &k in &present {
            let idx: Vec<usize> = pix.iter().map(|&(im, j)| (im * c + k) * n + j).collect();
            let err: Vec<f64> = idx.iter().map(|&q| (ph[q] - fg[q]).abs()).collect();
            let f: Vec<f64> = idx.iter().map(|&q| fg[q]).collect();
            let scale = 1.0 / (present.len() * groups.len()) as f64;
            for (q, g) in idx.iter().zip(lovasz_weights(&err, &f)) {
                coef[*q] = g * scale;
            }
        }
    }
    let fgt = numerics::tensor_like(&p, fg, [b, c, n]);
    let coef = numerics::tensor_like(&p, coef, [b, c, n]);
    Ok(LossTensor::scalar(((p - fgt).abs() * coef).sum()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or("kornia");
    let shape = c.shape("logits")?.to_vec();
    numerics::inputs::check_float(c, "logits")?;
    let tshape = c.shape("targets")?.to_vec();
    match form {
        "kornia" => {
            if shape.len() != 4 {
                return Err(LossError::shape(ID, "logits", "[B, C, H, W]", fmt_shape(&shape)));
            }
            if tshape.len() != 3 {
                return Err(LossError::shape(ID, "targets", "[B, H, W]", fmt_shape(&tshape)));
            }
            let weight = c.f64_list_opt("weight")?;
            let targets = c.int_values("targets")?;
            let logits = c.float::<4>("logits")?;
            lovasz_softmax_kornia(logits, targets, [tshape[0], tshape[1], tshape[2]], weight.as_deref())
        }
        "smp" => {
            let mode = c.str("mode", "multiclass")?;
            let per_image = c.bool("per_image", false)?;
            let ignore = c.i64_opt("ignore_index")?;
            match mode {
                "multiclass" => {
                    let targets = c.int_values("targets")?;
                    crate::eval::by_rank!(c, "logits", shape.len(), |D| lovasz_softmax_smp(c.float::<D>("logits")?, targets, per_image, ignore))
                }
                "binary" | "multilabel" => super::lovasz_hinge::lovasz_hinge_smp_call(c, per_image, ignore),
                other => Err(LossError::param(ID, "mode", "one of binary, multiclass, multilabel", format!("{other:?}"))),
            }
        }
        _ => Err(c.unknown_form(&["kornia", "smp"])),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn seg(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let t: Vec<i64> = (0..2 * 3 * 4).map(|k| ((k * 7 + seed as usize) % 3) as i64).collect();
        inputs(vec![("logits", randn(&[2, 3, 3, 4], seed, 1.5)), ("targets", i(&[2, 3, 4], &t))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // One image, two pixels, two classes: logits (0, 0) and (ln 3, 0) -> p(class 0) = (1/2,
        // 3/4), labels (0, 1). Class 0: fg (1, 0), errors (1/2, 3/4); sorted (3/4 [fg 0], 1/2
        // [fg 1]): J_1 = 1 - (1 - 0)/(1 + 1) = 1/2, J_2 = 1 - 0/(1 + 1) = 1 -> weights (1/2, 1/2),
        // term 5/8. Class 1: p = (1/2, 1/4), fg (0, 1), errors (1/2, 3/4); sorted (3/4 [fg 1],
        // 1/2 [fg 0]): J_1 = 1 - 0/1 = 1, J_2 = 1 -> weights (1, 0), term 3/4. Mean 11/16.
        let x = inputs(vec![("logits", f(&[1, 2, 1, 2], &[0.0, 3f64.ln(), 0.0, 0.0])), ("targets", i(&[1, 1, 2], &[0, 1]))]);
        let ev = eval64(ID, Some("kornia"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 11.0 / 16.0).abs() < 1e-12, "{:?}", ev.loss.floats);
        // smp averages the present classes only: the same two classes are present here.
        let ev = eval64(ID, Some("smp"), &params(json!({"mode": "multiclass"})), &x);
        assert!((ev.loss.floats[0] - 11.0 / 16.0).abs() < 1e-12, "{:?}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, Some("kornia"), &params(json!({})), &seg(3));
        assert_gradcheck(ID, Some("kornia"), &params(json!({"weight": [1.0, 0.5, 2.0]})), &seg(4));
        assert_gradcheck(ID, Some("smp"), &params(json!({"mode": "multiclass", "per_image": true})), &seg(5));
        assert_gradcheck(ID, Some("smp"), &params(json!({"mode": "multiclass", "ignore_index": 2})), &seg(6));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let mut x = seg(7);
            x.insert("logits".into(), randn(&[2, 3, 3, 4], 8, scale));
            assert_finite(ID, Some("kornia"), &params(json!({})), &x);
            assert_finite(ID, Some("smp"), &params(json!({"mode": "multiclass"})), &x);
        }
    }

    #[test]
    fn rejects_bad_inputs() {
        let x = seg(1);
        let bad_label = inputs(vec![("logits", randn(&[1, 3, 1, 2], 1, 1.0)), ("targets", i(&[1, 1, 2], &[0, 3]))]);
        assert_error(ID, Some("kornia"), &params(json!({})), &bad_label, ErrorKind::Value);
        let mismatch = inputs(vec![("logits", randn(&[2, 3, 3, 4], 1, 1.0)), ("targets", i(&[2, 3, 5], &[0; 30]))]);
        assert_error(ID, Some("kornia"), &params(json!({})), &mismatch, ErrorKind::Shape);
        assert_error(ID, Some("kornia"), &params(json!({"weight": [1.0, 2.0]})), &x, ErrorKind::Shape);
        assert_error(ID, Some("kornia"), &params(json!({"weight": "uniform"})), &x, ErrorKind::Param);
        let one_class = inputs(vec![("logits", randn(&[1, 1, 1, 2], 1, 1.0)), ("targets", i(&[1, 1, 2], &[0, 0]))]);
        assert_error(ID, Some("kornia"), &params(json!({})), &one_class, ErrorKind::Shape);
        let float_targets = inputs(vec![("logits", randn(&[1, 2, 1, 2], 1, 1.0)), ("targets", f(&[1, 1, 2], &[0.0, 1.0]))]);
        assert_error(ID, Some("kornia"), &params(json!({})), &float_targets, ErrorKind::DType);
        let empty = inputs(vec![("logits", f(&[0, 3, 1, 2], &[])), ("targets", i(&[0, 1, 2], &[]))]);
        assert_error(ID, Some("kornia"), &params(json!({})), &empty, ErrorKind::Empty);
        assert_error(ID, Some("smp"), &params(json!({"mode": "softmax"})), &x, ErrorKind::Param);
    }
}
