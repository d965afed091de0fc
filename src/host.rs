//! Where files come from. The core never touches the disk: whoever runs it (the command line,
//! a browser page, an editor) hands it a [`Host`] that reads the files a script names and writes
//! the files a session is asked to save, as Typst's compiler is handed a `World`.
//!
//! File names are plain strings with `/` between folders. [`MemoryHost`] serves files from a
//! map (a page's files, a test's); the command line's host serves the disk, inside a root.

use indexmap::IndexMap;

/// A file a host found: the name diagnostics show, and a key that is the same for every way of
/// naming that one file (so a file imported twice, or importing itself, is recognised).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub name: String,
    pub key: String,
}

/// Why a host could not give or take a file, in the words of a diagnostic's label and help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostError {
    /// What went wrong, short ("no such file", "outside the project folder").
    pub label: String,
    /// What to do about it, when there is something to say.
    pub help: Option<String>,
}

impl HostError {
    /// An error with a label only.
    pub fn new(label: impl Into<String>) -> HostError {
        HostError {
            label: label.into(),
            help: None,
        }
    }

    /// The same error with a help line.
    pub fn help(mut self, help: impl Into<String>) -> HostError {
        self.help = Some(help.into());
        self
    }
}

/// The files a script may read and a session may write.
pub trait Host {
    /// Finds `path` as written in the file `from` (an import, relative to that file's folder),
    /// or as the user gave it when `from` is `None`.
    fn resolve(&self, from: Option<&Resolved>, path: &str) -> Result<Resolved, HostError>;

    /// The bytes of a file [`Host::resolve`] found.
    fn read(&self, file: &Resolved) -> Result<Vec<u8>, HostError>;

    /// Writes `bytes` to `path` (as the user gave it), for the REPL's `:save` and `:graph`. An
    /// existing file is replaced only when `replace` is set. Returns the name written.
    fn write(&self, path: &str, bytes: &[u8], replace: bool) -> Result<String, HostError>;

    /// What the folder `folder` holds (`""` for the top), for completing file names: entry
    /// names, a folder's ending in `/`. A host that cannot list gives nothing.
    fn list(&self, folder: &str) -> Vec<String> {
        let _ = folder;
        Vec::new()
    }

    /// `target`'s name as a path from the folder of the file `from` will be written to
    /// (how a saved session imports the files it loaded).
    fn relative(&self, target: &Resolved, from: &str) -> String {
        relative(&target.name, parent(from))
    }
}

/// A host with no files at all: every import is a diagnostic. For text checked on its own.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoFiles;

impl Host for NoFiles {
    fn resolve(&self, from: Option<&Resolved>, path: &str) -> Result<Resolved, HostError> {
        let name = join(from.map_or("", |f| parent(&f.name)), path);
        Ok(Resolved {
            key: name.clone(),
            name,
        })
    }

    fn read(&self, _: &Resolved) -> Result<Vec<u8>, HostError> {
        Err(HostError::new("no such file")
            .help("text checked on its own cannot import files: check it as a file instead"))
    }

    fn write(&self, path: &str, _: &[u8], _: bool) -> Result<String, HostError> {
        Err(HostError::new(format!(
            "cannot write {path}: this session has no files"
        )))
    }
}

/// Files held in memory under their names: a browser page's files, an editor's open buffers,
/// a test's. Writing adds or replaces a file (through a shared cell, since hosts are shared).
#[derive(Debug, Default)]
pub struct MemoryHost {
    files: std::sync::Mutex<IndexMap<String, Vec<u8>>>,
}

impl MemoryHost {
    /// A host holding these files (names with `/` between folders).
    pub fn new<N: Into<String>, T: Into<Vec<u8>>>(
        files: impl IntoIterator<Item = (N, T)>,
    ) -> MemoryHost {
        let files = files
            .into_iter()
            .map(|(n, t)| (normalize(&n.into()), t.into()))
            .collect();
        MemoryHost {
            files: std::sync::Mutex::new(files),
        }
    }

