//! `alliance lsp` driven as an editor drives it: the real binary, JSON-RPC over its standard
//! input and output. Every wait has a timeout, and the server is killed if the test fails.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

/// The longest any one answer may take.
const TIMEOUT: Duration = Duration::from_secs(30);

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications that arrived while a response was awaited.
    notes: Vec<Value>,
    next_id: i64,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_alliance"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
            notes: Vec::new(),
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    /// Opens a document with its text.
    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "alliance", "version": 1, "text": text}}),
        );
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response (the whole message: `result` or `error`).
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.next();
            if message["id"] == json!(id) && message.get("method").is_none() {
                return message;
            }
            self.notes.push(message);
        }
    }

    /// A request's result; fails the test on an error response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(TIMEOUT)
            .expect("the server answers in time")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let is_for = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        };
        if let Some(i) = self.notes.iter().position(is_for) {
            let note = self.notes.remove(i);
            return note["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
        loop {
            let message = self.next();
            if is_for(&message) {
                return message["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
            self.notes.push(message);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// A folder of its own for each test's files.
fn folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("alliance-lsp-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir.canonicalize().expect("canonical temp folder")
}

fn uri_of(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// UTF-16 column of `needle` on `line`, as the protocol counts.
fn column(line: &str, needle: &str) -> u32 {
    let byte = line.find(needle).expect("needle on the line");
    line[..byte].encode_utf16().count() as u32
}

const BROKEN: &str = "# Alliances of 2024 — a small world 😀
state US \"United States\" { gdp: 27.36T, nuclear: yes }
state Japan { gdp: 4.21T }
state China { gdp: 17.79T, nuclear: yes }
treaty US Japan one_way
threat China against Japan
state Korea \"대한민국 😀\" { gdp: 1.71T } partner Korea Japn
? defends(x, Japan)
";

fn initialize(server: &mut Server) -> Value {
    let result = server.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    server.notify("initialized", json!({}));
    result
}

#[test]
fn an_editor_session() {
    let dir = folder("session");
    let path = dir.join("world.alliance");
    std::fs::write(&path, BROKEN).expect("write the script");
    let uri = uri_of(&path);
    let mut server = Server::start();

    let init = initialize(&mut server);
    assert_eq!(init["serverInfo"]["name"], "alliance");
    assert_eq!(init["capabilities"]["hoverProvider"], true);

    // Opened with a mistake after non-ASCII text: the range counts UTF-16 units.
    server.open(&uri, BROKEN);
    let diags = server.diagnostics(&uri);
    let unknown = diags
        .iter()
        .find(|d| d["code"] == "alliance::unknown_name")
        .unwrap_or_else(|| panic!("no unknown_name in {diags:?}"));
    let line6 = BROKEN.lines().nth(6).expect("line 6");
    let start = column(line6, "Japn");
    assert_eq!(
        start, 51,
        "ten UTF-16 units fewer than the 61 bytes before `Japn`"
    );
    assert_eq!(
        unknown["range"],
        json!({"start": {"line": 6, "character": start}, "end": {"line": 6, "character": start + 4}})
    );
    assert_eq!(unknown["severity"], 1);
    assert!(unknown["message"]
        .as_str()
        .unwrap_or("")
        .contains("unknown name `Japn`"));
    assert!(unknown["message"]
        .as_str()
        .unwrap_or("")
        .contains("help: did you mean `Japan`?"));
    assert_eq!(
        unknown["relatedInformation"][0]["message"],
        "not declared anywhere"
    );

    // The did-you-mean as a quick fix.
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": unknown["range"], "context": {"diagnostics": []}}),
    );
    let action = &actions[0];
    assert_eq!(action["title"], "Write `Japan`");
    assert_eq!(action["kind"], "quickfix");
    let edit = &action["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], "Japan");
    assert_eq!(edit["range"], unknown["range"]);

    // Fixed by an incremental change: no more errors.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": unknown["range"], "text": "Japan"}]}),
    );
    let diags = server.diagnostics(&uri);
    assert!(diags.iter().all(|d| d["severity"] != 1), "{diags:?}");

    // Hover: a state in words, a relation in a question with its answer and its rules.
    let hover = server.request("textDocument/hover", at(&uri, 4, 7));
    let text = hover["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(
        text.starts_with("**United States** (`US`): nuclear-armed, GDP 27.36T, must defend Japan"),
        "{text}"
    );
    assert_eq!(hover["range"]["start"], json!({"line": 4, "character": 7}));
    let text = hover_text(&mut server, &uri, 7, 4);
    assert!(text.starts_with("```text\nx = US\n```"), "{text}");
    assert!(
        text.contains("**defends**: 2 arguments, derived by rules"),
        "{text}"
    );
    assert!(text.contains("rule defends(a, b)"), "{text}");
    assert!(text.contains("standard theory"), "{text}");

    // Definition: `Japan` in the treaty goes to its declaration; `defends` to the prelude.
    let defs = server.request("textDocument/definition", at(&uri, 4, 11));
    assert_eq!(defs[0]["uri"], uri.as_str());
    assert_eq!(
        defs[0]["range"],
        json!({"start": {"line": 2, "character": 6}, "end": {"line": 2, "character": 11}})
    );
    let defs = server.request("textDocument/definition", at(&uri, 7, 4));
    let prelude = defs[0]["uri"].as_str().unwrap_or("").to_string();
    assert!(prelude.ends_with("/prelude.alliance"), "{defs}");
    let path = prelude.trim_start_matches("file://");
    let prelude_text = std::fs::read_to_string(path).expect("the prelude is on disk");
    let line = defs[0]["range"]["start"]["line"].as_u64().unwrap_or(0) as usize;
    assert!(prelude_text
        .lines()
        .nth(line)
        .unwrap_or("")
        .contains("defends("));

    // References of Japan: its declaration, the treaty, the threat, the partner, the query.
    let refs = server.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 7},
               "context": {"includeDeclaration": true}}),
    );
    let lines: Vec<u64> = refs
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|l| l["range"]["start"]["line"].as_u64())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(lines, vec![2, 4, 5, 6, 7]);

    // Rename US everywhere; a keyword or a lower-case name is refused.
    let edit = server.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 6}, "newName": "USA"}),
    );
    let edits = edit["changes"][uri.as_str()]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(edits.len(), 2);
    assert!(edits.iter().all(|e| e["newText"] == "USA"));
    let refused = server.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 6}, "newName": "usa"}),
    );
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("a name begins with a capital letter"));

    // Completion of a relation, with its arity.
    let items = server.request("textDocument/completion", at(&uri, 7, 4));
    let defends = items
        .as_array()
        .and_then(|i| i.iter().find(|c| c["label"] == "defends"))
        .cloned()
        .expect("defends is offered");
    assert_eq!(defends["detail"], "defends(a, b)");
    assert_eq!(defends["insertText"], "defends(");

    // The outline.
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .map(|s| s.iter().filter_map(|s| s["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        names[..4],
        ["US", "Japan", "China", "treaty US Japan one_way"]
    );

    // Formatting: the two statements on one line go on lines of their own.
    let edits = server.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let formatted = edits[0]["newText"].as_str().unwrap_or("");
    assert!(
        formatted.contains("{ gdp: 1.71T }\n\npartner Korea Japan\n"),
        "{formatted}"
    );
    assert_eq!(
        edits[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    assert_eq!(edits[0]["range"]["end"], json!({"line": 8, "character": 0}));

    shutdown(server);
    let _ = std::fs::remove_dir_all(dir);
}

/// `shutdown`, then `exit`: the process ends by itself with status 0.
fn shutdown(mut server: Server) {
    let result = server.request("shutdown", Value::Null);
    assert_eq!(result, Value::Null);
    server.notify("exit", Value::Null);
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            assert!(status.success(), "{status}");
            return;
        }
        assert!(started.elapsed() < TIMEOUT, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn imports_come_from_open_buffers_first() {
    let dir = folder("imports");
    let main = dir.join("main.alliance");
    let lib = dir.join("lib.alliance");
    std::fs::write(&main, "import \"lib.alliance\"\ntreaty US Japan mutual\n").expect("main");
    std::fs::write(&lib, "state US\n").expect("lib on disk lacks Japan");
    let (main_uri, lib_uri) = (uri_of(&main), uri_of(&lib));
    let mut server = Server::start();
    initialize(&mut server);
    server.open(
        &main_uri,
        "import \"lib.alliance\"\ntreaty US Japan mutual\n",
    );
    let diags = server.diagnostics(&main_uri);
    assert!(
        diags.iter().any(|d| d["code"] == "alliance::unknown_name"),
        "{diags:?}"
    );
    // The unsaved buffer declares Japan: the importing file is checked against it.
    server.open(&lib_uri, "state US\nstate Japan\n");
    let mut diags = server.diagnostics(&main_uri);
    // Both documents are published after each change; take main's latest.
    while diags.iter().any(|d| d["code"] == "alliance::unknown_name") {
        diags = server.diagnostics(&main_uri);
    }
    assert!(diags.iter().all(|d| d["severity"] != 1), "{diags:?}");
    // Go to definition crosses into the imported buffer.
    let defs = server.request("textDocument/definition", at(&main_uri, 1, 11));
    assert_eq!(defs[0]["uri"], lib_uri.as_str());
    assert_eq!(
        defs[0]["range"]["start"],
        json!({"line": 1, "character": 6})
    );
    shutdown(server);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn nothing_a_client_sends_stops_the_server() {
    let mut server = Server::start();
    initialize(&mut server);
    let uri = "file:///nowhere/x.alliance";
    // A request about a document never opened: an error, not a crash.
    let unknown = server.call("textDocument/hover", at(uri, 0, 0));
    assert!(unknown["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("is not open"));
    // Bad parameters and an unknown method.
    let bad = server.call("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(bad["error"]["code"], -32602);
    let missing = server.call("workspace/doesNotExist", json!({}));
    assert_eq!(missing["error"]["code"], -32601);
    // Positions far outside the text, an edit range past the end, a huge edit.
    server.open(uri, "state A 😀");
    server.diagnostics(uri);
    let far = server.request("textDocument/hover", at(uri, 4_000_000_000, 4_000_000_000));
    assert_eq!(far, Value::Null);
    let huge: String = (0..50_000).map(|i| format!("state S{i}\n")).collect();
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 9}, "end": {"line": 99, "character": 0}}, "text": huge},
            {"range": {"start": {"line": 7, "character": 3}, "end": {"line": 2, "character": 0}}, "text": "x"}
        ]}),
    );
    server.diagnostics(uri);
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(symbols.as_array().is_some_and(|s| !s.is_empty()));
    shutdown(server);
}

#[test]
fn slips_have_quick_fixes_and_closing_clears_diagnostics() {
    let uri = "untitled:slips";
    let text = "state US\nstate Japan\ntreaty US Japan one-way\n";
    let mut server = Server::start();
    initialize(&mut server);
    server.open(uri, text);
    let diags = server.diagnostics(uri);
    let hyphen = diags
        .iter()
        .find(|d| d["code"] == "alliance::hyphen")
        .unwrap_or_else(|| panic!("no hyphen diagnostic in {diags:?}"));
    let range = json!({"start": {"line": 2, "character": 16}, "end": {"line": 2, "character": 23}});
    assert_eq!(hyphen["range"], range);
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
    );
    assert_eq!(actions[0]["title"], "Write `one_way`");
    assert_eq!(actions[0]["edit"]["changes"][uri][0]["newText"], "one_way");
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(server.diagnostics(uri), Vec::<Value>::new());
    shutdown(server);
}

