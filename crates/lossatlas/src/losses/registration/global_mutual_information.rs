//! Global mutual information loss: minus the mutual information of the intensities of two images,
//! estimated with Parzen windows (Gaussian or cubic B-spline) on fixed bins.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "global-mutual-information",
    name: "Global Mutual Information Loss",
    aliases: &["Parzen-window Mutual Information Loss", "Mattes Mutual Information"],
    kind: Kind::Loss,
    domains: &["registration", "medical"],
    year: 2003,
    paper: Paper {
        title: "PET-CT Image Registration in the Chest Using Free-form Deformations",
        authors: "Mattes, D., Haynor, D.R., Vesselle, H., Lewellen, T.K., Eubank, W.",
        venue: "IEEE TMI",
        year: 2003,
        url: "",
    },
    summary: "Estimates the joint and marginal intensity histograms of prediction and target with smooth Parzen kernels, so the mutual information is differentiable, and returns its negative. Mutual information only assumes a statistical dependence between intensities, so it is the standard similarity for multi-modal registration (for example PET to CT). Intensities must lie in [0, 1]; the number of bins and the kernel width trade bias against variance.",
    formula: r"L = -\sum_{a,b} p_{ab}\log\frac{p_{ab} + s_{nr}}{p_a\,p_b + s_{dr}},\quad p_{ab} = \frac{1}{|\Omega|}\sum_{v} w_a(x_v)\,w_b(y_v)",
    inputs: &[
        Input { name: "pred", shape: "[B, C, *spatial]", meaning: "moved image, values in [0, 1]" },
        Input { name: "target", shape: "[B, C, *spatial]", meaning: "fixed image, values in [0, 1]" },
    ],
    params: &[
        Param { name: "kernel_type", symbol: "", default: Value::Str("gaussian"), range: Range::Choice { values: &["gaussian", "b-spline"] }, meaning: "Parzen kernel" },
        Param { name: "num_bins", symbol: "", default: Value::Int(23), range: Range::Integer { min: 2, max: i64::MAX }, meaning: "number of bins" },
        Param { name: "sigma_ratio", symbol: "", default: Value::Float(0.5), range: Range::POSITIVE, meaning: "Gaussian width as a fraction of the bin spacing" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-07), range: Range::NON_NEGATIVE, meaning: "numerator constant in the log" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-07), range: Range::NON_NEGATIVE, meaning: "denominator constant in the log" },
        Param::REDUCTION_MEAN,
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
    equivalents: &[
        "monai.losses.GlobalMutualInformationLoss",
    ],
    related: &["mutual-information", "normalized-mutual-information", "local-normalized-cross-correlation"],
    forms: &[
        Form { name: "default", description: "monai.losses.GlobalMutualInformationLoss(kernel_type, num_bins, sigma_ratio, ...): per sample over all voxels; b-spline uses third-order kernels with MONAI's bin centres." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
