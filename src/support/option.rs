//! A support option: who answers an outage (a [`Coverage`]), how fast they
//! repair it once engaged, what that costs a year, and, for a provider, the
//! response time it promises and the service credit it pays when it misses.

use std::sync::Arc;
use std::time::Duration;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Coverage, WEEK};
use crate::calendar::Calendar;
use crate::decimal::{div, mul};
use crate::error::{Error, Result};
use crate::fraction::Fraction;
use crate::outage::{Outage, OutageStart};
use crate::process::DurationDistribution;

/// A provider's response-time promise: it engages within `respond_within`
/// of detection, and pays `credit_per_miss` (a service credit, in the
/// model's currency) for each outage it answers later.
///
/// In scenario files: `{"respond_within": "30m", "credit_per_miss": "1000"}`.
///
/// # Example
///
/// ```
/// use downtime_cost::ResponseSla;
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let sla = ResponseSla::new(Duration::from_secs(30 * 60), Decimal::from(2_000))?;
/// assert_eq!(sla.respond_within(), Duration::from_secs(1_800));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "ResponseSlaSpec"))]
#[serde(into = "ResponseSlaSpec")]
pub struct ResponseSla {
    respond_within: Duration,
    credit_per_miss: Decimal,
}

impl ResponseSla {
    /// A promise to respond within `respond_within` of detection, with
    /// `credit_per_miss` owed for each late response.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a time of 0 or above a year (field
    /// `respond_within`) or a negative credit (field `credit_per_miss`).
    pub fn new(respond_within: Duration, credit_per_miss: Decimal) -> Result<Self> {
        if respond_within.is_zero() {
            return Err(Error::invalid("respond_within", "0s", "must be above 0"));
        }
        super::at_most_a_year("respond_within", respond_within)?;
        if credit_per_miss.is_sign_negative() && !credit_per_miss.is_zero() {
            return Err(Error::invalid("credit_per_miss", credit_per_miss, "must be at least 0"));
        }
        Ok(ResponseSla { respond_within, credit_per_miss: credit_per_miss.normalize() })
    }

    /// The promised response time, from detection to engagement.
    #[must_use]
    pub const fn respond_within(&self) -> Duration {
        self.respond_within
    }

    /// The service credit owed for each late response (currency units).
    #[must_use]
    pub const fn credit_per_miss(&self) -> Decimal {
        self.credit_per_miss
    }
}

/// One way to answer outages: an in-house team on business hours, the same
/// team with on-call cover, a managed service provider.
///
/// In scenario files:
/// `{"name": "provider", "cover": "24x7", "detect": "5m", "engage": "20m",
/// "repair": {"lognormal": {…}}, "running_cost": "150000",
/// "response_sla": {"respond_within": "30m", "credit_per_miss": "1000"}}`
/// (`on_call`, a response time outside cover, and `response_sla` are optional).
///
/// An outage that starts at `t` (in the week) lasts
/// `coverage.time_to_engage(t) + R`, `R` drawn from [`SupportOption::repair`];
/// the option costs [`SupportOption::running_cost`] a year whatever happens,
/// and a provider with a [`ResponseSla`] pays its credit for each outage it
/// answers late.
///
/// # Example
///
/// ```
/// use downtime_cost::{CoverHours, Coverage, DurationDistribution, SupportOption};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let min = |m: u64| Duration::from_secs(m * 60);
/// let office = Coverage::new(CoverHours::business_hours(), min(10), min(15))?;
/// let team = SupportOption::new("in-house", office, DurationDistribution::fixed(min(60)), Decimal::from(90_000))?;
/// // Friday 19:00 (from Monday 00:00): detected 19:10, engaged Monday 09:15, repaired 10:15.
/// let friday_19_00 = Duration::from_secs((4 * 24 + 19) * 3600);
/// assert_eq!(team.outage_duration(friday_19_00, min(60)), Duration::from_secs(63 * 3600 + 15 * 60));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "SupportOptionSpec"))]
#[serde(into = "SupportOptionSpec")]
pub struct SupportOption {
    name: Arc<str>,
    coverage: Coverage,
    repair: DurationDistribution,
    running_cost: Decimal,
    response_sla: Option<ResponseSla>,
}

