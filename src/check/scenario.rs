//! Scenarios and `if ... then`: each change checked against the world as the changes before it
//! left it (leaving a pact one is not in is a mistake), and the body checked like top-level asks.

use indexmap::IndexSet;

use super::names::NameKind;
use super::Ctx;
use crate::diag::{Code, Diag};
use crate::program::{Change, Const, Fact, Pattern, RelId, Scenario, Target};
use crate::source::{Span, Spanned, Sym};
use crate::syntax::ast::{self, Attr, Stmt};
use crate::theory::rels;

const STATE: &[NameKind] = &[NameKind::State];
const COLLECTIVE: &[NameKind] = &[NameKind::Pact, NameKind::Group, NameKind::Bloc];

/// Memberships and treaties as a scenario's changes leave them, for the sense checks.
struct Sketch {
    /// Every membership, in whatever years it holds (leaving one is a real change).
    members: IndexSet<(Sym, Sym)>,
    /// The memberships that hold for as long as the member exists: joining one of those
    /// changes nothing in any year. A dated one (`Spain from 1982`) is not among them, since
    /// the checker cannot know the year the scenario is read as of (`--as-of` may set it),
    /// and `Spain joins NATO` as of 1962 is a real change.
    standing: IndexSet<(Sym, Sym)>,
    treaties: IndexSet<(Sym, Sym)>,
    removed: IndexSet<Sym>,
}

impl Ctx {
    pub(super) fn scenario(&mut self, stmt: &Spanned<Stmt>) {
        let (name, title, changes, body) = match &stmt.node {
            Stmt::Scenario {
                name,
                title,
                changes,
                body,
            } => (Some(name), title.map(|t| t.node), changes, body.as_ref()),
            Stmt::If { changes, body } => (None, None, changes, Some(body)),
            _ => return,
        };
        if let Some(name) = name {
            let earlier = self
                .program
                .scenarios
                .iter()
                .find(|s| s.name == Some(name.node))
                .map(|s| s.span);
            if let Some(first) = earlier {
                self.diags.push(
                    Diag::error(
                        Code::DuplicateDeclaration,
                        format!("two scenarios are called `{}`", name.node),
                    )
                    .label(name.span, "named again here")
                    .label(first, "first scenario of that name")
                    .help("give each scenario its own name, so `--scenario NAME` can pick one"),
                );
            }
        }
        let names_before = self.names.declared.len();
        let states_before = self.program.states.len();
        let mut sketch = self.sketch();
        let mut lowered = Vec::new();
        self.in_scenario = true;
        for change in changes {
            if let Some(c) = self.change(change, &mut sketch) {
                lowered.push((c, change.span));
            }
        }
        self.in_scenario = false;
        let mut asks = Vec::new();
        for ask in body.map(|b| b.asks.as_slice()).unwrap_or(&[]) {
            if let Some(a) = self.ask(&ask.node, ask.span, None) {
                asks.push((a, ask.span));
            }
        }
        // Names a scenario adds exist in that scenario only (their display names are kept
        // for showing them).
        let added: Vec<(Sym, Sym)> = self.program.states[states_before..]
            .iter()
            .filter_map(|(name, info)| Some((*name, info.display?)))
            .collect();
        for (name, display) in added {
            self.program.added_displays.entry(name).or_insert(display);
        }
        self.names.declared.truncate(names_before);
        self.program.states.truncate(states_before);
        self.program.scenarios.push(Scenario {
            name: name.map(|n| n.node),
            title,
            changes: lowered,
            asks,
            span: name.map_or(stmt.span, |n| n.span),
        });
    }

