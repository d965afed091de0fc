//! `alliance repl`: a [`Session`] on the disk, behind the line editor on a terminal, or
//! reading piped entries without one.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use super::files::DiskHost;
use super::line;
use super::out;
use crate::session::{is_complete, Session, CONTINUATION, PROMPT};

/// `alliance repl [FILE...]`: the line editor on a terminal, else piped input line by line.
pub fn main(files: &[PathBuf], max_facts: usize, as_of: Option<i32>) -> ExitCode {
    let names: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let session = Session::starting(Arc::new(DiskHost::default()), &names, max_facts, as_of);
    if std::io::stdin().is_terminal() {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stdout().is_terminal();
        line::interactive(session, color)
    } else {
        piped(session)
    }
}

/// Reads entries from standard input without a terminal, echoing each after the prompt so
/// the output reads as a transcript. Exit status 1 if any entry failed.
pub fn piped(mut session: Session) -> ExitCode {
    // A file that did not load fails the run, or a lesson checked in CI would pass silently.
    let messages = session.take_messages();
    out::to_stdout(&messages.text());
    let mut failed = messages.failed;
    let mut buffer = String::new();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let echo = match (buffer.is_empty(), line.trim().is_empty()) {
            (true, true) => String::new(),
            (true, false) => format!("{PROMPT}{line}"),
            (false, _) => format!("{CONTINUATION}{line}"),
        };
        out::to_stdout(&format!("{}\n", echo.trim_end()));
        if buffer.is_empty() && line.trim().is_empty() {
            continue;
        }
        buffer.push_str(&line);
        buffer.push('\n');
        if is_complete(&buffer) {
            let out = session.line(&std::mem::take(&mut buffer));
            failed |= out.failed;
            out::to_stdout(&out.text());
            if out.quit {
                return exit(failed);
            }
        }
    }
    if !buffer.trim().is_empty() {
        let out = session.line(&buffer);
        failed |= out.failed;
        out::to_stdout(&out.text());
    }
    exit(failed)
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
