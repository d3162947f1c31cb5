//! Decision support: what each uptime target costs to run, what its outages
//! cost, and which target is cheapest in total.
//!
//! A [`Decision`] joins a [`TargetStudy`] (expected outage cost per target)
//! with a [`RunCost`] (what a year at each target costs to run) and, when a
//! simulation ran, each target's annual loss distribution (the bad year).
//!
//! # Formulas (amounts per year unless stated)
//!
//! ```text
//! total cost of ownership   TCO(A)      = run(A) + E[outage cost | A]
//! risk-averse view          TCO_q(A)    = run(A) + VaR_q(outage cost | A)      (q = 95 % by default)
//! marginal value of a step  value(a→b)  = E[outage cost | a] − E[outage cost | b]
//! net saving of a step      net(a→b)    = value(a→b) − (run(b) − run(a)) = TCO(a) − TCO(b)
//! annuity factor            F           = Σ_{t=1..H} (1 + r)^−t             (= H when r = 0)
//! break-even investment     I*(a→b)     = F × net(a→b)    (the one-off spend at which the step's NPV is 0)
//! NPV against the baseline  NPV(A)      = F × (TCO(baseline) − TCO(A))
//! ```
//!
//! Cash flows fall at the end of each year of the horizon `H`, discounted at
//! the rate `r`. The baseline is the lowest target unless another is chosen.
//!
//! Ties and flat regions are reported, not hidden: two totals whose
//! difference is within the sum of their numerical error bounds (0 for
//! closed forms; the SLA recursion's bracket otherwise) are a tie, every
//! tied target is listed as cheapest, and such a step is [`StepVerdict::Flat`].

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::availability::Availability;
use crate::decimal::{add, mul, sub};
use crate::error::{Error, Result};
use crate::money::{Currency, Rounding};
use crate::simulate::LossDistribution;
use crate::target::TargetStudy;

mod options;
mod run_cost;
mod support;

pub use options::{DecisionOptions, Investment, MAX_HORIZON_YEARS};
pub use run_cost::{RunCost, RunCostKind, RunCostPoint};
pub use support::{
    AllowedIncidents, SUPPORT_INTERVAL_CONFIDENCE, SupportComparison, SupportComparisonOptions, SupportRow,
    incidents_allowed,
};

/// Whether a step up the targets pays for itself, year on year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StepVerdict {
    /// The higher target lowers the total cost of ownership.
    Saves,
    /// The higher target raises it.
    Costs,
    /// No difference beyond the numerical error bounds (a flat region).
    Flat,
}

impl fmt::Display for StepVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StepVerdict::Saves => "saves",
            StepVerdict::Costs => "costs",
            StepVerdict::Flat => "flat",
        })
    }
}

/// One target's total cost of ownership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DecisionRow {
    target: Availability,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    run_cost: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    expected_outage_cost: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    error_bound: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    total_cost: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    npv_vs_baseline: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    #[serde(default, with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
    risk_outage_cost: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    #[serde(default, with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
    risk_total_cost: Option<Decimal>,
}

impl DecisionRow {
    /// The target.
    #[must_use]
    pub const fn target(&self) -> Availability {
        self.target
    }

    /// Yearly run cost at the target.
    #[must_use]
    pub const fn run_cost(&self) -> Decimal {
        self.run_cost
    }

    /// Expected annual outage cost at the target (from the study).
    #[must_use]
    pub const fn expected_outage_cost(&self) -> Decimal {
        self.expected_outage_cost
    }

    /// Largest numerical error of the expected outage cost (0 for closed forms).
    #[must_use]
    pub const fn error_bound(&self) -> Decimal {
        self.error_bound
    }

    /// Total cost of ownership per year: run cost + expected outage cost.
    #[must_use]
    pub const fn total_cost(&self) -> Decimal {
        self.total_cost
    }

    /// Net present value of choosing this target instead of the baseline:
    /// `F × (TCO(baseline) − TCO(this))` (positive when this target is cheaper).
    #[must_use]
    pub const fn npv_vs_baseline(&self) -> Decimal {
        self.npv_vs_baseline
    }

    /// The risk-level quantile of the annual outage cost (simulated), when known.
    #[must_use]
    pub const fn risk_outage_cost(&self) -> Option<Decimal> {
        self.risk_outage_cost
    }

