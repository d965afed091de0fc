//! The command line: each subcommand is a function returning its exit status
//! (0 success, 1 diagnostics or failed expectations, 2 bad usage).

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{check_path, Checked};
use crate::diag::{self, Severity};

/// alliance: the rules of military alliances, made executable.
///
/// A script states a world (states, treaties, pacts, partners, threats, troops, figures such as
/// GDP), and alliance derives who must defend whom, who is covered or exposed, explains each
/// conclusion and re-derives the world under "what if" scenarios.
#[derive(Parser, Debug)]
#[command(name = "alliance", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A script to run (the same as `alliance run FILE`).
    file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check scripts and print every diagnostic (exit 1 if there are errors).
    Check {
        /// The scripts to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Rewrite scripts in the canonical layout, keeping every comment.
    Fmt {
        /// Change nothing; exit 1 if a file would change.
        #[arg(long)]
        check: bool,
        /// The scripts to format; `-` reads standard input and writes standard output.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the standard theory (the prelude every script starts from).
    Prelude,
    /// Evaluate scripts and print the report.
    Run {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Run only the scenario of this name.
        #[arg(long)]
        scenario: Option<String>,
    },
    /// Check every `expect` in the scripts; the last line counts passed and failed.
    Test {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Explain how a fact was derived, or why it does not hold.
    Why {
        file: PathBuf,
        /// A fact such as `defends(US, Japan)`.
        atom: String,
    },
    /// Explore a world interactively.
    Repl { files: Vec<PathBuf> },
    /// Remove each state in turn and rank the departures by how much they change.
    Sweep {
        file: PathBuf,
        /// Remove each pair of states as well.
        #[arg(long)]
        pairs: bool,
    },
    /// Draw the alliance network.
    Graph {
        file: PathBuf,
        #[arg(long)]
        scenario: Option<String>,
        #[arg(long, value_enum, default_value_t = GraphFormat::Svg)]
        format: GraphFormat,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum GraphFormat {
    Svg,
    Dot,
    Mermaid,
}

/// Parses the arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    match (cli.command, cli.file) {
        (Some(Command::Check { files }), _) => check(&files),
        (Some(Command::Fmt { check, files }), _) => fmt(&files, check),
        (Some(Command::Prelude), _) => {
            print!("{}", crate::check::PRELUDE);
            ExitCode::SUCCESS
        }
        (Some(Command::Run { .. }), _) | (None, Some(_)) => not_yet("run", 3),
        (Some(Command::Test { .. }), _) => not_yet("test", 3),
        (Some(Command::Why { .. }), _) => not_yet("why", 3),
        (Some(Command::Sweep { .. }), _) => not_yet("sweep", 4),
        (Some(Command::Repl { .. }), _) | (None, None) => not_yet("repl", 5),
        (Some(Command::Graph { .. }), _) => not_yet("graph", 6),
    }
}

/// Commands whose stage is still being built say so plainly instead of pretending.
fn not_yet(command: &str, issue: u32) -> ExitCode {
    eprintln!(
        "`alliance {command}` is not available in this version yet (it is planned in issue {issue}).\n\
         `alliance check FILE` checks a script, `alliance fmt FILE` formats it, `alliance prelude` prints the standard theory."
    );
    ExitCode::from(2)
}

/// Whether to draw in colour: only on a terminal, and never under `NO_COLOR`.
pub fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

fn print_diags(checked: &Checked) {
    let out = diag::render_all(&checked.diags, &checked.sources, color());
    let _ = std::io::stderr().write_all(out.as_bytes());
}

fn check(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in files {
        let checked = check_path(path);
        print_diags(&checked);
        let errors = checked.diags.iter().filter(|d| d.severity == Severity::Error).count();
        let warnings = checked.diags.len() - errors;
        failed |= errors > 0;
        eprintln!("{}: {}", path.display(), summary(errors, warnings));
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => "ok".to_string(),
        (0, w) => format!("ok, {}", plural(w, "warning")),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
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
                eprintln!("error: cannot read {}: {err}", path.display());
                status = 1;
                continue;
            }
        };
        let name = if stdin { "<stdin>".to_string() } else { path.display().to_string() };
        let mut sources = crate::source::Sources::default();
        let (id, bad) = crate::check::decode(bytes, &name, &mut sources);
        if let Some(d) = bad {
            eprint!("{}", diag::render(&d, &sources, color()));
            status = 1;
            continue;
        }
        let original = sources.get(id).text.clone();
        match format_source(&original) {
            Ok(formatted) if stdin && !check_only => print!("{formatted}"),
            Ok(formatted) if formatted == *original => {}
            Ok(_) if check_only => {
                eprintln!("{name}: would be reformatted");
                status = 1;
            }
            Ok(formatted) => {
                if let Err(err) = std::fs::write(path, formatted) {
                    eprintln!("error: cannot write {}: {err}", path.display());
                    status = 1;
                }
            }
            Err(diags) => {
                // The diagnostics point into file 0 of a fresh parse: draw them against it.
                let mut own = crate::source::Sources::default();
                own.add(name.clone(), original.clone());
                eprint!("{}", diag::render_all(&diags, &own, color()));
                status = 1;
            }
        }
    }
    ExitCode::from(status)
}

// TEMPORARY until src/fmt.rs lands.
fn format_source(text: &str) -> Result<String, Vec<crate::diag::Diag>> {
    Ok(text.to_string())
}
