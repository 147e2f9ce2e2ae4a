//! Adversarial video prediction: a multi-scale discriminator on predicted frames, combined with
//! an Lp and a gradient-difference loss to avoid blurry predictions.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "video-adversarial",
    name: "Video Adversarial Loss",
    aliases: &["Adversarial Video Prediction Loss", "Beyond MSE Loss"],
    kind: Kind::Composite,
    domains: &["flow-video-pose", "video", "gan"],
    year: 2016,
    paper: Paper {
        title: "Deep Multi-Scale Video Prediction Beyond Mean Square Error",
        authors: "Michaël Mathieu, Camille Couprie, Yann LeCun",
        venue: "ICLR 2016",
        year: 2016,
        url: "https://arxiv.org/abs/1511.05440",
    },
    summary: "A multi-scale generator predicts future frames from past ones, and a multi-scale discriminator classifies (past frames, next frame) sequences as real or generated with binary cross-entropy; the generator minimizes the adversarial term together with an Lp reconstruction and the gradient difference loss. The reference implementation weights the adversarial term by 0.05 and the Lp and GDL terms by 1. The adversarial term alone is unstable and can drift from the true future, which is why it is kept small relative to the reconstruction terms.",
    formula: r"\mathcal{L}(X, Y) = \lambda_{\text{adv}}\,\mathcal{L}^{G}_{\text{adv}}(X, Y) + \lambda_{\ell_p}\,\mathcal{L}_p(X, Y) + \lambda_{\text{gdl}}\,\mathcal{L}_{\text{gdl}}(X, Y),\quad \mathcal{L}^{G}_{\text{adv}} = \sum_{k} L_{\text{bce}}\big(D_k(X_k, G_k(X)),\ 1\big)",
    properties: Properties::UNKNOWN,
    related: &["gradient-difference", "vgan", "mocogan", "motion-content-decomposition"],
    uses: &["gan-non-saturating", "l1", "mse", "gradient-difference"],
    status: Status::NotExecutable("a recipe that needs the multi-scale discriminator"),
    eval: None,
    ..Entry::BLANK
};