impl SupportOption {
    /// An option named `name`, answering under `coverage`, repairing in a
    /// time drawn from `repair` once engaged, at `running_cost` a year
    /// (staff, on-call allowances, a provider's fee).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for an empty name (field `name`) or a negative
    /// running cost (field `running_cost`).
    pub fn new(
        name: &str,
        coverage: Coverage,
        repair: DurationDistribution,
        running_cost: Decimal,
    ) -> Result<Self> {
        if name.trim().is_empty() {
            return Err(Error::invalid("name", format!("{name:?}"), "must not be empty"));
        }
        if running_cost.is_sign_negative() && !running_cost.is_zero() {
            return Err(Error::invalid("running_cost", running_cost, "must be at least 0"));
        }
        Ok(SupportOption {
            name: Arc::from(name),
            coverage,
            repair,
            running_cost: running_cost.normalize(),
            response_sla: None,
        })
    }

    /// The same option with a provider's response SLA.
    #[must_use]
    pub fn with_response_sla(mut self, sla: ResponseSla) -> Self {
        self.response_sla = Some(sla);
        self
    }

    /// The name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Who answers, and when.
    #[must_use]
    pub const fn coverage(&self) -> &Coverage {
        &self.coverage
    }

    /// The repair time once someone is engaged.
    #[must_use]
    pub const fn repair(&self) -> &DurationDistribution {
        &self.repair
    }

    /// The yearly running cost (currency units a year).
    #[must_use]
    pub const fn running_cost(&self) -> Decimal {
        self.running_cost
    }

    /// The provider's response SLA, if any.
    #[must_use]
    pub const fn response_sla(&self) -> Option<&ResponseSla> {
        self.response_sla.as_ref()
    }

    /// The outage's duration when it starts at `start` (from Monday 00:00,
    /// modulo a week) and takes `repair` once engaged.
    #[must_use]
    pub fn outage_duration(&self, start: Duration, repair: Duration) -> Duration {
        self.coverage.outage_duration(start, repair)
    }

    /// The outage that starts at `start` with severity `severity` and takes
    /// `repair` once engaged, its duration the option's
    /// ([`SupportOption::outage_duration`] at the start's hour of the week in
    /// `calendar`), ready to price over its real window
    /// ([`crate::CostModel::cost`]).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a start the calendar cannot place (a
    /// date-time when it names no year, or outside it) or out of range
    /// ([`Outage::with_start`]).
    pub fn outage(
        &self,
        start: OutageStart,
        repair: Duration,
        severity: Fraction,
        calendar: &Calendar,
    ) -> Result<Outage> {
        let in_week = match start {
            OutageStart::Week(d) => d,
            other => {
                let first = u64::from(calendar.first_weekday().days_from_monday()).saturating_mul(86_400);
                let offset = calendar.year_offset(Some(other))?.ok_or_else(|| {
                    Error::invalid("start", format!("{other:?}"), "must be placed in the calendar's year")
                })?;
                // A start past the year's length (a 365-day year takes starts up to 366 days) is
                // priced where the calendar wraps it: into the year's start.
                // Every year length is whole seconds (365, 365.2425 or 365.25 days, or a named year's).
                let year =
                    rust_decimal::prelude::ToPrimitive::to_u64(&calendar.year_seconds().trunc()).unwrap_or(0);
                let wrapped = match offset.as_secs().checked_rem(year) {
                    Some(s) => Duration::new(s, offset.subsec_nanos()),
                    None => offset,
                };
                wrapped.saturating_add(Duration::from_secs(first))
            }
        };
        Outage::new(self.outage_duration(in_week, repair)).with_severity(severity).with_start(start)
    }

    /// The response time of an outage that starts at `start`: from
    /// detection to engagement.
    #[must_use]
    pub fn response_time(&self, start: Duration) -> Duration {
        self.coverage.time_to_engage(start).saturating_sub(self.coverage.detect())
    }

    /// The service credit owed to us for an outage that starts at `start`:
    /// the SLA's credit when the response is later than promised, else 0
    /// (0 without an SLA).
    #[must_use]
    pub fn credit_received(&self, start: Duration) -> Decimal {
        match self.response_sla {
            Some(sla) if self.response_time(start) > sla.respond_within => sla.credit_per_miss,
            _ => Decimal::ZERO,
        }
    }

