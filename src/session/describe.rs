//! What the REPL says about a world: a scenario's short summary (the changes a reader cares
//! about first, then a count of the rest) and `:show NAME` (every fact about a name).

use indexmap::IndexMap;

use super::{Output, Reply};
use crate::check::Checked;
use crate::diag;
use crate::eval::{evaluate_scenario, Model, Options, Prov};
use crate::explain::phrase;
use crate::program::{Const, Program, RelId, Scenario};
use crate::report::summary::{changes_text, scenario_title, summary, Style};
use crate::report::{one_line, World};
use crate::run::{answer_checked, AskOutcome};
use crate::scenario;
use crate::source::{Sources, Sym};
use crate::words;

/// Facts of one relation shown by `:show` before the rest are only counted.
const FACTS_SHOWN: usize = 12;

/// `1 question`, `3 scenarios`.
pub fn plural(n: usize, word: &str) -> String {
    words::plural(n, word, &format!("{word}s"))
}

/// "a", "a and b", "a, b and c".
pub fn and_list(items: &[String]) -> String {
    words::and_list(items, usize::MAX)
}

/// Runs a scenario against the base world: its title, what changes, then its questions.
pub fn run_scenario(
    checked: &Checked,
    base: &Model,
    scenario: &Scenario,
    options: &Options,
) -> Output {
    let program = &checked.program;
    let mut out = Output::say(title(&checked.sources, scenario));
    let facts = match scenario::apply(program, base, &scenario.changes) {
        Ok(f) => f,
        Err(d) => {
            out.append(Output::fail_diags(vec![d], &checked.sources));
            return out;
        }
    };
    let mut model = match evaluate_scenario(program, &facts, base, options) {
        Ok(m) => Model {
            year: crate::scenario::year(program, &scenario.changes),
            ..m
        },
        Err(d) => {
            out.append(Output::fail_diags(vec![d], &checked.sources));
            return out;
        }
    };
    let diff = scenario::diff(program, base, &model);
    let (before, after) = (
        World::new(program, &checked.sources, base),
        World::new(program, &checked.sources, &model),
    );
    let lines: String = summary(&before, &after, &diff, Style::Brief)
        .iter()
        .map(|line| format!("  {line}\n"))
        .collect();
    out.push_say(lines);
    for (ask, span) in &scenario.asks {
        let (outcome, problems) = answer_checked(program, &mut model, &checked.sources, ask, *span);
        out.failed |= diag::has_errors(&problems)
            || matches!(outcome, AskOutcome::Expect { passed: false, .. });
        out.push_diags(problems, &checked.sources);
        out.replies.push(Reply::Asked {
            question: one_line(checked.sources.text(*span)),
            outcome,
        });
    }
    out
}

/// "Scenario moshitora: What if Trump? (remove hub)" or "If treaty US Japan cancelled:".
fn title(sources: &Sources, scenario: &Scenario) -> String {
    let changes = changes_text(sources, Some(scenario));
    let name = scenario.name.map(|n| n.as_str());
    let heading = scenario_title(name, scenario.title.map(|t| t.as_str()), &changes);
    match name {
        Some(_) => format!("{heading} ({})\n", changes.join(" and ")),
        None => format!("{heading}:\n"),
    }
}

/// `:show NAME`: every fact, stated or derived, whose arguments include the name, grouped by
/// relation, in words. `None` when no fact mentions it.
pub fn show_name(
    program: &Program,
    model: &Model,
    sources: &Sources,
    name: &str,
) -> Option<String> {
    // A name never interned is in no fact.
    let c = Const::Sym(Sym::find(name)?);
    let mut stated: IndexMap<RelId, Vec<Vec<Const>>> = IndexMap::new();
    let mut derived: IndexMap<RelId, Vec<Vec<Const>>> = IndexMap::new();
    for (i, _) in program.relations.iter().enumerate() {
        let rel = RelId(i as u32);
        for (id, tuple) in model.store(rel).iter() {
            if !tuple.iter().any(|v| model.values.get(*v) == c) {
                continue;
            }
            let args: Vec<Const> = tuple.iter().map(|v| model.values.get(*v)).collect();
            let base = matches!(
                model.prov(crate::eval::solve::FactRef { rel, id }),
                Some(Prov::Base(_))
            );
            let side = if base { &mut stated } else { &mut derived };
            side.entry(rel).or_default().push(args);
        }
    }
    if stated.is_empty() && derived.is_empty() {
        return None;
    }
    let mut text = heading(program, sources, name);
    for (label, facts) in [("Stated", stated), ("Derived", derived)] {
        if !facts.is_empty() {
            text.push_str(&format!("{label}:\n"));
            text.push_str(&relations_text(program, facts));
        }
    }
    Some(text)
}

fn heading(program: &Program, sources: &Sources, name: &str) -> String {
    match Sym::find(name).and_then(|s| program.states.get(&s)) {
        Some(info) => {
            let display = info
                .display
                .map(|d| format!(" \"{d}\""))
                .unwrap_or_default();
            format!(
                "{name}{display}: a state, declared at {}\n",
                sources.location(info.span)
            )
        }
        None => format!("{name}:\n"),
    }
}

fn relations_text(program: &Program, facts: IndexMap<RelId, Vec<Vec<Const>>>) -> String {
    let mut text = String::new();
    for (rel, mut tuples) in facts {
        tuples.sort_by(scenario::cmp);
        text.push_str(&format!(
            "  {} ({}):\n",
            program.rel(rel).name,
            tuples.len()
        ));
        for t in tuples.iter().take(FACTS_SHOWN) {
            text.push_str(&format!("    {}\n", phrase(program, rel, t)));
        }
        if tuples.len() > FACTS_SHOWN {
            text.push_str(&format!(
                "    ... and {} more\n",
                tuples.len() - FACTS_SHOWN
            ));
        }
    }
    text
}
