//! The Weibull family: censored log-likelihood, the profile score whose root
//! is the shape, the exact observed information and the estimate.

use super::{DurationFamily, FitResult, NOT_PD, ParameterEstimate, Sample, finish, too_few};
use crate::numerics::standard_errors_2;
use crate::process::DurationDistribution;
use crate::process::duration_dist::from_hours;

/// `ln L(k, λ) = Σ_closed [ln k − ln λ + (k − 1)(ln tᵢ − ln λ)] − Σ_all (x/λ)^k`.
fn weibull_log_likelihood(s: &Sample, shape: f64, ln_scale: f64) -> f64 {
    let closed: f64 = s
        .ln_closed
        .iter()
        .map(|y| {
            let u = y - ln_scale;
            shape.ln() - ln_scale + (shape - 1.0) * u - (shape * u).exp()
        })
        .sum();
    let open: f64 = s.ln_censored.iter().map(|y| -(shape * (y - ln_scale)).exp()).sum();
    closed + open
}

/// The profile score `g(k) = 1/k + mean_closed ln u − Σ u^k ln u / Σ u^k`
/// and its derivative `−1/k² − Var_w(ln u)` (weights `u^k`), with
/// `u = x / max x` so that no power overflows.
pub(super) struct WeibullProfile {
    /// `ln u` of every time, closed and open.
    ln_u: Vec<f64>,
    /// Mean `ln u` of the closed times.
    mean_closed: f64,
}

impl WeibullProfile {
    pub(super) fn new(s: &Sample) -> Self {
        let ln_max = s.ln_closed.iter().chain(&s.ln_censored).fold(f64::NEG_INFINITY, |m, y| m.max(*y));
        let ln_u = s.ln_closed.iter().chain(&s.ln_censored).map(|y| y - ln_max).collect();
        let mean_closed = s.ln_closed.iter().map(|y| y - ln_max).sum::<f64>() / s.r();
        WeibullProfile { ln_u, mean_closed }
    }

    /// `(Σ u^k, Σ u^k ln u, Σ u^k ln² u)`.
    fn sums(&self, k: f64) -> (f64, f64, f64) {
        self.ln_u.iter().fold((0.0, 0.0, 0.0), |(s0, s1, s2), l| {
            let w = (k * l).exp();
            (s0 + w, s1 + w * l, s2 + w * l * l)
        })
    }

    pub(super) fn score(&self, k: f64) -> (f64, f64) {
        let (s0, s1, s2) = self.sums(k);
        let a = s1 / s0;
        let var = (s2 / s0 - a * a).max(0.0);
        (1.0 / k + self.mean_closed - a, -1.0 / (k * k) - var)
    }
}

/// The root of the strictly decreasing profile score, or `None` if the
/// score stays positive (the likelihood grows without bound in `k`).
fn weibull_shape(profile: &WeibullProfile) -> Option<f64> {
    let g = |k: f64| profile.score(k).0;
    let (mut lo, mut hi) = (1.0_f64, 1.0_f64);
    if g(1.0) > 0.0 {
        while g(hi) > 0.0 {
            hi *= 2.0;
            if hi > 1e6 {
                return None;
            }
        }
        lo = hi / 2.0;
    } else {
        while g(lo) <= 0.0 {
            lo /= 2.0;
            if lo < 1e-9 {
                return None;
            }
        }
        hi = lo * 2.0;
    }
    // Safeguarded Newton: bisect whenever a step leaves (lo, hi).
    let mut k = 0.5 * (lo + hi);
    for _ in 0..200 {
        let (v, dv) = profile.score(k);
        if v == 0.0 {
            return Some(k);
        }
        if v > 0.0 {
            lo = k;
        } else {
            hi = k;
        }
        let newton = k - v / dv;
        let next = if newton > lo && newton < hi { newton } else { 0.5 * (lo + hi) };
        if (next - k).abs() <= 1e-15 * k || hi - lo <= 1e-15 * hi {
            return Some(next);
        }
        k = next;
    }
    Some(k)
}

/// The observed information `(−∂²/∂k², −∂²/∂k∂a, −∂²/∂a²)` of the Weibull
/// log-likelihood in `(k, a = ln λ)`, exact.
///
/// With `vᵢ = ln xᵢ − a` and `wᵢ = e^{k vᵢ} = (xᵢ/λ)^k` over every time
/// (closed and open), `ln L = r ln k − r k a + (k − 1) Σ_closed ln tᵢ − Σ wᵢ`,
/// so `∂/∂k = r/k + Σ_closed vᵢ − Σ vᵢwᵢ`, `∂/∂a = k(Σ wᵢ − r)` and
/// `−∂²/∂k² = r/k² + Σ vᵢ²wᵢ`, `−∂²/∂k∂a = r − Σ wᵢ − k Σ vᵢwᵢ`,
/// `−∂²/∂a² = k² Σ wᵢ`.
fn weibull_information(s: &Sample, shape: f64, ln_scale: f64) -> (f64, f64, f64) {
    let (s0, s1, s2) = s.ln_closed.iter().chain(&s.ln_censored).fold((0.0, 0.0, 0.0), |(s0, s1, s2), y| {
        let v = y - ln_scale;
        let w = (shape * v).exp();
        (s0 + w, s1 + v * w, s2 + v * v * w)
    });
    let r = s.r();
    (r / (shape * shape) + s2, r - s0 - shape * s1, shape * shape * s0)
}

pub(super) fn fit_weibull(s: &Sample) -> FitResult {
    if s.closed.len() < 2 {
        return Err(too_few("two"));
    }
    let profile = WeibullProfile::new(s);
    let shape = weibull_shape(&profile).ok_or_else(|| {
        "the likelihood keeps growing with the shape: the closed durations are too alike".to_owned()
    })?;
    // λ = max x · (Σ u^k / r)^{1/k}.
    let ln_max = s.ln_closed.iter().chain(&s.ln_censored).fold(f64::NEG_INFINITY, |m, y| m.max(*y));
    let ln_scale = ln_max + (profile.sums(shape).0 / s.r()).ln() / shape;
    let scale = ln_scale.exp();
    // SE(λ) = λ·SE(ln λ) (delta method).
    let [se_shape, se_ln_scale] =
        standard_errors_2(weibull_information(s, shape, ln_scale)).ok_or_else(|| NOT_PD.to_owned())?;
    finish(
        DurationFamily::Weibull,
        s,
        weibull_log_likelihood(s, shape, ln_scale),
        vec![
            ParameterEstimate::new("shape", "", shape, se_shape, true),
            ParameterEstimate::new("scale", "h", scale, scale * se_ln_scale, true),
        ],
        DurationDistribution::weibull(shape, from_hours(scale)),
    )
}
