//! Structured input: each byte picks a token of the language (keywords, names, variables,
//! relation names with their `(`, numbers with units, punctuation, separators), so most
//! inputs get past the lexer and into the checker, the engine and the formatter. The text
//! then goes through the same pipeline as the `pipeline` target.
//!
//! cargo fuzz run tokens -- -max_total_time=60   (see docs/fuzzing.md)
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common/pipeline.rs"]
mod pipeline;

#[path = "../common/tokens.rs"]
mod tokens;

fuzz_target!(|data: &[u8]| {
    let text = tokens::assemble(data);
    pipeline::pipeline(text.as_bytes());
});
