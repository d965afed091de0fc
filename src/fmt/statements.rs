//! The file and its statements: the blank lines between groups of statements, and each
//! statement's layout (declarations, their attributes and member lists, threats, facts, rules'
//! heads, scenario blocks).

use super::leaves::number_text;
use super::{Printer, STEP};
use crate::source::Span;
use crate::source::{Spanned, Sym};
use crate::syntax::ast::{
    Attr, Body, Change, Conditions, Dates, File, Ident, Member, Obligation, Stmt,
};

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
        Stmt::Fact(_) | Stmt::SetParam { .. } | Stmt::AsOf(_) => Kind::Fact,
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
                dates,
                attrs,
            } => {
                self.head("state", base);
                self.ident(name);
                if let Some(d) = display {
                    self.sp();
                    self.string(d);
                }
                self.clauses(dates, None, None);
                self.opt_attrs(attrs.as_deref(), base);
            }
            Stmt::Treaty {
                a,
                b,
                direction,
                obligation,
                conditions,
                dates,
                attrs,
            } => {
                self.head("treaty", base);
                self.ident(a);
                self.sp();
                self.ident(b);
                self.sp();
                self.spanned(direction, direction.node.as_str());
                self.obligation(obligation.as_ref());
                self.clauses(dates, Some(conditions), None);
                self.opt_attrs(attrs.as_deref(), base);
            }
            Stmt::Pact {
                name,
                obligation,
                conditions,
                dates,
                members,
                attrs,
            } => {
                self.head("pact", base);
                self.ident(name);
                self.obligation(obligation.as_ref());
                self.clauses(dates, Some(conditions), None);
                self.sp();
                // The members stay on one line only if the attributes after them fit too.
                let attrs = attrs.as_deref();
                let rest = attrs.map_or(0, |a| 1 + self.measure(|p| p.attrs_flat(a)));
                self.members(members, base, rest);
                self.opt_attrs(attrs, base);
            }
            Stmt::Group {
                name,
                kinds,
                dates,
                members,
            } => self.group("group", name, kinds, dates, members, base),
            Stmt::Bloc {
                name,
                dates,
                members,
            } => self.group("bloc", name, &[], dates, members, base),
            Stmt::Partner { a, b, dates } => {
                self.head("partner", base);
                self.ident(a);
                self.sp();
                self.ident(b);
                self.clauses(dates, None, None);
            }
            Stmt::Threat {
                by,
                targets,
                provoked,
                dates,
            } => {
                self.head("threat", base);
                self.ident(by);
                self.sp();
                self.kw("against");
                self.targets(targets);
                self.clauses(dates, None, *provoked);
            }
            Stmt::Troops { a, b, count, dates } => {
                self.head("troops", base);
                self.ident(a);
                self.sp();
                self.kw("in");
                self.sp();
                self.ident(b);
                self.sp();
                let text = self.grouped_as_written(count.span, number_text(&count.node));
                self.spanned(count, &text);
                self.clauses(dates, None, None);
            }
            Stmt::AsOf(year) => self.as_of(year),
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

    /// A `group` (with its kinds) or a `bloc` (with none).
    fn group(
        &mut self,
        keyword: &str,
        name: &Ident,
        kinds: &[Ident],
        dates: &Dates,
        members: &[Member],
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
        self.clauses(dates, None, None);
        self.sp();
        self.members(members, base, 0);
    }

    /// `as of 1962`, as a statement or a change.
    pub(super) fn as_of(&mut self, year: &Spanned<i32>) {
        self.kw("as");
        self.sp();
        self.kw("of");
        self.sp();
        self.spanned(year, &year.node.to_string());
    }

    /// The clauses of years and conditions, in the order the source has them (so a comment
    /// between them stays where it was).
    fn clauses(&mut self, dates: &Dates, conditions: Option<&Conditions>, provoked: Option<Span>) {
        enum Clause<'a> {
            Year(&'static str, Spanned<i32>),
            Names(&'static str, &'a [Ident]),
            Words(&'static [&'static str]),
        }
        let mut clauses: Vec<(u32, Clause)> = Vec::new();
        for (word, year) in [("from", dates.from), ("until", dates.until)] {
            if let Some(y) = year {
                clauses.push((y.span.start, Clause::Year(word, y)));
            }
        }
        if let Some(c) = conditions {
            for (word, list) in [("against", &c.against), ("in", &c.regions)] {
                if let Some(l) = list {
                    clauses.push((l.span.start, Clause::Names(word, &l.node)));
                }
            }
            if let Some(s) = c.unless_provoked {
                clauses.push((s.start, Clause::Words(&["unless", "provoked"])));
            }
            if let Some(s) = c.secret {
                clauses.push((s.start, Clause::Words(&["secret"])));
            }
        }
        if let Some(s) = provoked {
            clauses.push((s.start, Clause::Words(&["provoked"])));
        }
        clauses.sort_by_key(|(start, _)| *start);
        for (_, clause) in clauses {
            self.sp();
            match clause {
                Clause::Year(word, y) => {
                    self.kw(word);
                    self.sp();
                    self.spanned(&y, &y.node.to_string());
                }
                Clause::Names(word, names) => {
                    self.kw(word);
                    for (i, n) in names.iter().enumerate() {
                        if i > 0 {
                            self.glue(",");
                        }
                        self.sp();
                        self.ident(n);
                    }
                }
                Clause::Words(words) => {
                    for (i, w) in words.iter().enumerate() {
                        if i > 0 {
                            self.sp();
                        }
                        self.kw(w);
                    }
                }
            }
        }
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
        let close = self.list_close(attrs.last().map(attr_end), open);
        let flat = self.flat
            || (!self.has_comment(open, close) && self.fits(self.measure(|p| p.attrs_flat(attrs))));
        if flat {
            return self.attrs_flat(attrs);
        }
        self.kw("{");
        let saved = self.indent;
        self.open_block(base);
        for a in attr_groups(attrs) {
            self.item(a[0].key.span.start as usize);
            self.attr(a);
            self.skip(",");
        }
        self.close_block(close, base, saved);
    }

    fn attrs_flat(&mut self, attrs: &[Attr]) {
        self.kw("{");
        for (i, a) in attr_groups(attrs).into_iter().enumerate() {
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

    /// `key: value`, or a dated value's pairs: `key: 1.8% @2016 2.5% @2024`.
    fn attr(&mut self, group: &[Attr]) {
        self.ident(&group[0].key);
        self.kw(":");
        for (i, attr) in group.iter().enumerate() {
            if i > 0 {
                // A second `key:` of the same dated value is written as one list.
                if self.next_is(attr.key.node.as_str()).is_some() {
                    self.skip(attr.key.node.as_str());
                    self.skip(":");
                }
            }
            self.sp();
            self.value(&attr.value);
            if let Some(at) = attr.at {
                self.sp();
                self.kw("@");
                self.spanned(&at, &at.node.to_string());
            }
        }
    }

    /// `{ A, B }` on the line when it and `rest` more columns fit and no comment is inside;
    /// else one member per line, each with a comma.
    fn members(&mut self, members: &[Member], base: usize, rest: usize) {
        let open = self.next_token();
        let close = self.list_close(members.last().map(member_end), open);
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
                self.ident(&m.name);
                self.clauses(&m.dates, None, None);
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
            self.item(m.name.span.start as usize);
            self.ident(&m.name);
            self.clauses(&m.dates, None, None);
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

/// The attributes as written, a dated value's pairs together (`spending: 1.8% @2016 2.5% @2024`
/// is two `Attr`s with one key).
fn attr_groups(attrs: &[Attr]) -> Vec<&[Attr]> {
    let mut out: Vec<&[Attr]> = Vec::new();
    let mut start = 0;
    for i in 1..=attrs.len() {
        let joined = i < attrs.len()
            && attrs[i].at.is_some()
            && attrs[i - 1].at.is_some()
            && attrs[i].key.node == attrs[i - 1].key.node;
        if !joined {
            out.push(&attrs[start..i]);
            start = i;
        }
    }
    out
}

/// Where an attribute ends in the source: its value, or the year of a dated value.
fn attr_end(attr: &Attr) -> usize {
    attr.at.map_or(attr.value.span.end, |at| at.span.end) as usize
}

/// Where a member ends in the source: its name, or its last year.
fn member_end(member: &Member) -> usize {
    [
        Some(member.name.span),
        member.dates.from.map(|y| y.span),
        member.dates.until.map(|y| y.span),
    ]
    .into_iter()
    .flatten()
    .map(|s| s.end as usize)
    .max()
    .unwrap_or(0)
}
