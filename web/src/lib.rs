//! The browser playground's side of the core: a [`Playground`] the page drives, every call
//! answered by the library's session API ([`alliance::session`]) and returned as JSON text.
//! Nothing here knows the language: checking, reports, explanations, pictures, completion and
//! the REPL are the core's; this crate only holds the page's files and says which call to make.
//!
//! The files the page holds (the examples, the course's lessons and the data they import) are
//! compiled in and served by a [`MemoryHost`]; the editor's text is the file `main.alliance`
//! beside them, so `import "data/nato_2024.alliance"` finds what the course's folder has.

use std::sync::Arc;

use alliance::check::check_text;
use alliance::diag::{self, Diag};
use alliance::host::{Host, MemoryHost};
use alliance::interner::Interner;
use alliance::run::Selection;
use alliance::session::{self, Output, Session};
use alliance::syntax::ast::{Ask, Stmt};
use alliance::syntax::parse_file;
use serde_json::{json, Value as Json};
use wasm_bindgen::prelude::*;

/// The name of the editor's text among the page's files.
pub const MAIN: &str = "main.alliance";

/// A script the page offers: the examples, then the course's lessons (with their solutions).
pub struct Script {
    pub name: &'static str,
    pub text: &'static str,
    /// A lesson's solution, whose expectations "check my answer" runs.
    pub solution: Option<&'static str>,
}

macro_rules! example {
    ($name:literal) => {
        Script {
            name: $name,
            text: include_str!(concat!("../../examples/", $name, ".alliance")),
            solution: None,
        }
    };
}

macro_rules! lesson {
    ($name:literal) => {
        Script {
            name: $name,
            text: include_str!(concat!("../../examples/course/", $name, ".alliance")),
            solution: Some(include_str!(concat!(
                "../../examples/course/",
                $name,
                "_solution.alliance"
            ))),
        }
    };
}

/// The scripts of the page, the seed world first.
pub const SCRIPTS: &[Script] = &[
    example!("asia_pacific_2024"),
    example!("first_steps"),
    example!("europe_1914"),
    example!("nato_1949_today"),
    example!("nato_without_america"),
    lesson!("01_treaties"),
    lesson!("02_partners"),
    lesson!("03_umbrella"),
    lesson!("04_hub_and_spokes"),
    lesson!("05_hub_leaves"),
    lesson!("06_own_theory"),
    lesson!("07_bound_1914"),
    lesson!("08_nato_over_time"),
    lesson!("09_the_record"),
];

/// The files lessons import, under the names they import them by.
const DATA: &[(&str, &str)] = &[
    (
        "data/nato_2024.alliance",
        include_str!("../../examples/course/data/nato_2024.alliance"),
    ),
    (
        "data/nato_warsaw_atop.alliance",
        include_str!("../../examples/course/data/nato_warsaw_atop.alliance"),
    ),
];

/// The page's files and the two sessions it drives: the editor's world and the REPL's.
#[wasm_bindgen]
pub struct Playground {
    host: Arc<MemoryHost>,
    /// The editor's text as a session, while it checks with no error.
    world: Option<Session>,
    repl: Session,
    /// The names, relations and scenarios of the last world that checked, for completion while
    /// the text has an error (as it has while a name is half typed).
    vocabulary: session::Vocabulary,
    /// The year of the slider, when it is set.
    as_of: Option<i32>,
}

impl Default for Playground {
    fn default() -> Self {
        Playground::new()
    }
}

