//! Unit tests of the loss distribution and its statistics.

#![allow(clippy::float_cmp, reason = "the compared values are exact by construction")]

use std::sync::Arc;

use super::moments::compensated_sum;
use super::*;
use crate::cost::DriverKind;
use proptest::prelude::*;
use rust_decimal::dec;

fn dist(losses: &[f64]) -> LossDistribution {
    LossDistribution::new(losses.to_vec(), Currency::USD, 7, Vec::new()).unwrap()
}

fn q(d: &LossDistribution, p: f64) -> f64 {
    d.quantile_f64(p).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

/// The ten-year sample used for the tail tests, deliberately unsorted:
/// sorted it is 0, 0, 0, 10, 20, 30, 40, 50, 100, 200 (sum 450).
const TEN: [f64; 10] = [50.0, 0.0, 200.0, 10.0, 0.0, 40.0, 100.0, 30.0, 0.0, 20.0];

#[test]
fn quantile_methods_on_one_to_four() {
    let d = dist(&[4.0, 1.0, 3.0, 2.0]);
    // Type 7, h = 3p (0-based): p = .5 → h = 1.5 → 2 + .5·(3 − 2) = 2.5;
    // p = .25 → h = .75 → 1 + .75 = 1.75; p = .9 → h = 2.7 → 3.7.
    assert_eq!(d.quantile(0.5).unwrap(), dec!(2.5));
    assert_eq!(d.quantile(0.25).unwrap(), dec!(1.75));
    assert!(close(q(&d, 0.9), 3.7));
    assert_eq!(d.quantile(0.0).unwrap(), dec!(1));
    assert_eq!(d.quantile(1.0).unwrap(), dec!(4));

    // Type 1, k = ⌈4p⌉: p = .5 → k = 2 → 2; p = .51 → k = ⌈2.04⌉ = 3 → 3;
    // p = .25 → k = 1 → 1; p = 0 → k = max(0, 1) = 1 → 1.
    let d = d.with_method(QuantileMethod::InvertedCdf);
    assert_eq!(d.method(), QuantileMethod::InvertedCdf);
    assert_eq!(d.quantile(0.5).unwrap(), dec!(2));
    assert_eq!(d.quantile(0.51).unwrap(), dec!(3));
    assert_eq!(d.quantile(0.25).unwrap(), dec!(1));
    assert_eq!(d.quantile(0.0).unwrap(), dec!(1));
    assert_eq!(d.quantile(1.0).unwrap(), dec!(4));

    // Type 8, h = (4 + ⅓)p + ⅓ (1-based): p = .5 → 2.5 → 2.5;
    // p = .25 → 13/12 + 4/12 = 17/12 → 1 + 5/12 = 1.41666…;
    // p = .1 → 13/30 + 10/30 = 23/30 < 1 → minimum 1;
    // p = .9 → 3.9 + ⅓ = 4.2333 ≥ 4 → maximum 4.
    let d = d.with_method(QuantileMethod::MedianUnbiased);
    assert_eq!(d.quantile(0.5).unwrap(), dec!(2.5));
    assert!(close(q(&d, 0.25), 17.0 / 12.0));
    assert_eq!(d.quantile(0.1).unwrap(), dec!(1));
    assert_eq!(d.quantile(0.9).unwrap(), dec!(4));
}

#[test]
fn positions_near_whole_numbers_read_the_order_statistic() {
    // n = 100, 1..=100: 100 × 0.07 = 7.000000000000001 in f64, but type 1
    // must still read x₍₇₎ = 7, not x₍₈₎.
    let d = dist(&(1..=100).map(f64::from).collect::<Vec<_>>()).with_method(QuantileMethod::InvertedCdf);
    assert_eq!(d.quantile(0.07).unwrap(), dec!(7));
    // Type 7 at p = 0.07: h = 99 × 0.07 = 6.93 → 7 + .93 = 7.93.
    let d = d.with_method(QuantileMethod::Type7);
    assert!(close(q(&d, 0.07), 7.93));
}

#[test]
fn value_at_risk_and_expected_shortfall_by_hand() {
    let d = dist(&TEN);
    // VaR 95 %, type 7: h = 9 × .95 = 8.55 → 100 + .55 × 100 = 155.
    assert!(close(d.value_at_risk(0.95).unwrap().try_into().unwrap(), 155.0));
    assert_eq!(Rounding::default().apply(d.value_at_risk(0.95).unwrap()), dec!(155.00));
    // ES 95 %: m = 10 × .05 = 0.5 → no whole year, half of 200 → 100 / 0.5 = 200.
    assert!(close(d.expected_shortfall_f64(0.95).unwrap(), 200.0));
    // ES 85 %: m = 1.5 → (200 + 0.5 × 100) / 1.5 = 166.666…; VaR = 50 + .65 × 50 = 82.5.
    assert!(close(d.expected_shortfall_f64(0.85).unwrap(), 500.0 / 3.0));
    assert_eq!(Rounding::default().apply(d.expected_shortfall(0.85).unwrap()), dec!(166.67));
    assert!(close(q(&d, 0.85), 82.5));
    // ES 80 %: m = 2 → (200 + 100) / 2 = 150 (1 − .8 = 0.19999999999999996
    // in f64: the boundary weight 0.9999… makes up the second year).
    assert!(close(d.expected_shortfall_f64(0.8).unwrap(), 150.0));
    // ES 75 %: m = 2.5 → (200 + 100 + 0.5 × 50) / 2.5 = 130.
    assert!(close(d.expected_shortfall_f64(0.75).unwrap(), 130.0));
    // ES 50 %: m = 5 → (200 + 100 + 50 + 40 + 30) / 5 = 84.
    assert!(close(d.expected_shortfall_f64(0.5).unwrap(), 84.0));
    // ES 0 = mean = 45; ES 1 = max = 200.
    assert!(close(d.expected_shortfall_f64(0.0).unwrap(), 45.0));
    assert_eq!(d.expected_shortfall(1.0).unwrap(), dec!(200));
    // ES ≥ VaR at every level and method.
    for method in [QuantileMethod::Type7, QuantileMethod::InvertedCdf, QuantileMethod::MedianUnbiased] {
        let d = d.clone().with_method(method);
        for level in [0.0, 0.1, 0.33, 0.5, 0.7, 0.85, 0.9, 0.95, 0.99, 0.999, 1.0] {
            assert!(d.expected_shortfall(level).unwrap() >= d.value_at_risk(level).unwrap());
        }
    }
    assert_eq!(d.expected_shortfall(1.5).unwrap_err().field(), Some("level"));
    assert_eq!(d.value_at_risk(-0.1).unwrap_err().field(), Some("level"));
}

#[test]
fn exceedance_and_zero_probabilities_at_ties() {
    let d = dist(&TEN);
    // 7 of 10 years lose more than 0; 6 more than 10 (10 itself is not "more").
    assert!(close(d.prob_exceeding(0.0), 0.7));
    assert!(close(d.prob_exceeding(9.99), 0.7));
    assert!(close(d.prob_exceeding(10.0), 0.6));
    assert!(close(d.prob_exceeding(100.0), 0.1));
    assert_eq!(d.prob_exceeding(200.0), 0.0);
    assert_eq!(d.prob_exceeding(-1.0), 1.0);
    assert_eq!(d.prob_exceeding(f64::NEG_INFINITY), 1.0);
    assert!(d.prob_exceeding(f64::NAN).is_nan());
    // Three zero years of ten; −0.0 counts as zero.
    assert!(close(d.prob_zero(), 0.3));
    assert!(close(dist(&[-0.0, 0.0, -5.0, 5.0]).prob_zero(), 0.5));
    assert_eq!(dist(&[1.0, 2.0]).prob_zero(), 0.0);
}

#[test]
fn return_periods() {
    let d = dist(&TEN);
    // 1 in 10: Q(.9), h = 8.1 → 100 + .1 × 100 = 110.
    assert_eq!(Rounding::default().apply(d.return_period_loss(10.0).unwrap()), dec!(110.00));
    // 1 in 2: the median, h = 4.5 → 20 + .5 × 10 = 25.
    assert_eq!(d.return_period_loss(2.0).unwrap(), dec!(25));
    // 1 in 1: the minimum; 1 in ∞: the maximum.
    assert_eq!(d.return_period_loss(1.0).unwrap(), dec!(0));
    assert_eq!(d.return_period_loss(f64::INFINITY).unwrap(), dec!(200));
    for bad in [0.5, 0.0, -3.0, f64::NAN] {
        assert_eq!(d.return_period_loss(bad).unwrap_err().field(), Some("years"));
    }
}

#[test]
fn exceedance_curve_is_monotone_and_writes_csv() {
    // 0, 1, …, 999: Q7(p) = 999p.
    let d = dist(&(0..1000).map(f64::from).collect::<Vec<_>>());
    let curve = d.exceedance_curve(0.0);
    let probabilities: Vec<f64> = curve.iter().map(|&(_, q)| q).collect();
    // Down to 1/n = 0.001.
    assert_eq!(probabilities, [0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001]);
    assert!(curve.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 > w[1].1));
    // q = .5 → 999 × .5 = 499.5; q = .01 → 999 × .99 = 989.01.
    assert_eq!(curve[0].0, dec!(499.5));
    assert_eq!(Rounding::default().apply(curve[5].0), dec!(989.01));
    // A floor above 1/n stops earlier; above 0.5 nothing is left.
    assert_eq!(d.exceedance_curve(0.01).len(), 6);
    assert_eq!(d.exceedance_curve(0.05).len(), 4);
    assert!(d.exceedance_curve(0.6).is_empty());
    assert_eq!(d.exceedance_curve(f64::NAN).len(), 9);
    // Ten years: only 0.5, 0.2 and 0.1 are resolved.
    assert_eq!(dist(&TEN).exceedance_curve(0.0).len(), 3);

    let csv = d.to_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "exceedance_probability,loss");
    assert_eq!(lines[1], "0.5,499.50");
    // 999 × .8 = 799.2; 999 × .999 = 998.001.
    assert_eq!(lines[2], "0.2,799.20");
    assert_eq!(lines[9], "0.001,998.00");
    assert_eq!(lines.len(), 10);
    assert!(csv.ends_with('\n'));
}

