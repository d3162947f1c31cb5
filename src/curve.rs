//! Monotone piecewise-linear curves of outage duration: churn probability,
//! share of sales recovered, custom penalties.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::time::Duration;

use crate::decimal::{Ratio, add, mul, sub};
use crate::duration;
use crate::error::{Error, Result};

/// One point of a [`Curve`]: the value at an outage duration.
///
/// In scenario files: `{"at": "1h", "value": "0.02"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CurvePoint {
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    at: Duration,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    value: Decimal,
}

impl CurvePoint {
    /// A point: the curve's `value` at outage duration `at`.
    #[must_use]
    pub const fn new(at: Duration, value: Decimal) -> Self {
        CurvePoint { at, value }
    }

    /// The outage duration.
    #[must_use]
    pub const fn at(&self) -> Duration {
        self.at
    }

    /// The curve's value there.
    #[must_use]
    pub const fn value(&self) -> Decimal {
        self.value
    }
}

/// Which way a curve must run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    NonDecreasing,
    NonIncreasing,
}

/// A monotone piecewise-linear function of outage duration.
///
/// Rules: the first point is at duration 0; durations never decrease; two
/// points may share a duration to make a jump (the curve takes the later
/// value from that duration on); values never decrease (or, for a share of
/// sales recovered, never increase); beyond the last point the curve stays
/// flat.
///
/// # Formula
///
/// ```text
/// c(d) = yₖ + (yₖ₊₁ − yₖ) × (d − tₖ) / (tₖ₊₁ − tₖ)   for tₖ ≤ d < tₖ₊₁
/// c(d) = y_last                                      for d ≥ t_last
/// ```
///
/// # Example
///
/// ```
/// use downtime_cost::{Curve, CurvePoint};
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let h = |n: u64| Duration::from_secs(n * 3600);
/// // A penalty of 0 up to 4 h, then 10 000 at once, rising to 50 000 at 24 h.
/// let c = Curve::non_decreasing(&[
///     CurvePoint::new(h(0), Decimal::ZERO),
///     CurvePoint::new(h(4), Decimal::ZERO),
///     CurvePoint::new(h(4), Decimal::from(10_000)),
///     CurvePoint::new(h(24), Decimal::from(50_000)),
/// ])?;
/// assert_eq!(c.at(h(2))?, Decimal::ZERO);
/// assert_eq!(c.at(h(4))?, Decimal::from(10_000));
/// assert_eq!(c.at(h(14))?, Decimal::from(30_000)); // halfway from 4 h to 24 h
/// assert_eq!(c.at(h(48))?, Decimal::from(50_000));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Curve {
    points: Vec<CurvePoint>,
    /// Point durations in nanoseconds, for fast search.
    #[serde(skip)]
    xs: Vec<u128>,
}

impl Curve {
    /// A non-decreasing curve with non-negative values.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] naming the point (`[2]`) that breaks a rule.
    pub fn non_decreasing(points: &[CurvePoint]) -> Result<Self> {
        Self::validated(points.to_vec(), Shape::NonDecreasing, None)
    }

    /// A non-increasing curve with values in [0, 1] (a share of sales
    /// recovered, falling with duration).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] naming the point (`[2]`) that breaks a rule.
    pub fn non_increasing(points: &[CurvePoint]) -> Result<Self> {
        Self::validated(points.to_vec(), Shape::NonIncreasing, Some(Decimal::ONE))
    }

    pub(crate) fn validated(points: Vec<CurvePoint>, shape: Shape, max: Option<Decimal>) -> Result<Self> {
        let Some(first) = points.first() else {
            return Err(Error::invalid("points", "[]", "must have at least one point"));
        };
        crate::limits::at_most(
            "points",
            points.len(),
            crate::limits::MAX_CURVE_POINTS,
            "must have at most 1000 points",
        )?;
        if !first.at.is_zero() {
            return Err(Error::invalid(
                "[0].at",
                duration::format(first.at),
                "must be 0 (the first point is at duration 0)",
            ));
        }
        for (i, p) in points.iter().enumerate() {
            if p.value.is_sign_negative() && !p.value.is_zero() {
                return Err(Error::invalid(format!("[{i}].value"), p.value, "must not be negative"));
            }
            if let Some(m) = max
                && p.value > m
            {
                return Err(Error::invalid(format!("[{i}].value"), p.value, "must be at most 1"));
            }
        }
        for (i, pair) in points.windows(3).enumerate() {
            if let [a, b, c] = pair
                && a.at == b.at
                && b.at == c.at
            {
                return Err(Error::invalid(
                    format!("[{}].at", i.saturating_add(2)),
                    duration::format(c.at),
                    "must not repeat a duration more than twice",
                ));
            }
        }
        for (i, pair) in points.windows(2).enumerate() {
            if let [a, b] = pair {
                let j = i.saturating_add(1);
                if b.at < a.at {
                    return Err(Error::invalid(
                        format!("[{j}].at"),
                        duration::format(b.at),
                        "must not be before the previous point",
                    ));
                }
                let ok = match shape {
                    Shape::NonDecreasing => b.value >= a.value,
                    Shape::NonIncreasing => b.value <= a.value,
                };
                if !ok {
                    let rule = match shape {
                        Shape::NonDecreasing => {
                            "must not be below the previous value (the curve is non-decreasing)"
                        }
                        Shape::NonIncreasing => {
                            "must not be above the previous value (the curve is non-increasing)"
                        }
                    };
                    return Err(Error::invalid(format!("[{j}].value"), b.value, rule));
                }
            }
        }
        let xs = points.iter().map(|p| p.at.as_nanos()).collect();
        Ok(Curve { points, xs })
    }

