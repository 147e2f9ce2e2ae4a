//! The one dynamic evaluator: named input tensors + params → the loss tensor and the gradients
//! of `sum(loss)` with respect to every float input, by autodiff. The CLI, the web atlas and the
//! tests all go through [`evaluate`].
//!
//! Each implemented entry registers an [`EvalFn`] that reads its inputs and params from a
//! [`Call`] and calls the loss's typed public function. A parameter or input that the entry
//! never reads is an error, so nothing is silently ignored.

mod case;
mod gradcheck;
mod host;

pub use case::{Case, CaseOutcome, Expected, Tolerance, case_files, check_case, load_cases};
pub use gradcheck::{GRADCHECK_EXEMPT, GradReport, GradcheckOptions, exempt, gradcheck};
pub use host::{HostDType, HostTensor, float_to_json, json_to_float};

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};

use burn::tensor::{Bool, DType, Device, Int, Tensor, TensorData};
use serde_json::{Map, Value as Json};

use crate::catalog;
use crate::error::{LossError, fmt_shape};
use crate::numerics::{LossTensor, Reduction};

/// Dispatches a rank-generic call on a runtime rank (1 to 6): inside the body, `$d` is a
/// `const usize` equal to the rank.
macro_rules! by_rank {
    ($c:expr, $name:expr, $rank:expr, |$d:ident| $body:expr) => {
        match $rank {
            1 => { const $d: usize = 1; $body }
            2 => { const $d: usize = 2; $body }
            3 => { const $d: usize = 3; $body }
            4 => { const $d: usize = 4; $body }
            5 => { const $d: usize = 5; $body }
            6 => { const $d: usize = 6; $body }
            r => Err($crate::error::LossError::shape($c.loss, $name, "a tensor of rank 1 to 6", format!("rank {r}"))),
        }
    };
}
pub(crate) use by_rank;

/// The evaluator entry point of one catalog entry.
pub type EvalFn = fn(&Call) -> Result<LossTensor, LossError>;

/// Floating-point precision of an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precision {
    #[default]
    F32,
    F64,
}

impl Precision {
    fn dtype(self) -> DType {
        match self {
            Precision::F32 => DType::F32,
            Precision::F64 => DType::F64,
        }
    }
}

/// Options of an evaluation.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    pub precision: Precision,
    /// The device (without autodiff; the evaluator adds it). Default: `Device::flex()`.
    pub device: Device,
    /// Compute gradients (default true).
    pub gradients: bool,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions { precision: Precision::F32, device: Device::flex(), gradients: true }
    }
}

impl EvalOptions {
    pub fn f64() -> Self {
        EvalOptions { precision: Precision::F64, ..Default::default() }
    }
}

/// The result of an evaluation, on the host.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub loss: HostTensor,
    /// Gradient of `sum(loss)` for every float input.
    pub grads: BTreeMap<String, HostTensor>,
}

struct Leaf {
    name: String,
    tensor: Tensor<1>,
    shape: Vec<usize>,
}

/// What an [`EvalFn`] reads its inputs and params from.
pub struct Call<'a> {
    /// The entry id.
    pub loss: &'static str,
    form: Option<&'a str>,
    params: &'a Map<String, Json>,
    inputs: &'a BTreeMap<String, HostTensor>,
    device: Device,
    dtype: DType,
    gradients: bool,
    leaves: RefCell<Vec<Leaf>>,
    read_params: RefCell<BTreeSet<String>>,
    read_inputs: RefCell<BTreeSet<String>>,
}

