//! NT-Xent, SimCLR's loss: a softmax cross-entropy over cosine similarities divided by a
//! temperature, in which each view must find the other view of the same image.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::contrastive::{PmlDistance, check_views, diagonal_cross_entropy, eye_like, label_pair_masks, positive_pair_softmax};
use crate::numerics::{self, LossTensor, inputs::float_input, pairs::check_embeddings};

const ID: &str = "nt-xent";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "NT-Xent",
    aliases: &["SimCLR Loss", "Normalized Temperature-scaled Cross-Entropy", "NTXentLoss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "metric-learning"],
    year: 2020,
    paper: Paper {
        title: "A Simple Framework for Contrastive Learning of Visual Representations",
        authors: "Chen et al.",
        venue: "ICML",
        year: 2020,
        url: "https://arxiv.org/abs/2002.05709",
    },
    summary: "For every positive pair (two views of one image, or two samples with the same label) computes minus the log-softmax of their cosine similarity over temperature against the anchor's similarities to negatives, and averages over positive pairs. In SimCLR the batch of N images gives 2N views and 2N-2 negatives per anchor, so quality grows with batch size; the temperature controls how strongly hard negatives are weighted. The libraries differ in who counts as a negative (the other view only, both views, or label-based) and in defaults (temperature 0.07 in PML and optax, 0.5 in lightly and MONAI).",
    formula: r"s_{ij} = \frac{z_i^\top z_j}{\lVert z_i\rVert\,\lVert z_j\rVert},\quad \ell_{ap} = -\log\frac{e^{s_{ap}/\tau}}{e^{s_{ap}/\tau} + \sum_{n:\,y_n \ne y_a} e^{s_{an}/\tau}},\quad \mathcal{L} = \operatorname{mean}_{(a,p):\ y_a = y_p,\ a \ne p}\ \ell_{ap}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "forms pml, optax: embeddings with class labels; same-label pairs are positives" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "forms pml, optax: labels defining positives and negatives" },
        Input { name: "z1", shape: "[N, D]", meaning: "forms pml-self-supervised, monai, lightly: first view of each image" },
        Input { name: "z2", shape: "[N, D]", meaning: "forms pml-self-supervised, monai, lightly: second view, same order" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.07), range: Range::POSITIVE, meaning: "similarities are divided by tau (default 0.07 in pml and optax, 0.5 in monai and lightly)" },
        Param { name: "distance", symbol: "", default: Value::Str("CosineSimilarity()"), range: Range::Any, meaning: "forms pml, pml-self-supervised: the PML distance (LpDistance, DotProductSimilarity or CosineSimilarity with normalize_embeddings, p, power); a distance (not a similarity) is negated before the softmax" },
        Param { name: "symmetric", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "form pml-self-supervised: true stacks z1 and z2 as 2N labelled embeddings (each view a positive of the other); false uses z1 as anchors against z2 only" },
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
    equivalents: &[
        "pytorch_metric_learning.losses.NTXentLoss",
        "pytorch_metric_learning.losses.SelfSupervisedLoss",
        "monai.losses.ContrastiveLoss",
        "lightly.loss.NTXentLoss",
        "optax.losses.ntxent",
    ],
    related: &["infonce", "supcon", "decoupled-contrastive", "clip", "moco", "n-pair"],
    forms: &[
        Form { name: "pml", description: "pytorch-metric-learning NTXentLoss(temperature) on embeddings and labels: cosine similarity (embeddings normalized); every same-label pair (a, p), a != p, is a positive with the different-label samples as negatives; mean over positive pairs (0 when there are none)." },
        Form { name: "pml-self-supervised", description: "pytorch-metric-learning SelfSupervisedLoss(NTXentLoss(temperature), symmetric): symmetric=False: labels arange(N) with ref_emb = z2, so anchors come from z1 and positives and negatives from z2 (an N-way softmax per anchor); symmetric=True (default): the pml form on the 2N stacked views with labels (arange(N), arange(N)), so each view's positive is its other view and its negatives are the 2N - 2 views of other images." },
        Form { name: "monai", description: "MONAI ContrastiveLoss(temperature)(z1, z2): SimCLR's 2N-way loss: both views L2-normalized and stacked, self-similarity excluded, the other view of the same image is the positive; mean over the 2N anchors." },
        Form { name: "lightly", description: "lightly NTXentLoss(temperature)(z1, z2) without memory bank: the same 2N-way cross-entropy over cosine similarity / temperature with self-similarity excluded, mean over the 2N anchors." },
        Form { name: "optax", description: "optax.losses.ntxent(embeddings, labels, temperature): cosine similarity with eps = machine epsilon in the norms; per positive pair (same label, i != j) -log(exp(s_ij) / (exp(s_ij) + sum over different-label k of exp(s_ik))), mean over positive pairs. labels must have one entry per embedding." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two views of image 0 (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Form lightly, two images: image 0's second view at angle x from its first, image 1's views
/// both at pi / 2.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("lightly"),
        params: serde_json::json!({}),
        inputs: vec![
            ("z1", HostTensor::from_f64(vec![2, 2], vec![1.0, 0.0, 0.0, 1.0])),
            ("z2", HostTensor::from_f64(vec![2, 2], vec![x.cos(), x.sin(), 0.0, 1.0])),
        ],
        wrt: "z2",
        index: 1,
    }
}

/// Options of the PML `NTXentLoss` (forms pml, pml-self-supervised); `Default` equals PML's
/// defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct NtXentConfig {
    pub temperature: f64,
    pub distance: PmlDistance,
}

