//! Reports: a scenario evaluated into priced outages, the nines table and
//! the target comparison, as JSON (serde) or readable text tables (`Display`).

use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt::Write as _;

use crate::availability::{Availability, NinesTable};
use crate::convention::Conventions;
use crate::cost::CostBreakdown;
use crate::decision::{Decision, Investment};
use crate::error::Result;
use crate::money::{Currency, Rounding};
use crate::outage::Outage;
use crate::scenario::{SCHEMA_VERSION, Scenario};
use crate::sensitivity::{SensitivityOptions, Tornado};
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

/// Whether a target's exact expected annual cost agrees with its simulated
/// mean: inside the simulated mean's 99.9 % confidence interval, widened
/// by the exact figure's own numerical error bound.
///
/// # Formula
///
/// ```text
/// interval = simulated mean ± z₀.₉₉₉₅ × standard error       (z = 3.2905)
/// agrees   = interval.lower − error bound ≤ exact ≤ interval.upper + error bound
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reconciliation {
    #[serde(with = "crate::decimal::wire")]
    exact: Decimal,
    #[serde(with = "crate::decimal::wire")]
    error_bound: Decimal,
    #[serde(with = "crate::decimal::wire")]
    simulated_mean: Decimal,
    #[serde(with = "crate::decimal::wire")]
    lower: Decimal,
    #[serde(with = "crate::decimal::wire")]
    upper: Decimal,
    agrees: bool,
}

/// The confidence level of [`Reconciliation`]'s interval.
pub const RECONCILIATION_LEVEL: f64 = 0.999;

impl Reconciliation {
    fn new(exact: Decimal, error_bound: Decimal, losses: &crate::LossDistribution) -> Result<Self> {
        let (lower, upper) = losses.mean_interval(RECONCILIATION_LEVEL)?;
        let agrees = lower.saturating_sub(error_bound) <= exact && exact <= upper.saturating_add(error_bound);
        Ok(Reconciliation { exact, error_bound, simulated_mean: losses.mean(), lower, upper, agrees })
    }

    fn rounded(self, r: Rounding) -> Self {
        Reconciliation {
            exact: r.apply(self.exact),
            error_bound: r.apply(self.error_bound),
            simulated_mean: r.apply(self.simulated_mean),
            lower: r.apply(self.lower),
            upper: r.apply(self.upper),
            agrees: self.agrees,
        }
    }

    /// The exact expected annual cost.
    #[must_use]
    pub const fn exact(&self) -> Decimal {
        self.exact
    }

    /// The exact figure's numerical error bound.
    #[must_use]
    pub const fn error_bound(&self) -> Decimal {
        self.error_bound
    }

    /// The simulated mean.
    #[must_use]
    pub const fn simulated_mean(&self) -> Decimal {
        self.simulated_mean
    }

    /// The simulated mean's 99.9 % interval `(lower, upper)`.
    #[must_use]
    pub const fn interval(&self) -> (Decimal, Decimal) {
        (self.lower, self.upper)
    }

    /// Whether the exact figure lies inside the interval (widened by its bound).
    #[must_use]
    pub const fn agrees(&self) -> bool {
        self.agrees
    }
}

/// One target's simulated annual loss distribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulatedTarget {
    target: Availability,
    losses: crate::LossDistribution,
    reconciliation: Reconciliation,
}

