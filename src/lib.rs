//! alliance: a declarative language for the rules of military alliances.
//!
//! The core is a pipeline, one module per stage: [`syntax`] (text to a spanned syntax tree),
//! [`check`] (names resolved to ids, types, units, safety, strata), [`eval`] (the Datalog
//! engine), then [`explain`], [`scenario`], [`report`] and [`graph`] over the evaluated world,
//! and [`session`], the one API the REPL, a browser page and an editor drive. Files come from a
//! [`host::Host`] the front end supplies; nothing in the core touches a terminal, a process or
//! the disk. The command line ([`cli`]) is the `cli` feature, on by default.
// One module may use `unsafe`: the interner, which frees a session's names (src/interner.rs).
#![deny(unsafe_code)]

pub mod analysis;
pub mod atop;
pub mod check;
#[cfg(feature = "cli")]
pub mod cli;
pub mod conditions;
pub mod diag;
pub mod escape;
pub mod eval;
pub mod explain;
pub mod fmt;
pub mod graph;
pub mod host;
#[allow(unsafe_code)]
pub mod interner;
pub mod program;
pub mod report;
pub mod roles;
pub mod run;
pub mod scenario;
pub mod session;
pub mod source;
pub mod sweep;
pub mod syntax;
pub mod theory;
pub mod timeline;
pub mod units;
pub mod words;
