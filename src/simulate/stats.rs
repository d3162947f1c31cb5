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

use std::fmt::{self, Write as _};
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize, Serializer};

use crate::cost::DriverKind;
use crate::decimal::decimal_from_f64;
use crate::error::{Error, Result};
use crate::money::{Currency, Rounding};
use crate::numerics::normal_quantile;

/// The largest loss magnitude accepted, `10²⁸`.
///
/// `Decimal` reaches about `7.9 × 10²⁸`; with every loss within `±10²⁸` each
/// statistic that is a weighted mean of losses (mean, quantiles, expected
/// shortfall) and the standard deviation (at most `range/√2 ≤ 1.5 × 10²⁸`)
/// convert to `Decimal` without overflow.
const MAX_LOSS: f64 = 1e28;

/// Probabilities reported by [`LossDistribution::percentiles`], with their labels
/// in percent.
const PERCENTILES: [(f64, &str); 6] =
    [(0.5, "50"), (0.9, "90"), (0.95, "95"), (0.99, "99"), (0.999, "99.9"), (0.9999, "99.99")];

/// Tail levels of the serialized summary (value at risk, expected shortfall).
const TAIL_LEVELS: [(f64, &str); 2] = [(0.95, "95"), (0.99, "99")];

/// Return periods (years) of the serialized summary.
const RETURN_PERIODS: [u32; 5] = [10, 20, 50, 100, 250];

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

/// The mean annual loss of one cost driver over the simulated years.
#[derive(Debug, Clone, PartialEq)]
pub struct DriverMean {
    kind: DriverKind,
    name: Arc<str>,
    mean: f64,
}

impl DriverMean {
    /// The mean annual loss `mean` of the driver `name` of kind `kind`.
    pub(crate) const fn new(kind: DriverKind, name: Arc<str>, mean: f64) -> Self {
        DriverMean { kind, name, mean }
    }

    /// Which kind of driver.
    #[must_use]
    pub const fn kind(&self) -> DriverKind {
        self.kind
    }

    /// The driver's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The mean annual loss of this driver, `Σ lossᵢ / n` over the simulated
    /// years, as `Decimal` (the shortest decimal form of the `f64` mean).
    #[must_use]
    pub fn mean(&self) -> Decimal {
        money(self.mean)
    }

    /// The mean annual loss of this driver as `f64`.
    #[must_use]
    pub const fn mean_f64(&self) -> f64 {
        self.mean
    }
}

impl Serialize for DriverMean {
    /// `{"driver": kind, "name": …, "mean": "…"}`, the mean rounded to cents
    /// and written as a string.
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            driver: DriverKind,
            name: &'a str,
            #[serde(with = "crate::decimal::wire")]
            mean: Decimal,
        }
        View { driver: self.kind, name: &self.name, mean: cents(self.mean) }.serialize(s)
    }
}

