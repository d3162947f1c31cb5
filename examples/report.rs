//! Prices outages and compares uptime targets for a scenario.
//!
//! ```text
//! cargo run --release --example report                      # the built-in retailer scenario
//! cargo run --release --example report -- --scenario saas   # another built-in: retailer, saas, erp
//! cargo run --release --example report -- FILE.json         # a scenario file
//! cargo run --release --example report -- FILE.json --json  # the whole report as JSON
//! cargo run --release --example report -- --trials 200000 --seed 7 --exceedance curve.csv
//!                                                           # plus the Monte Carlo loss distribution
//! ```
//!
//! A bad file ends with exit code 1 and the error (JSON path, value, rule) on
//! stderr; bad arguments with exit code 2.

use downtime_cost::{Scenario, SimulationOptions};
use std::io::Write as _;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str =
    "usage: report [FILE.json | --scenario NAME] [--json] [--trials N] [--seed S] [--exceedance FILE.csv]
  FILE.json             a scenario document (see the README for the format)
  --scenario NAME       a built-in scenario: retailer (default), saas, erp, saas_fitted
  --json                print the whole report as JSON instead of tables
  --trials N            also simulate N years per target (Monte Carlo)
  --seed S              the simulation's seed (default 0x5EED); same seed, same result
  --exceedance FILE     write the loss exceedance curves as CSV (needs --trials)";

fn main() -> ExitCode {
    let mut file = None;
    let mut builtin = None;
    let mut json = false;
    let mut trials: Option<u64> = None;
    let mut seed: Option<u64> = None;
    let mut exceedance: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--trials" => match args.next().and_then(|n| n.replace('_', "").parse().ok()) {
                Some(n) => trials = Some(n),
                None => return usage("--trials needs a whole number"),
            },
            "--seed" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => seed = Some(n),
                None => return usage("--seed needs a whole number"),
            },
            "--exceedance" => match args.next() {
                Some(path) => exceedance = Some(path),
                None => return usage("--exceedance needs a file name"),
            },
            "--scenario" => match args.next() {
                Some(name) => builtin = Some(name),
                None => return usage("--scenario needs a name"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            a if a.starts_with('-') => return usage(&format!("unknown option {a}")),
            a if file.is_none() => file = Some(a.to_owned()),
            a => return usage(&format!("unexpected argument {a}")),
        }
    }
    let scenario = match (file, builtin) {
        (Some(_), Some(_)) => return usage("give a FILE or --scenario, not both"),
        (Some(path), None) => match std::fs::read_to_string(&path) {
            Ok(text) => Scenario::from_json(&text).map_err(|e| format!("{path}: {e}")),
            Err(e) => Err(format!("{path}: {e}")),
        },
        (None, name) => Scenario::builtin(name.as_deref().unwrap_or("retailer")).map_err(|e| e.to_string()),
    };
    if exceedance.is_some() && trials.is_none() {
        return usage("--exceedance needs --trials");
    }
    let output = scenario.and_then(|s| {
        let mut report = s.evaluate().map_err(|e| e.to_string())?;
        if let Some(n) = trials {
            let mut options = SimulationOptions::new().trials(n);
            if let Some(seed) = seed {
                options = options.seed(seed);
            }
            let started = Instant::now();
            report
                .simulate(&s, &options, |done, total| {
                    // A progress line on stderr once a run takes more than a second.
                    if started.elapsed().as_secs_f64() > 1.0 {
                        eprint!(
                            "\rsimulated {done}/{total} targets ({:.1} s)",
                            started.elapsed().as_secs_f64()
                        );
                        if done == total {
                            eprintln!();
                        }
                    }
                })
                .map_err(|e| e.to_string())?;
            if let Some(path) = &exceedance {
                std::fs::write(path, report.exceedance_csv()).map_err(|e| format!("{path}: {e}"))?;
            }
        }
        if json { report.to_json().map_err(|e| e.to_string()) } else { Ok(report.to_string()) }
    });
    match output {
        Ok(text) => {
            // A closed pipe (`report | head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\n{USAGE}");
    ExitCode::from(2)
}
