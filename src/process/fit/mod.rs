//! Fitting an outage process from an incident history: a Poisson rate and,
//! by maximum likelihood with right-censoring, exponential, lognormal and
//! Weibull duration distributions ranked by AIC.
//!
//! This file holds [`fit_history`], its results ([`HistoryFit`],
//! [`DurationFit`], [`ParameterEstimate`], [`RateFit`], [`SkippedFit`]) and
//! what the families share; the history is in `history.rs`, each family's
//! likelihood, estimate and exact information in its own file.

mod exponential;
mod history;
mod lognormal;
mod weibull;

use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

use super::{DurationDistribution, Frequency, OutageProcess, SeverityDistribution};
use crate::error::{Error, Result};
use crate::numerics;
use exponential::fit_exponential;
pub use history::{Incident, IncidentHistory};
use lognormal::fit_lognormal;
use weibull::fit_weibull;

/// Confidence level of the intervals stored in the fits.
const LEVEL: f64 = 0.95;

/// A family of duration distributions [`fit_history`] fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DurationFamily {
    /// Exponential, parameter `mean` (hours).
    Exponential,
    /// Lognormal, parameters `mu` and `sigma` of ln(duration in hours).
    Lognormal,
    /// Weibull, parameters `shape` (k, no unit) and `scale` (λ, hours):
    /// `P(D > t) = exp(−(t/λ)^k)`.
    Weibull,
}

impl DurationFamily {
    /// The number of free parameters (`p` in AIC and BIC).
    #[must_use]
    pub const fn parameter_count(self) -> u8 {
        match self {
            DurationFamily::Exponential => 1,
            DurationFamily::Lognormal | DurationFamily::Weibull => 2,
        }
    }
}

impl fmt::Display for DurationFamily {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DurationFamily::Exponential => "exponential",
            DurationFamily::Lognormal => "lognormal",
            DurationFamily::Weibull => "Weibull",
        })
    }
}

/// A fitted parameter: the maximum-likelihood estimate, its standard error
/// from the observed information, and a 95 % Wald confidence interval.
///
/// The standard error is `√[(−H)⁻¹]ᵢᵢ`, `H` the Hessian of the censored
/// log-likelihood at the estimate from its exact second derivatives, in
/// each family's own parameters: the exponential `mean`; the lognormal
/// `(mu, sigma)`; the Weibull `(shape, ln scale)`, with
/// `SE(scale) = scale·SE(ln scale)` (delta method). Accurate to about 1e-15
/// relative (tested against 50-digit references at 1e-12). The interval is
/// `estimate ± z·SE` for `mu`, and on the log
/// scale `estimate · exp(±z·SE/estimate)` for the positive parameters
/// (`mean`, `sigma`, `shape`, `scale`), so it stays positive
/// (`z = Φ⁻¹(0.975) ≈ 1.96`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "EstimateWire"))]
pub struct ParameterEstimate {
    name: &'static str,
    unit: &'static str,
    estimate: f64,
    std_error: f64,
    lower: f64,
    upper: f64,
    #[serde(skip)]
    log_scale: bool,
}

/// The parameters a fit reports: (name, unit, interval on the log scale).
const PARAMETERS: [(&str, &str, bool); 5] = [
    ("mean", "h", true),
    ("mu", "ln h", false),
    ("sigma", "ln h", true),
    ("shape", "", true),
    ("scale", "h", true),
];

/// A [`ParameterEstimate`] as read from JSON.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct EstimateWire {
    name: String,
    unit: String,
    estimate: f64,
    std_error: f64,
    lower: f64,
    upper: f64,
}

impl TryFrom<EstimateWire> for ParameterEstimate {
    type Error = Error;

    fn try_from(w: EstimateWire) -> Result<Self> {
        let (name, unit, log_scale) =
            PARAMETERS.iter().copied().find(|(n, u, _)| *n == w.name && *u == w.unit).ok_or_else(|| {
                Error::invalid(
                    "name",
                    &w.name,
                    "must be a fitted parameter with its unit (mean h, mu ln h, sigma ln h, shape, scale h)",
                )
            })?;
        Ok(ParameterEstimate {
            name,
            unit,
            estimate: w.estimate,
            std_error: w.std_error,
            lower: w.lower,
            upper: w.upper,
            log_scale,
        })
    }
}

