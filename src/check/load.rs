//! Reading files: the file given on the command line, then every file it imports, each once.
//! Files that are not UTF-8, imports that cannot be read and import cycles are diagnostics.

use std::path::{Path, PathBuf};

use crate::diag::{Code, Diag};
use crate::source::{FileId, Sources, Span, Spanned};
use crate::syntax::ast::{File, Stmt};
use crate::syntax::parse_file;

/// Parsed files in the order their statements are read: each import's file comes right
/// after the file that imports it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<(FileId, File)>,
    pub diags: Vec<Diag>,
}

/// Reads bytes as a source file, turning invalid UTF-8 into a diagnostic at the first bad byte.
pub fn decode(bytes: Vec<u8>, name: &str, sources: &mut Sources) -> (FileId, Option<Diag>) {
    match String::from_utf8(bytes) {
        Ok(text) => (sources.add(name, text), None),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            let id = sources.add(name, text);
            let diag = Diag::error(Code::InvalidUtf8, "this file is not valid UTF-8 text")
                .label(Span::new(id, at, at + 1), "this byte is not UTF-8")
                .help("save the file as UTF-8 (most editors offer it under \"Save as\" or \"Encoding\")");
            (id, Some(diag))
        }
    }
}

/// Parses `text` (already added to `sources` as `id`) and everything it imports.
pub fn load_text(id: FileId, path: Option<&Path>, sources: &mut Sources) -> Loaded {
    let mut loaded = Loaded::default();
    let mut stack = Vec::new();
    if let Some(p) = path {
        stack.push(canonical(p));
    }
    let mut seen = stack.clone();
    load_one(id, path, sources, &mut loaded, &mut stack, &mut seen);
    loaded
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn load_one(
    id: FileId,
    path: Option<&Path>,
    sources: &mut Sources,
    loaded: &mut Loaded,
    stack: &mut Vec<PathBuf>,
    seen: &mut Vec<PathBuf>,
) {
    let text = sources.get(id).text.clone();
    let (file, diags) = parse_file(&text, id);
    loaded.diags.extend(diags);
    let imports: Vec<Spanned<crate::source::Sym>> = file
        .stmts
        .iter()
        .filter_map(|s| match &s.node {
            Stmt::Import(p) => Some(*p),
            _ => None,
        })
        .collect();
    loaded.files.push((id, file));
    let base = path
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    for import in imports {
        let target = base.join(import.node.as_str());
        let key = canonical(&target);
        if let Some(pos) = stack.iter().position(|p| *p == key) {
            loaded.diags.push(cycle(import.span, &stack[pos..], &key));
            continue;
        }
        if seen.contains(&key) {
            continue; // already loaded through another import
        }
        match std::fs::read(&target) {
            Ok(bytes) => {
                seen.push(key.clone());
                let (child, bad) = decode(bytes, &target.to_string_lossy(), sources);
                if let Some(d) = bad {
                    loaded.diags.push(d);
                    continue;
                }
                stack.push(key);
                load_one(child, Some(&target), sources, loaded, stack, seen);
                stack.pop();
            }
            Err(err) => loaded.diags.push(
                Diag::error(
                    Code::ImportUnreadable,
                    format!("cannot read `{}`", import.node),
                )
                .label(import.span, reason(&err))
                .help(format!(
                    "the path is relative to the importing file; looked for {}",
                    target.display()
                )),
            ),
        }
    }
}

/// A read error in plain words.
pub fn reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ if err.raw_os_error() == Some(21) => "this is a directory, not a file".into(),
        _ => err.to_string(),
    }
}

fn cycle(span: Span, chain: &[PathBuf], back: &Path) -> Diag {
    let name = |p: &Path| {
        p.file_name()
            .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
    };
    let mut steps: Vec<String> = chain.iter().map(|p| name(p)).collect();
    steps.push(name(back));
    let message = if chain.len() == 1 {
        format!("`{}` imports itself", name(back))
    } else {
        "these files import each other in a circle".to_string()
    };
    Diag::error(Code::ImportCycle, message)
        .label(span, "this import leads back to a file already being read")
        .help(if chain.len() == 1 {
            "a file cannot import itself: remove this import".to_string()
        } else {
            format!(
                "the chain is {}; remove one of these imports",
                steps.join(" → ")
            )
        })
}