    fn sketch(&self) -> Sketch {
        let member = self.program.relation(rels::MEMBER);
        let treaty = self.program.relation(rels::TREATY);
        let pair = |f: &Fact| match (f.args.first(), f.args.get(1)) {
            (Some(Const::Sym(a)), Some(Const::Sym(b))) => Some((*a, *b)),
            _ => None,
        };
        let of = |rel: Option<RelId>| -> IndexSet<(Sym, Sym)> {
            self.program
                .facts
                .iter()
                .filter(|f| Some(f.rel) == rel)
                .filter_map(pair)
                .collect()
        };
        // The years each state exists (a membership's years are within its member's).
        let state = self.program.relation(rels::STATE);
        let exists = |name: Sym| {
            self.program
                .facts
                .iter()
                .find(|f| Some(f.rel) == state && f.args == [Const::Sym(name)])
                .map(|f| f.years)
        };
        let standing = self
            .program
            .facts
            .iter()
            .filter(|f| Some(f.rel) == member)
            .filter(|f| {
                let years = pair(f).and_then(|(m, _)| exists(m));
                f.years.is_always() || Some(f.years) == years
            })
            .filter_map(pair)
            .collect();
        Sketch {
            members: of(member),
            standing,
            treaties: of(treaty),
            removed: IndexSet::new(),
        }
    }

    fn target(&mut self, t: &Spanned<ast::Target>, role: &str) -> Option<Target> {
        match t.node {
            ast::Target::Hub => Some(Target::Hub(t.span)),
            ast::Target::Name(n) => self
                .expect_name(&Spanned::new(n, t.span), STATE, role)
                .then_some(Target::Name(n, t.span)),
        }
    }

