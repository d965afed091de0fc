//! The whole pipeline on arbitrary bytes, shared by the fuzz targets (`fuzz/fuzz_targets/`)
//! and the regression tests (`tests/fuzz_regressions.rs`, which includes this file by path).
//!
//! Decode, parse, check, render the diagnostics; when there is no error, evaluate with a small
//! fact limit (queries, `? why`, expectations and every scenario), write both reports; and
//! format, checking that the formatted text parses to the same tree and is a fixed point.
//! Anything wrong is a panic, which is what a fuzzer reports.

use std::path::Path;

use alliance::check::{check_source, decode};
use alliance::diag::render_all;
use alliance::eval::Options;
use alliance::fmt::format_source;
use alliance::run::{run, Selection};
use alliance::source::{FileId, Sources};
use alliance::syntax::ast::Stmt;
use alliance::syntax::parse_file;

/// The fact limit while fuzzing: small, so that endless programs stop quickly.
pub const MAX_FACTS: usize = 20_000;

/// The name the input is checked under.
pub const NAME: &str = "fuzz.alliance";

/// Runs everything on `bytes`. Panics when something is wrong.
pub fn pipeline(bytes: &[u8]) {
    let mut sources = Sources::default();
    let (id, bad) = decode(bytes.to_vec(), NAME, &mut sources);
    if let Some(bad) = bad {
        // What `alliance check` prints for a file that is not UTF-8.
        let _ = render_all(&[bad], &sources, false);
        return;
    }
    let text = sources.get(id).text.clone();
    if imports_something_special(&text) {
        return;
    }

    let checked = check_source(NAME, &text);
    let _ = render_all(&checked.diags, &checked.sources, false);
    if !checked.has_errors() {
        let options = Options {
            max_facts: MAX_FACTS,
            ..Options::default()
        };
        match run(&checked, &options, &Selection::All) {
            Ok(outcome) => {
                let _ = render_all(&outcome.diags, &checked.sources, false);
                let _ = alliance::report::text(&checked, &outcome);
                let _ = alliance::report::json(&checked, &outcome).to_string();
            }
            Err(diags) => {
                let _ = render_all(&diags, &checked.sources, false);
            }
        }
    }

    format_round_trip(&text);
}

/// Formatting a file that parses gives text that parses, to the same tree (spans aside),
/// and formatting that text again changes nothing.
pub fn format_round_trip(text: &str) {
    let Ok(formatted) = format_source(text) else {
        return;
    };
    let (before, _) = parse_file(text, FileId(0));
    let (after, diags) = parse_file(&formatted, FileId(0));
    if let Some(d) = diags.iter().find(|d| d.is_error()) {
        panic!(
            "the formatted text does not parse: {d:?}\n--- input\n{text}\n--- formatted\n{formatted}"
        );
    }
    let (before, after) = (without_spans(&before), without_spans(&after));
    assert!(
        before == after,
        "formatting changed the tree\n--- input\n{text}\n--- formatted\n{formatted}\n--- tree before\n{before}\n--- tree after\n{after}"
    );
    match format_source(&formatted) {
        Ok(again) => assert!(
            again == formatted,
            "formatting twice changed the text\n--- input\n{text}\n--- once\n{formatted}\n--- twice\n{again}"
        ),
        Err(diags) => panic!("the formatted text does not format: {diags:?}\n{formatted}"),
    }
}

/// The debug print of a tree with every `Span { .. }` erased. `File`'s own `==` ignores the
/// spans of `Spanned` nodes but compares plain `Span` fields (such as `Atom::span`), so the
/// comparison goes through text.
pub fn without_spans(file: &alliance::syntax::ast::File) -> String {
    let debug = format!("{file:?}");
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(at) = rest.find("Span {") {
        out.push_str(&rest[..at]);
        out.push_str("Span");
        let after = &rest[at..];
        rest = after.find('}').map_or("", |close| &after[close + 1..]);
    }
    out.push_str(rest);
    out
}

/// Imports are read from the file system, relative to the current directory. An input that
/// imports a device, a pipe or anything under /proc, /sys or /dev (where reading may never
/// end: `/dev/zero`, `/dev/stdin`) is not run: that would test the machine, not the program.
/// Ordinary files, directories and missing paths are all fine.
pub fn imports_something_special(text: &str) -> bool {
    let (file, _) = parse_file(text, FileId(0));
    file.stmts.iter().any(|stmt| match &stmt.node {
        Stmt::Import(path) => special(Path::new(path.node.as_str())),
        _ => false,
    })
}

fn special(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false; // missing: a plain "cannot read" diagnostic
    };
    if !meta.is_file() && !meta.is_dir() {
        return true;
    }
    let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    ["/proc", "/sys", "/dev"]
        .iter()
        .any(|top| real.starts_with(top))
}
