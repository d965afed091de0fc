//! Join order: which atom of a rule body to join first.
//!
//! Bodies are written for readers, not for the engine: `tripwire(a, x) if defends(a, x),
//! troops(a, x, n), n > 0` walks every duty to find the few with troops, where starting from
//! the troops would look each duty up. Within each run of consecutive atoms, the cheapest is
//! joined first: one whose arguments are all bound (a lookup), then one with some bound (an
//! indexed probe), then the smallest relation. Nothing else moves: negations, comparisons,
//! assignments and aggregates stay between the same atoms, so each sees the same bindings and
//! computes (or fails on) exactly what it would in the checker's order (which already puts
//! each after the literals that give its variables values, wherever it was written); the first
//! atom of a recursive variant, which reads the newest facts, stays first.
//!
//! Joining in another order finds the same facts in another order, and the first derivation
//! found is the one an explanation shows. So the facts a reordered body finds are sorted back
//! into the order the planned joins would have found them (by their premises, position by
//! position: nested loops over ascending ids find them in exactly that order) before they are
//! inserted. Every fact, id and explanation is the same as without reordering.

use super::solve::{CLit, CTerm, FactRef};
use super::store::Store;

/// Reorders the atoms of `body` (and `parts` with them), leaving the first `fixed` literals in
/// place. `settled(part)` says whether an atom's relation is complete (of an earlier stratum):
/// the size of a relation still being derived says nothing of its final size, so such an atom
/// is joined before another only when it is a lookup. Returns the new order as positions in
/// the old body, or `None` if nothing moved.
pub(super) fn reorder<P: Clone>(
    body: &mut Vec<CLit>,
    parts: &mut Vec<P>,
    fixed: usize,
    stores: &[Store],
    settled: impl Fn(&P) -> bool,
) -> Option<Vec<usize>> {
    let n = body.len();
    let mut order: Vec<usize> = (0..n).collect();
    let mut bound: Vec<bool> = Vec::new();
    for lit in body.iter().take(fixed) {
        bind(lit, &mut bound);
    }
    let mut i = fixed.min(n);
    while i < n {
        if !matches!(body[order[i]], CLit::Pos(_)) {
            bind(&body[order[i]], &mut bound);
            i += 1;
            continue;
        }
        let end = (i..n)
            .find(|&k| !matches!(body[order[k]], CLit::Pos(_)))
            .unwrap_or(n);
        for k in i..end {
            // The cheapest remaining atom of the run; ties go to the one written first. Once
            // some variable has a value, an atom that shares none with what is joined (a cross
            // product, however small its relation or selective its constants look) waits for
            // those that do: `pact(p, defence)` after a duty's two states would be joined for
            // every duty, where `member(a, p)` finds the pacts of a.
            let any_bound = bound.iter().any(|b| *b);
            let best = (k..end)
                .min_by_key(|&j| {
                    let known = settled(&parts[order[j]]);
                    let apart = any_bound && !connected(&body[order[j]], &bound);
                    (apart, cost(&body[order[j]], &bound, stores, known), j)
                })
                .unwrap_or(k);
            let chosen = order.remove(best);
            order.insert(k, chosen);
            bind(&body[chosen], &mut bound);
        }
        i = end;
    }
    if order.iter().enumerate().all(|(k, i)| k == *i) {
        return None;
    }
    *body = order.iter().map(|&i| body[i].clone()).collect();
    *parts = order.iter().map(|&i| parts[i].clone()).collect();
    Some(order)
}

