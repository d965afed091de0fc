//! Text from a script made safe for a terminal. A control character can do more than look
//! wrong there: ESC starts a sequence that moves the cursor, recolours the screen or, with
//! `ESC ] 52`, writes the clipboard; the bidirectional overrides reorder what is shown, so the
//! text read is not the text run. Such characters are written as `\u{1b}`, as JSON and SVG
//! output already escape them.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not reach a terminal as it is: a control character (C0, DEL or C1) or a
/// bidirectional control. Tab and line feed are decided by the caller.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The marks and embeddings that change the display order of the text around them.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// `text` for a terminal, line breaks and tabs kept (for messages and help of several lines),
/// every other unsafe character escaped. Borrowed when nothing needs escaping, which is almost
/// always.
pub fn controls(text: &str) -> Cow<'_, str> {
    escape_if(text, |c| is_unsafe(c) && c != '\n' && c != '\t')
}

/// [`controls`] for a whole text an output is made of (the text report), without a copy when
/// nothing needs escaping.
pub fn controls_owned(text: String) -> String {
    owned(text, controls)
}

fn owned(text: String, escape: fn(&str) -> Cow<'_, str>) -> String {
    let escaped = match escape(&text) {
        Cow::Borrowed(_) => None,
        Cow::Owned(escaped) => Some(escaped),
    };
    escaped.unwrap_or(text)
}

/// `text` for one line of a terminal (a name in a table or a heading): every unsafe character
/// escaped, line breaks and tabs included. Call it wherever a display name, a string value or
/// a comment from a script is printed as text.
pub fn inline(text: &str) -> Cow<'_, str> {
    escape_if(text, is_unsafe)
}

/// [`inline`] for a string already owned, without a copy when nothing needs escaping.
pub fn inline_owned(text: String) -> String {
    owned(text, inline)
}

/// Appends `c` to `out`, as `\u{..}` if it is unsafe.
pub fn push_escaped(out: &mut String, c: char) {
    if is_unsafe(c) {
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    } else {
        out.push(c);
    }
}

fn escape_if(text: &str, unsafe_here: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&unsafe_here) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_here(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_written_out() {
        let osc52 = "Gondor\u{1b}]52;c;ZWNobyBodWg=\u{7}";
        assert_eq!(inline(osc52), "Gondor\\u{1b}]52;c;ZWNobyBodWg=\\u{7}");
        assert_eq!(controls("a\u{9b}2J\u{202e}b"), "a\\u{9b}2J\\u{202e}b");
    }

    #[test]
    fn layout_survives_where_it_is_meant_to() {
        assert_eq!(controls("one\n\ttwo"), "one\n\ttwo");
        assert_eq!(inline("one\n\ttwo"), "one\\u{a}\\u{9}two");
        assert!(matches!(
            controls("plain, even é or 日本"),
            Cow::Borrowed(_)
        ));
    }
}