impl Default for NtXentConfig {
    fn default() -> Self {
        NtXentConfig { temperature: 0.07, distance: PmlDistance::COSINE }
    }
}

/// The logit matrix PML builds: the distance matrix over temperature, negated when it is a
/// distance rather than a similarity.
fn pml_logits(a: Tensor<2>, b: Tensor<2>, cfg: &NtXentConfig) -> Tensor<2> {
    let m = cfg.distance.matrix(a, b);
    let m = if cfg.distance.similarity { m } else { m.neg() };
    m.mul_scalar(1.0 / cfg.temperature)
}

/// PML `NTXentLoss(temperature, distance)(embeddings, labels)`: for every same-label pair
/// `(a, p)`, `a != p`, minus the log-softmax of `s_ap` against the different-label pairs of
/// `a`; mean over positive pairs (0 when the batch has no positive or no negative pair).
pub fn nt_xent(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &NtXentConfig) -> Result<LossTensor, LossError> {
    check_embeddings(ID, &embeddings.dims(), &labels.dims())?;
    numerics::non_empty(ID, "embeddings", &embeddings.dims())?;
    numerics::positive_param(ID, "temperature", cfg.temperature)?;
    let s = pml_logits(embeddings.clone(), embeddings, cfg);
    let (pos, neg) = label_pair_masks(&labels, &s);
    let count = pos.clone().sum().detach().clamp_min(1.0);
    let per = positive_pair_softmax(s, pos, neg);
    Ok(LossTensor::scalar(per.sum() / count))
}

/// optax `ntxent(embeddings, labels, temperature)`: the same pair softmax over cosine
/// similarities (squared norms clipped at machine epsilon), averaged over positive pairs; a
/// batch without positive pairs is an error (optax: NaN, 0 / 0).
pub fn nt_xent_optax(embeddings: Tensor<2>, labels: Tensor<1, Int>, temperature: f64) -> Result<LossTensor, LossError> {
    let [n, _] = embeddings.dims();
    if labels.dims()[0] != n {
        return Err(LossError::shape(ID, "labels", format!("shape [{n}] (labels and embeddings must have the same leading dimension)"), fmt_shape(&labels.dims())));
    }
    numerics::non_empty(ID, "embeddings", &embeddings.dims())?;
    numerics::positive_param(ID, "temperature", temperature)?;
    let eps = if embeddings.dtype() == burn::tensor::DType::F64 { f64::EPSILON } else { f32::EPSILON as f64 };
    let x = embeddings.clone() / embeddings.square().sum_dim(1).clamp_min(eps).sqrt();
    let s = x.clone().matmul(x.transpose()).mul_scalar(1.0 / temperature);
    let host = numerics::host_i64(&labels);
    if !(0..n).any(|a| (0..n).any(|b| a != b && host[a] == host[b])) {
        return Err(LossError::value(ID, "labels", "at least one positive pair (two samples with the same label)", "all labels distinct"));
    }
    let (pos, neg) = label_pair_masks(&labels, &s);
    let count = pos.clone().sum().detach();
    let per = positive_pair_softmax(s, pos, neg);
    Ok(LossTensor::scalar(per.sum() / count))
}

