//! The explanation as the terminal shows it: one line per step, each child two spaces in from
//! its parent (the notes and candidate rules of a why-not stay level with it). Drawn with an
//! explicit stack, so no depth of tree can overflow it.

use super::tree::{Basis, Cited, Explanation, Place, RuleOrigin, Step};

impl Explanation {
    /// The explanation as indented text, each line ending in a newline; empty when there is
    /// nothing to say.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut stack: Vec<(&Step, usize)> = self.steps.iter().rev().map(|s| (s, 0)).collect();
        while let Some((step, depth)) = stack.pop() {
            for _ in 0..depth {
                out.push_str("  ");
            }
            out.push_str(&step.line());
            out.push('\n');
            let inner = match step.basis {
                Basis::NotHeld { .. } => depth,
                _ => depth + 1,
            };
            stack.extend(step.children.iter().rev().map(|c| (c, inner)));
        }
        out
    }
}

impl Step {
    /// The step's line, without indentation: its sentence with what its basis adds.
    pub fn line(&self) -> String {
        let sentence = &self.sentence;
        let place = self.place.as_ref();
        match &self.basis {
            Basis::Stated { .. } | Basis::Setting => {
                format!("{sentence}: stated by {}", stated_by(&self.basis, place))
            }
            Basis::Computed { how } => {
                format!("{sentence}: computed from the network of alliances ({how})")
            }
            Basis::Rule(rule) => format!("{sentence}, by the rule {}", cite(rule, place)),
            Basis::NotHeld { rules: 0, stated } => {
                // Not `stated`: a statement says so, in other years (a note names it).
                let stated = if *stated {
                    "no statement says so, and "
                } else {
                    ""
                };
                format!("It does not hold that {sentence}: {stated}no rule concludes it.")
            }
            Basis::NotHeld { stated, .. } => {
                let stated = if *stated {
                    "no statement says so, and "
                } else {
                    ""
                };
                format!(
                    "It does not hold that {sentence}: {stated}none of the rules that could conclude it applies."
                )
            }
            Basis::Candidate(rule) => format!("- The rule {}", cite(rule, place)),
            Basis::Condition(_)
            | Basis::Cut { .. }
            | Basis::Note
            | Basis::Fact
            | Basis::Fails(_) => sentence.clone(),
        }
    }
}

/// A rule as the text cites it: "`defends(a, b) if ...` (standard theory)", with the file and
/// line of a script's rule; the language's own rule is a sentence.
pub fn cite(rule: &Cited, place: Option<&Place>) -> String {
    let text = &rule.rule;
    match (rule.origin, place) {
        (RuleOrigin::Language, _) => text.clone(),
        (RuleOrigin::Script, Some(place)) => format!("`{text}` ({})", place.location()),
        _ => format!("`{text}` (standard theory)"),
    }
}

/// What stated a fact: "`treaty US Japan one_way`, world.alliance:21", or "a setting of the
/// standard theory".
pub fn stated_by(basis: &Basis, place: Option<&Place>) -> String {
    match (basis, place) {
        (Basis::Stated { statement, years }, Some(place)) if years.is_empty() => {
            format!("`{statement}`, {}", place.location())
        }
        (Basis::Stated { statement, years }, Some(place)) => {
            format!("`{statement}`, {}, {years}", place.location())
        }
        (Basis::Setting, _) => "a setting of the standard theory".to_string(),
        _ => String::new(),
    }
}
