//! The cost model compiled to `f64` for the Monte Carlo loop.
//!
//! Every formula is the one of the exact `Decimal` model (see each driver),
//! evaluated in `f64`; a property test checks the two agree to 1e-9.

use crate::calendar::{Calendar, WeeklyProfile};
use crate::cost::{CostModel, Driver};
use crate::curve::Curve;
use crate::decimal::to_f64_lossy;

const WEEK: f64 = 604_800.0;
const HOUR: f64 = 3_600.0;
const PER_WEEK: f64 = 1.0 / WEEK;
const PER_HOUR: f64 = 1.0 / HOUR;
const PER_DAY: f64 = 1.0 / 86_400.0;

/// `⌊x⌋` for `0 ≤ x < 2⁵²` without a libm call or a saturating integer
/// cast: adding and removing 2⁵² rounds to an integer, corrected downward.
#[inline]
fn floor_small(x: f64) -> f64 {
    const TWO_52: f64 = 4_503_599_627_370_496.0;
    let r = (x + TWO_52) - TWO_52;
    if r > x { r - 1.0 } else { r }
}

/// The running sum of `part(start, length)` over the whole hours of a year
/// (the last one partial): entry `k` is the integral from the year's start
/// to hour `k` and the rate (per second) within hour `k`; the last entry,
/// at the year's end, has rate 0.
fn hourly_table(year: f64, part: impl Fn(f64, f64) -> f64) -> Vec<(f64, f64)> {
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "hours in a year")]
    let hours = (year / HOUR).ceil() as usize;
    let mut table = Vec::with_capacity(hours.saturating_add(1));
    let mut acc = 0.0;
    for k in 0..hours {
        #[expect(clippy::cast_precision_loss, reason = "hours in a year")]
        let start = k as f64 * HOUR;
        let len = HOUR.min(year - start);
        let within = part(start, len);
        table.push((acc, within / len));
        acc += within;
    }
    table.push((acc, 0.0));
    table
}

/// A weekly profile: hourly weights and prefix sums in weight-seconds.
#[derive(Debug, Clone)]
pub(crate) struct WeekF {
    weights: [f64; 168],
    prefix: [f64; 169],
}

impl WeekF {
    pub(crate) fn new(weights: &[f64; 168]) -> Self {
        let mut prefix = [0.0; 169];
        let mut acc = 0.0;
        for (slot, w) in prefix.iter_mut().skip(1).zip(weights) {
            acc += w * HOUR;
            *slot = acc;
        }
        WeekF { weights: *weights, prefix }
    }

    fn total(&self) -> f64 {
        self.prefix.get(168).copied().unwrap_or(0.0)
    }

    /// ∫₀ˣ w for a phase x ≥ 0 seconds from Monday 00:00.
    fn cumulative(&self, x: f64) -> f64 {
        let weeks = floor_small(x * PER_WEEK);
        // Multiplying by the reciprocal may land a hair outside [0, WEEK) at
        // exact multiples; the clamp keeps the index valid and the integral
        // is continuous there.
        let in_week = (x - weeks * WEEK).max(0.0);
        let hour = floor_small(in_week * PER_HOUR).min(167.0);
        let into = in_week - hour * HOUR;
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0 ≤ hour ≤ 167")]
        let h = hour as u32 as usize;
        let (base, w) =
            (self.prefix.get(h).copied().unwrap_or(0.0), self.weights.get(h).copied().unwrap_or(0.0));
        weeks * self.total() + base + w * into
    }

    fn integral(&self, start: f64, length: f64) -> f64 {
        self.cumulative(start + length) - self.cumulative(start)
    }
}

/// The calendar in f64 seconds.
#[derive(Debug, Clone)]
pub(crate) struct CalendarF {
    pub(crate) year: f64,
    /// Seconds from Monday 00:00 to the year's start.
    offset: f64,
    revenue: WeekF,
    working: WeekF,
    /// `(start, end, multiplier)` in seconds, sorted, non-overlapping.
    peaks: Vec<(f64, f64, f64)>,
    year_revenue: f64,
    year_working: f64,
    /// Flat revenue and no peaks: every window earns `len / year`.
    flat_revenue: bool,
    per_year: f64,
    per_year_revenue: f64,
    /// Cumulative revenue weight at each whole hour of the year (peaks
    /// included), when every peak starts and ends on a whole hour; empty
    /// otherwise (the exact path is used).
    revenue_hours: Vec<(f64, f64)>,
    /// Cumulative working staff-seconds at each whole hour of the year,
    /// where a productivity driver reads them
    /// ([`with_working_table`](Self::with_working_table)); empty otherwise
    /// (the weekly profile's integral is used).
    working_hours: Vec<(f64, f64)>,
}

