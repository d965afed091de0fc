//! Rules, queries and expectations: terms classified (variable or constant word), relations
//! and arities checked, safety (every variable given a value somewhere in the body, whose
//! literals are lowered in an order where each follows what it needs: `safety.rs`) and static
//! units.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;

use super::atoms::arg_name;
use super::safety;
use super::Ctx;
use crate::diag::{Code, Diag};
use crate::program::{self as ir, Const, Origin, RelId, Term};
use crate::source::{Span, Spanned, Sym};
use crate::syntax::ast::{self, CmpOp, Unit};
use crate::syntax::lex::KEYWORDS;
use crate::theory::rels;
use crate::units;

/// The most conditions a rule or question may have (see `too_many_conditions`).
pub const MAX_CONDITIONS: usize = 256;

/// Variables of one rule or query: their numbers, which are bound so far, and known units.
#[derive(Default)]
pub(super) struct Scope {
    pub(super) vars: IndexMap<Sym, u32>,
    pub(super) bound: Vec<bool>,
    pub(super) units: HashMap<u32, Unit>,
    /// Variables bound at the top level (outside aggregates), in order.
    pub(super) shown: Vec<u32>,
    pub(super) depth: usize,
    pub(super) warned: Vec<Sym>,
    /// Variables local to one negated atom (and those alone under `not`, reported already).
    pub(super) local: HashSet<Sym>,
    /// Variables the levels around the body being lowered mention: the head's, and for an
    /// aggregate's braces, the body's around them.
    pub(super) visible: HashSet<Sym>,
    /// In an `expect`, where a variable spelled like a name silently matches anything.
    pub(super) in_expect: bool,
}

impl Scope {
    pub(super) fn var(&mut self, name: Sym) -> u32 {
        let next = self.vars.len() as u32;
        let id = *self.vars.entry(name).or_insert(next);
        if id as usize >= self.bound.len() {
            self.bound.push(false);
        }
        id
    }

    pub(super) fn is_bound(&self, id: u32) -> bool {
        self.bound.get(id as usize).copied().unwrap_or(false)
    }

    pub(super) fn bind(&mut self, id: u32) {
        if let Some(b) = self.bound.get_mut(id as usize) {
            if !*b && self.depth == 0 && !self.shown.contains(&id) {
                self.shown.push(id);
            }
            *b = true;
        }
    }

    pub(super) fn names(&self) -> Vec<Sym> {
        self.vars.keys().copied().collect()
    }

    pub(super) fn bound_names(&self) -> HashSet<Sym> {
        self.vars
            .iter()
            .filter(|(_, id)| self.is_bound(**id))
            .map(|(name, _)| *name)
            .collect()
    }
}

impl Ctx {
    /// `threatens(t, x) if threatens_all(t, g), member(x, g)`: a threat against a pact, group
    /// or bloc reaches whoever is a member in the world being evaluated.
    pub(super) fn language_rules(&mut self) {
        let span = Span::default();
        let atom = |rel: RelId, a: u32, b: u32| ir::Atom {
            rel,
            args: vec![Term::Var(a), Term::Var(b)],
            span,
        };
        // The same holds of a provoked threat: `provoked(t, x) if provoked_all(t, g), member(x, g)`.
        for (one, all) in [
            (rels::THREATENS, rels::THREATENS_ALL),
            (rels::PROVOKED, rels::PROVOKED_ALL),
        ] {
            let (Some(one), Some(all), Some(member)) = (
                self.program.relation(one),
                self.program.relation(all),
                self.program.relation(rels::MEMBER),
            ) else {
                continue;
            };
            self.program.rules.push(ir::Rule {
                head: atom(one, 0, 2),
                body: vec![
                    ir::Literal::Pos(atom(all, 0, 1)),
                    ir::Literal::Pos(atom(member, 2, 1)),
                ],
                vars: vec![Sym::new("t"), Sym::new("g"), Sym::new("x")],
                span,
                origin: Origin::Language,
            });
        }
    }

