//! The REPL: the session tested as plain data (no terminal), then the real binary driven with
//! piped input and, where `script` is installed, in a pseudo-terminal.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use std::sync::Arc;

use alliance::cli::files::DiskHost;
use alliance::cli::line::highlight;
use alliance::session::{is_complete, Output, Session, CONTINUATION};

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/asia_pacific_2024.alliance")
}

fn session(files: &[PathBuf]) -> Session {
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    Session::new(Arc::new(DiskHost::default()), &names)
}

/// Enters each line, expecting none to fail; returns the last output.
fn enter(s: &mut Session, lines: &[&str]) -> Output {
    let mut last = Output::default();
    for line in lines {
        last = s.line(line);
        assert!(!last.failed, "`{line}` failed:\n{}", last.text());
    }
    last
}

const SMALL_WORLD: &[&str] = &[
    "state US { gdp: 27.4T, nuclear: yes }",
    "state Japan { gdp: 4.2T }",
    "state China { gdp: 17.8T, nuclear: yes }",
    "treaty US Japan one_way",
    "threat China against Japan",
];

/// A folder of its own under the system's temporary folder.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("alliance-repl-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

#[test]
fn statements_extend_the_world_and_queries_answer_at_once() {
    let mut s = session(&[]);
    let out = enter(&mut s, SMALL_WORLD);
    assert_eq!(out.text(), "", "a statement prints nothing");
    assert_eq!(s.line("? defends(x, Japan)").text(), "x = US\n");
    assert_eq!(s.line("? defends(Japan, US)").text(), "no\n");
    assert_eq!(s.line("? covered(Japan)").text(), "yes\n");
    let why = s.line("? why covered(Japan)").text();
    assert!(
        why.contains("stated by `treaty US Japan one_way`, <repl:4>:1"),
        "{why}"
    );
}

#[test]
fn expectations_say_passed_or_failed_with_the_reason() {
    let mut s = session(&[]);
    enter(&mut s, SMALL_WORLD);
    assert_eq!(s.line("expect not defends(Japan, US)").text(), "passed\n");
    let out = s.line("expect defends(Japan, US)");
    assert!(out.failed);
    assert!(
        out.text()
            .starts_with("failed: it does not hold\n  why it does not hold:\n"),
        "{}",
        out.text()
    );
    assert!(
        out.text().contains("Japan must defend US"),
        "{}",
        out.text()
    );
}

#[test]
fn a_line_with_an_error_changes_nothing() {
    let mut s = session(&[]);
    enter(&mut s, SMALL_WORLD);
    let before = s.line(":list").text();
    let out = s.line("treaty US Japn mutual\nstate Korea");
    assert!(out.failed);
    assert!(out.text().contains("unknown name `Japn`"), "{}", out.text());
    assert!(
        out.text().contains("help: did you mean `Japan`?"),
        "{}",
        out.text()
    );
    assert!(
        out.text().contains("<repl:6>:1:11"),
        "the diagnostic points into the line typed:\n{}",
        out.text()
    );
    // `Korea`, in the same rejected entry, was not declared either.
    assert!(s.line("? state(Korea)").failed);
    // A rule that never stops is rejected as well, and the world still answers.
    let out = s.line("fact n(1)\nrule n(x) if n(y), x = y + 1");
    assert!(
        out.failed && out.text().contains("alliance::fact_limit"),
        "{}",
        out.text()
    );
    assert_eq!(s.line(":list").text(), before);
    assert_eq!(s.line("? defends(x, Japan)").text(), "x = US\n");
}

#[test]
fn warnings_that_make_no_sense_while_typing_stay_quiet() {
    let mut s = session(&[]);
    // A state not yet used, a threat against an empty bloc: fine at the prompt.
    assert_eq!(enter(&mut s, &["state Lonely { gdp: 1T }"]).text(), "");
    enter(&mut s, &["state Rival { gdp: 2T }"]);
    let out = s.line("threat Rival against");
    assert!(!out.text().contains("empty"), "{}", out.text());
    // A variable spelled like a name is worth saying.
    let out = s.line("? state(lonely)");
    assert!(
        out.text().contains("alliance::variable_like_name"),
        "{}",
        out.text()
    );
}

