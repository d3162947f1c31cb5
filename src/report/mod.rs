//! Reports: a scenario evaluated into priced outages, the nines table and
//! the target comparison, as JSON (serde) or readable text tables (`Display`).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, DesignEvaluation, Reconciliation, SimulatedTarget};
use crate::availability::{Availability, NinesTable};
use crate::convention::Conventions;
use crate::cost::CostBreakdown;
use crate::decision::{Decision, SupportComparison};
use crate::error::Result;
use crate::money::{Currency, Rounding};
use crate::outage::Outage;
use crate::sensitivity::Tornado;
use crate::simulate::LossSummary;
use crate::target::TargetStudy;

/// One priced outage.
///
/// Serialised as `{"outage": …, "duration_seconds": …, "breakdown": …}`:
/// the outage as the scenario gave it, its duration in seconds, and its
/// cost. Reading checks that the seconds equal the outage's duration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "OutageReportWire")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(try_from = "OutageReportWire"))]
pub struct OutageReport {
    outage: Outage,
    breakdown: CostBreakdown,
}

/// An [`OutageReport`] as written.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct OutageReportWire {
    outage: Outage,
    /// The outage's duration in seconds.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    duration_seconds: Decimal,
    breakdown: CostBreakdown,
}

impl From<OutageReport> for OutageReportWire {
    fn from(r: OutageReport) -> Self {
        OutageReportWire {
            duration_seconds: crate::duration::seconds(r.outage.duration()),
            outage: r.outage,
            breakdown: r.breakdown,
        }
    }
}

impl TryFrom<OutageReportWire> for OutageReport {
    type Error = crate::error::Error;

    fn try_from(w: OutageReportWire) -> Result<Self> {
        crate::duration::paired(w.outage.duration(), "duration_seconds", w.duration_seconds)?;
        Ok(OutageReport { outage: w.outage, breakdown: w.breakdown })
    }
}

crate::json::deserialize_via!(OutageReport, OutageReportWire);

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

/// One design priced: what it delivers and what its outages cost a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DesignReport {
    name: String,
    #[serde(flatten)]
    summary: crate::architecture::ArchitectureSummary,
    /// Expected annual outage cost by driver (empty when the frequency does not follow).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    items: Vec<crate::cost::LineItem>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    #[serde(default, with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
    expected_outage_cost: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    #[serde(default, with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
    run_cost: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    #[serde(default, with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
    total_cost: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

impl DesignReport {
    fn new(design: &DesignEvaluation, rounding: Rounding) -> Result<Self> {
        let (items, expected) = match design.expected() {
            Some(e) => {
                (e.items().iter().map(|i| i.rounded(rounding)).collect(), Some(rounding.apply(e.total())))
            }
            None => (Vec::new(), None),
        };
        let run = design.run_cost().map(|r| rounding.apply(r));
        let total = match (run, expected) {
            (Some(r), Some(x)) => Some(crate::decimal::add(r, x, "design total cost")?),
            _ => None,
        };
        Ok(DesignReport {
            name: design.name().to_owned(),
            summary: design.summary().rounded(),
            items,
            expected_outage_cost: expected,
            run_cost: run,
            total_cost: total,
            note: design.note().map(str::to_owned),
        })
    }

    /// The design's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Availability, incidents a year, mean time to restore and downtime a year.
    #[must_use]
    pub const fn summary(&self) -> &crate::architecture::ArchitectureSummary {
        &self.summary
    }

    /// Expected annual outage cost by driver, rounded.
    #[must_use]
    pub fn items(&self) -> &[crate::cost::LineItem] {
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

/// One target's simulated annual loss, summarised: the statistics of its
/// distribution and how the exact expected cost compares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SimulationSummary {
    target: Availability,
    losses: LossSummary,
    reconciliation: Reconciliation,
}

impl SimulationSummary {
    fn new(s: &SimulatedTarget, rounding: Rounding) -> Self {
        SimulationSummary {
            target: s.target(),
            losses: LossSummary::new(s.losses()).rounded(rounding),
            reconciliation: s.reconciliation().rounded(rounding),
        }
    }

