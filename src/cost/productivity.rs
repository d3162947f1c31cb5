//! Lost productivity: staff idled by the outage.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{HOUR, non_negative};
use crate::calendar::Calendar;
use crate::decimal::{Ratio, add, mul};
use crate::error::{Error, Result};
use crate::fraction::Fraction;
use crate::outage::Outage;
use crate::parameter::{Parameter, Parameters};
use crate::process::Moments;

/// Staff idled by an outage, inside their working hours.
///
/// # Formula
///
/// ```text
/// idle hours = working hours in the window × staff × dependency × severity
/// cost       = idle hours × cost per hour × ((1 − caught_up) + caught_up × premium)
/// ```
///
/// Working hours come from the [`Calendar`]'s working calendar (Monday–Friday
/// 09:00–17:00 unless set; `d × H/168` without a start). Work that is caught
/// up later is not lost: it costs only the overtime premium paid to catch it
/// up (0.5 for time-and-a-half). Linear in staff and in cost per hour.
///
/// # Example
///
/// ```
/// use downtime_cost::{Calendar, Conventions, Fraction, LostProductivity, Outage, OutageStart};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// // 100 staff at 50/h, all dependent; an outage Monday 10:00–12:00.
/// let p = LostProductivity::new(Decimal::from(100), Decimal::from(50), Fraction::ONE)?;
/// let o = Outage::new(Duration::from_secs(7200)).with_start(OutageStart::Week(Duration::from_secs(36_000)))?;
/// assert_eq!(p.cost(&o, &Calendar::new(Conventions::new()))?, Decimal::from(10_000)); // 2 h × 100 × 50
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "ProductivitySpec"))]
#[serde(into = "ProductivitySpec")]
pub struct LostProductivity {
    spec: ProductivitySpec,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct ProductivitySpec {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    staff: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    cost_per_hour: Decimal,
    dependency: Fraction,
    #[serde(default)]
    caught_up: Fraction,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(default, with = "crate::decimal::wire")]
    overtime_premium: Decimal,
}

impl LostProductivity {
    /// `staff` people (a headcount; fractions allowed for FTEs) costing
    /// `cost_per_hour` each (loaded: pay plus on-costs), of whose work
    /// `dependency` needs the service. Nothing caught up.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `staff` or `cost_per_hour`) when negative.
    pub fn new(staff: Decimal, cost_per_hour: Decimal, dependency: Fraction) -> Result<Self> {
        Self::try_from(ProductivitySpec {
            name: String::new(),
            staff,
            cost_per_hour,
            dependency,
            caught_up: Fraction::ZERO,
            overtime_premium: Decimal::ZERO,
        })
    }

    /// Sets the share of idle work caught up later and the overtime premium
    /// paid for it (as a share of the hourly cost: 0.5 = time-and-a-half).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `overtime_premium`) when the premium is negative.
    pub fn with_caught_up(mut self, share: Fraction, overtime_premium: Decimal) -> Result<Self> {
        non_negative("overtime_premium", overtime_premium)?;
        self.spec.caught_up = share;
        self.spec.overtime_premium = overtime_premium;
        Ok(self)
    }

    /// Sets the line item's name.
    #[must_use]
    pub fn with_named(mut self, name: &str) -> Self {
        name.clone_into(&mut self.spec.name);
        self
    }

    /// The line item's name (`"lost productivity"` unless set).
    #[must_use]
    pub fn name(&self) -> &str {
        if self.spec.name.is_empty() { "lost productivity" } else { &self.spec.name }
    }

    /// Cost of `outage`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for absurd amounts.
    pub fn cost(&self, outage: &Outage, calendar: &Calendar) -> Result<Decimal> {
        let s = &self.spec;
        let working = calendar.working_seconds(outage.start(), outage.duration())?;
        let c = s.caught_up.get();
        // (1 − c) + c × premium
        let factor = add(
            s.caught_up.complement().get(),
            mul(c, s.overtime_premium, "lost productivity")?,
            "lost productivity",
        )?;
        let mut x = mul(s.staff, s.cost_per_hour, "lost productivity")?;
        x = mul(x, s.dependency.get(), "lost productivity")?;
        x = mul(x, outage.severity().get(), "lost productivity")?;
        x = mul(x, factor, "lost productivity")?;
        let per_hour = Ratio { num: working.num, den: mul(working.den, HOUR, "lost productivity")? };
        per_hour.of(x, "lost productivity")
    }
}

impl LostProductivity {
    /// Expected cost of one outage drawn from `m`, start uniform over the year.
    ///
    /// ```text
    /// E = E[D] × H/168 × staff × rate × dependency × E[S] × ((1 − c) + c × premium)
    /// ```
    pub(crate) fn expected(&self, m: &Moments<'_>, calendar: &Calendar) -> f64 {
        let f = crate::decimal::to_f64_lossy;
        let s = &self.spec;
        let factor =
            s.caught_up.complement().to_f64_lossy() + s.caught_up.to_f64_lossy() * f(s.overtime_premium);
        m.mean_hours
            * f(calendar.working_share())
            * f(s.staff)
            * f(s.cost_per_hour)
            * s.dependency.to_f64_lossy()
            * m.mean_severity
            * factor
    }
}

impl LostProductivity {
    pub(crate) fn compile(&self) -> super::kernel::DriverF {
        let f = crate::decimal::to_f64_lossy;
        let s = &self.spec;
        let factor =
            s.caught_up.complement().to_f64_lossy() + s.caught_up.to_f64_lossy() * f(s.overtime_premium);
        let per_second = f(s.staff) * f(s.cost_per_hour) * s.dependency.to_f64_lossy() * factor / 3600.0;
        super::kernel::DriverF::Productivity { per_second }
    }
}

/// `staff`, `cost_per_hour`, `dependency`, `caught_up` and `overtime_premium`.
impl Parameters for LostProductivity {
    fn parameters(&self) -> Vec<Parameter> {
        let s = &self.spec;
        vec![
            Parameter::amount("staff", s.staff),
            Parameter::amount("cost_per_hour", s.cost_per_hour),
            Parameter::share("dependency", s.dependency),
            Parameter::share("caught_up", s.caught_up),
            Parameter::amount("overtime_premium", s.overtime_premium),
        ]
    }

    fn scaled_parameter(&self, name: &str, factor: Decimal, cap: bool) -> Result<Self> {
        use crate::parameter::{scale_amount, scale_share, unknown};
        let mut s = self.spec.clone();
        match name {
            "staff" => s.staff = scale_amount(s.staff, factor)?,
            "cost_per_hour" => s.cost_per_hour = scale_amount(s.cost_per_hour, factor)?,
            "dependency" => s.dependency = scale_share(name, s.dependency, factor, cap)?,
            "caught_up" => s.caught_up = scale_share(name, s.caught_up, factor, cap)?,
            "overtime_premium" => s.overtime_premium = scale_amount(s.overtime_premium, factor)?,
            _ => return Err(unknown(name)),
        }
        LostProductivity::try_from(s)
    }
}

impl TryFrom<ProductivitySpec> for LostProductivity {
    type Error = Error;
    fn try_from(spec: ProductivitySpec) -> Result<Self> {
        non_negative("staff", spec.staff)?;
        non_negative("cost_per_hour", spec.cost_per_hour)?;
        non_negative("overtime_premium", spec.overtime_premium)?;
        Ok(LostProductivity { spec })
    }
}

impl From<LostProductivity> for ProductivitySpec {
    fn from(p: LostProductivity) -> Self {
        p.spec
    }
}

crate::json::deserialize_via!(LostProductivity, ProductivitySpec);