    pub(super) fn rule(&mut self, head: &ast::Atom, body: &[Spanned<ast::Literal>], span: Span) {
        if body.is_empty() {
            // `rule calm()` is a fact.
            let rel = self.program.relation_ids.get(&head.rel.node).copied();
            if let Some(args) = self.constants(head) {
                self.add_fact(rel, args, span);
            }
            return;
        }
        if self.too_many_conditions(body, "rule") {
            return;
        }
        let mut scope = Scope::default();
        let alone = self.prepare(&head.args, body, &mut scope);
        let Some(lowered) = self.body(body, &mut scope) else {
            return;
        };
        let Some(head_atom) = self.head(head, &mut scope) else {
            return;
        };
        if !alone {
            return;
        }
        for (i, arg) in head_atom.args.iter().enumerate() {
            if let Term::Var(v) = arg {
                if let Some(unit) = scope.units.get(v) {
                    self.column_units.entry((head_atom.rel, i)).or_insert(*unit);
                }
            }
        }
        self.program.rules.push(ir::Rule {
            head: head_atom,
            body: lowered,
            vars: scope.names(),
            span,
            origin: self.origin,
        });
    }

    fn head(&mut self, head: &ast::Atom, scope: &mut Scope) -> Option<ir::Atom> {
        // A head of the wrong arity was reported when its relation was registered.
        let known = self
            .program
            .relation_ids
            .get(&head.rel.node)
            .map(|r| self.program.rel(*r).arity);
        if known.is_some_and(|a| a != head.args.len()) {
            return None;
        }
        let rel = self.relation(head)?;
        let mut args = Vec::new();
        let mut ok = true;
        for arg in &head.args {
            let term = self.term(arg, scope)?;
            match term {
                Term::Var(v) if !scope.is_bound(v) => {
                    ok = false;
                    self.unsafe_var(arg.span, &arg_name(arg), "in the conclusion");
                }
                Term::Anon => {
                    ok = false;
                    self.diags.push(
                        Diag::error(Code::UnsafeVariable, "`_` cannot be in a rule's conclusion")
                            .label(arg.span, "a conclusion must say who")
                            .help("name the variable and bind it in the body, or write a constant"),
                    );
                }
                _ => {}
            }
            args.push(term);
        }
        ok.then_some(ir::Atom {
            rel,
            args,
            span: head.span,
        })
    }

    /// A query or expectation. `extra` is a scenario's own names (declared by its `add`s).
    pub(super) fn ask(
        &mut self,
        ask: &ast::Ask,
        span: Span,
        _extra: Option<()>,
    ) -> Option<ir::Ask> {
        match ask {
            ast::Ask::Query(lits) => Some(ir::Ask::Query(self.query(lits, span, false)?)),
            ast::Ask::Expect { negated, literals } => Some(ir::Ask::Expect {
                negated: *negated,
                query: self.query(literals, span, true)?,
            }),
            ast::Ask::Why(atom) => {
                let mut scope = Scope::default();
                let rel = self.relation(atom)?;
                let mut args = Vec::new();
                for arg in &atom.args {
                    match self.term(arg, &mut scope)? {
                        Term::Const(c) => args.push(Term::Const(c)),
                        _ => {
                            self.diags.push(
                                Diag::error(Code::NotGround, "`? why` explains one fact: every argument must be given")
                                    .label(arg.span, "not a constant")
                                    .help(format!(
                                        "find the answers first with `? {}(...)`, then ask why about one of them",
                                        atom.rel.node
                                    )),
                            );
                            return None;
                        }
                    }
                }
                Some(ir::Ask::Why(ir::Atom {
                    rel,
                    args,
                    span: atom.span,
                }))
            }
        }
    }

    fn query(
        &mut self,
        lits: &[Spanned<ast::Literal>],
        span: Span,
        expect: bool,
    ) -> Option<ir::Query> {
        if self.too_many_conditions(lits, "question") {
            return None;
        }
        let mut scope = Scope {
            in_expect: expect,
            ..Scope::default()
        };
        let alone = self.prepare(&[], lits, &mut scope);
        let body = self.body(lits, &mut scope)?;
        if !alone {
            return None;
        }
        let names = scope.names();
        // In order of first appearance, whatever order the body is evaluated in.
        let mut shown: Vec<u32> = scope
            .shown
            .iter()
            .copied()
            .filter(|v| !names[*v as usize].as_str().is_empty())
            .collect();
        shown.sort_unstable();
        Some(ir::Query {
            body,
            vars: names,
            shown,
            span,
        })
    }

