//! Attributes and settings: `state Japan { gdp: 4.2T }` gives `gdp(Japan, 4.2T)` once its type
//! and unit are checked; a treaty's `{ name: ... }` is metadata; `set NAME = VALUE` replaces
//! a setting of the standard theory.

use indexmap::IndexMap;

use super::names::NameKind;
use super::{check_percentage, AttrType, Ctx};
use crate::diag::{Code, Diag};
use crate::program::{Const, RelId, RelKind, Years};
use crate::source::{Span, Spanned, Sym};
use crate::syntax::ast::{Attr, Ident, Unit, Value};
use crate::theory::rels;

impl Ctx {
    /// The facts of a state's attributes, after checking each one's type, with the years
    /// each holds: a dated value (`spending: 1.8% @2016 2.5% @2024`) holds from its year
    /// until the year before the next one's, the last one with no end.
    pub(super) fn attributes(
        &mut self,
        subject: Sym,
        attrs: &[Attr],
    ) -> Vec<(RelId, Vec<Const>, Years)> {
        let mut out = Vec::new();
        let mut seen: IndexMap<Sym, (Span, Option<Spanned<i32>>)> = IndexMap::new();
        for (i, attr) in attrs.iter().enumerate() {
            if self.date_key(&attr.key) {
                continue;
            }
            if let Some((first, at)) = seen.insert(attr.key.node, (attr.key.span, attr.at)) {
                match (at, attr.at) {
                    (Some(before), Some(now)) if before.node >= now.node => {
                        self.diags.push(
                            Diag::error(
                                Code::DateOrder,
                                if now.node == before.node {
                                    format!("`{}` has two values dated {}", attr.key.node, now.node)
                                } else {
                                    format!("the dated values of `{}` are out of order", attr.key.node)
                                },
                            )
                            .label(
                                now.span,
                                if now.node == before.node {
                                    format!("{} a second time", now.node)
                                } else {
                                    format!("{} written after {}", now.node, before.node)
                                },
                            )
                            .label(before.span, "the value written before it")
                            .help(if now.node == before.node {
                                format!("a key has one value a year: keep one of the values dated {}", now.node)
                            } else {
                                format!(
                                    "each value holds from its year until the next one's, so the years must rise: write the value dated {} before the one dated {}, as in `spending: 1.8% @2016 2.5% @2024`",
                                    now.node, before.node
                                )
                            }),
                        );
                        continue;
                    }
                    (Some(_), Some(_)) => {}
                    _ => {
                        self.diags.push(
                            Diag::error(
                                Code::DuplicateAttribute,
                                format!("`{}` is given twice", attr.key.node),
                            )
                            .label(attr.key.span, "given again here")
                            .label(first, "first given here")
                            .help("keep one value per attribute, or date each value: `spending: 1.8% @2016 2.5% @2024`"),
                        );
                        continue;
                    }
                }
            }
            let Some((rel, args)) = self.attribute(subject, attr) else {
                continue;
            };
            let years = match attr.at {
                None => Years::ALWAYS,
                Some(at) => {
                    let next = attrs[i + 1..]
                        .iter()
                        .find(|a| a.key.node == attr.key.node)
                        .and_then(|a| a.at)
                        .filter(|n| n.node > at.node);
                    Years {
                        from: Some(at.node),
                        until: next.map(|n| n.node - 1),
                    }
                }
            };
            out.push((rel, args, years));
        }
        out
    }

    /// `from:` or `until:` written as an attribute or metadata: years are clauses, and
    /// metadata would keep them without meaning anything. True when reported.
    pub(super) fn date_key(&mut self, key: &Ident) -> bool {
        let word = key.node.as_str();
        if !matches!(word, "from" | "until") {
            return false;
        }
        self.diags.push(
            Diag::error(
                Code::DateAsMetadata,
                format!("`{word}:` is not an attribute: years are written as a clause"),
            )
            .label(key.span, "would be kept and ignored")
            .help(format!(
                "write `{word} YEAR` after the declaration's parties and obligation, outside the braces, such as `treaty US Japan one_way defence {word} 1960` or `Greece from 1952` in a member list; `signed:` stays in the braces"
            )),
        );
        true
    }

