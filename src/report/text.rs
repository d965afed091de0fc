//! The report as plain text: a section per kind of conclusion, then each scenario, its
//! summary in sentences and every fact it lost and gained.

use indexmap::IndexMap;
use rust_decimal::Decimal;

use super::file_name;
use super::layout::{heading, indented, paragraph, Table};
use super::rows::*;
use super::summary::{outcome_title, summary, Style};
use super::world::{number, World};
use crate::check::Checked;
use crate::explain;
use crate::program::{Const, Origin};
use crate::run::{answer_lines, AskOutcome, Outcome, ScenarioOutcome};
use crate::scenario::RelDiff;
use crate::source::Sym;
use crate::words::{and_list, money, plural, show_const};

/// Facts listed per relation and direction in a scenario's text diff.
pub(super) const FACTS_SHOWN: usize = 20;

pub(super) fn obligations_text(w: &World, out: &mut String) {
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

pub(super) fn treaty_obligations_text(w: &World, all: &[Obligation], out: &mut String) {
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
        let mut limits = crate::conditions::treaty_limits(w.facts(), *a, *b);
        limits.extend(data_limits(w, &[*a, *b]));
        let words = direction_words(direction);
        // Unless something else (a pact, a rule) obliges the second party after all.
        if words.ends_with("one-way") && !w.holds(w.theory.defends, &[*b, *a]) {
            one_way.push(format!("{} need not defend {}", w.name(b), w.name(a)));
        }
        let basis = std::iter::once(words.to_string())
            .chain(limits)
            .collect::<Vec<_>>();
        table.row(vec![
            w.name(&o.defender),
            w.name(&o.protected),
            basis.join(", "),
            label(w, &[*a, *b]),
        ]);
    }
    table.render(4, out);
    for line in one_way {
        out.push_str(&format!("    (one-way: {line})\n"));
    }
}

pub(super) fn pact_obligations_text(w: &World, all: &[Obligation], out: &mut String) {
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
        let mut limits = crate::conditions::pact_limits(w.facts(), *pact);
        limits.extend(data_limits(w, &[*pact]));
        if !limits.is_empty() {
            out.push_str(&format!("      Conditions: {}\n", limits.join(", ")));
        }
        paragraph(out, 6, "Members: ", &members.join(", "), &w.multiword);
    }
}

