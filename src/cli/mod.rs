//! The command line: each subcommand is a function returning its exit status
//! (0 success, 1 diagnostics or failed expectations, 2 bad usage). Everything that knows of
//! terminals, processes and the disk lives here, behind the `cli` feature; the rest of the
//! crate is the core every front end shares.

mod args;
mod data;
pub mod files;
mod graph;
pub mod line;
pub mod lsp;
pub(crate) mod out;
mod picture;
pub mod repl;
mod shell;
mod timeline;
mod years;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;
use args::{Command, ExportWhat, Format, GraphFormat, ImportSource, RunOptions, Shell};
use out::{err, errln, out, outln};

use crate::check::{check_file, check_file_with, Checked};
use crate::diag::{self, Code, Diag, Severity};
use crate::eval::Options;
use crate::run::{run, AskOutcome, Outcome, Selection};

/// The year given with `--as-of`, for every world this run checks.
static AS_OF: std::sync::OnceLock<i32> = std::sync::OnceLock::new();

/// Reads a checked world as of the `--as-of` year, if one was given.
fn dated(mut checked: Checked) -> Checked {
    if let Some(year) = AS_OF.get() {
        checked.read_as_of(*year);
    }
    checked
}

/// Parses the arguments and runs the command.
pub fn main() -> ExitCode {
    if let Some(code) = misspelled_command() {
        return code;
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    // The bare form `alliance FILE` takes `run`'s options.
    let (root, as_of) = match &cli.command {
        Some(command) => (command.root(), command.as_of()),
        None => (
            cli.options.project.root.as_deref(),
            cli.options.year.as_of.as_deref(),
        ),
    };
    if let Some(root) = root {
        files::set_root(root);
    }
    let (sources, line) = years::Line::typed();
    let as_of = match years::year(&line, as_of, "--as-of") {
        Ok(year) => year,
        Err(d) => {
            out::to_stderr(&diag::render(&d, &sources, color()));
            return ExitCode::from(2);
        }
    };
    if let Some(year) = as_of {
        let _ = AS_OF.set(year);
    }
    match (cli.command, cli.file) {
        (Some(Command::Check { files, .. }), _) => check(&files),
        (Some(Command::Fmt { check, files }), _) => fmt(&files, check),
        (
            Some(Command::Generate {
                states,
                script_bytes,
                seed,
                dated,
            }),
            _,
        ) => {
            match script_bytes {
                // Both fit in usize: clap bounds them above.
                Some(bytes) => out!("{}", alliance_gen::script(bytes as usize, seed)),
                None if dated => out!("{}", alliance_gen::dated_world(states as usize, seed)),
                None => out!("{}", alliance_gen::world(states as usize, seed)),
            }
            ExitCode::SUCCESS
        }
        (Some(Command::Lsp), _) => lsp::main(),
        (
            Some(Command::Import {
                source:
                    ImportSource::Atop {
                        as_of,
                        alliances,
                        states,
                        output,
                    },
            }),
            _,
        ) => {
            let options = crate::atop::Options {
                as_of,
                alliances,
                states,
            };
            data::import_atop(&options, output.as_deref())
        }
        (
            Some(Command::Export {
                what:
                    ExportWhat::DyadYears {
                        file,
                        from,
                        to,
                        output,
                        ..
                    },
            }),
            _,
        ) => data::export_dyad_years(&file, from, to, output.as_deref()),
        (
            Some(Command::Timeline {
                file,
                from,
                to,
                format,
                output,
                limits,
                ..
            }),
            _,
        ) => timeline::command(&timeline::Request {
            file: &file,
            from: from.as_deref(),
            to: to.as_deref(),
            format,
            output: output.as_deref(),
            options: limits.options(),
        }),
        (Some(Command::Completions { shell }), _) => shell::completions(shell),
        (Some(Command::Man { folder }), _) => shell::man(&folder),
        (Some(Command::Prelude), _) => {
            out!("{}", crate::check::PRELUDE);
            ExitCode::SUCCESS
        }
        (Some(Command::Run { files, options }), _) => run_files(&files, &options),
        (None, Some(file)) => run_files(&[file], &cli.options),
        (Some(Command::Test { files, limits, .. }), _) => test(&files, limits.options()),
        (
            Some(Command::Why {
                file,
                atom,
                format,
                limits,
                ..
            }),
            _,
        ) => why(&file, &atom.join(" "), format, limits.options()),
        (
            Some(Command::Sweep {
                file,
                pairs,
                top,
                format,
                limits,
                ..
            }),
            _,
        ) => sweep(&file, pairs, top, format, limits.options()),
        (
            Some(Command::Repl {
                files, max_facts, ..
            }),
            _,
        ) => repl::main(&files, max_facts, as_of),
        (None, None) => repl::main(&[], crate::session::MAX_FACTS, as_of),
        (
            Some(Command::Graph {
                file,
                scenario,
                format,
                output,
                ..
            }),
            _,
        ) => {
            let format = format.map(|f| match f {
                GraphFormat::Svg => graph::Target::Svg,
                GraphFormat::Png => graph::Target::Png,
                GraphFormat::Pdf => graph::Target::Pdf,
                GraphFormat::Dot => graph::Target::Dot,
                GraphFormat::Mermaid => graph::Target::Mermaid,
            });
            graph::command(&file, scenario.as_deref(), format, output.as_deref())
        }
    }
}

/// `alliance chek file.alliance`: a first word that is neither a command nor a file, but close
/// to a command, gets a "did you mean" instead of clap's puzzling complaint.
fn misspelled_command() -> Option<ExitCode> {
    let first = std::env::args().nth(1)?;
    const COMMANDS: &[&str] = &[
        "check",
        "fmt",
        "prelude",
        "run",
        "test",
        "why",
        "repl",
        "sweep",
        "graph",
        "timeline",
        "generate",
        "import",
        "export",
        "lsp",
        "completions",
        "man",
        "help",
    ];
    if first.starts_with('-')
        || COMMANDS.contains(&first.as_str())
        || Path::new(&first).exists()
        || first.ends_with(".alliance")
    {
        return None;
    }
    let suggestion = crate::check::suggest(&first, COMMANDS.iter().copied())?;
    errln!("error: `{first}` is neither a command nor a file\n\n  did you mean `alliance {suggestion}`?\n\nFor more information, try `alliance --help`.");
    Some(ExitCode::from(2))
}

/// Reads, parses and checks a file on disk with everything it imports.
pub fn check_path(path: &Path) -> Checked {
    dated(check_file(
        &files::DiskHost::default(),
        &path.to_string_lossy(),
    ))
}

/// Whether to draw in colour: only on a terminal, and never under `NO_COLOR`.
pub fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// The diagnostics of a command that runs a script: notes are for `check` and editors.
fn print_diags(checked: &Checked) {
    let shown: Vec<diag::Diag> = checked
        .diags
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .cloned()
        .collect();
    let out = diag::render_all(&shown, &checked.sources, color());
    out::to_stderr(&out);
}

fn check(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in files {
        let checked = check_path(path);
        out::to_stderr(&diag::render_all(&checked.diags, &checked.sources, color()));
        failed |= checked.has_errors();
        errln!("{}: {}", path.display(), summary(&checked.diags));
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// "ok", "ok, 2 warnings, 1 note", "1 error, 1 warning": the counts that are not zero.
fn summary(diags: &[diag::Diag]) -> String {
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts: Vec<String> = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Note, "note"),
    ]
    .into_iter()
    .filter(|(s, _)| count(*s) > 0)
    .map(|(s, word)| plural(count(s), word))
    .collect();
    if count(Severity::Error) == 0 {
        parts.insert(0, "ok".to_string());
    }
    parts.join(", ")
}

fn fmt(files: &[PathBuf], check_only: bool) -> ExitCode {
    let mut status = 0u8;
    for path in files {
        let stdin = path == Path::new("-");
        let text = if stdin {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map(|_| buf)
        } else {
            std::fs::read(path)
        };
        let bytes = match text {
            Ok(b) => b,
            Err(err) => {
                errln!("error: cannot read {}: {err}", path.display());
                status = 1;
                continue;
            }
        };
        let name = if stdin {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let mut sources = crate::source::Sources::default();
        let (id, bad) = crate::check::decode(bytes, &name, &mut sources);
        if let Some(d) = bad {
            err!("{}", diag::render(&d, &sources, color()));
            status = 1;
            continue;
        }
        let original = sources.get(id).text.clone();
        match crate::fmt::format_source(&original) {
            Ok(formatted) if stdin && !check_only => out!("{formatted}"),
            Ok(formatted) if formatted == *original => {}
            Ok(_) if check_only => {
                errln!("{name}: would be reformatted");
                status = 1;
            }
            Ok(formatted) => {
                if let Err(err) = files::write_whole(path, formatted.as_bytes()) {
                    errln!("error: cannot write {}: {err}", path.display());
                    status = 1;
                }
            }
            Err(diags) => {
                // The diagnostics point into file 0 of a fresh parse: draw them against it.
                let mut own = crate::source::Sources::default();
                own.add(name.clone(), original.clone());
                err!("{}", diag::render_all(&diags, &own, color()));
                status = 1;
            }
        }
    }
    ExitCode::from(status)
}

/// Checks a file and prints its diagnostics; the checked program if it has no errors.
fn checked_or_report(path: &Path) -> Option<Checked> {
    let checked = check_path(path);
    print_diags(&checked);
    (!checked.has_errors()).then_some(checked)
}

fn print_list(diags: &[Diag], checked: &Checked) {
    let out = diag::render_all(diags, &checked.sources, color());
    out::to_stderr(&out);
}

fn run_files(files: &[PathBuf], run_options: &RunOptions) -> ExitCode {
    let format = run_options.format;
    let options = run_options.limits.options();
    // With `--scenario NAME`, only that scenario is reported (and only its expectations count).
    let only_scenario = run_options.scenario.is_some();
    let selection = run_options
        .scenario
        .clone()
        .map_or(Selection::All, Selection::Named);
    let mut failed = false;
    for path in files {
        let Some(checked) = checked_or_report(path) else {
            failed = true;
            continue;
        };
        match run(&checked, &options, &selection) {
            Ok(outcome) => {
                print_list(&outcome.diags, &checked);
                failed |= diag::has_errors(&outcome.diags)
                    || outcome
                        .expectations()
                        .any(|(a, s)| !passed(a) && (s.is_some() || !only_scenario));
                match format {
                    Format::Text if only_scenario => {
                        out!("{}", crate::report::scenarios_text(&checked, &outcome))
                    }
                    Format::Text => out!("{}", crate::report::text(&checked, &outcome)),
                    Format::Json => outln!(
                        "{}",
                        serde_json::to_string_pretty(&crate::report::json(&checked, &outcome))
                            .unwrap_or_default()
                    ),
                }
            }
            Err(diags) => {
                print_list(&diags, &checked);
                failed = true;
            }
        }
    }
    exit(failed)
}

fn passed(ask: &AskOutcome) -> bool {
    !matches!(ask, AskOutcome::Expect { passed: false, .. })
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A failed expectation as a diagnostic at its span, with the explanation as help.
fn expectation_diag(
    ask: &AskOutcome,
    scenario: Option<&crate::run::ScenarioOutcome>,
    checked: &Checked,
) -> Diag {
    let AskOutcome::Expect {
        span,
        negated,
        explanation,
        ..
    } = ask
    else {
        return Diag::error(Code::ExpectationFailed, "expectation failed");
    };
    let world = match scenario {
        Some(s) => match s.name {
            Some(n) => format!(" in scenario `{n}`"),
            None => format!(
                " if {}",
                checked
                    .sources
                    .text(s.span)
                    .trim_start_matches("if ")
                    .split(" then")
                    .next()
                    .unwrap_or("")
            ),
        },
        None => String::new(),
    };
    let text = checked
        .sources
        .text(*span)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let (label, help, verdict) = if *negated {
        ("this holds", "why it holds:", "it holds")
    } else {
        (
            "this does not hold",
            "why it does not hold:",
            "it does not hold",
        )
    };
    let message = format!("`{text}` failed{world}: {verdict}");
    let mut d = Diag::error(Code::ExpectationFailed, message).label(*span, label);
    if !explanation.is_empty() {
        d = d.help(help);
    }
    d
}

/// The explanation under a failed expectation, indented, as a tree (miette would rewrap it).
fn explanation_of(ask: &AskOutcome) -> String {
    match ask {
        AskOutcome::Expect { explanation, .. } if !explanation.is_empty() => {
            let text = explanation.text();
            let lines: Vec<String> = text.lines().map(|l| format!("    {l}\n")).collect();
            format!("{}\n", lines.concat())
        }
        _ => String::new(),
    }
}

fn test(files: &[PathBuf], options: Options) -> ExitCode {
    let (mut passed_n, mut failed_n, mut skipped_n) = (0usize, 0usize, 0usize);
    let mut not_run = 0usize;
    let mut broken = false;
    for path in files {
        let Some(checked) = checked_or_report(path) else {
            broken = true;
            not_run += 1;
            continue;
        };
        let outcome: Outcome = match run(&checked, &options, &Selection::All) {
            Ok(o) => o,
            Err(diags) => {
                print_list(&diags, &checked);
                broken = true;
                continue;
            }
        };
        print_list(&outcome.diags, &checked);
        broken |= diag::has_errors(&outcome.diags);
        let mut failures = 0;
        for (ask, scenario) in outcome.expectations() {
            if passed(ask) {
                passed_n += 1;
                continue;
            }
            failures += 1;
            let d = expectation_diag(ask, scenario, &checked);
            let shown = diag::render(&d, &checked.sources, color()) + &explanation_of(ask);
            out::to_stderr(&shown);
        }
        failed_n += failures;
        skipped_n += outcome.scenarios.iter().map(|s| s.skipped).sum::<usize>();
    }
    let _ = std::io::stderr().flush();
    let mut tally = format!("{passed_n} passed, {failed_n} failed");
    if skipped_n > 0 {
        tally.push_str(&format!(", {skipped_n} skipped"));
    }
    // A file with errors runs no expectation at all: say so, so "0 failed" never reads as success.
    match not_run {
        0 => {}
        1 => tally.push_str(", 1 file not run because of its errors"),
        n => tally.push_str(&format!(", {n} files not run because of their errors")),
    }
    outln!("{tally}");
    exit(broken || failed_n > 0)
}

fn why(path: &Path, atom: &str, format: Format, options: Options) -> ExitCode {
    let atom = atom.trim().trim_start_matches('?').trim_start();
    let atom = atom.strip_prefix("why ").unwrap_or(atom).trim();
    let extra = format!("? why {atom}\n");
    let checked = dated(check_file_with(
        &files::DiskHost::default(),
        &path.to_string_lossy(),
        Some(("<command line>", &extra)),
    ));
    print_diags(&checked);
    if checked.has_errors() {
        return ExitCode::from(1);
    }
    match run(&checked, &options, &Selection::None) {
        Ok(outcome) => {
            print_list(&outcome.diags, &checked);
            match outcome.asks.last() {
                Some(AskOutcome::Why { explanation, .. }) => {
                    match format {
                        Format::Text => out!("{}", explanation.text()),
                        Format::Json => {
                            let mut json = explanation.json();
                            if let Some(map) = json.as_object_mut() {
                                map.insert("fact".into(), serde_json::json!(atom));
                            }
                            outln!(
                                "{}",
                                serde_json::to_string_pretty(&json).unwrap_or_default()
                            );
                        }
                    }
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(1),
            }
        }
        Err(diags) => {
            print_list(&diags, &checked);
            ExitCode::from(1)
        }
    }
}

fn sweep(path: &Path, pairs: bool, top: usize, format: Format, options: Options) -> ExitCode {
    let Some(checked) = checked_or_report(path) else {
        return ExitCode::from(1);
    };
    let base =
        match crate::eval::evaluate(&checked.program, &checked.program.world_facts(), &options) {
            Ok(m) => m,
            Err(d) => {
                print_list(&[d], &checked);
                return ExitCode::from(1);
            }
        };
    let rows = crate::sweep::sweep(&checked.program, &checked.sources, &base, pairs, &options);
    match format {
        Format::Text => out!("{}", crate::sweep::text(&checked.program, &rows, top)),
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&crate::sweep::json(&rows[..rows.len().min(top)]))
                .unwrap_or_default()
        ),
    }
    ExitCode::SUCCESS
}
