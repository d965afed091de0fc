//! The outline of a file: its states, commitments, rules and scenarios, for an editor's
//! symbol list and breadcrumbs.

use super::Analysis;
use crate::source::{FileId, Span};
use crate::syntax::ast::Stmt;

/// What kind of statement a [`Symbol`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    State,
    /// A pact, group or bloc: a named set of states.
    Collection,
    /// A treaty, partnership, threat or deployment.
    Commitment,
    /// A rule or a `fact`.
    Rule,
    Scenario,
    /// A query or an expectation.
    Question,
}

/// One entry of the outline.
#[derive(Clone, Debug, PartialEq)]
pub struct Symbol {
    pub name: String,
    pub kind: SymbolKind,
    /// The whole statement.
    pub span: Span,
    /// The part to select when the entry is chosen: its name, or the whole statement.
    pub selection: Span,
}

/// Longest a statement's text may be as an outline entry's name.
const NAME_CHARS: usize = 60;

/// The outline of one file, in the order it is written.
pub fn outline(a: &Analysis, file: FileId) -> Vec<Symbol> {
    let Some((_, parsed)) = a.checked.files.iter().find(|(id, _)| *id == file) else {
        return Vec::new();
    };
    let words = |span: Span| {
        let text = crate::report::one_line(a.checked.sources.text(span));
        match text.char_indices().nth(NAME_CHARS) {
            Some((i, _)) => format!("{}...", &text[..i]),
            None => text,
        }
    };
    let mut out = Vec::new();
    for stmt in &parsed.stmts {
        let (kind, name, selection) = match &stmt.node {
            Stmt::State { name, .. } => (SymbolKind::State, name.node.to_string(), name.span),
            Stmt::Pact { name, .. } | Stmt::Group { name, .. } | Stmt::Bloc { name, .. } => {
                (SymbolKind::Collection, name.node.to_string(), name.span)
            }
            Stmt::Treaty { .. }
            | Stmt::Partner { .. }
            | Stmt::Threat { .. }
            | Stmt::Troops { .. } => (SymbolKind::Commitment, words(stmt.span), stmt.span),
            Stmt::Rule { head, .. } | Stmt::Fact(head) => {
                (SymbolKind::Rule, words(head.span), head.rel.span)
            }
            Stmt::Scenario { name, .. } => (SymbolKind::Scenario, name.node.to_string(), name.span),
            Stmt::If { .. } => (SymbolKind::Scenario, words(stmt.span), stmt.span),
            Stmt::Ask(_) => (SymbolKind::Question, words(stmt.span), stmt.span),
            Stmt::SetParam { .. } | Stmt::Import(_) | Stmt::NoPrelude | Stmt::AsOf(_) => continue,
        };
        out.push(Symbol {
            name,
            kind,
            span: stmt.span,
            selection,
        });
    }
    out
}