pub(super) fn rule_obligations_text(w: &World, all: &[Obligation], out: &mut String) {
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
pub(super) fn basis_words(w: &World, basis: &Basis) -> String {
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

/// Treaties and pacts of offence, consultation, neutrality or non-aggression: no duty to
/// defend. A pact of consultation (an entente) is listed too, with its members: otherwise a
/// report would not mention it at all, as if it were not in the world.
pub(super) fn no_duty_treaties_text(w: &World, out: &mut String) {
    let rows = no_duty(w);
    if rows.is_empty() {
        return;
    }
    out.push_str("\n  Treaties that oblige no one to fight:\n");
    for row in rows {
        let line = match row {
            NoDuty::Pact {
                pact,
                members,
                obligation,
            } => {
                let names: Vec<String> = members.iter().map(|m| w.name(m)).collect();
                format!(
                    "{} ({}): {obligation} pact",
                    w.name(&pact),
                    names.join(", ")
                )
            }
            NoDuty::Treaty {
                parties: [a, b],
                one_way,
                obligation,
            } => {
                let how = if one_way { "one-way" } else { "mutual" };
                let (a, b) = (w.name(&a), w.name(&b));
                format!("{a} and {b}: {how} {obligation} treaty")
            }
        };
        out.push_str(&format!("    {line}\n"));
    }
}

/// Troops kept abroad, in words then as a table: a tripwire is what makes a duty to defend
/// hard to walk away from, so a reader should meet it beside the obligations.
pub(super) fn troops_text(w: &World, out: &mut String) {
    let rows = garrisons(w);
    if rows.is_empty() {
        return;
    }
    heading(out, "Troops and tripwires", '-');
    paragraph(
        out,
        2,
        "",
        "Troops a state keeps on another's ground are a tripwire when it must also defend that \
         state: an attack there strikes its own soldiers at once.",
        &[],
    );
    out.push('\n');
    for g in &rows {
        paragraph(
            out,
            2,
            "",
            &format!("{}.", garrison_words(w, g)),
            &w.multiword,
        );
    }
    out.push('\n');
    let mut table = Table::new(&["State", "Troops in", "Troops", "Tripwire"])
        .right(&[2])
        .keeping(&w.multiword);
    for g in &rows {
        table.row(vec![
            w.name(&g.keeper),
            w.name(&g.host),
            head_count(g.troops),
            if g.tripwire { "yes" } else { "no" }.to_string(),
        ]);
    }
    table.render(2, out);
}

pub(super) fn supports_text(w: &World, out: &mut String) {
    let rows = w.tuples(w.theory.supports);
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

pub(super) fn cooperation_text(w: &World, out: &mut String) {
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

pub(super) fn deterrence_text(w: &World, out: &mut String) {
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

pub(super) fn threat_table(
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
    for row in rows {
        for line in &row.not_counted {
            paragraph(out, 4, "Not counted: ", &format!("{line}."), &w.multiword);
        }
    }
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
pub(super) fn long_umbrellas(rows: &[&Deterrence]) -> Vec<Vec<Const>> {
    let mut sets: Vec<Vec<Const>> = Vec::new();
    for row in rows {
        if !row.own_nuclear && row.umbrella.len() > 2 && !sets.contains(&row.umbrella) {
            sets.push(row.umbrella.clone());
        }
    }
    sets
}

/// "own", "none", "United States", or "3 nuclear allies" (named under the table).
pub(super) fn cover_cell(w: &World, row: &Deterrence, long: &[Vec<Const>]) -> String {
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

pub(super) fn roles_text(w: &World, out: &mut String) {
    let hubs = roles(w);
    if hubs.is_empty() && w.tuples(w.theory.allied).is_empty() {
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

pub(super) fn gaps_text(w: &World, out: &mut String) {
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

pub(super) fn questions_text(w: &World, asks: &[AskOutcome], indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for ask in asks {
        match ask {
            AskOutcome::Answers {
                span,
                vars,
                rows,
                stopped,
            } => {
                out.push_str(&format!("{pad}{}\n", w.source(*span)));
                for line in answer_lines(vars, rows, stopped.as_deref()) {
                    out.push_str(&format!("{pad}    {line}\n"));
                }
            }
            AskOutcome::Why { span, explanation } => {
                out.push_str(&format!("{pad}{}\n", w.source(*span)));
                indented(out, indent + 4, &explanation.text());
            }
            AskOutcome::Expect { .. } => {}
        }
    }
}

pub(super) fn failures_text(w: &World, asks: &[AskOutcome], indent: usize, out: &mut String) {
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
            indented(out, indent + 4, &explanation.text());
        }
    }
}

pub(super) fn expectations_text(w: &World, outcome: &Outcome, out: &mut String) {
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

/// A fact in words, with states by their display names.
pub(super) fn fact_words(w: &World, rel: crate::program::RelId, args: &[Const]) -> String {
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

pub(super) fn scenario_text(base: &World, s: &ScenarioOutcome, out: &mut String) {
    let (title, changes) = outcome_title(base.program, base.sources, s);
    heading(out, &title, '=');
    if s.name.is_some() {
        out.push_str(&format!("  Changes: {}\n", changes.join("; ")));
    }
    if !s.applied {
        out.push_str("  This scenario could not be run:\n");
        for d in &s.diags {
            out.push_str(&format!("    {}\n", d.message));
        }
        return;
    }
    let after = World::after(base, &s.diff);
    out.push_str("\n  What changes:\n");
    for sentence in summary(base, &after, &s.diff, Style::Sentences) {
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

pub(super) fn diff_text(base: &World, after: &World, diff: &[RelDiff], out: &mut String) {
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

pub(super) fn facts_text(
    w: &World,
    d: &RelDiff,
    facts: &[Vec<Const>],
    mark: char,
    out: &mut String,
) {
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

/// The report a person reads first: obligations, support, cooperation, deterrence, network
/// roles, spending gaps, the script's questions and expectations, then each scenario.
pub fn text(checked: &Checked, outcome: &Outcome) -> String {
    let w = World::new(&checked.program, &checked.sources, &outcome.base);
    let mut out = String::new();
    let title = match checked.program.as_of {
        Some(year) => format!("Report on {}, as of {year}", file_name(checked)),
        None => format!("Report on {}", file_name(checked)),
    };
    heading(&mut out, &title, '=');
    obligations_text(&w, &mut out);
    troops_text(&w, &mut out);
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
