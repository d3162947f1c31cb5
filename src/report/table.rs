//! A report's tables as data: named columns with a unit, rows of typed
//! cells. CSV, spreadsheets and HTML are renderings of these; none of them
//! computes a figure.

use rust_decimal::Decimal;
use std::time::Duration;

use super::Report;
use crate::availability::Availability;
use crate::outage::OutageStart;

/// Which table of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TableKind {
    /// One row per target: downtime budget, outages, line items, expected
    /// outage cost, and the decision's and the simulation's columns when present.
    Targets,
    /// One row per step up the targets: the expected saving a year.
    Steps,
    /// One row per target of the decision: run cost, total cost of ownership, NPV.
    Decision,
    /// One row per design: availability, outages, time to restore, costs.
    Designs,
    /// One row per support option: time to engage, availability, costs, credits, total.
    Support,
    /// One row per line item of each priced outage, then its total.
    Outages,
    /// One row per simulated target: mean, percentiles, value at risk, expected shortfall.
    Simulations,
    /// The loss exceedance curve of each simulated target.
    Exceedance,
    /// One row per tornado input.
    Sensitivity,
}

impl TableKind {
    /// Every table, in the order a report lists them.
    pub const ALL: [TableKind; 9] = [
        TableKind::Targets,
        TableKind::Steps,
        TableKind::Decision,
        TableKind::Designs,
        TableKind::Support,
        TableKind::Outages,
        TableKind::Simulations,
        TableKind::Exceedance,
        TableKind::Sensitivity,
    ];

    /// The table named `name` ([`TableKind::name`]), if there is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<TableKind> {
        TableKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The table's name in snake case (`"targets"`), as files and sheets use it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            TableKind::Targets => "targets",
            TableKind::Steps => "steps",
            TableKind::Decision => "decision",
            TableKind::Designs => "designs",
            TableKind::Support => "support",
            TableKind::Outages => "outages",
            TableKind::Simulations => "simulations",
            TableKind::Exceedance => "exceedance",
            TableKind::Sensitivity => "sensitivity",
        }
    }
}

/// What a column's numbers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Unit {
    /// Money in the report's currency.
    Money,
    /// An availability or a level in percent (`99.95`).
    Percent,
    /// A share or probability in [0, 1].
    Share,
    /// Seconds.
    Seconds,
    /// A count or a plain number (outages a year, trials, a seed).
    Number,
    /// Text (names, targets listed, dates).
    Text,
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Cell {
    /// An exact number (money after the report's rounding, a percent, seconds…).
    Number(Decimal),
    /// A floating-point number (a probability from the simulation).
    Float(f64),
    /// Text.
    Text(String),
    /// Nothing (a figure that does not apply to this row).
    Empty,
}

impl Cell {
    /// The cell as CSV text: numbers as written exactly, floats in shortest form.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            Cell::Number(d) => d.to_string(),
            Cell::Float(f) => f.to_string(),
            Cell::Text(t) => t.clone(),
            Cell::Empty => String::new(),
        }
    }
}

/// A column: its name (snake case, the same in every format) and unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    name: String,
    unit: Unit,
}

impl Column {
    fn new(name: impl Into<String>, unit: Unit) -> Self {
        Column { name: name.into(), unit }
    }

    /// The column's name (`expected_outage_cost`).
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What its numbers are.
    #[must_use]
    pub const fn unit(&self) -> Unit {
        self.unit
    }
}

/// One of a report's tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    kind: TableKind,
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    /// Which table.
    #[must_use]
    pub const fn kind(&self) -> TableKind {
        self.kind
    }

    /// The columns.
    #[must_use]
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The rows, each as long as [`Table::columns`].
    #[must_use]
    pub fn rows(&self) -> &[Vec<Cell>] {
        &self.rows
    }

    /// Whether the table has no rows (a section the report does not have).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as CSV (RFC 4180, CRLF line ends): the header, then a line
    /// per row; text a spreadsheet would run as a formula gets a leading `'`.
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let header: Vec<String> = self.columns.iter().map(|c| c.name.clone()).collect();
        super::render::csv_row(&mut out, &header);
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(Cell::text).collect();
            super::render::csv_row(&mut out, &cells);
        }
        out
    }
}

fn money(d: Decimal) -> Cell {
    Cell::Number(d)
}

fn percent(a: Availability) -> Cell {
    Cell::Number(a.percent())
}

fn seconds(d: Duration) -> Cell {
    Cell::Number(crate::duration::seconds(d).normalize())
}

