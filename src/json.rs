//! Reading JSON documents: every error names the JSON path of the value it
//! rejects and where that value sits in the document.
//!
//! A value of the right shape that breaks a rule is rejected inside serde,
//! which carries only a message. So validated types reject through
//! [`reject`] or [`reject_value`]: the structured [`Error`] is kept beside
//! the message for [`read`], which returns it with the path serde reached
//! (from `serde_path_to_error`) and the line and column of the value itself.
//! Nothing is parsed back out of a message.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{Error, Location, Result};

/// How a kept rejection names its field.
enum Rejection {
    /// A value-level type (a fraction, a duration…): its field is a generic
    /// name, replaced by the path where serde found the value.
    Value(Error),
    /// A validated struct: its field is relative to the struct's path.
    Within(Error),
}

thread_local! {
    /// The last rejection and the message serde was given for it.
    static REJECTED: RefCell<Option<(String, Rejection)>> = const { RefCell::new(None) };
}

fn keep<E: serde::de::Error>(message: String, rejection: Rejection) -> E {
    let error = E::custom(&message);
    REJECTED.with(|r| *r.borrow_mut() = Some((message, rejection)));
    error
}

/// Rejects a validated struct being deserialised: serde gets the message,
/// [`read`] the error, whose field is relative to the struct.
pub(crate) fn reject<E: serde::de::Error>(error: Error) -> E {
    keep(error.to_string(), Rejection::Within(error))
}

/// Rejects a value-level type (its field name is replaced by the path).
pub(crate) fn reject_value<E: serde::de::Error>(error: Error) -> E {
    keep(crate::error::value_message(&error), Rejection::Value(error))
}

/// Implements `Deserialize` for a validated type through its wire form:
/// the wire form is read, then `TryFrom` validates it, and a rejection keeps
/// its structured error ([`reject`]).
macro_rules! deserialize_via {
    ($ty:ty, $wire:ty) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let wire = <$wire as serde::Deserialize>::deserialize(d)?;
                <$ty>::try_from(wire).map_err(crate::json::reject)
            }
        }
    };
}
pub(crate) use deserialize_via;

/// Deserialises `json` as `T`. A rule broken while reading is the
/// [`Error::Invalid`] of the rejecting type, its field extended to the full
/// JSON path and located at the value; anything else (malformed JSON, a
/// wrong type, an unknown or missing field) is an [`Error::Document`] with
/// the parser's message and position.
///
/// A leading byte-order mark (U+FEFF, which some Windows editors write at the
/// start of a UTF-8 file) is skipped, as RFC 8259 § 8.1 allows; locations
/// still count from the first character after it. Paths and messages are
/// made safe to show (control characters as escapes, long names cut).
pub(crate) fn read<'de, T: Deserialize<'de>>(json: &'de str) -> Result<T> {
    if json.len() > crate::limits::MAX_DOCUMENT_BYTES {
        return Err(Error::invalid(
            "document",
            format!("{} bytes", json.len()),
            "must be at most 33554432 bytes (32 MiB)",
        ));
    }
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    read_document(json).map_err(|e| match e {
        Error::Document { path, message, location } => Error::Document {
            path: crate::text::shown(&path),
            message: crate::text::shown(&message),
            location,
        },
        Error::Invalid { field, value, rule, location } => {
            Error::Invalid { field: crate::text::shown(&field), value, rule, location }
        }
        other => other,
    })
}

/// [`read`] of a document without a byte-order mark.
fn read_document<'de, T: Deserialize<'de>>(json: &'de str) -> Result<T> {
    REJECTED.with(|r| r.borrow_mut().take());
    let mut de = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = match e.path().to_string() {
            p if p == "?" => ".".to_owned(),
            p => p,
        };
        let inner = e.into_inner();
        let text = inner.to_string();
        let kept = REJECTED.with(|r| r.borrow_mut().take());
        match kept {
            // The kept rejection is this error only when serde passed its message on
            // unchanged (an untagged enum, for one, replaces it with its own).
            Some((message, rejection)) if text.starts_with(&message) => {
                let error = match rejection {
                    Rejection::Value(Error::Invalid { value, rule, .. }) => {
                        Error::Invalid { field: path.clone(), value, rule, location: None }
                    }
                    Rejection::Value(other) | Rejection::Within(other) if other.field().is_some() => {
                        other.within(&path)
                    }
                    // An error without a field (an overflow while validating): where it happened.
                    Rejection::Value(other) | Rejection::Within(other) => {
                        Error::Document { path: path.clone(), message: other.to_string(), location: None }
                    }
                };
                let location = error.field().and_then(|f| locate(json, f));
                error.at(location.or_else(|| position(json, inner.line(), inner.column())))
            }
            _ => {
                let message = match text.rfind(" at line ") {
                    Some(i) => text.get(..i).unwrap_or(&text).to_owned(),
                    None => text,
                };
                Error::Document { path, message, location: position(json, inner.line(), inner.column()) }
            }
        }
    })?;
    de.end().map_err(|e| Error::Document {
        path: ".".to_owned(),
        message: "trailing characters after the document".to_owned(),
        location: position(json, e.line(), e.column()),
    })?;
    Ok(value)
}

