//! Intermediate supervision (Stacked Hourglass): apply the heatmap loss to the prediction of every
//! stacked hourglass module, not only the last one.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "intermediate-supervision",
    name: "Intermediate Supervision / Stacked Hourglass Loss",
    aliases: &["Stacked Hourglass Loss", "Hourglass Intermediate Supervision"],
    kind: Kind::Loss,
    domains: &["flow-video-pose"],
    year: 2016,
    paper: Paper {
        title: "Stacked Hourglass Networks for Human Pose Estimation",
        authors: "Alejandro Newell, Kaiyu Yang, Jia Deng",
        venue: "ECCV 2016",
        year: 2016,
        url: "https://arxiv.org/abs/1603.06937",
    },
    summary: "A stacked hourglass network repeats bottom-up, top-down processing several times (8 stacks in the paper); after each hourglass a 1x1 head predicts joint heatmaps, the same ground-truth heatmaps supervise every one of these predictions with the mean squared error, and the predictions are remapped and added back into the feature stream. The losses of all stacks are summed with equal weight. This gives early stacks a direct signal and lets later stacks re-evaluate earlier estimates in context.",
    formula: r"\mathcal{L} = \sum_{s=1}^{S} \operatorname{MSE}\big(\hat H^{(s)},\ H\big)",
    inputs: &[
        Input { name: "preds", shape: "[S, N, K, H, W]", meaning: "heatmaps predicted after each of the S hourglasses" },
        Input { name: "target", shape: "[N, K, H, W]", meaning: "target heatmaps" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["heatmap-mse", "deep-supervision", "associative-embedding"],
    uses: &["heatmap-mse"],
    status: Status::Planned("a sum of heatmap MSEs; evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
