//! The `:commands` of the REPL, each a small method of [`Session`].

use super::{describe, first_line, Item, Output, Reply, Session, COMMANDS};
use crate::check::{check_parts, suggest, PRELUDE};
use std::sync::Arc;

use crate::graph::{Format, Picture};
use crate::program::Ask;
use crate::report::Report;
use crate::run::{run, Selection};

const HELP: &str = "\
Type a statement to add it to the world, or a question to ask it:
  state India { gdp: 3.55T, nuclear: yes }         a statement: the world grows
  ? defends(x, Japan)                              who must defend Japan?
  ? why exposed(Taiwan, China)                     how a conclusion was reached
  expect covered(Japan)                            checked at once: passed or failed
  if treaty US Japan cancelled then ? exposed(Japan, t)
                                                   a what-if: runs at once, changes nothing
An open `{` or `(`, or a trailing `,` or `and`, goes on to the next line (Enter on an empty
line ends the entry as it is). A line with an error changes nothing.

Commands:
  :load FILE       add a file (and the files it imports) to the world
  :reload          read the loaded files again
  :list            the statements and questions entered so far, formatted
  :show NAME       everything stated and derived about a state (or a pact, group, bloc)
  :why ATOM        how a fact was derived, as in `:why defends(US, Japan)`
  :whynot ATOM     why a fact does not hold
  :run             the full report on the world, with every scenario
  :scenario NAME   run one scenario of the world (no name: list them)
  :undo            take back the last statement or :load (the start-up files stay)
  :reset           back to the files the session started with
  :save FILE       write the session as a script (loaded files become imports);
                   :save! FILE replaces a file that exists already
  :graph FILE [SCENARIO]
                   draw the world (or a named scenario) to FILE: .svg, .dot or .mmd
  :as-of YEAR      read the world as it stood in YEAR (`:as-of` alone: as the files say)
  :timeline [FROM [TO]]
                   year after year, what changed in the conclusions
  :prelude         the standard theory every world starts from
  :help            this text
  :quit            leave (Ctrl-D too; Ctrl-C clears the line)
Tab completes keywords, names, relations, scenarios, commands and file names.
";

impl Session {
    /// Runs `:name arg` (the colon already taken off).
    pub(super) fn command(&mut self, command: &str) -> Output {
        let (name, arg) = command
            .trim()
            .split_once(char::is_whitespace)
            .unwrap_or((command.trim(), ""));
        let arg = arg.trim();
        match name {
            "help" | "h" | "?" => Output::say(HELP),
            "load" | "l" => self.load_command(arg),
            "reload" | "r" => self.reload(),
            "list" => self.list(),
            "show" => self.show(arg),
            "why" => self.why(arg, false),
            "whynot" => self.why(arg, true),
            "run" => self.report(),
            "scenario" => self.scenario(arg),
            "undo" | "u" => self.undo(),
            "reset" => self.reset(),
            "save" => self.save(arg, false),
            "save!" => self.save(arg, true),
            "graph" | "g" => self.graph(arg),
            "timeline" => self.timeline(arg),
            "prelude" => Output::say(PRELUDE),
            "as-of" => match arg {
                "" => self.set_as_of(None),
                year => match year.parse::<i32>() {
                    Ok(y) if y.abs() <= 99_999 => self.set_as_of(Some(y)),
                    _ => Output::fail(format!(
                        "`{year}` is not a year: write `:as-of 1962`, or `:as-of` alone to go back to the files' own year"
                    )),
                },
            },
            "quit" | "q" | "exit" => Output {
                quit: true,
                ..Output::default()
            },
            other => unknown(other),
        }
    }

    fn load_command(&mut self, arg: &str) -> Output {
        let path = arg.trim_matches('"');
        if path.is_empty() {
            return Output::fail("usage: :load FILE (Tab completes file names)");
        }
        if self.is_loaded(path, false) {
            return Output::say(format!(
                "{path} is loaded already; `:reload` reads it again"
            ));
        }
        self.load(path)
    }

    /// Whether `path` names a file the session loaded (with `imports`, or one they import).
    fn is_loaded(&self, path: &str, imports: bool) -> bool {
        let Ok(wanted) = self.host.resolve(None, path) else {
            return false;
        };
        let same = |p: &str| {
            self.host
                .resolve(None, p)
                .is_ok_and(|r| r.key == wanted.key)
        };
        let sources = &self.world.sources;
        // File 0 is the prelude and `<repl:N>` names are typed lines: neither is on disk.
        let read = (1..sources.len())
            .map(|i| &sources.get(crate::source::FileId(i as u32)).name)
            .filter(|name| !name.starts_with('<'));
        self.files().any(|p| same(p)) || (imports && read.into_iter().any(|n| same(n)))
    }