impl SimulatedTarget {
    /// How the exact expected annual cost compares with the simulated mean.
    #[must_use]
    pub const fn reconciliation(&self) -> &Reconciliation {
        &self.reconciliation
    }

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

/// One design priced: what it delivers and what its outages cost a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DesignReport {
    name: String,
    #[serde(flatten)]
    summary: crate::ArchitectureSummary,
    /// Expected annual outage cost by driver (empty when the frequency does not follow).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    items: Vec<crate::LineItem>,
    #[serde(with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
    expected_outage_cost: Option<Decimal>,
    #[serde(with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
    run_cost: Option<Decimal>,
    #[serde(with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
    total_cost: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

impl DesignReport {
    fn new(design: &crate::Design, model: &crate::CostModel, rounding: Rounding) -> Result<Self> {
        let conventions = model.calendar_ref().conventions();
        let summary = design.architecture().summary(conventions)?;
        let (items, expected, note) = match design.architecture().outage_process(conventions) {
            Ok(process) => {
                let e = model.expected_annual(&process, &crate::ExpectedOptions::default())?;
                let items: Vec<crate::LineItem> = e.items().iter().map(|i| i.rounded(rounding)).collect();
                (items, Some(rounding.apply(e.total())), None)
            }
            Err(e) => (Vec::new(), None, Some(format!("outage cost not priced: {e}"))),
        };
        let run = design.run_cost().map(|r| rounding.apply(r));
        let total = match (run, expected) {
            (Some(r), Some(x)) => Some(crate::decimal::add(r, x, "design total cost")?),
            _ => None,
        };
        Ok(DesignReport {
            name: design.name().to_owned(),
            summary,
            items,
            expected_outage_cost: expected,
            run_cost: run,
            total_cost: total,
            note,
        })
    }

    /// The design's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Availability, incidents a year, mean time to restore and downtime a year.
    #[must_use]
    pub const fn summary(&self) -> &crate::ArchitectureSummary {
        &self.summary
    }

    /// Expected annual outage cost by driver, rounded.
    #[must_use]
    pub fn items(&self) -> &[crate::LineItem] {
        &self.items
    }

    /// Expected annual outage cost (exponential outages at the design's
    /// rate and mean time to restore); `None` when the frequency does not
    /// follow (a component given only by its availability).
    #[must_use]
    pub const fn expected_outage_cost(&self) -> Option<Decimal> {
        self.expected_outage_cost
    }

    /// The design's yearly run cost, if given.
    #[must_use]
    pub const fn run_cost(&self) -> Option<Decimal> {
        self.run_cost
    }

    /// Run cost + expected outage cost, when both are known.
    #[must_use]
    pub const fn total_cost(&self) -> Option<Decimal> {
        self.total_cost
    }

    /// Why the outage cost is missing, if it is.
    #[must_use]
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
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
    /// The scenario's outages that are placed in the year (a date or a
    /// start in the year) priced together as one year's history, when there
    /// are at least two.
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<CostBreakdown>,
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
    /// Total cost of ownership per target, when the scenario gives run costs.
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<Decision>,
    /// The tornado table, when [`Report::analyse_sensitivity`] ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    sensitivity: Option<Tornado>,
    /// The scenario's designs, priced.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    designs: Vec<DesignReport>,
    /// The study before rounding (decisions are computed from exact amounts).
    #[serde(skip)]
    exact: TargetStudy,
    #[serde(skip)]
    investment: Option<Investment>,
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
        let placed: Vec<Outage> = outages
            .iter()
            .filter(|o| model.calendar_ref().year_offset(o.start()).is_ok_and(|t| t.is_some()))
            .copied()
            .collect();
        let history =
            if placed.len() >= 2 { Some(model.year_cost(&placed)?.rounded(rounding)) } else { None };
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
        let investment = scenario.investment_inputs().cloned();
        let decision = investment.as_ref().map(|i| i.decide(&study, None)).transpose()?;
        let designs = scenario
            .designs()
            .iter()
            .enumerate()
            .map(|(i, d)| {
                DesignReport::new(d, &model, rounding).map_err(|e| e.within(&format!("designs[{i}]")))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Report {
            schema: SCHEMA_VERSION,
            scenario: scenario.name().to_owned(),
            description: scenario.description_text().to_owned(),
            year_starts_on: scenario.calendar().first_weekday(),
            currency: scenario.currency(),
            conventions,
            rounding,
            outages,
            history,
            nines: NinesTable::new(scenario.targets(), &conventions)?,
            targets: study.rounded(rounding),
            step_savings,
            cheapest,
            fit: match scenario.assumption() {
                OutageAssumption::Fitted(f) => Some(f.fit()?),
                _ => None,
            },
            simulations: Vec::new(),
            decision: decision.map(|d| d.rounded(rounding)),
            sensitivity: None,
            designs,
            exact: study,
            investment,
        })
    }

