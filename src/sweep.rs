//! "Which departure would hurt most?": remove each state in turn (or each pair), derive the
//! world again, and rank the departures by how many conclusions change. Scenarios run in
//! parallel on every core; the ranking does not depend on how the work was split.

use crate::eval::{evaluate_scenario, Model, Options};
use crate::program::{Change, Program, RelKind, Target};
use crate::scenario::{apply, diff, RelDiff};
use crate::source::{Sources, Span, Sym};

/// One departure and what it changes.
#[derive(Clone, Debug)]
pub struct SweepRow {
    pub removed: Vec<Sym>,
    /// Derived facts lost plus derived facts gained.
    pub changed: usize,
    /// Of those, the ones about states still there: what the departure does to the others,
    /// which ranks the departures (a state's own facts always go with it).
    pub about_others: usize,
    /// The most telling changes, in words ("lost: US must defend Japan").
    pub top: Vec<String>,
}

/// The relations whose facts count as conclusions: everything derived except the standard
/// theory's internal helpers.
fn is_conclusion(program: &Program, rel: crate::program::RelId) -> bool {
    let r = program.rel(rel);
    r.kind != RelKind::Base
        && Some(rel) != program.theory.threatens
        && !program.theory.helpers().contains(&Some(rel))
}

fn row(
    program: &Program,
    sources: &Sources,
    base: &Model,
    removed: Vec<Sym>,
    options: &Options,
) -> SweepRow {
    let changes: Vec<(Change, Span)> = removed
        .iter()
        .map(|s| {
            (
                Change::Remove(Target::Name(*s, Span::default())),
                Span::default(),
            )
        })
        .collect();
    let world = apply(program, base, &changes)
        .ok()
        .and_then(|f| evaluate_scenario(program, &f, base, options).ok());
    let Some(model) = world else {
        return SweepRow {
            removed,
            changed: 0,
            about_others: 0,
            top: Vec::new(),
        };
    };
    let diffs: Vec<RelDiff> = diff(program, base, &model);
    let counted: Vec<&RelDiff> = diffs
        .iter()
        .filter(|d| is_conclusion(program, d.rel))
        .collect();
    let changed = counted.iter().map(|d| d.lost.len() + d.gained.len()).sum();
    let gone = |f: &Vec<crate::program::Const>| {
        removed
            .iter()
            .any(|r| f.contains(&crate::program::Const::Sym(*r)))
    };
    let about_others = counted
        .iter()
        .flat_map(|d| d.lost.iter().chain(&d.gained))
        .filter(|f| !gone(f))
        .count();
    // The report's own summary, without its first line (which only restates the removal).
    let top = crate::report::scenario_summary(program, sources, base, &model, &diffs)
        .into_iter()
        .filter(|line| !line.contains("is removed") && !line.contains("are removed"))
        .take(3)
        .collect();
    SweepRow {
        removed,
        changed,
        about_others,
        top,
    }
}

/// Removes each state (and with `pairs`, each pair of states) and ranks the departures,
/// most change first, ties by name.
pub fn sweep(
    program: &Program,
    sources: &Sources,
    base: &Model,
    pairs: bool,
    options: &Options,
) -> Vec<SweepRow> {
    let states: Vec<Sym> = program.states.keys().copied().collect();
    let mut jobs: Vec<Vec<Sym>> = states.iter().map(|s| vec![*s]).collect();
    if pairs {
        for (i, a) in states.iter().enumerate() {
            for b in &states[i + 1..] {
                jobs.push(vec![*a, *b]);
            }
        }
    }
    // A browser (wasm32) has no threads to spawn: there the work is done on the one it has.
    let threads = if cfg!(target_arch = "wasm32") {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    };
    let mut rows = rows_on(threads, &jobs, |job| {
        row(program, sources, base, job.to_vec(), options)
    });
    rows.sort_by(|a, b| {
        (b.about_others, b.changed)
            .cmp(&(a.about_others, a.changed))
            .then_with(|| {
                let names = |r: &SweepRow| r.removed.iter().map(|s| s.as_str()).collect::<Vec<_>>();
                names(a).cmp(&names(b))
            })
    });
    rows
}

/// Does `work` on each job, on at most `threads` threads (none spawned for one), in the jobs'
/// order.
fn rows_on<T: Send>(
    threads: usize,
    jobs: &[Vec<Sym>],
    work: impl Fn(&[Sym]) -> T + Sync,
) -> Vec<T> {
    let threads = threads.clamp(1, jobs.len().max(1));
    if threads == 1 {
        return jobs.iter().map(|j| work(j)).collect();
    }
    let chunk = jobs.len().div_ceil(threads).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|j| work(j)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// The ranking: one line per departure, then its most telling changes, one per line.
pub fn text(program: &Program, rows: &[SweepRow], limit: usize) -> String {
    let name = |s: &Sym| program.display(*s).to_string();
    let mut out = String::from(
        "Which departure would change the most? Each state removed in turn, ranked by how many\nconclusions about the other states change.\n\n",
    );
    let width = rows.len().min(limit).to_string().len();
    for (i, row) in rows.iter().enumerate().take(limit) {
        let who = row
            .removed
            .iter()
            .map(name)
            .collect::<Vec<_>>()
            .join(" and ");
        let what = if row.changed == 1 {
            "conclusion changes"
        } else {
            "conclusions change"
        };
        out.push_str(&format!(
            "{:>width$}. {who}: {} {what}, {} about other states\n",
            i + 1,
            row.changed,
            row.about_others
        ));
        for change in &row.top {
            out.push_str(&format!("{:width$}    - {change}\n", ""));
        }
    }
    if rows.len() > limit {
        out.push_str(&format!(
            "\n... and {} more (use --top N to see more)\n",
            rows.len() - limit
        ));
    }
    out
}

/// The ranking as JSON.
pub fn json(rows: &[SweepRow]) -> serde_json::Value {
    serde_json::Value::Array(
        rows.iter()
            .enumerate()
            .map(|(i, r)| {
                serde_json::json!({
                    "rank": i + 1,
                    "removed": r.removed.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                    "conclusions_changed": r.changed,
                    "about_other_states": r.about_others,
                    "top_changes": r.top,
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::rows_on;
    use crate::source::Sym;

    /// One thread (the browser's path, which spawns none) gives what several give, in order.
    #[test]
    fn one_thread_gives_what_several_give() {
        let jobs: Vec<Vec<Sym>> = ["A", "B", "C", "D", "E"]
            .iter()
            .map(|n| vec![Sym::new(n)])
            .collect();
        let work = |j: &[Sym]| j.iter().map(|s| s.as_str().len()).sum::<usize>() + j.len();
        let one = rows_on(1, &jobs, work);
        assert_eq!(one, rows_on(3, &jobs, work));
        assert_eq!(one, rows_on(64, &jobs, work));
        assert_eq!(one, vec![2; 5]);
        assert!(rows_on(1, &[], work).is_empty());
    }
}
