//! The open documents and the world each one makes: imports are read from the open buffers
//! first (what the user sees, saved or not), then from the disk.

use std::collections::HashMap;
use std::sync::Mutex;

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

use super::convert;
use crate::analysis::Analysis;
use crate::check::{check_file, PRELUDE};
use crate::cli::files::DiskHost;
use crate::diag::{Diag, Severity};
use crate::host::{Host, HostError, Resolved};
use crate::interner::Interner;
use crate::source::{FileId, SourceFile};

/// The disk, with the open buffers laid over it (by the disk host's key for each file).
#[derive(Default)]
pub struct Buffers {
    disk: DiskHost,
    open: Mutex<HashMap<String, String>>,
}

impl Buffers {
    /// Lets imports read files under `folder` (a workspace folder).
    pub fn add_root(&self, folder: &str) {
        self.disk.add_root(std::path::Path::new(folder));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Host for Buffers {
    fn resolve(&self, from: Option<&Resolved>, path: &str) -> Result<Resolved, HostError> {
        self.disk.resolve(from, path)
    }

    fn read(&self, file: &Resolved) -> Result<Vec<u8>, HostError> {
        match self.lock().get(&file.key) {
            Some(text) => Ok(text.clone().into_bytes()),
            None => self.disk.read(file),
        }
    }

    fn write(&self, path: &str, _: &[u8], _: bool) -> Result<String, HostError> {
        Err(HostError::new(format!(
            "cannot write {path}: the language server writes no files"
        )))
    }
}

/// One open document.
pub struct Doc {
    pub uri: Uri,
    /// The name the checker knows it by: its path, or its URI when it has none.
    pub name: String,
    pub text: String,
    /// The world it makes, checked after its last change.
    pub analysis: Analysis,
}

impl Doc {
    /// This document's file in its own world.
    pub fn file(&self) -> Option<FileId> {
        self.analysis.file(&self.name)
    }
}

/// Every open document, and where the standard theory can be shown.
pub struct Workspace {
    pub host: Buffers,
    pub docs: HashMap<Uri, Doc>,
    /// A copy of the prelude on disk, so "go to definition" can open a rule of the standard
    /// theory (editors open files, not text held by a server).
    pub prelude: Option<Uri>,
    /// The documents diagnostics were last published for, to clear those that have none now.
    published: Vec<Uri>,
    /// The workspace's folders as the client named them at `initialize`: references and
    /// rename look at every `.alliance` file under them.
    pub roots: Vec<String>,
    /// The names the server has seen ([`crate::interner`]): each edit may add some (every
    /// prefix of a name being typed is one), so the documents are checked again in a fresh
    /// table once it has outgrown the `live` names they needed.
    pub interner: Interner,
    live: usize,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            interner: Interner::new(),
            live: 0,
            host: Buffers::default(),
            docs: HashMap::new(),
            prelude: write_prelude(),
            published: Vec::new(),
            roots: Vec::new(),
        }
    }

    /// Renews the table of names if it has outgrown what the open documents need: they are
    /// checked again in a fresh one, and the old one is freed with the names of text long
    /// since edited away. Called between messages, so no request holds an old name.
    pub fn renew_names(&mut self) {
        if !self.interner.outgrown(self.live) {
            return;
        }
        let fresh = Interner::new();
        let entered = fresh.enter();
        self.recheck(None);
        drop(entered);
        self.live = fresh.len();
        self.interner = fresh;
    }

    /// Opens or replaces a document's text, and checks every open document again (any of
    /// them may import it).
    pub fn set(&mut self, uri: Uri, text: String) {
        let name = convert::path(&uri).unwrap_or_else(|| uri.as_str().to_string());
        if let Ok(file) = self.host.resolve(None, &name) {
            self.host.lock().insert(file.key, text.clone());
        }
        let analysis = Analysis::new(check_file(&self.host, &name));
        let doc = Doc {
            uri: uri.clone(),
            name,
            text,
            analysis,
        };
        self.docs.insert(uri.clone(), doc);
        self.recheck(Some(&uri));
    }

