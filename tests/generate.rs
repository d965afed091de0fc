//! The generated scripts of `alliance-gen` (benchmarks, `alliance generate`) parse cleanly and
//! have the shape docs/performance.md describes.

use alliance::source::FileId;
use alliance::syntax::parse_file;
use alliance_gen::{script, world};

fn parses_cleanly(text: &str) -> usize {
    let (file, diags) = parse_file(text, FileId(1));
    assert!(diags.is_empty(), "diagnostics: {diags:?}");
    file.stmts.len()
}

#[test]
fn scripts_parse_without_diagnostics() {
    for seed in 0..8 {
        let text = script(30_000, seed);
        assert!(parses_cleanly(&text) > 100);
    }
}

#[test]
fn scripts_use_every_statement() {
    let text = script(1, 11);
    for start in [
        "set ",
        "state ",
        "treaty ",
        "pact ",
        "group ",
        "bloc ",
        "partner ",
        "threat ",
        "troops ",
        "fact ",
        "rule ",
        "? ",
        "expect ",
        "scenario ",
        "if ",
        "# ",
    ] {
        assert!(text.lines().any(|l| l.starts_with(start)), "no `{start}`");
    }
    for part in [
        " not ", " count ", " sum ", " max ", " = (", " mutual ", " one_way", "%", "T,",
    ] {
        assert!(script(60_000, 11).contains(part), "no `{part}`");
    }
}

#[test]
fn world_has_its_shape() {
    let n = 500;
    let text = world(n, 9);
    parses_cleanly(&text);
    let lines = |p: &str| text.lines().filter(|l| l.starts_with(p)).count();
    assert_eq!(lines("state "), n);
    assert!(lines("treaty S0 ") >= n * 3 / 10);
    assert_eq!(lines("treaty "), n * 3 / 10 + 2 * n);
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("treaty") && l.ends_with("mutual"))
            .count(),
        n
    );
    assert_eq!(lines("pact "), n / 50);
    assert_eq!(lines("threat "), n);
    let nuclear = text.matches("nuclear: yes").count();
    assert!(nuclear > 5 && nuclear < 50, "{nuclear}");
}

#[test]
fn small_worlds_do_not_hang() {
    for n in 0..12 {
        parses_cleanly(&world(n, 1));
    }
}

#[test]
fn the_expectations_of_generated_scripts_hold() {
    // docs/performance.md says they do; a bloc's balance once failed for 1 to 7 of them.
    for seed in 1..=5 {
        let checked = alliance::check::check_source("g.alliance", &script(60_000, seed));
        assert!(
            !checked.has_errors(),
            "seed {seed}: {:?}",
            checked.diags.first()
        );
        let outcome = alliance::run::run(
            &checked,
            &alliance::eval::Options::default(),
            &alliance::run::Selection::All,
        )
        .expect("evaluates");
        let (mut passed, mut failed) = (0, Vec::new());
        for (ask, _) in outcome.expectations() {
            match ask {
                alliance::run::AskOutcome::Expect { passed: true, .. } => passed += 1,
                other => failed.push(format!("{other:?}")),
            }
        }
        assert!(passed > 20, "seed {seed}: {passed} expectations");
        assert!(failed.is_empty(), "seed {seed}: {failed:?}");
    }
}
