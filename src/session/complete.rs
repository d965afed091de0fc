//! Reading as the user types: whether an entry is complete (the parser decides, so an open `{`
//! or a trailing `and` waits for the next line), and what the word under the cursor may become.

use crate::check::Checked;
use crate::host::Host;
use crate::program::Const;
use crate::source::FileId;
use crate::syntax::{lex, parse_file};

/// The commands, as typed after `:`.
pub const COMMANDS: &[&str] = &[
    "help", "load", "reload", "list", "show", "why", "whynot", "run", "scenario", "undo", "reset",
    "save", "graph", "as-of", "timeline", "prelude", "quit",
];

/// Words after which a statement cannot end, though the grammar may allow it there
/// (`threat China against` is a threat with no targets, `Japan,` ends a list).
const OPEN_ENDINGS: &[&str] = &["and", "against", "if", "then", "not", "in"];

/// Whether `text` is a whole entry: a command, or statements the parser does not find cut
/// off at the end. An entry with any other error is complete, so its error is shown.
pub fn is_complete(text: &str) -> bool {
    let end = lex::trim_end(text, 0, text.len());
    let code = &text[..end];
    if code.trim_start().starts_with(':') || code.trim().is_empty() {
        return true;
    }
    if open_string(code) {
        return true;
    }
    // Close what is open and parse: an error before the end is shown now; an error only at
    // the end, something left open or a dangling word means the rest is still to come.
    let closers = closers(code);
    let (_, diags) = parse_file(&format!("{code}{closers}"), FileId(0));
    // Every error of reading counts: a slip (`tready`) is as final as a plain syntax error.
    let syntax = |d: &&crate::diag::Diag| d.is_error();
    if diags
        .iter()
        .filter(syntax)
        .any(|d| d.span().is_some_and(|s| (s.start as usize) < end))
    {
        return true;
    }
    let dangling = code.ends_with([',', '{', '(', ':', '=', '+', '-', '*', '/'])
        || ends_with_word(code, OPEN_ENDINGS);
    !dangling && closers.is_empty() && !diags.iter().any(|d| syntax(&d))
}

/// Whether the last line has a string that is never closed: strings end on their line, so
/// the entry is complete (and wrong).
fn open_string(code: &str) -> bool {
    let line = code.rsplit('\n').next().unwrap_or("");
    let mut open = false;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if open && !escaped => escaped = true,
            '"' if !escaped => open = !open,
            _ => escaped = false,
        }
    }
    open
}

/// What closes the `{` and `(` still open at the end (outside strings and comments).
fn closers(code: &str) -> String {
    let mut open = Vec::new();
    for line in code.lines() {
        let mut in_string = false;
        let mut escaped = false;
        for c in line.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '#' if !in_string => break,
                '{' if !in_string => open.push('}'),
                '(' if !in_string => open.push(')'),
                '}' | ')' if !in_string => {
                    open.pop();
                }
                _ => {}
            }
        }
    }
    open.iter().rev().collect()
}

fn ends_with_word(code: &str, words: &[&str]) -> bool {
    let word_len = code
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .count();
    words.contains(&&code[code.len() - word_len..])
}

/// What completion offers: the names, relations and scenarios of the world.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    /// Capitalised names: states, pacts, groups, blocs, regions and other constants.
    pub names: Vec<String>,
    pub relations: Vec<String>,
    pub scenarios: Vec<String>,
}

impl Vocabulary {
    /// The vocabulary of a checked world.
    pub fn of(world: &Checked) -> Vocabulary {
        let program = &world.program;
        let mut names: Vec<String> = program.states.keys().map(|s| s.to_string()).collect();
        for fact in &program.facts {
            for arg in &fact.args {
                if let Const::Sym(s) = arg {
                    if s.as_str().starts_with(|c: char| c.is_ascii_uppercase()) {
                        names.push(s.to_string());
                    }
                }
            }
        }
        let mut relations: Vec<String> = program
            .relations
            .iter()
            .map(|r| r.name.to_string())
            .collect();
        let mut scenarios: Vec<String> = program
            .scenarios
            .iter()
            .filter_map(|s| s.name.map(|n| n.to_string()))
            .collect();
        for list in [&mut names, &mut relations, &mut scenarios] {
            list.sort();
            list.dedup();
        }
        Vocabulary {
            names,
            relations,
            scenarios,
        }
    }
}

