//! A scenario's summary in sentences, for the report and the sweep: who lost a defender or
//! nuclear cover, who became exposed, balances before and after, roles that changed.

use indexmap::IndexMap;

use super::{grouped, Changes};
use crate::explain::possessive;
use crate::program::{Const, RelId};
use crate::report::rows::{direction_words, groups, ratio2, verdict};
use crate::report::world::{number, World};
use crate::scenario::RelDiff;
use crate::theory::{words, Theory};
use crate::words::{and_list, prose, show_const, verb};

/// Names listed in one summary sentence before "and N more".
const NAMES_SHOWN: usize = 8;

/// Balance changes listed in a scenario's summary.
const BALANCES_SHOWN: usize = 10;

/// What a summary sentence needs: both worlds, the diff, and the states the scenario removed.
struct Compare<'a, 'd> {
    theory: &'a Theory,
    before: &'a World<'a>,
    after: &'a World<'a>,
    changes: Changes<'d>,
    removed: Vec<Const>,
    /// States the scenario adds.
    added: Vec<Const>,
    /// Whether the two worlds are a year and the year before (`Style::Years`), not a base
    /// world and a scenario: what ends then ends with time, not by a change someone made.
    years: bool,
}

impl Compare<'_, '_> {
    fn gone(&self, c: &Const) -> bool {
        self.removed.contains(c)
    }

    /// Names of states, in declaration order, as a list in words.
    fn list(&self, states: &[Const]) -> String {
        let mut states = states.to_vec();
        self.before.sort_states(&mut states);
        states.dedup();
        and_list(&self.before.names(&states), NAMES_SHOWN)
    }

    /// The pairs of a relation's changes grouped by one column (`key`, 0 or 1), each group listing
    /// the other column, leaving out removed states.
    fn grouped(&self, tuples: &[Vec<Const>], key: usize) -> IndexMap<Const, Vec<Const>> {
        grouped(tuples, key)
            .into_iter()
            .filter(|(k, _)| !self.gone(k))
            .map(|(k, v)| {
                (
                    k,
                    v.into_iter().filter(|c| !self.gone(c)).collect::<Vec<_>>(),
                )
            })
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }
}

/// The summary of a scenario in sentences; one sentence saying so when nothing a reader cares
/// about changes.
pub(super) fn summary(before: &World, after: &World, diff: &[RelDiff], years: bool) -> Vec<String> {
    let changes = Changes::new(diff);
    let (removed, added) = changes.states(before.theory);
    let cmp = Compare {
        theory: before.theory,
        before,
        after,
        changes,
        removed,
        added,
        years,
    };
    let mut out = Vec::new();
    removed_sentences(&cmp, &mut out);
    membership_sentences(&cmp, &mut out);
    treaty_sentences(&cmp, &mut out);
    condition_sentences(&cmp, &mut out);
    attribute_sentences(&cmp, &mut out);
    defender_sentences(&cmp, &mut out);
    partner_sentences(&cmp, &mut out);
    cover_sentences(&cmp, &mut out);
    exposure_sentences(&cmp, &mut out);
    threat_sentences(&cmp, &mut out);
    balance_sentences(&cmp, &mut out);
    role_sentences(&cmp, &mut out);
    if out.is_empty() {
        out.push(if diff.is_empty() {
            "Nothing changes: every conclusion is the same as in the base world.".to_string()
        } else {
            "No obligation, nuclear cover, verdict or role changes; the facts that do change are listed below.".to_string()
        });
    }
    out
}

fn removed_sentences(cmp: &Compare, out: &mut Vec<String>) {
    if !cmp.added.is_empty() {
        out.push(format!(
            "{} {} the world.",
            cmp.list(&cmp.added),
            verb(cmp.added.len(), "enters", "enter")
        ));
    }
    let n = cmp.removed.len();
    if n == 0 {
        return;
    }
    let hubs: Vec<Const> = cmp
        .removed
        .iter()
        .filter(|s| cmp.before.holds(cmp.before.theory.hub, &[**s]))
        .copied()
        .collect();
    let gone = match cmp.years {
        true => verb(n, "ceases to exist", "cease to exist"),
        false => verb(n, "is removed", "are removed"),
    };
    if let ([hub], 1) = (hubs.as_slice(), n) {
        out.push(format!(
            "The hub, {}, {gone}, with every commitment it was part of.",
            cmp.before.name(hub)
        ));
        return;
    }
    out.push(format!(
        "{} {gone}, with every commitment {} part of.",
        cmp.list(&cmp.removed),
        verb(n, "it was", "they were")
    ));
}

