//! The `downtime-cost` binary, run as a user runs it: every subcommand,
//! standard input, `--version`, errors as JSON with their place, and the
//! documented exit codes. Outputs are compared with the library's own
//! results for the same scenario.

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use downtime_cost::{Analysis, Report, Scenario, SimulationOptions};
use serde_json::Value;

/// Runs the binary with `args`, feeding `stdin` when given.
fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_downtime-cost"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A scenario whose first driver has a negative revenue: the error's place is line 2, column 50.
const BAD: &str = "{\"schema\": 1, \"name\": \"bad\", \"currency\": \"USD\",
 \"drivers\": [{\"lost_sales\": {\"revenue_per_year\": \"-5\", \"share_at_risk\": \"0.5\"}}],
 \"assumption\": {\"typical\": {\"duration\": \"1h\"}}, \"targets\": [99]}";

#[test]
fn version_and_help() {
    let o = run(&["--version"], None);
    assert!(o.status.success());
    assert_eq!(stdout(&o).trim(), format!("downtime-cost {}", env!("CARGO_PKG_VERSION")));
    let o = run(&["--help"], None);
    assert!(o.status.success());
    let help = stdout(&o);
    for word in ["report", "price", "simulate", "validate", "schema", "scenarios", "Exit codes"] {
        assert!(help.contains(word), "--help lacks {word}");
    }
}

#[test]
fn scenarios_lists_and_prints_the_builtins() {
    let o = run(&["scenarios"], None);
    assert!(o.status.success());
    let listed: Vec<String> =
        stdout(&o).lines().map(|l| l.split_whitespace().next().unwrap().to_owned()).collect();
    assert_eq!(listed, Scenario::builtin_names());
    let o = run(&["scenarios", "saas"], None);
    assert!(o.status.success());
    assert_eq!(Scenario::from_json(&stdout(&o)).unwrap(), Scenario::builtin("saas").unwrap());
    // An unknown name is a wrong command line: exit 2.
    let o = run(&["scenarios", "nope", "--format", "json"], None);
    assert_eq!(o.status.code(), Some(2));
    let e: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(e["error"]["kind"], "usage");
    assert!(e["error"]["message"].as_str().unwrap().contains("retailer, saas"), "{e}");
    assert_eq!(run(&["report", "--scenario", "nope"], None).status.code(), Some(2));
}

