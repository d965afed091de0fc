//! The formatter (`alliance fmt`): golden files, fixed points, the examples, and a property
//! test over random programs laid out at random.
//!
//! Every `tests/fmt/NAME.alliance` is formatted and compared with `NAME.expected` beside it.
//! Set `UPDATE_EXPECT=1` to write the `.expected` files afresh (then read the diff).

use std::path::PathBuf;

use alliance::fmt::{format_source, WIDTH};
use alliance::source::FileId;
use alliance::syntax::{ast::File, lex, parse_file};
use proptest::prelude::*;

mod common;
use common::{root, scripts};

fn goldens() -> Vec<PathBuf> {
    let mut out = Vec::new();
    scripts(&root().join("tests/fmt"), &mut out);
    assert!(out.len() >= 5, "the golden files are missing");
    out
}

fn parse_clean(text: &str) -> File {
    let (file, diags) = parse_file(text, FileId(0));
    assert!(
        diags.iter().all(|d| !d.is_error()),
        "does not parse: {diags:?}\n{text}"
    );
    file
}

/// The syntax tree of a text with every span erased. `File`'s own equality would do, but
/// `Atom::span` is a plain `Span` field, which `#[derive(PartialEq)]` compares.
fn tree(text: &str) -> String {
    let debug = format!("{:#?}", parse_clean(text));
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(at) = rest.find("Span {") {
        out.push_str(&rest[..at]);
        out.push_str("Span");
        let after = &rest[at..];
        rest = after.find('}').map_or("", |close| &after[close + 1..]);
    }
    out.push_str(rest);
    out
}

fn format_ok(text: &str) -> String {
    match format_source(text) {
        Ok(out) => out,
        Err(diags) => panic!("format failed: {diags:?}\n{text}"),
    }
}

/// Every comment's text, in order, without trailing space.
fn comment_texts(text: &str) -> Vec<&str> {
    lex::comments(text)
        .into_iter()
        .map(|(s, e)| text[s..e].trim_end())
        .collect()
}

/// What must hold of any formatting: same tree, same comments, a fixed point, tidy lines.
fn assert_sound(input: &str, output: &str) {
    assert_eq!(tree(output), tree(input), "the tree changed:\n{output}");
    // Comments as the language reads them: a lone `\r` ends one.
    let input = &*alliance::source::unify_line_endings(input);
    assert_eq!(
        comment_texts(output),
        comment_texts(input),
        "comments changed:\n{output}"
    );
    assert_eq!(
        format_ok(output),
        output,
        "formatting twice changed the text:\n{output}"
    );
    assert!(
        !output.starts_with('\n'),
        "blank line at the start:\n{output}"
    );
    assert!(
        !output.contains("\n\n\n"),
        "two blank lines in a row:\n{output}"
    );
    assert!(output.is_empty() || output.ends_with('\n') && !output.ends_with("\n\n"));
    for line in output.lines() {
        assert_eq!(line, line.trim_end(), "trailing space:\n{output}");
        assert!(
            !line.contains('\t') || line.contains('#') || line.contains('"'),
            "a tab:\n{output}"
        );
    }
}

// ------------------------------------------------------------------------- golden files

