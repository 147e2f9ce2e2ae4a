//! Total variation: the summed absolute differences between neighbouring pixels, a prior that
//! favours piecewise-constant images and suppresses high-frequency noise.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, Reduction, inputs::check_float, reduce};

const ID: &str = "total-variation";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Total Variation (TV) Loss",
    aliases: &["Total Variation Loss", "TV Loss", "TV Regularizer", "Anisotropic Total Variation"],
    kind: Kind::Loss,
    domains: &["image-translation", "super-resolution", "regularization", "perceptual"],
    year: 1992,
    paper: Paper {
        title: "Nonlinear Total Variation Based Noise Removal Algorithms",
        authors: "Rudin, L.I., Osher, S. & Fatemi, E.",
        venue: "Physica D: Nonlinear Phenomena",
        year: 1992,
        url: "https://doi.org/10.1016/0167-2789(92)90242-F",
    },
    summary: "Sums the absolute vertical and horizontal differences of neighbouring pixels of one image (no target), which penalizes noise and ringing while allowing sharp edges, unlike a squared-gradient penalty. It is used as a smoothness regularizer in style transfer, image generation, denoising and inversion. This is the anisotropic (L1) form; the isotropic form takes the norm of the gradient vector per pixel. The absolute value has a kink at zero difference, and the value scales with image size unless it is averaged.",
    formula: r"D_y = \sum_{i,j}\bigl|x_{i+1,j} - x_{i,j}\bigr|,\quad D_x = \sum_{i,j}\bigl|x_{i,j+1} - x_{i,j}\bigr|,\quad \operatorname{TV} = D_y + D_x\ \text{(sum)}\ \text{or}\ \frac{D_y}{(H-1)W} + \frac{D_x}{H(W-1)}\ \text{(kornia mean)};\ \text{torchmetrics sums over channels}",
    inputs: &[
        Input { name: "pred", shape: "[N, C, H, W] (kornia: [*, H, W])", meaning: "the image(s) to regularize" },
    ],
    params: &[
        Param { name: "reduction", symbol: "", default: Value::Str("sum"), range: Range::Choice { values: &["sum", "mean", "none"] }, meaning: "kornia: sum, or mean of each difference term over its own count (no none); torchmetrics: per-image sums combined by sum, mean or none" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["kornia.losses.total_variation", "kornia.losses.TotalVariation", "torchmetrics.functional.total_variation", "tf.image.total_variation"],
    related: &["edge-aware-smoothness", "gradient-difference", "l1", "perceptual", "gram-style"],
    forms: &[
        Form { name: "kornia", description: "kornia.losses.total_variation(pred, reduction): anisotropic L1 variation over the last two axes only, keeping every leading axis ((N, C) for a batch; channels not summed); 'sum' adds the differences, 'mean' averages the vertical term over (H - 1) W and the horizontal over H (W - 1) and adds the two means (a term without adjacent pixels, H = 1 or W = 1, contributes 0); any other reduction is an error." },
        Form { name: "torchmetrics", description: "torchmetrics.functional.total_variation(pred, reduction): per image the sum over channels of |dx| + |dy|; 'sum' over the batch, 'mean' averages the per-image sums, 'none' returns [N]." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "middle pixel of the row (0, x, 1) (form kornia)", from: -1.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("kornia"),
        params: serde_json::json!({}),
        inputs: vec![("pred", HostTensor::from_f64(vec![1, 3], vec![0.0, x, 1.0]))],
        wrt: "pred",
        index: 1,
    }
}

/// How the absolute differences are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TvForm {
    /// kornia `total_variation`: one value per leading index of `[*, H, W]`.
    #[default]
    Kornia,
    /// torchmetrics `total_variation`: one value per image of `[N, C, H, W]`, then `reduction`.
    Torchmetrics,
}

/// Options of [`total_variation`]; `Default` is kornia's default (`reduction = "sum"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TotalVariationConfig {
    pub form: TvForm,
    /// kornia: `Sum` or `Mean` (per-term means). torchmetrics: `Sum`, `Mean` or `None` over images.
    pub reduction: Reduction,
}

