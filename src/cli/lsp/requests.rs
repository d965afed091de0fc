//! One function per request: each reads the open documents and answers data, or an error
//! message for the client (an unknown document, a rename that cannot be made).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CompletionItem,
    CompletionItemKind, CompletionParams, DocumentFormattingParams, DocumentSymbol,
    DocumentSymbolParams, GotoDefinitionParams, Hover, HoverContents, HoverParams, Location,
    MarkupContent, MarkupKind, Position, PrepareRenameResponse, Range, ReferenceParams,
    RenameParams, SymbolKind as LspSymbolKind, TextDocumentPositionParams, TextEdit, Uri,
    WorkspaceEdit,
};

use super::workspace::{source, Doc, Workspace};
use super::{convert, folders};
use crate::analysis::{Analysis, CompletionKind, Namespace, Occurrence, SymbolKind};
use crate::source::{FileId, LineIndex, Sym};

/// What a request gives back: its result as JSON, or an error message.
pub type Answer = Result<serde_json::Value, String>;

fn json<T: serde::Serialize>(value: T) -> Answer {
    serde_json::to_value(value).map_err(|e| e.to_string())
}

fn doc<'w>(ws: &'w Workspace, uri: &Uri) -> Result<&'w Doc, String> {
    ws.docs
        .get(uri)
        .ok_or_else(|| format!("{} is not open", uri.as_str()))
}

/// The document, its file in its world, and the byte offset of a position in it.
fn place<'w>(
    ws: &'w Workspace,
    at: &TextDocumentPositionParams,
) -> Result<(&'w Doc, FileId, usize), String> {
    let doc = doc(ws, &at.text_document.uri)?;
    let file = doc.file().ok_or("the document could not be read")?;
    let text = &doc.analysis.checked.sources.get(file).text;
    let offset = convert::offset(text, &LineIndex::new(text), at.position);
    Ok((doc, file, offset))
}

fn occurrence<'w>(
    ws: &'w Workspace,
    at: &TextDocumentPositionParams,
) -> Result<Option<(&'w Doc, &'w Occurrence)>, String> {
    let (doc, file, offset) = place(ws, at)?;
    Ok(doc.analysis.at(file, offset).map(|o| (doc, o)))
}

/// Every place a name is written, once each: in the worlds of the open documents and of the
/// workspace's files on the disk that share its definition with `origin` (the world the
/// request was made in). Two scripts that each declare their own `US` do not share it; a
/// relation of the standard theory is shared by all. A name declared nowhere (a region) is
/// shared by the worlds that declare it nowhere either.
fn everywhere(
    ws: &Workspace,
    origin: &Analysis,
    ns: Namespace,
    name: Sym,
    defs_only: bool,
) -> Vec<Location> {
    let places = |world: &Analysis, defs: bool| places(ws, world, ns, name, defs);
    let anchors = places(origin, true);
    let on_disk = folders::worlds_mentioning(ws, name.as_str());
    let worlds = ws.docs.values().map(|d| &d.analysis).chain(on_disk.iter());
    let mut out: Vec<Location> = Vec::new();
    for world in worlds {
        let defs = places(world, true);
        let shared = if anchors.is_empty() {
            defs.is_empty()
        } else {
            defs.iter().any(|d| anchors.contains(d))
        };
        if !shared {
            continue;
        }
        for loc in places(world, defs_only) {
            if !out.contains(&loc) {
                out.push(loc);
            }
        }
    }
    out.sort_by(|a, b| {
        (a.uri.as_str(), a.range.start.line, a.range.start.character).cmp(&(
            b.uri.as_str(),
            b.range.start.line,
            b.range.start.character,
        ))
    });
    out
}

/// Where a name is defined (`defs`) or written in one world.
fn places(ws: &Workspace, world: &Analysis, ns: Namespace, name: Sym, defs: bool) -> Vec<Location> {
    let found = if defs {
        world.definitions(ns, name)
    } else {
        world.references(ns, name)
    };
    found
        .into_iter()
        .filter_map(|o| ws.location(world, o.span))
        .collect()
}

pub fn hover(ws: &Workspace, params: HoverParams) -> Answer {
    let (doc, file, offset) = place(ws, &params.text_document_position_params)?;
    let Some((span, text)) = doc.analysis.hover(file, offset) else {
        return json(None::<Hover>);
    };
    let range = source(&doc.analysis, span.file).map(|f| convert::range(f, span));
    json(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range,
    })
}

pub fn definition(ws: &Workspace, params: GotoDefinitionParams) -> Answer {
    match occurrence(ws, &params.text_document_position_params)? {
        // The definitions this document's world sees (its imports, the prelude).
        Some((doc, o)) => json(places(ws, &doc.analysis, o.ns, o.name, true)),
        None => json(None::<Location>),
    }
}

pub fn references(ws: &Workspace, params: ReferenceParams) -> Answer {
    let Some((doc, o)) = occurrence(ws, &params.text_document_position)? else {
        return json(None::<Vec<Location>>);
    };
    let mut found = everywhere(ws, &doc.analysis, o.ns, o.name, false);
    if !params.context.include_declaration {
        let defs = everywhere(ws, &doc.analysis, o.ns, o.name, true);
        found.retain(|l| !defs.contains(l));
    }
    json(found)
}

