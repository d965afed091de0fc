//! Parsing throughput: a generated script of 1 MB and of 10 MB into the syntax tree.
//!
//! `cargo bench --bench parse`; criterion reports MB/s (the target is at least 25 MB/s).

use std::hint::black_box;
use std::time::Duration;

use alliance::source::FileId;
use alliance::syntax::parse_file;
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

const SEED: u64 = 2024;

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (label, bytes) in [("1MB", 1_000_000), ("10MB", 10_000_000)] {
        let text = alliance_gen::script(bytes, SEED);
        let (file, diags) = parse_file(&text, FileId(1));
        assert!(
            diags.is_empty(),
            "the generated script should parse cleanly"
        );
        eprintln!(
            "{label}: {} bytes, {} statements",
            text.len(),
            file.stmts.len()
        );
        drop(file);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        if bytes > 1_000_000 {
            // One parse takes most of a second: ten samples of a few parses each.
            group.sampling_mode(SamplingMode::Flat);
            group.measurement_time(Duration::from_secs(20));
        } else {
            group.sampling_mode(SamplingMode::Auto);
            group.measurement_time(Duration::from_secs(5));
        }
        group.bench_function(label, |b| {
            b.iter(|| parse_file(black_box(&text), FileId(1)))
        });
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
