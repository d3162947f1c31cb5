//! The annual loss distribution of a simulation and its statistics.
//!
//! A Monte Carlo run yields one `f64` loss per simulated year. The years
//! with a loss are kept sorted (8 bytes each) with a count of the years
//! without one, and every statistic is read from that sorted sample: the mean with its standard error, quantiles under a
//! choice of [`QuantileMethod`], value at risk and expected shortfall, the
//! probability of exceeding an amount, return-period losses, an exceedance
//! curve and distribution-free intervals.
//!
//! Conventions: `x₍₁₎ ≤ … ≤ x₍ₙ₎` are the sorted losses (1-based order
//! statistics), `n` the number of simulated years, `z_c = Φ⁻¹((1 + c)/2)` the
//! two-sided standard normal value of confidence `c`.
//!
//! Precision: statistics are computed in `f64` (sums compensated, in the
//! fixed sorted order, so results are bit-reproducible whatever order the
//! engine produced the years in) and converted to `Decimal` once, through the
//! shortest round-tripping decimal form of the `f64`. Money accessors return
//! that `Decimal`; the `_f64` twins return the `f64` itself.
//!
//! This file holds [`LossDistribution`] itself (its construction and plain
//! accessors) and the conversions the statistics share; the statistics are
//! in `moments.rs`, `quantiles.rs` and `tail.rs`, the serialized summary in
//! `summary.rs`, the sort in `sort.rs` and [`DriverMean`] in `driver.rs`.

mod driver;
mod moments;
mod quantiles;
mod sort;
mod summary;
mod tail;

use std::fmt;

use rust_decimal::Decimal;

use crate::decimal::decimal_from_f64;
use crate::error::{Error, Result};
use crate::money::{Currency, Rounding};
use crate::numerics::normal_quantile;
pub use driver::DriverMean;
use moments::lane_sum;
pub use quantiles::QuantileMethod;
pub use summary::{
    DriverLoss, ExceedancePoint, LevelLoss, LossSummary, ReturnPeriodLoss, SUMMARY_MIN_EXCEEDANCE,
};

/// The largest loss magnitude accepted, `10²⁸`.
///
/// `Decimal` reaches about `7.9 × 10²⁸`; with every loss within `±10²⁸` each
/// statistic that is a weighted mean of losses (mean, quantiles, expected
/// shortfall) and the standard deviation (at most `range/√2 ≤ 1.5 × 10²⁸`)
/// convert to `Decimal` without overflow.
const MAX_LOSS: f64 = 1e28;

/// The distribution of the annual loss over the simulated years.
///
/// Holds the years with a loss sorted ascending (8 bytes each) and a count
/// of the years without, the currency, the seed that produced them, the
/// mean loss of each cost driver and the [`QuantileMethod`] in force (type 7
/// unless changed with [`with_method`](Self::with_method)). Every statistic
/// reads the sorted sample `[negatives][zeros][positives]` through this
/// layout; the full sample of every year is built only when
/// [`losses`](Self::losses) asks for it.
///
/// Serializing gives its [`LossSummary`], not the losses.
#[derive(Clone)]
pub struct LossDistribution {
    /// The non-zero annual losses, sorted ascending by `f64::total_cmp`
    /// (the negatives first); every value finite and within `±MAX_LOSS`.
    values: Vec<f64>,
    /// How many of `values` are negative.
    negatives: usize,
    /// How many years had no loss (`-0.0` counts as none).
    zeros: usize,
    /// Every year's loss in ascending order, built on the first call to
    /// [`losses`](Self::losses).
    all: std::sync::OnceLock<Vec<f64>>,
    currency: Currency,
    seed: u64,
    drivers: Vec<DriverMean>,
    method: QuantileMethod,
    /// `Σ xᵢ / n`, compensated sum in sorted order, clamped to `[min, max]`.
    mean: f64,
    /// `√(Σ (xᵢ − mean)² / (n − 1))`, 0 when `n = 1`.
    std_dev: f64,
}

impl PartialEq for LossDistribution {
    /// The same years and statistics (whether [`losses`](Self::losses) has
    /// been built yet does not matter).
    fn eq(&self, other: &Self) -> bool {
        self.values == other.values
            && self.negatives == other.negatives
            && self.zeros == other.zeros
            && self.currency == other.currency
            && self.seed == other.seed
            && self.drivers == other.drivers
            && self.method == other.method
            && self.mean == other.mean
            && self.std_dev == other.std_dev
    }
}

