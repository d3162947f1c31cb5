//! Support cover: widening cover never lengthens an outage, and the exact
//! mean time to engage equals the average over every minute of the week.

use std::time::Duration;

use downtime_cost::{ClockTime, CoverHours, Coverage, Weekday};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn shift() -> impl Strategy<Value = CoverHours> {
    crate::support::cover_shift()
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// The exact late share over the calendar's year equals the share of
    /// minute midpoints whose response misses the promise, for unions of
    /// shifts, with and without on-call.
    #[test]
    fn the_exact_late_share_is_the_share_of_late_minutes(
        a in shift(),
        b in shift(),
        detect in minutes(60),
        engage in minutes(60),
        on_call in proptest::option::of(minutes(120)),
        within in 1u64..120,
        first in 0u8..7,
    ) {
        use downtime_cost::{Calendar, Conventions, DurationDistribution, ResponseSla, SupportOption};
        let mut c = Coverage::new(a.with(&b), detect, engage).unwrap();
        if let Some(o) = on_call {
            c = c.with_on_call(o.max(engage)).unwrap();
        }
        let sla = ResponseSla::new(Duration::from_secs(within * 60), Decimal::ONE).unwrap();
        let option = SupportOption::new("o", c, DurationDistribution::fixed(Duration::from_secs(60)), Decimal::ZERO)
            .unwrap()
            .with_response_sla(sla);
        let calendar = Calendar::new(Conventions::new()).with_year_starts_on(Weekday::from_days_from_monday(first)).unwrap();
        let n: u64 = 525_600;
        let offset = u64::from(first) * 86_400;
        let late = (0..n).filter(|m| !option.credit_received(Duration::from_secs(offset + m * 60 + 30)).is_zero()).count();
        let share = Decimal::from(late) / Decimal::from(n);
        let exact = option.late_share_in(&calendar).unwrap();
        prop_assert!((share - exact).abs() < Decimal::new(1, 9), "{} {}", share, exact);
        // Over a whole week the same.
        let week: u64 = 10_080;
        let late = (0..week).filter(|m| !option.credit_received(Duration::from_secs(m * 60 + 30)).is_zero()).count();
        prop_assert_eq!(Decimal::from(late) / Decimal::from(week), option.late_share().unwrap());
    }

    /// Covered hours, unions included, write a form that reads back to the
    /// same hours and writes the same text again.
    #[test]
    fn cover_hours_read_back_as_written(a in shift(), b in shift(), c in shift(), named in 0u8..3) {
        let base = match named {
            0 => CoverHours::business_hours(),
            1 => a.clone(),
            _ => CoverHours::always(),
        };
        for hours in [a.clone(), base.with(&b), a.with(&b).with(&c), CoverHours::business_hours().with(&c)] {
            let json = serde_json::to_string(&hours).unwrap();
            let back: CoverHours = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&back, &hours, "{}", json);
            prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
        }
    }
}

#[test]
fn a_union_of_every_minute_reads_back() {
    // 5 040 separate minutes (every other minute of the week): one shift per distinct time of
    // day, 720 shifts, within the 10 080 a scenario reads.
    let mut hours =
        CoverHours::weekly(&[Weekday::Monday], ClockTime::new(0, 0).unwrap(), ClockTime::new(0, 1).unwrap())
            .unwrap();
    let clock =
        |m: u16| ClockTime::new(u8::try_from(m / 60).unwrap(), u8::try_from(m % 60).unwrap()).unwrap();
    for m in (2..1440u16).step_by(2) {
        let (from, to) = (clock(m), clock(m + 1));
        let all = [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
            Weekday::Saturday,
            Weekday::Sunday,
        ];
        hours = hours.with(&CoverHours::weekly(&all, from, to).unwrap());
    }
    let json = serde_json::to_string(&hours).unwrap();
    let back: CoverHours = serde_json::from_str(&json).unwrap();
    assert_eq!(back, hours);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&json).unwrap().as_array().unwrap().len(), 720);
    // Named forms.
    assert_eq!(serde_json::to_string(&CoverHours::always()).unwrap(), "\"24x7\"");
    assert_eq!(
        serde_json::from_str::<CoverHours>("\"business_hours\"").unwrap(),
        CoverHours::business_hours()
    );
    let e = serde_json::from_str::<CoverHours>("\"weekdays\"").unwrap_err().to_string();
    assert!(e.contains("24x7"), "{e}");
}
