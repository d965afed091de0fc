//! The world being reported on or drawn: one evaluated world (the base one or a scenario's)
//! with the lookups the report, the scenario summaries and the pictures all read, through the
//! program's typed view of the standard theory.

use std::collections::{HashMap, HashSet};

use indexmap::{IndexMap, IndexSet};
use rust_decimal::Decimal;

use crate::eval::solve::FactRef;
use crate::eval::Model;
use crate::program::{Const, Program, RelId};
use crate::scenario::{cmp, RelDiff};
use crate::source::{Sources, Span, Sym};
use crate::theory::Theory;
use crate::words::show_const;

/// A world (the base one or a scenario's) with the lookups its readers need.
pub struct World<'a> {
    pub program: &'a Program,
    pub sources: &'a Sources,
    pub model: &'a Model,
    /// The relations of the standard theory in `program`.
    pub theory: &'a Theory,
    /// Members of every pact, group and bloc, in the order they were stated.
    pub members: IndexMap<Const, Vec<Const>>,
    /// Display names of more than one word, longest first: never split when wrapping.
    pub multiword: Vec<String>,
    /// The metadata of each treaty and pact, by its parties: built on first use, since a world
    /// read only for its changes (a timeline's year) never asks.
    /// (An index into `program.metadata`: a cell of references into the program would tie
    /// the world's lifetime down, and a report of a scenario reads a world as its base.)
    metadata: std::cell::OnceCell<HashMap<Vec<Sym>, usize>>,
    /// The pacts (not groups or blocs).
    pub pacts: HashSet<Const>,
    /// For a scenario's world read as its base world and the difference ([`World::after`]):
    /// each changed relation's facts lost and gained. Empty for a world read from its model.
    changes: HashMap<RelId, Changes<'a>>,
    /// The same world for the conditions of duties, with its indexes built once.
    conditions: crate::conditions::World<'a>,
}

/// What a scenario changed in one relation.
struct Changes<'a> {
    lost: HashSet<&'a [Const]>,
    gained: &'a [Vec<Const>],
    gained_set: HashSet<&'a [Const]>,
}

impl<'a> World<'a> {
    /// The world `model` of `program`, with the lookups gathered once.
    pub fn new(program: &'a Program, sources: &'a Sources, model: &'a Model) -> World<'a> {
        World::with_changes(program, sources, model, HashMap::new())
    }

    /// A scenario's world as its base world and the facts the scenario lost and gained, so that
    /// a run of many scenarios need not keep each one's evaluated world. Reads of the facts
    /// (`tuples`, `holds` and what is built on them) see the scenario's world; `model` is the
    /// base world's, for what only the base world is asked (obligations and their basis).
    pub fn after(base: &World<'a>, diff: &'a [RelDiff]) -> World<'a> {
        let changes = diff
            .iter()
            .map(|d| {
                let changes = Changes {
                    lost: d.lost.iter().map(Vec::as_slice).collect(),
                    gained: &d.gained,
                    gained_set: d.gained.iter().map(Vec::as_slice).collect(),
                };
                (d.rel, changes)
            })
            .collect();
        let mut w = World::with_changes(base.program, base.sources, base.model, changes);
        w.conditions = crate::conditions::World::after(base.program, base.model, diff);
        w
    }

