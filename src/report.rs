//! The report a person reads first (`alliance run FILE`), as text and as JSON: who must defend
//! whom, support and cooperation without obligation, deterrence per threatened state, network
//! roles, spending gaps, the script's questions and expectations, and each scenario's difference
//! from the base world, summarised in words before it is listed fact by fact.
//!
//! Both forms are built from the same gathered rows, so they never disagree. The text is plain:
//! aligned tables without colour, states by their display names. In JSON, states appear by name
//! (`SouthKorea`), with display names under `states`; the sentences and `*_text`, `reason` and
//! `nuclear_cover` fields are the report's own words, with display names. Numbers are strings of
//! exact decimals (money in dollars, percentages in points), ratios also rounded to two decimals.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Value as Json};

use crate::check::Checked;
use crate::eval::solve::FactRef;
use crate::eval::{Model, Prov};
use crate::explain;
use crate::program::{Const, Literal, Origin, Program, Scenario};
use crate::run::{answer_lines, AskOutcome, Outcome, ScenarioOutcome};
use crate::scenario::RelDiff;
use crate::source::{Sources, Span, Sym};
use crate::words::{and_list, money, plural, show_const, verb};

/// The width text is wrapped to.
const WIDTH: usize = 100;
/// Facts listed per relation and direction in a scenario's text diff.
const FACTS_SHOWN: usize = 20;
/// Names listed in one summary sentence before "and N more".
const NAMES_SHOWN: usize = 8;
/// Balance changes listed in a scenario's summary.
const BALANCES_SHOWN: usize = 10;

// ---------------------------------------------------------------------------------------------
// The world being reported on

/// A world (the base one or a scenario's) with the lookups the report needs.
struct World<'a> {
    program: &'a Program,
    sources: &'a Sources,
    model: &'a Model,
    /// Members of every pact, group and bloc, in the order they were stated.
    members: IndexMap<Const, Vec<Const>>,
    /// Display names of more than one word, longest first: never split when wrapping.
    multiword: Vec<String>,
    /// The metadata of each treaty and pact, by its parties.
    metadata: HashMap<Vec<Sym>, &'a [(Sym, Const)]>,
    /// The pacts (not groups or blocs).
    pacts: HashSet<Const>,
}

