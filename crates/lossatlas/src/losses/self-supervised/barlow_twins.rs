//! Barlow Twins: make the cross-correlation matrix between the batch-standardized embeddings of
//! two views close to the identity, so that features agree across views (diagonal) and carry
//! non-redundant information (off-diagonal).

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::contrastive::{check_views, eye_like};
use crate::numerics::{self, LossTensor, inputs::float_input};

const ID: &str = "barlow-twins";

pub const ENTRY: Entry = Entry {
    id: "barlow-twins",
    name: "Barlow Twins Loss",
    aliases: &["Redundancy Reduction Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2021,
    paper: Paper {
        title: "Barlow Twins: Self-Supervised Learning via Redundancy Reduction",
        authors: "Zbontar et al.",
        venue: "ICML",
        year: 2021,
        url: "https://arxiv.org/abs/2103.03230",
    },
    summary: "Standardizes each embedding dimension over the batch for two augmented views, forms their D x D cross-correlation matrix, and pushes its diagonal to 1 (invariance) and its off-diagonal entries to 0 (decorrelation), weighted by lambda. It needs no negatives, no momentum encoder and no stop-gradient, but it needs a batch of at least two samples and benefits from wide projector outputs. The statistics are per batch, so very small batches give noisy correlations; the two reference libraries differ in how they standardize (unbiased std plus 1e-6 versus batch-norm with biased variance plus 1e-5).",
    formula: r"\hat z^{(v)}_{nd} = \frac{z^{(v)}_{nd} - \mu^{(v)}_d}{\sigma^{(v)}_d},\quad \mathcal{C}_{ij} = \frac{1}{N}\sum_{n=1}^{N} \hat z^{(1)}_{ni}\,\hat z^{(2)}_{nj},\quad \mathcal{L} = \sum_{i} (1 - \mathcal{C}_{ii})^2 + \lambda \sum_{i}\sum_{j \ne i} \mathcal{C}_{ij}^2",
    inputs: &[
        Input { name: "z1", shape: "[N, D]", meaning: "embeddings of the first view (N >= 2)" },
        Input { name: "z2", shape: "[N, D]", meaning: "embeddings of the second view, same sample order" },
    ],
    params: &[
        Param { name: "lambd", symbol: r"\lambda", default: Value::Float(5e-3), range: Range::NON_NEGATIVE, meaning: "form monai: weight of the off-diagonal (redundancy) term" },
        Param { name: "lambda_param", symbol: r"\lambda", default: Value::Float(5e-3), range: Range::NON_NEGATIVE, meaning: "form lightly: weight of the off-diagonal (redundancy) term" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["monai.losses.BarlowTwinsLoss", "lightly.loss.BarlowTwinsLoss"],
    related: &["vicreg", "tico", "simsiam", "nt-xent", "byol"],
    forms: &[
        Form { name: "monai", description: "MONAI BarlowTwinsLoss(lambd): each view standardized per dimension with the batch mean and the UNBIASED std plus 1e-6 in the denominator; C = z1n^T z2n / N; sum (1 - C_ii)^2 + lambd * sum_{i != j} C_ij^2, no further averaging. A batch of one sample is an error." },
        Form { name: "lightly", description: "lightly BarlowTwinsLoss(lambda_param): each view normalized with batch norm in training mode, (z - mean) / sqrt(biased var + 1e-5); then the same C and sum as monai. A batch of one sample is an error." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "value of the first feature of sample 0 in view 2", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Form monai, three samples with two features; view 2 equals view 1 except one entry.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("monai"),
        params: serde_json::json!({}),
        inputs: vec![
            ("z1", HostTensor::from_f64(vec![3, 2], vec![1.0, 0.0, -1.0, 1.0, 0.0, -1.0])),
            ("z2", HostTensor::from_f64(vec![3, 2], vec![x, 0.0, -1.0, 1.0, 0.0, -1.0])),
        ],
        wrt: "z2",
        index: 0,
    }
}

/// How each view is standardized along the batch before the cross-correlation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BarlowNorm {
    /// MONAI: `(z - mean) / (unbiased std + 1e-6)`.
    #[default]
    Monai,
    /// lightly: batch norm in training mode, `(z - mean) / sqrt(biased var + 1e-5)`.
    Lightly,
}

/// Options of the Barlow Twins loss; `Default` equals MONAI's defaults (lightly's are the same
/// `lambda = 5e-3`).
#[derive(Debug, Clone, PartialEq)]
pub struct BarlowTwinsConfig {
    pub lambd: f64,
    pub norm: BarlowNorm,
}

impl Default for BarlowTwinsConfig {
    fn default() -> Self {
        BarlowTwinsConfig { lambd: 5e-3, norm: BarlowNorm::Monai }
    }
}

fn standardize(z: Tensor<2>, norm: BarlowNorm) -> Tensor<2> {
    let n = z.dims()[0];
    let centered = z.clone() - z.mean_dim(0);
    let ss = centered.clone().square().sum_dim(0);
    match norm {
        BarlowNorm::Monai => centered / ss.mul_scalar(1.0 / (n as f64 - 1.0)).sqrt().add_scalar(1e-6),
        BarlowNorm::Lightly => centered / ss.mul_scalar(1.0 / n as f64).add_scalar(1e-5).sqrt(),
    }
}

/// Barlow Twins (MONAI `BarlowTwinsLoss(lambd)` / lightly `BarlowTwinsLoss(lambda_param)`):
/// each view standardized per feature over the batch, `C = z1n^T z2n / N`, loss
/// `sum_i (1 - C_ii)^2 + lambd * sum_{i != j} C_ij^2`. Both libraries reject a batch of one.
pub fn barlow_twins(z1: Tensor<2>, z2: Tensor<2>, cfg: &BarlowTwinsConfig) -> Result<LossTensor, LossError> {
    check_views(ID, "z1", &z1.dims(), "z2", &z2.dims())?;
    let [n, d] = z1.dims();
    if n < 2 {
        return Err(LossError::value(ID, "z1", "a batch of at least 2 samples (the batch statistics need them)", format!("batch {n}")));
    }
    numerics::finite_param(ID, "lambd", cfg.lambd)?;
    let c = standardize(z1, cfg.norm).transpose().matmul(standardize(z2, cfg.norm)).mul_scalar(1.0 / n as f64);
    let eye = eye_like(&c, d);
    let weights = eye.clone().mul_scalar(1.0 - cfg.lambd).add_scalar(cfg.lambd);
    Ok(LossTensor::scalar(((c - eye).square() * weights).sum()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let norm = match c.form() {
        None | Some("monai") => BarlowNorm::Monai,
        Some("lightly") => BarlowNorm::Lightly,
        Some(_) => return Err(c.unknown_form(&["monai", "lightly"])),
    };
    let lambd = match norm {
        BarlowNorm::Monai => c.f64("lambd", 5e-3)?,
        BarlowNorm::Lightly => c.f64("lambda_param", 5e-3)?,
    };
    let z1 = float_input::<2>(c, "z1", "[N, D]")?;
    let z2 = float_input::<2>(c, "z2", "[N, D]")?;
    barlow_twins(z1, z2, &BarlowTwinsConfig { lambd, norm })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn views(n: usize, seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("z1", randn(&[n, 3], seed, 1.0)), ("z2", randn(&[n, 3], seed + 1, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // One feature, z1 = z2 = (1, -1): lightly standardizes to (1, -1) / sqrt(1 + 1e-5), so
        // C = 1 / (1 + 1e-5); MONAI divides by sqrt(2) + 1e-6 (unbiased std), so
        // C = 1 / (sqrt 2 + 1e-6)^2.
        let x = inputs(vec![("z1", f(&[2, 1], &[1.0, -1.0])), ("z2", f(&[2, 1], &[1.0, -1.0]))]);
        let c = 1.0 / (1.0 + 1e-5);
        assert!((eval64(ID, Some("lightly"), &params(json!({})), &x).loss.floats[0] - (1.0 - c) * (1.0 - c)).abs() < 1e-18);
        let c = 1.0 / (2f64.sqrt() + 1e-6).powi(2);
        assert!((eval64(ID, Some("monai"), &params(json!({})), &x).loss.floats[0] - (1.0 - c) * (1.0 - c)).abs() < 1e-15);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, Some("monai"), &params(json!({"lambd": 0.1})), &views(5, 1));
        assert_gradcheck(ID, Some("lightly"), &params(json!({"lambda_param": 0.3})), &views(4, 3));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for s in [1e-6, 1e6] {
            for form in ["monai", "lightly"] {
                let x = inputs(vec![("z1", randn(&[4, 3], 5, s)), ("z2", randn(&[4, 3], 6, s))]);
                assert_finite(ID, Some(form), &params(json!({})), &x);
            }
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, Some("lightly"), &p, &views(1, 1), ErrorKind::Value);
        assert_error(ID, Some("monai"), &p, &views(1, 1), ErrorKind::Value);
        let x = inputs(vec![("z1", randn(&[4, 3], 1, 1.0)), ("z2", randn(&[4, 2], 2, 1.0))]);
        assert_error(ID, Some("monai"), &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("z1", randn(&[4, 3], 1, 1.0)), ("z2", i(&[4, 3], &[0; 12]))]);
        assert_error(ID, Some("monai"), &p, &x, ErrorKind::DType);
        assert_error(ID, Some("monai"), &params(json!({"lambd": "nan"})), &views(3, 1), ErrorKind::Param);
        let e = inputs(vec![("z1", f(&[0, 3], &[])), ("z2", f(&[0, 3], &[]))]);
        assert_error(ID, Some("lightly"), &p, &e, ErrorKind::Empty);
    }
}
