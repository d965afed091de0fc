//! From pest's pairs to the syntax tree. The grammar guarantees the shape of every pair, so
//! a pair that is not where it should be means a bug in this file, never in the user's input;
//! such places fall back to an empty value instead of panicking.

use pest::iterators::{Pair, Pairs};
use rust_decimal::Decimal;

use super::ast::*;
use super::values::{plain, unescape};
use super::Rule;
use crate::diag::{Code, Diag};
use crate::source::{FileId, Span, Spanned, Sym};

/// The clauses written after a declaration's parties, gathered in any order.
#[derive(Default)]
struct Clauses {
    dates: Dates,
    conditions: Conditions,
    provoked: Option<Span>,
}

/// Turns the pairs of one statement into a [`Stmt`]. `offset` is where the parsed slice
/// starts in the file, since statements are parsed one at a time.
pub struct Builder {
    pub file: FileId,
    pub offset: usize,
    pub diags: Vec<Diag>,
}

impl Builder {
    pub(super) fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        let (input, start, end) = (s.get_input().as_bytes(), s.start(), s.end());
        // Space or a comment swallowed at the end of a pair always ends in white space (the
        // newline after a comment included) or at the end of the input. Most pairs end on
        // code, and need no backward scan.
        let on_code = start < end
            && end < input.len()
            && !matches!(input[end - 1], b' ' | b'\t' | b'\r' | b'\n');
        let end = if on_code {
            end
        } else {
            super::lex::trim_end(s.get_input(), start, end)
        };
        Span::new(self.file, self.offset + start, self.offset + end)
    }

    pub(super) fn ident(&self, pair: &Pair<Rule>) -> Ident {
        Spanned::new(Sym::new(pair.as_str()), self.span(pair))
    }

    pub fn statement(&mut self, pair: Pair<Rule>) -> Spanned<Stmt> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut inner = pair.into_inner();
        let stmt = match rule {
            Rule::no_prelude => Stmt::NoPrelude,
            Rule::state_decl => {
                skip_keyword(&mut inner);
                let name = self.next_ident(&mut inner);
                let mut display = None;
                let mut attrs = None;
                let mut clauses = Clauses::default();
                for p in inner {
                    match p.as_rule() {
                        Rule::string => display = Some(self.string(p)),
                        Rule::attrs => attrs = Some(self.attrs(p)),
                        _ => self.clause(p, &mut clauses),
                    }
                }
                Stmt::State {
                    name,
                    display,
                    dates: clauses.dates,
                    attrs,
                }
            }
            Rule::treaty_decl => {
                skip_keyword(&mut inner);
                let a = self.next_ident(&mut inner);
                let b = self.next_ident(&mut inner);
                let direction = inner.next().map(|p| {
                    let d = if p.as_str() == "mutual" {
                        Direction::Mutual
                    } else {
                        Direction::OneWay
                    };
                    Spanned::new(d, self.span(&p))
                });
                let direction = direction.unwrap_or(Spanned::new(Direction::Mutual, span));
                let mut obligation = None;
                let mut attrs = None;
                let mut clauses = Clauses::default();
                for p in inner {
                    match p.as_rule() {
                        Rule::obligation => obligation = Some(self.obligation(&p)),
                        Rule::attrs => attrs = Some(self.attrs(p)),
                        _ => self.clause(p, &mut clauses),
                    }
                }
                Stmt::Treaty {
                    a,
                    b,
                    direction,
                    obligation,
                    conditions: clauses.conditions,
                    dates: clauses.dates,
                    attrs,
                }
            }
            Rule::pact_decl => {
                skip_keyword(&mut inner);
                let name = self.next_ident(&mut inner);
                let mut obligation = None;
                let mut members = Vec::new();
                let mut attrs = None;
                let mut clauses = Clauses::default();
                for p in inner {
                    match p.as_rule() {
                        Rule::obligation => obligation = Some(self.obligation(&p)),
                        Rule::members => members = self.members(p),
                        Rule::attrs => attrs = Some(self.attrs(p)),
                        _ => self.clause(p, &mut clauses),
                    }
                }
                Stmt::Pact {
                    name,
                    obligation,
                    conditions: clauses.conditions,
                    dates: clauses.dates,
                    members,
                    attrs,
                }
            }
            Rule::group_decl => {
                skip_keyword(&mut inner);
                let name = self.next_ident(&mut inner);
                let kinds = inner.next().map(|p| self.idents(p)).unwrap_or_default();
                let mut members = Vec::new();
                let mut clauses = Clauses::default();
                for p in inner {
                    match p.as_rule() {
                        Rule::members => members = self.members(p),
                        _ => self.clause(p, &mut clauses),
                    }
                }
                Stmt::Group {
                    name,
                    kinds,
                    dates: clauses.dates,
                    members,
                }
            }
            Rule::bloc_decl => {
                skip_keyword(&mut inner);
                let name = self.next_ident(&mut inner);
                let mut members = Vec::new();
                let mut clauses = Clauses::default();
                for p in inner {
                    match p.as_rule() {
                        Rule::members => members = self.members(p),
                        _ => self.clause(p, &mut clauses),
                    }
                }
                Stmt::Bloc {
                    name,
                    dates: clauses.dates,
                    members,
                }
            }
            Rule::partner_decl => {
                skip_keyword(&mut inner);
                let a = self.next_ident(&mut inner);
                let b = self.next_ident(&mut inner);
                let mut clauses = Clauses::default();
                for p in inner {
                    self.clause(p, &mut clauses);
                }
                Stmt::Partner {
                    a,
                    b,
                    dates: clauses.dates,
                }
            }
            Rule::threat_decl => {
                skip_keyword(&mut inner);
                let by = self.next_ident(&mut inner);
                skip_keyword(&mut inner);
                let targets = inner.next().map(|p| self.idents(p)).unwrap_or_default();
                let mut clauses = Clauses::default();
                for p in inner {
                    self.clause(p, &mut clauses);
                }
                Stmt::Threat {
                    by,
                    targets,
                    provoked: clauses.provoked,
                    dates: clauses.dates,
                }
            }
            Rule::troops_decl => {
                skip_keyword(&mut inner);
                let a = self.next_ident(&mut inner);
                skip_keyword(&mut inner);
                let b = self.next_ident(&mut inner);
                let count = match inner.next() {
                    Some(p) => {
                        let s = self.span(&p);
                        Spanned::new(self.number(&p), s)
                    }
                    None => Spanned::new(plain(Decimal::ZERO), span),
                };
                let mut clauses = Clauses::default();
                for p in inner {
                    self.clause(p, &mut clauses);
                }
                Stmt::Troops {
                    a,
                    b,
                    count,
                    dates: clauses.dates,
                }
            }
            Rule::as_of => Stmt::AsOf(self.as_of(inner, span)),
            Rule::fact_decl => {
                skip_keyword(&mut inner);
                Stmt::Fact(self.next_atom(&mut inner, span))
            }
            Rule::import_decl => {
                skip_keyword(&mut inner);
                let path = match inner.next() {
                    Some(p) => self.string(p),
                    None => Spanned::new(Sym::new(""), span),
                };
                Stmt::Import(path)
            }
            Rule::rule_decl => {
                skip_keyword(&mut inner);
                let head = self.next_atom(&mut inner, span);
                skip_keyword(&mut inner);
                let body = inner.next().map(|p| self.literals(p)).unwrap_or_default();
                Stmt::Rule { head, body }
            }
            Rule::query | Rule::expect => Stmt::Ask(self.ask(rule, inner, span)),
            Rule::set_param => {
                skip_keyword(&mut inner);
                let name = self.next_ident(&mut inner);
                let value = self.next_value(&mut inner, span);
                Stmt::SetParam { name, value }
            }
            Rule::scenario_decl => {
                skip_keyword(&mut inner);
                let name = self.next_ident(&mut inner);
                let mut title = None;
                let mut changes = Vec::new();
                let mut body = None;
                for p in inner {
                    match p.as_rule() {
                        Rule::string => title = Some(self.string(p)),
                        Rule::body => body = Some(self.body(p)),
                        Rule::kw_then => {}
                        _ => changes.push(self.change(p)),
                    }
                }
                Stmt::Scenario {
                    name,
                    title,
                    changes,
                    body,
                }
            }
            Rule::if_decl => {
                let mut changes = Vec::new();
                let mut body = Body {
                    braced: false,
                    asks: Vec::new(),
                };
                for p in inner {
                    match p.as_rule() {
                        Rule::kw_if | Rule::kw_and | Rule::kw_then => {}
                        Rule::body => body = self.body(p),
                        _ => changes.push(self.change(p)),
                    }
                }
                Stmt::If { changes, body }
            }
            _ => Stmt::NoPrelude,
        };
        Spanned::new(stmt, span)
    }

    fn ask(&mut self, rule: Rule, mut inner: Pairs<Rule>, span: Span) -> Ask {
        if rule == Rule::query {
            return match inner.next() {
                Some(p) if p.as_rule() == Rule::why_query => {
                    let mut parts = p.into_inner();
                    skip_keyword(&mut parts);
                    Ask::Why(self.next_atom(&mut parts, span))
                }
                Some(p) => Ask::Query(self.literals(p)),
                None => Ask::Query(Vec::new()),
            };
        }
        skip_keyword(&mut inner);
        let mut negated = false;
        let mut literals = Vec::new();
        for p in inner {
            match p.as_rule() {
                Rule::expect_not => negated = true,
                _ => literals = self.literals(p),
            }
        }
        Ask::Expect { negated, literals }
    }

    fn body(&mut self, pair: Pair<Rule>) -> Body {
        let braced = pair.as_str().starts_with('{');
        let asks = pair
            .into_inner()
            .map(|p| {
                let span = self.span(&p);
                let rule = p.as_rule();
                Spanned::new(self.ask(rule, p.into_inner(), span), span)
            })
            .collect();
        Body { braced, asks }
    }

    fn change(&mut self, pair: Pair<Rule>) -> Spanned<Change> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let parts: Vec<Pair<Rule>> = pair.into_inner().collect();
        let targets: Vec<Spanned<Target>> = parts
            .iter()
            .filter(|p| p.as_rule() == Rule::target)
            .map(|p| self.target(p))
            .collect();
        let hub = Spanned::new(Target::Hub, span);
        let first = targets.first().cloned().unwrap_or(hub.clone());
        let name = || {
            parts
                .iter()
                .find(|p| p.as_rule() == Rule::name)
                .map(|p| self.ident(p))
        };
        let group = name().unwrap_or(Spanned::new(Sym::new(""), span));
        let change = match rule {
            Rule::remove => Change::Remove {
                target: first,
                postfix: false,
            },
            Rule::removed => Change::Remove {
                target: first,
                postfix: true,
            },
            Rule::leaves => Change::Leaves {
                target: first,
                group,
            },
            Rule::joins => Change::Joins {
                target: first,
                group,
            },
            Rule::cancelled => Change::Cancelled {
                a: first,
                b: targets.get(1).cloned().unwrap_or(hub),
            },
            Rule::as_of => Change::AsOf(self.as_of(parts.into_iter(), span)),
            Rule::set_param => {
                let name = parts
                    .iter()
                    .find(|p| p.as_rule() == Rule::word)
                    .map(|p| self.ident(p));
                let name = name.unwrap_or(Spanned::new(Sym::new(""), span));
                let value = match parts.into_iter().last() {
                    Some(p) => self.value(p),
                    None => Spanned::new(Value::Bool(false), span),
                };
                Change::SetParam { name, value }
            }
            Rule::add_stmt => {
                let stmt = parts.into_iter().find(|p| p.as_rule() != Rule::kw_add);
                let stmt = match stmt {
                    Some(p) => self.statement(p),
                    None => Spanned::new(Stmt::NoPrelude, span),
                };
                Change::Add(Box::new(stmt))
            }
            _ => {
                let key = parts
                    .iter()
                    .find(|p| p.as_rule() == Rule::word)
                    .map(|p| self.ident(p));
                let key = key.unwrap_or(Spanned::new(Sym::new(""), span));
                let value_pair = parts.into_iter().last();
                let value = match value_pair {
                    Some(p) => self.value(p),
                    None => Spanned::new(Value::Bool(false), span),
                };
                Change::Set {
                    target: first,
                    key,
                    value,
                }
            }
        };
        Spanned::new(change, span)
    }

    fn target(&self, pair: &Pair<Rule>) -> Spanned<Target> {
        let span = self.span(pair);
        let text = pair.as_str();
        let target = if text == "hub" {
            Target::Hub
        } else {
            Target::Name(Sym::new(text))
        };
        Spanned::new(target, span)
    }

    pub(super) fn next_ident(&self, inner: &mut Pairs<Rule>) -> Ident {
        match inner.next() {
            Some(p) => self.ident(&p),
            None => Spanned::new(Sym::new(""), Span::default()),
        }
    }

    pub(super) fn idents(&self, pair: Pair<Rule>) -> Vec<Ident> {
        pair.into_inner().map(|p| self.ident(&p)).collect()
    }

    pub(super) fn string(&self, pair: Pair<Rule>) -> Spanned<Sym> {
        let span = self.span(&pair);
        let raw = pair.into_inner().next().map(|p| p.as_str()).unwrap_or("");
        Spanned::new(Sym::new(&unescape(raw)), span)
    }

    pub(super) fn obligation(&self, pair: &Pair<Rule>) -> Spanned<Obligation> {
        let o = Obligation::parse(pair.as_str()).unwrap_or(Obligation::Defence);
        Spanned::new(o, self.span(pair))
    }

    fn attrs(&mut self, pair: Pair<Rule>) -> Vec<Attr> {
        let mut out = Vec::new();
        for attr in pair.into_inner() {
            let span = self.span(&attr);
            let mut parts = attr.into_inner();
            let key = self.next_ident(&mut parts);
            let rest: Vec<Pair<Rule>> = parts.collect();
            if rest
                .first()
                .is_some_and(|p| p.as_rule() == Rule::dated_value)
            {
                for dated in rest {
                    let mut inner = dated.into_inner();
                    let value = self.next_value(&mut inner, span);
                    // A value whose year is not one is left out: its error says so, and a
                    // year made up for it would only bring errors about the order of years.
                    match inner.next().map(|p| self.year(&p, "@")) {
                        Some(Some(at)) => out.push(Attr {
                            key,
                            value,
                            at: Some(at),
                        }),
                        Some(None) => {}
                        None => out.push(Attr {
                            key,
                            value,
                            at: None,
                        }),
                    }
                }
            } else {
                let value = match rest.into_iter().next() {
                    Some(p) => self.value(p),
                    None => Spanned::new(Value::Bool(false), span),
                };
                out.push(Attr {
                    key,
                    value,
                    at: None,
                });
            }
        }
        out
    }

    /// A member list: each member with its own years.
    fn members(&mut self, pair: Pair<Rule>) -> Vec<Member> {
        let mut out = Vec::new();
        for member in pair.into_inner() {
            let mut inner = member.into_inner();
            let name = self.next_ident(&mut inner);
            let mut clauses = Clauses::default();
            for p in inner {
                self.clause(p, &mut clauses);
            }
            out.push(Member {
                name,
                dates: clauses.dates,
            });
        }
        out
    }

    /// `as of YEAR`, as a statement or a change.
    fn as_of<'i>(
        &mut self,
        inner: impl Iterator<Item = Pair<'i, Rule>>,
        span: Span,
    ) -> Spanned<i32> {
        inner
            .filter(|p| p.as_rule() == Rule::number)
            .last()
            .and_then(|p| self.year(&p, "as of"))
            .unwrap_or(Spanned::new(0, span))
    }

    /// A year: a whole number without a unit (`1955`, or `-44` before the common era).
    fn year(&mut self, pair: &Pair<Rule>, word: &str) -> Option<Spanned<i32>> {
        let span = self.span(pair);
        let number = self.number(pair);
        // Written as digits alone: `1990.0` and `1_990` have whole values but are not years.
        let text = pair.as_str().strip_prefix('-').unwrap_or(pair.as_str());
        let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        let whole = digits && number.unit == Unit::Plain && number.value.fract().is_zero();
        let year = whole
            .then(|| i32::try_from(number.value.mantissa() / 10i128.pow(number.value.scale())).ok())
            .flatten()
            .filter(|y| y.abs() <= 99_999);
        match year {
            Some(y) => Some(Spanned::new(y, span)),
            None => {
                let label = if whole {
                    "a year has at most five digits"
                } else {
                    "a year is a whole number, in digits alone"
                };
                self.diags.push(
                    Diag::error(Code::BadYear, format!("`{}` is not a year", pair.as_str()))
                        .label(span, label)
                        .help(super::clauses::year_help(word)),
                );
                None
            }
        }
    }

    /// One clause of years or conditions, added to what the declaration has so far; a clause
    /// given twice is reported with both places.
    fn clause(&mut self, pair: Pair<Rule>, into: &mut Clauses) {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let (word, first) = match rule {
            Rule::from_clause => ("from", into.dates.from.map(|y| y.span)),
            Rule::until_clause => ("until", into.dates.until.map(|y| y.span)),
            Rule::against_clause => ("against", into.conditions.against.as_ref().map(|c| c.span)),
            Rule::region_clause => ("in", into.conditions.regions.as_ref().map(|c| c.span)),
            Rule::unless_provoked => ("unless provoked", into.conditions.unless_provoked),
            Rule::secret => ("secret", into.conditions.secret),
            Rule::provoked => ("provoked", into.provoked),
            _ => return,
        };
        if let Some(first) = first {
            self.diags.push(
                Diag::error(Code::RepeatedClause, format!("`{word}` is given twice"))
                    .label(span, "given again here")
                    .label(first, "first given here")
                    .help(match rule {
                        Rule::against_clause | Rule::region_clause => {
                            format!("list every name in one clause: `{word} A, B`")
                        }
                        _ => format!("keep one `{word}`"),
                    }),
            );
            return;
        }
        let names = |b: &Self, pair: Pair<Rule>| -> Vec<Ident> {
            pair.into_inner()
                .filter(|p| p.as_rule() == Rule::name)
                .map(|p| b.ident(&p))
                .collect()
        };
        match rule {
            Rule::from_clause | Rule::until_clause => {
                // A clause whose year is not one is left out (its error says why), so that
                // no check of the order of years reads a year made up for it.
                let year = pair
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::number)
                    .and_then(|p| self.year(&p, word));
                if rule == Rule::from_clause {
                    into.dates.from = year;
                } else {
                    into.dates.until = year;
                }
            }
            Rule::against_clause => {
                into.conditions.against = Some(Spanned::new(names(self, pair), span))
            }
            Rule::region_clause => {
                into.conditions.regions = Some(Spanned::new(names(self, pair), span))
            }
            Rule::unless_provoked => into.conditions.unless_provoked = Some(span),
            Rule::secret => into.conditions.secret = Some(span),
            _ => into.provoked = Some(span),
        }
    }
}

/// Keyword pairs carry no information beyond their position in the statement.
pub(super) fn skip_keyword(inner: &mut Pairs<Rule>) {
    if let Some(p) = inner.peek() {
        if is_keyword(p.as_rule()) {
            inner.next();
        }
    }
}

fn is_keyword(rule: Rule) -> bool {
    use Rule::*;
    matches!(
        rule,
        kw_state
            | kw_treaty
            | kw_pact
            | kw_group
            | kw_bloc
            | kw_partner
            | kw_threat
            | kw_against
            | kw_troops
            | kw_in
            | kw_fact
            | kw_import
            | kw_rule
            | kw_if
            | kw_and
            | kw_not
            | kw_then
            | kw_scenario
            | kw_remove
            | kw_removed
            | kw_leaves
            | kw_joins
            | kw_cancelled
            | kw_add
            | kw_set
            | kw_expect
            | kw_why
            | kw_hub
            | kw_no
            | kw_prelude
    )
}
