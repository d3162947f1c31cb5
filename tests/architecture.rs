//! Architecture availability: hand-worked series, parallel, k-of-n and frequency-and-duration
//! figures, properties, bad input and the JSON form.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "tests")]

use std::time::Duration;

use downtime_cost::{
    Architecture, ArchitectureSummary, Availability, Component, Conventions, Error, YearLength,
};
use proptest::collection::vec;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::dec;
use rust_decimal::prelude::ToPrimitive;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const HOUR: u64 = 3_600;
/// A 365-day year in seconds.
const YEAR: Decimal = dec!(31_536_000);

/// A component given by its availability (a fraction).
fn av(name: &str, fraction: Decimal) -> Architecture {
    Component::with_availability(name, Availability::from_fraction(fraction).unwrap()).unwrap().into()
}

/// A component given by MTBF and MTTR in hours.
fn times(name: &str, mtbf_h: u64, mttr_h: u64) -> Architecture {
    Component::with_mtbf_mttr(name, Duration::from_secs(mtbf_h * HOUR), Duration::from_secs(mttr_h * HOUR))
        .unwrap()
        .into()
}

fn a(x: &Architecture) -> Decimal {
    x.availability().unwrap().fraction()
}

fn series(m: Vec<Architecture>) -> Architecture {
    Architecture::series(m).unwrap()
}

fn parallel(m: Vec<Architecture>) -> Architecture {
    Architecture::parallel(m).unwrap()
}

fn k_of_n(k: usize, m: Vec<Architecture>) -> Architecture {
    Architecture::k_of_n(k, m).unwrap()
}

fn field(e: &Error) -> &str {
    e.field().unwrap_or("")
}

fn assert_close(actual: Duration, expected_secs: Decimal) {
    let got = downtime_cost::duration::seconds(actual);
    assert!((got - expected_secs).abs() <= dec!(0.000001), "got {got} s, expected {expected_secs} s");
}

// ---------------------------------------------------------------------------
// Availability by hand
// ---------------------------------------------------------------------------

#[test]
fn two_99_percent_in_parallel_are_99_99_percent() {
    // 1 − (1 − 0.99)² = 1 − 0.0001 = 0.9999.
    let x = parallel(vec![av("a", dec!(0.99)), av("b", dec!(0.99))]);
    assert_eq!(a(&x), dec!(0.9999));
    assert_eq!(x.availability().unwrap().to_string(), "99.99%");
}

#[test]
fn three_99_9_percent_in_series() {
    // 0.999³ = 0.998001 × 0.999 = 0.997002999 (99.7003 % to four places).
    let x = series(vec![av("a", dec!(0.999)), av("b", dec!(0.999)), av("c", dec!(0.999))]);
    assert_eq!(a(&x), dec!(0.997002999));
    assert_eq!(x.availability().unwrap().percent().round_dp(4), dec!(99.7003));
}

#[test]
fn two_of_three_at_99_percent() {
    // P(3 up) + P(exactly 2 up) = 0.99³ + 3 × 0.99² × 0.01 = 0.970299 + 0.029403 = 0.999702.
    let x = k_of_n(2, vec![av("a", dec!(0.99)), av("b", dec!(0.99)), av("c", dec!(0.99))]);
    assert_eq!(a(&x), dec!(0.999702));
}

#[test]
fn nested_series_of_parallel() {
    // parallel(0.9, 0.8) = 1 − 0.1 × 0.2 = 0.98; in series with 0.95: 0.98 × 0.95 = 0.931.
    let x = series(vec![parallel(vec![av("a", dec!(0.9)), av("b", dec!(0.8))]), av("c", dec!(0.95))]);
    assert_eq!(a(&x), dec!(0.931));
    // parallel(series(0.9, 0.8), 0.95): series 0.72, U = 0.28; 1 − 0.28 × 0.05 = 1 − 0.014 = 0.986.
    let y = parallel(vec![series(vec![av("a", dec!(0.9)), av("b", dec!(0.8))]), av("c", dec!(0.95))]);
    assert_eq!(a(&y), dec!(0.986));
    let names: Vec<&str> = y.components().iter().map(|c| c.name()).collect();
    assert_eq!(names, ["a", "b", "c"]);
}

