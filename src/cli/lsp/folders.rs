//! The workspace's files on the disk: references and rename look past the open documents to
//! every `.alliance` file under the folders the client named at `initialize`.

use std::path::Path;

use super::workspace::{disk_key, Workspace};
use crate::analysis::Analysis;
use crate::check::check_file;
use crate::host::Host;

/// Files looked at, at most: a root set to a home folder must not stall the editor.
const MAX_FILES: usize = 5_000;

/// Folders deeper than this are not entered.
const MAX_DEPTH: usize = 16;

/// Folders never entered: builds and packages, not scripts someone is writing.
const SKIPPED: &[&str] = &["target", "node_modules"];

/// Every `.alliance` file under `roots`, in path order (hidden folders and [`SKIPPED`] ones
/// left out, links not followed), each once.
pub fn alliance_files(roots: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for root in roots {
        walk(Path::new(root), 0, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if out.len() >= MAX_FILES {
            return;
        }
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            if depth < MAX_DEPTH && !name.starts_with('.') && !SKIPPED.contains(&name.as_ref()) {
                walk(&path, depth + 1, out);
            }
        } else if kind.is_file() && name.ends_with(".alliance") {
            out.push(path.to_string_lossy().into_owned());
        }
    }
}

/// The worlds of the workspace's files that are not open and whose text holds `word`, each
/// checked through the workspace's host (so their imports read the open buffers first). A
/// file that never writes the word has no occurrence of it, and is not checked.
pub fn worlds_mentioning(ws: &Workspace, word: &str) -> Vec<Analysis> {
    let open: Vec<String> = ws.docs.values().map(|d| disk_key(&d.name)).collect();
    let mut worlds = Vec::new();
    for path in alliance_files(&ws.roots) {
        if open.contains(&disk_key(&path)) {
            continue;
        }
        let mentions = ws
            .host
            .resolve(None, &path)
            .and_then(|f| ws.host.read(&f))
            .is_ok_and(|bytes| String::from_utf8_lossy(&bytes).contains(word));
        if mentions {
            worlds.push(Analysis::new(check_file(&ws.host, &path)));
        }
    }
    worlds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_found_under_the_roots_but_not_in_hidden_or_build_folders() {
        let root = std::env::temp_dir().join(format!("alliance-folders-{}", std::process::id()));
        for dir in ["a/b", ".git", "target", "node_modules"] {
            std::fs::create_dir_all(root.join(dir)).expect("folder");
        }
        for file in [
            "z.alliance",
            "a/b/y.alliance",
            "a/notes.txt",
            ".git/x.alliance",
            "target/t.alliance",
            "node_modules/n.alliance",
        ] {
            std::fs::write(root.join(file), "state A\n").expect("file");
        }
        let root_text = root.to_string_lossy().into_owned();
        let found: Vec<String> = alliance_files(&[root_text.clone(), root_text.clone()])
            .iter()
            .map(|p| p[root_text.len()..].to_string())
            .collect();
        assert_eq!(found, ["/a/b/y.alliance", "/z.alliance"]);
        let _ = std::fs::remove_dir_all(root);
    }
}
