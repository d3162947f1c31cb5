//! The compound distribution by the fast Fourier transform with exponential
//! tilting, for grids where Panjer's `O(m²)` recursion costs more than an
//! `O(m log m)` transform, with a bound on every error it adds.
//!
//! # Method
//!
//! Let `f` be the per-outage pmf on cells `0..=c` (the mass beyond the grid
//! left out: an outage beyond it puts the total beyond every threshold, so
//! `P(T ≤ kh)` for `k ≤ c` is the same with or without it), `g` the pmf of
//! the total `T` and `P_N` the count's probability generating function:
//! `G(z) = P_N(F(z))`. With a length `M = 2ᵖ > c` and a tilt `θ > 0`,
//!
//! ```text
//! F̂_θ(j) = Σ_k f(k)·e^{−θk}·ω^{jk},   ω = e^{−2πi/M}        (forward transform)
//! ĝ_θ(k) = (1/M)·Σ_j P_N(F̂_θ(j))·ω^{−jk}                      (inverse transform)
//! g̃(k)   = e^{θk}·ĝ_θ(k) = g(k) + Σ_{i≥1} g(k + iM)·e^{−θiM}
//! ```
//!
//! since `G(z·e^{−θ}) = P_N(F(z·e^{−θ}))` is the generating function of
//! `g(k)·e^{−θk}` and sampling it at the `M`-th roots of unity folds cell
//! `k + iM` onto `k`. The folded mass is positive, so the computed
//! `P(T ≤ kh)` is too large by at most `e^{−θM}·P(T ≥ M) ≤ e^{−θM}` (the
//! aliasing bound): the upper bound of `P(T > u)` adds it, the lower bound
//! needs nothing.
//!
//! # Rounding
//!
//! The two pmfs of the bracket (`f↑`, `f↓`) go through one complex transform
//! each way (`f↑ + i·f↓`; the spectra are separated by conjugate symmetry
//! and `g↑ + i·g↓` comes back). With `κ` the transform's bound
//! ([`crate::numerics::error_ratio`]), `u = 2⁻⁵³`, `L` the Lipschitz
//! constant of `P_N` on the unit disc (its mean: `λ`, `rβ`, `nq`, `n`) and
//! `e` the largest rounding error of one evaluation of `P_N`:
//!
//! ```text
//! ‖ΔF̂‖₂ ≤ (κ + t)·√(2M)                     (‖f_θ‖₂ ≤ 1 for each pmf; t = 72u the
//!                                              tilt factors' relative error, θc ≤ 60)
//! ‖ΔP_N(F̂)‖₂ ≤ 1.01·L·‖ΔF̂‖₂ + √M·e           (|P_N| ≤ 1 on the disc; 1.01 covers the
//!                                              computed points' distance outside it)
//! ‖Δĝ_θ‖₂ ≤ δ = 2√2·1.01·L·(κ + t) + 2e + 2κ
//! |ΔP(T ≤ ch)| ≤ δ·√(Σ_{k≤c} e^{2θk}) + 4(c + 2)·u + 2t
//!                                             (Cauchy–Schwarz; the sum's rounding and untilting)
//! ```
//!
//! and the bounds are widened by twice that (a factor 2 to spare). `θ` is
//! chosen to minimise the aliasing bound plus the rounding bound. When the
//! computed points could lie far enough outside the disc for `1.01` not to
//! cover it (`L·‖ΔF̂‖ > 10⁻³`), the transform is not used.

use super::PeriodCount;
use crate::numerics::{Complex, error_ratio, transform};

/// `P(T ≤ kh)` for `k = 0..=c` under both discretisations, and what to widen
/// the bounds by.
#[derive(Debug)]
pub(super) struct Sums {
    /// From the pmf rounded up.
    pub(super) up: Vec<f64>,
    /// From the pmf rounded down.
    pub(super) down: Vec<f64>,
    /// `e^{−θM}`: how much too large each sum may be from aliasing.
    pub(super) aliasing: f64,
    /// Twice the bound on each sum's rounding error, either way.
    pub(super) rounding: f64,
}

/// The transforms' work arrays, reused across grids.
#[derive(Debug, Default)]
pub(super) struct Buffers {
    spectrum: Vec<Complex>,
    values: Vec<Complex>,
}

