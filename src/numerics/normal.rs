//! The standard normal distribution: density, CDF, survival function and
//! quantile, the log-survival function without underflow and the inverse
//! Mills ratio.

use super::EPS;
use super::gamma::{gamma_continued_fraction, gamma_series};

/// `ln √(2π)`.
pub(crate) const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// `1/√(2π)`.
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// `√3`: below it the normal CDF uses the series of `erf`, above it the
/// continued fraction of `erfc` (the split `x² / 2 = 1.5` is the one of the
/// incomplete gamma function with `a = ½`).
const SQRT_3: f64 = 1.732_050_807_568_877_2;

/// `e^{−x²/2}` with `x²` split exactly into `hi + lo` (by a fused
/// multiply-add), so that the rounding of `x²` does not cost `x²·2^−53`
/// of relative accuracy in the tails.
fn exp_neg_half_square(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x.abs() > 40.0 {
        return 0.0;
    }
    let hi = x * x;
    let lo = x.mul_add(x, -hi);
    (-0.5 * hi).exp() * (-0.5 * lo).exp()
}

/// Standard normal density `φ(x) = e^{−x²/2}/√(2π)`, with `x²` split exactly;
/// measured relative error below 3.4e-16 for all `x` (0 beyond
/// `|x| ≈ 38.6`, where it underflows). NaN for NaN.
pub(crate) fn normal_pdf(x: f64) -> f64 {
    FRAC_1_SQRT_2PI * exp_neg_half_square(x)
}

/// `Φ(x) − ½ = ½·erf(x/√2) = x·φ(x)·Σ_{n≥0} y^n/((3/2)(5/2)…(n+½))` with
/// `y = x²/2`, the incomplete-gamma series `P(½, y)/2`; for `|x| < √3`.
fn normal_centered_series(x: f64) -> f64 {
    x * normal_pdf(x) * gamma_series(0.5, 0.5 * x * x)
}

/// Upper tail `1 − Φ(x) = ½Q(½, x²/2) = x·φ(x)·CF(½, x²/2)/2` for `x ≥ √3`,
/// with the incomplete-gamma continued fraction `CF` (equivalently the
/// continued fraction of Mills' ratio); full relative accuracy until
/// `φ(x)` underflows near `x = 38.5`.
fn normal_upper_tail(x: f64) -> f64 {
    if x.is_infinite() {
        return 0.0;
    }
    0.5 * x * normal_pdf(x) * gamma_continued_fraction(0.5, 0.5 * x * x)
}

/// Standard normal survival function `1 − Φ(x) = Φ(−x) = ½ erfc(x/√2)`,
/// accurate relative to itself in the upper tail: `erfc` is FreeBSD msun's
/// (libm, < 1 ulp), and the rounding of `x/√2` is corrected to first order
/// with the double-double value of `1/√2`, so the relative error stays
/// within a few 1e-15 where the result is a normal `f64`. NaN for NaN.
pub(crate) fn normal_sf(x: f64) -> f64 {
    // 1/√2 = C_HI + C_LO exactly to about 1e-33.
    const C_HI: f64 = std::f64::consts::FRAC_1_SQRT_2;
    const C_LO: f64 = -4.833_646_656_726_457e-17;
    if x.is_nan() {
        return f64::NAN;
    }
    if x.is_infinite() {
        return if x > 0.0 { 0.0 } else { 1.0 };
    }
    let z = x * C_HI;
    // Exact rounding error of the product, plus the tail of 1/√2.
    let delta = x.mul_add(C_HI, -z) + x * C_LO;
    let e = libm::erfc(z);
    // erfc(z + δ) ≈ erfc(z) − δ·(2/√π)·e^{−z²}.
    let correction = delta * std::f64::consts::FRAC_2_SQRT_PI * (-z * z).exp();
    0.5 * (e - correction)
}