    /// The share of outages answered later than the SLA promises, for a
    /// start spread evenly over the week, exact (0 without an SLA).
    ///
    /// With `e` the engagement inside cover, `o` the on-call response, `x`
    /// the promise, `C` the covered time and `W` the week: inside cover the
    /// response is `e`; through a gap of length `g` it is `w + e` at a
    /// remaining wait `w ∈ (0, g]` (or `min(o, w + e)`), so
    ///
    /// ```text
    /// late = ( C·[e > x] + Σ_gaps late(g) ) / W
    /// late(g) = 0                                   if on-call answers in time (o ≤ x)
    ///         = g − min(g, max(0, x − e))           otherwise
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] never in practice (sums of seconds in a week).
    pub fn late_share(&self) -> Result<Decimal> {
        let Some(sla) = self.response_sla else { return Ok(Decimal::ZERO) };
        let week = Decimal::from(WEEK);
        div(self.coverage.late_up_to(week, sla.respond_within)?, week, "late share")
    }

    /// The share of outages answered later than the SLA promises, for a
    /// start spread evenly over `calendar`'s year (whole weeks and a
    /// remainder, as [`Coverage::mean_time_to_engage_in`]), exact: the
    /// share the comparison and its credits use (0 without an SLA).
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] never in practice.
    pub fn late_share_in(&self, calendar: &Calendar) -> Result<Decimal> {
        let Some(sla) = self.response_sla else { return Ok(Decimal::ZERO) };
        let late = self.coverage.over_year(calendar, |x| self.coverage.late_up_to(x, sla.respond_within))?;
        div(late, calendar.year_seconds(), "late share")
    }

    /// The expected service credit received per outage over `calendar`'s
    /// year: `late_share_in × credit_per_miss`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for a credit beyond `Decimal`'s range.
    pub fn expected_credit_per_outage(&self, calendar: &Calendar) -> Result<Decimal> {
        let credit = self.response_sla.map_or(Decimal::ZERO, |s| s.credit_per_miss);
        mul(self.late_share_in(calendar)?, credit, "expected service credit")
    }

    /// The mean outage duration in hours for a start spread evenly over
    /// `calendar`'s year: the exact mean time to engage
    /// ([`Coverage::mean_time_to_engage_in`]) plus the repair's mean.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] never in practice.
    pub fn mean_outage_hours(&self, calendar: &crate::calendar::Calendar) -> Result<f64> {
        let engage = crate::decimal::to_f64_lossy(self.coverage.mean_time_to_engage_in(calendar)?) / 3600.0;
        Ok(engage + self.repair.mean_hours())
    }
}

/// A [`ResponseSla`] as written.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct ResponseSlaSpec {
    /// From detection to engagement.
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    respond_within: Duration,
    /// The service credit owed for each late response.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    credit_per_miss: Decimal,
}

impl From<ResponseSla> for ResponseSlaSpec {
    fn from(s: ResponseSla) -> Self {
        ResponseSlaSpec { respond_within: s.respond_within, credit_per_miss: s.credit_per_miss }
    }
}

impl TryFrom<ResponseSlaSpec> for ResponseSla {
    type Error = Error;

    fn try_from(s: ResponseSlaSpec) -> Result<Self> {
        ResponseSla::new(s.respond_within, s.credit_per_miss)
    }
}

crate::json::deserialize_via!(ResponseSla, ResponseSlaSpec);

/// A [`SupportOption`] as written.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct SupportOptionSpec {
    name: String,
    /// The covered hours of the week.
    cover: super::CoverHours,
    /// From an outage's start to its detection.
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    detect: Duration,
    /// From detection (inside cover) or from cover resuming to engagement.
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    engage: Duration,
    /// Outside cover, an on-call engineer engages this long after detection.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::duration::WireDuration>"))]
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::duration::option_wire")]
    on_call: Option<Duration>,
    /// The repair time once engaged.
    repair: DurationDistribution,
    /// The yearly running cost: staff, on-call allowances, a provider's fee.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    running_cost: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response_sla: Option<ResponseSla>,
}

impl From<SupportOption> for SupportOptionSpec {
    fn from(o: SupportOption) -> Self {
        SupportOptionSpec {
            name: o.name.to_string(),
            cover: o.coverage.hours().clone(),
            detect: o.coverage.detect(),
            engage: o.coverage.engage(),
            on_call: o.coverage.on_call(),
            repair: o.repair,
            running_cost: o.running_cost,
            response_sla: o.response_sla,
        }
    }
}