#[test]
fn multi_line_entries_wait_for_what_is_open() {
    for open in [
        "state Japan {",
        "state Japan { gdp: 4.2T,",
        "rule p(x) if state(x) and",
        "rule p(x) if state(x),",
        "? defends(x,",
        "threat China against Japan,",
        "threat China against",
        "if US leaves NATO",
        "scenario x {\n  remove US",
        "pact NATO {\n  US,   # more below\n",
        "expect not",
    ] {
        assert!(!is_complete(open), "`{open}` should wait for more");
    }
    for done in [
        "state Japan",
        "state Japan { gdp: 4.2T }",
        "threat China against Japan",
        "scenario x {\n  remove US\n}",
        "if US leaves NATO then ? hub(x)",
        "treaty US Japn mutual",
        "state SouthKorea \"South",
        "tready US Japan mutual {",
        "state Japan { gdp: yes, region: asia",
        "# a comment",
        ":load examples/",
        "",
    ] {
        assert!(is_complete(done), "`{done}` is complete");
    }
}

#[test]
fn a_multi_line_entry_is_one_entry() {
    let mut s = session(&[]);
    enter(&mut s, SMALL_WORLD);
    let out = enter(&mut s, &["scenario alone \"Japan alone\" {\n  treaty US Japan cancelled\n} then {\n  expect exposed(Japan, China)\n  ? defends(x, Japan)\n}"]);
    assert!(
        out.text()
            .starts_with("Scenario alone: Japan alone (treaty US Japan cancelled)\n"),
        "{}",
        out.text()
    );
    assert!(
        out.text().contains("  no longer: US must defend Japan\n"),
        "{}",
        out.text()
    );
    assert!(
        out.text().contains("  now: Japan is exposed to China\n"),
        "{}",
        out.text()
    );
    assert!(
        out.text()
            .contains("  expect exposed(Japan, China): passed\n"),
        "{}",
        out.text()
    );
    assert!(
        out.text().contains("  ? defends(x, Japan)\n    no\n"),
        "{}",
        out.text()
    );
    // The scenario is part of the world now, and runs again by name.
    let again = s.line(":scenario alone");
    assert_eq!(again.text(), out.text());
}

#[test]
fn what_ifs_run_at_once_and_change_nothing() {
    let mut s = session(&[seed()]);
    let out = enter(
        &mut s,
        &["if treaty US Japan cancelled then expect exposed(Japan, China)"],
    );
    assert!(
        out.text().starts_with("If treaty US Japan cancelled:\n"),
        "{}",
        out.text()
    );
    assert!(
        out.text()
            .contains("balance of Japan against China: 1.77 → 0.24"),
        "{}",
        out.text()
    );
    assert_eq!(s.line("? defends(x, Japan)").text(), "x = US\n");
    let out = s.line("if hub removed then expect covered(Japan)");
    assert!(out.failed, "{}", out.text());
    assert!(
        out.text()
            .contains("expect covered(Japan): failed: it does not hold"),
        "{}",
        out.text()
    );
}

#[test]
fn undo_takes_back_the_last_statement() {
    let mut s = session(&[]);
    enter(&mut s, SMALL_WORLD);
    enter(
        &mut s,
        &[
            "state India { gdp: 3.5T }",
            "treaty US India mutual",
            "? defends(x, India)",
        ],
    );
    let out = s.line(":undo");
    assert_eq!(
        out.text(),
        "undone: treaty US India mutual (and the 1 question asked after it)\n"
    );
    assert_eq!(s.line("? defends(x, India)").text(), "no\n");
    // The question just asked goes with it.
    assert_eq!(
        s.line(":undo").text(),
        "undone: state India { gdp: 3.5T } (and the 1 question asked after it)\n"
    );
    assert!(s.line("? state(India)").failed, "India is gone");
    // Undoing everything leaves the standard theory alone.
    for _ in 0..5 {
        assert!(s.line(":undo").text().starts_with("undone: "));
    }
    assert!(s.line(":undo").text().starts_with("nothing to undo"));
}

