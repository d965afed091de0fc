//! Scenarios and what-ifs: the head of an `if`, the body after `then`, and each change.

use super::{Printer, STEP};
use crate::source::Spanned;
use crate::syntax::ast::{Body, Change};
use crate::syntax::lex;

impl Printer<'_> {
    /// `if A and B then BODY`: the head on one line when it fits and holds no comment, else
    /// one change per line with `and` leading, and `then` back at the base indentation.
    pub(super) fn if_stmt(
        &mut self,
        changes: &[Spanned<Change>],
        body: &Body,
        base: usize,
        start: usize,
    ) {
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
    pub(super) fn body(&mut self, body: &Body, base: usize) {
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

    pub(super) fn change(&mut self, change: &Spanned<Change>) {
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
            Change::AsOf(year) => self.as_of(year),
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
}
