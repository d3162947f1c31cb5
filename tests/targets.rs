//! Property tests and hand-worked checks of the analytic expected annual cost and the target study.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "tests")]

use std::str::FromStr;
use std::time::Duration;

use downtime_cost::{
    Availability, BillingPeriod, BrandImpact, Calendar, Conventions, CostModel, CreditDirection, Currency,
    Curve, CurvePoint, CustomImpact, DataLoss, Driver, DriverKind, DurationDistribution, ExpectedOptions,
    Fraction, Frequency, ImprovementPolicy, LineItem, LostProductivity, LostSales, Outage, OutageAssumption,
    OutageProcess, Period, ProcessAssumption, Publicity, Recovery, Response, SalesBasis,
    SeverityDistribution, SlaCredits, SlaMeasure, SlaTier, TargetRow, TargetStudy, YearLength,
};
use proptest::collection::{btree_set, vec};
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;
use rust_decimal::dec;
use rust_decimal::prelude::ToPrimitive;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const HOUR: u64 = 3_600;

/// 64 cases per block, and no regression file: failures are reported, not saved.
fn config() -> ProptestConfig {
    ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() }
}

fn d(units: i64, scale: u32) -> Decimal {
    Decimal::new(units, scale)
}

fn frac(units: i64, scale: u32) -> Fraction {
    Fraction::new(Decimal::new(units, scale)).unwrap()
}

fn hours(x: f64) -> Duration {
    Duration::from_secs_f64(x * 3_600.0)
}

fn f(x: Decimal) -> f64 {
    x.to_f64().unwrap()
}

fn percent(p: Decimal) -> Availability {
    Availability::from_percent(p).unwrap()
}

/// `|a − b| ≤ rel × max(|a|, |b|) + abs`.
fn close_f(a: f64, b: f64, rel: f64, abs: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()) + abs
}

/// `|a − b| ≤ rel × max(|a|, |b|) + abs` in `Decimal`.
fn close(a: Decimal, b: Decimal, rel: Decimal, abs: Decimal) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()) + abs
}

fn sum(items: &[LineItem]) -> Decimal {
    items.iter().map(LineItem::amount).sum()
}

fn model_of(drivers: Vec<Driver>) -> CostModel {
    drivers.into_iter().fold(CostModel::new(Currency::USD), CostModel::with_driver)
}

fn study_of(
    model: &CostModel,
    process: &OutageProcess,
    policy: ImprovementPolicy,
    targets: &[Availability],
    options: &ExpectedOptions,
) -> TargetStudy {
    let assumption = OutageAssumption::Process(ProcessAssumption::new(process, policy));
    TargetStudy::with_options(model, &assumption, targets, None, options).unwrap()
}

/// Severity-weighted downtime budget of `target` a year, in hours, under `conventions`.
fn budget_hours(target: Availability, conventions: Conventions) -> f64 {
    f(target.unavailability() * conventions.seconds(Period::Year).unwrap()) / 3_600.0
}

fn mix(w: Fraction) -> ImprovementPolicy {
    ImprovementPolicy::Mix { fewer_incidents_share: w }
}

/// `(rate factor, duration factor)` a policy applies for a budget ratio `ratio`,
/// written out from the documented formulas (not from the library).
fn policy_factors(policy: ImprovementPolicy, ratio: f64) -> (f64, f64) {
    match policy {
        ImprovementPolicy::FewerIncidents => (ratio, 1.0),
        ImprovementPolicy::FasterRecovery => (1.0, ratio),
        ImprovementPolicy::Mix { fewer_incidents_share } => {
            let w = f(fewer_incidents_share.get());
            (ratio.powf(w), ratio.powf(1.0 - w))
        }
        _ => unreachable!("no other policy is built here"),
    }
}

// ---------------------------------------------------------------------------
// Strategies: processes
// ---------------------------------------------------------------------------

/// An outage count and its mean a year (computed from the parameters, not the library).
fn frequency() -> impl Strategy<Value = (Frequency, f64)> {
    prop_oneof![
        (20u32..=5_000).prop_map(|k| {
            let m = f64::from(k) / 100.0;
            (Frequency::poisson(m).unwrap(), m)
        }),
        (1u32..=40).prop_map(|n| (Frequency::fixed(n), f64::from(n))),
        (20u32..=5_000, 3u32..=100).prop_map(|(k, r)| {
            let m = f64::from(k) / 100.0;
            (Frequency::negative_binomial(m, f64::from(r) / 10.0).unwrap(), m)
        }),
    ]
}

fn secs(lo: u64, hi: u64) -> impl Strategy<Value = Duration> {
    (lo..=hi).prop_map(Duration::from_secs)
}

fn fixed_duration() -> impl Strategy<Value = DurationDistribution> {
    secs(60, 24 * HOUR).prop_map(DurationDistribution::fixed)
}

fn exponential() -> impl Strategy<Value = DurationDistribution> {
    secs(60, 12 * HOUR).prop_map(|m| DurationDistribution::exponential(m).unwrap())
}

fn lognormal() -> impl Strategy<Value = DurationDistribution> {
    (-300i32..=250, 10u32..=250).prop_map(|(mu, sigma)| {
        DurationDistribution::lognormal(f64::from(mu) / 100.0, f64::from(sigma) / 100.0).unwrap()
    })
}

/// Two quantiles at least 20 points apart, the longer duration at most 5 times the
/// shorter: σ = ln(ratio) / (z₂ − z₁) ≤ ln 5 / 0.506 ≈ 3.2.
fn lognormal_quantiles() -> impl Strategy<Value = DurationDistribution> {
    (5u32..=40, 60u32..=95, 60..=4 * HOUR, 11u64..=50).prop_map(|(p1, p2, a, ratio10)| {
        DurationDistribution::lognormal_from_quantiles(
            (f64::from(p1) / 100.0, Duration::from_secs(a)),
            (f64::from(p2) / 100.0, Duration::from_secs(a * ratio10 / 10)),
        )
        .unwrap()
    })
}

fn weibull() -> impl Strategy<Value = DurationDistribution> {
    (30u32..=400, secs(60, 12 * HOUR))
        .prop_map(|(k, scale)| DurationDistribution::weibull(f64::from(k) / 100.0, scale).unwrap())
}

fn gamma() -> impl Strategy<Value = DurationDistribution> {
    (20u32..=600, secs(60, 6 * HOUR))
        .prop_map(|(k, scale)| DurationDistribution::gamma(f64::from(k) / 100.0, scale).unwrap())
}

