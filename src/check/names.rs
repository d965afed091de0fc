//! Declared names: states, pacts, groups, blocs, the kinds of groups, and names declared by
//! use (attribute values, constants in facts). Unknown names get a "did you mean".

use indexmap::IndexMap;

use super::Ctx;
use crate::diag::{Code, Diag};
use crate::source::{Span, Spanned, Sym};
use crate::syntax::ast::{Change, Stmt, Term, Value};

/// What a capitalised name was declared as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    State,
    Pact,
    Group,
    Bloc,
    /// Declared by use: an attribute value (`region: Asia`) or a constant in a `fact`.
    Value,
}

impl NameKind {
    pub fn describe(self) -> &'static str {
        match self {
            NameKind::State => "a state",
            NameKind::Pact => "a pact",
            NameKind::Group => "a group",
            NameKind::Bloc => "a bloc",
            NameKind::Value => "a value",
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Names {
    pub declared: IndexMap<Sym, (NameKind, Span)>,
    /// Kind words of groups (`technology`): constants in the script's rules.
    pub kinds: IndexMap<Sym, Span>,
}

/// The closest candidate to `name`, if one is close enough to be a likely typo.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let lower = name.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let score = if c.to_lowercase() == lower {
            1.0
        } else {
            strsim::jaro_winkler(&lower, &c.to_lowercase())
        };
        if score >= 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c.to_string())
}

