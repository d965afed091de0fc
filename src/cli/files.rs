//! Files on disk: the command line's [`Host`].

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use crate::host::{Host, HostError, Resolved};

/// The largest file read as a script: a generated world of 2,000,000 states is about 250 MB.
/// Anything larger is refused before it is read (`/dev/zero` never ends).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The folder given with `--root`, for every [`DiskHost`] of this run.
static ROOT: OnceLock<PathBuf> = OnceLock::new();

/// Widens every disk host of this run to `folder` (`--root DIR`). Only the first call counts.
pub fn set_root(folder: &Path) {
    let folder = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    let _ = ROOT.set(folder);
}

/// The disk, as the command line and the terminal REPL see it. Names are paths as the user
/// wrote them (relative to the working folder); keys are canonical paths, so one file reached
/// two ways is read once.
///
/// A file the user names (on the command line, with `:load`) may be anywhere, and its folder
/// becomes a project root; an import must be an `.alliance` script inside a project root, the
/// folder alliance was started in, or the folder given with `--root`. So a script cannot read `/etc/passwd` or
/// `/proc/self/environ` and show it in a diagnostic.
#[derive(Debug, Default)]
pub struct DiskHost {
    roots: Mutex<Vec<PathBuf>>,
}

impl DiskHost {
    fn roots(&self) -> std::sync::MutexGuard<'_, Vec<PathBuf>> {
        self.roots.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Lets imports read files under `folder` too (a language server's workspace folder).
    pub fn add_root(&self, folder: &Path) {
        let folder = real(folder);
        let mut roots = self.roots();
        if !roots.contains(&folder) {
            roots.push(folder);
        }
    }

    /// Whether `path` (canonical) lies inside a project root.
    fn inside(&self, path: &Path) -> bool {
        let roots = self.roots();
        let here = std::env::current_dir().map(|d| real(&d)).ok();
        (ROOT
            .get()
            .into_iter()
            .chain(here.as_ref())
            .chain(roots.iter()))
        .any(|root| path.starts_with(root))
    }
}

/// `path` made absolute with symbolic links resolved, as far as it exists: a file that does not
/// exist yet still gets its real folder.
fn real(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(folder), Some(name)) => real(folder).join(name),
        _ => absolute,
    }
}

impl Host for DiskHost {
    fn resolve(&self, from: Option<&Resolved>, path: &str) -> Result<Resolved, HostError> {
        let target = match from {
            Some(file) => Path::new(&file.name)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default()
                .join(path),
            None => PathBuf::from(path),
        };
        let canonical = real(&target);
        match from {
            None => {
                let folder = canonical
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                let mut roots = self.roots();
                if !roots.contains(&folder) {
                    roots.push(folder);
                }
            }
            Some(_) if target.extension().is_none_or(|e| e != "alliance") => {
                return Err(HostError::new("an import must name an `.alliance` script")
                    .help("only scripts are imported; other files are never read"));
            }
            Some(_) if !self.inside(&canonical) => {
                return Err(HostError::new("outside the project folder")
                    .help(format!("imports are read from the folder of the file you run, or the folder you run alliance in, and below; to allow {}, run with `--root FOLDER`", target.display())));
            }
            Some(_) => {}
        }
        Ok(Resolved {
            name: target.to_string_lossy().into_owned(),
            key: canonical.to_string_lossy().into_owned(),
        })
    }

    fn read(&self, file: &Resolved) -> Result<Vec<u8>, HostError> {
        let unreadable = |label: String| {
            HostError::new(label).help(format!(
                "the path is relative to the importing file; looked for {}",
                file.name
            ))
        };
        // Asked before opening: opening a FIFO would wait for a writer forever.
        let meta = std::fs::metadata(&file.name).map_err(|e| match sibling(&file.name) {
            Some(help) if e.kind() == std::io::ErrorKind::NotFound => {
                HostError::new(reason(&e)).help(help)
            }
            _ => unreadable(reason(&e)),
        })?;
        if meta.is_dir() {
            return Err(unreadable("this is a directory, not a file".into()));
        }
        if !meta.is_file() {
            return Err(unreadable("not a regular file".into()));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(unreadable(format!(
                "larger than {} MB, the most a script may be",
                MAX_FILE_BYTES / (1024 * 1024)
            )));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(&file.name)
            .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|e| unreadable(reason(&e)))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(unreadable("it grew too large while being read".into()));
        }
        Ok(bytes)
    }

    fn write(&self, path: &str, bytes: &[u8], replace: bool) -> Result<String, HostError> {
        let target = Path::new(path);
        if !replace && target.exists() {
            return Err(HostError::new(format!("{path} exists already")));
        }
        write_whole(target, bytes)
            .map(|()| path.to_string())
            .map_err(|err| HostError::new(format!("cannot write {path}: {err}")))
    }

    fn list(&self, folder: &str) -> Vec<String> {
        let folder = if folder.is_empty() { "." } else { folder };
        let Ok(entries) = std::fs::read_dir(folder) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                out.push(format!("{name}/"));
            } else {
                out.push(name);
            }
        }
        out.sort();
        out
    }

    fn relative(&self, target: &Resolved, from: &str) -> String {
        let folder = Path::new(from).parent().unwrap_or(Path::new(""));
        relative(Path::new(&target.name), folder)
            .to_string_lossy()
            .into_owned()
    }
}

/// For a file that is not there, a file beside it that was probably meant: `essay.alliance.txt`
/// (an editor that added `.txt`, which Windows hides) or a near spelling (`esay.alliance`).
fn sibling(path: &str) -> Option<String> {
    let path = Path::new(path);
    let wanted = path.file_name()?.to_string_lossy().into_owned();
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let shown = |name: &str| folder.join(name).to_string_lossy().into_owned();
    if let Some(longer) = names.iter().find(|n| n.starts_with(&format!("{wanted}."))) {
        return Some(format!(
            "did you mean `{}`? Some editors add an ending such as `.txt`, and Windows hides it: rename the file to `{wanted}`",
            shown(longer)
        ));
    }
    // A slip of one or two letters (`esay.alliance`), not any file that looks alike.
    let near = names
        .iter()
        .filter(|n| strsim::damerau_levenshtein(n, &wanted) <= 2)
        .min_by_key(|n| strsim::damerau_levenshtein(n, &wanted))?;
    Some(format!("did you mean `{}`?", shown(near)))
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

/// `target` as a path from the folder `from` (`../examples/x.alliance`), through the real
/// folders (symbolic links resolved), so the path works from where the file is saved.
fn relative(target: &Path, from: &Path) -> PathBuf {
    let absolute = |p: &Path| {
        p.canonicalize()
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let from = if from.as_os_str().is_empty() {
        Path::new(".")
    } else {
        from
    };
    let (target, from) = (absolute(target), absolute(from));
    let common = target
        .components()
        .zip(from.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = PathBuf::new();
    for _ in from.components().skip(common) {
        out.push("..");
    }
    for part in target.components().skip(common) {
        out.push(part);
    }
    out
}

/// Writes a file whole or not at all: the bytes go to a temporary file beside it, which then
/// takes its name. On a full disk or a crash halfway the original stays as it was (writing in
/// place would leave it truncated). The file keeps its permissions.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "alliance".into(), |n| n.to_string_lossy().into_owned());
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}
