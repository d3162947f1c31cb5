//! The board report (`report --format html`): one self-contained HTML page
//! with a summary in plain words, the charts as inline SVG and the report's
//! tables. No script, no font, no network reference; a print stylesheet
//! lays it out on A4. Every figure comes from the [`Report`]; this module
//! only formats them.

mod charts;
mod format;
mod summary;

use std::fmt::Write as _;

use downtime_cost::{Availability, Cell, Report, Scenario, Table, TableKind, Unit};
use rust_decimal::Decimal;

use format::escape;

/// The page's style: screen and print (A4).
const STYLE: &str = include_str!("style.css");

/// Tables wider than this many columns, with few rows, are shown turned
/// (one column per row of the table) so they fit a page.
const MAX_COLUMNS: usize = 9;
/// The most rows a table may have to be turned.
const MAX_TURNED_ROWS: usize = 8;

/// The board report of `scenario`'s `report` as one HTML document.
pub(crate) fn page(scenario: &Scenario, report: &Report) -> String {
    let cheapest = summary::cheapest(report);
    let name = escape(report.scenario());
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"downtime-cost {}\">\n\
         <title>Board report: {name}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <header>\n<p class=\"kicker\">Board report \u{b7} the cost of downtime</p>\n<h1>{name}</h1>\n",
        env!("CARGO_PKG_VERSION")
    );
    if !scenario.description().is_empty() {
        let _ = writeln!(out, "<p class=\"description\">{}</p>", escape(scenario.description()));
    }
    out.push_str("</header>\n");

    out.push_str("<section class=\"summary\" id=\"summary\">\n<h2>Summary</h2>\n<p>");
    out.push_str(&escape(&summary::sentences(report).join(" ")));
    out.push_str("</p>\n</section>\n");

    out.push_str("<section class=\"charts\">\n<h2>Charts</h2>\n<figure>\n");
    out.push_str(&charts::cost_chart(report, &cheapest));
    let _ = write!(
        out,
        "\n<figcaption>Expected outage cost a year at each uptime target{}. Each step on the scale is ten times the one below.</figcaption>\n</figure>\n",
        if report.decision().is_some() {
            "; the line adds what each target costs to run, and the cheapest target has the lowest total"
        } else {
            "; the scenario gives no run costs, so the cheapest target here is the one with the lowest outage cost"
        }
    );
    if let Some(svg) = charts::exceedance_chart(report, &cheapest) {
        out.push_str("<figure>\n");
        out.push_str(&svg);
        out.push_str(
            "\n<figcaption>Bad years: for each target, how likely a year's outage losses are to exceed an amount, \
             from the simulation. Curves further left are safer; where a curve crosses the dashed line is the loss \
             of one year in twenty.</figcaption>\n</figure>\n",
        );
    }
    if let Some(svg) = charts::support_chart(report) {
        out.push_str("<figure>\n");
        out.push_str(&svg);
        out.push_str(
            "\n<figcaption>Who answers the outage: each support option's running cost (grey) with its expected \
             outage cost a year stacked on top (blue); the red tick is the total after the service credits a \
             provider pays, and the cheapest option is in bold green.</figcaption>\n</figure>\n",
        );
    }
    out.push_str("</section>\n");

    let tables: Vec<Table> = report.tables().into_iter().filter(|t| !t.is_empty()).collect();
    let (main, appendix): (Vec<&Table>, Vec<&Table>) = tables.iter().partition(|t| !in_appendix(t.kind()));
    out.push_str("<section class=\"tables\">\n<h2>Tables</h2>\n");
    let currency = escape(report.targets().currency().as_str());
    let _ = writeln!(
        out,
        "<p class=\"note\">Amounts in {currency} a year unless stated, rounded to whole units \
         (the JSON and CSV outputs give them exactly).</p>"
    );
    for t in main {
        write_table(&mut out, t, &cheapest);
    }
    out.push_str("</section>\n");
    if !appendix.is_empty() {
        out.push_str("<section class=\"appendix\">\n<h2>Appendix</h2>\n");
        for t in appendix {
            write_table(&mut out, t, &cheapest);
        }
        out.push_str("</section>\n");
    }
    let _ = write!(
        out,
        "<footer>Prepared with downtime-cost {} from the scenario \u{201c}{name}\u{201d}. \
         Expected costs are long-run yearly averages; simulated figures are from a seeded Monte Carlo.</footer>\n\
         </main>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}

/// Detail tables go to the appendix.
fn in_appendix(kind: TableKind) -> bool {
    matches!(kind, TableKind::Outages | TableKind::Exceedance | TableKind::Sensitivity)
}

/// A table's heading and the sentence that says what it shows.
fn heading(kind: TableKind) -> (&'static str, &'static str) {
    match kind {
        TableKind::Targets => (
            "Cost by uptime target",
            "What outages are expected to cost a year at each target, line item by line item; with run costs, \
             the total cost of ownership; with a simulation, the bad years.",
        ),
        TableKind::Steps => {
            ("What each step up is worth", "The expected outage cost a year saved by moving up one target.")
        }
        TableKind::Decision => (
            "Total cost of ownership",
            "Run cost plus expected outage cost a year at each target, and the net present value against the baseline.",
        ),
        TableKind::Designs => {
            ("Designs", "The scenario's architectures: the availability they deliver and what they cost.")
        }
        TableKind::Support => (
            "Who answers the outage",
            "Each support option: how soon someone works on an outage, the availability reached, the expected and \
             P95 outage cost a year, the running cost, the credits a provider pays and the total.",
        ),
        TableKind::Outages => {
            ("The scenario's outages, priced", "Each outage, line item by line item, then its total.")
        }
        TableKind::Simulations => (
            "Simulated years",
            "The Monte Carlo per target: the mean year, the percentiles, value at risk and expected shortfall.",
        ),
        TableKind::Exceedance => (
            "Loss exceedance (the data of the chart)",
            "The annual outage loss that each target exceeds with the chance given (the curves of the chart).",
        ),
        TableKind::Sensitivity => (
            "What moves the answer",
            "Each input swung down and up, one at a time: the expected outage cost and the cheapest target at each end.",
        ),
        _ => ("Table", ""),
    }
}

/// A column's name in plain words (the report's snake-case name otherwise,
/// which is how line items appear).
fn label(name: &str) -> String {
    let plain = match name {
        "target_percent" | "target" => "Target",
        "budget_per_year_seconds" => "Downtime allowed a year",
        "incidents_per_year" => "Outages a year",
        "mean_duration_seconds" => "Typical outage",
        "expected_outage_cost" => "Expected outage cost",
        "error_bound" => "\u{b1} numerical error",
        "run_cost" => "Run cost",
        "total_cost_of_ownership" => "Total cost of ownership",
        "npv_vs_baseline" => "NPV against the baseline",
        "simulated_mean" => "Simulated mean",
        "p50" => "Typical year (P50)",
        "p90" => "1 year in 10 (P90)",
        "p95" => "1 year in 20 (P95)",
        "p99" => "1 year in 100 (P99)",
        "p99_9" => "1 year in 1,000 (P99.9)",
        "p99_99" => "1 year in 10,000 (P99.99)",
        "expected_shortfall_99" => "Mean of the worst 1 % of years",
        "expected_shortfall_95" => "Mean of the worst 5 % of years",
        "value_at_risk_95" => "Value at risk 95 %",
        "value_at_risk_99" => "Value at risk 99 %",
        "from_percent" => "From",
        "to_percent" => "To",
        "expected_saving_per_year" => "Expected saving a year",
        "risk_outage_cost" => "Outage cost in a bad year",
        "risk_total_cost" => "Total in a bad year",
        "cheapest" => "Cheapest",
        "design" => "Design",
        "availability_percent" => "Availability",
        "mean_time_to_restore_seconds" => "Mean time to restore",
        "downtime_per_year_seconds" => "Downtime a year",
        "total_cost" => "Total cost",
        "option" => "Support option",
        "mean_time_to_engage_seconds" => "Mean time to engage",
        "mean_outage_hours" => "Mean outage (hours)",
        "error_estimate" => "\u{b1} quadrature estimate",
        "p95_outage_cost" => "Outage cost, 1 year in 20 (P95)",
        "running_cost" => "Running cost",
        "credits_received" => "Credits received",
        "late_share" => "Share answered late",
        "outage" => "Outage",
        "duration_seconds" => "Duration",
        "severity" => "Severity",
        "start" => "Start",
        "driver" => "Driver",
        "line_item" => "Line item",
        "amount" => "Amount",
        "trials" => "Simulated years",
        "seed" => "Seed",
        "mean" => "Mean",
        "std_error" => "Standard error",
        "prob_zero" => "Years with no loss",
        "exceedance_probability" => "Chance a year exceeds",
        "loss" => "Annual loss",
        "input" => "Input",
        "label" => "What",
        "base_value" => "Base",
        "low_value" => "Low",
        "high_value" => "High",
        "cost_at_low" => "Cost at low",
        "cost_at_high" => "Cost at high",
        "swing" => "Swing",
        "cheapest_at_low" => "Cheapest at low",
        "cheapest_at_high" => "Cheapest at high",
        other => return escape(other),
    };
    plain.to_owned()
}

/// Whether a row is one of the cheapest targets (its first column is the target).
fn is_cheapest(table: &Table, row: &[Cell], cheapest: &[Availability]) -> bool {
    let first = table.columns().first().map(downtime_cost::Column::name);
    match (first, row.first()) {
        (Some("target_percent"), Some(Cell::Number(p))) => {
            cheapest.iter().any(|a| a.percent() == p.normalize())
        }
        _ => false,
    }
}

/// The CSS class of a cell in a column of `unit`.
fn class(unit: Unit) -> &'static str {
    if unit == Unit::Text { "text" } else { "num" }
}

