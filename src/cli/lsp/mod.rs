//! `alliance lsp`: a language server over standard input and output, on rust-analyzer's
//! synchronous `lsp-server`. It is a thin layer: the checker finds the diagnostics, the core's
//! [`crate::analysis`] finds names, hover text, the outline and completions, the formatter
//! formats; this module only speaks the protocol.
//!
//! Nothing a client sends may stop the server: a request it cannot answer (an unknown
//! document, bad parameters, even a bug that panics) gets an error response, and the loop
//! goes on until `shutdown` and `exit`.

// `lsp_types::Uri` hashes and compares by its text, which never changes: clippy sees a cell
// inside it (a parsed URI's cached parts) and warns in vain.
#![allow(clippy::mutable_key_type)]

mod convert;
mod requests;
mod workspace;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    PrepareRenameRequest, References, Rename, Request as _,
};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, HoverProviderCapability, OneOf,
    PublishDiagnosticsParams, RenameOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, WorkDoneProgressOptions,
};

use workspace::Workspace;

/// Runs the server until the client says `exit`. Exit status 1 if the connection broke.
pub fn main() -> ExitCode {
    let (connection, io) = Connection::stdio();
    let status = match serve(&connection) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("alliance lsp: {err}");
            ExitCode::from(1)
        }
    };
    drop(connection);
    let _ = io.join();
    status
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["(".into(), "{".into(), ",".into(), " ".into()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

fn serve(connection: &Connection) -> Result<(), String> {
    let init = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: "alliance".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    let failed = |e: lsp_server::ProtocolError| format!("initialisation failed: {e}");
    let (id, _) = connection.initialize_start().map_err(failed)?;
    connection.initialize_finish(id, init).map_err(failed)?;
    let mut ws = Workspace::new();
    for message in &connection.receiver {
        match message {
            Message::Request(req) => {
                if connection
                    .handle_shutdown(&req)
                    .map_err(|e| e.to_string())?
                {
                    return Ok(());
                }
                let response = respond(&ws, req);
                send(connection, Message::Response(response))?;
            }
            Message::Notification(note) => {
                if notify(&mut ws, note) {
                    publish(connection, &mut ws)?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn send(connection: &Connection, message: Message) -> Result<(), String> {
    connection
        .sender
        .send(message)
        .map_err(|e| format!("the client went away: {e}"))
}

/// Answers one request; a panic while answering becomes an error response.
fn respond(ws: &Workspace, req: Request) -> Response {
    let id = req.id.clone();
    let answer = catch_unwind(AssertUnwindSafe(|| dispatch(ws, req))).unwrap_or_else(|_| {
        Err((
            ErrorCode::InternalError,
            "the server failed on this request".into(),
        ))
    });
    match answer {
        Ok(value) => Response::new_ok(id, value),
        Err((code, message)) => Response::new_err(id, code as i32, message),
    }
}

type Failure = (ErrorCode, String);

/// Decodes a request's parameters and runs its handler.
fn handle<P: serde::de::DeserializeOwned>(
    req: Request,
    run: impl FnOnce(P) -> requests::Answer,
) -> Result<serde_json::Value, Failure> {
    let params: P = serde_json::from_value(req.params)
        .map_err(|e| (ErrorCode::InvalidParams, format!("bad parameters: {e}")))?;
    run(params).map_err(|m| (ErrorCode::RequestFailed, m))
}

fn dispatch(ws: &Workspace, req: Request) -> Result<serde_json::Value, Failure> {
    match req.method.as_str() {
        HoverRequest::METHOD => handle(req, |p| requests::hover(ws, p)),
        GotoDefinition::METHOD => handle(req, |p| requests::definition(ws, p)),
        References::METHOD => handle(req, |p| requests::references(ws, p)),
        PrepareRenameRequest::METHOD => handle(req, |p| requests::prepare_rename(ws, p)),
        Rename::METHOD => handle(req, |p| requests::rename(ws, p)),
        Completion::METHOD => handle(req, |p| requests::completion(ws, p)),
        DocumentSymbolRequest::METHOD => handle(req, |p| requests::symbols(ws, p)),
        Formatting::METHOD => handle(req, |p| requests::formatting(ws, p)),
        CodeActionRequest::METHOD => handle(req, |p| requests::code_actions(ws, p)),
        other => Err((
            ErrorCode::MethodNotFound,
            format!("alliance lsp does not answer `{other}`"),
        )),
    }
}

/// Applies a notification; whether the documents changed (so diagnostics are due).
fn notify(ws: &mut Workspace, note: Notification) -> bool {
    let applied = catch_unwind(AssertUnwindSafe(|| match note.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(note.params) else {
                return false;
            };
            ws.set(p.text_document.uri, p.text_document.text);
            true
        }
        DidChangeTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(note.params) else {
                return false;
            };
            let uri = p.text_document.uri;
            let Some(mut text) = ws.docs.get(&uri).map(|d| d.text.clone()) else {
                return false;
            };
            for change in p.content_changes {
                match change.range {
                    Some(range) => {
                        let lines = crate::source::LineIndex::new(&text);
                        let start = convert::offset(&text, &lines, range.start);
                        let end = convert::offset(&text, &lines, range.end).max(start);
                        text.replace_range(start..end, &change.text);
                    }
                    None => text = change.text,
                }
            }
            ws.set(uri, text);
            true
        }
        DidCloseTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(note.params) else {
                return false;
            };
            ws.close(&p.text_document.uri);
            true
        }
        _ => false,
    }));
    applied.unwrap_or(false)
}

fn publish(connection: &Connection, ws: &mut Workspace) -> Result<(), String> {
    for (uri, diagnostics) in ws.diagnostics() {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        };
        let note = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
        send(connection, Message::Notification(note))?;
    }
    Ok(())
}