    /// Forgets a closed document: imports read its file from the disk again.
    pub fn close(&mut self, uri: &Uri) {
        if let Some(doc) = self.docs.remove(uri) {
            if let Ok(file) = self.host.resolve(None, &doc.name) {
                self.host.lock().remove(&file.key);
            }
        }
        self.recheck(None);
    }

    /// Files changed on the disk: the open documents whose worlds read one of `paths` are
    /// checked again, and so are those with errors (a new file may be the import they lack).
    /// An open document's own file is not read: its buffer wins. Whether any was checked.
    pub fn reread(&mut self, paths: &[String]) -> bool {
        let changed: Vec<String> = paths.iter().map(|p| disk_key(p)).collect();
        let stale: Vec<Uri> = self
            .docs
            .values()
            .filter(|d| {
                let sources = &d.analysis.checked.sources;
                let read = (1..sources.len() as u32)
                    .map(|i| disk_key(&sources.get(FileId(i)).name))
                    .any(|key| changed.contains(&key));
                read || d.analysis.checked.has_errors()
            })
            .map(|d| d.uri.clone())
            .collect();
        self.recheck_only(&stale);
        !stale.is_empty()
    }

    /// Checks every open document again but `except` (checked already).
    fn recheck(&mut self, except: Option<&Uri>) {
        let uris: Vec<Uri> = self
            .docs
            .keys()
            .filter(|u| Some(*u) != except)
            .cloned()
            .collect();
        self.recheck_only(&uris);
    }

    fn recheck_only(&mut self, uris: &[Uri]) {
        let names: Vec<(Uri, String)> = uris
            .iter()
            .filter_map(|u| Some((u.clone(), self.docs.get(u)?.name.clone())))
            .collect();
        for (uri, name) in names {
            let analysis = Analysis::new(check_file(&self.host, &name));
            if let Some(doc) = self.docs.get_mut(&uri) {
                doc.analysis = analysis;
            }
        }
    }

    /// The URI of a file a world read, by its name there.
    pub fn uri_of(&self, analysis: &Analysis, file: FileId) -> Option<Uri> {
        if file == FileId(0) {
            return self.prelude.clone();
        }
        let name = &analysis.checked.sources.get(file).name;
        if let Some(doc) = self.docs.values().find(|d| &d.name == name) {
            return Some(doc.uri.clone());
        }
        convert::uri(&absolute(name)?)
    }

    /// The protocol location of a span of a world.
    pub fn location(&self, analysis: &Analysis, span: crate::source::Span) -> Option<Location> {
        let file = source(analysis, span.file)?;
        let uri = self.uri_of(analysis, span.file)?;
        Some(Location::new(uri, convert::range(file, span)))
    }

    /// The diagnostics of every open document and of the files they import, by URI, with
    /// an empty list for each URI that had some before and has none now.
    pub fn diagnostics(&mut self) -> Vec<(Uri, Vec<Diagnostic>)> {
        // Each open document speaks for itself; a file only imported is reported as the
        // first world that read it saw it.
        let mut by_uri: HashMap<Uri, (&Uri, Vec<Diagnostic>)> = self
            .docs
            .values()
            .map(|d| (d.uri.clone(), (&d.uri, Vec::new())))
            .collect();
        for doc in self.docs.values() {
            for d in &doc.analysis.checked.diags {
                let file = d.span().map_or(doc.file(), |s| Some(s.file));
                let Some(uri) = file.and_then(|f| self.uri_of(&doc.analysis, f)) else {
                    continue;
                };
                let (owner, list) = by_uri.entry(uri).or_insert((&doc.uri, Vec::new()));
                if *owner == &doc.uri {
                    list.push(self.diagnostic(&doc.analysis, d));
                }
            }
        }
        let mut out: Vec<(Uri, Vec<Diagnostic>)> = by_uri
            .into_iter()
            .map(|(uri, (_, list))| (uri, list))
            .collect();
        for uri in std::mem::take(&mut self.published) {
            if !out.iter().any(|(u, _)| *u == uri) {
                out.push((uri, Vec::new()));
            }
        }
        self.published = out.iter().map(|(u, _)| u.clone()).collect();
        out
    }

