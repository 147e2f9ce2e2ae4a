//! Just Train Twice: improve worst-group accuracy without group labels by training an ERM model
//! briefly, collecting the training examples it gets wrong, and retraining with those examples
//! upweighted.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "jtt",
    name: "Just Train Twice (JTT) Loss",
    aliases: &["JTT", "Just Train Twice"],
    kind: Kind::Method,
    domains: &["calibration-fairness", "classification", "domain-adaptation"],
    year: 2021,
    paper: Paper {
        title: "Just Train Twice: Improving Group Robustness without Training Group Information",
        authors: "Evan Zheran Liu, Behzad Haghgoo, Annie S. Chen, Aditi Raghunathan, Pang Wei Koh, Shiori Sagawa, Percy Liang, Chelsea Finn",
        venue: "ICML",
        year: 2021,
        url: "https://arxiv.org/abs/2107.09044",
    },
    summary: "Two training runs with plain cross-entropy: an identification model is trained by ERM for a few epochs, the set E of training examples it misclassifies is collected (these are disproportionately minority-group examples under spurious correlations), and a final model is trained with the examples in E upweighted by lambda_up (equivalently, upsampled). It approaches Group DRO's worst-group accuracy while needing group labels only on a validation set for choosing the number of epochs and lambda_up, which are sensitive hyperparameters.",
    formula: r"E = \{ i : \hat f_{\text{id}}(x_i) \neq y_i \},\qquad J(\theta) = \sum_{i \notin E} \ell(x_i, y_i; \theta) + \lambda_{\text{up}} \sum_{i \in E} \ell(x_i, y_i; \theta)",
    properties: Properties::UNKNOWN,
    related: &["group-dro", "cross-entropy", "v-rex", "irm-v1"],
    uses: &["cross-entropy"],
    status: Status::NotExecutable("a two-stage training procedure: the error set comes from a first, separately trained model"),
    ..Entry::BLANK
};
