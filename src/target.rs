//! Uptime targets: what each availability target allows, and what the
//! outages it allows are expected to cost a year.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

use crate::availability::Availability;
use crate::convention::Period;
use crate::cost::{CostModel, Driver, DriverKind, LineItem};
use crate::decimal::{add, div, mul, mul_div, sub};
use crate::duration;
use crate::error::{Error, Result};
use crate::expected::ExpectedOptions;
use crate::money::{Currency, Rounding};
use crate::outage::Outage;
use crate::process::{
    DurationDistribution, Frequency, HistoryFit, IncidentHistory, OutageProcess, SeverityDistribution,
};

/// How the outage process is rescaled to meet a target's downtime budget.
///
/// With `f = budget / (E[N] × E[D] × E[S])` (the ratio of the budget to the
/// process's severity-weighted downtime a year):
///
/// ```text
/// fewer incidents:  rate × f,            durations unchanged      (default)
/// faster recovery:  rate unchanged,      durations × f
/// mix(w):           rate × f^w,          durations × f^(1 − w)    (w = share of the change from fewer incidents)
/// ```
///
/// In scenario files: `"fewer_incidents"`, `"faster_recovery"`, or
/// `{"mix": {"fewer_incidents_share": "0.5"}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum ImprovementPolicy {
    /// Keep the duration distribution; scale the rate.
    #[default]
    FewerIncidents,
    /// Keep the rate; scale every duration by one factor.
    FasterRecovery,
    /// A stated share of the (log) change from fewer incidents, the rest from faster recovery.
    Mix {
        /// Share from fewer incidents.
        fewer_incidents_share: crate::fraction::Fraction,
    },
}

impl std::fmt::Display for ImprovementPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImprovementPolicy::FewerIncidents => f.write_str("fewer incidents"),
            ImprovementPolicy::FasterRecovery => f.write_str("faster recovery"),
            ImprovementPolicy::Mix { fewer_incidents_share } => write!(
                f,
                "mix ({}% fewer incidents, the rest faster recovery)",
                fewer_incidents_share
                    .get()
                    .checked_mul(rust_decimal::Decimal::ONE_HUNDRED)
                    .unwrap_or_default()
                    .normalize()
            ),
        }
    }
}

impl ImprovementPolicy {
    /// `(rate factor, duration factor)` for a budget ratio `f`; `None` for
    /// the part the policy leaves alone (a fixed count stays fixed under
    /// faster recovery; any rate change makes it Poisson).
    fn factors(self, f: f64) -> (Option<f64>, Option<f64>) {
        match self {
            ImprovementPolicy::FewerIncidents => (Some(f), None),
            ImprovementPolicy::FasterRecovery => (None, Some(f)),
            ImprovementPolicy::Mix { fewer_incidents_share } => {
                let w = fewer_incidents_share.to_f64_lossy();
                let part = |share: f64| (share > 0.0).then(|| f.powf(share));
                (part(w), part(1.0 - w))
            }
        }
    }
}

/// An outage process and the policy that rescales it to each target.
///
/// In scenario files: `{"frequency": …, "duration": …, "severity": …, "policy": "fewer_incidents"}`
/// (severity and policy optional).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProcessAssumption {
    frequency: Frequency,
    duration: DurationDistribution,
    #[serde(default)]
    severity: SeverityDistribution,
    #[serde(default)]
    policy: ImprovementPolicy,
}

impl ProcessAssumption {
    /// `process`, rescaled to each target by `policy`.
    #[must_use]
    pub fn new(process: &OutageProcess, policy: ImprovementPolicy) -> Self {
        ProcessAssumption {
            frequency: *process.frequency(),
            duration: process.duration().clone(),
            severity: process.severity().clone(),
            policy,
        }
    }

    /// The process as given (before rescaling).
    #[must_use]
    pub fn process(&self) -> OutageProcess {
        OutageProcess::new(self.frequency, self.duration.clone(), self.severity.clone())
    }

    /// The policy.
    #[must_use]
    pub const fn policy(&self) -> ImprovementPolicy {
        self.policy
    }
}

