//! Why a fact holds: the tree of rules and stated facts that first derived it.
//!
//! A derivation can be as deep as the world is long (a rule that walks a chain of 15,000
//! links derives its last fact 15,000 rules deep), and a fact used twice is explained twice,
//! so a tree can also grow wide. The tree is built with an explicit stack, never recursion,
//! and it stops at [`MAX_DEPTH`] levels and [`MAX_STEPS`] steps: what lies beneath is one
//! [`Basis::Cut`] step that counts the facts left out and the rules that derived them.

use rustc_hash::{FxHashMap, FxHashSet};

use super::probe::{aggregate_parts, bind_premises};
use super::text::cite;
use super::tree::{Basis, Step};
use super::words::{cited, condition, literal_place, phrase, statement};
use crate::eval::solve::FactRef;
use crate::eval::{Model, Prov};
use crate::program::{Const, Literal, Program};
use crate::source::Sources;
use crate::words::{and_list, prose, verb};

/// How many rules deep a derivation is shown: the premises of a fact this deep are counted,
/// not shown. No derivation of the standard theory comes near it.
pub const MAX_DEPTH: usize = 32;

/// How many steps one derivation shows before the rest is counted, not shown.
pub const MAX_STEPS: usize = 5_000;

/// A fact's provenance, owned: explaining it needs the model mutably.
enum Origin {
    Stated(u32),
    Computed,
    Rule(u32, Vec<FactRef>),
}

fn origin(model: &Model, fact: FactRef) -> Option<Origin> {
    model.prov(fact).map(|p| match p {
        Prov::Base(i) => Origin::Stated(i),
        Prov::Builtin => Origin::Computed,
        Prov::Rule { rule, premises } => Origin::Rule(rule, premises.to_vec()),
    })
}

/// The derivation of a fact that holds, as a tree.
pub(super) fn derivation(
    program: &Program,
    model: &mut Model,
    sources: &Sources,
    root: FactRef,
) -> Step {
    // Steps in an arena, each with the indices of its children; a step's children are always
    // made after it, so the nested tree is put together from the last step back.
    let mut steps = vec![fact_step(program, model, sources, root)];
    let mut children: Vec<Vec<usize>> = vec![Vec::new()];
    let mut pending = vec![(0usize, root, 0usize)];
    while let Some((at, fact, depth)) = pending.pop() {
        let Some(Origin::Rule(rule, premises)) = origin(model, fact) else {
            continue;
        };
        let Some(r) = program.rules.get(rule as usize) else {
            continue;
        };
        let cut = if depth >= MAX_DEPTH {
            Some(format!("explanations stop {MAX_DEPTH} rules deep"))
        } else if steps.len() >= MAX_STEPS {
            Some(format!(
                "explanations stop after {} steps",
                count(MAX_STEPS)
            ))
        } else {
            None
        };
        let mut made = Vec::new();
        let mut next_premises = Vec::new();
        if let Some(reason) = cut {
            made.push(cut_step(program, model, sources, &premises, &reason));
        } else {
            let env = bind_premises(r, model, &premises);
            let mut next = premises.iter();
            // In the order written: the engine may have moved a `not` or a comparison after
            // the atoms it needs, but never one atom before another.
            let mut written: Vec<&Literal> = r.body.iter().collect();
            written.sort_by_key(|l| l.span().start);
            for lit in written {
                if let Literal::Pos(_) = lit {
                    if let Some(p) = next.next() {
                        next_premises.push((steps.len() + made.len(), *p));
                        made.push(fact_step(program, model, sources, *p));
                    }
                    continue;
                }
                let (mut text, kind) = condition(program, model, lit, &env, &r.vars);
                let parts = aggregate_parts(model, r, lit, &env);
                if !parts.is_empty() {
                    text.push_str(&format!(", from {parts}"));
                }
                let place = literal_place(r, lit, sources);
                made.push(Step::new(text, Basis::Condition(kind), place));
            }
            if Some(fact.rel) == program.theory.supports {
                made.push(Step::note(
                    "(a partner helps; only a treaty or a pact obliges a state to fight)",
                    None,
                ));
            }
        }
        for step in made {
            children[at].push(steps.len());
            steps.push(step);
            children.push(Vec::new());
        }
        // Reversed, so that the first premise is explained first: the steps a budget cut
        // leaves out are the last ones read.
        pending.extend(
            next_premises
                .into_iter()
                .rev()
                .map(|(i, p)| (i, p, depth + 1)),
        );
    }
    assemble(steps, children)
}

