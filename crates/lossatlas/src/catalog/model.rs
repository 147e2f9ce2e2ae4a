//! The catalog model: one [`Entry`] per loss, written as plain `const` data in the entry's own
//! file so that grep and rust-analyzer understand it. Everything the CLI, the web atlas and the
//! guide show comes from these values.

use serde::Serialize;

use crate::eval::EvalFn;

/// What an entry is. Only `Loss`, `Penalty` and `Score` entries are directly executable;
/// a `Composite` is a weighted recipe of other entries and a `Method` is a training procedure
/// whose objective is made of other entries (named in [`Entry::uses`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A training objective on model outputs.
    Loss,
    /// A term on parameters or gradients (weight decay, gradient penalty, ...).
    Penalty,
    /// A metric or detector score, not trained on.
    Score,
    /// A weighted recipe of other entries.
    Composite,
    /// A training procedure whose objective is other entries.
    Method,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Loss, Kind::Penalty, Kind::Score, Kind::Composite, Kind::Method];
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Loss => "loss",
            Kind::Penalty => "penalty",
            Kind::Score => "score",
            Kind::Composite => "composite",
            Kind::Method => "method",
        }
    }
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Implementation status. `Implemented` holds exactly when the entry has an evaluator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "reason", rename_all = "kebab-case")]
pub enum Status {
    /// Runs through the evaluator and is checked against its reference cases and by finite
    /// differences.
    Implemented,
    /// To be implemented; the string says what is missing.
    Planned(&'static str),
    /// Cannot be run as a function of tensors; the string says why.
    NotExecutable(&'static str),
}

impl Status {
    pub fn slug(&self) -> &'static str {
        match self {
            Status::Implemented => "implemented",
            Status::Planned(_) => "planned",
            Status::NotExecutable(_) => "not-executable",
        }
    }
    pub fn reason(&self) -> Option<&'static str> {
        match self {
            Status::Implemented => None,
            Status::Planned(r) | Status::NotExecutable(r) => Some(r),
        }
    }
}

/// The paper (or other primary source) that introduced an entry.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Paper {
    pub title: &'static str,
    pub authors: &'static str,
    /// Journal, conference or publisher; empty when unknown.
    pub venue: &'static str,
    pub year: i32,
    /// Link to the paper; empty when there is none.
    pub url: &'static str,
}

impl Paper {
    pub const NONE: Paper = Paper { title: "", authors: "", venue: "", year: 0, url: "" };
}

/// A named input tensor (names follow `shared/reference/FORMAT.md`).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Input {
    pub name: &'static str,
    /// Shape in symbols, e.g. `[N, C, *]`.
    pub shape: &'static str,
    pub meaning: &'static str,
}

/// A default value of a hyperparameter.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Float(f64),
    Int(i64),
    Bool(bool),
    Str(&'static str),
    Floats(&'static [f64]),
    /// No value (`None` in Python): the option is off.
    Null,
}

/// The values a hyperparameter may take.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Range {
    /// A real number in an interval; `open_*` excludes the end point.
    Real { min: f64, max: f64, open_min: bool, open_max: bool },
    /// An integer in a closed interval.
    Integer { min: i64, max: i64 },
    Bool,
    /// One of a fixed set of strings.
    Choice { values: &'static [&'static str] },
    /// A list of real numbers (per-class weights, ...), each in `[min, max]`.
    Reals { min: f64, max: f64 },
    /// Free-form (a nested spec, a distance name, ...).
    Any,
}

impl Range {
    pub const NON_NEGATIVE: Range = Range::Real { min: 0.0, max: f64::INFINITY, open_min: false, open_max: true };
    pub const POSITIVE: Range = Range::Real { min: 0.0, max: f64::INFINITY, open_min: true, open_max: true };
    pub const UNIT: Range = Range::Real { min: 0.0, max: 1.0, open_min: false, open_max: false };
    pub const REAL: Range = Range::Real { min: f64::NEG_INFINITY, max: f64::INFINITY, open_min: true, open_max: true };
    pub const REDUCTION: Range = Range::Choice { values: &["mean", "sum", "none"] };

    /// Whether `v` is allowed. `Null` is allowed by every range (it switches an option off).
    pub fn contains(&self, v: &Value) -> bool {
        match (self, v) {
            (_, Value::Null) | (Range::Any, _) => true,
            (Range::Real { min, max, open_min, open_max }, Value::Float(x)) => {
                let x = *x;
                !x.is_nan()
                    && (if *open_min { x > *min } else { x >= *min })
                    && (if *open_max { x < *max } else { x <= *max })
            }
            (Range::Real { .. }, Value::Int(i)) => self.contains(&Value::Float(*i as f64)),
            (Range::Integer { min, max }, Value::Int(i)) => i >= min && i <= max,
            (Range::Bool, Value::Bool(_)) => true,
            (Range::Choice { values }, Value::Str(s)) => values.contains(s),
            (Range::Reals { min, max }, Value::Floats(xs)) => xs.iter().all(|x| x >= min && x <= max),
            _ => false,
        }
    }

    /// Human-readable form, e.g. `[0, inf)` or `mean | sum | none`.
    pub fn describe(&self) -> String {
        fn num(x: f64) -> String {
            if x == f64::INFINITY { "inf".into() } else if x == f64::NEG_INFINITY { "-inf".into() } else { format!("{x}") }
        }
        match self {
            Range::Real { min, max, open_min, open_max } => format!(
                "{}{}, {}{}",
                if *open_min { "(" } else { "[" },
                num(*min),
                num(*max),
                if *open_max { ")" } else { "]" }
            ),
            Range::Integer { min, max } => format!("integer in [{min}, {max}]"),
            Range::Bool => "true | false".into(),
            Range::Choice { values } => values.join(" | "),
            Range::Reals { min, max } => format!("list of reals in [{}, {}]", num(*min), num(*max)),
            Range::Any => "any".into(),
        }
    }
}

