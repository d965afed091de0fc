//! Evaluation: the least model of a checked program, bottom-up and semi-naive, stratum by
//! stratum, with the first derivation of every fact kept for explanations.
//!
//! The engine knows Datalog, not alliances: the standard theory is a program like any other.

mod extend;
mod order;
mod prov;
pub mod solve;
pub mod store;
pub mod values;

use std::borrow::Borrow;

use rustc_hash::FxHashMap;

use crate::diag::{Code, Diag};
use crate::program::{Const, Fact, Literal, Origin, Program, Query, RelId};
use crate::source::Span;
use crate::units;
use crate::words::thousands;
pub use prov::{Prov, Provenance};
use solve::{Env, EvalError, FactRef, Solver};
use store::Store;
use values::{ArithError, Value, Values};

/// A request to stop evaluating, as Ctrl-C at the prompt makes one ([`interrupt`]). One per
/// process: there is one person at one prompt to ask it.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Asks the evaluation under way (rules, a query, a scenario) to stop soon, with an
/// `alliance::interrupted` error. Safe to call from a signal handler or another thread.
pub fn interrupt() {
    INTERRUPTED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Withdraws a request to stop: a front end calls it before each entry, so that an old
/// Ctrl-C does not stop the next one.
pub fn clear_interrupt() {
    INTERRUPTED.store(false, std::sync::atomic::Ordering::Relaxed);
}

/// Whether a stop was asked for.
pub fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed)
}

fn interrupted_diag() -> Diag {
    Diag::error(Code::Interrupted, "stopped: interrupted (Ctrl-C)")
        .help("the entry changed nothing; ask a narrower question, or add a condition that limits the search")
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The most facts rules may derive before evaluation stops with a diagnostic.
    pub max_facts: usize,
    /// Whether rule bodies join their cheapest atoms first (`order.rs`). The result is the
    /// same either way, facts, ids and explanations alike; off only to check exactly that.
    pub join_order: bool,
}

/// The most answers a question may have, whatever `max_facts` allows.
pub const MAX_ANSWERS: usize = 1_000_000;

impl Default for Options {
    fn default() -> Self {
        Options {
            max_facts: 10_000_000,
            join_order: true,
        }
    }
}

/// The evaluated world: every fact, stated or derived, with its provenance.
#[derive(Clone, Debug)]
pub struct Model {
    pub values: Values,
    pub stores: Vec<Store>,
    pub provenance: Vec<Provenance>,
    /// Where each base fact this world was built from was stated, by its index (what an
    /// explanation cites; the facts themselves are in the stores).
    pub stated: Vec<Stated>,
    /// Problems found while evaluating (a unit mismatch the checker could not see, a
    /// division by zero): each an error with its span.
    pub diags: Vec<Diag>,
    /// The most answers a question may have (the `--max-facts` this world was evaluated
    /// with): a cross product (`? a(x), a(y)`) would otherwise fill memory.
    pub max_answers: usize,
    /// How many facts rules derived (what `max_facts` limits), so that [`Model::extend`]
    /// goes on counting.
    pub derived: usize,
    /// The table of the names in `values`, kept so they live as long as the model (the
    /// program's: see [`crate::interner`]).
    pub interner: Option<crate::interner::Interner>,
    /// Relations a builtin computes that [`Model::extend`] left as they were although their
    /// input grew, since no rule reads them (hub and spoke, in the standard theory): only
    /// a model evaluated anew holds them right.
    pub stale: Vec<RelId>,
    /// The year this world is read as of (`None`: today): the program's, or a scenario's own
    /// `as of`. Explanations compare the years of statements with it ("in force from 1982,
    /// not as of 1962").
    pub year: Option<i32>,
}

/// Where a base fact was stated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stated {
    pub span: Span,
    pub origin: Origin,
    /// The years the fact holds, for explanations ("in force from 1955 until 1990").
    pub years: crate::program::Years,
}

/// One answer to a query: the values of its shown variables.
pub type Answer = Vec<Value>;

/// The code of a builtin relation (see [`crate::program::Builtin`]): from the model with its
/// finished inputs, the tuples of each output.
pub type Compute = fn(&Model, &[RelId]) -> Vec<Vec<Vec<Value>>>;

/// Adds a builtin's tuples to its outputs, each marked as computed.
fn run_builtin(builtin: &crate::program::Builtin, model: &mut Model) {
    let tuples = (builtin.compute)(model, &builtin.inputs);
    for (rel, tuples) in builtin.outputs.iter().zip(tuples) {
        for tuple in tuples {
            if model.stores[rel.0 as usize].insert(&tuple).is_some() {
                model.provenance[rel.0 as usize].push_builtin();
            }
        }
    }
}

