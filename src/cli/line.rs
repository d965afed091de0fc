//! The terminal side of the REPL: rustyline with a helper that completes, hints from history,
//! highlights, and asks the parser whether an entry is complete. All it does with an entry
//! is hand it to the [`Session`].

use std::borrow::Cow;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::history::DefaultHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{
    Cmd, CompletionType, ConditionalEventHandler, Config, Context, Editor, Event, EventContext,
    EventHandler, Helper, KeyCode, KeyEvent, Modifiers, RepeatCount,
};

use super::files::DiskHost;
use super::out::{errln, out, outln};
use crate::session::{complete, is_complete, Session, Vocabulary, CONTINUATION, PROMPT};
use crate::syntax::lex::KEYWORDS;

/// What starts each further line of an entry in the buffer: spaces as wide as the prompt,
/// drawn as [`CONTINUATION`] (rustyline has no continuation prompt of its own, and a drawing
/// as wide as the text keeps the cursor where it belongs).
const PAD: &str = "          ";

/// An entry longer than this (in bytes) is neither highlighted nor hinted while it is typed:
/// each keystroke would redraw and colour the whole entry (and search the history for it), so
/// typing or pasting (without bracketed paste) grew with the square of its length: 10,000
/// characters took 22 s. Beyond it, rustyline echoes each character as it comes; the entry is
/// drawn whole, coloured, when the line wraps or is edited elsewhere.
pub const LONG_ENTRY: usize = 1_000;

const KEYWORD: &str = "\x1b[1;35m";
const NAME: &str = "\x1b[36m";
const VARIABLE: &str = "\x1b[33m";
const NUMBER: &str = "\x1b[34m";
const STRING: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The rustyline helper: completion from the world's vocabulary, hints from history,
/// highlighting, and the parser's say on whether Enter ends the entry.
pub struct AllianceHelper {
    /// The names, relations and scenarios of the world, refreshed after every entry.
    pub vocab: Vocabulary,
    color: bool,
    hinter: HistoryHinter,
}

impl AllianceHelper {
    pub fn new(vocab: Vocabulary, color: bool) -> AllianceHelper {
        AllianceHelper {
            vocab,
            color,
            hinter: HistoryHinter::new(),
        }
    }
}

impl Completer for AllianceHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        Ok(complete(&self.vocab, &DiskHost::default(), line, pos))
    }
}

impl Hinter for AllianceHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        if line.len() > LONG_ENTRY {
            return None;
        }
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for AllianceHelper {
    fn highlight<'l>(&self, line: &'l str, _: usize) -> Cow<'l, str> {
        if !self.color && !line.contains('\n') {
            return Cow::Borrowed(line);
        }
        Cow::Owned(highlight(line, self.color))
    }

    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, _: bool) -> Cow<'b, str> {
        if self.color {
            Cow::Owned(format!("{BOLD}{prompt}{RESET}"))
        } else {
            Cow::Borrowed(prompt)
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("{DIM}{hint}{RESET}"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, line: &str, _: usize, kind: CmdKind) -> bool {
        kind != CmdKind::MoveCursor && line.len() <= LONG_ENTRY
    }
}

impl Validator for AllianceHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(if entry_done(ctx.input()) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

impl Helper for AllianceHelper {}

/// Whether Enter ends the entry: the parser finds it complete, or the last line is empty
/// (the way out of an entry the user wants to see the error of).
fn entry_done(input: &str) -> bool {
    let last_blank = input.contains('\n')
        && input
            .rsplit('\n')
            .next()
            .is_some_and(|l| l.trim().is_empty());
    last_blank || is_complete(input)
}

/// Enter at the end of an incomplete entry starts a continuation line.
struct Enter;

impl ConditionalEventHandler for Enter {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let line = ctx.line();
        if ctx.pos() == line.len() && !entry_done(line) {
            Some(Cmd::Insert(1, format!("\n{PAD}")))
        } else {
            None
        }
    }
}

/// The text with ANSI colours (when `color`) for keywords, names, variables, numbers, strings
/// and comments, and each continuation line's padding drawn as the continuation prompt. The
/// result is exactly as wide as the text on every line.
pub fn highlight(text: &str, color: bool) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (i, line) in text.split('\n').enumerate() {
        let mut rest = line;
        if i > 0 {
            out.push('\n');
            if let Some(after) = line.strip_prefix(PAD) {
                out.push_str(&paint(CONTINUATION, DIM, color));
                rest = after;
            }
        }
        highlight_line(rest, i == 0, color, &mut out);
    }
    out
}

