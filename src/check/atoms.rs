//! Atoms and their terms in rules, queries and expectations: the relation an atom names (with
//! did-you-mean and old names), its arity, the kinds of its arguments, and each term classified
//! as a variable or a constant word.

use super::names::NameKind;
use super::rules::Scope;
use super::Ctx;
use crate::diag::{Code, Diag};
use crate::program::{self as ir, Const, RelId, Term};
use crate::source::{Span, Spanned, Sym};
use crate::syntax::ast;
use crate::syntax::lex::KEYWORDS;
use crate::theory::rels;

const UNSAFE_HELP: &str = "a variable gets its value from a condition such as `state(x)` or `gdp(x, g)`, from `x = ...` or from an aggregate `x = sum ...`; add one anywhere in the body (the order of the conditions does not matter)";

impl Ctx {
    pub(super) fn relation(&mut self, atom: &ast::Atom) -> Option<RelId> {
        let mut name = atom.rel.node;
        // An old name of a relation of the standard theory still works, with a warning.
        let renamed = crate::theory::RENAMED
            .iter()
            .find(|(old, _)| *old == name.as_str())
            .map(|(_, new)| Sym::new(new))
            .filter(|new| {
                !self.program.relation_ids.contains_key(&name)
                    && self.program.relation_ids.contains_key(new)
            });
        if let Some(new) = renamed {
            self.diags.push(
                Diag::warning(
                    Code::RenamedRelation,
                    format!("`{name}` is now called `{new}`"),
                )
                .label(atom.rel.span, "the old name")
                .help(format!("write `{new}`: the old name still works, for now"))
                .fix(atom.rel.span, new.as_str()),
            );
            name = new;
        }
        let Some(&id) = self.program.relation_ids.get(&name) else {
            let candidates: Vec<&str> = self
                .program
                .relations
                .iter()
                .map(|r| r.name.as_str())
                .collect();
            let mut d = Diag::error(Code::UnknownRelation, format!("unknown relation `{name}`"))
                .label(atom.rel.span, "no fact, attribute or rule defines it");
            d = match super::suggest(name.as_str(), candidates) {
                Some(s) => d.help(format!("did you mean `{s}`?")).fix(atom.rel.span, s),
                None => d.help("relations come from declarations, attributes, `fact`s, rules and the standard theory (`alliance prelude` lists its relations)"),
            };
            self.diags.push(d);
            return None;
        };
        let arity = self.program.rel(id).arity;
        if arity != atom.args.len() {
            let mut d = Diag::error(
                Code::WrongArity,
                format!(
                    "`{name}` takes {}, but {} given here",
                    super::args(arity),
                    atom.args.len()
                ),
            )
            .label(atom.span, format!("{} here", super::args(atom.args.len())));
            if let Some(first) = self.program.rel(id).span {
                if first.file.0 != 0 {
                    d = d.label(first, format!("{} here", super::args(arity)));
                }
            }
            d = d.help(signature_help(name.as_str(), arity));
            self.diags.push(d);
            return None;
        }
        Some(id)
    }

    pub(super) fn atom(&mut self, atom: &ast::Atom, scope: &mut Scope) -> Option<ir::Atom> {
        let rel = self.relation(atom);
        if rel.is_some() {
            self.argument_kinds(atom);
        }
        let mut args = Vec::new();
        for arg in &atom.args {
            args.push(self.term(arg, scope));
        }
        let args: Option<Vec<Term>> = args.into_iter().collect();
        Some(ir::Atom {
            rel: rel?,
            args: args?,
            span: atom.span,
        })
    }

    /// A pact, group or bloc where a relation of the standard theory takes a state, or the
    /// other way round (`deters(Baltics, Russia)` for a group, `bloc_balance(NATO, ...)` for
    /// a pact): it matches nothing, in silence, so say which kind fits.
    pub(super) fn argument_kinds(&mut self, atom: &ast::Atom) {
        let name = atom.rel.node;
        let Some(kinds) = crate::theory::column_kinds(name.as_str()) else {
            return;
        };
        for (i, (arg, want)) in atom.args.iter().zip(kinds.chars()).enumerate() {
            let ast::Term::Name(n) = &arg.node else {
                continue;
            };
            let Some((kind, declared)) = self.names.declared.get(n).copied() else {
                continue;
            };
            let fits = match (want, kind) {
                ('-', _) | (_, NameKind::Value) => true,
                ('S', k) => k == NameKind::State,
                ('P', k) => k == NameKind::Pact,
                ('G', k) => k == NameKind::Group,
                ('B', k) => k == NameKind::Bloc,
                ('C', k) => k != NameKind::State,
                _ => true,
            };
            if fits {
                continue;
            }
            let wanted = match want {
                'S' => "a state",
                'P' => "a pact",
                'G' => "a group",
                'B' => "a bloc",
                _ => "a pact, group or bloc",
            };
            // The same question asked of each member, when a collection stands for its states.
            let shown: Vec<String> = atom
                .args
                .iter()
                .enumerate()
                .map(|(j, a)| {
                    if j == i {
                        "x".to_string()
                    } else {
                        term_text(&a.node)
                    }
                })
                .collect();
            let help = match (want, kind) {
                ('S', _) => format!(
                    "`{name}` is about states; to ask it of each member of `{n}`, write `member(x, {n}), {name}({})`",
                    shown.join(", ")
                ),
                ('B', _) => format!(
                    "`{name}` is about blocs, declared with `bloc`; for the members of `{n}` one by one, use `member(x, {n})` with `balance` or `deters`"
                ),
                _ => format!("`{name}` takes {wanted} in this place"),
            };
            self.diags.push(
                Diag::warning(
                    Code::WrongKind,
                    format!(
                        "`{n}` is {}, but `{name}` takes {wanted} here, so this matches nothing",
                        kind.describe()
                    ),
                )
                .label(arg.span, format!("{} here", kind.describe()))
                .label(declared, "declared here")
                .help(help),
            );
        }
    }