/// SimCLR's 2N-way NT-Xent (forms monai and lightly): both views L2-normalized and stacked;
/// each of the 2N rows is a softmax over the 2N - 1 others with the other view of the same
/// image as the target; mean over the 2N rows.
pub fn nt_xent_two_view(z1: Tensor<2>, z2: Tensor<2>, temperature: f64) -> Result<LossTensor, LossError> {
    check_views(ID, "z1", &z1.dims(), "z2", &z2.dims())?;
    numerics::positive_param(ID, "temperature", temperature)?;
    let n = z1.dims()[0];
    let z = Tensor::cat(vec![numerics::distance::l2_normalize(z1, 1e-12), numerics::distance::l2_normalize(z2, 1e-12)], 0);
    let s = z.clone().matmul(z.transpose()).mul_scalar(1.0 / temperature);
    let m = 2 * n;
    let self_mask = eye_like(&s, m).equal_elem(1.0);
    let target: Vec<f64> = (0..m * m).map(|i| if (i / m + n) % m == i % m { 1.0 } else { 0.0 }).collect();
    let target = numerics::tensor_like(&s, target, [m, m]);
    let lse = numerics::logsumexp(s.clone().mask_fill(self_mask, f64::NEG_INFINITY), 1);
    let positive = (s * target).sum_dim(1);
    Ok(LossTensor::scalar((lse - positive).mean()))
}