/// How costly joining an atom is now: 0 for a lookup (every variable bound); for a probe
/// (some argument bound, by a variable or a constant) the relation's size to the power of the
/// share of its arguments still free, as if each bound argument divided the rows alike (so
/// `treaty_duty(_, x, p, q)` with p and q bound beats `region(x, r)` with r bound); else its
/// size. A relation whose size is not known yet counts as larger than any.
fn cost(lit: &CLit, bound: &[bool], stores: &[Store], known: bool) -> usize {
    let CLit::Pos(atom) = lit else {
        return 0;
    };
    let is_bound = |v: &u32| bound.get(*v as usize).copied().unwrap_or(false);
    let free = atom
        .args
        .iter()
        .filter(|t| matches!(t, CTerm::Var(v) if !is_bound(v)))
        .count();
    let named = atom
        .args
        .iter()
        .filter(|t| !matches!(t, CTerm::Anon))
        .count();
    let some_bound = free < named;
    let size = stores.get(atom.rel.0 as usize).map_or(0, Store::len);
    match (free, some_bound, known) {
        (0, _, _) => 0,
        (_, _, false) => usize::MAX,
        (_, true, true) => 1 + (size as f64).powf(free as f64 / named as f64) as usize,
        (_, false, true) => 1 + size,
    }
}

/// Whether an atom shares a variable with those already bound, or has none of its own (all
/// constants or `_`: a lookup or a test, never a cross product).
fn connected(lit: &CLit, bound: &[bool]) -> bool {
    let CLit::Pos(atom) = lit else {
        return true;
    };
    let mut vars = atom.args.iter().filter_map(|t| match t {
        CTerm::Var(v) => Some(*v as usize),
        _ => None,
    });
    let mut any = false;
    let shared = vars.any(|v| {
        any = true;
        bound.get(v).copied().unwrap_or(false)
    });
    shared || !any
}

/// Marks the variables a literal binds.
fn bind(lit: &CLit, bound: &mut Vec<bool>) {
    let mut set = |v: u32| {
        let v = v as usize;
        if bound.len() <= v {
            bound.resize(v + 1, false);
        }
        bound[v] = true;
    };
    match lit {
        CLit::Pos(atom) => {
            for t in &atom.args {
                if let CTerm::Var(v) = t {
                    set(*v);
                }
            }
        }
        CLit::Assign { var, .. } | CLit::Aggregate { var, .. } => set(*var),
        CLit::Neg(_) | CLit::Compare { .. } => {}
    }
}

