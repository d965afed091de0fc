//! Source files and byte spans into them (symbols live in [`crate::interner`]).
//!
//! Every syntax node carries a [`Span`]; lines and columns come from a [`LineIndex`], built
//! once per file the first time one is asked for, so each later question takes O(log n).

use std::ops::Range;
use std::sync::{Arc, OnceLock};

pub use crate::interner::Sym;

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file. Spans never take part in equality of syntax trees
/// (see [`Spanned`]), so two parses of differently laid-out text compare equal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.end == self.start
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One loaded file: its name as the user gave it (or as an import resolved it) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: Arc<str>,
    /// Built on first use: most runs draw no diagnostic and explain nothing.
    lines: OnceLock<Arc<LineIndex>>,
}

impl SourceFile {
    /// A file outside any [`Sources`] (for a diagnostic whose file is unknown).
    pub fn detached(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
            lines: OnceLock::new(),
        }
    }

    /// Where the lines of this file start.
    pub fn lines(&self) -> &LineIndex {
        self.lines
            .get_or_init(|| Arc::new(LineIndex::new(&self.text)))
    }

    /// 0-based line and byte column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.lines().position(offset)
    }

    /// 0-based line and column in UTF-16 code units, as editors (LSP) count them. An offset
    /// inside a character counts from that character's start.
    pub fn utf16_position(&self, offset: usize) -> (usize, usize) {
        let (line, _) = self.position(offset);
        let start = self.lines().line_start(line).unwrap_or(0);
        let end = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let column = self
            .text
            .get(start..end)
            .map_or(0, |t| t.encode_utf16().count());
        (line, column)
    }

    /// The bytes of a 0-based line without its line break, or `None` past the last line.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let start = self.lines().line_start(line)?;
        let next = self.lines().line_start(line + 1).unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        let mut end = next;
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end)
    }
}

/// The largest char boundary at or before `i` (`i` at most `text.len()`).
pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The start of every line of a text, for byte offset to line and column in O(log n).
///
/// A line ends at `\n`, `\r\n` or a lone `\r`, as miette and the language server protocol
/// count them. Explanations count `\n` alone (see [`LineIndex::newline_line`]), as they
/// always have; the two differ only in a file with lone carriage returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset at which each line starts; the first is 0.
    starts: Vec<usize>,
    /// Byte offset of each lone `\r`, usually none.
    lone_cr: Vec<usize>,
    /// Length of the text, so offsets past its end can be clamped.
    len: usize,
}

impl LineIndex {
    /// Indexes `text` in one pass.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut lone_cr = Vec::new();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                    starts.push(i + 1);
                    lone_cr.push(i);
                }
                _ => {}
            }
        }
        LineIndex {
            starts,
            lone_cr,
            len: text.len(),
        }
    }

    /// How many lines the text has (an empty text, or one ending in a line break, has an empty
    /// last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding a byte offset (clamped to the text).
    pub fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        // `starts[0]` is 0 (the subtraction cannot underflow).
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// 0-based line and byte column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.len);
        let line = self.line(offset);
        (line, offset - self.line_start(line).unwrap_or(0))
    }

    /// The byte offset at which a 0-based line starts, or `None` past the last line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// The 0-based line of a byte offset counting `\n` alone as a line break.
    pub fn newline_line(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        let lone = self.lone_cr.partition_point(|&c| c < offset);
        self.line(offset) - lone
    }
}

/// `text` with each lone `\r` (a line ending of old Mac files) made `\n`: the language reads
/// `\n`, `\r\n` and a lone `\r` alike as the end of a line, and this keeps every byte where
/// it was, so spans into the text are the same either way. A byte-order mark at the start
/// (Windows' "UTF-8 with BOM") becomes three spaces, for the same reason.
pub fn unify_line_endings(text: &str) -> std::borrow::Cow<'_, str> {
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        let spaced = format!("   {rest}");
        return std::borrow::Cow::Owned(unify_line_endings(&spaced).into_owned());
    }
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return std::borrow::Cow::Borrowed(text);
    }
    let unified: Vec<u8> = (0..bytes.len())
        .map(|i| if lone(i) { b'\n' } else { bytes[i] })
        .collect();
    // Only ASCII bytes were replaced by ASCII bytes: still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(unified).unwrap_or_else(|_| text.to_string()))
}