impl<'a> World<'a> {
    fn new(program: &'a Program, sources: &'a Sources, model: &'a Model) -> World<'a> {
        let mut multiword: Vec<String> = program
            .states
            .values()
            .filter_map(|i| i.display)
            .map(|d| d.to_string())
            .filter(|d| d.contains(' '))
            .collect();
        multiword.sort_by_key(|d| std::cmp::Reverse(d.len()));
        let mut w = World {
            program,
            sources,
            model,
            members: IndexMap::new(),
            multiword,
            metadata: program
                .metadata
                .iter()
                .map(|(parties, m)| (parties.clone(), m.as_slice()))
                .collect(),
            pacts: HashSet::new(),
        };
        w.pacts = w
            .tuples("pact")
            .iter()
            .filter_map(|t| t.first().copied())
            .collect();
        for t in w.tuples("member") {
            if let [m, g] = t.as_slice() {
                w.members.entry(*g).or_default().push(*m);
            }
        }
        w
    }

    /// The tuples of a relation by name, in derivation order (none if the relation is unknown).
    fn tuples(&self, rel: &str) -> Vec<Vec<Const>> {
        self.program
            .relation(rel)
            .map(|r| self.model.tuples(r))
            .unwrap_or_default()
    }

    fn holds(&self, rel: &str, args: &[Const]) -> bool {
        self.program
            .relation(rel)
            .is_some_and(|r| self.model.find(r, args).is_some())
    }

    /// The tuples of a relation grouped by the value of one column.
    fn by(&self, rel: &str, column: usize) -> HashMap<Const, Vec<Vec<Const>>> {
        let mut map: HashMap<Const, Vec<Vec<Const>>> = HashMap::new();
        for t in self.tuples(rel) {
            if let Some(key) = t.get(column).copied() {
                map.entry(key).or_default().push(t);
            }
        }
        map
    }

    /// A constant as a reader sees it: a state's display name where it has one.
    fn name(&self, c: &Const) -> String {
        display(self.program, c)
    }

    fn names(&self, cs: &[Const]) -> Vec<String> {
        cs.iter().map(|c| self.name(c)).collect()
    }

    /// States in the order they were declared (others after them, by name).
    fn sort_states(&self, cs: &mut [Const]) {
        cs.sort_by_cached_key(|c| {
            let index = match c {
                Const::Sym(s) => self.program.states.get_index_of(s).unwrap_or(usize::MAX),
                _ => usize::MAX,
            };
            (index, show_const(*c))
        });
    }

    fn members_of(&self, group: &Const) -> &[Const] {
        self.members.get(group).map_or(&[], |m| m.as_slice())
    }

    /// The balance threshold of this world (1 unless a script sets it).
    fn threshold(&self) -> Option<Const> {
        self.tuples("balance_threshold")
            .first()
            .and_then(|t| t.first().copied())
    }

    fn location(&self, span: Span) -> String {
        self.sources.location(span)
    }

    /// The source text at a span, on one line.
    fn source(&self, span: Span) -> String {
        one_line(self.sources.text(span))
    }
}

fn display(program: &Program, c: &Const) -> String {
    match c {
        Const::Sym(s) => program.display(*s).to_string(),
        Const::Str(s) => s.to_string(),
        other => show_const(*other),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fact_args(model: &Model, fact: FactRef) -> Vec<Const> {
    model
        .store(fact.rel)
        .get(fact.id)
        .iter()
        .map(|v| model.values.get(*v))
        .collect()
}

fn number(c: Option<&Const>) -> Option<Decimal> {
    match c {
        Some(Const::Num(d, _)) => Some(*d),
        _ => None,
    }
}

/// The second column of the first tuple whose first column is `key`: `gdp(Japan, v)` gives v.
fn value_of(map: &HashMap<Const, Vec<Vec<Const>>>, key: &Const) -> Option<Const> {
    map.get(key)
        .and_then(|ts| ts.first())
        .and_then(|t| t.get(1))
        .copied()
}

// ---------------------------------------------------------------------------------------------
// Numbers and lists in words

/// An exact decimal, without trailing zeros: the form numbers take in JSON.
fn exact(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A ratio to exactly two decimals: `1.77`, `0.04`, `12.10`.
fn ratio2(d: Decimal) -> String {
    let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r.to_string()
}

/// A ratio compared with the threshold, with more decimals where two would mislead
/// (`1.00 < 1` for 0.998).
fn ratio_against(r: Decimal, m: Decimal) -> String {
    let shown = ratio2(r);
    let rounded = r.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    if rounded.cmp(&m) == r.cmp(&m) {
        shown
    } else {
        exact(r.round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero))
    }
}

/// Words wrapped greedily to a width (a word longer than the width gets a line of its own);
/// the names in `keep` ("United States") are never split across lines.
fn wrap(text: &str, width: usize, keep: &[String]) -> Vec<String> {
    const GLUE: char = '\u{a0}';
    let mut glued = text.to_string();
    for name in keep {
        glued = glued.replace(name.as_str(), &name.replace(' ', &GLUE.to_string()));
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in glued.split(' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| l.replace(GLUE, " ")).collect()
}

/// A paragraph wrapped to the page, every line indented; `first` starts the first line.
fn paragraph(out: &mut String, indent: usize, first: &str, text: &str, keep: &[String]) {
    let lead = format!("{}{first}", " ".repeat(indent));
    let hang = " ".repeat(lead.chars().count());
    let width = WIDTH.saturating_sub(hang.len()).max(30);
    for (i, line) in wrap(text, width, keep).iter().enumerate() {
        let start = if i == 0 { &lead } else { &hang };
        out.push_str(format!("{start}{line}").trim_end());
        out.push('\n');
    }
}

fn heading(out: &mut String, title: &str, rule: char) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(title);
    out.push('\n');
    out.push_str(&rule.to_string().repeat(title.chars().count()));
    out.push('\n');
}

/// Text indented by `indent` spaces, line by line (blank lines stay blank); a line too long for
/// the page goes on under itself, four spaces further in.
fn indented(out: &mut String, indent: usize, text: &str) {
    for line in text.lines() {
        let body = line.trim_start();
        if body.is_empty() {
            out.push('\n');
            continue;
        }
        let own = indent + line.len() - body.len();
        let width = WIDTH.saturating_sub(own + 4).max(40);
        for (i, part) in wrap(body, width, &[]).iter().enumerate() {
            let pad = if i == 0 { own } else { own + 4 };
            out.push_str(&format!("{}{part}\n", " ".repeat(pad)));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tables

/// A plain-text table: each column as wide as its widest cell, numbers right-aligned, a line of
/// dashes under the heads, and the last column wrapped to the page width.
struct Table {
    head: Vec<&'static str>,
    right: Vec<bool>,
    rows: Vec<Vec<String>>,
    keep: Vec<String>,
}

impl Table {
    fn new(head: &[&'static str]) -> Table {
        Table {
            head: head.to_vec(),
            right: vec![false; head.len()],
            rows: Vec::new(),
            keep: Vec::new(),
        }
    }

    /// Names the last column never splits when it wraps.
    fn keeping(mut self, names: &[String]) -> Table {
        self.keep = names.to_vec();
        self
    }

    /// Right-aligns the given columns.
    fn right(mut self, columns: &[usize]) -> Table {
        for c in columns {
            if let Some(r) = self.right.get_mut(*c) {
                *r = true;
            }
        }
        self
    }

    /// Adds a row; cells beyond the table's columns are dropped, missing ones left empty.
    fn row(&mut self, mut cells: Vec<String>) {
        cells.resize(self.head.len(), String::new());
        self.rows.push(cells);
    }

    fn render(&self, indent: usize, out: &mut String) {
        let mut widths: Vec<usize> = self.head.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let before: usize = indent + widths.iter().rev().skip(1).map(|w| w + 2).sum::<usize>();
        if let Some(last) = widths.last_mut() {
            *last = (*last).min(WIDTH.saturating_sub(before).max(40));
        }
        let head: Vec<String> = self.head.iter().map(|h| h.to_string()).collect();
        let dashes: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        self.line(&head, &widths, indent, before, out);
        self.line(&dashes, &widths, indent, before, out);
        for row in &self.rows {
            self.line(row, &widths, indent, before, out);
        }
    }

    fn line(
        &self,
        cells: &[String],
        widths: &[usize],
        indent: usize,
        before: usize,
        out: &mut String,
    ) {
        let mut text = " ".repeat(indent);
        let last = cells.len().saturating_sub(1);
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate().take(last) {
            let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
            if self.right.get(i).copied().unwrap_or(false) {
                text.push_str(&format!("{pad}{cell}  "));
            } else {
                text.push_str(&format!("{cell}{pad}  "));
            }
        }
        let tail = cells.get(last).map_or("", |s| s.as_str());
        let width = widths.get(last).copied().unwrap_or(0);
        let wrapped = if self.right.get(last).copied().unwrap_or(false) {
            vec![format!(
                "{}{tail}",
                " ".repeat(width.saturating_sub(tail.chars().count()))
            )]
        } else {
            wrap(tail, width.max(1), &self.keep)
        };
        for (i, part) in wrapped.iter().enumerate() {
            let lead = if i == 0 {
                text.clone()
            } else {
                " ".repeat(before)
            };
            out.push_str(format!("{lead}{part}").trim_end());
            out.push('\n');
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Obligations

/// Why a state must defend another: the provenance of its `defends` fact.
#[derive(Clone, Debug, PartialEq)]
enum Basis {
    /// A treaty between `a` and `b` (as written), `order` its place among the treaties.
    Treaty {
        a: Const,
        b: Const,
        direction: Const,
        order: u32,
    },
    Pact(Const),
    /// A rule: the script's own, or one of the standard theory that names no treaty or pact.
    Rule(usize),
    /// Stated with `fact defends(...)`: the index of the base fact.
    Stated(u32),
    Engine,
}

struct Obligation {
    defender: Const,
    protected: Const,
    basis: Basis,
}

fn obligations(w: &World) -> Vec<Obligation> {
    let Some(rel) = w.program.relation("defends") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (id, tuple) in w.model.store(rel).iter() {
        let args: Vec<Const> = tuple.iter().map(|v| w.model.values.get(*v)).collect();
        if let [defender, protected] = args.as_slice() {
            let basis = basis(w, FactRef { rel, id });
            out.push(Obligation {
                defender: *defender,
                protected: *protected,
                basis,
            });
        }
    }
    out
}

fn basis(w: &World, fact: FactRef) -> Basis {
    match w.model.prov(fact) {
        Some(Prov::Base(i)) => Basis::Stated(i),
        Some(Prov::Rule { rule, premises }) => rule_basis(w, rule as usize, premises),
        _ => Basis::Engine,
    }
}

/// The treaty or pact a rule of the standard theory joined, found among its premises.
fn rule_basis(w: &World, rule: usize, premises: &[FactRef]) -> Basis {
    let Some(r) = w.program.rules.get(rule) else {
        return Basis::Engine;
    };
    if r.origin == Origin::Script {
        return Basis::Rule(rule);
    }
    let atoms = r.body.iter().filter_map(|l| match l {
        Literal::Pos(a) => Some(a),
        _ => None,
    });
    for (atom, premise) in atoms.zip(premises) {
        let args = fact_args(w.model, *premise);
        match (w.program.rel(atom.rel).name.as_str(), args.as_slice()) {
            ("treaty", [a, b, direction, _]) => {
                return Basis::Treaty {
                    a: *a,
                    b: *b,
                    direction: *direction,
                    order: premise.id,
                }
            }
            ("pact", [p, _]) => return Basis::Pact(*p),
            _ => {}
        }
    }
    Basis::Rule(rule)
}

/// The metadata of a treaty or pact (`name: "ANZUS", signed: 1951`), by its parties.
fn metadata<'w>(w: &World<'w>, parties: &[Const]) -> &'w [(Sym, Const)] {
    let syms: Vec<Sym> = parties
        .iter()
        .filter_map(|c| match c {
            Const::Sym(s) => Some(*s),
            _ => None,
        })
        .collect();
    w.metadata.get(&syms).copied().unwrap_or(&[])
}

/// "ANZUS (1951)", "North Atlantic Treaty", "signed 1949", or nothing.
fn label(w: &World, parties: &[Const]) -> String {
    let meta = metadata(w, parties);
    let get = |key: &str| {
        meta.iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, v)| w.name(v))
    };
    match (get("name"), get("signed")) {
        (Some(n), Some(s)) => format!("{n} ({s})"),
        (Some(n), None) => n,
        (None, Some(s)) => format!("signed {s}"),
        (None, None) => String::new(),
    }
}

fn direction_words(direction: &Const) -> &'static str {
    match direction {
        Const::Sym(s) if s.as_str() == "one_way" => "treaty, one-way",
        _ => "treaty, mutual",
    }
}

fn obligations_text(w: &World, out: &mut String) {
    let all = obligations(w);
    // A program without the standard theory that derives no `defends` (plain rules over facts
    // of its own) has no obligations to speak of.
    if all.is_empty() && !w.program.prelude {
        return;
    }
    heading(out, "Obligations: who must defend whom", '-');
    if all.is_empty() {
        out.push_str("  No state is obliged to defend another.\n");
    }
    treaty_obligations_text(w, &all, out);
    pact_obligations_text(w, &all, out);
    rule_obligations_text(w, &all, out);
    no_duty_treaties_text(w, out);
}

fn treaty_obligations_text(w: &World, all: &[Obligation], out: &mut String) {
    let mut rows: Vec<(&Obligation, u32, bool)> = all
        .iter()
        .filter_map(|o| match &o.basis {
            Basis::Treaty { b, order, .. } => Some((o, *order, o.defender == *b)),
            _ => None,
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    rows.sort_by_key(|(_, order, reverse)| (*order, *reverse));
    out.push_str(&format!(
        "\n  By treaty ({}):\n",
        plural(rows.len(), "obligation", "obligations")
    ));
    let named = rows.iter().any(|(o, _, _)| match &o.basis {
        Basis::Treaty { a, b, .. } => !label(w, &[*a, *b]).is_empty(),
        _ => false,
    });
    let head: &[&str] = if named {
        &["Defender", "Must defend", "Basis", "Treaty"]
    } else {
        &["Defender", "Must defend", "Basis"]
    };
    let mut table = Table::new(head);
    let mut one_way = Vec::new();
    for (o, _, _) in &rows {
        let Basis::Treaty {
            a, b, direction, ..
        } = &o.basis
        else {
            continue;
        };
        let words = direction_words(direction);
        // Unless something else (a pact, a rule) obliges the second party after all.
        if words.ends_with("one-way") && !w.holds("defends", &[*b, *a]) {
            one_way.push(format!("{} need not defend {}", w.name(b), w.name(a)));
        }
        table.row(vec![
            w.name(&o.defender),
            w.name(&o.protected),
            words.to_string(),
            label(w, &[*a, *b]),
        ]);
    }
    table.render(4, out);
    for line in one_way {
        out.push_str(&format!("    (one-way: {line})\n"));
    }
}

fn pact_obligations_text(w: &World, all: &[Obligation], out: &mut String) {
    let pacts = pact_counts(w, all);
    if pacts.is_empty() {
        return;
    }
    out.push_str("\n  By pact:\n");
    for (pact, count) in &pacts {
        let members = w.names(w.members_of(pact));
        out.push_str(&format!(
            "    {} ({}): every member must defend every other ({})\n",
            w.name(pact),
            plural(members.len(), "member", "members"),
            plural(*count, "obligation", "obligations")
        ));
        let name = label(w, &[*pact]);
        if !name.is_empty() {
            out.push_str(&format!("      {name}\n"));
        }
        paragraph(out, 6, "Members: ", &members.join(", "), &w.multiword);
    }
}

/// Each pact that obliges someone, in order of appearance, with how many obligations it creates:
/// every member to every other, even where a treaty had already obliged one to another.
fn pact_counts(w: &World, all: &[Obligation]) -> IndexMap<Const, usize> {
    let mut pacts: IndexMap<Const, usize> = IndexMap::new();
    for o in all {
        if let Basis::Pact(p) = &o.basis {
            let n = w.members_of(p).len();
            pacts.entry(*p).or_insert(n * n.saturating_sub(1));
        }
    }
    pacts
}

fn rule_obligations_text(w: &World, all: &[Obligation], out: &mut String) {
    let rows: Vec<&Obligation> = all
        .iter()
        .filter(|o| matches!(o.basis, Basis::Rule(_) | Basis::Stated(_) | Basis::Engine))
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push_str("\n  By the script's own rules and facts:\n");
    let mut table = Table::new(&["Defender", "Must defend", "Because of"]);
    for o in rows {
        table.row(vec![
            w.name(&o.defender),
            w.name(&o.protected),
            basis_words(w, &o.basis),
        ]);
    }
    table.render(4, out);
}

/// Where a rule or stated fact comes from, in words: "rule defends(a, b) if ... (file:12)".
fn basis_words(w: &World, basis: &Basis) -> String {
    match basis {
        Basis::Rule(r) => match w.program.rules.get(*r) {
            Some(rule) if rule.origin == Origin::Script => {
                format!("{} ({})", w.source(rule.span), w.location(rule.span))
            }
            Some(rule) => format!("{} (standard theory)", w.source(rule.span)),
            None => "a rule".to_string(),
        },
        Basis::Stated(i) => match w.model.stated.get(*i as usize) {
            Some(f) => format!("{} ({})", w.source(f.span), w.location(f.span)),
            None => "a stated fact".to_string(),
        },
        Basis::Treaty { direction, .. } => direction_words(direction).to_string(),
        Basis::Pact(p) => format!("pact {}", w.name(p)),
        Basis::Engine => "computed".to_string(),
    }
}

/// Treaties of consultation, neutrality or non-aggression: no duty to defend.
fn no_duty_treaties_text(w: &World, out: &mut String) {
    let lines: Vec<String> = w
        .tuples("treaty")
        .iter()
        .filter_map(|t| match t.as_slice() {
            [a, b, direction, Const::Sym(obligation)] if obligation.as_str() != "defence" => {
                let how = if matches!(direction, Const::Sym(s) if s.as_str() == "one_way") {
                    "one-way"
                } else {
                    "mutual"
                };
                Some(format!(
                    "{} and {}: {how} {} treaty",
                    w.name(a),
                    w.name(b),
                    obligation
                ))
            }
            _ => None,
        })
        .collect();
    if lines.is_empty() {
        return;
    }
    out.push_str("\n  Treaties that oblige no one to fight:\n");
    for line in lines {
        out.push_str(&format!("    {line}\n"));
    }
}

// ---------------------------------------------------------------------------------------------
// Support, cooperation

fn supports_text(w: &World, out: &mut String) {
    let rows = w.tuples("supports");
    if rows.is_empty() {
        return;
    }
    heading(out, "Support without obligation", '-');
    out.push_str("  A partner helps (arms, training, aid) but has no duty to fight for the state it supports.\n\n");
    let mut table = Table::new(&["Supporter", "Supports"]);
    for t in &rows {
        if let [a, b] = t.as_slice() {
            table.row(vec![w.name(a), w.name(b)]);
        }
    }
    table.render(2, out);
}

/// Each cooperation group with its kinds, in order of appearance.
fn groups(w: &World) -> IndexMap<Const, Vec<Const>> {
    let mut groups: IndexMap<Const, Vec<Const>> = IndexMap::new();
    for t in w.tuples("group") {
        if let [g, kind] = t.as_slice() {
            groups.entry(*g).or_default().push(*kind);
        }
    }
    groups
}

fn cooperation_text(w: &World, out: &mut String) {
    let groups = groups(w);
    if groups.is_empty() {
        return;
    }
    heading(out, "Cooperation groups", '-');
    out.push_str("  Groups share intelligence, exercises or technology; they oblige no one to defend anyone.\n\n");
    let mut table = Table::new(&["Group", "Kinds", "Members"]).keeping(&w.multiword);
    for (g, kinds) in &groups {
        let kinds: Vec<String> = kinds.iter().map(|k| show_const(*k)).collect();
        table.row(vec![
            w.name(g),
            kinds.join(", "),
            w.names(w.members_of(g)).join(", "),
        ]);
    }
    table.render(2, out);
}

// ---------------------------------------------------------------------------------------------
// Deterrence

/// One threatened state against one threat.
struct Deterrence {
    state: Const,
    threat: Const,
    /// The states in the coalition besides the threatened state itself.
    allies: Vec<Const>,
    power: Option<Decimal>,
    threat_gdp: Option<Decimal>,
    ratio: Option<Decimal>,
    threat_nuclear: bool,
    own_nuclear: bool,
    umbrella: Vec<Const>,
    verdict: Option<&'static str>,
    /// States of the coalition, or the threat, without a GDP figure.
    missing_gdp: Vec<Const>,
    /// The defence pact of the state that holds most of its allies (more than one), with how many.
    pact: Option<(Const, usize)>,
}

/// The lookups deterrence rows are built from, computed once per world.
struct DeterrenceIndex {
    coalition: HashMap<Const, Vec<Vec<Const>>>,
    power: HashMap<Const, Vec<Vec<Const>>>,
    gdp: HashMap<Const, Vec<Vec<Const>>>,
    umbrella: HashMap<Const, Vec<Vec<Const>>>,
    balance: HashMap<(Const, Const), Decimal>,
    nuclear: HashSet<Const>,
    /// Each pact with its members, and the pacts of each state (by index).
    pacts: Vec<(Const, HashSet<Const>)>,
    pacts_of: HashMap<Const, Vec<usize>>,
}

impl DeterrenceIndex {
    fn new(w: &World) -> DeterrenceIndex {
        let balance = w
            .tuples("balance")
            .into_iter()
            .filter_map(|t| match t.as_slice() {
                [x, th, r] => number(Some(r)).map(|r| ((*x, *th), r)),
                _ => None,
            })
            .collect();
        DeterrenceIndex {
            coalition: w.by("coalition", 1),
            power: w.by("power", 0),
            gdp: w.by("gdp", 0),
            umbrella: w.by("umbrella", 1),
            balance,
            pacts: w
                .members
                .iter()
                .filter(|(g, _)| w.pacts.contains(g))
                .map(|(g, m)| (*g, m.iter().copied().collect()))
                .collect(),
            pacts_of: HashMap::new(),
            nuclear: w
                .tuples("nuclear")
                .iter()
                .filter_map(|t| t.first().copied())
                .collect(),
        }
    }
}

fn deterrence(w: &World) -> Vec<Deterrence> {
    let mut index = DeterrenceIndex::new(w);
    for (i, (_, members)) in index.pacts.iter().enumerate() {
        for m in members {
            index.pacts_of.entry(*m).or_default().push(i);
        }
    }
    w.tuples("threatens")
        .iter()
        .filter_map(|t| match t.as_slice() {
            [threat, state] => Some(deterrence_row(w, &index, *state, *threat)),
            _ => None,
        })
        .collect()
}

fn deterrence_row(w: &World, index: &DeterrenceIndex, state: Const, threat: Const) -> Deterrence {
    let mut allies: Vec<Const> = match index.coalition.get(&state) {
        Some(ts) => ts
            .iter()
            .filter_map(|t| t.first().copied())
            .filter(|a| *a != state)
            .collect(),
        None => w.by("defends", 1).get(&state).map_or(Vec::new(), |ts| {
            ts.iter().filter_map(|t| t.first().copied()).collect()
        }),
    };
    w.sort_states(&mut allies);
    let mut umbrella: Vec<Const> = index.umbrella.get(&state).map_or(Vec::new(), |ts| {
        ts.iter().filter_map(|t| t.first().copied()).collect()
    });
    w.sort_states(&mut umbrella);
    let missing_gdp: Vec<Const> = std::iter::once(state)
        .chain(allies.iter().copied())
        .chain(std::iter::once(threat))
        .filter(|s| !index.gdp.contains_key(s))
        .collect();
    let pact = common_pact(index, &state, &allies);
    let pair = [state, threat];
    let verdict = ["exposed", "deterred", "undetermined"]
        .into_iter()
        .find(|v| w.holds(v, &pair));
    Deterrence {
        state,
        threat,
        allies,
        power: number(value_of(&index.power, &state).as_ref()),
        threat_gdp: number(value_of(&index.gdp, &threat).as_ref()),
        ratio: index.balance.get(&(state, threat)).copied(),
        threat_nuclear: index.nuclear.contains(&threat),
        own_nuclear: index.nuclear.contains(&state),
        umbrella,
        verdict,
        pact,
        missing_gdp,
    }
}

/// "Japan + United States", "Estonia + 31 NATO allies", "Taiwan alone".
fn coalition_words(w: &World, row: &Deterrence) -> String {
    let me = w.name(&row.state);
    let n = row.allies.len();
    if n == 0 {
        return format!("{me} alone");
    }
    if n <= 2 {
        return format!("{me} + {}", w.names(&row.allies).join(" + "));
    }
    match row.pact {
        Some((pact, k)) if k == n => format!("{me} + {k} {} allies", w.name(&pact)),
        Some((pact, k)) => format!("{me} + {k} {} allies + {} more", w.name(&pact), n - k),
        None => format!("{me} + {n} allies"),
    }
}

/// Who must defend a threatened state, compactly: "United States", "31 NATO allies + 4 more",
/// "nobody".
fn defenders_words(w: &World, row: &Deterrence) -> String {
    let n = row.allies.len();
    match n {
        0 => "nobody".to_string(),
        1 | 2 => and_list(&w.names(&row.allies), 2),
        _ => match row.pact {
            Some((pact, k)) if k == n => format!("{k} {} allies", w.name(&pact)),
            Some((pact, k)) => format!("{k} {} allies + {} more", w.name(&pact), n - k),
            None => format!("{n} states"),
        },
    }
}

/// The defence pact of the threatened state that holds most of its allies, with how many.
fn common_pact(index: &DeterrenceIndex, state: &Const, allies: &[Const]) -> Option<(Const, usize)> {
    index
        .pacts_of
        .get(state)?
        .iter()
        .filter_map(|i| index.pacts.get(*i))
        .map(|(g, members)| (*g, allies.iter().filter(|a| members.contains(a)).count()))
        .filter(|(_, k)| *k > 1)
        .max_by_key(|(_, k)| *k)
}

fn cover_words(w: &World, row: &Deterrence) -> String {
    if row.own_nuclear {
        "own".to_string()
    } else if row.umbrella.is_empty() {
        "none".to_string()
    } else {
        w.names(&row.umbrella).join(", ")
    }
}

/// Why the verdict: "ratio 0.04 < 1; nuclear threat, no cover", "gdp missing: North Korea".
fn reason(w: &World, row: &Deterrence, threshold: Option<Decimal>) -> String {
    let no_cover = row.threat_nuclear && !row.own_nuclear && row.umbrella.is_empty();
    let versus = |op: &str| match (row.ratio, threshold) {
        (Some(r), Some(m)) => Some(format!("ratio {} {op} {}", ratio_against(r, m), exact(m))),
        _ => None,
    };
    let missing = || format!("gdp missing: {}", w.names(&row.missing_gdp).join(", "));
    match row.verdict {
        Some("exposed") => {
            let below = row
                .ratio
                .zip(threshold)
                .filter(|(r, m)| r < m)
                .and_then(|_| versus("<"));
            let parts: Vec<String> = below
                .into_iter()
                .chain(no_cover.then(|| "nuclear threat, no cover".to_string()))
                .collect();
            if parts.is_empty() {
                "by the script's own rules".to_string()
            } else {
                parts.join("; ")
            }
        }
        Some("deterred") => {
            let base = versus(">=").unwrap_or_else(|| "by the script's own rules".to_string());
            match (row.threat_nuclear, row.own_nuclear) {
                (true, true) => format!("{base}, nuclear-armed"),
                (true, false) => format!("{base}, covered"),
                _ => base,
            }
        }
        _ if !row.missing_gdp.is_empty() => missing(),
        _ => String::new(),
    }
}

fn deterrence_text(w: &World, out: &mut String) {
    let rows = deterrence(w);
    if rows.is_empty() {
        return;
    }
    let threshold = w.threshold();
    let m = threshold.map_or("the threshold".to_string(), show_const);
    heading(out, "Deterrence", '-');
    let intro = format!(
        "A threatened state's coalition is the state itself and every state obliged to defend it; \
         its power is their combined GDP, and the ratio is that power divided by the threat's GDP. \
         A state deters a threat when the ratio is at least {m} and, against a nuclear-armed \
         threat, it has nuclear weapons of its own or a nuclear-armed defender (nuclear cover)."
    );
    paragraph(out, 2, "", &intro, &[]);
    let mut by_threat: IndexMap<Const, Vec<&Deterrence>> = IndexMap::new();
    for row in &rows {
        by_threat.entry(row.threat).or_default().push(row);
    }
    for (threat, rows) in &by_threat {
        threat_table(w, threat, rows, number(threshold.as_ref()), out);
    }
}

fn threat_table(
    w: &World,
    threat: &Const,
    rows: &[&Deterrence],
    threshold: Option<Decimal>,
    out: &mut String,
) {
    let first = rows.first();
    let gdp = first
        .and_then(|r| r.threat_gdp)
        .map_or("unknown".to_string(), money);
    let nuclear = if first.is_some_and(|r| r.threat_nuclear) {
        ", nuclear-armed"
    } else {
        ""
    };
    out.push_str(&format!(
        "\n  {} (GDP {gdp}{nuclear}) threatens {}:\n",
        w.name(threat),
        plural(rows.len(), "state", "states")
    ));
    let umbrellas = long_umbrellas(rows);
    let mut table = Table::new(&[
        "State",
        "Defended by",
        "Power",
        "Ratio",
        "Nuclear cover",
        "Verdict",
        "Why",
    ])
    .right(&[2, 3]);
    for row in rows {
        table.row(vec![
            w.name(&row.state),
            defenders_words(w, row),
            row.power.map_or("?".to_string(), money),
            row.ratio.map_or("?".to_string(), ratio2),
            cover_cell(w, row, &umbrellas),
            row.verdict.unwrap_or("-").to_string(),
            reason(w, row, threshold),
        ]);
    }
    table.render(4, out);
    for (i, holders) in umbrellas.iter().enumerate() {
        let mark = if umbrellas.len() > 1 {
            format!(" [{}]", i + 1)
        } else {
            String::new()
        };
        let names = and_list(&w.names(holders), usize::MAX);
        paragraph(
            out,
            4,
            &format!("{} nuclear allies{mark}: ", holders.len()),
            &names,
            &w.multiword,
        );
    }
}

/// The distinct sets of more than two umbrella holders in a table, in order of appearance: too
/// long for a column, so the column counts them and a note under the table names them.
fn long_umbrellas(rows: &[&Deterrence]) -> Vec<Vec<Const>> {
    let mut sets: Vec<Vec<Const>> = Vec::new();
    for row in rows {
        if !row.own_nuclear && row.umbrella.len() > 2 && !sets.contains(&row.umbrella) {
            sets.push(row.umbrella.clone());
        }
    }
    sets
}

/// "own", "none", "United States", or "3 nuclear allies" (named under the table).
fn cover_cell(w: &World, row: &Deterrence, long: &[Vec<Const>]) -> String {
    match long.iter().position(|s| *s == row.umbrella) {
        Some(i) if !row.own_nuclear => {
            let mark = if long.len() > 1 {
                format!(" [{}]", i + 1)
            } else {
                String::new()
            };
            format!("{} nuclear allies{mark}", row.umbrella.len())
        }
        _ => cover_words(w, row),
    }
}

// ---------------------------------------------------------------------------------------------
// Network roles, spending

/// Each hub with its spokes (in declaration order).
fn roles(w: &World) -> IndexMap<Const, Vec<Const>> {
    let mut hubs: IndexMap<Const, Vec<Const>> = IndexMap::new();
    for t in w.tuples("hub") {
        if let Some(h) = t.first() {
            hubs.entry(*h).or_default();
        }
    }
    for t in w.tuples("spoke") {
        if let [x, h] = t.as_slice() {
            hubs.entry(*h).or_default().push(*x);
        }
    }
    for spokes in hubs.values_mut() {
        w.sort_states(spokes);
    }
    hubs
}

fn roles_text(w: &World, out: &mut String) {
    let hubs = roles(w);
    if hubs.is_empty() && w.tuples("allied").is_empty() {
        return;
    }
    heading(out, "Network roles", '-');
    if hubs.is_empty() {
        out.push_str("  No hubs: no state is the only link between three or more allies.\n");
        return;
    }
    out.push_str("  A hub is the only link between allies that have no other tie to one another; its spokes\n");
    out.push_str("  would be cut off from the hub's other allies without it.\n\n");
    let mut table = Table::new(&["Hub", "Spokes"]).keeping(&w.multiword);
    for (hub, spokes) in &hubs {
        let list = if spokes.is_empty() {
            "none".to_string()
        } else {
            w.names(spokes).join(", ")
        };
        table.row(vec![w.name(hub), format!("{}: {list}", spokes.len())]);
    }
    table.render(2, out);
}

struct Gap {
    state: Const,
    spending: Option<Const>,
    target: Option<Const>,
    gap: Const,
}

fn gaps(w: &World) -> Vec<Gap> {
    let spending = w.by("spending", 0);
    let target = w.by("spending_target", 0);
    w.tuples("spending_gap")
        .iter()
        .filter_map(|t| match t.as_slice() {
            [x, g] => Some(Gap {
                state: *x,
                spending: value_of(&spending, x),
                target: value_of(&target, x),
                gap: *g,
            }),
            _ => None,
        })
        .collect()
}

fn gaps_text(w: &World, out: &mut String) {
    let gaps = gaps(w);
    if gaps.is_empty() {
        return;
    }
    heading(out, "Spending gaps", '-');
    out.push_str(
        "  Defence spending below the state's own target, in percentage points of GDP.\n\n",
    );
    let mut table = Table::new(&["State", "Spending", "Target", "Gap"]).right(&[1, 2, 3]);
    let shown = |c: &Option<Const>| c.map_or("?".to_string(), show_const);
    for g in &gaps {
        table.row(vec![
            w.name(&g.state),
            shown(&g.spending),
            shown(&g.target),
            show_const(g.gap),
        ]);
    }
    table.render(2, out);
}

// ---------------------------------------------------------------------------------------------
// Questions and expectations

fn questions_text(w: &World, asks: &[AskOutcome], indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for ask in asks {
        match ask {
            AskOutcome::Answers { span, vars, rows } => {
                out.push_str(&format!("{pad}{}\n", w.source(*span)));
                for line in answer_lines(vars, rows) {
                    out.push_str(&format!("{pad}    {line}\n"));
                }
            }
            AskOutcome::Why { span, text } => {
                out.push_str(&format!("{pad}{}\n", w.source(*span)));
                indented(out, indent + 4, text);
            }
            AskOutcome::Expect { .. } => {}
        }
    }
}

fn has_questions(asks: &[AskOutcome]) -> bool {
    asks.iter().any(|a| !matches!(a, AskOutcome::Expect { .. }))
}

/// How many expectations passed and failed.
fn tally<'o>(asks: impl Iterator<Item = &'o AskOutcome>) -> (usize, usize) {
    asks.fold((0, 0), |(p, f), a| match a {
        AskOutcome::Expect { passed: true, .. } => (p + 1, f),
        AskOutcome::Expect { passed: false, .. } => (p, f + 1),
        _ => (p, f),
    })
}

fn failures_text(w: &World, asks: &[AskOutcome], indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for ask in asks {
        if let AskOutcome::Expect {
            span,
            passed: false,
            explanation,
            ..
        } = ask
        {
            out.push_str(&format!(
                "{pad}FAILED {}: {}\n",
                w.location(*span),
                w.source(*span)
            ));
            indented(out, indent + 4, explanation);
        }
    }
}

fn expectations_text(w: &World, outcome: &Outcome, out: &mut String) {
    let (passed, failed) = tally(outcome.asks.iter());
    let (sp, sf) = tally(outcome.scenarios.iter().flat_map(|s| s.asks.iter()));
    if passed + failed + sp + sf == 0 {
        return;
    }
    heading(out, "Expectations", '-');
    let mut line = format!("  {passed} passed, {failed} failed");
    if sp + sf > 0 {
        line.push_str(&format!(
            " in the base world; {sp} passed, {sf} failed in the scenarios (below)"
        ));
    }
    out.push_str(&format!("{line}\n"));
    failures_text(w, &outcome.asks, 2, out);
}

// ---------------------------------------------------------------------------------------------
// Scenarios

/// The facts a scenario lost and gained, by relation name.
struct Changes<'d> {
    diffs: HashMap<&'static str, &'d RelDiff>,
}

impl<'d> Changes<'d> {
    fn new(program: &Program, diff: &'d [RelDiff]) -> Changes<'d> {
        Changes {
            diffs: diff
                .iter()
                .map(|d| (program.rel(d.rel).name.as_str(), d))
                .collect(),
        }
    }

    fn lost(&self, rel: &str) -> &'d [Vec<Const>] {
        self.diffs.get(rel).map_or(&[], |d| d.lost.as_slice())
    }

    fn gained(&self, rel: &str) -> &'d [Vec<Const>] {
        self.diffs.get(rel).map_or(&[], |d| d.gained.as_slice())
    }
}

/// What a summary sentence needs: both worlds, the diff, and the states the scenario removed.
struct Compare<'a, 'd> {
    before: &'a World<'a>,
    after: &'a World<'a>,
    changes: Changes<'d>,
    removed: Vec<Const>,
    /// States the scenario adds.
    added: Vec<Const>,
}

impl Compare<'_, '_> {
    fn gone(&self, c: &Const) -> bool {
        self.removed.contains(c)
    }

    /// Names of states, in declaration order, as a list in words.
    fn list(&self, states: &[Const]) -> String {
        let mut states = states.to_vec();
        self.before.sort_states(&mut states);
        states.dedup();
        and_list(&self.before.names(&states), NAMES_SHOWN)
    }

    /// The pairs of a relation's changes grouped by one column (`key`, 0 or 1), each group listing
    /// the other column, leaving out removed states.
    fn grouped(&self, tuples: &[Vec<Const>], key: usize) -> IndexMap<Const, Vec<Const>> {
        grouped(tuples, key)
            .into_iter()
            .filter(|(k, _)| !self.gone(k))
            .map(|(k, v)| {
                (
                    k,
                    v.into_iter().filter(|c| !self.gone(c)).collect::<Vec<_>>(),
                )
            })
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }
}

/// Pairs grouped by one column (`key`, 0 or 1), each group listing the other column.
fn grouped(tuples: &[Vec<Const>], key: usize) -> IndexMap<Const, Vec<Const>> {
    let mut map: IndexMap<Const, Vec<Const>> = IndexMap::new();
    for t in tuples {
        if let (Some(k), Some(v)) = (t.get(key), t.get(1 - key.min(1))) {
            map.entry(*k).or_default().push(*v);
        }
    }
    map
}

/// The summary in sentences of how one world differs from another (a scenario from its base):
/// what the sweep names as a departure's most telling changes.
pub fn scenario_summary(
    program: &Program,
    sources: &Sources,
    base: &Model,
    scenario: &Model,
    diff: &[RelDiff],
) -> Vec<String> {
    let before = World::new(program, sources, base);
    let after = World::new(program, sources, scenario);
    summary(&before, &after, diff)
}

/// The summary of a scenario in sentences: who lost a defender or cover, who became exposed,
/// balances before and after, roles that changed.
fn summary(before: &World, after: &World, diff: &[RelDiff]) -> Vec<String> {
    let changes = Changes::new(before.program, diff);
    let removed: Vec<Const> = changes
        .lost("state")
        .iter()
        .filter_map(|t| t.first().copied())
        .collect();
    let added: Vec<Const> = changes
        .gained("state")
        .iter()
        .filter_map(|t| t.first().copied())
        .collect();
    let cmp = Compare {
        before,
        after,
        changes,
        removed,
        added,
    };
    let mut out = Vec::new();
    removed_sentences(&cmp, &mut out);
    membership_sentences(&cmp, &mut out);
    treaty_sentences(&cmp, &mut out);
    attribute_sentences(&cmp, &mut out);
    defender_sentences(&cmp, &mut out);
    cover_sentences(&cmp, &mut out);
    exposure_sentences(&cmp, &mut out);
    threat_sentences(&cmp, &mut out);
    balance_sentences(&cmp, &mut out);
    role_sentences(&cmp, &mut out);
    if out.is_empty() {
        out.push(if diff.is_empty() {
            "Nothing changes: every conclusion is the same as in the base world.".to_string()
        } else {
            "No obligation, nuclear cover, verdict or role changes; the facts that do change are listed below.".to_string()
        });
    }
    out
}

fn removed_sentences(cmp: &Compare, out: &mut Vec<String>) {
    if !cmp.added.is_empty() {
        out.push(format!(
            "{} {} the world.",
            cmp.list(&cmp.added),
            verb(cmp.added.len(), "enters", "enter")
        ));
    }
    let n = cmp.removed.len();
    if n == 0 {
        return;
    }
    let hubs: Vec<Const> = cmp
        .removed
        .iter()
        .filter(|s| cmp.before.holds("hub", &[**s]))
        .copied()
        .collect();
    if let ([hub], 1) = (hubs.as_slice(), n) {
        out.push(format!(
            "The hub, {}, is removed, with every commitment it was part of.",
            cmp.before.name(hub)
        ));
        return;
    }
    out.push(format!(
        "{} {} removed, with every commitment {} part of.",
        cmp.list(&cmp.removed),
        verb(n, "is", "are"),
        verb(n, "it was", "they were")
    ));
}

/// States that join or leave a pact, group or bloc; joining a group adds no defender.
fn membership_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let groups = groups(cmp.after);
    for (g, states) in grouped(cmp.changes.lost("member"), 1) {
        let states: Vec<Const> = states.into_iter().filter(|x| !cmp.gone(x)).collect();
        if !states.is_empty() {
            let n = states.len();
            out.push(format!(
                "{} {} {}.",
                cmp.list(&states),
                verb(n, "leaves", "leave"),
                cmp.before.name(&g)
            ));
        }
    }
    for (g, states) in grouped(cmp.changes.gained("member"), 1) {
        let n = states.len();
        let mut line = format!(
            "{} {} {}",
            cmp.list(&states),
            verb(n, "joins", "join"),
            cmp.before.name(&g)
        );
        if let Some(kinds) = groups.get(&g) {
            let kinds: Vec<String> = kinds.iter().map(|k| show_const(*k)).collect();
            line.push_str(&format!(
                ", a {} group: groups oblige no one to defend",
                and_list(&kinds, usize::MAX)
            ));
        }
        out.push(format!("{line}."));
    }
}

/// Treaties cancelled, added or changed (a downgrade to consultation, say).
fn treaty_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let key = |t: &Vec<Const>| match t.as_slice() {
        [a, b, ..] => Some((*a, *b)),
        _ => None,
    };
    let gained = cmp.changes.gained("treaty");
    let kind = |t: &[Const]| match t {
        [_, _, d, o] => format!(
            "{} {}",
            direction_words(d).trim_start_matches("treaty, "),
            show_const(*o)
        ),
        _ => String::new(),
    };
    for t in cmp.changes.lost("treaty") {
        let Some((a, b)) = key(t) else { continue };
        if cmp.gone(&a) || cmp.gone(&b) {
            continue;
        }
        let parties = format!("{} and {}", cmp.before.name(&a), cmp.before.name(&b));
        match gained
            .iter()
            .find(|g| key(g) == Some((a, b)) || key(g) == Some((b, a)))
        {
            Some(g) => out.push(format!(
                "The {} treaty between {parties} becomes a {} treaty{}.",
                kind(t),
                kind(g),
                duty(g)
            )),
            None => out.push(format!(
                "The {} treaty between {parties} is cancelled.",
                kind(t)
            )),
        }
    }
    let lost = cmp.changes.lost("treaty");
    for g in gained {
        let Some((a, b)) = key(g) else { continue };
        if !lost
            .iter()
            .any(|t| key(t) == Some((a, b)) || key(t) == Some((b, a)))
        {
            let (a, b) = (cmp.before.name(&a), cmp.before.name(&b));
            out.push(format!(
                "A new {} treaty binds {a} and {b}{}.",
                kind(g),
                duty(g)
            ));
        }
    }
}

/// ", which obliges no one to fight" for a treaty that is not one of defence.
fn duty(treaty: &[Const]) -> &'static str {
    match treaty.get(3) {
        Some(Const::Sym(o)) if o.as_str() != "defence" => ", which obliges no one to fight",
        _ => "",
    }
}

/// Figures and nuclear status a scenario sets.
fn attribute_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let gained = firsts(cmp.changes.gained("nuclear"), cmp);
    if !gained.is_empty() {
        out.push(format!(
            "{} now {} nuclear weapons of {}.",
            cmp.list(&gained),
            verb(gained.len(), "has", "have"),
            verb(gained.len(), "its own", "their own")
        ));
    }
    let lost = firsts(cmp.changes.lost("nuclear"), cmp);
    if !lost.is_empty() {
        out.push(format!(
            "{} no longer {} nuclear weapons.",
            cmp.list(&lost),
            verb(lost.len(), "has", "have")
        ));
    }
    // Figures a scenario sets: "United States' GDP: 27.36T → 20T."
    let figures: [(&str, &str); 4] = [
        ("gdp", "GDP"),
        ("spending", "defence spending"),
        ("spending_target", "spending target"),
        ("troops", "troops in"),
    ];
    for (rel, what) in figures {
        figure_sentences(cmp, rel, what, out);
    }
}

/// One sentence per state (or pair, for troops) whose figure in `rel` changed: the key is every
/// argument but the last, the figure the last.
fn figure_sentences(cmp: &Compare, rel: &str, what: &str, out: &mut Vec<String>) {
    let split = |t: &Vec<Const>| t.split_last().map(|(v, key)| (key.to_vec(), *v));
    let mut changed: IndexMap<Vec<Const>, (Option<Const>, Option<Const>)> = IndexMap::new();
    for (key, v) in cmp.changes.lost(rel).iter().filter_map(split) {
        changed.entry(key).or_default().0 = Some(v);
    }
    for (key, v) in cmp.changes.gained(rel).iter().filter_map(split) {
        changed.entry(key).or_default().1 = Some(v);
    }
    let shown = |v: Option<Const>| v.map_or("none".to_string(), crate::words::prose);
    for (key, (before, after)) in changed {
        // A removed state's figures go with it; a new state's first figures are no change.
        let new = before.is_none() && key.iter().any(|c| cmp.added.contains(c));
        if new || key.iter().any(|c| cmp.gone(c)) {
            continue;
        }
        let whose = match key.as_slice() {
            [x] => format!("{} {what}", crate::explain::possessive(&cmp.before.name(x))),
            [a, x] => format!(
                "{} {what} {}",
                crate::explain::possessive(&cmp.before.name(a)),
                cmp.before.name(x)
            ),
            _ => continue,
        };
        out.push(format!("{whose}: {} → {}.", shown(before), shown(after)));
    }
}

fn defender_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let defenders_after = cmp.after.by("defends", 1);
    // Protected state -> the defenders it lost.
    let mut lost: IndexMap<Const, Vec<Const>> = IndexMap::new();
    for t in cmp.changes.lost("defends") {
        if let [a, x] = t.as_slice() {
            if !cmp.gone(x) {
                lost.entry(*x).or_default().push(*a);
            }
        }
    }
    // (lost defenders, whether others remain) -> the states concerned.
    let mut groups: IndexMap<(Vec<Const>, bool), Vec<Const>> = IndexMap::new();
    for (x, mut defenders) in lost {
        cmp.before.sort_states(&mut defenders);
        groups
            .entry((defenders, defenders_after.contains_key(&x)))
            .or_default()
            .push(x);
    }
    groups.sort_by_key(|key, _| key.1);
    for ((defenders, keeps), states) in &groups {
        let (n, d) = (states.len(), defenders.len());
        let who = cmp.list(defenders);
        let its = verb(n, "its", "their");
        out.push(match (keeps, d) {
            (false, 1) => format!(
                "{} {} {its} only defender, {who}.",
                cmp.list(states),
                verb(n, "loses", "lose")
            ),
            (false, _) => format!(
                "{} {} all {its} defenders: {who}.",
                cmp.list(states),
                verb(n, "loses", "lose")
            ),
            (true, _) => format!(
                "{} {} {who} as {} but {} others.",
                cmp.list(states),
                verb(n, "loses", "lose"),
                verb(d, "a defender", "defenders"),
                verb(n, "keeps", "keep")
            ),
        });
    }
    for (x, defenders) in cmp.grouped(cmp.changes.gained("defends"), 1) {
        out.push(format!(
            "{} must now defend {}.",
            cmp.list(&defenders),
            cmp.before.name(&x)
        ));
    }
}

