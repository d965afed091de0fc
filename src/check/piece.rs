//! Declarations added to a checked world without checking the world again: what a state or a
//! fact typed at the REPL costs ([`Checked::add_declarations`]).
//!
//! Checking the world whole runs passes over every statement (names first, then statements,
//! then warnings that read the whole program). A piece that only declares can change none of
//! what they found elsewhere, provided it is one of the kinds below; the piece is then
//! checked alone, with what the checker knew at the end of the world ([`Ctx::resume`]), and
//! only the one global warning it can touch (a state declared but used nowhere) is brought up
//! to date. Anything else is checked the whole way, by [`Checked::with_piece`].
//!
//! - `state NAME { ... }`, with a name new to the world, no years (a dated state dates the
//!   facts that name it) and only the standard attributes (a key of the script's own may be
//!   a misspelling, warned about wherever it is used); with a `region`, only when no treaty
//!   or pact is limited to regions, or the region is one a state is already in (either may
//!   change what is said about the regions of `in` clauses).
//! - `fact r(...)` of a relation of the script's own that rules do not derive, the standard
//!   theory does not know, `set` does not change and no scenario's `add` states (a scenario
//!   is checked after every statement, so against the new fact's units and types too).
//!
//! In both cases a name the piece declares must not look like a variable of the script's rules
//! and questions (`rule r(japan) if ...` and a new state `Japan`: the rule gets a warning),
//! and a state must not be named in a scenario's `add` (which is checked against the whole
//! declared world).

use indexmap::IndexSet;

use rustc_hash::FxHashMap;

use super::warnings::{self, Pass};
use super::{Checked, Ctx, KNOWN_ATTRS};
use crate::diag::{self, Diag};
use crate::program::{Ask, Const, Program, RelKind};
use crate::source::{FileId, Span, Sym};
use crate::syntax::ast::{File, Stmt, Value};
use crate::theory::{self, rels};

/// Declarations [`Checked::add_declarations`] added to a world: the piece they were read as,
/// the diagnostics they brought (warnings only), and the index of their first fact in
/// `program.facts`.
#[derive(Debug)]
pub struct Added {
    pub file: FileId,
    pub diags: Vec<Diag>,
    pub facts: usize,
}

impl Checked {
    /// Adds `text` (named `name`) to the world when it only declares what cannot change a
    /// diagnostic elsewhere (see the top of this file): the world is then what
    /// [`Checked::with_piece`] would give, at the cost of checking the piece alone. `None`,
    /// with the world as it was, when the text is anything else or has an error: check it
    /// with the world then.
    pub fn add_declarations(&mut self, name: &str, text: &str) -> Option<Added> {
        let id = FileId(self.sources.len() as u32);
        let (file, parse_diags) = crate::syntax::parse_file(text, id);
        if !parse_diags.is_empty()
            || file.stmts.is_empty()
            || self.has_errors()
            || !self.only_declares(&file)
        {
            return None;
        }
        let as_of = self.program.as_of;
        let marks = Marks::of(self);
        self.sources.add(name, text);
        let mut ctx = Ctx::resume(
            std::mem::take(&mut self.program),
            std::mem::take(&mut self.context),
        );
        ctx.check_statements(&[(id, &file)]);
        if !marks.still_holds(&ctx) {
            drop(ctx);
            self.check_again(marks.sources, as_of);
            return None;
        }
        if !ctx.state_years.is_empty() {
            let theory = crate::theory::Theory::resolve(&ctx.program);
            let mut facts = ctx.program.facts.split_off(marks.facts);
            for fact in &mut facts {
                ctx.date_by_states(fact, &theory);
            }
            ctx.program.facts.append(&mut facts);
        }
        let mut added = std::mem::take(&mut ctx.diags);
        let commits = file
            .stmts
            .iter()
            .any(|s| !matches!(s.node, Stmt::State { .. } | Stmt::Fact(_)));
        let (again, moved) = if commits {
            let passes = passes(&ctx.program, marks.facts, &file);
            self.warnings_again(&ctx, (id, &file), &passes)
        } else {
            (Vec::new(), false)
        };
        // The states the piece mentions are used now; those it declares may be unused.
        let now_used: IndexSet<crate::source::Span> = ctx
            .used
            .iter()
            .skip(marks.used)
            .filter_map(|s| ctx.program.states.get(s).map(|i| i.span))
            .collect();
        if !now_used.is_empty() {
            self.diags.retain(|d| {
                d.code != crate::diag::Code::UnusedState
                    || d.span().is_none_or(|s| !now_used.contains(&s))
            });
        }
        let unused: Vec<Diag> = ctx
            .program
            .states
            .iter()
            .skip(marks.states)
            .filter(|(name, _)| !ctx.used.contains(*name))
            .map(|(name, info)| super::warnings::unused_state(*name, info.span))
            .collect();
        added.extend(unused);
        let (program, context) = ctx.finish();
        self.program = program;
        self.context = context;
        self.files.push((id, file));
        self.diags.extend(added.iter().cloned());
        if moved || !added.iter().all(|d| d.span().is_some_and(|s| s.file == id)) {
            diag::sort(&mut self.diags);
        }
        // Else the piece is the last file, so its diagnostics sort after every other (and
        // taking out the warnings found again kept the others in order).
        added.extend(again);
        diag::sort(&mut added);
        Some(Added {
            file: id,
            diags: added,
            facts: marks.facts,
        })
    }