#[test]
fn k_of_n_limits_are_series_and_parallel() {
    let m = || vec![av("a", dec!(0.9)), av("b", dec!(0.8)), av("c", dec!(0.7))];
    // 3-of-3 = series: 0.9 × 0.8 × 0.7 = 0.504.
    assert_eq!(a(&k_of_n(3, m())), dec!(0.504));
    assert_eq!(a(&series(m())), dec!(0.504));
    // 1-of-3 = parallel: 1 − 0.1 × 0.2 × 0.3 = 1 − 0.006 = 0.994.
    assert_eq!(a(&k_of_n(1, m())), dec!(0.994));
    assert_eq!(a(&parallel(m())), dec!(0.994));
    // With MTBF/MTTR members the whole summary agrees too.
    let t = || vec![times("a", 99, 1), times("b", 495, 5), times("c", 999, 1)];
    let c = Conventions::new();
    assert_eq!(k_of_n(3, t()).summary(&c).unwrap(), series(t()).summary(&c).unwrap());
    assert_eq!(k_of_n(1, t()).summary(&c).unwrap(), parallel(t()).summary(&c).unwrap());
}

#[test]
fn non_identical_k_of_n() {
    // 2 of {0.9, 0.8, 0.7}: all up 0.9 × 0.8 × 0.7 = 0.504;
    // exactly two: 0.9 × 0.8 × 0.3 + 0.9 × 0.2 × 0.7 + 0.1 × 0.8 × 0.7 = 0.216 + 0.126 + 0.056 = 0.398;
    // total 0.902.
    let x = k_of_n(2, vec![av("a", dec!(0.9)), av("b", dec!(0.8)), av("c", dec!(0.7))]);
    assert_eq!(a(&x), dec!(0.902));
    // 3 of {0.9, 0.9, 0.8, 0.5}: all four 0.9 × 0.9 × 0.8 × 0.5 = 0.324; exactly three (one down):
    // a down 0.1 × 0.9 × 0.8 × 0.5 = 0.036, b down 0.036, c down 0.81 × 0.2 × 0.5 = 0.081,
    // d down 0.648 × 0.5 = 0.324; total 0.324 + 0.036 + 0.036 + 0.081 + 0.324 = 0.801.
    let y = k_of_n(3, vec![av("a", dec!(0.9)), av("b", dec!(0.9)), av("c", dec!(0.8)), av("d", dec!(0.5))]);
    assert_eq!(a(&y), dec!(0.801));
}

#[test]
fn javadeveloper_multi_az_is_parallel_not_series() {
    // javadeveloper.io multiplied two 99.5 % AZs (.995 × .995 = .990025, "99 %"): series maths.
    // Redundant AZs are parallel: 1 − 0.005² = 1 − 0.000025 = 0.999975 = 99.9975 %.
    let x = parallel(vec![av("az1", dec!(0.995)), av("az2", dec!(0.995))]);
    assert_eq!(a(&x), dec!(0.999975));
    assert_ne!(a(&x), dec!(0.990025));
    assert_eq!(a(&series(vec![av("az1", dec!(0.995)), av("az2", dec!(0.995))])), dec!(0.990025));
}

// ---------------------------------------------------------------------------
// MTBF / MTTR, frequency and duration
// ---------------------------------------------------------------------------

#[test]
fn mtbf_mttr_availability() {
    // 1000 h / (1000 h + 10 h) = 1000/1010 = 0.990099…
    let c = Component::with_mtbf_mttr("db", Duration::from_secs(1000 * HOUR), Duration::from_secs(10 * HOUR))
        .unwrap();
    assert_eq!(c.availability().fraction(), dec!(1000) / dec!(1010));
    assert_eq!(c.availability().fraction().round_dp(6), dec!(0.990099));
    assert_eq!(
        (c.name(), c.mtbf(), c.mttr()),
        ("db", Some(Duration::from_secs(3_600_000)), Some(Duration::from_secs(36_000)))
    );
    let b = Component::with_availability("cdn", Availability::from_percent(dec!(99.9)).unwrap()).unwrap();
    assert_eq!((b.mtbf(), b.mttr()), (None, None));
}

#[test]
fn single_component_frequency_and_restore_time() {
    // incidents a year = year / (MTBF + MTTR) = 8 760 h / 1 010 h = 8.6732673267…;
    // MTTR_sys = U / f = (10/1010) × 8 760 h / (8 760/1010) = 10 h.
    let s = times("db", 1000, 10).summary(&Conventions::new()).unwrap();
    assert_eq!(s.incidents_per_year(), Some(dec!(8760) / dec!(1010)));
    assert_eq!(s.mean_time_to_restore(), Some(Duration::from_secs(10 * HOUR)));
    // downtime = 10/1010 × 31 536 000 s = 312 237.62376… s (86.7 h).
    assert_close(s.downtime_per_year(), dec!(10) / dec!(1010) * YEAR);
}

