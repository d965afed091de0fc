//! A session's output as JSON, for a page: each reply as an object with its `kind`, its data
//! as data (answers as rows, explanations as trees, diagnostics with their places, the report
//! as `alliance run --format json` writes it, a picture drawn in its format).

use serde_json::{json, Value as Json};

use super::{Output, Reply};
use crate::diag::{Diag, Severity};
use crate::explain::Place;
use crate::report::jconsts;
use crate::run::{answer_lines, AskOutcome};
use crate::source::Sources;

impl Output {
    /// `{"replies": [...], "failed": false, "quit": false}`.
    pub fn json(&self) -> Json {
        json!({
            "replies": self.replies.iter().map(Reply::json).collect::<Vec<_>>(),
            "failed": self.failed,
            "quit": self.quit,
        })
    }
}

impl Reply {
    /// The reply as a JSON object with its `kind`.
    pub fn json(&self) -> Json {
        match self {
            Reply::Say(text) => json!({ "kind": "say", "text": text }),
            Reply::Diagnostics { diags, sources } => json!({
                "kind": "diagnostics",
                "diagnostics": diags.iter().map(|d| diag_json(d, sources)).collect::<Vec<_>>(),
            }),
            Reply::Answer(outcome) => json!({ "kind": "answer", "outcome": outcome_json(outcome) }),
            Reply::Asked { question, outcome } => json!({
                "kind": "asked",
                "question": question,
                "outcome": outcome_json(outcome),
            }),
            Reply::Report(report) => json!({ "kind": "report", "report": report.json() }),
            Reply::Picture { picture, saved_to } => json!({
                "kind": "picture",
                "format": picture.format.name(),
                "scenario": picture.scenario(),
                "saved_to": saved_to,
                "image": picture.render(),
            }),
        }
    }
}

/// An answer, an explanation or an expectation's verdict.
pub fn outcome_json(outcome: &AskOutcome) -> Json {
    match outcome {
        AskOutcome::Answers {
            vars,
            rows,
            stopped,
            ..
        } => json!({
            "kind": "answers",
            "variables": vars.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
            "rows": rows.iter().map(|r| jconsts(r)).collect::<Vec<_>>(),
            "answers": answer_lines(vars, rows, stopped.as_deref()),
        }),
        AskOutcome::Why { explanation, .. } => json!({
            "kind": "why",
            "explanation": explanation.json(),
        }),
        AskOutcome::Expect {
            negated,
            passed,
            explanation,
            ..
        } => json!({
            "kind": "expect",
            "negated": negated,
            "passed": passed,
            "explanation": explanation.json(),
        }),
    }
}

/// A diagnostic with the place of each label (the first is the primary one).
fn diag_json(d: &Diag, sources: &Sources) -> Json {
    let labels: Vec<Json> = d
        .labels
        .iter()
        .map(|l| {
            // A diagnostic about a file that could not be read points into no source.
            let known = (l.span.file.0 as usize) < sources.len();
            let place = known.then(|| Place::of(sources, l.span).json());
            json!({ "text": l.text, "place": place })
        })
        .collect();
    json!({
        "code": d.code.as_str(),
        "severity": match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        },
        "message": d.message,
        "labels": labels,
        "help": d.help,
    })
}