/// `value` as pretty-printed JSON.
///
/// # Errors
///
/// [`Error::Document`] if serialisation fails, which no type of this crate
/// does (every map key is a string, every float finite).
pub(crate) fn write<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value).map_err(|e| Error::Document {
        path: ".".to_owned(),
        message: e.to_string(),
        location: None,
    })
}

/// `serde_json`'s position (line 0 when it has none) with its column in
/// characters, as [`Location`] counts them (serde counts bytes).
fn position(json: &str, line: usize, column: usize) -> Option<Location> {
    if line == 0 {
        return None;
    }
    let text = json.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    let chars = text.get(..column.min(text.len())).map_or(column, |before| before.chars().count());
    Some(Location::new(line, chars))
}

/// One step of a JSON path: a member name or an index.
#[derive(Debug, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The steps of a JSON path: `drivers[0].lost_sales.tiers[2]` → drivers, 0,
/// `lost_sales`, tiers, 2. Empty for `.`; `None` for paths this crate does not write.
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        while !rest.is_empty() {
            let (index, tail) = rest.split_once(']')?;
            out.push(Step::Index(index.parse().ok()?));
            rest = tail.strip_prefix('[').unwrap_or(tail);
        }
    }
    Some(out)
}

/// The line and column of the value at `path` in `json`: of the deepest
/// part of the path the document holds (a rule on a field the document
/// left out points at the object that lacks it; `.` at the document).
/// `None` only when `json` is not JSON.
pub(crate) fn locate(json: &str, path: &str) -> Option<Location> {
    // As `read` does: a leading byte-order mark is skipped, and locations count after it.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let steps = steps(path)?;
    let mut value: &RawValue = serde_json::from_str(json).ok()?;
    for step in steps {
        let next = match step {
            Step::Key(key) => serde_json::from_str::<BTreeMap<String, &RawValue>>(value.get())
                .ok()
                .and_then(|members| members.get(key).copied()),
            Step::Index(i) => serde_json::from_str::<Vec<&RawValue>>(value.get())
                .ok()
                .and_then(|items| items.get(i).copied()),
        };
        match next {
            Some(v) => value = v,
            None => break,
        }
    }
    let offset = value.get().as_ptr().addr().checked_sub(json.as_ptr().addr())?;
    let before = json.get(..offset)?;
    let line = before.matches('\n').count().checked_add(1)?;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()).checked_add(1)?;
    Some(Location::new(line, column))
}

/// The JSON Schema of a key that is always written but may be `null`
/// (`schemars(with = "crate::json::Nullable<crate::decimal::WireDecimal>")`):
/// `T` or null, and required. (schemars makes an `Option` field optional,
/// and its `required` attribute drops the null.)
#[cfg(feature = "schema")]
pub(crate) struct Nullable<T>(std::marker::PhantomData<T>);

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Nullable<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Nullable{}", T::schema_name()).into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"anyOf": [generator.subschema_for::<T>(), {"type": "null"}]})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_steps() {
        assert_eq!(
            steps("drivers[0].lost_sales.tiers[2]"),
            Some(vec![
                Step::Key("drivers"),
                Step::Index(0),
                Step::Key("lost_sales"),
                Step::Key("tiers"),
                Step::Index(2)
            ])
        );
        assert_eq!(steps("a[1][2]"), Some(vec![Step::Key("a"), Step::Index(1), Step::Index(2)]));
        assert_eq!(steps("."), Some(vec![]));
        assert_eq!(steps("a[x]"), None);
    }

    #[test]
    fn parser_columns_become_character_columns() {
        // serde_json counts bytes: in `{"é": x}` the `x` is byte 8 but character 7 (é is 2 bytes).
        assert_eq!(position("{\"é\": x}", 1, 8), Some(Location::new(1, 7)));
        assert_eq!(position("{\"a\": x}", 1, 7), Some(Location::new(1, 7)));
        assert_eq!(position("{}", 0, 0), None);
    }

    #[test]
    fn values_are_located_by_path() {
        // Line 3 is `  "b": [1, {"c": 5}]`; `c`'s value 5 is its 18th character.
        let json = "{\n  \"a\": 1,\n  \"b\": [1, {\"c\": 5}]\n}";
        assert_eq!(locate(json, "a"), Some(Location::new(2, 8)));
        assert_eq!(locate(json, "b[1].c"), Some(Location::new(3, 18)));
        // A missing member: the deepest part present.
        assert_eq!(locate(json, "b[1].d"), Some(Location::new(3, 12)));
        assert_eq!(locate(json, "."), Some(Location::new(1, 1)));
        assert_eq!(locate(json, "zz"), Some(Location::new(1, 1)));
        assert_eq!(locate(" \n [true]", "schema"), Some(Location::new(2, 2)));
        assert_eq!(locate("{", "a"), None);
    }
}
