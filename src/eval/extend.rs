//! A model extended with new base facts rather than evaluated again: what a declaration typed
//! at the REPL costs.
//!
//! The new facts are the first round's delta of every stratum they reach. A stratum that reads
//! the relations that grew only through positive atoms is monotone in them: semi-naive rounds
//! that start from the new facts find exactly the facts that evaluating from scratch would
//! add. A stratum that reads one under `not`, inside an aggregate or through a builtin may
//! lose facts as well as gain them, so it is evaluated again from its base facts; a relation
//! whose facts then differ (as a set) is "changed", and every stratum that reads a changed
//! relation is evaluated again in turn.
//!
//! The model then holds the same facts as one evaluated from scratch, but not in the same
//! order nor with the same first derivations: the session evaluates the world again before
//! it answers, explains or reports (`Session::model`), and uses an extended model only to
//! accept the next declaration.

use rustc_hash::{FxHashMap, FxHashSet};

use super::prov::Prov;
use super::store::Store;
use super::{run_builtin, run_stratum, run_variants, variants, Model, Options, Run, Stated};
use crate::program::{Fact, Literal, Program, RelId, Stratum};

/// What a stratum's rules read: relations through positive atoms, relations that must be
/// complete (under `not`, in an aggregate, a builtin's inputs), and whether any literal can
/// fail while evaluating (a comparison, an assignment or an aggregate).
#[derive(Default)]
struct Reads {
    positive: FxHashSet<RelId>,
    complete: FxHashSet<RelId>,
    fallible: bool,
}

impl Reads {
    fn of(program: &Program, stratum: &Stratum) -> Reads {
        let mut reads = Reads::default();
        for &r in &stratum.rules {
            if let Some(rule) = program.rules.get(r) {
                reads.body(&rule.body, false);
            }
        }
        for &b in &stratum.builtins {
            if let Some(builtin) = program.builtins.get(b) {
                reads.complete.extend(builtin.inputs.iter().copied());
            }
        }
        reads
    }

    fn body(&mut self, body: &[Literal], inside_aggregate: bool) {
        for lit in body {
            match lit {
                Literal::Pos(a) if !inside_aggregate => {
                    self.positive.insert(a.rel);
                }
                Literal::Pos(a) | Literal::Neg(a) => {
                    self.complete.insert(a.rel);
                }
                Literal::Aggregate { body, .. } => {
                    self.fallible = true;
                    self.body(body, true);
                }
                Literal::Compare { .. } | Literal::Assign { .. } => self.fallible = true,
            }
        }
    }
}

impl Model {
    /// Adds `facts` (base facts stated after those this model was evaluated from, and in force
    /// in its year) and derives what follows from them, as described at the top of this file.
    ///
    /// A relation that rules derive may gain stated facts too (`threatens`, which the rule
    /// for threats against a pact derives): they are the first delta of its own stratum.
    ///
    /// `false` when only evaluating from scratch gives exactly what it gives: a new fact of a
    /// relation a builtin computes, or one that rules derive and that holds already, an error
    /// found while evaluating (a
    /// division by zero, a unit mismatch), more derived facts than `options` allow, an
    /// interruption, or a rule that can fail reading a relation that was empty (evaluation
    /// skips such a rule, so its failures were never looked for). The model is then
    /// unusable: evaluate the world again.
    pub fn extend(&mut self, program: &Program, facts: &[Fact], options: &Options) -> bool {
        let computed: FxHashSet<RelId> = program
            .builtins
            .iter()
            .flat_map(|b| b.outputs.iter().copied())
            .collect();
        let ruled: FxHashSet<RelId> = program.rules.iter().map(|r| r.head.rel).collect();
        let start: Vec<usize> = self.stores.iter().map(Store::len).collect();
        // Each relation that gained facts, with its length before: its delta.
        let mut grown: FxHashMap<RelId, usize> = FxHashMap::default();
        for fact in facts {
            let rel = fact.rel;
            if computed.contains(&rel) || rel.0 as usize >= self.stores.len() {
                return false;
            }
            let index = self.stated.len() as u32;
            self.stated.push(Stated {
                span: fact.span,
                origin: fact.origin,
                years: fact.years,
            });
            let tuple: Vec<_> = fact.args.iter().map(|c| self.values.intern(*c)).collect();
            let store = &mut self.stores[rel.0 as usize];
            let len = store.len();
            if store.insert(&tuple).is_some() {
                grown.entry(rel).or_insert(len);
                self.provenance[rel.0 as usize].push_base(index);
            } else if ruled.contains(&rel) {
                // Stated now but perhaps derived before (`threat A against B` where a threat
                // against B's pact reached it): the fact would keep a rule's provenance, which
                // evaluating its stratum again would drop.
                return false;
            }
        }
        let mut changed: FxHashSet<RelId> = FxHashSet::default();
        let mut derived = self.derived;
        let read: FxHashSet<RelId> = program
            .strata
            .iter()
            .flat_map(|s| {
                let reads = Reads::of(program, s);
                reads.positive.into_iter().chain(reads.complete)
            })
            .collect();
        let mut errors = Vec::new();
        for stratum in &program.strata {
            let reads = Reads::of(program, stratum);
            let again = reads.complete.iter().any(|r| changed.contains(r))
                || reads.positive.iter().any(|r| changed.contains(r))
                || reads.complete.iter().any(|r| grown.contains_key(r))
                    && (!stratum.builtins.is_empty()
                        || stratum
                            .rules
                            .iter()
                            .any(|r| self.hit(&program.rules[*r].body, &grown, &start)));
            // The relations read that grew: those of earlier strata, and the stratum's own that
            // gained stated facts (a threat against a state, stated beside the rule that
            // reaches the members of a threatened pact).
            let lower: Vec<RelId> = reads
                .positive
                .iter()
                .filter(|r| grown.contains_key(r))
                .copied()
                .collect();
            if !again && lower.is_empty() {
                continue;
            }
            if again
                && stratum.rules.is_empty()
                && !read.iter().any(|r| stratum.relations.contains(r))
            {
                // Computing hub and spoke takes the whole network each time; the session
                // evaluates the world anew before it reads them.
                self.stale.extend(stratum.relations.iter().copied());
                continue;
            }
            if reads.fallible
                && reads
                    .positive
                    .iter()
                    .any(|r| start.get(r.0 as usize) == Some(&0) && !self.store(*r).is_empty())
            {
                return false;
            }
            let ok = if again {
                self.evaluate_again(program, stratum, &mut derived, options, &mut errors)
                    .map(|lost| changed.extend(lost))
            } else {
                self.derive_from(
                    program,
                    stratum,
                    &lower,
                    &grown,
                    &mut derived,
                    options,
                    &mut errors,
                )
                .map(|more| {
                    // A relation that gained stated facts keeps its length before them.
                    for (rel, len) in more {
                        grown.entry(rel).or_insert(len);
                    }
                })
            };
            if ok.is_none() || !errors.is_empty() {
                return false;
            }
        }
        self.derived = derived;
        true
    }

