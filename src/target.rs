//! Uptime targets: what each availability target allows, and what the
//! outages it allows are expected to cost a year.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

use crate::availability::Availability;
use crate::convention::Period;
use crate::cost::{CostModel, Driver, DriverKind, LineItem};
use crate::decimal::{Ratio, add, div, mul, mul_div, sub};
use crate::duration;
use crate::error::{Error, Result};
use crate::money::{Currency, Rounding};
use crate::outage::Outage;

/// How outages are assumed to happen when a target is costed.
///
/// In scenario files: `{"typical": {"duration": "1h", "severity": "1"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum OutageAssumption {
    /// Every outage has this duration and severity (its start is ignored:
    /// outages are spread uniformly over the year). The target's whole
    /// downtime budget is used: `λ = budget / (duration × severity)`.
    Typical(Outage),
}

impl OutageAssumption {
    /// Checks that the assumption can use a budget: a typical outage needs
    /// a positive duration and severity.
    pub(crate) fn validate(&self) -> Result<()> {
        match self {
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

/// One target's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetRow {
    target: Availability,
    #[serde(with = "crate::duration::wire")]
    budget_per_year: Duration,
    #[serde(with = "crate::duration::wire")]
    budget_per_month: Duration,
    #[serde(with = "crate::decimal::wire")]
    incidents_per_year: Decimal,
    items: Vec<LineItem>,
    #[serde(with = "crate::decimal::wire")]
    total: Decimal,
}

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
/// driver cost   = λ × cost(typical outage)            (start unknown: mean rates)
/// SLA credits   = periods per year × credit(λ × counted(outage) × period / year)
/// ```
///
/// SLA credits assume the downtime is spread evenly over the billing
/// periods, so with severity-weighted counting every period runs at exactly
/// the target (no credit is due at the tier's own threshold).
///
/// # Example
///
/// ```
/// use downtime_cost::{Availability, CostModel, Currency, Fraction, LostSales, Outage, OutageAssumption, TargetStudy};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let model = CostModel::new(Currency::USD).driver(LostSales::new(Decimal::from(8_760_000), Fraction::ONE)?);
/// let typical = OutageAssumption::Typical(Outage::new(Duration::from_secs(3600)));
/// let targets = [Availability::from_percent(Decimal::from(99))?];
/// let study = TargetStudy::new(&model, &typical, &targets)?;
/// // 99 % allows 87.6 h a year = 87.6 one-hour outages at 1 000 each.
/// assert_eq!(study.rows()[0].incidents_per_year(), Decimal::new(876, 1));
/// assert_eq!(study.rows()[0].total(), Decimal::from(87_600));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetStudy {
    currency: Currency,
    method: &'static str,
    rows: Vec<TargetRow>,
}

impl TargetStudy {
    /// The study of `targets` under `assumption`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] when the assumption is unusable (a typical outage
    /// of zero duration or severity); [`Error::Overflow`] for absurd amounts.
    pub fn new(model: &CostModel, assumption: &OutageAssumption, targets: &[Availability]) -> Result<Self> {
        assumption.validate()?;
        let OutageAssumption::Typical(typical) = assumption;
        let typical = Outage::new(typical.duration()).with_severity(typical.severity());
        let per_outage = model.cost(&typical)?;
        let conventions = model.calendar_ref().conventions();
        let year = conventions.seconds(Period::Year)?;
        let weighted = mul(duration::seconds(typical.duration()), typical.severity().get(), "target study")?;
        let mut rows = Vec::with_capacity(targets.len());
        for &target in targets {
            let budget = target.downtime_budget_seconds(Period::Year, conventions)?;
            let lambda = div(budget, weighted, "incidents per year")?;
            let mut items = Vec::with_capacity(per_outage.items().len());
            let mut total = Decimal::ZERO;
            let mut sla = model.drivers().iter().filter_map(|d| match d {
                Driver::SlaCredits(s) => Some(s),
                _ => None,
            });
            for item in per_outage.items() {
                let amount = if item.kind() == DriverKind::SlaCredits {
                    let Some(s) = sla.next() else { return Err(Error::overflow("target study")) };
                    // downtime per period = λ × counted × period / year, with λ = budget / weighted.
                    let period = conventions.seconds(s.billing_period().period())?;
                    let per_period =
                        Ratio { num: mul(budget, period, "SLA")?, den: mul(weighted, year, "SLA")? }
                            .of(s.counted_seconds(&typical), "SLA")?;
                    mul(
                        s.billing_period().per_year(),
                        s.credit_for_downtime(per_period, conventions)?,
                        "SLA",
                    )?
                } else {
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
                items,
                total,
            });
        }
        Ok(TargetStudy { currency: model.currency(), method: "typical_outage", rows })
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

    /// How the expectation was computed (`"typical_outage"`).
    #[must_use]
    pub const fn method(&self) -> &'static str {
        self.method
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
                TargetRow { items, total, incidents_per_year: r.incidents_per_year.round_dp(4), ..r.clone() }
            })
            .collect();
        TargetStudy { rows, ..self.clone() }
    }
}