impl Model {
    /// The facts of a relation; none for a relation this model was evaluated without (one a
    /// question's scenario adds, `if add fact rival(Gondor)`, read in the base world).
    pub fn store(&self, rel: RelId) -> &Store {
        static EMPTY: std::sync::LazyLock<Store> = std::sync::LazyLock::new(|| Store::new(0));
        self.stores.get(rel.0 as usize).unwrap_or(&EMPTY)
    }

    /// The id of a fact given as constants, if it holds.
    pub fn find(&self, rel: RelId, args: &[Const]) -> Option<u32> {
        let tuple: Option<Vec<Value>> = args.iter().map(|c| self.values.find(*c)).collect();
        self.stores.get(rel.0 as usize)?.find(&tuple?)
    }

    pub fn prov(&self, fact: FactRef) -> Option<Prov<'_>> {
        self.provenance.get(fact.rel.0 as usize)?.get(fact.id)
    }

    /// The tuples of a relation as constants, in derivation order.
    pub fn tuples(&self, rel: RelId) -> Vec<Vec<Const>> {
        self.store(rel)
            .iter()
            .map(|(_, t)| t.iter().map(|v| self.values.get(*v)).collect())
            .collect()
    }

    /// Answers a query: the distinct values of its shown variables, in a stable order (numbers
    /// by size, names by text). A query without shown variables answers one empty row if it holds.
    pub fn query(&mut self, query: &Query) -> Result<Vec<Answer>, Vec<Diag>> {
        let body = solve::compile(&query.body, &mut self.values);
        let mut masks = Vec::new();
        solve::plan(&body, &mut Vec::new(), &mut masks);
        for (rel, mask) in masks {
            if let Some(s) = self.stores.get_mut(rel.0 as usize) {
                s.ensure_index(mask);
            }
        }
        let mut errors = Vec::new();
        let mut answers: Vec<Answer> = Vec::new();
        let max = self.max_answers;
        {
            let mut seen = rustc_hash::FxHashSet::default();
            let mut solver = Solver {
                stores: &self.stores,
                values: &mut self.values,
                errors: &mut errors,
                stop: false,
            };
            let mut env: Env = vec![None; query.vars.len()];
            let mut emit = |s: &mut Solver, env: &Env, _: &[FactRef]| {
                let answer: Answer = query
                    .shown
                    .iter()
                    .filter_map(|v| env[*v as usize])
                    .collect();
                if seen.insert(answer.clone()) {
                    answers.push(answer);
                    // One past the limit tells the limit was reached.
                    if answers.len() > max {
                        s.stop = true;
                    }
                }
            };
            solver.solve_compiled(&body, &[], &mut env, &mut Vec::new(), &mut emit);
        }
        if interrupted() {
            return Err(vec![interrupted_diag().label(query.span, "this question")]);
        }
        if answers.len() > max {
            let d = Diag::error(
                Code::AnswerLimit,
                format!(
                    "more than {} answers: the question was stopped",
                    thousands(max)
                ),
            )
            .label(query.span, "too many answers")
            .help(if max < MAX_ANSWERS {
                "narrow it down: name a state, or add a condition; `--max-facts` raises the limit"
            } else {
                "narrow it down: name a state, or add a condition; a question has at most a million answers"
            });
            return Err(vec![d]);
        }
        if !errors.is_empty() {
            return Err(eval_diags(errors));
        }
        let values = &self.values;
        answers.sort_by(|a, b| {
            a.iter()
                .zip(b)
                .map(|(x, y)| values.order(*x, *y))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        Ok(answers)
    }
}

/// Evaluates `program` over `facts` (the program's own, or a scenario's changed copy).
pub fn evaluate<F: Borrow<Fact>>(
    program: &Program,
    facts: &[F],
    options: &Options,
) -> Result<Model, Diag> {
    evaluate_with(program, facts, Values::default(), options)
}

/// Evaluates a scenario's facts with the constants of its base world already interned, so
/// that the two worlds give every constant they share the same id: a diff then compares
/// tuples as they are stored, without translating them.
pub fn evaluate_scenario<F: Borrow<Fact>>(
    program: &Program,
    facts: &[F],
    base: &Model,
    options: &Options,
) -> Result<Model, Diag> {
    evaluate_with(program, facts, base.values.clone(), options)
}

fn evaluate_with<F: Borrow<Fact>>(
    program: &Program,
    facts: &[F],
    values: Values,
    options: &Options,
) -> Result<Model, Diag> {
    let mut model = Model {
        interner: program.interner.clone(),
        values,
        stores: program
            .relations
            .iter()
            .map(|r| Store::new(r.arity))
            .collect(),
        provenance: vec![Provenance::default(); program.relations.len()],
        stated: facts
            .iter()
            .map(Borrow::borrow)
            .map(|f: &Fact| Stated {
                span: f.span,
                origin: f.origin,
                years: f.years,
            })
            .collect(),
        diags: Vec::new(),
        // A question's answers are bounded by the fact limit and by a million: more than
        // that is never read, and a cross product (`? a(x), a(y)`) would fill memory first.
        max_answers: options.max_facts.min(MAX_ANSWERS),
        derived: 0,
        stale: Vec::new(),
        year: program.as_of,
    };
    let mut counts = vec![0; model.stores.len()];
    for fact in facts.iter().map(Borrow::<Fact>::borrow) {
        if let Some(n) = counts.get_mut(fact.rel.0 as usize) {
            *n += 1;
        }
    }
    for ((store, prov), n) in model
        .stores
        .iter_mut()
        .zip(&mut model.provenance)
        .zip(counts)
    {
        store.reserve(n);
        prov.reserve(n, 0);
    }
    let mut tuple: Vec<Value> = Vec::new();
    for (i, fact) in facts.iter().map(Borrow::<Fact>::borrow).enumerate() {
        tuple.clear();
        tuple.extend(fact.args.iter().map(|c| model.values.intern(*c)));
        if model.stores[fact.rel.0 as usize].insert(&tuple).is_some() {
            model.provenance[fact.rel.0 as usize].push_base(i as u32);
        }
    }
    let mut derived = 0usize;
    let mut errors: Vec<EvalError> = Vec::new();
    for stratum in &program.strata {
        for b in &stratum.builtins {
            run_builtin(&program.builtins[*b], &mut model);
        }
        if !stratum.rules.is_empty() {
            run_stratum(
                program,
                &stratum.rules,
                &stratum.relations,
                &mut model,
                &mut derived,
                options,
                &mut errors,
            )?;
        }
    }
    model.diags = eval_diags(errors);
    model.derived = derived;
    Ok(model)
}

/// The new facts a rule variant found, inserted once it has run: their tuples and their
/// premises back to back (no allocation per fact), and for each the rule and where its
/// premises begin.
#[derive(Default)]
struct Found {
    values: Vec<Value>,
    premises: Vec<FactRef>,
    facts: Vec<(RelId, u32, u32)>,
}

/// Which facts of a literal's relation one run of a rule body may use.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    /// Every fact (relations of earlier strata, and everything but atoms).
    All,
    /// The facts new in the last round.
    Delta(RelId),
    /// The facts before the last round.
    Old(RelId),
    /// The facts up to the end of the last round.
    Known(RelId),
}