fn empirical_duration() -> impl Strategy<Value = DurationDistribution> {
    vec(secs(60, 48 * HOUR), 1..=8).prop_map(|v| DurationDistribution::empirical(&v).unwrap())
}

/// One duration distribution of any family.
fn duration_dist() -> impl Strategy<Value = DurationDistribution> {
    prop_oneof![
        fixed_duration(),
        exponential(),
        lognormal(),
        lognormal_quantiles(),
        weibull(),
        gamma(),
        empirical_duration(),
    ]
}

/// One distribution of every family.
fn every_family() -> impl Strategy<Value = Vec<DurationDistribution>> {
    (
        fixed_duration(),
        exponential(),
        lognormal(),
        lognormal_quantiles(),
        weibull(),
        gamma(),
        empirical_duration(),
    )
        .prop_map(|(fixed, exp, logn, quant, weib, gam, emp)| vec![fixed, exp, logn, quant, weib, gam, emp])
}

/// A severity distribution and its mean (computed from the parameters, not the library).
fn severity() -> impl Strategy<Value = (SeverityDistribution, f64)> {
    prop_oneof![
        (1i64..=100).prop_map(|k| (SeverityDistribution::fixed(frac(k, 2)), f(d(k, 2)))),
        (30u32..=600, 30u32..=600).prop_map(|(a, b)| {
            let (a, b) = (f64::from(a) / 100.0, f64::from(b) / 100.0);
            (SeverityDistribution::beta(a, b).unwrap(), a / (a + b))
        }),
        (vec(0i64..=100, 1..=6), 1i64..=100).prop_map(|(mut v, fill)| {
            // At least one positive severity, so the process has downtime to rescale.
            if v.iter().all(|x| *x == 0) {
                v[0] = fill;
            }
            let mean = v.iter().map(|k| f(d(*k, 2))).sum::<f64>() / f(Decimal::from(v.len()));
            let fr: Vec<Fraction> = v.iter().map(|k| frac(*k, 2)).collect();
            (SeverityDistribution::empirical(&fr).unwrap(), mean)
        }),
    ]
}

#[derive(Debug, Clone)]
struct Proc {
    process: OutageProcess,
    mean_count: f64,
    mean_severity: f64,
}

fn process() -> impl Strategy<Value = Proc> {
    (frequency(), duration_dist(), severity()).prop_map(|((fr, n), dur, (sev, s))| Proc {
        process: OutageProcess::new(fr, dur, sev),
        mean_count: n,
        mean_severity: s,
    })
}

/// 2–5 distinct targets from 90 % to 99.999 %, ascending.
fn targets() -> impl Strategy<Value = Vec<Availability>> {
    btree_set(90_000i64..=99_999, 2..=5).prop_map(|s| s.into_iter().map(|k| percent(d(k, 3))).collect())
}

fn policy() -> impl Strategy<Value = ImprovementPolicy> {
    prop_oneof![
        Just(ImprovementPolicy::FewerIncidents),
        Just(ImprovementPolicy::FasterRecovery),
        (0i64..=100).prop_map(|w| mix(frac(w, 2))),
    ]
}

// ---------------------------------------------------------------------------
// Strategies: drivers
// ---------------------------------------------------------------------------

fn fraction2() -> impl Strategy<Value = Fraction> {
    (0i64..=100).prop_map(|k| frac(k, 2))
}

fn money(max_units: i64) -> impl Strategy<Value = Decimal> {
    (0..=max_units * 100).prop_map(|c| d(c, 2))
}

/// Durations of monotone curve points: 0, then by cumulative gaps; a gap of 0 is a
/// jump (never three points at one duration).
fn curve_ats(gaps: &[u64]) -> Vec<Duration> {
    let mut at = 0u64;
    let mut out = vec![Duration::ZERO];
    let mut prev_zero = false;
    for &g in gaps {
        let g = if g == 0 && prev_zero { 60 } else { g };
        prev_zero = g == 0;
        at += g;
        out.push(Duration::from_secs(at));
    }
    out
}

fn gap() -> impl Strategy<Value = u64> {
    prop_oneof![1 => Just(0u64), 4 => 60..=12 * HOUR]
}

/// A non-decreasing curve: a start in `0..=v0max`, increments up to `inc_max`, in units
/// of 10^-scale, optionally capped at `cap` units.
fn rising_points(
    v0max: i64,
    inc_max: i64,
    scale: u32,
    cap: Option<i64>,
) -> impl Strategy<Value = Vec<CurvePoint>> {
    (0..=v0max, vec((gap(), 0..=inc_max), 0..5)).prop_map(move |(v0, steps)| {
        let ats = curve_ats(&steps.iter().map(|s| s.0).collect::<Vec<_>>());
        let mut v = v0;
        let mut vals = vec![v0];
        for (_, inc) in &steps {
            v += inc;
            vals.push(v);
        }
        let cap = cap.unwrap_or(i64::MAX);
        ats.into_iter().zip(vals).map(|(at, val)| CurvePoint::new(at, d(val.min(cap), scale))).collect()
    })
}

fn basis() -> impl Strategy<Value = SalesBasis> {
    prop_oneof![Just(SalesBasis::Revenue), fraction2().prop_map(SalesBasis::GrossMargin)]
}

fn sales_constant() -> impl Strategy<Value = LostSales> {
    (money(100_000_000), fraction2(), fraction2(), basis()).prop_map(|(r, risk, rec, basis)| {
        LostSales::new(r, risk).unwrap().with_recovered(Recovery::Constant(rec)).unwrap().with_basis(basis)
    })
}

/// Lost sales with a non-increasing recovery curve in [0, 1]: 1 − a rising curve.
fn sales_curve() -> impl Strategy<Value = LostSales> {
    (money(100_000_000), fraction2(), rising_points(10_000, 4_000, 4, Some(10_000)), basis()).prop_map(
        |(r, risk, pts, basis)| {
            let falling: Vec<CurvePoint> =
                pts.iter().map(|p| CurvePoint::new(p.at(), Decimal::ONE - p.value())).collect();
            let rec = Recovery::Curve(Curve::non_increasing(&falling).unwrap());
            LostSales::new(r, risk).unwrap().with_recovered(rec).unwrap().with_basis(basis)
        },
    )
}

fn productivity() -> impl Strategy<Value = LostProductivity> {
    (0i64..=100_000, money(500), fraction2(), proptest::option::of((fraction2(), 0i64..=200))).prop_map(
        |(staff, rate, dep, caught)| {
            let p = LostProductivity::new(d(staff, 1), rate, dep).unwrap();
            match caught {
                Some((share, premium)) => p.with_caught_up(share, d(premium, 2)).unwrap(),
                None => p,
            }
        },
    )
}

