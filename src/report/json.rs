//! The report as JSON: the same rows as the text, states by name, numbers as exact decimal
//! strings.

use rust_decimal::Decimal;
use serde_json::{json, Value as Json};

use super::file_name;
use super::rows::*;
use super::summary::{outcome_title, summary, Style};
use super::world::{number, World};
use crate::check::Checked;
use crate::program::{Const, Origin, Program, RelId};
use crate::run::{answer_lines, AskOutcome, Outcome, ScenarioOutcome};
use crate::scenario::RelDiff;
use crate::theory::words;

pub(super) fn jconst(c: &Const) -> Json {
    match c {
        Const::Sym(s) | Const::Str(s) => json!(s.as_str()),
        Const::Num(d, _) => json!(exact(*d)),
    }
}

pub(crate) fn jconsts(cs: &[Const]) -> Json {
    Json::Array(cs.iter().map(jconst).collect())
}

pub(super) fn jdecimal(d: Option<Decimal>) -> Json {
    d.map_or(Json::Null, |d| json!(exact(d)))
}

pub(super) fn jmetadata(w: &World, parties: &[Const]) -> Json {
    let map: serde_json::Map<String, Json> = metadata(w, parties)
        .iter()
        .map(|(k, v)| (k.to_string(), jconst(v)))
        .collect();
    Json::Object(map)
}

pub(super) fn obligation_json(w: &World, o: &Obligation) -> Json {
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

pub(super) fn pacts_json(w: &World, all: &[Obligation]) -> Json {
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

pub(super) fn deterrence_json(w: &World) -> Json {
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
            "not_counted": row.not_counted,
        })
    });
    Json::Array(rows.collect())
}

pub(super) fn pairs_json(w: &World, rel: Option<RelId>, keys: [&str; 2]) -> Json {
    let rows = w
        .tuples(rel)
        .into_iter()
        .filter_map(|t| match t.as_slice() {
            [a, b] => Some(json!({ keys[0]: jconst(a), keys[1]: jconst(b) })),
            _ => None,
        });
    Json::Array(rows.collect())
}

pub(super) fn troops_json(w: &World) -> Json {
    let rows = garrisons(w);
    let rows = rows.iter().map(|g| {
        json!({
            "state": jconst(&g.keeper),
            "in": jconst(&g.host),
            "troops": jconst(&g.troops),
            "tripwire": g.tripwire,
            "text": garrison_words(w, g),
        })
    });
    Json::Array(rows.collect())
}

/// The treaties and pacts that oblige no one to fight, as the text report lists them.
pub(super) fn no_duty_json(w: &World) -> Json {
    let rows = no_duty(w).into_iter().map(|row| match row {
        NoDuty::Pact {
            pact,
            members,
            obligation,
        } => json!({
            "pact": jconst(&pact),
            "members": jconsts(&members),
            "obligation": obligation.as_str(),
        }),
        NoDuty::Treaty {
            parties,
            one_way,
            obligation,
        } => json!({
            "treaty": jconsts(&parties),
            "direction": if one_way { words::ONE_WAY } else { words::MUTUAL },
            "obligation": obligation.as_str(),
        }),
    });
    Json::Array(rows.collect())
}

pub(super) fn cooperation_json(w: &World) -> Json {
    let rows = groups(w)
        .iter()
        .map(|(g, kinds)| json!({ "group": jconst(g), "kinds": jconsts(kinds), "members": jconsts(w.members_of(g)) }))
        .collect();
    Json::Array(rows)
}

pub(super) fn roles_json(w: &World) -> Json {
    let hubs = roles(w)
        .iter()
        .map(|(h, spokes)| json!({ "hub": jconst(h), "spokes": jconsts(spokes) }))
        .collect();
    Json::Array(hubs)
}

pub(super) fn gaps_json(w: &World) -> Json {
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
pub(super) fn asks_json(w: &World, asks: &[AskOutcome]) -> (Json, Json) {
    let (mut queries, mut expectations) = (Vec::new(), Vec::new());
    for ask in asks {
        let (text, location) = (w.source(ask.span()), w.location(ask.span()));
        match ask {
            AskOutcome::Answers {
                vars,
                rows,
                stopped,
                ..
            } => queries.push(json!({
                "kind": "query",
                "text": text,
                "location": location,
                "variables": vars.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
                "rows": rows.iter().map(|r| jconsts(r)).collect::<Vec<_>>(),
                "answers": answer_lines(vars, rows, stopped.as_deref()),
            })),
            AskOutcome::Why { explanation, .. } => queries.push(json!({
                "kind": "why",
                "text": text,
                "location": location,
                "explanation": explanation.text(),
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
                "explanation": explanation.text(),
            })),
        }
    }
    (Json::Array(queries), Json::Array(expectations))
}

/// Each state's display name, by its name.
pub(super) fn states_json(program: &Program) -> Json {
    Json::Object(
        program
            .states
            .iter()
            .map(|(s, info)| (s.to_string(), json!(info.display.unwrap_or(*s).as_str())))
            .collect(),
    )
}

/// Facts per relation name, as arrays of arguments.
pub(super) fn facts_json(
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

pub(super) fn scenario_json(base: &World, s: &ScenarioOutcome) -> Json {
    let (heading, changes) = outcome_title(base.program, base.sources, s);
    let mut v = object(vec![
        ("name", json!(s.name.map(|n| n.as_str()))),
        ("title", json!(s.title.map(|t| t.as_str()))),
        ("heading", json!(heading)),
        ("changes", json!(changes)),
        ("location", json!(base.location(s.span))),
        ("applied", json!(s.applied)),
        (
            "problems",
            Json::Array(s.diags.iter().map(|d| diag_json(base, d)).collect()),
        ),
    ]);
    if let (true, Json::Object(map)) = (s.applied, &mut v) {
        let after = World::after(base, &s.diff);
        let (queries, expectations) = asks_json(&after, &s.asks);
        map.insert(
            "summary".into(),
            json!(summary(base, &after, &s.diff, Style::Sentences)),
        );
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
    let array = |items: Vec<Json>| Json::Array(items);
    object(vec![
        ("file", json!(file_name(checked))),
        ("states", states_json(&checked.program)),
        (
            "threshold",
            w.threshold().as_ref().map_or(Json::Null, jconst),
        ),
        ("as_of", json!(checked.program.as_of)),
        (
            "obligations",
            array(all.iter().map(|o| obligation_json(&w, o)).collect()),
        ),
        ("pacts", pacts_json(&w, &all)),
        ("no_duty", no_duty_json(&w)),
        ("troops", troops_json(&w)),
        (
            "supports",
            pairs_json(&w, w.theory.supports, ["supporter", "supported"]),
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
pub(super) fn object(fields: Vec<(&str, Json)>) -> Json {
    Json::Object(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// A problem found while evaluating (a division by zero, say), for JSON readers.
pub(super) fn diag_json(w: &World, d: &crate::diag::Diag) -> Json {
    json!({
        "code": d.code.as_str(),
        "error": d.is_error(),
        "message": d.message,
        "location": d.span().map(|s| w.location(s)),
    })
}
