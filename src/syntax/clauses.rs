//! Slips in the clauses of years and conditions (sections 10 and 11 of the brief): a year that
//! is not one (`from 19a9`, `until` with nothing after it), a two-word keyword written as one
//! or half (`as-of 1990`, `unless provoke`, `provoked` on a treaty), an obligation or a display
//! name written after the clauses that follow it, clauses after the braces, and a comma
//! between dated values. Looked for only where parsing failed, before the other slips, since
//! each names what the clause means.

use super::intent::{line_end, words, Word};
use crate::diag::{Code, Diag};
use crate::source::{floor_char_boundary, FileId, Span};

/// The obligation types, as a treaty or pact writes them.
const OBLIGATIONS: &[&str] = &[
    "defence",
    "offence",
    "consultation",
    "neutrality",
    "nonaggression",
];

/// What a year after `word` (`from`, `until`, `as of`, `@`) means, for the help line of a year
/// that is not one.
pub(super) fn year_help(word: &str) -> String {
    match word {
        "until" => "`until YEAR` is the last year the declaration holds, that year included (`until 1990`: in force as of 1990, ended as of 1991); a year is written in digits, at most five".into(),
        "from" => "`from YEAR` is the first year the declaration holds (`from 1952`: in force as of 1952 and after); a year is written in digits, at most five".into(),
        "as of" => "`as of YEAR` reads the whole file as the world stood in that year (`as of 1962`); a year is written in digits, at most five".into(),
        _ => "each dated value is followed by `@` and the year it takes effect, in digits: `spending: 1.8% @2016 2.5% @2024`".into(),
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The token at `at` (a word, number or year, with `-` and `.` inside it), reaching back to
/// its start when the parser stopped in its middle (`19a9` stops at `a`).
fn token_at(text: &str, at: usize) -> Word<'_> {
    let bytes = text.as_bytes();
    let inside = |b: u8| is_word_byte(b) || b == b'-' || b == b'.' || b == b'%';
    let at = floor_char_boundary(text, at.min(text.len()));
    let mut start = at;
    if bytes.get(start).copied().is_some_and(inside) {
        while start > 0 && inside(bytes[start - 1]) {
            start -= 1;
        }
    }
    let mut end = at.min(bytes.len());
    while end < bytes.len() && inside(bytes[end]) {
        end += 1;
    }
    Word {
        text: &text[start..end],
        start,
        end,
    }
}

/// The word (or the one character that is not blank) just before `at`, on the same statement.
fn word_before(text: &str, at: usize) -> Option<Word<'_>> {
    let bytes = text.as_bytes();
    let mut end = floor_char_boundary(text, at.min(text.len()));
    while end > 0 && matches!(bytes[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    let mut start = end;
    while start > 0 && is_word_byte(bytes[start - 1]) {
        start -= 1;
    }
    if start == end {
        // The one character before, whole.
        start = floor_char_boundary(text, end - 1);
    }
    Some(Word {
        text: &text[start..end],
        start,
        end,
    })
}

/// Where parsing failed: the token there, the word before it, and the statement's words up to
/// it.
struct Site<'a> {
    text: &'a str,
    file: FileId,
    token: Word<'a>,
    before: Option<Word<'a>>,
    ws: Vec<Word<'a>>,
}

impl<'a> Site<'a> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    /// The declaration (`treaty`, `pact`, `state`, ...) and its words from the keyword on,
    /// past an `add` of a scenario.
    fn decl(&self) -> Option<(&'a str, &[Word<'a>])> {
        let i = self
            .ws
            .iter()
            .position(|w| matches!(w.text, "treaty" | "pact" | "state" | "group" | "bloc"))?;
        Some((self.ws[i].text, &self.ws[i..]))
    }
}

/// Looks for a slip in a clause of years or conditions where parsing failed at `at`, in the
/// statement that starts at `start`.
pub fn find(text: &str, file: FileId, start: usize, at: usize) -> Option<Diag> {
    let token = token_at(text, at);
    let site = Site {
        text,
        file,
        token,
        before: word_before(text, token.start).filter(|w| w.start >= start),
        ws: words(text, start, token.start),
    };
    as_of_written_as_one(&site)
        .or_else(|| unless_provoked(&site))
        .or_else(|| bad_year(&site))
        .or_else(|| late_obligation(&site))
        .or_else(|| display_name_late(&site))
        .or_else(|| after_braces(&site))
        .or_else(|| dated_value_comma(&site))
        .or_else(|| bare_year(&site))
        .or_else(|| as_of_in_body(&site))
}

