//! Distributions of outage durations.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::Duration;

use crate::decimal::decimal_from_f64;
use crate::duration;
use crate::error::{Error, Result};
use crate::fraction::Fraction;
use crate::numerics;
use crate::parameter::{Parameter, ParameterKind, Parameters};

/// Seconds per hour: distributions work in hours internally.
const HOUR: f64 = 3600.0;

pub(crate) fn hours(d: Duration) -> f64 {
    d.as_secs_f64() / HOUR
}

/// `h` hours as a `Duration` (saturating at the limits, 0 for NaN).
pub(crate) fn from_hours(h: f64) -> Duration {
    if h.is_nan() || h <= 0.0 {
        Duration::ZERO
    } else {
        Duration::try_from_secs_f64(h * HOUR).unwrap_or(Duration::MAX)
    }
}

/// A quantile given when eliciting a distribution: "`p` of outages last at
/// most `at`".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuantilePoint {
    p: Fraction,
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    at: Duration,
}

impl QuantilePoint {
    /// "`p` of outages last at most `at`" (`p` is checked to lie in (0, 1)
    /// when the distribution is built).
    #[must_use]
    pub const fn new(p: Fraction, at: Duration) -> Self {
        QuantilePoint { p, at }
    }

    /// The probability.
    #[must_use]
    pub const fn p(&self) -> Fraction {
        self.p
    }

    /// The duration at that probability.
    #[must_use]
    pub const fn at(&self) -> Duration {
        self.at
    }
}

/// How a duration distribution is written in scenario files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Spec {
    Fixed(
        #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
        #[serde(with = "crate::duration::wire")]
        Duration,
    ),
    Exponential {
        #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
        #[serde(with = "crate::duration::wire")]
        mean: Duration,
    },
    Lognormal(LognormalSpec),
    Weibull {
        shape: f64,
        #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
        #[serde(with = "crate::duration::wire")]
        scale: Duration,
    },
    Gamma {
        shape: f64,
        #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
        #[serde(with = "crate::duration::wire")]
        scale: Duration,
    },
    Empirical(Vec<DurationText>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged, deny_unknown_fields)]
enum LognormalSpec {
    /// μ and σ of ln(duration in hours).
    Params { mu: f64, sigma: f64 },
    /// Two quantiles.
    Quantiles { quantiles: [QuantilePoint; 2] },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(inline))]
#[serde(transparent)]
struct DurationText(
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    Duration,
);

/// The validated distribution, parameters in hours.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Fixed(f64),
    Exponential {
        mean: f64,
    },
    LogNormal {
        mu: f64,
        sigma: f64,
    },
    Weibull {
        shape: f64,
        scale: f64,
    },
    Gamma {
        shape: f64,
        scale: f64,
    },
    /// Sorted ascending, at least one value.
    Empirical(Vec<f64>),
}

/// The distribution of outage durations.
///
/// Fixed, exponential, lognormal (from μ and σ of ln(hours), or from any two
/// quantiles such as a 90 % interval or a median and a p90), Weibull, gamma
/// or empirical (the past durations, each equally likely). Each exposes its
/// mean, CDF, quantile and partial expectations `E[D; a ≤ D < b]`, the
/// building blocks of exact expected costs.
///
/// In scenario files: `{"fixed": "2h"}`, `{"exponential": {"mean": "2h"}}`,
/// `{"lognormal": {"mu": 0.2, "sigma": 1.1}}` (of ln hours),
/// `{"lognormal": {"quantiles": [{"p": "5%", "at": "10m"}, {"p": "95%", "at": "8h"}]}}`,
/// `{"weibull": {"shape": 0.8, "scale": "2h"}}`, `{"gamma": {"shape": 1.5, "scale": "1h"}}`,
/// `{"empirical": ["30m", "2h", "45m"]}`.
///
/// # Example
///
/// ```
/// use downtime_cost::DurationDistribution;
/// use std::time::Duration;
///
/// let h = |x: f64| Duration::from_secs_f64(x * 3600.0);
/// // Median 1 h, 90th percentile 6 h.
/// let d = DurationDistribution::lognormal_from_quantiles((0.5, h(1.0)), (0.9, h(6.0)))?;
/// assert!((d.cdf(h(6.0)) - 0.9).abs() < 1e-12);
/// // mean = e^{μ + σ²/2} with μ = 0 and σ = ln 6 / z₀.₉ = 1.3981…: about 2.66 h.
/// assert!((d.mean().as_secs_f64() / 3600.0 - 2.6565).abs() < 1e-3);
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "Spec"))]
#[serde(into = "Spec")]
pub struct DurationDistribution {
    spec: Spec,
    kind: Kind,
}