/// `ln(1 + d + i·y) = ½·ln(1 + d(2 + d) + y²) + i·atan2(y, 1 + d)`, with
/// `ln_1p`, accurate where `|1 + d + i·y|` is close to 1 (no `hypot`).
fn ln_one_plus(d: f64, y: f64) -> Complex {
    Complex::new(0.5 * (d * (2.0 + d) + y * y).ln_1p(), y.atan2(1.0 + d))
}

/// The count's probability generating function at `z` (`|z| ≤ 1`), and a
/// bound on the rounding error of its value: `8u·(1 + K + ‖P‖·‖a‖)` for
/// `P = eᵃ` (`‖·‖` the sum of the parts' magnitudes, at least the modulus),
/// where `‖P‖·‖a‖·u` covers the relative error of the exponent and `K·u`
/// the rounding of its argument (`2λ`, `r(1 + 2β)`, `n`, `n`).
fn pgf(count: PeriodCount, z: Complex) -> (Complex, f64) {
    let unit = f64::EPSILON / 2.0;
    let (a, k) = match count {
        PeriodCount::Poisson { lambda } => (Complex::new(z.re - 1.0, z.im).scale(lambda), 2.0 * lambda),
        // (1 + β(1 − z))^{−r}
        PeriodCount::NegativeBinomial { r, beta } => {
            (ln_one_plus(beta * (1.0 - z.re), -beta * z.im).scale(-r), r * (1.0 + 2.0 * beta))
        }
        PeriodCount::Binomial { n: 0, .. } | PeriodCount::Exactly(0) => return (Complex::new(1.0, 0.0), 0.0),
        // One outage: P_N is w itself (z, or 1 − q + qz), computed directly. Through
        // the logarithm, |w|² = 1 + d(2 + d) + y² loses about u absolutely, which
        // for a small |w| is a large relative error the bound below would miss.
        PeriodCount::Exactly(1) => return (z, 2.0 * unit),
        PeriodCount::Binomial { n: 1, q } => {
            return (Complex::new((1.0 - q) + q * z.re, q * z.im), 8.0 * unit);
        }
        // (1 + q(z − 1))^n
        PeriodCount::Binomial { n, q } => {
            (ln_one_plus(q * (z.re - 1.0), q * z.im).scale(f64::from(n)), f64::from(n))
        }
        PeriodCount::Exactly(n) => (ln_one_plus(z.re - 1.0, z.im).scale(f64::from(n)), f64::from(n)),
    };
    let p = a.exp();
    let size = |c: Complex| c.re.abs() + c.im.abs();
    let relative = if size(p) > 0.0 { size(p) * size(a) } else { 0.0 };
    (p, 8.0 * unit * (1.0 + k + relative))
}

/// `P_N`'s Lipschitz constant on the closed unit disc (its derivative there
/// is largest at `z = 1`, where it is the mean count), and the rate `g` at
/// which it grows just outside: on the disc of radius `1 + ε` it is at most
/// the constant times `e^{g·ε}`.
fn lipschitz(count: PeriodCount) -> (f64, f64) {
    match count {
        PeriodCount::Poisson { lambda } => (lambda, lambda),
        // rβ·|1 + β(1 − z)|^{−r−1} with |1 + β(1 − z)| ≥ 1 − βε.
        PeriodCount::NegativeBinomial { r, beta } => (r * beta, (r + 1.0) * beta),
        // nq·|1 − q + qz|^{n−1} with |1 − q + qz| ≤ 1 + qε.
        PeriodCount::Binomial { n, q } => (f64::from(n) * q, f64::from(n) * q),
        PeriodCount::Exactly(n) => (f64::from(n), f64::from(n)),
    }
}

/// `√(Σ_{k=0..=c} e^{2θk})`, the Cauchy–Schwarz factor of the untilted sum.
fn amplification(theta: f64, c: f64) -> f64 {
    let r = (2.0 * theta).exp_m1();
    ((2.0 * theta * (c + 1.0)).exp_m1() / r).sqrt()
}

