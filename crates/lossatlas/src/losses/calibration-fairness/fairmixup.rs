//! Fair Mixup: regularizes the path of mean predictions along mixup interpolations between the
//! inputs of two sensitive groups, a smooth surrogate for demographic parity or equalized odds
//! that also generalizes better than penalizing the gap at the two endpoints.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "fairmixup",
    name: "FairMixup Loss",
    aliases: &["Fair Mixup", "Fair-Mixup"],
    kind: Kind::Method,
    domains: &["calibration-fairness", "classification"],
    year: 2021,
    paper: Paper {
        title: "Fair Mixup: Fairness via Interpolation",
        authors: "Ching-Yao Chuang, Youssef Mroueh",
        venue: "ICLR",
        year: 2021,
        url: "https://arxiv.org/abs/2103.06503",
    },
    summary: "Adds to the task loss the integral over t in [0, 1] of the absolute derivative of the mean prediction on mixed inputs t x_0 + (1 - t) x_1, with x_0 and x_1 drawn from the two sensitive groups (from each label's groups separately for equalized odds). The path's total variation upper-bounds the parity gap at the endpoints, so the model is pushed to change its average output smoothly between groups instead of memorizing a small gap on the training batch. Each step needs forward passes (and an input-gradient) of the model on interpolated inputs, typically one random t per batch; the mixing can also be done on hidden representations (manifold mixup).",
    formula: r"\mathcal L = \mathcal L_{\text{task}} + \lambda \int_0^1 \Big| \frac{d}{dt}\, \mathbb E_{x_0 \sim P_0,\, x_1 \sim P_1} f\big(t\,x_0 + (1-t)\,x_1\big) \Big|\, dt",
    properties: Properties::UNKNOWN,
    related: &["demographic-parity", "equalized-odds", "mixup", "manifold-mixup"],
    uses: &["binary-cross-entropy", "demographic-parity", "equalized-odds", "mixup"],
    status: Status::NotExecutable("needs the model itself: forward passes and input gradients on inputs interpolated between two sensitive groups"),
    ..Entry::BLANK
};