#[test]
fn moments_standard_error_and_mean_interval_by_hand() {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 40/8 = 5; Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32;
    // s = √(32/7) = 2.1380899…; se = s/√8 = √(4/7) = 0.7559289…
    let d = dist(&[9.0, 4.0, 2.0, 5.0, 4.0, 7.0, 4.0, 5.0]);
    assert_eq!(d.trials(), 8);
    assert_eq!(d.mean(), dec!(5));
    assert!(close(d.std_dev_f64(), (32.0_f64 / 7.0).sqrt()));
    assert!(close(d.std_error_f64(), (4.0_f64 / 7.0).sqrt()));
    assert_eq!(Rounding::default().apply(d.std_error()), dec!(0.76));
    assert_eq!(Rounding::default().apply(d.std_dev()), dec!(2.14));
    assert_eq!(d.min(), dec!(2));
    assert_eq!(d.max(), dec!(9));
    // 95 %: z = 1.959964 → 5 ± 1.959964 × 0.7559289 = 5 ± 1.4815999.
    let (lo, hi) = d.mean_interval(0.95).unwrap();
    assert_eq!(Rounding::new(4, crate::money::RoundingMode::HalfEven).apply(lo), dec!(3.5184));
    assert_eq!(Rounding::new(4, crate::money::RoundingMode::HalfEven).apply(hi), dec!(6.4816));
    let (lo99, hi99) = d.mean_interval(0.99).unwrap();
    assert!(lo99 < lo && hi99 > hi);
    for bad in [0.0, 1.0, -0.5, 1.5, f64::NAN] {
        assert_eq!(d.mean_interval(bad).unwrap_err().field(), Some("confidence"));
    }
    // One year: no spread.
    let one = dist(&[42.0]);
    assert_eq!(one.std_dev(), dec!(0));
    assert_eq!(one.mean_interval(0.95).unwrap(), (dec!(42), dec!(42)));
    assert_eq!(one.quantile(0.3).unwrap(), dec!(42));
}