    /// One attribute: its type checked against the key's, its relation registered.
    pub(super) fn attribute(&mut self, subject: Sym, attr: &Attr) -> Option<(RelId, Vec<Const>)> {
        check_percentage(&attr.value, &mut self.diags);
        self.mention(&attr.value.node);
        let actual = match &attr.value.node {
            Value::Bool(_) => AttrType::Bool,
            Value::Number(n) => AttrType::Number(n.unit),
            Value::Name(_) => AttrType::Name,
            Value::Str(_) => AttrType::Str,
        };
        let key = attr.key.node;
        if !self.attr_types.contains_key(&key) {
            if let Some(&rel) = self.program.relation_ids.get(&key) {
                let kind = self.program.rel(rel).kind;
                self.diags.push(
                    Diag::error(Code::AttributeType, format!("`{key}` is a relation of its own, not an attribute"))
                        .label(attr.key.span, "already a relation")
                        .help(match kind {
                            RelKind::Base => format!("`{key}` facts come from their own statements; give the attribute another name"),
                            _ => format!("`{key}` is derived by rules; give the attribute another name"),
                        }),
                );
                return None;
            }
        }
        match self.attr_types.get(&key).copied() {
            Some((expected, first)) if expected != actual => {
                let mut d = Diag::error(
                    Code::AttributeType,
                    format!(
                        "`{key}` should be {}, but this is {}",
                        expected.describe(),
                        actual.describe()
                    ),
                )
                .label(attr.value.span, format!("{} here", actual.describe()));
                if let Some(first) = first {
                    d = d.label(first, format!("`{key}` is {} here", expected.describe()));
                }
                d = d.help(match (key.as_str(), expected) {
                    (rels::GDP, _) => "write GDP as money in US dollars: `4.2T`, `540B` or `12M`".to_string(),
                    (_, AttrType::Name) => format!("`{key}` is a name, without quotes and with a capital letter, such as `{key}: Asia`"),
                    (_, AttrType::Number(Unit::Percent)) => format!("write `{key}` as a percentage, such as `2%`"),
                    (_, AttrType::Bool) => format!("write `{key}: yes` or `{key}: no`"),
                    _ => format!("an attribute keeps one type across all states: give `{key}` {}", expected.describe()),
                });
                self.diags.push(d);
                return None;
            }
            Some(_) => {
                // Every use of a key of the script's own, so a slip is shown at each.
                if let Some(uses) = self.own_keys.get_mut(&key) {
                    if !uses.contains(&attr.key.span) {
                        uses.push(attr.key.span);
                    }
                }
            }
            None => {
                self.attr_types.insert(key, (actual, Some(attr.value.span)));
                if self.origin == crate::program::Origin::Script {
                    self.own_keys.entry(key).or_default().push(attr.key.span);
                }
            }
        }
        if let Value::Number(n) = &attr.value.node {
            if key.as_str() == rels::GDP && (n.value.is_sign_negative() || n.value.is_zero()) {
                self.diags.push(
                    Diag::error(Code::AttributeType, "a GDP must be more than zero")
                        .label(attr.value.span, "not a size of economy")
                        .help("write the size of the economy in US dollars, such as `4.2T`"),
                );
                return None;
            }
        }
        let arity = if actual == AttrType::Bool { 1 } else { 2 };
        let rel = self.register(key, arity, RelKind::Base, Some(attr.key.span))?;
        match &attr.value.node {
            Value::Bool(true) => Some((rel, vec![Const::Sym(subject)])),
            Value::Bool(false) => None,
            value => {
                let c = value_const(value);
                if let Const::Num(_, unit) = c {
                    self.column_units.entry((rel, 1)).or_insert(unit);
                }
                Some((rel, vec![Const::Sym(subject), c]))
            }
        }
    }

    /// A state named as an attribute's value (`patron: US`) is used, as one named in a fact is.
    pub(super) fn mention(&mut self, value: &Value) {
        if let Value::Name(n) = value {
            self.mention_name(*n);
        }
    }