fn firsts(tuples: &[Vec<Const>], cmp: &Compare) -> Vec<Const> {
    tuples
        .iter()
        .filter_map(|t| t.first().copied())
        .filter(|c| !cmp.gone(c))
        .collect()
}

fn cover_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let (armed, lost): (Vec<Const>, Vec<Const>) = firsts(cmp.changes.lost("covered"), cmp)
        .into_iter()
        .partition(|x| cmp.after.holds("nuclear", &[*x]));
    if !lost.is_empty() {
        out.push(format!(
            "{} {} nuclear cover.",
            cmp.list(&lost),
            verb(lost.len(), "loses", "lose")
        ));
    }
    if !armed.is_empty() {
        let n = armed.len();
        out.push(format!(
            "{} {} nuclear cover but {} nuclear weapons of {}.",
            cmp.list(&armed),
            verb(n, "loses", "lose"),
            verb(n, "has", "have"),
            verb(n, "its own", "their own")
        ));
    }
    // States still covered that lost one umbrella: grouped by the holders that remain.
    let umbrellas_after = cmp.after.by("umbrella", 1);
    let mut keep: IndexMap<(Vec<Const>, Vec<Const>), Vec<Const>> = IndexMap::new();
    for (x, mut gone) in cmp.grouped(cmp.changes.lost("umbrella"), 1) {
        let Some(rest) = umbrellas_after.get(&x) else {
            continue;
        };
        let mut rest: Vec<Const> = rest.iter().filter_map(|t| t.first().copied()).collect();
        cmp.before.sort_states(&mut rest);
        cmp.before.sort_states(&mut gone);
        keep.entry((gone, rest)).or_default().push(x);
    }
    for ((gone, rest), states) in &keep {
        out.push(format!(
            "{} {} nuclear cover from {} without {}.",
            cmp.list(states),
            verb(states.len(), "keeps", "keep"),
            cmp.list(rest),
            cmp.list(gone)
        ));
    }
    let gained = firsts(cmp.changes.gained("covered"), cmp);
    if !gained.is_empty() {
        out.push(format!(
            "{} {} nuclear cover.",
            cmp.list(&gained),
            verb(gained.len(), "gains", "gain")
        ));
    }
}