    /// Runs again the `passes` that warn about the world's commitments, with the piece `file`
    /// checked in `ctx`, puts what they find in place of the world's, and gives what the
    /// world did not have: what checking the whole world again would show new; and whether
    /// the world's diagnostics need sorting again (the passes found some).
    fn warnings_again(
        &mut self,
        ctx: &Ctx,
        file: (FileId, &File),
        passes: &[Pass],
    ) -> (Vec<Diag>, bool) {
        let mut files: Vec<(FileId, &File)> = self.files.iter().map(|(id, f)| (*id, f)).collect();
        files.push(file);
        let found = warnings::on_commitments(ctx, &files, ctx.program.prelude, passes);
        let codes: Vec<diag::Code> = passes.iter().flat_map(|p| p.codes()).copied().collect();
        let (before, kept): (Vec<Diag>, Vec<Diag>) = std::mem::take(&mut self.diags)
            .into_iter()
            .partition(|d| codes.contains(&d.code));
        // By place, code and message first: a world may have thousands of missing GDPs.
        let mut known: FxHashMap<(Option<Span>, diag::Code, &str), Vec<&Diag>> =
            FxHashMap::default();
        for d in &before {
            known
                .entry((d.span(), d.code, d.message.as_str()))
                .or_default()
                .push(d);
        }
        let fresh: Vec<Diag> = found
            .iter()
            .filter(|d| {
                known
                    .get(&(d.span(), d.code, d.message.as_str()))
                    .is_none_or(|same| !same.contains(d))
            })
            .cloned()
            .collect();
        self.diags = kept;
        let moved = !found.is_empty();
        self.diags.extend(found);
        (fresh, moved)
    }

