//! `Availability`: a validated uptime share in (0, 1], its downtime budget
//! over any period, and the nines table.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::time::Duration;

use crate::convention::{Conventions, Period};
use crate::decimal::{self, NumberOrText, decimal_from_f64, parse_decimal};
use crate::duration;
use crate::error::{Error, OrOverflow, Result};

/// An availability (uptime share) in (0, 1]: 0.999 is "three nines", 99.9 %.
///
/// Build one from a percent (`99.95`), a fraction (`0.9995`) or a number of
/// nines (`3.5` → 1 − 10^−3.5 ≈ 99.968 %). In scenario files a target is a
/// percent as a number or string (`99.95`, `"99.95%"`), or an object
/// `{"nines": 3.5}` or `{"fraction": "0.9995"}`; it is written back as a
/// percent string.
///
/// # Example
///
/// ```
/// use downtime_cost::{Availability, Conventions, Period};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let a = Availability::from_percent(Decimal::new(999, 1))?; // 99.9 %
/// // (1 − 0.999) × 31 536 000 s = 31 536 s = 8 h 45 min 36 s per 365-day year.
/// assert_eq!(a.downtime_budget(Period::Year, &Conventions::new())?, Duration::from_secs(31_536));
/// assert_eq!(a, Availability::from_nines(3.0)?);
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Availability(Decimal);

