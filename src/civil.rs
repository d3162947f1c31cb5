//! A named calendar year of the proleptic Gregorian calendar: its length,
//! the weekday of 1 January, the days on which its months and quarters
//! start, and the dates and date-times users write (`2025-11-28`,
//! `2025-11-28T19:00`), and the days of the week.
//!
//! The civil-date arithmetic is jiff's; this module only converts between
//! jiff's dates and the crate's offsets from the year's first instant.

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::Duration;

use crate::error::{Error, Result};

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs, reason = "the names say it")]
pub enum Weekday {
    #[default]
    #[serde(alias = "mon")]
    Monday,
    #[serde(alias = "tue")]
    Tuesday,
    #[serde(alias = "wed")]
    Wednesday,
    #[serde(alias = "thu")]
    Thursday,
    #[serde(alias = "fri")]
    Friday,
    #[serde(alias = "sat")]
    Saturday,
    #[serde(alias = "sun")]
    Sunday,
}

/// A weekday in JSON: its lower-case name or the name's first three letters
/// (serde's aliases, which a derived schema would leave out).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Weekday {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Weekday".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A day of the week: its lower-case name (\"monday\"), also read as its first three letters (\"mon\").",
            "type": "string",
            "enum": [
                "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                "mon", "tue", "wed", "thu", "fri", "sat", "sun"
            ]
        })
    }
}

impl Weekday {
    /// Days after Monday (Monday = 0, Sunday = 6).
    #[must_use]
    pub const fn days_from_monday(self) -> u8 {
        self as u8
    }

    /// The weekday `days` after Monday (taken modulo 7).
    #[must_use]
    pub const fn from_days_from_monday(days: u8) -> Self {
        match days % 7 {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        })
    }
}

/// Seconds in a day.
pub(crate) const DAY_SECONDS: u64 = 86_400;

/// The earliest calendar year a scenario may name.
pub const MIN_YEAR: i16 = 1;
/// The latest calendar year a scenario may name.
pub const MAX_YEAR: i16 = 9_999;

/// 1 January of `year`.
///
/// # Errors
///
/// [`Error::Invalid`] (field `year`) outside [`MIN_YEAR`]–[`MAX_YEAR`].
pub(crate) fn first_day(year: i16) -> Result<Date> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(Error::invalid("year", year, "must be between 1 and 9999"));
    }
    Date::new(year, 1, 1).map_err(|_| Error::invalid("year", year, "must be between 1 and 9999"))
}

/// Days in `year` (365 or 366).
///
/// # Errors
///
/// As [`first_day`].
pub(crate) fn days_in_year(year: i16) -> Result<u16> {
    Ok(first_day(year)?.days_in_year().unsigned_abs())
}

/// The weekday of 1 January of `year`.
///
/// # Errors
///
/// As [`first_day`].
pub(crate) fn first_weekday(year: i16) -> Result<Weekday> {
    Ok(Weekday::from_days_from_monday(first_day(year)?.weekday().to_monday_zero_offset().unsigned_abs()))
}

/// The 0-based day of the year on which each month starts, then the year's
/// length: `[0, 31, 59 or 60, …, 334 or 335, 365 or 366]`.
///
/// # Errors
///
/// As [`first_day`].
pub(crate) fn month_starts(year: i16) -> Result<[u16; 13]> {
    let first = first_day(year)?;
    let mut starts = [0u16; 13];
    let mut day = 0u16;
    for (month, slot) in (1i8..=12).zip(starts.iter_mut().skip(1)) {
        let days = Date::new(year, month, 1)
            .map_err(|_| Error::invalid("year", year, "must be between 1 and 9999"))?
            .days_in_month()
            .unsigned_abs();
        day = day.saturating_add(u16::from(days));
        *slot = day;
    }
    debug_assert_eq!(i32::from(day), i32::from(first.days_in_year()));
    Ok(starts)
}

/// Days in month `month` (1–12) of `year` (28–31).
///
/// # Errors
///
/// [`Error::Invalid`] (field `month`) unless `month` is 1–12; as
/// [`first_day`] for the year.
pub(crate) fn days_in_month(year: i16, month: u8) -> Result<u8> {
    let m = i8::try_from(month).ok().filter(|m| (1..=12).contains(m));
    let m = m.ok_or_else(|| Error::invalid("month", month, "must be between 1 and 12"))?;
    first_day(year)?;
    Date::new(year, m, 1)
        .map(|d| d.days_in_month().unsigned_abs())
        .map_err(|_| Error::invalid("month", month, "must be between 1 and 12"))
}

/// Reads a date, `2025-11-28`.
///
/// # Errors
///
/// [`Error::Invalid`] (field `date`) for text that is not an ISO 8601
/// calendar date or names a day that does not exist (`2025-02-29`).
pub(crate) fn parse_date(text: &str) -> Result<Date> {
    let d: Date = text.trim().parse().map_err(|_| {
        Error::invalid(
            "date",
            format!("\"{text}\""),
            "must be a date that exists, written YYYY-MM-DD (2025-11-28)",
        )
    })?;
    first_day(d.year())
        .map_err(|_| Error::invalid("date", format!("\"{text}\""), "must be in years 1–9999"))?;
    Ok(d)
}