/// `treaty A B mutual 1990`: a year without the clause that says which end it is.
fn bare_year(site: &Site) -> Option<Diag> {
    let token = site.token;
    let is_year = token.text.len() >= 3 && token.text.bytes().all(|b| b.is_ascii_digit());
    let after_number = site
        .before
        .is_some_and(|w| w.text.starts_with(|c: char| c.is_ascii_digit()));
    if !is_year || after_number || site.decl().is_none() {
        return None;
    }
    Some(
        Diag::error(Code::BadYear, format!("the year `{}` needs `from` or `until`", token.text))
            .label(site.span(token.start, token.end), "a year on its own")
            .help(format!(
                "write `from {y}` (the first year the declaration holds) or `until {y}` (the last, that year included)",
                y = token.text
            )),
    )
}

/// `if remove A then { as of 1990 }`: `as of` is a change, written before `then`.
fn as_of_in_body(site: &Site) -> Option<Diag> {
    let token = site.token;
    let in_body = site.ws.iter().any(|w| w.text == "then")
        && matches!(site.ws.first().map(|w| w.text), Some("if" | "scenario"));
    if token.text != "as" || !in_body {
        return None;
    }
    Some(
        Diag::error(Code::ChangeOutsideScenario, "`as of` is a change: it goes before `then`")
            .label(site.span(token.start, token.end), "a change in the scenario's questions")
            .help("write `if as of 1990 then ...`, or `if remove A and as of 1990 then ...`; in a named scenario, put it among the changes in the first braces: `scenario s { as of 1990 } then { ... }`"),
    )
}

/// `as-of 1990`, `as_of 1990`, `asof 1990`: `as of` is two words.
fn as_of_written_as_one(site: &Site) -> Option<Diag> {
    let (token, span) = (site.token, |s, e| site.span(s, e));
    if !matches!(
        token.text.to_ascii_lowercase().as_str(),
        "as-of" | "as_of" | "asof"
    ) {
        return None;
    }
    Some(
        Diag::error(
            Code::TwoWordKeyword,
            format!("`{}` is written as two words: `as of`", token.text),
        )
        .label(span(token.start, token.end), "`as of` is two words")
        .help("write `as of YEAR`: the whole file is read as the world stood in that year (`as of 1962`)")
        .fix(span(token.start, token.end), "as of"),
    )
}

/// `unless provoke`, `unless` alone, `unless_provoked`, or `provoked` alone on a treaty or
/// pact: the condition is the two words `unless provoked`.
fn unless_provoked(site: &Site) -> Option<Diag> {
    let text = site.text;
    let token = site.token;
    let before = site.before;
    let decl = site.decl();
    let span = |s, e| site.span(s, e);
    let lower = token.text.to_ascii_lowercase();
    let whole = (token.start, token.end);
    // What is wrong, where, the label, and the fix (a replacement of that place), if one.
    let (message, (s, e), label, fix) = if lower.starts_with("unless") && lower.contains("provok") {
        let message = format!(
            "`{}` is written as two words: `unless provoked`",
            token.text
        );
        let label = "`unless provoked` is two words".to_string();
        (message, whole, label, Some("unless provoked"))
    } else if let Some(unless) = before.filter(|w| w.text == "unless") {
        let message = "the condition is written `unless provoked`".to_string();
        if token.text.is_empty() || token.start >= line_end(text, unless.end) {
            let label = "`unless` needs `provoked` after it".to_string();
            (message, (unless.start, unless.end), label, None)
        } else {
            let label = format!("`unless` is followed by `provoked`, not `{}`", token.text);
            let fix = lower.starts_with("provok").then_some("provoked");
            (message, whole, label, fix)
        }
    } else if token.text == "provoked" && matches!(decl, Some(("treaty" | "pact", _))) {
        let message = "on a treaty or a pact, the condition is written `unless provoked`";
        let label = "`provoked` alone marks a threat".to_string();
        (message.to_string(), whole, label, Some("unless provoked"))
    } else {
        return None;
    };
    let d = Diag::error(Code::TwoWordKeyword, message)
        .label(span(s, e), label)
        .help("write `unless provoked`: the duty then lapses against a threat marked `provoked` (`threat France against Germany provoked`)");
    Some(match fix {
        Some(fix) => d.fix(span(s, e), fix),
        None => d,
    })
}

