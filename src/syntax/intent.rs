//! What the writer meant, judged from the shape of a statement that failed to parse: a question
//! in English or without `?`, a change written outside a scenario, a treaty of three states, a
//! group without its kind, a misspelt keyword, a word after a troop count. Each names the
//! language's way of saying it. Looked for only where parsing failed, before the token-level
//! slips (`slips.rs`), because the shape of the whole statement says more than one token.

use crate::diag::{Code, Diag};
use crate::source::{FileId, Span};
use crate::theory::rels;

/// Relations a question usually asks, shown when a question is not in the language's form.
const COMMON_QUESTIONS: &str = "`defends(x, Japan)`, `deters(Japan, China)`, `exposed(x, China)`, `covered(x)`, `obliged(x, Japan, China)`";

/// Words of an English question and the relation of the standard theory each names.
const ENGLISH_RELATIONS: &[(&str, &str)] = &[
    ("defends", rels::DEFENDS),
    ("defend", rels::DEFENDS),
    ("protects", rels::DEFENDS),
    ("protect", rels::DEFENDS),
    ("deters", rels::DETERS),
    ("deter", rels::DETERS),
    ("exposed", rels::EXPOSED),
    ("covered", rels::COVERED),
    ("umbrella", rels::UMBRELLA),
    ("hub", rels::HUB),
    ("allied", rels::ALLIED),
    ("allies", rels::ALLIED),
];

/// The common kinds of a group: suggested for a group written without one, and offered by
/// editors where a kind is expected.
pub const GROUP_KINDS: &[&str] = &["intelligence", "technology", "exercises", "economic"];

/// A word of the statement: its text and where it is.
#[derive(Clone, Copy)]
pub(super) struct Word<'a> {
    pub(super) text: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
}

impl Word<'_> {
    fn is_name(&self) -> bool {
        self.text.starts_with(|c: char| c.is_ascii_uppercase())
    }
}

/// The words (identifiers, numbers and single punctuation) of `text[from..to]`.
pub(super) fn words(text: &str, from: usize, to: usize) -> Vec<Word<'_>> {
    let bytes = text.as_bytes();
    let to = to.min(text.len());
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let b = bytes[i];
        if b == b'#' {
            while i < to && bytes[i] != b'\n' {
                i += 1;
            }
        } else if b.is_ascii_whitespace() {
            i += 1;
        } else if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' {
            let s = i;
            while i < to
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'.')
            {
                i += 1;
            }
            out.push(Word {
                text: &text[s..i],
                start: s,
                end: i,
            });
        } else {
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push(Word {
                text: &text[i..i + len],
                start: i,
                end: i + len,
            });
            i += len;
        }
    }
    out
}

pub(super) fn line_end(text: &str, at: usize) -> usize {
    text[at.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| at + i)
}

/// Looks for a statement whose shape shows what was meant. `start` is where the statement
/// begins and `at` where parsing failed.
pub fn find(text: &str, file: FileId, start: usize, at: usize) -> Option<Diag> {
    let span = |s: usize, e: usize| Span::new(file, s, e);
    let end = line_end(text, at.max(start));
    let ws = words(text, start, end);
    let first = *ws.first()?;
    if let Some(d) = troop_word(text, &ws, start, span) {
        return Some(d);
    }
    let in_scenario = matches!(first.text, "if" | "scenario");
    // An error on a later line than the statement's first is often a line of its own that the
    // parser took as the statement's continuation (`state B` then `tready A B mutual`): judge
    // that line by itself.
    let at_line = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    if at_line > start {
        let ws = words(text, at_line, end);
        let first = *ws.first()?;
        if in_scenario {
            return (first.text == "remove")
                .then(|| change_outside(&ws, true, span))
                .flatten();
        }
        return statement_shape(text, &ws, first, span);
    }
    if in_scenario {
        return leaves_without_pact(&ws, at, span).or_else(|| {
            let i = ws.iter().position(|w| w.text == "remove")?;
            change_outside(&ws[i..], true, span)
        });
    }
    let line_end_first = line_end(text, start);
    let on_first_line: Vec<Word> = ws
        .iter()
        .copied()
        .filter(|w| w.start < line_end_first)
        .collect();
    statement_shape(text, &on_first_line, first, span)
}

