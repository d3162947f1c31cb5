//! The tail of the annual loss: value at risk, expected shortfall, the
//! probability of exceeding an amount, return-period losses and the
//! exceedance curve (and its CSV).

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::moments::compensated_sum;
use super::{LossDistribution, check_probability, count_f64, index_from_f64, money};
use crate::error::{Error, Result};
use crate::money::Rounding;

impl LossDistribution {
    /// The value at risk at `level`: the annual loss not exceeded in a share
    /// `level` of years, `VaR_α = Q(α)` ([`quantile`](Self::quantile)).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `level`) unless `0 ≤ level ≤ 1`.
    pub fn value_at_risk(&self, level: f64) -> Result<Decimal> {
        check_probability("level", level)?;
        Ok(money(self.quantile_unchecked(level)))
    }

    /// The expected shortfall (conditional value at risk) at `level`: the
    /// mean loss of the worst `1 − α` share of years.
    ///
    /// Acerbi–Tasche estimator: with `m = n(1 − α)` and `y₍₁₎ ≥ y₍₂₎ ≥ …` the
    /// losses from the largest down,
    /// `ES_α = (Σᵢ₌₁^⌊m⌋ y₍ᵢ₎ + (m − ⌊m⌋)·y₍⌊m⌋+1₎) / m`, i.e. the worst `⌊m⌋`
    /// years in full and the boundary year with its fractional weight.
    /// `ES_0` is the mean, `ES_1` (no tail left) is the maximum.
    ///
    /// `ES_α ≥ VaR_α` for every [`QuantileMethod`](super::QuantileMethod); the result is kept within
    /// `[VaR_α, max]` against rounding.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `level`) unless `0 ≤ level ≤ 1`.
    pub fn expected_shortfall(&self, level: f64) -> Result<Decimal> {
        Ok(money(self.expected_shortfall_f64(level)?))
    }

    /// [`expected_shortfall`](Self::expected_shortfall) as `f64`.
    ///
    /// # Errors
    ///
    /// As [`expected_shortfall`](Self::expected_shortfall).
    pub fn expected_shortfall_f64(&self, level: f64) -> Result<f64> {
        check_probability("level", level)?;
        Ok(self.expected_shortfall_unchecked(level))
    }

    /// `P(L > x)`: the share of years whose loss exceeds `x` (strictly),
    /// `#{i : xᵢ > x} / n`, found by binary search. NaN for a NaN `x`.
    #[must_use]
    pub fn prob_exceeding(&self, x: f64) -> f64 {
        if x.is_nan() {
            return f64::NAN;
        }
        self.share(self.len().saturating_sub(self.not_above(x)))
    }

    /// `P(L = 0)`: the share of years without any loss, `#{i : xᵢ = 0} / n`.
    #[must_use]
    pub fn prob_zero(&self) -> f64 {
        self.share(self.zeros)
    }

    /// The 1-in-`years` loss: the loss exceeded on average once every `N`
    /// years, `Q(1 − 1/N)`. `N = 1` gives the minimum, an infinite `N` the
    /// maximum.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `years`) unless `years ≥ 1`.
    pub fn return_period_loss(&self, years: f64) -> Result<Decimal> {
        if years.is_nan() || years < 1.0 {
            return Err(Error::invalid("years", years, "must be at least 1"));
        }
        Ok(money(self.quantile_unchecked(1.0 - 1.0 / years)))
    }

    /// The loss exceedance curve: `(Q(1 − q), q)` for the exceedance
    /// probabilities `q` = 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, … (1–2–5
    /// per decade) down to `max(min_probability, 1/n)`, the rarest
    /// probability the sample can resolve. Losses are non-decreasing as `q`
    /// falls.
    ///
    /// `q` is the nominal probability of exceeding the loss; where losses
    /// tie (many zero years, say) the sample share
    /// [`prob_exceeding`](Self::prob_exceeding)`(loss)` can be smaller.
    /// Empty when the floor is above 0.5; a NaN `min_probability` counts as 0.
    #[must_use]
    pub fn exceedance_curve(&self, min_probability: f64) -> Vec<(Decimal, f64)> {
        let floor = min_probability.max(1.0 / count_f64(self.len()));
        let mut curve = Vec::new();
        let mut decade = 10.0_f64;
        // 10^d is exact up to 10^22; 1/n ≥ 5.4e-20 for any `usize` n.
        for _ in 0..22 {
            for mantissa in [5.0, 2.0, 1.0] {
                let q = mantissa / decade;
                if q < floor {
                    return curve;
                }
                curve.push((money(self.quantile_unchecked(1.0 - q)), q));
            }
            decade *= 10.0;
        }
        curve
    }

    /// The exceedance curve down to `1/n` ([`exceedance_curve`](Self::exceedance_curve)`(0.0)`)
    /// as CSV: the header `exceedance_probability,loss`, then one line per
    /// point, the probability in shortest decimal form and the loss rounded
    /// to cents (`0.01,1234.50`).
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut out = String::from("exceedance_probability,loss\n");
        for (loss, q) in self.exceedance_curve(0.0) {
            // Writing to a `String` cannot fail.
            let _ = writeln!(out, "{q},{}", Rounding::default().apply(loss));
        }
        out
    }

    /// Expected shortfall for a `level` already checked to lie in `[0, 1]`.
    pub(super) fn expected_shortfall_unchecked(&self, level: f64) -> f64 {
        let len = self.len();
        let var = self.quantile_unchecked(level);
        let max = self.max_f64();
        let m = count_f64(len) * (1.0 - level);
        if m <= 0.0 {
            return max;
        }
        let whole = index_from_f64(m.floor()).min(len);
        let fraction = if whole >= len { 0.0 } else { m - m.floor() };
        let tail_start = len.saturating_sub(whole);
        // The tail's order statistics (its zero years add nothing to the sum).
        let tail = (tail_start..len).map(|i| self.at(i));
        let boundary = fraction * self.at(tail_start.saturating_sub(1));
        let total = compensated_sum(tail.chain(std::iter::once(boundary)));
        (total / m).max(var).min(max)
    }
}
