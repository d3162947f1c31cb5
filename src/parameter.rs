//! Named numeric parameters of the model, and the [`Parameters`] trait
//! through which a sensitivity analysis lists and scales them.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt;
use std::time::Duration;

use crate::availability::Availability;
use crate::curve::CurvePoint;
use crate::decimal::{decimal_from_f64, mul, sub};
use crate::error::{Error, Result};
use crate::fraction::Fraction;

/// What a [`Parameter`] holds, which says how it is scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParameterKind {
    /// A decimal amount (money, a headcount): `v × f`.
    Amount,
    /// A share in [0, 1]: `v × f`, capped at 1 on request when it was in [0, 1].
    Share,
    /// A duration: `d × f`, to the millisecond.
    Duration,
    /// A whole number: `n × f` rounded half away from zero.
    Count,
    /// A real (`f64`) distribution parameter: `v × f`.
    Real,
    /// An availability (a percent): its unavailability is scaled, `100 − (100 − p) × f`.
    Availability,
}

/// One named numeric input of a model value.
///
/// Its name is its path relative to the value that lists it, as in a
/// scenario file (`revenue_per_year`, `data_loss.window`); a field of a
/// list, swung jointly across the list, is written with `[*]`
/// (`churn[*].value`, `empirical[*]`). Its value is shown as a report shows
/// it: a number as written (`"8760000"`, `"0.75"`, `"2.5"`), a duration as
/// `"6h"`, and a list as the factor it is at (`"x1"`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Parameter {
    name: String,
    value: String,
    kind: ParameterKind,
    list: bool,
}

impl Parameter {
    /// A single value named `name`, shown as `value`.
    pub(crate) fn new(name: &str, value: impl fmt::Display, kind: ParameterKind) -> Self {
        Parameter { name: name.to_owned(), value: value.to_string(), kind, list: false }
    }

    /// A decimal amount.
    pub(crate) fn amount(name: &str, value: Decimal) -> Self {
        Self::new(name, value, ParameterKind::Amount)
    }

    /// A share.
    pub(crate) fn share(name: &str, value: Fraction) -> Self {
        Self::new(name, value, ParameterKind::Share)
    }

    /// A duration.
    pub(crate) fn duration(name: &str, value: Duration) -> Self {
        Self::new(name, crate::duration::format(value), ParameterKind::Duration)
    }

    /// A real (`f64`) parameter.
    pub(crate) fn real(name: &str, value: f64) -> Self {
        Self::new(name, show_real(value), ParameterKind::Real)
    }

    /// A field swung jointly across a list (`name` ends in `[*]` or `[*].field`).
    pub(crate) fn list(name: &str, kind: ParameterKind) -> Self {
        Parameter { name: name.to_owned(), value: "x1".to_owned(), kind, list: true }
    }

    /// The same parameter named within `parent` (`revenue_per_year` within
    /// `lost_sales` is `lost_sales.revenue_per_year`).
    #[must_use]
    pub(crate) fn within(mut self, parent: &str) -> Self {
        self.name = crate::error::join_path(parent, &self.name);
        self
    }

    /// The path relative to the value that lists it (`churn[*].value`).
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value as shown: a number as written, a duration as `"6h"`, a
    /// list as `"x1"`.
    #[must_use]
    pub fn value(&self) -> &str {
        &self.value
    }

    /// What the parameter holds, which says how it is scaled.
    #[must_use]
    pub const fn kind(&self) -> ParameterKind {
        self.kind
    }

    /// Whether the parameter is a field of a list, swung jointly across it.
    #[must_use]
    pub const fn is_list(&self) -> bool {
        self.list
    }
}

