//! Criterion benchmarks of the exact (Decimal) cost model.
//!
//! Target (DESIGN §10): `CostModel::cost` on the full model, every driver,
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
        g.throughput(Throughput::Elements(scenario.targets().len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                downtime_cost::TargetStudy::new(&model, black_box(scenario.assumption()), scenario.targets())
            });
        });
    }
    g.finish();
}

fn scenario(c: &mut Criterion) {
    let text = Scenario::builtin("retailer").and_then(|s| s.to_json()).unwrap_or_default();
    c.bench_function("scenario/read_and_evaluate_retailer", |b| {
        b.iter(|| Scenario::from_json(black_box(&text)).and_then(|s| s.evaluate()));
    });
}

criterion_group!(benches, cost, targets, scenario);
criterion_main!(benches);
