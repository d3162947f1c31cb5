//! Peak periods: days of the year when revenue runs at a multiple of its
//! normal rate, given by day of the year or by dates.

use super::DAY_NS;
use crate::decimal::mul;
use crate::duration;
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A peak period of the year, when revenue runs at `multiplier` × its normal
/// rate (Black Friday to Cyber Monday at ×3, say).
///
/// Either by day of the year — `first_day` is the 1-based day it starts on
/// and it lasts `days` days (fractions allowed) — or by dates, `from` the
/// first day's midnight to the end of the `to` day (both inclusive), which
/// needs a calendar that names the same year.
///
/// In scenario files: `{"name": "Black Friday", "first_day": 332, "days": 4, "multiplier": 3}`
/// or `{"name": "Black Friday", "from": "2025-11-28", "to": "2025-12-01", "multiplier": 3}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "PeakSpec"))]
#[serde(into = "PeakSpec")]
pub struct PeakPeriod {
    pub(super) spec: PeakSpec,
    /// Start and end, nanoseconds after the year's start.
    pub(super) start: u128,
    pub(super) end: u128,
    /// The year its dates name, when given by dates.
    pub(super) dated_year: Option<i16>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(super) struct PeakSpec {
    #[serde(default)]
    pub(super) name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) first_day: Option<u16>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    #[serde(default, with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
    pub(super) days: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) to: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    pub(super) multiplier: Decimal,
}

impl PeakPeriod {
    /// A peak starting on day `first_day` (1 = the year's first day) lasting
    /// `days` days at `multiplier` × the normal revenue rate.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for `first_day` 0, `days` ≤ 0 or a negative
    /// `multiplier`. Whether the peak fits in the year is checked by
    /// [`Calendar::new`](super::Calendar::new).
    pub fn new(name: &str, first_day: u16, days: Decimal, multiplier: Decimal) -> Result<Self> {
        Self::try_from(PeakSpec {
            name: name.to_owned(),
            first_day: Some(first_day),
            days: Some(days),
            from: None,
            to: None,
            multiplier,
        })
    }

    /// A peak from the midnight starting `from` to the midnight ending `to`
    /// (both days inclusive) at `multiplier` × the normal revenue rate. The
    /// calendar it joins must name the same year.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] when `to` is before `from` or in another year
    /// (field `to`), or for a negative `multiplier`.
    pub fn between(
        name: &str,
        from: jiff::civil::Date,
        to: jiff::civil::Date,
        multiplier: Decimal,
    ) -> Result<Self> {
        Self::try_from(PeakSpec {
            name: name.to_owned(),
            first_day: None,
            days: None,
            from: Some(from.to_string()),
            to: Some(to.to_string()),
            multiplier,
        })
    }

    /// The peak's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.spec.name
    }

    /// Revenue multiplier during the peak.
    #[must_use]
    pub fn multiplier(&self) -> Decimal {
        self.spec.multiplier
    }
}

impl TryFrom<PeakSpec> for PeakPeriod {
    type Error = Error;
    fn try_from(spec: PeakSpec) -> Result<Self> {
        if spec.multiplier.is_sign_negative() {
            return Err(Error::invalid("multiplier", spec.multiplier, "must not be negative"));
        }
        match (spec.first_day, spec.days, &spec.from, &spec.to) {
            (Some(first_day), Some(days), None, None) => {
                if first_day == 0 {
                    return Err(Error::invalid("first_day", 0, "must be at least 1 (the year's first day)"));
                }
                if days <= Decimal::ZERO {
                    return Err(Error::invalid("days", days, "must be above 0"));
                }
                let start = u128::from(first_day.saturating_sub(1)).saturating_mul(DAY_NS);
                let length = duration::from_seconds(mul(days, Decimal::from(86_400), "peak period")?)
                    .map_err(|_| Error::invalid("days", days, "must be at most a year"))?
                    .as_nanos();
                Ok(PeakPeriod { spec, start, end: start.saturating_add(length), dated_year: None })
            }
            (None, None, Some(from), Some(to)) => {
                let date = |field: &'static str, text: &str| {
                    crate::civil::parse_date(text).map_err(|_| {
                        Error::invalid(
                            field,
                            format!("\"{text}\""),
                            "must be a date that exists, written YYYY-MM-DD (2025-11-28)",
                        )
                    })
                };
                let (a, b) = (date("from", from)?, date("to", to)?);
                if b.year() != a.year() {
                    return Err(Error::invalid("to", to, "must be in the same year as `from`"));
                }
                if b < a {
                    return Err(Error::invalid("to", to, "must not be before `from`"));
                }
                let start = u128::from(crate::civil::day_index(a)).saturating_mul(DAY_NS);
                let end = u128::from(crate::civil::day_index(b).saturating_add(1)).saturating_mul(DAY_NS);
                Ok(PeakPeriod { spec, start, end, dated_year: Some(a.year()) })
            }
            _ => Err(Error::invalid(
                "first_day",
                "this combination of fields",
                "must be given with `days`, or the peak given by `from` and `to` dates instead",
            )),
        }
    }
}

impl From<PeakPeriod> for PeakSpec {
    fn from(p: PeakPeriod) -> Self {
        p.spec
    }
}

crate::json::deserialize_via!(PeakPeriod, PeakSpec);