/// An outage process fitted from an incident history (Poisson rate by count,
/// the duration family with the lowest AIC), then rescaled to each target.
///
/// In scenario files: `{"history": {"observed": "730d", "incidents": […]}, "severity": …, "policy": …}`
/// (severity and policy optional).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FittedAssumption {
    history: IncidentHistory,
    #[serde(default)]
    severity: SeverityDistribution,
    #[serde(default)]
    policy: ImprovementPolicy,
}

impl FittedAssumption {
    /// Fit `history`, with `severity` for every outage, rescaled by `policy`.
    #[must_use]
    pub fn new(history: IncidentHistory, severity: SeverityDistribution, policy: ImprovementPolicy) -> Self {
        FittedAssumption { history, severity, policy }
    }

    /// The incident history.
    #[must_use]
    pub const fn history(&self) -> &IncidentHistory {
        &self.history
    }

    /// The severity of every outage.
    #[must_use]
    pub const fn severity(&self) -> &SeverityDistribution {
        &self.severity
    }

    /// How the fitted process is rescaled to each target.
    #[must_use]
    pub const fn policy(&self) -> ImprovementPolicy {
        self.policy
    }

    /// The fit.
    ///
    /// # Errors
    ///
    /// As [`crate::fit_history`].
    pub fn fit(&self) -> Result<HistoryFit> {
        crate::process::fit_history(&self.history)
    }

    /// The fitted process with this assumption's severity and policy.
    ///
    /// # Errors
    ///
    /// As [`crate::fit_history`] and [`HistoryFit::process`]: [`Error::Invalid`]
    /// (field `incidents`) when no incident of the history is closed.
    pub fn to_process(&self) -> Result<ProcessAssumption> {
        let fitted = self.fit()?.process()?;
        let process =
            OutageProcess::new(*fitted.frequency(), fitted.duration().clone(), self.severity.clone());
        Ok(ProcessAssumption::new(&process, self.policy))
    }
}

/// How outages are assumed to happen when a target is costed.
///
/// In scenario files: `{"typical": {"duration": "1h", "severity": "1"}}`,
/// `{"process": {"frequency": …, "duration": …, "severity": …, "policy": …}}`
/// or `{"fitted": {"history": …, "severity": …, "policy": …}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum OutageAssumption {
    /// Every outage has this duration and severity, and outages arrive as a
    /// Poisson process at the rate that uses the target's whole downtime
    /// budget: `λ = budget / (duration × severity)`. Its start is ignored
    /// (starts are uniform over the year).
    Typical(Outage),
    /// An outage process rescaled to each target's budget by a policy; the
    /// expected cost is exact per driver ([`CostModel::expected_annual`]).
    Process(ProcessAssumption),
    /// A process fitted from an incident history, then as `Process`.
    Fitted(FittedAssumption),
}

impl OutageAssumption {
    /// Checks that the assumption can use a budget: a typical outage needs
    /// a positive duration and severity.
    pub(crate) fn validate(&self) -> Result<()> {
        match self {
            OutageAssumption::Fitted(f) => {
                OutageAssumption::Process(f.to_process().map_err(|e| e.within("fitted.history"))?).validate()
            }
            OutageAssumption::Process(p) => {
                let w = p.process().expected_weighted_downtime_hours();
                if w.is_nan() || w <= 0.0 {
                    return Err(Error::invalid(
                        "process",
                        "no downtime",
                        "must have a positive rate, duration and severity to be rescaled to a target",
                    ));
                }
                Ok(())
            }
            OutageAssumption::Typical(o) => {
                if o.duration().is_zero() {
                    return Err(Error::invalid("typical.duration", "0s", "must be above 0"));
                }
                if o.severity().get().is_zero() {
                    return Err(Error::invalid("typical.severity", 0, "must be above 0"));
                }
                Ok(())
            }
        }
    }
}

/// How a [`TargetStudy`] models the outages at each target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StudyMethod {
    /// Outages of one typical duration and severity, a Poisson process at
    /// the rate the target's budget allows.
    TypicalOutage,
    /// A frequency × duration × severity process scaled to each target.
    Process,
    /// A process fitted from an incident history, scaled to each target.
    FittedProcess,
}

impl std::fmt::Display for StudyMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            StudyMethod::TypicalOutage => "typical outage",
            StudyMethod::Process => "process",
            StudyMethod::FittedProcess => "fitted process",
        })
    }
}

