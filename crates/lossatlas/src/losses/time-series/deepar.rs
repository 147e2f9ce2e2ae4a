//! DeepAR: an autoregressive recurrent network that outputs the parameters of a likelihood for
//! the next value, trained by maximum likelihood across many related series.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "deepar",
    name: "DeepAR Loss",
    aliases: &["DeepAR"],
    kind: Kind::Method,
    domains: &["time-series", "uncertainty"],
    year: 2020,
    paper: Paper {
        title: "DeepAR: Probabilistic Forecasting with Autoregressive Recurrent Networks",
        authors: "David Salinas, Valentin Flunkert, Jan Gasthaus, Tim Januschowski",
        venue: "International Journal of Forecasting",
        year: 2020,
        url: "https://doi.org/10.1016/j.ijforecast.2019.07.001",
    },
    summary: "One LSTM, shared across all series, reads the previous value and covariates at each step and outputs the parameters of a distribution for the current value: a Gaussian for real-valued data or a negative binomial for counts. Training maximizes the log-likelihood of the observed values with teacher forcing; forecasts are sample paths drawn by feeding samples back. Per-series scaling of inputs and outputs and sampling series in proportion to their scale make one model work across magnitudes. The objective is the negative log-likelihood of the chosen distribution.",
    formula: r"\mathcal{L} = -\sum_{i}\sum_{t = t_0}^{T}\log \ell\bigl(z_{i,t} \mid \theta(h_{i,t})\bigr),\quad h_{i,t} = \operatorname{LSTM}\bigl(h_{i,t-1}, z_{i,t-1}, x_{i,t}\bigr)",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &["gluonts.torch.model.deepar.DeepAREstimator"],
    related: &["gaussian-nll", "poisson-nll", "crps", "deep-state-space-elbo", "n-beats"],
    uses: &["gaussian-nll"],
    forms: &[],
    status: Status::NotExecutable("a forecasting model trained by the negative log-likelihood of its output distribution (gaussian-nll for real values)"),
    eval: None,
    ..Entry::BLANK
};
