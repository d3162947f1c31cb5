//! The distribution of a billing period's total counted downtime, by
//! Panjer's recursion on a discretised per-outage downtime, with rigorous
//! bounds from discretising up and down.

use super::PeriodCount;

/// Bounds on `P(T > u)` for each threshold `u` (hours), where `T` is the
/// sum of the counted downtimes of a period's outages.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TailBounds {
    /// `(lower, upper)` per threshold, in the order given.
    pub(crate) bounds: Vec<(f64, f64)>,
    /// Cells in the grid used.
    pub(crate) cells: usize,
}

/// `P(T > u)` when every outage counts exactly `x > 0` hours, so that
/// `T = N·x` lies on a lattice: `P(N ≥ k)` with `k = ⌊u/x⌋ + 1` (a total of
/// exactly `u` is not above it; a relative 1e-12 absorbs the rounding of
/// `u/x`), from the count's CDF in closed form:
///
/// ```text
/// Poisson(λ):        P(N ≥ k) = P(k, λ)                  (regularised lower incomplete gamma)
/// NB(r, β):          P(N ≥ k) = I_{β/(1+β)}(k, r)        (regularised incomplete beta)
/// Binomial(n, q):    P(N ≥ k) = I_q(k, n − k + 1)         (0 for k > n)
/// exactly n:         1 if n ≥ k, else 0
/// ```
pub(crate) fn lattice_tail(count: PeriodCount, x: f64, u: f64) -> f64 {
    if !(x > 0.0 && x.is_finite()) || u.is_nan() {
        return 0.0;
    }
    let ratio = (u.max(0.0) / x) * (1.0 + 1e-12);
    if !ratio.is_finite() || ratio >= 9.0e15 {
        return 0.0;
    }
    let k = ratio.floor() + 1.0;
    match count {
        PeriodCount::Poisson { lambda } => {
            if lambda <= 0.0 {
                0.0
            } else {
                crate::numerics::gamma_p(k, lambda)
            }
        }
        PeriodCount::NegativeBinomial { r, beta } => {
            if beta <= 0.0 {
                0.0
            } else {
                crate::numerics::beta_inc(k, r, beta / (1.0 + beta))
            }
        }
        PeriodCount::Binomial { n, q } => {
            let n = f64::from(n);
            if k > n || q <= 0.0 { 0.0 } else { crate::numerics::beta_inc(k, n - k + 1.0, q) }
        }
        PeriodCount::Exactly(n) => f64::from(u8::from(f64::from(n) >= k)),
    }
}

/// The distribution of one outage's counted downtime `X` (hours).
pub(crate) struct PerOutage<'a> {
    /// `P(X ≤ x)`.
    pub(crate) cdf: &'a dyn Fn(f64) -> f64,
    /// `P(X < x)`.
    pub(crate) cdf_left: &'a dyn Fn(f64) -> f64,
    /// `cdf_left == cdf` (no atoms): the CDF is evaluated once per grid point.
    pub(crate) continuous: bool,
}

/// Decides whether a set of `(lower, upper)` bounds is precise enough.
pub(crate) type Acceptance<'a> = &'a dyn Fn(&[(f64, f64)]) -> bool;

/// `P(T > u)` bounds for thresholds `us` (hours, ascending or not), where a
/// period's count is `count` and each outage's counted downtime `X` has CDF
/// `cdf` (`cdf(x) = P(X ≤ x)`) and left limit `cdf_left` (`P(X < x)`).
///
/// Discretising `X` up to the grid (`X↑ = h⌈X/h⌉ ≥ X`) and down
/// (`X↓ = h⌊X/h⌋ ≤ X`) gives sums `T↓ ≤ T ≤ T↑`, so
/// `P(T↓ > u) ≤ P(T > u) ≤ P(T↑ > u)`; the grid is refined (doubling the
/// cells from `min_cells` up to `max_cells`) until `good_enough` accepts the
/// bounds. `continuous` says `cdf_left == cdf` (no atoms), which halves the
/// CDF evaluations.
pub(crate) fn tail_bounds(
    count: PeriodCount,
    x: &PerOutage<'_>,
    us: &[f64],
    good_enough: Acceptance<'_>,
    min_cells: usize,
    max_cells: usize,
) -> TailBounds {
    let u_max = us.iter().copied().fold(0.0_f64, f64::max);
    if us.is_empty() || u_max <= 0.0 || !u_max.is_finite() {
        // P(T > 0) = 1 − P(T = 0); only the zero threshold can occur here.
        let p_zero = total_zero(count, (x.cdf)(0.0));
        return TailBounds { bounds: us.iter().map(|_| (1.0 - p_zero, 1.0 - p_zero)).collect(), cells: 0 };
    }
    let mut cells = min_cells.max(8);
    loop {
        #[expect(clippy::cast_precision_loss, reason = "cell counts are small")]
        let h = u_max / cells as f64;
        #[expect(clippy::cast_precision_loss, reason = "cell counts are small")]
        let grid = |f: &dyn Fn(f64) -> f64| -> Vec<f64> {
            (0..=cells.saturating_add(1)).map(|k| f(k as f64 * h).clamp(0.0, 1.0)).collect()
        };
        let right = grid(x.cdf);
        // For a continuous X the left limits are the CDF itself: evaluate once.
        let left = if x.continuous { right.clone() } else { grid(x.cdf_left) };
        let up = discretise(&right, true);
        let down = discretise(&left, false);
        let f_up = compound(count, &up);
        let f_down = compound(count, &down);
        let bounds: Vec<(f64, f64)> = us
            .iter()
            .map(|&u| {
                // Cells k with k·h ≤ u.
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "0 ≤ u/h ≤ cells"
                )]
                let last = ((u / h) * (1.0 + 1e-12)).floor().max(0.0) as usize;
                let at_most = |f: &[f64]| f.iter().take(last.saturating_add(1)).sum::<f64>();
                let upper = (1.0 - at_most(&f_up)).clamp(0.0, 1.0);
                let lower = (1.0 - at_most(&f_down)).clamp(0.0, 1.0);
                (lower.min(upper), upper.max(lower))
            })
            .collect();
        if good_enough(&bounds) || cells >= max_cells {
            return TailBounds { bounds, cells };
        }
        cells = cells.saturating_mul(2);
    }
}