impl Ctx {
    /// First pass: records every name a statement declares.
    pub(super) fn declare(&mut self, stmt: &Spanned<Stmt>) {
        match &stmt.node {
            Stmt::State { name, attrs, .. } => {
                self.declare_name(name, NameKind::State);
                for attr in attrs.iter().flatten() {
                    self.declare_value(&attr.value);
                }
            }
            Stmt::Pact { name, .. } => self.declare_name(name, NameKind::Pact),
            Stmt::Group { name, kinds, .. } => {
                self.declare_name(name, NameKind::Group);
                for kind in kinds {
                    self.declare_kind(kind);
                }
            }
            Stmt::Bloc { name, .. } => self.declare_name(name, NameKind::Bloc),
            Stmt::Fact(atom) => self.declare_constants(atom),
            Stmt::Rule { head, body } if body.is_empty() => self.declare_constants(head),
            Stmt::Scenario { changes, .. } | Stmt::If { changes, .. } => {
                // Kinds of groups added in a scenario are constant words too.
                for change in changes {
                    if let Change::Add(inner) = &change.node {
                        if let Stmt::Group { kinds, .. } = &inner.node {
                            for kind in kinds {
                                self.declare_kind(kind);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Names in a `fact` (or a rule without a body) are declared by that use.
    pub(super) fn declare_constants(&mut self, atom: &crate::syntax::ast::Atom) {
        for arg in &atom.args {
            if let Term::Name(n) = arg.node {
                self.names
                    .declared
                    .entry(n)
                    .or_insert((NameKind::Value, arg.span));
            }
        }
    }

    /// A kind of group becomes a constant word in every rule, so it may not be a keyword.
    fn declare_kind(&mut self, kind: &Spanned<Sym>) {
        let word = kind.node.as_str();
        let constant = super::world::CONSTANT_WORDS.contains(&word);
        if crate::syntax::lex::KEYWORDS.contains(&word) && !constant {
            self.diags.push(
                Diag::error(Code::KeywordAsVariable, format!("`{word}` is a keyword and cannot name a kind of group"))
                    .label(kind.span, "a keyword")
                    .help("name the kind of cooperation with another word, such as `intelligence`, `technology` or `exercises`"),
            );
            return;
        }
        self.names.kinds.entry(kind.node).or_insert(kind.span);
    }

    pub(super) fn declare_value(&mut self, value: &Spanned<Value>) {
        if let Value::Name(n) = value.node {
            self.names
                .declared
                .entry(n)
                .or_insert((NameKind::Value, value.span));
        }
    }

    pub(super) fn declare_name(&mut self, name: &Spanned<Sym>, kind: NameKind) {
        match self.names.declared.get(&name.node) {
            Some(&(NameKind::Value, _)) | None => {
                self.names.declared.insert(name.node, (kind, name.span));
            }
            Some(&(first_kind, first)) => {
                let what = if first_kind == kind {
                    format!("`{}` is declared twice", name.node)
                } else {
                    format!(
                        "`{}` is declared twice, as {} and as {}",
                        name.node,
                        first_kind.describe(),
                        kind.describe()
                    )
                };
                let help = if first_kind == kind {
                    "each name is declared once; to try a different declaration, use a scenario with `add`"
                } else {
                    "one name cannot stand for two things: give one of them another name"
                };
                self.diags.push(
                    Diag::error(Code::DuplicateDeclaration, what)
                        .label(name.span, "declared again here")
                        .label(first, "first declared here")
                        .help(help),
                );
            }
        }
    }

    /// Checks that `name` is declared as one of `kinds`; reports an unknown name or the wrong kind.
    pub(super) fn expect_name(
        &mut self,
        name: &Spanned<Sym>,
        kinds: &[NameKind],
        role: &str,
    ) -> bool {
        match self.names.declared.get(&name.node) {
            Some((kind, _)) if kinds.contains(kind) => {
                if *kind == NameKind::State {
                    self.used.insert(name.node);
                }
                true
            }
            Some((NameKind::Value, first)) if kinds.contains(&NameKind::State) => {
                self.diags.push(
                    Diag::error(
                        Code::UnknownName,
                        format!("`{}` is not declared as a state", name.node),
                    )
                    .label(name.span, format!("{role} must be a declared state"))
                    .label(*first, "only used as a value here")
                    .help(format!("declare it: `state {}`", name.node)),
                );
                false
            }
            Some((kind, first)) => {
                let expected: Vec<String> =
                    kinds.iter().map(|k| k.describe().to_string()).collect();
                let expected = match expected.as_slice() {
                    [init @ .., last] if !init.is_empty() => {
                        format!("{} or {last}", init.join(", "))
                    }
                    _ => expected.join(""),
                };
                self.diags.push(
                    Diag::error(
                        Code::WrongKind,
                        format!("`{}` is {}, but {role} must be {expected}", name.node, kind.describe()),
                    )
                    .label(name.span, format!("{} here", kind.describe()))
                    .label(*first, "declared here")
                    .help(match kind {
                        NameKind::Pact | NameKind::Group | NameKind::Bloc => format!(
                            "`{}` is a collection of states; to put a state in it, list the state in its braces, or use `STATE joins {}` in a scenario",
                            name.node, name.node
                        ),
                        _ => "name a pact, group or bloc here, such as `Canada leaves NATO`".to_string(),
                    }),
                );
                false
            }
            None => {
                self.unknown_name(name, kinds);
                false
            }
        }
    }

    pub(super) fn unknown_name(&mut self, name: &Spanned<Sym>, kinds: &[NameKind]) {
        let candidates: Vec<&str> = self
            .names
            .declared
            .iter()
            .filter(|(_, (k, _))| kinds.contains(k) || kinds.is_empty())
            .map(|(n, _)| n.as_str())
            .collect();
        let mut d = Diag::error(Code::UnknownName, format!("unknown name `{}`", name.node))
            .label(name.span, "not declared anywhere");
        let lower = name.node.as_str().to_lowercase();
        if let Some(kind) = self.names.kinds.keys().find(|k| k.as_str() == lower) {
            self.diags.push(d.help(format!(
                "did you mean the kind `{kind}`? Kinds of groups are written in lower case"
            )));
            return;
        }
        d = match suggest(name.node.as_str(), candidates) {
            Some(s) => d.help(format!("did you mean `{s}`?")).fix(name.span, s),
            None if kinds.first() == Some(&NameKind::State) => {
                d.help(format!("declare it first: `state {}`", name.node))
            }
            None => d.help("names are declared by `state`, `pact`, `group` and `bloc`"),
        };
        self.diags.push(d);
    }
}