fn response() -> impl Strategy<Value = Response> {
    (
        0i64..=200,
        money(500),
        secs(0, 8 * HOUR),
        money(100_000),
        proptest::option::of((secs(0, 48 * HOUR), 0i64..=1_000, money(300))),
    )
        .prop_map(|(n, rate, wrap, fixed, loss)| {
            let r = Response::new(d(n, 1), rate).unwrap().with_wrap_up(wrap).with_fixed_cost(fixed).unwrap();
            match loss {
                Some((w, staff, c)) => r.with_data_loss(DataLoss::new(w, Decimal::from(staff), c).unwrap()),
                None => r,
            }
        })
}

fn publicity() -> impl Strategy<Value = Publicity> {
    (secs(0, 72 * HOUR), money(1_000_000), fraction2())
        .prop_map(|(after, cost, min)| Publicity::new(after, cost).unwrap().with_min_severity(min))
}

fn brand() -> impl Strategy<Value = BrandImpact> {
    (0i64..=10_000_000, rising_points(100, 300, 4, Some(10_000)), money(10_000), vec(publicity(), 0..=3))
        .prop_map(|(customers, churn, ltv, pubs)| {
            let b = BrandImpact::new(Decimal::from(customers), &churn, ltv).unwrap();
            pubs.into_iter().fold(b, BrandImpact::with_publicity)
        })
}

fn custom() -> impl Strategy<Value = CustomImpact> {
    (rising_points(100_000, 10_000_000, 2, None), any::<bool>())
        .prop_map(|(pts, scale)| CustomImpact::new("penalty", &pts).unwrap().with_scale_by_severity(scale))
}

/// 1–4 thresholds strictly descending (50.00 %–99.99 %), credits non-decreasing down the list.
fn tiers() -> impl Strategy<Value = Vec<SlaTier>> {
    (btree_set(5_000i64..=9_999, 1..=4), vec(0i64..=100, 4)).prop_map(|(below, mut credits)| {
        credits.sort_unstable();
        below
            .iter()
            .rev()
            .zip(credits)
            .map(|(&b, c)| SlaTier::new(percent(d(b, 2)), Fraction::from_percent(Decimal::from(c)).unwrap()))
            .collect()
    })
}

fn sla_paid() -> impl Strategy<Value = SlaCredits> {
    (
        money(100_000),
        tiers(),
        select(vec![BillingPeriod::Month, BillingPeriod::Quarter, BillingPeriod::Year]),
        fraction2(),
        prop_oneof![
            Just(SlaMeasure::SeverityWeighted),
            fraction2().prop_map(|min_severity| SlaMeasure::FullDuration { min_severity }),
        ],
    )
        .prop_map(|(fee, tiers, period, cap, measure)| {
            SlaCredits::new(fee, &tiers)
                .unwrap()
                .with_direction(CreditDirection::Paid)
                .with_period(period)
                .with_cap(cap)
                .with_measure(measure)
        })
}

/// Any per-outage driver (every built-in kind except SLA credits).
fn per_outage_driver() -> impl Strategy<Value = Driver> {
    prop_oneof![
        sales_constant().prop_map(Driver::from),
        sales_curve().prop_map(Driver::from),
        productivity().prop_map(Driver::from),
        response().prop_map(Driver::from),
        brand().prop_map(Driver::from),
        custom().prop_map(Driver::from),
    ]
}

/// Any cost driver, SLA credits paid included: every line is a cost.
fn cost_driver() -> impl Strategy<Value = Driver> {
    prop_oneof![5 => per_outage_driver(), 1 => sla_paid().prop_map(Driver::from)]
}

/// A model of costs only: 1–5 drivers of any kind, SLA credits paid but never received.
fn cost_model() -> impl Strategy<Value = CostModel> {
    vec(cost_driver(), 1..=5).prop_map(model_of)
}

/// The SLA options for property runs: the default tolerance with a smaller grid, so
/// the binary stays fast; the bound reached is reported and allowed for.
fn fast_options() -> ExpectedOptions {
    ExpectedOptions::new().with_max_cells(1_024)
}

// ---------------------------------------------------------------------------
// 1. A higher target never costs more
// ---------------------------------------------------------------------------

