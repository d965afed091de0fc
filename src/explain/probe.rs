//! Searches run again to explain: the values a rule had bound when it concluded a fact, what
//! an aggregate added up, the first condition a rule or query cannot get past. The engine
//! keeps only which facts a rule joined; everything else is recomputed here, on demand.

use std::collections::HashSet;

use crate::eval::solve::{Env, FactRef, Solver};
use crate::eval::Model;
use crate::program::{Const, Expr, Literal, Rule, Term};
use crate::words::show_const;

/// Runs `f` with a solver over the model's facts. The stores are lent to the solver and put
/// back after: it reads them while it adds the values it computes to the model's.
fn with_solver<R>(model: &mut Model, f: impl FnOnce(&mut Solver) -> R) -> R {
    let stores = std::mem::take(&mut model.stores);
    let mut errors = Vec::new();
    let result = f(&mut Solver {
        stores: &stores,
        values: &mut model.values,
        errors: &mut errors,
        stop: false,
    });
    model.stores = stores;
    result
}

/// What an aggregate added up, one item per distinct binding inside its braces: "US
/// 27.36T, Japan 4.21T" (the variables other than the summed one, then the value).
pub(super) fn aggregate_parts(model: &mut Model, rule: &Rule, lit: &Literal, env: &Env) -> String {
    let Literal::Aggregate {
        body, expr, var, ..
    } = lit
    else {
        return String::new();
    };
    let mut outer = env.clone();
    outer[*var as usize] = None;
    let summed: Vec<u32> = match expr {
        Expr::Term(Term::Var(v), _) => vec![*v],
        _ => Vec::new(),
    };
    let mut items: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    with_solver(model, |solver| {
        let mut probe = outer.clone();
        solver.solve(
            body,
            &mut probe,
            &mut Vec::new(),
            &mut |s: &mut Solver, e: &Env, _| {
                if !seen.insert(e.clone()) {
                    return;
                }
                let mut words: Vec<String> = (0..e.len())
                    .filter(|i| outer[*i].is_none() && !summed.contains(&(*i as u32)))
                    .filter(|i| rule.vars.get(*i).is_some_and(|n| !n.as_str().is_empty()))
                    .filter_map(|i| e[i].map(|v| show_const(s.values.get(v))))
                    .collect();
                if let Some(value) = s.eval_expr(expr, e) {
                    words.push(show_const(s.values.get(value)));
                }
                items.push(words.join(" "));
            },
        );
    });
    const SHOWN: usize = 12;
    let more = items.len().saturating_sub(SHOWN);
    items.truncate(SHOWN);
    let mut text = items.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// The bindings of a rule's variables, recovered from the facts it joined.
pub(super) fn bind_premises(rule: &Rule, model: &mut Model, premises: &[FactRef]) -> Env {
    let mut env: Env = vec![None; rule.vars.len()];
    let positives = rule.body.iter().filter_map(|l| match l {
        Literal::Pos(a) => Some(a),
        _ => None,
    });
    for (atom, p) in positives.zip(premises) {
        let tuple = model.store(p.rel).get(p.id).to_vec();
        for (t, v) in atom.args.iter().zip(tuple) {
            if let Term::Var(x) = t {
                env[*x as usize] = Some(v);
            }
        }
    }
    // Assignments and aggregates are computed again in order.
    with_solver(model, |solver| {
        for lit in &rule.body {
            if let Literal::Assign { var, expr, .. } = lit {
                if let Some(v) = solver.eval_expr(expr, &env) {
                    env[*var as usize] = Some(v);
                }
            }
            if let Literal::Aggregate { var, .. } = lit {
                if env[*var as usize].is_none() {
                    let single = std::slice::from_ref(lit);
                    let mut found = None;
                    let mut probe = env.clone();
                    solver.solve(single, &mut probe, &mut Vec::new(), &mut |_, e: &Env, _| {
                        found = e[*var as usize];
                    });
                    env[*var as usize] = found;
                }
            }
        }
    });
    env
}

/// An expression's exact value, all digits shown (for explaining why a given value differs).
pub(super) fn compute(model: &mut Model, expr: &Expr, env: &Env) -> String {
    let value = with_solver(model, |solver| solver.eval_expr(expr, env));
    match value.map(|v| model.values.get(v)) {
        Some(Const::Num(d, u)) => {
            let suffix = if u == crate::syntax::ast::Unit::Percent {
                "%"
            } else {
                ""
            };
            format!("{}{suffix}", d.normalize())
        }
        Some(c) => show_const(c),
        None => "nothing".to_string(),
    }
}

/// The facts of a query's first answer, in the order it joined them.
pub(super) fn first_answer(model: &mut Model, body: &[Literal], vars: usize) -> Vec<FactRef> {
    let mut first: Option<Vec<FactRef>> = None;
    with_solver(model, |solver| {
        let mut probe: Env = vec![None; vars];
        solver.solve(
            body,
            &mut probe,
            &mut Vec::new(),
            &mut |s: &mut Solver, _, premises: &[FactRef]| {
                first = Some(premises.to_vec());
                s.stop = true;
            },
        );
    });
    first.unwrap_or_default()
}

/// Bindings from matching a rule's head with the atom asked about, or `None` if they clash.
pub(super) fn head_env(rule: &Rule, args: &[Const], model: &Model) -> Option<Env> {
    let mut env: Env = vec![None; rule.vars.len()];
    for (t, c) in rule.head.args.iter().zip(args) {
        let value = model.values.find(*c);
        match t {
            Term::Const(k) if k != c => return None,
            Term::Var(v) => {
                let value = value?;
                match env[*v as usize] {
                    Some(existing) if existing != value => return None,
                    _ => env[*v as usize] = Some(value),
                }
            }
            _ => {}
        }
    }
    Some(env)
}

/// The first literal no binding gets past, and the first binding that reached it.
pub(super) fn first_failure(model: &mut Model, body: &[Literal], env: Env) -> (Option<usize>, Env) {
    with_solver(model, |solver| {
        let mut last_sample = env.clone();
        for k in 0..=body.len() {
            let mut sample = None;
            let mut probe = env.clone();
            solver.solve(
                &body[..k],
                &mut probe,
                &mut Vec::new(),
                &mut |s: &mut Solver, e: &Env, _| {
                    if sample.is_none() {
                        sample = Some(e.clone());
                    }
                    s.stop = true;
                },
            );
            solver.stop = false;
            match sample {
                Some(s) => last_sample = s,
                None => return (Some(k.saturating_sub(1)), last_sample),
            }
        }
        (None, env.clone())
    })
}
