//! The report's tables as CSV (RFC 4180, CRLF line ends, exact amounts).

use std::fmt::Write as _;

use super::Report;

/// Targets as `99.9 99.95` (space-separated percents) for a CSV cell.
fn join_targets(v: &[crate::availability::Availability]) -> String {
    v.iter().map(|a| a.percent().to_string()).collect::<Vec<_>>().join(" ")
}

/// One CSV record (RFC 4180: fields with commas, quotes or line breaks are quoted).
pub(super) fn csv_row(out: &mut String, cells: &[String]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if c.contains([',', '"', '\n', '\r']) {
            let _ = write!(out, "\"{}\"", c.replace('"', "\"\""));
        } else {
            out.push_str(c);
        }
    }
    out.push_str("\r\n");
}

impl Report {
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
