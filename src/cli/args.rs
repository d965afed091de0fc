//! The command line's arguments, as clap reads them: the commands, their options and the
//! values they take. What each command does is in `mod.rs` and the modules beside it.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::eval::Options;

/// alliance: the rules of military alliances, made executable.
///
/// A script states a world (states, treaties, pacts, partners, threats, troops, figures such as
/// GDP), and alliance derives who must defend whom, who is covered or exposed, explains each
/// conclusion and re-derives the world under "what if" scenarios.
#[derive(Parser, Debug)]
#[command(name = "alliance", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub(super) command: Option<Command>,
    /// A script to run (the same as `alliance run FILE`, with the same options).
    pub(super) file: Option<PathBuf>,
    #[command(flatten)]
    pub(super) options: RunOptions,
}

/// The options of `run`, which the bare form `alliance FILE` takes too.
#[derive(clap::Args, Debug, Clone)]
pub(super) struct RunOptions {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(super) format: Format,
    /// Run only the scenario of this name.
    #[arg(long)]
    pub(super) scenario: Option<String>,
    #[command(flatten)]
    pub(super) limits: Limits,
    #[command(flatten)]
    pub(super) year: Year,
    #[command(flatten)]
    pub(super) project: Project,
}

/// Where imports may be read from.
#[derive(clap::Args, Debug, Clone)]
pub(super) struct Project {
    /// Let imports read `.alliance` scripts anywhere under this folder too (by default: under
    /// the folder of each file named, and the folder alliance is started in).
    #[arg(long, value_name = "FOLDER")]
    pub(super) root: Option<PathBuf>,
}

/// The year a world is read as of: text, so that one that is not a year gets a diagnostic
/// that underlines it (`years::year`).
#[derive(clap::Args, Debug, Clone)]
pub(super) struct Year {
    /// Read the world as it stood in this year (overrides the file's `as of`); without it,
    /// the file's `as of`, or the world as it stands today.
    #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
    pub(super) as_of: Option<String>,
}

#[derive(Subcommand, Debug)]
pub(super) enum Command {
    /// Check scripts and print every diagnostic (exit 1 if there are errors).
    Check {
        /// The scripts to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        year: Year,
        #[command(flatten)]
        project: Project,
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
        /// The scripts to evaluate.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        options: RunOptions,
    },
    /// Check every `expect` in the scripts; the last line counts passed and failed.
    Test {
        /// The scripts whose expectations to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        limits: Limits,
        #[command(flatten)]
        year: Year,
        #[command(flatten)]
        project: Project,
    },
    /// Explain how a fact was derived, or why it does not hold.
    Why {
        /// The script that states the world.
        file: PathBuf,
        /// A fact such as `defends(US, Japan)` (quote it for the shell; words given separately
        /// are joined with spaces).
        #[arg(required = true, num_args = 1..)]
        atom: Vec<String>,
        /// Output format: the explanation as indented sentences, or its tree as JSON.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        limits: Limits,
        #[command(flatten)]
        year: Year,
        #[command(flatten)]
        project: Project,
    },
    /// Explore a world interactively.
    Repl {
        /// Scripts to load before the first prompt.
        files: Vec<PathBuf>,
        /// Stop after rules derive this many facts (lower than `run`'s limit, so that a rule
        /// that never ends is reported within a second or so; raise it for large worlds).
        #[arg(long, default_value_t = crate::session::MAX_FACTS)]
        max_facts: usize,
        #[command(flatten)]
        year: Year,
        #[command(flatten)]
        project: Project,
    },
    /// Remove each state in turn and rank the departures by how much they change.
    Sweep {
        /// The script that states the world.
        file: PathBuf,
        /// Remove each pair of states as well.
        #[arg(long)]
        pairs: bool,
        /// How many departures to list.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        limits: Limits,
        #[command(flatten)]
        year: Year,
        #[command(flatten)]
        project: Project,
    },
    /// Write a generated world (for benchmarks and experiments) to standard output.
    Generate {
        /// The number of states (the world shape is described in docs/performance.md), at
        /// most 2,000,000 (about 250 MB of text, held in memory while it is written).
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=2_000_000))]
        states: u64,
        /// Instead of a world, a script of about this many bytes using every kind of
        /// statement, at most 200,000,000.
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=200_000_000))]
        script_bytes: Option<u64>,
        /// The seed of the random generator: the same seed gives the same text.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The same world with years and conditions on every declaration (the dates benchmark).
        #[arg(long, conflicts_with = "script_bytes")]
        dated: bool,
    },
    /// Draw the alliance network.
    Graph {
        /// The script that states the world.
        file: PathBuf,
        /// Draw the world under this scenario, with what it changes marked.
        #[arg(long)]
        scenario: Option<String>,
        /// SVG (drawn by alliance itself), PNG or PDF (the SVG rendered, for a handout or a
        /// slide), DOT for Graphviz, or Mermaid for Markdown notes. Without it, the output
        /// file's ending decides (`-o world.png`), else SVG.
        #[arg(long, value_enum)]
        format: Option<GraphFormat>,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        year: Year,
        #[command(flatten)]
        project: Project,
    },
    /// Year after year, what changed in the conclusions: duties gained and lost, members
    /// joining and leaving, cover, verdicts against the script's threats.
    Timeline {
        /// The script that states the world.
        file: PathBuf,
        /// The first year (by default the first year the script's dates mention); it is
        /// compared with the year before, so what begins in it is shown.
        #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
        from: Option<String>,
        /// The last year (by default the last year in which anything the script dates begins
        /// or ends).
        #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
        to: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        limits: Limits,
        #[command(flatten)]
        project: Project,
    },
    /// Write a script from real alliance data (see docs/data.md).
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Write a script's commitments in a format other tools read (see docs/data.md).
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Serve editors: a language server over standard input and output (see docs/editors.md).
    Lsp,
    /// Print a completion script for a shell (bash, zsh or fish).
    Completions {
        /// The shell to complete in.
        shell: Shell,
    },
    /// Write the manual pages (alliance.1 and one per command) into a folder.
    Man {
        /// The folder to write them to (made if missing).
        folder: PathBuf,
    },
}

