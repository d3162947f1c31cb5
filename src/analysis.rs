//! The analysis: a scenario evaluated once. It owns the cost model, the
//! priced outages, the target study, the fit, the designs and the decision,
//! and adds the Monte Carlo ([`Analysis::simulate`]) and the tornado
//! ([`Analysis::analyse_sensitivity`]) as steps on the same value. A
//! [`crate::Report`] is made from it, rounded once.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::architecture::{ArchitectureSummary, Design};
use crate::availability::Availability;
use crate::cost::{CostBreakdown, CostModel};
use crate::decision::{Decision, SupportComparison, SupportComparisonOptions};
use crate::error::Result;
use crate::expected::{ExpectedAnnualCost, ExpectedOptions};
use crate::fraction::Fraction;
use crate::money::Rounding;
use crate::outage::Outage;
use crate::process::HistoryFit;
use crate::scenario::Scenario;
use crate::sensitivity::{SensitivityOptions, Tornado};
use crate::simulate::{LossDistribution, SimulationOptions, simulate, simulate_with_maintenance};
use crate::target::{OutageAssumption, TargetStudy};

/// A scenario evaluated: the exact figures (nothing rounded), built once.
///
/// # Example
///
/// ```
/// use downtime_cost::{Analysis, Report, Scenario, SimulationOptions};
///
/// let scenario = Scenario::builtin("saas")?;
/// let mut analysis = Analysis::new(&scenario)?;
/// analysis.simulate(&SimulationOptions::new().with_trials(2_000).with_seed(1), |_, _| {})?;
/// // Every target's exact expected cost against its simulated mean.
/// assert_eq!(analysis.simulations().len(), scenario.targets().len());
/// let report = Report::new(&analysis)?;
/// assert_eq!(report.simulations().len(), 6);
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Analysis {
    scenario: Scenario,
    model: CostModel,
    outages: Vec<(Outage, CostBreakdown)>,
    history: Option<CostBreakdown>,
    study: TargetStudy,
    fit: Option<HistoryFit>,
    designs: Vec<DesignEvaluation>,
    decision: Option<Decision>,
    simulations: Vec<SimulatedTarget>,
    sensitivity: Option<Tornado>,
    support: Option<SupportComparison>,
}

/// One design evaluated: its availability figures and, when its outage
/// frequency follows, its expected annual outage cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignEvaluation {
    name: String,
    summary: ArchitectureSummary,
    expected: Option<ExpectedAnnualCost>,
    run_cost: Option<Decimal>,
    note: Option<String>,
}

