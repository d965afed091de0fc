//! Peak memory of parsing a 10 MB script, to run under `/usr/bin/time -v` ("Maximum resident
//! set size"); see docs/performance.md.
//!
//! - `parse_mem FILE` reads FILE, parses it, and prints the statement count, the time taken
//!   and the process's peak resident set size (VmHWM from /proc/self/status, on Linux).
//! - `parse_mem --write FILE [--bytes N]` only writes a generated script of N bytes (default
//!   10 000 000, seed 2024) to FILE; `--write FILE --world N` writes `gen::world(N, 2024)`.
//! - `parse_mem` with no file does both: it writes the script to a temporary file, then parses
//!   it in a child process, so that the generator's memory is not counted in the parser's
//!   peak (under `/usr/bin/time -v`, the figure is the larger of the two processes).

use std::path::PathBuf;
use std::process::{Command, ExitCode};

use alliance::source::FileId;

const SEED: u64 = 2024;

fn main() -> ExitCode {
    // `cargo bench` appends `--bench`: ignore it, like any flag not known here.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    let bytes = value("--bytes")
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000_000usize);
    if let Some(path) = value("--write") {
        let text = match value("--world").and_then(|n| n.parse().ok()) {
            Some(n) => alliance_gen::world(n, SEED),
            None => alliance_gen::script(bytes, SEED),
        };
        return write(&PathBuf::from(path), &text);
    }
    let file = args.iter().enumerate().find(|(i, a)| {
        !a.starts_with("--")
            && (*i == 0 || !matches!(args[i - 1].as_str(), "--bytes" | "--write" | "--world"))
    });
    match file {
        Some((_, path)) => parse(&PathBuf::from(path)),
        None => {
            let path = std::env::temp_dir().join(format!(
                "alliance-parse-mem-{}.alliance",
                std::process::id()
            ));
            if write(&path, &alliance_gen::script(bytes, SEED)) != ExitCode::SUCCESS {
                return ExitCode::FAILURE;
            }
            let status =
                std::env::current_exe().and_then(|exe| Command::new(exe).arg(&path).status());
            let _ = std::fs::remove_file(&path);
            match status {
                Ok(s) if s.success() => ExitCode::SUCCESS,
                Ok(_) => ExitCode::FAILURE,
                Err(err) => {
                    eprintln!("cannot run the parsing process: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn write(path: &PathBuf, text: &str) -> ExitCode {
    match std::fs::write(path, text) {
        Ok(()) => {
            println!("wrote {} bytes to {}", text.len(), path.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("cannot write {}: {err}", path.display());
            ExitCode::FAILURE
        }
    }
}

fn parse(path: &PathBuf) -> ExitCode {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("cannot read {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let before = peak_rss_kb();
    let cpu_before = cpu_time_s();
    let start = std::time::Instant::now();
    let (file, diags) = alliance::syntax::parse_file(&text, FileId(1));
    let elapsed = start.elapsed();
    let cpu = cpu_time_s()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    println!(
        "{} bytes, {} statements, {} diagnostics, parsed in {:.0?} ({:.1} MB/s)",
        text.len(),
        file.stmts.len(),
        diags.len(),
        elapsed,
        text.len() as f64 / 1e6 / elapsed.as_secs_f64()
    );
    if let Some(cpu) = cpu.filter(|&c| c > 0.0) {
        // On a busy machine the wall time above counts the time other processes ran too.
        println!(
            "CPU time of the parse: {:.2} s ({:.1} MB/s of CPU time)",
            cpu,
            text.len() as f64 / 1e6 / cpu
        );
    }
    if let (Some(before), Some(after)) = (before, peak_rss_kb()) {
        println!(
            "peak RSS: {:.1} MB before parsing (the text read), {:.1} MB after ({:.1}x the file size)",
            before as f64 / 1e3,
            after as f64 / 1e3,
            after as f64 * 1e3 / text.len() as f64
        );
    }
    drop(file);
    if diags.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The process's peak resident set size in kB (`VmHWM`), where /proc is available.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The CPU time (user and system) this process has used so far, in seconds, from
/// /proc/self/stat (Linux reports it in ticks of 1/100 s there).
fn cpu_time_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name, in parentheses, may contain spaces: count fields after it.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) as f64 / 100.0)
}
