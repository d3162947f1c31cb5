//! Text from a user (names, descriptions, rejected values) made safe to show:
//! characters a terminal or a reader would act on rather than display are
//! written as visible escapes.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` would act rather than show: a control character (C0, DEL,
/// C1: a terminal escape, a line break inside a table cell) or a Unicode
/// bidirectional mark, embedding, override or isolate, which reorders the
/// text around it on screen (U+061C, U+200E–U+200F, U+202A–U+202E,
/// U+2066–U+2069), or a line or paragraph separator (U+2028, U+2029), which
/// some viewers break a line at.
pub(crate) fn acts(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character that would act rather than show (a control
/// character, C0, DEL or C1, or a bidirectional mark, embedding, override or
/// isolate) written as its escape `\u{1b}`,
/// so a name shows what it holds and cannot move the cursor, colour the
/// terminal, split a table row or reverse the text after it. Text without
/// such characters is returned as is.
///
/// The report's text and Markdown use it for every name and description,
/// and the board report for its HTML; a program that shows scenario text in
/// its own interface can use it too.
///
/// # Example
///
/// ```
/// use downtime_cost::visible;
/// assert_eq!(visible("Shop\u{1b}[31m"), r"Shop\u{1b}[31m");
/// assert_eq!(visible("line\nbreak"), r"line\u{a}break");
/// assert_eq!(visible("Zürich"), "Zürich");
/// ```
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().saturating_add(16));
    for c in text.chars() {
        if acts(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The most characters of a rejected value an error message repeats.
/// (400: every `f64` written out in full, up to 1.8e308's 309 digits, is
/// shown whole.)
pub(crate) const MAX_SHOWN_CHARS: usize = 400;

/// `text` made [`visible`] and cut to its first [`MAX_SHOWN_CHARS`]
/// characters, with the number left out said: what an error message shows of
/// a value that may be a whole hostile document.
pub(crate) fn shown(text: &str) -> String {
    let count = text.chars().count();
    if count <= MAX_SHOWN_CHARS {
        return visible(text).into_owned();
    }
    let cut: String = text.chars().take(MAX_SHOWN_CHARS).collect();
    format!("{}… ({} more characters)", visible(&cut), count.saturating_sub(MAX_SHOWN_CHARS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_marks_become_escapes() {
        assert_eq!(visible("Shop\u{1b}[31m"), "Shop\\u{1b}[31m");
        assert_eq!(visible("a\nb\tc\r"), "a\\u{a}b\\u{9}c\\u{d}");
        // Right-to-left override, isolate and mark; a C1 control (U+0085, next line).
        assert_eq!(visible("x\u{202e}y\u{2066}z\u{200f}\u{85}"), "x\\u{202e}y\\u{2066}z\\u{200f}\\u{85}");
        assert_eq!(visible("a\u{2028}b\u{2029}"), "a\\u{2028}b\\u{2029}");
        assert!(matches!(visible("Zürich — 東京"), Cow::Borrowed("Zürich — 東京")));
    }

    #[test]
    fn long_values_are_cut_and_say_how_much() {
        let long = "x".repeat(MAX_SHOWN_CHARS + 5);
        assert_eq!(shown(&long), format!("{}… (5 more characters)", "x".repeat(MAX_SHOWN_CHARS)));
        assert_eq!(shown("ok\u{7}"), "ok\\u{7}");
    }
}
