//! Small hand-written scans over raw text that the grammar cannot do cheaply: skipping the
//! space and comments between statements, finding comments for the formatter, guarding
//! against nesting too deep to parse, and finding where to resume after a syntax error.

/// Keywords that can begin a top-level statement.
pub const STATEMENT_KEYWORDS: &[&str] = &[
    "state", "treaty", "pact", "group", "bloc", "partner", "threat", "troops", "fact", "import",
    "rule", "expect", "scenario", "if", "set", "no", "as",
];

/// Every keyword of the language (section 2 of the brief), directions and obligation types included.
pub const KEYWORDS: &[&str] = &[
    "state",
    "treaty",
    "pact",
    "group",
    "bloc",
    "partner",
    "threat",
    "against",
    "troops",
    "in",
    "fact",
    "import",
    "rule",
    "if",
    "and",
    "not",
    "then",
    "scenario",
    "remove",
    "removed",
    "leaves",
    "joins",
    "cancelled",
    "add",
    "set",
    "expect",
    "why",
    "hub",
    "prelude",
    "sum",
    "count",
    "min",
    "max",
    "yes",
    "no",
    "true",
    "false",
    "mutual",
    "one_way",
    "defence",
    "offence",
    "consultation",
    "neutrality",
    "nonaggression",
    "from",
    "until",
    "unless",
    "provoked",
    "secret",
    "as",
    "of",
];

/// The deepest nesting of `(` and `{` a script may use.
pub const MAX_DEPTH: usize = 256;

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Skips whitespace and comments from `pos`; returns the offset of the next token.
pub fn skip_trivia(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    while pos < bytes.len() {
        match bytes[pos] {
            b' ' | b'\t' | b'\r' | b'\n' => pos += 1,
            b'#' => {
                while pos < bytes.len() && bytes[pos] != b'\n' {
                    pos += 1;
                }
            }
            _ => break,
        }
    }
    pos
}

/// Every comment in `text` as a byte range (from `#` to the end of its line, without the
/// newline), skipping `#` inside strings.
pub fn comments(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        match bytes[pos] {
            b'"' => pos = skip_string(bytes, pos),
            b'#' => {
                let start = pos;
                while pos < bytes.len() && bytes[pos] != b'\n' {
                    pos += 1;
                }
                let end = if pos > start && bytes[pos - 1] == b'\r' {
                    pos - 1
                } else {
                    pos
                };
                out.push((start, end));
            }
            _ => pos += 1,
        }
    }
    out
}

/// From an opening quote, the offset just past the closing one (or the end of the line).
fn skip_string(bytes: &[u8], mut pos: usize) -> usize {
    pos += 1;
    while pos < bytes.len() {
        match bytes[pos] {
            b'\\' => pos += 2,
            b'"' => return pos + 1,
            b'\n' => return pos,
            _ => pos += 1,
        }
    }
    bytes.len()
}

/// A stretch of text nested deeper than [`MAX_DEPTH`]: where the limit is first passed, and
/// where nesting is back to zero (where parsing can resume).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    pub at: usize,
    pub resume: usize,
}

/// Finds stretches nested too deep. Parsing them would only exhaust the stack, so the
/// statement loop reports them instead of handing them to pest.
pub fn too_deep(text: &str) -> Vec<TooDeep> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut deep_at = None;
    let mut pos = 0;
    while pos < bytes.len() {
        match bytes[pos] {
            b'"' => {
                pos = skip_string(bytes, pos);
                continue;
            }
            b'#' => {
                while pos < bytes.len() && bytes[pos] != b'\n' {
                    pos += 1;
                }
                continue;
            }
            b'(' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH && deep_at.is_none() {
                    deep_at = Some(pos);
                }
            }
            b')' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some(at) = deep_at.take() {
                        out.push(TooDeep {
                            at,
                            resume: pos + 1,
                        });
                    }
                }
            }
            _ => {}
        }
        pos += 1;
    }
    if let Some(at) = deep_at {
        out.push(TooDeep {
            at,
            resume: bytes.len(),
        });
    }
    out
}

/// The end of the code in `start..end`: pest lets a rule that ends in an optional part
/// swallow the space and comments after it, which a span should not include.
pub fn trim_end(text: &str, start: usize, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while end > start && matches!(bytes[end - 1], b' ' | b'\t' | b'\r' | b'\n') {
            end -= 1;
        }
        let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        match comment_start(&bytes[line_start..end]) {
            Some(c) if line_start + c >= start => end = line_start + c,
            _ => return end,
        }
    }
}

/// Where a comment begins on one line, if it has one (a `#` outside strings).
fn comment_start(line: &[u8]) -> Option<usize> {
    let mut pos = 0;
    while pos < line.len() {
        match line[pos] {
            b'"' => pos = skip_string(line, pos),
            b'#' => return Some(pos),
            _ => pos += 1,
        }
    }
    None
}

