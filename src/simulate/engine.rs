//! The compound simulation: each year draws an outage count, then for each
//! outage a start, a duration and a severity, and sums the per-outage costs
//! of the compiled kernel; SLA credits per billing period from that period's
//! simulated downtime.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use rand_distr::{Beta, Binomial, Distribution, Exp, Gamma, LogNormal, Poisson, StandardNormal, Weibull};
use std::sync::Arc;

use super::stats::{DriverMean, LossDistribution};
use crate::cost::kernel::{DriverF, Kernel, brand_h, custom_h, response_h};
use crate::cost::{CostModel, DriverKind};
use crate::error::{Error, Result};
use crate::numerics::exp;
use crate::process::duration_dist::Kind as DurationKind;
use crate::process::severity_dist::Kind as SeverityKind;
use crate::process::{FrequencySpec, OutageProcess};
use crate::support::Coverage;

/// Trials per chunk: each chunk has its own random stream `(seed, chunk)`,
/// so results do not depend on how chunks are spread over threads.
pub const CHUNK_TRIALS: usize = 4_096;

/// The random generator of a chunk: xoshiro256++ (256 bits of state, a
/// period of 2²⁵⁶ − 1, four additions, shifts and rotations a draw), the
/// portable generator `rand` names, so its sequence is fixed.
type Stream = Xoshiro256PlusPlus;

/// SplitMix64's output function (Steele, Lea and Flood 2014): a bijection
/// of `u64` whose outputs for consecutive inputs are statistically
/// independent.
const fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The generator of stream `stream` under `seed`: its 256-bit state is four
/// consecutive SplitMix64 outputs from a starting point `mix64(mix64(seed) ⊕
/// stream)`, as the xoshiro authors recommend for seeding. Distinct streams
/// of one seed start at distinct points (the start is a bijection of the
/// stream for a given seed), so chunks draw from unrelated sequences; the
/// seed is hashed before the stream enters, so no simple family of seeds
/// shares streams (as `a + b` of two hashes would pair seed `a`, stream `b`
/// with seed `b`, stream `a`).
fn stream(seed: u64, stream: u64) -> Stream {
    const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut x = mix64(mix64(seed) ^ stream);
    let mut state = [0u8; 32];
    for word in state.chunks_exact_mut(8) {
        x = x.wrapping_add(GOLDEN);
        word.copy_from_slice(&mix64(x).to_le_bytes());
    }
    Stream::from_seed(state)
}

/// Options of a simulation.
///
/// # Example
///
/// ```
/// use downtime_cost::SimulationOptions;
/// let o = SimulationOptions::new().with_trials(50_000).with_seed(7);
/// assert_eq!((o.trials(), o.seed()), (50_000, 7));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimulationOptions {
    trials: u64,
    seed: u64,
    max_outages_per_year: u64,
}

impl Default for SimulationOptions {
    fn default() -> Self {
        SimulationOptions { trials: 100_000, seed: 0x5EED, max_outages_per_year: 100_000 }
    }
}

impl SimulationOptions {
    /// 100 000 simulated years, seed `0x5EED`, at most 100 000 outages a year.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the number of simulated years.
    #[must_use]
    pub const fn with_trials(mut self, trials: u64) -> Self {
        self.trials = trials;
        self
    }

    /// Sets the seed.
    #[must_use]
    pub const fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the most outages one simulated year may hold (a guard against
    /// absurd rates that would never finish).
    #[must_use]
    pub const fn with_max_outages_per_year(mut self, max: u64) -> Self {
        self.max_outages_per_year = max;
        self
    }

    /// The number of simulated years.
    #[must_use]
    pub const fn trials(&self) -> u64 {
        self.trials
    }

    /// The seed.
    #[must_use]
    pub const fn seed(&self) -> u64 {
        self.seed
    }

    /// The most outages one simulated year may hold.
    #[must_use]
    pub const fn max_outages_per_year(&self) -> u64 {
        self.max_outages_per_year
    }
}

/// The most simulated years one simulation runs: 10⁸, whose losses take
/// 800 MB (8 bytes a year). More is refused before any work starts (field
/// `trials`); the tail statistics of 10⁸ years are already exact to far
/// below any input's uncertainty.
pub const MAX_TRIALS: u64 = 100_000_000;

enum Count {
    Zero,
    /// Poisson by inversion for small rates: `e^{−λ}` and one uniform per
    /// year, plus one step per outage (exact, and far cheaper than a
    /// general sampler when most years have few outages).
    SmallPoisson {
        lambda: f64,
        p0: f64,
        /// `1 − p0 = −expm1(−λ)`, exact where `1 − e^{−λ}` would cancel.
        p_some: f64,
        /// `P(N ≥ 2 | N ≥ 1)`, from [`two_or_more`].
        more: f64,
        /// `r = e^λ − 1 − λ`, from [`two_or_more`].
        r: f64,
        /// `(F(k), p(k))` from k = 0 by the recurrence of
        /// [`poisson_inversion`] (so the same bits), while F grows below 1.
        cdf: Vec<(f64, f64)>,
    },
    Poisson(Poisson<f64>),
    Mixed {
        rate: Gamma<f64>,
    },
    Fixed(u64),
}

/// A duration sampler: each draws hours, but a lognormal's draw is its
/// z-score until [`settle_durations`] takes its `exp`.
enum Length {
    Fixed(f64),
    Exp(Exp<f64>),
    /// `exp(μ + σz)`, `z` standard normal.
    LogNormal {
        mu: f64,
        sigma: f64,
    },
    Weibull(Weibull<f64>),
    Gamma(Gamma<f64>),
    /// Each equally likely.
    Empirical(Vec<f64>),
}

enum Severity {
    Fixed(f64),
    Beta(Beta<f64>),
    Empirical(Vec<f64>),
}

fn invalid(field: &'static str, value: impl std::fmt::Display) -> Error {
    Error::invalid(field, value, "must give a valid sampler")
}

impl Count {
    fn new(process: &OutageProcess) -> Result<Self> {
        Ok(match process.frequency().spec() {
            FrequencySpec::Poisson { per_year } if per_year > 0.0 && per_year < 30.0 => {
                let p0 = (-per_year).exp();
                let (more, r) = two_or_more(per_year);
                Count::SmallPoisson {
                    lambda: per_year,
                    p0,
                    p_some: -(-per_year).exp_m1(),
                    more,
                    r,
                    cdf: poisson_table(per_year, p0),
                }
            }
            FrequencySpec::Poisson { per_year } if per_year > 0.0 => {
                Count::Poisson(Poisson::new(per_year).map_err(|_| invalid("per_year", per_year))?)
            }
            FrequencySpec::Fixed { per_year } => Count::Fixed(u64::from(per_year)),
            FrequencySpec::NegativeBinomial { mean_per_year, shape } if mean_per_year > 0.0 => Count::Mixed {
                rate: Gamma::new(shape, mean_per_year / shape).map_err(|_| invalid("shape", shape))?,
            },
            FrequencySpec::Poisson { .. } | FrequencySpec::NegativeBinomial { .. } => Count::Zero,
        })
    }

