//! Diagnostics as plain data: every stage returns a `Vec<Diag>`, and they are drawn with
//! miette only at the edge (command line, REPL, tests).

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use crate::source::{Sources, Span};

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
    /// `? gdp(x, g), r = g / 0`.
    DivisionByZero,
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
            Code::UnknownName => "alliance::unknown_name",
            Code::DuplicateDeclaration => "alliance::duplicate_declaration",
            Code::SelfTreaty => "alliance::self_treaty",
            Code::TooFewMembers => "alliance::too_few_members",
            Code::DuplicateMember => "alliance::duplicate_member",
            Code::UnknownRelation => "alliance::unknown_relation",
            Code::WrongArity => "alliance::wrong_arity",
            Code::UnsafeVariable => "alliance::unsafe_variable",
            Code::Unstratifiable => "alliance::unstratifiable",
            Code::UnitMismatch => "alliance::unit_mismatch",
            Code::AttributeType => "alliance::attribute_type",
            Code::PercentageRange => "alliance::percentage_range",
            Code::ImportUnreadable => "alliance::import_unreadable",
            Code::FileUnreadable => "alliance::file_unreadable",
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
            Code::DivisionByZero => "alliance::division_by_zero",
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
}

#[derive(Clone, Debug, PartialEq)]
pub struct Label {
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
}

impl Diag {
    pub fn error(code: Code, message: impl Into<String>) -> Diag {
        Diag {
            code,
            severity: Severity::Error,
            message: message.into(),
            labels: Vec::new(),
            help: None,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Diag {
        Diag {
            severity: Severity::Warning,
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

/// A diagnostic paired with its file's text, in the form miette draws.
struct Drawn<'a> {
    diag: &'a Diag,
    source: NamedSource<std::sync::Arc<str>>,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Drawn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl fmt::Display for Drawn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
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
    let primary_file = diag.span().map(|s| s.file);
    let mut help = diag.help.clone();
    let mut labels = Vec::new();
    for (i, label) in diag.labels.iter().enumerate() {
        if Some(label.span.file) == primary_file {
            let text = (!label.text.is_empty()).then(|| label.text.clone());
            let span = clamp(label.span, sources);
            labels.push(if i == 0 {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            });
        } else {
            // miette draws one file per diagnostic: a label elsewhere becomes a line of help.
            let note = format!("{} at {}", label.text, sources.location(label.span));
            help = Some(match help {
                Some(h) => format!("{note}\n{h}"),
                None => note,
            });
        }
    }
    let source = match primary_file {
        Some(file) if (file.0 as usize) < sources.len() => {
            let f = sources.get(file);
            NamedSource::new(f.name.clone(), f.text.clone())
        }
        _ => NamedSource::new("", std::sync::Arc::from("")),
    };
    let drawn = Drawn {
        diag,
        source,
        help,
        labels,
    };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    if handler.render_report(&mut out, &drawn).is_err() {
        out = format!("{}: {}\n", diag.code.as_str(), diag.message);
    }
    out
}

/// miette refuses spans past the end of the text; a span at end of file is drawn on its last byte.
fn clamp(span: Span, sources: &Sources) -> miette::SourceSpan {
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
    (start, end - start).into()
}

/// Draws every diagnostic, then a one-line count of errors and warnings.
pub fn render_all(diags: &[Diag], sources: &Sources, color: bool) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&render(d, sources, color));
    }
    out
}
