//! The `alliance` command: a thin layer over the library (see `cli`).
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    alliance::cli::main()
}