impl DesignEvaluation {
    fn new(design: &Design, model: &CostModel) -> Result<Self> {
        let conventions = model.calendar().conventions();
        let summary = design.architecture().summary(conventions)?;
        let (expected, note) = match design.architecture().outage_process(conventions) {
            Ok(process) => (Some(model.expected_annual(&process, &ExpectedOptions::default())?), None),
            Err(e) => (None, Some(format!("outage cost not priced: {e}"))),
        };
        Ok(DesignEvaluation {
            name: design.name().to_owned(),
            summary,
            expected,
            run_cost: design.run_cost(),
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
    pub const fn summary(&self) -> &ArchitectureSummary {
        &self.summary
    }

    /// The expected annual outage cost (exponential outages at the design's
    /// rate and mean time to restore), when the frequency follows.
    #[must_use]
    pub const fn expected(&self) -> Option<&ExpectedAnnualCost> {
        self.expected.as_ref()
    }

    /// The design's yearly run cost, if given.
    #[must_use]
    pub const fn run_cost(&self) -> Option<Decimal> {
        self.run_cost
    }

    /// Why the outage cost is missing, if it is.
    #[must_use]
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

impl Analysis {
    /// Evaluates `scenario`: prices its outages (or, without any, the mean
    /// outage of its assumption), prices the dated ones as one year's
    /// history, studies the targets, fits the history, prices the designs
    /// and, with run costs, decides.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Overflow`] for absurd amounts; a fitted assumption
    /// whose history fits no duration family; [`crate::Error::Invalid`] for
    /// a scenario built in code past a limit of [`crate::limits`] (outages
    /// added with [`Scenario::with_outage`], designs with
    /// [`Scenario::with_design`]), checked before any work.
    pub fn new(scenario: &Scenario) -> Result<Self> {
        scenario.check()?;
        let model = scenario.model();
        let mut outages: Vec<Outage> = scenario.outages().to_vec();
        if outages.is_empty() {
            outages.push(mean_outage(scenario.assumption())?);
        }
        let placed: Vec<Outage> = outages
            .iter()
            .filter(|o| model.calendar().year_offset(o.start()).is_ok_and(|t| t.is_some()))
            .copied()
            .collect();
        let history = if placed.len() >= 2 { Some(model.year_cost(&placed)?) } else { None };
        let outages = outages.into_iter().map(|o| Ok((o, model.cost(&o)?))).collect::<Result<Vec<_>>>()?;
        let study = TargetStudy::with_options(
            &model,
            scenario.assumption(),
            scenario.targets(),
            scenario.maintenance(),
            &ExpectedOptions::default(),
        )?;
        let decision = scenario.investment().map(|i| i.decide(&study, None)).transpose()?;
        let designs = scenario
            .designs()
            .iter()
            .enumerate()
            .map(|(i, d)| DesignEvaluation::new(d, &model).map_err(|e| e.within(&format!("designs[{i}]"))))
            .collect::<Result<Vec<_>>>()?;
        let fit = match scenario.assumption() {
            OutageAssumption::Fitted(f) => Some(f.fit()?),
            _ => None,
        };
        let support = compare_support(scenario, &model, None)?;
        Ok(Analysis {
            scenario: scenario.clone(),
            model,
            outages,
            history,
            study,
            fit,
            designs,
            decision,
            simulations: Vec::new(),
            sensitivity: None,
            support,
        })
    }

    /// Simulates each target's outage process (the process the study
    /// rescaled to the target; a Poisson process of the typical outage) and
    /// the planned maintenance, calling `progress(done, total)` after each
    /// target; reconciles each target's exact expected cost with its
    /// simulated mean ([`Reconciliation`]) and, with run costs, adds the
    /// risk view to the decision.
    ///
    /// # Errors
    ///
    /// As [`crate::simulate`].
    pub fn simulate(
        &mut self,
        options: &SimulationOptions,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<()> {
        let rows = self.study.rows();
        // Every target's losses are kept: the limit on simulated years holds for them all.
        let targets = u64::try_from(rows.len()).unwrap_or(u64::MAX);
        if options.trials().saturating_mul(targets) > crate::simulate::MAX_TRIALS {
            return Err(crate::error::Error::invalid(
                "trials",
                format!("{} a target × {targets} targets", options.trials()),
                "must be at most 100000000 simulated years in all (800 MB of losses, kept for every target)",
            ));
        }
        let mut out = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let losses = match self.scenario.maintenance() {
                Some(m) => simulate_with_maintenance(&self.model, row.process(), m, options)?,
                None => simulate(&self.model, row.process(), options)?,
            };
            let reconciliation = Reconciliation::new(row.total(), row.error_bound(), &losses)?;
            out.push(SimulatedTarget { target: row.target(), losses, reconciliation });
            progress(i.saturating_add(1), rows.len());
        }
        // Everything that can fail runs before the analysis changes: an error leaves it as it was.
        let support = compare_support(&self.scenario, &self.model, Some(options))?;
        let decision = match self.scenario.investment() {
            Some(i) => {
                let losses: Vec<&LossDistribution> = out.iter().map(|s| &s.losses).collect();
                Some(i.decide(&self.study, Some(&losses))?)
            }
            None => self.decision.take(),
        };
        self.decision = decision;
        self.support = support;
        self.simulations = out;
        Ok(())
    }

    /// Adds the tornado table: each input of the scenario swung one at a
    /// time (see [`Tornado`]).
    ///
    /// # Errors
    ///
    /// As [`Tornado::new`].
    pub fn analyse_sensitivity(&mut self, options: &SensitivityOptions) -> Result<()> {
        self.sensitivity = Some(Tornado::new(&self.scenario, options)?);
        Ok(())
    }

    /// The scenario analysed.
    #[must_use]
    pub const fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The cost model.
    #[must_use]
    pub const fn model(&self) -> &CostModel {
        &self.model
    }

    /// The priced outages, exact: the scenario's, or its assumption's mean outage.
    #[must_use]
    pub fn outages(&self) -> &[(Outage, CostBreakdown)] {
        &self.outages
    }

    /// The outages placed in the year priced as one year's history, when
    /// there are at least two ([`CostModel::year_cost`]).
    #[must_use]
    pub const fn history(&self) -> Option<&CostBreakdown> {
        self.history.as_ref()
    }

    /// The exact target study.
    #[must_use]
    pub const fn study(&self) -> &TargetStudy {
        &self.study
    }

    /// The fit, when the assumption is fitted from a history.
    #[must_use]
    pub const fn fit(&self) -> Option<&HistoryFit> {
        self.fit.as_ref()
    }

    /// The support options compared, when the scenario has some: the exact
    /// figures, and once [`Analysis::simulate`] has run, each option's bad
    /// years simulated with its options.
    #[must_use]
    pub const fn support(&self) -> Option<&SupportComparison> {
        self.support.as_ref()
    }

    /// The designs, evaluated.
    #[must_use]
    pub fn designs(&self) -> &[DesignEvaluation] {
        &self.designs
    }

    /// The decision (exact), when the scenario gives run costs.
    #[must_use]
    pub const fn decision(&self) -> Option<&Decision> {
        self.decision.as_ref()
    }

    /// The simulated targets (empty until [`Analysis::simulate`]).
    #[must_use]
    pub fn simulations(&self) -> &[SimulatedTarget] {
        &self.simulations
    }

    /// The simulated targets, taken out of the analysis without copying
    /// their losses (empty until [`Analysis::simulate`]).
    #[must_use]
    pub fn into_simulations(self) -> Vec<SimulatedTarget> {
        self.simulations
    }

    /// The tornado (exact), once [`Analysis::analyse_sensitivity`] ran.
    #[must_use]
    pub const fn sensitivity(&self) -> Option<&Tornado> {
        self.sensitivity.as_ref()
    }
}

/// Without outages to price, the assumption's mean outage: the typical
/// outage itself, or a process's mean duration at its mean severity.
fn mean_outage(assumption: &OutageAssumption) -> Result<Outage> {
    let process = match assumption {
        OutageAssumption::Typical(o) => return Ok(*o),
        OutageAssumption::Process(p) => p.process(),
        OutageAssumption::Fitted(f) => f.to_process()?.process(),
    };
    let mean = process.severity().mean();
    let severity =
        crate::decimal::decimal_from_f64(mean).and_then(|s| Fraction::new(s.round_dp(6)).ok()).ok_or_else(
            || crate::error::Error::invalid("assumption.severity", mean, "must have a mean between 0 and 1"),
        )?;
    Ok(Outage::new(process.duration().mean()).with_severity(severity))
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reconciliation {
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    exact: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    error_bound: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    simulated_mean: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    lower: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    upper: Decimal,
    agrees: bool,
}

/// The confidence level of [`Reconciliation`]'s interval.
pub const RECONCILIATION_LEVEL: f64 = 0.999;

impl Reconciliation {
    fn new(exact: Decimal, error_bound: Decimal, losses: &LossDistribution) -> Result<Self> {
        let (lower, upper) = losses.mean_interval(RECONCILIATION_LEVEL)?;
        let agrees = lower.saturating_sub(error_bound) <= exact && exact <= upper.saturating_add(error_bound);
        Ok(Reconciliation { exact, error_bound, simulated_mean: losses.mean(), lower, upper, agrees })
    }

    pub(crate) fn rounded(self, r: Rounding) -> Self {
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
    losses: LossDistribution,
    reconciliation: Reconciliation,
}

impl SimulatedTarget {
    /// The target, its losses and their reconciliation, taken apart without copying.
    #[must_use]
    pub fn into_parts(self) -> (Availability, LossDistribution, Reconciliation) {
        (self.target, self.losses, self.reconciliation)
    }

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
    pub const fn losses(&self) -> &LossDistribution {
        &self.losses
    }
}

/// The scenario's support options compared under `model`, the bad years
/// simulated with `simulation` if given (reading a scenario never simulates:
/// its work is bounded by the caller's trials).
fn compare_support(
    scenario: &Scenario,
    model: &CostModel,
    simulation: Option<&SimulationOptions>,
) -> Result<Option<SupportComparison>> {
    scenario
        .support()
        .map(|c| {
            let mut settings = SupportComparisonOptions::new().with_targets(scenario.targets());
            if let Some(sim) = simulation {
                settings = settings.with_simulation(*sim);
            }
            SupportComparison::new(model, c.incidents(), c.severity(), c.options(), &settings)
                .map_err(|e| e.within("support"))
        })
        .transpose()
}