#[test]
fn golden_files_format_to_their_expected_text() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for input_path in goldens() {
        let input = std::fs::read_to_string(&input_path).unwrap_or_default();
        let output = format_ok(&input);
        assert_ne!(
            output,
            input,
            "{}: the input should need formatting",
            input_path.display()
        );
        assert_sound(&input, &output);
        let expected_path = input_path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &output).unwrap_or_else(|e| panic!("{e}"));
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if output != expected {
            failures.push(format!("{}:\n{output}", input_path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "output differs from .expected:\n{}",
        failures.join("\n")
    );
}

#[test]
fn expected_files_are_fixed_points() {
    for input_path in goldens() {
        let path = input_path.with_extension("expected");
        let Ok(expected) = std::fs::read_to_string(&path) else {
            panic!("{} is missing", path.display());
        };
        assert_eq!(
            format_ok(&expected),
            expected,
            "{} is not formatted",
            path.display()
        );
    }
}

/// The examples and test scripts written by hand: whatever parses formats soundly.
#[test]
fn examples_and_scripts_format_soundly() {
    let mut paths = Vec::new();
    scripts(&root().join("examples"), &mut paths);
    scripts(&root().join("tests/scripts"), &mut paths);
    paths.push(root().join("src/prelude.alliance"));
    for path in paths {
        let Ok(input) = std::fs::read_to_string(&path) else {
            continue;
        };
        if let Ok(output) = format_source(&input) {
            assert_sound(&input, &output);
        }
    }
}

/// The code blocks tagged `fmt-input` in the docs, each with the `fmt-output` block after it.
fn doc_examples(markdown: &str) -> Vec<(String, String)> {
    let mut blocks: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in markdown.lines() {
        match current.as_mut() {
            None => {
                if let Some(tag) = line.strip_prefix("```fmt-") {
                    current = Some((tag.to_string(), String::new()));
                }
            }
            Some((_, text)) if line != "```" => {
                text.push_str(line);
                text.push('\n');
            }
            Some(_) => blocks.extend(current.take()),
        }
    }
    let mut pairs = Vec::new();
    for pair in blocks.windows(2) {
        if let [(input_tag, input), (output_tag, output)] = pair {
            if input_tag == "input" && output_tag == "output" {
                pairs.push((input.clone(), output.clone()));
            }
        }
    }
    pairs
}

/// The examples of the formatting section of the reference are run, wherever the section is.
#[test]
fn documented_examples_hold() {
    let mut pairs = Vec::new();
    for doc in ["docs/reference-formatting.md", "docs/reference.md"] {
        let text = std::fs::read_to_string(root().join(doc)).unwrap_or_default();
        pairs.extend(doc_examples(&text));
    }
    assert!(
        pairs.len() >= 4,
        "the formatting examples of the reference are missing"
    );
    for (input, output) in pairs {
        assert_eq!(format_ok(&input), output, "documented example:\n{input}");
        assert_sound(&input, &output);
    }
}

// ------------------------------------------------------------------------- particular rules

#[test]
fn broken_input_is_not_formatted() {
    let diags = format_source("state Japan { gdp: }\nstate US\n")
        .err()
        .unwrap_or_default();
    assert!(!diags.is_empty() && diags.iter().all(|d| d.is_error()));
    assert!(format_source("rule p(x) if\n").is_err());
    assert!(format_source("treaty US Japan one-way\n").is_err());
}

#[test]
fn empty_and_comment_only_files() {
    assert_eq!(format_ok(""), "");
    assert_eq!(format_ok("\n\n  \n"), "");
    assert_eq!(
        format_ok("  # only a comment   \n\n\n# and another"),
        "# only a comment\n\n# and another\n"
    );
}

#[test]
fn numbers_keep_their_unit() {
    let cases = [
        ("27.40T", "27.4T"),
        ("1_000B", "1_000B"),
        ("1000B", "1000B"),
        ("0.5M", "0.5M"),
        ("2.50%", "2.5%"),
        ("28_500", "28_500"),
        ("28500", "28500"),
        ("1_0000", "10_000"),
        ("-1234_5.50", "-12_345.5"),
        ("1_5", "15"),
        ("-3.0", "-3"),
        ("0.000001", "0.000001"),
        ("0.1T", "0.1T"),
    ];
    for (written, canonical) in cases {
        let out = format_ok(&format!("state A {{ k: {written} }}"));
        assert_eq!(out, format!("state A {{ k: {canonical} }}\n"));
    }
}

#[test]
fn strings_are_escaped() {
    let out = format_ok(r#"state A "say \"hi\" \\ then\nbye""#);
    assert_eq!(out, "state A \"say \\\"hi\\\" \\\\ then\\nbye\"\n");
}

#[test]
fn one_line_exactly_at_the_width_limit() {
    // `state A { k: "..." }` is 17 columns plus the string's contents.
    let fits = format!("state A {{ k: \"{}\" }}", "x".repeat(WIDTH - 17));
    assert_eq!(fits.len(), WIDTH);
    assert_eq!(format_ok(&fits), format!("{fits}\n"));
    let too_long = format!("state A {{ k: \"{}\" }}", "x".repeat(WIDTH - 16));
    let out = format_ok(&too_long);
    assert_eq!(
        out,
        format!("state A {{\n  k: \"{}\"\n}}\n", "x".repeat(WIDTH - 16))
    );
}

#[test]
fn crlf_input_gives_lf_output() {
    let out = format_ok("state A\r\n\r\n# note\r\nstate B # b\r\n");
    assert_eq!(out, "state A\n\n# note\nstate B  # b\n");
}

#[test]
fn trailing_comment_after_and_moves_after_the_comma() {
    let out = format_ok("rule p(x) if a(x) # why\n and b(x)\n");
    assert_eq!(out, "rule p(x) if\n  a(x),  # why\n  b(x)\n");
}

#[test]
fn threat_targets_in_a_scenario_get_no_trailing_comma() {
    // With a comma after `Korea`, `US` below would be read as one more target.
    let names: Vec<String> = (0..12).map(|i| format!("Target{i}")).collect();
    let text = format!(
        "scenario s {{ add threat China against {} US removed }}",
        names.join(", ")
    );
    let out = format_ok(&text);
    assert!(out.contains("    Target11\n  US removed\n"), "{out}");
    assert_sound(&text, &out);
}

// ------------------------------------------------------------------------- random programs

type Toks = Vec<String>;

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(items).prop_map(String::from)
}

fn name() -> impl Strategy<Value = String> {
    pick(&["US", "Japan", "A", "B2", "Five_Eyes", "NATO", "SouthKorea"])
}

fn var() -> impl Strategy<Value = String> {
    pick(&["x", "y", "ally", "g", "v", "s2"])
}

fn number(signed: bool) -> impl Strategy<Value = String> {
    (
        0u64..2_000_000,
        prop::option::of(0u32..1000),
        pick(&["", "", "T", "B", "M", "%"]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(move |(int, frac, unit, underscore, neg)| {
            let mut digits = int.to_string();
            if underscore && digits.len() > 3 {
                digits.insert(digits.len() - 3, '_');
            }
            let frac = frac.map(|f| format!(".{f:02}")).unwrap_or_default();
            let sign = if signed && neg { "-" } else { "" };
            format!("{sign}{digits}{frac}{unit}")
        })
}

fn string() -> impl Strategy<Value = String> {
    "[a-zA-Z #\"\\\\é]{0,12}".prop_map(|raw| {
        let escaped = raw.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{escaped}\"")
    })
}

fn one(s: impl Strategy<Value = String>) -> impl Strategy<Value = Toks> {
    s.prop_map(|t| vec![t])
}

fn value() -> impl Strategy<Value = Toks> {
    one(prop_oneof![
        number(true),
        string(),
        pick(&["yes", "no", "true", "false"]),
        name()
    ])
}

fn attrs() -> impl Strategy<Value = Toks> {
    let attr = (
        pick(&[
            "gdp",
            "region",
            "nuclear",
            "state",
            "name",
            "spending_target",
        ]),
        value(),
        any::<bool>(),
    );
    prop::collection::vec(attr, 0..8).prop_map(|attrs| {
        let mut t = vec!["{".to_string()];
        for (key, value, comma) in attrs {
            t.push(key);
            t.push(":".into());
            t.extend(value);
            if comma {
                t.push(",".into());
            }
        }
        t.push("}".into());
        t
    })
}

fn opt_attrs() -> impl Strategy<Value = Toks> {
    prop::option::of(attrs()).prop_map(Option::unwrap_or_default)
}

fn comma_list(items: Vec<String>, trailing: bool) -> Toks {
    let mut t = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            t.push(",".into());
        }
        t.push(item.clone());
    }
    if trailing && !items.is_empty() {
        t.push(",".into());
    }
    t
}

