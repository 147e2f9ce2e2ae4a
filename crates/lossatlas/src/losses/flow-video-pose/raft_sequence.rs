//! RAFT's sequence loss: L1 error of every intermediate flow estimate of the recurrent refinement,
//! weighted exponentially towards the later iterations.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "raft-sequence",
    name: "Sequence Loss / RAFT",
    aliases: &["RAFT Loss", "RAFT Sequence Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose"],
    year: 2020,
    paper: Paper {
        title: "RAFT: Recurrent All-Pairs Field Transforms for Optical Flow",
        authors: "Zachary Teed, Jia Deng",
        venue: "ECCV 2020",
        year: 2020,
        url: "https://arxiv.org/abs/2003.12039",
    },
    summary: "RAFT refines one flow field over N recurrent iterations and supervises all of them: iteration i contributes gamma^(N-i) times the L1 distance to the ground truth, with gamma = 0.8, so late estimates dominate but early ones still receive gradient. The reference implementation masks invalid pixels and those with ground-truth magnitude above 400, and averages the masked L1 over all pixels and both channels. The reference training scripts raise gamma for later fine-tuning stages, and later RAFT variants keep the loss while changing the number of iterations.",
    formula: r"\mathcal{L} = \sum_{i=1}^{N} \gamma^{N-i}\, \big\lVert f_{\text{gt}} - f_i \big\rVert_1",
    inputs: &[
        Input { name: "preds", shape: "[N_iter, B, 2, H, W]", meaning: "flow estimates of every refinement iteration" },
        Input { name: "target", shape: "[B, 2, H, W]", meaning: "ground-truth flow" },
        Input { name: "mask", shape: "[B, H, W]", meaning: "validity mask of the ground truth" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.8), range: Range::Real { min: 0.0, max: 1.0, open_min: true, open_max: false }, meaning: "exponential weight decay towards early iterations" },
        Param { name: "max_flow", symbol: "", default: Value::Float(400.0), range: Range::POSITIVE, meaning: "pixels whose ground-truth magnitude exceeds this are excluded (reference code)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["endpoint-error", "sea-raft-mol", "pwc-net", "l1", "deep-supervision"],
    status: Status::Planned("no reference cases; formula transcription pending"),
    eval: None,
    ..Entry::BLANK
};
