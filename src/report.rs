//! Reports: a scenario evaluated into priced outages, the nines table and
//! the target comparison, as JSON (serde) or readable text tables (`Display`).

use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt::{self, Write as _};

use crate::availability::{Availability, NinesTable};
use crate::convention::Conventions;
use crate::cost::CostBreakdown;
use crate::duration;
use crate::error::Result;
use crate::money::{Currency, Rounding};
use crate::outage::{Outage, OutageStart};
use crate::scenario::{SCHEMA_VERSION, Scenario};
use crate::target::{OutageAssumption, TargetStudy};

/// One priced outage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutageReport {
    outage: Outage,
    breakdown: CostBreakdown,
}

impl OutageReport {
    /// The outage.
    #[must_use]
    pub const fn outage(&self) -> &Outage {
        &self.outage
    }

    /// Its cost, rounded by the scenario's policy.
    #[must_use]
    pub const fn breakdown(&self) -> &CostBreakdown {
        &self.breakdown
    }
}

/// One target's simulated annual loss distribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulatedTarget {
    target: Availability,
    losses: crate::LossDistribution,
}

impl SimulatedTarget {
    /// The target.
    #[must_use]
    pub const fn target(&self) -> Availability {
        self.target
    }

    /// The simulated annual losses.
    #[must_use]
    pub const fn losses(&self) -> &crate::LossDistribution {
        &self.losses
    }
}

/// The saving of moving up one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepSaving {
    /// The lower target.
    pub from: Availability,
    /// The higher target.
    pub to: Availability,
    /// Expected saving per year (negative when the step costs more).
    #[serde(with = "crate::decimal::wire")]
    pub saving_per_year: Decimal,
}

/// A scenario evaluated: every amount rounded once, by the scenario's
/// [`Rounding`] policy. Serialises to the JSON finance tooling reads;
/// `Display` prints readable tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    schema: u64,
    scenario: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    description: String,
    #[serde(skip)]
    year_starts_on: crate::Weekday,
    currency: Currency,
    conventions: Conventions,
    rounding: Rounding,
    outages: Vec<OutageReport>,
    nines: NinesTable,
    targets: TargetStudy,
    step_savings: Vec<StepSaving>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cheapest: Option<Availability>,
    /// The fit, when the assumption is fitted from a history.
    #[serde(skip_serializing_if = "Option::is_none")]
    fit: Option<crate::HistoryFit>,
    /// Monte Carlo annual loss distributions per target, when simulated.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    simulations: Vec<SimulatedTarget>,
}

impl Report {
    /// Evaluates `scenario`.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Overflow`] for absurd amounts.
    pub fn new(scenario: &Scenario) -> Result<Self> {
        let model = scenario.model();
        let rounding = scenario.rounding_policy();
        let conventions = *scenario.calendar().conventions();
        let mut outages: Vec<Outage> = scenario.outages().to_vec();
        if outages.is_empty() {
            let process = match scenario.assumption() {
                OutageAssumption::Typical(_) => None,
                OutageAssumption::Process(p) => Some(p.process()),
                OutageAssumption::Fitted(f) => Some(f.to_process()?.process()),
            };
            outages.push(match (scenario.assumption(), process) {
                // The mean outage: mean duration at mean severity.
                (_, Some(process)) => {
                    let severity = crate::decimal::decimal_from_f64(process.severity().mean())
                        .and_then(|s| crate::Fraction::new(s.round_dp(6)).ok())
                        .unwrap_or(crate::Fraction::ONE);
                    Outage::new(process.duration().mean()).with_severity(severity)
                }
                (OutageAssumption::Typical(o), None) => *o,
                (_, None) => Outage::new(std::time::Duration::from_secs(3600)),
            });
        }
        let outages = outages
            .into_iter()
            .map(|o| Ok(OutageReport { outage: o, breakdown: model.cost(&o)?.rounded(rounding) }))
            .collect::<Result<Vec<_>>>()?;
        let study = TargetStudy::with_options(
            &model,
            scenario.assumption(),
            scenario.targets(),
            scenario.maintenance_process(),
            &crate::ExpectedOptions::default(),
        )?;
        let savings = study.step_savings()?;
        let step_savings = study
            .rows()
            .windows(2)
            .zip(savings)
            .filter_map(|(w, s)| match w {
                [a, b] => {
                    Some(StepSaving { from: a.target(), to: b.target(), saving_per_year: rounding.apply(s) })
                }
                _ => None,
            })
            .collect();
        let cheapest = study.cheapest().map(crate::target::TargetRow::target);
        Ok(Report {
            schema: SCHEMA_VERSION,
            scenario: scenario.name().to_owned(),
            description: scenario.description_text().to_owned(),
            year_starts_on: scenario.calendar().first_weekday(),
            currency: scenario.currency(),
            conventions,
            rounding,
            outages,
            nines: NinesTable::new(scenario.targets(), &conventions)?,
            targets: study.rounded(rounding),
            step_savings,
            cheapest,
            fit: match scenario.assumption() {
                OutageAssumption::Fitted(f) => Some(f.fit()?),
                _ => None,
            },
            simulations: Vec::new(),
        })
    }

