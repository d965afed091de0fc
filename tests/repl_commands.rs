//! The REPL's `:commands` (undo, save and load, show, why, scenarios, graphs) and completion,
//! tested on the session as plain data.

#[path = "common/repl.rs"]
mod repl_common;
use repl_common::{enter, seed, session, temp_dir, SMALL_WORLD};

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
fn undo_never_takes_back_the_files_given_at_start_up() {
    let mut s = session(&[seed()]);
    s.take_messages();
    let nothing = "nothing to undo: no statement has been entered (questions change nothing); \
the files the session started with stay (`:reset` goes back to them)\n";
    assert_eq!(s.line(":undo").text(), nothing);
    assert_eq!(s.line("? state(Japan)").text(), "yes\n");
    // What was typed after them is undone, then nothing more.
    enter(&mut s, &["state Peru { gdp: 0.3T }"]);
    assert_eq!(s.line(":undo").text(), "undone: state Peru { gdp: 0.3T }\n");
    assert_eq!(s.line(":undo").text(), nothing);
    // A file loaded at the prompt is an entry like any other; after `:reset` the start-up
    // files stay as firmly as before.
    let dir = temp_dir("undo-start");
    let file = dir.join("peru.alliance");
    std::fs::write(&file, "state Peru { gdp: 0.3T }\n").expect("written");
    enter(&mut s, &[&format!(":load {}", file.display())]);
    assert_eq!(
        s.line(":undo").text(),
        format!("undone: :load {}\n", file.display())
    );
    s.line(":reset");
    assert_eq!(s.line(":undo").text(), nothing);
    assert_eq!(s.line("? state(Japan)").text(), "yes\n");
}

