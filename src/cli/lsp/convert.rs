//! Between the protocol's places and ours: `file://` URIs and paths, UTF-16 line and column
//! positions and byte offsets. Every conversion clamps what a client sends (a line past the
//! end, a column inside a character) rather than fail.

use lsp_types::{Position, Range, Uri};

use crate::source::{LineIndex, SourceFile, Span};

/// The byte offset of a protocol position in `text`: a line past the end is the end of the
/// text, a column past the end of its line is the end of that line.
pub fn offset(text: &str, lines: &LineIndex, pos: Position) -> usize {
    let Some(start) = lines.line_start(pos.line as usize) else {
        return text.len();
    };
    let end = lines
        .line_start(pos.line as usize + 1)
        .unwrap_or(text.len());
    let line = text.get(start..end).unwrap_or("");
    let line = line.trim_end_matches(['\n', '\r']);
    let mut units = 0;
    for (i, c) in line.char_indices() {
        if units >= pos.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    start + line.len()
}

/// The protocol position of a byte offset.
pub fn position(file: &SourceFile, offset: usize) -> Position {
    let (line, column) = file.utf16_position(offset);
    Position::new(line as u32, column as u32)
}

/// The protocol range of a span in its file.
pub fn range(file: &SourceFile, span: Span) -> Range {
    Range::new(
        position(file, span.start as usize),
        position(file, span.end as usize),
    )
}

/// The path of a `file://` URI, or `None` for any other scheme (an unsaved buffer).
pub fn path(uri: &Uri) -> Option<String> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path`: the authority, usually empty, is dropped.
    let path = &rest[rest.find('/')?..];
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = || {
            let h = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            u8::from_str_radix(h, 16).ok()
        };
        match (bytes[i], hex()) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The `file://` URI of an absolute path.
pub fn uri(path: &str) -> Option<Uri> {
    let mut out = String::from("file://");
    if !path.starts_with('/') {
        out.push('/');
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip_through_utf16() {
        let text = "# é😀\nstate A\n";
        let file = SourceFile::detached("a", text);
        let lines = LineIndex::new(text);
        // `😀` is two UTF-16 units: the line break after it is at column 5.
        let at = text.find('\n').unwrap_or(0);
        assert_eq!(position(&file, at), Position::new(0, 5));
        assert_eq!(offset(text, &lines, Position::new(0, 5)), at);
        // Inside the emoji, past the end of a line, past the last line: clamped.
        assert_eq!(offset(text, &lines, Position::new(0, 4)), at);
        assert_eq!(offset(text, &lines, Position::new(1, 99)), text.len() - 1);
        assert_eq!(offset(text, &lines, Position::new(99, 0)), text.len());
    }

    #[test]
    fn file_uris_and_paths() {
        let uri = uri("/tmp/my world/ü.alliance").unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/my%20world/%C3%BC.alliance");
        assert_eq!(path(&uri).as_deref(), Some("/tmp/my world/ü.alliance"));
        let other: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(path(&other), None);
    }
}
