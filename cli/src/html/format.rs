//! Formatting for the board report: escaping, money with thousands
//! separators, percents, shares and durations. Nothing here computes a
//! figure; each function only writes a number the report gives.

use downtime_cost::{Availability, Cell, Unit};
use rust_decimal::{Decimal, RoundingStrategy};

/// A no-break space: keeps `USD 1,000` and `99.9 %` on one line.
pub(crate) const NBSP: char = '\u{a0}';

/// `text` escaped for HTML and SVG text and attribute values, with control
/// characters and bidirectional marks shown as escapes (`\u{1b}`, see
/// [`downtime_cost::visible`]): HTML forbids the first, and the second would
/// reorder the page's text around a name.
pub(crate) fn escape(text: &str) -> String {
    let text = downtime_cost::visible(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `1234567.5` → `1,234,568`: whole currency units with thousands
/// separators (a minus sign for negative amounts).
pub(crate) fn amount(x: Decimal) -> String {
    grouped(x.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero), 0)
}

/// An amount with its currency code: `USD 1,234,568`.
pub(crate) fn money(currency: &str, x: Decimal) -> String {
    format!("{currency}{NBSP}{}", amount(x))
}

/// An availability as the report writes it, with a no-break space: `99.95 %`.
pub(crate) fn target(a: Availability) -> String {
    format!("{}{NBSP}%", a.percent_for_display())
}

/// A percent given as a number (`99.95`) as `99.95 %`; an availability's
/// display rounding when it is one.
fn percent(p: Decimal) -> String {
    let shown = Availability::from_percent(p).map_or(p.normalize(), Availability::percent_for_display);
    format!("{shown}{NBSP}%")
}

/// A share in [0, 1] as a percent with up to four significant digits: `0.3` → `30 %`, `0.0005` → `0.05 %`.
fn share(x: f64) -> String {
    let p = x * 100.0;
    if p == 0.0 {
        return format!("0{NBSP}%");
    }
    // Digits after the point for four significant digits, at most 6.
    let magnitude = p.abs().log10().floor();
    let places = (3.0 - magnitude).clamp(0.0, 6.0);
    // `places` is a small whole number in [0, 6].
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let text = format!("{p:.prec$}", prec = places as usize);
    format!("{}{NBSP}%", trim_zeros(&text))
}

/// `12.500` → `12.5`, `3.000` → `3`.
fn trim_zeros(text: &str) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text.to_owned()
    }
}

/// A duration in seconds as `3 d 4 h`, `2 h 6 min`, `5 min 15 s` or `31.5 s`.
fn duration(seconds: Decimal) -> String {
    if seconds < Decimal::from(60) {
        let s = seconds.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero).normalize();
        return format!("{s}{NBSP}s");
    }
    let whole = seconds.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let total: u64 = whole.try_into().unwrap_or(u64::MAX);
    let (d, h, m, s) = (total / 86_400, total % 86_400 / 3600, total % 3600 / 60, total % 60);
    let pair = |a: u64, ua: &str, b: u64, ub: &str| {
        if b == 0 { format!("{a}{NBSP}{ua}") } else { format!("{a}{NBSP}{ua} {b}{NBSP}{ub}") }
    };
    if d > 0 {
        pair(d, "d", h, "h")
    } else if h > 0 {
        pair(h, "h", m, "min")
    } else {
        pair(m, "min", s, "s")
    }
}

/// A plain number: whole numbers grouped (`2,000`), others to two
/// decimals from 1 up and to three significant digits below 1.
fn number(x: Decimal) -> String {
    let x = x.normalize();
    if x.scale() == 0 {
        return grouped(x, 0);
    }
    if x.abs() >= Decimal::ONE {
        return grouped(x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero).normalize(), 2);
    }
    let mut places = 3u32;
    let mut probe = x.abs() * Decimal::from(1000);
    while probe < Decimal::ONE_HUNDRED && places < 12 && !probe.is_zero() {
        probe *= Decimal::TEN;
        places += 1;
    }
    x.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero).normalize().to_string()
}

/// `x` with thousands separators in its integer part (at most `places` decimals shown as they are).
fn grouped(x: Decimal, places: u32) -> String {
    let text = x.abs().round_dp(places).to_string();
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    if x.is_sign_negative() && !x.is_zero() {
        out.push('\u{2212}');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && int.len().saturating_sub(i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A short amount for a chart's labels: `950`, `12k`, `1.09M`, `2.5B`.
pub(crate) fn short(x: f64) -> String {
    let a = x.abs();
    let (v, suffix) = if a >= 1e9 {
        (x / 1e9, "B")
    } else if a >= 1e6 {
        (x / 1e6, "M")
    } else if a >= 1e3 {
        (x / 1e3, "k")
    } else {
        (x, "")
    };
    let text = if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    };
    format!("{}{suffix}", trim_zeros(&text))
}

/// A table cell as the page shows it (already escaped).
pub(crate) fn cell(cell: &Cell, unit: Unit) -> String {
    match (cell, unit) {
        (Cell::Number(d), Unit::Money) => amount(*d),
        (Cell::Number(d), Unit::Percent) => percent(*d),
        (Cell::Number(d), Unit::Seconds) => duration(*d),
        (Cell::Number(d), Unit::Share) => {
            rust_decimal::prelude::ToPrimitive::to_f64(d).map_or_else(|| d.to_string(), share)
        }
        (Cell::Float(x), Unit::Share) => share(*x),
        (Cell::Number(d), _) => number(*d),
        (Cell::Float(x), _) => format!("{x}"),
        (Cell::Text(t), _) => escape(t),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(escape("<a href=\"x\">R&D's</a>"), "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;");
        assert_eq!(amount(Decimal::new(108_766_312, 2)), "1,087,663");
        assert_eq!(amount(Decimal::new(-123_456, 1)), "\u{2212}12,346");
        assert_eq!(amount(Decimal::ZERO), "0");
        assert_eq!(duration(Decimal::from(7560)), "2\u{a0}h 6\u{a0}min");
        assert_eq!(duration(Decimal::from(315_360)), "3\u{a0}d 15\u{a0}h");
        assert_eq!(duration(Decimal::new(3154, 2)), "31.5\u{a0}s");
        assert_eq!(share(0.3), "30\u{a0}%");
        assert_eq!(share(0.0005), "0.05\u{a0}%");
        assert_eq!(number(Decimal::from(2000)), "2,000");
        assert_eq!(number(Decimal::new(41_714, 6)), "0.0417");
        assert_eq!(number(Decimal::new(41_714, 3)), "41.71");
        assert_eq!(short(1_087_663.0), "1.09M");
        assert_eq!(short(561_740.0), "562k");
    }
}
