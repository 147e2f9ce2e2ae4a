//! Variational graph auto-encoder: encode nodes into Gaussian latents with a GCN and decode the
//! adjacency matrix with inner products, trained on the evidence lower bound.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "vgae",
    name: "Variational Graph Auto-Encoder (VGAE) Loss",
    aliases: &["VGAE Loss", "VGAE", "Graph VAE Loss"],
    kind: Kind::Loss,
    domains: &["graph", "vae"],
    year: 2016,
    paper: Paper {
        title: "Variational Graph Auto-Encoders",
        authors: "Kipf & Welling",
        venue: "NeurIPS 2016 Workshop on Bayesian Deep Learning",
        year: 2016,
        url: "https://arxiv.org/abs/1611.07308",
    },
    summary: "The negative ELBO of a latent-variable model of the graph: a GCN outputs mean and log standard deviation of a Gaussian latent z_i per node, edges are reconstructed with p(A_ij = 1) = sigma(z_i . z_j), and a KL term pulls each posterior towards N(0, I). Real graphs are sparse, so the reference code up-weights positive entries of A by (N^2 - E) / E in the binary cross-entropy and rescales the KL by 1/N; PyTorch Geometric instead scores positive edges against sampled negative edges. Used for link prediction and unsupervised node embeddings; the non-variational GAE drops the KL term.",
    formula: r"\mathcal{L} = -\mathbb{E}_{q(Z\mid X, A)}\big[\log p(A \mid Z)\big] + \operatorname{KL}\big(q(Z\mid X,A)\,\Vert\,p(Z)\big),\quad p(A_{ij} = 1 \mid z_i, z_j) = \sigma(z_i^\top z_j)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "sampled node latents z" },
        Input { name: "targets", shape: "[N, N]", meaning: "adjacency matrix (0/1)" },
        Input { name: "mu", shape: "[N, D]", meaning: "posterior means" },
        Input { name: "logstd", shape: "[N, D]", meaning: "posterior log standard deviations" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["torch_geometric.nn.models.VGAE"],
    related: &["elbo", "binary-cross-entropy", "kl-divergence", "dgi", "beta-vae"],
    status: Status::Planned("no reference cases; formula transcription pending (weighted dense form and negative-sampling form differ)"),
    eval: None,
    ..Entry::BLANK
};
