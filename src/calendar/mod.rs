//! Time structure: when revenue is earned (a weekly profile and peak periods)
//! and when staff work (a working calendar), with O(1) window integrals from
//! prefix sums over the week.
//!
//! Time inside a week is measured in seconds from Monday 00:00; time inside a
//! year in seconds from the year's start (whose weekday [`Calendar`] knows).
//! The year repeats: a window that runs past the year's end continues at its
//! start.

pub use crate::civil::Weekday;
use crate::convention::Conventions;
use crate::decimal::{Ratio, add, mul};
use crate::duration;
use crate::error::{Error, Result};
use crate::outage::OutageStart;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::time::Duration;

mod billing;
mod peak;
mod weekly;

use billing::Billing;
pub(crate) use billing::BillingSlot;
pub use peak::PeakPeriod;
pub use weekly::{ClockTime, WeeklyProfile};

/// Seconds in a week.
pub(crate) const WEEK_SECONDS: i64 = 604_800;
const HOUR_SECONDS: i64 = 3_600;
const HOURS_PER_WEEK: usize = 168;

/// Nanoseconds in a day.
const DAY_NS: u128 = 86_400_000_000_000;

/// When the business earns and works: the weekday the year starts on, the
/// weekly revenue profile, the working calendar and the peak periods.
///
/// Revenue is normalised so that a year earns exactly the annual revenue:
/// the rate at year time `t` is `R × w(t) × p(t) / Z`, with `w` the weekly
/// profile, `p` the peak multiplier (1 outside peaks) and `Z = ∫_year w·p`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "CalendarSpec"))]
#[serde(into = "CalendarSpec")]
pub struct Calendar {
    spec: CalendarSpec,
    /// The conventions in force: the spec's, or for a named year its real
    /// length with calendar months and quarters.
    conventions: Conventions,
    /// The weekday of the year's first day.
    first_weekday: Weekday,
    /// For a named year, the day each month starts on (and the year's length).
    month_starts: Option<[u16; 13]>,
    /// The billing periods (months, quarters, the year).
    billing: Billing,
    year_seconds: Decimal,
    year_ns: u128,
    /// Peaks sorted by start, non-overlapping.
    peaks: Vec<PeakPeriod>,
    /// `Z = ∫_year w·p` in weight-seconds of the raw revenue profile.
    year_revenue_weight: Decimal,
    /// The revenue profile in force (flat unless set).
    revenue: WeeklyProfile,
    /// The working calendar in force (office hours unless set).
    working: WeeklyProfile,
    /// `∫_year working` in staff-seconds.
    year_working_weight: Decimal,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
struct CalendarSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<i16>,
    conventions: Conventions,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year_starts_on: Option<Weekday>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    revenue_profile: Option<WeeklyProfile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    working_hours: Option<WeeklyProfile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    peaks: Vec<PeakPeriod>,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            spec: CalendarSpec::default(),
            conventions: Conventions::default(),
            first_weekday: Weekday::Monday,
            month_starts: None,
            billing: Billing::new(None, Conventions::default().year().seconds(), Conventions::default())
                .unwrap_or_default(),
            year_seconds: Conventions::default().year().seconds(),
            year_ns: year_ns(Conventions::default()),
            peaks: Vec::new(),
            year_revenue_weight: Conventions::default().year().seconds(),
            revenue: WeeklyProfile::flat(),
            working: WeeklyProfile::office_hours(),
            // 365 days = 52 weeks + 1 Monday: 52 × 40 h + 8 h = 2 088 h.
            year_working_weight: Decimal::from(2_088 * 3_600),
        }
    }
}

impl Calendar {
    /// A calendar under `conventions`: flat revenue, the year starting on a
    /// Monday, staff working Monday–Friday 09:00–17:00, no peaks.
    #[must_use]
    pub fn new(conventions: Conventions) -> Self {
        let mut c = Calendar::default();
        c.spec.conventions = conventions;
        // Cannot fail: the default profiles and no peaks.
        Calendar::try_from(c.spec.clone()).unwrap_or(c)
    }