fn positive(field: &'static str, v: f64) -> Result<f64> {
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(Error::invalid(field, v, "must be a finite number above 0"))
    }
}

fn positive_duration(field: &'static str, d: Duration) -> Result<f64> {
    if d.is_zero() {
        Err(Error::invalid(field, duration::format(d), "must be above 0"))
    } else {
        Ok(hours(d))
    }
}

impl TryFrom<Spec> for DurationDistribution {
    type Error = Error;

    fn try_from(spec: Spec) -> Result<Self> {
        let d = Self::from_spec(spec)?;
        d.check_mean()?;
        Ok(d)
    }
}

impl DurationDistribution {
    /// The distribution `spec` describes, its parameters validated, without the
    /// limit on the mean ([`MAX_MEAN_DURATION_HOURS`]): that limit guards what a
    /// user writes, not what a study derives from it.
    fn from_spec(spec: Spec) -> Result<Self> {
        let kind = match &spec {
            Spec::Fixed(d) => Kind::Fixed(hours(*d)),
            Spec::Exponential { mean } => Kind::Exponential { mean: positive_duration("mean", *mean)? },
            Spec::Lognormal(LognormalSpec::Params { mu, sigma }) => {
                if !mu.is_finite() {
                    return Err(Error::invalid("mu", mu, "must be finite"));
                }
                Kind::LogNormal { mu: *mu, sigma: positive("sigma", *sigma)? }
            }
            Spec::Lognormal(LognormalSpec::Quantiles { quantiles: [a, b] }) => {
                let (mu, sigma) = lognormal_from_quantiles(*a, *b)?;
                Kind::LogNormal { mu, sigma }
            }
            Spec::Weibull { shape, scale } => Kind::Weibull {
                shape: positive("shape", *shape)?,
                scale: positive_duration("scale", *scale)?,
            },
            Spec::Gamma { shape, scale } => {
                Kind::Gamma { shape: positive("shape", *shape)?, scale: positive_duration("scale", *scale)? }
            }
            Spec::Empirical(values) => {
                if values.is_empty() {
                    return Err(Error::invalid("empirical", "[]", "must list at least one duration"));
                }
                crate::limits::at_most(
                    "empirical",
                    values.len(),
                    crate::limits::MAX_EMPIRICAL_DURATIONS,
                    "must list at most 100000 durations",
                )?;
                let mut v: Vec<f64> = values.iter().map(|d| hours(d.0)).collect();
                v.sort_by(f64::total_cmp);
                Kind::Empirical(v)
            }
        };
        Ok(DurationDistribution { spec, kind })
    }
}

impl DurationDistribution {
    /// The empirical distribution of `durations`, derived by a computation
    /// (not written by a user): validated as any empirical distribution
    /// except for the limit on the mean.
    pub(crate) fn derived_empirical(durations: Vec<Duration>) -> Result<Self> {
        Self::from_spec(Spec::Empirical(durations.into_iter().map(DurationText).collect()))
    }
}

/// A duration distribution a study derived (a target row's, under faster
/// recovery), read without the limit on the mean: a rare process at a low
/// target may be allowed outages longer than a year on average, and its
/// report must read back as written.
pub(crate) struct Derived(pub(crate) DurationDistribution);

impl<'de> Deserialize<'de> for Derived {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let spec = Spec::deserialize(d)?;
        DurationDistribution::from_spec(spec).map(Derived).map_err(crate::json::reject)
    }
}

