//! `alliance lsp`: a language server over standard input and output, with the message types
//! of rust-analyzer's synchronous `lsp-server` and a transport of its own ([`transport`]).
//! It is a thin layer: the checker finds the diagnostics, the core's
//! [`crate::analysis`] finds names, hover text, the outline and completions, the formatter
//! formats; this module only speaks the protocol.
//!
//! Nothing a client sends may stop the server: a request it cannot answer (an unknown
//! document, bad parameters, a message out of turn or not JSON at all, even a bug that
//! panics) gets an error response, and the loop goes on until `exit`.

// `lsp_types::Uri` hashes and compares by its text, which never changes: clippy sees a cell
// inside it (a parsed URI's cached parts) and warns in vain.
#![allow(clippy::mutable_key_type)]

mod convert;
mod folders;
mod notes;
mod requests;
mod transport;
mod workspace;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

use std::sync::mpsc::{Receiver, Sender};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeWatchedFiles, Exit, Initialized, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    Initialize, PrepareRenameRequest, References, RegisterCapability, Rename, Request as _,
    Shutdown,
};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, OneOf,
    PublishDiagnosticsParams, Registration, RegistrationParams, RenameOptions, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri, WorkDoneProgressOptions,
};

use notes::notify;
use transport::{Incoming, Outgoing};
use workspace::Workspace;

/// Runs the server until the client says `exit`: status 0 after `shutdown`, 1 if the client
/// exits without it or the connection breaks (as the protocol asks).
pub fn main() -> ExitCode {
    let (incoming, outgoing, writer) = transport::stdio();
    let status = match serve(&incoming, &outgoing) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("alliance lsp: {err}");
            ExitCode::from(1)
        }
    };
    // Everything sent is written before the process ends.
    drop(outgoing);
    let _ = writer.join();
    status
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
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

/// Where the conversation with the client is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`: requests are refused with `ServerNotInitialized`.
    Waiting,
    /// After the answer to `initialize` (the `initialized` notification is not awaited: a
    /// request sent before it is answered as any other).
    Running,
    /// After `shutdown`: only `exit` is awaited.
    ShutDown,
}

/// The conversation: whether it ended as the protocol asks (`shutdown`, then `exit`).
fn serve(incoming: &Receiver<Incoming>, out: &Sender<Outgoing>) -> Result<bool, String> {
    let mut ws = Workspace::new();
    let mut phase = Phase::Waiting;
    let mut watch = false;
    for message in incoming {
        ws.renew_names();
        let _entered = ws.interner.enter();
        let req = match message {
            Incoming::Malformed { id, code, message } => {
                let reply = match id {
                    Some(id) => {
                        Outgoing::Message(Response::new_err(id, code as i32, message).into())
                    }
                    None => Outgoing::Error { code, message },
                };
                send(out, reply)?;
                continue;
            }
            Incoming::Message(Message::Response(_)) => continue,
            Incoming::Message(Message::Notification(note)) => {
                match (phase, note.method.as_str()) {
                    (_, Exit::METHOD) => return Ok(phase == Phase::ShutDown),
                    (Phase::Waiting | Phase::ShutDown, _) => {}
                    (Phase::Running, Initialized::METHOD) => {
                        if watch {
                            send(out, Outgoing::Message(watch_files().into()))?;
                        }
                    }
                    (Phase::Running, _) => {
                        if notify(&mut ws, note) {
                            publish(out, &mut ws)?;
                        }
                    }
                }
                continue;
            }
            Incoming::Message(Message::Request(req)) => req,
        };
        let response = match (phase, req.method.as_str()) {
            (Phase::Waiting, Initialize::METHOD) => {
                watch = initialize(&mut ws, &req.params);
                phase = Phase::Running;
                Response::new_ok(req.id, initialize_result())
            }
            (Phase::Waiting, _) => {
                refuse(req, ErrorCode::ServerNotInitialized, "before `initialize`")
            }
            (Phase::Running, Initialize::METHOD) => {
                refuse(req, ErrorCode::InvalidRequest, "a second time")
            }
            (Phase::Running, Shutdown::METHOD) => {
                phase = Phase::ShutDown;
                Response::new_ok(req.id, ())
            }
            (Phase::Running, _) => respond(&ws, req),
            (Phase::ShutDown, _) => refuse(req, ErrorCode::InvalidRequest, "after `shutdown`"),
        };
        send(out, Outgoing::Message(response.into()))?;
    }
    Err("the client closed the connection without `exit`".into())
}

fn refuse(req: Request, code: ErrorCode, when: &str) -> Response {
    let message = format!("alliance lsp cannot answer `{}` {when}", req.method);
    Response::new_err(req.id, code as i32, message)
}

fn initialize_result() -> serde_json::Value {
    serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: "alliance".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    })
}

/// Reads what `initialize` says: the workspace's folders (or its root), and whether the
/// client lets the server ask to watch files (the answer).
fn initialize(ws: &mut Workspace, params: &serde_json::Value) -> bool {
    let folders = params["workspaceFolders"].as_array().into_iter().flatten();
    let mut roots: Vec<String> = folders
        .filter_map(|f| f["uri"].as_str()?.parse::<Uri>().ok())
        .filter_map(|uri| convert::path(&uri))
        .collect();
    if roots.is_empty() {
        let root_uri = params["rootUri"]
            .as_str()
            .and_then(|u| u.parse::<Uri>().ok());
        let root = root_uri
            .and_then(|u| convert::path(&u))
            .or_else(|| params["rootPath"].as_str().map(str::to_string));
        roots.extend(root);
    }
    // The workspace is the project: a script may import any file in it.
    for root in &roots {
        ws.host.add_root(root);
    }
    ws.roots = roots;
    params["capabilities"]["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"]
        .as_bool()
        .unwrap_or(false)
}

/// The request that asks the client to report every change to a `.alliance` file.
fn watch_files() -> Request {
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: "alliance-files".into(),
            method: DidChangeWatchedFiles::METHOD.into(),
            register_options: Some(serde_json::json!({
                "watchers": [{"globPattern": "**/*.alliance"}],
            })),
        }],
    };
    Request::new(
        RequestId::from("watch-alliance-files".to_string()),
        RegisterCapability::METHOD.into(),
        params,
    )
}

fn send(out: &Sender<Outgoing>, message: Outgoing) -> Result<(), String> {
    out.send(message)
        .map_err(|_| "the client went away".to_string())
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

fn publish(out: &Sender<Outgoing>, ws: &mut Workspace) -> Result<(), String> {
    for (uri, diagnostics) in ws.diagnostics() {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        };
        let note = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
        send(out, Outgoing::Message(note.into()))?;
    }
    Ok(())
}