impl TryFrom<SupportOptionSpec> for SupportOption {
    type Error = Error;

    fn try_from(s: SupportOptionSpec) -> Result<Self> {
        let mut coverage = Coverage::new(s.cover, s.detect, s.engage)?;
        if let Some(o) = s.on_call {
            coverage = coverage.with_on_call(o)?;
        }
        let option = SupportOption::new(&s.name, coverage, s.repair, s.running_cost)?;
        Ok(match s.response_sla {
            Some(sla) => option.with_response_sla(sla),
            None => option,
        })
    }
}

crate::json::deserialize_via!(SupportOption, SupportOptionSpec);

/// The support options a scenario compares, for incidents that arrive as
/// `incidents` says with severity `severity` (a full outage unless given).
///
/// In scenario files: `"support": {"incidents": {"poisson": {"per_year": 6}},
/// "severity": {"beta": {"alpha": 3, "beta": 1}}, "options": [{…}, …]}`.
///
/// # Example
///
/// ```
/// use downtime_cost::{CoverHours, Coverage, DurationDistribution, Frequency, SeverityDistribution, SupportChoice, SupportOption};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let min = |m: u64| Duration::from_secs(m * 60);
/// let team = SupportOption::new(
///     "in-house",
///     Coverage::new(CoverHours::business_hours(), min(10), min(15))?,
///     DurationDistribution::fixed(min(60)),
///     Decimal::from(90_000),
/// )?;
/// let choice = SupportChoice::new(Frequency::poisson(6.0)?, SeverityDistribution::default(), vec![team])?;
/// assert_eq!(choice.options().len(), 1);
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "SupportChoiceSpec"))]
#[serde(into = "SupportChoiceSpec")]
pub struct SupportChoice {
    incidents: crate::process::Frequency,
    severity: crate::process::SeverityDistribution,
    options: Vec<SupportOption>,
}

impl SupportChoice {
    /// `options` compared for incidents arriving as `incidents` says, of
    /// severity `severity`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for no options or more than 100 (field
    /// `options`), or two with one name (field `options[i].name`).
    pub fn new(
        incidents: crate::process::Frequency,
        severity: crate::process::SeverityDistribution,
        options: Vec<SupportOption>,
    ) -> Result<Self> {
        check_options(&options)?;
        Ok(SupportChoice { incidents, severity, options })
    }

    /// How often incidents happen.
    #[must_use]
    pub const fn incidents(&self) -> &crate::process::Frequency {
        &self.incidents
    }

    /// How severe they are.
    #[must_use]
    pub const fn severity(&self) -> &crate::process::SeverityDistribution {
        &self.severity
    }

    /// The options, in the order given.
    #[must_use]
    pub fn options(&self) -> &[SupportOption] {
        &self.options
    }
}

/// A [`SupportChoice`] as written.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct SupportChoiceSpec {
    /// How often incidents happen, whoever answers them.
    incidents: crate::process::Frequency,
    /// How severe they are (a full outage unless given).
    #[serde(default)]
    severity: crate::process::SeverityDistribution,
    /// The options compared.
    options: Vec<SupportOption>,
}

impl From<SupportChoice> for SupportChoiceSpec {
    fn from(c: SupportChoice) -> Self {
        SupportChoiceSpec { incidents: c.incidents, severity: c.severity, options: c.options }
    }
}

impl TryFrom<SupportChoiceSpec> for SupportChoice {
    type Error = Error;

    fn try_from(s: SupportChoiceSpec) -> Result<Self> {
        SupportChoice::new(s.incidents, s.severity, s.options)
    }
}

crate::json::deserialize_via!(SupportChoice, SupportChoiceSpec);

/// Rejects no options or more than [`crate::limits::MAX_DESIGNS`] (field
/// `options`) and two with one name (field `options[i].name`).
pub(crate) fn check_options(options: &[SupportOption]) -> Result<()> {
    if options.is_empty() {
        return Err(Error::invalid("options", "[]", "must list at least one option"));
    }
    crate::limits::at_most(
        "options",
        options.len(),
        crate::limits::MAX_DESIGNS,
        "must list at most 100 options",
    )?;
    for (i, o) in options.iter().enumerate() {
        if options.iter().take(i).any(|p| p.name() == o.name()) {
            return Err(Error::invalid(format!("options[{i}].name"), o.name(), "must be unique"));
        }
    }
    Ok(())
}