/// The pmf of the discretised `X` on cells `0..=cells`, with cell
/// `cells + 1` holding all mass beyond the grid. `values[k]` is the CDF at
/// `k·h` for `k = 0..=cells + 1` (`P(X ≤ kh)` when rounding up, `P(X < kh)`
/// when rounding down).
fn discretise(values: &[f64], round_up: bool) -> Vec<f64> {
    let cells = values.len().saturating_sub(2);
    let mut f = Vec::with_capacity(cells.saturating_add(2));
    let c = |k: usize| values.get(k).copied().unwrap_or(1.0);
    if round_up {
        // X↑ = kh  ⇔  (k−1)h < X ≤ kh.
        let mut prev = c(0);
        f.push(prev);
        for k in 1..=cells {
            let now = c(k);
            f.push((now - prev).max(0.0));
            prev = now;
        }
        f.push((1.0 - prev).max(0.0));
    } else {
        // X↓ = kh  ⇔  kh ≤ X < (k+1)h.
        let mut prev = 0.0;
        for k in 1..=cells.saturating_add(1) {
            let now = c(k);
            f.push((now - prev).max(0.0));
            prev = now;
        }
        // Mass at or beyond (cells+1)h.
        f.push((1.0 - prev).max(0.0));
    }
    f
}

/// `P(T = 0)` when each outage's downtime is 0 with probability `f0`.
fn total_zero(count: PeriodCount, f0: f64) -> f64 {
    match count {
        PeriodCount::Poisson { lambda } => (-lambda * (1.0 - f0)).exp(),
        PeriodCount::NegativeBinomial { r, beta } => (1.0 + beta * (1.0 - f0)).powf(-r),
        PeriodCount::Binomial { n, q } => (1.0 - q + q * f0).powi(i32::try_from(n).unwrap_or(i32::MAX)),
        PeriodCount::Exactly(n) => f0.powi(i32::try_from(n).unwrap_or(i32::MAX)),
    }
}

/// The pmf of `T = X₁ + … + X_N` on the same cells as `fx` (mass beyond the
/// last cell is dropped: only `P(T ≤ kh)` for cells inside the grid is used).
fn compound(count: PeriodCount, fx: &[f64]) -> Vec<f64> {
    let m = fx.len();
    let f0 = fx.first().copied().unwrap_or(0.0);
    let (a, b) = match count {
        PeriodCount::Poisson { lambda } => (0.0, lambda),
        PeriodCount::NegativeBinomial { r, beta } => (beta / (1.0 + beta), (r - 1.0) * beta / (1.0 + beta)),
        PeriodCount::Binomial { n, q } => {
            let odds = q / (1.0 - q);
            (-odds, (f64::from(n) + 1.0) * odds)
        }
        PeriodCount::Exactly(n) => return power(fx, n),
    };
    let mut ft = vec![0.0; m];
    if let Some(first) = ft.first_mut() {
        *first = total_zero(count, f0);
    }
    let scale = 1.0 / (1.0 - a * f0);
    for k in 1..m {
        #[expect(clippy::cast_precision_loss, reason = "cell counts are small")]
        let kf = k as f64;
        let mut s = 0.0;
        for (j, (x, t)) in fx.iter().zip(ft.iter().take(k.saturating_add(1)).rev()).enumerate().skip(1) {
            #[expect(clippy::cast_precision_loss, reason = "cell counts are small")]
            let jf = j as f64;
            s += (a + b * jf / kf) * x * t;
        }
        if let Some(slot) = ft.get_mut(k) {
            *slot = (s * scale).max(0.0);
        }
    }
    ft
}