fn text(t: impl Into<String>) -> Cell {
    Cell::Text(t.into())
}

fn optional(v: Option<Decimal>) -> Cell {
    v.map_or(Cell::Empty, Cell::Number)
}

/// Targets as `99.9 99.95` (space-separated percents) for one cell.
fn targets_text(v: &[Availability]) -> Cell {
    text(v.iter().map(|a| a.percent().to_string()).collect::<Vec<_>>().join(" "))
}

/// Where an outage starts: `week+2h`, `year+30d`, a date-time, or empty.
fn start_cell(start: Option<OutageStart>) -> Cell {
    match start {
        Some(OutageStart::Week(d)) => text(format!("week+{}", crate::duration::format(d))),
        Some(OutageStart::Year(d)) => text(format!("year+{}", crate::duration::format(d))),
        Some(OutageStart::At(t)) => text(t.to_string()),
        None => Cell::Empty,
    }
}

impl Report {
    /// Every table of the report, empty ones included (a report without a
    /// simulation has an empty [`TableKind::Simulations`]).
    #[must_use]
    pub fn tables(&self) -> Vec<Table> {
        TableKind::ALL.iter().map(|&k| self.table(k)).collect()
    }

    /// One table of the report.
    #[must_use]
    pub fn table(&self, kind: TableKind) -> Table {
        let (columns, rows) = match kind {
            TableKind::Targets => self.targets_table(),
            TableKind::Steps => self.steps_table(),
            TableKind::Decision => self.decision_table(),
            TableKind::Designs => self.designs_table(),
            TableKind::Support => self.support_table(),
            TableKind::Outages => self.outages_table(),
            TableKind::Simulations => self.simulations_table(),
            TableKind::Exceedance => self.exceedance_table(),
            TableKind::Sensitivity => self.sensitivity_table(),
        };
        Table { kind, columns, rows }
    }

    fn targets_table(&self) -> (Vec<Column>, Vec<Vec<Cell>>) {
        let names: Vec<String> = self
            .targets
            .rows()
            .first()
            .map(|r| r.items().iter().map(|i| i.name().to_owned()).collect())
            .unwrap_or_default();
        let mut columns = vec![
            Column::new("target_percent", Unit::Percent),
            Column::new("budget_per_year_seconds", Unit::Seconds),
            Column::new("incidents_per_year", Unit::Number),
            Column::new("mean_duration_seconds", Unit::Seconds),
        ];
        columns.extend(names.into_iter().map(|n| Column::new(n, Unit::Money)));
        columns.extend([
            Column::new("expected_outage_cost", Unit::Money),
            Column::new("error_bound", Unit::Money),
        ]);
        if self.decision.is_some() {
            columns.extend(
                ["run_cost", "total_cost_of_ownership", "npv_vs_baseline"]
                    .map(|n| Column::new(n, Unit::Money)),
            );
        }
        if !self.simulations.is_empty() {
            columns.extend(
                ["simulated_mean", "p50", "p95", "p99", "expected_shortfall_99"]
                    .map(|n| Column::new(n, Unit::Money)),
            );
        }
        let rows = self
            .targets
            .rows()
            .iter()
            .map(|row| {
                let mut cells = vec![
                    percent(row.target()),
                    seconds(row.budget_per_year()),
                    Cell::Number(row.incidents_per_year()),
                    seconds(row.mean_duration()),
                ];
                cells.extend(row.items().iter().map(|i| money(i.amount())));
                cells.extend([money(row.total()), money(row.error_bound())]);
                if let Some(dec) = &self.decision {
                    match dec.rows().iter().find(|d| d.target() == row.target()) {
                        Some(d) => {
                            cells.extend([d.run_cost(), d.total_cost(), d.npv_vs_baseline()].map(money));
                        }
                        None => cells.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
                    }
                }
                if !self.simulations.is_empty() {
                    match self.simulations.iter().find(|s| s.target() == row.target()) {
                        Some(s) => {
                            let l = s.losses();
                            // The report's summaries are already rounded by its policy.
                            cells.push(money(l.mean()));
                            cells.extend(["50", "95", "99"].map(|p| optional(l.percentile(p))));
                            cells.push(optional(l.expected_shortfall_at("99")));
                        }
                        None => cells.extend(std::iter::repeat_n(Cell::Empty, 5)),
                    }
                }
                cells
            })
            .collect();
        (columns, rows)
    }