#[test]
fn mean_is_bit_reproducible_whatever_the_order() {
    let values: Vec<f64> = (1..=1000).map(|i| f64::from(i) * 0.1 + 1e6 / f64::from(i)).collect();
    let mut reversed = values.clone();
    reversed.reverse();
    let a = dist(&values);
    let b = dist(&reversed);
    assert_eq!(a.mean_f64().to_bits(), b.mean_f64().to_bits());
    assert_eq!(a.std_dev_f64().to_bits(), b.std_dev_f64().to_bits());
    // Compensation: 0.1 ten times is exactly 1 (naive summation gives 0.9999999999999999).
    assert_eq!(dist(&[0.1; 10]).mean_f64(), 0.1);
}

#[test]
fn quantile_interval_contains_the_estimate_and_widens() {
    // 1..=100, p = .5: np = 50, σ = √25 = 5.
    // 95 %: 50 ∓ 1.96 × 5 = 40.2 / 59.8 → ranks 40 and 60 → [40, 60].
    // 99 %: 50 ∓ 2.576 × 5 = 37.12 / 62.88 → ranks 37 and 63 → [37, 63].
    let d = dist(&(1..=100).map(f64::from).collect::<Vec<_>>());
    assert_eq!(d.quantile_interval(0.5, 0.95).unwrap(), (dec!(40), dec!(60)));
    assert_eq!(d.quantile_interval(0.5, 0.99).unwrap(), (dec!(37), dec!(63)));
    let median = d.quantile(0.5).unwrap(); // 50.5
    for p in [0.0, 0.01, 0.3, 0.5, 0.9, 0.99, 1.0] {
        let point = d.quantile(p).unwrap();
        let mut previous = (point, point);
        for c in [0.01, 0.5, 0.8, 0.95, 0.99, 0.999] {
            let (lo, hi) = d.quantile_interval(p, c).unwrap();
            assert!(lo <= point && point <= hi, "p {p} c {c}");
            assert!(lo <= previous.0 && hi >= previous.1, "p {p} c {c}");
            previous = (lo, hi);
        }
    }
    assert!(median > dec!(40) && median < dec!(60));
    // p = 1: σ = 0, both ranks n → [100, 100].
    assert_eq!(d.quantile_interval(1.0, 0.95).unwrap(), (dec!(100), dec!(100)));
    assert_eq!(d.quantile_interval(1.2, 0.95).unwrap_err().field(), Some("p"));
    assert_eq!(d.quantile_interval(0.5, 1.0).unwrap_err().field(), Some("confidence"));
}

