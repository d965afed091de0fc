//! What an editor asks of a checked world, answered in byte spans: where each name is
//! declared and used, what to say when the pointer rests on it, what the outline of a file is
//! and what may be typed next. The language server (`cli::lsp`) turns these
//! into the protocol's types; a browser page could use them as they are.

mod complete;
mod hover;
mod outline;
mod walk;

#[cfg(test)]
mod tests;

use crate::check::partial::{without_errors, Partial};
use crate::check::{Checked, PRELUDE};
use crate::eval::Options;
use crate::run::{run, Outcome, Selection};
use crate::source::{FileId, Span, Sym};
use crate::syntax::lex;

pub use complete::{completions, Completion, CompletionKind};
pub use outline::{outline, Symbol, SymbolKind};

/// What kind of thing a word names; one word may name things of different kinds
/// (`member` the relation, `Member` a state), so references are found by both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// A capitalised name: a state, pact, group, bloc, or a constant such as a region.
    Name,
    /// A relation: a rule's head, a `fact`, a condition, a state's attribute key.
    Relation,
    /// A named scenario.
    Scenario,
}

/// One place a name is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub ns: Namespace,
    pub name: Sym,
    pub span: Span,
    /// Whether it declares or defines the name (a `state`, a rule's head) rather than uses it.
    pub def: bool,
    /// The top-level statement it is written in.
    pub stmt: Span,
}

/// A checked world with what the editor needs to find its way in it. The world is evaluated
/// only when a question's answer or a state's conclusions are first asked for.
pub struct Analysis {
    pub checked: Checked,
    /// Every occurrence in the script's files and the prelude, by file and position.
    pub occurrences: Vec<Occurrence>,
    evaluated: std::cell::OnceCell<Option<Evaluated>>,
}

/// A world evaluated for hover: the analysis's own world, or, while it has errors, the part
/// of it that checks ([`crate::check::partial`]).
pub struct Evaluated {
    /// The world left without the statements that have errors; `None` when nothing is left out.
    partial: Option<Partial>,
    pub outcome: Outcome,
}

impl Evaluated {
    /// The world that was evaluated.
    pub fn checked<'a>(&'a self, analysis: &'a Analysis) -> &'a Checked {
        self.partial
            .as_ref()
            .map_or(&analysis.checked, |p| &p.checked)
    }

    /// What the evaluated world leaves out: each statement with an error, and each piece of
    /// text that did not parse.
    pub fn left_out(&self) -> &[Span] {
        self.partial.as_ref().map_or(&[], |p| &p.left_out)
    }
}

/// Evaluation for hover is bounded well below the command line's limit: a rule that never
/// ends must not stall the editor.
const MAX_FACTS: usize = 1_000_000;

impl Analysis {
    /// Indexes a checked world.
    pub fn new(checked: Checked) -> Analysis {
        let mut occurrences = Vec::new();
        if checked.program.prelude {
            let (prelude, _) = crate::syntax::parse_file(PRELUDE, FileId(0));
            walk::statements(&prelude.stmts, &mut occurrences);
        }
        for (_, file) in &checked.files {
            walk::statements(&file.stmts, &mut occurrences);
        }
        occurrences.sort_by_key(|o| (o.span.file, o.span.start));
        Analysis {
            checked,
            occurrences,
            evaluated: std::cell::OnceCell::new(),
        }
    }

    /// The world evaluated with its questions and scenarios answered: while it has errors,
    /// the part of it that checks. `None` when nothing of it checks or it cannot be evaluated.
    pub fn evaluated(&self) -> Option<&Evaluated> {
        self.evaluated
            .get_or_init(|| {
                let partial = if self.checked.has_errors() {
                    Some(without_errors(&self.checked)?)
                } else {
                    None
                };
                let options = Options {
                    max_facts: MAX_FACTS,
                    ..Options::default()
                };
                let checked = partial.as_ref().map_or(&self.checked, |p| &p.checked);
                let outcome = run(checked, &options, &Selection::All).ok()?;
                Some(Evaluated { partial, outcome })
            })
            .as_ref()
    }

    /// The file the editor knows as `name`, if the world read it.
    pub fn file(&self, name: &str) -> Option<FileId> {
        (0..self.checked.sources.len() as u32)
            .map(FileId)
            .find(|&id| self.checked.sources.get(id).name == name)
    }

    /// The occurrence at a byte offset (the end of a word counts, where a cursor rests after
    /// typing it).
    pub fn at(&self, file: FileId, offset: usize) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .filter(|o| o.span.file == file)
            .find(|o| (o.span.start as usize..=o.span.end as usize).contains(&offset))
    }

    /// Where a name of this kind is declared or defined (rule heads and facts, for a relation).
    pub fn definitions(&self, ns: Namespace, name: Sym) -> Vec<&Occurrence> {
        self.occurrences
            .iter()
            .filter(|o| o.ns == ns && o.name == name && o.def)
            .collect()
    }

    /// Every place a name of this kind is written, definitions included.
    pub fn references(&self, ns: Namespace, name: Sym) -> Vec<&Occurrence> {
        self.occurrences
            .iter()
            .filter(|o| o.ns == ns && o.name == name)
            .collect()
    }

    /// Text to show for the place at `offset` (Markdown), and the span it is about.
    pub fn hover(&self, file: FileId, offset: usize) -> Option<(Span, String)> {
        hover::hover(self, file, offset)
    }

    /// Why `name` cannot replace the name at `occurrence`, if it cannot: the standard theory's
    /// relations and the keywords stay as they are, and the new name must be written like the
    /// old (a capital first for a name).
    pub fn rename_refused(&self, occurrence: &Occurrence, name: &str) -> Option<String> {
        let in_theory = occurrence.ns == Namespace::Relation
            && crate::theory::RELATIONS
                .iter()
                .any(|r| r.name == occurrence.name.as_str());
        let in_prelude = self
            .references(occurrence.ns, occurrence.name)
            .iter()
            .any(|o| o.span.file == FileId(0) && self.checked.program.prelude);
        if in_theory || in_prelude {
            return Some(format!(
                "`{}` belongs to the standard theory and cannot be renamed",
                occurrence.name
            ));
        }
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let first_ok = match occurrence.ns {
            Namespace::Name => name.starts_with(|c: char| c.is_ascii_uppercase()),
            Namespace::Relation => name.starts_with(|c: char| c.is_ascii_lowercase()),
            Namespace::Scenario => name.starts_with(|c: char| c.is_ascii_alphabetic()),
        };
        if !first_ok || !name.chars().all(word) {
            let what = match occurrence.ns {
                Namespace::Name => "a name begins with a capital letter",
                Namespace::Relation => "a relation begins with a lower-case letter",
                Namespace::Scenario => "a scenario's name begins with a letter",
            };
            return Some(format!(
                "`{name}` cannot be used: {what} and holds only letters, digits and `_`"
            ));
        }
        if lex::KEYWORDS.contains(&name) {
            return Some(format!("`{name}` is a keyword"));
        }
        None
    }
}
