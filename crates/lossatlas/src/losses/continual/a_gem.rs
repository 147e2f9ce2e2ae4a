//! Averaged gradient episodic memory: projects the current gradient so that it does not increase
//! the average loss on a sample from an episodic memory of old tasks.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "a-gem",
    name: "Averaged Gradient Episodic Memory (A-GEM) Loss",
    aliases: &["Averaged GEM"],
    kind: Kind::Method,
    domains: &["continual"],
    year: 2019,
    paper: Paper {
        title: "Efficient Lifelong Learning with A-GEM",
        authors: "Arslan Chaudhry, Marc'Aurelio Ranzato, Marcus Rohrbach, Mohamed Elhoseiny",
        venue: "ICLR",
        year: 2019,
        url: "https://arxiv.org/abs/1812.00420",
    },
    summary: "Keeps a small episodic memory of past examples; at each step it computes the gradient g_ref of the loss on a random memory batch and, if the current gradient g points against it (g . g_ref < 0), removes the conflicting component. This replaces GEM's quadratic program over one constraint per task with one projection, making it nearly as cheap as plain training. The constraint only concerns the average memory loss, so individual old tasks can still degrade.",
    formula: r"\tilde g = \begin{cases} g - \dfrac{g^\top g_{ref}}{g_{ref}^\top g_{ref}}\,g_{ref} & \text{if } g^\top g_{ref} < 0 \\ g & \text{otherwise} \end{cases}",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    equivalents: &["avalanche.training.AGEM", "avalanche.training.plugins.AGEMPlugin"],
    related: &["experience-replay", "der", "pcgrad"],
    uses: &["cross-entropy"],
    status: Status::NotExecutable("modifies the optimizer's gradient using a memory batch; needs the training loop"),
    eval: None,
    ..Entry::BLANK
};
