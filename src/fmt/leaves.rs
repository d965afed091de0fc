//! The leaves of the tree (names, strings, numbers, values, terms and scenario targets) and
//! the text each is written as.

use rust_decimal::Decimal;

use super::Printer;
use crate::source::{Spanned, Sym};
use crate::syntax::ast::{Ident, Number, Scale, Target, Term, Unit, Value};

impl Printer<'_> {
    pub(super) fn spanned<T>(&mut self, node: &Spanned<T>, text: &str) {
        self.token_at(node.span.start as usize, node.span.end as usize, text);
    }

    pub(super) fn ident(&mut self, ident: &Ident) {
        self.spanned(ident, ident.node.as_str());
    }

    pub(super) fn string(&mut self, s: &Spanned<Sym>) {
        self.spanned(s, &quote(s.node.as_str()));
    }

    pub(super) fn value(&mut self, value: &Spanned<Value>) {
        let text = self.grouped_as_written(value.span, value_text(&value.node));
        self.spanned(value, &text);
    }

    /// A number written with `_` (`28_500`) keeps its thousands grouped (`1_200.5B`), whatever
    /// grouping it had; one written without stays without.
    pub(super) fn grouped_as_written(&self, span: crate::source::Span, text: String) -> String {
        let written = self.src.get(span.range()).unwrap_or("");
        let is_number = text
            .trim_start_matches('-')
            .starts_with(|c: char| c.is_ascii_digit());
        if !is_number || !written.contains('_') {
            return text;
        }
        let (sign, rest) = text.split_at(usize::from(text.starts_with('-')));
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (int, tail) = rest.split_at(end);
        let mut grouped = String::with_capacity(text.len() + int.len() / 3);
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push('_');
            }
            grouped.push(c);
        }
        format!("{sign}{grouped}{tail}")
    }

    pub(super) fn target(&mut self, target: &Spanned<Target>) {
        let text = match &target.node {
            Target::Hub => "hub",
            Target::Name(s) => s.as_str(),
        };
        self.spanned(target, text);
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Number(n) => number_text(n),
        Value::Str(s) => quote(s.as_str()),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Name(s) => s.as_str().into(),
    }
}

pub(super) fn term_text(term: &Term) -> String {
    match term {
        Term::Word(s) | Term::Name(s) => s.as_str().into(),
        Term::Anon => "_".into(),
        Term::Number(n) => number_text(n),
        Term::Str(s) => quote(s.as_str()),
    }
}

/// A number in the unit it was written with: the value divided by the unit's factor, with
/// no trailing zeros and no `_` (`27.4T`, `540B`, `2.5%`, `28500`); the printer groups the
/// thousands of one written with `_`.
pub fn number_text(n: &Number) -> String {
    let (digits, suffix) = match (n.unit, n.scale) {
        (_, Scale::Trillion) => (12, "T"),
        (_, Scale::Billion) => (9, "B"),
        (_, Scale::Million) => (6, "M"),
        // Money always has a scale when parsed; millions keep the unit if one is built by hand.
        (Unit::Money, Scale::None) => (6, "M"),
        (Unit::Percent, Scale::None) => (0, "%"),
        (Unit::Plain, Scale::None) => (0, ""),
    };
    format!("{}{suffix}", shift_down(n.value, digits))
}

/// `value / 10^digits`, exactly, without trailing zeros.
fn shift_down(value: Decimal, digits: u32) -> Decimal {
    let mut shifted = value;
    if shifted.set_scale(value.scale() + digits).is_ok() {
        return shifted.normalize();
    }
    value
        .checked_div(Decimal::from(10i64.pow(digits)))
        .unwrap_or(value)
        .normalize()
}

/// A string literal with `\"`, `\\` and `\n` escaped.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
