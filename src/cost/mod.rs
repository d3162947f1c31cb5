//! The cost model: cost drivers, each its own line item, evaluated exactly
//! in `Decimal`.

mod brand;
mod custom;
pub(crate) mod kernel;
mod productivity;
mod response;
mod sales;
mod sla;

pub use brand::{BrandImpact, Publicity};
pub use custom::CustomImpact;
pub use productivity::LostProductivity;
pub use response::{DataLoss, Response};
pub use sales::{LostSales, Recovery, SalesBasis};
pub use sla::{BillingPeriod, CreditDirection, SlaCredits, SlaMeasure, SlaTier};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::calendar::Calendar;
use crate::decimal::add;
use crate::error::{Error, Result};
use crate::money::{Currency, Rounding};
use crate::outage::Outage;
use crate::parameter::{Parameter, Parameters, parameters_within, scaled_within, unknown};

/// Seconds per hour, for per-hour rates.
pub(crate) const HOUR: Decimal = Decimal::from_parts(3600, 0, 0, false, 0);

pub(crate) fn secs(d: Duration) -> Decimal {
    crate::duration::seconds(d)
}

pub(crate) fn non_negative(field: &'static str, v: Decimal) -> Result<Decimal> {
    if v.is_sign_negative() && !v.is_zero() {
        Err(Error::invalid(field, v, "must not be negative"))
    } else {
        Ok(v)
    }
}

/// A built-in cost driver. Closed, serialisable and fast; add your own with
/// the [`CostDriver`] trait.
///
/// In scenario files each driver is an object with one key naming its kind:
/// `{"lost_sales": {…}}`, `{"lost_productivity": {…}}`, `{"response": {…}}`,
/// `{"brand_impact": {…}}`, `{"sla_credits": {…}}`, `{"custom": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Driver {
    /// Revenue lost while the service is down.
    LostSales(LostSales),
    /// Staff idled.
    LostProductivity(LostProductivity),
    /// Incident response and recovery.
    Response(Response),
    /// Customers lost and publicity.
    BrandImpact(BrandImpact),
    /// SLA credits paid or received.
    SlaCredits(SlaCredits),
    /// A custom duration → money curve.
    Custom(CustomImpact),
}

/// Which kind of driver produced a line item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DriverKind {
    /// [`LostSales`].
    LostSales,
    /// [`LostProductivity`].
    LostProductivity,
    /// [`Response`].
    Response,
    /// [`BrandImpact`].
    BrandImpact,
    /// [`SlaCredits`].
    SlaCredits,
    /// [`CustomImpact`].
    Custom,
    /// A user-defined [`CostDriver`].
    Extension,
    /// Planned maintenance, costed on its own line in target studies.
    PlannedMaintenance,
}

impl fmt::Display for DriverKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DriverKind::LostSales => "lost sales",
            DriverKind::LostProductivity => "lost productivity",
            DriverKind::Response => "response and recovery",
            DriverKind::BrandImpact => "brand impact",
            DriverKind::SlaCredits => "SLA credits",
            DriverKind::Custom => "custom impact",
            DriverKind::Extension => "extension",
            DriverKind::PlannedMaintenance => "planned maintenance",
        })
    }
}

impl Driver {
    /// The driver's kind.
    #[must_use]
    pub const fn kind(&self) -> DriverKind {
        match self {
            Driver::LostSales(_) => DriverKind::LostSales,
            Driver::LostProductivity(_) => DriverKind::LostProductivity,
            Driver::Response(_) => DriverKind::Response,
            Driver::BrandImpact(_) => DriverKind::BrandImpact,
            Driver::SlaCredits(_) => DriverKind::SlaCredits,
            Driver::Custom(_) => DriverKind::Custom,
        }
    }

