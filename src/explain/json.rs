//! The explanation as JSON, for `alliance why --format json`, the session's JSON and a page:
//! every step with its line as the text shows it, its sentence, its kind and what the kind
//! carries, the place it cites and its children. Objects have sorted keys, so the output is
//! the same from run to run. A tree is only a few dozen levels deep at most (see
//! [`super::MAX_DEPTH`]), so it is written recursively.

use serde_json::{json, Map, Value as Json};

use super::tree::{Basis, Condition, Explanation, FailureKind, Place, RuleOrigin, Step};

impl Explanation {
    /// `{"holds": true, "steps": [...]}`.
    pub fn json(&self) -> Json {
        json!({
            "holds": self.holds,
            "steps": self.steps.iter().map(Step::json).collect::<Vec<_>>(),
        })
    }
}

impl Step {
    /// `{"text", "sentence", "kind", ..., "place", "children"}`.
    pub fn json(&self) -> Json {
        let mut map = Map::new();
        map.insert("text".into(), json!(self.line()));
        map.insert("sentence".into(), json!(self.sentence));
        map.insert("kind".into(), json!(kind(&self.basis)));
        for (key, value) in basis_fields(&self.basis) {
            map.insert(key.into(), value);
        }
        map.insert(
            "place".into(),
            self.place.as_ref().map_or(Json::Null, Place::json),
        );
        map.insert(
            "children".into(),
            Json::Array(self.children.iter().map(Step::json).collect()),
        );
        Json::Object(map)
    }
}

impl Place {
    /// `{"file", "line", "column", "start", "end"}`: lines and columns from 1, the span in bytes.
    pub fn json(&self) -> Json {
        json!({
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
        })
    }
}

/// The name of a step's kind.
fn kind(basis: &Basis) -> &'static str {
    match basis {
        Basis::Stated { .. } => "stated",
        Basis::Setting => "setting",
        Basis::Computed { .. } => "computed",
        Basis::Rule(_) => "rule",
        Basis::Condition(_) => "condition",
        Basis::Cut { .. } => "cut",
        Basis::Note => "note",
        Basis::Fact => "fact",
        Basis::NotHeld { .. } => "not_held",
        Basis::Candidate(_) => "candidate",
        Basis::Fails(_) => "fails",
    }
}

/// What a kind carries besides its sentence and place.
fn basis_fields(basis: &Basis) -> Vec<(&'static str, Json)> {
    match basis {
        Basis::Stated { statement, years } if years.is_empty() => {
            vec![("statement", json!(statement))]
        }
        Basis::Stated { statement, years } => {
            vec![("statement", json!(statement)), ("years", json!(years))]
        }
        Basis::Computed { how } => vec![("how", json!(how))],
        Basis::Rule(rule) | Basis::Candidate(rule) => {
            let origin = match rule.origin {
                RuleOrigin::Language => "language",
                RuleOrigin::Theory => "theory",
                RuleOrigin::Script => "script",
            };
            vec![("rule", json!(rule.rule)), ("origin", json!(origin))]
        }
        Basis::Condition(c) => {
            let c = match c {
                Condition::Negation => "negation",
                Condition::Comparison => "comparison",
                Condition::Assignment => "assignment",
                Condition::Aggregate => "aggregate",
            };
            vec![("condition", json!(c))]
        }
        Basis::Cut { facts } => vec![("facts", json!(facts))],
        Basis::NotHeld { stated, rules } => {
            vec![("stated", json!(stated)), ("rules", json!(rules))]
        }
        Basis::Fails(failure) => {
            let kind = match failure.kind {
                FailureKind::HeadMismatch => "head_mismatch",
                FailureKind::Missing => "missing",
                FailureKind::NoMatch => "no_match",
                FailureKind::Holds => "holds",
                FailureKind::Comparison => "comparison",
                FailureKind::Computes => "computes",
                FailureKind::NoValue => "no_value",
            };
            let bindings: Vec<Json> = failure
                .bindings
                .iter()
                .map(|(name, value)| json!({ "name": name, "value": value }))
                .collect();
            vec![
                ("failure", json!(kind)),
                ("at", json!(failure.condition)),
                ("bindings", Json::Array(bindings)),
            ]
        }
        Basis::Setting | Basis::Note | Basis::Fact => Vec::new(),
    }
}
