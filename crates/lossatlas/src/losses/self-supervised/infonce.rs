//! InfoNCE: classify the positive key of each query among negative keys with a softmax over
//! temperature-scaled similarities; a lower bound on mutual information.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::contrastive::diagonal_cross_entropy;
use crate::numerics::vectors::l2_normalize;
use crate::numerics::{self, LossTensor, Reduction, inputs::check_float};

const ID: &str = "infonce";

pub const ENTRY: Entry = Entry {
    id: "infonce",
    name: "InfoNCE",
    aliases: &["CPC Loss", "Contrastive Predictive Coding Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "metric-learning"],
    year: 2018,
    paper: Paper {
        title: "Representation Learning with Contrastive Predictive Coding",
        authors: "van den Oord et al.",
        venue: "",
        year: 2018,
        url: "https://arxiv.org/abs/1807.03748",
    },
    summary: "Cross-entropy of picking each query's positive key out of a set that also holds negatives, with L2-normalized vectors and similarities divided by a temperature. Minimizing it maximizes a lower bound on the mutual information between query and key, which saturates at log of the number of candidates, so more negatives give a tighter bound. Without explicit negatives the other positives of the batch serve as negatives; a low temperature focuses on hard negatives but makes training less stable.",
    formula: r"\ell_i = -\log\frac{e^{\hat q_i^\top \hat k_i^{+}/\tau}}{e^{\hat q_i^\top \hat k_i^{+}/\tau} + \sum_{j} e^{\hat q_i^\top \hat k_{ij}^{-}/\tau}},\quad \hat x = \frac{x}{\lVert x\rVert_2}",
    inputs: &[
        Input { name: "query", shape: "[N, D]", meaning: "query (anchor) vectors" },
        Input { name: "positive_key", shape: "[N, D]", meaning: "one positive key per query" },
        Input { name: "negative_keys", shape: "[M, D] or [N, M, D]", meaning: "optional negatives: shared by all queries (unpaired) or per query (paired); absent: the other positive keys are the negatives" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "similarities are divided by tau" },
        Param::REDUCTION_MEAN,
        Param { name: "negative_mode", symbol: "", default: Value::Str("unpaired"), range: Range::Choice { values: &["unpaired", "paired"] }, meaning: "whether negative_keys are shared ([M, D]) or per query ([N, M, D])" },
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
    equivalents: &["info_nce.InfoNCE", "info_nce.info_nce"],
    related: &["nt-xent", "clip", "moco", "supcon", "n-pair", "decoupled-contrastive"],
    forms: &[],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between query 0 and its positive key (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two queries on the axes; query 0's positive key at angle x, query 1's on its own axis.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("query", HostTensor::from_f64(vec![2, 2], vec![1.0, 0.0, 0.0, 1.0])),
            ("positive_key", HostTensor::from_f64(vec![2, 2], vec![x.cos(), x.sin(), 0.0, 1.0])),
        ],
        wrt: "positive_key",
        index: 1,
    }
}

/// Where the negatives of [`infonce`] come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NegativeMode {
    /// `negative_keys [M, D]` shared by every query.
    #[default]
    Unpaired,
    /// `negative_keys [N, M, D]`, one set per query.
    Paired,
}

/// Options of `info_nce.InfoNCE`; `Default` equals its defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct InfoNceConfig {
    pub temperature: f64,
    pub reduction: Reduction,
    pub negative_mode: NegativeMode,
}

impl Default for InfoNceConfig {
    fn default() -> Self {
        InfoNceConfig { temperature: 0.1, reduction: Reduction::Mean, negative_mode: NegativeMode::Unpaired }
    }
}

