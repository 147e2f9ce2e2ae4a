//! One error type for every loss: it names the loss, the argument, and what was expected
//! versus what was found, so that a CLI user or an HTTP client can fix the input without a
//! backtrace.

use std::fmt;

/// What went wrong, coarsely; the message carries the details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A tensor has the wrong rank or its dimensions do not agree with another input.
    Shape,
    /// A value inside a tensor is outside its domain (label out of range, negative length,
    /// probability above one, NaN where a finite number is required).
    Value,
    /// A tensor has the wrong element type (float where integers are needed, ...).
    DType,
    /// A hyperparameter is invalid (negative gamma, NaN margin, zero temperature, unknown option).
    Param,
    /// The batch (or another axis that must not be empty) is empty.
    Empty,
    /// A required input is missing.
    Missing,
    /// The combination is valid in principle but not supported by this entry.
    Unsupported,
    /// A bug in Loss Atlas itself (a caught panic); please report it.
    Internal,
}

/// The error every public loss function returns instead of panicking.
#[derive(Debug, Clone, PartialEq)]
pub struct LossError {
    pub kind: ErrorKind,
    /// The catalog id of the loss, e.g. `focal`.
    pub loss: String,
    /// The input or hyperparameter at fault, e.g. `targets` or `gamma`.
    pub arg: String,
    /// What was expected, e.g. `shape [16] (the batch of logits)`.
    pub expected: String,
    /// What was found, e.g. `[8]`.
    pub found: String,
}

impl LossError {
    pub fn new(
        kind: ErrorKind,
        loss: &str,
        arg: &str,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> Self {
        Self { kind, loss: loss.to_string(), arg: arg.to_string(), expected: expected.into(), found: found.into() }
    }
    pub fn shape(loss: &str, arg: &str, expected: impl Into<String>, found: impl Into<String>) -> Self {
        Self::new(ErrorKind::Shape, loss, arg, expected, found)
    }
    pub fn value(loss: &str, arg: &str, expected: impl Into<String>, found: impl Into<String>) -> Self {
        Self::new(ErrorKind::Value, loss, arg, expected, found)
    }
    pub fn dtype(loss: &str, arg: &str, expected: impl Into<String>, found: impl Into<String>) -> Self {
        Self::new(ErrorKind::DType, loss, arg, expected, found)
    }
    pub fn param(loss: &str, arg: &str, expected: impl Into<String>, found: impl Into<String>) -> Self {
        Self::new(ErrorKind::Param, loss, arg, expected, found)
    }
    pub fn empty(loss: &str, arg: &str, expected: impl Into<String>) -> Self {
        Self::new(ErrorKind::Empty, loss, arg, expected, "an empty tensor")
    }
    pub fn missing(loss: &str, arg: &str, expected: impl Into<String>) -> Self {
        Self::new(ErrorKind::Missing, loss, arg, expected, "nothing")
    }
    pub fn unsupported(loss: &str, arg: &str, expected: impl Into<String>, found: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unsupported, loss, arg, expected, found)
    }
    pub fn internal(loss: &str, found: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, loss, "-", "no internal error (please report this)", found)
    }
}

impl fmt::Display for LossError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: expected {}, found {}", self.loss, self.arg, self.expected, self.found)
    }
}

impl std::error::Error for LossError {}

/// Formats a shape the way the messages show it: `[4, 3]`.
pub fn fmt_shape(shape: &[usize]) -> String {
    format!("{shape:?}")
}