#[wasm_bindgen]
impl Playground {
    /// A playground with the page's files and an empty editor.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Playground {
        let mut files: Vec<(String, Vec<u8>)> = DATA
            .iter()
            .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
            .collect();
        for s in SCRIPTS {
            files.push((format!("{}.alliance", s.name), s.text.as_bytes().to_vec()));
        }
        files.push((MAIN.to_string(), Vec::new()));
        let host = Arc::new(MemoryHost::new(files));
        let repl = Session::new(host.clone(), &[]);
        Playground {
            host,
            world: None,
            repl,
            vocabulary: session::Vocabulary::default(),
            as_of: None,
        }
    }

    /// `[{"name", "text", "lesson"}]`: the scripts the page offers.
    pub fn scripts(&self) -> String {
        let list: Vec<Json> = SCRIPTS
            .iter()
            .map(|s| json!({ "name": s.name, "text": s.text, "lesson": s.solution.is_some() }))
            .collect();
        Json::Array(list).to_string()
    }

    /// The editor's text changed: `{"diagnostics", "report", "scenarios", "as_of"}`, the
    /// diagnostics as `alliance check` gives them, the report as `:run` does but without the
    /// scenarios' part (null while the text has an error), the scenarios' names.
    pub fn update(&mut self, text: &str) -> String {
        self.edit(text).to_string()
    }

    /// The whole report on the editor's world, its scenarios included (`:run`), after
    /// [`Playground::update`] gave it without them.
    pub fn full_report(&mut self) -> String {
        match self.world.as_mut() {
            Some(world) => world.line(":run").json().to_string(),
            None => no_world(),
        }
    }

    /// Reads the world as of `year` (a negative year clears it: as the file says) and gives
    /// what [`Playground::update`] gives.
    pub fn set_year(&mut self, year: i32, text: &str) -> String {
        self.as_of = (year >= 0).then_some(year);
        self.edit(text).to_string()
    }

    /// The picture of the editor's world, or of one of its scenarios (`""`: the world), as
    /// `:graph` draws it: the session's output as JSON.
    pub fn graph(&mut self, scenario: &str) -> String {
        let entry = format!(":graph picture.svg {scenario}");
        match self.world.as_mut() {
            Some(world) => world.line(entry.trim_end()).json().to_string(),
            None => no_world(),
        }
    }

    /// The explanation of `atom` (`defends(US, Japan)`), or why it does not hold: `:why` and
    /// `:whynot` as JSON.
    pub fn why(&mut self, atom: &str, whynot: bool) -> String {
        let command = if whynot { ":whynot" } else { ":why" };
        match self.world.as_mut() {
            Some(world) => world.line(&format!("{command} {atom}")).json().to_string(),
            None => no_world(),
        }
    }

    /// Completion at byte `pos` of `line` in the editor: `{"from", "options"}`, `from` the
    /// byte in the line where the replaced word starts.
    pub fn complete(&self, line: &str, pos: usize) -> String {
        let (from, options) = session::complete(&self.vocabulary, self.host.as_ref(), line, pos);
        json!({ "from": from, "options": options }).to_string()
    }

    /// Whether `text` is a whole REPL entry (else the REPL waits for another line).
    pub fn repl_complete(&self, text: &str) -> bool {
        session::is_complete(text)
    }

    /// One REPL entry: `{"text", "failed", "quit"}`, the text as `alliance repl` shows it.
    pub fn repl(&mut self, entry: &str) -> String {
        let out = self.repl.line(entry);
        json!({ "text": out.render(false), "failed": out.failed, "quit": out.quit }).to_string()
    }

    /// Completion at byte `pos` of a REPL line.
    pub fn repl_completions(&self, line: &str, pos: usize) -> String {
        let (from, options) = self.repl.complete(line, pos);
        json!({ "from": from, "options": options }).to_string()
    }

    /// "Check my answer": the expectations of lesson `name`'s solution asked of `text`, one
    /// by one: `{"checks": [{"expect", "passed", "output"}], "diagnostics"}`.
    pub fn check_lesson(&mut self, name: &str, text: &str) -> String {
        check_lesson(self.host.clone(), name, text).to_string()
    }
}

impl Playground {
    /// Checks the editor's text; while it has no error, it becomes the session's world.
    fn edit(&mut self, text: &str) -> Json {
        // The host's file is what the session loads (and what the REPL's `:load main.alliance`
        // reads).
        let _ = self.host.write(MAIN, text.as_bytes(), true);
        // Each text is checked in a table of names of its own, which the world it makes keeps
        // and which goes with it when the next edit replaces it: an hour of typing in class
        // (every prefix of a name being typed is a name) leaves no names behind.
        let interner = Interner::new();
        let entered = interner.enter();
        let checked = check_text(self.host.as_ref(), MAIN, text);
        drop(entered);
        let mut diags: Vec<Diag> = checked.diags.clone();
        diag::sort(&mut diags);
        let diagnostics = Output::fail_diags(diags, &checked.sources).json();
        if checked.has_errors() {
            self.world = None;
            return json!({ "diagnostics": diagnostics, "report": null, "scenarios": [] });
        }
        // The world is the text just checked: the session does not read or check it again.
        let mut world = Session::on_checked(self.host.clone(), MAIN, checked, self.as_of);
        // The report first without the scenarios, which take most of the time: the page draws
        // it, then asks for the whole report ([`Playground::full_report`]).
        let report = world.run_report(&Selection::None).json();
        self.vocabulary = world.vocabulary();
        let scenarios = self.vocabulary.scenarios.clone();
        self.world = Some(world);
        json!({
            "diagnostics": diagnostics,
            "report": report,
            "scenarios": scenarios,
            "as_of": self.as_of,
        })
    }
}