    fn steps_table(&self) -> (Vec<Column>, Vec<Vec<Cell>>) {
        let columns = vec![
            Column::new("from_percent", Unit::Percent),
            Column::new("to_percent", Unit::Percent),
            Column::new("expected_saving_per_year", Unit::Money),
        ];
        let rows = self
            .step_savings
            .iter()
            .map(|s| vec![percent(s.from()), percent(s.to()), money(s.saving_per_year())])
            .collect();
        (columns, rows)
    }

    fn decision_table(&self) -> (Vec<Column>, Vec<Vec<Cell>>) {
        let columns = vec![
            Column::new("target_percent", Unit::Percent),
            Column::new("run_cost", Unit::Money),
            Column::new("expected_outage_cost", Unit::Money),
            Column::new("total_cost_of_ownership", Unit::Money),
            Column::new("npv_vs_baseline", Unit::Money),
            Column::new("risk_outage_cost", Unit::Money),
            Column::new("risk_total_cost", Unit::Money),
            Column::new("cheapest", Unit::Text),
        ];
        let rows = self.decision.as_ref().map_or_else(Vec::new, |d| {
            d.rows()
                .iter()
                .map(|row| {
                    vec![
                        percent(row.target()),
                        money(row.run_cost()),
                        money(row.expected_outage_cost()),
                        money(row.total_cost()),
                        money(row.npv_vs_baseline()),
                        optional(row.risk_outage_cost()),
                        optional(row.risk_total_cost()),
                        text(if d.cheapest().contains(&row.target()) { "yes" } else { "" }),
                    ]
                })
                .collect()
        });
        (columns, rows)
    }

    fn designs_table(&self) -> (Vec<Column>, Vec<Vec<Cell>>) {
        let columns = vec![
            Column::new("design", Unit::Text),
            Column::new("availability_percent", Unit::Percent),
            Column::new("incidents_per_year", Unit::Number),
            Column::new("mean_time_to_restore_seconds", Unit::Seconds),
            Column::new("downtime_per_year_seconds", Unit::Seconds),
            Column::new("expected_outage_cost", Unit::Money),
            Column::new("run_cost", Unit::Money),
            Column::new("total_cost", Unit::Money),
        ];
        let rows = self
            .designs
            .iter()
            .map(|d| {
                let s = d.summary();
                vec![
                    text(d.name()),
                    percent(s.availability()),
                    optional(s.incidents_per_year()),
                    s.mean_time_to_restore().map_or(Cell::Empty, seconds),
                    seconds(s.downtime_per_year()),
                    optional(d.expected_outage_cost()),
                    optional(d.run_cost()),
                    optional(d.total_cost()),
                ]
            })
            .collect();
        (columns, rows)
    }

    fn support_table(&self) -> (Vec<Column>, Vec<Vec<Cell>>) {
        let columns = vec![
            Column::new("option", Unit::Text),
            Column::new("mean_time_to_engage_seconds", Unit::Seconds),
            Column::new("mean_outage_hours", Unit::Number),
            Column::new("availability_percent", Unit::Percent),
            Column::new("expected_outage_cost", Unit::Money),
            Column::new("error_estimate", Unit::Money),
            Column::new("p95_outage_cost", Unit::Money),
            Column::new("running_cost", Unit::Money),
            Column::new("credits_received", Unit::Money),
            Column::new("total_cost", Unit::Money),
            Column::new("late_share", Unit::Share),
        ];
        let rows = self.support.as_ref().map_or_else(Vec::new, |c| {
            c.rows()
                .iter()
                .map(|x| {
                    vec![
                        text(x.name()),
                        Cell::Number(x.mean_time_to_engage_seconds()),
                        Cell::Number(x.mean_outage_hours()),
                        percent(x.availability()),
                        Cell::Number(x.expected_outage_cost()),
                        Cell::Number(x.error_estimate()),
                        optional(x.p95_outage_cost()),
                        Cell::Number(x.running_cost()),
                        Cell::Number(x.credits_received()),
                        Cell::Number(x.total_cost()),
                        Cell::Number(x.late_share()),
                    ]
                })
                .collect()
        });
        (columns, rows)
    }

