//! The billing periods of a year: a named year's real months and quarters,
//! or equal slots assessed on the conventions' lengths.

use crate::convention::Conventions;
use crate::decimal::{div, mul};
use crate::error::{Error, Result};
use rust_decimal::Decimal;

/// The billing periods of a year, by kind.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Billing {
    pub(super) month: Vec<BillingSlot>,
    pub(super) quarter: Vec<BillingSlot>,
    pub(super) year: Vec<BillingSlot>,
}

impl Billing {
    pub(super) fn new(
        month_starts: Option<&[u16; 13]>,
        year_seconds: Decimal,
        conventions: Conventions,
    ) -> Result<Self> {
        use crate::convention::Period;
        Ok(Billing {
            month: Self::slots_of(Period::Month, month_starts, year_seconds, conventions)?,
            quarter: Self::slots_of(Period::Quarter, month_starts, year_seconds, conventions)?,
            year: Self::slots_of(Period::Year, month_starts, year_seconds, conventions)?,
        })
    }

    /// The billing periods of `period` (a month, a quarter or a year) in
    /// the year, in order: where each starts, its length, and the length
    /// its availability is assessed on.
    ///
    /// For a named year these are the real months and quarters (assessed
    /// on their own lengths). Otherwise the year is cut into 12, 4 or 1
    /// equal slots, assessed on the conventions' month, quarter or year
    /// (a 30-day month is assessed on 30 days).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `period`) for a period other than a month,
    /// a quarter or a year.
    fn slots_of(
        period: crate::convention::Period,
        month_starts: Option<&[u16; 13]>,
        year_seconds: Decimal,
        conventions: Conventions,
    ) -> Result<Vec<BillingSlot>> {
        use crate::convention::Period;
        let n: usize = match period {
            Period::Month => 12,
            Period::Quarter => 4,
            Period::Year => 1,
            other => return Err(Error::invalid("period", other, "must be a month, a quarter or a year")),
        };
        let day = Decimal::from(86_400);
        if let Some(starts) = month_starts {
            let step = 12usize.checked_div(n).unwrap_or(12);
            let mut out = Vec::with_capacity(n);
            for k in 0..n {
                let a = starts.get(k.saturating_mul(step)).copied().unwrap_or(0);
                let b = starts.get(k.saturating_add(1).saturating_mul(step)).copied().unwrap_or(a);
                let length = mul(Decimal::from(b.saturating_sub(a)), day, "billing period")?;
                out.push(BillingSlot {
                    start: mul(Decimal::from(a), day, "billing period")?,
                    length,
                    assessed: length,
                });
            }
            return Ok(out);
        }
        let assessed = conventions.seconds(period)?;
        let length = div(year_seconds, Decimal::from(n), "billing period")?;
        (0..n)
            .map(|k| {
                Ok(BillingSlot { start: mul(Decimal::from(k), length, "billing period")?, length, assessed })
            })
            .collect()
    }
}

/// One billing period placed in the year (seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BillingSlot {
    /// Its start, from the year's first instant.
    pub(crate) start: Decimal,
    /// Its length in the year.
    pub(crate) length: Decimal,
    /// The length its availability is assessed on.
    pub(crate) assessed: Decimal,
}
