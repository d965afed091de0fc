//! The REPL session tested as plain data (no terminal): what statements, questions,
//! expectations, what-ifs and multi-line entries do, and that no input makes it panic. The
//! `:commands` are in `tests/repl_commands.rs`, the binary in `tests/repl_terminal.rs`.

use alliance::cli::line::highlight;
use alliance::session::is_complete;

// Not every helper is used here.
#[allow(dead_code)]
#[path = "common/repl.rs"]
mod repl_common;
use repl_common::{enter, seed, session, SMALL_WORLD};

#[test]
fn statements_extend_the_world_and_queries_answer_at_once() {
    let mut s = session(&[]);
    let out = enter(&mut s, SMALL_WORLD);
    assert_eq!(out.text(), "", "a statement prints nothing");
    assert_eq!(s.line("? defends(x, Japan)").text(), "x = US\n");
    assert_eq!(s.line("? defends(Japan, US)").text(), "no\n");
    assert_eq!(s.line("? covered(Japan)").text(), "yes\n");
    let why = s.line("? why covered(Japan)").text();
    assert!(
        why.contains("stated by `treaty US Japan one_way`, <repl:4>:1"),
        "{why}"
    );
}

#[test]
fn expectations_say_passed_or_failed_with_the_reason() {
    let mut s = session(&[]);
    enter(&mut s, SMALL_WORLD);
    assert_eq!(s.line("expect not defends(Japan, US)").text(), "passed\n");
    let out = s.line("expect defends(Japan, US)");
    assert!(out.failed);
    assert!(
        out.text()
            .starts_with("failed: it does not hold\n  why it does not hold:\n"),
        "{}",
        out.text()
    );
    assert!(
        out.text().contains("Japan must defend US"),
        "{}",
        out.text()
    );
}

#[test]
fn a_line_with_an_error_changes_nothing() {
    let mut s = session(&[]);
    enter(&mut s, SMALL_WORLD);
    let before = s.line(":list").text();
    let out = s.line("treaty US Japn mutual\nstate Korea");
    assert!(out.failed);
    assert!(out.text().contains("unknown name `Japn`"), "{}", out.text());
    assert!(
        out.text().contains("help: did you mean `Japan`?"),
        "{}",
        out.text()
    );
    assert!(
        out.text().contains("<repl:6>:1:11"),
        "the diagnostic points into the line typed:\n{}",
        out.text()
    );
    // `Korea`, in the same rejected entry, was not declared either.
    assert!(s.line("? state(Korea)").failed);
    // A rule that never stops is rejected as well, and the world still answers.
    let out = s.line("fact n(1)\nrule n(x) if n(y), x = y + 1");
    assert!(
        out.failed && out.text().contains("alliance::fact_limit"),
        "{}",
        out.text()
    );
    assert_eq!(s.line(":list").text(), before);
    assert_eq!(s.line("? defends(x, Japan)").text(), "x = US\n");
}

#[test]
fn warnings_that_make_no_sense_while_typing_stay_quiet() {
    let mut s = session(&[]);
    // A state not yet used, a threat against an empty bloc: fine at the prompt.
    assert_eq!(enter(&mut s, &["state Lonely { gdp: 1T }"]).text(), "");
    enter(&mut s, &["state Rival { gdp: 2T }"]);
    let out = s.line("threat Rival against");
    assert!(!out.text().contains("empty"), "{}", out.text());
    // A variable spelled like a name is worth saying.
    let out = s.line("? state(lonely)");
    assert!(
        out.text().contains("alliance::variable_like_name"),
        "{}",
        out.text()
    );
}

