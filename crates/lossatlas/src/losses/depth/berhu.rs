//! BerHu (reverse Huber) loss for depth regression: L1 for small residuals and quadratic for
//! large ones, with the switch point set per batch from the largest residual, as in Laina et al.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, with_pair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "berhu";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Berhu Loss (Reverse Huber)",
    aliases: &["BerHu Loss", "Reverse Huber Loss", "berHu"],
    kind: Kind::Loss,
    domains: &["depth", "regression"],
    year: 2016,
    paper: Paper {
        title: "Deeper Depth Prediction with Fully Convolutional Residual Networks",
        authors: "Laina et al.",
        venue: "3DV",
        year: 2016,
        url: "https://arxiv.org/abs/1606.00373",
    },
    summary: "The mirror image of Huber: |r| for residuals up to c and (r^2 + c^2) / (2c) beyond, with matching value and slope at c. Laina et al. set c to one fifth of the largest absolute residual in the batch, so the many small residuals keep a strong L1 gradient while the few large ones, typical of depth maps with a heavy-tailed error distribution, get the larger quadratic gradient. c is recomputed every batch and treated as a constant (no gradient flows through the maximum), which also makes the loss depend on the batch composition.",
    formula: r"\ell_i = \begin{cases} |r_i| & |r_i| \le c \\ \dfrac{r_i^2 + c^2}{2c} & |r_i| > c \end{cases},\qquad c = \tau \max_j |r_j| \ (\text{no gradient}),\quad \tau = 0.2,\quad r_i = \hat{y}_i - y_i",
    inputs: &[
        Input { name: "pred", shape: "[*]", meaning: "predicted depth, e.g. [B, 1, H, W]" },
        Input { name: "target", shape: "[*] (as pred)", meaning: "target depth" },
    ],
    params: &[
        Param { name: "threshold", symbol: r"\tau", default: Value::Float(0.2), range: Range::POSITIVE, meaning: "c as a fraction of the batch's largest absolute residual (1/5 in the paper)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[],
    related: &["huber", "l1", "mse", "scale-invariant"],
    forms: &[Form { name: "laina2016", description: "Laina et al. (2016): c = threshold * max |pred - target| over the whole input (the batch), detached; |r| where |r| <= c, (r^2 + c^2) / (2c) elsewhere; reduction mean (default), sum or none. No reference library computes it; tested against the formula." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the BerHu loss; `Default` equals the paper's c = max|r| / 5.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BerhuConfig {
    /// c as a fraction of the largest absolute residual (> 0).
    pub threshold: f64,
    pub reduction: Reduction,
}

impl Default for BerhuConfig {
    fn default() -> Self {
        BerhuConfig { threshold: 0.2, reduction: Reduction::Mean }
    }
}

/// ψ(r) for the whole flat residual: c is `threshold * max|r|`, detached. When every residual
/// is 0, c = 0 and only the |r| branch is selected; c is replaced by 1 in the unselected branch
/// so that it stays finite.
pub fn psi(r: Tensor<1>, threshold: f64) -> Tensor<1> {
    let n = r.dims()[0];
    let abs = r.clone().abs();
    let c = abs.clone().detach().max().mul_scalar(threshold);
    let safe_c = c.clone().mask_fill(c.clone().equal_elem(0.0), 1.0);
    let quadratic = (r.square() + safe_c.clone().square().expand([n])) / safe_c.mul_scalar(2.0).expand([n]);
    let above = abs.clone().greater(c.expand([n]));
    abs.mask_where(above, quadratic)
}

/// The BerHu loss with a per-batch threshold, reduced.
pub fn berhu<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &BerhuConfig) -> Result<LossTensor, LossError> {
    numerics::positive_param(ID, "threshold", cfg.threshold)?;
    elementwise::distance(ID, pred, target, cfg.reduction, |r| psi(r, cfg.threshold))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("laina2016") {
        "laina2016" => {
            let cfg = BerhuConfig { threshold: c.f64("threshold", 0.2)?, reduction: c.reduction(Reduction::Mean)? };
            with_pair!(c, |p, t| berhu(p, t, &cfg))
        }
        _ => Err(elementwise::unknown_form(c, &ENTRY)),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::{Map, Value as Json, json};

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::{self, EvalOptions, HostTensor};
    use crate::testing::*;

    /// c is detached, so autodiff is the derivative with c held fixed. A central difference
    /// agrees with it for every element except the one holding the maximum |r| (moving it moves
    /// c): check all the others.
    fn assert_gradcheck_except_max(p: &Map<String, Json>, x: &BTreeMap<String, HostTensor>) {
        let ev = eval64(ID, None, p, x);
        let r: Vec<f64> = x["pred"].floats.iter().zip(&x["target"].floats).map(|(a, b)| (a - b).abs()).collect();
        let argmax = (0..r.len()).max_by(|&a, &b| r[a].total_cmp(&r[b])).unwrap();
        let nograd = EvalOptions { gradients: false, ..EvalOptions::f64() };
        let total = |x: &BTreeMap<String, HostTensor>| eval::evaluate(ID, None, p, x, &nograd).unwrap().loss.floats.iter().sum::<f64>();
        for name in ["pred", "target"] {
            for i in (0..r.len()).filter(|&i| i != argmax) {
                let h = 1e-6 * x[name].floats[i].abs().max(1.0);
                let mut up = x.clone();
                up.get_mut(name).unwrap().floats[i] += h;
                let mut down = x.clone();
                down.get_mut(name).unwrap().floats[i] -= h;
                let fd = (total(&up) - total(&down)) / (2.0 * h);
                let ad = ev.grads[name].floats[i];
                assert!((ad - fd).abs() <= 1e-6 * fd.abs().max(1.0), "{name}[{i}]: autodiff {ad} vs finite difference {fd}");
            }
        }
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("pred", randn(&[2, 1, 3, 4], 29, 2.0)), ("target", randn(&[2, 1, 3, 4], 30, 2.0))]);
        assert_gradcheck_except_max(&params(json!({})), &x);
        assert_gradcheck_except_max(&params(json!({"threshold": 0.5, "reduction": "sum"})), &x);
        // Around the switch: max |r| = 5, c = 1; residuals 1 +- 1e-4 and a tiny one.
        let x = inputs(vec![("pred", f(&[4], &[5.0, 1.0 + 1e-4, -1.0 + 1e-4, 1e-3])), ("target", f(&[4], &[0.0; 4]))]);
        assert_gradcheck_except_max(&params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // r = (10, 1, -3, 0.5): c = 2. |1| -> 1, |0.5| -> 0.5, -3 -> (9 + 4) / 4 = 3.25,
        // 10 -> (100 + 4) / 4 = 26. Gradients: sign(r) inside, r / c outside (c held fixed).
        let x = inputs(vec![("pred", f(&[4], &[10.0, 1.0, -3.0, 0.5])), ("target", f(&[4], &[0.0; 4]))]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.floats, vec![26.0, 1.0, 3.25, 0.5]);
        assert_eq!(ev.grads["pred"].floats, vec![5.0, 1.0, -1.5, 1.0]);
        assert_eq!(ev.grads["target"].floats, vec![-5.0, -1.0, 1.5, -1.0]);
        // |r| = c exactly is on the L1 side; both sides agree there (value c, slope 1).
        let x = inputs(vec![("pred", f(&[2], &[5.0, 1.0])), ("target", f(&[2], &[0.0; 2]))]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.floats, vec![(25.0 + 1.0) / 2.0, 1.0]);
        // Mean over all elements of a [2, 2] batch: c from the whole batch (max 4 -> c = 0.8).
        let x = inputs(vec![("pred", f(&[2, 2], &[4.0, 0.5, 0.0, 1.0])), ("target", f(&[2, 2], &[0.0; 4]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        let want = ((16.0 + 0.64) / 1.6 + 0.5 + 0.0 + (1.0 + 0.64) / 1.6) / 4.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-15);
    }

    #[test]
    fn all_zero_residuals_give_zero() {
        let x = inputs(vec![("pred", f(&[3], &[1.0, 2.0, 3.0])), ("target", f(&[3], &[1.0, 2.0, 3.0]))]);
        let ev = assert_finite(ID, None, &params(json!({})), &x);
        assert_eq!(ev.loss.floats, vec![0.0]);
        assert_eq!(ev.grads["pred"].floats, vec![0.0; 3]);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, -1e-12, 1e12, -1e12])), ("target", f(&[4], &[0.0; 4]))]);
        let ev = assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.floats[0], 1e-12);
        let x = inputs(vec![("pred", f(&[2], &[1e-12, -1e-12])), ("target", f(&[2], &[0.0; 2]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let good = || inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0))]);
        let cases = [
            (good(), params(json!({"threshold": 0.0})), ErrorKind::Param),
            (good(), params(json!({"threshold": -0.2})), ErrorKind::Param),
            (good(), params(json!({"threshold": "nan"})), ErrorKind::Param),
            (good(), params(json!({"c": 1.0})), ErrorKind::Param),
        ];
        for (x, p, kind) in cases {
            assert_error(ID, None, &p, &x, kind);
        }
    }
}