/// States that join or leave a pact, group or bloc; joining a group adds no defender. A pact,
/// group or bloc that ends is said to end, not to be left by all its members; a pact left with
/// one member is said to bind no one.
fn membership_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let groups = groups(cmp.after);
    let t = cmp.theory;
    let declarations = [t.pact, t.group, t.bloc];
    let ends = |g: &Const| {
        let names = |tuples: &[Vec<Const>]| tuples.iter().any(|f| f.first() == Some(g));
        declarations
            .iter()
            .any(|r| names(cmp.changes.lost(*r)) && !names(cmp.changes.gained(*r)))
    };
    for (g, all) in grouped(cmp.changes.lost(cmp.theory.member), 1) {
        if ends(&g) {
            // Every member it had, those that cease to exist with it included.
            let n = all.len();
            out.push(format!(
                "{} {}; {} {} its {}.",
                cmp.before.name(&g),
                if cmp.years {
                    "ends"
                } else {
                    "no longer exists"
                },
                cmp.list(&all),
                verb(n, "was", "were"),
                if n == 1 { "only member" } else { "members" }
            ));
            continue;
        }
        let states: Vec<Const> = all.into_iter().filter(|x| !cmp.gone(x)).collect();
        if states.is_empty() {
            continue;
        }
        let n = states.len();
        out.push(format!(
            "{} {} {}.",
            cmp.list(&states),
            verb(n, "leaves", "leave"),
            cmp.before.name(&g)
        ));
        let pact = cmp
            .after
            .tuples(t.pact)
            .iter()
            .any(|f| f.first() == Some(&g));
        let left: Vec<Const> = cmp
            .after
            .tuples(t.member)
            .iter()
            .filter(|f| f.get(1) == Some(&g))
            .filter_map(|f| f.first().copied())
            .collect();
        if let ([one], true) = (left.as_slice(), pact) {
            out.push(format!(
                "{} is left with one member, {}: a pact of one obliges no one.",
                cmp.before.name(&g),
                cmp.before.name(one)
            ));
        }
    }
    for (g, states) in grouped(cmp.changes.gained(cmp.theory.member), 1) {
        let n = states.len();
        let mut line = format!(
            "{} {} {}",
            cmp.list(&states),
            verb(n, "joins", "join"),
            cmp.before.name(&g)
        );
        if let Some(kinds) = groups.get(&g) {
            let kinds: Vec<String> = kinds.iter().map(|k| show_const(*k)).collect();
            line.push_str(&format!(
                ", a {} group: groups oblige no one to defend",
                and_list(&kinds, usize::MAX)
            ));
        }
        out.push(format!("{line}."));
    }
}