/// The cumulative sums of the compound pmf for `up` and `down` (each with
/// at least `cells + 1` values; cells beyond `cells` are left out), or
/// `None` where the transform's bound does not apply (see the module docs).
pub(super) fn sums(
    count: PeriodCount,
    up: &[f64],
    down: &[f64],
    cells: usize,
    work: &mut Buffers,
) -> Option<Sums> {
    let length = cells.checked_add(1)?.checked_next_power_of_two()?.max(2);
    let unit = f64::EPSILON / 2.0;
    #[expect(clippy::cast_precision_loss, reason = "lengths ≤ 2³⁰ are exact")]
    let (size, c) = (length as f64, cells as f64);
    let kappa = error_ratio(length);
    let (l, growth) = lipschitz(count);
    // θ·c stays below 60 (s ≤ 60, M ≥ c): each tilt factor e^{∓θk}, a product of
    // two `exp`s of rounded arguments (each within an ulp, 2u), is off by at most
    // (θc + 5)·u < 72u relative.
    let tilt_error = 72.0 * unit;
    let forward_error = (kappa + tilt_error) * (2.0 * size).sqrt();
    // e^{10⁻³} < 1.01: the constant's growth outside the disc is covered.
    let outside = growth * forward_error;
    if outside.is_nan() || outside > 1e-3 {
        return None;
    }
    // The rounding bound before the evaluation errors, and the sums' own
    // rounding and untilting.
    let without_e = 2.0 * std::f64::consts::SQRT_2 * 1.01 * l * (kappa + tilt_error) + 2.0 * kappa;
    let floor = 4.0 * (c + 2.0) * unit + 2.0 * tilt_error;
    // The tilt θ = s/M minimises the aliasing bound e^{−s} plus the rounding
    // bound, which grows like e^{θc}; it is chosen with the evaluation error's
    // bound at its largest over the disc (8u(2 + 3L), within a few units of
    // it), and the rounding bound then uses the largest one met.
    let theta = (1..=120)
        .map(|s| {
            let s = f64::from(s) * 0.5;
            let theta = s / size;
            let delta = without_e + 2.0 * 8.0 * unit * (2.0 + 3.0 * l);
            ((-s).exp() + 2.0 * (delta * amplification(theta, c) + floor), theta)
        })
        .fold((f64::INFINITY, 0.0), |best, x| if x.0 < best.0 { x } else { best })
        .1;
    let down_tilt = Powers::new(-theta, cells);
    let up_tilt = Powers::new(theta, cells);
    let value = |v: &[f64], k: usize| v.get(k).copied().unwrap_or(0.0);
    let tilted = |k: usize| {
        if k > cells {
            Complex::default()
        } else {
            Complex::new(value(up, k), value(down, k)).scale(down_tilt.at(k))
        }
    };
    if !transform(length, tilted, false, &mut work.spectrum) {
        return None;
    }
    // Separate the two spectra, apply P_N, and pack g↑ + i·g↓'s spectrum.
    let half = length / 2;
    work.values.clear();
    work.values.resize(length, Complex::default());
    let mut largest_error = 0.0_f64;
    for j in 0..=half {
        let mirror = if j == 0 { 0 } else { length.saturating_sub(j) };
        let (Some(z), Some(zm)) = (work.spectrum.get(j).copied(), work.spectrum.get(mirror).copied()) else {
            return None;
        };
        let zm = zm.conj();
        let f_up = z.add(zm).scale(0.5);
        let d = z.sub(zm).scale(0.5);
        // (z − z̄ₘ)/(2i) = −i·(z − z̄ₘ)/2.
        let f_down = Complex::new(d.im, -d.re);
        let (g_up, e_up) = pgf(count, f_up);
        let (g_down, e_down) = pgf(count, f_down);
        largest_error = largest_error.max(e_up).max(e_down);
        // W(j) = G↑ + i·G↓ and W(M − j) = Ḡ↑ + i·Ḡ↓.
        if let Some(w) = work.values.get_mut(j) {
            *w = g_up.add(Complex::new(-g_down.im, g_down.re));
        }
        if mirror != j
            && let Some(w) = work.values.get_mut(mirror)
        {
            *w = g_up.conj().add(Complex::new(g_down.im, g_down.re));
        }
    }
    let delta = without_e + 2.0 * largest_error;
    let rounding = 2.0 * (delta * amplification(theta, c) + floor);
    let values = &work.values;
    if !transform(length, |j| values.get(j).copied().unwrap_or_default(), true, &mut work.spectrum) {
        return None;
    }
    let scale = 1.0 / size;
    let n = cells.saturating_add(1);
    let (mut up_sums, mut down_sums) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut at_up, mut at_down) = (0.0, 0.0);
    for (k, w) in work.spectrum.iter().take(n).enumerate() {
        let back = up_tilt.at(k) * scale;
        at_up += w.re * back;
        at_down += w.im * back;
        up_sums.push(at_up);
        down_sums.push(at_down);
    }
    Some(Sums { up: up_sums, down: down_sums, aliasing: (-theta * size).exp(), rounding })
}