    fn files(&self) -> impl Iterator<Item = &String> {
        self.items.iter().filter_map(|i| match i {
            Item::File { path, .. } => Some(path),
            _ => None,
        })
    }

    fn reload(&mut self) -> Output {
        let old = self.items.clone();
        let mut read = Vec::new();
        for item in &mut self.items {
            if let Item::File { path, parts } = item {
                match super::read_parts(self.host.as_ref(), path) {
                    Ok(fresh) => *parts = fresh,
                    Err(mut shown) => {
                        self.items = old;
                        shown.push_say("nothing was reloaded: the world is as it was");
                        return shown;
                    }
                }
                read.push(path.clone());
            }
        }
        if read.is_empty() {
            return Output::say("no file is loaded: `:load FILE` loads one");
        }
        match self.rebuild() {
            Ok(_) => Output::say(format!("reloaded {}", read.join(", "))),
            Err(mut shown) => {
                self.items = old;
                shown.push_say("nothing was reloaded: the world is as it was");
                shown
            }
        }
    }

    fn list(&self) -> Output {
        if self.items.is_empty() {
            return Output::say(
                "nothing entered yet: type a statement, such as `state Japan { gdp: 4.21T }`",
            );
        }
        Output::say(format_script(&self.script(None)))
    }

    /// The session as a script: an import per loaded file, then what was typed, in order.
    /// Imports are written relative to `save_to`'s folder (to the current one for `:list`).
    pub(super) fn script(&self, save_to: Option<&str>) -> String {
        let mut text = String::new();
        for path in self.files() {
            let shown = match (save_to, self.host.resolve(None, path)) {
                (Some(to), Ok(file)) => self.host.relative(&file, to),
                _ => path.clone(),
            };
            text.push_str(&format!("import {}\n", crate::fmt::quote(&shown)));
        }
        for item in &self.items {
            match item {
                Item::Statement { text: t, .. } | Item::Question { text: t } => {
                    text.push_str(t.trim_end());
                    text.push('\n');
                }
                Item::File { .. } => {}
            }
        }
        text
    }

    fn show(&mut self, name: &str) -> Output {
        if name.is_empty() {
            return Output::fail("usage: :show NAME, as in `:show Japan` (Tab completes names)");
        }
        let names = self.vocabulary().names;
        let sources = self.world.sources.clone();
        let program = self.world.program.clone();
        let model = match self.model() {
            Ok(m) => m,
            Err(shown) => return shown,
        };
        match describe::show_name(&program, model, &sources, name) {
            Some(text) => Output::say(text),
            None => {
                let hint = suggest(name, names.iter().map(String::as_str))
                    .map(|s| format!(": did you mean `{s}`?"))
                    .unwrap_or_else(|| " (`? state(x)` lists the states)".to_string());
                Output::fail(format!("nothing in the world mentions `{name}`{hint}"))
            }
        }
    }

    /// `:why ATOM` and `:whynot ATOM`: the explanation of a fact, checked like `? why ATOM`.
    fn why(&mut self, arg: &str, whynot: bool) -> Output {
        let atom = arg.trim_start_matches('?').trim();
        let atom = atom.strip_prefix("why ").unwrap_or(atom).trim();
        if atom.is_empty() {
            let command = if whynot { "whynot" } else { "why" };
            return Output::fail(format!(
                "usage: :{command} ATOM, as in `:{command} defends(US, Japan)`"
            ));
        }
        let name = self.next_name();
        let (checked, id) = self.check_with(&name, &format!("? why {atom}"));
        if checked.has_errors() {
            return self.errors(&checked);
        }
        let Some(Ask::Why(atom)) = checked
            .program
            .asks
            .iter()
            .find(|(_, s)| s.file == id)
            .map(|(a, _)| a.clone())
        else {
            return Output::default();
        };
        let model = match self.model() {
            Ok(m) => m,
            Err(shown) => return shown,
        };
        let explanation = crate::explain::why(&checked.program, model, &checked.sources, &atom);
        let mut out = Output::default();
        if whynot && explanation.holds {
            out.push_say("It does hold; here is why:");
        }
        out.replies.push(Reply::Answer(crate::run::AskOutcome::Why {
            explanation,
            span: atom.span,
        }));
        out
    }

    /// `:run`: the report `alliance run` prints, on the world so far.
    fn report(&mut self) -> Output {
        self.run_report(&Selection::All)
    }

