//! Calendar conventions: how long a year, a quarter and a month are.
//!
//! Uptime calculators disagree on these (365 vs 365.25 vs 365.2425-day years,
//! 30-day vs year/12 months), so every conversion between an availability and
//! a downtime budget takes an explicit [`Conventions`].

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::error::{Error, Result};

const DAY: i64 = 86_400;

/// The length of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum YearLength {
    /// 365 days = 31 536 000 s (default; the SRE book, most calculators).
    #[default]
    #[serde(rename = "365")]
    Days365,
    /// 365.2425 days = 31 556 952 s (mean Gregorian year; uptime.is).
    #[serde(rename = "365.2425")]
    Gregorian,
    /// 365.25 days = 31 557 600 s (Julian year; Wikipedia's nines table).
    #[serde(rename = "365.25")]
    Julian,
    /// 366 days = 31 622 400 s: a leap year. A calendar that names a leap
    /// year (`"year": 2024`) uses it.
    #[serde(rename = "366")]
    Days366,
}

impl YearLength {
    /// Seconds in the year.
    #[must_use]
    pub fn seconds(self) -> Decimal {
        match self {
            YearLength::Days365 => Decimal::from(31_536_000i64),
            YearLength::Gregorian => Decimal::from(31_556_952i64),
            YearLength::Julian => Decimal::from(31_557_600i64),
            YearLength::Days366 => Decimal::from(31_622_400i64),
        }
    }

    /// Days in the year (365, 365.2425 or 365.25).
    #[must_use]
    pub fn days(self) -> Decimal {
        match self {
            YearLength::Days365 => Decimal::from(365),
            YearLength::Gregorian => Decimal::new(3_652_425, 4),
            YearLength::Julian => Decimal::new(36_525, 2),
            YearLength::Days366 => Decimal::from(366),
        }
    }
}

/// The length of a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum MonthLength {
    /// A twelfth of the year (default).
    #[default]
    #[serde(rename = "year/12")]
    YearTwelfth,
    /// 30 days = 2 592 000 s (the SRE book, Google CRE, Hyperping).
    #[serde(rename = "30d")]
    Days30,
    /// The actual calendar month (28–31 days), as AWS, Azure and GCP evaluate
    /// monthly SLAs. Where no particular month is named the mean month,
    /// year/12, is used.
    #[serde(rename = "calendar")]
    Calendar,
}

/// The length of a quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum QuarterLength {
    /// A quarter of the year (default).
    #[default]
    #[serde(rename = "year/4")]
    YearQuarter,
    /// 90 days = 7 776 000 s (the SRE book's table).
    #[serde(rename = "90d")]
    Days90,
    /// The actual calendar quarter (90–92 days); where none is named, year/4.
    #[serde(rename = "calendar")]
    Calendar,
}

/// The calendar conventions in force: year, month and quarter lengths.
///
/// Default: 365-day year, month = year/12, quarter = year/4.
///
/// # Example
///
/// ```
/// use downtime_cost::{Conventions, MonthLength, Period, YearLength};
/// use rust_decimal::Decimal;
///
/// let c = Conventions::new().with_year(YearLength::Julian).with_month(MonthLength::Days30);
/// assert_eq!(c.seconds(Period::Year)?, Decimal::from(31_557_600));
/// assert_eq!(c.seconds(Period::Month)?, Decimal::from(2_592_000));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Conventions {
    year: YearLength,
    month: MonthLength,
    quarter: QuarterLength,
}

impl Conventions {
    /// The defaults: 365-day year, month = year/12, quarter = year/4.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the year length.
    #[must_use]
    pub const fn with_year(mut self, year: YearLength) -> Self {
        self.year = year;
        self
    }

    /// Sets the month length.
    #[must_use]
    pub const fn with_month(mut self, month: MonthLength) -> Self {
        self.month = month;
        self
    }

    /// Sets the quarter length.
    #[must_use]
    pub const fn with_quarter(mut self, quarter: QuarterLength) -> Self {
        self.quarter = quarter;
        self
    }

    /// The year length in force.
    #[must_use]
    pub const fn year(&self) -> YearLength {
        self.year
    }

    /// The month length in force.
    #[must_use]
    pub const fn month(&self) -> MonthLength {
        self.month
    }

    /// The quarter length in force.
    #[must_use]
    pub const fn quarter(&self) -> QuarterLength {
        self.quarter
    }

    /// Exact length of `period` in seconds.
    ///
    /// # Formula
    ///
    /// ```text
    /// year    = 365 | 365.2425 | 365.25 days
    /// month   = year / 12 | 30 days | days in the named calendar month
    /// quarter = year / 4  | 90 days | days in the named calendar quarter
    /// week = 604 800 s, day = 86 400 s, hour = 3 600 s
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a calendar month outside 1–12 or a calendar
    /// quarter outside 1–4.
    pub fn seconds(&self, period: Period) -> Result<Decimal> {
        let year = self.year.seconds();
        Ok(match period {
            Period::Year => year,
            Period::Month => match self.month {
                MonthLength::YearTwelfth | MonthLength::Calendar => {
                    crate::decimal::div(year, Decimal::from(12), "month length")?
                }
                MonthLength::Days30 => Decimal::from(30 * DAY),
            },
            Period::Quarter => match self.quarter {
                QuarterLength::YearQuarter | QuarterLength::Calendar => {
                    crate::decimal::div(year, Decimal::from(4), "quarter length")?
                }
                QuarterLength::Days90 => Decimal::from(90 * DAY),
            },
            Period::Week => Decimal::from(7 * DAY),
            Period::Day => Decimal::from(DAY),
            Period::Hour => Decimal::from(3_600),
            Period::CalendarMonth { year, month } => {
                Decimal::from(i64::from(days_in_month(year, month)?).saturating_mul(DAY))
            }
            Period::CalendarQuarter { year, quarter } => {
                if !(1..=4).contains(&quarter) {
                    return Err(Error::invalid("quarter", quarter, "must be between 1 and 4"));
                }
                let first = quarter.saturating_sub(1).saturating_mul(3).saturating_add(1);
                let mut days = 0i64;
                for m in first..first.saturating_add(3) {
                    days = days.saturating_add(i64::from(days_in_month(year, m)?));
                }
                Decimal::from(days.saturating_mul(DAY))
            }
        })
    }
}

