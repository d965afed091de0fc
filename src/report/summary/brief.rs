//! A scenario's summary in short lines, for the REPL: the changes a reader cares about first
//! ("now: ...", "no longer: ..."), facts that differ in one argument said once, then a count
//! of every fact lost or gained.

use indexmap::IndexMap;
use rust_decimal::Decimal;

use super::Changes;
use crate::explain::{phrase, shown};
use crate::program::{Const, Program, RelId};
use crate::report::world::number;
use crate::scenario::RelDiff;
use crate::source::Sym;
use crate::words::{and_list, plural, round2, show_const};

/// Lines of changes shown before the rest are only counted.
const CHANGES_SHOWN: usize = 16;
/// Names listed in one line of a summary before the rest are only counted.
const NAMES_SHOWN: usize = 8;

/// The changes a reader cares about first, in words, then how many facts changed in all.
pub(super) fn summary(program: &Program, diff: &[RelDiff]) -> Vec<String> {
    let total: usize = diff.iter().map(|d| d.lost.len() + d.gained.len()).sum();
    if total == 0 {
        return vec![
            "nothing changes: every conclusion is the same as in the base world".to_string(),
        ];
    }
    let theory = &program.theory;
    let changes = Changes::new(diff);
    let (removed, added) = changes.states(theory);
    let mut lines: Vec<String> = removed
        .iter()
        .map(|s| format!("removed: {}", shown(program, s)))
        .chain(
            added
                .iter()
                .map(|s| format!("added: {}", shown(program, s))),
        )
        .collect();
    let headlines = [
        theory.defends,
        theory.covered,
        theory.exposed,
        theory.deters,
        theory.undetermined,
        theory.unguaranteed,
        theory.hub,
        theory.spoke,
        theory.supports,
        theory.tripwire,
        theory.cooperates,
    ];
    for rel in headlines.into_iter().flatten() {
        lines.extend(headline(program, &changes, &removed, rel));
    }
    lines.extend(balances(program, &changes, &removed));
    if lines.len() > CHANGES_SHOWN {
        let more = lines.len() - CHANGES_SHOWN;
        lines.truncate(CHANGES_SHOWN);
        lines.push(format!("... and {more} more changes like these"));
    }
    lines.push(format!(
        "({} lost or gained in all)",
        plural(total, "fact", "facts")
    ));
    lines
}

/// The lines of one relation's changes, leaving out facts about removed states and those
/// another line already says: "now exposed" already says "no longer deterred" (and the other
/// way round).
fn headline(program: &Program, changes: &Changes, removed: &[Const], rel: RelId) -> Vec<String> {
    let theory = &program.theory;
    let deterred = Some(rel) == theory.deters;
    let (exposed_lost, exposed_gained) =
        (changes.lost(theory.exposed), changes.gained(theory.exposed));
    let keep = |t: &&Vec<Const>, said: &[Vec<Const>]| {
        let about_removed = t.iter().any(|c| removed.contains(c));
        let already_said = deterred && said.contains(t);
        !about_removed && !already_said
    };
    let lost: Vec<Vec<Const>> = changes
        .lost(Some(rel))
        .iter()
        .filter(|t| keep(t, exposed_gained))
        .cloned()
        .collect();
    let gained: Vec<Vec<Const>> = changes
        .gained(Some(rel))
        .iter()
        .filter(|t| keep(t, exposed_lost))
        .cloned()
        .collect();
    let no_longer = grouped(program, rel, &lost)
        .into_iter()
        .map(|l| format!("no longer: {l}"));
    let now = grouped(program, rel, &gained)
        .into_iter()
        .map(|l| format!("now: {l}"));
    no_longer.chain(now).collect()
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
        let names: Vec<String> = varying.iter().map(|c| shown(program, c)).collect();
        let who = if names.len() == 1 {
            names[0].clone()
        } else {
            format!("each of {}", and_list(&names, NAMES_SHOWN))
        };
        // The hole's possessive was made for a name that does not end in "s".
        let text = phrase(program, rel, &args)
            .replace("\u{1}'s", &crate::explain::possessive(&who))
            .replace('\u{1}', &who);
        lines.push(text);
    }
    lines
}

/// "balance of Japan against China: 1.77 → 0.24" for each pair whose ratio changed, pairs
/// with the same change said once, the largest falls first.
fn balances(program: &Program, changes: &Changes, removed: &[Const]) -> Vec<String> {
    // (threat, before, after) -> the states whose balance went so.
    let mut groups: IndexMap<(Const, Const, Option<Const>), Vec<Const>> = IndexMap::new();
    for (x, th, before, after) in changes.balances(&program.theory) {
        if !removed.contains(&x) && !removed.contains(&th) {
            groups.entry((th, before, after)).or_default().push(x);
        }
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by_key(|((_, before, after), _)| {
        match (number(Some(before)), number(after.as_ref())) {
            (Some(b), Some(a)) if !b.is_zero() => a / b,
            _ => Decimal::ZERO,
        }
    });
    groups
        .into_iter()
        .map(|((th, before, after), states)| {
            let now = after.map_or("none".to_string(), ratio);
            let names: Vec<String> = states.iter().map(|c| shown(program, c)).collect();
            match names.as_slice() {
                [one] => format!(
                    "balance of {one} against {}: {} → {now}",
                    shown(program, &th),
                    ratio(before)
                ),
                _ => format!(
                    "balance against {}: {} → {now} for each of {}",
                    shown(program, &th),
                    ratio(before),
                    and_list(&names, NAMES_SHOWN)
                ),
            }
        })
        .collect()
}

fn ratio(c: Const) -> String {
    match c {
        Const::Num(d, _) => round2(d),
        other => show_const(other),
    }
}
