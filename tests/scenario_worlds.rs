//! A run of many scenarios keeps one scenario's world at a time: each is dropped once its
//! questions are answered and its difference taken, and the report reads it as the base world
//! and that difference (`report::World::after`). A 1 MB generated script with 507 scenarios
//! held 4 GB when every world was kept (docs/performance.md, "Memory").

use alliance::check::check_source;
use alliance::eval::Options;
use alliance::program::RelId;
use alliance::report::World;
use alliance::run::{run, Selection};

fn scripts() -> Vec<(String, String)> {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/asia_pacific_2024.alliance"
    );
    let mut out = vec![(
        "asia_pacific_2024.alliance".to_string(),
        std::fs::read_to_string(seed).expect("the seed world"),
    )];
    for seed in [3, 11] {
        out.push((
            format!("gen{seed}.alliance"),
            alliance_gen::script(40_000, seed),
        ));
    }
    out
}

#[test]
fn a_run_of_several_scenarios_keeps_none_of_their_worlds() {
    for (name, text) in scripts() {
        let checked = check_source(&name, &text);
        assert!(!checked.has_errors(), "{name}: {:?}", checked.diags.first());
        let outcome = run(&checked, &Options::default(), &Selection::All).expect("runs");
        assert!(outcome.scenarios.len() > 1, "{name}");
        assert!(outcome.scenarios.iter().any(|s| s.applied), "{name}");
        assert!(
            outcome.scenarios.iter().all(|s| s.model.is_none()),
            "{name}: a scenario's world was kept"
        );
    }
}

#[test]
fn a_scenario_read_as_base_and_difference_is_its_own_world() {
    for (name, text) in scripts() {
        let checked = check_source(&name, &text);
        let all = run(&checked, &Options::default(), &Selection::All).expect("runs");
        let base = World::new(&checked.program, &checked.sources, &all.base);
        for s in &all.scenarios {
            let Some(scenario) = s.name else { continue };
            let one = Selection::Named(scenario.as_str().to_string());
            let alone = run(&checked, &Options::default(), &one).expect("runs");
            let Some(model) = alone.scenarios.first().and_then(|s| s.model.as_ref()) else {
                continue;
            };
            let own = World::new(&checked.program, &checked.sources, model);
            let read = World::after(&base, &s.diff);
            for r in 0..checked.program.relations.len() {
                let rel = Some(RelId(r as u32));
                let (mut a, mut b) = (own.tuples(rel), read.tuples(rel));
                a.sort();
                b.sort();
                assert_eq!(a, b, "{name}, scenario {scenario}, relation {r}");
                for t in &a {
                    assert!(read.holds(rel, t), "{name}, {scenario}: {t:?}");
                }
                for t in base.tuples(rel).iter().filter(|t| !a.contains(t)) {
                    assert!(!read.holds(rel, t), "{name}, {scenario}: {t:?} is lost");
                }
            }
        }
    }
}