    fn change(&mut self, change: &Spanned<ast::Change>, sketch: &mut Sketch) -> Option<Change> {
        match &change.node {
            ast::Change::Remove { target, .. } => {
                let t = self.target(target, "what `remove` takes")?;
                if let Target::Name(n, span) = t {
                    if !sketch.removed.insert(n) {
                        self.pointless(
                            span,
                            format!("`{n}` is already removed in this scenario"),
                            "remove the repeated change",
                        );
                    }
                    sketch.members.retain(|(m, _)| *m != n);
                    sketch.standing.retain(|(m, _)| *m != n);
                    sketch.treaties.retain(|(a, b)| *a != n && *b != n);
                }
                Some(Change::Remove(t))
            }
            ast::Change::Leaves { target, group } | ast::Change::Joins { target, group } => {
                let joins = matches!(change.node, ast::Change::Joins { .. });
                let t = self.target(target, "a member")?;
                if !self.expect_name(
                    group,
                    COLLECTIVE,
                    if joins {
                        "what a state joins"
                    } else {
                        "what a state leaves"
                    },
                ) {
                    return None;
                }
                if let Target::Name(n, span) = t {
                    if sketch.removed.contains(&n) {
                        self.pointless(
                            span,
                            format!("`{n}` was removed earlier in this scenario"),
                            "a removed state has no memberships left to change",
                        );
                        return None;
                    }
                    let key = (n, group.node);
                    let member = sketch.members.contains(&key);
                    if joins && sketch.standing.contains(&key) {
                        self.pointless(
                            span,
                            format!("`{n}` is already a member of `{}`", group.node),
                            "remove this change, or make the state leave first",
                        );
                    } else if !joins && !member {
                        let members: Vec<String> = sketch
                            .members
                            .iter()
                            .filter(|(_, g)| *g == group.node)
                            .map(|(m, _)| m.to_string())
                            .take(8)
                            .collect();
                        self.pointless(
                            span,
                            format!(
                                "`{n}` is not a member of `{}`, so it cannot leave it",
                                group.node
                            ),
                            &format!("the members are: {}", members.join(", ")),
                        );
                    }
                    if joins {
                        sketch.members.insert(key);
                        sketch.standing.insert(key);
                    } else {
                        sketch.members.shift_remove(&key);
                        sketch.standing.shift_remove(&key);
                    }
                }
                Some(if joins {
                    Change::Joins {
                        target: t,
                        group: group.node,
                    }
                } else {
                    Change::Leaves {
                        target: t,
                        group: group.node,
                    }
                })
            }
            ast::Change::Cancelled { a, b } => {
                let (ta, tb) = (
                    self.target(a, "a party to a treaty"),
                    self.target(b, "a party to a treaty"),
                );
                let (ta, tb) = (ta?, tb?);
                if let (Target::Name(x, _), Target::Name(y, _)) = (ta, tb) {
                    let found = sketch.treaties.shift_remove(&(x, y))
                        | sketch.treaties.shift_remove(&(y, x));
                    if !found {
                        self.pointless(
                            change.span,
                            format!("there is no treaty between `{x}` and `{y}` to cancel"),
                            "check the two names; a pact is left with `X leaves P`",
                        );
                    }
                }
                Some(Change::Cancelled { a: ta, b: tb })
            }
            ast::Change::Add(stmt) => {
                self.declare_added(stmt);
                if let Stmt::Fact(atom) = &stmt.node {
                    self.register(
                        atom.rel.node,
                        atom.args.len(),
                        crate::program::RelKind::Base,
                        Some(atom.rel.span),
                    );
                }
                match &stmt.node {
                    Stmt::Pact { name, members, .. }
                    | Stmt::Group { name, members, .. }
                    | Stmt::Bloc { name, members, .. } => {
                        sketch.members.retain(|(_, g)| *g != name.node);
                        sketch.standing.retain(|(_, g)| *g != name.node);
                        let pair = |m: &ast::Member| (m.name.node, name.node);
                        sketch.members.extend(members.iter().map(pair));
                        let undated = members.iter().filter(|m| m.dates.is_empty());
                        sketch.standing.extend(undated.map(pair));
                    }
                    _ => {}
                }
                let replaces = self.replaced_by(stmt);
                let facts: Vec<Fact> = self
                    .declaration(stmt)
                    .into_iter()
                    .map(|(rel, args, span, years)| Fact {
                        rel,
                        args,
                        span,
                        origin: self.origin,
                        years,
                    })
                    .collect();
                if let Stmt::Treaty { a, b, .. } = &stmt.node {
                    sketch.treaties.insert((a.node, b.node));
                }
                Some(Change::Add { facts, replaces })
            }
            ast::Change::AsOf(year) => Some(Change::AsOf(year.node)),
            ast::Change::SetParam { name, value } => {
                let (rel, value) = self.param_fact(name, value)?;
                let fact = Fact {
                    rel,
                    args: vec![value],
                    span: change.span,
                    origin: self.origin,
                    years: crate::program::Years::ALWAYS,
                };
                Some(Change::Add {
                    facts: vec![fact],
                    replaces: vec![Pattern {
                        rel,
                        args: vec![None],
                    }],
                })
            }
            ast::Change::Set { target, key, value } => {
                let t = self.target(target, "the state to change")?;
                let subject = match t {
                    Target::Name(n, _) => n,
                    Target::Hub(_) => Sym::new("_"),
                };
                self.declare_value(value);
                let attr = Attr {
                    key: *key,
                    value: value.clone(),
                    at: None,
                };
                if let ast::Value::Bool(false) = value.node {
                    let fixed = self.attribute(subject, &attr);
                    let rel = fixed
                        .map(|f| f.0)
                        .or_else(|| self.program.relation_ids.get(&key.node).copied())?;
                    return Some(Change::Set {
                        target: t,
                        rel,
                        value: None,
                    });
                }
                let (rel, args) = self.attribute(subject, &attr)?;
                Some(Change::Set {
                    target: t,
                    rel,
                    value: args.get(1).copied().or(Some(Const::Sym(Sym::new("yes")))),
                })
            }
        }
    }

    fn pointless(&mut self, span: Span, message: String, help: &str) {
        self.diags.push(
            Diag::error(Code::PointlessChange, message)
                .label(span, "this change does nothing")
                .help(help.to_string()),
        );
    }

