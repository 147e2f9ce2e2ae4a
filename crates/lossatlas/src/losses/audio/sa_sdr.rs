//! Source-aggregated SDR: sums target and error energies over all sources of a mixture before
//! taking the ratio, instead of averaging per-source SDRs, so silent sources do not make the loss
//! undefined.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sa-sdr",
    name: "Source-Aggregated SDR Loss",
    aliases: &["SA-SDR Loss"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2022,
    paper: Paper {
        title: "SA-SDR: A novel loss function for separation of meeting style data",
        authors: "Thilo von Neumann, Keisuke Kinoshita, Christoph Boeddeker, Marc Delcroix, Reinhold Haeb-Umbach",
        venue: "ICASSP",
        year: 2022,
        url: "https://arxiv.org/abs/2110.15581",
    },
    summary: "Computes one SDR per mixture from the energies of all sources together: with scale_invariant, a single gain shared by all sources rescales the references, then minus 10 log10 of total target energy over total error energy. Aggregating keeps the loss finite when some references are silent (single-speaker segments in meeting data), which breaks per-source SDR and SI-SDR. Loud sources dominate the sum, so quiet ones get less weight than under per-source averaging.",
    formula: r"\alpha = \frac{\sum_{s}\langle \hat y_s, y_s \rangle + \epsilon}{\sum_{s} \lVert y_s \rVert^2 + \epsilon},\quad \ell = -10\log_{10}\frac{\sum_{s} \lVert \alpha y_s \rVert^2 + \epsilon}{\sum_{s} \lVert \alpha y_s - \hat y_s \rVert^2 + \epsilon}",
    inputs: &[
        Input { name: "estimate", shape: "[B, S, T]", meaning: "estimated sources (sources on axis -2, time last)" },
        Input { name: "reference", shape: "[B, S, T]", meaning: "reference sources, in matching order" },
    ],
    params: &[
        Param { name: "scale_invariant", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "rescale all references by one shared least-squares gain alpha (alpha = 1 when off)" },
        Param { name: "zero_mean", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "subtract each signal's mean over time first" },
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
    equivalents: &["torchmetrics.functional.audio.source_aggregated_signal_distortion_ratio", "torchmetrics.audio.SourceAggregatedSignalDistortionRatio"],
    related: &["sdr", "si-snr", "pit"],
    forms: &[
        Form { name: "torchmetrics", description: "minus torchmetrics.functional.audio.source_aggregated_signal_distortion_ratio(estimate, reference, scale_invariant, zero_mean); eps = machine epsilon of the dtype; one value per mixture (batch element)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