/// Treaties cancelled, added or changed (a downgrade to consultation, say).
fn treaty_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let key = |t: &Vec<Const>| match t.as_slice() {
        [a, b, ..] => Some((*a, *b)),
        _ => None,
    };
    let gained = cmp.changes.gained(cmp.theory.treaty);
    let kind = |t: &[Const]| match t {
        [_, _, d, o] => format!(
            "{} {}",
            direction_words(d).trim_start_matches("treaty, "),
            show_const(*o)
        ),
        _ => String::new(),
    };
    for t in cmp.changes.lost(cmp.theory.treaty) {
        let Some((a, b)) = key(t) else { continue };
        if cmp.gone(&a) || cmp.gone(&b) {
            continue;
        }
        let parties = format!("{} and {}", cmp.before.name(&a), cmp.before.name(&b));
        match gained
            .iter()
            .find(|g| key(g) == Some((a, b)) || key(g) == Some((b, a)))
        {
            Some(g) => out.push(format!(
                "The {} treaty between {parties} becomes a {} treaty{}{}.",
                kind(t),
                kind(g),
                limits(cmp, g),
                duty(g)
            )),
            None => out.push(format!(
                "The {} treaty between {parties} {}.",
                kind(t),
                if cmp.years { "ends" } else { "is cancelled" }
            )),
        }
    }
    let lost = cmp.changes.lost(cmp.theory.treaty);
    for g in gained {
        let Some((a, b)) = key(g) else { continue };
        if !lost
            .iter()
            .any(|t| key(t) == Some((a, b)) || key(t) == Some((b, a)))
        {
            let limits = limits(cmp, g);
            let (a, b) = (cmp.before.name(&a), cmp.before.name(&b));
            out.push(format!(
                "A new {} treaty binds {a} and {b}{limits}{}.",
                kind(g),
                duty(g)
            ));
        }
    }
}

/// Conditions changed on a treaty or pact that both worlds have ("The defence treaty of C and
/// A now applies only against D, no longer unless provoked").
fn condition_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let t = cmp.theory;
    let changed = |rels: &[Option<RelId>], width: usize| {
        let mut keys: Vec<Vec<Const>> = Vec::new();
        for rel in rels {
            for f in cmp
                .changes
                .lost(*rel)
                .iter()
                .chain(cmp.changes.gained(*rel))
            {
                let key = f[..width.min(f.len())].to_vec();
                if !keys.contains(&key) && !key.iter().any(|c| cmp.gone(c)) {
                    keys.push(key);
                }
            }
        }
        keys
    };
    let treaty_rels = [
        t.treaty_against,
        t.treaty_in,
        t.treaty_unless_provoked,
        t.treaty_secret,
    ];
    let defence = Const::Sym(crate::source::Sym::new(words::DEFENCE));
    for key in changed(&treaty_rels, 2) {
        let [a, b] = key[..] else { continue };
        // A treaty new to the scenario has its conditions in its own sentence.
        let new = cmp
            .changes
            .gained(t.treaty)
            .iter()
            .any(|g| g[..2] == [a, b] && g.get(3) == Some(&defence));
        let before = crate::conditions::treaty_limits(cmp.before.facts(), a, b);
        let after = crate::conditions::treaty_limits(cmp.after.facts(), a, b);
        let kept = cmp
            .after
            .tuples(t.treaty)
            .iter()
            .any(|f| f[..2] == [a, b] && f.get(3) == Some(&defence));
        if new || before == after || !kept {
            continue;
        }
        let what = format!(
            "The defence treaty between {} and {}",
            cmp.before.name(&a),
            cmp.before.name(&b)
        );
        out.push(change_words(&what, &before, &after));
    }
    let pact_rels = [
        t.pact_against,
        t.pact_in,
        t.pact_unless_provoked,
        t.pact_secret,
    ];
    for key in changed(&pact_rels, 1) {
        let [p] = key[..] else { continue };
        let before = crate::conditions::pact_limits(cmp.before.facts(), p);
        let after = crate::conditions::pact_limits(cmp.after.facts(), p);
        if before != after && cmp.after.holds(t.pact, &[p]) {
            let what = format!("The pact {}", cmp.before.name(&p));
            out.push(change_words(&what, &before, &after));
        }
    }
}

/// "X now has conditions: only against D (before: unless provoked)".
fn change_words(what: &str, before: &[String], after: &[String]) -> String {
    match (before.is_empty(), after.is_empty()) {
        (true, _) => format!("{what} now has conditions: {}.", after.join("; ")),
        (false, true) => format!(
            "{what} no longer has conditions (before: {}).",
            before.join("; ")
        ),
        (false, false) => format!(
            "{what} has new conditions: {} (before: {}).",
            after.join("; "),
            before.join("; ")
        ),
    }
}

