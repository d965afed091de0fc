//! `alliance completions SHELL` and `alliance man FOLDER`: the shell's completion script and
//! the manual pages, both written from the command line's own definition, so they never
//! drift from it.

use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;

use super::out::{errln, out};
use super::{Cli, Shell};

/// Prints the completion script for `shell` to standard output.
pub fn completions(shell: Shell) -> ExitCode {
    let mut command = Cli::command();
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "alliance", &mut script);
    out!("{}", String::from_utf8_lossy(&script));
    ExitCode::SUCCESS
}

/// Writes `alliance.1` and `alliance-COMMAND.1` for each command into `folder`.
pub fn man(folder: &Path) -> ExitCode {
    let written = std::fs::create_dir_all(folder)
        .and_then(|()| clap_mangen::generate_to(Cli::command(), folder));
    match written {
        Ok(()) => {
            errln!("wrote the manual pages to {}", folder.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            errln!(
                "error: cannot write the manual pages to {}: {err}",
                folder.display()
            );
            ExitCode::from(1)
        }
    }
}
