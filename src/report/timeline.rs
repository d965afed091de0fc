//! A timeline in words (`alliance timeline`): for each year whose conclusions differ from the
//! year before, what changed in sentences, then every fact lost and gained, relation by
//! relation. Each year is said as a scenario's difference from its base is said, by the same
//! code: the year before is the base world, the year is the scenario's.
//!
//! The JSON is `{"file", "from", "to", "states", "years": [{"year", "summary", "lost",
//! "gained"}]}`, `lost` and `gained` mapping each relation's name to its facts as arrays of
//! arguments, as a scenario's are (docs/reference.md).

use serde_json::{json, Value as Json};

use super::file_name;
use super::json::{facts_json, object, states_json};
use super::layout::{heading, paragraph};
use super::summary::{summary, Style};
use super::text::diff_text;
use super::world::World;
use crate::check::Checked;
use crate::diag::Diag;
use crate::eval::Options;
use crate::timeline::{walk, Range};

/// The timeline of a checked world over `range`, as text. A year with no change prints
/// nothing; a range with none at all says so in one line, and so does a world with no dates
/// (`range` is `None`).
pub fn text(checked: &Checked, range: Option<Range>, options: &Options) -> Result<String, Diag> {
    let mut out = String::new();
    let file = file_name(checked);
    let Some(range) = range else {
        heading(&mut out, &format!("Timeline of {file}"), '=');
        out.push_str(&format!(
            "\nNothing in {file} is dated, so every year is the same world.\n"
        ));
        return Ok(crate::escape::controls_owned(out));
    };
    let title = format!("Timeline of {file}, {} to {}", range.from, range.to);
    heading(&mut out, &title, '=');
    let mut changed = false;
    walk(&checked.program, range, options, |step| {
        changed = true;
        let before = World::new(&checked.program, &checked.sources, step.before);
        let after = World::new(&checked.program, &checked.sources, step.after);
        heading(&mut out, &step.year.to_string(), '-');
        for sentence in summary(&before, &after, step.diff, Style::Years) {
            paragraph(&mut out, 2, "- ", &sentence, &before.multiword);
        }
        diff_text(&before, &after, step.diff, &mut out);
    })?;
    if !changed {
        out.push_str(&format!(
            "\nNo conclusion changes from {} to {}.\n",
            range.from, range.to
        ));
    }
    Ok(crate::escape::controls_owned(out))
}

/// The same timeline as JSON: every year with a change, its summary and the facts it lost and
/// gained (all of them, where the text shows the first few of each relation).
pub fn json(checked: &Checked, range: Option<Range>, options: &Options) -> Result<Json, Diag> {
    let program = &checked.program;
    let mut years = Vec::new();
    let walked = range.map_or(Ok(()), |range| {
        walk(program, range, options, |step| {
            let before = World::new(program, &checked.sources, step.before);
            let after = World::new(program, &checked.sources, step.after);
            years.push(object(vec![
                ("year", json!(step.year)),
                (
                    "summary",
                    json!(summary(&before, &after, step.diff, Style::Years)),
                ),
                ("lost", facts_json(program, step.diff, |d| &d.lost)),
                ("gained", facts_json(program, step.diff, |d| &d.gained)),
            ]));
        })
    });
    walked?;
    Ok(object(vec![
        ("file", json!(file_name(checked))),
        ("from", json!(range.map(|r| r.from))),
        ("to", json!(range.map(|r| r.to))),
        ("states", states_json(program)),
        ("years", Json::Array(years)),
    ]))
}
