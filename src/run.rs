//! The whole pipeline behind `run`, `test` and `why`: evaluate the base world, answer its
//! queries and expectations, then each scenario in its own world with its difference from the
//! base. The command line, the REPL and the tests all call [`run`].

use crate::check::Checked;
use crate::diag::{Code, Diag};
use crate::eval::{evaluate, evaluate_scenario, Model, Options};
use crate::explain::{self, Basis, Explanation};
use crate::program::{Ask, Const, Program, Scenario};
use crate::scenario::{self, RelDiff};
use crate::source::{Sources, Span, Sym};
use crate::words::thousands;

/// What a query, `? why` or expectation gave.
#[derive(Clone, Debug)]
pub enum AskOutcome {
    /// The answers of `? literals`: one row per binding of the shown variables.
    Answers {
        span: Span,
        vars: Vec<Sym>,
        rows: Vec<Vec<Const>>,
        /// Why the question has no answers to show when it could not be answered in full
        /// (stopped at the answer limit, interrupted, or an error such as a division by
        /// zero): the first diagnostic's message. A diagnostic is reported beside it.
        stopped: Option<String>,
    },
    /// The explanation of `? why atom` (its text is `explanation.text()`).
    Why {
        span: Span,
        explanation: Explanation,
    },
    /// An expectation: whether it passed and, if not, why (empty when it passed).
    Expect {
        span: Span,
        negated: bool,
        passed: bool,
        explanation: Explanation,
    },
}

impl AskOutcome {
    pub fn span(&self) -> Span {
        match self {
            AskOutcome::Answers { span, .. }
            | AskOutcome::Why { span, .. }
            | AskOutcome::Expect { span, .. } => *span,
        }
    }
}

/// One scenario's world: its answers and its difference from the base world.
#[derive(Debug)]
pub struct ScenarioOutcome {
    pub name: Option<Sym>,
    pub title: Option<Sym>,
    pub span: Span,
    /// Whether the scenario could be applied and evaluated (if not, its diagnostic is in
    /// `diags`).
    pub applied: bool,
    /// The scenario's evaluated world, kept only when the run had a single scenario (`graph
    /// --scenario` draws it). Of several, each world is dropped once its questions are
    /// answered and its difference taken: a report reads a scenario's world as the base world
    /// and that difference (`report::World::after`), so a run holds one scenario's world at a
    /// time, not one per scenario (a 1 MB script with 507 scenarios held 4 GB).
    pub model: Option<Model>,
    pub asks: Vec<AskOutcome>,
    pub diff: Vec<RelDiff>,
    pub diags: Vec<Diag>,
    /// Expectations not checked because the scenario could not be evaluated.
    pub skipped: usize,
}

/// Everything a run produced.
#[derive(Debug)]
pub struct Outcome {
    pub base: Model,
    pub asks: Vec<AskOutcome>,
    pub scenarios: Vec<ScenarioOutcome>,
    /// Problems found while evaluating (the checker's are in `Checked`).
    pub diags: Vec<Diag>,
}

impl Outcome {
    /// Every expectation in the base world and the scenarios.
    pub fn expectations(&self) -> impl Iterator<Item = (&AskOutcome, Option<&ScenarioOutcome>)> {
        let base = self.asks.iter().map(|a| (a, None));
        let scenarios = self
            .scenarios
            .iter()
            .flat_map(|s| s.asks.iter().map(move |a| (a, Some(s))));
        base.chain(scenarios)
            .filter(|(a, _)| matches!(a, AskOutcome::Expect { .. }))
    }
}

/// Which scenarios to run.
#[derive(Clone, Debug, Default)]
pub enum Selection {
    #[default]
    All,
    None,
    Named(String),
}

