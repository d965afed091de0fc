//! Declarations typed at the REPL are added to the checked world (`Checked::add_declarations`)
//! and its model (`Model::extend`) rather than the world checked and evaluated again; that
//! path must give exactly what the whole path gives: every reply of a session (warnings,
//! errors, answers, explanations, reports, `:undo`), every diagnostic of the world and every
//! fact of its model.

use std::sync::Arc;

use alliance::check::{check_parts, Checked, Part};
use alliance::cli::files::DiskHost;
use alliance::eval::{evaluate, Model, Options};
use alliance::host::MemoryHost;
use alliance::session::Session;
use proptest::prelude::*;

#[allow(dead_code)]
#[path = "common/repl.rs"]
mod repl_common;
use repl_common::{seed, SMALL_WORLD};

/// Entries a session may be given, in any order: declarations and commitments that take the
/// quick path and those that do not (a dated state, a rule, a setting), mistakes (a name
/// declared twice, an unknown name, a fact of the wrong arity, a treaty stated twice or with
/// itself, years in the wrong order, a member dated outside its pact, a pact of one, a member
/// or target listed twice, a fraction of a soldier), a name or a kind of group that looks like
/// a rule's variable, a region a limited treaty reads, facts that lead to a division by zero
/// or change what a negation or an aggregate finds, questions, explanations and commands.
const ENTRIES: &[&str] = &[
    "state A { gdp: 1T }",
    "state B { gdp: 2T, region: Asia }",
    "state Cc { gdp: 3T, nuclear: yes }",
    "state D",
    "state E { region: Europe }",
    "state F { gdp: 1T } state G { gdp: 2T }",
    "state H from 1990",
    "state A { gdp: 5T }",
    "fact rival(A, B)",
    "fact rival(B, Cc)",
    "fact rival(Gondor, A)",
    "fact rival(A)",
    "fact score(A, 2)",
    "fact score(B, 0)",
    "fact score(Cc, 4)",
    "fact rival(Zed, Cc)\nfact score(D, 1)",
    "rule enemy(x, y) if rival(x, y)",
    "rule enemy(x, z) if rival(x, y), enemy(y, z)",
    "rule lonely(x) if state(x), not rival(x, _)",
    "rule total(t) if t = sum s : { score(x, s) }",
    "rule ratio(x, r) if gdp(x, g), score(x, s), r = g / s",
    "rule odd(cc) if state(cc)",
    "rule spy(intel) if state(intel)",
    "rule shielded(x) if state(x), not defends(_, x)",
    "treaty A B mutual",
    "treaty B Cc one_way in Asia",
    "threat Cc against A",
    "treaty A Cc one_way consultation",
    "treaty B A mutual against Cc unless provoked secret",
    "treaty A A mutual",
    "treaty A Zz mutual",
    "treaty Cc B mutual from 1990 until 1980",
    "treaty A E one_way in Europe, Asia from 1950",
    "pact P { A, B, Cc }",
    "pact Q defence from 1950 { A, B from 1940 }",
    "pact R { A }",
    "pact S consultation { A, D, E } { signed: 1990 }",
    "group G intelligence { A, B }",
    "group I intel { A, Cc, A }",
    "bloc Bl { B, Cc, D }",
    "partner A Cc",
    "partner A A",
    "threat Cc against P, B",
    "threat B against A, A",
    "threat D against Bl provoked",
    "threat Cc against",
    "troops A in B 100",
    "troops A in B 1.5",
    "troops Cc in D 20 from 2000",
    "set balance_threshold = 0.5",
    "? state(x)",
    "? rival(x, y)",
    "? enemy(x, y)",
    "? lonely(x)",
    "? total(t)",
    "? ratio(x, r)",
    "? why enemy(A, Cc)",
    "? why state(A)",
    "? defends(x, y)",
    "? exposed(x, t)",
    "? why threatens(Cc, A)",
    "expect state(B)",
    "expect not lonely(A)",
    "if remove A then ? state(x)",
    ":undo",
    ":undo",
    ":run",
    ":list",
];

