//! The explanation as data: a tree of steps, each a sentence with what it rests on (a
//! statement, a rule, a condition, a failing condition) and the place in the sources it cites.
//! The terminal draws it as indented text ([`Explanation::text`]), `alliance why --format json`
//! and the session's JSON as nested objects; a page can link each cited place, an editor can
//! jump to it.

use crate::source::{Sources, Span};

/// Why a fact holds (the derivation that first concluded it) or why it does not (where each
/// rule that could conclude it fails); for an expectation, why its query has or lacks answers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Explanation {
    /// Whether what is explained holds: the fact, or the query of an expectation.
    pub holds: bool,
    /// The top steps, in the order they are read.
    pub steps: Vec<Step>,
}

/// One step: a sentence, what it rests on, where that is written, and the steps beneath it.
///
/// A tree is never deeper than a few levels past [`super::MAX_DEPTH`] (deeper derivations are
/// summarised by a [`Basis::Cut`] step), so code may walk it recursively.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The step in words, without what its basis adds: "Japan is a state" for a stated fact;
    /// for a condition, a note or a failure, the whole line.
    pub sentence: String,
    pub basis: Basis,
    /// The statement, rule or condition the step cites, when a script wrote it (the standard
    /// theory and the language itself have no place a reader can open).
    pub place: Option<Place>,
    pub children: Vec<Step>,
}

/// What a step rests on.
#[derive(Clone, Debug, PartialEq)]
pub enum Basis {
    /// Stated by a statement of a script: `statement` is its first line, cut to 70 characters.
    /// `years` says when a dated fact is in force ("in force from 1955 until 1990"), or is
    /// empty.
    Stated { statement: String, years: String },
    /// A setting of the standard theory (such as the balance threshold).
    Setting,
    /// Computed by the code the theory registers (hub and spoke), `how` in words.
    Computed { how: String },
    /// Concluded by a rule; the facts it joined and its other conditions are the children.
    Rule(Cited),
    /// A condition of the rule above (not an atom) that held, with its values filled in.
    Condition(Condition),
    /// The facts beneath, not shown: the explanation is too deep or too long. `facts` counts
    /// the distinct facts left out.
    Cut { facts: usize },
    /// A remark for the reader, not a step of the proof: a partnership or a group that obliges
    /// no one to defend, a treaty the other way round.
    Note,
    /// A fact with no recorded origin.
    Fact,
    /// The fact does not hold: nothing states it (`stated`: its relation can be stated and no
    /// statement does, in any year; a statement of other years is a note) and none of the
    /// `rules` that could conclude it applies. Its notes and candidate rules are children.
    NotHeld { stated: bool, rules: usize },
    /// A rule that could conclude the fact; its child says where it fails.
    Candidate(Cited),
    /// Where a rule, or an expectation's query, fails; a missing fact's own why-not (or a
    /// fact that should not hold's derivation) is its child.
    Fails(Failure),
}

/// A rule an explanation cites: its text on one line (without `rule `) and where it is from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cited {
    pub rule: String,
    pub origin: RuleOrigin,
}

/// Where a cited rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleOrigin {
    /// The language itself: `rule` is a sentence (a threat against a pact reaches its members).
    Language,
    /// The standard theory.
    Theory,
    /// A script: the step's place is the rule's.
    Script,
}

/// The kinds of condition a rule's body holds besides atoms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    /// `not atom`: no such fact holds.
    Negation,
    /// `a < b`.
    Comparison,
    /// `x = expression`.
    Assignment,
    /// `x = sum v : { ... }` and the other aggregates.
    Aggregate,
}

/// The condition a rule or a query fails at, and the values bound when it did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub kind: FailureKind,
    /// The condition with its values filled in: `treaty(US, Taiwan, one_way, defence)`,
    /// `not covered(Japan)`, `1.77 < 1`; empty when there is none to show.
    pub condition: String,
    /// The variables bound when it failed, in the rule's (or query's) order: name and value.
    pub bindings: Vec<(String, String)>,
}

/// Why a condition fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// The rule's head cannot match the fact asked about.
    HeadMismatch,
    /// A fact the condition needs does not hold.
    Missing,
    /// No fact of the relation matches at all.
    NoMatch,
    /// `not atom`, and the atom holds.
    Holds,
    /// A comparison is false.
    Comparison,
    /// An assignment computes another value than the one asked about.
    Computes,
    /// No value can be computed.
    NoValue,
}

/// A place in the sources: the file's name as diagnostics show it, the 1-based line and
/// column (in characters) where the cited text starts, and its byte span.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
}

impl Place {
    /// The place of a span. Lines count `\n` alone, as explanations always have
    /// ([`Sources::line_of`]).
    pub fn of(sources: &Sources, span: Span) -> Place {
        let file = sources.get(span.file);
        let start = (span.start as usize).min(file.text.len());
        let before = file.text.get(..start).unwrap_or("");
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Place {
            file: file.name.clone(),
            line: sources.line_of(span),
            column: before[line_start..].chars().count() + 1,
            start,
            end: span.end as usize,
        }
    }

    /// `file:line`, as the text shows a place.
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

impl Explanation {
    /// An explanation with one step of the given kind and no place.
    pub fn say(holds: bool, sentence: impl Into<String>, basis: Basis) -> Explanation {
        Explanation {
            holds,
            steps: vec![Step::new(sentence, basis, None)],
        }
    }

    /// Whether there is nothing to say.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

impl Step {
    /// A step without children.
    pub fn new(sentence: impl Into<String>, basis: Basis, place: Option<Place>) -> Step {
        Step {
            sentence: sentence.into(),
            basis,
            place,
            children: Vec::new(),
        }
    }

    /// Where a rule or a query fails.
    pub fn fails(
        kind: FailureKind,
        condition: String,
        bindings: Vec<(String, String)>,
        sentence: String,
    ) -> Step {
        let failure = Failure {
            kind,
            condition,
            bindings,
        };
        Step::new(sentence, Basis::Fails(failure), None)
    }

    /// A note for the reader.
    pub fn note(sentence: impl Into<String>, place: Option<Place>) -> Step {
        Step::new(sentence, Basis::Note, place)
    }
}
