//! Reading JSON documents: every error names the JSON path, line and column
//! of the value it rejects.

use serde::Deserialize;

use crate::error::{Error, Result};

/// Deserialises `json` as `T`, mapping errors to [`Error::Document`] with the JSON path.
pub(crate) fn read<'de, T: Deserialize<'de>>(json: &'de str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = match e.path().to_string() {
            p if p == "?" => ".".to_owned(),
            p => p,
        };
        let inner = e.into_inner();
        let text = inner.to_string();
        let message = match text.rfind(" at line ") {
            Some(i) => text.get(..i).unwrap_or(&text).to_owned(),
            None => text,
        };
        // A struct's own rule names its field first: move it into the path.
        match crate::error::split_field_message(&message) {
            Some((field, rest)) => {
                document_error(&crate::error::join_path(&path, field), rest, inner.line(), inner.column())
            }
            None => document_error(&path, &message, inner.line(), inner.column()),
        }
    })?;
    de.end()
        .map_err(|e| document_error(".", "trailing characters after the document", e.line(), e.column()))?;
    Ok(value)
}

pub(crate) fn document_error(path: &str, message: &str, line: usize, column: usize) -> Error {
    Error::Document { path: path.to_owned(), message: message.to_owned(), line, column }
}
