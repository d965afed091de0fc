//! Limits: large inputs give a result or a diagnostic, never a crash or a hang.

use std::time::Instant;

use alliance::check::check_source;
use alliance::cli::check_path;
use alliance::eval::Options;
use alliance::run::{run, Selection};

#[test]
fn a_file_of_100_000_lines_checks_and_evaluates() {
    let mut text = String::new();
    for i in 0..50_000 {
        text.push_str(&format!("state S{i} {{ gdp: {}B }}\n", 1 + i % 997));
        text.push_str(&format!("treaty S{i} S{} one_way\n", (i + 1) % 50_000));
    }
    let checked = check_source("big.alliance", &text);
    assert!(!checked.has_errors(), "{:?}", checked.diags.first());
    let outcome = run(&checked, &Options::default(), &Selection::All).expect("evaluates");
    let defends = checked
        .program
        .relation("defends")
        .expect("the prelude defines defends");
    assert_eq!(outcome.base.store(defends).len(), 50_000);
}

#[test]
fn an_endless_program_stops_at_the_limit_quickly() {
    let text = "no prelude\nfact n(0)\nrule n(y) if n(x), y = x + 1\n";
    let checked = check_source("endless.alliance", text);
    assert!(!checked.has_errors());
    let started = Instant::now();
    let result = run(
        &checked,
        &Options {
            max_facts: 100_000,
            ..Options::default()
        },
        &Selection::All,
    );
    let diags = result.expect_err("the limit stops evaluation");
    assert_eq!(diags[0].code.as_str(), "alliance::fact_limit");
    // Generous even for a debug build on a loaded machine: the point is "seconds, not minutes".
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_long_import_chain_is_read_once_each() {
    let dir = std::env::temp_dir().join(format!("alliance-chain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let files = 200;
    for i in 0..files {
        let next = if i + 1 < files {
            format!("import \"f{}.alliance\"\n", i + 1)
        } else {
            String::new()
        };
        let text = format!("{next}state S{i} {{ gdp: 1T }}\nfact link(S{i})\n");
        std::fs::write(dir.join(format!("f{i}.alliance")), text).expect("write");
    }
    // A second path to the last file: a diamond is not a cycle.
    std::fs::write(
        dir.join("f0.alliance"),
        "import \"f1.alliance\"\nimport \"f199.alliance\"\nstate S0\nfact link(S0)\n",
    )
    .expect("write");
    let checked = check_path(&dir.join("f0.alliance"));
    assert!(!checked.has_errors(), "{:?}", checked.diags.first());
    assert_eq!(checked.program.states.len(), files);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Draws every diagnostic of a script as the command line does, without colour.
fn rendered(name: &str, text: &str) -> (alliance::check::Checked, String) {
    let checked = check_source(name, text);
    let out = alliance::diag::render_all(&checked.diags, &checked.sources, false);
    (checked, out)
}

#[test]
fn a_diagnostic_past_column_65_535_is_drawn_on_a_cut_line() {
    // 16,384 tabs are 65,536 columns: miette's renderer panicked past 65,535.
    let text = format!("{}zzz\n", "\t".repeat(16_384));
    let (checked, out) = rendered("tabs.alliance", &text);
    assert!(checked.has_errors());
    assert!(out.contains("zzz") && out.contains('…'), "{out}");
    assert!(
        out.len() < 2_000,
        "the snippet stays small: {} bytes",
        out.len()
    );
}

#[test]
fn eight_thousand_states_on_one_line_warn_with_small_snippets() {
    let line: Vec<String> = (0..8_000).map(|i| format!("state S{i}")).collect();
    let text = line.join(" ") + "\n";
    let (checked, out) = rendered("one_line.alliance", &text);
    let warnings = checked.diags.len();
    assert_eq!(warnings, 8_000, "each state is declared but used nowhere");
    assert!(
        out.len() < warnings * 1_200,
        "each warning's snippet stays small: {} bytes for {warnings}",
        out.len()
    );
    // The last warning's label underlines the last name, whose column is past 65,535.
    let last = out.rsplit("alliance::unused_state").next().unwrap_or("");
    let column = text.find("state S7999").map_or(0, |b| b + 7);
    assert!(column > 65_535);
    assert!(last.contains(&format!(":1:{column}]")), "{last}");
    // The source line is the one drawn after the gutter's bar, not the message above it.
    let is_source = |l: &&str| l.contains('│') && l.contains("S7999");
    let snippet_line = last.lines().find(is_source).unwrap_or("");
    let underline = last
        .lines()
        .skip_while(|l| !is_source(l))
        .nth(1)
        .unwrap_or("");
    let at = |s: &str, pat: &str| s.find(pat).map(|b| s[..b].chars().count());
    assert_eq!(
        at(snippet_line, "S7999"),
        at(underline, "─"),
        "{snippet_line}\n{underline}"
    );
}

#[test]
fn fifty_thousand_warnings_are_drawn_in_linear_time() {
    // Each drawing once rescanned the file from its start: 45 s for 50,000 warnings.
    let text: String = (0..50_000).map(|i| format!("state S{i}\n")).collect();
    let started = Instant::now();
    let (checked, out) = rendered("many.alliance", &text);
    assert_eq!(checked.diags.len(), 50_000);
    assert!(out.contains("many.alliance:50000:7"));
    // Generous for a debug build on a loaded machine: the point is "seconds, not minutes".
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_long_line_of_states_is_not_reprinted_by_each_warning() {
    // A 1 MB line (10 MB aborted once, each warning holding a copy of the whole line).
    let line: Vec<String> = (0..100_000).map(|i| format!("state S{i}")).collect();
    let text = line.join(" ");
    assert!(text.len() > 1_000_000);
    let (checked, out) = rendered("long_line.alliance", &text);
    assert_eq!(checked.diags.len(), 100_000);
    assert!(out.len() < 100_000 * 1_200, "{} bytes", out.len());
}

#[test]
fn a_duplicate_far_from_its_first_declaration_is_drawn_as_two_small_snippets() {
    // miette joins two labels' snippets when the first one's lines reach the second's; it was
    // told a wrong line count, so labels on lines 3,000 and 6,000 drew every line between.
    let mut lines: Vec<String> = (0..6_000).map(|i| format!("state S{i}")).collect();
    lines[2_999] = "state A".to_string();
    lines[5_999] = "state A".to_string();
    let checked = check_source("far.alliance", &lines.join("\n"));
    let duplicate = checked
        .diags
        .iter()
        .find(|d| d.message.contains("declared twice"))
        .expect("the duplicate");
    let out = alliance::diag::render(duplicate, &checked.sources, false);
    assert!(out.contains("far.alliance:3000:7") && out.contains("far.alliance:6000:7"));
    assert!(out.lines().count() < 20, "{out}");
}

#[test]
fn a_body_of_the_most_conditions_allowed_runs_and_one_more_is_refused() {
    // Each condition is joined inside the one before: 256 must fit the stack of a test thread
    // (2 MB) in a debug build; 15,000 once overflowed it.
    let body = |n: usize| vec!["a(x)"; n].join(", ");
    let text = format!(
        "no prelude\nfact a(1)\nrule b(x) if {}\n? {}\nexpect b(1), {}\n",
        body(256),
        body(256),
        body(255)
    );
    let checked = check_source("wide.alliance", &text);
    assert!(!checked.has_errors(), "{:?}", checked.diags.first());
    let outcome = run(&checked, &Options::default(), &Selection::All).expect("evaluates");
    let b = checked.program.relation("b").expect("b is defined");
    assert_eq!(outcome.base.store(b).len(), 1);
    for wide in [
        format!("no prelude\nfact a(1)\nrule b(x) if {}\n", body(257)),
        format!("no prelude\nfact a(1)\n? {}\n", body(15_000)),
        format!("no prelude\nfact a(1)\nexpect {}\n", body(15_000)),
    ] {
        let checked = check_source("wide.alliance", &wide);
        let codes: Vec<&str> = checked.diags.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["alliance::too_deep"]);
    }
}

/// The explanation of the one `? why` of a script.
fn explained(name: &str, text: &str) -> alliance::explain::Explanation {
    let checked = check_source(name, text);
    assert!(!checked.has_errors(), "{:?}", checked.diags.first());
    let outcome = run(&checked, &Options::default(), &Selection::None).expect("evaluates");
    match outcome.asks.last() {
        Some(alliance::run::AskOutcome::Why { explanation, .. }) => explanation.clone(),
        other => panic!("expected an explanation, got {other:?}"),
    }
}

#[test]
fn a_derivation_15_000_rules_deep_is_explained_in_a_few_kilobytes() {
    let mut text = String::from("no prelude\nfact r(S0)\nrule r(y) if r(x), e(x, y)\n");
    for i in 0..15_000 {
        text.push_str(&format!("fact e(S{i}, S{})\n", i + 1));
    }
    text.push_str("? why r(S15000)\n");
    let started = Instant::now();
    let explanation = explained("chain.alliance", &text);
    let shown = explanation.text();
    assert!(explanation.holds);
    assert!(shown.len() < 16_000, "{} bytes", shown.len());
    assert!(
        shown.starts_with("r(S15000), by the rule `r(y) if r(x), e(x, y)` (chain.alliance:3)\n")
    );
    // 32 rules deep, the rest is counted: r(S0) to r(S14967) and the links between them.
    assert!(
        shown.contains(
            "... 29,936 more facts beneath are not shown (explanations stop 32 rules deep): \
             14,967 by the rule `r(y) if r(x), e(x, y)` (chain.alliance:3) and 14,969 stated\n"
        ),
        "{shown}"
    );
    let json = serde_json::to_string(&explanation.json()).expect("JSON");
    assert!(json.len() < 64_000, "{} bytes of JSON", json.len());
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_derivation_that_uses_each_fact_twice_stops_after_its_step_budget() {
    // Each f(S(i+1)) rests on f(Si) twice: drawn in full, the tree would have 2^30 steps.
    let mut text = String::from("no prelude\nfact f(S0)\nrule f(y) if f(x), e(x, y), f(x)\n");
    for i in 0..30 {
        text.push_str(&format!("fact e(S{i}, S{})\n", i + 1));
    }
    text.push_str("? why f(S30)\n");
    let started = Instant::now();
    let shown = explained("twice.alliance", &text).text();
    let lines = shown.lines().count();
    assert!(lines < 2 * alliance::explain::MAX_STEPS, "{lines} lines");
    assert!(
        shown.contains("not shown (explanations stop after 5000 steps)"),
        "{shown}"
    );
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}