crate::json::deserialize_via!(ParameterEstimate, EstimateWire);

impl ParameterEstimate {
    fn new(name: &'static str, unit: &'static str, estimate: f64, std_error: f64, log_scale: bool) -> Self {
        let mut p = ParameterEstimate {
            name,
            unit,
            estimate,
            std_error,
            lower: f64::NAN,
            upper: f64::NAN,
            log_scale,
        };
        (p.lower, p.upper) = p.interval_at(numerics::normal_quantile(0.5 + LEVEL / 2.0));
        p
    }

    fn interval_at(&self, z: f64) -> (f64, f64) {
        if self.log_scale {
            let w = z * self.std_error / self.estimate;
            (self.estimate * (-w).exp(), self.estimate * w.exp())
        } else {
            (self.estimate - z * self.std_error, self.estimate + z * self.std_error)
        }
    }

    /// The parameter's name: `mean`, `mu`, `sigma`, `shape` or `scale`.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The unit: `h` (hours), `ln h` or empty (no unit).
    #[must_use]
    pub const fn unit(&self) -> &'static str {
        self.unit
    }

    /// The maximum-likelihood estimate.
    #[must_use]
    pub const fn estimate(&self) -> f64 {
        self.estimate
    }

    /// The standard error from the observed information.
    #[must_use]
    pub const fn std_error(&self) -> f64 {
        self.std_error
    }

    /// The lower end of the 95 % confidence interval.
    #[must_use]
    pub const fn lower(&self) -> f64 {
        self.lower
    }

    /// The upper end of the 95 % confidence interval.
    #[must_use]
    pub const fn upper(&self) -> f64 {
        self.upper
    }

    /// The Wald confidence interval at another `confidence` level (0.99
    /// for 99 %), on the same scale as the 95 % one.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `confidence`) unless `0 < confidence < 1`.
    pub fn interval(&self, confidence: f64) -> Result<(f64, f64)> {
        Ok(self.interval_at(z_of(confidence)?))
    }
}

/// The normal quantile `z` with `P(|Z| ≤ z) = confidence`.
fn z_of(confidence: f64) -> Result<f64> {
    if confidence > 0.0 && confidence < 1.0 {
        Ok(numerics::normal_quantile(0.5 + confidence / 2.0))
    } else {
        Err(Error::invalid("confidence", confidence, "must be strictly between 0 and 1"))
    }
}

/// The time unit of the fits: durations are measured in hours.
const TIME_UNIT: &str = "hours";

/// The time unit of duration fits: hours, the only one (serialised `"hours"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
enum TimeUnit {
    #[serde(rename = "hours")]
    Hours,
}

/// One duration family fitted by maximum likelihood.
///
/// The log-likelihood is of the durations in hours ([`Self::time_unit`]),
/// with right-censoring:
/// `ln L = Σ_closed ln f(tᵢ) + Σ_open ln S(cⱼ)`, `f` the density, `S` the
/// survival function and `cⱼ = observed − start` of each open incident.
/// `AIC = 2p − 2 ln L`, `AICc = AIC + 2p(p + 1)/(n − p − 1)` and
/// `BIC = p ln n − 2 ln L`, with `p` the number of parameters and `n` the
/// number of incidents, open ones included. Lower is better. ln L, AIC,
/// `AICc` and BIC depend on the unit: the density of a duration in seconds is
/// that in hours divided by 3600, so measured in seconds ln L would drop by
/// `r·ln 3600` (`r` closed incidents; survival terms do not change) and the
/// criteria would rise by `2r·ln 3600`. Their differences between families
/// fitted to the same history do not depend on the unit; criteria computed
/// in different units must not be compared.
///
/// Serialised with the fields `family`, `time_unit` (`"hours"`),
/// `parameters`, `log_likelihood`, `aic`, `aicc` (`null` when undefined),
/// `bic`, `delta_aic` and `distribution`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DurationFit {
    family: DurationFamily,
    time_unit: TimeUnit,
    parameters: Vec<ParameterEstimate>,
    log_likelihood: f64,
    aic: f64,
    aicc: Option<f64>,
    bic: f64,
    delta_aic: f64,
    distribution: DurationDistribution,
}