fn validate(query: &[usize], positive: &[usize], negatives: Option<&[usize]>, mode: NegativeMode) -> Result<(), LossError> {
    if query.len() != 2 {
        return Err(LossError::shape(ID, "query", "shape [N, D]", fmt_shape(query)));
    }
    if positive.len() != 2 {
        return Err(LossError::shape(ID, "positive_key", "shape [N, D]", fmt_shape(positive)));
    }
    numerics::same_shape(ID, "positive_key", positive, "query", query)?;
    numerics::non_empty(ID, "query", query)?;
    if let Some(neg) = negatives {
        let (rank, want) = match mode {
            NegativeMode::Unpaired => (2, "shape [M, D]"),
            NegativeMode::Paired => (3, "shape [N, M, D]"),
        };
        if neg.len() != rank {
            return Err(LossError::shape(ID, "negative_keys", want, fmt_shape(neg)));
        }
        if mode == NegativeMode::Paired && neg[0] != query[0] {
            return Err(LossError::shape(ID, "negative_keys", format!("{} sets of negatives (one per query)", query[0]), fmt_shape(neg)));
        }
        if neg[rank - 1] != query[1] {
            return Err(LossError::shape(ID, "negative_keys", format!("vectors of size {} (the size of query)", query[1]), fmt_shape(neg)));
        }
    }
    Ok(())
}