/// Runs the same entries through a session on each path, reply by reply.
fn same_replies(files: &[String], entries: &[&str]) -> Result<(), TestCaseError> {
    let host: Arc<dyn alliance::host::Host> = Arc::new(DiskHost::default());
    let mut quick = Session::new(host.clone(), files);
    let mut whole = Session::new(host, files);
    whole.set_incremental(false);
    let probes = ["? state(x)", "? rival(x, y)", "? why rival(A, B)", ":run"];
    for entry in entries.iter().chain(&probes) {
        let (a, b) = (quick.line(entry), whole.line(entry));
        prop_assert_eq!(a.text(), b.text(), "after `{}`", entry);
        prop_assert_eq!(a.failed, b.failed, "after `{}`", entry);
        prop_assert_eq!(a.json(), b.json(), "after `{}`", entry);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(192), ..ProptestConfig::default() })]

    /// Any sequence of entries gives the same replies on both paths, in an empty session.
    #[test]
    fn both_paths_reply_alike(picks in prop::collection::vec(0..ENTRIES.len(), 1..24)) {
        let entries: Vec<&str> = picks.iter().map(|i| ENTRIES[*i]).collect();
        same_replies(&[], &entries)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(8), ..ProptestConfig::default() })]

    /// And with the example world loaded (regions, limited treaties, scenarios, questions).
    #[test]
    fn both_paths_reply_alike_on_a_world(picks in prop::collection::vec(0..ENTRIES.len(), 1..16)) {
        let entries: Vec<&str> = picks.iter().map(|i| ENTRIES[*i]).collect();
        same_replies(&[seed().display().to_string()], &entries)?;
    }
}

/// Declarations for [`extended_models_hold_what_evaluating_anew_finds`]: states with and
/// without a GDP, facts that feed a negation, an aggregate, a recursive rule and a division.
const PIECES: &[&str] = &[
    "state P1 { gdp: 1T }",
    "state P2",
    "state P3 { gdp: 2T, nuclear: yes }",
    "fact rival(US, Japan)",
    "fact rival(Japan, P1)",
    "fact rival(P1, P2)",
    "fact rival(P2, US)",
    "fact rival(China, P3)",
    "fact score(US, 2)",
    "fact score(P1, 5)",
    "fact score(P3, 0)",
    "fact score(Japan, 1)\nfact rival(P3, P1)",
    "treaty US P1 mutual",
    "treaty P1 P2 one_way consultation",
    "threat China against P1, P2",
    "pact Pa { Japan, P1, P3 }",
    "threat P3 against Pa",
    "group Gr technology { US, P2 }",
    "partner P1 P3\ntroops US in P1 1_000",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(96), ..ProptestConfig::default() })]

    /// Whatever declarations are added, a model extended with their facts holds exactly the
    /// facts of the world evaluated anew, relation by relation; and when extending gives up
    /// (a division by zero), evaluating anew finds an error too.
    #[test]
    fn extended_models_hold_what_evaluating_anew_finds(
        picks in prop::collection::vec(0..PIECES.len(), 1..10)
    ) {
        let host = MemoryHost::default();
        let rules = "fact rival(China, US)\nfact score(China, 3)\n\
            rule lonely(x) if state(x), not rival(x, _)\n\
            rule weight(t) if t = sum g : { rival(x, _), gdp(x, g) }\n\
            rule enemy(x, y) if rival(x, y)\n\
            rule enemy(x, z) if enemy(x, y), rival(y, z)\n\
            rule ratio(x, r) if gdp(x, g), score(x, s), r = g / s\n\
            rule quiet(x) if state(x), not enemy(x, _), not lonely(x)";
        let mut parts: Vec<Part> = SMALL_WORLD
            .iter()
            .chain([&rules])
            .enumerate()
            .map(|(i, t)| Part::Text { name: format!("<w:{i}>"), text: t.to_string() })
            .collect();
        let mut world = check_parts(&host, &parts);
        prop_assert!(!world.has_errors(), "{:?}", world.diags);
        let options = Options::default();
        let mut model = evaluate(&world.program, &world.program.world_facts(), &options)
            .unwrap_or_else(|d| panic!("{d:?}"));
        for (i, pick) in picks.iter().enumerate() {
            let text = PIECES[*pick];
            let name = format!("<piece:{i}>");
            let facts = world.program.facts.len();
            let Some(added) = world.add_declarations(&name, text) else {
                continue;
            };
            parts.push(Part::Text { name, text: text.to_string() });
            let whole = check_parts(&host, &parts);
            same_world(&world, &whole, text);
            let fresh = evaluate(&whole.program, &whole.program.world_facts(), &options)
                .unwrap_or_else(|d| panic!("{d:?}"));
            let new = &world.program.facts[added.facts..];
            prop_assert_eq!(added.facts, facts);
            if model.extend(&world.program, new, &options) {
                prop_assert!(fresh.diags.is_empty(), "`{}`: {:?}", text, fresh.diags);
                same_facts(&model, &fresh, &whole, text);
            } else {
                // Giving up is for errors, or a relation read by a rule that can fail that
                // was empty; evaluate anew and go on from there.
                model = fresh;
            }
            if !model.diags.is_empty() {
                break;
            }
        }
    }
}

