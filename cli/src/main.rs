//! `downtime-cost`: what IT outages cost a business, and what each extra
//! nine of uptime is worth, from a scenario file.
//!
//! ```text
//! downtime-cost report --scenario saas               # the whole evaluation of a built-in scenario
//! downtime-cost report my.json --format json         # a scenario file, the report as JSON
//! downtime-cost report my.json --format html -o board.html   # the board report
//! downtime-cost validate my.json                     # exit 0, or the errors with their place
//! cat my.json | downtime-cost price -                # the outages only, from standard input
//! downtime-cost simulate --scenario saas --trials 200000 --seed 7
//! downtime-cost schema scenario > scenario.schema.json
//! downtime-cost scenarios                            # the built-in scenarios
//! ```
//!
//! Exit codes: 0 success; 1 the scenario (or report) is not valid; 2 the
//! command line is wrong; 3 a file cannot be read or written; 4 the
//! evaluation failed (an amount beyond the range of exact decimals).

mod commands;
mod failure;
mod html;
mod input;
mod workbook;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use failure::Failure;

/// The exit codes, as `--help` prints them.
const EXIT_CODES: &str = "Exit codes:
  0  success
  1  the scenario is not valid (the error names its JSON path, value, rule, line and column)
  2  the command line is wrong
  3  a file cannot be read or written
  4  the evaluation failed (an amount beyond the range of exact decimals)

With --format json, errors are a JSON object on standard output as well:
  {\"error\": {\"kind\": \"invalid\", \"path\": …, \"value\": …, \"rule\": …, \"line\": …, \"column\": …, \"message\": …}}
kind is usage (exit 2), io (3), evaluation (4, with the library's kind as error), or for exit 1
invalid (a rule broken), document (malformed JSON, a wrong type, an unknown or missing field)
or unsupported_schema.";

/// What IT outages cost a business, and what each extra nine of uptime is worth.
#[derive(Debug, Parser)]
#[command(name = "downtime-cost", version, about, after_help = EXIT_CODES)]
struct Cli {
    /// How to write the result (and, with json, errors).
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the result to this file instead of standard output.
    #[arg(long, short, global = true, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned text tables.
    Text,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// JSON (the report reads back with `Report::from_json`).
    Json,
    /// CSV (RFC 4180), one table.
    Csv,
    /// An Excel workbook (`report` only): a sheet per table and the scenario's inputs.
    Xlsx,
    /// A board report (`report` only): one self-contained HTML page with a
    /// summary in plain words, the charts as inline SVG and the tables.
    Html,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The whole evaluation: priced outages, targets, decision, designs and
    /// support options, and with --trials the Monte Carlo, with --sensitivity
    /// the tornado.
    Report(ReportArgs),
    /// The scenario's outages priced, line item by line item.
    Price(Input),
    /// The Monte Carlo of the annual loss at every target: mean, percentiles,
    /// value at risk, expected shortfall.
    Simulate(SimulateArgs),
    /// Checks a scenario: exit 0 and a summary, or the error with its place.
    Validate(Input),
    /// Prints a JSON Schema (draft 2020-12), as checked in under `schema/`.
    Schema {
        /// Which document.
        #[arg(value_enum)]
        document: commands::Document,
    },
    /// Lists the built-in scenarios, or prints one as JSON.
    Scenarios {
        /// A built-in scenario to print.
        name: Option<String>,
    },
}

/// Where the scenario comes from.
#[derive(Debug, Clone, Args)]
struct Input {
    /// A scenario file, or `-` for standard input.
    #[arg(value_name = "FILE", required_unless_present = "scenario", conflicts_with = "scenario")]
    file: Option<PathBuf>,
    /// A built-in scenario instead of a file: `retailer`, `saas`, `erp`, `saas_fitted`, `support`.
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
}

#[derive(Debug, Args)]
struct ReportArgs {
    #[command(flatten)]
    input: Input,
    /// Also simulate this many years per target (Monte Carlo).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    trials: Option<u64>,
    /// The simulation's seed; the same seed gives the same figures.
    #[arg(long, value_name = "S", requires = "trials")]
    seed: Option<u64>,
    /// The most outages one simulated year may hold (default 100000): a year with more is
    /// an error, a guard against rates that would never finish.
    #[arg(long, value_name = "N", requires = "trials", value_parser = clap::value_parser!(u64).range(1..))]
    max_outages_per_year: Option<u64>,
    /// Add the tornado table: each input swung down and up, one at a time.
    #[arg(long)]
    sensitivity: bool,
    /// The tornado's swing, in percent.
    #[arg(long, value_name = "PERCENT", requires = "sensitivity", default_value = "25")]
    swing: rust_decimal::Decimal,
    /// Which table --format csv writes: targets, steps, decision, designs, outages,
    /// simulations and exceedance (with --trials), sensitivity (with --sensitivity).
    #[arg(
        long,
        default_value = "targets",
        value_parser = clap::builder::PossibleValuesParser::new(downtime_cost::TableKind::ALL.map(downtime_cost::TableKind::name))
    )]
    table: String,
}

#[derive(Debug, Args)]
struct SimulateArgs {
    #[command(flatten)]
    input: Input,
    /// Years simulated per target.
    #[arg(long, value_name = "N", default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..))]
    trials: u64,
    /// The seed; the same seed gives the same figures.
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
    /// The most outages one simulated year may hold (default 100000): a year with more is
    /// an error, a guard against rates that would never finish.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    max_outages_per_year: Option<u64>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let format = cli.format;
    let written =
        commands::run(cli.command, format).and_then(|bytes| write(&bytes, cli.output.as_deref(), format));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.print(format);
            ExitCode::from(failure.code())
        }
    }
}

/// Writes the result to `output`, or to standard output (not a workbook to a terminal).
fn write(bytes: &[u8], output: Option<&std::path::Path>, format: Format) -> Result<(), Failure> {
    use std::io::IsTerminal as _;
    match output {
        Some(path) => std::fs::write(path, bytes)
            .map_err(|e| Failure::Io { path: path.display().to_string(), message: e.to_string() }),
        None if format == Format::Xlsx && std::io::stdout().is_terminal() => Err(Failure::usage(
            "missing_argument",
            "a workbook is binary: give --output FILE.xlsx or redirect standard output",
        )),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|()| out.flush()) {
                // A closed pipe (`… | head`) means the reader has what it wanted.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Failure::Io { path: "<stdout>".to_owned(), message: e.to_string() })
                }
                _ => Ok(()),
            }
        }
    }
}

/// clap's help and version go to stdout with exit 0; a usage error is exit 2,
/// as JSON when the command line asked for JSON.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let args: Vec<String> = std::env::args().collect();
    let json = args.windows(2).any(|w| matches!(w, [flag, value] if flag == "--format" && value == "json"))
        || args.iter().any(|a| a == "--format=json");
    if json {
        let failure = Failure::usage(e.kind().to_string(), e.to_string());
        failure.print(Format::Json);
        ExitCode::from(failure.code())
    } else {
        let _ = e.print();
        ExitCode::from(2)
    }
}
