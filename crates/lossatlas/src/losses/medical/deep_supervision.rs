//! Deep supervision: the same loss applied to several intermediate outputs (decoder levels) against
//! resized targets, combined with decaying weights.

use burn::tensor::Tensor;
use serde_json::Value as Json;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor, by_rank};
use crate::numerics::monai_overlap::{MonaiDiceConfig, monai_dice};
use crate::numerics::{LossTensor, Reduction};

const ID: &str = "deep-supervision";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Deep Supervision Loss",
    kind: Kind::Composite,
    domains: &["medical", "segmentation"],
    year: 2015,
    paper: Paper {
        title: "Deeply-Supervised Nets",
        authors: "Lee et al.",
        venue: "AISTATS",
        year: 2015,
        url: "https://arxiv.org/abs/1409.5185",
    },
    summary: "Adds auxiliary losses on the outputs of intermediate layers so that gradients reach early layers directly and the multi-scale outputs are all meaningful; in U-Nets each decoder level predicts a segmentation at its own resolution. MONAI's DeepSupervisionLoss resizes the target to each output by nearest interpolation and weights level k by 1, max(0.5^k, 0.0625), (1, 0.5, 0.5, ...) or explicit weights. It wraps any segmentation loss; the reference cases wrap DiceLoss.",
    formula: r"L = \sum_{k=0}^{K-1} w_k\,\ell\big(x_k,\ \operatorname{resize}_{\text{nearest}}(g, \operatorname{size}(x_k))\big),\quad w_k \in \{1,\ \max(0.5^k, 0.0625),\ \dots\}",
    inputs: &[
        Input { name: "logits_0", shape: "[B, C, *]", meaning: "full-resolution output (a single `logits` input is scored without resizing)" },
        Input { name: "logits_1", shape: "[B, C, *]", meaning: "second, coarser output" },
        Input { name: "logits_2", shape: "[B, C, *]", meaning: "third output, and so on (one logits_k per level, k = 0, 1, ...)" },
        Input { name: "targets", shape: "[B, C, *] ([B, 1, *] labels with to_onehot_y)", meaning: "full-resolution targets, resized to each level by nearest-exact interpolation (no gradient)" },
    ],
    params: &[
        Param { name: "loss", symbol: "", default: Value::Str("DiceLoss()"), range: Range::Any, meaning: "the wrapped loss as MONAI constructor text: DiceLoss(include_background, to_onehot_y, sigmoid, softmax, squared_pred, jaccard, smooth_nr, smooth_dr, batch, soft_label, weight, reduction)" },
        Param { name: "weight_mode", symbol: "", default: Value::Str("exp"), range: Range::Choice { values: &["same", "exp", "two"] }, meaning: "weights when `weights` is not given or has fewer entries than levels: same (1), exp (max(0.5^k, 1/16)), two (1, 0.5, 0.5, ...); other values give 1" },
        Param { name: "weights", symbol: "w_k", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "explicit weights per level (the first L are used when at least L are given)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "monai.losses.DeepSupervisionLoss",
    ],
    related: &["dice", "intermediate-supervision"],
    uses: &["dice"],
    forms: &[
        Form { name: "monai-dice", description: "monai.losses.DeepSupervisionLoss(DiceLoss(...), weight_mode, weights)([logits_0, logits_1, ...], targets): targets resized to each level by nearest-exact interpolation, sum of weighted Dice losses. MONAI casts the predictions to float32, so its values are float32-accurate; here everything runs in the evaluation precision." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "foreground logit of a foreground pixel at full resolution (DiceLoss(softmax=True))", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({"loss": "DiceLoss(softmax=True)"}),
        inputs: vec![
            ("logits_0", HostTensor::from_f64(vec![1, 2, 1, 2], vec![0.0, 1.0, x, -1.0])),
            ("logits_1", HostTensor::from_f64(vec![1, 2, 1, 1], vec![0.0, 0.5])),
            ("targets", HostTensor::from_f64(vec![1, 2, 1, 2], vec![0.0, 1.0, 1.0, 0.0])),
        ],
        wrt: "logits_0",
        index: 2,
    }
}

/// MONAI `DeepSupervisionLoss.get_weights(levels)`.
pub fn level_weights(weight_mode: &str, weights: Option<&[f64]>, levels: usize) -> Vec<f64> {
    let levels = levels.max(1);
    match weights {
        Some(w) if w.len() >= levels => w[..levels].to_vec(),
        _ => match weight_mode {
            "exp" => (0..levels).map(|l| 0.5f64.powi(l as i32).max(0.0625)).collect(),
            "two" => (0..levels).map(|l| if l == 0 { 1.0 } else { 0.5 }).collect(),
            // "same" and any other value.
            _ => vec![1.0; levels],
        },
    }
}

/// `F.interpolate(target, size, mode="nearest-exact")` of host values `[B, C, *in]` to the
/// spatial size `out`: source index `min(floor((i + 0.5) * in / out), in - 1)` per axis, in
/// float32 as PyTorch's kernel computes it.
pub fn resize_nearest_exact(values: &[f64], shape: &[usize], out: &[usize]) -> Vec<f64> {
    let spatial_in = &shape[2..];
    let maps: Vec<Vec<usize>> = spatial_in
        .iter()
        .zip(out)
        .map(|(&n, &m)| {
            let scale = n as f32 / m as f32;
            (0..m).map(|i| (((i as f32 + 0.5) * scale).floor() as usize).min(n - 1)).collect()
        })
        .collect();
    let bc = shape[0] * shape[1];
    let s_in: usize = spatial_in.iter().product();
    let s_out: usize = out.iter().product();
    let mut res = vec![0.0; bc * s_out];
    for q in 0..bc {
        for j in 0..s_out {
            // Decompose j over `out`, map each coordinate, recompose over `spatial_in`.
            let (mut rem, mut src) = (j, 0usize);
            let mut stride_in = s_in;
            let mut stride_out = s_out;
            for (a, &m) in out.iter().enumerate() {
                stride_out /= m;
                stride_in /= spatial_in[a];
                let coord = rem / stride_out;
                rem %= stride_out;
                src += maps[a][coord] * stride_in;
            }
            res[q * s_out + j] = values[q * s_in + src];
        }
    }
    res
}

/// Parses the wrapped loss, MONAI constructor text such as `DiceLoss(softmax=True)` (an optional
/// `monai.losses.` prefix; keyword arguments only), into a DiceLoss configuration.
pub fn parse_dice(text: &str) -> Result<MonaiDiceConfig, LossError> {
    let bad = |why: &str| LossError::param(ID, "loss", format!("DiceLoss(keyword=value, ...) ({why})"), format!("{text:?}"));
    let t = text.trim();
    let t = t.strip_prefix("monai.losses.").unwrap_or(t);
    let inner = t.strip_prefix("DiceLoss(").and_then(|r| r.strip_suffix(')')).ok_or_else(|| bad("only MONAI's DiceLoss is supported"))?;
    let mut cfg = MonaiDiceConfig::default();
    // Split on commas outside brackets.
    let mut parts = vec![];
    let (mut depth, mut cur) = (0i32, String::new());
    for ch in inner.chars() {
        match ch {
            '[' | '(' => depth += 1,
            ']' | ')' => depth -= 1,
            _ => {}
        }
        if ch == ',' && depth == 0 {
            parts.push(std::mem::take(&mut cur));
        } else {
            cur.push(ch);
        }
    }
    parts.push(cur);
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').ok_or_else(|| bad("keyword arguments only"))?;
        let (k, v) = (k.trim(), v.trim());
        let boolean = || match v {
            "True" | "true" => Ok(true),
            "False" | "false" => Ok(false),
            _ => Err(bad(&format!("{k} must be True or False"))),
        };
        let number = || v.parse::<f64>().map_err(|_| bad(&format!("{k} must be a number")));
        match k {
            "include_background" => cfg.include_background = boolean()?,
            "to_onehot_y" => cfg.to_onehot_y = boolean()?,
            "sigmoid" => cfg.sigmoid = boolean()?,
            "softmax" => cfg.softmax = boolean()?,
            "squared_pred" => cfg.squared_pred = boolean()?,
            "jaccard" => cfg.jaccard = boolean()?,
            "batch" => cfg.batch = boolean()?,
            "soft_label" => cfg.soft_label = boolean()?,
            "smooth_nr" => cfg.smooth_nr = number()?,
            "smooth_dr" => cfg.smooth_dr = number()?,
            "reduction" => {
                let r = v.trim_matches(|c| c == '\'' || c == '"');
                cfg.reduction = match r {
                    "mean" => Reduction::Mean,
                    "sum" => Reduction::Sum,
                    _ => return Err(bad("reduction must be 'mean' or 'sum' (deep supervision adds scalar losses)")),
                };
            }
            "weight" => {
                let list = v.strip_prefix('[').and_then(|r| r.strip_suffix(']'));
                let vals: Result<Vec<f64>, _> = match list {
                    Some(l) => l.split(',').map(|x| x.trim()).filter(|x| !x.is_empty()).map(|x| x.parse::<f64>()).collect(),
                    None => v.parse::<f64>().map(|x| vec![x]),
                };
                cfg.weight = Some(vals.map_err(|_| bad("weight must be a number or a list of numbers"))?);
            }
            other => return Err(bad(&format!("unsupported argument {other}"))),
        }
    }
    Ok(cfg)
}