fn exposure_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let exposed = cmp.grouped(cmp.changes.gained("exposed"), 1);
    for (t, states) in &exposed {
        let n = states.len();
        out.push(format!(
            "{} {} exposed to {}.",
            cmp.list(states),
            verb(n, "becomes", "become"),
            cmp.before.name(t)
        ));
    }
    let newly_exposed = |x: &Const, t: &Const| exposed.get(t).is_some_and(|s| s.contains(x));
    for (t, states) in cmp.grouped(cmp.changes.lost("deterred"), 1) {
        let states: Vec<Const> = states
            .into_iter()
            .filter(|x| !newly_exposed(x, &t))
            .collect();
        if !states.is_empty() {
            out.push(format!(
                "{} can no longer deter {}.",
                cmp.list(&states),
                cmp.before.name(&t)
            ));
        }
    }
    for (t, states) in cmp.grouped(cmp.changes.lost("exposed"), 1) {
        let n = states.len();
        out.push(format!(
            "{} {} no longer exposed to {}.",
            cmp.list(&states),
            verb(n, "is", "are"),
            cmp.before.name(&t)
        ));
    }
    for (t, states) in cmp.grouped(cmp.changes.gained("deterred"), 1) {
        out.push(format!(
            "{} can now deter {}.",
            cmp.list(&states),
            cmp.before.name(&t)
        ));
    }
    for (t, states) in cmp.grouped(cmp.changes.gained("undetermined"), 1) {
        out.push(format!(
            "Whether {} can deter {} is now undetermined: a GDP figure is missing.",
            cmp.list(&states),
            cmp.before.name(&t)
        ));
    }
    let unguaranteed = firsts(cmp.changes.gained("unguaranteed"), cmp);
    if !unguaranteed.is_empty() {
        let n = unguaranteed.len();
        out.push(format!(
            "{} {} threatened with no state obliged to defend {}.",
            cmp.list(&unguaranteed),
            verb(n, "is now", "are now"),
            verb(n, "it", "them")
        ));
    }
}

