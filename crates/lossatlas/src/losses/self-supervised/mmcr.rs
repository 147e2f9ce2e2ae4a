//! Maximum Manifold Capacity Representations: make the centroids of each image's augmented
//! views span many directions (large nuclear norm) while each image's views stay compact.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::contrastive::polar_factor_host;
use crate::numerics::{self, LossTensor, inputs::float_input};

const ID: &str = "mmcr";

pub const ENTRY: Entry = Entry {
    id: "mmcr",
    name: "MMCR Loss",
    aliases: &["Maximum Manifold Capacity Representations"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2023,
    paper: Paper {
        title: "Learning Efficient Coding of Natural Images with Maximum Manifold Capacity Representations",
        authors: "Yerxa, T., Kuang, Y., Simoncelli, E. & Chung, S.",
        venue: "NeurIPS",
        year: 2023,
        url: "https://arxiv.org/abs/2303.03307",
    },
    summary: "Averages the k augmented views of each image into a centroid and maximizes the nuclear norm (sum of singular values) of the N x D centroid matrix, which rewards centroids that are spread over many orthogonal directions; an optional term with weight lambda penalizes the nuclear norm of each image's own view matrix, keeping the views of one image on a small manifold. Motivated by manifold capacity theory, it needs no negatives. Gradients go through an SVD, which is non-smooth where singular values coincide or vanish, and the loss is not normalized by batch size (larger batches give more negative values).",
    formula: r"z_n = [\,z^{\text{online}}_n;\ z^{\text{momentum}}_n\,] \in \mathbb{R}^{2k \times D},\quad c_n = \frac{1}{2k}\sum_{v} z_{n,v},\quad \mathcal{L} = -\lVert C\rVert_* + \frac{\lambda}{N}\sum_{n=1}^{N}\lVert z_n\rVert_*",
    inputs: &[
        Input { name: "z1", shape: "[N, k, D]", meaning: "online-network embeddings of k views per image, used as given (lightly's `online`)" },
        Input { name: "z2", shape: "[N, k, D]", meaning: "momentum-network embeddings of the same views (lightly's `momentum`)" },
    ],
    params: &[
        Param { name: "lmda", symbol: r"\lambda", default: Value::Float(5e-3), range: Range::NON_NEGATIVE, meaning: "weight of the per-image nuclear-norm (compactness) term" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["lightly.loss.MMCRLoss"],
    related: &["barlow-twins", "vicreg", "tico"],
    forms: &[],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "second coordinate of image 1's online view", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two images with one view per network in 2-D.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("z1", HostTensor::from_f64(vec![2, 1, 2], vec![1.0, 0.0, 0.5, x])),
            ("z2", HostTensor::from_f64(vec![2, 1, 2], vec![1.0, 0.2, 0.0, 1.0])),
        ],
        wrt: "z1",
        index: 3,
    }
}

/// Options of lightly's `MMCRLoss`; `Default` equals its defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct MmcrConfig {
    pub lmda: f64,
}

impl Default for MmcrConfig {
    fn default() -> Self {
        MmcrConfig { lmda: 5e-3 }
    }
}

/// Sum of the singular values of each `[R, C]` matrix of a batch `[B, R, C]`, summed over the
/// batch: `sum(m * sg(U V^T))`, whose value is the nuclear norm and whose gradient is the polar
/// factor `U V^T` (torch's `svdvals` gradient), computed by Jacobi SVD on the host.
fn nuclear_norm_sum(m: Tensor<3>) -> Tensor<1> {
    let [b, r, c] = m.dims();
    let host = numerics::host_f64(&m);
    let mut polar = Vec::with_capacity(b * r * c);
    for i in 0..b {
        polar.extend(polar_factor_host(&host[i * r * c..(i + 1) * r * c], r, c));
    }
    let polar = numerics::tensor_like(&m, polar, [b, r, c]);
    (m * polar).sum()
}