/// Standard normal CDF `Φ(x) = ½ erfc(−x/√2)`: [`normal_sf`] at `−x`, so
/// accurate relative to itself in the lower tail (measured relative error
/// below 3e-15, e.g. `Φ(−8)`, `Φ(−37)`). NaN for NaN.
pub(crate) fn normal_cdf(x: f64) -> f64 {
    normal_sf(-x)
}

/// Acklam's rational approximation of `Φ⁻¹(p)` (relative error 1.15e-9),
/// the starting point of [`normal_quantile`]; for `0 < p < 1`.
#[expect(clippy::unreadable_literal, reason = "published coefficients, copied digit for digit")]
fn acklam(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e+01,
        2.209460984245205e+02,
        -2.759285104469687e+02,
        1.38357751867269e+02,
        -3.066479806614716e+01,
        2.506628277459239e+00,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e+01,
        1.615858368580409e+02,
        -1.556989798598866e+02,
        6.680131188771972e+01,
        -1.328068155288572e+01,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-03,
        -3.223964580411365e-01,
        -2.400758277161838e+00,
        -2.549732539343734e+00,
        4.374664141464968e+00,
        2.938163982698783e+00,
    ];
    const D: [f64; 4] =
        [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
    const P_LOW: f64 = 0.02425;
    let tail = |t: f64| {
        let q = (-2.0 * t.ln()).sqrt();
        let num = C.iter().fold(0.0, |acc, &c| acc * q + c);
        let den = D.iter().fold(0.0, |acc, &d| acc * q + d) * q + 1.0;
        num / den
    };
    if p < P_LOW {
        tail(p)
    } else if p <= 1.0 - P_LOW {
        let q = p - 0.5;
        let r = q * q;
        let num = A.iter().fold(0.0, |acc, &a| acc * r + a) * q;
        let den = B.iter().fold(0.0, |acc, &b| acc * r + b) * r + 1.0;
        num / den
    } else {
        -tail(1.0 - p)
    }
}

/// Standard normal quantile `Φ⁻¹(p)`.
///
/// Acklam's approximation refined by Halley steps `x ← x − u/(1 + xu/2)`,
/// `u = (Φ(x) − p)/φ(x)`, with the residual formed without cancellation:
/// `(Φ(x) − ½) − (p − ½)` in the middle, `Φ(x) − p` in the lower tail and
/// `(1 − p) − (1 − Φ(x))` in the upper tail. Measured relative error below
/// 1.1e-15 for `p` from 1e-300 to `1 − 1e-15` (including `p = 1e-12` and
/// `1 − 1e-12`, and `p = ½ ± 1e-12`); for subnormal `p` it is limited by
/// the precision of subnormal numbers (1.5e-9 at `p = 1e-320`).
/// `−∞` at 0, `+∞` at 1, NaN outside `[0, 1]` or for NaN.
pub(crate) fn normal_quantile(p: f64) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let mut x = acklam(p);
    for _ in 0..6 {
        let residual = if p < 0.25 {
            normal_cdf(x) - p
        } else if p <= 0.75 {
            let centered = if x.abs() < SQRT_3 {
                normal_centered_series(x)
            } else if x > 0.0 {
                0.5 - normal_upper_tail(x)
            } else {
                normal_upper_tail(-x) - 0.5
            };
            centered - (p - 0.5)
        } else {
            (1.0 - p) - normal_sf(x)
        };
        let u = residual / normal_pdf(x);
        let step = u / (1.0 + 0.5 * x * u);
        if !step.is_finite() {
            break;
        }
        x -= step;
        if step.abs() <= EPS * x.abs() {
            break;
        }
    }
    x
}