fn threat_sentences(cmp: &Compare, out: &mut Vec<String>) {
    for (t, states) in cmp.grouped(cmp.changes.lost("threatens"), 0) {
        out.push(format!(
            "{} no longer threatens {}.",
            cmp.before.name(&t),
            cmp.list(&states)
        ));
    }
    for (t, states) in cmp.grouped(cmp.changes.gained("threatens"), 0) {
        out.push(format!(
            "{} now threatens {}.",
            cmp.before.name(&t),
            cmp.list(&states)
        ));
    }
}

/// The verdict on a state against a threat in a world, if any.
fn verdict(w: &World, x: Const, t: Const) -> Option<&'static str> {
    ["exposed", "deterred", "undetermined"]
        .into_iter()
        .find(|v| w.holds(v, &[x, t]))
}

/// "Japan against China: 1.77 → 0.24 (deterred → exposed)": states whose balance against a
/// threat changes alike are named together, verdict changes first.
fn balance_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let ratios = |tuples: &[Vec<Const>]| -> IndexMap<(Const, Const), Decimal> {
        tuples
            .iter()
            .filter_map(|t| match t.as_slice() {
                [x, th, r] => number(Some(r)).map(|r| ((*x, *th), r)),
                _ => None,
            })
            .collect()
    };
    let (lost, gained) = (
        ratios(cmp.changes.lost("balance")),
        ratios(cmp.changes.gained("balance")),
    );
    // (threat, before, after, verdict change) -> states.
    let mut groups: IndexMap<(Const, String, String, Option<String>), Vec<Const>> = IndexMap::new();
    for ((x, t), r1) in &lost {
        let Some(r2) = gained.get(&(*x, *t)) else {
            continue;
        };
        let (v1, v2) = (verdict(cmp.before, *x, *t), verdict(cmp.after, *x, *t));
        let change = (v1 != v2).then(|| {
            format!(
                " ({} → {})",
                v1.unwrap_or("no verdict"),
                v2.unwrap_or("no verdict")
            )
        });
        groups
            .entry((*t, ratio2(*r1), ratio2(*r2), change))
            .or_default()
            .push(*x);
    }
    groups.sort_by_key(|key, _| key.3.is_none());
    let total = groups.len();
    for ((t, r1, r2, change), states) in groups.iter().take(BALANCES_SHOWN) {
        let change = change.as_deref().unwrap_or("");
        out.push(format!(
            "{} against {}: {r1} → {r2}{change}",
            cmp.list(states),
            cmp.before.name(t)
        ));
    }
    if total > BALANCES_SHOWN {
        out.push(format!(
            "... and {} more balance changes (listed below).",
            total - BALANCES_SHOWN
        ));
    }
}