/// The text of a hover's Markdown.
fn hover_text(server: &mut Server, uri: &str, line: u32, character: u32) -> String {
    let hover = server.request("textDocument/hover", at(uri, line, character));
    hover["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn questions_are_answered_while_other_lines_have_errors() {
    let uri = "untitled:half-written";
    let text = "state US { gdp: 27.36T, nuclear: yes }
state Japan { gdp: 4.21T }
state China { gdp: 17.79T, nuclear: yes }
treaty US Japan one_way
threat China against Japan
treaty US Japn mutual
? defends(x, Japan)
expect deters(Japan, China)
state Oops { gdp: }
";
    let mut server = Server::start();
    initialize(&mut server);
    server.open(uri, text);
    let diags = server.diagnostics(uri);
    let errors: Vec<u64> = diags
        .iter()
        .filter(|d| d["severity"] == 1)
        .filter_map(|d| d["range"]["start"]["line"].as_u64())
        .collect();
    assert_eq!(errors, vec![5, 8], "{diags:?}");
    // The query and the expectation are answered from the lines that check, and say so.
    let query = hover_text(&mut server, uri, 6, 4);
    assert!(query.starts_with("```text\nx = US\n```"), "{query}");
    assert!(
        query.contains("_This answer ignores the lines with errors: 6 and 9._"),
        "{query}"
    );
    let expectation = hover_text(&mut server, uri, 7, 9);
    assert!(
        expectation.starts_with("**passes**: it holds, as expected"),
        "{expectation}"
    );
    assert!(
        expectation.contains("lines with errors: 6 and 9"),
        "{expectation}"
    );
    // Once the lines are gone, the answer no longer mentions them.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 8, "character": 0}, "end": {"line": 9, "character": 0}}, "text": ""},
            {"range": {"start": {"line": 5, "character": 0}, "end": {"line": 6, "character": 0}}, "text": ""}
        ]}),
    );
    let diags = server.diagnostics(uri);
    assert!(diags.iter().all(|d| d["severity"] != 1), "{diags:?}");
    let query = hover_text(&mut server, uri, 5, 4);
    assert!(query.starts_with("```text\nx = US\n```"), "{query}");
    assert!(!query.contains("ignores"), "{query}");
    shutdown(server);
}