    /// Whether every statement of `file` is a declaration of a kind this file adds.
    fn only_declares(&self, file: &File) -> bool {
        let script_vars = script_variables(&self.program);
        let in_scenarios = scenario_names(&self.program);
        let looks_like_var = |name: &Sym| {
            name.as_str().chars().count() >= 2
                && script_vars.contains(&name.as_str().to_lowercase())
        };
        let mut regions: Option<(IndexSet<Const>, bool)> = None;
        file.stmts.iter().all(|stmt| match &stmt.node {
            Stmt::State {
                name, dates, attrs, ..
            } => {
                let attrs = attrs.as_deref().unwrap_or(&[]);
                let standard = attrs
                    .iter()
                    .all(|a| KNOWN_ATTRS.iter().any(|(k, _)| *k == a.key.node.as_str()));
                let values_new_or_known = attrs.iter().all(|a| match &a.value.node {
                    Value::Name(n) => {
                        let region = a.key.node.as_str() == rels::REGION;
                        let (known, clauses) =
                            regions.get_or_insert_with(|| regions_and_clauses(&self.program));
                        !looks_like_var(n)
                            && (!region || !*clauses || known.contains(&Const::Sym(*n)))
                    }
                    _ => true,
                });
                dates.is_empty()
                    && standard
                    && values_new_or_known
                    && !self.context.names.declared.contains_key(&name.node)
                    && !in_scenarios.contains(&name.node)
                    && !looks_like_var(&name.node)
            }
            Stmt::Fact(atom) => {
                let own = self.own_relation(atom.rel.node);
                let names_fine = atom.args.iter().all(|a| match &a.node {
                    crate::syntax::ast::Term::Name(n) => !looks_like_var(n),
                    _ => true,
                });
                own && names_fine
            }
            // A commitment: what checking it reads elsewhere is the world's warnings, found
            // again after it; a scenario's changes are checked against the commitments
            // (`X joins P` of a member, a treaty cancelled that was never made).
            _ => self.program.scenarios.is_empty() && self.commitment(&stmt.node, &looks_like_var),
        })
    }

    /// Whether `stmt` is a commitment [`Checked::add_declarations`] may add: a treaty, pact,
    /// group, bloc, partnership, threat or troops whose new name (of a pact, group or bloc)
    /// is new to the world and does not look like a variable of the script, and whose new
    /// kinds of group are not a variable's name (a kind is a constant word in every rule).
    fn commitment(&self, stmt: &Stmt, looks_like_var: &dyn Fn(&Sym) -> bool) -> bool {
        let new_name =
            |name: &Sym| !self.context.names.declared.contains_key(name) && !looks_like_var(name);
        match stmt {
            Stmt::Pact { name, .. } | Stmt::Bloc { name, .. } => new_name(&name.node),
            Stmt::Group { name, kinds, .. } => {
                let vars = script_variables(&self.program);
                new_name(&name.node)
                    && kinds.iter().all(|k| {
                        self.context.names.kinds.contains_key(&k.node)
                            || !vars.contains(&k.node.as_str().to_lowercase())
                    })
            }
            Stmt::Treaty { .. }
            | Stmt::Partner { .. }
            | Stmt::Threat { .. }
            | Stmt::Troops { .. } => true,
            _ => false,
        }
    }

    /// Whether `name` is a relation of the script's own, stated by facts only: not one of the
    /// standard theory, not derived by a rule, not a setting.
    fn own_relation(&self, name: Sym) -> bool {
        let program = &self.program;
        let Some(&id) = program.relation_ids.get(&name) else {
            return false;
        };
        let standard = theory::base()
            .chain(theory::builtins())
            .any(|s| s.name == name.as_str());
        // A scenario's `add fact` is checked after every statement (its units, its types), so
        // against the new fact too.
        let in_scenarios = program.scenarios.iter().any(|s| {
            s.changes.iter().any(|(c, _)| {
                matches!(c, crate::program::Change::Add { facts, .. } if facts.iter().any(|f| f.rel == id))
            })
        });
        program.rel(id).kind == RelKind::Base
            && !standard
            && !in_scenarios
            && !self.context.params.contains(&id)
            && !program.rules.iter().any(|r| r.head.rel == id)
    }

    /// Takes back the piece `file` that [`Checked::add_declarations`] added (its facts led to
    /// an error when evaluated): the world is checked again without it.
    pub fn take_back(&mut self, file: FileId) {
        self.files.retain(|(id, _)| *id != file);
        self.check_again(file.0 as usize, self.program.as_of);
    }

    /// Puts the world back as it was before a piece, keeping its first `sources` sources:
    /// checked again from its files, since the checker's state was spent on the piece.
    fn check_again(&mut self, sources: usize, as_of: Option<i32>) {
        self.sources.truncate(sources);
        let again = super::checked_world(
            std::mem::take(&mut self.sources),
            std::mem::take(&mut self.files),
            std::mem::take(&mut self.read_diags),
        );
        *self = again;
        if let Some(year) = as_of {
            self.read_as_of(year);
        }
    }
}