    /// An added declaration may introduce a new state, pact, group or bloc.
    fn declare_added(&mut self, stmt: &Spanned<Stmt>) {
        if let Stmt::Fact(atom) = &stmt.node {
            self.declare_constants(atom);
        }
        let (name, kind) = match &stmt.node {
            Stmt::State { name, .. } => (name, NameKind::State),
            Stmt::Pact { name, .. } => (name, NameKind::Pact),
            Stmt::Group { name, .. } => (name, NameKind::Group),
            Stmt::Bloc { name, .. } => (name, NameKind::Bloc),
            _ => return,
        };
        match self.names.declared.get(&name.node) {
            Some((k, _)) if *k == kind => self.used.insert(name.node),
            _ => {
                self.names.declared.insert(name.node, (kind, name.span));
                true
            }
        };
        if let Stmt::State { attrs, .. } = &stmt.node {
            for attr in attrs.iter().flatten() {
                self.declare_value(&attr.value);
            }
        }
    }

    /// The facts an added declaration replaces: those between the same parties.
    fn replaced_by(&self, stmt: &Spanned<Stmt>) -> Vec<Pattern> {
        let rel = |name: &str| self.program.relation(name);
        let sym = |s: &Spanned<Sym>| Some(Const::Sym(s.node));
        let mut out = Vec::new();
        let mut push = |r: Option<RelId>, args: Vec<Option<Const>>| {
            if let Some(rel) = r {
                out.push(Pattern { rel, args });
            }
        };
        match &stmt.node {
            Stmt::State { name, attrs, .. } => {
                push(rel(rels::STATE), vec![sym(name)]);
                for attr in attrs.iter().flatten() {
                    if let Some(r) = self.program.relation_ids.get(&attr.key.node).copied() {
                        let arity = self.program.rel(r).arity;
                        let mut args = vec![sym(name)];
                        args.resize(arity, None);
                        push(Some(r), args);
                    }
                }
            }
            // Every treaty between the two, of any kind, with its conditions.
            Stmt::Treaty { a, b, .. } => {
                for (x, y) in [(a, b), (b, a)] {
                    push(rel(rels::TREATY), vec![sym(x), sym(y), None, None]);
                    for (name, arity) in [
                        (rels::TREATY_AGAINST, 4),
                        (rels::TREATY_IN, 4),
                        (rels::TREATY_UNLESS_PROVOKED, 3),
                        (rels::TREATY_SECRET, 3),
                    ] {
                        let mut args = vec![sym(x), sym(y)];
                        args.resize(arity, None);
                        push(rel(name), args);
                    }
                }
            }
            Stmt::Pact { name, .. } | Stmt::Group { name, .. } => {
                let own = if matches!(stmt.node, Stmt::Pact { .. }) {
                    rels::PACT
                } else {
                    rels::GROUP
                };
                push(rel(own), vec![sym(name), None]);
                push(rel(rels::MEMBER), vec![None, sym(name)]);
                if own == rels::PACT {
                    push(rel(rels::PACT_AGAINST), vec![sym(name), None]);
                    push(rel(rels::PACT_IN), vec![sym(name), None]);
                    push(rel(rels::PACT_UNLESS_PROVOKED), vec![sym(name)]);
                    push(rel(rels::PACT_SECRET), vec![sym(name)]);
                }
            }
            Stmt::Bloc { name, .. } => {
                push(rel(rels::BLOC), vec![sym(name)]);
                push(rel(rels::MEMBER), vec![None, sym(name)]);
            }
            Stmt::Partner { a, b, .. } => push(rel(rels::PARTNER), vec![sym(a), sym(b)]),
            // A setting of the standard theory has one value: a new one replaces it.
            Stmt::Fact(atom) => {
                if let Some(r) = self
                    .program
                    .relation_ids
                    .get(&atom.rel.node)
                    .filter(|r| self.params.contains(*r))
                {
                    push(Some(*r), vec![None]);
                }
            }
            Stmt::Troops { a, b, .. } => push(rel(rels::TROOPS), vec![sym(a), sym(b), None]),
            // The threat as added: provoked or not, and in force in the scenario's years.
            Stmt::Threat { by, targets, .. } => {
                for target in targets {
                    for name in [
                        rels::THREATENS,
                        rels::THREATENS_ALL,
                        rels::PROVOKED,
                        rels::PROVOKED_ALL,
                    ] {
                        push(rel(name), vec![sym(by), sym(target)]);
                    }
                }
            }
            _ => {}
        }
        out
    }
}