    /// The points.
    #[must_use]
    pub fn points(&self) -> &[CurvePoint] {
        &self.points
    }

    /// The value at duration `d`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] only when values near `Decimal::MAX` overflow
    /// during interpolation.
    pub fn at(&self, d: Duration) -> Result<Decimal> {
        self.at_ratio(d)?.value("curve")
    }

    /// The value at duration `d` as an exact ratio
    /// `(yₖ(tₖ₊₁ − tₖ) + (yₖ₊₁ − yₖ)(x − tₖ)) / (tₖ₊₁ − tₖ)`, so callers divide once.
    pub(crate) fn at_ratio(&self, d: Duration) -> Result<Ratio> {
        let x = d.as_nanos();
        // k = index of the last point with tₖ ≤ x (there is one: t₀ = 0 ≤ x).
        let k = self.xs.partition_point(|t| *t <= x).saturating_sub(1);
        let (Some(p), Some(&tk)) = (self.points.get(k), self.xs.get(k)) else {
            return Ok(Ratio::whole(Decimal::ZERO));
        };
        let (Some(next), Some(&tn)) =
            (self.points.get(k.saturating_add(1)), self.xs.get(k.saturating_add(1)))
        else {
            return Ok(Ratio::whole(p.value));
        };
        if next.value == p.value {
            return Ok(Ratio::whole(p.value));
        }
        // tn > x ≥ tk, so tn − tk > 0 (both in seconds, exact to the nanosecond).
        let span = duration::seconds_from_nanos(tn.saturating_sub(tk))?;
        let into = duration::seconds_from_nanos(x.saturating_sub(tk))?;
        let rise = mul(sub(next.value, p.value, "curve")?, into, "curve")?;
        Ok(Ratio { num: add(mul(p.value, span, "curve")?, rise, "curve")?, den: span })
    }
}

impl<'de> Deserialize<'de> for Curve {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let points = Vec::<CurvePoint>::deserialize(d)?;
        Curve::validated(points, Shape::NonDecreasing, None).map_err(crate::json::reject)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn h(n: u64) -> Duration {
        Duration::from_secs(n * 3600)
    }

    fn pts(v: &[(u64, Decimal)]) -> Vec<CurvePoint> {
        v.iter().map(|&(x, y)| CurvePoint::new(h(x), y)).collect()
    }

    #[test]
    fn interpolation_and_flat_tail() {
        let c = Curve::non_decreasing(&pts(&[(0, dec!(0)), (1, dec!(0.01)), (4, dec!(0.05))])).unwrap();
        // 30 min: 0 + 0.01 × 0.5 = 0.005. 2.5 h: 0.01 + 0.04 × 1.5/3 = 0.03.
        assert_eq!(c.at(Duration::from_secs(1800)).unwrap(), dec!(0.005));
        assert_eq!(c.at(Duration::from_secs(9000)).unwrap(), dec!(0.03));
        assert_eq!(c.at(h(4)).unwrap(), dec!(0.05));
        assert_eq!(c.at(h(400)).unwrap(), dec!(0.05));
        assert_eq!(c.at(Duration::ZERO).unwrap(), dec!(0));
    }

    #[test]
    fn jumps_are_right_continuous() {
        let c = Curve::non_decreasing(&pts(&[(0, dec!(0)), (2, dec!(0)), (2, dec!(100)), (3, dec!(100))]))
            .unwrap();
        assert_eq!(c.at(h(2).checked_sub(Duration::from_nanos(1)).unwrap()).unwrap(), dec!(0));
        assert_eq!(c.at(h(2)).unwrap(), dec!(100));
    }

    #[test]
    fn rejects_bad_curves() {
        use Shape::{NonDecreasing, NonIncreasing};
        let field = |v: Vec<CurvePoint>, shape, max| {
            Curve::validated(v, shape, max).unwrap_err().field().map(str::to_owned)
        };
        assert_eq!(field(vec![], NonDecreasing, None).as_deref(), Some("points"));
        assert_eq!(field(pts(&[(1, dec!(0))]), NonDecreasing, None).as_deref(), Some("[0].at"));
        assert_eq!(
            field(pts(&[(0, dec!(1)), (1, dec!(0.5))]), NonDecreasing, None).as_deref(),
            Some("[1].value")
        );
        assert_eq!(
            field(pts(&[(0, dec!(0)), (2, dec!(1)), (1, dec!(2))]), NonDecreasing, None).as_deref(),
            Some("[2].at")
        );
        assert_eq!(
            field(pts(&[(0, dec!(0)), (1, dec!(1)), (1, dec!(2)), (1, dec!(3))]), NonDecreasing, None)
                .as_deref(),
            Some("[3].at")
        );
        assert_eq!(field(pts(&[(0, dec!(-1))]), NonDecreasing, None).as_deref(), Some("[0].value"));
        assert_eq!(
            field(pts(&[(0, dec!(0)), (1, dec!(1.5))]), NonDecreasing, Some(dec!(1))).as_deref(),
            Some("[1].value")
        );
        assert_eq!(
            field(pts(&[(0, dec!(0.5)), (1, dec!(0.6))]), NonIncreasing, None).as_deref(),
            Some("[1].value")
        );
        assert!(
            Curve::validated(pts(&[(0, dec!(0.8)), (4, dec!(0.2))]), NonIncreasing, Some(dec!(1))).is_ok()
        );
    }
}