fn paint(text: &str, style: &str, color: bool) -> String {
    if color && !text.is_empty() {
        format!("{style}{text}{RESET}")
    } else {
        text.to_string()
    }
}

fn highlight_line(line: &str, first: bool, color: bool, out: &mut String) {
    if first && line.trim_start().starts_with(':') {
        let lead = line.len() - line.trim_start().len();
        let end = line[lead..]
            .find(char::is_whitespace)
            .map_or(line.len(), |i| lead + i);
        out.push_str(&paint(&line[..end], BOLD, color));
        out.push_str(&line[end..]);
        return;
    }
    let bytes = line.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let (end, style) = token(line, pos);
        out.push_str(&paint(&line[pos..end], style, color));
        pos = end;
    }
}

/// The token at `pos`: where it ends and its style ("" for none).
fn token(line: &str, pos: usize) -> (usize, &'static str) {
    let bytes = line.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let scan = |from: usize, keep: &dyn Fn(u8) -> bool| {
        from + bytes[from..].iter().take_while(|b| keep(**b)).count()
    };
    match bytes[pos] {
        b'#' => (line.len(), DIM),
        b'"' => {
            let mut end = pos + 1;
            while end < bytes.len() && bytes[end] != b'"' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            ((end + 1).min(line.len()), STRING)
        }
        b if b.is_ascii_digit() => {
            let end = scan(pos, &|b| b.is_ascii_digit() || b == b'_' || b == b'.');
            let end = if matches!(bytes.get(end), Some(b'T' | b'B' | b'M' | b'%')) {
                end + 1
            } else {
                end
            };
            (end, NUMBER)
        }
        b if ident(b) => {
            let end = scan(pos, &ident);
            let word = &line[pos..end];
            let style = if bytes.get(end) == Some(&b'(') {
                ""
            } else if b.is_ascii_uppercase() {
                NAME
            } else if KEYWORDS.contains(&word) {
                KEYWORD
            } else {
                VARIABLE
            };
            (end, style)
        }
        _ => {
            let len = line[pos..].chars().next().map_or(1, char::len_utf8);
            (pos + len, "")
        }
    }
}

/// Where history is kept: `history.txt` in the user's data folder (`~/.local/share/alliance`
/// on Linux), created if need be.
fn history_file() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "alliance")?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir).ok()?;
    Some(dir.join("history.txt"))
}

/// The read-answer loop on a terminal. Ctrl-C clears the line, Ctrl-D quits.
pub fn interactive(mut session: Session, color: bool) -> ExitCode {
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_space(true)
        .completion_type(CompletionType::List)
        .build();
    let mut editor: Editor<AllianceHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(editor) => editor,
        Err(err) => {
            errln!("cannot use this terminal ({err}): reading lines without editing");
            return super::repl::piped(session);
        }
    };
    editor.set_helper(Some(AllianceHelper::new(session.vocabulary(), color)));
    editor.bind_sequence(
        KeyEvent(KeyCode::Enter, Modifiers::NONE),
        EventHandler::Conditional(Box::new(Enter)),
    );
    let history = history_file();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    out!("{}", session.take_messages().render(color));
    outln!(
        "alliance {}: type a statement or a question; `:help` lists the commands, Ctrl-D quits.",
        env!("CARGO_PKG_VERSION")
    );
    // While the editor reads a line, Ctrl-C is a key it handles (it clears the line); while an
    // entry is evaluated it is a signal, which stops that entry and not the session.
    let _ = ctrlc::set_handler(crate::eval::interrupt);
    loop {
        match editor.readline(PROMPT) {
            Ok(entry) => {
                crate::eval::clear_interrupt();
                let out = session.line(&entry);
                // Kept after the answer, and only without an error, so that the hint (and
                // the up arrow) never offers a line that failed. A multi-line entry is one
                // history entry, as the editor read it.
                if !entry.trim().is_empty() && !out.has_error() {
                    let _ = editor.add_history_entry(entry.as_str());
                    if let Some(path) = &history {
                        let _ = editor.append_history(path);
                    }
                }
                out!("{}", out.render(color));
                let _ = std::io::stdout().flush();
                if out.quit {
                    break;
                }
                if let Some(helper) = editor.helper_mut() {
                    helper.vocab = session.vocabulary();
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(err) => {
                errln!("cannot read the terminal: {err}");
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}
