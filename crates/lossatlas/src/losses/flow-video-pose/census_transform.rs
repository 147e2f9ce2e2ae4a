//! Census loss (UnFlow): compare local ternary census signatures of the first frame and of the
//! warped second frame, a photometric term robust to illumination changes.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "census-transform",
    name: "Census Transform Loss",
    aliases: &["Census Loss", "Ternary Census Loss", "UnFlow Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "self-supervised"],
    year: 2018,
    paper: Paper {
        title: "UnFlow: Unsupervised Learning of Optical Flow with a Bidirectional Census Loss",
        authors: "Simon Meister, Junhwa Hur, Stefan Roth",
        venue: "AAAI 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1711.07837",
    },
    summary: "Each pixel is described by a soft ternary census transform of its neighbourhood (differences to the centre intensity, squashed as d / sqrt(0.81 + d^2)); the data term is a generalized Charbonnier penalty of the soft Hamming distance between the signatures of frame 1 and of frame 2 warped by the flow, counted only at pixels estimated as non-occluded. Because it compares relative intensities, it tolerates additive and multiplicative lighting changes that break plain brightness constancy. UnFlow applies it in both flow directions, with forward-backward consistency to detect occlusions and a second-order smoothness term.",
    formula: r"t_x(y) = \frac{I(y) - I(x)}{\sqrt{0.81 + (I(y) - I(x))^2}},\quad \mathcal{L} = \sum_{x} m(x)\, \rho\Big(\sum_{y \in \mathcal{P}(x)} \frac{\big(t^{1}_x(y) - \tilde t^{2}_x(y)\big)^2}{0.1 + \big(t^{1}_x(y) - \tilde t^{2}_x(y)\big)^2}\Big),\quad \rho(z) = (z^2 + \epsilon^2)^{\gamma}",
    inputs: &[
        Input { name: "image1", shape: "[N, C, H, W]", meaning: "first frame" },
        Input { name: "warped", shape: "[N, C, H, W]", meaning: "second frame warped to the first with the predicted flow" },
        Input { name: "mask", shape: "[N, 1, H, W]", meaning: "non-occlusion mask m" },
    ],
    params: &[
        Param { name: "max_distance", symbol: "", default: Value::Int(3), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "census patch radius (7x7 patches for 3)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["photometric-warp", "occlusion-aware-flow", "brightness-constancy", "charbonnier"],
    status: Status::Planned("no reference cases; formula transcription pending"),
    eval: None,
    ..Entry::BLANK
};