    /// Simulates each target's outage process (the process the study
    /// rescaled to the target; a Poisson count of the typical outage) under
    /// `scenario`'s model, calling `progress(done, total)` after each target.
    /// Planned maintenance is not simulated (it is a fixed expected line).
    ///
    /// # Errors
    ///
    /// As [`crate::simulate`].
    pub fn simulate(
        &mut self,
        scenario: &Scenario,
        options: &crate::SimulationOptions,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<()> {
        let model = scenario.model();
        let rows = self.targets.rows();
        let mut out = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let losses = crate::simulate(&model, row.process(), options)?;
            out.push(SimulatedTarget { target: row.target(), losses });
            progress(i.saturating_add(1), rows.len());
        }
        self.simulations = out;
        Ok(())
    }

    /// The simulated targets (empty unless [`Report::simulate`] ran).
    #[must_use]
    pub fn simulations(&self) -> &[SimulatedTarget] {
        &self.simulations
    }

    /// The loss exceedance curves of the simulated targets as CSV:
    /// `target,exceedance_probability,loss`, down to 1e-4 (or 1/trials).
    #[must_use]
    pub fn exceedance_csv(&self) -> String {
        let mut out = String::from("target,exceedance_probability,loss\n");
        for s in &self.simulations {
            for (loss, p) in s.losses.exceedance_curve(1e-4) {
                let _ = writeln!(out, "{},{p},{}", s.target.percent(), self.rounding.apply(loss));
            }
        }
        out
    }

    /// The scenario's name.
    #[must_use]
    pub fn scenario(&self) -> &str {
        &self.scenario
    }

    /// The priced outages.
    #[must_use]
    pub fn outages(&self) -> &[OutageReport] {
        &self.outages
    }

    /// The nines table of the targets.
    #[must_use]
    pub const fn nines(&self) -> &NinesTable {
        &self.nines
    }

    /// The target comparison (rounded).
    #[must_use]
    pub const fn targets(&self) -> &TargetStudy {
        &self.targets
    }

    /// Saving of each step up the list of targets.
    #[must_use]
    pub fn step_savings(&self) -> &[StepSaving] {
        &self.step_savings
    }

    /// The report as pretty-printed JSON.
    ///
    /// # Errors
    ///
    /// Never in practice: every field serialises.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| crate::Error::Document {
            path: ".".to_owned(),
            message: e.to_string(),
            line: 0,
            column: 0,
        })
    }
}

/// `1234567.5` → `1,234,567.50` with the rounding's decimal places.
pub(crate) fn money_text(x: Decimal, rounding: Rounding) -> String {
    // `apply` rescales to exactly the policy's places, so Display shows them all.
    let r = rounding.apply(x);
    let text = r.abs().to_string();
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len().saturating_add(int.len() / 3));
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len().saturating_sub(i)) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if r.is_sign_negative() && !r.is_zero() { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Renders rows as a text table: first column left-aligned, the rest right-aligned.
fn table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let cols = header.len();
    let mut width = vec![0usize; cols];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (w, cell) in width.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut String, row: &[String]| {
        for (i, (cell, w)) in row.iter().zip(&width).enumerate() {
            let _ = if i == 0 { write!(out, "  {cell:<w$}") } else { write!(out, "  {cell:>w$}") };
        }
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    };
    line(out, header);
    let rule: Vec<String> = width.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &rule);
    for r in rows {
        line(out, r);
    }
}

const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// A duration for a text table: rounded to the centisecond.
fn short(d: std::time::Duration) -> String {
    let centis = d.as_millis().saturating_add(5) / 10;
    let rounded =
        std::time::Duration::from_millis(u64::try_from(centis.saturating_mul(10)).unwrap_or(u64::MAX));
    duration::format(rounded)
}

