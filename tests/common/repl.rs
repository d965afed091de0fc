//! Helpers shared by the REPL test files (`tests/repl*.rs`), which include this file by path:
//! sessions on the disk host, entries that must not fail, a small world and temporary folders.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use alliance::cli::files::DiskHost;
use alliance::session::{Output, Session};

/// The example world most tests load.
pub fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/asia_pacific_2024.alliance")
}

/// A session on the disk host, with `files` loaded.
pub fn session(files: &[PathBuf]) -> Session {
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    Session::new(Arc::new(DiskHost::default()), &names)
}

/// Enters each line, expecting none to fail; returns the last output.
pub fn enter(s: &mut Session, lines: &[&str]) -> Output {
    let mut last = Output::default();
    for line in lines {
        last = s.line(line);
        assert!(!last.failed, "`{line}` failed:\n{}", last.text());
    }
    last
}

/// A world small enough to reason about: US defends Japan, which China threatens.
pub const SMALL_WORLD: &[&str] = &[
    "state US { gdp: 27.4T, nuclear: yes }",
    "state Japan { gdp: 4.2T }",
    "state China { gdp: 17.8T, nuclear: yes }",
    "treaty US Japan one_way",
    "threat China against Japan",
];

/// A folder of its own under the system's temporary folder.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("alliance-repl-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}
