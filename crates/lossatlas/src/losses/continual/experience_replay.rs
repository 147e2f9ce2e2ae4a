//! Experience replay for continual learning: every training step concatenates the current batch
//! with a batch sampled from a small episodic memory of past examples.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "experience-replay",
    name: "Experience Replay (ER) Loss",
    aliases: &["ER", "Tiny Episodic Memories"],
    kind: Kind::Method,
    domains: &["continual"],
    year: 2019,
    paper: Paper {
        title: "On Tiny Episodic Memories in Continual Learning",
        authors: "Arslan Chaudhry, Marcus Rohrbach, Mohamed Elhoseiny, Thalaiyasingam Ajanthan, Puneet K. Dokania, Philip H. S. Torr, Marc'Aurelio Ranzato",
        venue: "",
        year: 2019,
        url: "https://arxiv.org/abs/1902.10486",
    },
    summary: "Stores a few examples per class or task (reservoir sampling or a ring buffer) and trains on the union of each incoming batch and a memory batch with the ordinary loss. Chaudhry et al. showed that even a tiny memory used this way beats regularization- and constraint-based methods such as EWC and A-GEM, with little overfitting to the memory despite repeated replay. It needs to store data, which privacy or storage constraints may forbid.",
    formula: r"\mathcal{L} = \frac{1}{|\mathcal{B}_t| + |\mathcal{B}_M|}\sum_{(x, y) \in \mathcal{B}_t \cup \mathcal{B}_M}\operatorname{CE}\bigl(f_\theta(x), y\bigr),\quad \mathcal{B}_M \sim \mathcal{M}",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    equivalents: &["avalanche.training.plugins.ReplayPlugin"],
    related: &["a-gem", "der", "bias-correction"],
    uses: &["cross-entropy"],
    status: Status::NotExecutable("needs the memory buffer and the training loop"),
    eval: None,
    ..Entry::BLANK
};
