//! What to show when the pointer rests on a word: a name's declaration in plain words, a
//! relation's defining rules with their comments, a scenario's changes, and for a question
//! or an expectation, its answer.

use super::{Analysis, Evaluated, Namespace};
use crate::program::{Const, RelKind};
use crate::report::World;
use crate::run::{answer_lines, AskOutcome};
use crate::source::{FileId, Span, Sym};
use crate::words::{and_list, show_const};

/// Rules shown for one relation before the rest are only counted.
const RULES_SHOWN: usize = 8;

/// Names listed in one part of a state's description before the rest are counted.
const NAMES_SHOWN: usize = 8;

pub(super) fn hover(a: &Analysis, file: FileId, offset: usize) -> Option<(Span, String)> {
    let answer = answer_at(a, file, offset);
    let Some(o) = a.at(file, offset) else {
        return answer;
    };
    let text = match o.ns {
        Namespace::Name => name_text(a, o.name),
        Namespace::Relation => relation_text(a, o.name),
        Namespace::Scenario => statement_block(a, o.stmt),
    };
    // On a relation inside a question, the answer is what the reader is after.
    let text = match answer {
        Some((_, answer)) if o.ns == Namespace::Relation => format!("{answer}\n\n---\n\n{text}"),
        _ => text,
    };
    Some((o.span, text))
}

/// The answer of the question or expectation written at `offset`, in the base world or in
/// the scenario it belongs to.
fn answer_at(a: &Analysis, file: FileId, offset: usize) -> Option<(Span, String)> {
    let evaluated = a.evaluated()?;
    let outcome = &evaluated.outcome;
    let inside = |span: Span| span.file == file && span.range().contains(&offset);
    let base = outcome.asks.iter().map(|ask| (ask, None));
    let scenarios = outcome
        .scenarios
        .iter()
        .flat_map(|s| s.asks.iter().map(move |ask| (ask, Some(s))));
    let (ask, scenario) = base.chain(scenarios).find(|(ask, _)| inside(ask.span()))?;
    let mut text = match ask {
        AskOutcome::Answers {
            vars,
            rows,
            stopped,
            ..
        } => {
            format!(
                "```text\n{}\n```",
                answer_lines(vars, rows, stopped.as_deref()).join("\n")
            )
        }
        AskOutcome::Why { explanation, .. } => format!("```text\n{}```", explanation.text()),
        AskOutcome::Expect {
            passed: true,
            negated,
            ..
        } => format!(
            "**passes**: {} as expected",
            if *negated {
                "it does not hold,"
            } else {
                "it holds,"
            }
        ),
        AskOutcome::Expect { explanation, .. } => {
            format!("**fails**\n\n```text\n{}```", explanation.text())
        }
    };
    if let Some(s) = scenario {
        let name = s
            .name
            .map_or("this what-if".to_string(), |n| format!("scenario `{n}`"));
        text = format!("In {name}:\n\n{text}");
    }
    if let Some(note) = left_out_note(a, evaluated, file, "This answer ignores") {
        text = format!("{text}\n\n{note}");
    }
    Some((ask.span(), text))
}

/// While the world has errors, what an answer leaves out: "_This answer ignores the lines
/// with errors: 4 and 7._" (lines of `file` by number, of other files with their name;
/// `what` begins the sentence).
fn left_out_note(a: &Analysis, evaluated: &Evaluated, file: FileId, what: &str) -> Option<String> {
    let left_out = evaluated.left_out();
    if left_out.is_empty() {
        return None;
    }
    let sources = &a.checked.sources;
    let mut places: Vec<String> = Vec::new();
    for span in left_out {
        let place = if span.file == file {
            sources.line_of(*span).to_string()
        } else {
            let name = &sources.get(span.file).name;
            let short = name.rsplit(['/', '\\']).next().unwrap_or(name);
            format!("{short}:{}", sources.line_of(*span))
        };
        if !places.contains(&place) {
            places.push(place);
        }
    }
    let lines = if places.len() == 1 { "line" } else { "lines" };
    Some(format!(
        "_{what} the {lines} with errors: {}._",
        and_list(&places, places.len())
    ))
}