    /// The line item's name.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Driver::LostSales(d) => d.name(),
            Driver::LostProductivity(d) => d.name(),
            Driver::Response(d) => d.name(),
            Driver::BrandImpact(d) => d.name(),
            Driver::SlaCredits(d) => d.name(),
            Driver::Custom(d) => d.name(),
        }
    }

    /// Cost of one outage (SLA credits: as the period's only downtime).
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for absurd amounts.
    pub fn cost(&self, outage: &Outage, calendar: &Calendar) -> Result<Decimal> {
        match self {
            Driver::LostSales(d) => d.cost(outage, calendar),
            Driver::LostProductivity(d) => d.cost(outage, calendar),
            Driver::Response(d) => d.cost(outage, calendar),
            Driver::BrandImpact(d) => d.cost(outage, calendar),
            Driver::SlaCredits(d) => d.cost(outage, calendar),
            Driver::Custom(d) => d.cost(outage, calendar),
        }
    }
}

impl Driver {
    /// The variant's key in scenario files (`lost_sales`).
    const fn key(&self) -> &'static str {
        match self {
            Driver::LostSales(_) => "lost_sales",
            Driver::LostProductivity(_) => "lost_productivity",
            Driver::Response(_) => "response",
            Driver::BrandImpact(_) => "brand_impact",
            Driver::SlaCredits(_) => "sla_credits",
            Driver::Custom(_) => "custom",
        }
    }
}

/// The driver's parameters, named within its key in scenario files:
/// `lost_sales.revenue_per_year`, `brand_impact.churn[*].value`.
impl Parameters for Driver {
    fn parameters(&self) -> Vec<Parameter> {
        let key = self.key();
        match self {
            Driver::LostSales(d) => parameters_within(d, key).collect(),
            Driver::LostProductivity(d) => parameters_within(d, key).collect(),
            Driver::Response(d) => parameters_within(d, key).collect(),
            Driver::BrandImpact(d) => parameters_within(d, key).collect(),
            Driver::SlaCredits(d) => parameters_within(d, key).collect(),
            Driver::Custom(d) => parameters_within(d, key).collect(),
        }
    }

    fn scaled_parameter(&self, name: &str, factor: Decimal, cap: bool) -> Result<Self> {
        let (key, f, c) = (self.key(), factor, cap);
        let scaled = match self {
            Driver::LostSales(d) => scaled_within(d, key, name, f, c).map(|r| r.map(Driver::LostSales)),
            Driver::LostProductivity(d) => {
                scaled_within(d, key, name, f, c).map(|r| r.map(Driver::LostProductivity))
            }
            Driver::Response(d) => scaled_within(d, key, name, f, c).map(|r| r.map(Driver::Response)),
            Driver::BrandImpact(d) => scaled_within(d, key, name, f, c).map(|r| r.map(Driver::BrandImpact)),
            Driver::SlaCredits(d) => scaled_within(d, key, name, f, c).map(|r| r.map(Driver::SlaCredits)),
            Driver::Custom(d) => scaled_within(d, key, name, f, c).map(|r| r.map(Driver::Custom)),
        };
        scaled.unwrap_or_else(|| Err(unknown(name)))
    }
}

macro_rules! driver_from {
    ($($t:ident),*) => {$(
        impl From<$t> for Driver {
            fn from(d: $t) -> Self { Driver::$t(d) }
        }
    )*};
}
driver_from!(LostSales, LostProductivity, Response, BrandImpact, SlaCredits);

impl From<CustomImpact> for Driver {
    fn from(d: CustomImpact) -> Self {
        Driver::Custom(d)
    }
}

/// A user-defined cost driver, for costs the built-in [`Driver`]s do not
/// cover. Its cost is a per-outage line item of kind [`DriverKind::Extension`].
///
/// Every method honours it:
///
/// - per-outage pricing ([`CostModel::cost`], [`CostModel::year_cost`]) calls
///   [`CostDriver::cost`];
/// - the expected annual cost ([`CostModel::expected_annual`]) and the
///   target study use [`CostDriver::expected_cost`] when the driver gives a
///   closed form, and otherwise integrate [`CostDriver::cost`] numerically
///   over the duration and severity distributions (Gauss–Legendre on the
///   quantile functions, with an error estimate from two rules that is added
///   to the row's error bound and named in a note);
/// - the Monte Carlo calls [`CostDriver::cost_f64`] for every simulated
///   outage (by default, [`CostDriver::cost`] through `Decimal`: correct but
///   slow; override it with an `f64` formula for speed).
///
/// Without a start, [`CostDriver::cost`] must give the mean over a start
/// uniformly distributed over the year, as the built-in drivers do, so that
/// every method estimates the same number.
///
/// # Example
///
/// ```
/// use downtime_cost::{Calendar, CostDriver, CostModel, Currency, Outage, Result};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// /// Every outage triggers a 500 audit.
/// #[derive(Debug)]
/// struct Audit;
/// impl CostDriver for Audit {
///     fn name(&self) -> &str { "audit" }
///     fn cost(&self, _: &Outage, _: &Calendar) -> Result<Decimal> { Ok(Decimal::from(500)) }
/// }
///
/// let model = CostModel::new(Currency::EUR).with_extension(Audit);
/// let b = model.cost(&Outage::new(Duration::from_secs(60)))?;
/// assert_eq!(b.total(), Decimal::from(500));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
pub trait CostDriver: fmt::Debug + Send + Sync {
    /// The line item's name.
    fn name(&self) -> &str;

