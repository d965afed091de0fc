//! What a picture shows, read from an evaluated world: the states with their roles, the
//! obligations between them, pacts, groups, partners and threats. The three drawings (SVG, DOT,
//! Mermaid) are made from this one description, so they show the same things.

use indexmap::{IndexMap, IndexSet};
use rust_decimal::prelude::ToPrimitive;

use crate::eval::Model;
use crate::program::{Const, Program};
use crate::report::{sym, World};
use crate::source::{Sources, Sym};
use crate::syntax::ast::Unit;
use crate::theory::words;
use crate::words::money;

/// A state, with the marks it is drawn with.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub name: Sym,
    /// The display name (`"United States"`), or the name itself.
    pub label: String,
    /// GDP in dollars, where known.
    pub gdp: Option<f64>,
    /// GDP as a reader writes it (`27.36T`).
    pub gdp_text: Option<String>,
    pub nuclear: bool,
    pub hub: bool,
    pub spoke: bool,
    /// Threatens at least one state.
    pub threat_source: bool,
    /// Exposed to at least one threat.
    pub exposed: bool,
    /// Exposed in the scenario, and not in the base world.
    pub newly_exposed: bool,
    /// Part of the base world, removed by the scenario.
    pub removed: bool,
}

/// What fills a state's circle: its main role, in this order of precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Removed,
    Hub,
    Spoke,
    Threat,
    Plain,
}

impl State {
    pub fn role(&self) -> Role {
        if self.removed {
            Role::Removed
        } else if self.hub {
            Role::Hub
        } else if self.spoke {
            Role::Spoke
        } else if self.threat_source {
            Role::Threat
        } else {
            Role::Plain
        }
    }

    /// One line about the state for tooltips: "United States: GDP 27.36T, nuclear, hub".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        match &self.gdp_text {
            Some(g) => parts.push(format!("GDP {g}")),
            None => parts.push("GDP unknown".to_string()),
        }
        let marks = [
            (self.nuclear, "nuclear"),
            (self.hub, "hub"),
            (self.spoke, "spoke"),
            (self.threat_source, "threatens others"),
            (self.exposed, "exposed"),
            (self.newly_exposed, "newly exposed"),
            (self.removed, "removed in this scenario"),
        ];
        parts.extend(
            marks
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, w)| w.to_string()),
        );
        format!("{}: {}", self.label, parts.join(", "))
    }
}

/// A duty to defend between two states that no shared pact already implies. One-way duties
/// run from the guarantor `from` to the protected `to`.
#[derive(Clone, Debug, PartialEq)]
pub struct Obligation {
    pub from: usize,
    pub to: usize,
    pub mutual: bool,
    /// The treaty's name and year from its metadata ("ANZUS (1951)"), if any.
    pub name: Option<String>,
    /// Held in the base world and lost in the scenario.
    pub lost: bool,
    /// The conditions that limit the duty ("only against France", "secret"): a conditional
    /// duty is drawn apart from an unconditional one.
    pub conditions: Vec<String>,
}

/// A treaty that obliges no one to fight (consultation, neutrality, non-aggression).
#[derive(Clone, Debug, PartialEq)]
pub struct Commitment {
    pub a: usize,
    pub b: usize,
    pub mutual: bool,
    pub obligation: Sym,
}

/// What a threat points at: one state, or a whole pact (`threat Russia against NATO`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    State(usize),
    Pact(usize),
}

/// `threat T against X`: T threatens X (or every member of a pact).
#[derive(Clone, Debug, PartialEq)]
pub struct Threat {
    pub from: usize,
    pub to: Target,
}

/// A pact: every member must defend every other (if its obligation is `defence`).
#[derive(Clone, Debug, PartialEq)]
pub struct Pact {
    pub name: Sym,
    pub obligation: Sym,
    pub members: Vec<usize>,
    /// Members in the base world that are not members in the scenario.
    pub left: Vec<usize>,
    /// The pact's name from its metadata ("North Atlantic Treaty"), if any.
    pub title: Option<String>,
}

impl Pact {
    pub fn defence(&self) -> bool {
        self.obligation.as_str() == words::DEFENCE
    }
}

/// A cooperation group (AUKUS, Five Eyes): no duty to defend.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub name: Sym,
    pub kinds: Vec<Sym>,
    pub members: Vec<usize>,
}

/// Everything one picture shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Network {
    pub title: String,
    /// The scenario's name and title, when the picture is of a scenario.
    pub scenario: Option<(String, Option<String>)>,
    pub states: Vec<State>,
    pub obligations: Vec<Obligation>,
    pub commitments: Vec<Commitment>,
    /// `partner A B`: A supports B without a duty to defend it.
    pub partners: Vec<(usize, usize)>,
    pub threats: Vec<Threat>,
    pub pacts: Vec<Pact>,
    pub groups: Vec<Group>,
    /// `troops A in X N`: A keeps troops on X's ground.
    pub troops: Vec<Troops>,
}