    /// A body of more than [`MAX_CONDITIONS`] conditions (those of its aggregates included)
    /// is refused: the engine joins one condition inside the other, and no person writes so
    /// many.
    fn too_many_conditions(&mut self, lits: &[Spanned<ast::Literal>], what: &str) -> bool {
        fn count(lits: &[Spanned<ast::Literal>]) -> usize {
            lits.iter()
                .map(|l| match &l.node {
                    ast::Literal::Aggregate { body, .. } => 1 + count(body),
                    _ => 1,
                })
                .sum()
        }
        let n = count(lits);
        let (Some(first), Some(last)) = (lits.first(), lits.last()) else {
            return false;
        };
        if n <= MAX_CONDITIONS {
            return false;
        }
        self.diags.push(
            Diag::error(
                Code::TooDeep,
                format!("this {what} has {n} conditions; at most {MAX_CONDITIONS} are allowed"),
            )
            .label(first.span.to(last.span), "too many conditions")
            .help("split it: give part of the conditions a rule of their own, and use that relation here"),
        );
        true
    }

    /// Whether a lower-case word is a variable rather than a constant word or a keyword.
    fn is_var(&self, w: Sym) -> bool {
        self.constant_word(w).is_none() && !KEYWORDS.contains(&w.as_str())
    }

    /// Numbers the variables of a rule or query in order of first appearance, finds those
    /// local to a negated atom and reports those alone under `not`; false if there are any.
    fn prepare(
        &mut self,
        head: &[Spanned<ast::Term>],
        body: &[Spanned<ast::Literal>],
        scope: &mut Scope,
    ) -> bool {
        let is_var = |w: Sym| self.is_var(w);
        let mut names = Vec::new();
        safety::first_seen(body, &is_var, &mut names);
        for t in head {
            if let ast::Term::Word(w) = t.node {
                if is_var(w) {
                    scope.visible.insert(w);
                    if !names.contains(&w) {
                        names.push(w);
                    }
                }
            }
        }
        let negated = safety::negated(head, body, &is_var);
        for name in names {
            scope.var(name);
        }
        scope.local = negated.local;
        for (var, span) in &negated.lone {
            self.diags.push(
                Diag::error(
                    Code::LoneNegatedVariable,
                    format!("`{var}` appears only here, under `not`"),
                )
                .label(*span, "a variable named once, so it stands for no value in particular")
                .help(format!(
                    "write `_` instead of `{var}` to mean \"any value\" (`not defends(_, x)`: nobody defends x); if `{var}` should be the same as a variable used elsewhere, check its spelling"
                )),
            );
        }
        negated.lone.is_empty()
    }

    /// Lowers a body in an order where each literal follows what gives its variables values
    /// (`safety::plan`); the literals keep their spans, so explanations cite them as written.
    fn body(
        &mut self,
        lits: &[Spanned<ast::Literal>],
        scope: &mut Scope,
    ) -> Option<Vec<ir::Literal>> {
        let plan = {
            let is_var = |w: Sym| self.is_var(w);
            safety::plan(
                lits,
                &scope.bound_names(),
                &scope.visible,
                &scope.local,
                &is_var,
            )
        };
        let errors = self.diags.iter().filter(|d| d.is_error()).count();
        let mut out = Vec::new();
        let mut ok = true;
        let mut missing = Vec::new();
        for (k, &i) in plan.order.iter().enumerate() {
            if k + plan.stuck >= plan.order.len() {
                let bound = scope.bound_names();
                let lacks = plan.needs[i].iter().filter(|v| !bound.contains(v));
                missing.extend(lacks.map(|v| (i, *v)));
            }
            let outer = plan
                .outside
                .get(&i)
                .map(|seen| std::mem::replace(&mut scope.visible, seen.clone()));
            let lowered = self.literal(&lits[i], scope);
            if let Some(outer) = outer {
                scope.visible = outer;
            }
            match lowered {
                Some(l) => out.push(l),
                None => ok = false,
            }
        }
        // Only aggregates can be stuck without an error of their own: their braces share a
        // variable with the body around them that nothing there gives a value first (two
        // aggregates may each wait for the other's result).
        let reported = self.diags.iter().filter(|d| d.is_error()).count() > errors;
        if !missing.is_empty() {
            ok = false;
        }
        if !reported {
            for (i, var) in missing {
                let span = {
                    let is_var = |w: Sym| self.is_var(w);
                    safety::first_span(&lits[i], var, &is_var)
                };
                self.unsafe_var(span, var.as_str(), "outside the braces");
            }
        }
        ok.then_some(out)
    }