#[test]
fn trials_for_precision_by_hand() {
    // s² = 32/7, mean 5; ±10 % at 95 %: (1.959964 × s / 0.5)² = 3.8414588 × 4.5714286 × 4
    // = 70.24… → 71.
    let d = dist(&[9.0, 4.0, 2.0, 5.0, 4.0, 7.0, 4.0, 5.0]);
    assert_eq!(d.trials_for_precision(0.1, 0.95).unwrap(), 71);
    // ±1 %: 100 × 70.24… = 7024.4 → 7025.
    assert_eq!(d.trials_for_precision(0.01, 0.95).unwrap(), 7025);
    // No spread: one year is enough.
    assert_eq!(dist(&[3.0, 3.0]).trials_for_precision(0.01, 0.95).unwrap(), 1);
    // A zero mean has no relative precision.
    assert_eq!(dist(&[-1.0, 1.0]).trials_for_precision(0.1, 0.95).unwrap_err().field(), Some("mean"));
    for bad in [0.0, -0.1, f64::NAN, f64::INFINITY] {
        assert_eq!(d.trials_for_precision(bad, 0.95).unwrap_err().field(), Some("relative_error"));
    }
    assert_eq!(d.trials_for_precision(0.1, 0.0).unwrap_err().field(), Some("confidence"));
    // Beyond u64: overflow, not a panic.
    let spread = dist(&[1e-20, 1e20]);
    assert_eq!(
        spread.trials_for_precision(1e-300, 0.95).unwrap_err(),
        Error::overflow("trials for precision")
    );
}

#[test]
fn rejects_empty_non_finite_and_out_of_range_input() {
    let new = |v: Vec<f64>| LossDistribution::new(v, Currency::USD, 1, Vec::new());
    for bad in [vec![], vec![1.0, f64::NAN], vec![f64::INFINITY], vec![f64::NEG_INFINITY, 0.0], vec![2e28]] {
        let err = new(bad).unwrap_err();
        assert!(matches!(err, Error::Invalid { .. }));
        assert_eq!(err.field(), Some("losses"));
    }
    assert!(new(vec![-1e28, 1e28]).is_ok());
    let driver = DriverMean::new(DriverKind::Response, Arc::from("ops"), f64::NAN);
    let err = LossDistribution::new(vec![1.0], Currency::USD, 1, vec![driver]).unwrap_err();
    assert_eq!(err.field(), Some("driver_means[0]"));

    let d = dist(&TEN);
    for bad in [-0.01, 1.01, f64::NAN, f64::INFINITY] {
        let err = d.quantile(bad).unwrap_err();
        assert!(matches!(err, Error::Invalid { .. }));
        assert_eq!(err.field(), Some("p"));
    }
}