/// The data sets `alliance import` reads.
#[derive(Subcommand, Debug)]
pub(super) enum ImportSource {
    /// ATOP 4.01 alliances (1815-2016) and the Correlates of War state list, which ship with
    /// alliance: every commitment, member by member and year by year, citing its ATOP id.
    Atop {
        /// Only alliances in force in this year, and read the script as of it.
        #[arg(long, value_name = "YEAR", allow_hyphen_values = true, value_parser = clap::value_parser!(i32).range(-99_999..=99_999))]
        as_of: Option<i32>,
        /// Only this ATOP alliance (repeat for more), such as 3180 for NATO.
        #[arg(long = "alliance", value_name = "ID")]
        alliances: Vec<u32>,
        /// Only alliances with this member (repeat for more), by its COW abbreviation such as
        /// USA, UKG, GMY.
        #[arg(long = "state", value_name = "ABB")]
        states: Vec<String>,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// What `alliance export` writes.
#[derive(Subcommand, Debug)]
pub(super) enum ExportWhat {
    /// Directed dyad-years as CSV (ccode1, ccode2, year, atop_defense, atop_offense,
    /// atop_neutral, atop_nonagg, atop_consul), from a script whose states carry `cow` codes.
    DyadYears {
        /// The script that states the world.
        file: PathBuf,
        /// The first year (by default the first year the script's dates mention).
        #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
        from: Option<i32>,
        /// The last year (by default the last year the script's dates mention).
        #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
        to: Option<i32>,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        project: Project,
    },
}

/// The shells `alliance completions` writes for.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum Shell {
    Bash,
    Zsh,
    Fish,
}

impl Command {
    /// The year given with `--as-of`, as written, for a command that reads a world.
    pub(super) fn as_of(&self) -> Option<&str> {
        match self {
            Command::Run {
                options: RunOptions { year, .. },
                ..
            }
            | Command::Check { year, .. }
            | Command::Test { year, .. }
            | Command::Why { year, .. }
            | Command::Repl { year, .. }
            | Command::Sweep { year, .. }
            | Command::Graph { year, .. } => year.as_of.as_deref(),
            _ => None,
        }
    }

    /// The folder given with `--root`, for a command that reads scripts.
    pub(super) fn root(&self) -> Option<&Path> {
        match self {
            Command::Run {
                options: RunOptions { project, .. },
                ..
            } => project.root.as_deref(),
            Command::Check { project, .. }
            | Command::Test { project, .. }
            | Command::Why { project, .. }
            | Command::Repl { project, .. }
            | Command::Sweep { project, .. }
            | Command::Graph { project, .. }
            | Command::Timeline { project, .. }
            | Command::Export {
                what: ExportWhat::DyadYears { project, .. },
            } => project.root.as_deref(),
            Command::Fmt { .. }
            | Command::Import { .. }
            | Command::Prelude
            | Command::Generate { .. }
            | Command::Lsp
            | Command::Completions { .. }
            | Command::Man { .. } => None,
        }
    }
}

/// Bounds on evaluation.
#[derive(clap::Args, Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Stop after rules derive this many facts (a rule that never ends is reported).
    #[arg(long, default_value_t = 10_000_000)]
    pub(super) max_facts: usize,
}

impl Limits {
    pub(super) fn options(self) -> Options {
        Options {
            max_facts: self.max_facts,
            ..Options::default()
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum GraphFormat {
    Svg,
    Png,
    Pdf,
    Dot,
    Mermaid,
}