#[test]
fn report_json_is_the_librarys_report_and_reads_back() {
    let o = run(&["report", "--scenario", "retailer", "--format", "json"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let read = Report::from_json(&stdout(&o)).unwrap();
    let scenario = Scenario::builtin("retailer").unwrap();
    assert_eq!(read, Report::new(&Analysis::new(&scenario).unwrap()).unwrap());
}

#[test]
fn report_from_a_file_and_from_standard_input_agree() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/erp.json");
    let from_file = run(&["report", path], None);
    assert!(from_file.status.success(), "{}", stderr(&from_file));
    let text = std::fs::read_to_string(path).unwrap();
    let from_stdin = run(&["report", "-"], Some(&text));
    assert!(from_stdin.status.success());
    assert_eq!(stdout(&from_file), stdout(&from_stdin));
    assert!(stdout(&from_file).starts_with("Scenario: "));
}

#[test]
fn report_with_simulation_and_sensitivity_is_seeded() {
    let args = [
        "report",
        "--scenario",
        "saas",
        "--trials",
        "2000",
        "--seed",
        "7",
        "--sensitivity",
        "--format",
        "json",
    ];
    let a = run(&args, None);
    assert!(a.status.success(), "{}", stderr(&a));
    let b = run(&args, None);
    assert_eq!(stdout(&a), stdout(&b), "same seed, same report");
    let report = Report::from_json(&stdout(&a)).unwrap();
    let mut analysis = Analysis::new(&Scenario::builtin("saas").unwrap()).unwrap();
    analysis.simulate(&SimulationOptions::new().with_trials(2000).with_seed(7), |_, _| {}).unwrap();
    analysis.analyse_sensitivity(&downtime_cost::SensitivityOptions::new()).unwrap();
    assert_eq!(report, Report::new(&analysis).unwrap());
}

#[test]
fn every_csv_table() {
    let base =
        ["report", "--scenario", "saas", "--format", "csv", "--trials", "1000", "--sensitivity", "--table"];
    for (table, header) in [
        ("targets", "target_percent,"),
        ("steps", "from_percent,to_percent,expected_saving_per_year"),
        ("decision", "target_percent,run_cost,expected_outage_cost,total_cost_of_ownership,"),
        ("designs", "design,availability_percent,"),
        ("outages", "outage,duration_seconds,severity,start,driver,line_item,amount"),
        ("simulations", "target_percent,trials,seed,mean,std_error,p50,"),
        ("sensitivity", "input,label,base_value,"),
        ("exceedance", "target,exceedance_probability,loss"),
    ] {
        let mut args = base.to_vec();
        args.push(table);
        let o = run(&args, None);
        assert!(o.status.success(), "{table}: {}", stderr(&o));
        let text = stdout(&o);
        assert!(text.starts_with(header), "{table}: {text}");
        assert!(text.lines().count() > 2, "{table} has rows");
    }
    // A table that needs a step not asked for is a usage error.
    let o = run(&["report", "--scenario", "saas", "--format", "csv", "--table", "simulations"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn price_gives_the_outages_only() {
    let o = run(&["price", "--scenario", "saas", "--format", "json"], None);
    assert!(o.status.success());
    let priced: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let report = Report::new(&Analysis::new(&Scenario::builtin("saas").unwrap()).unwrap()).unwrap();
    assert_eq!(priced, serde_json::to_value(report.outages()).unwrap());
    let o = run(&["price", "--scenario", "saas"], None);
    let text = stdout(&o);
    assert!(text.contains("Outage: ") && !text.contains("Downtime budget"), "{text}");
}

#[test]
fn simulate_gives_the_simulation_only() {
    let o = run(
        &["simulate", "--scenario", "retailer", "--trials", "3000", "--seed", "5", "--format", "json"],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let sims: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut analysis = Analysis::new(&Scenario::builtin("retailer").unwrap()).unwrap();
    analysis.simulate(&SimulationOptions::new().with_trials(3000).with_seed(5), |_, _| {}).unwrap();
    let report = Report::new(&analysis).unwrap();
    assert_eq!(sims, serde_json::to_value(report.simulations()).unwrap());
    let o = run(&["simulate", "--scenario", "retailer", "--trials", "0"], None);
    assert_eq!(o.status.code(), Some(2), "zero trials is a usage error");
}

#[test]
fn validate_says_valid_or_names_the_place() {
    let o = run(&["validate", "--scenario", "erp"], None);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("valid: "));
    let o = run(&["validate", "-"], Some(BAD));
    assert_eq!(o.status.code(), Some(1));
    let text = stderr(&o);
    assert!(
        text.contains(
            "drivers[0].lost_sales.revenue_per_year must not be negative, got -5 (line 2, column 50)"
        ),
        "{text}"
    );
    let o = run(&["validate", "-", "--format", "json"], Some(BAD));
    assert_eq!(o.status.code(), Some(1));
    let e: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let e = &e["error"];
    assert_eq!(e["kind"], "invalid");
    assert_eq!(e["path"], "drivers[0].lost_sales.revenue_per_year");
    assert_eq!(e["value"], "-5");
    assert_eq!(e["rule"], "must not be negative");
    assert_eq!((e["line"].as_u64(), e["column"].as_u64()), (Some(2), Some(50)));
    assert_eq!(e["source"], "-");
    // A document of the wrong shape: kind `document`, still located.
    let o = run(&["validate", "-", "--format", "json"], Some("{\"schema\": 1, \"name\": 5}"));
    assert_eq!(o.status.code(), Some(1));
    let e: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(e["error"]["kind"], "document");
    assert_eq!(e["error"]["path"], "name");
    assert_eq!(e["error"]["line"], 1);
}

#[test]
fn schema_prints_the_checked_in_files() {
    for (document, file) in [("scenario", "scenario.schema.json"), ("report", "report.schema.json")] {
        let o = run(&["schema", document], None);
        assert!(o.status.success());
        let checked_in =
            std::fs::read_to_string(format!("{}/../schema/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert_eq!(stdout(&o), checked_in, "{document}");
        let schema: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    }
}

#[test]
fn exit_codes() {
    // 2: a wrong command line, as text or as JSON.
    let o = run(&["report", "--scenario", "saas", "--bogus"], None);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["report", "--scenario", "saas", "--bogus", "--format", "json"], None);
    assert_eq!(o.status.code(), Some(2));
    let e: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(e["error"]["kind"], "usage");
    let o = run(&["report"], None);
    assert_eq!(o.status.code(), Some(2), "no input");
    // 3: a file that cannot be read.
    let o = run(&["report", "/nonexistent/scenario.json", "--format", "json"], None);
    assert_eq!(o.status.code(), Some(3));
    let e: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (e["error"]["kind"].as_str(), e["error"]["path"].as_str()),
        (Some("io"), Some("/nonexistent/scenario.json"))
    );
    // 4: the evaluation fails: 1 ms outages at 99 % are 315 360 000 a year, beyond the simulation's limit.
    let tiny = "{\"schema\": 1, \"name\": \"tiny\", \"currency\": \"USD\", \"drivers\": [{\"lost_sales\": {\"revenue_per_year\": \"1000\", \"share_at_risk\": \"1\"}}], \"assumption\": {\"typical\": {\"duration\": \"1ms\"}}, \"targets\": [99]}";
    let o = run(&["simulate", "-", "--trials", "10", "--format", "json"], Some(tiny));
    assert_eq!(o.status.code(), Some(4), "{}", stdout(&o));
    let e: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(e["error"]["path"], "max_outages_per_year");
    assert_eq!(
        (e["error"]["kind"].as_str(), e["error"]["error"].as_str()),
        (Some("evaluation"), Some("invalid"))
    );
}

/// The workbook's sheet `name` as rows of cells.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader as _;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

#[test]
fn the_workbook_holds_every_table_with_the_json_reports_numbers() {
    use downtime_cost::{Cell, TableKind, Unit};
    use rust_decimal::prelude::ToPrimitive as _;
    let dir = std::env::temp_dir().join(format!("downtime-cost-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("saas.xlsx");
    let common = ["report", "--scenario", "saas", "--trials", "2000", "--seed", "7", "--sensitivity"];
    let o = run(&[&common[..], &["--format", "xlsx", "--output", path.to_str().unwrap()]].concat(), None);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&path).unwrap();
    let json = run(&[&common[..], &["--format", "json"]].concat(), None);
    let report = Report::from_json(&stdout(&json)).unwrap();
    for kind in TableKind::ALL {
        let table = report.table(kind);
        if table.is_empty() {
            continue;
        }
        let rows = sheet(&bytes, kind.name());
        let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
        let names: Vec<&str> = table.columns().iter().map(downtime_cost::Column::name).collect();
        assert_eq!(header, names, "{kind:?}: the same column names as CSV and JSON");
        assert_eq!(rows.len(), table.rows().len() + 1, "{kind:?}");
        for (cells, expected) in rows[1..].iter().zip(table.rows()) {
            for ((got, want), column) in cells.iter().zip(expected).zip(table.columns()) {
                let want = match want {
                    Cell::Number(d) => d.to_f64().unwrap(),
                    Cell::Float(f) => *f,
                    Cell::Text(t) => {
                        assert_eq!(got.to_string(), *t, "{kind:?}.{}", column.name());
                        continue;
                    }
                    _ => continue,
                };
                let calamine::Data::Float(mut got) = *got else {
                    panic!("{kind:?}.{}: {got:?} is not a number", column.name())
                };
                // Availabilities are fractions in the sheet (99.95 % is 0.9995), formatted as percent.
                if column.unit() == Unit::Percent {
                    got *= 100.0;
                }
                assert!(
                    (got - want).abs() <= 1e-9 * want.abs().max(1.0),
                    "{kind:?}.{}: {got} vs {want}",
                    column.name()
                );
            }
        }
    }
    // The scenario's inputs, numbers as numbers.
    let inputs = sheet(&bytes, "inputs");
    let revenue = inputs.iter().find(|r| r[0] == "drivers[0].lost_sales.revenue_per_year").unwrap();
    assert_eq!(revenue[1], calamine::Data::Float(6_000_000.0));
    std::fs::remove_dir_all(&dir).unwrap();
    // A workbook is only for `report`.
    let o = run(&["price", "--scenario", "saas", "--format", "xlsx"], None);
    assert_eq!(o.status.code(), Some(2));
}

/// `x` rounded to whole units with thousands separators, as the board report writes amounts.
fn whole(x: rust_decimal::Decimal) -> String {
    let r = x.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let digits = r.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if r.is_sign_negative() && !r.is_zero() { format!("\u{2212}{out}") } else { out }
}

/// A target as the board report writes it: `99.95 %` with a no-break space.
fn pct(a: downtime_cost::Availability) -> String {
    format!("{}\u{a0}%", a.percent_for_display())
}

#[test]
fn the_board_report_is_one_page_with_the_reports_figures() {
    let common = ["report", "--scenario", "saas", "--trials", "2000", "--seed", "7"];
    let o = run(&[&common[..], &["--format", "html"]].concat(), None);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = stdout(&o);
    let json = run(&[&common[..], &["--format", "json"]].concat(), None);
    let report = Report::from_json(&stdout(&json)).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));

    // The summary, with the report's own figures as the page formats them.
    let start = html.find("id=\"summary\"").expect("a summary section");
    let summary = &html[start..start + html[start..].find("</section>").unwrap()];
    for row in report.targets().rows() {
        let text = format!("{}, USD\u{a0}{}", pct(row.target()), whole(row.total()));
        let first = format!(
            "At {} availability, outages are expected to cost USD\u{a0}{}",
            pct(row.target()),
            whole(row.total())
        );
        assert!(summary.contains(&text) || summary.contains(&first), "{text} in {summary}");
    }
    let decision = report.decision().unwrap();
    let cheapest = decision.cheapest()[0];
    let row = decision.rows().iter().find(|r| r.target() == cheapest).unwrap();
    let sentence = format!(
        "the cheapest is {} (total cost of ownership USD\u{a0}{}",
        pct(cheapest),
        whole(row.total_cost())
    );
    assert!(summary.contains(&sentence), "{sentence} in {summary}");
    let next = decision.steps().iter().find(|s| s.from() == cheapest).unwrap();
    assert!(summary.contains(&format!("from {} to {}", pct(next.from()), pct(next.to()))), "{summary}");
    assert!(summary.contains(&format!("USD\u{a0}{}", whole(next.expected_saving()))), "{summary}");
    let sim = report.simulations().iter().find(|s| s.target() == cheapest).unwrap();
    let p95 = format!("USD\u{a0}{}", whole(sim.losses().percentile("95").unwrap()));
    assert!(summary.contains(&p95), "the P95 bad year {p95} in {summary}");

    // One table per table the report has, the charts inline with the cheapest target marked.
    let tables = report.tables().into_iter().filter(|t| !t.is_empty()).count();
    assert_eq!(html.matches("<table").count(), tables);
    assert!(html.matches("<svg").count() >= 2, "the cost chart and the exceedance chart");
    assert!(html.contains("class=\"cheapest-marker\"") && html.contains(">Cheapest</text>"));
    assert!(html.contains("@media print") && html.contains("size: A4"));

    // Self-contained: no script, no reference outside the page but SVG's namespace.
    assert!(!html.contains("<script"));
    for bad in ["src=\"http", "href=\"http", "src='http", "href='http", "url(", "@import", "<link", "<img"] {
        assert!(!html.contains(bad), "{bad}");
    }
    assert_eq!(html.matches("http").count(), html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count());

    // A board report is only for `report`.
    for args in [
        &["price", "--scenario", "saas", "--format", "html"][..],
        &["simulate", "--scenario", "saas", "--format", "html"],
    ] {
        let o = run(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("--format html is for `report` only"));
    }
}

#[test]
fn the_board_report_escapes_user_strings_and_says_when_run_costs_are_missing() {
    let mut scenario: Value = serde_json::from_str(&stdout(&run(&["scenarios", "saas"], None))).unwrap();
    scenario["name"] = Value::from("Tom & Jerry's <script>alert(\"x\")</script>");
    scenario["drivers"][0]["lost_sales"]["name"] = Value::from("<b>usage</b> & margin");
    scenario.as_object_mut().unwrap().remove("investment");
    let o = run(&["report", "-", "--format", "html"], Some(&scenario.to_string()));
    assert!(o.status.success(), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(!html.contains("<script") && !html.contains("<b>"), "user strings are escaped");
    assert!(html.contains("Tom &amp; Jerry&#39;s &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;usage&lt;/b&gt; &amp; margin"));
    // No run costs: no decision, the lowest expected outage cost at the highest target.
    assert!(html.contains("run costs are not included"), "{html}");
    assert!(html.contains("the lowest expected outage cost is at 99.999\u{a0}%, the highest target studied"));
    assert!(!html.contains("simulated years)"), "no simulation, no bad year");
    assert_eq!(html.matches("<svg").count(), 1, "no simulation, no exceedance chart");
}

#[test]
fn hostile_names_are_shown_safely_in_html_xlsx_csv_text_and_errors() {
    let mut scenario: Value = serde_json::from_str(&stdout(&run(&["scenarios", "saas"], None))).unwrap();
    // A terminal escape, a line break, a right-to-left override and a formula.
    scenario["name"] = Value::from("Shop\u{1b}[2J\nnext\u{202e}lave");
    scenario["drivers"][0]["lost_sales"]["name"] = Value::from("=HYPERLINK(\"http://x\",\"y\")");
    let doc = scenario.to_string();
    let acts = |c: char| {
        c.is_control() && c != '\n' || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    // HTML: the controls shown as escapes, never raw.
    let o = run(&["report", "-", "--format", "html"], Some(&doc));
    assert!(o.status.success(), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(!html.chars().any(acts), "raw control characters in the HTML");
    assert!(html.contains(r"Shop\u{1b}[2J\u{a}next\u{202e}lave"));
    // Text: the same; the validation line too.
    for args in [&["report", "-"][..], &["validate", "-"][..]] {
        let o = run(args, Some(&doc));
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!stdout(&o).chars().any(acts), "{args:?}");
        assert!(stdout(&o).contains(r"Shop\u{1b}[2J\u{a}next\u{202e}lave"), "{args:?}");
    }
    // CSV: the formula gets a leading apostrophe.
    let o = run(&["report", "-", "--format", "csv", "--table", "outages"], Some(&doc));
    assert!(stdout(&o).contains("'=HYPERLINK"), "{}", stdout(&o));
    // The workbook: the name is a string cell, not a formula.
    let dir = std::env::temp_dir().join(format!("dc-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hostile.xlsx");
    let o = run(&["report", "-", "--format", "xlsx", "--output", path.to_str().unwrap()], Some(&doc));
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&path).unwrap();
    let cells: Vec<calamine::Data> = sheet(&bytes, "outages").into_iter().flatten().collect();
    assert!(
        cells.iter().any(|c| matches!(c, calamine::Data::String(s) if s.starts_with("=HYPERLINK"))),
        "the driver's name is a text cell: {cells:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    // An error message shows a hostile value as escapes.
    scenario["targets"][0] = Value::from("9\u{1b}]0;title\u{7}");
    let o = run(&["validate", "-"], Some(&scenario.to_string()));
    assert_eq!(o.status.code(), Some(1));
    assert!(!stderr(&o).chars().any(acts) && stderr(&o).contains(r"9\u{1b}]0;title\u{7}"), "{}", stderr(&o));
}

#[test]
fn trials_beyond_the_limit_are_an_error_with_the_field() {
    for trials in ["18446744073709551615", "1099511627776", "100000001"] {
        let o = run(&["simulate", "--scenario", "saas", "--trials", trials, "--format", "json"], None);
        assert_eq!(o.status.code(), Some(4), "{trials}: {}", stderr(&o));
        let e: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(e["error"]["path"], "trials", "{trials}");
        assert!(!stderr(&o).contains("panicked"), "{trials}");
    }
    // The outage limit the error names can be set from the command line.
    let o = run(
        &[
            "simulate",
            "--scenario",
            "saas",
            "--trials",
            "500",
            "--max-outages-per-year",
            "1",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let e: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(e["error"]["path"], "max_outages_per_year");
    assert!(e["error"]["message"].as_str().unwrap().contains("--max-outages-per-year"), "{e}");
    let o =
        run(&["simulate", "--scenario", "saas", "--trials", "500", "--max-outages-per-year", "1000"], None);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn the_support_options_in_csv_json_and_the_board_report() {
    let common = ["report", "--scenario", "support", "--trials", "2000", "--seed", "7"];
    let o = run(&[&common[..], &["--format", "csv", "--table", "support"]].concat(), None);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(
        csv.starts_with("option,mean_time_to_engage_seconds,mean_outage_hours,availability_percent,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4, "a header and three options: {csv}");
    let json = run(&[&common[..], &["--format", "json"]].concat(), None);
    let report = Report::from_json(&stdout(&json)).unwrap();
    let support = report.support().expect("the support section");
    assert_eq!(support.trials(), Some(2000));
    let cheapest = support.cheapest().unwrap().name().to_owned();
    // Each CSV row is the JSON's row: name and total cost.
    for (line, row) in csv.lines().skip(1).zip(support.rows()) {
        // RFC 4180: a name with a comma is quoted.
        let quoted = line.starts_with(&format!("\"{}\",", row.name()));
        assert!(line.starts_with(&format!("{},", row.name())) || quoted, "{line}");
        assert!(line.contains(&format!(",{},", row.total_cost())), "{line} lacks {}", row.total_cost());
    }
    let o = run(&[&common[..], &["--format", "html"]].concat(), None);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = stdout(&o);
    let chart = &html[html.find("class=\"chart support\"").expect("the support chart")..];
    let chart = &chart[..chart.find("</svg>").unwrap()];
    assert_eq!(chart.matches("<title>").count(), 1 + 3 * 3, "a title and three marks per option");
    assert!(chart.contains(&format!("font-weight=\"bold\">{cheapest}</text>")), "{chart}");
    assert!(html.contains("Who answers the outage"));
}