impl fmt::Debug for LossDistribution {
    /// The summary statistics, not the losses.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LossDistribution")
            .field("trials", &self.trials())
            .field("seed", &self.seed)
            .field("currency", &self.currency)
            .field("method", &self.method)
            .field("mean", &self.mean)
            .field("std_dev", &self.std_dev)
            .field("min", &self.min_f64())
            .field("max", &self.max_f64())
            .field("drivers", &self.drivers)
            .finish_non_exhaustive()
    }
}

impl LossDistribution {
    /// The distribution of `losses`, one annual loss per simulated year,
    /// produced from `seed`, with the mean loss of each driver.
    ///
    /// The zero years (`-0.0` among them) are counted and dropped in place;
    /// the rest go on to [`from_nonzero`](Self::from_nonzero).
    ///
    /// # Errors
    ///
    /// As [`from_nonzero`](Self::from_nonzero).
    #[cfg(test)]
    pub(crate) fn new(
        mut losses: Vec<f64>,
        currency: Currency,
        seed: u64,
        drivers: Vec<DriverMean>,
    ) -> Result<Self> {
        let n = losses.len();
        losses.retain(|v| *v != 0.0);
        let zeros = n.saturating_sub(losses.len());
        Self::from_nonzero(losses, zeros, currency, seed, drivers)
    }

    /// The distribution of `zeros` years without a loss and the years with
    /// one, `values` (in the years' order, none of them 0), produced from
    /// `seed`, with the mean loss of each driver.
    ///
    /// The values are sorted with `f64::total_cmp`, in place; the mean and
    /// standard deviation are computed once, here. Memory: the values' own
    /// 8 bytes a year with a loss, and for the sort a buffer as long as the
    /// values when there are at least as many zero years (so never more
    /// than 8 bytes a simulated year in all).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] naming `losses` when there are no years, or when a
    /// loss is NaN, infinite or beyond `±10²⁸` (so that every statistic fits
    /// in a `Decimal`); naming `driver_means[i]` when a driver mean is.
    pub(crate) fn from_nonzero(
        mut values: Vec<f64>,
        zeros: usize,
        currency: Currency,
        seed: u64,
        drivers: Vec<DriverMean>,
    ) -> Result<Self> {
        if values.is_empty() && zeros == 0 {
            return Err(Error::invalid("losses", "[]", "must hold at least one simulated year"));
        }
        if let Some((i, d)) = drivers.iter().enumerate().find(|(_, d)| !in_range(d.mean_f64())) {
            return Err(Error::invalid(
                format!("driver_means[{i}]"),
                d.mean_f64(),
                "must be finite and within ±1e28",
            ));
        }
        // One pass: the first value out of range (in the years' order),
        // whether any is negative, and the zeros dropped (a zero passed as a
        // value is a zero year).
        let given = values.len();
        let (mut bad, mut negative) = (None, false);
        values.retain(|v| {
            if bad.is_none() && !in_range(*v) {
                bad = Some(*v);
            }
            negative |= *v < 0.0;
            *v != 0.0
        });
        if let Some(bad) = bad {
            return Err(Error::invalid("losses", bad, "must be finite and within ±1e28"));
        }
        let zeros = zeros.saturating_add(given.saturating_sub(values.len()));
        // The radix sort's buffer, where the zero years make room for it (and
        // the system grants it: else the in-place sort, to the same order).
        let mut buffer: Vec<f64> = Vec::new();
        if zeros >= values.len()
            && values.len() >= sort::SMALL
            && buffer.try_reserve_exact(values.len()).is_ok()
        {
            buffer.resize(values.len(), 0.0);
        }
        let negatives = sort::sort_values(&mut values, &mut buffer, negative).negatives;
        drop(buffer);
        let n = count_f64(values.len().saturating_add(zeros));
        let mut out = LossDistribution {
            values,
            negatives,
            zeros,
            all: std::sync::OnceLock::new(),
            currency,
            seed,
            drivers,
            method: QuantileMethod::default(),
            mean: 0.0,
            std_dev: 0.0,
        };
        // The non-zero years in sorted order: [negatives] then [positives].
        let (min, max) = (out.min_f64(), out.max_f64());
        let mean = (lane_sum(&out.values, |x| x, 0.0) / n).max(min).min(max);
        out.mean = mean;
        if out.len() > 1 {
            // Σ (x − m)² over the zero years is zeros × m².
            let squares = lane_sum(&out.values, |x| (x - mean) * (x - mean), count_f64(zeros) * mean * mean);
            out.std_dev = (squares / (n - 1.0)).sqrt();
        }
        Ok(out)
    }

