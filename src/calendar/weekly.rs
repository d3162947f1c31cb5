//! Weekly profiles: 168 hourly weights (revenue, or the share of staff at
//! work) with prefix sums, so the integral over any window is O(1); and the
//! clock times that working hours are written with.

pub(crate) use super::WEEK_SECONDS;
use super::{HOUR_SECONDS, HOURS_PER_WEEK, Weekday};
use crate::decimal::{add, div, mul, sub};
use crate::duration;
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How a weekly profile is written in a scenario file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(deny_unknown_fields))]
#[serde(untagged)]
enum ProfileSpec {
    /// 168 hourly weights, Monday 00:00–01:00 first.
    Hourly {
        #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::decimal::WireDecimal>"))]
        #[serde(with = "decimal_vec")]
        hourly: Vec<Decimal>,
    },
    /// Weight of hour h on day d = `days[d] × hours[h]`.
    DaysHours {
        #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::decimal::WireDecimal>"))]
        #[serde(with = "decimal_vec")]
        days: Vec<Decimal>,
        #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::decimal::WireDecimal>"))]
        #[serde(with = "decimal_vec")]
        hours: Vec<Decimal>,
    },
    /// Working days and hours: share 1 inside `from`–`to` on `days`, 0 elsewhere;
    /// a partial hour (`17:30`) counts its share.
    Schedule { days: Vec<Weekday>, from: ClockTime, to: ClockTime },
}

/// One of a profile's `days`: a weight (days × hours form) or a weekday (schedule form).
#[derive(Deserialize)]
#[serde(untagged)]
enum DayEntry {
    Weekday(Weekday),
    Weight(#[serde(with = "crate::decimal::wire")] Decimal),
}

/// Every field a profile form may use; the form is chosen by which are present.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    #[serde(default, deserialize_with = "decimal_vec_opt")]
    hourly: Option<Vec<Decimal>>,
    #[serde(default)]
    days: Option<Vec<DayEntry>>,
    #[serde(default, deserialize_with = "decimal_vec_opt")]
    hours: Option<Vec<Decimal>>,
    #[serde(default)]
    from: Option<ClockTime>,
    #[serde(default)]
    to: Option<ClockTime>,
}

impl<'de> Deserialize<'de> for ProfileSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let r = RawProfile::deserialize(d)?;
        match r {
            RawProfile { hourly: Some(hourly), days: None, hours: None, from: None, to: None } => {
                Ok(ProfileSpec::Hourly { hourly })
            }
            RawProfile { hourly: None, days: Some(days), hours: Some(hours), from: None, to: None } => {
                let days = days
                    .into_iter()
                    .map(|e| match e {
                        DayEntry::Weight(w) => Ok(w),
                        DayEntry::Weekday(_) => {
                            Err(D::Error::custom("`days` with `hours` must be 7 weights"))
                        }
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(ProfileSpec::DaysHours { days, hours })
            }
            RawProfile { hourly: None, days: Some(days), hours: None, from: Some(from), to: Some(to) } => {
                let days = days
                    .into_iter()
                    .map(|e| match e {
                        DayEntry::Weekday(w) => Ok(w),
                        DayEntry::Weight(_) => {
                            Err(D::Error::custom("`days` with `from`/`to` must be weekday names"))
                        }
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(ProfileSpec::Schedule { days, from, to })
            }
            _ => Err(D::Error::custom(
                "a weekly profile is {\"hourly\": [168]}, {\"days\": [7], \"hours\": [24]} or {\"days\": [\"mon\", …], \"from\": \"09:00\", \"to\": \"17:00\"}",
            )),
        }
    }
}

fn decimal_vec_opt<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<Decimal>>, D::Error> {
    decimal_vec::deserialize(d).map(Some)
}

mod decimal_vec {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<S: Serializer>(v: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct W<'a>(#[serde(with = "crate::decimal::wire")] &'a Decimal);
        s.collect_seq(v.iter().map(W))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Decimal>, D::Error> {
        #[derive(Deserialize)]
        struct W(#[serde(with = "crate::decimal::wire")] Decimal);
        Vec::<W>::deserialize(d).map(|v| v.into_iter().map(|w| w.0).collect())
    }
}

/// A time of day, `"HH:MM"`, from `00:00` to `24:00`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct ClockTime {
    minutes: u16,
}

/// A clock time in JSON: `"HH:MM"`.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for ClockTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClockTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A time of day, \"HH:MM\", from \"00:00\" to \"24:00\".",
            "type": "string",
            "pattern": "^\\s*[0-9]{1,3}:[0-9]{1,3}\\s*$"
        })
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ClockTime::try_from(s).map_err(crate::json::reject_value)
    }
}

