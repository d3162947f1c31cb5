//! Response and recovery: the people who fix the outage, fixed incident
//! costs, and work lost since the last backup.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::time::Duration;

use super::{HOUR, non_negative, secs};
use crate::calendar::Calendar;
use crate::decimal::{add, div, mul};
use crate::error::{Error, Result};
use crate::outage::Outage;
use crate::parameter::{Parameter, Parameters};
use crate::process::Moments;

/// Work lost with the data since the last good backup, which must be redone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DataLoss {
    /// Work lost: the time since the last recoverable point (RPO).
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    window: Duration,
    /// People whose work in that window is redone.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    staff: Decimal,
    /// Loaded cost per hour of each.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    cost_per_hour: Decimal,
}

impl DataLoss {
    /// Re-work of `window` by `staff` people at `cost_per_hour`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `staff` or `cost_per_hour`) when negative.
    pub fn new(window: Duration, staff: Decimal, cost_per_hour: Decimal) -> Result<Self> {
        non_negative("staff", staff)?;
        non_negative("cost_per_hour", cost_per_hour)?;
        Ok(DataLoss { window, staff, cost_per_hour })
    }
}

/// Incident response and recovery.
///
/// # Formula
///
/// ```text
/// cost = responders × rate × (d + wrap_up) + fixed + re-work
/// re-work = data-loss window × staff × their rate × severity
/// ```
///
/// Responders work whatever the severity, so only the re-work scales with
/// it. Linear in responders and in rate.
///
/// # Example
///
/// ```
/// use downtime_cost::{Calendar, Conventions, Outage, Response};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// // 4 responders at 120/h, 1 h wrap-up, 2 000 fixed; a 2 h outage:
/// // 4 × 120 × 3 h + 2 000 = 3 440.
/// let r = Response::new(Decimal::from(4), Decimal::from(120))?
///     .with_wrap_up(Duration::from_secs(3600))
///     .with_fixed_cost(Decimal::from(2_000))?;
/// let cost = r.cost(&Outage::new(Duration::from_secs(7200)), &Calendar::new(Conventions::new()))?;
/// assert_eq!(cost, Decimal::from(3_440));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "ResponseSpec"))]
#[serde(into = "ResponseSpec")]
pub struct Response {
    spec: ResponseSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct ResponseSpec {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    responders: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    cost_per_hour: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(default, with = "crate::duration::wire")]
    wrap_up: Duration,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(default, with = "crate::decimal::wire")]
    fixed_cost: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    data_loss: Option<DataLoss>,
}

impl Response {
    /// `responders` people at `cost_per_hour` each, for the outage's duration.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `responders` or `cost_per_hour`) when negative.
    pub fn new(responders: Decimal, cost_per_hour: Decimal) -> Result<Self> {
        Self::try_from(ResponseSpec {
            name: String::new(),
            responders,
            cost_per_hour,
            wrap_up: Duration::ZERO,
            fixed_cost: Decimal::ZERO,
            data_loss: None,
        })
    }

    /// Sets the responders' wrap-up time after restoration (post-incident
    /// review, clean-up).
    #[must_use]
    pub fn with_wrap_up(mut self, wrap_up: Duration) -> Self {
        self.spec.wrap_up = wrap_up;
        self
    }

    /// Sets the fixed cost per incident (vendor call-out, restore fees).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `fixed_cost`) when negative.
    pub fn with_fixed_cost(mut self, fixed: Decimal) -> Result<Self> {
        non_negative("fixed_cost", fixed)?;
        self.spec.fixed_cost = fixed;
        Ok(self)
    }

    /// Sets the data-loss re-work.
    #[must_use]
    pub fn with_data_loss(mut self, loss: DataLoss) -> Self {
        self.spec.data_loss = Some(loss);
        self
    }

    /// Sets the line item's name.
    #[must_use]
    pub fn with_named(mut self, name: &str) -> Self {
        name.clone_into(&mut self.spec.name);
        self
    }

    /// The line item's name (`"response and recovery"` unless set).
    #[must_use]
    pub fn name(&self) -> &str {
        if self.spec.name.is_empty() { "response and recovery" } else { &self.spec.name }
    }

