//! Memory of a long session: a REPL session on the seed world takes 10,000 entries, each
//! naming a state it has never seen (a question about it, as a student's typos or an editor's
//! keystrokes do), and the bytes it holds are counted after the first 1,000 entries and after
//! all of them. The target: no more than twice the first figure. See docs/performance.md
//! ("Memory of a session").
//!
//! `cargo bench --bench session_mem [-- ENTRIES]` (default 10000).

use alliance::cli::files::DiskHost;
use alliance::session::Session;
use std::sync::atomic::Ordering;
use std::sync::Arc;

#[path = "common/counting.rs"]
mod counting;
use counting::{Counting, NOW};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The entries, in turn: a query, an expectation and a `why` about a new name, and a
/// question about a known state mistyped into a new name.
fn entry(i: usize) -> String {
    match i % 4 {
        0 => format!("? defends(x, Newland{i})"),
        1 => format!("expect not defends(US, Freedonia{i})"),
        2 => format!("? why covered(Ruritania{i}, China)"),
        _ => format!("? defends(Japan{i}, y)"),
    }
}

fn main() {
    // `cargo bench` appends `--bench`: ignore it, like any flag.
    let entries = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000usize);
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/asia_pacific_2024.alliance"
    );
    let start = NOW.load(Ordering::Relaxed);
    let mut session = Session::new(Arc::new(DiskHost::default()), &[seed.to_string()]);
    let _ = session.take_messages();
    // The model is evaluated by the first question: count from a session in use.
    let _ = session.line("? defends(x, Japan)");
    let loaded = NOW.load(Ordering::Relaxed) - start;
    let names_loaded = session.names_held();
    let mut after_first = 0;
    for i in 0..entries {
        let out = session.line(&entry(i));
        std::hint::black_box(out.text());
        if i + 1 == 1_000.min(entries) {
            after_first = NOW.load(Ordering::Relaxed) - start;
        }
    }
    let after_all = NOW.load(Ordering::Relaxed) - start;
    let mb = |b: usize| b as f64 / 1_000_000.0;
    println!(
        "session on the seed world, evaluated: {:.2} MB ({names_loaded} names of its own)",
        mb(loaded)
    );
    println!("after 1,000 entries: {:.2} MB", mb(after_first));
    println!(
        "after {entries} entries: {:.2} MB ({:.2}x the figure after 1,000; target at most 2x); \
         {} names of its own",
        mb(after_all),
        after_all as f64 / after_first.max(1) as f64,
        session.names_held()
    );
}