    /// The target.
    #[must_use]
    pub const fn target(&self) -> Availability {
        self.target
    }

    /// The statistics of the simulated annual losses.
    #[must_use]
    pub const fn losses(&self) -> &LossSummary {
        &self.losses
    }

    /// How the exact expected annual cost compares with the simulated mean.
    #[must_use]
    pub const fn reconciliation(&self) -> &Reconciliation {
        &self.reconciliation
    }
}

/// The saving of moving up one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StepSaving {
    from: Availability,
    to: Availability,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    saving_per_year: Decimal,
}

impl StepSaving {
    /// The lower target.
    #[must_use]
    pub const fn from(&self) -> Availability {
        self.from
    }

    /// The higher target.
    #[must_use]
    pub const fn to(&self) -> Availability {
        self.to
    }

    /// Expected saving per year (negative when the step costs more).
    #[must_use]
    pub const fn saving_per_year(&self) -> Decimal {
        self.saving_per_year
    }
}

/// The version of the report format this crate writes and reads: the
/// `report_version` of every report. Fields are documented in
/// `docs/report-format.md`; a change that removes or renames a field, or
/// changes a unit, raises it.
pub const REPORT_VERSION: u64 = 1;

/// A scenario evaluated: every amount rounded once, by the scenario's
/// [`Rounding`] policy. Serialises to the JSON finance tooling reads;
/// `Display` prints readable tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The version of the report format ([`REPORT_VERSION`]).
    #[allow(clippy::struct_field_names, reason = "`report_version` is the format's field name")]
    report_version: u64,
    scenario: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    description: String,
    year_starts_on: crate::civil::Weekday,
    currency: Currency,
    conventions: Conventions,
    rounding: Rounding,
    outages: Vec<OutageReport>,
    /// The scenario's outages that are placed in the year (a date or a
    /// start in the year) priced together as one year's history, when there
    /// are at least two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    history: Option<CostBreakdown>,
    nines: NinesTable,
    targets: TargetStudy,
    step_savings: Vec<StepSaving>,
    /// The target with the lowest expected annual outage cost (run costs
    /// not counted: the decision's `cheapest` counts them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lowest_outage_cost: Option<Availability>,
    /// The fit, when the assumption is fitted from a history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fit: Option<crate::process::HistoryFit>,
    /// Monte Carlo annual loss distributions per target, when simulated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    simulations: Vec<SimulationSummary>,
    /// Total cost of ownership per target, when the scenario gives run costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    decision: Option<Decision>,
    /// The tornado table, when [`Analysis::analyse_sensitivity`] ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sensitivity: Option<Tornado>,
    /// The scenario's designs, priced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    designs: Vec<DesignReport>,
    /// The scenario's support options compared, when it has some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    support: Option<SupportComparison>,
}

impl Report {
    /// The report of `analysis`: every amount rounded once, by the
    /// scenario's [`Rounding`] policy.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Overflow`] for absurd amounts.
    pub fn new(analysis: &Analysis) -> Result<Self> {
        let scenario = analysis.scenario();
        let rounding = scenario.rounding();
        let conventions = *scenario.calendar().conventions();
        let study = analysis.study();
        let outages = analysis
            .outages()
            .iter()
            .map(|(o, b)| OutageReport { outage: *o, breakdown: b.rounded(rounding) })
            .collect();
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
        let designs = analysis
            .designs()
            .iter()
            .enumerate()
            .map(|(i, d)| DesignReport::new(d, rounding).map_err(|e| e.within(&format!("designs[{i}]"))))
            .collect::<Result<Vec<_>>>()?;
        Ok(Report {
            report_version: REPORT_VERSION,
            scenario: scenario.name().to_owned(),
            description: scenario.description().to_owned(),
            year_starts_on: scenario.calendar().first_weekday(),
            currency: scenario.currency(),
            conventions,
            rounding,
            outages,
            history: analysis.history().map(|h| h.rounded(rounding)),
            nines: NinesTable::new(scenario.targets(), &conventions)?,
            targets: study.rounded(rounding),
            step_savings,
            lowest_outage_cost: study.cheapest().map(crate::target::TargetRow::target),
            fit: analysis.fit().cloned(),
            simulations: analysis.simulations().iter().map(|s| SimulationSummary::new(s, rounding)).collect(),
            decision: analysis.decision().map(|d| d.rounded(rounding)),
            sensitivity: analysis.sensitivity().map(|t| t.rounded(rounding)),
            designs,
            support: analysis.support().map(|c| c.rounded(rounding)),
        })
    }

