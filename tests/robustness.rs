//! Reproducers of crashes, silent failures and wrong exit codes found by probing the command
//! as a clumsy or hostile user would: each runs the real binary.

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};

fn alliance() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_alliance"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command.env("NO_COLOR", "1");
    command
}

fn run_with_input(args: &[&str], input: &str) -> Output {
    let mut child = alliance()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).expect("write the input");
    }
    child.wait_with_output().expect("the binary ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// No panic message, whatever else was said.
fn no_panic(out: &Output) {
    let err = text(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "{err}");
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    let mut child = alliance()
        .args(["generate", "--states", "20000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // Read one line, then close the pipe, as `| head -1` does.
    let mut stdout = child.stdout.take().expect("a pipe");
    let mut first = [0u8; 64];
    let read = stdout.read(&mut first).expect("some output");
    assert!(read > 0);
    drop(stdout);
    let out = child.wait_with_output().expect("the binary ends");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn a_full_device_is_an_error_with_a_message() {
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("skipped: this system has no /dev/full");
        return;
    }
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full");
    let out = alliance()
        .args(["run", "examples/asia_pacific_2024.alliance"])
        .stdout(full().expect("open /dev/full"))
        .stderr(Stdio::piped())
        .output()
        .expect("the binary runs");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("cannot write to standard output"),
        "{}",
        text(&out.stderr)
    );
    // With standard error full too, nothing can be said, but the status still says it.
    let out = alliance()
        .args(["check", "tests/scripts/fail/number_too_precise.alliance"])
        .stderr(full().expect("open /dev/full"))
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_world_too_large_to_generate_is_refused() {
    let out = alliance()
        .args(["generate", "--states", "100000000"])
        .output()
        .expect("the binary runs");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not in 1..=2000000"));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_piped_session_whose_file_did_not_load_fails() {
    let out = run_with_input(&["repl", "missing.alliance"], "? state(x)\n");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("missing.alliance was not loaded"));
}

#[test]
fn a_what_if_that_adds_a_relation_of_its_own_is_answered() {
    let input = "state Gondor\n\
                 if add fact rival(Gondor) then expect rival(Gondor)\n\
                 if add fact rival(Gondor) then ? rival(x)\n";
    let out = run_with_input(&["repl"], input);
    no_panic(&out);
    let shown = text(&out.stdout);
    assert!(shown.contains("expect rival(Gondor): passed"), "{shown}");
    assert!(shown.contains("x = Gondor"), "{shown}");
    assert_eq!(out.status.code(), Some(0), "{shown}");
}