    /// Run cost + [`DecisionRow::risk_outage_cost`], when known.
    #[must_use]
    pub const fn risk_total_cost(&self) -> Option<Decimal> {
        self.risk_total_cost
    }
}

/// Moving up from one target to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DecisionStep {
    from: Availability,
    to: Availability,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    extra_run_cost: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    expected_saving: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    #[serde(default, with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
    risk_saving: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    net_saving: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    break_even_investment: Decimal,
    verdict: StepVerdict,
}

impl DecisionStep {
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

    /// What the higher target costs more to run a year: `run(to) − run(from)`.
    #[must_use]
    pub const fn extra_run_cost(&self) -> Decimal {
        self.extra_run_cost
    }

    /// The marginal value of the step: the expected outage cost it saves a
    /// year, `E[cost | from] − E[cost | to]`; the most a year it is worth
    /// paying to move up.
    #[must_use]
    pub const fn expected_saving(&self) -> Decimal {
        self.expected_saving
    }

    /// What the step saves in a bad year: the difference of the risk-level
    /// quantiles (simulated), when known.
    #[must_use]
    pub const fn risk_saving(&self) -> Option<Decimal> {
        self.risk_saving
    }

    /// Expected saving − extra run cost: `TCO(from) − TCO(to)` a year.
    #[must_use]
    pub const fn net_saving(&self) -> Decimal {
        self.net_saving
    }

    /// The one-off investment at which the step breaks even over the
    /// horizon: `F × net saving` (negative when the step loses money even
    /// with nothing invested).
    #[must_use]
    pub const fn break_even_investment(&self) -> Decimal {
        self.break_even_investment
    }

    /// Whether the step pays for itself.
    #[must_use]
    pub const fn verdict(&self) -> StepVerdict {
        self.verdict
    }
}

/// Total cost of ownership per target, the cheapest target, and what each
/// step up is worth.
///
/// # Formulas (amounts per year unless stated)
///
/// ```text
/// TCO(A)           = run(A) + E[outage cost | A]            risk view: run(A) + VaR_q (q = 95 % by default)
/// value(a→b)       = E[outage cost | a] − E[outage cost | b]   the marginal value of a step up
/// net(a→b)         = value(a→b) − (run(b) − run(a)) = TCO(a) − TCO(b)
/// F                = Σ_{t=1..H} (1 + r)^−t                   end-of-year flows; F = H at r = 0
/// break-even(a→b)  = F × net(a→b)                            the one-off spend at which the step's NPV is 0
/// NPV(A)           = F × (TCO(baseline) − TCO(A))
/// ```
///
/// Totals within the sum of their numerical error bounds are a tie: every
/// tied target is listed as cheapest and such a step is [`StepVerdict::Flat`].
///
/// # Example
///
/// ```
/// use downtime_cost::{
///     Availability, CostModel, Currency, Decision, DecisionOptions, Fraction, LostSales, Outage,
///     OutageAssumption, RunCost, StepVerdict, TargetStudy,
/// };
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// // 1 000 a lost hour; 99 % allows 87.6 h a year, 99.9 % 8.76 h, 99.99 % 0.876 h.
/// let model = CostModel::new(Currency::USD).with_driver(LostSales::new(Decimal::from(8_760_000), Fraction::ONE)?);
/// let typical = OutageAssumption::Typical(Outage::new(Duration::from_secs(3600)));
/// let a = |p: i64, s: u32| Availability::from_percent(Decimal::new(p, s));
/// let targets = [a(99, 0)?, a(999, 1)?, a(9999, 2)?];
/// let study = TargetStudy::new(&model, &typical, &targets)?;
/// let run = RunCost::per_target(&[
///     (targets[0], Decimal::from(10_000)),
///     (targets[1], Decimal::from(50_000)),
///     (targets[2], Decimal::from(120_000)),
/// ])?;
/// let decision = Decision::new(&study, &run, &DecisionOptions::new().with_discount_rate(Decimal::ZERO))?;
/// // TCO: 10 000 + 87 600 = 97 600; 50 000 + 8 760 = 58 760; 120 000 + 876 = 120 876.
/// assert_eq!(decision.cheapest(), &[targets[1]]);
/// // 99 % → 99.9 %: saves 78 840 a year for 40 000 more: net 38 840, × 5 years = 194 200.
/// let step = &decision.steps()[0];
/// assert_eq!(step.expected_saving(), Decimal::from(78_840));
/// assert_eq!(step.break_even_investment(), Decimal::from(194_200));
/// assert_eq!(decision.steps()[1].verdict(), StepVerdict::Costs);
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Decision {
    currency: Currency,
    horizon_years: u32,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    discount_rate: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    annuity_factor: Decimal,
    baseline: Availability,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    risk_level: Option<crate::fraction::Fraction>,
    rows: Vec<DecisionRow>,
    steps: Vec<DecisionStep>,
    cheapest: Vec<Availability>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    risk_cheapest: Vec<Availability>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    notes: Vec<crate::note::Note>,
}

