//! # Loss Atlas
//!
//! The atlas of deep-learning loss functions that people can run: a catalog of every loss
//! (paper, formula, inputs, hyperparameters, properties, equivalents) and an implementation
//! of every executable entry on burn tensors, checked against reference libraries.
//!
//! ```
//! use burn::tensor::{Device, Tensor, Int};
//! use lossatlas::losses::classification::cross_entropy::{cross_entropy, CrossEntropyConfig};
//!
//! let device = Device::flex();
//! let logits = Tensor::<2>::from_floats([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], &device);
//! let targets = Tensor::<1, Int>::from_ints([0, 2], &device);
//! let loss = cross_entropy(logits, targets, &CrossEntropyConfig::default()).unwrap();
//! assert!(loss.is_scalar());
//! ```

pub mod catalog;
pub mod error;
pub mod eval;
pub mod guide;
pub mod losses;
pub mod numerics;
pub mod plot;
#[cfg(test)]
pub(crate) mod testing;

pub use catalog::{Entry, Kind, Status};
pub use error::{ErrorKind, LossError};
pub use numerics::{LossTensor, Reduction};
