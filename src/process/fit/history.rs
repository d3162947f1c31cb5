//! The data of a fit: [`Incident`]s seen during an observation window, the
//! [`IncidentHistory`] that validates them, and its JSON form.

use serde::{Deserialize, Serialize};
use std::time::Duration;

use super::{HistoryFit, Sample, fit_history};
use crate::duration;
use crate::error::{Error, Result};
use crate::process::duration_dist::hours;

/// Seconds in the 365-day year used for rates.
const YEAR_SECONDS: f64 = 365.0 * 86_400.0;

/// One incident of an [`IncidentHistory`]: when it started (an offset from
/// the start of the observation window) and how long it lasted, or that it
/// was still open when the window ended.
///
/// # Example
///
/// ```
/// use downtime_cost::Incident;
/// use std::time::Duration;
///
/// let closed = Incident::closed(Duration::from_secs(86_400), Duration::from_secs(5_400));
/// assert_eq!(closed.duration(), Some(Duration::from_secs(5_400)));
/// let open = Incident::open(Duration::from_secs(3 * 86_400));
/// assert!(open.is_open());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Incident {
    start: Duration,
    duration: Option<Duration>,
}

impl Incident {
    /// An incident that started `start` after the window's start and lasted
    /// `duration` (validated by [`IncidentHistory::new`]).
    #[must_use]
    pub const fn closed(start: Duration, duration: Duration) -> Self {
        Incident { start, duration: Some(duration) }
    }

    /// An incident that started `start` after the window's start and was
    /// still open when the window ended: its duration is right-censored at
    /// `observed − start` (it lasted at least that long).
    #[must_use]
    pub const fn open(start: Duration) -> Self {
        Incident { start, duration: None }
    }

    /// The start, as an offset from the start of the observation window.
    #[must_use]
    pub const fn start(&self) -> Duration {
        self.start
    }

    /// The duration of a closed incident, `None` for an open one.
    #[must_use]
    pub const fn duration(&self) -> Option<Duration> {
        self.duration
    }

    /// Whether the incident was still open at the end of the window.
    #[must_use]
    pub const fn is_open(&self) -> bool {
        self.duration.is_none()
    }
}

/// How an incident history is written in JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct HistorySpec {
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    observed: Duration,
    incidents: Vec<IncidentSpec>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct IncidentSpec {
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    start: Duration,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    duration: Option<DurationText>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    open: bool,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(inline))]
#[serde(transparent)]
struct DurationText(
    #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
    #[serde(with = "crate::duration::wire")]
    Duration,
);

/// The incidents seen during an observation window: the data
/// [`fit_history`] fits an [`OutageProcess`](crate::process::OutageProcess) to.
///
/// `observed` is the window's length; each incident has a `start` offset
/// from the window's start and either a `duration` or `"open": true` (still
/// open when the window ended, so its duration is only known to exceed
/// `observed − start`: right-censored).
///
/// In JSON (durations in any form of [`crate::duration::parse`]):
///
/// ```json
/// {"observed": "730d", "incidents": [
///     {"start": "12d4h", "duration": "2h"},
///     {"start": "700d", "open": true}
/// ]}
/// ```
///
/// # Validation
///
/// [`Error::Invalid`] naming the field (`observed`, `incidents[3].start`,
/// `incidents[3].duration`, `incidents[3]`) for a zero window, an incident
/// starting at or after the window's end,
/// a zero duration, a duration running past the window's end (such an
/// incident was still open then: mark it `"open": true`), or an incident
/// with both or neither of `duration` and `"open": true`.
///
/// An empty list of incidents is valid (a quiet window): [`fit_history`]
/// then fits a rate of 0 with its exact one-sided upper bound and no
/// duration family.
///
/// # Example
///
/// ```
/// use downtime_cost::IncidentHistory;
///
/// let h = IncidentHistory::from_json(
///     r#"{"observed": "730d", "incidents": [
///         {"start": "12d4h", "duration": "2h"}, {"start": "700d", "open": true}]}"#,
/// )?;
/// assert_eq!(h.incidents().len(), 2);
/// assert_eq!(h.observed_years(), 2.0);
///
/// let err = IncidentHistory::from_json(
///     r#"{"observed": "30d", "incidents": [{"start": "29d23h", "duration": "2h"}]}"#,
/// )
/// .unwrap_err();
/// assert!(err.to_string().contains("incidents[0].duration"));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(with = "HistorySpec"))]
#[serde(into = "HistorySpec")]
pub struct IncidentHistory {
    observed: Duration,
    incidents: Vec<Incident>,
}

impl TryFrom<HistorySpec> for IncidentHistory {
    type Error = Error;

    fn try_from(spec: HistorySpec) -> Result<Self> {
        let incidents = spec
            .incidents
            .iter()
            .enumerate()
            .map(|(i, inc)| match (inc.duration, inc.open) {
                (Some(d), false) => Ok(Incident::closed(inc.start, d.0)),
                (None, true) => Ok(Incident::open(inc.start)),
                (Some(d), true) => Err(Error::invalid(
                    format!("incidents[{i}]"),
                    format!("duration {} and \"open\": true", duration::format(d.0)),
                    "must have either a duration or \"open\": true, not both",
                )),
                (None, false) => Err(Error::invalid(
                    format!("incidents[{i}]"),
                    "neither",
                    "must have a duration or \"open\": true",
                )),
            })
            .collect::<Result<Vec<_>>>()?;
        IncidentHistory::new(spec.observed, incidents)
    }
}