fn members() -> impl Strategy<Value = Toks> {
    (prop::collection::vec(name(), 0..14), any::<bool>()).prop_map(|(names, trailing)| {
        let mut t = vec!["{".to_string()];
        t.extend(comma_list(names, trailing));
        t.push("}".into());
        t
    })
}

fn obligation() -> impl Strategy<Value = Toks> {
    prop::option::of(pick(&[
        "defence",
        "consultation",
        "neutrality",
        "nonaggression",
    ]))
    .prop_map(|o| o.into_iter().collect())
}

fn term() -> impl Strategy<Value = String> {
    prop_oneof![
        var(),
        Just("_".to_string()),
        name(),
        number(true),
        string(),
        Just("mutual".to_string())
    ]
}

fn atom() -> impl Strategy<Value = Toks> {
    (
        pick(&["defends", "gdp", "state", "p", "a_long_relation_name"]),
        prop::collection::vec(term(), 0..5),
        any::<bool>(),
    )
        .prop_map(|(rel, args, trailing)| {
            let mut t = vec![format!("{rel}(")];
            t.extend(comma_list(args, trailing));
            t.push(")".into());
            t
        })
}

fn expr() -> impl Strategy<Value = Toks> {
    let leaf = one(prop_oneof![
        var(),
        name(),
        number(false),
        Just("_".to_string())
    ]);
    leaf.prop_recursive(4, 24, 2, |inner| {
        let paren = inner.clone().prop_map(|e| {
            let mut t = vec!["(".to_string()];
            t.extend(e);
            t.push(")".into());
            t
        });
        // A minus sign only before a primary: `- -x` does not parse.
        let primary = prop_oneof![one(prop_oneof![var(), number(false)]), paren.clone()];
        prop_oneof![
            paren,
            primary.prop_map(|p| std::iter::once("-".to_string()).chain(p).collect()),
            (inner.clone(), pick(&["+", "-", "*", "/"]), inner).prop_map(|(l, op, r)| {
                l.into_iter().chain(std::iter::once(op)).chain(r).collect()
            }),
        ]
    })
}