/// Decimal places of outages a year in a rounded study (and a report).
pub const INCIDENT_PLACES: u32 = 6;

/// One target's figures.
///
/// Serialised with each duration twice, as text and in seconds
/// (`budget_per_year` and `budget_per_year_seconds`); reading checks that
/// the two agree.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(into = "TargetRowWire")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(try_from = "TargetRowWire"))]
pub struct TargetRow {
    target: Availability,
    budget_per_year: Duration,
    budget_per_month: Duration,
    incidents_per_year: Decimal,
    mean_duration: Duration,
    items: Vec<LineItem>,
    total: Decimal,
    error_bound: Decimal,
    process: OutageProcess,
}

/// A [`TargetRow`] as written: durations as text and in seconds.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct TargetRowWire {
    target: Availability,
    /// Severity-weighted downtime the target allows a year.
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    budget_per_year: Duration,
    /// `budget_per_year` in seconds.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    budget_per_year_seconds: Decimal,
    /// Severity-weighted downtime the target allows a month.
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    budget_per_month: Duration,
    /// `budget_per_month` in seconds.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    budget_per_month_seconds: Decimal,
    /// Expected outages a year.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    incidents_per_year: Decimal,
    /// Mean outage duration at this target.
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    mean_duration: Duration,
    /// `mean_duration` in seconds.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    mean_duration_seconds: Decimal,
    items: Vec<LineItem>,
    /// The expected annual outage cost (named as in every table).
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    expected_outage_cost: Decimal,
    /// Largest error of `expected_outage_cost` from numerical methods (SLA bounds, extension integration estimates).
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    error_bound: Decimal,
    /// The outage process at this target (derived, so read without the limit
    /// on the mean duration that guards a scenario's processes).
    #[serde(deserialize_with = "crate::process::derived_process")]
    process: OutageProcess,
}

impl From<TargetRow> for TargetRowWire {
    fn from(r: TargetRow) -> Self {
        TargetRowWire {
            target: r.target,
            budget_per_year: r.budget_per_year,
            budget_per_year_seconds: duration::seconds(r.budget_per_year),
            budget_per_month: r.budget_per_month,
            budget_per_month_seconds: duration::seconds(r.budget_per_month),
            incidents_per_year: r.incidents_per_year,
            mean_duration: r.mean_duration,
            mean_duration_seconds: duration::seconds(r.mean_duration),
            items: r.items,
            expected_outage_cost: r.total,
            error_bound: r.error_bound,
            process: r.process,
        }
    }
}

impl TryFrom<TargetRowWire> for TargetRow {
    type Error = Error;

    fn try_from(w: TargetRowWire) -> Result<Self> {
        Ok(TargetRow {
            target: w.target,
            budget_per_year: duration::paired(
                w.budget_per_year,
                "budget_per_year_seconds",
                w.budget_per_year_seconds,
            )?,
            budget_per_month: duration::paired(
                w.budget_per_month,
                "budget_per_month_seconds",
                w.budget_per_month_seconds,
            )?,
            incidents_per_year: w.incidents_per_year,
            mean_duration: duration::paired(
                w.mean_duration,
                "mean_duration_seconds",
                w.mean_duration_seconds,
            )?,
            items: w.items,
            total: w.expected_outage_cost,
            error_bound: w.error_bound,
            process: w.process,
        })
    }
}

crate::json::deserialize_via!(TargetRow, TargetRowWire);

impl TargetRow {
    /// The target.
    #[must_use]
    pub const fn target(&self) -> Availability {
        self.target
    }

    /// Severity-weighted downtime allowed per year.
    #[must_use]
    pub const fn budget_per_year(&self) -> Duration {
        self.budget_per_year
    }

    /// Severity-weighted downtime allowed per month.
    #[must_use]
    pub const fn budget_per_month(&self) -> Duration {
        self.budget_per_month
    }

    /// Expected outages per year, `λ`.
    #[must_use]
    pub const fn incidents_per_year(&self) -> Decimal {
        self.incidents_per_year
    }

    /// Expected annual cost by driver.
    #[must_use]
    pub fn items(&self) -> &[LineItem] {
        &self.items
    }

