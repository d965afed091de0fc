//! Checking against evaluating, on the generated world of 100,000 states (`alliance generate
//! --states 100000`, 12 MB): what `alliance check` does (parse, check, draw the warnings as text)
//! and what `alliance test` does after it (evaluate the standard theory). The target: checking
//! costs no more than the evaluation that follows it. Figures in docs/performance.md.
//!
//! `cargo bench --bench check`.

use std::hint::black_box;
use std::time::Duration;

use alliance::check::check_source;
use alliance::diag::render_all;
use alliance::eval::{evaluate, Options};
use criterion::{criterion_group, criterion_main, Criterion};

const STATES: usize = 100_000;
const SEED: u64 = 1;

fn check_then_evaluate(c: &mut Criterion) {
    let text = alliance_gen::world(STATES, SEED);
    let mut group = c.benchmark_group("check and evaluate, 100,000 states");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(40));
    group.bench_function("check (parse, check, draw the warnings)", |b| {
        b.iter(|| {
            let checked = check_source("world.alliance", black_box(&text));
            render_all(&checked.diags, &checked.sources, false).len()
        })
    });
    let checked = check_source("world.alliance", &text);
    assert!(!checked.has_errors(), "the generated world checks");
    let program = &checked.program;
    group.bench_function("evaluate", |b| {
        b.iter(|| evaluate(black_box(program), &program.facts, &Options::default()))
    });
    group.finish();
}

criterion_group!(benches, check_then_evaluate);
criterion_main!(benches);
