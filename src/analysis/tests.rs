use super::*;
use crate::check::check_source;

const WORLD: &str = "# The hub.
state US \"United States\" { gdp: 27.36T, nuclear: yes }
state Japan { gdp: 4.21T }
state China { gdp: 17.79T, nuclear: yes }
treaty US Japan one_way
threat China against Japan
# Big economies.
rule big(x) if gdp(x, g), g > 10T
? big(x)
scenario alone { remove US } then expect exposed(Japan, China)
";

fn analysis() -> Analysis {
    Analysis::new(check_source("w.alliance", WORLD))
}

fn offset(needle: &str) -> usize {
    WORLD.find(needle).unwrap_or(0)
}

#[test]
fn names_relations_and_scenarios_are_found_where_written() {
    let a = analysis();
    let file = a.file("w.alliance").expect("the script is file 1");
    let japan = a.at(file, offset("Japan {")).expect("Japan");
    assert_eq!((japan.ns, japan.def), (Namespace::Name, true));
    let lines: Vec<usize> = a
        .references(Namespace::Name, japan.name)
        .iter()
        .map(|o| a.checked.sources.line_of(o.span))
        .collect();
    assert_eq!(lines, [3, 5, 6, 10]);
    let big = a.at(file, offset("big(x) if")).expect("big");
    assert_eq!(a.definitions(Namespace::Relation, big.name).len(), 1);
    // `exposed` is defined by the prelude (file 0) only.
    let exposed = a.at(file, offset("exposed(")).expect("exposed");
    let defs = a.definitions(Namespace::Relation, exposed.name);
    assert!(!defs.is_empty() && defs.iter().all(|d| d.span.file == FileId(0)));
    let alone = a.at(file, offset("alone")).expect("alone");
    assert_eq!((alone.ns, alone.def), (Namespace::Scenario, true));
}

#[test]
fn hover_speaks_of_states_relations_and_answers() {
    let a = analysis();
    let file = FileId(1);
    let (_, us) = a.hover(file, offset("US Japan")).expect("US");
    assert!(
        us.starts_with("**United States** (`US`): nuclear-armed, GDP 27.36T, must defend Japan"),
        "{us}"
    );
    let (_, big) = a.hover(file, offset("big(x)\n")).expect("big");
    assert!(big.starts_with("```text\nx = China\nx = US\n```"), "{big}");
    assert!(
        big.contains("# Big economies.\nrule big(x) if gdp(x, g), g > 10T"),
        "{big}"
    );
    let (_, expect) = a.hover(file, offset("exposed(")).expect("expectation");
    assert!(
        expect.starts_with("In scenario `alone`:\n\n**passes**: it holds, as expected"),
        "{expect}"
    );
}

#[test]
fn renames_keep_the_language_and_the_theory_intact() {
    let a = analysis();
    let file = FileId(1);
    let us = a.at(file, offset("US Japan")).expect("US");
    assert_eq!(a.rename_refused(us, "USA"), None);
    assert!(a.rename_refused(us, "usa").is_some());
    assert!(a.rename_refused(us, "U S").is_some());
    let big = a.at(file, offset("big(x) if")).expect("big");
    assert_eq!(a.rename_refused(big, "large"), None);
    assert_eq!(
        a.rename_refused(big, "state").as_deref(),
        Some("`state` is a keyword")
    );
    let gdp = a.at(file, offset("gdp(x, g)")).expect("gdp");
    assert!(a
        .rename_refused(gdp, "size")
        .is_some_and(|why| why.contains("standard theory")));
}

/// What is offered at the end of `text`.
fn offered(a: &Analysis, text: &str) -> Vec<Completion> {
    completions(a, text, text.len())
}

#[test]
fn completion_fits_the_place() {
    let a = analysis();
    let labels =
        |text: &str| -> Vec<String> { offered(&a, text).into_iter().map(|c| c.label).collect() };
    assert!(labels("state Korea { gdp: 1T, ").contains(&"nuclear".to_string()));
    assert_eq!(labels("? defends(x, Ja"), ["China", "Japan", "US"]);
    let words = labels("? ex");
    assert!(words.contains(&"exposed".to_string()) && words.contains(&"expect".to_string()));
    let symbols: Vec<SymbolKind> = outline(&a, FileId(1)).iter().map(|s| s.kind).collect();
    assert_eq!(
        symbols[..5],
        [
            SymbolKind::State,
            SymbolKind::State,
            SymbolKind::State,
            SymbolKind::Commitment,
            SymbolKind::Commitment
        ]
    );
}

#[test]
fn attribute_keys_and_group_kinds_where_they_go() {
    let a = analysis();
    let kinds = |text: &str| -> Vec<CompletionKind> {
        offered(&a, text).into_iter().map(|c| c.kind).collect()
    };
    let attributes = |text: &str| {
        let found = kinds(text);
        !found.is_empty() && found.iter().all(|k| *k == CompletionKind::Attribute)
    };
    // A declaration over several lines, comments, a brace in a string, a scenario's `add`.
    assert!(attributes(
        "state Korea \"Korea {\" {\n  gdp: 1.71T,\n  # nuclear: yes\n  "
    ));
    assert!(attributes("state Korea {\n  gdp: 1.71T\n  nu"));
    assert!(attributes("scenario s {\n  add state Korea {\n    "));
    assert!(attributes("scenario s {\n  set US sp"));
    // Not for a value, nor inside a pact's, a treaty's or a scenario's braces.
    assert!(!attributes("state Korea {\n  gdp: "));
    assert!(!attributes("state Korea { gdp: 1T }\npact P { "));
    assert!(!attributes("treaty US Japan mutual {\n  "));
    assert!(!attributes("scenario s {\n  "));
    let labels: Vec<String> = offered(&a, "group Quad ")
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert_eq!(
        labels,
        ["intelligence", "technology", "exercises", "economic"]
    );
    assert_eq!(
        kinds("scenario s { add group Quad technology, ec")[0],
        CompletionKind::GroupKind
    );
    assert_ne!(
        kinds("group Quad technology ")[0],
        CompletionKind::GroupKind
    );
}