/// A value with named numeric parameters that can be scaled one at a time.
///
/// Implemented by the built-in cost drivers ([`crate::Driver`] and each
/// driver type), outages, the outage process and its distributions,
/// incident histories and the outage assumptions. The [`crate::Tornado`]
/// swings these parameters.
///
/// Each lists its numeric inputs as [`Parameter`]s, named by their path
/// relative to the value (`revenue_per_year`, `churn[*].value`,
/// `tiers[*].below`, `duration.lognormal.mu`) — the path of the field in a
/// scenario file — and gives back a copy with one of them multiplied by a
/// factor, validated again by the type's own constructors.
///
/// # How a parameter is scaled
///
/// ```text
/// amount, share, real     v × f                         (a share may be capped at 1, see below)
/// duration                d × f                         to the millisecond
/// count                   round(n × f)                  half away from zero
/// availability            100 − (100 − p) × f           its unavailability is scaled (p in percent)
/// list (`[*]`)            every element × f             swung jointly, so curves keep their order
/// ```
///
/// Products are exact `Decimal` arithmetic (a real `f64` parameter goes
/// through its shortest decimal form). With `cap`, a share that was in
/// [0, 1] and would pass 1 is set to 1. A value that breaks a rule of its
/// type (a share above 1, a zero Weibull shape) is an [`Error::Invalid`]
/// naming the parameter.
///
/// # Example
///
/// ```
/// use downtime_cost::{Fraction, LostSales, Parameters};
/// use rust_decimal::Decimal;
///
/// let sales = LostSales::new(Decimal::from(8_760_000), Fraction::new(Decimal::new(8, 1))?)?;
/// let names: Vec<String> = sales.parameters().iter().map(|p| p.name().to_owned()).collect();
/// assert_eq!(names, ["revenue_per_year", "share_at_risk", "recovered"]);
/// // 0.8 × 1.25 = 1: still a share.
/// let up = sales.scaled_parameter("share_at_risk", Decimal::new(125, 2), false)?;
/// assert_eq!(up.parameters()[1].value(), "1");
/// // 0.8 × 1.5 = 1.2 is not, unless capped at 1.
/// assert!(sales.scaled_parameter("share_at_risk", Decimal::new(15, 1), false).is_err());
/// let capped = sales.scaled_parameter("share_at_risk", Decimal::new(15, 1), true)?;
/// assert_eq!(capped.parameters()[1].value(), "1");
/// # Ok::<(), downtime_cost::Error>(())
/// ```
pub trait Parameters: Sized {
    /// The parameters, each named by its path relative to `self`.
    fn parameters(&self) -> Vec<Parameter>;

    /// A copy with parameter `name` (as listed by [`Parameters::parameters`])
    /// multiplied by `factor`, validated again; with `cap`, a share that was
    /// in [0, 1] and would pass 1 is set to 1.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] naming the parameter when the scaled value breaks
    /// a rule of the type, or when `name` is not one of its parameters;
    /// [`Error::Overflow`] when the product overflows.
    fn scaled_parameter(&self, name: &str, factor: Decimal, cap: bool) -> Result<Self>;
}

/// The parameters of `part`, named within `parent` (`frequency.poisson.per_year`).
pub(crate) fn parameters_within<T: Parameters>(part: &T, parent: &str) -> impl Iterator<Item = Parameter> {
    part.parameters().into_iter().map(move |p| p.within(parent))
}

/// `part` with parameter `name` scaled, when `name` lies within `parent`
/// (`frequency.poisson.per_year` within `frequency`); errors are named
/// within `parent`. `None` when `name` is not within `parent`.
pub(crate) fn scaled_within<T: Parameters>(
    part: &T,
    parent: &str,
    name: &str,
    factor: Decimal,
    cap: bool,
) -> Option<Result<T>> {
    let rest = name.strip_prefix(parent)?.strip_prefix('.')?;
    Some(part.scaled_parameter(rest, factor, cap).map_err(|e| e.within(parent)))
}

/// The error for a name that is not a parameter of the value.
pub(crate) fn unknown(name: &str) -> Error {
    Error::invalid(name, format!("\"{name}\""), "must be a parameter listed by `parameters()`")
}