/// Evaluates a checked program (which must have no errors) with its scenarios.
pub fn run(
    checked: &Checked,
    options: &Options,
    selection: &Selection,
) -> Result<Outcome, Vec<Diag>> {
    let program = &checked.program;
    let mut base = evaluate(program, &program.world_facts(), options).map_err(|d| vec![d])?;
    let mut diags = std::mem::take(&mut base.diags);
    let asks = answer_all(
        program,
        &mut base,
        &checked.sources,
        program.asks.iter(),
        &mut diags,
    );
    let chosen: Vec<&Scenario> = match selection {
        Selection::All => program.scenarios.iter().collect(),
        Selection::None => Vec::new(),
        Selection::Named(name) => {
            let found: Vec<&Scenario> = program
                .scenarios
                .iter()
                .filter(|s| s.name.is_some_and(|n| n.as_str() == name))
                .collect();
            if found.is_empty() {
                let names: Vec<&str> = program
                    .scenarios
                    .iter()
                    .filter_map(|s| s.name.map(|n| n.as_str()))
                    .collect();
                let mut d = Diag::error(
                    Code::UnknownName,
                    format!("there is no scenario called `{name}`"),
                );
                d = match crate::check::suggest(name, names.iter().copied()) {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None if names.is_empty() => d.help("this script names no scenarios"),
                    None => d.help(format!("the scenarios are: {}", names.join(", "))),
                };
                return Err(vec![d]);
            }
            found
        }
    };
    let keep = chosen.len() == 1;
    let scenarios = chosen
        .into_iter()
        .map(|s| run_scenario(checked, &base, s, options, keep))
        .collect();
    let outcome = Outcome {
        base,
        asks,
        scenarios,
        diags: Vec::new(),
    };
    diags.extend(
        outcome
            .scenarios
            .iter()
            .flat_map(|s| s.diags.iter().cloned()),
    );
    Ok(Outcome { diags, ..outcome })
}

fn run_scenario(
    checked: &Checked,
    base: &Model,
    scenario: &Scenario,
    options: &Options,
    keep: bool,
) -> ScenarioOutcome {
    let program = &checked.program;
    let mut outcome = ScenarioOutcome {
        name: scenario.name,
        title: scenario.title,
        span: scenario.span,
        applied: false,
        model: None,
        asks: Vec::new(),
        diff: Vec::new(),
        diags: Vec::new(),
        skipped: 0,
    };
    let expectations = scenario
        .asks
        .iter()
        .filter(|(a, _)| matches!(a, Ask::Expect { .. }))
        .count();
    let facts = match scenario::apply(program, base, &scenario.changes) {
        Ok(f) => f,
        Err(d) => {
            outcome.diags.push(d);
            outcome.skipped = expectations;
            return outcome;
        }
    };
    match evaluate_scenario(program, &facts, base, options) {
        Ok(mut model) => {
            model.year = scenario::year(program, &scenario.changes);
            outcome.diags.append(&mut model.diags);
            outcome.asks = answer_all(
                program,
                &mut model,
                &checked.sources,
                scenario.asks.iter(),
                &mut outcome.diags,
            );
            outcome.diff = scenario::diff(program, base, &model);
            outcome.applied = true;
            outcome.model = keep.then_some(model);
        }
        Err(d) => {
            outcome.diags.push(d);
            outcome.skipped = expectations;
        }
    }
    // A problem met in a scenario's world says which: the same rule may fail in the base
    // world too, and the two reports would otherwise read alike.
    let head = scenario_head(&checked.sources, scenario.span);
    for d in &mut outcome.diags {
        if d.labels.iter().all(|l| l.span != head) {
            *d = d.clone().label(head, "in this scenario's world");
        }
    }
    outcome
}

/// The first line of a scenario (`scenario moshitora "..." {`, `if remove hub then`).
fn scenario_head(sources: &Sources, span: Span) -> Span {
    let text = sources.text(span);
    let line = text.find('\n').unwrap_or(text.len());
    let trimmed = text[..line].trim_end().len();
    Span::new(
        span.file,
        span.start as usize,
        span.start as usize + trimmed,
    )
}

