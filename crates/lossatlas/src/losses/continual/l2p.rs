//! Learning to Prompt: continual learning with a frozen pretrained transformer and a pool of
//! learnable prompts, selected per input by matching a query feature against learnable prompt keys.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "l2p",
    name: "L2P Loss",
    aliases: &["Learning to Prompt"],
    kind: Kind::Method,
    domains: &["continual"],
    year: 2022,
    paper: Paper {
        title: "Learning to Prompt for Continual Learning",
        authors: "Zifeng Wang, Zizhao Zhang, Chen-Yu Lee, Han Zhang, Ruoxi Sun, Xiaoqi Ren, Guolong Su, Vincent Perot, Jennifer Dy, Tomas Pfister",
        venue: "CVPR",
        year: 2022,
        url: "https://arxiv.org/abs/2112.08654",
    },
    summary: "Keeps a pretrained ViT frozen and learns a pool of prompts with associated keys: the frozen model's [CLS] feature of an input is the query, the top-N closest keys select prompts that are prepended to the input tokens, and the classifier is trained with cross-entropy plus lambda times the cosine distance between the query and the selected keys, which pulls keys toward the inputs that use them. It needs no rehearsal buffer and no task identity at test time, but depends entirely on the quality of the pretrained model.",
    formula: r"\min_{P, K, \phi}\ \operatorname{CE}\bigl(g_\phi(f_r^{avg}(x_p)), y\bigr) + \lambda\sum_{K_x}\gamma\bigl(q(x), k_{s_i}\bigr),\quad \gamma(q, k) = 1 - \cos(q, k)",
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
    related: &["dualprompt", "coda-prompt", "ease"],
    uses: &["cross-entropy", "cosine-distance"],
    status: Status::NotExecutable("needs the frozen pretrained transformer, the prompt pool and key-query selection"),
    eval: None,
    ..Entry::BLANK
};
