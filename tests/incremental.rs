//! Questions checked against a checked world (`Checked::ask`, what the REPL does for each
//! question) find exactly what checking the whole world again with the question finds: the
//! same diagnostics, the same asks and the same scenarios.

use alliance::check::{check_parts, Checked, Part};
use alliance::cli::files::DiskHost;
use alliance::source::FileId;

fn seed() -> Vec<Part> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/asia_pacific_2024.alliance"
    );
    vec![Part::File(path.to_string())]
}

/// Questions, good and bad: queries, `why`, expectations that hold and fail, scenarios named
/// and not, unknown names and relations, unsafe variables, a parse error.
const QUESTIONS: &[&str] = &[
    "? defends(x, Japan)",
    "? why exposed(Taiwan, China)",
    "expect deters(Japan, China)",
    "expect not defends(Japan, US)",
    "expect exposed(Japan, China)",
    "? defends(x, Jappan)",
    "? defend(x, Japan)",
    "? defends(x, y), not covered(z)",
    "if treaty US Japan cancelled then expect exposed(Japan, China)",
    "if remove hub then ? defends(x, Japan)",
    "? defends(x,",
    "? gdp(x, g), g > 5T\n? nuclear(x)",
];

#[test]
fn a_question_checked_against_the_world_finds_what_a_whole_check_finds() {
    let host = DiskHost::default();
    let world = check_parts(&host, &seed());
    assert!(!world.has_errors(), "the seed world checks");
    let mut world = world;
    let mut with_diagnostics = 0;
    for question in QUESTIONS {
        let mut parts = seed();
        parts.push(Part::Text {
            name: "<repl:1>".into(),
            text: question.to_string(),
        });
        let whole = check_parts(&host, &parts);
        let id = FileId(whole.sources.len() as u32 - 1);
        let asked = match world.ask("<repl:1>", question) {
            Some(a) => a,
            None => panic!("{question}: is only questions"),
        };
        assert_eq!(asked.file, id, "{question}");
        let expected: Vec<String> = whole
            .diags
            .iter()
            .filter(|d| d.span().is_some_and(|s| s.file == id))
            .map(|d| format!("{d:?}"))
            .collect();
        let found: Vec<String> = asked.diags.iter().map(|d| format!("{d:?}")).collect();
        assert_eq!(found, expected, "{question}: diagnostics");
        with_diagnostics += usize::from(!found.is_empty());
        let asks = |c: &Checked| -> Vec<String> {
            (c.program.asks.iter())
                .filter(|(_, s)| s.file == id)
                .map(|a| format!("{a:?}"))
                .collect()
        };
        let scenarios = |c: &Checked| -> Vec<String> {
            (c.program.scenarios.iter())
                .filter(|s| s.span.file == id)
                .map(|s| format!("{s:?}"))
                .collect()
        };
        if !whole.has_errors() {
            assert_eq!(asks(&world), asks(&whole), "{question}: asks");
            assert_eq!(
                scenarios(&world),
                scenarios(&whole),
                "{question}: scenarios"
            );
        }
        world.forget(asked);
        assert!(asks(&world).is_empty() && scenarios(&world).is_empty());
    }
    // The mistaken questions above: a misspelt name and relation, an unsafe variable, a
    // parse error.
    assert!(with_diagnostics >= 4, "{with_diagnostics}");
}

#[test]
fn statements_and_questions_needing_a_new_relation_are_left_to_a_whole_check() {
    let mut world = check_parts(&DiskHost::default(), &seed());
    let before = (world.sources.len(), world.program.relations.len());
    for text in [
        "treaty US India mutual",
        "? defends(x, Japan)\nstate Atlantis",
        "if add fact rival(Gondor) then expect rival(Gondor)",
    ] {
        assert!(world.ask("<repl:1>", text).is_none(), "{text}");
        assert_eq!(
            (world.sources.len(), world.program.relations.len()),
            before,
            "{text}: the world is as it was"
        );
    }
}

/// A statement typed at the REPL checks the world again from its files as already parsed
/// (`Checked::with_piece`), without reading or parsing them again: it finds what checking the
/// world's parts again finds, piece after piece, good entries and bad.
#[test]
fn a_piece_added_to_a_parsed_world_checks_as_the_whole_world_does() {
    let host = DiskHost::default();
    let mut parts = seed();
    let mut world = check_parts(&host, &parts);
    let pieces = [
        "state Atlantis { gdp: 0.5T }",
        "treaty US Atlantis mutual",
        "treaty US Atlantiss mutual",
        "state Lemuria { gdp: 0T }\nthreat China against Lemuria",
        "rule friend(x, y) if allied(x, y)\n? friend(x, Japan)",
        "state Mu {",
        "no prelude",
    ];
    for (i, text) in pieces.iter().enumerate() {
        let name = format!("<repl:{i}>");
        let piece = world.with_piece(&name, text);
        parts.push(Part::Text {
            name: name.clone(),
            text: text.to_string(),
        });
        let whole = check_parts(&host, &parts);
        let shown = |c: &Checked| {
            let diags: Vec<String> = c.diags.iter().map(|d| format!("{d:?}")).collect();
            (diags, format!("{:?}", c.program), c.sources.len())
        };
        assert_eq!(shown(&piece), shown(&whole), "{text}");
        if whole.has_errors() {
            parts.pop();
        } else {
            world = piece;
        }
    }
}
