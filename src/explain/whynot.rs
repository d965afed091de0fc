//! Why a fact does not hold: for each rule that could conclude it, the first condition that
//! fails and with which values, followed one level into the fact it misses; and why an
//! expectation's query has no answer, or has one it should not.

use super::derive::derivation;
use super::notes::{notes_on_duties, out_of_year};
use super::probe::{compute, first_failure, head_env};
use super::tree::{Basis, FailureKind, Step};
use super::words::{
    anonymous, atom_text, bindings, cited, comparison, ground, ground_named, literal_place, phrase,
    with_text,
};
use crate::eval::solve::{Env, FactRef};
use crate::eval::Model;
use crate::program::{Const, Literal, Program, Query, RelId, RelKind, Rule};
use crate::source::{Sources, Sym};

/// How many levels a why-not follows failing conditions: the fact asked about, then the facts
/// its rules miss (deeper, the reasons multiply and say little).
const WHY_NOT_LEVELS: usize = 2;

/// Why `rel(args)` does not hold, `level` levels beneath the fact asked about.
pub(super) fn why_not(
    program: &Program,
    model: &mut Model,
    sources: &Sources,
    rel: RelId,
    args: &[Const],
    level: usize,
) -> Step {
    let sentence = phrase(program, rel, args);
    let rules: Vec<&Rule> = program.rules.iter().filter(|r| r.head.rel == rel).collect();
    // A statement that says so but is not in force this year is named in a note, and the
    // sentence does not claim that no statement says so.
    let dated = out_of_year(program, sources, model.year, rel, args);
    let stated = program.rel(rel).kind == RelKind::Base && dated.is_empty();
    let mut step = Step::new(
        sentence,
        Basis::NotHeld {
            stated,
            rules: rules.len(),
        },
        None,
    );
    step.children.extend(dated);
    let duty = Some(rel) == program.theory.defends;
    if rules.is_empty() {
        if duty {
            let note = "(only a treaty or a pact creates a duty to defend)";
            step.children.push(Step::note(note, None));
        }
        return step;
    }
    if duty {
        step.children
            .extend(notes_on_duties(program, model, sources, args));
    }
    // A duty against one threat: name the condition (or the secret, or the attacker) that
    // keeps it from counting, before the rules that show it.
    let per_threat = [program.theory.obliged, program.theory.coalition];
    if let ([a, x, t], true) = (args, per_threat.contains(&Some(rel))) {
        let w = crate::conditions::World::new(program, model);
        let secret_counts = Some(rel) == program.theory.obliged;
        for reason in crate::conditions::why_not_against(&w, *a, *x, *t, secret_counts) {
            step.children
                .push(Step::note(format!("Note: {reason}."), None));
        }
    }
    for rule in rules {
        let (c, place) = cited(rule, sources);
        let mut candidate = Step::new(c.rule.clone(), Basis::Candidate(c), place);
        candidate
            .children
            .extend(rule_failure(program, model, sources, rule, args, level));
        step.children.push(candidate);
    }
    step
}

