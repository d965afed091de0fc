//! Parsing: text to syntax tree, one statement at a time.

pub mod ast;
mod build;
mod clauses;
mod intent;
pub mod lex;
mod slips;
mod values;

use pest::Parser;
use pest_derive::Parser;

use crate::diag::{Code, Diag};
use crate::source::{FileId, Span};
use ast::File;
use build::Builder;

#[derive(Parser)]
#[grammar = "../grammar/alliance.pest"]
struct AllianceParser;

pub use intent::GROUP_KINDS;
pub use values::too_deep_diag;

/// Parses a whole file. Every syntax error is reported; after one, parsing resumes at the
/// next line that begins a statement, so a file's mistakes are all shown in one run.
pub fn parse_file(text: &str, file: FileId) -> (File, Vec<Diag>) {
    // A lone `\r` ends a line as `\n` does (a comment ends there); spans are unchanged.
    let unified = crate::source::unify_line_endings(text);
    let text: &str = &unified;
    let deep = lex::too_deep(text);
    let mut deep = deep.into_iter().peekable();
    let mut builder = Builder {
        file,
        offset: 0,
        diags: Vec::new(),
    };
    let mut out = File::default();
    let mut pos = lex::skip_trivia(text, 0);
    while pos < text.len() {
        while deep.peek().is_some_and(|d| d.resume <= pos) {
            deep.next();
        }
        // Nesting past the limit is cut off before pest sees it.
        let limit = deep.peek().map_or(text.len(), |d| d.at.max(pos));
        let slice = &text[pos..limit];
        // Fast path: the first word names the statement, so its rule is parsed directly and
        // the lookahead of `top_checked` is done by hand. Anything unusual takes the slow path.
        if limit == text.len() {
            if let Some(rule) = statement_rule(slice) {
                if let Ok(mut pairs) = AllianceParser::parse(rule, slice) {
                    if let Some(stmt) = pairs.next() {
                        let end = pos + stmt.as_span().end();
                        let next = lex::skip_trivia(text, end);
                        if next == text.len() || lex::starts_statement(text, next) {
                            builder.offset = pos;
                            out.stmts.push(builder.statement(stmt));
                            pos = lex::skip_trivia(text, end.max(pos + 1));
                            continue;
                        }
                    }
                }
            }
        }
        match AllianceParser::parse(Rule::top_checked, slice) {
            Ok(pairs) => {
                let Some(stmt) = pairs
                    .into_iter()
                    .next()
                    .and_then(|top| top.into_inner().next())
                else {
                    break;
                };
                let end = pos + stmt.as_span().end();
                builder.offset = pos;
                out.stmts.push(builder.statement(stmt));
                pos = lex::skip_trivia(text, end.max(pos + 1));
            }
            Err(err) => {
                let at = pos + error_offset(&err);
                if limit < text.len() && at >= limit {
                    let resume = deep.next().map_or(text.len(), |d| d.resume);
                    builder
                        .diags
                        .push(too_deep_diag(Span::new(file, limit, limit + 1)));
                    pos = lex::skip_trivia(text, lex::recovery_point(text, resume, pos));
                    continue;
                }
                // A statement that parses on its own is kept, so one bad attribute or a
                // stray word after it does not also make its names unknown.
                if let Ok(pairs) = AllianceParser::parse(Rule::top, slice) {
                    if let Some(stmt) = pairs.into_iter().next().and_then(|t| t.into_inner().next())
                    {
                        if pos + stmt.as_span().end() <= at {
                            builder.offset = pos;
                            out.stmts.push(builder.statement(stmt));
                        }
                    }
                }
                builder.diags.push(syntax_error(text, file, pos, slice));
                pos = lex::skip_trivia(text, lex::recovery_point(text, at, pos));
            }
        }
    }
    (out, builder.diags)
}

