//! What the report shows, gathered once from a world so that the text and the JSON never
//! disagree: obligations with their basis, deterrence per threatened state, cooperation
//! groups, troops and tripwires, network roles and spending gaps, with the report's own words for them.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use rust_decimal::{Decimal, RoundingStrategy};

use super::world::{fact_args, number, value_of, World};
use crate::eval::solve::FactRef;
use crate::eval::Prov;
use crate::explain::possessive;
use crate::program::{Const, Literal, Origin};
use crate::run::AskOutcome;
use crate::source::Sym;
use crate::theory::{rels, words};
use crate::words::{and_list, prose, thousands};

/// An exact decimal, without trailing zeros: the form numbers take in JSON.
pub(super) fn exact(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A ratio to exactly two decimals: `1.77`, `0.04`, `12.10`.
pub(super) fn ratio2(d: Decimal) -> String {
    let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r.to_string()
}

/// A ratio compared with the threshold, with more decimals where two would mislead
/// (`1.00 < 1` for 0.998).
pub(super) fn ratio_against(r: Decimal, m: Decimal) -> String {
    let shown = ratio2(r);
    let rounded = r.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    if rounded.cmp(&m) == r.cmp(&m) {
        shown
    } else {
        exact(r.round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero))
    }
}

/// Why a state must defend another: the provenance of its `defends` fact.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Basis {
    /// A treaty between `a` and `b` (as written), `order` its place among the treaties.
    Treaty {
        a: Const,
        b: Const,
        direction: Const,
        order: u32,
    },
    Pact(Const),
    /// A rule: the script's own, or one of the standard theory that names no treaty or pact.
    Rule(usize),
    /// Stated with `fact defends(...)`: the index of the base fact.
    Stated(u32),
    Engine,
}

pub(super) struct Obligation {
    pub(super) defender: Const,
    pub(super) protected: Const,
    pub(super) basis: Basis,
}

pub(super) fn obligations(w: &World) -> Vec<Obligation> {
    let Some(rel) = w.theory.defends else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (id, tuple) in w.model.store(rel).iter() {
        let args: Vec<Const> = tuple.iter().map(|v| w.model.values.get(*v)).collect();
        if let [defender, protected] = args.as_slice() {
            let basis = basis(w, FactRef { rel, id });
            out.push(Obligation {
                defender: *defender,
                protected: *protected,
                basis,
            });
        }
    }
    out
}

pub(super) fn basis(w: &World, fact: FactRef) -> Basis {
    match w.model.prov(fact) {
        Some(Prov::Base(i)) => Basis::Stated(i),
        Some(Prov::Rule { rule, premises }) => rule_basis(w, rule as usize, premises),
        _ => Basis::Engine,
    }
}

/// The treaty or pact a rule of the standard theory joined, found among its premises.
pub(super) fn rule_basis(w: &World, rule: usize, premises: &[FactRef]) -> Basis {
    let Some(r) = w.program.rules.get(rule) else {
        return Basis::Engine;
    };
    if r.origin == Origin::Script {
        return Basis::Rule(rule);
    }
    let atoms = r.body.iter().filter_map(|l| match l {
        Literal::Pos(a) => Some(a),
        _ => None,
    });
    for (atom, premise) in atoms.zip(premises) {
        let args = fact_args(w.model, *premise);
        let rel = Some(atom.rel);
        match args.as_slice() {
            [a, b, direction, _] if rel == w.theory.treaty => {
                return Basis::Treaty {
                    a: *a,
                    b: *b,
                    direction: *direction,
                    order: premise.id,
                }
            }
            [p, _] if rel == w.theory.pact => return Basis::Pact(*p),
            _ => {}
        }
    }
    Basis::Rule(rule)
}

/// The metadata of a treaty or pact (`name: "ANZUS", signed: 1951`), by its parties.
pub(super) fn metadata<'w>(w: &World<'w>, parties: &[Const]) -> &'w [(Sym, Const)] {
    let syms: Vec<Sym> = parties
        .iter()
        .filter_map(|c| match c {
            Const::Sym(s) => Some(*s),
            _ => None,
        })
        .collect();
    w.metadata(&syms)
}

