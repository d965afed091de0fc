//! Front-end properties: the prelude checks clean and defines the standard relations, and
//! no input, however broken, makes the checker panic.

use alliance::check::{check_source, PRELUDE};
use alliance::diag::Severity;
use proptest::prelude::*;

#[test]
fn prelude_is_clean_and_complete() {
    let checked = check_source("empty.alliance", "");
    let problems: Vec<_> = checked
        .diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(problems.is_empty(), "the prelude has errors: {problems:?}");
    let expected = [
        ("defends", 2),
        ("allied", 2),
        ("supports", 2),
        ("cooperates", 3),
        ("umbrella", 2),
        ("covered", 1),
        ("obliged", 3),
        ("coalition", 3),
        ("covered_against", 2),
        ("power", 3),
        ("balance", 3),
        ("deters", 2),
        ("exposed", 2),
        ("undetermined", 2),
        ("unguaranteed", 1),
        ("bloc_balance", 3),
        ("tripwire", 2),
        ("spending_gap", 2),
        ("hub", 1),
        ("spoke", 2),
    ];
    for (name, arity) in expected {
        let id = checked
            .program
            .relation(name)
            .unwrap_or_else(|| panic!("`{name}` is not defined"));
        assert_eq!(checked.program.rel(id).arity, arity, "arity of `{name}`");
        let defined = checked.program.rules.iter().any(|r| r.head.rel == id)
            || matches!(name, "hub" | "spoke");
        assert!(defined, "no rule derives `{name}`");
    }
    assert!(PRELUDE.contains("fact balance_threshold(1)"));
}

#[test]
fn no_prelude_switches_the_theory_off() {
    let checked = check_source(
        "bare.alliance",
        "no prelude\nstate A\nstate B\ntreaty A B mutual\n",
    );
    assert!(!checked.has_errors(), "{:?}", checked.diags);
    assert!(!checked.program.prelude);
    assert!(checked.program.relation("defends").is_none());
    let unknown = check_source("bare.alliance", "no prelude\nstate A\n? defends(A, x)\n");
    assert!(unknown
        .diags
        .iter()
        .any(|d| d.code.as_str() == "alliance::unknown_relation"));
}

#[test]
fn all_errors_of_a_file_are_reported_together() {
    let text =
        "state A { gdp 1T }\nstate B\ntreaty A Bee mutual\ntreaty B B mutual\n? defend(x, A)\n";
    let checked = check_source("many.alliance", text);
    let codes: Vec<&str> = checked
        .diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "alliance::syntax",
            "alliance::unknown_name",
            "alliance::self_treaty",
            "alliance::unknown_relation"
        ]
    );
}

#[test]
fn every_diagnostic_has_a_span_label_and_help_where_it_points_into_a_file() {
    let text = "state A { gdp: 5%, spending: 200% }\nstate B\npact P { A }\n? x(y)\nrule q(z) if not A(z)\n";
    let checked = check_source("spans.alliance", text);
    assert!(checked.has_errors());
    for d in &checked.diags {
        let span = d
            .span()
            .unwrap_or_else(|| panic!("{} has no span", d.code.as_str()));
        assert!(span.end as usize <= text.len());
        assert!(
            d.labels.iter().all(|l| !l.text.is_empty()),
            "{} has an empty label",
            d.code.as_str()
        );
    }
}

fn check_never_panics(text: &str) {
    let checked = check_source("fuzz.alliance", text);
    // Drawing every diagnostic must not panic either (spans inside the text).
    let _ = alliance::diag::render_all(&checked.diags, &checked.sources, false);
}

#[test]
fn pathological_inputs_give_diagnostics() {
    let deep = format!("? x = {}1{}", "(".repeat(100_000), ")".repeat(100_000));
    check_never_panics(&deep);
    let long_chain = format!("? x = 1{}", " + 1".repeat(50_000));
    check_never_panics(&long_chain);
    let braces = "{".repeat(100_000);
    check_never_panics(&braces);
    let long_name = format!("state {}", "A".repeat(1_000_000));
    check_never_panics(&long_name);
    check_never_panics("state A { gdp: 99999999999999999999999999999999999T }");
    check_never_panics("\"unterminated");
    check_never_panics("state A \"a\\");
    check_never_panics("# only a comment");
    check_never_panics("");
}

/// Words and marks the token soup is made of: every keyword, plus names, variables,
/// punctuation, numbers, strings and the slips people make.
fn tokens() -> Vec<&'static str> {
    let mut tokens: Vec<&'static str> = alliance::syntax::lex::KEYWORDS.to_vec();
    tokens.extend([
        "US", "Japan", "NATO", "x", "y", "_", "defends(", "gdp(", "(", ")", "{", "}", ",", ":",
        "=", "<", ">=", "!=", "+", "-", "*", "/", "?", "1", "2.5%", "27.4T", "-3", "\"S K\"",
        "#c\n", "\n", " ", "\u{201c}", "28,500", "one-way",
    ]);
    tokens
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut sources = alliance::source::Sources::default();
        let (_, bad) = alliance::check::decode(bytes.clone(), "bytes.alliance", &mut sources);
        if bad.is_none() {
            check_never_panics(&String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn random_token_soup_never_panics(picks in proptest::collection::vec(0..1000usize, 0..80)) {
        let all = tokens();
        let text: Vec<&str> = picks.iter().map(|&i| all[i % all.len()]).collect();
        check_never_panics(&text.join(" "));
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
