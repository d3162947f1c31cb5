//! Support cover: widening cover never lengthens an outage, and the exact
//! mean time to engage equals the average over every minute of the week.

use std::time::Duration;

use downtime_cost::{ClockTime, CoverHours, Coverage, Weekday};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A shift: a set of weekdays (bits), from and to on the half hour.
fn shift() -> impl Strategy<Value = CoverHours> {
    (1u8..128, 0u8..48, 1u8..48).prop_map(|(days, from, len)| {
        let days: Vec<Weekday> =
            (0..7).filter(|d| days & (1 << d) != 0).map(Weekday::from_days_from_monday).collect();
        let to = (from + len) % 48;
        let time = |half: u8| ClockTime::new(half / 2, (half % 2) * 30).unwrap();
        CoverHours::weekly(&days, time(from), time(to)).unwrap()
    })
}

fn minutes(max: u64) -> impl Strategy<Value = Duration> {
    (0..=max).prop_map(|m| Duration::from_secs(m * 60))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn widening_cover_never_lengthens_an_outage(
        a in shift(),
        b in shift(),
        detect in minutes(120),
        engage in minutes(120),
        on_call in minutes(240),
        repair in minutes(600),
        start in 0u64..(7 * 24 * 60),
    ) {
        let start = Duration::from_secs(start * 60 + 17);
        let narrow = Coverage::new(a.clone(), detect, engage).unwrap();
        let wide = Coverage::new(a.with(&b), detect, engage).unwrap();
        let always = Coverage::new(CoverHours::always(), detect, engage).unwrap();
        let d = |c: &Coverage| c.outage_duration(start, repair);
        // On-call never answers faster than the team inside cover.
        let on_call = on_call.max(engage);
        let with = |c: &Coverage| c.clone().with_on_call(on_call).unwrap();
        // More hours, on-call on top, and 24×7 each answer no later.
        prop_assert!(d(&wide) <= d(&narrow));
        prop_assert!(d(&with(&narrow)) <= d(&narrow));
        prop_assert!(d(&with(&wide)) <= d(&with(&narrow)));
        prop_assert!(d(&always) <= d(&with(&wide)));
        // 24×7: detection, engagement and repair, whatever the start.
        prop_assert_eq!(d(&always), detect + engage + repair);
        // The means order the same way.
        let m = |c: &Coverage| c.mean_time_to_engage_seconds().unwrap();
        prop_assert!(m(&Coverage::new(a.with(&b), detect, engage).unwrap()) <= m(&narrow));
    }

    #[test]
    fn the_exact_mean_is_the_average_over_the_week(
        a in shift(),
        detect in minutes(120),
        engage in minutes(120),
        on_call in proptest::option::of(minutes(240)),
    ) {
        // Shifts, detection and responses are whole minutes (half hours for the shifts), so
        // the time to engage is linear within each minute and the midpoint of every minute
        // gives the exact average.
        let mut c = Coverage::new(a, detect, engage).unwrap();
        if let Some(o) = on_call {
            c = c.with_on_call(o.max(engage)).unwrap();
        }
        let n: u64 = 7 * 24 * 60;
        let total: u128 = (0..n).map(|m| c.time_to_engage(Duration::from_secs(m * 60 + 30)).as_millis()).sum();
        let average = Decimal::from(total) / Decimal::from(u128::from(n) * 1000);
        let exact = c.mean_time_to_engage_seconds().unwrap();
        prop_assert!((average - exact).abs() < Decimal::new(1, 3), "{} {}", average, exact);
    }
}

#[test]
fn on_call_never_answers_faster_than_the_team_in_hours() {
    let min = |m: u64| Duration::from_secs(m * 60);
    let office = Coverage::new(CoverHours::business_hours(), min(10), min(15)).unwrap();
    let e = office.clone().with_on_call(min(14)).unwrap_err();
    assert_eq!(e.field(), Some("on_call"), "{e}");
    assert!(office.with_on_call(min(15)).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// The mean over the calendar's year (whole weeks and a remainder) is
    /// exact: it equals the average over the midpoint of every minute of
    /// the year, from the year's first weekday.
    #[test]
    fn the_exact_year_mean_is_the_average_over_the_year(
        a in shift(),
        detect in minutes(120),
        engage in minutes(120),
        on_call in proptest::option::of(minutes(240)),
        first in 0u8..7,
        julian in any::<bool>(),
    ) {
        use downtime_cost::{Calendar, Conventions, YearLength};
        let mut c = Coverage::new(a, detect, engage).unwrap();
        if let Some(o) = on_call {
            c = c.with_on_call(o.max(engage)).unwrap();
        }
        let year = if julian { YearLength::Julian } else { YearLength::Days365 };
        let calendar = Calendar::new(Conventions::new().with_year(year))
            .with_year_starts_on(Weekday::from_days_from_monday(first))
            .unwrap();
        // 365.25 days is 525 960 whole minutes.
        let n: u64 = if julian { 525_960 } else { 525_600 };
        let offset = u64::from(first) * 86_400;
        let total: u128 = (0..n)
            .map(|m| c.time_to_engage(Duration::from_secs(offset + m * 60 + 30)).as_millis())
            .sum();
        let average = Decimal::from(total) / Decimal::from(u128::from(n) * 1000);
        let exact = c.mean_time_to_engage_in(&calendar).unwrap();
        prop_assert!((average - exact).abs() < Decimal::new(1, 3), "{} {}", average, exact);
    }
}
