//! What a year at each uptime target costs to run: one figure per target,
//! or a curve interpolated linearly in availability.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::availability::Availability;
use crate::decimal::{add, sub};
use crate::error::{Error, Result};

/// A run cost at one availability: what a year at that target costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RunCostPoint {
    pub(super) target: Availability,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    pub(super) cost_per_year: Decimal,
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "RunCostSpec"))]
#[serde(into = "RunCostSpec")]
pub struct RunCost {
    pub(super) kind: RunCostKind,
    pub(super) points: Vec<RunCostPoint>,
}

#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

crate::json::deserialize_via!(RunCost, RunCostSpec);
