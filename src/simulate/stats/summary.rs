//! [`LossSummary`]: the statistics of a [`LossDistribution`] rounded to
//! cents, as data that serialises and reads back; a distribution
//! serialises as its summary, not the losses.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize, Serializer};

use super::quantiles::PERCENTILES;
use super::{DriverMean, LossDistribution, QuantileMethod, cents};
use crate::cost::DriverKind;
use crate::money::Currency;

/// Tail levels of the summary (value at risk, expected shortfall).
const TAIL_LEVELS: [(f64, &str); 2] = [(0.95, "95"), (0.99, "99")];

/// Return periods (years) of the summary.
const RETURN_PERIODS: [u32; 5] = [10, 20, 50, 100, 250];

/// The rarest exceedance probability of the summary's loss exceedance curve.
pub const SUMMARY_MIN_EXCEEDANCE: f64 = 1e-4;

/// A loss at a level: a percentile (`"99"`: P99), a tail level (`"99"`:
/// value at risk or expected shortfall at 99 %).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LevelLoss {
    level: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    loss: Decimal,
}

impl LevelLoss {
    /// The level in percent, as written (`"99.9"`).
    #[must_use]
    pub fn level(&self) -> &str {
        &self.level
    }

    /// The loss (money a year, cents).
    #[must_use]
    pub const fn loss(&self) -> Decimal {
        self.loss
    }
}

/// The loss exceeded once in `years` years on average: the `1 − 1/years` quantile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReturnPeriodLoss {
    years: u32,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    loss: Decimal,
}

impl ReturnPeriodLoss {
    /// The return period in years.
    #[must_use]
    pub const fn years(&self) -> u32 {
        self.years
    }

    /// The loss (money a year, cents).
    #[must_use]
    pub const fn loss(&self) -> Decimal {
        self.loss
    }
}

/// One point of the loss exceedance curve: the annual loss exceeded with
/// probability `probability`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExceedancePoint {
    probability: f64,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    loss: Decimal,
}

impl ExceedancePoint {
    /// The exceedance probability (0.5, 0.2, 0.1, 0.05, …).
    #[must_use]
    pub const fn probability(&self) -> f64 {
        self.probability
    }

    /// The loss (money a year, cents).
    #[must_use]
    pub const fn loss(&self) -> Decimal {
        self.loss
    }
}

/// One driver's mean annual loss (cents).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DriverLoss {
    driver: DriverKind,
    name: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    mean: Decimal,
}

impl DriverLoss {
    /// Which kind of driver.
    #[must_use]
    pub const fn kind(&self) -> DriverKind {
        self.driver
    }

    /// The driver's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its mean annual loss.
    #[must_use]
    pub const fn mean(&self) -> Decimal {
        self.mean
    }
}

/// The statistics of a simulated annual loss distribution, amounts rounded
/// to cents ([`crate::Rounding::default`]): what a report keeps of a
/// [`LossDistribution`], and what the distribution serialises as.
///
/// Fields (JSON): `trials`, `seed`, `currency`, `mean`, `std_error`,
/// `std_dev`, `min`, `max`, `percentiles` (`[{"p": "50", "loss": "…"}, …]`
/// for P50, P90, P95, P99, P99.9, P99.99), `value_at_risk` and
/// `expected_shortfall` (`[{"level": "95", "loss": "…"}, {"level": "99", …}]`),
/// `prob_zero`, `return_periods` (`[{"years": 10, "loss": "…"}, …]` for 10,
/// 20, 50, 100 and 250 years), `exceedance_curve` (`[{"probability": 0.5,
/// "loss": "…"}, …]` down to 10⁻⁴ or 1/trials), `driver_means`
/// (`[{"driver": …, "name": …, "mean": "…"}]`) and `quantile_method`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LossSummary {
    trials: u64,
    seed: u64,
    currency: Currency,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    mean: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    std_error: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    std_dev: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    min: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    max: Decimal,
    percentiles: Vec<LevelLoss>,
    value_at_risk: Vec<LevelLoss>,
    expected_shortfall: Vec<LevelLoss>,
    prob_zero: f64,
    return_periods: Vec<ReturnPeriodLoss>,
    exceedance_curve: Vec<ExceedancePoint>,
    driver_means: Vec<DriverLoss>,
    quantile_method: QuantileMethod,
}