    fn with_changes(
        program: &'a Program,
        sources: &'a Sources,
        model: &'a Model,
        changes: HashMap<RelId, Changes<'a>>,
    ) -> World<'a> {
        let mut multiword: Vec<String> = program
            .states
            .values()
            .filter_map(|i| i.display)
            .map(|d| d.to_string())
            .filter(|d| d.contains(' '))
            .collect();
        multiword.sort_by_key(|d| std::cmp::Reverse(d.len()));
        let mut w = World {
            program,
            sources,
            model,
            theory: &program.theory,
            members: IndexMap::new(),
            multiword,
            metadata: std::cell::OnceCell::new(),
            pacts: HashSet::new(),
            changes,
            conditions: crate::conditions::World::new(program, model),
        };
        w.pacts = w
            .tuples(program.theory.pact)
            .iter()
            .filter_map(|t| t.first().copied())
            .collect();
        for t in w.tuples(program.theory.member) {
            if let [m, g] = t.as_slice() {
                w.members.entry(*g).or_default().push(*m);
            }
        }
        w
    }

    /// The metadata of the treaty or pact between these parties (none if it has none).
    pub fn metadata(&self, parties: &[Sym]) -> &'a [(Sym, Const)] {
        let program: &'a Program = self.program;
        let index = self.metadata.get_or_init(|| {
            let parties = program.metadata.iter().map(|(p, _)| p.clone());
            parties.enumerate().map(|(i, p)| (p, i)).collect()
        });
        index
            .get(parties)
            .and_then(|i| program.metadata.get(*i))
            .map_or(&[], |(_, m)| m.as_slice())
    }

    /// The same world, for the conditions of duties (`crate::conditions`).
    pub fn facts(&self) -> &crate::conditions::World<'a> {
        &self.conditions
    }

    /// The tuples of a relation in derivation order (none where the program lacks it, as a
    /// script without the prelude lacks the prelude's relations).
    pub fn tuples(&self, rel: Option<RelId>) -> Vec<Vec<Const>> {
        let Some(rel) = rel else {
            return Vec::new();
        };
        let mut rows = self.model.tuples(rel);
        if let Some(c) = self.changes.get(&rel) {
            rows.retain(|t| !c.lost.contains(t.as_slice()));
            rows.extend(c.gained.iter().cloned());
        }
        rows
    }

    /// Like [`World::tuples`], sorted: a stable order for derived relations.
    pub fn sorted(&self, rel: Option<RelId>) -> Vec<Vec<Const>> {
        let mut rows = self.tuples(rel);
        rows.sort_by(cmp);
        rows
    }

    /// Whether a fact holds.
    pub fn holds(&self, rel: Option<RelId>, args: &[Const]) -> bool {
        rel.is_some_and(|r| match self.changes.get(&r) {
            Some(c) if c.gained_set.contains(args) => true,
            Some(c) if c.lost.contains(args) => false,
            _ => self.model.find(r, args).is_some(),
        })
    }

    /// The names in the first column of a relation.
    pub fn firsts(&self, rel: Option<RelId>) -> IndexSet<Sym> {
        self.tuples(rel)
            .iter()
            .filter_map(|r| sym(r.first()))
            .collect()
    }

    /// Pairs of names in the first two columns, sorted or in derivation order.
    pub fn pairs(&self, rel: Option<RelId>, sorted: bool) -> Vec<(Sym, Sym)> {
        let rows = if sorted {
            self.sorted(rel)
        } else {
            self.tuples(rel)
        };
        rows.iter()
            .filter_map(|r| Some((sym(r.first())?, sym(r.get(1))?)))
            .collect()
    }

    /// The tuples of a relation grouped by the value of one column.
    pub fn by(&self, rel: Option<RelId>, column: usize) -> HashMap<Const, Vec<Vec<Const>>> {
        let mut map: HashMap<Const, Vec<Vec<Const>>> = HashMap::new();
        for t in self.tuples(rel) {
            if let Some(key) = t.get(column).copied() {
                map.entry(key).or_default().push(t);
            }
        }
        map
    }

    /// A constant as a reader sees it: a state's display name where it has one.
    pub fn name(&self, c: &Const) -> String {
        display(self.program, c)
    }

    /// Constants as a reader sees them.
    pub fn names(&self, cs: &[Const]) -> Vec<String> {
        cs.iter().map(|c| self.name(c)).collect()
    }

    /// States in the order they were declared (others after them, by name).
    pub fn sort_states(&self, cs: &mut [Const]) {
        cs.sort_by_cached_key(|c| {
            let index = match c {
                Const::Sym(s) => self.program.states.get_index_of(s).unwrap_or(usize::MAX),
                _ => usize::MAX,
            };
            (index, show_const(*c))
        });
    }

    /// The members of a pact, group or bloc, in the order stated.
    pub fn members_of(&self, group: &Const) -> &[Const] {
        self.members.get(group).map_or(&[], |m| m.as_slice())
    }

    /// The balance threshold of this world (1 unless a script sets it).
    pub fn threshold(&self) -> Option<Const> {
        self.tuples(self.theory.balance_threshold)
            .first()
            .and_then(|t| t.first().copied())
    }

    /// `file:line:column` of a span.
    pub fn location(&self, span: Span) -> String {
        self.sources.location(span)
    }

    /// The source text at a span, on one line.
    pub fn source(&self, span: Span) -> String {
        one_line(self.sources.text(span))
    }
}

pub(super) fn display(program: &Program, c: &Const) -> String {
    match c {
        Const::Sym(s) => program.display(*s).to_string(),
        Const::Str(s) => s.to_string(),
        other => show_const(*other),
    }
}

pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn fact_args(model: &Model, fact: FactRef) -> Vec<Const> {
    model
        .store(fact.rel)
        .get(fact.id)
        .iter()
        .map(|v| model.values.get(*v))
        .collect()
}

pub(super) fn number(c: Option<&Const>) -> Option<Decimal> {
    match c {
        Some(Const::Num(d, _)) => Some(*d),
        _ => None,
    }
}

/// The second column of the first tuple whose first column is `key`: `gdp(Japan, v)` gives v.
pub(super) fn value_of(map: &HashMap<Const, Vec<Vec<Const>>>, key: &Const) -> Option<Const> {
    map.get(key)
        .and_then(|ts| ts.first())
        .and_then(|t| t.get(1))
        .copied()
}

/// The name a constant holds, if it is one.
pub(crate) fn sym(c: Option<&Const>) -> Option<Sym> {
    match c {
        Some(Const::Sym(s)) => Some(*s),
        _ => None,
    }
}