    /// Sets the weekday of the year's first day.
    ///
    /// # Errors
    ///
    /// Only on arithmetic overflow.
    pub fn with_year_starts_on(mut self, day: Weekday) -> Result<Self> {
        self.spec.year_starts_on = Some(day);
        self.revalidate()
    }

    /// Names the calendar year: the year then has its real length (366
    /// days in a leap year), its real first weekday, and its real months
    /// and quarters (28–31 and 90–92 days), on which SLA credits are
    /// assessed; outage starts and peaks may then be given as dates.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a year outside 1–9999 (field `year`), for
    /// conventions other than a 365-day year with year/12 or calendar
    /// months and year/4 or calendar quarters (field `conventions`), a
    /// `year_starts_on` that is not the real weekday of 1 January (field
    /// `year_starts_on`), or a peak given by dates in another year.
    pub fn with_year(mut self, year: i16) -> Result<Self> {
        self.spec.year = Some(year);
        self.revalidate()
    }

    /// Sets the weekly revenue profile.
    ///
    /// # Errors
    ///
    /// Only on arithmetic overflow.
    pub fn with_revenue_profile(mut self, profile: WeeklyProfile) -> Result<Self> {
        self.spec.revenue_profile = Some(profile);
        self.revalidate()
    }

    /// Sets the working calendar: each hourly weight is the share of staff
    /// at work.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `working_hours`) when a weight exceeds 1.
    pub fn with_working_hours(mut self, profile: WeeklyProfile) -> Result<Self> {
        self.spec.working_hours = Some(profile);
        self.revalidate()
    }

    /// Adds a revenue peak period.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `peaks`) when the peak runs past the year's
    /// end or overlaps another.
    pub fn with_peak(mut self, peak: PeakPeriod) -> Result<Self> {
        self.spec.peaks.push(peak);
        self.revalidate()
    }

    fn revalidate(self) -> Result<Self> {
        Self::try_from(self.spec)
    }

    /// The calendar conventions in force (for a named year: its real
    /// length, calendar months and calendar quarters).
    #[must_use]
    pub fn conventions(&self) -> &Conventions {
        &self.conventions
    }

    /// The weekday the year starts on.
    #[must_use]
    pub fn first_weekday(&self) -> Weekday {
        self.first_weekday
    }

    /// The named calendar year, if any.
    #[must_use]
    pub fn year(&self) -> Option<i16> {
        self.spec.year
    }

    /// Where an outage that starts at `start` begins in the year: the
    /// offset from the year's first instant for a start in the year or at a
    /// date-time; `None` without a start or with a start in the week.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `start`) for a date-time when the calendar
    /// names no year, or one outside the named year.
    pub fn year_offset(&self, start: Option<OutageStart>) -> Result<Option<Duration>> {
        match start {
            Some(OutageStart::Year(d)) => Ok(Some(d)),
            Some(OutageStart::At(at)) => match self.spec.year {
                Some(y) => crate::civil::offset_in_year(at, y).map(Some),
                None => Err(Error::invalid(
                    "start",
                    at,
                    "must be given as a time in the year or week unless the calendar names its year (calendar.year)",
                )),
            },
            Some(OutageStart::Week(_)) | None => Ok(None),
        }
    }

    /// A start with any date-time replaced by its offset in the year.
    fn resolve(&self, start: Option<OutageStart>) -> Result<Option<OutageStart>> {
        match start {
            Some(OutageStart::At(_)) => Ok(self.year_offset(start)?.map(OutageStart::Year)),
            other => Ok(other),
        }
    }