/// What a statement that begins with `first` was meant to be.
fn statement_shape(
    text: &str,
    on_first_line: &[Word],
    first: Word,
    span: impl Fn(usize, usize) -> Span + Copy,
) -> Option<Diag> {
    if let Some(d) = display_name_first(text, on_first_line, span) {
        return Some(d);
    }
    match first.text {
        "treaty" => treaty_parties(on_first_line, span),
        "group" => group_kind(on_first_line, span),
        "remove" => change_outside(on_first_line, false, span),
        "why" => {
            let rest = text[first.end..line_end(text, first.end)].trim();
            Some(
                Diag::error(Code::QuestionForm, "a question begins with `?`")
                    .label(span(first.start, first.end), "`why` asks a question")
                    .help(format!("write `? why {rest}`: it explains how the conclusion is reached, or why it is not"))
                    .fix(span(first.start, first.start), "? "),
            )
        }
        "?" => english_question(on_first_line, span),
        _ if first.is_name() => {
            // `Japan joins NATO`: a change, written where a statement goes.
            let verb = on_first_line.get(1).map(|w| w.text);
            if matches!(verb, Some("joins" | "leaves" | "removed")) {
                change_outside(on_first_line, false, span)
            } else {
                misspelt_keyword(first, on_first_line, span)
            }
        }
        _ => {
            let touches_paren = on_first_line
                .get(1)
                .is_some_and(|w| w.text == "(" && w.start == first.end);
            if touches_paren && !crate::syntax::lex::KEYWORDS.contains(&first.text) {
                // `defends(x, Japan)`: a question (or a fact) without its keyword.
                let atom_end = on_first_line
                    .iter()
                    .find(|w| w.text == ")")
                    .map_or(first.end, |w| w.end);
                let atom = &text[first.start..atom_end];
                if on_first_line.iter().any(|w| w.text == "if") {
                    return Some(
                        Diag::error(Code::QuestionForm, "a rule begins with `rule`")
                            .label(span(first.start, atom_end), "the head of a rule")
                            .help(format!("write `rule {atom} if ...`"))
                            .fix(span(first.start, first.start), "rule "),
                    );
                }
                return Some(
                    Diag::error(Code::QuestionForm, "a question begins with `?`")
                        .label(span(first.start, atom_end), "a relation on its own is not a statement")
                        .help(format!(
                            "write `? {atom}` to ask it, `expect {atom}` to check that it holds, or `fact {atom}` to state it"
                        ))
                        .fix(span(first.start, first.start), "? "),
                );
            }
            misspelt_keyword(first, on_first_line, span)
        }
    }
}

/// `state "South Korea" { ... }`: the display name written where the name goes. A state (or
/// pact, group, bloc) is named first, as the rest of the script writes it, then shown by its
/// display name.
fn display_name_first(
    text: &str,
    ws: &[Word],
    span: impl Fn(usize, usize) -> Span,
) -> Option<Diag> {
    let (kind, quote) = (ws.first()?, ws.get(1)?);
    if !matches!(kind.text, "state" | "pact" | "group" | "bloc") || quote.text != "\"" {
        return None;
    }
    let line = &text[quote.end..line_end(text, quote.end)];
    let close = quote.end + line.find('"')?;
    let shown = &text[quote.end..close];
    // A name is ASCII letters and digits: what is left of the display name, words joined.
    let ascii: String = shown
        .chars()
        .filter(|c| c.is_ascii() || !c.is_alphanumeric())
        .collect();
    let mut name: String = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map_or(String::new(), |c| c.to_uppercase().chain(cs).collect())
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        name = format!("Name{name}");
    }
    let kind = kind.text;
    let help = if kind == "state" {
        format!("write `state {name} \"{shown}\"` and use `{name}` everywhere else in the script: a name is one capitalised word, the display name is what reports show")
    } else {
        format!("write `{kind} {name} ... {{ ... }}`: a name is one capitalised word; the full title goes in the metadata after the members, `{{ name: \"{shown}\" }}`")
    };
    Some(
        Diag::error(
            Code::NameWithSpace,
            format!("a {kind} is named with one word first"),
        )
        .label(span(quote.start, close + 1), "a title, where the name goes")
        .help(help)
        .fix(
            if kind == "state" {
                span(quote.start, quote.start)
            } else {
                span(quote.start, close + 1)
            },
            if kind == "state" {
                format!("{name} ")
            } else {
                name
            },
        ),
    )
}