impl Availability {
    /// Validates a fraction in (0, 1].
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `availability`) unless 0 < `fraction` ≤ 1.
    pub fn from_fraction(fraction: Decimal) -> Result<Self> {
        if fraction > Decimal::ZERO && fraction <= Decimal::ONE {
            Ok(Availability(fraction.normalize()))
        } else {
            Err(Error::invalid("availability", fraction, "must be above 0 and at most 1"))
        }
    }

    /// `percent / 100`, validated.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `availability`) unless 0 < `percent` ≤ 100.
    pub fn from_percent(percent: Decimal) -> Result<Self> {
        if percent > Decimal::ZERO && percent <= Decimal::ONE_HUNDRED {
            let f = decimal::div(percent, Decimal::ONE_HUNDRED, "availability percent")?;
            if f.is_zero() {
                return Err(Error::invalid(
                    "availability",
                    format!("{percent}%"),
                    "must be above 0% (too small to represent)",
                ));
            }
            Ok(Availability(f.normalize()))
        } else {
            Err(Error::invalid("availability", format!("{percent}%"), "must be above 0% and at most 100%"))
        }
    }

    /// `1 − 10^−nines`. Whole numbers of nines are exact (`3` → 0.999);
    /// fractional nines go through `f64`: `10^−nines` is taken as the
    /// shortest decimal that round-trips the `f64` result (about 16 significant
    /// digits, relative error below 10⁻¹⁵).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `nines`) unless `nines` is finite, above 0
    /// and at most 28 (the precision of `Decimal`).
    pub fn from_nines(nines: f64) -> Result<Self> {
        if !(nines.is_finite() && nines > 0.0 && nines <= 28.0) {
            return Err(Error::invalid("nines", nines, "must be above 0 and at most 28"));
        }
        let unavailability = if nines.fract() == 0.0 {
            // 10^−n exactly: mantissa 1, scale n (n ≤ 28 checked above).
            #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "integer in 1..=28")]
            let scale = nines as u32;
            Decimal::new(1, scale)
        } else {
            decimal_from_f64(10f64.powf(-nines))
                .ok_or_else(|| Error::invalid("nines", nines, "must be above 0 and at most 28"))?
        };
        Availability::from_fraction(
            Decimal::ONE.checked_sub(unavailability).or_overflow("availability from nines")?,
        )
        .map_err(|_| {
            Error::invalid(
                "nines",
                nines,
                "must be large enough that 1 − 10^−nines is representable (at least about 1e-15)",
            )
        })
    }

    /// The availability that a downtime of `downtime` over `period` leaves:
    /// `1 − downtime / period`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] when the downtime is at least the whole period
    /// (availability 0) or the period is invalid.
    pub fn from_downtime(downtime: Duration, period: Period, conventions: &Conventions) -> Result<Self> {
        let p = conventions.seconds(period)?;
        let share = decimal::div(duration::seconds(downtime), p, "availability from downtime")?;
        let a = decimal::sub(Decimal::ONE, share, "availability from downtime")?;
        Availability::from_fraction(a).map_err(|_| {
            Error::invalid("downtime", duration::format(downtime), "must be shorter than the period")
        })
    }

    /// 100 % availability: no downtime at all.
    pub const PERFECT: Availability = Availability(Decimal::ONE);

    /// The fraction in (0, 1].
    #[must_use]
    pub const fn fraction(self) -> Decimal {
        self.0
    }

    /// The percent in (0, 100].
    #[must_use]
    pub fn percent(self) -> Decimal {
        // ×100 of a value ≤ 1 never overflows.
        self.0.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(Decimal::ONE_HUNDRED).normalize()
    }

    /// The percent rounded for display: at least 4 decimal places, and
    /// enough that the unavailability `100 − percent` keeps two significant
    /// digits, so no availability below 100 % reads as 100 %
    /// (99.999975 % stays 99.999975 %; 99.829031… % reads 99.829).
    ///
    /// # Example
    ///
    /// ```
    /// use downtime_cost::Availability;
    /// use rust_decimal::Decimal;
    /// // Two 99.95 % regions in parallel: 1 − 0.0005² = 0.99999975.
    /// let a = Availability::from_fraction(Decimal::new(99_999_975, 8))?;
    /// assert_eq!(a.percent_for_display().to_string(), "99.999975");
    /// let b = Availability::from_fraction(Decimal::new(998_290_312, 9))?;
    /// assert_eq!(b.percent_for_display().to_string(), "99.829");
    /// # Ok::<(), downtime_cost::Error>(())
    /// ```
    #[must_use]
    pub fn percent_for_display(self) -> Decimal {
        let p = self.percent();
        let u = Decimal::ONE_HUNDRED.checked_sub(p).unwrap_or(Decimal::ZERO);
        if u.is_zero() {
            return p;
        }
        // Two significant digits of u: the least dp ≥ 4 with u × 10^dp ≥ 10.
        let mut dp = 4u32;
        let mut scaled = u.checked_mul(Decimal::from(10_000)).unwrap_or(Decimal::TEN);
        while dp < 26 && scaled < Decimal::TEN {
            scaled = scaled.checked_mul(Decimal::TEN).unwrap_or(Decimal::TEN);
            dp = dp.saturating_add(1);
        }
        p.round_dp(dp).normalize()
    }

    /// The unavailability `1 − A`, in [0, 1).
    #[must_use]
    pub fn unavailability(self) -> Decimal {
        Decimal::ONE.checked_sub(self.0).unwrap_or(Decimal::ZERO)
    }

    /// The number of nines, `−log10(1 − A)` (lossy `f64`; infinite for 100 %).
    #[must_use]
    pub fn nines(self) -> f64 {
        -decimal::to_f64_lossy(self.unavailability()).log10()
    }

    /// Exact downtime budget of `period` in seconds: `(1 − A) × period`.
    ///
    /// # Errors
    ///
    /// As [`Conventions::seconds`].
    pub fn downtime_budget_seconds(self, period: Period, conventions: &Conventions) -> Result<Decimal> {
        decimal::mul(self.unavailability(), conventions.seconds(period)?, "downtime budget")
    }

    /// Downtime budget of `period`, `(1 − A) × period`, rounded to the nanosecond.
    ///
    /// # Errors
    ///
    /// As [`Conventions::seconds`].
    pub fn downtime_budget(self, period: Period, conventions: &Conventions) -> Result<Duration> {
        duration::from_seconds(self.downtime_budget_seconds(period, conventions)?)
    }

    fn parse(text: &str) -> Result<Self> {
        let t = text.trim();
        let t = t.strip_suffix('%').unwrap_or(t);
        let v = parse_decimal(t).ok_or_else(|| {
            Error::invalid("availability", format!("\"{text}\""), "must be a percent such as 99.95")
        })?;
        Availability::from_percent(v)
    }
}

