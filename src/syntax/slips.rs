//! Slips people make when copying from an article: each gets its own message and the fix,
//! instead of a generic syntax error. They are looked for only where parsing failed.

use crate::diag::{Code, Diag};
use crate::source::{FileId, Span};

/// Looks for a known slip at or just around the error offset `at` in the statement that
/// starts at `start`.
pub fn find(text: &str, file: FileId, start: usize, at: usize) -> Option<Diag> {
    let span = |s: usize, e: usize| Span::new(file, s, e);
    curly_quote(text, start, at)
        .map(|(s, e)| {
            let (fs, fe, fixed) = straightened(text, s);
            Diag::error(Code::CurlyQuotes, "curly quotes are not string quotes")
                .label(span(s, e), "a typographic quote, as word processors write them")
                .help("use straight double quotes: \"South Korea\"")
                .fix(span(fs, fe), fixed)
        })
        .or_else(|| {
            thousands(text, at).map(|(s, e)| {
                let fixed: String = text[s..e].chars().filter(|&c| c != ',').collect();
                Diag::error(Code::ThousandsSeparator, "numbers cannot contain thousands commas")
                    .label(span(s, e), "the comma splits this number in two")
                    .help(format!("write `{fixed}`, or `_` between digits: `{}`", underscored(&fixed)))
                    .fix(span(s, e), fixed)
            })
        })
        .or_else(|| {
            money(text, at).map(|(s, e)| {
                let written = &text[s..e];
                let fix = money_fix(written);
                let (message, help) = match &fix {
                    Some(fix) if fix.ends_with(['T', 'B', 'M']) => (
                        "money is written with a capital unit letter: T, B or M",
                        format!("write `{fix}` (T for trillion, B for billion, M for million US dollars)"),
                    ),
                    Some(fix) if fix.ends_with('%') => (
                        "a percentage is written with `%`",
                        format!("write `{fix}`, the `%` touching the number"),
                    ),
                    Some(fix) => ("`K` is not a unit", format!("write the whole number: `{fix}`")),
                    None => (
                        "money is written with a unit letter, not `$` or words",
                        "write US dollars as 4.2T (trillion), 540B (billion) or 12M (million)".to_string(),
                    ),
                };
                let d = Diag::error(Code::MoneyFormat, message).label(span(s, e), "not a number the language reads").help(help);
                match fix {
                    Some(fix) => d.fix(span(s, e), fix),
                    None => d,
                }
            })
        })
        .or_else(|| {
            hyphen(text, at).map(|(s, e)| {
                let fixed = text[s..e].replace('-', "_");
                Diag::error(Code::Hyphen, format!("`{}` is not a word of the language", &text[s..e]))
                    .label(span(s, e), "words are joined with `_`, not `-`")
                    .help(format!("write `{fixed}`"))
                    .fix(span(s, e), fixed)
            })
        })
        .or_else(|| {
            detached_unit(text, at).map(|(s, e)| {
                let fixed: String = text[s..e].chars().filter(|c| !c.is_whitespace()).collect();
                Diag::error(Code::DetachedUnit, "a unit must touch its number")
                    .label(span(s, e), "space between the number and its unit")
                    .help(format!("write `{fixed}`"))
                    .fix(span(s, e), fixed)
            })
        })
        .or_else(|| {
            name_with_space(text, start, at).map(|(s, e)| {
                let joined: String = text[s..e].split_whitespace().collect();
                let shown = text[s..e].split_whitespace().collect::<Vec<_>>().join(" ");
                Diag::error(Code::NameWithSpace, format!("a name cannot contain a space: `{shown}`"))
                    .label(span(s, e), "read as two names")
                    .help(format!(
                        "declare it as `state {joined} \"{shown}\"` and write `{joined}` everywhere else"
                    ))
                    .fix(span(s, e), joined)
            })
        })
}

/// A curly quote between the statement's start and the error, outside comments.
fn curly_quote(text: &str, start: usize, at: usize) -> Option<(usize, usize)> {
    let end = text[at.min(text.len())..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8());
    let mut in_comment = false;
    for (i, c) in text.get(start..end)?.char_indices() {
        match c {
            '#' => in_comment = true,
            '\n' => in_comment = false,
            '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '\u{201E}' | '\u{00AB}'
            | '\u{00BB}'
                if !in_comment =>
            {
                return Some((start + i, start + i + c.len_utf8()));
            }
            _ => {}
        }
    }
    None
}

