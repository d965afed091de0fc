//! The REPL session: the input is a sequence of entries (statements, questions, what-ifs and
//! `:commands`) given to the core session API one by one, as the terminal would, with files in
//! memory (`fuzz/common/session.rs`).
//!
//! cargo fuzz run session -- -dict=dict -max_total_time=60   (see docs/fuzzing.md)
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common/session.rs"]
mod session;

fuzz_target!(|data: &[u8]| {
    session::session(data);
});
