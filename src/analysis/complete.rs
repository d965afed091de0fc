//! What may be typed at a place: attribute keys inside a state's braces, group kinds after a
//! group's name, names where a capital letter begins a word, otherwise keywords and
//! relations with their arity. The editor filters by what is typed; this decides the kind.

use super::{Analysis, Namespace};
use crate::program::Const;
use crate::session::Vocabulary;
use crate::syntax::{lex, GROUP_KINDS};

/// What a [`Completion`] offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Name,
    Relation,
    Keyword,
    Attribute,
    /// A kind of cooperation group (`technology`).
    GroupKind,
    Scenario,
}

/// One candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    /// A short note beside it: a state's display name, a relation's arity.
    pub detail: Option<String>,
    /// What to insert when it differs from the label (`defends(`).
    pub insert: Option<String>,
}

impl Completion {
    fn new(label: impl Into<String>, kind: CompletionKind) -> Completion {
        Completion {
            label: label.into(),
            kind,
            detail: None,
            insert: None,
        }
    }
}

/// The candidates at byte `offset` of `text` (the file as the editor holds it).
pub fn completions(a: &Analysis, text: &str, offset: usize) -> Vec<Completion> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let word_len = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .count();
    let word = &before[before.len() - word_len..];
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..before.len() - word_len];
    let code = code_only(&before[..before.len() - word_len]);
    let words: Vec<&str> = code[code.rfind('\n').map_or(0, |i| i + 1)..]
        .split_whitespace()
        .collect();
    if attribute_place(&code, &words) {
        return attribute_keys();
    }
    if kind_place(&words) {
        return group_kinds(a);
    }
    // A scenario's `add` comes before a whole declaration.
    let first = words.iter().find(|w| **w != "add").copied().unwrap_or("");
    let vocab = Vocabulary::of(&a.checked);
    if word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return names(a, &vocab);
    }
    let mut out = keywords_and_relations(a);
    if word.is_empty() {
        out.extend(names(a, &vocab));
    }
    if first == "scenario" || line.contains(":scenario") {
        out.extend(
            vocab
                .scenarios
                .iter()
                .map(|s| Completion::new(s, CompletionKind::Scenario)),
        );
    }
    out
}

/// `text` with the inside of strings and comments blanked out (each byte a space, so offsets
/// stay), so that braces and words in them are not taken for code.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut string, mut comment) = (false, false);
    for c in text.chars() {
        let blank = match c {
            '\n' => {
                comment = false;
                false
            }
            '"' if !comment => {
                string = !string;
                false
            }
            '#' if !string => {
                comment = true;
                true
            }
            _ => string || comment,
        };
        if blank {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether an attribute key goes where the word being typed starts (`code` is the text before
/// it, from [`code_only`]; `words` those of its last line): after `set NAME` in a scenario, or
/// inside the braces of a `state` declaration (however many lines it spans) at the start of an
/// attribute: just after `{` or `,`, or first on a line.
fn attribute_place(code: &str, words: &[&str]) -> bool {
    if let [.., "set", target] = words {
        return target.starts_with(|c: char| c.is_ascii_uppercase());
    }
    let mut open = Vec::new();
    for (i, c) in code.char_indices() {
        match c {
            '{' => open.push(i),
            '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    let Some(&brace) = open.last() else {
        return false;
    };
    // The braces belong to the last statement word written before them.
    let owner = code[..brace]
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .rev()
        .find(|w| STATEMENT_WORDS.contains(w));
    if owner != Some("state") {
        return false;
    }
    let inside = code[brace + 1..].trim_end_matches([' ', '\t']);
    inside.trim().is_empty() || inside.ends_with([',', '\n'])
}

/// Words that begin a statement, or a part of one with braces of its own.
const STATEMENT_WORDS: &[&str] = &[
    "state", "treaty", "pact", "group", "bloc", "scenario", "then", "fact", "rule",
];

/// Whether a group's kind goes here: after `group NAME`, or after a kind and a comma (on the
/// line's last `group`, which may follow a scenario's `add`).
fn kind_place(words: &[&str]) -> bool {
    let Some(at) = words.iter().rposition(|w| *w == "group") else {
        return false;
    };
    let group = &words[at..];
    match group {
        ["group", name] => name.starts_with(|c: char| c.is_ascii_uppercase()),
        ["group", _, .., last] => last.ends_with(',') && !group.iter().any(|w| w.contains('{')),
        _ => false,
    }
}

fn attribute_keys() -> Vec<Completion> {
    crate::check::KNOWN_ATTRS
        .iter()
        .map(|(key, kind)| Completion {
            detail: Some(format!("standard attribute: {}", kind.describe())),
            insert: Some(format!("{key}: ")),
            ..Completion::new(*key, CompletionKind::Attribute)
        })
        .collect()
}

/// The common kinds of group, then the others the world's groups use.
fn group_kinds(a: &Analysis) -> Vec<Completion> {
    let program = &a.checked.program;
    let mut used: Vec<String> = program
        .facts
        .iter()
        .filter(|f| Some(f.rel) == program.theory.group)
        .filter_map(|f| match f.args.get(1) {
            Some(Const::Sym(k)) => Some(k.to_string()),
            _ => None,
        })
        .filter(|k| !GROUP_KINDS.contains(&k.as_str()))
        .collect();
    used.sort();
    used.dedup();
    let common = GROUP_KINDS.iter().map(|k| Completion {
        detail: Some("a common kind of group".into()),
        ..Completion::new(*k, CompletionKind::GroupKind)
    });
    let used = used.into_iter().map(|k| Completion {
        detail: Some("a kind this world's groups use".into()),
        ..Completion::new(k, CompletionKind::GroupKind)
    });
    common.chain(used).collect()
}

fn names(a: &Analysis, vocab: &Vocabulary) -> Vec<Completion> {
    let program = &a.checked.program;
    vocab
        .names
        .iter()
        .map(|n| {
            let display = crate::source::Sym::find(n)
                .and_then(|s| program.states.get(&s))
                .and_then(|info| info.display);
            Completion {
                detail: display.map(|d| d.to_string()),
                ..Completion::new(n, CompletionKind::Name)
            }
        })
        .collect()
}

fn keywords_and_relations(a: &Analysis) -> Vec<Completion> {
    let keywords = lex::KEYWORDS
        .iter()
        .map(|k| Completion::new(*k, CompletionKind::Keyword));
    let relations = a.checked.program.relations.iter().map(|r| Completion {
        detail: Some(signature(a, r.name).unwrap_or_else(|| {
            format!(
                "{}/{}: {}",
                r.name,
                r.arity,
                crate::words::plural(r.arity, "argument", "arguments")
            )
        })),
        insert: Some(format!("{}(", r.name)),
        ..Completion::new(r.name.as_str(), CompletionKind::Relation)
    });
    keywords.chain(relations).collect()
}

/// A relation's head as its first rule writes it (`defends(a, b)`): the names of its
/// arguments say more than their count.
fn signature(a: &Analysis, name: crate::source::Sym) -> Option<String> {
    let def = a
        .definitions(Namespace::Relation, name)
        .into_iter()
        .next()?;
    let text = &a.checked.sources.get(def.span.file).text;
    let head = text.get(def.span.start as usize..)?;
    let end = head.find(')')?;
    let head = &head[..=end];
    // A fact's head holds constants, not argument names.
    let args = head.get(name.as_str().len() + 1..end)?;
    let words = args
        .split(',')
        .all(|w| w.trim().starts_with(|c: char| c.is_ascii_lowercase()));
    (words && !head.contains('\n')).then(|| head.to_string())
}
