//! A session: the world a user builds one entry at a time (a statement, a question or a
//! `:command`), as the REPL, the browser page and an editor drive it. [`Session::line`] returns
//! [`Output`], data that each front end draws its own way; files come from the session's
//! [`Host`]. It knows nothing of terminals, so it is tested as plain data.
//!
//! The world is every loaded file and every statement entered so far, checked together as one
//! program on each entry. An entry with an error changes nothing; questions (`?`, `expect`,
//! `if ... then`) are answered at once and kept only for `:list` and `:save`.

mod commands;
mod complete;
mod describe;
mod json;
mod output;

use std::sync::Arc;

use crate::check::{check_parts, Checked, Part};
use crate::diag::{self, Code, Diag};
use crate::eval::{evaluate, Model, Options};
use crate::host::Host;
use crate::interner::Interner;
use crate::run::{answer_checked, AskOutcome};
use crate::source::{FileId, Span, Spanned};
use crate::syntax::ast::Stmt;

pub use complete::{complete, is_complete, Vocabulary, COMMANDS};
pub use json::outcome_json;
pub use output::{outcome_text, Output, Reply};

/// The prompt of the first line of an entry.
pub const PROMPT: &str = "alliance> ";
/// The prompt of each further line of an entry (as wide as [`PROMPT`]).
pub const CONTINUATION: &str = "      ... ";
/// The most facts rules may derive at the prompt: a rule that never stops is reported within
/// a second or so, not after the ten million `alliance run` allows.
pub const MAX_FACTS: usize = 1_000_000;

/// One thing the session holds, in the order it was entered.
#[derive(Clone, Debug)]
enum Item {
    /// A file loaded with `:load` (or given on the command line): the text of it and of
    /// everything it imports, read once, so the world changes only when asked to (`:reload`).
    File { path: String, parts: Vec<Part> },
    /// Statements that extend the world, as typed.
    Statement { name: String, text: String },
    /// A question asked (or a comment typed): kept for `:list` and `:save` only.
    Question { text: String },
}

/// An interactive session: the world so far and everything needed to answer in it.
pub struct Session {
    items: Vec<Item>,
    /// Where files are read and written.
    host: Arc<dyn Host>,
    /// The files the session started with, for `:reset`.
    start: Vec<String>,
    /// How many items loading those files made: `:undo` never goes below them, since the
    /// files given at start-up are the lesson, not an entry to take back.
    fixed: usize,
    /// The world, checked: every file and statement, no typed question.
    world: Arc<Checked>,
    /// The evaluated world, kept until a statement changes it.
    model: Option<Model>,
    /// Whether `model` is the world evaluated from scratch, rather than extended with the
    /// facts of declarations since ([`Model::extend`]): the same facts, but not in the same
    /// order or with the same first derivations, so it is evaluated again before it answers.
    exact: bool,
    /// Whether a declaration is added to the checked and evaluated world rather than the
    /// world checked and evaluated again ([`Session::set_incremental`]).
    incremental: bool,
    /// Entries read so far, to name each `<repl:N>`.
    inputs: usize,
    options: Options,
    /// What loading the first files said, until [`Session::take_messages`].
    messages: Output,
    /// Files this session has written with `:save`, which it may write again without `!`.
    saved: Vec<String>,
    /// The year the world is read as of, given with `:as-of` or `--as-of`: it overrides the
    /// files' own `as of`.
    as_of: Option<i32>,
    /// The year given when the session started (`--as-of`), which `:reset` returns to.
    start_as_of: Option<i32>,
    /// The names first seen in this session ([`crate::interner`]): every question with a
    /// new name or typo adds one, so when it has outgrown the `live` names the world needed
    /// the world is checked again in a fresh table, and the old one, with the names nothing
    /// keeps, is freed.
    interner: Interner,
    live: usize,
}

impl Session {
    /// A session with `files` (read through `host`) loaded; a file with errors is reported
    /// and left out.
    pub fn new(host: Arc<dyn Host>, files: &[String]) -> Session {
        Session::with_max_facts(host, files, MAX_FACTS)
    }

    /// A session whose rules may derive at most `max_facts` facts (`--max-facts`).
    pub fn with_max_facts(host: Arc<dyn Host>, files: &[String], max_facts: usize) -> Session {
        Session::starting(host, files, max_facts, None)
    }

