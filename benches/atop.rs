//! The ATOP import (section 12): the whole record, 745 alliances and 2,398 member rows, to a
//! formatted script, and that script checked; then the timeline of the whole record over
//! 1816-2016 beside what `alliance run --as-of Y` does once per year (check the script, run it
//! as of Y, write the report). Figures in docs/performance.md.

use alliance::atop::{dyad_years, import, Data, Options};
use alliance::check::check_source;
use alliance::eval::Options as Eval;
use alliance::run::{run, Selection};
use alliance::timeline::Range;
use criterion::{criterion_group, criterion_main, Criterion};

const DATA: Data<'static> = Data {
    alliances: include_str!("../data/atop/atop4_01a.csv"),
    members: include_str!("../data/atop/atop4_01m.csv"),
    states: include_str!("../data/atop/cow_states2016.csv"),
};

fn atop(c: &mut Criterion) {
    let mut group = c.benchmark_group("atop");
    group.sample_size(10);
    group.bench_function("import the whole record", |b| {
        b.iter(|| import(&DATA, &Options::default()).expect("imports"))
    });
    let script = import(&DATA, &Options::default()).expect("imports");
    group.bench_function("check the imported record", |b| {
        b.iter(|| check_source("atop.alliance", &script))
    });
    let checked = check_source("atop.alliance", &script);
    group.bench_function("export dyad-years 1816-2016", |b| {
        b.iter(|| dyad_years(&checked.program, Some(1816), Some(2016)).expect("exports"))
    });
    group.finish();
}

fn timeline(c: &mut Criterion) {
    let script = import(&DATA, &Options::default()).expect("imports");
    let range = Range {
        from: 1816,
        to: 2016,
    };
    let mut group = c.benchmark_group("timeline");
    group.sample_size(10);
    group.bench_function("timeline 1816-2016", |b| {
        b.iter(|| {
            let checked = check_source("atop.alliance", &script);
            alliance::report::timeline::text(&checked, Some(range), &Eval::default()).expect("runs")
        })
    });
    group.bench_function("run as of each year 1816-2016", |b| {
        b.iter(|| {
            for year in range.from..=range.to {
                let mut checked = check_source("atop.alliance", &script);
                checked.read_as_of(year);
                let outcome = run(&checked, &Eval::default(), &Selection::All).expect("runs");
                std::hint::black_box(alliance::report::text(&checked, &outcome));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, atop, timeline);
criterion_main!(benches);