fn comparison() -> impl Strategy<Value = Toks> {
    (expr(), pick(&["=", "!=", "<", "<=", ">", ">="]), expr())
        .prop_map(|(l, op, r)| l.into_iter().chain(std::iter::once(op)).chain(r).collect())
}

fn simple_literal() -> impl Strategy<Value = Toks> {
    prop_oneof![
        3 => atom(),
        1 => atom().prop_map(|a| std::iter::once("not".to_string()).chain(a).collect()),
        2 => comparison(),
    ]
}

fn join_literals(lits: Vec<Toks>, seps: Vec<bool>) -> Toks {
    let mut t = Vec::new();
    for (i, lit) in lits.into_iter().enumerate() {
        if i > 0 {
            t.push(if seps.get(i).copied().unwrap_or(true) {
                ",".into()
            } else {
                "and".into()
            });
        }
        t.extend(lit);
    }
    t
}

fn literals_of(lit: impl Strategy<Value = Toks>) -> impl Strategy<Value = Toks> {
    (
        prop::collection::vec(lit, 1..5),
        prop::collection::vec(any::<bool>(), 5),
    )
        .prop_map(|(l, s)| join_literals(l, s))
}

fn literal() -> impl Strategy<Value = Toks> {
    let aggregate = (
        var(),
        pick(&["sum", "count", "min", "max"]),
        expr(),
        literals_of(simple_literal()),
    )
        .prop_map(|(v, op, e, body)| {
            let mut t = vec![v, "=".into(), op];
            t.extend(e);
            t.push(":".into());
            t.push("{".into());
            t.extend(body);
            t.push("}".into());
            t
        });
    prop_oneof![4 => simple_literal(), 1 => aggregate]
}

fn literals() -> impl Strategy<Value = Toks> {
    literals_of(literal())
}

fn cat(parts: Vec<Toks>) -> Toks {
    parts.into_iter().flatten().collect()
}

fn w(word: &str) -> Toks {
    vec![word.to_string()]
}

/// Declarations that may follow `add` in a scenario.
fn declaration(in_scenario: bool) -> BoxedStrategy<Toks> {
    let targets = (
        prop::collection::vec(name(), usize::from(in_scenario)..10),
        any::<bool>(),
    )
        .prop_map(move |(names, trailing)| comma_list(names, trailing && !in_scenario));
    prop_oneof![
        (name(), prop::option::of(string()), opt_attrs()).prop_map(|(n, d, a)| cat(vec![
            w("state"),
            vec![n],
            d.into_iter().collect(),
            a
        ])),
        (
            name(),
            name(),
            pick(&["mutual", "one_way"]),
            obligation(),
            opt_attrs()
        )
            .prop_map(|(a, b, d, o, at)| cat(vec![w("treaty"), vec![a, b, d], o, at])),
        (name(), obligation(), members(), opt_attrs()).prop_map(|(n, o, m, a)| cat(vec![
            w("pact"),
            vec![n],
            o,
            m,
            a
        ])),
        (
            name(),
            prop::collection::vec(pick(&["technology", "intelligence", "dialogue"]), 1..3),
            members()
        )
            .prop_map(|(n, k, m)| cat(vec![w("group"), vec![n], comma_list(k, false), m])),
        (name(), members()).prop_map(|(n, m)| cat(vec![w("bloc"), vec![n], m])),
        (name(), name()).prop_map(|(a, b)| cat(vec![w("partner"), vec![a, b]])),
        (name(), targets).prop_map(|(n, t)| cat(vec![w("threat"), vec![n], w("against"), t])),
        (name(), name(), number(true)).prop_map(|(a, b, n)| cat(vec![
            w("troops"),
            vec![a],
            w("in"),
            vec![b, n]
        ])),
        atom().prop_map(|a| cat(vec![w("fact"), a])),
    ]
    .boxed()
}

fn target() -> impl Strategy<Value = String> {
    prop_oneof![4 => name(), 1 => Just("hub".to_string())]
}

