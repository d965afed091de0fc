//! Properties of evaluation over generated programs: the same program always gives the same
//! conclusions, whatever the order of its statements; a scenario that changes nothing has an
//! empty difference, and a scenario's difference is exactly what the two worlds' facts differ
//! by, whichever way it is computed; joining rule bodies in another order changes no fact, id or
//! derivation; the order of a rule body's literals never changes the model (a body is a
//! conjunction); and without negation or aggregates, adding a fact never takes a conclusion
//! away (the least model only grows).

use alliance::check::{check_source, Checked};
use alliance::eval::{evaluate, evaluate_scenario, Model, Options};
use alliance::program::Const;
use alliance::run::{run, Selection};
use proptest::prelude::*;

mod common;

/// A world of `n` states with treaties, a pact, threats and GDPs chosen by `picks`.
fn world(n: usize, picks: &[u8]) -> Vec<String> {
    let pick = |i: usize| picks.get(i % picks.len().max(1)).copied().unwrap_or(0) as usize;
    let mut out = Vec::new();
    for s in 0..n {
        let nuclear = if pick(s) % 7 == 0 {
            ", nuclear: yes"
        } else {
            ""
        };
        out.push(format!(
            "state S{s} {{ gdp: {}B{nuclear} }}",
            1 + pick(s + 1) * 37
        ));
    }
    for k in 0..n {
        let (a, b) = (pick(3 * k) % n, pick(3 * k + 1) % n);
        if a != b && a < b {
            let dir = if pick(3 * k + 2) % 2 == 0 {
                "mutual"
            } else {
                "one_way"
            };
            out.push(format!("treaty S{a} S{b} {dir}"));
        }
    }
    let members: Vec<String> = (0..n)
        .filter(|s| pick(s + 5) % 3 == 0)
        .map(|s| format!("S{s}"))
        .collect();
    if members.len() >= 2 {
        out.push(format!("pact P {{ {} }}", members.join(", ")));
    }
    for k in 0..n / 2 {
        let (t, x) = (pick(k + 11) % n, pick(k + 13) % n);
        if t != x {
            out.push(format!("threat S{t} against S{x}"));
        }
    }
    out
}

/// Keeps one declaration per treaty pair and per threat pair (the checker rejects repeats).
fn dedup(lines: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    lines.into_iter().filter(|l| seen.insert(key(l))).collect()
}

fn key(line: &str) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["treaty", a, b, ..] => format!("treaty {} {}", a.min(b), a.max(b)),
        ["threat", t, "against", x] => format!("threat {t} {x}"),
        _ => line.to_string(),
    }
}

fn checked(lines: &[String]) -> Checked {
    let text = lines.join("\n");
    let checked = check_source("generated.alliance", &text);
    assert!(
        !checked.has_errors(),
        "a generated program should check:\n{text}\n{:?}",
        checked.diags
    );
    checked
}

