//! Helpers shared by the test modules.

use downtime_cost::{Analysis, Report, Result, Scenario};

/// The report of `scenario`: analysed once, rounded once.
pub(crate) fn evaluate(scenario: &Scenario) -> Result<Report> {
    Report::new(&Analysis::new(scenario)?)
}

/// A proptest strategy for covered hours: a shift on the half hour over a
/// set of weekdays (bits), from and to on the half hour.
pub(crate) fn cover_shift() -> impl proptest::strategy::Strategy<Value = downtime_cost::CoverHours> {
    use proptest::strategy::Strategy as _;
    (1u8..128, 0u8..48, 1u8..48).prop_map(|(days, from, len)| {
        let days: Vec<downtime_cost::Weekday> = (0..7)
            .filter(|d| days & (1 << d) != 0)
            .map(downtime_cost::Weekday::from_days_from_monday)
            .collect();
        let to = (from + len) % 48;
        let time = |half: u8| downtime_cost::ClockTime::new(half / 2, (half % 2) * 30).unwrap();
        downtime_cost::CoverHours::weekly(&days, time(from), time(to)).unwrap()
    })
}