/// " (only against Russia; secret)": the conditions of a defence treaty in the scenario's
/// world.
fn limits(cmp: &Compare, treaty: &[Const]) -> String {
    let (Some(a), Some(b)) = (treaty.first(), treaty.get(1)) else {
        return String::new();
    };
    if !matches!(treaty.get(3), Some(Const::Sym(o)) if o.as_str() == words::DEFENCE) {
        return String::new();
    }
    let limits = crate::conditions::treaty_limits(cmp.after.facts(), *a, *b);
    if limits.is_empty() {
        String::new()
    } else {
        format!(" ({})", limits.join("; "))
    }
}

/// ", which obliges no one to fight" for a treaty that is not one of defence.
fn duty(treaty: &[Const]) -> &'static str {
    match treaty.get(3) {
        Some(Const::Sym(o)) if o.as_str() != words::DEFENCE => ", which obliges no one to fight",
        _ => "",
    }
}

/// Figures and nuclear status a scenario sets.
fn attribute_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let gained = firsts(cmp.changes.gained(cmp.theory.nuclear), cmp);
    if !gained.is_empty() {
        out.push(format!(
            "{} now {} nuclear weapons of {}.",
            cmp.list(&gained),
            verb(gained.len(), "has", "have"),
            verb(gained.len(), "its own", "their own")
        ));
    }
    let lost = firsts(cmp.changes.lost(cmp.theory.nuclear), cmp);
    if !lost.is_empty() {
        out.push(format!(
            "{} no longer {} nuclear weapons.",
            cmp.list(&lost),
            verb(lost.len(), "has", "have")
        ));
    }
    // Figures a scenario sets: "United States' GDP: 27.36T → 20T."
    let figures = [
        (cmp.theory.gdp, "GDP"),
        (cmp.theory.spending, "defence spending"),
        (cmp.theory.spending_target, "spending target"),
        (cmp.theory.troops, "troops in"),
    ];
    for (rel, what) in figures {
        figure_sentences(cmp, rel, what, out);
    }
}

/// One sentence per state (or pair, for troops) whose figure in `rel` changed: the key is every
/// argument but the last, the figure the last.
fn figure_sentences(cmp: &Compare, rel: Option<RelId>, what: &str, out: &mut Vec<String>) {
    let split = |t: &Vec<Const>| t.split_last().map(|(v, key)| (key.to_vec(), *v));
    let mut changed: IndexMap<Vec<Const>, (Option<Const>, Option<Const>)> = IndexMap::new();
    for (key, v) in cmp.changes.lost(rel).iter().filter_map(split) {
        changed.entry(key).or_default().0 = Some(v);
    }
    for (key, v) in cmp.changes.gained(rel).iter().filter_map(split) {
        changed.entry(key).or_default().1 = Some(v);
    }
    let shown = |v: Option<Const>| v.map_or("none".to_string(), prose);
    for (key, (before, after)) in changed {
        // A removed state's figures go with it; a new state's first figures are no change.
        let new = before.is_none() && key.iter().any(|c| cmp.added.contains(c));
        if new || key.iter().any(|c| cmp.gone(c)) {
            continue;
        }
        let whose = match key.as_slice() {
            [x] => format!("{} {what}", possessive(&cmp.before.name(x))),
            [a, x] => format!(
                "{} {what} {}",
                possessive(&cmp.before.name(a)),
                cmp.before.name(x)
            ),
            _ => continue,
        };
        out.push(format!("{whose}: {} → {}.", shown(before), shown(after)));
    }
}