/// "ANZUS (1951)", "North Atlantic Treaty", "signed 1949", or nothing.
pub(super) fn label(w: &World, parties: &[Const]) -> String {
    let meta = metadata(w, parties);
    let get = |key: &str| {
        meta.iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, v)| w.name(v))
    };
    match (get("name"), get("signed"), get("atop")) {
        (Some(n), Some(s), _) => format!("{n} ({s})"),
        (Some(n), None, _) => n,
        (None, Some(s), _) => format!("signed {s}"),
        // A commitment imported from ATOP cites its alliance id.
        (None, None, Some(id)) => format!("ATOP {id}"),
        (None, None, None) => String::new(),
    }
}

/// The limits an imported commitment's data flags without naming them (`limited:
/// "adversary, location"`), in words for its basis.
pub(super) fn data_limits(w: &World, parties: &[Const]) -> Vec<String> {
    let meta = metadata(w, parties);
    let Some((_, value)) = meta.iter().find(|(k, _)| k.as_str() == "limited") else {
        return Vec::new();
    };
    w.name(value)
        .split(',')
        .map(|l| match l.trim() {
            "adversary" => "only against an adversary the data does not name".to_string(),
            "location" => "only in a place the data does not name".to_string(),
            other => format!("limited ({other}) in a way the data does not name"),
        })
        .collect()
}

pub(super) fn direction_words(direction: &Const) -> &'static str {
    match direction {
        Const::Sym(s) if s.as_str() == words::ONE_WAY => "treaty, one-way",
        _ => "treaty, mutual",
    }
}

/// Each pact that obliges someone, in order of appearance, with how many obligations it creates:
/// every member to every other, even where a treaty had already obliged one to another.
pub(super) fn pact_counts(w: &World, all: &[Obligation]) -> IndexMap<Const, usize> {
    let mut pacts: IndexMap<Const, usize> = IndexMap::new();
    for o in all {
        if let Basis::Pact(p) = &o.basis {
            let n = w.members_of(p).len();
            pacts.entry(*p).or_insert(n * n.saturating_sub(1));
        }
    }
    pacts
}

/// A treaty or pact with no duty to defend (offence, consultation, neutrality,
/// non-aggression): listed so that a report mentions every commitment of the world.
pub(super) enum NoDuty {
    Treaty {
        parties: [Const; 2],
        one_way: bool,
        obligation: Sym,
    },
    /// A pact binds each member to every other.
    Pact {
        pact: Const,
        members: Vec<Const>,
        obligation: Sym,
    },
}

/// The treaties, then the pacts, that oblige no one to fight, in order of appearance.
pub(super) fn no_duty(w: &World) -> Vec<NoDuty> {
    let duty = |obligation: &Sym| obligation.as_str() == words::DEFENCE;
    let treaties = w
        .tuples(w.theory.treaty)
        .into_iter()
        .filter_map(|t| match t.as_slice() {
            [a, b, direction, Const::Sym(obligation)] if !duty(obligation) => {
                Some(NoDuty::Treaty {
                    parties: [*a, *b],
                    one_way: matches!(direction, Const::Sym(s) if s.as_str() == words::ONE_WAY),
                    obligation: *obligation,
                })
            }
            _ => None,
        });
    let pacts = w
        .tuples(w.theory.pact)
        .into_iter()
        .filter_map(|t| match t.as_slice() {
            [p, Const::Sym(obligation)] if !duty(obligation) => Some(NoDuty::Pact {
                pact: *p,
                members: w.members_of(p).to_vec(),
                obligation: *obligation,
            }),
            _ => None,
        });
    treaties.chain(pacts).collect()
}

/// Each cooperation group with its kinds, in order of appearance.
pub(super) fn groups(w: &World) -> IndexMap<Const, Vec<Const>> {
    let mut groups: IndexMap<Const, Vec<Const>> = IndexMap::new();
    for t in w.tuples(w.theory.group) {
        if let [g, kind] = t.as_slice() {
            groups.entry(*g).or_default().push(*kind);
        }
    }
    groups
}

/// One threatened state against one threat.
pub(super) struct Deterrence {
    pub(super) state: Const,
    pub(super) threat: Const,
    /// The states in the coalition besides the threatened state itself.
    pub(super) allies: Vec<Const>,
    pub(super) power: Option<Decimal>,
    pub(super) threat_gdp: Option<Decimal>,
    pub(super) ratio: Option<Decimal>,
    pub(super) threat_nuclear: bool,
    pub(super) own_nuclear: bool,
    pub(super) umbrella: Vec<Const>,
    pub(super) verdict: Option<&'static str>,
    /// States of the coalition, or the threat, without a GDP figure.
    pub(super) missing_gdp: Vec<Const>,
    /// The defence pact of the state that holds most of its allies (more than one), with how many.
    pub(super) pact: Option<(Const, usize)>,
    /// Why states with a duty to defend the state are not in its coalition against this
    /// threat, in words (a condition of the duty, a secret duty, the attacker itself).
    pub(super) not_counted: Vec<String>,
}

