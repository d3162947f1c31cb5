//! JSON Schemas (draft 2020-12) of the scenario and report documents,
//! generated from the types that read and write them (feature `schema`).
//!
//! The schemas describe what [`Scenario::from_json`] and
//! [`Report::from_json`] accept: every document the crate writes
//! validates, so a report schema also describes what [`Report::to_json`]
//! writes. They state the shape of a document (objects, required and
//! unknown fields, enumerations, the tags of each form) and the rules JSON
//! Schema can say cheaply (bounds on numbers); value rules on text forms
//! (a share written `"30%"` is at most 1, durations are `"2h30m"`) are in
//! each part's `description`. Reading a document still checks every rule:
//! a document that validates may be rejected by a rule the schema only
//! describes, never the other way round.
//!
//! The same text is checked in under `schema/` in the repository, and a
//! test fails when it differs from what these functions generate.
//!
//! ```
//! use downtime_cost::schema::{SchemaKind, scenario_schema, schema_json};
//!
//! let schema = scenario_schema();
//! assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert_eq!(schema["$id"], SchemaKind::Scenario.id());
//! assert!(schema_json(SchemaKind::Report).ends_with("}\n"));
//! ```
//!
//! [`Scenario::from_json`]: crate::scenario::Scenario::from_json
//! [`Report::from_json`]: crate::report::Report::from_json
//! [`Report::to_json`]: crate::report::Report::to_json

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

use crate::report::Report;
use crate::scenario::{SCHEMA_VERSION, Scenario};

/// A document that has a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SchemaKind {
    /// A scenario document ([`Scenario::from_json`](crate::scenario::Scenario::from_json)).
    Scenario,
    /// A report document ([`Report::to_json`](crate::report::Report::to_json)).
    Report,
}

impl SchemaKind {
    /// Every kind, scenario first.
    pub const ALL: [SchemaKind; 2] = [SchemaKind::Scenario, SchemaKind::Report];

    /// The file name the schema is checked in and published under:
    /// `scenario.schema.json`, `report.schema.json`.
    #[must_use]
    pub const fn file_name(self) -> &'static str {
        match self {
            SchemaKind::Scenario => "scenario.schema.json",
            SchemaKind::Report => "report.schema.json",
        }
    }

    /// The schema's `$id`: a stable identifier, not a download address.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            SchemaKind::Scenario => "https://downtime-cost.invalid/schema/v1/scenario.schema.json",
            SchemaKind::Report => "https://downtime-cost.invalid/schema/v1/report.schema.json",
        }
    }

    const fn title(self) -> &'static str {
        match self {
            SchemaKind::Scenario => "downtime-cost scenario",
            SchemaKind::Report => "downtime-cost report",
        }
    }

    const fn description(self) -> &'static str {
        match self {
            SchemaKind::Scenario => {
                "A scenario document (schema version 1): a business (currency, calendar, cost drivers), \
                 the outages to price, the outage assumption for targets and the targets to compare. \
                 Amounts are decimal text or numbers, shares are fractions or percents, durations are \
                 text such as \"2h30m\" or seconds. Unknown fields are rejected. Reading a scenario also \
                 checks the rules each part's description states."
            }
            SchemaKind::Report => {
                "A report document (schema version 1): a scenario evaluated, every amount rounded once \
                 by the scenario's rounding policy and written as decimal text; what Report::to_json \
                 writes and Report::from_json reads back."
            }
        }
    }
}

/// The JSON Schema of a scenario document.
#[must_use]
pub fn scenario_schema() -> Value {
    schema(SchemaKind::Scenario)
}

/// The JSON Schema of a report document.
#[must_use]
pub fn report_schema() -> Value {
    schema(SchemaKind::Report)
}