    /// Cost of `outage`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for absurd amounts.
    pub fn cost(&self, outage: &Outage, _calendar: &Calendar) -> Result<Decimal> {
        let s = &self.spec;
        let busy = add(secs(outage.duration()), secs(s.wrap_up), "response")?;
        let people = mul(mul(s.responders, s.cost_per_hour, "response")?, busy, "response")?;
        let mut total = add(div(people, HOUR, "response")?, s.fixed_cost, "response")?;
        if let Some(l) = &s.data_loss {
            let rework = mul(mul(secs(l.window), l.staff, "response")?, l.cost_per_hour, "response")?;
            let rework = mul(rework, outage.severity().get(), "response")?;
            total = add(total, div(rework, HOUR, "response")?, "response")?;
        }
        Ok(total)
    }
}

impl Response {
    /// Expected cost of one outage drawn from `m`.
    ///
    /// ```text
    /// E = responders × rate × (E[D] + wrap_up) + fixed + window × staff × rate × E[S]
    /// ```
    pub(crate) fn expected(&self, m: &Moments<'_>) -> f64 {
        let f = crate::decimal::to_f64_lossy;
        let s = &self.spec;
        let hours = |d: Duration| d.as_secs_f64() / 3600.0;
        let mut e =
            f(s.responders) * f(s.cost_per_hour) * (m.mean_hours + hours(s.wrap_up)) + f(s.fixed_cost);
        if let Some(l) = &s.data_loss {
            e += hours(l.window) * f(l.staff) * f(l.cost_per_hour) * m.mean_severity;
        }
        e
    }
}

impl Response {
    pub(crate) fn compile(&self) -> super::kernel::DriverF {
        let f = crate::decimal::to_f64_lossy;
        let s = &self.spec;
        let hours = |d: Duration| d.as_secs_f64() / 3600.0;
        let rework = s.data_loss.as_ref().map_or(0.0, |l| hours(l.window) * f(l.staff) * f(l.cost_per_hour));
        super::kernel::DriverF::Response {
            per_hour: f(s.responders) * f(s.cost_per_hour),
            wrap_up: hours(s.wrap_up),
            fixed: f(s.fixed_cost),
            rework,
        }
    }
}

/// `responders`, `cost_per_hour`, `wrap_up`, `fixed_cost`, and with data
/// loss `data_loss.window`, `data_loss.staff` and `data_loss.cost_per_hour`.
impl Parameters for Response {
    fn parameters(&self) -> Vec<Parameter> {
        let s = &self.spec;
        let mut out = vec![
            Parameter::amount("responders", s.responders),
            Parameter::amount("cost_per_hour", s.cost_per_hour),
            Parameter::duration("wrap_up", s.wrap_up),
            Parameter::amount("fixed_cost", s.fixed_cost),
        ];
        if let Some(l) = &s.data_loss {
            out.extend([
                Parameter::duration("data_loss.window", l.window),
                Parameter::amount("data_loss.staff", l.staff),
                Parameter::amount("data_loss.cost_per_hour", l.cost_per_hour),
            ]);
        }
        out
    }

    fn scaled_parameter(&self, name: &str, factor: Decimal, _cap: bool) -> Result<Self> {
        use crate::parameter::{scale_amount, scale_duration, unknown};
        let mut s = self.spec.clone();
        match (name, s.data_loss.as_mut()) {
            ("responders", _) => s.responders = scale_amount(s.responders, factor)?,
            ("cost_per_hour", _) => s.cost_per_hour = scale_amount(s.cost_per_hour, factor)?,
            ("wrap_up", _) => s.wrap_up = scale_duration(name, s.wrap_up, factor)?,
            ("fixed_cost", _) => s.fixed_cost = scale_amount(s.fixed_cost, factor)?,
            ("data_loss.window", Some(l)) => l.window = scale_duration(name, l.window, factor)?,
            ("data_loss.staff", Some(l)) => l.staff = scale_amount(l.staff, factor)?,
            ("data_loss.cost_per_hour", Some(l)) => l.cost_per_hour = scale_amount(l.cost_per_hour, factor)?,
            _ => return Err(unknown(name)),
        }
        Response::try_from(s)
    }
}

impl TryFrom<ResponseSpec> for Response {
    type Error = Error;
    fn try_from(spec: ResponseSpec) -> Result<Self> {
        non_negative("responders", spec.responders)?;
        non_negative("cost_per_hour", spec.cost_per_hour)?;
        non_negative("fixed_cost", spec.fixed_cost)?;
        if let Some(l) = &spec.data_loss {
            non_negative("data_loss.staff", l.staff)?;
            non_negative("data_loss.cost_per_hour", l.cost_per_hour)?;
        }
        Ok(Response { spec })
    }
}

impl From<Response> for ResponseSpec {
    fn from(r: Response) -> Self {
        r.spec
    }
}

crate::json::deserialize_via!(Response, ResponseSpec);
