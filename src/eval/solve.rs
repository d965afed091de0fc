//! The join: finds every binding of a rule body (or query) against the stores, literal by
//! literal in the order the checker lowered them (each after what gives its variables values),
//! looking tuples up by the columns already bound.
//!
//! Bodies are first compiled: constants become value ids once, so the inner loop does no
//! hashing of constants and no allocation for keys or bindings.

use rust_decimal::Decimal;

use super::store::{Mask, Store};
use super::values::{ArithError, Value, Values};
use crate::program::{Const, Expr, Literal, RelId, Term};
use crate::source::Span;
use crate::syntax::ast::{AggOp, BinOp, CmpOp, Unit};

/// A fact by relation and tuple id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FactRef {
    pub rel: RelId,
    pub id: u32,
}

/// Variable bindings of one rule or query, by variable number.
pub type Env = Vec<Option<Value>>;

/// An arithmetic or comparison failure, with the span of the expression.
pub type EvalError = (Span, ArithError);

/// A term with its constant already interned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CTerm {
    Var(u32),
    Val(Value),
    Anon,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CAtom {
    pub rel: RelId,
    pub args: Vec<CTerm>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CExpr {
    Term(CTerm),
    Neg(Box<CExpr>, Span),
    Bin(BinOp, Box<CExpr>, Box<CExpr>, Span),
}

/// A compiled body literal.
#[derive(Clone, Debug, PartialEq)]
pub enum CLit {
    Pos(CAtom),
    Neg(CAtom),
    Compare {
        op: CmpOp,
        lhs: CExpr,
        rhs: CExpr,
        span: Span,
    },
    Assign {
        var: u32,
        expr: CExpr,
    },
    Aggregate {
        var: u32,
        op: AggOp,
        expr: CExpr,
        body: Vec<CLit>,
        unit: Option<Unit>,
        span: Span,
    },
}

fn compile_term(t: &Term, values: &mut Values) -> CTerm {
    match t {
        Term::Var(v) => CTerm::Var(*v),
        Term::Const(c) => CTerm::Val(values.intern(*c)),
        Term::Anon => CTerm::Anon,
    }
}

fn compile_expr(e: &Expr, values: &mut Values) -> CExpr {
    match e {
        Expr::Term(t, _) => CExpr::Term(compile_term(t, values)),
        Expr::Neg(inner, span) => CExpr::Neg(Box::new(compile_expr(inner, values)), *span),
        Expr::Bin(op, a, b, span) => CExpr::Bin(
            *op,
            Box::new(compile_expr(a, values)),
            Box::new(compile_expr(b, values)),
            *span,
        ),
    }
}

/// Compiles a body, interning its constants in `values`.
pub fn compile(body: &[Literal], values: &mut Values) -> Vec<CLit> {
    body.iter()
        .map(|lit| {
            let atom = |a: &crate::program::Atom, values: &mut Values| CAtom {
                rel: a.rel,
                args: a.args.iter().map(|t| compile_term(t, values)).collect(),
            };
            match lit {
                Literal::Pos(a) => CLit::Pos(atom(a, values)),
                Literal::Neg(a) => CLit::Neg(atom(a, values)),
                Literal::Compare { op, lhs, rhs, span } => CLit::Compare {
                    op: *op,
                    lhs: compile_expr(lhs, values),
                    rhs: compile_expr(rhs, values),
                    span: *span,
                },
                Literal::Assign { var, expr, .. } => CLit::Assign {
                    var: *var,
                    expr: compile_expr(expr, values),
                },
                Literal::Aggregate {
                    var,
                    op,
                    expr,
                    body,
                    unit,
                    span,
                } => CLit::Aggregate {
                    var: *var,
                    op: *op,
                    expr: compile_expr(expr, values),
                    body: compile(body, values),
                    unit: *unit,
                    span: *span,
                },
            }
        })
        .collect()
}

/// The columns of `args` bound by constants or by variables marked in `bound`.
fn mask_with(args: &[CTerm], bound: impl Fn(u32) -> bool) -> Mask {
    let mut mask = 0;
    for (i, t) in args.iter().enumerate().take(32) {
        let is_bound = match t {
            CTerm::Val(_) => true,
            CTerm::Var(v) => bound(*v),
            CTerm::Anon => false,
        };
        if is_bound {
            mask |= 1 << i;
        }
    }
    mask
}

/// Every (relation, mask) the body will look up, so the indexes can be built beforehand.
pub fn plan(body: &[CLit], bound: &mut Vec<bool>, out: &mut Vec<(RelId, Mask)>) {
    for lit in body {
        match lit {
            CLit::Pos(a) => {
                out.push((
                    a.rel,
                    mask_with(&a.args, |v| bound.get(v as usize).copied().unwrap_or(false)),
                ));
                for t in &a.args {
                    if let CTerm::Var(v) = t {
                        set(bound, *v);
                    }
                }
            }
            CLit::Neg(a) => out.push((
                a.rel,
                mask_with(&a.args, |v| bound.get(v as usize).copied().unwrap_or(false)),
            )),
            CLit::Assign { var, .. } => set(bound, *var),
            CLit::Aggregate { var, body, .. } => {
                let mut inner = bound.clone();
                plan(body, &mut inner, out);
                set(bound, *var);
            }
            CLit::Compare { .. } => {}
        }
    }
}

fn set(bound: &mut Vec<bool>, v: u32) {
    if bound.len() <= v as usize {
        bound.resize(v as usize + 1, false);
    }
    bound[v as usize] = true;
}

/// A lookup key, kept on the stack for the usual small arities.
struct Key {
    inline: [Value; 8],
    len: usize,
    heap: Vec<Value>,
}

impl Key {
    fn new() -> Key {
        Key {
            inline: [Value(0); 8],
            len: 0,
            heap: Vec::new(),
        }
    }

    fn push(&mut self, v: Value) {
        if self.len < 8 {
            self.inline[self.len] = v;
        } else {
            if self.heap.is_empty() {
                self.heap.extend_from_slice(&self.inline);
            }
            self.heap.push(v);
        }
        self.len += 1;
    }

    fn as_slice(&self) -> &[Value] {
        if self.len <= 8 {
            &self.inline[..self.len]
        } else {
            &self.heap
        }
    }
}

pub struct Solver<'a> {
    pub stores: &'a [Store],
    pub values: &'a mut Values,
    pub errors: &'a mut Vec<EvalError>,
    /// Set by the caller's callback to stop the search (the fact limit was reached).
    pub stop: bool,
}

