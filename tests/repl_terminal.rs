//! The real `alliance` binary driven with piped input and, where `script` is installed, in a
//! pseudo-terminal; and the highlighting its line editor draws.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use alliance::cli::line::highlight;
use alliance::session::CONTINUATION;

// Only the temporary folders are used here.
#[allow(dead_code)]
#[path = "common/repl.rs"]
mod repl_common;
use repl_common::temp_dir;

#[test]
fn highlighting_keeps_the_width() {
    let strip = |s: &str| {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for d in chars.by_ref() {
                    if d == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    let line =
        "state Japan \"日本\" { gdp: 4.2T } # note\n          rule p(x) if defends(x, _), q = 2%";
    let painted = highlight(line, true);
    assert!(painted.contains("\x1b[1;35mstate\x1b[0m"), "{painted:?}");
    assert!(painted.contains("\x1b[36mJapan\x1b[0m"), "{painted:?}");
    assert!(painted.contains("\x1b[34m4.2T\x1b[0m"), "{painted:?}");
    assert!(painted.contains("\x1b[33mx\x1b[0m"), "{painted:?}");
    let expected = line.replacen("\n          ", &format!("\n{CONTINUATION}"), 1);
    assert_eq!(strip(&painted), expected);
    assert_eq!(highlight(line, false), expected, "no colour under NO_COLOR");
    assert_eq!(highlight(":load x", false), ":load x");
}

fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_alliance"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    command
}

/// Runs the binary with `input` on standard input; its output and exit code.
fn piped(args: &[&str], input: &str) -> (String, i32) {
    let mut child = binary()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run alliance");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait for alliance");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn piped_input_prints_a_transcript() {
    let lesson = "? defends(x, Japan)\n\nif treaty US Japan cancelled then {\n  expect exposed(Japan, China)\n}\n:quit\n? hub(x)\n";
    let (out, code) = piped(&["repl", "examples/asia_pacific_2024.alliance"], lesson);
    assert_eq!(code, 0, "{out}");
    let expected_start = "loaded examples/asia_pacific_2024.alliance: 45 states in the world; \
        `:run` answers its 8 questions, 52 expectations and 7 scenarios\n\
        alliance> ? defends(x, Japan)\nx = US\n\n\
        alliance> if treaty US Japan cancelled then {\n      ...   expect exposed(Japan, China)\n      ... }\n\
        If treaty US Japan cancelled:\n";
    assert!(out.starts_with(expected_start), "{out}");
    assert!(
        out.ends_with("  expect exposed(Japan, China): passed\nalliance> :quit\n"),
        "stops at :quit:\n{out}"
    );
}

#[test]
fn piped_input_without_arguments_and_with_errors() {
    // `alliance` alone is the REPL too; an error sets the exit status, and an entry left
    // open at the end of the input is still read.
    let (out, code) = piped(&[], "state A\n? state(B)\nstate B {\n");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("unknown name `B`"), "{out}");
    assert!(out.contains("this `{` is never closed"), "{out}");
    let (out, code) = piped(&["repl"], "state A\n? state(x)\n");
    assert_eq!(
        (out.as_str(), code),
        ("alliance> state A\nalliance> ? state(x)\nx = A\n", 0)
    );
}

#[test]
fn the_fact_limit_can_be_raised() {
    // A world of 3,000 derived facts: too many under a limit of 1,000, loaded under 10,000.
    let input = "rule n(x) if x = 1\nrule n(y) if n(x), x < 3000, y = x + 1\n? n(3000)\n";
    let (out, code) = piped(&["repl", "--max-facts", "1000"], input);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("stopped after deriving more than 1,000 facts"),
        "{out}"
    );
    let (out, code) = piped(&["repl", "--max-facts", "10000"], input);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("alliance> ? n(3000)\nyes\n"), "{out}");
}