/// Candidates for the word before byte `pos` of `line`: where that word starts, and what it
/// may become, sorted.
pub fn complete(
    vocab: &Vocabulary,
    host: &dyn Host,
    line: &str,
    pos: usize,
) -> (usize, Vec<String>) {
    let pos = floor_char(line, pos);
    let before = &line[..pos];
    let entry = before.trim_start();
    if let Some(command) = entry.strip_prefix(':') {
        return complete_command(vocab, host, before, command);
    }
    if let Some(quote) = before.rfind("import \"") {
        let start = quote + "import \"".len();
        return (start, paths(host, &before[start..]));
    }
    let start = before.len()
        - before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .count();
    let word = &before[start..];
    if word.is_empty() || word.starts_with(|c: char| c.is_ascii_digit()) {
        return (start, Vec::new());
    }
    let candidates: Vec<String> = if word.starts_with(|c: char| c.is_ascii_uppercase()) {
        matching(&vocab.names, word)
    } else {
        let relations = vocab.relations.iter().map(|r| format!("{r}("));
        let words = lex::KEYWORDS
            .iter()
            .map(|k| k.to_string())
            .chain(relations)
            .collect::<Vec<_>>();
        matching(&words, word)
    };
    (start, candidates)
}

fn floor_char(line: &str, pos: usize) -> usize {
    let mut pos = pos.min(line.len());
    while !line.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

fn matching(words: &[String], prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = words
        .iter()
        .filter(|w| w.starts_with(prefix) && w.as_str() != prefix)
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}

/// After `:`: the command itself, then its argument (a file, a scenario, a name, an atom).
fn complete_command(
    vocab: &Vocabulary,
    host: &dyn Host,
    before: &str,
    command: &str,
) -> (usize, Vec<String>) {
    let Some((name, arg)) = command.split_once(' ') else {
        let start = before.len() - command.len();
        let all: Vec<String> = COMMANDS.iter().map(|c| c.to_string()).collect();
        return (start, matching(&all, command));
    };
    let arg = arg.trim_start();
    let start = before.len() - arg.len();
    match name {
        "load" | "save" | "save!" => (start, paths(host, arg)),
        "scenario" => (start, matching(&vocab.scenarios, arg)),
        // `:graph FILE SCENARIO`: the scenario, once a file is written.
        "graph" => match arg.split_once(' ') {
            Some((_, scenario)) => {
                let scenario = scenario.trim_start();
                (
                    before.len() - scenario.len(),
                    matching(&vocab.scenarios, scenario),
                )
            }
            None => (start, Vec::new()),
        },
        "show" => (start, matching(&vocab.names, arg)),
        "why" | "whynot" => {
            let (offset, words) = complete(vocab, host, arg, arg.len());
            (start + offset, words)
        }
        _ => (start, Vec::new()),
    }
}

/// Files and folders that complete a partly typed path: `.alliance` files, and folders
/// (ending in `/`) to go on into.
fn paths(host: &dyn Host, partial: &str) -> Vec<String> {
    let (dir, prefix) = match partial.rfind('/') {
        Some(i) => (&partial[..=i], &partial[i + 1..]),
        None => ("", partial),
    };
    let mut out: Vec<String> = host
        .list(dir.trim_end_matches('/'))
        .into_iter()
        .filter(|name| {
            name.starts_with(prefix) && (!name.starts_with('.') || prefix.starts_with('.'))
        })
        .filter(|name| name.ends_with('/') || name.ends_with(".alliance"))
        .map(|name| format!("{dir}{name}"))
        .collect();
    out.sort();
    out
}