/// lightly `MMCRLoss(lmda)(online, momentum)`: `z = cat(online, momentum)` along the view axis
/// `[N, 2k, D]`, centroids `c = mean over views` `[N, D]`;
/// `loss = -||c||_* + lmda * sum_n ||z_n||_* / N` (nuclear norms, embeddings used as given).
pub fn mmcr(z1: Tensor<3>, z2: Tensor<3>, cfg: &MmcrConfig) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "z2", &z2.dims(), "z1", &z1.dims())?;
    numerics::non_empty(ID, "z1", &z1.dims())?;
    numerics::non_negative_param(ID, "lmda", cfg.lmda)?;
    let [n, _, d] = z1.dims();
    let z = Tensor::cat(vec![z1, z2], 1);
    let centroids = z.clone().mean_dim(1).reshape([1, n, d]);
    let loss = nuclear_norm_sum(centroids).neg() + nuclear_norm_sum(z).mul_scalar(cfg.lmda / n as f64);
    Ok(LossTensor::scalar(loss))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "lightly") {
        return Err(c.unknown_form(&["lightly"]));
    }
    let cfg = MmcrConfig { lmda: c.f64("lmda", 5e-3)? };
    let z1 = float_input::<3>(c, "z1", "[N, k, D]")?;
    let z2 = float_input::<3>(c, "z2", "[N, k, D]")?;
    if z1.dims() != z2.dims() {
        return Err(LossError::shape(ID, "z2", format!("shape {} (the shape of z1)", fmt_shape(&z1.dims())), fmt_shape(&z2.dims())));
    }
    mmcr(z1, z2, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn views(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("z1", randn(&[4, 2, 3], seed, 1.0)), ("z2", randn(&[4, 2, 3], seed + 1, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn polar_factor_gives_singular_values() {
        // diag(3, 2) rotated by 90 degrees: singular values 3 and 2.
        let a = [0.0, -2.0, 3.0, 0.0];
        let p = crate::numerics::contrastive::polar_factor_host(&a, 2, 2);
        let s: f64 = a.iter().zip(&p).map(|(x, y)| x * y).sum();
        assert!((s - 5.0).abs() < 1e-14);
        // A 2 x 3 matrix with orthogonal rows of norms 5 and 1.
        let a = [3.0, 4.0, 0.0, 0.0, 0.0, 1.0];
        let p = crate::numerics::contrastive::polar_factor_host(&a, 2, 3);
        let s: f64 = a.iter().zip(&p).map(|(x, y)| x * y).sum();
        assert!((s - 6.0).abs() < 1e-14);
    }

    #[test]
    fn value_is_the_formula() {
        // Two images, one view each, online = momentum: centroids e1 and 2 e2 (singular values 1
        // and 2); each z_n is [2, 2] with equal rows of norm 1 and 2: nuclear norms sqrt 2 and
        // 2 sqrt 2. lmda 0.5: -3 + 0.5 * 3 sqrt 2 / 2.
        let x = inputs(vec![("z1", f(&[2, 1, 2], &[1.0, 0.0, 0.0, 2.0])), ("z2", f(&[2, 1, 2], &[1.0, 0.0, 0.0, 2.0]))]);
        let ev = eval64(ID, None, &params(json!({"lmda": 0.5})), &x);
        assert!((ev.loss.floats[0] - (-3.0 + 0.75 * 2f64.sqrt())).abs() < 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &views(1));
        assert_gradcheck(ID, None, &params(json!({"lmda": 0.3})), &views(3));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("z1", randn(&[3, 2, 2], 1, 1e6)), ("z2", randn(&[3, 2, 2], 2, 1e-6))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("z1", randn(&[4, 2, 3], 1, 1.0)), ("z2", randn(&[4, 1, 3], 2, 1.0))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("z1", randn(&[4, 3], 1, 1.0)), ("z2", randn(&[4, 3], 2, 1.0))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("z1", randn(&[4, 2, 3], 1, 1.0)), ("z2", i(&[4, 2, 3], &[0; 24]))]);
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"lmda": -1.0})), &views(1), ErrorKind::Param);
        let e = inputs(vec![("z1", f(&[0, 2, 3], &[])), ("z2", f(&[0, 2, 3], &[]))]);
        assert_error(ID, None, &p, &e, ErrorKind::Empty);
    }
}