/// Runs the binary in a pseudo-terminal with `script` (util-linux), typing each of `keys` in
/// turn; `None` if `script` is missing.
fn in_terminal(keys: &[&str], data_home: &Path) -> Option<String> {
    let script = Command::new("script").arg("--version").output().ok()?;
    if !script.status.success() {
        return None;
    }
    let command = format!(
        "{} repl examples/asia_pacific_2024.alliance",
        env!("CARGO_BIN_EXE_alliance")
    );
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("XDG_DATA_HOME", data_home)
        .env("HOME", data_home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let mut stdout = child.stdout.take()?;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let reader = {
        let seen = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = std::io::Read::read(&mut stdout, &mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock().map(|mut s| s.extend_from_slice(&buf[..n])).ok();
            }
        })
    };
    let text = |seen: &std::sync::Mutex<Vec<u8>>| {
        seen.lock()
            .map(|s| String::from_utf8_lossy(&s).into_owned())
            .unwrap_or_default()
    };
    // Keys are typed once the editor is up (a Ctrl-C before that would stop the program),
    // a little at a time, as a person types them.
    let start = std::time::Instant::now();
    while !text(&seen).contains("Ctrl-D quits") && start.elapsed().as_secs() < 20 {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    for chunk in keys {
        stdin.write_all(chunk.as_bytes()).ok()?;
        stdin.flush().ok()?;
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    drop(stdin);
    child.wait().ok()?;
    reader.join().ok()?;
    Some(text(&seen))
}

#[test]
fn in_a_pseudo_terminal() {
    let home = temp_dir("pty");
    // Ctrl-C clears a half-typed line; Tab completes; a multi-line entry continues on a
    // continuation line and is one history entry; Ctrl-D quits.
    let keys = [
        "state Oops",
        "\x03",
        "? defends(x, Jap",
        "\t",
        ")\r",
        "if treaty US Japan cancelled then {\r",
        "? covered(Japan)\r",
        "}\r",
        "\x04",
    ];
    let Some(out) = in_terminal(&keys, &home) else {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    };
    let _ = std::fs::remove_dir_all(&home);
    assert!(
        out.contains("? defends(x, Japan)"),
        "Tab completed `Japan`:\n{out}"
    );
    assert!(out.contains("x = US"), "{out}");
    assert!(out.contains("If treaty US Japan cancelled:"), "{out}");
    assert!(
        out.contains("      ... ? covered(Japan)"),
        "a continuation prompt:\n{out}"
    );
    assert!(
        !out.contains("alliance::"),
        "Ctrl-C cleared `state Oops`, so no error followed:\n{out}"
    );
    assert!(
        !out.contains("\x1b[36m"),
        "no colour under NO_COLOR:\n{out}"
    );
}

#[test]
fn history_is_kept_across_sessions() {
    let home = temp_dir("history");
    let keys = [
        "? hub(x)\r",
        "if hub removed then {\r",
        "? hub(x)\r",
        "}\r",
        "\x04",
    ];
    let Some(_) = in_terminal(&keys, &home) else {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    };
    // Up-arrow in a second session brings back the multi-line entry whole.
    let Some(out) = in_terminal(&["\x1b[A", "\r", "\x04"], &home) else {
        return;
    };
    let history = std::fs::read_to_string(home.join("alliance/history.txt")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&home);
    assert!(history.contains("? hub(x)"), "history kept:\n{history}");
    assert!(
        history.contains("if hub removed then {\\n"),
        "the multi-line entry is one history entry:\n{history}"
    );
    assert!(
        out.contains("If hub removed:"),
        "recalled and run again:\n{out}"
    );
}

#[test]
fn ctrl_c_stops_a_long_question_and_not_the_session() {
    let home = temp_dir("interrupt");
    // Six conditions over the GDPs of some thirty states that share no variable: hundreds of
    // millions of combinations, none an answer, so it runs for minutes unless stopped.
    let keys = [
        "? gdp(a, p), gdp(b, q), gdp(c, r), gdp(d, s), gdp(e, t), gdp(f, u), p + q + r + s + t + u < 0B\r",
        "\x03",
        "? hub(x)\r",
        "\x04",
    ];
    let started = std::time::Instant::now();
    let Some(out) = in_terminal(&keys, &home) else {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    };
    let _ = std::fs::remove_dir_all(&home);
    assert!(
        out.contains("alliance::interrupted"),
        "the question was stopped:\n{out}"
    );
    assert!(out.contains("x = US"), "the session went on:\n{out}");
    assert!(started.elapsed().as_secs() < 60, "stopped promptly");
}

#[test]
fn a_long_entry_is_echoed_as_typed_not_redrawn_at_each_keystroke() {
    use alliance::cli::line::{AllianceHelper, LONG_ENTRY};
    use rustyline::highlight::{CmdKind, Highlighter};
    use rustyline::hint::Hinter;
    use rustyline::history::{DefaultHistory, History};

    let helper = AllianceHelper::new(alliance::session::Vocabulary::default(), true);
    let short = "state Japan { gdp: 4.2T }";
    assert!(helper.highlight_char(short, short.len(), CmdKind::Other));
    // Redrawing (and colouring) the whole entry at each keystroke made pasting 10,000
    // characters without bracketed paste take 22 s.
    let long = "state Japan ".repeat(LONG_ENTRY / 10);
    assert!(!helper.highlight_char(&long, long.len(), CmdKind::Other));
    let mut history = DefaultHistory::new();
    history
        .add(&format!("{long}{{ gdp: 4.2T }}"))
        .expect("a history entry");
    let ctx = rustyline::Context::new(&history);
    assert_eq!(helper.hint(short, short.len(), &ctx), None);
    assert_eq!(
        helper.hint(&long, long.len(), &ctx),
        None,
        "no history search"
    );
}
