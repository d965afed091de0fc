//! The checker: from syntax trees to a [`Program`] with every name resolved, or to the full
//! list of what is wrong. Each check is a small function that pushes diagnostics; none stops
//! the others, so a file's mistakes are all reported in one run.

mod atoms;
mod attrs;
mod load;
mod names;
pub(crate) mod partial;
mod piece;
mod rules;
mod safety;
mod scenario;
mod strata;
mod warnings;
mod world;

use indexmap::{IndexMap, IndexSet};

use crate::diag::{self, Code, Diag};
use crate::host::{Host, HostError, NoFiles, Resolved};
use crate::program::{Const, Fact, Origin, Program, RelId, RelKind, Relation, Years};
use crate::source::{FileId, Sources, Span, Spanned, Sym};
use crate::syntax::ast::{File, Stmt, Unit};
use crate::theory::{self, rels, Theory};

pub use load::decode;
pub use names::suggest;
pub use piece::Added;

/// The standard theory, shipped in the binary.
pub const PRELUDE: &str = include_str!("../prelude.alliance");

/// The result of checking: the program (usable when `diags` has no errors), the sources the
/// diagnostics point into, and every diagnostic, sorted by place.
#[derive(Clone, Debug)]
pub struct Checked {
    pub program: Program,
    pub sources: Sources,
    pub diags: Vec<Diag>,
    /// The parsed files, in reading order (the prelude excluded).
    pub files: Vec<(FileId, File)>,
    /// What the checker knew at the end, for questions asked of this world later.
    context: Context,
    /// The diagnostics of reading and parsing the files (before checking), kept so that the
    /// world can be checked again without reading or parsing them again
    /// ([`Checked::with_piece`]).
    read_diags: Vec<Diag>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        diag::has_errors(&self.diags)
    }

    /// Checks `text` (named `name`) as questions asked of this world, without checking the
    /// world again: what makes a REPL question on a large world answer at once. The program
    /// gains the questions' asks and scenarios, and the sources their text, until
    /// [`Checked::forget`]. `None` (and the world unchanged) when the text states anything
    /// but queries, `why`, expectations and `if` scenarios, or when its questions need a
    /// relation the world lacks: check the world whole then.
    pub fn ask(&mut self, name: &str, text: &str) -> Option<Asked> {
        let mark = Asked {
            file: FileId(self.sources.len() as u32),
            diags: Vec::new(),
            sources: self.sources.len(),
            asks: self.program.asks.len(),
            scenarios: self.program.scenarios.len(),
            displays: self.program.added_displays.len(),
        };
        let (relations, facts, rules) = (
            self.program.relations.len(),
            self.program.facts.len(),
            self.program.rules.len(),
        );
        let id = self.sources.add(name, text);
        let (file, mut diags) = crate::syntax::parse_file(text, id);
        let questions = file
            .stmts
            .iter()
            .all(|s| matches!(s.node, Stmt::Ask(_) | Stmt::If { .. }));
        if !questions {
            self.sources.truncate(mark.sources);
            return None;
        }
        let mut ctx = Ctx::resume(std::mem::take(&mut self.program), self.context.clone());
        ctx.check_statements(&[(id, &file)]);
        self.program = ctx.program;
        let same_world = self.program.relations.len() == relations
            && self.program.facts.len() == facts
            && self.program.rules.len() == rules;
        if !same_world {
            self.program.relations.truncate(relations);
            self.program.relation_ids.truncate(relations);
            self.program.facts.truncate(facts);
            self.program.rules.truncate(rules);
            self.forget(mark);
            return None;
        }
        diags.append(&mut ctx.diags);
        diag::sort(&mut diags);
        Some(Asked { diags, ..mark })
    }

    /// Reads the world as of `year`, whatever its file says (`--as-of`, `:as-of`); the
    /// warning that nothing is in force today no longer applies.
    pub fn read_as_of(&mut self, year: i32) {
        self.program.as_of = Some(year);
        self.diags.retain(|d| d.code != Code::NothingInForce);
    }

    /// This world checked again with one more piece of text (named `name`), its files already
    /// parsed, not read or parsed again: what a statement typed at the REPL costs. The same as
    /// [`check_parts`] of the world's parts and the new piece.
    pub fn with_piece(&self, name: &str, text: &str) -> Checked {
        let mut sources = self.sources.clone();
        let mut files = self.files.clone();
        let id = sources.add(name, text);
        let (file, parse_diags) = crate::syntax::parse_file(text, id);
        files.push((id, file));
        let mut read_diags = self.read_diags.clone();
        read_diags.extend(parse_diags);
        checked_world(sources, files, read_diags)
    }

    /// Takes back the questions [`Checked::ask`] added.
    pub fn forget(&mut self, asked: Asked) {
        self.sources.truncate(asked.sources);
        self.program.asks.truncate(asked.asks);
        self.program.scenarios.truncate(asked.scenarios);
        self.program.added_displays.truncate(asked.displays);
    }
}