    /// One diagnostic as the protocol has it: the first label's place, the message with the
    /// help below it, and every label as related information.
    fn diagnostic(&self, analysis: &Analysis, d: &Diag) -> Diagnostic {
        let range = d
            .span()
            .and_then(|s| Some(convert::range(source(analysis, s.file)?, s)))
            .unwrap_or_default();
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {help}", d.message),
            None => d.message.clone(),
        };
        let related: Vec<DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .filter_map(|l| {
                Some(DiagnosticRelatedInformation {
                    location: self.location(analysis, l.span)?,
                    message: l.text.clone(),
                })
            })
            .collect();
        Diagnostic {
            range,
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Note => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(d.code.as_str().to_string())),
            source: Some("alliance".to_string()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..Diagnostic::default()
        }
    }
}

/// A path made absolute (against the folder the server runs in) and normalised.
pub fn absolute(path: &str) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    Some(crate::host::normalize(&absolute.to_string_lossy()))
}

/// What tells two names of one file on the disk apart: the real path where the file exists
/// (links followed), else the path made absolute (a file just deleted).
pub fn disk_key(path: &str) -> String {
    match std::fs::canonicalize(path) {
        Ok(real) => real.to_string_lossy().into_owned(),
        Err(_) => absolute(path).unwrap_or_else(|| path.to_string()),
    }
}

/// A file of a world, if the id is one of its files.
pub fn source(analysis: &Analysis, file: FileId) -> Option<&SourceFile> {
    let sources = &analysis.checked.sources;
    ((file.0 as usize) < sources.len()).then(|| sources.get(file))
}

/// Writes the prelude where editors can open it, once per version; `None` if it cannot.
fn write_prelude() -> Option<Uri> {
    let folder = std::env::temp_dir().join(format!("alliance-{}", env!("CARGO_PKG_VERSION")));
    let path = folder.join("prelude.alliance");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(PRELUDE) {
        std::fs::create_dir_all(&folder).ok()?;
        crate::cli::files::write_whole(&path, PRELUDE.as_bytes()).ok()?;
        // Read-only: an edit there would change nothing, and should not seem to.
        let mut permissions = std::fs::metadata(&path).ok()?.permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).ok()?;
    }
    convert::uri(&path.to_string_lossy())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long session of edits, each typing a new name, leaves the server's table of names
    /// bounded, and the document's world checked in the renewed table as before.
    #[test]
    fn names_typed_away_are_freed() {
        let mut ws = Workspace::new();
        let uri: Uri = "untitled:names".parse().expect("uri");
        let text = |i: usize| format!("state US {{ gdp: 27T }}\nstate Name{i} {{ gdp: 1T }}\n");
        let mut most = 0;
        for i in 0..2_000 {
            ws.renew_names();
            let _entered = ws.interner.enter();
            ws.set(uri.clone(), text(i));
            most = most.max(ws.interner.len());
        }
        assert!(
            most < 2 * ws.live + 1100,
            "{most} names held, {} live",
            ws.live
        );
        let _entered = ws.interner.enter();
        let doc = &ws.docs[&uri];
        assert!(!doc.analysis.checked.has_errors());
        let state = crate::source::Sym::find("Name1999").expect("the last name is held");
        assert!(doc.analysis.checked.program.states.contains_key(&state));
        assert!(
            crate::source::Sym::find("Name10").is_none(),
            "an old name was freed"
        );
    }
}
