//! The teaching pages cannot drift from the tool: every snippet in `docs/tutorial.md`,
//! `docs/theory.md`, `docs/glossary.md` and `docs/instructors.md` is run by the real binary, and
//! every lesson of `examples/course/` is checked and every solution tested.
//!
//! The conventions, for whoever writes those pages:
//!
//! - A ```` ```alliance ```` block must pass `alliance check`, and, if it contains `expect`,
//!   `alliance test` too (every expectation holds).
//! - Its first line may be a directive comment, or the same word may follow `alliance` in the
//!   info string (hidden when the page is rendered):
//!   - `# fails: CODE` (`fails=CODE`): the block must fail with the diagnostic `alliance::CODE`,
//!     from `alliance check`, or, if it checks, from `alliance test` (`fails: expectation_failed`).
//!   - `# warns: CODE` (`warns=CODE`): it checks, with the warning `alliance::CODE`. Any other
//!     block must check with no warning at all.
//!   - `# continues` (`continues`): the block goes on from the previous ```` ```alliance ````
//!     block of the page, and what is checked is the two (or more) together.
//! - `prelude` in the info string: the block quotes the standard theory, so each of its
//!   non-blank lines must be a line of `alliance prelude`, word for word.
//! - `file=NAME` in the info string writes the block (with all it continues) to NAME, in a
//!   working folder of the page that later console blocks run in. Blocks of other languages
//!   (```` ```text file=demo.txt ````) are written there too, unchecked. The folder starts with a copy
//!   of the repository's `examples/`, so `examples/asia_pacific_2024.alliance` works there too.
//! - In a ```` ```console ```` block, a line `$ alliance ARGS` is run (ARGS split as a shell
//!   would, with '...' and "..." quoting, `*` in a file name, `< FILE` for standard input and
//!   `> FILE` for standard output, which is then not compared), with `NO_COLOR=1`,
//!   in the page's working folder; the lines after it, up to the next `$ ` line, must be its
//!   output, standard output and standard error together as a terminal shows them, exactly
//!   (trailing spaces and trailing blank lines aside). A line `...` stands for any number of
//!   lines, none included. Only `alliance` commands may appear after `$ `; commands for other
//!   programs (`cargo`, `git`) go in ```` ```sh ```` blocks, which are not run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fenced block of a Markdown page.
struct Block {
    /// Line number (1-based) of the opening fence.
    line: usize,
    lang: String,
    /// The words of the info string after the language.
    attrs: Vec<String>,
    text: String,
}

fn blocks(page: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<(Block, usize, usize)> = None; // block, fence length, indent
    for (i, raw) in page.lines().enumerate() {
        let indent = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim_start();
        let ticks = trimmed.chars().take_while(|&c| c == '`').count();
        match open.take() {
            Some((block, len, ind)) => {
                if ticks >= len && trimmed[ticks..].trim().is_empty() {
                    out.push(block);
                } else {
                    let mut block = block;
                    let line = raw.get(ind.min(indent)..).unwrap_or("");
                    block.text.push_str(line);
                    block.text.push('\n');
                    open = Some((block, len, ind));
                }
            }
            None => {
                let info = &trimmed[ticks..];
                if ticks >= 3 && !info.contains('`') {
                    let mut words = info.split_whitespace().map(String::from);
                    let lang = words.next().unwrap_or_default();
                    let block = Block {
                        line: i + 1,
                        lang,
                        attrs: words.collect(),
                        text: String::new(),
                    };
                    open = Some((block, ticks, indent));
                }
            }
        }
    }
    out
}

/// The value of `key=VALUE` in the info string, or of the directive `# key: VALUE` on the
/// block's first line.
fn directive(block: &Block, key: &str) -> Option<String> {
    let prefix = format!("{key}=");
    if let Some(v) = block.attrs.iter().find_map(|a| a.strip_prefix(&prefix)) {
        return Some(v.to_string());
    }
    let first = block.text.lines().next()?.trim();
    let value = first.strip_prefix('#')?.trim().strip_prefix(key)?;
    let value = value.strip_prefix(':')?.trim();
    Some(value.to_string())
}

fn continues(block: &Block) -> bool {
    block.attrs.iter().any(|a| a == "continues")
        || block
            .text
            .lines()
            .next()
            .is_some_and(|l| l.trim() == "# continues")
}

fn code_name(code: &str) -> String {
    if code.starts_with("alliance::") {
        code.to_string()
    } else {
        format!("alliance::{code}")
    }
}

/// Runs the binary in `dir`, standard output and standard error into one file, in the order
/// they were written, as a terminal shows them.
fn alliance(dir: &Path, args: &[String], stdin: Option<&Path>) -> (String, i32) {
    alliance_to(dir, args, stdin, None)
}