impl fmt::Display for Availability {
    /// Formats as a percent: `99.95%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.percent())
    }
}

impl fmt::Debug for Availability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Availability({}%)", self.percent())
    }
}

impl Serialize for Availability {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.percent())
    }
}

impl<'de> Deserialize<'de> for Availability {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, Visitor};

        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Result<Availability>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a percent (99.95 or \"99.95%\") or {\"nines\": n} or {\"fraction\": f}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Availability::parse(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Availability::from_percent(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Availability::from_percent(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                let p = decimal_from_f64(v).ok_or_else(|| E::custom(format!("{v} is not a percent")))?;
                Ok(Availability::from_percent(p))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let Some(key) = map.next_key::<String>()? else {
                    return Err(de::Error::custom("expected one of `nines`, `fraction`, `percent`"));
                };
                let value = match key.as_str() {
                    "nines" => Availability::from_nines(map.next_value::<f64>()?),
                    "fraction" | "percent" => {
                        let v = match map.next_value::<NumberOrText>()? {
                            NumberOrText::Number(n) => n,
                            NumberOrText::Text(t) => parse_decimal(&t).ok_or_else(|| {
                                de::Error::custom(format!("expected a number, got \"{t}\""))
                            })?,
                        };
                        if key == "fraction" {
                            Availability::from_fraction(v)
                        } else {
                            Availability::from_percent(v)
                        }
                    }
                    other => return Err(de::Error::unknown_field(other, &["nines", "fraction", "percent"])),
                };
                if let Some(extra) = map.next_key::<String>()? {
                    return Err(de::Error::custom(format!("unexpected second key `{extra}`: give one form")));
                }
                Ok(value)
            }
        }
        d.deserialize_any(V)?.map_err(crate::json::reject_value)
    }
}

/// One row of a [`NinesTable`]: the downtime a target allows per period.
///
/// Serialised with each duration twice, as text and in seconds (`per_year`
/// and `per_year_seconds`); reading checks that the two agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "NinesRowWire")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(try_from = "NinesRowWire"))]
pub struct NinesRow {
    availability: Availability,
    nines: Option<Decimal>,
    per_year: Duration,
    per_quarter: Duration,
    per_month: Duration,
    per_week: Duration,
    per_day: Duration,
}

/// A [`NinesRow`] as written: durations as text and in seconds.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct NinesRowWire {
    availability: Availability,
    /// `−log10(1 − A)` to 4 decimals; null for 100 %.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    nines: Option<Decimal>,
    /// Downtime allowed per year.
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    per_year: Duration,
    /// `per_year` in seconds.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    per_year_seconds: Decimal,
    /// Downtime allowed per quarter.
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    per_quarter: Duration,
    /// `per_quarter` in seconds.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    per_quarter_seconds: Decimal,
    /// Downtime allowed per month.
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    per_month: Duration,
    /// `per_month` in seconds.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    per_month_seconds: Decimal,
    /// Downtime allowed per week.
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    per_week: Duration,
    /// `per_week` in seconds.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    per_week_seconds: Decimal,
    /// Downtime allowed per day.
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    per_day: Duration,
    /// `per_day` in seconds.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    per_day_seconds: Decimal,
}

impl From<NinesRow> for NinesRowWire {
    fn from(r: NinesRow) -> Self {
        NinesRowWire {
            availability: r.availability,
            nines: r.nines,
            per_year: r.per_year,
            per_year_seconds: duration::seconds(r.per_year),
            per_quarter: r.per_quarter,
            per_quarter_seconds: duration::seconds(r.per_quarter),
            per_month: r.per_month,
            per_month_seconds: duration::seconds(r.per_month),
            per_week: r.per_week,
            per_week_seconds: duration::seconds(r.per_week),
            per_day: r.per_day,
            per_day_seconds: duration::seconds(r.per_day),
        }
    }
}

