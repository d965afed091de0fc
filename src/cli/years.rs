//! Years given on the command line (`--as-of`, `--from`, `--to`): read as text, so that a year
//! that is not one is a diagnostic drawn against the command line, with the year underlined
//! and the range said, rather than clap's complaint.

use crate::diag::{Code, Diag};
use crate::source::{FileId, Sources, Span};

/// The years a year may be, in a script as on the command line.
pub const YEARS: std::ops::RangeInclusive<i32> = -99_999..=99_999;

/// The command line as a source of its own, so a diagnostic can underline a year in it.
pub struct Line {
    file: FileId,
    text: String,
}

impl Line {
    /// The line `text`, as the one source of `sources`.
    pub fn new(text: String) -> (Sources, Line) {
        let mut sources = Sources::default();
        let file = sources.add("<command line>", text.clone());
        (sources, Line { file, text })
    }

    /// The command line as it was typed (its words joined with spaces).
    pub fn typed() -> (Sources, Line) {
        let words: Vec<String> = std::env::args().collect();
        let mut text = "alliance".to_string();
        for w in words.iter().skip(1) {
            text.push(' ');
            text.push_str(w);
        }
        Line::new(text)
    }

    /// The place of the value of `flag` in the line (`--as-of 19x0` or `--as-of=19x0`; empty
    /// at the end if it is not there).
    pub fn span(&self, flag: &str) -> Span {
        let at = [format!("{flag} "), format!("{flag}=")]
            .iter()
            .filter_map(|f| self.text.find(f.as_str()).map(|i| i + f.len()))
            .min();
        let start = at.unwrap_or(self.text.len());
        let end = self.text[start..]
            .find(' ')
            .map_or(self.text.len(), |n| start + n);
        Span::new(self.file, start, end)
    }
}

/// A year as given with `flag`, if given: a whole number of at most five digits.
pub fn year(line: &Line, given: Option<&str>, flag: &str) -> Result<Option<i32>, Diag> {
    let Some(text) = given else {
        return Ok(None);
    };
    match text.parse::<i32>() {
        Ok(y) if YEARS.contains(&y) => Ok(Some(y)),
        _ => Err(
            Diag::error(Code::BadYear, format!("`{flag} {text}` is not a year"))
                .label(line.span(flag), "a year is a whole number, such as 1949")
                .help(format!(
                    "write the year in digits, between {} and {}, such as `{flag} 1949`",
                    YEARS.start(),
                    YEARS.end()
                )),
        ),
    }
}