    /// The billing periods of `period` (a month, a quarter or a year) in
    /// the year, in order: where each starts, its length, and the length
    /// its availability is assessed on (computed once, when the calendar
    /// is built).
    ///
    /// For a named year these are the real months and quarters (assessed
    /// on their own lengths). Otherwise the year is cut into 12, 4 or 1
    /// equal slots, assessed on the conventions' month, quarter or year
    /// (a 30-day month is assessed on 30 days).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `period`) for a period other than a month,
    /// a quarter or a year.
    pub(crate) fn billing_periods(&self, period: crate::convention::Period) -> Result<&[BillingSlot]> {
        use crate::convention::Period;
        match period {
            Period::Month => Ok(&self.billing.month),
            Period::Quarter => Ok(&self.billing.quarter),
            Period::Year => Ok(&self.billing.year),
            other => Err(Error::invalid("period", other, "must be a month, a quarter or a year")),
        }
    }

    /// Seconds in the year under the conventions.
    #[must_use]
    pub fn year_seconds(&self) -> Decimal {
        self.year_seconds
    }

    /// The weekly revenue profile in force (flat unless set).
    pub(crate) fn revenue_profile_in_force(&self) -> &WeeklyProfile {
        &self.revenue
    }

    /// The working calendar in force (office hours unless set).
    pub(crate) fn working_profile_in_force(&self) -> &WeeklyProfile {
        &self.working
    }