fn role_sentences(cmp: &Compare, out: &mut Vec<String>) {
    let lost = firsts(cmp.changes.lost("hub"), cmp);
    let removed_hubs: Vec<Const> = cmp
        .changes
        .lost("hub")
        .iter()
        .filter_map(|t| t.first().copied())
        .collect();
    if !lost.is_empty() {
        out.push(format!(
            "{} {} no longer a hub.",
            cmp.list(&lost),
            verb(lost.len(), "is", "are")
        ));
    }
    for (h, spokes) in grouped(cmp.changes.lost("spoke"), 1) {
        let n = spokes.len();
        let tail = if removed_hubs.contains(&h) && cmp.after.tuples("hub").is_empty() {
            ": no hub remains"
        } else {
            ""
        };
        out.push(format!(
            "{} {} no longer {} of {}{tail}.",
            cmp.list(&spokes),
            verb(n, "is", "are"),
            verb(n, "a spoke", "spokes"),
            cmp.before.name(&h)
        ));
    }
    let gained = firsts(cmp.changes.gained("hub"), cmp);
    if !gained.is_empty() {
        out.push(format!(
            "{} {} a hub.",
            cmp.list(&gained),
            verb(gained.len(), "becomes", "become")
        ));
    }
    for (h, spokes) in grouped(cmp.changes.gained("spoke"), 1) {
        let n = spokes.len();
        out.push(format!(
            "{} {} {} of {}.",
            cmp.list(&spokes),
            verb(n, "becomes", "become"),
            verb(n, "a spoke", "spokes"),
            cmp.before.name(&h)
        ));
    }
}

/// "moshitora: What if Trump?" or "If treaty US Japan cancelled".
fn scenario_title(w: &World, s: &ScenarioOutcome, scenario: Option<&Scenario>) -> String {
    match (s.name, s.title) {
        (Some(n), Some(t)) => format!("Scenario {n}: {t}"),
        (Some(n), None) => format!("Scenario {n}"),
        _ => format!("If {}", changes_text(w, scenario).join(" and ")),
    }
}

/// The source text of each change of a scenario.
fn changes_text(w: &World, scenario: Option<&Scenario>) -> Vec<String> {
    scenario.map_or(Vec::new(), |s| {
        s.changes.iter().map(|(_, span)| w.source(*span)).collect()
    })
}

/// The scenario of the program an outcome came from.
fn scenario_of<'p>(program: &'p Program, s: &ScenarioOutcome) -> Option<&'p Scenario> {
    program.scenarios.iter().find(|p| p.span == s.span)
}

/// A fact in words, with states by their display names.
fn fact_words(w: &World, rel: crate::program::RelId, args: &[Const]) -> String {
    let mut plural_names = Vec::new();
    let shown: Vec<Const> = args
        .iter()
        .map(|c| match c {
            Const::Sym(s) if w.program.states.get(s).is_some_and(|i| i.display.is_some()) => {
                let name = w.name(c);
                if name.ends_with('s') {
                    plural_names.push(name.clone());
                }
                Const::Sym(Sym::new(&name))
            }
            other => *other,
        })
        .collect();
    let mut text = explain::phrase(w.program, rel, &shown);
    // "United States's coalition" reads "United States' coalition".
    for name in plural_names {
        text = text.replace(&format!("{name}'s "), &format!("{name}' "));
    }
    text
}

fn scenario_text(base: &World, s: &ScenarioOutcome, out: &mut String) {
    let scenario = scenario_of(base.program, s);
    heading(out, &scenario_title(base, s, scenario), '=');
    if s.name.is_some() {
        out.push_str(&format!(
            "  Changes: {}\n",
            changes_text(base, scenario).join("; ")
        ));
    }
    let Some(model) = &s.model else {
        out.push_str("  This scenario could not be run:\n");
        for d in &s.diags {
            out.push_str(&format!("    {}\n", d.message));
        }
        return;
    };
    let after = World::new(base.program, base.sources, model);
    out.push_str("\n  What changes:\n");
    for sentence in summary(base, &after, &s.diff) {
        paragraph(out, 4, "- ", &sentence, &base.multiword);
    }
    if has_questions(&s.asks) {
        out.push_str("\n  Questions in this scenario:\n");
        questions_text(&after, &s.asks, 4, out);
    }
    let (passed, failed) = tally(s.asks.iter());
    if passed + failed > 0 {
        out.push_str(&format!(
            "\n  Expectations in this scenario: {passed} passed, {failed} failed\n"
        ));
        failures_text(&after, &s.asks, 4, out);
    }
    diff_text(base, &after, &s.diff, out);
}

