//! Dark experience replay: replays stored logits, not only labels. The current model's logits on
//! buffer examples are matched to the logits recorded when they were stored (DER); DER++ also
//! replays their labels with cross-entropy.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "der",
    name: "DER / DER++ Loss",
    aliases: &["DER++ Loss", "Dark Experience Replay", "DER++"],
    kind: Kind::Method,
    domains: &["continual"],
    year: 2020,
    paper: Paper {
        title: "Dark Experience for General Continual Learning: a Strong, Simple Baseline",
        authors: "Pietro Buzzega, Matteo Boschini, Angelo Porrello, Davide Abati, Simone Calderara",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/2004.07211",
    },
    summary: "Keeps a reservoir-sampled buffer of past inputs with the network's logits at storage time, and adds alpha times the squared error between current and stored logits on a buffer batch to the current cross-entropy (DER). DER++ adds beta times cross-entropy on another buffer batch with its ground-truth labels. Matching logits preserves the old function's dark knowledge along the whole trajectory and needs no task boundaries, which makes it a strong, simple baseline for general continual learning; alpha and beta are tuned per benchmark.",
    formula: r"\mathcal{L} = \mathbb{E}_{(x, y) \sim \mathcal{D}_t}\bigl[\operatorname{CE}(f_\theta(x), y)\bigr] + \alpha\,\mathbb{E}_{(x', z') \sim \mathcal{M}}\bigl[\lVert z' - h_\theta(x') \rVert_2^2\bigr] + \beta\,\mathbb{E}_{(x'', y'') \sim \mathcal{M}}\bigl[\operatorname{CE}(f_\theta(x''), y'')\bigr]",
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "weight of the logit-matching term" },
        Param { name: "beta", symbol: r"\beta", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "weight of the replayed cross-entropy (0 gives DER)" },
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
    equivalents: &["avalanche.training.DER"],
    related: &["experience-replay", "a-gem", "knowledge-distillation", "lwf"],
    uses: &["cross-entropy", "mse", "experience-replay"],
    status: Status::NotExecutable("needs the replay buffer with stored logits and the training loop"),
    eval: None,
    ..Entry::BLANK
};