/// `e` with its field renamed to `field` (a constructor's generic name, such
/// as `fraction`, replaced by the parameter's).
fn renamed(e: Error, field: &str) -> Error {
    match e {
        Error::Invalid { value, rule, location, .. } => {
            Error::Invalid { field: field.to_owned(), value, rule, location }
        }
        other => other,
    }
}

/// `e`, raised by a distribution's constructor while scaling parameter
/// `name`, named within the parameter's first segment (`sigma` →
/// `lognormal.sigma`) unless it is already.
pub(crate) fn within_family(e: Error, name: &str) -> Error {
    let family = name.split(['.', '[']).next().unwrap_or(name);
    if e.field().is_some_and(|f| f.starts_with(family)) { e } else { e.within(family) }
}

/// `v × factor`, set to 1 when `cap` and `v` was in [0, 1] but the product is above 1.
fn times(v: Decimal, factor: Decimal, cap: bool) -> Result<Decimal> {
    let x = mul(v, factor, "sensitivity")?;
    let was_share = v >= Decimal::ZERO && v <= Decimal::ONE;
    Ok(if cap && was_share && x > Decimal::ONE { Decimal::ONE } else { x.normalize() })
}

/// An amount × `factor`.
pub(crate) fn scale_amount(v: Decimal, factor: Decimal) -> Result<Decimal> {
    times(v, factor, false)
}

/// A share × `factor` (capped at 1 with `cap`); an error naming `field` above 1.
pub(crate) fn scale_share(field: &str, v: Fraction, factor: Decimal, cap: bool) -> Result<Fraction> {
    Fraction::new(times(v.get(), factor, cap)?).map_err(|e| renamed(e, field))
}

/// A duration × `factor`, to the millisecond.
pub(crate) fn scale_duration(field: &str, d: Duration, factor: Decimal) -> Result<Duration> {
    let secs = mul(crate::duration::seconds(d), factor, "sensitivity")?;
    crate::duration::from_seconds(secs.round_dp(3)).map_err(|e| renamed(e, field))
}

/// A real × `factor`, through its shortest decimal form.
pub(crate) fn scale_real(field: &str, v: f64, factor: Decimal) -> Result<f64> {
    let d = decimal_from_f64(v).ok_or_else(|| Error::invalid(field, v, "must be a finite number"))?;
    let x = mul(d, factor, "sensitivity")?;
    x.to_f64().ok_or_else(|| Error::invalid(field, x, "must be a finite number"))
}

/// A count × `factor`, rounded half away from zero.
pub(crate) fn scale_count(field: &str, n: u32, factor: Decimal) -> Result<u32> {
    let x = mul(Decimal::from(n), factor, "sensitivity")?
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    x.to_u32().ok_or_else(|| Error::invalid(field, x, "must be a whole number up to 4294967295"))
}

/// An availability with its unavailability × `factor`: `100 − (100 − p) × factor`.
pub(crate) fn scale_availability(field: &str, a: Availability, factor: Decimal) -> Result<Availability> {
    let gap = mul(sub(Decimal::ONE_HUNDRED, a.percent(), "sensitivity")?, factor, "sensitivity")?;
    Availability::from_percent(sub(Decimal::ONE_HUNDRED, gap, "sensitivity")?.normalize())
        .map_err(|e| renamed(e, field))
}

/// The parameters of a curve's points, `field[*].at` and `field[*].value`
/// (the values of kind `values`).
pub(crate) fn curve_parameters(field: &str, values: ParameterKind) -> [Parameter; 2] {
    [
        Parameter::list(&format!("{field}[*].at"), ParameterKind::Duration),
        Parameter::list(&format!("{field}[*].value"), values),
    ]
}

