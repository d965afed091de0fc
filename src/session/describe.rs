//! What the REPL says about a world: a scenario's short summary (the changes a reader cares
//! about first, then a count of the rest) and `:show NAME` (every fact about a name).

use indexmap::IndexMap;
use rust_decimal::Decimal;

use super::{Output, Reply};
use crate::check::Checked;
use crate::diag;
use crate::eval::{evaluate_scenario, Model, Options, Prov};
use crate::explain::phrase;
use crate::program::{Const, Program, RelId, Scenario};
use crate::run::{answer_checked, AskOutcome};
use crate::scenario::{self, RelDiff};
use crate::source::{Sources, Sym};

/// Relations whose changes a scenario's summary lists, in this order.
const HEADLINES: &[&str] = &[
    "defends",
    "covered",
    "exposed",
    "deterred",
    "undetermined",
    "unguaranteed",
    "hub",
    "spoke",
    "supports",
    "tripwire",
    "cooperates",
];
/// Lines of changes shown before the rest are only counted.
const CHANGES_SHOWN: usize = 16;
/// Names listed in one line of a summary before the rest are only counted.
const NAMES_SHOWN: usize = 8;
/// Facts of one relation shown by `:show` before the rest are only counted.
const FACTS_SHOWN: usize = 12;

/// `1 question`, `3 scenarios`.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// "a", "a and b", "a, b and c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Runs a scenario against the base world: its title, what changes, then its questions.
pub fn run_scenario(
    checked: &Checked,
    base: &Model,
    scenario: &Scenario,
    options: &Options,
) -> Output {
    let program = &checked.program;
    let mut out = Output::say(title(checked, scenario));
    let facts = match scenario::apply(program, base, &scenario.changes) {
        Ok(f) => f,
        Err(d) => {
            out.append(Output::fail_diags(vec![d], &checked.sources));
            return out;
        }
    };
    let mut model = match evaluate_scenario(program, &facts, base, options) {
        Ok(m) => m,
        Err(d) => {
            out.append(Output::fail_diags(vec![d], &checked.sources));
            return out;
        }
    };
    let diff = scenario::diff(program, base, &model);
    let lines: String = summary(program, &diff)
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
fn title(checked: &Checked, scenario: &Scenario) -> String {
    let changes: Vec<String> = scenario
        .changes
        .iter()
        .map(|(_, span)| one_line(checked.sources.text(*span)))
        .collect();
    let changes = changes.join(" and ");
    match (scenario.name, scenario.title) {
        (Some(n), Some(t)) => format!("Scenario {n}: {t} ({changes})\n"),
        (Some(n), None) => format!("Scenario {n} ({changes})\n"),
        _ => format!("If {changes}:\n"),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The changes a reader cares about first, in words, then how many facts changed in all.
fn summary(program: &Program, diff: &[RelDiff]) -> Vec<String> {
    let removed: Vec<Const> = changes(program, diff, "state")
        .0
        .iter()
        .filter_map(|t| t.first().copied())
        .collect();
    let (exposed_lost, exposed_gained) = changes(program, diff, "exposed");
    // "now exposed" already says "no longer deterred" (and the other way round).
    let said = |name: &str, lost: bool, t: &Vec<Const>| match (name, lost) {
        ("deterred", true) => exposed_gained.contains(t),
        ("deterred", false) => exposed_lost.contains(t),
        _ => false,
    };
    let skip = |name: &str, lost: bool, t: &Vec<Const>| {
        t.iter().any(|c| removed.contains(c)) || said(name, lost, t)
    };
    let added = changes(program, diff, "state")
        .1
        .iter()
        .filter_map(|t| t.first().map(|s| format!("added: {}", show(program, s))));
    let mut lines: Vec<String> = removed
        .iter()
        .map(|s| format!("removed: {}", show(program, s)))
        .chain(added)
        .collect();
    for name in HEADLINES {
        let Some(d) = program
            .relation(name)
            .and_then(|r| diff.iter().find(|d| d.rel == r))
        else {
            continue;
        };
        let lost: Vec<Vec<Const>> = d
            .lost
            .iter()
            .filter(|t| !skip(name, true, t))
            .cloned()
            .collect();
        let gained: Vec<Vec<Const>> = d
            .gained
            .iter()
            .filter(|t| !skip(name, false, t))
            .cloned()
            .collect();
        lines.extend(
            grouped(program, d.rel, &lost)
                .into_iter()
                .map(|l| format!("no longer: {l}")),
        );
        lines.extend(
            grouped(program, d.rel, &gained)
                .into_iter()
                .map(|l| format!("now: {l}")),
        );
    }
    lines.extend(balances(program, diff, &removed));
    let total: usize = diff.iter().map(|d| d.lost.len() + d.gained.len()).sum();
    if total == 0 {
        return vec![
            "nothing changes: every conclusion is the same as in the base world".to_string(),
        ];
    }
    if lines.len() > CHANGES_SHOWN {
        let more = lines.len() - CHANGES_SHOWN;
        lines.truncate(CHANGES_SHOWN);
        lines.push(format!("... and {more} more changes like these"));
    }
    lines.push(format!("({} lost or gained in all)", plural(total, "fact")));
    lines
}

/// Facts in words, those that differ in one argument only said once: "each of Japan and
/// SouthKorea is exposed to China".
fn grouped(program: &Program, rel: RelId, tuples: &[Vec<Const>]) -> Vec<String> {
    // Each fact goes with the argument whose variation makes the larger group.
    let key = |t: &Vec<Const>, i: usize| {
        (
            i,
            t.iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, c)| *c)
                .collect::<Vec<_>>(),
        )
    };
    let mut sizes: IndexMap<(usize, Vec<Const>), usize> = IndexMap::new();
    for t in tuples.iter().filter(|t| t.len() <= 2) {
        for i in 0..t.len() {
            *sizes.entry(key(t, i)).or_default() += 1;
        }
    }
    let mut groups: IndexMap<(usize, Vec<Const>), Vec<Const>> = IndexMap::new();
    let mut lines = Vec::new();
    for t in tuples {
        let best = (0..t.len())
            .filter(|_| t.len() <= 2)
            .max_by_key(|i| (sizes.get(&key(t, *i)).copied().unwrap_or(0), usize::MAX - i));
        match best {
            Some(i) => groups.entry(key(t, i)).or_default().push(t[i]),
            None => lines.push(phrase(program, rel, t)),
        }
    }
    for ((i, rest), varying) in groups {
        let hole = Const::Sym(Sym::new("\u{1}"));
        let mut args = rest;
        args.insert(i, hole);
        let names: Vec<String> = varying.iter().map(|c| show(program, c)).collect();
        let shown = if names.len() == 1 {
            names[0].clone()
        } else {
            format!("each of {}", capped(&names))
        };
        lines.push(phrase(program, rel, &args).replace('\u{1}', &shown));
    }
    lines
}

/// "A, B and C", or the first few "and N more".
fn capped(names: &[String]) -> String {
    if names.len() <= NAMES_SHOWN {
        return and_list(names);
    }
    let mut shown: Vec<String> = names[..NAMES_SHOWN].to_vec();
    shown.push(format!("{} more", names.len() - NAMES_SHOWN));
    and_list(&shown)
}

/// The facts of a relation lost and gained.
fn changes<'d>(
    program: &Program,
    diff: &'d [RelDiff],
    name: &str,
) -> (&'d [Vec<Const>], &'d [Vec<Const>]) {
    match program
        .relation(name)
        .and_then(|r| diff.iter().find(|d| d.rel == r))
    {
        Some(d) => (&d.lost, &d.gained),
        None => (&[], &[]),
    }
}