fn error_offset(err: &pest::error::Error<Rule>) -> usize {
    match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

/// Parses the failing statement again with pest's detailed tracking on (it costs about twice
/// the time, so only after a failure) and words the result for a person.
fn syntax_error(text: &str, file: FileId, start: usize, slice: &str) -> Diag {
    pest::set_error_detail(true);
    let result = AllianceParser::parse(Rule::top_checked, slice);
    pest::set_error_detail(false);
    let Err(err) = result else {
        return Diag::error(Code::Syntax, "this statement could not be read")
            .label(Span::new(file, start, start + 1), "here");
    };
    // With detailed tracking on, pest also records literal tokens (`:` or `)`), which can
    // fail further on than any rule: the further place is the one to show.
    let detailed = err.parse_attempts().map_or(0, |a| a.max_position);
    let at = start + error_offset(&err).max(detailed);
    if let Some(slip) = clauses::find(text, file, start, at) {
        return slip;
    }
    if let Some(meant) = intent::find(text, file, start, at) {
        return meant;
    }
    if let Some(slip) = slips::find(text, file, start, at) {
        return slip;
    }
    let mut expected = expected_words(&err);
    if at == start {
        // Nothing of a statement was recognised: what was expected is a statement.
        expected =
            "a statement (`state`, `treaty`, `pact`, `rule`, `expect`, `?`, ...)".to_string();
    }
    let found = found_token(text, at);
    if let Some(d) = unclosed(text, file, start, at, &found) {
        return d;
    }
    if let Some(d) = missing_colon(text, file, at, &expected, &found) {
        return d;
    }
    let end = (at + found.len()).max(at + 1).min(text.len().max(at));
    let span = Span::new(file, at, end);
    let found_words = if found.is_empty() {
        "the end of the file".to_string()
    } else {
        format!("`{found}`")
    };
    let message = match expected.as_str() {
        "" => format!("unexpected {found_words}"),
        e => format!("expected {e}, found {found_words}"),
    };
    let label = match expected.len() {
        0 => "not expected here".to_string(),
        1..=60 => format!("expected {expected}"),
        _ => "unexpected here".to_string(),
    };
    let mut diag = Diag::error(Code::Syntax, message).label(span, label);
    if let Some(h) = hint(text, at, &found, &expected) {
        diag = diag.help(h);
    }
    diag
}

/// A `{` or `(` left open when the next statement (or the end of the file) arrives: the
/// place to show is the opening, not the line after.
fn unclosed(text: &str, file: FileId, start: usize, at: usize, found: &str) -> Option<Diag> {
    // The error's line begins a new statement (or the file ended): look for what was left
    // open before that line.
    let line = line_start(text, at);
    let first = line + text[line..].len() - text[line..].trim_start_matches([' ', '\t']).len();
    let at = if found.is_empty() { at } else { line };
    if !(found.is_empty() || (lex::starts_statement(text, first) && first > start)) {
        return None;
    }
    let mut open: Vec<(usize, u8)> = Vec::new();
    let bytes = text.as_bytes();
    let mut pos = start;
    while pos < at.min(bytes.len()) {
        match bytes[pos] {
            b'"' => {
                pos += 1;
                while pos < at && bytes[pos] != b'"' && bytes[pos] != b'\n' {
                    pos += if bytes[pos] == b'\\' { 2 } else { 1 };
                }
            }
            b'#' => {
                while pos < at && bytes[pos] != b'\n' {
                    pos += 1;
                }
            }
            b'{' | b'(' => open.push((pos, bytes[pos])),
            b'}' | b')' => {
                open.pop();
            }
            _ => {}
        }
        pos += 1;
    }
    let (where_, brace) = *open.last()?;
    let (opening, closing) = if brace == b'{' {
        ("{", "}")
    } else {
        ("(", ")")
    };
    Some(
        Diag::error(Code::Syntax, format!("this `{opening}` is never closed"))
            .label(Span::new(file, where_, where_ + 1), "opened here")
            .help(format!(
                "add `{closing}` where the list or block ends, before the next statement"
            )),
    )
}

/// `gdp 4.2T` inside attributes: the colon after the key is missing.
fn missing_colon(text: &str, file: FileId, at: usize, expected: &str, found: &str) -> Option<Diag> {
    if !expected.contains("`:`") || found.is_empty() {
        return None;
    }
    let before = text[..at].trim_end_matches([' ', '\t']);
    let key: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if key.is_empty() || !key.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let key_start = before.len() - key.len();
    let value: String = text[at..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ',' && *c != '}')
        .collect();
    Some(
        Diag::error(Code::Syntax, format!("expected `:` after `{key}`"))
            .label(
                Span::new(file, key_start, before.len()),
                "a key needs `:` before its value",
            )
            .help(format!("write `{key}: {value}`")),
    )
}

/// A help line for a few common causes, judged from what was found.
fn hint(text: &str, at: usize, found: &str, expected: &str) -> Option<String> {
    let first = found.chars().next()?;
    if first.is_ascii_lowercase()
        && expected.starts_with("a name")
        && !lex::KEYWORDS.contains(&found)
    {
        let capital: String = found[..1].to_ascii_uppercase() + &found[1..];
        return Some(format!(
            "names of states, pacts and groups begin with a capital letter: write `{capital}`"
        ));
    }
    let before = text[..at].trim_end_matches([' ', '\t']);
    if found == "(" && before.len() < at && before.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        return Some(
            "a relation name touches its `(`: write `defends(x, y)`, with no space".into(),
        );
    }
    let previous_word = before
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    if !first.is_ascii() {
        return Some("names and words use the letters A to Z, digits and `_` only (write `Cote` for Côte); a display name in quotes may use any letters".into());
    }
    if before.ends_with('\\') {
        return Some("inside a string, `\\` begins one of `\\\"`, `\\\\` or `\\n`".into());
    }
    if matches!(found, "+" | "-" | "*" | "/") && open_paren(before) {
        return Some("inside a relation's parentheses, write values or variables; compute first, as in `gdp(x, g), h = g * 2`".into());
    }
    if previous_word == "set" && first.is_ascii_uppercase() {
        return Some("outside a scenario, `set` changes a setting of the standard theory (`set balance_threshold = 0.8`); to change a state, edit its declaration, or use `set` inside a scenario".into());
    }
    if previous_word == "add" && matches!(found, "rule" | "expect" | "set") {
        return Some("a scenario's `add` takes a declaration or a `fact`; rules apply in every world, so write them outside the scenario".into());
    }
    if first.is_ascii_lowercase() && before.ends_with(':') {
        let capital: String = found
            .chars()
            .next()
            .map(|c| c.to_ascii_uppercase())
            .into_iter()
            .chain(found.chars().skip(1))
            .collect();
        return Some(format!(
            "a name begins with a capital letter: write `{capital}`"
        ));
    }
    if first.is_ascii_uppercase() && found.len() > 1 && before.ends_with(['(', ',']) {
        return None;
    }
    if first.is_ascii_lowercase() && !lex::KEYWORDS.contains(&found) && at == line_start(text, at) {
        return Some(
            "every statement begins with a keyword such as `state`, `treaty`, `rule`, `expect` or `?`"
                .into(),
        );
    }
    None
}

