//! Lost sales: revenue that depends on the service and is not recovered later.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::non_negative;
use crate::calendar::Calendar;
use crate::curve::{Curve, CurvePoint, Shape};
use crate::decimal::{Ratio, mul};
use crate::error::{Error, Result};
use crate::fraction::Fraction;
use crate::outage::Outage;
use crate::parameter::{Parameter, ParameterKind, Parameters};
use crate::process::Moments;

/// What a lost sale costs: the revenue, or only its gross margin (variable
/// costs are avoided when the sale does not happen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum SalesBasis {
    /// The whole revenue is lost (default).
    #[default]
    Revenue,
    /// Only the gross margin (contribution) share of the revenue is lost.
    GrossMargin(Fraction),
}

/// The share of sales that come back later: a constant, or a non-increasing
/// curve of outage duration (customers wait out a short outage, not a long one).
///
/// In scenario files: a share (`"0.3"`, `0.3`, `"30%"`) or a list of curve
/// points (`[{"at": "0", "value": "0.6"}, {"at": "4h", "value": "0.2"}]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Recovery {
    /// The same share whatever the duration.
    Constant(Fraction),
    /// Share recovered as a function of duration: values in [0, 1],
    /// non-increasing (build it with [`Curve::non_increasing`]).
    Curve(Curve),
}

impl Recovery {
    /// Checks a curve's shape: values in [0, 1], non-increasing.
    fn validated(self) -> Result<Self> {
        match self {
            Recovery::Curve(c) => Self::from_points(c.points().to_vec()),
            constant @ Recovery::Constant(_) => Ok(constant),
        }
    }

    /// A curve from its points, checked: values in [0, 1], non-increasing.
    fn from_points(points: Vec<CurvePoint>) -> Result<Self> {
        Curve::validated(points, Shape::NonIncreasing, Some(Decimal::ONE))
            .map(Recovery::Curve)
            .map_err(|e| e.within("recovered"))
    }
}

impl<'de> Deserialize<'de> for Recovery {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Share(crate::decimal::NumberOrText),
            Points(Vec<CurvePoint>),
        }
        let raw = Raw::deserialize(d).map_err(|_| {
            serde::de::Error::custom(
                "recovered must be a share in [0, 1] (\"0.3\", \"30%\") or a list of curve points {\"at\", \"value\"}",
            )
        })?;
        match raw {
            Raw::Share(v) => {
                let f = match v {
                    crate::decimal::NumberOrText::Text(t) => Fraction::parse(&t),
                    crate::decimal::NumberOrText::Number(n) => Fraction::new(n),
                };
                f.map(Recovery::Constant).map_err(crate::json::reject_value)
            }
            Raw::Points(points) => Curve::validated(points, Shape::NonIncreasing, Some(Decimal::ONE))
                .map(Recovery::Curve)
                .map_err(crate::json::reject),
        }
    }
}

impl Default for Recovery {
    fn default() -> Self {
        Recovery::Constant(Fraction::ZERO)
    }
}

/// Lost sales during an outage.
///
/// # Formula
///
/// ```text
/// cost = R × share(window) × severity × at_risk × (1 − recovered(d)) [× margin]
/// ```
///
/// `R` is revenue per year; `share(window)` the share of the year's revenue
/// earned in the outage window (weekly profile and peaks applied, see
/// [`Calendar`]; `d / year` without a start); `at_risk` the share of revenue
/// that depends on the service; `recovered(d)` the share of those sales that
/// come back later; `margin` applies on the gross-margin basis. Linear in
/// `R` and in severity.
///
/// # Example
///
/// ```
/// use downtime_cost::{Calendar, Conventions, Fraction, LostSales, Outage};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// // 8 760 000 a year = 1 000 an hour on a 365-day year; 50 % at risk.
/// let sales = LostSales::new(Decimal::from(8_760_000), Fraction::new(Decimal::new(5, 1))?)?;
/// let cost = sales.cost(&Outage::new(Duration::from_secs(2 * 3600)), &Calendar::new(Conventions::new()))?;
/// assert_eq!(cost, Decimal::from(1_000)); // 1 000/h × 2 h × 0.5
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "LostSalesSpec"))]
#[serde(into = "LostSalesSpec")]
pub struct LostSales {
    name: String,
    revenue_per_year: Decimal,
    share_at_risk: Fraction,
    recovered: Recovery,
    basis: SalesBasis,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct LostSalesSpec {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    revenue_per_year: Decimal,
    share_at_risk: Fraction,
    #[serde(default)]
    recovered: Recovery,
    #[serde(default)]
    basis: SalesBasis,
}

impl LostSales {
    /// Lost sales of `revenue_per_year`, of which `share_at_risk` depends on
    /// the service; nothing recovered, revenue basis.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `revenue_per_year`) when the revenue is negative.
    pub fn new(revenue_per_year: Decimal, share_at_risk: Fraction) -> Result<Self> {
        Self::try_from(LostSalesSpec {
            name: String::new(),
            revenue_per_year,
            share_at_risk,
            recovered: Recovery::default(),
            basis: SalesBasis::Revenue,
        })
    }

    /// Sets the share of sales recovered later.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `recovered[i]`) for a curve that rises or
    /// leaves [0, 1].
    pub fn with_recovered(mut self, recovered: Recovery) -> Result<Self> {
        self.recovered = recovered.validated()?;
        Ok(self)
    }

    /// Sets the basis (revenue or gross margin).
    #[must_use]
    pub fn with_basis(mut self, basis: SalesBasis) -> Self {
        self.basis = basis;
        self
    }

    /// Sets the line item's name.
    #[must_use]
    pub fn with_named(mut self, name: &str) -> Self {
        name.clone_into(&mut self.name);
        self
    }