/// The fix for a curly quote at `at`: up to the next curly quote on its line, both made
/// straight (`“South Korea”` → `"South Korea"`), or the one quote alone.
fn straightened(text: &str, at: usize) -> (usize, usize, String) {
    let curly = |c: char| "\u{201C}\u{201D}\u{2018}\u{2019}\u{201E}\u{00AB}\u{00BB}".contains(c);
    let first = text[at..].chars().next().map_or(0, char::len_utf8);
    let line = &text[at + first..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    match line.char_indices().find(|(_, c)| curly(*c)) {
        Some((i, c)) => {
            let end = at + first + i + c.len_utf8();
            (at, end, format!("\"{}\"", &line[..i]))
        }
        None => (at, at + first, "\"".to_string()),
    }
}

/// The extent of the run of bytes around `at` that satisfy `keep`.
fn run_around(text: &str, at: usize, keep: impl Fn(u8) -> bool) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut s = at.min(bytes.len());
    while s > 0 && keep(bytes[s - 1]) {
        s -= 1;
    }
    let mut e = at.min(bytes.len());
    while e < bytes.len() && keep(bytes[e]) {
        e += 1;
    }
    (s, e)
}

/// `28,500` or `1,234,567`: digits and commas with groups of three after each comma.
fn thousands(text: &str, at: usize) -> Option<(usize, usize)> {
    let (s, e) = run_around(text, at, |b| b.is_ascii_digit() || b == b',' || b == b'.');
    let run = text.get(s..e)?.trim_end_matches(',');
    let e = s + run.len();
    let whole = run.split('.').next()?;
    let groups: Vec<&str> = whole.split(',').collect();
    let ok = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[0].bytes().all(|b| b.is_ascii_digit())
        && groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    ok.then_some((s, e))
}

fn underscored(digits: &str) -> String {
    let (whole, frac) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push('_');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// `$4.2trn`, `4.2 trillion`, `540bn`: a dollar sign or a unit spelled as a word.
fn money(text: &str, at: usize) -> Option<(usize, usize)> {
    let (s, e) = run_around(text, at, |b| {
        b.is_ascii_alphanumeric() || b == b'.' || b == b'$'
    });
    let token = text.get(s..e)?;
    let lower = token.to_ascii_lowercase();
    let bare = token.trim_start_matches('$');
    let digits_end = bare.find(|c: char| !c.is_ascii_digit() && c != '.');
    // Case matters: `4.2T` is right, `4.2t` and `4.2trn` are slips.
    let suffix = digits_end.map(|i| &bare[i..]).unwrap_or("");
    let words = [
        "trn", "tn", "trillion", "bn", "bln", "billion", "mn", "mln", "million", "m", "b", "t", "k",
    ];
    let has_digits = bare.starts_with(|c: char| c.is_ascii_digit());
    if token.starts_with('$')
        || (has_digits
            && words.contains(&suffix.to_ascii_lowercase().as_str())
            && !["T", "B", "M"].contains(&suffix))
    {
        return Some((s, e));
    }
    // "4.2 trillion": the word after the number, which may sit before the error.
    if let Some(found) = spelled_unit(text, at) {
        return Some(found);
    }
    let before = text.get(..s)?.trim_end_matches(' ');
    let number_before = before.ends_with(|c: char| c.is_ascii_digit());
    let spelled = ["trn", "trillion", "bn", "billion", "million", "mn"];
    if number_before && spelled.contains(&lower.as_str()) {
        let ns = before
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map_or(0, |i| i + 1);
        return Some((ns, e));
    }
    None
}

/// A number followed by a unit in words (`4.2 trillion`) on the error's line, before the error.
fn spelled_unit(text: &str, at: usize) -> Option<(usize, usize)> {
    let at = at.min(text.len());
    let line = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let words = [
        "trillion", "billion", "million", "trn", "bn", "tn", "mn", "percent", "pct",
    ];
    let segment = &text[line..at];
    for (i, _) in segment.match_indices(|c: char| c.is_ascii_digit()) {
        let rest = &segment[i..];
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let after = &rest[digits..];
        let spaced = after.trim_start_matches(' ');
        let word: String = spaced
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if spaced.len() < after.len() && words.contains(&word.to_ascii_lowercase().as_str()) {
            let start = line + i;
            let end = start + digits + (after.len() - spaced.len()) + word.len();
            if i == 0 || !segment.as_bytes()[i - 1].is_ascii_alphanumeric() {
                return Some((start, end));
            }
        }
    }
    None
}

/// The right way to write a slipped amount: `$4.2trn` is `4.2T`, `540bn` is `540B`,
/// `500K` is `500000`.
fn money_fix(written: &str) -> Option<String> {
    let bare = written.trim_start_matches('$');
    let split = bare.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, unit) = bare.split_at(split);
    let unit = unit.trim().to_ascii_lowercase();
    if number.is_empty() {
        return None;
    }
    let letter = match unit.as_str() {
        "t" | "tn" | "trn" | "trillion" => "T",
        "b" | "bn" | "bln" | "billion" => "B",
        "m" | "mn" | "mln" | "million" => "M",
        "percent" | "pct" => "%",
        "k" => {
            let whole: rust_decimal::Decimal = number.parse().ok()?;
            return Some(
                (whole * rust_decimal::Decimal::from(1000))
                    .normalize()
                    .to_string(),
            );
        }
        _ => return None,
    };
    Some(format!("{number}{letter}"))
}