/// A hyperparameter, named as PyTorch names it where PyTorch has the loss.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Param {
    pub name: &'static str,
    /// LaTeX symbol used in the formula (metadata only), e.g. `\gamma`.
    pub symbol: &'static str,
    pub default: Value,
    pub range: Range,
    pub meaning: &'static str,
}

impl Param {
    /// The `reduction` parameter shared by most losses.
    pub const REDUCTION_MEAN: Param = Param {
        name: "reduction",
        symbol: "",
        default: Value::Str("mean"),
        range: Range::REDUCTION,
        meaning: "how per-element losses are combined: mean, sum, or none (keep them)",
    };
}

/// Yes / no / not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tri {
    Yes,
    No,
    Unknown,
}

/// What the prediction input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Operand {
    /// Unnormalized scores (before softmax / sigmoid).
    Logits,
    /// Probabilities.
    Probabilities,
    /// Log-probabilities.
    LogProbabilities,
    /// Real-valued predictions (regression, signals, images).
    Values,
    /// Embeddings or features.
    Embeddings,
    /// Boxes, points, or other geometry.
    Geometry,
    /// Model parameters or gradients.
    Parameters,
    /// Not applicable (methods, composites).
    NotApplicable,
}

/// Properties of an entry. Declared once, spot-checked by tests for implemented entries.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Properties {
    /// Convex in the prediction (for fixed targets).
    pub convex: Tri,
    /// Bounded above.
    pub bounded: Tri,
    /// Differentiable everywhere (no kinks).
    pub smooth: Tri,
    /// Grows slower than quadratically in large residuals / margins.
    pub robust_to_outliers: Tri,
    /// Designed for class imbalance.
    pub suits_imbalance: Tri,
    /// Designed for noisy labels.
    pub suits_label_noise: Tri,
    /// What the prediction input is.
    pub operand: Operand,
}

impl Properties {
    pub const UNKNOWN: Properties = Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::Unknown,
        suits_label_noise: Tri::Unknown,
        operand: Operand::NotApplicable,
    };
}

/// A documented variant of an entry (`form` in the reference cases), e.g. focal loss as
/// torchvision, kornia, MONAI or optax compute it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Form {
    pub name: &'static str,
    pub description: &'static str,
}

/// The inputs of one point of a plot slice: the loss is evaluated on `inputs` and the slice's
/// derivative is the gradient of element `index` of input `wrt`.
#[derive(Debug, Clone)]
pub struct PlotInput {
    pub form: Option<&'static str>,
    pub params: serde_json::Value,
    pub inputs: Vec<(&'static str, crate::eval::HostTensor)>,
    pub wrt: &'static str,
    pub index: usize,
}

/// A meaningful one-dimensional slice of an entry for plots: `at(x)` builds the inputs for
/// `x` in `[from, to]`.
#[derive(Debug, Clone, Copy)]
pub struct PlotSpec {
    /// What x is, e.g. `logit of the true class`.
    pub x_label: &'static str,
    pub from: f64,
    pub to: f64,
    pub at: fn(f64) -> PlotInput,
}

/// One catalog entry.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Entry {
    /// Kebab-case id, fixed by `shared/atlas/index.tsv` where it has the entry.
    pub id: &'static str,
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub kind: Kind,
    /// Domain slugs (see [`crate::catalog::DOMAINS`]); the first is the primary one.
    pub domains: &'static [&'static str],
    /// Year of introduction.
    pub year: i32,
    /// Whether the year is approximate (index.tsv writes `~1805`).
    pub year_approx: bool,
    pub paper: Paper,
    /// 2–4 sentences in our own words: what it optimizes, when to use it, pitfalls.
    pub summary: &'static str,
    /// LaTeX of what the code computes.
    pub formula: &'static str,
    pub inputs: &'static [Input],
    pub params: &'static [Param],
    pub properties: Properties,
    /// Equivalents in other libraries, e.g. `torch.nn.CrossEntropyLoss`.
    pub equivalents: &'static [&'static str],
    pub related: &'static [&'static str],
    /// For composites and methods: the entries they are made of.
    pub uses: &'static [&'static str],
    /// Variants; the first is the default.
    pub forms: &'static [Form],
    pub status: Status,
    /// The evaluator entry point; `Some` exactly when `status` is `Implemented`.
    #[serde(skip)]
    pub eval: Option<EvalFn>,
    /// A plot slice of its own; `None` uses the first standard probe the entry accepts.
    #[serde(skip)]
    pub plot: Option<PlotSpec>,
}

impl Entry {
    /// A blank entry to fill with struct-update syntax (`..Entry::BLANK`).
    pub const BLANK: Entry = Entry {
        id: "",
        name: "",
        aliases: &[],
        kind: Kind::Loss,
        domains: &[],
        year: 0,
        year_approx: false,
        paper: Paper::NONE,
        summary: "",
        formula: "",
        inputs: &[],
        params: &[],
        properties: Properties::UNKNOWN,
        equivalents: &[],
        related: &[],
        uses: &[],
        forms: &[],
        status: Status::Planned("not implemented yet"),
        eval: None,
        plot: None,
    };

    pub fn is_implemented(&self) -> bool {
        self.eval.is_some()
    }
}
