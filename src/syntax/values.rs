//! Values, numbers, atoms, terms, literals and arithmetic: the parts of a statement that
//! rules, questions, facts and attributes share, turned from pairs into syntax.

use std::cell::Cell;
use std::str::FromStr;
use std::sync::LazyLock;

use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};
use rust_decimal::Decimal;

use super::ast::*;
use super::build::{skip_keyword, Builder};
use super::lex::MAX_DEPTH;
use super::Rule;
use crate::diag::{Code, Diag};
use crate::source::{Span, Spanned, Sym};

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::add, Assoc::Left) | Op::infix(Rule::sub, Assoc::Left))
        .op(Op::infix(Rule::mul, Assoc::Left) | Op::infix(Rule::div, Assoc::Left))
        .op(Op::prefix(Rule::neg))
});

impl Builder {
    pub(super) fn next_value(&mut self, inner: &mut Pairs<Rule>, span: Span) -> Spanned<Value> {
        match inner.next() {
            Some(p) => self.value(p),
            None => Spanned::new(Value::Bool(false), span),
        }
    }

    pub(super) fn value(&mut self, pair: Pair<Rule>) -> Spanned<Value> {
        let span = self.span(&pair);
        let value = match pair.as_rule() {
            Rule::number => Value::Number(self.number(&pair)),
            Rule::string => Value::Str(self.string(pair).node),
            Rule::boolean => Value::Bool(matches!(pair.as_str(), "yes" | "true")),
            _ => Value::Name(Sym::new(pair.as_str())),
        };
        Spanned::new(value, span)
    }

    /// Reads `-28_500.5T`: underscores dropped, the unit applied exactly.
    pub(super) fn number(&mut self, pair: &Pair<Rule>) -> Number {
        let text = pair.as_str();
        let (digits, unit, scale, factor) = match text.as_bytes().last() {
            Some(b'T') => (
                &text[..text.len() - 1],
                Unit::Money,
                Scale::Trillion,
                1_000_000_000_000i64,
            ),
            Some(b'B') => (
                &text[..text.len() - 1],
                Unit::Money,
                Scale::Billion,
                1_000_000_000,
            ),
            Some(b'M') => (
                &text[..text.len() - 1],
                Unit::Money,
                Scale::Million,
                1_000_000,
            ),
            Some(b'%') => (&text[..text.len() - 1], Unit::Percent, Scale::None, 1),
            _ => (text, Unit::Plain, Scale::None, 1),
        };
        // Most numbers have no `_`: only those are copied.
        let cleaned: std::borrow::Cow<str> = if digits.contains('_') {
            digits
                .chars()
                .filter(|&c| c != '_')
                .collect::<String>()
                .into()
        } else {
            digits.into()
        };
        let parsed = Decimal::from_str(&cleaned).ok();
        if let Some(p) = parsed.filter(|p| !exactly(p, &cleaned)) {
            // Decimal rounds what it cannot hold (`0.000...0001` would silently become 0).
            self.diags.push(
                Diag::error(Code::NumberRange, format!("the number `{text}` has more digits than the language holds"))
                    .label(self.span(pair), format!("would be read as {}", p.normalize()))
                    .help("numbers hold at most 28 significant digits, and at most 28 after the decimal point: round it"),
            );
        }
        let value = parsed
            .and_then(|v| v.checked_mul(Decimal::from(factor)))
            .map(|v| v.normalize());
        match value {
            Some(value) => Number { value, unit, scale },
            None => {
                self.diags.push(
                    Diag::error(Code::NumberRange, format!("the number `{text}` is too large"))
                        .label(self.span(pair), "larger than any number the language holds")
                        .help("numbers go up to about 79 000 000 000 000 000 000 000 000 000; for money, T already means trillion: write `27.4T`, not the full amount followed by T"),
                );
                // The largest value stands in, so no later check trips over a made-up zero.
                Number {
                    value: Decimal::MAX,
                    unit,
                    scale,
                }
            }
        }
    }

    pub(super) fn next_atom(&mut self, inner: &mut Pairs<Rule>, span: Span) -> Atom {
        match inner.next() {
            Some(p) => self.atom(p),
            None => Atom {
                rel: Spanned::new(Sym::new(""), span),
                args: Vec::new(),
                span,
            },
        }
    }

    pub(super) fn atom(&mut self, pair: Pair<Rule>) -> Atom {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let rel = match inner.next().and_then(|open| open.into_inner().next()) {
            Some(word) => self.ident(&word),
            None => Spanned::new(Sym::new(""), span),
        };
        let args = inner.map(|p| self.term(p)).collect();
        Atom { rel, args, span }
    }

    pub(super) fn term(&mut self, pair: Pair<Rule>) -> Spanned<Term> {
        let span = self.span(&pair);
        let term = match pair.as_rule() {
            Rule::number | Rule::unsigned => Term::Number(self.number(&pair)),
            Rule::string => Term::Str(self.string(pair).node),
            Rule::name => Term::Name(Sym::new(pair.as_str())),
            Rule::anon => Term::Anon,
            _ => Term::Word(Sym::new(pair.as_str())),
        };
        Spanned::new(term, span)
    }

    pub(super) fn literals(&mut self, pair: Pair<Rule>) -> Vec<Spanned<Literal>> {
        pair.into_inner()
            .filter(|p| p.as_rule() != Rule::kw_and)
            .map(|p| self.literal(p))
            .collect()
    }

