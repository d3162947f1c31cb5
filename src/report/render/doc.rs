//! A document being written: headings, paragraphs and tables, as plain text
//! or as Markdown.

use std::fmt::Write as _;

use crate::text::visible;

/// How a report is written as a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Style {
    /// Aligned text tables.
    Text,
    /// GitHub-flavoured Markdown.
    Markdown,
}

/// A report being written in one style.
pub(crate) struct Doc {
    out: String,
    style: Style,
}

impl Doc {
    pub(crate) const fn new(style: Style) -> Self {
        Doc { out: String::new(), style }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }

    pub(super) fn title(&mut self, text: &str) {
        match self.style {
            Style::Text => {
                let _ = writeln!(self.out, "{}", visible(text));
            }
            Style::Markdown => {
                let _ = writeln!(self.out, "# {}\n", escape(text));
            }
        }
    }

    pub(super) fn heading(&mut self, text: &str) {
        match self.style {
            Style::Text => {
                let _ = writeln!(self.out, "\n{}", visible(text));
            }
            Style::Markdown => {
                let _ = writeln!(self.out, "\n## {}\n", escape(text));
            }
        }
    }

    /// A paragraph (wrapped at 96 characters in text).
    pub(super) fn para(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.style {
            Style::Text => {
                for line in wrap(text, 96) {
                    let _ = writeln!(self.out, "{}", visible(&line));
                }
            }
            Style::Markdown => {
                let _ = writeln!(self.out, "\n{}\n", escape(text));
            }
        }
    }

    /// A table: in text, first column left-aligned and the rest right-aligned.
    pub(super) fn table(&mut self, header: &[String], rows: &[Vec<String>]) {
        match self.style {
            Style::Text => text_table(&mut self.out, header, rows),
            Style::Markdown => {
                let row = |out: &mut String, cells: &[String]| {
                    out.push('|');
                    for c in cells {
                        let _ = write!(out, " {} |", escape(c));
                    }
                    out.push('\n');
                };
                row(&mut self.out, header);
                self.out.push('|');
                for i in 0..header.len() {
                    self.out.push_str(if i == 0 { " --- |" } else { " ---: |" });
                }
                self.out.push('\n');
                for r in rows {
                    row(&mut self.out, r);
                }
            }
        }
    }
}

/// Escapes the characters Markdown tables and emphasis would read, and
/// shows control characters and bidirectional marks as escapes
/// ([`visible`]), so a name cannot split a table row.
pub(super) fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in visible(text).chars() {
        // `&` and `\` too: `&#x202E;` would decode to the override `visible` shows as an escape.
        if matches!(c, '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '&' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// Renders rows as a text table: first column left-aligned, the rest right-aligned.
fn text_table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    // Control characters and bidirectional marks shown as escapes, before measuring.
    let shown = |row: &[String]| -> Vec<String> { row.iter().map(|c| visible(c).into_owned()).collect() };
    let header = shown(header);
    let rows: Vec<Vec<String>> = rows.iter().map(|r| shown(r)).collect();
    let (header, rows) = (header.as_slice(), rows.as_slice());
    let cols = header.len();
    let mut width = vec![0usize; cols];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (w, cell) in width.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut String, row: &[String]| {
        for (i, (cell, w)) in row.iter().zip(&width).enumerate() {
            let _ = if i == 0 { write!(out, "  {cell:<w$}") } else { write!(out, "  {cell:>w$}") };
        }
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    };
    line(out, header);
    let rule: Vec<String> = width.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &rule);
    for r in rows {
        line(out, r);
    }
}

/// Splits `text` into lines of at most `width` characters at spaces.
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count().saturating_add(word.chars().count()) >= width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