/// `one-way`, `Five-Eyes`: letters joined by a hyphen.
fn hyphen(text: &str, at: usize) -> Option<(usize, usize)> {
    let (s, e) = run_around(text, at, |b| {
        b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
    });
    let token = text.get(s..e)?;
    let parts: Vec<&str> = token.split('-').collect();
    let ok = parts.len() > 1
        && parts
            .iter()
            .all(|p| p.starts_with(|c: char| c.is_ascii_alphabetic()));
    ok.then_some((s, e))
}

/// `27.4 T` or `2.5 %`: a lone unit after a number and a space.
fn detached_unit(text: &str, at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let unit = *bytes.get(at)?;
    if !matches!(unit, b'T' | b'B' | b'M' | b'%') {
        return None;
    }
    if bytes
        .get(at + 1)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        return None;
    }
    let before = text.get(..at)?;
    let trimmed = before.trim_end_matches([' ', '\t']);
    if trimmed.len() == before.len() || !trimmed.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let s = trimmed
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))
        .map_or(0, |i| i + 1);
    Some((s, at + 1))
}

/// `South Korea`: the error is at a capitalised word that follows another one after a single
/// space, in the same statement.
fn name_with_space(text: &str, start: usize, at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    if !bytes.get(at)?.is_ascii_uppercase() || at < 2 || bytes[at - 1] != b' ' {
        return None;
    }
    let prev_end = at - 1;
    let (ps, _) = run_around(text, prev_end, |b| b.is_ascii_alphanumeric() || b == b'_');
    if ps < start || ps == prev_end || !bytes[ps].is_ascii_uppercase() {
        return None;
    }
    let (_, e) = run_around(text, at, |b| b.is_ascii_alphanumeric() || b == b'_');
    Some((ps, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str, at_marker: &str) -> Option<Code> {
        let at = text.find(at_marker).unwrap_or(0);
        find(text, FileId(0), 0, at).map(|d| d.code)
    }

    #[test]
    fn each_slip_is_named() {
        assert_eq!(code("state A “A”", "“"), Some(Code::CurlyQuotes));
        assert_eq!(
            code("troops US in K 28,500", ",500"),
            Some(Code::ThousandsSeparator)
        );
        assert_eq!(
            code("state A { gdp: $4.2trn }", "$"),
            Some(Code::MoneyFormat)
        );
        assert_eq!(code("treaty US Japan one-way", "one"), Some(Code::Hyphen));
        assert_eq!(
            code("state A { gdp: 27.4 T }", "T }"),
            Some(Code::DetachedUnit)
        );
        assert_eq!(
            code("treaty US South Korea mutual", "Korea"),
            Some(Code::NameWithSpace)
        );
        assert_eq!(code("treaty US Japan sideways", "sideways"), None);
        assert_eq!(
            code("state A { spending: 1.6 percent }", " }"),
            Some(Code::MoneyFormat)
        );
    }

    #[test]
    fn slips_carry_their_fix() {
        let fix = |text: &str, at: &str| {
            let d = find(text, FileId(0), 0, text.find(at).unwrap_or(0));
            d.and_then(|d| d.fixes.first().map(|f| (f.span.range(), f.text.clone())))
        };
        let quoted = "state A \u{201C}South Korea\u{201D}";
        assert_eq!(
            fix(quoted, "\u{201C}"),
            Some((8..25, "\"South Korea\"".into()))
        );
        assert_eq!(
            fix("troops US in K 28,500", ",500"),
            Some((15..21, "28500".into()))
        );
        assert_eq!(
            fix("treaty US Japan one-way", "one"),
            Some((16..23, "one_way".into()))
        );
        assert_eq!(
            fix("state A { gdp: $4.2trn }", "$"),
            Some((15..22, "4.2T".into()))
        );
        assert_eq!(
            fix("state A { gdp: 27.4 T }", "T }"),
            Some((15..21, "27.4T".into()))
        );
        assert_eq!(
            fix("treaty US South Korea mutual", "Korea"),
            Some((10..21, "SouthKorea".into()))
        );
    }

    #[test]
    fn underscores_group_thousands() {
        assert_eq!(underscored("1234567"), "1_234_567");
        assert_eq!(underscored("28500"), "28_500");
    }
}