/// `from 19a9`, `until B`, `until` and nothing, `as of 19x0`, `@20x4`: a clause's year that
/// the parser cannot read as a number.
fn bad_year(site: &Site) -> Option<Diag> {
    let text = site.text;
    let token = site.token;
    let before = site.before;
    let ws = &site.ws;
    let span = |s, e| site.span(s, e);
    let before = before?;
    let word = match before.text {
        "from" | "until" | "@" => before.text,
        "of" if ws.len() >= 2 && ws[ws.len() - 2].text == "as" => "as of",
        // `as 1990`: the `of` is missing.
        "as" if token.text.starts_with(|c: char| c.is_ascii_digit()) => {
            return Some(
                Diag::error(
                    Code::TwoWordKeyword,
                    "`as of` is two words; `of` is missing",
                )
                .label(
                    span(before.start, before.end),
                    "`as` alone is not a statement",
                )
                .help(format!(
                    "write `as of {}`: the whole file is read as the world stood in that year",
                    token.text
                ))
                .fix(span(before.end, before.end), " of"),
            );
        }
        _ => return None,
    };
    // `remove Estonia from NATO` is English, judged elsewhere.
    if word == "from" && token.text.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let shown = if word == "@" {
        "@".to_string()
    } else {
        format!("`{word}`")
    };
    let missing = token.text.is_empty() || token.start >= line_end(text, before.end);
    let d = if missing {
        Diag::error(Code::BadYear, format!("{shown} needs a year")).label(
            span(before.start, before.end),
            "a year, such as 1990, goes here",
        )
    } else {
        Diag::error(Code::BadYear, format!("`{}` is not a year", token.text)).label(
            span(token.start, token.end),
            "a year is a whole number in digits, such as 1990",
        )
    };
    Some(d.help(year_help(word)))
}

/// `treaty A B mutual from 1990 defence`, `pact P against C defence { ... }`: the obligation
/// comes right after the direction (or the pact's name), before the years and conditions.
/// Also `treaty A B defence mutual`: the direction comes first.
fn late_obligation(site: &Site) -> Option<Diag> {
    let text = site.text;
    let token = site.token;
    let decl = site.decl();
    let span = |s, e| site.span(s, e);
    let (kind, ws) = decl?;
    if !OBLIGATIONS.contains(&token.text) || !matches!(kind, "treaty" | "pact") {
        return None;
    }
    // The word the obligation follows: the direction of a treaty, the name of a pact.
    let after = if kind == "treaty" { 3 } else { 1 };
    if kind == "treaty" && ws.len() == after {
        // `treaty A B defence mutual`: the obligation before the direction.
        let rest = &text[token.end..];
        let next = token_at(text, token.end + (rest.len() - rest.trim_start().len()));
        if matches!(next.text, "mutual" | "one_way") {
            return Some(
                Diag::error(Code::ClauseOrder, "the direction comes before the obligation")
                    .label(span(token.start, next.end), format!("`{}` written before `{}`", token.text, next.text))
                    .help(format!("write `{} {}`: the direction (`mutual` or `one_way`), then the obligation, then years and conditions", next.text, token.text))
                    .fix(span(token.start, next.end), format!("{} {}", next.text, token.text)),
            );
        }
        return None;
    }
    let anchor = ws.get(after)?;
    let clauses = &text[anchor.end..token.start];
    let clauses = clauses.trim();
    if clauses.is_empty() {
        return None;
    }
    let statement = format!(
        "{} {} {}",
        text[ws[0].start..anchor.end].trim_end(),
        token.text,
        clauses
    );
    Some(
        Diag::error(
            Code::ClauseOrder,
            format!("the obligation `{}` comes before the years and conditions", token.text),
        )
        .label(span(token.start, token.end), format!("written after `{clauses}`"))
        .help(format!(
            "write `{statement}`: the obligation follows the {}, then come the years and conditions in any order",
            if kind == "treaty" { "direction" } else { "pact's name" }
        ))
        .fix(span(anchor.end, token.end), format!(" {} {clauses}", token.text)),
    )
}