impl Default for TotalVariationConfig {
    fn default() -> Self {
        TotalVariationConfig { form: TvForm::Kornia, reduction: Reduction::Sum }
    }
}

/// Absolute vertical and horizontal differences of `[m, h, w]` images, summed (or, with
/// `mean`, averaged over their own counts) per image: `[m]`. A direction with no adjacent
/// pixels contributes 0.
fn variation(x: Tensor<3>, mean: bool) -> Tensor<1> {
    let [m, h, w] = x.dims();
    let mut total = numerics::full_like(&x, [m], 0.0);
    if h > 1 {
        let dy = (x.clone().slice([0..m, 1..h, 0..w]) - x.clone().slice([0..m, 0..h - 1, 0..w])).abs();
        let s = dy.reshape([m, (h - 1) * w]).sum_dim(1).reshape([m]);
        total = total + if mean { s.mul_scalar(1.0 / ((h - 1) * w) as f64) } else { s };
    }
    if w > 1 {
        let dx = (x.clone().slice([0..m, 0..h, 1..w]) - x.slice([0..m, 0..h, 0..w - 1])).abs();
        let s = dx.reshape([m, h * (w - 1)]).sum_dim(1).reshape([m]);
        total = total + if mean { s.mul_scalar(1.0 / (h * (w - 1)) as f64) } else { s };
    }
    total
}

