//! The crate's one error type.

use std::fmt;

/// The result type of every fallible operation in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong: invalid input, overflow, a bad scenario document.
///
/// Variants are structured: they name the field (a JSON path such as
/// `drivers[2].brand_impact.churn[1]` once a scenario has been read), the
/// rejected value and the rule it broke. No third-party error type appears in
/// this enum, so upgrading a dependency never changes it.
///
/// # Example
///
/// ```
/// use downtime_cost::{Error, Fraction};
/// use rust_decimal::Decimal;
///
/// let err = Fraction::new(Decimal::new(17, 1)).unwrap_err();
/// assert!(matches!(err, Error::Invalid { .. }));
/// assert_eq!(err.to_string(), "fraction must be between 0 and 1, got 1.7");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A value broke a validation rule.
    #[error("{field} {rule}, got {value}{}", at(.location.as_ref()))]
    Invalid {
        /// The parameter or JSON path of the rejected value.
        field: String,
        /// The rejected value, as the caller wrote it, with control characters
        /// and bidirectional marks shown as escapes (`\u{1b}`) and cut after
        /// 400 characters (the number left out said).
        value: String,
        /// The rule it broke, phrased to follow the field name
        /// (`must be between 0 and 1`).
        rule: &'static str,
        /// Where the value sits in the document it was read from; `None`
        /// for a value passed to a constructor.
        location: Option<Location>,
    },
    /// Exact decimal arithmetic left the range of `Decimal` (about ±7.9 × 10²⁸)
    /// or divided by zero.
    #[error("arithmetic overflow in {operation}")]
    Overflow {
        /// What was being computed (`lost_sales.revenue`).
        operation: &'static str,
    },
    /// Two amounts in different currencies were combined.
    #[error("currency mismatch: expected {expected}, got {found}")]
    CurrencyMismatch {
        /// The model's currency.
        expected: String,
        /// The currency that was supplied.
        found: String,
    },
    /// A document could not be read as JSON of the expected shape:
    /// malformed JSON, a wrong type, an unknown or missing field. (A value of
    /// the right shape that breaks a rule is [`Error::Invalid`], with its
    /// location.)
    #[error("{path}: {message}{}", at(.location.as_ref()))]
    Document {
        /// JSON path of the offending field (`drivers[0].lost_sales`),
        /// `.` for the document root.
        path: String,
        /// What is wrong, in the JSON parser's words.
        message: String,
        /// Where the parser stopped; `None` when the document was not
        /// parsed (a value produced by this crate failed to serialise).
        location: Option<Location>,
    },
    /// The scenario declares a schema version this crate does not read.
    #[error("unsupported scenario schema {found}: this version reads schema {supported}")]
    UnsupportedSchema {
        /// The version found in the document.
        found: u64,
        /// The version this crate reads.
        supported: u64,
    },
}

/// A position in a document: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    line: usize,
    column: usize,
}

impl Location {
    /// Line `line`, column `column` (both 1-based).
    #[must_use]
    pub const fn new(line: usize, column: usize) -> Self {
        Location { line, column }
    }

    /// The 1-based line.
    #[must_use]
    pub const fn line(self) -> usize {
        self.line
    }

    /// The 1-based column, in characters.
    #[must_use]
    pub const fn column(self) -> usize {
        self.column
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// ` (line 3, column 7)`, or nothing.
fn at(location: Option<&Location>) -> String {
    location.map(|l| format!(" ({l})")).unwrap_or_default()
}

impl Error {
    /// An [`Error::Invalid`] for `field` with the rejected `value` and the `rule`.
    pub(crate) fn invalid(field: impl Into<String>, value: impl fmt::Display, rule: &'static str) -> Self {
        Error::Invalid {
            field: field.into(),
            value: crate::text::shown(&value.to_string()),
            rule,
            location: None,
        }
    }

    /// An [`Error::Overflow`] in `operation`.
    pub(crate) const fn overflow(operation: &'static str) -> Self {
        Error::Overflow { operation }
    }

    /// Prefixes the field path with `parent` (`share` within `drivers[1]`
    /// becomes `drivers[1].share`), so errors from nested values name their
    /// full location.
    #[must_use]
    pub fn within(self, parent: &str) -> Self {
        match self {
            Error::Invalid { field, value, rule, location } => {
                Error::Invalid { field: join_path(parent, &field), value, rule, location }
            }
            Error::Document { path, message, location } => {
                Error::Document { path: join_path(parent, &path), message, location }
            }
            other => other,
        }
    }

    /// The same error located at `location` in its document (no change for
    /// errors without a field).
    #[must_use]
    pub(crate) fn at(self, location: Option<Location>) -> Self {
        match self {
            Error::Invalid { field, value, rule, .. } => Error::Invalid { field, value, rule, location },
            Error::Document { path, message, .. } => Error::Document { path, message, location },
            other => other,
        }
    }

    /// Where in its document the rejected value sits, when the error came
    /// from reading one.
    #[must_use]
    pub const fn location(&self) -> Option<Location> {
        match self {
            Error::Invalid { location, .. } | Error::Document { location, .. } => *location,
            _ => None,
        }
    }

    /// The field path this error names, if it names one.
    #[must_use]
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::Document { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// The message a value-level type (a fraction, a duration…) gives serde when
/// it rejects a value: the rule and the value, without a field name, since
/// serde's path already names the field.
pub(crate) fn value_message(e: &Error) -> String {
    match e {
        Error::Invalid { value, rule, .. } => format!("{rule}, got {value}"),
        other => other.to_string(),
    }
}

pub(crate) fn join_path(parent: &str, child: &str) -> String {
    if parent.is_empty() || parent == "." {
        child.to_owned()
    } else if child.is_empty() || child == "." {
        parent.to_owned()
    } else if child.starts_with('[') {
        format!("{parent}{child}")
    } else {
        format!("{parent}.{child}")
    }
}

/// Maps `None` from a checked `Decimal` operation to [`Error::Overflow`].
pub(crate) trait OrOverflow<T> {
    /// `Some(v)` → `Ok(v)`, `None` → `Err(Error::Overflow { operation })`.
    fn or_overflow(self, operation: &'static str) -> Result<T>;
}

impl<T> OrOverflow<T> for Option<T> {
    fn or_overflow(self, operation: &'static str) -> Result<T> {
        self.ok_or(Error::Overflow { operation })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_builds_json_paths() {
        let e = Error::invalid("share", "1.7", "must be between 0 and 1");
        let e = e.within("lost_sales").within("drivers[2]");
        assert_eq!(e.field(), Some("drivers[2].lost_sales.share"));
        let e = Error::invalid("[1]", "x", "must be sorted").within("churn");
        assert_eq!(e.field(), Some("churn[1]"));
        assert_eq!(Error::overflow("x").within("a").field(), None);
    }

    #[test]
    fn display_names_field_value_and_rule() {
        let e = Error::invalid("revenue_at_risk", "1.7", "must be between 0 and 1");
        assert_eq!(e.to_string(), "revenue_at_risk must be between 0 and 1, got 1.7");
    }
}
