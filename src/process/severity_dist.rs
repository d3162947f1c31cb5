//! Distributions of outage severity (the share of capacity lost).

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::error::{Error, Result};
use crate::fraction::Fraction;
use crate::numerics;
use crate::parameter::{Parameter, ParameterKind, Parameters};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Spec {
    Fixed(Fraction),
    Beta { alpha: f64, beta: f64 },
    Empirical(Vec<Fraction>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Fixed(f64),
    Beta {
        alpha: f64,
        beta: f64,
    },
    /// Sorted ascending, at least one value.
    Empirical(Vec<f64>),
}

/// The distribution of outage severity on [0, 1]: fixed (1 unless set),
/// beta, or empirical (past severities, each equally likely).
///
/// In scenario files: `{"fixed": "1"}`, `{"beta": {"alpha": 2, "beta": 3}}`,
/// `{"empirical": ["1", "0.3", "0.5"]}`.
///
/// # Example
///
/// ```
/// use downtime_cost::SeverityDistribution;
/// let s = SeverityDistribution::beta(2.0, 2.0)?;
/// assert!((s.mean() - 0.5).abs() < 1e-15);
/// assert!((s.cdf(0.5) - 0.5).abs() < 1e-12);
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "Spec"))]
#[serde(into = "Spec")]
pub struct SeverityDistribution {
    spec: Spec,
    kind: Kind,
}

impl Default for SeverityDistribution {
    fn default() -> Self {
        SeverityDistribution::fixed(Fraction::ONE)
    }
}

/// The beta's `α` and `β` accepted: 10⁻³ to 10⁶ each. Beyond, the severity is
/// an atom at 0 or 1 in all but name, or fixed at its mean to within a
/// standard deviation below 10⁻³, and the quantiles and incomplete beta
/// function the methods use lose their accuracy (use `fixed` instead).
const BETA_RANGE: (f64, f64) = (1e-3, 1e6);

impl TryFrom<Spec> for SeverityDistribution {
    type Error = Error;
    fn try_from(spec: Spec) -> Result<Self> {
        let kind = match &spec {
            Spec::Fixed(f) => Kind::Fixed(f.to_f64_lossy()),
            Spec::Beta { alpha, beta } => {
                for (field, v) in [("beta.alpha", alpha), ("beta.beta", beta)] {
                    if !(BETA_RANGE.0..=BETA_RANGE.1).contains(v) {
                        return Err(Error::invalid(field, v, "must be between 0.001 and 1000000"));
                    }
                }
                Kind::Beta { alpha: *alpha, beta: *beta }
            }
            Spec::Empirical(v) => {
                if v.is_empty() {
                    return Err(Error::invalid("empirical", "[]", "must list at least one severity"));
                }
                crate::limits::at_most(
                    "empirical",
                    v.len(),
                    crate::limits::MAX_EMPIRICAL_SEVERITIES,
                    "must list at most 10000 severities",
                )?;
                let mut s: Vec<f64> = v.iter().map(|f| f.to_f64_lossy()).collect();
                s.sort_by(f64::total_cmp);
                Kind::Empirical(s)
            }
        };
        Ok(SeverityDistribution { spec, kind })
    }
}

/// `fixed`, `beta.alpha` and `beta.beta`, or `empirical[*]`.
impl Parameters for SeverityDistribution {
    fn parameters(&self) -> Vec<Parameter> {
        match &self.spec {
            Spec::Fixed(f) => vec![Parameter::share("fixed", *f)],
            Spec::Beta { alpha, beta } => {
                vec![Parameter::real("beta.alpha", *alpha), Parameter::real("beta.beta", *beta)]
            }
            Spec::Empirical(_) => vec![Parameter::list("empirical[*]", ParameterKind::Share)],
        }
    }

    fn scaled_parameter(&self, name: &str, factor: rust_decimal::Decimal, cap: bool) -> Result<Self> {
        use crate::parameter::{scale_real, scale_share, unknown};
        let share = |f: Fraction| scale_share(name, f, factor, cap);
        let spec = match (name, &self.spec) {
            ("fixed", Spec::Fixed(f)) => Spec::Fixed(share(*f)?),
            ("beta.alpha", Spec::Beta { alpha, beta }) => {
                Spec::Beta { alpha: scale_real(name, *alpha, factor)?, beta: *beta }
            }
            ("beta.beta", Spec::Beta { alpha, beta }) => {
                Spec::Beta { alpha: *alpha, beta: scale_real(name, *beta, factor)? }
            }
            ("empirical[*]", Spec::Empirical(v)) => {
                Spec::Empirical(v.iter().map(|f| share(*f)).collect::<Result<_>>()?)
            }
            _ => return Err(unknown(name)),
        };
        Self::try_from(spec).map_err(|e| crate::parameter::within_family(e, name))
    }
}

