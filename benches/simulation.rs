//! Criterion benchmarks of the Monte Carlo engine (docs/design.md §10, one core):
//!
//! - full model (calendar, curves, SLA periods): ≥ 15 million simulated
//!   outages a second per core;
//! - 1 000 000 years at 12 outages a year: under 1 s on one core;
//! - one lognormal loss at 0.1 outages a year: 1 000 000 years with all
//!   quantiles under 10 ms on one core.
//!
//! ```text
//! cargo bench --bench simulation
//! ```

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use downtime_cost::{
    CostModel, Currency, DurationDistribution, Fraction, Frequency, LostSales, OutageProcess, Scenario,
    SeverityDistribution, SimulationOptions, simulate,
};
use std::hint::black_box;
use std::time::Duration;

/// Poisson outages with lognormal durations, full severity (the default).
fn process(rate: f64) -> Option<OutageProcess> {
    Some(OutageProcess::new(
        Frequency::poisson(rate).ok()?,
        DurationDistribution::lognormal(0.0, 1.2).ok()?,
        SeverityDistribution::default(),
    ))
}

/// The same with a beta(4, 1) severity (a beta draw costs two gamma draws).
fn process_beta(rate: f64) -> Option<OutageProcess> {
    Some(OutageProcess::new(
        Frequency::poisson(rate).ok()?,
        DurationDistribution::lognormal(0.0, 1.2).ok()?,
        SeverityDistribution::beta(4.0, 1.0).ok()?,
    ))
}

fn full_model(c: &mut Criterion) {
    let mut g = c.benchmark_group("simulate_full_model");
    g.sample_size(10);
    let Some(p) = process(12.0) else { return };
    for name in ["retailer", "saas"] {
        let Ok(scenario) = Scenario::builtin(name) else { continue };
        let model = scenario.model();
        let years = 100_000u64;
        // Throughput in simulated outages (12 a year on average).
        g.throughput(Throughput::Elements(years * 12));
        let options = SimulationOptions::new().with_trials(years).with_seed(1);
        g.bench_function(format!("{name}/100k_years_12_a_year"), |b| {
            b.iter(|| simulate(&model, black_box(&p), &options));
        });
        if let Some(pb) = process_beta(12.0) {
            g.bench_function(format!("{name}/100k_years_12_a_year_beta_severity"), |b| {
                b.iter(|| simulate(&model, black_box(&pb), &options));
            });
        }
    }
    g.finish();
}

fn million_years(c: &mut Criterion) {
    let mut g = c.benchmark_group("simulate_million_years");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    let Some(p) = process(12.0) else { return };
    let Ok(scenario) = Scenario::builtin("saas") else { return };
    let model = scenario.model();
    let options = SimulationOptions::new().with_trials(1_000_000).with_seed(2);
    g.throughput(Throughput::Elements(1_000_000));
    g.bench_function("saas/12_a_year", |b| b.iter(|| simulate(&model, black_box(&p), &options)));
    g.finish();
}

#[allow(clippy::many_single_char_names, reason = "f, d, p, l, g as in the model")]
fn rare_lognormal(c: &mut Criterion) {
    let mut g = c.benchmark_group("simulate_rare_lognormal");
    g.sample_size(20);
    // One loss proportional to a lognormal duration: 1 000 an hour of sales, and durations whose
    // 90 % interval is [100 h, 1 000 h], so the loss's is [1e5, 1e6] (the loss
    // `benches/numpy_reference.py` draws): μ = ln √(100 × 1000) h, σ = ln 10 / (2 × 1.6449).
    let Ok(sales) = LostSales::new(rust_decimal::Decimal::from(8_760_000), Fraction::ONE) else { return };
    let model = CostModel::new(Currency::USD).with_driver(sales);
    let (mu, sigma) = ((100.0_f64 * 1000.0).sqrt().ln(), 10f64.ln() / (2.0 * 1.644_853_626_951_472_2));
    let (Ok(f), Ok(d)) = (Frequency::poisson(0.1), DurationDistribution::lognormal(mu, sigma)) else {
        return;
    };
    let p = OutageProcess::new(f, d, SeverityDistribution::default());
    let options = SimulationOptions::new().with_trials(1_000_000).with_seed(3);
    g.throughput(Throughput::Elements(1_000_000));
    g.bench_function("0.1_a_year/1m_years_with_quantiles", |b| {
        b.iter(|| {
            let l = simulate(&model, black_box(&p), &options).ok()?;
            Some((l.percentiles(), l.expected_shortfall(0.99).ok()))
        });
    });
    g.finish();
}

criterion_group!(benches, full_model, million_years, rare_lognormal);
criterion_main!(benches);