impl DurationFit {
    /// The family.
    #[must_use]
    pub const fn family(&self) -> DurationFamily {
        self.family
    }

    /// The time unit of the durations the fit is of: `"hours"`.
    ///
    /// `mean` and `scale` are in hours, `mu` and `sigma` are the mean and
    /// standard deviation of ln(duration in hours), and [`Self::log_likelihood`],
    /// [`Self::aic`], [`Self::aicc`] and [`Self::bic`] are those of the
    /// durations in hours (in seconds ln L would be lower by `r·ln 3600`,
    /// `r` the number of closed incidents; see [`DurationFit`]). Compare
    /// information criteria only between fits in the same unit.
    #[must_use]
    pub const fn time_unit(&self) -> &'static str {
        TIME_UNIT
    }

    /// The fitted parameters (hours; see [`DurationFamily`] for which).
    #[must_use]
    pub fn parameters(&self) -> &[ParameterEstimate] {
        &self.parameters
    }

    /// The parameter called `name`, if this family has one.
    #[must_use]
    pub fn parameter(&self, name: &str) -> Option<&ParameterEstimate> {
        self.parameters.iter().find(|p| p.name == name)
    }

    /// The maximised log-likelihood `ln L` of the durations in hours
    /// ([`Self::time_unit`]).
    #[must_use]
    pub const fn log_likelihood(&self) -> f64 {
        self.log_likelihood
    }

    /// Akaike's information criterion, `2p − 2 ln L` (`p` parameters;
    /// durations in hours).
    #[must_use]
    pub const fn aic(&self) -> f64 {
        self.aic
    }

    /// Akaike's information criterion corrected for small samples,
    /// `AICc = AIC + 2p(p + 1)/(n − p − 1)`, with `p` the number of
    /// parameters and `n` the number of observations (closed and open
    /// incidents); durations in hours.
    ///
    /// `None` (serialised as `null`) when `n − p − 1 ≤ 0`, where it is
    /// undefined: for `n ≤ 2` with the exponential, `n ≤ 3` with the
    /// lognormal and the Weibull.
    #[must_use]
    pub const fn aicc(&self) -> Option<f64> {
        self.aicc
    }

    /// The Bayesian information criterion, `p ln n − 2 ln L` (durations in
    /// hours).
    #[must_use]
    pub const fn bic(&self) -> f64 {
        self.bic
    }

    /// `AIC − min AIC` over the fitted families (0 for the best).
    #[must_use]
    pub const fn delta_aic(&self) -> f64 {
        self.delta_aic
    }

    /// The fitted distribution.
    #[must_use]
    pub const fn distribution(&self) -> &DurationDistribution {
        &self.distribution
    }
}

/// A family [`fit_history`] could not fit, and why (too few closed
/// incidents, all durations equal, no maximum of the likelihood, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SkippedFit {
    family: DurationFamily,
    reason: String,
}

impl SkippedFit {
    /// The family.
    #[must_use]
    pub const fn family(&self) -> DurationFamily {
        self.family
    }

    /// Why it was not fitted.
    #[must_use]
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// The Poisson rate of incidents: `λ̂ = n / T`, `n` the number of incidents
/// (open ones included) and `T` the window in 365-day years, with the exact
/// (Garwood) 95 % interval
/// `[χ²(2n; 0.025)/(2T), χ²(2n + 2; 0.975)/(2T)]`, i.e.
/// `[P⁻¹(n, 0.025)/T, P⁻¹(n + 1, 0.975)/T]` with `P⁻¹` the inverse of the
/// regularised incomplete gamma function.
///
/// With no incidents (`n = 0`) the estimate is 0 and the interval is the
/// exact one-sided one, `[0, −ln(1 − c)/T]` at level `c`
/// (`P(no event | λ) = e^{−λT} = 1 − c`): at 95 % the upper bound is
/// `−ln 0.05 / T = 2.995732…/T` a year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RateFit {
    incidents: usize,
    years: f64,
    per_year: f64,
    lower: f64,
    upper: f64,
}

