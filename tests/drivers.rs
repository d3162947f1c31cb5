//! Hand-worked values for every cost driver and every calendar convention, through the public API only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "tests")]

use downtime_cost::{
    Availability, BillingPeriod, BrandImpact, Calendar, ClockTime, Conventions, CostDriver, CostModel,
    CreditDirection, Currency, CurvePoint, CustomImpact, DataLoss, DriverKind, Error, Fraction,
    LostProductivity, LostSales, MonthLength, NinesTable, Outage, OutageAssumption, OutageStart, PeakPeriod,
    Period, Publicity, QuarterLength, Recovery, Response, SalesBasis, SlaCredits, SlaMeasure, SlaTier,
    StudyMethod, TargetStudy, Weekday, WeeklyProfile, YearLength,
};
use rust_decimal::{Decimal, dec};
use std::time::Duration;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const HOUR: u64 = 3_600;
const DAY: u64 = 86_400;

fn hours(n: u64) -> Duration {
    Duration::from_secs(n * HOUR)
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn frac(v: Decimal) -> Fraction {
    Fraction::new(v).unwrap()
}

fn pct(p: Decimal) -> Availability {
    Availability::from_percent(p).unwrap()
}

fn tier(below: Decimal, credit: Decimal) -> SlaTier {
    SlaTier::new(pct(below), Fraction::from_percent(credit).unwrap())
}

/// The default calendar: 365-day year starting on a Monday, flat revenue, Mon–Fri 09–17 work.
fn cal() -> Calendar {
    Calendar::new(Conventions::new())
}

/// A start `d` after Monday 00:00.
fn week_start(o: Outage, d: Duration) -> Outage {
    o.with_start(OutageStart::Week(d)).unwrap()
}

/// A start `d` after the year's first instant.
fn year_start(o: Outage, d: Duration) -> Outage {
    o.with_start(OutageStart::Year(d)).unwrap()
}

/// 8 760 000 a year: 1 000 an hour on a 365-day (8 760-hour) year.
fn thousand_an_hour() -> LostSales {
    LostSales::new(dec!(8760000), Fraction::ONE).unwrap()
}

/// Revenue weight 1 Monday–Friday, 0 at the weekend (5 weighted days a week).
fn weekdays_only() -> WeeklyProfile {
    WeeklyProfile::from_days_and_hours(
        &[dec!(1), dec!(1), dec!(1), dec!(1), dec!(1), dec!(0), dec!(0)],
        &[Decimal::ONE; 24],
    )
    .unwrap()
}

/// The model's single line item (for one-driver models).
fn only_line(model: &CostModel, outage: &Outage) -> Decimal {
    let b = model.cost(outage).unwrap();
    assert_eq!(b.items().len(), 1);
    assert_eq!(b.total(), b.items()[0].amount());
    b.items()[0].amount()
}

/// `d − by`, checked.
fn less(d: Duration, by: Duration) -> Duration {
    d.checked_sub(by).unwrap()
}

fn assert_close(got: Decimal, want: Decimal, tol: Decimal, why: &str) {
    assert!((got - want).abs() <= tol, "{why}: got {got}, want {want} ± {tol}");
}

// ---------------------------------------------------------------------------------------------
// Lost sales
// ---------------------------------------------------------------------------------------------

#[test]
fn lost_sales_revenue_basis_constant_recovery_and_severity() {
    // 8 760 000/yr ÷ 8 760 h = 1 000/h; 60 % at risk; 30 % of lost orders come back.
    let sales = LostSales::new(dec!(8760000), frac(dec!(0.6)))
        .unwrap()
        .with_recovered(Recovery::Constant(frac(dec!(0.3))))
        .unwrap();
    let c = cal();
    // 2 h full outage: 1 000 × 2 × 0.6 × (1 − 0.3) = 840.
    assert_eq!(sales.cost(&Outage::new(hours(2)), &c).unwrap(), dec!(840));
    // Severity 0.25 scales linearly: 840 × 0.25 = 210.
    let partial = Outage::new(hours(2)).with_severity(frac(dec!(0.25)));
    assert_eq!(sales.cost(&partial, &c).unwrap(), dec!(210));
    // Severity 0 loses nothing.
    let none = Outage::new(hours(2)).with_severity(Fraction::ZERO);
    assert_eq!(sales.cost(&none, &c).unwrap(), dec!(0));
}

#[test]
fn lost_sales_gross_margin_basis() {
    // Only the 40 % margin is lost: 1 000/h × 3 h × 1 × 0.4 = 1 200.
    let sales = thousand_an_hour().with_basis(SalesBasis::GrossMargin(frac(dec!(0.4))));
    assert_eq!(sales.cost(&Outage::new(hours(3)), &cal()).unwrap(), dec!(1200));
    // With 50 % recovered and severity 0.5: 1 000 × 3 × 0.5 × 0.5 × 0.4 = 300.
    let sales = sales.with_recovered(Recovery::Constant(frac(dec!(0.5)))).unwrap();
    let o = Outage::new(hours(3)).with_severity(frac(dec!(0.5)));
    assert_eq!(sales.cost(&o, &cal()).unwrap(), dec!(300));
}

#[test]
fn lost_sales_recovery_curve_is_interpolated() {
    // Recovery falls from 80 % at 0 h to 20 % at 4 h, flat after. (The only public way to build a
    // non-increasing curve is to read a `Recovery` from JSON: `Curve` offers only `non_decreasing`.)
    let curve: Recovery =
        serde_json::from_str(r#"[{"at": "0s", "value": "0.8"}, {"at": "4h", "value": "0.2"}]"#).unwrap();
    assert!(matches!(curve, Recovery::Curve(_)));
    let sales = thousand_an_hour().with_recovered(curve).unwrap();
    let c = cal();
    // 1 h: recovered 0.8 − 0.6 × 1/4 = 0.65 → lost 1 000 × 1 × 0.35 = 350.
    assert_eq!(sales.cost(&Outage::new(hours(1)), &c).unwrap(), dec!(350));
    // 2 h: recovered 0.5 → 1 000 × 2 × 0.5 = 1 000.
    assert_eq!(sales.cost(&Outage::new(hours(2)), &c).unwrap(), dec!(1000));
    // 10 h: past the last point, recovered stays 0.2 → 1 000 × 10 × 0.8 = 8 000.
    assert_eq!(sales.cost(&Outage::new(hours(10)), &c).unwrap(), dec!(8000));
}

#[test]
fn lost_sales_recovery_curve_must_not_increase() {
    // A recovery curve that rises with duration is rejected when read.
    let bad: Result<Recovery, _> =
        serde_json::from_str(r#"[{"at": "0s", "value": "0.2"}, {"at": "4h", "value": "0.8"}]"#);
    // Untagged enum: a rising curve cannot be a Curve, and a list is not a Fraction either.
    assert!(bad.is_err());
}

#[test]
fn lost_sales_recovery_curve_built_in_code_is_validated() {
    // `Recovery::Curve` is a public variant taking any `Curve`, and `Curve::non_decreasing` allows values
    // above 1 and rising curves. A "recovered share" of 2 at 1 h gives 1 − 2 = −1 of the sales lost:
    // a 2 h outage at 1 000/h then "costs" 1 000 × 2 × (1 − 2) = −2 000. A lost-sales line must never be
    // negative: the driver should reject such a curve or clamp the share to [0, 1] (cost 0 here).
    let rising = downtime_cost::Curve::non_decreasing(&[
        CurvePoint::new(Duration::ZERO, dec!(0)),
        CurvePoint::new(hours(1), dec!(2)),
    ])
    .unwrap();
    let err = thousand_an_hour().with_recovered(Recovery::Curve(rising)).unwrap_err();
    assert_eq!(err.field(), Some("recovered[1].value"));
}

#[test]
fn lost_sales_week_start_with_revenue_profile() {
    // Weekday-only profile: mean weight 5/7, so a weekday earns 7/5 of the mean daily revenue.
    // R = 1 825 000 → 5 000 a day on average (÷ 365) → 7 000 on a weekday, 0 at the weekend.
    let c = cal().with_revenue_profile(weekdays_only()).unwrap();
    let sales = LostSales::new(dec!(1825000), Fraction::ONE).unwrap();
    let monday = week_start(Outage::new(secs(DAY)), Duration::ZERO);
    assert_eq!(sales.cost(&monday, &c).unwrap(), dec!(7000));
    // Saturday 00:00 (5 days in), 24 h: nothing.
    let saturday = week_start(Outage::new(secs(DAY)), secs(5 * DAY));
    assert_eq!(sales.cost(&saturday, &c).unwrap(), dec!(0));
    // Friday 12:00 → Saturday 12:00: half a weekday = 3 500.
    let friday = week_start(Outage::new(secs(DAY)), secs(4 * DAY + 12 * HOUR));
    assert_eq!(sales.cost(&friday, &c).unwrap(), dec!(3500));
    // Without a start the mean rate applies: 5 000 a day.
    assert_eq!(sales.cost(&Outage::new(secs(DAY)), &c).unwrap(), dec!(5000));
}

#[test]
fn lost_sales_week_window_crosses_sunday_midnight() {
    // 168 hourly weights of mean 1 (sum 168): Sunday 23:00 hour ×3, Monday 00:00 ×2,
    // Monday 01:00, 02:00 and 03:00 ×0 (+2 +1 −3 = 0, so the sum stays 168).
    let mut w = vec![Decimal::ONE; 168];
    w[167] = dec!(3);
    w[0] = dec!(2);
    w[1] = dec!(0);
    w[2] = dec!(0);
    w[3] = dec!(0);
    let c = cal().with_revenue_profile(WeeklyProfile::from_hourly(&w).unwrap()).unwrap();
    // Mean rate 1 000/h. Sunday 23:30 → Monday 01:30 (2 h):
    // 0.5 h × 3 + 1 h × 2 + 0.5 h × 0 = 3.5 weight-hours → 3 500.
    let o = week_start(Outage::new(hours(2)), secs(167 * HOUR + 1_800));
    assert_eq!(thousand_an_hour().cost(&o, &c).unwrap(), dec!(3500));
}

#[test]
fn lost_sales_week_window_longer_than_a_week() {
    // Weekday-only profile at 7 000 a weekday (see above). Monday 00:00 for 8 days:
    // a whole week (5 weekdays) + the next Monday = 6 weekdays = 42 000.
    let c = cal().with_revenue_profile(weekdays_only()).unwrap();
    let sales = LostSales::new(dec!(1825000), Fraction::ONE).unwrap();
    let o = week_start(Outage::new(secs(8 * DAY)), Duration::ZERO);
    assert_eq!(sales.cost(&o, &c).unwrap(), dec!(42000));
    // Saturday 00:00 for 9 days: Sat, Sun, Mon–Fri, Sat, Sun = 5 weekdays = 35 000.
    let o = week_start(Outage::new(secs(9 * DAY)), secs(5 * DAY));
    assert_eq!(sales.cost(&o, &c).unwrap(), dec!(35000));
}

#[test]
fn lost_sales_year_start_with_profile_and_year_weekday() {
    // Weekday-only revenue, 365-day year = 52 weeks + 1 day.
    // Year starting Monday: the extra day is a Monday → 52 × 5 + 1 = 261 weighted days.
    // R = 2 610 000 → 10 000 per weekday.
    let sales = LostSales::new(dec!(2610000), Fraction::ONE).unwrap();
    let mon = cal().with_revenue_profile(weekdays_only()).unwrap();
    let first_day = year_start(Outage::new(secs(DAY)), Duration::ZERO);
    assert_eq!(sales.cost(&first_day, &mon).unwrap(), dec!(10000));
    // Year starting Saturday: the extra day is a Saturday → 260 weighted days.
    // R = 2 600 000 → 10 000 per weekday; day 0 (Sat) earns 0, day 2 (Mon) 10 000.
    let sales = LostSales::new(dec!(2600000), Fraction::ONE).unwrap();
    let sat =
        cal().with_revenue_profile(weekdays_only()).unwrap().with_year_starts_on(Weekday::Saturday).unwrap();
    assert_eq!(sales.cost(&first_day, &sat).unwrap(), dec!(0));
    let third_day = year_start(Outage::new(secs(DAY)), secs(2 * DAY));
    assert_eq!(sales.cost(&third_day, &sat).unwrap(), dec!(10000));
}

#[test]
fn lost_sales_year_window_wraps_past_year_end() {
    // Year starts on a Friday; 365 = 52 × 7 + 1 so day 364 is a Friday too; weekday-only revenue:
    // 52 × 5 + 1 = 261 weighted days; R = 2 610 000 → 10 000 per weekday.
    // Outage at day 364 00:00 for 48 h: day 364 (Fri, 1) then the year repeats from day 0 (Fri, 1):
    // 2 weekdays = 20 000. (A week continuing past the year end would see Saturday and give 10 000.)
    let c =
        cal().with_revenue_profile(weekdays_only()).unwrap().with_year_starts_on(Weekday::Friday).unwrap();
    let sales = LostSales::new(dec!(2610000), Fraction::ONE).unwrap();
    let o = year_start(Outage::new(secs(2 * DAY)), secs(364 * DAY));
    assert_eq!(sales.cost(&o, &c).unwrap(), dec!(20000));
}

#[test]
fn lost_sales_peak_period() {
    // Flat week, a 10-day peak at ×3 from day 332 (year time 331 d). Z = 355 + 10 × 3 = 385 day-weights.
    // R = 3 850 000 → 10 000 per normal day, 30 000 per peak day.
    let c = cal().with_peak(PeakPeriod::new("black friday", 332, dec!(10), dec!(3)).unwrap()).unwrap();
    let sales = LostSales::new(dec!(3850000), Fraction::ONE).unwrap();
    let day = Outage::new(secs(DAY));
    assert_eq!(sales.cost(&year_start(day, secs(331 * DAY)), &c).unwrap(), dec!(30000));
    assert_eq!(sales.cost(&year_start(day, secs(100 * DAY)), &c).unwrap(), dec!(10000));
    // Straddling the peak's start, 12 h before and 12 h inside: 5 000 + 15 000 = 20 000.
    assert_eq!(sales.cost(&year_start(day, secs(330 * DAY + 12 * HOUR)), &c).unwrap(), dec!(20000));
    // Straddling the peak's end (day 341 is the first normal day): 15 000 + 5 000 = 20 000.
    assert_eq!(sales.cost(&year_start(day, secs(340 * DAY + 12 * HOUR)), &c).unwrap(), dec!(20000));
    // Without a start, the mean: 3 850 000 / 365 = 10 547.945… (not exact: compared to 1e-20,
    // the last digit of a 28-digit quotient).
    assert_close(
        sales.cost(&day, &c).unwrap(),
        dec!(3850000) / dec!(365),
        dec!(0.00000000000000000001),
        "mean day",
    );
    // A week start counts the peak at its yearly mean too: same as no start for a flat profile.
    assert_eq!(sales.cost(&week_start(day, Duration::ZERO), &c).unwrap(), sales.cost(&day, &c).unwrap());
}

#[test]
fn lost_sales_peak_with_profile_and_year_start() {
    // Weekday-only revenue, year starting Monday (261 weighted days), peak ×2 over days 1–7 (the first
    // week: 5 weekdays gain +1 each): Z = 266. R = 2 660 000 → 10 000 per normal weekday.
    let c = cal()
        .with_revenue_profile(weekdays_only())
        .unwrap()
        .with_peak(PeakPeriod::new("launch", 1, dec!(7), dec!(2)).unwrap())
        .unwrap();
    let sales = LostSales::new(dec!(2660000), Fraction::ONE).unwrap();
    // Day 0 (Monday, in the peak): 2 × 10 000 = 20 000.
    assert_eq!(sales.cost(&year_start(Outage::new(secs(DAY)), Duration::ZERO), &c).unwrap(), dec!(20000));
    // Day 7 (Monday, after the peak): 10 000.
    assert_eq!(sales.cost(&year_start(Outage::new(secs(DAY)), secs(7 * DAY)), &c).unwrap(), dec!(10000));
    // Day 5 (Saturday, in the peak): weight 0 × 2 = 0.
    assert_eq!(sales.cost(&year_start(Outage::new(secs(DAY)), secs(5 * DAY)), &c).unwrap(), dec!(0));
}

// ---------------------------------------------------------------------------------------------
// Lost productivity
// ---------------------------------------------------------------------------------------------

#[test]
fn productivity_default_office_hours() {
    // 100 staff at 50/h, all dependent. Default calendar Mon–Fri 09:00–17:00.
    let p = LostProductivity::new(dec!(100), dec!(50), Fraction::ONE).unwrap();
    let c = cal();
    // Monday 08:00 for 10 h (to 18:00): 09–17 = 8 working hours → 8 × 100 × 50 = 40 000.
    let o = week_start(Outage::new(hours(10)), hours(8));
    assert_eq!(p.cost(&o, &c).unwrap(), dec!(40000));
    // Saturday 10:00 for 4 h: no one works.
    let o = week_start(Outage::new(hours(4)), secs(5 * DAY + 10 * HOUR));
    assert_eq!(p.cost(&o, &c).unwrap(), dec!(0));
    // No start: d × 40/168. 4.2 h × 40/168 = 1 h → 1 × 100 × 50 = 5 000.
    assert_eq!(p.cost(&Outage::new(secs(15_120)), &c).unwrap(), dec!(5000));
}

#[test]
fn productivity_partly_outside_working_hours_with_dependency_and_severity() {
    // 20 staff at 60/h, 50 % dependent; severity 0.5.
    // Tuesday 16:00 → 19:00: only 16–17 is working time (1 h).
    // 1 h × 20 × 0.5 × 0.5 = 5 idle hours × 60 = 300.
    let p = LostProductivity::new(dec!(20), dec!(60), frac(dec!(0.5))).unwrap();
    let o = week_start(Outage::new(hours(3)), secs(DAY + 16 * HOUR)).with_severity(frac(dec!(0.5)));
    assert_eq!(p.cost(&o, &cal()).unwrap(), dec!(300));
}

#[test]
fn productivity_caught_up_with_overtime_premium() {
    // 10 staff at 40/h, all dependent, 2 working hours idle (Monday 10:00–12:00): 20 idle hours.
    // 60 % caught up later at a 0.5 premium: factor = (1 − 0.6) + 0.6 × 0.5 = 0.7 → 20 × 40 × 0.7 = 560.
    let p = LostProductivity::new(dec!(10), dec!(40), Fraction::ONE)
        .unwrap()
        .with_caught_up(frac(dec!(0.6)), dec!(0.5))
        .unwrap();
    let o = week_start(Outage::new(hours(2)), hours(10));
    assert_eq!(p.cost(&o, &cal()).unwrap(), dec!(560));
    // All caught up at time-and-a-half: only the premium, 20 × 40 × 0.5 = 400.
    let all = LostProductivity::new(dec!(10), dec!(40), Fraction::ONE)
        .unwrap()
        .with_caught_up(Fraction::ONE, dec!(0.5))
        .unwrap();
    assert_eq!(all.cost(&o, &cal()).unwrap(), dec!(400));
    // A negative premium is rejected.
    assert!(
        LostProductivity::new(dec!(10), dec!(40), Fraction::ONE)
            .unwrap()
            .with_caught_up(Fraction::ONE, dec!(-0.5))
            .is_err()
    );
}

#[test]
fn productivity_custom_schedule_with_partial_hours() {
    // Mon–Fri 08:00–16:30: 42.5 h a week.
    let days = [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday];
    let sched =
        WeeklyProfile::schedule(&days, ClockTime::new(8, 0).unwrap(), ClockTime::new(16, 30).unwrap())
            .unwrap();
    assert_eq!(sched.weight_sum(), dec!(42.5));
    let c = cal().with_working_hours(sched).unwrap();
    let p = LostProductivity::new(dec!(1), dec!(100), Fraction::ONE).unwrap();
    // Friday 16:00 → 18:00: 16:00–16:30 = 0.5 h → 50.
    let o = week_start(Outage::new(hours(2)), secs(4 * DAY + 16 * HOUR));
    assert_eq!(p.cost(&o, &c).unwrap(), dec!(50));
    // Wednesday 07:00 → 09:00: 08:00–09:00 = 1 h → 100.
    let o = week_start(Outage::new(hours(2)), secs(2 * DAY + 7 * HOUR));
    assert_eq!(p.cost(&o, &c).unwrap(), dec!(100));
    // No start: 16.8 h × 42.5/168 = 4.25 h → 425.
    assert_eq!(p.cost(&Outage::new(secs(60_480)), &c).unwrap(), dec!(425));
}

#[test]
fn productivity_night_shift_crosses_sunday_midnight() {
    // Sunday 22:00 → Monday 06:00 night shift (8 h a week), crossing the week's wrap.
    let night = WeeklyProfile::schedule(
        &[Weekday::Sunday],
        ClockTime::new(22, 0).unwrap(),
        ClockTime::new(6, 0).unwrap(),
    )
    .unwrap();
    let c = cal().with_working_hours(night).unwrap();
    let p = LostProductivity::new(dec!(1), dec!(100), Fraction::ONE).unwrap();
    // Sunday 23:00 → Monday 02:00: 3 h, all inside the shift → 300.
    let o = week_start(Outage::new(hours(3)), secs(6 * DAY + 23 * HOUR));
    assert_eq!(p.cost(&o, &c).unwrap(), dec!(300));
    // Monday 05:00 → 07:00: 1 h of shift left → 100.
    let o = week_start(Outage::new(hours(2)), hours(5));
    assert_eq!(p.cost(&o, &c).unwrap(), dec!(100));
}

#[test]
fn productivity_default_calendar_across_sunday_midnight_and_longer_than_a_week() {
    let p = LostProductivity::new(dec!(1), dec!(100), Fraction::ONE).unwrap();
    let c = cal();
    // Sunday 20:00 → Monday 12:00 (16 h): Monday 09–12 = 3 h → 300.
    let o = week_start(Outage::new(hours(16)), secs(6 * DAY + 20 * HOUR));
    assert_eq!(p.cost(&o, &c).unwrap(), dec!(300));
    // Monday 00:00 for 8 days: 40 h + next Monday's 8 h = 48 h → 4 800.
    let o = week_start(Outage::new(secs(8 * DAY)), Duration::ZERO);
    assert_eq!(p.cost(&o, &c).unwrap(), dec!(4800));
    // Wednesday 12:00 for 3 weeks exactly: 3 × 40 h = 120 h → 12 000.
    let o = week_start(Outage::new(secs(21 * DAY)), secs(2 * DAY + 12 * HOUR));
    assert_eq!(p.cost(&o, &c).unwrap(), dec!(12000));
}

#[test]
fn productivity_year_start_weekday_changes_hours_worked() {
    let p = LostProductivity::new(dec!(1), dec!(100), Fraction::ONE).unwrap();
    let o = year_start(Outage::new(secs(DAY)), Duration::ZERO);
    // Year starts Monday (default): year day 0 is a Monday, 8 h → 800.
    assert_eq!(p.cost(&o, &cal()).unwrap(), dec!(800));
    // Year starts Saturday: day 0 is a Saturday → 0.
    let sat = cal().with_year_starts_on(Weekday::Saturday).unwrap();
    assert_eq!(p.cost(&o, &sat).unwrap(), dec!(0));
    // Year starts Sunday: day 0 Sunday, day 1 Monday. 48 h from 0 → 8 h → 800.
    let sun = cal().with_year_starts_on(Weekday::Sunday).unwrap();
    let two_days = year_start(Outage::new(secs(2 * DAY)), Duration::ZERO);
    assert_eq!(p.cost(&two_days, &sun).unwrap(), dec!(800));
    // A year start of 365 d + 10 h on a 365-day year is 10 h into the (repeated) year:
    // Monday 10:00 in a Monday year; 1 h → 100.
    let late = year_start(Outage::new(hours(1)), secs(365 * DAY + 10 * HOUR));
    assert_eq!(p.cost(&late, &cal()).unwrap(), dec!(100));
}

#[test]
fn productivity_year_window_wraps_past_year_end() {
    // The calendar's rule: "The year repeats: a window that runs past the year's end continues at its
    // start." Year starts Friday; day 364 of a 365-day year is a Friday too. An outage at day 364 00:00
    // for 48 h covers day 364 (Fri, 8 h) and then year day 0 again (Fri, 8 h): 16 h → 1 600.
    // (Lost sales honour this rule: see lost_sales_year_window_wraps_past_year_end. The working
    // calendar instead runs on into Saturday and reports 8 h → 800.)
    let c = cal().with_year_starts_on(Weekday::Friday).unwrap();
    let p = LostProductivity::new(dec!(1), dec!(100), Fraction::ONE).unwrap();
    let o = year_start(Outage::new(secs(2 * DAY)), secs(364 * DAY));
    assert_eq!(p.cost(&o, &c).unwrap(), dec!(1600));
}

// ---------------------------------------------------------------------------------------------
// Response and recovery
// ---------------------------------------------------------------------------------------------

#[test]
fn response_wrap_up_fixed_and_data_loss() {
    // 3 responders at 80/h, 30 min wrap-up, 1 500 fixed; re-work of a 4 h data-loss window by
    // 10 staff at 50/h.
    let r = Response::new(dec!(3), dec!(80))
        .unwrap()
        .with_wrap_up(secs(1_800))
        .with_fixed_cost(dec!(1500))
        .unwrap()
        .with_data_loss(DataLoss::new(hours(4), dec!(10), dec!(50)).unwrap());
    let c = cal();
    // 2 h full outage: 3 × 80 × 2.5 h = 600; + 1 500; + 4 × 10 × 50 = 2 000 → 4 100.
    assert_eq!(r.cost(&Outage::new(hours(2)), &c).unwrap(), dec!(4100));
    // Severity 0.25 scales only the re-work: 600 + 1 500 + 2 000 × 0.25 = 2 600.
    let partial = Outage::new(hours(2)).with_severity(frac(dec!(0.25)));
    assert_eq!(r.cost(&partial, &c).unwrap(), dec!(2600));
}

#[test]
fn response_responders_not_scaled_by_severity() {
    // 2 responders at 100/h for a 90-minute outage: 2 × 100 × 1.5 = 300 whatever the severity.
    let r = Response::new(dec!(2), dec!(100)).unwrap();
    let c = cal();
    for s in [dec!(1), dec!(0.5), dec!(0.1), dec!(0)] {
        let o = Outage::new(secs(5_400)).with_severity(frac(s));
        assert_eq!(r.cost(&o, &c).unwrap(), dec!(300), "severity {s}");
    }
    // A start does not change it either (responders are on call around the clock).
    let o = week_start(Outage::new(secs(5_400)), secs(5 * DAY + 3 * HOUR));
    assert_eq!(r.cost(&o, &c).unwrap(), dec!(300));
}

#[test]
fn response_rejects_negative_inputs() {
    assert!(Response::new(dec!(-1), dec!(100)).is_err());
    assert!(Response::new(dec!(1), dec!(-100)).is_err());
    assert!(Response::new(dec!(1), dec!(100)).unwrap().with_fixed_cost(dec!(-1)).is_err());
    assert!(DataLoss::new(hours(1), dec!(-1), dec!(10)).is_err());
}

// ---------------------------------------------------------------------------------------------
// Brand impact
// ---------------------------------------------------------------------------------------------

fn churn_curve() -> Vec<CurvePoint> {
    // 0 at 0 h, 1 % at 1 h, 5 % at 4 h, flat after.
    vec![
        CurvePoint::new(hours(0), dec!(0)),
        CurvePoint::new(hours(1), dec!(0.01)),
        CurvePoint::new(hours(4), dec!(0.05)),
    ]
}

#[test]
fn brand_churn_interpolation_and_severity() {
    // 10 000 customers worth 200 each.
    let b = BrandImpact::new(dec!(10000), &churn_curve(), dec!(200)).unwrap();
    let c = cal();
    // 30 min: churn 0.01 × 0.5 = 0.005 → 10 000 × 0.005 × 200 = 10 000.
    assert_eq!(b.cost(&Outage::new(secs(1_800)), &c).unwrap(), dec!(10000));
    // 2.5 h: 0.01 + 0.04 × 1.5/3 = 0.03 → 60 000.
    assert_eq!(b.cost(&Outage::new(secs(9_000)), &c).unwrap(), dec!(60000));
    // 10 h: flat at 0.05 → 100 000.
    assert_eq!(b.cost(&Outage::new(hours(10)), &c).unwrap(), dec!(100000));
    // 2.5 h at severity 0.5: half the customers exposed → 30 000.
    let o = Outage::new(secs(9_000)).with_severity(frac(dec!(0.5)));
    assert_eq!(b.cost(&o, &c).unwrap(), dec!(30000));
}

#[test]
fn brand_publicity_thresholds_and_min_severity() {
    // Zero churn so only publicity counts: 50 000 from 4 h on; 200 000 from 24 h on if severity ≥ 0.5.
    let b = BrandImpact::new(dec!(10000), &[CurvePoint::new(Duration::ZERO, dec!(0))], dec!(200))
        .unwrap()
        .with_publicity(Publicity::new(hours(4), dec!(50000)).unwrap())
        .with_publicity(Publicity::new(hours(24), dec!(200000)).unwrap().with_min_severity(frac(dec!(0.5))));
    let c = cal();
    let cost = |d: Duration, s: Decimal| b.cost(&Outage::new(d).with_severity(frac(s)), &c).unwrap();
    // Just below 4 h: nothing. Exactly 4 h counts (d ≥ T).
    assert_eq!(cost(less(hours(4), Duration::from_nanos(1)), dec!(1)), dec!(0));
    assert_eq!(cost(less(hours(4), secs(1)), dec!(1)), dec!(0));
    assert_eq!(cost(hours(4), dec!(1)), dec!(50000));
    // 24 h full outage: both → 250 000; just below 24 h: only the first.
    assert_eq!(cost(hours(24), dec!(1)), dec!(250000));
    assert_eq!(cost(less(hours(24), secs(1)), dec!(1)), dec!(50000));
    // Severity exactly at the minimum counts; below it does not.
    assert_eq!(cost(hours(24), dec!(0.5)), dec!(250000));
    assert_eq!(cost(hours(24), dec!(0.4)), dec!(50000));
    // Publicity costs are not scaled by severity: 4 h at 0.1 → 50 000.
    assert_eq!(cost(hours(4), dec!(0.1)), dec!(50000));
}

#[test]
fn brand_churn_curve_validation() {
    // Decreasing churn, churn above 1, and a curve not starting at 0 h are all rejected.
    let dec_curve = [CurvePoint::new(hours(0), dec!(0.05)), CurvePoint::new(hours(1), dec!(0.01))];
    assert!(BrandImpact::new(dec!(1), &dec_curve, dec!(1)).is_err());
    let above = [CurvePoint::new(hours(0), dec!(0)), CurvePoint::new(hours(1), dec!(1.5))];
    assert!(BrandImpact::new(dec!(1), &above, dec!(1)).is_err());
    let late = [CurvePoint::new(hours(1), dec!(0))];
    assert!(BrandImpact::new(dec!(1), &late, dec!(1)).is_err());
    assert!(Publicity::new(hours(1), dec!(-1)).is_err());
}

// ---------------------------------------------------------------------------------------------
// SLA credits
// ---------------------------------------------------------------------------------------------

fn sla_model(sla: SlaCredits) -> CostModel {
    CostModel::new(Currency::USD).with_driver(sla)
}

#[test]
fn sla_tier_boundary_exact_threshold_earns_nothing() {
    // 99.9 % monthly; month = 365/12 days = 2 628 000 s; allowed 0.001 × 2 628 000 = 2 628 s.
    let m = sla_model(SlaCredits::new(dec!(10000), &[tier(dec!(99.9), dec!(10))]).unwrap());
    // Exactly 2 628 s: availability exactly 99.9 %, not below → 0.
    assert_eq!(only_line(&m, &Outage::new(secs(2_628))), dec!(0));
    // One second more: below 99.9 % → 10 % of 10 000 = 1 000.
    assert_eq!(only_line(&m, &Outage::new(secs(2_629))), dec!(1000));
    // One nanosecond more is already below the threshold.
    assert_eq!(only_line(&m, &Outage::new(secs(2_628) + Duration::from_nanos(1))), dec!(1000));
}

#[test]
fn sla_multiple_tiers_and_cap() {
    // AWS-like tiers: < 99.9 % → 10 %, < 99 % → 25 %, < 95 % → 100 %.
    let tiers = [tier(dec!(99.9), dec!(10)), tier(dec!(99), dec!(25)), tier(dec!(95), dec!(100))];
    let m = sla_model(SlaCredits::new(dec!(10000), &tiers).unwrap());
    // Allowed per month: 99.9 % → 2 628 s; 99 % → 26 280 s; 95 % → 131 400 s.
    assert_eq!(only_line(&m, &Outage::new(secs(26_280))), dec!(1000)); // at 99 %: only the 10 % tier
    assert_eq!(only_line(&m, &Outage::new(secs(26_281))), dec!(2500)); // below 99 %: 25 %
    assert_eq!(only_line(&m, &Outage::new(secs(131_400))), dec!(2500)); // exactly 95 %: still 25 %
    assert_eq!(only_line(&m, &Outage::new(secs(131_401))), dec!(10000)); // below 95 %: 100 %
    // Capped at 50 % of the fee: the 100 % tier pays 5 000, the 25 % tier is unaffected.
    let capped = sla_model(SlaCredits::new(dec!(10000), &tiers).unwrap().with_cap(frac(dec!(0.5))));
    assert_eq!(only_line(&capped, &Outage::new(secs(131_401))), dec!(5000));
    assert_eq!(only_line(&capped, &Outage::new(secs(26_281))), dec!(2500));
}

#[test]
fn sla_tiers_must_descend_and_credits_not_decrease() {
    // Ascending thresholds, equal thresholds, decreasing credits, no tiers: all rejected.
    assert!(SlaCredits::new(dec!(1), &[tier(dec!(99), dec!(10)), tier(dec!(99.9), dec!(25))]).is_err());
    assert!(SlaCredits::new(dec!(1), &[tier(dec!(99), dec!(10)), tier(dec!(99), dec!(25))]).is_err());
    assert!(SlaCredits::new(dec!(1), &[tier(dec!(99.9), dec!(25)), tier(dec!(99), dec!(10))]).is_err());
    assert!(SlaCredits::new(dec!(1), &[]).is_err());
    assert!(SlaCredits::new(dec!(-1), &[tier(dec!(99), dec!(10))]).is_err());
}

#[test]
fn sla_received_is_a_negative_line() {
    // A provider owes us 10 % of our 5 000 monthly bill below 99.9 %.
    let sla = SlaCredits::new(dec!(5000), &[tier(dec!(99.9), dec!(10))])
        .unwrap()
        .with_direction(CreditDirection::Received);
    let m = CostModel::new(Currency::USD).with_driver(thousand_an_hour()).with_driver(sla);
    // 1 h outage: lost sales 1 000; 3 600 s > 2 628 s → −500 received.
    let b = m.cost(&Outage::new(hours(1))).unwrap();
    assert_eq!(b.items()[1].kind(), DriverKind::SlaCredits);
    assert_eq!(b.items()[1].amount(), dec!(-500));
    assert_eq!(b.total(), dec!(500));
    assert_eq!(b.by_kind(DriverKind::SlaCredits), dec!(-500));
    // At the threshold nothing is received.
    let b = m.cost(&Outage::new(secs(2_628))).unwrap();
    assert!(b.items()[1].amount().is_zero());
}

#[test]
fn sla_full_duration_vs_severity_weighted() {
    // 99.8 % monthly: allowed 0.002 × 2 628 000 = 5 256 s. A 2 h outage at severity 0.5:
    // severity-weighted counts 3 600 s (no credit); full duration counts 7 200 s (credit).
    let tiers = [tier(dec!(99.8), dec!(20))];
    let o = Outage::new(hours(2)).with_severity(frac(dec!(0.5)));
    let weighted = sla_model(SlaCredits::new(dec!(1000), &tiers).unwrap());
    assert_eq!(only_line(&weighted, &o), dec!(0));
    let full = SlaCredits::new(dec!(1000), &tiers)
        .unwrap()
        .with_measure(SlaMeasure::FullDuration { min_severity: frac(dec!(0.5)) });
    assert_eq!(full.counted_seconds(&o), dec!(7200));
    assert_eq!(only_line(&sla_model(full), &o), dec!(200)); // 20 % of 1 000
    // With min_severity 0.6 a 0.5-severity outage does not count at all.
    let strict = SlaCredits::new(dec!(1000), &tiers)
        .unwrap()
        .with_measure(SlaMeasure::FullDuration { min_severity: frac(dec!(0.6)) });
    assert_eq!(strict.counted_seconds(&o), dec!(0));
    assert_eq!(only_line(&sla_model(strict), &o), dec!(0));
    // Severity-weighted: 7 200 × 0.5 = 3 600 counted.
    assert_eq!(SlaCredits::new(dec!(1000), &tiers).unwrap().counted_seconds(&o), dec!(3600));
}

#[test]
fn sla_quarterly_and_yearly_billing_periods() {
    // Quarter = 365/4 days = 7 884 000 s → 99.9 % allows 7 884 s. Fee 30 000 a quarter, 10 %.
    let q = sla_model(
        SlaCredits::new(dec!(30000), &[tier(dec!(99.9), dec!(10))])
            .unwrap()
            .with_period(BillingPeriod::Quarter),
    );
    assert_eq!(only_line(&q, &Outage::new(secs(7_884))), dec!(0));
    assert_eq!(only_line(&q, &Outage::new(secs(7_885))), dec!(3000));
    // Year = 31 536 000 s → 99.9 % allows 31 536 s. Fee 120 000 a year, 10 %.
    let y = sla_model(
        SlaCredits::new(dec!(120000), &[tier(dec!(99.9), dec!(10))])
            .unwrap()
            .with_period(BillingPeriod::Year),
    );
    assert_eq!(only_line(&y, &Outage::new(secs(31_536))), dec!(0));
    assert_eq!(only_line(&y, &Outage::new(secs(31_537))), dec!(12000));
    // A 90-day quarter convention: 0.001 × 7 776 000 = 7 776 s.
    let q90 = CostModel::new(Currency::USD)
        .with_calendar(Calendar::new(Conventions::new().with_quarter(QuarterLength::Days90)))
        .with_driver(
            SlaCredits::new(dec!(30000), &[tier(dec!(99.9), dec!(10))])
                .unwrap()
                .with_period(BillingPeriod::Quarter),
        );
    assert_eq!(only_line(&q90, &Outage::new(secs(7_776))), dec!(0));
    assert_eq!(only_line(&q90, &Outage::new(secs(7_777))), dec!(3000));
}

#[test]
fn sla_thirty_day_month_vs_year_twelfth() {
    // 2 600 s of downtime at 99.9 %:
    // year/12 month (2 628 000 s) allows 2 628 s → no credit;
    // 30-day month (2 592 000 s) allows 2 592 s → credit 10 % of 10 000 = 1 000.
    let sla = || SlaCredits::new(dec!(10000), &[tier(dec!(99.9), dec!(10))]).unwrap();
    let o = Outage::new(secs(2_600));
    assert_eq!(only_line(&sla_model(sla()), &o), dec!(0));
    let days30 = CostModel::new(Currency::USD)
        .with_calendar(Calendar::new(Conventions::new().with_month(MonthLength::Days30)))
        .with_driver(sla());
    assert_eq!(only_line(&days30, &o), dec!(1000));
    // Exactly 2 592 s under the 30-day month: at the threshold, nothing.
    assert_eq!(only_line(&days30, &Outage::new(secs(2_592))), dec!(0));
    // The "calendar" month convention, with no month named, uses the mean month year/12.
    let calm = CostModel::new(Currency::USD)
        .with_calendar(Calendar::new(Conventions::new().with_month(MonthLength::Calendar)))
        .with_driver(sla());
    assert_eq!(only_line(&calm, &Outage::new(secs(2_628))), dec!(0));
    assert_eq!(only_line(&calm, &Outage::new(secs(2_629))), dec!(1000));
    // A Julian year makes the month 2 629 800 s: 2 629 s is within 2 629.8 s; 2 630 is not.
    let julian = CostModel::new(Currency::USD)
        .with_calendar(Calendar::new(Conventions::new().with_year(YearLength::Julian)))
        .with_driver(sla());
    assert_eq!(only_line(&julian, &Outage::new(secs(2_629))), dec!(0));
    assert_eq!(only_line(&julian, &Outage::new(secs(2_630))), dec!(1000));
}

#[test]
fn sla_credit_for_downtime_direct() {
    // credit_for_downtime on a total: 99.5 % of a year/12 month allows 13 140 s.
    let s = SlaCredits::new(dec!(800), &[tier(dec!(99.5), dec!(25))]).unwrap();
    let c = Conventions::new();
    assert_eq!(s.credit_for_downtime(dec!(13140), &c).unwrap(), dec!(0));
    assert_eq!(s.credit_for_downtime(dec!(13140.000001), &c).unwrap(), dec!(200));
    assert_eq!(s.credit_for_downtime(dec!(0), &c).unwrap(), dec!(0));
}

// ---------------------------------------------------------------------------------------------
// Custom impact
// ---------------------------------------------------------------------------------------------

fn fine_curve() -> Vec<CurvePoint> {
    // 0 until 4 h, then a jump to 100 000, rising to 500 000 at 24 h, flat after.
    vec![
        CurvePoint::new(hours(0), dec!(0)),
        CurvePoint::new(hours(4), dec!(0)),
        CurvePoint::new(hours(4), dec!(100000)),
        CurvePoint::new(hours(24), dec!(500000)),
    ]
}

#[test]
fn custom_impact_jumps_and_interpolation() {
    let f = CustomImpact::new("regulatory fine", &fine_curve()).unwrap();
    let c = cal();
    assert_eq!(f.name(), "regulatory fine");
    // Just before the jump: 0. At the jump: the later value, 100 000 (right-continuous).
    assert_eq!(f.cost(&Outage::new(less(hours(4), secs(1))), &c).unwrap(), dec!(0));
    assert_eq!(f.cost(&Outage::new(hours(4)), &c).unwrap(), dec!(100000));
    // 14 h: halfway from 4 h to 24 h → 100 000 + 400 000 × 10/20 = 300 000.
    assert_eq!(f.cost(&Outage::new(hours(14)), &c).unwrap(), dec!(300000));
    // 4 h 12 min: 100 000 + 400 000 × 0.2/20 = 104 000.
    assert_eq!(f.cost(&Outage::new(secs(15_120)), &c).unwrap(), dec!(104000));
    // 48 h: flat after the last point.
    assert_eq!(f.cost(&Outage::new(hours(48)), &c).unwrap(), dec!(500000));
}

#[test]
fn custom_impact_scale_by_severity() {
    let o = Outage::new(hours(14)).with_severity(frac(dec!(0.5)));
    let c = cal();
    // Not scaled (default): 300 000 whatever the severity.
    let plain = CustomImpact::new("fine", &fine_curve()).unwrap();
    assert_eq!(plain.cost(&o, &c).unwrap(), dec!(300000));
    // Scaled: 300 000 × 0.5 = 150 000.
    let scaled = CustomImpact::new("penalty", &fine_curve()).unwrap().with_scale_by_severity(true);
    assert_eq!(scaled.cost(&o, &c).unwrap(), dec!(150000));
    // A decreasing curve is rejected; a blank name falls back to "custom impact".
    let bad = [CurvePoint::new(hours(0), dec!(10)), CurvePoint::new(hours(1), dec!(5))];
    assert!(CustomImpact::new("x", &bad).is_err());
    assert_eq!(CustomImpact::new("  ", &fine_curve()).unwrap().name(), "custom impact");
}

// ---------------------------------------------------------------------------------------------
// A user extension
// ---------------------------------------------------------------------------------------------

/// A pager vendor bills `fee` per started hour of an incident, whatever its severity.
#[derive(Debug)]
struct PagerFee {
    fee: Decimal,
}

impl CostDriver for PagerFee {
    fn name(&self) -> &'static str {
        "pager fee"
    }

    fn cost(&self, outage: &Outage, _calendar: &Calendar) -> downtime_cost::Result<Decimal> {
        let started = outage.duration().as_nanos().div_ceil(u128::from(HOUR) * 1_000_000_000);
        Ok(self.fee * Decimal::from(u64::try_from(started).unwrap()))
    }
}

/// An extension that always fails.
#[derive(Debug)]
struct Broken;

impl CostDriver for Broken {
    fn name(&self) -> &'static str {
        "broken"
    }

    fn cost(&self, _: &Outage, _: &Calendar) -> downtime_cost::Result<Decimal> {
        Err(Error::Overflow { operation: "broken extension" })
    }
}

#[test]
fn extension_driver_is_a_line_item_after_built_ins() {
    // Extension added first still comes after the built-in drivers.
    let m = CostModel::new(Currency::EUR)
        .with_extension(PagerFee { fee: dec!(150) })
        .with_driver(Response::new(dec!(2), dec!(100)).unwrap());
    assert_eq!(m.line_count(), 2);
    // 90 min: 2 started hours × 150 = 300; response 2 × 100 × 1.5 = 300.
    let b = m.cost(&Outage::new(secs(5_400))).unwrap();
    assert_eq!(b.items()[0].kind(), DriverKind::Response);
    assert_eq!(b.items()[0].name(), "response and recovery");
    assert_eq!(b.items()[1].kind(), DriverKind::Extension);
    assert_eq!(b.items()[1].name(), "pager fee");
    assert_eq!(b.items()[1].amount(), dec!(300));
    assert_eq!(b.total(), dec!(600));
    assert_eq!(b.currency(), Currency::EUR);
    // Exactly 2 h: 2 started hours → 300; two outages in a period: 300 + 300 = 600.
    let p = m.period_cost(&[Outage::new(hours(2)), Outage::new(secs(5_400))]).unwrap();
    assert_eq!(p.by_kind(DriverKind::Extension), dec!(600));
}

#[test]
fn extension_error_propagates() {
    let m = CostModel::new(Currency::USD).with_driver(thousand_an_hour()).with_extension(Broken);
    let err = m.cost(&Outage::new(hours(1))).unwrap_err();
    assert_eq!(err, Error::Overflow { operation: "broken extension" });
}

// ---------------------------------------------------------------------------------------------
// The model: breakdowns and periods
// ---------------------------------------------------------------------------------------------

#[test]
fn full_model_breakdown_items_sum_to_total() {
    // A 4.2 h (15 120 s) full outage with no start.
    let m = CostModel::new(Currency::USD)
        .with_driver(
            LostSales::new(dec!(8760000), frac(dec!(0.6)))
                .unwrap()
                .with_recovered(Recovery::Constant(frac(dec!(0.3))))
                .unwrap(),
        )
        .with_driver(LostProductivity::new(dec!(50), dec!(40), frac(dec!(0.5))).unwrap())
        .with_driver(Response::new(dec!(3), dec!(90)).unwrap())
        .with_driver(
            BrandImpact::new(dec!(10000), &churn_curve(), dec!(200))
                .unwrap()
                .with_publicity(Publicity::new(hours(4), dec!(50000)).unwrap()),
        )
        .with_driver(SlaCredits::new(dec!(20000), &[tier(dec!(99.9), dec!(10))]).unwrap())
        .with_driver(CustomImpact::new("fine", &fine_curve()).unwrap())
        .with_extension(PagerFee { fee: dec!(150) });
    let b = m.cost(&Outage::new(secs(15_120))).unwrap();
    let amounts: Vec<Decimal> = b.items().iter().map(downtime_cost::LineItem::amount).collect();
    let want = [
        dec!(1764),   // sales: 1 000/h × 4.2 h × 0.6 × 0.7
        dec!(1000),   // productivity: 4.2 h × 40/168 = 1 working h × 50 × 40 × 0.5
        dec!(1134),   // response: 3 × 90 × 4.2
        dec!(150000), // brand: 10 000 × 0.05 (flat past 4 h) × 200 + 50 000 publicity (4.2 h ≥ 4 h)
        dec!(2000),   // SLA: 15 120 s > 2 628 s → 10 % of 20 000
        dec!(104000), // fine: 100 000 + 400 000 × 0.2/20
        dec!(750),    // pager: 5 started hours × 150
    ];
    assert_eq!(amounts, want);
    // 1 764 + 1 000 + 1 134 + 150 000 + 2 000 + 104 000 + 750 = 260 648.
    assert_eq!(b.total(), dec!(260648));
    assert_eq!(amounts.iter().copied().sum::<Decimal>(), b.total());
    let kinds: Vec<DriverKind> = b.items().iter().map(downtime_cost::LineItem::kind).collect();
    assert_eq!(
        kinds,
        [
            DriverKind::LostSales,
            DriverKind::LostProductivity,
            DriverKind::Response,
            DriverKind::BrandImpact,
            DriverKind::SlaCredits,
            DriverKind::Custom,
            DriverKind::Extension
        ]
    );
}

#[test]
fn breakdown_with_inexact_items_still_sums_exactly() {
    // A 1 h outage without a start: productivity = 1 h × 40/168 = 5/21 working h × 7 staff × 30 = 50.
    // Lost sales of 1 000 000/yr over 1 h = 1 000 000 / 8 760 = 114.155251141552511415525114…
    // (inexact). Whatever the digits, the total must be the exact sum of the items.
    let m = CostModel::new(Currency::USD)
        .with_driver(LostSales::new(dec!(1000000), Fraction::ONE).unwrap())
        .with_driver(LostProductivity::new(dec!(7), dec!(30), Fraction::ONE).unwrap())
        .with_driver(Response::new(dec!(1), dec!(33.33)).unwrap());
    let b = m.cost(&Outage::new(hours(1))).unwrap();
    assert_eq!(b.items()[1].amount(), dec!(50));
    assert_eq!(b.items()[2].amount(), dec!(33.33));
    assert_close(b.items()[0].amount(), dec!(1000000) / dec!(8760), dec!(0.000000000000000000001), "sales");
    let sum: Decimal = b.items().iter().map(downtime_cost::LineItem::amount).sum();
    assert_eq!(sum, b.total());
}

#[test]
fn period_cost_sla_uses_total_downtime() {
    // Sales 1 000/h, 2 responders at 100/h, SLA 99.9 % (2 628 s a month) → 10 % of 10 000.
    let m = CostModel::new(Currency::USD)
        .with_driver(thousand_an_hour())
        .with_driver(Response::new(dec!(2), dec!(100)).unwrap())
        .with_driver(SlaCredits::new(dec!(10000), &[tier(dec!(99.9), dec!(10))]).unwrap());
    let half_hour = Outage::new(secs(1_800));
    // Alone, each 30-minute outage (1 800 s < 2 628 s) earns no credit: 500 + 100 + 0.
    let alone = m.cost(&half_hour).unwrap();
    assert_eq!(alone.total(), dec!(600));
    assert_eq!(alone.by_kind(DriverKind::SlaCredits), dec!(0));
    // Together: 3 600 s > 2 628 s → 1 000; sales 500 + 500; response 100 + 100.
    let p = m.period_cost(&[half_hour, half_hour]).unwrap();
    assert_eq!(p.by_kind(DriverKind::LostSales), dec!(1000));
    assert_eq!(p.by_kind(DriverKind::Response), dec!(200));
    assert_eq!(p.by_kind(DriverKind::SlaCredits), dec!(1000));
    assert_eq!(p.total(), dec!(2200));
    // An empty period costs nothing.
    assert_eq!(m.period_cost(&[]).unwrap().total(), dec!(0));
}

#[test]
fn period_cost_sla_counts_severity_weighted_sum() {
    // Two 1 h outages at severity 0.4: 1 440 s counted each (< 2 628), 2 880 s together (> 2 628).
    let m = sla_model(SlaCredits::new(dec!(10000), &[tier(dec!(99.9), dec!(10))]).unwrap());
    let o = Outage::new(hours(1)).with_severity(frac(dec!(0.4)));
    assert_eq!(only_line(&m, &o), dec!(0));
    let p = m.period_cost(&[o, o]).unwrap();
    assert_eq!(p.total(), dec!(1000));
    // Three outages of 876 s: 2 628 s together, exactly the threshold → nothing.
    let short = Outage::new(secs(876));
    assert_eq!(m.period_cost(&[short, short, short]).unwrap().total(), dec!(0));
}

#[test]
fn model_cost_passes_calendar_to_drivers() {
    // The model's calendar (weekday-only revenue) shapes lost sales: Saturday costs nothing,
    // a Monday day 7 000 (R = 1 825 000, see lost_sales_week_start_with_revenue_profile).
    let m = CostModel::new(Currency::USD)
        .with_calendar(cal().with_revenue_profile(weekdays_only()).unwrap())
        .with_driver(LostSales::new(dec!(1825000), Fraction::ONE).unwrap());
    assert_eq!(only_line(&m, &week_start(Outage::new(secs(DAY)), secs(5 * DAY))), dec!(0));
    assert_eq!(only_line(&m, &week_start(Outage::new(secs(DAY)), Duration::ZERO)), dec!(7000));
}

// ---------------------------------------------------------------------------------------------
// Calendar conventions: budgets and the nines table
// ---------------------------------------------------------------------------------------------

fn four_targets() -> [Availability; 4] {
    [pct(dec!(99)), pct(dec!(99.9)), pct(dec!(99.99)), pct(dec!(99.999))]
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn us(n: u64) -> Duration {
    Duration::from_micros(n)
}

#[test]
fn nines_table_365_day_year() {
    // Year 31 536 000 s, quarter 7 884 000, month 2 628 000, week 604 800, day 86 400;
    // budget = (1 − A) × period.
    let t = NinesTable::new(&four_targets(), &Conventions::new()).unwrap();
    let r = t.rows();
    let rows =
        |i: usize| (r[i].per_year(), r[i].per_quarter(), r[i].per_month(), r[i].per_week(), r[i].per_day());
    // 99 %: 315 360 s (3 d 15 h 36 m), 78 840, 26 280, 6 048, 864.
    assert_eq!(rows(0), (secs(315_360), secs(78_840), secs(26_280), secs(6_048), secs(864)));
    // 99.9 %: 31 536 s (8 h 45 m 36 s), 7 884, 2 628 (43 m 48 s), 604.8, 86.4.
    assert_eq!(rows(1), (secs(31_536), secs(7_884), secs(2_628), ms(604_800), ms(86_400)));
    // 99.99 %: 3 153.6 s, 788.4, 262.8, 60.48, 8.64.
    assert_eq!(rows(2), (ms(3_153_600), ms(788_400), ms(262_800), ms(60_480), ms(8_640)));
    // 99.999 %: 315.36 s, 78.84, 26.28, 6.048, 0.864.
    assert_eq!(rows(3), (ms(315_360), ms(78_840), ms(26_280), ms(6_048), ms(864)));
    // nines column: 2, 3, 4, 5.
    let n: Vec<Option<Decimal>> = r.iter().map(downtime_cost::NinesRow::nines).collect();
    assert_eq!(n, [Some(dec!(2)), Some(dec!(3)), Some(dec!(4)), Some(dec!(5))]);
    assert_eq!(t.conventions(), &Conventions::new());
}

#[test]
fn nines_table_julian_year() {
    // 365.25-day year = 31 557 600 s; quarter 7 889 400; month 2 629 800; week and day unchanged.
    let t = NinesTable::new(&four_targets(), &Conventions::new().with_year(YearLength::Julian)).unwrap();
    let r = t.rows();
    let rows =
        |i: usize| (r[i].per_year(), r[i].per_quarter(), r[i].per_month(), r[i].per_week(), r[i].per_day());
    // 99 %: 315 576 s, 78 894, 26 298, 6 048, 864.
    assert_eq!(rows(0), (secs(315_576), secs(78_894), secs(26_298), secs(6_048), secs(864)));
    // 99.9 %: 31 557.6 s (8 h 45 m 57.6 s), 7 889.4, 2 629.8, 604.8, 86.4.
    assert_eq!(rows(1), (ms(31_557_600), ms(7_889_400), ms(2_629_800), ms(604_800), ms(86_400)));
    // 99.99 %: 3 155.76, 788.94, 262.98, 60.48, 8.64.
    assert_eq!(rows(2), (ms(3_155_760), ms(788_940), ms(262_980), ms(60_480), ms(8_640)));
    // 99.999 %: 315.576, 78.894, 26.298, 6.048, 0.864.
    assert_eq!(rows(3), (ms(315_576), ms(78_894), ms(26_298), ms(6_048), ms(864)));
}

#[test]
fn gregorian_year_budgets() {
    // 365.2425 days = 31 556 952 s; month = 2 629 746 s; quarter = 7 889 238 s.
    let g = Conventions::new().with_year(YearLength::Gregorian);
    let a = pct(dec!(99.9));
    assert_eq!(a.downtime_budget_seconds(Period::Year, &g).unwrap(), dec!(31556.952));
    assert_eq!(a.downtime_budget(Period::Year, &g).unwrap(), ms(31_556_952));
    assert_eq!(a.downtime_budget(Period::Month, &g).unwrap(), us(2_629_746_000));
    assert_eq!(a.downtime_budget(Period::Quarter, &g).unwrap(), us(7_889_238_000));
    // 99.999 %: 315.56952 s a year = 315 569 520 µs.
    assert_eq!(pct(dec!(99.999)).downtime_budget(Period::Year, &g).unwrap(), us(315_569_520));
    // Week and day do not depend on the year: 0.001 × 604 800 = 604.8 s.
    assert_eq!(a.downtime_budget(Period::Week, &g).unwrap(), ms(604_800));
}

#[test]
fn thirty_day_month_and_ninety_day_quarter() {
    let c = Conventions::new().with_month(MonthLength::Days30).with_quarter(QuarterLength::Days90);
    // 99.9 %: 0.001 × 2 592 000 = 2 592 s (43.2 min); 0.001 × 7 776 000 = 7 776 s (2.16 h).
    let a = pct(dec!(99.9));
    assert_eq!(a.downtime_budget(Period::Month, &c).unwrap(), secs(2_592));
    assert_eq!(a.downtime_budget(Period::Quarter, &c).unwrap(), secs(7_776));
    // The year is unchanged: 31 536 s.
    assert_eq!(a.downtime_budget(Period::Year, &c).unwrap(), secs(31_536));
    // 99.95 %: 1 296 s a month (21.6 min), 3 888 s a quarter.
    let b = pct(dec!(99.95));
    assert_eq!(b.downtime_budget(Period::Month, &c).unwrap(), secs(1_296));
    assert_eq!(b.downtime_budget(Period::Quarter, &c).unwrap(), secs(3_888));
    // The table carries the convention: 99 % → month 25 920 s, quarter 77 760 s.
    let t = NinesTable::new(&[pct(dec!(99))], &c).unwrap();
    assert_eq!(t.rows()[0].per_month(), secs(25_920));
    assert_eq!(t.rows()[0].per_quarter(), secs(77_760));
}

#[test]
fn calendar_months_and_quarters() {
    let c = Conventions::new();
    let a = pct(dec!(99.9));
    let month = |year, month| a.downtime_budget(Period::CalendarMonth { year, month }, &c).unwrap();
    // February: 29 days in 2024 (leap) → 0.001 × 2 505 600 = 2 505.6 s; 28 days in 2023 → 2 419.2 s.
    assert_eq!(month(2024, 2), ms(2_505_600));
    assert_eq!(month(2023, 2), ms(2_419_200));
    // Century rules: 1900 and 2100 are not leap, 2000 is.
    assert_eq!(month(1900, 2), ms(2_419_200));
    assert_eq!(month(2100, 2), ms(2_419_200));
    assert_eq!(month(2000, 2), ms(2_505_600));
    // 31-day months (Jan, Jul, Aug, Dec): 2 678.4 s; 30-day months (Apr): 2 592 s.
    for m in [1, 3, 5, 7, 8, 10, 12] {
        assert_eq!(month(2025, m), ms(2_678_400), "month {m}");
    }
    for m in [4, 6, 9, 11] {
        assert_eq!(month(2025, m), secs(2_592), "month {m}");
    }
    // The month convention does not change a named month.
    let d30 = Conventions::new().with_month(MonthLength::Days30);
    assert_eq!(
        a.downtime_budget(Period::CalendarMonth { year: 2025, month: 1 }, &d30).unwrap(),
        ms(2_678_400)
    );
    // Q1 2023 = 31 + 28 + 31 = 90 days → 7 776 s; Q1 2024 = 91 days → 7 862.4 s; Q4 = 92 days → 7 948.8 s.
    let q = |year, quarter| a.downtime_budget(Period::CalendarQuarter { year, quarter }, &c).unwrap();
    assert_eq!(q(2023, 1), secs(7_776));
    assert_eq!(q(2024, 1), ms(7_862_400));
    assert_eq!(q(2024, 4), ms(7_948_800));
    // Invalid months and quarters are errors, not panics.
    assert!(a.downtime_budget(Period::CalendarMonth { year: 2024, month: 13 }, &c).is_err());
    assert!(a.downtime_budget(Period::CalendarQuarter { year: 2024, quarter: 0 }, &c).is_err());
}

#[test]
fn availability_from_nines() {
    // 2 → 0.99, 3 → 0.999 exactly.
    assert_eq!(Availability::from_nines(2.0).unwrap().fraction(), dec!(0.99));
    assert_eq!(Availability::from_nines(3.0).unwrap().fraction(), dec!(0.999));
    assert_eq!(Availability::from_nines(3.0).unwrap(), pct(dec!(99.9)));
    // 3.5 → 1 − 10^−3.5 = 1 − 0.000316227766016837933199889354… = 0.999683772233983162066800110646…
    // Fractional nines go through f64 (≈ 1e−16 relative on 3.2e−4, i.e. ≈ 4e−20 absolute): compare to 1e−18.
    let a = Availability::from_nines(3.5).unwrap();
    assert_close(a.fraction(), dec!(0.9996837722339831620668001106), dec!(0.000000000000000001), "3.5 nines");
    // Its yearly budget: 31 536 000 × 3.162277660168379e−4 = 9 972.558829107… s ≈ 2 h 46 m 12.56 s
    // (f64 input: ≈ 4e−20 × 3.2e7 ≈ 1e−12 s off at most; compared to 1e−9 s).
    let budget = a.downtime_budget_seconds(Period::Year, &Conventions::new()).unwrap();
    assert_close(budget, dec!(9972.558829107001061391710681), dec!(0.000000001), "3.5 nines budget");
    // Out of range: 0, negative, over 28, NaN.
    for bad in [0.0, -1.0, 28.5, f64::NAN] {
        assert!(Availability::from_nines(bad).is_err(), "{bad}");
    }
}

#[test]
fn availability_from_downtime_round_trips() {
    let c = Conventions::new();
    // 1 314 s a year/12 month is 0.0005 × 2 628 000 → 99.95 %.
    let a = Availability::from_downtime(secs(1_314), Period::Month, &c).unwrap();
    assert_eq!(a, pct(dec!(99.95)));
    assert_eq!(a.downtime_budget(Period::Month, &c).unwrap(), secs(1_314));
    // February 2024: 2 505.6 s of 2 505 600 s → 99.9 %.
    let feb = Period::CalendarMonth { year: 2024, month: 2 };
    assert_eq!(Availability::from_downtime(ms(2_505_600), feb, &c).unwrap(), pct(dec!(99.9)));
    // Julian year: 315 576 s of 31 557 600 s → 99 %.
    let j = Conventions::new().with_year(YearLength::Julian);
    assert_eq!(Availability::from_downtime(secs(315_576), Period::Year, &j).unwrap(), pct(dec!(99)));
    // Round trip of every table target under every year length.
    for y in [YearLength::Days365, YearLength::Gregorian, YearLength::Julian] {
        let cv = Conventions::new().with_year(y);
        for t in four_targets() {
            for p in [Period::Year, Period::Quarter, Period::Month, Period::Week, Period::Day] {
                let d = t.downtime_budget(p, &cv).unwrap();
                assert_eq!(Availability::from_downtime(d, p, &cv).unwrap(), t, "{t} {p} {y:?}");
            }
        }
    }
    // No downtime: 100 %. The whole period down: an error.
    assert_eq!(Availability::from_downtime(Duration::ZERO, Period::Day, &c).unwrap(), Availability::PERFECT);
    assert!(Availability::from_downtime(secs(DAY), Period::Day, &c).is_err());
}

// ---------------------------------------------------------------------------------------------
// Target study
// ---------------------------------------------------------------------------------------------

#[test]
fn target_study_lambda_and_per_driver_costs() {
    // Sales 1 000/h, 2 responders at 100/h. Typical outage: 30 min at severity 0.5.
    // Per outage: sales 1 000 × 0.5 h × 0.5 = 250; response 2 × 100 × 0.5 h = 100 (not severity-scaled).
    let m = CostModel::new(Currency::USD)
        .with_driver(thousand_an_hour())
        .with_driver(Response::new(dec!(2), dec!(100)).unwrap());
    let typical = OutageAssumption::Typical(Outage::new(secs(1_800)).with_severity(frac(dec!(0.5))));
    let s = TargetStudy::new(&m, &typical, &[pct(dec!(99)), pct(dec!(99.9))]).unwrap();
    assert_eq!(s.currency(), Currency::USD);
    assert_eq!(s.method(), StudyMethod::TypicalOutage);
    // 99 %: budget 315 360 s; λ = 315 360 / (1 800 × 0.5) = 350.4;
    // sales 350.4 × 250 = 87 600; response 350.4 × 100 = 35 040; total 122 640.
    let r = &s.rows()[0];
    assert_eq!(r.target(), pct(dec!(99)));
    assert_eq!(r.budget_per_year(), secs(315_360));
    assert_eq!(r.budget_per_month(), secs(26_280));
    assert_eq!(r.incidents_per_year(), dec!(350.4));
    assert_eq!(r.items()[0].amount(), dec!(87600));
    assert_eq!(r.items()[1].amount(), dec!(35040));
    assert_eq!(r.total(), dec!(122640));
    // 99.9 %: λ = 31 536 / 900 = 35.04; 8 760 + 3 504 = 12 264.
    let r = &s.rows()[1];
    assert_eq!(r.incidents_per_year(), dec!(35.04));
    assert_eq!(r.items()[0].amount(), dec!(8760));
    assert_eq!(r.items()[1].amount(), dec!(3504));
    assert_eq!(r.total(), dec!(12264));
}

#[test]
fn target_study_ignores_typical_start_and_uses_conventions() {
    // The typical outage's start is ignored: a Saturday start changes nothing in the study.
    let model = CostModel::new(Currency::USD)
        .with_calendar(cal().with_revenue_profile(weekdays_only()).unwrap())
        .with_driver(thousand_an_hour());
    let plain = OutageAssumption::Typical(Outage::new(hours(1)));
    let saturday = OutageAssumption::Typical(week_start(Outage::new(hours(1)), secs(5 * DAY)));
    let no_start = TargetStudy::new(&model, &plain, &[pct(dec!(99.9))]).unwrap();
    let with_start = TargetStudy::new(&model, &saturday, &[pct(dec!(99.9))]).unwrap();
    assert_eq!(no_start, with_start);
    // λ = 31 536 / 3 600 = 8.76 one-hour outages at 1 000 → 8 760.
    assert_eq!(no_start.rows()[0].total(), dec!(8760));
    // A Julian year: budget 31 557.6 s → λ = 8.766; revenue per hour is 8 760 000 / 8 766 h, so the
    // expected lost sales are still the budget's share of the year's revenue: 0.001 × 8 760 000 = 8 760.
    // (The per-outage cost 8 760 000 / 8 766 is a 28-digit quotient: compared to 1e−20.)
    let julian = CostModel::new(Currency::USD)
        .with_calendar(Calendar::new(Conventions::new().with_year(YearLength::Julian)))
        .with_driver(thousand_an_hour());
    let study = TargetStudy::new(&julian, &plain, &[pct(dec!(99.9))]).unwrap();
    assert_eq!(study.rows()[0].incidents_per_year(), dec!(8.766));
    assert_close(study.rows()[0].total(), dec!(8760), dec!(0.00000000000000000001), "julian");
}

#[test]
fn target_study_rejects_unusable_typical_outage() {
    let m = CostModel::new(Currency::USD).with_driver(thousand_an_hour());
    let zero = OutageAssumption::Typical(Outage::new(Duration::ZERO));
    assert!(TargetStudy::new(&m, &zero, &[pct(dec!(99.9))]).is_err());
    let harmless = OutageAssumption::Typical(Outage::new(hours(1)).with_severity(Fraction::ZERO));
    assert!(TargetStudy::new(&m, &harmless, &[pct(dec!(99.9))]).is_err());
}

/// `P(N ≥ k)` for `N ~ Poisson(m)`: `1 − Σ_{j<k} e^{−m} m^j / j!`.
fn poisson_at_least(m: f64, k: u32) -> f64 {
    let mut term = (-m).exp();
    let mut below = 0.0;
    for j in 0..k {
        below += term;
        term *= m / f64::from(j + 1);
    }
    1.0 - below
}

/// `got` equals the hand-worked `want` within the row's numerical bound.
fn assert_within_bound(row: &downtime_cost::TargetRow, want: f64, what: &str) {
    let got: f64 = row.total().try_into().unwrap();
    let bound: f64 = row.error_bound().try_into().unwrap();
    assert!((got - want).abs() <= bound + 1e-9, "{what}: {got} vs {want} ± {bound}");
}

#[test]
fn target_study_sla_severity_weighted_is_a_compound_poisson_sum() {
    // SLA 99.9 % → 10 % of 1 000 a month (year/12 months: 2 628 s allowed). Typical outages of
    // 30 min at severity 0.5 count 900 s each, so a month breaches with N ≥ 3 outages (2 700 s).
    // λ = budget / 900 s; a month holds Poisson(λ / 12); E = 12 × 100 × P(N ≥ 3).
    //   99.9 %:  λ = 31 536 / 900 = 35.04, month 2.92
    //   99.8 %:  λ = 70.08, month 5.84
    //   99.95 %: λ = 17.52, month 1.46
    // (The even spread gave 0, 1 200 and 0: every month exactly at its share of the budget.)
    let m = sla_model(SlaCredits::new(dec!(1000), &[tier(dec!(99.9), dec!(10))]).unwrap());
    let typical = OutageAssumption::Typical(Outage::new(secs(1_800)).with_severity(frac(dec!(0.5))));
    let s = TargetStudy::new(&m, &typical, &[pct(dec!(99.9)), pct(dec!(99.8)), pct(dec!(99.95))]).unwrap();
    assert_eq!(s.rows()[0].items()[0].kind(), DriverKind::SlaCredits);
    for (row, month) in s.rows().iter().zip([2.92, 5.84, 1.46]) {
        assert_within_bound(row, 1_200.0 * poisson_at_least(month, 3), "severity weighted");
    }
    assert_eq!(s.method(), StudyMethod::TypicalOutage);
}

#[test]
fn target_study_sla_full_duration_counts_whole_outages() {
    // FullDuration counting with a 0.5-severity typical outage: each outage counts 1 800 s.
    // Tiers: < 99.9 % (T > 2 628 s) → 10 %, < 99.8 % (T > 5 256 s) → 30 %: one month pays
    // 100 × [N ≥ 2] + 200 × [N ≥ 3] (1 800 × 2 = 3 600 > 2 628; × 3 = 5 400 > 5 256).
    //   99.9 %:  λ = 31 536 / 900 = 35.04, month 2.92
    //   99.85 %: λ = 47 304 / 900 = 52.56, month 4.38
    let sla = SlaCredits::new(dec!(1000), &[tier(dec!(99.9), dec!(10)), tier(dec!(99.8), dec!(30))])
        .unwrap()
        .with_measure(SlaMeasure::FullDuration { min_severity: Fraction::ZERO });
    let m = sla_model(sla);
    let typical = OutageAssumption::Typical(Outage::new(secs(1_800)).with_severity(frac(dec!(0.5))));
    let s = TargetStudy::new(&m, &typical, &[pct(dec!(99.9)), pct(dec!(99.85))]).unwrap();
    for (row, month) in s.rows().iter().zip([2.92, 4.38]) {
        let want = 12.0 * (100.0 * poisson_at_least(month, 2) + 200.0 * poisson_at_least(month, 3));
        assert_within_bound(row, want, "full duration");
    }
}

#[test]
fn target_study_sla_follows_month_and_billing_conventions() {
    let typical = OutageAssumption::Typical(Outage::new(hours(1)));
    // 30-day months (2 592 s allowed at 99.9 %): one 1-hour outage breaches. Months are placed as
    // twelve equal slots of the year, so a month holds Poisson(λ / 12):
    //   99.9 %: λ = 8.76 → 1 200 × (1 − e^{−0.73});  99.8 %: λ = 17.52 → 1 200 × (1 − e^{−1.46}).
    let m = CostModel::new(Currency::USD)
        .with_calendar(Calendar::new(Conventions::new().with_month(MonthLength::Days30)))
        .with_driver(SlaCredits::new(dec!(1000), &[tier(dec!(99.9), dec!(10))]).unwrap());
    let s = TargetStudy::new(&m, &typical, &[pct(dec!(99.9)), pct(dec!(99.8))]).unwrap();
    assert_within_bound(&s.rows()[0], 1_200.0 * poisson_at_least(0.73, 1), "30-day month 99.9");
    assert_within_bound(&s.rows()[1], 1_200.0 * poisson_at_least(1.46, 1), "30-day month 99.8");
    assert_eq!(s.rows()[0].budget_per_month(), secs(2_592));
    // Quarterly billing, 3 000 a quarter, < 99.9 % → 10 % (300): a year/4 quarter allows 7 884 s,
    // breached by 3 outages (10 800 s; 2 are 7 200 s). Quarter count Poisson(λ / 4):
    //   99.9 %: 1 200 × P(N ≥ 3 | 2.19);  99.8 %: 1 200 × P(N ≥ 3 | 4.38).
    let q = sla_model(
        SlaCredits::new(dec!(3000), &[tier(dec!(99.9), dec!(10))])
            .unwrap()
            .with_period(BillingPeriod::Quarter),
    );
    let s = TargetStudy::new(&q, &typical, &[pct(dec!(99.9)), pct(dec!(99.8))]).unwrap();
    assert_within_bound(&s.rows()[0], 1_200.0 * poisson_at_least(2.19, 3), "quarter 99.9");
    assert_within_bound(&s.rows()[1], 1_200.0 * poisson_at_least(4.38, 3), "quarter 99.8");
    // Yearly billing, received: 12 000 a year, 10 % → −1 200 when the year's downtime passes
    // 31 536 s, i.e. N ≥ 9 one-hour outages; at 99.8 % N ~ Poisson(17.52).
    let y = sla_model(
        SlaCredits::new(dec!(12000), &[tier(dec!(99.9), dec!(10))])
            .unwrap()
            .with_period(BillingPeriod::Year)
            .with_direction(CreditDirection::Received),
    );
    let s = TargetStudy::new(&y, &typical, &[pct(dec!(99.8))]).unwrap();
    assert_within_bound(&s.rows()[0], -1_200.0 * poisson_at_least(17.52, 9), "yearly received");
}

#[test]
fn target_study_includes_extensions_and_all_drivers() {
    // Per typical 1 h full outage: sales 1 000; pager 1 started hour × 150; fine curve at 1 h = 0.
    let m = CostModel::new(Currency::USD)
        .with_driver(thousand_an_hour())
        .with_driver(CustomImpact::new("fine", &fine_curve()).unwrap())
        .with_extension(PagerFee { fee: dec!(150) });
    let typical = OutageAssumption::Typical(Outage::new(hours(1)));
    let s = TargetStudy::new(&m, &typical, &[pct(dec!(99.5))]).unwrap();
    // λ = 0.005 × 31 536 000 / 3 600 = 43.8: sales 43 800; fine 0; pager 43.8 × 150 = 6 570.
    let r = &s.rows()[0];
    assert_eq!(r.incidents_per_year(), dec!(43.8));
    let got: Vec<(DriverKind, Decimal)> = r.items().iter().map(|i| (i.kind(), i.amount())).collect();
    assert_eq!(
        got,
        [
            (DriverKind::LostSales, dec!(43800)),
            (DriverKind::Custom, dec!(0)),
            (DriverKind::Extension, dec!(6570))
        ]
    );
    assert_eq!(r.total(), dec!(50370));
}

#[test]
fn target_study_cheapest_and_step_savings() {
    // Sales 1 000/h lost, and a provider that pays us 5 000 a month when its (our) availability is
    // below 99.6 % (T > 10 512 s in a year/12 month: N ≥ 3 one-hour outages). Typical outage 1 h.
    //   99 %:   λ = 87.6, month 7.3:  87 600 − 60 000 × P(N ≥ 3 | 7.3)  = 87 600 − 58 583.0 ≈ 29 017
    //   99.5 %: λ = 43.8, month 3.65: 43 800 − 60 000 × P(N ≥ 3 | 3.65) = 43 800 − 42 361.2 ≈  1 439
    //   99.9 %: λ = 8.76, month 0.73:  8 760 − 60 000 × P(N ≥ 3 | 0.73) =  8 760 −  2 273.5 ≈  6 487
    let m = CostModel::new(Currency::USD).with_driver(thousand_an_hour()).with_driver(
        SlaCredits::new(dec!(5000), &[tier(dec!(99.6), dec!(100))])
            .unwrap()
            .with_direction(CreditDirection::Received),
    );
    let typical = OutageAssumption::Typical(Outage::new(hours(1)));
    let s = TargetStudy::new(&m, &typical, &[pct(dec!(99)), pct(dec!(99.5)), pct(dec!(99.9))]).unwrap();
    let want: Vec<f64> = [(87_600.0, 7.3), (43_800.0, 3.65), (8_760.0, 0.73)]
        .iter()
        .map(|(sales, month)| sales - 60_000.0 * poisson_at_least(*month, 3))
        .collect();
    for (row, w) in s.rows().iter().zip(&want) {
        assert_within_bound(row, *w, "cheapest");
    }
    assert_eq!(s.cheapest().unwrap().target(), pct(dec!(99.5)));
    // Savings of each step up are the differences of the totals.
    let steps = s.step_savings().unwrap();
    assert_eq!(steps, [s.rows()[0].total() - s.rows()[1].total(), s.rows()[1].total() - s.rows()[2].total()]);
    assert!(steps[0] > dec!(27000) && steps[1] < dec!(-5000), "{steps:?}");
}

#[test]
fn target_study_cheapest_first_on_ties_and_empty() {
    // Only a fine that is 0 for outages under 4 h: with 1 h outages every target costs 0, a tie,
    // and the first row wins.
    let m = CostModel::new(Currency::USD).with_driver(CustomImpact::new("fine", &fine_curve()).unwrap());
    let typical = OutageAssumption::Typical(Outage::new(hours(1)));
    let s = TargetStudy::new(&m, &typical, &[pct(dec!(99.95)), pct(dec!(99.9)), pct(dec!(99.99))]).unwrap();
    assert_eq!(s.cheapest().unwrap().target(), pct(dec!(99.95)));
    assert_eq!(s.step_savings().unwrap(), [dec!(0), dec!(0)]);
    // 100 %: no budget, λ = 0, nothing expected (a paid SLA too); it ties at 0, so the first row wins.
    let sla = sla_model(SlaCredits::new(dec!(1000), &[tier(dec!(99.9), dec!(10))]).unwrap());
    let p = TargetStudy::new(&sla, &typical, &[Availability::PERFECT]).unwrap();
    assert_eq!(p.rows()[0].incidents_per_year(), dec!(0));
    assert_eq!(p.rows()[0].budget_per_year(), Duration::ZERO);
    assert_eq!(p.rows()[0].total(), dec!(0));
    let p = TargetStudy::new(&m, &typical, &[pct(dec!(99.95)), Availability::PERFECT]).unwrap();
    assert_eq!(p.cheapest().unwrap().target(), pct(dec!(99.95)));
    // No targets: no cheapest row, no steps.
    let e = TargetStudy::new(&m, &typical, &[]).unwrap();
    assert!(e.cheapest().is_none());
    assert!(e.step_savings().unwrap().is_empty());
}

#[test]
fn target_study_three_and_a_half_nines() {
    // 3.5 nines: budget ≈ 9 972.558829 s a year (31 536 000 × 3.16227766016838e−4);
    // λ = budget / 3 600 ≈ 2.770155; lost sales λ × 1 000 ≈ 2 770.155. Inexact (f64 nines): λ to 1e−9,
    // money to 1e−6.
    let m = CostModel::new(Currency::USD).with_driver(thousand_an_hour());
    let typical = OutageAssumption::Typical(Outage::new(hours(1)));
    let a = Availability::from_nines(3.5).unwrap();
    let s = TargetStudy::new(&m, &typical, &[a]).unwrap();
    let budget = dec!(31536000) * dec!(0.0003162277660168379331998894);
    assert_close(s.rows()[0].incidents_per_year(), budget / dec!(3600), dec!(0.000000001), "λ");
    assert_close(s.rows()[0].total(), budget / dec!(3.6), dec!(0.000001), "sales");
}