    fn sample(&self, rng: &mut Stream, max: u64) -> Result<u64> {
        let n = match self {
            Count::Zero => 0.0,
            Count::SmallPoisson { lambda, cdf, .. } => {
                // Smallest k with u ≤ F(k), F the Poisson CDF: the counts
                // before it fail the loop's test, which fails for good once
                // it fails (F grows, p reaches 0 and stays).
                let u: f64 = rng.random();
                let k = poisson_count(*lambda, cdf, u);
                return if k > max { Err(too_many(k, max)) } else { Ok(k) };
            }
            Count::Poisson(p) => p.sample(rng),
            Count::Mixed { rate } => {
                let lambda = rate.sample(rng);
                if lambda > 0.0 { Poisson::new(lambda).map_or(f64::INFINITY, |p| p.sample(rng)) } else { 0.0 }
            }
            Count::Fixed(n) => return if *n > max { Err(too_many(*n, max)) } else { Ok(*n) },
        };
        #[expect(clippy::cast_precision_loss, reason = "the limit is a count well below 2^52")]
        if !n.is_finite() || n > max as f64 {
            return Err(too_many(n, max));
        }
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0 ≤ n ≤ max")]
        Ok(n as u64)
    }
}

/// The Poisson CDF table of [`Count::SmallPoisson`]: entries up to the
/// first count where F reaches 1, stops growing or p reaches 0 (at most 256).
pub(super) fn poisson_table(lambda: f64, p0: f64) -> Vec<(f64, f64)> {
    let (mut p, mut f) = (p0, p0);
    let mut table = vec![(f, p)];
    for k in 1..256u32 {
        if f >= 1.0 || p <= 0.0 {
            break;
        }
        p *= lambda / f64::from(k);
        let before = f;
        f += p;
        table.push((f, p));
        #[expect(clippy::float_cmp, reason = "F no longer grows")]
        if f == before {
            break;
        }
    }
    table
}

/// [`poisson_inversion`] from count 0 by the table of [`poisson_table`]:
/// the counts before the result fail the loop's test, which fails for good
/// once it fails (F grows, p reaches 0 and stays), so a binary search finds
/// the first count passing it.
pub(super) fn poisson_count(lambda: f64, cdf: &[(f64, f64)], u: f64) -> u64 {
    let below = cdf.partition_point(|&(f, p)| u > f && p > 0.0);
    if below < cdf.len() {
        return u64::try_from(below).unwrap_or(u64::MAX);
    }
    // Beyond the table: on by the recurrence from its last entry.
    match cdf.last() {
        Some(&(f, p)) => {
            poisson_inversion(lambda, u, u64::try_from(below.saturating_sub(1)).unwrap_or(u64::MAX), p, f)
        }
        None => 0,
    }
}

/// Poisson(λ) by inversion, continued from count `k` whose probability is
/// `p` and cumulative probability `f`: the smallest count with `u ≤ F`.
pub(super) fn poisson_inversion(lambda: f64, u: f64, mut k: u64, mut p: f64, mut f: f64) -> u64 {
    while u > f && p > 0.0 {
        k = k.saturating_add(1);
        #[expect(clippy::cast_precision_loss, reason = "k is a small count")]
        let kf = k as f64;
        p *= lambda / kf;
        f += p;
    }
    k
}

fn too_many(n: impl std::fmt::Display, max: u64) -> Error {
    Error::invalid(
        "max_outages_per_year",
        format!("{n} (limit {max})"),
        "must not be exceeded by a simulated year's outage count (lower the rate, or raise the limit: \
         SimulationOptions::with_max_outages_per_year, the command's --max-outages-per-year)",
    )
}

/// The error for a process whose mean outages a year already exceed the limit.
fn mean_too_many(mean: f64, max: u64) -> Error {
    Error::invalid(
        "max_outages_per_year",
        format!("a mean of {mean} outages a year (limit {max})"),
        "must be at least the process's mean outages a year (under a target, the rate its budget allows; \
         lower the rate, or raise the limit: SimulationOptions::with_max_outages_per_year, the command's \
         --max-outages-per-year)",
    )
}

impl Length {
    fn new(process: &OutageProcess) -> Result<Self> {
        Ok(match process.duration().kind() {
            DurationKind::Fixed(h) => Length::Fixed(*h),
            DurationKind::Exponential { mean } => {
                Length::Exp(Exp::new(1.0 / mean).map_err(|_| invalid("mean", mean))?)
            }
            DurationKind::LogNormal { mu, sigma } => {
                LogNormal::new(*mu, *sigma).map_err(|_| invalid("sigma", sigma))?;
                Length::LogNormal { mu: *mu, sigma: *sigma }
            }
            DurationKind::Weibull { shape, scale } => {
                Length::Weibull(Weibull::new(*scale, *shape).map_err(|_| invalid("shape", shape))?)
            }
            DurationKind::Gamma { shape, scale } => {
                Length::Gamma(Gamma::new(*shape, *scale).map_err(|_| invalid("shape", shape))?)
            }
            DurationKind::Empirical(v) => Length::Empirical(v.clone()),
        })
    }