/// Questions checked against a world by [`Checked::ask`]: the piece they were read as, what
/// checking them found, and how to take them back.
#[derive(Debug)]
pub struct Asked {
    pub file: FileId,
    pub diags: Vec<Diag>,
    sources: usize,
    asks: usize,
    scenarios: usize,
    displays: usize,
}

/// Reads, parses and checks the file `path` (as the user named it) with everything it
/// imports, all read through `host`.
pub fn check_file(host: &dyn Host, path: &str) -> Checked {
    check_file_with(host, path, None)
}

/// Like [`check_file`], with one more piece of text (named `extra.0`) read after the file as
/// if it were part of it: how `alliance why FILE ATOM` asks about a world.
pub fn check_file_with(host: &dyn Host, path: &str, extra: Option<(&str, &str)>) -> Checked {
    let mut sources = prelude_sources();
    match host
        .resolve(None, path)
        .and_then(|f| Ok((host.read(&f)?, f)))
    {
        Ok((bytes, file)) => {
            let (id, bad) = decode(bytes, &file.name, &mut sources);
            if let Some(bad) = bad {
                // Parsing the damaged text would only add errors about replacement characters.
                return Checked {
                    program: Program::default(),
                    sources,
                    diags: vec![bad.clone()],
                    files: Vec::new(),
                    context: Context::default(),
                    read_diags: vec![bad],
                };
            }
            check_loaded(host, id, Some(&file), sources, extra)
        }
        Err(err) => {
            let mut checked = check_source(path, "");
            checked
                .diags
                .push(unreadable(path, err, "where the command runs"));
            checked
        }
    }
}

/// The diagnostic for a file the user named that cannot be read. (The host's help speaks of
/// imports, so it is left out, unless it names the file probably meant.)
fn unreadable(path: &str, err: HostError, relative_to: &str) -> Diag {
    let help = match err.help {
        Some(meant) if meant.starts_with("did you mean") => meant,
        _ => format!("check the file's name and folder; paths are relative to {relative_to}"),
    };
    Diag::error(
        Code::FileUnreadable,
        format!("cannot read `{path}`: {}", err.label),
    )
    .help(help)
}

/// Checks a script given as text, on its own: it cannot import files.
pub fn check_source(name: &str, text: &str) -> Checked {
    check_text(&NoFiles, name, text)
}

/// Checks a script given as text, its imports read through `host` (relative to `name`).
pub fn check_text(host: &dyn Host, name: &str, text: &str) -> Checked {
    let mut sources = prelude_sources();
    let id = sources.add(name, text);
    let file = Resolved {
        name: name.to_string(),
        key: name.to_string(),
    };
    check_loaded(host, id, Some(&file), sources, None)
}

/// One piece of a world put together from several sources, as the REPL does: a file read
/// through the host (with its imports), or text typed or generated.
#[derive(Clone, Debug)]
pub enum Part {
    File(String),
    Text { name: String, text: String },
}

