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
        self.send_raw(&message.to_string());
    }

    /// Sends any text as a message's body.
    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    /// The next message that is not a notification (a response, or a request of the server).
    fn next_answer(&mut self) -> Value {
        loop {
            let message = self.next();
            if message.get("id").is_some() {
                return message;
            }
            self.notes.push(message);
        }
    }

    /// The process's exit status, waited for.
    fn status(&mut self) -> std::process::ExitStatus {
        let started = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(started.elapsed() < TIMEOUT, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
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

fn initialize(server: &mut Server) -> Value {
    let result = server.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    server.notify("initialized", json!({}));
    result
}

/// `shutdown`, then `exit`: the process ends by itself with status 0.
fn shutdown(mut server: Server) {
    let result = server.request("shutdown", Value::Null);
    assert_eq!(result, Value::Null);
    server.notify("exit", Value::Null);
    let status = server.status();
    assert!(status.success(), "{status}");
}

/// The text of a hover's Markdown.
fn hover_text(server: &mut Server, uri: &str, line: u32, character: u32) -> String {
    let hover = server.request("textDocument/hover", at(uri, line, character));
    hover["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

fn error_code(response: &Value) -> i64 {
    response["error"]["code"].as_i64().unwrap_or(0)
}

/// `initialize` with a workspace folder, the client able to register file watchers.
fn initialize_in(server: &mut Server, dir: &std::path::Path) {
    let folder = uri_of(dir);
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": folder,
               "workspaceFolders": [{"uri": folder, "name": "w"}],
               "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}),
    );
    server.notify("initialized", json!({}));
    // The server asks to watch every script.
    let register = server.next_answer();
    assert_eq!(
        register["method"], "client/registerCapability",
        "{register}"
    );
    let registration = &register["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registration["registerOptions"]["watchers"][0]["globPattern"],
        "**/*.alliance"
    );
    server.send(json!({"jsonrpc": "2.0", "id": register["id"], "result": null}));
}

/// The lines of the locations in one file, in order.
fn lines_in(locations: &Value, uri: &str) -> Vec<u64> {
    locations
        .as_array()
        .into_iter()
        .flatten()
        .filter(|l| l["uri"] == uri)
        .filter_map(|l| l["range"]["start"]["line"].as_u64())
        .collect()
}

/// Waits for `uri`'s diagnostics until `done` holds of them.
fn diagnostics_until(
    server: &mut Server,
    uri: &str,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    loop {
        let diags = server.diagnostics(uri);
        if done(&diags) {
            return diags;
        }
    }
}

fn has_unknown_name(diags: &[Value]) -> bool {
    diags.iter().any(|d| d["code"] == "alliance::unknown_name")
}

mod editing;
mod protocol;
mod workspace;
