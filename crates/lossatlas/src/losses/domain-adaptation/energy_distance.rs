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
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn k(a: &[f64], b: &[f64]) -> f64 {
        let d2: f64 = a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum();
        -d2.max(1e-8).sqrt()
    }

    /// 0.5 sum a a' k + 0.5 sum b b' k - sum a b k, over host rows of width d.
    fn by_hand(x: &[f64], a: &[f64], y: &[f64], b: &[f64], d: usize) -> f64 {
        let rows = |p: &[f64]| p.chunks(d).map(|r| r.to_vec()).collect::<Vec<_>>();
        let (xs, ys) = (rows(x), rows(y));
        let s = |p: &[Vec<f64>], w: &[f64], q: &[Vec<f64>], v: &[f64]| -> f64 {
            p.iter().zip(w).map(|(pi, wi)| q.iter().zip(v).map(|(qj, vj)| wi * vj * k(pi, qj)).sum::<f64>()).sum()
        };
        0.5 * s(&xs, a, &xs, a) + 0.5 * s(&ys, b, &ys, b) - s(&xs, a, &ys, b)
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula_with_weights_and_batches() {
        let (x, y) = (randn(&[2, 4, 3], 1, 1.0), randn(&[2, 5, 3], 2, 1.0));
        let (a, b) = (uniform(&[2, 4], 3, 0.1, 1.0), uniform(&[2, 5], 4, 0.1, 1.0));
        let p = params(json!({}));
        let ev = eval64(ID, None, &p, &inputs(vec![("points", x.clone()), ("target_points", y.clone()), ("weights", a.clone()), ("target_weights", b.clone())]));
        assert_eq!(ev.loss.shape, vec![2]);
        for bi in 0..2 {
            let want = by_hand(&x.floats[bi * 12..(bi + 1) * 12], &a.floats[bi * 4..(bi + 1) * 4], &y.floats[bi * 15..(bi + 1) * 15], &b.floats[bi * 5..(bi + 1) * 5], 3);
            assert!((ev.loss.floats[bi] - want).abs() < 1e-12, "batch {bi}: {} vs {want}", ev.loss.floats[bi]);
        }
        // Uniform weights by default; identical clouds give 0.
        let x2 = randn(&[4, 2], 5, 1.0);
        let ev = eval64(ID, None, &p, &inputs(vec![("points", x2.clone()), ("target_points", x2)]));
        assert!(ev.loss.floats[0].abs() < 1e-12);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("points", randn(&[4, 2], 7, 1.0)), ("target_points", randn(&[3, 2], 8, 1.0)), ("weights", uniform(&[4], 9, 0.1, 1.0)), ("target_weights", uniform(&[3], 10, 0.1, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e4] {
            let x = inputs(vec![("points", randn(&[4, 2], 7, scale)), ("target_points", randn(&[3, 2], 8, scale))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
        // Coinciding points: distance 0 with a zero (not NaN) gradient.
        let x = inputs(vec![("points", f(&[2, 1], &[1.0, 1.0])), ("target_points", f(&[1, 1], &[1.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let ok = |n| randn(&[n, 2], 1, 1.0);
        assert_error(ID, None, &p, &inputs(vec![("points", ok(3)), ("target_points", randn(&[3, 3], 1, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("points", randn(&[3], 1, 1.0)), ("target_points", randn(&[3], 1, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("points", ok(3)), ("target_points", ok(2)), ("weights", uniform(&[2], 1, 0.0, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("points", f(&[0, 2], &[])), ("target_points", ok(2))]), ErrorKind::Empty);
        for bad in [json!({"blur": 0.0}), json!({"blur": "nan"}), json!({"loss": "sinkhorn"})] {
            assert_error(ID, None, &params(bad), &inputs(vec![("points", ok(3)), ("target_points", ok(2))]), ErrorKind::Param);
        }
    }
}
