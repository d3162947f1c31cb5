//! Durations in scenario files: `"45m"`, `"2h30m"`, `"1.5h"`, ISO 8601
//! `"PT2H30M"`, or a number of seconds; exact conversion to `Decimal`.
//!
//! The API takes [`std::time::Duration`] everywhere. This module reads and
//! writes the text forms and converts a duration to exact decimal seconds.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serializer};
use std::fmt::Write as _;
use std::time::Duration;

use crate::decimal::parse_decimal;
use crate::error::{Error, Result};

const NANOS_PER_SEC: u128 = 1_000_000_000;

/// Exact seconds in `d` as a `Decimal` (nanosecond resolution, no rounding).
///
/// # Example
///
/// ```
/// use downtime_cost::duration::seconds;
/// use rust_decimal::Decimal;
/// use std::time::Duration;
/// assert_eq!(seconds(Duration::from_millis(1500)), Decimal::new(15, 1));
/// ```
#[must_use]
pub fn seconds(d: Duration) -> Decimal {
    if d.subsec_nanos() == 0 {
        return Decimal::from(d.as_secs());
    }
    // secs ≤ 1.8e19 and nanos < 1e9: the 96-bit mantissa holds secs·1e9 + nanos
    // (≤ 1.9e28 < 7.9e28), so this never fails; ZERO is an unreachable fallback.
    let total =
        u128::from(d.as_secs()).saturating_mul(NANOS_PER_SEC).saturating_add(u128::from(d.subsec_nanos()));
    i128::try_from(total)
        .ok()
        .and_then(|t| Decimal::try_from_i128_with_scale(t, 9).ok())
        .map_or(Decimal::ZERO, |v| v.normalize())
}

/// Exact seconds of `ns` nanoseconds (scale 0 when whole).
pub(crate) fn seconds_from_nanos(ns: u128) -> Result<Decimal> {
    let whole = ns.checked_div(1_000_000_000).unwrap_or(0);
    if ns.checked_rem(1_000_000_000) == Some(0) {
        return u64::try_from(whole).map(Decimal::from).map_err(|_| Error::overflow("time"));
    }
    i128::try_from(ns)
        .ok()
        .and_then(|n| Decimal::try_from_i128_with_scale(n, 9).ok())
        .ok_or(Error::overflow("time"))
}

/// The duration of `secs` seconds, rounded to the nanosecond.
///
/// # Errors
///
/// [`Error::Invalid`] (field `duration`) when `secs` is negative or larger
/// than `u64::MAX` seconds.
pub fn from_seconds(secs: Decimal) -> Result<Duration> {
    if secs.is_sign_negative() && !secs.is_zero() {
        return Err(Error::invalid("duration", secs, "must not be negative"));
    }
    let whole = secs.trunc();
    let frac = secs.checked_sub(whole).unwrap_or(Decimal::ZERO);
    let whole: u64 =
        u64::try_from(whole).map_err(|_| Error::invalid("duration", secs, "must be at most 2^64 seconds"))?;
    let nanos = frac
        .checked_mul(Decimal::from(1_000_000_000u32))
        .map(|n| n.round())
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0);
    Ok(Duration::from_secs(whole).saturating_add(Duration::from_nanos(u64::from(nanos))))
}

/// Parses a duration: `"45m"`, `"2h30m"`, `"1.5h"`, `"1d2h"`, `"1w"`,
/// `"90s"`, `"250ms"`, a bare number of seconds (`"5400"`), or ISO 8601
/// (`"PT2H30M"`, `"P1DT2H"`, `"PT0.5S"`). Days are 24 hours, weeks 7 days;
/// ISO years and months are rejected as ambiguous. Whitespace between parts
/// is allowed; the result is rounded to the nanosecond.
///
/// # Errors
///
/// [`Error::Invalid`] (field `duration`) naming the text when it does not
/// parse, is negative or is too large.
///
/// # Example
///
/// ```
/// use downtime_cost::duration::parse;
/// use std::time::Duration;
/// assert_eq!(parse("2h30m")?, Duration::from_secs(9000));
/// assert_eq!(parse("PT2H30M")?, Duration::from_secs(9000));
/// assert_eq!(parse("1.5h")?, Duration::from_secs(5400));
/// assert!(parse("-5m").is_err());
/// # Ok::<(), downtime_cost::Error>(())
/// ```
pub fn parse(text: &str) -> Result<Duration> {
    let bad = |rule| Error::invalid("duration", format!("\"{text}\""), rule);
    let t = text.trim();
    if t.is_empty() {
        return Err(bad("must not be empty"));
    }
    if let Some(v) = parse_decimal(t) {
        return from_seconds(v).map_err(|_| bad("must be a non-negative number of seconds below 2^64"));
    }
    let secs = if let Some(rest) = t.strip_prefix('P').or_else(|| t.strip_prefix('p')) {
        parse_iso(rest).ok_or_else(|| {
            bad("must be an ISO 8601 duration such as PT2H30M (weeks, days, hours, minutes, seconds)")
        })?
    } else {
        parse_units(t).ok_or_else(|| bad("must look like 45m, 2h30m, 1.5h, 90s or PT2H30M"))?
    };
    from_seconds(secs).map_err(|_| bad("must be at most 2^64 seconds"))
}

