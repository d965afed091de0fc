//! What a session entry gives back: data, not text. Each front end draws it its own way: the
//! terminal as text (in colour or not), a page as HTML, an editor as hovers; [`Output::text`]
//! is the terminal's drawing, the one every test reads, and [`Output::json`] (in `json.rs`)
//! what a page reads.

use std::sync::Arc;

use crate::diag::{self, Diag};
use crate::graph::Picture;
use crate::report::Report;
use crate::run::AskOutcome;
use crate::source::Sources;

/// One thing an entry has to say, in the order it is said.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A sentence or a block of text (a summary, a listing, help).
    Say(String),
    /// Diagnostics, with the sources they point into.
    Diagnostics { diags: Vec<Diag>, sources: Sources },
    /// The answer to a question, an explanation or an expectation's verdict.
    Answer(AskOutcome),
    /// A question of a scenario's body with its answer: the question as written, indented
    /// under the scenario's title.
    Asked {
        question: String,
        outcome: AskOutcome,
    },
    /// The full report on the world (`:run`).
    Report(Arc<Report>),
    /// A picture of the world, or of a scenario, saved through the host (`:graph`):
    /// `saved_to` names the file as the host wrote it.
    Picture {
        picture: Arc<Picture>,
        saved_to: String,
    },
}

/// What one entry gave back, and what it means for the caller.
#[derive(Clone, Debug, Default)]
pub struct Output {
    /// What to show, in order.
    pub replies: Vec<Reply>,
    /// Whether the session should end (`:quit`).
    pub quit: bool,
    /// Whether the entry failed: an error, or an expectation that does not hold.
    pub failed: bool,
    /// The session's table of names, which the replies' names live in: kept as long as they
    /// are (see [`crate::interner`]).
    pub interner: Option<crate::interner::Interner>,
}

impl Output {
    /// An output that says `text`.
    pub fn say(text: impl Into<String>) -> Output {
        let mut out = Output::default();
        out.push_say(text);
        out
    }

    /// A failed entry that says `text`.
    pub fn fail(text: impl Into<String>) -> Output {
        Output {
            failed: true,
            ..Output::say(text)
        }
    }

    /// A failed entry that shows `diags`.
    pub fn fail_diags(diags: Vec<Diag>, sources: &Sources) -> Output {
        let mut out = Output {
            failed: true,
            ..Output::default()
        };
        out.push_diags(diags, sources);
        out
    }

    /// Adds text (nothing when empty).
    pub fn push_say(&mut self, text: impl Into<String>) {
        let text = text.into();
        if !text.is_empty() {
            self.replies.push(Reply::Say(text));
        }
    }

    /// Adds diagnostics (nothing when there are none).
    pub fn push_diags(&mut self, diags: Vec<Diag>, sources: &Sources) {
        if !diags.is_empty() {
            self.replies.push(Reply::Diagnostics {
                diags,
                sources: sources.clone(),
            });
        }
    }

    /// Adds what another output says, and its failure.
    pub fn append(&mut self, mut other: Output) {
        self.replies.append(&mut other.replies);
        self.failed |= other.failed;
        self.quit |= other.quit;
        if self.interner.is_none() {
            self.interner = other.interner;
        }
    }

    /// Whether the entry had an error: a diagnostic that is one, or a failure that is not an
    /// expectation's verdict (an `expect` that fails is a good line to ask again later). The
    /// line editor keeps only entries without one in its history, so its hint never offers
    /// a line that failed.
    pub fn has_error(&self) -> bool {
        let verdict = self.replies.iter().any(|r| {
            matches!(
                r,
                Reply::Answer(AskOutcome::Expect { passed: false, .. })
                    | Reply::Asked {
                        outcome: AskOutcome::Expect { passed: false, .. },
                        ..
                    }
            )
        });
        self.diags().any(Diag::is_error) || (self.failed && !verdict)
    }

    /// The diagnostics among the replies.
    pub fn diags(&self) -> impl Iterator<Item = &Diag> {
        self.replies.iter().flat_map(|r| match r {
            Reply::Diagnostics { diags, .. } => diags.as_slice(),
            _ => &[],
        })
    }

    /// The output as the terminal shows it without colour: every line ends in a newline.
    pub fn text(&self) -> String {
        self.render(false)
    }

    /// The output as the terminal shows it, in colour when `color`.
    pub fn render(&self, color: bool) -> String {
        self.replies.iter().map(|r| r.render(color)).collect()
    }
}

impl Reply {
    /// The reply as text, each line ending in a newline.
    pub fn render(&self, color: bool) -> String {
        match self {
            Reply::Say(text) => line(text.clone()),
            Reply::Diagnostics { diags, sources } => diag::render_all(diags, sources, color),
            Reply::Answer(outcome) => outcome_text(outcome),
            Reply::Asked { question, outcome } => asked_text(question, outcome),
            Reply::Report(report) => line(report.text()),
            Reply::Picture { picture, saved_to } => line(match picture.scenario() {
                Some(name) => format!("drew scenario {name} to {saved_to}"),
                None => format!("drew the world to {saved_to}"),
            }),
        }
    }
}

fn line(mut text: String) -> String {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// An answer, an explanation or an expectation's verdict, as printed at the prompt.
pub fn outcome_text(outcome: &AskOutcome) -> String {
    match outcome {
        AskOutcome::Answers {
            vars,
            rows,
            stopped,
            ..
        } => crate::run::answer_lines(vars, rows, stopped.as_deref()).join("\n") + "\n",
        AskOutcome::Why { explanation, .. } => explanation.text(),
        AskOutcome::Expect { passed: true, .. } => "passed\n".to_string(),
        AskOutcome::Expect {
            negated,
            explanation,
            ..
        } => {
            let (what, why) = if *negated {
                ("failed: it holds, but was expected not to", "why it holds:")
            } else {
                ("failed: it does not hold", "why it does not hold:")
            };
            let mut text = format!("{what}\n");
            if !explanation.is_empty() {
                text.push_str(&format!("  {why}\n"));
                for line in explanation.text().lines() {
                    text.push_str(&format!("    {line}\n"));
                }
            }
            text
        }
    }
}

/// One question of a scenario's body with its answer, indented under the scenario.
fn asked_text(question: &str, outcome: &AskOutcome) -> String {
    let shown = outcome_text(outcome);
    if matches!(outcome, AskOutcome::Expect { .. }) {
        let mut lines = shown.lines();
        let verdict = lines.next().unwrap_or("");
        let rest: String = lines.map(|l| format!("  {l}\n")).collect();
        return format!("  {question}: {verdict}\n{rest}");
    }
    let body: String = shown.lines().map(|l| format!("    {l}\n")).collect();
    format!("  {question}\n{body}")
}