    /// Mean outage duration at this target (changes under faster recovery).
    #[must_use]
    pub const fn mean_duration(&self) -> Duration {
        self.mean_duration
    }

    /// The outage process at this target: the assumption's process rescaled
    /// to the budget, or for a typical outage a Poisson count of it.
    #[must_use]
    pub const fn process(&self) -> &OutageProcess {
        &self.process
    }

    /// Largest error of [`TargetRow::total`] from numerical methods: the
    /// bound of the SLA recursion (1e-12 relative for the exact lattice), plus
    /// the integration estimate of user-defined drivers (0 for closed forms).
    #[must_use]
    pub const fn error_bound(&self) -> Decimal {
        self.error_bound
    }

    /// Expected annual cost, `Σ items`.
    #[must_use]
    pub const fn total(&self) -> Decimal {
        self.total
    }
}

/// Expected annual outage cost for each uptime target.
///
/// # Formula (typical outage of duration `d` and severity `s`)
///
/// ```text
/// budget B      = (1 − A) × year                      (severity-weighted downtime)
/// λ             = B / (d × s)                         outages per year
/// driver cost   = λ × cost(typical outage)            (exact; start unknown: mean rates)
/// SLA credits   = Σ_periods Σᵢ (cᵢ − cᵢ₋₁) × fee × P(T_p > uᵢ,p)
/// ```
///
/// The typical outage is a process: outages of duration `d` and severity
/// `s` arriving as a Poisson process at rate `λ`. A billing period's
/// counted downtime `T_p` is then a compound Poisson sum (count Poisson(λ ×
/// period / year)), so some periods breach the SLA even when the year as a
/// whole meets the target. Every outage counts the same downtime `x`, so
/// `T_p = N·x` and `P(T_p > u) = P(N ≥ ⌊u/x⌋ + 1)`, exact from the Poisson
/// distribution function (the row's [`TargetRow::error_bound`] is its
/// 1e-12 relative rounding). This is the same figure a simulation of
/// [`TargetRow::process`] estimates.
///
/// # Example
///
/// ```
/// use downtime_cost::{Availability, CostModel, Currency, Fraction, LostSales, Outage, OutageAssumption, TargetStudy};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let model = CostModel::new(Currency::USD).with_driver(LostSales::new(Decimal::from(8_760_000), Fraction::ONE)?);
/// let typical = OutageAssumption::Typical(Outage::new(Duration::from_secs(3600)));
/// let targets = [Availability::from_percent(Decimal::from(99))?];
/// let study = TargetStudy::new(&model, &typical, &targets)?;
/// // 99 % allows 87.6 h a year = 87.6 one-hour outages at 1 000 each.
/// assert_eq!(study.rows()[0].incidents_per_year(), Decimal::new(876, 1));
/// assert_eq!(study.rows()[0].total(), Decimal::from(87_600));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TargetStudy {
    currency: Currency,
    method: StudyMethod,
    policy: ImprovementPolicy,
    rows: Vec<TargetRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    notes: Vec<crate::note::Note>,
}

impl TargetStudy {
    /// The study of `targets` under `assumption`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] when the assumption is unusable (a typical outage
    /// of zero duration or severity); [`Error::Overflow`] for absurd amounts.
    pub fn new(model: &CostModel, assumption: &OutageAssumption, targets: &[Availability]) -> Result<Self> {
        Self::with_options(model, assumption, targets, None, &ExpectedOptions::default())
    }