/// `troops US in SouthKorea 28500 troops`: the count is written alone; the word after it was
/// read as the next statement (or as nothing), and the error would show on the next line.
fn troop_word(
    text: &str,
    ws: &[Word],
    start: usize,
    span: impl Fn(usize, usize) -> Span,
) -> Option<Diag> {
    let first = ws.first()?;
    let units = [
        "troops",
        "troop",
        "soldiers",
        "personnel",
        "men",
        "servicemembers",
    ];
    if !units.contains(&first.text) {
        return None;
    }
    let before = text[..start].trim_end_matches([' ', '\t']);
    if before.len() == start || !before.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let number_start = before
        .rfind(|c: char| !(c.is_ascii_digit() || c == '_' || c == '.' || c == ','))
        .map_or(0, |i| i + 1);
    Some(
        Diag::error(
            Code::TroopCount,
            format!(
                "the number of troops is written alone, without `{}`",
                first.text
            ),
        )
        .label(span(first.start, first.end), "after the count")
        .help(format!(
            "write `{}` with nothing after it: `troops US in SouthKorea 28500`",
            &text[number_start..before.len()]
        ))
        .fix(span(before.len(), first.end), ""),
    )
}

/// `treaty US UK Australia` or `treaty AUKUS { US, UK, Australia }`: a treaty binds two.
fn treaty_parties(ws: &[Word], span: impl Fn(usize, usize) -> Span) -> Option<Diag> {
    let names: Vec<&Word> = ws[1..].iter().take_while(|w| w.is_name()).collect();
    let brace = ws.get(1 + names.len()).is_some_and(|w| w.text == "{");
    if names.len() < 3 && !(brace && names.len() == 1) {
        return None;
    }
    // `treaty US South Korea mutual` is one state's name with a space (`slips.rs` says so).
    let first_words = [
        "North",
        "South",
        "East",
        "West",
        "New",
        "United",
        "Saudi",
        "Sri",
        "Costa",
        "El",
        "Czech",
        "Papua",
        "Sierra",
        "Burkina",
        "Cape",
        "Dominican",
        "Equatorial",
        "Central",
        "San",
        "Sao",
        "Timor",
        "Marshall",
        "Solomon",
        "Ivory",
        "Soviet",
        "Ottoman",
        "Austro",
        "Great",
    ];
    if !brace
        && names[..names.len() - 1]
            .iter()
            .any(|w| first_words.contains(&w.text))
    {
        return None;
    }
    let last = ws
        .get(names.len() + usize::from(brace))
        .map_or(ws[0].end, |w| w.end);
    let (label, members, name) = if brace {
        let members: Vec<&str> = ws[names.len() + 2..]
            .iter()
            .take_while(|w| w.text != "}")
            .filter(|w| w.is_name())
            .map(|w| w.text)
            .collect();
        (
            "a member list, as a pact or a group has",
            members,
            names[0].text.to_string(),
        )
    } else {
        let members: Vec<&str> = names.iter().map(|w| w.text).collect();
        ("more than two states", members, "Name".to_string())
    };
    let list = if members.is_empty() {
        "A, B, C".to_string()
    } else {
        members.join(", ")
    };
    Some(
        Diag::error(Code::TreatyParties, "a treaty binds two states")
            .label(span(ws[0].start, last), label)
            .help(format!(
                "for several states write a pact, whose members must defend one another (`pact {name} defence {{ {list} }}`), or a group, which cooperates with no duty to defend (`group {name} technology {{ {list} }}`)"
            )),
    )
}

/// `group AUKUS { ... }`: a group names the kind of cooperation.
fn group_kind(ws: &[Word], span: impl Fn(usize, usize) -> Span) -> Option<Diag> {
    let name = ws.get(1).filter(|w| w.is_name())?;
    let brace = ws.get(2).filter(|w| w.text == "{")?;
    Some(
        Diag::error(Code::GroupKind, format!("the group `{}` needs its kind of cooperation", name.text))
            .label(span(brace.start, brace.end), "a kind such as `technology` goes before the members")
            .help(format!(
                "write `group {} technology {{ ... }}`; kinds are words of your choice, such as {}, several separated by commas; a group obliges no one to defend (for that, write a pact)",
                name.text,
                GROUP_KINDS.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            )),
    )
}