/// `troops A in X N`: A keeps N troops in X.
#[derive(Clone, Debug, PartialEq)]
pub struct Troops {
    pub from: usize,
    pub to: usize,
    /// The count as a sentence writes it ("54,000").
    pub count: String,
    /// A must also defend X (`tripwire(a, x)`): its soldiers are in harm's way from the start.
    pub tripwire: bool,
}

/// GDP in dollars by state.
fn gdp_by_state(w: &World) -> IndexMap<Sym, rust_decimal::Decimal> {
    let mut out = IndexMap::new();
    for r in w.tuples(w.theory.gdp) {
        if let (Some(s), Some(Const::Num(d, Unit::Money))) = (sym(r.first()), r.get(1)) {
            out.entry(s).or_insert(*d);
        }
    }
    out
}

/// Ordered pairs with a duty to defend: from `defends`, or from defence treaties when the
/// world has no `defends` (a script without the prelude).
fn defence_pairs(w: &World) -> IndexSet<(Sym, Sym)> {
    if w.theory.defends.is_some() {
        return w
            .pairs(w.theory.defends, true)
            .into_iter()
            .filter(|(a, b)| a != b)
            .collect();
    }
    let mut out = IndexSet::new();
    for r in w.tuples(w.theory.treaty) {
        if let [a, b, dir, obl] = r.as_slice() {
            let (Some(a), Some(b), Some(dir), Some(obl)) =
                (sym(Some(a)), sym(Some(b)), sym(Some(dir)), sym(Some(obl)))
            else {
                continue;
            };
            if obl.as_str() == words::DEFENCE && a != b {
                out.insert((a, b));
                if dir.as_str() == words::MUTUAL {
                    out.insert((b, a));
                }
            }
        }
    }
    out
}

/// Pacts with their obligation and members, in the order declared.
fn pact_members(w: &World) -> IndexMap<Sym, (Sym, Vec<Sym>)> {
    let mut out: IndexMap<Sym, (Sym, Vec<Sym>)> = IndexMap::new();
    for (p, obl) in w.pairs(w.theory.pact, false) {
        out.entry(p).or_insert((obl, Vec::new()));
    }
    for (m, p) in w.pairs(w.theory.member, false) {
        if let Some((_, members)) = out.get_mut(&p) {
            if !members.contains(&m) {
                members.push(m);
            }
        }
    }
    out
}

/// Whether two states share a defence pact, which then implies their duties.
fn pact_implied(pacts: &IndexMap<Sym, (Sym, Vec<Sym>)>, a: Sym, b: Sym) -> bool {
    pacts
        .values()
        .any(|(obl, m)| obl.as_str() == words::DEFENCE && m.contains(&a) && m.contains(&b))
}

/// A metadata value as text: strings without quotes, numbers as written.
fn meta_text(c: &Const) -> String {
    match c {
        Const::Str(s) | Const::Sym(s) => s.to_string(),
        other => crate::words::show_const(*other),
    }
}

/// "ANZUS (1951)" from the metadata of a treaty or pact, by its parties.
fn meta_name(program: &Program, parties: &[Sym]) -> Option<String> {
    let (_, meta) = program.metadata.iter().find(|(p, _)| p == parties)?;
    let get = |key: &str| {
        meta.iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, v)| meta_text(v))
    };
    match (get("name"), get("signed")) {
        (Some(n), Some(s)) => Some(format!("{n} ({s})")),
        (Some(n), None) => Some(n),
        (None, Some(s)) => Some(format!("signed {s}")),
        (None, None) => None,
    }
}

/// The network of `world`; when it is a scenario's world, `base` is the base world it is
/// compared with (for lost obligations, removed and newly exposed states).
pub fn build(
    program: &Program,
    sources: &Sources,
    world: &Model,
    base: Option<&Model>,
    title: String,
) -> Network {
    let now = World::new(program, sources, world);
    let before = base.map(|m| World::new(program, sources, m));
    let names = state_names(&now, before.as_ref());
    let index: IndexMap<Sym, usize> = names.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let pacts = pacts(&now, before.as_ref(), &index);
    let defends = defence_pairs(&now);
    let mut obligations = duties(&now, &defends, &index, false);
    if let Some(before) = &before {
        let old = defence_pairs(before);
        let lost: IndexSet<(Sym, Sym)> = old
            .iter()
            .filter(|p| !defends.contains(*p))
            .copied()
            .collect();
        obligations.extend(duties(before, &lost, &index, true));
    }
    obligations.sort_by_key(|o| (o.lost, o.from.min(o.to), o.from.max(o.to), o.from));
    let at = |s: &Sym| index.get(s).copied();
    let partners = now
        .pairs(now.theory.partner, false)
        .into_iter()
        .filter(|(a, b)| !defends.contains(&(*a, *b)))
        .filter_map(|(a, b)| Some((at(&a)?, at(&b)?)))
        .collect();
    Network {
        title,
        scenario: None,
        states: states(&now, before.as_ref(), &names),
        commitments: commitments(&now, &defends, &index),
        threats: threats(&now, &pacts, &index),
        groups: groups(&now, &index),
        troops: troops(&now, &index),
        obligations,
        partners,
        pacts,
    }
}