    /// The study with planned maintenance and options.
    ///
    /// `maintenance` is a process of planned outages: it does not use up the
    /// budget (SLAs exclude it) and is costed on its own line, the same at
    /// every target (its expected cost under every driver except SLA credits).
    ///
    /// # Errors
    ///
    /// As [`TargetStudy::new`].
    pub fn with_options(
        model: &CostModel,
        assumption: &OutageAssumption,
        targets: &[Availability],
        maintenance: Option<&OutageProcess>,
        options: &ExpectedOptions,
    ) -> Result<Self> {
        assumption.validate()?;
        crate::limits::at_most(
            "targets",
            targets.len(),
            crate::limits::MAX_TARGETS,
            "must list at most 100 targets",
        )?;
        model.check_size()?;
        let maintenance_item = match maintenance {
            Some(p) => {
                let e = model.expected_annual(p, options)?;
                let amount = e
                    .items()
                    .iter()
                    .filter(|i| i.kind() != DriverKind::SlaCredits)
                    .try_fold(Decimal::ZERO, |a, i| add(a, i.amount(), "planned maintenance"))?;
                // Its SLA line is left out, so only the extensions' estimate bounds its error.
                let item =
                    LineItem::new(DriverKind::PlannedMaintenance, Arc::from("planned maintenance"), amount);
                Some((item, e.integration_error()))
            }
            None => None,
        };
        let mut study = match assumption {
            OutageAssumption::Typical(typical) => Self::typical(model, typical, targets, options)?,
            OutageAssumption::Process(p) => Self::process(model, p, targets, options)?,
            OutageAssumption::Fitted(f) => {
                let mut study = Self::process(model, &f.to_process()?, targets, options)?;
                study.method = StudyMethod::FittedProcess;
                study
            }
        };
        if let Some((item, item_error)) = maintenance_item {
            for row in &mut study.rows {
                row.total = add(row.total, item.amount(), "planned maintenance")?;
                row.error_bound = add(row.error_bound, item_error, "planned maintenance")?;
                row.items.push(item.clone());
            }
        }
        Ok(study)
    }

    fn process(
        model: &CostModel,
        assumption: &ProcessAssumption,
        targets: &[Availability],
        options: &ExpectedOptions,
    ) -> Result<Self> {
        let conventions = model.calendar().conventions();
        let process = assumption.process();
        let weighted = process.expected_weighted_downtime_hours();
        let mut rows = Vec::with_capacity(targets.len());
        let mut notes = Vec::new();
        // Under fewer incidents the targets share the SLA recursion's grids
        // and the other drivers' cost of one outage.
        let mut cache = crate::expected::StudyCache::default();
        for &target in targets {
            let budget_h =
                crate::decimal::to_f64_lossy(target.downtime_budget_seconds(Period::Year, conventions)?)
                    / 3600.0;
            let (rate, length) = assumption.policy.factors(budget_h / weighted);
            let scaled = process.rescaled(rate, length);
            let e = model.expected_annual_with(&scaled, options, &mut cache)?;
            for n in e.notes() {
                if !notes.contains(n) {
                    notes.push(n.clone());
                }
            }
            rows.push(TargetRow {
                target,
                budget_per_year: target.downtime_budget(Period::Year, conventions)?,
                budget_per_month: target.downtime_budget(Period::Month, conventions)?,
                incidents_per_year: e.expected_outages(),
                mean_duration: scaled.duration().mean(),
                items: e.items().to_vec(),
                total: e.total(),
                error_bound: e.error_bound(),
                process: scaled,
            });
        }
        Ok(TargetStudy {
            currency: model.currency(),
            method: StudyMethod::Process,
            policy: assumption.policy,
            rows,
            notes,
        })
    }