/// One way to run a rule: its body compiled and reordered, which facts each literal uses, and
/// where each joined fact belongs in the rule as written (for provenance).
struct Variant {
    rule: usize,
    head: solve::CAtom,
    body: Vec<solve::CLit>,
    parts: Vec<Part>,
    written: Vec<usize>,
    vars: usize,
    /// Variants without an atom of the stratum run in the first round only.
    first_only: bool,
    /// When the atoms were reordered for speed: for each atom in the planned order, its place
    /// in the rule as written, to sort the facts found back into the planned order.
    planned: Option<Vec<usize>>,
}

impl Variant {
    /// Joins the cheapest atoms first (`order.rs`); the facts found are sorted back.
    fn reorder(&mut self, stores: &[store::Store]) {
        let fixed = usize::from(!self.first_only);
        let settled = |p: &Part| *p == Part::All;
        let Some(order) = order::reorder(&mut self.body, &mut self.parts, fixed, stores, settled)
        else {
            return;
        };
        // Which literals of the planned body are atoms (the body now holds each at its new
        // place), and each atom's rank among them: premises are recorded in join order.
        let mut atom = vec![false; order.len()];
        for (k, &j) in order.iter().enumerate() {
            atom[j] = matches!(self.body[k], solve::CLit::Pos(_));
        }
        let mut rank = vec![0; order.len()];
        let mut atoms = 0;
        for (j, is_atom) in atom.iter().enumerate() {
            rank[j] = atoms;
            atoms += usize::from(*is_atom);
        }
        let planned = std::mem::take(&mut self.written);
        self.written = order
            .iter()
            .filter(|&&j| atom[j])
            .filter_map(|&j| planned.get(rank[j]).copied())
            .collect();
        self.planned = Some(planned);
    }
}

