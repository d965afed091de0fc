//! The report a person reads first (`alliance run FILE`), as text and as JSON: who must defend
//! whom, troops kept abroad and the tripwires among them, support and cooperation without
//! obligation, deterrence per threatened state, network roles, spending gaps, the script's
//! questions and expectations, and each scenario's difference from the base world, summarised
//! in words before it is listed fact by fact.
//!
//! Both forms are built from the same gathered rows, so they never disagree. The text is plain:
//! aligned tables without colour, states by their display names. In JSON, states appear by name
//! (`SouthKorea`), with display names under `states`; the sentences and `*_text`, `reason` and
//! `nuclear_cover` fields are the report's own words, with display names. Numbers are strings of
//! exact decimals (money in dollars, percentages in points), ratios also rounded to two decimals.
//!
//! One module per job: [`World`] (the evaluated world and its lookups, shared with the
//! pictures), `rows` (what both forms show, gathered once), `layout` (wrapped paragraphs and
//! tables), `text`, [`summary`] (a scenario in words, for the report, the sweep and the REPL)
//! and `json`.

mod json;
mod layout;
mod rows;
pub mod summary;
mod text;
pub mod timeline;
mod world;

#[cfg(test)]
mod tests;

pub(crate) use json::jconsts;
pub use json::json;
pub use summary::{scenario_summary, scenario_title};
pub use text::{scenarios_text, text};
pub use world::World;
pub(crate) use world::{one_line, sym};

use std::sync::Arc;

use crate::check::Checked;
use crate::run::Outcome;

/// A report as a value, for a reply to carry and each front end to draw: the terminal as
/// [`Report::text`], a page as [`Report::json`].
///
/// It owns what both drawings are made from, the checked world and what running it gave,
/// rather than the rows they show: the rows borrow the world they describe ([`World`] holds
/// references), and gathering them is cheap next to running the world. The checked world is
/// shared with whoever checked it (a session keeps its world behind an `Arc`), not copied.
#[derive(Debug)]
pub struct Report {
    pub checked: Arc<Checked>,
    pub outcome: Outcome,
}

impl Report {
    /// The report as `alliance run` prints it.
    pub fn text(&self) -> String {
        text(&self.checked, &self.outcome)
    }

    /// The report as `alliance run --format json` prints it.
    pub fn json(&self) -> serde_json::Value {
        json(&self.checked, &self.outcome)
    }
}

/// The name of the file given on the command line.
pub(crate) fn file_name(checked: &Checked) -> String {
    checked.files.first().map_or_else(
        || "the script".to_string(),
        |(id, _)| checked.sources.get(*id).name.clone(),
    )
}