    /// Whether facts new in a relation a rule reads under `not` or in an aggregate (in
    /// `grown`) may change what the rule found before: a new fact matches a negated atom
    /// that a binding of the rule's atoms over the facts before (`start`: each relation's
    /// length then) satisfies, and so may take back a fact derived from it; or a new fact
    /// takes part in a binding of an aggregate's body that meets such a binding of the rule's
    /// atoms, and may change the value aggregated for it. A new fact whose binding is new
    /// (the first coalition against a new threat) changes nothing found before: the
    /// semi-naive rounds find what it adds. Both searches leave out comparisons, negations
    /// and assignments, so they find too much rather than too little. A new state with a GDP
    /// matches `not has_gdp(x)`, but no earlier `state(x)`: `gdp_missing` needs no
    /// evaluating again.
    fn hit(&mut self, body: &[Literal], grown: &FxHashMap<RelId, usize>, start: &[usize]) -> bool {
        let old = |a: &crate::program::Atom| (0, start.get(a.rel.0 as usize).copied().unwrap_or(0));
        let atoms: Vec<_> = positive_atoms(body)
            .into_iter()
            .map(|a| (a, old(a)))
            .collect();
        for lit in body {
            match lit {
                Literal::Neg(a)
                    if grown.contains_key(&a.rel) && self.some_binding(a, &atoms, grown) =>
                {
                    return true;
                }
                Literal::Aggregate { body, .. } => {
                    if body
                        .iter()
                        .any(|l| matches!(l, Literal::Neg(a) if grown.contains_key(&a.rel)))
                    {
                        return true;
                    }
                    let inner = positive_atoms(body);
                    for a in inner.iter().filter(|a| grown.contains_key(&a.rel)) {
                        let mut others: Vec<_> = inner
                            .iter()
                            .filter(|b| !std::ptr::eq(**b, *a))
                            .map(|b| (*b, (0, usize::MAX)))
                            .collect();
                        others.extend(atoms.iter().copied());
                        if self.some_binding(a, &others, grown) {
                            return true;
                        }
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// Whether some new fact of `new`'s relation, joined with each of `others` over the facts
    /// of its range, binds the variables consistently.
    fn some_binding(
        &mut self,
        new: &crate::program::Atom,
        others: &[(&crate::program::Atom, (usize, usize))],
        grown: &FxHashMap<RelId, usize>,
    ) -> bool {
        let mut body = vec![Literal::Pos(new.clone())];
        body.extend(others.iter().map(|(a, _)| Literal::Pos((*a).clone())));
        let mut ranges = vec![(
            grown.get(&new.rel).copied().unwrap_or(0),
            self.store(new.rel).len(),
        )];
        ranges.extend(others.iter().map(|(_, r)| *r));
        let compiled = super::solve::compile(&body, &mut self.values);
        let mut masks = Vec::new();
        super::solve::plan(&compiled, &mut Vec::new(), &mut masks);
        for (rel, mask) in masks {
            if let Some(s) = self.stores.get_mut(rel.0 as usize) {
                s.ensure_index(mask);
            }
        }
        let vars = body
            .iter()
            .flat_map(|l| match l {
                Literal::Pos(a) => a.args.iter(),
                _ => [].iter(),
            })
            .filter_map(|t| match t {
                crate::program::Term::Var(v) => Some(*v as usize + 1),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        let mut errors = Vec::new();
        let mut solver = super::solve::Solver {
            stores: &self.stores,
            values: &mut self.values,
            errors: &mut errors,
            stop: false,
        };
        let mut found = false;
        let mut emit =
            |s: &mut super::solve::Solver, _: &super::solve::Env, _: &[super::solve::FactRef]| {
                found = true;
                s.stop = true;
            };
        solver.solve_compiled(
            &compiled,
            &ranges,
            &mut vec![None; vars],
            &mut Vec::new(),
            &mut emit,
        );
        found
    }

    /// Semi-naive rounds of one stratum whose first delta is the new facts of `lower`, the
    /// relations of earlier strata it reads that grew. The stratum's relations that grew,
    /// with their lengths before; `None` on an error that stops evaluation.
    #[allow(clippy::too_many_arguments)]
    fn derive_from(
        &mut self,
        program: &Program,
        stratum: &Stratum,
        lower: &[RelId],
        grown: &FxHashMap<RelId, usize>,
        derived: &mut usize,
        options: &Options,
        errors: &mut Vec<super::solve::EvalError>,
    ) -> Option<Vec<(RelId, usize)>> {
        let mut reach = stratum.relations.clone();
        reach.extend_from_slice(lower);
        let mut found = variants(program, &stratum.rules, &reach, &mut self.values);
        // A rule that reads none of the grown relations finds only what it found before.
        found.retain(|v| !v.first_only);
        let before: Vec<usize> = stratum
            .relations
            .iter()
            .map(|r| self.store(*r).len())
            .collect();
        let mut delta: FxHashMap<RelId, (usize, usize)> = FxHashMap::default();
        for (r, len) in stratum.relations.iter().zip(&before) {
            delta.insert(*r, (*len, *len));
        }
        for r in lower {
            let len = self.store(*r).len();
            delta.insert(*r, (grown.get(r).copied().unwrap_or(len), len));
        }
        let mut run = Run {
            model: self,
            derived,
            options,
            errors,
        };
        run_variants(program, found, &stratum.relations, delta, &mut run).ok()?;
        Some(
            stratum
                .relations
                .iter()
                .zip(before)
                .filter(|(r, len)| self.store(**r).len() > *len)
                .map(|(r, len)| (*r, len))
                .collect(),
        )
    }

    /// Evaluates one stratum again from its base facts, as evaluating the whole world does.
    /// The stratum's relations whose facts differ from before; `None` on an error that stops
    /// evaluation.
    fn evaluate_again(
        &mut self,
        program: &Program,
        stratum: &Stratum,
        derived: &mut usize,
        options: &Options,
        errors: &mut Vec<super::solve::EvalError>,
    ) -> Option<Vec<RelId>> {
        let mut old = Vec::new();
        for &rel in &stratum.relations {
            let i = rel.0 as usize;
            let arity = self.stores[i].arity;
            let store = std::mem::replace(&mut self.stores[i], Store::new(arity));
            let prov = std::mem::take(&mut self.provenance[i]);
            for (id, tuple) in store.iter() {
                match prov.get(id) {
                    Some(Prov::Base(index)) if self.stores[i].insert(tuple).is_some() => {
                        self.provenance[i].push_base(index);
                    }
                    Some(Prov::Rule { .. }) => *derived = derived.saturating_sub(1),
                    _ => {}
                }
            }
            old.push((rel, store));
        }
        for b in &stratum.builtins {
            run_builtin(&program.builtins[*b], self);
        }
        if !stratum.rules.is_empty() {
            run_stratum(
                program,
                &stratum.rules,
                &stratum.relations,
                self,
                derived,
                options,
                errors,
            )
            .ok()?;
        }
        let differs = |rel: RelId, old: &Store| {
            let new = self.store(rel);
            new.len() != old.len() || old.iter().any(|(_, t)| new.find(t).is_none())
        };
        Some(
            old.iter()
                .filter(|(rel, store)| differs(*rel, store))
                .map(|(rel, _)| *rel)
                .collect(),
        )
    }
}

/// The positive atoms of a body, in order.
fn positive_atoms(body: &[Literal]) -> Vec<&crate::program::Atom> {
    body.iter()
        .filter_map(|l| match l {
            Literal::Pos(a) => Some(a),
            _ => None,
        })
        .collect()
}
