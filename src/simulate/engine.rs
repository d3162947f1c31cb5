//! The compound simulation: each year draws an outage count, then for each
//! outage a start, a duration and a severity, and sums the per-outage costs
//! of the compiled kernel; SLA credits per billing period from that period's
//! simulated downtime.

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use rand_distr::{Beta, Distribution, Exp, Gamma, LogNormal, Poisson, Weibull};
use std::sync::Arc;

use super::kernel::{DriverF, Kernel, SlaF};
use super::stats::{DriverMean, LossDistribution};
use crate::cost::CostModel;
use crate::error::{Error, Result};
use crate::process::duration_dist::Kind as DurationKind;
use crate::process::severity_dist::Kind as SeverityKind;
use crate::process::{FrequencySpec, OutageProcess};

/// Trials per chunk: each chunk has its own random stream `(seed, chunk)`,
/// so results do not depend on how chunks are spread over threads.
pub const CHUNK_TRIALS: usize = 4_096;

/// Options of a simulation.
///
/// # Example
///
/// ```
/// use downtime_cost::SimulationOptions;
/// let o = SimulationOptions::new().trials(50_000).seed(7);
/// assert_eq!((o.trial_count(), o.seed_value()), (50_000, 7));
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
    pub const fn trials(mut self, trials: u64) -> Self {
        self.trials = trials;
        self
    }

    /// Sets the seed.
    #[must_use]
    pub const fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the most outages one simulated year may hold (a guard against
    /// absurd rates that would never finish).
    #[must_use]
    pub const fn max_outages_per_year(mut self, max: u64) -> Self {
        self.max_outages_per_year = max;
        self
    }

    /// The number of simulated years.
    #[must_use]
    pub const fn trial_count(&self) -> u64 {
        self.trials
    }

    /// The seed.
    #[must_use]
    pub const fn seed_value(&self) -> u64 {
        self.seed
    }
}

enum Count {
    Zero,
    /// Poisson by inversion for small rates: `e^{−λ}` and one uniform per
    /// year, plus one step per outage (exact, and far cheaper than a
    /// general sampler when most years have few outages).
    SmallPoisson {
        lambda: f64,
        p0: f64,
    },
    Poisson(Poisson<f64>),
    Mixed {
        rate: Gamma<f64>,
    },
    Fixed(u64),
}

enum Length {
    /// Seconds.
    Fixed(f64),
    /// Hours.
    Exp(Exp<f64>),
    LogNormal(LogNormal<f64>),
    Weibull(Weibull<f64>),
    Gamma(Gamma<f64>),
    /// Seconds, each equally likely.
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
                Count::SmallPoisson { lambda: per_year, p0: (-per_year).exp() }
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