/// The variants of a stratum's rules: a rule with atoms of this stratum runs once per such
/// atom, that atom first and limited to the newest facts; atoms before it in the body see only
/// older facts, so no combination is found twice.
fn variants(
    program: &Program,
    rule_ids: &[usize],
    relations: &[RelId],
    values: &mut values::Values,
) -> Vec<Variant> {
    let in_stratum = |rel: RelId| relations.contains(&rel);
    let mut out = Vec::new();
    for &ri in rule_ids {
        let rule = &program.rules[ri];
        let head = solve::compile(&[Literal::Pos(rule.head.clone())], values);
        let Some(solve::CLit::Pos(head)) = head.into_iter().next() else {
            continue;
        };
        let body = solve::compile(&rule.body, values);
        let recursive: Vec<usize> = rule
            .body
            .iter()
            .enumerate()
            .filter(|(_, l)| matches!(l, Literal::Pos(a) if in_stratum(a.rel)))
            .map(|(i, _)| i)
            .collect();
        let positives: Vec<usize> = rule
            .body
            .iter()
            .enumerate()
            .filter(|(_, l)| matches!(l, Literal::Pos(_)))
            .map(|(i, _)| i)
            .collect();
        if recursive.is_empty() {
            out.push(Variant {
                rule: ri,
                head: head.clone(),
                body: body.clone(),
                parts: vec![Part::All; body.len()],
                written: (0..positives.len()).collect(),
                vars: rule.vars.len(),
                first_only: true,
                planned: None,
            });
            continue;
        }
        for &d in &recursive {
            let mut order = vec![d];
            order.extend((0..body.len()).filter(|i| *i != d));
            let parts = order
                .iter()
                .map(|&i| match &rule.body[i] {
                    Literal::Pos(a) if i == d => Part::Delta(a.rel),
                    Literal::Pos(a) if in_stratum(a.rel) && i < d => Part::Old(a.rel),
                    Literal::Pos(a) if in_stratum(a.rel) => Part::Known(a.rel),
                    _ => Part::All,
                })
                .collect();
            // The k-th joined fact comes from the k-th positive atom of the reordered body.
            let written = order
                .iter()
                .filter(|i| positives.contains(i))
                .map(|i| positives.iter().position(|p| p == i).unwrap_or(0))
                .collect();
            out.push(Variant {
                rule: ri,
                head: head.clone(),
                body: order.iter().map(|&i| body[i].clone()).collect(),
                parts,
                written,
                vars: rule.vars.len(),
                first_only: false,
                planned: None,
            });
        }
    }
    out
}

/// Semi-naive evaluation of one stratum: each round runs every variant with the facts new in
/// the last round, until a round finds nothing new.
fn run_stratum(
    program: &Program,
    rule_ids: &[usize],
    relations: &[RelId],
    model: &mut Model,
    derived: &mut usize,
    options: &Options,
    errors: &mut Vec<EvalError>,
) -> Result<(), Diag> {
    let variants = variants(program, rule_ids, relations, &mut model.values);
    // Facts already present (stated ones) count as new in the first round.
    let delta: FxHashMap<RelId, (usize, usize)> = relations
        .iter()
        .map(|r| (*r, (0, model.store(*r).len())))
        .collect();
    let mut run = Run {
        model,
        derived,
        options,
        errors,
    };
    run_variants(program, variants, relations, delta, &mut run)
}

/// What a stratum's rounds work on: the model, the count of derived facts so far (against
/// the limit), the options and the errors found.
struct Run<'a> {
    model: &'a mut Model,
    derived: &'a mut usize,
    options: &'a Options,
    errors: &'a mut Vec<EvalError>,
}

