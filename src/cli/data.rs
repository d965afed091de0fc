//! `alliance import atop` and `alliance export dyad-years`: real data in and out. The ATOP
//! files ship inside the binary, so the import works offline from any folder.

use std::path::Path;
use std::process::ExitCode;

use super::check_path;
use super::out::{self, errln};
use crate::atop::{self, Data, Options};
use crate::diag;

/// ATOP 4.01 and the COW state list (data/atop/README.md says where they come from).
const DATA: Data<'static> = Data {
    alliances: include_str!("../../data/atop/atop4_01a.csv"),
    members: include_str!("../../data/atop/atop4_01m.csv"),
    states: include_str!("../../data/atop/cow_states2016.csv"),
};

/// Writes `text` to `output`, or to standard output.
pub(super) fn write(text: &str, output: Option<&Path>) -> ExitCode {
    match output {
        Some(path) => match std::fs::write(path, text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                errln!("error: cannot write {}: {e}", path.display());
                ExitCode::from(1)
            }
        },
        None => {
            out::to_stdout(text);
            ExitCode::SUCCESS
        }
    }
}

/// `alliance import atop [--as-of Y] [--alliance ID]... [--state ABB]... [-o FILE]`.
pub fn import_atop(options: &Options, output: Option<&Path>) -> ExitCode {
    match atop::import(&DATA, options) {
        Ok(script) => write(&script, output),
        Err(message) => {
            errln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// `alliance export dyad-years FILE [--from Y] [--to Y] [-o FILE.csv]`.
pub fn export_dyad_years(
    file: &Path,
    from: Option<i32>,
    to: Option<i32>,
    output: Option<&Path>,
) -> ExitCode {
    let checked = check_path(file);
    out::to_stderr(&diag::render_all(
        &checked.diags,
        &checked.sources,
        super::color(),
    ));
    if checked.has_errors() {
        return ExitCode::from(1);
    }
    match atop::dyad_years(&checked.program, from, to) {
        Ok(d) => {
            if !d.uncoded.is_empty() {
                errln!(
                    "note: left out the dyads of {} (no `cow` code)",
                    crate::words::and_list(&d.uncoded, 10)
                );
            }
            write(&d.csv, output)
        }
        Err(message) => {
            errln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