impl CalendarF {
    /// Seconds from Monday 00:00 to the year's start: `t` seconds into the
    /// year is `offset + t` from a Monday 00:00.
    pub(crate) const fn week_offset(&self) -> f64 {
        self.offset
    }

    pub(crate) fn new(
        year: f64,
        offset: f64,
        revenue: WeekF,
        working: WeekF,
        peaks: Vec<(f64, f64, f64)>,
    ) -> Self {
        let first = revenue.weights.first().copied().unwrap_or(0.0);
        #[expect(clippy::float_cmp, reason = "exactly equal weights make a flat profile")]
        let flat_revenue = peaks.is_empty() && revenue.weights.iter().all(|w| *w == first);
        let mut c = CalendarF {
            year,
            offset,
            revenue,
            working,
            peaks,
            year_revenue: 1.0,
            year_working: 1.0,
            flat_revenue,
            per_year: 1.0 / year,
            per_year_revenue: 1.0,
            revenue_hours: Vec::new(),
            working_hours: Vec::new(),
        };
        c.year_revenue = c.revenue_exact(0.0, year);
        c.per_year_revenue = 1.0 / c.year_revenue;
        let on_hours = c.peaks.iter().all(|(ps, pe, _)| ps % HOUR == 0.0 && pe % HOUR == 0.0);
        if on_hours && !c.flat_revenue {
            // Hour k of the year runs at the weekly weight of its hour of the
            // week times the peak multiplier: constant within the hour.
            c.revenue_hours = hourly_table(year, |start, len| c.revenue_exact(start, len));
        }
        c.year_working = c.working.integral(offset, year);
        c
    }

    /// The same calendar with the hourly table of working staff-seconds,
    /// which only lost productivity reads (8 761 entries for a 365-day year,
    /// one an hour and the year's end: built where a productivity driver
    /// will use it, not for every simulation).
    fn with_working_table(mut self) -> Self {
        // The year starts on a whole day, so its hours are hours of the week.
        self.working_hours =
            hourly_table(self.year, |start, len| self.working.integral(self.offset + start, len));
        self
    }

    /// A running sum `table` (one entry per whole hour of the year, see
    /// [`hourly_table`]) at `x` seconds into the year: linear within the
    /// hour, where the rate is constant. 0 for an empty table.
    #[inline]
    fn hourly(table: &[(f64, f64)], x: f64) -> f64 {
        // Truncation is the floor for x ≥ 0 (a negative or NaN x saturates
        // to hour 0); at an hour's edge the rounded quotient may pick the
        // neighbouring hour, whose line meets this one there.
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0 ≤ x·/3600 < 8 800")]
        let hour = (x * PER_HOUR) as u32;
        let (base, rate) = match table.get(hour as usize) {
            Some(&entry) => entry,
            None => table.last().copied().unwrap_or((0.0, 0.0)),
        };
        base + rate * (x - f64::from(hour) * HOUR)
    }

    /// `∫` over `[t, t + len)` of the repeating year by a non-empty hourly
    /// running-sum `table` whose year total is `total`.
    #[inline]
    fn over_table(&self, table: &[(f64, f64)], total: f64, t: f64, len: f64) -> f64 {
        self.over_year(t, len, total, |a, l| Self::hourly(table, a + l) - Self::hourly(table, a))
    }

    /// `∫ w·p` over `[t, t + len)` within the year, from the weekly profile
    /// and the peaks.
    fn revenue_exact(&self, t: f64, len: f64) -> f64 {
        let end = t + len;
        let mut total = 0.0;
        let mut cursor = t;
        for &(ps, pe, m) in &self.peaks {
            if pe <= cursor || ps >= end {
                continue;
            }
            let (s, e) = (ps.max(cursor), pe.min(end));
            if s > cursor {
                total += self.revenue.integral(self.offset + cursor, s - cursor);
            }
            total += m * self.revenue.integral(self.offset + s, e - s);
            cursor = e;
        }
        if end > cursor {
            total += self.revenue.integral(self.offset + cursor, end - cursor);
        }
        total
    }

