//! The distribution of a billing period's total counted downtime, by
//! Panjer's recursion on a discretised per-outage downtime, with rigorous
//! bounds from discretising up and down.

mod transform;

use super::PeriodCount;

/// Grids of at least this many cells use the transform ([`transform`]);
/// smaller ones Panjer's recursion, which is faster there. Measured on
/// both pmfs of an exponential downtime (release build, one core): at 256
/// cells the two take about the same time (37 against 44 µs for a Poisson
/// count, 71 against 63 µs for a negative binomial); at 512 the transform
/// is 1.6–2.3× faster, at 1 024 3.2–4.4×, at 2 048 5.9–8.7×.
const TRANSFORM_CELLS: usize = 512;

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

/// The per-outage downtime's CDF on a grid of step `2^exp` hours: what
/// [`tail_bounds`] evaluates before discretising. Every grid's step is a
/// power of two, so the grids of any two thresholds, billing periods or
/// targets share their points: a grid of step `2^e` holds every point of a
/// coarser one, `k·2^{e+j} = (k·2ʲ)·2^e` (the same floats, both products
/// being exact). The values depend only on the per-outage downtime and the
/// step, not on the count or the threshold, so a caller keeps them in a
/// [`GridCache`] and evaluates the CDF only at the points no cached grid holds.
#[derive(Debug)]
pub(crate) struct Grid {
    /// The step's exponent: points `k·2^exp` hours.
    exp: i32,
    /// `P(X ≤ k·2^exp)`, `k = 0, 1, …` as far as the grid reaches.
    right: Vec<f64>,
    /// `P(X < k·2^exp)` where it differs from `right` (an `X` with atoms).
    left: Option<Vec<f64>>,
}

/// The grids of one per-outage downtime, by the exponent of their step, each
/// the longest computed with that step, and the recursion's work arrays,
/// reused from one grid to the next (and, like the grids, not kept after a
/// grid above [`CACHED_CELLS`]). The caller keeps one cache per
/// distinct per-outage downtime. Grids above [`CACHED_CELLS`] are not kept.
#[derive(Debug, Default)]
pub(crate) struct GridCache {
    grids: std::collections::BTreeMap<i32, Grid>,
    /// The discretised pmfs (rounded up, rounded down) of the grids below
    /// [`TRANSFORM_CELLS`], by step exponent and cells: they depend on the
    /// grid only, so every count on the same grid (each target's rate under
    /// fewer incidents) reads them from here. At most 32 bytes a cell each
    /// (the two pmfs and their weights), so below 16 KiB a grid; one per
    /// step and threshold of a study.
    pmfs: std::collections::BTreeMap<(i32, usize), (Pmf, Pmf)>,
    work: Work,
}

impl GridCache {
    /// An empty cache.
    pub(crate) fn new() -> Self {
        Self::default()
    }
}

/// The most cells of a grid a [`GridCache`] keeps (1 MiB a vector).
const CACHED_CELLS: usize = 1 << 17;

/// The most cells of any grid [`tail_bounds`] computes (the expectation's own
/// limit, [`crate::MAX_SLA_CELLS`], is lower: this only keeps a direct call
/// within memory).
const MAX_GRID_CELLS: usize = 1 << 21;

impl Grid {
    /// `P(X ≤ k·2^exp)` (or `P(X <`, from `values`), when this grid has that point.
    fn known(&self, values: &[f64], exp: i32, k: usize) -> Option<f64> {
        let at = if self.exp <= exp {
            // As fine or finer: every `2^(exp − self.exp)`-th point.
            let shift = u32::try_from(exp.checked_sub(self.exp)?).ok()?;
            k.checked_mul(1_usize.checked_shl(shift)?)
        } else {
            // Coarser: the points at multiples of its step.
            let shift = u32::try_from(self.exp.checked_sub(exp)?).ok()?;
            let ratio = 1_usize.checked_shl(shift)?;
            k.is_multiple_of(ratio).then(|| k.checked_div(ratio)).flatten()
        };
        at.and_then(|i| values.get(i)).copied()
    }

    /// How far the grid reaches, in hours.
    fn reach(&self) -> f64 {
        #[expect(clippy::cast_precision_loss, reason = "grid lengths are small")]
        let points = self.right.len() as f64;
        points * 2f64.powi(self.exp)
    }
}

/// The exponent of the power of two nearest `u / 32` (in ratio): the step of
/// a threshold's first grid, 23 to 46 cells up to it (`u/h` lies in
/// `[32/√2, 32·√2]`); `None` where that step would not be a normal float.
pub(crate) fn first_step(u: f64) -> Option<i32> {
    let e = (u / 32.0).log2().round();
    #[expect(clippy::cast_possible_truncation, reason = "a finite log2 lies within ±1100")]
    let exp = e as i32;
    (e.is_finite() && 2f64.powi(exp).is_normal()).then_some(exp)
}

/// The cells of a grid of step `2^exp` up to `u` hours: `⌈u / 2^exp⌉` (the
/// division by a power of two is exact), or `None` beyond [`MAX_GRID_CELLS`],
/// for a `u` that is not above 0 (or NaN), or for a step that is not a normal
/// float. (`2f64.powi(exp)` is a product of twos, exact for a normal result.)
pub(crate) fn cells_to(u: f64, exp: i32) -> Option<usize> {
    let h = 2f64.powi(exp);
    let cells = (u / h).ceil();
    #[expect(clippy::cast_precision_loss, reason = "a small power of two")]
    let limit = MAX_GRID_CELLS as f64;
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "1 ≤ cells ≤ 2²¹")]
    (h.is_normal() && cells >= 1.0 && cells <= limit).then_some(cells as usize)
}