    /// The report on the world so far with the scenarios `selection` chooses: `:run` runs
    /// them all; a page may draw the report first without them (`Selection::None`), then
    /// with them.
    pub fn run_report(&mut self, selection: &Selection) -> Output {
        let _entered = self.interner.enter();
        let mut out = self.report_of(selection);
        out.interner = Some(self.interner.clone());
        out
    }

    fn report_of(&mut self, selection: &Selection) -> Output {
        match run(&self.world, &self.options, selection) {
            Ok(outcome) => {
                let mut out = Output::default();
                out.push_diags(outcome.diags.clone(), &self.world.sources);
                out.replies.push(Reply::Report(Arc::new(Report {
                    checked: self.world.clone(),
                    outcome,
                })));
                out
            }
            Err(diags) => Output::fail_diags(diags, &self.world.sources),
        }
    }

    /// `:timeline [FROM [TO]]`: what `alliance timeline` prints for the world as it stands.
    fn timeline(&mut self, arg: &str) -> Output {
        let mut years = Vec::new();
        for word in arg.split_whitespace() {
            match word.parse::<i32>() {
                Ok(y) if y.abs() <= 99_999 => years.push(y),
                _ => return Output::fail(format!(
                    "`{word}` is not a year: write `:timeline`, `:timeline 1949` or `:timeline 1949 1960`"
                )),
            }
        }
        let (from, to) = match years[..] {
            [] => (None, None),
            [from] => (Some(from), None),
            [from, to] => (Some(from), Some(to)),
            _ => {
                return Output::fail("usage: :timeline [FROM [TO]], such as `:timeline 1949 1960`")
            }
        };
        let range = match crate::timeline::range(&self.world.program, from, to) {
            Ok(range) => range,
            Err(d) => {
                return Output::fail(format!("{}: {}", d.message, d.help.unwrap_or_default()))
            }
        };
        match crate::report::timeline::text(&self.world, range, &self.options) {
            Ok(text) => Output::say(text),
            Err(d) => Output::fail_diags(vec![d], &self.world.sources),
        }
    }

    fn scenario(&mut self, name: &str) -> Output {
        let named: Vec<String> = self.vocabulary().scenarios;
        if name.is_empty() {
            if named.is_empty() {
                return Output::say("the world has no named scenario: declare one with `scenario NAME { ... } then { ... }`");
            }
            return Output::say(format!(
                "scenarios: {} (`:scenario NAME` runs one)",
                named.join(", ")
            ));
        }
        let found = self
            .world
            .program
            .scenarios
            .iter()
            .find(|s| s.name.is_some_and(|n| n.as_str() == name))
            .cloned();
        let Some(scenario) = found else {
            let hint = match suggest(name, named.iter().map(String::as_str)) {
                Some(s) => format!(": did you mean `{s}`?"),
                None if named.is_empty() => ": the world has no named scenario".to_string(),
                None => format!(": the scenarios are {}", named.join(", ")),
            };
            return Output::fail(format!("there is no scenario called `{name}`{hint}"));
        };
        if let Err(shown) = self.model() {
            return shown;
        }
        let Some(model) = self.model.as_ref() else {
            return Output::default();
        };
        describe::run_scenario(&self.world, model, &scenario, &self.options)
    }

    /// `:undo`: takes back the last statement or `:load`, with the questions asked after it
    /// (they were asked of a world that no longer is). The files given at start-up stay.
    fn undo(&mut self) -> Output {
        let Some(last) = self.items[self.fixed..]
            .iter()
            .rposition(|i| !matches!(i, Item::Question { .. }))
            .map(|i| i + self.fixed)
        else {
            let start = if self.fixed > 0 {
                "; the files the session started with stay (`:reset` goes back to them)"
            } else {
                ""
            };
            return Output::say(format!(
                "nothing to undo: no statement has been entered (questions change nothing){start}"
            ));
        };
        let removed = self.items.split_off(last);
        if let Err(shown) = self.rebuild() {
            self.items.extend(removed);
            return shown;
        }
        let questions = removed.len() - 1;
        let what = match &removed[0] {
            Item::File { path, .. } => format!(":load {path}"),
            Item::Statement { text, .. } | Item::Question { text } => first_line(text),
        };
        let after = if questions > 0 {
            format!(
                " (and the {} asked after it)",
                describe::plural(questions, "question")
            )
        } else {
            String::new()
        };
        Output::say(format!("undone: {what}{after}"))
    }

    /// `:reset`: back to the files the session started with, in the year it started with.
    fn reset(&mut self) -> Output {
        self.items.clear();
        self.as_of = self.start_as_of;
        self.world = Arc::new(check_parts(self.host.as_ref(), &[]));
        self.model = None;
        let mut text = Output::default();
        for file in self.start.clone() {
            text.append(self.load(&file));
        }
        self.fixed = self.items.len();
        if self.start.is_empty() {
            text.push_say("the world is empty again: only the standard theory remains");
        }
        text.failed = false;
        text
    }

