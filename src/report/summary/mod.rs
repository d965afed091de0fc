//! A scenario in words: how a world differs from its base, said once for every reader. The
//! report and the sweep say it in full sentences, the REPL in short lines ("now: ...", "no
//! longer: ..."); both read the same changes through [`Changes`], and every front end titles a
//! scenario with [`scenario_title`].

mod brief;
mod sentences;

use std::collections::HashMap;

use indexmap::IndexMap;

use super::world::{one_line, World};
use crate::eval::Model;
use crate::program::{Const, Program, RelId, Scenario};
use crate::run::ScenarioOutcome;
use crate::scenario::RelDiff;
use crate::source::Sources;
use crate::theory::Theory;

/// How a summary is worded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Sentences, for the report and the sweep: "Japan loses its only defender, United States."
    Sentences,
    /// Sentences about a year and the year before, for the timeline: a state that ends ceases
    /// to exist and a treaty that ends ends, where a scenario removes and cancels them.
    Years,
    /// Short lines under a heading, for the REPL: "no longer: United States must defend Japan",
    /// with a count of every fact lost or gained at the end.
    Brief,
}

/// How `after` differs from `before` (a scenario from its base world), in words.
pub fn summary(before: &World, after: &World, diff: &[RelDiff], style: Style) -> Vec<String> {
    match style {
        Style::Sentences => sentences::summary(before, after, diff, false),
        Style::Years => sentences::summary(before, after, diff, true),
        Style::Brief => brief::summary(before.program, diff),
    }
}

/// The summary in sentences of how one world differs from another (a scenario from its base):
/// what the sweep names as a departure's most telling changes.
pub fn scenario_summary(
    program: &Program,
    sources: &Sources,
    base: &Model,
    scenario: &Model,
    diff: &[RelDiff],
) -> Vec<String> {
    let before = World::new(program, sources, base);
    let after = World::new(program, sources, scenario);
    summary(&before, &after, diff, Style::Sentences)
}

/// "Scenario moshitora: What if Trump?", "Scenario moshitora", or, for an unnamed `if`,
/// "If treaty US Japan cancelled" (its changes as written, joined by "and").
pub fn scenario_title(name: Option<&str>, title: Option<&str>, changes: &[String]) -> String {
    match (name, title) {
        (Some(n), Some(t)) => format!("Scenario {n}: {t}"),
        (Some(n), None) => format!("Scenario {n}"),
        _ => format!("If {}", changes.join(" and ")),
    }
}

/// The source text of each change of a scenario, on one line each.
pub fn changes_text(sources: &Sources, scenario: Option<&Scenario>) -> Vec<String> {
    scenario.map_or(Vec::new(), |s| {
        s.changes
            .iter()
            .map(|(_, span)| one_line(sources.text(*span)))
            .collect()
    })
}

/// The title of a scenario's outcome and its changes as written.
pub(crate) fn outcome_title(
    program: &Program,
    sources: &Sources,
    s: &ScenarioOutcome,
) -> (String, Vec<String>) {
    let changes = changes_text(sources, scenario_of(program, s));
    let name = s.name.map(|n| n.as_str());
    let title = scenario_title(name, s.title.map(|t| t.as_str()), &changes);
    (title, changes)
}

/// The scenario of the program an outcome came from.
pub(crate) fn scenario_of<'p>(program: &'p Program, s: &ScenarioOutcome) -> Option<&'p Scenario> {
    program.scenarios.iter().find(|p| p.span == s.span)
}

/// The facts a scenario lost and gained, by relation.
pub(crate) struct Changes<'d> {
    diffs: HashMap<RelId, &'d RelDiff>,
}

impl<'d> Changes<'d> {
    pub(crate) fn new(diff: &'d [RelDiff]) -> Changes<'d> {
        Changes {
            diffs: diff.iter().map(|d| (d.rel, d)).collect(),
        }
    }

    /// The facts of a relation the scenario no longer has (none for a relation it lacks).
    pub(crate) fn lost(&self, rel: Option<RelId>) -> &'d [Vec<Const>] {
        self.diff(rel).map_or(&[], |d| d.lost.as_slice())
    }

    /// The facts of a relation only the scenario has.
    pub(crate) fn gained(&self, rel: Option<RelId>) -> &'d [Vec<Const>] {
        self.diff(rel).map_or(&[], |d| d.gained.as_slice())
    }

    fn diff(&self, rel: Option<RelId>) -> Option<&'d RelDiff> {
        rel.and_then(|r| self.diffs.get(&r).copied())
    }

    /// The states the scenario removes and the states it adds.
    pub(crate) fn states(&self, theory: &Theory) -> (Vec<Const>, Vec<Const>) {
        let firsts = |tuples: &[Vec<Const>]| -> Vec<Const> {
            tuples.iter().filter_map(|t| t.first().copied()).collect()
        };
        (
            firsts(self.lost(theory.state)),
            firsts(self.gained(theory.state)),
        )
    }

    /// Each balance the scenario changes or ends, in the order lost: the state, the threat,
    /// the ratio before and the ratio after (none when the balance is gone).
    pub(crate) fn balances(&self, theory: &Theory) -> Vec<(Const, Const, Const, Option<Const>)> {
        let after: IndexMap<(Const, Const), Const> = self
            .gained(theory.balance)
            .iter()
            .filter_map(|t| match t.as_slice() {
                [x, th, r] => Some(((*x, *th), *r)),
                _ => None,
            })
            .collect();
        self.lost(theory.balance)
            .iter()
            .filter_map(|t| match t.as_slice() {
                [x, th, r] => Some((*x, *th, *r, after.get(&(*x, *th)).copied())),
                _ => None,
            })
            .collect()
    }
}

/// Pairs grouped by one column (`key`, 0 or 1), each group listing the other column.
pub(crate) fn grouped(tuples: &[Vec<Const>], key: usize) -> IndexMap<Const, Vec<Const>> {
    let mut map: IndexMap<Const, Vec<Const>> = IndexMap::new();
    for t in tuples {
        if let (Some(k), Some(v)) = (t.get(key), t.get(1 - key.min(1))) {
            map.entry(*k).or_default().push(*v);
        }
    }
    map
}