/// `remove Estonia from NATO`, `Japan joins NATO`, `US leaves NATO` written as statements: a
/// change happens in a scenario, never to the world itself.
fn change_outside(
    ws: &[Word],
    in_scenario: bool,
    span: impl Fn(usize, usize) -> Span,
) -> Option<Diag> {
    let first = *ws.first()?;
    let said = if ws.get(2).is_some_and(|w| w.text == "from") {
        4
    } else {
        3
    };
    let end = ws[..said.min(ws.len())].last().map_or(first.end, |w| w.end);
    let (change, label) = match (first.text, ws.get(1), ws.get(2), ws.get(3)) {
        ("remove", Some(x), Some(from), Some(p))
            if from.text == "from" && x.is_name() && p.is_name() =>
        {
            (
                format!("{} leaves {}", x.text, p.text),
                "a state taken out of a pact",
            )
        }
        ("remove", Some(x), _, _) if x.is_name() => (
            format!("remove {}", x.text),
            "a state taken out of the world",
        ),
        (_, Some(v), Some(p), _)
            if first.is_name() && matches!(v.text, "joins" | "leaves") && p.is_name() =>
        {
            (
                format!("{} {} {}", first.text, v.text, p.text),
                "a change to the world",
            )
        }
        (_, Some(v), _, _) if first.is_name() && v.text == "removed" => {
            (format!("remove {}", first.text), "a change to the world")
        }
        _ => return None,
    };
    if in_scenario {
        // Inside a scenario the change is in its place; only its wording is off.
        return (first.text == "remove" && change.contains(" leaves ")).then(|| {
            Diag::error(
                Code::ChangeOutsideScenario,
                "a state leaves a pact with `leaves`",
            )
            .label(span(first.start, end), label)
            .help(format!(
                "write `{change}`; `remove X` takes a state out of the world altogether"
            ))
            .fix(span(first.start, end), change.clone())
        });
    }
    Some(
        Diag::error(Code::ChangeOutsideScenario, "a change is made in a scenario, not to the world")
            .label(span(first.start, end), label)
            .help(format!(
                "ask what follows with `if {change} then {{ ... }}`, or name it: `scenario name {{ {change} }}`; to change the world itself, edit its declarations"
            )),
    )
}

/// `if US leaves then ...`: leaving needs the pact left.
fn leaves_without_pact(
    ws: &[Word],
    at: usize,
    span: impl Fn(usize, usize) -> Span,
) -> Option<Diag> {
    let i = ws.iter().position(|w| w.start >= at)?;
    let verb = ws.get(i.checked_sub(1)?)?;
    if !matches!(verb.text, "leaves" | "joins")
        || !ws[i].text.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return None;
    }
    let state = ws.get(i.checked_sub(2)?).filter(|w| w.is_name())?;
    Some(
        Diag::error(
            Code::ChangeOutsideScenario,
            format!("`{} {}` needs the name of the pact", state.text, verb.text),
        )
        .label(span(verb.start, verb.end), "which pact?")
        .help(format!(
            "write `{} {} NATO` (the pact's name); to take {} out of the world altogether, write `remove {}`",
            state.text, verb.text, state.text, state.text
        )),
    )
}

