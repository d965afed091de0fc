//! `alliance graph`: the alliance network as a picture.
//!
//! The stages: [`network`] reads what to show from an evaluated world, [`scene`] lays it out
//! (with the force-directed layout and overlap removal of [`layout`]), and three writers draw
//! it: SVG (drawn by the program itself), DOT for Graphviz and Mermaid for Markdown notes. A
//! scenario is drawn on the layout of its base world, so the two pictures can be compared side
//! by side.

/// Appends a formatted line to a `String` (which cannot fail): for the DOT and Mermaid writers.
macro_rules! wln {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

/// A pact's shaded area: the convex hull of its members, in pieces if a non-member lies among them.
pub mod area;
mod dot;
/// Geometry: the force-directed layout, overlap removal, hulls and text widths.
pub mod layout;
mod mermaid;
/// What a picture shows, read from an evaluated world.
pub mod network;
/// Where everything goes in the SVG picture.
pub mod scene;
mod svg;

use std::path::Path;

use crate::check::Checked;
use crate::diag::{self, Code, Diag};
use crate::eval::Options;
use crate::run::{run, Selection};
pub use network::Network;
pub use scene::Scene;

/// The colours every format shares.
pub mod style {
    /// The fonts text is set in; label widths are measured for DejaVu Sans, the widest.
    pub const FONT_FAMILY: &str = "'DejaVu Sans', Verdana, Geneva, sans-serif";
    /// The fill of a hub.
    pub const HUB: &str = "#1d3f8c";
    /// The fill of a spoke.
    pub const SPOKE: &str = "#7fb2e5";
    /// The fill of a state that threatens another.
    pub const THREAT_SOURCE: &str = "#f2b880";
    /// The fill of any other state.
    pub const PLAIN: &str = "#d9d9d9";
    /// The ring of a nuclear-armed state.
    pub const NUCLEAR: &str = "#111111";
    /// The name of an exposed state.
    pub const EXPOSED: &str = "#b3261e";
    /// The halo of a state exposed in a scenario and not in the base world.
    pub const NEWLY_EXPOSED: &str = "#ffd60a";
    /// A duty to defend.
    pub const DUTY: &str = "#2b2b2b";
    /// A duty to defend lost in a scenario.
    pub const LOST: &str = "#d62728";
    /// A threat.
    pub const THREAT: &str = "#e07000";
    /// A partner's support.
    pub const PARTNER: &str = "#1a9a8a";
    /// Troops kept in another state (olive drab).
    pub const TROOPS: &str = "#4b5320";
    /// A treaty without a duty to defend.
    pub const COMMITMENT: &str = "#8c8c8c";

    /// The fill and outline of the i-th pact's hull.
    pub fn pact(i: usize) -> (&'static str, &'static str) {
        const PACTS: [(&str, &str); 6] = [
            ("#dbe7f6", "#5b82c0"),
            ("#e3f1da", "#5f9a3e"),
            ("#efe2f3", "#8c5ba0"),
            ("#fbefd5", "#b58a2c"),
            ("#dff1f1", "#3c8f8f"),
            ("#f5e0e4", "#b0566a"),
        ];
        PACTS[i % PACTS.len()]
    }

    /// The colour of the i-th group's dotted links.
    pub fn group(i: usize) -> &'static str {
        const GROUPS: [&str; 8] = [
            "#7e57c2", "#2e9e44", "#d81b8a", "#8d6e63", "#00838f", "#9e9d24", "#5c6bc0", "#6d4c41",
        ];
        GROUPS[i % GROUPS.len()]
    }

    /// The dash pattern of the `i`th group's lines, so that groups stay apart on a handout
    /// printed in grey. Seven patterns against eight colours: the pair repeats only after 56.
    pub fn group_dash(i: usize) -> &'static str {
        const DASHES: [&str; 7] = [
            "0.1 5",
            "8 4",
            "0.1 4 8 4",
            "14 4",
            "0.1 4 0.1 4 8 4",
            "3 4",
            "14 4 0.1 4",
        ];
        DASHES[i % DASHES.len()]
    }
}