/// `ln(1 − Φ(z))` without underflow: the Mills-ratio series beyond `z = 30`.
pub(crate) fn ln_normal_sf(z: f64) -> f64 {
    if z < 0.0 {
        (-normal_cdf(z)).ln_1p()
    } else if z < 30.0 {
        normal_sf(z).ln()
    } else {
        let w = 1.0 / (z * z);
        -0.5 * z * z - z.ln() - LN_SQRT_2PI + (w * (-1.0 + w * (3.0 + w * (-15.0 + w * 105.0)))).ln_1p()
    }
}

/// The inverse Mills ratio `λ(z) = φ(z)/(1 − Φ(z))` and `λ(z) − z`
/// (positive, the part that cancels as `z → ∞`), so that
/// `λ′(z) = λ(z)(λ(z) − z)` needs no subtraction.
///
/// For `z ≤ 2` the ratio of [`normal_pdf`] and
/// [`normal_sf`] (both accurate to their last bits; the
/// subtraction `λ − z` loses at most a factor `λ/(λ − z) < 7`); above,
/// Laplace's continued fraction for the Mills ratio,
/// `(1 − Φ(z))/φ(z) = 1/(z + 1/(z + 2/(z + 3/(z + …))))`, gives
/// `λ − z = 1/(z + 2/(z + 3/(z + …)))` directly (modified Lentz, at most
/// 115 terms at `z = 2`, 9 at `z = 30`). Relative error about 1e-15.
pub(crate) fn inverse_mills(z: f64) -> (f64, f64) {
    /// Stands in for zero in the modified Lentz iteration.
    const TINY: f64 = 1e-300;
    if z.is_nan() || z <= 2.0 {
        let lambda = normal_pdf(z) / normal_sf(z);
        return (lambda, lambda - z);
    }
    if z.is_infinite() {
        return (z, 0.0);
    }
    // K = 1/(z + 2/(z + 3/(z + …))): numerators 1, 2, 3, …, denominators z.
    let (mut fraction, mut upper, mut lower) = (TINY, TINY, 0.0_f64);
    for term in 1..1_000_u32 {
        let numerator = if term == 1 { 1.0 } else { f64::from(term) };
        lower = z + numerator * lower;
        if lower == 0.0 {
            lower = TINY;
        }
        upper = z + numerator / upper;
        if upper == 0.0 {
            upper = TINY;
        }
        lower = 1.0 / lower;
        let delta = upper * lower;
        fraction *= delta;
        if (delta - 1.0).abs() <= f64::EPSILON {
            break;
        }
    }
    (z + fraction, fraction)
}

#[cfg(test)]
#[allow(clippy::float_cmp, reason = "exact values are compared where they are exact")]
mod tests {
    use super::*;
    use crate::numerics::gamma::gamma_q;
    use crate::numerics::reference::{assert_abs, assert_rel, rows};

    /// The mpmath reference values (see the file's header).
    const FIXTURE: &str = include_str!("fixtures/normal.csv");

    fn close(a: f64, b: f64, tol: f64) {
        assert!((a - b).abs() <= tol * b.abs().max(1.0), "{a} vs {b}");
    }

    #[test]
    fn normal_known_values() {
        // mpmath ncdf.
        for [x, want] in rows(FIXTURE, "ncdf") {
            assert_rel(normal_cdf(x), want, 4e-15);
            assert_rel(normal_sf(-x), want, 4e-15);
        }
        assert_eq!(normal_cdf(0.0), 0.5);
        // mpmath npdf.
        let pdf = rows(FIXTURE, "npdf");
        assert_eq!(pdf.len(), 3, "one tolerance per npdf row");
        for ([x, want], tol) in pdf.into_iter().zip([1e-16, 2e-16, 1e-15]) {
            assert_rel(normal_pdf(x), want, tol);
        }
    }

