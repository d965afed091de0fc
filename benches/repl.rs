//! The REPL's answer time on the seed world (examples/asia_pacific_2024.alliance): a query,
//! an explanation, a statement that extends the world, and a what-if, each from the moment the
//! line is handed to the session to the text it prints.
//!
//! The same questions on a generated world of 10,000 states, where the target is also 10 ms.
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
    let mut session = Session::new(
        Arc::new(DiskHost::default()),
        &[seed().display().to_string()],
    );
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

/// Questions on a generated world of 10,000 states: each is checked against the checked
/// world alone, so it costs what answering it costs, not a check of the whole world.
fn repl_10k(c: &mut Criterion) {
    let world = alliance_gen::world(10_000, 1);
    let host = alliance::host::MemoryHost::new([("world.alliance", world.clone())]);
    let mut session = Session::new(Arc::new(host), &["world.alliance".to_string()]);
    let _ = session.take_messages();
    let mut group = c.benchmark_group("repl, 10,000 states");
    for (label, line) in [
        ("query", "? defends(x, S5)"),
        ("why", "? why defends(S0, S12)"),
        ("expect", "expect not exposed(S5, S6)"),
        ("unknown name", "? defends(x, S5000000)"),
    ] {
        let out = session.line(line);
        assert!(
            out.failed == (label == "unknown name"),
            "{line}: {}",
            out.text()
        );
        group.bench_function(label, |b| {
            b.iter(|| black_box(session.line(black_box(line))))
        });
    }
    // Statements change the world: each run states another one, between two states the
    // generated world does not already bind that way (a duplicate is an error). Each
    // lands on a state no one threatens yet, treaties on the first half of the states and
    // threats on the second, so that tens of thousands of runs do not multiply the duties
    // owed against each threat beyond the limit of derived facts.
    let mut stated: std::collections::HashSet<(String, String)> = Default::default();
    let mut threatened: std::collections::HashSet<String> = Default::default();
    for l in world.lines() {
        match l.split_whitespace().collect::<Vec<_>>().as_slice() {
            ["treaty", a, b, ..] | ["threat", a, "against", b] => {
                stated.insert((a.to_string(), b.to_string()));
                stated.insert((b.to_string(), a.to_string()));
                threatened.insert(b.to_string());
            }
            _ => {}
        }
    }
    for (label, line, first) in [
        ("treaty", "treaty {a} {b} one_way", 1),
        ("threat", "threat {a} against {b}", 5_000),
    ] {
        let free: Vec<String> = (first..first + 4_000)
            .map(|i| format!("S{i}"))
            .filter(|s| !threatened.contains(s))
            .collect();
        let mut pairs = (0..)
            .map(|i| {
                (
                    format!("S{}", 9_000 + i % 1000),
                    free[(i / 1000) % free.len()].clone(),
                )
            })
            .filter(|p| !stated.contains(p));
        group.bench_function(label, |b| {
            b.iter(|| {
                let (x, y) = pairs.next().unwrap_or_default();
                let out = session.line(&line.replace("{a}", &x).replace("{b}", &y));
                assert!(!out.failed, "{}", out.text());
                black_box(out)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, repl, repl_10k);
criterion_main!(benches);