impl RateFit {
    fn new(incidents: usize, years: f64) -> Self {
        let mut r = RateFit { incidents, years, per_year: count(incidents) / years, lower: 0.0, upper: 0.0 };
        (r.lower, r.upper) = r.interval_at(LEVEL);
        r
    }

    fn interval_at(&self, confidence: f64) -> (f64, f64) {
        if self.incidents == 0 {
            // One-sided: e^{−λT} = 1 − c.
            return (0.0, -(-confidence).ln_1p() / self.years);
        }
        let n = count(self.incidents);
        let tail = (1.0 - confidence) / 2.0;
        (numerics::gamma_p_inv(n, tail) / self.years, numerics::gamma_p_inv(n + 1.0, 1.0 - tail) / self.years)
    }

    /// The number of incidents `n`.
    #[must_use]
    pub const fn incidents(&self) -> usize {
        self.incidents
    }

    /// The window `T` in 365-day years.
    #[must_use]
    pub const fn years(&self) -> f64 {
        self.years
    }

    /// `λ̂ = n / T`, incidents a year.
    #[must_use]
    pub const fn per_year(&self) -> f64 {
        self.per_year
    }

    /// The lower end of the exact 95 % interval, a year (0 when `n = 0`).
    #[must_use]
    pub const fn lower(&self) -> f64 {
        self.lower
    }

    /// The upper end of the exact 95 % interval, a year: two-sided
    /// (Garwood) for `n ≥ 1`, the one-sided bound `−ln 0.05 / T` for `n = 0`.
    #[must_use]
    pub const fn upper(&self) -> f64 {
        self.upper
    }

    /// The exact interval at another `confidence` level: two-sided (Garwood)
    /// for `n ≥ 1`, `[0, −ln(1 − confidence)/T]` for `n = 0`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `confidence`) unless `0 < confidence < 1`.
    pub fn interval(&self, confidence: f64) -> Result<(f64, f64)> {
        z_of(confidence)?;
        Ok(self.interval_at(confidence))
    }
}

/// An outage process fitted to an [`IncidentHistory`] by [`fit_history`]:
/// the rate, every duration family that could be fitted (ranked by AIC),
/// and the families that could not.
///
/// A history without closed incidents (in particular one without any
/// incidents) fits the rate alone: [`Self::fits`] is empty, every family is
/// in [`Self::skipped`], [`Self::best`] is `None` and [`Self::process`] is
/// an error.
///
/// Serialised with the fields `rate`, `closed`, `open`, `time_unit`
/// (`"hours"`), `best` and `best_by_bic` (the families, `null` when none
/// was fitted), `fits`, `skipped` and `process` (`null` when none was
/// fitted).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "HistoryFitWire"))]
pub struct HistoryFit {
    rate: RateFit,
    frequency: Frequency,
    closed: usize,
    open: usize,
    /// Lowest AIC first.
    fits: Vec<DurationFit>,
    skipped: Vec<SkippedFit>,
}

impl HistoryFit {
    /// The incident rate.
    #[must_use]
    pub const fn rate(&self) -> &RateFit {
        &self.rate
    }

    /// The number of closed incidents (exact durations).
    #[must_use]
    pub const fn closed(&self) -> usize {
        self.closed
    }

    /// The number of open incidents (right-censored durations).
    #[must_use]
    pub const fn open(&self) -> usize {
        self.open
    }