    /// The peaks as `(start, end, multiplier)`, nanoseconds after the year's start, sorted.
    pub(crate) fn peak_windows(&self) -> impl Iterator<Item = (u128, u128, Decimal)> + '_ {
        self.peaks.iter().map(|p| (p.start, p.end, p.spec.multiplier))
    }

    /// Mean share of staff at work: working hours per week / 168.
    pub(crate) fn working_share(&self) -> Decimal {
        self.working.week_integral().checked_div(Decimal::from(WEEK_SECONDS)).unwrap_or(Decimal::ZERO)
    }

    /// Week phase (nanoseconds from Monday 00:00) of year time `t` (ns).
    fn phase_of_year_time(&self, t: u128) -> u128 {
        t.saturating_add(u128::from(self.first_weekday.days_from_monday()).saturating_mul(DAY_NS))
    }

    /// ∫ w·p over `[t, t + len)` of year time in ns (no wrapping; caller splits).
    fn revenue_weight_in_year(&self, profile: &WeeklyProfile, t: u128, len: u128) -> Result<Decimal> {
        let end = t.saturating_add(len);
        let mut total = Decimal::ZERO;
        let mut cursor = t;
        for peak in &self.peaks {
            if peak.end <= cursor || peak.start >= end {
                continue;
            }
            let (s, e) = (peak.start.max(cursor), peak.end.min(end));
            if s > cursor {
                let w = profile.integral_ns(self.phase_of_year_time(cursor), s.saturating_sub(cursor))?;
                total = add(total, w, "calendar")?;
            }
            let w = profile.integral_ns(self.phase_of_year_time(s), e.saturating_sub(s))?;
            total = add(total, mul(w, peak.spec.multiplier, "calendar")?, "calendar")?;
            cursor = e;
        }
        if end > cursor {
            let w = profile.integral_ns(self.phase_of_year_time(cursor), end.saturating_sub(cursor))?;
            total = add(total, w, "calendar")?;
        }
        Ok(total)
    }

    /// Share of the year's revenue earned in the window `[start, start + length)`,
    /// as an exact ratio.
    ///
    /// # Formula
    ///
    /// ```text
    /// no start:    length / Y                          (mean over a uniform start)
    /// week start:  ∫_window w / (Y × w̄)                (w̄ = mean weight; peaks at their yearly mean)
    /// year start:  ∫_window w·p / ∫_year w·p           (the year repeats past its end)
    /// ```
    pub(crate) fn revenue_share(&self, start: Option<OutageStart>, length: Duration) -> Result<Ratio> {
        let start = self.resolve(start)?;
        let y = self.year_seconds;
        match (start, &self.spec.revenue_profile) {
            (None, _) | (Some(OutageStart::Week(_)), None) => {
                Ok(Ratio { num: duration::seconds(length), den: y })
            }
            (Some(OutageStart::At(at)), _) => Err(unresolved(at)),
            (Some(OutageStart::Week(s)), Some(profile)) => {
                let w = profile.integral_ns(s.as_nanos(), length.as_nanos())?;
                // mean weight w̄ = week integral / week seconds.
                Ok(Ratio {
                    num: mul(w, Decimal::from(WEEK_SECONDS), "revenue share")?,
                    den: mul(y, profile.week_integral(), "revenue share")?,
                })
            }
            (Some(OutageStart::Year(s)), _) => {
                let w = self.over_year_window(s, length, self.year_revenue_weight, |t, len| {
                    self.revenue_weight_in_year(&self.revenue, t, len)
                })?;
                Ok(Ratio { num: w, den: self.year_revenue_weight })
            }
        }
    }

    /// Working seconds (staff-share × seconds) inside `[start, start + length)`,
    /// as an exact ratio of seconds.
    ///
    /// # Formula
    ///
    /// ```text
    /// no start:   length × H / 168      (H = working hours per week)
    /// with start: ∫_window working(t) dt
    /// ```
    pub(crate) fn working_seconds(&self, start: Option<OutageStart>, length: Duration) -> Result<Ratio> {
        let start = self.resolve(start)?;
        let profile = &self.working;
        let one = Decimal::ONE;
        match start {
            None => Ok(Ratio {
                num: mul(duration::seconds(length), profile.week_integral(), "working time")?,
                den: Decimal::from(WEEK_SECONDS),
            }),
            Some(OutageStart::Week(s)) => {
                Ok(Ratio { num: profile.integral_ns(s.as_nanos(), length.as_nanos())?, den: one })
            }
            Some(OutageStart::At(at)) => Err(unresolved(at)),
            Some(OutageStart::Year(s)) => {
                let w = self.over_year_window(s, length, self.year_working_weight, |t, len| {
                    profile.integral_ns(self.phase_of_year_time(t), len)
                })?;
                Ok(Ratio { num: w, den: one })
            }
        }
    }

    /// `∫ f` over the window `[start, start + length)` of year time, the year
    /// repeating: whole years contribute `per_year` each, and the remainder is
    /// split at the year's end (`part(t, len)` integrates within one year).
    fn over_year_window(
        &self,
        start: Duration,
        length: Duration,
        per_year: Decimal,
        part: impl Fn(u128, u128) -> Result<Decimal>,
    ) -> Result<Decimal> {
        let (yn, len) = (self.year_ns, length.as_nanos());
        let t = start.as_nanos().checked_rem(yn).unwrap_or(0);
        let whole_years = len.checked_div(yn).unwrap_or(0);
        let rem = len.checked_rem(yn).unwrap_or(0);
        let mut w = Decimal::ZERO;
        if whole_years > 0 {
            let n = Decimal::from(u64::try_from(whole_years).map_err(|_| Error::overflow("calendar"))?);
            w = mul(n, per_year, "calendar")?;
        }
        let first = rem.min(yn.saturating_sub(t));
        w = add(w, part(t, first)?, "calendar")?;
        let wrapped = rem.saturating_sub(first);
        if wrapped > 0 {
            w = add(w, part(0, wrapped)?, "calendar")?;
        }
        Ok(w)
    }
}

/// The conventions, first weekday and month starts in force: a named year's
/// real ones, or the spec's.
fn named_year(spec: &CalendarSpec) -> Result<(Conventions, Weekday, Option<[u16; 13]>)> {
    use crate::convention::{MonthLength, QuarterLength, YearLength};
    let Some(year) = spec.year else {
        return Ok((spec.conventions, spec.year_starts_on.unwrap_or_default(), None));
    };
    let days = crate::civil::days_in_year(year)?;
    let c = spec.conventions;
    let compatible = c.year() == YearLength::Days365
        && matches!(c.month(), MonthLength::YearTwelfth | MonthLength::Calendar)
        && matches!(c.quarter(), QuarterLength::YearQuarter | QuarterLength::Calendar);
    if !compatible {
        return Err(Error::invalid(
            "conventions",
            format!("{c:?} with year {year}"),
            "must be left at their defaults when the calendar names its year (its length, months and quarters are then the real ones)",
        ));
    }
    let first = crate::civil::first_weekday(year)?;
    if let Some(given) = spec.year_starts_on
        && given != first
    {
        return Err(Error::invalid(
            "year_starts_on",
            format!("{given} (1 January {year} is a {first})"),
            "must be the real weekday of 1 January when the calendar names its year (or be left out)",
        ));
    }
    let length = if days == 366 { YearLength::Days366 } else { YearLength::Days365 };
    let conventions = Conventions::new()
        .with_year(length)
        .with_month(MonthLength::Calendar)
        .with_quarter(QuarterLength::Calendar);
    Ok((conventions, first, Some(crate::civil::month_starts(year)?)))
}