#[test]
fn series_of_two_frequency_by_hand() {
    // a: 495 h / 5 h → A = 0.99, f = 8 760 / 500 = 17.52 a year;
    // b: 999 h / 1 h → A = 0.999, f = 8 760 / 1 000 = 8.76 a year.
    // Series: A = 0.99 × 0.999 = 0.98901; f = f_a × A_b + f_b × A_a = 17.52 × 0.999 + 8.76 × 0.99
    //   = 17.50248 + 8.6724 = 26.17488 a year;
    // MTTR_sys = U / f = 0.01099 × 8 760 h / 26.17488 = 96.2724 h / 26.17488 ≈ 3.67805 h
    // (a little above the failure-weighted mean of the MTTRs, 96.1848 / 26.17488 ≈ 3.675 h,
    // since the two can be down together).
    let s = series(vec![times("a", 495, 5), times("b", 999, 1)]).summary(&Conventions::new()).unwrap();
    assert_eq!(s.availability().fraction(), dec!(0.98901));
    assert_eq!(s.incidents_per_year(), Some(dec!(26.17488)));
    assert_close(s.mean_time_to_restore().unwrap(), dec!(0.01099) * YEAR / dec!(26.17488));
    let h = s.mean_time_to_restore().unwrap().as_secs_f64() / 3600.0;
    assert!((h - 3.678_05).abs() < 1e-5, "{h}");
    // downtime 0.01099 × 31 536 000 = 346 580.64 s.
    assert_eq!(s.downtime_per_year(), Duration::from_millis(346_580_640));
}

#[test]
fn parallel_of_two_identical_halves_restore_time() {
    // Each 99 h / 1 h: A = 0.99, U = 0.01, f₁ = 8 760 / 100 = 87.6 a year.
    // Parallel: U = 0.0001; f = 2 f₁ U₁ = 2 × 87.6 × 0.01 = 1.752 a year;
    // MTTR_sys = U² / (2 f₁ U₁) = 0.0001 × 8 760 h / 1.752 = 0.876 / 1.752 = 0.5 h = MTTR / 2.
    let s = parallel(vec![times("a", 99, 1), times("b", 99, 1)]).summary(&Conventions::new()).unwrap();
    assert_eq!(s.availability().fraction(), dec!(0.9999));
    assert_eq!(s.incidents_per_year(), Some(dec!(1.752)));
    assert_eq!(s.mean_time_to_restore(), Some(Duration::from_secs(1800)));
    // downtime 0.0001 × 31 536 000 = 3 153.6 s.
    assert_eq!(s.downtime_per_year(), Duration::from_millis(3_153_600));
}

#[test]
fn two_of_three_frequency_by_hand() {
    // Each 99 h / 1 h: A = 0.99, U = 0.01, f₁ = 87.6. Bᵢ = P(exactly 1 of the other two up) = 2 A U
    // = 0.0198; f = 3 × 87.6 × 0.0198 = 5.20344 a year. U_sys = 1 − 0.999702 = 0.000298;
    // MTTR_sys = 0.000298 × 8 760 h / 5.20344 = 2.61048 / 5.20344 h ≈ 0.50168 h (30 min 6 s).
    let s = k_of_n(2, vec![times("a", 99, 1), times("b", 99, 1), times("c", 99, 1)])
        .summary(&Conventions::new())
        .unwrap();
    assert_eq!(s.availability().fraction(), dec!(0.999702));
    assert_eq!(s.incidents_per_year(), Some(dec!(5.20344)));
    assert_close(s.mean_time_to_restore().unwrap(), dec!(0.000298) * YEAR / dec!(5.20344));
}

#[test]
fn year_length_scales_frequency_not_availability() {
    // Julian year 31 557 600 s = 8 766 h: f = 8 766 / 100 = 87.66 a year for 99 h / 1 h.
    let c = Conventions::new().with_year(YearLength::Julian);
    let s = times("a", 99, 1).summary(&c).unwrap();
    assert_eq!(s.incidents_per_year(), Some(dec!(87.66)));
    assert_eq!(s.mean_time_to_restore(), Some(Duration::from_secs(HOUR)));
    assert_eq!(s.availability().fraction(), dec!(0.99));
}

