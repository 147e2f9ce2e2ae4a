//! Manifold loss: measures similarity along the data manifold with a random walk over a graph of
//! embeddings and proxies, then applies proxy-margin terms to the diffused similarities.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor};
use crate::numerics::pml_lists::{bools_like, cosine_self, default_distance_only, pml_form, positive_int_opt};
use crate::numerics::{self, LossTensor, vectors::l2_norm};

const ID: &str = "manifold";
const DISTANCE: &str = "CosineSimilarity(normalize_embeddings=True, p=2, power=1)";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Manifold Loss",
    aliases: &["Ensemble Deep Manifold Similarity Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Ensemble Deep Manifold Similarity Learning using Hard Proxies",
        authors: "Aziere, N., Todorovic, S.",
        venue: "CVPR",
        year: 2019,
        url: "https://openaccess.thecvf.com/content_CVPR_2019/html/Aziere_Ensemble_Deep_Manifold_Similarity_Learning_Using_Hard_Proxies_CVPR_2019_paper.html",
    },
    summary: "Builds a graph over the batch embeddings and K learnable proxies with edge weights exp(cos/0.5), diffuses it with the closed-form random walk F = (1 - alpha)(I - alpha S)^-1, and penalizes embeddings whose diffused similarity to another proxy comes within a margin of their own proxy (intrinsic term) plus the same on cosine similarities of diffused rows (context term, weight lambdaC). It needs no labels: each embedding is assigned to a proxy (meta-class). The matrix inverse makes it cost O((N+K)^3) per batch.",
    formula: r"F = (1-\alpha)(I - \alpha \bar S)^{-1},\ \bar S = D^{-1/2} S D^{-1/2},\ S_{uv} = e^{2 \max(\cos(z_u, z_v), 0)}(1 - \delta_{uv});\quad \ell_i(G) = \log\Big(1 + \sum_{k \ne c_i,\ G_{ik} - G_{ic_i} + m \ge 0} e^{G_{ik} - G_{ic_i} + m}\Big);\quad L = \frac{1}{N}\sum_i \ell_i(F_{[:N,\,N:]}) + \lambda_C \frac{1}{N}\sum_i \ell_i(C),\ C_{ik} = \cos(F_{i,:}, F_{N+k,:})",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "meta_classes", shape: "[N] (i64)", meaning: "proxy index assigned to each embedding (PML draws these at random when not given)" },
        Input { name: "weight", shape: "[K, D]", meaning: "the K learnable proxies, one row each (PML's proxies)" },
    ],
    params: &[
        Param { name: "l", symbol: "", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (required by PML; must equal D; taken from embeddings when absent)" },
        Param { name: "K", symbol: "K", default: Value::Int(50), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of proxies (rows of weight); taken from weight when absent" },
        Param { name: "lambdaC", symbol: r"\lambda_C", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the context term" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.8), range: Range::Real { min: -1.0, max: 1.0, open_min: true, open_max: true }, meaning: "random-walk parameter: the share of similarity passed on to neighbours, in (0, 1) in the paper" },
        Param { name: "margin", symbol: "m", default: Value::Float(0.0005), range: Range::REAL, meaning: "margin between own-proxy and other-proxy similarities" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.ManifoldLoss",
    ],
    related: &["proxy-nca", "proxy-anchor", "soft-triple"],
    forms: &[
        Form { name: "pml", description: "PML ManifoldLoss(l, K, lambdaC, alpha, margin) called without labels and with meta_classes passed as indices_tuple: the graph holds the N embeddings then the K proxies; the intrinsic term uses the embedding-to-proxy block of F, the context term the cosine similarities (eps 1e-8) between diffused embedding rows and diffused proxy rows; terms with G_ik - G_ic_i + m < 0 and the own proxy are left out; lambdaC must be finite (PML's lambdaC = inf multiplies the context term by inf). PML inverts I - alpha S-bar in float32; this entry computes the inverse in float64 as the power series sum_k (alpha S-bar)^k by repeated squaring (|alpha| < 1), so values agree with PML to float32 accuracy." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between embedding 0 and its proxy (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Embedding 0 turns away from its proxy e1 (angle x); embedding 1 sits at angle 2 near proxy
/// e2 (the meta-class of each is its proxy's index).
fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("embeddings", HostTensor::from_f64(vec![2, 2], vec![x.cos(), x.sin(), 2f64.cos(), 2f64.sin()])),
            ("meta_classes", HostTensor::from_i64(vec![2], vec![0, 1])),
            ("weight", HostTensor::from_f64(vec![2, 2], vec![1.0, 0.0, 0.0, 1.0])),
        ],
        wrt: "embeddings",
        index: 1,
    }
}

/// Options of PML's `ManifoldLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct ManifoldConfig {
    /// Weight of the context term (finite, >= 0).
    pub lambda_c: f64,
    /// Random-walk parameter, `|alpha| < 1`.
    pub alpha: f64,
    /// Margin between own-proxy and other-proxy similarities.
    pub margin: f64,
}

impl Default for ManifoldConfig {
    fn default() -> Self {
        ManifoldConfig { lambda_c: 1.0, alpha: 0.8, margin: 5e-4 }
    }
}

/// `(I - A)^-1 = sum_k A^k` for a symmetric `A` of spectral radius `<= rho < 1`, summed by
/// repeated squaring (`S_2m = S_m + A^m S_m`) until `rho^m` is below 1e-18.
fn inverse_by_series(a: Tensor<2>, rho: f64) -> Tensor<2> {
    let m = a.dims()[0];
    let mut eye = vec![0.0; m * m];
    for i in 0..m {
        eye[i * m + i] = 1.0;
    }
    let mut sum = numerics::tensor_like(&a, eye, [m, m]);
    let mut power = a;
    let mut reach = rho;
    loop {
        sum = sum.clone() + power.clone().matmul(sum);
        if reach * reach < 1e-18 || reach == 0.0 {
            return sum;
        }
        power = power.clone().matmul(power);
        reach *= reach;
    }
}

/// PML's hinge-free proxy term: per row i, `log(1 + sum exp(v_ik))` over the proxies `k != c_i`
/// with `v_ik = G_ik - G_ic_i + margin >= 0`; the mean over rows.
fn proxy_term(g: Tensor<2>, meta: &[i64], margin: f64) -> Tensor<1> {
    let [n, k] = g.dims();
    let own = g.clone().gather(1, numerics::ints_like(&g, meta.to_vec(), [n, 1]));
    let v = (g - own).add_scalar(margin);
    let vh = numerics::host_f64(&v);
    let keep: Vec<bool> = (0..n * k).map(|e| e % k != meta[e / k] as usize && vh[e] >= 0.0).collect();
    let keep = bools_like(&v, &keep, [n, k]);
    let off = keep.clone().equal_elem(0.0);
    let terms = v.mask_fill(off, 0.0).exp() * keep;
    terms.sum_dim(1).add_scalar(1.0).log().mean()
}

/// PML `ManifoldLoss(l, K, lambdaC, alpha, margin)(embeddings, None, indices_tuple=meta_classes)`
/// with the proxies `weight [K, l]`.
pub fn manifold(embeddings: Tensor<2>, meta_classes: Tensor<1, Int>, weight: Tensor<2>, cfg: &ManifoldConfig) -> Result<LossTensor, LossError> {
    let [n, l] = embeddings.dims();
    let [k, wl] = weight.dims();
    numerics::non_empty(ID, "embeddings", &embeddings.dims())?;
    numerics::non_empty(ID, "weight", &weight.dims())?;
    if wl != l {
        return Err(LossError::shape(ID, "weight", format!("[K, {l}] (the embedding size)"), fmt_shape(&weight.dims())));
    }
    if meta_classes.dims() != [n] {
        return Err(LossError::shape(ID, "meta_classes", format!("[{n}] (one proxy index per embedding)"), fmt_shape(&meta_classes.dims())));
    }
    let meta = numerics::host_i64(&meta_classes);
    numerics::labels_in_range(ID, "meta_classes", &meta, k, None)?;
    if !(cfg.lambda_c >= 0.0 && cfg.lambda_c.is_finite()) {
        return Err(LossError::param(ID, "lambdaC", "a finite non-negative number (PML raises ValueError below 0; its inf gives an infinite loss)", format!("{}", cfg.lambda_c)));
    }
    numerics::finite_param(ID, "margin", cfg.margin)?;
    if !(cfg.alpha.abs() < 1.0) {
        return Err(LossError::param(ID, "alpha", "a number with |alpha| < 1 (otherwise I - alpha S is singular or its series diverges)", format!("{}", cfg.alpha)));
    }
    let m = n + k;
    let z = Tensor::cat(vec![embeddings, weight], 0);
    let mut eye = vec![false; m * m];
    for i in 0..m {
        eye[i * m + i] = true;
    }
    let eye = bools_like(&z, &eye, [m, m]);
    let s = cosine_self(z).clamp_min(0.0).mul_scalar(2.0).exp();
    let s = s.clone() - s * eye;
    let d_inv_half = s.clone().sum_dim(1).powf_scalar(-0.5);
    let s_bar = d_inv_half.clone() * s * d_inv_half.reshape([1, m]);
    let f = inverse_by_series(s_bar.mul_scalar(cfg.alpha), cfg.alpha.abs()).mul_scalar(1.0 - cfg.alpha);
    let f_e = f.clone().slice([0..n, 0..m]);
    let f_p = f.clone().slice([n..m, 0..m]);
    // torch.nn.functional.cosine_similarity (norms clamped at 1e-8).
    let ne = l2_norm(f_e.clone(), 1).clamp_min(1e-8);
    let np = l2_norm(f_p.clone(), 1).clamp_min(1e-8);
    let ctx = (f_e / ne).matmul((f_p / np).transpose());
    let loss_ctx = proxy_term(ctx, &meta, cfg.margin);
    let loss = proxy_term(f.slice([0..n, n..m]), &meta, cfg.margin) + loss_ctx.mul_scalar(cfg.lambda_c);
    Ok(LossTensor::scalar(loss))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    pml_form(c)?;
    default_distance_only(c, DISTANCE)?;
    let emb = c.shape("embeddings")?.to_vec();
    let w = c.shape("weight")?.to_vec();
    if emb.len() != 2 {
        return Err(LossError::shape(ID, "embeddings", "shape [N, l]", fmt_shape(&emb)));
    }
    if w.len() != 2 {
        return Err(LossError::shape(ID, "weight", "shape [K, l]", fmt_shape(&w)));
    }
    if let Some(l) = positive_int_opt(c, "l")? {
        if emb[1] != l {
            return Err(LossError::shape(ID, "embeddings", format!("[N, {l}] (l columns; PML asserts it)"), fmt_shape(&emb)));
        }
        if w[1] != l {
            return Err(LossError::shape(ID, "weight", format!("[K, {l}] (l columns)"), fmt_shape(&w)));
        }
    }
    if let Some(k) = positive_int_opt(c, "K")? {
        if w[0] != k {
            return Err(LossError::shape(ID, "weight", format!("{k} rows (K proxies)"), fmt_shape(&w)));
        }
    }
    let cfg = ManifoldConfig { lambda_c: c.f64("lambdaC", 1.0)?, alpha: c.f64("alpha", 0.8)?, margin: c.f64("margin", 5e-4)? };
    let meta_shape = c.shape("meta_classes")?;
    if meta_shape != [emb[0]] {
        return Err(LossError::shape(ID, "meta_classes", format!("[{}] (one proxy index per embedding)", emb[0]), fmt_shape(meta_shape)));
    }
    manifold(c.float::<2>("embeddings")?, c.int::<1>("meta_classes")?, c.float::<2>("weight")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[5, 3], seed, 1.0)), ("meta_classes", i(&[5], &[0, 1, 2, 1, 0])), ("weight", randn(&[3, 3], seed + 1, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // One embedding e1 (meta-class 0) and proxies e1, -e1: cosines 1 (z0, p0), -1 (z0, p1),
        // -1 (p0, p1). S = e^{2 max(cos, 0)} off the diagonal: S01 = e^2, S02 = S12 = 1.
        // (I - alpha S-bar)^-1 by Gauss-Jordan elimination on the host.
        let e2 = 2f64.exp();
        let s = [[0.0, e2, 1.0], [e2, 0.0, 1.0], [1.0, 1.0, 0.0]];
        let d: Vec<f64> = s.iter().map(|r| 1.0 / r.iter().sum::<f64>().sqrt()).collect();
        let alpha = 0.5;
        let mut a = [[0.0; 6]; 3];
        for u in 0..3 {
            for v in 0..3 {
                a[u][v] = if u == v { 1.0 } else { 0.0 } - alpha * d[u] * s[u][v] * d[v];
            }
            a[u][3 + u] = 1.0;
        }
        for p in 0..3 {
            let piv = a[p][p];
            for c in 0..6 {
                a[p][c] /= piv;
            }
            for r in 0..3 {
                if r != p {
                    let fct = a[r][p];
                    for c in 0..6 {
                        a[r][c] -= fct * a[p][c];
                    }
                }
            }
        }
        let ff = |u: usize, v: usize| (1.0 - alpha) * a[u][3 + v];
        let margin = 0.01;
        // Intrinsic: v = F[0, 2] - F[0, 1] + m (own proxy is graph node 1, the other node 2).
        let v = ff(0, 2) - ff(0, 1) + margin;
        let int = if v >= 0.0 { (1.0 + v.exp()).ln() } else { 0.0 };
        let row = |u: usize| [ff(u, 0), ff(u, 1), ff(u, 2)];
        let cos = |x: [f64; 3], y: [f64; 3]| {
            let dot: f64 = x.iter().zip(&y).map(|(p, q)| p * q).sum();
            dot / (x.iter().map(|p| p * p).sum::<f64>().sqrt() * y.iter().map(|p| p * p).sum::<f64>().sqrt())
        };
        let w = cos(row(0), row(2)) - cos(row(0), row(1)) + margin;
        let ctx = if w >= 0.0 { (1.0 + w.exp()).ln() } else { 0.0 };
        let x = inputs(vec![("embeddings", f(&[1, 2], &[1.0, 0.0])), ("meta_classes", i(&[1], &[0])), ("weight", f(&[2, 2], &[1.0, 0.0, -1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"alpha": alpha, "margin": margin, "lambdaC": 2.0})), &x);
        let want = int + 2.0 * ctx;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, p) in [(1, json!({})), (5, json!({"alpha": 0.5, "margin": 0.01, "lambdaC": 0.0})), (9, json!({"alpha": 0.95, "lambdaC": 3.0}))] {
            assert_gradcheck(ID, None, &params(p), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("meta_classes", i(&[4], &[0, 1, 0, 1])), ("weight", randn(&[2, 3], 4, 1e-4))]);
        assert_finite(ID, None, &params(json!({"alpha": 0.99})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_error(ID, None, &params(json!({"lambdaC": -1.0})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"alpha": 1.0})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"l": 4})), &batch(1), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"K": 2})), &batch(1), ErrorKind::Shape);
        let mut x = batch(1);
        x.insert("meta_classes".into(), i(&[5], &[0, 1, 3, 1, 0]));
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Value);
        x.insert("meta_classes".into(), i(&[4], &[0, 1, 2, 1]));
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Shape);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("meta_classes", i(&[0], &[])), ("weight", randn(&[3, 3], 1, 1.0))]);
        assert_error(ID, None, &params(json!({})), &empty, ErrorKind::Empty);
    }
}