fn describe(o: &Outage, year_starts_on: crate::Weekday) -> String {
    let mut s = format!("{} at severity {}", short(o.duration()), o.severity());
    match o.start() {
        Some(OutageStart::Week(d)) => {
            let secs = d.as_secs();
            let day = DAYS.get(usize::try_from(secs / 86_400).unwrap_or(0)).copied().unwrap_or("?");
            let _ = write!(s, ", starting {day} {:02}:{:02}", (secs % 86_400) / 3600, (secs % 3600) / 60);
        }
        Some(OutageStart::Year(d)) => {
            let secs = d.as_secs();
            let days = secs / 86_400;
            let weekday =
                usize::try_from(days.saturating_add(u64::from(year_starts_on.days_from_monday())) % 7)
                    .unwrap_or(0);
            let _ = write!(
                s,
                ", starting on day {} of the year ({}) at {:02}:{:02}",
                days.saturating_add(1),
                DAYS.get(weekday).copied().unwrap_or("?"),
                (secs % 86_400) / 3600,
                (secs % 3600) / 60
            );
        }
        None => s.push_str(", start unknown (mean rates)"),
    }
    s
}

impl Report {
    fn write_header(&self, out: &mut String) {
        let r = self.rounding;
        let _ = writeln!(out, "Scenario: {}   (amounts in {})", self.scenario, self.currency);
        for line in wrap(&self.description, 96) {
            let _ = writeln!(out, "{line}");
        }
        let c = self.conventions;
        let month = match c.month_length() {
            crate::MonthLength::Days30 => "30 days",
            crate::MonthLength::Calendar => "calendar",
            _ => "year/12",
        };
        let quarter = match c.quarter_length() {
            crate::QuarterLength::Days90 => "90 days",
            crate::QuarterLength::Calendar => "calendar",
            _ => "year/4",
        };
        let mode = match r.mode() {
            crate::RoundingMode::HalfEven => "half to even",
            crate::RoundingMode::TowardZero => "toward zero",
            _ => "half away from zero",
        };
        let _ = writeln!(
            out,
            "Conventions: year {} days, month {month}, quarter {quarter}; rounding to {} places, {mode}",
            c.year_length().days(),
            r.decimal_places(),
        );
    }

    fn write_fit(&self, out: &mut String) {
        let Some(fit) = &self.fit else { return };
        let r = fit.rate();
        let _ = writeln!(
            out,
            "\nFitted from {} incidents ({} still open) over {:.2} years: {:.3} a year (95% interval {:.3}–{:.3})",
            r.incidents(),
            fit.open(),
            r.years(),
            r.per_year(),
            r.lower(),
            r.upper()
        );
        let rows: Vec<Vec<String>> = fit
            .fits()
            .map(|f| {
                let params: Vec<String> = f
                    .parameters()
                    .iter()
                    .map(|p| {
                        let unit = if p.unit().is_empty() { String::new() } else { format!(" {}", p.unit()) };
                        format!("{} {:.4} [{:.4}, {:.4}]{unit}", p.name(), p.estimate(), p.lower(), p.upper())
                    })
                    .collect();
                vec![
                    f.family().to_string(),
                    params.join(", "),
                    format!("{:.2}", f.log_likelihood()),
                    format!("{:.2}", f.aic()),
                    format!("{:.2}", f.bic()),
                ]
            })
            .collect();
        let header =
            ["duration family", "parameters (95% interval)", "log L", "AIC", "BIC"].map(str::to_owned);
        table(out, &header, &rows);
        for s in fit.skipped() {
            let _ = writeln!(out, "  not fitted: {} ({})", s.family(), s.reason());
        }
    }

    fn write_outages(&self, out: &mut String) {
        let r = self.rounding;
        for o in &self.outages {
            let _ = writeln!(out, "\nOutage: {}", describe(&o.outage, self.year_starts_on));
            let mut rows: Vec<Vec<String>> = o
                .breakdown
                .items()
                .iter()
                .map(|i| vec![i.name().to_owned(), i.kind().to_string(), money_text(i.amount(), r)])
                .collect();
            rows.push(vec!["total".to_owned(), String::new(), money_text(o.breakdown.total().amount(), r)]);
            let header = ["line item".to_owned(), "driver".to_owned(), format!("cost ({})", self.currency)];
            table(out, &header, &rows);
        }
    }

    fn write_nines(&self, out: &mut String) {
        let _ = writeln!(out, "\nDowntime budget per target");
        let rows: Vec<Vec<String>> = self
            .nines
            .rows()
            .iter()
            .map(|n| {
                vec![
                    n.availability.to_string(),
                    n.nines.map_or_else(|| "inf".to_owned(), |x| x.normalize().to_string()),
                    short(n.per_year),
                    short(n.per_quarter),
                    short(n.per_month),
                    short(n.per_week),
                    short(n.per_day),
                ]
            })
            .collect();
        let header: Vec<String> =
            ["target", "nines", "per year", "per quarter", "per month", "per week", "per day"]
                .map(str::to_owned)
                .into();
        table(out, &header, &rows);
    }