    #[test]
    fn normal_cdf_matches_gamma_route_and_symmetry() {
        for k in -400..=400_i32 {
            let x = f64::from(k) * 0.0925; // −37 ..= 37
            let (lower, upper) = (normal_cdf(x), normal_sf(x));
            assert_abs(lower + upper, 1.0, 4e-16);
            assert_eq!(normal_cdf(-x), upper);
            // Φ(−|x|) = ½Q(½, x²/2), computed independently through gamma_q
            // (which, unlike normal_cdf, rounds x²/2: ~2e-16·x²/2 relative).
            let tail = 0.5 * gamma_q(0.5, 0.5 * x * x);
            assert_rel(if x < 0.0 { lower } else { upper }, tail, 1e-14 + 2e-16 * x * x);
        }
        assert_eq!(normal_cdf(f64::NEG_INFINITY), 0.0);
        assert_eq!(normal_cdf(f64::INFINITY), 1.0);
        assert_eq!(normal_pdf(f64::INFINITY), 0.0);
        assert!(
            normal_cdf(f64::NAN).is_nan() && normal_sf(f64::NAN).is_nan() && normal_pdf(f64::NAN).is_nan()
        );
    }

    #[test]
    fn normal_quantile_known_values() {
        // mpmath, for the f64 nearest each p (so Φ⁻¹(0.975) here is that of
        // 0.97499999999999997780, not the 1.9599639845400542 of exact 0.975).
        for [p, want] in rows(FIXTURE, "quantile") {
            assert_rel(normal_quantile(p), want, 1e-15);
        }
        assert_eq!(normal_quantile(0.5), 0.0);
        assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
        assert_eq!(normal_quantile(1.0), f64::INFINITY);
        for p in [-1e-300, 1.000_000_1, f64::NAN, f64::INFINITY] {
            assert!(normal_quantile(p).is_nan(), "{p}");
        }
    }

    #[test]
    fn normal_quantile_round_trips() {
        for k in 1..1000_u32 {
            let p = f64::from(k) / 1000.0;
            let x = normal_quantile(p);
            // Φ(x) = p to within the conditioning φ(x)|x|/p of the tail.
            let (got, want) = if p <= 0.5 { (normal_cdf(x), p) } else { (normal_sf(x), 1.0 - p) };
            assert_rel(got, want, 4e-15 * (1.0 + x.abs()));
        }
        for e in 1..=300_i32 {
            let p = 10.0_f64.powi(-e);
            let x = normal_quantile(p);
            assert_rel(normal_cdf(x), p, 1e-15 * x * x);
            // Upper quantiles: Φ⁻¹(q) = −Φ⁻¹(1 − q), 1 − q exact for q ≥ ½.
            let q = 1.0 - p;
            if q < 1.0 {
                assert_rel(normal_quantile(q), -normal_quantile(1.0 - q), 1e-15);
            }
        }
    }

    #[test]
    fn ln_normal_sf_is_accurate_on_both_sides_of_the_switch() {
        // mpmath, 40 digits.
        close(ln_normal_sf(0.0), 0.5_f64.ln(), 1e-15);
        // Both sides of z = 30, and far beyond where 1 − Φ underflows (100).
        for [z, want] in rows(FIXTURE, "ln_normal_sf") {
            close(ln_normal_sf(z), want, 1e-14);
            if z == 30.0 {
                close(normal_sf(z).ln(), want, 1e-14);
            }
        }
    }

    #[test]
    fn inverse_mills_ratio_is_accurate_on_both_branches() {
        // λ(z) = φ(z)/(1 − Φ(z)) and λ(z) − z, mpmath at 50 digits
        // (`npdf(z)/ncdf(-z)`), rounded to f64; z ≤ 2 is the direct ratio, z > 2 the
        // continued fraction, where λ − z would otherwise cancel.
        for [z, lambda, excess] in rows(FIXTURE, "inverse_mills") {
            let (l, e) = inverse_mills(z);
            assert!((l - lambda).abs() <= 2e-15 * lambda, "λ({z}) = {l}, not {lambda}");
            assert!((e - excess).abs() <= 2e-15 * excess, "λ({z}) − {z} = {e}, not {excess}");
        }
    }
}
