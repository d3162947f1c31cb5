//! Brand impact: customers who leave, and outages long enough to make the news.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::time::Duration;

use super::non_negative;
use crate::calendar::Calendar;
use crate::curve::{Curve, CurvePoint, Shape};
use crate::decimal::{add, mul};
use crate::error::{Error, Result};
use crate::fraction::Fraction;
use crate::outage::Outage;
use crate::parameter::{Parameter, ParameterKind, Parameters};
use crate::process::Moments;

/// A publicity threshold: an outage lasting at least `after` (and at least
/// `min_severity` severe; an outage of severity 0 never counts) costs `cost`
/// once (PR, make-good offers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Publicity {
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    after: Duration,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    cost: Decimal,
    #[serde(default)]
    min_severity: Fraction,
}

impl Publicity {
    /// Costs `cost` once an outage lasts `after` or longer.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `cost`) when negative.
    pub fn new(after: Duration, cost: Decimal) -> Result<Self> {
        non_negative("cost", cost)?;
        Ok(Publicity { after, cost, min_severity: Fraction::ZERO })
    }

    /// Only outages at least this severe count.
    #[must_use]
    pub fn with_min_severity(mut self, min: Fraction) -> Self {
        self.min_severity = min;
        self
    }
}

/// Brand impact of an outage.
///
/// # Formula
///
/// ```text
/// cost = customers × severity × churn(d) × lifetime_value + Σ { cᵢ : d ≥ Tᵢ and severity ≥ sᵢ }
/// ```
///
/// `churn(d)` is a non-decreasing piecewise-linear curve of duration with
/// values in [0, 1] (the probability that an exposed customer leaves);
/// `lifetime_value` the (margin) value of a customer. Thresholds count from
/// their duration on (`d ≥ T`).
///
/// # Example
///
/// ```
/// use downtime_cost::{BrandImpact, Calendar, Conventions, CurvePoint, Outage};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let h = |n: u64| Duration::from_secs(n * 3600);
/// // churn 0 at 0 h rising to 1 % at 4 h; 10 000 customers worth 500 each.
/// let churn = [CurvePoint::new(h(0), Decimal::ZERO), CurvePoint::new(h(4), Decimal::new(1, 2))];
/// let b = BrandImpact::new(Decimal::from(10_000), &churn, Decimal::from(500))?;
/// // 2 h: churn 0.5 % → 10 000 × 0.005 × 500 = 25 000.
/// assert_eq!(b.cost(&Outage::new(h(2)), &Calendar::new(Conventions::new()))?, Decimal::from(25_000));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "BrandSpec"))]
#[serde(into = "BrandSpec")]
pub struct BrandImpact {
    name: String,
    customers: Decimal,
    churn: Curve,
    lifetime_value: Decimal,
    publicity: Vec<Publicity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct BrandSpec {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    customers: Decimal,
    churn: Vec<CurvePoint>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    lifetime_value: Decimal,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    publicity: Vec<Publicity>,
}

impl BrandImpact {
    /// `customers` exposed, churn curve `churn`, `lifetime_value` each.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for negative customers or value (fields
    /// `customers`, `lifetime_value`) and for a churn curve that is not
    /// non-decreasing, does not start at 0 or leaves [0, 1] (`churn[i]`).
    pub fn new(customers: Decimal, churn: &[CurvePoint], lifetime_value: Decimal) -> Result<Self> {
        Self::try_from(BrandSpec {
            name: String::new(),
            customers,
            churn: churn.to_vec(),
            lifetime_value,
            publicity: Vec::new(),
        })
    }

    /// Adds a publicity threshold.
    #[must_use]
    pub fn with_publicity(mut self, p: Publicity) -> Self {
        self.publicity.push(p);
        self
    }

    /// Sets the line item's name.
    #[must_use]
    pub fn with_named(mut self, name: &str) -> Self {
        name.clone_into(&mut self.name);
        self
    }

    /// The line item's name (`"brand impact"` unless set).
    #[must_use]
    pub fn name(&self) -> &str {
        if self.name.is_empty() { "brand impact" } else { &self.name }
    }