/// As `alliance`, with standard output sent to the file `stdout` when it is given (`> FILE`):
/// then only standard error is returned.
fn alliance_to(
    dir: &Path,
    args: &[String],
    stdin: Option<&Path>,
    stdout: Option<&Path>,
) -> (String, i32) {
    let capture = dir.join(".alliance-docs-output");
    let err = std::fs::File::create(&capture).expect("create the capture file");
    let out = match stdout {
        Some(path) => std::fs::File::create(dir.join(path)).expect("create the output file"),
        None => err.try_clone().expect("clone the capture file"),
    };
    let input = match stdin {
        Some(path) => Stdio::from(std::fs::File::open(dir.join(path)).expect("open the input")),
        None => Stdio::null(),
    };
    let status = Command::new(env!("CARGO_BIN_EXE_alliance"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(input)
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err))
        .status()
        .expect("the alliance binary runs");
    let output = std::fs::read_to_string(&capture).unwrap_or_default();
    let _ = std::fs::remove_file(&capture);
    (output, status.code().unwrap_or(-1))
}

/// Splits a command line as a shell would, for the quoting a page uses: words separated by
/// spaces, '...' taken literally, "..." with `\"` and `\\` escapes.
fn shell_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err(format!("unclosed ' in `{line}`")),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c) => word.push(c),
                            None => return Err(format!("a lone \\ in `{line}`")),
                        },
                        Some(c) => word.push(c),
                        None => return Err(format!("unclosed \" in `{line}`")),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(c) = chars.next() {
                    word.push(c);
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// Takes `OP FILE` (`<` or `>`) out of a command's words, and returns FILE.
fn redirect(words: &mut Vec<String>, op: &str) -> Option<PathBuf> {
    let i = words.iter().position(|w| w == op)?;
    words.remove(i);
    (i < words.len()).then(|| PathBuf::from(words.remove(i)))
}

/// Expands a word with `*` in its last part (`examples/course/*_solution.alliance`) to the
/// matching files, sorted, as a shell would; other words stay as they are.
fn glob(dir: &Path, word: &str) -> Vec<String> {
    let (folder, pattern) = match word.rsplit_once('/') {
        Some((folder, pattern)) => (Some(folder), pattern),
        None => (None, word),
    };
    let Some((before, after)) = pattern.split_once('*') else {
        return vec![word.to_string()];
    };
    let base = folder.map_or_else(|| dir.to_path_buf(), |f| dir.join(f));
    let mut names: Vec<String> = std::fs::read_dir(base)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| {
                    (before.starts_with('.') || !n.starts_with('.'))
                        && n.len() >= before.len() + after.len()
                        && n.starts_with(before)
                        && n.ends_with(after)
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    if names.is_empty() {
        return vec![word.to_string()];
    }
    names
        .into_iter()
        .map(|n| folder.map_or_else(|| n.clone(), |f| format!("{f}/{n}")))
        .collect()
}

/// Whether `actual` matches `expected`, where a line `...` of `expected` matches any run of
/// lines.
fn matches(expected: &[&str], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((&"...", rest)) => (0..=actual.len()).any(|skip| matches(rest, &actual[skip..])),
        Some((line, rest)) => actual
            .split_first()
            .is_some_and(|(a, more)| a == line && matches(rest, more)),
    }
}

fn lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a folder");
    for entry in std::fs::read_dir(from).expect("read a folder").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy a file");
        }
    }
}

