//! The serialized summary of a [`LossDistribution`]: its statistics rounded
//! to cents, not the losses.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use super::quantiles::PERCENTILES;
use super::{DriverMean, LossDistribution, QuantileMethod, cents};
use crate::money::Currency;

/// Tail levels of the serialized summary (value at risk, expected shortfall).
const TAIL_LEVELS: [(f64, &str); 2] = [(0.95, "95"), (0.99, "99")];

/// Return periods (years) of the serialized summary.
const RETURN_PERIODS: [u32; 5] = [10, 20, 50, 100, 250];

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