    /// `∫ f` over `[t, t + len)` of the repeating year.
    #[inline]
    fn over_year(&self, t: f64, len: f64, per_year: f64, part: impl Fn(f64, f64) -> f64) -> f64 {
        let whole = floor_small(len * self.per_year);
        let rem = (len - whole * self.year).max(0.0);
        let first = rem.min(self.year - t);
        let mut w = whole * per_year + part(t, first);
        if rem > first {
            w += part(0.0, rem - first);
        }
        w
    }

    /// Share of the year's revenue earned in `[t, t + len)` (t in [0, year)).
    #[inline]
    pub(crate) fn revenue_share(&self, t: f64, len: f64) -> f64 {
        if self.flat_revenue {
            return len * self.per_year;
        }
        let w = if self.revenue_hours.is_empty() {
            self.over_year(t, len, self.year_revenue, |a, l| self.revenue_exact(a, l))
        } else {
            self.over_table(&self.revenue_hours, self.year_revenue, t, len)
        };
        w * self.per_year_revenue
    }

    /// Working staff-seconds in `[t, t + len)`.
    #[inline]
    pub(crate) fn working_seconds(&self, t: f64, len: f64) -> f64 {
        if self.working_hours.is_empty() {
            return self
                .over_year(t, len, self.year_working, |a, l| self.working.integral(self.offset + a, l));
        }
        self.over_table(&self.working_hours, self.year_working, t, len)
    }
}

/// A piecewise-linear curve in (hours, value).
#[derive(Debug, Clone)]
pub(crate) struct CurveF {
    /// Point abscissae, non-decreasing (the first at 0).
    xs: Vec<f64>,
    /// Per point: `(x, y, slope)`, the slope of the segment it starts (0 for
    /// the last point and for jumps).
    segs: Vec<(f64, f64, f64)>,
}

impl CurveF {
    pub(crate) fn new(c: &Curve) -> Self {
        let xs: Vec<f64> = c.points().iter().map(|p| p.at().as_secs_f64() / HOUR).collect();
        let ys: Vec<f64> = c.points().iter().map(|p| to_f64_lossy(p.value())).collect();
        let mut segs = Vec::with_capacity(xs.len());
        for (k, (&t0, &y0)) in xs.iter().zip(&ys).enumerate() {
            let mut slope = 0.0;
            if let (Some(t1), Some(y1)) = (xs.get(k.saturating_add(1)), ys.get(k.saturating_add(1)))
                && *t1 > t0
            {
                slope = (y1 - y0) / (t1 - t0);
            }
            segs.push((t0, y0, slope));
        }
        CurveF { xs, segs }
    }

    /// The value at `x` hours: on the last point at or before `x` (0 before
    /// the first). The points are sorted, so that point's index is the count
    /// of points at or before `x` less one: counted without branches.
    #[inline]
    pub(crate) fn at(&self, x: f64) -> f64 {
        let n = self.xs.iter().map(|&tk| usize::from(tk <= x)).fold(0usize, usize::wrapping_add);
        match self.segs.get(n.wrapping_sub(1)) {
            Some(&(tk, yk, b)) => yk + b * (x - tk),
            None => 0.0,
        }
    }
}

impl CalendarF {
    /// The calendar in `f64` seconds.
    pub(crate) fn of(cal: &Calendar) -> Self {
        let week = |p: &WeeklyProfile| {
            let mut w = [0.0; 168];
            for (slot, x) in w.iter_mut().zip(p.weights()) {
                *slot = to_f64_lossy(*x);
            }
            WeekF::new(&w)
        };
        #[expect(clippy::cast_precision_loss, reason = "nanoseconds within a year are far below 2^63")]
        let seconds = |ns: u128| ns as f64 / 1e9;
        let peaks = cal.peak_windows().map(|(a, b, m)| (seconds(a), seconds(b), to_f64_lossy(m))).collect();
        let offset = f64::from(cal.first_weekday().days_from_monday()) * 86_400.0;
        CalendarF::new(
            to_f64_lossy(cal.year_seconds()),
            offset,
            week(cal.revenue_profile_in_force()),
            week(cal.working_profile_in_force()),
            peaks,
        )
    }
}

