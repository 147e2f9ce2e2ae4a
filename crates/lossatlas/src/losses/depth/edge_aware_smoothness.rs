//! Edge-aware smoothness: penalize gradients of a predicted depth or disparity map, less where
//! the image itself has strong gradients, so depth edges may follow image edges.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, inputs::check_float};

const ID: &str = "edge-aware-smoothness";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Edge-Aware Smoothness Loss",
    aliases: &["Disparity Smoothness Loss", "Inverse Depth Smoothness Loss"],
    kind: Kind::Loss,
    domains: &["depth", "flow-video-pose", "regularization"],
    year: 2017,
    paper: Paper {
        title: "Unsupervised Monocular Depth Estimation with Left-Right Consistency",
        authors: "Godard et al.",
        venue: "CVPR",
        year: 2017,
        url: "https://arxiv.org/abs/1609.03677",
    },
    summary: "Takes the absolute horizontal and vertical finite differences of the predicted disparity (inverse depth) and weights each by exp(-|image gradient|) at the same position, so the map is pushed to be smooth inside textureless regions but may jump at image edges. It is a standard regularizer in self-supervised depth and optical-flow training, where the photometric loss alone is ambiguous in flat regions. Later work normalizes the disparity by its mean first (Monodepth2) to avoid shrinking the prediction; the kornia reference does not.",
    formula: r"\mathcal{L} = \operatorname{mean}_{i,j}\bigl|\partial_x d_{ij}\bigr|\,e^{-\overline{|\partial_x I_{ij}|}} + \operatorname{mean}_{i,j}\bigl|\partial_y d_{ij}\bigr|\,e^{-\overline{|\partial_y I_{ij}|}}",
    inputs: &[
        Input { name: "idepth", shape: "[N, 1, H, W]", meaning: "predicted inverse depth (disparity); kornia also accepts several channels, each weighted alike" },
        Input { name: "image", shape: "[N, C, H, W]", meaning: "the image guiding the edge weights (the bar is the mean over channels); kornia lets gradients flow into it too. A batch of 1 on either side broadcasts" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["kornia.losses.inverse_depth_smoothness_loss", "kornia.losses.InverseDepthSmoothnessLoss"],
    related: &["total-variation", "photometric-consistency", "photometric-warp", "scale-invariant"],
    forms: &[
        Form { name: "kornia-inverse-depth", description: "kornia.losses.inverse_depth_smoothness_loss(idepth, image): forward differences along W and H; weights exp(-mean over channels of |image difference|); each term averaged over its own difference grid, then added (W = 1 or H = 1 leaves a term without differences: an error here, the NaN of an empty mean in torch)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "inverse depth of the middle pixel of [[0, x, 0], [0, 0, 0]] (image rows (0, 0, 1))", from: -1.0, to: 1.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("idepth", HostTensor::from_f64(vec![1, 1, 2, 3], vec![0.0, x, 0.0, 0.0, 0.0, 0.0])), ("image", HostTensor::from_f64(vec![1, 1, 2, 3], vec![0.0, 0.0, 1.0, 0.0, 0.0, 1.0]))],
        wrt: "idepth",
        index: 1,
    }
}

/// Forward differences `x[.., j] - x[.., j + 1]` along axis 3 (`horizontal`) or axis 2 of a
/// `[N, C, H, W]` tensor (kornia's `_gradient_x` / `_gradient_y`).
fn gradient(x: Tensor<4>, horizontal: bool) -> Tensor<4> {
    let [n, c, h, w] = x.dims();
    if horizontal {
        x.clone().slice([0..n, 0..c, 0..h, 0..w - 1]) - x.slice([0..n, 0..c, 0..h, 1..w])
    } else {
        x.clone().slice([0..n, 0..c, 0..h - 1, 0..w]) - x.slice([0..n, 0..c, 1..h, 0..w])
    }
}

/// `mean(|d(idepth) * exp(-mean_c |d(image)|)|)` along one direction (at least 2 pixels along
/// it, checked by `check_shapes`).
fn term(idepth: &Tensor<4>, image: &Tensor<4>, horizontal: bool) -> Tensor<1> {
    let weights = gradient(image.clone(), horizontal).abs().mean_dim(1).neg().exp();
    (gradient(idepth.clone(), horizontal) * weights).abs().mean()
}

/// kornia `inverse_depth_smoothness_loss(idepth, image)`: `idepth` `[N, Ci, H, W]`, `image`
/// `[M, C, H, W]` with the same `H, W` and batches equal or 1 (broadcast); a scalar.
pub fn edge_aware_smoothness(idepth: Tensor<4>, image: Tensor<4>) -> Result<LossTensor, LossError> {
    let (d, i) = (idepth.dims(), image.dims());
    check_shapes(&d, &i)?;
    Ok(LossTensor::scalar(term(&idepth, &image, true) + term(&idepth, &image, false)))
}

fn check_shapes(d: &[usize], i: &[usize]) -> Result<(), LossError> {
    if d.len() != 4 {
        return Err(LossError::shape(ID, "idepth", "shape [N, 1, H, W]", fmt_shape(d)));
    }
    if i.len() != 4 {
        return Err(LossError::shape(ID, "image", "shape [N, C, H, W]", fmt_shape(i)));
    }
    if d[2..] != i[2..] {
        return Err(LossError::shape(ID, "image", format!("height and width {} x {} (those of idepth)", d[2], d[3]), fmt_shape(i)));
    }
    // torch broadcasts the product of the depth differences [N, Ci, ...] and the weights [M, 1, ...].
    if d[0] != i[0] && d[0] != 1 && i[0] != 1 {
        return Err(LossError::shape(ID, "image", format!("batch {} or 1 (broadcast with idepth)", d[0]), fmt_shape(i)));
    }
    numerics::non_empty(ID, "idepth", d)?;
    numerics::non_empty(ID, "image", i)?;
    if d[2] < 2 || d[3] < 2 {
        return Err(LossError::shape(ID, "idepth", "height and width of at least 2 (each term averages neighbour differences; torch gives the NaN of an empty mean)", fmt_shape(d)));
    }
    Ok(())
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "kornia-inverse-depth") {
        return Err(c.unknown_form(&["kornia-inverse-depth"]));
    }
    let (d, i) = (c.host("idepth")?, c.host("image")?);
    check_shapes(&d.shape, &i.shape)?;
    check_float(c, "idepth")?;
    check_float(c, "image")?;
    // kornia requires one floating dtype for both.
    if d.dtype != i.dtype {
        return Err(LossError::dtype(ID, "image", format!("{} values (the dtype of idepth)", d.dtype.as_str()), i.dtype.as_str()));
    }
    edge_aware_smoothness(c.float::<4>("idepth")?, c.float::<4>("image")?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    fn xs(d: HostTensor, im: HostTensor) -> std::collections::BTreeMap<String, HostTensor> {
        inputs(vec![("idepth", d), ("image", im)])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &xs(randn(&[2, 1, 4, 5], 61, 1.0), randn(&[2, 3, 4, 5], 62, 1.0)));
        // A broadcast batch and a multi-channel depth.
        assert_gradcheck(ID, None, &params(json!({})), &xs(randn(&[2, 2, 3, 3], 63, 1.0), randn(&[1, 3, 3, 3], 64, 1.0)));
        // Flat depth: every |difference| sits at the kink; the gradient there is 0, as torch's abs.
        let ev = eval64(ID, None, &params(json!({})), &xs(f(&[1, 1, 2, 2], &[1.0; 4]), randn(&[1, 1, 2, 2], 65, 1.0)));
        assert_eq!(ev.loss.floats[0], 0.0);
        assert!(ev.grads["idepth"].floats.iter().chain(&ev.grads["image"].floats).all(|g| *g == 0.0));
    }

    #[test]
    fn value_is_the_formula() {
        // Depth [[0, 1], [2, 4]], gray image [[0, 1], [0, 1]].
        // x: depth differences 1, 2 with image differences 1, 1 -> mean(e^-1, 2 e^-1) = 1.5 e^-1.
        // y: depth differences 2, 3 with image differences 0, 0 -> mean(2, 3) = 2.5.
        let ev = eval64(ID, None, &params(json!({})), &xs(f(&[1, 1, 2, 2], &[0.0, 1.0, 2.0, 4.0]), f(&[1, 1, 2, 2], &[0.0, 1.0, 0.0, 1.0])));
        let want = 1.5 * (-1f64).exp() + 2.5;
        assert!((ev.loss.floats[0] - want).abs() < 1e-15);
        // The channel mean: a second channel with differences 3 makes the x weight exp(-(1 + 3) / 2).
        let im = f(&[1, 2, 2, 2], &[0.0, 1.0, 0.0, 1.0, 0.0, 3.0, 0.0, 3.0]);
        let ev = eval64(ID, None, &params(json!({})), &xs(f(&[1, 1, 2, 2], &[0.0, 1.0, 2.0, 4.0]), im));
        let want = 1.5 * (-2f64).exp() + 2.5;
        assert!((ev.loss.floats[0] - want).abs() < 1e-15);
        // One column: no horizontal differences, an error (torch's mean of nothing is NaN).
        assert_error(ID, None, &params(json!({})), &xs(f(&[1, 1, 2, 1], &[0.0, 1.0]), f(&[1, 1, 2, 1], &[0.0, 0.0])), crate::ErrorKind::Shape);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e4, 1e12] {
            let mut d = randn(&[1, 1, 3, 4], 66, 1.0);
            let mut im = randn(&[1, 3, 3, 4], 67, 1.0);
            d.floats.iter_mut().for_each(|v| *v *= scale);
            im.floats.iter_mut().for_each(|v| *v *= scale);
            assert_finite(ID, None, &params(json!({})), &xs(d, im));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let d = randn(&[2, 1, 3, 4], 1, 1.0);
        assert_error(ID, None, &p, &xs(randn(&[1, 3, 4], 1, 1.0), randn(&[1, 3, 3, 4], 2, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &p, &xs(d.clone(), randn(&[2, 3, 4, 4], 2, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &p, &xs(d.clone(), randn(&[3, 3, 3, 4], 2, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &p, &xs(f(&[0, 1, 3, 4], &[]), f(&[0, 3, 3, 4], &[])), ErrorKind::Empty);
        assert_error(ID, None, &p, &xs(d.clone(), i(&[2, 1, 3, 4], &[0; 24])), ErrorKind::DType);
        assert_error(ID, None, &p, &inputs(vec![("idepth", d.clone())]), ErrorKind::Missing);
        assert_error(ID, None, &params(json!({"reduction": "sum"})), &xs(d.clone(), randn(&[2, 3, 3, 4], 2, 1.0)), ErrorKind::Param);
    }
}