/// The longest mean outage duration a distribution may have: one 365-day
/// year (8 760 h). A longer mean is not an outage but a lost service, and
/// usually a slip of units (a lognormal μ in ln seconds, not ln hours).
pub const MAX_MEAN_DURATION_HOURS: f64 = 8_760.0;

impl DurationDistribution {
    /// Rejects a distribution whose mean is not finite or above
    /// [`MAX_MEAN_DURATION_HOURS`], naming the parameter that drives it.
    ///
    /// A fixed duration is exempt: it has no tail, [`DurationDistribution::fixed`]
    /// takes any `Duration`, and what is built must read back.
    fn check_mean(&self) -> Result<()> {
        let mean = self.mean_hours();
        if matches!(self.kind, Kind::Fixed(_)) || (mean.is_finite() && mean <= MAX_MEAN_DURATION_HOURS) {
            return Ok(());
        }
        let shown = if mean.is_finite() { format!("{mean:.3e} h") } else { "infinite".to_owned() };
        let (field, value) = match &self.kind {
            Kind::Fixed(h) => ("fixed", format!("{h} h")),
            Kind::Exponential { mean } => ("exponential.mean", format!("{mean} h")),
            Kind::LogNormal { mu, sigma } => match self.spec {
                Spec::Lognormal(LognormalSpec::Quantiles { .. }) => {
                    ("lognormal.quantiles", format!("μ = {mu:.4}, σ = {sigma:.4} (mean {shown})"))
                }
                _ if *sigma > 3.0 => ("lognormal.sigma", format!("{sigma} (with mu {mu}: mean {shown})")),
                _ => ("lognormal.mu", format!("{mu} (with sigma {sigma}: mean {shown})")),
            },
            Kind::Weibull { shape, scale } => {
                ("weibull.shape", format!("{shape} (with scale {scale} h: mean {shown})"))
            }
            Kind::Gamma { shape, scale } => {
                ("gamma.scale", format!("{scale} h (with shape {shape}: mean {shown})"))
            }
            Kind::Empirical(_) => ("empirical", format!("mean {shown}")),
        };
        let rule = match self.kind {
            Kind::LogNormal { .. } => {
                "must give a mean outage duration of at most one year (8760 h); μ and σ are of ln hours"
            }
            _ => "must give a mean outage duration of at most one year (8760 h)",
        };
        Err(Error::invalid(field, value, rule))
    }
}

fn lognormal_from_quantiles(a: QuantilePoint, b: QuantilePoint) -> Result<(f64, f64)> {
    let (lo, hi) = if a.p <= b.p { (a, b) } else { (b, a) };
    for (i, q) in [lo, hi].iter().enumerate() {
        let p = q.p.to_f64_lossy();
        if !(p > 0.0 && p < 1.0) {
            return Err(Error::invalid(format!("quantiles[{i}].p"), q.p, "must be strictly between 0 and 1"));
        }
        if q.at.is_zero() {
            return Err(Error::invalid(format!("quantiles[{i}].at"), "0s", "must be above 0"));
        }
    }
    if lo.p == hi.p || lo.at >= hi.at {
        return Err(Error::invalid(
            "quantiles",
            format!("{} at {}, {} at {}", lo.p, duration::format(lo.at), hi.p, duration::format(hi.at)),
            "must be two different probabilities with the longer duration at the higher one",
        ));
    }
    let (z1, z2) =
        (numerics::normal_quantile(lo.p.to_f64_lossy()), numerics::normal_quantile(hi.p.to_f64_lossy()));
    let (l1, l2) = (hours(lo.at).ln(), hours(hi.at).ln());
    let sigma = (l2 - l1) / (z2 - z1);
    let mu = l1 - sigma * z1;
    if !(sigma.is_finite() && sigma > 0.0 && mu.is_finite()) {
        return Err(Error::invalid("quantiles", "these two points", "must define a lognormal with σ > 0"));
    }
    Ok((mu, sigma))
}

