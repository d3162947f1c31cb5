//! `Fraction`: a validated share in [0, 1].

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

use crate::decimal::{NumberOrText, parse_decimal};
use crate::error::{Error, Result};

/// A share in [0, 1]: revenue at risk, severity, catch-up share, churn
/// probability, an SLA credit.
///
/// In scenario files a fraction is a number or a string (`0.35`, `"0.35"`)
/// or a percentage string (`"35%"`); it is written back as a string.
///
/// # Example
///
/// ```
/// use downtime_cost::Fraction;
/// use rust_decimal::Decimal;
///
/// let f = Fraction::from_percent(Decimal::from(35))?;
/// assert_eq!(f.get(), Decimal::new(35, 2));
/// assert_eq!(f.complement().get(), Decimal::new(65, 2));
/// assert!(Fraction::new(Decimal::new(-1, 1)).is_err());
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Fraction(Decimal);

const RULE: &str = "must be between 0 and 1";

impl Fraction {
    /// 0.
    pub const ZERO: Fraction = Fraction(Decimal::ZERO);
    /// 1.
    pub const ONE: Fraction = Fraction(Decimal::ONE);

    /// Validates `value ∈ [0, 1]`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `fraction`) when `value` is outside [0, 1].
    pub fn new(value: Decimal) -> Result<Self> {
        if value >= Decimal::ZERO && value <= Decimal::ONE {
            Ok(Fraction(value.normalize()))
        } else {
            Err(Error::invalid("fraction", value, RULE))
        }
    }

    /// `percent / 100`, validated.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `percent`) when `percent` is outside [0, 100].
    pub fn from_percent(percent: Decimal) -> Result<Self> {
        if percent >= Decimal::ZERO && percent <= Decimal::ONE_HUNDRED {
            // Division by 100 is exact in decimal (a scale shift).
            let v = percent.checked_div(Decimal::ONE_HUNDRED).unwrap_or(Decimal::ZERO);
            Ok(Fraction(v.normalize()))
        } else {
            Err(Error::invalid("percent", percent, "must be between 0 and 100"))
        }
    }

    /// The value in [0, 1].
    #[must_use]
    pub const fn get(self) -> Decimal {
        self.0
    }

    /// `1 − self`.
    #[must_use]
    pub fn complement(self) -> Fraction {
        // Exact: both are in [0, 1] with at most 28 decimal places.
        Fraction(Decimal::ONE.checked_sub(self.0).unwrap_or(Decimal::ZERO))
    }

    /// The value as `f64` (lossy).
    #[must_use]
    pub fn to_f64_lossy(self) -> f64 {
        crate::decimal::to_f64_lossy(self.0)
    }

    /// Parses `"0.35"` or `"35%"`.
    pub(crate) fn parse(text: &str) -> Result<Self> {
        let t = text.trim();
        if let Some(p) = t.strip_suffix('%') {
            let v = parse_decimal(p)
                .ok_or_else(|| Error::invalid("percent", format!("\"{text}\""), "must be a number"))?;
            Fraction::from_percent(v)
        } else {
            let v = parse_decimal(t)
                .ok_or_else(|| Error::invalid("fraction", format!("\"{text}\""), "must be a number"))?;
            Fraction::new(v)
        }
    }
}

impl TryFrom<Decimal> for Fraction {
    type Error = Error;
    fn try_from(v: Decimal) -> Result<Self> {
        Fraction::new(v)
    }
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fraction({})", self.0)
    }
}

impl Serialize for Fraction {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Fraction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let result = match NumberOrText::deserialize(d)? {
            NumberOrText::Text(t) => Fraction::parse(&t),
            NumberOrText::Number(v) => Fraction::new(v),
        };
        result.map_err(crate::json::reject_value)
    }
}

/// A share in JSON: decimal text, a percent or a number, between 0 and 1.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Fraction {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Fraction".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A share between 0 and 1 inclusive: a number (0.3), decimal text (\"0.3\") or a percent (\"30%\"). Written as decimal text.",
            "type": ["string", "number"],
            "minimum": 0,
            "maximum": 1
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn bounds_are_inclusive() {
        assert_eq!(Fraction::new(dec!(0)).unwrap(), Fraction::ZERO);
        assert_eq!(Fraction::new(dec!(1)).unwrap(), Fraction::ONE);
        assert_eq!(Fraction::new(dec!(1.00)).unwrap().to_string(), "1");
        let err = Fraction::new(dec!(1.7)).unwrap_err();
        assert_eq!(err.to_string(), "fraction must be between 0 and 1, got 1.7");
        assert!(Fraction::new(dec!(-0.0001)).is_err());
        assert!(Fraction::from_percent(dec!(100.01)).is_err());
        assert!(Fraction::from_percent(dec!(-1)).is_err());
    }

    #[test]
    fn percent_and_parse() {
        // 35 % = 0.35; 12.5 % = 0.125.
        assert_eq!(Fraction::from_percent(dec!(35)).unwrap().get(), dec!(0.35));
        assert_eq!(Fraction::parse("12.5%").unwrap().get(), dec!(0.125));
        assert_eq!(Fraction::parse(" 0.25 ").unwrap().get(), dec!(0.25));
        assert!(Fraction::parse("abc").is_err());
        assert!(Fraction::parse("150%").is_err());
        // complement: 1 − 0.35 = 0.65.
        assert_eq!(Fraction::parse("35%").unwrap().complement().get(), dec!(0.65));
    }
}
