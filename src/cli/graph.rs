//! `alliance graph`: draws a script's network to standard output or a file.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use super::check_path;
use super::out::{self, errln};
use super::picture;
use crate::diag::{self, Code, Diag};
use crate::graph::{draw, Format};
use crate::source::Sources;

/// What `alliance graph` writes: one of the core's drawings, or its SVG rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Svg,
    Dot,
    Mermaid,
    Png,
    Pdf,
}

impl Target {
    /// `--format`'s name for it.
    fn name(self) -> &'static str {
        match self {
            Target::Svg => "svg",
            Target::Dot => "dot",
            Target::Mermaid => "mermaid",
            Target::Png => "png",
            Target::Pdf => "pdf",
        }
    }

    /// The format a file's name asks for: `world.png` is a PNG. `None` for a name without an
    /// ending, `Err` (the ending) for one no format has.
    fn of_file(path: &Path) -> Option<Result<Target, String>> {
        let ending = path.extension()?.to_string_lossy().to_lowercase();
        Some(match ending.as_str() {
            "svg" => Ok(Target::Svg),
            "png" => Ok(Target::Png),
            "pdf" => Ok(Target::Pdf),
            "dot" | "gv" => Ok(Target::Dot),
            "mmd" | "md" => Ok(Target::Mermaid),
            _ => Err(ending),
        })
    }
}

/// The format to write: the one `--format` names, else the one the output file's name ends
/// in, else SVG. A name ending in another format, or in none alliance writes, is an error:
/// `world.png` holding SVG opens nowhere.
pub fn target(format: Option<Target>, output: Option<&Path>) -> Result<Target, Diag> {
    let help = "end the file's name in .svg, .png or .pdf for a picture (or .dot or .mmd for Graphviz or Mermaid text), as in `-o world.png`";
    let from_name = output.and_then(|p| Some((p.display(), Target::of_file(p)?)));
    match (format, from_name) {
        (_, Some((path, Err(ending)))) => Err(Diag::error(
            Code::GraphFormat,
            format!("cannot write a picture as `.{ending}` (`{path}`)"),
        )
        .help(help)),
        (Some(given), Some((path, Ok(named)))) if given != named => Err(Diag::error(
            Code::GraphFormat,
            format!(
                "`{path}` ends in the wrong format for `--format {}`",
                given.name()
            ),
        )
        .help(format!(
            "leave out `--format` (the name's ending decides: {}), or end the name in .{}",
            named.name(),
            match given {
                Target::Mermaid => "mmd",
                other => other.name(),
            }
        ))),
        (Some(given), _) => Ok(given),
        (None, Some((_, Ok(named)))) => Ok(named),
        (None, None) => Ok(Target::Svg),
    }
}

fn report(diags: &[Diag], sources: &Sources) {
    let out = diag::render_all(diags, sources, super::color());
    out::to_stderr(&out);
}

/// `alliance graph FILE [--scenario NAME] [--format F] [-o FILE]`: 0 when drawn, 1 when the
/// output's format is unclear, the script has errors, a scenario cannot be drawn or the
/// output cannot be written.
pub fn command(
    file: &Path,
    scenario: Option<&str>,
    format: Option<Target>,
    output: Option<&Path>,
) -> ExitCode {
    let target = match target(format, output) {
        Ok(t) => t,
        Err(d) => {
            report(&[d], &Sources::default());
            return ExitCode::from(1);
        }
    };
    // Bytes meant for a file would garble a terminal.
    if matches!(target, Target::Png | Target::Pdf)
        && output.is_none()
        && std::io::stdout().is_terminal()
    {
        let d = Diag::error(
            Code::GraphFormat,
            format!(
                "a {} is not text: it cannot be shown here",
                target.name().to_uppercase()
            ),
        )
        .help(format!(
            "write it to a file, as in `-o world.{}`",
            target.name()
        ));
        report(&[d], &Sources::default());
        return ExitCode::from(1);
    }
    let checked = check_path(file);
    report(&checked.diags, &checked.sources);
    if checked.has_errors() {
        return ExitCode::from(1);
    }
    let drawn = match target {
        Target::Dot => draw(&checked, scenario, Format::Dot),
        Target::Mermaid => draw(&checked, scenario, Format::Mermaid),
        _ => draw(&checked, scenario, Format::Svg),
    };
    let text = match drawn {
        Ok(text) => text,
        Err(diags) => {
            report(&diags, &checked.sources);
            return ExitCode::from(1);
        }
    };
    let bytes = match render(target, text) {
        Ok(bytes) => bytes,
        Err(message) => {
            errln!("error: {message}");
            return ExitCode::from(1);
        }
    };
    write(&bytes, output)
}

/// The drawing as the bytes to write: PNG and PDF rendered from its SVG.
fn render(target: Target, text: String) -> Result<Vec<u8>, String> {
    match target {
        Target::Png => picture::png(&text),
        Target::Pdf => picture::pdf(&text),
        _ => Ok(text.into_bytes()),
    }
}

fn write(bytes: &[u8], output: Option<&Path>) -> ExitCode {
    let written = match output {
        Some(path) => std::fs::write(path, bytes).map_err(|e| (path.display().to_string(), e)),
        None => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                out::failed(&e, "standard output");
            }
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