/// `fx` convolved with itself `n` times, truncated to `fx.len()` cells.
fn power(fx: &[f64], n: u32) -> Vec<f64> {
    let m = fx.len();
    let mut result = vec![0.0; m];
    if let Some(first) = result.first_mut() {
        *first = 1.0;
    }
    let mut base = fx.to_vec();
    let mut e = n;
    while e > 0 {
        if e & 1 == 1 {
            result = convolve(&result, &base, m);
        }
        e >>= 1;
        if e > 0 {
            base = convolve(&base, &base, m);
        }
    }
    result
}

fn convolve(x: &[f64], y: &[f64], m: usize) -> Vec<f64> {
    let mut out = vec![0.0; m];
    for (i, xi) in x.iter().enumerate() {
        if *xi == 0.0 {
            continue;
        }
        for (o, yj) in out.iter_mut().skip(i).zip(y) {
            *o += xi * yj;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_with_fixed_downtime_is_exact_on_the_grid() {
        // X = 1 h always, N ~ Poisson(2): T = N hours. P(T > 2.5) = 1 − e^{−2}(1 + 2 + 2) = 1 − 5e^{−2}.
        let cdf = |x: f64| f64::from(u8::from(x >= 1.0));
        let left = |x: f64| f64::from(u8::from(x > 1.0));
        let t = tail_bounds(
            PeriodCount::Poisson { lambda: 2.0 },
            &PerOutage { cdf: &cdf, cdf_left: &left, continuous: false },
            &[2.5],
            &|_| true,
            10,
            10,
        );
        let exact = 1.0 - 5.0 * (-2.0f64).exp();
        let (lo, hi) = t.bounds[0];
        assert!(lo <= exact + 1e-12 && exact <= hi + 1e-12, "{lo} {exact} {hi}");
        assert!(hi - lo < 1e-9, "{lo} {hi}");
    }

    #[test]
    fn exponential_poisson_bounds_contain_the_series() {
        // X ~ Exp(1), N ~ Poisson(0.7): P(T > u) = Σ_{n≥1} e^{−λ}λⁿ/n! · Q(n, u) with the Erlang tail
        // Q(n, u) = e^{−u} Σ_{i<n} uⁱ/i!.
        let (lambda, u) = (0.7_f64, 1.3_f64);
        let mut exact = 0.0;
        let mut pn = (-lambda).exp();
        for n in 1..60 {
            pn *= lambda / f64::from(n);
            let mut term = 1.0;
            let mut q = 0.0;
            for i in 0..n {
                if i > 0 {
                    term *= u / f64::from(i);
                }
                q += term;
            }
            exact += pn * (-u).exp() * q;
        }
        let cdf = |x: f64| if x <= 0.0 { 0.0 } else { -(-x).exp_m1() };
        let gap = |b: &[(f64, f64)]| b.iter().all(|(l, h)| h - l <= 1e-4);
        let t = tail_bounds(
            PeriodCount::Poisson { lambda },
            &PerOutage { cdf: &cdf, cdf_left: &cdf, continuous: true },
            &[u],
            &gap,
            64,
            1 << 14,
        );
        let (lo, hi) = t.bounds[0];
        assert!(lo <= exact && exact <= hi, "{lo} {exact} {hi}");
        assert!(hi - lo <= 1e-4, "{lo} {hi} after {} cells", t.cells);
    }

    #[test]
    fn exactly_n_uses_convolution_powers() {
        // X ∈ {0, 1} h with P(X = 1) = 0.5, exactly 3 outages: T ~ Binomial(3, 0.5) hours.
        // P(T > 1.5) = P(T ≥ 2) = 3/8 + 1/8 = 0.5.
        let cdf = |x: f64| {
            if x < 0.0 {
                0.0
            } else if x < 1.0 {
                0.5
            } else {
                1.0
            }
        };
        let left = |x: f64| {
            if x <= 0.0 {
                0.0
            } else if x <= 1.0 {
                0.5
            } else {
                1.0
            }
        };
        let t = tail_bounds(
            PeriodCount::Exactly(3),
            &PerOutage { cdf: &cdf, cdf_left: &left, continuous: false },
            &[1.5],
            &|_| true,
            8,
            8,
        );
        let (lo, hi) = t.bounds[0];
        assert!((lo - 0.5).abs() < 1e-12 && (hi - 0.5).abs() < 1e-12, "{lo} {hi}");
    }
}
