//! Sum-and-difference STFT loss: the multi-resolution STFT loss applied to the sum (mid) and the
//! difference (side) of the two channels of stereo audio, so the stereo image is trained as well as
//! each channel's spectrum.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sum-and-difference-stft",
    name: "Sum-and-Difference STFT Loss",
    aliases: &["Mid-Side STFT Loss", "SumAndDifferenceSTFTLoss"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2021,
    paper: Paper {
        title: "Automatic multitrack mixing with a differentiable mixing console of neural audio effects",
        authors: "Christian J. Steinmetz, Jordi Pons, Santiago Pascual, Joan Serrà",
        venue: "ICASSP",
        year: 2021,
        url: "https://arxiv.org/abs/2010.10291",
    },
    summary: "Converts stereo estimate and reference to sum (L + R) and difference (L - R) signals and averages weighted multi-resolution STFT losses on both. Comparing channels separately cannot tell a mix that has the right spectra but the wrong panning or width; the difference signal carries exactly that information. It requires inputs with two channels.",
    formula: r"\ell = \frac{1}{2}\Bigl(w_{sum}\,\mathcal{L}_{MR}\bigl(\hat y_L + \hat y_R,\ y_L + y_R\bigr) + w_{diff}\,\mathcal{L}_{MR}\bigl(\hat y_L - \hat y_R,\ y_L - y_R\bigr)\Bigr)",
    inputs: &[
        Input { name: "estimate", shape: "[B, 2, T]", meaning: "estimated stereo signal (left, right)" },
        Input { name: "reference", shape: "[B, 2, T]", meaning: "reference stereo signal" },
    ],
    params: &[
        Param { name: "fft_sizes", symbol: "", default: Value::Null, range: Range::Reals { min: 1.0, max: f64::INFINITY }, meaning: "FFT size of each resolution (required by auraloss)" },
        Param { name: "hop_sizes", symbol: "", default: Value::Null, range: Range::Reals { min: 1.0, max: f64::INFINITY }, meaning: "hop size of each resolution (required)" },
        Param { name: "win_lengths", symbol: "", default: Value::Null, range: Range::Reals { min: 1.0, max: f64::INFINITY }, meaning: "window length of each resolution (required)" },
        Param { name: "window", symbol: "", default: Value::Str("hann_window"), range: Range::Choice { values: &["hann_window", "bartlett_window", "blackman_window", "hamming_window", "kaiser_window"] }, meaning: "torch window function of length win_length (periodic); zero-padded to fft_size when shorter" },
        Param { name: "w_sum", symbol: "w_{sum}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the loss on the sum signal" },
        Param { name: "w_diff", symbol: "w_{diff}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the loss on the difference signal" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["auraloss.freq.SumAndDifferenceSTFTLoss"],
    related: &["multi-resolution-stft", "stft"],
    forms: &[
        Form { name: "auraloss", description: "auraloss.freq.SumAndDifferenceSTFTLoss(fft_sizes, hop_sizes, win_lengths, window, w_sum, w_diff): sum = x[:, 0] + x[:, 1] and diff = x[:, 0] - x[:, 1] as [B, 1, T] signals, each scored by auraloss MultiResolutionSTFTLoss with the default term weights; inputs with other than 2 channels are rejected." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