#[test]
fn save_then_load_gives_the_same_answers() {
    let dir = temp_dir("save");
    let file = dir.join("lesson.alliance");
    let questions = [
        "? defends(x, India)",
        "? exposed(x, t)",
        "? hub(x)",
        "? spoke(x, h)",
        "? balance(India, China, r)",
        "? tripwire(a, x)",
    ];
    let mut s = session(&[seed()]);
    enter(
        &mut s,
        &[
            "treaty US India mutual",
            "troops US in India 1_000",
            "? hub(x)",
            "# a comment kept in the file",
        ],
    );
    let before: Vec<String> = questions.iter().map(|q| s.line(q).text()).collect();
    let out = s.line(&format!(":save {}", file.display()));
    assert!(!out.failed, "{}", out.text());
    let saved = std::fs::read_to_string(&file).expect("the saved file");
    assert!(saved.contains("import \""), "{saved}");
    assert!(saved.contains("treaty US India mutual\n"), "{saved}");
    assert!(saved.contains("# a comment kept in the file"), "{saved}");
    assert_eq!(
        alliance::fmt::format_source(&saved).ok().as_deref(),
        Some(saved.as_str()),
        "saved formatted"
    );
    let mut again = session(std::slice::from_ref(&file));
    assert!(!again.take_messages().text().contains("error"));
    let after: Vec<String> = questions.iter().map(|q| again.line(q).text()).collect();
    assert_eq!(before, after);
    // The saved file checks cleanly on its own, from any folder.
    let checked = alliance::cli::check_path(&file);
    assert!(!checked.has_errors(), "{:?}", checked.diags);
    // A loaded file is never overwritten.
    assert!(again.line(&format!(":save {}", file.display())).failed);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn show_tells_everything_about_a_state() {
    let mut s = session(&[]);
    enter(&mut s, SMALL_WORLD);
    let out = s.line(":show Japan");
    assert!(
        out.text()
            .starts_with("Japan: a state, declared at <repl:2>:1\nStated:\n"),
        "{}",
        out.text()
    );
    for line in [
        "  treaty (1):\n    a one-way defence treaty binds US to Japan\n",
        "  threatens (1):\n    China threatens Japan\n",
        "Derived:\n",
        "  defends (1):\n    US must defend Japan\n",
        "  covered (1):\n    Japan is under a nuclear umbrella\n",
        "  deterred (1):\n    Japan can deter China\n",
    ] {
        assert!(
            out.text().contains(line),
            "missing {line:?} in\n{}",
            out.text()
        );
    }
    let out = s.line(":show Japn");
    assert!(
        out.failed && out.text().contains("did you mean `Japan`?"),
        "{}",
        out.text()
    );
}

#[test]
fn why_and_why_not() {
    let mut s = session(&[seed()]);
    let out = enter(&mut s, &[":why defends(US, Japan)"]);
    assert!(
        out.text()
            .starts_with("United States must defend Japan, by the rule"),
        "{}",
        out.text()
    );
    let out = enter(&mut s, &[":whynot defends(Japan, US)"]);
    assert!(
        out.text()
            .starts_with("It does not hold that Japan must defend United States"),
        "{}",
        out.text()
    );
    let out = enter(&mut s, &[":whynot defends(US, Japan)"]);
    assert!(
        out.text()
            .starts_with("It does hold; here is why:\nUnited States must defend Japan"),
        "{}",
        out.text()
    );
    let out = s.line(":why defends(x, Japan)");
    assert!(
        out.failed && out.text().contains("alliance::not_ground"),
        "{}",
        out.text()
    );
}

#[test]
fn commands() {
    let mut s = session(&[seed()]);
    assert!(s.take_messages().text().starts_with("loaded "));
    assert!(s.line(":help").text().contains(":save FILE"));
    assert!(s.line(":prelude").text().contains("rule defends(a, b)"));
    let out = s.line(":lod x");
    assert!(out.failed);
    assert_eq!(
        out.text(),
        "unknown command `:lod`: did you mean `:load`? (`:help` lists the commands)\n"
    );
    assert!(s.line(":scenario").text().contains("moshitora"));
    assert!(s
        .line(":scenario moshi")
        .text()
        .contains("did you mean `moshitora`?"));
    let out = s.line(":scenario moshitora");
    assert!(
        !out.failed && out.text().contains("removed: United States"),
        "{}",
        out.text()
    );
    let out = s.line(":run");
    assert!(!out.failed, "{}", out.text());
    assert!(s
        .line(&format!(":load {}", seed().display()))
        .text()
        .contains("loaded already"));
    assert!(s.line(":load no/such/file.alliance").failed);
    assert!(s.line(":quit").quit);
}

#[test]
fn load_reload_and_reset() {
    let dir = temp_dir("reload");
    let file = dir.join("world.alliance");
    std::fs::write(
        &file,
        "state A { gdp: 1T }\nstate B { gdp: 1T }\ntreaty A B mutual\n",
    )
    .expect("write");
    let mut s = session(&[]);
    assert!(s
        .line(&format!(":load {}", file.display()))
        .text()
        .starts_with("loaded "));
    assert_eq!(s.line("? defends(A, x)").text(), "x = B\n");
    // The file is read when loaded: changing it changes nothing until `:reload`.
    std::fs::write(
        &file,
        "state A { gdp: 1T }\nstate B { gdp: 1T }\ntreaty A B one_way\n",
    )
    .expect("write");
    assert_eq!(s.line("? defends(B, x)").text(), "x = A\n");
    assert!(s.line(":reload").text().starts_with("reloaded "));
    assert_eq!(s.line("? defends(B, x)").text(), "no\n");
    // A file broken on disk is not reloaded.
    std::fs::write(&file, "state A {\n").expect("write");
    assert!(s.line(":reload").failed);
    assert_eq!(s.line("? defends(A, x)").text(), "x = B\n");
    enter(&mut s, &["state C"]);
    assert_eq!(
        s.line(":reset").text(),
        "the world is empty again: only the standard theory remains\n"
    );
    assert!(s.line("? state(A)").failed);
    // `import` typed at the prompt loads the file, relative to where alliance runs.
    std::fs::write(&file, "state A\n").expect("write");
    let out = s.line(&format!("import \"{}\"", file.display()));
    assert!(out.text().contains("\nloaded "), "{}", out.text());
    assert!(
        out.text().contains("alliance::unused_state"),
        "a file's own warnings are shown:\n{}",
        out.text()
    );
    assert_eq!(s.line("? state(x)").text(), "x = A\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn completion_candidates() {
    let mut s = session(&[seed()]);
    assert_eq!(
        s.complete("? defends(x, Ja", 15),
        (13, vec!["Japan".to_string()])
    );
    let (start, words) = s.complete(":lo", 3);
    assert_eq!((start, words), (1, vec!["load".to_string()]));
    let (_, words) = s.complete("rule p(x) if def", 16);
    assert_eq!(words, vec!["defence".to_string(), "defends(".to_string()]);
    let (_, words) = s.complete("tre", 3);
    assert_eq!(words, vec!["treaty".to_string(), "treaty(".to_string()]);
    assert_eq!(
        s.complete(":scenario mo", 12),
        (10, vec!["moshitora".to_string()])
    );
    assert_eq!(
        s.complete(":show Phil", 10).1,
        vec!["Philippines".to_string()]
    );
    assert_eq!(s.complete(":why spo", 8), (5, vec!["spoke(".to_string()]));
    let root = env!("CARGO_MANIFEST_DIR");
    let line = format!(":load {root}/examples/asia");
    let (start, words) = s.complete(&line, line.len());
    assert_eq!(start, 6);
    assert_eq!(
        words,
        vec![format!("{root}/examples/asia_pacific_2024.alliance")]
    );
    // Names typed at the prompt complete too.
    enter(&mut s, &["state Zanzibar"]);
    assert_eq!(
        s.complete("? state(Zan", 11).1,
        vec!["Zanzibar".to_string()]
    );
    // A cursor inside a multi-byte character does not panic.
    let _ = s.complete("? state(É", 10);
}

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
        `:run` answers its 8 questions, 47 expectations and 6 scenarios\n\
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
fn graph_draws_the_world_as_it_stands() {
    let dir = temp_dir("graph");
    let mut s = session(&[seed()]);
    let world = dir.join("world.svg");
    let out = s.line(&format!(":graph {}", world.display()));
    assert!(!out.failed, "{}", out.text());
    let drawn = std::fs::read_to_string(&world).expect("the picture is written");
    assert!(
        drawn.starts_with("<svg") && drawn.contains("Japan"),
        "{drawn}"
    );
    // A state typed at the prompt is in the next picture; a scenario is drawn by name.
    enter(
        &mut s,
        &["state Mongolia { gdp: 19B }", "partner US Mongolia"],
    );
    let dot = dir.join("world.dot");
    assert!(!s.line(&format!(":graph {}", dot.display())).failed);
    let text = std::fs::read_to_string(&dot).expect("the DOT file is written");
    assert!(text.contains("Mongolia"), "{text}");
    let after = dir.join("after.mmd");
    let out = s.line(&format!(":graph {} moshitora", after.display()));
    assert_eq!(
        out.text(),
        format!("drew scenario moshitora to {}\n", after.display())
    );
    assert!(std::fs::read_to_string(&after)
        .expect("the Mermaid file is written")
        .starts_with("---"));
    // Mistakes: no file, an unknown format, an unknown scenario.
    assert!(s.line(":graph").failed);
    assert!(
        s.line(&format!(":graph {}", dir.join("x.png").display()))
            .failed
    );
    let out = s.line(&format!(":graph {} moshi", dir.join("y.svg").display()));
    assert!(
        out.failed && out.text().contains("did you mean `moshitora`?"),
        "{}",
        out.text()
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
fn problems_met_while_answering_are_shown() {
    let mut s = session(&[]);
    enter(&mut s, &["state A { gdp: 1T }"]);
    let out = s.line("? gdp(A, g), r = g / 0");
    assert!(out.failed, "{}", out.text());
    assert!(
        out.text().contains("alliance::division_by_zero"),
        "{}",
        out.text()
    );
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

        /// Whatever is typed, reading, completing and highlighting it never panics, and the
        /// highlighting is as wide as the text.
        #[test]
        fn any_input(text in "[ -~é日\n\"#{}(),:?]{0,60}", pos in 0usize..70) {
            let _ = is_complete(&text);
            let s = session(&[]);
            let _ = s.complete(&text, pos);
            let plain = highlight(&text, false);
            prop_assert_eq!(plain.chars().count(), text.chars().count());
        }

        /// Any entry leaves a session that still answers.
        #[test]
        fn any_entry(text in "(state|treaty|\\?|expect|if|rule|:show|:why|:load|:save|:undo) [ -~]{0,30}") {
            let mut s = session(&[]);
            let _ = s.line("state Z { gdp: 1T }");
            if !text.starts_with(":save") {
                let _ = s.line(&text);
            }
            let out = s.line("? state(x)");
            prop_assert!(!out.failed, "{}", out.text());
        }
    }
}

/// The number of cases a property runs: its own default, or `PROPTEST_CASES` (to run it longer
/// by hand).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
