//! The annual loss distribution of a simulation and its statistics.
//!
//! A Monte Carlo run yields one `f64` loss per simulated year. The sample is
//! kept sorted (8 bytes a year, nothing else per year) and every statistic
//! is read from it: the mean with its standard error, quantiles under a
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
use moments::compensated_sum;
pub use quantiles::QuantileMethod;
use sort::sort_losses;
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
/// Holds the losses sorted ascending (8 bytes a year), the currency, the
/// seed that produced them, the mean loss of each cost driver and the
/// [`QuantileMethod`] in force (type 7 unless changed with
/// [`with_method`](Self::with_method)).
///
/// Serializing gives its [`LossSummary`], not the losses.
#[derive(Clone, PartialEq)]
pub struct LossDistribution {
    /// The annual losses, sorted ascending by `f64::total_cmp`; never empty,
    /// every value finite, within `±MAX_LOSS`, and `-0.0` stored as `0.0`.
    losses: Vec<f64>,
    currency: Currency,
    seed: u64,
    drivers: Vec<DriverMean>,
    method: QuantileMethod,
    /// `Σ xᵢ / n`, compensated sum in sorted order, clamped to `[min, max]`.
    mean: f64,
    /// `√(Σ (xᵢ − mean)² / (n − 1))`, 0 when `n = 1`.
    std_dev: f64,
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
    /// The losses are sorted with `f64::total_cmp` (`-0.0` is stored as
    /// `0.0`); the mean and standard deviation are computed once, here.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] naming `losses` when there are none, or when one is
    /// NaN, infinite or beyond `±10²⁸` (so that every statistic fits in a
    /// `Decimal`); naming `driver_means[i]` when a driver mean is.
    pub(crate) fn new(
        mut losses: Vec<f64>,
        currency: Currency,
        seed: u64,
        drivers: Vec<DriverMean>,
    ) -> Result<Self> {
        if losses.is_empty() {
            return Err(Error::invalid("losses", "[]", "must hold at least one simulated year"));
        }
        if let Some((i, d)) = drivers.iter().enumerate().find(|(_, d)| !in_range(d.mean_f64())) {
            return Err(Error::invalid(
                format!("driver_means[{i}]"),
                d.mean_f64(),
                "must be finite and within ±1e28",
            ));
        }
        // Zero years (most of them for rare outages) need no sorting and add
        // nothing to sums. In place, with no second vector: move the non-zero
        // years to the back (in order) and zero the slots they leave, sort
        // them there (a radix sort may use the front as its buffer), then lay
        // the vector out as [negatives][zeros][positives], the order of a
        // full sort (-0.0 becomes 0.0), rewriting only the slots the sort and
        // the negatives used. The peak memory is the losses' own 8 bytes a
        // year.
        let n = losses.len();
        let mut free = n;
        // Checked in the same pass: finite and within ±1e28.
        let mut all_in_range = true;
        for i in (0..n).rev() {
            // Without a branch on each year: the slot read is zeroed, and its
            // value (+0.0, so -0.0 becomes 0.0) written at the last free slot
            // (at or after i, so already read), which only a non-zero value
            // then keeps.
            let v = losses.get(i).copied().unwrap_or(0.0);
            all_in_range &= in_range(v);
            if let Some(here) = losses.get_mut(i) {
                *here = 0.0;
            }
            if let Some(slot) = losses.get_mut(free.wrapping_sub(1)) {
                *slot = v + 0.0;
            }
            free = free.wrapping_sub(usize::from(v != 0.0));
        }
        if !all_in_range {
            // The first value out of range, in the years' order (the loop
            // above moved the non-zero years but kept their order).
            let bad = losses.iter().find(|v| !in_range(**v)).copied().unwrap_or(f64::NAN);
            return Err(Error::invalid("losses", bad, "must be finite and within ±1e28"));
        }
        let zeros = free;
        let sorted = sort_losses(&mut losses, zeros);
        let negatives = sorted.negatives;
        // [zeros][negatives][positives] → [negatives][zeros][positives]: the
        // slots the radix sort used as its buffer (with no negatives) and
        // those the negatives left are set to 0 again.
        losses.copy_within(zeros..zeros.saturating_add(negatives), 0);
        for dirty in [0..sorted.overwritten.min(zeros), zeros.max(negatives)..zeros.saturating_add(negatives)]
        {
            if let Some(slots) = losses.get_mut(dirty) {
                slots.fill(0.0);
            }
        }
        // The non-zero years in sorted order: [negatives] then [positives].
        let (neg, rest) = losses.split_at(negatives.min(losses.len()));
        let pos = rest.get(zeros..).unwrap_or(&[]);
        let others = || neg.iter().chain(pos).copied();
        let n = count_f64(n);
        let min = losses.first().copied().unwrap_or(0.0);
        let max = losses.last().copied().unwrap_or(0.0);
        let mean = (compensated_sum(others()) / n).max(min).min(max);
        let std_dev = if losses.len() > 1 {
            // Σ (x − m)² over the zero years is zeros × m².
            let squares = compensated_sum(
                others()
                    .map(|x| (x - mean) * (x - mean))
                    .chain(std::iter::once(count_f64(zeros) * mean * mean)),
            );
            (squares / (n - 1.0)).sqrt()
        } else {
            0.0
        };
        Ok(LossDistribution {
            losses,
            currency,
            seed,
            drivers,
            method: QuantileMethod::default(),
            mean,
            std_dev,
        })
    }

    /// The number of simulated years `n`.
    #[must_use]
    pub fn trials(&self) -> u64 {
        u64::try_from(self.losses.len()).unwrap_or(u64::MAX)
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
    /// as `f64`; `n` values, 8 bytes each.
    #[must_use]
    pub fn losses(&self) -> &[f64] {
        &self.losses
    }

    /// The mean cost of each driver over the simulated years.
    #[must_use]
    pub fn driver_means(&self) -> &[DriverMean] {
        &self.drivers
    }

    /// The 0-based order statistic `i`, clamped to the last one.
    fn at(&self, i: usize) -> f64 {
        self.losses.get(i).or(self.losses.last()).copied().unwrap_or(0.0)
    }

    /// `count / n`.
    fn share(&self, count: usize) -> f64 {
        count_f64(count) / count_f64(self.losses.len())
    }
}

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