/// `P(T > u)` bounds for thresholds `us` (hours, ascending or not), where a
/// period's count is `count` and each outage's counted downtime `X` has CDF
/// `cdf` (`cdf(x) = P(X ≤ x)`) and left limit `cdf_left` (`P(X < x)`).
///
/// Discretising `X` up to the grid (`X↑ = h⌈X/h⌉ ≥ X`) and down
/// (`X↓ = h⌊X/h⌋ ≤ X`) gives sums `T↓ ≤ T ≤ T↑`, so
/// `P(T↓ > u) ≤ P(T > u) ≤ P(T↑ > u)`, on a grid of step `h = 2^exp` hours
/// from 0 to the largest threshold or just past it (`⌈u/h⌉` cells; a
/// threshold need not be a point of the grid: `P(T↑ > u) = P(T↑ > ⌊u/h⌋·h)`
/// on the lattice, and likewise below); the caller refines it. The
/// one-outage term is put in exactly ([`single_outage`]). `continuous` says
/// `cdf_left == cdf` (no atoms), which halves the CDF evaluations. Grids of [`TRANSFORM_CELLS`] or more compound by the
/// tilted transform ([`transform`]), whose aliasing and rounding bounds
/// widen the bracket, unless they would widen it by more than 1 %; smaller
/// grids by Panjer's recursion. The CDF's values are read from the grids in
/// `cache` that hold the same points (they depend on `X` and the points
/// only), and the grid is kept there when it is the longest of its step and
/// within [`CACHED_CELLS`].
pub(crate) fn tail_bounds(
    count: PeriodCount,
    x: &PerOutage<'_>,
    us: &[f64],
    exp: i32,
    cache: &mut GridCache,
) -> TailBounds {
    let u_max = us.iter().copied().fold(0.0_f64, f64::max);
    if us.is_empty() || u_max <= 0.0 || !u_max.is_finite() {
        // P(T > 0) = 1 − P(T = 0); only the zero threshold can occur here.
        let p_zero = total_zero(count, (x.cdf)(0.0));
        return TailBounds { bounds: us.iter().map(|_| (1.0 - p_zero, 1.0 - p_zero)).collect(), cells: 0 };
    }
    // The recursion starts from P(T = 0) = e^{−λ(1 − f₀)} (Poisson), f₀ = P(X = 0)
    // the smallest of the grids' first values: below about 1e-290 (a period's mean count in the hundreds) it and every cell
    // after it underflow to 0 and the bracket would read [1, 1], a certainty
    // that is not known. Nothing is known instead: [0, 1], which no finer grid
    // changes (`cells` 0), so the caller reports the line as not converged.
    let unknown = || TailBounds { bounds: us.iter().map(|_| (0.0, 1.0)).collect(), cells: 0 };
    let h = 2f64.powi(exp);
    let Some(cells) = cells_to(u_max, exp) else { return unknown() };
    let points = cells.saturating_add(2);
    let GridCache { grids, pmfs, work } = cache;
    // The CDF at the grid's points: read from the cached grid of this step
    // when it reaches as far, else gathered from the cached grids that hold
    // them and evaluated at the rest (and kept when within the cache's size).
    let fresh = grids.get(&exp).is_none_or(|g| g.right.len() < points).then(|| {
        let grid = gather(grids, x, exp, points);
        if cells <= CACHED_CELLS {
            grids.insert(exp, grid);
            None
        } else {
            Some(grid)
        }
    });
    let Some(grid) = fresh.as_ref().and_then(Option::as_ref).or_else(|| grids.get(&exp)) else {
        return unknown();
    };
    // (A grid read in place reaches at least as far; a gathered one has exactly the points.)
    let Some(right) = grid.right.get(..points) else { return unknown() };
    let left = match grid.left.as_deref().map(|l| l.get(..points)) {
        Some(None) => return unknown(),
        Some(Some(l)) => Some(l),
        None => None,
    };
    // (An exact count, or a binomial one with q > ½, does not start from it: its pmf is
    // a convolution power, [`by_powers`].)
    let start = total_zero(count, right.first().copied().unwrap_or(0.0));
    if !by_powers(count) && (start.is_nan() || start < 1e-290) {
        return unknown();
    }
    // The one-outage term is exact: p₁ = P(N = 1) (see [`single_outage`]) and
    // F(u) = P(X ≤ u) for each threshold.
    let p1 = single_outage(count);
    // The discretised pmfs depend on the grid only, not on the count: a grid
    // the recursion takes keeps them for the next count (another target's
    // rate); a larger one, which the transform takes, builds them afresh.
    let discretised = || (discretise(right, true), discretise(left.unwrap_or(right), false));
    // The last cell k with k·h ≤ u (u/h is exact: h is a power of two).
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0 ≤ u/h ≤ cells")]
    let last_of = |u: f64| (u / h).floor().max(0.0) as usize;
    let at = |c: &[f64], last: usize| c.get(last).or(c.last()).copied().unwrap_or(0.0);
    // `P(T ≤ last·h)` from a pmf: its running sum to the threshold's last
    // cell, the same additions in the same order as the running sums over
    // every cell.
    let summed = |pmf: &[f64], u: f64| pmf.iter().take(last_of(u).saturating_add(1)).fold(0.0, |t, p| t + p);
    // The bounds at threshold `u` from `P(T↑ ≤ last·h)` and `P(T↓ ≤ last·h)`.
    let bracket = |u: f64, at_most_up: f64, at_most_down: f64, aliasing: f64, rounding: f64| {
        let last = last_of(u);
        let at = |c: &[f64]| at(c, last);
        // The one-outage term p₁·P(X > u), exact in place of
        // p₁·P(X↑ > u) = p₁(1 − F(last·h)) and
        // p₁·P(X↓ > u) = p₁(1 − P(X < (last + 1)·h)).
        let (to_upper, to_lower) = if p1 > 0.0 {
            let f_u = (x.cdf)(u).clamp(0.0, 1.0);
            let below_next = left.unwrap_or(right).get(last.saturating_add(1));
            (p1 * (at(right) - f_u), below_next.map_or(0.0, |b| p1 * (b - f_u)))
        } else {
            (0.0, 0.0)
        };
        let upper = (1.0 - at_most_up + aliasing + rounding + to_upper).clamp(0.0, 1.0);
        let lower = (1.0 - at_most_down - rounding + to_lower).clamp(0.0, 1.0);
        (lower.min(upper), upper.max(lower))
    };
    // The transform where it is faster, unless what it adds to the bracket
    // (the aliasing bound and twice the rounding bound) is more than 1 %
    // of the bracket's own width: then the recursion, which adds nothing.
    // (One vector a grid: the upper sums wait in it for the lower pmf.)
    let by_recursion = |work: &mut Work, up: &Pmf, down: &Pmf| {
        let at_most_up = work.compound(count, up);
        let mut bounds: Vec<(f64, f64)> = us.iter().map(|&u| (summed(at_most_up, u), 0.0)).collect();
        let at_most_down = work.compound(count, down);
        for (slot, &u) in bounds.iter_mut().zip(us) {
            *slot = bracket(u, slot.0, summed(at_most_down, u), 0.0, 0.0);
        }
        bounds
    };
    let bounds = if cells < TRANSFORM_CELLS {
        let (up, down) = pmfs.entry((exp, cells)).or_insert_with(|| {
            let (up, down) = discretised();
            (Pmf::new(up), Pmf::new(down))
        });
        by_recursion(work, up, down)
    } else {
        let (up, down) = discretised();
        let by_transform = transform::sums(count, &up, &down, cells, &mut work.transform)
            .map(|s| {
                let added = s.aliasing + 2.0 * s.rounding;
                let read = |u: f64| {
                    let last = last_of(u);
                    bracket(u, at(&s.up, last), at(&s.down, last), s.aliasing, s.rounding)
                };
                (us.iter().map(|&u| read(u)).collect::<Vec<_>>(), added)
            })
            .filter(|(b, added)| b.iter().all(|(lo, hi)| *added <= 0.01 * (hi - lo - added)))
            .map(|(b, _)| b);
        match by_transform {
            Some(bounds) => bounds,
            None => by_recursion(work, &Pmf::new(up), &Pmf::new(down)),
        }
    };
    if cells > CACHED_CELLS {
        // Like such a grid, its work arrays are not kept.
        *work = Work::default();
    }
    TailBounds { bounds, cells }
}

