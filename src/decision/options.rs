//! The decision's options (horizon, discount rate, risk level, baseline)
//! and the scenario's `investment` section (run costs with options).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::availability::Availability;
use crate::decimal::{add, div};
use crate::error::{Error, Result};

use super::Decision;
use super::run_cost::RunCost;
use crate::simulate::LossDistribution;
use crate::target::TargetStudy;

/// The longest horizon accepted, in years.
pub const MAX_HORIZON_YEARS: u32 = 200;

/// Options of a [`Decision`]: the horizon and discount rate of the NPV, the
/// quantile of the risk-averse view and the baseline target.
///
/// Setters store; [`Decision::new`] validates and names the field it rejects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionOptions {
    #[serde(default = "default_horizon")]
    pub(super) horizon_years: u32,
    #[cfg_attr(
        feature = "schema",
        schemars(
            with = "crate::decimal::WireDecimal",
            description = "The yearly discount rate: a decimal (0.08) or a percent (\"8%\"). Default 0.08."
        )
    )]
    #[serde(default = "default_rate", with = "rate_wire")]
    pub(super) discount_rate: Decimal,
    #[serde(default = "default_risk_level")]
    pub(super) risk_level: crate::fraction::Fraction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) baseline: Option<Availability>,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "InvestmentSpec"))]
pub struct Investment {
    pub(super) run_cost: RunCost,
    #[serde(default)]
    pub(super) options: DecisionOptions,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct InvestmentSpec {
    pub(super) run_cost: RunCost,
    #[serde(default)]
    pub(super) options: DecisionOptions,
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

crate::json::deserialize_via!(Investment, InvestmentSpec);