impl<'a> Call<'a> {
    /// The form (variant) asked for, if any.
    pub fn form(&self) -> Option<&'a str> {
        self.form
    }

    /// The device tensors are created on (with autodiff).
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// The float dtype of the evaluation.
    pub fn dtype(&self) -> DType {
        self.dtype
    }

    fn err_missing(&self, name: &str) -> LossError {
        let have: Vec<&str> = self.inputs.keys().map(|s| s.as_str()).collect();
        LossError::missing(self.loss, name, format!("an input named `{name}` (given: {})", have.join(", ")))
    }

    /// Whether an input is present.
    pub fn has(&self, name: &str) -> bool {
        self.inputs.contains_key(name)
    }

    /// The host tensor of an input (marks it as read).
    pub fn host(&self, name: &str) -> Result<&'a HostTensor, LossError> {
        let t = self.inputs.get(name).ok_or_else(|| self.err_missing(name))?;
        self.read_inputs.borrow_mut().insert(name.to_string());
        Ok(t)
    }

    /// The host tensor of an optional input.
    pub fn host_opt(&self, name: &str) -> Option<&'a HostTensor> {
        self.read_inputs.borrow_mut().insert(name.to_string());
        self.inputs.get(name)
    }

    /// The shape of an input.
    pub fn shape(&self, name: &str) -> Result<&'a [usize], LossError> {
        Ok(&self.inputs.get(name).ok_or_else(|| self.err_missing(name))?.shape)
    }

    fn check_rank(&self, name: &str, t: &HostTensor, d: usize) -> Result<(), LossError> {
        if t.shape.len() != d {
            return Err(LossError::shape(self.loss, name, format!("a tensor of rank {d}"), format!("shape {}", fmt_shape(&t.shape))));
        }
        Ok(())
    }

    fn leaf(&self, name: &str, t: &HostTensor) -> Tensor<1> {
        if let Some(l) = self.leaves.borrow().iter().find(|l| l.name == name) {
            return l.tensor.clone();
        }
        let data = TensorData::new(t.floats.clone(), [t.floats.len()]);
        let mut x = Tensor::<1>::from_data(data, (&self.device, DType::F64)).cast(self.dtype);
        if self.gradients {
            x = x.require_grad();
        }
        self.leaves.borrow_mut().push(Leaf { name: name.to_string(), tensor: x.clone(), shape: t.shape.clone() });
        x
    }

    /// A float input of rank `D`. Float inputs are autodiff leaves: their gradients are
    /// reported. Integer or boolean data is converted to floats (without a gradient).
    pub fn float<const D: usize>(&self, name: &str) -> Result<Tensor<D>, LossError> {
        let t = self.host(name)?;
        self.check_rank(name, t, D)?;
        let dims: [usize; D] = t.shape.clone().try_into().expect("rank checked");
        self.float_reshaped(name, dims)
    }

    /// A float input of any rank, reshaped to `dims` (same number of elements).
    pub fn float_reshaped<const D: usize>(&self, name: &str, dims: [usize; D]) -> Result<Tensor<D>, LossError> {
        let t = self.host(name)?;
        if dims.iter().product::<usize>() != t.numel() {
            return Err(LossError::shape(self.loss, name, format!("{} elements", dims.iter().product::<usize>()), format!("shape {}", fmt_shape(&t.shape))));
        }
        if t.dtype.is_float() {
            Ok(self.leaf(name, t).reshape(dims))
        } else {
            let data = TensorData::new(t.as_f64(), dims);
            Ok(Tensor::<D>::from_data(data, (&self.device, DType::F64)).cast(self.dtype))
        }
    }

    /// An optional float input of rank `D`.
    pub fn float_opt<const D: usize>(&self, name: &str) -> Result<Option<Tensor<D>>, LossError> {
        if self.has(name) { self.float(name).map(Some) } else { self.read_inputs.borrow_mut().insert(name.into()); Ok(None) }
    }

    fn int_host(&self, name: &str) -> Result<&'a HostTensor, LossError> {
        let t = self.host(name)?;
        if t.dtype.is_float() {
            return Err(LossError::dtype(self.loss, name, "integer (i64) values", format!("{} values", t.dtype.as_str())));
        }
        Ok(t)
    }

    /// An integer input of rank `D` (labels, lengths). Float data is a dtype error.
    pub fn int<const D: usize>(&self, name: &str) -> Result<Tensor<D, Int>, LossError> {
        let t = self.int_host(name)?;
        self.check_rank(name, t, D)?;
        let dims: [usize; D] = t.shape.clone().try_into().expect("rank checked");
        Ok(Tensor::from_data(TensorData::new(t.ints.clone(), dims), &self.device))
    }

    /// An integer input of any rank, reshaped to `dims`.
    pub fn int_reshaped<const D: usize>(&self, name: &str, dims: [usize; D]) -> Result<Tensor<D, Int>, LossError> {
        let t = self.int_host(name)?;
        if dims.iter().product::<usize>() != t.numel() {
            return Err(LossError::shape(self.loss, name, format!("{} elements", dims.iter().product::<usize>()), format!("shape {}", fmt_shape(&t.shape))));
        }
        Ok(Tensor::from_data(TensorData::new(t.ints.clone(), dims), &self.device))
    }

    /// The integer values of an input on the host.
    pub fn int_values(&self, name: &str) -> Result<&'a [i64], LossError> {
        Ok(&self.int_host(name)?.ints)
    }

    /// A boolean mask input of rank `D` (bool, or integers / floats read as `!= 0`).
    pub fn mask<const D: usize>(&self, name: &str) -> Result<Tensor<D, Bool>, LossError> {
        let t = self.host(name)?;
        self.check_rank(name, t, D)?;
        let dims: [usize; D] = t.shape.clone().try_into().expect("rank checked");
        let vals: Vec<bool> = t.as_f64().iter().map(|&v| v != 0.0).collect();
        Ok(Tensor::from_data(TensorData::new(vals, dims), &self.device))
    }

    // ----- params ---------------------------------------------------------------------------

    fn param(&self, name: &str) -> Option<&'a Json> {
        self.read_params.borrow_mut().insert(name.to_string());
        self.params.get(name).filter(|v| !v.is_null())
    }

    /// Whether a param is given (and not null).
    pub fn has_param(&self, name: &str) -> bool {
        self.param(name).is_some()
    }

    /// The raw JSON of a param.
    pub fn json(&self, name: &str) -> Option<&'a Json> {
        self.param(name)
    }

    /// A number param; null or absent → `None`.
    pub fn f64_opt(&self, name: &str) -> Result<Option<f64>, LossError> {
        match self.param(name) {
            None => Ok(None),
            Some(v) => json_to_float(v).map(Some).map_err(|_| LossError::param(self.loss, name, "a number", v.to_string())),
        }
    }

    /// A number param with a default.
    pub fn f64(&self, name: &str, default: f64) -> Result<f64, LossError> {
        Ok(self.f64_opt(name)?.unwrap_or(default))
    }

    /// An integer param; null or absent → `None`.
    pub fn i64_opt(&self, name: &str) -> Result<Option<i64>, LossError> {
        match self.param(name) {
            None => Ok(None),
            Some(v) => v
                .as_i64()
                .or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9e15).map(|f| f as i64))
                .map(Some)
                .ok_or_else(|| LossError::param(self.loss, name, "an integer", v.to_string())),
        }
    }

    /// An integer param with a default.
    pub fn i64(&self, name: &str, default: i64) -> Result<i64, LossError> {
        Ok(self.i64_opt(name)?.unwrap_or(default))
    }

    /// A boolean param with a default.
    pub fn bool(&self, name: &str, default: bool) -> Result<bool, LossError> {
        match self.param(name) {
            None => Ok(default),
            Some(v) => v.as_bool().ok_or_else(|| LossError::param(self.loss, name, "true or false", v.to_string())),
        }
    }

    /// A string param; null or absent → `None`.
    pub fn str_opt(&self, name: &str) -> Result<Option<&'a str>, LossError> {
        match self.param(name) {
            None => Ok(None),
            Some(v) => v.as_str().map(Some).ok_or_else(|| LossError::param(self.loss, name, "a string", v.to_string())),
        }
    }

    /// A string param with a default.
    pub fn str(&self, name: &str, default: &'static str) -> Result<&'a str, LossError>
    where
        'static: 'a,
    {
        Ok(self.str_opt(name)?.unwrap_or(default))
    }

    /// A list of numbers; null or absent → `None`.
    pub fn f64_list_opt(&self, name: &str) -> Result<Option<Vec<f64>>, LossError> {
        match self.param(name) {
            None => Ok(None),
            Some(Json::Array(xs)) => xs
                .iter()
                .map(json_to_float)
                .collect::<Result<Vec<_>, _>>()
                .map(Some)
                .map_err(|e| LossError::param(self.loss, name, "a list of numbers", e)),
            Some(v) => Err(LossError::param(self.loss, name, "a list of numbers", v.to_string())),
        }
    }

    /// A list of integers; null or absent → `None`.
    pub fn i64_list_opt(&self, name: &str) -> Result<Option<Vec<i64>>, LossError> {
        match self.f64_list_opt(name)? {
            None => Ok(None),
            Some(xs) => xs
                .iter()
                .map(|&x| if x.fract() == 0.0 { Ok(x as i64) } else { Err(LossError::param(self.loss, name, "a list of integers", format!("{x}"))) })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
        }
    }

    /// The `reduction` param.
    pub fn reduction(&self, default: Reduction) -> Result<Reduction, LossError> {
        match self.str_opt("reduction")? {
            None => Ok(default),
            Some(s) => Reduction::parse(self.loss, s),
        }
    }

    /// Error for a form this entry does not have.
    pub fn unknown_form(&self, known: &[&str]) -> LossError {
        LossError::unsupported(self.loss, "form", format!("one of {}", known.join(", ")), format!("{:?}", self.form.unwrap_or("")))
    }
}

