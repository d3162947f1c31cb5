//! Decimal helpers shared by every module: the wire format of amounts and
//! checked arithmetic shorthands.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;
use std::str::FromStr;

use crate::error::{OrOverflow, Result};

/// Parses a decimal written as a JSON string (`"12.50"`) or a JSON number
/// (`12.5`). Numbers are read through their shortest `f64` representation, so
/// `0.1` reads as exactly `0.1`; quote amounts that need more than 15
/// significant digits.
pub(crate) fn deserialize_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(DecimalVisitor)
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number or a string holding one")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).ok_or_else(|| E::custom(format!("expected a decimal number, got \"{v}\"")))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        decimal_from_f64(v).ok_or_else(|| E::custom(format!("number {v} is not representable as a decimal")))
    }
}

/// A JSON scalar read as either text or a decimal number, with a clear
/// error for anything else (booleans, null, arrays, objects).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NumberOrText {
    Text(String),
    Number(Decimal),
}

impl<'de> serde::Deserialize<'de> for NumberOrText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = NumberOrText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NumberOrText, E> {
                Ok(NumberOrText::Text(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumberOrText, E> {
                Ok(NumberOrText::Number(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumberOrText, E> {
                Ok(NumberOrText::Number(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumberOrText, E> {
                decimal_from_f64(v).map(NumberOrText::Number).ok_or_else(|| {
                    E::custom(format!("must be a finite number within ±7.9e28 (quote long amounts), got {v}"))
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// Parses `"12.5"`, `"-3"`, `"1e3"`-free decimal text; `None` when invalid.
pub(crate) fn parse_decimal(s: &str) -> Option<Decimal> {
    let s = s.trim();
    let mut d = Decimal::from_str_exact(s).or_else(|_| Decimal::from_str(s)).ok()?;
    // "-0", or a negative amount beyond 28 places that rounds to zero, is zero: one zero, so
    // every zero is written "0" and reads back the same.
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    Some(d)
}

/// `f64` → `Decimal` through the shortest round-tripping representation;
/// `None` for NaN, infinities and magnitudes beyond `Decimal`.
pub(crate) fn decimal_from_f64(v: f64) -> Option<Decimal> {
    if !v.is_finite() {
        return None;
    }
    // Display of f64 is the shortest string that round-trips, written on the
    // stack. `from_str_exact` accepts at most 28 places or 29 digits before
    // the point (about 31 bytes with the sign), so text that does not fit in
    // the 64 bytes would be refused too: such a value takes the binary
    // conversion either way (tested).
    let mut stack = StackText { buf: [0; 64], len: 0 };
    let fits = std::fmt::Write::write_fmt(&mut stack, format_args!("{v}")).is_ok();
    let mut d = fits.then(|| Decimal::from_str_exact(stack.as_str()).ok()).flatten().or_else(|| {
        use rust_decimal::prelude::FromPrimitive;
        Decimal::from_f64(v)
    })?;
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    Some(d)
}

/// Text written into a fixed buffer: [`std::fmt::Write`] fails when it
/// would not fit.
struct StackText {
    buf: [u8; 64],
    len: usize,
}

impl StackText {
    /// What was written (empty if it was not valid UTF-8, which `Display`
    /// of a float never writes).
    fn as_str(&self) -> &str {
        self.buf.get(..self.len).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default()
    }
}

impl std::fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(std::fmt::Error)?;
        self.buf.get_mut(self.len..end).ok_or(std::fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// `Decimal` → `f64` (lossy: about 15–17 significant digits).
pub(crate) fn to_f64_lossy(d: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    d.to_f64().unwrap_or(f64::NAN)
}

/// Checked `a × b`.
pub(crate) fn mul(a: Decimal, b: Decimal, op: &'static str) -> Result<Decimal> {
    a.checked_mul(b).or_overflow(op)
}

/// Checked `a + b`.
pub(crate) fn add(a: Decimal, b: Decimal, op: &'static str) -> Result<Decimal> {
    a.checked_add(b).or_overflow(op)
}

/// Checked `a − b`.
pub(crate) fn sub(a: Decimal, b: Decimal, op: &'static str) -> Result<Decimal> {
    a.checked_sub(b).or_overflow(op)
}

/// Checked `a ÷ b` (division by zero is an overflow).
pub(crate) fn div(a: Decimal, b: Decimal, op: &'static str) -> Result<Decimal> {
    a.checked_div(b).or_overflow(op)
}

/// `x × num / den`, multiplying first so exact quotients stay exact
/// (`1 000 × 7 200 / 7 200 = 1 000`, where `1 000 × (7 200 / 7 200)` would
/// too, but `8 760 000 × (3 600 / 31 536 000)` would not); falls back to
/// `x × (num / den)` when `x × num` overflows.
pub(crate) fn mul_div(x: Decimal, num: Decimal, den: Decimal, op: &'static str) -> Result<Decimal> {
    match x.checked_mul(num) {
        Some(p) => div(p, den, op),
        None => mul(x, div(num, den, op)?, op),
    }
}

/// An exact ratio `num / den`, applied to an amount with [`mul_div`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ratio {
    pub(crate) num: Decimal,
    pub(crate) den: Decimal,
}

impl Ratio {
    /// `v / 1`.
    pub(crate) const fn whole(v: Decimal) -> Ratio {
        Ratio { num: v, den: Decimal::ONE }
    }

    /// `1 − num/den = (den − num) / den`.
    pub(crate) fn complement(self, op: &'static str) -> Result<Ratio> {
        Ok(Ratio { num: sub(self.den, self.num, op)?, den: self.den })
    }

    /// The product of two ratios, kept as one ratio so that a single division
    /// ends the computation; when the products would overflow, `self` is
    /// reduced to one decimal first.
    pub(crate) fn times(self, other: Ratio, op: &'static str) -> Result<Ratio> {
        match (self.num.checked_mul(other.num), self.den.checked_mul(other.den)) {
            (Some(num), Some(den)) => Ok(Ratio { num, den }),
            _ => Ok(Ratio { num: mul_div(other.num, self.num, self.den, op)?, den: other.den }),
        }
    }

    /// `x × num / den`.
    pub(crate) fn of(self, x: Decimal, op: &'static str) -> Result<Decimal> {
        mul_div(x, self.num, self.den, op)
    }

    /// The ratio as one decimal (rounded to 28 digits).
    pub(crate) fn value(self, op: &'static str) -> Result<Decimal> {
        div(self.num, self.den, op)
    }
}

/// Serde adapter: writes a `Decimal` as a string, reads a string or a number.
pub(crate) mod wire {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        // A zero built in code may carry a sign (`-0`); it is written "0", as it reads back.
        if d.is_zero() {
            let mut z = *d;
            z.set_sign_positive(true);
            return s.collect_str(&z);
        }
        s.collect_str(d)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        super::deserialize_decimal(d)
    }
}

/// `x` rounded half away from zero to exactly `places` decimal places
/// (`43.8` with 4 places is `43.8000`), so a column of figures has one scale.
#[must_use]
pub(crate) fn fixed(x: Decimal, places: u32) -> Decimal {
    let mut r = x.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    r.rescale(places);
    r
}

/// Serde adapter for optional amounts: `Some(d)` as a string; reads a
/// string, a number or null.
pub(crate) mod option_wire {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(deserialize_with = "super::deserialize_decimal")] Decimal);
        Ok(Option::<Wrapped>::deserialize(d)?.map(|w| w.0))
    }

    #[allow(clippy::ref_option)] // serde's `with` passes `&Option<T>`
    pub(crate) fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }
}

/// The JSON Schema of a [`wire`] amount: a decimal written as a string,
/// read from a string or a number (`schemars(with = "crate::decimal::WireDecimal")`).
#[cfg(feature = "schema")]
pub(crate) struct WireDecimal;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for WireDecimal {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An exact decimal number. Written as a string (\"1250.50\"); read from a string or a JSON number (quote values with more than 15 significant digits).",
            "type": ["string", "number"]
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_zero_is_written_without_a_sign() {
        // "-0", −0.0, and a negative amount beyond 28 places (which rounds to zero): "0".
        for z in [
            super::parse_decimal("-0"),
            super::parse_decimal("-0.000"),
            super::parse_decimal("-0.0000000000000000000000000000000000000000000000000000000000800"),
            super::decimal_from_f64(-0.0),
        ] {
            let z = z.unwrap();
            assert!(z.is_zero() && !z.is_sign_negative(), "{z}");
            assert!(!z.to_string().starts_with('-'), "{z}");
        }
    }

    use super::*;

    #[test]
    fn f64_conversion_uses_shortest_representation() {
        assert_eq!(decimal_from_f64(0.1), Some(Decimal::new(1, 1)));
        assert_eq!(decimal_from_f64(99.95), Some(Decimal::new(9995, 2)));
        assert_eq!(decimal_from_f64(f64::NAN), None);
        assert_eq!(decimal_from_f64(f64::INFINITY), None);
        assert_eq!(decimal_from_f64(1e30), None);
    }

    /// Against the conversion through a heap `String` (no length limit).
    /// The text `from_str_exact` takes is at most about 31 bytes:
    /// `-1.2499999999999999e-11` is written in 30 (`-0.000000000012499999999999999`,
    /// 27 places) and taken exactly, where `Decimal::from_f64` would round it.
    /// Past the stack's 64 bytes the text is refused anyway: `1.25e-60` is
    /// written in 64 bytes and `1.25e-61` in 65 (k + 4 for `1.25e-k`),
    /// `1.25e63` in 64 and `1.25e64` in 65. The loop's `1.25·10^±k` are
    /// mostly written with 17 digits, so they cross both limits too.
    #[test]
    fn f64_text_too_long_for_the_stack_converts_as_through_the_heap() {
        use rust_decimal::prelude::FromPrimitive;
        let by_heap = |v: f64| {
            let mut d = Decimal::from_str_exact(&format!("{v}")).ok().or_else(|| Decimal::from_f64(v))?;
            if d.is_zero() {
                d.set_sign_positive(true);
            }
            Some(d)
        };
        let length = |v: f64| format!("{v}").len();
        assert_eq!([length(1.25e-60), length(1.25e-61), length(1.25e63), length(1.25e64)], [64, 65, 64, 65]);
        let taken = -1.249_999_999_999_999_9e-11;
        assert_eq!(length(taken), 30);
        assert_eq!(decimal_from_f64(taken), Decimal::from_str_exact("-0.000000000012499999999999999").ok());
        assert_ne!(decimal_from_f64(taken), Decimal::from_f64(taken));
        for k in 0..80 {
            for v in [1.25 * 10f64.powi(-k), 1.25 * 10f64.powi(k), -1.25 * 10f64.powi(-k), 0.1 + f64::from(k)]
            {
                assert_eq!(decimal_from_f64(v), by_heap(v), "{v}");
            }
        }
    }

    #[test]
    fn checked_helpers_report_overflow() {
        assert!(mul(Decimal::MAX, Decimal::TWO, "x").is_err());
        assert!(add(Decimal::MAX, Decimal::ONE, "x").is_err());
        assert!(sub(Decimal::MIN, Decimal::ONE, "x").is_err());
        assert!(div(Decimal::ONE, Decimal::ZERO, "x").is_err());
        assert_eq!(div(Decimal::ONE, Decimal::TWO, "x").unwrap(), Decimal::new(5, 1));
    }

    #[test]
    fn parse_accepts_plain_and_rejects_garbage() {
        assert_eq!(parse_decimal(" 12.50 "), Some(Decimal::new(1250, 2)));
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal(""), None);
    }
}