fn diff_text(base: &World, after: &World, diff: &[RelDiff], out: &mut String) {
    if diff.is_empty() {
        return;
    }
    out.push_str("\n  Every fact lost (-) and gained (+), relation by relation:\n");
    for d in diff {
        let name = base.program.rel(d.rel).name;
        let counts: Vec<String> = [(d.lost.len(), "lost"), (d.gained.len(), "gained")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect();
        out.push_str(&format!("    {name}: {}\n", counts.join(", ")));
        facts_text(base, d, &d.lost, '-', out);
        facts_text(after, d, &d.gained, '+', out);
    }
}

fn facts_text(w: &World, d: &RelDiff, facts: &[Vec<Const>], mark: char, out: &mut String) {
    for args in facts.iter().take(FACTS_SHOWN) {
        out.push_str(&format!("      {mark} {}\n", fact_words(w, d.rel, args)));
    }
    if facts.len() > FACTS_SHOWN {
        out.push_str(&format!(
            "      {mark} ... and {} more\n",
            facts.len() - FACTS_SHOWN
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// The text report

/// The report a person reads first: obligations, support, cooperation, deterrence, network
/// roles, spending gaps, the script's questions and expectations, then each scenario.
/// The report of the scenarios alone (what `alliance run --scenario NAME` prints): each
/// scenario's summary, answers, expectations and difference from the base world.
pub fn scenarios_text(checked: &Checked, outcome: &Outcome) -> String {
    let w = World::new(&checked.program, &checked.sources, &outcome.base);
    let mut out = String::new();
    for s in &outcome.scenarios {
        scenario_text(&w, s, &mut out);
    }
    crate::escape::controls_owned(out)
}

pub fn text(checked: &Checked, outcome: &Outcome) -> String {
    let w = World::new(&checked.program, &checked.sources, &outcome.base);
    let mut out = String::new();
    heading(&mut out, &format!("Report on {}", file_name(checked)), '=');
    obligations_text(&w, &mut out);
    supports_text(&w, &mut out);
    cooperation_text(&w, &mut out);
    deterrence_text(&w, &mut out);
    roles_text(&w, &mut out);
    gaps_text(&w, &mut out);
    if has_questions(&outcome.asks) {
        heading(&mut out, "Questions", '-');
        questions_text(&w, &outcome.asks, 2, &mut out);
    }
    expectations_text(&w, outcome, &mut out);
    for s in &outcome.scenarios {
        scenario_text(&w, s, &mut out);
    }
    crate::escape::controls_owned(out)
}

/// The name of the file given on the command line.
fn file_name(checked: &Checked) -> String {
    checked.files.first().map_or_else(
        || "the script".to_string(),
        |(id, _)| checked.sources.get(*id).name.clone(),
    )
}

// ---------------------------------------------------------------------------------------------
// The JSON report

fn jconst(c: &Const) -> Json {
    match c {
        Const::Sym(s) | Const::Str(s) => json!(s.as_str()),
        Const::Num(d, _) => json!(exact(*d)),
    }
}

fn jconsts(cs: &[Const]) -> Json {
    Json::Array(cs.iter().map(jconst).collect())
}

fn jdecimal(d: Option<Decimal>) -> Json {
    d.map_or(Json::Null, |d| json!(exact(d)))
}

fn jmetadata(w: &World, parties: &[Const]) -> Json {
    let map: serde_json::Map<String, Json> = metadata(w, parties)
        .iter()
        .map(|(k, v)| (k.to_string(), jconst(v)))
        .collect();
    Json::Object(map)
}

fn obligation_json(w: &World, o: &Obligation) -> Json {
    let mut v = json!({ "defender": jconst(&o.defender), "protected": jconst(&o.protected) });
    let extra = match &o.basis {
        Basis::Treaty {
            a, b, direction, ..
        } => json!({
            "basis": "treaty",
            "direction": jconst(direction),
            "treaty": { "parties": [jconst(a), jconst(b)], "metadata": jmetadata(w, &[*a, *b]) },
        }),
        Basis::Pact(p) => json!({ "basis": "pact", "pact": jconst(p) }),
        Basis::Rule(r) => match w.program.rules.get(*r) {
            Some(rule) => json!({
                "basis": "rule",
                "rule": w.source(rule.span),
                "location": if rule.origin == Origin::Script { json!(w.location(rule.span)) } else { json!("standard theory") },
            }),
            None => json!({ "basis": "rule" }),
        },
        Basis::Stated(i) => match w.model.stated.get(*i as usize) {
            Some(f) => {
                json!({ "basis": "stated", "statement": w.source(f.span), "location": w.location(f.span) })
            }
            None => json!({ "basis": "stated" }),
        },
        Basis::Engine => json!({ "basis": "computed" }),
    };
    if let (Json::Object(v), Json::Object(extra)) = (&mut v, extra) {
        v.extend(extra);
    }
    v
}

fn pacts_json(w: &World, all: &[Obligation]) -> Json {
    let pacts = pact_counts(w, all);
    Json::Array(
        pacts
            .iter()
            .map(|(p, n)| {
                json!({
                    "pact": jconst(p),
                    "members": jconsts(w.members_of(p)),
                    "obligations": n,
                    "metadata": jmetadata(w, &[*p]),
                })
            })
            .collect(),
    )
}

fn deterrence_json(w: &World) -> Json {
    let threshold = w.threshold();
    let m = number(threshold.as_ref());
    let rows = deterrence(w);
    let rows = rows.iter().map(|row| {
        json!({
            "state": jconst(&row.state),
            "threat": jconst(&row.threat),
            "coalition": jconsts(&std::iter::once(row.state).chain(row.allies.iter().copied()).collect::<Vec<_>>()),
            "coalition_text": coalition_words(w, row),
            "power": jdecimal(row.power),
            "threat_gdp": jdecimal(row.threat_gdp),
            "ratio": jdecimal(row.ratio),
            "ratio_rounded": row.ratio.map_or(Json::Null, |r| json!(ratio2(r))),
            "threshold": jdecimal(m),
            "threat_nuclear": row.threat_nuclear,
            "own_nuclear": row.own_nuclear,
            "umbrella": jconsts(&row.umbrella),
            "nuclear_cover": cover_words(w, row),
            "verdict": row.verdict,
            "reason": reason(w, row, m),
            "missing_gdp": jconsts(&row.missing_gdp),
        })
    });
    Json::Array(rows.collect())
}

fn pairs_json(w: &World, rel: &str, keys: [&str; 2]) -> Json {
    let rows = w
        .tuples(rel)
        .into_iter()
        .filter_map(|t| match t.as_slice() {
            [a, b] => Some(json!({ keys[0]: jconst(a), keys[1]: jconst(b) })),
            _ => None,
        });
    Json::Array(rows.collect())
}

fn cooperation_json(w: &World) -> Json {
    let rows = groups(w)
        .iter()
        .map(|(g, kinds)| json!({ "group": jconst(g), "kinds": jconsts(kinds), "members": jconsts(w.members_of(g)) }))
        .collect();
    Json::Array(rows)
}

fn roles_json(w: &World) -> Json {
    let hubs = roles(w)
        .iter()
        .map(|(h, spokes)| json!({ "hub": jconst(h), "spokes": jconsts(spokes) }))
        .collect();
    Json::Array(hubs)
}

fn gaps_json(w: &World) -> Json {
    let rows = gaps(w)
        .iter()
        .map(|g| {
            json!({
                "state": jconst(&g.state),
                "spending": g.spending.as_ref().map_or(Json::Null, jconst),
                "target": g.target.as_ref().map_or(Json::Null, jconst),
                "gap": jconst(&g.gap),
            })
        })
        .collect();
    Json::Array(rows)
}

/// Queries (with `? why`) and expectations of one world, in source order.
fn asks_json(w: &World, asks: &[AskOutcome]) -> (Json, Json) {
    let (mut queries, mut expectations) = (Vec::new(), Vec::new());
    for ask in asks {
        let (text, location) = (w.source(ask.span()), w.location(ask.span()));
        match ask {
            AskOutcome::Answers { vars, rows, .. } => queries.push(json!({
                "kind": "query",
                "text": text,
                "location": location,
                "variables": vars.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
                "rows": rows.iter().map(|r| jconsts(r)).collect::<Vec<_>>(),
                "answers": answer_lines(vars, rows),
            })),
            AskOutcome::Why {
                text: explanation, ..
            } => queries.push(json!({
                "kind": "why",
                "text": text,
                "location": location,
                "explanation": explanation,
            })),
            AskOutcome::Expect {
                negated,
                passed,
                explanation,
                ..
            } => expectations.push(json!({
                "text": text,
                "location": location,
                "negated": negated,
                "passed": passed,
                "explanation": explanation,
            })),
        }
    }
    (Json::Array(queries), Json::Array(expectations))
}

/// Facts per relation name, as arrays of arguments.
fn facts_json(
    program: &Program,
    diff: &[RelDiff],
    pick: impl Fn(&RelDiff) -> &[Vec<Const>],
) -> Json {
    let map: serde_json::Map<String, Json> = diff
        .iter()
        .filter(|d| !pick(d).is_empty())
        .map(|d| {
            (
                program.rel(d.rel).name.to_string(),
                Json::Array(pick(d).iter().map(|t| jconsts(t)).collect()),
            )
        })
        .collect();
    Json::Object(map)
}

fn scenario_json(base: &World, s: &ScenarioOutcome) -> Json {
    let scenario = scenario_of(base.program, s);
    let mut v = object(vec![
        ("name", json!(s.name.map(|n| n.as_str()))),
        ("title", json!(s.title.map(|t| t.as_str()))),
        ("heading", json!(scenario_title(base, s, scenario))),
        ("changes", json!(changes_text(base, scenario))),
        ("location", json!(base.location(s.span))),
        ("applied", json!(s.model.is_some())),
        (
            "problems",
            Json::Array(s.diags.iter().map(|d| diag_json(base, d)).collect()),
        ),
    ]);
    if let (Some(model), Json::Object(map)) = (&s.model, &mut v) {
        let after = World::new(base.program, base.sources, model);
        let (queries, expectations) = asks_json(&after, &s.asks);
        map.insert("summary".into(), json!(summary(base, &after, &s.diff)));
        map.insert("queries".into(), queries);
        map.insert("expectations".into(), expectations);
        map.insert(
            "lost".into(),
            facts_json(base.program, &s.diff, |d| &d.lost),
        );
        map.insert(
            "gained".into(),
            facts_json(base.program, &s.diff, |d| &d.gained),
        );
    }
    v
}

/// The same content as [`text`], as JSON.
pub fn json(checked: &Checked, outcome: &Outcome) -> Json {
    let w = World::new(&checked.program, &checked.sources, &outcome.base);
    let all = obligations(&w);
    let (queries, expectations) = asks_json(&w, &outcome.asks);
    let (passed, failed) = tally(
        outcome
            .asks
            .iter()
            .chain(outcome.scenarios.iter().flat_map(|s| s.asks.iter())),
    );
    let states: serde_json::Map<String, Json> = checked
        .program
        .states
        .iter()
        .map(|(s, info)| (s.to_string(), json!(info.display.unwrap_or(*s).as_str())))
        .collect();
    let array = |items: Vec<Json>| Json::Array(items);
    object(vec![
        ("file", json!(file_name(checked))),
        ("states", Json::Object(states)),
        (
            "threshold",
            w.threshold().as_ref().map_or(Json::Null, jconst),
        ),
        (
            "obligations",
            array(all.iter().map(|o| obligation_json(&w, o)).collect()),
        ),
        ("pacts", pacts_json(&w, &all)),
        (
            "supports",
            pairs_json(&w, "supports", ["supporter", "supported"]),
        ),
        ("cooperation", cooperation_json(&w)),
        ("deterrence", deterrence_json(&w)),
        ("roles", roles_json(&w)),
        ("spending_gaps", gaps_json(&w)),
        ("queries", queries),
        ("expectations", expectations),
        (
            "expectations_total",
            json!({ "passed": passed, "failed": failed }),
        ),
        (
            "scenarios",
            array(
                outcome
                    .scenarios
                    .iter()
                    .map(|s| scenario_json(&w, s))
                    .collect(),
            ),
        ),
        (
            "problems",
            array(outcome.diags.iter().map(|d| diag_json(&w, d)).collect()),
        ),
    ])
}

/// A JSON object from its fields, moved in (`json!` would copy a value given to it whole).
fn object(fields: Vec<(&str, Json)>) -> Json {
    Json::Object(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// A problem found while evaluating (a division by zero, say), for JSON readers.
fn diag_json(w: &World, d: &crate::diag::Diag) -> Json {
    json!({
        "code": d.code.as_str(),
        "error": d.is_error(),
        "message": d.message,
        "location": d.span().map(|s| w.location(s)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_source;
    use crate::eval::Options;
    use crate::run::{run, Selection};

    /// The text and JSON reports of a script written inline.
    fn reports(src: &str) -> (String, Json) {
        let checked = check_source("world.alliance", src);
        assert!(!checked.has_errors(), "{:?}", checked.diags);
        match run(&checked, &Options::default(), &Selection::All) {
            Ok(outcome) => (text(&checked, &outcome), json(&checked, &outcome)),
            Err(d) => panic!("{d:?}"),
        }
    }

    const WORLD: &str = r#"
state US "United States" { gdp: 27T, nuclear: yes }
state Japan { gdp: 4T }
state Korea "South Korea" { gdp: 2T }
state Taiwan { gdp: 1T }
state China { gdp: 18T, nuclear: yes }
state A { gdp: 1T }
state B { gdp: 1T }
state C { gdp: 1T }
state Russia { gdp: 2T, nuclear: yes }
treaty US Japan one_way { name: "Security Treaty", signed: 1960 }
treaty US Korea mutual
partner US Taiwan
pact P { A, B, C } { name: "Northern Pact" }
group G technology { US, Japan }
threat China against Japan, Taiwan
threat Russia against P
"#;

    #[test]
    fn a_one_way_treaty_shows_as_one_way() {
        let (text, json) = reports(WORLD);
        let line = text
            .lines()
            .find(|l| l.contains("United States") && l.contains("Japan") && l.contains("treaty"));
        let line = line.unwrap_or_default();
        assert!(
            line.contains("treaty, one-way") && line.contains("Security Treaty (1960)"),
            "{text}"
        );
        assert!(
            text.contains("(one-way: Japan need not defend United States)"),
            "{text}"
        );
        assert!(!text
            .lines()
            .any(|l| l.trim_start().starts_with("Japan") && l.contains("United States  treaty")));
        let first = &json["obligations"][0];
        assert_eq!(first["direction"], "one_way");
        assert_eq!(first["treaty"]["metadata"]["name"], "Security Treaty");
    }

    #[test]
    fn a_pact_is_summarised() {
        let (text, json) = reports(WORLD);
        assert!(
            text.contains(
                "    P (3 members): every member must defend every other (6 obligations)\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("      Northern Pact\n      Members: A, B, C\n"),
            "{text}"
        );
        assert!(
            !text
                .lines()
                .any(|l| l.trim_start().starts_with("A ") && l.contains("pact")),
            "{text}"
        );
        assert_eq!(json["pacts"][0]["obligations"], 6);
        let by_pact = json["obligations"]
            .as_array()
            .map_or(0, |o| o.iter().filter(|o| o["basis"] == "pact").count());
        assert_eq!(by_pact, 6);
    }

    #[test]
    fn an_exposed_state_shows_its_reason() {
        let (text, json) = reports(WORLD);
        let taiwan = text
            .lines()
            .find(|l| l.trim_start().starts_with("Taiwan  "))
            .unwrap_or_default();
        assert!(
            taiwan.contains("exposed")
                && taiwan.contains("ratio 0.06 < 1; nuclear threat, no cover"),
            "{text}"
        );
        let japan = text
            .lines()
            .find(|l| l.trim_start().starts_with("Japan ") && l.contains("deterred"));
        assert!(
            japan.is_some_and(|l| l.contains("United States") && l.contains("1.72")),
            "{text}"
        );
        let a = text
            .lines()
            .find(|l| l.trim_start().starts_with("A    "))
            .unwrap_or_default();
        assert!(
            a.contains("B and C")
                && a.contains("1.50  none")
                && a.contains("nuclear threat, no cover"),
            "{text}"
        );
        let row = json["deterrence"]
            .as_array()
            .and_then(|rows| rows.iter().find(|r| r["state"] == "Taiwan").cloned());
        let row = row.unwrap_or_default();
        assert_eq!(row["verdict"], "exposed");
        assert_eq!(row["ratio"], "0.0555555555555555555555555556");
        assert_eq!(row["ratio_rounded"], "0.06");
        assert_eq!(row["power"], "1000000000000");
        assert_eq!(row["coalition_text"], "Taiwan alone");
    }

    #[test]
    fn a_missing_gdp_makes_the_verdict_undetermined() {
        let (text, _) = reports("state X { gdp: 1T }\nstate Y\nthreat Y against X\n");
        let row = text
            .lines()
            .find(|l| l.trim_start().starts_with("X "))
            .unwrap_or_default();
        assert!(
            row.contains("undetermined") && row.contains("gdp missing: Y"),
            "{text}"
        );
    }

    #[test]
    fn a_scenario_summary_names_the_state_that_lost_its_defender() {
        let src = format!("{WORLD}\nscenario trump \"What if?\" {{ remove US }} then {{ expect exposed(Japan, China) }}\n");
        let (text, json) = reports(&src);
        assert!(text.contains("Scenario trump: What if?"), "{text}");
        assert!(
            text.contains("Japan and South Korea lose their only defender, United States."),
            "{text}"
        );
        assert!(
            text.contains("Japan against China: 1.72 → 0.22 (deterred → exposed)"),
            "{text}"
        );
        assert!(
            text.contains("Expectations in this scenario: 1 passed, 0 failed"),
            "{text}"
        );
        let summary = json["scenarios"][0]["summary"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let lost = "Japan and South Korea lose their only defender, United States.";
        assert!(summary.iter().any(|s| s == lost), "{summary:?}");
        let lost = json["scenarios"][0]["lost"]["defends"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(lost.contains(&json!(["US", "Japan"])), "{lost:?}");
    }

    #[test]
    fn an_empty_scenario_says_nothing_changes() {
        let src = format!("{WORLD}\nif set Japan gdp: 4T then ? defends(x, Japan)\n");
        let (text, _) = reports(&src);
        assert!(text.contains("If set Japan gdp: 4T"), "{text}");
        assert!(
            text.contains("Nothing changes: every conclusion is the same as in the base world."),
            "{text}"
        );
    }

    #[test]
    fn a_world_without_the_prelude_reports_what_it_can() {
        let (text, json) =
            reports("no prelude\nstate A\nstate B\nfact defends(A, B)\n? defends(x, B)\n");
        assert!(
            text.contains("By the script's own rules and facts:"),
            "{text}"
        );
        assert!(
            text.contains("fact defends(A, B) (world.alliance:4)"),
            "{text}"
        );
        assert!(text.contains("? defends(x, B)\n      x = A\n"), "{text}");
        assert!(!text.contains("Deterrence"), "{text}");
        assert_eq!(json["obligations"][0]["basis"], "stated");
    }

    #[test]
    fn a_scenario_that_cannot_run_says_why() {
        let (text, json) = reports("state A { gdp: 1T }\nstate B { gdp: 1T }\ntreaty A B mutual\nif hub removed then ? state(x)\n");
        assert!(text.contains("If hub removed"), "{text}");
        assert!(
            text.contains("This scenario could not be run:\n    this world has no hub"),
            "{text}"
        );
        assert_eq!(json["scenarios"][0]["applied"], false);
        assert_eq!(
            json["scenarios"][0]["problems"][0]["message"],
            "this world has no hub"
        );
    }

    #[test]
    fn tables_align_and_wrap() {
        let mut table = Table::new(&["Name", "N", "Notes"]).right(&[1]);
        table.row(vec!["Japan".into(), "1".into(), "short".into()]);
        table.row(vec!["Taiwan".into(), "12".into(), "word ".repeat(40)]);
        let mut out = String::new();
        table.render(2, &mut out);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "  Name     N  Notes");
        assert_eq!(lines[2], "  Japan    1  short");
        assert!(
            lines
                .iter()
                .all(|l| l.chars().count() <= WIDTH && !l.ends_with(' ')),
            "{out}"
        );
        assert!(lines[4].starts_with("              word"), "{out}");
    }

    #[test]
    fn lists_and_ratios_read_well() {
        let names: Vec<String> = ["A", "B", "C"].iter().map(|s| s.to_string()).collect();
        assert_eq!(and_list(&names, 8), "A, B and C");
        assert_eq!(and_list(&names, 2), "A, B and 1 more");
        assert_eq!(ratio2(Decimal::new(12, 1)), "1.20");
        assert_eq!(ratio_against(Decimal::new(998, 3), Decimal::ONE), "0.998");
    }
}