#[test]
fn only_entries_without_an_error_count_as_history() {
    let mut s = session(&[]);
    enter(&mut s, SMALL_WORLD);
    // An error (a diagnostic, or a command that fails) keeps the line out of history.
    assert!(s.line("state Japan {").has_error());
    assert!(s.line("? defends(x, Japan").has_error());
    assert!(s.line(":scenario nope").has_error());
    // A line that works, a multi-line entry, and an `expect` that fails (a verdict, not an
    // error: the student will ask it again) are kept.
    assert!(!s.line("? defends(x, Japan)").has_error());
    assert!(!s.line("state India {\n  gdp: 3.5T\n}\n").has_error());
    let verdict = s.line("expect defends(Japan, US)");
    assert!(verdict.failed && !verdict.has_error(), "{}", verdict.text());
    // A warning is not an error either.
    let warned = s.line("state Peru { gpd: 0.3T }");
    assert!(!warned.has_error(), "{}", warned.text());
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
    assert!(again.line(&format!(":save! {}", file.display())).failed);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn save_replaces_an_existing_file_only_when_asked() {
    let dir = temp_dir("save_replace");
    let notes = dir.join("notes.alliance");
    std::fs::write(&notes, "# my own notes\n").expect("write");
    let mut s = session(&[]);
    enter(&mut s, SMALL_WORLD);
    let out = s.line(&format!(":save {}", notes.display()));
    assert!(out.failed);
    assert!(
        out.text().contains("exists already: `:save! "),
        "{}",
        out.text()
    );
    assert_eq!(
        std::fs::read_to_string(&notes).expect("read"),
        "# my own notes\n"
    );
    // A name without an extension gets `.alliance`; saving again to a file this session
    // wrote needs no `!`.
    let lesson = dir.join("lesson");
    for _ in 0..2 {
        let out = s.line(&format!(":save {}", lesson.display()));
        assert!(!out.failed, "{}", out.text());
    }
    assert!(dir.join("lesson.alliance").exists());
    let out = s.line(&format!(":save! {}", notes.display()));
    assert!(!out.failed, "{}", out.text());
    let saved = std::fs::read_to_string(&notes).expect("read");
    assert!(saved.contains("treaty US Japan one_way"), "{saved}");
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
        "  deters (1):\n    Japan can deter China\n",
        "  obliged (1):\n    US must defend Japan against China\n",
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
    // The keyword, then every relation that begins so: the treaty's conditions and the
    // standard theory's helpers included.
    let (_, words) = s.complete("tre", 3);
    assert_eq!(&words[..3], ["treaty", "treaty(", "treaty_against("]);
    assert!(words.contains(&"treaty_void(".to_string()), "{words:?}");
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
fn years_at_the_prompt() {
    let nato =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/nato_1949_today.alliance");
    let mut s = session(std::slice::from_ref(&nato));
    assert_eq!(s.line("? defends(Poland, WestGermany)").text(), "no\n");
    // `:as-of` and the statement `as of` typed at the prompt do the same.
    assert_eq!(
        s.line(":as-of 1980").text(),
        "the world is now read as of 1980\n"
    );
    assert_eq!(s.line("? member(Poland, WarsawPact)").text(), "yes\n");
    assert_eq!(
        s.line("as of 2000").text(),
        "the world is now read as of 2000\n"
    );
    assert_eq!(s.line("? member(Poland, WarsawPact)").text(), "no\n");
    assert_eq!(s.line("? defends(Poland, Germany)").text(), "yes\n");
    // A rejected entry shows its own error, not follow-ups elsewhere in the world.
    let out = s.line("treaty Poland Germny mutual");
    assert!(out.failed);
    assert!(
        out.text().contains("unknown name `Germny`"),
        "{}",
        out.text()
    );
    assert!(!out.text().contains("missing_gdp"), "{}", out.text());
    // `:save` keeps the year, so the file reads the same world.
    let dir = temp_dir("as_of");
    let file = dir.join("year.alliance");
    enter(&mut s, &["state Zed"]);
    enter(&mut s, &[&format!(":save {}", file.display())]);
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.trim_end().ends_with("as of 2000"), "{saved}");
    // `:reset` goes back to the year the session started with: none here.
    enter(&mut s, &[":reset"]);
    assert_eq!(s.line("? member(Poland, WarsawPact)").text(), "no\n");
    assert_eq!(s.line("? state(WestGermany)").text(), "no\n");
    // A session started in a year reads its files in that year from the first.
    let names = vec![nato.display().to_string()];
    let mut old = alliance::session::Session::starting(
        std::sync::Arc::new(alliance::cli::files::DiskHost::default()),
        &names,
        alliance::session::MAX_FACTS,
        Some(1980),
    );
    assert!(!old.take_messages().text().contains("nothing_in_force"));
    assert_eq!(old.line("? state(WestGermany)").text(), "yes\n");
    enter(&mut old, &[":as-of 2000", ":reset"]);
    assert_eq!(old.line("? state(WestGermany)").text(), "yes\n");
}

#[test]
fn timeline_at_the_prompt() {
    let nato =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/nato_1949_today.alliance");
    let mut s = session(std::slice::from_ref(&nato));
    // The same text as `alliance timeline FILE --from 1950 --to 1955`: the years without a
    // change print nothing.
    let text = s.line(":timeline 1950 1955").text();
    assert!(text.contains(", 1950 to 1955\n"), "{text}");
    assert!(
        text.contains("\n1952\n----\n  - Greece and Turkey join NATO.\n"),
        "{text}"
    );
    assert!(
        text.contains("\n1955\n----\n  - West Germany enters the world.\n"),
        "{text}"
    );
    assert!(!text.contains("\n1953\n"), "{text}");
    // A statement typed at the prompt is part of the world the timeline reads.
    enter(&mut s, &["state Ruritania from 1953 { gdp: 1T }"]);
    let text = s.line(":timeline 1953 1953").text();
    assert!(text.contains("Ruritania enters the world."), "{text}");
    // Years that are not years, or out of order, are refused with the usage.
    for (line, says) in [
        (":timeline 1960 1950", "before it begins in 1960"),
        (":timeline abc", "`abc` is not a year"),
        (":timeline 1 2 3", "usage: :timeline [FROM [TO]]"),
    ] {
        let out = s.line(line);
        assert!(out.failed, "{line}");
        assert!(out.text().contains(says), "{line}: {}", out.text());
    }
}

#[test]
fn a_what_if_names_states_as_the_report_does() {
    let mut s = session(&[seed()]);
    let out = enter(&mut s, &["if treaty US Japan cancelled then { }"]);
    // A display name ending in "s" takes a bare apostrophe, as in the report.
    assert!(
        out.text()
            .contains("no longer: United States' troops in Japan are a tripwire\n"),
        "{}",
        out.text()
    );
}
