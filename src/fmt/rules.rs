//! Rules and queries: the literals after `if`, `?` and `expect`, aggregates, atoms and
//! arithmetic expressions.

use super::leaves::term_text;
use super::{Printer, STEP};
use crate::source::Spanned;
use crate::syntax::ast::{Ask, Atom, Expr, Literal};

impl Printer<'_> {
    pub(super) fn ask(&mut self, ask: &Ask, end: usize) {
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
    pub(super) fn literal_list(
        &mut self,
        literals: &[Spanned<Literal>],
        end: usize,
        first_inline: bool,
    ) {
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

    pub(super) fn atom(&mut self, atom: &Atom) {
        self.ident(&atom.rel);
        self.kw("(");
        for (i, t) in atom.args.iter().enumerate() {
            if i > 0 {
                self.kw(",");
                self.sp();
            }
            let text = self.grouped_as_written(t.span, term_text(&t.node));
            self.spanned(t, &text);
        }
        self.skip(",");
        self.kw(")");
    }

    /// Expressions are written in order, token by token, so the precedence the parser found
    /// comes back unchanged; parentheses are in the tree.
    fn expr(&mut self, expr: &Spanned<Expr>) {
        match &expr.node {
            Expr::Term(t) => {
                let text = self.grouped_as_written(expr.span, term_text(t));
                self.spanned(expr, &text)
            }
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
}