#[test]
fn outage_process_reproduces_the_downtime() {
    // λ × E[D] = f × (U / f) = U × year, e.g. 0.01099 × 8 760 h = 96.2724 h for the series above.
    let designs = [
        series(vec![times("a", 495, 5), times("b", 999, 1)]),
        parallel(vec![times("a", 99, 1), times("b", 99, 1)]),
        series(vec![
            times("lb", 9999, 1),
            parallel(vec![
                series(vec![times("app", 999, 1), times("db", 1996, 4)]),
                k_of_n(2, vec![times("x", 500, 2), times("y", 700, 3), times("z", 900, 8)]),
            ]),
        ]),
    ];
    for c in [Conventions::new(), Conventions::new().with_year(YearLength::Gregorian)] {
        let year_hours = c.seconds(downtime_cost::Period::Year).unwrap().to_f64().unwrap() / 3600.0;
        for x in &designs {
            let p = x.outage_process(&c).unwrap();
            let u = x.availability().unwrap().unavailability().to_f64().unwrap();
            let expected = u * year_hours;
            let got = p.expected_weighted_downtime_hours();
            assert!(((got - expected) / expected).abs() < 1e-9, "{got} vs {expected}");
            let s = x.summary(&c).unwrap();
            let rate = s.incidents_per_year().unwrap().to_f64().unwrap();
            assert!((p.frequency().mean_per_year() - rate).abs() < 1e-12 * rate);
            assert_eq!(p.duration().mean(), s.mean_time_to_restore().unwrap());
            assert!((p.severity().mean() - 1.0).abs() < 1e-15);
        }
    }
}

#[test]
fn frequency_needs_mtbf_of_every_critical_component() {
    let x = series(vec![times("app", 999, 1), parallel(vec![times("a", 99, 1), av("db", dec!(0.999))])]);
    // The availability is known, the frequency is not.
    let s = x.summary(&Conventions::new()).unwrap();
    assert_eq!(s.incidents_per_year(), None);
    assert_eq!(s.mean_time_to_restore(), None);
    // 0.999 × (1 − 0.01 × 0.001) = 0.999 × 0.99999 = 0.99899001.
    assert_eq!(s.availability().fraction(), dec!(0.99899001));
    let e = x.outage_process(&Conventions::new()).unwrap_err();
    assert_eq!(field(&e), "series[1].parallel[1].component");
    assert!(e.to_string().contains("\"db\""), "{e}");
    assert!(e.to_string().contains("mtbf and mttr"), "{e}");
}

#[test]
fn a_perfect_component_never_fails() {
    // A 100 % component given by availability has frequency 0, and makes its redundant partner
    // irrelevant (B = U_perfect = 0), so the partner needs no MTBF.
    let conv = Conventions::new();
    let x = parallel(vec![av("cache", dec!(0.99)), av("dns", Decimal::ONE)]);
    let s = x.summary(&conv).unwrap();
    assert_eq!(s.availability(), Availability::PERFECT);
    assert_eq!(s.incidents_per_year(), Some(Decimal::ZERO));
    assert_eq!((s.mean_time_to_restore(), s.downtime_per_year()), (None, Duration::ZERO));
    let process = x.outage_process(&conv).unwrap();
    assert!(process.expected_weighted_downtime_hours().abs() < 1e-15);
    // In series it changes nothing: f = 87.6 × 1 + 0 × 0.99.
    let y = series(vec![times("a", 99, 1), av("dns", Decimal::ONE)]);
    assert_eq!(y.summary(&conv).unwrap().incidents_per_year(), Some(dec!(87.6)));
}

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

#[test]
fn constructors_reject_bad_input() {
    let m = || vec![av("a", dec!(0.9)), av("b", dec!(0.9)), av("c", dec!(0.9))];
    let e = Architecture::k_of_n(4, m()).unwrap_err();
    assert_eq!(e.to_string(), "k must be between 1 and the number of members, got 4");
    assert_eq!(field(&Architecture::k_of_n(0, m()).unwrap_err()), "k");
    for (e, name) in [
        (Architecture::series(vec![]).unwrap_err(), "series"),
        (Architecture::parallel(vec![]).unwrap_err(), "parallel"),
        (Architecture::k_of_n(1, vec![]).unwrap_err(), "k_of_n"),
    ] {
        assert_eq!(e.to_string(), format!("{name} must have at least one member, got []"));
    }
    let too_many = (0..=Architecture::MAX_K_OF_N_MEMBERS).map(|_| av("x", dec!(0.9))).collect();
    assert_eq!(field(&Architecture::k_of_n(1, too_many).unwrap_err()), "k_of_n");

    let h = Duration::from_secs(HOUR);
    let e = Component::with_mtbf_mttr("db", Duration::ZERO, h).unwrap_err();
    assert_eq!(e.to_string(), "mtbf must be above zero, got 0s");
    let e = Component::with_mtbf_mttr("db", h, Duration::ZERO).unwrap_err();
    assert_eq!(e.to_string(), "mttr must be above zero, got 0s");
    assert_eq!(field(&Component::with_mtbf_mttr(" ", h, h).unwrap_err()), "name");
    assert_eq!(field(&Component::with_availability("", Availability::PERFECT).unwrap_err()), "name");
}