    /// The time unit of the duration fits: `"hours"`. `mu` and `sigma` are
    /// of ln(duration in hours) and the log-likelihoods and information
    /// criteria are of durations in hours (see [`DurationFit::time_unit`]).
    #[must_use]
    pub const fn time_unit(&self) -> &'static str {
        TIME_UNIT
    }

    /// The fitted families, lowest AIC first (none when no incident is
    /// closed).
    pub fn fits(&self) -> impl Iterator<Item = &DurationFit> {
        self.fits.iter()
    }

    /// The fit of `family`, if it could be fitted.
    #[must_use]
    pub fn fit(&self, family: DurationFamily) -> Option<&DurationFit> {
        self.fits().find(|f| f.family == family)
    }

    /// The fit with the lowest AIC, `None` when no family could be fitted
    /// (no closed incident).
    #[must_use]
    pub fn best(&self) -> Option<&DurationFit> {
        self.fits.first()
    }

    /// The fit with the lowest BIC (which penalises the second parameter
    /// more than AIC once `n ≥ 8`), `None` when no family could be fitted.
    #[must_use]
    pub fn best_by_bic(&self) -> Option<&DurationFit> {
        self.fits.iter().reduce(|b, f| if f.bic < b.bic { f } else { b })
    }

    /// The families that could not be fitted, with the reason.
    #[must_use]
    pub fn skipped(&self) -> &[SkippedFit] {
        &self.skipped
    }

    /// The fitted process: Poisson with rate λ̂, the lowest-AIC duration
    /// distribution, and full severity ([`SeverityDistribution::default`]).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `incidents`) when no duration family could
    /// be fitted, i.e. when no incident is closed (none at all, or all still
    /// open); the value states the fitted rate and its 95 % upper bound.
    pub fn process(&self) -> Result<OutageProcess> {
        let Some(best) = self.best() else {
            return Err(Error::invalid(
                "incidents",
                format!(
                    "{} incident{} ({} closed, {} open) over {} years: fitted rate {} a year, 95 % upper bound {} a year",
                    self.rate.incidents,
                    if self.rate.incidents == 1 { "" } else { "s" },
                    self.closed,
                    self.open,
                    self.rate.years,
                    self.rate.per_year,
                    self.rate.upper
                ),
                if self.closed == 0 {
                    "cannot give a process: no duration family could be fitted without a closed incident (only the rate is fitted)"
                } else {
                    "cannot give a process: no duration family could be fitted (see the fit's skipped families; only the rate is fitted)"
                },
            ));
        };
        Ok(OutageProcess::new(self.frequency, best.distribution.clone(), SeverityDistribution::default()))
    }
}

impl Serialize for HistoryFit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            rate: &'a RateFit,
            closed: usize,
            open: usize,
            time_unit: &'static str,
            best: Option<DurationFamily>,
            best_by_bic: Option<DurationFamily>,
            fits: &'a [DurationFit],
            skipped: &'a [SkippedFit],
            process: Option<OutageProcess>,
        }
        View {
            rate: &self.rate,
            closed: self.closed,
            open: self.open,
            time_unit: self.time_unit(),
            best: self.best().map(DurationFit::family),
            best_by_bic: self.best_by_bic().map(DurationFit::family),
            fits: &self.fits,
            skipped: &self.skipped,
            process: self.process().ok(),
        }
        .serialize(s)
    }
}

/// A [`HistoryFit`] as read back.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct HistoryFitWire {
    rate: RateFit,
    closed: usize,
    open: usize,
    #[allow(dead_code)]
    time_unit: TimeUnit,
    #[allow(dead_code)]
    best: Option<DurationFamily>,
    #[allow(dead_code)]
    best_by_bic: Option<DurationFamily>,
    fits: Vec<DurationFit>,
    skipped: Vec<SkippedFit>,
    #[allow(dead_code)]
    process: Option<OutageProcess>,
}

impl<'de> Deserialize<'de> for HistoryFit {
    /// The serialised fit; `best`, `best_by_bic` and `process` are derived
    /// from the rest and ignored, the frequency is Poisson at the fitted rate.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = HistoryFitWire::deserialize(d)?;
        let frequency =
            Frequency::poisson(w.rate.per_year).map_err(|e| crate::json::reject(e.within("rate")))?;
        Ok(HistoryFit {
            rate: w.rate,
            frequency,
            closed: w.closed,
            open: w.open,
            fits: w.fits,
            skipped: w.skipped,
        })
    }
}

