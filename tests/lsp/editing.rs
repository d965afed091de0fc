//! Editing one document: diagnostics, quick fixes, hover, definitions, completion, the outline
//! and formatting.

use serde_json::{json, Value};

use super::*;

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

/// The labels and details offered at a place.
fn offered(server: &mut Server, uri: &str, line: u32, character: u32) -> Vec<(String, String)> {
    let items = server.request("textDocument/completion", at(uri, line, character));
    items
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let text = |v: &Value| v.as_str().unwrap_or("").to_string();
            (text(&c["label"]), text(&c["detail"]))
        })
        .collect()
}

#[test]
fn attribute_keys_and_group_kinds_are_offered_where_they_go() {
    let uri = "untitled:completion";
    let text = "state US { gdp: 27.36T }
state Japan \"Japan\" {
  gdp: 4.21T,
  
}
group Quad 
";
    let mut server = Server::start();
    initialize(&mut server);
    server.open(uri, text);
    server.diagnostics(uri);
    // On the empty line of a declaration that spans several.
    let keys = offered(&mut server, uri, 3, 2);
    let labels: Vec<&str> = keys.iter().map(|(l, _)| l.as_str()).collect();
    assert!(
        ["gdp", "nuclear", "spending", "region"]
            .iter()
            .all(|k| labels.contains(k)),
        "{keys:?}"
    );
    assert!(
        !labels.contains(&"state") && !labels.contains(&"US"),
        "{keys:?}"
    );
    let gdp = keys
        .iter()
        .find(|(l, _)| l == "gdp")
        .map(|(_, d)| d.as_str());
    assert_eq!(gdp, Some("standard attribute: money (like `4.2T`)"));
    // A value is not a key: names and relations are offered there.
    let value = offered(&mut server, uri, 2, 7);
    assert!(value.iter().any(|(l, _)| l == "Japan"), "{value:?}");
    // After a group's name, its kind.
    let kinds: Vec<String> = offered(&mut server, uri, 5, 11)
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(
        kinds,
        ["intelligence", "technology", "exercises", "economic"]
    );
    shutdown(server);
}