/// One driver in f64.
#[derive(Debug, Clone)]
pub(crate) enum DriverF {
    /// `R × at_risk × margin`, recovery (constant or curve).
    Sales { base: f64, recovered: Result<f64, CurveF> },
    /// `staff × rate × dependency × factor / 3600` per working staff-second.
    Productivity { per_second: f64 },
    /// `responders × rate` per hour, wrap-up hours, fixed, re-work per unit severity.
    Response { per_hour: f64, wrap_up: f64, fixed: f64, rework: f64 },
    /// `customers × LTV`, churn, publicity `(after hours, cost, min severity)`.
    Brand { value: f64, churn: CurveF, publicity: Vec<(f64, f64, f64)> },
    /// Curve and whether it scales with severity.
    Custom { curve: CurveF, scaled: bool },
    /// SLA: sign × fee, period seconds, `(threshold seconds, step)`, severity-weighted or `min_severity`.
    Sla(SlaF),
    /// A user-defined driver, priced through [`crate::CostDriver::cost_f64`].
    Extension { driver: std::sync::Arc<dyn crate::cost::CostDriver>, calendar: Box<Calendar> },
}

/// An SLA in f64.
#[derive(Debug, Clone)]
pub(crate) struct SlaF {
    pub(crate) signed_fee: f64,
    /// Number of billing periods in the year.
    pub(crate) periods: usize,
    /// Where each period starts (seconds from the year's start), then the year's length.
    bounds: Vec<f64>,
    /// How a time in the year finds its period.
    index: SlotIndex,
    /// Per period: `(threshold seconds, capped credit step)` ascending.
    steps: Vec<Vec<(f64, f64)>>,
    /// Per period: its lowest threshold (`+∞` without tiers); a period
    /// whose downtime is not above it owes nothing.
    lowest: Vec<f64>,
    /// `None`: duration × severity; `Some(s)`: full duration when severity ≥ s.
    pub(crate) min_severity: Option<f64>,
}

/// How a time in the year finds its billing period.
#[derive(Debug, Clone)]
enum SlotIndex {
    /// Equal slots: `⌊t × per_slot⌋`.
    Equal { per_slot: f64 },
    /// A named year's months or quarters: the period of each day.
    Days(Vec<u8>),
}

impl SlaF {
    /// An SLA on periods starting at `starts` (seconds; the first at 0) in a
    /// year of `year` seconds, found by day (`by_day`, for whole-day
    /// periods) or as equal slots, with per-period tier steps.
    pub(crate) fn new(
        signed_fee: f64,
        starts: Vec<f64>,
        year: f64,
        by_day: bool,
        steps: Vec<Vec<(f64, f64)>>,
        min_severity: Option<f64>,
    ) -> Self {
        let periods = starts.len().max(1);
        #[expect(clippy::cast_precision_loss, reason = "12, 4 or 1")]
        let index = if by_day {
            #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "at most 366 days")]
            let days = (year / 86_400.0).round() as usize;
            let day_of = |k: usize| -> u8 {
                #[expect(clippy::cast_precision_loss, reason = "days < 2^52")]
                let t = k as f64 * 86_400.0;
                let i = starts.iter().rposition(|s| *s <= t).unwrap_or(0);
                u8::try_from(i).unwrap_or(u8::MAX)
            };
            SlotIndex::Days((0..days.max(1)).map(day_of).collect())
        } else {
            SlotIndex::Equal { per_slot: periods as f64 / year }
        };
        let mut bounds = starts;
        bounds.push(year);
        let lowest = steps.iter().map(|s| s.iter().map(|(u, _)| *u).fold(f64::INFINITY, f64::min)).collect();
        SlaF { signed_fee, periods, bounds, index, steps, lowest, min_severity }
    }

