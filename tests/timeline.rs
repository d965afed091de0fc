//! The timeline against the years read one by one: for every year of the range, the facts of
//! that year evaluated on their own are the facts of the year before, plus what the timeline
//! says the year gained, less what it says it lost. A year the timeline passes over is
//! therefore the same world as the year before, and the years it shares its work across are
//! exactly the years read independently. On the examples, on worlds imported from ATOP, and on
//! generated dated worlds.

use std::collections::BTreeSet;

use alliance::check::{check_source, Checked};
use alliance::eval::{evaluate, Options};
use alliance::program::{Const, RelId};
use alliance::timeline::{change_years, default_range, walk, Range};
use proptest::prelude::*;

#[path = "common/dated.rs"]
mod dated;

/// Every fact of a world, stated and derived, relation by relation.
type Facts = BTreeSet<(RelId, String)>;

/// One relation's facts lost and gained in a year, as shown.
type Change = (RelId, Vec<String>, Vec<String>);

/// The world of `year`, evaluated from scratch. Constants are compared by how they are shown,
/// since two evaluations need not give them the same ids.
fn world(checked: &Checked, year: i32) -> Facts {
    let program = &checked.program;
    let facts = program.facts_as_of(Some(year));
    let model = evaluate(program, &facts, &Options::default()).expect("evaluates");
    (0..program.relations.len())
        .map(|i| RelId(i as u32))
        .flat_map(|rel| model.tuples(rel).into_iter().map(move |t| (rel, show(&t))))
        .collect()
}

fn show(t: &[Const]) -> String {
    format!("{t:?}")
}

/// Checks the timeline of `checked` over `range` against every year read on its own.
fn agrees(checked: &Checked, range: Range) -> Result<(), String> {
    let program = &checked.program;
    let mut steps: Vec<(i32, Vec<Change>)> = Vec::new();
    walk(program, range, &Options::default(), |step| {
        let diff = step
            .diff
            .iter()
            .map(|d| {
                let lost = d.lost.iter().map(|t| show(t)).collect();
                let gained = d.gained.iter().map(|t| show(t)).collect();
                (d.rel, lost, gained)
            })
            .collect();
        steps.push((step.year, diff));
    })
    .map_err(|d| d.message)?;
    let mut running = world(checked, range.from - 1);
    let mut steps = steps.into_iter().peekable();
    for year in range.from..=range.to {
        if let Some((_, diff)) = steps.next_if(|(y, _)| *y == year) {
            for (rel, lost, gained) in diff {
                for t in lost {
                    if !running.remove(&(rel, t.clone())) {
                        return Err(format!(
                            "{year}: lost {t} of {rel:?}, not in the year before"
                        ));
                    }
                }
                for t in gained {
                    if !running.insert((rel, t.clone())) {
                        return Err(format!("{year}: gained {t} of {rel:?}, already there"));
                    }
                }
            }
        }
        if running != world(checked, year) {
            return Err(format!(
                "{year}: the timeline's world is not the year's own"
            ));
        }
    }
    match steps.next() {
        Some((y, _)) => Err(format!("a step in {y}, outside {range:?}")),
        None => Ok(()),
    }
}

fn example(path: &str) -> Checked {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .expect("the example reads");
    let checked = check_source(path, &text);
    assert!(!checked.has_errors(), "{path}: {:?}", checked.diags);
    checked
}

#[test]
fn nato_year_by_year() {
    let checked = example("examples/nato_1949_today.alliance");
    let range = default_range(&checked.program).expect("dated");
    assert_eq!(range.from, 1949);
    // A little beyond both ends: the years before and after change nothing.
    agrees(
        &checked,
        Range {
            from: range.from - 2,
            to: range.to + 2,
        },
    )
    .unwrap();
}

#[test]
fn europe_1914_year_by_year() {
    let checked = example("examples/europe_1914.alliance");
    agrees(&checked, default_range(&checked.program).expect("dated")).unwrap();
}

#[test]
fn imported_worlds_year_by_year() {
    for path in [
        "examples/atop/europe_1914.alliance",
        "examples/atop/cold_war_1962.alliance",
    ] {
        let checked = example(path);
        agrees(&checked, default_range(&checked.program).expect("dated"))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}

#[test]
fn a_renewal_that_meets_changes_nothing() {
    let checked = check_source(
        "renewal.alliance",
        "state US { gdp: 27T }\nstate Korea { gdp: 1.7T }\n\
         treaty US Korea one_way defence from 1953 until 1961\n\
         treaty US Korea one_way defence from 1962\n",
    );
    assert!(!checked.has_errors(), "{:?}", checked.diags);
    let range = default_range(&checked.program).expect("dated");
    assert_eq!((range.from, range.to), (1953, 1962));
    // 1962 is neither evaluated nor reported: the facts that start are the facts that end.
    assert_eq!(change_years(&checked.program, range), vec![1953]);
    agrees(&checked, range).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: dated::cases(48), ..ProptestConfig::default() })]

    #[test]
    fn a_generated_world_year_by_year(
        n in 3usize..10,
        picks in proptest::collection::vec(any::<u8>(), 8..40),
        from in 1945i32..1960,
        len in 0i32..15,
    ) {
        let w = dated::generate(n, &picks, true);
        let checked = check_source("generated.alliance", &dated::script(&w, None));
        prop_assert!(!checked.has_errors(), "{:?}", checked.diags);
        let range = Range { from, to: from + len };
        prop_assert_eq!(agrees(&checked, range), Ok(()));
    }
}
