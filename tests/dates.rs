//! Properties of dated worlds (section 10 of the brief), over generated worlds with years and
//! conditions on states, treaties, pact members and threats:
//! - a world with no dates is the same in every year, and the same as before dates existed
//!   (its facts hold whatever the year);
//! - `as of` a year after every date gives the world as it stands today (the undated reading);
//! - `as of Y` gives exactly the world of the declarations in force in Y, written without
//!   dates: filtering before evaluation is the whole meaning of a date;
//! - the standard theory's `obliged` and `coalition` (which take a shortcut for duties without
//!   conditions) are exactly the brief's definitions, written plainly as rules.

use std::collections::BTreeMap;

use alliance::check::{check_source, Checked};
use alliance::eval::{evaluate, Options};
use alliance::program::Const;
use proptest::prelude::*;

#[path = "common/dated.rs"]
mod dated;
use dated::{cases, generate, script};

fn checked(text: &str) -> Checked {
    let checked = check_source("generated.alliance", text);
    assert!(
        !checked.has_errors(),
        "a generated world should check:\n{text}\n{:?}",
        checked.diags
    );
    checked
}

/// The conclusions of the standard theory, by relation name, each sorted, read as of `year`.
fn conclusions(checked: &Checked, year: Option<i32>) -> BTreeMap<String, Vec<Vec<Const>>> {
    let facts = checked.program.facts_as_of(year);
    let model = evaluate(&checked.program, &facts, &Options::default()).expect("evaluates");
    let theory = checked.program.theory;
    theory
        .all()
        .into_iter()
        // What the theory concludes: the stated relations may differ by a pact left unwritten.
        .filter(|(spec, _)| spec.source != alliance::theory::Source::Base)
        .filter_map(|(spec, id)| Some((spec.name.to_string(), id?)))
        .map(|(name, id)| {
            let mut facts = model.tuples(id);
            facts.sort_by(alliance::scenario::cmp);
            (name, facts)
        })
        .collect()
}