impl Decision {
    /// The decision for `study`'s targets with `run_cost`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] when the run cost does not cover every target
    /// (field `run_cost`), a per-target list names a target the study does
    /// not have, the study repeats a target, or an option is out of range
    /// (`horizon_years`, `discount_rate`, `risk_level`, `baseline`);
    /// [`Error::Overflow`] for absurd amounts.
    pub fn new(study: &TargetStudy, run_cost: &RunCost, options: &DecisionOptions) -> Result<Self> {
        Self::build(study, run_cost, options, None)
    }

    /// The decision with a risk-averse view: `losses[i]` is the simulated
    /// annual loss distribution of `study.rows()[i]` (as
    /// [`crate::Analysis::simulate`] produces, in the study's order).
    ///
    /// # Errors
    ///
    /// As [`Decision::new`], and [`Error::Invalid`] (field `losses`) when
    /// the number of distributions differs from the number of targets.
    pub fn with_losses(
        study: &TargetStudy,
        run_cost: &RunCost,
        options: &DecisionOptions,
        losses: &[&LossDistribution],
    ) -> Result<Self> {
        if losses.len() != study.rows().len() {
            return Err(Error::invalid("losses", losses.len(), "must give one distribution per target"));
        }
        Self::build(study, run_cost, options, Some(losses))
    }

    fn build(
        study: &TargetStudy,
        run_cost: &RunCost,
        options: &DecisionOptions,
        losses: Option<&[&LossDistribution]>,
    ) -> Result<Self> {
        let annuity = options.annuity_factor()?;
        if study.rows().is_empty() {
            return Err(Error::invalid("targets", "[]", "must list at least one target"));
        }
        for (i, r) in study.rows().iter().enumerate() {
            if study.rows().iter().take(i).any(|q| q.target() == r.target()) {
                return Err(Error::invalid("targets", r.target(), "must not repeat a target"));
            }
        }
        let targets: Vec<Availability> = study.rows().iter().map(crate::target::TargetRow::target).collect();
        run_cost.check_targets(&targets)?;
        let level = options.risk_level.to_f64_lossy();
        // Rows in ascending order of availability, each with its loss distribution.
        let mut order: Vec<usize> = (0..study.rows().len()).collect();
        order.sort_by_key(|&i| study.rows().get(i).map(crate::target::TargetRow::target));
        let mut rows = Vec::with_capacity(order.len());
        for &i in &order {
            let Some(r) = study.rows().get(i) else { continue };
            let run = run_cost.at(r.target())?;
            let total = add(run, r.total(), "total cost of ownership")?;
            let risk = match losses.and_then(|l| l.get(i)) {
                Some(l) => Some(l.quantile(level)?),
                None => None,
            };
            let risk_total = risk.map(|q| add(run, q, "risk total cost")).transpose()?;
            rows.push(DecisionRow {
                target: r.target(),
                run_cost: run,
                expected_outage_cost: r.total(),
                error_bound: r.error_bound(),
                total_cost: total,
                npv_vs_baseline: Decimal::ZERO,
                risk_outage_cost: risk,
                risk_total_cost: risk_total,
            });
        }
        let baseline = match options.baseline {
            Some(b) => rows
                .iter()
                .find(|r| r.target == b)
                .ok_or_else(|| Error::invalid("baseline", b, "must be one of the study's targets"))?,
            None => rows
                .first()
                .ok_or_else(|| Error::invalid("targets", "[]", "must list at least one target"))?,
        };
        let (base_target, base_total) = (baseline.target, baseline.total_cost);
        for r in &mut rows {
            r.npv_vs_baseline = mul(annuity, sub(base_total, r.total_cost, "NPV")?, "NPV")?;
        }
        let mut steps = Vec::with_capacity(rows.len().saturating_sub(1));
        for w in rows.windows(2) {
            let [a, b] = w else { continue };
            let extra_run = sub(b.run_cost, a.run_cost, "step")?;
            let saving = sub(a.expected_outage_cost, b.expected_outage_cost, "step")?;
            let net = sub(a.total_cost, b.total_cost, "step")?;
            let bound = add(a.error_bound, b.error_bound, "step")?;
            let verdict = if net.abs() <= bound {
                StepVerdict::Flat
            } else if net.is_sign_positive() {
                StepVerdict::Saves
            } else {
                StepVerdict::Costs
            };
            let risk_saving = match (a.risk_outage_cost, b.risk_outage_cost) {
                (Some(x), Some(y)) => Some(sub(x, y, "risk saving")?),
                _ => None,
            };
            steps.push(DecisionStep {
                from: a.target,
                to: b.target,
                extra_run_cost: extra_run,
                expected_saving: saving,
                risk_saving,
                net_saving: net,
                break_even_investment: mul(annuity, net, "break-even investment")?,
                verdict,
            });
        }
        let cheapest = tied_minimum(&rows, |r| Some((r.total_cost, r.error_bound)))?;
        let risk_cheapest = tied_minimum(&rows, |r| r.risk_total_cost.map(|t| (t, Decimal::ZERO)))?;
        let notes = notes(&rows, &steps, &cheapest);
        Ok(Decision {
            currency: study.currency(),
            horizon_years: options.horizon_years,
            discount_rate: options.discount_rate,
            annuity_factor: annuity,
            baseline: base_target,
            risk_level: losses.map(|_| options.risk_level),
            rows,
            steps,
            cheapest,
            risk_cheapest,
            notes,
        })
    }

