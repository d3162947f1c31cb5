//! Order statistics and sample quantiles: the minimum and maximum, quantiles
//! under a [`QuantileMethod`], the percentiles and distribution-free
//! quantile intervals.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{LossDistribution, check_probability, count_f64, index_from_f64, money, z_value};
use crate::error::Result;

/// Probabilities reported by [`LossDistribution::percentiles`], with their labels
/// in percent.
pub(super) const PERCENTILES: [(f64, &str); 6] =
    [(0.5, "50"), (0.9, "90"), (0.95, "95"), (0.99, "99"), (0.999, "99.9"), (0.9999, "99.99")];

/// How a sample quantile is read between order statistics (Hyndman & Fan's
/// numbering, as in R's `quantile(type = …)`).
///
/// With `x₍₁₎ ≤ … ≤ x₍ₙ₎` the sorted losses and `p ∈ [0, 1]`:
///
/// | method | position `h` (1-based) | quantile |
/// |---|---|---|
/// | [`Type7`](Self::Type7) | `h = (n − 1)p + 1` | `x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)` |
/// | [`InvertedCdf`](Self::InvertedCdf) | `k = ⌈np⌉`, at least 1 | `x₍k₎` |
/// | [`MedianUnbiased`](Self::MedianUnbiased) | `h = (n + ⅓)p + ⅓` | as type 7, `x₍₁₎` for `h < 1`, `x₍ₙ₎` for `h ≥ n` |
///
/// Positions within `4ε·max(1, h)` of a whole number (`ε = 2⁻⁵²`) are read
/// as that whole number, so that `p = 0.07` with `n = 100` selects `x₍₇₎`
/// although `100 × 0.07 = 7.000000000000001` in `f64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuantileMethod {
    /// Type 7, R's and `NumPy`'s default: linear between order statistics,
    /// `h = (n − 1)p` (0-based), `Q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋)`.
    /// `Q(0)` is the minimum and `Q(1)` the maximum.
    #[default]
    Type7,
    /// Type 1, the inverse of the empirical CDF: `Q = x₍k₎`, `k = ⌈np⌉`
    /// (at least 1). Always an observed loss.
    InvertedCdf,
    /// Type 8, approximately median-unbiased whatever the distribution:
    /// `h = (n + ⅓)p + ⅓` (1-based), linear between order statistics,
    /// clamped to the minimum and maximum.
    MedianUnbiased,
}

impl LossDistribution {
    /// The smallest annual loss `x₍₁₎`.
    #[must_use]
    pub fn min(&self) -> Decimal {
        money(self.min_f64())
    }

    /// The smallest annual loss as `f64`.
    #[must_use]
    pub fn min_f64(&self) -> f64 {
        self.at(0)
    }

    /// The largest annual loss `x₍ₙ₎`.
    #[must_use]
    pub fn max(&self) -> Decimal {
        money(self.max_f64())
    }

    /// The largest annual loss as `f64`.
    #[must_use]
    pub fn max_f64(&self) -> f64 {
        self.at(self.len().saturating_sub(1))
    }

    /// The sample `p`-quantile under the method in force ([`QuantileMethod`]):
    /// type 7 by default, `h = (n − 1)p` (0-based),
    /// `Q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋)`.
    ///
    /// Non-decreasing in `p`, between [`min`](Self::min) and
    /// [`max`](Self::max).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`](crate::error::Error::Invalid) (field `p`) unless `0 ≤ p ≤ 1`.
    pub fn quantile(&self, p: f64) -> Result<Decimal> {
        Ok(money(self.quantile_f64(p)?))
    }

    /// [`quantile`](Self::quantile) as `f64`.
    ///
    /// # Errors
    ///
    /// As [`quantile`](Self::quantile).
    pub fn quantile_f64(&self, p: f64) -> Result<f64> {
        check_probability("p", p)?;
        Ok(self.quantile_unchecked(p))
    }

    /// The percentiles P50, P90, P95, P99, P99.9 and P99.99 as
    /// `(p, quantile(p))`, `p` as a probability (0.5 … 0.9999).
    #[must_use]
    pub fn percentiles(&self) -> Vec<(f64, Decimal)> {
        PERCENTILES.iter().map(|&(p, _)| (p, money(self.quantile_unchecked(p)))).collect()
    }

    /// A distribution-free confidence interval for the `p`-quantile, from
    /// order statistics: with `σ = √(n·p·(1 − p))`, the ranks
    /// `r = ⌊np − z_c·σ⌋` and `s = ⌈np + z_c·σ⌉` (clamped to `1…n`) give
    /// `[x₍r₎, x₍s₎]` (the normal approximation to the binomial count of
    /// losses below the true quantile). The interval is widened, if needed,
    /// to contain the point estimate [`quantile`](Self::quantile)`(p)`, and
    /// widens with `confidence`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`](crate::error::Error::Invalid) (field `p`) unless `0 ≤ p ≤ 1`, (field
    /// `confidence`) unless `0 < confidence < 1`.
    pub fn quantile_interval(&self, p: f64, confidence: f64) -> Result<(Decimal, Decimal)> {
        check_probability("p", p)?;
        let z = z_value(confidence)?;
        let n = count_f64(self.len());
        let center = n * p;
        let half = z * (n * p * (1.0 - p)).sqrt();
        let lower = self.at(self.rank_index((center - half).floor()));
        let upper = self.at(self.rank_index((center + half).ceil()));
        let q = self.quantile_unchecked(p);
        Ok((money(lower.min(q)), money(upper.max(q))))
    }

    /// The 0-based index of the 1-based rank `rank` clamped to `1…n`.
    fn rank_index(&self, rank: f64) -> usize {
        let n = count_f64(self.len());
        index_from_f64(rank.max(1.0).min(n) - 1.0)
    }

    /// The quantile for a `p` already checked to lie in `[0, 1]`.
    pub(super) fn quantile_unchecked(&self, p: f64) -> f64 {
        let n = count_f64(self.len());
        match self.method {
            QuantileMethod::Type7 => self.interpolate((n - 1.0) * p),
            QuantileMethod::InvertedCdf => {
                let np = n * p;
                let k = (np - fuzz(np)).ceil().max(1.0).min(n);
                self.at(index_from_f64(k - 1.0))
            }
            // 0-based h = (n + ⅓)p − ⅔ = ((3n + 1)p − 2)/3, written so that
            // the median of an even sample is an exact midpoint.
            QuantileMethod::MedianUnbiased => self.interpolate(((3.0 * n + 1.0) * p - 2.0) / 3.0),
        }
    }

    /// `x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋)` at the 0-based position `h`,
    /// `x₀` below 0 and `xₙ₋₁` beyond `n − 1`; `h` within [`fuzz`] of a
    /// whole number reads that order statistic exactly. The interpolated
    /// value is kept between its two order statistics, so the result is
    /// non-decreasing in `h`.
    fn interpolate(&self, position: f64) -> f64 {
        let last = self.len().saturating_sub(1);
        if position.is_nan() || position <= 0.0 {
            return self.at(0);
        }
        let tolerance = fuzz(position);
        let whole = (position + tolerance).floor();
        let index = index_from_f64(whole);
        let fraction = position - whole;
        if index >= last || fraction <= tolerance {
            return self.at(index);
        }
        let below = self.at(index);
        let above = self.at(index.saturating_add(1));
        (below + fraction * (above - below)).max(below).min(above)
    }
}

/// The tolerance `4ε·max(1, |h|)` within which a position `h` counts as a
/// whole number (representation error of `p` times `n`).
fn fuzz(h: f64) -> f64 {
    4.0 * f64::EPSILON * h.abs().max(1.0)
}
