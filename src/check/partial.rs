//! The part of a world that checks: a file with errors checked again without the statements
//! the errors are in, so an editor can still answer a question about the rest while one line
//! is being written.

use super::{checked_world, Checked};
use crate::diag::Diag;
use crate::source::{FileId, Span};

/// Rounds of leaving statements out: leaving out a state may make the statements that name it
/// fail in turn, one level deeper each round.
const MAX_ROUNDS: usize = 8;

/// A world checked without the statements that have errors.
#[derive(Debug)]
pub(crate) struct Partial {
    /// The world without them: it has no errors.
    pub checked: Checked,
    /// Where what was left out is: each statement left out, and each piece of text that did
    /// not parse (never a statement), in file and position order.
    pub left_out: Vec<Span>,
}

/// `checked` without the statements its errors are in, and those the leaving out makes fail,
/// checked again; `None` when it has no errors, or when an error is in no statement of the
/// script (a file that cannot be read, the standard theory), so that nothing can be left out.
pub(crate) fn without_errors(checked: &Checked) -> Option<Partial> {
    if !checked.has_errors() {
        return None;
    }
    let mut files = checked.files.clone();
    // The errors of parsing are accounted for once the text they are in is left out.
    let read_diags: Vec<Diag> = checked
        .read_diags
        .iter()
        .filter(|d| !d.is_error())
        .cloned()
        .collect();
    let mut left_out = Vec::new();
    let mut diags = checked.diags.clone();
    for _ in 0..MAX_ROUNDS {
        let errors: Vec<Option<Span>> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(Diag::span)
            .collect();
        if errors.is_empty() {
            left_out.sort_by_key(|s: &Span| (s.file, s.start));
            left_out.dedup();
            let checked = checked_world(checked.sources.clone(), files, read_diags);
            return Some(Partial { checked, left_out });
        }
        let mut progress = false;
        for span in errors {
            let span = span.filter(|s| s.file != FileId(0))?;
            match leave_out(&mut files, span) {
                Some(stmt) => {
                    left_out.push(stmt);
                    progress = true;
                }
                // Text that did not parse is in no statement: already left out.
                None => left_out.push(span),
            }
        }
        if !progress {
            return None;
        }
        let again = checked_world(checked.sources.clone(), files.clone(), read_diags.clone());
        diags = again.diags;
    }
    None
}

/// Takes the statement that holds `span` out of its file; its span, if one holds it.
fn leave_out(files: &mut [(FileId, crate::syntax::ast::File)], span: Span) -> Option<Span> {
    let (_, file) = files.iter_mut().find(|(id, _)| *id == span.file)?;
    let at = file
        .stmts
        .iter()
        .position(|s| s.span.start <= span.start && span.start <= s.span.end)?;
    Some(file.stmts.remove(at).span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_source;

    /// The lines `text` leaves out to check, and how many questions the rest asks.
    fn left_out(text: &str) -> (Vec<usize>, usize) {
        let checked = check_source("w.alliance", text);
        let partial = without_errors(&checked).expect("the rest checks");
        assert!(!partial.checked.has_errors(), "{:?}", partial.checked.diags);
        let lines = partial
            .left_out
            .iter()
            .map(|s| checked.sources.line_of(*s))
            .collect();
        (lines, partial.checked.program.asks.len())
    }

    #[test]
    fn the_rest_of_a_world_checks_without_its_errors() {
        let text = "state US { gdp: 27T }\nstate Japan { gdp: 4T }\ntreaty US Japan one_way\n\
                    treaty US Japn one_way\nstate Oops { gdp: }\n? defends(x, Japan)\n";
        assert_eq!(left_out(text), (vec![4, 5], 1));
    }

    #[test]
    fn leaving_a_state_out_leaves_out_what_names_it() {
        // Japan's declaration fails, so the treaty naming Japan fails once it is left out.
        let text = "state US { gdp: 27T }\nstate Japan { gdp: yes }\ntreaty US Japan one_way\n\
                    ? defends(x, US)\n";
        let errors = check_source("w.alliance", text).diags;
        assert_eq!(errors.iter().filter(|d| d.is_error()).count(), 1);
        assert_eq!(left_out(text), (vec![2, 3], 1));
    }

    #[test]
    fn a_world_without_errors_has_no_partial_world() {
        assert!(without_errors(&check_source("w", "state US\n")).is_none());
        let unreadable = crate::check::check_file(&crate::host::NoFiles, "nowhere.alliance");
        assert!(without_errors(&unreadable).is_none());
    }
}