fn change() -> impl Strategy<Value = Toks> {
    prop_oneof![
        target().prop_map(|t| vec!["remove".into(), t]),
        target().prop_map(|t| vec![t, "removed".into()]),
        (target(), pick(&["leaves", "joins"]), name()).prop_map(|(t, k, n)| vec![t, k, n]),
        (target(), target()).prop_map(|(a, b)| vec!["treaty".into(), a, b, "cancelled".into()]),
        declaration(true).prop_map(|d| cat(vec![w("add"), d])),
        (
            target(),
            pick(&["gdp", "nuclear", "region"]),
            pick(&[":", "="]),
            value()
        )
            .prop_map(|(t, k, s, v)| cat(vec![vec!["set".into(), t, k, s], v])),
    ]
}

fn ask() -> impl Strategy<Value = Toks> {
    prop_oneof![
        literals().prop_map(|l| cat(vec![w("?"), l])),
        atom().prop_map(|a| cat(vec![w("?"), w("why"), a])),
        (any::<bool>(), literals()).prop_map(|(not, l)| {
            let not = if not { w("not") } else { Vec::new() };
            cat(vec![w("expect"), not, l])
        }),
    ]
}

fn body() -> impl Strategy<Value = Toks> {
    prop_oneof![
        ask(),
        prop::collection::vec(ask(), 0..4).prop_map(|asks| cat(vec![w("{"), cat(asks), w("}")])),
    ]
}

fn statement() -> impl Strategy<Value = Toks> {
    let rule = (atom(), prop::option::of(literals())).prop_map(|(h, b)| {
        cat(vec![
            w("rule"),
            h,
            b.map(|b| cat(vec![w("if"), b])).unwrap_or_default(),
        ])
    });
    let scenario = (
        pick(&["s1", "Moshitora", "what_if"]),
        prop::option::of(string()),
        prop::collection::vec(change(), 0..5),
        prop::option::of(body()),
    )
        .prop_map(|(n, title, changes, body)| {
            let body = body.map(|b| cat(vec![w("then"), b])).unwrap_or_default();
            cat(vec![
                w("scenario"),
                vec![n],
                title.into_iter().collect(),
                w("{"),
                cat(changes),
                w("}"),
                body,
            ])
        });
    let if_stmt = (prop::collection::vec(change(), 1..4), body()).prop_map(|(changes, body)| {
        let mut t = w("if");
        for (i, c) in changes.into_iter().enumerate() {
            if i > 0 {
                t.push("and".into());
            }
            t.extend(c);
        }
        cat(vec![t, w("then"), body])
    });
    prop_oneof![
        6 => declaration(false),
        1 => string().prop_map(|s| vec!["import".into(), s]),
        3 => rule,
        3 => ask(),
        1 => (pick(&["balance_threshold", "p"]), pick(&[":", "="]), value())
            .prop_map(|(n, s, v)| cat(vec![vec!["set".into(), n, s], v])),
        2 => scenario,
        2 => if_stmt,
    ]
}

fn comment() -> impl Strategy<Value = String> {
    "[ -~é]{0,24}".prop_map(|text| format!("#{text}"))
}

/// What goes between two tokens: mostly a space, sometimes lines, tabs or a comment.
fn trivia() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => Just(" ".to_string()),
        2 => pick(&["  ", "\t", "\n", "\n\n", "\n    ", " \n\n\n "]),
        1 => comment().prop_map(|c| format!(" {c}\n")),
        1 => comment().prop_map(|c| format!("\n{c}\n")),
        1 => comment().prop_map(|c| format!("\n\n  {c}   \n\n")),
    ]
}

fn program() -> impl Strategy<Value = String> {
    let with_prelude = prop::option::of(Just(vec!["no".to_string(), "prelude".to_string()]));
    (with_prelude, prop::collection::vec(statement(), 0..10))
        .prop_map(|(np, stmts)| cat(np.into_iter().chain(stmts).collect()))
        .prop_flat_map(|tokens| {
            let n = tokens.len();
            (Just(tokens), prop::collection::vec(trivia(), n + 1))
        })
        .prop_map(|(tokens, trivia)| {
            let mut text = String::new();
            for (tok, gap) in tokens.iter().zip(&trivia) {
                text.push_str(gap);
                text.push_str(tok);
            }
            if let Some(last) = trivia.last() {
                text.push_str(last);
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn formatting_keeps_the_tree_and_comments_and_is_idempotent(text in program()) {
        parse_clean(&text);
        let output = format_ok(&text);
        assert_sound(&text, &output);
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
