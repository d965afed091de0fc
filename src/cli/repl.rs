//! `alliance repl`: a [`Session`] on the disk, behind the line editor on a terminal, or
//! reading piped entries without one.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use super::files::DiskHost;
use super::line;
use crate::session::{is_complete, Session, CONTINUATION, PROMPT};

/// `alliance repl [FILE...]`: the line editor on a terminal, else piped input line by line.
pub fn main(files: &[PathBuf], max_facts: usize) -> ExitCode {
    let names: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let session = Session::with_max_facts(Arc::new(DiskHost), &names, max_facts);
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
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(session.take_messages().text().as_bytes());
    let mut failed = false;
    let mut buffer = String::new();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let echo = match (buffer.is_empty(), line.trim().is_empty()) {
            (true, true) => String::new(),
            (true, false) => format!("{PROMPT}{line}"),
            (false, _) => format!("{CONTINUATION}{line}"),
        };
        let _ = writeln!(stdout, "{}", echo.trim_end());
        if buffer.is_empty() && line.trim().is_empty() {
            continue;
        }
        buffer.push_str(&line);
        buffer.push('\n');
        if is_complete(&buffer) {
            let out = session.line(&std::mem::take(&mut buffer));
            failed |= out.failed;
            let _ = stdout.write_all(out.text().as_bytes());
            if out.quit {
                return exit(failed);
            }
        }
    }
    if !buffer.trim().is_empty() {
        let out = session.line(&buffer);
        failed |= out.failed;
        let _ = stdout.write_all(out.text().as_bytes());
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
