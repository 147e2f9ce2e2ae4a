//! AdaIN style loss: match the channel-wise means and standard deviations of feature maps of the
//! stylized output to those of the style image, over several VGG layers.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "adain-style",
    name: "AdaIN Style Loss",
    aliases: &["AdaIN Loss", "Mean-Std Style Loss"],
    kind: Kind::Loss,
    domains: &["image-translation", "perceptual"],
    year: 2017,
    paper: Paper {
        title: "Arbitrary Style Transfer in Real-time with Adaptive Instance Normalization",
        authors: "Xun Huang, Serge Belongie",
        venue: "ICCV 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1703.06868",
    },
    summary: "AdaIN style transfer aligns the channel means and standard deviations of content features to those of style features in one step and trains only a decoder. Its style loss compares the same statistics, mu and sigma per channel, of VGG-19 features of the decoded image and of the style image at relu1_1, relu2_1, relu3_1 and relu4_1, with Euclidean distances; its content loss compares the decoded image's relu4_1 features with the AdaIN output t (not with the content image). Matching first and second moments per channel is cheaper than Gram matrices and gave similar results in the paper; the total is L_c + lambda L_s, with lambda trading content for style.",
    formula: r"\mathcal{L}_s = \sum_{i=1}^{L} \big\lVert \mu(\phi_i(g(t))) - \mu(\phi_i(s)) \big\rVert_2 + \big\lVert \sigma(\phi_i(g(t))) - \sigma(\phi_i(s)) \big\rVert_2,\qquad \mathcal{L} = \lVert f(g(t)) - t\rVert_2 + \lambda \mathcal{L}_s",
    inputs: &[
        Input { name: "features", shape: "[N, C, H, W] per layer", meaning: "VGG features of the decoded image at each style layer" },
        Input { name: "target_features", shape: "[N, C, H', W'] per layer", meaning: "VGG features of the style image at the same layers (no gradient)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["gram-style", "content", "perceptual", "munit"],
    status: Status::Planned("executable on given feature maps; the atlas ships no VGG weights and there are no reference cases"),
    eval: None,
    ..Entry::BLANK
};