/// Sequences made to meet each reason a declaration takes the whole path: a new name that
/// looks like a rule's variable, a name a fact or a scenario's `add` already used, a region
/// that an `in` clause names, a state a fact makes used, and `:undo` after quick declarations.
#[test]
fn particular_sequences_reply_alike() {
    let sequences: &[&[&str]] = &[
        &[
            "state A { gdp: 1T }",
            "rule odd(cc) if state(cc)",
            "rule spy(intel) if state(intel)",
            "rule shielded(x) if state(x), not defends(_, x)",
            "state Cc { gdp: 3T }",
            "? odd(x)",
        ],
        &[
            "state A { gdp: 1T }",
            "fact rival(Gondor, A)",
            "state Gondor",
            "? rival(x, y)",
        ],
        &[
            "state A { gdp: 1T }",
            "if add state Zz { gdp: 1T } then ? state(x)",
            "state Zz",
        ],
        &[
            "state A { gdp: 1T }",
            "scenario s { add state Zz { gdp: 1T } }",
            "state Zz",
            ":run",
        ],
        &[
            "state A { gdp: 1T, region: Asia }",
            "state B { region: Asia }",
            "treaty A B mutual in Pacific",
            "state C { region: Asia }",
            "state D { region: Pacifc }",
            "state E { region: Pacific }",
        ],
        &[
            "state A { gdp: 1T }",
            "state B",
            "fact rival(A, B)",
            "state C",
            "fact rival(C, C)",
            ":undo",
            ":undo",
            ":undo",
            "? state(x)",
            ":list",
        ],
        &[
            "state A { gdp: 1T }",
            "scenario s { add fact level(A, 5%) }",
            "fact level(A, 2)",
            "? level(x, y)",
        ],
        &[
            "state A { gdp: 1T }",
            "threat A against A",
            "state B",
            "fact rival(B, A)",
            "state C { gdp: 2T }",
        ],
    ];
    each_replies_alike(sequences);
}