impl ClockTime {
    /// `hours:minutes`, validated.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `time`) unless the time is between 00:00 and 24:00.
    pub fn new(hours: u8, minutes: u8) -> Result<Self> {
        let total = u16::from(hours).saturating_mul(60).saturating_add(u16::from(minutes));
        if minutes < 60 && total <= 1440 {
            Ok(ClockTime { minutes: total })
        } else {
            Err(Error::invalid("time", format!("{hours:02}:{minutes:02}"), "must be between 00:00 and 24:00"))
        }
    }

    pub(crate) fn seconds(self) -> i64 {
        i64::from(self.minutes).saturating_mul(60)
    }
}

impl TryFrom<String> for ClockTime {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        let bad = || Error::invalid("time", format!("\"{s}\""), "must be HH:MM between 00:00 and 24:00");
        let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
        let h: u8 = h.parse().map_err(|_| bad())?;
        let m: u8 = m.parse().map_err(|_| bad())?;
        ClockTime::new(h, m).map_err(|_| bad())
    }
}

impl From<ClockTime> for String {
    fn from(t: ClockTime) -> String {
        t.to_string()
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

impl fmt::Debug for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ClockTime({self})")
    }
}

/// A weekly profile: 168 non-negative hourly weights (Monday 00:00–01:00
/// first) with prefix sums, so the integral over any window is O(1).
///
/// Used two ways: as a **revenue profile** (relative weights, normalised to
/// mean 1, so a weight of 2 earns twice the average rate) and as a **working
/// calendar** (each weight the share of staff at work in that hour, in [0, 1]).
///
/// # Example
///
/// ```
/// use downtime_cost::WeeklyProfile;
/// use rust_decimal::Decimal;
///
/// // Evenings (18:00–24:00) earn three times the daytime rate, every day.
/// let mut hours = vec![Decimal::ONE; 24];
/// hours[18..].fill(Decimal::from(3));
/// let p = WeeklyProfile::from_days_and_hours(&[Decimal::ONE; 7], &hours)?;
/// assert_eq!(p.weight_sum(), Decimal::from(7 * (18 + 3 * 6)));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "ProfileSpec"))]
#[serde(into = "ProfileSpec")]
pub struct WeeklyProfile {
    spec: ProfileSpec,
    /// Hourly weights.
    weights: [Decimal; HOURS_PER_WEEK],
    /// `prefix[h]` = Σ_{i<h} weights[i] × 3600 (weight-seconds); `prefix[168]` the week.
    prefix: [Decimal; HOURS_PER_WEEK + 1],
}

impl WeeklyProfile {
    /// The flat profile: weight 1 in every hour.
    #[must_use]
    pub fn flat() -> Self {
        Self::known_good(
            ProfileSpec::Hourly { hourly: vec![Decimal::ONE; HOURS_PER_WEEK] },
            &[Decimal::ONE; HOURS_PER_WEEK],
        )
    }

    /// Monday–Friday 09:00–17:00 (40 hours a week): the default working calendar.
    #[must_use]
    pub fn office_hours() -> Self {
        let mut weights = [Decimal::ZERO; HOURS_PER_WEEK];
        for day in 0..5usize {
            for hour in 9..17usize {
                if let Some(w) = weights.get_mut(day.saturating_mul(24).saturating_add(hour)) {
                    *w = Decimal::ONE;
                }
            }
        }
        let spec = ProfileSpec::Schedule {
            days: vec![
                Weekday::Monday,
                Weekday::Tuesday,
                Weekday::Wednesday,
                Weekday::Thursday,
                Weekday::Friday,
            ],
            from: ClockTime { minutes: 9 * 60 },
            to: ClockTime { minutes: 17 * 60 },
        };
        Self::known_good(spec, &weights)
    }

    /// Builds a profile whose weights are known to be valid (small, non-negative).
    fn known_good(spec: ProfileSpec, weights: &[Decimal; HOURS_PER_WEEK]) -> Self {
        let prefix = prefix_sums(weights).unwrap_or([Decimal::ZERO; HOURS_PER_WEEK + 1]);
        WeeklyProfile { spec, weights: *weights, prefix }
    }

    /// From 168 hourly weights, Monday 00:00–01:00 first.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `hourly`) unless there are exactly 168
    /// weights, none negative, and (field `hourly`) not all zero.
    pub fn from_hourly(hourly: &[Decimal]) -> Result<Self> {
        Self::try_from(ProfileSpec::Hourly { hourly: hourly.to_vec() })
    }

