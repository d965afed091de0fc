//! Declarations: each becomes base facts (`treaty US Japan one_way` gives
//! `treaty(US, Japan, one_way, defence)`), after the checks that belong to it.

use indexmap::IndexMap;

use super::names::NameKind;
use super::{check_percentage, AttrType, Ctx};
use crate::diag::{Code, Diag};
use crate::program::{Const, RelId, RelKind, StateInfo};
use crate::source::{Span, Spanned, Sym};
use crate::syntax::ast::{Atom, Attr, Obligation, Stmt, Term, Unit, Value};
use crate::theory::rels;

/// A base fact a declaration states: relation, arguments, and the statement's span.
pub type NewFact = (RelId, Vec<Const>, Span);

const STATE: &[NameKind] = &[NameKind::State];
const COLLECTIVE: &[NameKind] = &[
    NameKind::State,
    NameKind::Pact,
    NameKind::Group,
    NameKind::Bloc,
];

/// Words that are constants wherever they appear (besides the kinds of groups).
pub const CONSTANT_WORDS: &[&str] = &[
    "mutual",
    "one_way",
    "defence",
    "consultation",
    "neutrality",
    "nonaggression",
    "yes",
    "no",
    "true",
    "false",
];

impl Ctx {
    fn rel(&mut self, name: &str, arity: usize) -> Option<RelId> {
        self.register(Sym::new(name), arity, RelKind::Base, None)
    }

