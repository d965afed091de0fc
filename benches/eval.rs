//! Evaluation speed: the standard theory over generated worlds of 1 000, 10 000 and 100 000
//! states (the shape is in `docs/performance.md`), one scenario on the seed world after the base
//! world is evaluated, and a full single-removal sweep of a generated 200-state world.
//!
//! `cargo bench --bench eval`. The worlds come from `alliance generate --states N`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use alliance::check::{check_source, Checked};
use alliance::cli::check_path;
use alliance::eval::{evaluate, evaluate_scenario, Options};
use alliance::scenario::{apply, diff};
use criterion::{criterion_group, criterion_main, Criterion};

const SEED: u64 = 1;

fn world(states: usize) -> Checked {
    let checked = check_source("world.alliance", &alliance_gen::world(states, SEED));
    assert!(
        !checked.has_errors(),
        "the generated world should check cleanly"
    );
    checked
}

fn worlds(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate");
    for states in [1_000, 10_000, 100_000] {
        let checked = world(states);
        let program = &checked.program;
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(if states >= 100_000 { 60 } else { 10 }));
        group.bench_function(format!("{states} states"), |b| {
            b.iter(|| evaluate(black_box(program), &program.facts, &Options::default()))
        });
    }
    group.finish();
}

/// Dates and conditions, side by side with the same world without them: the 10,000-state
/// world as generated, the same world with years and conditions on every declaration read as
/// of 2020 (when almost everything holds), and as of 1905 (when about one state in twenty
/// exists: filtering happens before evaluation, so an old year costs what a small world does).
fn dates(c: &mut Criterion) {
    let mut group = c.benchmark_group("dates");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    let plain = world(10_000);
    let dated = check_source("dated.alliance", &alliance_gen::dated_world(10_000, SEED));
    assert!(!dated.has_errors(), "the dated world should check cleanly");
    group.bench_function("10000 states, undated", |b| {
        let p = &plain.program;
        b.iter(|| evaluate(black_box(p), &p.world_facts(), &Options::default()))
    });
    for year in [2020, 1905] {
        group.bench_function(
            format!("10000 states, dated and conditional, as of {year}"),
            |b| {
                let p = &dated.program;
                b.iter(|| {
                    evaluate(
                        black_box(p),
                        &p.facts_as_of(Some(year)),
                        &Options::default(),
                    )
                })
            },
        );
    }
    group.finish();
}

fn scenario(c: &mut Criterion) {
    let checked = check_path(Path::new("examples/asia_pacific_2024.alliance"));
    assert!(!checked.has_errors());
    let program = &checked.program;
    let base =
        evaluate(program, &program.facts, &Options::default()).expect("the seed world evaluates");
    let mut group = c.benchmark_group("scenario");
    for scenario in program.scenarios.iter().filter(|s| s.name.is_some()) {
        let name = scenario.name.map(|n| n.to_string()).unwrap_or_default();
        group.bench_function(format!("seed world: {name}"), |b| {
            b.iter(|| {
                let facts = apply(program, &base, &scenario.changes).expect("the scenario applies");
                let model = evaluate_scenario(program, &facts, &base, &Options::default())
                    .expect("evaluates");
                diff(program, &base, &model)
            })
        });
    }
    group.finish();
}

fn sweep(c: &mut Criterion) {
    let checked = world(200);
    let program = &checked.program;
    let base = evaluate(program, &program.facts, &Options::default()).expect("the world evaluates");
    let mut group = c.benchmark_group("sweep");
    group.sample_size(10);
    group.bench_function("200 states, each removed", |b| {
        b.iter(|| {
            alliance::sweep::sweep(program, &checked.sources, &base, false, &Options::default())
        })
    });
    group.finish();
}

criterion_group!(benches, worlds, dates, scenario, sweep);
criterion_main!(benches);