/// Checks that each row costs at most the row before it (targets ascending), up to
/// both rows' documented error bounds and a relative 1e-9 of f64 noise.
fn check_non_increasing(study: &TargetStudy, what: &str) -> Result<(), TestCaseError> {
    for w in study.rows().windows(2) {
        let (lower, higher) = (&w[0], &w[1]);
        prop_assert!(higher.target() > lower.target());
        let scale = lower.total().abs().max(higher.total().abs());
        let slack = lower.error_bound() + higher.error_bound() + scale * d(1, 9) + d(1, 9);
        prop_assert!(
            higher.total() <= lower.total() + slack,
            "{what}: {} costs {} (±{}) but the lower {} costs {} (±{})",
            higher.target().percent(),
            higher.total(),
            higher.error_bound(),
            lower.target().percent(),
            lower.total(),
            lower.error_bound()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// Invariant: with every line a cost (per-outage drivers whose cost never falls
    /// with duration, SLA credits paid), a higher target, whose budget is smaller, never
    /// has a higher expected total under any policy: fewer incidents lowers the rate,
    /// faster recovery shortens every outage, a mix does some of each. Allowed: the
    /// rows' `error_bound` (SLA recursion) and relative 1e-9.
    #[test]
    fn higher_target_never_costs_more(
        model in cost_model(),
        p in process(),
        targets in targets(),
        w in fraction2(),
    ) {
        for policy in [ImprovementPolicy::FewerIncidents, ImprovementPolicy::FasterRecovery, mix(w)] {
            let study = study_of(&model, &p.process, policy, &targets, &fast_options());
            prop_assert_eq!(study.rows().len(), targets.len());
            check_non_increasing(&study, &format!("{policy:?}"))?;
        }
    }
}

// ---------------------------------------------------------------------------
// 2. Linear in the rate
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// Invariant: every per-outage line is E[N] × E[cost of one outage], so Poisson(kλ)
    /// costs exactly k × Poisson(λ), line by line, for every driver except SLA credits
    /// (relative 1e-12, plus the 1e-12 of the 12-place rounding of each amount).
    #[test]
    fn expected_cost_is_linear_in_the_poisson_rate(
        drivers in vec(per_outage_driver(), 1..=5),
        sla in sla_paid(),
        dur in duration_dist(),
        (sev, _) in severity(),
        lambda in 1u32..=5_000,
        k in 1u32..=1_000,
    ) {
        let model = model_of(drivers).with_driver(sla);
        let lambda = f64::from(lambda) / 100.0;
        let (kf, kd) = (f64::from(k) / 100.0, d(i64::from(k), 2));
        let at = |rate: f64| {
            let process = OutageProcess::new(Frequency::poisson(rate).unwrap(), dur.clone(), sev.clone());
            model.expected_annual(&process, &fast_options()).unwrap()
        };
        let (base, scaled) = (at(lambda), at(kf * lambda));
        prop_assert_eq!(base.items().len(), scaled.items().len());
        for (a, b) in base.items().iter().zip(scaled.items()) {
            if a.kind() == DriverKind::SlaCredits {
                continue;
            }
            let want = a.amount() * kd;
            prop_assert!(
                close(b.amount(), want, d(1, 12), d(2, 12)),
                "{}: Poisson({}) gives {} but {} × Poisson({}) = {}",
                a.name(), kf * lambda, b.amount(), kd, lambda, want
            );
        }
    }
}

// ---------------------------------------------------------------------------
// 3. Policies agree for drivers linear in duration, not for fixed costs
// ---------------------------------------------------------------------------

/// Drivers proportional to E[N] × E[D] (× E[S]): lost sales with a constant recovery
/// share, productivity, and response with no fixed cost, wrap-up or data loss.
fn linear_drivers() -> impl Strategy<Value = CostModel> {
    (sales_constant(), productivity(), 0i64..=200, money(500)).prop_map(|(s, p, n, rate)| {
        model_of(vec![s.into(), p.into(), Response::new(d(n, 1), rate).unwrap().into()])
    })
}

proptest! {
    #![proptest_config(config())]

    /// Invariant: for drivers proportional to E[N] × E[D], every policy spends the same
    /// budget E[N] × E[D] × E[S], so fewer incidents, faster recovery and any mix give
    /// the same line items at every target, under every duration family (relative 1e-9).
    #[test]
    fn policies_agree_for_drivers_linear_in_duration(
        model in linear_drivers(),
        families in every_family(),
        (fr, _) in frequency(),
        (sev, _) in severity(),
        targets in targets(),
        w in fraction2(),
    ) {
        for dur in families {
            let process = OutageProcess::new(fr, dur.clone(), sev.clone());
            let run = |p| study_of(&model, &process, p, &targets, &ExpectedOptions::new());
            let fewer = run(ImprovementPolicy::FewerIncidents);
            for other in [run(ImprovementPolicy::FasterRecovery), run(mix(w))] {
                for (a, b) in fewer.rows().iter().zip(other.rows()) {
                    for (x, y) in a.items().iter().zip(b.items()) {
                        prop_assert!(
                            close(x.amount(), y.amount(), d(1, 9), d(1, 11)),
                            "{:?} at {}: {} by fewer incidents, {} otherwise",
                            dur, a.target().percent(), x.amount(), y.amount()
                        );
                    }
                }
            }
        }
    }

    /// Invariant: a fixed cost per incident is E[N] × fixed. Fewer incidents scales it
    /// with the rate factor f = budget / (E[N] E[D] E[S]); faster recovery keeps it at
    /// E[N] × fixed at every target; a mix scales it by f^w. So the policies differ.
    #[test]
    fn fixed_cost_per_incident_follows_the_rate_not_the_duration(
        fixed in 1i64..=10_000_000,
        p in process(),
        targets in targets(),
        w in 1i64..=99,
    ) {
        let fixed = d(fixed, 2);
        let model = model_of(vec![Response::new(Decimal::ZERO, Decimal::ZERO).unwrap().with_fixed_cost(fixed).unwrap().into()]);
        let weighted = p.mean_count * p.process.duration().mean().as_secs_f64() / 3_600.0 * p.mean_severity;
        let per_year = p.mean_count * f(fixed);
        for policy in [ImprovementPolicy::FewerIncidents, ImprovementPolicy::FasterRecovery, mix(frac(w, 2))] {
            let study = study_of(&model, &p.process, policy, &targets, &ExpectedOptions::new());
            for row in study.rows() {
                let ratio = budget_hours(row.target(), Conventions::new()) / weighted;
                let (rate, _) = policy_factors(policy, ratio);
                let got = f(row.total());
                prop_assert!(
                    close_f(got, per_year * rate, 1e-9, 1e-11),
                    "{policy:?} at {}: {got} ≠ {per_year} × {rate}", row.target().percent()
                );
            }
            let totals: Vec<Decimal> = study.rows().iter().map(TargetRow::total).collect();
            if policy == ImprovementPolicy::FasterRecovery {
                // The rate is kept: the same line at every target.
                prop_assert!(totals.windows(2).all(|t| close(t[0], t[1], d(1, 12), d(1, 11))), "{totals:?}");
            } else {
                // A smaller budget, a smaller rate factor: never rising.
                prop_assert!(totals.windows(2).all(|t| t[1] <= t[0]), "{policy:?}: {totals:?}");
            }
            // And so fewer incidents (or a mix) differs from faster recovery wherever
            // the rate factor is away from 1 by more than the 12-place rounding.
            for row in study.rows() {
                let ratio = budget_hours(row.target(), Conventions::new()) / weighted;
                let (rate, _) = policy_factors(policy, ratio);
                if (rate - 1.0).abs() * per_year > 1e-9 {
                    prop_assert!(!close_f(f(row.total()), per_year, 0.0, 1e-11), "{policy:?}: {}", row.total());
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// 4. Each row uses exactly its budget
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// Invariant: under every policy each row's process spends exactly its target's
    /// budget: incidents_per_year × E[D at the row] × E[S] = (1 − A) × year hours
    /// (relative 1e-9, plus the rounding of the accessors: λ to 12 places, the mean
    /// duration to the nanosecond). Fewer incidents keeps `mean_duration`; faster
    /// recovery keeps the rate.
    #[test]
    fn every_row_uses_exactly_its_budget(
        p in process(),
        targets in targets(),
        pol in policy(),
        year in select(vec![YearLength::Days365, YearLength::Gregorian, YearLength::Julian]),
    ) {
        let conventions = Conventions::new().with_year(year);
        let model = CostModel::new(Currency::EUR)
            .with_calendar(Calendar::new(conventions))
            .with_driver(Response::new(Decimal::ONE, Decimal::ONE).unwrap());
        let study = study_of(&model, &p.process, pol, &targets, &ExpectedOptions::new());
        let base_mean = p.process.duration().mean();
        for row in study.rows() {
            let lambda = f(row.incidents_per_year());
            let mean_s = row.mean_duration().as_secs_f64();
            let used = lambda * mean_s / 3_600.0 * p.mean_severity;
            let budget = budget_hours(row.target(), conventions);
            let rel = 1e-9 + 1e-9 / mean_s + 1e-12 / lambda;
            prop_assert!(
                close_f(used, budget, rel, 0.0),
                "{pol:?} at {}: {lambda} × {mean_s} s × {} = {used} h, budget {budget} h",
                row.target().percent(), p.mean_severity
            );
            prop_assert!(close_f(row.budget_per_year().as_secs_f64() / 3_600.0, budget, 1e-12, 1e-12));
            match pol {
                ImprovementPolicy::FewerIncidents => prop_assert_eq!(row.mean_duration(), base_mean),
                ImprovementPolicy::FasterRecovery => {
                    prop_assert!(close_f(lambda, p.mean_count, 1e-12, 1e-12), "{lambda} vs {}", p.mean_count);
                }
                _ => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------
// 6. Sums and serde
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// Invariant: `ExpectedAnnualCost` items sum exactly (no rounding) to its total, one
    /// item per driver, SLA credits received included (a negative line);
    /// `expected_outages` is E[N] and `weighted_downtime_hours` is E[N] E[D] E[S].
    #[test]
    fn expected_items_sum_exactly_to_the_total(
        model in cost_model(),
        received in proptest::option::of(sla_paid()),
        p in process(),
    ) {
        let model = match received {
            Some(s) => model.with_driver(s.with_direction(CreditDirection::Received)),
            None => model,
        };
        let e = model.expected_annual(&p.process, &fast_options()).unwrap();
        prop_assert_eq!(e.items().len(), model.drivers().len());
        prop_assert_eq!(sum(e.items()), e.total());
        prop_assert!(close_f(f(e.expected_outages()), p.mean_count, 1e-12, 1e-12));
        let weighted = p.mean_count * p.process.duration().mean().as_secs_f64() / 3_600.0 * p.mean_severity;
        prop_assert!(close_f(f(e.weighted_downtime_hours()), weighted, 1e-9, 1e-11));
        prop_assert!(e.sla_error_bound() >= Decimal::ZERO);
    }

    /// Invariant: a study's JSON has one row per target, in order, each with the row's
    /// exact total, and each row's items (planned maintenance included) sum to its total.
    #[test]
    fn study_json_has_one_row_per_target(
        model in cost_model(),
        p in process(),
        maintenance in proptest::option::of(process()),
        targets in targets(),
        pol in policy(),
    ) {
        let assumption = OutageAssumption::Process(ProcessAssumption::new(&p.process, pol));
        let study = TargetStudy::with_options(
            &model, &assumption, &targets, maintenance.as_ref().map(|m| &m.process), &fast_options(),
        ).unwrap();
        let json = serde_json::to_value(&study).unwrap();
        let rows = json["rows"].as_array().unwrap();
        prop_assert_eq!(rows.len(), targets.len());
        let lines = model.drivers().len() + usize::from(maintenance.is_some());
        for ((j, row), t) in rows.iter().zip(study.rows()).zip(&targets) {
            prop_assert_eq!(row.target(), *t);
            prop_assert_eq!(j["items"].as_array().unwrap().len(), lines);
            prop_assert_eq!(Decimal::from_str(j["expected_outage_cost"].as_str().unwrap()).unwrap(), row.total());
            prop_assert_eq!(sum(row.items()), row.total());
        }
    }
}

// ---------------------------------------------------------------------------
// Further consistency properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// Invariant: a mix with share 1 is fewer incidents and a mix with share 0 is
    /// faster recovery, exactly (f^1 = f, f^0 = 1), SLA lines included.
    #[test]
    fn mix_extremes_are_the_pure_policies(model in cost_model(), p in process(), targets in targets()) {
        // A coarse grid: the identity is exact whatever the precision.
        let coarse = ExpectedOptions::new().with_max_cells(256);
        let run = |pol| study_of(&model, &p.process, pol, &targets, &coarse);
        // The studies differ only in the policy they name.
        let (a, b) = (run(mix(Fraction::ONE)), run(ImprovementPolicy::FewerIncidents));
        prop_assert_eq!(a.rows(), b.rows());
        let (a, b) = (run(mix(Fraction::ZERO)), run(ImprovementPolicy::FasterRecovery));
        prop_assert_eq!(a.rows(), b.rows());
    }

    /// Invariant: for every per-outage driver a typical outage of duration d and
    /// severity s costs, at each target, what a process of outages of exactly d and s
    /// costs under fewer incidents (both spend the budget as λ = B / (d s) outages of
    /// mean cost; relative 1e-9). SLA credits differ by design (even spread vs a
    /// random count per period) and are skipped.
    #[test]
    fn typical_outage_matches_a_fixed_process(
        drivers in vec(per_outage_driver(), 1..=5),
        (fr, _) in frequency(),
        dur in secs(60, 24 * HOUR),
        sev in 1i64..=100,
        targets in targets(),
    ) {
        let model = model_of(drivers);
        let typical = OutageAssumption::Typical(Outage::new(dur).with_severity(frac(sev, 2)));
        let a = TargetStudy::new(&model, &typical, &targets).unwrap();
        let process = OutageProcess::new(
            fr, DurationDistribution::fixed(dur), SeverityDistribution::fixed(frac(sev, 2)),
        );
        let b = study_of(&model, &process, ImprovementPolicy::FewerIncidents, &targets, &ExpectedOptions::new());
        for (x, y) in a.rows().iter().zip(b.rows()) {
            prop_assert!(close(x.incidents_per_year(), y.incidents_per_year(), d(1, 9), d(1, 11)));
            for (i, j) in x.items().iter().zip(y.items()) {
                prop_assert!(
                    close(i.amount(), j.amount(), d(1, 9), d(1, 9)),
                    "{} at {}: typical {} vs process {}", i.name(), x.target().percent(), i.amount(), j.amount()
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// 5. Hand-worked values
// ---------------------------------------------------------------------------

/// 1 000 an hour of sales on a 365-day year (8 760 h), all at risk.
fn sales_1000_an_hour() -> CostModel {
    CostModel::new(Currency::USD).with_driver(LostSales::new(dec!(8_760_000), Fraction::ONE).unwrap())
}

fn poisson_process(rate: f64, dur: DurationDistribution) -> OutageProcess {
    OutageProcess::new(Frequency::poisson(rate).unwrap(), dur, SeverityDistribution::default())
}

/// (a) Exponential durations with a mean of 2 h, Poisson 3 a year, 1 000 an hour of
/// sales all at risk: E = E[N] × 1 000/h × E[D] = 3 × 1 000 × 2 = 6 000 a year.
#[test]
fn hand_exponential_lost_sales() {
    let process = poisson_process(3.0, DurationDistribution::exponential(hours(2.0)).unwrap());
    let e = sales_1000_an_hour().expected_annual(&process, &ExpectedOptions::new()).unwrap();
    assert!((e.total() - dec!(6_000)).abs() < dec!(0.000001), "{}", e.total());
    assert_eq!(e.sla_error_bound(), Decimal::ZERO);
    // 3 outages of 2 h: 6 h of weighted downtime a year.
    assert!((e.weighted_downtime_hours() - dec!(6)).abs() < dec!(0.000000001));
}

/// (b) Lognormal μ = 0, σ = 1 (ln hours), churn a single step: 0 below 4 h, 1 % from
/// 4 h on; 10 000 customers worth 500 each; Poisson 2 a year.
///
/// E per outage = customers × LTV × 0.01 × P(D ≥ 4 h), P(D ≥ 4) = 1 − Φ(ln 4 − 0) / 1.
/// ln 4 = 1.386 294 361 119 890 6; Φ(1.386 294 4) = 0.917 171 480 998 301 5 (normal
/// table: Φ(1.38) = 0.916 21, Φ(1.39) = 0.917 74, interpolating to 0.917 17), so
/// P(D ≥ 4) = 0.082 828 519 001 698 5.
/// E a year = 2 × 10 000 × 500 × 0.01 × 0.082 828 519 001 698 5 = 8 282.851 900 169 85.
#[test]
fn hand_lognormal_churn_step() {
    let h4 = Duration::from_secs(4 * HOUR);
    let churn = [
        CurvePoint::new(Duration::ZERO, Decimal::ZERO),
        CurvePoint::new(h4, Decimal::ZERO),
        CurvePoint::new(h4, dec!(0.01)),
    ];
    let model =
        CostModel::new(Currency::USD).with_driver(BrandImpact::new(dec!(10_000), &churn, dec!(500)).unwrap());
    let process = poisson_process(2.0, DurationDistribution::lognormal(0.0, 1.0).unwrap());
    let e = model.expected_annual(&process, &ExpectedOptions::new()).unwrap();
    let tail = dec!(0.0828285190016984853498891206);
    let want = dec!(2) * dec!(10_000) * dec!(500) * dec!(0.01) * tail;
    assert!(close(e.total(), want, d(1, 10), Decimal::ZERO), "{} vs {want}", e.total());
    // The table's interpolated Φ agrees to its 4 digits.
    let table_tail = Decimal::ONE - dec!(0.91621) - (dec!(0.91774) - dec!(0.91621)) * dec!(0.6294361);
    assert!((e.total() / want - Decimal::ONE).abs() < dec!(0.0001));
    assert!((tail - table_tail).abs() < dec!(0.00001), "{table_tail}");
}

/// A model with every per-outage driver and SLA credits, for comparing distributions.
fn every_driver_model() -> CostModel {
    let h = |n: u64| Duration::from_secs(n * HOUR);
    let tier = |below: Decimal, credit: Decimal| {
        SlaTier::new(percent(below), Fraction::from_percent(credit).unwrap())
    };
    CostModel::new(Currency::USD)
        .with_driver(
            LostSales::new(dec!(8_760_000), frac(6, 1))
                .unwrap()
                .with_recovered(Recovery::Curve(
                    Curve::non_increasing(&[
                        CurvePoint::new(h(0), dec!(0.6)),
                        CurvePoint::new(h(4), dec!(0.2)),
                    ])
                    .unwrap(),
                ))
                .unwrap(),
        )
        .with_driver(LostProductivity::new(dec!(50), dec!(40), frac(5, 1)).unwrap())
        .with_driver(
            Response::new(dec!(3), dec!(90))
                .unwrap()
                .with_wrap_up(h(1))
                .with_fixed_cost(dec!(2_000))
                .unwrap()
                .with_data_loss(DataLoss::new(Duration::from_secs(900), dec!(10), dec!(40)).unwrap()),
        )
        .with_driver(
            BrandImpact::new(
                dec!(10_000),
                &[CurvePoint::new(h(0), dec!(0)), CurvePoint::new(h(8), dec!(0.02))],
                dec!(300),
            )
            .unwrap()
            .with_publicity(Publicity::new(h(6), dec!(50_000)).unwrap()),
        )
        .with_driver(
            CustomImpact::new(
                "fine",
                &[
                    CurvePoint::new(h(0), dec!(0)),
                    CurvePoint::new(h(4), dec!(0)),
                    CurvePoint::new(h(4), dec!(100_000)),
                ],
            )
            .unwrap(),
        )
        .with_driver(
            SlaCredits::new(dec!(20_000), &[tier(dec!(99.9), dec!(10)), tier(dec!(99), dec!(25))]).unwrap(),
        )
}

/// (c) Weibull with shape 1 and scale m is the exponential with mean m:
/// P(D ≤ x) = 1 − e^{−(x/m)^1}. Every line, SLA credits included, is the same
/// (relative 1e-12), and so is the SLA error bound.
#[test]
fn hand_weibull_shape_one_is_exponential() {
    let model = every_driver_model();
    for mean_h in [0.25, 1.5, 7.0] {
        let w = poisson_process(6.0, DurationDistribution::weibull(1.0, hours(mean_h)).unwrap());
        let x = poisson_process(6.0, DurationDistribution::exponential(hours(mean_h)).unwrap());
        let (a, b) = (
            model.expected_annual(&w, &ExpectedOptions::new()).unwrap(),
            model.expected_annual(&x, &ExpectedOptions::new()).unwrap(),
        );
        for (i, j) in a.items().iter().zip(b.items()) {
            assert!(
                close(i.amount(), j.amount(), d(1, 12), d(1, 11)),
                "{}: {} vs {}",
                i.name(),
                i.amount(),
                j.amount()
            );
        }
        assert!(close(a.sla_error_bound(), b.sla_error_bound(), d(1, 12), d(1, 11)));
    }
}

/// Means of each family, by hand: exponential m; lognormal e^{μ + σ²/2}; Weibull
/// shape 2, scale λ: λ Γ(1.5) = λ √π / 2; gamma α θ; empirical the average; fixed itself.
#[test]
fn hand_family_means() {
    let mean_h = |dd: &DurationDistribution| dd.mean().as_secs_f64() / 3_600.0;
    let cases: [(DurationDistribution, f64); 6] = [
        (DurationDistribution::exponential(hours(2.0)).unwrap(), 2.0),
        // e^{0.5 + 0.32} = e^{0.82} = 2.270 499 838 …
        (DurationDistribution::lognormal(0.5, 0.8).unwrap(), 2.270_499_838_668_552_6),
        // 3 × 0.886 226 925 452 758 = 2.658 680 776 358 274
        (DurationDistribution::weibull(2.0, hours(3.0)).unwrap(), 2.658_680_776_358_274),
        (DurationDistribution::gamma(2.5, hours(0.4)).unwrap(), 1.0),
        (DurationDistribution::empirical(&[hours(0.5), hours(1.0), hours(4.5)]).unwrap(), 2.0),
        (DurationDistribution::fixed(hours(1.25)), 1.25),
    ];
    for (dd, want) in &cases {
        assert!(close_f(mean_h(dd), *want, 1e-9, 0.0), "{dd:?}: {} vs {want}", mean_h(dd));
    }
}

/// A single tier: below `below` % a month, 10 % of a 1 000 fee; monthly billing.
fn one_tier_sla(below: Decimal) -> CostModel {
    let tier = SlaTier::new(percent(below), frac(1, 1));
    CostModel::new(Currency::USD).with_driver(SlaCredits::new(dec!(1_000), &[tier]).unwrap())
}

fn one_hour_outages(frequency: Frequency) -> OutageProcess {
    OutageProcess::new(
        frequency,
        DurationDistribution::fixed(Duration::from_secs(HOUR)),
        SeverityDistribution::default(),
    )
}

/// Asserts `got` is within its reported error bound (plus 1e-9) of `want`.
fn within_bound(e: &downtime_cost::ExpectedAnnualCost, want: Decimal) {
    let got = e.items()[0].amount();
    assert!(
        (got - want).abs() <= e.sla_error_bound() + d(1, 9),
        "{got} vs {want} (bound {})",
        e.sla_error_bound()
    );
}

/// e^{−2} to 28 digits.
const E_MINUS_2: Decimal = dec!(0.1353352832366126918939994950);

/// (e) Poisson 24 a year of 1 h outages at severity 1, monthly billing (year/12 =
/// 730 h), one tier: below 99.8 % → 10 % of 1 000. Threshold u = 0.002 × 730 = 1.46 h;
/// a month's downtime is N hours, N ~ Poisson(2), so the credit is due when N ≥ 2.
/// P(N ≥ 2) = 1 − e^{−2}(1 + 2) = 1 − 3 × 0.135 335 283 236 612 7 = 0.593 994 150 290 161 9.
/// Expected = 12 × 1 000 × 0.1 × 0.593 994 150 290 161 9 = 712.792 980 348 194 3.
#[test]
fn hand_sla_single_tier_poisson() {
    let model = one_tier_sla(dec!(99.8));
    let e = model
        .expected_annual(&one_hour_outages(Frequency::poisson(24.0).unwrap()), &ExpectedOptions::new())
        .unwrap();
    let want = dec!(12) * dec!(1_000) * dec!(0.1) * (Decimal::ONE - dec!(3) * E_MINUS_2);
    within_bound(&e, want);
    // The default tolerance: the bound is at most 1 % of the line.
    assert!(e.sla_error_bound() <= e.total() * dec!(0.01), "{}", e.sla_error_bound());
}

/// (d) A negative-binomial count with the same mean (24 a year, shape 2) gives the same
/// per-outage lines as Poisson (expectations use the mean rate), but not the same SLA
/// line: per month N ~ NB(r = 2, β = 24/12/2 = 1), P(N = n) = (n + 1) (1/2)^{n+2}:
/// P(0) = 1/4, P(1) = 1/4, P(2) = 3/16, P(3) = 1/8.
/// - tier below 99.9 % (u = 0.73 h, due when N ≥ 1): NB 3/4 < Poisson 1 − e^{−2} = 0.864 66;
///   expected 1 200 × 0.75 = 900 vs 1 200 × 0.864 664 716 763 387 3 = 1 037.597 660 116 06;
/// - tier below 99.5 % (u = 3.65 h, due when N ≥ 4): NB 3/16 = 0.1875 > Poisson
///   1 − e^{−2}(1 + 2 + 2 + 4/3) = 0.142 876 539 501 452 7; expected 225 vs 171.451 847 4.
///
/// So the over-dispersed count is cheaper for a lenient tier and dearer for a strict one.
#[test]
fn hand_negative_binomial_same_mean() {
    let nb = one_hour_outages(Frequency::negative_binomial(24.0, 2.0).unwrap());
    let po = one_hour_outages(Frequency::poisson(24.0).unwrap());
    let opts = ExpectedOptions::new();
    // Per-outage drivers: identical amounts.
    let model = every_driver_model();
    let (on_nb, on_po) =
        (model.expected_annual(&nb, &opts).unwrap(), model.expected_annual(&po, &opts).unwrap());
    for (x, y) in on_nb.items().iter().zip(on_po.items()) {
        if x.kind() != DriverKind::SlaCredits {
            assert_eq!(x.amount(), y.amount(), "{}", x.name());
        }
    }
    // SLA lines (an `Ok` is finite: non-finite expectations are errors), as worked out
    // above, and apart by more than both bounds: NB lower for the lenient tier, higher
    // for the strict one.
    let cases = [
        (dec!(99.9), dec!(900), dec!(1_200) * (Decimal::ONE - E_MINUS_2), false),
        (
            dec!(99.5),
            dec!(225),
            dec!(1_200) * (Decimal::ONE - E_MINUS_2 * (dec!(5) + Decimal::from(4) / Decimal::from(3))),
            true,
        ),
    ];
    for (below, nb_want, po_want, nb_dearer) in cases {
        let sla = one_tier_sla(below);
        let (x, y) = (sla.expected_annual(&nb, &opts).unwrap(), sla.expected_annual(&po, &opts).unwrap());
        within_bound(&x, nb_want);
        within_bound(&y, po_want);
        let bounds = x.sla_error_bound() + y.sla_error_bound();
        let (dear, cheap) = if nb_dearer { (&x, &y) } else { (&y, &x) };
        assert!(
            dear.total() > cheap.total() + bounds,
            "below {below}: NB {} vs Poisson {}",
            x.total(),
            y.total()
        );
    }
}

/// (f) Planned maintenance: a line of its own, the same at every target and under
/// every policy, equal to the maintenance process's expected cost without SLA credits.
/// By hand for the sales line: 12 windows of exactly 2 h a year at 1 000 an hour = 24 000;
/// the model's response line adds 12 × 3 × 90 × 2 h = 6 480.
#[test]
fn hand_planned_maintenance() {
    let model = sales_1000_an_hour().with_driver(Response::new(dec!(3), dec!(90)).unwrap()).with_driver(
        SlaCredits::new(dec!(10_000), &[SlaTier::new(percent(dec!(99.9)), frac(1, 1))]).unwrap(),
    );
    let maintenance = OutageProcess::new(
        Frequency::fixed(12),
        DurationDistribution::fixed(Duration::from_secs(2 * HOUR)),
        SeverityDistribution::default(),
    );
    let e = model.expected_annual(&maintenance, &ExpectedOptions::new()).unwrap();
    let without_sla: Decimal =
        e.items().iter().filter(|i| i.kind() != DriverKind::SlaCredits).map(LineItem::amount).sum();
    assert!((without_sla - dec!(30_480)).abs() < d(1, 9), "{without_sla}");
    // The SLA would have a credit for 2 h in a month (> 0.73 h), but maintenance is excluded.
    assert!(e.items()[2].amount() > Decimal::ZERO);
    let process = poisson_process(4.0, DurationDistribution::lognormal(0.0, 1.0).unwrap());
    let targets: Vec<Availability> = [dec!(99), dec!(99.9), dec!(99.95), dec!(99.99)].map(percent).to_vec();
    for policy in [ImprovementPolicy::FewerIncidents, ImprovementPolicy::FasterRecovery, mix(frac(5, 1))] {
        let assumption = OutageAssumption::Process(ProcessAssumption::new(&process, policy));
        let opts = ExpectedOptions::new();
        let with =
            TargetStudy::with_options(&model, &assumption, &targets, Some(&maintenance), &opts).unwrap();
        let plain = TargetStudy::with_options(&model, &assumption, &targets, None, &opts).unwrap();
        for (r, q) in with.rows().iter().zip(plain.rows()) {
            let last = r.items().last().unwrap();
            assert_eq!(last.kind(), DriverKind::PlannedMaintenance);
            assert_eq!(last.amount(), without_sla);
            assert_eq!(r.items().len(), q.items().len() + 1);
            assert_eq!(r.total(), q.total() + without_sla);
            assert_eq!(sum(r.items()), r.total());
        }
    }
}

// ---------------------------------------------------------------------------
// Library bugs
// ---------------------------------------------------------------------------

/// A fixed count of outages stays fixed when the rate factor is exactly 1 but turns
/// Poisson for any other factor, so the SLA line jumps at that one target.
///
/// One 8.76 h outage a year exactly (severity 1): 99.9 % (budget 8.76 h) is f = 1, the
/// count stays "exactly 1", at most one outage a month, so a tier below 98 % a month
/// (u = 14.6 h, two outages needed) never pays: 0. At 99.91 % (f = 0.9) the count is
/// Poisson(0.9): two outages in a month have probability 1 − e^{−0.075}(1.075) ≈ 0.002 66,
/// so the line is ≈ 12 × 1 000 × 0.002 66 ≈ 31.9 a year: the higher target costs more.
/// Rescaling a fixed count makes it Poisson at every factor, so this no longer happens.
#[test]
fn fixed_count_is_monotone_across_the_exact_budget() {
    let tier = SlaTier::new(percent(dec!(98)), Fraction::ONE);
    let model = CostModel::new(Currency::USD).with_driver(SlaCredits::new(dec!(1_000), &[tier]).unwrap());
    let process = OutageProcess::new(
        Frequency::fixed(1),
        DurationDistribution::fixed(Duration::from_secs(31_536)),
        SeverityDistribution::default(),
    );
    let targets = [dec!(99.8), dec!(99.9), dec!(99.91)].map(percent);
    let study =
        study_of(&model, &process, ImprovementPolicy::FewerIncidents, &targets, &ExpectedOptions::new());
    let totals: Vec<Decimal> = study.rows().iter().map(TargetRow::total).collect();
    for w in study.rows().windows(2) {
        let slack = w[0].error_bound() + w[1].error_bound() + d(1, 9);
        assert!(w[1].total() <= w[0].total() + slack, "totals by target {totals:?}");
    }
}

/// A study of six targets shares the SLA recursion's grids, and the other drivers' expected cost
/// of one outage, across targets while the durations and severities stay (fewer incidents), and
/// drops them when they change (faster recovery); each row, line by line, must still be exactly
/// what the expectation of that row's own process gives alone (a value kept from another target's
/// durations would move a line).
#[test]
fn a_study_sharing_grids_equals_each_target_evaluated_alone() {
    let model = downtime_cost::Scenario::builtin("saas").unwrap().model();
    let process = OutageProcess::new(
        Frequency::poisson(12.0).unwrap(),
        DurationDistribution::lognormal(0.0, 1.2).unwrap(),
        SeverityDistribution::beta(4.0, 1.0).unwrap(),
    );
    let targets: Vec<Availability> =
        [dec!(99), dec!(99.5), dec!(99.9), dec!(99.95), dec!(99.99), dec!(99.999)].map(percent).to_vec();
    for policy in [ImprovementPolicy::FewerIncidents, ImprovementPolicy::FasterRecovery] {
        let study = TargetStudy::new(
            &model,
            &OutageAssumption::Process(ProcessAssumption::new(&process, policy)),
            &targets,
        )
        .unwrap();
        for row in study.rows() {
            let alone = model.expected_annual(row.process(), &ExpectedOptions::default()).unwrap();
            assert_eq!(row.total(), alone.total(), "{policy:?} at {}", row.target());
            assert_eq!(row.items(), alone.items(), "{policy:?} at {}", row.target());
            assert!(row.items().len() >= 4, "lost sales, response, SLA and more: {:?}", row.items());
            assert_eq!(row.error_bound(), alone.error_bound(), "{policy:?} at {}", row.target());
            assert!(row.error_bound() > Decimal::ZERO, "the SLA line comes from the bracketed recursion");
        }
    }
}