fn defender_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let defenders_after = cmp.after.by(cmp.after.theory.defends, 1);
    // Protected state -> the defenders it lost.
    let mut lost: IndexMap<Const, Vec<Const>> = IndexMap::new();
    for t in cmp.changes.lost(cmp.theory.defends) {
        if let [a, x] = t.as_slice() {
            if !cmp.gone(x) {
                lost.entry(*x).or_default().push(*a);
            }
        }
    }
    // (lost defenders, whether others remain) -> the states concerned.
    let mut groups: IndexMap<(Vec<Const>, bool), Vec<Const>> = IndexMap::new();
    for (x, mut defenders) in lost {
        cmp.before.sort_states(&mut defenders);
        groups
            .entry((defenders, defenders_after.contains_key(&x)))
            .or_default()
            .push(x);
    }
    groups.sort_by_key(|key, _| key.1);
    for ((defenders, keeps), states) in &groups {
        let (n, d) = (states.len(), defenders.len());
        let who = cmp.list(defenders);
        let its = verb(n, "its", "their");
        out.push(match (keeps, d) {
            (false, 1) => format!(
                "{} {} {its} only defender, {who}.",
                cmp.list(states),
                verb(n, "loses", "lose")
            ),
            (false, _) => format!(
                "{} {} all {its} defenders: {who}.",
                cmp.list(states),
                verb(n, "loses", "lose")
            ),
            (true, _) => format!(
                "{} {} {who} as {} but {} others.",
                cmp.list(states),
                verb(n, "loses", "lose"),
                verb(d, "a defender", "defenders"),
                verb(n, "keeps", "keep")
            ),
        });
    }
    for (x, defenders) in cmp.grouped(cmp.changes.gained(cmp.theory.defends), 1) {
        out.push(format!(
            "{} must now defend {}.",
            cmp.list(&defenders),
            cmp.before.name(&x)
        ));
    }
    against_sentences(cmp, out);
}

/// Partners gained and lost (support without a duty to defend): "Taiwan gains a partner,
/// United States." and "Taiwan loses its partner, United States." A partner that now must
/// defend the state instead, or no longer must, is said by the duty.
fn partner_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let defends = cmp.theory.defends;
    let partner = cmp.theory.partner;
    let changes = [
        (true, cmp.changes.gained(partner), cmp.changes.lost(defends)),
        (
            false,
            cmp.changes.lost(partner),
            cmp.changes.gained(defends),
        ),
    ];
    for (gains, partners, duties) in changes {
        // A partner removed from the world is lost as well: `grouped` itself, not the method,
        // which leaves removed states out.
        for (x, partners) in grouped(partners, 1) {
            let partners: Vec<Const> = partners
                .into_iter()
                .filter(|a| !duties.iter().any(|t| t.as_slice() == [*a, x]))
                .collect();
            if partners.is_empty() || (!gains && cmp.gone(&x)) {
                continue;
            }
            let n = partners.len();
            let (world, how) = match (gains, n) {
                (true, 1) => (cmp.after, "gains a"),
                (true, _) => (cmp.after, "gains the"),
                (false, _) => (cmp.before, "loses its"),
            };
            out.push(format!(
                "{} {how} {}, {}: support without a duty to defend.",
                world.name(&x),
                verb(n, "partner", "partners"),
                cmp.list(&partners)
            ));
        }
    }
}

/// Duties that now count, or no longer count, against one threat while the duty and the threat
/// stay: a condition, a provocation or a secret changed.
fn against_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let t = cmp.theory;
    let mut groups: IndexMap<(Const, Const, bool), Vec<Const>> = IndexMap::new();
    for now in [true, false] {
        let changed = |r| {
            if now {
                cmp.changes.gained(r)
            } else {
                cmp.changes.lost(r)
            }
        };
        for f in changed(t.obliged) {
            let [a, x, by] = f[..] else { continue };
            let duty = changed(t.defends).iter().any(|f| f[..] == [a, x]);
            let threat = changed(t.threatens).iter().any(|f| f[..] == [by, x]);
            if !duty && !threat && ![a, x, by].iter().any(|c| cmp.gone(c)) {
                groups.entry((x, by, now)).or_default().push(a);
            }
        }
    }
    for ((x, by, now), defenders) in groups {
        let (who, n) = (cmp.list(&defenders), defenders.len());
        let (x, by) = (cmp.before.name(&x), cmp.before.name(&by));
        out.push(if now {
            format!("{who} must now defend {x} against {by}.")
        } else {
            format!(
                "{who} no longer {} to defend {x} against {by}.",
                verb(n, "has", "have")
            )
        });
    }
}

fn firsts(tuples: &[Vec<Const>], cmp: &Compare) -> Vec<Const> {
    tuples
        .iter()
        .filter_map(|t| t.first().copied())
        .filter(|c| !cmp.gone(c))
        .collect()
}