    /// The share of its duration an outage of severity `s` counts: `s`
    /// (severity-weighted), or 1 or 0 (the full duration from a minimum
    /// severity).
    pub(crate) fn counted_share(&self, s: f64) -> f64 {
        match self.min_severity {
            None => s,
            Some(m) => {
                if s >= m && s > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }

    /// The period of time `t` in the year (`0 ≤ t < year`) and its end.
    #[inline]
    pub(crate) fn period_of(&self, t: f64) -> (usize, f64) {
        let last = self.periods.saturating_sub(1);
        let k = match &self.index {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "slot index < periods"
            )]
            SlotIndex::Equal { per_slot } => ((t * per_slot) as u32 as usize).min(last),
            SlotIndex::Days(days) => {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "a day of the year"
                )]
                let day = (t * PER_DAY) as u32 as usize;
                days.get(day).or(days.last()).map_or(0, |k| usize::from(*k)).min(last)
            }
        };
        // The index is a guess that can be one off at a boundary (`t · per_slot` rounds: at
        // the Julian year's quarter boundaries it fell one period short, so the rest of an
        // outage crossing them was dropped); the bounds decide.
        let mut k = k;
        while k < last && self.bounds.get(k.saturating_add(1)).is_some_and(|b| t >= *b) {
            k = k.saturating_add(1);
        }
        while k > 0 && self.bounds.get(k).is_some_and(|b| t < *b) {
            k = k.saturating_sub(1);
        }
        let end = self.bounds.get(k.saturating_add(1)).copied().unwrap_or(f64::INFINITY);
        (k, end)
    }

    /// Adds the counted downtime of an outage `[t, t + d)` to the periods it
    /// overlaps (the year repeats): `rate` ([`SlaF::counted_share`]) of each
    /// second of overlap.
    #[inline]
    pub(crate) fn spread(&self, periods: &mut [f64], t: f64, d: f64, rate: f64, year: f64) {
        // A zero-length or uncounted outage adds nothing.
        if rate <= 0.0 || d <= 0.0 {
            return;
        }
        // Most outages end in the period they start in.
        // (The loop below would take the same single piece, d = min(d, end − t).)
        let (k, end) = self.period_of(t);
        if d <= end.min(year) - t {
            if let Some(p) = periods.get_mut(k) {
                *p += d * rate;
            }
            return;
        }
        let mut in_year = t;
        let mut left = d;
        // Whole years of an outage of a year or more cover every period
        // once each (so the loop below walks at most one year).
        if left >= year {
            // The remainder by fmod, which is exact: `left − ⌊left/year⌋·year`
            // rounds, and for an astronomically long outage left a remainder
            // of many years for the loop below to walk period by period.
            let rest = left % year;
            let whole = ((left - rest) / year).round();
            for (k, p) in periods.iter_mut().enumerate() {
                let start = self.bounds.get(k).copied().unwrap_or(year);
                let end = self.bounds.get(k.saturating_add(1)).copied().unwrap_or(year);
                *p += whole * (end - start) * rate;
            }
            left = rest;
        }
        // Less than a year is left: at most one piece per period and one more
        // for the wrap past the year's end, so the walk is bounded.
        for _ in 0..=periods.len().saturating_add(1) {
            if left <= 0.0 {
                break;
            }
            if in_year >= year {
                in_year -= year;
            }
            let (k, end) = self.period_of(in_year);
            let piece = left.min((end.min(year) - in_year).max(0.0));
            if let Some(p) = periods.get_mut(k) {
                *p += piece * rate;
            }
            // (Unreachable: the period found holds `in_year`, so its end is beyond it.)
            if piece <= 0.0 {
                break;
            }
            in_year += piece;
            left -= piece;
        }
    }

    /// Credit (signed) for period `k` with `down` seconds counted.
    #[inline]
    pub(crate) fn credit(&self, k: usize, down: f64) -> f64 {
        // A period below every threshold owes nothing: no sum to take.
        if self.lowest.get(k).is_none_or(|u| down <= *u) {
            return 0.0;
        }
        let steps = self.steps.get(k).map_or(&[][..], Vec::as_slice);
        let share: f64 = steps.iter().filter(|(u, _)| down > *u).map(|(_, c)| c).sum();
        self.signed_fee * share
    }
}

/// The compiled model.
#[derive(Debug, Clone)]
pub(crate) struct Kernel {
    pub(crate) calendar: CalendarF,
    pub(crate) drivers: Vec<DriverF>,
}

impl Kernel {
    pub(crate) fn compile(model: &CostModel) -> crate::error::Result<Kernel> {
        model.check_size()?;
        let cal: &Calendar = model.calendar();
        let calendar = CalendarF::of(cal);
        let calendar = if model.drivers().iter().any(|d| matches!(d, Driver::LostProductivity(_))) {
            calendar.with_working_table()
        } else {
            calendar
        };
        let drivers = model
            .drivers()
            .iter()
            .map(|d| {
                Ok(match d {
                    Driver::LostSales(x) => x.compile(),
                    Driver::LostProductivity(x) => x.compile(),
                    Driver::Response(x) => x.compile(),
                    Driver::BrandImpact(x) => x.compile(),
                    Driver::Custom(x) => x.compile(),
                    Driver::SlaCredits(x) => DriverF::Sla(x.compile(cal)?),
                })
            })
            .chain(model.extensions().iter().map(|e| {
                Ok(DriverF::Extension { driver: std::sync::Arc::clone(e), calendar: Box::new(cal.clone()) })
            }))
            .collect::<crate::error::Result<Vec<_>>>()?;
        Ok(Kernel { calendar, drivers })
    }