/// Troops kept in another state, in the order declared; a tripwire as the prelude's rule says.
fn troops(now: &World, index: &IndexMap<Sym, usize>) -> Vec<Troops> {
    let mut out = Vec::new();
    for r in now.tuples(now.theory.troops) {
        let (Some(a), Some(x), Some(n)) = (sym(r.first()), sym(r.get(1)), r.get(2)) else {
            continue;
        };
        if let (Some(&from), Some(&to)) = (index.get(&a), index.get(&x)) {
            out.push(Troops {
                from,
                to,
                count: crate::words::prose(*n),
                tripwire: now.holds(now.theory.tripwire, &[Const::Sym(a), Const::Sym(x)]),
            });
        }
    }
    out
}

/// The states of both worlds: as declared, then any a scenario added.
fn state_names(now: &World, before: Option<&World>) -> Vec<Sym> {
    let present = now.firsts(now.theory.state);
    let past = before.map(|b| b.firsts(b.theory.state)).unwrap_or_default();
    let mut names: Vec<Sym> = now
        .program
        .states
        .keys()
        .filter(|s| present.contains(*s) || past.contains(*s))
        .copied()
        .collect();
    let mut extra: Vec<Sym> = present
        .iter()
        .chain(&past)
        .filter(|s| !names.contains(s))
        .copied()
        .collect();
    extra.sort_by_key(|s| s.as_str());
    extra.dedup();
    names.extend(extra);
    names
}

fn states(now: &World, before: Option<&World>, names: &[Sym]) -> Vec<State> {
    let present = now.firsts(now.theory.state);
    let gdp_now = gdp_by_state(now);
    let gdp_past = before.map(gdp_by_state).unwrap_or_default();
    let nuclear = now.firsts(now.theory.nuclear);
    let nuclear_past = before
        .map(|b| b.firsts(b.theory.nuclear))
        .unwrap_or_default();
    let (hubs, spokes, sources) = (
        now.firsts(now.theory.hub),
        now.firsts(now.theory.spoke),
        now.firsts(now.theory.threatens),
    );
    let exposed = now.firsts(now.theory.exposed);
    let exposed_past = before.map(|b| b.firsts(b.theory.exposed));
    names
        .iter()
        .map(|s| {
            // A removed state is drawn as it was in the base world.
            let removed = before.is_some() && !present.contains(s);
            let gdp = gdp_now
                .get(s)
                .or_else(|| if removed { gdp_past.get(s) } else { None });
            let display = now.program.states.get(s).and_then(|i| i.display);
            State {
                name: *s,
                label: display.map_or_else(|| s.to_string(), |d| d.to_string()),
                gdp: gdp
                    .and_then(|d| d.to_f64())
                    .filter(|g| g.is_finite() && *g > 0.0),
                gdp_text: gdp.map(|d| money(*d)),
                nuclear: nuclear.contains(s) || (removed && nuclear_past.contains(s)),
                hub: hubs.contains(s),
                spoke: spokes.contains(s),
                threat_source: sources.contains(s),
                exposed: exposed.contains(s),
                newly_exposed: exposed_past
                    .as_ref()
                    .is_some_and(|p| exposed.contains(s) && !p.contains(s)),
                removed,
            }
        })
        .collect()
}

/// The pacts of both worlds, with their members now and the members that left.
fn pacts(now: &World, before: Option<&World>, index: &IndexMap<Sym, usize>) -> Vec<Pact> {
    let pacts_now = pact_members(now);
    let pacts_past = before.map(pact_members).unwrap_or_default();
    let at = |s: &Sym| index.get(s).copied();
    let names: IndexSet<Sym> = pacts_now.keys().chain(pacts_past.keys()).copied().collect();
    let mut out = Vec::new();
    for p in &names {
        let Some((obligation, _)) = pacts_now.get(p).or_else(|| pacts_past.get(p)) else {
            continue;
        };
        let members: Vec<Sym> = pacts_now.get(p).map(|(_, m)| m.clone()).unwrap_or_default();
        let left = pacts_past.get(p).map_or_else(Vec::new, |(_, m)| {
            m.iter()
                .filter(|x| !members.contains(x))
                .filter_map(at)
                .collect()
        });
        out.push(Pact {
            name: *p,
            obligation: *obligation,
            members: members.iter().filter_map(at).collect(),
            left,
            title: meta_name(now.program, &[*p]),
        });
    }
    out
}