    /// The support options compared (rounded), when the scenario has some.
    #[must_use]
    pub const fn support(&self) -> Option<&SupportComparison> {
        self.support.as_ref()
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

    /// The tornado table (rounded), when [`Analysis::analyse_sensitivity`] ran.
    #[must_use]
    pub const fn sensitivity(&self) -> Option<&Tornado> {
        self.sensitivity.as_ref()
    }

    /// The simulated targets, summarised (empty unless [`Analysis::simulate`]
    /// ran; the full distributions stay on [`Analysis::simulations`]).
    #[must_use]
    pub fn simulations(&self) -> &[SimulationSummary] {
        &self.simulations
    }

    /// The loss exceedance curves of the simulated targets as CSV
    /// ([`TableKind::Exceedance`]): `target,exceedance_probability,loss`,
    /// down to 1e-4 (or 1/trials).
    #[must_use]
    pub fn exceedance_csv(&self) -> String {
        self.table(TableKind::Exceedance).to_csv()
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
    /// The main table, [`TableKind::Targets`]; every table is
    /// [`Report::table`]`(kind).to_csv()`.
    #[must_use]
    pub fn to_csv(&self) -> String {
        self.table(TableKind::Targets).to_csv()
    }

    /// The tornado table as CSV ([`TableKind::Sensitivity`]; header only
    /// unless [`Analysis::analyse_sensitivity`] ran).
    #[must_use]
    pub fn sensitivity_csv(&self) -> String {
        self.table(TableKind::Sensitivity).to_csv()
    }

    /// The report format's version ([`REPORT_VERSION`]).
    #[must_use]
    pub const fn report_version(&self) -> u64 {
        self.report_version
    }

    /// The target with the lowest expected annual outage cost, run costs not
    /// counted ([`Decision::cheapest`] counts them).
    #[must_use]
    pub const fn lowest_outage_cost(&self) -> Option<Availability> {
        self.lowest_outage_cost
    }

    /// The scenario's name.
    #[must_use]
    pub fn scenario(&self) -> &str {
        &self.scenario
    }

    /// The scenario's description (empty when it has none).
    #[must_use]
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The currency of every amount.
    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
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

    /// Reads a report written by [`Report::to_json`]: the same value, field
    /// for field. A report read back is data: its figures are not
    /// recomputed.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Document`] with the JSON path and position of
    /// malformed JSON, a wrong type or a missing field;
    /// [`crate::Error::Invalid`] for a value that breaks a rule (an
    /// availability above 100 %, say).
    pub fn from_json(json: &str) -> Result<Self> {
        // The version first: a report of another format fails on its version, not on the first
        // field that format added or renamed.
        #[derive(Deserialize)]
        struct Header {
            report_version: Option<serde_json::Value>,
        }
        let header: Header = crate::json::read(json)?;
        match header.report_version {
            Some(serde_json::Value::Number(n)) if n.as_u64() == Some(REPORT_VERSION) => {}
            other => {
                let shown = other.map_or_else(|| "nothing".to_owned(), |v| v.to_string());
                return Err(crate::error::Error::invalid(
                    "report_version",
                    shown,
                    "must be 1, the report format this version reads",
                )
                .at(crate::json::locate(json, "report_version")));
            }
        }
        crate::json::read(json)
    }

    /// The report as pretty-printed JSON.
    ///
    /// # Errors
    ///
    /// Never in practice: every field serialises.
    pub fn to_json(&self) -> Result<String> {
        crate::json::write(self)
    }
}

mod render;
mod table;

pub use render::{Section, Style};
pub use table::{Cell, Column, Table, TableKind, Unit};
