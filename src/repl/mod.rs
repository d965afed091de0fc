//! The REPL: a [`Session`] takes one entry at a time (a statement, a question or a `:command`)
//! and returns what to print. It knows nothing of terminals, so it is tested as plain data;
//! `line` puts it behind rustyline, and [`main`] reads piped input without one.
//!
//! The world is every loaded file and every statement entered so far, checked together as one
//! program on each entry. An entry with an error changes nothing; questions (`?`, `expect`,
//! `if ... then`) are answered at once and kept only for `:list` and `:save`.

mod commands;
mod complete;
mod describe;
pub mod line;

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::check::{check_parts, Checked, Part};
use crate::diag::{self, Code, Diag};
use crate::eval::{evaluate, Model, Options};
use crate::run::{answer_checked, answer_lines, AskOutcome};
use crate::source::{FileId, Spanned};
use crate::syntax::ast::Stmt;

pub use complete::{complete, is_complete, Vocabulary, COMMANDS};

/// The prompt of the first line of an entry.
pub const PROMPT: &str = "alliance> ";
/// The prompt of each further line of an entry (as wide as [`PROMPT`]).
pub const CONTINUATION: &str = "      ... ";
/// The most facts rules may derive at the prompt: a rule that never stops is reported within
/// a second or so, not after the ten million `alliance run` allows.
pub const MAX_FACTS: usize = 1_000_000;

/// What one entry printed, and what it means for the caller.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// The text to print, each line ending in a newline (empty when there is nothing to say).
    pub text: String,
    /// Whether the session should end (`:quit`).
    pub quit: bool,
    /// Whether the entry failed: an error, or an expectation that does not hold.
    pub failed: bool,
}

impl Output {
    fn say(text: impl Into<String>) -> Output {
        let mut text = text.into();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        Output {
            text,
            ..Output::default()
        }
    }

    fn fail(text: impl Into<String>) -> Output {
        Output {
            failed: true,
            ..Output::say(text)
        }
    }
}

/// One thing the session holds, in the order it was entered.
#[derive(Clone, Debug)]
enum Item {
    /// A file loaded with `:load` (or given on the command line): the text of it and of
    /// everything it imports, read once, so the world changes only when asked to (`:reload`).
    File { path: PathBuf, parts: Vec<Part> },
    /// Statements that extend the world, as typed.
    Statement { name: String, text: String },
    /// A question asked (or a comment typed): kept for `:list` and `:save` only.
    Question { text: String },
}

/// An interactive session: the world so far and everything needed to answer in it.
pub struct Session {
    items: Vec<Item>,
    /// The files the session started with, for `:reset`.
    start: Vec<PathBuf>,
    /// The world, checked: every file and statement, no typed question.
    world: Checked,
    /// The evaluated world, kept until a statement changes it.
    model: Option<Model>,
    /// Entries read so far, to name each `<repl:N>`.
    inputs: usize,
    color: bool,
    options: Options,
    /// What loading the first files said, until [`Session::take_messages`].
    messages: String,
}

impl Session {
    /// A session with `files` loaded (a file with errors is reported and left out).
    /// Colour follows standard output and `NO_COLOR`.
    pub fn new(files: &[PathBuf]) -> Session {
        Session::with_max_facts(files, MAX_FACTS)
    }

    /// A session whose rules may derive at most `max_facts` facts (`--max-facts`).
    pub fn with_max_facts(files: &[PathBuf], max_facts: usize) -> Session {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stdout().is_terminal();
        let mut session = Session {
            items: Vec::new(),
            start: files.to_vec(),
            world: check_parts(&[]),
            model: None,
            inputs: 0,
            color,
            options: Options {
                max_facts,
                ..Options::default()
            },
            messages: String::new(),
        };
        for file in files {
            let out = session.load(file);
            session.messages.push_str(&out.text);
        }
        session
    }

    /// Draws diagnostics in colour or not (the default follows the terminal).
    pub fn set_color(&mut self, color: bool) {
        self.color = color;
    }

    /// Whether diagnostics and the line editor use colour.
    pub fn color(&self) -> bool {
        self.color
    }

    /// What loading the first files said (once).
    pub fn take_messages(&mut self) -> String {
        std::mem::take(&mut self.messages)
    }

    /// The names, relations and scenarios of the world, for completion.
    pub fn vocabulary(&self) -> Vocabulary {
        Vocabulary::of(&self.world)
    }

