//! Maximum mean discrepancy: the squared distance between the kernel mean embeddings of two
//! samples, zero exactly when the distributions match (for a characteristic kernel).

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::kernel_norm::{eval_samples_loss, Kernel};
use crate::numerics::{self, LossTensor};

const ID: &str = "mmd";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Maximum Mean Discrepancy (MMD)",
    aliases: &["MMD", "Kernel MMD"],
    kind: Kind::Loss,
    domains: &["domain-adaptation", "gan"],
    year: 2012,
    paper: Paper {
        title: "A Kernel Two-Sample Test",
        authors: "Gretton et al.",
        venue: "JMLR",
        year: 2012,
        url: "https://www.jmlr.org/papers/v13/gretton12a/gretton12a.pdf",
    },
    summary: "Compares two point clouds through the average kernel similarity within each and across them; with a characteristic kernel (Gaussian, Laplacian) it is a metric between distributions. It is used to align feature distributions in domain adaptation and as a generative training objective. The kernel bandwidth (blur) decides which scales are compared, and the plug-in estimator with self-pairs is biased.",
    formula: r"L = \frac{1}{2}\Big(\frac{1}{N^2}\sum_{i,i'} k(x_i, x_{i'}) + \frac{1}{M^2}\sum_{j,j'} k(y_j, y_{j'}) - \frac{2}{NM}\sum_{i,j} k(x_i, y_j)\Big),\quad k(x,y) = e^{-\lVert x-y\rVert^2/(2\sigma^2)}\ \text{or}\ e^{-\lVert x-y\rVert/\sigma}",
    inputs: &[
        Input { name: "points", shape: "[N, D] (or [B, N, D])", meaning: "samples of the first distribution" },
        Input { name: "target_points", shape: "[M, D] (or [B, M, D])", meaning: "samples of the second distribution" },
        Input { name: "weights", shape: "[N] (or [B, N]), optional", meaning: "masses of the points (geomloss's alpha); uniform 1/N when absent" },
        Input { name: "target_weights", shape: "[M] (or [B, M]), optional", meaning: "masses of the target points (beta); uniform 1/M when absent" },
    ],
    params: &[
        Param { name: "loss", symbol: "", default: Value::Str("gaussian"), range: Range::Choice { values: &["gaussian", "laplacian"] }, meaning: "kernel (geomloss loss name)" },
        Param { name: "blur", symbol: r"\sigma", default: Value::Float(0.05), range: Range::POSITIVE, meaning: "kernel bandwidth" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "geomloss.SamplesLoss",
    ],
    related: &["energy-distance", "sinkhorn-divergence", "deep-coral", "wasserstein-da"],
    forms: &[
        Form { name: "default", description: "geomloss.SamplesLoss(loss='gaussian' | 'laplacian', blur, backend='tensorized')(points, target_points): half the squared MMD, self-pairs included, with uniform weights unless weights / target_weights are given; the Laplacian kernel uses geomloss 0.3.1's floored distance sqrt(max(|x - y|^2 / blur^2, 1e-8)) (no gradient below the floor); batched input gives one value per batch." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "position of the first point (points 0 and 1, target points 0.5 and 2)", from: -3.0, to: 4.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({"blur": 1.0}),
        inputs: vec![("points", HostTensor::from_f64(vec![2, 1], vec![x, 1.0])), ("target_points", HostTensor::from_f64(vec![2, 1], vec![0.5, 2.0]))],
        wrt: "points",
        index: 0,
    }
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("default") => {}
        Some(_) => return Err(c.unknown_form(&["default"])),
    }
    let blur = numerics::positive_param(ID, "blur", c.f64("blur", 0.05)?)?;
    let kernel = match c.str("loss", "gaussian")? {
        "gaussian" => Kernel::Gaussian { blur },
        "laplacian" => Kernel::Laplacian { blur },
        other => return Err(LossError::param(ID, "loss", "\"gaussian\" or \"laplacian\" (energy is the entry energy-distance)", other)),
    };
    eval_samples_loss(ID, c, kernel)
}

#[cfg(test)]
mod tests {
    #[test]
    fn reference_cases_values_gradients_extremes_and_errors() {
        crate::numerics::kernel_norm::check_kernel_entry(super::ID, serde_json::json!({"loss": "gaussian", "blur": 0.7}), |d2| (-d2 / (2.0 * 0.7 * 0.7)).exp());
        crate::numerics::kernel_norm::check_kernel_entry(super::ID, serde_json::json!({"loss": "laplacian", "blur": 1.3}), |d2| (-(d2 / (1.3 * 1.3)).max(1e-8).sqrt()).exp());
    }
}
