//! Connectionist temporal classification (CTC): the negative log-probability of a label
//! sequence summed over every frame-level alignment that collapses to it (merge repeats, drop
//! blanks). It trains sequence models whose output is longer than, and not aligned with, the
//! target: speech and handwriting recognition, OCR. Computed here by the forward (alpha)
//! recursion in log space with tensor operations, vectorized over the batch and the
//! blank-extended label sequence and looping over time, so autodiff gives the gradients.

use burn::tensor::{Bool, Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "ctc";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "CTC Loss",
    aliases: &["Connectionist Temporal Classification", "CTCLoss"],
    kind: Kind::Loss,
    domains: &["sequence", "audio"],
    year: 2006,
    paper: Paper {
        title: "Connectionist Temporal Classification",
        authors: "Graves et al.",
        venue: "ICML",
        year: 2006,
        url: "https://www.cs.toronto.edu/~graves/icml_2006.pdf",
    },
    summary: "Maximizes the total probability of the target label sequence over all alignments of the per-frame predictions that reduce to it once repeats are merged and blanks removed, so unsegmented sequences (speech, handwriting, text images) can be trained without frame labels. It assumes frames are conditionally independent given the input and needs at least as many frames as labels plus repeated neighbours; otherwise no alignment exists and the loss is infinite (zero_infinity replaces it by 0). Feed log-probabilities from log_softmax; with PyTorch's mean reduction each sequence's loss is first divided by its target length.",
    formula: r"\ell = -\log \sum_{\pi \in \mathcal{B}^{-1}(y)} \prod_{t=1}^{T} p_t(\pi_t),\quad \alpha_t(s) = \Big(\alpha_{t-1}(s) + \alpha_{t-1}(s-1) + [y'_s \ne y'_{s-2}]\,\alpha_{t-1}(s-2)\Big)\,p_t(y'_s),\quad \ell = -\log\big(\alpha_T(2L) + \alpha_T(2L-1)\big)",
    inputs: &[
        Input { name: "log_probs", shape: "[T, N, C] (or [T, C])", meaning: "form log-probs: per-frame log-probabilities (log_softmax output), class axis last" },
        Input { name: "logits", shape: "[T, N, C] or [N, T, C] (optax)", meaning: "forms logits (torch layout) and optax (batch first): unnormalized scores; log_softmax is taken inside" },
        Input { name: "targets", shape: "[N, S] (i64) or concatenated [sum(target_lengths)]", meaning: "label sequences (not containing the blank), padded per row or concatenated; optax: [N, S] right-padded" },
        Input { name: "input_lengths", shape: "[N]", meaning: "torch forms: number of valid frames of each sequence (<= T)" },
        Input { name: "target_lengths", shape: "[N]", meaning: "torch forms: number of labels of each sequence" },
        Input { name: "logit_paddings", shape: "[N, T]", meaning: "form optax: 1.0 marks a padded frame" },
        Input { name: "label_paddings", shape: "[N, S]", meaning: "form optax: 1.0 marks a padded label (right padding)" },
    ],
    params: &[
        Param { name: "blank", symbol: "", default: Value::Int(0), range: Range::Integer { min: 0, max: i64::MAX }, meaning: "torch forms: index of the blank class" },
        Param::REDUCTION_MEAN,
        Param { name: "zero_infinity", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "torch forms: replace infinite losses (no valid alignment) and their gradients by 0" },
        Param { name: "blank_id", symbol: "", default: Value::Int(0), range: Range::Integer { min: 0, max: i64::MAX }, meaning: "form optax: index of the blank class" },
        Param { name: "log_epsilon", symbol: "", default: Value::Float(-1e5), range: Range::Real { min: f64::NEG_INFINITY, max: 0.0, open_min: true, open_max: true }, meaning: "form optax: finite stand-in for log(0); impossible alignments give a loss of order -log_epsilon instead of infinity" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["torch.nn.CTCLoss", "torch.nn.functional.ctc_loss", "optax.losses.ctc_loss", "tf.nn.ctc_loss", "burn::nn::loss::CTCLoss"],
    related: &["rnn-t", "cross-entropy", "nll"],
    forms: &[
        Form { name: "log-probs", description: "PyTorch ctc_loss on log_probs [T, N, C] (or unbatched [T, C]): blank, zero_infinity, reduction mean (each loss divided by max(target length, 1), then averaged over the batch), sum or none; targets [N, S] or concatenated 1-D. The gradient is PyTorch's: its backward assumes log_probs came from log_softmax and returns exp(log_probs) - posterior, which differs from the derivative of the loss with respect to a leaf log_probs by exp(log_probs) on the valid frames; this form reproduces PyTorch's number (finite differences do not apply). Without zero_infinity, an impossible alignment gives an infinite loss and NaN gradients on its frames, as PyTorch." },
        Form { name: "logits", description: "As log-probs, on logits [T, N, C] with log_softmax taken inside; the gradient with respect to the logits is exact and equals PyTorch's (softmax minus the alignment posterior)." },
        Form { name: "optax", description: "optax ctc_loss(logits [N, T, C], logit_paddings [N, T], labels [N, S], label_paddings [N, S], blank_id, log_epsilon): optax's own recursion over blank and label states in log space with log_epsilon for log(0); padded frames keep the previous state; per-sequence negative log-likelihood without length normalization (reduction none)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the label at the middle frame (3 frames, label 1)", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("logits"),
        params: serde_json::json!({}),
        inputs: vec![
            ("logits", HostTensor::from_f64(vec![3, 1, 3], vec![0.0, 0.0, 0.0, 0.0, x, 0.0, 0.0, 0.0, 0.0])),
            ("targets", HostTensor::from_i64(vec![1, 1], vec![1])),
            ("input_lengths", HostTensor::from_i64(vec![1], vec![3])),
            ("target_lengths", HostTensor::from_i64(vec![1], vec![1])),
        ],
        wrt: "logits",
        index: 4,
    }
}

/// Options of PyTorch's `ctc_loss`; `Default` equals PyTorch's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct CtcConfig {
    pub blank: usize,
    pub reduction: Reduction,
    pub zero_infinity: bool,
}

impl Default for CtcConfig {
    fn default() -> Self {
        CtcConfig { blank: 0, reduction: Reduction::Mean, zero_infinity: false }
    }
}

/// Label sequences of a batch: padded `[N, S]` rows or PyTorch's concatenated 1-D layout.
#[derive(Debug, Clone)]
pub enum CtcTargets {
    Padded(Tensor<2, Int>),
    Concatenated(Tensor<1, Int>),
}

/// `log(sum(exp(x_i)))` elementwise over same-shaped tensors, with the (detached) maximum
/// shift. Where every term is `-inf` the result is `-inf` and no gradient flows (no 0 * inf).
fn logsumexp_n<const D: usize>(xs: Vec<Tensor<D>>) -> Tensor<D> {
    let m = xs.iter().skip(1).fold(xs[0].clone().detach(), |m, x| m.max_pair(x.clone().detach()));
    let m = m.clone().mask_fill(m.equal_elem(f64::NEG_INFINITY), 0.0);
    let s = xs.into_iter().map(|x| (x - m.clone()).exp()).reduce(|a, b| a + b).expect("at least one term");
    let empty = s.clone().equal_elem(0.0);
    (s.mask_fill(empty.clone(), 1.0).log() + m).mask_fill(empty, f64::NEG_INFINITY)
}

/// Validated per-sequence labels from the targets and target lengths.
fn sequences(targets: &CtcTargets, target_lengths: &[i64], n: usize, classes: usize) -> Result<Vec<Vec<i64>>, LossError> {
    if let Some(&l) = target_lengths.iter().find(|&&l| l < 0) {
        return Err(LossError::value(ID, "target_lengths", "lengths >= 0", format!("{l}")));
    }
    let lens: Vec<usize> = target_lengths.iter().map(|&l| l as usize).collect();
    let seqs: Vec<Vec<i64>> = match targets {
        CtcTargets::Padded(t) => {
            let [rows, width] = t.dims();
            if rows != n {
                return Err(LossError::shape(ID, "targets", format!("{n} rows (the batch)"), fmt_shape(&[rows, width])));
            }
            let max = lens.iter().copied().max().unwrap_or(0);
            if width < max {
                return Err(LossError::shape(ID, "targets", format!("at least {max} columns (the longest target length)"), fmt_shape(&[rows, width])));
            }
            let vals = numerics::host_i64(t);
            (0..n).map(|b| vals[b * width..b * width + lens[b]].to_vec()).collect()
        }
        CtcTargets::Concatenated(t) => {
            let total: usize = lens.iter().sum();
            let len = t.dims()[0];
            if len != total {
                return Err(LossError::shape(ID, "targets", format!("{total} labels (the sum of target_lengths)"), fmt_shape(&[len])));
            }
            let vals = numerics::host_i64(t);
            let mut pos = 0;
            lens.iter()
                .map(|&l| {
                    let s = vals[pos..pos + l].to_vec();
                    pos += l;
                    s
                })
                .collect()
        }
    };
    for s in &seqs {
        numerics::labels_in_range(ID, "targets", s, classes, None)?;
    }
    Ok(seqs)
}

/// PyTorch `ctc_loss` on log-probabilities `[T, N, C]`. With `torch_leaf_gradient`, the
/// gradient with respect to `log_probs` is PyTorch's (it adds `exp(log_probs)` on the valid
/// frames, as if `log_probs` were a log_softmax output); without it, the exact derivative.
pub fn ctc_loss(
    log_probs: Tensor<3>,
    targets: CtcTargets,
    input_lengths: &[i64],
    target_lengths: &[i64],
    cfg: &CtcConfig,
    torch_leaf_gradient: bool,
) -> Result<LossTensor, LossError> {
    let [t_max, n, c] = log_probs.dims();
    numerics::non_empty(ID, "log_probs", &[n, c])?;
    if cfg.blank >= c {
        return Err(LossError::param(ID, "blank", format!("a class index in [0, {c})"), format!("{}", cfg.blank)));
    }
    for (name, v) in [("input_lengths", input_lengths), ("target_lengths", target_lengths)] {
        if v.len() != n {
            return Err(LossError::shape(ID, name, format!("{n} values (one per sequence)"), format!("{} values", v.len())));
        }
    }
    if let Some(&l) = input_lengths.iter().find(|&&l| l < 0 || l as usize > t_max) {
        return Err(LossError::value(ID, "input_lengths", format!("lengths in [0, {t_max}] (T)"), format!("{l}")));
    }
    let seqs = sequences(&targets, target_lengths, n, c)?;
    let in_lens: Vec<usize> = input_lengths.iter().map(|&l| l as usize).collect();
    let l_max = seqs.iter().map(|s| s.len()).max().unwrap_or(0);
    let s_len = 2 * l_max + 1;
    let blank = cfg.blank as i64;

    // Blank-extended labels y' and the skip transitions s-2 -> s (allowed when y'_s != y'_{s-2}).
    let mut ext = vec![blank; n * s_len];
    let mut skip = vec![false; n * s_len];
    for (b, seq) in seqs.iter().enumerate() {
        for (k, &lab) in seq.iter().enumerate() {
            ext[b * s_len + 2 * k + 1] = lab;
        }
        for s in 2..(2 * seq.len() + 1) {
            skip[b * s_len + s] = ext[b * s_len + s] != ext[b * s_len + s - 2];
        }
    }
    let idx = numerics::ints_like(&log_probs, ext, [1, n, s_len]).repeat_dim(0, t_max.max(1));
    let emit = if t_max > 0 { Some(log_probs.clone().gather(2, idx)) } else { None };
    let no_skip = Tensor::<2, Bool>::from_data(burn::tensor::TensorData::new(skip, [n, s_len]), &log_probs.device()).bool_not();
    let neg_inf_col = numerics::full_like(&log_probs, [n, 1], f64::NEG_INFINITY);
    let neg_inf_col2 = numerics::full_like(&log_probs, [n, 2], f64::NEG_INFINITY);
    let mut init = vec![f64::NEG_INFINITY; n * s_len];
    for b in 0..n {
        init[b * s_len] = 0.0;
    }
    // alpha before the first frame: all mass on state 0, so that the first step yields
    // alpha_0(0) = p(blank) and alpha_0(1) = p(y_1) with the same recursion.
    let mut alpha = numerics::tensor_like(&log_probs, init, [n, s_len]);
    let steps = in_lens.iter().copied().max().unwrap_or(0);
    for t in 0..steps {
        let e = emit.as_ref().expect("frames exist").clone().narrow(0, t, 1).reshape([n, s_len]);
        let shift1 = if s_len > 1 {
            Tensor::cat(vec![neg_inf_col.clone(), alpha.clone().narrow(1, 0, s_len - 1)], 1)
        } else {
            neg_inf_col.clone()
        };
        let shift2 = if s_len > 2 {
            Tensor::cat(vec![neg_inf_col2.clone(), alpha.clone().narrow(1, 0, s_len - 2)], 1)
        } else {
            numerics::full_like(&log_probs, [n, s_len], f64::NEG_INFINITY)
        };
        let shift2 = shift2.mask_fill(no_skip.clone(), f64::NEG_INFINITY);
        let next = logsumexp_n(vec![alpha.clone(), shift1, shift2]) + e;
        let active: Vec<bool> = in_lens.iter().flat_map(|&l| std::iter::repeat_n(t < l, s_len)).collect();
        let active = Tensor::<2, Bool>::from_data(burn::tensor::TensorData::new(active, [n, s_len]), &log_probs.device());
        alpha = alpha.mask_where(active, next);
    }
    // Read out alpha(2L) and alpha(2L - 1).
    let last: Vec<i64> = seqs.iter().map(|s| 2 * s.len() as i64).collect();
    let prev: Vec<i64> = seqs.iter().map(|s| (2 * s.len() as i64 - 1).max(0)).collect();
    let empty_target: Vec<bool> = seqs.iter().map(|s| s.is_empty()).collect();
    let a_last = alpha.clone().gather(1, numerics::ints_like(&log_probs, last, [n, 1]));
    let empty_mask = Tensor::<2, Bool>::from_data(burn::tensor::TensorData::new(empty_target, [n, 1]), &log_probs.device());
    let a_prev = alpha.gather(1, numerics::ints_like(&log_probs, prev, [n, 1])).mask_fill(empty_mask, f64::NEG_INFINITY);
    let mut nll = logsumexp_n(vec![a_last, a_prev]).reshape([n]).neg();

    let impossible: Vec<bool> = numerics::host_f64(&nll).iter().map(|v| v.is_infinite()).collect();
    if t_max > 0 {
        let frame_valid: Vec<bool> = (0..t_max).flat_map(|t| in_lens.iter().map(move |&l| t < l)).collect();
        let frame_valid = Tensor::<3, Bool>::from_data(burn::tensor::TensorData::new(frame_valid, [t_max, n, 1]), &log_probs.device()).repeat_dim(2, c);
        // Zero in value (also where log_probs = -inf); gradient exp(log_probs).
        let e = log_probs.clone().exp();
        let u = e.clone() - e.detach();
        if torch_leaf_gradient {
            // PyTorch's backward adds exp(log_probs) on the valid frames.
            let extra = u.clone().mask_fill(frame_valid.clone().bool_not(), 0.0);
            nll = nll + extra.sum_dim(2).sum_dim(0).reshape([n]);
        }
        if !cfg.zero_infinity && impossible.iter().any(|&x| x) {
            // PyTorch's backward gives NaN on the valid frames of a sequence without any
            // alignment (exp(-inf + inf)); 0 * sqrt(0) has value 0 and gradient NaN.
            let imp: Vec<bool> = (0..t_max).flat_map(|_| impossible.iter().copied()).collect();
            let imp = Tensor::<3, Bool>::from_data(burn::tensor::TensorData::new(imp, [t_max, n, 1]), &log_probs.device()).repeat_dim(2, c);
            let sel = frame_valid.bool_and(imp);
            let nan_grad = u.mask_fill(sel.bool_not(), 1.0).sqrt().mul_scalar(0.0);
            nll = nll + nan_grad.sum_dim(2).sum_dim(0).reshape([n]);
        }
    }
    if cfg.zero_infinity {
        let inf = Tensor::<1, Bool>::from_data(burn::tensor::TensorData::new(impossible, [n]), &log_probs.device());
        nll = nll.mask_fill(inf, 0.0);
    }
    Ok(match cfg.reduction {
        Reduction::None => LossTensor::elements(nll),
        Reduction::Sum => LossTensor::scalar(nll.sum()),
        Reduction::Mean => {
            let lens: Vec<f64> = seqs.iter().map(|s| s.len().max(1) as f64).collect();
            let lens = numerics::tensor_like(&nll, lens, [n]);
            LossTensor::scalar((nll / lens).mean())
        }
    })
}

/// `jnp.logaddexp` with a detached maximum shift (its gradient is exact at ties).
fn logaddexp<const D: usize>(a: Tensor<D>, b: Tensor<D>) -> Tensor<D> {
    let m = a.clone().detach().max_pair(b.clone().detach());
    ((a - m.clone()).exp() + (b - m.clone()).exp()).log() + m
}

/// optax `ctc_loss`: logits `[N, T, C]` (batch first), paddings 1.0 for padded frames / labels
/// (labels right-padded). Per-sequence negative log-likelihood `[N]`, no reduction.
pub fn optax_ctc_loss(
    logits: Tensor<3>,
    logit_paddings: Tensor<2>,
    labels: Tensor<2, Int>,
    label_paddings: Tensor<2>,
    blank_id: usize,
    log_epsilon: f64,
) -> Result<LossTensor, LossError> {
    let [b, t_max, k] = logits.dims();
    numerics::same_shape(ID, "logit_paddings", &logit_paddings.dims(), "logits without the class axis", &[b, t_max])?;
    let [lb, n_max] = labels.dims();
    if lb != b {
        return Err(LossError::shape(ID, "targets", format!("{b} rows (the batch of logits)"), fmt_shape(&[lb, n_max])));
    }
    numerics::same_shape(ID, "label_paddings", &label_paddings.dims(), "targets", &[lb, n_max])?;
    numerics::non_empty(ID, "logits", &[b, t_max, k])?;
    if blank_id >= k {
        return Err(LossError::param(ID, "blank_id", format!("a class index in [0, {k})"), format!("{blank_id}")));
    }
    if !log_epsilon.is_finite() || log_epsilon >= 0.0 {
        return Err(LossError::param(ID, "log_epsilon", "a finite negative number", format!("{log_epsilon}")));
    }
    let logp = numerics::log_softmax(logits.clone(), 2);
    let lab = numerics::host_i64(&labels);
    let lpad = numerics::host_f64(&label_paddings);
    // labellens = N - sum(paddings), truncated to an integer as jnp.astype(int32) does.
    let label_lens: Vec<i64> = (0..b).map(|i| n_max as i64 - lpad[i * n_max..(i + 1) * n_max].iter().sum::<f64>() as i64).collect();
    let mut repeat = vec![0.0; b * n_max];
    for i in 0..b {
        for j in 0..n_max.saturating_sub(1) {
            if lab[i * n_max + j] == lab[i * n_max + j + 1] {
                repeat[i * n_max + j] = 1.0;
            }
        }
    }
    let repeat = numerics::tensor_like(&logits, repeat, [b, n_max]);
    // log p of each label per frame; a label outside [0, C) has an all-zero one-hot row in
    // optax, so its emission is log p = 0.
    let out_of_range: Vec<bool> = lab.iter().map(|&l| l < 0 || l >= k as i64).collect();
    let safe: Vec<i64> = lab.iter().map(|&l| if l < 0 || l >= k as i64 { 0 } else { l }).collect();
    let idx = numerics::ints_like(&logits, safe, [b, 1, n_max]).repeat_dim(1, t_max);
    let oor = Tensor::<3, Bool>::from_data(burn::tensor::TensorData::new(out_of_range, [b, 1, n_max]), &logits.device()).repeat_dim(1, t_max);
    let emit = logp.clone().gather(2, idx).mask_fill(oor, 0.0); // [B, T, N]
    let phi_lp = logp.narrow(2, blank_id, 1); // [B, T, 1]
    let pads = logit_paddings;

    let update_phi = |phi: Tensor<2>, added: Tensor<2>| -> Tensor<2> {
        let head = phi.clone().narrow(1, 0, 1);
        let tail = phi.narrow(1, 1, n_max);
        Tensor::cat(vec![head, logaddexp(tail, added)], 1)
    };
    let mut init_phi = vec![log_epsilon; b * (n_max + 1)];
    for i in 0..b {
        init_phi[i * (n_max + 1)] = 0.0;
    }
    let mut phi = numerics::tensor_like(&logits, init_phi, [b, n_max + 1]);
    let mut em = numerics::full_like(&logits, [b, n_max], log_epsilon);
    for t in 0..t_max {
        let e_t = emit.clone().narrow(1, t, 1).reshape([b, n_max]);
        let p_t = phi_lp.clone().narrow(1, t, 1).reshape([b, 1]);
        let pad = pads.clone().narrow(1, t, 1).reshape([b, 1]);
        let phi_orig = phi.clone();
        let prev_phi = update_phi(phi, em.clone() + repeat.clone().mul_scalar(log_epsilon));
        let next_emit = logaddexp(prev_phi.clone().narrow(1, 0, n_max) + e_t.clone(), em.clone() + e_t);
        let next_phi = prev_phi + p_t.clone();
        let next_phi = update_phi(next_phi, em.clone() + p_t + repeat.clone().neg().add_scalar(1.0).mul_scalar(log_epsilon));
        let keep = pad.clone().neg().add_scalar(1.0);
        em = em * pad.clone() + next_emit * keep.clone();
        phi = phi_orig * pad + next_phi * keep;
    }
    let last = update_phi(phi, em);
    // -logalpha_phi_last[labellen] (a one-hot einsum in optax: 0 when out of range).
    let in_range: Vec<bool> = label_lens.iter().map(|&l| l >= 0 && l <= n_max as i64).collect();
    let pick = numerics::ints_like(&logits, label_lens.iter().map(|&l| l.clamp(0, n_max as i64)).collect(), [b, 1]);
    let bad = Tensor::<2, Bool>::from_data(burn::tensor::TensorData::new(in_range, [b, 1]), &logits.device()).bool_not();
    let per = last.gather(1, pick).mask_fill(bad, 0.0).reshape([b]).neg();
    Ok(LossTensor::elements(per))
}

/// Lengths given as `[N]` (or `[]` for an unbatched call).
fn lengths(c: &Call, name: &str, n: usize, unbatched: bool) -> Result<Vec<i64>, LossError> {
    let shape = c.shape(name)?.to_vec();
    let ok = if unbatched { shape.is_empty() || shape == [1] } else { shape == [n] };
    if !ok {
        return Err(LossError::shape(ID, name, if unbatched { "shape [] or [1]".to_string() } else { format!("shape [{n}]") }, fmt_shape(&shape)));
    }
    Ok(c.int_values(name)?.to_vec())
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or(if c.has("logits") { "logits" } else { "log-probs" });
    match form {
        "log-probs" | "logits" => {
            let input = if form == "logits" { "logits" } else { "log_probs" };
            let shape = c.shape(input)?.to_vec();
            let blank = c.i64("blank", 0)?;
            if blank < 0 {
                return Err(LossError::param(ID, "blank", "a class index >= 0", format!("{blank}")));
            }
            let cfg = CtcConfig { blank: blank as usize, reduction: c.reduction(Reduction::Mean)?, zero_infinity: c.bool("zero_infinity", false)? };
            let unbatched = shape.len() == 2;
            numerics::non_empty(ID, input, &shape[1..])?;
            let x: Tensor<3> = match shape.len() {
                3 => c.float::<3>(input)?,
                2 => c.float_reshaped::<3>(input, [shape[0], 1, shape[1]])?,
                _ => return Err(LossError::shape(ID, input, "shape [T, N, C] (or [T, C])", fmt_shape(&shape))),
            };
            let n = x.dims()[1];
            let in_lens = lengths(c, "input_lengths", n, unbatched)?;
            let tg_lens = lengths(c, "target_lengths", n, unbatched)?;
            let tshape = c.shape("targets")?.to_vec();
            let targets = match (tshape.len(), unbatched) {
                (2, false) => CtcTargets::Padded(c.int::<2>("targets")?),
                (1, false) => CtcTargets::Concatenated(c.int::<1>("targets")?),
                (1, true) => CtcTargets::Padded(c.int_reshaped::<2>("targets", [1, tshape[0]])?),
                _ => return Err(LossError::shape(ID, "targets", "shape [N, S] or concatenated [sum(target_lengths)]", fmt_shape(&tshape))),
            };
            let log_probs = if form == "logits" { numerics::log_softmax(x, 2) } else { x };
            let out = ctc_loss(log_probs, targets, &in_lens, &tg_lens, &cfg, form == "log-probs")?;
            Ok(if unbatched && cfg.reduction == Reduction::None { LossTensor::scalar(out.value) } else { out })
        }
        "optax" => {
            if c.reduction(Reduction::None)? != Reduction::None {
                return Err(LossError::param(ID, "reduction", "none (optax returns per-sequence values)", "another reduction"));
            }
            let blank = c.i64("blank_id", 0)?;
            if blank < 0 {
                return Err(LossError::param(ID, "blank_id", "a class index >= 0", format!("{blank}")));
            }
            let log_eps = c.f64("log_epsilon", -1e5)?;
            optax_ctc_loss(c.float::<3>("logits")?, c.float::<2>("logit_paddings")?, c.int::<2>("targets")?, c.float::<2>("label_paddings")?, blank as usize, log_eps)
        }
        _ => Err(c.unknown_form(&ENTRY.forms.iter().map(|f| f.name).collect::<Vec<_>>())),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch() -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        // Sequence 0: labels (1, 1, 2) in 6 frames (needs 4: a blank between the repeats);
        // sequence 1: labels (3) in 4 of the 6 frames.
        inputs(vec![
            ("logits", randn(&[6, 2, 4], 21, 1.5)),
            ("targets", i(&[2, 3], &[1, 1, 2, 3, 0, 0])),
            ("input_lengths", i(&[2], &[6, 4])),
            ("target_lengths", i(&[2], &[3, 1])),
        ])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for red in ["mean", "sum", "none"] {
            assert_gradcheck(ID, Some("logits"), &params(json!({"reduction": red})), &batch());
        }
        assert_gradcheck(ID, Some("logits"), &params(json!({"blank": 3, "reduction": "mean"})), &inputs(vec![
            ("logits", randn(&[5, 2, 4], 22, 2.0)),
            ("targets", i(&[3], &[0, 2, 2])),
            ("input_lengths", i(&[2], &[5, 3])),
            ("target_lengths", i(&[2], &[1, 2])),
        ]));
        let optax = inputs(vec![
            ("logits", randn(&[2, 5, 4], 23, 1.0)),
            ("logit_paddings", f(&[2, 5], &[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0])),
            ("targets", i(&[2, 2], &[1, 1, 3, 0])),
            ("label_paddings", f(&[2, 2], &[0.0, 0.0, 0.0, 1.0])),
        ]);
        assert_gradcheck_only(ID, Some("optax"), &params(json!({})), &optax, Some(&["logits"]));
    }

    #[test]
    fn log_probs_gradient_is_torchs() {
        // PyTorch's gradient for a leaf log_probs is the exact one plus exp(log_probs) on the
        // valid frames; check that against the logits form on the same log-probabilities.
        let x = batch();
        let logits = &x["logits"];
        let mut lp = logits.clone();
        for r in 0..12 {
            let row = &logits.floats[r * 4..r * 4 + 4];
            let m = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let lse = m + row.iter().map(|v| (v - m).exp()).sum::<f64>().ln();
            for (out, v) in lp.floats[r * 4..r * 4 + 4].iter_mut().zip(row) {
                *out = v - lse;
            }
        }
        let mut y = x.clone();
        y.remove("logits");
        y.insert("log_probs".into(), lp.clone());
        let p = params(json!({"reduction": "sum"}));
        let a = eval64(ID, Some("log-probs"), &p, &y);
        let b = eval64(ID, Some("logits"), &p, &x);
        assert!((a.loss.floats[0] - b.loss.floats[0]).abs() < 1e-12);
        // d/dlogits = g - softmax * sum(g) with g torch's gradient, and sum_c g = 0 on valid
        // frames (probabilities minus a posterior), so the two gradients coincide there.
        let (ga, gb) = (&a.grads["log_probs"].floats, &b.grads["logits"].floats);
        for t in 0..6 {
            for n in 0..2 {
                let valid = t < [6, 4][n];
                for k in 0..4 {
                    let j = (t * 2 + n) * 4 + k;
                    if valid {
                        assert!((ga[j] - gb[j]).abs() < 1e-12, "frame {t}, seq {n}, class {k}");
                    } else {
                        assert_eq!(ga[j], 0.0);
                    }
                }
            }
        }
    }

    #[test]
    fn value_is_the_formula() {
        // One frame, one label, two classes with p(blank) = 0.25, p(1) = 0.75: the only
        // alignment is "1", so the loss is -ln 0.75. Two frames: paths 11, b1, 1b -> 0.75^2 +
        // 2 * 0.25 * 0.75.
        let lp = [0.25f64.ln(), 0.75f64.ln()];
        for (t, want) in [(1usize, -(0.75f64).ln()), (2, -(0.75f64 * 0.75 + 2.0 * 0.25 * 0.75).ln())] {
            let data: Vec<f64> = (0..t).flat_map(|_| lp).collect();
            let x = inputs(vec![
                ("log_probs", f(&[t, 1, 2], &data)),
                ("targets", i(&[1, 1], &[1])),
                ("input_lengths", i(&[1], &[t as i64])),
                ("target_lengths", i(&[1], &[1])),
            ]);
            let ev = eval64(ID, None, &params(json!({"reduction": "sum"})), &x);
            assert!((ev.loss.floats[0] - want).abs() < 1e-14, "T = {t}");
        }
    }

    #[test]
    fn impossible_and_empty_alignments() {
        // (1, 1) needs 3 frames; with 2 the loss is infinite, or 0 with zero_infinity.
        let x = inputs(vec![
            ("logits", randn(&[2, 1, 3], 24, 1.0)),
            ("targets", i(&[1, 2], &[1, 1])),
            ("input_lengths", i(&[1], &[2])),
            ("target_lengths", i(&[1], &[2])),
        ]);
        let ev = eval64(ID, Some("logits"), &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.floats[0], f64::INFINITY);
        assert!(ev.grads["logits"].floats.iter().all(|g| g.is_nan()));
        let ev = eval64(ID, Some("logits"), &params(json!({"zero_infinity": true})), &x);
        assert_eq!(ev.loss.floats[0], 0.0);
        assert!(ev.grads["logits"].floats.iter().all(|g| *g == 0.0));
        // Empty target: the loss is -sum_t log p_t(blank); zero frames and no labels: 0.
        let x = inputs(vec![
            ("log_probs", f(&[2, 2, 2], &[0.5f64.ln(), 0.5f64.ln(), 0.2f64.ln(), 0.8f64.ln(), 0.5f64.ln(), 0.5f64.ln(), 0.9f64.ln(), 0.1f64.ln()])),
            ("targets", i(&[2, 1], &[1, 1])),
            ("input_lengths", i(&[2], &[2, 0])),
            ("target_lengths", i(&[2], &[0, 0])),
        ]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert!((ev.loss.floats[0] - 2.0 * 2f64.ln()).abs() < 1e-14);
        assert_eq!(ev.loss.floats[1], 0.0);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let mut x = batch();
            for v in &mut x.get_mut("logits").unwrap().floats {
                *v = if *v > 0.0 { s } else { -s };
            }
            assert_finite(ID, Some("logits"), &params(json!({"zero_infinity": true})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let base = batch();
        let with = |k: &str, v| {
            let mut x = base.clone();
            x.insert(k.to_string(), v);
            x
        };
        let p = params(json!({}));
        assert_error(ID, Some("logits"), &p, &with("input_lengths", i(&[2], &[7, 4])), ErrorKind::Value);
        assert_error(ID, Some("logits"), &p, &with("input_lengths", i(&[2], &[-1, 4])), ErrorKind::Value);
        assert_error(ID, Some("logits"), &p, &with("target_lengths", i(&[2], &[4, 1])), ErrorKind::Shape);
        assert_error(ID, Some("logits"), &p, &with("target_lengths", i(&[2], &[-1, 1])), ErrorKind::Value);
        assert_error(ID, Some("logits"), &p, &with("targets", i(&[2, 3], &[1, 1, 4, 3, 0, 0])), ErrorKind::Value);
        assert_error(ID, Some("logits"), &p, &with("targets", i(&[5], &[1, 1, 2, 3, 0])), ErrorKind::Shape);
        assert_error(ID, Some("logits"), &p, &with("input_lengths", i(&[3], &[6, 4, 4])), ErrorKind::Shape);
        assert_error(ID, Some("logits"), &p, &with("targets", f(&[2, 3], &[1.0; 6])), ErrorKind::DType);
        assert_error(ID, Some("logits"), &params(json!({"blank": 4})), &base, ErrorKind::Param);
        assert_error(ID, Some("logits"), &params(json!({"reduction": "avg"})), &base, ErrorKind::Param);
        assert_error(ID, Some("logits"), &p, &inputs(vec![
            ("logits", f(&[3, 0, 4], &[])),
            ("targets", i(&[0, 1], &[])),
            ("input_lengths", i(&[0], &[])),
            ("target_lengths", i(&[0], &[])),
        ]), ErrorKind::Empty);
    }
}