// ---------------------------------------------------------------------------
// Fitting
// ---------------------------------------------------------------------------

/// Fits an [`OutageProcess`] to an incident history.
///
/// - Rate: `λ̂ = n / T`, `n` the number of incidents and `T` the window in
///   365-day years, with an exact Poisson interval ([`RateFit`]; for `n = 0`
///   the rate is 0 with the one-sided upper bound `−ln 0.05 / T`).
/// - Durations, by maximum likelihood with open incidents right-censored at
///   `observed − start` (`r` closed durations `tᵢ`, censoring times `cⱼ`,
///   hours):
///   - exponential: `mean = (Σ tᵢ + Σ cⱼ) / r` (closed form; needs `r ≥ 1`);
///   - lognormal: without censoring the closed form `μ = mean ln tᵢ`,
///     `σ² = mean (ln tᵢ − μ)²`; with censoring Newton's method on the
///     exact score and Hessian, with a backtracking line search on
///     `(μ, ln σ)`, started there (needs at least two different closed
///     durations);
///   - Weibull: for a shape `k` the scale is `λ(k)^k = (Σ tᵢ^k + Σ cⱼ^k) / r`;
///     `k` solves the profile score equation
///     `1/k + (1/r) Σ ln tᵢ − Σ x^k ln x / Σ x^k = 0` (sums over all times
///     `x`), strictly decreasing in `k`, by bracketing and safeguarded
///     Newton–bisection (needs `r ≥ 2`).
///
///   Each fit reports its parameters with standard errors and 95 % intervals
///   from the observed information, the exact second derivatives of ln L
///   ([`ParameterEstimate`]), and ln L, AIC, `AICc` and BIC of the durations
///   in hours ([`DurationFit`]). A family that cannot be fitted is listed in
///   [`HistoryFit::skipped`] with the reason; with no closed incident (none
///   at all, or all still open) that is every family.
/// - [`HistoryFit::process`]: Poisson(λ̂), the lowest-AIC distribution, full
///   severity; an error when no family could be fitted.
///
/// # Errors
///
/// [`Error::Invalid`] (field `per_year`) only if the rate `n / T` is not
/// finite, which a validated history cannot produce. A history without
/// closed incidents is not an error here: the rate is fitted and every
/// duration family is skipped ([`HistoryFit::process`] is then the error).
///
/// # Example
///
/// ```
/// use downtime_cost::{DurationFamily, IncidentHistory, fit_history};
///
/// // A year with three closed incidents of 1, 2 and 3 h, and one still open
/// // after 4 h when the year ended.
/// let history = IncidentHistory::from_json(
///     r#"{"observed": "365d", "incidents": [
///         {"start": "10d", "duration": "1h"},
///         {"start": "100d", "duration": "2h"},
///         {"start": "200d", "duration": "3h"},
///         {"start": "364d20h", "open": true}]}"#,
/// )?;
/// let fit = fit_history(&history)?;
/// assert_eq!(fit.rate().per_year(), 4.0);
/// // Exponential MLE: (1 + 2 + 3 + 4) h over 3 closed incidents.
/// let exp = fit.fit(DurationFamily::Exponential).unwrap();
/// assert!((exp.parameter("mean").unwrap().estimate() - 10.0 / 3.0).abs() < 1e-9);
/// // The process uses the lowest-AIC family.
/// let process = fit.process()?;
/// assert_eq!(process.frequency().mean_per_year(), 4.0);
/// assert_eq!(Some(process.duration()), fit.best().map(|b| b.distribution()));
///
/// // A quiet year: a rate of 0, at most −ln 0.05 ≈ 3.0 a year (95 %), and
/// // no duration family, so no process.
/// let quiet = fit_history(&IncidentHistory::from_json(r#"{"observed": "365d", "incidents": []}"#)?)?;
/// assert_eq!(quiet.rate().per_year(), 0.0);
/// assert!((quiet.rate().upper() - 2.995_732_273_553_991).abs() < 1e-12);
/// assert!(quiet.best().is_none());
/// assert_eq!(quiet.skipped().len(), 3);
/// assert_eq!(quiet.process().unwrap_err().field(), Some("incidents"));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
pub fn fit_history(history: &IncidentHistory) -> Result<HistoryFit> {
    let sample = history.sample();
    let rate = RateFit::new(history.incidents().len(), history.observed_years());
    let frequency = Frequency::poisson(rate.per_year)?;
    let mut fits = Vec::new();
    let mut skipped = Vec::new();
    for (family, result) in [
        (DurationFamily::Exponential, fit_exponential(&sample)),
        (DurationFamily::Lognormal, fit_lognormal(&sample)),
        (DurationFamily::Weibull, fit_weibull(&sample)),
    ] {
        match result {
            Ok(f) => fits.push(f),
            Err(reason) => skipped.push(SkippedFit { family, reason }),
        }
    }
    fits.sort_by(|a, b| a.aic.total_cmp(&b.aic));
    let min_aic = fits.first().map_or(0.0, |f| f.aic);
    for f in &mut fits {
        f.delta_aic = f.aic - min_aic;
    }
    Ok(HistoryFit {
        rate,
        frequency,
        closed: sample.closed.len(),
        open: sample.censored.len(),
        fits,
        skipped,
    })
}