    fn literal(&mut self, lit: &Spanned<ast::Literal>, scope: &mut Scope) -> Option<ir::Literal> {
        match &lit.node {
            ast::Literal::Atom(atom) => {
                let Some(a) = self.atom(atom, scope) else {
                    // Bind the variables anyway, so one unknown relation is one error, not
                    // also an "unbound variable" wherever its variables are used.
                    for arg in &atom.args {
                        if let ast::Term::Word(w) = arg.node {
                            if self.constant_word(w).is_none() && !KEYWORDS.contains(&w.as_str()) {
                                let v = scope.var(w);
                                scope.bind(v);
                            }
                        }
                    }
                    return None;
                };
                for (i, arg) in a.args.iter().enumerate() {
                    if let Term::Var(v) = arg {
                        if let Some(unit) = self.column_units.get(&(a.rel, i)) {
                            scope.units.entry(*v).or_insert(*unit);
                        }
                        scope.bind(*v);
                    }
                }
                Some(ir::Literal::Pos(a))
            }
            ast::Literal::Not(atom) => {
                let a = self.atom(atom, scope)?;
                let mut ok = true;
                for (arg, term) in atom.args.iter().zip(&a.args) {
                    if let (Term::Var(v), ast::Term::Word(w)) = (term, &arg.node) {
                        if !scope.is_bound(*v) && !scope.local.contains(w) {
                            ok = false;
                            self.unsafe_var(arg.span, &arg_name(arg), "under `not`");
                        }
                    }
                }
                ok.then_some(ir::Literal::Neg(a))
            }
            ast::Literal::Compare { op, lhs, rhs } => self.compare(op, lhs, rhs, lit.span, scope),
            ast::Literal::Aggregate {
                var,
                op,
                expr,
                body,
            } => {
                let name = Spanned::new(ast::Term::Word(var.node), var.span);
                let Term::Var(v) = self.term(&name, scope)? else {
                    self.diags.push(
                        Diag::error(
                            Code::UnsafeVariable,
                            format!("`{}` is a constant, not a variable", var.node),
                        )
                        .label(var.span, "the result of an aggregate needs a variable"),
                    );
                    return None;
                };
                let before = scope.bound.clone();
                scope.depth += 1;
                let inner = self.body(body, scope);
                let value = self.expr(expr, scope);
                scope.depth -= 1;
                scope.bound = before;
                scope.bound.resize(scope.vars.len(), false);
                let (inner, (value, unit)) = (inner?, value?);
                let expr_unit = unit;
                let unit = if op.node == ast::AggOp::Count {
                    Some(Unit::Plain)
                } else {
                    unit
                };
                if let Some(unit) = unit {
                    scope.units.insert(v, unit);
                }
                scope.bind(v);
                Some(ir::Literal::Aggregate {
                    var: v,
                    op: op.node,
                    expr: value,
                    body: inner,
                    unit: expr_unit,
                    span: lit.span,
                })
            }
        }
    }