/// "balance of Japan against China: 1.77 → 0.24" for each pair whose ratio changed, pairs
/// with the same change said once, the largest falls first.
fn balances(program: &Program, diff: &[RelDiff], removed: &[Const]) -> Vec<String> {
    let (lost, gained) = changes(program, diff, "balance");
    let after: IndexMap<(Const, Const), Const> = gained
        .iter()
        .filter_map(|t| match t.as_slice() {
            [x, th, r] => Some(((*x, *th), *r)),
            _ => None,
        })
        .collect();
    // (threat, before, after) -> the states whose balance went so.
    let mut groups: IndexMap<(Const, Const, Option<Const>), Vec<Const>> = IndexMap::new();
    for t in lost {
        if let [x, th, r] = t.as_slice() {
            if !removed.contains(x) && !removed.contains(th) {
                groups
                    .entry((*th, *r, after.get(&(*x, *th)).copied()))
                    .or_default()
                    .push(*x);
            }
        }
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by_key(|((_, before, after), _)| {
        match (number(before), after.as_ref().and_then(number)) {
            (Some(b), Some(a)) if !b.is_zero() => a / b,
            _ => Decimal::ZERO,
        }
    });
    groups
        .into_iter()
        .map(|((th, before, after), states)| {
            let now = after.map_or("none".to_string(), ratio);
            let names: Vec<String> = states.iter().map(|c| show(program, c)).collect();
            match names.as_slice() {
                [one] => format!(
                    "balance of {one} against {}: {} → {now}",
                    show(program, &th),
                    ratio(before)
                ),
                _ => format!(
                    "balance against {}: {} → {now} for each of {}",
                    show(program, &th),
                    ratio(before),
                    capped(&names)
                ),
            }
        })
        .collect()
}

fn number(c: &Const) -> Option<Decimal> {
    match c {
        Const::Num(d, _) => Some(*d),
        _ => None,
    }
}

fn ratio(c: Const) -> String {
    match c {
        Const::Num(d, _) => crate::words::round2(d),
        other => crate::words::show_const(other),
    }
}

/// A constant as the reader sees it: a state by its display name, as in the sentences.
fn show(program: &Program, c: &Const) -> String {
    crate::explain::shown(program, c)
}

/// `:show NAME`: every fact, stated or derived, whose arguments include the name, grouped by
/// relation, in words. `None` when no fact mentions it.
pub fn show_name(
    program: &Program,
    model: &Model,
    sources: &Sources,
    name: &str,
) -> Option<String> {
    let c = Const::Sym(Sym::new(name));
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
    match program.states.get(&Sym::new(name)) {
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
