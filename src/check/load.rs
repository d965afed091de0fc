//! Reading files: the file given on the command line, then every file it imports, each once.
//! Files come from the [`Host`]; files that are not UTF-8, imports the host cannot give and
//! import cycles are diagnostics.

use crate::diag::{Code, Diag};
use crate::host::{Host, Resolved};
use crate::source::{FileId, Sources, Span, Spanned, Sym};
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

/// Parses `text` (already added to `sources` as `id`, found as `file` when it came from the
/// host) and everything it imports.
pub fn load_text(
    host: &dyn Host,
    id: FileId,
    file: Option<&Resolved>,
    sources: &mut Sources,
) -> Loaded {
    let mut reader = Reader {
        host,
        sources,
        loaded: Loaded::default(),
        stack: file.iter().map(|f| (*f).clone()).collect(),
        seen: file.iter().map(|f| f.key.clone()).collect(),
    };
    reader.load_one(id, file);
    reader.loaded
}

/// The state of one walk over a file and its imports.
struct Reader<'h, 's> {
    host: &'h dyn Host,
    sources: &'s mut Sources,
    loaded: Loaded,
    /// The files being read, outermost first: an import of one of them is a cycle.
    stack: Vec<Resolved>,
    /// The keys of every file read so far: each is read once.
    seen: Vec<String>,
}

impl Reader<'_, '_> {
    fn load_one(&mut self, id: FileId, file: Option<&Resolved>) {
        let text = self.sources.get(id).text.clone();
        let (parsed, diags) = parse_file(&text, id);
        self.loaded.diags.extend(diags);
        let imports: Vec<Spanned<Sym>> = parsed
            .stmts
            .iter()
            .filter_map(|s| match &s.node {
                Stmt::Import(p) => Some(*p),
                _ => None,
            })
            .collect();
        self.loaded.files.push((id, parsed));
        for import in imports {
            self.import(file, import);
        }
    }

    fn import(&mut self, from: Option<&Resolved>, import: Spanned<Sym>) {
        let target = match self.host.resolve(from, import.node.as_str()) {
            Ok(target) => target,
            Err(err) => return self.loaded.diags.push(unreadable(import, err)),
        };
        if let Some(pos) = self.stack.iter().position(|f| f.key == target.key) {
            let d = cycle(import.span, &self.stack[pos..], &target);
            return self.loaded.diags.push(d);
        }
        if self.seen.contains(&target.key) {
            return; // already loaded through another import
        }
        match self.host.read(&target) {
            Ok(bytes) => {
                self.seen.push(target.key.clone());
                let (child, bad) = decode(bytes, &target.name, self.sources);
                if let Some(d) = bad {
                    return self.loaded.diags.push(d);
                }
                self.stack.push(target.clone());
                self.load_one(child, Some(&target));
                self.stack.pop();
            }
            Err(err) => self.loaded.diags.push(unreadable(import, err)),
        }
    }
}

fn unreadable(import: Spanned<Sym>, err: crate::host::HostError) -> Diag {
    let d = Diag::error(
        Code::ImportUnreadable,
        format!("cannot read `{}`", import.node),
    )
    .label(import.span, err.label);
    match err.help {
        Some(help) => d.help(help),
        None => d,
    }
}

fn cycle(span: Span, chain: &[Resolved], back: &Resolved) -> Diag {
    let name = |f: &Resolved| {
        f.name
            .rsplit('/')
            .next()
            .unwrap_or(f.name.as_str())
            .to_string()
    };
    let mut steps: Vec<String> = chain.iter().map(name).collect();
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