fn no_world() -> String {
    Output::fail("the script has errors: fix them first (they are underlined)")
        .json()
        .to_string()
}

/// The texts of the top-level expectations of a script, in order.
pub fn expectations(text: &str) -> Vec<String> {
    let (file, _) = parse_file(text, alliance::source::FileId(0));
    file.stmts
        .iter()
        .filter(|s| matches!(s.node, Stmt::Ask(Ask::Expect { .. })))
        .filter_map(|s| text.get(s.span.range()))
        .map(|s| s.trim().to_string())
        .collect()
}

/// Asks the expectations of lesson `name`'s solution of the world `text` describes.
fn check_lesson(host: Arc<MemoryHost>, name: &str, text: &str) -> Json {
    let Some(solution) = SCRIPTS
        .iter()
        .find(|s| s.name == name)
        .and_then(|s| s.solution)
    else {
        return json!({ "checks": [], "error": format!("{name} is not a lesson") });
    };
    let _ = host.write(MAIN, text.as_bytes(), true);
    let mut world = Session::new(host, &[MAIN.to_string()]);
    let loaded = world.take_messages();
    if loaded.failed {
        return json!({ "checks": [], "error": loaded.render(false) });
    }
    let checks: Vec<Json> = expectations(solution)
        .into_iter()
        .map(|expect| {
            let out = world.line(&expect);
            json!({ "expect": expect, "passed": !out.failed, "output": out.render(false) })
        })
        .collect();
    json!({ "checks": checks, "error": null })
}

/// The fact a row of the report states, to explain it: `table` is the report's table
/// (`obligations`, `supports`, `deterrence`), `word` the deterrence verdict as the report
/// words it, `a` and `b` the states the row names. Empty when the row states no single fact.
#[wasm_bindgen]
pub fn conclusion(table: &str, word: &str, a: &str, b: &str) -> String {
    use alliance::theory::{rels, words};
    let relation = match (table, word) {
        ("obligations", _) => rels::DEFENDS,
        ("supports", _) => rels::SUPPORTS,
        ("deterrence", w) if w == words::DETERRED => rels::DETERS,
        ("deterrence", w) if w == rels::EXPOSED => rels::EXPOSED,
        ("deterrence", w) if w == rels::UNDETERMINED => rels::UNDETERMINED,
        // A row with no verdict: why it is not deterred.
        ("deterrence", _) => rels::DETERS,
        _ => return String::new(),
    };
    format!("{relation}({a}, {b})")
}

/// Every keyword of the language, as the core's lexer lists them, for the editor's colours.
#[wasm_bindgen]
pub fn keywords() -> String {
    json!(alliance::syntax::lex::KEYWORDS).to_string()
}

/// The message of the last panic, for the page to show before it starts afresh (a panic
/// aborts the WebAssembly instance; the page catches the trap and makes a new one).
static LAST_PANIC: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// Records panics' messages for [`last_panic`]; called once when the page starts.
#[wasm_bindgen]
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = info.to_string();
        }
    }));
}

/// Panics on purpose, so that the page's browser test can check that the page survives a panic
/// (shows it, starts the core again and carries on). Nothing in the page calls it.
#[wasm_bindgen]
pub fn panic_for_test() {
    panic!("a panic asked for by the page's test");
}

