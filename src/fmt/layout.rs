//! The printer's primitives: writing tokens, spaces and lines, measuring a construct on one
//! line, writing the comments and blank lines the source had before a token, and `{ ... }`
//! blocks.

use super::{Printer, STEP, WIDTH};
use crate::source::Spanned;
use crate::syntax::lex;

impl<'a> Printer<'a> {
    // ------------------------------------------------------------ output primitives

    fn write(&mut self, text: &str) {
        if self.fresh {
            self.out.extend(std::iter::repeat_n(' ', self.indent));
            self.col = self.indent;
            self.fresh = false;
        } else if self.space {
            self.out.push(' ');
            self.col += 1;
        }
        self.space = false;
        self.block_start = false;
        self.out.push_str(text);
        self.col += text.chars().count();
    }

    /// Asks for a space before the next token, unless that token starts a line.
    pub(super) fn sp(&mut self) {
        if !self.fresh {
            self.space = true;
        }
    }

    pub(super) fn newline(&mut self) {
        if !self.fresh {
            self.out.push('\n');
            self.fresh = true;
            self.col = 0;
        }
        self.space = false;
    }

    /// Ends the line and leaves one blank line, except at the start of the file or a block.
    fn blank(&mut self) {
        self.newline();
        if !self.out.is_empty() && !self.block_start && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// The column the next token would start at.
    fn col_now(&self) -> usize {
        if self.fresh {
            self.indent
        } else {
            self.col + usize::from(self.space)
        }
    }

    pub(super) fn fits(&self, width: usize) -> bool {
        self.col_now().saturating_add(width) <= WIDTH
    }

    /// The width of what `emit` writes on one line, from the current position.
    pub(super) fn measure(&self, emit: impl FnOnce(&mut Printer<'a>)) -> usize {
        let mut scratch = Printer::new(self.src, &[]);
        scratch.fresh = false;
        scratch.flat = true;
        scratch.last = self.last;
        emit(&mut scratch);
        if scratch.out.contains('\n') {
            usize::MAX / 2
        } else {
            scratch.out.chars().count()
        }
    }

    // ------------------------------------------------------------ comments and source positions

    /// Writes every comment that starts before `pos`.
    pub(super) fn flush(&mut self, pos: usize) {
        while let Some(&c) = self.comments.get(self.next) {
            if c.start >= pos {
                break;
            }
            self.next += 1;
            let text = self.src.get(c.start..c.end).unwrap_or("#").trim_end();
            if !c.own_line && !self.fresh {
                self.out.push_str("  ");
                self.out.push_str(text);
                self.newline();
            } else {
                self.newline();
                if self.force_blank || self.blank_in_source(self.last, c.start) {
                    self.blank();
                }
                self.force_blank = false;
                self.write(text);
                self.newline();
            }
            self.last = self.last.max(c.end);
        }
    }

    /// Whether the source has an empty line between offsets `a` and `b`.
    pub(super) fn blank_in_source(&self, a: usize, b: usize) -> bool {
        let Some(gap) = self.src.get(a..b) else {
            return false;
        };
        let lines: Vec<&str> = gap.split('\n').collect();
        lines.len() > 2
            && lines[1..lines.len() - 1]
                .iter()
                .any(|l| l.trim().is_empty())
    }

    /// The end of the last token of a node. Spans of nodes that end in a repetition reach
    /// over the space and comments after them (pest skips trivia before trying to repeat), so
    /// a comment after a statement would otherwise count as inside it.
    pub(super) fn code_end<T>(&self, node: &Spanned<T>) -> usize {
        let start = node.span.start as usize;
        let mut pos = (node.span.end as usize).min(self.src.len());
        loop {
            while pos > start && self.src.as_bytes()[pos - 1].is_ascii_whitespace() {
                pos -= 1;
            }
            let before = self.comments.partition_point(|c| c.start < pos);
            match before.checked_sub(1).and_then(|i| self.comments.get(i)) {
                Some(c) if c.start >= start && pos <= c.end => pos = c.start,
                _ => return pos,
            }
        }
    }

    /// Whether a comment starts strictly between offsets `a` and `b`.
    pub(super) fn has_comment(&self, a: usize, b: usize) -> bool {
        let from = self.comments.partition_point(|c| c.start <= a);
        self.comments.get(from).is_some_and(|c| c.start < b)
    }

    /// Where the next source token starts.
    pub(super) fn next_token(&self) -> usize {
        lex::skip_trivia(self.src, self.last)
    }

    pub(super) fn next_is(&self, text: &str) -> Option<usize> {
        let pos = self.next_token();
        let rest = self.src.get(pos..)?;
        let word_end = rest
            .as_bytes()
            .get(text.len())
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        let is_word = text.bytes().all(|b| b.is_ascii_alphabetic());
        (rest.starts_with(text) && !(is_word && word_end)).then_some(pos)
    }

    /// Writes a token found at `start..end` in the source, after the comments before it.
    pub(super) fn token_at(&mut self, start: usize, end: usize, text: &str) {
        self.flush(start);
        self.write(text);
        self.last = self.last.max(end);
    }

    /// Writes a keyword or punctuation: the next source token when it is that text, else
    /// (a token the layout adds) just the text.
    pub(super) fn kw(&mut self, text: &str) {
        match self.next_is(text) {
            Some(pos) => self.token_at(pos, pos + text.len(), text),
            None => self.write(text),
        }
    }

    /// Writes `text` for whichever of `accepted` the source has next (`:` or `=`).
    pub(super) fn either(&mut self, accepted: &[&str], text: &str) {
        for a in accepted {
            if let Some(pos) = self.next_is(a) {
                return self.token_at(pos, pos + a.len(), text);
            }
        }
        self.write(text);
    }

    /// Steps over an optional source token without writing it.
    pub(super) fn skip(&mut self, text: &str) {
        if let Some(pos) = self.next_is(text) {
            self.last = pos + text.len();
        }
    }

    /// Writes a separator right after the previous token. Comments before the source's own
    /// separator are written after it, so a comma never starts a line.
    pub(super) fn glue(&mut self, text: &str) {
        self.write(text);
        self.skip(text);
    }

    /// The separator between literals: `,` whether the source had `,` or `and`.
    pub(super) fn literal_sep(&mut self) {
        self.write(",");
        if self.next_is(",").is_some() {
            self.skip(",");
        } else {
            self.skip("and");
        }
    }

    /// Starts an item of a block or broken list on a new line, keeping one blank line where
    /// the source had any.
    pub(super) fn item(&mut self, pos: usize) {
        self.flush(pos);
        self.newline();
        if self.force_blank || self.blank_in_source(self.last, pos) {
            self.blank();
        }
        self.force_blank = false;
    }

    /// The offset of the `}` that closes a list whose last item ends at `last_item` (or which
    /// opens at `open` when empty), stepping over a trailing comma.
    pub(super) fn list_close(&self, last_item: Option<usize>, open: usize) -> usize {
        let mut pos = lex::skip_trivia(self.src, last_item.unwrap_or(open + 1));
        if self.src.as_bytes().get(pos) == Some(&b',') {
            pos = lex::skip_trivia(self.src, pos + 1);
        }
        pos
    }

    pub(super) fn open_block(&mut self, base: usize) {
        self.indent = base + STEP;
        self.block_start = true;
    }

    /// Writes the comments left in a block at its indentation, then its `}` at `base`.
    pub(super) fn close_block(&mut self, close: usize, base: usize, saved: usize) {
        self.flush(close);
        self.newline();
        self.indent = base;
        self.kw("}");
        self.indent = saved;
    }

    /// A `{ ... }` block of items, one per line; `{}` when it holds nothing at all.
    pub(super) fn block<T>(
        &mut self,
        close: usize,
        base: usize,
        items: &[Spanned<T>],
        mut emit: impl FnMut(&mut Self, &Spanned<T>),
    ) {
        let open = self.next_token();
        self.kw("{");
        if items.is_empty() && !self.has_comment(open, close) {
            self.kw("}");
            return;
        }
        let saved = self.indent;
        self.open_block(base);
        for it in items {
            self.item(it.span.start as usize);
            emit(self, it);
        }
        self.close_block(close, base, saved);
    }
}
