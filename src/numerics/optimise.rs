//! Maximum likelihood in two parameters: Newton's method with a line search
//! on an exact score and observed information, and the standard errors from
//! that information.

/// `(−H)⁻¹ g` if `−H = (i11, i12, i22)` is positive definite.
fn solve_2((i11, i12, i22): (f64, f64, f64), [g1, g2]: [f64; 2]) -> Option<[f64; 2]> {
    let det = i11 * i22 - i12 * i12;
    (i11 > 0.0 && det > 0.0 && det.is_finite())
        .then(|| [(i22 * g1 - i12 * g2) / det, (i11 * g2 - i12 * g1) / det])
}

/// `√diag((−H)⁻¹)` from the observed information `−H = (i11, i12, i22)`,
/// or `None` if it is not positive definite.
pub(crate) fn standard_errors_2((i11, i12, i22): (f64, f64, f64)) -> Option<[f64; 2]> {
    let det = i11 * i22 - i12 * i12;
    (i11 > 0.0 && det > 0.0 && det.is_finite()).then(|| [(i22 / det).sqrt(), (i11 / det).sqrt()])
}

/// The score and observed information of a two-parameter log-likelihood.
type Derivatives<'a> = &'a dyn Fn([f64; 2]) -> ([f64; 2], (f64, f64, f64));

/// Maximises `log_lik` from `start` by Newton's method with a backtracking
/// (Armijo) line search, falling back to steepest ascent where the Hessian
/// is not negative definite; steps are capped at 1 in each coordinate.
/// `derivatives` gives the exact score and observed information. Once the
/// Newton decrement `gᵀ(−H)⁻¹g / 2` (the predicted gain) is below 1e-12,
/// full Newton steps on the score polish the point for as long as they
/// shrink the decrement (the line search cannot see gains below the
/// rounding of ln L), so the estimate is accurate to a few ulps.
pub(crate) fn maximise(
    log_lik: &dyn Fn([f64; 2]) -> f64,
    derivatives: Derivatives<'_>,
    start: [f64; 2],
) -> Option<[f64; 2]> {
    let mut point = start;
    let mut value = log_lik(point);
    if !value.is_finite() {
        return None;
    }
    for _ in 0..500 {
        let (grad, information) = derivatives(point);
        let (dir, decrement) = match solve_2(information, grad) {
            Some(dir) => (dir, 0.5 * dot(grad, dir)),
            None => (grad, f64::INFINITY),
        };
        if decrement < 1e-12 {
            return Some(polish(derivatives, point, dir, decrement));
        }
        let [d1, d2] = dir;
        let size = d1.abs().max(d2.abs());
        if !size.is_finite() || size == 0.0 {
            return None;
        }
        let cap = if size > 1.0 { 1.0 / size } else { 1.0 };
        let dir = [d1 * cap, d2 * cap];
        let slope = dot(grad, dir);
        let mut length = 1.0;
        let mut moved = false;
        for _ in 0..60 {
            let trial = [point[0] + length * dir[0], point[1] + length * dir[1]];
            let trial_value = log_lik(trial);
            if trial_value.is_finite() && trial_value >= value + 1e-4 * length * slope {
                point = trial;
                value = trial_value;
                moved = true;
                break;
            }
            length *= 0.5;
        }
        if !moved {
            // At the rounding floor of ln L.
            return (decrement < 1e-6).then(|| polish(derivatives, point, dir, decrement));
        }
    }
    None
}

/// Full Newton steps `point + dir` from a point near the maximum, kept while
/// they shrink the Newton decrement (at most 8).
fn polish(
    derivatives: Derivatives<'_>,
    mut point: [f64; 2],
    mut dir: [f64; 2],
    mut decrement: f64,
) -> [f64; 2] {
    for _ in 0..8 {
        if decrement == 0.0 {
            break;
        }
        let trial = [point[0] + dir[0], point[1] + dir[1]];
        let (grad, information) = derivatives(trial);
        let Some(next) = solve_2(information, grad) else { break };
        let next_decrement = 0.5 * dot(grad, next);
        if next_decrement.is_nan() || next_decrement >= decrement {
            break;
        }
        (point, dir, decrement) = (trial, next, next_decrement);
    }
    point
}

fn dot([a1, a2]: [f64; 2], [b1, b2]: [f64; 2]) -> f64 {
    a1 * b1 + a2 * b2
}
