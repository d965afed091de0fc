//! Memory of evaluation: how many bytes evaluating a generated world takes, against the size
//! of its facts. See docs/performance.md ("Memory").
//!
//! `cargo bench --bench eval_mem [-- STATES...]` (default 10000). For each world it checks
//! `gen::world(STATES, 1)`, then evaluates it with the standard theory under a counting
//! allocator, and prints:
//!
//! - the facts: base and derived, and their size as tuples of 4-byte ids (the yardstick);
//! - the model: the bytes the evaluated world holds once evaluation is over;
//! - the peak: the most bytes held at any moment during evaluation, above what was held
//!   before it began (the model plus everything evaluation needed on the way);
//! - the process's peak resident set size (VmHWM, Linux), which also counts reading, parsing
//!   and checking the world.
//!
//! Bytes are those the program asked for; the allocator's own overhead is not counted.

use alliance::check::check_source;
use alliance::eval::{evaluate, Options};
use alliance::program::RelId;
use std::sync::atomic::Ordering;

#[path = "common/counting.rs"]
mod counting;
use counting::{Counting, NOW, PEAK};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    // `cargo bench` appends `--bench`: ignore it, like any flag.
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000]
    } else {
        sizes
    };
    for states in sizes {
        measure(states);
    }
}

fn measure(states: usize) {
    let checked = check_source("world.alliance", &alliance_gen::world(states, 1));
    assert!(!checked.has_errors(), "the generated world should check");
    let program = &checked.program;
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let model = evaluate(program, &program.facts, &Options::default()).expect("evaluates");
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let held = NOW.load(Ordering::Relaxed) - before;

    let base_facts = program.facts.len();
    let base_values: usize = program.facts.iter().map(|f| f.args.len()).sum();
    let (mut facts, mut values) = (0usize, 0usize);
    for (i, r) in program.relations.iter().enumerate() {
        let n = model.store(RelId(i as u32)).len();
        facts += n;
        values += n * r.arity;
    }
    let size = values * 4;
    let mb = |b: usize| b as f64 / 1e6;
    println!("{states} states");
    println!(
        "  facts: {base_facts} base + {} derived, {values} values: {:.1} MB as 4-byte ids",
        facts - base_facts,
        mb(size)
    );
    println!(
        "  base facts alone: {base_values} values, {:.1} MB",
        mb(base_values * 4)
    );
    println!(
        "  the evaluated model holds {:.1} MB: {:.1}x the facts",
        mb(held),
        held as f64 / size as f64
    );
    println!(
        "  peak during evaluation {:.1} MB: {:.1}x the facts",
        mb(peak),
        peak as f64 / size as f64
    );
    let (mut tuples, mut indexes, mut prov) = (0, 0, 0);
    for (store, p) in model.stores.iter().zip(&model.provenance) {
        let (t, i) = store.bytes();
        tuples += t;
        indexes += i;
        prov += p.bytes();
    }
    let places = model.stated.capacity() * std::mem::size_of::<alliance::eval::Stated>();
    println!(
        "    of which tuples and their tables {:.1} MB, indexes {:.1} MB, provenance {:.1} MB, \
         places of stated facts {:.1} MB, constants and the rest {:.1} MB",
        mb(tuples),
        mb(indexes),
        mb(prov),
        mb(places),
        mb(held.saturating_sub(tuples + indexes + prov + places))
    );
    if let Some(kb) = vm_hwm() {
        println!(
            "  process peak resident set (reading, checking and evaluating): {:.1} MB",
            kb as f64 / 1e3
        );
    }
    drop(model);
}

/// The process's peak resident set size in kB, from /proc/self/status.
fn vm_hwm() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