    /// A duration in hours, or for a lognormal its standard normal z-score:
    /// the `exp` of `μ + σz` waits for [`settle_durations`], one pass over
    /// the batch.
    fn sample(&self, rng: &mut Stream) -> f64 {
        match self {
            Length::Fixed(h) => *h,
            Length::Exp(d) => d.sample(rng),
            Length::LogNormal { .. } => rng.sample(StandardNormal),
            Length::Weibull(d) => d.sample(rng),
            Length::Gamma(d) => d.sample(rng),
            Length::Empirical(v) => pick(v, rng),
        }
    }
}

/// A uniformly chosen element (uniform `f64` × length, not `random_range`,
/// whose algorithm a feature of `rand` may change).
fn pick(v: &[f64], rng: &mut Stream) -> f64 {
    let u: f64 = rng.random();
    #[expect(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "index"
    )]
    let i = ((u * v.len() as f64) as usize).min(v.len().saturating_sub(1));
    v.get(i).copied().unwrap_or(0.0)
}

impl Severity {
    fn new(process: &OutageProcess) -> Result<Self> {
        Ok(match process.severity().kind() {
            SeverityKind::Fixed(s) => Severity::Fixed(*s),
            SeverityKind::Beta { alpha, beta } => {
                Severity::Beta(Beta::new(*alpha, *beta).map_err(|_| invalid("alpha", alpha))?)
            }
            SeverityKind::Empirical(v) => Severity::Empirical(v.clone()),
        })
    }

    fn sample(&self, rng: &mut Stream) -> f64 {
        match self {
            Severity::Fixed(s) => *s,
            Severity::Beta(b) => b.sample(rng),
            Severity::Empirical(v) => pick(v, rng),
        }
    }
}

/// Simulates `options.trials` years of `process` under `model`.
///
/// # Reproducibility
///
/// Chunk `k` of [`CHUNK_TRIALS`] years draws from its own xoshiro256++
/// generator, seeded through SplitMix64 from the seed and `k`; the chunks'
/// losses are appended, and the per-driver sums added, chunk by chunk in
/// order (a process with at most ln 2 outages a year draws how many of a
/// chunk's years hold one, then those years: see `docs/design.md` § 6). The result is
/// bit-identical for the same seed, inputs, crate version and target,
/// whatever the number of threads and with or without the `parallel`
/// feature.
///
/// # Errors
///
/// [`Error::Invalid`] for zero trials (field `trials`) or a year whose
/// outage count exceeds the limit (field `max_outages_per_year`).
///
/// # Example
///
/// ```
/// use downtime_cost::*;
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let model = CostModel::new(Currency::USD).with_driver(LostSales::new(Decimal::from(8_760_000), Fraction::ONE)?);
/// let process = OutageProcess::new(
///     Frequency::poisson(0.5)?,
///     DurationDistribution::lognormal(0.0, 1.0)?,
///     SeverityDistribution::default(),
/// );
/// let losses = simulate(&model, &process, &SimulationOptions::new().with_trials(20_000).with_seed(1))?;
/// // P(no outage in a year) = e^{−0.5} ≈ 0.607.
/// assert!((losses.prob_zero() - (-0.5f64).exp()).abs() < 0.02);
/// # Ok::<(), downtime_cost::Error>(())
/// ```
pub fn simulate(
    model: &CostModel,
    process: &OutageProcess,
    options: &SimulationOptions,
) -> Result<LossDistribution> {
    run(model, process, None, None, options)
}

/// Simulates `options.trials` years of outages answered under `support`:
/// outages arrive as `frequency` says, each with a severity from
/// `severity`, starting at a uniform instant of the year; an outage that
/// starts at `t` lasts `support`'s time to engage at `t` (its hour of the
/// week from the calendar's first weekday) plus a repair drawn from
/// `support.repair()`, and is priced by every driver over that window.
///
/// The provider's service credits received are not in these losses: they
/// are the comparison's own line ([`crate::SupportComparison`]).
///
/// # Errors
///
/// As [`simulate`].
pub fn simulate_support(
    model: &CostModel,
    frequency: &crate::process::Frequency,
    severity: &crate::process::SeverityDistribution,
    support: &crate::support::SupportOption,
    options: &SimulationOptions,
) -> Result<LossDistribution> {
    let process = OutageProcess::new(*frequency, support.repair().clone(), severity.clone());
    run(model, &process, None, Some(support.coverage()), options)
}

/// Simulates `options.trials` years of `process` plus planned `maintenance`
/// under `model`: maintenance outages are drawn on their own random streams
/// and priced by every driver except SLA credits (SLAs exclude planned
/// maintenance), on a line of their own
/// ([`crate::DriverKind::PlannedMaintenance`]), as the target study costs
/// them.
///
/// The outages of `process` draw exactly the numbers [`simulate`] draws,
/// so the same seed gives the same unplanned outages with or without
/// maintenance.
///
/// # Errors
///
/// As [`simulate`], for either process.
pub fn simulate_with_maintenance(
    model: &CostModel,
    process: &OutageProcess,
    maintenance: &OutageProcess,
    options: &SimulationOptions,
) -> Result<LossDistribution> {
    run(model, process, Some(maintenance), None, options)
}

/// The stream offset of planned maintenance: chunk `k` draws its
/// maintenance outages from stream `MAINTENANCE_STREAM + k`.
const MAINTENANCE_STREAM: u64 = 1 << 63;

