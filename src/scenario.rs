//! Counterfactuals: a scenario copies the base facts, applies its changes in order, and the
//! world is derived again; the difference from the base world is computed relation by relation.

use indexmap::IndexMap;

use crate::diag::{Code, Diag};
use crate::eval::values::Value;
use crate::eval::Model;
use crate::program::{Change, Const, Fact, Origin, Program, RelId, RelKind, Target, Years};
use crate::source::{Span, Sym};

/// The hub of the base world: the hub with most spokes. No hub, or a tie, is a diagnostic.
pub fn base_hub(program: &Program, base: &Model, span: Span) -> Result<Sym, Diag> {
    let mut counts: IndexMap<Sym, usize> = IndexMap::new();
    if let Some(hub) = program.theory.hub {
        for t in base.tuples(hub) {
            if let Some(Const::Sym(h)) = t.first() {
                counts.insert(*h, 0);
            }
        }
    }
    if let Some(spoke) = program.theory.spoke {
        for t in base.tuples(spoke) {
            if let Some(Const::Sym(h)) = t.get(1) {
                *counts.entry(*h).or_default() += 1;
            }
        }
    }
    let best = counts.values().copied().max();
    let top: Vec<Sym> = counts
        .iter()
        .filter(|(_, n)| Some(**n) == best)
        .map(|(h, _)| *h)
        .collect();
    match top.as_slice() {
        [one] => Ok(*one),
        [] => Err(Diag::error(Code::NoHub, "this world has no hub")
            .label(span, "`hub` stands for the hub of the base world")
            .help("a hub is a state whose allies are connected only through it, with at least three allies; name the state instead, such as `remove US`")),
        several => {
            let names: Vec<String> = several.iter().map(|s| format!("`{s}`")).collect();
            Err(Diag::error(Code::NoHub, format!("this world has several hubs with as many spokes: {}", names.join(", ")))
                .label(span, "it is not clear which one `hub` means")
                .help("name the state instead, such as `remove US`"))
        }
    }
}

fn resolve(target: Target, hub: &mut dyn FnMut(Span) -> Result<Sym, Diag>) -> Result<Sym, Diag> {
    match target {
        Target::Name(n, _) => Ok(n),
        Target::Hub(span) => hub(span),
    }
}

/// The years a state exists in the facts so far (always, for a state not dated or not found):
/// a fact a change gives it (`X joins P`, `set X key: v`) holds only while X exists, as the
/// facts the script states of X do.
fn state_years(facts: &[Fact], state: Option<RelId>, name: Sym) -> Years {
    facts
        .iter()
        .find(|f| Some(f.rel) == state && f.args == [Const::Sym(name)])
        .map_or(Years::ALWAYS, |f| f.years)
}

/// The base facts with a scenario's changes applied in order.
pub fn apply(
    program: &Program,
    base: &Model,
    changes: &[(Change, Span)],
) -> Result<Vec<Fact>, Diag> {
    let mut facts: Vec<Fact> = program.facts.clone();
    let mut hub = |span: Span| base_hub(program, base, span);
    let theory = &program.theory;
    for (change, span) in changes {
        match change {
            Change::Remove(target) => {
                let name = resolve(*target, &mut hub)?;
                // The state and every commitment, membership, threat and figure it is part of;
                // another state's duty limited to it (`against X`) keeps its condition, so it
                // does not become a duty against everyone.
                facts.retain(|f| !theory.parties(f).contains(&Const::Sym(name)));
            }
            Change::Leaves { target, group } => {
                let name = resolve(*target, &mut hub)?;
                let member = theory.member;
                facts.retain(|f| {
                    !(Some(f.rel) == member && f.args == [Const::Sym(name), Const::Sym(*group)])
                });
            }
            Change::Joins { target, group } => {
                let name = resolve(*target, &mut hub)?;
                if let Some(member) = theory.member {
                    let years = state_years(&facts, theory.state, name);
                    facts.push(Fact {
                        rel: member,
                        args: vec![Const::Sym(name), Const::Sym(*group)],
                        span: *span,
                        origin: Origin::Script,
                        years,
                    });
                }
            }
            Change::Cancelled { a, b } => {
                let (x, y) = (resolve(*a, &mut hub)?, resolve(*b, &mut hub)?);
                // The treaties between the two, with their conditions.
                let treaty_rels = [
                    theory.treaty,
                    theory.treaty_against,
                    theory.treaty_in,
                    theory.treaty_unless_provoked,
                    theory.treaty_secret,
                ];
                facts.retain(|f| {
                    let parties = (f.args.first(), f.args.get(1));
                    let between = parties == (Some(&Const::Sym(x)), Some(&Const::Sym(y)))
                        || parties == (Some(&Const::Sym(y)), Some(&Const::Sym(x)));
                    !(treaty_rels.contains(&Some(f.rel)) && between)
                });
            }
            Change::Add {
                facts: added,
                replaces,
            } => {
                facts.retain(|f| !replaces.iter().any(|p| p.matches(f)));
                for f in added {
                    if !facts
                        .iter()
                        .any(|g| g.rel == f.rel && g.args == f.args && g.years == f.years)
                    {
                        facts.push(f.clone());
                    }
                }
            }
            Change::Set {
                target,
                rel: key,
                value,
            } => {
                let name = resolve(*target, &mut hub)?;
                facts.retain(|f| !(f.rel == *key && f.args.first() == Some(&Const::Sym(name))));
                let arity = program.rel(*key).arity;
                if let Some(v) = value {
                    let years = state_years(&facts, theory.state, name);
                    let args = if arity == 1 {
                        vec![Const::Sym(name)]
                    } else {
                        vec![Const::Sym(name), *v]
                    };
                    facts.push(Fact {
                        rel: *key,
                        args,
                        span: *span,
                        origin: Origin::Script,
                        years,
                    });
                }
            }
            // Applied below, once every change has been made.
            Change::AsOf(_) => {}
        }
    }
    // The world of the scenario's year, filtered before evaluation, as the base world is.
    let year = year(program, changes);
    facts.retain(|f| f.years.holds(year));
    Ok(facts)
}