    /// A session read as of `as_of` from the start (`--as-of`), so that loading its files
    /// already reads them in that year (a file whose commitments have all ended by today gets
    /// no warning that nothing is in force).
    pub fn starting(
        host: Arc<dyn Host>,
        files: &[String],
        max_facts: usize,
        as_of: Option<i32>,
    ) -> Session {
        let interner = Interner::new();
        let entered = interner.enter();
        let world = Arc::new(check_parts(host.as_ref(), &[]));
        let mut session = Session {
            items: Vec::new(),
            host,
            start: files.to_vec(),
            fixed: 0,
            world,
            model: None,
            exact: false,
            incremental: true,
            inputs: 0,
            options: Options {
                max_facts,
                ..Options::default()
            },
            messages: Output::default(),
            saved: Vec::new(),
            as_of,
            start_as_of: as_of,
            interner: interner.clone(),
            live: 0,
        };
        for file in files {
            let out = session.load(file);
            session.messages.append(out);
        }
        session.fixed = session.items.len();
        session.live = session.interner.len();
        session.messages.interner = Some(interner);
        drop(entered);
        session
    }

    /// A session whose world is the file `path`, already checked with no error (`checked`, as
    /// [`crate::check::check_text`] gives it for an editor's buffer), so it is not read and
    /// checked again; it is evaluated when first asked. Read as of `as_of` when given. What a
    /// page does on each change of its editor.
    pub fn on_checked(
        host: Arc<dyn Host>,
        path: &str,
        mut checked: Checked,
        as_of: Option<i32>,
    ) -> Session {
        if let Some(year) = as_of {
            checked.read_as_of(year);
        }
        let parts = file_parts(&checked);
        // Names the page checked in a table of its own stay in it: the session goes on in
        // that table, so a name typed later is the same symbol as in the checked world.
        let interner = checked.program.interner.clone().unwrap_or_default();
        Session {
            live: interner.len(),
            interner,
            items: vec![Item::File {
                path: path.to_string(),
                parts,
            }],
            host,
            start: vec![path.to_string()],
            // The page's script is the lesson's world, as a file given at start-up is.
            fixed: 1,
            world: Arc::new(checked),
            model: None,
            exact: false,
            incremental: true,
            inputs: 0,
            options: Options {
                max_facts: MAX_FACTS,
                ..Options::default()
            },
            messages: Output::default(),
            saved: Vec::new(),
            as_of,
            start_as_of: as_of,
        }
    }

    /// Whether a statement that only declares (a state, a fact of the script's own relation)
    /// is added to the world as it stands, checked alone and evaluated from its new facts
    /// (on by default), or the world is checked and evaluated whole again, as for any other
    /// statement. Both give the same replies; off only to check exactly that.
    pub fn set_incremental(&mut self, on: bool) {
        self.incremental = on;
    }

    /// What loading the first files said (once).
    pub fn take_messages(&mut self) -> Output {
        std::mem::take(&mut self.messages)
    }

    /// The host the session reads and writes files through.
    pub fn host(&self) -> &dyn Host {
        self.host.as_ref()
    }

    /// The names, relations and scenarios of the world, for completion.
    pub fn vocabulary(&self) -> Vocabulary {
        Vocabulary::of(&self.world)
    }