/// Reads a date-time, `2025-11-28T19:00` (seconds optional), or a date,
/// `2025-11-28`, meaning its midnight.
///
/// # Errors
///
/// [`Error::Invalid`] (field `start`) for text that is neither, or names a
/// day or a time that does not exist (`2025-02-29T10:00`, `T25:00`).
pub(crate) fn parse_date_time(text: &str) -> Result<DateTime> {
    let t = text.trim();
    let parsed: std::result::Result<DateTime, _> = t.parse();
    let dt = match parsed {
        Ok(dt) => dt,
        Err(_) => parse_date(t).map(|d| d.to_datetime(jiff::civil::Time::midnight())).map_err(|_| {
            Error::invalid(
                "start",
                format!("\"{text}\""),
                "must be a date and time that exist, written YYYY-MM-DDTHH:MM (2025-11-28T19:00)",
            )
        })?,
    };
    first_day(dt.year())
        .map_err(|_| Error::invalid("start", format!("\"{text}\""), "must be in years 1–9999"))?;
    Ok(dt)
}

/// Time from the first instant of `year` to `at`.
///
/// # Errors
///
/// [`Error::Invalid`] (field `start`) when `at` is not in `year`.
pub(crate) fn offset_in_year(at: DateTime, year: i16) -> Result<Duration> {
    if at.year() != year {
        return Err(Error::invalid("start", at, "must fall in the calendar's year"));
    }
    let day = u64::from(at.date().day_of_year().unsigned_abs().saturating_sub(1));
    let time = at.time();
    // At most 23 × 3 600 + 59 × 60 + 59 s: no overflow.
    let seconds = (u64::from(time.hour().unsigned_abs()).saturating_mul(3_600))
        .saturating_add(u64::from(time.minute().unsigned_abs()).saturating_mul(60))
        .saturating_add(u64::from(time.second().unsigned_abs()));
    Ok(Duration::new(
        day.saturating_mul(DAY_SECONDS).saturating_add(seconds),
        time.subsec_nanosecond().unsigned_abs(),
    ))
}

/// Days from 1 January of `date`'s year to `date` (0 for 1 January).
pub(crate) fn day_index(date: Date) -> u16 {
    date.day_of_year().unsigned_abs().saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years_and_first_weekdays() {
        // 2024 is a leap year (divisible by 4, not by 100); 1900 is not
        // (divisible by 100, not 400); 2000 is (divisible by 400).
        assert_eq!(days_in_year(2024).unwrap(), 366);
        assert_eq!(days_in_year(2025).unwrap(), 365);
        assert_eq!(days_in_year(1900).unwrap(), 365);
        assert_eq!(days_in_year(2000).unwrap(), 366);
        // 1 January 2025 was a Wednesday, 2024 a Monday, 2026 a Thursday.
        assert_eq!(first_weekday(2025).unwrap(), Weekday::Wednesday);
        assert_eq!(first_weekday(2024).unwrap(), Weekday::Monday);
        assert_eq!(first_weekday(2026).unwrap(), Weekday::Thursday);
        assert!(first_day(0).is_err());
        assert!(first_day(10_000).is_err());
    }

    #[test]
    fn month_starts_by_hand() {
        // 2025: Jan 31, Feb 28, Mar 31 → March starts on day 59, April on 90; the year has 365.
        let m = month_starts(2025).unwrap();
        assert_eq!((m[0], m[1], m[2], m[3], m[12]), (0, 31, 59, 90, 365));
        // 2024: February has 29 days → March starts on day 60; 366 days.
        let l = month_starts(2024).unwrap();
        assert_eq!((l[2], l[3], l[12]), (60, 91, 366));
        assert_eq!(days_in_month(2025, 2).unwrap(), 28);
        assert_eq!(days_in_month(2024, 2).unwrap(), 29);
        assert!(days_in_month(2025, 13).is_err());
    }

    #[test]
    fn dates_and_offsets() {
        // 2025-11-28T19:00: day of year 332 (Jan 1 = 1), so 331 days and 19 h after 1 January.
        let at = parse_date_time("2025-11-28T19:00").unwrap();
        assert_eq!(offset_in_year(at, 2025).unwrap(), Duration::from_secs(331 * 86_400 + 19 * 3_600));
        // A date alone is its midnight.
        let d = parse_date_time("2025-02-10").unwrap();
        assert_eq!(offset_in_year(d, 2025).unwrap(), Duration::from_secs(40 * 86_400));
        // Days that do not exist, and the wrong year.
        let e = parse_date_time("2025-02-29T10:00").unwrap_err();
        assert_eq!(e.field(), Some("start"));
        assert!(parse_date("2025-02-29").is_err());
        assert!(parse_date_time("2025-11-28T25:00").is_err());
        assert!(offset_in_year(at, 2024).is_err());
    }
}
