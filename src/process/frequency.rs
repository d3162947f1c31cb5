//! How many outages happen a year.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::error::{Error, Result};
use crate::parameter::{Parameter, ParameterKind, Parameters};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum Spec {
    Poisson { per_year: f64 },
    Fixed { per_year: u32 },
    NegativeBinomial { mean_per_year: f64, shape: f64 },
}

/// The number of outages in a year.
///
/// - Poisson with rate λ a year (the default model: outages arrive
///   independently at a constant rate);
/// - a fixed count a year (placed independently and uniformly in the year);
/// - an uncertain rate: the rate itself is Gamma-distributed with mean λ and
///   shape r (coefficient of variation 1/√r), i.e. a negative binomial count.
///   Its expectation uses the mean rate; its spread is wider than Poisson's.
///
/// In scenario files: `{"poisson": {"per_year": 6}}`, `{"fixed": {"per_year": 4}}`,
/// `{"negative_binomial": {"mean_per_year": 6, "shape": 2}}`.
///
/// # Example
///
/// ```
/// use downtime_cost::Frequency;
/// let f = Frequency::negative_binomial(6.0, 2.0)?;
/// assert_eq!(f.mean_per_year(), 6.0);
/// // Var N = λ + λ²/r = 6 + 36/2 = 24.
/// assert_eq!(f.variance_per_year(), 24.0);
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "Spec"))]
#[serde(into = "Spec")]
pub struct Frequency {
    spec: Spec,
}

impl TryFrom<Spec> for Frequency {
    type Error = Error;
    fn try_from(spec: Spec) -> Result<Self> {
        match spec {
            Spec::Poisson { per_year } => {
                if !(per_year.is_finite() && per_year >= 0.0) {
                    return Err(Error::invalid(
                        "poisson.per_year",
                        per_year,
                        "must be a finite number of at least 0",
                    ));
                }
            }
            Spec::Fixed { .. } => {}
            Spec::NegativeBinomial { mean_per_year, shape } => {
                if !(mean_per_year.is_finite() && mean_per_year >= 0.0) {
                    return Err(Error::invalid(
                        "negative_binomial.mean_per_year",
                        mean_per_year,
                        "must be a finite number of at least 0",
                    ));
                }
                if !(SHAPE_RANGE.0..=SHAPE_RANGE.1).contains(&shape) {
                    return Err(Error::invalid(
                        "negative_binomial.shape",
                        shape,
                        "must be between 0.001 and 1000000",
                    ));
                }
            }
        }
        Ok(Frequency { spec })
    }
}

/// The negative binomial's shape `r` accepted: 10⁻³ to 10⁶. Below, the count
/// is zero in almost every year and enormous in the rest (variance
/// `m + m²/r`), which no simulation samples and the incomplete beta function
/// of the exact method cannot resolve; above, its variance exceeds the
/// Poisson's by a factor `1 + m/r` (`m + m²/r` against `m`), 1 + 10⁻⁶ per
/// outage a year of mean (use `poisson`).
const SHAPE_RANGE: (f64, f64) = (1e-3, 1e6);

/// `poisson.per_year`, `fixed.per_year` (a count) or
/// `negative_binomial.mean_per_year` and `negative_binomial.shape`.
impl Parameters for Frequency {
    fn parameters(&self) -> Vec<Parameter> {
        match self.spec {
            Spec::Poisson { per_year } => vec![Parameter::real("poisson.per_year", per_year)],
            Spec::Fixed { per_year } => {
                vec![Parameter::new("fixed.per_year", per_year, ParameterKind::Count)]
            }
            Spec::NegativeBinomial { mean_per_year, shape } => vec![
                Parameter::real("negative_binomial.mean_per_year", mean_per_year),
                Parameter::real("negative_binomial.shape", shape),
            ],
        }
    }

    fn scaled_parameter(&self, name: &str, factor: rust_decimal::Decimal, _cap: bool) -> Result<Self> {
        use crate::parameter::{scale_count, scale_real, unknown};
        let spec = match (name, self.spec) {
            ("poisson.per_year", Spec::Poisson { per_year }) => {
                Spec::Poisson { per_year: scale_real(name, per_year, factor)? }
            }
            ("fixed.per_year", Spec::Fixed { per_year }) => {
                Spec::Fixed { per_year: scale_count(name, per_year, factor)? }
            }
            ("negative_binomial.mean_per_year", Spec::NegativeBinomial { mean_per_year, shape }) => {
                Spec::NegativeBinomial { mean_per_year: scale_real(name, mean_per_year, factor)?, shape }
            }
            ("negative_binomial.shape", Spec::NegativeBinomial { mean_per_year, shape }) => {
                Spec::NegativeBinomial { mean_per_year, shape: scale_real(name, shape, factor)? }
            }
            _ => return Err(unknown(name)),
        };
        Self::try_from(spec).map_err(|e| crate::parameter::within_family(e, name))
    }
}