/// How a peak was written, for error messages.
fn peak_text(p: &PeakPeriod) -> String {
    match (&p.spec.from, &p.spec.to, p.spec.first_day, p.spec.days) {
        (Some(a), Some(b), _, _) => format!("{a} to {b}"),
        (_, _, Some(f), Some(d)) => format!("day {f} + {d} days"),
        _ => "this peak".to_owned(),
    }
}

/// A date-time start that [`Calendar::resolve`] did not turn into a time in the year.
fn unresolved(at: jiff::civil::DateTime) -> Error {
    Error::invalid("start", at, "must be placed in the calendar's year")
}

/// Nanoseconds in the year under `conventions` (whole seconds for every convention).
fn year_ns(conventions: Conventions) -> u128 {
    u128::try_from(conventions.year().seconds()).unwrap_or(31_536_000).saturating_mul(1_000_000_000)
}

impl TryFrom<CalendarSpec> for Calendar {
    type Error = Error;

    fn try_from(spec: CalendarSpec) -> Result<Self> {
        crate::limits::at_most(
            "peaks",
            spec.peaks.len(),
            crate::limits::MAX_PEAKS,
            "must list at most 366 peak periods",
        )?;
        let (conventions, first_weekday, month_starts) = named_year(&spec)?;
        let year_seconds = conventions.year().seconds();
        let year_ns = year_ns(conventions);
        for (i, p) in spec.peaks.iter().enumerate() {
            if let Some(y) = p.dated_year
                && spec.year != Some(y)
            {
                return Err(Error::invalid(
                    format!("peaks[{i}].from"),
                    p.spec.from.clone().unwrap_or_default(),
                    "must be a date in the calendar's year (set calendar.year to name it)",
                ));
            }
        }
        if let Some(w) = &spec.working_hours
            && let Some(i) = w.weights().iter().position(|x| *x > Decimal::ONE)
        {
            return Err(Error::invalid(
                format!("working_hours.hourly[{i}]"),
                w.weights().get(i).copied().unwrap_or_default(),
                "must be a share of staff between 0 and 1",
            ));
        }
        let mut peaks = spec.peaks.clone();
        peaks.sort_by_key(|p| p.start);
        for (i, p) in spec.peaks.iter().enumerate() {
            if p.end > year_ns {
                return Err(Error::invalid(format!("peaks[{i}]"), peak_text(p), "must end within the year"));
            }
        }
        for pair in peaks.windows(2) {
            if let [a, b] = pair
                && b.start < a.end
            {
                let i = spec.peaks.iter().position(|p| p == b).unwrap_or(0);
                return Err(Error::invalid(
                    format!("peaks[{i}]"),
                    peak_text(b),
                    "must not overlap another peak",
                ));
            }
        }
        let revenue = spec.revenue_profile.clone().unwrap_or_else(WeeklyProfile::flat);
        let working = spec.working_hours.clone().unwrap_or_else(WeeklyProfile::office_hours);
        let billing = Billing::new(month_starts.as_ref(), year_seconds, conventions)?;
        let mut c = Calendar {
            spec,
            conventions,
            first_weekday,
            month_starts,
            billing,
            year_seconds,
            year_ns,
            peaks,
            year_revenue_weight: year_seconds,
            revenue,
            working,
            year_working_weight: Decimal::ZERO,
        };
        c.year_revenue_weight = c.revenue_weight_in_year(&c.revenue, 0, year_ns)?;
        c.year_working_weight = c.working.integral_ns(c.phase_of_year_time(0), year_ns)?;
        if c.year_revenue_weight <= Decimal::ZERO {
            return Err(Error::invalid("peaks", "multipliers of 0", "must leave some revenue in the year"));
        }
        Ok(c)
    }
}

