//! Money: an exact `Decimal` amount in one ISO 4217 currency, and the
//! rounding policy applied once, at the reporting edge.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::error::{Error, OrOverflow, Result};

/// An ISO 4217 currency code: three upper-case ASCII letters (`USD`, `EUR`).
///
/// Only the shape is checked, not membership in the ISO list, so private or
/// new codes work too.
///
/// # Example
///
/// ```
/// use downtime_cost::Currency;
/// let usd: Currency = "USD".parse()?;
/// assert_eq!(usd.as_str(), "USD");
/// assert!("usd".parse::<Currency>().is_err());
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Currency([u8; 3]);

/// A currency in JSON: its ISO 4217 code.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Currency {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Currency".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An ISO 4217 currency code: three upper-case letters (\"USD\", \"EUR\").",
            "type": "string",
            "pattern": "^[A-Z]{3}$"
        })
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::new(&s).map_err(crate::json::reject_value)
    }
}

impl Currency {
    /// United States dollar.
    pub const USD: Currency = Currency(*b"USD");
    /// Euro.
    pub const EUR: Currency = Currency(*b"EUR");
    /// Pound sterling.
    pub const GBP: Currency = Currency(*b"GBP");

    /// Validates a currency code.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] unless `code` is exactly three ASCII letters A–Z.
    pub fn new(code: &str) -> Result<Self> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Ok(Currency([a, b, c])),
            _ => Err(Error::invalid(
                "currency",
                format!("\"{code}\""),
                "must be three upper-case letters (ISO 4217)",
            )),
        }
    }

    /// The code as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Invariant: three ASCII upper-case letters, always valid UTF-8.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Currency::new(s)
    }
}

impl TryFrom<String> for Currency {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Currency::new(&s)
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.as_str().to_owned()
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.as_str())
    }
}

/// An exact amount of money in one currency.
///
/// Arithmetic is checked: overflow is [`Error::Overflow`], mixing currencies
/// is [`Error::CurrencyMismatch`]; nothing panics. Amounts keep full
/// precision until [`Money::round`] applies a [`Rounding`] policy.
///
/// # Example
///
/// ```
/// use downtime_cost::{Currency, Money};
/// use rust_decimal::Decimal;
///
/// let a = Money::new(Decimal::new(1005, 2), Currency::USD); // 10.05 USD
/// let b = Money::new(Decimal::new(250, 2), Currency::USD); //  2.50 USD
/// assert_eq!(a.checked_add(b)?.amount(), Decimal::new(1255, 2));
/// assert!(a.checked_add(Money::new(Decimal::ONE, Currency::EUR)).is_err());
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Money {
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// An amount in `currency` (any sign: credits received are negative costs).
    #[must_use]
    pub const fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// Zero in `currency`.
    #[must_use]
    pub const fn zero(currency: Currency) -> Self {
        Money { amount: Decimal::ZERO, currency }
    }

    /// The exact amount.
    #[must_use]
    pub const fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// `self + other`.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] when the currencies differ,
    /// [`Error::Overflow`] when the sum leaves `Decimal`'s range.
    pub fn checked_add(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        let amount = self.amount.checked_add(other.amount).or_overflow("money addition")?;
        Ok(Money { amount, currency: self.currency })
    }

    /// `self − other`.
    ///
    /// # Errors
    ///
    /// As [`Money::checked_add`].
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        let amount = self.amount.checked_sub(other.amount).or_overflow("money subtraction")?;
        Ok(Money { amount, currency: self.currency })
    }

    /// `self × factor`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] when the product leaves `Decimal`'s range.
    pub fn checked_mul(self, factor: Decimal) -> Result<Money> {
        let amount = self.amount.checked_mul(factor).or_overflow("money multiplication")?;
        Ok(Money { amount, currency: self.currency })
    }

    /// The amount rounded by `rounding` (to cents by default).
    #[must_use]
    pub fn round(self, rounding: Rounding) -> Money {
        Money { amount: rounding.apply(self.amount), currency: self.currency }
    }

    fn same_currency(self, other: Money) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::CurrencyMismatch {
                expected: self.currency.to_string(),
                found: other.currency.to_string(),
            })
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({} {})", self.amount, self.currency)
    }
}

/// How a midpoint is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RoundingMode {
    /// 2.345 → 2.35, −2.345 → −2.35: what finance users expect (default).
    #[default]
    HalfAwayFromZero,
    /// Banker's rounding: 2.345 → 2.34, 2.355 → 2.36.
    HalfEven,
    /// Truncation: 2.349 → 2.34.
    TowardZero,
}

impl RoundingMode {
    const fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::TowardZero => RoundingStrategy::ToZero,
        }
    }
}