/// One table with its heading; wide tables with few rows are turned.
fn write_table(out: &mut String, table: &Table, cheapest: &[Availability]) {
    let (title, note) = heading(table.kind());
    let kind = table.kind().name();
    let _ = write!(
        out,
        "<h3 id=\"table-{kind}\">{title}</h3>\n<p class=\"note\">{note}</p>\n<div class=\"table-wrap\">\n"
    );
    if table.kind() == TableKind::Exceedance {
        write_exceedance(out, table, cheapest);
        return;
    }
    let columns = table.columns();
    let turned = columns.len() > MAX_COLUMNS && table.rows().len() <= MAX_TURNED_ROWS;
    if turned {
        // The first column's cells become the header; each other column a row.
        let _ = write!(
            out,
            "<table class=\"turned\" data-table=\"{kind}\">\n<thead><tr><th class=\"text\"></th>"
        );
        for row in table.rows() {
            let mark =
                if is_cheapest(table, row, cheapest) { " class=\"num cheapest\"" } else { " class=\"num\"" };
            let head = match (row.first(), columns.first()) {
                (Some(c), Some(col)) => format::cell(c, col.unit()),
                _ => String::new(),
            };
            let _ = write!(out, "<th{mark} scope=\"col\">{head}</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for (i, column) in columns.iter().enumerate().skip(1) {
            let _ = write!(out, "<tr><th class=\"text\" scope=\"row\">{}</th>", label(column.name()));
            for row in table.rows() {
                let value = row.get(i).map(|c| format::cell(c, column.unit())).unwrap_or_default();
                let mark = if is_cheapest(table, row, cheapest) { " cheapest" } else { "" };
                let _ = write!(out, "<td class=\"{}{mark}\">{value}</td>", class(column.unit()));
            }
            out.push_str("</tr>\n");
        }
    } else {
        let _ = write!(out, "<table data-table=\"{kind}\">\n<thead><tr>");
        for column in columns {
            let _ = write!(
                out,
                "<th class=\"{}\" scope=\"col\">{}</th>",
                class(column.unit()),
                label(column.name())
            );
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in table.rows() {
            let mark = if is_cheapest(table, row, cheapest) { " class=\"cheapest\"" } else { "" };
            let _ = write!(out, "<tr{mark}>");
            for (c, column) in row.iter().zip(columns) {
                let _ = write!(
                    out,
                    "<td class=\"{}\">{}</td>",
                    class(column.unit()),
                    format::cell(c, column.unit())
                );
            }
            out.push_str("</tr>\n");
        }
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

/// The exceedance table pivoted: one row per probability, one column per
/// target (the same cells as the report's long table, laid out to read).
fn write_exceedance(out: &mut String, table: &Table, cheapest: &[Availability]) {
    let mut targets: Vec<Decimal> = Vec::new();
    let mut levels: Vec<String> = Vec::new();
    let mut cells: Vec<(usize, usize, String)> = Vec::new();
    for row in table.rows() {
        let (Some(Cell::Number(t)), Some(p), Some(loss)) = (row.first(), row.get(1), row.get(2)) else {
            continue;
        };
        let level = format::cell(p, Unit::Share);
        let ti = targets.iter().position(|x| x == t).unwrap_or_else(|| {
            targets.push(*t);
            targets.len() - 1
        });
        let li = levels.iter().position(|x| *x == level).unwrap_or_else(|| {
            levels.push(level);
            levels.len() - 1
        });
        cells.push((ti, li, format::cell(loss, Unit::Money)));
    }
    let marks: Vec<&str> = targets
        .iter()
        .map(|t| if cheapest.iter().any(|a| a.percent() == t.normalize()) { " cheapest" } else { "" })
        .collect();
    out.push_str("<table class=\"turned\" data-table=\"exceedance\">\n<thead><tr><th class=\"text\">Chance a year exceeds</th>");
    for (t, mark) in targets.iter().zip(&marks) {
        let _ = write!(
            out,
            "<th class=\"num{mark}\" scope=\"col\">{}</th>",
            format::cell(&Cell::Number(*t), Unit::Percent)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (li, level) in levels.iter().enumerate() {
        let _ = write!(out, "<tr><th class=\"text\" scope=\"row\">{level}</th>");
        for (ti, mark) in marks.iter().enumerate() {
            let value = cells.iter().find(|c| c.0 == ti && c.1 == li).map_or("", |c| c.2.as_str());
            let _ = write!(out, "<td class=\"num{mark}\">{value}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}
