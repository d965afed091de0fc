//! Safety of a body as a whole. A body is a conjunction, so its literals may come in any order
//! (`not x(a), y(a)` is `y(a), not x(a)`): this module finds the variables local to one
//! negated atom, the named variables that stand alone under `not` (almost always a slip), and
//! an order of the literals in which each comes after whatever gives its variables their
//! values. The checker lowers the body in that order, so the engine, the queries and the
//! explanations all evaluate a body whose every literal has what it needs.

use std::collections::{HashMap, HashSet};

use crate::source::{Span, Spanned, Sym};
use crate::syntax::ast::{self, CmpOp};

/// Whether a lower-case word is a variable (not a constant word such as `mutual`).
pub(super) type IsVar<'a> = &'a dyn Fn(Sym) -> bool;

/// A variable's occurrence, and the negated atom it is in (numbered in written order).
struct Occurrence {
    var: Sym,
    span: Span,
    negated: Option<usize>,
}

/// What `not` alone mentions in a rule or query.
#[derive(Default)]
pub(super) struct Negated {
    /// Variables that appear twice or more in one negated atom and nowhere else: local to it
    /// (`not r(x, p, p)`: no `p` with `r(x, p, p)`).
    pub local: HashSet<Sym>,
    /// Named variables that appear once in the whole rule, under `not`, with their place.
    pub lone: Vec<(Sym, Span)>,
}

/// The variables of `head` (if any) and `body` that only `not` mentions.
pub(super) fn negated(
    head: &[Spanned<ast::Term>],
    body: &[Spanned<ast::Literal>],
    is_var: IsVar,
) -> Negated {
    let mut all = Vec::new();
    for t in head {
        term_occurrence(t, None, is_var, &mut all);
    }
    occurrences(body, &mut 0, is_var, &mut all);
    let mut by_var: HashMap<Sym, Vec<&Occurrence>> = HashMap::new();
    for o in &all {
        by_var.entry(o.var).or_default().push(o);
    }
    let mut out = Negated::default();
    for o in &all {
        let seen = &by_var[&o.var];
        let Some(atom) = o.negated else { continue };
        if !seen.iter().all(|s| s.negated == Some(atom)) {
            continue;
        }
        if seen.len() == 1 {
            out.lone.push((o.var, o.span));
            out.local.insert(o.var);
        } else {
            out.local.insert(o.var);
        }
    }
    out
}

fn occurrences(
    lits: &[Spanned<ast::Literal>],
    atoms: &mut usize,
    is_var: IsVar,
    out: &mut Vec<Occurrence>,
) {
    for lit in lits {
        match &lit.node {
            ast::Literal::Atom(a) => {
                for t in &a.args {
                    term_occurrence(t, None, is_var, out);
                }
            }
            ast::Literal::Not(a) => {
                for t in &a.args {
                    term_occurrence(t, Some(*atoms), is_var, out);
                }
                *atoms += 1;
            }
            ast::Literal::Compare { lhs, rhs, .. } => {
                expr_occurrences(lhs, is_var, out);
                expr_occurrences(rhs, is_var, out);
            }
            ast::Literal::Aggregate {
                var, expr, body, ..
            } => {
                if is_var(var.node) {
                    out.push(Occurrence {
                        var: var.node,
                        span: var.span,
                        negated: None,
                    });
                }
                expr_occurrences(expr, is_var, out);
                occurrences(body, atoms, is_var, out);
            }
        }
    }
}

fn term_occurrence(
    t: &Spanned<ast::Term>,
    negated: Option<usize>,
    is_var: IsVar,
    out: &mut Vec<Occurrence>,
) {
    if let ast::Term::Word(w) = t.node {
        if is_var(w) {
            out.push(Occurrence {
                var: w,
                span: t.span,
                negated,
            });
        }
    }
}

fn expr_occurrences(e: &Spanned<ast::Expr>, is_var: IsVar, out: &mut Vec<Occurrence>) {
    match &e.node {
        ast::Expr::Term(t) => term_occurrence(&Spanned::new(t.clone(), e.span), None, is_var, out),
        ast::Expr::Neg(inner) | ast::Expr::Paren(inner) => expr_occurrences(inner, is_var, out),
        ast::Expr::Bin(_, a, b) => {
            expr_occurrences(a, is_var, out);
            expr_occurrences(b, is_var, out);
        }
    }
}