/// The lookups deterrence rows are built from, computed once per world.
pub(super) struct DeterrenceIndex {
    /// The members of each state's coalition against each threat: `(x, t)` to the `a`s.
    coalition: HashMap<(Const, Const), Vec<Const>>,
    /// The power of each state against each threat.
    power: HashMap<(Const, Const), Const>,
    gdp: HashMap<Const, Vec<Vec<Const>>>,
    /// The states with a duty to defend each state, by the defended state.
    defenders: HashMap<Const, Vec<Const>>,
    balance: HashMap<(Const, Const), Decimal>,
    nuclear: HashSet<Const>,
    /// Each pact with its members, and the pacts of each state (by index).
    pacts: Vec<(Const, HashSet<Const>)>,
    pacts_of: HashMap<Const, Vec<usize>>,
}

impl DeterrenceIndex {
    fn new(w: &World) -> DeterrenceIndex {
        let balance = w
            .tuples(w.theory.balance)
            .into_iter()
            .filter_map(|t| match t.as_slice() {
                [x, th, r] => number(Some(r)).map(|r| ((*x, *th), r)),
                _ => None,
            })
            .collect();
        let mut coalition: HashMap<(Const, Const), Vec<Const>> = HashMap::new();
        for t in w.tuples(w.theory.coalition) {
            if let [a, x, th] = t.as_slice() {
                coalition.entry((*x, *th)).or_default().push(*a);
            }
        }
        let power = w
            .tuples(w.theory.power)
            .into_iter()
            .filter_map(|t| match t.as_slice() {
                [x, th, g] => Some(((*x, *th), *g)),
                _ => None,
            })
            .collect();
        let mut defenders: HashMap<Const, Vec<Const>> = HashMap::new();
        for t in w.tuples(w.theory.defends) {
            if let [a, x] = t.as_slice() {
                defenders.entry(*x).or_default().push(*a);
            }
        }
        DeterrenceIndex {
            coalition,
            power,
            defenders,
            gdp: w.by(w.theory.gdp, 0),
            balance,
            pacts: w
                .members
                .iter()
                .filter(|(g, _)| w.pacts.contains(g))
                .map(|(g, m)| (*g, m.iter().copied().collect()))
                .collect(),
            pacts_of: HashMap::new(),
            nuclear: w
                .tuples(w.theory.nuclear)
                .iter()
                .filter_map(|t| t.first().copied())
                .collect(),
        }
    }
}

pub(super) fn deterrence(w: &World) -> Vec<Deterrence> {
    let mut index = DeterrenceIndex::new(w);
    for (i, (_, members)) in index.pacts.iter().enumerate() {
        for m in members {
            index.pacts_of.entry(*m).or_default().push(i);
        }
    }
    w.tuples(w.theory.threatens)
        .iter()
        .filter_map(|t| match t.as_slice() {
            [threat, state] => Some(deterrence_row(w, &index, *state, *threat)),
            _ => None,
        })
        .collect()
}

pub(super) fn deterrence_row(
    w: &World,
    index: &DeterrenceIndex,
    state: Const,
    threat: Const,
) -> Deterrence {
    let mut allies: Vec<Const> = match index.coalition.get(&(state, threat)) {
        Some(members) => members.iter().copied().filter(|a| *a != state).collect(),
        None => index.defenders.get(&state).cloned().unwrap_or_default(),
    };
    w.sort_states(&mut allies);
    // Nuclear cover against this threat comes only from the coalition against it.
    let umbrella: Vec<Const> = allies
        .iter()
        .copied()
        .filter(|a| index.nuclear.contains(a))
        .collect();
    let missing_gdp: Vec<Const> = std::iter::once(state)
        .chain(allies.iter().copied())
        .chain(std::iter::once(threat))
        .filter(|s| !index.gdp.contains_key(s))
        .collect();
    let pact = common_pact(index, &state, &allies);
    let duty = index
        .defenders
        .get(&state)
        .map_or(&[][..], |d| d.as_slice());
    let not_counted = crate::conditions::not_counted(w.facts(), state, threat, duty, &allies);
    let pair = [state, threat];
    let verdict = verdict(w, &pair);
    Deterrence {
        state,
        threat,
        allies,
        power: number(index.power.get(&(state, threat))),
        threat_gdp: number(value_of(&index.gdp, &threat).as_ref()),
        ratio: index.balance.get(&(state, threat)).copied(),
        threat_nuclear: index.nuclear.contains(&threat),
        own_nuclear: index.nuclear.contains(&state),
        umbrella,
        verdict,
        pact,
        missing_gdp,
        not_counted,
    }
}

