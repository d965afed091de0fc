//! The script harness: every `.alliance` file under `tests/scripts/` (and every example) is run
//! through the real binary, and its output compared with the `.out` file beside it (for the
//! examples, under `tests/scripts/examples/`).
//!
//! The command is `alliance check FILE` unless the script's first line says otherwise:
//! `# args: run --format json` runs `alliance run --format json FILE`, and
//! `# args: why {} defends(US, Japan)` puts the file where `{}` is; `# command: import atop
//! --alliance 3375` runs a command without the file. Scripts under `fail/`
//! must exit with status 1. Set `UPDATE_EXPECT=1` to write the `.out` files afresh (then read
//! the diff before committing it).
//!
//! Each script is a test of its own, named after its path (`fail/too_deep`,
//! `examples/asia_pacific_2024`), so a failure names its file, the scripts run in parallel,
//! and `cargo test --test scripts fail/` runs a folder.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use libtest_mimic::{Arguments, Failed, Trial};

mod common;
use common::{root, scripts};

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let mut trials: Vec<Trial> = all_scripts()
        .into_iter()
        .map(|script| Trial::test(test_name(&script), move || check_script(&script)))
        .collect();
    trials.push(Trial::test("every_code_has_a_script_and_a_page", || {
        every_code_has_a_script_and_a_page();
        Ok(())
    }));
    libtest_mimic::run(&args, trials).exit_code()
}

/// Every script under `tests/scripts/`, then every example.
fn all_scripts() -> Vec<PathBuf> {
    let mut all = Vec::new();
    scripts(&root().join("tests/scripts"), &mut all);
    scripts(&root().join("examples"), &mut all);
    assert!(all.len() > 10, "the harness found too few scripts: {all:?}");
    all
}

/// `fail/too_deep` for `tests/scripts/fail/too_deep.alliance`, `examples/x` for an example.
fn test_name(script: &Path) -> String {
    let relative = script
        .strip_prefix(root().join("tests/scripts"))
        .or_else(|_| script.strip_prefix(root()))
        .unwrap_or(script);
    relative
        .with_extension("")
        .to_string_lossy()
        .replace('\\', "/")
}

/// The command line, from a first line `# args: ...`: the script's path goes where `{}` is,
/// or last.
fn args_of(text: &str, script: &Path) -> Vec<String> {
    // `# command: import atop ...` runs a command that reads no script (the file only holds
    // the command and says what it shows).
    let first = text.lines().next().unwrap_or_default();
    if let Some(command) = first.strip_prefix("# command:") {
        return command.split_whitespace().map(String::from).collect();
    }
    let path = script.to_string_lossy().into_owned();
    let mut args: Vec<String> = match text.lines().next().and_then(|l| l.strip_prefix("# args:")) {
        Some(args) => args.split_whitespace().map(String::from).collect(),
        None => vec!["check".to_string()],
    };
    match args.iter().position(|a| a == "{}") {
        Some(i) => args[i] = path,
        None => args.push(path),
    }
    args
}

/// Runs the binary as a user would, without colour, from the repository root.
fn run(script: &Path) -> (String, i32) {
    let text = std::fs::read_to_string(script).unwrap_or_default();
    let relative = script.strip_prefix(root()).unwrap_or(script);
    let output = Command::new(env!("CARGO_BIN_EXE_alliance"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(args_of(&text, relative))
        .output()
        .expect("the alliance binary runs");
    let mut shown = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !stderr.is_empty() {
        if !shown.is_empty() {
            shown.push_str("--- stderr\n");
        }
        shown.push_str(&stderr);
    }
    let code = output.status.code().unwrap_or(-1);
    (format!("{shown}[exit {code}]\n"), code)
}

fn expected_path(script: &Path) -> PathBuf {
    let examples = root().join("examples");
    match script.strip_prefix(&examples) {
        Ok(rel) => root()
            .join("tests/scripts/examples")
            .join(rel)
            .with_extension("out"),
        Err(_) => script.with_extension("out"),
    }
}

/// Runs one script and compares its output with its `.out` file (or writes that file, with
/// `UPDATE_EXPECT=1`).
fn check_script(script: &Path) -> Result<(), Failed> {
    let (actual, code) = run(script);
    let in_fail = script.components().any(|c| c.as_os_str() == "fail");
    if in_fail && code != 1 {
        return Err(
            format!("a script under fail/ must exit 1, got {code}\n--- actual\n{actual}").into(),
        );
    }
    let expected_file = expected_path(script);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        if let Some(dir) = expected_file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(&expected_file, &actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    match std::fs::read_to_string(&expected_file) {
        Ok(expected) if expected == actual => Ok(()),
        Ok(expected) => Err(format!(
            "output differs from {}\n--- expected\n{expected}--- actual\n{actual}",
            expected_file.display()
        )
        .into()),
        Err(_) => Err(format!(
            "no expected output at {} (run with UPDATE_EXPECT=1)\n--- actual\n{actual}",
            expected_file.display()
        )
        .into()),
    }
}

/// Every diagnostic code is produced by at least one script (errors under `fail/`, warnings
/// anywhere) and explained in `docs/errors.md`.
fn every_code_has_a_script_and_a_page() {
    let mut fail = Vec::new();
    scripts(&root().join("tests/scripts"), &mut fail);
    let outputs: String = fail
        .iter()
        .filter_map(|s| std::fs::read_to_string(s.with_extension("out")).ok())
        .collect();
    let source = std::fs::read_to_string(root().join("src/diag.rs")).expect("read diag.rs");
    let codes: Vec<&str> = source
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("Code::")
                .and_then(|r| r.split_once("=> \""))
                .map(|(_, c)| c)
        })
        .filter_map(|c| c.strip_suffix("\","))
        .collect();
    assert!(
        codes.len() > 30,
        "found too few codes in diag.rs: {codes:?}"
    );
    // Made by a key, not a script: tests/repl_terminal.rs presses Ctrl-C to produce it.
    let not_from_a_script = ["alliance::interrupted"];
    let missing: Vec<&&str> = codes
        .iter()
        .filter(|c| !outputs.contains(**c) && !not_from_a_script.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes no script under tests/scripts produces: {missing:?}"
    );
    let docs = std::fs::read_to_string(root().join("docs/errors.md")).unwrap_or_default();
    let undocumented: Vec<&&str> = codes.iter().filter(|c| !docs.contains(**c)).collect();
    assert!(
        undocumented.is_empty(),
        "codes not explained in docs/errors.md: {undocumented:?}"
    );
}