/// Anisotropic total variation of `pred`. kornia form: `pred` `[*, H, W]` (rank >= 2), one value
/// per leading index (a scalar for one image). torchmetrics form: `pred` `[N, C, H, W]`, per
/// image the sum over channels, reduced over the batch.
pub fn total_variation<const D: usize>(pred: Tensor<D>, cfg: &TotalVariationConfig) -> Result<LossTensor, LossError> {
    let dims = pred.dims();
    match cfg.form {
        TvForm::Kornia => {
            if D < 2 {
                return Err(LossError::shape(ID, "pred", "shape [*, H, W] (rank >= 2)", fmt_shape(&dims)));
            }
            let mean = match cfg.reduction {
                Reduction::Sum => false,
                Reduction::Mean => true,
                Reduction::None => return Err(LossError::param(ID, "reduction", "mean or sum (kornia has no none)", "\"none\"")),
            };
            numerics::non_empty(ID, "pred", &dims)?;
            let (h, w) = (dims[D - 2], dims[D - 1]);
            let m = dims.iter().product::<usize>() / (h * w);
            let per = variation(pred.reshape([m, h, w]), mean);
            Ok(LossTensor::with_shape(per, dims[..D - 2].to_vec()))
        }
        TvForm::Torchmetrics => {
            if D != 4 {
                return Err(LossError::shape(ID, "pred", "shape [N, C, H, W]", fmt_shape(&dims)));
            }
            numerics::non_empty(ID, "pred", &dims)?;
            let (n, c, h, w) = (dims[0], dims[1], dims[2], dims[3]);
            let per = variation(pred.reshape([n * c, h, w]), false).reshape([n, c]).sum_dim(1).reshape([n]);
            Ok(reduce(per, cfg.reduction))
        }
    }
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = match c.form() {
        None | Some("kornia") => TvForm::Kornia,
        Some("torchmetrics") => TvForm::Torchmetrics,
        _ => return Err(c.unknown_form(&["kornia", "torchmetrics"])),
    };
    let cfg = TotalVariationConfig { form, reduction: c.reduction(Reduction::Sum)? };
    let rank = check_float(c, "pred")?.len();
    by_rank!(c, "pred", rank, |R| total_variation(c.float::<R>("pred")?, &cfg))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn img(x: crate::eval::HostTensor) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("pred", x)])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = img(randn(&[2, 3, 4, 5], 41, 1.0));
        for form in ["kornia", "torchmetrics"] {
            for r in ["sum", "mean"] {
                assert_gradcheck(ID, Some(form), &params(json!({"reduction": r})), &x);
            }
        }
        assert_gradcheck(ID, Some("torchmetrics"), &params(json!({"reduction": "none"})), &x);
        assert_gradcheck(ID, None, &params(json!({"reduction": "mean"})), &img(randn(&[5, 1], 42, 1.0)));
        // Ties (zero differences) sit on the kink: the gradient there is 0, as torch's abs.
        let ev = eval64(ID, None, &params(json!({})), &img(f(&[1, 3], &[1.0, 1.0, 1.0])));
        assert_eq!(ev.loss.floats[0], 0.0);
        assert!(ev.grads["pred"].floats.iter().all(|g| *g == 0.0));
    }

    #[test]
    fn value_is_the_formula() {
        // 2 x 2 image [[0, 1], [3, 2]]: vertical |3 - 0| + |2 - 1| = 4, horizontal |1 - 0| + |2 - 3| = 2.
        let x = img(f(&[2, 2], &[0.0, 1.0, 3.0, 2.0]));
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!(ev.loss.shape.is_empty());
        assert_eq!(ev.loss.floats[0], 6.0);
        // kornia mean: 4 / 2 + 2 / 2 = 3 (each term over its own count).
        let ev = eval64(ID, None, &params(json!({"reduction": "mean"})), &x);
        assert_eq!(ev.loss.floats[0], 3.0);
        // A 1 x 3 row: no vertical pairs; mean of |1 - 0|, |4 - 1| is 2.
        let ev = eval64(ID, None, &params(json!({"reduction": "mean"})), &img(f(&[1, 3], &[0.0, 1.0, 4.0])));
        assert_eq!(ev.loss.floats[0], 2.0);
        // torchmetrics: two images of two channels; channel sums add, the batch is reduced.
        let mut data = vec![0.0, 1.0, 3.0, 2.0, 0.0, 0.0, 0.0, 0.0];
        data.extend([0.0, 2.0, 6.0, 4.0, 1.0, 1.0, 1.0, 1.0]);
        let x = img(f(&[2, 2, 2, 2], &data));
        let ev = eval64(ID, Some("torchmetrics"), &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.floats, vec![6.0, 12.0]);
        let ev = eval64(ID, Some("torchmetrics"), &params(json!({"reduction": "mean"})), &x);
        assert_eq!(ev.loss.floats, vec![9.0]);
        let ev = eval64(ID, Some("torchmetrics"), &params(json!({})), &x);
        assert_eq!(ev.loss.floats, vec![18.0]);
        // kornia keeps the leading axes: [2, 2] values.
        let ev = eval64(ID, Some("kornia"), &params(json!({})), &x);
        assert_eq!(ev.loss.shape, vec![2, 2]);
        assert_eq!(ev.loss.floats, vec![6.0, 0.0, 12.0, 0.0]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e12] {
            let mut x = randn(&[1, 2, 3, 3], 43, 1.0);
            x.floats.iter_mut().for_each(|v| *v *= scale);
            assert_finite(ID, Some("kornia"), &params(json!({"reduction": "mean"})), &img(x.clone()));
            assert_finite(ID, Some("torchmetrics"), &params(json!({})), &img(x));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &img(randn(&[4], 1, 1.0)), ErrorKind::Shape);
        assert_error(ID, Some("torchmetrics"), &p, &img(randn(&[3, 4, 4], 1, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &p, &img(f(&[2, 0, 3], &[])), ErrorKind::Empty);
        assert_error(ID, Some("torchmetrics"), &p, &img(f(&[0, 1, 2, 2], &[])), ErrorKind::Empty);
        assert_error(ID, None, &p, &img(i(&[2, 2], &[1, 2, 3, 4])), ErrorKind::DType);
        assert_error(ID, Some("kornia"), &params(json!({"reduction": "none"})), &img(randn(&[3, 3], 1, 1.0)), ErrorKind::Param);
        assert_error(ID, Some("torchmetrics"), &params(json!({"reduction": "avg"})), &img(randn(&[1, 1, 3, 3], 1, 1.0)), ErrorKind::Param);
        assert_error(ID, Some("tf"), &p, &img(randn(&[3, 3], 1, 1.0)), ErrorKind::Unsupported);
    }
}