/// The per-outage CDF at the `points` points `k·2^exp` of a grid (`P(X ≤ ·)`
/// and, for an `X` with atoms, `P(X < ·)`), read from the grids in `grids`
/// that hold them and evaluated at the rest: first the grid as fine or finer
/// that reaches furthest (it holds all its points that far; on a tie the
/// coarser, for the same choice whatever the map's order), then the coarser
/// ones from the finest (every other point) to the coarsest. The values are
/// bit for bit those of evaluating the CDF at every point.
fn gather(grids: &std::collections::BTreeMap<i32, Grid>, x: &PerOutage<'_>, exp: i32, points: usize) -> Grid {
    let h = 2f64.powi(exp);
    let finer = grids
        .values()
        .filter(|g| g.exp <= exp)
        .max_by(|a, b| a.reach().total_cmp(&b.reach()).then(a.exp.cmp(&b.exp)));
    let mut coarser: Vec<&Grid> = grids.values().filter(|g| g.exp > exp).collect();
    coarser.sort_unstable_by_key(|g| g.exp);
    let sources: Vec<&Grid> = finer.into_iter().chain(coarser).collect();
    let values = |f: &dyn Fn(f64) -> f64, pick: &dyn Fn(&Grid) -> Option<&[f64]>| -> Vec<f64> {
        // The finer grid, the first source, holds a prefix of the points
        // (every `2^(exp − its exp)`-th of its values): copied by stride.
        let mut out = Vec::with_capacity(points);
        if let Some((v, stride)) = finer.and_then(|g| {
            Some((pick(g)?, 1_usize.checked_shl(u32::try_from(exp.checked_sub(g.exp)?).ok()?)?))
        }) {
            out.extend(v.iter().step_by(stride).take(points));
        }
        let known = out.len();
        out.extend((known..points).map(|k| {
            match sources.iter().find_map(|g| pick(g).and_then(|v| g.known(v, exp, k))) {
                Some(v) => v,
                #[expect(clippy::cast_precision_loss, reason = "cell counts are small")]
                None => f(k as f64 * h).clamp(0.0, 1.0),
            }
        }));
        out
    };
    let right = values(x.cdf, &|g| Some(g.right.as_slice()));
    // For a continuous X the left limits are the CDF itself: evaluate once.
    let left = if x.continuous { None } else { Some(values(x.cdf_left, &|g| g.left.as_deref())) };
    Grid { exp, right, left }
}

/// Running sums `P(T ≤ kh)` of a pmf, in order (the same additions, in the
/// same order, as summing a prefix afresh).
#[cfg(test)]
fn cumulative(f: &[f64]) -> Vec<f64> {
    let mut total = 0.0;
    f.iter()
        .map(|p| {
            total += p;
            total
        })
        .collect()
}

/// The pmf of the discretised `X` on cells `0..=cells`, with cell
/// `cells + 1` holding all mass beyond the grid. `values[k]` is the CDF at
/// `k·h` for `k = 0..=cells + 1` (`P(X ≤ kh)` when rounding up, `P(X < kh)`
/// when rounding down).
fn discretise(values: &[f64], round_up: bool) -> Vec<f64> {
    let cells = values.len().saturating_sub(2);
    // (Room for the recursion's padding, [`Pmf`].)
    let mut f = Vec::with_capacity(cells.saturating_add(2 + BLOCK));
    let step = |w: &[f64]| match w {
        [prev, now] => (now - prev).max(0.0),
        _ => 0.0,
    };
    // The CDF at the points the cells run between: 0, h, …, cells·h rounding
    // up (X↑ = kh ⇔ (k−1)h < X ≤ kh, and X↑ = 0 ⇔ X ≤ 0); h, …, (cells+1)·h
    // rounding down (X↓ = kh ⇔ kh ≤ X < (k+1)h), from 0 below the first.
    let points = values.get(..=cells).unwrap_or(&[]);
    if round_up {
        f.push(values.first().copied().unwrap_or(1.0));
        f.extend(points.windows(2).map(step));
    } else {
        f.push(values.get(1).copied().unwrap_or(1.0).max(0.0));
        f.extend(values.get(1..).unwrap_or(&[]).windows(2).map(step));
    }
    // The mass beyond the last point: at or beyond (cells+1)·h rounding
    // down, beyond cells·h rounding up.
    let last = if round_up { points.last() } else { values.get(cells.saturating_add(1)) };
    f.push((1.0 - last.copied().unwrap_or(1.0)).max(0.0));
    f
}