fn run(
    model: &CostModel,
    process: &OutageProcess,
    maintenance: Option<&OutageProcess>,
    coverage: Option<&Coverage>,
    options: &SimulationOptions,
) -> Result<LossDistribution> {
    if options.trials == 0 {
        return Err(Error::invalid("trials", 0, "must be at least 1"));
    }
    if options.trials > MAX_TRIALS {
        return Err(Error::invalid("trials", options.trials, "must be at most 100000000 (800 MB of losses)"));
    }
    #[expect(clippy::cast_precision_loss, reason = "the limit is a count well below 2^52")]
    if process.frequency().mean_per_year() > options.max_outages_per_year as f64 {
        return Err(mean_too_many(process.frequency().mean_per_year(), options.max_outages_per_year));
    }
    let trials = usize::try_from(options.trials)
        .map_err(|_| Error::invalid("trials", options.trials, "must fit in memory"))?;
    let kernel = Kernel::compile(model)?;
    let mut sampler = Samplers::new(process)?;
    sampler.engage = coverage.map(|c| (c.clone(), kernel.calendar.week_offset()));
    let planned = match maintenance {
        Some(m) => {
            #[expect(clippy::cast_precision_loss, reason = "the limit is a count well below 2^52")]
            if m.frequency().mean_per_year() > options.max_outages_per_year as f64 {
                return Err(mean_too_many(m.frequency().mean_per_year(), options.max_outages_per_year));
            }
            Some((kernel.without_sla(), Samplers::new(m)?))
        }
        None => None,
    };
    // The years with a loss are the simulation's one large allocation: its
    // room is reserved (refused as an error, not an abort), but only the
    // pages the years with a loss fill are ever touched.
    let mut values: Vec<f64> = Vec::new();
    values
        .try_reserve_exact(trials)
        .map_err(|_| Error::invalid("trials", options.trials, "must fit in memory"))?;
    let drivers = kernel.drivers.len();
    // Chunk k: the loss of each year it visits, in the years' order (every
    // year, or only those with an outage where a rare process draws or
    // skips to them); only the years with a loss are kept (-0.0 is no loss).
    let run = |k: usize| -> Result<(Vec<f64>, Vec<f64>)> {
        let stream = u64::try_from(k).unwrap_or(u64::MAX);
        let start = k.saturating_mul(CHUNK_TRIALS).min(trials);
        let years = CHUNK_TRIALS.min(trials.saturating_sub(start));
        let mut priced = Vec::with_capacity(years);
        let mut sums = simulate_chunk(&kernel, &sampler, options, stream, years, false, &mut priced)?;
        if let Some((kernel, sampler)) = &planned {
            let mut maintained = Vec::new();
            let planned: f64 = simulate_chunk(
                kernel,
                sampler,
                options,
                MAINTENANCE_STREAM | stream,
                years,
                true,
                &mut maintained,
            )?
            .iter()
            .sum();
            sums.push(planned);
            priced = merge_years(&priced, &maintained);
        }
        let losses = priced.into_iter().map(|(_, loss)| loss).filter(|v| *v != 0.0).collect();
        Ok((sums, losses))
    };
    let mut totals = vec![0.0_f64; drivers.saturating_add(usize::from(planned.is_some()))];
    // Chunks a group at a time (in parallel with the `parallel` feature),
    // appended in chunk order: what waits to be appended stays small.
    let chunks = trials.div_ceil(CHUNK_TRIALS);
    for first in (0..chunks).step_by(GROUP_CHUNKS) {
        let group = first..first.saturating_add(GROUP_CHUNKS).min(chunks);
        #[cfg(feature = "parallel")]
        let results: Vec<Result<(Vec<f64>, Vec<f64>)>> = {
            use rayon::prelude::*;
            group.into_par_iter().map(run).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let results: Vec<Result<(Vec<f64>, Vec<f64>)>> = group.map(run).collect();
        for result in results {
            let (sums, losses) = result?;
            for (t, s) in totals.iter_mut().zip(sums) {
                *t += s;
            }
            values.extend_from_slice(&losses);
        }
    }
    let zeros = trials.saturating_sub(values.len());
    #[expect(clippy::cast_precision_loss, reason = "trial counts are far below 2^52")]
    let n = trials as f64;
    let kinds = model
        .drivers()
        .iter()
        .map(crate::cost::Driver::kind)
        .chain(model.extensions().iter().map(|_| DriverKind::Extension))
        .zip(model.line_names().iter().cloned())
        .chain(planned.iter().map(|_| (DriverKind::PlannedMaintenance, Arc::from("planned maintenance"))));
    let means = kinds.zip(&totals).map(|((kind, name), sum)| DriverMean::new(kind, name, sum / n)).collect();
    LossDistribution::from_nonzero(values, zeros, model.currency(), options.seed, means)
}

/// The losses of two processes over one chunk's years, each `(year, loss)`
/// in the years' order: a year in both holds the sum (`a + b`, the first
/// process's loss first), a year in one holds its loss (`0.0 + b` for the
/// second's alone, as when it was added to a zeroed year; [`price`] has
/// already written every loss as `0.0 + …`, so none is `-0.0`).
pub(super) fn merge_years(a: &[(usize, f64)], b: &[(usize, f64)]) -> Vec<(usize, f64)> {
    let mut out = Vec::with_capacity(a.len().saturating_add(b.len()));
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(&&(ya, la)), Some(&&(yb, lb))) => match ya.cmp(&yb) {
                std::cmp::Ordering::Less => {
                    a.next();
                    (ya, la)
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                    (yb, 0.0 + lb)
                }
                std::cmp::Ordering::Equal => {
                    a.next();
                    b.next();
                    (ya, la + lb)
                }
            },
            (Some(&&year), None) => {
                a.next();
                year
            }
            (None, Some(&&(yb, lb))) => {
                b.next();
                (yb, 0.0 + lb)
            }
            (None, None) => break,
        };
        out.push(next);
    }
    out
}

/// Chunks simulated before their losses are appended: one at a time on one
/// thread (32 KiB waiting); 64 (2 MiB) shared among the threads with the
/// `parallel` feature. Each group ends when its slowest thread does, so a
/// group of few chunks leaves a thread idle for up to a chunk's time (about
/// 3 ms for the SaaS model), once a group: with 16, fifteen groups in 10⁶
/// years. `parallel_speedup 1000000 N` (21, 15 and 15 pairs), the two sizes
/// in turn: 1.85×, 1.83× and 1.90× with 64 against 1.63×, 1.75× and 1.88×
/// with 16.
#[cfg(not(feature = "parallel"))]
const GROUP_CHUNKS: usize = 1;
#[cfg(feature = "parallel")]
const GROUP_CHUNKS: usize = 64;

struct Samplers {
    /// The process's mean outages a year (to size the batches).
    mean_per_year: f64,
    count: Count,
    length: Length,
    severity: Severity,
    /// Who answers, and the seconds from a Monday 00:00 to the year's
    /// start: an outage at `t` waits `time_to_engage(offset + t)` more.
    engage: Option<(Coverage, f64)>,
}

impl Samplers {
    fn new(process: &OutageProcess) -> Result<Self> {
        Ok(Samplers {
            mean_per_year: process.frequency().mean_per_year(),
            count: Count::new(process)?,
            length: Length::new(process)?,
            severity: Severity::new(process)?,
            engage: None,
        })
    }

