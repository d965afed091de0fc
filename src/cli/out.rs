//! Writing to standard output and standard error. A closed pipe (`alliance generate | head`)
//! ends the program quietly, as it ends `cat`; any other failure to write (a full disk) ends
//! it with a message and exit status 1. Never a panic, which is what `print!` does.

use std::io::{ErrorKind, Write};

/// Writes `text` to standard output.
pub fn to_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        failed(&e, "standard output");
    }
}

/// Writes `text` to standard error.
pub fn to_stderr(text: &str) {
    let mut stderr = std::io::stderr().lock();
    if let Err(e) = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush())
    {
        failed(&e, "standard error");
    }
}

/// Ends the program after a failed write: quietly (status 0) when the reader has gone away,
/// else with a message (if standard error still takes one) and status 1.
pub fn failed(e: &std::io::Error, what: &str) -> ! {
    if e.kind() == ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    let _ = writeln!(std::io::stderr(), "error: cannot write to {what}: {e}");
    std::process::exit(1);
}

/// `print!` that never panics: see [`to_stdout`].
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::out::to_stdout(&format!($($arg)*)) };
}

/// `println!` that never panics.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::out::to_stdout(&(format!($($arg)*) + "\n")) };
}

/// `eprint!` that never panics.
macro_rules! err {
    ($($arg:tt)*) => { $crate::cli::out::to_stderr(&format!($($arg)*)) };
}

/// `eprintln!` that never panics.
macro_rules! errln {
    ($($arg:tt)*) => { $crate::cli::out::to_stderr(&(format!($($arg)*) + "\n")) };
}

pub(crate) use {err, errln, out, outln};
