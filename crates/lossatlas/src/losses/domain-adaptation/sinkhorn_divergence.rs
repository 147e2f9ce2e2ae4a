//! Sinkhorn divergence: entropy-regularized optimal transport cost between two samples, debiased so
//! that it is zero for identical distributions.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sinkhorn-divergence",
    name: "Sinkhorn Divergence",
    aliases: &["Debiased Sinkhorn Divergence", "Entropic Optimal Transport Loss"],
    kind: Kind::Loss,
    domains: &["domain-adaptation", "3d", "gan"],
    year: 2019,
    paper: Paper {
        title: "Interpolating between Optimal Transport and MMD using Sinkhorn Divergences",
        authors: "Feydy, J., Séjourné, T., Vialard, F.-X., Amari, S., Trouvé, A., Peyré, G.",
        venue: "AISTATS",
        year: 2019,
        url: "https://arxiv.org/abs/1810.08278",
    },
    summary: "Computes the entropic optimal transport cost OT_eps between two point clouds with Sinkhorn iterations and subtracts half of each self-transport cost, giving a positive, convex, geometry-aware divergence that interpolates between the Wasserstein distance (eps -> 0) and an MMD (eps -> infinity). It is used for shape and point-cloud matching, generative modeling and domain adaptation. The blur (eps^(1/p)) sets the scale below which details are ignored; small values need many iterations.",
    formula: r"S_\varepsilon(\alpha, \beta) = \mathrm{OT}_\varepsilon(\alpha, \beta) - \tfrac{1}{2}\mathrm{OT}_\varepsilon(\alpha, \alpha) - \tfrac{1}{2}\mathrm{OT}_\varepsilon(\beta, \beta),\quad \mathrm{OT}_\varepsilon = \min_{\pi \in \Pi(\alpha,\beta)} \langle \pi, C\rangle + \varepsilon\,\mathrm{KL}(\pi\,\|\,\alpha\otimes\beta),\ C_{ij} = \tfrac{1}{p}\lVert x_i - y_j\rVert^p",
    inputs: &[
        Input { name: "points", shape: "[N, D] (or [B, N, D])", meaning: "samples of the first distribution (uniform weights)" },
        Input { name: "target_points", shape: "[M, D] (or [B, M, D])", meaning: "samples of the second distribution" },
    ],
    params: &[
        Param { name: "p", symbol: "p", default: Value::Int(2), range: Range::Integer { min: 1, max: 2 }, meaning: "exponent of the ground cost" },
        Param { name: "blur", symbol: "", default: Value::Float(0.05), range: Range::POSITIVE, meaning: "length scale; eps = blur^p" },
        Param { name: "scaling", symbol: "", default: Value::Float(0.5), range: Range::Real { min: 0.0, max: 1.0, open_min: true, open_max: true }, meaning: "ratio of the epsilon-scaling annealing" },
        Param { name: "reach", symbol: "", default: Value::Null, range: Range::POSITIVE, meaning: "unbalanced OT: scale of the marginal penalty (None = balanced)" },
        Param { name: "debias", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "subtract the self-transport terms" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "geomloss.SamplesLoss",
    ],
    related: &["mmd", "energy-distance", "earth-movers", "chamfer", "wasserstein-da"],
    status: Status::Planned("no reference cases yet; needs log-domain Sinkhorn iterations with epsilon scaling as geomloss.SamplesLoss(loss='sinkhorn') computes them"),
    eval: None,
    ..Entry::BLANK
};