impl From<SeverityDistribution> for Spec {
    fn from(s: SeverityDistribution) -> Self {
        s.spec
    }
}

impl fmt::Display for SeverityDistribution {
    /// A one-line description.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.description())
    }
}

impl fmt::Debug for SeverityDistribution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SeverityDistribution({:?})", self.kind)
    }
}

#[expect(clippy::cast_precision_loss, reason = "sample counts are far below 2^52")]
fn len(v: &[f64]) -> f64 {
    v.len() as f64
}

impl SeverityDistribution {
    /// Every outage has severity `s`.
    #[must_use]
    pub fn fixed(s: Fraction) -> Self {
        SeverityDistribution { spec: Spec::Fixed(s), kind: Kind::Fixed(s.to_f64_lossy()) }
    }

    /// Beta(α, β) on [0, 1], mean α / (α + β).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] naming `beta.alpha` or `beta.beta` unless both lie between
    /// 10⁻³ and 10⁶ (see the limits in the design document).
    pub fn beta(alpha: f64, beta: f64) -> Result<Self> {
        Self::try_from(Spec::Beta { alpha, beta })
    }

    /// Past severities, each equally likely.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `empirical`) for an empty list.
    pub fn empirical(values: &[Fraction]) -> Result<Self> {
        Self::try_from(Spec::Empirical(values.to_vec()))
    }

    pub(crate) fn kind(&self) -> &Kind {
        &self.kind
    }

    /// A one-line description.
    fn description(&self) -> String {
        match &self.kind {
            Kind::Fixed(s) => format!("fixed {s}"),
            Kind::Beta { alpha, beta } => format!("beta(α = {alpha}, β = {beta})"),
            Kind::Empirical(v) => format!("empirical, {} severities", v.len()),
        }
    }

    /// `E[S]`.
    #[must_use]
    pub fn mean(&self) -> f64 {
        match &self.kind {
            Kind::Fixed(s) => *s,
            Kind::Beta { alpha, beta } => alpha / (alpha + beta),
            Kind::Empirical(v) => v.iter().sum::<f64>() / len(v),
        }
    }

    /// `P(S ≤ s)`.
    #[must_use]
    pub fn cdf(&self, s: f64) -> f64 {
        if s.is_nan() {
            return f64::NAN;
        }
        match &self.kind {
            Kind::Fixed(v) => f64::from(u8::from(s >= *v)),
            Kind::Beta { alpha, beta } => numerics::beta_inc(*alpha, *beta, s.clamp(0.0, 1.0)),
            #[expect(clippy::cast_precision_loss, reason = "sample counts are far below 2^52")]
            Kind::Empirical(v) => v.partition_point(|x| *x <= s) as f64 / len(v),
        }
    }

    /// The `p`-quantile: the value itself for a fixed severity; the
    /// `⌈p·n⌉`-th smallest of `n` samples for an empirical one (the smallest
    /// at `p = 0`); for a beta one the inverse of its regularised incomplete
    /// beta function, `p^{1/α}` for Beta(α, 1) and `1 − (1 − p)^{1/β}` for
    /// Beta(1, β) in closed form, otherwise solved to about 1e-13 relative.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `p`) unless `0 ≤ p ≤ 1`.
    pub fn quantile(&self, p: f64) -> Result<f64> {
        if !(0.0..=1.0).contains(&p) {
            return Err(Error::invalid("p", p, "must be between 0 and 1"));
        }
        Ok(match &self.kind {
            Kind::Fixed(v) => *v,
            Kind::Beta { alpha, beta } => numerics::beta_inc_inv(*alpha, *beta, p),
            Kind::Empirical(v) => {
                #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0 ≤ p·n ≤ n")]
                let k = (p * len(v)).ceil() as usize;
                v.get(k.saturating_sub(1)).or(v.first()).copied().unwrap_or(0.0)
            }
        })
    }

    /// `P(S ≥ s and S > 0)`: the chance an outage is at least `s` severe
    /// (an outage of severity 0 never counts).
    #[must_use]
    pub fn prob_at_least(&self, s: f64) -> f64 {
        match &self.kind {
            Kind::Fixed(v) => f64::from(u8::from(*v >= s && *v > 0.0)),
            // Continuous: P(S ≥ s) = 1 − I_s(α, β); P(S = 0) = 0.
            Kind::Beta { alpha, beta } => 1.0 - numerics::beta_inc(*alpha, *beta, s.clamp(0.0, 1.0)),
            #[expect(clippy::cast_precision_loss, reason = "sample counts are far below 2^52")]
            Kind::Empirical(v) => v.iter().filter(|x| **x >= s && **x > 0.0).count() as f64 / len(v),
        }
    }
}

crate::json::deserialize_via!(SeverityDistribution, Spec);
