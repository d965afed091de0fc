//! The notifications that change what the server knows: documents opened, edited, saved and
//! closed, and files changed on the disk.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lsp_server::Notification;
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _,
};
use lsp_types::{
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams,
};

use super::convert;
use super::workspace::Workspace;

/// Applies a notification; whether the documents changed (so diagnostics are due). One the
/// server does not know, or whose parameters it cannot read, changes nothing.
pub fn notify(ws: &mut Workspace, note: Notification) -> bool {
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
            changed(ws, p)
        }
        DidCloseTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(note.params) else {
                return false;
            };
            ws.close(&p.text_document.uri);
            true
        }
        DidSaveTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(note.params) else {
                return false;
            };
            match p.text {
                Some(text) => {
                    ws.set(p.text_document.uri, text);
                    true
                }
                // The buffer is what was saved; what imports it is read again all the same,
                // in case the file was changed outside the editor too.
                None => ws.reread(&[convert::path(&p.text_document.uri).unwrap_or_default()]),
            }
        }
        DidChangeWatchedFiles::METHOD => {
            let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(note.params) else {
                return false;
            };
            let paths: Vec<String> = p
                .changes
                .iter()
                .filter_map(|c| convert::path(&c.uri))
                .collect();
            ws.reread(&paths)
        }
        _ => false,
    }));
    applied.unwrap_or(false)
}

/// Applies a document's edits in order: each range is in the text the edit before left.
fn changed(ws: &mut Workspace, p: DidChangeTextDocumentParams) -> bool {
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