    /// The text of a file, if the host has it (what a session saved, say).
    pub fn get(&self, name: &str) -> Option<Vec<u8>> {
        self.lock().get(&normalize(name)).cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, IndexMap<String, Vec<u8>>> {
        self.files.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Host for MemoryHost {
    fn resolve(&self, from: Option<&Resolved>, path: &str) -> Result<Resolved, HostError> {
        let name = join(from.map_or("", |f| parent(&f.name)), path);
        if name.starts_with("../") {
            return Err(HostError::new("outside the files of this page")
                .help("imports name files beside the importing one, or in folders below it"));
        }
        Ok(Resolved {
            key: name.clone(),
            name,
        })
    }

    fn read(&self, file: &Resolved) -> Result<Vec<u8>, HostError> {
        let files = self.lock();
        files.get(&file.key).cloned().ok_or_else(|| {
            // The lock is held: read the names through the same guard.
            let known: Vec<String> = files.keys().cloned().collect();
            let help = match crate::check::suggest(&file.key, known.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None if known.is_empty() => "there are no files to import".to_string(),
                None => format!("the files are {}", known.join(", ")),
            };
            HostError::new("no such file").help(help)
        })
    }

    fn write(&self, path: &str, bytes: &[u8], replace: bool) -> Result<String, HostError> {
        let name = normalize(path);
        let mut files = self.lock();
        if !replace && files.contains_key(&name) {
            return Err(HostError::new(format!("{name} exists already")));
        }
        files.insert(name.clone(), bytes.to_vec());
        Ok(name)
    }

    fn list(&self, folder: &str) -> Vec<String> {
        let folder = normalize(folder);
        let prefix = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        let mut out: Vec<String> = self
            .lock()
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix))
            .map(|rest| match rest.split_once('/') {
                Some((dir, _)) => format!("{dir}/"),
                None => rest.to_string(),
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// The folder part of a file name (`a/b.alliance` → `a`; `b.alliance` → ``).
pub fn parent(name: &str) -> &str {
    name.rfind('/').map_or("", |i| &name[..i])
}

/// `path` read from the folder `folder`: an absolute path stays as it is; `.` and `..` are
/// taken out where they can be.
pub fn join(folder: &str, path: &str) -> String {
    if path.starts_with('/') || folder.is_empty() {
        return normalize(path);
    }
    normalize(&format!("{folder}/{path}"))
}

/// A name with `.` steps and `folder/..` pairs taken out; leading `..` steps are kept.
pub fn normalize(name: &str) -> String {
    let absolute = name.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in name.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// `target` as a path from `folder`, both names in the same space (`../x.alliance`).
pub fn relative(target: &str, folder: &str) -> String {
    let target = normalize(target);
    let folder = normalize(folder);
    let t: Vec<&str> = target.split('/').filter(|p| !p.is_empty()).collect();
    let f: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let common = t.iter().zip(&f).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; f.len() - common];
    out.extend(&t[common..]);
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_join_and_normalize() {
        assert_eq!(join("lessons", "../world.alliance"), "world.alliance");
        assert_eq!(join("", "./a/b.alliance"), "a/b.alliance");
        assert_eq!(join("a", "/etc/x"), "/etc/x");
        assert_eq!(join("", "../up.alliance"), "../up.alliance");
        assert_eq!(
            relative("examples/x.alliance", "lessons"),
            "../examples/x.alliance"
        );
        assert_eq!(relative("a/b/c.alliance", "a"), "b/c.alliance");
    }

    #[test]
    fn memory_host_reads_writes_and_refuses() {
        let host = MemoryHost::new([("lessons/one.alliance", "state A")]);
        let top = host.resolve(None, "lessons/one.alliance").unwrap();
        assert_eq!(host.read(&top).unwrap(), b"state A");
        let sibling = host.resolve(Some(&top), "two.alliance").unwrap();
        assert_eq!(sibling.name, "lessons/two.alliance");
        assert_eq!(host.read(&sibling).unwrap_err().label, "no such file");
        assert!(host.resolve(Some(&top), "../../x").is_err());
        assert!(host.write("lessons/one.alliance", b"x", false).is_err());
        assert_eq!(
            host.write("out.alliance", b"x", false).unwrap(),
            "out.alliance"
        );
        assert_eq!(host.get("out.alliance").unwrap(), b"x");
    }
}
