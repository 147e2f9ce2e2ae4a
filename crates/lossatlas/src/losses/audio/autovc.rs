//! AutoVC's objective: self-reconstruction of mel spectrograms before and after a post-net plus a
//! content-code consistency term, with a narrow bottleneck that removes speaker information.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "autovc",
    name: "AutoVC Reconstruction Loss",
    aliases: &["AutoVC Loss"],
    kind: Kind::Composite,
    domains: &["audio"],
    year: 2019,
    paper: Paper {
        title: "AutoVC: Zero-Shot Voice Style Transfer with Only Autoencoder Loss",
        authors: "Kaizhi Qian, Yang Zhang, Shiyu Chang, Xuesong Yang, Mark Hasegawa-Johnson",
        venue: "ICML",
        year: 2019,
        url: "https://arxiv.org/abs/1905.05879",
    },
    summary: "Trains a content encoder and a decoder conditioned on a speaker embedding to reconstruct the input mel spectrogram: squared error of the final and the pre-post-net outputs, plus an L1 penalty between the content code of the reconstruction and the original content code (weights mu = 1 and lambda = 1). Only reconstruction is trained; zero-shot conversion works because a carefully sized bottleneck keeps content and drops speaker identity, and it breaks if the bottleneck is too wide or too narrow.",
    formula: r"\mathcal{L} = \mathbb{E}\lVert \hat X - X \rVert_2^2 + \mu\,\mathbb{E}\lVert \tilde X - X \rVert_2^2 + \lambda\,\mathbb{E}\lVert E_c(\hat X) - C \rVert_1,\quad \mu = \lambda = 1",
    params: &[
        Param { name: "mu", symbol: r"\mu", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the pre-post-net reconstruction" },
        Param { name: "lambda_content", symbol: r"\lambda", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the content-code consistency term" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["mse", "l1", "autoencoder-reconstruction"],
    uses: &["mse", "l1"],
    status: Status::NotExecutable("the content term re-encodes the converted output with the model's content encoder"),
    eval: None,
    ..Entry::BLANK
};
