//! The file and its statements: the blank lines between groups of statements, and each
//! statement's layout (declarations, their attributes and member lists, threats, facts, rules'
//! heads, scenario blocks).

use super::leaves::number_text;
use super::{Printer, STEP};
use crate::source::{Spanned, Sym};
use crate::syntax::ast::{Attr, Body, Change, File, Ident, Obligation, Stmt};

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

impl Printer<'_> {
    // ------------------------------------------------------------ the file

    pub(super) fn file(&mut self, file: &File) {
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
    pub(super) fn stmt(&mut self, stmt: &Spanned<Stmt>) {
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
    pub(super) fn head(&mut self, keyword: &str, base: usize) {
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
}
