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

/// The years a generated declaration holds (both ends inclusive).
#[derive(Clone, Copy, Debug, Default)]
struct Span {
    from: Option<i32>,
    until: Option<i32>,
}

impl Span {
    fn holds(self, year: i32) -> bool {
        self.from.is_none_or(|f| f <= year) && self.until.is_none_or(|u| year <= u)
    }

    fn text(self) -> String {
        let mut out = String::new();
        if let Some(f) = self.from {
            out.push_str(&format!(" from {f}"));
        }
        if let Some(u) = self.until {
            out.push_str(&format!(" until {u}"));
        }
        out
    }
}

/// A generated world: every declaration with its years, so that it can be written with its
/// dates, or without them as it stood in one year.
#[derive(Clone, Debug)]
struct World {
    /// State, its years, its GDP in billions, nuclear, region.
    states: Vec<(Span, u32, bool, &'static str)>,
    /// a, b, mutual, obligation, conditions (written after the obligation), years.
    treaties: Vec<(usize, usize, bool, &'static str, String, Span)>,
    /// The pact's years and conditions, and each member with its years.
    pact: (Span, String, Vec<(usize, Span)>),
    /// Threat source, target, provoked, years.
    threats: Vec<(usize, usize, bool, Span)>,
}

fn years(pick: u8) -> Span {
    let y = |k: u8| 1950 + (k % 8) as i32;
    match pick % 6 {
        0 => Span {
            from: Some(y(pick / 6)),
            until: None,
        },
        1 => Span {
            from: None,
            until: Some(y(pick / 6)),
        },
        2 => {
            let (a, b) = (y(pick / 6), y(pick / 3));
            Span {
                from: Some(a.min(b)),
                until: Some(a.max(b)),
            }
        }
        _ => Span::default(),
    }
}

fn generate(n: usize, picks: &[u8], dated: bool) -> World {
    let pick = |i: usize| picks.get(i % picks.len().max(1)).copied().unwrap_or(0);
    let span = |i: usize| {
        if dated {
            years(pick(i))
        } else {
            Span::default()
        }
    };
    // S0 and S1 stay undated: `against` names only them, so a condition never names a state
    // that the reading in one year would have to leave out.
    let states = (0..n)
        .map(|s| {
            let when = if s < 2 { Span::default() } else { span(s + 17) };
            let region = ["Asia", "Europe", ""][pick(s + 3) as usize % 3];
            (when, 1 + pick(s + 1) as u32 * 37, pick(s) % 7 == 0, region)
        })
        .collect();
    let mut treaties = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for k in 0..n {
        let (a, b) = (pick(3 * k) as usize % n, pick(3 * k + 1) as usize % n);
        if a == b || !seen.insert((a.min(b), a.max(b))) {
            continue;
        }
        let c = pick(3 * k + 2);
        let obligation = if c % 5 == 0 {
            "consultation"
        } else {
            "defence"
        };
        let conditions = match (c / 5) % 6 {
            0 if dated => format!(" against S{}", c % 2),
            1 if dated => " in Asia".to_string(),
            2 if dated => " unless provoked".to_string(),
            3 if dated => " secret".to_string(),
            _ => String::new(),
        };
        treaties.push((a, b, c % 2 == 0, obligation, conditions, span(k + 29)));
    }
    // A member dated outside its pact's years is an error: either the pact or its members
    // carry years.
    let pact_span = span(43);
    let members = (0..n)
        .filter(|s| pick(s + 5) % 3 == 0)
        .map(|s| {
            let own = if pact_span.from.is_none() && pact_span.until.is_none() {
                span(s + 41)
            } else {
                Span::default()
            };
            (s, own)
        })
        .collect();
    let pact_conditions = match pick(7) % 4 {
        0 if dated => " against S0, S1".to_string(),
        1 if dated => " unless provoked".to_string(),
        _ => String::new(),
    };
    let pact = (pact_span, pact_conditions, members);
    let mut threats = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for k in 0..n {
        let (t, x) = (pick(k + 11) as usize % n, pick(k + 13) as usize % n);
        if t != x && seen.insert((t, x)) {
            threats.push((t, x, dated && pick(k + 19) % 4 == 0, span(k + 53)));
        }
    }
    World {
        states,
        treaties,
        pact,
        threats,
    }
}

/// The world as a script: with its dates (`year: None`), or as it stood in `year`, with only
/// what was in force then and no dates at all.
fn script(w: &World, year: Option<i32>) -> String {
    let in_force = |s: Span| year.is_none_or(|y| s.holds(y));
    let alive = |s: usize| in_force(w.states[s].0);
    let when = |s: Span| {
        if year.is_none() {
            s.text()
        } else {
            String::new()
        }
    };
    let mut out = Vec::new();
    for (s, (span, gdp, nuclear, region)) in w.states.iter().enumerate() {
        if !in_force(*span) {
            continue;
        }
        let mut attrs = vec![format!("gdp: {gdp}B")];
        if *nuclear {
            attrs.push("nuclear: yes".into());
        }
        if !region.is_empty() {
            attrs.push(format!("region: {region}"));
        }
        out.push(format!(
            "state S{s}{} {{ {} }}",
            when(*span),
            attrs.join(", ")
        ));
    }
    for (a, b, mutual, obligation, conditions, span) in &w.treaties {
        if in_force(*span) && alive(*a) && alive(*b) {
            let dir = if *mutual { "mutual" } else { "one_way" };
            out.push(format!(
                "treaty S{a} S{b} {dir} {obligation}{conditions}{}",
                when(*span)
            ));
        }
    }
    let (pact_span, conditions, members) = &w.pact;
    let members: Vec<String> = members
        .iter()
        .filter(|(m, span)| in_force(*span) && alive(*m))
        .map(|(m, span)| format!("S{m}{}", when(*span)))
        .collect();
    if in_force(*pact_span) && members.len() >= 2 {
        out.push(format!(
            "pact P defence{conditions}{} {{ {} }}",
            when(*pact_span),
            members.join(", ")
        ));
    }
    for (t, x, provoked, span) in &w.threats {
        if in_force(*span) && alive(*t) && alive(*x) {
            let provoked = if *provoked { " provoked" } else { "" };
            out.push(format!("threat S{t} against S{x}{provoked}{}", when(*span)));
        }
    }
    out.join("\n")
}

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

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
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
        prop_assert!(matches!(c.program.facts_as_of(Some(year)), std::borrow::Cow::Borrowed(_)));
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
