//! Expectations of curves of duration under a duration distribution, the
//! closed-form building blocks of expected costs (docs/design.md §5).

use super::duration_dist::hours;
use super::{DurationDistribution, SeverityDistribution};
use crate::curve::Curve;
use crate::decimal::to_f64_lossy;

/// A duration distribution and a severity distribution, with their means.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Moments<'a> {
    pub(crate) duration: &'a DurationDistribution,
    pub(crate) severity: &'a SeverityDistribution,
    /// `E[D]` in hours.
    pub(crate) mean_hours: f64,
    /// `E[S]`.
    pub(crate) mean_severity: f64,
}

impl<'a> Moments<'a> {
    pub(crate) fn new(duration: &'a DurationDistribution, severity: &'a SeverityDistribution) -> Self {
        Moments { duration, severity, mean_hours: duration.mean_hours(), mean_severity: severity.mean() }
    }

    /// `P(D ≥ t)` for `t` in hours.
    pub(crate) fn prob_at_least(&self, t: f64) -> f64 {
        self.duration.partial_hours(0, t, f64::INFINITY)
    }

    /// `E[c(D)]` and `E[D·c(D)]` (hours) for a piecewise-linear curve `c`.
    ///
    /// ```text
    /// c(d) = αₖ + βₖ·d on [tₖ, tₖ₊₁), βₖ = (yₖ₊₁ − yₖ)/(tₖ₊₁ − tₖ), αₖ = yₖ − βₖ·tₖ; c = y_last beyond
    /// E[c(D)]   = Σ αₖ·P(tₖ ≤ D < tₖ₊₁) + βₖ·E[D; tₖ ≤ D < tₖ₊₁] + y_last·P(D ≥ t_last)
    /// E[D·c(D)] = Σ αₖ·E[D; …] + βₖ·E[D²; …] + y_last·E[D; D ≥ t_last]
    /// ```
    pub(crate) fn curve(&self, curve: &Curve) -> (f64, f64) {
        let pts: Vec<(f64, f64)> =
            curve.points().iter().map(|p| (hours(p.at()), to_f64_lossy(p.value()))).collect();
        let d = self.duration;
        let (mut e0, mut e1) = (0.0, 0.0);
        for pair in pts.windows(2) {
            let [(t0, y0), (t1, y1)] = pair else { continue };
            if t1 <= t0 {
                continue; // a jump: zero width
            }
            let beta = (y1 - y0) / (t1 - t0);
            let alpha = y0 - beta * t0;
            let (p0, p1, p2) =
                (d.partial_hours(0, *t0, *t1), d.partial_hours(1, *t0, *t1), d.partial_hours(2, *t0, *t1));
            e0 += alpha * p0 + beta * p1;
            e1 += alpha * p1 + beta * p2;
        }
        if let Some(&(t, y)) = pts.last() {
            e0 += y * d.partial_hours(0, t, f64::INFINITY);
            e1 += y * d.partial_hours(1, t, f64::INFINITY);
        }
        (e0, e1)
    }
}