    /// Simulates each target's outage process (the process the study
    /// rescaled to the target; a Poisson process of the typical outage) and
    /// the planned maintenance under `scenario`'s model, calling
    /// `progress(done, total)` after each target, and reconciles each
    /// target's exact expected cost with its simulated mean
    /// ([`Reconciliation`]).
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
        for (i, (row, exact)) in rows.iter().zip(self.exact.rows()).enumerate() {
            let losses = match scenario.maintenance_process() {
                Some(m) => crate::simulate_with_maintenance(&model, row.process(), m, options)?,
                None => crate::simulate(&model, row.process(), options)?,
            };
            let reconciliation =
                Reconciliation::new(exact.total(), exact.error_bound(), &losses)?.rounded(self.rounding);
            out.push(SimulatedTarget { target: row.target(), losses, reconciliation });
            progress(i.saturating_add(1), rows.len());
        }
        if let Some(i) = &self.investment {
            let losses: Vec<&crate::LossDistribution> = out.iter().map(|s| &s.losses).collect();
            self.decision = Some(i.decide(&self.exact, Some(&losses))?.rounded(self.rounding));
        }
        self.simulations = out;
        Ok(())
    }

    /// Adds the tornado table: each input of `scenario` swung one at a time
    /// (see [`Tornado`]).
    ///
    /// # Errors
    ///
    /// As [`Tornado::new`].
    pub fn analyse_sensitivity(&mut self, scenario: &Scenario, options: &SensitivityOptions) -> Result<()> {
        self.sensitivity = Some(Tornado::new(scenario, options)?.rounded(self.rounding));
        Ok(())
    }

    /// The total cost of ownership per target (rounded), when the scenario gives run costs.
    #[must_use]
    pub const fn decision(&self) -> Option<&Decision> {
        self.decision.as_ref()
    }

    /// The scenario's designs, priced.
    #[must_use]
    pub fn designs(&self) -> &[DesignReport] {
        &self.designs
    }

    /// The tornado table (rounded), when [`Report::analyse_sensitivity`] ran.
    #[must_use]
    pub const fn sensitivity(&self) -> Option<&Tornado> {
        self.sensitivity.as_ref()
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

    /// The report as GitHub-flavoured Markdown: the same sections as the
    /// text report, as Markdown headings and tables.
    #[must_use]
    pub fn to_markdown(&self) -> String {
        self.render(render::Style::Markdown)
    }

    /// One CSV row per target (RFC 4180, CRLF line ends, exact amounts):
    /// `target_percent`, the downtime budget, incidents and mean outage, each
    /// line item and the expected outage cost; then, when present, the run
    /// cost, total cost of ownership and NPV, and the simulated mean, P50,
    /// P95, P99 and expected shortfall at 99 %.
    #[must_use]
    pub fn to_csv(&self) -> String {
        self.targets_csv()
    }

    /// The tornado table as CSV (header only unless [`Report::analyse_sensitivity`] ran).
    #[must_use]
    pub fn sensitivity_csv(&self) -> String {
        self.tornado_csv()
    }

    /// The scenario's name.
    #[must_use]
    pub fn scenario(&self) -> &str {
        &self.scenario
    }

    /// The scenario's outages placed in the year (a date or a start in the
    /// year) priced together as one year's history
    /// ([`crate::CostModel::year_cost`]: SLA credits per billing period on
    /// the period's total downtime), when there are at least two.
    #[must_use]
    pub const fn history(&self) -> Option<&CostBreakdown> {
        self.history.as_ref()
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

mod render;