    fn compare(
        &mut self,
        op: &Spanned<CmpOp>,
        lhs: &Spanned<ast::Expr>,
        rhs: &Spanned<ast::Expr>,
        span: Span,
        scope: &mut Scope,
    ) -> Option<ir::Literal> {
        // `v = e` with v not yet bound assigns; otherwise `=` compares.
        if op.node == CmpOp::Eq {
            if let ast::Expr::Term(ast::Term::Word(w)) = &lhs.node {
                if self.constant_word(*w).is_none() && !KEYWORDS.contains(&w.as_str()) {
                    let name = Spanned::new(ast::Term::Word(*w), lhs.span);
                    if let Some(Term::Var(v)) = self.term(&name, scope) {
                        if !scope.is_bound(v) {
                            let Some((value, unit)) = self.expr(rhs, scope) else {
                                // Bound all the same: one error, not one more wherever `v` is used.
                                scope.bind(v);
                                return None;
                            };
                            if let Some(unit) = unit {
                                scope.units.insert(v, unit);
                            }
                            scope.bind(v);
                            return Some(ir::Literal::Assign {
                                var: v,
                                expr: value,
                                span,
                            });
                        }
                    }
                }
            }
        }
        let left = self.expr(lhs, scope);
        let right = self.expr(rhs, scope);
        let ((l, lu), (r, ru)) = (left?, right?);
        if let (Some(a), Some(b)) = (lu, ru) {
            if !units::comparable(a, b) {
                self.diags.push(
                    Diag::error(Code::UnitMismatch, format!("cannot compare {} with {}", units::describe(a), units::describe(b)))
                        .label(lhs.span, units::describe(a))
                        .label(rhs.span, units::describe(b))
                        .help("compare like with like: money with money (`1T`), percentages with percentages (`2%`), plain numbers with plain numbers"),
                );
                return None;
            }
        }
        Some(ir::Literal::Compare {
            op: op.node,
            lhs: l,
            rhs: r,
            span,
        })
    }

    /// An expression whose variables must all be bound; returns it with its unit if known.
    fn expr(
        &mut self,
        e: &Spanned<ast::Expr>,
        scope: &mut Scope,
    ) -> Option<(ir::Expr, Option<Unit>)> {
        match &e.node {
            ast::Expr::Paren(inner) => self.expr(inner, scope),
            ast::Expr::Neg(inner) => {
                let (x, u) = self.expr(inner, scope)?;
                Some((ir::Expr::Neg(Box::new(x), e.span), u))
            }
            ast::Expr::Bin(op, a, b) => {
                let left = self.expr(a, scope);
                let right = self.expr(b, scope);
                let ((x, xu), (y, yu)) = (left?, right?);
                let unit = match (xu, yu) {
                    (Some(p), Some(q)) => match units::combine(*op, p, q) {
                        Some(u) => Some(u),
                        None => {
                            self.diags.push(
                                Diag::error(
                                    Code::UnitMismatch,
                                    format!("cannot apply `{}` to {} and {}", op.as_str(), units::describe(p), units::describe(q)),
                                )
                                .label(a.span, units::describe(p))
                                .label(b.span, units::describe(q))
                                .help("money adds to money and divides by money into a plain ratio; percentages add to percentages"),
                            );
                            return None;
                        }
                    },
                    _ => None,
                };
                Some((ir::Expr::Bin(*op, Box::new(x), Box::new(y), e.span), unit))
            }
            ast::Expr::Term(t) => {
                let spanned = Spanned::new(t.clone(), e.span);
                let term = self.term(&spanned, scope)?;
                let unit = match term {
                    Term::Var(v) => {
                        if !scope.is_bound(v) {
                            self.unsafe_var(e.span, &arg_name(&spanned), "in a comparison");
                            return None;
                        }
                        scope.units.get(&v).copied()
                    }
                    Term::Anon => {
                        self.diags.push(
                            Diag::error(Code::UnsafeVariable, "`_` has no value to compute with")
                                .label(e.span, "`_` means \"anything\" in a relation only")
                                .help("name the value with a variable bound earlier, such as `gdp(x, g)`, and use `g`"),
                        );
                        return None;
                    }
                    Term::Const(Const::Num(_, u)) => Some(u),
                    Term::Const(_) => None,
                };
                Some((ir::Expr::Term(term, e.span), unit))
            }
        }
    }
}