    /// Room for a batch's outages when a chunk simulates `years` years:
    /// the mean count of the chunk, or of the [`BATCH_YEARS`] years with an
    /// outage a batch holds when the years without one are skipped
    /// (`BATCH_YEARS · m / (1 − e^{−m})` at `m` a year), whichever is fewer,
    /// plus four Poisson standard deviations, at most [`BATCH_OUTAGES`]; a
    /// batch that needs more grows.
    fn outages_per_batch(&self, years: usize) -> usize {
        let m = self.mean_per_year;
        if m.is_nan() || m <= 0.0 {
            return 16;
        }
        #[expect(clippy::cast_precision_loss, reason = "counts of years, at most a chunk")]
        let mean = (m * years as f64).min(BATCH_YEARS as f64 * m / -(-m).exp_m1());
        let room = mean + 4.0 * mean.sqrt() + 16.0;
        #[expect(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "clamped to the limit, 2^16"
        )]
        let room = room.min(BATCH_OUTAGES as f64) as usize;
        room
    }
}

/// A chunk's outages (struct of arrays): start, duration (seconds and
/// hours) and severity, with where each year's outages end; while pricing,
/// each outage's cost summed over the drivers and each year's SLA credits.
#[derive(Default)]
struct Batch {
    t: Vec<f64>,
    d: Vec<f64>,
    /// The hours, where the curves are read: drawn, with `d = h × 3600`
    /// (after a wait to engage, `d / 3600`); a lognormal's z-score until
    /// [`settle_durations`].
    h: Vec<f64>,
    s: Vec<f64>,
    /// `(year index, end of its outages)`.
    ends: Vec<(usize, usize)>,
    /// Per outage: its cost over the drivers priced so far.
    cost: Vec<f64>,
    /// Per outage: its cost under the driver being priced.
    scratch: Vec<f64>,
    /// Per year of `ends`: its SLA credits over the drivers priced so far.
    credit: Vec<f64>,
}

/// Simulates the `years` years of chunk `stream`, pushing `(year, loss)` to
/// `losses` for each year it visits (every year, or only the years with an
/// outage where those are drawn or skipped to; in the years' order, each
/// year once); returns per-driver sums.
///
/// Where most years have no outage (a Poisson rate of at most ln 2 a year)
/// and `positional` is false, the number of the chunk's years with an
/// outage is drawn first, `Binomial(years, 1 − e^{−λ})`, then how many of
/// those have two or more, `Binomial(with, P(N ≥ 2 | N ≥ 1))`
/// ([`two_or_more`]); those years are the chunk's first ones, each with a
/// Poisson count conditioned on at least two ([`at_least_two`]), and the
/// rest of the years with an outage have exactly one, drawn with no count:
/// the losses are exchangeable, so no statistic depends on which years they
/// are. With `positional` (a second process whose years must
/// meet the first's at random: planned maintenance) the years without an
/// outage are skipped by geometric runs instead, so each year with one
/// falls at a uniformly random place.
fn simulate_chunk(
    kernel: &Kernel,
    s: &Samplers,
    options: &SimulationOptions,
    stream: u64,
    years: usize,
    positional: bool,
    losses: &mut Vec<(usize, f64)>,
) -> Result<Vec<f64>> {
    let mut rng = self::stream(options.seed, stream);
    let year = kernel.calendar.year;
    let mut sums = vec![0.0_f64; kernel.drivers.len()];
    let mut batch = Batch::with_capacity(s.outages_per_batch(years));
    let max = options.max_outages_per_year;
    match s.count {
        Count::SmallPoisson { lambda, p0, p_some, more, r, .. } if p0 >= 0.5 && !positional => {
            let trials = u64::try_from(years).unwrap_or(u64::MAX);
            let with =
                Binomial::new(trials, p_some).map_err(|_| invalid("per_year", lambda))?.sample(&mut rng);
            let several =
                Binomial::new(with, more).map_err(|_| invalid("per_year", lambda))?.sample(&mut rng);
            let several = usize::try_from(several).unwrap_or(years);
            if with > 0 && max < 1 {
                return Err(too_many(1, max));
            }
            for year_index in 0..usize::try_from(with).unwrap_or(years).min(years) {
                let n = if year_index < several { at_least_two(lambda, r, &mut rng, max)? } else { 1 };
                draw_year(s, &mut rng, &mut batch, n, year_index, year);
                if batch.is_full() {
                    flush(kernel, s, &mut batch, &mut sums, losses)?;
                }
            }
        }
        _ => {
            let mut i = 0usize;
            while i < years {
                let n = match s.count {
                    // Rare outages: skip the years without any in one draw.
                    // The run of outage-free years before the next year with
                    // one is geometric, P(run ≥ k) = p0^k, so ⌊ln u / ln p0⌋
                    // years are skipped; that year's count is then Poisson
                    // conditioned on ≥ 1.
                    Count::SmallPoisson { lambda, p0, p_some, .. } if p0 >= 0.5 => {
                        let u: f64 = rng.random();
                        // ln p0 is −λ exactly: `p0.ln()` is 0 once e^{−λ} rounds to 1
                        // (λ below about 1.1e-16), which made every year hold an outage.
                        #[expect(
                            clippy::cast_possible_truncation,
                            clippy::cast_sign_loss,
                            reason = "a non-negative count, saturating"
                        )]
                        let run = if u > 0.0 { (u.ln() / -lambda) as usize } else { usize::MAX };
                        i = i.saturating_add(run);
                        if i >= years {
                            break;
                        }
                        at_least_one(lambda, p0, p_some, &mut rng, max)?
                    }
                    _ => s.count.sample(&mut rng, max)?,
                };
                let year_index = i;
                if i >= years {
                    break;
                }
                i = i.saturating_add(1);
                draw_year(s, &mut rng, &mut batch, n, year_index, year);
                if batch.is_full() {
                    flush(kernel, s, &mut batch, &mut sums, losses)?;
                }
            }
        }
    }
    flush(kernel, s, &mut batch, &mut sums, losses)?;
    Ok(sums)
}