/// What a search reports for each complete binding.
pub type Emit<'e> = dyn FnMut(&mut Solver, &Env, &[FactRef]) + 'e;

impl<'a> Solver<'a> {
    /// Compiles `body` and calls `emit` with each binding that extends `env` (no id ranges):
    /// the entry point for queries and explanations.
    pub fn solve(
        &mut self,
        body: &[Literal],
        env: &mut Env,
        premises: &mut Vec<FactRef>,
        emit: &mut Emit,
    ) {
        let compiled = compile(body, self.values);
        self.solve_compiled(&compiled, &[], env, premises, emit);
    }

    /// Calls `emit` with every binding of `body` (and the positive facts used) that extends
    /// `env`. `ranges[i]` limits the tuple ids the i-th literal may use (semi-naive evaluation
    /// gives one atom the newest facts and the others the older or all facts); literals past
    /// the end of `ranges` use every tuple.
    pub fn solve_compiled(
        &mut self,
        body: &[CLit],
        ranges: &[(usize, usize)],
        env: &mut Env,
        premises: &mut Vec<FactRef>,
        emit: &mut Emit,
    ) {
        if self.stop {
            return;
        }
        let Some((lit, rest)) = body.split_first() else {
            emit(self, env, premises);
            return;
        };
        let (range, rest_ranges) = match ranges.split_first() {
            Some((r, rest)) => (*r, rest),
            None => ((0, usize::MAX), ranges),
        };
        match lit {
            CLit::Pos(atom) => {
                let stores: &'a [Store] = self.stores;
                let Some(store) = stores.get(atom.rel.0 as usize) else {
                    return;
                };
                let key = key(&atom.args, env);
                let mask = mask_with(&atom.args, |v| {
                    env.get(v as usize).is_some_and(Option::is_some)
                });
                for id in store.lookup(mask, key.as_slice(), range.0, range.1) {
                    let tuple = store.get(id);
                    let mut newly: u64 = 0;
                    let mut overflow: Vec<u32> = Vec::new();
                    if unify(&atom.args, tuple, env, &mut newly, &mut overflow) {
                        premises.push(FactRef { rel: atom.rel, id });
                        self.solve_compiled(rest, rest_ranges, env, premises, emit);
                        premises.pop();
                    }
                    unbind(env, newly, &overflow);
                    if self.stop {
                        return;
                    }
                    // Asked between tuples, so even a search that finds nothing stops.
                    if super::interrupted() {
                        self.stop = true;
                        return;
                    }
                }
            }
            CLit::Neg(atom) => {
                if !self.exists(atom, env) {
                    self.solve_compiled(rest, rest_ranges, env, premises, emit);
                }
            }
            CLit::Compare { op, lhs, rhs, span } => {
                let (Some(a), Some(b)) = (self.eval(lhs, env), self.eval(rhs, env)) else {
                    return;
                };
                match self.values.compare(*op, a, b) {
                    Ok(true) => self.solve_compiled(rest, rest_ranges, env, premises, emit),
                    Ok(false) => {}
                    Err(e) => self.errors.push((*span, e)),
                }
            }
            CLit::Assign { var, expr } => {
                let Some(value) = self.eval(expr, env) else {
                    return;
                };
                self.bind_then(*var, value, rest, rest_ranges, env, premises, emit);
            }
            CLit::Aggregate {
                var,
                op,
                expr,
                body,
                unit,
                span,
            } => {
                let Some(value) = self.aggregate(*op, expr, body, *unit, *span, env) else {
                    return;
                };
                self.bind_then(*var, value, rest, rest_ranges, env, premises, emit);
            }
        }
    }