/// Section 11 of the brief, word for word: a must defend x against t when t threatens x, a is
/// not t, and a has a duty to defend x whose conditions all hold for t; the coalition counts
/// only duties that are not secret.
const PLAIN_THEORY: &str = "
rule duty_t(a, x, p, q) if treaty(p, q, d, defence), a = p, x = q
rule duty_t(a, x, p, q) if treaty(p, q, mutual, defence), a = q, x = p
rule fails_t(x, t, p, q) if duty_t(_, x, p, q), threatens(t, x), treaty_against(p, q, defence, _), not treaty_against(p, q, defence, t)
rule fails_t(x, t, p, q) if duty_t(_, x, p, q), threatens(t, x), treaty_in(p, q, defence, _), not region_ok_t(x, p, q)
rule region_ok_t(x, p, q) if duty_t(_, x, p, q), region(x, r), treaty_in(p, q, defence, r)
rule fails_t(x, t, p, q) if duty_t(_, x, p, q), provoked(t, x), treaty_unless_provoked(p, q, defence)
rule fails_p(x, t, p) if member(x, p), threatens(t, x), pact_against(p, _), not pact_against(p, t)
rule fails_p(x, t, p) if member(x, p), threatens(t, x), pact_in(p, _), not region_ok_p(x, p)
rule region_ok_p(x, p) if member(x, p), region(x, r), pact_in(p, r)
rule fails_p(x, t, p) if member(x, p), provoked(t, x), pact_unless_provoked(p)
rule plain_obliged(a, x, t) if duty_t(a, x, p, q), threatens(t, x), a != t, not fails_t(x, t, p, q)
rule plain_obliged(a, x, t) if pact(p, defence), member(a, p), member(x, p), a != x, threatens(t, x), a != t, not fails_p(x, t, p)
rule plain_coalition(x, x, t) if threatens(t, x)
rule plain_coalition(a, x, t) if duty_t(a, x, p, q), threatens(t, x), a != t, not fails_t(x, t, p, q), not treaty_secret(p, q, defence)
rule plain_coalition(a, x, t) if pact(p, defence), member(a, p), member(x, p), a != x, threatens(t, x), a != t, not fails_p(x, t, p), not pact_secret(p)
";

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    #[test]
    fn obliged_and_coalition_are_the_briefs_definitions(
        n in 3usize..10,
        picks in proptest::collection::vec(any::<u8>(), 8..40),
        year in 1948i32..1960,
    ) {
        let w = generate(n, &picks, true);
        let c = checked(&format!("{}\n{PLAIN_THEORY}", script(&w, None)));
        let facts = c.program.facts_as_of(Some(year));
        let model = evaluate(&c.program, &facts, &Options::default()).expect("evaluates");
        let tuples = |name: &str| {
            let mut t = model.tuples(c.program.relation(name).expect("relation"));
            t.sort_by(alliance::scenario::cmp);
            t
        };
        prop_assert_eq!(tuples("obliged"), tuples("plain_obliged"));
        prop_assert_eq!(tuples("coalition"), tuples("plain_coalition"));
    }

    #[test]
    fn a_world_without_dates_is_the_same_in_every_year(
        n in 3usize..10,
        picks in proptest::collection::vec(any::<u8>(), 8..40),
        year in 1900i32..2100,
    ) {
        let w = generate(n, &picks, false);
        let text = script(&w, None);
        let c = checked(&text);
        prop_assert!(c.program.facts.iter().all(|f| f.years.is_always()));
        let today = conclusions(&c, None);
        prop_assert_eq!(&today, &conclusions(&c, Some(year)));
        // Nothing is filtered: the facts evaluated are the facts stated.
        prop_assert_eq!(c.program.facts_as_of(Some(year)).len(), c.program.facts.len());
    }

    #[test]
    fn as_of_a_year_after_every_date_is_the_world_today(
        n in 3usize..10,
        picks in proptest::collection::vec(any::<u8>(), 8..40),
    ) {
        let w = generate(n, &picks, true);
        let c = checked(&script(&w, None));
        prop_assert_eq!(conclusions(&c, None), conclusions(&c, Some(2000)));
    }

    #[test]
    fn as_of_a_year_is_the_world_of_what_was_in_force_then(
        n in 3usize..10,
        picks in proptest::collection::vec(any::<u8>(), 8..40),
        year in 1948i32..1960,
    ) {
        the_world_of(n, &picks, year)?;
    }
}

/// A case CI found: a pact with one member left in 1958 (it says of itself that it is limited).
#[test]
fn a_pact_of_one_member_in_a_year() {
    the_world_of(7, &[0, 3, 0, 0, 0, 0, 7, 148, 67, 91, 0, 0, 0, 0], 1958).unwrap();
}

/// The dated world as of `year` concludes what the world written as it stood in `year` does.
fn the_world_of(n: usize, picks: &[u8], year: i32) -> Result<(), TestCaseError> {
    let w = generate(n, picks, true);
    let dated = checked(&script(&w, None));
    let then = checked(&script(&w, Some(year)));
    let (mut was, is) = (conclusions(&dated, Some(year)), conclusions(&then, None));
    // A pact with one member left in force binds no one, but what it says of itself still
    // holds (`pact_limited`) and its conditions still fail for that member (`pact_void`);
    // a pact of one cannot be written, so the year's world leaves it out, and with it those
    // conclusions about it.
    let written: Vec<Const> = then
        .program
        .facts
        .iter()
        .filter(|f| Some(f.rel) == then.program.relation("pact"))
        .map(|f| f.args[0])
        .collect();
    for (rel, at) in [("pact_void", 2), ("pact_limited", 0)] {
        if let Some(facts) = was.get_mut(rel) {
            facts.retain(|t| written.contains(&t[at]));
        }
    }
    prop_assert_eq!(was, is);
    Ok(())
}