impl From<Frequency> for Spec {
    fn from(f: Frequency) -> Self {
        f.spec
    }
}

impl fmt::Display for Frequency {
    /// A one-line description.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.description())
    }
}

impl fmt::Debug for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Frequency({:?})", self.spec)
    }
}

/// The count of outages in one billing period: a distribution of the
/// (a, b, 0) class, `p(n) = (a + b/n) p(n − 1)`, which Panjer's recursion
/// compounds, or an exact count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PeriodCount {
    /// Poisson(λ): a = 0, b = λ.
    Poisson { lambda: f64 },
    /// Negative binomial NB(r, β): a = β/(1+β), b = (r − 1)β/(1+β).
    NegativeBinomial { r: f64, beta: f64 },
    /// Binomial(n, q), q < 1: a = −q/(1−q), b = (n + 1)q/(1−q) (for q > ½
    /// the SLA expectation compounds it by convolution powers instead).
    Binomial { n: u32, q: f64 },
    /// Exactly `n`.
    Exactly(u32),
}

impl Frequency {
    /// Poisson with `per_year` outages a year on average.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `poisson.per_year`) unless finite and ≥ 0.
    pub fn poisson(per_year: f64) -> Result<Self> {
        Self::try_from(Spec::Poisson { per_year })
    }

    /// Exactly `per_year` outages a year.
    #[must_use]
    pub fn fixed(per_year: u32) -> Self {
        Frequency { spec: Spec::Fixed { per_year } }
    }

    /// A Gamma-distributed rate with mean `mean_per_year` and shape `shape`
    /// (a negative binomial count).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a negative or non-finite mean (field
    /// `negative_binomial.mean_per_year`), or a shape outside 10⁻³ to 10⁶
    /// (field `negative_binomial.shape`; see the limits in the design
    /// document).
    pub fn negative_binomial(mean_per_year: f64, shape: f64) -> Result<Self> {
        Self::try_from(Spec::NegativeBinomial { mean_per_year, shape })
    }

    pub(crate) fn spec(&self) -> Spec {
        self.spec
    }

    /// `E[N]` a year.
    #[must_use]
    pub fn mean_per_year(&self) -> f64 {
        match self.spec {
            Spec::Poisson { per_year } => per_year,
            Spec::Fixed { per_year } => f64::from(per_year),
            Spec::NegativeBinomial { mean_per_year, .. } => mean_per_year,
        }
    }

    /// `Var N` a year: λ (Poisson), 0 (fixed), λ + λ²/r (negative binomial).
    #[must_use]
    pub fn variance_per_year(&self) -> f64 {
        match self.spec {
            Spec::Poisson { per_year } => per_year,
            Spec::Fixed { .. } => 0.0,
            Spec::NegativeBinomial { mean_per_year: m, shape } => m + m * m / shape,
        }
    }

    /// A one-line description.
    fn description(&self) -> String {
        match self.spec {
            Spec::Poisson { per_year } => format!("Poisson, {per_year} a year"),
            Spec::Fixed { per_year } => format!("exactly {per_year} a year"),
            Spec::NegativeBinomial { mean_per_year, shape } => {
                format!("negative binomial, mean {mean_per_year} a year, shape {shape}")
            }
        }
    }

    /// The same process with the mean rate multiplied by `factor` (the
    /// fewer-incidents policy). A fixed count becomes a Poisson count with
    /// the scaled mean, whatever the factor, so that rescaling is continuous
    /// in the factor (a count of exactly n has no counterpart at n × 0.9).
    #[must_use]
    pub(crate) fn scaled(&self, factor: f64) -> Self {
        let spec = match self.spec {
            Spec::Poisson { per_year } => Spec::Poisson { per_year: per_year * factor },
            Spec::Fixed { per_year } => Spec::Poisson { per_year: f64::from(per_year) * factor },
            Spec::NegativeBinomial { mean_per_year, shape } => {
                Spec::NegativeBinomial { mean_per_year: mean_per_year * factor, shape }
            }
        };
        Frequency { spec }
    }

    /// The count in a period that is `share` of the year (0 < share ≤ 1):
    /// Poisson(λq); NB(r, β = λq/r) for an uncertain rate (the rate is shared
    /// by the whole year, so each period's count is marginally NB); and
    /// Binomial(n, q) for a fixed count placed uniformly over the year.
    pub(crate) fn period_count(&self, share: f64) -> PeriodCount {
        let q = share.clamp(0.0, 1.0);
        match self.spec {
            Spec::Poisson { per_year } => PeriodCount::Poisson { lambda: per_year * q },
            Spec::NegativeBinomial { mean_per_year, shape } => {
                PeriodCount::NegativeBinomial { r: shape, beta: mean_per_year * q / shape }
            }
            Spec::Fixed { per_year } if q >= 1.0 => PeriodCount::Exactly(per_year),
            Spec::Fixed { per_year } => PeriodCount::Binomial { n: per_year, q },
        }
    }
}

crate::json::deserialize_via!(Frequency, Spec);