#[test]
fn multi_line_entries_wait_for_what_is_open() {
    for open in [
        "state Japan {",
        "state Japan { gdp: 4.2T,",
        "rule p(x) if state(x) and",
        "rule p(x) if state(x),",
        "? defends(x,",
        "threat China against Japan,",
        "threat China against",
        "if US leaves NATO",
        "scenario x {\n  remove US",
        "pact NATO {\n  US,   # more below\n",
        "expect not",
    ] {
        assert!(!is_complete(open), "`{open}` should wait for more");
    }
    for done in [
        "state Japan",
        "state Japan { gdp: 4.2T }",
        "threat China against Japan",
        "scenario x {\n  remove US\n}",
        "if US leaves NATO then ? hub(x)",
        "treaty US Japn mutual",
        "state SouthKorea \"South",
        "tready US Japan mutual {",
        "state Japan { gdp: yes, region: asia",
        "# a comment",
        ":load examples/",
        "",
    ] {
        assert!(is_complete(done), "`{done}` is complete");
    }
}

#[test]
fn a_multi_line_entry_is_one_entry() {
    let mut s = session(&[]);
    enter(&mut s, SMALL_WORLD);
    let out = enter(&mut s, &["scenario alone \"Japan alone\" {\n  treaty US Japan cancelled\n} then {\n  expect exposed(Japan, China)\n  ? defends(x, Japan)\n}"]);
    assert!(
        out.text()
            .starts_with("Scenario alone: Japan alone (treaty US Japan cancelled)\n"),
        "{}",
        out.text()
    );
    assert!(
        out.text().contains("  no longer: US must defend Japan\n"),
        "{}",
        out.text()
    );
    assert!(
        out.text().contains("  now: Japan is exposed to China\n"),
        "{}",
        out.text()
    );
    assert!(
        out.text()
            .contains("  expect exposed(Japan, China): passed\n"),
        "{}",
        out.text()
    );
    assert!(
        out.text().contains("  ? defends(x, Japan)\n    no\n"),
        "{}",
        out.text()
    );
    // The scenario is part of the world now, and runs again by name.
    let again = s.line(":scenario alone");
    assert_eq!(again.text(), out.text());
}

#[test]
fn what_ifs_run_at_once_and_change_nothing() {
    let mut s = session(&[seed()]);
    let out = enter(
        &mut s,
        &["if treaty US Japan cancelled then expect exposed(Japan, China)"],
    );
    assert!(
        out.text().starts_with("If treaty US Japan cancelled:\n"),
        "{}",
        out.text()
    );
    assert!(
        out.text()
            .contains("balance of Japan against China: 1.77 → 0.24"),
        "{}",
        out.text()
    );
    assert_eq!(s.line("? defends(x, Japan)").text(), "x = US\n");
    let out = s.line("if hub removed then expect covered(Japan)");
    assert!(out.failed, "{}", out.text());
    assert!(
        out.text()
            .contains("expect covered(Japan): failed: it does not hold"),
        "{}",
        out.text()
    );
}

#[test]
fn problems_met_while_answering_are_shown() {
    let mut s = session(&[]);
    enter(&mut s, &["state A { gdp: 1T }"]);
    let out = s.line("? gdp(A, g), r = g / 0");
    assert!(out.failed, "{}", out.text());
    assert!(
        out.text().contains("alliance::division_by_zero"),
        "{}",
        out.text()
    );
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

        /// Whatever is typed, reading, completing and highlighting it never panics, and the
        /// highlighting is as wide as the text.
        #[test]
        fn any_input(text in "[ -~é日\n\"#{}(),:?]{0,60}", pos in 0usize..70) {
            let _ = is_complete(&text);
            let s = session(&[]);
            let _ = s.complete(&text, pos);
            let plain = highlight(&text, false);
            prop_assert_eq!(plain.chars().count(), text.chars().count());
        }

        /// Any entry leaves a session that still answers.
        #[test]
        fn any_entry(text in "(state|treaty|\\?|expect|if|rule|:show|:why|:load|:save|:undo) [ -~]{0,30}") {
            let mut s = session(&[]);
            let _ = s.line("state Z { gdp: 1T }");
            if !text.starts_with(":save") {
                let _ = s.line(&text);
            }
            let out = s.line("? state(x)");
            prop_assert!(!out.failed, "{}", out.text());
        }
    }
}

/// The number of cases a property runs: its own default, or `PROPTEST_CASES` (to run it longer
/// by hand).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