/// Whether a statement can begin at `pos`: a statement keyword or `?`.
pub fn starts_statement(text: &str, pos: usize) -> bool {
    let rest = &text.as_bytes()[pos.min(text.len())..];
    if rest.first() == Some(&b'?') {
        return true;
    }
    let len = rest.iter().take_while(|&&b| is_ident_byte(b)).count();
    let word = &rest[..len];
    STATEMENT_KEYWORDS.iter().any(|k| k.as_bytes() == word)
}

/// The statement keyword `word` is a slip of (`tready`, `threats`, `State`), if any: a short
/// edit away, or the keyword with an `s`. Short keywords (`if`, `set`, `no`) only exactly.
pub fn near_keyword(word: &str) -> Option<&'static str> {
    let lower = word.to_ascii_lowercase();
    if KEYWORDS.contains(&word) {
        return None;
    }
    STATEMENT_KEYWORDS
        .iter()
        .filter(|k| k.len() > 3 || **k == lower)
        .map(|k| (strsim::damerau_levenshtein(k, &lower), *k))
        .filter(|(d, k)| *d <= 2 && *d <= k.len() / 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
        .or_else(|| {
            let singular = lower.strip_suffix('s')?;
            STATEMENT_KEYWORDS.iter().find(|k| **k == singular).copied()
        })
}

/// Whether a line that begins at `pos` (at the start of a line) reads as a statement meant
/// by someone who slipped: a misspelt keyword, a relation or `why` written where a question
/// goes, a change (`remove X`, `Japan joins NATO`). The line before must not leave a
/// statement open (a trailing `,`, `if`, `and`, `{` or `(`).
fn looks_like_statement(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end();
    if before.ends_with([',', '{', '(', '[']) || before.ends_with(" if") || before.ends_with(" and")
    {
        return false;
    }
    let rest = &text[pos..];
    let len = rest.bytes().take_while(|&b| is_ident_byte(b)).count();
    let word = &rest[..len];
    let next = rest[len..].trim_start_matches([' ', '\t']);
    let after_next: String = next
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if word.is_empty() {
        return false;
    }
    (rest[len..].starts_with('(') && word.starts_with(|c: char| c.is_ascii_lowercase()))
        || matches!(word, "why" | "remove")
        || (word.starts_with(|c: char| c.is_ascii_uppercase())
            && matches!(after_next.as_str(), "joins" | "leaves" | "removed"))
        || (near_keyword(word).is_some() && next.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// Where to resume after a syntax error at `error`: the first line at or after it that begins
/// with a statement keyword, preferring one at the start of a line (top-level statements are
/// written there) over an indented one, which may sit inside a broken block.
pub fn recovery_point(text: &str, error: usize, min: usize) -> usize {
    let mut indented = None;
    let mut line_start = text[..error.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    while line_start < text.len() {
        let first = skip_blank(text, line_start);
        // Progress is guaranteed: never resume at the statement that failed.
        if first > min && first >= error && starts_statement(text, first) {
            if first == line_start {
                return first;
            }
            indented.get_or_insert(first);
        } else if first == line_start
            && first > min
            && first > error
            && looks_like_statement(text, first)
        {
            return first;
        }
        line_start = match text[line_start..].find('\n') {
            Some(i) => line_start + i + 1,
            None => text.len(),
        };
    }
    indented.unwrap_or(text.len())
}

fn skip_blank(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    while pos < bytes.len() && (bytes[pos] == b' ' || bytes[pos] == b'\t') {
        pos += 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_skip_strings() {
        let text = "state A \"x # y\" # real\n# two\r\n";
        let found: Vec<_> = comments(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(found, vec!["# real", "# two"]);
    }

    #[test]
    fn trailing_space_and_comments_are_trimmed() {
        let text = "state B \"#x\"  # note\n  # more\n\nstate C";
        let end = trim_end(text, 0, text.find("state C").unwrap_or(0));
        assert_eq!(&text[..end], "state B \"#x\"");
    }

    #[test]
    fn depth_found_and_resumed() {
        let text = format!("? {}1{} state A", "(".repeat(300), ")".repeat(300));
        let deep = too_deep(&text);
        assert_eq!(deep.len(), 1);
        assert_eq!(deep[0].at, 2 + 256);
        assert_eq!(&text[deep[0].resume..], " state A");
    }

    #[test]
    fn recovery_prefers_line_start() {
        let text = "state A {\n  gdp 1T\n  state B\n}\nstate C\n";
        let err = text.find("1T").unwrap_or(0);
        assert_eq!(&text[recovery_point(text, err, 0)..], "state C\n");
    }
}