    fn typical(
        model: &CostModel,
        typical: &Outage,
        targets: &[Availability],
        options: &ExpectedOptions,
    ) -> Result<Self> {
        let typical = Outage::new(typical.duration()).with_severity(typical.severity());
        let per_outage = model.cost(&typical)?;
        let conventions = model.calendar().conventions();
        let weighted = mul(duration::seconds(typical.duration()), typical.severity().get(), "target study")?;
        let mut rows = Vec::with_capacity(targets.len());
        let mut notes = Vec::new();
        for &target in targets {
            let budget = target.downtime_budget_seconds(Period::Year, conventions)?;
            let lambda = div(budget, weighted, "incidents per year")?;
            let rate = crate::decimal::to_f64_lossy(lambda);
            let process = OutageProcess::new(
                Frequency::poisson(rate).map_err(|e| e.within("typical"))?,
                DurationDistribution::fixed(typical.duration()),
                SeverityDistribution::fixed(typical.severity()),
            );
            let mut items = Vec::with_capacity(per_outage.items().len());
            let mut total = Decimal::ZERO;
            let mut error = 0.0;
            let mut sla = model.drivers().iter().filter_map(|d| match d {
                Driver::SlaCredits(s) => Some(s),
                _ => None,
            });
            for item in per_outage.items() {
                let amount = if item.kind() == DriverKind::SlaCredits {
                    let Some(s) = sla.next() else { return Err(Error::overflow("target study")) };
                    // A period's downtime is a compound Poisson sum of typical outages.
                    let x = crate::expected::sla_expected(
                        s,
                        &process,
                        model,
                        options,
                        &crate::expected::severity_nodes(process.severity())?,
                        &mut crate::process::GridCache::new(),
                    )?;
                    error += x.error;
                    let mut note = |n: crate::note::Note| {
                        if !notes.contains(&n) {
                            notes.push(n);
                        }
                    };
                    if x.cells > 0 {
                        note(crate::expected::panjer_note(s.name(), options));
                    } else {
                        note(crate::note::Note::SlaLattice { line_item: s.name().to_owned() });
                    }
                    if !x.converged {
                        note(crate::expected::unconverged_note(s.name(), x.error, options));
                    }
                    crate::expected::money(x.value, "SLA credits")?
                } else {
                    // Per-outage drivers are linear in the count: λ × cost, exactly.
                    mul_div(item.amount(), budget, weighted, "target study")?
                };
                total = add(total, amount, "target study")?;
                items.push(LineItem::new(item.kind(), Arc::from(item.name()), amount));
            }
            rows.push(TargetRow {
                target,
                budget_per_year: target.downtime_budget(Period::Year, conventions)?,
                budget_per_month: target.downtime_budget(Period::Month, conventions)?,
                incidents_per_year: lambda,
                mean_duration: typical.duration(),
                items,
                total,
                error_bound: crate::expected::money(error, "SLA error bound")?,
                process,
            });
        }
        Ok(TargetStudy {
            currency: model.currency(),
            method: StudyMethod::TypicalOutage,
            policy: ImprovementPolicy::FewerIncidents,
            rows,
            notes,
        })
    }

    /// The rows, in the order the targets were given.
    #[must_use]
    pub fn rows(&self) -> &[TargetRow] {
        &self.rows
    }

    /// The currency.
    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// Notes on numerical methods and warnings about the process.
    #[must_use]
    pub fn notes(&self) -> &[crate::note::Note] {
        &self.notes
    }

    /// How the expectation was computed: [`StudyMethod::TypicalOutage`] (a
    /// Poisson process of the typical outage), [`StudyMethod::Process`] or
    /// [`StudyMethod::FittedProcess`] (a process rescaled to each target). Every per-outage line is an
    /// exact closed form; SLA credits come from the bracketed recursion.
    #[must_use]
    pub const fn method(&self) -> StudyMethod {
        self.method
    }

    /// The improvement policy that rescaled the process to each target (a
    /// typical outage keeps its duration and scales its rate: fewer
    /// incidents).
    #[must_use]
    pub const fn policy(&self) -> ImprovementPolicy {
        self.policy
    }

    /// The row with the lowest expected cost (the first on ties).
    #[must_use]
    pub fn cheapest(&self) -> Option<&TargetRow> {
        self.rows.iter().reduce(|best, r| if r.total < best.total { r } else { best })
    }

    /// Expected saving per year of moving from row `i − 1` to row `i`
    /// (positive when row `i` costs less), for each row after the first.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for absurd amounts.
    pub fn step_savings(&self) -> Result<Vec<Decimal>> {
        self.rows
            .windows(2)
            .map(|w| match w {
                [a, b] => sub(a.total, b.total, "step saving"),
                _ => Ok(Decimal::ZERO),
            })
            .collect()
    }

    /// A copy with every amount rounded; each row's total is the sum of its
    /// rounded items.
    #[must_use]
    pub fn rounded(&self, rounding: Rounding) -> TargetStudy {
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let items: Vec<LineItem> = r.items.iter().map(|i| i.rounded(rounding)).collect();
                let total = items.iter().fold(Decimal::ZERO, |a, i| a.saturating_add(i.amount()));
                TargetRow {
                    items,
                    total,
                    incidents_per_year: crate::decimal::fixed(r.incidents_per_year, INCIDENT_PLACES),
                    error_bound: rounding.apply(r.error_bound),
                    ..r.clone()
                }
            })
            .collect();
        TargetStudy { rows, ..self.clone() }
    }
}