/// `(P(N ≥ 2 | N ≥ 1), r)` for `N` Poisson(λ), with
/// `r = e^λ − 1 − λ = Σ_{k≥2} λᵏ/k!` summed as its series (no cancellation
/// for a small λ; for λ ≤ ln 2 the terms fall by λ/k, and the sum stops
/// once a term no longer changes it), so that
/// `P(N ≥ 2 | N ≥ 1) = (1 − e^{−λ}(1 + λ))/(1 − e^{−λ}) = r/(λ + r)`.
fn two_or_more(lambda: f64) -> (f64, f64) {
    let (mut term, mut r, mut k) = (lambda * lambda / 2.0, 0.0_f64, 2.0_f64);
    while term > 0.0 && (r + term).to_bits() != r.to_bits() {
        r += term;
        k += 1.0;
        term *= lambda / k;
    }
    let more = r / (lambda + r);
    (if more.is_finite() { more.clamp(0.0, 1.0) } else { 0.0 }, r)
}

/// A Poisson(λ) count conditioned on at least two outages, by inversion from
/// count 2: `P(N = k | N ≥ 2) = (λᵏ/k!)/r` for `k ≥ 2`, with `r` from
/// [`two_or_more`], summed from `k = 2` until the sum reaches the uniform
/// (the sum starts near 0, not near 1, so no precision is lost however
/// rare two outages are).
///
/// # Errors
///
/// A count above `max` (field `max_outages_per_year`).
fn at_least_two(lambda: f64, r: f64, rng: &mut Stream, max: u64) -> Result<u64> {
    let k = at_least_two_at(lambda, r, rng.random::<f64>());
    if k > max { Err(too_many(k, max)) } else { Ok(k) }
}

/// The count [`at_least_two`] draws for the uniform `u`.
fn at_least_two_at(lambda: f64, r: f64, u: f64) -> u64 {
    let first = lambda * lambda / 2.0 / r;
    poisson_inversion(lambda, u, 2, first, first)
}

/// A Poisson(λ) count conditioned on at least one outage, by inversion from
/// count 1: `v` uniform on `(p0, 1)` (`p0 = e^{−λ}`, `p_some = 1 − p0`).
///
/// # Errors
///
/// A count above `max` (field `max_outages_per_year`).
fn at_least_one(lambda: f64, p0: f64, p_some: f64, rng: &mut Stream, max: u64) -> Result<u64> {
    let v = p0 + rng.random::<f64>() * p_some;
    let k = poisson_inversion(lambda, v, 1, p0 * lambda, p0 + p0 * lambda);
    if k > max { Err(too_many(k, max)) } else { Ok(k) }
}

/// Draws a year's `n` outages into the batch (the random stream's order is
/// outage by outage: start, duration, severity); they are priced driver by
/// driver when the batch is full. Inlined into the chunk's loop, so that the
/// samplers' set-up and the stream's state stay there from year to year: a
/// rare loss's year holds one outage, and the call's own work was most of it
/// (instructions of `simulate_years rare 1000000`, valgrind's cachegrind:
/// 42.6 million against 48.7 million).
#[expect(
    clippy::inline_always,
    reason = "measured: `#[inline]` alone leaves the call (48.7 million instructions)"
)]
#[inline(always)]
fn draw_year(s: &Samplers, rng: &mut Stream, batch: &mut Batch, n: u64, year_index: usize, year: f64) {
    for _ in 0..n {
        let t = rng.random::<f64>() * year;
        batch.t.push(t);
        // Drawn in hours ([`timed`]); a lognormal's z-score is kept with the
        // wait to engage in `d` until `settle_durations`.
        let hours = s.length.sample(rng);
        let wait = s.engage.as_ref().map(|(coverage, offset)| coverage.time_to_engage_seconds(offset + t));
        let (seconds, hours) = match (&s.length, wait) {
            (Length::LogNormal { .. }, wait) => (wait.unwrap_or(0.0), hours),
            (_, wait) => timed(hours, wait),
        };
        batch.d.push(seconds);
        batch.h.push(hours);
        batch.s.push(s.severity.sample(rng));
    }
    batch.ends.push((year_index, batch.t.len()));
}

/// Prices the drawn outages of `batch` and empties it: their lognormal
/// durations settled ([`settle_durations`]) first, so each outage's are
/// settled once, then [`price`].
fn flush(
    kernel: &Kernel,
    s: &Samplers,
    batch: &mut Batch,
    sums: &mut [f64],
    losses: &mut Vec<(usize, f64)>,
) -> Result<()> {
    settle_durations(s, batch);
    price(kernel, batch, sums, losses, kernel.calendar.year)?;
    batch.clear();
    Ok(())
}

/// Finishes the lognormal durations [`draw_year`] left as z-scores, in one
/// pass over the batch: `hours = exp(μ + σz)` by the crate's own `exp`
/// (inlined, the same bits on every platform), the seconds `hours × 3600`
/// plus the wait to engage that `d` holds, and with a wait the hours again
/// from the seconds.
fn settle_durations(s: &Samplers, batch: &mut Batch) {
    let Length::LogNormal { mu, sigma } = s.length else { return };
    let hs = batch.h.iter_mut().zip(batch.d.iter_mut());
    if s.engage.is_some() {
        for (h, d) in hs {
            (*d, *h) = timed(exp(mu + sigma * *h), Some(*d));
        }
    } else {
        for (h, d) in hs {
            (*d, *h) = timed(exp(mu + sigma * *h), None);
        }
    }
}

/// An outage's `(seconds, hours)` from its drawn hours and its wait to
/// engage (seconds), if any: the seconds are a product, `hours × 3600`, and
/// the hours need no division, but after a wait they are the total's share
/// of an hour.
#[inline]
fn timed(hours: f64, wait: Option<f64>) -> (f64, f64) {
    match wait {
        Some(wait) => {
            let seconds = hours * 3600.0 + wait;
            (seconds, seconds / 3600.0)
        }
        None => (hours * 3600.0, hours),
    }
}

/// Years priced together: their outages stay in cache while every driver
/// runs over them.
const BATCH_YEARS: usize = 256;

/// The most outages a batch holds before it is priced (about 3 MB): at
/// thousands of outages a year, 256 years would hold gigabytes.
const BATCH_OUTAGES: usize = 1 << 16;

impl Batch {
    /// Whether the batch holds enough years or outages to be priced.
    fn is_full(&self) -> bool {
        self.ends.len() >= BATCH_YEARS || self.t.len() >= BATCH_OUTAGES
    }