/// `fixed`, `exponential.mean`, `lognormal.mu` and `lognormal.sigma` (or
/// `lognormal.quantiles[*].at` and `lognormal.quantiles[*].p`),
/// `weibull.shape` and `weibull.scale`, `gamma.shape` and `gamma.scale`, or
/// `empirical[*]`, as the distribution was given.
impl Parameters for DurationDistribution {
    fn parameters(&self) -> Vec<Parameter> {
        match &self.spec {
            Spec::Fixed(d) => vec![Parameter::duration("fixed", *d)],
            Spec::Exponential { mean } => vec![Parameter::duration("exponential.mean", *mean)],
            Spec::Lognormal(LognormalSpec::Params { mu, sigma }) => {
                vec![Parameter::real("lognormal.mu", *mu), Parameter::real("lognormal.sigma", *sigma)]
            }
            Spec::Lognormal(LognormalSpec::Quantiles { .. }) => vec![
                Parameter::list("lognormal.quantiles[*].at", ParameterKind::Duration),
                Parameter::list("lognormal.quantiles[*].p", ParameterKind::Share),
            ],
            Spec::Weibull { shape, scale } => {
                vec![Parameter::real("weibull.shape", *shape), Parameter::duration("weibull.scale", *scale)]
            }
            Spec::Gamma { shape, scale } => {
                vec![Parameter::real("gamma.shape", *shape), Parameter::duration("gamma.scale", *scale)]
            }
            Spec::Empirical(_) => vec![Parameter::list("empirical[*]", ParameterKind::Duration)],
        }
    }

    fn scaled_parameter(&self, name: &str, factor: rust_decimal::Decimal, cap: bool) -> Result<Self> {
        use crate::parameter::{scale_duration, scale_real, scale_share, unknown};
        let time = |d: Duration| scale_duration(name, d, factor);
        let real = |v: f64| scale_real(name, v, factor);
        let spec = match (name, &self.spec) {
            ("fixed", Spec::Fixed(d)) => Spec::Fixed(time(*d)?),
            ("exponential.mean", Spec::Exponential { mean }) => Spec::Exponential { mean: time(*mean)? },
            ("lognormal.mu", Spec::Lognormal(LognormalSpec::Params { mu, sigma })) => {
                Spec::Lognormal(LognormalSpec::Params { mu: real(*mu)?, sigma: *sigma })
            }
            ("lognormal.sigma", Spec::Lognormal(LognormalSpec::Params { mu, sigma })) => {
                Spec::Lognormal(LognormalSpec::Params { mu: *mu, sigma: real(*sigma)? })
            }
            (
                "lognormal.quantiles[*].at",
                Spec::Lognormal(LognormalSpec::Quantiles { quantiles: [a, b] }),
            ) => {
                let at = |q: &QuantilePoint| Ok::<_, Error>(QuantilePoint { at: time(q.at)?, ..*q });
                Spec::Lognormal(LognormalSpec::Quantiles { quantiles: [at(a)?, at(b)?] })
            }
            ("lognormal.quantiles[*].p", Spec::Lognormal(LognormalSpec::Quantiles { quantiles: [a, b] })) => {
                let p = |q: &QuantilePoint| {
                    Ok::<_, Error>(QuantilePoint { p: scale_share(name, q.p, factor, cap)?, ..*q })
                };
                Spec::Lognormal(LognormalSpec::Quantiles { quantiles: [p(a)?, p(b)?] })
            }
            ("weibull.shape", Spec::Weibull { shape, scale }) => {
                Spec::Weibull { shape: real(*shape)?, scale: *scale }
            }
            ("weibull.scale", Spec::Weibull { shape, scale }) => {
                Spec::Weibull { shape: *shape, scale: time(*scale)? }
            }
            ("gamma.shape", Spec::Gamma { shape, scale }) => {
                Spec::Gamma { shape: real(*shape)?, scale: *scale }
            }
            ("gamma.scale", Spec::Gamma { shape, scale }) => {
                Spec::Gamma { shape: *shape, scale: time(*scale)? }
            }
            ("empirical[*]", Spec::Empirical(v)) => {
                Spec::Empirical(v.iter().map(|d| time(d.0).map(DurationText)).collect::<Result<_>>()?)
            }
            _ => return Err(unknown(name)),
        };
        Self::build(spec).map_err(|e| crate::parameter::within_family(e, name))
    }
}

