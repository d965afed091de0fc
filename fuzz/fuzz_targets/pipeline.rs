//! The whole pipeline on arbitrary bytes: decode, parse, check, render diagnostics, evaluate
//! with a small fact limit (queries, expectations, scenarios, reports), format and re-parse.
//!
//! cargo fuzz run pipeline -- -dict=dict -max_total_time=60   (see docs/fuzzing.md)
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common/pipeline.rs"]
mod pipeline;

fuzz_target!(|data: &[u8]| {
    pipeline::pipeline(data);
});
