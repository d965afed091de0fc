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

use rust_decimal::Decimal;

use crate::diag::Diag;
use crate::source::{FileId, Spanned, Sym};
use crate::syntax::ast::{
    Ask, Atom, Attr, Body, Change, Expr, Ident, Literal, Number, Obligation, Scale, Stmt, Target,
    Term, Unit, Value,
};
use crate::syntax::{ast::File, lex, parse_file};

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

/// The groups of statements that are kept apart by a blank line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    NoPrelude,
    Import,
    State,
    Bilateral,
    Multilateral,
    Threat,
    Fact,
    Rule,
    Ask,
    Scenario,
}

fn kind(stmt: &Stmt) -> Kind {
    match stmt {
        Stmt::NoPrelude => Kind::NoPrelude,
        Stmt::Import(_) => Kind::Import,
        Stmt::State { .. } => Kind::State,
        Stmt::Treaty { .. } | Stmt::Partner { .. } | Stmt::Troops { .. } => Kind::Bilateral,
        Stmt::Pact { .. } | Stmt::Group { .. } | Stmt::Bloc { .. } => Kind::Multilateral,
        Stmt::Threat { .. } => Kind::Threat,
        Stmt::Fact(_) | Stmt::SetParam { .. } => Kind::Fact,
        Stmt::Rule { .. } => Kind::Rule,
        Stmt::Ask(_) => Kind::Ask,
        Stmt::Scenario { .. } | Stmt::If { .. } => Kind::Scenario,
    }
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
    fn sp(&mut self) {
        if !self.fresh {
            self.space = true;
        }
    }

    fn newline(&mut self) {
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

    fn fits(&self, width: usize) -> bool {
        self.col_now().saturating_add(width) <= WIDTH
    }

    /// The width of what `emit` writes on one line, from the current position.
    fn measure(&self, emit: impl FnOnce(&mut Printer<'a>)) -> usize {
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
    fn flush(&mut self, pos: usize) {
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
    fn blank_in_source(&self, a: usize, b: usize) -> bool {
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
    fn code_end<T>(&self, node: &Spanned<T>) -> usize {
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
    fn has_comment(&self, a: usize, b: usize) -> bool {
        let from = self.comments.partition_point(|c| c.start <= a);
        self.comments.get(from).is_some_and(|c| c.start < b)
    }

    /// Where the next source token starts.
    fn next_token(&self) -> usize {
        lex::skip_trivia(self.src, self.last)
    }

    fn next_is(&self, text: &str) -> Option<usize> {
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
    fn token_at(&mut self, start: usize, end: usize, text: &str) {
        self.flush(start);
        self.write(text);
        self.last = self.last.max(end);
    }

    /// Writes a keyword or punctuation: the next source token when it is that text, else
    /// (a token the layout adds) just the text.
    fn kw(&mut self, text: &str) {
        match self.next_is(text) {
            Some(pos) => self.token_at(pos, pos + text.len(), text),
            None => self.write(text),
        }
    }

    /// Writes `text` for whichever of `accepted` the source has next (`:` or `=`).
    fn either(&mut self, accepted: &[&str], text: &str) {
        for a in accepted {
            if let Some(pos) = self.next_is(a) {
                return self.token_at(pos, pos + a.len(), text);
            }
        }
        self.write(text);
    }

    /// Steps over an optional source token without writing it.
    fn skip(&mut self, text: &str) {
        if let Some(pos) = self.next_is(text) {
            self.last = pos + text.len();
        }
    }

    /// Writes a separator right after the previous token. Comments before the source's own
    /// separator are written after it, so a comma never starts a line.
    fn glue(&mut self, text: &str) {
        self.write(text);
        self.skip(text);
    }

    /// The separator between literals: `,` whether the source had `,` or `and`.
    fn literal_sep(&mut self) {
        self.write(",");
        if self.next_is(",").is_some() {
            self.skip(",");
        } else {
            self.skip("and");
        }
    }

    /// Starts an item of a block or broken list on a new line, keeping one blank line where
    /// the source had any.
    fn item(&mut self, pos: usize) {
        self.flush(pos);
        self.newline();
        if self.force_blank || self.blank_in_source(self.last, pos) {
            self.blank();
        }
        self.force_blank = false;
    }

    /// The offset of the `}` that closes a list whose last item ends at `last_item` (or which
    /// opens at `open` when empty), stepping over a trailing comma.
    fn list_close(&self, last_item: Option<usize>, open: usize) -> usize {
        let mut pos = lex::skip_trivia(self.src, last_item.unwrap_or(open + 1));
        if self.src.as_bytes().get(pos) == Some(&b',') {
            pos = lex::skip_trivia(self.src, pos + 1);
        }
        pos
    }

    fn open_block(&mut self, base: usize) {
        self.indent = base + STEP;
        self.block_start = true;
    }

    /// Writes the comments left in a block at its indentation, then its `}` at `base`.
    fn close_block(&mut self, close: usize, base: usize, saved: usize) {
        self.flush(close);
        self.newline();
        self.indent = base;
        self.kw("}");
        self.indent = saved;
    }

    /// A `{ ... }` block of items, one per line; `{}` when it holds nothing at all.
    fn block<T>(
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

    // ------------------------------------------------------------ the file

    fn file(&mut self, file: &File) {
        let mut prev: Option<(Kind, usize)> = None;
        for stmt in &file.stmts {
            let start = stmt.span.start as usize;
            let k = kind(&stmt.node);
            if let Some((pk, end)) = prev {
                if pk != k && !self.blank_in_source(end, start) {
                    self.force_blank = true;
                }
            }
            self.item(start);
            self.stmt(stmt);
            prev = Some((k, self.code_end(stmt)));
        }
        self.flush(usize::MAX);
        self.newline();
    }

    // ------------------------------------------------------------ statements

    /// Writes a statement from the current position; `self.indent` is its base indentation.
    fn stmt(&mut self, stmt: &Spanned<Stmt>) {
        let base = self.indent;
        let end = self.code_end(stmt);
        match &stmt.node {
            Stmt::NoPrelude => {
                self.kw("no");
                self.sp();
                self.kw("prelude");
            }
            Stmt::State {
                name,
                display,
                attrs,
            } => {
                self.head("state", base);
                self.ident(name);
                if let Some(d) = display {
                    self.sp();
                    self.string(d);
                }
                self.opt_attrs(attrs.as_deref(), base);
            }
            Stmt::Treaty {
                a,
                b,
                direction,
                obligation,
                attrs,
            } => {
                self.head("treaty", base);
                self.ident(a);
                self.sp();
                self.ident(b);
                self.sp();
                self.spanned(direction, direction.node.as_str());
                self.obligation(obligation.as_ref());
                self.opt_attrs(attrs.as_deref(), base);
            }
            Stmt::Pact {
                name,
                obligation,
                members,
                attrs,
            } => self.pact(name, obligation.as_ref(), members, attrs.as_deref(), base),
            Stmt::Group {
                name,
                kinds,
                members,
            } => self.group("group", name, kinds, members, base),
            Stmt::Bloc { name, members } => self.group("bloc", name, &[], members, base),
            Stmt::Partner { a, b } => {
                self.head("partner", base);
                self.ident(a);
                self.sp();
                self.ident(b);
            }
            Stmt::Threat { by, targets } => {
                self.head("threat", base);
                self.ident(by);
                self.sp();
                self.kw("against");
                self.targets(targets);
            }
            Stmt::Troops { a, b, count } => {
                self.head("troops", base);
                self.ident(a);
                self.sp();
                self.kw("in");
                self.sp();
                self.ident(b);
                self.sp();
                self.spanned(count, &number_text(&count.node));
            }
            Stmt::Fact(atom) => {
                self.head("fact", base);
                self.atom(atom);
            }
            Stmt::Import(path) => {
                self.head("import", base);
                self.string(path);
            }
            Stmt::Rule { head, body } => {
                self.head("rule", base);
                self.atom(head);
                if !body.is_empty() {
                    self.sp();
                    self.kw("if");
                    self.literal_list(body, end, false);
                }
            }
            Stmt::Ask(ask) => self.ask(ask, end),
            Stmt::SetParam { name, value } => {
                self.head("set", base);
                self.ident(name);
                self.sp();
                self.either(&["=", ":"], "=");
                self.sp();
                self.value(value);
            }
            Stmt::Scenario {
                name,
                title,
                changes,
                body,
            } => self.scenario(name, title.as_ref(), changes, body.as_ref(), base),
            Stmt::If { changes, body } => {
                self.if_stmt(changes, body, base, stmt.span.start as usize)
            }
        }
        self.indent = base;
    }

    fn obligation(&mut self, obligation: Option<&Spanned<Obligation>>) {
        if let Some(o) = obligation {
            self.sp();
            self.spanned(o, o.node.as_str());
        }
    }

    fn pact(
        &mut self,
        name: &Ident,
        obligation: Option<&Spanned<Obligation>>,
        members: &[Ident],
        attrs: Option<&[Attr]>,
        base: usize,
    ) {
        self.head("pact", base);
        self.ident(name);
        self.obligation(obligation);
        self.sp();
        // The members stay on one line only if the attributes after them fit too.
        let rest = attrs.map_or(0, |a| 1 + self.measure(|p| p.attrs_flat(a)));
        self.members(members, base, rest);
        self.opt_attrs(attrs, base);
    }

    /// A `group` (with its kinds) or a `bloc` (with none).
    fn group(
        &mut self,
        keyword: &str,
        name: &Ident,
        kinds: &[Ident],
        members: &[Ident],
        base: usize,
    ) {
        self.head(keyword, base);
        self.ident(name);
        for (i, k) in kinds.iter().enumerate() {
            if i > 0 {
                self.kw(",");
            }
            self.sp();
            self.ident(k);
        }
        self.sp();
        self.members(members, base, 0);
    }

    fn scenario(
        &mut self,
        name: &Ident,
        title: Option<&Spanned<Sym>>,
        changes: &[Spanned<Change>],
        body: Option<&Body>,
        base: usize,
    ) {
        self.head("scenario", base);
        self.ident(name);
        if let Some(t) = title {
            self.sp();
            self.string(t);
        }
        self.sp();
        let open = self.next_token();
        let close = self.list_close(changes.last().map(|c| c.span.end as usize), open);
        self.block(close, base, changes, |p, c| p.change(c));
        if let Some(body) = body {
            self.sp();
            self.kw("then");
            self.body(body, base);
        }
    }

    /// The keyword that opens a statement. Should a comment break the statement's line,
    /// the rest continues one step further in.
    fn head(&mut self, keyword: &str, base: usize) {
        self.kw(keyword);
        self.indent = base + STEP;
        self.sp();
    }

    fn opt_attrs(&mut self, attrs: Option<&[Attr]>, base: usize) {
        let Some(attrs) = attrs else { return };
        self.sp();
        let open = self.next_token();
        let close = self.list_close(attrs.last().map(|a| a.value.span.end as usize), open);
        let flat = self.flat
            || (!self.has_comment(open, close) && self.fits(self.measure(|p| p.attrs_flat(attrs))));
        if flat {
            return self.attrs_flat(attrs);
        }
        self.kw("{");
        let saved = self.indent;
        self.open_block(base);
        for a in attrs {
            self.item(a.key.span.start as usize);
            self.attr(a);
            self.skip(",");
        }
        self.close_block(close, base, saved);
    }

    fn attrs_flat(&mut self, attrs: &[Attr]) {
        self.kw("{");
        for (i, a) in attrs.iter().enumerate() {
            if i > 0 {
                self.glue(",");
            }
            self.sp();
            self.attr(a);
        }
        self.skip(",");
        if !attrs.is_empty() {
            self.sp();
        }
        self.kw("}");
    }

    fn attr(&mut self, attr: &Attr) {
        self.ident(&attr.key);
        self.kw(":");
        self.sp();
        self.value(&attr.value);
    }

    /// `{ A, B }` on the line when it and `rest` more columns fit and no comment is inside;
    /// else one member per line, each with a comma.
    fn members(&mut self, members: &[Ident], base: usize, rest: usize) {
        let open = self.next_token();
        let close = self.list_close(members.last().map(|m| m.span.end as usize), open);
        let flat = self.flat
            || (!self.has_comment(open, close)
                && self.fits(
                    self.measure(|p| p.members(members, base, 0))
                        .saturating_add(rest),
                ));
        self.kw("{");
        if flat {
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    self.glue(",");
                }
                self.sp();
                self.ident(m);
            }
            self.skip(",");
            if !members.is_empty() {
                self.sp();
            }
            return self.kw("}");
        }
        let saved = self.indent;
        self.open_block(base);
        for m in members {
            self.item(m.span.start as usize);
            self.ident(m);
            self.glue(",");
        }
        self.close_block(close, base, saved);
    }

    /// Threat targets: `A, B` on the line, or one per line indented. No trailing comma, since
    /// inside a scenario a name on the next line could be read as one more target.
    fn targets(&mut self, targets: &[Ident]) {
        // A comment before a trailing comma ends up after the statement, as the comma is
        // dropped: only comments before the last target count.
        let end = targets.last().map_or(self.last, |t| t.span.end as usize);
        let flat = self.flat
            || (!self.has_comment(self.last, end)
                && self.fits(self.measure(|p| p.targets_flat(targets))));
        if flat {
            return self.targets_flat(targets);
        }
        self.block_start = true;
        for (i, t) in targets.iter().enumerate() {
            if i > 0 {
                self.glue(",");
            }
            self.item(t.span.start as usize);
            self.ident(t);
        }
        self.skip(",");
    }

    fn targets_flat(&mut self, targets: &[Ident]) {
        for (i, t) in targets.iter().enumerate() {
            if i > 0 {
                self.glue(",");
            }
            self.sp();
            self.ident(t);
        }
        self.skip(",");
    }

    // ------------------------------------------------------------ rules and queries

    fn ask(&mut self, ask: &Ask, end: usize) {
        let base = self.indent;
        match ask {
            Ask::Query(literals) => {
                self.kw("?");
                self.indent = base + STEP;
                self.literal_list(literals, end, true);
            }
            Ask::Why(atom) => {
                self.head("?", base);
                self.kw("why");
                self.sp();
                self.atom(atom);
            }
            Ask::Expect { negated, literals } => {
                self.kw("expect");
                self.indent = base + STEP;
                if *negated {
                    self.sp();
                    self.kw("not");
                }
                self.literal_list(literals, end, false);
            }
        }
        self.indent = base;
    }

    /// Literals after `if`, `?` or `expect`: on the line when they fit and hold no comment,
    /// else one per line at `self.indent`, commas at the ends of lines. After `?` the first
    /// stays on the line, since `? ` is as wide as one indentation step and the rest line up.
    fn literal_list(&mut self, literals: &[Spanned<Literal>], end: usize, first_inline: bool) {
        let flat = self.flat
            || (!self.has_comment(self.last, end)
                && self.fits(self.measure(|p| p.literals_flat(literals))));
        if flat {
            return self.literals_flat(literals);
        }
        self.block_start = true;
        for (i, l) in literals.iter().enumerate() {
            if i > 0 {
                self.literal_sep();
            }
            if i == 0 && first_inline {
                self.sp();
            } else {
                self.item(l.span.start as usize);
            }
            self.literal(l, usize::from(i + 1 < literals.len()));
        }
    }

    fn literals_flat(&mut self, literals: &[Spanned<Literal>]) {
        for (i, l) in literals.iter().enumerate() {
            if i > 0 {
                self.literal_sep();
            }
            self.sp();
            self.literal(l, 0);
        }
    }

    /// One literal; `rest` is how many columns follow it on its line (its comma).
    fn literal(&mut self, literal: &Spanned<Literal>, rest: usize) {
        match &literal.node {
            Literal::Atom(atom) => self.atom(atom),
            Literal::Not(atom) => {
                self.kw("not");
                self.sp();
                self.atom(atom);
            }
            Literal::Compare { op, lhs, rhs } => {
                self.expr(lhs);
                self.sp();
                self.spanned(op, op.node.as_str());
                self.sp();
                self.expr(rhs);
            }
            Literal::Aggregate {
                var,
                op,
                expr,
                body,
            } => {
                self.ident(var);
                self.sp();
                self.kw("=");
                self.sp();
                self.spanned(op, op.node.as_str());
                self.sp();
                self.expr(expr);
                self.sp();
                self.kw(":");
                self.sp();
                self.aggregate_body(body, rest);
            }
        }
    }

    fn aggregate_body(&mut self, body: &[Spanned<Literal>], rest: usize) {
        let open = self.next_token();
        let close = self.list_close(body.last().map(|l| l.span.end as usize), open);
        let flat = self.flat
            || (!self.has_comment(open, close)
                && self.fits(
                    self.measure(|p| p.aggregate_flat(body))
                        .saturating_add(rest),
                ));
        if flat {
            return self.aggregate_flat(body);
        }
        let base = self.indent;
        self.kw("{");
        self.open_block(base);
        for (i, l) in body.iter().enumerate() {
            if i > 0 {
                self.literal_sep();
            }
            self.item(l.span.start as usize);
            self.literal(l, usize::from(i + 1 < body.len()));
        }
        self.close_block(close, base, base);
    }

    fn aggregate_flat(&mut self, body: &[Spanned<Literal>]) {
        self.kw("{");
        self.literals_flat(body);
        self.sp();
        self.kw("}");
    }

    fn atom(&mut self, atom: &Atom) {
        self.ident(&atom.rel);
        self.kw("(");
        for (i, t) in atom.args.iter().enumerate() {
            if i > 0 {
                self.kw(",");
                self.sp();
            }
            self.spanned(t, &term_text(&t.node));
        }
        self.skip(",");
        self.kw(")");
    }

    /// Expressions are written in order, token by token, so the precedence the parser found
    /// comes back unchanged; parentheses are in the tree.
    fn expr(&mut self, expr: &Spanned<Expr>) {
        match &expr.node {
            Expr::Term(t) => self.spanned(expr, &term_text(t)),
            Expr::Neg(inner) => {
                self.kw("-");
                self.expr(inner);
            }
            Expr::Bin(op, lhs, rhs) => {
                self.expr(lhs);
                self.sp();
                self.kw(op.as_str());
                self.sp();
                self.expr(rhs);
            }
            Expr::Paren(inner) => {
                self.kw("(");
                self.expr(inner);
                self.kw(")");
            }
        }
    }

    // ------------------------------------------------------------ scenarios

    /// `if A and B then BODY`: the head on one line when it fits and holds no comment, else
    /// one change per line with `and` leading, and `then` back at the base indentation.
    fn if_stmt(&mut self, changes: &[Spanned<Change>], body: &Body, base: usize, start: usize) {
        let then_at = lex::skip_trivia(
            self.src,
            changes.last().map_or(start, |c| c.span.end as usize),
        );
        let tail = if body.braced { 2 } else { 0 };
        let flat = self.flat
            || (!self.has_comment(start, then_at)
                && self.fits(
                    self.measure(|p| p.if_head(changes, base, true))
                        .saturating_add(tail),
                ));
        self.if_head(changes, base, flat);
        self.body(body, base);
    }

    fn if_head(&mut self, changes: &[Spanned<Change>], base: usize, flat: bool) {
        self.kw("if");
        self.indent = base + STEP;
        let was_flat = self.flat;
        self.flat = was_flat || flat;
        for (i, c) in changes.iter().enumerate() {
            if i > 0 {
                if flat {
                    self.sp();
                } else {
                    let at = self.next_token();
                    self.item(at);
                }
                self.kw("and");
            }
            self.sp();
            self.change(c);
        }
        self.flat = was_flat;
        if flat {
            self.sp();
        } else {
            let at = self.next_token();
            self.flush(at);
            self.newline();
            self.indent = base;
        }
        self.kw("then");
    }

    /// What follows `then`: a braced block of asks, or one ask on the same line when it fits,
    /// else on the next line one step in.
    fn body(&mut self, body: &Body, base: usize) {
        match body.asks.as_slice() {
            [ask] if !body.braced => {
                let (start, ask_end) = (ask.span.start as usize, self.code_end(ask));
                let inline = self.flat
                    || (!self.has_comment(start, ask_end)
                        && self.fits(1 + self.measure(|p| p.ask(&ask.node, ask_end))));
                if inline {
                    self.sp();
                    self.ask(&ask.node, ask_end);
                } else {
                    let saved = self.indent;
                    self.indent = base + STEP;
                    self.block_start = true;
                    self.item(start);
                    self.ask(&ask.node, ask_end);
                    self.indent = saved;
                }
            }
            asks => {
                // An unbraced body always holds exactly one ask; anything else is written braced.
                self.sp();
                let open = self.next_token();
                let close = self.list_close(asks.last().map(|a| a.span.end as usize), open);
                self.block(close, base, asks, |p, a| {
                    let end = p.code_end(a);
                    p.ask(&a.node, end)
                });
            }
        }
    }

    fn change(&mut self, change: &Spanned<Change>) {
        match &change.node {
            Change::Remove {
                target,
                postfix: false,
            } => {
                self.kw("remove");
                self.sp();
                self.target(target);
            }
            Change::Remove {
                target,
                postfix: true,
            } => {
                self.target(target);
                self.sp();
                self.kw("removed");
            }
            Change::Leaves { target, group } => {
                self.target(target);
                self.sp();
                self.kw("leaves");
                self.sp();
                self.ident(group);
            }
            Change::Joins { target, group } => {
                self.target(target);
                self.sp();
                self.kw("joins");
                self.sp();
                self.ident(group);
            }
            Change::Cancelled { a, b } => {
                self.kw("treaty");
                self.sp();
                self.target(a);
                self.sp();
                self.target(b);
                self.sp();
                self.kw("cancelled");
            }
            Change::Add(stmt) => {
                self.kw("add");
                self.sp();
                self.stmt(stmt);
            }
            Change::SetParam { name, value } => {
                self.kw("set");
                self.sp();
                self.ident(name);
                self.sp();
                self.either(&["=", ":"], "=");
                self.sp();
                self.value(value);
            }
            Change::Set { target, key, value } => {
                self.kw("set");
                self.sp();
                self.target(target);
                self.sp();
                self.ident(key);
                self.either(&[":", "="], ":");
                self.sp();
                self.value(value);
            }
        }
    }

    // ------------------------------------------------------------ leaves

    fn spanned<T>(&mut self, node: &Spanned<T>, text: &str) {
        self.token_at(node.span.start as usize, node.span.end as usize, text);
    }

    fn ident(&mut self, ident: &Ident) {
        self.spanned(ident, ident.node.as_str());
    }

    fn string(&mut self, s: &Spanned<Sym>) {
        self.spanned(s, &quote(s.node.as_str()));
    }

    fn value(&mut self, value: &Spanned<Value>) {
        self.spanned(value, &value_text(&value.node));
    }

    fn target(&mut self, target: &Spanned<Target>) {
        let text = match &target.node {
            Target::Hub => "hub",
            Target::Name(s) => s.as_str(),
        };
        self.spanned(target, text);
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Number(n) => number_text(n),
        Value::Str(s) => quote(s.as_str()),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Name(s) => s.as_str().into(),
    }
}

fn term_text(term: &Term) -> String {
    match term {
        Term::Word(s) | Term::Name(s) => s.as_str().into(),
        Term::Anon => "_".into(),
        Term::Number(n) => number_text(n),
        Term::Str(s) => quote(s.as_str()),
    }
}

/// A number in the unit it was written with: the value divided by the unit's factor, with
/// no trailing zeros and no `_` (`27.4T`, `540B`, `2.5%`, `28500`).
pub fn number_text(n: &Number) -> String {
    let (digits, suffix) = match (n.unit, n.scale) {
        (_, Scale::Trillion) => (12, "T"),
        (_, Scale::Billion) => (9, "B"),
        (_, Scale::Million) => (6, "M"),
        // Money always has a scale when parsed; millions keep the unit if one is built by hand.
        (Unit::Money, Scale::None) => (6, "M"),
        (Unit::Percent, Scale::None) => (0, "%"),
        (Unit::Plain, Scale::None) => (0, ""),
    };
    format!("{}{suffix}", shift_down(n.value, digits))
}

/// `value / 10^digits`, exactly, without trailing zeros.
fn shift_down(value: Decimal, digits: u32) -> Decimal {
    let mut shifted = value;
    if shifted.set_scale(value.scale() + digits).is_ok() {
        return shifted.normalize();
    }
    value
        .checked_div(Decimal::from(10i64.pow(digits)))
        .unwrap_or(value)
        .normalize()
}

/// A string literal with `\"`, `\\` and `\n` escaped.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