/// The rounds of semi-naive evaluation of `relations` (one stratum) by `variants`, starting
/// from `delta`: for each relation, the facts new in the first round (`lo..hi`). A relation
/// of an earlier stratum in `delta` (a world extended with new facts, `extend.rs`) is new in
/// the first round only, and complete after it.
fn run_variants(
    program: &Program,
    mut variants: Vec<Variant>,
    relations: &[RelId],
    mut delta: FxHashMap<RelId, (usize, usize)>,
    run: &mut Run,
) -> Result<(), Diag> {
    let (model, options) = (&mut *run.model, run.options);
    let (derived, errors) = (&mut *run.derived, &mut *run.errors);
    if options.join_order {
        for v in &mut variants {
            v.reorder(&model.stores);
        }
    }
    let mut masks = Vec::new();
    for v in &variants {
        solve::plan(&v.body, &mut Vec::new(), &mut masks);
    }
    masks.sort_unstable();
    masks.dedup();
    for &(rel, mask) in &masks {
        model.stores[rel.0 as usize].ensure_index(mask);
    }
    let mut first = true;
    let mut per_rule: FxHashMap<usize, usize> = FxHashMap::default();
    let mut found = Found::default();
    loop {
        let before: Vec<usize> = relations.iter().map(|r| model.store(*r).len()).collect();
        for v in &variants {
            if v.first_only && !first {
                continue;
            }
            let range = |p: &Part| match p {
                Part::All => (0, usize::MAX),
                Part::Delta(r) => delta.get(r).copied().unwrap_or((0, 0)),
                Part::Old(r) => (0, delta.get(r).map_or(0, |d| d.0)),
                Part::Known(r) => (0, delta.get(r).map_or(0, |d| d.1)),
            };
            let ranges: Vec<(usize, usize)> = v.parts.iter().map(range).collect();
            // A body with an atom that has no facts to use finds nothing: skip it rather than
            // join the atoms before it (a rule on missing GDPs, in a world that has them all).
            let empty = v.body.iter().zip(&ranges).any(|(lit, (lo, hi))| {
                matches!(lit, solve::CLit::Pos(a) if (*hi).min(model.store(a.rel).len()) <= *lo)
            });
            if empty {
                continue;
            }
            fire(v, &ranges, model, &mut found, errors, options, *derived);
            // The variant's facts go in at once, so the variants after it find them known
            // (and allocate nothing for them). This changes nothing that the variants of this
            // round see: their ranges were fixed when the round began, and no variant looks up
            // its own stratum's relations beyond those ranges.
            if let Some((rel, _, _)) = found.facts.first() {
                // Every fact of a variant is of one relation, its head's: make room for them
                // all at once.
                model.stores[rel.0 as usize].reserve(found.facts.len());
                model.provenance[rel.0 as usize].reserve(found.facts.len(), found.premises.len());
            }
            let at: Vec<usize> = found.facts.iter().map(|f| f.2 as usize).collect();
            // A reordered body's facts go in in the order the planned joins would find them.
            let sorted = match &v.planned {
                Some(planned) if at.len() > 1 => {
                    Some(order::planned_order(&at, &found.premises, planned))
                }
                _ => None,
            };
            for i in 0..at.len() {
                let k = sorted.as_ref().map_or(i, |s| s[i]);
                let (rel, rule, _) = found.facts[k];
                let store = &mut model.stores[rel.0 as usize];
                let arity = store.arity;
                if store
                    .insert(&found.values[k * arity..(k + 1) * arity])
                    .is_some()
                {
                    let until = at.get(k + 1).copied().unwrap_or(found.premises.len());
                    model.provenance[rel.0 as usize].push_rule(rule, &found.premises[at[k]..until]);
                    *derived += 1;
                    *per_rule.entry(rule as usize).or_default() += 1;
                }
            }
            found.facts.clear();
            found.values.clear();
            found.premises.clear();
            if *derived > options.max_facts {
                return Err(limit_diag(program, &per_rule, options.max_facts));
            }
            if interrupted() {
                return Err(interrupted_diag());
            }
        }
        first = false;
        // Everything derived in this round is new for the next one.
        let mut any = false;
        for (r, lo) in relations.iter().zip(before) {
            let hi = model.store(*r).len();
            any |= hi > lo;
            delta.insert(*r, (lo, hi));
        }
        for (r, d) in delta.iter_mut() {
            if !relations.contains(r) {
                let len = model.stores[r.0 as usize].len();
                *d = (len, len);
            }
        }
        if !any {
            return Ok(());
        }
        // Bring the indexes of this stratum's relations up to date with the new facts.
        for &(rel, mask) in &masks {
            if relations.contains(&rel) {
                model.stores[rel.0 as usize].ensure_index(mask);
            }
        }
    }
}

