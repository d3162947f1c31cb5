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
use crate::decimal::{add, div, mul, sub};
use crate::error::{Error, Result};
use crate::money::{Currency, Rounding};
use crate::simulate::LossDistribution;
use crate::target::TargetStudy;

/// The longest horizon accepted, in years.
pub const MAX_HORIZON_YEARS: u32 = 200;

/// A run cost at one availability: what a year at that target costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunCostPoint {
    target: Availability,
    #[serde(with = "crate::decimal::wire")]
    cost_per_year: Decimal,
}

impl RunCostPoint {
    /// The availability.
    #[must_use]
    pub const fn target(&self) -> Availability {
        self.target
    }

    /// The yearly cost of running at it (currency units per year).
    #[must_use]
    pub const fn cost_per_year(&self) -> Decimal {
        self.cost_per_year
    }
}

/// How the run cost is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RunCostKind {
    /// One cost per target; the list must name exactly the study's targets.
    PerTarget,
    /// A curve over availability, interpolated linearly between points
    /// (no extrapolation beyond the first and last point).
    Curve,
}

/// The yearly cost of running at each availability (staff, redundancy,
/// tooling, licences): given per target, or as a curve over availability.
///
/// In scenario files: `{"per_target": [{"target": 99.9, "cost_per_year": "120000"}, …]}` or
/// `{"curve": [{"target": 99, "cost_per_year": "50000"}, {"target": 99.99, "cost_per_year": "900000"}]}`.
///
/// # Formula (curve)
///
/// Between points `(a₀, c₀)` and `(a₁, c₁)` with `a₀ ≤ A ≤ a₁`:
/// `run(A) = c₀ + (c₁ − c₀) × (A − a₀) / (a₁ − a₀)` (exact in `Decimal`).
///
/// # Example
///
/// ```
/// use downtime_cost::{Availability, RunCost};
/// use rust_decimal::Decimal;
///
/// let a = |p: i64, s: u32| Availability::from_percent(Decimal::new(p, s));
/// let curve = RunCost::curve(&[(a(99, 0)?, Decimal::from(100_000)), (a(9999, 2)?, Decimal::from(1_090_000))])?;
/// // 99.9 % is 0.9 / 0.99 of the way from 99 % to 99.99 %: 100 000 + 990 000 × 10/11 = 1 000 000.
/// assert_eq!(curve.at(a(999, 1)?)?, Decimal::from(1_000_000));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RunCostSpec", into = "RunCostSpec")]
pub struct RunCost {
    kind: RunCostKind,
    points: Vec<RunCostPoint>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum RunCostSpec {
    PerTarget(Vec<RunCostPoint>),
    Curve(Vec<RunCostPoint>),
}

impl TryFrom<RunCostSpec> for RunCost {
    type Error = Error;
    fn try_from(spec: RunCostSpec) -> Result<Self> {
        match spec {
            RunCostSpec::PerTarget(p) => {
                RunCost::build(RunCostKind::PerTarget, p).map_err(|e| e.within("per_target"))
            }
            RunCostSpec::Curve(p) => RunCost::build(RunCostKind::Curve, p).map_err(|e| e.within("curve")),
        }
    }
}

impl From<RunCost> for RunCostSpec {
    fn from(r: RunCost) -> Self {
        match r.kind {
            RunCostKind::PerTarget => RunCostSpec::PerTarget(r.points),
            RunCostKind::Curve => RunCostSpec::Curve(r.points),
        }
    }
}

impl RunCost {
    /// One yearly run cost per target.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for an empty list, a negative cost (field
    /// `[i].cost_per_year`) or a target given twice (`[i].target`).
    pub fn per_target(points: &[(Availability, Decimal)]) -> Result<Self> {
        Self::build(RunCostKind::PerTarget, to_points(points))
    }