#[test]
fn nesting_is_capped() {
    // MAX_DEPTH levels (a component is level 1) are fine; one more is refused.
    let mut x = av("leaf", dec!(0.99));
    for _ in 1..Architecture::MAX_DEPTH {
        x = series(vec![x]);
    }
    assert_eq!(a(&x), dec!(0.99));
    let e = Architecture::parallel(vec![x]).unwrap_err();
    assert_eq!(field(&e), "depth");
    assert_eq!(
        e.to_string(),
        "depth must be at most 32 levels, a component alone being 1 and each group around it 1 more, got 33"
    );
}

fn nested_json(levels: usize) -> String {
    let leaf = r#"{"component": {"name": "x", "availability": 99}}"#;
    format!("{}{leaf}{}", r#"{"parallel": ["#.repeat(levels), "]}".repeat(levels))
}

#[test]
fn deep_json_is_refused_before_it_is_read() {
    // 31 groups around a component: depth 32, accepted.
    let ok: Architecture = serde_json::from_str(&nested_json(31)).unwrap();
    assert_eq!(a(&ok), dec!(0.99));
    for levels in [32, 40, 5_000] {
        let e = serde_json::from_str::<Architecture>(&nested_json(levels)).unwrap_err();
        assert!(e.to_string().contains("depth must be at most 32"), "{levels}: {e}");
        // Reading stops at the first level too deep: 32 groups around a component is level 33.
        assert!(e.to_string().contains("got 33 or more"), "{levels}: {e}");
    }
    // A deserializer without a recursion limit of its own is stopped too.
    let mut v = serde_json::json!({"component": {"name": "x", "availability": 99}});
    for _ in 0..1_000 {
        v = serde_json::json!({ "series": [v] });
    }
    let e = serde_json::from_value::<Architecture>(v).unwrap_err();
    assert!(e.to_string().contains("depth must be at most 32"), "{e}");
    // The depth count is per read: a valid document still reads afterwards.
    assert!(serde_json::from_str::<Architecture>(&nested_json(31)).is_ok());
}

#[test]
fn bad_json_names_the_field() {
    let err = |json: &str| serde_json::from_str::<Architecture>(json).unwrap_err().to_string();
    let leaf = r#"{"component": {"name": "a", "availability": 99}}"#;
    assert!(
        err(&format!(r#"{{"k_of_n": {{"k": 3, "of": [{leaf}, {leaf}]}}}}"#))
            .contains("k must be between 1 and the number of members, got 3")
    );
    assert!(err(&format!(r#"{{"k_of_n": {{"k": 0, "of": [{leaf}]}}}}"#)).contains("k must be between"));
    assert!(err(r#"{"series": []}"#).contains("series must have at least one member"));
    assert!(err(r#"{"parallel": []}"#).contains("parallel must have at least one member"));
    assert!(err(r#"{"k_of_n": {"k": 1, "of": []}}"#).contains("k_of_n must have at least one member"));
    // Unknown fields, at every level.
    assert!(err(r#"{"component": {"name": "a", "availability": 99, "colour": "red"}}"#).contains("colour"));
    assert!(err(&format!(r#"{{"k_of_n": {{"k": 1, "of": [{leaf}], "m": 2}}}}"#)).contains("`m`"));
    assert!(err(r#"{"serial": []}"#).contains("serial"));
    // Component forms.
    assert!(
        err(r#"{"component": {"name": "a", "mtbf": "0s", "mttr": "1h"}}"#)
            .contains("mtbf must be above zero")
    );
    assert!(
        err(r#"{"component": {"name": "a", "mtbf": "10h", "mttr": 0}}"#).contains("mttr must be above zero")
    );
    assert!(err(r#"{"component": {"name": "a", "mtbf": "10h"}}"#).contains("mttr must be given with mtbf"));
    assert!(
        err(r#"{"component": {"name": "a", "availability": 99, "mtbf": "10h", "mttr": "1h"}}"#)
            .contains("availability must not be given with mtbf or mttr")
    );
    assert!(err(r#"{"component": {"name": "a"}}"#).contains("availability must be given"));
    assert!(err(r#"{"component": {"name": "a", "availability": 101}}"#).contains("at most 100%"));
    assert!(err(r#"{"component": {"name": "a", "mtbf": "ten hours", "mttr": "1h"}}"#).contains("ten hours"));
    assert!(err(r#"{"component": {"availability": 99}}"#).contains("name"));
    // With serde_path_to_error the path leads to the bad member.
    let json = format!(
        r#"{{"series": [{leaf}, {{"parallel": [{leaf}, {{"component": {{"name": "b", "mtbf": "-1h", "mttr": "1h"}}}}]}}]}}"#
    );
    let de = &mut serde_json::Deserializer::from_str(&json);
    let e = serde_path_to_error::deserialize::<_, Architecture>(de).unwrap_err();
    assert_eq!(e.path().to_string(), "series[1].parallel[1].component.mtbf");
}

// ---------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------

#[test]
fn json_shape_and_round_trip() {
    let x = series(vec![
        times("lb", 9999, 1),
        k_of_n(2, vec![av("a", dec!(0.999)), av("b", dec!(0.995)), times("c", 1000, 10)]),
    ]);
    let json = serde_json::to_value(&x).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"series": [
            {"component": {"name": "lb", "mtbf": "416d15h", "mttr": "1h"}},
            {"k_of_n": {"k": 2, "of": [
                {"component": {"name": "a", "availability": "99.9"}},
                {"component": {"name": "b", "availability": "99.5"}},
                {"component": {"name": "c", "mtbf": "41d16h", "mttr": "10h"}},
            ]}},
        ]})
    );
    let back: Architecture = serde_json::from_value(json).unwrap();
    assert_eq!(back, x);
    // The documented input forms.
    let read: Architecture = serde_json::from_str(
        r#"{"parallel": [{"component": {"name": "db", "availability": "99.9"}},
                         {"component": {"name": "db2", "mtbf": "1000h", "mttr": 36000}}]}"#,
    )
    .unwrap();
    assert_eq!(read, parallel(vec![av("db", dec!(0.999)), times("db2", 1000, 10)]));
}

#[test]
fn summary_serialises_as_strings() {
    let s = parallel(vec![times("a", 99, 1), times("b", 99, 1)]).summary(&Conventions::new()).unwrap();
    assert_eq!(
        serde_json::to_value(&s).unwrap(),
        // 30m = 1 800 s; 52m33.6s = 3 120 + 33.6 = 3 153.6 s.
        serde_json::json!({"availability": "99.99", "incidents_per_year": "1.752",
            "mean_time_to_restore": "30m", "mean_time_to_restore_seconds": "1800",
            "downtime_per_year": "52m33.6s", "downtime_per_year_seconds": "3153.6"})
    );
    let back: ArchitectureSummary = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
    assert_eq!(back, s);
    // The two forms of a duration must agree.
    let mut damaged = serde_json::to_value(&s).unwrap();
    damaged["downtime_per_year_seconds"] = serde_json::json!("3153.7");
    let err = serde_json::from_value::<ArchitectureSummary>(damaged).unwrap_err().to_string();
    assert!(err.contains("downtime_per_year_seconds"), "{err}");
    let mut damaged = serde_json::to_value(&s).unwrap();
    damaged["mean_time_to_restore_seconds"] = serde_json::Value::Null;
    assert!(serde_json::from_value::<ArchitectureSummary>(damaged).is_err());
    let s = av("a", dec!(0.99)).summary(&Conventions::new()).unwrap();
    assert_eq!(
        serde_json::to_value(&s).unwrap(),
        // 1 % of 365 days = 3.65 d = 315 360 s.
        serde_json::json!({"availability": "99", "incidents_per_year": null,
            "mean_time_to_restore": null, "mean_time_to_restore_seconds": null,
            "downtime_per_year": "3d15h36m", "downtime_per_year_seconds": "315360"})
    );
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

/// A mirror of the design, for brute-force checks by enumeration.
#[derive(Debug, Clone)]
enum Tree {
    Leaf(LeafSpec),
    Series(Vec<Tree>),
    Parallel(Vec<Tree>),
    KOfN(usize, Vec<Tree>),
}

/// Availability in ten-thousandths, or MTBF and MTTR in minutes.
#[derive(Debug, Clone, Copy)]
enum LeafSpec {
    Availability(u16),
    Times(u32, u32),
}

/// What enumeration over all leaf states gives.
struct BruteForce {
    availability: f64,
    /// Σᵢ fᵢ Bᵢ, or `None` when a leaf without a frequency is critical.
    frequency: Option<f64>,
    /// Σᵢ fᵢ over the leaves with a frequency (the scale of rounding errors).
    scale: f64,
    /// Whether a leaf without a frequency has a Birnbaum importance so small that
    /// 28-decimal arithmetic may round it to zero (or not).
    ambiguous: bool,
}

impl Tree {
    fn build(&self) -> Architecture {
        match self {
            Tree::Leaf(LeafSpec::Availability(n)) => av("x", Decimal::new(i64::from(*n), 4)),
            Tree::Leaf(LeafSpec::Times(b, r)) => Component::with_mtbf_mttr(
                "x",
                Duration::from_secs(u64::from(*b) * 60),
                Duration::from_secs(u64::from(*r) * 60),
            )
            .unwrap()
            .into(),
            Tree::Series(m) => series(m.iter().map(Tree::build).collect()),
            Tree::Parallel(m) => parallel(m.iter().map(Tree::build).collect()),
            Tree::KOfN(k, m) => k_of_n(*k, m.iter().map(Tree::build).collect()),
        }
    }

    /// (availability, failures a 365-day year) of each leaf, depth first.
    fn leaves(&self, out: &mut Vec<(f64, Option<f64>)>) {
        match self {
            Tree::Leaf(LeafSpec::Availability(n)) => {
                // A 100 % component never fails; others have no known frequency.
                out.push((f64::from(*n) / 1e4, (*n == 10_000).then_some(0.0)));
            }
            Tree::Leaf(LeafSpec::Times(b, r)) => {
                let cycle = f64::from(*b) + f64::from(*r);
                out.push((f64::from(*b) / cycle, Some(525_600.0 / cycle)));
            }
            Tree::Series(m) | Tree::Parallel(m) | Tree::KOfN(_, m) => m.iter().for_each(|t| t.leaves(out)),
        }
    }

    /// Whether the system is up given the leaves' states (consumed in order).
    fn up(&self, states: &mut dyn Iterator<Item = bool>) -> bool {
        let members = |m: &[Tree], states: &mut dyn Iterator<Item = bool>| -> Vec<bool> {
            let mut out = Vec::new();
            for t in m {
                out.push(t.up(states));
            }
            out
        };
        match self {
            Tree::Leaf(_) => states.next().unwrap(),
            Tree::Series(m) => members(m, states).iter().all(|&x| x),
            Tree::Parallel(m) => members(m, states).iter().any(|&x| x),
            Tree::KOfN(k, m) => members(m, states).iter().filter(|&&x| x).count() >= *k,
        }
    }

    /// Availability and Σᵢ fᵢ Bᵢ over the leaves, by enumerating all 2^L leaf states.
    fn brute_force(&self) -> BruteForce {
        let mut leaves = Vec::new();
        self.leaves(&mut leaves);
        let n = leaves.len();
        let bit = |mask: u32, i: usize| (mask >> i) & 1 == 1;
        let prob = |mask: u32, skip: usize| -> f64 {
            (0..n)
                .filter(|&i| i != skip)
                .map(|i| if bit(mask, i) { leaves[i].0 } else { 1.0 - leaves[i].0 })
                .product()
        };
        let up = |mask: u32| self.up(&mut (0..n).map(|i| bit(mask, i)));
        let availability = (0..1u32 << n).filter(|&m| up(m)).map(|m| prob(m, usize::MAX)).sum();
        let (mut frequency, mut scale, mut ambiguous) = (Some(0.0), 0.0, false);
        for (i, &(_, fi)) in leaves.iter().enumerate() {
            // Birnbaum importance: P(up with i up) − P(up with i down), over the other leaves.
            let b: f64 = (0..1u32 << n)
                .filter(|&m| !bit(m, i))
                .filter(|&m| up(m | (1 << i)) && !up(m))
                .map(|m| prob(m, i))
                .sum();
            match fi {
                Some(fi) => {
                    scale += fi;
                    frequency = frequency.map(|total| total + fi * b);
                }
                None if b > 1e-24 => frequency = None,
                None if b > 0.0 => ambiguous = true,
                None => {}
            }
        }
        BruteForce { availability, frequency, scale, ambiguous }
    }
}

fn leaf() -> impl Strategy<Value = Tree> {
    // Mostly MTBF/MTTR leaves, so that frequencies are usually known; some 100 % ones.
    prop_oneof![
        1 => (9_000u16..10_000).prop_map(|n| Tree::Leaf(LeafSpec::Availability(n))),
        1 => Just(Tree::Leaf(LeafSpec::Availability(10_000))),
        12 => (60u32..600_000, 1u32..6_000).prop_map(|(b, r)| Tree::Leaf(LeafSpec::Times(b, r))),
    ]
}

fn tree() -> impl Strategy<Value = Tree> {
    leaf().prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 1..4).prop_map(Tree::Series),
            vec(inner.clone(), 1..4).prop_map(Tree::Parallel),
            vec(inner, 1..5).prop_flat_map(|m| (1..=m.len(), Just(m))).prop_map(|(k, m)| Tree::KOfN(k, m)),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn availability_is_in_zero_one(t in tree()) {
        let x = t.build().availability().unwrap().fraction();
        prop_assert!(x > Decimal::ZERO && x <= Decimal::ONE);
    }

    #[test]
    fn redundancy_never_lowers_availability(members in vec(tree(), 1..4), extra in tree()) {
        let ms: Vec<Architecture> = members.iter().map(Tree::build).collect();
        let before = a(&parallel(ms.clone()));
        let mut more = ms.clone();
        more.push(extra.build());
        prop_assert!(a(&parallel(more)) >= before);
        // A redundant partner for any single member, too.
        let first = ms[0].clone();
        prop_assert!(a(&parallel(vec![first.clone(), extra.build()])) >= a(&first));
    }

    #[test]
    fn series_is_no_better_than_its_weakest_link(members in vec(tree(), 1..5)) {
        let ms: Vec<Architecture> = members.iter().map(Tree::build).collect();
        let weakest = ms.iter().map(a).min().unwrap();
        prop_assert!(a(&series(ms)) <= weakest);
    }

    #[test]
    fn k_of_n_is_non_increasing_in_k(members in vec(tree(), 1..7)) {
        let ms: Vec<Architecture> = members.iter().map(Tree::build).collect();
        let by_k: Vec<Decimal> = (1..=ms.len()).map(|k| a(&k_of_n(k, ms.clone()))).collect();
        for w in by_k.windows(2) {
            // Rounding in the 28th decimal place only (different counting orientations).
            prop_assert!(w[1] <= w[0] + Decimal::new(1, 26), "{by_k:?}");
        }
        prop_assert_eq!(by_k[0], a(&parallel(ms.clone())));
        prop_assert_eq!(by_k[ms.len() - 1], a(&series(ms)));
    }

    #[test]
    fn matches_brute_force_enumeration(t in tree()) {
        let mut leaves = Vec::new();
        t.leaves(&mut leaves);
        prop_assume!(leaves.len() <= 12);
        let bf = t.brute_force();
        prop_assume!(!bf.ambiguous);
        let s = t.build().summary(&Conventions::new()).unwrap();
        let got = s.availability().fraction().to_f64().unwrap();
        prop_assert!((got - bf.availability).abs() < 1e-12, "{got} vs {}", bf.availability);
        match (s.incidents_per_year(), bf.frequency) {
            (Some(f), Some(expected)) => {
                // Relative 1e-9 (f64), plus the 28th-decimal rounding of tiny importances.
                let f = f.to_f64().unwrap();
                let tolerance = 1e-9 * expected + 1e-24 * bf.scale;
                prop_assert!((f - expected).abs() <= tolerance, "{f} vs {expected}");
            }
            (None, None) => {}
            (got, expected) => {
                return Err(TestCaseError::fail(format!("frequency {got:?} vs brute force {expected:?}")));
            }
        }
    }

    #[test]
    fn restore_time_times_frequency_is_the_downtime(t in tree()) {
        let s = t.build().summary(&Conventions::new()).unwrap();
        if let (Some(f), Some(mttr)) = (s.incidents_per_year(), s.mean_time_to_restore()) {
            // Both durations are rounded to the nanosecond: f × 0.5 ns of slack.
            let f = f.to_f64().unwrap();
            let downtime = f * mttr.as_secs_f64();
            let expected = s.downtime_per_year().as_secs_f64();
            prop_assert!((downtime - expected).abs() <= 1e-9 * (expected + f + 1.0), "{downtime} vs {expected}");
        }
    }

    #[test]
    fn json_round_trips(t in tree()) {
        let x = t.build();
        let back: Architecture = serde_json::from_str(&serde_json::to_string(&x).unwrap()).unwrap();
        prop_assert_eq!(back, x);
    }
}