    /// From 7 day weights (Monday first) and 24 hour weights: the weight of
    /// hour `h` on day `d` is `days[d] × hours[h]`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `days` or `hours`) for the wrong count, a
    /// negative weight, or an all-zero profile.
    pub fn from_days_and_hours(days: &[Decimal], hours: &[Decimal]) -> Result<Self> {
        Self::try_from(ProfileSpec::DaysHours { days: days.to_vec(), hours: hours.to_vec() })
    }

    /// A working schedule: weight 1 from `from` to `to` on each of `days`, 0
    /// elsewhere (a partial hour counts its share). `to` before `from` runs
    /// past midnight into the next day.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `days`) when `days` is empty or `from == to`.
    pub fn schedule(days: &[Weekday], from: ClockTime, to: ClockTime) -> Result<Self> {
        Self::try_from(ProfileSpec::Schedule { days: days.to_vec(), from, to })
    }

    fn build(spec: ProfileSpec, weights: &[Decimal; HOURS_PER_WEEK]) -> Result<Self> {
        let prefix = prefix_sums(weights).ok_or(Error::overflow("weekly profile"))?;
        if prefix.get(HOURS_PER_WEEK).is_none_or(Decimal::is_zero) {
            let field = match &spec {
                ProfileSpec::DaysHours { days, .. } if days.iter().all(Decimal::is_zero) => "days",
                ProfileSpec::DaysHours { .. } => "hours",
                _ => "hourly",
            };
            return Err(Error::invalid(field, "all zero", "must have at least one positive weight"));
        }
        Ok(WeeklyProfile { spec, weights: *weights, prefix })
    }

    /// The 168 hourly weights.
    #[must_use]
    pub fn weights(&self) -> &[Decimal; HOURS_PER_WEEK] {
        &self.weights
    }

    /// Σ of the 168 hourly weights (168 for the flat profile; the weekly
    /// working hours for a working calendar).
    #[must_use]
    pub fn weight_sum(&self) -> Decimal {
        // prefix[168] / 3600 is exact: every term was a multiple of 3600.
        self.week_integral().checked_div(Decimal::from(HOUR_SECONDS)).unwrap_or(Decimal::ZERO)
    }

    /// ∫ over the whole week, in weight-seconds.
    pub(crate) fn week_integral(&self) -> Decimal {
        self.prefix.get(HOURS_PER_WEEK).copied().unwrap_or(Decimal::ZERO)
    }

    /// ∫₀ˣ w, for any phase `x ≥ 0` in nanoseconds from Monday 00:00 (weeks repeat).
    fn cumulative_ns(&self, x: u128) -> Result<Decimal> {
        let whole_weeks = x.checked_div(WEEK_NS).unwrap_or(0);
        let in_week = x.checked_rem(WEEK_NS).unwrap_or(0);
        let hour = in_week.checked_div(HOUR_NS).unwrap_or(0);
        let h = usize::try_from(hour).map_err(|_| Error::overflow("weekly profile"))?;
        let in_hour = duration::seconds_from_nanos(in_week.checked_rem(HOUR_NS).unwrap_or(0))?;
        let (Some(&base), Some(&w)) = (self.prefix.get(h), self.weights.get(h)) else {
            return Err(Error::overflow("weekly profile"));
        };
        let within = add(base, mul(w, in_hour, "weekly profile")?, "weekly profile")?;
        if whole_weeks == 0 {
            return Ok(within);
        }
        let weeks = Decimal::from(u64::try_from(whole_weeks).map_err(|_| Error::overflow("weekly profile"))?);
        add(mul(weeks, self.week_integral(), "weekly profile")?, within, "weekly profile")
    }

    /// ∫ w over `[start, start + length)` in nanoseconds from Monday 00:00.
    pub(crate) fn integral_ns(&self, start: u128, length: u128) -> Result<Decimal> {
        let end = start.checked_add(length).ok_or(Error::overflow("weekly profile"))?;
        sub(self.cumulative_ns(end)?, self.cumulative_ns(start)?, "weekly profile")
    }

    /// ∫ w over `[start, start + length)`, in weight-seconds, where `start`
    /// is seconds from Monday 00:00 (any non-negative value; weeks repeat).
    /// Times are taken to the nanosecond.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a negative start or length; [`Error::Overflow`]
    /// for windows beyond 2⁶⁴ seconds.
    pub fn integral(&self, start: Decimal, length: Decimal) -> Result<Decimal> {
        let ns = |field: &'static str, v: Decimal| -> Result<u128> {
            if v.is_sign_negative() && !v.is_zero() {
                return Err(Error::invalid(field, v, "must not be negative"));
            }
            Ok(duration::from_seconds(v)?.as_nanos())
        };
        self.integral_ns(ns("start", start)?, ns("length", length)?)
    }
}