#[test]
fn extreme_losses_stay_within_decimal() {
    // ±1e28: the spread (s = 2e28/√2 ≈ 1.41e28) and every quantile fit in a Decimal.
    let d = dist(&[-1e28, 1e28]);
    assert!(d.std_dev() > dec!(1.4e28));
    assert_eq!(d.max(), Decimal::from_i128_with_scale(10_i128.pow(28), 0));
    assert!(d.mean_interval(0.95).is_ok());
    let json = serde_json::to_value(&d).unwrap();
    // 29 digits leave no room for cents in a Decimal: written without them.
    assert_eq!(json["max"], "10000000000000000000000000000");
}

#[test]
fn serializes_a_summary() {
    let drivers = vec![
        DriverMean::new(DriverKind::LostSales, Arc::from("web shop"), 30.004),
        DriverMean::new(DriverKind::Response, Arc::from("on call"), 14.996),
    ];
    let d = LossDistribution::new(TEN.to_vec(), Currency::EUR, 42, drivers).unwrap();
    assert_eq!(d.driver_means()[0].name(), "web shop");
    assert_eq!(d.driver_means()[0].kind(), DriverKind::LostSales);
    assert_eq!(d.driver_means()[0].mean(), dec!(30.004));
    assert_eq!(d.seed(), 42);
    assert_eq!(d.currency(), Currency::EUR);
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["trials"], 10);
    assert_eq!(json["seed"], 42);
    assert_eq!(json["currency"], "EUR");
    assert_eq!(json["mean"], "45.00");
    assert_eq!(json["min"], "0.00");
    assert_eq!(json["max"], "200.00");
    // Percentiles: P50 h = 4.5 → 25; P90 → 110; P99.99 → just under 200.
    assert_eq!(json["percentiles"][0], serde_json::json!({"level": "50", "loss": "25.00"}));
    assert_eq!(json["percentiles"][1], serde_json::json!({"level": "90", "loss": "110.00"}));
    assert_eq!(json["percentiles"][5]["level"], "99.99");
    assert_eq!(json["percentiles"].as_array().unwrap().len(), 6);
    // VaR 95 = 155, VaR 99: h = 8.91 → 191; ES 95 = ES 99 = 200.
    assert_eq!(json["value_at_risk"][0], serde_json::json!({"level": "95", "loss": "155.00"}));
    assert_eq!(json["value_at_risk"][1], serde_json::json!({"level": "99", "loss": "191.00"}));
    assert_eq!(json["expected_shortfall"][1], serde_json::json!({"level": "99", "loss": "200.00"}));
    assert_eq!(json["prob_zero"], 0.3);
    assert_eq!(json["return_periods"][0], serde_json::json!({"years": 10, "loss": "110.00"}));
    assert_eq!(json["return_periods"].as_array().unwrap().len(), 5);
    // Exceedance down to 1/n = 0.1: q = 0.5 (P50 = 25), 0.2 and 0.1 (P90 = 110).
    assert_eq!(json["exceedance_curve"].as_array().unwrap().len(), 3);
    assert_eq!(json["exceedance_curve"][0], serde_json::json!({"probability": 0.5, "loss": "25.00"}));
    assert_eq!(json["exceedance_curve"][2], serde_json::json!({"probability": 0.1, "loss": "110.00"}));
    // The summary reads back equal.
    let summary: LossSummary = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(summary, LossSummary::new(&d));
    assert_eq!(summary.percentile("90"), Some(dec!(110)));
    // Driver means rounded half away from zero: 30.004 → 30.00, 14.996 → 15.00.
    assert_eq!(
        json["driver_means"],
        serde_json::json!([
            {"driver": "lost_sales", "name": "web shop", "mean": "30.00"},
            {"driver": "response", "name": "on call", "mean": "15.00"}
        ])
    );
    assert_eq!(json["quantile_method"], "type7");
    assert!(json.get("losses").is_none());
    let json = serde_json::to_value(d.with_method(QuantileMethod::MedianUnbiased)).unwrap();
    assert_eq!(json["quantile_method"], "median_unbiased");
    // Debug shows the summary, not the losses.
    let debug = format!("{:?}", dist(&TEN));
    assert!(debug.contains("trials: 10") && !debug.contains("losses"));
}