/// Where one rule fails to conclude `args`, if it does.
fn rule_failure(
    program: &Program,
    model: &mut Model,
    sources: &Sources,
    rule: &Rule,
    args: &[Const],
    level: usize,
) -> Option<Step> {
    let Some(env) = head_env(rule, args, model) else {
        let sentence = "does not apply to these arguments.".to_string();
        return Some(Step::fails(
            FailureKind::HeadMismatch,
            String::new(),
            Vec::new(),
            sentence,
        ));
    };
    let (failed, sample) = first_failure(model, &rule.body, env);
    let lit = &rule.body[failed?];
    let bound = bindings(&rule.vars, &sample, model);
    let with = with_text(&bound);
    let fails = |kind, condition, sentence| Step::fails(kind, condition, bound.clone(), sentence);
    let mut step = match lit {
        Literal::Pos(a) => match ground(a, &sample, model) {
            Some(ground_args) if !ground_args.contains(&anonymous()) => {
                let atom = atom_text(program, a.rel, &ground_args);
                // The colon introduces the level beneath; at the last level there is none.
                let deeper = level + 1 < WHY_NOT_LEVELS;
                let end = if deeper { ":" } else { "." };
                let sentence = format!("fails at `{atom}`{with}{end}");
                let mut step = fails(FailureKind::Missing, atom, sentence);
                if deeper {
                    let deeper = why_not(program, model, sources, a.rel, &ground_args, level + 1);
                    step.children.push(deeper);
                }
                step
            }
            _ => {
                let pattern = format!("{}(...)", program.rel(a.rel).name);
                let sentence = format!("fails: no fact matches `{pattern}`{with}.");
                fails(FailureKind::NoMatch, pattern, sentence)
            }
        },
        Literal::Neg(a) => {
            let shown = atom_text(program, a.rel, &ground_named(a, &sample, model, &rule.vars));
            let sentence = format!("fails at `not {shown}`: it holds{with}.");
            fails(FailureKind::Holds, format!("not {shown}"), sentence)
        }
        Literal::Compare { op, lhs, rhs, .. } => {
            let comparison = comparison(*op, lhs, rhs, &sample, model);
            let sentence = format!("fails at the comparison {comparison}{with}.");
            fails(FailureKind::Comparison, comparison, sentence)
        }
        Literal::Assign { var, expr, .. } => {
            let computed = compute(model, expr, &sample);
            let name = rule
                .vars
                .get(*var as usize)
                .copied()
                .unwrap_or(Sym::new("?"));
            let assignment = format!("{name} = {computed}");
            let sentence = format!("fails: it computes {assignment}, a different value{with}.");
            fails(FailureKind::Computes, assignment, sentence)
        }
        Literal::Aggregate { .. } => {
            let sentence = format!("fails: no value can be computed{with}.");
            fails(FailureKind::NoValue, String::new(), sentence)
        }
    };
    step.place = literal_place(rule, lit, sources);
    Some(step)
}

/// Why a query has no answer: the first condition no binding gets past, followed into the
/// relation it names.
pub(super) fn query_failure(
    program: &Program,
    model: &mut Model,
    sources: &Sources,
    query: &Query,
) -> Option<Step> {
    let env: Env = vec![None; query.vars.len()];
    let (failed, sample) = first_failure(model, &query.body, env);
    let bound = bindings(&query.vars, &sample, model);
    let with = with_text(&bound);
    let fails = |kind, condition, sentence| Step::fails(kind, condition, bound.clone(), sentence);
    let step = match &query.body[failed?] {
        Literal::Pos(a) => match ground(a, &sample, model) {
            Some(args) if !args.contains(&anonymous()) => {
                why_not(program, model, sources, a.rel, &args, 0)
            }
            _ => {
                let pattern = format!("{}(...)", program.rel(a.rel).name);
                let sentence = format!("No fact matches `{pattern}`{with}.");
                fails(FailureKind::NoMatch, pattern, sentence)
            }
        },
        Literal::Neg(a) => {
            let args = ground(a, &sample, model);
            let shown = atom_text(
                program,
                a.rel,
                &ground_named(a, &sample, model, &query.vars),
            );
            let sentence = format!("`not {shown}` fails: it holds{with}.");
            let mut step = fails(FailureKind::Holds, format!("not {shown}"), sentence);
            if let Some(id) = args.and_then(|args| model.find(a.rel, &args)) {
                let fact = FactRef { rel: a.rel, id };
                step.children
                    .push(derivation(program, model, sources, fact));
            }
            step
        }
        Literal::Compare { op, lhs, rhs, .. } => {
            let comparison = comparison(*op, lhs, rhs, &sample, model);
            let sentence = format!("The comparison {comparison} does not hold{with}.");
            fails(FailureKind::Comparison, comparison, sentence)
        }
        _ => {
            let sentence = format!("No value can be computed{with}.");
            fails(FailureKind::NoValue, String::new(), sentence)
        }
    };
    Some(step)
}
