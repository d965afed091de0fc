//! The join: finds every binding of a rule body (or query) against the stores, literal by
//! literal in the order written, looking tuples up by the columns already bound.

use rust_decimal::Decimal;

use super::store::{Mask, Store};
use super::values::{ArithError, Value, Values};
use crate::program::{Const, Expr, Literal, RelId, Term};
use crate::source::Span;
use crate::syntax::ast::{AggOp, Unit};

/// A fact by relation and tuple id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FactRef {
    pub rel: RelId,
    pub id: u32,
}

/// Variable bindings of one rule or query, by variable number.
pub type Env = Vec<Option<Value>>;

/// The id range of each body literal (only atoms use theirs): semi-naive evaluation gives one
/// atom the newest facts and the others the older or all facts.
pub type Ranges = Vec<(usize, usize)>;

/// An arithmetic or comparison failure, with the span of the expression.
pub type EvalError = (Span, ArithError);

pub struct Solver<'a> {
    pub stores: &'a [Store],
    pub values: &'a mut Values,
    pub errors: &'a mut Vec<EvalError>,
    /// Set by the caller's callback to stop the search (the fact limit was reached).
    pub stop: bool,
}

/// The columns of `args` bound by constants or by already-bound variables.
pub fn mask_of(args: &[Term], bound: &[bool]) -> Mask {
    let mut mask = 0;
    for (i, t) in args.iter().enumerate().take(32) {
        let is_bound = match t {
            Term::Const(_) => true,
            Term::Var(v) => bound.get(*v as usize).copied().unwrap_or(false),
            Term::Anon => false,
        };
        if is_bound {
            mask |= 1 << i;
        }
    }
    mask
}

/// Every (relation, mask) the body will look up, so the indexes can be built beforehand.
pub fn plan(body: &[Literal], bound: &mut Vec<bool>, out: &mut Vec<(RelId, Mask)>) {
    for lit in body {
        match lit {
            Literal::Pos(a) => {
                out.push((a.rel, mask_of(&a.args, bound)));
                for t in &a.args {
                    if let Term::Var(v) = t {
                        set(bound, *v);
                    }
                }
            }
            Literal::Neg(a) => out.push((a.rel, mask_of(&a.args, bound))),
            Literal::Assign { var, .. } => set(bound, *var),
            Literal::Aggregate { var, body, .. } => {
                let mut inner = bound.clone();
                plan(body, &mut inner, out);
                set(bound, *var);
            }
            Literal::Compare { .. } => {}
        }
    }
}

fn set(bound: &mut Vec<bool>, v: u32) {
    if bound.len() <= v as usize {
        bound.resize(v as usize + 1, false);
    }
    bound[v as usize] = true;
}

/// The columns of `args` bound by constants or by variables bound in `env`.
fn mask_env(args: &[Term], env: &Env) -> Mask {
    let mut mask = 0;
    for (i, t) in args.iter().enumerate().take(32) {
        let is_bound = match t {
            Term::Const(_) => true,
            Term::Var(v) => env.get(*v as usize).is_some_and(Option::is_some),
            Term::Anon => false,
        };
        if is_bound {
            mask |= 1 << i;
        }
    }
    mask
}