/// MONAI `DeepSupervisionLoss(DiceLoss(...), weight_mode, weights)(levels, targets)`: the sum
/// over levels `k` of `w_k * DiceLoss(levels[k], resize(targets))`, each target resized by
/// nearest-exact interpolation to the spatial size of its level when it differs. `resize`
/// false scores a single prediction as MONAI does for a tensor input (no resizing).
pub fn deep_supervision<const D: usize>(levels: Vec<Tensor<D>>, targets: &[f64], tshape: &[usize], dice: &MonaiDiceConfig, weight_mode: &str, weights: Option<&[f64]>, resize: bool) -> Result<LossTensor, LossError> {
    if levels.is_empty() {
        return Err(LossError::missing(ID, "logits_0", "at least one prediction level"));
    }
    if tshape.len() != D {
        return Err(LossError::shape(ID, "targets", format!("rank {D} [B, C, *] (the rank of the predictions)"), fmt_shape(tshape)));
    }
    if let Some(w) = weights {
        crate::numerics::finite_values(ID, "weights", w)?;
    }
    let w = level_weights(weight_mode, weights, levels.len());
    let mut total: Option<Tensor<1>> = None;
    for (k, x) in levels.into_iter().enumerate() {
        let dims = x.dims();
        let (t, ts) = if resize && dims[2..] != tshape[2..] {
            let mut ts = tshape.to_vec();
            ts[2..].copy_from_slice(&dims[2..]);
            if dims[2..].contains(&0) {
                return Err(LossError::empty(ID, &format!("logits_{k}"), "a non-empty spatial size"));
            }
            (resize_nearest_exact(targets, tshape, &dims[2..]), ts)
        } else {
            (targets.to_vec(), tshape.to_vec())
        };
        let l = monai_dice(ID, x, &t, &ts, dice)?.value.mul_scalar(w[k]);
        total = Some(match total {
            None => l,
            Some(acc) => acc + l,
        });
    }
    Ok(LossTensor::scalar(total.expect("at least one level")))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "monai-dice") {
        return Err(c.unknown_form(&["monai-dice"]));
    }
    let dice = parse_dice(c.str("loss", "DiceLoss()")?)?;
    let weight_mode = c.str("weight_mode", "exp")?.to_string();
    let weights = match c.json("weights") {
        None => None,
        Some(Json::Number(n)) => Some(vec![n.as_f64().unwrap_or(f64::NAN)]),
        Some(_) => c.f64_list_opt("weights")?,
    };
    let mut names = vec![];
    while c.has(&format!("logits_{}", names.len())) {
        names.push(format!("logits_{}", names.len()));
    }
    let resize = !names.is_empty();
    if names.is_empty() {
        names.push("logits".to_string());
    }
    let shape = c.shape(&names[0])?.to_vec();
    if shape.len() < 3 {
        return Err(LossError::shape(ID, &names[0], "[B, C, *spatial]", fmt_shape(&shape)));
    }
    for n in &names {
        crate::numerics::inputs::check_float(c, n)?;
        if c.shape(n)?.len() != shape.len() {
            return Err(LossError::shape(ID, n, format!("rank {} (the rank of {})", shape.len(), names[0]), fmt_shape(c.shape(n)?)));
        }
    }
    let t = c.host("targets")?;
    let (tvals, tshape) = (t.as_f64(), t.shape.clone());
    by_rank!(c, &names[0], shape.len(), |D| {
        let levels = names.iter().map(|n| c.float::<D>(n)).collect::<Result<Vec<_>, _>>()?;
        deep_supervision(levels, &tvals, &tshape, &dice, &weight_mode, weights.as_deref(), resize)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn seg(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let labels: Vec<usize> = (0..2 * 16).map(|k| ((k * 7 + seed as usize) / 3) % 3).collect();
        let mut t = vec![0.0; 2 * 3 * 16];
        for (k, l) in labels.iter().enumerate() {
            t[((k / 16) * 3 + l) * 16 + k % 16] = 1.0;
        }
        inputs(vec![("logits_0", randn(&[2, 3, 4, 4], seed, 1.5)), ("logits_1", randn(&[2, 3, 2, 2], seed + 1, 1.5)), ("logits_2", randn(&[2, 3, 1, 1], seed + 2, 1.5)), ("targets", f(&[2, 3, 4, 4], &t))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn weights_and_resizing_follow_monai() {
        assert_eq!(super::level_weights("exp", None, 6), vec![1.0, 0.5, 0.25, 0.125, 0.0625, 0.0625]);
        assert_eq!(super::level_weights("two", None, 3), vec![1.0, 0.5, 0.5]);
        assert_eq!(super::level_weights("same", Some(&[1.0, 2.0]), 3), vec![1.0; 3]);
        assert_eq!(super::level_weights("exp", Some(&[1.0, 0.3, 0.1, 0.7]), 3), vec![1.0, 0.3, 0.1]);
        // nearest-exact 4 -> 2 picks sources 0.5 * 2 = 1 and 1.5 * 2 = 3; 3 -> 2 picks 0 and 2.
        let v: Vec<f64> = (0..4).map(|x| x as f64).collect();
        assert_eq!(super::resize_nearest_exact(&v, &[1, 1, 4], &[2]), vec![1.0, 3.0]);
        assert_eq!(super::resize_nearest_exact(&v[..3], &[1, 1, 3], &[2]), vec![0.0, 2.0]);
    }

    #[test]
    fn value_is_the_formula() {
        // Two levels without activation: level 0 is [1, 1, 1, 2] probabilities (0.8, 0.4)
        // against targets (1, 0); level 1 is [1, 1, 1, 1] probability 0.6 against the resized
        // target (source index floor(0.5 * 2) = 1, value 0).
        // Dice_0 = 1 - (2 * 0.8 + 1e-5) / (1.2 + 1 + 1e-5); Dice_1 = 1 - 1e-5 / (0.6 + 1e-5).
        // Weights (exp) 1 and 0.5.
        let x = inputs(vec![("logits_0", f(&[1, 1, 1, 2], &[0.8, 0.4])), ("logits_1", f(&[1, 1, 1, 1], &[0.6])), ("targets", f(&[1, 1, 1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"loss": "DiceLoss()"})), &x);
        let want = (1.0 - (1.6 + 1e-5) / (2.2 + 1e-5)) + 0.5 * (1.0 - 1e-5 / (0.6 + 1e-5));
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({"loss": "DiceLoss(softmax=True)"})), &seg(3));
        assert_gradcheck(ID, None, &params(json!({"loss": "DiceLoss(sigmoid=True, include_background=False, batch=True, squared_pred=True)", "weight_mode": "two"})), &seg(4));
        assert_gradcheck(ID, None, &params(json!({"loss": "DiceLoss(softmax=True, jaccard=True, reduction='sum', weight=[1.0, 2.0, 0.5])", "weights": [1.0, 0.3, 0.1]})), &seg(5));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let mut x = seg(6);
            x.insert("logits_0".into(), randn(&[2, 3, 4, 4], 7, scale));
            assert_finite(ID, None, &params(json!({"loss": "DiceLoss(softmax=True)"})), &x);
            assert_finite(ID, None, &params(json!({"loss": "DiceLoss(sigmoid=True)"})), &x);
        }
    }

    #[test]
    fn onehot_labels_match_onehot_targets() {
        let x = seg(2);
        let oh = x["targets"].floats.clone();
        let labels: Vec<f64> = (0..32).map(|k| (0..3).find(|&c| oh[((k / 16) * 3 + c) * 16 + k % 16] == 1.0).unwrap() as f64).collect();
        let a = eval64(ID, None, &params(json!({"loss": "DiceLoss(softmax=True)"})), &x);
        let mut y = x.clone();
        y.insert("targets".into(), f(&[2, 1, 4, 4], &labels));
        let b = eval64(ID, None, &params(json!({"loss": "DiceLoss(softmax=True, to_onehot_y=True)"})), &y);
        assert!((a.loss.floats[0] - b.loss.floats[0]).abs() < 1e-12);
    }

    #[test]
    fn rejects_bad_inputs() {
        let x = seg(1);
        assert_error(ID, None, &params(json!({"loss": "FocalLoss()"})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"loss": "DiceLoss(reduction='none')"})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"loss": "DiceLoss(sigmoid=True, softmax=True)"})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"loss": "DiceLoss(gamma=2)"})), &x, ErrorKind::Param);
        let mut y = x.clone();
        y.insert("targets".into(), f(&[2, 2, 4, 4], &[0.0; 64]));
        assert_error(ID, None, &params(json!({})), &y, ErrorKind::Shape);
        let mut y = x.clone();
        y.insert("logits_1".into(), randn(&[2, 3, 2], 1, 1.0));
        assert_error(ID, None, &params(json!({})), &y, ErrorKind::Shape);
        let empty = inputs(vec![("logits_0", f(&[0, 3, 2, 2], &[])), ("targets", f(&[0, 3, 2, 2], &[]))]);
        assert_error(ID, None, &params(json!({})), &empty, ErrorKind::Empty);
    }
}