/// The verdict on a state against a threat in a world, if any: the word of the relation that
/// holds.
pub(super) fn verdict(w: &World, pair: &[Const; 2]) -> Option<&'static str> {
    w.theory
        .verdicts()
        .into_iter()
        .find(|(rel, _)| w.holds(*rel, pair))
        .map(|(_, word)| word)
}

/// "Japan + United States", "Estonia + 31 NATO allies", "Taiwan alone".
pub(super) fn coalition_words(w: &World, row: &Deterrence) -> String {
    let me = w.name(&row.state);
    let n = row.allies.len();
    if n == 0 {
        return format!("{me} alone");
    }
    if n <= 2 {
        return format!("{me} + {}", w.names(&row.allies).join(" + "));
    }
    match row.pact {
        Some((pact, k)) if k == n => format!("{me} + {k} {} allies", w.name(&pact)),
        Some((pact, k)) => format!("{me} + {k} {} allies + {} more", w.name(&pact), n - k),
        None => format!("{me} + {n} allies"),
    }
}

/// Who must defend a threatened state, compactly: "United States", "31 NATO allies + 4 more",
/// "nobody".
pub(super) fn defenders_words(w: &World, row: &Deterrence) -> String {
    let n = row.allies.len();
    match n {
        0 => "nobody".to_string(),
        1 | 2 => and_list(&w.names(&row.allies), 2),
        _ => match row.pact {
            Some((pact, k)) if k == n => format!("{k} {} allies", w.name(&pact)),
            Some((pact, k)) => format!("{k} {} allies + {} more", w.name(&pact), n - k),
            None => format!("{n} states"),
        },
    }
}

/// The defence pact of the threatened state that holds most of its allies, with how many.
pub(super) fn common_pact(
    index: &DeterrenceIndex,
    state: &Const,
    allies: &[Const],
) -> Option<(Const, usize)> {
    index
        .pacts_of
        .get(state)?
        .iter()
        .filter_map(|i| index.pacts.get(*i))
        .map(|(g, members)| (*g, allies.iter().filter(|a| members.contains(a)).count()))
        .filter(|(_, k)| *k > 1)
        .max_by_key(|(_, k)| *k)
}

pub(super) fn cover_words(w: &World, row: &Deterrence) -> String {
    if row.own_nuclear {
        "own".to_string()
    } else if row.umbrella.is_empty() {
        "none".to_string()
    } else {
        w.names(&row.umbrella).join(", ")
    }
}

/// Why the verdict: "ratio 0.04 < 1; nuclear threat, no cover", "gdp missing: North Korea".
pub(super) fn reason(w: &World, row: &Deterrence, threshold: Option<Decimal>) -> String {
    let no_cover = row.threat_nuclear && !row.own_nuclear && row.umbrella.is_empty();
    let versus = |op: &str| match (row.ratio, threshold) {
        (Some(r), Some(m)) => Some(format!("ratio {} {op} {}", ratio_against(r, m), exact(m))),
        _ => None,
    };
    let missing = || format!("gdp missing: {}", w.names(&row.missing_gdp).join(", "));
    match row.verdict {
        Some(rels::EXPOSED) => {
            let below = row
                .ratio
                .zip(threshold)
                .filter(|(r, m)| r < m)
                .and_then(|_| versus("<"));
            let parts: Vec<String> = below
                .into_iter()
                .chain(no_cover.then(|| "nuclear threat, no cover".to_string()))
                .collect();
            if parts.is_empty() {
                "by the script's own rules".to_string()
            } else {
                parts.join("; ")
            }
        }
        Some(crate::theory::words::DETERRED) => {
            let base = versus(">=").unwrap_or_else(|| "by the script's own rules".to_string());
            match (row.threat_nuclear, row.own_nuclear) {
                (true, true) => format!("{base}, nuclear-armed"),
                (true, false) => format!("{base}, covered"),
                _ => base,
            }
        }
        _ if !row.missing_gdp.is_empty() => missing(),
        _ => String::new(),
    }
}

