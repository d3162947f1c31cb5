//! Who answers an outage: the hours a support team covers, whether someone
//! is on call outside them, and what that does to an outage's duration.
//!
//! An outage that starts at `t` (a time in the week) lasts
//!
//! ```text
//! D(t) = detect + response(t + detect) + repair
//! response(s) = engage                        if s is inside the covered hours
//!             = wait(s) + engage              outside them: the wait until the next covered instant
//!             = min(on_call, wait(s) + engage) outside them with on-call cover (whoever comes first)
//! ```
//!
//! so it depends on the start's hour of the week: an outage that starts on
//! a Friday at 19:00 under Monday-to-Friday 09:00–17:00 cover waits until
//! Monday 09:00. Averaged over a start spread evenly over the week, the wait
//! is exact: it falls at one second per second through each uncovered gap
//! of length `g` and is 0 inside cover, so its mean is `Σ g² / (2W)` over
//! the gaps, `W` being the week (604 800 s).
//!
//! Repair is assumed to continue once someone is engaged, inside cover or
//! not.

use std::time::Duration;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::{ClockTime, Weekday};

mod option;
use crate::decimal::{add, div, mul, sub};
use crate::error::{Error, Result};
pub(crate) use option::check_options;
pub use option::{ResponseSla, SupportChoice, SupportOption};

/// Seconds in a week.
pub(crate) const WEEK: u64 = 7 * 86_400;

/// The hours of the week a support team covers: intervals of the week,
/// from Monday 00:00, merged and sorted.
///
/// # Example
///
/// ```
/// use downtime_cost::{ClockTime, CoverHours, Weekday};
/// use std::time::Duration;
///
/// let office = CoverHours::business_hours(); // Monday to Friday, 09:00–17:00
/// assert_eq!(office.covered(), Duration::from_secs(40 * 3600));
/// // Friday 19:10 waits until Monday 09:00: 61 h 50 min.
/// let friday_19_10 = Duration::from_secs((4 * 24 + 19) * 3600 + 10 * 60);
/// assert_eq!(office.wait(friday_19_10), Duration::from_secs(61 * 3600 + 50 * 60));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
///
/// In scenario files: `"24x7"`, `"business_hours"`, or a list of shifts,
/// `[{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "08:00", "to": "20:00"},
/// {"days": ["sat"], "from": "10:00", "to": "14:00"}]` (a `to` at or before
/// `from` runs past midnight).
#[derive(Debug, Clone)]
pub struct CoverHours {
    /// `[start, end)` seconds from Monday 00:00, sorted, disjoint, not
    /// touching, within `[0, WEEK]`.
    intervals: Vec<(u64, u64)>,
    /// How the hours were given, so they are written as read.
    spec: CoverSpec,
}

impl PartialEq for CoverHours {
    /// The same covered instants, however they were given.
    fn eq(&self, other: &Self) -> bool {
        self.intervals == other.intervals
    }
}

impl Eq for CoverHours {}

/// Covered hours as written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum CoverSpec {
    Always,
    BusinessHours,
    Shifts(Vec<Shift>),
}

/// One shift: `from`–`to` on each of `days`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct Shift {
    days: Vec<Weekday>,
    from: ClockTime,
    to: ClockTime,
}