    /// Completion candidates for `line` with the cursor at byte `pos`: where the replaced word
    /// starts, and the candidates.
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        complete(&self.vocabulary(), self.host.as_ref(), line, pos)
    }

    /// How many names the session's own table holds (see [`crate::interner`]): what its
    /// memory grows with, bounded by renewing the table.
    pub fn names_held(&self) -> usize {
        self.interner.len()
    }

    /// Takes one entry (one or more lines, as [`is_complete`] grouped them).
    pub fn line(&mut self, input: &str) -> Output {
        if self.interner.outgrown(self.live) {
            self.renew_names();
        }
        let _entered = self.interner.enter();
        let mut out = self.take(input);
        // The replies may hold names of this table: they keep it alive.
        out.interner = Some(self.interner.clone());
        out
    }

    /// The world checked and evaluated again in a fresh table of names, so the names only
    /// answered questions used are freed with the old one. Nothing changes if that fails
    /// (it cannot, as the same world was checked before, but the old table is kept then).
    fn renew_names(&mut self) {
        let fresh = Interner::new();
        let entered = fresh.enter();
        let before = (self.world.clone(), self.model.take(), self.exact);
        if self.rebuild().is_err() {
            (self.world, self.model, self.exact) = before;
            self.live = self.interner.len();
            return;
        }
        drop(entered);
        drop(before);
        self.live = fresh.len();
        self.interner = fresh;
    }

    fn take(&mut self, input: &str) -> Output {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Output::default();
        }
        if let Some(command) = trimmed.strip_prefix(':') {
            return self.command(command);
        }
        self.enter(input)
    }

    /// Every part of the world, files first, in the order they were loaded and typed.
    fn parts(&self) -> Vec<Part> {
        let mut parts: Vec<Part> = Vec::new();
        for item in &self.items {
            if let Item::File { parts: file, .. } = item {
                parts.extend(file.iter().cloned());
            }
        }
        for item in &self.items {
            if let Item::Statement { name, text } = item {
                parts.push(Part::Text {
                    name: name.clone(),
                    text: text.clone(),
                });
            }
        }
        parts
    }

    fn next_name(&mut self) -> String {
        self.inputs += 1;
        format!("<repl:{}>", self.inputs)
    }

    /// Checks the pieces of a world, read as of the session's year if it has one.
    fn check(&self, parts: &[Part]) -> Checked {
        let mut checked = check_parts(self.host.as_ref(), parts);
        if let Some(year) = self.as_of {
            checked.read_as_of(year);
        }
        checked
    }

    /// Reads the world as of `year` from now on (`None`: as its files say), as `--as-of`
    /// and `:as-of` do.
    pub fn set_as_of(&mut self, year: Option<i32>) -> Output {
        let _entered = self.interner.enter();
        let before = self.as_of;
        self.as_of = year;
        if let Err(out) = self.rebuild() {
            self.as_of = before;
            return out;
        }
        match (year, self.world.program.as_of) {
            (Some(y), _) => Output::say(format!("the world is now read as of {y}")),
            (None, Some(y)) => {
                Output::say(format!("the world is read as of {y}, as its file says"))
            }
            (None, None) => Output::say("the world is read as it stands today"),
        }
    }

    /// The world with one more piece of text: the checked program and the new piece's id. The
    /// world's pieces are not read or parsed again, only checked.
    fn check_with(&self, name: &str, text: &str) -> (Checked, FileId) {
        let mut checked = self.world.with_piece(name, text);
        if let Some(year) = self.as_of {
            checked.read_as_of(year);
        }
        let id = FileId(checked.sources.len().saturating_sub(1) as u32);
        (checked, id)
    }

    /// A statement or question typed at the prompt.
    fn enter(&mut self, input: &str) -> Output {
        // `as of 1955` typed at the prompt chooses the session's year, as `:as-of 1955` does
        // (in a file it belongs to the file that is run, which the session is not).
        let (typed, parse_diags) = crate::syntax::parse_file(input, FileId(0));
        if let ([stmt], true) = (typed.stmts.as_slice(), parse_diags.is_empty()) {
            if let Stmt::AsOf(year) = &stmt.node {
                return self.set_as_of(Some(year.node));
            }
        }
        let name = self.next_name();
        if let Some(out) = self.ask(&name, input) {
            return out;
        }
        if let Some(out) = self.declare(&name, input) {
            return out;
        }
        let (checked, id) = self.check_with(&name, input);
        if checked.has_errors() {
            // A rejected entry changes nothing: only the warnings about its own text are
            // worth reading (one elsewhere, a missing GDP of a misspelt name, is a follow-up).
            let mut out = self.errors(&checked);
            let own: Vec<Diag> = quiet_filtered(&checked.diags)
                .into_iter()
                .filter(|d| !self.world.diags.contains(d))
                .filter(|d| d.labels.first().is_some_and(|l| l.span.file == id))
                .collect();
            out.push_diags(own, &checked.sources);
            return out;
        }
        let warnings = self.new_warnings(&checked);
        let stmts = checked
            .files
            .last()
            .map(|(_, f)| f.stmts.clone())
            .unwrap_or_default();
        if let Some(import) = stmts.iter().find(|s| matches!(s.node, Stmt::Import(_))) {
            return self.typed_import(import, stmts.len(), &checked);
        }
        if stmts.iter().all(|s| is_question(&s.node)) {
            self.items.push(Item::Question {
                text: input.trim_end().to_string(),
            });
            return self.answer_questions(&checked, id, warnings);
        }
        self.extend(&name, input, &stmts, checked, warnings)
    }

    /// Questions alone, asked of the world as it stands: checked against the checked world
    /// (not the whole world again) and answered in its model, so a question on a large world
    /// answers at once. `None` when the entry is more than questions.
    fn ask(&mut self, name: &str, input: &str) -> Option<Output> {
        // The world is shared with replies still held (a report); one is copied only then.
        let asked = Arc::make_mut(&mut self.world).ask(name, input)?;
        let errors: Vec<Diag> = asked
            .diags
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        let mut warnings = Output::default();
        warnings.push_diags(quiet_filtered(&asked.diags), &self.world.sources);
        let out = if errors.is_empty() {
            self.items.push(Item::Question {
                text: input.trim_end().to_string(),
            });
            let options = self.options;
            match self.model() {
                Ok(_) => match self.model.as_mut() {
                    Some(model) => answer(&self.world, model, asked.file, &options, warnings),
                    None => warnings,
                },
                Err(shown) => shown,
            }
        } else {
            let mut out = Output::fail_diags(errors, &self.world.sources);
            out.append(warnings);
            out
        };
        Arc::make_mut(&mut self.world).forget(asked);
        Some(out)
    }

    /// Declarations alone, added to the world as it stands ([`Checked::add_declarations`])
    /// and to its model ([`Model::extend`]), so that each costs what it declares, not the
    /// size of the world. `None`, with the world as it was, when the entry is anything else,
    /// has an error or leads to one: the whole path says exactly what is wrong then.
    fn declare(&mut self, name: &str, input: &str) -> Option<Output> {
        if !self.incremental || self.model.as_ref()?.diags.iter().any(|d| d.is_error()) {
            return None;
        }
        let world = Arc::make_mut(&mut self.world);
        let added = world.add_declarations(name, input)?;
        let year = world.program.as_of;
        let facts: Vec<crate::program::Fact> = world.program.facts[added.facts..]
            .iter()
            .filter(|f| f.years.holds(year))
            .cloned()
            .collect();
        let extended = self
            .model
            .as_mut()
            .is_some_and(|model| model.extend(&world.program, &facts, &self.options));
        if !extended {
            world.take_back(added.file);
            self.model = None;
            return None;
        }
        self.exact = false;
        self.items.push(Item::Statement {
            name: name.to_string(),
            text: input.trim_end().to_string(),
        });
        let mut out = Output::default();
        out.push_diags(quiet_filtered(&added.diags), &self.world.sources);
        Some(out)
    }

    /// Adds an entry's statements to the world, then answers its questions (if it mixes both).
    fn extend(
        &mut self,
        name: &str,
        input: &str,
        stmts: &[Spanned<Stmt>],
        checked: Checked,
        warnings: Output,
    ) -> Output {
        let id = FileId(checked.sources.len().saturating_sub(1) as u32);
        let mixed = stmts.iter().any(|s| is_question(&s.node));
        let text = world_text(input, stmts);
        let world = if mixed {
            self.check_with(name, &text).0
        } else {
            checked
        };
        if world.has_errors() {
            return self.errors(&world);
        }
        let model = match self.evaluate_new(&world, id) {
            Ok(model) => model,
            Err(mut shown) => {
                shown.append(warnings);
                return shown;
            }
        };
        self.items.push(Item::Statement {
            name: name.to_string(),
            text,
        });
        self.world = Arc::new(world);
        self.model = Some(model);
        self.exact = true;
        let mut out = warnings;
        out.append(self.scenarios_in(id));
        if mixed {
            let questions = pieces(input, stmts, is_question);
            self.items.push(Item::Question {
                text: questions.clone(),
            });
            let (checked, qid) = self.check_with(name, &questions);
            out.append(self.answer_questions(&checked, qid, Output::default()));
        }
        out
    }

    /// `import "file"` typed at the prompt is `:load file`.
    fn typed_import(&mut self, import: &Spanned<Stmt>, count: usize, checked: &Checked) -> Output {
        let Stmt::Import(path) = &import.node else {
            return Output::default();
        };
        if count > 1 {
            let d = Diag::error(Code::Syntax, "write `import` on a line of its own")
                .label(import.span, "an import loads a file into the session")
                .help("or use `:load FILE`");
            return Output::fail_diags(vec![d], &checked.sources);
        }
        self.load(path.node.as_str())
    }

    /// Warnings this entry caused, leaving out those that make no sense while typing.
    fn new_warnings(&self, checked: &Checked) -> Output {
        let fresh: Vec<Diag> = quiet_filtered(&checked.diags)
            .into_iter()
            .filter(|d| !self.world.diags.contains(d))
            .collect();
        let mut out = Output::default();
        out.push_diags(fresh, &checked.sources);
        out
    }

    /// The errors of a world that did not check: a failed entry.
    fn errors(&self, checked: &Checked) -> Output {
        let errors: Vec<Diag> = checked
            .diags
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        Output::fail_diags(errors, &checked.sources)
    }

    /// Evaluates a changed world. A rule that never stops, or an error found while evaluating
    /// a new statement, rejects the entry.
    fn evaluate_new(&mut self, world: &Checked, id: FileId) -> Result<Model, Output> {
        // What the world already suffered from is not this entry's doing. (A model extended
        // by declarations has no error: it was extended only from one without.)
        let before: Vec<Diag> = match (&self.model, self.exact) {
            (Some(model), false) => model.diags.clone(),
            _ => match self.model() {
                Ok(model) => model.diags.clone(),
                Err(_) => Vec::new(),
            },
        };
        let model = evaluate(&world.program, &world.program.world_facts(), &self.options)
            .map_err(|d| Output::fail_diags(vec![d], &world.sources))?;
        let text = world.sources.get(id).text.clone();
        let entry = text.trim_end().len();
        let shown = first_line(&text);
        let own: Vec<Diag> = model
            .diags
            .iter()
            .filter(|d| d.is_error() && !before.contains(d))
            .map(|d| match d.span() {
                // A fact typed now can make an earlier rule divide by zero: say so.
                Some(s) if s.file != id && entry > 0 => d.clone().label(
                    Span::new(id, 0, entry),
                    format!("`{shown}`, entered now, leads to it"),
                ),
                _ => d.clone(),
            })
            .collect();
        if own.is_empty() {
            Ok(model)
        } else {
            Err(Output::fail_diags(own, &world.sources))
        }
    }

    /// The evaluated world, evaluating it if a statement changed it (or extended it: its
    /// facts are right, but explanations and reports read their order and derivations).
    fn model(&mut self) -> Result<&mut Model, Output> {
        if self.model.is_none() || !self.exact {
            let model = evaluate(
                &self.world.program,
                &self.world.program.world_facts(),
                &self.options,
            )
            .map_err(|d| Output::fail_diags(vec![d], &self.world.sources))?;
            self.model = Some(model);
            self.exact = true;
        }
        self.model.as_mut().ok_or_else(Output::default)
    }

    /// Answers the questions and runs the scenarios of piece `id` of `checked`.
    fn answer_questions(&mut self, checked: &Checked, id: FileId, out: Output) -> Output {
        let options = self.options;
        match self.model() {
            Ok(model) => answer(checked, model, id, &options, out),
            Err(shown) => shown,
        }
    }

    /// Runs the named scenarios a statement just declared.
    fn scenarios_in(&self, id: FileId) -> Output {
        let mut out = Output::default();
        let Some(model) = self.model.as_ref() else {
            return out;
        };
        for scenario in self
            .world
            .program
            .scenarios
            .iter()
            .filter(|s| s.span.file == id)
        {
            out.append(describe::run_scenario(
                &self.world,
                model,
                scenario,
                &self.options,
            ));
        }
        out
    }

    /// Reads a file (with its imports) into the world.
    fn load(&mut self, path: &str) -> Output {
        let parts = match read_parts(self.host.as_ref(), path) {
            Ok(parts) => parts,
            Err(mut shown) => {
                shown.push_say(format!("{path} was not loaded"));
                return shown;
            }
        };
        let names: Vec<String> = parts
            .iter()
            .filter_map(|p| {
                if let Part::Text { name, .. } = p {
                    Some(name.clone())
                } else {
                    None
                }
            })
            .collect();
        let before = self.items.len();
        self.items.push(Item::File {
            path: path.to_string(),
            parts,
        });
        if let Err(mut shown) = self.rebuild() {
            self.items.truncate(before);
            shown.push_say(format!("{path} was not loaded: the world is as it was"));
            return shown;
        }
        // A file's own warnings make sense, unlike those of a line being typed.
        let sources = &self.world.sources;
        let warnings: Vec<Diag> = self
            .world
            .diags
            .iter()
            .filter(|d| {
                d.span()
                    .is_some_and(|s| names.contains(&sources.get(s.file).name))
            })
            .cloned()
            .collect();
        let mut out = Output::default();
        out.push_diags(warnings, sources);
        out.push_say(self.loaded_summary(path));
        out
    }

    /// Checks and evaluates the world from its items. On error the world is left as it was,
    /// and the caller puts the items back.
    fn rebuild(&mut self) -> Result<(), Output> {
        let world = self.check(&self.parts());
        if world.has_errors() {
            return Err(self.errors(&world));
        }
        let model = evaluate(&world.program, &world.program.world_facts(), &self.options)
            .map_err(|d| Output::fail_diags(vec![d], &world.sources))?;
        self.world = Arc::new(world);
        self.model = Some(model);
        self.exact = true;
        Ok(())
    }

    fn loaded_summary(&self, path: &str) -> String {
        let program = &self.world.program;
        let expectations = program
            .asks
            .iter()
            .filter(|(a, _)| matches!(a, crate::program::Ask::Expect { .. }))
            .count();
        let counts = [
            (program.asks.len() - expectations, "question"),
            (expectations, "expectation"),
            (program.scenarios.len(), "scenario"),
        ];
        let listed: Vec<String> = counts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, w)| describe::plural(*n, w))
            .collect();
        let mut text = format!(
            "loaded {path}: {} in the world",
            describe::plural(program.states.len(), "state")
        );
        if !listed.is_empty() {
            text.push_str(&format!(
                "; `:run` answers its {}",
                describe::and_list(&listed)
            ));
        }
        text
    }
}

