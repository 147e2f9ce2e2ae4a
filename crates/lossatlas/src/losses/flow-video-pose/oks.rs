//! Object Keypoint Similarity: COCO's keypoint analogue of IoU, a per-keypoint Gaussian of the
//! distance normalized by object scale and keypoint-specific falloff; 1 - OKS is used as a loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "oks",
    name: "OKS-based Loss (Object Keypoint Similarity)",
    aliases: &["OKS", "Object Keypoint Similarity", "OKS Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "detection"],
    year: 2014,
    paper: Paper {
        title: "Microsoft COCO: Common Objects in Context",
        authors: "Tsung-Yi Lin, Michael Maire, Serge Belongie, James Hays, Pietro Perona, Deva Ramanan, Piotr Dollár, C. Lawrence Zitnick",
        venue: "ECCV 2014",
        year: 2014,
        url: "https://arxiv.org/abs/1405.0312",
    },
    summary: "OKS is the metric behind COCO keypoint AP: for each labelled keypoint, exp(-d^2 / (2 s^2 k_i^2)) with d the distance to the prediction, s^2 the object's segment area and k_i = 2 sigma_i a per-keypoint constant measured from annotator variance, averaged over labelled keypoints. Bottom-up and one-stage pose models (YOLO-Pose, ED-Pose) train on 1 - OKS, which is bounded, scale invariant and matches the evaluation metric, unlike an L1 loss on coordinates. The loss flattens out for large errors (vanishing gradient far from the target), so it is usually combined with an L1 term.",
    formula: r"\text{OKS} = \frac{\sum_i \exp\big(-d_i^2 / (2 s^2 k_i^2)\big)\, \delta(v_i > 0)}{\sum_i \delta(v_i > 0)},\qquad \mathcal{L} = 1 - \text{OKS}",
    inputs: &[
        Input { name: "points", shape: "[N, K, 2]", meaning: "predicted keypoints" },
        Input { name: "target_points", shape: "[N, K, 2]", meaning: "ground-truth keypoints" },
        Input { name: "visibility", shape: "[N, K]", meaning: "COCO visibility flags v_i (labelled when > 0)" },
        Input { name: "area", shape: "[N]", meaning: "object segment area s^2" },
    ],
    params: &[
        Param { name: "sigmas", symbol: r"\sigma_i", default: Value::Floats(&[0.026, 0.025, 0.025, 0.035, 0.035, 0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087, 0.087, 0.089, 0.089]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "per-keypoint falloff constants (COCO's 17 body keypoints); k_i = 2 sigma_i" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Geometry,
    },
    related: &["mpjpe", "iou", "heatmap-mse", "simcc"],
    status: Status::Planned("no reference cases; formula transcription pending (pycocotools divides by area + eps)"),
    eval: None,
    ..Entry::BLANK
};
