//! Criterion benchmarks of the exact (Decimal) cost model.
//!
//! Target (docs/design.md §10): `CostModel::cost` on the full model, every driver,
//! under 1 µs per outage.
//!
//! ```text
//! cargo bench --bench cost
//! ```

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use downtime_cost::{OutageStart, Scenario};
use std::hint::black_box;
use std::time::Duration;

fn outage(start: Option<OutageStart>) -> downtime_cost::Outage {
    let o = downtime_cost::Outage::new(Duration::from_secs(2 * 3600 + 17 * 60)).with_severity(
        downtime_cost::Fraction::new(rust_decimal::Decimal::new(8, 1))
            .unwrap_or(downtime_cost::Fraction::ONE),
    );
    match start {
        Some(s) => o.with_start(s).unwrap_or(o),
        None => o,
    }
}

fn cost(c: &mut Criterion) {
    let mut g = c.benchmark_group("cost");
    g.throughput(Throughput::Elements(1));
    for name in Scenario::builtin_names() {
        let Ok(scenario) = Scenario::builtin(name) else { continue };
        let model = scenario.model();
        for (label, start) in [
            ("no_start", None),
            ("week_start", Some(OutageStart::Week(Duration::from_secs(4 * 86_400 + 19 * 3600 + 30 * 60)))),
            ("year_start", Some(OutageStart::Year(Duration::from_secs(330 * 86_400 + 20 * 3600)))),
        ] {
            let o = outage(start);
            g.bench_function(format!("{name}/{label}"), |b| b.iter(|| model.cost(black_box(&o))));
        }
    }
    g.finish();
}

fn targets(c: &mut Criterion) {
    let mut g = c.benchmark_group("target_study");
    for name in Scenario::builtin_names() {
        let Ok(scenario) = Scenario::builtin(name) else { continue };
        let model = scenario.model();
        // Fit once: the benchmark measures the study, not the fit.
        let assumption = match scenario.assumption() {
            downtime_cost::OutageAssumption::Fitted(f) => match f.to_process() {
                Ok(p) => downtime_cost::OutageAssumption::Process(p),
                Err(_) => continue,
            },
            other => other.clone(),
        };
        g.throughput(Throughput::Elements(scenario.targets().len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| downtime_cost::TargetStudy::new(&model, black_box(&assumption), scenario.targets()));
        });
    }
    g.finish();
}

/// The exact expected annual cost for six targets under a lognormal process:
/// the retailer model (closed forms only) and the `SaaS` model (with the
/// SLA recursion).
fn expected(c: &mut Criterion) {
    use downtime_cost::{
        Availability, DurationDistribution, Frequency, ImprovementPolicy, OutageAssumption, OutageProcess,
        ProcessAssumption, SeverityDistribution, TargetStudy,
    };
    let mut g = c.benchmark_group("expected_six_targets");
    g.throughput(Throughput::Elements(6));
    let targets: Vec<Availability> = [99.0, 99.5, 99.9, 99.95, 99.99, 99.999]
        .iter()
        .filter_map(|p| rust_decimal::Decimal::try_from(*p).ok())
        .filter_map(|p| Availability::from_percent(p).ok())
        .collect();
    let Ok(duration) = DurationDistribution::lognormal(0.0, 1.2) else { return };
    let Ok(severity) = SeverityDistribution::beta(4.0, 1.0) else { return };
    let Ok(frequency) = Frequency::poisson(12.0) else { return };
    let process = OutageProcess::new(frequency, duration.clone(), severity);
    let full_severity = OutageProcess::new(frequency, duration, SeverityDistribution::default());
    if let Ok(scenario) = Scenario::builtin("saas") {
        let model = scenario.model();
        let assumption = OutageAssumption::Process(ProcessAssumption::new(
            &full_severity,
            ImprovementPolicy::FewerIncidents,
        ));
        g.bench_function("saas/fewer_incidents/full_severity", |b| {
            b.iter(|| TargetStudy::new(&model, black_box(&assumption), &targets));
        });
    }
    for name in ["retailer", "saas"] {
        let Ok(scenario) = Scenario::builtin(name) else { continue };
        let model = scenario.model();
        for (label, policy) in [
            ("fewer_incidents", ImprovementPolicy::FewerIncidents),
            ("faster_recovery", ImprovementPolicy::FasterRecovery),
        ] {
            let assumption = OutageAssumption::Process(ProcessAssumption::new(&process, policy));
            g.bench_function(format!("{name}/{label}"), |b| {
                b.iter(|| TargetStudy::new(&model, black_box(&assumption), &targets));
            });
        }
    }
    g.finish();
}

fn scenario(c: &mut Criterion) {
    let text = Scenario::builtin("retailer").and_then(|s| s.to_json()).unwrap_or_default();
    c.bench_function("scenario/read_and_evaluate_retailer", |b| {
        b.iter(|| {
            Scenario::from_json(black_box(&text))
                .and_then(|s| downtime_cost::Analysis::new(&s))
                .and_then(|a| downtime_cost::Report::new(&a))
        });
    });
}

criterion_group!(benches, cost, targets, expected, scenario);
criterion_main!(benches);