/// Answers the questions and runs the scenarios of piece `id` of `checked` in `model`.
fn answer(
    checked: &Checked,
    model: &mut Model,
    id: FileId,
    options: &Options,
    mut out: Output,
) -> Output {
    for (ask, span) in checked.program.asks.iter().filter(|(_, s)| s.file == id) {
        let (outcome, problems) =
            answer_checked(&checked.program, model, &checked.sources, ask, *span);
        out.failed |= diag::has_errors(&problems)
            || matches!(outcome, AskOutcome::Expect { passed: false, .. });
        out.push_diags(problems, &checked.sources);
        out.replies.push(Reply::Answer(outcome));
    }
    for scenario in checked
        .program
        .scenarios
        .iter()
        .filter(|s| s.span.file == id)
    {
        out.append(describe::run_scenario(checked, model, scenario, options));
    }
    out
}

/// Warnings worth showing while typing: not "declared but used nowhere" or "threatens no
/// one", which every half-built world has.
fn quiet_filtered(diags: &[Diag]) -> Vec<Diag> {
    let quiet = [Code::UnusedState, Code::EmptyThreat];
    diags
        .iter()
        .filter(|d| !d.is_error() && !quiet.contains(&d.code))
        .cloned()
        .collect()
}

fn is_question(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::Ask(_) | Stmt::If { .. })
}

