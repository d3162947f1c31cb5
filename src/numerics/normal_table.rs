//! The standard normal CDF to an absolute error, from a table and a Taylor
//! series: for sums of many CDF values near 1 (the SLA expectation's
//! per-outage distribution, a 24-node mixture at every grid point), where
//! an absolute error of a few 1e-16 is all the result can hold and the
//! relative accuracy of [`super::normal_cdf`] in the far lower tail is not
//! needed.
//!
//! The table holds, at `zⱼ = −9 + j/64` (1 153 entries, 72 KiB, computed
//! once per process with [`super::normal_cdf`] and
//! [`super::normal::normal_pdf`]), `Φ(zⱼ)` and the series'
//! seven coefficients. From the nearest entry, with `δ = z − zⱼ`,
//! `|δ| ≤ 1/128`, and the Hermite polynomials `Heₙ` (`φ⁽ⁿ⁾ = (−1)ⁿHeₙ·φ`):
//!
//! ```text
//! Φ(zⱼ + δ) = Φ(zⱼ) + φ(zⱼ)·Σ_{n=0..6} (−1)ⁿ·Heₙ(zⱼ)·δⁿ⁺¹/(n+1)!   + R,
//! He₀ = 1, He₁ = z, Heₙ₊₁ = z·Heₙ − n·Heₙ₋₁,
//! |R| ≤ max_t φ(t)·|He₇(t)|·δ⁸/8!  <  5e-21 for |δ| ≤ 1/128
//! ```
//!
//! (`φ·|He₇|` is below 14.2 everywhere). Outside `[−9, 9]` the result is 0 or
//! 1: `Φ(−9) = 1.13e-19`, and `1 − Φ(9)` is below half an ulp of 1. The
//! error is then the table's (that of [`super::normal_cdf`], within an
//! ulp of 1 near 1) plus the rounding of the series and of the last
//! addition. Measured (the tests allow 4e-16 and 4.5e-16): at most 1.1e-16
//! from mpmath's values at 77 points, and at most 2.2e-16 from
//! [`super::normal_cdf`] on a grid of 80 001 points over `[−40, 40]`.

use std::sync::OnceLock;

/// Entries per unit of `z`.
const PER_UNIT: f64 = 64.0;

/// The table spans `[−LIMIT, LIMIT]`.
const LIMIT: f64 = 9.0;

/// Per entry `j`: `Φ(zⱼ)`, then the series' coefficients
/// `aₙ = φ(zⱼ)·(−1)ⁿ·Heₙ(zⱼ)/(n+1)!`, `n = 0..=6`, so that
/// `Φ(zⱼ + δ) ≈ Φ(zⱼ) + δ·Σ aₙ·δⁿ` (64 bytes an entry, 72 KiB in all).
type Entry = [f64; 8];

/// The entries for `zⱼ = −9 + j/64`, `j = 0..=1152`.
fn table() -> &'static [Entry] {
    static TABLE: OnceLock<Vec<Entry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=1152_u32)
            .map(|j| {
                let z = f64::from(j) / PER_UNIT - LIMIT;
                let pdf = super::normal::normal_pdf(z);
                let mut entry = [super::normal::normal_cdf(z), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
                // Heₙ(z) by Heₙ₊₁ = z·Heₙ − n·Heₙ₋₁ from He₋₁ = 0, He₀ = 1,
                // with (−1)ⁿ/(n+1)! alongside.
                let (mut previous, mut current, mut scale) = (0.0, 1.0, 1.0);
                for (n, slot) in (0..7_u32).zip(entry.iter_mut().skip(1)) {
                    scale /= -(f64::from(n) + 1.0);
                    *slot = -pdf * current * scale;
                    (previous, current) = (current, z * current - f64::from(n) * previous);
                }
                entry
            })
            .collect()
    })
}

/// `Φ(z)` to an absolute error below 4e-16 (see the module); 0 below −9, 1
/// above 9, NaN for NaN.
#[inline]
pub(crate) fn normal_cdf_table(z: f64) -> f64 {
    if z.is_nan() {
        return f64::NAN;
    }
    if z <= -LIMIT {
        return 0.0;
    }
    if z >= LIMIT {
        return 1.0;
    }
    // The nearest entry: 0 ≤ (z + 9)·64 + ½ < 1152.5.
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0 ≤ index ≤ 1152")]
    let j = ((z + LIMIT) * PER_UNIT + 0.5) as u32;
    let Some(&[cdf, a0, a1, a2, a3, a4, a5, a6]) = table().get(j as usize) else {
        return super::normal::normal_cdf(z);
    };
    let d = z - (f64::from(j) / PER_UNIT - LIMIT);
    // Estrin's scheme: a short chain of dependent operations.
    let d2 = d * d;
    let series = (a0 + a1 * d) + d2 * ((a2 + a3 * d) + d2 * ((a4 + a5 * d) + d2 * a6));
    cdf + d * series
}

#[cfg(test)]
mod tests {
    use super::normal_cdf_table;
    use crate::numerics::normal_cdf;
    use crate::numerics::reference::{assert_abs, rows};

    /// mpmath values (see each file's header).
    const FIXTURES: [&str; 2] =
        [include_str!("fixtures/normal.csv"), include_str!("fixtures/normal_table.csv")];

    #[test]
    fn the_table_matches_mpmath_to_an_absolute_error() {
        for fixture in FIXTURES {
            for [x, want] in rows(fixture, "ncdf") {
                assert_abs(normal_cdf_table(x), want, 4e-16);
            }
        }
    }

    #[test]
    fn the_table_matches_the_direct_cdf_everywhere() {
        // z = −40 ..= 40 by 0.001 (not on the table's points): the two agree
        // within the sum of their absolute errors.
        let mut worst = 0.0_f64;
        for k in -40_000..=40_000_i32 {
            let z = f64::from(k) * 0.001;
            let diff = (normal_cdf_table(z) - normal_cdf(z)).abs();
            worst = worst.max(diff);
        }
        assert!(worst <= 4.5e-16, "largest difference {worst:e}");
        // Halfway between entries (the largest δ), below the middle, where
        // both are far from 1 and accurate relative to themselves: the series
        // adds no error a relative 1e-14 would see (its truncation there is
        // below 5e-17 of the result for z ≥ −5).
        for k in 0..320_i32 {
            let z = -5.0 + (f64::from(k) + 0.5) / 64.0;
            let (t, c) = (normal_cdf_table(z), normal_cdf(z));
            assert!((t - c).abs() <= 1e-14 * c, "{z}: {t:e} vs {c:e}");
        }
    }

    #[test]
    fn the_table_is_saturated_outside_its_span_and_total() {
        assert!(normal_cdf_table(f64::NAN).is_nan());
        assert!(normal_cdf_table(-9.0).abs() <= 0.0 && normal_cdf(-9.0) < 1.2e-19);
        assert!((normal_cdf_table(9.0) - 1.0).abs() <= 0.0);
        assert!((normal_cdf_table(f64::INFINITY) - 1.0).abs() <= 0.0);
        assert!(normal_cdf_table(f64::NEG_INFINITY).abs() <= 0.0);
        assert!((normal_cdf_table(0.0) - 0.5).abs() <= 0.0);
    }
}
