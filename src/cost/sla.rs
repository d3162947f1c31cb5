//! SLA credits: paid to our customers when we miss an SLA, or received from
//! a provider that missed theirs.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{non_negative, secs};
use crate::availability::Availability;
use crate::calendar::{BillingSlot, Calendar};
use crate::convention::{Conventions, Period};
use crate::decimal::{add, div, mul, mul_div, sub};
use crate::error::{Error, Result};
use crate::fraction::Fraction;
use crate::outage::Outage;
use crate::parameter::{Parameter, ParameterKind, Parameters};

/// Who pays the credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CreditDirection {
    /// We pay our customers: a cost (positive line item). Default.
    #[default]
    Paid,
    /// A provider pays us: an offset (negative line item).
    Received,
}

/// The billing period an SLA is measured over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BillingPeriod {
    /// A month (length by the month convention). Default.
    #[default]
    Month,
    /// A quarter.
    Quarter,
    /// A year.
    Year,
}

impl BillingPeriod {
    /// The matching [`Period`].
    #[must_use]
    pub const fn period(self) -> Period {
        match self {
            BillingPeriod::Month => Period::Month,
            BillingPeriod::Quarter => Period::Quarter,
            BillingPeriod::Year => Period::Year,
        }
    }

    /// Billing periods per year: 12, 4 or 1.
    #[must_use]
    pub fn per_year(self) -> Decimal {
        Decimal::from(match self {
            BillingPeriod::Month => 12,
            BillingPeriod::Quarter => 4,
            BillingPeriod::Year => 1,
        })
    }
}

/// Which downtime the SLA counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum SlaMeasure {
    /// Duration × severity, as request-based SLAs (error rate over time)
    /// count it. Default.
    #[default]
    SeverityWeighted,
    /// The full duration of every outage at least `min_severity` severe, as
    /// minute-based SLAs ("unavailable minutes") count it.
    FullDuration {
        /// Outages less severe than this do not count.
        min_severity: Fraction,
    },
}

/// One credit tier: availability over the billing period strictly below
/// `below` earns `credit` of the period's fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SlaTier {
    below: Availability,
    credit: Fraction,
}

impl SlaTier {
    /// Availability strictly below `below` over the billing period earns
    /// `credit` of the period's fee.
    #[must_use]
    pub const fn new(below: Availability, credit: Fraction) -> Self {
        SlaTier { below, credit }
    }

    /// The threshold: availability strictly below it earns the credit.
    #[must_use]
    pub const fn below(&self) -> Availability {
        self.below
    }

    /// Share of the period's fee credited.
    #[must_use]
    pub const fn credit(&self) -> Fraction {
        self.credit
    }
}

/// SLA credits over a billing period.
///
/// # Formula
///
/// ```text
/// availability = 1 − counted downtime in the period / period length
/// credit       = fee × min(cap, credit of the lowest tier with availability < below)
/// line item    = +credit when paid, −credit when received
/// ```
///
/// Tiers are listed from the highest threshold down, with credits that never
/// decrease (AWS compute: below 99.99 % → 10 %, below 99 % → 30 %, below
/// 95 % → 100 %). At exactly the threshold no credit is due. Credits are
/// owed per period on the period's total downtime: [`SlaCredits::cost`]
/// prices one outage as the period's only downtime, and
/// [`SlaCredits::credit_for_downtime`] prices any total.
///
/// # Example
///
/// ```
/// use downtime_cost::{Availability, Conventions, Fraction, SlaCredits, SlaTier};
/// use rust_decimal::Decimal;
///
/// let tier = |below: i64, credit: i64| -> Result<SlaTier, downtime_cost::Error> {
///     Ok(SlaTier::new(Availability::from_percent(Decimal::from(below))?, Fraction::from_percent(Decimal::from(credit))?))
/// };
/// let sla = SlaCredits::new(Decimal::from(10_000), &[tier(99, 10)?, tier(95, 50)?])?;
/// // A 365/12-day month is 2 628 000 s; 1 % of it is 26 280 s. Exactly that much: 99 %, no credit.
/// let c = Conventions::new();
/// assert_eq!(sla.credit_for_downtime(Decimal::from(26_280), &c)?, Decimal::ZERO);
/// // One second more: below 99 % → 10 % of 10 000.
/// assert_eq!(sla.credit_for_downtime(Decimal::from(26_281), &c)?, Decimal::from(1_000));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "SlaSpec"))]
#[serde(into = "SlaSpec")]
pub struct SlaCredits {
    spec: SlaSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct SlaSpec {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    #[serde(default)]
    direction: CreditDirection,
    #[serde(default)]
    period: BillingPeriod,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    fee_per_period: Decimal,
    tiers: Vec<SlaTier>,
    #[serde(default = "full")]
    cap: Fraction,
    #[serde(default)]
    measure: SlaMeasure,
}

const fn full() -> Fraction {
    Fraction::ONE
}

impl SlaCredits {
    /// Credits paid on `fee_per_period` (monthly by default) by `tiers`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a negative fee (`fee_per_period`), no tiers
    /// (`tiers`), thresholds not strictly descending (overlapping tiers) or
    /// credits that decrease as availability falls (`tiers[i]`).
    pub fn new(fee_per_period: Decimal, tiers: &[SlaTier]) -> Result<Self> {
        Self::try_from(SlaSpec {
            name: String::new(),
            direction: CreditDirection::Paid,
            period: BillingPeriod::Month,
            fee_per_period,
            tiers: tiers.to_vec(),
            cap: Fraction::ONE,
            measure: SlaMeasure::SeverityWeighted,
        })
    }