    /// The base facts of one declaration (also used for a scenario's `add`).
    pub(super) fn declaration(&mut self, stmt: &Spanned<Stmt>) -> Vec<NewFact> {
        let span = stmt.span;
        let mut out = Vec::new();
        let mut push = |rel: Option<RelId>, args: Vec<Const>| {
            if let Some(rel) = rel {
                out.push((rel, args, span));
            }
        };
        match &stmt.node {
            Stmt::State {
                name,
                display,
                attrs,
            } => {
                self.program.states.entry(name.node).or_insert(StateInfo {
                    display: display.map(|d| d.node),
                    span: name.span,
                });
                let state = self.rel(rels::STATE, 1);
                push(state, vec![Const::Sym(name.node)]);
                for (rel, args) in self.attributes(name.node, attrs.as_deref().unwrap_or(&[])) {
                    push(Some(rel), args);
                }
            }
            Stmt::Treaty {
                a,
                b,
                direction,
                obligation,
                attrs,
            } => {
                let ok = self.expect_name(a, STATE, "a party to a treaty")
                    & self.expect_name(b, STATE, "a party to a treaty");
                if ok && a.node == b.node {
                    self.diags.push(
                        Diag::error(
                            Code::SelfTreaty,
                            format!("a treaty of `{}` with itself", a.node),
                        )
                        .label(a.span, "first party")
                        .label(b.span, "second party is the same state")
                        .help("a treaty binds two different states: check the names"),
                    );
                }
                // One treaty per pair of states, in either order: two one-way treaties that
                // face each other are written as one mutual treaty.
                let (x, y) = if a.node.as_str() <= b.node.as_str() {
                    (a.node, b.node)
                } else {
                    (b.node, a.node)
                };
                self.once(
                    (rels::TREATY, x, y),
                    span,
                    &format!("a treaty between `{}` and `{}`", a.node, b.node),
                );
                let obligation = obligation.map_or(Obligation::Defence, |o| o.node);
                let treaty = self.rel(rels::TREATY, 4);
                let args = vec![
                    Const::Sym(a.node),
                    Const::Sym(b.node),
                    Const::Sym(Sym::new(direction.node.as_str())),
                    Const::Sym(Sym::new(obligation.as_str())),
                ];
                push(treaty, args);
                self.metadata(vec![a.node, b.node], attrs);
            }
            Stmt::Pact {
                name,
                obligation,
                members,
                attrs,
            } => {
                self.members(name, members, rels::PACT, 2);
                let obligation = obligation.map_or(Obligation::Defence, |o| o.node);
                let pact = self.rel(rels::PACT, 2);
                push(
                    pact,
                    vec![
                        Const::Sym(name.node),
                        Const::Sym(Sym::new(obligation.as_str())),
                    ],
                );
                let member = self.rel(rels::MEMBER, 2);
                for m in unique(members) {
                    push(member, vec![Const::Sym(m), Const::Sym(name.node)]);
                }
                self.metadata(vec![name.node], attrs);
            }
            Stmt::Group {
                name,
                kinds,
                members,
            } => {
                self.members(name, members, rels::GROUP, 2);
                let group = self.rel(rels::GROUP, 2);
                for kind in kinds {
                    push(group, vec![Const::Sym(name.node), Const::Sym(kind.node)]);
                }
                let member = self.rel(rels::MEMBER, 2);
                for m in unique(members) {
                    push(member, vec![Const::Sym(m), Const::Sym(name.node)]);
                }
            }
            Stmt::Bloc { name, members } => {
                self.members(name, members, rels::BLOC, 1);
                let bloc = self.rel(rels::BLOC, 1);
                push(bloc, vec![Const::Sym(name.node)]);
                let member = self.rel(rels::MEMBER, 2);
                for m in unique(members) {
                    push(member, vec![Const::Sym(m), Const::Sym(name.node)]);
                }
            }
            Stmt::Partner { a, b } => {
                let ok = self.expect_name(a, STATE, "a partner")
                    & self.expect_name(b, STATE, "a partner");
                if ok && a.node == b.node {
                    self.diags.push(
                        Diag::error(
                            Code::SelfTreaty,
                            format!("`{}` cannot be its own partner", a.node),
                        )
                        .label(b.span, "the same state twice")
                        .help("`partner A B` means A supports B: name two different states"),
                    );
                }
                self.once(
                    (rels::PARTNER, a.node, b.node),
                    span,
                    &format!("`partner {} {}`", a.node, b.node),
                );
                let partner = self.rel(rels::PARTNER, 2);
                push(partner, vec![Const::Sym(a.node), Const::Sym(b.node)]);
            }
            Stmt::Threat { by, targets } => {
                self.expect_name(by, STATE, "the source of a threat");
                let threatens = self.rel(rels::THREATENS, 2);
                let all = self.rel(rels::THREATENS_ALL, 2);
                let mut listed: IndexMap<Sym, Span> = IndexMap::new();
                for t in targets {
                    if let Some(first) = listed.insert(t.node, t.span) {
                        self.diags.push(
                            Diag::error(
                                Code::DuplicateMember,
                                format!("`{}` is listed twice in this threat", t.node),
                            )
                            .label(t.span, "listed again here")
                            .label(first, "first listed here")
                            .help("remove one of the two"),
                        );
                        continue;
                    }
                    if t.node == by.node {
                        self.diags.push(
                            Diag::error(
                                Code::SelfTreaty,
                                format!("`{}` cannot threaten itself", t.node),
                            )
                            .label(t.span, "the threat's own source")
                            .help("`threat A against B, C` lists the states that A threatens"),
                        );
                        continue;
                    }
                    if !self.expect_name(t, COLLECTIVE, "a threat's target") {
                        continue;
                    }
                    let is_state =
                        matches!(self.names.declared.get(&t.node), Some((NameKind::State, _)));
                    push(
                        if is_state { threatens } else { all },
                        vec![Const::Sym(by.node), Const::Sym(t.node)],
                    );
                }
            }
            Stmt::Troops { a, b, count } => {
                self.expect_name(a, STATE, "the state sending troops");
                self.expect_name(b, STATE, "the state hosting troops");
                if count.node.unit != Unit::Plain || count.node.value.is_sign_negative() {
                    self.diags.push(
                        Diag::error(
                            Code::AttributeType,
                            "a number of troops must be a plain, non-negative number",
                        )
                        .label(count.span, "not a head count")
                        .help("write the number of soldiers, such as `28500` or `28_500`"),
                    );
                }
                self.once(
                    (rels::TROOPS, a.node, b.node),
                    span,
                    &format!("the number of `{}` troops in `{}`", a.node, b.node),
                );
                let troops = self.rel(rels::TROOPS, 3);
                push(
                    troops,
                    vec![
                        Const::Sym(a.node),
                        Const::Sym(b.node),
                        Const::Num(count.node.value, Unit::Plain),
                    ],
                );
            }
            Stmt::Fact(atom) => {
                let rel = self.program.relation_ids.get(&atom.rel.node).copied();
                if let Some(args) = self.constants(atom) {
                    if self.fact_types(atom, &args) {
                        self.note_units(rel, &args);
                        push(rel, args);
                    }
                }
            }
            _ => {}
        }
        out
    }