    /// Gives `var` the value and goes on with the rest of the body. A variable bound already
    /// (explanations bind the head first) is compared instead.
    #[allow(clippy::too_many_arguments)]
    fn bind_then(
        &mut self,
        var: u32,
        value: Value,
        rest: &[CLit],
        ranges: &[(usize, usize)],
        env: &mut Env,
        premises: &mut Vec<FactRef>,
        emit: &mut Emit,
    ) {
        let slot = var as usize;
        match env[slot] {
            Some(existing) if existing != value => {}
            Some(_) => self.solve_compiled(rest, ranges, env, premises, emit),
            None => {
                env[slot] = Some(value);
                self.solve_compiled(rest, ranges, env, premises, emit);
                env[slot] = None;
            }
        }
    }

    /// Whether some tuple matches the atom with the current bindings (`_` matches anything).
    fn exists(&self, atom: &CAtom, env: &Env) -> bool {
        let Some(store) = self.stores.get(atom.rel.0 as usize) else {
            return false;
        };
        let key = key(&atom.args, env);
        let mask = mask_with(&atom.args, |v| {
            env.get(v as usize).is_some_and(Option::is_some)
        });
        if mask.count_ones() as usize == atom.args.len() && atom.args.len() <= 32 {
            return store.find(key.as_slice()).is_some();
        }
        let mut ids = store.lookup(mask, key.as_slice(), 0, usize::MAX);
        if !repeats_unbound(&atom.args, env) {
            return ids.next().is_some();
        }
        // `not r(x, p, p)` with `p` local to the atom: some tuple has equal values there.
        let mut scratch = env.clone();
        ids.any(|id| {
            let (mut newly, mut overflow) = (0, Vec::new());
            let matched = unify(
                &atom.args,
                store.get(id),
                &mut scratch,
                &mut newly,
                &mut overflow,
            );
            unbind(&mut scratch, newly, &overflow);
            matched
        })
    }

    fn aggregate(
        &mut self,
        op: AggOp,
        expr: &CExpr,
        body: &[CLit],
        unit: Option<Unit>,
        span: Span,
        env: &mut Env,
    ) -> Option<Value> {
        // Distinct bindings of the variables inside the braces, each giving one value of
        // `expr`. Bindings are gathered as rows of one flat list, sorted and deduplicated, so
        // the many small aggregates of a large world allocate almost nothing.
        const UNBOUND: Value = Value(u32::MAX);
        let free: Vec<usize> = (0..env.len()).filter(|i| env[*i].is_none()).collect();
        let width = free.len();
        let mut rows: Vec<Value> = Vec::new();
        let mut solutions = 0usize;
        let mut premises = Vec::new();
        let mut collect = |_: &mut Solver, e: &Env, _: &[FactRef]| {
            solutions += 1;
            rows.extend(free.iter().map(|i| e[*i].unwrap_or(UNBOUND)));
        };
        self.solve_compiled(body, &[], env, &mut premises, &mut collect);
        // Without variables inside the braces, any number of solutions is one binding.
        let count = rows.len().checked_div(width).unwrap_or(solutions.min(1));
        let mut order: Vec<usize> = (0..count).collect();
        let row = |k: usize| &rows[k * width..(k + 1) * width];
        order.sort_unstable_by(|a, b| row(*a).cmp(row(*b)));
        order.dedup_by(|a, b| row(*a) == row(*b));
        let mut items: Vec<Value> = Vec::with_capacity(order.len());
        for k in order {
            for (j, i) in free.iter().enumerate() {
                let v = rows[k * width + j];
                env[*i] = (v != UNBOUND).then_some(v);
            }
            if let Some(v) = self.eval(expr, env) {
                items.push(v);
            }
        }
        for i in &free {
            env[*i] = None;
        }
        match op {
            AggOp::Count => {
                let distinct: rustc_hash::FxHashSet<Value> = items.into_iter().collect();
                Some(self.values.intern(Const::Num(
                    Decimal::from(distinct.len() as u64),
                    Unit::Plain,
                )))
            }
            AggOp::Sum => match self.values.sum(&items) {
                Ok(total) => Some(total.unwrap_or_else(|| {
                    self.values
                        .intern(Const::Num(Decimal::ZERO, unit.unwrap_or(Unit::Plain)))
                })),
                Err(e) => {
                    self.errors.push((span, e));
                    None
                }
            },
            AggOp::Min | AggOp::Max => {
                let better = if op == AggOp::Min {
                    CmpOp::Lt
                } else {
                    CmpOp::Gt
                };
                let mut best: Option<Value> = None;
                for v in items {
                    best = Some(match best {
                        None => v,
                        Some(b) => match self.values.compare(better, v, b) {
                            Ok(true) => v,
                            Ok(false) => b,
                            Err(e) => {
                                self.errors.push((span, e));
                                return None;
                            }
                        },
                    });
                }
                best
            }
        }
    }

