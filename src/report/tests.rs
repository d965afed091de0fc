//! The report's own tests: text and JSON of small worlds, tables, lists and ratios.

use rust_decimal::Decimal;
use serde_json::{json, Value as Json};

use super::layout::{Table, WIDTH};
use super::rows::{ratio2, ratio_against};
use super::*;
use crate::check::check_source;
use crate::eval::Options;
use crate::run::{run, Selection};
use crate::words::and_list;

/// The text and JSON reports of a script written inline.
fn reports(src: &str) -> (String, Json) {
    let checked = check_source("world.alliance", src);
    assert!(!checked.has_errors(), "{:?}", checked.diags);
    match run(&checked, &Options::default(), &Selection::All) {
        Ok(outcome) => (text(&checked, &outcome), json(&checked, &outcome)),
        Err(d) => panic!("{d:?}"),
    }
}

const WORLD: &str = r#"
state US "United States" { gdp: 27T, nuclear: yes }
state Japan { gdp: 4T }
state Korea "South Korea" { gdp: 2T }
state Taiwan { gdp: 1T }
state China { gdp: 18T, nuclear: yes }
state A { gdp: 1T }
state B { gdp: 1T }
state C { gdp: 1T }
state Russia { gdp: 2T, nuclear: yes }
treaty US Japan one_way { name: "Security Treaty", signed: 1960 }
treaty US Korea mutual
partner US Taiwan
pact P { A, B, C } { name: "Northern Pact" }
group G technology { US, Japan }
threat China against Japan, Taiwan
threat Russia against P
"#;

#[test]
fn a_one_way_treaty_shows_as_one_way() {
    let (text, json) = reports(WORLD);
    let line = text
        .lines()
        .find(|l| l.contains("United States") && l.contains("Japan") && l.contains("treaty"));
    let line = line.unwrap_or_default();
    assert!(
        line.contains("treaty, one-way") && line.contains("Security Treaty (1960)"),
        "{text}"
    );
    assert!(
        text.contains("(one-way: Japan need not defend United States)"),
        "{text}"
    );
    assert!(!text
        .lines()
        .any(|l| l.trim_start().starts_with("Japan") && l.contains("United States  treaty")));
    let first = &json["obligations"][0];
    assert_eq!(first["direction"], "one_way");
    assert_eq!(first["treaty"]["metadata"]["name"], "Security Treaty");
}

#[test]
fn a_pact_is_summarised() {
    let (text, json) = reports(WORLD);
    assert!(
        text.contains("    P (3 members): every member must defend every other (6 obligations)\n"),
        "{text}"
    );
    assert!(
        text.contains("      Northern Pact\n      Members: A, B, C\n"),
        "{text}"
    );
    assert!(
        !text
            .lines()
            .any(|l| l.trim_start().starts_with("A ") && l.contains("pact")),
        "{text}"
    );
    assert_eq!(json["pacts"][0]["obligations"], 6);
    let by_pact = json["obligations"]
        .as_array()
        .map_or(0, |o| o.iter().filter(|o| o["basis"] == "pact").count());
    assert_eq!(by_pact, 6);
}

#[test]
fn an_exposed_state_shows_its_reason() {
    let (text, json) = reports(WORLD);
    let taiwan = text
        .lines()
        .find(|l| l.trim_start().starts_with("Taiwan  "))
        .unwrap_or_default();
    assert!(
        taiwan.contains("exposed") && taiwan.contains("ratio 0.06 < 1; nuclear threat, no cover"),
        "{text}"
    );
    let japan = text
        .lines()
        .find(|l| l.trim_start().starts_with("Japan ") && l.contains("deterred"));
    assert!(
        japan.is_some_and(|l| l.contains("United States") && l.contains("1.72")),
        "{text}"
    );
    let a = text
        .lines()
        .find(|l| l.trim_start().starts_with("A    "))
        .unwrap_or_default();
    assert!(
        a.contains("B and C") && a.contains("1.50  none") && a.contains("nuclear threat, no cover"),
        "{text}"
    );
    let row = json["deterrence"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["state"] == "Taiwan").cloned());
    let row = row.unwrap_or_default();
    assert_eq!(row["verdict"], "exposed");
    assert_eq!(row["ratio"], "0.0555555555555555555555555556");
    assert_eq!(row["ratio_rounded"], "0.06");
    assert_eq!(row["power"], "1000000000000");
    assert_eq!(row["coalition_text"], "Taiwan alone");
}