    /// A `fact` of an attribute's relation (`fact gdp(Korea, 1.7T)`) obeys the attribute's
    /// type, and percentages stay at or below 100.
    fn fact_types(&mut self, atom: &Atom, args: &[Const]) -> bool {
        let mut ok = true;
        for (arg, c) in atom.args.iter().zip(args) {
            if let Const::Num(n, Unit::Percent) = c {
                if *n > rust_decimal::Decimal::ONE_HUNDRED {
                    ok = false;
                    self.diags.push(
                        Diag::error(Code::PercentageRange, "a percentage above 100")
                            .label(arg.span, "more than 100%")
                            .help("percentages here are shares of a whole: write a value from 0% to 100%"),
                    );
                }
            }
        }
        let expected = match (atom.rel.node.as_str(), args.len()) {
            (rels::TROOPS, 3) => Some((2, AttrType::Number(Unit::Plain))),
            (key, 2) => Sym::find(key)
                .and_then(|k| self.attr_types.get(&k))
                .map(|(t, _)| (1, *t)),
            _ => None,
        };
        if let Some((col, ty)) = expected {
            let actual = match args[col] {
                Const::Num(_, u) => AttrType::Number(u),
                Const::Str(_) => AttrType::Str,
                Const::Sym(s) if matches!(s.as_str(), "yes" | "no") => AttrType::Bool,
                Const::Sym(_) => AttrType::Name,
            };
            if actual != ty {
                ok = false;
                self.diags.push(
                    Diag::error(
                        Code::AttributeType,
                        format!(
                            "`{}` takes {} here, but this is {}",
                            atom.rel.node,
                            ty.describe(),
                            actual.describe()
                        ),
                    )
                    .label(atom.args[col].span, format!("{} here", actual.describe()))
                    .help(format!("write {} in this place", ty.describe())),
                );
            }
        }
        ok
    }

