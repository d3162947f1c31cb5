//! The subcommands: each returns the text to print on stdout.

use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

use clap::ValueEnum;
use downtime_cost::{
    Analysis, Fraction, Report, Scenario, Section, SensitivityOptions, SimulationOptions, Style, TableKind,
};

use crate::failure::Failure;
use crate::{Command, Format, ReportArgs, SimulateArgs, input};

/// A document with a JSON Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Document {
    /// A scenario file (input).
    Scenario,
    /// A report (`report --format json`).
    Report,
}

/// The option table `kind` needs that `args` does not give (the simulation's
/// tables need `--trials`, the tornado's `--sensitivity`).
const fn missing_option(kind: TableKind, args: &ReportArgs) -> Option<&'static str> {
    match kind {
        TableKind::Simulations | TableKind::Exceedance if args.trials.is_none() => Some("--trials"),
        TableKind::Sensitivity if !args.sensitivity => Some("--sensitivity"),
        _ => None,
    }
}

/// Runs `command`, returning what to write.
pub(crate) fn run(command: Command, format: Format) -> Result<Vec<u8>, Failure> {
    if matches!(format, Format::Xlsx | Format::Html) && !matches!(command, Command::Report(_)) {
        let name = if format == Format::Xlsx { "xlsx" } else { "html" };
        return Err(Failure::usage("invalid_value", format!("--format {name} is for `report` only")));
    }
    if let Command::Report(args) = &command {
        if format == Format::Xlsx {
            let (scenario, report) = report_of(args)?;
            return crate::workbook::workbook(&scenario, &report);
        }
        if format == Format::Html {
            let (scenario, report) = report_of(args)?;
            return Ok(crate::html::page(&scenario, &report).into_bytes());
        }
    }
    text(command, format).map(String::into_bytes)
}

/// Runs `command` with a text format.
fn text(command: Command, format: Format) -> Result<String, Failure> {
    match command {
        Command::Report(args) => report(&args, format),
        Command::Price(input) => {
            let (scenario, _) = input::scenario(&input)?;
            let report = Report::new(&analysis(&scenario)?).map_err(evaluation)?;
            match format {
                Format::Json => json(report.outages()),
                Format::Csv => Ok(report.table(TableKind::Outages).to_csv()),
                Format::Text | Format::Xlsx | Format::Html => {
                    Ok(report.render_sections(&[Section::Header, Section::Outages], Style::Text))
                }
                Format::Markdown => {
                    Ok(report.render_sections(&[Section::Header, Section::Outages], Style::Markdown))
                }
            }
        }
        Command::Simulate(args) => simulate(&args, format),
        Command::Validate(input) => {
            let (scenario, source) = input::scenario(&input)?;
            let summary = serde_json::json!({
                "valid": true,
                "source": source,
                "scenario": scenario.name(),
                "drivers": scenario.drivers().len(),
                "outages": scenario.outages().len(),
                "targets": scenario.targets().len(),
            });
            match format {
                Format::Json => json(&summary),
                _ => Ok(format!(
                    "valid: {}: \"{}\", {} drivers, {} outages, {} targets\n",
                    downtime_cost::visible(&source),
                    downtime_cost::visible(scenario.name()),
                    scenario.drivers().len(),
                    scenario.outages().len(),
                    scenario.targets().len()
                )),
            }
        }
        Command::Schema { document } => Ok(downtime_cost::schema::schema_json(match document {
            Document::Scenario => downtime_cost::schema::SchemaKind::Scenario,
            Document::Report => downtime_cost::schema::SchemaKind::Report,
        })),
        Command::Scenarios { name } => scenarios(name.as_deref(), format),
    }
}

/// The built-in scenarios as `name  title` lines (or JSON), or one of them as JSON.
fn scenarios(name: Option<&str>, format: Format) -> Result<String, Failure> {
    #[derive(serde::Serialize)]
    struct Entry {
        name: &'static str,
        title: String,
    }
    if let Some(name) = name {
        let scenario = input::builtin(name)?;
        return scenario.to_json().map(|t| t + "\n").map_err(evaluation);
    }
    let list = Scenario::builtin_names()
        .into_iter()
        .map(|n| Scenario::builtin(n).map(|s| Entry { name: n, title: s.name().to_owned() }))
        .collect::<Result<Vec<_>, _>>()
        .map_err(evaluation)?;
    match format {
        Format::Json => json(&list),
        _ => Ok(list.iter().fold(String::new(), |out, e| out + &format!("{:<12} {}\n", e.name, e.title))),
    }
}

