//! Diagnostics as plain data: every stage returns a `Vec<Diag>`, and they are drawn with
//! miette only at the edge (command line, REPL, tests).

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use crate::escape;
use crate::source::{FileId, LineIndex, SourceFile, Sources, Span};

mod excerpt;

use excerpt::Excerpt;

/// Every diagnostic the tool can give. The doc comment of each names an input that causes it;
/// `docs/errors.md` explains each with an example and the fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// `state Japan {` with no closing brace.
    Syntax,
    /// A file that is not UTF-8 (say, saved as Latin-1).
    InvalidUtf8,
    /// `state SouthKorea “South Korea”`.
    CurlyQuotes,
    /// `troops US in SouthKorea 28,500`.
    ThousandsSeparator,
    /// `gdp: $4.2trn`.
    MoneyFormat,
    /// `treaty US Japan one-way`.
    Hyphen,
    /// `treaty US South Korea mutual`.
    NameWithSpace,
    /// `gdp: 27.4 T`.
    DetachedUnit,
    /// `tready US Japan mutual`, `threats China against Japan`.
    UnknownKeyword,
    /// `? Who defends Taiwan?`, `defends(x, Japan)` with no `?`.
    QuestionForm,
    /// `remove Estonia from NATO`, `Japan joins NATO` as statements; `if US leaves then`.
    ChangeOutsideScenario,
    /// `treaty US UK Australia`, `treaty AUKUS { ... }`.
    TreatyParties,
    /// `group AUKUS { ... }` with no kind.
    GroupKind,
    /// `troops US in Korea 28500 troops`, `28.500` troops.
    TroopCount,
    /// `treaty US Japn mutual`.
    UnknownName,
    /// `state Japan` written twice.
    DuplicateDeclaration,
    /// `treaty Japan Japan mutual`.
    SelfTreaty,
    /// `pact Solo { Japan }`.
    TooFewMembers,
    /// `pact NATO { US, Canada, US }`.
    DuplicateMember,
    /// `? defend(x, Japan)`.
    UnknownRelation,
    /// `? defends(x)`.
    WrongArity,
    /// `rule big(x) if gdp(y, g), g > 1T`.
    UnsafeVariable,
    /// `rule lonely(x) if state(x), not defends(y, x)`: `y` named once, under `not`.
    LoneNegatedVariable,
    /// `rule p(x) if state(x), not p(x)`.
    Unstratifiable,
    /// `? gdp(x, g), g > 2%`.
    UnitMismatch,
    /// `state Japan { gdp: yes }`.
    AttributeType,
    /// `state Japan { spending: 120% }`.
    PercentageRange,
    /// `import "missing.alliance"`.
    ImportUnreadable,
    /// `alliance check missing.alliance`: the file named on the command line cannot be read.
    FileUnreadable,
    /// `alliance graph world.alliance -o world.jpg`: a file name whose ending names no format
    /// the picture can be written in, or one `--format` contradicts.
    GraphFormat,
    /// `import "self.alliance"` inside self.alliance.
    ImportCycle,
    /// `? defends(x, state)`: a keyword where a variable was expected.
    KeywordAsVariable,
    /// `fact rival(x, US)` or `rule p(x + 1) if ...`: facts and heads take constants.
    NotConstant,
    /// `((((...))))` more than 256 levels deep.
    TooDeep,
    /// `rule hub(x) if state(x)`: hub and spoke are computed by the engine.
    BuiltinRelation,
    /// `no prelude` after another statement.
    MisplacedNoPrelude,
    /// `threat China against Japan` where Japan is a pact, or `US leaves Japan`.
    WrongKind,
    /// `set balance_treshold = 0.8`.
    UnknownParameter,
    /// `? why defends(x, Japan)`: `why` needs a ground atom.
    NotGround,
    /// A number too large to hold exactly (more than 28 digits).
    NumberRange,
    /// `state Japan { gdp: 4.2T, gdp: 4.3T }`.
    DuplicateAttribute,
    /// `Japan leaves NATO` when Japan is not a member, or `treaty US India cancelled` with no such treaty.
    PointlessChange,
    /// `expect defends(Japan, US)` when Japan need not defend the US.
    ExpectationFailed,
    /// `if hub removed then ...` in a world with no hub, or two equal ones.
    NoHub,
    /// `rule n(x) if n(y), x = y + 1`: derives new facts for ever.
    FactLimit,
    Interrupted,
    AnswerLimit,
    /// `? gdp(x, g), r = g / 0`.
    DivisionByZero,
    /// `from 1955.5`, `from 19a9`, `until` with no year, `as of 200000`: not a year.
    BadYear,
    /// `treaty A B mutual from 1950 from 1960`: a clause given twice.
    RepeatedClause,
    /// `treaty A B mutual from 1990 defence`: the obligation after the years; a display name
    /// after a state's years; years after the braces.
    ClauseOrder,
    /// `as-of 1990`, `unless provoke`, `provoked` alone on a treaty.
    TwoWordKeyword,
    /// `spending: 1.8% @2016, 2.5% @2024`: a comma between dated values.
    DatedValueComma,
    /// `from 1990 until 1955`, or dated values out of order.
    DateOrder,
    /// `pact NATO from 1949 { Greece from 1940, ... }`: a member outside its pact's years.
    MemberDates,
    /// `treaty A B mutual { until: 1991 }`: years are clauses, not metadata.
    DateAsMetadata,
    /// `as of 1914` in an imported file, or twice in one file.
    MisplacedAsOf,
    /// Warning: nothing the file states is in force as it stands today.
    NothingInForce,
    /// Warning: a duty limited to regions, owed to a state without a region.
    NoRegion,
    /// Warning: `in Pacific`, a region no state of the world is in.
    UnknownRegion,
    /// Note: `pact AUKUS { ... }` with no obligation, giving duties to defend.
    PactDuties,
    /// Warning: an old name of a relation of the standard theory (`deterred`).
    RenamedRelation,
    /// Warning: a declared state that no commitment, threat, fact or rule mentions.
    UnusedState,
    /// Warning: `threat China against` an empty bloc.
    EmptyThreat,
    /// Warning: a threatened state or a threat without `gdp`.
    MissingGdp,
    /// Warning: `? defends(x, japan)`: a variable spelled like a name.
    VariableLikeName,
    /// Warning: `state US { gpd: 27T }`: an attribute of the script's own, spelled like a
    /// standard one, that no rule or question uses.
    AttributeSpelling,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "alliance::syntax",
            Code::InvalidUtf8 => "alliance::invalid_utf8",
            Code::CurlyQuotes => "alliance::curly_quotes",
            Code::ThousandsSeparator => "alliance::thousands_separator",
            Code::MoneyFormat => "alliance::money_format",
            Code::Hyphen => "alliance::hyphen",
            Code::NameWithSpace => "alliance::name_with_space",
            Code::DetachedUnit => "alliance::detached_unit",
            Code::UnknownKeyword => "alliance::unknown_keyword",
            Code::QuestionForm => "alliance::question_form",
            Code::ChangeOutsideScenario => "alliance::change_outside_scenario",
            Code::TreatyParties => "alliance::treaty_parties",
            Code::GroupKind => "alliance::group_kind",
            Code::TroopCount => "alliance::troop_count",
            Code::UnknownName => "alliance::unknown_name",
            Code::DuplicateDeclaration => "alliance::duplicate_declaration",
            Code::SelfTreaty => "alliance::self_treaty",
            Code::TooFewMembers => "alliance::too_few_members",
            Code::DuplicateMember => "alliance::duplicate_member",
            Code::UnknownRelation => "alliance::unknown_relation",
            Code::WrongArity => "alliance::wrong_arity",
            Code::UnsafeVariable => "alliance::unsafe_variable",
            Code::LoneNegatedVariable => "alliance::lone_negated_variable",
            Code::Unstratifiable => "alliance::unstratifiable",
            Code::UnitMismatch => "alliance::unit_mismatch",
            Code::AttributeType => "alliance::attribute_type",
            Code::PercentageRange => "alliance::percentage_range",
            Code::ImportUnreadable => "alliance::import_unreadable",
            Code::FileUnreadable => "alliance::file_unreadable",
            Code::GraphFormat => "alliance::graph_format",
            Code::ImportCycle => "alliance::import_cycle",
            Code::KeywordAsVariable => "alliance::keyword_as_variable",
            Code::NotConstant => "alliance::not_constant",
            Code::TooDeep => "alliance::too_deep",
            Code::BuiltinRelation => "alliance::builtin_relation",
            Code::MisplacedNoPrelude => "alliance::misplaced_no_prelude",
            Code::WrongKind => "alliance::wrong_kind",
            Code::UnknownParameter => "alliance::unknown_parameter",
            Code::NotGround => "alliance::not_ground",
            Code::NumberRange => "alliance::number_range",
            Code::DuplicateAttribute => "alliance::duplicate_attribute",
            Code::PointlessChange => "alliance::pointless_change",
            Code::ExpectationFailed => "alliance::expectation_failed",
            Code::NoHub => "alliance::no_hub",
            Code::FactLimit => "alliance::fact_limit",
            Code::Interrupted => "alliance::interrupted",
            Code::AnswerLimit => "alliance::answer_limit",
            Code::DivisionByZero => "alliance::division_by_zero",
            Code::BadYear => "alliance::bad_year",
            Code::RepeatedClause => "alliance::repeated_clause",
            Code::ClauseOrder => "alliance::clause_order",
            Code::TwoWordKeyword => "alliance::two_word_keyword",
            Code::DatedValueComma => "alliance::dated_value_comma",
            Code::DateOrder => "alliance::date_order",
            Code::MemberDates => "alliance::member_dates",
            Code::DateAsMetadata => "alliance::date_as_metadata",
            Code::MisplacedAsOf => "alliance::misplaced_as_of",
            Code::NothingInForce => "alliance::nothing_in_force",
            Code::NoRegion => "alliance::no_region",
            Code::UnknownRegion => "alliance::unknown_region",
            Code::PactDuties => "alliance::pact_duties",
            Code::RenamedRelation => "alliance::renamed_relation",
            Code::UnusedState => "alliance::unused_state",
            Code::EmptyThreat => "alliance::empty_threat",
            Code::MissingGdp => "alliance::missing_gdp",
            Code::VariableLikeName => "alliance::variable_like_name",
            Code::AttributeSpelling => "alliance::attribute_spelling",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// Says what a statement does when that may surprise (a pact's duties): shown by
    /// `alliance check`, the REPL and editors, not by the commands that run a script.
    Note,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// A replacement that mends the slip a diagnostic reports: `text` in place of `span`. The
