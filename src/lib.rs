//! alliance: a declarative language for the rules of military alliances.
//!
//! The pipeline, one module per stage: [`syntax`] (text to a spanned syntax tree),
//! [`check`] (names resolved to ids, types, units, safety, strata), then evaluation.
#![forbid(unsafe_code)]

pub mod check;
pub mod cli;
pub mod diag;
pub mod eval;
pub mod explain;
pub mod fmt;
pub mod gen;
pub mod graph;
pub mod program;
pub mod repl;
pub mod report;
pub mod run;
pub mod scenario;
pub mod source;
pub mod sweep;
pub mod syntax;
pub mod units;