    /// Sets who pays.
    #[must_use]
    pub fn with_direction(mut self, direction: CreditDirection) -> Self {
        self.spec.direction = direction;
        self
    }

    /// Sets the billing period (the fee is per this period).
    #[must_use]
    pub fn with_period(mut self, period: BillingPeriod) -> Self {
        self.spec.period = period;
        self
    }

    /// Caps the credit at `cap` of the fee.
    #[must_use]
    pub fn with_cap(mut self, cap: Fraction) -> Self {
        self.spec.cap = cap;
        self
    }

    /// Sets which downtime counts.
    #[must_use]
    pub fn with_measure(mut self, measure: SlaMeasure) -> Self {
        self.spec.measure = measure;
        self
    }

    /// Sets the line item's name.
    #[must_use]
    pub fn with_named(mut self, name: &str) -> Self {
        name.clone_into(&mut self.spec.name);
        self
    }

    /// The line item's name (`"SLA credits"` unless set).
    #[must_use]
    pub fn name(&self) -> &str {
        if self.spec.name.is_empty() { "SLA credits" } else { &self.spec.name }
    }

    /// The billing period.
    #[must_use]
    pub fn period(&self) -> BillingPeriod {
        self.spec.period
    }

    /// Who pays.
    #[must_use]
    pub fn direction(&self) -> CreditDirection {
        self.spec.direction
    }

    /// The fee per billing period.
    pub(crate) fn fee(&self) -> Decimal {
        self.spec.fee_per_period
    }

    /// Whether the credit is received (an offset).
    pub(crate) fn is_received(&self) -> bool {
        self.spec.direction == CreditDirection::Received
    }

    /// Which downtime counts.
    pub(crate) fn downtime_measure(&self) -> SlaMeasure {
        self.spec.measure
    }

    /// The tier thresholds as downtime in hours over a period of
    /// `period_hours`, `uᵢ = (1 − belowᵢ) × period`, and the step in the
    /// capped credit share at each: `credit(T) = Σᵢ stepᵢ × 1[T > uᵢ]`.
    pub(crate) fn tier_steps(&self, period_hours: f64) -> (Vec<f64>, Vec<f64>) {
        let cap = self.spec.cap.to_f64_lossy();
        let mut previous = 0.0;
        let mut thresholds = Vec::with_capacity(self.spec.tiers.len());
        let mut steps = Vec::with_capacity(self.spec.tiers.len());
        for t in &self.spec.tiers {
            let level = t.credit.to_f64_lossy().min(cap);
            if level > previous {
                thresholds.push(crate::decimal::to_f64_lossy(t.below.unavailability()) * period_hours);
                steps.push(level - previous);
                previous = level;
            }
        }
        (thresholds, steps)
    }

    /// The SLA in f64 for the Monte Carlo kernel: the calendar's billing
    /// periods (a named year's real months), each assessed on its own length.
    ///
    /// # Errors
    ///
    /// As [`Calendar::billing_periods`].
    pub(crate) fn compile(&self, calendar: &Calendar) -> Result<super::kernel::SlaF> {
        let f = crate::decimal::to_f64_lossy;
        let slots = calendar.billing_periods(self.spec.period.period())?;
        let fee = f(self.spec.fee_per_period);
        let steps = slots
            .iter()
            .map(|slot| {
                let (thresholds, steps) = self.tier_steps(f(slot.assessed) / 3600.0);
                thresholds.iter().map(|u| u * 3600.0).zip(steps).collect()
            })
            .collect();
        let starts = slots.iter().map(|slot| f(slot.start)).collect();
        let days = calendar.year().is_some();
        Ok(super::kernel::SlaF::new(
            if self.is_received() { -fee } else { fee },
            starts,
            f(calendar.year_seconds()),
            days,
            steps,
            match self.spec.measure {
                SlaMeasure::FullDuration { min_severity } => Some(min_severity.to_f64_lossy()),
                _ => None,
            },
        ))
    }

