//! The part of a file that a diagnostic shows, when the file's lines cannot be shown as they
//! are: a line too long (a generated world on one line: past display column 65,535 miette's
//! renderer panics, and well before that each warning reprints megabytes), or a character that
//! must not reach a terminal. Long lines are cut to a window around each label's ends, with `…`
//! for what is left out; unsafe characters are escaped; the labels move with the text.

use std::ops::Range;

use crate::escape;
use crate::source::SourceFile;

/// A line longer than this (in bytes) is cut; a shorter one is drawn whole, as it always was.
/// Even a line of this many tabs or escaped characters stays far below miette's limit of
/// 65,535 columns.
pub(super) const LONG_LINE: usize = 2048;

/// Characters kept on each side of a label's edge on a cut line.
const KEEP: usize = 40;

/// What stands for the part of a line left out.
const ELLIPSIS: &str = "…";

/// Some whole lines of a file, redrawn: cut where long, escaped where unsafe. The lines come in
/// blocks (one around each label, those that touch merged), and the lines between two blocks are
/// left out, so a diagnostic with labels on lines 1 and 100,000 copies a few lines, not the file.
pub(super) struct Excerpt {
    /// The lines shown, each with a `\n` where the file has a line break.
    pub text: String,
    /// Where each block starts: its first line in `text` and in the file (0-based), in order.
    blocks: Vec<(usize, usize)>,
    /// The stretches of `text` in order, each with the bytes of the file it stands for.
    pieces: Vec<Piece>,
}

/// A stretch of an excerpt: the file's bytes copied, or a stand-in for them (an escape, an
/// ellipsis, a line break).
struct Piece {
    text: Range<usize>,
    file: Range<usize>,
    copied: bool,
}

/// Whether the given blocks of lines of `file` need an excerpt: a line is long, or holds a
/// character that must not reach a terminal (a lone `\r` included, which miette would print as
/// it is).
pub(super) fn needed(file: &SourceFile, blocks: &[Range<usize>]) -> bool {
    blocks.iter().any(|lines| needed_in(file, lines))
}

fn needed_in(file: &SourceFile, lines: &Range<usize>) -> bool {
    let long = lines
        .clone()
        .any(|l| file.line_range(l).is_some_and(|r| r.len() > LONG_LINE));
    long || region(file, lines).is_some_and(has_unsafe)
}

/// The bytes of whole lines, line breaks included.
fn region<'a>(file: &'a SourceFile, lines: &Range<usize>) -> Option<&'a str> {
    let start = file.lines().line_start(lines.start)?;
    let end = file
        .lines()
        .line_start(lines.end)
        .unwrap_or(file.text.len());
    file.text.get(start..end)
}

fn has_unsafe(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let fine = match c {
            '\n' | '\t' => true,
            '\r' => chars.peek() == Some(&'\n'),
            c => !escape::is_unsafe(c),
        };
        if !fine {
            return true;
        }
    }
    false
}

impl Excerpt {
    /// Redraws `blocks` of lines of `file` (in order, apart), keeping on each long line a window
    /// around every offset of `points` (the labels' ends) that falls on it.
    pub(super) fn new(file: &SourceFile, blocks: &[Range<usize>], points: &[usize]) -> Excerpt {
        let mut excerpt = Excerpt {
            text: String::new(),
            blocks: Vec::new(),
            pieces: Vec::new(),
        };
        let mut shown = 0;
        for lines in blocks {
            excerpt.blocks.push((shown, lines.start));
            for line in lines.clone() {
                if !excerpt.line(file, line, points) {
                    return excerpt;
                }
                shown += 1;
            }
        }
        excerpt
    }

    /// The file's line (0-based) that line `shown` of the excerpt draws.
    pub(super) fn file_line(&self, shown: usize) -> usize {
        let i = self.blocks.partition_point(|(start, _)| *start <= shown);
        match i.checked_sub(1).and_then(|i| self.blocks.get(i)) {
            Some((start, line)) => line + (shown - start),
            None => shown,
        }
    }

    /// Redraws one line; false past the end of the file.
    fn line(&mut self, file: &SourceFile, line: usize, points: &[usize]) -> bool {
        let Some(content) = file.line_range(line) else {
            return false;
        };
        let next = file.lines().line_start(line + 1).unwrap_or(file.text.len());
        let mut at = content.start;
        for kept in windows(&file.text, &content, points) {
            self.stand_in(ELLIPSIS, at..kept.start);
            self.copy_escaped(&file.text, kept.clone());
            at = kept.end;
        }
        self.stand_in(ELLIPSIS, at..content.end);
        self.stand_in("\n", content.end..next);
        true
    }

    /// Adds `text` for the file's bytes `file`, unless there are none.
    fn stand_in(&mut self, text: &str, file: Range<usize>) {
        if file.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.pieces.push(Piece {
            text: start..self.text.len(),
            file,
            copied: false,
        });
    }

    /// Adds the file's bytes `range`, each unsafe character escaped (tabs stay: miette expands
    /// them).
    fn copy_escaped(&mut self, source: &str, range: Range<usize>) {
        let Some(text) = source.get(range.clone()) else {
            return;
        };
        let mut run = range.start;
        for (i, c) in text.char_indices() {
            if c == '\t' || !escape::is_unsafe(c) {
                continue;
            }
            let at = range.start + i;
            self.copy(source, run..at);
            let start = self.text.len();
            escape::push_escaped(&mut self.text, c);
            self.pieces.push(Piece {
                text: start..self.text.len(),
                file: at..at + c.len_utf8(),
                copied: false,
            });
            run = at + c.len_utf8();
        }
        self.copy(source, run..range.end);
    }

