//! Reduction in one place: every loss builds per-element values and hands them here.

use burn::tensor::Tensor;

use crate::error::LossError;

/// How per-element losses are combined (PyTorch's `reduction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reduction {
    #[default]
    Mean,
    Sum,
    /// Keep the per-element values.
    None,
}

impl Reduction {
    pub fn parse(loss: &str, s: &str) -> Result<Self, LossError> {
        match s {
            "mean" => Ok(Reduction::Mean),
            "sum" => Ok(Reduction::Sum),
            "none" => Ok(Reduction::None),
            other => Err(LossError::param(loss, "reduction", "one of mean, sum, none", format!("{other:?}"))),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Reduction::Mean => "mean",
            Reduction::Sum => "sum",
            Reduction::None => "none",
        }
    }
}

/// A loss value: a scalar (shape `[]`) or per-element values of `shape`, stored flat in
/// row-major order so that one type serves every rank. `value` is a `Tensor<1>`: call
/// `.backward()` on `value.clone().sum()` to train, or [`LossTensor::reshape`] to get the
/// per-element tensor back with its rank.
#[derive(Debug, Clone)]
pub struct LossTensor {
    pub value: Tensor<1>,
    pub shape: Vec<usize>,
}

impl LossTensor {
    /// A scalar loss from a tensor holding exactly one element.
    pub fn scalar<const D: usize>(t: Tensor<D>) -> Self {
        LossTensor { value: t.reshape([1]), shape: vec![] }
    }

    /// Per-element values; the shape is kept.
    pub fn elements<const D: usize>(t: Tensor<D>) -> Self {
        let shape = t.dims().to_vec();
        let n = shape.iter().product::<usize>();
        LossTensor { value: t.reshape([n]), shape }
    }

    /// Per-element values with an explicit logical shape (e.g. `[N]` computed as `[N, 1]`).
    pub fn with_shape<const D: usize>(t: Tensor<D>, shape: Vec<usize>) -> Self {
        let n = shape.iter().product::<usize>();
        LossTensor { value: t.reshape([n]), shape }
    }

    pub fn is_scalar(&self) -> bool {
        self.shape.is_empty()
    }

    /// The per-element tensor with its rank; `None` when `D` differs from the logical rank.
    pub fn reshape<const D: usize>(&self) -> Option<Tensor<D>> {
        if self.shape.len() != D {
            return None;
        }
        let dims: [usize; D] = self.shape.clone().try_into().ok()?;
        Some(self.value.clone().reshape(dims))
    }

    /// Sum of all elements (what training differentiates).
    pub fn total(&self) -> Tensor<1> {
        self.value.clone().sum()
    }
}

/// Reduces per-element losses: mean over all elements, sum, or none.
pub fn reduce<const D: usize>(per: Tensor<D>, reduction: Reduction) -> LossTensor {
    match reduction {
        Reduction::Mean => LossTensor::scalar(per.mean()),
        Reduction::Sum => LossTensor::scalar(per.sum()),
        Reduction::None => LossTensor::elements(per),
    }
}

/// Reduces with an explicit denominator for `mean` (e.g. the sum of class weights of the
/// non-ignored targets, as PyTorch's weighted cross-entropy does).
pub fn reduce_with_denominator<const D: usize>(per: Tensor<D>, denom: Tensor<1>, reduction: Reduction) -> LossTensor {
    match reduction {
        Reduction::Mean => LossTensor::scalar(per.sum() / denom),
        Reduction::Sum => LossTensor::scalar(per.sum()),
        Reduction::None => LossTensor::elements(per),
    }
}