    /// Classifies a term: constant word, keyword (an error), name (must be known) or variable.
    pub(super) fn term(&mut self, t: &Spanned<ast::Term>, scope: &mut Scope) -> Option<Term> {
        match &t.node {
            ast::Term::Anon => Some(Term::Anon),
            ast::Term::Number(n) => Some(Term::Const(Const::Num(n.value, n.unit))),
            ast::Term::Str(s) => Some(Term::Const(Const::Str(*s))),
            ast::Term::Name(n) => {
                match self.names.declared.get(n) {
                    Some((NameKind::State, _)) => {
                        self.used.insert(*n);
                    }
                    Some(_) => {}
                    None => {
                        self.unknown_name(&Spanned::new(*n, t.span), &[]);
                        return None;
                    }
                }
                Some(Term::Const(Const::Sym(*n)))
            }
            ast::Term::Word(w) => {
                if let Some(c) = self.constant_word(*w) {
                    return Some(Term::Const(Const::Sym(c)));
                }
                if KEYWORDS.contains(&w.as_str()) {
                    self.diags.push(
                        Diag::error(
                            Code::KeywordAsVariable,
                            format!("`{w}` is a keyword and cannot be a variable"),
                        )
                        .label(t.span, "a keyword")
                        .help(format!(
                            "choose another variable name, such as `{}1` or `x`",
                            w
                        )),
                    );
                    return None;
                }
                if !scope.warned.contains(w) {
                    if let Some(name) = self.look_alike(*w) {
                        scope.warned.push(*w);
                        // In an expectation the variable makes it hold for anything at all,
                        // which passes in silence: an error there, a warning elsewhere.
                        let d = if scope.in_expect {
                            Diag::error(
                                Code::VariableLikeName,
                                format!(
                                    "`{w}` is a variable, so this expectation holds for anything"
                                ),
                            )
                        } else {
                            Diag::warning(
                                Code::VariableLikeName,
                                format!("`{w}` is a variable, so it matches anything"),
                            )
                        };
                        self.diags.push(
                            d.label(t.span, "lower-case: a variable")
                                .help(format!(
                                    "did you mean `{name}`? Names begin with a capital letter"
                                ))
                                .fix(t.span, name.as_str()),
                        );
                        if scope.in_expect {
                            return None;
                        }
                    }
                }
                Some(Term::Var(scope.var(*w)))
            }
        }
    }

    /// A declared name spelled like `word` apart from case. One-letter variables (`x`, `a`)
    /// are the usual way to write rules, so a state called `A` does not make them suspect.
    pub(super) fn look_alike(&self, word: Sym) -> Option<Sym> {
        if word.as_str().chars().count() < 2 {
            return None;
        }
        let lower = word.as_str().to_lowercase();
        self.names
            .declared
            .keys()
            .copied()
            .find(|n| n.as_str().to_lowercase() == lower)
    }

    pub(super) fn unsafe_var(&mut self, span: Span, name: &str, place: &str) {
        let help = match place {
            "in a comparison" => format!("{UNSAFE_HELP}; to give `{name}` a value here, write `{name} = ...` with `{name}` on the left"),
            "outside the braces" => format!("a variable inside an aggregate's braces that the rest of the body also names takes its value from the rest of the body: give `{name}` one there, such as `state({name})`, or rename it inside the braces so that it ranges over what they find"),
            _ => UNSAFE_HELP.to_string(),
        };
        self.diags.push(
            Diag::error(
                Code::UnsafeVariable,
                format!("`{name}` has no value {place}"),
            )
            .label(
                span,
                format!("no positive condition, assignment or aggregate in the body gives `{name}` a value"),
            )
            .help(help),
        );
    }
}

pub(super) fn arg_name(t: &Spanned<ast::Term>) -> String {
    match &t.node {
        ast::Term::Word(w) => w.as_str().to_string(),
        _ => "_".to_string(),
    }
}

/// Reminds the reader what the arguments of the standard relations are.
/// A term as written, for a help line.
fn term_text(term: &ast::Term) -> String {
    match term {
        ast::Term::Name(n) | ast::Term::Word(n) => n.as_str().to_string(),
        ast::Term::Anon => "_".to_string(),
        ast::Term::Number(n) => crate::fmt::number_text(n),
        ast::Term::Str(s) => crate::fmt::quote(s.as_str()),
    }
}

fn signature_help(name: &str, arity: usize) -> String {
    let sig = match name {
        rels::TREATY => "treaty(a, b, direction, obligation)",
        rels::DEFENDS => "defends(a, b): a must defend b",
        rels::BALANCE => "balance(x, t, r): x's power against threat t is r",
        rels::BLOC_BALANCE => "bloc_balance(b, t, r)",
        rels::COOPERATES => "cooperates(a, b, kind)",
        rels::TROOPS => "troops(a, b, n)",
        rels::MEMBER => "member(state, pact)",
        rels::POWER => "power(x, t, g): x's coalition against t has a combined GDP of g",
        rels::COALITION => "coalition(a, x, t): a counts in x's coalition against t",
        rels::OBLIGED => "obliged(a, x, t): a must defend x against t",
        rels::GDP => "gdp(x, g)",
        rels::EXPOSED => "exposed(x, t)",
        rels::DETERS => "deters(x, t)",
        rels::SPOKE => "spoke(x, hub)",
        _ => return format!("write `{name}` with {}", super::args(arity)),
    };
    format!("the form is `{sig}`")
}
