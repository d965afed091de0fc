//! `alliance graph`: draws a script's network to standard output or a file.

use std::path::Path;
use std::process::ExitCode;

use super::check_path;
use super::out::{self, errln};
use crate::check::Checked;
use crate::diag::{self, Diag};
use crate::graph::{draw, Format};

fn report(diags: &[Diag], checked: &Checked) {
    let out = diag::render_all(diags, &checked.sources, super::color());
    out::to_stderr(&out);
}

/// `alliance graph FILE [--scenario NAME] [--format F] [-o FILE]`: 0 when drawn, 1 when the
/// script has errors, a scenario cannot be drawn or the output cannot be written.
pub fn command(
    file: &Path,
    scenario: Option<&str>,
    format: Format,
    output: Option<&Path>,
) -> ExitCode {
    let checked = check_path(file);
    report(&checked.diags, &checked);
    if checked.has_errors() {
        return ExitCode::from(1);
    }
    let text = match draw(&checked, scenario, format) {
        Ok(text) => text,
        Err(diags) => {
            report(&diags, &checked);
            return ExitCode::from(1);
        }
    };
    let written = match output {
        Some(path) => {
            std::fs::write(path, text.as_bytes()).map_err(|e| (path.display().to_string(), e))
        }
        None => {
            out::to_stdout(&text);
            Ok(())
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err((place, err)) => {
            errln!("error: cannot write {place}: {err}");
            ExitCode::from(1)
        }
    }
}
