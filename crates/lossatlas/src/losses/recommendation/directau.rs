//! DirectAU: train collaborative-filtering embeddings by directly optimizing alignment of
//! interacting user-item pairs and uniformity of users and of items on the hypersphere.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "directau",
    name: "DirectAU Loss",
    aliases: &["Alignment and Uniformity Loss"],
    kind: Kind::Loss,
    domains: &["recommendation", "self-supervised"],
    year: 2022,
    paper: Paper {
        title: "Towards Representation Alignment and Uniformity in Collaborative Filtering",
        authors: "Wang et al.",
        venue: "KDD",
        year: 2022,
        url: "https://arxiv.org/abs/2206.12811",
    },
    summary: "L2-normalizes user and item embeddings and minimizes the mean squared distance between each user and an item they interacted with (alignment) plus gamma times the average of the users' and the items' uniformity, the log of the mean Gaussian potential exp(-2 ||a - b||^2) over pairs within the batch. The paper argues that these two properties are what ranking losses such as BPR implicitly optimize; optimizing them directly needs no negative sampling. gamma trades alignment against spreading and is tuned per dataset (1 in the authors' default configuration).",
    formula: r"\ell_{\text{align}} = \mathbb{E}_{(u,i)}\lVert \tilde f(u) - \tilde f(i)\rVert_2^2,\quad \ell_{\text{uniform}}(X) = \log\mathbb{E}_{x \ne x'}\,e^{-2\lVert \tilde f(x) - \tilde f(x')\rVert_2^2},\quad \mathcal{L} = \ell_{\text{align}} + \gamma\,\frac{\ell_{\text{uniform}}(U) + \ell_{\text{uniform}}(I)}{2}",
    inputs: &[
        Input { name: "user_embeds", shape: "[N, D]", meaning: "embeddings of the users of N interactions" },
        Input { name: "item_embeds", shape: "[N, D]", meaning: "embeddings of the interacted items, same order" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the uniformity term (1 in the authors' RecBole configuration)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[],
    related: &["bpr", "infonce", "koleo", "sampled-softmax"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
