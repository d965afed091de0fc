//! Files on disk: the command line's [`Host`].

use std::path::{Path, PathBuf};

use crate::host::{Host, HostError, Resolved};

/// The disk, as the command line and the terminal REPL see it. Names are paths as the user
/// wrote them (relative to the working folder); keys are canonical paths, so one file reached
/// two ways is read once.
#[derive(Clone, Debug, Default)]
pub struct DiskHost;

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
        let key = target
            .canonicalize()
            .unwrap_or_else(|_| target.clone())
            .to_string_lossy()
            .into_owned();
        Ok(Resolved {
            name: target.to_string_lossy().into_owned(),
            key,
        })
    }

    fn read(&self, file: &Resolved) -> Result<Vec<u8>, HostError> {
        std::fs::read(&file.name).map_err(|err| {
            HostError::new(reason(&err)).help(format!(
                "the path is relative to the importing file; looked for {}",
                file.name
            ))
        })
    }

    fn write(&self, path: &str, bytes: &[u8], replace: bool) -> Result<String, HostError> {
        let target = Path::new(path);
        if !replace && target.exists() {
            return Err(HostError::new(format!("{path} exists already")));
        }
        std::fs::write(target, bytes)
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