    /// A declared state named anywhere but its own declaration is used.
    pub(super) fn mention_name(&mut self, name: Sym) {
        if matches!(self.names.declared.get(&name), Some((NameKind::State, _))) {
            self.used.insert(name);
        }
    }

    pub(super) fn metadata(&mut self, parties: Vec<Sym>, attrs: &Option<Vec<Attr>>) {
        let Some(attrs) = attrs else { return };
        let mut pairs = Vec::new();
        for attr in attrs {
            if self.date_key(&attr.key) {
                continue;
            }
            check_percentage(&attr.value, &mut self.diags);
            self.mention(&attr.value.node);
            let value = match &attr.value.node {
                Value::Bool(b) => Const::Sym(Sym::new(if *b { "yes" } else { "no" })),
                v => value_const(v),
            };
            pairs.push((attr.key.node, value));
        }
        self.program.metadata.push((parties, pairs));
    }

    /// `set balance_threshold = 0.8`: replaces the prelude's default fact of a threshold.
    pub(super) fn set_param(&mut self, name: &Spanned<Sym>, value: &Spanned<Value>, span: Span) {
        let Some((rel, value)) = self.param_fact(name, value) else {
            return;
        };
        if let Some(first) = self.sets.insert(rel, span) {
            self.diags.push(
                Diag::error(
                    Code::DuplicateDeclaration,
                    format!("`{}` is set twice", name.node),
                )
                .label(span, "set again here")
                .label(first, "first set here")
                .help("keep one `set`; to try another value, set it inside a scenario"),
            );
            return;
        }
        self.program.facts.retain(|f| f.rel != rel);
        self.add_fact(Some(rel), vec![value], span);
    }

    /// The setting a `set` names and its new value, checked against the default's type.
    pub(super) fn param_fact(
        &mut self,
        name: &Spanned<Sym>,
        value: &Spanned<Value>,
    ) -> Option<(RelId, Const)> {
        check_percentage(value, &mut self.diags);
        let rel = self
            .program
            .relation_ids
            .get(&name.node)
            .copied()
            .filter(|r| self.params.contains(r));
        let Some(rel) = rel else {
            let params: Vec<&str> = self
                .params
                .iter()
                .map(|r| self.program.rel(*r).name.as_str())
                .collect();
            let mut d = Diag::error(
                Code::UnknownParameter,
                format!("`{}` is not a setting of the standard theory", name.node),
            )
            .label(name.span, "no such setting");
            d = match super::suggest(name.node.as_str(), params.iter().copied()) {
                Some(s) => d.help(format!("did you mean `{s}`?")).fix(name.span, s),
                None if params.is_empty() => {
                    d.help("with `no prelude` there are no settings to change")
                }
                None => d.help(format!("the settings are: {}", params.join(", "))),
            };
            self.diags.push(d);
            return None;
        };
        let new = value_const(&value.node);
        let default = self
            .program
            .facts
            .iter()
            .find(|f| f.rel == rel && f.origin == crate::program::Origin::Prelude);
        let kind = |c: &Const| match c {
            Const::Num(_, u) => AttrType::Number(*u),
            Const::Str(_) => AttrType::Str,
            Const::Sym(_) => AttrType::Name,
        };
        if let Some(old) = default.and_then(|f| f.args.first()) {
            if kind(old) != kind(&new) {
                self.diags.push(
                    Diag::error(
                        Code::AttributeType,
                        format!(
                            "`{}` is {}, but this is {}",
                            name.node,
                            kind(old).describe(),
                            kind(&new).describe()
                        ),
                    )
                    .label(value.span, format!("{} here", kind(&new).describe()))
                    .help(format!(
                        "the standard theory's default is `{}`",
                        crate::words::show_const(*old)
                    )),
                );
                return None;
            }
        }
        Some((rel, new))
    }
}

pub(super) fn value_const(value: &Value) -> Const {
    match value {
        Value::Number(n) => Const::Num(n.value, n.unit),
        Value::Str(s) => Const::Str(*s),
        Value::Name(n) => Const::Sym(*n),
        Value::Bool(b) => Const::Sym(Sym::new(if *b { "yes" } else { "no" })),
    }
}
