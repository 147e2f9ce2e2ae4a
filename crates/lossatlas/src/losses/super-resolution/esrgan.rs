//! ESRGAN's generator objective: VGG features before activation, a relativistic average
//! adversarial term, and an L1 pixel term.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "esrgan",
    name: "ESRGAN Loss",
    aliases: &["Enhanced SRGAN Loss"],
    kind: Kind::Composite,
    domains: &["super-resolution", "gan", "perceptual"],
    year: 2018,
    paper: Paper {
        title: "ESRGAN: Enhanced Super-Resolution Generative Adversarial Networks",
        authors: "Wang et al.",
        venue: "ECCV Workshops",
        year: 2018,
        url: "https://arxiv.org/abs/1809.00219",
    },
    summary: "Improves SRGAN's objective in three ways: the perceptual term compares VGG-19 features before the activation (conv5_4), which keeps more signal and brightness consistency; the adversarial term is the relativistic average GAN loss, where the discriminator judges whether a real image is more realistic than the average fake and vice versa; and an L1 pixel loss is added. The paper's weights are lambda = 5e-3 for the adversarial and eta = 1e-2 for the L1 term, after pretraining the generator with L1 alone.",
    formula: r"\mathcal{L}_G = \mathcal{L}_{\text{percep}} + \lambda\,\mathcal{L}_G^{Ra} + \eta\,\mathcal{L}_1,\quad \mathcal{L}_G^{Ra} = -\mathbb{E}_{x_r}\bigl[\log(1 - D_{Ra}(x_r, x_f))\bigr] - \mathbb{E}_{x_f}\bigl[\log D_{Ra}(x_f, x_r)\bigr],\quad D_{Ra}(x_r, x_f) = \sigma\bigl(C(x_r) - \mathbb{E}_{x_f}[C(x_f)]\bigr),\quad \lambda = 5\cdot 10^{-3},\ \eta = 10^{-2}",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["srgan", "relativistic-gan", "perceptual", "l1"],
    uses: &["perceptual", "relativistic-gan", "l1"],
    forms: &[],
    status: Status::NotExecutable("a recipe over a pretrained VGG-19 and a discriminator network; its terms are separate entries"),
    eval: None,
    ..Entry::BLANK
};
