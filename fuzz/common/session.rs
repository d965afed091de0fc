//! A REPL session driven by arbitrary bytes, shared by the `session` fuzz target and the
//! regression tests (`tests/fuzz_regressions.rs` includes this file by path).
//!
//! The input is split into entries as the terminal groups lines (`session::is_complete`): a
//! statement, a question, a what-if (`if ... then ...`), or a `:command`. Each goes to the core
//! session API (`Session::line`) on a host of files in memory, so nothing touches the disk or a
//! terminal, and each reply is drawn as the terminal (`Output::render`) and a page
//! (`Output::json`) would draw it. Completion is asked at the end of each entry. Anything wrong
//! is a panic, which is what a fuzzer reports.

use std::sync::Arc;

use alliance::host::MemoryHost;
use alliance::session::{is_complete, Session};

/// The fact limit while fuzzing: small, so that endless rules and large questions stop quickly.
pub const MAX_FACTS: usize = 20_000;

/// At most this many entries of one input are entered: each can evaluate the world again.
pub const MAX_ENTRIES: usize = 48;

/// Enters the entries of `bytes` (lossily decoded) one by one. Panics when something is wrong.
pub fn session(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let host = Arc::new(MemoryHost::new([(
        "lib.alliance",
        "state Gondor { gdp: 1T }\nstate Rohan { gdp: 2T }\ntreaty Gondor Rohan mutual\n",
    )]));
    let mut s = Session::with_max_facts(host, &[], MAX_FACTS);
    let mut entry = String::new();
    let mut entered = 0;
    for line in text.split('\n') {
        if !entry.is_empty() {
            entry.push('\n');
        }
        entry.push_str(line);
        if !is_complete(&entry) {
            continue;
        }
        enter(&mut s, &entry);
        entry.clear();
        entered += 1;
        if entered == MAX_ENTRIES {
            return;
        }
    }
    if !entry.is_empty() {
        enter(&mut s, &entry);
    }
    // What a session holds can always be listed and saved.
    let _ = s.line(":list").text();
    let _ = s.line(":save! out.alliance").text();
}

fn enter(s: &mut Session, entry: &str) {
    let out = s.line(entry);
    let _ = out.render(true);
    let _ = out.json().to_string();
    let end = entry.len();
    let _ = s.complete(entry, end);
    let _ = s.vocabulary();
}
