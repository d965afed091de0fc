//! `alliance completions SHELL` and `alliance man FOLDER`, run as a user runs them.

use std::process::Command;

fn alliance(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_alliance"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn completion_scripts_name_every_command() {
    for (shell, marker) in [
        ("bash", "_alliance()"),
        ("zsh", "#compdef alliance"),
        ("fish", "complete -c alliance"),
    ] {
        let out = alliance(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        for command in ["check", "run", "why", "lsp", "completions", "man"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    let out = alliance(&["completions", "powershell"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_bash_script_parses() {
    let Ok(check) = Command::new("bash").arg("--version").output() else {
        println!("skipped: bash is not installed");
        return;
    };
    assert!(check.status.success());
    let dir = std::env::temp_dir().join(format!("alliance-bash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    let script = dir.join("alliance.bash");
    std::fs::write(&script, alliance(&["completions", "bash"]).stdout).expect("write");
    let parsed = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .expect("bash");
    assert!(parsed.success());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn man_pages_for_the_program_and_each_command() {
    let dir = std::env::temp_dir().join(format!("alliance-man-{}", std::process::id()));
    let out = alliance(&["man", &dir.to_string_lossy()]);
    assert!(out.status.success());
    let main = std::fs::read_to_string(dir.join("alliance.1")).expect("alliance.1");
    assert!(main.starts_with(".ie \\n(.g .ds Aq"), "{main}");
    assert!(main.contains("alliance\\-lsp(1)"), "{main}");
    let lsp = std::fs::read_to_string(dir.join("alliance-lsp.1")).expect("alliance-lsp.1");
    assert!(lsp.contains("language server"));
    let _ = std::fs::remove_dir_all(dir);
}
