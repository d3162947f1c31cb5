//! CSV records (RFC 4180, CRLF line ends), formula-safe; the tables are
//! [`super::super::table`]'s.

use std::fmt::Write as _;

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or
/// a carriage return first, as a user's name may start) with a `'` in
/// front, which spreadsheets show as text; numbers (`-12.50`) are left alone.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && crate::decimal::parse_decimal(cell).is_none() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// One CSV record (RFC 4180: fields with commas, quotes or line breaks are
/// quoted; formula-like text is neutralised, see [`neutralised`]).
pub(crate) fn csv_row(out: &mut String, cells: &[String]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let c = neutralised(c);
        if c.contains([',', '"', '\n', '\r']) {
            let _ = write!(out, "\"{}\"", c.replace('"', "\"\""));
        } else {
            out.push_str(&c);
        }
    }
    out.push_str("\r\n");
}
