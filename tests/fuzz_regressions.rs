//! Inputs the fuzzer (`fuzz/`, see docs/fuzzing.md) found to crash, hang or exhaust memory,
//! each run through the same pipeline as the fuzz targets: decode, parse, check, render the
//! diagnostics, evaluate with a small fact limit (queries, scenarios, reports), format and
//! re-parse. Each must finish, without a panic, within a time limit.
//!
//! Inputs are byte-string constants below or files under `tests/fuzz/` (every file there is
//! run; a name ending in `.tokens` holds bytes for the `tokens` target, to be assembled first;
//! one ending in `.session` is a REPL session for the `session` target).

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

#[allow(dead_code)]
#[path = "../fuzz/common/pipeline.rs"]
mod pipeline;

#[allow(dead_code)]
#[path = "../fuzz/common/tokens.rs"]
mod tokens;

#[allow(dead_code)]
#[path = "../fuzz/common/session.rs"]
mod session;

/// Generous: the fuzzer's own limit is 10 s in an optimised build with sanitizers, and tests
/// run unoptimised and side by side.
const LIMIT: Duration = Duration::from_secs(60);

/// Runs the pipeline on `bytes` in a thread; fails on a panic or when it takes too long.
fn survives(what: &str, bytes: Vec<u8>) {
    survives_with(what, bytes, pipeline::pipeline);
}

/// Runs `target` (the pipeline, or a session) on `bytes` in a thread; fails on a panic or
/// when it takes too long.
fn survives_with(what: &str, bytes: Vec<u8>, target: fn(&[u8])) {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name(what.to_string())
        .stack_size(64 << 20)
        .spawn(move || {
            target(&bytes);
            let _ = tx.send(());
        })
        .expect("cannot start a thread");
    match rx.recv_timeout(LIMIT) {
        Ok(()) => {
            let _ = worker.join();
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let err = worker.join().err();
            let msg = err
                .as_ref()
                .and_then(|e| {
                    e.downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                })
                .unwrap_or_default();
            panic!("{what}: the pipeline panicked: {msg}");
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: the pipeline took more than {LIMIT:?}")
        }
    }
}

#[test]
fn every_input_under_tests_fuzz_survives() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    for path in paths.iter().filter(|p| p.is_file()) {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if name.starts_with('.') || name.ends_with(".md") {
            continue;
        }
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if name.ends_with(".session") {
            survives_with(&name, bytes, session::session);
            continue;
        }
        let bytes = if name.ends_with(".tokens") {
            tokens::assemble(&bytes).into_bytes()
        } else {
            bytes
        };
        survives(&name, bytes);
    }
}

/// The pipeline itself works on ordinary input (so that the tests above test something).
#[test]
fn the_pipeline_runs_an_example() {
    let text = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/first_steps.alliance"),
    )
    .expect("examples/first_steps.alliance");
    survives("first_steps", text);
    survives("not utf-8", b"state A \xff\xfe".to_vec());
    survives("empty", Vec::new());
}

/// The session driver works on an ordinary session, what-ifs and commands included.
#[test]
fn the_session_target_runs_a_session() {
    let lines = "state US { gdp: 27T, nuclear: yes }\nstate Japan { gdp: 4T }\n\
                 treaty US Japan one_way\n? defends(x, Japan)\n\
                 if add fact rival(Gondor) then expect rival(Gondor)\n\
                 if US removed then {\n  ? defends(x, Japan)\n}\n\
                 :load lib.alliance\n:run\n:graph\n:undo\n:list\n";
    survives_with("session", lines.as_bytes().to_vec(), session::session);
}