/// The order in which the planned (unreordered) joins would have found some facts: each fact's
/// premises, kept in the rule's written order at `premises[at[k]..]`, compared position by
/// position in the planned join order (`planned[p]` is the written place of the p-th atom
/// joined).
pub(super) fn planned_order(at: &[usize], premises: &[FactRef], planned: &[usize]) -> Vec<usize> {
    // The premises at one place of the rule are all of one relation (the atom written there),
    // so their ids alone order the facts: up to four ids, packed into one number (the first
    // joined highest), sort as numbers, much quicker than comparing premise by premise. The
    // place in `at` breaks ties, as a stable sort would.
    if planned.len() <= 4 {
        let packed: Option<Vec<(u128, usize)>> = (0..at.len())
            .map(|k| {
                let id = |w: &usize| premises.get(at[k] + w).map(|p| u128::from(p.id));
                let key = planned
                    .iter()
                    .try_fold(0u128, |key, w| Some(key << 32 | id(w)?))?;
                Some((key, k))
            })
            .collect();
        if let Some(mut packed) = packed {
            packed.sort_unstable();
            return packed.into_iter().map(|(_, k)| k).collect();
        }
    }
    let key = |k: usize| planned.iter().map(move |w| premises.get(at[k] + w));
    let mut order: Vec<usize> = (0..at.len()).collect();
    order.sort_by(|&a, &b| key(a).cmp(key(b)));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::values::Value;
    use crate::program::RelId;

    fn atom(rel: u32, vars: &[u32]) -> CLit {
        CLit::Pos(super::super::solve::CAtom {
            rel: RelId(rel),
            args: vars.iter().map(|v| CTerm::Var(*v)).collect(),
        })
    }

    fn store(arity: usize, n: u32) -> Store {
        let mut s = Store::new(arity);
        for i in 0..n {
            let t: Vec<Value> = (0..arity as u32).map(|c| Value(i * 10 + c)).collect();
            s.insert(&t);
        }
        s
    }

    #[test]
    fn the_small_atom_goes_first_and_the_lookup_follows() {
        // big(a, x), small(a, x, n): start from `small`, then look `big` up.
        let stores = vec![store(2, 1000), store(3, 2)];
        let mut body = vec![atom(0, &[0, 1]), atom(1, &[0, 1, 2])];
        let mut parts = vec!['a', 'b'];
        assert_eq!(
            reorder(&mut body, &mut parts, 0, &stores, |_| true),
            Some(vec![1, 0])
        );
        assert_eq!(parts, vec!['b', 'a']);
    }

    #[test]
    fn other_literals_and_fixed_atoms_stay_in_place() {
        let stores = vec![store(2, 1000), store(1, 2), store(1, 1)];
        let compare = CLit::Compare {
            op: crate::syntax::ast::CmpOp::Gt,
            lhs: super::super::solve::CExpr::Term(CTerm::Var(0)),
            rhs: super::super::solve::CExpr::Term(CTerm::Var(1)),
            span: crate::source::Span::default(),
        };
        // The comparison splits the body into two runs; the first atom is fixed. In the first
        // run, `0(1, 2)` shares y with the fixed atom and goes before the smaller `1(2)`,
        // which shares nothing yet (a cross product); the second run starts afresh with the
        // smallest relation.
        let mut body = vec![
            atom(0, &[0, 1]),
            atom(0, &[1, 2]),
            atom(1, &[2]),
            compare,
            atom(0, &[3, 4]),
            atom(2, &[3]),
        ];
        let mut parts: Vec<usize> = (0..6).collect();
        let order = reorder(&mut body, &mut parts, 1, &stores, |_| true);
        assert_eq!(order, Some(vec![0, 1, 2, 3, 5, 4]));
        // Nothing to gain: no order.
        let mut body = vec![atom(1, &[0]), atom(0, &[0, 1])];
        let mut parts = vec![0, 1];
        assert_eq!(reorder(&mut body, &mut parts, 0, &stores, |_| true), None);
    }

    #[test]
    fn a_relation_still_growing_is_joined_last_unless_it_is_a_lookup() {
        // r(x, y), big(y, z), r(z, w) in a recursive rule: `r` is empty at the start but grows.
        let stores = vec![store(2, 0), store(2, 1000)];
        let mut body = vec![atom(0, &[0, 1]), atom(1, &[1, 2]), atom(0, &[2, 3])];
        let mut parts = vec![false, true, false];
        assert_eq!(reorder(&mut body, &mut parts, 1, &stores, |p| *p), None);
        // Fully bound, it is a lookup, and goes first.
        let mut body = vec![atom(0, &[0, 1]), atom(1, &[1, 2]), atom(0, &[0, 1])];
        let mut parts = vec![false, true, false];
        assert_eq!(
            reorder(&mut body, &mut parts, 1, &stores, |p| *p),
            Some(vec![0, 2, 1])
        );
    }

    #[test]
    fn facts_are_put_back_in_planned_order() {
        let f = |id| FactRef { rel: RelId(0), id };
        // Two premises per fact, written order; the plan joined the second atom first.
        let premises = vec![f(5), f(1), f(2), f(1), f(9), f(0)];
        let at = vec![0, 2, 4];
        assert_eq!(planned_order(&at, &premises, &[1, 0]), vec![2, 1, 0]);
        assert_eq!(planned_order(&at, &premises, &[0, 1]), vec![1, 0, 2]);
        // Five atoms: compared premise by premise, to the same order as packed ids.
        let premises: Vec<FactRef> = [3, 1, 4, 1, 5, 3, 1, 4, 1, 2].into_iter().map(f).collect();
        let at = vec![0, 5];
        assert_eq!(planned_order(&at, &premises, &[4, 3, 2, 1, 0]), vec![1, 0]);
        assert_eq!(planned_order(&at, &premises, &[0, 1, 2, 3]), vec![0, 1]);
        assert_eq!(planned_order(&at, &premises, &[0, 1, 2, 4]), vec![1, 0]);
    }
}