fn cover_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let (armed, lost): (Vec<Const>, Vec<Const>) = firsts(cmp.changes.lost(cmp.theory.covered), cmp)
        .into_iter()
        .partition(|x| cmp.after.holds(cmp.after.theory.nuclear, &[*x]));
    if !lost.is_empty() {
        out.push(format!(
            "{} {} nuclear cover.",
            cmp.list(&lost),
            verb(lost.len(), "loses", "lose")
        ));
    }
    if !armed.is_empty() {
        let n = armed.len();
        out.push(format!(
            "{} {} nuclear cover but {} nuclear weapons of {}.",
            cmp.list(&armed),
            verb(n, "loses", "lose"),
            verb(n, "has", "have"),
            verb(n, "its own", "their own")
        ));
    }
    // States still covered that lost one umbrella: grouped by the holders that remain.
    let umbrellas_after = cmp.after.by(cmp.after.theory.umbrella, 1);
    let mut keep: IndexMap<(Vec<Const>, Vec<Const>), Vec<Const>> = IndexMap::new();
    for (x, mut gone) in cmp.grouped(cmp.changes.lost(cmp.theory.umbrella), 1) {
        let Some(rest) = umbrellas_after.get(&x) else {
            continue;
        };
        let mut rest: Vec<Const> = rest.iter().filter_map(|t| t.first().copied()).collect();
        cmp.before.sort_states(&mut rest);
        cmp.before.sort_states(&mut gone);
        keep.entry((gone, rest)).or_default().push(x);
    }
    for ((gone, rest), states) in &keep {
        out.push(format!(
            "{} {} nuclear cover from {} without {}.",
            cmp.list(states),
            verb(states.len(), "keeps", "keep"),
            cmp.list(rest),
            cmp.list(gone)
        ));
    }
    let gained = firsts(cmp.changes.gained(cmp.theory.covered), cmp);
    if !gained.is_empty() {
        out.push(format!(
            "{} {} nuclear cover.",
            cmp.list(&gained),
            verb(gained.len(), "gains", "gain")
        ));
    }
}

fn exposure_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let exposed = cmp.grouped(cmp.changes.gained(cmp.theory.exposed), 1);
    for (t, states) in &exposed {
        let n = states.len();
        out.push(format!(
            "{} {} exposed to {}.",
            cmp.list(states),
            verb(n, "becomes", "become"),
            cmp.before.name(t)
        ));
    }
    let newly_exposed = |x: &Const, t: &Const| exposed.get(t).is_some_and(|s| s.contains(x));
    for (t, states) in cmp.grouped(cmp.changes.lost(cmp.theory.deters), 1) {
        let states: Vec<Const> = states
            .into_iter()
            .filter(|x| !newly_exposed(x, &t))
            .collect();
        if !states.is_empty() {
            out.push(format!(
                "{} can no longer deter {}.",
                cmp.list(&states),
                cmp.before.name(&t)
            ));
        }
    }
    for (t, states) in cmp.grouped(cmp.changes.lost(cmp.theory.exposed), 1) {
        let n = states.len();
        out.push(format!(
            "{} {} no longer exposed to {}.",
            cmp.list(&states),
            verb(n, "is", "are"),
            cmp.before.name(&t)
        ));
    }
    for (t, states) in cmp.grouped(cmp.changes.gained(cmp.theory.deters), 1) {
        out.push(format!(
            "{} can now deter {}.",
            cmp.list(&states),
            cmp.before.name(&t)
        ));
    }
    for (t, states) in cmp.grouped(cmp.changes.gained(cmp.theory.undetermined), 1) {
        out.push(format!(
            "Whether {} can deter {} is now undetermined: a GDP figure is missing.",
            cmp.list(&states),
            cmp.before.name(&t)
        ));
    }
    let unguaranteed = firsts(cmp.changes.gained(cmp.theory.unguaranteed), cmp);
    if !unguaranteed.is_empty() {
        let n = unguaranteed.len();
        out.push(format!(
            "{} {} threatened with no state obliged to defend {}.",
            cmp.list(&unguaranteed),
            verb(n, "is now", "are now"),
            verb(n, "it", "them")
        ));
    }
}

