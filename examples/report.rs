//! Prices outages and compares uptime targets for a scenario.
//!
//! ```text
//! cargo run --release --example report                      # the built-in retailer scenario
//! cargo run --release --example report -- --scenario saas   # another built-in: retailer, saas, erp
//! cargo run --release --example report -- FILE.json         # a scenario file
//! cargo run --release --example report -- FILE.json --json  # the whole report as JSON
//! cargo run --release --example report -- --format markdown  # or text (default), json, csv
//! cargo run --release --example report -- --sensitivity     # plus the tornado table (±25 %)
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

const USAGE: &str = "usage: report [FILE.json | --scenario NAME] [--format F] [--sensitivity [--swing P]]
              [--trials N] [--seed S] [--exceedance FILE.csv]
  FILE.json             a scenario document (see the README for the format)
  --scenario NAME       a built-in scenario: retailer (default), saas, erp, saas_fitted
  --format F            text (default), json, markdown, or csv (one row per target)
  --json                the same as --format json
  --sensitivity         add the tornado table: each input swung one at a time
  --swing P             the swing of --sensitivity in percent (default 25)
  --trials N            also simulate N years per target (Monte Carlo)
  --seed S              the simulation's seed (default 0x5EED); same seed, same result
  --exceedance FILE     write the loss exceedance curves as CSV (needs --trials)";

/// The command line, parsed.
#[derive(Default)]
struct Args {
    file: Option<String>,
    builtin: Option<String>,
    format: &'static str,
    sensitivity: bool,
    swing: Option<rust_decimal::Decimal>,
    trials: Option<u64>,
    seed: Option<u64>,
    exceedance: Option<String>,
}

fn parse_args() -> Result<Args, ExitCode> {
    let mut a = Args { format: "text", ..Args::default() };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => a.format = "json",
            "--format" => match args.next().as_deref() {
                Some("text") => a.format = "text",
                Some("json") => a.format = "json",
                Some("markdown") => a.format = "markdown",
                Some("csv") => a.format = "csv",
                _ => return Err(usage("--format needs text, json, markdown or csv")),
            },
            "--sensitivity" => a.sensitivity = true,
            "--swing" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => a.swing = Some(n),
                None => return Err(usage("--swing needs a percent")),
            },
            "--trials" => match args.next().and_then(|n| n.replace('_', "").parse().ok()) {
                Some(n) => a.trials = Some(n),
                None => return Err(usage("--trials needs a whole number")),
            },
            "--seed" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => a.seed = Some(n),
                None => return Err(usage("--seed needs a whole number")),
            },
            "--exceedance" => match args.next() {
                Some(path) => a.exceedance = Some(path),
                None => return Err(usage("--exceedance needs a file name")),
            },
            "--scenario" => match args.next() {
                Some(name) => a.builtin = Some(name),
                None => return Err(usage("--scenario needs a name")),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return Err(ExitCode::SUCCESS);
            }
            x if x.starts_with('-') => return Err(usage(&format!("unknown option {x}"))),
            x if a.file.is_none() => a.file = Some(x.to_owned()),
            x => return Err(usage(&format!("unexpected argument {x}"))),
        }
    }
    if a.exceedance.is_some() && a.trials.is_none() {
        return Err(usage("--exceedance needs --trials"));
    }
    Ok(a)
}

fn main() -> ExitCode {
    let Args { file, builtin, format, sensitivity, swing, trials, seed, exceedance } = match parse_args() {
        Ok(a) => a,
        Err(code) => return code,
    };
    let scenario = match (file, builtin) {
        (Some(_), Some(_)) => return usage("give a FILE or --scenario, not both"),
        (Some(path), None) => match std::fs::read_to_string(&path) {
            Ok(text) => Scenario::from_json(&text).map_err(|e| format!("{path}: {e}")),
            Err(e) => Err(format!("{path}: {e}")),
        },
        (None, name) => Scenario::builtin(name.as_deref().unwrap_or("retailer")).map_err(|e| e.to_string()),
    };
    let output = scenario.and_then(|s| {
        let mut analysis = downtime_cost::Analysis::new(&s).map_err(|e| e.to_string())?;
        if sensitivity {
            let mut options = downtime_cost::SensitivityOptions::new();
            if let Some(p) = swing {
                let share = downtime_cost::Fraction::from_percent(p).map_err(|e| format!("--swing: {e}"))?;
                options = options.with_swing(share);
            }
            analysis.analyse_sensitivity(&options).map_err(|e| e.to_string())?;
        }
        if let Some(n) = trials {
            let mut options = SimulationOptions::new().with_trials(n);
            if let Some(seed) = seed {
                options = options.with_seed(seed);
            }
            let started = Instant::now();
            analysis
                .simulate(&options, |done, total| {
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
        }
        let report = downtime_cost::Report::new(&analysis).map_err(|e| e.to_string())?;
        if trials.is_some()
            && let Some(path) = &exceedance
        {
            std::fs::write(path, report.exceedance_csv()).map_err(|e| format!("{path}: {e}"))?;
        }
        match format {
            "json" => report.to_json().map_err(|e| e.to_string()),
            "markdown" => Ok(report.to_markdown()),
            "csv" => Ok(report.to_csv()),
            _ => Ok(report.to_string()),
        }
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