/// Every variable of a body, in the order the checker first meets it (an aggregate's result,
/// then its braces, then what it adds up), so that variables keep the numbers a body written
/// in evaluation order would give them.
pub(super) fn first_seen(lits: &[Spanned<ast::Literal>], is_var: IsVar, out: &mut Vec<Sym>) {
    let push = |w: Sym, out: &mut Vec<Sym>| {
        if is_var(w) && !out.contains(&w) {
            out.push(w);
        }
    };
    for lit in lits {
        match &lit.node {
            ast::Literal::Atom(a) | ast::Literal::Not(a) => {
                for t in &a.args {
                    if let ast::Term::Word(w) = t.node {
                        push(w, out);
                    }
                }
            }
            ast::Literal::Compare { lhs, rhs, .. } => {
                let mut vars = Vec::new();
                expr_vars(lhs, is_var, &mut vars);
                expr_vars(rhs, is_var, &mut vars);
                for v in vars {
                    push(v, out);
                }
            }
            ast::Literal::Aggregate {
                var, expr, body, ..
            } => {
                push(var.node, out);
                first_seen(body, is_var, out);
                let mut vars = Vec::new();
                expr_vars(expr, is_var, &mut vars);
                for v in vars {
                    push(v, out);
                }
            }
        }
    }
}

fn expr_vars(e: &Spanned<ast::Expr>, is_var: IsVar, out: &mut Vec<Sym>) {
    let mut found = Vec::new();
    expr_occurrences(e, is_var, &mut found);
    out.extend(found.into_iter().map(|o| o.var));
}

/// The variables a literal reads and gives values to, at its own level of the body.
struct Roles {
    needs: Vec<Sym>,
    binds: Vec<Sym>,
}

/// An order of a body's literals for evaluation.
pub(super) struct Plan {
    /// Positions of the literals in evaluation order.
    pub order: Vec<usize>,
    /// How many literals at the end of `order` have variables that nothing gives a value to;
    /// they keep their written order, and lowering them reports what they miss.
    pub stuck: usize,
    /// For each aggregate, by position: the variables the body around it mentions, which its
    /// braces share with that body rather than range over.
    pub outside: HashMap<usize, HashSet<Sym>>,
    /// What each literal, by position, needs bound before it.
    pub needs: Vec<Vec<Sym>>,
}

/// Orders `lits`: atoms where they are written (they need nothing), every other literal as
/// soon as what it needs is bound, earlier-written first; a body already in a good order
/// stays as it is. `bound` are the variables bound around the body (an aggregate's braces see
/// the body outside them); `visible` are those its enclosing levels mention; `local` the
/// variables local to a negated atom.
pub(super) fn plan(
    lits: &[Spanned<ast::Literal>],
    bound: &HashSet<Sym>,
    visible: &HashSet<Sym>,
    local: &HashSet<Sym>,
    is_var: IsVar,
) -> Plan {
    let level: Vec<Vec<Sym>> = lits.iter().map(|l| level_vars(&l.node, is_var)).collect();
    let mut outside = HashMap::new();
    let roles: Vec<Roles> = lits
        .iter()
        .enumerate()
        .map(|(i, lit)| {
            let mut seen = visible.clone();
            for (j, vars) in level.iter().enumerate() {
                if j != i {
                    seen.extend(vars.iter().copied());
                }
            }
            let r = roles(&lit.node, &seen, local, is_var);
            if matches!(lit.node, ast::Literal::Aggregate { .. }) {
                outside.insert(i, seen);
            }
            r
        })
        .collect();
    let mut bound = bound.clone();
    let mut pending: Vec<usize> = (0..lits.len()).collect();
    let mut order = Vec::with_capacity(lits.len());
    while let Some(k) = pending
        .iter()
        .position(|&i| roles[i].needs.iter().all(|v| bound.contains(v)))
    {
        let i = pending.remove(k);
        bound.extend(roles[i].binds.iter().copied());
        order.push(i);
    }
    let stuck = pending.len();
    order.extend(pending);
    Plan {
        order,
        stuck,
        outside,
        needs: roles.into_iter().map(|r| r.needs).collect(),
    }
}

/// The variables a literal mentions at its own level: an aggregate's result only, not what
/// its braces range over.
fn level_vars(lit: &ast::Literal, is_var: IsVar) -> Vec<Sym> {
    let mut out = Vec::new();
    match lit {
        ast::Literal::Atom(a) | ast::Literal::Not(a) => {
            for t in &a.args {
                if let ast::Term::Word(w) = t.node {
                    if is_var(w) {
                        out.push(w);
                    }
                }
            }
        }
        ast::Literal::Compare { lhs, rhs, .. } => {
            expr_vars(lhs, is_var, &mut out);
            expr_vars(rhs, is_var, &mut out);
        }
        ast::Literal::Aggregate { var, .. } => {
            if is_var(var.node) {
                out.push(var.node);
            }
        }
    }
    out
}