    /// Evaluates a compiled expression; failures are recorded with their span and give `None`.
    pub fn eval(&mut self, expr: &CExpr, env: &Env) -> Option<Value> {
        match expr {
            CExpr::Term(CTerm::Var(v)) => env.get(*v as usize).copied().flatten(),
            CExpr::Term(CTerm::Val(v)) => Some(*v),
            CExpr::Term(CTerm::Anon) => None,
            CExpr::Neg(inner, span) => {
                let v = self.eval(inner, env)?;
                self.values
                    .negate(v)
                    .map_err(|e| self.errors.push((*span, e)))
                    .ok()
            }
            CExpr::Bin(op, a, b, span) => {
                let (x, y) = (self.eval(a, env)?, self.eval(b, env)?);
                self.values
                    .arith(*op, x, y)
                    .map_err(|e| self.errors.push((*span, e)))
                    .ok()
            }
        }
    }

    /// Evaluates a program expression (compiling it first): for explanations.
    pub fn eval_expr(&mut self, expr: &Expr, env: &Env) -> Option<Value> {
        let compiled = compile_expr(expr, self.values);
        self.eval(&compiled, env)
    }
}

/// The values of the bound columns of `args`, in column order.
fn key(args: &[CTerm], env: &Env) -> Key {
    let mut key = Key::new();
    for t in args.iter().take(32) {
        match t {
            CTerm::Val(v) => key.push(*v),
            CTerm::Var(v) => {
                if let Some(value) = env.get(*v as usize).copied().flatten() {
                    key.push(value);
                }
            }
            CTerm::Anon => {}
        }
    }
    key
}

/// Whether an unbound variable appears twice or more among `args`.
fn repeats_unbound(args: &[CTerm], env: &Env) -> bool {
    let free = |t: &CTerm| match t {
        CTerm::Var(v) if env.get(*v as usize).is_some_and(Option::is_none) => Some(*v),
        _ => None,
    };
    args.iter()
        .enumerate()
        .filter_map(|(i, t)| free(t).map(|v| (i, v)))
        .any(|(i, v)| args[i + 1..].iter().any(|t| free(t) == Some(v)))
}

/// Matches a tuple against atom arguments, binding free variables (recorded in `newly` as
/// bits, or in `overflow` for variable numbers of 64 and above).
fn unify(
    args: &[CTerm],
    tuple: &[Value],
    env: &mut Env,
    newly: &mut u64,
    overflow: &mut Vec<u32>,
) -> bool {
    for (t, &value) in args.iter().zip(tuple) {
        match t {
            CTerm::Anon => {}
            CTerm::Val(c) => {
                if *c != value {
                    return false;
                }
            }
            CTerm::Var(v) => {
                let slot = *v as usize;
                match env[slot] {
                    Some(existing) if existing != value => return false,
                    Some(_) => {}
                    None => {
                        env[slot] = Some(value);
                        if *v < 64 {
                            *newly |= 1 << v;
                        } else {
                            overflow.push(*v);
                        }
                    }
                }
            }
        }
    }
    true
}

fn unbind(env: &mut Env, mut newly: u64, overflow: &[u32]) {
    while newly != 0 {
        let v = newly.trailing_zeros() as usize;
        env[v] = None;
        newly &= newly - 1;
    }
    for v in overflow {
        env[*v as usize] = None;
    }
}
