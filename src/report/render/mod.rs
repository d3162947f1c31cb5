//! Rendering a [`Report`]: text tables (`Display`), Markdown and CSV. The
//! report is data; this module only formats it.

mod csv;
mod doc;
mod sections;

use rust_decimal::Decimal;
use std::fmt;

use super::Report;
use crate::money::Rounding;
use doc::Doc;
pub(crate) use doc::Style;

/// `1234567.5` → `1,234,567.50` with the rounding's decimal places.
pub(crate) fn money_text(x: Decimal, rounding: Rounding) -> String {
    // `apply` rescales to exactly the policy's places, so Display shows them all.
    let r = rounding.apply(x);
    let text = r.abs().to_string();
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len().saturating_add(int.len() / 3));
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len().saturating_sub(i)) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if r.is_sign_negative() && !r.is_zero() { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

impl Report {
    pub(super) fn render(&self, style: Style) -> String {
        let mut d = Doc::new(style);
        self.write_header(&mut d);
        self.write_fit(&mut d);
        self.write_outages(&mut d);
        self.write_nines(&mut d);
        self.write_targets(&mut d);
        self.write_simulations(&mut d);
        self.write_decision(&mut d);
        self.write_designs(&mut d);
        self.write_sensitivity(&mut d);
        d.finish()
    }
}

impl fmt::Display for Report {
    /// Readable text tables: each priced outage's breakdown, the downtime
    /// budget per target and the expected annual cost per target.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Style::Text))
    }
}

#[cfg(test)]
mod tests {
    use super::csv::csv_row;
    use super::doc::{escape, wrap};
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("aa bb cc", 6), vec!["aa bb".to_owned(), "cc".to_owned()]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn money_text_groups_thousands() {
        let r = Rounding::default();
        assert_eq!(money_text(dec!(1234567.5), r), "1,234,567.50");
        assert_eq!(money_text(dec!(-1234.005), r), "-1,234.01");
        assert_eq!(money_text(dec!(0), r), "0.00");
        assert_eq!(money_text(dec!(999), r), "999.00");
        assert_eq!(money_text(dec!(1000), Rounding::new(0, crate::money::RoundingMode::HalfEven)), "1,000");
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let mut out = String::new();
        csv_row(&mut out, &["a".to_owned(), "b,c".to_owned(), "say \"hi\"".to_owned()]);
        assert_eq!(out, "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
    }

    #[test]
    fn markdown_escapes_table_characters() {
        assert_eq!(escape("a|b *c*"), "a\\|b \\*c\\*");
        let mut d = Doc::new(Style::Markdown);
        d.table(&["x".to_owned(), "y".to_owned()], &[vec!["1".to_owned(), "2".to_owned()]]);
        assert_eq!(d.finish(), "| x | y |\n| --- | ---: |\n| 1 | 2 |\n");
    }
}