/// What a literal needs bound before it, and what it binds. `seen` are the variables
/// mentioned outside it (by the rest of its level and the levels around).
fn roles(lit: &ast::Literal, seen: &HashSet<Sym>, local: &HashSet<Sym>, is_var: IsVar) -> Roles {
    let mut needs = Vec::new();
    let mut binds = Vec::new();
    match lit {
        ast::Literal::Atom(_) => binds = level_vars(lit, is_var),
        ast::Literal::Not(_) => {
            needs = level_vars(lit, is_var);
            needs.retain(|v| !local.contains(v));
        }
        ast::Literal::Compare { op, lhs, rhs } => {
            match assigned(op.node, lhs, is_var) {
                // `v = e` gives `v` a value once `e` has one (or compares, if `v` has one).
                Some(v) => binds.push(v),
                None => expr_vars(lhs, is_var, &mut needs),
            }
            expr_vars(rhs, is_var, &mut needs);
        }
        ast::Literal::Aggregate {
            var, expr, body, ..
        } => {
            let mut inner = Vec::new();
            expr_vars(expr, is_var, &mut inner);
            first_seen(body, is_var, &mut inner);
            // The braces share with the body around them only what it mentions.
            needs = inner
                .into_iter()
                .filter(|v| seen.contains(v) && !local.contains(v) && *v != var.node)
                .collect();
            if is_var(var.node) {
                binds.push(var.node);
            }
        }
    }
    Roles { needs, binds }
}

/// The variable `v` of `v = e`, which may give `v` its value.
pub(super) fn assigned(op: CmpOp, lhs: &Spanned<ast::Expr>, is_var: IsVar) -> Option<Sym> {
    match &lhs.node {
        ast::Expr::Term(ast::Term::Word(w)) if op == CmpOp::Eq && is_var(*w) => Some(*w),
        _ => None,
    }
}

/// Where `var` first appears in a literal (inside an aggregate's braces too).
pub(super) fn first_span(lit: &Spanned<ast::Literal>, var: Sym, is_var: IsVar) -> Span {
    let mut all = Vec::new();
    occurrences(std::slice::from_ref(lit), &mut 0, is_var, &mut all);
    all.into_iter()
        .find(|o| o.var == var)
        .map_or(lit.span, |o| o.span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use crate::syntax::ast::{File, Stmt};
    use crate::syntax::parse_file;

    /// The body of `rule r(...) if BODY`, and the head's arguments.
    fn rule(text: &str) -> (Vec<Spanned<ast::Term>>, Vec<Spanned<ast::Literal>>) {
        let (file, diags): (File, _) = parse_file(text, FileId(1));
        assert!(diags.is_empty(), "{diags:?}");
        match file.stmts.into_iter().next().map(|s| s.node) {
            Some(Stmt::Rule { head, body, .. }) => (head.args, body),
            other => panic!("not a rule: {other:?}"),
        }
    }

    fn is_var(w: Sym) -> bool {
        w.as_str() != "mutual"
    }

    /// The planned order of a rule's body, and how many literals are stuck.
    fn order(text: &str) -> (Vec<usize>, usize) {
        let (head, body) = rule(text);
        let local = negated(&head, &body, &is_var).local;
        let visible = head
            .iter()
            .filter_map(|t| match t.node {
                ast::Term::Word(w) => Some(w),
                _ => None,
            })
            .collect();
        let plan = plan(&body, &HashSet::new(), &visible, &local, &is_var);
        (plan.order, plan.stuck)
    }

    #[test]
    fn a_body_in_a_good_order_stays_as_written() {
        let text = "rule r(x) if s(x, g), g > 1, t = g * 2, not q(x), n = count y : { p(x, y) }";
        assert_eq!(order(text), (vec![0, 1, 2, 3, 4], 0));
    }

    #[test]
    fn each_literal_follows_what_it_needs() {
        // `not x(a, b), y(a, b)` is `y(a, b), not x(a, b)`.
        assert_eq!(
            order("rule z(a, b) if not x(a, b), y(a, b)"),
            (vec![1, 0], 0)
        );
        // Assignments chain in any order.
        let chain = "rule w(a, d) if d = c * 2, c = b + 1, b = n - 1, num(a, n)";
        assert_eq!(order(chain), (vec![3, 2, 1, 0], 0));
        // An aggregate waits for the group its braces share with the body.
        let agg = "rule t(g, s) if s = sum v : { item(g, v) }, team(g)";
        assert_eq!(order(agg), (vec![1, 0], 0));
    }

    #[test]
    fn what_nothing_binds_is_left_at_the_end_in_written_order() {
        assert_eq!(order("rule r(x) if y > 1, s(x), z < 2"), (vec![1, 0, 2], 2));
        assert_eq!(
            order("rule r(x) if s(x), a = b + 1, b = a - 1"),
            (vec![0, 1, 2], 2)
        );
    }

    #[test]
    fn variables_only_under_not() {
        let (head, body) =
            rule("rule r(x) if s(x), not t(x, p, p), not u(y, x), not v(q), not w(q)");
        let n = negated(&head, &body, &is_var);
        let mut local: Vec<&str> = n.local.iter().map(|s| s.as_str()).collect();
        local.sort_unstable();
        // `q` appears in two negated atoms: it is neither local nor alone, but unbound.
        assert_eq!(local, vec!["p", "y"]);
        let lone: Vec<&str> = n.lone.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(lone, vec!["y"]);
    }
}