    /// The rows, in ascending order of availability.
    #[must_use]
    pub fn rows(&self) -> &[DecisionRow] {
        &self.rows
    }

    /// Each step from one target to the next higher one.
    #[must_use]
    pub fn steps(&self) -> &[DecisionStep] {
        &self.steps
    }

    /// The targets with the lowest total cost of ownership: one, or every
    /// target tied within the numerical error bounds (ascending).
    #[must_use]
    pub fn cheapest(&self) -> &[Availability] {
        &self.cheapest
    }

    /// The targets with the lowest risk-averse total (run cost + the
    /// risk-level quantile); empty without simulated losses.
    #[must_use]
    pub fn risk_cheapest(&self) -> &[Availability] {
        &self.risk_cheapest
    }

    /// The annuity factor `F` used for NPVs and break-even investments.
    #[must_use]
    pub const fn annuity_factor(&self) -> Decimal {
        self.annuity_factor
    }

    /// The baseline target of the NPVs.
    #[must_use]
    pub const fn baseline(&self) -> Availability {
        self.baseline
    }

    /// The currency.
    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// The horizon in years.
    #[must_use]
    pub const fn horizon_years(&self) -> u32 {
        self.horizon_years
    }

    /// The discount rate.
    #[must_use]
    pub const fn discount_rate(&self) -> Decimal {
        self.discount_rate
    }

    /// The risk level of the risk-averse view, when losses were given.
    #[must_use]
    pub const fn risk_level(&self) -> Option<crate::fraction::Fraction> {
        self.risk_level
    }

    /// Notes: ties, flat regions, and an optimum at the edge of the list.
    #[must_use]
    pub fn notes(&self) -> &[crate::note::Note] {
        &self.notes
    }

    /// A copy with every amount rounded by `rounding` (the annuity factor to 6 places).
    #[must_use]
    pub fn rounded(&self, rounding: Rounding) -> Decision {
        let r = |x: Decimal| rounding.apply(x);
        Decision {
            annuity_factor: self.annuity_factor.round_dp(6),
            rows: self
                .rows
                .iter()
                .map(|row| DecisionRow {
                    target: row.target,
                    run_cost: r(row.run_cost),
                    expected_outage_cost: r(row.expected_outage_cost),
                    error_bound: r(row.error_bound),
                    total_cost: r(row.total_cost),
                    npv_vs_baseline: r(row.npv_vs_baseline),
                    risk_outage_cost: row.risk_outage_cost.map(r),
                    risk_total_cost: row.risk_total_cost.map(r),
                })
                .collect(),
            steps: self
                .steps
                .iter()
                .map(|s| DecisionStep {
                    extra_run_cost: r(s.extra_run_cost),
                    expected_saving: r(s.expected_saving),
                    risk_saving: s.risk_saving.map(r),
                    net_saving: r(s.net_saving),
                    break_even_investment: r(s.break_even_investment),
                    ..s.clone()
                })
                .collect(),
            ..self.clone()
        }
    }
}