impl TryFrom<NinesRowWire> for NinesRow {
    type Error = Error;

    fn try_from(w: NinesRowWire) -> Result<Self> {
        Ok(NinesRow {
            availability: w.availability,
            nines: w.nines,
            per_year: duration::paired(w.per_year, "per_year_seconds", w.per_year_seconds)?,
            per_quarter: duration::paired(w.per_quarter, "per_quarter_seconds", w.per_quarter_seconds)?,
            per_month: duration::paired(w.per_month, "per_month_seconds", w.per_month_seconds)?,
            per_week: duration::paired(w.per_week, "per_week_seconds", w.per_week_seconds)?,
            per_day: duration::paired(w.per_day, "per_day_seconds", w.per_day_seconds)?,
        })
    }
}

crate::json::deserialize_via!(NinesRow, NinesRowWire);

impl NinesRow {
    /// The target.
    #[must_use]
    pub const fn availability(&self) -> Availability {
        self.availability
    }

    /// `−log10(1 − A)`, rounded to 4 decimals (lossy; `None` for 100 %).
    #[must_use]
    pub const fn nines(&self) -> Option<Decimal> {
        self.nines
    }

    /// Downtime budget per year.
    #[must_use]
    pub const fn per_year(&self) -> Duration {
        self.per_year
    }

    /// Downtime budget per quarter.
    #[must_use]
    pub const fn per_quarter(&self) -> Duration {
        self.per_quarter
    }

    /// Downtime budget per month.
    #[must_use]
    pub const fn per_month(&self) -> Duration {
        self.per_month
    }

    /// Downtime budget per week.
    #[must_use]
    pub const fn per_week(&self) -> Duration {
        self.per_week
    }

    /// Downtime budget per day.
    #[must_use]
    pub const fn per_day(&self) -> Duration {
        self.per_day
    }
}

/// The downtime budget of each target per year, quarter, month, week and day
/// under one set of [`Conventions`].
///
/// # Example
///
/// ```
/// use downtime_cost::{Availability, Conventions, NinesTable};
/// use std::time::Duration;
///
/// let targets = [Availability::from_nines(2.0)?, Availability::from_nines(4.0)?];
/// let table = NinesTable::new(&targets, &Conventions::new())?;
/// // 99 % of a 365-day year = 3.65 days = 315 360 s.
/// assert_eq!(table.rows()[0].per_year(), Duration::from_secs(315_360));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NinesTable {
    conventions: Conventions,
    rows: Vec<NinesRow>,
}

