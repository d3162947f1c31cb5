//! Support options: an outage's duration and cost follow its start, a late
//! provider owes its credit, wider cover never costs more, and the
//! comparison's expected cost agrees with its simulation.

use std::time::Duration;

use downtime_cost::{
    Calendar, ClockTime, Conventions, CostModel, CoverHours, Coverage, Currency, DurationDistribution,
    Fraction, Frequency, LostProductivity, LostSales, OutageProcess, OutageStart, Response, ResponseSla,
    Scenario, SeverityDistribution, SimulationOptions, SupportComparison, SupportComparisonOptions,
    SupportOption, Weekday,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::dec;

fn min(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

/// `day` (0 = Monday) at `hour`:`minute`, from Monday 00:00.
fn at(day: u64, hour: u64, minute: u64) -> Duration {
    Duration::from_secs(day * 86_400 + hour * 3_600 + minute * 60)
}

/// 1 000 an hour of sales around the clock; 10 staff at 50 an hour who
/// work Monday to Friday, 09:00–17:00 (the default working hours).
fn model() -> CostModel {
    CostModel::new(Currency::USD)
        .with_driver(LostSales::new(dec!(8_760_000), Fraction::ONE).unwrap())
        .with_driver(LostProductivity::new(dec!(10), dec!(50), Fraction::ONE).unwrap())
}

fn office(detect: u64, engage: u64) -> Coverage {
    Coverage::new(CoverHours::business_hours(), min(detect), min(engage)).unwrap()
}

fn option(name: &str, coverage: Coverage) -> SupportOption {
    SupportOption::new(name, coverage, DurationDistribution::fixed(min(60)), Decimal::ZERO).unwrap()
}

#[test]
fn friday_evening_outage_is_priced_over_its_window() {
    let calendar = Calendar::new(Conventions::new());
    let model = model();
    let friday = OutageStart::Week(at(4, 19, 0));
    // Business hours: detected 19:10, engaged Monday 09:15, repaired 10:15: 63 h 15 min.
    // Sales: 63.25 h × 1 000 = 63 250. Work lost: Monday 09:00–10:15, 1.25 h × 10 × 50 = 625.
    let team = option("in-house", office(10, 15));
    let outage = team.outage(friday, min(60), Fraction::ONE, &calendar).unwrap();
    assert_eq!(outage.duration(), Duration::from_secs(63 * 3_600 + 15 * 60));
    let cost = model.cost(&outage).unwrap();
    assert!((cost.total() - dec!(63_875)).abs() < dec!(0.000001), "{}", cost.total());
    // 24×7: 1 h 25 min, all on Friday evening, outside working hours: 85/60 × 1 000 = 1 416.67.
    let always = option("24x7", Coverage::new(CoverHours::always(), min(10), min(15)).unwrap());
    let outage = always.outage(friday, min(60), Fraction::ONE, &calendar).unwrap();
    assert_eq!(outage.duration(), min(85));
    let cost = model.cost(&outage).unwrap();
    assert!((cost.total() - dec!(1_416.666_667)).abs() < dec!(0.000001), "{}", cost.total());
}

#[test]
fn a_provider_that_responds_late_owes_its_credit() {
    // Cover Monday to Saturday all day; engaged in 20 min; promises 30 min; 2 000 a miss.
    let days = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
    ];
    let hours = CoverHours::weekly(&days, ClockTime::new(0, 0).unwrap(), ClockTime::new(0, 0).unwrap());
    // 00:00–00:00 is an empty shift: a whole day is 00:00–24:00.
    assert!(hours.is_err());
    let hours =
        CoverHours::weekly(&days, ClockTime::new(0, 0).unwrap(), ClockTime::new(24, 0).unwrap()).unwrap();
    let sla = ResponseSla::new(min(30), dec!(2_000)).unwrap();
    let provider =
        option("provider", Coverage::new(hours.clone(), min(5), min(20)).unwrap()).with_response_sla(sla);
    // Sunday 10:00: detected 10:05, nobody until Monday 00:00, then 20 min: 14 h 15 min, late.
    assert_eq!(provider.response_time(at(6, 10, 0)), Duration::from_secs(14 * 3_600 + 15 * 60));
    assert_eq!(provider.credit_received(at(6, 10, 0)), dec!(2_000));
    // Tuesday 10:00: 20 minutes, in time.
    assert_eq!(provider.credit_received(at(1, 10, 0)), Decimal::ZERO);
    // Late share: the detected instant falls in Sunday's 86 400 s gap, late unless within the
    // 10 min of slack before Monday (30 − 20): (86 400 − 600) / 604 800 = 143/1 008.
    assert_eq!(provider.late_share().unwrap(), dec!(143) / dec!(1_008));
    // Over a 365-day year from a Monday (52 weeks and a Monday, whose detected instants from
    // 00:05 are all covered): 52 × 85 800 s late of 31 536 000.
    let year = Calendar::new(Conventions::new());
    assert_eq!(provider.late_share_in(&year).unwrap(), dec!(4_461_600) / dec!(31_536_000));
    let credit = provider.expected_credit_per_outage(&year).unwrap();
    assert!((credit - dec!(2_000) * dec!(4_461_600) / dec!(31_536_000)).abs() < dec!(1e-20), "{credit}");
    // On-call in 25 min answers Sunday in time: nothing is late.
    let on_call = Coverage::new(hours.clone(), min(5), min(20)).unwrap().with_on_call(min(25)).unwrap();
    assert_eq!(option("p", on_call).with_response_sla(sla).late_share().unwrap(), Decimal::ZERO);
    // Engaging in 45 min against a 30-min promise is late every time.
    let slow = Coverage::new(CoverHours::always(), min(5), min(45)).unwrap();
    assert_eq!(option("p", slow).with_response_sla(sla).late_share().unwrap(), Decimal::ONE);
}

#[test]
fn options_and_slas_are_validated() {
    let e = ResponseSla::new(Duration::ZERO, dec!(1)).unwrap_err();
    assert_eq!(e.field(), Some("respond_within"), "{e}");
    let e = ResponseSla::new(min(30), dec!(-1)).unwrap_err();
    assert_eq!(e.field(), Some("credit_per_miss"), "{e}");
    let repair = DurationDistribution::fixed(min(60));
    let e = SupportOption::new(" ", office(10, 15), repair.clone(), Decimal::ZERO).unwrap_err();
    assert_eq!(e.field(), Some("name"), "{e}");
    let e = SupportOption::new("x", office(10, 15), repair, dec!(-5)).unwrap_err();
    assert_eq!(e.field(), Some("running_cost"), "{e}");
    let fast = SupportComparisonOptions::new().with_simulation(SimulationOptions::new().with_trials(100));
    let run = |options: &[SupportOption], settings: &SupportComparisonOptions| {
        SupportComparison::new(
            &model(),
            &Frequency::poisson(1.0).unwrap(),
            &SeverityDistribution::default(),
            options,
            settings,
        )
    };
    assert_eq!(run(&[], &fast).unwrap_err().field(), Some("options"));
    let twice = [option("a", office(10, 15)), option("a", office(5, 5))];
    assert_eq!(run(&twice, &fast).unwrap_err().field(), Some("options[1].name"));
    assert_eq!(run(&twice[..1], &fast.clone().with_nodes(63)).unwrap_err().field(), Some("nodes"));
    assert_eq!(run(&twice[..1], &fast.with_nodes(100_002)).unwrap_err().field(), Some("nodes"));
}

fn shift() -> impl Strategy<Value = CoverHours> {
    crate::support::cover_shift()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every driver here costs no less for a longer window from the same
    /// start (sales, work lost, responders by the hour), so wider cover,
    /// which never lengthens an outage, never raises its cost.
    #[test]
    fn widening_cover_never_raises_an_outage_cost(
        a in shift(),
        b in shift(),
        detect in 0u64..120,
        engage in 0u64..120,
        repair in 0u64..600,
        start in 0u64..(7 * 24 * 60),
        severity in 1u32..=100,
    ) {
        let calendar = Calendar::new(Conventions::new());
        let model = model().with_driver(Response::new(dec!(3), dec!(120)).unwrap());
        let severity = Fraction::new(Decimal::new(i64::from(severity), 2)).unwrap();
        let start = OutageStart::Week(Duration::from_secs(start * 60 + 7));
        let cost = |hours: CoverHours| {
            let o = option("o", Coverage::new(hours, min(detect), min(engage)).unwrap());
            model.cost(&o.outage(start, min(repair), severity, &calendar).unwrap()).unwrap().total()
        };
        let narrow = cost(a.clone());
        let wide = cost(a.with(&b));
        let always = cost(CoverHours::always());
        prop_assert!(wide <= narrow, "{} > {}", wide, narrow);
        prop_assert!(always <= wide, "{} > {}", always, wide);
    }
}

/// The SaaS scenario's model (weekly revenue profile, peaks, curves, SLA
/// credits by billing period) under three options.
fn saas_options() -> Vec<SupportOption> {
    let lognormal = DurationDistribution::lognormal_from_quantiles((0.5, min(45)), (0.9, min(240))).unwrap();
    let team = SupportOption::new("business hours", office(10, 15), lognormal.clone(), dec!(0)).unwrap();
    let on_call =
        SupportOption::new("on call", office(10, 15).with_on_call(min(40)).unwrap(), lognormal, dec!(60_000))
            .unwrap();
    let faster = DurationDistribution::lognormal_from_quantiles((0.5, min(30)), (0.9, min(150))).unwrap();
    let provider_cover = Coverage::new(CoverHours::always(), min(5), min(20)).unwrap();
    let provider = SupportOption::new("provider", provider_cover, faster, dec!(150_000))
        .unwrap()
        .with_response_sla(ResponseSla::new(min(30), dec!(1_000)).unwrap());
    vec![team, on_call, provider]
}

#[test]
fn expected_cost_lies_within_the_simulated_interval() {
    let scenario = Scenario::builtin("saas").unwrap();
    let model = scenario.model();
    let settings = SupportComparisonOptions::new()
        .with_simulation(SimulationOptions::new().with_trials(40_000).with_seed(7));
    let severity = SeverityDistribution::beta(3.0, 1.0).unwrap();
    let c = SupportComparison::new(
        &model,
        &Frequency::poisson(6.0).unwrap(),
        &severity,
        &saas_options(),
        &settings,
    )
    .unwrap();
    for row in c.rows() {
        let (low, high) = row.simulated_interval().unwrap();
        let e = row.expected_outage_cost();
        assert!(low <= e && e <= high, "{}: {e} outside [{low}, {high}]", row.name());
        // The quadrature's estimate (about 0.5 % here, from the churn's and the SLA's steps in
        // the duration) is tighter than 40 000 simulated years' interval.
        assert!(row.error_estimate() < (high - low), "{}: {}", row.name(), row.error_estimate());
        assert!(row.error_estimate() < e / dec!(100), "{}: {}", row.name(), row.error_estimate());
        // The total is running + outages − credits; the lines add up.
        assert_eq!(row.total_cost(), row.running_cost() + e - row.credits_received());
        assert_eq!(row.items().iter().map(downtime_cost::LineItem::amount).sum::<Decimal>(), e);
    }
    // Wider cover: business hours cost more in outages than on-call, which costs more than
    // the provider (faster repair, 24×7).
    let e: Vec<Decimal> = c.rows().iter().map(downtime_cost::SupportRow::expected_outage_cost).collect();
    assert!(e[0] > e[1] && e[1] > e[2], "{e:?}");
    assert!(c.rows()[2].credits_received() == Decimal::ZERO);
    let cheapest = c.cheapest().unwrap();
    assert!(c.rows().iter().all(|r| cheapest.total_cost() <= r.total_cost()));
    let saving = c.saving("business hours", "on call").unwrap();
    assert_eq!(saving, c.rows()[0].total_cost() - c.rows()[1].total_cost());
    assert_eq!(c.saving("x", "on call").unwrap_err().field(), Some("support"));
}

#[test]
fn flat_linear_costs_are_exact_on_the_ten_minute_grid() {
    // With a flat rate and no curves, an outage costs 1 000 an hour of its duration, so the
    // expected cost is λ × 1 000 × E[D], E[D] the exact mean over the year; cover and
    // detection change on whole ten minutes, where the midpoint rule is exact.
    let model =
        CostModel::new(Currency::USD).with_driver(LostSales::new(dec!(8_760_000), Fraction::ONE).unwrap());
    let calendar = model.calendar().clone();
    let options = [
        option("office", office(10, 20)),
        option("on call", office(10, 20).with_on_call(min(40)).unwrap()),
        option("24x7", Coverage::new(CoverHours::always(), min(10), min(20)).unwrap()),
    ];
    let fast = SupportComparisonOptions::new().with_simulation(SimulationOptions::new().with_trials(1_000));
    let c = SupportComparison::new(
        &model,
        &Frequency::poisson(4.0).unwrap(),
        &SeverityDistribution::default(),
        &options,
        &fast,
    )
    .unwrap();
    for (row, o) in c.rows().iter().zip(&options) {
        let hours = Decimal::try_from(o.mean_outage_hours(&calendar).unwrap()).unwrap();
        let exact = dec!(4_000) * hours;
        assert!(
            (row.expected_outage_cost() - exact).abs() < dec!(0.01),
            "{}: {} vs {exact}",
            o.name(),
            row.expected_outage_cost()
        );
    }
    // 24×7: 10 + 20 + 60 min = 1.5 h, 4 × 1.5 × 1 000 = 6 000, availability 1 − 6/8 760.
    assert_eq!(c.rows()[2].expected_outage_cost(), dec!(6_000));
    let a = c.rows()[2].availability().fraction();
    assert!((a - (Decimal::ONE - dec!(6) / dec!(8_760))).abs() < dec!(1e-12), "{a}");
}

#[test]
fn the_simulation_prices_the_start_dependent_duration() {
    // One outage a year of 1 h repair under business hours, 1 000 an hour: the simulated mean
    // is 1 000 × E[D] with E[D] = 30 min + mean wait + 1 h (exact over the year).
    let model =
        CostModel::new(Currency::USD).with_driver(LostSales::new(dec!(8_760_000), Fraction::ONE).unwrap());
    let team = option("office", office(10, 20));
    let process = OutageProcess::new(
        Frequency::poisson(1.0).unwrap(),
        DurationDistribution::fixed(min(60)),
        SeverityDistribution::default(),
    );
    let options = SimulationOptions::new().with_trials(50_000).with_seed(3);
    let supported =
        downtime_cost::simulate_support(&model, process.frequency(), process.severity(), &team, &options)
            .unwrap();
    let plain = downtime_cost::simulate(&model, &process, &options).unwrap();
    let hours = Decimal::try_from(team.mean_outage_hours(model.calendar()).unwrap()).unwrap();
    let (low, high) = supported.mean_interval(0.999).unwrap();
    let exact = dec!(1_000) * hours;
    assert!(low <= exact && exact <= high, "{exact} outside [{low}, {high}]");
    // The same draws without support: each outage 1 h, mean 1 000.
    let (low, high) = plain.mean_interval(0.999).unwrap();
    assert!(low <= dec!(1_000) && dec!(1_000) <= high);
}

#[test]
fn a_start_in_the_year_or_at_a_date_finds_its_hour_of_the_week() {
    // A year that starts on a Friday: 19:00 on its first day is Friday 19:00, and so is
    // 19:00 on day 364 (52 weeks later), and 2027-01-01 19:00 in the named year 2027.
    let office = option("in-house", office(10, 15));
    let friday_year = Calendar::new(Conventions::new()).with_year_starts_on(Weekday::Friday).unwrap();
    let long = Duration::from_secs(63 * 3_600 + 15 * 60);
    for day in [0, 364] {
        let start = OutageStart::Year(Duration::from_secs(day * 86_400 + 19 * 3_600));
        let outage = office.outage(start, min(60), Fraction::ONE, &friday_year).unwrap();
        assert_eq!(outage.duration(), long, "day {day}");
    }
    // Day 365 19:00 (a 365-day year takes starts up to 366 days) is priced where the calendar
    // wraps it, at the year's start: Friday 19:00 again, not Saturday.
    let wrapped = OutageStart::Year(Duration::from_secs(365 * 86_400 + 19 * 3_600));
    assert_eq!(office.outage(wrapped, min(60), Fraction::ONE, &friday_year).unwrap().duration(), long);
    let named = Calendar::new(Conventions::new()).with_year(2027).unwrap();
    assert_eq!(named.first_weekday(), Weekday::Friday);
    let at = OutageStart::At(jiff::civil::date(2027, 1, 1).at(19, 0, 0, 0));
    assert_eq!(office.outage(at, min(60), Fraction::ONE, &named).unwrap().duration(), long);
    // Tuesday 10:00 of that year (day 4): inside cover, 1 h 25 min.
    let tuesday = OutageStart::Year(Duration::from_secs(4 * 86_400 + 10 * 3_600));
    assert_eq!(office.outage(tuesday, min(60), Fraction::ONE, &friday_year).unwrap().duration(), min(85));
}

#[test]
fn the_built_in_provider_owes_its_credits_for_late_night_answers() {
    // The managed service works 07:00–23:00 every day, engages in 20 min, and its on-call
    // answers the night in 40 min against a 30-min promise. Detected instants in each 8-hour
    // night are late unless within 10 min of 07:00: 7 × 470 min of the week's 10 080, 47/144,
    // the same every day, so over the year too. 6 incidents × 47/144 × 1 500 = 2 937.50.
    let scenario = Scenario::builtin("support").unwrap();
    let mut analysis = downtime_cost::Analysis::new(&scenario).unwrap();
    // Reading and analysing a scenario never simulates: the bad years wait for `simulate`.
    assert!(analysis.support().unwrap().rows().iter().all(|r| r.p95_outage_cost().is_none()));
    assert_eq!(analysis.support().unwrap().trials(), None);
    analysis.simulate(&SimulationOptions::new().with_trials(500).with_seed(2), |_, _| {}).unwrap();
    let c = analysis.support().unwrap();
    assert_eq!(c.trials(), Some(500));
    assert!(c.rows().iter().all(|r| r.p95_outage_cost().is_some() && r.simulated_interval().is_some()));
    let provider = &c.rows()[2];
    assert_eq!(provider.name(), "managed service");
    assert_eq!(provider.late_share(), dec!(47) / dec!(144));
    assert_eq!(provider.credits_received(), dec!(2_937.5));
    // 99.9 % allows 8.76 h a year: 8.76 / E[D] incidents, E[D] the row's mean outage.
    let allowed = provider.incidents_allowed().iter().find(|a| a.target().fraction() == dec!(0.999)).unwrap();
    let expected = dec!(8.76) / provider.mean_outage_hours();
    assert!(
        (allowed.incidents_per_year() - expected).abs() < dec!(0.0001),
        "{} vs {expected}",
        allowed.incidents_per_year()
    );
}

#[test]
fn the_quadrature_integrates_a_random_repair() {
    // Flat costs, 24×7 cover (no wait): the expected cost is λ × 1 000 × (30 min + E[R]) with
    // E[R] the exponential's 2 h mean, so 3 × 1 000 × 2.5 = 7 500; the Kronecker points carry the
    // repair's quantiles, and on 52 560 points the mean lands within 0.1 %.
    let model =
        CostModel::new(Currency::USD).with_driver(LostSales::new(dec!(8_760_000), Fraction::ONE).unwrap());
    let always = Coverage::new(CoverHours::always(), min(10), min(20)).unwrap();
    let o = SupportOption::new(
        "24x7",
        always,
        DurationDistribution::exponential(min(120)).unwrap(),
        Decimal::ZERO,
    )
    .unwrap();
    let fast = SupportComparisonOptions::new().with_simulation(SimulationOptions::new().with_trials(1_000));
    let c = SupportComparison::new(
        &model,
        &Frequency::poisson(3.0).unwrap(),
        &SeverityDistribution::default(),
        &[o],
        &fast,
    )
    .unwrap();
    let e = c.rows()[0].expected_outage_cost();
    assert!((e - dec!(7_500)).abs() < dec!(7.5), "{e}");
    assert!(c.rows()[0].error_estimate() < dec!(75), "{}", c.rows()[0].error_estimate());
}
