//! DRAEM: trains a reconstructive subnetwork to restore images with simulated anomalies and a
//! discriminative subnetwork to segment the anomalies from the pair (input, reconstruction).

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "draem",
    name: "DRAEM Loss",
    kind: Kind::Composite,
    domains: &["anomaly-multimodal"],
    year: 2021,
    paper: Paper {
        title: "DRÆM – A Discriminatively Trained Reconstruction Embedding for Surface Anomaly Detection",
        authors: "Vitjan Zavrtanik, Matej Kristan, Danijel Skočaj",
        venue: "ICCV",
        year: 2021,
        url: "https://arxiv.org/abs/2108.07610",
    },
    summary: "Simulates anomalies by blending Perlin-noise-shaped patches of an external texture dataset into normal images; a reconstruction network learns to restore the clean image with an L2 plus SSIM loss, and a segmentation network, given the image and its reconstruction, predicts the anomaly mask with focal loss. The official code adds the three terms with unit weights. It localizes defects directly without a density model, but its performance depends on how well the simulated anomalies cover real ones.",
    formula: r"\mathcal{L} = \mathcal{L}_{rec}(I, I_r) + \mathcal{L}_{seg}(M_a, M),\quad \mathcal{L}_{rec} = \lambda\,\mathcal{L}_{SSIM}(I, I_r) + \lVert I - I_r \rVert_2^2,\quad \mathcal{L}_{seg} = \operatorname{Focal}(M_a, M)",
    inputs: &[
        Input { name: "pred", shape: "[B, C, H, W]", meaning: "reconstruction I_r" },
        Input { name: "target", shape: "[B, C, H, W]", meaning: "anomaly-free image I" },
        Input { name: "logits", shape: "[B, 2, H, W]", meaning: "predicted anomaly-mask scores" },
        Input { name: "targets", shape: "[B, H, W]", meaning: "simulated anomaly mask M_a" },
    ],
    params: &[
        Param { name: "lambda", symbol: r"\lambda", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the SSIM term" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["cutpaste", "simplenet", "autoencoder-reconstruction", "focal", "ssim"],
    uses: &["mse", "ssim", "focal"],
    status: Status::Planned("executable on model outputs once ssim and focal are available; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
