//! Declarations: each becomes base facts (`treaty US Japan one_way` gives
//! `treaty(US, Japan, one_way, defence)`), after the checks that belong to it.

use indexmap::IndexMap;

use super::names::NameKind;
use super::{AttrType, Ctx};
use crate::diag::{Code, Diag};
use crate::program::{Const, RelId, RelKind, StateInfo, Years};
use crate::source::{Span, Spanned, Sym};
use crate::syntax::ast::{
    Atom, Conditions, Dates, Direction, Ident, Member, Obligation, Stmt, Term, Unit,
};
use crate::theory::rels;

/// A base fact a declaration states: relation, arguments, the statement's span and the years
/// it holds (before those of the states it names are applied).
pub type NewFact = (RelId, Vec<Const>, Span, Years);

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
    "offence",
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
        let mut push = |rel: Option<RelId>, args: Vec<Const>, years: Years| {
            if let Some(rel) = rel {
                out.push((rel, args, span, years));
            }
        };
        match &stmt.node {
            Stmt::State {
                name,
                display,
                dates,
                attrs,
            } => {
                let years = self.years(dates);
                self.program.states.entry(name.node).or_insert(StateInfo {
                    display: display.map(|d| d.node),
                    span: name.span,
                });
                if !years.is_always() {
                    self.state_years.insert(name.node, years);
                }
                let state = self.rel(rels::STATE, 1);
                push(state, vec![Const::Sym(name.node)], Years::ALWAYS);
                for (rel, args, at) in self.attributes(name.node, attrs.as_deref().unwrap_or(&[])) {
                    push(Some(rel), args, at);
                }
            }
            Stmt::Treaty {
                a,
                b,
                direction,
                obligation,
                conditions,
                dates,
                attrs,
            } => {
                let years = self.years(dates);
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
                let obligation = obligation.map_or(Obligation::Defence, |o| o.node);
                // A treaty is a duty (or two) of one kind; the same kind of duty between the
                // same states twice, in years that overlap, is a slip. Other kinds may stand
                // beside it (the US-Japan treaty: one-way defence, mutual consultation).
                let kind = obligation.as_str();
                let mut keys = vec![(kind, a.node, b.node)];
                if direction.node == Direction::Mutual {
                    keys.push((kind, b.node, a.node));
                }
                self.once(
                    &keys,
                    span,
                    years,
                    &format!("a {kind} treaty between `{}` and `{}`", a.node, b.node),
                );
                let treaty = self.rel(rels::TREATY, 4);
                let obl = Const::Sym(Sym::new(kind));
                let args = vec![
                    Const::Sym(a.node),
                    Const::Sym(b.node),
                    Const::Sym(Sym::new(direction.node.as_str())),
                    obl,
                ];
                push(treaty, args, years);
                let parties = [Const::Sym(a.node), Const::Sym(b.node), obl];
                for (rel, arity, extra) in self.conditions(conditions, 3) {
                    let mut args = parties.to_vec();
                    args.extend(extra);
                    push(self.rel(rel, arity), args, years);
                }
                // The report asks for the metadata of the defence treaty of a pair; those of
                // its other kinds are kept by kind.
                let mut parties = vec![a.node, b.node];
                if obligation != Obligation::Defence {
                    parties.push(Sym::new(kind));
                }
                self.metadata(parties, attrs);
            }
            Stmt::Pact {
                name,
                obligation,
                conditions,
                dates,
                members,
                attrs,
            } => {
                let years = self.years(dates);
                self.members(name, members, rels::PACT, 2, dates);
                let obligation = obligation.map_or(Obligation::Defence, |o| o.node);
                let pact = self.rel(rels::PACT, 2);
                push(
                    pact,
                    vec![
                        Const::Sym(name.node),
                        Const::Sym(Sym::new(obligation.as_str())),
                    ],
                    years,
                );
                for (rel, arity, extra) in self.conditions(conditions, 1) {
                    let mut args = vec![Const::Sym(name.node)];
                    args.extend(extra);
                    push(self.rel(rel, arity), args, years);
                }
                let member = self.rel(rels::MEMBER, 2);
                for (m, own) in self.member_years(members) {
                    push(
                        member,
                        vec![Const::Sym(m), Const::Sym(name.node)],
                        own.meet(years),
                    );
                }
                self.metadata(vec![name.node], attrs);
            }
            Stmt::Group {
                name,
                kinds,
                dates,
                members,
            } => {
                let years = self.years(dates);
                self.members(name, members, rels::GROUP, 2, dates);
                let group = self.rel(rels::GROUP, 2);
                for kind in kinds {
                    push(
                        group,
                        vec![Const::Sym(name.node), Const::Sym(kind.node)],
                        years,
                    );
                }
                let member = self.rel(rels::MEMBER, 2);
                for (m, own) in self.member_years(members) {
                    push(
                        member,
                        vec![Const::Sym(m), Const::Sym(name.node)],
                        own.meet(years),
                    );
                }
            }
            Stmt::Bloc {
                name,
                dates,
                members,
            } => {
                let years = self.years(dates);
                self.members(name, members, rels::BLOC, 1, dates);
                let bloc = self.rel(rels::BLOC, 1);
                push(bloc, vec![Const::Sym(name.node)], years);
                let member = self.rel(rels::MEMBER, 2);
                for (m, own) in self.member_years(members) {
                    push(
                        member,
                        vec![Const::Sym(m), Const::Sym(name.node)],
                        own.meet(years),
                    );
                }
            }
            Stmt::Partner { a, b, dates } => {
                let years = self.years(dates);
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
                    &[(rels::PARTNER, a.node, b.node)],
                    span,
                    years,
                    &format!("`partner {} {}`", a.node, b.node),
                );
                let partner = self.rel(rels::PARTNER, 2);
                push(partner, vec![Const::Sym(a.node), Const::Sym(b.node)], years);
            }
            Stmt::Threat {
                by,
                targets,
                provoked,
                dates,
            } => {
                let years = self.years(dates);
                self.expect_name(by, STATE, "the source of a threat");
                let threatens = self.rel(rels::THREATENS, 2);
                let all = self.rel(rels::THREATENS_ALL, 2);
                let (provoked_one, provoked_all) = match provoked {
                    Some(_) => (self.rel(rels::PROVOKED, 2), self.rel(rels::PROVOKED_ALL, 2)),
                    None => (None, None),
                };
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
                    let args = vec![Const::Sym(by.node), Const::Sym(t.node)];
                    if provoked.is_some() {
                        let rel = if is_state { provoked_one } else { provoked_all };
                        push(rel, args.clone(), years);
                    }
                    push(if is_state { threatens } else { all }, args, years);
                }
            }
            Stmt::Troops { a, b, count, dates } => {
                let years = self.years(dates);
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
                } else if !count.node.value.fract().is_zero() {
                    self.diags
                        .push(fractional_troops(count.node.value, count.span));
                }
                self.once(
                    &[(rels::TROOPS, a.node, b.node)],
                    span,
                    years,
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
                    years,
                );
            }
            Stmt::Fact(atom) => {
                let rel = self.program.relation_ids.get(&atom.rel.node).copied();
                if let Some(args) = self.constants(atom) {
                    if self.fact_types(atom, &args) {
                        self.note_units(rel, &args);
                        push(rel, args, Years::ALWAYS);
                    }
                }
            }
            _ => {}
        }
        out
    }

    /// The years of `from`/`until` clauses; `until` before `from` is reported, and the
    /// clauses are then read as undated.
    pub(super) fn years(&mut self, dates: &Dates) -> Years {
        if let (Some(from), Some(until)) = (dates.from, dates.until) {
            if until.node < from.node {
                self.diags.push(
                    Diag::error(
                        Code::DateOrder,
                        format!("`until {}` comes before `from {}`", until.node, from.node),
                    )
                    .label(until.span, "the last year it holds")
                    .label(from.span, "is earlier than the first")
                    .help("both years are inclusive: `from 1955 until 1990`; check which one is wrong"),
                );
                return Years::ALWAYS;
            }
        }
        Years {
            from: dates.from.map(|y| y.node),
            until: dates.until.map(|y| y.node),
        }
    }

    /// The facts of a treaty's or pact's conditions, after the `lead` arguments that name the
    /// commitment: `(relation, arity, extra arguments)`. The names in `against` must be states.
    fn conditions(
        &mut self,
        conditions: &Conditions,
        lead: usize,
    ) -> Vec<(&'static str, usize, Vec<Const>)> {
        let treaty = lead == 3;
        let mut out = Vec::new();
        if let Some(against) = &conditions.against {
            let rel = if treaty {
                rels::TREATY_AGAINST
            } else {
                rels::PACT_AGAINST
            };
            for t in &against.node {
                if self.expect_name(t, STATE, "a state a duty applies against") {
                    out.push((rel, lead + 1, vec![Const::Sym(t.node)]));
                }
            }
        }
        if let Some(regions) = &conditions.regions {
            let rel = if treaty {
                rels::TREATY_IN
            } else {
                rels::PACT_IN
            };
            for r in &regions.node {
                out.push((rel, lead + 1, vec![Const::Sym(r.node)]));
            }
        }
        if conditions.unless_provoked.is_some() {
            let rel = if treaty {
                rels::TREATY_UNLESS_PROVOKED
            } else {
                rels::PACT_UNLESS_PROVOKED
            };
            out.push((rel, lead, Vec::new()));
        }
        if conditions.secret.is_some() {
            let rel = if treaty {
                rels::TREATY_SECRET
            } else {
                rels::PACT_SECRET
            };
            out.push((rel, lead, Vec::new()));
        }
        out
    }

    /// Each member once per listing, with the years it belongs (its own clauses).
    fn member_years(&mut self, members: &[Member]) -> Vec<(Sym, Years)> {
        let mut out: Vec<(Sym, Years)> = Vec::new();
        for m in members {
            let years = self.years(&m.dates);
            if !out.contains(&(m.name.node, years)) {
                out.push((m.name.node, years));
            }
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

    /// The same commitment stated twice in years that overlap (or, for a mutual treaty, a
    /// duty it shares with another of the same kind) is a slip; in a scenario's `add` it is a
    /// replacement instead. A renewal, in years that do not overlap, is fine.
    fn once(&mut self, keys: &[(&'static str, Sym, Sym)], span: Span, years: Years, what: &str) {
        if self.in_scenario {
            return;
        }
        let clash = keys.iter().find_map(|key| {
            self.commitments
                .get(key)?
                .iter()
                .find(|(_, y)| y.overlaps(years))
                .copied()
        });
        if let Some((first, first_years)) = clash {
            let dated = !years.is_always() || !first_years.is_always();
            self.diags.push(
                Diag::error(
                    Code::DuplicateDeclaration,
                    if dated {
                        format!("{what} is stated twice for the same years")
                    } else {
                        format!("{what} is stated twice")
                    },
                )
                .label(span, "stated again here")
                .label(first, "first stated here")
                .help(if dated {
                    "keep one of the two; a renewal needs years that do not overlap (both ends count: `until 1990` then `from 1991`)"
                } else {
                    "keep one of the two; to try another version, use a scenario with `add`"
                }),
            );
            return;
        }
        for key in keys {
            self.commitments
                .entry(*key)
                .or_default()
                .push((span, years));
        }
    }

    /// Checks a member list: enough members, each a state, none twice in the same years,
    /// none dated outside the years of the pact, group or bloc itself.
    fn members(
        &mut self,
        name: &Spanned<Sym>,
        members: &[Member],
        what: &str,
        min: usize,
        outer: &Dates,
    ) {
        let mut seen: IndexMap<Sym, Vec<(Span, Years)>> = IndexMap::new();
        for m in members {
            self.expect_name(&m.name, STATE, &format!("a member of a {what}"));
            let years = Years {
                from: m.dates.from.map(|y| y.node),
                until: m.dates.until.map(|y| y.node),
            };
            self.inside(&m.dates, outer, &m.name, name, what);
            let listed = seen.entry(m.name.node).or_default();
            if let Some((first, _)) = listed.iter().find(|(_, y)| y.overlaps(years)) {
                let first = *first;
                self.diags.push(
                    Diag::error(
                        Code::DuplicateMember,
                        format!("`{}` is listed twice in `{}`", m.name.node, name.node),
                    )
                    .label(m.name.span, "listed again here")
                    .label(first, "first listed here")
                    .help("remove one of the two (a member that left and came back is listed twice with years that do not overlap)"),
                );
            } else {
                listed.push((m.name.span, years));
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

    /// A member's years must lie within those of what it belongs to.
    fn inside(&mut self, own: &Dates, outer: &Dates, member: &Ident, of: &Ident, what: &str) {
        let early = match (own.from, outer.from) {
            (Some(m), Some(p)) if m.node < p.node => Some((m, p, "from", "from")),
            _ => None,
        };
        let late = match (own.until, outer.until) {
            (Some(m), Some(p)) if m.node > p.node => Some((m, p, "until", "until")),
            _ => None,
        };
        // A member that joins after the pact ends, or leaves before it begins.
        let after = match (own.from, outer.until) {
            (Some(m), Some(p)) if m.node > p.node => Some((m, p, "from", "until")),
            _ => None,
        };
        let before = match (own.until, outer.from) {
            (Some(m), Some(p)) if m.node < p.node => Some((m, p, "until", "from")),
            _ => None,
        };
        let found = early.or(after).into_iter().chain(late.or(before));
        for (m, p, word, outer_word) in found {
            self.diags.push(
                Diag::error(
                    Code::MemberDates,
                    format!(
                        "`{}` is dated outside the years of the {what} `{}`",
                        member.node, of.node
                    ),
                )
                .label(m.span, format!("`{word} {}` for the member", m.node))
                .label(p.span, format!("but the {what} holds `{outer_word} {}`", p.node))
                .help(format!(
                    "a member belongs only while the {what} holds: change the member's years, or the {what}'s"
                )),
            );
        }
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
                self.mention_name(*n);
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
}

/// `troops US in Korea 28.500`: a point used as a thousands separator (as much of Europe
/// writes it), or a figure in thousands; either way the head count is a whole number.
fn fractional_troops(value: rust_decimal::Decimal, span: Span) -> Diag {
    let thousands = value * rust_decimal::Decimal::from(1000);
    let whole = if value < rust_decimal::Decimal::from(1000) && thousands.fract().is_zero() {
        thousands.normalize()
    } else {
        value.round()
    };
    Diag::error(Code::TroopCount, "a number of troops is a whole number")
        .label(span, "a fraction of a soldier")
        .help(format!(
            "write `{whole}`: the language writes no thousands separator, or `_` between digits (`28_500`)"
        ))
        .fix(span, whole.to_string())
}