impl From<DurationDistribution> for Spec {
    fn from(d: DurationDistribution) -> Self {
        d.spec
    }
}

impl fmt::Display for DurationDistribution {
    /// A one-line description with the parameters (durations in h/m/s).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.description())
    }
}

impl fmt::Debug for DurationDistribution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DurationDistribution({:?})", self.kind)
    }
}

impl DurationDistribution {
    fn build(spec: Spec) -> Result<Self> {
        Self::try_from(spec)
    }

    /// Every outage lasts `d`.
    #[must_use]
    pub fn fixed(d: Duration) -> Self {
        DurationDistribution { spec: Spec::Fixed(d), kind: Kind::Fixed(hours(d)) }
    }

    /// Exponential with the given mean.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `mean`) for a zero mean.
    pub fn exponential(mean: Duration) -> Result<Self> {
        Self::build(Spec::Exponential { mean })
    }

    /// Lognormal: `ln(D in hours) ~ Normal(mu, sigma²)`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a non-finite `mu` or a `sigma` that is not
    /// finite and positive.
    pub fn lognormal(mu: f64, sigma: f64) -> Result<Self> {
        Self::build(Spec::Lognormal(LognormalSpec::Params { mu, sigma }))
    }

    /// Lognormal through two quantiles `(p, duration)`: a 90 % interval
    /// `(0.05, lo), (0.95, hi)`, or a median and a p90 `(0.5, m), (0.9, x)`.
    ///
    /// # Formula
    ///
    /// ```text
    /// σ = (ln x₂ − ln x₁) / (z(p₂) − z(p₁)),   μ = ln x₁ − σ·z(p₁)   (z = Φ⁻¹, x in hours)
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] unless both probabilities are in (0, 1) and differ,
    /// both durations are positive, and the longer duration goes with the
    /// higher probability.
    pub fn lognormal_from_quantiles(a: (f64, Duration), b: (f64, Duration)) -> Result<Self> {
        let point = |(p, at): (f64, Duration), i: usize| -> Result<QuantilePoint> {
            let p = decimal_from_f64(p).and_then(|d| Fraction::new(d).ok()).ok_or_else(|| {
                Error::invalid(format!("quantiles[{i}].p"), p, "must be strictly between 0 and 1")
            })?;
            Ok(QuantilePoint { p, at })
        };
        Self::build(Spec::Lognormal(LognormalSpec::Quantiles { quantiles: [point(a, 0)?, point(b, 1)?] }))
    }

    /// Weibull with `shape` k and `scale` λ: `P(D > t) = exp(−(t/λ)^k)`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a shape that is not finite and positive or a
    /// zero scale.
    pub fn weibull(shape: f64, scale: Duration) -> Result<Self> {
        Self::build(Spec::Weibull { shape, scale })
    }

    /// Gamma with `shape` α and `scale` θ (mean αθ).
    ///
    /// # Errors
    ///
    /// As [`DurationDistribution::weibull`].
    pub fn gamma(shape: f64, scale: Duration) -> Result<Self> {
        Self::build(Spec::Gamma { shape, scale })
    }

    /// The past durations, each equally likely.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `empirical`) for an empty list.
    pub fn empirical(durations: &[Duration]) -> Result<Self> {
        Self::build(Spec::Empirical(durations.iter().copied().map(DurationText).collect()))
    }

    /// A one-line description with the parameters (durations in h/m/s).
    fn description(&self) -> String {
        match &self.kind {
            Kind::Fixed(h) => format!("fixed {}", duration::format(from_hours(*h))),
            Kind::Exponential { mean } => {
                format!("exponential, mean {}", duration::format(from_hours(*mean)))
            }
            Kind::LogNormal { mu, sigma } => format!("lognormal, μ = {mu:.4}, σ = {sigma:.4} (ln hours)"),
            Kind::Weibull { shape, scale } => {
                format!("Weibull, shape {shape:.4}, scale {}", duration::format(from_hours(*scale)))
            }
            Kind::Gamma { shape, scale } => {
                format!("gamma, shape {shape:.4}, scale {}", duration::format(from_hours(*scale)))
            }
            Kind::Empirical(v) => format!("empirical, {} durations", v.len()),
        }
    }

    #[cfg(test)]
    pub(crate) fn kind_for_tests(&self) -> &Kind {
        &self.kind
    }

    pub(crate) fn kind(&self) -> &Kind {
        &self.kind
    }

    /// The mean.
    #[must_use]
    pub fn mean(&self) -> Duration {
        from_hours(self.mean_hours())
    }

    pub(crate) fn mean_hours(&self) -> f64 {
        self.partial_hours(1, 0.0, f64::INFINITY)
    }

    /// `P(D ≤ d)`.
    #[must_use]
    pub fn cdf(&self, d: Duration) -> f64 {
        self.cdf_hours(hours(d))
    }

    /// `P(D ≤ x)` for `x` in hours.
    pub(crate) fn cdf_hours(&self, x: f64) -> f64 {
        if x.is_nan() {
            return f64::NAN;
        }
        if x < 0.0 {
            return 0.0;
        }
        match &self.kind {
            Kind::Fixed(v) => f64::from(u8::from(x >= *v)),
            Kind::Exponential { mean } => -(-x / mean).exp_m1(),
            Kind::LogNormal { mu, sigma } => {
                if x == 0.0 {
                    0.0
                } else {
                    numerics::normal_cdf((x.ln() - mu) / sigma)
                }
            }
            Kind::Weibull { shape, scale } => -(-(x / scale).powf(*shape)).exp_m1(),
            Kind::Gamma { shape, scale } => numerics::gamma_p(*shape, x / scale),
            Kind::Empirical(v) => count_at_most(v, x) / len(v),
        }
    }

    /// The atoms `(hours, probability)` of a fixed or empirical distribution.
    pub(crate) fn atoms(&self) -> Option<Vec<(f64, f64)>> {
        match &self.kind {
            Kind::Fixed(v) => Some(vec![(*v, 1.0)]),
            Kind::Empirical(v) => Some(v.iter().map(|x| (*x, 1.0 / len(v))).collect()),
            _ => None,
        }
    }

    /// Whether the distribution has a density (no atoms).
    pub(crate) fn is_continuous(&self) -> bool {
        !matches!(self.kind, Kind::Fixed(_) | Kind::Empirical(_))
    }

    /// `P(D < x)` for `x` in hours (the left limit of the CDF).
    pub(crate) fn cdf_left_hours(&self, x: f64) -> f64 {
        match &self.kind {
            Kind::Fixed(v) => f64::from(u8::from(x > *v)),
            #[expect(clippy::cast_precision_loss, reason = "sample counts are far below 2^52")]
            Kind::Empirical(v) => v.partition_point(|s| *s < x) as f64 / len(v),
            _ => self.cdf_hours(x),
        }
    }

    /// The `p`-quantile: the smallest `d` with `P(D ≤ d) ≥ p`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `p`) unless `0 ≤ p ≤ 1`; `p = 1` of an
    /// unbounded distribution is `Duration::MAX`.
    pub fn quantile(&self, p: f64) -> Result<Duration> {
        if !(0.0..=1.0).contains(&p) {
            return Err(Error::invalid("p", p, "must be between 0 and 1"));
        }
        Ok(from_hours(self.quantile_hours(p)))
    }

    pub(crate) fn quantile_hours(&self, p: f64) -> f64 {
        match &self.kind {
            Kind::Fixed(v) => *v,
            Kind::Exponential { mean } => -mean * (-p).ln_1p(),
            Kind::LogNormal { mu, sigma } => (mu + sigma * numerics::normal_quantile(p)).exp(),
            Kind::Weibull { shape, scale } => scale * (-(-p).ln_1p()).powf(1.0 / shape),
            Kind::Gamma { shape, scale } => scale * numerics::gamma_p_inv(*shape, p),
            Kind::Empirical(v) => {
                // Smallest sample with rank ≥ p·n (inverse of the step CDF).
                #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0 ≤ p·n ≤ n")]
                let k = (p * len(v)).ceil() as usize;
                v.get(k.saturating_sub(1)).or(v.first()).copied().unwrap_or(0.0)
            }
        }
    }

    /// Partial expectation `E[D; a ≤ D < b]` (`b = None` for ∞).
    #[must_use]
    pub fn partial_expectation(&self, a: Duration, b: Option<Duration>) -> Duration {
        from_hours(self.partial_hours(1, hours(a), b.map_or(f64::INFINITY, hours)))
    }

    /// `E[D^k; a ≤ D < b]` in hours^k, for k = 0, 1, 2 (k = 0 is the probability).
    ///
    /// # Formula
    ///
    /// ```text
    /// exponential(m):    m^k Γ(k+1) [P(k+1, b/m) − P(k+1, a/m)]
    /// lognormal(μ, σ):   e^{kμ + k²σ²/2} [Φ((ln b − μ − kσ²)/σ) − Φ((ln a − μ − kσ²)/σ)]
    /// Weibull(k', λ):    λ^k Γ(1 + k/k') [P(1 + k/k', (b/λ)^k') − P(…, (a/λ)^k')]
    /// gamma(α, θ):       θ^k Γ(α+k)/Γ(α) [P(α + k, b/θ) − P(α + k, a/θ)]
    /// fixed, empirical:  exact sums over the support
    /// ```
    #[expect(clippy::many_single_char_names, reason = "the formula's own names: k, a, b, s, t")]
    pub(crate) fn partial_hours(&self, k: u8, a: f64, b: f64) -> f64 {
        let a = a.max(0.0);
        if b <= a {
            return 0.0;
        }
        let kf = f64::from(k);
        match &self.kind {
            Kind::Fixed(v) => {
                if *v >= a && *v < b {
                    v.powi(i32::from(k))
                } else {
                    0.0
                }
            }
            Kind::Empirical(v) => {
                v.iter().filter(|x| **x >= a && **x < b).map(|x| x.powi(i32::from(k))).sum::<f64>() / len(v)
            }
            Kind::Exponential { mean } => {
                let s = kf + 1.0;
                mean.powi(i32::from(k)) * numerics::ln_gamma(s).exp() * gamma_between(s, a / mean, b / mean)
            }
            Kind::LogNormal { mu, sigma } => {
                let scale = (kf * mu + kf * kf * sigma * sigma / 2.0).exp();
                let z = |x: f64| {
                    if x <= 0.0 {
                        f64::NEG_INFINITY
                    } else if x.is_infinite() {
                        f64::INFINITY
                    } else {
                        (x.ln() - mu - kf * sigma * sigma) / sigma
                    }
                };
                let (za, zb) = (z(a), z(b));
                // Use the upper tail where it is more accurate.
                let mass = if za > 0.0 {
                    numerics::normal_sf(za) - numerics::normal_sf(zb)
                } else {
                    numerics::normal_cdf(zb) - numerics::normal_cdf(za)
                };
                scale * mass
            }
            Kind::Weibull { shape, scale } => {
                let s = 1.0 + kf / shape;
                let t = |x: f64| if x.is_infinite() { f64::INFINITY } else { (x / scale).powf(*shape) };
                scale.powi(i32::from(k)) * numerics::ln_gamma(s).exp() * gamma_between(s, t(a), t(b))
            }
            Kind::Gamma { shape, scale } => {
                let s = shape + kf;
                let ratio = (numerics::ln_gamma(s) - numerics::ln_gamma(*shape)).exp();
                scale.powi(i32::from(k)) * ratio * gamma_between(s, a / scale, b / scale)
            }
        }
    }

    /// Every duration multiplied by `factor` (> 0): the faster-recovery policy.
    #[must_use]
    pub(crate) fn scaled(&self, factor: f64) -> Self {
        // The written form of the scaled kind (already × factor): hours as a duration.
        let s = from_hours;
        let kind = match &self.kind {
            Kind::Fixed(v) => Kind::Fixed(v * factor),
            Kind::Exponential { mean } => Kind::Exponential { mean: mean * factor },
            Kind::LogNormal { mu, sigma } => Kind::LogNormal { mu: mu + factor.ln(), sigma: *sigma },
            Kind::Weibull { shape, scale } => Kind::Weibull { shape: *shape, scale: scale * factor },
            Kind::Gamma { shape, scale } => Kind::Gamma { shape: *shape, scale: scale * factor },
            Kind::Empirical(v) => Kind::Empirical(v.iter().map(|x| x * factor).collect()),
        };
        let spec = match &kind {
            Kind::Fixed(v) => Spec::Fixed(s(*v)),
            Kind::Exponential { mean } => Spec::Exponential { mean: s(*mean) },
            Kind::LogNormal { mu, sigma } => {
                Spec::Lognormal(LognormalSpec::Params { mu: *mu, sigma: *sigma })
            }
            Kind::Weibull { shape, scale } => Spec::Weibull { shape: *shape, scale: s(*scale) },
            Kind::Gamma { shape, scale } => Spec::Gamma { shape: *shape, scale: s(*scale) },
            Kind::Empirical(v) => Spec::Empirical(v.iter().map(|x| DurationText(s(*x))).collect()),
        };
        // What is computed is what is written: the durations as written (to the nanosecond),
        // converted as reading converts them, so the distribution reads back as itself.
        let kind = match (&spec, kind) {
            (Spec::Fixed(d), _) => Kind::Fixed(hours(*d)),
            (Spec::Exponential { mean }, _) => Kind::Exponential { mean: hours(*mean) },
            (Spec::Weibull { shape, scale }, _) => Kind::Weibull { shape: *shape, scale: hours(*scale) },
            (Spec::Gamma { shape, scale }, _) => Kind::Gamma { shape: *shape, scale: hours(*scale) },
            (Spec::Empirical(v), _) => {
                let mut h: Vec<f64> = v.iter().map(|d| hours(d.0)).collect();
                h.sort_by(f64::total_cmp);
                Kind::Empirical(h)
            }
            (Spec::Lognormal(_), kind) => kind,
        };
        DurationDistribution { spec, kind }
    }

    /// Warnings about the distribution's shape: an elicited interval so wide
    /// that the mean is dominated by the tail (lognormal σ > 2: the mean is
    /// more than e² ≈ 7.4 times the median).
    #[must_use]
    pub fn warnings(&self) -> Vec<crate::note::Note> {
        let mut w = Vec::new();
        if let Kind::LogNormal { mu, sigma } = self.kind
            && sigma > 2.0
        {
            let dec = |x: f64, dp: u32| {
                crate::decimal::decimal_from_f64(x).map_or(rust_decimal::Decimal::MAX, |d| d.round_dp(dp))
            };
            w.push(crate::note::Note::HeavyTail {
                sigma: dec(sigma, 2),
                mean: from_hours((mu + sigma * sigma / 2.0).exp()),
                median: from_hours(mu.exp()),
                ratio: dec((sigma * sigma / 2.0).exp(), 1),
            });
        }
        w
    }
}

/// `P(s, y) − P(s, x)` for `x ≤ y`, using `Q` in the upper tail for accuracy.
fn gamma_between(s: f64, x: f64, y: f64) -> f64 {
    if x >= s {
        numerics::gamma_q(s, x) - if y.is_infinite() { 0.0 } else { numerics::gamma_q(s, y) }
    } else {
        let py = if y.is_infinite() { 1.0 } else { numerics::gamma_p(s, y) };
        py - numerics::gamma_p(s, x)
    }
}

#[expect(clippy::cast_precision_loss, reason = "sample counts are far below 2^52")]
fn len(v: &[f64]) -> f64 {
    v.len() as f64
}

#[expect(clippy::cast_precision_loss, reason = "sample counts are far below 2^52")]
fn count_at_most(v: &[f64], x: f64) -> f64 {
    v.partition_point(|s| *s <= x) as f64
}

crate::json::deserialize_via!(DurationDistribution, Spec);