/// The JSON Schema of `kind`'s document.
#[must_use]
pub fn schema(kind: SchemaKind) -> Value {
    let generator = SchemaSettings::draft2020_12().for_deserialize().into_generator();
    let root = match kind {
        SchemaKind::Scenario => generator.into_root_schema_for::<Scenario>(),
        SchemaKind::Report => generator.into_root_schema_for::<Report>(),
    };
    let mut value = root.to_value();
    if let Value::Object(map) = &mut value {
        map.insert("$id".to_owned(), Value::from(kind.id()));
        map.insert("title".to_owned(), Value::from(kind.title()));
        map.insert("description".to_owned(), Value::from(kind.description()));
        if let Some(Value::Object(properties)) = map.get_mut("properties") {
            properties.insert(
                "schema".to_owned(),
                serde_json::json!({
                    "description": "The document's schema version.",
                    "const": SCHEMA_VERSION
                }),
            );
        }
    }
    tidy(&mut value);
    value
}

/// The schema of `kind` as the text checked in under `schema/`:
/// pretty-printed JSON with sorted keys, ending in a newline.
#[must_use]
pub fn schema_json(kind: SchemaKind) -> String {
    format!("{:#}\n", schema(kind))
}

/// Sorts every object's keys (the text does not depend on `serde_json`'s
/// `preserve_order`) and turns rustdoc in descriptions into plain text.
fn tidy(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(text)) = map.get_mut("description") {
                *text = plain(text);
            }
            map.values_mut().for_each(tidy);
            sort(map);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

fn sort(map: &mut Map<String, Value>) {
    let mut entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    map.extend(entries);
}

/// A doc comment as a description: its text before the first section
/// (`# Example`, `# Errors`…), code blocks dropped, intra-doc links as
/// their code text (`` [`Curve::non_increasing`] `` → `` `Curve::non_increasing` ``).
fn plain(doc: &str) -> String {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if line.starts_with("# ") {
            break;
        }
        out.push(line);
    }
    unlink(&reflow(&out))
}

/// Doc lines as text: the lines of a paragraph joined by spaces, paragraphs
/// and list items on lines of their own.
fn reflow(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if t.starts_with("- ") || t.starts_with("* ") {
            if !out.is_empty() {
                out.push('\n');
            }
        } else if !out.is_empty() {
            out.push(' ');
        }
        blank = false;
        out.push_str(t);
    }
    out
}

/// `` [`X`] `` → `` `X` ``, and `` [`X`](target) `` → `` `X` ``.
fn unlink(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[`") {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let inner = from.get(1..).unwrap_or_default();
        let Some(end) = inner.find("`]") else {
            out.push('[');
            rest = inner;
            continue;
        };
        out.push_str(inner.get(..end.saturating_add(1)).unwrap_or_default());
        let mut after = inner.get(end.saturating_add(2)..).unwrap_or_default();
        if after.starts_with('(')
            && let Some(close) = after.find(')')
        {
            after = after.get(close.saturating_add(1)..).unwrap_or_default();
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustdoc_becomes_plain_text() {
        assert_eq!(
            plain("A curve ([`Curve::non_increasing`]).\n\n# Example\n\n```\nlet x = 1;\n```"),
            "A curve (`Curve::non_increasing`)."
        );
        assert_eq!(plain("See [`Rounding`](crate::Rounding) and [x]."), "See `Rounding` and [x].");
        assert_eq!(plain("```text\ncost = R\n```\nThe cost."), "The cost.");
        assert_eq!(
            plain("One\nparagraph.\n\nA list:\n\n- first,\n  still first;\n- second."),
            "One paragraph.\n\nA list:\n\n- first, still first;\n- second."
        );
    }

    #[test]
    fn keys_are_sorted() {
        let mut v = serde_json::json!({"b": 1, "a": {"d": 1, "c": [{"f": 1, "e": 2}]}});
        tidy(&mut v);
        assert_eq!(v.to_string(), r#"{"a":{"c":[{"e":2,"f":1}],"d":1},"b":1}"#);
    }
}
