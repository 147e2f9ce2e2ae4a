//! Attention U-Net: additive attention gates on the skip connections of a U-Net, trained with a
//! Dice loss and deep supervision; the "loss" is the network's training recipe.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "attention-gated",
    name: "Attention-Gated Loss",
    aliases: &["Attention U-Net", "Attention Gate"],
    kind: Kind::Method,
    domains: &["medical", "segmentation"],
    year: 2018,
    paper: Paper {
        title: "Attention U-Net: Learning Where to Look for the Pancreas",
        authors: "Oktay et al.",
        venue: "MIDL 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1804.03999",
    },
    summary: "An architectural method, not a new loss formula: attention gates compute, from the coarser decoder signal g and the skip features x, coefficients alpha in [0, 1] that suppress irrelevant regions of x before concatenation, so the network focuses on small organs such as the pancreas without a separate localization stage. The paper trains the gated U-Net with the Sorensen-Dice loss and deep supervision on intermediate outputs. What it changes is which features reach the loss; the objective itself is dice (plus deep supervision).",
    formula: r"\alpha_i = \sigma_2\Big(\psi^\top \sigma_1\big(W_x^\top x_i + W_g^\top g_i + b_g\big) + b_\psi\Big),\qquad \hat x_i = \alpha_i\, x_i",
    properties: Properties::UNKNOWN,
    related: &["dice", "deep-supervision", "cross-entropy"],
    uses: &["dice", "deep-supervision"],
    status: Status::NotExecutable("an architecture (attention gates) trained with the Dice loss; no loss of its own"),
    eval: None,
    ..Entry::BLANK
};