    /// Cost of one outage in the model's currency.
    ///
    /// # Errors
    ///
    /// Whatever the driver reports; use [`Error::Overflow`] for overflow.
    fn cost(&self, outage: &Outage, calendar: &Calendar) -> Result<Decimal>;

    /// The cost of one outage of `hours` hours at `severity`, starting
    /// `start_in_year` seconds after the year's first instant, in `f64`:
    /// the Monte Carlo's path. The default builds the [`Outage`] and calls
    /// [`CostDriver::cost`].
    ///
    /// # Errors
    ///
    /// Whatever [`CostDriver::cost`] reports; [`Error::Invalid`] for a
    /// severity outside [0, 1].
    fn cost_f64(&self, hours: f64, severity: f64, start_in_year: f64, calendar: &Calendar) -> Result<f64> {
        let outage = Outage::new(crate::process::duration_dist::from_hours(hours))
            .with_severity(
                crate::decimal::decimal_from_f64(severity)
                    .and_then(|s| crate::fraction::Fraction::new(s.round_dp(15)).ok())
                    .ok_or_else(|| Error::invalid("severity", severity, "must be a share between 0 and 1"))?,
            )
            .with_start(crate::outage::OutageStart::Year(
                Duration::try_from_secs_f64(start_in_year).unwrap_or_default(),
            ))?;
        Ok(crate::decimal::to_f64_lossy(self.cost(&outage, calendar)?))
    }

    /// The exact expected cost of one outage of `process`, `E[cost(D, S)]`
    /// (start uniform over the year), when the driver knows a closed form;
    /// `None` (the default) lets the crate integrate numerically.
    fn expected_cost(
        &self,
        process: &crate::process::OutageProcess,
        calendar: &Calendar,
    ) -> Option<Result<Decimal>> {
        let _ = (process, calendar);
        None
    }
}

/// A validated cost model: one currency, a [`Calendar`], and a list of cost
/// drivers evaluated into a [`CostBreakdown`].
///
/// # Example
///
/// ```
/// use downtime_cost::{CostModel, Currency, Fraction, LostSales, Outage, Response};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let model = CostModel::new(Currency::USD)
///     .with_driver(LostSales::new(Decimal::from(8_760_000), Fraction::ONE)?) // 1 000 an hour
///     .with_driver(Response::new(Decimal::from(2), Decimal::from(100))?);    // 2 people at 100/h
/// let b = model.cost(&Outage::new(Duration::from_secs(3 * 3600)))?;
/// assert_eq!(b.items()[0].amount(), Decimal::from(3_000));
/// assert_eq!(b.items()[1].amount(), Decimal::from(600));
/// assert_eq!(b.total(), Decimal::from(3_600));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CostModel {
    currency: Currency,
    calendar: Calendar,
    drivers: Vec<Driver>,
    extensions: Vec<Arc<dyn CostDriver>>,
    names: Vec<Arc<str>>,
}

impl CostModel {
    /// An empty model in `currency` with the default [`Calendar`].
    #[must_use]
    pub fn new(currency: Currency) -> Self {
        CostModel {
            currency,
            calendar: Calendar::default(),
            drivers: Vec::new(),
            extensions: Vec::new(),
            names: Vec::new(),
        }
    }