    fn write_targets(&self, out: &mut String) {
        let r = self.rounding;
        let _ = writeln!(
            out,
            "\nExpected annual outage cost per target ({}, {})",
            self.targets.method().replace('_', " "),
            self.currency
        );
        let names: Vec<String> = self
            .targets
            .rows()
            .first()
            .map(|r| r.items().iter().map(|i| i.name().to_owned()).collect())
            .unwrap_or_default();
        let mut header = vec!["target".to_owned(), "outages/yr".to_owned(), "mean outage".to_owned()];
        header.extend(names);
        header.push("total".to_owned());
        let bounded = self.targets.rows().iter().any(|r| !r.error_bound().is_zero());
        if bounded {
            header.push("± error bound".to_owned());
        }
        header.push("saving vs previous".to_owned());
        let rows: Vec<Vec<String>> = self
            .targets
            .rows()
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut cells = vec![
                    row.target().to_string(),
                    row.incidents_per_year().round_dp(2).to_string(),
                    short(row.mean_duration()),
                ];
                cells.extend(row.items().iter().map(|it| money_text(it.amount(), r)));
                cells.push(money_text(row.total(), r));
                if bounded {
                    cells.push(money_text(row.error_bound(), r));
                }
                cells.push(
                    i.checked_sub(1)
                        .and_then(|j| self.step_savings.get(j))
                        .map_or_else(String::new, |s| money_text(s.saving_per_year, r)),
                );
                cells
            })
            .collect();
        table(out, &header, &rows);
        for note in self.targets.notes() {
            for line in wrap(&format!("Note: {note}"), 96) {
                let _ = writeln!(out, "{line}");
            }
        }
        if let Some(c) = self.cheapest {
            let _ =
                writeln!(out, "\nLowest expected outage cost: {c} (run costs of each target not included).");
        }
    }
}

impl Report {
    fn write_simulations(&self, out: &mut String) {
        let Some(first) = self.simulations.first() else { return };
        let r = self.rounding;
        let _ = writeln!(
            out,
            "\nAnnual outage cost per target, Monte Carlo ({} years, seed {}, {})",
            first.losses.trials(),
            first.losses.seed(),
            self.currency
        );
        let header: Vec<String> = ["target", "mean", "± 99.9%", "P50", "P95", "P99", "ES 99%", "P(no cost)"]
            .map(str::to_owned)
            .into();
        let rows: Vec<Vec<String>> = self
            .simulations
            .iter()
            .map(|s| {
                let l = &s.losses;
                let q = |p: f64| l.quantile(p).map_or_else(|_| "-".to_owned(), |v| money_text(v, r));
                let half = l.std_error().checked_mul(Decimal::new(329, 2)).unwrap_or_default();
                vec![
                    s.target.to_string(),
                    money_text(l.mean(), r),
                    money_text(half, r),
                    q(0.5),
                    q(0.95),
                    q(0.99),
                    l.expected_shortfall(0.99).map_or_else(|_| "-".to_owned(), |v| money_text(v, r)),
                    format!("{:.4}", l.prob_zero()),
                ]
            })
            .collect();
        table(out, &header, &rows);
        let _ = writeln!(out, "(planned maintenance and user-defined drivers are not simulated)");
    }
}

/// Splits `text` into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count().saturating_add(word.chars().count()) >= width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

impl fmt::Display for Report {
    /// Readable text tables: each priced outage's breakdown, the downtime
    /// budget per target and the expected annual cost per target.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write_header(&mut out);
        self.write_fit(&mut out);
        self.write_outages(&mut out);
        self.write_nines(&mut out);
        self.write_targets(&mut out);
        self.write_simulations(&mut out);
        f.write_str(&out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("aa bb cc", 6), vec!["aa bb".to_owned(), "cc".to_owned()]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn money_text_groups_thousands() {
        let r = Rounding::default();
        assert_eq!(money_text(dec!(1234567.5), r), "1,234,567.50");
        assert_eq!(money_text(dec!(-1234.005), r), "-1,234.01");
        assert_eq!(money_text(dec!(0), r), "0.00");
        assert_eq!(money_text(dec!(999), r), "999.00");
        assert_eq!(money_text(dec!(1000), Rounding::new(0, crate::RoundingMode::HalfEven)), "1,000");
    }
}