    /// Downtime (seconds) that `outage` counts towards the period.
    #[must_use]
    pub fn counted_seconds(&self, outage: &Outage) -> Decimal {
        let d = secs(outage.duration());
        match self.spec.measure {
            // d ≤ 1.9e19 and severity ≤ 1: the product cannot overflow.
            SlaMeasure::SeverityWeighted => d.checked_mul(outage.severity().get()).unwrap_or(d),
            SlaMeasure::FullDuration { min_severity } => {
                if outage.severity() >= min_severity && !outage.severity().get().is_zero() {
                    d
                } else {
                    Decimal::ZERO
                }
            }
        }
    }

    /// The credit share (before the cap) for `down` seconds of a `period`-second
    /// period: the lowest tier with `1 − down/period < below`, tested exactly as
    /// `down > (1 − below) × period`.
    fn tier_credit(&self, down: Decimal, period: Decimal) -> Decimal {
        self.spec
            .tiers
            .iter()
            .filter(|t| t.below.unavailability().checked_mul(period).is_some_and(|allowed| down > allowed))
            .map(|t| t.credit.get())
            .next_back()
            .unwrap_or(Decimal::ZERO)
    }

    /// The signed line item for a period with `downtime_seconds` of counted
    /// downtime: `+credit` when paid, `−credit` when received.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for absurd fees.
    pub fn credit_for_downtime(
        &self,
        downtime_seconds: Decimal,
        conventions: &Conventions,
    ) -> Result<Decimal> {
        self.credit_on(downtime_seconds, conventions.seconds(self.spec.period.period())?)
    }

    /// The signed credit for `downtime_seconds` of counted downtime in a
    /// billing period of `period_seconds`.
    fn credit_on(&self, downtime_seconds: Decimal, period_seconds: Decimal) -> Result<Decimal> {
        let period = period_seconds;
        let share = self.tier_credit(downtime_seconds, period).min(self.spec.cap.get());
        let credit = mul(self.spec.fee_per_period, share, "SLA credits")?;
        Ok(match self.spec.direction {
            CreditDirection::Paid => credit,
            CreditDirection::Received => Decimal::ZERO.checked_sub(credit).unwrap_or(credit),
        })
    }

    /// The credit if `outage` were the only downtime of the billing
    /// periods it falls in.
    ///
    /// # Formula
    ///
    /// ```text
    /// no start (or a start in the week):  credit(counted, mean period)
    /// start in the year or at a date:     Σ_periods credit(counted × overlap / d, that period's length)
    /// ```
    ///
    /// With a start in the year the outage is placed on the calendar's
    /// billing periods (a named year's real months and quarters); an
    /// outage that crosses a period's end is split between the periods in
    /// proportion to its time in each, and each is assessed on its own
    /// share and its own length. The year repeats past its end.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for absurd fees; [`Error::Invalid`] (field
    /// `start`) for a date-time the calendar cannot place.
    pub fn cost(&self, outage: &Outage, calendar: &Calendar) -> Result<Decimal> {
        let counted = self.counted_seconds(outage);
        match calendar.year_offset(outage.start())? {
            None => self.credit_for_downtime(counted, calendar.conventions()),
            Some(start) => {
                let slots = calendar.billing_periods(self.spec.period.period())?;
                let mut down = vec![Decimal::ZERO; slots.len()];
                place(slots, calendar.year_seconds(), start, outage.duration(), counted, &mut down)?;
                self.credit_for_periods(slots, &down)
            }
        }
    }