    /// The kernel without its SLA drivers: planned maintenance is priced
    /// by every driver except SLA credits (SLAs exclude it).
    pub(crate) fn without_sla(&self) -> Kernel {
        Kernel {
            calendar: self.calendar.clone(),
            drivers: self.drivers.iter().filter(|d| !matches!(d, DriverF::Sla(_))).cloned().collect(),
        }
    }

    /// Cost of driver `i` for an outage of `d` seconds at severity `s`
    /// starting `t` seconds into the year (SLA credits: as the period's only
    /// downtime). The engine prices a batch of outages driver by driver with
    /// the same functions.
    #[cfg(test)]
    pub(crate) fn cost(&self, driver: &DriverF, d: f64, s: f64, t: f64) -> f64 {
        match driver {
            DriverF::Sales { base, recovered } => self.sales(*base, recovered, d, s, t),
            DriverF::Productivity { per_second } => self.productivity(*per_second, d, s, t),
            DriverF::Response { per_hour, wrap_up, fixed, rework } => {
                response_h(*per_hour, *wrap_up, *fixed, *rework, d / HOUR, s)
            }
            DriverF::Brand { value, churn, publicity } => brand(*value, churn, publicity, d, s),
            DriverF::Custom { curve, scaled } => custom_h(curve, *scaled, d / HOUR, s),
            DriverF::Sla(sla) => {
                let mut periods = vec![0.0; sla.periods];
                sla.spread(
                    &mut periods,
                    t.rem_euclid(self.calendar.year),
                    d,
                    sla.counted_share(s),
                    self.calendar.year,
                );
                periods.iter().enumerate().map(|(k, down)| sla.credit(k, *down)).sum()
            }
            DriverF::Extension { driver, calendar } => {
                driver.cost_f64(d / HOUR, s, t, calendar).unwrap_or(f64::NAN)
            }
        }
    }

    /// Lost sales: `base × s × (1 − recovered(d)) × share(t, d)`.
    #[cfg(test)]
    pub(crate) fn sales(&self, base: f64, recovered: &Result<f64, CurveF>, d: f64, s: f64, t: f64) -> f64 {
        self.sales_h(base, recovered, d, d / HOUR, s, t)
    }

    /// [`Kernel::sales`] with `h = d / 3600` given.
    #[inline]
    #[expect(clippy::many_single_char_names, reason = "t, d, h, s are the model's own names")]
    pub(crate) fn sales_h(
        &self,
        base: f64,
        recovered: &Result<f64, CurveF>,
        d: f64,
        h: f64,
        s: f64,
        t: f64,
    ) -> f64 {
        let rec = match recovered {
            Ok(r) => *r,
            Err(c) => c.at(h),
        };
        base * s * (1.0 - rec) * self.calendar.revenue_share(t, d)
    }

    /// Lost productivity: `per_second × s × working seconds(t, d)`.
    #[inline]
    pub(crate) fn productivity(&self, per_second: f64, d: f64, s: f64, t: f64) -> f64 {
        per_second * s * self.calendar.working_seconds(t, d)
    }
}

/// Brand impact: `value × s × churn(h) + publicity`.
#[cfg(test)]
pub(crate) fn brand(value: f64, churn: &CurveF, publicity: &[(f64, f64, f64)], d: f64, s: f64) -> f64 {
    brand_h(value, churn, publicity, d / HOUR, s)
}

/// [`brand`] with `h = d / 3600` hours given.
#[inline]
pub(crate) fn brand_h(value: f64, churn: &CurveF, publicity: &[(f64, f64, f64)], h: f64, s: f64) -> f64 {
    let mut c = value * s * churn.at(h);
    for &(after, cost, min) in publicity {
        // Selected, not branched on: the condition is data-dependent.
        c += if h >= after && s >= min && s > 0.0 { cost } else { 0.0 };
    }
    c
}

