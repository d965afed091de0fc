//! Explanations: why a fact holds (the tree of rules and stated facts that first derived it,
//! with the file and line of every statement) and why a fact does not hold (for each rule
//! that could conclude it, the first condition that fails, and with which values).
//!
//! An explanation is data, an [`Explanation`]: a tree of [`Step`]s, each a sentence with its
//! [`Basis`] and the [`Place`] it cites. Front ends draw it: [`Explanation::text`] is what the
//! terminal shows, [`Explanation::json`] what a page or an editor reads.
//!
//! The files: `tree` (the types), `words` (facts, rules and conditions in words), `probe`
//! (searches run again to recover values), `derive` (why a fact holds), `whynot` and `notes`
//! (why it does not), `text` and `json` (the drawings).

mod derive;
mod json;
mod notes;
mod probe;
mod text;
mod tree;
mod whynot;
mod words;

pub use derive::{MAX_DEPTH, MAX_STEPS};
pub use text::{cite, stated_by};
pub use tree::{
    Basis, Cited, Condition, Explanation, Failure, FailureKind, Place, RuleOrigin, Step,
};
pub use words::{atom_text, phrase, possessive, shown};

use crate::eval::solve::FactRef;
use crate::eval::Model;
use crate::program::{Atom, Const, Program, Query, RelId, Term};
use crate::source::Sources;

/// Explains a ground atom: its derivation if it holds, else why it does not.
pub fn why(program: &Program, model: &mut Model, sources: &Sources, atom: &Atom) -> Explanation {
    let args: Vec<Const> = atom
        .args
        .iter()
        .map(|t| match t {
            Term::Const(c) => *c,
            _ => words::anonymous(),
        })
        .collect();
    let mut explanation = match model.find(atom.rel, &args) {
        Some(id) => Explanation {
            holds: true,
            steps: vec![derive::derivation(
                program,
                model,
                sources,
                FactRef { rel: atom.rel, id },
            )],
        },
        None => Explanation {
            holds: false,
            steps: vec![whynot::why_not(program, model, sources, atom.rel, &args, 0)],
        },
    };
    explanation.steps.extend(verdict_notes(
        program,
        model,
        sources,
        atom.rel,
        &args,
        explanation.holds,
    ));
    explanation
}

/// Under an explanation of a verdict about a state and a threat (`exposed(France, Germany)`,
/// `power(x, t, g)`, `covered_against`, ...), the duties to defend the state that its
/// coalition against that threat leaves out, and why: "Russia's duty to France is secret: it
/// counts as a duty, not as a deterrent". The sum or the missing cover shows only who counts;
/// the brief asks explanations to name the condition that made a duty not count. Then the
/// partners and groups of a state left without an answer to the threat, which a reader might
/// count on but which oblige no one.
fn verdict_notes(
    program: &Program,
    model: &Model,
    sources: &Sources,
    rel: RelId,
    args: &[Const],
    holds: bool,
) -> Vec<Step> {
    let t = &program.theory;
    let per_threat = [
        t.power,
        t.balance,
        t.deters,
        t.exposed,
        t.undetermined,
        t.covered_against,
        t.power_unknown,
        t.nuclear_exposed,
    ];
    let (Some(x), Some(threat)) = (args.first(), args.get(1)) else {
        return Vec::new();
    };
    if !per_threat.contains(&Some(rel)) || args.contains(&words::anonymous()) {
        return Vec::new();
    }
    let w = crate::conditions::World::new(program, model);
    let mut notes: Vec<Step> = crate::conditions::left_out_against(&w, *x, *threat)
        .into_iter()
        .map(|reason| Step::note(format!("Note: not counted: {reason}."), None))
        .collect();
    // Only where the state lacks an answer to the threat: under a verdict that deters, the
    // help that obliges no one is beside the point.
    let unanswered = [t.exposed, t.undetermined, t.nuclear_exposed].contains(&Some(rel))
        || (!holds && [t.deters, t.covered_against].contains(&Some(rel)));
    if unanswered {
        notes.extend(notes::support_notes(program, model, sources, x));
    }
    notes
}

/// Why a query has no answer (for a failed `expect`): the first condition no binding gets
/// past, followed into the relation it names.
pub fn query_failure(
    program: &Program,
    model: &mut Model,
    sources: &Sources,
    query: &Query,
) -> Explanation {
    Explanation {
        holds: false,
        steps: whynot::query_failure(program, model, sources, query)
            .into_iter()
            .collect(),
    }
}

/// Why a query has an answer (for a failed `expect not`): the first answer, and for each of
/// its facts how it was derived.
pub fn query_holds(
    program: &Program,
    model: &mut Model,
    sources: &Sources,
    query: &Query,
) -> Explanation {
    let facts = probe::first_answer(model, &query.body, query.vars.len());
    Explanation {
        holds: true,
        steps: facts
            .into_iter()
            .map(|fact| derive::derivation(program, model, sources, fact))
            .collect(),
    }
}