    /// A run-cost curve over availability.
    ///
    /// # Errors
    ///
    /// As [`RunCost::per_target`], and when fewer than two points are given
    /// or the targets are not strictly increasing.
    pub fn curve(points: &[(Availability, Decimal)]) -> Result<Self> {
        Self::build(RunCostKind::Curve, to_points(points))
    }

    fn build(kind: RunCostKind, points: Vec<RunCostPoint>) -> Result<Self> {
        if points.is_empty() {
            return Err(Error::invalid("run_cost", "[]", "must give at least one point"));
        }
        for (i, p) in points.iter().enumerate() {
            if p.cost_per_year.is_sign_negative() && !p.cost_per_year.is_zero() {
                return Err(Error::invalid(
                    format!("[{i}].cost_per_year"),
                    p.cost_per_year,
                    "must not be negative",
                ));
            }
            if points.iter().take(i).any(|q| q.target == p.target) {
                return Err(Error::invalid(format!("[{i}].target"), p.target, "must not repeat a target"));
            }
        }
        if kind == RunCostKind::Curve {
            if points.len() < 2 {
                return Err(Error::invalid("curve", points.len(), "must have at least two points"));
            }
            for (i, w) in points.windows(2).enumerate() {
                if let [a, b] = w
                    && b.target <= a.target
                {
                    return Err(Error::invalid(
                        format!("[{}].target", i.saturating_add(1)),
                        b.target,
                        "must be above the previous point's target",
                    ));
                }
            }
        }
        Ok(RunCost { kind, points })
    }

    /// How the cost is given.
    #[must_use]
    pub const fn kind(&self) -> RunCostKind {
        self.kind
    }

    /// The points as given.
    #[must_use]
    pub fn points(&self) -> &[RunCostPoint] {
        &self.points
    }

    /// Checks that the run cost covers exactly `targets` (a per-target list)
    /// or spans them (a curve).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `run_cost`) naming the first target missing
    /// from, or extra in, the list.
    pub fn check_targets(&self, targets: &[Availability]) -> Result<()> {
        if self.kind == RunCostKind::PerTarget
            && let Some(extra) = self.points.iter().find(|p| !targets.contains(&p.target))
        {
            return Err(Error::invalid("run_cost", extra.target, "must only name the study's targets"));
        }
        for &t in targets {
            self.at(t)?;
        }
        Ok(())
    }

    /// The yearly run cost at `target`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `run_cost`) when a per-target list does not
    /// name `target`, or `target` lies outside the curve.
    pub fn at(&self, target: Availability) -> Result<Decimal> {
        match self.kind {
            RunCostKind::PerTarget => self
                .points
                .iter()
                .find(|p| p.target == target)
                .map(|p| p.cost_per_year)
                .ok_or_else(|| Error::invalid("run_cost", target, "must give a cost for every target")),
            RunCostKind::Curve => {
                for w in self.points.windows(2) {
                    if let [a, b] = w
                        && a.target <= target
                        && target <= b.target
                    {
                        // c₀ + (c₁ − c₀) × (A − a₀) / (a₁ − a₀)
                        let rise = sub(b.cost_per_year, a.cost_per_year, "run cost curve")?;
                        let run = sub(target.fraction(), a.target.fraction(), "run cost curve")?;
                        let span = sub(b.target.fraction(), a.target.fraction(), "run cost curve")?;
                        let step = crate::decimal::mul_div(rise, run, span, "run cost curve")?;
                        return add(a.cost_per_year, step, "run cost curve");
                    }
                }
                Err(Error::invalid("run_cost", target, "must lie within the run-cost curve's targets"))
            }
        }
    }
}

fn to_points(points: &[(Availability, Decimal)]) -> Vec<RunCostPoint> {
    points.iter().map(|&(target, cost_per_year)| RunCostPoint { target, cost_per_year }).collect()
}

/// Options of a [`Decision`]: the horizon and discount rate of the NPV, the
/// quantile of the risk-averse view and the baseline target.
///
/// Setters store; [`Decision::new`] validates and names the field it rejects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionOptions {
    #[serde(default = "default_horizon")]
    horizon_years: u32,
    #[serde(default = "default_rate", with = "rate_wire")]
    discount_rate: Decimal,
    #[serde(default = "default_risk_level")]
    risk_level: crate::fraction::Fraction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    baseline: Option<Availability>,
}

