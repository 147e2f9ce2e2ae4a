//! PODNet: class-incremental learning with a multi-proxy cosine classifier trained by an NCA-style
//! loss and a spatial distillation that matches width- and height-pooled intermediate feature maps
//! of the old and new model.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "podnet",
    name: "PODNet Loss",
    aliases: &["Pooled Outputs Distillation"],
    kind: Kind::Method,
    domains: &["continual", "distillation"],
    year: 2020,
    paper: Paper {
        title: "PODNet: Pooled Outputs Distillation for Small-Tasks Incremental Learning",
        authors: "Arthur Douillard, Matthieu Cord, Charles Ollion, Thomas Robert, Eduardo Valle",
        venue: "ECCV",
        year: 2020,
        url: "https://arxiv.org/abs/2004.13513",
    },
    summary: "Constrains the new model to the old one through pooled outputs distillation: at every stage, feature maps are summed along width and along height, concatenated, normalized and compared between the old and the new model (POD-spatial), and the final embeddings are compared too (POD-flat). Pooling keeps enough freedom for plasticity across many small tasks. Classification uses a local similarity classifier with several proxies per class trained by an NCA loss with margin. The distillation weights grow with the ratio of seen to new classes.",
    formula: r"\mathcal{L} = \mathcal{L}_{LSC} + \lambda_c\,\mathcal{L}_{pod\text{-}spatial} + \lambda_f\,\mathcal{L}_{pod\text{-}flat},\quad \mathcal{L}_{pod\text{-}spatial} = \sum_{l}\bigl\lVert \Phi(h_l^{old}) - \Phi(h_l^{new}) \bigr\rVert_2,\quad \Phi(h) = \Bigl[\sum_{w} h_{:, :, w} \,\Big\Vert\, \sum_{h'} h_{:, h', :}\Bigr]",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["lwf", "bias-correction", "foster", "attention-transfer"],
    uses: &["nca", "knowledge-distillation"],
    status: Status::NotExecutable("needs the old and the new model's intermediate features, exemplar memory and staged training"),
    eval: None,
    ..Entry::BLANK
};