    /// The number of simulated years `n`.
    #[must_use]
    pub fn trials(&self) -> u64 {
        u64::try_from(self.len()).unwrap_or(u64::MAX)
    }

    /// `n`, the simulated years.
    fn len(&self) -> usize {
        self.values.len().saturating_add(self.zeros)
    }

    /// The seed the simulation was run with; the same seed and inputs give
    /// the same losses.
    #[must_use]
    pub const fn seed(&self) -> u64 {
        self.seed
    }

    /// The currency of every amount.
    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// The same distribution read with quantile method `method` (affects
    /// [`quantile`](Self::quantile) and everything built on it).
    #[must_use]
    pub fn with_method(self, method: QuantileMethod) -> Self {
        LossDistribution { method, ..self }
    }

    /// The quantile method in force.
    #[must_use]
    pub const fn method(&self) -> QuantileMethod {
        self.method
    }

    /// The simulated annual losses, one per year, in ascending order (the
    /// years' own order is not kept). Money in [`currency`](Self::currency),
    /// as `f64`; `n` values, 8 bytes each, built on the first call (the
    /// distribution itself keeps only the years with a loss and a count of
    /// the others).
    #[must_use]
    pub fn losses(&self) -> &[f64] {
        self.all.get_or_init(|| {
            let mut all = Vec::with_capacity(self.len());
            all.extend(self.sorted_losses());
            all
        })
    }

    /// The same losses as [`losses`](Self::losses), in the same ascending
    /// order, read from the distribution's own layout (the years with a loss
    /// and a count of the rest) without building the full sample: `n`
    /// values, nothing allocated.
    ///
    /// # Example
    ///
    /// ```
    /// # fn main() -> downtime_cost::Result<()> {
    /// use downtime_cost::{
    ///     DurationDistribution, Frequency, OutageProcess, Scenario, SeverityDistribution, SimulationOptions,
    /// };
    /// // Half an outage a year: most of the 1 000 years have no loss.
    /// let process = OutageProcess::new(
    ///     Frequency::poisson(0.5)?,
    ///     DurationDistribution::lognormal(0.0, 1.0)?,
    ///     SeverityDistribution::default(),
    /// );
    /// let model = Scenario::builtin("retailer")?.model();
    /// let d = downtime_cost::simulate(&model, &process, &SimulationOptions::new().with_trials(1_000))?;
    /// assert_eq!(d.sorted_losses().len(), 1_000);
    /// assert!(d.sorted_losses().eq(d.losses().iter().copied()));
    /// # Ok(())
    /// # }
    /// ```
    pub fn sorted_losses(&self) -> impl ExactSizeIterator<Item = f64> + '_ {
        let (negatives, positives) = self.values.split_at(self.negatives.min(self.values.len()));
        SortedLosses { negatives: negatives.iter(), zeros: self.zeros, positives: positives.iter() }
    }

    /// The mean cost of each driver over the simulated years.
    #[must_use]
    pub fn driver_means(&self) -> &[DriverMean] {
        &self.drivers
    }

    /// The 0-based order statistic `i`, clamped to the last one: in the
    /// sorted sample `[negatives][zeros][positives]`.
    fn at(&self, i: usize) -> f64 {
        let i = i.min(self.len().saturating_sub(1));
        if i < self.negatives {
            self.values.get(i).copied().unwrap_or(0.0)
        } else if i < self.negatives.saturating_add(self.zeros) {
            0.0
        } else {
            self.values.get(i.saturating_sub(self.zeros)).copied().unwrap_or(0.0)
        }
    }

    /// `#{i : xᵢ ≤ x}` for a non-NaN `x`, by binary search.
    fn not_above(&self, x: f64) -> usize {
        let (negatives, positives) = self.values.split_at(self.negatives.min(self.values.len()));
        if x < 0.0 {
            negatives.partition_point(|&v| v <= x)
        } else {
            self.negatives.saturating_add(self.zeros).saturating_add(positives.partition_point(|&v| v <= x))
        }
    }

    /// `count / n`.
    fn share(&self, count: usize) -> f64 {
        count_f64(count) / count_f64(self.len())
    }
}