/// Commitments typed one by one change warnings about other statements, which the quick path
/// finds again: a missing GDP (and the reason given for it), a pact's new duties, a region an
/// `in` clause limits to, whether anything is in force; a kind of group that a rule names as
/// a variable, a threat stated that a threat against a pact derived, a scenario that reads
/// the commitments, dated states, and mistakes.
#[test]
fn commitments_reply_alike() {
    let sequences: &[&[&str]] = &[
        &[
            "state T { gdp: 1T }",
            "state X1",
            "state X2 { gdp: 1T }",
            "state D",
            "threat T against X1",
            "threat T against X2",
            "treaty D X2 one_way",
            "treaty D X1 one_way",
            "pact P { X1, X2, D }",
            "threat D against T",
        ],
        &[
            "state A { gdp: 1T }",
            "state B { gdp: 1T }",
            "state C",
            "pact P { A, B }",
            "treaty A B mutual",
            "pact Q { A, B, C }",
            "pact R defence { B, C }",
            "treaty A C mutual consultation",
        ],
        &[
            "state A { gdp: 1T, region: Asia }",
            "state B { gdp: 1T }",
            "treaty A B mutual in Asia",
            "treaty B A one_way in Pacifc",
            "pact P { A, B }",
            "pact Q defence in Asia, Oceania { A, B }",
            "state C { region: Asia }",
            "treaty C A one_way in Asia",
        ],
        &[
            "state A { gdp: 1T }",
            "state B",
            "treaty A B mutual until 1990",
            "partner A B until 1980",
            "troops A in B 5 until 1985",
            "treaty B A one_way consultation from 1950 until 1970",
            ":as-of 1985",
            "group G tech until 1960 { A, B }",
            ":as-of",
            "troops B in A 5",
        ],
        &[
            "state A",
            "state B",
            "rule r(tech) if state(tech)",
            "group G tech { A, B }",
            "group H intel { A, B }",
            "group K intel, tech { B, A }",
            "? r(x)",
            "? cooperates(x, y, intel)",
        ],
        &[
            "state A { gdp: 1T }",
            "state B",
            "state C { gdp: 5T, nuclear: yes }",
            "pact P { A, B }",
            "threat C against P",
            "threat C against A",
            "? why threatens(C, A)",
            ":undo",
            "threat C against B provoked",
            "threat C against B",
            "? threatens(C, x)",
        ],
        &[
            "state A",
            "state B",
            "scenario s { remove A }",
            "treaty A B mutual",
            "if treaty A B cancelled then ? defends(x, y)",
            ":run",
        ],
        &[
            "state A { gdp: 1T }",
            "state B { gdp: 1T }",
            "treaty A B mutual",
            "treaty A B mutual",
            "treaty B A one_way",
            "threat Zz against A",
            "threat A against B, Bee",
            "pact P from 1990 until 1980 { A, B }",
            "pact P { A, B }",
            "pact P { A, B }",
            "bloc P { A }",
            "partner A B partner A B",
            "troops A in B -5",
            "group G { A, B }",
        ],
        &[
            "state A from 1950",
            "state B { gdp: 1T }",
            "treaty A B mutual",
            "? treaty(x, y, d, o)",
            ":as-of 1940",
            "treaty B A one_way consultation",
            "pact P { A, B from 1930 }",
            "? member(x, P)",
            ":save",
        ],
    ];
    each_replies_alike(sequences);
}