    /// `Σ` the signed credit of each period on its own counted downtime
    /// (`down[k]` seconds in `slots[k]`).
    pub(crate) fn credit_for_periods(&self, slots: &[BillingSlot], down: &[Decimal]) -> Result<Decimal> {
        let mut total = Decimal::ZERO;
        // A period without downtime owes nothing (no tier allows less than 0 s).
        for (slot, d) in slots.iter().zip(down).filter(|(_, d)| !d.is_zero()) {
            total = add(total, self.credit_on(*d, slot.assessed)?, "SLA credits")?;
        }
        Ok(total)
    }
}

/// Adds the counted downtime (`counted` seconds in all) of an outage of
/// `duration` starting `start` after the year's first instant to the
/// periods it overlaps, in proportion to the overlap; the year repeats, so
/// whole years spread over every period by its length.
pub(crate) fn place(
    slots: &[BillingSlot],
    year: Decimal,
    start: std::time::Duration,
    duration: std::time::Duration,
    counted: Decimal,
    down: &mut [Decimal],
) -> Result<()> {
    let d = secs(duration);
    if counted.is_zero() || d.is_zero() || year <= Decimal::ZERO {
        return Ok(());
    }
    let op = "SLA downtime";
    let whole = if d < year { Decimal::ZERO } else { div(d, year, op)?.trunc() };
    if whole > Decimal::ZERO {
        for (slot, down) in slots.iter().zip(down.iter_mut()) {
            let piece = mul(whole, slot.length, op)?;
            *down = add(*down, mul_div(counted, piece, d, op)?, op)?;
        }
    }
    let mut left = if whole.is_zero() { d } else { sub(d, mul(whole, year, op)?, op)? };
    let t = secs(start);
    let mut at = if t < year { t } else { t.checked_rem(year).unwrap_or(Decimal::ZERO) };
    // At most one pass over the periods plus one wrap: each step ends a period.
    for _ in 0..slots.len().saturating_mul(2).saturating_add(2) {
        if left <= Decimal::ZERO {
            break;
        }
        if at >= year {
            at = sub(at, year, op)?;
        }
        let Some((k, slot)) = slots.iter().enumerate().rev().find(|(_, s)| s.start <= at) else {
            break;
        };
        let end = add(slot.start, slot.length, op)?;
        let piece = left.min(sub(end, at, op)?.max(Decimal::ZERO));
        if piece <= Decimal::ZERO {
            at = end;
            continue;
        }
        if let Some(p) = down.get_mut(k) {
            // The whole outage in one period (the common case) counts all of it.
            let share = if piece == d { counted } else { mul_div(counted, piece, d, op)? };
            *p = add(*p, share, op)?;
        }
        at = add(at, piece, op)?;
        left = sub(left, piece, op)?;
    }
    Ok(())
}

/// `fee_per_period`, `tiers[*].below` (an availability: its unavailability
/// is scaled), `tiers[*].credit`, `cap`, and for a full-duration measure
/// `measure.full_duration.min_severity`.
impl Parameters for SlaCredits {
    fn parameters(&self) -> Vec<Parameter> {
        let s = &self.spec;
        let mut out = vec![
            Parameter::amount("fee_per_period", s.fee_per_period),
            Parameter::list("tiers[*].below", ParameterKind::Availability),
            Parameter::list("tiers[*].credit", ParameterKind::Share),
            Parameter::share("cap", s.cap),
        ];
        if let SlaMeasure::FullDuration { min_severity } = s.measure {
            out.push(Parameter::share("measure.full_duration.min_severity", min_severity));
        }
        out
    }

    fn scaled_parameter(&self, name: &str, factor: Decimal, cap: bool) -> Result<Self> {
        use crate::parameter::{scale_amount, scale_availability, scale_share, unknown};
        let mut s = self.spec.clone();
        let tiers =
            |f: &dyn Fn(&SlaTier) -> Result<SlaTier>| s.tiers.iter().map(f).collect::<Result<Vec<_>>>();
        match (name, s.measure) {
            ("fee_per_period", _) => s.fee_per_period = scale_amount(s.fee_per_period, factor)?,
            ("tiers[*].below", _) => {
                s.tiers =
                    tiers(&|t| Ok(SlaTier { below: scale_availability(name, t.below, factor)?, ..*t }))?;
            }
            ("tiers[*].credit", _) => {
                s.tiers =
                    tiers(&|t| Ok(SlaTier { credit: scale_share(name, t.credit, factor, cap)?, ..*t }))?;
            }
            ("cap", _) => s.cap = scale_share(name, s.cap, factor, cap)?,
            ("measure.full_duration.min_severity", SlaMeasure::FullDuration { min_severity }) => {
                s.measure =
                    SlaMeasure::FullDuration { min_severity: scale_share(name, min_severity, factor, cap)? };
            }
            _ => return Err(unknown(name)),
        }
        SlaCredits::try_from(s)
    }
}

impl TryFrom<SlaSpec> for SlaCredits {
    type Error = Error;
    fn try_from(spec: SlaSpec) -> Result<Self> {
        non_negative("fee_per_period", spec.fee_per_period)?;
        if spec.tiers.is_empty() {
            return Err(Error::invalid("tiers", "[]", "must have at least one tier"));
        }
        crate::limits::at_most(
            "tiers",
            spec.tiers.len(),
            crate::limits::MAX_SLA_TIERS,
            "must list at most 100 tiers",
        )?;
        for (i, pair) in spec.tiers.windows(2).enumerate() {
            if let [a, b] = pair {
                let j = i.saturating_add(1);
                if b.below >= a.below {
                    return Err(Error::invalid(
                        format!("tiers[{j}].below"),
                        b.below,
                        "must be below the previous tier's threshold (tiers overlap or are out of order)",
                    ));
                }
                if b.credit < a.credit {
                    return Err(Error::invalid(
                        format!("tiers[{j}].credit"),
                        b.credit,
                        "must not be smaller than the previous tier's credit",
                    ));
                }
            }
        }
        Ok(SlaCredits { spec })
    }
}

impl From<SlaCredits> for SlaSpec {
    fn from(s: SlaCredits) -> Self {
        s.spec
    }
}

crate::json::deserialize_via!(SlaCredits, SlaSpec);