/// The rounding policy applied once, when results are reported: a number of
/// decimal places and a [`RoundingMode`]. Default: 2 places, half away from zero.
///
/// # Example
///
/// ```
/// use downtime_cost::{Rounding, RoundingMode};
/// use rust_decimal::Decimal;
///
/// let x = Decimal::new(2345, 3); // 2.345
/// assert_eq!(Rounding::default().apply(x), Decimal::new(235, 2));
/// assert_eq!(Rounding::new(2, RoundingMode::HalfEven).apply(x), Decimal::new(234, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "RoundingSpec"))]
pub struct Rounding {
    decimal_places: u32,
    mode: RoundingMode,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RoundingSpec {
    #[cfg_attr(feature = "schema", schemars(range(max = 12)))]
    #[serde(default = "two")]
    decimal_places: u32,
    #[serde(default)]
    mode: RoundingMode,
}

const fn two() -> u32 {
    2
}

impl TryFrom<RoundingSpec> for Rounding {
    type Error = Error;
    fn try_from(s: RoundingSpec) -> Result<Self> {
        if s.decimal_places > 12 {
            return Err(Error::invalid("decimal_places", s.decimal_places, "must be at most 12"));
        }
        Ok(Rounding { decimal_places: s.decimal_places, mode: s.mode })
    }
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding { decimal_places: 2, mode: RoundingMode::HalfAwayFromZero }
    }
}

impl Rounding {
    /// Round to `decimal_places` (at most 12; larger values are clamped to
    /// 12) with `mode`.
    #[must_use]
    pub const fn new(decimal_places: u32, mode: RoundingMode) -> Self {
        let decimal_places = if decimal_places > 12 { 12 } else { decimal_places };
        Rounding { decimal_places, mode }
    }

    /// Decimal places kept.
    #[must_use]
    pub const fn decimal_places(&self) -> u32 {
        self.decimal_places
    }

    /// The midpoint rule.
    #[must_use]
    pub const fn mode(&self) -> RoundingMode {
        self.mode
    }

    /// Rounds `x` and writes it with exactly the policy's decimal places
    /// (`1000` → `1000.00`).
    #[must_use]
    pub fn apply(&self, x: Decimal) -> Decimal {
        let mut r = x.round_dp_with_strategy(self.decimal_places, self.mode.strategy());
        r.rescale(self.decimal_places);
        // A tiny negative amount rounds to zero: zero, not "-0.00" (which would read back as 0
        // and be written "0.00", so a report would not read back equal).
        if r.is_zero() {
            r.set_sign_positive(true);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn a_tiny_negative_amount_rounds_to_an_unsigned_zero() {
        // −0.001 to cents is 0.00 in every mode, written "0.00", not "-0.00".
        for mode in [RoundingMode::HalfEven, RoundingMode::HalfAwayFromZero, RoundingMode::TowardZero] {
            let r = Rounding::new(2, mode).apply(dec!(-0.001));
            assert_eq!(r.to_string(), "0.00");
        }
        assert_eq!(Rounding::new(2, RoundingMode::HalfEven).apply(dec!(-0.005)).to_string(), "0.00");
        assert_eq!(Rounding::new(2, RoundingMode::HalfAwayFromZero).apply(dec!(-0.005)).to_string(), "-0.01");
    }

    #[test]
    fn currency_shape_is_validated() {
        assert!(Currency::new("USD").is_ok());
        for bad in ["", "US", "USDX", "us1", "usd", "€UR"] {
            let err = Currency::new(bad).unwrap_err();
            assert_eq!(err.field(), Some("currency"), "{bad}");
        }
    }

    #[test]
    fn money_arithmetic_is_checked() {
        let max = Money::new(Decimal::MAX, Currency::USD);
        assert_eq!(
            max.checked_add(Money::new(dec!(1), Currency::USD)),
            Err(Error::overflow("money addition"))
        );
        assert_eq!(max.checked_mul(dec!(2)), Err(Error::overflow("money multiplication")));
        let mismatch = Money::zero(Currency::USD).checked_sub(Money::zero(Currency::EUR)).unwrap_err();
        assert!(matches!(mismatch, Error::CurrencyMismatch { .. }));
        // 10.05 − 2.50 = 7.55 exactly.
        let d = Money::new(dec!(10.05), Currency::USD).checked_sub(Money::new(dec!(2.50), Currency::USD));
        assert_eq!(d.unwrap().amount(), dec!(7.55));
    }

    #[test]
    fn rounding_pads_to_places() {
        assert_eq!(Rounding::default().apply(dec!(1000)).to_string(), "1000.00");
        assert_eq!(Rounding::default().apply(dec!(0.005)).to_string(), "0.01");
    }

    #[test]
    fn rounding_modes() {
        // 2.345: half-away → 2.35, half-even → 2.34 (4 is even), truncation → 2.34.
        let r = |m| Rounding::new(2, m).apply(dec!(2.345));
        assert_eq!(r(RoundingMode::HalfAwayFromZero), dec!(2.35));
        assert_eq!(r(RoundingMode::HalfEven), dec!(2.34));
        assert_eq!(r(RoundingMode::TowardZero), dec!(2.34));
        // −2.345 half-away → −2.35.
        assert_eq!(Rounding::default().apply(dec!(-2.345)), dec!(-2.35));
        assert_eq!(Rounding::new(99, RoundingMode::HalfEven).decimal_places(), 12);
    }
}

crate::json::deserialize_via!(Rounding, RoundingSpec);