impl NinesTable {
    /// The table for `targets`.
    ///
    /// # Errors
    ///
    /// Only on arithmetic overflow, which valid availabilities cannot cause.
    pub fn new(targets: &[Availability], conventions: &Conventions) -> Result<Self> {
        let rows = targets
            .iter()
            .map(|&a| {
                let b = |p| a.downtime_budget(p, conventions);
                let nines = a.nines();
                Ok(NinesRow {
                    availability: a,
                    nines: if nines.is_finite() {
                        decimal_from_f64(nines).map(|n| n.round_dp(4))
                    } else {
                        None
                    },
                    per_year: b(Period::Year)?,
                    per_quarter: b(Period::Quarter)?,
                    per_month: b(Period::Month)?,
                    per_week: b(Period::Week)?,
                    per_day: b(Period::Day)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(NinesTable { conventions: *conventions, rows })
    }

    /// The rows, in the order the targets were given.
    #[must_use]
    pub fn rows(&self) -> &[NinesRow] {
        &self.rows
    }

    /// The conventions the table uses.
    #[must_use]
    pub const fn conventions(&self) -> &Conventions {
        &self.conventions
    }
}

/// An availability in JSON: a percent (number or text), or one of
/// `{"nines": n}`, `{"fraction": f}`, `{"percent": p}`.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Availability {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Availability".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An availability target. Written as a percent in text (\"99.95\"); read from a percent above 0 and at most 100 (99.95, \"99.95\" or \"99.95%\"), or an object with exactly one of `nines` (above 0, at most 28), `fraction` (above 0, at most 1) or `percent`.",
            "anyOf": [
                {"type": "string"},
                {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
                {
                    "type": "object",
                    "properties": {"nines": {"type": "number", "exclusiveMinimum": 0, "maximum": 28}},
                    "required": ["nines"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {"fraction": {
                        "type": ["number", "string"], "exclusiveMinimum": 0, "maximum": 1
                    }},
                    "required": ["fraction"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {"percent": {
                        "type": ["number", "string"], "exclusiveMinimum": 0, "maximum": 100
                    }},
                    "required": ["percent"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convention::{MonthLength, QuarterLength, YearLength};
    use rust_decimal::dec;

    fn pct(p: Decimal) -> Availability {
        Availability::from_percent(p).unwrap()
    }

    #[test]
    fn validation() {
        assert!(Availability::from_percent(dec!(0)).is_err());
        assert!(Availability::from_percent(dec!(100.0001)).is_err());
        assert!(Availability::from_percent(dec!(-5)).is_err());
        assert_eq!(Availability::from_percent(dec!(100)).unwrap(), Availability::PERFECT);
        assert!(Availability::from_fraction(dec!(0)).is_err());
        assert!(Availability::from_fraction(dec!(1.01)).is_err());
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 29.0] {
            assert!(Availability::from_nines(bad).is_err(), "{bad}");
        }
        // 2 nines = 0.99, 5 nines = 0.99999 exactly.
        assert_eq!(Availability::from_nines(2.0).unwrap().fraction(), dec!(0.99));
        assert_eq!(Availability::from_nines(5.0).unwrap().fraction(), dec!(0.99999));
        // 3.5 nines: 1 − 10^−3.5 = 1 − 0.00031622776601683794 = 0.99968377223398316206.
        let a = Availability::from_nines(3.5).unwrap();
        assert_eq!(a.fraction(), dec!(0.99968377223398316206));
        assert!((a.nines() - 3.5).abs() < 1e-12);
    }

    #[test]
    fn nines_table_365_day_year() {
        let c = Conventions::new();
        let t = NinesTable::new(&[pct(dec!(99)), pct(dec!(99.9)), pct(dec!(99.99)), pct(dec!(99.999))], &c)
            .unwrap();
        let r = t.rows();
        // 99 %: 0.01 × 31 536 000 = 315 360 s (3 d 15 h 36 m); month 0.01 × 2 628 000 = 26 280 s (7 h 18 m);
        // quarter 78 840 s; week 6 048 s; day 864 s.
        assert_eq!(r[0].per_year, Duration::from_secs(315_360));
        assert_eq!(r[0].per_month, Duration::from_secs(26_280));
        assert_eq!(r[0].per_quarter, Duration::from_secs(78_840));
        assert_eq!(r[0].per_week, Duration::from_secs(6_048));
        assert_eq!(r[0].per_day, Duration::from_secs(864));
        // 99.9 %: 31 536 s = 8 h 45 m 36 s per year; 2 628 s = 43 m 48 s per month; 86.4 s per day.
        assert_eq!(r[1].per_year, Duration::from_secs(31_536));
        assert_eq!(r[1].per_month, Duration::from_secs(2_628));
        assert_eq!(r[1].per_day, Duration::from_millis(86_400));
        // 99.99 %: 3 153.6 s = 52 m 33.6 s per year; 262.8 s per month.
        assert_eq!(r[2].per_year, Duration::from_millis(3_153_600));
        assert_eq!(r[2].per_month, Duration::from_millis(262_800));
        // 99.999 %: 315.36 s = 5 m 15.36 s per year.
        assert_eq!(r[3].per_year, Duration::from_millis(315_360));
        assert_eq!(r[3].nines, Some(dec!(5)));
    }

    #[test]
    fn nines_table_julian_and_gregorian_years() {
        let j = Conventions::new().with_year(YearLength::Julian);
        let t = NinesTable::new(&[pct(dec!(99.9)), pct(dec!(99.8))], &j).unwrap();
        // 365.25-day year: 0.001 × 31 557 600 = 31 557.6 s = 8 h 45 m 57.6 s (Wikipedia's 8.77 h);
        // month = year/12: 2 629.8 s = 43.83 min; 99.8 % → 63 115.2 s = 17.53 h.
        assert_eq!(t.rows()[0].per_year, Duration::from_millis(31_557_600));
        assert_eq!(t.rows()[0].per_month, Duration::from_millis(2_629_800));
        assert_eq!(t.rows()[1].per_year, Duration::from_millis(63_115_200));
        let g = Conventions::new().with_year(YearLength::Gregorian);
        // uptime.is two nines: 0.01 × 31 556 952 = 315 569.52 s = 3 d 15 h 39 m 29.52 s;
        // month 26 297.46 s = 7 h 18 m 17.46 s; quarter 78 892.38 s = 21 h 54 m 52.38 s.
        let t = NinesTable::new(&[pct(dec!(99))], &g).unwrap();
        assert_eq!(t.rows()[0].per_year, Duration::from_millis(315_569_520));
        assert_eq!(t.rows()[0].per_month, Duration::from_millis(26_297_460));
        assert_eq!(t.rows()[0].per_quarter, Duration::from_millis(78_892_380));
    }

    #[test]
    fn sre_book_30_day_month_and_90_day_quarter() {
        let c = Conventions::new().with_month(MonthLength::Days30).with_quarter(QuarterLength::Days90);
        let a = pct(dec!(99.9));
        // 0.001 × 2 592 000 = 2 592 s = 43.2 min; 0.001 × 7 776 000 = 7 776 s = 2.16 h.
        assert_eq!(a.downtime_budget(Period::Month, &c).unwrap(), Duration::from_secs(2_592));
        assert_eq!(a.downtime_budget(Period::Quarter, &c).unwrap(), Duration::from_secs(7_776));
        // 99.5 % of a 31-day month = 0.005 × 2 678 400 = 13 392 s = 223.2 min; of a 30-day month 216 min.
        let b = pct(dec!(99.5));
        assert_eq!(
            b.downtime_budget(Period::CalendarMonth { year: 2025, month: 1 }, &c).unwrap(),
            Duration::from_secs(13_392)
        );
        assert_eq!(
            b.downtime_budget(Period::CalendarMonth { year: 2025, month: 4 }, &c).unwrap(),
            Duration::from_secs(12_960)
        );
    }

    #[test]
    fn from_downtime_inverts_budget() {
        let c = Conventions::new();
        let a = Availability::from_downtime(Duration::from_secs(31_536), Period::Year, &c).unwrap();
        assert_eq!(a, pct(dec!(99.9)));
        assert!(Availability::from_downtime(Duration::from_secs(31_536_000), Period::Year, &c).is_err());
    }

    #[test]
    fn serde_forms() {
        let read = |s: &str| serde_json::from_str::<Availability>(s);
        assert_eq!(read("99.95").unwrap(), pct(dec!(99.95)));
        assert_eq!(read("\"99.95%\"").unwrap(), pct(dec!(99.95)));
        assert_eq!(read("{\"nines\": 3}").unwrap(), pct(dec!(99.9)));
        assert_eq!(read("{\"fraction\": \"0.999\"}").unwrap(), pct(dec!(99.9)));
        assert!(read("0").is_err());
        assert!(read("101").is_err());
        assert!(read("{\"nines\": -1}").is_err());
        assert!(read("{\"bogus\": 1}").is_err());
        assert_eq!(serde_json::to_string(&pct(dec!(99.950))).unwrap(), "\"99.95\"");
    }
}
