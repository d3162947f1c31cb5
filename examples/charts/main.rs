//! Draws a scenario as three SVG charts: the annual cost per uptime target,
//! the loss exceedance curve of each target, and the tornado chart of the
//! inputs.
//!
//! ```text
//! cargo run --release --example charts -- --out DIR                   # the built-in saas scenario
//! cargo run --release --example charts -- --scenario erp --out DIR   # retailer, saas, erp, saas_fitted
//! cargo run --release --example charts -- FILE.json --out DIR        # a scenario file
//! cargo run --release --example charts -- --out DIR --trials 200000 --seed 7
//! ```
//!
//! It writes `DIR/cost_by_target.svg`, `DIR/exceedance.svg` and
//! `DIR/tornado.svg` (creating DIR) and prints their paths. The simulation
//! defaults to the library's 100 000 years and seed `0x5EED`; the tornado
//! swings each input ±25 % at the scenario's tornado target.
//!
//! The charts in `examples/charts/saas/` come from, at the crate root:
//!
//! ```text
//! cargo run --release --example charts -- --out examples/charts/saas
//! ```
//!
//! Errors end with exit code 1 and the message on stderr; bad arguments with
//! exit code 2 and the usage.

mod render;

use downtime_cost::{Scenario, SensitivityOptions, SimulationOptions};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: charts [FILE.json | --scenario NAME] --out DIR [--trials N] [--seed S]
  FILE.json        a scenario document (see the README for the format)
  --scenario NAME  a built-in scenario: saas (default), retailer, erp, saas_fitted
  --out DIR        the directory for cost_by_target.svg, exceedance.svg and tornado.svg
  --trials N       simulated years per target (default 100000)
  --seed S         the simulation's seed (default 0x5EED); same seed, same charts";

/// The command line, parsed.
#[derive(Default)]
struct Args {
    file: Option<String>,
    builtin: Option<String>,
    out: Option<PathBuf>,
    trials: Option<u64>,
    seed: Option<u64>,
}

fn usage(message: &str) -> ExitCode {
    eprintln!("charts: {message}\n{USAGE}");
    ExitCode::from(2)
}

fn parse_args() -> Result<Args, ExitCode> {
    let mut a = Args::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scenario" => match args.next() {
                Some(name) => a.builtin = Some(name),
                None => return Err(usage("--scenario needs a name")),
            },
            "--out" => match args.next() {
                Some(dir) => a.out = Some(PathBuf::from(dir)),
                None => return Err(usage("--out needs a directory")),
            },
            "--trials" => match args.next().and_then(|n| n.replace('_', "").parse().ok()) {
                Some(n) if n > 0 => a.trials = Some(n),
                _ => return Err(usage("--trials needs a positive whole number")),
            },
            "--seed" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => a.seed = Some(n),
                None => return Err(usage("--seed needs a whole number")),
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
    if a.file.is_some() && a.builtin.is_some() {
        return Err(usage("give a FILE or --scenario, not both"));
    }
    if a.out.is_none() {
        return Err(usage("--out DIR is required"));
    }
    Ok(a)
}

fn run(args: Args) -> Result<Vec<PathBuf>, String> {
    let scenario = match &args.file {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            Scenario::from_json(&text).map_err(|e| format!("{path}: {e}"))?
        }
        None => Scenario::builtin(args.builtin.as_deref().unwrap_or("saas")).map_err(|e| e.to_string())?,
    };
    let mut options = SimulationOptions::new();
    if let Some(n) = args.trials {
        options = options.with_trials(n);
    }
    if let Some(seed) = args.seed {
        options = options.with_seed(seed);
    }
    let mut analysis = downtime_cost::Analysis::new(&scenario).map_err(|e| e.to_string())?;
    analysis.simulate(&options, |_, _| {}).map_err(|e| e.to_string())?;
    analysis.analyse_sensitivity(&SensitivityOptions::new()).map_err(|e| e.to_string())?;
    let report = downtime_cost::Report::new(&analysis).map_err(|e| e.to_string())?;
    let dir = args.out.unwrap_or_default();
    render::write_all(&report, analysis.simulations(), &dir).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(code) => return code,
    };
    match run(args) {
        Ok(paths) => {
            for p in paths {
                println!("{}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("charts: {e}");
            ExitCode::FAILURE
        }
    }
}