impl Serialize for CoverHours {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match &self.spec {
            CoverSpec::Always => s.serialize_str("24x7"),
            CoverSpec::BusinessHours => s.serialize_str("business_hours"),
            CoverSpec::Shifts(shifts) => shifts.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for CoverHours {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = CoverHours;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("\"24x7\", \"business_hours\" or a list of shifts {days, from, to}")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<CoverHours, E> {
                match v {
                    "24x7" => Ok(CoverHours::always()),
                    "business_hours" => Ok(CoverHours::business_hours()),
                    other => Err(crate::json::reject(Error::invalid(
                        "cover",
                        format!("{other:?}"),
                        "must be \"24x7\", \"business_hours\" or a list of shifts",
                    ))),
                }
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> std::result::Result<CoverHours, A::Error> {
                let shifts = Vec::<Shift>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                CoverHours::from_shifts(shifts).map_err(crate::json::reject)
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for CoverHours {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CoverHours".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let shifts = generator.subschema_for::<Vec<Shift>>();
        schemars::json_schema!({
            "description": "The covered hours of the week: \"24x7\", \"business_hours\" (Monday to Friday, 09:00-17:00) or a list of shifts.",
            "oneOf": [{"type": "string", "enum": ["24x7", "business_hours"]}, shifts]
        })
    }
}

impl CoverHours {
    /// Every hour of the week (24×7).
    #[must_use]
    pub fn always() -> Self {
        CoverHours { intervals: vec![(0, WEEK)], spec: CoverSpec::Always }
    }

    /// Monday to Friday, 09:00–17:00.
    #[must_use]
    pub fn business_hours() -> Self {
        let days =
            [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday];
        let intervals = days
            .iter()
            .map(|d| day_start(*d))
            .map(|s| (s.saturating_add(9 * 3600), s.saturating_add(17 * 3600)))
            .collect();
        CoverHours { intervals, spec: CoverSpec::BusinessHours }
    }

    /// `from`–`to` on each of `days`; a `to` at or before `from` runs past
    /// midnight into the next day (`22:00`–`06:00`), Sunday's into Monday.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for no days (field `days`) or `from` equal to
    /// `to` (field `to`: an empty shift; use 00:00–24:00 for a whole day).
    pub fn weekly(days: &[Weekday], from: ClockTime, to: ClockTime) -> Result<Self> {
        let (from_time, to_time) = (from, to);
        if days.is_empty() {
            return Err(Error::invalid("days", "[]", "must name at least one day"));
        }
        let (from_s, to_s) = (clock(from), clock(to));
        // 24:00 is 00:00 of the next day: a shift from 24:00 to 00:00 is as empty as 09:00–09:00.
        if from_s == to_s || to_s.saturating_add(86_400) == from_s {
            return Err(Error::invalid("to", to, "must differ from `from` (an empty shift)"));
        }
        let (from, to) = (from_s, to_s);
        let mut pieces = Vec::new();
        for day in days {
            let start = day_start(*day).saturating_add(from);
            let end = day_start(*day).saturating_add(if to > from { to } else { to.saturating_add(86_400) });
            // A shift past Sunday midnight continues on Monday.
            if end > WEEK {
                pieces.push((start, WEEK));
                pieces.push((0, end.saturating_sub(WEEK)));
            } else {
                pieces.push((start, end));
            }
        }
        let shift = Shift { days: days.to_vec(), from: from_time, to: to_time };
        Ok(CoverHours { intervals: merged(pieces), spec: CoverSpec::Shifts(vec![shift]) })
    }

    /// The union of `shifts` (each as [`CoverHours::weekly`]), the error of
    /// shift `i` named `[i].days` or `[i].to`.
    fn from_shifts(shifts: Vec<Shift>) -> Result<Self> {
        if shifts.is_empty() {
            return Err(Error::invalid("cover", "[]", "must list at least one shift"));
        }
        // Any union of cover written by `with` has at most one shift per whole minute of the week.
        crate::limits::at_most("cover", shifts.len(), 10_080, "must list at most 10080 shifts")?;
        let mut intervals = Vec::new();
        for (i, shift) in shifts.iter().enumerate() {
            let one = CoverHours::weekly(&shift.days, shift.from, shift.to)
                .map_err(|e| e.within(&format!("[{i}]")))?;
            intervals.extend(one.intervals);
        }
        Ok(CoverHours { intervals: merged(intervals), spec: CoverSpec::Shifts(shifts) })
    }

    /// These hours and `other`'s together.
    #[must_use]
    pub fn with(&self, other: &CoverHours) -> Self {
        let intervals = merged(self.intervals.iter().chain(&other.intervals).copied().collect());
        // Written as the union's own shifts (one per distinct time of day, with its days), so a
        // union of any number of hours stays within what a scenario reads.
        let spec = if intervals == [(0, WEEK)] {
            CoverSpec::Always
        } else {
            CoverSpec::Shifts(shifts_of(&intervals))
        };
        CoverHours { intervals, spec }
    }

    /// The covered time of a week.
    #[must_use]
    pub fn covered(&self) -> Duration {
        Duration::from_secs(
            self.intervals.iter().map(|(a, b)| b.saturating_sub(*a)).fold(0, u64::saturating_add),
        )
    }

    /// Whether the instant `at` (from Monday 00:00; taken modulo a week) is
    /// covered.
    #[must_use]
    pub fn is_covered(&self, at: Duration) -> bool {
        self.wait(at).is_zero()
    }

    /// The wait from `at` (from Monday 00:00; taken modulo a week) until the
    /// next covered instant: zero inside cover.
    #[must_use]
    pub fn wait(&self, at: Duration) -> Duration {
        let s = at.as_secs() % WEEK;
        let frac = at.subsec_nanos();
        // The first interval that ends after `s` (an instant at its end is outside it).
        match self.intervals.iter().find(|(_, end)| *end > s) {
            Some((start, _)) if *start <= s => Duration::ZERO,
            Some((start, _)) => {
                Duration::new(start.saturating_sub(s), 0).saturating_sub(Duration::new(0, frac))
            }
            None => match self.intervals.first() {
                Some((start, _)) => Duration::new(WEEK.saturating_sub(s).saturating_add(*start), 0)
                    .saturating_sub(Duration::new(0, frac)),
                None => Duration::MAX,
            },
        }
    }

    /// The uncovered gaps of the week, in seconds, the one across Sunday
    /// midnight counted once.
    pub(crate) fn gaps(&self) -> Vec<u64> {
        let (Some(first), Some(last)) = (self.intervals.first(), self.intervals.last()) else {
            return vec![WEEK];
        };
        let mut gaps: Vec<u64> = self
            .intervals
            .iter()
            .zip(self.intervals.iter().skip(1))
            .map(|(a, b)| b.0.saturating_sub(a.1))
            .collect();
        let wrap = WEEK.saturating_sub(last.1).saturating_add(first.0);
        if wrap > 0 {
            gaps.push(wrap);
        }
        gaps
    }

    /// The mean wait, in seconds, for an instant spread evenly over the
    /// week: `Σ g² / (2W)` over the uncovered gaps `g`, exact (the wait falls
    /// linearly through each gap).
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] never in practice (the sums are below 10¹²).
    pub fn mean_wait_seconds(&self) -> Result<Decimal> {
        let squares = self.gaps().iter().try_fold(Decimal::ZERO, |acc, g| {
            let g = Decimal::from(*g);
            add(acc, mul(g, g, "mean wait")?, "mean wait")
        })?;
        div(squares, Decimal::from(WEEK.saturating_mul(2)), "mean wait")
    }

    /// The share of the week that is not covered, `Σ g / W`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] never in practice.
    pub fn uncovered_share(&self) -> Result<Decimal> {
        let gaps: u64 = self.gaps().iter().fold(0, |a, g| a.saturating_add(*g));
        div(Decimal::from(gaps), Decimal::from(WEEK), "uncovered share")
    }
}

/// [`Error::Invalid`] for `field` when `d` is above a year (365 days).
fn at_most_a_year(field: &'static str, d: Duration) -> Result<()> {
    if d > Duration::from_secs(365 * 86_400) {
        return Err(Error::invalid(field, crate::duration::format(d), "must be at most a year (365 days)"));
    }
    Ok(())
}

/// `intervals` (whole minutes of the week) as shifts: each cut at midnight,
/// the pieces with the same times of day joined into one shift over their
/// days, in the order first met.
fn shifts_of(intervals: &[(u64, u64)]) -> Vec<Shift> {
    let mut shifts: Vec<Shift> = Vec::new();
    let time = |s: u64| {
        let (h, m) = (s / 3600, (s % 3600) / 60);
        ClockTime::new(u8::try_from(h).unwrap_or(24), u8::try_from(m).unwrap_or(0)).ok()
    };
    for &(a, b) in intervals {
        let mut at = a;
        while at < b {
            let day = at / 86_400;
            let end = b.min(day.saturating_add(1).saturating_mul(86_400));
            let weekday = Weekday::from_days_from_monday(u8::try_from(day % 7).unwrap_or(0));
            // Whole minutes within a day (00:00 to 24:00) are always clock times.
            if let (Some(from), Some(to)) =
                (time(at % 86_400), time(end.saturating_sub(day.saturating_mul(86_400))))
            {
                match shifts.iter_mut().find(|s| s.from == from && s.to == to) {
                    Some(s) => s.days.push(weekday),
                    None => shifts.push(Shift { days: vec![weekday], from, to }),
                }
            }
            at = end;
        }
    }
    shifts
}

/// Seconds from Monday 00:00 to `day` 00:00.
fn day_start(day: Weekday) -> u64 {
    u64::from(day.days_from_monday()).saturating_mul(86_400)
}

/// Seconds after midnight of a clock time (0 to 86 400).
fn clock(t: ClockTime) -> u64 {
    u64::try_from(t.seconds()).unwrap_or(0)
}

/// `pieces` sorted and merged where they overlap or touch.
fn merged(mut pieces: Vec<(u64, u64)>) -> Vec<(u64, u64)> {
    pieces.retain(|(a, b)| b > a);
    pieces.sort_unstable();
    let mut out: Vec<(u64, u64)> = Vec::with_capacity(pieces.len());
    for (a, b) in pieces {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// How a team answers an outage: its covered hours, who answers outside
/// them, and how long detection and engagement take.
///
/// # Example
///
/// The worked example: an outage that starts on Friday at 19:00 under
/// business-hours cover, detected in 10 minutes, engaged 15 minutes after
/// someone is there and repaired in an hour, lasts until Monday 10:15; with
/// 24×7 cover it lasts 1 h 25 min.
///
/// ```
/// use downtime_cost::{CoverHours, Coverage};
/// use std::time::Duration;
///
/// let min = |m: u64| Duration::from_secs(m * 60);
/// let friday_19_00 = Duration::from_secs((4 * 24 + 19) * 3600);
/// let office = Coverage::new(CoverHours::business_hours(), min(10), min(15))?;
/// // Friday 19:00 → Monday 10:15 is 2 days, 15 h and 15 min.
/// assert_eq!(office.outage_duration(friday_19_00, min(60)), Duration::from_secs((2 * 24 + 15) * 3600) + min(15));
/// let always = Coverage::new(CoverHours::always(), min(10), min(15))?;
/// assert_eq!(always.outage_duration(friday_19_00, min(60)), min(85));
/// // On call outside hours, answering in 30 minutes: 10 + 30 + 60 minutes.
/// let on_call = office.with_on_call(min(30))?;
/// assert_eq!(on_call.outage_duration(friday_19_00, min(60)), min(100));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    hours: CoverHours,
    detect: Duration,
    engage: Duration,
    on_call: Option<Duration>,
}

impl Coverage {
    /// Cover in `hours`: an outage is detected `detect` after it starts and
    /// engaged `engage` after detection inside cover, or `engage` after
    /// cover resumes outside it.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `hours`) when nothing is covered, or
    /// (field `detect`, `engage`) for a time above a year.
    pub fn new(hours: CoverHours, detect: Duration, engage: Duration) -> Result<Self> {
        if hours.intervals.is_empty() {
            return Err(Error::invalid("hours", "none", "must cover some time of the week"));
        }
        at_most_a_year("detect", detect)?;
        at_most_a_year("engage", engage)?;
        Ok(Coverage { hours, detect, engage, on_call: None })
    }

    /// Outside the covered hours, an on-call engineer engages `response`
    /// after detection (or the team, when it comes back first).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `on_call`) for a response faster than the
    /// engagement inside cover (on-call answers from home, so never sooner,
    /// and with it wider cover, 24×7, could lengthen an outage), or above a
    /// year.
    pub fn with_on_call(mut self, response: Duration) -> Result<Self> {
        at_most_a_year("on_call", response)?;
        if response < self.engage {
            return Err(Error::invalid(
                "on_call",
                crate::duration::format(response),
                "must be at least the time to engage inside cover",
            ));
        }
        self.on_call = Some(response);
        Ok(self)
    }

    /// The covered hours.
    #[must_use]
    pub const fn hours(&self) -> &CoverHours {
        &self.hours
    }

    /// The time to detect an outage.
    #[must_use]
    pub const fn detect(&self) -> Duration {
        self.detect
    }

    /// The time to engage inside cover.
    #[must_use]
    pub const fn engage(&self) -> Duration {
        self.engage
    }

    /// The on-call response outside cover, if any.
    #[must_use]
    pub const fn on_call(&self) -> Option<Duration> {
        self.on_call
    }

    /// The time from an outage's start at `start` (from Monday 00:00, taken
    /// modulo a week) until someone works on it: detection, then the
    /// engagement inside cover; outside it the wait for cover and the
    /// engagement, or the on-call response if that comes first.
    #[must_use]
    pub fn time_to_engage(&self, start: Duration) -> Duration {
        // The start's place in the week first: detection (at most a year) then cannot saturate.
        let start = Duration::new(start.as_secs() % WEEK, start.subsec_nanos());
        let detected = start.saturating_add(self.detect);
        let after = if self.hours.is_covered(detected) {
            self.engage
        } else {
            let team = self.hours.wait(detected).saturating_add(self.engage);
            self.on_call.map_or(team, |on_call| on_call.min(team))
        };
        self.detect.saturating_add(after)
    }

    /// [`Coverage::time_to_engage`] in `f64` seconds, for a start `at`
    /// seconds from a Monday 00:00 (any finite value; taken modulo a week).
    #[expect(clippy::cast_precision_loss, reason = "a week in seconds is exact in f64")]
    pub(crate) fn time_to_engage_seconds(&self, at: f64) -> f64 {
        let week = WEEK as f64;
        let pos = at.rem_euclid(week);
        // `pos` is in [0, week) for a finite `at`; a non-finite one is answered as at Monday 00:00.
        let start = Duration::try_from_secs_f64(pos).unwrap_or(Duration::ZERO);
        self.time_to_engage(start).as_secs_f64()
    }

    /// The outage's duration when it starts at `start` and takes `repair`
    /// once engaged: `time_to_engage(start) + repair`.
    #[must_use]
    pub fn outage_duration(&self, start: Duration, repair: Duration) -> Duration {
        self.time_to_engage(start).saturating_add(repair)
    }

    /// The mean time to engage, in seconds, for a start spread evenly over
    /// the week, exact. The detection shifts every start by the same time,
    /// so the detected instant is spread evenly over the week too; inside
    /// cover the response is `e` (engage); through an uncovered gap of length
    /// `g` the wait `w` falls from `g` to 0 and the response is `w + e`, or
    /// `min(o, w + e)` with on-call response `o`, whose integral over the gap
    /// is, with `k = max(0, o − e)`,
    ///
    /// ```text
    /// I(g) = g·e + g²/2                      without on-call, or g ≤ k
    /// I(g) = k·e + k²/2 + (g − k)·o          with on-call and g > k
    /// mean = detect + (C·e + Σ I(g)) / W     C the covered time, W the week
    /// ```
    ///
    /// (without on-call: `detect + e + Σ g² / (2W)`).
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] never in practice (the sums stay below 10²⁵).
    pub fn mean_time_to_engage_seconds(&self) -> Result<Decimal> {
        const OP: &str = "mean time to engage";
        let secs = crate::duration::seconds;
        let e = secs(self.engage);
        let half = |x: Decimal| div(mul(x, x, OP)?, Decimal::TWO, OP);
        let linear = |g: Decimal| add(mul(g, e, OP)?, half(g)?, OP);
        let integral = |g: Decimal| -> Result<Decimal> {
            match self.on_call {
                Some(on_call) => {
                    let o = secs(on_call);
                    let k = sub(o, e, OP)?.max(Decimal::ZERO);
                    if g <= k { linear(g) } else { add(linear(k)?, mul(sub(g, k, OP)?, o, OP)?, OP) }
                }
                None => linear(g),
            }
        };
        let gaps = self
            .hours
            .gaps()
            .into_iter()
            .try_fold(Decimal::ZERO, |acc, g| add(acc, integral(Decimal::from(g))?, OP))?;
        let covered = mul(secs(self.hours.covered()), e, OP)?;
        let mean = div(add(covered, gaps, OP)?, Decimal::from(WEEK), OP)?;
        add(secs(self.detect), mean, OP)
    }

    /// The mean time to engage, in seconds, for a start spread evenly over
    /// `calendar`'s year (whose first day is its first weekday), exact: the
    /// year is whole weeks and a remainder (a 365-day year is 52 weeks and a
    /// day), so the mean is `detect + (q·∫week + ∫rest) / year` with the
    /// response integrated piece by piece as in
    /// [`Coverage::mean_time_to_engage_seconds`]. This is the mean the
    /// simulation and the support comparison use.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] never in practice.
    pub fn mean_time_to_engage_in(&self, calendar: &crate::calendar::Calendar) -> Result<Decimal> {
        const OP: &str = "mean time to engage";
        let total = self.over_year(calendar, |x| self.response_up_to(x))?;
        add(crate::duration::seconds(self.detect), div(total, calendar.year_seconds(), OP)?, OP)
    }

    /// `∫ f` over the detected instants of a start spread over `calendar`'s
    /// year, `[start + detect, start + detect + year)` from a Monday 00:00,
    /// given `up_to(x) = ∫₀ˣ f` over a week (`0 ≤ x ≤ W`): whole weeks, then
    /// the remainder (wrapping past Sunday at most once).
    pub(crate) fn over_year(
        &self,
        calendar: &crate::calendar::Calendar,
        up_to: impl Fn(Decimal) -> Result<Decimal>,
    ) -> Result<Decimal> {
        const OP: &str = "integral over the year";
        let week = Decimal::from(WEEK);
        let year = calendar.year_seconds();
        let start =
            Decimal::from(u64::from(calendar.first_weekday().days_from_monday()).saturating_mul(86_400));
        let from = add(start, crate::duration::seconds(self.detect), OP)?;
        let whole = div(year, week, OP)?.floor();
        let rest = sub(year, mul(whole, week, OP)?, OP)?;
        let full = mul(whole, up_to(week)?, OP)?;
        let a = sub(from, mul(div(from, week, OP)?.floor(), week, OP)?, OP)?;
        let b = add(a, rest, OP)?;
        let part = if b <= week {
            sub(up_to(b)?, up_to(a)?, OP)?
        } else {
            let head = sub(up_to(week)?, up_to(a)?, OP)?;
            add(head, up_to(sub(b, week, OP)?)?, OP)?
        };
        add(full, part, OP)
    }

    /// The week as pieces `(from, to, resumes)` in seconds from Monday
    /// 00:00: `resumes` is `Some(c)`, where cover resumes, for a gap, and
    /// `None` inside cover.
    fn pieces(&self) -> Result<Vec<(Decimal, Decimal, Option<Decimal>)>> {
        let week = Decimal::from(WEEK);
        let Some(&(first, _)) = self.hours.intervals.first() else { return Ok(Vec::new()) };
        let mut pieces = Vec::new();
        let mut at = Decimal::ZERO;
        for &(a, b) in &self.hours.intervals {
            let (a, b) = (Decimal::from(a), Decimal::from(b));
            if a > at {
                pieces.push((at, a, Some(a)));
            }
            pieces.push((a, b, None));
            at = b;
        }
        if at < week {
            pieces.push((at, week, Some(add(week, Decimal::from(first), "cover pieces")?)));
        }
        Ok(pieces)
    }

    /// The measure of detected instants in `[0, x)` (seconds from Monday
    /// 00:00) whose response is later than `within`: inside cover when
    /// `engage > within`; in a gap whose cover resumes at `c`, the instants
    /// before `c − (within − engage)` unless on-call answers within it.
    pub(crate) fn late_up_to(&self, upto: Decimal, within: Duration) -> Result<Decimal> {
        const OP: &str = "late share";
        let secs = crate::duration::seconds;
        let (engage, promise) = (secs(self.engage), secs(within));
        let slack = sub(promise, engage, OP)?.max(Decimal::ZERO);
        let on_call_in_time = self.on_call.is_some_and(|o| secs(o) <= promise);
        let mut total = Decimal::ZERO;
        for (from, to, resumes) in self.pieces()? {
            if from >= upto {
                break;
            }
            let to = to.min(upto);
            let late = match resumes {
                None if engage > promise => sub(to, from, OP)?,
                None => Decimal::ZERO,
                Some(_) if on_call_in_time => Decimal::ZERO,
                Some(c) => sub(to.min(sub(c, slack, OP)?), from, OP)?.max(Decimal::ZERO),
            };
            total = add(total, late, OP)?;
        }
        Ok(total)
    }

    /// `∫₀ˣ response(y) dy` over detected instants `y` from Monday 00:00 to
    /// `x` seconds (`0 ≤ x ≤ W`): `e` a second inside cover; through a gap
    /// whose cover resumes at `c` the wait is `c − y`, so a piece `[p, q)`
    /// adds `F(c − p) − F(c − q)` with `F(w) = ∫₀ʷ f`, `f(w) = w + e` or
    /// `min(o, w + e)`.
    fn response_up_to(&self, x: Decimal) -> Result<Decimal> {
        const OP: &str = "mean time to engage";
        let secs = crate::duration::seconds;
        let e = secs(self.engage);
        let on_call = self.on_call.map(secs);
        let big_f = |w: Decimal| -> Result<Decimal> {
            let linear = |w: Decimal| add(mul(e, w, OP)?, div(mul(w, w, OP)?, Decimal::TWO, OP)?, OP);
            match on_call {
                Some(o) => {
                    let k = sub(o, e, OP)?.max(Decimal::ZERO);
                    if w <= k { linear(w) } else { add(linear(k)?, mul(sub(w, k, OP)?, o, OP)?, OP) }
                }
                None => linear(w),
            }
        };
        let mut total = Decimal::ZERO;
        for (p, q, resumes) in self.pieces()? {
            if p >= x {
                break;
            }
            let q = q.min(x);
            let piece = match resumes {
                None => mul(sub(q, p, OP)?, e, OP)?,
                Some(c) => sub(big_f(sub(c, p, OP)?)?, big_f(sub(c, q, OP)?)?, OP)?,
            };
            total = add(total, piece, OP)?;
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    const H: u64 = 3600;

    fn at(day: u64, hour: u64, minute: u64) -> Duration {
        Duration::from_secs(day * 86_400 + hour * H + minute * 60)
    }

    fn min(m: u64) -> Duration {
        Duration::from_secs(m * 60)
    }

    #[test]
    fn friday_evening_under_business_hours_lasts_until_monday_10_15() {
        // Friday 19:00 (day 4); detected 19:10, outside cover; Monday 09:00 is 61 h 50 min
        // later; engaged 09:15; repaired 10:15. From Friday 19:00 to Monday 10:15: 63 h 15 min.
        let office = Coverage::new(CoverHours::business_hours(), min(10), min(15)).unwrap();
        assert_eq!(office.hours().wait(at(4, 19, 10)), Duration::from_secs(61 * H + 50 * 60));
        assert_eq!(office.outage_duration(at(4, 19, 0), min(60)), Duration::from_secs(63 * H + 15 * 60));
        // The same start with 24×7 cover: 10 + 15 + 60 minutes.
        let always = Coverage::new(CoverHours::always(), min(10), min(15)).unwrap();
        assert_eq!(always.outage_duration(at(4, 19, 0), min(60)), min(85));
        // Inside hours (Tuesday 10:00) business hours answer as fast as 24×7.
        assert_eq!(office.outage_duration(at(1, 10, 0), min(60)), min(85));
        // Detected at 16:55, inside cover: engaged at 17:10 although cover ends at 17:00.
        assert_eq!(office.time_to_engage(at(0, 16, 45)), min(25));
        // Detected at 17:00 exactly, the end of cover: outside it, until Tuesday 09:00 (16 h).
        assert_eq!(office.time_to_engage(at(0, 16, 50)), min(10) + Duration::from_secs(16 * H) + min(15));
    }

    #[test]
    fn shifts_past_midnight_and_sunday_wrap_into_monday() {
        // Sunday 22:00–06:00: Sunday 22:00–24:00 and Monday 00:00–06:00, one interval across
        // the week's end.
        let night = CoverHours::weekly(
            &[Weekday::Sunday],
            ClockTime::new(22, 0).unwrap(),
            ClockTime::new(6, 0).unwrap(),
        )
        .unwrap();
        assert_eq!(night.covered(), Duration::from_secs(8 * H));
        assert!(night.is_covered(at(6, 23, 0)) && night.is_covered(at(0, 5, 59)));
        assert!(!night.is_covered(at(0, 6, 0)));
        // Monday 06:00 waits until Sunday 22:00: 6 days and 16 h.
        assert_eq!(night.wait(at(0, 6, 0)), Duration::from_secs(6 * 86_400 + 16 * H));
        // One gap of 160 h: mean wait 160² / (2 · 168) h = 76.190… h.
        let mean = night.mean_wait_seconds().unwrap();
        assert_eq!(mean, Decimal::from(160 * 160 * H * H) / Decimal::from(2 * 168 * H));
        // Touching shifts merge: 09:00–17:00 and 17:00–22:00 are one interval.
        let a = CoverHours::weekly(
            &[Weekday::Monday],
            ClockTime::new(9, 0).unwrap(),
            ClockTime::new(17, 0).unwrap(),
        )
        .unwrap();
        let b = CoverHours::weekly(
            &[Weekday::Monday],
            ClockTime::new(17, 0).unwrap(),
            ClockTime::new(22, 0).unwrap(),
        )
        .unwrap();
        assert_eq!(a.with(&b).intervals, vec![(9 * H, 22 * H)]);
        assert!(
            CoverHours::weekly(&[], ClockTime::new(9, 0).unwrap(), ClockTime::new(17, 0).unwrap()).is_err()
        );
        // 24:00–00:00 is as empty as 09:00–09:00.
        let (t24, t0) = (ClockTime::new(24, 0).unwrap(), ClockTime::new(0, 0).unwrap());
        assert_eq!(CoverHours::weekly(&[Weekday::Monday], t24, t0).unwrap_err().field(), Some("to"));
        // 00:00–24:00 is the whole day.
        let day = CoverHours::weekly(&[Weekday::Monday], t0, t24).unwrap();
        assert_eq!(day.covered(), Duration::from_secs(24 * H));
        // Detection, engagement and on-call above a year are refused; a start far beyond a
        // week is placed in the week first.
        let year = Duration::from_secs(365 * 86_400);
        assert!(Coverage::new(CoverHours::always(), year + Duration::from_secs(1), min(1)).is_err());
        let c = Coverage::new(CoverHours::business_hours(), min(10), min(15)).unwrap();
        assert!(c.clone().with_on_call(year * 2).is_err());
        let in_week = Duration::new(u64::MAX % (7 * 86_400), 999_999_999);
        assert_eq!(c.time_to_engage(Duration::MAX), c.time_to_engage(in_week));
    }

    #[test]
    fn the_mean_time_to_engage_is_exact() {
        // Business hours: 40 h covered of 168 h; gaps of 16 h (Monday to Thursday nights) and
        // 64 h (the weekend). Mean wait (4·16² + 64²) / (2·168) h = 5120/336 h = 15.2380952… h.
        let office = Coverage::new(CoverHours::business_hours(), min(10), min(15)).unwrap();
        let wait = office.hours().mean_wait_seconds().unwrap();
        assert_eq!(wait, Decimal::from(5120 * H) / dec!(336));
        assert_eq!(office.hours().uncovered_share().unwrap(), Decimal::from(128u32) / Decimal::from(168u32));
        // Mean time to engage: 10 min + 15 min + 15.238… h.
        let mean = office.mean_time_to_engage_seconds().unwrap();
        assert_eq!(mean, dec!(1500) + Decimal::from(5120 * H) / dec!(336));
        // With on-call answering in 30 minutes, whoever comes first: in the last k = 30 − 15 =
        // 15 min of each gap the team (w + 15 min) beats the on-call. Over the five gaps
        // (128 h = 460 800 s): 5·(900·900 + 900²/2) + (460 800 − 5·900)·1800 = 827 415 000 s²;
        // covered 40 h · 900 s = 129 600 000 s². Mean: 600 + 957 015 000 / 604 800
        // = 244425/112 s = 2182.366071… s.
        let on_call = office.clone().with_on_call(min(30)).unwrap();
        let mean = on_call.mean_time_to_engage_seconds().unwrap();
        assert!((mean - dec!(244425) / dec!(112)).abs() < dec!(1e-20), "{mean}");
        // The exact mean against the average over every minute of the week (the wait is
        // linear within each minute, so the midpoint rule is exact up to the minute grid).
        for r in [&office, &on_call] {
            let n = 7 * 24 * 60;
            let total: u128 =
                (0..n).map(|m| r.time_to_engage(Duration::from_secs(m * 60 + 30)).as_millis()).sum();
            let average = Decimal::from(total) / Decimal::from(u128::from(n) * 1000);
            let exact = r.mean_time_to_engage_seconds().unwrap();
            assert!((average - exact).abs() < dec!(0.001), "{average} {exact}");
        }
    }
}