    /// Sets the calendar.
    #[must_use]
    pub fn with_calendar(mut self, calendar: Calendar) -> Self {
        self.calendar = calendar;
        self
    }

    /// Adds a built-in driver.
    #[must_use]
    pub fn with_driver(mut self, driver: impl Into<Driver>) -> Self {
        let d = driver.into();
        self.names.insert(self.drivers.len(), Arc::from(d.name()));
        self.drivers.push(d);
        self
    }

    /// Adds a user-defined driver.
    #[must_use]
    pub fn with_extension(mut self, driver: impl CostDriver + 'static) -> Self {
        self.names.push(Arc::from(driver.name()));
        self.extensions.push(Arc::new(driver));
        self
    }

    /// The currency.
    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// The calendar.
    #[must_use]
    pub const fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The built-in drivers.
    #[must_use]
    pub fn drivers(&self) -> &[Driver] {
        &self.drivers
    }

    /// [`crate::Error::Invalid`] (field `drivers`) for more than
    /// [`crate::limits::MAX_DRIVERS`] line items, built-in and extensions:
    /// checked before an evaluation prices every outage with each.
    pub(crate) fn check_size(&self) -> Result<()> {
        crate::limits::at_most(
            "drivers",
            self.line_count(),
            crate::limits::MAX_DRIVERS,
            "must hold at most 100 cost drivers and extensions",
        )
    }

    /// The user-defined drivers.
    pub(crate) fn extensions(&self) -> &[Arc<dyn CostDriver>] {
        &self.extensions
    }

    /// The line item names, built-in drivers first, extensions last.
    pub(crate) fn line_names(&self) -> &[Arc<str>] {
        &self.names
    }

    /// Number of user-defined drivers.
    #[must_use]
    pub fn extension_count(&self) -> usize {
        self.extensions.len()
    }

    /// Number of line items (built-in drivers plus extensions).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.names.len()
    }

    /// The cost of one outage, line item by line item.
    ///
    /// SLA credits are priced as if this outage were the only downtime of
    /// its billing period; use [`CostModel::period_cost`] for a period with
    /// several outages.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for absurd amounts; whatever an extension reports.
    pub fn cost(&self, outage: &Outage) -> Result<CostBreakdown> {
        self.evaluate(std::slice::from_ref(outage), false)
    }

    /// The cost of the outages of one billing period: per-outage drivers
    /// summed over the outages, SLA credits on the period's total counted
    /// downtime.
    ///
    /// # Errors
    ///
    /// As [`CostModel::cost`].
    pub fn period_cost(&self, outages: &[Outage]) -> Result<CostBreakdown> {
        self.evaluate(outages, false)
    }

    /// The cost of one year's outages, a history: per-outage drivers summed
    /// over the outages, SLA credits per billing period on that period's
    /// total counted downtime.
    ///
    /// Each outage is placed by its start on the calendar's billing periods
    /// (a named year's real months and quarters, each assessed on its own
    /// length); an outage that crosses a period's end is split between the
    /// periods in proportion to its time in each.
    ///
    /// # Formula
    ///
    /// ```text
    /// per-outage drivers:  Σ_outages cost(outage)
    /// SLA credits:         Σ_periods credit(Σ_outages counted downtime in the period, period length)
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `[i].start`) for an outage with no start
    /// in the year (a start in the year or a date-time is needed to place
    /// it); otherwise as [`CostModel::cost`].
    pub fn year_cost(&self, outages: &[Outage]) -> Result<CostBreakdown> {
        self.evaluate(outages, true)
    }

    fn evaluate(&self, outages: &[Outage], year: bool) -> Result<CostBreakdown> {
        let mut items = Vec::with_capacity(self.names.len());
        let mut total = Decimal::ZERO;
        let mut names = self.names.iter();
        for d in &self.drivers {
            let amount = match (d, outages) {
                (Driver::SlaCredits(s), _) if year => self.year_credits(s, outages)?,
                (Driver::SlaCredits(s), [one]) => s.cost(one, &self.calendar)?,
                (Driver::SlaCredits(s), _) => {
                    let mut down = Decimal::ZERO;
                    for o in outages {
                        down = add(down, s.counted_seconds(o), "SLA downtime")?;
                    }
                    s.credit_for_downtime(down, self.calendar.conventions())?
                }
                (_, [one]) => d.cost(one, &self.calendar)?,
                _ => {
                    let mut sum = Decimal::ZERO;
                    for o in outages {
                        sum = add(sum, d.cost(o, &self.calendar)?, "driver total")?;
                    }
                    sum
                }
            };
            total = add(total, amount, "breakdown total")?;
            items.push(LineItem {
                kind: d.kind(),
                name: names.next().cloned().unwrap_or_else(|| Arc::from(d.name())),
                amount,
            });
        }
        for e in &self.extensions {
            let mut sum = Decimal::ZERO;
            for o in outages {
                sum = add(sum, e.cost(o, &self.calendar)?, "extension")?;
            }
            total = add(total, sum, "breakdown total")?;
            items.push(LineItem {
                kind: DriverKind::Extension,
                name: names.next().cloned().unwrap_or_else(|| Arc::from(e.name())),
                amount: sum,
            });
        }
        Ok(CostBreakdown { currency: self.currency, items, total })
    }

    /// SLA credits of a year's outages, period by period.
    fn year_credits(&self, s: &SlaCredits, outages: &[Outage]) -> Result<Decimal> {
        let slots = self.calendar.billing_periods(s.period().period())?;
        let mut down = vec![Decimal::ZERO; slots.len()];
        for (i, o) in outages.iter().enumerate() {
            let start = self.calendar.year_offset(o.start()).map_err(|e| e.within(&format!("[{i}]")))?;
            let Some(start) = start else {
                return Err(Error::invalid(
                    format!("[{i}].start"),
                    o.start().map_or_else(|| "none".to_owned(), |st| format!("{st:?}")),
                    "must place the outage in the year (a start in the year or a date-time) to price a year's history",
                ));
            };
            sla::place(
                slots,
                self.calendar.year_seconds(),
                start,
                o.duration(),
                s.counted_seconds(o),
                &mut down,
            )?;
        }
        s.credit_for_periods(slots, &down)
    }
}