fn threat_sentences(cmp: &Compare, out: &mut Vec<String>) {
    for (t, states) in cmp.grouped(cmp.changes.lost(cmp.theory.threatens), 0) {
        out.push(format!(
            "{} no longer threatens {}.",
            cmp.before.name(&t),
            cmp.list(&states)
        ));
    }
    for (t, states) in cmp.grouped(cmp.changes.gained(cmp.theory.threatens), 0) {
        out.push(format!(
            "{} now threatens {}.",
            cmp.before.name(&t),
            cmp.list(&states)
        ));
    }
}

/// "Japan against China: 1.77 → 0.24 (deterred → exposed)": states whose balance against a
/// threat changes alike are named together, verdict changes first.
fn balance_sentences(cmp: &Compare, out: &mut Vec<String>) {
    // (threat, before, after, verdict change) -> states.
    let mut groups: IndexMap<(Const, String, String, Option<String>), Vec<Const>> = IndexMap::new();
    for (x, t, before, after) in cmp.changes.balances(cmp.theory) {
        let (Some(r1), Some(r2)) = (number(Some(&before)), number(after.as_ref())) else {
            continue;
        };
        let (x, t) = (&x, &t);
        let (v1, v2) = (
            verdict(cmp.before, &[*x, *t]),
            verdict(cmp.after, &[*x, *t]),
        );
        let change = (v1 != v2).then(|| {
            format!(
                " ({} → {})",
                v1.unwrap_or("no verdict"),
                v2.unwrap_or("no verdict")
            )
        });
        groups
            .entry((*t, ratio2(r1), ratio2(r2), change))
            .or_default()
            .push(*x);
    }
    groups.sort_by_key(|key, _| key.3.is_none());
    let total = groups.len();
    for ((t, r1, r2, change), states) in groups.iter().take(BALANCES_SHOWN) {
        let change = change.as_deref().unwrap_or("");
        out.push(format!(
            "{} against {}: {r1} → {r2}{change}",
            cmp.list(states),
            cmp.before.name(t)
        ));
    }
    if total > BALANCES_SHOWN {
        out.push(format!(
            "... and {} more balance changes (listed below).",
            total - BALANCES_SHOWN
        ));
    }
}

fn role_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let lost = firsts(cmp.changes.lost(cmp.theory.hub), cmp);
    let removed_hubs: Vec<Const> = cmp
        .changes
        .lost(cmp.theory.hub)
        .iter()
        .filter_map(|t| t.first().copied())
        .collect();
    if !lost.is_empty() {
        out.push(format!(
            "{} {} no longer a hub.",
            cmp.list(&lost),
            verb(lost.len(), "is", "are")
        ));
    }
    for (h, spokes) in grouped(cmp.changes.lost(cmp.theory.spoke), 1) {
        let n = spokes.len();
        let tail = if removed_hubs.contains(&h) && cmp.after.tuples(cmp.after.theory.hub).is_empty()
        {
            ": no hub remains"
        } else {
            ""
        };
        out.push(format!(
            "{} {} no longer {} of {}{tail}.",
            cmp.list(&spokes),
            verb(n, "is", "are"),
            verb(n, "a spoke", "spokes"),
            cmp.before.name(&h)
        ));
    }
    let gained = firsts(cmp.changes.gained(cmp.theory.hub), cmp);
    if !gained.is_empty() {
        out.push(format!(
            "{} {} a hub.",
            cmp.list(&gained),
            verb(gained.len(), "becomes", "become")
        ));
    }
    for (h, spokes) in grouped(cmp.changes.gained(cmp.theory.spoke), 1) {
        let n = spokes.len();
        out.push(format!(
            "{} {} {} of {}.",
            cmp.list(&spokes),
            verb(n, "becomes", "become"),
            verb(n, "a spoke", "spokes"),
            cmp.before.name(&h)
        ));
    }
}