/// `"2h30m"`-style parts: numbers followed by w, d, h, m, s or ms.
fn parse_units(t: &str) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    let mut rest = t;
    let mut parts = 0u32;
    while !rest.trim_start().is_empty() {
        rest = rest.trim_start();
        let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        if num_len == 0 {
            return None;
        }
        let (num, tail) = rest.split_at(num_len);
        let value = parse_decimal(num)?;
        let tail = tail.trim_start();
        let unit_len = tail.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(tail.len());
        let (unit, after) = tail.split_at(unit_len);
        let factor = unit_seconds(&unit.to_ascii_lowercase())?;
        total = total.checked_add(value.checked_mul(factor)?)?;
        rest = after;
        parts = parts.checked_add(1)?;
    }
    (parts > 0).then_some(total)
}

fn unit_seconds(unit: &str) -> Option<Decimal> {
    Some(match unit {
        "w" | "wk" | "week" | "weeks" => Decimal::from(604_800u32),
        "d" | "day" | "days" => Decimal::from(86_400u32),
        "h" | "hr" | "hrs" | "hour" | "hours" => Decimal::from(3_600u32),
        "m" | "min" | "mins" | "minute" | "minutes" => Decimal::from(60u32),
        "s" | "sec" | "secs" | "second" | "seconds" => Decimal::ONE,
        "ms" => Decimal::new(1, 3),
        _ => return None,
    })
}

/// ISO 8601 duration after the `P`: `[nW][nD][T[nH][nM][nS]]`.
fn parse_iso(rest: &str) -> Option<Decimal> {
    let (date, time) = match rest.find(['T', 't']) {
        Some(i) => (rest.get(..i)?, Some(rest.get(i.checked_add(1)?..)?)),
        None => (rest, None),
    };
    let mut total = Decimal::ZERO;
    let mut any = false;
    for (part, units) in [
        (Some(date), &[('W', 604_800u32), ('D', 86_400)][..]),
        (time, &[('H', 3_600), ('M', 60), ('S', 1)][..]),
    ] {
        let Some(mut s) = part else { continue };
        if part == time && s.is_empty() {
            return None; // "PT" alone
        }
        let mut last_unit = 0usize;
        while !s.is_empty() {
            let idx = s.find(|c: char| c.is_ascii_alphabetic())?;
            let (num, tail) = s.split_at(idx);
            let unit = tail.chars().next()?.to_ascii_uppercase();
            let pos = units.iter().position(|(u, _)| *u == unit)?;
            if pos < last_unit || num.is_empty() {
                return None;
            }
            last_unit = pos.checked_add(1)?;
            let value = parse_decimal(&num.replace(',', "."))?;
            if value.is_sign_negative() {
                return None;
            }
            let factor = units.get(pos)?.1;
            total = total.checked_add(value.checked_mul(Decimal::from(factor))?)?;
            any = true;
            s = tail.get(1..)?;
        }
    }
    any.then_some(total)
}

/// Formats a duration compactly in days, hours, minutes and seconds:
/// `"2h30m"`, `"45m"`, `"3d15h36m"`, `"1h0m12.5s"`, `"0s"` (a day is 24 h).
/// [`parse`] reads the result back exactly.
///
/// # Example
///
/// ```
/// use downtime_cost::duration::format;
/// use std::time::Duration;
/// assert_eq!(format(Duration::from_secs(9000)), "2h30m");
/// assert_eq!(format(Duration::from_millis(90_500)), "1m30.5s");
/// ```
#[must_use]
pub fn format(d: Duration) -> String {
    let secs = d.as_secs();
    let (days, h, m, s) = (secs / 86_400, (secs % 86_400) / 3600, (secs % 3600) / 60, secs % 60);
    let nanos = d.subsec_nanos();
    let mut out = String::new();
    if days > 0 {
        let _ = write!(out, "{days}d");
    }
    let rest = m > 0 || s > 0 || nanos > 0;
    if h > 0 || (days > 0 && rest) {
        let _ = write!(out, "{h}h");
    }
    if m > 0 || ((days > 0 || h > 0) && (s > 0 || nanos > 0)) {
        let _ = write!(out, "{m}m");
    }
    if s > 0 || nanos > 0 {
        if nanos == 0 {
            let _ = write!(out, "{s}s");
        } else {
            let frac = format!("{nanos:09}");
            let _ = write!(out, "{s}.{}s", frac.trim_end_matches('0'));
        }
    }
    if out.is_empty() {
        out.push_str("0s");
    }
    out
}

/// A report's duration read back with its `…_seconds` sibling: `d` when
/// `secs` is exactly its seconds.
///
/// # Errors
///
/// [`Error::Invalid`] naming `field` when the two disagree.
pub(crate) fn paired(d: Duration, field: &'static str, secs: Decimal) -> Result<Duration> {
    if seconds(d) == secs {
        Ok(d)
    } else {
        Err(Error::invalid(field, secs, "must equal the duration beside it, in seconds"))
    }
}