/// `? Who defends Taiwan?`: a question in English, answered with the language's form.
fn english_question(ws: &[Word], span: impl Fn(usize, usize) -> Span) -> Option<Diag> {
    let body: Vec<&Word> = ws[1..].iter().collect();
    let english = body.len() >= 2
        && body.iter().all(|w| w.text != "(")
        && body
            .iter()
            .filter(|w| w.text.chars().all(|c| c.is_ascii_alphabetic()))
            .count()
            >= 2;
    if !english {
        return None;
    }
    let end = body.last().map_or(ws[0].end, |w| w.end);
    let lower: Vec<String> = body.iter().map(|w| w.text.to_ascii_lowercase()).collect();
    let relation = lower
        .iter()
        .find_map(|w| ENGLISH_RELATIONS.iter().find(|(word, _)| word == w));
    let asks_who = matches!(
        lower.first().map(String::as_str),
        Some("who" | "which" | "what" | "whom")
    );
    let question_words = [
        "Who", "Which", "What", "Whom", "Is", "Does", "Do", "Can", "Are", "Will", "How",
    ];
    let names: Vec<&str> = body
        .iter()
        .filter(|w| w.is_name() && !question_words.contains(&w.text))
        .map(|w| w.text)
        .collect();
    let suggestion = relation.and_then(|(_, rel)| {
        let arity = crate::theory::RELATIONS
            .iter()
            .find(|r| r.name == *rel)?
            .arity;
        let mut args: Vec<&str> = Vec::new();
        if asks_who {
            args.push("x");
        }
        args.extend(names.iter().copied());
        (args.len() == arity).then(|| format!("? {rel}({})", args.join(", ")))
    });
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`? A question is a relation with its arguments; a lower-case letter such as `x` stands for \"who\""),
        None => format!("a question is a relation with its arguments, such as {COMMON_QUESTIONS}; a lower-case letter such as `x` stands for \"who\""),
    };
    Some(
        Diag::error(
            Code::QuestionForm,
            "a question is written as a relation, not in English",
        )
        .label(span(ws[0].start, end), "read as words")
        .help(help),
    )
}

/// `tready US Japan mutual`, `threats China against Japan`, `State Japan`: a keyword misspelt.
fn misspelt_keyword(first: Word, ws: &[Word], span: impl Fn(usize, usize) -> Span) -> Option<Diag> {
    let best = crate::syntax::lex::near_keyword(first.text)?;
    // A capitalised word followed by `(` or `:` is something else (a name in the wrong place).
    if ws.get(1).is_some_and(|w| w.text == "(" || w.text == ":") {
        return None;
    }
    Some(
        Diag::error(Code::UnknownKeyword, format!("`{}` is not a keyword of the language", first.text))
            .label(span(first.start, first.end), format!("did you mean `{best}`?"))
            .help(format!("write `{best}`; statements begin with a keyword such as `state`, `treaty`, `pact`, `partner`, `threat`, `rule`, `expect` or `?`"))
            .fix(span(first.start, first.end), best),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<(Code, String)> {
        let at = text.find('|').unwrap_or(0);
        let text = text.replace('|', "");
        find(&text, FileId(0), 0, at).map(|d| (d.code, d.help.unwrap_or_default()))
    }

    #[test]
    fn each_intent_is_named() {
        assert_eq!(
            found("|tready US Japan mutual").map(|f| f.0),
            Some(Code::UnknownKeyword)
        );
        assert_eq!(
            found("threats| China against Japan").map(|f| f.0),
            Some(Code::UnknownKeyword)
        );
        assert_eq!(
            found("|parnter US Taiwan").map(|f| f.0),
            Some(Code::UnknownKeyword)
        );
        assert_eq!(
            found("|Treaty US Japan mutual").map(|f| f.0),
            Some(Code::UnknownKeyword)
        );
        assert_eq!(
            found("|defends(x, Japan)").map(|f| f.0),
            Some(Code::QuestionForm)
        );
        assert_eq!(
            found("|why exposed(Taiwan, China)").map(|f| f.0),
            Some(Code::QuestionForm)
        );
        assert_eq!(
            found("treaty US UK |Australia").map(|f| f.0),
            Some(Code::TreatyParties)
        );
        assert_eq!(
            found("treaty AUKUS |{ US, UK }").map(|f| f.0),
            Some(Code::TreatyParties)
        );
        assert_eq!(
            found("group AUKUS |{ US, UK }").map(|f| f.0),
            Some(Code::GroupKind)
        );
        assert_eq!(
            found("|remove Estonia from NATO").map(|f| f.0),
            Some(Code::ChangeOutsideScenario)
        );
        assert_eq!(
            found("Japan |joins NATO").map(|f| f.0),
            Some(Code::ChangeOutsideScenario)
        );
        assert_eq!(
            found("if US leaves |then expect state(US)").map(|f| f.0),
            Some(Code::ChangeOutsideScenario)
        );
        assert_eq!(
            found("if |remove Estonia from NATO then expect state(Estonia)").map(|f| f.0),
            Some(Code::ChangeOutsideScenario)
        );
        assert_eq!(
            found("state A\n|tready A B mutual").map(|f| f.0),
            Some(Code::UnknownKeyword)
        );
        assert_eq!(found("|hello world"), None);
        assert_eq!(found("treaty US South |Korea mutual"), None);
        assert_eq!(
            found("|big(x) if gdp(x, g), g > 1T").map(|f| f.0),
            Some(Code::QuestionForm)
        );
        assert_eq!(found("treaty US Japan |sideways"), None);
    }

    #[test]
    fn an_english_question_gets_its_form() {
        let (code, help) = found("? Who |defends Taiwan?").unwrap();
        assert_eq!(code, Code::QuestionForm);
        assert!(help.contains("`? defends(x, Taiwan)`"), "{help}");
        let (_, help) = found("? Does US |defend Japan?").unwrap();
        assert!(help.contains("`? defends(US, Japan)`"), "{help}");
        let (_, help) = found("? What |happens next").unwrap();
        assert!(help.contains("such as `defends(x, Japan)`"), "{help}");
    }
}