/// `e^{r·k}` for `k = 0..=last`, as `e^{r·32j}·e^{r·i}` (`k = 32j + i`):
/// two tables of `exp`s and one product, not an `exp` a cell.
struct Powers {
    low: Vec<f64>,
    high: Vec<f64>,
}

impl Powers {
    fn new(rate: f64, last: usize) -> Self {
        let low = (0..32_u32).map(|i| (rate * f64::from(i)).exp()).collect();
        #[expect(clippy::cast_precision_loss, reason = "cells are small")]
        let high = (0..=last / 32).map(|j| (rate * 32.0 * j as f64).exp()).collect();
        Powers { low, high }
    }

    fn at(&self, k: usize) -> f64 {
        self.high.get(k / 32).copied().unwrap_or(0.0) * self.low.get(k % 32).copied().unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `zⁿ` by repeated multiplication.
    fn power(z: Complex, n: u32) -> Complex {
        (0..n).fold(Complex::new(1.0, 0.0), |acc, _| acc.mul(z))
    }

    #[test]
    fn the_generating_functions_are_their_closed_forms_within_the_stated_error() {
        // Points on and inside the unit circle, including 0, 1 and −1.
        // Small |z| too: a pmf's high frequencies after the tilt are tiny.
        let points: Vec<Complex> = [
            (0.0, 0.0),
            (1.0, 0.0),
            (-1.0, 0.0),
            (0.6, 0.8),
            (0.3, -0.4),
            (-0.999, 0.01),
            (1e-4, 1e-4),
            (1e-9, -1e-9),
            (-3.0 / 7.0, 1e-9),
        ]
        .iter()
        .map(|&(re, im)| Complex::new(re, im))
        .collect();
        for z in points {
            // Binomial(5, 0.3): (0.7 + 0.3z)⁵; exactly 7: z⁷; by multiplication.
            for (count, exact) in [
                (
                    PeriodCount::Binomial { n: 5, q: 0.3 },
                    power(Complex::new(0.7 + 0.3 * z.re, 0.3 * z.im), 5),
                ),
                (PeriodCount::Exactly(7), power(z, 7)),
                (PeriodCount::Exactly(2), power(z, 2)),
                (PeriodCount::Exactly(1), z),
                (PeriodCount::Exactly(0), Complex::new(1.0, 0.0)),
                // Binomial(1, 0.7): 0.3 + 0.7z, small where z ≈ −3/7.
                (PeriodCount::Binomial { n: 1, q: 0.7 }, Complex::new(0.3 + 0.7 * z.re, 0.7 * z.im)),
                // NB(2, 0.5): (1 + 0.5(1 − z))^{−2} = 1/w².
                (PeriodCount::NegativeBinomial { r: 2.0, beta: 0.5 }, {
                    let w = power(Complex::new(1.5 - 0.5 * z.re, -0.5 * z.im), 2);
                    let d = w.re * w.re + w.im * w.im;
                    Complex::new(w.re / d, -w.im / d)
                }),
                // Poisson(3): e^{3(z − 1)} = e^{3(re − 1)}·(cos 3im + i sin 3im).
                (PeriodCount::Poisson { lambda: 3.0 }, {
                    let m = (3.0 * (z.re - 1.0)).exp();
                    Complex::new(m * (3.0 * z.im).cos(), m * (3.0 * z.im).sin())
                }),
            ] {
                let (p, bound) = pgf(count, z);
                let err = p.sub(exact).abs();
                // The closed forms carry a few units of rounding of their own.
                assert!(
                    err <= bound + 8.0 * f64::EPSILON,
                    "{count:?} at {z:?}: {p:?} vs {exact:?}, bound {bound:e}"
                );
                assert!(bound < 1e-13, "{bound:e}");
            }
        }
    }

    #[test]
    fn powers_are_the_exponentials() {
        let p = Powers::new(-0.01, 100);
        for k in [0_u32, 1, 31, 32, 33, 64, 99, 100] {
            let exact = (-0.01 * f64::from(k)).exp();
            let k = k as usize;
            assert!((p.at(k) - exact).abs() <= 4.0 * f64::EPSILON * exact, "{k}");
        }
    }
}