    /// A batch with room for `outages` outages and [`BATCH_YEARS`] years,
    /// so a chunk's batches seldom grow.
    fn with_capacity(outages: usize) -> Self {
        Batch {
            t: Vec::with_capacity(outages),
            d: Vec::with_capacity(outages),
            h: Vec::with_capacity(outages),
            s: Vec::with_capacity(outages),
            ends: Vec::with_capacity(BATCH_YEARS),
            cost: Vec::with_capacity(outages),
            scratch: Vec::with_capacity(outages),
            credit: Vec::with_capacity(BATCH_YEARS),
        }
    }

    fn clear(&mut self) {
        self.t.clear();
        self.d.clear();
        self.h.clear();
        self.s.clear();
        self.ends.clear();
    }
}

/// Adds `cost(d, h, s, t)` of every outage of the batch to the outage's
/// cost, and their sum to `sum`.
#[inline]
fn each(
    outages: (&[f64], &[f64], &[f64], &[f64]),
    costs: &mut [f64],
    scratch: &mut [f64],
    sum: &mut f64,
    cost: impl Fn(f64, f64, f64, f64) -> f64,
) {
    let (ts, ds, hs, ss) = outages;
    let slots = costs.iter_mut().zip(scratch.iter_mut());
    for ((((&t, &d), &h), &sv), (total, slot)) in ts.iter().zip(ds).zip(hs).zip(ss).zip(slots) {
        let c = cost(d, h, sv, t);
        *slot = c;
        *total += c;
    }
    *sum += sum_by_lanes(scratch);
}

/// `Σ v` in four interleaved running sums, added pairwise at the end (a
/// fixed order: no chain of dependent additions through every element).
fn sum_by_lanes(values: &[f64]) -> f64 {
    let mut lanes = [0.0; 4];
    let mut quads = values.chunks_exact(4);
    for quad in &mut quads {
        for (lane, x) in lanes.iter_mut().zip(quad) {
            *lane += x;
        }
    }
    for (lane, x) in lanes.iter_mut().zip(quads.remainder()) {
        *lane += x;
    }
    let [l0, l1, l2, l3] = lanes;
    (l0 + l1) + (l2 + l3)
}

/// Prices a batch driver by driver (tight loops, one driver's parameters at
/// a time), adding to the drivers' sums, then adds each year's outage costs
/// (in order) and SLA credits to its loss.
fn price(
    kernel: &Kernel,
    batch: &mut Batch,
    sums: &mut [f64],
    losses: &mut Vec<(usize, f64)>,
    year: f64,
) -> Result<()> {
    let Batch { t: ts, d: ds, h: hs, s: ss, ends, cost: costs, scratch, credit } = batch;
    costs.clear();
    costs.resize(ts.len(), 0.0);
    scratch.resize(ts.len(), 0.0);
    credit.clear();
    credit.resize(ends.len(), 0.0);
    let outages = (ts.as_slice(), ds.as_slice(), hs.as_slice(), ss.as_slice());
    for (driver, sum) in kernel.drivers.iter().zip(sums.iter_mut()) {
        // One loop per kind of driver, so each runs without a dispatch.
        match driver {
            DriverF::Sla(sla) => {
                // Each year's periods start at 0: the credits take their downtime out.
                let mut periods = vec![0.0; sla.periods];
                let mut from = 0usize;
                for (&(_, to), year_credit) in ends.iter().zip(credit.iter_mut()) {
                    if let (Some(year_ts), Some(year_ds), Some(year_ss)) =
                        (ts.get(from..to), ds.get(from..to), ss.get(from..to))
                    {
                        for ((&t, &d), &sv) in year_ts.iter().zip(year_ds).zip(year_ss) {
                            sla.spread(&mut periods, t, d, sla.counted_share(sv), year);
                        }
                    }
                    from = to;
                    let c: f64 = periods
                        .iter_mut()
                        .enumerate()
                        .map(|(k, down)| sla.credit(k, std::mem::take(down)))
                        .sum();
                    *sum += c;
                    *year_credit += c;
                }
            }
            DriverF::Sales { base, recovered } => {
                each(outages, costs, scratch, sum, |d, h, s, t| kernel.sales_h(*base, recovered, d, h, s, t));
            }
            DriverF::Productivity { per_second } => {
                each(outages, costs, scratch, sum, |d, _, s, t| kernel.productivity(*per_second, d, s, t));
            }
            DriverF::Brand { value, churn, publicity } => {
                each(outages, costs, scratch, sum, |_, h, s, _| brand_h(*value, churn, publicity, h, s));
            }
            DriverF::Response { per_hour, wrap_up, fixed, rework } => {
                each(outages, costs, scratch, sum, |_, h, s, _| {
                    response_h(*per_hour, *wrap_up, *fixed, *rework, h, s)
                });
            }
            DriverF::Custom { curve, scaled } => {
                each(outages, costs, scratch, sum, |_, h, s, _| custom_h(curve, *scaled, h, s));
            }
            DriverF::Extension { driver, calendar } => {
                let slots = costs.iter_mut().zip(scratch.iter_mut());
                for (((&t, &h), &sv), (total, slot)) in ts.iter().zip(hs.iter()).zip(ss.iter()).zip(slots) {
                    let c = driver.cost_f64(h, sv, t, calendar)?;
                    *slot = c;
                    *total += c;
                }
                *sum += sum_by_lanes(scratch);
            }
        }
    }
    let mut from = 0usize;
    let mut costs = costs.iter();
    for (&(y, to), &year_credit) in ends.iter().zip(credit.iter()) {
        let mut total = 0.0;
        for c in costs.by_ref().take(to.saturating_sub(from)) {
            total += c;
        }
        from = to;
        // `0.0 +` as when the loss was added to a zeroed year (it turns
        // -0.0 into 0.0; the same bits as before).
        losses.push((y, 0.0 + (total + year_credit)));
    }
    Ok(())
}