/// One line of a [`CostBreakdown`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LineItem {
    #[serde(rename = "driver")]
    kind: DriverKind,
    name: Arc<str>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    amount: Decimal,
}

impl LineItem {
    pub(crate) const fn new(kind: DriverKind, name: Arc<str>, amount: Decimal) -> Self {
        LineItem { kind, name, amount }
    }

    pub(crate) fn rounded(&self, rounding: Rounding) -> Self {
        LineItem { amount: rounding.apply(self.amount), ..self.clone() }
    }

    /// Which kind of driver.
    #[must_use]
    pub const fn kind(&self) -> DriverKind {
        self.kind
    }

    /// The driver's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The exact amount (negative for SLA credits received).
    #[must_use]
    pub const fn amount(&self) -> Decimal {
        self.amount
    }
}

/// The cost of an outage (or a period's outages), line item by line item,
/// with the exact total: `total = Σ items`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CostBreakdown {
    currency: Currency,
    items: Vec<LineItem>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    total: Decimal,
}

impl CostBreakdown {
    /// The line items, in the model's driver order (extensions last).
    #[must_use]
    pub fn items(&self) -> &[LineItem] {
        &self.items
    }

    /// The exact total, in [`CostBreakdown::currency`].
    #[must_use]
    pub const fn total(&self) -> Decimal {
        self.total
    }

    /// The currency.
    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// The sum of the items of one kind.
    #[must_use]
    pub fn by_kind(&self, kind: DriverKind) -> Decimal {
        self.items.iter().filter(|i| i.kind == kind).fold(Decimal::ZERO, |a, i| a.saturating_add(i.amount))
    }

    /// Each item rounded by `rounding`, and the total recomputed as the sum
    /// of the rounded items, so a printed table adds up.
    #[must_use]
    pub fn rounded(&self, rounding: Rounding) -> CostBreakdown {
        let items: Vec<LineItem> = self.items.iter().map(|i| i.rounded(rounding)).collect();
        let total = items.iter().fold(Decimal::ZERO, |a, i| a.saturating_add(i.amount));
        CostBreakdown { currency: self.currency, items, total }
    }
}