/// Whether `text` ends inside an unclosed `(` on its last line.
fn open_paren(text: &str) -> bool {
    let line = &text[line_start(text, text.len())..];
    line.matches('(').count() > line.matches(')').count()
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The token at the error: a word, a number or one character.
fn found_token(text: &str, at: usize) -> String {
    let rest = &text[at.min(text.len())..];
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if !word.is_empty() {
        return word;
    }
    match rest.chars().next() {
        Some('\n') | Some('\r') => "end of line".into(),
        Some(c) => c.to_string(),
        None => String::new(),
    }
}

/// What pest expected, in words: rule names never reach the user.
fn expected_words(err: &pest::error::Error<Rule>) -> String {
    let detailed = err.parse_attempts().map_or(0, |a| a.max_position);
    let rules_at_error = detailed <= error_offset(err);
    let mut words: Vec<String> = Vec::new();
    let mut push = |w: String| {
        if !words.contains(&w) {
            words.push(w);
        }
    };
    if let (true, pest::error::ErrorVariant::ParsingError { positives, .. }) =
        (rules_at_error, &err.variant)
    {
        for r in positives {
            if let Some(w) = describe(*r) {
                push(w.to_string());
            }
        }
    }
    if let Some(attempts) = err.parse_attempts() {
        for stack in &attempts.call_stacks {
            let rule = stack.deepest.get_rule().copied().or(stack.parent);
            if let Some(w) = rule.and_then(describe) {
                push(w.to_string());
            }
        }
        for token in attempts.expected_tokens() {
            // Only punctuation: keywords and character ranges are described by their rules.
            let token = token.to_string();
            let punctuation = token.chars().all(|c| c.is_ascii_punctuation());
            let covered = [
                "_", "#", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/",
            ];
            if punctuation
                && !token.is_empty()
                && !token.contains("..")
                && !covered.contains(&token.as_str())
            {
                push(format!("`{token}`"));
            }
        }
    }
    let statements = words
        .iter()
        .filter(|w| STATEMENT_WORDS.contains(&w.as_str()))
        .count();
    if statements >= 4 {
        words.retain(|w| !STATEMENT_WORDS.contains(&w.as_str()) && w != "`?`");
        words.insert(
            0,
            "a statement (`state`, `treaty`, `pact`, `rule`, `expect`, `?`, ...)".into(),
        );
    }
    words.sort_by_key(|w| priority(w));
    join_or(&words)
}

const STATEMENT_WORDS: &[&str] = &[
    "`state`",
    "`treaty`",
    "`pact`",
    "`group`",
    "`bloc`",
    "`partner`",
    "`threat`",
    "`troops`",
    "`fact`",
    "`import`",
    "`rule`",
    "`expect`",
    "`scenario`",
    "`if`",
    "`set`",
    "`no prelude`",
    "`as of`",
];

/// Names first, then words, then punctuation: the likeliest fix reads first.
fn priority(word: &str) -> u8 {
    if word.starts_with("a statement") {
        0
    } else if word.starts_with('`') && word[1..].starts_with(|c: char| c.is_ascii_punctuation()) {
        3
    } else if word.starts_with('`') {
        1
    } else {
        2
    }
}

fn join_or(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn describe(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        name => "a name (capitalised, like `Japan`)",
        word => "a lower-case word",
        ident => "a scenario name",
        anon => "`_`",
        number | unsigned => "a number",
        string | string_raw => "a string in double quotes",
        boolean => "`yes` or `no`",
        direction => "`mutual` or `one_way`",
        obligation => {
            "an obligation (`defence`, `offence`, `consultation`, `neutrality` or `nonaggression`)"
        }
        agg_op => "`sum`, `count`, `min` or `max`",
        cmp_op => "a comparison (`=`, `!=`, `<`, `<=`, `>`, `>=`)",
        atom | rel_open => "a relation such as `defends(`",
        negated | comparison | aggregate | literals => "a condition",
        expr => "a value or expression",
        add | sub | mul | div => "an operator",
        target => "a state's name or `hub`",
        attrs | members => "`{`",
        attr => "an attribute (`key: value`)",
        body => "a query or expectation",
        remove | removed | leaves | joins | cancelled | add_stmt | set_attr | as_of => "a change",
        EOI => "the end of the file",
        kw_state => "`state`",
        kw_treaty => "`treaty`",
        kw_pact => "`pact`",
        kw_group => "`group`",
        kw_bloc => "`bloc`",
        kw_partner => "`partner`",
        kw_threat => "`threat`",
        kw_against => "`against`",
        kw_troops => "`troops`",
        kw_in => "`in`",
        kw_fact => "`fact`",
        kw_import => "`import`",
        kw_rule => "`rule`",
        kw_if => "`if`",
        kw_and => "`and`",
        kw_not => "`not`",
        kw_then => "`then`",
        kw_scenario => "`scenario`",
        kw_remove => "`remove`",
        kw_removed => "`removed`",
        kw_leaves => "`leaves`",
        kw_joins => "`joins`",
        kw_cancelled => "`cancelled`",
        kw_add => "`add`",
        kw_set => "`set`",
        kw_expect => "`expect`",
        kw_why => "`why`",
        kw_hub => "`hub`",
        kw_no => "`no prelude`",
        kw_prelude => "`prelude`",
        kw_from | from_clause => "`from`",
        kw_until | until_clause => "`until`",
        kw_unless | unless_provoked => "`unless provoked`",
        kw_secret | secret => "`secret`",
        kw_provoked | provoked => "`provoked`",
        kw_as => "`as of`",
        kw_of => "`of`",
        _ => return None,
    })
}

/// The rule of the statement beginning `slice`, from its first word.
fn statement_rule(slice: &str) -> Option<Rule> {
    if slice.starts_with('?') {
        return Some(Rule::query);
    }
    let len = slice
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    Some(match &slice[..len] {
        "state" => Rule::state_decl,
        "treaty" => Rule::treaty_decl,
        "pact" => Rule::pact_decl,
        "group" => Rule::group_decl,
        "bloc" => Rule::bloc_decl,
        "partner" => Rule::partner_decl,
        "threat" => Rule::threat_decl,
        "troops" => Rule::troops_decl,
        "fact" => Rule::fact_decl,
        "import" => Rule::import_decl,
        "rule" => Rule::rule_decl,
        "expect" => Rule::expect,
        "scenario" => Rule::scenario_decl,
        "if" => Rule::if_decl,
        "set" => Rule::set_param,
        "no" => Rule::no_prelude,
        _ => return None,
    })
}
