//! A session's replies as data: `:run` and `:graph` give values the edge draws (the terminal
//! text is what it always was), and every output has a JSON form for a page.

use std::sync::Arc;

use alliance::check::check_text;
use alliance::eval::Options;
use alliance::host::MemoryHost;
use alliance::run::{run, Selection};
use alliance::session::{Reply, Session};

const WORLD: &str = "\
state US { gdp: 27.4T, nuclear: yes }
state Japan { gdp: 4.2T }
state China { gdp: 17.8T, nuclear: yes }
treaty US Japan one_way
threat China against Japan
scenario alone \"Japan alone\" {
  treaty US Japan cancelled
} then {
  expect exposed(Japan, China)
}
";

fn session() -> (Arc<MemoryHost>, Session) {
    let host = Arc::new(MemoryHost::new([("world.alliance", WORLD)]));
    let session = Session::new(host.clone(), &["world.alliance".to_string()]);
    (host, session)
}

#[test]
fn run_replies_with_the_report_drawn_as_alliance_run_draws_it() {
    let (host, mut s) = session();
    let out = s.line(":run");
    assert!(!out.failed, "{}", out.text());
    let [Reply::Report(report)] = out.replies.as_slice() else {
        panic!("expected one report, got {:?}", out.replies);
    };
    let checked = check_text(host.as_ref(), "world.alliance", WORLD);
    let outcome = run(&checked, &Options::default(), &Selection::All).expect("runs");
    assert_eq!(out.text(), alliance::report::text(&checked, &outcome));
    assert_eq!(report.json(), alliance::report::json(&checked, &outcome));
    let json = out.json();
    assert_eq!(json["replies"][0]["kind"], "report");
    assert_eq!(json["replies"][0]["report"]["file"], "world.alliance");
}

#[test]
fn graph_replies_with_the_picture_and_says_where_it_went() {
    let (host, mut s) = session();
    let out = s.line(":graph after.mmd alone");
    assert!(!out.failed, "{}", out.text());
    assert_eq!(out.text(), "drew scenario alone to after.mmd\n");
    let Reply::Picture { picture, saved_to } = &out.replies[0] else {
        panic!("expected a picture, got {:?}", out.replies);
    };
    assert_eq!(saved_to, "after.mmd");
    let saved = host.get("after.mmd").expect("the picture is saved");
    assert_eq!(String::from_utf8_lossy(&saved), picture.render());
    let json = out.json();
    let reply = &json["replies"][0];
    assert_eq!(reply["kind"], "picture");
    assert_eq!(reply["format"], "mermaid");
    assert_eq!(reply["scenario"], "alone");
    assert_eq!(reply["image"].as_str(), Some(picture.render().as_str()));
    let out = s.line(":graph world.svg");
    assert_eq!(out.text(), "drew the world to world.svg\n");
    assert_eq!(
        out.json()["replies"][0]["scenario"],
        serde_json::Value::Null
    );
}

#[test]
fn answers_and_explanations_are_json_trees_with_places() {
    let (_, mut s) = session();
    let out = s.line("? defends(x, Japan)");
    assert_eq!(out.text(), "x = US\n");
    let json = out.json();
    let outcome = &json["replies"][0]["outcome"];
    assert_eq!(outcome["kind"], "answers");
    assert_eq!(outcome["rows"], serde_json::json!([["US"]]));
    assert_eq!(outcome["answers"], serde_json::json!(["x = US"]));

    let json = s.line("? why defends(US, Japan)").json();
    let explanation = &json["replies"][0]["outcome"]["explanation"];
    assert_eq!(explanation["holds"], true);
    let rule = &explanation["steps"][0];
    assert_eq!(rule["kind"], "rule");
    assert_eq!(rule["origin"], "theory");
    let stated = &rule["children"][0];
    assert_eq!(stated["kind"], "stated");
    assert_eq!(stated["statement"], "treaty US Japan one_way");
    let start = WORLD.find("treaty US Japan one_way").expect("the treaty");
    assert_eq!(
        stated["place"],
        serde_json::json!({ "file": "world.alliance", "line": 4, "column": 1, "start": start, "end": start + 23 })
    );

    let out = s.line("expect defends(Japan, US)");
    assert!(out.failed);
    let json = out.json();
    assert_eq!(json["failed"], true);
    let outcome = &json["replies"][0]["outcome"];
    assert_eq!(outcome["kind"], "expect");
    assert_eq!(outcome["passed"], false);
    assert_eq!(outcome["explanation"]["holds"], false);
    assert_eq!(outcome["explanation"]["steps"][0]["kind"], "not_held");
}

#[test]
fn diagnostics_are_json_with_the_place_of_each_label() {
    let (_, mut s) = session();
    let out = s.line("treaty US Japn one_way");
    assert!(out.failed);
    let json = out.json();
    let reply = &json["replies"][0];
    assert_eq!(reply["kind"], "diagnostics");
    let diag = &reply["diagnostics"][0];
    assert_eq!(diag["severity"], "error");
    assert!(diag["code"]
        .as_str()
        .is_some_and(|c| c.starts_with("alliance::")));
    let place = &diag["labels"][0]["place"];
    assert_eq!(
        diag["labels"][0]["text"],
        "not declared anywhere",
        "{}",
        out.text()
    );
    assert_eq!(place["file"], "<repl:1>");
    assert_eq!(place["line"], 1);
    assert_eq!(place["column"], 11);
}

/// A page's session on its editor's text, checked once: the same report, picture, answers and
/// year as a session that reads the file itself, and `:reload` and `:list` work on it.
#[test]
fn a_session_on_a_checked_file_answers_as_one_that_loads_it() {
    let (host, mut loaded) = session();
    let checked = check_text(host.as_ref(), "world.alliance", WORLD);
    let mut given = Session::on_checked(host.clone(), "world.alliance", checked, None);
    for entry in [
        ":run",
        ":graph a.svg",
        ":graph b.svg alone",
        ":why defends(US, Japan)",
        "? exposed(x, China)",
        ":list",
        ":reload",
        ":run",
    ] {
        assert_eq!(
            given.line(entry).json(),
            loaded.line(entry).json(),
            "{entry}"
        );
    }
    let checked = check_text(host.as_ref(), "world.alliance", WORLD);
    let mut then = Session::on_checked(host.clone(), "world.alliance", checked, Some(1950));
    let mut read = Session::starting(host, &["world.alliance".to_string()], 1_000_000, Some(1950));
    assert_eq!(then.line(":run").json(), read.line(":run").json());
}

/// The report without its scenarios (what a page draws first) is `:run`'s without them.
#[test]
fn the_report_can_be_run_without_its_scenarios() {
    let (host, mut s) = session();
    let first = s.run_report(&Selection::None).json();
    let whole = s.line(":run").json();
    assert_eq!(whole, s.run_report(&Selection::All).json());
    let checked = check_text(host.as_ref(), "world.alliance", WORLD);
    let outcome = run(&checked, &Options::default(), &Selection::None).expect("runs");
    assert_eq!(
        first["replies"][0]["report"],
        alliance::report::json(&checked, &outcome)
    );
    assert_ne!(first, whole);
    assert_eq!(
        first["replies"][0]["report"]["scenarios"],
        serde_json::json!([])
    );
    assert!(whole["replies"][0]["report"]["scenarios"][0].is_object());
}
