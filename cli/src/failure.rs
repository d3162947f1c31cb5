//! Why a command failed, its exit code, and how it is written: a line on
//! stderr, or with `--format json` a JSON object on stdout.

use downtime_cost::Error;
use serde::Serialize;

use crate::Format;

/// A failed command.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The command line is wrong (exit 2).
    Usage {
        /// clap's kind of error, or ours.
        kind: String,
        /// What to tell the user.
        message: String,
    },
    /// The scenario (or report) is not valid (exit 1).
    Invalid {
        /// Where it came from: a file name, `-` or `scenario NAME`.
        source: String,
        /// The library's error.
        error: Error,
    },
    /// A file cannot be read or written (exit 3).
    Io {
        /// The file.
        path: String,
        /// The operating system's words.
        message: String,
    },
    /// The evaluation failed (exit 4).
    Evaluation {
        /// The library's error.
        error: Error,
    },
}

/// The JSON form of an error.
#[derive(Serialize)]
struct Wire<'a> {
    kind: &'a str,
    /// For an evaluation failure, the library error's kind (`invalid`, `overflow`).
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

impl Failure {
    pub(crate) fn usage(kind: impl Into<String>, message: impl Into<String>) -> Self {
        Failure::Usage { kind: kind.into(), message: message.into() }
    }

    /// The process's exit code.
    pub(crate) const fn code(&self) -> u8 {
        match self {
            Failure::Invalid { .. } => 1,
            Failure::Usage { .. } => 2,
            Failure::Io { .. } => 3,
            Failure::Evaluation { .. } => 4,
        }
    }

    /// The failure as text (`error: my.json: drivers[0]… (line 3, column 9)`).
    fn text(&self) -> String {
        match self {
            Failure::Usage { message, .. } => message.trim_end().to_owned(),
            // The library's errors show control characters as escapes already; a file name
            // (or an operating system's message about it) is shown the same way.
            Failure::Invalid { source, error } => {
                format!("error: {}: {error}", downtime_cost::visible(source))
            }
            Failure::Io { path, message } => {
                format!("error: {}: {}", downtime_cost::visible(path), downtime_cost::visible(message))
            }
            Failure::Evaluation { error } => format!("error: {error}"),
        }
    }

    /// The failure as a JSON object: `{"error": {"kind": …, "message": …, …}}`.
    pub(crate) fn json(&self) -> String {
        #[derive(Serialize)]
        struct Envelope<'a> {
            error: Wire<'a>,
        }
        let message = match self {
            Failure::Invalid { error, .. } | Failure::Evaluation { error } => error.to_string(),
            Failure::Io { message, .. } => message.clone(),
            Failure::Usage { .. } => self.text(),
        };
        let mut wire = Wire {
            kind: "usage",
            error: None,
            message,
            source: None,
            path: None,
            value: None,
            rule: None,
            line: None,
            column: None,
        };
        match self {
            Failure::Usage { kind, .. } => wire.rule = Some(kind),
            Failure::Io { path, .. } => {
                wire.kind = "io";
                wire.path = Some(path);
            }
            Failure::Invalid { source, error } => {
                wire.source = Some(source);
                wire.describe(error, true);
            }
            Failure::Evaluation { error } => {
                wire.describe(error, false);
                // The kind names the exit code's class; the library's own kind follows.
                wire.error = Some(wire.kind);
                wire.kind = "evaluation";
            }
        }
        // A struct of strings and integers always serialises.
        format!("{}\n", serde_json::to_string_pretty(&Envelope { error: wire }).unwrap_or_default())
    }

    /// Writes the failure: text on stderr, or JSON on stdout with `--format json`.
    pub(crate) fn print(&self, format: Format) {
        if format == Format::Json {
            use std::io::Write as _;
            let _ = std::io::stdout().lock().write_all(self.json().as_bytes());
        } else {
            eprintln!("{}", self.text());
        }
    }
}

impl<'a> Wire<'a> {
    /// The library error's kind, path, value, rule and position.
    fn describe(&mut self, error: &'a Error, reading: bool) {
        self.kind = kind_of(error, reading);
        self.path = error.field();
        if let Error::Invalid { value, rule, .. } = error {
            self.value = Some(value);
            self.rule = Some(rule);
        }
        if let Some(at) = error.location() {
            self.line = Some(at.line());
            self.column = Some(at.column());
        }
    }
}

/// `invalid` (a rule broken), `document` (malformed JSON, a wrong type, an
/// unknown or missing field), `unsupported_schema`, `overflow` or `error`.
fn kind_of(error: &Error, reading: bool) -> &'static str {
    match error {
        Error::Invalid { .. } => "invalid",
        Error::Document { .. } => "document",
        Error::UnsupportedSchema { .. } => "unsupported_schema",
        Error::Overflow { .. } => "overflow",
        _ if reading => "invalid",
        _ => "error",
    }
}