/// help line says it in words; this is the same fix as data, for an editor's quick fix.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    pub span: Span,
    pub text: String,
}

/// One diagnostic. The first label is the primary one: it decides the file shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Diag {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// Replacements that fix it, when the fix is certain enough to apply with one click.
    pub fixes: Vec<Fix>,
}

impl Diag {
    pub fn error(code: Code, message: impl Into<String>) -> Diag {
        Diag {
            code,
            severity: Severity::Error,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            fixes: Vec::new(),
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Diag {
        Diag {
            severity: Severity::Warning,
            ..Diag::error(code, message)
        }
    }

    pub fn note(code: Code, message: impl Into<String>) -> Diag {
        Diag {
            severity: Severity::Note,
            ..Diag::error(code, message)
        }
    }

    pub fn label(mut self, span: Span, text: impl Into<String>) -> Diag {
        self.labels.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diag {
        self.help = Some(help.into());
        self
    }

    /// Adds a replacement that fixes the slip (see [`Fix`]).
    pub fn fix(mut self, span: Span, text: impl Into<String>) -> Diag {
        self.fixes.push(Fix {
            span,
            text: text.into(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn span(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }
}

/// Whether any of `diags` is an error (warnings alone let a program run).
pub fn has_errors(diags: &[Diag]) -> bool {
    diags.iter().any(Diag::is_error)
}

/// Orders diagnostics by file and position so output is stable whatever order checks ran in.
pub fn sort(diags: &mut [Diag]) {
    diags.sort_by_key(|d| {
        let span = d.span().unwrap_or_default();
        (span.file, span.start, d.severity, d.code)
    });
}

/// A diagnostic paired with its file's text, in the form miette draws: every piece of text
/// from a script already escaped for a terminal.
struct Drawn<'a> {
    diag: &'a Diag,
    message: String,
    /// The file, or an excerpt of it when its lines are too long or unsafe to print as they are.
    source: Snippet<'a>,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Drawn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Drawn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Drawn<'_> {}

impl miette::Diagnostic for Drawn<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diag.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        if self.labels.is_empty() {
            None
        } else {
            Some(&self.source)
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

/// Draws one diagnostic as text: with colour for a terminal, without for files and tests.
pub fn render(diag: &Diag, sources: &Sources, color: bool) -> String {
    let primary = diag.span().map(|s| s.file);
    let (spans, help) = split_labels(diag, sources, primary);
    let no_file = SourceFile::detached("", "");
    let file = match primary {
        Some(f) if (f.0 as usize) < sources.len() => sources.get(f),
        _ => &no_file,
    };
    let excerpt = excerpt_for(file, &spans);
    let excerpt_lines = excerpt.as_ref().map(|e| LineIndex::new(&e.text));
    let labels = spans
        .into_iter()
        .enumerate()
        .map(|(i, (text, span))| {
            let text = (!text.is_empty()).then(|| escape::controls(text).into_owned());
            let span = match &excerpt {
                Some(e) => e.to_excerpt(span.start)..e.to_excerpt(span.end),
                None => span,
            };
            let span = SourceSpan::from((span.start, span.end - span.start));
            if i == 0 {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            }
        })
        .collect();
    let drawn = Drawn {
        diag,
        message: escape::controls(&diag.message).into_owned(),
        source: Snippet {
            name: escape::inline(&file.name),
            file,
            cut: excerpt.as_ref().zip(excerpt_lines.as_ref()),
        },
        help: help.map(|h| escape::controls(&h).into_owned()),
        labels,
    };
    draw(&drawn, color)
}

/// The labels miette can draw (those in the primary file, clamped into it) and the help line,
/// which takes a note for each label elsewhere: miette draws one file per diagnostic.
fn split_labels<'d>(
    diag: &'d Diag,
    sources: &Sources,
    primary: Option<FileId>,
) -> (Vec<(&'d str, Range<usize>)>, Option<String>) {
    let mut help = diag.help.clone();
    let mut spans = Vec::new();
    for label in &diag.labels {
        if Some(label.span.file) == primary {
            spans.push((label.text.as_str(), clamp(label.span, sources)));
        } else {
            let note = format!("{} at {}", label.text, sources.location(label.span));
            help = Some(match help {
                Some(h) => format!("{note}\n{h}"),
                None => note,
            });
        }
    }
    (spans, help)
}

/// An excerpt to draw instead of the file, when the lines around the labels are too long or
/// unsafe to print as they are.
fn excerpt_for(file: &SourceFile, spans: &[(&str, Range<usize>)]) -> Option<Excerpt> {
    let blocks = label_blocks(file, spans);
    if !excerpt::needed(file, &blocks) {
        return None;
    }
    let points: Vec<usize> = spans.iter().flat_map(|(_, s)| [s.start, s.end]).collect();
    Some(Excerpt::new(file, &blocks, &points))
}

/// The lines around each label, in order, those that touch merged: only these are looked at
/// (and copied, if the file needs an excerpt), never the lines between two labels far apart.
/// Two lines of context each side: miette reads one, and more does no harm.
fn label_blocks(file: &SourceFile, spans: &[(&str, Range<usize>)]) -> Vec<Range<usize>> {
    let lines = file.lines();
    let mut around: Vec<Range<usize>> = spans
        .iter()
        .map(|(_, s)| lines.line(s.start).saturating_sub(2)..lines.line(s.end) + 3)
        .collect();
    around.sort_by_key(|r| r.start);
    let mut blocks: Vec<Range<usize>> = Vec::new();
    for r in around {
        match blocks.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => blocks.push(r),
        }
    }
    blocks
}

/// Draws with miette; should it fail, the code and message alone.
fn draw(drawn: &Drawn, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    if handler.render_report(&mut out, drawn).is_err() {
        out = format!("{}: {}\n", drawn.diag.code.as_str(), drawn.message);
    }
    out
}

/// A file's text as miette reads it, through the file's line index: each read looks at the
/// lines around its span only, where miette's own reader scans the text from its start, which
/// made drawing N diagnostics cost N times the file. With `cut`, miette reads an excerpt of the
/// file instead, its lines numbered as in the file.
struct Snippet<'a> {
    name: Cow<'a, str>,
    file: &'a SourceFile,
    cut: Option<(&'a Excerpt, &'a LineIndex)>,
}

impl SourceCode for Snippet<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let (text, lines) = match self.cut {
            Some((excerpt, lines)) => (excerpt.text.as_str(), lines),
            None => (&*self.file.text, self.file.lines()),
        };
        let inner = read_window(text, lines, span, before, after)?;
        let line = match self.cut {
            Some((excerpt, _)) => excerpt.file_line(inner.line()),
            None => inner.line(),
        };
        // The column shows in the snippet's heading (miette counts one only when it reads no
        // line before the span): the file's, not the excerpt's.
        let column = match self.cut {
            Some((excerpt, _)) if before == 0 => {
                self.file.position(excerpt.to_file(span.offset())).1
            }
            _ => inner.column(),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )))
    }
}

/// miette's own reader run on a window of whole lines around the span, then moved back to the
/// text's offsets and line numbers. Its answer depends only on the `before` lines ahead of the
/// span and the `after` lines behind it (one more on each side is taken here), so the result
/// is exactly what reading the whole text gives, quirks included: its `line_count` counts from
/// the window's start as it counts from the text's, and that decides when miette merges two
/// snippets into one.
fn read_window<'t>(
    text: &'t str,
    lines: &LineIndex,
    span: &SourceSpan,
    before: usize,
    after: usize,
) -> Result<MietteSpanContents<'t>, MietteError> {
    let first = lines.line(span.offset()).saturating_sub(before + 1);
    let last = lines.line(span.offset() + span.len()) + after + 2;
    let start = lines.line_start(first).unwrap_or(0);
    let end = lines.line_start(last).unwrap_or(text.len());
    let window = text.get(start..end).ok_or(MietteError::OutOfBounds)?;
    let moved = SourceSpan::new(span.offset().saturating_sub(start).into(), span.len());
    let inner = window.read_span(&moved, before, after)?;
    Ok(MietteSpanContents::new(
        inner.data(),
        SourceSpan::new((inner.span().offset() + start).into(), inner.span().len()),
        inner.line() + first,
        inner.column(),
        // How many lines it holds: miette joins two labels into one snippet when the first
        // one's lines reach the second's.
        inner.line_count(),
    ))
}

