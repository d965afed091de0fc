//! A world year after year (`alliance timeline`): what changed in the conclusions from each
//! year to the next.
//!
//! Years never reach the engine (a world as of Y is the base facts in force in Y), so the
//! conclusions can only change in a year where a base fact starts (`from Y`) or ends (the year
//! after its `until`). The timeline finds those years from the facts' dates, evaluates the
//! world only there, and diffs each world with the one before it, as a scenario is diffed
//! with its base: every other year is the same world as the year before and costs nothing.
//! What the differences mean in words is the report's job (`report::timeline`).

use std::collections::BTreeMap;

use crate::diag::{Code, Diag};
use crate::eval::{evaluate, evaluate_scenario, Model, Options};
use crate::program::{Const, Fact, Program, RelId};
use crate::scenario::{self, RelDiff};

/// The years a timeline covers, both ends inclusive. Year `from` is compared with the year
/// before it, so what begins in `from` is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub from: i32,
    pub to: i32,
}

/// The default range: from the first year the script's dates mention to the last year in
/// which anything changes (a `from` year, or the year after an `until`), so every change is
/// shown and the output does not depend on today's date. `None` when nothing is dated.
pub fn default_range(program: &Program) -> Option<Range> {
    let (first, _) = program.years_mentioned()?;
    let last = program
        .facts
        .iter()
        .flat_map(|f| [f.years.from, f.years.until.map(|u| u.saturating_add(1))])
        .flatten()
        .max()?;
    Some(Range {
        from: first,
        to: last.max(first),
    })
}

/// The years to walk for the years a user gave, if any: those given, else the script's own
/// ([`default_range`]); a year given on one side only moves the other end out to meet it.
/// `None` when nothing is dated and no year was given; `to` before `from` is a diagnostic
/// ([`check_range`]).
pub fn range(program: &Program, from: Option<i32>, to: Option<i32>) -> Result<Option<Range>, Diag> {
    let (from, to) = match (from, to, default_range(program)) {
        (Some(f), Some(t), _) => return check_range(f, t).map(Some),
        (Some(f), None, d) => (f, d.map_or(f, |d| d.to.max(f))),
        (None, Some(t), d) => (d.map_or(t, |d| d.from.min(t)), t),
        (None, None, Some(d)) => (d.from, d.to),
        (None, None, None) => return Ok(None),
    };
    Ok(Some(Range { from, to }))
}

/// One year in which the conclusions changed: the world of the year before, the world of the
/// year, and every fact lost and gained between them, relation by relation.
pub struct Step<'m> {
    pub year: i32,
    pub before: &'m Model,
    pub after: &'m Model,
    pub diff: &'m [RelDiff],
}

/// The years in `(range.from, range.to]`, and `range.from` itself, in which the base facts in
/// force differ from those of the year before, in order.
///
/// A fact starts in its `from` year and ends in the year after its `until`. A year in which
/// the facts that start are the very facts that end (a renewal written as two periods that
/// meet) changes nothing, and is left out.
pub fn change_years(program: &Program, range: Range) -> Vec<i32> {
    // year -> (facts starting, facts ending), by index into `program.facts`.
    let mut edges: BTreeMap<i32, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    let within = |y: i32| range.from <= y && y <= range.to;
    for (i, f) in program.facts.iter().enumerate() {
        if let Some(y) = f.years.from.filter(|y| within(*y)) {
            edges.entry(y).or_default().0.push(i);
        }
        if let Some(y) = f
            .years
            .until
            .and_then(|u| u.checked_add(1))
            .filter(|y| within(*y))
        {
            edges.entry(y).or_default().1.push(i);
        }
    }
    edges
        .into_iter()
        .filter(|(_, (starts, ends))| !same_facts(&program.facts, starts, ends))
        .map(|(y, _)| y)
        .collect()
}

/// Whether two lists of facts (indexes) state the same relations and arguments.
fn same_facts(facts: &[Fact], a: &[usize], b: &[usize]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let key = |list: &[usize]| {
        let mut keys: Vec<(RelId, &[Const])> = list
            .iter()
            .map(|i| (facts[*i].rel, facts[*i].args.as_slice()))
            .collect();
        keys.sort_by(|x, y| x.0.cmp(&y.0).then_with(|| scenario::cmp_tuples(x.1, y.1)));
        keys
    };
    key(a) == key(b)
}

/// Walks the years of `range`: evaluates the world of the year before `range.from`, then the
/// world of each year in which the base facts change, and calls `each` with every year whose
/// conclusions differ from the year before. Evaluation stops at the first year that fails
/// (too many facts derived, say), with the year named in the diagnostic.
pub fn walk(
    program: &Program,
    range: Range,
    options: &Options,
    mut each: impl FnMut(Step),
) -> Result<(), Diag> {
    let at = |year: i32, d: Diag| Diag {
        message: format!("as of {year}: {}", d.message),
        ..d
    };
    let start = range.from.saturating_sub(1);
    let mut before =
        evaluate(program, &program.facts_as_of(Some(start)), options).map_err(|d| at(start, d))?;
    for year in change_years(program, range) {
        // The constants of the year before are interned first, so the diff compares tuples
        // as they are stored.
        let after = evaluate_scenario(program, &program.facts_as_of(Some(year)), &before, options)
            .map_err(|d| at(year, d))?;
        let diff = scenario::diff(program, &before, &after);
        if !diff.is_empty() {
            each(Step {
                year,
                before: &before,
                after: &after,
                diff: &diff,
            });
        }
        before = after;
    }
    Ok(())
}

/// A range given by the user, checked: `to` before `from` is a diagnostic (without a place:
/// the front end that read the years labels them).
pub fn check_range(from: i32, to: i32) -> Result<Range, Diag> {
    if to < from {
        return Err(Diag::error(
            Code::DateOrder,
            format!("the timeline ends in {to}, before it begins in {from}"),
        )
        .help("give a last year that is not before the first"));
    }
    Ok(Range { from, to })
}