/// Nanoseconds in a week and in an hour.
const WEEK_NS: u128 = 604_800_000_000_000;
const HOUR_NS: u128 = 3_600_000_000_000;

impl TryFrom<ProfileSpec> for WeeklyProfile {
    type Error = Error;

    fn try_from(spec: ProfileSpec) -> Result<Self> {
        let non_negative = |field: &'static str, v: &[Decimal]| -> Result<()> {
            match v.iter().position(Decimal::is_sign_negative) {
                Some(i) => Err(Error::invalid(
                    format!("{field}[{i}]"),
                    v.get(i).copied().unwrap_or_default(),
                    "must not be negative",
                )),
                None => Ok(()),
            }
        };
        let mut weights = [Decimal::ZERO; HOURS_PER_WEEK];
        match &spec {
            ProfileSpec::Hourly { hourly } => {
                if hourly.len() != HOURS_PER_WEEK {
                    return Err(Error::invalid(
                        "hourly",
                        format!("{} weights", hourly.len()),
                        "must have 168 weights",
                    ));
                }
                non_negative("hourly", hourly)?;
                weights.copy_from_slice(hourly);
            }
            ProfileSpec::DaysHours { days, hours } => {
                if days.len() != 7 {
                    return Err(Error::invalid(
                        "days",
                        format!("{} weights", days.len()),
                        "must have 7 weights",
                    ));
                }
                if hours.len() != 24 {
                    return Err(Error::invalid(
                        "hours",
                        format!("{} weights", hours.len()),
                        "must have 24 weights",
                    ));
                }
                non_negative("days", days)?;
                non_negative("hours", hours)?;
                for (slot, (d, h)) in
                    weights.iter_mut().zip(days.iter().flat_map(|d| hours.iter().map(move |h| (d, h))))
                {
                    *slot = mul(*d, *h, "weekly profile")?;
                }
            }
            ProfileSpec::Schedule { days, from, to } => {
                if days.is_empty() {
                    return Err(Error::invalid("days", "[]", "must name at least one working day"));
                }
                if from == to {
                    return Err(Error::invalid("to", to, "must differ from `from`"));
                }
                let length = if to > from {
                    to.seconds().saturating_sub(from.seconds())
                } else {
                    86_400i64.saturating_sub(from.seconds()).saturating_add(to.seconds())
                };
                for day in days {
                    let start = i64::from(day.days_from_monday())
                        .saturating_mul(86_400)
                        .saturating_add(from.seconds());
                    add_interval(&mut weights, start, length)?;
                }
            }
        }
        Self::build(spec, &weights)
    }
}

/// `prefix[h] = Σ_{i<h} weights[i] × 3600`; `None` on overflow.
fn prefix_sums(weights: &[Decimal; HOURS_PER_WEEK]) -> Option<[Decimal; HOURS_PER_WEEK + 1]> {
    let mut prefix = [Decimal::ZERO; HOURS_PER_WEEK + 1];
    let mut acc = Decimal::ZERO;
    for (slot, w) in prefix.iter_mut().skip(1).zip(weights) {
        acc = acc.checked_add(w.checked_mul(Decimal::from(HOUR_SECONDS))?)?;
        *slot = acc;
    }
    Some(prefix)
}

/// Adds weight 1 over `[start, start + length)` seconds of the week (wrapping),
/// capped at 1 where intervals overlap.
fn add_interval(weights: &mut [Decimal; HOURS_PER_WEEK], start: i64, length: i64) -> Result<()> {
    let mut t = start;
    let end = start.saturating_add(length);
    while t < end {
        let hour_start = t.div_euclid(HOUR_SECONDS).saturating_mul(HOUR_SECONDS);
        let next = hour_start.saturating_add(HOUR_SECONDS).min(end);
        let idx = usize::try_from(t.rem_euclid(WEEK_SECONDS).div_euclid(HOUR_SECONDS))
            .map_err(|_| Error::overflow("schedule"))?;
        let share = div(Decimal::from(next.saturating_sub(t)), Decimal::from(HOUR_SECONDS), "schedule")?;
        if let Some(w) = weights.get_mut(idx) {
            *w = add(*w, share, "schedule")?.min(Decimal::ONE);
        }
        t = next;
    }
    Ok(())
}

impl From<WeeklyProfile> for ProfileSpec {
    fn from(p: WeeklyProfile) -> Self {
        p.spec
    }
}

impl fmt::Debug for WeeklyProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WeeklyProfile").field("weight_sum", &self.weight_sum()).finish_non_exhaustive()
    }
}

crate::json::deserialize_via!(WeeklyProfile, ProfileSpec);