fn answer_all<'a>(
    program: &Program,
    model: &mut Model,
    sources: &Sources,
    asks: impl Iterator<Item = &'a (Ask, Span)>,
    diags: &mut Vec<Diag>,
) -> Vec<AskOutcome> {
    asks.map(|(ask, span)| {
        let (outcome, mut problems) = answer_checked(program, model, sources, ask, *span);
        diags.append(&mut problems);
        outcome
    })
    .collect()
}

/// Answers one query, `? why` or expectation in a world (problems met while evaluating it,
/// such as a division by zero, are dropped: see [`answer_checked`]).
pub fn answer(
    program: &Program,
    model: &mut Model,
    sources: &Sources,
    ask: &Ask,
    span: Span,
) -> Option<AskOutcome> {
    Some(answer_checked(program, model, sources, ask, span).0)
}

/// Answers one query, `? why` or expectation, with the problems met while evaluating it. A
/// query that cannot be evaluated has no answers; an expectation that cannot fails.
pub fn answer_checked(
    program: &Program,
    model: &mut Model,
    sources: &Sources,
    ask: &Ask,
    span: Span,
) -> (AskOutcome, Vec<Diag>) {
    match ask {
        Ask::Query(query) => {
            let (rows, diags) = match model.query(query) {
                Ok(rows) => (rows, Vec::new()),
                Err(d) => (Vec::new(), d),
            };
            let stopped = diags.first().map(|d| stopped_words(d, model.max_answers));
            let rows = rows
                .iter()
                .map(|r| r.iter().map(|v| model.values.get(*v)).collect())
                .collect();
            let vars = query
                .shown
                .iter()
                .map(|v| query.vars[*v as usize])
                .collect();
            (
                AskOutcome::Answers {
                    span,
                    vars,
                    rows,
                    stopped,
                },
                diags,
            )
        }
        Ask::Why(atom) => (
            AskOutcome::Why {
                span,
                explanation: explain::why(program, model, sources, atom),
            },
            Vec::new(),
        ),
        Ask::Expect { negated, query } => {
            let answers = match model.query(query) {
                Ok(a) => a,
                Err(d) => {
                    let explanation = Explanation::say(
                        false,
                        "It could not be evaluated: see the error above.",
                        Basis::Note,
                    );
                    return (
                        AskOutcome::Expect {
                            span,
                            negated: *negated,
                            passed: false,
                            explanation,
                        },
                        d,
                    );
                }
            };
            let passed = answers.is_empty() == *negated;
            let explanation = match (passed, negated) {
                (true, _) => Explanation::default(),
                (false, false) => explain::query_failure(program, model, sources, query),
                (false, true) => explain::query_holds(program, model, sources, query),
            };
            (
                AskOutcome::Expect {
                    span,
                    negated: *negated,
                    passed,
                    explanation,
                },
                Vec::new(),
            )
        }
    }
}

/// Why a question was not answered in full, in the words that stand in for its answers.
fn stopped_words(diag: &Diag, max_answers: usize) -> String {
    match diag.code {
        Code::AnswerLimit => format!(
            "stopped at the answer limit (more than {})",
            thousands(max_answers)
        ),
        Code::Interrupted => "stopped: interrupted".to_string(),
        _ => format!("not answered: {}", diag.message),
    }
}

/// Rows of answers as text lines: `x = US, y = Japan`; `yes` for a query without variables
/// that holds; `no` when nothing answers; why it stopped when it could not be answered in
/// full (never `no`, which would be a wrong answer).
pub fn answer_lines(vars: &[Sym], rows: &[Vec<Const>], stopped: Option<&str>) -> Vec<String> {
    if let Some(why) = stopped {
        return vec![why.to_string()];
    }
    if rows.is_empty() {
        return vec!["no".to_string()];
    }
    if vars.is_empty() {
        return vec!["yes".to_string()];
    }
    rows.iter()
        .map(|row| {
            vars.iter()
                .zip(row)
                .map(|(v, c)| format!("{v} = {}", crate::words::show_const(*c)))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect()
}