impl From<Calendar> for CalendarSpec {
    fn from(c: Calendar) -> Self {
        c.spec
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;
    use std::time::Duration;

    fn hours(h: i64) -> Decimal {
        Decimal::from(h * 3600)
    }

    #[test]
    fn integral_crosses_midnight_sunday() {
        // Weight of hour i = i + 1 (Monday 00:00 hour has 1, Sunday 23:00 hour has 168).
        let w: Vec<Decimal> = (1..=168).map(Decimal::from).collect();
        let p = WeeklyProfile::from_hourly(&w).unwrap();
        // Sunday 23:00 → Monday 01:00: hours 167 (weight 168) and 0 (weight 1):
        // (168 + 1) × 3600 = 608 400 weight-seconds.
        assert_eq!(p.integral(hours(167), hours(2)).unwrap(), dec!(608400));
        // Sunday 23:30 → Monday 00:30: 0.5 h × 168 + 0.5 h × 1 = 84.5 h → 304 200.
        assert_eq!(p.integral(hours(167) + dec!(1800), hours(1)).unwrap(), dec!(304200));
        // A whole week: Σ 1..168 = 14 196 → × 3600 = 51 105 600.
        assert_eq!(p.integral(dec!(12345), hours(168)).unwrap(), dec!(51105600));
        assert_eq!(p.weight_sum(), dec!(14196));
    }

    #[test]
    fn schedule_with_partial_hours() {
        // Mon–Fri 09:00–17:30 = 8.5 h × 5 = 42.5 h.
        let days =
            [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday];
        let p =
            WeeklyProfile::schedule(&days, ClockTime::new(9, 0).unwrap(), ClockTime::new(17, 30).unwrap())
                .unwrap();
        assert_eq!(p.weight_sum(), dec!(42.5));
        assert_eq!(p.weights()[17], dec!(0.5));
        assert_eq!(p.weights()[8], dec!(0));
        // Night shift Sunday 22:00 → Monday 06:00 wraps the week: 8 h.
        let n = WeeklyProfile::schedule(
            &[Weekday::Sunday],
            ClockTime::new(22, 0).unwrap(),
            ClockTime::new(6, 0).unwrap(),
        )
        .unwrap();
        assert_eq!(n.weight_sum(), dec!(8));
        assert_eq!(n.weights()[0], dec!(1));
        assert_eq!(n.weights()[167], dec!(1));
    }

    #[test]
    fn profile_validation() {
        assert!(WeeklyProfile::from_hourly(&[Decimal::ONE; 167]).is_err());
        assert!(WeeklyProfile::from_hourly(&[Decimal::ZERO; 168]).is_err());
        let mut w = vec![Decimal::ONE; 168];
        w[5] = dec!(-1);
        assert_eq!(WeeklyProfile::from_hourly(&w).unwrap_err().field(), Some("hourly[5]"));
        assert!(WeeklyProfile::from_days_and_hours(&[Decimal::ONE; 6], &[Decimal::ONE; 24]).is_err());
        assert!(
            WeeklyProfile::schedule(&[], ClockTime::new(9, 0).unwrap(), ClockTime::new(17, 0).unwrap())
                .is_err()
        );
        assert!(ClockTime::new(24, 1).is_err());
        assert!(ClockTime::try_from("9am".to_owned()).is_err());
    }

    #[test]
    fn revenue_share_with_peak_is_normalised() {
        // 365-day year, flat week, one peak of 10 days at ×3.
        // Z = (365 − 10) + 10 × 3 = 385 day-weights. A day inside the peak earns 3/385 of the year.
        let cal = Calendar::new(Conventions::new())
            .with_peak(PeakPeriod::new("peak", 332, dec!(10), dec!(3)).unwrap())
            .unwrap();
        let day = Duration::from_secs(86_400);
        let in_peak = Some(OutageStart::Year(Duration::from_secs(331 * 86_400)));
        assert_eq!(cal.revenue_share(in_peak, day).unwrap().value("test").unwrap(), dec!(3) / dec!(385));
        // Straddling the peak's start: day 331 half outside (1), half inside (3): (0.5 + 1.5)/385.
        let straddle = Some(OutageStart::Year(Duration::from_secs(330 * 86_400 + 43_200)));
        assert_eq!(cal.revenue_share(straddle, day).unwrap().value("test").unwrap(), dec!(2) / dec!(385));
        // The whole year earns exactly 1; no start is length / Y.
        assert_eq!(
            cal.revenue_share(
                Some(OutageStart::Year(Duration::from_secs(5))),
                Duration::from_secs(31_536_000)
            )
            .unwrap()
            .value("test")
            .unwrap(),
            dec!(1)
        );
        assert_eq!(cal.revenue_share(None, day).unwrap().value("test").unwrap(), dec!(1) / dec!(365));
        // Wrapping past the year end: last day (×1) + first day (×1) = 2/385.
        let last = Some(OutageStart::Year(Duration::from_secs(364 * 86_400)));
        assert_eq!(cal.revenue_share(last, day * 2).unwrap().value("test").unwrap(), dec!(2) / dec!(385));
    }

    #[test]
    fn peaks_validated() {
        let cal = Calendar::new(Conventions::new());
        assert!(cal.clone().with_peak(PeakPeriod::new("late", 365, dec!(2), dec!(2)).unwrap()).is_err());
        let c = cal.with_peak(PeakPeriod::new("a", 100, dec!(10), dec!(2)).unwrap()).unwrap();
        let err = c.with_peak(PeakPeriod::new("b", 105, dec!(1), dec!(2)).unwrap()).unwrap_err();
        assert_eq!(err.field(), Some("peaks[1]"));
        assert!(PeakPeriod::new("x", 0, dec!(1), dec!(1)).is_err());
        assert!(PeakPeriod::new("x", 1, dec!(0), dec!(1)).is_err());
        assert!(PeakPeriod::new("x", 1, dec!(1), dec!(-1)).is_err());
    }

    #[test]
    fn working_seconds_default_calendar() {
        let cal = Calendar::new(Conventions::new());
        // No start: 40 h/week ÷ 168 h × 1 h = 40/168 h = 857.142857… s.
        let got = cal.working_seconds(None, Duration::from_secs(3600)).unwrap().value("test").unwrap();
        assert_eq!(got, dec!(3600) * dec!(144000) / dec!(604800));
        // Monday 08:00 + 2 h → only 09:00–10:00 is work: 3600 s.
        assert_eq!(
            cal.working_seconds(
                Some(OutageStart::Week(Duration::from_secs(8 * 3600))),
                Duration::from_secs(7200)
            )
            .unwrap()
            .value("test")
            .unwrap(),
            dec!(3600)
        );
        // Year starting on Saturday: year time 0 is Saturday 00:00, a 24-hour outage idles nobody.
        let sat = cal.with_year_starts_on(Weekday::Saturday).unwrap();
        assert_eq!(
            sat.working_seconds(Some(OutageStart::Year(Duration::ZERO)), Duration::from_secs(86400))
                .unwrap()
                .value("test")
                .unwrap(),
            dec!(0)
        );
        // Year time 2 days + 10 h is Monday 10:00: 1 h outage is 1 h of work.
        let t = Duration::from_secs(2 * 86_400 + 10 * 3600);
        assert_eq!(
            sat.working_seconds(Some(OutageStart::Year(t)), Duration::from_secs(3600))
                .unwrap()
                .value("test")
                .unwrap(),
            dec!(3600)
        );
    }
}

crate::json::deserialize_via!(Calendar, CalendarSpec);