/// The text of the statements that change the world: the whole entry when it holds nothing
/// else (comments included), else those statements alone.
fn world_text(input: &str, stmts: &[Spanned<Stmt>]) -> String {
    if stmts.iter().all(|s| !is_question(&s.node)) {
        return input.trim_end().to_string();
    }
    pieces(input, stmts, |s| !is_question(s))
}

fn pieces(input: &str, stmts: &[Spanned<Stmt>], keep: impl Fn(&Stmt) -> bool) -> String {
    let texts: Vec<&str> = stmts
        .iter()
        .filter(|s| keep(&s.node))
        .filter_map(|s| input.get(s.span.range()))
        .collect();
    texts.join("\n")
}

/// A file and everything it imports, read now, as pieces of text in reading order.
fn read_parts(host: &dyn Host, path: &str) -> Result<Vec<Part>, Output> {
    let alone = check_parts(host, &[Part::File(path.to_string())]);
    let fatal = [
        Code::FileUnreadable,
        Code::ImportUnreadable,
        Code::ImportCycle,
        Code::InvalidUtf8,
    ];
    let problems: Vec<Diag> = alone
        .diags
        .iter()
        .filter(|d| fatal.contains(&d.code))
        .cloned()
        .collect();
    if !problems.is_empty() || alone.files.is_empty() {
        return Err(Output::fail_diags(problems, &alone.sources));
    }
    Ok(file_parts(&alone))
}

/// The files of a checked world as pieces of text, in reading order.
fn file_parts(checked: &Checked) -> Vec<Part> {
    checked
        .files
        .iter()
        .map(|(id, _)| {
            let file = checked.sources.get(*id);
            Part::Text {
                name: file.name.clone(),
                text: file.text.to_string(),
            }
        })
        .collect()
}

/// The first line of an entry, for messages that quote it.
fn first_line(text: &str) -> String {
    let mut lines = text.trim().lines();
    let first = lines.next().unwrap_or("").trim().to_string();
    if lines.next().is_some() {
        format!("{first} ...")
    } else {
        first
    }
}
