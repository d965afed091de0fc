//! `alliance timeline FILE [--from YEAR] [--to YEAR] [--format F] [-o FILE] [--max-facts N]`:
//! the front end of `crate::timeline` and `crate::report::timeline`. It reads the years as
//! text, so a year that is not one is a diagnostic that points at it, not clap's complaint.

use std::path::Path;
use std::process::ExitCode;

use super::data::write;
use super::out;
use super::years::{year, Line};
use super::{check_path, color, Format};
use crate::diag::{self, Code, Diag};
use crate::eval::Options;
use crate::source::Sources;
use crate::timeline::{check_range, range};

/// What `alliance timeline` was asked.
pub struct Request<'a> {
    pub file: &'a Path,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub format: Format,
    pub output: Option<&'a Path>,
    pub options: Options,
}

/// Runs the command: 0 when the timeline is written, 1 when the script has errors or a year
/// cannot be evaluated, 2 when the years given are not usable.
pub fn command(request: &Request) -> ExitCode {
    let (sources, line) = command_line(request);
    let given = match (
        year(&line, request.from, "--from"),
        year(&line, request.to, "--to"),
    ) {
        (Ok(from), Ok(to)) => (from, to),
        (from, to) => {
            let diags: Vec<Diag> = [from.err(), to.err()].into_iter().flatten().collect();
            out::to_stderr(&diag::render_all(&diags, &sources, color()));
            return ExitCode::from(2);
        }
    };
    // Both years given: their order is known before the file is read.
    if let (Some(from), Some(to)) = given {
        if let Err(d) = check_range(from, to) {
            let d = d
                .label(line.span("--from"), "the first year")
                .label(line.span("--to"), "the last year, before the first");
            out::to_stderr(&diag::render(&d, &sources, color()));
            return ExitCode::from(2);
        }
    }
    let mut checked = check_path(request.file);
    // A timeline reads every year, so a file in which nothing is in force today is no slip.
    checked.diags.retain(|d| d.code != Code::NothingInForce);
    out::to_stderr(&diag::render_all(&checked.diags, &checked.sources, color()));
    if checked.has_errors() {
        return ExitCode::from(1);
    }
    // The order of two years given is checked above, so only defaults are filled in here.
    let range = range(&checked.program, given.0, given.1).unwrap_or(None);
    let written = match request.format {
        Format::Text => crate::report::timeline::text(&checked, range, &request.options),
        Format::Json => crate::report::timeline::json(&checked, range, &request.options)
            .map(|j| serde_json::to_string_pretty(&j).unwrap_or_default() + "\n"),
    };
    match written {
        Ok(text) => write(&text, request.output),
        Err(d) => {
            out::to_stderr(&diag::render(&d, &checked.sources, color()));
            ExitCode::from(1)
        }
    }
}

fn command_line(request: &Request) -> (Sources, Line) {
    let mut text = format!("alliance timeline {}", request.file.display());
    for (flag, value) in [("--from", request.from), ("--to", request.to)] {
        if let Some(v) = value {
            text.push_str(&format!(" {flag} {v}"));
        }
    }
    Line::new(text)
}
