//! The mean of the annual loss, its standard deviation and standard error,
//! the confidence interval of the mean and the number of years a precision
//! needs.

use rust_decimal::Decimal;

use super::{LossDistribution, count_f64, money, to_decimal, u64_from_f64, z_value};
use crate::error::{Error, Result};

impl LossDistribution {
    /// The mean annual loss `x̄ = Σ xᵢ / n`.
    ///
    /// The sum is compensated (Neumaier) and taken in sorted order, so it is
    /// accurate to a few ulps and bit-reproducible whatever order the years
    /// were simulated in; the result is kept within `[min, max]`.
    #[must_use]
    pub fn mean(&self) -> Decimal {
        money(self.mean)
    }

    /// [`mean`](Self::mean) as `f64`.
    #[must_use]
    pub const fn mean_f64(&self) -> f64 {
        self.mean
    }

    /// The sample standard deviation `s = √(Σ (xᵢ − x̄)² / (n − 1))`
    /// (two-pass, compensated); 0 for a single year.
    #[must_use]
    pub fn std_dev(&self) -> Decimal {
        money(self.std_dev)
    }

    /// [`std_dev`](Self::std_dev) as `f64`.
    #[must_use]
    pub const fn std_dev_f64(&self) -> f64 {
        self.std_dev
    }

    /// The standard error of the mean, `se = s / √n`: the Monte Carlo
    /// uncertainty of [`mean`](Self::mean).
    #[must_use]
    pub fn std_error(&self) -> Decimal {
        money(self.std_error_f64())
    }

    /// [`std_error`](Self::std_error) as `f64`.
    #[must_use]
    pub fn std_error_f64(&self) -> f64 {
        self.std_dev / count_f64(self.len()).sqrt()
    }

    /// The normal-approximation confidence interval of the mean,
    /// `x̄ ± z_c · se` with `z_c = Φ⁻¹((1 + c)/2)` (1.96 for `c = 0.95`).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `confidence`) unless `0 < confidence < 1`;
    /// [`Error::Overflow`] if a bound leaves `Decimal`'s range.
    pub fn mean_interval(&self, confidence: f64) -> Result<(Decimal, Decimal)> {
        let half = z_value(confidence)? * self.std_error_f64();
        let op = "mean interval";
        Ok((to_decimal(self.mean - half, op)?, to_decimal(self.mean + half, op)?))
    }

    /// The number of simulated years needed for the mean to be known within
    /// `± relative_error × |mean|` at `confidence`, from this sample's
    /// standard deviation: `n = ⌈(z_c · s / (relative_error · |x̄|))²⌉`, at
    /// least 1.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `relative_error`) unless it is positive and
    /// finite, (field `confidence`) unless `0 < confidence < 1`, (field
    /// `mean`) when the sample mean is 0; [`Error::Overflow`] when the count
    /// exceeds `u64`.
    pub fn trials_for_precision(&self, relative_error: f64, confidence: f64) -> Result<u64> {
        if !(relative_error > 0.0 && relative_error.is_finite()) {
            return Err(Error::invalid("relative_error", relative_error, "must be positive and finite"));
        }
        let z = z_value(confidence)?;
        if self.mean == 0.0 {
            return Err(Error::invalid("mean", self.mean, "must be non-zero for a relative precision"));
        }
        if self.std_dev == 0.0 {
            return Ok(1);
        }
        let ratio = z * self.std_dev / (relative_error * self.mean.abs());
        let trials = (ratio * ratio).ceil();
        // 2^64: the first f64 beyond `u64::MAX`.
        if trials.is_nan() || trials >= 18_446_744_073_709_551_616.0 {
            return Err(Error::overflow("trials for precision"));
        }
        Ok(u64_from_f64(trials).max(1))
    }
}

/// Neumaier's compensated sum, in iteration order: error about `2ε·Σ|xᵢ|`
/// whatever the number of terms.
pub(super) fn compensated_sum(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut sum = 0.0_f64;
    let mut compensation = 0.0_f64;
    for v in values {
        let t = sum + v;
        compensation += if sum.abs() >= v.abs() { (sum - t) + v } else { (v - t) + sum };
        sum = t;
    }
    sum + compensation
}

/// `Σ f(xᵢ) + extra` by Neumaier's compensated sum in four interleaved
/// lanes: value `i` goes to lane `i mod 4`, each lane keeps its own sum and
/// compensation; then [`compensated_sum`] adds six terms in this fixed
/// order: the four lanes' sums, `extra`, and the lanes' compensations
/// (themselves added plainly, in pairs). Four independent chains of
/// additions instead of one (the one chain's latency set the pace), the
/// same order on every run, and an error still about `2ε·Σ|f(xᵢ)|` (each
/// lane's, plus the final sum's over six terms).
pub(super) fn lane_sum(values: &[f64], f: impl Fn(f64) -> f64, extra: f64) -> f64 {
    let mut sums = [0.0_f64; 4];
    let mut compensations = [0.0_f64; 4];
    let mut quads = values.chunks_exact(4);
    for quad in &mut quads {
        for ((sum, compensation), x) in sums.iter_mut().zip(compensations.iter_mut()).zip(quad) {
            neumaier(sum, compensation, f(*x));
        }
    }
    for ((sum, compensation), x) in sums.iter_mut().zip(compensations.iter_mut()).zip(quads.remainder()) {
        neumaier(sum, compensation, f(*x));
    }
    let [s0, s1, s2, s3] = sums;
    let [c0, c1, c2, c3] = compensations;
    compensated_sum([s0, s1, s2, s3, extra, (c0 + c1) + (c2 + c3)])
}

/// One step of Neumaier's sum: `sum + v`, its rounding error added to
/// `compensation`.
#[inline]
fn neumaier(sum: &mut f64, compensation: &mut f64, v: f64) {
    let t = *sum + v;
    *compensation += if sum.abs() >= v.abs() { (*sum - t) + v } else { (v - t) + *sum };
    *sum = t;
}
