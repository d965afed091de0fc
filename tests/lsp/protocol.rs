//! The protocol kept whatever a client sends, and in whatever order.

use serde_json::{json, Value};

use super::*;

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
fn the_protocol_is_kept_whatever_the_order_of_messages() {
    let uri = "untitled:order";
    let mut server = Server::start();
    // Before `initialize`: a request is refused as the protocol says, a notification dropped.
    let early = server.call("textDocument/hover", at(uri, 0, 0));
    assert_eq!(error_code(&early), -32002, "{early}");
    server.open(uri, "state A\n");
    let early = server.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(error_code(&early), -32002, "{early}");
    // A message that is not JSON, and one that is no message: an error with a null id, or
    // the request's own id; the server reads on.
    server.send_raw("{\"jsonrpc\": \"2.0\", \"id\": ");
    let parse = server.next_answer();
    assert_eq!(
        (error_code(&parse), &parse["id"]),
        (-32700, &Value::Null),
        "{parse}"
    );
    server.send_raw("[1, 2]");
    let invalid = server.next_answer();
    assert_eq!(error_code(&invalid), -32600, "{invalid}");
    server.send_raw("{\"jsonrpc\": \"2.0\", \"id\": 99, \"params\": {}}");
    let invalid = server.next_answer();
    assert_eq!(
        (error_code(&invalid), &invalid["id"]),
        (-32600, &json!(99)),
        "{invalid}"
    );
    // `initialize`; a request before `initialized` is answered like any other.
    let init = server.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(init["serverInfo"]["name"], "alliance");
    let unopened = server.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(
        unopened["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("is not open"),
        "the didOpen sent before initialize was dropped: {unopened}"
    );
    let again = server.call("initialize", json!({"capabilities": {}}));
    assert_eq!(error_code(&again), -32600, "{again}");
    server.notify("initialized", json!({}));
    let missing = server.call("alliance/noSuchThing", json!({}));
    assert_eq!(error_code(&missing), -32601, "{missing}");
    server.open(uri, "state A\n");
    server.diagnostics(uri);
    // After `shutdown`, requests are refused until `exit`.
    assert_eq!(server.request("shutdown", Value::Null), Value::Null);
    let late = server.call("textDocument/hover", at(uri, 0, 6));
    assert_eq!(error_code(&late), -32600, "{late}");
    server.notify("exit", Value::Null);
    let status = server.status();
    assert!(status.success(), "{status}");
}

#[test]
fn exit_without_shutdown_ends_with_status_1() {
    let mut server = Server::start();
    server.notify("exit", Value::Null);
    assert_eq!(server.status().code(), Some(1));
}
