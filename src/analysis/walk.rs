//! Every name, relation and scenario a syntax tree mentions, with its place: one walk over the
//! tree, so definitions, references, rename and hover all read the same list.

use super::{Namespace, Occurrence};
use crate::source::{Span, Spanned, Sym};
use crate::syntax::ast::{
    Ask, Atom, Attr, Body, Change, Conditions, Expr, Literal, Member, Stmt, Target, Term, Value,
};

/// The occurrences in one file's statements, in the order they are written.
pub fn statements(stmts: &[Spanned<Stmt>], out: &mut Vec<Occurrence>) {
    for s in stmts {
        let mut w = Walker { out, stmt: s.span };
        w.stmt(&s.node);
    }
}

struct Walker<'o> {
    out: &'o mut Vec<Occurrence>,
    /// The top-level statement being walked: what hover shows for a definition.
    stmt: Span,
}

impl Walker<'_> {
    fn push(&mut self, ns: Namespace, name: Sym, span: Span, def: bool) {
        self.out.push(Occurrence {
            ns,
            name,
            span,
            def,
            stmt: self.stmt,
        });
    }

    fn name(&mut self, id: &Spanned<Sym>, def: bool) {
        self.push(Namespace::Name, id.node, id.span, def);
    }

    fn names(&mut self, ids: &[Spanned<Sym>]) {
        for id in ids {
            self.name(id, false);
        }
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::NoPrelude | Stmt::Import(_) => {}
            Stmt::State { name, attrs, .. } => {
                self.name(name, true);
                // A state's attributes state facts of relations named by their keys.
                for attr in attrs.iter().flatten() {
                    self.push(Namespace::Relation, attr.key.node, attr.key.span, false);
                    self.value(&attr.value);
                }
            }
            Stmt::Treaty {
                a,
                b,
                attrs,
                conditions,
                ..
            } => {
                self.names(&[*a, *b]);
                self.metadata(attrs.as_deref());
                self.conditions(conditions);
            }
            Stmt::Pact {
                name,
                members,
                attrs,
                conditions,
                ..
            } => {
                self.name(name, true);
                self.members(members);
                self.metadata(attrs.as_deref());
                self.conditions(conditions);
            }
            Stmt::Group { name, members, .. } | Stmt::Bloc { name, members, .. } => {
                self.name(name, true);
                self.members(members);
            }
            Stmt::Partner { a, b, .. } | Stmt::Troops { a, b, .. } => self.names(&[*a, *b]),
            Stmt::Threat { by, targets, .. } => {
                self.name(by, false);
                self.names(targets);
            }
            Stmt::Fact(atom) => self.atom(atom, true),
            Stmt::Rule { head, body } => {
                self.atom(head, true);
                self.literals(body);
            }
            Stmt::Ask(ask) => self.ask(ask),
            Stmt::AsOf(_) => {}
            Stmt::SetParam { name, value } => {
                self.push(Namespace::Relation, name.node, name.span, false);
                self.value(value);
            }
            Stmt::Scenario {
                name,
                changes,
                body,
                ..
            } => {
                self.push(Namespace::Scenario, name.node, name.span, true);
                self.changes(changes);
                if let Some(body) = body {
                    self.body(body);
                }
            }
            Stmt::If { changes, body } => {
                self.changes(changes);
                self.body(body);
            }
        }
    }

    fn members(&mut self, members: &[Member]) {
        let names: Vec<_> = members.iter().map(|m| m.name).collect();
        self.names(&names);
    }

    /// The states a duty is limited to (`against France`) are references; regions are values.
    fn conditions(&mut self, conditions: &Conditions) {
        if let Some(against) = &conditions.against {
            self.names(&against.node);
        }
        for r in conditions.regions.iter().flat_map(|r| &r.node) {
            self.value(&Spanned::new(Value::Name(r.node), r.span));
        }
    }

    /// A treaty's or pact's `{ name: "ANZUS" }`: only a name as a value refers to anything.
    fn metadata(&mut self, attrs: Option<&[Attr]>) {
        for attr in attrs.into_iter().flatten() {
            self.value(&attr.value);
        }
    }

    fn value(&mut self, value: &Spanned<Value>) {
        if let Value::Name(n) = value.node {
            self.push(Namespace::Name, n, value.span, false);
        }
    }

    fn atom(&mut self, atom: &Atom, def: bool) {
        self.push(Namespace::Relation, atom.rel.node, atom.rel.span, def);
        for arg in &atom.args {
            if let Term::Name(n) = arg.node {
                self.push(Namespace::Name, n, arg.span, false);
            }
        }
    }

    fn literals(&mut self, literals: &[Spanned<Literal>]) {
        for lit in literals {
            match &lit.node {
                Literal::Atom(a) | Literal::Not(a) => self.atom(a, false),
                Literal::Compare { lhs, rhs, .. } => {
                    self.expr(lhs);
                    self.expr(rhs);
                }
                Literal::Aggregate { expr, body, .. } => {
                    self.expr(expr);
                    self.literals(body);
                }
            }
        }
    }

    fn expr(&mut self, expr: &Spanned<Expr>) {
        match &expr.node {
            Expr::Term(Term::Name(n)) => self.push(Namespace::Name, *n, expr.span, false),
            Expr::Term(_) => {}
            Expr::Neg(e) | Expr::Paren(e) => self.expr(e),
            Expr::Bin(_, a, b) => {
                self.expr(a);
                self.expr(b);
            }
        }
    }

    fn ask(&mut self, ask: &Ask) {
        match ask {
            Ask::Query(literals) | Ask::Expect { literals, .. } => self.literals(literals),
            Ask::Why(atom) => self.atom(atom, false),
        }
    }

    fn body(&mut self, body: &Body) {
        for ask in &body.asks {
            self.ask(&ask.node);
        }
    }

    fn target(&mut self, target: &Spanned<Target>) {
        if let Target::Name(n) = target.node {
            self.push(Namespace::Name, n, target.span, false);
        }
    }

    fn changes(&mut self, changes: &[Spanned<Change>]) {
        for change in changes {
            match &change.node {
                Change::Remove { target, .. } => self.target(target),
                Change::Leaves { target, group } | Change::Joins { target, group } => {
                    self.target(target);
                    self.name(group, false);
                }
                Change::Cancelled { a, b } => {
                    self.target(a);
                    self.target(b);
                }
                Change::Add(stmt) => self.stmt(&stmt.node),
                Change::Set { target, key, value } => {
                    self.target(target);
                    self.push(Namespace::Relation, key.node, key.span, false);
                    self.value(value);
                }
                Change::SetParam { name, value } => {
                    self.push(Namespace::Relation, name.node, name.span, false);
                    self.value(value);
                }
                Change::AsOf(_) => {}
            }
        }
    }
}