/// Checks several pieces as one program, in order (the first may begin with `no prelude`).
/// Diagnostics point into each piece under its own name.
pub fn check_parts(host: &dyn Host, parts: &[Part]) -> Checked {
    let mut sources = prelude_sources();
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for part in parts {
        match part {
            Part::File(path) => match host
                .resolve(None, path)
                .and_then(|f| Ok((host.read(&f)?, f)))
            {
                Ok((bytes, file)) => {
                    let (id, bad) = decode(bytes, &file.name, &mut sources);
                    if let Some(bad) = bad {
                        diags.push(bad);
                        continue;
                    }
                    let mut loaded = load::load_text(host, id, Some(&file), &mut sources);
                    files.append(&mut loaded.files);
                    diags.append(&mut loaded.diags);
                }
                Err(err) => diags.push(unreadable(path, err, "where alliance was started")),
            },
            Part::Text { name, text } => {
                let id = sources.add(name.clone(), text.as_str());
                let (file, parse_diags) = crate::syntax::parse_file(text, id);
                files.push((id, file));
                diags.extend(parse_diags);
            }
        }
    }
    checked_world(sources, files, diags)
}

/// Checks files read and parsed (with the diagnostics of reading and parsing them) against
/// the prelude.
fn checked_world(sources: Sources, files: Vec<(FileId, File)>, read_diags: Vec<Diag>) -> Checked {
    let mut diags = read_diags.clone();
    let (prelude_file, prelude_diags) = crate::syntax::parse_file(PRELUDE, FileId(0));
    diags.extend(prelude_diags);
    let (program, context) = check_world(&prelude_file, &files, &mut diags);
    diag::sort(&mut diags);
    Checked {
        program,
        sources,
        diags,
        files,
        context,
        read_diags,
    }
}

fn prelude_sources() -> Sources {
    let mut sources = Sources::default();
    sources.add("prelude.alliance", PRELUDE);
    sources
}

fn check_loaded(
    host: &dyn Host,
    id: FileId,
    file: Option<&Resolved>,
    mut sources: Sources,
    extra: Option<(&str, &str)>,
) -> Checked {
    let mut loaded = load::load_text(host, id, file, &mut sources);
    if let Some((name, text)) = extra {
        let extra_id = sources.add(name, text);
        let (file, diags) = crate::syntax::parse_file(text, extra_id);
        loaded.diags.extend(diags);
        loaded.files.push((extra_id, file));
    }
    let (prelude_file, prelude_diags) = crate::syntax::parse_file(PRELUDE, FileId(0));
    let read_diags = loaded.diags.clone();
    let mut diags = std::mem::take(&mut loaded.diags);
    diags.extend(prelude_diags);
    let parse_failed = diag::has_errors(&diags);
    let (program, context) = check_world(&prelude_file, &loaded.files, &mut diags);
    if parse_failed {
        // Statements that did not parse may well mention the states that now look unused, or
        // give the GDP that now looks missing (`state US "U\S" { gdp: 27T }`), a region, or
        // the years that put something in force today.
        diags.retain(|d| {
            !matches!(
                d.code,
                Code::UnusedState | Code::MissingGdp | Code::NothingInForce | Code::NoRegion
            )
        });
    }
    diag::sort(&mut diags);
    Checked {
        program,
        sources,
        diags,
        files: loaded.files,
        context,
        read_diags,
    }
}

/// Checks parsed files (the first is the one given on the command line) against the prelude.
pub fn check_files(prelude: &File, files: &[(FileId, File)], diags: &mut Vec<Diag>) -> Program {
    check_world(prelude, files, diags).0
}