    /// `:save FILE`: the session as a formatted script that loads back to the same world.
    /// `:save FILE` (`.alliance` added to a name without an extension): the session as a
    /// script. An existing file is replaced only with `:save!`, or when this session wrote it;
    /// a file the session loaded or imported never is.
    fn save(&mut self, arg: &str, force: bool) -> Output {
        let path = arg.trim_matches('"');
        if path.is_empty() {
            return Output::fail("usage: :save FILE, as in `:save lesson.alliance`");
        }
        let file_name = path.rsplit('/').next().unwrap_or(path);
        let path = if file_name.contains('.') {
            path.to_string()
        } else {
            format!("{path}.alliance")
        };
        let path = path.as_str();
        if self.is_loaded(path, true) {
            return Output::fail(format!(
                "{path} is loaded in this session: save to another file"
            ));
        }
        let replace = force || self.saved.iter().any(|p| p == path);
        let mut script = self.script(Some(path));
        // The year the session reads the world in, so the file reads the same world.
        if let Some(year) = self.as_of {
            script.push_str(&format!("as of {year}\n"));
        }
        let text = format_script(&script);
        let header = "# Saved from `alliance repl`: run it with `alliance run FILE`, explore it with `alliance repl FILE`.\n\n";
        match self
            .host
            .write(path, format!("{header}{text}").as_bytes(), replace)
        {
            Ok(written) => {
                self.saved.push(path.to_string());
                let count = self
                    .items
                    .iter()
                    .filter(|i| !matches!(i, Item::File { .. }))
                    .count();
                let entries = if count == 1 {
                    "1 entry".to_string()
                } else {
                    format!("{count} entries")
                };
                Output::say(format!("saved {entries} to {written}"))
            }
            Err(err) if !replace && err.label.ends_with("exists already") => Output::fail(format!(
                "{path} exists already: `:save! {path}` replaces it, or save to another name"
            )),
            Err(err) => Output::fail(err.label),
        }
    }
}

impl Session {
    /// `:graph FILE [SCENARIO]`: the picture of the world, or of a named scenario laid out on
    /// the world's, in the format the file's extension names.
    fn graph(&mut self, arg: &str) -> Output {
        const USAGE: &str =
            "usage: :graph FILE [SCENARIO], as in `:graph world.svg` or `:graph after.svg moshitora`";
        let words: Vec<&str> = arg.split_whitespace().collect();
        let (file, scenario) = match words.as_slice() {
            [file] => (*file, None),
            [file, scenario] => (*file, Some(*scenario)),
            _ => return Output::fail(USAGE),
        };
        let path = file.trim_matches('"');
        let extension = path
            .rsplit_once('.')
            .filter(|(_, e)| !e.contains('/'))
            .map(|(_, e)| e.to_lowercase());
        let format = match extension.as_deref() {
            Some("svg") => Format::Svg,
            Some("dot" | "gv") => Format::Dot,
            Some("mmd" | "md") => Format::Mermaid,
            _ => {
                return Output::fail(format!(
                    "`:graph` writes SVG (.svg), Graphviz (.dot or .gv) or Mermaid (.mmd or .md): end `{path}` with one of these (for PNG or PDF, `:save` the session and run `alliance graph FILE -o world.png` at the shell)"
                ))
            }
        };
        let picture = match crate::graph::networks(&self.world, scenario, &self.options) {
            Ok((drawn, base)) => Picture {
                drawn,
                base,
                format,
            },
            Err(diags) => return Output::fail_diags(diags, &self.world.sources),
        };
        match self.host.write(path, picture.render().as_bytes(), true) {
            Ok(saved_to) => {
                let mut out = Output::default();
                out.replies.push(Reply::Picture {
                    picture: Arc::new(picture),
                    saved_to,
                });
                out
            }
            Err(err) => Output::fail(err.label),
        }
    }
}

/// The formatter's layout, or the text as it is if it cannot be formatted.
fn format_script(text: &str) -> String {
    crate::fmt::format_source(text).unwrap_or_else(|_| text.to_string())
}

fn unknown(name: &str) -> Output {
    let hint = suggest(name, COMMANDS.iter().copied())
        .map(|s| format!(": did you mean `:{s}`?"))
        .unwrap_or_default();
    Output::fail(format!(
        "unknown command `:{name}`{hint} (`:help` lists the commands)"
    ))
}