/// The passes of [`warnings::on_commitments`] whose warnings the piece `file`, whose facts are
/// those of `program` from `first` on, may change; the others find what they found before.
/// Whether anything is in force is cheap to ask again. A treaty or pact changes what is said
/// of missing GDPs only through a party of a duty to defend without a GDP (who must defend a
/// threatened state), and a threat only when some state has no GDP or it names no one; of
/// regions only with an `in` clause, or when it renews a treaty between a pair an `in`
/// clause limits; of pact duties only when a new duty to defend binds two members of one
/// pact. Groups, blocs, partners and troops change none of them.
fn passes(program: &Program, first: usize, file: &File) -> Vec<Pass> {
    let rel = |name| program.relation(name);
    let [treaty, pact, member, gdp, treaty_in, pact_in] = [
        rels::TREATY,
        rels::PACT,
        rels::MEMBER,
        rels::GDP,
        rels::TREATY_IN,
        rels::PACT_IN,
    ]
    .map(rel);
    let (old, new) = program.facts.split_at(first);
    let defence = Const::Sym(Sym::new(crate::theory::words::DEFENCE));
    let of = |r: Option<crate::program::RelId>| new.iter().filter(move |f| Some(f.rel) == r);
    // The parties of the new duties to defend, and the pairs they bind.
    let pairs: Vec<(Const, Const)> = of(treaty)
        .filter(|f| f.args.get(3) == Some(&defence))
        .filter_map(|f| Some((*f.args.first()?, *f.args.get(1)?)))
        .collect();
    let defence_pacts: IndexSet<Const> = of(pact)
        .filter(|f| f.args.get(1) == Some(&defence))
        .filter_map(|f| f.args.first().copied())
        .collect();
    // A few states: a list is quicker to search than a hashed set, once per fact.
    let mut parties: Vec<Const> = pairs.iter().flat_map(|(a, b)| [*a, *b]).collect();
    parties.extend(
        of(member)
            .filter(|f| f.args.get(1).is_some_and(|g| defence_pacts.contains(g)))
            .filter_map(|f| f.args.first().copied()),
    );
    let with_gdp = |of: &dyn Fn(&Const) -> bool| -> IndexSet<Const> {
        program
            .facts
            .iter()
            .filter(|f| Some(f.rel) == gdp)
            .filter_map(|f| f.args.first().copied())
            .filter(of)
            .collect()
    };
    // With a GDP for every state, the pass finds only threats that name no one.
    let all_have_gdp = || {
        let gdps = with_gdp(&|_| true);
        program
            .states
            .keys()
            .all(|s| gdps.contains(&Const::Sym(*s)))
    };
    let threat = |empty: bool| {
        file.stmts.iter().any(
            |s| matches!(&s.node, Stmt::Threat { targets, .. } if !empty || targets.is_empty()),
        )
    };
    let mut out = vec![Pass::InForce];
    parties.sort_unstable();
    parties.dedup();
    let defenders_have_gdp =
        parties.is_empty() || with_gdp(&|c| parties.contains(c)).len() == parties.len();
    if threat(true) || (threat(false) || !defenders_have_gdp) && !all_have_gdp() {
        out.push(Pass::Gdp);
    }
    let limited = |f: &&crate::program::Fact| Some(f.rel) == treaty_in || Some(f.rel) == pact_in;
    let renews_limited = || {
        old.iter()
            .filter(|f| Some(f.rel) == treaty_in)
            .any(|f| pairs.iter().any(|(a, b)| f.args.starts_with(&[*a, *b])))
    };
    if new.iter().any(|f| limited(&f)) || renews_limited() {
        out.push(Pass::Regions);
    }
    // A new treaty between two states that share a pact (or a group or bloc: it is quicker
    // to ask of any) may give duties that the pact's note says only it gives.
    let groups = |x: Const| -> Vec<Const> {
        program
            .facts
            .iter()
            .filter(|f| Some(f.rel) == member && f.args.first() == Some(&x))
            .filter_map(|f| f.args.get(1).copied())
            .collect()
    };
    let shared = pairs.iter().any(|(a, b)| {
        let of_b = groups(*b);
        groups(*a).iter().any(|g| of_b.contains(g))
    });
    if of(pact).next().is_some() || shared {
        out.push(Pass::PactDuties);
    }
    out
}