/// [`check_files`], with what the checker knew at the end.
fn check_world(
    prelude: &File,
    files: &[(FileId, File)],
    diags: &mut Vec<Diag>,
) -> (Program, Context) {
    let use_prelude = !starts_with_no_prelude(files);
    let mut ctx = Ctx::new();
    if use_prelude {
        ctx.origin = Origin::Prelude;
        ctx.check_statements(&[(FileId(0), prelude)]);
        ctx.origin = Origin::Script;
    }
    ctx.params = ctx.program.facts.iter().map(|f| f.rel).collect();
    ctx.names = names::Names::default();
    let refs: Vec<(FileId, &File)> = files.iter().map(|(id, f)| (*id, f)).collect();
    ctx.check_statements(&refs);
    misplaced_no_prelude(files, &mut ctx.diags);
    ctx.program.as_of = as_of(files, &mut ctx.diags);
    if !ctx.state_years.is_empty() {
        let against = Theory::resolve(&ctx.program);
        let mut facts = std::mem::take(&mut ctx.program.facts);
        for fact in &mut facts {
            ctx.date_by_states(fact, &against);
        }
        ctx.program.facts = facts;
        let mut scenarios = std::mem::take(&mut ctx.program.scenarios);
        for scenario in &mut scenarios {
            for (change, _) in &mut scenario.changes {
                if let crate::program::Change::Add { facts, .. } = change {
                    facts
                        .iter_mut()
                        .for_each(|f| ctx.date_by_states(f, &against));
                }
            }
        }
        ctx.program.scenarios = scenarios;
    }
    ctx.program.builtins = theory::computed(&ctx.program);
    ctx.program.strata = strata::stratify(&ctx.program, &mut ctx.diags);
    let found = warnings::on_commitments(&ctx, &refs, use_prelude, &warnings::Pass::ALL);
    ctx.diags.extend(found);
    warnings::unused_states(&mut ctx, &refs);
    warnings::attribute_spelling(&mut ctx);
    ctx.program.prelude = use_prelude;
    ctx.program.theory = Theory::resolve(&ctx.program);
    if use_prelude {
        ctx.diags.extend(theory::missing(&ctx.program));
    }
    diags.append(&mut ctx.diags);
    ctx.finish()
}

fn starts_with_no_prelude(files: &[(FileId, File)]) -> bool {
    files
        .first()
        .and_then(|(_, f)| f.stmts.first())
        .is_some_and(|s| s.node == Stmt::NoPrelude)
}

/// The year of the main file's `as of`. It belongs to the file run: in an imported file, or
/// a second time, it is an error.
fn as_of(files: &[(FileId, File)], diags: &mut Vec<Diag>) -> Option<i32> {
    let mut found: Option<Spanned<i32>> = None;
    for (index, (_, file)) in files.iter().enumerate() {
        for stmt in &file.stmts {
            let Stmt::AsOf(year) = &stmt.node else {
                continue;
            };
            if index > 0 {
                diags.push(
                    Diag::error(Code::MisplacedAsOf, "`as of` in an imported file")
                        .label(stmt.span, "an imported file describes the world; the year is chosen by the file that is run")
                        .help("move `as of` to the file you run, or give `--as-of YEAR` on the command line"),
                );
            } else if let Some(first) = found {
                diags.push(
                    Diag::error(Code::MisplacedAsOf, "`as of` is given twice")
                        .label(stmt.span, "given again here")
                        .label(first.span, "first given here")
                        .help("a file is read as of one year; to compare two years, use a scenario: `if as of 1991 then ...`"),
                );
            } else {
                found = Some(*year);
            }
        }
    }
    found.map(|y| y.node)
}

fn misplaced_no_prelude(files: &[(FileId, File)], diags: &mut Vec<Diag>) {
    for (index, (_, file)) in files.iter().enumerate() {
        for (i, stmt) in file.stmts.iter().enumerate() {
            if stmt.node == Stmt::NoPrelude && (index > 0 || i > 0) {
                diags.push(
                    Diag::error(Code::MisplacedNoPrelude, "`no prelude` must come first")
                        .label(stmt.span, "too late to switch the standard theory off here")
                        .help("make `no prelude` the first statement of the file you run (comments may precede it)"),
                );
            }
        }
    }
}

/// The declared type of an attribute key: fixed for the known keys, set by first use for others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrType {
    Bool,
    Number(Unit),
    Name,
    Str,
}