/// Response: `per_hour × (h + wrap_up) + fixed + rework × s` for `h` hours.
#[inline]
pub(crate) fn response_h(per_hour: f64, wrap_up: f64, fixed: f64, rework: f64, h: f64, s: f64) -> f64 {
    per_hour * (h + wrap_up) + fixed + rework * s
}

/// Custom: `curve(h)`, times `s` when scaled.
#[inline]
pub(crate) fn custom_h(curve: &CurveF, scaled: bool, h: f64, s: f64) -> f64 {
    curve.at(h) * if scaled { s } else { 1.0 }
}

#[cfg(test)]
mod tests {
    use super::{Kernel, SlaF};
    use crate::cost::{CostModel, LostProductivity, LostSales};
    use crate::fraction::Fraction;
    use crate::money::Currency;
    use rust_decimal::Decimal;

    #[test]
    fn the_working_table_is_built_where_productivity_reads_it() {
        // Lost sales alone never reads working hours: no table. With lost productivity the
        // table has an entry per hour of the 365-day year and its end (8 761), and a week read
        // through it is the weekly profile's integral over the week.
        let sales = LostSales::new(Decimal::from(8_760_000), Fraction::ONE).unwrap();
        let model = CostModel::new(Currency::USD).with_driver(sales);
        assert!(Kernel::compile(&model).unwrap().calendar.working_hours.is_empty());
        let staff = LostProductivity::new(Decimal::ONE, Decimal::from(50), Fraction::ONE).unwrap();
        let kernel = Kernel::compile(&model.with_driver(staff)).unwrap();
        let calendar = &kernel.calendar;
        assert_eq!(calendar.working_hours.len(), 8_761);
        let week = 7.0 * 86_400.0;
        let by_table = calendar.working_seconds(0.0, week);
        let by_profile = calendar.working.integral(calendar.offset, week);
        assert!((by_table - by_profile).abs() <= 1e-9 * by_profile, "{by_table} against {by_profile}");
    }

    #[test]
    fn an_outage_of_any_length_spreads_in_a_bounded_walk() {
        // Twelve equal periods of a 365-day year. An outage of d seconds adds d seconds in
        // all (rate 1): whole years cover every period once each, the rest is walked. For
        // d = 1e300 the whole years were ⌊d/year⌋·year, which rounds, and left a remainder of
        // about 1e284 seconds to walk period by period: the loop never ended.
        let year = 365.0 * 86_400.0;
        let starts: Vec<f64> = (0..12).map(|k| f64::from(k) * year / 12.0).collect();
        let sla = SlaF::new(1.0, starts, year, false, vec![Vec::new(); 12], None);
        for d in [1e300, 1e20, 3.0 * year + 5.0, year / 12.0 + 1.0] {
            let mut periods = vec![0.0; 12];
            sla.spread(&mut periods, 100.0, d, 1.0, year);
            let total: f64 = periods.iter().sum();
            assert!((total - d).abs() <= d * 1e-12, "{d}: {total}");
        }
        // A Julian year (365.25 days) in quarters: `t · per_slot` at a quarter's start rounded to
        // the quarter before, and a 10 h outage from 2 h before the second quarter counted 2 h
        // (the other 8 h were dropped). Each boundary: 2 h before it, 8 h after.
        let julian = 365.25 * 86_400.0;
        let quarters: Vec<f64> = (0..4).map(|k| f64::from(k) * julian / 4.0).collect();
        let sla_q = SlaF::new(1.0, quarters.clone(), julian, false, vec![Vec::new(); 4], None);
        for k in 1..4 {
            let mut periods = vec![0.0; 4];
            sla_q.spread(&mut periods, quarters[k] - 7200.0, 36_000.0, 1.0, julian);
            assert_eq!(sla_q.period_of(quarters[k]).0, k);
            assert!(
                (periods[k - 1] - 7200.0).abs() < 1e-6 && (periods[k] - 28_800.0).abs() < 1e-6,
                "{k}: {periods:?}"
            );
        }
        // 3 years and 5 s from t = 100 s: every period 3 whole periods, the first 5 s more.
        let mut periods = vec![0.0; 12];
        sla.spread(&mut periods, 100.0, 3.0 * year + 5.0, 1.0, year);
        assert!((periods[0] - (3.0 * year / 12.0 + 5.0)).abs() < 1e-6, "{periods:?}");
        assert!((periods[1] - 3.0 * year / 12.0).abs() < 1e-6, "{periods:?}");
    }
}
