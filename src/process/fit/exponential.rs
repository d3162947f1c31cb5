//! The exponential family: censored log-likelihood, closed-form estimate of
//! the mean and its exact observed information.

use super::{DurationFamily, FitResult, NOT_PD, ParameterEstimate, Sample, finish, too_few};
use crate::process::DurationDistribution;
use crate::process::duration_dist::from_hours;

/// `ln L(m) = −r ln m − (Σ tᵢ + Σ cⱼ)/m`.
fn exp_log_likelihood(s: &Sample, mean: f64) -> f64 {
    let total: f64 = s.closed.iter().chain(&s.censored).sum();
    -s.r() * mean.ln() - total / mean
}

/// The observed information `−d² ln L/dm² = (2T/m − r)/m²` of the
/// exponential at mean `m`, `T = Σ tᵢ + Σ cⱼ` (`r/m²` at the estimate
/// `m = T/r`).
fn exp_information(s: &Sample, mean: f64) -> f64 {
    let total: f64 = s.closed.iter().chain(&s.censored).sum();
    (2.0 * total / mean - s.r()) / (mean * mean)
}

pub(super) fn fit_exponential(s: &Sample) -> FitResult {
    if s.closed.is_empty() {
        return Err(too_few("one"));
    }
    let total: f64 = s.closed.iter().chain(&s.censored).sum();
    let mean = total / s.r();
    let info = exp_information(s, mean);
    if info.is_nan() || info <= 0.0 {
        return Err(NOT_PD.to_owned());
    }
    let se = 1.0 / info.sqrt();
    finish(
        DurationFamily::Exponential,
        s,
        exp_log_likelihood(s, mean),
        vec![ParameterEstimate::new("mean", "h", mean, se, true)],
        DurationDistribution::exponential(from_hours(mean)),
    )
}