const fn default_horizon() -> u32 {
    5
}

fn default_rate() -> Decimal {
    Decimal::new(8, 2)
}

fn default_risk_level() -> crate::fraction::Fraction {
    crate::fraction::Fraction::new(Decimal::new(95, 2)).unwrap_or(crate::fraction::Fraction::ONE)
}

impl Default for DecisionOptions {
    fn default() -> Self {
        DecisionOptions {
            horizon_years: default_horizon(),
            discount_rate: default_rate(),
            risk_level: default_risk_level(),
            baseline: None,
        }
    }
}

impl DecisionOptions {
    /// Five years at 8 %, risk at the 95th percentile, the lowest target as baseline.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The NPV horizon in years (1 to [`MAX_HORIZON_YEARS`]).
    #[must_use]
    pub const fn with_horizon_years(mut self, years: u32) -> Self {
        self.horizon_years = years;
        self
    }

    /// The yearly discount rate as a fraction (`0.08` for 8 %; above −1).
    #[must_use]
    pub const fn with_discount_rate(mut self, rate: Decimal) -> Self {
        self.discount_rate = rate;
        self
    }

    /// The quantile of the annual outage cost in the risk-averse view (`0.95`).
    #[must_use]
    pub const fn with_risk_level(mut self, level: crate::fraction::Fraction) -> Self {
        self.risk_level = level;
        self
    }

    /// The target NPVs are measured against (one of the study's targets).
    #[must_use]
    pub const fn with_baseline(mut self, target: Availability) -> Self {
        self.baseline = Some(target);
        self
    }

    /// The horizon.
    #[must_use]
    pub const fn horizon(&self) -> u32 {
        self.horizon_years
    }

    /// The discount rate.
    #[must_use]
    pub const fn rate(&self) -> Decimal {
        self.discount_rate
    }

    fn validate(&self) -> Result<()> {
        if self.horizon_years == 0 || self.horizon_years > MAX_HORIZON_YEARS {
            return Err(Error::invalid("horizon_years", self.horizon_years, "must be between 1 and 200"));
        }
        if self.discount_rate <= Decimal::NEGATIVE_ONE {
            return Err(Error::invalid("discount_rate", self.discount_rate, "must be above -1 (-100 %)"));
        }
        let level = self.risk_level.to_f64_lossy();
        if !(level > 0.0 && level < 1.0) {
            return Err(Error::invalid("risk_level", self.risk_level, "must be between 0 and 1, exclusive"));
        }
        Ok(())
    }

    /// The annuity factor `F = Σ_{t=1..H} (1 + r)^−t`: the present value of
    /// one unit a year at the end of each year of the horizon.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a horizon outside 1..=200 or a rate of −100 %
    /// or less; [`Error::Overflow`] when the factor leaves `Decimal`'s range
    /// (rates near −100 % over long horizons).
    pub fn annuity_factor(&self) -> Result<Decimal> {
        self.validate()?;
        let growth = add(Decimal::ONE, self.discount_rate, "annuity factor")?;
        let mut discount = Decimal::ONE;
        let mut sum = Decimal::ZERO;
        for _ in 0..self.horizon_years {
            discount = div(discount, growth, "annuity factor")?;
            sum = add(sum, discount, "annuity factor")?;
        }
        Ok(sum)
    }
}

/// Serde for rates: a decimal fraction (`0.08`) or a percent string (`"8%"`).
mod rate_wire {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::decimal::{NumberOrText, parse_decimal};