impl From<IncidentHistory> for HistorySpec {
    fn from(h: IncidentHistory) -> Self {
        HistorySpec {
            observed: h.observed,
            incidents: h
                .incidents
                .iter()
                .map(|inc| IncidentSpec {
                    start: inc.start,
                    duration: inc.duration.map(DurationText),
                    open: inc.is_open(),
                })
                .collect(),
        }
    }
}

/// `observed` and, when some incident is closed, `incidents[*].duration`
/// (the starts are positions in time, not magnitudes).
impl crate::parameter::Parameters for IncidentHistory {
    fn parameters(&self) -> Vec<crate::parameter::Parameter> {
        use crate::parameter::{Parameter, ParameterKind};
        let mut out = vec![Parameter::duration("observed", self.observed)];
        if self.incidents.iter().any(|i| !i.is_open()) {
            out.push(Parameter::list("incidents[*].duration", ParameterKind::Duration));
        }
        out
    }

    fn scaled_parameter(&self, name: &str, factor: rust_decimal::Decimal, _cap: bool) -> Result<Self> {
        use crate::parameter::{scale_duration, unknown};
        match name {
            "observed" => {
                IncidentHistory::new(scale_duration(name, self.observed, factor)?, self.incidents.clone())
            }
            "incidents[*].duration" if self.incidents.iter().any(|i| !i.is_open()) => {
                let scaled = |i: &Incident| -> Result<Incident> {
                    Ok(match i.duration {
                        Some(d) => Incident::closed(i.start, scale_duration(name, d, factor)?),
                        None => *i,
                    })
                };
                IncidentHistory::new(self.observed, self.incidents.iter().map(scaled).collect::<Result<_>>()?)
            }
            _ => Err(unknown(name)),
        }
    }
}

impl IncidentHistory {
    /// A validated history: `incidents` seen during a window of length
    /// `observed`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] as listed under [Validation](#validation).
    pub fn new(observed: Duration, incidents: Vec<Incident>) -> Result<Self> {
        if observed.is_zero() {
            return Err(Error::invalid("observed", "0s", "must be above 0"));
        }
        crate::limits::at_most(
            "incidents",
            incidents.len(),
            crate::limits::MAX_INCIDENTS,
            "must list at most 500000 incidents",
        )?;
        for (i, inc) in incidents.iter().enumerate() {
            if inc.start >= observed {
                return Err(Error::invalid(
                    format!("incidents[{i}].start"),
                    format!("{} (the window is {})", duration::format(inc.start), duration::format(observed)),
                    "must be before the end of the observation window",
                ));
            }
            if let Some(d) = inc.duration {
                if d.is_zero() {
                    return Err(Error::invalid(format!("incidents[{i}].duration"), "0s", "must be above 0"));
                }
                if inc.start.checked_add(d).is_none_or(|end| end > observed) {
                    return Err(Error::invalid(
                        format!("incidents[{i}].duration"),
                        format!(
                            "{} from {} (the window ends at {})",
                            duration::format(d),
                            duration::format(inc.start),
                            duration::format(observed)
                        ),
                        "must not run past the end of the observation window (an incident still open then is marked \"open\": true)",
                    ));
                }
            }
        }
        Ok(IncidentHistory { observed, incidents })
    }

    /// Reads a history from JSON (the format above).
    ///
    /// # Errors
    ///
    /// [`Error::Document`] naming the JSON path of a malformed or unknown
    /// field; [`Error::Invalid`] with the path, value, rule and position of
    /// a value that breaks a rule.
    pub fn from_json(json: &str) -> Result<Self> {
        crate::json::read(json)
    }

    /// The length of the observation window.
    #[must_use]
    pub const fn observed(&self) -> Duration {
        self.observed
    }

    /// The window's length in 365-day years.
    #[must_use]
    pub fn observed_years(&self) -> f64 {
        self.observed.as_secs_f64() / YEAR_SECONDS
    }

    /// The incidents, in the order given.
    #[must_use]
    pub fn incidents(&self) -> &[Incident] {
        &self.incidents
    }

    /// [`fit_history`] of this history.
    ///
    /// # Errors
    ///
    /// As [`fit_history`].
    pub fn fit(&self) -> Result<HistoryFit> {
        fit_history(self)
    }

    /// The closed durations and the censoring times of open incidents, in hours.
    pub(super) fn sample(&self) -> Sample {
        let mut closed = Vec::new();
        let mut censored = Vec::new();
        for inc in &self.incidents {
            match inc.duration {
                Some(d) => closed.push(hours(d)),
                None => censored.push(hours(self.observed.saturating_sub(inc.start))),
            }
        }
        Sample::new(closed, censored)
    }
}

crate::json::deserialize_via!(IncidentHistory, HistorySpec);