/// Each hub with its spokes (in declaration order).
pub(super) fn roles(w: &World) -> IndexMap<Const, Vec<Const>> {
    let mut hubs: IndexMap<Const, Vec<Const>> = IndexMap::new();
    for t in w.tuples(w.theory.hub) {
        if let Some(h) = t.first() {
            hubs.entry(*h).or_default();
        }
    }
    for t in w.tuples(w.theory.spoke) {
        if let [x, h] = t.as_slice() {
            hubs.entry(*h).or_default().push(*x);
        }
    }
    for spokes in hubs.values_mut() {
        w.sort_states(spokes);
    }
    hubs
}

pub(super) struct Gap {
    pub(super) state: Const,
    pub(super) spending: Option<Const>,
    pub(super) target: Option<Const>,
    pub(super) gap: Const,
}

pub(super) fn gaps(w: &World) -> Vec<Gap> {
    let spending = w.by(w.theory.spending, 0);
    let target = w.by(w.theory.spending_target, 0);
    w.tuples(w.theory.spending_gap)
        .iter()
        .filter_map(|t| match t.as_slice() {
            [x, g] => Some(Gap {
                state: *x,
                spending: value_of(&spending, x),
                target: value_of(&target, x),
                gap: *g,
            }),
            _ => None,
        })
        .collect()
}

/// Troops one state keeps in another (`troops(a, x, n)`), and whether they are a tripwire.
pub(super) struct Garrison {
    pub(super) keeper: Const,
    pub(super) host: Const,
    pub(super) troops: Const,
    /// `tripwire(keeper, host)`: the keeper must defend the host, so an attack on the host
    /// strikes the keeper's own soldiers.
    pub(super) tripwire: bool,
}

/// Every stationing of troops, in the order the script states them.
pub(super) fn garrisons(w: &World) -> Vec<Garrison> {
    w.tuples(w.theory.troops)
        .iter()
        .filter_map(|t| match t.as_slice() {
            [a, x, n] => Some(Garrison {
                keeper: *a,
                host: *x,
                troops: *n,
                tripwire: w.holds(w.theory.tripwire, &[*a, *x]),
            }),
            _ => None,
        })
        .collect()
}

/// A stationing in a sentence: "United States keeps 54,000 troops in Japan: a tripwire, since
/// it must defend Japan", or why it is not one.
pub(super) fn garrison_words(w: &World, g: &Garrison) -> String {
    let (keeper, host, n) = (w.name(&g.keeper), w.name(&g.host), head_count(g.troops));
    if g.tripwire {
        return format!(
            "{keeper} keeps {n} troops in {host}: a tripwire, since it must defend {host}"
        );
    }
    let why = if w.holds(w.theory.defends, &[g.keeper, g.host]) {
        "none are on the ground".to_string()
    } else {
        format!("it has no duty to defend {host}")
    };
    format!(
        "{} {n} troops in {host} are no tripwire: {why}",
        possessive(&keeper)
    )
}

/// A number of soldiers as a reader writes it: thousands grouped from 1,000 (a table of
/// `4,000` beside `54,000`), unlike [`prose`], which leaves years and four-digit figures alone.
pub(super) fn head_count(c: Const) -> String {
    match c {
        Const::Num(d, _) if d.fract().is_zero() && d >= Decimal::ZERO => d
            .to_string()
            .parse::<usize>()
            .map_or_else(|_| prose(c), thousands),
        other => prose(other),
    }
}

pub(super) fn has_questions(asks: &[AskOutcome]) -> bool {
    asks.iter().any(|a| !matches!(a, AskOutcome::Expect { .. }))
}

/// How many expectations passed and failed.
pub(super) fn tally<'o>(asks: impl Iterator<Item = &'o AskOutcome>) -> (usize, usize) {
    asks.fold((0, 0), |(p, f), a| match a {
        AskOutcome::Expect { passed: true, .. } => (p + 1, f),
        AskOutcome::Expect { passed: false, .. } => (p, f + 1),
        _ => (p, f),
    })
}
