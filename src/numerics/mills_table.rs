//! Mills' ratio `R(t) = (1 − Φ(t))/φ(t)` for `t ≥ 0`, accurate relative to
//! itself, from a table and a Taylor series: for the closed form of a
//! beta severity times a lognormal duration (the SLA expectation's
//! per-outage distribution), where `φ(z)·R(z + kσ)` is read at every grid
//! point and [`super::normal_sf`] (an `erfc` and an `exp`) would cost more
//! than the 24-node mixture it replaces.
//!
//! The table holds, at `tⱼ = j/64` for `t` in `[0, 40]` (2 561 entries,
//! 180 KiB, computed once per process from [`super::inverse_mills`]),
//! `R(tⱼ)` and the series' eight coefficients `R⁽ⁿ⁾(tⱼ)/n!`. The
//! derivatives follow from `R′ = t·R − 1` by
//!
//! ```text
//! R⁽ⁿ⁺¹⁾ = t·R⁽ⁿ⁾ + n·R⁽ⁿ⁻¹⁾            (n ≥ 1)
//! R(tⱼ + δ) = Σ_{n=0..8} R⁽ⁿ⁾(tⱼ)·δⁿ/n!  + E,   |δ| ≤ 1/128
//! ```
//!
//! Since `R(t) = ∫₀^∞ e^{−tx − x²/2} dx`, `|R⁽ⁿ⁾(t)| ≤ |R⁽ⁿ⁾(0)| =
//! ∫₀^∞ xⁿ·e^{−x²/2} dx = 2^{(n−1)/2}·Γ((n + 1)/2)` for `t ≥ 0`: 384 for
//! `n = 9`, so `|E| ≤ 384/9!·(1/128)⁹ < 1.2e-22`, against
//! `R(t) ≥ R(40) = 0.02498` on the table (`R` decreases). The table's values carry [`super::inverse_mills`]'s
//! relative error (about 1e-15); the recurrence's cancellation
//! (`t·R − 1` for large `t`) costs absolute digits in the coefficients,
//! which `δⁿ` scales down. Beyond 40 the ratio comes from
//! [`super::inverse_mills`] directly. Measured against it (the test
//! allows 2e-15 relative) on a grid of 40 501 points.

use std::sync::OnceLock;

/// Entries per unit of `t`.
const PER_UNIT: f64 = 64.0;

/// The table spans `[0, LIMIT]`.
const LIMIT: f64 = 40.0;

/// Per entry `j`: `R⁽ⁿ⁾(tⱼ)/n!` for `n = 0..=8`.
type Entry = [f64; 9];

/// The entries for `tⱼ = j/64`, `j = 0..=2560`.
fn table() -> &'static [Entry] {
    static TABLE: OnceLock<Vec<Entry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=2560_u32)
            .map(|j| {
                let t = f64::from(j) / PER_UNIT;
                let ratio = 1.0 / super::inverse_mills(t).0;
                // Derivatives: d₀ = R, d₁ = t·R − 1, dₙ₊₁ = t·dₙ + n·dₙ₋₁;
                // entry n holds dₙ/n!.
                let mut entry = [0.0; 9];
                let (mut previous, mut current) = (ratio, t * ratio - 1.0);
                let mut factorial = 1.0;
                if let Some(first) = entry.first_mut() {
                    *first = ratio;
                }
                for (n, slot) in (1..9_u32).zip(entry.iter_mut().skip(1)) {
                    factorial *= f64::from(n);
                    *slot = current / factorial;
                    (previous, current) = (current, t * current + f64::from(n) * previous);
                }
                entry
            })
            .collect()
    })
}

/// `R(t) = (1 − Φ(t))/φ(t)` for `t ≥ 0`, to a relative error of a few
/// 1e-15 (see the module); NaN for NaN or a negative `t`.
#[inline]
pub(crate) fn mills_ratio(t: f64) -> f64 {
    if t.is_nan() || t < 0.0 {
        return f64::NAN;
    }
    if t > LIMIT {
        return 1.0 / super::inverse_mills(t).0;
    }
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0 ≤ index ≤ 2560")]
    let j = (t * PER_UNIT + 0.5) as u32;
    let Some(&[r0, r1, r2, r3, r4, r5, r6, r7, r8]) = table().get(j as usize) else {
        return 1.0 / super::inverse_mills(t).0;
    };
    let d = t - f64::from(j) / PER_UNIT;
    // Estrin's scheme: a short chain of dependent operations.
    let d2 = d * d;
    let d4 = d2 * d2;
    ((r0 + r1 * d) + d2 * (r2 + r3 * d)) + d4 * (((r4 + r5 * d) + d2 * (r6 + r7 * d)) + d4 * r8)
}

#[cfg(test)]
mod tests {
    use super::mills_ratio;
    use crate::numerics::inverse_mills;

    #[test]
    fn the_table_matches_the_continued_fraction() {
        // t = 0 ..= 40 by 0.001 (mostly between the table's points), and past its end: the
        // table agrees with 1/λ(t) to a relative 2e-15.
        let mut worst = 0.0_f64;
        for k in 0..=40_500_u32 {
            let t = f64::from(k) * 0.001;
            let want = 1.0 / inverse_mills(t).0;
            worst = worst.max((mills_ratio(t) - want).abs() / want);
        }
        assert!(worst <= 2e-15, "largest relative difference {worst:e}");
    }

    #[test]
    fn known_values() {
        // R(0) = (1/2)/φ(0) = √(π/2) = 1.2533141373155003; R(t) = 1/t − 1/t³ + 3/t⁵ − 15/t⁷
        // + 105/t⁹ − … (the next term is below 1e-19 at t = 100): 0.0099990002998500…
        assert!((mills_ratio(0.0) - (std::f64::consts::PI / 2.0).sqrt()).abs() < 4e-16);
        let series = 0.01 - 1e-6 + 3e-10 - 15e-14 + 105e-18;
        assert!((mills_ratio(100.0) - series).abs() < 3e-17, "{:e}", mills_ratio(100.0) - series);
        // Halfway between two entries (so the series runs to its largest δ, 1/128):
        // R(1 + 1/128) = 0.652999010871671456… (mpmath).
        assert!((mills_ratio(1.0 + 1.0 / 128.0) - 0.652_999_010_871_671_5).abs() < 3e-16);
        assert!(mills_ratio(-1.0).is_nan() && mills_ratio(f64::NAN).is_nan());
    }
}
