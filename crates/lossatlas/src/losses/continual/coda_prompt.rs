//! CODA-Prompt: builds each input's prompt as an attention-weighted combination of learnable prompt
//! components, trained end to end, for rehearsal-free continual learning with a frozen transformer.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "coda-prompt",
    name: "CODA-Prompt Loss",
    kind: Kind::Method,
    domains: &["continual"],
    year: 2023,
    paper: Paper {
        title: "CODA-Prompt: COntinual Decomposed Attention-based Prompting for Rehearsal-Free Continual Learning",
        authors: "James Seale Smith, Leonid Karlinsky, Vyshnavi Gutta, Paola Cascante-Bonilla, Donghyun Kim, Assaf Arbelle, Rameswar Panda, Rogerio Feris, Zsolt Kira",
        venue: "CVPR",
        year: 2023,
        url: "https://arxiv.org/abs/2211.13218",
    },
    summary: "Replaces L2P's discrete prompt selection with a decomposed prompt: the query feature attends, through learnable keys and attention vectors, over a set of prompt components, and the weighted sum becomes the prompt, so prompt selection is differentiable and trained with the classification loss. New components are added for each task while old ones are frozen, and an orthogonality penalty on the new components, keys and attention vectors reduces interference. Still depends on a strong pretrained ViT.",
    formula: r"p = \sum_{m} \alpha_m P_m,\quad \alpha_m = \gamma\bigl(q(x) \odot A_m,\ K_m\bigr),\quad \mathcal{L} = \operatorname{CE}\bigl(f(x; p), y\bigr) + \lambda\bigl(\lVert P P^\top - I \rVert^2 + \lVert K K^\top - I \rVert^2 + \lVert A A^\top - I \rVert^2\bigr)",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["l2p", "dualprompt", "ease"],
    uses: &["cross-entropy"],
    status: Status::NotExecutable("needs the frozen pretrained transformer and the prompt components"),
    eval: None,
    ..Entry::BLANK
};