impl<'a> Solver<'a> {
    /// Calls `emit` with every binding of `body` (and the positive facts used) that extends `env`.
    pub fn solve(
        &mut self,
        body: &[Literal],
        ranges: &[(usize, usize)],
        env: &mut Env,
        premises: &mut Vec<FactRef>,
        emit: &mut dyn FnMut(&mut Solver, &Env, &[FactRef]),
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
            Literal::Pos(atom) => {
                let stores: &'a [Store] = self.stores;
                let Some(store) = stores.get(atom.rel.0 as usize) else { return };
                let Some(key) = self.key(&atom.args, env) else { return };
                let mask = mask_env(&atom.args, env);
                for id in store.lookup(mask, &key, range.0, range.1) {
                    let tuple = store.get(id);
                    let mut newly = Vec::new();
                    if unify(&atom.args, tuple, env, &mut newly, self.values) {
                        premises.push(FactRef { rel: atom.rel, id });
                        self.solve(rest, rest_ranges, env, premises, emit);
                        premises.pop();
                    }
                    for v in newly {
                        env[v as usize] = None;
                    }
                    if self.stop {
                        return;
                    }
                }
            }
            Literal::Neg(atom) => {
                if !self.exists(atom.rel, &atom.args, env) {
                    self.solve(rest, rest_ranges, env, premises, emit);
                }
            }
            Literal::Compare { op, lhs, rhs, span } => {
                let (Some(a), Some(b)) = (self.eval(lhs, env), self.eval(rhs, env)) else { return };
                match self.values.compare(*op, a, b) {
                    Ok(true) => self.solve(rest, rest_ranges, env, premises, emit),
                    Ok(false) => {}
                    Err(e) => self.errors.push((*span, e)),
                }
            }
            Literal::Assign { var, expr, .. } => {
                let Some(value) = self.eval(expr, env) else { return };
                let slot = *var as usize;
                match env[slot] {
                    // Bound already (only in queries re-run by explanations): compare.
                    Some(existing) if existing != value => {}
                    Some(_) => self.solve(rest, rest_ranges, env, premises, emit),
                    None => {
                        env[slot] = Some(value);
                        self.solve(rest, rest_ranges, env, premises, emit);
                        env[slot] = None;
                    }
                }
            }
            Literal::Aggregate { var, op, expr, body, unit, span } => {
                let Some(value) = self.aggregate(*op, expr, body, *unit, *span, env) else { return };
                let slot = *var as usize;
                env[slot] = Some(value);
                self.solve(rest, rest_ranges, env, premises, emit);
                env[slot] = None;
            }
        }
    }

    /// The values of the bound columns of `args`, in column order; `None` if a constant was
    /// never interned (then nothing can match).
    fn key(&mut self, args: &[Term], env: &Env) -> Option<Vec<Value>> {
        let mut key = Vec::with_capacity(args.len());
        for t in args.iter().take(32) {
            match t {
                Term::Const(c) => key.push(self.values.find(*c)?),
                Term::Var(v) => {
                    if let Some(value) = env.get(*v as usize).copied().flatten() {
                        key.push(value);
                    }
                }
                Term::Anon => {}
            }
        }
        Some(key)
    }

    /// Whether some tuple matches `args` with the current bindings (`_` matches anything).
    pub fn exists(&mut self, rel: RelId, args: &[Term], env: &Env) -> bool {
        let stores: &'a [Store] = self.stores;
        let Some(store) = stores.get(rel.0 as usize) else { return false };
        let Some(key) = self.key(args, env) else { return false };
        let mask = mask_env(args, env);
        if mask.count_ones() as usize == args.len() && args.len() <= 32 {
            return store.find(&key).is_some();
        }
        let mut ids = store.lookup(mask, &key, 0, usize::MAX);
        ids.next().is_some()
    }

    fn aggregate(&mut self, op: AggOp, expr: &Expr, body: &[Literal], unit: Option<Unit>, span: Span, env: &Env) -> Option<Value> {
        // Distinct bindings of the variables inside the braces, each giving one value of `expr`.
        let mut seen: rustc_hash::FxHashSet<Vec<Option<Value>>> = Default::default();
        let mut items: Vec<Value> = Vec::new();
        let mut inner_env = env.clone();
        let mut premises = Vec::new();
        let ranges: Ranges = Vec::new();
        let mut collect = |s: &mut Solver, e: &Env, _: &[FactRef]| {
            if seen.insert(e.clone()) {
                if let Some(v) = s.eval(expr, e) {
                    items.push(v);
                }
            }
        };
        self.solve(body, &ranges, &mut inner_env, &mut premises, &mut collect);
        match op {
            AggOp::Count => {
                let distinct: rustc_hash::FxHashSet<Value> = items.into_iter().collect();
                Some(self.values.intern(Const::Num(Decimal::from(distinct.len() as u64), Unit::Plain)))
            }
            AggOp::Sum => {
                let zero = self.values.intern(Const::Num(Decimal::ZERO, unit.unwrap_or(Unit::Plain)));
                let mut total: Option<Value> = None;
                for v in items {
                    total = Some(match total {
                        None => v,
                        Some(t) => match self.values.arith(crate::syntax::ast::BinOp::Add, t, v) {
                            Ok(sum) => sum,
                            Err(e) => {
                                self.errors.push((span, e));
                                return None;
                            }
                        },
                    });
                }
                Some(total.unwrap_or(zero))
            }
            AggOp::Min | AggOp::Max => {
                let mut best: Option<Value> = None;
                for v in items {
                    best = Some(match best {
                        None => v,
                        Some(b) => {
                            let better = if op == AggOp::Min { crate::syntax::ast::CmpOp::Lt } else { crate::syntax::ast::CmpOp::Gt };
                            match self.values.compare(better, v, b) {
                                Ok(true) => v,
                                Ok(false) => b,
                                Err(e) => {
                                    self.errors.push((span, e));
                                    return None;
                                }
                            }
                        }
                    });
                }
                best
            }
        }
    }

    /// Evaluates an expression; failures are recorded with their span and give `None`.
    pub fn eval(&mut self, expr: &Expr, env: &Env) -> Option<Value> {
        match expr {
            Expr::Term(Term::Var(v), _) => env.get(*v as usize).copied().flatten(),
            Expr::Term(Term::Const(c), _) => Some(self.values.intern(*c)),
            Expr::Term(Term::Anon, _) => None,
            Expr::Neg(inner, span) => {
                let v = self.eval(inner, env)?;
                self.values.negate(v).map_err(|e| self.errors.push((*span, e))).ok()
            }
            Expr::Bin(op, a, b, span) => {
                let (x, y) = (self.eval(a, env)?, self.eval(b, env)?);
                self.values.arith(*op, x, y).map_err(|e| self.errors.push((*span, e))).ok()
            }
        }
    }
}

/// Matches a tuple against atom arguments, binding free variables (recorded in `newly`).
fn unify(args: &[Term], tuple: &[Value], env: &mut Env, newly: &mut Vec<u32>, values: &Values) -> bool {
    for (t, &value) in args.iter().zip(tuple) {
        match t {
            Term::Anon => {}
            Term::Const(c) => {
                if values.find(*c) != Some(value) {
                    return false;
                }
            }
            Term::Var(v) => {
                let slot = *v as usize;
                match env[slot] {
                    Some(existing) if existing != value => return false,
                    Some(_) => {}
                    None => {
                        env[slot] = Some(value);
                        newly.push(*v);
                    }
                }
            }
        }
    }
    true
}