    pub(super) fn literal(&mut self, pair: Pair<Rule>) -> Spanned<Literal> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let literal = match rule {
            Rule::atom => Literal::Atom(self.atom(pair)),
            Rule::negated => {
                let mut inner = pair.into_inner();
                skip_keyword(&mut inner);
                Literal::Not(self.next_atom(&mut inner, span))
            }
            Rule::aggregate => {
                let mut inner = pair.into_inner();
                let var = self.next_ident(&mut inner);
                let op = match inner.next() {
                    Some(p) => {
                        let op = match p.as_str() {
                            "sum" => AggOp::Sum,
                            "count" => AggOp::Count,
                            "min" => AggOp::Min,
                            _ => AggOp::Max,
                        };
                        Spanned::new(op, self.span(&p))
                    }
                    None => Spanned::new(AggOp::Sum, span),
                };
                let expr = self.next_expr(&mut inner, span);
                let body = inner.next().map(|p| self.literals(p)).unwrap_or_default();
                Literal::Aggregate {
                    var,
                    op,
                    expr,
                    body,
                }
            }
            _ => {
                let mut inner = pair.into_inner();
                let lhs = self.next_expr(&mut inner, span);
                let op = match inner.next() {
                    Some(p) => {
                        let op = match p.as_str() {
                            "=" => CmpOp::Eq,
                            "!=" => CmpOp::Ne,
                            "<" => CmpOp::Lt,
                            "<=" => CmpOp::Le,
                            ">" => CmpOp::Gt,
                            _ => CmpOp::Ge,
                        };
                        Spanned::new(op, self.span(&p))
                    }
                    None => Spanned::new(CmpOp::Eq, span),
                };
                let rhs = self.next_expr(&mut inner, span);
                Literal::Compare { op, lhs, rhs }
            }
        };
        Spanned::new(literal, span)
    }

    pub(super) fn next_expr(&mut self, inner: &mut Pairs<Rule>, span: Span) -> Spanned<Expr> {
        match inner.next() {
            Some(p) => self.expr(p),
            None => Spanned::new(Expr::Term(Term::Anon), span),
        }
    }

    /// Builds an expression with the Pratt parser. A chain of operators longer than the
    /// nesting limit is cut off with a diagnostic, so the tree (and every later pass over it)
    /// stays shallow.
    pub(super) fn expr(&mut self, pair: Pair<Rule>) -> Spanned<Expr> {
        let span = self.span(&pair);
        let too_deep = Cell::new(false);
        let builder = std::cell::RefCell::new(&mut *self);
        let (expr, _) = PRATT
            .map_primary(|p| {
                let mut b = builder.borrow_mut();
                if p.as_rule() == Rule::expr {
                    let s = b.span(&p);
                    let inner = b.expr(p);
                    (Spanned::new(Expr::Paren(Box::new(inner)), s), 1)
                } else {
                    let t = b.term(p);
                    (Spanned::new(Expr::Term(t.node), t.span), 1)
                }
            })
            .map_prefix(|op, (rhs, depth): (Spanned<Expr>, usize)| {
                let s = builder.borrow().span(&op).to(rhs.span);
                deepen(&too_deep, depth, rhs, |r| Expr::Neg(Box::new(r)), s)
            })
            .map_infix(|(lhs, dl), op, (rhs, dr)| {
                let s = lhs.span.to(rhs.span);
                let bin = match op.as_rule() {
                    Rule::add => BinOp::Add,
                    Rule::sub => BinOp::Sub,
                    Rule::mul => BinOp::Mul,
                    _ => BinOp::Div,
                };
                if dl.max(dr) >= MAX_DEPTH {
                    too_deep.set(true);
                    return (lhs, dl);
                }
                (
                    Spanned::new(Expr::Bin(bin, Box::new(lhs), Box::new(rhs)), s),
                    dl.max(dr) + 1,
                )
            })
            .parse(pair.into_inner());
        if too_deep.get() {
            self.diags.push(too_deep_diag(span));
        }
        expr
    }
}

fn deepen(
    flag: &Cell<bool>,
    depth: usize,
    inner: Spanned<Expr>,
    wrap: impl FnOnce(Spanned<Expr>) -> Expr,
    span: Span,
) -> (Spanned<Expr>, usize) {
    if depth >= MAX_DEPTH {
        flag.set(true);
        return (inner, depth);
    }
    (Spanned::new(wrap(inner), span), depth + 1)
}

pub fn too_deep_diag(span: Span) -> Diag {
    Diag::error(
        Code::TooDeep,
        format!("this is nested more than {MAX_DEPTH} levels deep"),
    )
    .label(span, "too deeply nested")
    .help("split the expression into several steps with `v = ...` in the rule body")
}

pub(super) fn plain(value: Decimal) -> Number {
    Number {
        value,
        unit: Unit::Plain,
        scale: Scale::None,
    }
}

pub(super) fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `parsed` is exactly the number written as `digits` (a sign, digits, a point).
fn exactly(parsed: &Decimal, digits: &str) -> bool {
    let (negative, digits) = match digits.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, digits.strip_prefix('+').unwrap_or(digits)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let (int, frac) = (int.trim_start_matches('0'), frac.trim_end_matches('0'));
    let mut written = match (int.is_empty(), frac.is_empty()) {
        (true, true) => return parsed.is_zero(),
        (_, true) => int.to_string(),
        (true, false) => format!("0.{frac}"),
        (false, false) => format!("{int}.{frac}"),
    };
    if negative {
        written.insert(0, '-');
    }
    parsed.normalize().to_string() == written
}