    fn copy(&mut self, source: &str, range: Range<usize>) {
        let Some(text) = source.get(range.clone()).filter(|t| !t.is_empty()) else {
            return;
        };
        let start = self.text.len();
        self.text.push_str(text);
        self.pieces.push(Piece {
            text: start..self.text.len(),
            file: range,
            copied: true,
        });
    }

    /// Where a file offset is drawn in the excerpt (a stand-in's start for any byte it
    /// replaces; the end for an offset past the excerpt).
    pub(super) fn to_excerpt(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.file.start <= offset);
        let Some(piece) = i.checked_sub(1).and_then(|i| self.pieces.get(i)) else {
            return 0;
        };
        if offset >= piece.file.end {
            piece.text.end
        } else if piece.copied {
            piece.text.start + (offset - piece.file.start)
        } else {
            piece.text.start
        }
    }

    /// The file offset that an excerpt offset draws.
    pub(super) fn to_file(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.text.start <= offset);
        let Some(piece) = i.checked_sub(1).and_then(|i| self.pieces.get(i)) else {
            return 0;
        };
        if piece.copied {
            (piece.file.start + (offset - piece.text.start)).min(piece.file.end)
        } else {
            piece.file.start
        }
    }
}

/// The parts of one line to keep: all of it when it is short; else about `KEEP` characters on
/// each side of every point on it (of its start when none is), overlapping windows merged.
fn windows(text: &str, line: &Range<usize>, points: &[usize]) -> Vec<Range<usize>> {
    if line.len() <= LONG_LINE {
        return vec![line.clone()];
    }
    let mut centres: Vec<usize> = points
        .iter()
        .copied()
        .filter(|p| line.start <= *p && *p <= line.end)
        .collect();
    centres.sort_unstable();
    if centres.is_empty() {
        centres.push(line.start);
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for centre in centres {
        let start = back(text, line.start, centre, KEEP);
        let end = forward(text, centre, line.end, KEEP);
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => out.push(start..end),
        }
    }
    out
}

/// The offset `n` characters before `from`, but not before `floor`.
fn back(text: &str, floor: usize, from: usize, n: usize) -> usize {
    let from = char_floor(text, from);
    let before = text.get(floor..from).unwrap_or("");
    before
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// The offset `n` characters after `from`, but not past `ceiling`.
fn forward(text: &str, from: usize, ceiling: usize, n: usize) -> usize {
    let from = char_floor(text, from);
    let after = text.get(from..ceiling).unwrap_or("");
    after
        .char_indices()
        .nth(n)
        .map_or(ceiling, |(i, _)| from + i)
}

/// The largest char boundary at or before `i`.
fn char_floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Sources;

    fn excerpt_of(text: &str, lines: Range<usize>, points: &[usize]) -> Excerpt {
        let mut sources = Sources::default();
        let id = sources.add("f", text);
        Excerpt::new(sources.get(id), &[lines], points)
    }

    #[test]
    fn a_long_line_is_cut_around_the_point_and_offsets_follow() {
        let line = "x".repeat(5000) + "TARGET" + &"y".repeat(5000);
        let text = format!("first\n{line}\nlast\n");
        let at = text.find("TARGET").unwrap_or(0);
        let excerpt = excerpt_of(&text, 0..3, &[at, at + 6]);
        let shown: Vec<&str> = excerpt.text.lines().collect();
        assert_eq!(shown[0], "first");
        assert_eq!(shown[2], "last");
        assert!(shown[1].starts_with("…x") && shown[1].ends_with("y…"));
        assert!(shown[1].chars().count() < 2 * KEEP + 10, "{}", shown[1]);
        let (start, end) = (excerpt.to_excerpt(at), excerpt.to_excerpt(at + 6));
        assert_eq!(&excerpt.text[start..end], "TARGET");
        assert_eq!(excerpt.to_file(start), at);
    }

    #[test]
    fn unsafe_characters_are_escaped_and_offsets_follow() {
        let text = "a\u{1b}[2Jb\tc\rd\n";
        let excerpt = excerpt_of(text, 0..3, &[]);
        assert_eq!(excerpt.text, "a\\u{1b}[2Jb\tc\nd\n");
        let b = text.find('b').unwrap_or(0);
        assert_eq!(&excerpt.text[excerpt.to_excerpt(b)..][..1], "b");
        assert!(needed_in(text));
        assert!(!needed_in("a\tb\r\nc\n"));
    }

    fn needed_in(text: &str) -> bool {
        let mut sources = Sources::default();
        let id = sources.add("f", text);
        let file = sources.get(id);
        let all = 0..file.lines().line_count();
        needed(file, std::slice::from_ref(&all))
    }

    #[test]
    fn blocks_apart_leave_out_the_lines_between_and_keep_their_numbers() {
        let text: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let mut sources = Sources::default();
        let id = sources.add("f", text.as_str());
        let excerpt = Excerpt::new(sources.get(id), &[0..2, 50..53], &[]);
        assert_eq!(excerpt.text, "line 0\nline 1\nline 50\nline 51\nline 52\n");
        let shown: Vec<usize> = (0..5).map(|l| excerpt.file_line(l)).collect();
        assert_eq!(shown, [0, 1, 50, 51, 52]);
        let at = text.find("line 51").unwrap_or(0);
        assert_eq!(&excerpt.text[excerpt.to_excerpt(at)..][..7], "line 51");
    }
}
