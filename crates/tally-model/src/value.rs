use serde::{Deserialize, Serialize, Serializer};

/// The value of a figure: a closed or half-open range with an approximation flag.
/// Exact numbers have `low == high`; "over 3,000" has `high == None`; "up to 50" has `low == None`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Value {
    #[serde(serialize_with = "ser_num")]
    pub low: Option<f64>,
    #[serde(serialize_with = "ser_num")]
    pub high: Option<f64>,
    pub approx: bool,
}

impl Value {
    pub fn exact(v: f64) -> Self {
        Value { low: Some(v), high: Some(v), approx: false }
    }
    pub fn range(low: f64, high: f64) -> Self {
        Value { low: Some(low), high: Some(high), approx: false }
    }
}

/// A figure's number rounded to 12 significant digits, so that scaling artefacts of binary
/// floating point ("4.1 million" = 4099999.9999999995) read as the number the text wrote.
pub fn clean_number(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let digits = 12 - x.abs().log10().ceil() as i32;
    if !(-300..=300).contains(&digits) {
        return x;
    }
    let f = 10f64.powi(digits);
    let r = (x * f).round() / f;
    if r.is_finite() {
        r
    } else {
        x
    }
}

/// Whole numbers are written as JSON integers (`10000`, not `10000.0`).
fn ser_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    let v = &v.map(clean_number);
    match v {
        None => s.serialize_none(),
        Some(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) if x.is_finite() => s.serialize_f64(*x),
        Some(_) => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_artefacts_are_cleaned() {
        assert_eq!(clean_number(4.1 * 1e6), 4_100_000.0);
        assert_eq!(clean_number(0.1 + 0.2), 0.3);
        assert_eq!(clean_number(2.47e9), 2.47e9);
        assert_eq!(clean_number(-1.5), -1.5);
        let v = Value::exact(4.1 * 1e6);
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"low":4100000,"high":4100000,"approx":false}"#);
    }

    #[test]
    fn whole_numbers_serialize_as_integers() {
        let v = Value { low: Some(3000.0), high: None, approx: false };
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"low":3000,"high":null,"approx":false}"#);
        let v = Value { low: Some(1.5), high: Some(f64::NAN), approx: true };
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"low":1.5,"high":null,"approx":true}"#);
    }
}