impl AttrType {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            AttrType::Bool => "`yes` or `no`",
            AttrType::Number(Unit::Money) => "money (like `4.2T`)",
            AttrType::Number(Unit::Percent) => "a percentage (like `2%`)",
            AttrType::Number(Unit::Plain) => "a plain number",
            AttrType::Name => "a name (like `Asia`)",
            AttrType::Str => "a string",
        }
    }
}

/// Treaties, partnerships and troop deployments stated so far, by kind and parties, each with
/// where and in which years it was stated.
pub(crate) type Commitments = IndexMap<(&'static str, Sym, Sym), Vec<(Span, Years)>>;

/// The checker's working state, shared by the passes in this module's files.
pub(crate) struct Ctx {
    pub program: Program,
    pub diags: Vec<Diag>,
    pub names: names::Names,
    pub origin: Origin,
    /// Attribute keys and their types, with where each type was fixed.
    pub attr_types: IndexMap<Sym, (AttrType, Option<Span>)>,
    /// Relations the prelude gives a default fact (thresholds that `set` may change).
    pub params: IndexSet<RelId>,
    /// Statements of `set NAME = VALUE` seen so far, to report a second one.
    pub sets: IndexMap<RelId, Span>,
    /// The unit of each relation's columns, where known.
    pub column_units: IndexMap<(RelId, usize), Unit>,
    /// States mentioned anywhere other than their own declaration.
    pub used: IndexSet<Sym>,
    /// Treaties, partnerships and troop deployments stated so far, to report one stated twice.
    pub commitments: Commitments,
    /// The years of each state declared with `from` or `until`: facts that name it hold
    /// only within them.
    pub state_years: IndexMap<Sym, Years>,
    /// Whether declarations are being read as a scenario's `add` (which may replace).
    pub in_scenario: bool,
    /// Attribute keys of the script's own (not the standard ones), where each is used.
    pub own_keys: IndexMap<Sym, Vec<Span>>,
}

/// What the checker knows about a world apart from its program: the names, types and units
/// it has seen. Kept with a [`Checked`] world, so questions asked of it later
/// ([`Checked::ask`]) are checked as if they had been part of it.
#[derive(Clone, Debug, Default)]
struct Context {
    names: names::Names,
    attr_types: IndexMap<Sym, (AttrType, Option<Span>)>,
    params: IndexSet<RelId>,
    sets: IndexMap<RelId, Span>,
    column_units: IndexMap<(RelId, usize), Unit>,
    used: IndexSet<Sym>,
    commitments: Commitments,
    state_years: IndexMap<Sym, Years>,
    own_keys: IndexMap<Sym, Vec<Span>>,
}

/// Attribute keys whose type the language fixes.
pub(crate) const KNOWN_ATTRS: &[(&str, AttrType)] = &[
    (rels::GDP, AttrType::Number(Unit::Money)),
    (rels::NUCLEAR, AttrType::Bool),
    (rels::SPENDING, AttrType::Number(Unit::Percent)),
    (rels::SPENDING_TARGET, AttrType::Number(Unit::Percent)),
    (rels::REGION, AttrType::Name),
    (rels::FORCES, AttrType::Number(Unit::Plain)),
];

impl Ctx {
    fn new() -> Ctx {
        let mut ctx = Ctx {
            program: Program {
                interner: crate::interner::Interner::current(),
                ..Program::default()
            },
            diags: Vec::new(),
            names: names::Names::default(),
            origin: Origin::Script,
            attr_types: IndexMap::new(),
            params: IndexSet::new(),
            sets: IndexMap::new(),
            column_units: IndexMap::new(),
            used: IndexSet::new(),
            commitments: IndexMap::new(),
            state_years: IndexMap::new(),
            in_scenario: false,
            own_keys: IndexMap::new(),
        };
        for spec in theory::base() {
            ctx.register(Sym::new(spec.name), spec.arity, RelKind::Base, None);
        }
        for spec in theory::builtins() {
            ctx.register(Sym::new(spec.name), spec.arity, RelKind::Builtin, None);
        }
        for (key, ty) in KNOWN_ATTRS {
            ctx.attr_types.insert(Sym::new(key), (*ty, None));
        }
        let troops = ctx.program.relation(rels::TROOPS);
        let gdp = ctx.program.relation(rels::GDP);
        let spending = ctx.program.relation(rels::SPENDING);
        let target = ctx.program.relation(rels::SPENDING_TARGET);
        let forces = ctx.program.relation(rels::FORCES);
        for (rel, col, unit) in [
            (troops, 2, Unit::Plain),
            (gdp, 1, Unit::Money),
            (spending, 1, Unit::Percent),
            (target, 1, Unit::Percent),
            (forces, 1, Unit::Plain),
        ] {
            if let Some(rel) = rel {
                ctx.column_units.insert((rel, col), unit);
            }
        }
        // A threat against a pact, group or bloc reaches its members in each world, so a
        // state that leaves the pact in a scenario is no longer threatened through it.
        ctx.language_rules();
        ctx
    }

    /// Registers a relation, or finds it; a different arity is a diagnostic.
    pub fn register(
        &mut self,
        name: Sym,
        arity: usize,
        kind: RelKind,
        span: Option<Span>,
    ) -> Option<RelId> {
        if let Some(&id) = self.program.relation_ids.get(&name) {
            let known = self.program.rel(id).clone();
            if known.arity != arity {
                let mut d = Diag::error(
                    Code::WrongArity,
                    format!(
                        "`{name}` takes {} here, but {} elsewhere",
                        args(arity),
                        args(known.arity)
                    ),
                );
                if let Some(s) = span {
                    d = d.label(s, format!("{} here", args(arity)));
                }
                match known.span {
                    Some(first) if first.file != FileId(0) => {
                        d = d.label(first, format!("{} here", args(known.arity)))
                    }
                    Some(_) => {
                        d = d.help(format!(
                            "the standard theory defines `{name}` with {}",
                            args(known.arity)
                        ))
                    }
                    None => d = d.help(format!("`{name}` is built in with {}", args(known.arity))),
                }
                self.diags.push(d);
                return None;
            }
            let rel = &mut self.program.relations[id.0 as usize];
            if rel.kind == RelKind::Derived && kind == RelKind::Base {
                rel.kind = RelKind::Base;
            }
            if rel.span.is_none() {
                rel.span = span;
            }
            return Some(id);
        }
        let id = RelId(self.program.relations.len() as u32);
        self.program.relations.push(Relation {
            name,
            arity,
            kind,
            span,
        });
        self.program.relation_ids.insert(name, id);
        Some(id)
    }

    pub fn add_fact(&mut self, rel: Option<RelId>, args: Vec<Const>, span: Span) {
        self.add_dated_fact(rel, args, span, Years::ALWAYS);
    }

    pub fn add_dated_fact(
        &mut self,
        rel: Option<RelId>,
        args: Vec<Const>,
        span: Span,
        years: Years,
    ) {
        if let Some(rel) = rel {
            self.program.facts.push(Fact {
                rel,
                args,
                span,
                origin: self.origin,
                years,
            });
        }
    }

    /// A fact that names a state holds only in the state's years (`state WestGermany from
    /// 1955 until 1990`): what makes a state that does not exist as of a year have no facts
    /// and no commitments.
    fn date_by_states(&self, fact: &mut Fact, theory: &Theory) {
        // The state a duty is limited to (`against France`) is a condition, not a party: the
        // duty holds while its parties do, whether or not France exists yet.
        let mut years = fact.years;
        for arg in theory.parties(fact) {
            if let Const::Sym(s) = arg {
                if let Some(y) = self.state_years.get(s) {
                    years = years.meet(*y);
                }
            }
        }
        fact.years = years;
    }

    /// A checker that goes on from a finished world: its program and what it knew.
    fn resume(program: Program, context: Context) -> Ctx {
        Ctx {
            program,
            diags: Vec::new(),
            names: context.names,
            origin: Origin::Script,
            attr_types: context.attr_types,
            params: context.params,
            sets: context.sets,
            column_units: context.column_units,
            used: context.used,
            commitments: context.commitments,
            state_years: context.state_years,
            in_scenario: false,
            own_keys: context.own_keys,
        }
    }

    /// The program, and what the checker knew, once every pass has run.
    fn finish(self) -> (Program, Context) {
        let context = Context {
            names: self.names,
            attr_types: self.attr_types,
            params: self.params,
            sets: self.sets,
            column_units: self.column_units,
            used: self.used,
            commitments: self.commitments,
            state_years: self.state_years,
            own_keys: self.own_keys,
        };
        (self.program, context)
    }

    fn check_statements(&mut self, files: &[(FileId, &File)]) {
        // Names first, so that statements may use names declared further down.
        for (_, file) in files {
            for stmt in &file.stmts {
                self.declare(stmt);
            }
        }
        for (_, file) in files {
            for stmt in &file.stmts {
                self.register_heads(stmt);
            }
        }
        for (_, file) in files {
            for stmt in file.stmts.iter().filter(|s| !is_scenario(s)) {
                self.statement(stmt);
            }
        }
        // Scenarios last: their changes are checked against the whole declared world.
        for (_, file) in files {
            for stmt in file.stmts.iter().filter(|s| is_scenario(s)) {
                self.scenario(stmt);
            }
        }
    }

    /// Relations defined by `fact`s and rule heads are known before any body is checked.
    fn register_heads(&mut self, stmt: &Spanned<Stmt>) {
        let (atom, kind) = match &stmt.node {
            Stmt::Fact(atom) => (atom, RelKind::Base),
            Stmt::Rule { head, body } => (
                head,
                if body.is_empty() {
                    RelKind::Base
                } else {
                    RelKind::Derived
                },
            ),
            _ => return,
        };
        let id = self.register(atom.rel.node, atom.args.len(), kind, Some(atom.rel.span));
        if let Some(id) = id {
            if self.program.rel(id).kind == RelKind::Builtin {
                self.diags.push(
                    Diag::error(Code::BuiltinRelation, format!("`{}` is computed by the engine", atom.rel.node))
                        .label(atom.rel.span, "cannot be stated or defined by a rule")
                        .help("hub and spoke come from the network of `allied`; use them in conditions, or define a relation of your own with another name"),
                );
            }
        }
    }

    fn statement(&mut self, stmt: &Spanned<Stmt>) {
        match &stmt.node {
            Stmt::NoPrelude | Stmt::Import(_) => {}
            Stmt::Rule { head, body } => self.rule(head, body, stmt.span),
            Stmt::Ask(ask) => {
                if let Some(ask) = self.ask(ask, stmt.span, None) {
                    self.program.asks.push((ask, stmt.span));
                }
            }
            Stmt::SetParam { name, value } => self.set_param(name, value, stmt.span),
            Stmt::Scenario { .. } | Stmt::If { .. } => {}
            Stmt::AsOf(_) => {}
            _ => {
                let facts = self.declaration(stmt);
                for (rel, args, span, years) in facts {
                    self.add_dated_fact(Some(rel), args, span, years);
                }
            }
        }
    }
}

fn is_scenario(stmt: &Spanned<Stmt>) -> bool {
    matches!(stmt.node, Stmt::Scenario { .. } | Stmt::If { .. })
}

fn args(n: usize) -> String {
    match n {
        1 => "1 argument".into(),
        n => format!("{n} arguments"),
    }
}

/// Percentages above 100 make no sense for any attribute or value in this language.
pub(crate) fn check_percentage(value: &Spanned<crate::syntax::ast::Value>, diags: &mut Vec<Diag>) {
    if let crate::syntax::ast::Value::Number(n) = &value.node {
        if n.unit == Unit::Percent && n.value > rust_decimal::Decimal::ONE_HUNDRED {
            diags.push(
                Diag::error(Code::PercentageRange, "a percentage above 100")
                    .label(value.span, "more than 100%")
                    .help("percentages here are shares of a whole, such as spending as a share of GDP: write a value from 0% to 100%"),
            );
        }
    }
}
