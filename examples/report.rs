//! Prices outages and compares uptime targets for a scenario.
//!
//! ```text
//! cargo run --release --example report                      # the built-in retailer scenario
//! cargo run --release --example report -- --scenario saas   # another built-in: retailer, saas, erp
//! cargo run --release --example report -- FILE.json         # a scenario file
//! cargo run --release --example report -- FILE.json --json  # the whole report as JSON
//! ```
//!
//! A bad file ends with exit code 1 and the error (JSON path, value, rule) on
//! stderr; bad arguments with exit code 2.

use downtime_cost::Scenario;
use std::io::Write as _;
use std::process::ExitCode;

const USAGE: &str = "usage: report [FILE.json | --scenario NAME] [--json]
  FILE.json        a scenario document (see the README for the format)
  --scenario NAME  a built-in scenario: retailer (default), saas, erp
  --json           print the whole report as JSON instead of tables";

fn main() -> ExitCode {
    let mut file = None;
    let mut builtin = None;
    let mut json = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
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
    let output = scenario.and_then(|s| {
        let report = s.evaluate().map_err(|e| e.to_string())?;
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