/// The distribution of the annual loss over the simulated years.
///
/// Holds the losses sorted ascending (8 bytes a year), the currency, the
/// seed that produced them, the mean loss of each cost driver and the
/// [`QuantileMethod`] in force (type 7 unless changed with
/// [`with_method`](Self::with_method)).
///
/// Serializing gives a summary, not the losses: `trials`, `seed`,
/// `currency`, `mean`, `std_error`, `std_dev`, `min`, `max`, `percentiles`
/// (`[{"p": "50", "loss": "…"}, …]` for P50, P90, P95, P99, P99.9, P99.99),
/// `value_at_risk` and `expected_shortfall` (`[{"level": "95", "loss": "…"},
/// {"level": "99", …}]`), `prob_zero`, `return_periods` (`[{"years": 10,
/// "loss": "…"}, …]` for 10, 20, 50, 100 and 250 years), `driver_means`
/// (`[{"driver": …, "name": …, "mean": "…"}]`) and `quantile_method`.
/// Amounts are strings rounded to cents ([`Rounding::default`]).
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
        if let Some(bad) = losses.iter().find(|v| !in_range(**v)) {
            return Err(Error::invalid("losses", bad, "must be finite and within ±1e28"));
        }
        if let Some((i, d)) = drivers.iter().enumerate().find(|(_, d)| !in_range(d.mean)) {
            return Err(Error::invalid(
                format!("driver_means[{i}]"),
                d.mean,
                "must be finite and within ±1e28",
            ));
        }
        // Zero years (most of them for rare outages) need no sorting and add
        // nothing to sums: sort only the others, then lay the vector out as
        // [negatives][zeros][positives] (the same order as a full sort; -0.0
        // becomes 0.0).
        // Gathered without a branch on each year: every value is written at
        // the next free slot, which only a non-zero one then takes.
        let nonzero = losses.iter().map(|v| usize::from(*v != 0.0)).fold(0usize, usize::wrapping_add);
        let mut others = vec![0.0; nonzero];
        let mut next = 0usize;
        for v in &losses {
            if let Some(slot) = others.get_mut(next) {
                *slot = *v;
            }
            next = next.wrapping_add(usize::from(*v != 0.0));
        }
        sort_losses(&mut others);
        let zeros = losses.len().saturating_sub(others.len());
        let negatives = others.partition_point(|v| *v < 0.0);
        let (neg, pos) = others.split_at(negatives);
        // [negatives][zeros][positives]: the lengths add up to the years'.
        if let Some((head, tail)) = losses.split_at_mut_checked(negatives)
            && let Some((middle, end)) = tail.split_at_mut_checked(zeros)
        {
            head.copy_from_slice(neg);
            middle.fill(0.0);
            end.copy_from_slice(pos);
        }
        let n = count_f64(losses.len());
        let min = losses.first().copied().unwrap_or(0.0);
        let max = losses.last().copied().unwrap_or(0.0);
        let mean = (compensated_sum(others.iter().copied()) / n).max(min).min(max);
        let std_dev = if losses.len() > 1 {
            // Σ (x − m)² over the zero years is zeros × m².
            let squares = compensated_sum(
                others
                    .iter()
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

    /// The mean cost of each driver over the simulated years.
    #[must_use]
    pub fn driver_means(&self) -> &[DriverMean] {
        &self.drivers
    }

    // -- moments -------------------------------------------------------------

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
        self.std_dev / count_f64(self.losses.len()).sqrt()
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
        self.at(self.losses.len().saturating_sub(1))
    }

    // -- quantiles -----------------------------------------------------------

    /// The sample `p`-quantile under the method in force ([`QuantileMethod`]):
    /// type 7 by default, `h = (n − 1)p` (0-based),
    /// `Q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋)`.
    ///
    /// Non-decreasing in `p`, between [`min`](Self::min) and
    /// [`max`](Self::max).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `p`) unless `0 ≤ p ≤ 1`.
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
    /// `ES_α ≥ VaR_α` for every [`QuantileMethod`]; the result is kept within
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
        let not_above = self.losses.partition_point(|&v| v <= x);
        self.share(self.losses.len().saturating_sub(not_above))
    }

    /// `P(L = 0)`: the share of years without any loss, `#{i : xᵢ = 0} / n`.
    #[must_use]
    pub fn prob_zero(&self) -> f64 {
        let below = self.losses.partition_point(|&v| v < 0.0);
        let not_above = self.losses.partition_point(|&v| v <= 0.0);
        self.share(not_above.saturating_sub(below))
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
        let floor = min_probability.max(1.0 / count_f64(self.losses.len()));
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
    /// [`Error::Invalid`] (field `p`) unless `0 ≤ p ≤ 1`, (field
    /// `confidence`) unless `0 < confidence < 1`.
    pub fn quantile_interval(&self, p: f64, confidence: f64) -> Result<(Decimal, Decimal)> {
        check_probability("p", p)?;
        let z = z_value(confidence)?;
        let n = count_f64(self.losses.len());
        let center = n * p;
        let half = z * (n * p * (1.0 - p)).sqrt();
        let lower = self.at(self.rank_index((center - half).floor()));
        let upper = self.at(self.rank_index((center + half).ceil()));
        let q = self.quantile_unchecked(p);
        Ok((money(lower.min(q)), money(upper.max(q))))
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

    // -- internals -----------------------------------------------------------

    /// The 0-based order statistic `i`, clamped to the last one.
    fn at(&self, i: usize) -> f64 {
        self.losses.get(i).or(self.losses.last()).copied().unwrap_or(0.0)
    }

    /// `count / n`.
    fn share(&self, count: usize) -> f64 {
        count_f64(count) / count_f64(self.losses.len())
    }

    /// The 0-based index of the 1-based rank `rank` clamped to `1…n`.
    fn rank_index(&self, rank: f64) -> usize {
        let n = count_f64(self.losses.len());
        index_from_f64(rank.max(1.0).min(n) - 1.0)
    }

    /// The quantile for a `p` already checked to lie in `[0, 1]`.
    fn quantile_unchecked(&self, p: f64) -> f64 {
        let n = count_f64(self.losses.len());
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
        let last = self.losses.len().saturating_sub(1);
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

    /// Expected shortfall for a `level` already checked to lie in `[0, 1]`.
    fn expected_shortfall_unchecked(&self, level: f64) -> f64 {
        let len = self.losses.len();
        let var = self.quantile_unchecked(level);
        let max = self.max_f64();
        let m = count_f64(len) * (1.0 - level);
        if m <= 0.0 {
            return max;
        }
        let whole = index_from_f64(m.floor()).min(len);
        let fraction = if whole >= len { 0.0 } else { m - m.floor() };
        let tail_start = len.saturating_sub(whole);
        let tail = self.losses.get(tail_start..).unwrap_or_default();
        let boundary = fraction * self.at(tail_start.saturating_sub(1));
        let total = compensated_sum(tail.iter().copied().chain(std::iter::once(boundary)));
        (total / m).max(var).min(max)
    }
}

impl Serialize for LossDistribution {
    /// The summary described on [`LossDistribution`]; amounts rounded to
    /// cents, as strings.
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Percentile {
            p: &'static str,
            #[serde(with = "crate::decimal::wire")]
            loss: Decimal,
        }
        #[derive(Serialize)]
        struct Tail {
            level: &'static str,
            #[serde(with = "crate::decimal::wire")]
            loss: Decimal,
        }
        #[derive(Serialize)]
        struct ReturnPeriod {
            years: u32,
            #[serde(with = "crate::decimal::wire")]
            loss: Decimal,
        }
        #[derive(Serialize)]
        struct Summary<'a> {
            trials: u64,
            seed: u64,
            currency: Currency,
            #[serde(with = "crate::decimal::wire")]
            mean: Decimal,
            #[serde(with = "crate::decimal::wire")]
            std_error: Decimal,
            #[serde(with = "crate::decimal::wire")]
            std_dev: Decimal,
            #[serde(with = "crate::decimal::wire")]
            min: Decimal,
            #[serde(with = "crate::decimal::wire")]
            max: Decimal,
            percentiles: Vec<Percentile>,
            value_at_risk: Vec<Tail>,
            expected_shortfall: Vec<Tail>,
            prob_zero: f64,
            return_periods: Vec<ReturnPeriod>,
            driver_means: &'a [DriverMean],
            quantile_method: QuantileMethod,
        }
        let tail = |f: &dyn Fn(f64) -> f64| -> Vec<Tail> {
            TAIL_LEVELS.iter().map(|&(level, label)| Tail { level: label, loss: cents(f(level)) }).collect()
        };
        Summary {
            trials: self.trials(),
            seed: self.seed,
            currency: self.currency,
            mean: cents(self.mean),
            std_error: cents(self.std_error_f64()),
            std_dev: cents(self.std_dev),
            min: cents(self.min_f64()),
            max: cents(self.max_f64()),
            percentiles: PERCENTILES
                .iter()
                .map(|&(p, label)| Percentile { p: label, loss: cents(self.quantile_unchecked(p)) })
                .collect(),
            value_at_risk: tail(&|level| self.quantile_unchecked(level)),
            expected_shortfall: tail(&|level| self.expected_shortfall_unchecked(level)),
            prob_zero: self.prob_zero(),
            return_periods: RETURN_PERIODS
                .iter()
                .map(|&years| ReturnPeriod {
                    years,
                    loss: cents(self.quantile_unchecked(1.0 - 1.0 / f64::from(years))),
                })
                .collect(),
            driver_means: &self.drivers,
            quantile_method: self.method,
        }
        .serialize(s)
    }
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

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

/// The tolerance `4ε·max(1, |h|)` within which a position `h` counts as a
/// whole number (representation error of `p` times `n`).
fn fuzz(h: f64) -> f64 {
    4.0 * f64::EPSILON * h.abs().max(1.0)
}

/// Neumaier's compensated sum, in iteration order: error about `2ε·Σ|xᵢ|`
/// whatever the number of terms.
fn compensated_sum(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut sum = 0.0_f64;
    let mut compensation = 0.0_f64;
    for v in values {
        let t = sum + v;
        compensation += if sum.abs() >= v.abs() { (sum - t) + v } else { (v - t) + sum };
        sum = t;
    }
    sum + compensation
}

/// Sorts finite values ascending: a radix sort on the bit patterns of the
/// positive values (for non-negative IEEE doubles the bit order is the value
/// order), the few negative ones (credits received) by comparison.
fn sort_losses(values: &mut [f64]) {
    if values.len() < 4_096 || values.iter().any(|v| *v < 0.0) {
        values.sort_unstable_by(f64::total_cmp);
        return;
    }
    let mut keys: Vec<u64> = values.iter().map(|v| v.to_bits()).collect();
    let mut buffer = vec![0u64; keys.len()];
    // Six passes of 11 bits cover the 64-bit keys (the sign bit is 0).
    for pass in 0..6u32 {
        let shift = pass.saturating_mul(11);
        let mut counts = vec![0usize; 2_049];
        for k in &keys {
            let digit = usize::try_from((k >> shift) & 0x7FF).unwrap_or(0);
            if let Some(c) = counts.get_mut(digit.saturating_add(1)) {
                *c = c.saturating_add(1);
            }
        }
        if counts.iter().filter(|c| **c != 0).count() <= 1 {
            continue; // every key has the same digit: nothing to move
        }
        for d in 1..counts.len() {
            let previous = counts.get(d.saturating_sub(1)).copied().unwrap_or(0);
            if let Some(c) = counts.get_mut(d) {
                *c = c.saturating_add(previous);
            }
        }
        for k in &keys {
            let digit = usize::try_from((k >> shift) & 0x7FF).unwrap_or(0);
            if let Some(position) = counts.get_mut(digit) {
                if let Some(slot) = buffer.get_mut(*position) {
                    *slot = *k;
                }
                *position = position.saturating_add(1);
            }
        }
        std::mem::swap(&mut keys, &mut buffer);
    }
    for (v, k) in values.iter_mut().zip(keys) {
        *v = f64::from_bits(k);
    }
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
#[allow(clippy::float_cmp, reason = "the compared values are exact by construction")]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::dec;

    fn dist(losses: &[f64]) -> LossDistribution {
        LossDistribution::new(losses.to_vec(), Currency::USD, 7, Vec::new()).unwrap()
    }

    fn q(d: &LossDistribution, p: f64) -> f64 {
        d.quantile_f64(p).unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    /// The ten-year sample used for the tail tests, deliberately unsorted:
    /// sorted it is 0, 0, 0, 10, 20, 30, 40, 50, 100, 200 (sum 450).
    const TEN: [f64; 10] = [50.0, 0.0, 200.0, 10.0, 0.0, 40.0, 100.0, 30.0, 0.0, 20.0];

    #[test]
    fn quantile_methods_on_one_to_four() {
        let d = dist(&[4.0, 1.0, 3.0, 2.0]);
        // Type 7, h = 3p (0-based): p = .5 → h = 1.5 → 2 + .5·(3 − 2) = 2.5;
        // p = .25 → h = .75 → 1 + .75 = 1.75; p = .9 → h = 2.7 → 3.7.
        assert_eq!(d.quantile(0.5).unwrap(), dec!(2.5));
        assert_eq!(d.quantile(0.25).unwrap(), dec!(1.75));
        assert!(close(q(&d, 0.9), 3.7));
        assert_eq!(d.quantile(0.0).unwrap(), dec!(1));
        assert_eq!(d.quantile(1.0).unwrap(), dec!(4));

        // Type 1, k = ⌈4p⌉: p = .5 → k = 2 → 2; p = .51 → k = ⌈2.04⌉ = 3 → 3;
        // p = .25 → k = 1 → 1; p = 0 → k = max(0, 1) = 1 → 1.
        let d = d.with_method(QuantileMethod::InvertedCdf);
        assert_eq!(d.method(), QuantileMethod::InvertedCdf);
        assert_eq!(d.quantile(0.5).unwrap(), dec!(2));
        assert_eq!(d.quantile(0.51).unwrap(), dec!(3));
        assert_eq!(d.quantile(0.25).unwrap(), dec!(1));
        assert_eq!(d.quantile(0.0).unwrap(), dec!(1));
        assert_eq!(d.quantile(1.0).unwrap(), dec!(4));

        // Type 8, h = (4 + ⅓)p + ⅓ (1-based): p = .5 → 2.5 → 2.5;
        // p = .25 → 13/12 + 4/12 = 17/12 → 1 + 5/12 = 1.41666…;
        // p = .1 → 13/30 + 10/30 = 23/30 < 1 → minimum 1;
        // p = .9 → 3.9 + ⅓ = 4.2333 ≥ 4 → maximum 4.
        let d = d.with_method(QuantileMethod::MedianUnbiased);
        assert_eq!(d.quantile(0.5).unwrap(), dec!(2.5));
        assert!(close(q(&d, 0.25), 17.0 / 12.0));
        assert_eq!(d.quantile(0.1).unwrap(), dec!(1));
        assert_eq!(d.quantile(0.9).unwrap(), dec!(4));
    }

    #[test]
    fn positions_near_whole_numbers_read_the_order_statistic() {
        // n = 100, 1..=100: 100 × 0.07 = 7.000000000000001 in f64, but type 1
        // must still read x₍₇₎ = 7, not x₍₈₎.
        let d = dist(&(1..=100).map(f64::from).collect::<Vec<_>>()).with_method(QuantileMethod::InvertedCdf);
        assert_eq!(d.quantile(0.07).unwrap(), dec!(7));
        // Type 7 at p = 0.07: h = 99 × 0.07 = 6.93 → 7 + .93 = 7.93.
        let d = d.with_method(QuantileMethod::Type7);
        assert!(close(q(&d, 0.07), 7.93));
    }

    #[test]
    fn value_at_risk_and_expected_shortfall_by_hand() {
        let d = dist(&TEN);
        // VaR 95 %, type 7: h = 9 × .95 = 8.55 → 100 + .55 × 100 = 155.
        assert!(close(d.value_at_risk(0.95).unwrap().try_into().unwrap(), 155.0));
        assert_eq!(Rounding::default().apply(d.value_at_risk(0.95).unwrap()), dec!(155.00));
        // ES 95 %: m = 10 × .05 = 0.5 → no whole year, half of 200 → 100 / 0.5 = 200.
        assert!(close(d.expected_shortfall_f64(0.95).unwrap(), 200.0));
        // ES 85 %: m = 1.5 → (200 + 0.5 × 100) / 1.5 = 166.666…; VaR = 50 + .65 × 50 = 82.5.
        assert!(close(d.expected_shortfall_f64(0.85).unwrap(), 500.0 / 3.0));
        assert_eq!(Rounding::default().apply(d.expected_shortfall(0.85).unwrap()), dec!(166.67));
        assert!(close(q(&d, 0.85), 82.5));
        // ES 80 %: m = 2 → (200 + 100) / 2 = 150 (1 − .8 = 0.19999999999999996
        // in f64: the boundary weight 0.9999… makes up the second year).
        assert!(close(d.expected_shortfall_f64(0.8).unwrap(), 150.0));
        // ES 75 %: m = 2.5 → (200 + 100 + 0.5 × 50) / 2.5 = 130.
        assert!(close(d.expected_shortfall_f64(0.75).unwrap(), 130.0));
        // ES 50 %: m = 5 → (200 + 100 + 50 + 40 + 30) / 5 = 84.
        assert!(close(d.expected_shortfall_f64(0.5).unwrap(), 84.0));
        // ES 0 = mean = 45; ES 1 = max = 200.
        assert!(close(d.expected_shortfall_f64(0.0).unwrap(), 45.0));
        assert_eq!(d.expected_shortfall(1.0).unwrap(), dec!(200));
        // ES ≥ VaR at every level and method.
        for method in [QuantileMethod::Type7, QuantileMethod::InvertedCdf, QuantileMethod::MedianUnbiased] {
            let d = d.clone().with_method(method);
            for level in [0.0, 0.1, 0.33, 0.5, 0.7, 0.85, 0.9, 0.95, 0.99, 0.999, 1.0] {
                assert!(d.expected_shortfall(level).unwrap() >= d.value_at_risk(level).unwrap());
            }
        }
        assert_eq!(d.expected_shortfall(1.5).unwrap_err().field(), Some("level"));
        assert_eq!(d.value_at_risk(-0.1).unwrap_err().field(), Some("level"));
    }

    #[test]
    fn exceedance_and_zero_probabilities_at_ties() {
        let d = dist(&TEN);
        // 7 of 10 years lose more than 0; 6 more than 10 (10 itself is not "more").
        assert!(close(d.prob_exceeding(0.0), 0.7));
        assert!(close(d.prob_exceeding(9.99), 0.7));
        assert!(close(d.prob_exceeding(10.0), 0.6));
        assert!(close(d.prob_exceeding(100.0), 0.1));
        assert_eq!(d.prob_exceeding(200.0), 0.0);
        assert_eq!(d.prob_exceeding(-1.0), 1.0);
        assert_eq!(d.prob_exceeding(f64::NEG_INFINITY), 1.0);
        assert!(d.prob_exceeding(f64::NAN).is_nan());
        // Three zero years of ten; −0.0 counts as zero.
        assert!(close(d.prob_zero(), 0.3));
        assert!(close(dist(&[-0.0, 0.0, -5.0, 5.0]).prob_zero(), 0.5));
        assert_eq!(dist(&[1.0, 2.0]).prob_zero(), 0.0);
    }

    #[test]
    fn return_periods() {
        let d = dist(&TEN);
        // 1 in 10: Q(.9), h = 8.1 → 100 + .1 × 100 = 110.
        assert_eq!(Rounding::default().apply(d.return_period_loss(10.0).unwrap()), dec!(110.00));
        // 1 in 2: the median, h = 4.5 → 20 + .5 × 10 = 25.
        assert_eq!(d.return_period_loss(2.0).unwrap(), dec!(25));
        // 1 in 1: the minimum; 1 in ∞: the maximum.
        assert_eq!(d.return_period_loss(1.0).unwrap(), dec!(0));
        assert_eq!(d.return_period_loss(f64::INFINITY).unwrap(), dec!(200));
        for bad in [0.5, 0.0, -3.0, f64::NAN] {
            assert_eq!(d.return_period_loss(bad).unwrap_err().field(), Some("years"));
        }
    }

    #[test]
    fn exceedance_curve_is_monotone_and_writes_csv() {
        // 0, 1, …, 999: Q7(p) = 999p.
        let d = dist(&(0..1000).map(f64::from).collect::<Vec<_>>());
        let curve = d.exceedance_curve(0.0);
        let probabilities: Vec<f64> = curve.iter().map(|&(_, q)| q).collect();
        // Down to 1/n = 0.001.
        assert_eq!(probabilities, [0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001]);
        assert!(curve.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 > w[1].1));
        // q = .5 → 999 × .5 = 499.5; q = .01 → 999 × .99 = 989.01.
        assert_eq!(curve[0].0, dec!(499.5));
        assert_eq!(Rounding::default().apply(curve[5].0), dec!(989.01));
        // A floor above 1/n stops earlier; above 0.5 nothing is left.
        assert_eq!(d.exceedance_curve(0.01).len(), 6);
        assert_eq!(d.exceedance_curve(0.05).len(), 4);
        assert!(d.exceedance_curve(0.6).is_empty());
        assert_eq!(d.exceedance_curve(f64::NAN).len(), 9);
        // Ten years: only 0.5, 0.2 and 0.1 are resolved.
        assert_eq!(dist(&TEN).exceedance_curve(0.0).len(), 3);

        let csv = d.to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "exceedance_probability,loss");
        assert_eq!(lines[1], "0.5,499.50");
        // 999 × .8 = 799.2; 999 × .999 = 998.001.
        assert_eq!(lines[2], "0.2,799.20");
        assert_eq!(lines[9], "0.001,998.00");
        assert_eq!(lines.len(), 10);
        assert!(csv.ends_with('\n'));
    }

    #[test]
    fn moments_standard_error_and_mean_interval_by_hand() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 40/8 = 5; Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32;
        // s = √(32/7) = 2.1380899…; se = s/√8 = √(4/7) = 0.7559289…
        let d = dist(&[9.0, 4.0, 2.0, 5.0, 4.0, 7.0, 4.0, 5.0]);
        assert_eq!(d.trials(), 8);
        assert_eq!(d.mean(), dec!(5));
        assert!(close(d.std_dev_f64(), (32.0_f64 / 7.0).sqrt()));
        assert!(close(d.std_error_f64(), (4.0_f64 / 7.0).sqrt()));
        assert_eq!(Rounding::default().apply(d.std_error()), dec!(0.76));
        assert_eq!(Rounding::default().apply(d.std_dev()), dec!(2.14));
        assert_eq!(d.min(), dec!(2));
        assert_eq!(d.max(), dec!(9));
        // 95 %: z = 1.959964 → 5 ± 1.959964 × 0.7559289 = 5 ± 1.4815999.
        let (lo, hi) = d.mean_interval(0.95).unwrap();
        assert_eq!(Rounding::new(4, crate::money::RoundingMode::HalfEven).apply(lo), dec!(3.5184));
        assert_eq!(Rounding::new(4, crate::money::RoundingMode::HalfEven).apply(hi), dec!(6.4816));
        let (lo99, hi99) = d.mean_interval(0.99).unwrap();
        assert!(lo99 < lo && hi99 > hi);
        for bad in [0.0, 1.0, -0.5, 1.5, f64::NAN] {
            assert_eq!(d.mean_interval(bad).unwrap_err().field(), Some("confidence"));
        }
        // One year: no spread.
        let one = dist(&[42.0]);
        assert_eq!(one.std_dev(), dec!(0));
        assert_eq!(one.mean_interval(0.95).unwrap(), (dec!(42), dec!(42)));
        assert_eq!(one.quantile(0.3).unwrap(), dec!(42));
    }

    #[test]
    fn mean_is_bit_reproducible_whatever_the_order() {
        let values: Vec<f64> = (1..=1000).map(|i| f64::from(i) * 0.1 + 1e6 / f64::from(i)).collect();
        let mut reversed = values.clone();
        reversed.reverse();
        let a = dist(&values);
        let b = dist(&reversed);
        assert_eq!(a.mean_f64().to_bits(), b.mean_f64().to_bits());
        assert_eq!(a.std_dev_f64().to_bits(), b.std_dev_f64().to_bits());
        // Compensation: 0.1 ten times is exactly 1 (naive summation gives 0.9999999999999999).
        assert_eq!(dist(&[0.1; 10]).mean_f64(), 0.1);
    }

    #[test]
    fn quantile_interval_contains_the_estimate_and_widens() {
        // 1..=100, p = .5: np = 50, σ = √25 = 5.
        // 95 %: 50 ∓ 1.96 × 5 = 40.2 / 59.8 → ranks 40 and 60 → [40, 60].
        // 99 %: 50 ∓ 2.576 × 5 = 37.12 / 62.88 → ranks 37 and 63 → [37, 63].
        let d = dist(&(1..=100).map(f64::from).collect::<Vec<_>>());
        assert_eq!(d.quantile_interval(0.5, 0.95).unwrap(), (dec!(40), dec!(60)));
        assert_eq!(d.quantile_interval(0.5, 0.99).unwrap(), (dec!(37), dec!(63)));
        let median = d.quantile(0.5).unwrap(); // 50.5
        for p in [0.0, 0.01, 0.3, 0.5, 0.9, 0.99, 1.0] {
            let point = d.quantile(p).unwrap();
            let mut previous = (point, point);
            for c in [0.01, 0.5, 0.8, 0.95, 0.99, 0.999] {
                let (lo, hi) = d.quantile_interval(p, c).unwrap();
                assert!(lo <= point && point <= hi, "p {p} c {c}");
                assert!(lo <= previous.0 && hi >= previous.1, "p {p} c {c}");
                previous = (lo, hi);
            }
        }
        assert!(median > dec!(40) && median < dec!(60));
        // p = 1: σ = 0, both ranks n → [100, 100].
        assert_eq!(d.quantile_interval(1.0, 0.95).unwrap(), (dec!(100), dec!(100)));
        assert_eq!(d.quantile_interval(1.2, 0.95).unwrap_err().field(), Some("p"));
        assert_eq!(d.quantile_interval(0.5, 1.0).unwrap_err().field(), Some("confidence"));
    }

    #[test]
    fn trials_for_precision_by_hand() {
        // s² = 32/7, mean 5; ±10 % at 95 %: (1.959964 × s / 0.5)² = 3.8414588 × 4.5714286 × 4
        // = 70.24… → 71.
        let d = dist(&[9.0, 4.0, 2.0, 5.0, 4.0, 7.0, 4.0, 5.0]);
        assert_eq!(d.trials_for_precision(0.1, 0.95).unwrap(), 71);
        // ±1 %: 100 × 70.24… = 7024.4 → 7025.
        assert_eq!(d.trials_for_precision(0.01, 0.95).unwrap(), 7025);
        // No spread: one year is enough.
        assert_eq!(dist(&[3.0, 3.0]).trials_for_precision(0.01, 0.95).unwrap(), 1);
        // A zero mean has no relative precision.
        assert_eq!(dist(&[-1.0, 1.0]).trials_for_precision(0.1, 0.95).unwrap_err().field(), Some("mean"));
        for bad in [0.0, -0.1, f64::NAN, f64::INFINITY] {
            assert_eq!(d.trials_for_precision(bad, 0.95).unwrap_err().field(), Some("relative_error"));
        }
        assert_eq!(d.trials_for_precision(0.1, 0.0).unwrap_err().field(), Some("confidence"));
        // Beyond u64: overflow, not a panic.
        let spread = dist(&[1e-20, 1e20]);
        assert_eq!(
            spread.trials_for_precision(1e-300, 0.95).unwrap_err(),
            Error::overflow("trials for precision")
        );
    }

    #[test]
    fn rejects_empty_non_finite_and_out_of_range_input() {
        let new = |v: Vec<f64>| LossDistribution::new(v, Currency::USD, 1, Vec::new());
        for bad in
            [vec![], vec![1.0, f64::NAN], vec![f64::INFINITY], vec![f64::NEG_INFINITY, 0.0], vec![2e28]]
        {
            let err = new(bad).unwrap_err();
            assert!(matches!(err, Error::Invalid { .. }));
            assert_eq!(err.field(), Some("losses"));
        }
        assert!(new(vec![-1e28, 1e28]).is_ok());
        let driver = DriverMean::new(DriverKind::Response, Arc::from("ops"), f64::NAN);
        let err = LossDistribution::new(vec![1.0], Currency::USD, 1, vec![driver]).unwrap_err();
        assert_eq!(err.field(), Some("driver_means[0]"));

        let d = dist(&TEN);
        for bad in [-0.01, 1.01, f64::NAN, f64::INFINITY] {
            let err = d.quantile(bad).unwrap_err();
            assert!(matches!(err, Error::Invalid { .. }));
            assert_eq!(err.field(), Some("p"));
        }
    }

    #[test]
    fn extreme_losses_stay_within_decimal() {
        // ±1e28: the spread (s = 2e28/√2 ≈ 1.41e28) and every quantile fit in a Decimal.
        let d = dist(&[-1e28, 1e28]);
        assert!(d.std_dev() > dec!(1.4e28));
        assert_eq!(d.max(), Decimal::from_i128_with_scale(10_i128.pow(28), 0));
        assert!(d.mean_interval(0.95).is_ok());
        let json = serde_json::to_value(&d).unwrap();
        // 29 digits leave no room for cents in a Decimal: written without them.
        assert_eq!(json["max"], "10000000000000000000000000000");
    }

    #[test]
    fn serializes_a_summary() {
        let drivers = vec![
            DriverMean::new(DriverKind::LostSales, Arc::from("web shop"), 30.004),
            DriverMean::new(DriverKind::Response, Arc::from("on call"), 14.996),
        ];
        let d = LossDistribution::new(TEN.to_vec(), Currency::EUR, 42, drivers).unwrap();
        assert_eq!(d.driver_means()[0].name(), "web shop");
        assert_eq!(d.driver_means()[0].kind(), DriverKind::LostSales);
        assert_eq!(d.driver_means()[0].mean(), dec!(30.004));
        assert_eq!(d.seed(), 42);
        assert_eq!(d.currency(), Currency::EUR);
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["trials"], 10);
        assert_eq!(json["seed"], 42);
        assert_eq!(json["currency"], "EUR");
        assert_eq!(json["mean"], "45.00");
        assert_eq!(json["min"], "0.00");
        assert_eq!(json["max"], "200.00");
        // Percentiles: P50 h = 4.5 → 25; P90 → 110; P99.99 → just under 200.
        assert_eq!(json["percentiles"][0], serde_json::json!({"p": "50", "loss": "25.00"}));
        assert_eq!(json["percentiles"][1], serde_json::json!({"p": "90", "loss": "110.00"}));
        assert_eq!(json["percentiles"][5]["p"], "99.99");
        assert_eq!(json["percentiles"].as_array().unwrap().len(), 6);
        // VaR 95 = 155, VaR 99: h = 8.91 → 191; ES 95 = ES 99 = 200.
        assert_eq!(json["value_at_risk"][0], serde_json::json!({"level": "95", "loss": "155.00"}));
        assert_eq!(json["value_at_risk"][1], serde_json::json!({"level": "99", "loss": "191.00"}));
        assert_eq!(json["expected_shortfall"][1], serde_json::json!({"level": "99", "loss": "200.00"}));
        assert_eq!(json["prob_zero"], 0.3);
        assert_eq!(json["return_periods"][0], serde_json::json!({"years": 10, "loss": "110.00"}));
        assert_eq!(json["return_periods"].as_array().unwrap().len(), 5);
        // Driver means rounded half away from zero: 30.004 → 30.00, 14.996 → 15.00.
        assert_eq!(
            json["driver_means"],
            serde_json::json!([
                {"driver": "lost_sales", "name": "web shop", "mean": "30.00"},
                {"driver": "response", "name": "on call", "mean": "15.00"}
            ])
        );
        assert_eq!(json["quantile_method"], "type7");
        assert!(json.get("losses").is_none());
        let json = serde_json::to_value(d.with_method(QuantileMethod::MedianUnbiased)).unwrap();
        assert_eq!(json["quantile_method"], "median_unbiased");
        // Debug shows the summary, not the losses.
        let debug = format!("{:?}", dist(&TEN));
        assert!(debug.contains("trials: 10") && !debug.contains("losses"));
    }

    #[test]
    fn percentiles_list() {
        let d = dist(&(0..1000).map(f64::from).collect::<Vec<_>>());
        let p = d.percentiles();
        let levels: Vec<f64> = p.iter().map(|&(l, _)| l).collect();
        assert_eq!(levels, [0.5, 0.9, 0.95, 0.99, 0.999, 0.9999]);
        // 999 × .95 = 949.05.
        assert_eq!(Rounding::default().apply(p[2].1), dec!(949.05));
        assert!(p.windows(2).all(|w| w[0].1 <= w[1].1));
    }

    fn method() -> impl Strategy<Value = QuantileMethod> {
        prop_oneof![
            Just(QuantileMethod::Type7),
            Just(QuantileMethod::InvertedCdf),
            Just(QuantileMethod::MedianUnbiased)
        ]
    }

    /// Any probability, with the ends and the far tail drawn often.
    fn probability() -> impl Strategy<Value = f64> {
        prop_oneof![
            0.0..=1.0_f64,
            Just(0.0),
            Just(1.0),
            0.99..1.0_f64,
            (1_u32..100).prop_map(|k| f64::from(k) / 100.0)
        ]
    }

    proptest! {
        #[test]
        fn quantiles_monotone_and_bounded_es_above_var(
            losses in prop::collection::vec(
                prop_oneof![Just(0.0), -1e4..1e9_f64, 0.0..1.0_f64, -1e28..1e28_f64], 1..60),
            p1 in probability(),
            p2 in probability(),
            method in method(),
        ) {
            let d = LossDistribution::new(losses, Currency::USD, 0, Vec::new()).unwrap().with_method(method);
            let (lo, hi) = if p1 <= p2 { (p1, p2) } else { (p2, p1) };
            let (qa, qb) = (d.quantile(lo).unwrap(), d.quantile(hi).unwrap());
            prop_assert!(qa <= qb, "Q({lo}) = {qa} > Q({hi}) = {qb}");
            prop_assert!(d.min() <= qa && qb <= d.max());
            prop_assert!(d.min() <= d.mean() && d.mean() <= d.max());
            for level in [lo, hi] {
                let var = d.value_at_risk(level).unwrap();
                let es = d.expected_shortfall(level).unwrap();
                prop_assert!(es >= var && var >= d.min() && es <= d.max(), "level {level}: ES {es} VaR {var}");
            }
            let curve = d.exceedance_curve(0.0);
            prop_assert!(curve.windows(2).all(|w| w[0].0 <= w[1].0));
            let (ilo, ihi) = d.quantile_interval(lo, 0.9).unwrap();
            prop_assert!(ilo <= qa && qa <= ihi);
        }
    }
}

#[cfg(test)]
mod radix_tests {
    use super::sort_losses;

    #[test]
    fn radix_sort_matches_a_comparison_sort() {
        // splitmix64 values scaled to losses of every magnitude, plus ties.
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        let mut v: Vec<f64> = (0..20_000)
            .map(|i| {
                x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = x;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                z ^= z >> 31;
                #[allow(clippy::cast_precision_loss, reason = "a uniform in [0, 1)")]
                let u = (z >> 11) as f64 * 2f64.powi(-53);
                if i % 7 == 0 { 42.5 } else { u * 10f64.powi(i % 12) }
            })
            .collect();
        let mut expected = v.clone();
        expected.sort_unstable_by(f64::total_cmp);
        sort_losses(&mut v);
        assert_eq!(v, expected);
        let mut with_negative = vec![3.0, -1.0, 2.0, -5.0];
        sort_losses(&mut with_negative);
        assert_eq!(with_negative, vec![-5.0, -1.0, 2.0, 3.0]);
    }
}