/// miette refuses spans past the end of the text; a span at end of file is drawn on its last byte.
fn clamp(span: Span, sources: &Sources) -> Range<usize> {
    let len = if (span.file.0 as usize) < sources.len() {
        sources.get(span.file).text.len()
    } else {
        0
    };
    let mut start = (span.start as usize).min(len);
    // A span at the very end of the file is drawn on the last character, so it shows.
    if start == len && len > 0 {
        start = len - 1;
    }
    let end = (span.end as usize).clamp(start, len).max(start);
    start..end
}

/// Draws every diagnostic, then a one-line count of errors and warnings.
pub fn render_all(diags: &[Diag], sources: &Sources, color: bool) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&render(d, sources, color));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text made of the characters that matter to miette's reader: line breaks of each kind,
    /// a tab, a two-byte letter and plain letters.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("\n"),
                Just("\r\n"),
                Just("\r"),
                Just("\t"),
                Just("\u{e9}"),
                Just("a"),
                Just("b")
            ],
            0..60,
        )
        .prop_map(|parts| parts.concat())
    }

    #[test]
    fn only_the_lines_around_each_label_are_looked_at() {
        // A duplicate on line 100,000 of its first declaration on line 1 once had every line
        // between scanned for characters to escape: 100,000 duplicates took 17 minutes.
        let text: String = (0..100_000).map(|i| format!("state S{i}\n")).collect();
        let mut sources = Sources::default();
        let id = sources.add("f", text);
        let file = sources.get(id);
        let last = file.lines().line_start(99_999).unwrap_or(0);
        let spans = [("first", 6..8), ("again", last + 6..last + 8)];
        assert_eq!(label_blocks(file, &spans), [0..3, 99_997..100_002]);
        let touching = [("a", 6..8), ("b", 40..42)];
        assert_eq!(label_blocks(file, &touching), vec![(0..7)]);
    }

    /// What a read gives, but for `line_count`: miette's own reader counts the line breaks
    /// from the start of the file to the end of what it read, and its renderer joins two
    /// labels' snippets when `line + line_count` of the first reaches the second's line, so
    /// labels on lines 3,000 and 6,000 were drawn with every line between. Ours counts the
    /// lines read.
    fn summary(c: &dyn SpanContents<'_>) -> (Vec<u8>, usize, usize, usize, usize) {
        (
            c.data().to_vec(),
            c.span().offset(),
            c.span().len(),
            c.line(),
            c.column(),
        )
    }

    proptest! {
        /// Reading through the line index gives what miette's reader gives on the whole text.
        #[test]
        fn indexed_reads_match_miettes_own(
            text in text(),
            a in 0usize..70,
            len in 0usize..20,
            before in 0usize..3,
            after in 0usize..3,
        ) {
            // Spans never pass the end of their file (miette's own reader panics on one that
            // starts past it).
            let a = a.min(text.len());
            let len = len.min(text.len() - a);
            let file = SourceFile::detached("f", text.as_str());
            let indexed = Snippet { name: "f".into(), file: &file, cut: None };
            let span = SourceSpan::new(a.into(), len);
            let ours = indexed.read_span(&span, before, after).map(|c| summary(&*c));
            let theirs = text.as_str().read_span(&span, before, after).map(|c| summary(&*c));
            prop_assert_eq!(ours.ok(), theirs.ok());
        }
    }
}
