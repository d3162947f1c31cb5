//! Rendering a [`Report`]: text tables (`Display`), Markdown and CSV. The
//! report is data; this module only formats it.

mod csv;

pub(crate) use csv::csv_row;
mod doc;
mod sections;

use rust_decimal::Decimal;
use std::fmt;

use super::Report;
use crate::money::Rounding;
use doc::Doc;
pub use doc::Style;

/// A section of a report, in the order the whole report prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Section {
    /// The scenario's name, description, conventions and rounding.
    Header,
    /// The fit of an incident history, when the assumption is fitted.
    Fit,
    /// Each priced outage, and the outages as one year's history.
    Outages,
    /// The downtime each target allows per year, quarter, month, week and day.
    Nines,
    /// The expected annual cost per target and the saving of each step up.
    Targets,
    /// The Monte Carlo per target, when simulated.
    Simulations,
    /// Total cost of ownership per target, when the scenario gives run costs.
    Decision,
    /// The scenario's designs, priced.
    Designs,
    /// The support options compared, when the scenario has some.
    Support,
    /// The tornado table, when analysed.
    Sensitivity,
}

impl Section {
    /// Every section, in the order the whole report prints them.
    pub const ALL: [Section; 10] = [
        Section::Header,
        Section::Fit,
        Section::Outages,
        Section::Nines,
        Section::Targets,
        Section::Simulations,
        Section::Decision,
        Section::Designs,
        Section::Support,
        Section::Sensitivity,
    ];
}

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
    /// The report's `sections` in `style`, in the order given. A section
    /// with nothing to show (no simulation, say) prints nothing; the whole
    /// report is [`Section::ALL`].
    #[must_use]
    pub fn render_sections(&self, sections: &[Section], style: Style) -> String {
        let mut d = Doc::new(style);
        for section in sections {
            match section {
                Section::Header => self.write_header(&mut d),
                Section::Fit => self.write_fit(&mut d),
                Section::Outages => self.write_outages(&mut d),
                Section::Nines => self.write_nines(&mut d),
                Section::Targets => self.write_targets(&mut d),
                Section::Simulations => self.write_simulations(&mut d),
                Section::Decision => self.write_decision(&mut d),
                Section::Designs => self.write_designs(&mut d),
                Section::Support => self.write_support(&mut d),
                Section::Sensitivity => self.write_sensitivity(&mut d),
            }
        }
        d.finish()
    }

    pub(super) fn render(&self, style: Style) -> String {
        self.render_sections(&Section::ALL, style)
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
    fn csv_neutralises_formulas_but_not_numbers() {
        let mut out = String::new();
        let cells = ["=HYPERLINK(\"x\")", "+1+1", "-2+3", "@SUM(A1)", "-12.50", "+7", "Anna", "a=b"];
        csv_row(&mut out, &cells.map(str::to_owned));
        // Text a spreadsheet would evaluate gets a leading apostrophe (then RFC 4180 quoting);
        // signed numbers and text with `=` inside stay as written.
        assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\")\",'+1+1,'-2+3,'@SUM(A1),-12.50,+7,Anna,a=b\r\n");
    }

    #[test]
    fn markdown_escapes_table_characters() {
        assert_eq!(escape("a|b *c*"), "a\\|b \\*c\\*");
        // A character reference would decode to the character it names: `&` is escaped, and `\`.
        assert_eq!(escape("R&D &#x202E; a\\b"), r"R\&D \&#x202E; a\\b");
        let mut d = Doc::new(Style::Markdown);
        d.table(&["x".to_owned(), "y".to_owned()], &[vec!["1".to_owned(), "2".to_owned()]]);
        assert_eq!(d.finish(), "| x | y |\n| --- | ---: |\n| 1 | 2 |\n");
    }
}
