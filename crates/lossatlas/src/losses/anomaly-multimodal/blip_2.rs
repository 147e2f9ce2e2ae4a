//! BLIP-2's objectives: a lightweight Q-Former between a frozen image encoder and a frozen LLM,
//! trained first with contrastive, matching and image-grounded generation losses, then with the
//! LLM's language-modeling loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "blip-2",
    name: "BLIP-2 Loss",
    aliases: &["BLIP-2 Pre-training Objective", "Q-Former Losses"],
    kind: Kind::Composite,
    domains: &["anomaly-multimodal", "language-modeling"],
    year: 2023,
    paper: Paper {
        title: "BLIP-2: Bootstrapping Language-Image Pre-training with Frozen Image Encoders and Large Language Models",
        authors: "Junnan Li, Dongxu Li, Silvio Savarese, Steven Hoi",
        venue: "ICML",
        year: 2023,
        url: "https://arxiv.org/abs/2301.12597",
    },
    summary: "Bridges a frozen image encoder and a frozen language model with a small querying transformer (Q-Former). Stage one trains it with image-text contrastive, image-text matching and image-grounded text generation losses, summed with equal weights (as in BLIP, with different attention masks per objective); stage two feeds its query outputs as soft prompts to the frozen LLM and trains with the LLM's language-modeling (or prefix language-modeling) loss. Only the Q-Former and a projection are trained, which makes it cheap, but the frozen LLM limits in-context multimodal learning.",
    formula: r"\text{stage 1: } \mathcal{L} = \mathcal{L}_{itc} + \mathcal{L}_{itm} + \mathcal{L}_{itg},\quad \text{stage 2: } \mathcal{L} = -\sum_{t}\log p_{LLM}\bigl(w_t \mid w_{<t}, Q(I)\bigr)",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["blip", "clip", "align", "coca"],
    uses: &["clip", "cross-entropy", "next-token-prediction"],
    status: Status::NotExecutable("needs the frozen image encoder, the Q-Former and the frozen LLM"),
    eval: None,
    ..Entry::BLANK
};
