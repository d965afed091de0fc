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

#[cfg(unix)]
#[test]
fn fmt_replaces_a_file_whole_and_keeps_its_permissions() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = std::env::temp_dir().join(format!("alliance-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let file = dir.join("messy.alliance");
    std::fs::write(
        &file,
        "state   A { gdp: 1T }\nstate B{gdp:2T}\ntreaty A B mutual\n",
    )
    .expect("write");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let before = std::fs::metadata(&file).expect("metadata");
    let out = alliance().arg("fmt").arg(&file).output().expect("runs");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let after = std::fs::metadata(&file).expect("metadata");
    // Written beside it and renamed over it (a full disk leaves the original whole), not
    // truncated and rewritten in place.
    assert_ne!(before.ino(), after.ino());
    assert_eq!(after.permissions().mode() & 0o777, 0o640);
    let formatted = std::fs::read_to_string(&file).expect("read");
    assert!(
        formatted.starts_with("state A { gdp: 1T }\n"),
        "{formatted}"
    );
    let left: Vec<_> = std::fs::read_dir(&dir).expect("list").flatten().collect();
    assert_eq!(left.len(), 1, "no temporary file is left: {left:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_before_it_is_opened() {
    let dir = std::env::temp_dir().join(format!("alliance-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let fifo = dir.join("pipe.alliance");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let main = dir.join("main.alliance");
    std::fs::write(&main, "import \"pipe.alliance\"\n").expect("write");
    // Opening a FIFO waits for a writer forever: each run must end on its own.
    for file in [&main, &fifo] {
        let out = alliance().arg("check").arg(file).output().expect("runs");
        no_panic(&out);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("not a regular file"),
            "{}",
            text(&out.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_import_outside_the_project_needs_root() {
    let base = std::env::temp_dir().join(format!("alliance-root-{}", std::process::id()));
    let (project, shared) = (base.join("project"), base.join("shared"));
    std::fs::create_dir_all(&project).expect("a folder");
    std::fs::create_dir_all(&shared).expect("a folder");
    std::fs::write(shared.join("world.alliance"), "state A { gdp: 1T }\n").expect("write");
    let main = project.join("main.alliance");
    std::fs::write(&main, "import \"../shared/world.alliance\"\n? state(x)\n").expect("write");
    // Run from the project's own folder: the shared folder is neither it nor below it.
    let check = |extra: &[&str]| {
        let mut command = alliance();
        command
            .current_dir(&project)
            .arg("run")
            .args(extra)
            .arg(&main);
        command.output().expect("runs")
    };
    let refused = check(&[]);
    no_panic(&refused);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("outside the project folder"));
    let allowed = check(&["--root", base.to_str().expect("a UTF-8 path")]);
    assert_eq!(allowed.status.code(), Some(0), "{}", text(&allowed.stderr));
    assert!(
        text(&allowed.stdout).contains("x = A"),
        "{}",
        text(&allowed.stdout)
    );
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn an_entry_that_makes_an_earlier_rule_divide_by_zero_is_refused() {
    let input = "fact d(2)\n\
                 rule q(x) if d(y), x = 10 / (y - 1)\n\
                 fact d(1)\n\
                 ? d(x)\n";
    let out = run_with_input(&["repl"], input);
    no_panic(&out);
    let shown = text(&out.stdout);
    assert!(shown.contains("alliance::division_by_zero"), "{shown}");
    assert!(
        shown.contains("`fact d(1)`, entered now, leads to it"),
        "{shown}"
    );
    // Refused: the world still holds d(2) alone.
    assert!(shown.ends_with("alliance> ? d(x)\nx = 2\n"), "{shown}");
    assert_eq!(out.status.code(), Some(1));
}

/// Runs `alliance COMMAND` on a script written to a temporary file of its own.
fn on_script(command: &str, script: &str) -> Output {
    let dir = std::env::temp_dir().join(format!("alliance-{command}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let file = dir.join("script.alliance");
    std::fs::write(&file, script).expect("write the script");
    let out = alliance()
        .args([command, file.to_str().expect("a UTF-8 path")])
        .output()
        .expect("the binary runs");
    let _ = std::fs::remove_dir_all(&dir);
    no_panic(&out);
    out
}

#[test]
fn a_gdp_refused_is_not_also_missing() {
    let out = on_script(
        "check",
        "state A { gdp: 0T }\nstate B { gdp: 1T }\nthreat B against A\n",
    );
    let err = text(&out.stderr);
    assert!(err.contains("a GDP must be more than zero"), "{err}");
    assert!(!err.contains("has no `gdp`"), "{err}");
    // Nor is a GDP in a declaration that did not parse.
    let out = on_script(
        "check",
        "state A \"A\\q\" { gdp: 1T }\nstate B { gdp: 1T }\nthreat B against A\n",
    );
    let err = text(&out.stderr);
    assert!(err.contains("alliance::syntax"), "{err}");
    assert!(!err.contains("has no `gdp`"), "{err}");
}

#[test]
fn a_question_stopped_by_the_answer_limit_does_not_say_no() {
    let input = "no prelude\nfact a(1)\nfact a(2)\nfact a(3)\n? a(x), a(y), a(z)\n";
    let out = run_with_input(&["repl", "--max-facts", "5"], input);
    no_panic(&out);
    let shown = text(&out.stdout);
    assert!(shown.contains("alliance::answer_limit"), "{shown}");
    assert!(
        shown.ends_with("stopped at the answer limit (more than 5)\n"),
        "{shown}"
    );
    assert!(!shown.contains("\nno\n"), "{shown}");
}

#[test]
fn escaped_control_characters_keep_report_columns_aligned() {
    let out = on_script(
        "run",
        "state US \"U\u{1b}[31mS\" { gdp: 27T, nuclear: yes }\n\
         state Japan \"Ja\tpan\" { gdp: 4T }\n\
         state China { gdp: 17T, nuclear: yes }\n\
         treaty US Japan one_way\n\
         threat China against Japan\n",
    );
    let report = text(&out.stdout);
    assert!(!report.contains('\u{1b}'), "{report}");
    let lines: Vec<&str> = report.lines().collect();
    let head = lines
        .iter()
        .position(|l| l.trim_start().starts_with("Defender"))
        .expect("the obligations table");
    // Head, dashes and row: each column starts where its head does.
    let (head, row) = (lines[head], lines[head + 2]);
    let expected = "    U\\u{1b}[31mS  Ja\\u{9}pan   treaty, one-way";
    assert_eq!(row, expected, "{report}");
    assert_eq!(head.find("Must defend"), row.find("Ja\\u"), "{report}");
    assert_eq!(head.find("Basis"), row.find("treaty"), "{report}");
}

/// A file saved as `essay.alliance.txt` (an editor's `.txt`, hidden by Windows) and asked for
/// as `essay.alliance`: the help names the file that is there.
#[test]
fn a_file_with_an_added_ending_is_named() {
    let dir = std::env::temp_dir().join(format!("alliance-sibling-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a folder");
    std::fs::write(dir.join("essay.alliance.txt"), "state A\n").expect("write the file");
    let out = alliance()
        .current_dir(&dir)
        .args(["check", "essay.alliance"])
        .output()
        .expect("the binary runs");
    no_panic(&out);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("did you mean `./essay.alliance.txt`?"),
        "{err}"
    );
    // A byte-order mark at the start (Windows' "UTF-8 with BOM") is read as nothing.
    std::fs::write(
        dir.join("bom.alliance"),
        "\u{feff}state A { gdp: 1T }\n? state(x)\n",
    )
    .expect("write the file");
    let out = alliance()
        .current_dir(&dir)
        .args(["run", "bom.alliance"])
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("x = A"), "{}", text(&out.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A cross product (`? a(x), a(y)` over 1,100 facts: 1,210,000 pairs) stops at a million
/// answers, far below the ten million facts `run` allows, before it fills memory.
#[test]
fn a_cross_product_stops_at_a_million_answers() {
    let mut script = String::from("no prelude\n");
    for i in 0..1_100 {
        script.push_str(&format!("fact a({i})\n"));
    }
    script.push_str("? a(x), a(y)\n");
    let file = std::env::temp_dir().join(format!("alliance-cross-{}.alliance", std::process::id()));
    std::fs::write(&file, script).expect("write the script");
    let out = alliance()
        .arg("run")
        .arg(&file)
        .output()
        .expect("the binary runs");
    let _ = std::fs::remove_file(&file);
    no_panic(&out);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(all.contains("more than 1,000,000 answers"), "{all}");
    assert!(
        all.contains("a question has at most a million answers"),
        "{all}"
    );
}