/// Every fact of every relation, as constants, by relation name, sorted.
fn conclusions(checked: &Checked, model: &Model) -> Vec<(String, Vec<Vec<Const>>)> {
    let mut out: Vec<(String, Vec<Vec<Const>>)> = checked
        .program
        .relations
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut facts = model.tuples(alliance::program::RelId(i as u32));
            facts.sort_by(alliance::scenario::cmp);
            (r.name.to_string(), facts)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn evaluated(checked: &Checked) -> Model {
    evaluate(
        &checked.program,
        &checked.program.facts,
        &Options::default(),
    )
    .expect("evaluates")
}

/// Every fact of every relation in id order, with how it was derived.
fn model_dump(checked: &Checked, model: &Model) -> Vec<String> {
    let mut out = Vec::new();
    for (i, r) in checked.program.relations.iter().enumerate() {
        let rel = alliance::program::RelId(i as u32);
        for (id, tuple) in model.store(rel).iter() {
            // Constants by value: the ids of computed numbers depend on when they were computed.
            let tuple: Vec<Const> = tuple.iter().map(|v| model.values.get(*v)).collect();
            let prov = model.prov(alliance::eval::solve::FactRef { rel, id });
            out.push(format!("{} {id} {tuple:?} {prov:?}", r.name));
        }
    }
    out
}

fn file_name(checked: &Checked) -> String {
    checked
        .files
        .first()
        .map(|(id, _)| checked.sources.get(*id).name.clone())
        .unwrap_or_default()
}

#[test]
fn join_order_changes_nothing_but_speed() {
    let mut paths = Vec::new();
    common::scripts(&common::root().join("examples"), &mut paths);
    common::scripts(&common::root().join("tests/scripts"), &mut paths);
    let mut worlds: Vec<Checked> = paths
        .iter()
        .map(|p| alliance::cli::check_path(p))
        .filter(|c| !c.has_errors())
        .collect();
    assert!(worlds.len() > 40, "too few scripts: {}", worlds.len());
    for seed in 1..4 {
        worlds.push(check_source(
            "script.alliance",
            &alliance_gen::script(15_000, seed),
        ));
        worlds.push(check_source(
            "world.alliance",
            &alliance_gen::world(150, seed),
        ));
    }
    // A low fact limit: some scripts test the limit with a rule that never ends.
    let reordered = Options {
        max_facts: 100_000,
        ..Options::default()
    };
    let planned = Options {
        join_order: false,
        ..reordered
    };
    for checked in worlds.iter().filter(|c| !c.has_errors()) {
        let program = &checked.program;
        let (a, b) = (
            evaluate(program, &program.facts, &reordered),
            evaluate(program, &program.facts, &planned),
        );
        match (a, b) {
            (Ok(a), Ok(b)) => {
                let (a_facts, b_facts) = (model_dump(checked, &a), model_dump(checked, &b));
                let differ = a_facts.iter().zip(&b_facts).find(|(x, y)| x != y);
                assert_eq!(differ, None, "in {}", file_name(checked));
                assert_eq!(a_facts.len(), b_facts.len());
                assert_eq!(a.diags, b.diags);
            }
            (a, b) => assert_eq!(a.err(), b.err()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    #[test]
    fn evaluation_is_deterministic(n in 3usize..12, picks in proptest::collection::vec(any::<u8>(), 8..40)) {
        let lines = dedup(world(n, &picks));
        let (a, b) = (checked(&lines), checked(&lines));
        prop_assert_eq!(conclusions(&a, &evaluated(&a)), conclusions(&b, &evaluated(&b)));
        let (ra, rb) = (run(&a, &Options::default(), &Selection::All), run(&b, &Options::default(), &Selection::All));
        let (ra, rb) = (ra.expect("runs"), rb.expect("runs"));
        prop_assert_eq!(alliance::report::text(&a, &ra), alliance::report::text(&b, &rb));
    }

    #[test]
    fn statement_order_does_not_matter(
        n in 3usize..12,
        picks in proptest::collection::vec(any::<u8>(), 8..40),
        shuffle in proptest::collection::vec(any::<u32>(), 40),
    ) {
        let lines = dedup(world(n, &picks));
        let mut shuffled = lines.clone();
        for i in (1..shuffled.len()).rev() {
            let j = shuffle[i % shuffle.len()] as usize % (i + 1);
            shuffled.swap(i, j);
        }
        let (a, b) = (checked(&lines), checked(&shuffled));
        prop_assert_eq!(conclusions(&a, &evaluated(&a)), conclusions(&b, &evaluated(&b)));
    }

    #[test]
    fn a_scenario_without_changes_changes_nothing(n in 3usize..12, picks in proptest::collection::vec(any::<u8>(), 8..40)) {
        let mut lines = dedup(world(n, &picks));
        lines.push("scenario nothing {}".to_string());
        let checked = checked(&lines);
        let outcome = run(&checked, &Options::default(), &Selection::All).expect("runs");
        prop_assert_eq!(outcome.scenarios.len(), 1);
        prop_assert!(outcome.scenarios[0].diff.is_empty(), "{:?}", outcome.scenarios[0].diff);
    }

    #[test]
    fn a_diff_is_the_set_difference_of_the_two_worlds(
        n in 3usize..12,
        picks in proptest::collection::vec(any::<u8>(), 8..40),
        gone in 0usize..12,
    ) {
        let mut lines = dedup(world(n, &picks));
        lines.push(format!("scenario gone {{ remove S{} }}", gone % n));
        let checked = checked(&lines);
        let program = &checked.program;
        let base = evaluated(&checked);
        let facts = alliance::scenario::apply(program, &base, &program.scenarios[0].changes)
            .expect("applies");
        // Sharing the base world's constants (the fast side-by-side walk) and evaluating afresh
        // (translating constants) give the same diff, and it is the set difference.
        let shared = evaluate_scenario(program, &facts, &base, &Options::default()).expect("evaluates");
        let fresh = evaluate(program, &facts, &Options::default()).expect("evaluates");
        let walked = alliance::scenario::diff(program, &base, &shared);
        prop_assert_eq!(&walked, &alliance::scenario::diff(program, &base, &fresh));
        let (before, after) = (conclusions(&checked, &base), conclusions(&checked, &shared));
        for ((name, old), (_, new)) in before.iter().zip(&after) {
            let rel = program.relation(name).expect("a relation");
            let entry = walked.iter().find(|d| d.rel == rel);
            let lost: Vec<Vec<Const>> = old.iter().filter(|f| !new.contains(f)).cloned().collect();
            let gained: Vec<Vec<Const>> = new.iter().filter(|f| !old.contains(f)).cloned().collect();
            prop_assert_eq!(entry.map(|d| d.lost.clone()).unwrap_or_default(), lost, "lost {}", name);
            prop_assert_eq!(entry.map(|d| d.gained.clone()).unwrap_or_default(), gained, "gained {}", name);
        }
    }

    #[test]
    fn a_permuted_body_gives_the_same_model(
        edges in proptest::collection::vec((0u8..8, 0u8..8), 1..20),
        shuffle in proptest::collection::vec(any::<u32>(), 1..40),
    ) {
        let (written, permuted) = (checked(&mixed(&edges, &[])), checked(&mixed(&edges, &shuffle)));
        let (a, b) = (evaluated(&written), evaluated(&permuted));
        prop_assert_eq!(conclusions(&written, &a), conclusions(&permuted, &b));
    }

    #[test]
    fn without_negation_more_facts_never_mean_fewer_conclusions(
        edges in proptest::collection::vec((0u8..8, 0u8..8), 1..20),
        extra in (0u8..8, 0u8..8),
    ) {
        // A positive program: reachability and a join, no `not`, no aggregate.
        let mut lines = vec![
            "no prelude".to_string(),
            "rule reach(a, b) if edge(a, b)".to_string(),
            "rule reach(a, c) if reach(a, b), edge(b, c)".to_string(),
            "rule meet(a, b) if reach(a, c), reach(b, c), a != b".to_string(),
        ];
        lines.extend(edges.iter().map(|(a, b)| format!("fact edge(N{a}, N{b})")));
        let before = checked(&lines);
        lines.push(format!("fact edge(N{}, N{})", extra.0, extra.1));
        let after = checked(&lines);
        let (b, a) = (conclusions(&before, &evaluated(&before)), conclusions(&after, &evaluated(&after)));
        for ((name, old), (_, new)) in b.iter().zip(&a) {
            for fact in old {
                prop_assert!(new.contains(fact), "{} lost {:?}", name, fact);
            }
        }
    }
}

/// Rules whose bodies mix every kind of literal: atoms, negations (one with a variable local
/// to it), comparisons, assignments that chain, and aggregates.
const MIXED: &[(&str, &[&str])] = &[
    ("reach(a, b)", &["edge(a, b)"]),
    ("reach(a, c)", &["reach(a, b)", "edge(b, c)"]),
    ("node(a)", &["edge(a, _)"]),
    ("node(b)", &["edge(_, b)"]),
    ("cyclic(a)", &["reach(a, a)"]),
    (
        "lonely(a)",
        &["node(a)", "not edge(_, a)", "not edge(a, a)"],
    ),
    ("safe(a, c)", &["reach(a, c)", "not cyclic(c)", "a != c"]),
    ("link(a, b, c)", &["edge(a, b)", "edge(b, c)"]),
    ("noself(a)", &["node(a)", "not link(a, p, p)"]),
    ("out(a, n)", &["node(a)", "n = count b : { reach(a, b) }"]),
    (
        "score(a, s)",
        &["out(a, n)", "w(a, k)", "t = n * 2", "s = t + k"],
    ),
    (
        "big(a)",
        &["score(a, s)", "u = s - 1", "u > 3", "not lonely(a)"],
    ),
    (
        "heaviest(a, m)",
        &["node(a)", "m = max k : { reach(a, b), w(b, k) }", "m >= 2"],
    ),
];

/// The program of [`MIXED`] over `edges`, each body's literals put in the order `shuffle`
/// picks (as written when it is empty).
fn mixed(edges: &[(u8, u8)], shuffle: &[u32]) -> Vec<String> {
    let mut lines = vec!["no prelude".to_string()];
    for (r, (head, body)) in MIXED.iter().enumerate() {
        let mut body: Vec<&str> = body.to_vec();
        for i in (1..body.len()).rev().filter(|_| !shuffle.is_empty()) {
            let j = shuffle[(r * 7 + i) % shuffle.len()] as usize % (i + 1);
            body.swap(i, j);
        }
        lines.push(format!("rule {head} if {}", body.join(", ")));
    }
    lines.extend(edges.iter().map(|(a, b)| format!("fact edge(N{a}, N{b})")));
    lines.extend((0..8).map(|i| format!("fact w(N{i}, {})", i * 3 % 7)));
    lines
}

/// The number of cases a property runs: its own default, or `PROPTEST_CASES` (to run it longer
/// by hand).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