/// `state WestGermany from 1955 "West Germany"`: the display name follows the name.
fn display_name_late(site: &Site) -> Option<Diag> {
    let text = site.text;
    let token = site.token;
    let decl = site.decl();
    let span = |s, e| site.span(s, e);
    let (kind, ws) = decl?;
    let name = ws.get(1)?;
    if kind != "state" || !text[token.start..].starts_with('"') || ws.len() < 3 {
        return None;
    }
    let line = &text[token.start..line_end(text, token.start)];
    let quoted = line[1..].find('"').map_or(line, |i| &line[..i + 2]);
    let clauses = text[name.end..token.start].trim();
    Some(
        Diag::error(Code::ClauseOrder, "the display name comes right after the state's name")
            .label(span(token.start, token.start + quoted.len()), format!("written after `{clauses}`"))
            .help(format!(
                "write `state {} {quoted} {clauses}`: the name, its display name, then the years, then the attributes",
                name.text
            )),
    )
}

/// `treaty A B mutual { name: "x" } from 1950`, `pact P { A, B } from 1949`: years and
/// conditions come before the braces.
fn after_braces(site: &Site) -> Option<Diag> {
    let token = site.token;
    let before = site.before;
    let decl = site.decl();
    let span = |s, e| site.span(s, e);
    let (kind, _) = decl?;
    if before?.text != "}"
        || !matches!(
            token.text,
            "from" | "until" | "against" | "in" | "unless" | "secret"
        )
    {
        return None;
    }
    let place = match kind {
        "pact" | "group" | "bloc" => "before the member list",
        _ => "before the braces",
    };
    Some(
        Diag::error(
            Code::ClauseOrder,
            format!("years and conditions come {place}"),
        )
        .label(span(token.start, token.end), format!("`{}` written after the braces", token.text))
        .help(format!(
            "move `{} ...` {place}: `treaty US Japan one_way defence from 1960 {{ signed: 1960 }}`, `pact NATO defence from 1949 {{ US, Canada }}`",
            token.text
        )),
    )
}

/// `spending: 1.8% @2016, 2.5% @2024`: dated values follow one another without a comma (a
/// comma ends the attribute).
fn dated_value_comma(site: &Site) -> Option<Diag> {
    let text = site.text;
    let token = site.token;
    let before = site.before;
    let span = |s, e| site.span(s, e);
    let comma = before.filter(|w| w.text == ",")?;
    // The comma follows a dated value (`@2016`), and a value with its year follows it.
    let year = word_before(text, comma.start)?;
    let at_sign = word_before(text, year.start)?;
    if at_sign.text != "@" || !year.text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = &text[token.start..line_end(text, token.start)];
    let value_end = rest.find([',', '}']).unwrap_or(rest.len());
    if !rest[..value_end].contains('@') {
        return None;
    }
    Some(
        Diag::error(
            Code::DatedValueComma,
            "dated values follow one another without a comma",
        )
        .label(span(comma.start, comma.end), "this comma ends the attribute")
        .help("write `spending: 1.8% @2016 2.5% @2024`: a comma separates attributes, so the next value would need a key of its own")
        .fix(span(comma.start, comma.end), ""),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_of_several_bytes_before_the_error_is_one_word() {
        // Found by tests/repl.rs `no_panics`: `#日\n0` once cut `日` in the middle.
        let text = "state A 日 from";
        let before = word_before(text, text.len() - "from".len());
        assert_eq!(before.map(|w| w.text), Some("日"));
        assert!(find("#日\n0", FileId(0), 0, 0).is_none());
        assert!(find("x 日 19a9", FileId(0), 0, 9).is_none());
    }
}