/// A period of time whose length the [`Conventions`] decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Period {
    /// A year.
    Year,
    /// A quarter.
    Quarter,
    /// A month.
    Month,
    /// A week (7 days).
    Week,
    /// A day (24 hours).
    Day,
    /// An hour.
    Hour,
    /// A named calendar month of the proleptic Gregorian calendar.
    CalendarMonth {
        /// The year (2024).
        year: i32,
        /// The month, 1–12.
        month: u8,
    },
    /// A named calendar quarter.
    CalendarQuarter {
        /// The year.
        year: i32,
        /// The quarter, 1–4.
        quarter: u8,
    },
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year => f.write_str("year"),
            Period::Quarter => f.write_str("quarter"),
            Period::Month => f.write_str("month"),
            Period::Week => f.write_str("week"),
            Period::Day => f.write_str("day"),
            Period::Hour => f.write_str("hour"),
            Period::CalendarMonth { year, month } => write!(f, "{year}-{month:02}"),
            Period::CalendarQuarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
        }
    }
}

/// Whether `year` (1–9999) is a leap year of the proleptic Gregorian
/// calendar (jiff's civil calendar); `false` outside that range.
#[must_use]
pub fn is_leap_year(year: i32) -> bool {
    i16::try_from(year).ok().and_then(|y| crate::civil::days_in_year(y).ok()) == Some(366)
}

/// Days in a calendar month (28–31).
///
/// # Errors
///
/// [`Error::Invalid`] (field `month`) unless `month` is 1–12, (field `year`)
/// unless `year` is 1–9999.
pub fn days_in_month(year: i32, month: u8) -> Result<u8> {
    if !(1..=12).contains(&month) {
        return Err(Error::invalid("month", month, "must be between 1 and 12"));
    }
    let y = i16::try_from(year).map_err(|_| Error::invalid("year", year, "must be between 1 and 9999"))?;
    crate::civil::days_in_month(y, month)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn year_lengths() {
        // 365 × 86400 = 31 536 000; 365.2425 × 86400 = 31 556 952; 365.25 × 86400 = 31 557 600.
        assert_eq!(YearLength::Days365.seconds(), dec!(31536000));
        assert_eq!(YearLength::Gregorian.seconds(), dec!(31556952));
        assert_eq!(YearLength::Julian.seconds(), dec!(31557600));
        for y in [YearLength::Days365, YearLength::Gregorian, YearLength::Julian] {
            assert_eq!(y.days() * dec!(86400), y.seconds());
        }
    }

    #[test]
    fn months_and_quarters() {
        let c = Conventions::new();
        // 31 536 000 / 12 = 2 628 000 (30.416… days); / 4 = 7 884 000.
        assert_eq!(c.seconds(Period::Month).unwrap(), dec!(2628000));
        assert_eq!(c.seconds(Period::Quarter).unwrap(), dec!(7884000));
        let g = c.with_year(YearLength::Gregorian);
        // 31 556 952 / 12 = 2 629 746 s (uptime.is's month).
        assert_eq!(g.seconds(Period::Month).unwrap(), dec!(2629746));
        let j = c.with_year(YearLength::Julian);
        // 31 557 600 / 12 = 2 629 800 s = 30.4375 days.
        assert_eq!(j.seconds(Period::Month).unwrap(), dec!(2629800));
        let d = c.with_month(MonthLength::Days30).with_quarter(QuarterLength::Days90);
        assert_eq!(d.seconds(Period::Month).unwrap(), dec!(2592000));
        assert_eq!(d.seconds(Period::Quarter).unwrap(), dec!(7776000));
        let cal = c.with_month(MonthLength::Calendar);
        assert_eq!(cal.seconds(Period::Month).unwrap(), dec!(2628000));
    }

    #[test]
    fn calendar_months() {
        let c = Conventions::new();
        let m = |year, month| c.seconds(Period::CalendarMonth { year, month }).unwrap();
        // Feb 2024 (leap) = 29 × 86400 = 2 505 600; Feb 2023 = 28 days = 2 419 200;
        // Feb 1900 is not leap, Feb 2000 is.
        assert_eq!(m(2024, 2), dec!(2505600));
        assert_eq!(m(2023, 2), dec!(2419200));
        assert_eq!(m(1900, 2), dec!(2419200));
        assert_eq!(m(2000, 2), dec!(2505600));
        assert_eq!(m(2024, 1), dec!(2678400));
        assert_eq!(m(2024, 4), dec!(2592000));
        assert!(c.seconds(Period::CalendarMonth { year: 2024, month: 13 }).is_err());
        assert!(c.seconds(Period::CalendarMonth { year: 2024, month: 0 }).is_err());
        // Q1 2024 = 31 + 29 + 31 = 91 days = 7 862 400 s; Q3 = 31+31+30 = 92 days.
        let q = |quarter| c.seconds(Period::CalendarQuarter { year: 2024, quarter }).unwrap();
        assert_eq!(q(1), dec!(7862400));
        assert_eq!(q(3), dec!(7948800));
        assert!(c.seconds(Period::CalendarQuarter { year: 2024, quarter: 5 }).is_err());
    }
}
