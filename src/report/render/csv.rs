//! The report's tables as CSV (RFC 4180, CRLF line ends, exact amounts).

use std::fmt::Write as _;

use super::Report;

/// Targets as `99.9 99.95` (space-separated percents) for a CSV cell.
fn join_targets(v: &[crate::availability::Availability]) -> String {
    v.iter().map(|a| a.percent().to_string()).collect::<Vec<_>>().join(" ")
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or
/// a carriage return first, as a user's name may start) with a `'` in
/// front, which spreadsheets show as text; numbers (`-12.50`) are left alone.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && crate::decimal::parse_decimal(cell).is_none() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// One CSV record (RFC 4180: fields with commas, quotes or line breaks are
/// quoted; formula-like text is neutralised, see [`neutralised`]).
pub(super) fn csv_row(out: &mut String, cells: &[String]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let c = neutralised(c);
        if c.contains([',', '"', '\n', '\r']) {
            let _ = write!(out, "\"{}\"", c.replace('"', "\"\""));
        } else {
            out.push_str(&c);
        }
    }
    out.push_str("\r\n");
}

/// Where an outage starts, for a CSV cell: `week+2h`, `year+30d`, a date-time, or empty.
fn start_cell(start: Option<crate::outage::OutageStart>) -> String {
    match start {
        Some(crate::outage::OutageStart::Week(d)) => format!("week+{}", crate::duration::format(d)),
        Some(crate::outage::OutageStart::Year(d)) => format!("year+{}", crate::duration::format(d)),
        Some(crate::outage::OutageStart::At(t)) => t.to_string(),
        None => String::new(),
    }
}

impl Report {
    /// The priced outages as CSV, one row per line item (RFC 4180, CRLF line
    /// ends, exact amounts after the report's rounding): `outage` (1, 2, …),
    /// `duration_seconds`, `severity`, `start`, `driver`, `line_item`,
    /// `amount`; each outage ends with a `total` row.
    #[must_use]
    pub fn outages_csv(&self) -> String {
        let mut out = String::new();
        csv_row(
            &mut out,
            &["outage", "duration_seconds", "severity", "start", "driver", "line_item", "amount"]
                .map(str::to_owned),
        );
        for (k, o) in self.outages.iter().enumerate() {
            let head = [
                k.saturating_add(1).to_string(),
                crate::duration::seconds(o.outage.duration()).normalize().to_string(),
                o.outage.severity().get().normalize().to_string(),
                start_cell(o.outage.start()),
            ];
            for item in o.breakdown.items() {
                let mut cells = head.to_vec();
                cells.extend([item.kind().to_string(), item.name().to_owned(), item.amount().to_string()]);
                csv_row(&mut out, &cells);
            }
            let mut cells = head.to_vec();
            cells.extend([String::new(), "total".to_owned(), o.breakdown.total().to_string()]);
            csv_row(&mut out, &cells);
        }
        out
    }

    /// The simulated annual loss per target as CSV (header only unless
    /// [`crate::Analysis::simulate`] ran): `target_percent`, `trials`,
    /// `seed`, `mean`, `std_error`, the percentiles `p50` … `p99_99`,
    /// `value_at_risk_95`/`_99`, `expected_shortfall_95`/`_99` and
    /// `prob_zero`; amounts in cents.
    #[must_use]
    pub fn simulations_csv(&self) -> String {
        let mut out = String::new();
        let mut header: Vec<String> =
            ["target_percent", "trials", "seed", "mean", "std_error"].map(str::to_owned).into();
        let first = self.simulations.first().map(crate::report::SimulationSummary::losses);
        let percentiles: Vec<String> = first.map_or_else(
            || ["50", "90", "95", "99", "99.9", "99.99"].map(str::to_owned).to_vec(),
            |l| l.percentiles().iter().map(|p| p.level().to_owned()).collect(),
        );
        header.extend(percentiles.iter().map(|p| format!("p{}", p.replace('.', "_"))));
        header.extend(
            [
                "value_at_risk_95",
                "value_at_risk_99",
                "expected_shortfall_95",
                "expected_shortfall_99",
                "prob_zero",
            ]
            .map(str::to_owned),
        );
        csv_row(&mut out, &header);
        for s in &self.simulations {
            let l = s.losses();
            let mut cells = vec![
                s.target().percent().to_string(),
                l.trials().to_string(),
                l.seed().to_string(),
                l.mean().to_string(),
                l.std_error().to_string(),
            ];
            cells.extend(
                percentiles.iter().map(|p| l.percentile(p).map(|v| v.to_string()).unwrap_or_default()),
            );
            for tail in [l.value_at_risk(), l.expected_shortfall()] {
                for level in ["95", "99"] {
                    cells.push(
                        tail.iter()
                            .find(|t| t.level() == level)
                            .map(|t| t.loss().to_string())
                            .unwrap_or_default(),
                    );
                }
            }
            cells.push(l.prob_zero().to_string());
            csv_row(&mut out, &cells);
        }
        out
    }

