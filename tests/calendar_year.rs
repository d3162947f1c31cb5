//! Real calendars and one right number (issue: every method, every calendar
//! and every driver gives the same expected annual cost). Each expected
//! value is worked by hand in the comment above it.

use downtime_cost::{
    Architecture, Availability, BillingPeriod, Calendar, Component, Conventions, CostDriver, CostModel,
    Currency, DriverKind, DurationDistribution, Error, ExpectedOptions, Fraction, Frequency, Outage,
    OutageAssumption, OutageProcess, OutageStart, Period, Scenario, SeverityDistribution, SimulationOptions,
    SlaCredits, SlaTier, TargetStudy, simulate, simulate_with_maintenance,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::time::Duration;

fn pct(p: &str) -> Availability {
    Availability::from_percent(p.parse().unwrap()).unwrap()
}

fn frac(p: &str) -> Fraction {
    Fraction::new(p.parse().unwrap()).unwrap()
}

/// A monthly 99.9 % SLA with one 10 % tier on a fee of 1 000.
fn sla() -> SlaCredits {
    SlaCredits::new(Decimal::from(1_000), &[SlaTier::new(pct("99.9"), frac("0.1"))]).unwrap()
}

fn at(text: &str) -> OutageStart {
    OutageStart::At(text.parse().unwrap())
}

fn model_2025() -> CostModel {
    CostModel::new(Currency::USD)
        .with_calendar(Calendar::new(Conventions::new()).with_year(2025).unwrap())
        .with_driver(sla())
}

#[test]
fn february_allows_less_than_a_mean_month() {
    // February 2025 has 28 days: 99.9 % allows 0.001 × 28 × 86 400 = 2 419.2 s.
    // A 42-minute outage is 2 520 s > 2 419.2 s: the 10 % tier, 100.
    let model = model_2025();
    let outage = Outage::new(Duration::from_secs(42 * 60)).with_start(at("2025-02-10T09:00")).unwrap();
    assert_eq!(model.cost(&outage).unwrap().total(), Decimal::from(100));
    // Assessed on the mean month (365/12 days: 2 628 s allowed) it owes nothing.
    let mean = CostModel::new(Currency::USD).with_driver(sla());
    assert_eq!(mean.cost(&Outage::new(Duration::from_secs(42 * 60))).unwrap().total(), Decimal::ZERO);
    // In a 31-day month (March: 2 678.4 s allowed) the same outage owes nothing.
    let march = Outage::new(Duration::from_secs(42 * 60)).with_start(at("2025-03-10T09:00")).unwrap();
    assert_eq!(model.cost(&march).unwrap().total(), Decimal::ZERO);
}

#[test]
fn an_outage_across_a_month_end_is_split() {
    // From 31 January 23:00 for 2 h 30 min: 1 h (3 600 s) in January, which
    // allows 0.001 × 31 × 86 400 = 2 678.4 s → 100; 1 h 30 min (5 400 s) in
    // February, which allows 2 419.2 s → 100. Owed: 200.
    let model = model_2025();
    let outage = Outage::new(Duration::from_secs(9_000)).with_start(at("2025-01-31T23:00")).unwrap();
    assert_eq!(model.cost(&outage).unwrap().total(), Decimal::from(200));
    // The same written as a start in the year: day 31 (30 days after 1 January) at 23:00.
    let same = Outage::new(Duration::from_secs(9_000))
        .with_start(OutageStart::Year(Duration::from_secs(30 * 86_400 + 23 * 3_600)))
        .unwrap();
    assert_eq!(model.cost(&same).unwrap().total(), Decimal::from(200));
    // 40 minutes from 31 January 23:50: 10 min (600 s) in January, 30 min
    // (1 800 s) in February, each below its allowance: nothing owed, though
    // 2 400 s in one month of the mean length would be too (2 400 < 2 628).
    let short = Outage::new(Duration::from_secs(2_400)).with_start(at("2025-01-31T23:50")).unwrap();
    assert_eq!(model.cost(&short).unwrap().total(), Decimal::ZERO);
}

#[test]
fn leap_years_have_366_days() {
    // A yearly 99.9 % SLA in 2024 allows 0.001 × 366 × 86 400 = 31 622.4 s; in 2025
    // 31 536 s. An outage of 31 600 s (8 h 46 min 40 s) breaches 2025 only.
    let yearly = sla().with_period(BillingPeriod::Year);
    let model = |year| {
        CostModel::new(Currency::USD)
            .with_calendar(Calendar::new(Conventions::new()).with_year(year).unwrap())
            .with_driver(yearly.clone())
    };
    let outage = |y: i16| {
        Outage::new(Duration::from_secs(31_600)).with_start(at(&format!("{y}-06-01T00:00"))).unwrap()
    };
    assert_eq!(model(2024).cost(&outage(2024)).unwrap().total(), Decimal::ZERO);
    assert_eq!(model(2025).cost(&outage(2025)).unwrap().total(), Decimal::from(100));
    // The year's length, first weekday and conventions.
    let c2024 = Calendar::new(Conventions::new()).with_year(2024).unwrap();
    assert_eq!(c2024.year_seconds(), Decimal::from(366 * 86_400));
    assert_eq!(c2024.first_weekday(), downtime_cost::Weekday::Monday);
    let c2025 = Calendar::new(Conventions::new()).with_year(2025).unwrap();
    assert_eq!(c2025.first_weekday(), downtime_cost::Weekday::Wednesday);
    // 99.9 % of a leap year: 31 622.4 s = 8 h 47 min 2.4 s.
    let budget = pct("99.9").downtime_budget_seconds(Period::Year, c2024.conventions()).unwrap();
    assert_eq!(budget, Decimal::new(316_224, 1));
}

#[test]
fn a_year_history_assesses_each_month_on_its_total() {
    // Two 30-minute outages in February 2025: 3 600 s in the month > 2 419.2 s → 100
    // as a history; alone each is 1 800 s < 2 419.2 s → 0.
    let model = model_2025();
    let a = Outage::new(Duration::from_secs(1_800)).with_start(at("2025-02-03T10:00")).unwrap();
    let b = Outage::new(Duration::from_secs(1_800)).with_start(at("2025-02-20T10:00")).unwrap();
    assert_eq!(model.cost(&a).unwrap().total(), Decimal::ZERO);
    assert_eq!(model.year_cost(&[a, b]).unwrap().total(), Decimal::from(100));
    // One in January and one in February: 1 800 s in each, nothing owed.
    let c = Outage::new(Duration::from_secs(1_800)).with_start(at("2025-01-20T10:00")).unwrap();
    assert_eq!(model.year_cost(&[a, c]).unwrap().total(), Decimal::ZERO);
    // An outage with no place in the year is an error naming it.
    let err = model.year_cost(&[a, Outage::new(Duration::from_secs(60))]).unwrap_err();
    assert_eq!(err.field(), Some("[1].start"));
}

#[test]
fn the_expectation_sums_months_of_their_own_length() {
    // Poisson outages at λ = 0.12 a year, each exactly 2 500 s at full
    // severity. A month of d days holds Poisson(λ_m = 0.12 × d / 365)
    // outages and allows 0.001 × d × 86 400 s: February (2 419.2 s) is
    // breached by one outage, every other month (2 592 or 2 678.4 s) by two
    // (5 000 s). So
    //   E = 100 × [(1 − e^{−λ_Feb}) + Σ_{m ≠ Feb} (1 − e^{−λ_m}(1 + λ_m))].
    let process = OutageProcess::new(
        Frequency::poisson(0.12).unwrap(),
        DurationDistribution::fixed(Duration::from_secs(2_500)),
        SeverityDistribution::default(),
    );
    let days = [31u8, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let by_hand: f64 = days
        .iter()
        .map(|d| {
            let l = 0.12 * f64::from(*d) / 365.0;
            if *d == 28 { 1.0 - (-l).exp() } else { 1.0 - (-l).exp() * (1.0 + l) }
        })
        .sum::<f64>()
        * 100.0;
    let e = model_2025().expected_annual(&process, &ExpectedOptions::new().with_sla_tolerance(1e-6)).unwrap();
    let got: f64 = e.total().try_into().unwrap();
    let bound: f64 = e.error_bound().try_into().unwrap();
    assert!((got - by_hand).abs() <= bound + 1e-9, "{got} vs {by_hand} ± {bound}");
    // Mean months (365/12 days, 2 628 s allowed): every month needs two outages,
    //   E = 12 × 100 × (1 − e^{−0.01}(1 + 0.01)), λ_m = 0.12 / 12 = 0.01.
    let mean = CostModel::new(Currency::USD).with_driver(sla());
    let e = mean.expected_annual(&process, &ExpectedOptions::new().with_sla_tolerance(1e-6)).unwrap();
    let by_hand = 1_200.0 * (1.0 - (-0.01f64).exp() * 1.01);
    let got: f64 = e.total().try_into().unwrap();
    let bound: f64 = e.error_bound().try_into().unwrap();
    assert!((got - by_hand).abs() <= bound + 1e-9, "{got} vs {by_hand} ± {bound}");
}

#[test]
fn a_typical_outage_is_a_poisson_process() {
    // Typical outages of 1 h at full severity, target 99 %: λ = 87.6 h / 1 h = 87.6 a
    // year, so a mean month (365/12 days) holds Poisson(7.3) outages; one
    // outage (3 600 s) already passes the 99.9 % allowance of 2 628 s. So
    //   E[SLA] = 12 × 1 000 × 10 % × P(N ≥ 1) = 1 200 × (1 − e^{−7.3}) = 1 199.197 6…
    // (spreading the downtime evenly would give 12 × 100 = 1 200 at every
    // target, or nothing at 99.9 %).
    let model = CostModel::new(Currency::USD).with_driver(sla());
    let typical = OutageAssumption::Typical(Outage::new(Duration::from_secs(3_600)));
    let study = TargetStudy::new(&model, &typical, &[pct("99"), pct("99.9")]).unwrap();
    let row = &study.rows()[0];
    let got: f64 = row.total().try_into().unwrap();
    let bound: f64 = row.error_bound().try_into().unwrap();
    let by_hand = 1_200.0 * (1.0 - (-7.3f64).exp());
    assert!((got - by_hand).abs() <= bound + 1e-9, "{got} vs {by_hand} ± {bound}");
    // At 99.9 %: λ = 8.76, Poisson(0.73) a month: 1 200 × (1 − e^{−0.73}) = 621.0…
    let row = &study.rows()[1];
    let got: f64 = row.total().try_into().unwrap();
    let bound: f64 = row.error_bound().try_into().unwrap();
    let by_hand = 1_200.0 * (1.0 - (-0.73f64).exp());
    assert!((got - by_hand).abs() <= bound + 1e-9, "{got} vs {by_hand} ± {bound}");
    assert!(by_hand > 600.0, "the old even spread gave 0 here");
    // The study's process is the same Poisson process the simulation draws.
    assert!((row.process().frequency().mean_per_year() - 8.76).abs() < 1e-12);
}

/// A user-defined driver: 100 an hour of severity-weighted downtime.
#[derive(Debug)]
struct PerHour {
    closed_form: bool,
}

impl CostDriver for PerHour {
    fn name(&self) -> &'static str {
        "per hour"
    }
    fn cost(&self, o: &Outage, _: &Calendar) -> downtime_cost::Result<Decimal> {
        let h = Decimal::try_from(o.duration().as_secs_f64() / 3_600.0).unwrap();
        Ok(Decimal::from(100) * h * o.severity().get())
    }
    fn expected_cost(&self, p: &OutageProcess, _: &Calendar) -> Option<downtime_cost::Result<Decimal>> {
        self.closed_form.then(|| {
            let h = p.duration().mean().as_secs_f64() / 3_600.0 * p.severity().mean();
            Ok(Decimal::try_from(100.0 * h).unwrap())
        })
    }
}

#[test]
fn user_defined_drivers_count_in_every_method() {
    // 4 outages a year, exponential with a mean of 2 h, beta(2, 2) severity
    // (mean 0.5): E = 4 × 100 × 2 × 0.5 = 400 a year.
    let process = OutageProcess::new(
        Frequency::poisson(4.0).unwrap(),
        DurationDistribution::exponential(Duration::from_secs(7_200)).unwrap(),
        SeverityDistribution::beta(2.0, 2.0).unwrap(),
    );
    for closed_form in [false, true] {
        let model = CostModel::new(Currency::USD).with_extension(PerHour { closed_form });
        let e = model.expected_annual(&process, &ExpectedOptions::new()).unwrap();
        assert_eq!(e.items()[0].kind(), DriverKind::Extension);
        let got: f64 = e.total().try_into().unwrap();
        let bound: f64 = e.error_bound().try_into().unwrap();
        assert!((got - 400.0).abs() <= bound + 1e-6, "{got} ± {bound}");
        assert!(!e.notes().is_empty(), "the method is named in a note");
        // The Monte Carlo prices it too: its mean agrees within the 99.9 % interval.
        let l =
            simulate(&model, &process, &SimulationOptions::new().with_trials(20_000).with_seed(3)).unwrap();
        let (lo, hi) = l.mean_interval(0.999).unwrap();
        assert!(lo <= e.total() && e.total() <= hi, "{lo}..{hi} vs {}", e.total());
        assert_eq!(l.driver_means()[0].kind(), DriverKind::Extension);
    }
    // In a target study with a typical outage: λ × cost, exactly. 99 % with
    // 1 h outages: 87.6 × 100 = 8 760.
    let model = CostModel::new(Currency::USD).with_extension(PerHour { closed_form: false });
    let typical = OutageAssumption::Typical(Outage::new(Duration::from_secs(3_600)));
    let study = TargetStudy::new(&model, &typical, &[pct("99")]).unwrap();
    assert_eq!(study.rows()[0].total(), Decimal::from(8_760));
}

#[test]
fn planned_maintenance_is_simulated_on_its_own_line() {
    // Maintenance: 6 windows a year of exactly 2 h priced by a 100-an-hour
    // extension: 6 × 200 = 1 200 a year; no unplanned outages (rate 0).
    let model = CostModel::new(Currency::USD).with_extension(PerHour { closed_form: false });
    let none = OutageProcess::new(
        Frequency::poisson(0.0).unwrap(),
        DurationDistribution::fixed(Duration::from_secs(3_600)),
        SeverityDistribution::default(),
    );
    let windows = OutageProcess::new(
        Frequency::fixed(6),
        DurationDistribution::fixed(Duration::from_secs(7_200)),
        SeverityDistribution::default(),
    );
    let l = simulate_with_maintenance(&model, &none, &windows, &SimulationOptions::new().with_trials(1_000))
        .unwrap();
    // A fixed count of fixed windows: every year costs exactly 1 200.
    assert_eq!(l.min(), Decimal::from(1_200));
    assert_eq!(l.max(), Decimal::from(1_200));
    let planned = l.driver_means().last().unwrap();
    assert_eq!(planned.kind(), DriverKind::PlannedMaintenance);
    assert_eq!(planned.mean(), Decimal::from(1_200));
}

#[test]
fn rare_outages_and_maintenance_fall_in_independent_years() {
    // Rare outages (0.3 a year, 1 h at 100 an hour: 100 each) draw how many of a chunk's years
    // hold one, not where; maintenance (0.4 a year, 2 h: 200 each) must still meet them in
    // independent years. Over n = 400 000 years:
    // - alone, P(no loss) = e^{−0.3} = 0.740818 (standard error √(p(1 − p)/n) = 6.9e-4) and
    //   P(loss > 150) = P(N ≥ 2) = 1 − e^{−0.3}·1.3 = 0.036936 (SE 3.0e-4);
    // - with maintenance, P(no loss) = e^{−0.7} = 0.496585 (SE 7.9e-4; had the two fallen in the
    //   same years it would be about e^{−0.4} = 0.670), and the mean is 0.3 × 100 + 0.4 × 200 =
    //   110 (variance 0.3 × 100² + 0.4 × 200² = 19 000: SE 0.22).
    // Each figure within 4 standard errors.
    let model = CostModel::new(Currency::USD).with_extension(PerHour { closed_form: false });
    let process = |rate: f64, hours: u64| {
        OutageProcess::new(
            Frequency::poisson(rate).unwrap(),
            DurationDistribution::fixed(Duration::from_secs(hours * 3_600)),
            SeverityDistribution::default(),
        )
    };
    let (rare, windows) = (process(0.3, 1), process(0.4, 2));
    let options = SimulationOptions::new().with_trials(400_000).with_seed(11);
    let alone = simulate(&model, &rare, &options).unwrap();
    assert!((alone.prob_zero() - 0.740_818).abs() < 4.0 * 6.9e-4, "{}", alone.prob_zero());
    assert!(
        (alone.prob_exceeding(150.0) - 0.036_936).abs() < 4.0 * 3.0e-4,
        "{}",
        alone.prob_exceeding(150.0)
    );
    let both = simulate_with_maintenance(&model, &rare, &windows, &options).unwrap();
    assert!((both.prob_zero() - 0.496_585).abs() < 4.0 * 7.9e-4, "{}", both.prob_zero());
    let mean: f64 = both.mean().try_into().unwrap();
    assert!((mean - 110.0).abs() < 4.0 * 0.22, "{mean}");
    // The unplanned outages are the same draws with or without maintenance.
    assert_eq!(both.driver_means()[0].mean(), alone.driver_means()[0].mean());
}

#[test]
fn availabilities_never_read_100_percent_below_it() {
    // Two 99.95 % regions in parallel: 1 − 0.0005² = 1 − 0.00000025 = 99.999975 %.
    let region = |n: &str| Architecture::from(Component::with_availability(n, pct("99.95")).unwrap());
    let pair = Architecture::parallel(vec![region("a"), region("b")]).unwrap();
    let a = pair.availability().unwrap();
    assert_eq!(a.percent_for_display().to_string(), "99.999975");
    assert_eq!(pct("100").percent_for_display().to_string(), "100");
    assert_eq!(pct("99.5").percent_for_display().to_string(), "99.5");
}

fn scenario_error(json: &str) -> Error {
    Scenario::from_json(json).unwrap_err()
}

fn saas_with(edit: impl Fn(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(&Scenario::builtin("saas").unwrap().to_json().unwrap()).unwrap();
    edit(&mut v);
    v.to_string()
}

#[test]
fn bad_dates_and_absurd_distributions_are_errors_with_their_path() {
    // A day that does not exist.
    let e = scenario_error(&saas_with(|v| {
        v["calendar"]["year"] = 2025.into();
        v["outages"] = serde_json::json!([{"duration": "1h", "start": "2025-02-29T10:00"}]);
    }));
    assert_eq!(e.field(), Some("outages[0].start"), "{e}");
    // A start outside the calendar's year.
    let e = scenario_error(&saas_with(|v| {
        v["calendar"]["year"] = 2025.into();
        v["outages"] = serde_json::json!([{"duration": "1h", "start": "2024-05-01T10:00"}]);
    }));
    assert_eq!(e.field(), Some("outages[0].start"), "{e}");
    // A date with no named year.
    let e = scenario_error(&saas_with(|v| {
        v["calendar"].as_object_mut().unwrap().remove("year");
        v["outages"] = serde_json::json!([{"duration": "1h", "start": "2025-05-01T10:00"}]);
    }));
    assert_eq!(e.field(), Some("outages[0].start"), "{e}");
    // A lognormal μ of 100 ln hours: mean e^{100.5} h ≈ 3.6e43 h.
    let e = scenario_error(&saas_with(|v| {
        v["assumption"] = serde_json::json!({"process": {
            "frequency": {"poisson": {"per_year": 4}},
            "duration": {"lognormal": {"mu": 100, "sigma": 1}}}});
    }));
    assert_eq!(e.field(), Some("assumption.process.duration.lognormal.mu"), "{e}");
    assert!(e.to_string().contains("100"), "{e}");
    // A Weibull shape of 0.01: mean = scale × Γ(101) ≈ 9.3e157 × scale.
    let e = scenario_error(&saas_with(|v| {
        v["assumption"] = serde_json::json!({"process": {
            "frequency": {"poisson": {"per_year": 4}},
            "duration": {"weibull": {"shape": 0.01, "scale": "1h"}}}});
    }));
    assert_eq!(e.field(), Some("assumption.process.duration.weibull.shape"), "{e}");
    // A named year with other conventions, or the wrong first weekday.
    let e = scenario_error(&saas_with(|v| {
        v["calendar"]["year"] = 2025.into();
        v["calendar"]["conventions"] = serde_json::json!({"month": "30d"});
    }));
    assert_eq!(e.field(), Some("calendar.conventions"), "{e}");
    let e = scenario_error(&saas_with(|v| {
        v["calendar"]["year"] = 2025.into();
        v["calendar"]["year_starts_on"] = "monday".into();
    }));
    assert_eq!(e.field(), Some("calendar.year_starts_on"), "{e}");
    // A peak by dates in another year than the calendar's.
    let e = scenario_error(&saas_with(|v| {
        v["calendar"]["year"] = 2025.into();
        v["calendar"]["peaks"] =
            serde_json::json!([{"name": "x", "from": "2024-11-28", "to": "2024-12-01", "multiplier": 3}]);
    }));
    assert_eq!(e.field(), Some("calendar.peaks[0].from"), "{e}");
    // A year out of range.
    assert!(Calendar::new(Conventions::new()).with_year(0).is_err());
    // A cell limit above the maximum, and a tolerance that is not a number.
    let process = OutageProcess::new(
        Frequency::poisson(1.0).unwrap(),
        DurationDistribution::fixed(Duration::from_secs(3_600)),
        SeverityDistribution::default(),
    );
    let e =
        model_2025().expected_annual(&process, &ExpectedOptions::new().with_max_cells(1 << 30)).unwrap_err();
    assert_eq!(e.field(), Some("max_cells"));
    let e = model_2025()
        .expected_annual(&process, &ExpectedOptions::new().with_sla_tolerance(f64::NAN))
        .unwrap_err();
    assert_eq!(e.field(), Some("sla_tolerance"));
}

#[test]
fn peaks_by_dates_match_peaks_by_day() {
    // 28 November 2025 is day 332 of the year; to 1 December inclusive is 4 days.
    let by_date = downtime_cost::PeakPeriod::between(
        "Black Friday",
        "2025-11-28".parse().unwrap(),
        "2025-12-01".parse().unwrap(),
        Decimal::from(3),
    )
    .unwrap();
    let by_day =
        downtime_cost::PeakPeriod::new("Black Friday", 332, Decimal::from(4), Decimal::from(3)).unwrap();
    let a = Calendar::new(Conventions::new()).with_year(2025).unwrap().with_peak(by_date).unwrap();
    let b = Calendar::new(Conventions::new()).with_year(2025).unwrap().with_peak(by_day).unwrap();
    let sales = downtime_cost::LostSales::new(Decimal::from(8_760_000), Fraction::ONE).unwrap();
    let price = |c: Calendar| {
        let m = CostModel::new(Currency::USD).with_calendar(c).with_driver(sales.clone());
        m.cost(&Outage::new(Duration::from_secs(7_200)).with_start(at("2025-11-28T19:00")).unwrap())
            .unwrap()
            .total()
    };
    assert_eq!(price(a), price(b));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// For any year 1900–2100 the 12 month lengths sum to the year's length,
    /// and each month's SLA allowance is (1 − A) × its own length: an outage
    /// of exactly the allowance owes nothing, one second more owes the tier.
    #[test]
    fn months_sum_to_the_year_and_each_is_assessed_on_its_own_length(
        year in 1900i16..=2100,
        month in 1u8..=12,
        tenths_of_bp in 1u32..=9_999,
    ) {
        let c = Calendar::new(Conventions::new()).with_year(year).unwrap();
        let conventions = Conventions::new();
        let months: Decimal = (1..=12)
            .map(|m| conventions.seconds(Period::CalendarMonth { year: i32::from(year), month: m }).unwrap())
            .sum();
        prop_assert_eq!(months, c.year_seconds());
        // A = 1 − k × 10⁻⁵ (99.999 % down to 90.001 %).
        let a = Availability::from_fraction(Decimal::ONE - Decimal::new(i64::from(tenths_of_bp), 5)).unwrap();
        let length = conventions.seconds(Period::CalendarMonth { year: i32::from(year), month }).unwrap();
        let allowance = a.unavailability() * length;
        let model = CostModel::new(Currency::USD).with_calendar(c).with_driver(
            SlaCredits::new(Decimal::from(1_000), &[SlaTier::new(a, frac("0.1"))]).unwrap(),
        );
        let start = at(&format!("{year:04}-{month:02}-01T00:00"));
        let exact = Outage::new(downtime_cost::duration::from_seconds(allowance).unwrap()).with_start(start).unwrap();
        prop_assert_eq!(model.cost(&exact).unwrap().total(), Decimal::ZERO);
        let over = Outage::new(downtime_cost::duration::from_seconds(allowance + Decimal::ONE).unwrap())
            .with_start(start)
            .unwrap();
        prop_assert_eq!(model.cost(&over).unwrap().total(), Decimal::from(100));
    }
}

/// The three tiers of the SaaS SLA (below 99.9 % 10 %, below 99 % 25 %, below 95 % 100 % of
/// the fee) on the months of 2025, with Poisson outages of exponential durations (mean 1 h) at
/// full severity. The per-outage downtime is continuous, so every tier of every month length is
/// bracketed on its grids, and the three lengths (seven months of 31 days, four of 30, one of
/// 28) share the year's error budget. A month of d days holds Poisson(λ = rate × d/365) outages
/// and, given n of them, a total downtime Gamma(n, 1 h), so
///
///   P(T > u) = Σ_{n≥1} e^{−λ}·λⁿ/n! · Q(n, u)   (Q the regularised upper incomplete gamma)
///
/// at u = 0.001, 0.01 and 0.05 × 24·d hours, and the month's credit is
/// fee × (0.10·P(T > u₁) + 0.15·P(T > u₂) + 0.75·P(T > u₃)) (steps of 10, 15 and 75 %).
/// mpmath at 30 digits, fee 1 000, 24 outages a year: 69.3174229450058 (28 days),
/// 70.3699663601216 (30), 70.8729860124793 (31), so the year
/// 69.317… + 4 × 70.369… + 7 × 70.872… = 846.908190472847. At 0.1 a year each month's line is
/// 0.39268, 0.40055 or 0.40393, below the floor of 0.1 % of the fee (1.0) a period, so the
/// budget is the tolerance × 12 × 1.0 = 0.12 at 1 %, where 1 % of the year's 4.82241740366509
/// would be 0.048. Quarterly with a fee of 3 000 (quarters of 90, 91, 92 and 92 days):
/// 1 058.97480897555679.
#[test]
fn the_years_sla_budget_is_shared_by_every_period_length_and_holds() {
    let tiers = [
        SlaTier::new(pct("99.9"), frac("0.1")),
        SlaTier::new(pct("99"), frac("0.25")),
        SlaTier::new(pct("95"), frac("1")),
    ];
    let model = |fee: i64, period: BillingPeriod| {
        CostModel::new(Currency::USD)
            .with_calendar(Calendar::new(Conventions::new()).with_year(2025).unwrap())
            .with_driver(SlaCredits::new(Decimal::from(fee), &tiers).unwrap().with_period(period))
    };
    let process = |rate: f64| {
        OutageProcess::new(
            Frequency::poisson(rate).unwrap(),
            DurationDistribution::exponential(Duration::from_secs(3_600)).unwrap(),
            SeverityDistribution::default(),
        )
    };
    let incomplete = |e: &downtime_cost::ExpectedAnnualCost| {
        e.notes().iter().any(|n| matches!(n, downtime_cost::Note::SlaBracketIncomplete { .. }))
    };
    let cases = [
        (1_000, BillingPeriod::Month, 24.0, 846.908_190_472_847, 1e-2, None),
        (1_000, BillingPeriod::Month, 24.0, 846.908_190_472_847, 1e-3, None),
        (1_000, BillingPeriod::Month, 0.1, 4.822_417_403_665_09, 1e-2, Some(0.12)),
        (3_000, BillingPeriod::Quarter, 24.0, 1_058.974_808_975_556_8, 1e-2, None),
    ];
    for (fee, period, rate, exact, tolerance, floor) in cases {
        let options = ExpectedOptions::new().with_sla_tolerance(tolerance);
        let e = model(fee, period).expected_annual(&process(rate), &options).unwrap();
        let got: f64 = e.total().try_into().unwrap();
        let bound: f64 = e.error_bound().try_into().unwrap();
        let case = format!("{period:?} at {rate} a year, tolerance {tolerance}");
        assert!((got - exact).abs() <= bound + 1e-9, "{case}: {got} vs {exact} ± {bound}");
        assert!(bound > 0.0, "{case}: the bracketed path");
        // Within the tolerance × the line, or the floor where the line is below it.
        assert!(bound <= floor.unwrap_or(tolerance * exact) + 1e-9, "{case}: bound {bound}");
        assert!(!incomplete(&e), "{case}");
    }
    // At 64 cells the 10⁻⁶ tolerance cannot be met: the note says so, and the bound still holds.
    let options = ExpectedOptions::new().with_sla_tolerance(1e-6).with_max_cells(64);
    let e = model(1_000, BillingPeriod::Month).expected_annual(&process(24.0), &options).unwrap();
    let got: f64 = e.total().try_into().unwrap();
    let bound: f64 = e.error_bound().try_into().unwrap();
    assert!(incomplete(&e));
    assert!((got - 846.908_190_472_847).abs() <= bound + 1e-9, "{got} ± {bound}");
}
