//! What may be typed at a place: attribute keys inside a state's braces, group kinds after a
//! group's name, names where a capital letter begins a word, otherwise keywords and
//! relations with their arity. The editor filters by what is typed; this decides the kind.

use super::{Analysis, Namespace};
use crate::program::Const;
use crate::session::Vocabulary;
use crate::syntax::lex;

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
    let first = line.split_whitespace().next().unwrap_or("");
    let last = line.trim_end().chars().last();
    let vocab = Vocabulary::of(&a.checked);
    if first == "state" && line.contains('{') && matches!(last, Some('{' | ',')) {
        return attribute_keys();
    }
    if first == "group" && !line.contains('{') && line.split_whitespace().count() >= 2 {
        return group_kinds(a);
    }
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

fn attribute_keys() -> Vec<Completion> {
    crate::check::KNOWN_ATTRS
        .iter()
        .map(|(key, _)| Completion {
            detail: Some("standard attribute".into()),
            insert: Some(format!("{key}: ")),
            ..Completion::new(*key, CompletionKind::Attribute)
        })
        .collect()
}

/// The kinds the world's groups already use.
fn group_kinds(a: &Analysis) -> Vec<Completion> {
    let program = &a.checked.program;
    let mut kinds: Vec<String> = program
        .facts
        .iter()
        .filter(|f| Some(f.rel) == program.theory.group)
        .filter_map(|f| match f.args.get(1) {
            Some(Const::Sym(k)) => Some(k.to_string()),
            _ => None,
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
        .into_iter()
        .map(|k| Completion::new(k, CompletionKind::GroupKind))
        .collect()
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