    pub(super) fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        use serde::de::Error as _;
        match NumberOrText::deserialize(d)? {
            NumberOrText::Number(n) => Ok(n),
            NumberOrText::Text(t) => {
                let (text, percent) = match t.trim().strip_suffix('%') {
                    Some(p) => (p, true),
                    None => (t.as_str(), false),
                };
                let v = parse_decimal(text)
                    .ok_or_else(|| D::Error::custom(format!("expected a rate, got \"{t}\"")))?;
                if percent {
                    v.checked_div(Decimal::ONE_HUNDRED).ok_or_else(|| D::Error::custom("rate overflow"))
                } else {
                    Ok(v)
                }
            }
        }
    }
}

/// A scenario's decision inputs: the run cost per target and the options.
///
/// In scenario files: `"investment": {"run_cost": {"per_target": […]}, "options": {"horizon_years": 5,
/// "discount_rate": "8%", "risk_level": "0.95", "baseline": 99.9}}` (options optional). Validated as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "InvestmentSpec")]
pub struct Investment {
    run_cost: RunCost,
    #[serde(default)]
    options: DecisionOptions,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InvestmentSpec {
    run_cost: RunCost,
    #[serde(default)]
    options: DecisionOptions,
}

impl TryFrom<InvestmentSpec> for Investment {
    type Error = Error;
    fn try_from(spec: InvestmentSpec) -> Result<Self> {
        Investment::new(spec.run_cost, spec.options)
    }
}

impl Investment {
    /// The run cost with options.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `options.…`) for an option out of range.
    pub fn new(run_cost: RunCost, options: DecisionOptions) -> Result<Self> {
        options.validate().map_err(|e| e.within("options"))?;
        Ok(Investment { run_cost, options })
    }

    /// The run cost.
    #[must_use]
    pub const fn run_cost(&self) -> &RunCost {
        &self.run_cost
    }

    /// The options.
    #[must_use]
    pub const fn options(&self) -> &DecisionOptions {
        &self.options
    }

    /// The decision for `study`, with the risk-averse view when `losses` are given.
    ///
    /// # Errors
    ///
    /// As [`Decision::with_losses`].
    pub fn decide(&self, study: &TargetStudy, losses: Option<&[&LossDistribution]>) -> Result<Decision> {
        match losses {
            Some(l) => Decision::with_losses(study, &self.run_cost, &self.options, l),
            None => Decision::new(study, &self.run_cost, &self.options),
        }
    }
}

/// Whether a step up the targets pays for itself, year on year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRow {
    target: Availability,
    #[serde(with = "crate::decimal::wire")]
    run_cost: Decimal,
    #[serde(with = "crate::decimal::wire")]
    expected_outage_cost: Decimal,
    #[serde(with = "crate::decimal::wire")]
    error_bound: Decimal,
    #[serde(with = "crate::decimal::wire")]
    total_cost: Decimal,
    #[serde(with = "crate::decimal::wire")]
    npv_vs_baseline: Decimal,
    #[serde(with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
    risk_outage_cost: Option<Decimal>,
    #[serde(with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionStep {
    from: Availability,
    to: Availability,
    #[serde(with = "crate::decimal::wire")]
    extra_run_cost: Decimal,
    #[serde(with = "crate::decimal::wire")]
    expected_saving: Decimal,
    #[serde(with = "crate::decimal::option_wire", skip_serializing_if = "Option::is_none")]
    risk_saving: Option<Decimal>,
    #[serde(with = "crate::decimal::wire")]
    net_saving: Decimal,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    currency: Currency,
    horizon_years: u32,
    #[serde(with = "crate::decimal::wire")]
    discount_rate: Decimal,
    #[serde(with = "crate::decimal::wire")]
    annuity_factor: Decimal,
    baseline: Availability,
    #[serde(skip_serializing_if = "Option::is_none")]
    risk_level: Option<crate::fraction::Fraction>,
    rows: Vec<DecisionRow>,
    steps: Vec<DecisionStep>,
    cheapest: Vec<Availability>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    risk_cheapest: Vec<Availability>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
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