/// All files of one run. The prelude is always file 0.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Adds a file, its line endings unified ([`unify_line_endings`]).
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<Arc<str>>) -> FileId {
        let text: Arc<str> = text.into();
        let text = match unify_line_endings(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(unified) => unified.into(),
        };
        self.files.push(SourceFile::detached(name, text));
        FileId(self.files.len() as u32 - 1)
    }

    /// Forgets the files added after the first `len` (a question's text, once answered).
    pub fn truncate(&mut self, len: usize) {
        self.files.truncate(len);
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn text(&self, span: Span) -> &str {
        self.get(span.file).text.get(span.range()).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// 1-based line of a byte offset; used for "file:line" in explanations.
    pub fn line_of(&self, span: Span) -> usize {
        let file = self.get(span.file);
        file.lines().newline_line(span.start as usize) + 1
    }

    /// "file:line" for a span.
    pub fn location(&self, span: Span) -> String {
        format!("{}:{}", self.get(span.file).name, self.line_of(span))
    }
}

/// A value with the span it was written at. Equality ignores the span.
#[derive(Clone, Copy, Debug)]
pub struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
    }
}

impl<T: Eq> Eq for Spanned<T> {}

impl<T> Spanned<T> {
    pub fn new(node: T, span: Span) -> Self {
        Spanned { node, span }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_every_kind_of_line_break() {
        let text = "ab\ncd\r\nef\rgh";
        let lines = LineIndex::new(text);
        assert_eq!(lines.line_count(), 4);
        assert_eq!(lines.position(0), (0, 0));
        assert_eq!(lines.position(4), (1, 1));
        assert_eq!(lines.position(7), (2, 0));
        assert_eq!(lines.position(11), (3, 1));
        // Past the end is clamped to the end.
        assert_eq!(lines.position(99), (3, 2));
        // `\n` alone, as explanations count lines: the lone `\r` does not end one.
        assert_eq!(lines.newline_line(11), 2);
    }

    #[test]
    fn line_ranges_leave_out_the_line_break() {
        let mut sources = Sources::default();
        let id = sources.add("a", "ab\ncd\r\n\nef");
        let file = sources.get(id);
        let ranges: Vec<_> = (0..5).map(|l| file.line_range(l)).collect();
        assert_eq!(
            ranges,
            vec![Some(0..2), Some(3..5), Some(7..7), Some(8..10), None]
        );
    }

    #[test]
    fn utf16_columns_count_code_units() {
        let mut sources = Sources::default();
        let id = sources.add("a", "x\n\u{e9}\u{1F600}y");
        let file = sources.get(id);
        // é is one UTF-16 unit, the emoji two: `y` is at column 3, byte column 6.
        assert_eq!(file.position(8), (1, 6));
        assert_eq!(file.utf16_position(8), (1, 3));
        // Inside the emoji: counted from its start.
        assert_eq!(file.utf16_position(5), (1, 1));
    }

    #[test]
    fn line_of_counts_newlines_before_the_span() {
        let text = "a\rb\nc\r\nd\n\ne";
        let mut sources = Sources::default();
        let id = sources.add("a", text);
        // A lone `\r` ends a line too: the file is kept with it made `\n`.
        let unified = unify_line_endings(text);
        assert_eq!(unified, "a\nb\nc\r\nd\n\ne");
        for start in 0..=text.len() {
            let naive = unified.as_bytes()[..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            assert_eq!(
                sources.line_of(Span::new(id, start, start)),
                naive,
                "at {start}"
            );
        }
    }
}