/// What a world held before a piece was added, to see what the piece added.
struct Marks {
    sources: usize,
    facts: usize,
    states: usize,
    used: usize,
    declared: usize,
    state_years: usize,
    attr_types: usize,
    kinds: Vec<RelKind>,
}

impl Marks {
    fn of(checked: &Checked) -> Marks {
        Marks {
            sources: checked.sources.len(),
            facts: checked.program.facts.len(),
            states: checked.program.states.len(),
            used: checked.context.used.len(),
            declared: checked.context.names.declared.len(),
            state_years: checked.context.state_years.len(),
            attr_types: checked.context.attr_types.len(),
            kinds: checked.program.relations.iter().map(|r| r.kind).collect(),
        }
    }

    /// Whether the piece, checked, kept to what [`Checked::add_declarations`] can add: no
    /// error, no new relation or attribute, no relation that changed its kind, no dated state.
    fn still_holds(&self, ctx: &Ctx) -> bool {
        let kinds = ctx.program.relations.iter().map(|r| r.kind);
        !diag::has_errors(&ctx.diags)
            && ctx.program.relations.len() == self.kinds.len()
            && kinds.eq(self.kinds.iter().copied())
            && ctx.state_years.len() == self.state_years
            && ctx.attr_types.len() == self.attr_types
            && ctx.names.declared.len() >= self.declared
    }
}

/// The regions states are in, and whether any treaty or pact is limited to regions.
fn regions_and_clauses(program: &Program) -> (IndexSet<Const>, bool) {
    let rel = |name| program.relation(name);
    let (region, treaty_in, pact_in) =
        (rel(rels::REGION), rel(rels::TREATY_IN), rel(rels::PACT_IN));
    let mut known = IndexSet::new();
    let mut clauses = false;
    for f in &program.facts {
        if Some(f.rel) == region {
            known.extend(f.args.get(1).copied());
        }
        clauses |= Some(f.rel) == treaty_in || Some(f.rel) == pact_in;
    }
    (known, clauses)
}

/// The names a scenario's `add` mentions: a declaration added later by the same name changes
/// what is said of the scenario.
fn scenario_names(program: &Program) -> IndexSet<Sym> {
    let mut out = IndexSet::new();
    for scenario in &program.scenarios {
        for (change, _) in &scenario.changes {
            if let crate::program::Change::Add { facts, .. } = change {
                for fact in facts {
                    out.extend(fact.args.iter().filter_map(|c| match c {
                        Const::Sym(s) => Some(*s),
                        _ => None,
                    }));
                }
            }
        }
    }
    out
}

/// The variables of the script's rules and questions (its scenarios' too), in lower case: a
/// name declared later that looks like one gets them a warning.
fn script_variables(program: &Program) -> IndexSet<String> {
    let mut out = IndexSet::new();
    let rules = program
        .rules
        .iter()
        .filter(|r| r.origin == crate::program::Origin::Script)
        .flat_map(|r| r.vars.iter());
    let asks = program
        .asks
        .iter()
        .chain(program.scenarios.iter().flat_map(|s| s.asks.iter()))
        .flat_map(|(ask, _)| match ask {
            Ask::Query(q) | Ask::Expect { query: q, .. } => q.vars.iter(),
            Ask::Why(_) => [].iter(),
        });
    for var in rules.chain(asks) {
        out.insert(var.as_str().to_lowercase());
    }
    out
}