pub fn prepare_rename(ws: &Workspace, params: TextDocumentPositionParams) -> Answer {
    let Some((doc, o)) = occurrence(ws, &params)? else {
        return Err("nothing to rename here".into());
    };
    if let Some(why) = doc.analysis.rename_refused(o, o.name.as_str()) {
        return Err(why);
    }
    let range = source(&doc.analysis, o.span.file)
        .map(|f| convert::range(f, o.span))
        .unwrap_or_default();
    json(PrepareRenameResponse::Range(range))
}

pub fn rename(ws: &Workspace, params: RenameParams) -> Answer {
    let Some((doc, o)) = occurrence(ws, &params.text_document_position)? else {
        return Err("nothing to rename here".into());
    };
    if let Some(why) = doc.analysis.rename_refused(o, &params.new_name) {
        return Err(why);
    }
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for loc in everywhere(ws, &doc.analysis, o.ns, o.name, false) {
        changes
            .entry(loc.uri)
            .or_default()
            .push(TextEdit::new(loc.range, params.new_name.clone()));
    }
    json(WorkspaceEdit::new(changes))
}

pub fn completion(ws: &Workspace, params: CompletionParams) -> Answer {
    let (doc, file, offset) = place(ws, &params.text_document_position)?;
    let text = &doc.analysis.checked.sources.get(file).text;
    let items: Vec<CompletionItem> = crate::analysis::completions(&doc.analysis, text, offset)
        .into_iter()
        .map(|c| CompletionItem {
            kind: Some(match c.kind {
                CompletionKind::Name => CompletionItemKind::CONSTANT,
                CompletionKind::Relation => CompletionItemKind::FUNCTION,
                CompletionKind::Keyword => CompletionItemKind::KEYWORD,
                CompletionKind::Attribute => CompletionItemKind::PROPERTY,
                CompletionKind::GroupKind => CompletionItemKind::ENUM_MEMBER,
                CompletionKind::Scenario => CompletionItemKind::EVENT,
            }),
            detail: c.detail,
            insert_text: c.insert,
            label: c.label,
            ..CompletionItem::default()
        })
        .collect();
    json(items)
}

pub fn symbols(ws: &Workspace, params: DocumentSymbolParams) -> Answer {
    let doc = doc(ws, &params.text_document.uri)?;
    let Some(file) = doc.file() else {
        return json(Vec::<DocumentSymbol>::new());
    };
    let source = doc.analysis.checked.sources.get(file);
    let symbols: Vec<DocumentSymbol> = crate::analysis::outline(&doc.analysis, file)
        .into_iter()
        .map(|s| {
            #[allow(deprecated)] // `deprecated` is a field every literal must name
            DocumentSymbol {
                name: s.name,
                detail: None,
                kind: match s.kind {
                    SymbolKind::State => LspSymbolKind::CONSTANT,
                    SymbolKind::Collection => LspSymbolKind::STRUCT,
                    SymbolKind::Commitment => LspSymbolKind::EVENT,
                    SymbolKind::Rule => LspSymbolKind::FUNCTION,
                    SymbolKind::Scenario => LspSymbolKind::NAMESPACE,
                    SymbolKind::Question => LspSymbolKind::OPERATOR,
                },
                tags: None,
                deprecated: None,
                range: convert::range(source, s.span),
                selection_range: convert::range(source, s.selection),
                children: None,
            }
        })
        .collect();
    json(symbols)
}

pub fn formatting(ws: &Workspace, params: DocumentFormattingParams) -> Answer {
    let doc = doc(ws, &params.text_document.uri)?;
    // A file with syntax errors is left as it is; its diagnostics say why.
    let Ok(formatted) = crate::fmt::format_source(&doc.text) else {
        return json(None::<Vec<TextEdit>>);
    };
    if formatted == doc.text {
        return json(Vec::<TextEdit>::new());
    }
    let whole = crate::source::SourceFile::detached("", doc.text.as_str());
    let end = convert::position(&whole, doc.text.len());
    json(vec![TextEdit::new(
        Range::new(Position::new(0, 0), end),
        formatted,
    )])
}

/// A quick fix for each diagnostic in the range that carries one.
pub fn code_actions(ws: &Workspace, params: CodeActionParams) -> Answer {
    let doc = doc(ws, &params.text_document.uri)?;
    let Some(file) = doc.file() else {
        return json(Vec::<CodeActionOrCommand>::new());
    };
    let source = doc.analysis.checked.sources.get(file);
    let wanted = params.range;
    let overlaps = |r: Range| r.start <= wanted.end && wanted.start <= r.end;
    let mut actions = Vec::new();
    for d in &doc.analysis.checked.diags {
        for fix in d.fixes.iter().filter(|f| f.span.file == file) {
            let range = convert::range(source, fix.span);
            let primary = d.span().map_or(range, |s| convert::range(source, s));
            if !overlaps(range) && !overlaps(primary) {
                continue;
            }
            let edit = TextEdit::new(range, fix.text.clone());
            let changes = HashMap::from([(doc.uri.clone(), vec![edit])]);
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Write `{}`", fix.text),
                kind: Some(CodeActionKind::QUICKFIX),
                is_preferred: Some(d.fixes.len() == 1),
                edit: Some(WorkspaceEdit::new(changes)),
                ..CodeAction::default()
            }));
        }
    }
    json(actions)
}