/// The iterator of [`LossDistribution::sorted_losses`]: the negatives, the
/// zero years, the positives.
struct SortedLosses<'a> {
    negatives: std::slice::Iter<'a, f64>,
    zeros: usize,
    positives: std::slice::Iter<'a, f64>,
}

impl Iterator for SortedLosses<'_> {
    type Item = f64;

    fn next(&mut self) -> Option<f64> {
        if let Some(v) = self.negatives.next() {
            return Some(*v);
        }
        if self.zeros > 0 {
            self.zeros = self.zeros.saturating_sub(1);
            return Some(0.0);
        }
        self.positives.next().copied()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.negatives.len().saturating_add(self.zeros).saturating_add(self.positives.len());
        (n, Some(n))
    }
}

impl ExactSizeIterator for SortedLosses<'_> {}

/// Whether `v` is finite and within `±MAX_LOSS`.
fn in_range(v: f64) -> bool {
    v.is_finite() && v.abs() <= MAX_LOSS
}

/// `f64` → `Decimal` for the infallible accessors.
///
/// Every value they convert is a weighted mean of losses within `±10²⁸` (or
/// a standard deviation below `1.5 × 10²⁸`), so the conversion cannot fail;
/// should it anyway, the result saturates to `Decimal::MAX` / `Decimal::MIN`
/// by sign (0 for NaN) rather than panicking.
fn money(v: f64) -> Decimal {
    decimal_from_f64(v).unwrap_or(if v.is_nan() {
        Decimal::ZERO
    } else if v > 0.0 {
        Decimal::MAX
    } else {
        Decimal::MIN
    })
}

/// [`money`] rounded to cents ([`Rounding::default`]), for the summary.
fn cents(v: f64) -> Decimal {
    Rounding::default().apply(money(v))
}

/// `f64` → `Decimal` for the fallible accessors: [`Error::Overflow`] in
/// `operation` when `v` is not finite or beyond `Decimal`.
fn to_decimal(v: f64, operation: &'static str) -> Result<Decimal> {
    decimal_from_f64(v).ok_or(Error::overflow(operation))
}

/// `Ok` when `0 ≤ p ≤ 1`, else [`Error::Invalid`] naming `field`.
fn check_probability(field: &'static str, p: f64) -> Result<()> {
    if (0.0..=1.0).contains(&p) { Ok(()) } else { Err(Error::invalid(field, p, "must be between 0 and 1")) }
}

/// `z_c = Φ⁻¹((1 + c)/2) = −Φ⁻¹((1 − c)/2)` for `0 < c < 1`.
fn z_value(confidence: f64) -> Result<f64> {
    if !(confidence > 0.0 && confidence < 1.0) {
        return Err(Error::invalid("confidence", confidence, "must be between 0 and 1 (exclusive)"));
    }
    let z = -normal_quantile((1.0 - confidence) / 2.0);
    if z.is_finite() { Ok(z.max(0.0)) } else { Err(Error::overflow("normal quantile")) }
}

/// A count as `f64` (exact below 2⁵³ years).
#[allow(clippy::cast_precision_loss, reason = "sample sizes are far below 2^53")]
const fn count_f64(n: usize) -> f64 {
    n as f64
}

/// A finite, non-negative whole `f64` as an index (`as` saturates; NaN → 0).
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "callers pass whole numbers in 0..n; the cast saturates otherwise"
)]
const fn index_from_f64(x: f64) -> usize {
    x as usize
}

/// A finite, non-negative whole `f64` below 2⁶⁴ as `u64`.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "the caller checks 0 ≤ x < 2^64; the cast saturates otherwise"
)]
const fn u64_from_f64(x: f64) -> u64 {
    x as u64
}

#[cfg(test)]
mod tests;
