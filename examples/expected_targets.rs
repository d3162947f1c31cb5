//! Runs the exact six-target study of the `expected_six_targets` benchmark many times, as a whole
//! process, so that two builds can be timed against each other pair by pair on a noisy machine.
//!
//! ```text
//! cargo run --release --example expected_targets -- fewer fixed 100    # SaaS, fixed severity, fewer incidents
//! cargo run --release --example expected_targets -- fewer beta 100     # beta(4, 1) severity
//! cargo run --release --example expected_targets -- faster beta 100    # beta(4, 1) severity, faster recovery
//! ```
//!
//! The study is the built-in SaaS scenario's cost model (SLA credits on the real months of 2025)
//! with Poisson outages, 12 a year at the base, lognormal durations (μ = 0, σ = 1.2 in ln hours),
//! and targets of 99 %, 99.5 %, 99.9 %, 99.95 %, 99.99 % and 99.999 %. It prints the last study's
//! expected annual cost per target with its error bound. Exit code 2 on bad arguments, 1 on a library error.

use downtime_cost::{
    Availability, DurationDistribution, Frequency, ImprovementPolicy, OutageAssumption, OutageProcess,
    ProcessAssumption, Scenario, SeverityDistribution, TargetStudy,
};
use std::process::ExitCode;

const USAGE: &str = "usage: expected_targets (fewer | faster) (fixed | beta) REPEATS";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let policy = match args.first().map(String::as_str) {
        Some("fewer") => ImprovementPolicy::FewerIncidents,
        Some("faster") => ImprovementPolicy::FasterRecovery,
        _ => return usage(),
    };
    let severity = match args.get(1).map(String::as_str) {
        Some("fixed") => Ok(SeverityDistribution::default()),
        Some("beta") => SeverityDistribution::beta(4.0, 1.0),
        _ => return usage(),
    };
    let Some(Ok(repeats)) = args.get(2).map(|r| r.parse::<u32>()) else { return usage() };
    match severity.and_then(|s| run(policy, s, repeats)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

fn run(policy: ImprovementPolicy, severity: SeverityDistribution, repeats: u32) -> downtime_cost::Result<()> {
    // 99 %, 99.5 %, 99.9 %, 99.95 %, 99.99 %, 99.999 % as (digits, decimal places).
    let targets = [(990, 1), (995, 1), (999, 1), (9995, 2), (9999, 2), (99999, 3)]
        .iter()
        .map(|&(digits, places)| Availability::from_percent(rust_decimal::Decimal::new(digits, places)))
        .collect::<downtime_cost::Result<Vec<_>>>()?;
    let process =
        OutageProcess::new(Frequency::poisson(12.0)?, DurationDistribution::lognormal(0.0, 1.2)?, severity);
    let model = Scenario::builtin("saas")?.model();
    let assumption = OutageAssumption::Process(ProcessAssumption::new(&process, policy));
    let mut last = None;
    for _ in 0..repeats {
        last = Some(TargetStudy::new(&model, &assumption, &targets)?);
    }
    if let Some(study) = last {
        for row in study.rows() {
            println!("{}  {} ± {}", row.target(), row.total(), row.error_bound());
        }
    }
    Ok(())
}
