//! `OutageProcess`: frequency × duration × severity.

use serde::{Deserialize, Serialize};

use super::{DurationDistribution, Frequency, SeverityDistribution};
use crate::error::Result;
use crate::parameter::{Parameter, Parameters, parameters_within, scaled_within, unknown};

/// How outages happen: how many a year, how long, how severe. Durations and
/// severities are independent of each other and of the count.
///
/// In scenario files:
/// `{"frequency": {"poisson": {"per_year": 6}}, "duration": {"lognormal": {…}}, "severity": {"fixed": "1"}}`
/// (`severity` defaults to a full outage).
///
/// # Example
///
/// ```
/// use downtime_cost::{DurationDistribution, Frequency, OutageProcess, SeverityDistribution};
/// use std::time::Duration;
///
/// let p = OutageProcess::new(
///     Frequency::poisson(6.0)?,
///     DurationDistribution::exponential(Duration::from_secs(5400))?,
///     SeverityDistribution::beta(3.0, 1.0)?,
/// );
/// // Expected severity-weighted downtime a year: 6 × 1.5 h × 0.75 = 6.75 h.
/// assert!((p.expected_weighted_downtime_hours() - 6.75).abs() < 1e-12);
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OutageProcess {
    frequency: Frequency,
    duration: DurationDistribution,
    #[serde(default)]
    severity: SeverityDistribution,
}

impl OutageProcess {
    /// A process.
    #[must_use]
    pub fn new(frequency: Frequency, duration: DurationDistribution, severity: SeverityDistribution) -> Self {
        OutageProcess { frequency, duration, severity }
    }

    /// The frequency.
    #[must_use]
    pub fn frequency(&self) -> &Frequency {
        &self.frequency
    }

    /// The duration distribution.
    #[must_use]
    pub fn duration(&self) -> &DurationDistribution {
        &self.duration
    }

    /// The severity distribution.
    #[must_use]
    pub fn severity(&self) -> &SeverityDistribution {
        &self.severity
    }

    /// `E[N] × E[D] × E[S]` in hours: the severity-weighted downtime a year.
    #[must_use]
    pub fn expected_weighted_downtime_hours(&self) -> f64 {
        self.frequency.mean_per_year() * self.duration.mean_hours() * self.severity.mean()
    }

    /// The same process with the rate scaled by `rate` and durations by
    /// `length` (`None`: that part is left as it is).
    #[must_use]
    pub(crate) fn rescaled(&self, rate: Option<f64>, length: Option<f64>) -> Self {
        OutageProcess {
            frequency: rate.map_or(self.frequency, |r| self.frequency.scaled(r)),
            duration: length.map_or_else(|| self.duration.clone(), |l| self.duration.scaled(l)),
            severity: self.severity.clone(),
        }
    }
}

/// The parameters of the frequency, the duration and the severity
/// distributions, named within `frequency`, `duration` and `severity`
/// (`duration.lognormal.mu`).
impl Parameters for OutageProcess {
    fn parameters(&self) -> Vec<Parameter> {
        parameters_within(&self.frequency, "frequency")
            .chain(parameters_within(&self.duration, "duration"))
            .chain(parameters_within(&self.severity, "severity"))
            .collect()
    }

    fn scaled_parameter(&self, name: &str, factor: rust_decimal::Decimal, cap: bool) -> Result<Self> {
        let mut p = self.clone();
        if let Some(f) = scaled_within(&self.frequency, "frequency", name, factor, cap) {
            p.frequency = f?;
        } else if let Some(d) = scaled_within(&self.duration, "duration", name, factor, cap) {
            p.duration = d?;
        } else if let Some(s) = scaled_within(&self.severity, "severity", name, factor, cap) {
            p.severity = s?;
        } else {
            return Err(unknown(name));
        }
        Ok(p)
    }
}

/// Reads an [`OutageProcess`] a study derived (a target row's), its duration
/// without the limit on the mean that guards user input
/// ([`super::MAX_MEAN_DURATION_HOURS`]); every other rule holds. Use as
/// `#[serde(deserialize_with = "crate::process::derived_process")]`.
pub(crate) fn derived_process<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<OutageProcess, D::Error> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Wire {
        frequency: Frequency,
        duration: super::duration_dist::Derived,
        #[serde(default)]
        severity: SeverityDistribution,
    }
    let w = Wire::deserialize(d)?;
    Ok(OutageProcess { frequency: w.frequency, duration: w.duration.0, severity: w.severity })
}