/// A state, pact, group or bloc in words; any other constant by where it is declared.
fn name_text(a: &Analysis, name: Sym) -> String {
    let declared = a.definitions(Namespace::Name, name);
    let Some(decl) = declared.first() else {
        return format!("`{name}`: a constant, declared nowhere (a region, say)");
    };
    let program = &a.checked.program;
    let place = format!("declared at {}", a.checked.sources.location(decl.span));
    let Some(evaluated) = a.evaluated() else {
        return format!("{}\n\n{place}", statement_block(a, decl.stmt));
    };
    let checked = evaluated.checked(a);
    let world = World::new(&checked.program, &checked.sources, &evaluated.outcome.base);
    let note = left_out_note(a, evaluated, decl.span.file, "This ignores")
        .map(|n| format!("\n\n{n}"))
        .unwrap_or_default();
    let c = Const::Sym(name);
    if program.states.contains_key(&name) {
        let display = program.display(name);
        let heading = if display == name {
            format!("**{name}**")
        } else {
            format!("**{display}** (`{name}`)")
        };
        let facts = state_facts(&world, c);
        let facts = if facts.is_empty() {
            "a state".to_string()
        } else {
            facts.join(", ")
        };
        return format!("{heading}: {facts}\n\n{place}{note}");
    }
    let members = world.names(world.members_of(&c));
    let kind = a
        .checked
        .sources
        .text(decl.stmt)
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string();
    format!(
        "**{name}**: a {kind} of {}: {}\n\n{place}{note}",
        crate::words::plural(members.len(), "member", "members"),
        and_list(&members, NAMES_SHOWN)
    )
}

/// What the evaluated world says of a state: "nuclear-armed", "GDP 27.36T", "must defend
/// Japan and South Korea", ...
fn state_facts(w: &World, c: Const) -> Vec<String> {
    let t = w.theory;
    let mut out = Vec::new();
    if w.holds(t.nuclear, &[c]) {
        out.push("nuclear-armed".to_string());
    }
    if let Some(gdp) = w.tuples(t.gdp).iter().find(|r| r.first() == Some(&c)) {
        if let Some(v) = gdp.get(1) {
            out.push(format!("GDP {}", show_const(*v)));
        }
    }
    let column = |rel, from: usize, to: usize| -> Vec<String> {
        let rows = w.sorted(rel);
        let picked: Vec<Const> = rows
            .iter()
            .filter(|r| r.get(from) == Some(&c))
            .filter_map(|r| r.get(to).copied())
            .collect();
        w.names(&picked)
    };
    for (rel, from, to, words) in [
        (t.defends, 0, 1, "must defend"),
        (t.defends, 1, 0, "defended by"),
        (t.member, 0, 1, "member of"),
        (t.threatens, 1, 0, "threatened by"),
    ] {
        let names = column(rel, from, to);
        if !names.is_empty() {
            out.push(format!("{words} {}", and_list(&names, NAMES_SHOWN)));
        }
    }
    out
}

/// A relation: how many arguments, where its facts come from, and the rules and facts that
/// define it with the comments written above them.
fn relation_text(a: &Analysis, name: Sym) -> String {
    let program = &a.checked.program;
    let Some(&id) = program.relation_ids.get(&name) else {
        return format!("`{name}`: no such relation");
    };
    let rel = program.rel(id);
    let source = match rel.kind {
        RelKind::Builtin => "computed by the engine from `allied`",
        RelKind::Base => "stated by declarations, attributes and facts",
        RelKind::Derived => "derived by rules",
    };
    let mut text = format!(
        "**{name}**: {}, {source}",
        crate::words::plural(rel.arity, "argument", "arguments")
    );
    let defs = a.definitions(Namespace::Relation, name);
    for def in defs.iter().take(RULES_SHOWN) {
        let place = if def.span.file == FileId(0) {
            "standard theory".to_string()
        } else {
            a.checked.sources.location(def.span)
        };
        text.push_str(&format!("\n\n{}\n{place}", statement_block(a, def.stmt)));
    }
    if defs.len() > RULES_SHOWN {
        text.push_str(&format!("\n\n... and {} more", defs.len() - RULES_SHOWN));
    }
    text
}

/// A statement as written, with the comment lines just above it, as an `alliance` code block.
fn statement_block(a: &Analysis, stmt: Span) -> String {
    let sources = &a.checked.sources;
    let file = sources.get(stmt.file);
    let (line, _) = file.position(stmt.start as usize);
    let mut first = line;
    while first > 0 {
        let above = file
            .line_range(first - 1)
            .and_then(|r| file.text.get(r))
            .unwrap_or("");
        if !above.trim_start().starts_with('#') {
            break;
        }
        first -= 1;
    }
    let start = file
        .lines()
        .line_start(first)
        .unwrap_or(stmt.start as usize);
    let text = file.text.get(start..stmt.end as usize).unwrap_or("");
    format!("```alliance\n{}\n```", text.trim_end())
}
