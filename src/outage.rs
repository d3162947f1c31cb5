//! `Outage`: how long, how bad, and (optionally) when.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::fraction::Fraction;

/// When an outage starts.
///
/// In scenario files: `{"week": "2d9h"}` (time after Monday 00:00),
/// `{"year": "331d14h"}` (time after the year's first instant), or a date
/// and time, `"2025-11-28T19:00"` (also `{"at": "2025-11-28T19:00"}`; a date
/// alone means its midnight), which needs a calendar that names its year.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum OutageStart {
    /// Time after Monday 00:00 (below one week). The weekly revenue profile
    /// and working calendar apply; peak periods count at their yearly mean.
    Week(#[serde(with = "crate::duration::wire")] Duration),
    /// Time after the start of the year (below one year). Weekly profile,
    /// working calendar and peaks all apply.
    Year(#[serde(with = "crate::duration::wire")] Duration),
    /// A civil date and time in the calendar's named year
    /// ([`crate::Calendar::with_year`]); priced as the matching time in the
    /// year.
    At(#[serde(serialize_with = "crate::outage::display")] jiff::civil::DateTime),
}

pub(crate) fn display<S: serde::Serializer>(
    v: &impl fmt::Display,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(v)
}

impl<'de> Deserialize<'de> for OutageStart {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::{self, MapAccess, Visitor};

        #[derive(Deserialize)]
        #[serde(rename_all = "lowercase", deny_unknown_fields)]
        enum Tagged {
            Week(#[serde(with = "crate::duration::wire")] Duration),
            Year(#[serde(with = "crate::duration::wire")] Duration),
            At(String),
        }

        fn at<E: de::Error>(text: &str) -> std::result::Result<OutageStart, E> {
            crate::civil::parse_date_time(text).map(OutageStart::At).map_err(crate::json::reject_value)
        }

        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OutageStart;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date-time (\"2025-11-28T19:00\"), {\"week\": …}, {\"year\": …} or {\"at\": …}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<OutageStart, E> {
                at(v)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<OutageStart, A::Error> {
                match Tagged::deserialize(de::value::MapAccessDeserializer::new(map))? {
                    Tagged::Week(d) => Ok(OutageStart::Week(d)),
                    Tagged::Year(d) => Ok(OutageStart::Year(d)),
                    Tagged::At(text) => at(&text),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A start in JSON: a date-time, or an object with one of `week`, `year`, `at`.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for OutageStart {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OutageStart".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let duration = generator.subschema_for::<crate::duration::WireDuration>();
        let date = schemars::json_schema!({
            "description": "A civil date and time in the calendar's named year, \"2025-11-28T19:00\" (a date alone means its midnight).",
            "type": "string"
        });
        schemars::json_schema!({
            "description": "When an outage starts: a date-time (needs a calendar that names its year), or exactly one of `week` (time after Monday 00:00, below one week), `year` (time after the year's first instant, below one year) or `at` (a date-time). Written as an object.",
            "anyOf": [
                date.clone(),
                {
                    "type": "object",
                    "properties": {"week": duration},
                    "required": ["week"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {"year": duration},
                    "required": ["year"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {"at": date},
                    "required": ["at"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl fmt::Debug for OutageStart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutageStart::Week(d) => write!(f, "Week({})", crate::duration::format(*d)),
            OutageStart::Year(d) => write!(f, "Year({})", crate::duration::format(*d)),
            OutageStart::At(at) => write!(f, "At({at})"),
        }
    }
}

/// One outage: its duration, its severity (the share of the service's
/// capacity lost: 1 a full outage, 0.3 a partial degradation) and optionally
/// when it starts. Without a start, costs use mean rates: the exact
/// expectation for a start uniformly distributed over the year.
///
/// # Example
///
/// ```
/// use downtime_cost::{Fraction, Outage};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let full = Outage::new(Duration::from_secs(2 * 3600));
/// assert_eq!(full.severity(), Fraction::ONE);
/// let partial = Outage::new(Duration::from_secs(3600)).with_severity(Fraction::new(Decimal::new(3, 1))?);
/// assert_eq!(partial.severity().get(), Decimal::new(3, 1));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "OutageRaw"))]
pub struct Outage {
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    duration: Duration,
    #[serde(default = "one")]
    severity: Fraction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<OutageStart>,
}

const fn one() -> Fraction {
    Fraction::ONE
}

impl Outage {
    /// A full outage (severity 1) of `duration` with no known start.
    #[must_use]
    pub const fn new(duration: Duration) -> Self {
        Outage { duration, severity: Fraction::ONE, start: None }
    }

    /// Sets the severity.
    #[must_use]
    pub const fn with_severity(mut self, severity: Fraction) -> Self {
        self.severity = severity;
        self
    }

    /// Sets the start.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `start`) when a week start is a week or
    /// more, a year start is 366 days or more, or a date is outside the
    /// years 1 to 9 999 that a scenario reads.
    pub fn with_start(mut self, start: OutageStart) -> Result<Self> {
        match start {
            OutageStart::At(at)
                if !(i32::from(crate::civil::MIN_YEAR)..=i32::from(crate::civil::MAX_YEAR))
                    .contains(&i32::from(at.year())) =>
            {
                return Err(Error::invalid("start.at", at, "must be in years 1–9999"));
            }
            OutageStart::Week(d) if d >= Duration::from_secs(604_800) => {
                return Err(Error::invalid(
                    "start.week",
                    crate::duration::format(d),
                    "must be less than a week",
                ));
            }
            OutageStart::Year(d) if d >= Duration::from_secs(366 * 86_400) => {
                return Err(Error::invalid(
                    "start.year",
                    crate::duration::format(d),
                    "must be less than 366 days",
                ));
            }
            _ => {}
        }
        self.start = Some(start);
        Ok(self)
    }

    /// The duration.
    #[must_use]
    pub const fn duration(&self) -> Duration {
        self.duration
    }

    /// The severity.
    #[must_use]
    pub const fn severity(&self) -> Fraction {
        self.severity
    }

    /// The start, if known.
    #[must_use]
    pub const fn start(&self) -> Option<OutageStart> {
        self.start
    }
}

/// `duration` and `severity` (the start is a position in time, not a magnitude).
impl crate::parameter::Parameters for Outage {
    fn parameters(&self) -> Vec<crate::parameter::Parameter> {
        use crate::parameter::Parameter;
        vec![Parameter::duration("duration", self.duration), Parameter::share("severity", self.severity)]
    }

    fn scaled_parameter(&self, name: &str, factor: rust_decimal::Decimal, cap: bool) -> Result<Self> {
        use crate::parameter::{scale_duration, scale_share, unknown};
        match name {
            "duration" => Ok(Outage { duration: scale_duration(name, self.duration, factor)?, ..*self }),
            "severity" => Ok(Outage { severity: scale_share(name, self.severity, factor, cap)?, ..*self }),
            _ => Err(unknown(name)),
        }
    }
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct OutageRaw {
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    duration: Duration,
    #[serde(default = "one")]
    severity: Fraction,
    #[serde(default)]
    start: Option<OutageStart>,
}

impl TryFrom<OutageRaw> for Outage {
    type Error = Error;
    fn try_from(raw: OutageRaw) -> Result<Self> {
        let o = Outage::new(raw.duration).with_severity(raw.severity);
        match raw.start {
            Some(s) => o.with_start(s),
            None => Ok(o),
        }
    }
}

crate::json::deserialize_via!(Outage, OutageRaw);
