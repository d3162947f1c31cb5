//! Custom impact: a user-supplied curve of duration → money.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::curve::{Curve, CurvePoint, Shape};
use crate::error::{Error, Result};
use crate::outage::Outage;
use crate::parameter::{Parameter, ParameterKind, Parameters};
use crate::process::Moments;

/// A custom cost curve: regulatory fines, contractual penalties, anything
/// that grows with duration.
///
/// # Formula
///
/// ```text
/// cost = curve(d) [× severity]
/// ```
///
/// # Example
///
/// ```
/// use downtime_cost::{Calendar, Conventions, CurvePoint, CustomImpact, Outage};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let h = |n: u64| Duration::from_secs(n * 3600);
/// // A fine of 100 000 from the 4th hour on.
/// let fine = CustomImpact::new("regulatory fine", &[
///     CurvePoint::new(h(0), Decimal::ZERO),
///     CurvePoint::new(h(4), Decimal::ZERO),
///     CurvePoint::new(h(4), Decimal::from(100_000)),
/// ])?;
/// let cal = Calendar::new(Conventions::new());
/// assert_eq!(fine.cost(&Outage::new(h(3)), &cal)?, Decimal::ZERO);
/// assert_eq!(fine.cost(&Outage::new(h(5)), &cal)?, Decimal::from(100_000));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "CustomSpec"))]
#[serde(into = "CustomSpec")]
pub struct CustomImpact {
    name: String,
    curve: Curve,
    scale_by_severity: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct CustomSpec {
    name: String,
    curve: Vec<CurvePoint>,
    #[serde(default)]
    scale_by_severity: bool,
}

impl CustomImpact {
    /// A curve named `name` (the line item's label), not scaled by severity.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (`curve[i]`) for a curve that is not
    /// non-decreasing, has a negative value or does not start at 0.
    pub fn new(name: &str, curve: &[CurvePoint]) -> Result<Self> {
        Self::try_from(CustomSpec { name: name.to_owned(), curve: curve.to_vec(), scale_by_severity: false })
    }

    /// Scale the curve's value by the outage's severity.
    #[must_use]
    pub fn with_scale_by_severity(mut self, yes: bool) -> Self {
        self.scale_by_severity = yes;
        self
    }

    /// The line item's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Cost of `outage`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for absurd amounts.
    pub fn cost(&self, outage: &Outage, _calendar: &Calendar) -> Result<Decimal> {
        let v = self.curve.at_ratio(outage.duration())?;
        if self.scale_by_severity {
            v.of(outage.severity().get(), "custom impact")
        } else {
            v.value("custom impact")
        }
    }
}

impl CustomImpact {
    /// Expected cost of one outage drawn from `m`: `E[curve(D)] [× E[S]]`.
    pub(crate) fn expected(&self, m: &Moments<'_>) -> f64 {
        let e = m.curve(&self.curve).0;
        if self.scale_by_severity { e * m.mean_severity } else { e }
    }
}

impl CustomImpact {
    pub(crate) fn compile(&self) -> super::kernel::DriverF {
        super::kernel::DriverF::Custom {
            curve: super::kernel::CurveF::new(&self.curve),
            scaled: self.scale_by_severity,
        }
    }
}

/// `curve[*].at` and `curve[*].value`.
impl Parameters for CustomImpact {
    fn parameters(&self) -> Vec<Parameter> {
        crate::parameter::curve_parameters("curve", ParameterKind::Amount).into()
    }

    fn scaled_parameter(&self, name: &str, factor: Decimal, cap: bool) -> Result<Self> {
        let mut s = CustomSpec::from(self.clone());
        s.curve = crate::parameter::scaled_points("curve", &s.curve, name, factor, cap)
            .ok_or_else(|| crate::parameter::unknown(name))??;
        CustomImpact::try_from(s)
    }
}

impl TryFrom<CustomSpec> for CustomImpact {
    type Error = Error;
    fn try_from(s: CustomSpec) -> Result<Self> {
        let curve = Curve::validated(s.curve, Shape::NonDecreasing, None).map_err(|e| e.within("curve"))?;
        let name = if s.name.trim().is_empty() { "custom impact".to_owned() } else { s.name };
        Ok(CustomImpact { name, curve, scale_by_severity: s.scale_by_severity })
    }
}

impl From<CustomImpact> for CustomSpec {
    fn from(c: CustomImpact) -> Self {
        CustomSpec { name: c.name, curve: c.curve.points().to_vec(), scale_by_severity: c.scale_by_severity }
    }
}

crate::json::deserialize_via!(CustomImpact, CustomSpec);
