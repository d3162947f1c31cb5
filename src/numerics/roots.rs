//! Root finding: a safeguarded Halley iteration for an increasing function,
//! the last step of the inverse incomplete gamma and beta functions.

use super::EPS;

/// Safeguarded Halley iteration for an increasing function on `(lo, hi)`.
///
/// `eval(x)` gives `(f(x), f′(x), f″(x)/f′(x))`. A step leaving the current
/// bracket (or not finite) is replaced by bisection (geometric when the
/// bracket spans more than a factor 4). Stops when a step is below ~2 ulp,
/// the bracket has closed, or after 200 iterations.
pub(super) fn solve_increasing(
    mut x: f64,
    mut lo: f64,
    mut hi: f64,
    eval: impl Fn(f64) -> Option<(f64, f64, f64)>,
) -> f64 {
    for _ in 0..200 {
        let Some((f, slope, curvature)) = eval(x) else {
            return f64::NAN;
        };
        if f.is_nan() {
            return f64::NAN;
        }
        if f == 0.0 {
            return x;
        }
        if f > 0.0 {
            hi = x;
        } else {
            lo = x;
        }
        let newton = f / slope;
        let halley = newton / (1.0 - 0.5 * (newton * curvature).clamp(-1.0, 1.0));
        let step = if halley.is_finite() { halley } else { newton };
        let mut next = x - step;
        if !(next.is_finite() && next > lo && next < hi) {
            next = if hi.is_infinite() {
                (x * 4.0).max(1.0)
            } else if lo <= 0.0 {
                hi * 0.0625
            } else if hi > 4.0 * lo {
                (lo.sqrt()) * hi.sqrt()
            } else {
                0.5 * (lo + hi)
            };
        }
        if (next - x).abs() <= 2.0 * EPS * next.abs() || (hi.is_finite() && hi - lo <= 2.0 * EPS * hi) {
            return next;
        }
        x = next;
    }
    x
}
