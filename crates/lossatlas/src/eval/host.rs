//! Tensors on the host in the reference-case JSON form of `shared/reference/FORMAT.md`:
//! `{"dtype": "f64", "shape": [2, 3], "data": [...]}` with non-finite numbers as the strings
//! `"inf"`, `"-inf"`, `"nan"`.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Value as Json, json};

/// Element type of a host tensor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HostDType {
    F64,
    F32,
    I64,
    Bool,
}

impl HostDType {
    pub fn is_float(self) -> bool {
        matches!(self, HostDType::F64 | HostDType::F32)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            HostDType::F64 => "f64",
            HostDType::F32 => "f32",
            HostDType::I64 => "i64",
            HostDType::Bool => "bool",
        }
    }
}

/// A tensor on the host. Float data is kept as f64 whatever its declared dtype; integers and
/// booleans as i64 (booleans 0/1).
#[derive(Debug, Clone, PartialEq)]
pub struct HostTensor {
    pub dtype: HostDType,
    pub shape: Vec<usize>,
    pub floats: Vec<f64>,
    pub ints: Vec<i64>,
}

impl HostTensor {
    pub fn from_f64(shape: Vec<usize>, data: Vec<f64>) -> Self {
        HostTensor { dtype: HostDType::F64, shape, floats: data, ints: vec![] }
    }
    pub fn from_i64(shape: Vec<usize>, data: Vec<i64>) -> Self {
        HostTensor { dtype: HostDType::I64, shape, floats: vec![], ints: data }
    }
    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }
    pub fn len(&self) -> usize {
        if self.dtype.is_float() { self.floats.len() } else { self.ints.len() }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Values as f64 whatever the dtype.
    pub fn as_f64(&self) -> Vec<f64> {
        if self.dtype.is_float() { self.floats.clone() } else { self.ints.iter().map(|&i| i as f64).collect() }
    }

    pub fn to_json(&self) -> Json {
        let data: Vec<Json> = if self.dtype.is_float() {
            self.floats.iter().map(|&v| float_to_json(v)).collect()
        } else if self.dtype == HostDType::Bool {
            self.ints.iter().map(|&v| Json::Bool(v != 0)).collect()
        } else {
            self.ints.iter().map(|&v| json!(v)).collect()
        };
        json!({"dtype": self.dtype.as_str(), "shape": self.shape, "data": data})
    }

    pub fn from_json(v: &Json) -> Result<Self, String> {
        let obj = v.as_object().ok_or("a tensor must be an object {dtype, shape, data}")?;
        let dtype: HostDType = serde_json::from_value(obj.get("dtype").cloned().ok_or("tensor without dtype")?)
            .map_err(|e| format!("bad dtype: {e}"))?;
        let shape: Vec<usize> = serde_json::from_value(obj.get("shape").cloned().ok_or("tensor without shape")?)
            .map_err(|e| format!("bad shape: {e}"))?;
        let data = obj.get("data").and_then(|d| d.as_array()).ok_or("tensor without a data array")?;
        let numel: usize = shape.iter().product();
        if data.len() != numel {
            return Err(format!("shape {shape:?} holds {numel} values but data has {}", data.len()));
        }
        let mut t = HostTensor { dtype, shape, floats: vec![], ints: vec![] };
        match dtype {
            HostDType::F64 | HostDType::F32 => {
                t.floats = data.iter().map(json_to_float).collect::<Result<_, _>>()?;
            }
            HostDType::I64 => {
                t.ints = data
                    .iter()
                    .map(|d| d.as_i64().or_else(|| d.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)).ok_or_else(|| format!("not an integer: {d}")))
                    .collect::<Result<_, _>>()?;
            }
            HostDType::Bool => {
                t.ints = data
                    .iter()
                    .map(|d| d.as_bool().map(i64::from).or_else(|| d.as_i64()).ok_or_else(|| format!("not a boolean: {d}")))
                    .collect::<Result<_, _>>()?;
            }
        }
        Ok(t)
    }
}

pub fn float_to_json(v: f64) -> Json {
    if v.is_nan() {
        json!("nan")
    } else if v == f64::INFINITY {
        json!("inf")
    } else if v == f64::NEG_INFINITY {
        json!("-inf")
    } else {
        json!(v)
    }
}

pub fn json_to_float(d: &Json) -> Result<f64, String> {
    match d {
        Json::Number(n) => n.as_f64().ok_or_else(|| format!("not a number: {d}")),
        Json::String(s) => match s.as_str() {
            "inf" | "Infinity" => Ok(f64::INFINITY),
            "-inf" | "-Infinity" => Ok(f64::NEG_INFINITY),
            "nan" | "NaN" => Ok(f64::NAN),
            _ => Err(format!("not a number: {d}")),
        },
        Json::Bool(b) => Ok(if *b { 1.0 } else { 0.0 }),
        _ => Err(format!("not a number: {d}")),
    }
}

impl Serialize for HostTensor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

impl<'de> Deserialize<'de> for HostTensor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Json::deserialize(d)?;
        HostTensor::from_json(&v).map_err(D::Error::custom)
    }
}
