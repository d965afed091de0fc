//! Source files, byte spans into them and interned symbols.
//!
//! Every syntax node carries a [`Span`]; line and column are computed only when a diagnostic
//! is drawn, since finding them means rescanning the file.

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;

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
}

/// All files of one run. The prelude is always file 0.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<Arc<str>>) -> FileId {
        self.files.push(SourceFile {
            name: name.into(),
            text: text.into(),
        });
        FileId(self.files.len() as u32 - 1)
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
        let text = &self.get(span.file).text;
        let end = (span.start as usize).min(text.len());
        text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// "file:line" for a span.
    pub fn location(&self, span: Span) -> String {
        format!("{}:{}", self.get(span.file).name, self.line_of(span))
    }
}

/// An interned identifier or string. Symbols are cheap to copy and compare: each distinct
/// text is stored once for the life of the process, so two symbols are equal exactly when they
/// point at the same text, and reading the text takes no lock. Symbols order by their text.
///
/// A symbol is one thin pointer (8 bytes) to the interned text's own cell, which keeps syntax
/// trees small: they hold a symbol for every name.
#[derive(Clone, Copy)]
pub struct Sym(&'static &'static str);

fn table() -> &'static Mutex<IndexMap<&'static str, &'static &'static str, FxBuildHasher>> {
    static TABLE: OnceLock<Mutex<IndexMap<&'static str, &'static &'static str, FxBuildHasher>>> =
        OnceLock::new();
    TABLE.get_or_init(Default::default)
}

impl Sym {
    /// Interns `text`. The table grows with the number of distinct names ever seen.
    pub fn new(text: &str) -> Sym {
        let mut table = table().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(existing) = table.get(text) {
            return Sym(existing);
        }
        let leaked: &'static str = Box::leak(text.to_owned().into_boxed_str());
        let cell: &'static &'static str = Box::leak(Box::new(leaked));
        table.insert(leaked, cell);
        Sym(cell)
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl PartialEq for Sym {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Sym {}

impl std::hash::Hash for Sym {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.0 as *const &str as usize).hash(state);
    }
}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Sym {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(other.0)
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