/// The rows whose value is within the error bounds of the minimum.
fn tied_minimum(
    rows: &[DecisionRow],
    value: impl Fn(&DecisionRow) -> Option<(Decimal, Decimal)>,
) -> Result<Vec<Availability>> {
    let Some((min, min_bound)) = rows.iter().filter_map(&value).min_by_key(|&(v, _)| v) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for r in rows {
        if let Some((v, bound)) = value(r)
            && sub(v, min, "cheapest")? <= add(bound, min_bound, "cheapest")?
        {
            out.push(r.target);
        }
    }
    Ok(out)
}

fn notes(rows: &[DecisionRow], steps: &[DecisionStep], cheapest: &[Availability]) -> Vec<crate::note::Note> {
    use crate::note::Note;
    let mut notes = Vec::new();
    if cheapest.len() > 1 {
        notes.push(Note::Tie { targets: cheapest.to_vec() });
    }
    for s in steps.iter().filter(|s| s.verdict == StepVerdict::Flat) {
        notes.push(Note::FlatStep { from: s.from, to: s.to });
    }
    if rows.len() > 1 {
        if let (Some(last), Some(c)) = (rows.last(), cheapest.last())
            && *c == last.target
        {
            notes.push(Note::CheapestIsHighest { target: *c });
        }
        if let (Some(first), Some(c)) = (rows.first(), cheapest.first())
            && *c == first.target
            && cheapest.len() == 1
        {
            notes.push(Note::CheapestIsLowest { target: *c });
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn annuity_factor_by_hand() {
        // r = 0: F = H.
        let o = DecisionOptions::new().with_horizon_years(4).with_discount_rate(Decimal::ZERO);
        assert_eq!(o.annuity_factor().unwrap(), dec!(4));
        // r = 10 %, H = 3: 1/1.1 + 1/1.21 + 1/1.331 = 0.9090909… + 0.8264462… + 0.7513148… = 2.4868519909…
        let o = DecisionOptions::new().with_horizon_years(3).with_discount_rate(dec!(0.1));
        let f = o.annuity_factor().unwrap();
        assert!((f - dec!(2.486851990984222389181066867)).abs() < dec!(1e-24), "{f}");
        // r = 100 %, H = 2: 1/2 + 1/4 = 0.75 exactly.
        let o = DecisionOptions::new().with_horizon_years(2).with_discount_rate(Decimal::ONE);
        assert_eq!(o.annuity_factor().unwrap(), dec!(0.75));
        // A negative rate inflates later years: r = −50 %, H = 2: 2 + 4 = 6.
        let o = DecisionOptions::new().with_horizon_years(2).with_discount_rate(dec!(-0.5));
        assert_eq!(o.annuity_factor().unwrap(), dec!(6));
    }

    #[test]
    fn bad_options_are_rejected() {
        for (o, field) in [
            (DecisionOptions::new().with_discount_rate(dec!(-1)), "discount_rate"),
            (DecisionOptions::new().with_discount_rate(dec!(-1.5)), "discount_rate"),
            (DecisionOptions::new().with_horizon_years(0), "horizon_years"),
            (DecisionOptions::new().with_horizon_years(201), "horizon_years"),
            (DecisionOptions::new().with_risk_level(crate::fraction::Fraction::ONE), "risk_level"),
        ] {
            assert_eq!(o.annuity_factor().unwrap_err().field(), Some(field));
        }
    }

    #[test]
    fn rate_reads_percent_or_fraction() {
        let o: DecisionOptions = serde_json::from_str(r#"{"discount_rate": "8%"}"#).unwrap();
        assert_eq!(o.rate(), dec!(0.08));
        let o: DecisionOptions =
            serde_json::from_str(r#"{"discount_rate": 0.1, "horizon_years": 3}"#).unwrap();
        assert_eq!((o.rate(), o.horizon()), (dec!(0.1), 3));
        assert!(serde_json::from_str::<DecisionOptions>(r#"{"discount_rate": "x%"}"#).is_err());
        assert!(serde_json::from_str::<DecisionOptions>(r#"{"horizon": 3}"#).is_err());
    }
}