    fn outages_table(&self) -> (Vec<Column>, Vec<Vec<Cell>>) {
        let columns = vec![
            Column::new("outage", Unit::Number),
            Column::new("duration_seconds", Unit::Seconds),
            Column::new("severity", Unit::Share),
            Column::new("start", Unit::Text),
            Column::new("driver", Unit::Text),
            Column::new("line_item", Unit::Text),
            Column::new("amount", Unit::Money),
        ];
        let mut rows = Vec::new();
        for (k, o) in self.outages.iter().enumerate() {
            let head = [
                Cell::Number(Decimal::from(k.saturating_add(1))),
                seconds(o.outage.duration()),
                Cell::Number(o.outage.severity().get().normalize()),
                start_cell(o.outage.start()),
            ];
            for item in o.breakdown.items() {
                let mut cells = head.to_vec();
                cells.extend([text(item.kind().to_string()), text(item.name()), money(item.amount())]);
                rows.push(cells);
            }
            let mut cells = head.to_vec();
            cells.extend([Cell::Empty, text("total"), money(o.breakdown.total())]);
            rows.push(cells);
        }
        (columns, rows)
    }

    fn simulations_table(&self) -> (Vec<Column>, Vec<Vec<Cell>>) {
        let first = self.simulations.first().map(super::SimulationSummary::losses);
        let percentiles: Vec<String> = first.map_or_else(
            || ["50", "90", "95", "99", "99.9", "99.99"].map(str::to_owned).to_vec(),
            |l| l.percentiles().iter().map(|p| p.level().to_owned()).collect(),
        );
        let mut columns = vec![
            Column::new("target_percent", Unit::Percent),
            Column::new("trials", Unit::Number),
            Column::new("seed", Unit::Number),
            Column::new("mean", Unit::Money),
            Column::new("std_error", Unit::Money),
        ];
        columns.extend(
            percentiles.iter().map(|p| Column::new(format!("p{}", p.replace('.', "_")), Unit::Money)),
        );
        columns.extend(
            ["value_at_risk_95", "value_at_risk_99", "expected_shortfall_95", "expected_shortfall_99"]
                .map(|n| Column::new(n, Unit::Money)),
        );
        columns.push(Column::new("prob_zero", Unit::Share));
        let rows = self
            .simulations
            .iter()
            .map(|s| {
                let l = s.losses();
                let mut cells = vec![
                    percent(s.target()),
                    Cell::Number(Decimal::from(l.trials())),
                    Cell::Number(Decimal::from(l.seed())),
                    money(l.mean()),
                    money(l.std_error()),
                ];
                cells.extend(percentiles.iter().map(|p| optional(l.percentile(p))));
                for tail in [l.value_at_risk(), l.expected_shortfall()] {
                    for level in ["95", "99"] {
                        cells.push(optional(
                            tail.iter().find(|t| t.level() == level).map(crate::simulate::LevelLoss::loss),
                        ));
                    }
                }
                cells.push(Cell::Float(l.prob_zero()));
                cells
            })
            .collect();
        (columns, rows)
    }

    fn exceedance_table(&self) -> (Vec<Column>, Vec<Vec<Cell>>) {
        let columns = vec![
            Column::new("target", Unit::Percent),
            Column::new("exceedance_probability", Unit::Share),
            Column::new("loss", Unit::Money),
        ];
        let rows =
            self.simulations
                .iter()
                .flat_map(|s| {
                    s.losses().exceedance_curve().iter().map(move |p| {
                        vec![percent(s.target()), Cell::Float(p.probability()), money(p.loss())]
                    })
                })
                .collect();
        (columns, rows)
    }

    fn sensitivity_table(&self) -> (Vec<Column>, Vec<Vec<Cell>>) {
        let columns = vec![
            Column::new("input", Unit::Text),
            Column::new("label", Unit::Text),
            Column::new("base_value", Unit::Text),
            Column::new("low_value", Unit::Text),
            Column::new("high_value", Unit::Text),
            Column::new("cost_at_low", Unit::Money),
            Column::new("cost_at_high", Unit::Money),
            Column::new("swing", Unit::Money),
            Column::new("cheapest_at_low", Unit::Text),
            Column::new("cheapest_at_high", Unit::Text),
        ];
        let rows = self.sensitivity.as_ref().map_or_else(Vec::new, |t| {
            t.rows()
                .iter()
                .map(|row| {
                    vec![
                        text(row.input()),
                        text(row.label()),
                        text(row.base_value()),
                        text(row.low_value()),
                        text(row.high_value()),
                        money(row.cost_at_low()),
                        money(row.cost_at_high()),
                        money(row.swing()),
                        targets_text(row.cheapest_at_low()),
                        targets_text(row.cheapest_at_high()),
                    ]
                })
                .collect()
        });
        (columns, rows)
    }
}