    /// One row per target: the study, the decision and the simulation side by side.
    pub(crate) fn targets_csv(&self) -> String {
        let mut out = String::new();
        let names: Vec<String> = self
            .targets
            .rows()
            .first()
            .map(|r| r.items().iter().map(|i| i.name().to_owned()).collect())
            .unwrap_or_default();
        let mut header: Vec<String> =
            ["target_percent", "budget_per_year_seconds", "incidents_per_year", "mean_outage_seconds"]
                .map(str::to_owned)
                .into();
        header.extend(names);
        header.extend(["expected_outage_cost", "error_bound"].map(str::to_owned));
        if self.decision.is_some() {
            header.extend(["run_cost", "total_cost_of_ownership", "npv_vs_baseline"].map(str::to_owned));
        }
        if !self.simulations.is_empty() {
            header
                .extend(["simulated_mean", "p50", "p95", "p99", "expected_shortfall_99"].map(str::to_owned));
        }
        csv_row(&mut out, &header);
        let r = self.rounding;
        for row in self.targets.rows() {
            let mut cells = vec![
                row.target().percent().to_string(),
                crate::duration::seconds(row.budget_per_year()).normalize().to_string(),
                row.incidents_per_year().to_string(),
                crate::duration::seconds(row.mean_duration()).normalize().to_string(),
            ];
            cells.extend(row.items().iter().map(|i| i.amount().to_string()));
            cells.push(row.total().to_string());
            cells.push(row.error_bound().to_string());
            if let Some(dec) = &self.decision {
                match dec.rows().iter().find(|d| d.target() == row.target()) {
                    Some(d) => cells
                        .extend([d.run_cost(), d.total_cost(), d.npv_vs_baseline()].map(|x| x.to_string())),
                    None => cells.extend([String::new(), String::new(), String::new()]),
                }
            }
            if !self.simulations.is_empty() {
                match self.simulations.iter().find(|s| s.target() == row.target()) {
                    Some(s) => {
                        let l = &s.losses();
                        let q = |v: Option<rust_decimal::Decimal>| {
                            v.map_or_else(String::new, |v| r.apply(v).to_string())
                        };
                        cells.push(r.apply(l.mean()).to_string());
                        cells.extend([q(l.percentile("50")), q(l.percentile("95")), q(l.percentile("99"))]);
                        cells.push(q(l.expected_shortfall_at("99")));
                    }
                    None => cells.extend(std::iter::repeat_n(String::new(), 5)),
                }
            }
            csv_row(&mut out, &cells);
        }
        out
    }

    /// The tornado table, every input.
    pub(crate) fn tornado_csv(&self) -> String {
        let mut out = String::new();
        csv_row(
            &mut out,
            &[
                "input",
                "label",
                "base_value",
                "low_value",
                "high_value",
                "cost_at_low",
                "cost_at_high",
                "swing",
                "cheapest_at_low",
                "cheapest_at_high",
            ]
            .map(str::to_owned),
        );
        if let Some(t) = &self.sensitivity {
            for row in t.rows() {
                csv_row(
                    &mut out,
                    &[
                        row.input().to_owned(),
                        row.label().to_owned(),
                        row.base_value().to_owned(),
                        row.low_value().to_owned(),
                        row.high_value().to_owned(),
                        row.cost_at_low().to_string(),
                        row.cost_at_high().to_string(),
                        row.swing().to_string(),
                        join_targets(row.cheapest_at_low()),
                        join_targets(row.cheapest_at_high()),
                    ],
                );
            }
        }
        out
    }
}