/// The formats `alliance graph` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Svg,
    Dot,
    Mermaid,
}

impl Format {
    /// `svg`, `dot` or `mermaid`, as `alliance graph --format` names it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Dot => "dot",
            Format::Mermaid => "mermaid",
        }
    }
}

/// The picture's title: the script's first line if it is a comment, else the file's name.
fn title(checked: &Checked) -> String {
    let Some((id, _)) = checked.files.first() else {
        return "Alliance network".to_string();
    };
    let file = checked.sources.get(*id);
    // Text typed at the prompt has a name like `<repl:1>`, not a title.
    if file.name.starts_with('<') {
        return "Alliance network".to_string();
    }
    let first = file.text.lines().next().unwrap_or("").trim();
    if let Some(comment) = first.strip_prefix('#') {
        let comment = comment.trim().trim_end_matches('.');
        if !comment.is_empty() && !comment.starts_with('!') {
            return comment.to_string();
        }
    }
    let stem = Path::new(&file.name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    stem.unwrap_or_else(|| "Alliance network".to_string())
}

/// The network to draw and the base world's network it is laid out on (the same one when no
/// scenario is asked for). Diagnostics of evaluation, or of a scenario that cannot be applied,
/// are returned as errors.
pub fn networks(
    checked: &Checked,
    scenario: Option<&str>,
    options: &Options,
) -> Result<(Network, Network), Vec<Diag>> {
    let selection = scenario.map_or(Selection::None, |s| Selection::Named(s.to_string()));
    let outcome = run(checked, options, &selection)?;
    if diag::has_errors(&outcome.diags) {
        return Err(outcome.diags);
    }
    let program = &checked.program;
    let title = title(checked);
    let sources = &checked.sources;
    let base = network::build(program, sources, &outcome.base, None, title.clone());
    let Some(chosen) = outcome.scenarios.first() else {
        return Ok((base.clone(), base));
    };
    let Some(model) = &chosen.model else {
        let mut diags = chosen.diags.clone();
        if diags.is_empty() {
            diags.push(Diag::error(
                Code::UnknownName,
                "the scenario could not be applied",
            ));
        }
        return Err(diags);
    };
    let mut drawn = network::build(program, sources, model, Some(&outcome.base), title);
    let name = chosen
        .name
        .map_or_else(|| scenario.unwrap_or("").to_string(), |n| n.to_string());
    drawn.scenario = Some((name, chosen.title.map(|t| t.to_string())));
    Ok((drawn, base))
}

/// A picture as a value: the network drawn, the base world's network it is laid out on (the
/// same one for a base world) and the format to draw it in. A session's `:graph` reply
/// carries it, so a page can show the picture itself where the terminal says where it went.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    pub drawn: Network,
    pub base: Network,
    pub format: Format,
}

impl Picture {
    /// The picture drawn in its format: SVG, DOT or Mermaid text.
    pub fn render(&self) -> String {
        render(&self.drawn, &self.base, self.format)
    }

    /// The scenario drawn, by name, or `None` for the base world.
    pub fn scenario(&self) -> Option<&str> {
        self.drawn.scenario.as_ref().map(|(name, _)| name.as_str())
    }
}

/// Draws a network in a format, laid out on `base` (pass the network itself for a base world).
pub fn render(drawn: &Network, base: &Network, format: Format) -> String {
    match format {
        Format::Svg => svg::svg(drawn, &scene::scene(drawn, base)),
        Format::Dot => dot::dot(drawn),
        Format::Mermaid => mermaid::mermaid(drawn),
    }
}

/// Draws a checked script (one without errors), or returns the diagnostics that stop it: an
/// evaluation error, or a scenario that does not exist or cannot be applied.
pub fn draw(
    checked: &Checked,
    scenario: Option<&str>,
    format: Format,
) -> Result<String, Vec<Diag>> {
    let (drawn, base) = networks(checked, scenario, &Options::default())?;
    Ok(render(&drawn, &base, format))
}
