//! The report as an Excel workbook: a summary sheet, the scenario's inputs,
//! and one sheet per table of the report, numbers as numeric cells with
//! currency, percent and duration formats.

use downtime_cost::{Cell, Report, Scenario, Unit};
use rust_decimal::prelude::ToPrimitive as _;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::failure::Failure;

/// The workbook's bytes.
pub(crate) fn workbook(scenario: &Scenario, report: &Report) -> Result<Vec<u8>, Failure> {
    let io = |message: String| Failure::Io { path: "workbook".to_owned(), message };
    let text = scenario.to_json().map_err(|e| Failure::Evaluation { error: e })?;
    let document: serde_json::Value = serde_json::from_str(&text).map_err(|e| io(e.to_string()))?;
    build(scenario, &document, report).map_err(|e| io(e.to_string()))
}

/// Cell formats by unit.
struct Formats {
    header: Format,
    money: Format,
    percent: Format,
    share: Format,
    seconds: Format,
}

impl Formats {
    fn new(currency: &str) -> Self {
        Formats {
            header: Format::new().set_bold(),
            // The currency code after the amount, as finance sheets label a column's money.
            money: Format::new().set_num_format(format!("#,##0.00 \"{currency}\"")),
            // Availabilities are stored as fractions (99.95 % is 0.9995) so that Excel's percent
            // arithmetic holds; five decimals show 99.999 %.
            percent: Format::new().set_num_format("0.000##%"),
            share: Format::new().set_num_format("0.00##%"),
            seconds: Format::new().set_num_format("#,##0.###"),
        }
    }
}

fn build(scenario: &Scenario, document: &serde_json::Value, report: &Report) -> Result<Vec<u8>, XlsxError> {
    let currency = scenario.currency().to_string();
    let formats = Formats::new(&currency);
    let mut workbook = Workbook::new();

    let summary = workbook.add_worksheet().set_name("summary")?;
    let cheapest: Vec<String> =
        report.targets().cheapest().map(|r| r.target().to_string()).into_iter().collect();
    let lines = [
        ("scenario", scenario.name().to_owned()),
        ("description", scenario.description().to_owned()),
        ("currency", currency.clone()),
        ("lowest expected outage cost at", cheapest.join(" ")),
        (
            "cheapest total cost of ownership at",
            report
                .decision()
                .map(|d| d.cheapest().iter().map(ToString::to_string).collect::<Vec<_>>().join(" "))
                .unwrap_or_default(),
        ),
    ];
    for (row, (key, value)) in (0u32..).zip(lines) {
        summary.write_string_with_format(row, 0, key, &formats.header)?;
        summary.write_string(row, 1, value)?;
    }
    summary.set_column_width(0, 36)?;

    let inputs = workbook.add_worksheet().set_name("inputs")?;
    inputs.write_string_with_format(0, 0, "input", &formats.header)?;
    inputs.write_string_with_format(0, 1, "value", &formats.header)?;
    let mut leaves = Vec::new();
    flatten(document, String::new(), &mut leaves);
    for (row, (path, value)) in (1u32..).zip(leaves) {
        inputs.write_string(row, 0, &path)?;
        match value {
            serde_json::Value::Number(n) => match n.as_f64() {
                Some(x) => inputs.write_number(row, 1, x)?,
                None => inputs.write_string(row, 1, n.to_string())?,
            },
            serde_json::Value::String(s) => match number(&s) {
                Some(x) => inputs.write_number(row, 1, x)?,
                None => inputs.write_string(row, 1, s)?,
            },
            other => inputs.write_string(row, 1, other.to_string())?,
        };
    }
    inputs.set_column_width(0, 48)?;
    inputs.set_freeze_panes(1, 0)?;

    for table in report.tables().into_iter().filter(|t| !t.is_empty()) {
        let sheet = workbook.add_worksheet().set_name(table.kind().name())?;
        write_table(sheet, &table, &formats)?;
    }
    workbook.save_to_buffer()
}

fn write_table(sheet: &mut Worksheet, table: &downtime_cost::Table, f: &Formats) -> Result<(), XlsxError> {
    for (col, column) in (0u16..).zip(table.columns()) {
        sheet.write_string_with_format(0, col, column.name(), &f.header)?;
        let width = u32::try_from(column.name().len().clamp(10, 40)).unwrap_or(40);
        sheet.set_column_width(col, f64::from(width) + 2.0)?;
    }
    for (row, cells) in (1u32..).zip(table.rows()) {
        for ((col, cell), column) in (0u16..).zip(cells).zip(table.columns()) {
            match cell {
                Cell::Number(d) => {
                    // Every Decimal converts to the nearest f64 (the range of Decimal is inside f64's).
                    let x = d.to_f64().unwrap_or(f64::NAN);
                    match column.unit() {
                        Unit::Money => sheet.write_number_with_format(row, col, x, &f.money)?,
                        Unit::Percent => sheet.write_number_with_format(row, col, x / 100.0, &f.percent)?,
                        Unit::Share => sheet.write_number_with_format(row, col, x, &f.share)?,
                        Unit::Seconds => sheet.write_number_with_format(row, col, x, &f.seconds)?,
                        _ => sheet.write_number(row, col, x)?,
                    };
                }
                Cell::Float(x) => {
                    match column.unit() {
                        Unit::Share => sheet.write_number_with_format(row, col, *x, &f.share)?,
                        _ => sheet.write_number(row, col, *x)?,
                    };
                }
                // Strings are written as strings: Excel never runs them as formulas.
                Cell::Text(t) => {
                    sheet.write_string(row, col, t)?;
                }
                _ => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A number written as text in the scenario (`"1200000"`, `"0.35"`), as a
/// number; `None` (the text stays text) unless the text is the number's own
/// spelling and a binary float holds it exactly as written: `"007"` (a
/// name, say) and `"0.1000000000000000000001"` stay text.
fn number(s: &str) -> Option<f64> {
    let d = s.parse::<rust_decimal::Decimal>().ok()?;
    if d.to_string() != s {
        return None;
    }
    let x = d.to_f64()?;
    // The float's shortest spelling reads back as the same number (1.50 = 1.5).
    (x.to_string().parse::<rust_decimal::Decimal>().ok() == Some(d)).then_some(x)
}

/// Every leaf of a JSON document with its path (`drivers[0].lost_sales.revenue_per_year`).
fn flatten(v: &serde_json::Value, path: String, out: &mut Vec<(String, serde_json::Value)>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                flatten(child, p, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                flatten(child, format!("{path}[{i}]"), out);
            }
        }
        leaf => out.push((path, leaf.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn only_exact_number_spellings_become_numbers() {
        assert_eq!(number("1200000"), Some(1_200_000.0));
        assert_eq!(number("0.35"), Some(0.35));
        assert_eq!(number("-12.5"), Some(-12.5));
        assert_eq!(number("1.50"), Some(1.5));
        // Not the number's own spelling: kept as text.
        assert_eq!(number("007"), None);
        assert_eq!(number("1e3"), None);
        assert_eq!(number("+5"), None);
        // More digits than a binary float keeps: kept as text.
        assert_eq!(number("0.1000000000000000000001"), None);
        assert_eq!(number("12345678901234567890"), None);
        assert_eq!(number("abc"), None);
    }
}