/// [`paired`] for an optional duration: both present and equal, or both null.
///
/// # Errors
///
/// [`Error::Invalid`] naming `field` when the two disagree.
pub(crate) fn paired_option(
    d: Option<Duration>,
    field: &'static str,
    secs: Option<Decimal>,
) -> Result<Option<Duration>> {
    match (d, secs) {
        (Some(d), Some(s)) => paired(d, field, s).map(Some),
        (None, None) => Ok(None),
        (_, s) => Err(Error::invalid(
            field,
            s.map_or_else(|| "null".to_owned(), |s| s.to_string()),
            "must be null exactly when the duration beside it is",
        )),
    }
}

/// Serde adapter for `Duration` fields: writes [`format`], reads [`parse`]
/// text or a number of seconds.
pub(crate) mod wire {
    use super::{Deserialize, Deserializer, Duration, Serializer, format, from_seconds, parse};
    use crate::decimal::NumberOrText;

    pub(crate) fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(*d))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let r = match NumberOrText::deserialize(d)? {
            NumberOrText::Text(t) => parse(&t),
            NumberOrText::Number(n) => from_seconds(n),
        };
        r.map_err(crate::json::reject_value)
    }
}

/// Serde adapter for optional `Duration` fields: `Some` as [`wire`], `None` as null.
pub(crate) mod option_wire {
    use super::{Deserialize, Deserializer, Duration, Serializer};
    use serde::Serialize;

    #[derive(Serialize, Deserialize)]
    struct Text(#[serde(with = "super::wire")] Duration);

    #[allow(clippy::ref_option)] // serde's `with` passes `&Option<T>`
    pub(crate) fn serialize<S: Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
        d.map(Text).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
        Ok(Option::<Text>::deserialize(d)?.map(|t| t.0))
    }
}

/// The JSON Schema of a [`wire`] duration: text such as `"2h30m"` or
/// `"PT2H30M"`, or a number of seconds
/// (`schemars(with = "crate::duration::WireDuration")`).
#[cfg(feature = "schema")]
pub(crate) struct WireDuration;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for WireDuration {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A duration. Written as text in units w, d, h, m, s, ms (\"45m\", \"2h30m\", \"1.5h\"); read from that text, an ISO 8601 duration (\"PT2H30M\") or a non-negative number of seconds.",
            "type": ["string", "number"],
            "minimum": 0
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn p(t: &str) -> Duration {
        parse(t).unwrap()
    }

    #[test]
    fn unit_forms() {
        // 45 min = 2700 s; 2 h 30 min = 7200 + 1800 = 9000 s; 1.5 h = 5400 s.
        assert_eq!(p("45m"), Duration::from_secs(2700));
        assert_eq!(p("2h30m"), Duration::from_secs(9000));
        assert_eq!(p("2h 30m"), Duration::from_secs(9000));
        assert_eq!(p("1.5h"), Duration::from_secs(5400));
        // 1 d 2 h = 86400 + 7200 = 93600 s; 1 w = 604800 s.
        assert_eq!(p("1d2h"), Duration::from_secs(93_600));
        assert_eq!(p("1w"), Duration::from_secs(604_800));
        assert_eq!(p("250ms"), Duration::from_millis(250));
        assert_eq!(p("5400"), Duration::from_secs(5400));
        assert_eq!(p("0"), Duration::ZERO);
    }

    #[test]
    fn iso_forms() {
        assert_eq!(p("PT2H30M"), Duration::from_secs(9000));
        // P1DT2H = 86400 + 7200 = 93600 s.
        assert_eq!(p("P1DT2H"), Duration::from_secs(93_600));
        assert_eq!(p("PT0.5S"), Duration::from_millis(500));
        assert_eq!(p("P2W"), Duration::from_secs(1_209_600));
        assert_eq!(p("pt45m"), Duration::from_secs(2700));
    }

    #[test]
    fn rejects_bad_text() {
        for bad in ["", "-5m", "5x", "h", "PT", "P", "P1Y", "P1M", "PT1M2H", "1h-", "1..5h", "-1", "1e400"] {
            let err = parse(bad).unwrap_err();
            assert_eq!(err.field(), Some("duration"), "{bad:?} gave {err}");
        }
    }

    #[test]
    fn format_round_trips() {
        for secs in [0u64, 1, 59, 60, 61, 3599, 3600, 3601, 9000, 86_400, 1_000_000] {
            let d = Duration::from_secs(secs);
            assert_eq!(p(&format(d)), d, "{secs}");
        }
        let d = Duration::new(3_661, 500_000_000);
        assert_eq!(format(d), "1h1m1.5s");
        assert_eq!(p(&format(d)), d);
    }

    #[test]
    fn exact_seconds() {
        assert_eq!(seconds(Duration::new(3, 250_000_000)), dec!(3.25));
        assert_eq!(seconds(Duration::MAX), dec!(18446744073709551615.999999999));
        assert_eq!(from_seconds(dec!(3.25)).unwrap(), Duration::new(3, 250_000_000));
        assert!(from_seconds(dec!(-1)).is_err());
        assert!(from_seconds(dec!(1e20)).is_err());
    }
}
