//! Deep state space models: a recurrent network emits, per time step, the parameters of a linear
//! Gaussian state space model, trained by that model's marginal likelihood from a Kalman filter.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "deep-state-space-elbo",
    name: "Variational Inference Loss for State Space Models",
    aliases: &["DeepState Loss", "Deep State Space Model Likelihood"],
    kind: Kind::Loss,
    domains: &["time-series", "uncertainty"],
    year: 2018,
    paper: Paper {
        title: "Deep State Space Models for Time Series Forecasting",
        authors: "Syama Sundar Rangapuram, Matthias W. Seeger, Jan Gasthaus, Lorenzo Stella, Yuyang Wang, Tim Januschowski",
        venue: "NeurIPS",
        year: 2018,
        url: "https://papers.nips.cc/paper/2018/hash/5cf68969fb67aa6082363a6d4e6468e2-Abstract.html",
    },
    summary: "An RNN maps covariates to the time-varying parameters of a linear Gaussian state space model (transition, emission, innovation and observation noise, plus the initial state), and training maximizes the exact marginal likelihood of each observed series under that model, computed by Kalman filtering. Despite this entry's id, the cited paper needs no variational bound: the likelihood is exact because the state space model is linear Gaussian (variational ELBOs appear in non-linear deep state space models). Structured states (level, trend, seasonality) keep forecasts interpretable and data-efficient.",
    formula: r"\mathcal{L} = -\sum_{i}\log p\bigl(z^{(i)}_{1:T} \mid \Theta^{(i)}_{1:T}\bigr) = -\sum_{i}\sum_{t=1}^{T}\log\mathcal{N}\bigl(z^{(i)}_{t};\ a_t^\top \mu_{t|t-1} + b_t,\ a_t^\top \Sigma_{t|t-1} a_t + \sigma_t^2\bigr),\quad \Theta_t = \Psi\bigl(x_{1:t}, \Phi\bigr)",
    inputs: &[
        Input { name: "target", shape: "[N, T]", meaning: "observed series z" },
        Input { name: "emission", shape: "[N, T, S]", meaning: "emission vectors a_t" },
        Input { name: "emission_bias", shape: "[N, T]", meaning: "emission offsets b_t" },
        Input { name: "transition", shape: "[N, T, S, S]", meaning: "transition matrices F_t" },
        Input { name: "innovation", shape: "[N, T, S]", meaning: "innovation strengths g_t (state noise g_t g_t^T)" },
        Input { name: "noise_std", shape: "[N, T]", meaning: "observation noise sigma_t" },
        Input { name: "prior_mean", shape: "[N, S]", meaning: "initial state mean" },
        Input { name: "prior_cov", shape: "[N, S, S]", meaning: "initial state covariance" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[],
    related: &["deepar", "gaussian-nll", "elbo"],
    forms: &[],
    status: Status::Planned("not implemented yet: needs a differentiable Kalman filter recursion"),
    eval: None,
    ..Entry::BLANK
};