/// PML `SelfSupervisedLoss(NTXentLoss(temperature, distance), symmetric)(z1, z2)`. Not
/// symmetric: labels arange(N) with `ref_emb = z2`, so each row of z1 is an N-way softmax over
/// z2 with its own pair as target. Symmetric: PML concatenates `[z1; z2]` with labels
/// `[arange(N); arange(N)]` and applies the labelled loss, so each of the 2N anchors has its
/// other view as the positive and the 2N - 2 views of other images as negatives.
pub fn nt_xent_self_supervised(z1: Tensor<2>, z2: Tensor<2>, cfg: &NtXentConfig, symmetric: bool) -> Result<LossTensor, LossError> {
    check_views(ID, "z1", &z1.dims(), "z2", &z2.dims())?;
    numerics::positive_param(ID, "temperature", cfg.temperature)?;
    let n = z1.dims()[0];
    if symmetric {
        let z = Tensor::cat(vec![z1, z2], 0);
        let labels = numerics::ints_like(&z, (0..2 * n as i64).map(|i| i % n as i64).collect(), [2 * n]);
        return nt_xent(z, labels, cfg);
    }
    Ok(LossTensor::scalar(diagonal_cross_entropy(pml_logits(z1, z2, cfg)).mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    const FORMS: [&str; 5] = ["pml", "pml-self-supervised", "monai", "lightly", "optax"];
    let form = c.form().unwrap_or("pml");
    if !FORMS.contains(&form) {
        return Err(c.unknown_form(&FORMS));
    }
    let default_t = if form == "monai" || form == "lightly" { 0.5 } else { 0.07 };
    let temperature = c.f64("temperature", default_t)?;
    let distance = || -> Result<PmlDistance, LossError> {
        match c.str_opt("distance")? {
            None => Ok(PmlDistance::COSINE),
            Some(s) => PmlDistance::parse(ID, s),
        }
    };
    match form {
        "pml" | "optax" => {
            let emb = float_input::<2>(c, "embeddings", "[N, D]")?;
            let labels = c.int::<1>("labels")?;
            if form == "pml" {
                let cfg = NtXentConfig { temperature, distance: distance()? };
                nt_xent(emb, labels, &cfg)
            } else {
                nt_xent_optax(emb, labels, temperature)
            }
        }
        "pml-self-supervised" => {
            let cfg = NtXentConfig { temperature, distance: distance()? };
            let symmetric = c.bool("symmetric", true)?;
            nt_xent_self_supervised(float_input::<2>(c, "z1", "[N, D]")?, float_input::<2>(c, "z2", "[N, D]")?, &cfg, symmetric)
        }
        _ => nt_xent_two_view(float_input::<2>(c, "z1", "[N, D]")?, float_input::<2>(c, "z2", "[N, D]")?, temperature),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn labelled(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[7, 3], seed, 1.0)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 3]))])
    }

    fn views(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("z1", randn(&[5, 3], seed, 1.0)), ("z2", randn(&[5, 3], seed + 1, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Two images, orthogonal views z1 ~ z2 ~ I (normalized), tau = 1 (forms monai, lightly):
        // each row's logits over the 3 others are {1 (positive), 0, 0}: -log(e / (e + 2)).
        let x = inputs(vec![("z1", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0])), ("z2", f(&[2, 2], &[2.0, 0.0, 0.0, 3.0]))]);
        let want = -(1f64.exp() / (1f64.exp() + 2.0)).ln();
        for form in ["monai", "lightly"] {
            let ev = eval64(ID, Some(form), &params(json!({"temperature": 1.0})), &x);
            assert!((ev.loss.floats[0] - want).abs() < 1e-14, "{form}");
        }
        // pml-self-supervised, asymmetric: each z1 row against the two z2 rows, logits {1, 0}.
        let ev = eval64(ID, Some("pml-self-supervised"), &params(json!({"temperature": 1.0, "symmetric": false})), &x);
        assert!((ev.loss.floats[0] - (1.0 + (-1f64).exp()).ln()).abs() < 1e-14);
        // pml and optax: vectors at 0, 90, 180 degrees, labels (0, 0, 1), tau = 1. Pair (0, 1):
        // s = 0 against negative s = -1; pair (1, 0): s = 0 against negative s = 0.
        let x = inputs(vec![("embeddings", f(&[3, 2], &[2.0, 0.0, 0.0, 3.0, -1.0, 0.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        let want = ((1.0 + (-1f64).exp()).ln() + 2f64.ln()) / 2.0;
        for form in ["pml", "optax"] {
            let ev = eval64(ID, Some(form), &params(json!({"temperature": 1.0})), &x);
            assert!((ev.loss.floats[0] - want).abs() < 1e-14, "{form}");
        }
    }

    #[test]
    fn gradients_match_finite_differences() {
        for form in ["pml", "optax"] {
            assert_gradcheck(ID, Some(form), &params(json!({"temperature": 0.5})), &labelled(3));
        }
        assert_gradcheck(ID, Some("pml"), &params(json!({"temperature": 0.5, "distance": "LpDistance(normalize_embeddings=False)"})), &labelled(4));
        for form in ["monai", "lightly", "pml-self-supervised"] {
            assert_gradcheck(ID, Some(form), &params(json!({"temperature": 0.2})), &views(5));
        }
    }

    #[test]
    fn degenerate_batches() {
        // PML gives 0 without positive pairs; optax divides 0 by 0.
        let x = inputs(vec![("embeddings", randn(&[3, 2], 1, 1.0)), ("labels", i(&[3], &[0, 1, 2]))]);
        assert_eq!(eval64(ID, Some("pml"), &params(json!({})), &x).loss.floats[0], 0.0);
        assert_error(ID, Some("optax"), &params(json!({})), &x, ErrorKind::Value);
        // One class: no negatives, every pair's loss is 0.
        let x = inputs(vec![("embeddings", randn(&[3, 2], 1, 1.0)), ("labels", i(&[3], &[4, 4, 4]))]);
        for form in ["pml", "optax"] {
            assert_eq!(assert_finite(ID, Some(form), &params(json!({})), &x).loss.floats[0], 0.0);
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-6, 1e4] {
            let x = inputs(vec![("embeddings", randn(&[7, 3], 3, scale)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 3]))]);
            assert_finite(ID, Some("pml"), &params(json!({"temperature": 1e-3})), &x);
            assert_finite(ID, Some("optax"), &params(json!({"temperature": 1e-3})), &x);
            let v = inputs(vec![("z1", randn(&[4, 3], 5, scale)), ("z2", randn(&[4, 3], 6, scale))]);
            for form in ["monai", "lightly", "pml-self-supervised"] {
                assert_finite(ID, Some(form), &params(json!({"temperature": 1e-3})), &v);
            }
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1.0)), ("labels", i(&[3], &[0, 1, 0]))]);
        assert_error(ID, Some("pml"), &p, &x, ErrorKind::Shape);
        assert_error(ID, Some("optax"), &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("embeddings", randn(&[3, 3], 3, 1.0)), ("labels", f(&[3], &[0.0, 1.0, 0.0]))]);
        assert_error(ID, Some("pml"), &p, &x, ErrorKind::DType);
        let v = inputs(vec![("z1", randn(&[4, 3], 5, 1.0)), ("z2", randn(&[4, 2], 6, 1.0))]);
        assert_error(ID, Some("lightly"), &p, &v, ErrorKind::Shape);
        let v = inputs(vec![("z1", f(&[0, 3], &[])), ("z2", f(&[0, 3], &[]))]);
        assert_error(ID, Some("monai"), &p, &v, ErrorKind::Empty);
        assert_error(ID, Some("lightly"), &params(json!({"temperature": 0.0})), &views(1), ErrorKind::Param);
        assert_error(ID, Some("pml"), &params(json!({"temperature": "nan"})), &labelled(1), ErrorKind::Param);
        assert_error(ID, Some("pml"), &params(json!({"distance": "SNRDistance()"})), &labelled(1), ErrorKind::Param);
    }
}