/// Per driver of `kernel`, in order, the sum of the costs of the outages
/// `(ts[k], ds[k], ss[k])` (start in seconds into the year, duration in
/// seconds, severity), each priced alone by the functions the simulation
/// uses. SLA drivers price each outage as its period's only downtime, so a
/// caller that wants the period-by-period credits passes a kernel without
/// them ([`Kernel::without_sla`]).
///
/// # Errors
///
/// An extension's pricing error.
pub(crate) fn driver_sums(kernel: &Kernel, ts: &[f64], ds: &[f64], ss: &[f64]) -> Result<Vec<f64>> {
    let year = kernel.calendar.year;
    let mut sums = vec![0.0_f64; kernel.drivers.len()];
    let mut batch = Batch::default();
    let mut losses = Vec::new();
    for ((t, d), s) in ts.chunks(BATCH_OUTAGES).zip(ds.chunks(BATCH_OUTAGES)).zip(ss.chunks(BATCH_OUTAGES)) {
        batch.clear();
        batch.t.extend_from_slice(t);
        batch.d.extend_from_slice(d);
        batch.h.extend(d.iter().map(|x| x / 3600.0));
        batch.s.extend_from_slice(s);
        batch.ends.push((0, batch.t.len()));
        price(kernel, &mut batch, &mut sums, &mut losses, year)?;
        losses.clear();
    }
    Ok(sums)
}

#[cfg(test)]
mod tests {
    use super::{
        Batch, Samplers, StandardNormal, at_least_two_at, draw_year, exp, settle_durations, stream,
        two_or_more,
    };
    use crate::process::{DurationDistribution, Frequency, OutageProcess, SeverityDistribution};
    use crate::support::{CoverHours, Coverage};
    use rand::RngExt;
    use std::time::Duration;

    /// `P(N ≥ 2 | N ≥ 1)` for Poisson(λ): at λ = 0.5, `r = e^0.5 − 1.5 = 0.1487212707`,
    /// so `r/(0.5 + r) = 0.2292530`, which is `(1 − e^{−0.5}·1.5)/(1 − e^{−0.5})`
    /// `= 0.0902040/0.3934693`. At λ = 10⁻⁹ it is `λ/2 − λ²/12 + … = 4.999999999166667e-10`
    /// (mpmath), here to 1e-15 relative, where that closed form keeps no digit
    /// (`e^{−λ}(1 + λ)` rounds to 1 − 2⁻⁵³·k); `r = λ²/2 + λ³/6 + … = 5.000000001666667e-19`.
    #[test]
    fn two_or_more_is_the_conditional_tail_without_cancellation() {
        let (more, r) = two_or_more(0.5);
        assert!((r - (0.5_f64.exp() - 1.5)).abs() < 1e-16, "{r}");
        let closed = (1.0 - (-0.5_f64).exp() * 1.5) / -(-0.5_f64).exp_m1();
        assert!((more - closed).abs() < 1e-15 && (more - 0.229_253_0).abs() < 1e-7, "{more}");
        let (tiny, r) = two_or_more(1e-9);
        assert!((tiny / 4.999_999_999_166_667e-10 - 1.0).abs() < 1e-15, "{tiny}");
        assert!((r / 5.000_000_001_666_667e-19 - 1.0).abs() < 1e-15, "{r}");
        // Rates far below 1e-154 leave λ²/2 at 0: no year has two outages.
        assert_eq!(two_or_more(1e-200).0.to_bits(), 0.0_f64.to_bits());
    }

    /// A count conditioned on two or more, by inversion from 2 with the sum starting near 0:
    /// at λ = 0.5, `P(2 | ≥ 2) = 0.125/r = 0.840498`, `P(3 | ≥ 2) = 0.140083` (sum 0.980582),
    /// `P(4 | ≥ 2) = 0.017510` (sum 0.998092).
    #[test]
    fn two_or_more_outages_invert_from_two() {
        let (_, r) = two_or_more(0.5);
        let count = |u: f64| at_least_two_at(0.5, r, u);
        assert_eq!([0.0, 0.84, 0.85, 0.98, 0.99, 0.998, 0.9982].map(count), [2, 2, 3, 3, 4, 4, 5]);
    }

    /// A lognormal duration is drawn as its z-score and settled in a pass over the batch: each
    /// outage's hours are `exp(μ + σz)` and its seconds `hours × 3600`, or with a wait to engage
    /// `hours × 3600 + wait` and the hours from those seconds. Replaying the stream by hand (start
    /// `u × year`, then `z`; a fixed severity draws nothing) gives the same bits; a batch left
    /// unsettled (its hours still z-scores) would not.
    #[test]
    fn lognormal_durations_settle_to_their_exp_and_wait() {
        let (mu, sigma) = (0.5, 1.1);
        let process = OutageProcess::new(
            Frequency::poisson(2.0).unwrap(),
            DurationDistribution::lognormal(mu, sigma).unwrap(),
            SeverityDistribution::default(),
        );
        let minutes = |m: u64| Duration::from_secs(60 * m);
        let office = Coverage::new(CoverHours::business_hours(), minutes(10), minutes(15)).unwrap();
        let (year, offset) = (365.0 * 86_400.0, 3.0 * 86_400.0);
        for engage in [None, Some((office, offset))] {
            let mut samplers = Samplers::new(&process).unwrap();
            samplers.engage.clone_from(&engage);
            let mut batch = Batch::default();
            let mut rng = stream(7, 0);
            for y in 0..50 {
                draw_year(&samplers, &mut rng, &mut batch, 2, y, year);
            }
            settle_durations(&samplers, &mut batch);
            let mut replay = stream(7, 0);
            let mut waited = 0;
            for i in 0..100 {
                let t = replay.random::<f64>() * year;
                let z: f64 = replay.sample(StandardNormal);
                let hours = exp(mu + sigma * z);
                let (d, h) = match &engage {
                    Some((coverage, offset)) => {
                        let wait = coverage.time_to_engage_seconds(offset + t);
                        waited += usize::from(wait > 25.0 * 60.0);
                        let d = hours * 3600.0 + wait;
                        (d, d / 3600.0)
                    }
                    None => (hours * 3600.0, hours),
                };
                assert_eq!(batch.t[i].to_bits(), t.to_bits(), "start {i}");
                assert_eq!(batch.d[i].to_bits(), d.to_bits(), "seconds {i}");
                assert_eq!(batch.h[i].to_bits(), h.to_bits(), "hours {i}");
            }
            // Outside business hours an outage waits past detection and engagement (25 min).
            assert_eq!(engage.is_some(), waited > 0);
        }
    }
}
