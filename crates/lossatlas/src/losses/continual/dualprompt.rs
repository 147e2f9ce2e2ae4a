//! DualPrompt: rehearsal-free continual learning with two kinds of prompts on a frozen pretrained
//! transformer, a shared general prompt and task-specific expert prompts selected by key matching.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dualprompt",
    name: "DualPrompt Loss",
    kind: Kind::Method,
    domains: &["continual"],
    year: 2022,
    paper: Paper {
        title: "DualPrompt: Complementary Prompting for Rehearsal-free Continual Learning",
        authors: "Zifeng Wang, Zizhao Zhang, Sayna Ebrahimi, Ruoxi Sun, Han Zhang, Chen-Yu Lee, Xiaoqi Ren, Guolong Su, Vincent Perot, Jennifer Dy, Tomas Pfister",
        venue: "ECCV",
        year: 2022,
        url: "https://arxiv.org/abs/2204.04799",
    },
    summary: "Attaches a small task-invariant G-Prompt to early layers and a set of task-specific E-Prompts to later layers of a frozen ViT, using prefix tuning; at test time the E-Prompt whose key best matches the frozen model's query feature is used. Training combines cross-entropy with a matching loss pulling the task's key toward its queries. It improves on L2P with fewer parameters and no rehearsal, but still relies on the pretrained backbone and on correct prompt selection.",
    formula: r"\mathcal{L} = \operatorname{CE}\bigl(f(x; g, e_t), y\bigr) + \lambda\,\gamma\bigl(q(x), k_t\bigr),\quad \gamma(q, k) = 1 - \cos(q, k)",
    params: &[
        Param { name: "lambda", symbol: r"\lambda", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "weight of the key-matching term" },
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
    related: &["l2p", "coda-prompt", "ease"],
    uses: &["cross-entropy", "cosine-distance"],
    status: Status::NotExecutable("needs the frozen pretrained transformer and the prompt and key parameters"),
    eval: None,
    ..Entry::BLANK
};