/// The year a scenario's world is read as of: its last `as of`, else the base world's.
pub fn year(program: &Program, changes: &[(Change, Span)]) -> Option<i32> {
    changes
        .iter()
        .rev()
        .find_map(|(c, _)| match c {
            Change::AsOf(y) => Some(*y),
            _ => None,
        })
        .or(program.as_of)
}

/// Facts of one relation lost and gained in a scenario, each list in a stable order.
#[derive(Clone, Debug, PartialEq)]
pub struct RelDiff {
    pub rel: RelId,
    pub lost: Vec<Vec<Const>>,
    pub gained: Vec<Vec<Const>>,
}

/// Every derived and stated fact that differs between two worlds, relation by relation (the
/// prelude's helper relations last).
pub fn diff(program: &Program, base: &Model, scenario: &Model) -> Vec<RelDiff> {
    // The relations a reader cares most about come first.
    let mut order: Vec<RelId> = program.theory.telling().into_iter().flatten().collect();
    for (i, r) in program.relations.iter().enumerate() {
        let id = RelId(i as u32);
        if !order.contains(&id) && r.kind != RelKind::Base {
            order.push(id);
        }
    }
    for (i, _) in program.relations.iter().enumerate() {
        let id = RelId(i as u32);
        if !order.contains(&id) {
            order.push(id);
        }
    }
    let shared = scenario.values.extends(&base.values);
    let (to_scenario, to_base) = if shared {
        (Vec::new(), Vec::new())
    } else {
        (
            base.values.translate(&scenario.values),
            scenario.values.translate(&base.values),
        )
    };
    let mut out = Vec::new();
    for rel in order {
        let (mut lost, mut gained) = if shared {
            walk(base, scenario, rel)
        } else {
            (
                missing(base, scenario, &to_scenario, rel),
                missing(scenario, base, &to_base, rel),
            )
        };
        if !lost.is_empty() || !gained.is_empty() {
            lost.sort_by(cmp);
            gained.sort_by(cmp);
            out.push(RelDiff { rel, lost, gained });
        }
    }
    out
}

/// The facts of `rel` lost and gained between two worlds whose constants share ids. Both
/// worlds were derived in the same order from mostly the same facts, so their tuples mostly
/// line up: walking both lists side by side, a tuple equal to the one opposite is in both,
/// and only the others are looked up. Every tuple is judged once on each side.
fn walk(base: &Model, scenario: &Model, rel: RelId) -> (Vec<Vec<Const>>, Vec<Vec<Const>>) {
    let (b, s) = (base.store(rel), scenario.store(rel));
    let (mut i, mut j) = (0u32, 0u32);
    let (n, m) = (b.len() as u32, s.len() as u32);
    let mut lost = Vec::new();
    let mut gained = Vec::new();
    let constants = |model: &Model, t: &[Value]| t.iter().map(|v| model.values.get(*v)).collect();
    while i < n || j < m {
        if i < n && j < m && b.get(i) == s.get(j) {
            i += 1;
            j += 1;
            continue;
        }
        if i < n {
            let t = b.get(i);
            i += 1;
            if s.find(t).is_none() {
                lost.push(constants(base, t));
                continue;
            }
        }
        if j < m {
            let t = s.get(j);
            j += 1;
            if b.find(t).is_none() {
                gained.push(constants(scenario, t));
            }
        }
    }
    (lost, gained)
}

/// The facts of `rel` in `from` that `to` lacks, as constants. Tuples are compared by value
/// ids translated between the two worlds, so no tuple is rebuilt unless it differs.
fn missing(from: &Model, to: &Model, translation: &[Option<Value>], rel: RelId) -> Vec<Vec<Const>> {
    let target = to.store(rel);
    let mut mapped: Vec<Value> = Vec::new();
    let mut out: Vec<Vec<Const>> = Vec::new();
    for (_, t) in from.store(rel).iter() {
        mapped.clear();
        let all = t
            .iter()
            .all(|v| match translation.get(v.0 as usize).copied().flatten() {
                Some(m) => {
                    mapped.push(m);
                    true
                }
                None => false,
            });
        if !all || target.find(&mapped).is_none() {
            out.push(t.iter().map(|v| from.values.get(*v)).collect());
        }
    }
    out
}

/// Tuples in reading order: names by text, numbers by size.
/// Takes `&Vec` so it can be passed straight to `sort_by` on a list of tuples.
#[allow(clippy::ptr_arg)]
pub fn cmp(a: &Vec<Const>, b: &Vec<Const>) -> std::cmp::Ordering {
    cmp_tuples(a, b)
}

/// [`cmp`] of two tuples as slices.
pub fn cmp_tuples(a: &[Const], b: &[Const]) -> std::cmp::Ordering {
    a.iter()
        .zip(b)
        .map(|(x, y)| cmp_const(x, y))
        .find(|o| o.is_ne())
        .unwrap_or(a.len().cmp(&b.len()))
}

fn cmp_const(a: &Const, b: &Const) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Const::Num(x, xu), Const::Num(y, yu)) => (xu, x).cmp(&(yu, y)),
        (Const::Num(..), _) => Ordering::Less,
        (_, Const::Num(..)) => Ordering::Greater,
        (Const::Sym(x) | Const::Str(x), Const::Sym(y) | Const::Str(y)) => {
            x.as_str().cmp(y.as_str())
        }
    }
}