/// `P(N = 1)`: `(a + b)·P(N = 0)` for a Poisson or negative binomial count,
/// `n·q·(1 − q)^{n−1}` for a binomial one, 1 or 0 for an exact count; or 0
/// where it does not come out finite. The term
/// `P(N = 1)·P(X > u)` of `P(T > u)` needs no grid: [`tail_bounds`] puts it
/// in exactly, and the discretisation brackets only the terms of two outages
/// or more, which is most of the bracket's width when outages are rare.
fn single_outage(count: PeriodCount) -> f64 {
    let p1 = match count {
        PeriodCount::Poisson { lambda } => lambda * total_zero(count, 0.0),
        PeriodCount::NegativeBinomial { r, beta } => r * beta / (1.0 + beta) * total_zero(count, 0.0),
        // n·q·(1 − q)^{n−1}, with no division by 1 − q (which is tiny as q → 1).
        PeriodCount::Binomial { n, q } => {
            f64::from(n) * q * (1.0 - q).powi(i32::try_from(n.saturating_sub(1)).unwrap_or(i32::MAX))
        }
        PeriodCount::Exactly(n) => f64::from(u8::from(n == 1)),
    };
    if p1.is_finite() { p1.clamp(0.0, 1.0) } else { 0.0 }
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

/// A discretised per-outage pmf `f_X(0), …, f_X(m − 1)` as the recursion
/// reads it: the pmf and the weights `j·f_X(j)`, each followed by [`BLOCK`]
/// zeros, so that a block's sums can read up to `BLOCK − 1` cells past the
/// grid's end (for cells never kept).
#[derive(Debug)]
struct Pmf {
    /// The pmf, then [`BLOCK`] zeros.
    plain: Vec<f64>,
    /// `j·f_X(j)`, then [`BLOCK`] zeros.
    weighted: Vec<f64>,
    /// `m`, the cells of the pmf.
    cells: usize,
}

impl Pmf {
    fn new(mut plain: Vec<f64>) -> Self {
        let cells = plain.len();
        let mut weighted = Vec::with_capacity(cells.saturating_add(BLOCK));
        #[expect(clippy::cast_precision_loss, reason = "cell counts are small")]
        weighted.extend(plain.iter().enumerate().map(|(j, x)| j as f64 * x));
        weighted.resize(cells.saturating_add(BLOCK), 0.0);
        plain.resize(cells.saturating_add(BLOCK), 0.0);
        Pmf { plain, weighted, cells }
    }

    /// `f_X(0), …, f_X(m − 1)`.
    fn fx(&self) -> &[f64] {
        self.plain.get(..self.cells).unwrap_or(&self.plain)
    }
}

/// Work arrays of the recursion, reused across grids and counts.
#[derive(Debug, Default)]
struct Work {
    /// The compound pmf, last cell first (see [`Work::compound`]).
    reversed: Vec<f64>,
    /// The compound pmf in cell order.
    out: Vec<f64>,
    /// The transform's arrays.
    transform: transform::Buffers,
}

impl Work {
    /// The pmf of `T = X₁ + … + X_N` on the same cells as `fx` (mass beyond the
    /// last cell is dropped: only `P(T ≤ kh)` for cells inside the grid is used).
    ///
    /// Panjer's recursion for a count in the (a, b, 0) class,
    ///
    /// ```text
    /// f_T(k) = 1/(1 − a·f₀) · Σ_{j=1..k} (a + b·j/k) · f_X(j) · f_T(k − j)
    ///        = 1/(1 − a·f₀) · (a·Σ_j f_X(j)·f_T(k−j) + (b/k)·Σ_j j·f_X(j)·f_T(k−j)),
    /// ```
    ///
    /// is evaluated in the second form: two dot products per cell (one for a
    /// Poisson count) with no division inside (`j·f_X(j)` is computed once),
    /// over a copy of `f_T` stored last cell first so that both run forward
    /// through memory, with several partial sums so that the compiler can
    /// vectorise them. Cells go in blocks of [`BLOCK`] ([`dot_block`]): the sums
    /// of cells k, …, k + 3 over the known `f_T(k − 1), …, f_T(0)` are taken
    /// together, reading those once (cell k + i's weights are i cells on), and
    /// each cell then adds its terms from the block's earlier cells, `j = i`
    /// down to 1, once those are known. Against cells in pairs, the six-target
    /// study took 0.81 of the time (`expected_targets fewer fixed 1000` and
    /// `faster beta 500`, median of paired whole-process runs).
    ///
    /// Not for a binomial count with `q > ½`: there `a = −q/(1 − q)` is
    /// below −1, the terms of each sum have both signs and cancel, more as
    /// `q → 1` (for `Binomial(2, 0.999)` and an exponential downtime on 32
    /// cells, the upper bound on `P(T > u)` came out 0.025 below the true
    /// value; at `q = 0.999999` no digit was left). Such a count, like an
    /// exact one, goes through convolution powers, whose terms are all
    /// non-negative ([`thinned`]). The two methods agree to 1e-12 relative
    /// up to `q = ½` (tested), so the recursion is kept there, at about
    /// `1/log₂ n` of the powers' cost. A billing period's `q` is its share of
    /// the year: about a twelfth for a month, a quarter for a quarter (a
    /// year is an exact count).
    fn compound(&mut self, count: PeriodCount, pmf: &Pmf) -> &[f64] {
        let fx = pmf.fx();
        let m = fx.len();
        let f0 = fx.first().copied().unwrap_or(0.0);
        let (a, b) = match count {
            PeriodCount::Poisson { lambda } => (0.0, lambda),
            PeriodCount::NegativeBinomial { r, beta } => {
                (beta / (1.0 + beta), (r - 1.0) * beta / (1.0 + beta))
            }
            PeriodCount::Binomial { n, q } if by_powers(count) => {
                self.out = power(&thinned(fx, q), n);
                return &self.out;
            }
            PeriodCount::Binomial { n, q } => {
                let odds = q / (1.0 - q);
                (-odds, (f64::from(n) + 1.0) * odds)
            }
            PeriodCount::Exactly(n) => {
                self.out = power(fx, n);
                return &self.out;
            }
        };
        // The weights j·f_X(j) and, where `a ≠ 0`, f_X(j) itself, each
        // followed by BLOCK zeros (`pmf`).
        let poisson = a == 0.0;
        // reversed[m − 1 − k] = f_T(k): the f_T(k − 1), …, f_T(0) are then
        // reversed[m − k ..= m − 1], in order.
        self.reversed.clear();
        self.reversed.resize(m, 0.0);
        if let Some(last) = self.reversed.last_mut() {
            *last = total_zero(count, f0);
        }
        let scale = 1.0 / (1.0 - a * f0);
        // f_T(k) from the sums Σ_j f_X(j)·f_T(k−j) (`plain`) and Σ_j j·f_X(j)·f_T(k−j) (`by_j`).
        // Under a Poisson count every term is non-negative and `scale` is 1,
        // so the cell is `b/k · by_j` exactly, one multiplication after the
        // last sum. (Scaled and kept at least 0 it had the same bits, but for
        // the sign of a zero cell where `b` is −0: a rate of −0, or a
        // negative binomial's β of 0. Every sum of cells starts from +0, so
        // the bounds keep their bits.)
        let cell = |plain: f64, by_j: f64, index: usize| {
            #[expect(clippy::cast_precision_loss, reason = "cell counts are small")]
            let kf = index as f64;
            if poisson { b / kf * by_j } else { ((a * plain + b / kf * by_j) * scale).max(0.0) }
        };
        let mut this = 1;
        while this < m {
            // Cells this, …, this + BLOCK − 1 (those within the grid): their
            // sums over the known f_T(this − 1), …, f_T(0) (`ts`, read once
            // for the block), the weights of cell this + i being i cells on;
            // then, cell by cell, the terms of the block's own earlier cells.
            let Some(ts) = self.reversed.get(m.saturating_sub(this)..) else { break };
            let by_j = dot_block(pmf.weighted.get(1..).unwrap_or(&[]), ts);
            let plain = if poisson { [0.0; BLOCK] } else { dot_block(pmf.plain.get(1..).unwrap_or(&[]), ts) };
            let mut new = [0.0_f64; BLOCK];
            let cells = by_j.into_iter().zip(plain).enumerate().take(m.saturating_sub(this));
            for (i, (mut by_j, mut plain)) in cells {
                // Terms j = i, …, 1: f_X(j)·f_T(this + i − j), the block's cells in order.
                for (j, earlier) in (1..=i).rev().zip(&new) {
                    by_j += pmf.weighted.get(j).copied().unwrap_or(0.0) * earlier;
                    if !poisson {
                        plain += fx.get(j).copied().unwrap_or(0.0) * earlier;
                    }
                }
                let k = this.saturating_add(i);
                let value = cell(plain, by_j, k);
                if let Some(slot) = new.get_mut(i) {
                    *slot = value;
                }
                if let Some(slot) = self.reversed.get_mut(m.saturating_sub(k).saturating_sub(1)) {
                    *slot = value;
                }
            }
            this = this.saturating_add(BLOCK);
        }
        self.out.clear();
        self.out.extend(self.reversed.iter().rev());
        &self.out
    }
}

/// Cells of Panjer's recursion computed together ([`Work::compound`]).
const BLOCK: usize = 4;

/// `Σᵣ w[i + r]·y[r]` over `r < y.len()`, for `i = 0, …, BLOCK − 1` (all
/// four 0 where `w` is shorter than `y.len() + BLOCK − 1`: the caller pads
/// it), `y` read once for all four. Each sum has four partial sums
/// (vectorisable), combined in a fixed order, so results are reproducible,
/// and each sum's bits do not depend on the others.
fn dot_block(w: &[f64], y: &[f64]) -> [f64; BLOCK] {
    const LANES: usize = 4;
    let n = y.len();
    let Some(w) = w.get(..n.saturating_add(BLOCK - 1)) else { return [0.0; BLOCK] };
    let mut acc = [[0.0_f64; LANES]; BLOCK];
    let chunks = y.chunks_exact(LANES);
    let rest = chunks.remainder();
    // Window c holds w[c·LANES .. c·LANES + LANES + BLOCK − 1): sum i reads
    // its LANES weights from offset i.
    for (ys, window) in chunks.zip(w.windows(LANES + BLOCK - 1).step_by(LANES)) {
        for (i, sums) in acc.iter_mut().enumerate() {
            let Some(ws) = window.get(i..i.saturating_add(LANES)) else { break };
            for ((s, p), q) in sums.iter_mut().zip(ws).zip(ys) {
                *s += p * q;
            }
        }
    }
    let done = n.saturating_sub(rest.len());
    let mut out = [0.0_f64; BLOCK];
    for (i, (o, [l0, l1, l2, l3])) in out.iter_mut().zip(acc).enumerate() {
        let tail = w.get(done.saturating_add(i)..).unwrap_or(&[]);
        let tail: f64 = tail.iter().zip(rest).fold(0.0, |t, (p, q)| t + p * q);
        *o = ((l0 + l2) + (l1 + l3)) + tail;
    }
    out
}

/// Whether [`Work::compound`] takes convolution powers for `count` (an exact
/// count, or a binomial one with `q > ½`) rather than Panjer's recursion: they
/// never start from `P(T = 0)`, so its underflow says nothing about them.
fn by_powers(count: PeriodCount) -> bool {
    match count {
        PeriodCount::Exactly(_) => true,
        PeriodCount::Binomial { q, .. } => q > 0.5,
        PeriodCount::Poisson { .. } | PeriodCount::NegativeBinomial { .. } => false,
    }
}

/// The pmf of one of a binomial count's `n` independent trials: an outage
/// of pmf `fx` with probability `q`, else nothing (a zero downtime),
/// `g = (1 − q)·δ₀ + q·fx`. A `Binomial(n, q)` number of outages sums to
/// the same total as `n` such trials, so `f_T = g^{*n}` ([`power`]): every
/// product and sum is of non-negative terms, stable for any `q`.
fn thinned(fx: &[f64], q: f64) -> Vec<f64> {
    let mut g: Vec<f64> = fx.iter().map(|p| q * p).collect();
    if let Some(first) = g.first_mut() {
        *first += 1.0 - q;
    }
    g
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
            -2,
            &mut GridCache::new(),
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
        let x = PerOutage { cdf: &cdf, cdf_left: &cdf, continuous: true };
        let t = refined(PeriodCount::Poisson { lambda }, &x, u, 1e-4);
        let (lo, hi) = t.bounds[0];
        assert!(lo <= exact && exact <= hi, "{lo} {exact} {hi}");
        assert!(hi - lo <= 1e-4, "{lo} {hi} after {} cells", t.cells);
    }

    #[test]
    fn an_underflowing_start_is_not_known_rather_than_certain() {
        // N ~ Poisson(2000) in the period, X ~ Exp with mean 3.6 s (1e-3 h): T has mean 2 h and
        // sd √(2·2000)·1e-3 ≈ 0.063 h, so P(T > 10 h) is 0 to double precision. The recursion
        // would start from P(T = 0) = e^{−2000}, which underflows to 0, and every cell after it
        // would be 0: the bracket would have read [1, 1]. It must say nothing is known instead.
        let cdf = |x: f64| if x <= 0.0 { 0.0 } else { -(-x / 1e-3).exp_m1() };
        let t = tail_bounds(
            PeriodCount::Poisson { lambda: 2000.0 },
            &PerOutage { cdf: &cdf, cdf_left: &cdf, continuous: true },
            &[10.0],
            -3,
            &mut GridCache::new(),
        );
        assert_eq!(t.bounds, vec![(0.0, 1.0)]);
        // At a mean count of 600 a period, e^{−600} ≈ 2.6e-261 is still a normal double: the
        // recursion runs and brackets a tail that is far from certain (mean 0.6 h, threshold 10 h).
        let t = tail_bounds(
            PeriodCount::Poisson { lambda: 600.0 },
            &PerOutage { cdf: &cdf, cdf_left: &cdf, continuous: true },
            &[10.0],
            -7,
            &mut GridCache::new(),
        );
        let (lo, hi) = t.bounds[0];
        assert!(lo <= hi && hi < 1e-6, "{lo} {hi}");
    }

    #[test]
    fn a_fixed_count_of_continuous_outages_is_bracketed() {
        // N = 2 exactly, X ~ Exp(1): T ~ Erlang(2, 1), P(T > 3) = e^{−3}(1 + 3) = 4e^{−3}
        // = 0.199148…; P(T = 0) = P(X = 0)² = 0, which is not an underflow.
        let cdf = |x: f64| if x <= 0.0 { 0.0 } else { -(-x).exp_m1() };
        let x = PerOutage { cdf: &cdf, cdf_left: &cdf, continuous: true };
        let t = refined(PeriodCount::Exactly(2), &x, 3.0, 1e-3);
        let exact = 4.0 * (-3.0f64).exp();
        let (lo, hi) = t.bounds[0];
        assert!(lo <= exact && exact <= hi && hi - lo <= 1e-3, "{lo} {exact} {hi}");
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
            -2,
            &mut GridCache::new(),
        );
        let (lo, hi) = t.bounds[0];
        assert!((lo - 0.5).abs() < 1e-12 && (hi - 0.5).abs() < 1e-12, "{lo} {hi}");
        // A threshold between the grid's points: 0.9 h on a step of 0.25 h (4 cells) reads the
        // totals up to ⌊0.9/0.25⌋ = 3 cells: P(T > 0.9) = P(T ≥ 1) = 7/8 exactly (reading up to
        // ⌈3.6⌉ = 4 cells, 1 h, would give P(T > 1) = 1/2).
        let t = tail_bounds(
            PeriodCount::Exactly(3),
            &PerOutage { cdf: &cdf, cdf_left: &left, continuous: false },
            &[0.9],
            -2,
            &mut GridCache::new(),
        );
        assert_eq!(t.cells, 4);
        let (lo, hi) = t.bounds[0];
        assert!((lo - 0.875).abs() < 1e-12 && (hi - 0.875).abs() < 1e-12, "{lo} {hi}");
    }

    /// The bounds on the first grid from a step of 2⁻⁴ h, halving, whose
    /// bracket is at most `width` wide (or at a step of 2⁻¹² h).
    fn refined(count: PeriodCount, x: &PerOutage<'_>, u: f64, width: f64) -> TailBounds {
        let mut exp = -4;
        loop {
            let t = tail_bounds(count, x, &[u], exp, &mut GridCache::new());
            let (lo, hi) = t.bounds[0];
            if hi - lo <= width || exp <= -12 {
                return t;
            }
            exp -= 1;
        }
    }

    #[test]
    fn one_outage_is_exact_without_a_fine_grid() {
        // Exactly one outage, X ~ Exp(1): T = X and P(T > 2) = e^{−2} = 0.135335…, which the
        // bracket holds exactly on a grid of 8 cells (h = 0.25), where the discretised X alone
        // would have given [1 − F(2.25), 1 − F(2)] = [e^{−2.25}, e^{−2}], 0.03 wide. A
        // Binomial(1, ½) count has one outage half the time: P(T > 2) = ½e^{−2}, as exactly.
        let cdf = |x: f64| if x <= 0.0 { 0.0 } else { -(-x).exp_m1() };
        let x = PerOutage { cdf: &cdf, cdf_left: &cdf, continuous: true };
        for count in [PeriodCount::Exactly(1), PeriodCount::Binomial { n: 1, q: 0.5 }] {
            let t = tail_bounds(count, &x, &[2.0], -2, &mut GridCache::new());
            let (lo, hi) = t.bounds[0];
            let exact = if matches!(count, PeriodCount::Exactly(1)) { 1.0 } else { 0.5 } * (-2.0f64).exp();
            assert!((lo - exact).abs() < 1e-15 && (hi - exact).abs() < 1e-15, "{count:?}: {lo} {exact} {hi}");
        }
    }

    #[test]
    fn rare_outages_leave_only_the_two_outage_width() {
        // N ~ Poisson(0.05), X ~ Exp(1), u = 3 on a step of h = 2⁻⁴ = 0.0625 h (48 cells). The
        // bracket's width is the terms of two outages or more: about p₂·(2h)·f_{Γ(2,1)}(3)
        // = (0.05²/2·e^{−0.05})·0.125·(3e^{−3}) = 0.0011890·0.125·0.14936 ≈ 2.2e-5 (and
        // p₃·(3h)·f_{Γ(3,1)}(3) = 1.98e-5·0.1875·0.224 ≈ 8e-7 more), where the one-outage term
        // alone, discretised, would add p₁·h·f(3) = 0.047561·0.0625·0.049787 ≈ 1.5e-4. The bracket
        // must hold the series (as in `exponential_poisson_bounds_contain_the_series`) and be
        // between 1e-5 and 3e-5 wide.
        let (lambda, u) = (0.05_f64, 3.0_f64);
        let mut exact = 0.0;
        let mut pn = (-lambda).exp();
        for n in 1..30 {
            pn *= lambda / f64::from(n);
            let q: f64 = (0..n).map(|i| u.powi(i) / (1..=i).map(f64::from).product::<f64>()).sum();
            exact += pn * (-u).exp() * q;
        }
        let cdf = |x: f64| if x <= 0.0 { 0.0 } else { -(-x).exp_m1() };
        let x = PerOutage { cdf: &cdf, cdf_left: &cdf, continuous: true };
        let t = tail_bounds(PeriodCount::Poisson { lambda }, &x, &[u], -4, &mut GridCache::new());
        assert_eq!(t.cells, 48);
        let (lo, hi) = t.bounds[0];
        assert!(lo <= exact && exact <= hi, "{lo} {exact} {hi}");
        assert!(hi - lo < 3e-5 && hi - lo > 1e-5, "{lo} {hi}: {}", hi - lo);
    }

    /// Panjer's recursion as written in the textbooks, one division per term.
    #[expect(clippy::cast_precision_loss, reason = "small cell counts")]
    fn textbook(count: PeriodCount, fx: &[f64]) -> Vec<f64> {
        let (a, b) = match count {
            PeriodCount::Poisson { lambda } => (0.0, lambda),
            PeriodCount::NegativeBinomial { r, beta } => {
                (beta / (1.0 + beta), (r - 1.0) * beta / (1.0 + beta))
            }
            PeriodCount::Binomial { n, q } => (-q / (1.0 - q), (f64::from(n) + 1.0) * q / (1.0 - q)),
            PeriodCount::Exactly(_) => unreachable!(),
        };
        let mut ft = vec![total_zero(count, fx[0])];
        for k in 1..fx.len() {
            let s: f64 = (1..=k).map(|j| (a + b * j as f64 / k as f64) * fx[j] * ft[k - j]).sum();
            ft.push(s / (1.0 - a * fx[0]));
        }
        ft
    }

    /// An exponential per-outage downtime (mean `mean` hours) discretised up
    /// and down on `cells` cells of a grid up to `u`.
    #[expect(clippy::cast_precision_loss, reason = "small cell counts")]
    fn exponential_pmfs(mean: f64, u: f64, cells: usize) -> (Vec<f64>, Vec<f64>) {
        let h = u / cells as f64;
        let values: Vec<f64> = (0..=cells + 1).map(|k| -(-(k as f64 * h) / mean).exp_m1()).collect();
        (discretise(&values, true), discretise(&values, false))
    }

    #[test]
    fn the_transform_agrees_with_the_recursion_within_its_bound() {
        // The same pmfs through both methods: the transform's sums may exceed
        // the recursion's by the aliasing bound e^{−θM} and differ either way
        // by its rounding bound, and nothing else. The bound must also be
        // small enough to be useful (below 1e-6 here; 1e-8 to 1e-7 in practice).
        let counts = [
            PeriodCount::Poisson { lambda: 0.8 },
            PeriodCount::Poisson { lambda: 40.0 },
            PeriodCount::NegativeBinomial { r: 0.5, beta: 3.0 },
            PeriodCount::NegativeBinomial { r: 20.0, beta: 0.1 },
            PeriodCount::Binomial { n: 30, q: 0.2 },
            PeriodCount::Exactly(5),
        ];
        for cells in [256, 1024] {
            for count in counts {
                let (up, down) = exponential_pmfs(1.5, 12.0, cells);
                let s = transform::sums(count, &up, &down, cells, &mut transform::Buffers::default())
                    .expect("the bound applies");
                assert!(
                    s.rounding < 1e-6 && s.aliasing < 1e-6,
                    "{count:?}: {s:?}",
                    s = (s.rounding, s.aliasing)
                );
                let mut work = Work::default();
                for (fft, pmf) in [(&s.up, &up), (&s.down, &down)] {
                    let direct = cumulative(work.compound(count, &Pmf::new(pmf.clone())));
                    assert_eq!(fft.len(), cells + 1);
                    for (k, (a, b)) in fft.iter().zip(&direct).enumerate() {
                        let diff = a - b;
                        assert!(
                            diff <= s.aliasing + s.rounding + 1e-14 && diff >= -s.rounding - 1e-14,
                            "{count:?}, {cells} cells, cell {k}: transform {a}, recursion {b}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_transform_brackets_an_erlang_tail() {
        // N = 2 exactly, X ~ Exp(1): P(T > 3) = 4e^{−3} (as above), on grids
        // above the transform's threshold: the bracket must still hold.
        let cdf = |x: f64| if x <= 0.0 { 0.0 } else { -(-x).exp_m1() };
        for count in [PeriodCount::Exactly(2), PeriodCount::Binomial { n: 2, q: 1.0 - 1e-12 }] {
            let t = tail_bounds(
                count,
                &PerOutage { cdf: &cdf, cdf_left: &cdf, continuous: true },
                &[3.0],
                -10,
                &mut GridCache::new(),
            );
            let exact = 4.0 * (-3.0f64).exp();
            let (lo, hi) = t.bounds[0];
            // 3 h on a step of 2⁻¹⁰ h: 3 072 cells, above the transform's threshold.
            assert_eq!(t.cells, 3 * 1024);
            assert!(t.cells >= TRANSFORM_CELLS);
            // Width about 2·h·f_T(3) = 2·2⁻¹⁰·3e^{−3} ≈ 2.9e-4.
            assert!(lo <= exact && exact <= hi && hi - lo <= 1e-3, "{count:?}: {lo} {exact} {hi}");
        }
    }

    #[test]
    fn the_division_free_recursion_is_the_textbook_one() {
        // A lumpy pmf (including an atom at 0), for the three (a, b, 0) counts, on grids whose
        // last block of four cells is whole or has one, two or three cells (1 to 9 cells), and on
        // 300 cells; one work area for all, so a longer grid before a shorter one must not leak.
        let mut work = Work::default();
        for cells in [300, 1, 2, 3, 4, 5, 6, 7, 8, 9, 301] {
            let fx = lumpy(cells);
            for count in [
                PeriodCount::Poisson { lambda: 3.7 },
                PeriodCount::NegativeBinomial { r: 2.5, beta: 1.3 },
                PeriodCount::Binomial { n: 9, q: 0.35 },
            ] {
                let fast = work.compound(count, &Pmf::new(fx.clone())).to_vec();
                let slow = textbook(count, &fx);
                assert_eq!(fast.len(), slow.len());
                for (k, (f, s)) in fast.iter().zip(&slow).enumerate() {
                    // Only the order of the additions differs: agreement to rounding.
                    assert!(
                        (f - s).abs() <= 1e-13 * s.abs().max(1e-300),
                        "{count:?}, {cells} cells, cell {k}: {f} vs {s}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_block_of_sums_is_each_sum_on_its_own() {
        // Σᵣ w[i + r]·y[r] for i = 0..3, against one plain sum each, for lengths that fill the
        // four lanes and leave 1 to 3 over; with w = 1, 2, 3, … and y = 1, 1, … the sum is
        // Σ_{r<n} (i + r + 1) = n·(i + 1) + n(n − 1)/2, exact in floats: for n = 6, i = 2,
        // 6·3 + 15 = 33.
        for n in 0..=13_usize {
            #[expect(clippy::cast_precision_loss, reason = "small integers")]
            let w: Vec<f64> = (1..=n + BLOCK).map(|k| k as f64).collect();
            let y = vec![1.0; n];
            let sums = dot_block(&w, &y);
            for (i, s) in sums.iter().enumerate() {
                #[expect(clippy::cast_precision_loss, reason = "small integers")]
                let expected = (n * (i + 1) + n * n.saturating_sub(1) / 2) as f64;
                assert_eq!(s.to_bits(), expected.to_bits(), "n = {n}, i = {i}");
            }
        }
        let short = dot_block(&[1.0, 2.0, 3.0, 4.0, 5.0], &[1.0, 1.0, 1.0, 1.0, 1.0, 1.0]);
        assert_eq!(short.map(f64::to_bits), [0; BLOCK]);
        // Rounding: each sum as its four lanes and the tail, the lanes (r mod 4) added as
        // ((0 + 2) + (1 + 3)) + tail (a sum from left to right would lose the first 1 to
        // 1e16 + 1 = 1e16 and give 4).
        let y = [1e16, 1.0, -1e16, 1.0, 3.0];
        let w = [1.0; 5 + BLOCK];
        // Lanes: 1e16, 1, −1e16, 1; (1e16 − 1e16) + (1 + 1) = 2, plus the tail 3: 5.
        assert_eq!(dot_block(&w, &y).map(f64::to_bits), [5f64.to_bits(); BLOCK]);
    }

    /// A lumpy pmf on `cells` cells, with an atom at 0.
    fn lumpy(cells: u32) -> Vec<f64> {
        let mut fx: Vec<f64> = (0..cells).map(|k| 1.0 + f64::from(k % 7) + f64::from(k % 3)).collect();
        fx[0] = 40.0;
        let total: f64 = fx.iter().sum();
        for p in &mut fx {
            *p /= total;
        }
        fx
    }

    #[test]
    fn a_binomial_count_is_the_mixture_of_convolution_powers() {
        // f_T = Σ_{k=0..n} C(n, k)·q^k·(1 − q)^{n−k}·f^{*k}, each power by the definition (a
        // full convolution, truncated only at the end): what `compound` must give, by the
        // recursion at q = 0.35 and by the thinned trials' powers above ½, where Panjer's
        // recursion (a = −q/(1 − q)) cancels.
        let fx = lumpy(120);
        let m = fx.len();
        for (n, q) in [(9_u32, 0.35_f64), (9, 0.75), (3, 0.999_999), (1, 0.99)] {
            let mut expected = vec![0.0; m];
            let mut power = vec![0.0; m];
            power[0] = 1.0; // f^{*0} = δ₀
            for k in 0..=n {
                let choose: f64 = (0..k).map(|i| f64::from(n - i) / f64::from(i + 1)).product();
                let weight =
                    choose * q.powi(k.try_into().unwrap()) * (1.0 - q).powi((n - k).try_into().unwrap());
                for (e, p) in expected.iter_mut().zip(&power) {
                    *e += weight * p;
                }
                let mut next = vec![0.0; m];
                for (i, a) in power.iter().enumerate() {
                    for (j, b) in fx.iter().enumerate().take(m - i) {
                        next[i + j] += a * b;
                    }
                }
                power = next;
            }
            let got =
                Work::default().compound(PeriodCount::Binomial { n, q }, &Pmf::new(fx.clone())).to_vec();
            assert_eq!(got.len(), m);
            for (k, (g, e)) in got.iter().zip(&expected).enumerate() {
                assert!((g - e).abs() <= 1e-13 * e.abs().max(1e-300), "({n}, {q}) cell {k}: {g} vs {e}");
            }
        }
    }

    #[test]
    fn the_recursion_agrees_with_the_powers_up_to_a_half() {
        // Up to q = ½ a binomial count goes through the recursion, above it through the thinned
        // powers: at and below ½ the two must agree to rounding, including at many trials (the
        // sums' negative terms, j < k/(n + 1), stay few and small), on an exponential pmf and a
        // lumpy one.
        let (up, _) = exponential_pmfs(1.0, 8.0, 256);
        for fx in [up, lumpy(256)] {
            for (n, q) in [(2_u32, 0.5_f64), (12, 1.0 / 12.0), (40, 0.25), (200, 0.5), (1000, 1.0 / 12.0)] {
                let mut work = Work::default();
                let recursion = work.compound(PeriodCount::Binomial { n, q }, &Pmf::new(fx.clone())).to_vec();
                let powers = power(&thinned(&fx, q), n);
                for (k, (r, p)) in recursion.iter().zip(&powers).enumerate() {
                    assert!((r - p).abs() <= 1e-12 * p.abs() + 1e-300, "({n}, {q}) cell {k}: {r} vs {p}");
                }
            }
        }
    }

    #[test]
    fn a_binomial_count_near_certain_is_bracketed() {
        // X ~ Exp(1), u = 2 h: P(T > 2) = Σ_k C(n, k)·q^k·(1 − q)^{n−k}·e^{−2}·Σ_{i<k} 2ⁱ/i!.
        // Binomial(2, 0.999): 2·0.999·0.001·e^{−2} + 0.999²·3e^{−2} = (0.001998 + 2.994003)
        // × 0.135335283 = 0.405464644. Panjer's recursion put it outside its own bracket
        // ([0.2023, 0.4023] at a step of 2⁻⁷ h), as at Binomial(2, 0.99) and Binomial(5, 0.999).
        let cdf = |x: f64| if x <= 0.0 { 0.0 } else { -(-x).exp_m1() };
        let x = PerOutage { cdf: &cdf, cdf_left: &cdf, continuous: true };
        let u = 2.0_f64;
        let e2 = (-u).exp();
        let erlang_tail = |k: u32| {
            e2 * (0..k)
                .map(|i| u.powi(i.try_into().unwrap()) / (1..=i).map(f64::from).product::<f64>())
                .sum::<f64>()
        };
        let exact = |n: u32, q: f64| -> f64 {
            (1..=n)
                .map(|k| {
                    let choose: f64 = (0..k).map(|i| f64::from(n - i) / f64::from(i + 1)).product();
                    choose
                        * q.powi(k.try_into().unwrap())
                        * (1.0 - q).powi((n - k).try_into().unwrap())
                        * erlang_tail(k)
                })
                .sum()
        };
        assert!((exact(2, 0.999) - 0.405_464_644).abs() < 1e-9);
        for (n, q) in [(1_u32, 0.99_f64), (2, 0.99), (2, 0.999), (5, 0.999), (5, 0.999_999), (20, 0.999_999)]
        {
            let want = exact(n, q);
            for exp in [-4, -7] {
                let t = tail_bounds(PeriodCount::Binomial { n, q }, &x, &[u], exp, &mut GridCache::new());
                let (lo, hi) = t.bounds[0];
                // Rounding of the sums and of the series: 1e-12.
                assert!(
                    lo <= want + 1e-12 && want <= hi + 1e-12,
                    "({n}, {q}) at 2^{exp}: [{lo}, {hi}] vs {want}"
                );
                // The bracket narrows as the grid does: about 2(n − 1)·h·f_T(u), below 0.05 at h = 2⁻⁷.
                if exp == -7 {
                    assert!(hi - lo < 0.05, "({n}, {q}): [{lo}, {hi}]");
                }
            }
        }
        // Binomial(100, 0.999): P(N = 0) = 0.001¹⁰⁰ = 1e-300, below the recursion's start guard,
        // which the powers do not need: the bracket is known, not [0, 1]. T is a sum of about 100
        // outages of a mean of 1 h, so P(T > 2) is 1 to double precision (P(N ≤ 2) ≈ 4.9e-291).
        let t = tail_bounds(PeriodCount::Binomial { n: 100, q: 0.999 }, &x, &[u], -4, &mut GridCache::new());
        assert!(t.cells > 0 && t.bounds[0].0 > 0.999_999, "{:?}", t.bounds);
    }

    #[test]
    fn cached_grids_give_the_same_bits_and_skip_the_cdf() {
        // X ~ Exp(1), u = 1.3 h, two rates over one cache: a grid whose points are all cached
        // evaluates only F(1.3), for the exact one-outage term, and returns the bits a fresh cache
        // gives; a finer grid reuses a coarser one's points, a coarser grid a finer one's, and
        // another threshold on the same step the points it shares.
        let calls = std::cell::Cell::new(0usize);
        let cdf = |x: f64| {
            calls.set(calls.get() + 1);
            if x <= 0.0 { 0.0 } else { -(-x).exp_m1() }
        };
        let x = PerOutage { cdf: &cdf, cdf_left: &cdf, continuous: true };
        let mut cache = GridCache::new();
        let poisson = |lambda: f64| PeriodCount::Poisson { lambda };
        // Step 2⁻⁶: ⌈1.3·64⌉ = ⌈83.2⌉ = 84 cells, points 0..=85: 86 values, and F(1.3).
        tail_bounds(poisson(0.7), &x, &[1.3], -6, &mut cache);
        assert_eq!(calls.get(), 86 + 1);
        // Step 2⁻⁷: ⌈166.4⌉ = 167 cells, 169 points, of which the 85 even ones (0..=168) are known.
        let first = tail_bounds(poisson(0.7), &x, &[1.3], -7, &mut cache);
        assert_eq!(calls.get(), 87 + 84 + 1);
        // Step 2⁻⁵: ⌈41.6⌉ = 42 cells, points 0..=43: points 0..=42 from the 2⁻⁶ grid at indices
        // 0..=84; point 43 would be index 86, past its 86 values, and is evaluated.
        let coarse = tail_bounds(poisson(0.7), &x, &[1.3], -5, &mut cache);
        assert_eq!(calls.get(), 172 + 1 + 1);
        let fresh_coarse = tail_bounds(poisson(0.7), &x, &[1.3], -5, &mut GridCache::new());
        assert_eq!(coarse, fresh_coarse);
        // Another threshold, 0.9 h on the step 2⁻⁶ (58 cells, points 0..=59): all cached.
        let before = calls.get();
        let other = tail_bounds(poisson(0.7), &x, &[0.9], -6, &mut cache);
        assert_eq!(calls.get(), before + 1);
        assert_eq!(other, tail_bounds(poisson(0.7), &x, &[0.9], -6, &mut GridCache::new()));
        let before = calls.get();
        let again = tail_bounds(poisson(2.1), &x, &[1.3], -7, &mut cache);
        assert_eq!(calls.get(), before + 1, "the second rate reuses the whole grid");
        let fresh = tail_bounds(poisson(2.1), &x, &[1.3], -7, &mut GridCache::new());
        assert_eq!(again, fresh);
        assert_ne!(first.bounds, again.bounds);
        // A third count on the same grid reads its discretised pmfs from the cache too, and a
        // negative binomial one also reads the pmf itself (not only its weights `j·f_X(j)`).
        let nb = PeriodCount::NegativeBinomial { r: 2.5, beta: 0.4 };
        let before = calls.get();
        let cached_nb = tail_bounds(nb, &x, &[1.3], -7, &mut cache);
        assert_eq!(calls.get(), before + 1);
        assert_eq!(cached_nb, tail_bounds(nb, &x, &[1.3], -7, &mut GridCache::new()));
        // A longer grid, 2 h on the step 2⁻⁷ (256 cells, points 0..=257): points 0..=168 from the
        // 2⁻⁷ grid, then the coarser ones from the finest: point 170 from the 2⁻⁶ grid (index 85,
        // its last) and 172 from the 2⁻⁵ one (index 43, its last); the other 87 and F(2) are
        // evaluated.
        let before = calls.get();
        let longer = tail_bounds(poisson(0.7), &x, &[2.0], -7, &mut cache);
        assert_eq!(calls.get(), before + 87 + 1);
        assert_eq!(longer, tail_bounds(poisson(0.7), &x, &[2.0], -7, &mut GridCache::new()));
        // The kept pmfs are by step and cells: 2.6 h on the step 2⁻⁶ is ⌈166.4⌉ = 167 cells, as
        // 1.3 h on 2⁻⁷, but another grid; and the 167-cell pmf of 2⁻⁷, kept before its grid grew
        // to 256 cells, still gives the fresh bits.
        let same_cells = tail_bounds(poisson(0.7), &x, &[2.6], -6, &mut cache);
        assert_eq!(same_cells, tail_bounds(poisson(0.7), &x, &[2.6], -6, &mut GridCache::new()));
        assert_eq!(tail_bounds(poisson(2.1), &x, &[1.3], -7, &mut cache), fresh);
    }
}