/// Durations in hours: closed `tᵢ` and censoring times `cⱼ`, with their logs.
#[derive(Debug, Clone)]
struct Sample {
    closed: Vec<f64>,
    censored: Vec<f64>,
    ln_closed: Vec<f64>,
    ln_censored: Vec<f64>,
}

impl Sample {
    fn new(closed: Vec<f64>, censored: Vec<f64>) -> Self {
        let ln_closed = closed.iter().map(|t| t.ln()).collect();
        let ln_censored = censored.iter().map(|t| t.ln()).collect();
        Sample { closed, censored, ln_closed, ln_censored }
    }

    fn r(&self) -> f64 {
        count(self.closed.len())
    }

    fn n(&self) -> f64 {
        count(self.closed.len().saturating_add(self.censored.len()))
    }
}

#[expect(clippy::cast_precision_loss, reason = "incident counts are far below 2^52")]
fn count(n: usize) -> f64 {
    n as f64
}

/// A fit, or why not.
type FitResult = std::result::Result<DurationFit, String>;

fn finish(
    family: DurationFamily,
    sample: &Sample,
    log_likelihood: f64,
    parameters: Vec<ParameterEstimate>,
    distribution: Result<DurationDistribution>,
) -> FitResult {
    if !log_likelihood.is_finite() {
        return Err("the log-likelihood at the estimate is not finite".to_owned());
    }
    if parameters.iter().any(|p| !(p.estimate.is_finite() && p.std_error.is_finite())) {
        return Err("the estimate or its standard error is not finite".to_owned());
    }
    let distribution = distribution.map_err(|e| format!("the fitted distribution is invalid: {e}"))?;
    let p = f64::from(family.parameter_count());
    let aic = 2.0 * p - 2.0 * log_likelihood;
    Ok(DurationFit {
        family,
        time_unit: TimeUnit::Hours,
        parameters,
        log_likelihood,
        aic,
        aicc: aicc(aic, family.parameter_count(), sample.closed.len().saturating_add(sample.censored.len())),
        bic: p * sample.n().ln() - 2.0 * log_likelihood,
        delta_aic: 0.0,
        distribution,
    })
}

/// `AICc = AIC + 2p(p + 1)/(n − p − 1)`, `None` when `n − p − 1 ≤ 0`.
fn aicc(aic: f64, p: u8, n: usize) -> Option<f64> {
    let p_usize = usize::from(p);
    let dof = n.checked_sub(p_usize)?.checked_sub(1).filter(|d| *d > 0)?;
    let p = f64::from(p);
    Some(aic + 2.0 * p * (p + 1.0) / count(dof))
}

const NOT_PD: &str = "the observed information is not positive definite at the estimate";

fn too_few(needed: &str) -> String {
    format!("needs at least {needed} closed incident{}", if needed == "one" { "" } else { "s" })
}

#[cfg(test)]
mod tests;