#[test]
fn a_missing_gdp_makes_the_verdict_undetermined() {
    let (text, _) = reports("state X { gdp: 1T }\nstate Y\nthreat Y against X\n");
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("X "))
        .unwrap_or_default();
    assert!(
        row.contains("undetermined") && row.contains("gdp missing: Y"),
        "{text}"
    );
}

#[test]
fn a_scenario_summary_names_the_state_that_lost_its_defender() {
    let src = format!("{WORLD}\nscenario trump \"What if?\" {{ remove US }} then {{ expect exposed(Japan, China) }}\n");
    let (text, json) = reports(&src);
    assert!(text.contains("Scenario trump: What if?"), "{text}");
    assert!(
        text.contains("Japan and South Korea lose their only defender, United States."),
        "{text}"
    );
    assert!(
        text.contains("Japan against China: 1.72 → 0.22 (deterred → exposed)"),
        "{text}"
    );
    assert!(
        text.contains("Expectations in this scenario: 1 passed, 0 failed"),
        "{text}"
    );
    let summary = json["scenarios"][0]["summary"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let lost = "Japan and South Korea lose their only defender, United States.";
    assert!(summary.iter().any(|s| s == lost), "{summary:?}");
    let lost = json["scenarios"][0]["lost"]["defends"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(lost.contains(&json!(["US", "Japan"])), "{lost:?}");
}

#[test]
fn an_empty_scenario_says_nothing_changes() {
    let src = format!("{WORLD}\nif set Japan gdp: 4T then ? defends(x, Japan)\n");
    let (text, _) = reports(&src);
    assert!(text.contains("If set Japan gdp: 4T"), "{text}");
    assert!(
        text.contains("Nothing changes: every conclusion is the same as in the base world."),
        "{text}"
    );
}

#[test]
fn a_world_without_the_prelude_reports_what_it_can() {
    let (text, json) =
        reports("no prelude\nstate A\nstate B\nfact defends(A, B)\n? defends(x, B)\n");
    assert!(
        text.contains("By the script's own rules and facts:"),
        "{text}"
    );
    assert!(
        text.contains("fact defends(A, B) (world.alliance:4)"),
        "{text}"
    );
    assert!(text.contains("? defends(x, B)\n      x = A\n"), "{text}");
    assert!(!text.contains("Deterrence"), "{text}");
    assert_eq!(json["obligations"][0]["basis"], "stated");
}

#[test]
fn a_scenario_that_cannot_run_says_why() {
    let (text, json) = reports("state A { gdp: 1T }\nstate B { gdp: 1T }\ntreaty A B mutual\nif hub removed then ? state(x)\n");
    assert!(text.contains("If hub removed"), "{text}");
    assert!(
        text.contains("This scenario could not be run:\n    this world has no hub"),
        "{text}"
    );
    assert_eq!(json["scenarios"][0]["applied"], false);
    assert_eq!(
        json["scenarios"][0]["problems"][0]["message"],
        "this world has no hub"
    );
}

#[test]
fn tables_align_and_wrap() {
    let mut table = Table::new(&["Name", "N", "Notes"]).right(&[1]);
    table.row(vec!["Japan".into(), "1".into(), "short".into()]);
    table.row(vec!["Taiwan".into(), "12".into(), "word ".repeat(40)]);
    let mut out = String::new();
    table.render(2, &mut out);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "  Name     N  Notes");
    assert_eq!(lines[2], "  Japan    1  short");
    assert!(
        lines
            .iter()
            .all(|l| l.chars().count() <= WIDTH && !l.ends_with(' ')),
        "{out}"
    );
    assert!(lines[4].starts_with("              word"), "{out}");
}

#[test]
fn lists_and_ratios_read_well() {
    let names: Vec<String> = ["A", "B", "C"].iter().map(|s| s.to_string()).collect();
    assert_eq!(and_list(&names, 8), "A, B and C");
    assert_eq!(and_list(&names, 2), "A, B and 1 more");
    assert_eq!(ratio2(Decimal::new(12, 1)), "1.20");
    assert_eq!(ratio_against(Decimal::new(998, 3), Decimal::ONE), "0.998");
}
