//! [`DriverMean`]: the mean annual loss of one cost driver over the simulated
//! years.

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use super::{cents, money};
use crate::cost::DriverKind;

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
