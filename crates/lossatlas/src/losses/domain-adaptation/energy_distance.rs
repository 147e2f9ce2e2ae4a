//! Energy distance: twice the mean cross distance minus the mean within-sample distances, a
//! kernel-free metric between distributions.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::kernel_norm::{eval_samples_loss, Kernel};
use crate::numerics::{self, LossTensor};

const ID: &str = "energy-distance";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Energy Distance",
    aliases: &["Energy Score Distance"],
    kind: Kind::Loss,
    domains: &["domain-adaptation", "gan"],
    year: 2013,
    paper: Paper {
        title: "Energy statistics: A class of statistics based on distances",
        authors: "Székely, G.J., Rizzo, M.L.",
        venue: "Journal of Statistical Planning and Inference",
        year: 2013,
        url: "https://doi.org/10.1016/j.jspi.2013.03.018",
    },
    summary: "Measures how much farther apart points of two samples are than points within each sample, using plain Euclidean distances; it is zero exactly when the distributions coincide and needs no bandwidth. geomloss computes it as the MMD with the conditionally positive kernel -|x - y|, i.e. half the energy distance, with uniform weights. Gradients are smooth except where two points coincide.",
    formula: r"L = \frac{1}{NM}\sum_{i,j}\lVert x_i - y_j\rVert - \frac{1}{2N^2}\sum_{i,i'}\lVert x_i - x_{i'}\rVert - \frac{1}{2M^2}\sum_{j,j'}\lVert y_j - y_{j'}\rVert",
    inputs: &[
        Input { name: "points", shape: "[N, D] (or [B, N, D])", meaning: "samples of the first distribution" },
        Input { name: "target_points", shape: "[M, D] (or [B, M, D])", meaning: "samples of the second distribution" },
        Input { name: "weights", shape: "[N] (or [B, N]), optional", meaning: "masses of the points (geomloss's alpha); uniform 1/N when absent" },
        Input { name: "target_weights", shape: "[M] (or [B, M]), optional", meaning: "masses of the target points (beta); uniform 1/M when absent" },
    ],
    params: &[
        Param { name: "loss", symbol: "", default: Value::Str("energy"), range: Range::Choice { values: &["energy"] }, meaning: "geomloss loss name" },
        Param { name: "blur", symbol: "", default: Value::Float(0.05), range: Range::POSITIVE, meaning: "geomloss argument; has no effect on the energy distance" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "geomloss.SamplesLoss",
    ],
    related: &["mmd", "sinkhorn-divergence", "crps"],
    forms: &[
        Form { name: "default", description: "geomloss.SamplesLoss(loss='energy', backend='tensorized')(weights, points, target_weights, target_points) (geomloss 0.3.1): -|x - y| with distances floored at 1e-4 (sqrt(max(d^2, 1e-8)), no gradient below the floor), so self-pairs add -1e-4 each; uniform weights when none are given; batched input gives one value per batch." },
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
        params: serde_json::json!({"blur": 0.05}),
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
    // geomloss accepts blur for every kernel; the energy kernel has no scale.
    numerics::positive_param(ID, "blur", c.f64("blur", 0.05)?)?;
    let kernel = match c.str("loss", "energy")? {
        "energy" => Kernel::Energy,
        other => return Err(LossError::param(ID, "loss", "\"energy\" (gaussian and laplacian are the entry mmd)", other)),
    };
    eval_samples_loss(ID, c, kernel)
}

#[cfg(test)]
mod tests {
    #[test]
    fn reference_cases_values_gradients_extremes_and_errors() {
        crate::numerics::kernel_norm::check_kernel_entry(super::ID, serde_json::json!({}), |d2| -d2.max(1e-8).sqrt());
    }
}
