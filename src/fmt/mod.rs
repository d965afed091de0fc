//! The formatter behind `alliance fmt`: one canonical layout for every script, keeping every
//! comment.
//!
//! The printer walks the syntax tree and the source text side by side. Every token it writes
//! is looked up in the source (a node's span, or the next token after the last one written),
//! and the comments that lie before that token are written first: on their own line if they
//! were on their own line, at the end of the current line if they followed code. Because only
//! tokens are written, never the text between them, the output parses to the same tree.
//!
//! A construct goes on one line when it fits in [`WIDTH`] columns and holds no comment;
//! otherwise it is broken into its multi-line form. Both decisions depend only on the tree,
//! the comments' order among the tokens and whether each comment was on its own line, which
//! the output keeps: that is why formatting twice changes nothing.
//! `docs/reference.md` describes the layout for users.

mod layout;
mod leaves;
mod rules;
mod scenarios;
mod statements;

use crate::diag::Diag;
use crate::source::FileId;
use crate::syntax::{lex, parse_file};

pub use leaves::{number_text, quote};

/// The widest a line may be before a construct is broken over several lines.
pub const WIDTH: usize = 100;

/// Spaces per level of indentation.
const STEP: usize = 2;

/// Formats a whole script: the canonical text, which parses to the same syntax tree and
/// keeps every comment. Formatting the result again returns it unchanged.
///
/// # Errors
///
/// A script with syntax errors is never formatted: its error diagnostics are returned
/// instead, since the tree of a broken file does not hold all its text.
pub fn format_source(text: &str) -> Result<String, Vec<Diag>> {
    // A lone `\r` ends a line (and a comment) as `\n` does; the output uses `\n`.
    let unified = crate::source::unify_line_endings(text);
    let text: &str = &unified;
    let (file, diags) = parse_file(text, FileId(0));
    if diags.iter().any(Diag::is_error) {
        return Err(diags.into_iter().filter(Diag::is_error).collect());
    }
    let comments = find_comments(text);
    let mut printer = Printer::new(text, &comments);
    printer.file(&file);
    Ok(printer.out)
}

/// A comment in the source, from `#` to the end of its line.
#[derive(Clone, Copy, Debug)]
struct Comment {
    start: usize,
    end: usize,
    /// Nothing but space precedes it on its line.
    own_line: bool,
}

fn find_comments(text: &str) -> Vec<Comment> {
    lex::comments(text)
        .into_iter()
        .map(|(start, end)| {
            let before = text.get(..start).unwrap_or("");
            let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
            Comment {
                start,
                end,
                own_line: line.trim().is_empty(),
            }
        })
        .collect()
}

/// Writes tokens to `out`, keeping track of the line and of the source position.
struct Printer<'a> {
    src: &'a str,
    comments: &'a [Comment],
    /// The first comment not yet written.
    next: usize,
    out: String,
    /// Characters on the current output line.
    col: usize,
    /// Nothing has been written on the current output line yet.
    fresh: bool,
    /// A space is due before the next token on this line.
    space: bool,
    /// Where a new line starts writing.
    indent: usize,
    /// The source offset just past the last token or comment accounted for.
    last: usize,
    /// The next new line must follow a blank line (statements of a different kind).
    force_blank: bool,
    /// A block has just opened: no blank line before its first line.
    block_start: bool,
    /// Every construct on one line; set while measuring and inside a one-line `if` head.
    flat: bool,
}

impl<'a> Printer<'a> {
    fn new(src: &'a str, comments: &'a [Comment]) -> Self {
        Printer {
            src,
            comments,
            next: 0,
            out: String::with_capacity(src.len() + src.len() / 8),
            col: 0,
            fresh: true,
            space: false,
            indent: 0,
            last: 0,
            force_blank: false,
            block_start: false,
            flat: false,
        }
    }
}