/// A fresh working folder for one page, holding a copy of `examples/`.
fn workdir(page: &str) -> PathBuf {
    let stem = page.replace(['/', '.'], "_");
    let dir = std::env::temp_dir().join(format!("alliance-docs-{}-{stem}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&root().join("examples"), &dir.join("examples"));
    dir
}

/// Checks one `alliance` block (its whole text, with what it continues); returns the failures.
fn check_snippet(dir: &Path, block: &Block, text: &str) -> Vec<String> {
    let at = format!("block at line {}", block.line);
    let mut failures = Vec::new();
    let scratch = dir.join(".snippet.alliance");
    std::fs::write(&scratch, text).expect("write the snippet");
    let run = |command: &str| {
        let args = [command.to_string(), ".snippet.alliance".to_string()];
        alliance(dir, &args, None)
    };
    let (checked, code) = run("check");
    if let Some(expected) = directive(block, "fails") {
        let expected = code_name(&expected);
        let (output, status) = if code == 0 {
            run("test")
        } else {
            (checked, code)
        };
        if status != 1 || !output.contains(&expected) {
            failures.push(format!(
                "{at}: should fail with {expected}, but exited {status} with:\n{output}"
            ));
        }
    } else {
        if code != 0 {
            failures.push(format!("{at}: `alliance check` fails:\n{checked}"));
        }
        match directive(block, "warns") {
            Some(expected) => {
                let expected = code_name(&expected);
                if !checked.contains(&expected) {
                    failures.push(format!("{at}: should warn {expected}, got:\n{checked}"));
                }
            }
            None if checked.contains('⚠') => {
                failures.push(format!("{at}: warnings (mark it `warns=CODE`):\n{checked}"));
            }
            None => {}
        }
        if code == 0 && text.contains("expect") {
            let (tested, status) = run("test");
            if status != 0 {
                failures.push(format!("{at}: `alliance test` fails:\n{tested}"));
            }
        }
    }
    let _ = std::fs::remove_file(&scratch);
    failures
}

/// Checks that every line of a block marked `prelude` is a line of the standard theory.
fn check_quote(dir: &Path, block: &Block) -> Vec<String> {
    let (prelude, _) = alliance(dir, &["prelude".to_string()], None);
    let theory: Vec<&str> = prelude.lines().map(str::trim_end).collect();
    block
        .text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !theory.contains(l))
        .map(|l| {
            format!(
                "block at line {}: `{l}` is not a line of `alliance prelude`",
                block.line
            )
        })
        .collect()
}

/// Runs every command of a console block and compares the output; returns the failures.
fn run_console(dir: &Path, block: &Block) -> Vec<String> {
    let mut failures = Vec::new();
    let mut commands: Vec<(usize, &str, Vec<&str>)> = Vec::new();
    for (i, line) in block.text.lines().enumerate() {
        if let Some(command) = line.strip_prefix("$ ") {
            commands.push((block.line + 1 + i, command, Vec::new()));
        } else if let Some((_, _, expected)) = commands.last_mut() {
            expected.push(line.trim_end());
        } else if !line.trim().is_empty() {
            failures.push(format!(
                "console block at line {}: output before any `$ ` command",
                block.line
            ));
        }
    }
    for (line, command, expected) in commands {
        let mut words = match shell_words(command) {
            Ok(words) => words,
            Err(e) => {
                failures.push(format!("line {line}: {e}"));
                continue;
            }
        };
        if words.first().map(String::as_str) != Some("alliance") {
            failures.push(format!(
                "line {line}: only `alliance` commands run in a console block: `{command}`"
            ));
            continue;
        }
        words.remove(0);
        let stdin = redirect(&mut words, "<");
        let stdout = redirect(&mut words, ">");
        let words: Vec<String> = words.iter().flat_map(|w| glob(dir, w)).collect();
        let (output, _) = alliance_to(dir, &words, stdin.as_deref(), stdout.as_deref());
        let mut expected = expected;
        while expected.last().is_some_and(|l| l.is_empty()) {
            expected.pop();
        }
        if !matches(&expected, &lines(&output)) {
            failures.push(format!(
                "line {line}: `$ {command}` printed something else\n--- the page says\n{}\n--- the tool prints\n{output}",
                expected.join("\n")
            ));
        }
    }
    failures
}

/// The relative links of a page (`[text](path#anchor)`) whose file does not exist.
fn broken_links(name: &str, text: &str) -> Vec<String> {
    let base = root().join(name);
    let base = base.parent().unwrap_or(Path::new("."));
    text.split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .filter(|target| !target.contains("://") && !target.starts_with('#'))
        .filter_map(|target| {
            let path = target.split('#').next().unwrap_or(target);
            (!base.join(path).exists()).then(|| format!("{name}: broken link to `{target}`"))
        })
        .collect()
}

/// Runs every snippet of one page; panics with all the failures.
fn page(name: &str) {
    let text = std::fs::read_to_string(root().join(name))
        .unwrap_or_else(|e| panic!("{name} cannot be read: {e}"));
    let dir = workdir(name);
    let mut failures = Vec::new();
    let mut previous = String::new();
    let mut snippets = 0;
    let mut commands = 0;
    for block in blocks(&text) {
        match block.lang.as_str() {
            "alliance" => {
                snippets += 1;
                let whole = if continues(&block) {
                    if previous.is_empty() {
                        failures.push(format!(
                            "block at line {}: `continues`, but no block comes before it",
                            block.line
                        ));
                    }
                    format!("{previous}{}", block.text)
                } else {
                    block.text.clone()
                };
                failures.extend(check_snippet(&dir, &block, &whole));
                if block.attrs.iter().any(|a| a == "prelude") {
                    failures.extend(check_quote(&dir, &block));
                }
                if let Some(file) = directive(&block, "file") {
                    let path = dir.join(&file);
                    if let Some(parent) = path.parent() {
                        std::fs::create_dir_all(parent).expect("create a folder");
                    }
                    std::fs::write(&path, &whole).expect("write a file of the page");
                }
                previous = whole;
            }
            "console" => {
                commands += block.text.lines().filter(|l| l.starts_with("$ ")).count();
                failures.extend(run_console(&dir, &block));
            }
            _ => {
                if let Some(file) = directive(&block, "file") {
                    std::fs::write(dir.join(file), &block.text).expect("write a file of the page");
                }
            }
        }
    }
    failures.extend(broken_links(name, &text));
    if failures.is_empty() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert!(
        snippets + commands > 0,
        "{name} has no ```alliance or ```console block"
    );
    assert!(
        failures.is_empty(),
        "{name}: {} snippet(s) do not match the tool (working folder kept: {}):\n\n{}",
        failures.len(),
        dir.display(),
        failures.join("\n\n")
    );
}

#[test]
fn tutorial_snippets_run_as_written() {
    page("docs/tutorial.md");
}

#[test]
fn theory_snippets_run_as_written() {
    page("docs/theory.md");
}

#[test]
fn glossary_snippets_run_as_written() {
    page("docs/glossary.md");
}

#[test]
fn instructors_snippets_run_as_written() {
    page("docs/instructors.md");
}

/// Each lesson of the course checks (its exercises are comments), has a solution beside it, and
/// every expectation of every solution holds.
#[test]
fn course_lessons_check_and_solutions_pass() {
    let course = root().join("examples/course");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&course)
        .expect("examples/course exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "alliance"))
        .collect();
    files.sort();
    let lessons: Vec<&PathBuf> = files
        .iter()
        .filter(|p| !p.to_string_lossy().ends_with("_solution.alliance"))
        .collect();
    assert_eq!(lessons.len(), 9, "nine lessons: {lessons:?}");
    let mut failures = Vec::new();
    for lesson in lessons {
        let stem = lesson.file_stem().unwrap_or_default().to_string_lossy();
        let solution = lesson.with_file_name(format!("{stem}_solution.alliance"));
        let args =
            |command: &str, path: &Path| vec![command.to_string(), path.display().to_string()];
        let (output, code) = alliance(&course, &args("check", lesson), None);
        if code != 0 {
            failures.push(format!(
                "{}: `alliance check` fails:\n{output}",
                lesson.display()
            ));
        }
        if !solution.exists() {
            failures.push(format!("{}: no solution beside it", lesson.display()));
            continue;
        }
        let (output, code) = alliance(&course, &args("test", &solution), None);
        let last = output.lines().last().unwrap_or_default().to_string();
        if code != 0 || !last.ends_with(" 0 failed") || last.starts_with("0 passed") {
            failures.push(format!(
                "{}: `alliance test` should pass every expectation:\n{output}",
                solution.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_harness_matches_elisions_and_splits_words() {
    assert!(matches(&["a", "...", "d"], &["a", "b", "c", "d"]));
    assert!(matches(&["a", "...", "b"], &["a", "b"]));
    assert!(matches(&["...", "c"], &["a", "b", "c"]));
    assert!(!matches(&["a", "...", "d"], &["a", "b", "c"]));
    assert!(!matches(&["a"], &["a", "b"]));
    assert_eq!(
        shell_words(r#"alliance why asia.alliance 'defends(US, Japan)' "a \"b\"""#),
        Ok(vec![
            "alliance".to_string(),
            "why".to_string(),
            "asia.alliance".to_string(),
            "defends(US, Japan)".to_string(),
            "a \"b\"".to_string(),
        ])
    );
    let page = "text\n```alliance file=a.alliance continues\nstate A\n```\n````\n```x\n````\n";
    let found = blocks(page);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].lang, "alliance");
    assert_eq!(found[0].attrs, ["file=a.alliance", "continues"]);
    assert_eq!(found[0].text, "state A\n");
    assert_eq!(found[1].text, "```x\n");
    assert!(continues(&found[0]));
    assert_eq!(directive(&found[0], "file"), Some("a.alliance".to_string()));
    let fails = blocks("```alliance\n# fails: syntax\nstate x\n```\n");
    assert_eq!(directive(&fails[0], "fails"), Some("syntax".to_string()));
    assert_eq!(directive(&fails[0], "warns"), None);
    let mut words: Vec<String> = ["test", "a.alliance", "<", "in.txt", ">", "out.txt"]
        .map(String::from)
        .to_vec();
    assert_eq!(redirect(&mut words, "<"), Some(PathBuf::from("in.txt")));
    assert_eq!(redirect(&mut words, ">"), Some(PathBuf::from("out.txt")));
    assert_eq!(words, ["test", "a.alliance"]);
    let course = glob(&root(), "examples/course/0*_solution.alliance");
    assert_eq!(course.len(), 9, "{course:?}");
    assert_eq!(course[0], "examples/course/01_treaties_solution.alliance");
    assert_eq!(glob(&root(), "no/such/*.x"), ["no/such/*.x"]);
}