impl LossSummary {
    /// The summary of `d`.
    #[must_use]
    pub fn new(d: &LossDistribution) -> Self {
        let levels = |list: &[(f64, &str)], f: &dyn Fn(f64) -> f64| -> Vec<LevelLoss> {
            list.iter().map(|&(p, label)| LevelLoss { level: label.to_owned(), loss: cents(f(p)) }).collect()
        };
        LossSummary {
            trials: d.trials(),
            seed: d.seed,
            currency: d.currency,
            mean: cents(d.mean),
            std_error: cents(d.std_error_f64()),
            std_dev: cents(d.std_dev),
            min: cents(d.min_f64()),
            max: cents(d.max_f64()),
            percentiles: levels(&PERCENTILES, &|p| d.quantile_unchecked(p)),
            value_at_risk: levels(&TAIL_LEVELS, &|p| d.quantile_unchecked(p)),
            expected_shortfall: levels(&TAIL_LEVELS, &|p| d.expected_shortfall_unchecked(p)),
            prob_zero: d.prob_zero(),
            return_periods: RETURN_PERIODS
                .iter()
                .map(|&years| ReturnPeriodLoss {
                    years,
                    loss: cents(d.quantile_unchecked(1.0 - 1.0 / f64::from(years))),
                })
                .collect(),
            exceedance_curve: d
                .exceedance_curve(SUMMARY_MIN_EXCEEDANCE)
                .into_iter()
                .map(|(loss, probability)| ExceedancePoint {
                    probability,
                    loss: crate::money::Rounding::default().apply(loss),
                })
                .collect(),
            driver_means: d
                .drivers
                .iter()
                .map(|m: &DriverMean| DriverLoss {
                    driver: m.kind(),
                    name: m.name().to_owned(),
                    mean: cents(m.mean_f64()),
                })
                .collect(),
            quantile_method: d.method,
        }
    }

    /// The same summary with every amount rounded by `rounding` (a report's
    /// policy; the summary itself is in cents).
    #[must_use]
    pub fn rounded(&self, rounding: crate::money::Rounding) -> Self {
        let r = |x: Decimal| rounding.apply(x);
        let levels = |v: &[LevelLoss]| -> Vec<LevelLoss> {
            v.iter().map(|l| LevelLoss { level: l.level.clone(), loss: r(l.loss) }).collect()
        };
        LossSummary {
            mean: r(self.mean),
            std_error: r(self.std_error),
            std_dev: r(self.std_dev),
            min: r(self.min),
            max: r(self.max),
            percentiles: levels(&self.percentiles),
            value_at_risk: levels(&self.value_at_risk),
            expected_shortfall: levels(&self.expected_shortfall),
            return_periods: self
                .return_periods
                .iter()
                .map(|p| ReturnPeriodLoss { years: p.years, loss: r(p.loss) })
                .collect(),
            exceedance_curve: self
                .exceedance_curve
                .iter()
                .map(|p| ExceedancePoint { probability: p.probability, loss: r(p.loss) })
                .collect(),
            driver_means: self
                .driver_means
                .iter()
                .map(|d| DriverLoss { driver: d.driver, name: d.name.clone(), mean: r(d.mean) })
                .collect(),
            ..self.clone()
        }
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

    /// The currency.
    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// The mean annual loss.
    #[must_use]
    pub const fn mean(&self) -> Decimal {
        self.mean
    }

    /// The standard error of the mean, `s / √n`.
    #[must_use]
    pub const fn std_error(&self) -> Decimal {
        self.std_error
    }

    /// The sample standard deviation.
    #[must_use]
    pub const fn std_dev(&self) -> Decimal {
        self.std_dev
    }

    /// The smallest simulated annual loss.
    #[must_use]
    pub const fn min(&self) -> Decimal {
        self.min
    }

    /// The largest simulated annual loss.
    #[must_use]
    pub const fn max(&self) -> Decimal {
        self.max
    }

    /// P50, P90, P95, P99, P99.9 and P99.99.
    #[must_use]
    pub fn percentiles(&self) -> &[LevelLoss] {
        &self.percentiles
    }

    /// The percentile `level` (`"99"`), if the summary has it.
    #[must_use]
    pub fn percentile(&self, level: &str) -> Option<Decimal> {
        self.percentiles.iter().find(|l| l.level == level).map(LevelLoss::loss)
    }

    /// Value at risk at 95 % and 99 %.
    #[must_use]
    pub fn value_at_risk(&self) -> &[LevelLoss] {
        &self.value_at_risk
    }

    /// Expected shortfall at 95 % and 99 %.
    #[must_use]
    pub fn expected_shortfall(&self) -> &[LevelLoss] {
        &self.expected_shortfall
    }

    /// The expected shortfall at `level` (`"99"`), if the summary has it.
    #[must_use]
    pub fn expected_shortfall_at(&self, level: &str) -> Option<Decimal> {
        self.expected_shortfall.iter().find(|l| l.level == level).map(LevelLoss::loss)
    }

    /// The share of years with no loss.
    #[must_use]
    pub const fn prob_zero(&self) -> f64 {
        self.prob_zero
    }

    /// Losses at return periods of 10, 20, 50, 100 and 250 years.
    #[must_use]
    pub fn return_periods(&self) -> &[ReturnPeriodLoss] {
        &self.return_periods
    }

    /// The loss exceedance curve, 1–2–5 per decade from 0.5 down to
    /// 10⁻⁴ (or 1/trials).
    #[must_use]
    pub fn exceedance_curve(&self) -> &[ExceedancePoint] {
        &self.exceedance_curve
    }

    /// Each driver's mean annual loss.
    #[must_use]
    pub fn driver_means(&self) -> &[DriverLoss] {
        &self.driver_means
    }

    /// How quantiles were read between order statistics.
    #[must_use]
    pub const fn quantile_method(&self) -> QuantileMethod {
        self.quantile_method
    }
}

impl Serialize for LossDistribution {
    /// The [`LossSummary`].
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        LossSummary::new(self).serialize(s)
    }
}
