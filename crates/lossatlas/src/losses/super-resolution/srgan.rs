//! SRGAN's generator objective: a VGG feature (content) loss plus a small adversarial term.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "srgan",
    name: "SRGAN Loss",
    aliases: &["SRGAN Perceptual Loss"],
    kind: Kind::Composite,
    domains: &["super-resolution", "gan", "perceptual"],
    year: 2017,
    paper: Paper {
        title: "Photo-Realistic Single Image Super-Resolution Using a GAN",
        authors: "Ledig et al.",
        venue: "CVPR",
        year: 2017,
        url: "https://arxiv.org/abs/1609.04802",
    },
    summary: "The super-resolution generator minimizes a content loss, the mean squared distance between VGG-19 feature maps of the upscaled and the true high-resolution image (layer conv5_4 after activation, 'VGG54'; the paper rescales features by 1/12.75), plus 10^-3 times the non-saturating adversarial loss -log D(G(x_LR)). The discriminator is trained with the usual binary cross-entropy. The generator is first pretrained with pixel MSE (SRResNet) and then fine-tuned with this objective, trading PSNR for visibly sharper textures.",
    formula: r"\mathcal{L}_{G} = \underbrace{\frac{1}{W_{5,4} H_{5,4}}\sum_{x,y}\bigl(\phi_{5,4}(I^{HR})_{x,y} - \phi_{5,4}(G(I^{LR}))_{x,y}\bigr)^2}_{\text{content}} + 10^{-3}\sum_{n} -\log D\bigl(G(I^{LR}_n)\bigr)",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["esrgan", "perceptual", "gan-non-saturating", "mse"],
    uses: &["perceptual", "gan-non-saturating", "mse"],
    forms: &[],
    status: Status::NotExecutable("a recipe over a pretrained VGG-19 and a discriminator network; its terms are separate entries"),
    eval: None,
    ..Entry::BLANK
};