    /// The line item's name (`"lost sales"` unless set).
    #[must_use]
    pub fn name(&self) -> &str {
        if self.name.is_empty() { "lost sales" } else { &self.name }
    }

    /// Revenue per year.
    #[must_use]
    pub fn revenue_per_year(&self) -> Decimal {
        self.revenue_per_year
    }

    /// Cost of `outage`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for absurd amounts.
    pub fn cost(&self, outage: &Outage, calendar: &Calendar) -> Result<Decimal> {
        let share = calendar.revenue_share(outage.start(), outage.duration())?;
        let kept = match &self.recovered {
            Recovery::Constant(f) => Ratio::whole(f.complement().get()),
            Recovery::Curve(c) => c.at_ratio(outage.duration())?.complement("lost sales")?,
        };
        let mut c = mul(self.revenue_per_year, outage.severity().get(), "lost sales")?;
        c = mul(c, self.share_at_risk.get(), "lost sales")?;
        if let SalesBasis::GrossMargin(m) = self.basis {
            c = mul(c, m.get(), "lost sales")?;
        }
        share.times(kept, "lost sales")?.of(c, "lost sales")
    }
}

impl LostSales {
    /// Expected cost of one outage drawn from `m`, start uniform over the year.
    ///
    /// ```text
    /// E = R/Y × at_risk [× margin] × E[S] × E[D·(1 − recovered(D))]
    /// ```
    pub(crate) fn expected(&self, m: &Moments<'_>, calendar: &Calendar) -> f64 {
        let f = crate::decimal::to_f64_lossy;
        let year_hours = f(calendar.year_seconds()) / 3600.0;
        let mut base =
            f(self.revenue_per_year) / year_hours * self.share_at_risk.to_f64_lossy() * m.mean_severity;
        if let SalesBasis::GrossMargin(g) = self.basis {
            base *= g.to_f64_lossy();
        }
        let kept = match &self.recovered {
            Recovery::Constant(r) => (1.0 - r.to_f64_lossy()) * m.mean_hours,
            Recovery::Curve(c) => m.mean_hours - m.curve(c).1,
        };
        base * kept
    }
}

impl LostSales {
    pub(crate) fn compile(&self) -> super::kernel::DriverF {
        let f = crate::decimal::to_f64_lossy;
        let mut base = f(self.revenue_per_year) * self.share_at_risk.to_f64_lossy();
        if let SalesBasis::GrossMargin(g) = self.basis {
            base *= g.to_f64_lossy();
        }
        let recovered = match &self.recovered {
            Recovery::Constant(r) => Ok(r.to_f64_lossy()),
            Recovery::Curve(c) => Err(super::kernel::CurveF::new(c)),
        };
        super::kernel::DriverF::Sales { base, recovered }
    }
}

/// `revenue_per_year`, `share_at_risk`, `recovered` (or `recovered[*].at` and
/// `recovered[*].value` for a curve) and `basis.gross_margin`.
impl Parameters for LostSales {
    fn parameters(&self) -> Vec<Parameter> {
        let mut out = vec![
            Parameter::amount("revenue_per_year", self.revenue_per_year),
            Parameter::share("share_at_risk", self.share_at_risk),
        ];
        match &self.recovered {
            Recovery::Constant(f) => out.push(Parameter::share("recovered", *f)),
            Recovery::Curve(_) => {
                out.extend(crate::parameter::curve_parameters("recovered", ParameterKind::Share));
            }
        }
        if let SalesBasis::GrossMargin(m) = self.basis {
            out.push(Parameter::share("basis.gross_margin", m));
        }
        out
    }

    fn scaled_parameter(&self, name: &str, factor: Decimal, cap: bool) -> Result<Self> {
        use crate::parameter::{scale_amount, scale_share, scaled_points, unknown};
        let mut spec = LostSalesSpec::from(self.clone());
        match (name, &self.recovered, self.basis) {
            ("revenue_per_year", ..) => spec.revenue_per_year = scale_amount(spec.revenue_per_year, factor)?,
            ("share_at_risk", ..) => spec.share_at_risk = scale_share(name, spec.share_at_risk, factor, cap)?,
            ("recovered", Recovery::Constant(f), _) => {
                spec.recovered = Recovery::Constant(scale_share(name, *f, factor, cap)?);
            }
            ("basis.gross_margin", _, SalesBasis::GrossMargin(m)) => {
                spec.basis = SalesBasis::GrossMargin(scale_share(name, m, factor, cap)?);
            }
            (_, Recovery::Curve(c), _) => {
                let points = scaled_points("recovered", c.points(), name, factor, cap)
                    .ok_or_else(|| unknown(name))??;
                spec.recovered = Recovery::from_points(points)?;
            }
            _ => return Err(unknown(name)),
        }
        LostSales::try_from(spec)
    }
}

impl TryFrom<LostSalesSpec> for LostSales {
    type Error = Error;
    fn try_from(s: LostSalesSpec) -> Result<Self> {
        non_negative("revenue_per_year", s.revenue_per_year)?;
        Ok(LostSales {
            name: s.name,
            revenue_per_year: s.revenue_per_year,
            share_at_risk: s.share_at_risk,
            recovered: s.recovered,
            basis: s.basis,
        })
    }
}

impl From<LostSales> for LostSalesSpec {
    fn from(s: LostSales) -> Self {
        LostSalesSpec {
            name: s.name,
            revenue_per_year: s.revenue_per_year,
            share_at_risk: s.share_at_risk,
            recovered: s.recovered,
            basis: s.basis,
        }
    }
}

crate::json::deserialize_via!(LostSales, LostSalesSpec);