/// The points of curve `field` with the points' field `name` (`field[*].at`
/// or `field[*].value`) scaled; `None` when `name` is not a field of that curve.
pub(crate) fn scaled_points(
    field: &str,
    points: &[CurvePoint],
    name: &str,
    factor: Decimal,
    cap: bool,
) -> Option<Result<Vec<CurvePoint>>> {
    let rest = name.strip_prefix(field)?.strip_prefix("[*].")?;
    let point = |p: &CurvePoint| -> Result<CurvePoint> {
        Ok(match rest {
            "at" => CurvePoint::new(scale_duration(name, p.at(), factor)?, p.value()),
            _ => CurvePoint::new(p.at(), times(p.value(), factor, cap)?),
        })
    };
    matches!(rest, "at" | "value").then(|| points.iter().map(point).collect())
}

/// An `f64` as a scenario file writes it (as `serde_json` does): the
/// shortest form that reads back, with `.0` on whole numbers, in plain
/// notation from 1e-5 to below 1e16 (`"6.0"`, `"0.75"`, `"0.00005"`) and
/// in exponent notation outside (`"1e+16"`, `"2.5e-6"`).
pub(crate) fn show_real(v: f64) -> String {
    // Debug writes the shortest form, in exponent notation below 1e-4.
    if v != 0.0 && (1e-5..1e-4).contains(&v.abs()) {
        return format!("{v}");
    }
    let shown = format!("{v:?}");
    match shown.split_once('e') {
        Some((mantissa, exponent)) if !exponent.starts_with('-') => format!("{mantissa}e+{exponent}"),
        _ => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn reals_are_shown_as_json_writes_them() {
        for v in
            [0.0, 6.0, 0.75, 1.1, -0.5, 0.00005, 0.000_012_5, 1e-7, 2.5e-6, 1e15, 1e16, 1.5e17, 123_456.789]
        {
            let json = serde_json::Number::from_f64(v).unwrap().to_string();
            assert_eq!(show_real(v), json, "{v}");
        }
    }

    #[test]
    fn shares_are_capped_only_when_asked_and_only_from_within_zero_one() {
        let f = Fraction::new(dec!(0.9)).unwrap();
        // 0.9 × 1.25 = 1.125: not a share, unless capped.
        let e = scale_share("share_at_risk", f, dec!(1.25), false).unwrap_err();
        assert_eq!(e.field(), Some("share_at_risk"));
        assert_eq!(scale_share("share_at_risk", f, dec!(1.25), true).unwrap(), Fraction::ONE);
        // 0.9 × 0.75 = 0.675.
        assert_eq!(scale_share("x", f, dec!(0.75), true).unwrap().get(), dec!(0.675));
        // An amount is never capped.
        assert_eq!(scale_amount(dec!(0.9), dec!(1.25)).unwrap(), dec!(1.125));
    }

    #[test]
    #[expect(clippy::float_cmp, reason = "1.375 is exact in binary")]
    fn durations_counts_reals_and_availabilities_by_hand() {
        // 6 h × 0.75 = 4.5 h = 4h30m.
        let d = scale_duration("wrap_up", Duration::from_secs(6 * 3600), dec!(0.75)).unwrap();
        assert_eq!(crate::duration::format(d), "4h30m");
        // 2 × 1.25 = 2.5 → 3 (half away from zero); 12 × 0.75 = 9.
        assert_eq!(scale_count("per_year", 2, dec!(1.25)).unwrap(), 3);
        assert_eq!(scale_count("per_year", 12, dec!(0.75)).unwrap(), 9);
        // 1.1 × 1.25 = 1.375 exactly, through the decimal 1.1.
        assert_eq!(scale_real("sigma", 1.1, dec!(1.25)).unwrap(), 1.375);
        // 99.9 %: unavailability 0.1 × 1.25 = 0.125 → 99.875 %.
        let a = Availability::from_percent(dec!(99.9)).unwrap();
        assert_eq!(scale_availability("below", a, dec!(1.25)).unwrap().percent(), dec!(99.875));
        // × 1001 would be below 0 %: an error naming the field.
        let e = scale_availability("tiers[*].below", a, dec!(1001)).unwrap_err();
        assert_eq!(e.field(), Some("tiers[*].below"));
    }

    /// The names and shown values of `v`'s parameters.
    fn listed<T: Parameters>(v: &T) -> Vec<(String, String)> {
        v.parameters().iter().map(|p| (p.name().to_owned(), p.value().to_owned())).collect()
    }

    /// The shown value of `v`'s parameter `name`.
    fn value_of<T: Parameters>(v: &T, name: &str) -> String {
        v.parameters().into_iter().find(|p| p.name() == name).unwrap().value().to_owned()
    }

    #[test]
    fn a_share_scales_by_hand_and_is_capped_on_request() {
        use crate::cost::LostSales;
        let sales = LostSales::new(dec!(8760000), Fraction::new(dec!(0.6)).unwrap()).unwrap();
        assert_eq!(
            listed(&sales),
            [
                ("revenue_per_year".to_owned(), "8760000".to_owned()),
                ("share_at_risk".to_owned(), "0.6".to_owned()),
                ("recovered".to_owned(), "0".to_owned()),
            ]
        );
        // 0.6 × 1.25 = 0.75; 0.6 × 0.75 = 0.45.
        let up = sales.scaled_parameter("share_at_risk", dec!(1.25), false).unwrap();
        assert_eq!(value_of(&up, "share_at_risk"), "0.75");
        let down = sales.scaled_parameter("share_at_risk", dec!(0.75), false).unwrap();
        assert_eq!(value_of(&down, "share_at_risk"), "0.45");
        // 0.6 × 2 = 1.2 is not a share: an error naming the parameter, unless capped at 1.
        let e = sales.scaled_parameter("share_at_risk", dec!(2), false).unwrap_err();
        assert_eq!(e.field(), Some("share_at_risk"), "{e}");
        let capped = sales.scaled_parameter("share_at_risk", dec!(2), true).unwrap();
        assert_eq!(value_of(&capped, "share_at_risk"), "1");
        // The revenue is untouched: 8 760 000 × 0.75 = 6 570 000 only when it is the one scaled.
        assert_eq!(value_of(&down, "revenue_per_year"), "8760000");
        let revenue = sales.scaled_parameter("revenue_per_year", dec!(0.75), false).unwrap();
        assert_eq!(value_of(&revenue, "revenue_per_year"), "6570000");
        // A name that is not a parameter.
        let e = sales.scaled_parameter("basis.gross_margin", dec!(1), false).unwrap_err();
        assert_eq!(e.field(), Some("basis.gross_margin"));
    }

    #[test]
    fn a_duration_scales_by_hand() {
        use crate::cost::{Driver, Response};
        let response: Driver =
            Response::new(dec!(3), dec!(100)).unwrap().with_wrap_up(Duration::from_secs(6 * 3600)).into();
        let wrap_up = "response.wrap_up";
        assert_eq!(value_of(&response, wrap_up), "6h");
        // 6 h × 0.75 = 4.5 h = 4h30m; 6 h × 1.25 = 7.5 h = 7h30m.
        assert_eq!(
            value_of(&response.scaled_parameter(wrap_up, dec!(0.75), false).unwrap(), wrap_up),
            "4h30m"
        );
        assert_eq!(
            value_of(&response.scaled_parameter(wrap_up, dec!(1.25), false).unwrap(), wrap_up),
            "7h30m"
        );
        // To the millisecond: 21 600 s × 0.00001 = 0.216 s.
        let tiny = response.scaled_parameter(wrap_up, dec!(0.00001), false).unwrap();
        assert_eq!(value_of(&tiny, wrap_up), "0.216s");
    }

    #[test]
    fn a_curve_list_scales_jointly_by_hand() {
        use crate::cost::BrandImpact;
        let h = |n: u64| Duration::from_secs(n * 3600);
        let churn = [
            CurvePoint::new(h(0), dec!(0)),
            CurvePoint::new(h(1), dec!(0.0002)),
            CurvePoint::new(h(4), dec!(0.8)),
        ];
        let brand = BrandImpact::new(dec!(800), &churn, dec!(225000)).unwrap();
        let names: Vec<String> = listed(&brand).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["customers", "churn[*].at", "churn[*].value", "lifetime_value"]);
        assert!(brand.parameters()[1].is_list() && brand.parameters()[1].value() == "x1");
        // Every value × 1.25: 0, 0.00025, 1 (0.8 × 1.25 = 1 exactly, still a share).
        let up = brand.scaled_parameter("churn[*].value", dec!(1.25), false).unwrap();
        let expected = [
            CurvePoint::new(h(0), dec!(0)),
            CurvePoint::new(h(1), dec!(0.00025)),
            CurvePoint::new(h(4), dec!(1)),
        ];
        assert_eq!(up, BrandImpact::new(dec!(800), &expected, dec!(225000)).unwrap());
        // × 1.5 would take 0.8 to 1.2: capped at 1 on request, the others × 1.5 (0.0003).
        assert!(brand.scaled_parameter("churn[*].value", dec!(1.5), false).is_err());
        let capped = brand.scaled_parameter("churn[*].value", dec!(1.5), true).unwrap();
        let expected = [
            CurvePoint::new(h(0), dec!(0)),
            CurvePoint::new(h(1), dec!(0.0003)),
            CurvePoint::new(h(4), dec!(1)),
        ];
        assert_eq!(capped, BrandImpact::new(dec!(800), &expected, dec!(225000)).unwrap());
        // Every point's duration × 0.75: 0, 45m, 3h.
        let sooner = brand.scaled_parameter("churn[*].at", dec!(0.75), false).unwrap();
        let expected = [
            CurvePoint::new(h(0), dec!(0)),
            CurvePoint::new(Duration::from_secs(2700), dec!(0.0002)),
            CurvePoint::new(h(3), dec!(0.8)),
        ];
        assert_eq!(sooner, BrandImpact::new(dec!(800), &expected, dec!(225000)).unwrap());
    }

    #[test]
    fn an_sla_threshold_scales_on_its_unavailability_by_hand() {
        use crate::cost::{SlaCredits, SlaTier};
        // Credits of 10 %, 25 % and 100 % below three thresholds (percent).
        let sla_below = |a: Decimal, b: Decimal, c: Decimal| {
            let tier = |below: Decimal, credit: Decimal| {
                SlaTier::new(Availability::from_percent(below).unwrap(), Fraction::new(credit).unwrap())
            };
            SlaCredits::new(dec!(1200000), &[tier(a, dec!(0.1)), tier(b, dec!(0.25)), tier(c, dec!(1))])
                .unwrap()
        };
        let sla = sla_below(dec!(99.9), dec!(99), dec!(95));
        // Unavailabilities 0.1, 1 and 5 × 1.25 = 0.125, 1.25 and 6.25: 99.875, 98.75 and 93.75.
        let up = sla.scaled_parameter("tiers[*].below", dec!(1.25), false).unwrap();
        assert_eq!(up, sla_below(dec!(99.875), dec!(98.75), dec!(93.75)));
        // × 0.75: 0.075, 0.75 and 3.75 → 99.925, 99.25 and 96.25.
        let down = sla.scaled_parameter("tiers[*].below", dec!(0.75), false).unwrap();
        assert_eq!(down, sla_below(dec!(99.925), dec!(99.25), dec!(96.25)));
        // × 21 would put the last threshold at 100 − 5 × 21 = −5 %: an error naming the parameter.
        let e = sla.scaled_parameter("tiers[*].below", dec!(21), false).unwrap_err();
        assert_eq!(e.field(), Some("tiers[*].below"), "{e}");
    }
}