/// Runs one variant and collects the head facts not known yet.
fn fire(
    v: &Variant,
    ranges: &[(usize, usize)],
    model: &mut Model,
    found: &mut Found,
    errors: &mut Vec<EvalError>,
    options: &Options,
    derived: usize,
) {
    let budget = options.max_facts.saturating_sub(derived).saturating_add(1);
    let mut solver = Solver {
        stores: &model.stores,
        values: &mut model.values,
        errors,
        stop: false,
    };
    let mut env: Env = vec![None; v.vars];
    let mut tuple: Vec<values::Value> = Vec::with_capacity(v.head.args.len());
    let mut emit = |s: &mut Solver, env: &Env, premises: &[FactRef]| {
        tuple.clear();
        tuple.extend(v.head.args.iter().map(|t| match t {
            solve::CTerm::Var(x) => env[*x as usize].unwrap_or(values::Value(0)),
            solve::CTerm::Val(c) => *c,
            solve::CTerm::Anon => values::Value(0),
        }));
        // Facts already known need no new provenance; most repeats stop here, unallocated.
        if s.stores[v.head.rel.0 as usize].find(&tuple).is_some() {
            return;
        }
        // Premises are kept in the order the rule writes its positive atoms, whatever order
        // the join ran in, so explanations can pair them with the rule's atoms.
        let at = found.premises.len();
        found.premises.extend_from_slice(premises);
        let ordered = &mut found.premises[at..];
        for (k, p) in premises.iter().enumerate() {
            if let Some(slot) = v.written.get(k).and_then(|w| ordered.get_mut(*w)) {
                *slot = *p;
            }
        }
        found.values.extend_from_slice(&tuple);
        found.facts.push((v.head.rel, v.rule as u32, at as u32));
        // A runaway rule is stopped here rather than after it fills memory.
        if found.facts.len() > budget {
            s.stop = true;
        }
    };
    solver.solve_compiled(&v.body, ranges, &mut env, &mut Vec::new(), &mut emit);
}

fn limit_diag(program: &Program, per_rule: &FxHashMap<usize, usize>, max: usize) -> Diag {
    // The rule that derived most, among those written somewhere: the language's own rule (a
    // threat against a pact reaches its members) has no line to point at.
    let written = |r: &usize| {
        program
            .rules
            .get(*r)
            .is_some_and(|r| r.origin != Origin::Language)
    };
    let worst = per_rule
        .iter()
        .filter(|(r, _)| written(r))
        .max_by_key(|(r, n)| (**n, std::cmp::Reverse(**r)))
        .map(|(r, _)| *r);
    let mut d = Diag::error(
        Code::FactLimit,
        format!(
            "evaluation stopped after deriving more than {} facts",
            thousands(max)
        ),
    );
    if let Some(rule) = worst.and_then(|r| program.rules.get(r)) {
        d = d.label(rule.span, "this rule kept deriving new facts");
    } else if let Some(threat) = program
        .theory
        .threatens_all
        .and_then(|rel| program.facts.iter().find(|f| f.rel == rel))
    {
        d = d.label(
            threat.span,
            "a threat against a group reaches each of its members, one fact each",
        );
    }
    d.help("a rule that computes new numbers from its own results (such as `n(x) if n(y), x = y + 1`) never ends; if the world is simply large, raise the limit with `--max-facts N`")
}

fn eval_diags(errors: Vec<EvalError>) -> Vec<Diag> {
    let mut seen: Vec<Span> = Vec::new();
    let mut out = Vec::new();
    for (span, err) in errors {
        if seen.contains(&span) {
            continue;
        }
        seen.push(span);
        out.push(match err {
            ArithError::Units(a, b) => Diag::error(
                Code::UnitMismatch,
                format!("{} and {} do not go together here", units::describe(a), units::describe(b)),
            )
            .label(span, "found while evaluating")
            .help("money adds to money, percentages to percentages; compare like with like"),
            ArithError::NotNumber => Diag::error(Code::UnitMismatch, "arithmetic on something that is not a number")
                .label(span, "not a number here")
                .help("only numbers (`2.5`, `4.2T`, `2%`) can be added, compared by size or summed"),
            ArithError::DivisionByZero => Diag::error(Code::DivisionByZero, "division by zero")
                .label(span, "divides by zero for some facts")
                .help("a figure this expression divides by is 0 for some facts; check the data, or add a condition before dividing that the divisor is above 0"),
            ArithError::Overflow => Diag::error(Code::NumberRange, "a result too large to hold exactly")
                .label(span, "the result overflows")
                .help("numbers hold up to 28 significant digits"),
        });
    }
    out
}