    /// Cost of `outage`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for absurd amounts.
    pub fn cost(&self, outage: &Outage, _calendar: &Calendar) -> Result<Decimal> {
        let churn = self.churn.at_ratio(outage.duration())?;
        let mut c = mul(self.customers, outage.severity().get(), "brand impact")?;
        c = mul(c, self.lifetime_value, "brand impact")?;
        c = churn.of(c, "brand impact")?;
        for p in &self.publicity {
            let severe = outage.severity() >= p.min_severity && !outage.severity().get().is_zero();
            if outage.duration() >= p.after && severe {
                c = add(c, p.cost, "brand impact")?;
            }
        }
        Ok(c)
    }
}

impl BrandImpact {
    /// Expected cost of one outage drawn from `m`.
    ///
    /// ```text
    /// E = customers × LTV × E[S] × E[churn(D)] + Σ costᵢ × P(D ≥ Tᵢ) × P(S ≥ sᵢ, S > 0)
    /// ```
    pub(crate) fn expected(&self, m: &Moments<'_>) -> f64 {
        let f = crate::decimal::to_f64_lossy;
        let mut e = f(self.customers) * f(self.lifetime_value) * m.mean_severity * m.curve(&self.churn).0;
        for p in &self.publicity {
            e += f(p.cost)
                * m.prob_at_least(p.after.as_secs_f64() / 3600.0)
                * m.severity.prob_at_least(p.min_severity.to_f64_lossy());
        }
        e
    }
}

impl BrandImpact {
    pub(crate) fn compile(&self) -> super::kernel::DriverF {
        let f = crate::decimal::to_f64_lossy;
        super::kernel::DriverF::Brand {
            value: f(self.customers) * f(self.lifetime_value),
            churn: super::kernel::CurveF::new(&self.churn),
            publicity: self
                .publicity
                .iter()
                .map(|p| (p.after.as_secs_f64() / 3600.0, f(p.cost), p.min_severity.to_f64_lossy()))
                .collect(),
        }
    }
}

/// `customers`, `churn[*].at`, `churn[*].value`, `lifetime_value`, and with
/// publicity thresholds `publicity[*].after`, `publicity[*].cost` and
/// `publicity[*].min_severity`.
impl Parameters for BrandImpact {
    fn parameters(&self) -> Vec<Parameter> {
        let mut out = vec![Parameter::amount("customers", self.customers)];
        out.extend(crate::parameter::curve_parameters("churn", ParameterKind::Share));
        out.push(Parameter::amount("lifetime_value", self.lifetime_value));
        if !self.publicity.is_empty() {
            out.extend([
                Parameter::list("publicity[*].after", ParameterKind::Duration),
                Parameter::list("publicity[*].cost", ParameterKind::Amount),
                Parameter::list("publicity[*].min_severity", ParameterKind::Share),
            ]);
        }
        out
    }

    fn scaled_parameter(&self, name: &str, factor: Decimal, cap: bool) -> Result<Self> {
        use crate::parameter::{scale_amount, scale_duration, scale_share, scaled_points, unknown};
        let mut s = BrandSpec::from(self.clone());
        let publicity = |f: &dyn Fn(&Publicity) -> Result<Publicity>| -> Result<Vec<Publicity>> {
            if s.publicity.is_empty() { Err(unknown(name)) } else { s.publicity.iter().map(f).collect() }
        };
        match name {
            "customers" => s.customers = scale_amount(s.customers, factor)?,
            "lifetime_value" => s.lifetime_value = scale_amount(s.lifetime_value, factor)?,
            "publicity[*].after" => {
                s.publicity =
                    publicity(&|p| Ok(Publicity { after: scale_duration(name, p.after, factor)?, ..*p }))?;
            }
            "publicity[*].cost" => {
                s.publicity = publicity(&|p| Ok(Publicity { cost: scale_amount(p.cost, factor)?, ..*p }))?;
            }
            "publicity[*].min_severity" => {
                s.publicity = publicity(&|p| {
                    Ok(Publicity { min_severity: scale_share(name, p.min_severity, factor, cap)?, ..*p })
                })?;
            }
            _ => {
                s.churn =
                    scaled_points("churn", &s.churn, name, factor, cap).ok_or_else(|| unknown(name))??;
            }
        }
        BrandImpact::try_from(s)
    }
}

impl TryFrom<BrandSpec> for BrandImpact {
    type Error = Error;
    fn try_from(s: BrandSpec) -> Result<Self> {
        non_negative("customers", s.customers)?;
        non_negative("lifetime_value", s.lifetime_value)?;
        let churn = Curve::validated(s.churn, Shape::NonDecreasing, Some(Decimal::ONE))
            .map_err(|e| e.within("churn"))?;
        for (i, p) in s.publicity.iter().enumerate() {
            non_negative("cost", p.cost).map_err(|e| e.within(&format!("publicity[{i}]")))?;
        }
        Ok(BrandImpact {
            name: s.name,
            customers: s.customers,
            churn,
            lifetime_value: s.lifetime_value,
            publicity: s.publicity,
        })
    }
}

impl From<BrandImpact> for BrandSpec {
    fn from(b: BrandImpact) -> Self {
        BrandSpec {
            name: b.name,
            customers: b.customers,
            churn: b.churn.points().to_vec(),
            lifetime_value: b.lifetime_value,
            publicity: b.publicity,
        }
    }
}

crate::json::deserialize_via!(BrandImpact, BrandSpec);
