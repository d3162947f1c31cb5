//! Simulates many years of one outage process and prints the loss distribution's summary: the
//! workloads of the simulation benchmarks, as a whole process, for measuring peak memory with
//! `/usr/bin/time -v` and for timing against `benches/numpy_reference.py`.
//!
//! ```text
//! cargo run --release --example simulate_years -- saas 1000000        # SaaS model, 12 outages a year
//! cargo run --release --example simulate_years -- rare 1000000        # one lognormal loss, 0.1 a year
//! cargo run --release --example simulate_years -- saas_draws 1000000  # the SaaS outages, nothing priced
//! /usr/bin/time -v target/release/examples/simulate_years saas 10000000   # peak memory (maximum resident set size)
//! ```
//!
//! - `saas`: the built-in SaaS scenario's cost model (weekly revenue profile, curves, SLA credits on
//!   the real months of 2025) with Poisson outages, 12 a year, lognormal durations (μ = 0, σ = 1.2
//!   in ln hours), full severity; `saas_beta` the same with a beta(4, 1) severity (two gamma draws
//!   an outage more); `saas_draws` the same outages with nothing to price (a cost model without
//!   drivers): the draws, each year's bookkeeping and the summary alone, what the simulation costs
//!   before any driver prices an outage.
//! - `rare`: 1 000 an hour of lost sales at 0.1 outages a year with lognormal durations whose 90 %
//!   interval is [100 h, 1 000 h], so each outage's loss is lognormal on [1e5, 1e6]: the `rare`
//!   task of `benches/numpy_reference.py`.
//!
//! The third argument is the seed (default 1). Exit code 2 on bad arguments, 1 on a library error.

use downtime_cost::{
    CostModel, Currency, DurationDistribution, Fraction, Frequency, LostSales, OutageProcess, Scenario,
    SeverityDistribution, SimulationOptions, simulate,
};
use std::process::ExitCode;

const USAGE: &str = "usage: simulate_years (saas | saas_beta | saas_draws | rare) YEARS [SEED]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(workload), Some(Ok(years))) = (args.first(), args.get(1).map(|y| y.parse::<u64>())) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let seed = match args.get(2).map(|s| s.parse::<u64>()) {
        None => 1,
        Some(Ok(s)) => s,
        Some(Err(e)) => {
            eprintln!("bad seed: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let built = match workload.as_str() {
        "saas" => saas(SeverityDistribution::default()),
        "saas_beta" => SeverityDistribution::beta(4.0, 1.0).and_then(saas),
        "saas_draws" => {
            saas(SeverityDistribution::default()).map(|(_, p)| (CostModel::new(Currency::USD), p))
        }
        "rare" => rare(),
        other => {
            eprintln!("unknown workload {other:?}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let options = SimulationOptions::new().with_trials(years).with_seed(seed);
    let result = built.and_then(|(model, process)| simulate(&model, &process, &options));
    match result {
        Ok(losses) => {
            println!("{workload}: {years} years, seed {seed}");
            println!("mean {:.2}  P(loss > 0) {:.4}", losses.mean_f64(), 1.0 - losses.prob_zero());
            for (level, loss) in losses.percentiles() {
                println!("P{} {loss}", level * 100.0);
            }
            match losses.expected_shortfall(0.99) {
                Ok(es) => println!("expected shortfall 99 % {es}"),
                Err(e) => println!("expected shortfall 99 %: {e}"),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn saas(severity: SeverityDistribution) -> downtime_cost::Result<(CostModel, OutageProcess)> {
    let model = Scenario::builtin("saas")?.model();
    let process =
        OutageProcess::new(Frequency::poisson(12.0)?, DurationDistribution::lognormal(0.0, 1.2)?, severity);
    Ok((model, process))
}

fn rare() -> downtime_cost::Result<(CostModel, OutageProcess)> {
    // 8 760 000 a year of sales = 1 000 an hour; durations on [100 h, 1 000 h] at 90 %.
    let model = CostModel::new(Currency::USD)
        .with_driver(LostSales::new(rust_decimal::Decimal::from(8_760_000), Fraction::ONE)?);
    let (mu, sigma) = ((100.0_f64 * 1000.0).sqrt().ln(), 10f64.ln() / (2.0 * 1.644_853_626_951_472_2));
    let process = OutageProcess::new(
        Frequency::poisson(0.1)?,
        DurationDistribution::lognormal(mu, sigma)?,
        SeverityDistribution::default(),
    );
    Ok((model, process))
}
