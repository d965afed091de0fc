//! The REPL's answer time on the seed world (examples/asia_pacific_2024.alliance): a query,
//! an explanation, a statement that extends the world, and a what-if, each from the moment the
//! line is handed to the session to the text it prints.
//!
//! `cargo bench --bench repl`; the target is under 10 ms for each.

use std::hint::black_box;
use std::path::PathBuf;

use std::sync::Arc;

use alliance::cli::files::DiskHost;
use alliance::session::Session;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

fn seed() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/asia_pacific_2024.alliance")
}

fn session() -> Session {
    let mut session = Session::new(Arc::new(DiskHost), &[seed().display().to_string()]);
    assert!(
        !session.take_messages().text().contains("error"),
        "the seed world should load cleanly"
    );
    session
}

fn repl(c: &mut Criterion) {
    let mut group = c.benchmark_group("repl");
    let mut warm = session();
    for (label, line) in [
        ("query", "? defends(x, Japan)"),
        ("why", "? why exposed(Taiwan, China)"),
        ("expect", "expect deterred(Japan, China)"),
        (
            "what-if",
            "if treaty US Japan cancelled then expect exposed(Japan, China)",
        ),
    ] {
        let out = warm.line(line);
        assert!(!out.failed, "{line}: {}", out.text());
        group.bench_function(label, |b| b.iter(|| black_box(warm.line(black_box(line)))));
    }
    // A statement changes the world, so each run starts from a fresh session.
    group.bench_function("statement", |b| {
        b.iter_batched_ref(
            session,
            |s| {
                let out = s.line("treaty US India mutual");
                assert!(!out.failed, "{}", out.text());
                black_box(out)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("load", |b| b.iter(|| black_box(session())));
    group.finish();
}

criterion_group!(benches, repl);
criterion_main!(benches);