fn report(args: &ReportArgs, format: Format) -> Result<String, Failure> {
    let (_, report) = report_of(args)?;
    match format {
        Format::Json => report.to_json().map(|t| t + "\n").map_err(evaluation),
        Format::Markdown => Ok(report.to_markdown()),
        Format::Text | Format::Xlsx | Format::Html => Ok(report.to_string()),
        Format::Csv => {
            let kind = TableKind::from_name(&args.table).ok_or_else(|| {
                Failure::usage("invalid_value", format!("--table {}: no such table", args.table))
            })?;
            if let Some(option) = missing_option(kind, args) {
                return Err(Failure::usage(
                    "missing_argument",
                    format!("--table {} needs {option}", args.table),
                ));
            }
            Ok(report.table(kind).to_csv())
        }
    }
}

/// The scenario `args` names and its report, with the steps asked for.
fn report_of(args: &ReportArgs) -> Result<(Scenario, Report), Failure> {
    let (scenario, _) = input::scenario(&args.input)?;
    let mut analysis = analysis(&scenario)?;
    if args.sensitivity {
        let swing = Fraction::from_percent(args.swing)
            .map_err(|e| Failure::usage("invalid_value", format!("--swing: {e}")))?;
        analysis.analyse_sensitivity(&SensitivityOptions::new().with_swing(swing)).map_err(evaluation)?;
    }
    if let Some(trials) = args.trials {
        let mut options = SimulationOptions::new().with_trials(trials);
        if let Some(seed) = args.seed {
            options = options.with_seed(seed);
        }
        if let Some(max) = args.max_outages_per_year {
            options = options.with_max_outages_per_year(max);
        }
        simulate_with_progress(&mut analysis, &options)?;
    }
    let report = Report::new(&analysis).map_err(evaluation)?;
    Ok((scenario, report))
}

fn simulate(args: &SimulateArgs, format: Format) -> Result<String, Failure> {
    let (scenario, _) = input::scenario(&args.input)?;
    let mut analysis = analysis(&scenario)?;
    let mut options = SimulationOptions::new().with_trials(args.trials);
    if let Some(seed) = args.seed {
        options = options.with_seed(seed);
    }
    if let Some(max) = args.max_outages_per_year {
        options = options.with_max_outages_per_year(max);
    }
    simulate_with_progress(&mut analysis, &options)?;
    let report = Report::new(&analysis).map_err(evaluation)?;
    let sections = [Section::Header, Section::Simulations];
    match format {
        Format::Json => json(report.simulations()),
        Format::Csv => Ok(report.table(TableKind::Simulations).to_csv()),
        Format::Text | Format::Xlsx | Format::Html => Ok(report.render_sections(&sections, Style::Text)),
        Format::Markdown => Ok(report.render_sections(&sections, Style::Markdown)),
    }
}

/// The analysis of `scenario` (a failure here is the evaluation's).
fn analysis(scenario: &Scenario) -> Result<Analysis, Failure> {
    Analysis::new(scenario).map_err(evaluation)
}

/// Simulates, with a progress bar on stderr once the run has taken a second
/// and only when stderr is a terminal.
fn simulate_with_progress(analysis: &mut Analysis, options: &SimulationOptions) -> Result<(), Failure> {
    let started = Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let mut bar: Option<indicatif::ProgressBar> = None;
    analysis
        .simulate(options, |done, total| {
            if !terminal || started.elapsed() < Duration::from_secs(1) {
                return;
            }
            let bar = bar.get_or_insert_with(|| {
                let b = indicatif::ProgressBar::with_draw_target(
                    Some(u64::try_from(total).unwrap_or(u64::MAX)),
                    indicatif::ProgressDrawTarget::stderr(),
                );
                b.set_message("targets simulated");
                b
            });
            bar.set_position(u64::try_from(done).unwrap_or(u64::MAX));
        })
        .map_err(evaluation)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(())
}

fn evaluation(error: downtime_cost::Error) -> Failure {
    Failure::Evaluation { error }
}

/// `value` as pretty JSON with a final newline.
fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|t| t + "\n")
        .map_err(|e| Failure::Io { path: "<stdout>".to_owned(), message: e.to_string() })
}