#[test]
fn percentiles_list() {
    let d = dist(&(0..1000).map(f64::from).collect::<Vec<_>>());
    let p = d.percentiles();
    let levels: Vec<f64> = p.iter().map(|&(l, _)| l).collect();
    assert_eq!(levels, [0.5, 0.9, 0.95, 0.99, 0.999, 0.9999]);
    // 999 × .95 = 949.05.
    assert_eq!(Rounding::default().apply(p[2].1), dec!(949.05));
    assert!(p.windows(2).all(|w| w[0].1 <= w[1].1));
}

fn method() -> impl Strategy<Value = QuantileMethod> {
    prop_oneof![
        Just(QuantileMethod::Type7),
        Just(QuantileMethod::InvertedCdf),
        Just(QuantileMethod::MedianUnbiased)
    ]
}

/// Any probability, with the ends and the far tail drawn often.
fn probability() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.0..=1.0_f64,
        Just(0.0),
        Just(1.0),
        0.99..1.0_f64,
        (1_u32..100).prop_map(|k| f64::from(k) / 100.0)
    ]
}

proptest! {
    #[test]
    fn quantiles_monotone_and_bounded_es_above_var(
        losses in prop::collection::vec(
            prop_oneof![Just(0.0), -1e4..1e9_f64, 0.0..1.0_f64, -1e28..1e28_f64], 1..60),
        p1 in probability(),
        p2 in probability(),
        method in method(),
    ) {
        let d = LossDistribution::new(losses, Currency::USD, 0, Vec::new()).unwrap().with_method(method);
        let (lo, hi) = if p1 <= p2 { (p1, p2) } else { (p2, p1) };
        let (qa, qb) = (d.quantile(lo).unwrap(), d.quantile(hi).unwrap());
        prop_assert!(qa <= qb, "Q({lo}) = {qa} > Q({hi}) = {qb}");
        prop_assert!(d.min() <= qa && qb <= d.max());
        prop_assert!(d.min() <= d.mean() && d.mean() <= d.max());
        for level in [lo, hi] {
            let var = d.value_at_risk(level).unwrap();
            let es = d.expected_shortfall(level).unwrap();
            prop_assert!(es >= var && var >= d.min() && es <= d.max(), "level {level}: ES {es} VaR {var}");
        }
        let curve = d.exceedance_curve(0.0);
        prop_assert!(curve.windows(2).all(|w| w[0].0 <= w[1].0));
        let (ilo, ihi) = d.quantile_interval(lo, 0.9).unwrap();
        prop_assert!(ilo <= qa && qa <= ihi);
    }
}