    /// Completion candidates for `line` with the cursor at byte `pos`: where the replaced word
    /// starts, and the candidates.
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        complete(&self.vocabulary(), line, pos)
    }

    /// Takes one entry (one or more lines, as [`is_complete`] grouped them).
    pub fn line(&mut self, input: &str) -> Output {
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

    /// The world with one more piece of text: the checked program and the new piece's id.
    fn check_with(&self, name: &str, text: &str) -> (Checked, FileId) {
        let mut parts = self.parts();
        parts.push(Part::Text {
            name: name.to_string(),
            text: text.to_string(),
        });
        let checked = check_parts(&parts);
        let id = FileId(checked.sources.len().saturating_sub(1) as u32);
        (checked, id)
    }

    /// A statement or question typed at the prompt.
    fn enter(&mut self, input: &str) -> Output {
        let name = self.next_name();
        let (checked, id) = self.check_with(&name, input);
        let warnings = self.new_warnings(&checked);
        if checked.has_errors() {
            return Output::fail(self.errors(&checked) + &warnings);
        }
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

    /// Adds an entry's statements to the world, then answers its questions (if it mixes both).
    fn extend(
        &mut self,
        name: &str,
        input: &str,
        stmts: &[Spanned<Stmt>],
        checked: Checked,
        warnings: String,
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
            return Output::fail(self.errors(&world));
        }
        let model = match self.evaluate_new(&world, id) {
            Ok(model) => model,
            Err(shown) => return Output::fail(shown + &warnings),
        };
        self.items.push(Item::Statement {
            name: name.to_string(),
            text,
        });
        self.world = world;
        self.model = Some(model);
        let mut out = self.scenarios_in(id);
        out.text.insert_str(0, &warnings);
        if mixed {
            let questions = pieces(input, stmts, is_question);
            self.items.push(Item::Question {
                text: questions.clone(),
            });
            let (checked, qid) = self.check_with(name, &questions);
            let answered = self.answer_questions(&checked, qid, String::new());
            out.text.push_str(&answered.text);
            out.failed |= answered.failed;
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
            return Output::fail(diag::render(&d, &checked.sources, self.color));
        }
        self.load(Path::new(path.node.as_str()))
    }

    /// Warnings this entry caused, leaving out those that make no sense while typing.
    fn new_warnings(&self, checked: &Checked) -> String {
        let quiet = [Code::UnusedState, Code::EmptyThreat];
        checked
            .diags
            .iter()
            .filter(|d| !d.is_error() && !quiet.contains(&d.code) && !self.world.diags.contains(d))
            .map(|d| diag::render(d, &checked.sources, self.color))
            .collect()
    }

    fn errors(&self, checked: &Checked) -> String {
        let errors: Vec<Diag> = checked
            .diags
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        diag::render_all(&errors, &checked.sources, self.color)
    }

    /// Evaluates a changed world. A rule that never stops, or an error found while evaluating
    /// a new statement, rejects the entry.
    fn evaluate_new(&self, world: &Checked, id: FileId) -> Result<Model, String> {
        let model = evaluate(&world.program, &world.program.facts, &self.options)
            .map_err(|d| diag::render(&d, &world.sources, self.color))?;
        let own: Vec<Diag> = model
            .diags
            .iter()
            .filter(|d| d.is_error() && d.span().is_some_and(|s| s.file == id))
            .cloned()
            .collect();
        if own.is_empty() {
            Ok(model)
        } else {
            Err(diag::render_all(&own, &world.sources, self.color))
        }
    }

    /// The evaluated world, evaluating it if a statement changed it.
    fn model(&mut self) -> Result<&mut Model, String> {
        if self.model.is_none() {
            let model = evaluate(
                &self.world.program,
                &self.world.program.facts,
                &self.options,
            )
            .map_err(|d| diag::render(&d, &self.world.sources, self.color))?;
            self.model = Some(model);
        }
        self.model.as_mut().ok_or_else(String::new)
    }

    /// Answers the questions and runs the scenarios of piece `id` of `checked`.
    fn answer_questions(&mut self, checked: &Checked, id: FileId, mut out: String) -> Output {
        let mut failed = false;
        let (options, color) = (self.options, self.color);
        let model = match self.model() {
            Ok(m) => m,
            Err(shown) => return Output::fail(shown),
        };
        for (ask, span) in checked.program.asks.iter().filter(|(_, s)| s.file == id) {
            let (outcome, problems) =
                answer_checked(&checked.program, model, &checked.sources, ask, *span);
            failed |= diag::has_errors(&problems)
                || matches!(outcome, AskOutcome::Expect { passed: false, .. });
            out.push_str(&diag::render_all(&problems, &checked.sources, color));
            out.push_str(&show_outcome(&outcome));
        }
        for scenario in checked
            .program
            .scenarios
            .iter()
            .filter(|s| s.span.file == id)
        {
            let shown = describe::run_scenario(checked, model, scenario, &options, color);
            failed |= shown.failed;
            out.push_str(&shown.text);
        }
        Output {
            failed,
            ..Output::say(out)
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
            let shown =
                describe::run_scenario(&self.world, model, scenario, &self.options, self.color);
            out.text.push_str(&shown.text);
            out.failed |= shown.failed;
        }
        out
    }

    /// Reads a file (with its imports) into the world.
    fn load(&mut self, path: &Path) -> Output {
        let parts = match read_parts(path, self.color) {
            Ok(parts) => parts,
            Err(shown) => {
                return Output::fail(format!("{shown}{} was not loaded\n", path.display()))
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
            path: path.to_path_buf(),
            parts,
        });
        if let Err(shown) = self.rebuild() {
            self.items.truncate(before);
            return Output::fail(format!(
                "{shown}{} was not loaded: the world is as it was\n",
                path.display()
            ));
        }
        // A file's own warnings make sense, unlike those of a line being typed.
        let sources = &self.world.sources;
        let warnings: String = self
            .world
            .diags
            .iter()
            .filter(|d| {
                d.span()
                    .is_some_and(|s| names.contains(&sources.get(s.file).name))
            })
            .map(|d| diag::render(d, sources, self.color))
            .collect();
        Output::say(format!("{warnings}{}", self.loaded_summary(path)))
    }

    /// Checks and evaluates the world from its items. On error the world is left as it was,
    /// and the caller puts the items back.
    fn rebuild(&mut self) -> Result<(), String> {
        let world = check_parts(&self.parts());
        if world.has_errors() {
            return Err(self.errors(&world));
        }
        let model = evaluate(&world.program, &world.program.facts, &self.options)
            .map_err(|d| diag::render(&d, &world.sources, self.color))?;
        self.world = world;
        self.model = Some(model);
        Ok(())
    }

    fn loaded_summary(&self, path: &Path) -> String {
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
            "loaded {}: {} in the world",
            path.display(),
            describe::plural(program.states.len(), "state")
        );
        if !listed.is_empty() {
            text.push_str(&format!(
                "; `:run` answers its {}",
                describe::and_list(&listed)
            ));
        }
        text + "\n"
    }
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
fn read_parts(path: &Path, color: bool) -> Result<Vec<Part>, String> {
    let alone = check_parts(&[Part::File(path.to_path_buf())]);
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
        return Err(diag::render_all(&problems, &alone.sources, color));
    }
    Ok(alone
        .files
        .iter()
        .map(|(id, _)| {
            let file = alone.sources.get(*id);
            Part::Text {
                name: file.name.clone(),
                text: file.text.to_string(),
            }
        })
        .collect())
}