    /// The same commitment stated twice (or, for treaties, with the parties in either order)
    /// is a slip; in a scenario's `add` it is a replacement instead.
    fn once(&mut self, key: (&'static str, Sym, Sym), span: Span, what: &str) {
        if self.in_scenario {
            return;
        }
        if let Some(first) = self.commitments.get(&key) {
            self.diags.push(
                Diag::error(
                    Code::DuplicateDeclaration,
                    format!("{what} is stated twice"),
                )
                .label(span, "stated again here")
                .label(*first, "first stated here")
                .help("keep one of the two; to try another version, use a scenario with `add`"),
            );
        } else {
            self.commitments.insert(key, span);
        }
    }

    /// Checks a member list: enough members, each a state, none twice.
    fn members(&mut self, name: &Spanned<Sym>, members: &[Spanned<Sym>], what: &str, min: usize) {
        let mut seen: IndexMap<Sym, Span> = IndexMap::new();
        for m in members {
            self.expect_name(m, STATE, &format!("a member of a {what}"));
            if let Some(first) = seen.get(&m.node) {
                self.diags.push(
                    Diag::error(
                        Code::DuplicateMember,
                        format!("`{}` is listed twice in `{}`", m.node, name.node),
                    )
                    .label(m.span, "listed again here")
                    .label(*first, "first listed here")
                    .help("remove one of the two"),
                );
            } else {
                seen.insert(m.node, m.span);
            }
        }
        if seen.len() < min {
            let needed = if min == 1 {
                "at least one member"
            } else {
                "at least two members"
            };
            self.diags.push(
                Diag::error(
                    Code::TooFewMembers,
                    format!("the {what} `{}` needs {needed}", name.node),
                )
                .label(
                    name.span,
                    format!(
                        "{} member{}",
                        seen.len(),
                        if seen.len() == 1 { "" } else { "s" }
                    ),
                )
                .help(match what {
                    rels::PACT => {
                        "a pact of one binds no one: list at least two states, or use a treaty"
                            .to_string()
                    }
                    rels::GROUP => {
                        "a group needs at least two states to cooperate: list them in the braces"
                            .to_string()
                    }
                    _ => format!("list the states of `{}` in the braces", name.node),
                }),
            );
        }
    }

    /// The facts of a state's attributes, after checking each one's type.
    pub(super) fn attributes(&mut self, subject: Sym, attrs: &[Attr]) -> Vec<(RelId, Vec<Const>)> {
        let mut out = Vec::new();
        let mut seen: IndexMap<Sym, Span> = IndexMap::new();
        for attr in attrs {
            if let Some(first) = seen.insert(attr.key.node, attr.key.span) {
                self.diags.push(
                    Diag::error(
                        Code::DuplicateAttribute,
                        format!("`{}` is given twice", attr.key.node),
                    )
                    .label(attr.key.span, "given again here")
                    .label(first, "first given here")
                    .help("keep one value per attribute"),
                );
                continue;
            }
            if let Some(fact) = self.attribute(subject, attr) {
                out.push(fact);
            }
        }
        out
    }

    /// One attribute: its type checked against the key's, its relation registered.
    pub(super) fn attribute(&mut self, subject: Sym, attr: &Attr) -> Option<(RelId, Vec<Const>)> {
        check_percentage(&attr.value, &mut self.diags);
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
            Some(_) => {}
            None => {
                self.attr_types.insert(key, (actual, Some(attr.value.span)));
                if self.origin == crate::program::Origin::Script {
                    self.own_keys.entry(key).or_insert(attr.key.span);
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

    fn metadata(&mut self, parties: Vec<Sym>, attrs: &Option<Vec<Attr>>) {
        let Some(attrs) = attrs else { return };
        let mut pairs = Vec::new();
        for attr in attrs {
            check_percentage(&attr.value, &mut self.diags);
            let value = match &attr.value.node {
                Value::Bool(b) => Const::Sym(Sym::new(if *b { "yes" } else { "no" })),
                v => value_const(v),
            };
            pairs.push((attr.key.node, value));
        }
        self.program.metadata.push((parties, pairs));
    }

    /// The arguments of a `fact`, each of which must be a constant.
    pub(super) fn constants(&mut self, atom: &Atom) -> Option<Vec<Const>> {
        let mut out = Vec::new();
        let mut ok = true;
        for arg in &atom.args {
            match self.constant(arg) {
                Some(c) => out.push(c),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn constant(&mut self, term: &Spanned<Term>) -> Option<Const> {
        match &term.node {
            Term::Name(n) => {
                if matches!(self.names.declared.get(n), Some((NameKind::State, _))) {
                    self.used.insert(*n);
                }
                Some(Const::Sym(*n))
            }
            Term::Number(n) => Some(Const::Num(n.value, n.unit)),
            Term::Str(s) => Some(Const::Str(*s)),
            Term::Word(w) => {
                if let Some(c) = self.constant_word(*w) {
                    return Some(Const::Sym(c));
                }
                self.diags.push(
                    Diag::error(Code::NotConstant, format!("`{w}` is a variable, but a fact states constants"))
                        .label(term.span, "a variable")
                        .help("facts name things: write a capitalised name (`Japan`), a number or a string; to say something of every x, write a `rule`"),
                );
                None
            }
            Term::Anon => {
                self.diags.push(
                    Diag::error(
                        Code::NotConstant,
                        "`_` stands for anything, but a fact states constants",
                    )
                    .label(term.span, "not a constant")
                    .help("give a name, a number or a string"),
                );
                None
            }
        }
    }

    /// A lower-case word that is a constant: a direction, an obligation type, yes/no, or a
    /// kind named by a group. `true`/`false` are read as `yes`/`no`.
    pub(super) fn constant_word(&self, word: Sym) -> Option<Sym> {
        match word.as_str() {
            "true" => Some(Sym::new("yes")),
            "false" => Some(Sym::new("no")),
            w if CONSTANT_WORDS.contains(&w) => Some(word),
            _ if self.names.kinds.contains_key(&word) => Some(word),
            _ => None,
        }
    }

    /// Records the unit of each numeric column of a stated fact, for the static unit checks.
    fn note_units(&mut self, rel: Option<RelId>, args: &[Const]) {
        let Some(rel) = rel else { return };
        for (i, arg) in args.iter().enumerate() {
            if let Const::Num(_, unit) = arg {
                self.column_units.entry((rel, i)).or_insert(*unit);
            }
        }
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

fn value_const(value: &Value) -> Const {
    match value {
        Value::Number(n) => Const::Num(n.value, n.unit),
        Value::Str(s) => Const::Str(*s),
        Value::Name(n) => Const::Sym(*n),
        Value::Bool(b) => Const::Sym(Sym::new(if *b { "yes" } else { "no" })),
    }
}

fn unique(members: &[Spanned<Sym>]) -> Vec<Sym> {
    let mut out: Vec<Sym> = Vec::new();
    for m in members {
        if !out.contains(&m.node) {
            out.push(m.node);
        }
    }
    out
}