/// The four-lane sum is compensated: a thousand ones between 1e16 and −1e16 (whose unit in the
/// last place is 2, so a plain running sum loses every one) sum to 1 000 exactly, plus the
/// extra term; in the years' order or reversed, the same bits.
#[test]
fn the_lane_sum_keeps_what_a_running_sum_loses() {
    let mut v = vec![1e16];
    v.extend(std::iter::repeat_n(1.0, 1_000));
    v.push(-1e16);
    let plain: f64 = v.iter().sum();
    assert!((plain - 1_000.0).abs() > 100.0, "the plain sum loses the ones: {plain}");
    assert_eq!(lane_sum(&v, |x| x, 0.5).to_bits(), 1_000.5f64.to_bits());
    v.reverse();
    assert_eq!(lane_sum(&v, |x| x, 0.5).to_bits(), 1_000.5f64.to_bits());
    // f applies to each value: Σ (x/2) over the same values.
    assert_eq!(lane_sum(&v, |x| x / 2.0, 0.0).to_bits(), 500.0f64.to_bits());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The in-place layout (non-zero years moved back, radix-sorted through the free front or in
    /// place, zeros written between) is exactly a full comparison sort with -0.0 written as 0.0,
    /// and the mean is that of a compensated sum over that sorted sample (to a unit in the last
    /// place): for every mix of zeros, signed zeros, negatives and magnitudes, at sizes on both
    /// sides of the radix sorts' thresholds (256 values; free space at least the non-zero count).
    #[test]
    fn the_in_place_layout_is_a_full_sort(
        values in prop::collection::vec(
            prop_oneof![
                4 => Just(0.0),
                1 => Just(-0.0),
                4 => 0.0..1e7_f64,
                1 => 1e-300..1e-290_f64,
                1 => -1e5..0.0_f64,
            ],
            1..2_000,
        ),
        positive_only in any::<bool>(),
        zeros_between in 0usize..4,
    ) {
        // Up to three more zero years after each year: mostly-zero samples take the radix sort
        // through the free front, mostly-non-zero ones the in-place sort.
        let values: Vec<f64> = values
            .iter()
            .flat_map(|v| std::iter::once(if positive_only { v.abs() } else { *v }).chain(std::iter::repeat_n(0.0, zeros_between)))
            .collect();
        let mut expected: Vec<f64> = values.iter().map(|v| if *v == 0.0 { 0.0 } else { *v }).collect();
        expected.sort_unstable_by(f64::total_cmp);
        let d = dist(&values);
        let got: Vec<u64> = d.losses().iter().map(|v| v.to_bits()).collect();
        let want: Vec<u64> = expected.iter().map(|v| v.to_bits()).collect();
        prop_assert_eq!(got, want);
        let n = count_f64(expected.len());
        // An independent oracle: one Neumaier chain in sorted order, to within a unit in the
        // last place of the four-lane sum the distribution uses (a compensated sum is the
        // correctly rounded one in all but rare cases, either way).
        let mean = (compensated_sum(expected.iter().copied().filter(|v| *v != 0.0)) / n)
            .max(expected[0])
            .min(expected[expected.len() - 1]);
        let ulps = d.mean_f64().to_bits().abs_diff(mean.to_bits());
        prop_assert!(ulps <= 1 || d.mean_f64() == mean, "{} against {}", d.mean_f64(), mean);
    }
}

#[test]
fn the_years_with_a_loss_and_a_count_of_the_rest_are_the_whole_sample() {
    // TEN has three zero years; given as its seven losses (in any order) and a
    // count of 3, or with a 0.0 and a -0.0 among the values and a count of 1,
    // it is the same distribution: sorted 0, 0, 0, 10, 20, 30, 40, 50, 100, 200.
    let whole = dist(&TEN);
    let losses = vec![50.0, 200.0, 10.0, 40.0, 100.0, 30.0, 20.0];
    let sparse = LossDistribution::from_nonzero(losses.clone(), 3, Currency::USD, 7, Vec::new()).unwrap();
    let mut with_zeros = losses;
    with_zeros.extend([0.0, -0.0]);
    let mixed = LossDistribution::from_nonzero(with_zeros, 1, Currency::USD, 7, Vec::new()).unwrap();
    for d in [&sparse, &mixed] {
        assert_eq!(d, &whole);
        assert_eq!(d.trials(), 10);
        assert_eq!(d.losses(), &[0.0, 0.0, 0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 100.0, 200.0]);
        // P(L = 0) = 3/10; P(L > 25) = 5/10; mean 450/10 = 45.
        assert_eq!(d.prob_zero(), 0.3);
        assert_eq!(d.prob_exceeding(25.0), 0.5);
        assert_eq!(d.mean_f64(), 45.0);
    }
    // Only zero years: a distribution of ten zeros.
    let none = LossDistribution::from_nonzero(Vec::new(), 10, Currency::USD, 7, Vec::new()).unwrap();
    assert_eq!((none.trials(), none.prob_zero(), none.max_f64()), (10, 1.0, 0.0));
    // No years at all is refused.
    assert!(LossDistribution::from_nonzero(Vec::new(), 0, Currency::USD, 7, Vec::new()).is_err());
}

#[test]
fn negatives_zeros_and_positives_are_read_in_order() {
    // Credits received make losses negative: sorted −30, −5, 0, 0, 7, 9.
    // P(L > −10) = 5/6 (binary search among the negatives); P(L > 0) = 2/6;
    // the median (type 7, h = 2.5) is 0; Q(0.1) = −30 + 0.5·25 = −17.5.
    let d =
        LossDistribution::from_nonzero(vec![9.0, -5.0, 7.0, -30.0], 2, Currency::USD, 7, Vec::new()).unwrap();
    assert_eq!(d.losses(), &[-30.0, -5.0, 0.0, 0.0, 7.0, 9.0]);
    assert_eq!(d.prob_exceeding(-10.0), 5.0 / 6.0);
    assert_eq!(d.prob_exceeding(0.0), 2.0 / 6.0);
    assert_eq!(d.prob_exceeding(-0.0), 2.0 / 6.0);
    assert_eq!(q(&d, 0.5), 0.0);
    assert!(close(q(&d, 0.1), -17.5));
    assert_eq!((d.min_f64(), d.max_f64()), (-30.0, 9.0));
}