/// What the last panic said (empty if none).
#[wasm_bindgen]
pub fn last_panic() -> String {
    LAST_PANIC.lock().map(|s| s.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Json {
        serde_json::from_str(s).expect("JSON")
    }

    #[test]
    fn a_misspelt_name_is_a_diagnostic_with_help_then_clears() {
        let mut p = Playground::new();
        let bad = parse(
            &p.update("state US { gdp: 27T }\nstate Japan { gdp: 4T }\ntreaty US Japn one_way\n"),
        );
        let diags = bad["diagnostics"]["replies"][0]["diagnostics"]
            .as_array()
            .unwrap();
        let error = diags
            .iter()
            .find(|d| d["severity"] == "error")
            .expect("an error");
        assert_eq!(error["message"], "unknown name `Japn`", "{bad}");
        assert!(error["help"].as_str().unwrap().contains("Japan"), "{bad}");
        assert_eq!(error["labels"][0]["place"]["line"], 3);
        assert_eq!(error["labels"][0]["place"]["start"], 56);
        assert!(bad["report"].is_null());
        let good = parse(
            &p.update("state US { gdp: 27T }\nstate Japan { gdp: 4T }\ntreaty US Japan one_way\n"),
        );
        let errors = good["diagnostics"]["replies"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["diagnostics"].as_array().unwrap())
            .filter(|d| d["severity"] == "error")
            .count();
        assert_eq!(errors, 0, "{good}");
        let report = &good["report"]["replies"];
        let report = report
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == "report")
            .expect("a report");
        assert_eq!(report["report"]["obligations"][0]["defender"], "US");
    }

    #[test]
    fn the_seed_world_reports_draws_and_explains() {
        let mut p = Playground::new();
        let seed = parse(&p.update(SCRIPTS[0].text));
        assert!(seed["scenarios"].as_array().unwrap().len() > 1, "{seed}");
        let first = &seed["report"]["replies"][0]["report"];
        assert_eq!(first["scenarios"], json!([]), "{first}");
        let full = parse(&p.full_report());
        assert!(full["replies"][0]["report"]["scenarios"][0].is_object());
        assert_eq!(
            full["replies"][0]["report"]["obligations"],
            first["obligations"]
        );
        let picture = parse(&p.graph(""));
        assert_eq!(picture["replies"][0]["kind"], "picture", "{picture}");
        assert!(picture["replies"][0]["image"]
            .as_str()
            .unwrap()
            .starts_with("<svg"));
        let why = parse(&p.why("defends(US, Japan)", false));
        assert_eq!(why["replies"][0]["outcome"]["explanation"]["holds"], true);
        let whynot = parse(&p.why("defends(Japan, US)", true));
        assert_eq!(
            whynot["replies"][0]["outcome"]["explanation"]["holds"],
            false
        );
    }

    #[test]
    fn the_repl_takes_lines_and_commands() {
        let mut p = Playground::new();
        assert!(!p.repl_complete("state US {"));
        let out = parse(&p.repl("state US { gdp: 27T, nuclear: yes }"));
        assert_eq!(out["failed"], false, "{out}");
        let out = parse(&p.repl("? state(x)"));
        assert!(out["text"].as_str().unwrap().contains("US"), "{out}");
        let out = parse(&p.repl(":load data/nato_2024.alliance"));
        assert!(out["text"].as_str().unwrap().contains("loaded"), "{out}");
    }

    #[test]
    fn every_lesson_solution_passes_its_own_check() {
        for s in SCRIPTS.iter().filter(|s| s.solution.is_some()) {
            let mut p = Playground::new();
            let solution = s.solution.unwrap();
            let done = parse(&p.check_lesson(s.name, solution));
            let checks = done["checks"].as_array().unwrap();
            assert!(!checks.is_empty(), "{}: {done}", s.name);
            assert!(
                checks.iter().all(|c| c["passed"] == true),
                "{}: {done}",
                s.name
            );
            // The lesson as given checks too (its blanks are comments), whatever it answers.
            let start = parse(&p.check_lesson(s.name, s.text));
            assert!(start["error"].is_null(), "{}: {start}", s.name);
            assert_eq!(start["checks"].as_array().unwrap().len(), checks.len());
        }
        // Lesson 1 as given has no treaty: its solution's duties do not hold yet.
        let mut p = Playground::new();
        let start = parse(&p.check_lesson("01_treaties", SCRIPTS[5].text));
        assert_eq!(start["checks"][0]["expect"], "expect defends(US, Japan)");
        assert_eq!(start["checks"][0]["passed"], false, "{start}");
        assert!(parse(&p.check_lesson("asia_pacific_2024", ""))["error"].is_string());
    }

    #[test]
    fn completion_offers_the_worlds_names() {
        let mut p = Playground::new();
        p.update(SCRIPTS[0].text);
        let got = parse(&p.complete("? defends(US, Jap", 17));
        assert!(got["options"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o == "Japan"));
        assert_eq!(got["from"], 14);
        // While the text has an error, the last world that checked still completes.
        p.update("state Japn {");
        let got = parse(&p.complete("? defends(US, Jap", 17));
        assert!(got["options"].as_array().unwrap().contains(&json!("Japan")));
    }
}
