//! How outages happen: frequency, duration and severity distributions, and
//! fitting them from an incident history.

mod compound;
pub(crate) mod duration_dist;
mod fit;
mod frequency;
mod moments;
mod outage_process;
pub(crate) mod severity_dist;

pub(crate) use compound::{GridCache, PerOutage, cells_to, first_step, lattice_tail, tail_bounds};
pub use duration_dist::{DurationDistribution, MAX_MEAN_DURATION_HOURS, QuantilePoint};
pub use fit::{
    DurationFamily, DurationFit, HistoryFit, Incident, IncidentHistory, ParameterEstimate, RateFit,
    SkippedFit, fit_history,
};
pub use frequency::Frequency;
pub(crate) use frequency::{PeriodCount, Spec as FrequencySpec};
pub(crate) use moments::Moments;
pub use outage_process::OutageProcess;
pub(crate) use outage_process::derived_process;
pub use severity_dist::SeverityDistribution;

#[cfg(test)]
mod tests;