/// Nests the arena's steps: each step takes its children, from the last made back.
fn assemble(mut steps: Vec<Step>, children: Vec<Vec<usize>>) -> Step {
    for at in (0..steps.len()).rev() {
        let kids: Vec<Step> = children[at]
            .iter()
            .map(|&k| std::mem::replace(&mut steps[k], Step::new("", Basis::Fact, None)))
            .collect();
        steps[at].children = kids;
    }
    steps.swap_remove(0)
}

/// A fact in words, with what it rests on (its premises are added after).
fn fact_step(program: &Program, model: &Model, sources: &Sources, fact: FactRef) -> Step {
    let args: Vec<Const> = model
        .store(fact.rel)
        .get(fact.id)
        .iter()
        .map(|v| model.values.get(*v))
        .collect();
    let sentence = phrase(program, fact.rel, &args);
    let (basis, place) = match origin(model, fact) {
        Some(Origin::Stated(i)) => statement(model, sources, i),
        Some(Origin::Computed) => {
            let how = if Some(fact.rel) == program.theory.hub {
                "it joins allies that have no other link to one another, and has at least three"
            } else {
                "without the hub it cannot reach any of the hub's other allies"
            };
            let how = how.to_string();
            (Basis::Computed { how }, None)
        }
        Some(Origin::Rule(rule, _)) => match program.rules.get(rule as usize) {
            Some(r) => {
                let (cited, place) = cited(r, sources);
                (Basis::Rule(cited), place)
            }
            None => (Basis::Fact, None),
        },
        None => (Basis::Fact, None),
    };
    Step::new(sentence, basis, place)
}

/// The facts beneath `premises`, each counted once, by what derived them: "29,936 more facts
/// beneath are not shown (explanations stop 32 rules deep): 14,967 by the rule `...` and
/// 14,969 stated".
fn cut_step(
    program: &Program,
    model: &Model,
    sources: &Sources,
    premises: &[FactRef],
    reason: &str,
) -> Step {
    let mut seen: FxHashSet<FactRef> = FxHashSet::default();
    let mut by_rule: FxHashMap<u32, usize> = FxHashMap::default();
    let (mut stated, mut computed) = (0, 0);
    let mut stack: Vec<FactRef> = premises.to_vec();
    while let Some(fact) = stack.pop() {
        if !seen.insert(fact) {
            continue;
        }
        match model.prov(fact) {
            Some(Prov::Base(_)) => stated += 1,
            Some(Prov::Builtin) => computed += 1,
            Some(Prov::Rule { rule, premises }) => {
                *by_rule.entry(rule).or_default() += 1;
                stack.extend(premises.iter().filter(|p| !seen.contains(p)));
            }
            None => {}
        }
    }
    let mut rules: Vec<(u32, usize)> = by_rule.into_iter().collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    const NAMED: usize = 3;
    let mut parts: Vec<String> = rules
        .iter()
        .take(NAMED)
        .filter_map(|(rule, n)| {
            let (c, place) = cited(program.rules.get(*rule as usize)?, sources);
            Some(format!(
                "{} by the rule {}",
                count(*n),
                cite(&c, place.as_ref())
            ))
        })
        .collect();
    let others: usize = rules.iter().skip(NAMED).map(|(_, n)| n).sum();
    for (n, what) in [
        (others, "by other rules"),
        (stated, "stated"),
        (computed, "computed"),
    ] {
        if n > 0 {
            parts.push(format!("{} {what}", count(n)));
        }
    }
    let facts = seen.len();
    let sentence = format!(
        "... {} more {} beneath {} not shown ({reason}): {}",
        count(facts),
        verb(facts, "fact", "facts"),
        verb(facts, "is", "are"),
        and_list(&parts, usize::MAX)
    );
    Step::new(sentence, Basis::Cut { facts }, None)
}

/// A count with its thousands grouped: `29,936`.
fn count(n: usize) -> String {
    prose(Const::Num(
        rust_decimal::Decimal::from(n as u64),
        crate::syntax::ast::Unit::Plain,
    ))
}