/// Each sequence gives the same replies on both paths, in an empty session.
fn each_replies_alike(sequences: &[&[&str]]) {
    for entries in sequences {
        same_replies(&[], entries).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// A world checked with each piece added by `add_declarations` where it can be, beside the
/// world checked whole, piece by piece: the same diagnostics, facts, states and relations;
/// and the model extended with the new facts holds the facts of the model evaluated anew.
#[test]
fn added_declarations_check_and_evaluate_as_a_whole_world_does() {
    let host = MemoryHost::default();
    let mut parts: Vec<Part> = SMALL_WORLD
        .iter()
        .enumerate()
        .map(|(i, t)| Part::Text {
            name: format!("<repl:{i}>"),
            text: t.to_string(),
        })
        .collect();
    parts.push(Part::Text {
        name: "<rules>".into(),
        text: "fact rival(US, China)\nrule lonely(x) if state(x), not rival(x, _)\nrule weight(t) if t = sum g : { rival(x, _), gdp(x, g) }".into(),
    });
    let mut world = check_parts(&host, &parts);
    assert!(!world.has_errors(), "{:?}", world.diags);
    let options = Options::default();
    let mut model = evaluate(&world.program, &world.program.world_facts(), &options)
        .unwrap_or_else(|d| panic!("{d:?}"));
    let pieces = [
        ("state Korea { gdp: 1.7T }", true),
        ("fact rival(Korea, Japan)", true),
        (
            "state India { gdp: 3.5T, nuclear: yes }\nfact rival(India, China)",
            true,
        ),
        ("state Vietnam", true),
        ("fact rival(Vietnam, China)", true),
        // A name declared twice and a dated state take the whole path; commitments do not.
        ("state Korea", false),
        ("treaty US Korea mutual", true),
        ("state Prussia until 1871", false),
        ("state Taiwan { gdp: 0.8T }", true),
        ("threat China against Korea, Taiwan", true),
        (
            "pact Quad { US, Japan, Taiwan } group Tech technology { Korea, Taiwan }",
            true,
        ),
        ("treaty US Korea mutual", false),
        ("troops US in Korea 28_500 partner US Taiwan", true),
        (
            "bloc East { Japan, Korea } threat China against East provoked",
            true,
        ),
        ("treaty Japan Taiwan mutual", true),
        ("threat China against Quad troops US in Taiwan 100", true),
        (
            "group Intel intelligence { US, Japan } partner Japan Korea",
            true,
        ),
    ];
    let mut added_some = 0;
    let mut gave_up = Vec::new();
    for (i, (text, quick)) in pieces.iter().enumerate() {
        let name = format!("<piece:{i}>");
        parts.push(Part::Text {
            name: name.clone(),
            text: text.to_string(),
        });
        let whole = check_parts(&host, &parts);
        let facts = world.program.facts.len();
        match world.add_declarations(&name, text) {
            Some(added) => {
                assert!(quick, "`{text}` took the quick path");
                added_some += 1;
                same_world(&world, &whole, text);
                let new = &world.program.facts[facts..];
                assert_eq!(added.facts, facts);
                let fresh = evaluate(&whole.program, &whole.program.world_facts(), &options)
                    .unwrap_or_else(|d| panic!("{d:?}"));
                if model.extend(&world.program, new, &options) {
                    same_facts(&model, &fresh, &whole, text);
                } else {
                    // A rule that can fail (`exposed` compares) reads a relation that was
                    // empty (the first threat against a new state, the first pact, troops
                    // or partnership): the session evaluates the world anew then.
                    gave_up.push(*text);
                    model = fresh;
                }
            }
            None => {
                assert!(!quick, "`{text}` did not take the quick path");
                // The world is as it was: the piece is checked whole, then kept if it checks.
                parts.pop();
                same_world(&world, &check_parts(&host, &parts), text);
                if !whole.has_errors() {
                    parts.push(Part::Text {
                        name: name.clone(),
                        text: text.to_string(),
                    });
                    world = whole;
                    model = evaluate(&world.program, &world.program.world_facts(), &options)
                        .unwrap_or_else(|d| panic!("{d:?}"));
                }
            }
        }
    }
    assert_eq!(added_some, 14);
    assert_eq!(gave_up.len(), 4, "{gave_up:?}");
}

fn same_world(quick: &Checked, whole: &Checked, text: &str) {
    let show = |c: &Checked| {
        (
            format!("{:?}", c.diags),
            format!("{:?}", c.program.facts),
            format!("{:?}", c.program.states),
            format!("{:?}", c.program.relations),
            c.sources.len(),
        )
    };
    assert_eq!(show(quick), show(whole), "after `{text}`");
}

/// Every relation holds the same facts in both models (in any order), but those an extended
/// model leaves to be computed anew (hub and spoke: no rule reads them).
fn same_facts(a: &Model, b: &Model, world: &Checked, text: &str) {
    for (i, rel) in world.program.relations.iter().enumerate() {
        let rel_id = alliance::program::RelId(i as u32);
        if a.stale.contains(&rel_id) {
            assert!(
                ["hub", "spoke"].contains(&rel.name.as_str()),
                "{}",
                rel.name
            );
            continue;
        }
        let sorted = |m: &Model| {
            let mut t: Vec<String> = m.tuples(rel_id).iter().map(|t| format!("{t:?}")).collect();
            t.sort();
            t
        };
        assert_eq!(sorted(a), sorted(b), "`{}` after `{text}`", rel.name);
    }
}

/// A statement that leads to an error when evaluated takes the whole path, which rejects it
/// with the error, and the world is as it was: the quick path's undo of its own work.
#[test]
fn a_declaration_that_divides_by_zero_is_refused_on_both_paths() {
    for incremental in [true, false] {
        let host: Arc<dyn alliance::host::Host> = Arc::new(MemoryHost::default());
        let mut s = Session::new(host, &[]);
        s.set_incremental(incremental);
        for line in [
            "state A { gdp: 1T }",
            "fact score(A, 2)",
            "rule ratio(x, r) if gdp(x, g), score(x, s), r = g / s",
        ] {
            let out = s.line(line);
            assert!(!out.failed, "{line}: {}", out.text());
        }
        let out = s.line("fact score(A, 0)");
        assert!(out.failed, "{}", out.text());
        assert!(
            out.text().contains("alliance::division_by_zero"),
            "{}",
            out.text()
        );
        assert_eq!(s.line("? score(A, s)").text(), "s = 2\n");
        let out = s.line("fact score(A, 4)");
        assert!(!out.failed, "{}", out.text());
        assert_eq!(s.line("? ratio(A, r)").text(), "r = 250B\nr = 500B\n");
    }
}

/// The number of cases a property runs: its own default, or `PROPTEST_CASES`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