/// An answer, an explanation or an expectation's verdict, as printed at the prompt.
fn show_outcome(outcome: &AskOutcome) -> String {
    match outcome {
        AskOutcome::Answers { vars, rows, .. } => answer_lines(vars, rows).join("\n") + "\n",
        AskOutcome::Why { text, .. } => text.clone(),
        AskOutcome::Expect { passed: true, .. } => "passed\n".to_string(),
        AskOutcome::Expect {
            negated,
            explanation,
            ..
        } => {
            let (what, why) = if *negated {
                ("failed: it holds, but was expected not to", "why it holds:")
            } else {
                ("failed: it does not hold", "why it does not hold:")
            };
            let mut text = format!("{what}\n");
            if !explanation.trim().is_empty() {
                text.push_str(&format!("  {why}\n"));
                for line in explanation.lines() {
                    text.push_str(&format!("    {line}\n"));
                }
            }
            text
        }
    }
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

/// `alliance repl [FILE...]`: the line editor on a terminal, else piped input line by line.
pub fn main(files: &[PathBuf], max_facts: usize) -> ExitCode {
    let session = Session::with_max_facts(files, max_facts);
    if std::io::stdin().is_terminal() {
        line::interactive(session)
    } else {
        piped(session)
    }
}

/// Reads entries from standard input without a terminal, echoing each after the prompt so
/// the output reads as a transcript. Exit status 1 if any entry failed.
fn piped(mut session: Session) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(session.take_messages().as_bytes());
    let mut failed = false;
    let mut buffer = String::new();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let echo = match (buffer.is_empty(), line.trim().is_empty()) {
            (true, true) => String::new(),
            (true, false) => format!("{PROMPT}{line}"),
            (false, _) => format!("{CONTINUATION}{line}"),
        };
        let _ = writeln!(stdout, "{}", echo.trim_end());
        if buffer.is_empty() && line.trim().is_empty() {
            continue;
        }
        buffer.push_str(&line);
        buffer.push('\n');
        if is_complete(&buffer) {
            let out = session.line(&std::mem::take(&mut buffer));
            failed |= out.failed;
            let _ = stdout.write_all(out.text.as_bytes());
            if out.quit {
                return exit(failed);
            }
        }
    }
    if !buffer.trim().is_empty() {
        let out = session.line(&buffer);
        failed |= out.failed;
        let _ = stdout.write_all(out.text.as_bytes());
    }
    exit(failed)
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
