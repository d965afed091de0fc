//! Limits: large inputs give a result or a diagnostic, never a crash or a hang.

use std::time::Instant;

use alliance::check::check_source;
use alliance::cli::check_path;
use alliance::eval::Options;
use alliance::run::{run, Selection};

#[test]
fn a_file_of_100_000_lines_checks_and_evaluates() {
    let mut text = String::new();
    for i in 0..50_000 {
        text.push_str(&format!("state S{i} {{ gdp: {}B }}\n", 1 + i % 997));
        text.push_str(&format!("treaty S{i} S{} one_way\n", (i + 1) % 50_000));
    }
    let checked = check_source("big.alliance", &text);
    assert!(!checked.has_errors(), "{:?}", checked.diags.first());
    let outcome = run(&checked, &Options::default(), &Selection::All).expect("evaluates");
    let defends = checked
        .program
        .relation("defends")
        .expect("the prelude defines defends");
    assert_eq!(outcome.base.store(defends).len(), 50_000);
}

#[test]
fn an_endless_program_stops_at_the_limit_quickly() {
    let text = "no prelude\nfact n(0)\nrule n(y) if n(x), y = x + 1\n";
    let checked = check_source("endless.alliance", text);
    assert!(!checked.has_errors());
    let started = Instant::now();
    let result = run(
        &checked,
        &Options {
            max_facts: 100_000,
            ..Options::default()
        },
        &Selection::All,
    );
    let diags = result.expect_err("the limit stops evaluation");
    assert_eq!(diags[0].code.as_str(), "alliance::fact_limit");
    // Generous even for a debug build on a loaded machine: the point is "seconds, not minutes".
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_long_import_chain_is_read_once_each() {
    let dir = std::env::temp_dir().join(format!("alliance-chain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let files = 200;
    for i in 0..files {
        let next = if i + 1 < files {
            format!("import \"f{}.alliance\"\n", i + 1)
        } else {
            String::new()
        };
        let text = format!("{next}state S{i} {{ gdp: 1T }}\nfact link(S{i})\n");
        std::fs::write(dir.join(format!("f{i}.alliance")), text).expect("write");
    }
    // A second path to the last file: a diamond is not a cycle.
    std::fs::write(
        dir.join("f0.alliance"),
        "import \"f1.alliance\"\nimport \"f199.alliance\"\nstate S0\nfact link(S0)\n",
    )
    .expect("write");
    let checked = check_path(&dir.join("f0.alliance"));
    assert!(!checked.has_errors(), "{:?}", checked.diags.first());
    assert_eq!(checked.program.states.len(), files);
    let _ = std::fs::remove_dir_all(&dir);
}