    fn sample(&self, rng: &mut ChaCha8Rng, max: u64) -> Result<u64> {
        let n = match self {
            Count::Zero => 0.0,
            Count::SmallPoisson { lambda, p0 } => {
                // Smallest k with u ≤ F(k), F the Poisson CDF.
                let k = poisson_inversion(*lambda, rng.random(), 0, *p0, *p0);
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

/// Poisson(λ) by inversion, continued from count `k` whose probability is
/// `p` and cumulative probability `f`: the smallest count with `u ≤ F`.
fn poisson_inversion(lambda: f64, u: f64, mut k: u64, mut p: f64, mut f: f64) -> u64 {
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
    Error::Invalid {
        field: "max_outages_per_year".to_owned(),
        value: format!("{n} (limit {max})"),
        rule: "must not be exceeded by a simulated year's outage count (lower the rate or raise the limit)",
    }
}

impl Length {
    fn new(process: &OutageProcess) -> Result<Self> {
        Ok(match process.duration().kind() {
            DurationKind::Fixed(h) => Length::Fixed(h * 3600.0),
            DurationKind::Exponential { mean } => {
                Length::Exp(Exp::new(1.0 / mean).map_err(|_| invalid("mean", mean))?)
            }
            DurationKind::LogNormal { mu, sigma } => {
                Length::LogNormal(LogNormal::new(*mu, *sigma).map_err(|_| invalid("sigma", sigma))?)
            }
            DurationKind::Weibull { shape, scale } => {
                Length::Weibull(Weibull::new(*scale, *shape).map_err(|_| invalid("shape", shape))?)
            }
            DurationKind::Gamma { shape, scale } => {
                Length::Gamma(Gamma::new(*shape, *scale).map_err(|_| invalid("shape", shape))?)
            }
            DurationKind::Empirical(v) => Length::Empirical(v.iter().map(|h| h * 3600.0).collect()),
        })
    }

    /// A duration in seconds.
    fn sample(&self, rng: &mut ChaCha8Rng) -> f64 {
        match self {
            Length::Fixed(s) => *s,
            Length::Exp(d) => d.sample(rng) * 3600.0,
            Length::LogNormal(d) => d.sample(rng) * 3600.0,
            Length::Weibull(d) => d.sample(rng) * 3600.0,
            Length::Gamma(d) => d.sample(rng) * 3600.0,
            Length::Empirical(v) => pick(v, rng),
        }
    }
}

/// A uniformly chosen element (uniform `f64` × length, not `random_range`,
/// whose algorithm a feature of `rand` may change).
fn pick(v: &[f64], rng: &mut ChaCha8Rng) -> f64 {
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

    fn sample(&self, rng: &mut ChaCha8Rng) -> f64 {
        match self {
            Severity::Fixed(s) => *s,
            Severity::Beta(b) => b.sample(rng),
            Severity::Empirical(v) => pick(v, rng),
        }
    }
}

/// Adds the counted downtime of an outage `[t, t + d)` to the periods it
/// overlaps (the year repeats), `counted` seconds in all, spread in
/// proportion to the overlap.
fn spread(sla: &SlaF, periods: &mut [f64], t: f64, d: f64, counted: f64, year: f64) {
    // A zero-length or uncounted outage adds nothing.
    if counted <= 0.0 || d <= 0.0 {
        return;
    }
    let rate = counted / d;
    let last = sla.periods.saturating_sub(1);
    let mut in_year = t;
    let mut left = d;
    while left > 0.0 {
        if in_year >= year {
            in_year -= year;
        }
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "slot index < periods")]
        let k = ((in_year * sla.per_slot) as u32 as usize).min(last);
        #[expect(clippy::cast_precision_loss, reason = "k < 12")]
        let slot_end = if k == last { year } else { (k as f64 + 1.0) * sla.slot };
        let piece = left.min((slot_end - in_year).max(0.0));
        if let Some(p) = periods.get_mut(k) {
            *p += piece * rate;
        }
        if piece <= 0.0 {
            break;
        }
        in_year += piece;
        left -= piece;
    }
}

/// Simulates `options.trials` years of `process` under `model`.
///
/// # Reproducibility
///
/// Chunk `k` of [`CHUNK_TRIALS`] years draws from `ChaCha8` seeded with the
/// seed, on stream `k`; each year's loss is written at its index and the
/// per-driver sums are added chunk by chunk in order. The result is
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
/// let model = CostModel::new(Currency::USD).driver(LostSales::new(Decimal::from(8_760_000), Fraction::ONE)?);
/// let process = OutageProcess::new(
///     Frequency::poisson(0.5)?,
///     DurationDistribution::lognormal(0.0, 1.0)?,
///     SeverityDistribution::default(),
/// );
/// let losses = simulate(&model, &process, &SimulationOptions::new().trials(20_000).seed(1))?;
/// // P(no outage in a year) = e^{−0.5} ≈ 0.607.
/// assert!((losses.prob_zero() - (-0.5f64).exp()).abs() < 0.02);
/// # Ok::<(), downtime_cost::Error>(())
/// ```
pub fn simulate(
    model: &CostModel,
    process: &OutageProcess,
    options: &SimulationOptions,
) -> Result<LossDistribution> {
    if options.trials == 0 {
        return Err(Error::invalid("trials", 0, "must be at least 1"));
    }
    #[expect(clippy::cast_precision_loss, reason = "the limit is a count well below 2^52")]
    if process.frequency().mean_per_year() > options.max_outages_per_year as f64 {
        return Err(too_many(process.frequency().mean_per_year(), options.max_outages_per_year));
    }
    let trials = usize::try_from(options.trials)
        .map_err(|_| Error::invalid("trials", options.trials, "must fit in memory"))?;
    let kernel = Kernel::compile(model);
    let sampler = Samplers {
        count: Count::new(process)?,
        length: Length::new(process)?,
        severity: Severity::new(process)?,
    };
    let mut losses = vec![0.0_f64; trials];
    let drivers = kernel.drivers.len();
    let run = |(k, chunk): (usize, &mut [f64])| -> Result<Vec<f64>> {
        simulate_chunk(&kernel, &sampler, options, k, chunk)
    };
    #[cfg(feature = "parallel")]
    let sums: Vec<Result<Vec<f64>>> = {
        use rayon::prelude::*;
        losses.par_chunks_mut(CHUNK_TRIALS).enumerate().map(run).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let sums: Vec<Result<Vec<f64>>> = losses.chunks_mut(CHUNK_TRIALS).enumerate().map(run).collect();
    let mut totals = vec![0.0_f64; drivers];
    for chunk in sums {
        for (t, s) in totals.iter_mut().zip(chunk?) {
            *t += s;
        }
    }
    #[expect(clippy::cast_precision_loss, reason = "trial counts are far below 2^52")]
    let n = trials as f64;
    let means = model
        .drivers()
        .iter()
        .zip(&totals)
        .map(|(d, sum)| DriverMean::new(d.kind(), Arc::from(d.name()), sum / n))
        .collect();
    LossDistribution::new(losses, model.currency(), options.seed, means)
}

struct Samplers {
    count: Count,
    length: Length,
    severity: Severity,
}

/// A chunk's outages: start, duration (seconds), severity and year index,
/// and where each year's outages end.
#[derive(Default)]
struct Batch {
    t: Vec<f64>,
    d: Vec<f64>,
    s: Vec<f64>,
    year: Vec<usize>,
    ends: Vec<(usize, usize)>,
}

/// Fills `out` with the annual losses of chunk `k`; returns per-driver sums.
#[expect(clippy::many_single_char_names, reason = "t, d, n, s, k are the model's own names")]
fn simulate_chunk(
    kernel: &Kernel,
    s: &Samplers,
    options: &SimulationOptions,
    k: usize,
    out: &mut [f64],
) -> Result<Vec<f64>> {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    rng.set_stream(u64::try_from(k).unwrap_or(u64::MAX));
    let year = kernel.calendar.year;
    let mut sums = vec![0.0_f64; kernel.drivers.len()];
    let mut batch = Batch::default();
    let mut i = 0usize;
    while i < out.len() {
        let n = match s.count {
            // Rare outages: skip the years without any in one draw. The run
            // of outage-free years before the next year with one is
            // geometric, P(run ≥ k) = p0^k, so ⌊ln u / ln p0⌋ years are
            // skipped; that year's count is then Poisson conditioned on ≥ 1.
            Count::SmallPoisson { lambda, p0 } if p0 >= 0.5 => {
                let u: f64 = rng.random();
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "a non-negative count, saturating"
                )]
                let run = if u > 0.0 { (u.ln() / p0.ln()) as usize } else { usize::MAX };
                i = i.saturating_add(run);
                if i >= out.len() {
                    break;
                }
                let v = p0 + rng.random::<f64>() * (1.0 - p0);
                let k = poisson_inversion(lambda, v, 1, p0 * lambda, p0 + p0 * lambda);
                if k > options.max_outages_per_year {
                    return Err(too_many(k, options.max_outages_per_year));
                }
                k
            }
            _ => s.count.sample(&mut rng, options.max_outages_per_year)?,
        };
        let year_index = i;
        if i >= out.len() {
            break;
        }
        i = i.saturating_add(1);
        // Draw the year's outages now (the random stream's order is year by
        // year, outage by outage); price them driver by driver below.
        for _ in 0..n {
            batch.t.push(rng.random::<f64>() * year);
            batch.d.push(s.length.sample(&mut rng));
            batch.s.push(s.severity.sample(&mut rng));
            batch.year.push(year_index);
        }
        batch.ends.push((year_index, batch.t.len()));
        if batch.ends.len() >= BATCH_YEARS {
            price(kernel, &batch, &mut sums, out, year);
            batch.clear();
        }
    }
    price(kernel, &batch, &mut sums, out, year);
    Ok(sums)
}

/// Years priced together: their outages stay in cache while every driver
/// runs over them.
const BATCH_YEARS: usize = 256;

impl Batch {
    fn clear(&mut self) {
        self.t.clear();
        self.d.clear();
        self.s.clear();
        self.year.clear();
        self.ends.clear();
    }
}

/// Adds `cost(d, s, t)` of every outage of the batch to its year and to `sum`.
#[inline]
fn each(batch: &Batch, sum: &mut f64, out: &mut [f64], cost: impl Fn(f64, f64, f64) -> f64) {
    for (((&t, &d), &sv), &y) in batch.t.iter().zip(&batch.d).zip(&batch.s).zip(&batch.year) {
        let c = cost(d, sv, t);
        *sum += c;
        if let Some(loss) = out.get_mut(y) {
            *loss += c;
        }
    }
}

/// Prices a batch driver by driver (tight loops, one driver's parameters at
/// a time), adding to the years' losses and the drivers' sums.
fn price(kernel: &Kernel, batch: &Batch, sums: &mut [f64], out: &mut [f64], year: f64) {
    for (driver, sum) in kernel.drivers.iter().zip(sums.iter_mut()) {
        if let DriverF::Sla(sla) = driver {
            let mut periods = vec![0.0; sla.periods];
            let mut from = 0usize;
            for &(y, to) in &batch.ends {
                periods.fill(0.0);
                for j in from..to {
                    if let (Some(&t), Some(&d), Some(&sv)) = (batch.t.get(j), batch.d.get(j), batch.s.get(j))
                    {
                        spread(sla, &mut periods, t, d, sla.counted(d, sv), year);
                    }
                }
                from = to;
                let c: f64 = periods.iter().map(|down| sla.credit(*down)).sum();
                *sum += c;
                if let Some(loss) = out.get_mut(y) {
                    *loss += c;
                }
            }
        } else {
            // One loop per kind of driver, so each runs without a dispatch.
            match driver {
                DriverF::Sales { base, recovered } => {
                    each(batch, sum, out, |d, s, t| kernel.sales(*base, recovered, d, s, t));
                }
                DriverF::Productivity { per_second } => {
                    each(batch, sum, out, |d, s, t| kernel.productivity(*per_second, d, s, t));
                }
                DriverF::Brand { value, churn, publicity } => {
                    each(batch, sum, out, |d, s, _| super::kernel::brand(*value, churn, publicity, d, s));
                }
                _ => each(batch, sum, out, |d, s, t| kernel.cost(driver, d, s, t)),
            }
        }
    }
}