/// One link per pair of states in `pairs` (ordered pairs with a duty to defend in `world`),
/// leaving out pairs whose duty a shared defence pact of that world already implies.
fn duties(
    world: &World,
    pairs: &IndexSet<(Sym, Sym)>,
    index: &IndexMap<Sym, usize>,
    lost: bool,
) -> Vec<Obligation> {
    let pacts = pact_members(world);
    let mut out = Vec::new();
    let mut seen: IndexSet<(Sym, Sym)> = IndexSet::new();
    for (a, b) in pairs {
        if seen.contains(&(*b, *a)) || pact_implied(&pacts, *a, *b) {
            continue;
        }
        seen.insert((*a, *b));
        if let (Some(&from), Some(&to)) = (index.get(a), index.get(b)) {
            let name =
                meta_name(world.program, &[*a, *b]).or_else(|| meta_name(world.program, &[*b, *a]));
            out.push(Obligation {
                from,
                to,
                mutual: pairs.contains(&(*b, *a)),
                name,
                lost,
                conditions: crate::conditions::duty_limits(world.facts(), *a, *b),
            });
        }
    }
    out
}

/// Treaties that oblige no one to fight, between states with no duty to defend each other.
fn commitments(
    now: &World,
    defends: &IndexSet<(Sym, Sym)>,
    index: &IndexMap<Sym, usize>,
) -> Vec<Commitment> {
    let mut out = Vec::new();
    let mut pairs: IndexSet<(usize, usize)> = IndexSet::new();
    for r in now.tuples(now.theory.treaty) {
        let [a, b, dir, obl] = r.as_slice() else {
            continue;
        };
        let (Some(a), Some(b), Some(dir), Some(obl)) =
            (sym(Some(a)), sym(Some(b)), sym(Some(dir)), sym(Some(obl)))
        else {
            continue;
        };
        if obl.as_str() == words::DEFENCE || defends.contains(&(a, b)) || defends.contains(&(b, a))
        {
            continue;
        }
        if let (Some(&x), Some(&y)) = (index.get(&a), index.get(&b)) {
            if pairs.insert((x.min(y), x.max(y))) {
                out.push(Commitment {
                    a: x,
                    b: y,
                    mutual: dir.as_str() == words::MUTUAL,
                    obligation: obl,
                });
            }
        }
    }
    out
}

/// Threats: one against a whole pact (`threat Russia against NATO`) is one link to the pact,
/// not one to each member.
fn threats(now: &World, pacts: &[Pact], index: &IndexMap<Sym, usize>) -> Vec<Threat> {
    let at = |s: &Sym| index.get(s).copied();
    let mut out = Vec::new();
    let mut covered: IndexSet<(usize, usize)> = IndexSet::new();
    for (t, p) in now.pairs(now.theory.threatens_all, false) {
        let (Some(from), Some(pi)) = (at(&t), pacts.iter().position(|x| x.name == p)) else {
            continue;
        };
        if pacts[pi].members.is_empty() {
            continue;
        }
        out.push(Threat {
            from,
            to: Target::Pact(pi),
        });
        covered.extend(pacts[pi].members.iter().map(|m| (from, *m)));
    }
    for (t, x) in now.pairs(now.theory.threatens, true) {
        if let (Some(from), Some(to)) = (at(&t), at(&x)) {
            if from != to && !covered.contains(&(from, to)) {
                out.push(Threat {
                    from,
                    to: Target::State(to),
                });
            }
        }
    }
    out
}

/// Cooperation groups with at least two members, in the order declared.
fn groups(now: &World, index: &IndexMap<Sym, usize>) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for (g, kind) in now.pairs(now.theory.group, false) {
        match out.iter_mut().find(|x| x.name == g) {
            Some(x) => x.kinds.push(kind),
            None => out.push(Group {
                name: g,
                kinds: vec![kind],
                members: Vec::new(),
            }),
        }
    }
    for (m, g) in now.pairs(now.theory.member, false) {
        if let (Some(group), Some(&i)) = (out.iter_mut().find(|x| x.name == g), index.get(&m)) {
            if !group.members.contains(&i) {
                group.members.push(i);
            }
        }
    }
    out.retain(|g| g.members.len() >= 2);
    out
}
