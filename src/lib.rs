//! alliance: a declarative language for the rules of military alliances.
//!
//! The pipeline, one module per stage: [`syntax`] (text to a spanned syntax tree),
//! [`check`] (names resolved to ids, types, units, safety, strata), then evaluation.
#![forbid(unsafe_code)]

pub mod diag;
pub mod source;
pub mod syntax;