/// Evaluates entry `id` (or an alias) on host inputs.
pub fn evaluate(
    id: &str,
    form: Option<&str>,
    params: &Map<String, Json>,
    inputs: &BTreeMap<String, HostTensor>,
    opts: &EvalOptions,
) -> Result<Evaluation, LossError> {
    let entry = catalog::get(id).ok_or_else(|| LossError::unsupported(id, "loss", "a catalog id (see `lossatlas list`)", format!("{id:?}")))?;
    let eval = entry.eval.ok_or_else(|| {
        LossError::unsupported(entry.id, "loss", "an implemented entry", format!("status {} ({})", entry.status.slug(), entry.status.reason().unwrap_or("")))
    })?;
    for (name, t) in inputs {
        if t.len() != t.numel() {
            return Err(LossError::shape(entry.id, name, format!("{} values for shape {}", t.numel(), fmt_shape(&t.shape)), format!("{}", t.len())));
        }
    }
    let device = if opts.gradients { opts.device.clone().autodiff() } else { opts.device.clone() };
    let call = Call {
        loss: entry.id,
        form,
        params,
        inputs,
        device,
        dtype: opts.precision.dtype(),
        gradients: opts.gradients,
        leaves: RefCell::new(vec![]),
        read_params: RefCell::new(BTreeSet::new()),
        read_inputs: RefCell::new(BTreeSet::new()),
    };
    let run = catch_unwind(AssertUnwindSafe(|| -> Result<Evaluation, LossError> {
        let out = eval(&call)?;
        if let Some(p) = params.keys().find(|p| !call.read_params.borrow().contains(*p)) {
            return Err(LossError::param(
                entry.id,
                p,
                format!("a parameter this entry{} has (see `lossatlas show {}`)", form.map(|f| format!(" (form {f})")).unwrap_or_default(), entry.id),
                "an unknown parameter",
            ));
        }
        if let Some(i) = inputs.keys().find(|i| !call.read_inputs.borrow().contains(*i)) {
            return Err(LossError::unsupported(entry.id, i, "an input this entry uses", "an input it does not read"));
        }
        let loss_vals = crate::numerics::host_f64(&out.value);
        let loss = HostTensor::from_f64(out.shape.clone(), loss_vals);
        let mut grads = BTreeMap::new();
        if opts.gradients {
            let leaves = call.leaves.borrow();
            let total = out.total();
            let g = if total.is_tracked() { Some(total.backward()) } else { None };
            for leaf in leaves.iter() {
                let vals = match g.as_ref().and_then(|g| leaf.tensor.grad(g)) {
                    Some(t) => crate::numerics::host_f64(&t),
                    None => vec![0.0; leaf.shape.iter().product()],
                };
                grads.insert(leaf.name.clone(), HostTensor::from_f64(leaf.shape.clone(), vals));
            }
        }
        Ok(Evaluation { loss, grads })
    }));
    match run {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .map(|s| s.as_str())
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("a panic");
            let first = msg.lines().filter(|l| !l.trim().is_empty()).take(4).collect::<Vec<_>>().join(" ");
            Err(LossError::internal(entry.id, first))
        }
    }
}
