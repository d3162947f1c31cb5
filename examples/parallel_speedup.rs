//! Measures the `parallel` feature's speed-up in one process: the same simulation on a rayon pool
//! of one thread and on a pool of `THREADS`, alternately, pair after pair, so that both runs of a
//! pair meet the same machine. Prints each pair's wall times and their ratio, then the median ratio
//! and the range, and checks that every run gave the same losses, bit for bit.
//!
//! ```text
//! cargo run --release --features parallel --example parallel_speedup -- 1000000 15      # 2 threads
//! cargo run --release --features parallel --example parallel_speedup -- 1000000 15 4    # 4 threads
//! ```
//!
//! The workload is `simulate_years saas`: the built-in SaaS scenario's cost model with Poisson
//! outages, 12 a year, lognormal durations (μ = 0, σ = 1.2 in ln hours), full severity, seed 1.
//! Arguments: years a run (default 1 000 000), pairs (default 15), threads (default 2). Which run of
//! a pair goes first alternates. Exit code 2 on bad arguments, 1 on a library or pool error.

use downtime_cost::{
    DurationDistribution, Frequency, LossDistribution, OutageProcess, Scenario, SeverityDistribution,
    SimulationOptions, simulate,
};
use std::process::ExitCode;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: parallel_speedup [YEARS [PAIRS [THREADS]]]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: u64| args.get(i).map_or(Ok(default), |a| a.parse::<u64>());
    let (Ok(years), Ok(pairs), Ok(threads)) = (number(0, 1_000_000), number(1, 15), number(2, 2)) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let Ok(threads) = usize::try_from(threads) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if years == 0 || pairs == 0 || threads < 2 {
        eprintln!("years and pairs must be at least 1, threads at least 2\n{USAGE}");
        return ExitCode::from(2);
    }
    match run(years, pairs, threads) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn run(years: u64, pairs: u64, threads: usize) -> Result<(), Box<dyn std::error::Error>> {
    let model = Scenario::builtin("saas")?.model();
    let process = OutageProcess::new(
        Frequency::poisson(12.0)?,
        DurationDistribution::lognormal(0.0, 1.2)?,
        SeverityDistribution::default(),
    );
    let options = SimulationOptions::new().with_trials(years).with_seed(1);
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let many = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    let timed = |pool: &rayon::ThreadPool| -> Result<(Duration, LossDistribution), downtime_cost::Error> {
        let start = Instant::now();
        let losses = pool.install(|| simulate(&model, &process, &options))?;
        Ok((start.elapsed(), losses))
    };
    // A first run of each, not timed: pages and pools warm.
    let reference = timed(&one)?.1;
    timed(&many)?;
    println!("{years} years a run, 1 thread against {threads}, {pairs} pairs (wall time)");
    let mut ratios = Vec::new();
    for pair in 0..pairs {
        let ((t1, l1), (tn, ln)) = if pair % 2 == 0 {
            let a = timed(&one)?;
            (a, timed(&many)?)
        } else {
            let b = timed(&many)?;
            (timed(&one)?, b)
        };
        if l1 != reference || ln != reference {
            return Err("a run gave different losses".into());
        }
        let ratio = t1.as_secs_f64() / tn.as_secs_f64();
        println!("pair {:>2}: {:>8.1} ms  {:>8.1} ms  {ratio:.3}×", pair + 1, ms(t1), ms(tn));
        ratios.push(ratio);
    }
    ratios.sort_by(f64::total_cmp);
    let median = match ratios.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => ratios[n / 2],
        n => f64::midpoint(ratios[n / 2 - 1], ratios[n / 2]),
    };
    let (low, high) =
        (ratios.first().copied().unwrap_or(f64::NAN), ratios.last().copied().unwrap_or(f64::NAN));
    println!(
        "speed-up on {threads} threads: median {median:.3}× (pairs {low:.3}× to {high:.3}×); losses identical"
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