/// `info_nce.InfoNCE(temperature, reduction, negative_mode)(query, positive_key, negative_keys)`
/// with the negatives given as `[M, D]` (unpaired) or `[N, M, D]` (paired, passed flattened to
/// `[N * M, D]` with `m` per query) or absent (`None`: the other positive keys of the batch are
/// the negatives). All vectors are L2-normalized; per query the cross-entropy of
/// `cos / temperature` with the positive as target.
pub fn infonce(query: Tensor<2>, positive_key: Tensor<2>, negative_keys: Option<Tensor<3>>, cfg: &InfoNceConfig) -> Result<LossTensor, LossError> {
    let neg_dims = negative_keys.as_ref().map(|t| t.dims());
    let neg_shape: Option<Vec<usize>> = neg_dims.map(|d| match cfg.negative_mode {
        NegativeMode::Unpaired => vec![d[1], d[2]],
        NegativeMode::Paired => d.to_vec(),
    });
    validate(&query.dims(), &positive_key.dims(), neg_shape.as_deref(), cfg.negative_mode)?;
    numerics::positive_param(ID, "temperature", cfg.temperature)?;
    let [n, d] = query.dims();
    let q = l2_normalize(query, 1, 1e-12);
    let p = l2_normalize(positive_key, 1, 1e-12);
    let per = match negative_keys {
        None => diagonal_cross_entropy(q.matmul(p.transpose()).mul_scalar(1.0 / cfg.temperature)),
        Some(neg) => {
            let [b, m, _] = neg.dims();
            let neg = l2_normalize(neg, 2, 1e-12);
            let pos_logit = (q.clone() * p).sum_dim(1);
            let neg_logits = if b == 1 && cfg.negative_mode == NegativeMode::Unpaired {
                q.matmul(neg.reshape([m, d]).transpose())
            } else {
                (q.reshape([n, 1, d]) * neg).sum_dim(2).reshape([n, m])
            };
            let logits = Tensor::cat(vec![pos_logit, neg_logits], 1).mul_scalar(1.0 / cfg.temperature);
            let first = logits.clone().slice([0..n, 0..1]);
            (numerics::logsumexp(logits, 1) - first).reshape([n])
        }
    };
    Ok(numerics::reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let mode = match c.str("negative_mode", "unpaired")? {
        "unpaired" => NegativeMode::Unpaired,
        "paired" => NegativeMode::Paired,
        other => return Err(LossError::param(ID, "negative_mode", "unpaired or paired", format!("{other:?}"))),
    };
    let cfg = InfoNceConfig { temperature: c.f64("temperature", 0.1)?, reduction: c.reduction(Reduction::Mean)?, negative_mode: mode };
    let qs = check_float(c, "query")?;
    let ps = check_float(c, "positive_key")?;
    let ns = if c.has("negative_keys") { Some(check_float(c, "negative_keys")?) } else { None };
    validate(&qs, &ps, ns.as_deref(), mode)?;
    let q = c.float::<2>("query")?;
    let p = c.float::<2>("positive_key")?;
    let neg = match ns {
        None => None,
        Some(s) if s.len() == 2 => Some(c.float_reshaped::<3>("negative_keys", [1, s[0], s[1]])?),
        Some(s) => Some(c.float_reshaped::<3>("negative_keys", [s[0], s[1], s[2]])?),
    };
    infonce(q, p, neg, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64, negatives: Option<&[usize]>) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let mut v = vec![("query", randn(&[4, 3], seed, 1.0)), ("positive_key", randn(&[4, 3], seed + 1, 1.0))];
        if let Some(s) = negatives {
            v.push(("negative_keys", randn(s, seed + 2, 1.0)));
        }
        inputs(v)
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // In-batch: q = I, k = I (normalized), tau = 1: each row's logits {1, 0}: log(1 + e^-1).
        let x = inputs(vec![("query", f(&[2, 2], &[3.0, 0.0, 0.0, 1.0])), ("positive_key", f(&[2, 2], &[1.0, 0.0, 0.0, 2.0]))]);
        let ev = eval64(ID, None, &params(json!({"temperature": 1.0})), &x);
        assert!((ev.loss.floats[0] - (1.0 + (-1f64).exp()).ln()).abs() < 1e-14);
        // Paired negatives: query e1, positive e1, negatives {-e1, e2}: logits {1, -1, 0}, tau = 0.5.
        let x = inputs(vec![
            ("query", f(&[1, 2], &[1.0, 0.0])),
            ("positive_key", f(&[1, 2], &[2.0, 0.0])),
            ("negative_keys", f(&[1, 2, 2], &[-1.0, 0.0, 0.0, 5.0])),
        ]);
        let ev = eval64(ID, None, &params(json!({"temperature": 0.5, "negative_mode": "paired", "reduction": "none"})), &x);
        let want = -(2f64.exp() / (2f64.exp() + (-2f64).exp() + 1.0)).ln();
        assert!((ev.loss.floats[0] - want).abs() < 1e-14);
        assert_eq!(ev.loss.shape, vec![1]);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({"temperature": 0.3})), &batch(1, None));
        assert_gradcheck(ID, None, &params(json!({"temperature": 0.3, "reduction": "sum"})), &batch(2, Some(&[5, 3])));
        assert_gradcheck(ID, None, &params(json!({"negative_mode": "paired", "reduction": "none"})), &batch(3, Some(&[4, 2, 3])));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-8, 1e4] {
            let x = inputs(vec![("query", randn(&[4, 3], 1, scale)), ("positive_key", randn(&[4, 3], 2, scale)), ("negative_keys", randn(&[3, 3], 3, scale))]);
            assert_finite(ID, None, &params(json!({"temperature": 1e-3})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(1, None);
        x.insert("positive_key".into(), randn(&[3, 3], 9, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        assert_error(ID, None, &p, &batch(1, Some(&[4, 2])), ErrorKind::Shape);
        assert_error(ID, None, &p, &batch(1, Some(&[4, 2, 3])), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"negative_mode": "paired"})), &batch(1, Some(&[3, 2, 3])), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"negative_mode": "paired"})), &batch(1, Some(&[5, 3])), ErrorKind::Shape);
        let mut x = batch(1, None);
        x.insert("query".into(), i(&[4, 3], &[0; 12]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"temperature": 0.0})), &batch(1, None), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"negative_mode": "mixed"})), &batch(1, None), ErrorKind::Param);
        let e = inputs(vec![("query", f(&[0, 3], &[])), ("positive_key", f(&[0, 3], &[]))]);
        assert_error(ID, None, &p, &e, ErrorKind::Empty);
    }
}
