//! Notes under a why-not of a duty to defend: where a reader might expect a duty that does not
//! exist (a partnership, a shared cooperation group, a treaty the other way round or of
//! another kind), with the statement that made each.

use super::text::stated_by;
use super::tree::{Place, Step};
use super::words::{shown, statement};
use crate::eval::solve::FactRef;
use crate::eval::{Model, Prov};
use crate::program::{Const, Program, RelId};
use crate::source::Sources;
use crate::theory::words;
use crate::words::show_const;

/// " (`partner US Taiwan`, world.alliance:9)" and the place of the statement that stated a
/// fact, or nothing for a derived one.
fn stated_at(model: &Model, sources: &Sources, rel: RelId, id: u32) -> (String, Option<Place>) {
    match model.prov(FactRef { rel, id }) {
        Some(Prov::Base(i)) => {
            let (basis, place) = statement(model, sources, i);
            (format!(" ({})", stated_by(&basis, place.as_ref())), place)
        }
        _ => (String::new(), None),
    }
}

/// Where a reader might expect a duty to defend that does not exist: a partnership, or a
/// cooperation group the two share. Neither obliges anyone to fight.
pub(super) fn notes_on_duties(
    program: &Program,
    model: &Model,
    sources: &Sources,
    args: &[Const],
) -> Vec<Step> {
    let mut notes = Vec::new();
    let [a, b] = args else { return notes };
    let name = |c: &Const| shown(program, c);
    if let Some(partner) = program.theory.partner {
        if let Some(id) = model.find(partner, &[*a, *b]) {
            let (at, place) = stated_at(model, sources, partner, id);
            notes.push(Step::note(
                format!(
                    "Note: {} is a partner of {}{at}: a partner helps it defend itself, but has no duty to fight for it.",
                    name(a),
                    name(b)
                ),
                place,
            ));
        }
    }
    notes.extend(treaty_notes(program, model, sources, a, b));
    notes.extend(dated_notes(program, sources, model.year, a, b));
    let (Some(member), Some(group)) = (program.theory.member, program.theory.group) else {
        return notes;
    };
    let groups_of = |x: &Const| -> Vec<Const> {
        model
            .tuples(member)
            .into_iter()
            .filter(|t| t.first() == Some(x))
            .filter_map(|t| t.get(1).copied())
            .collect()
    };
    let shared: Vec<Const> = groups_of(a)
        .into_iter()
        .filter(|g| groups_of(b).contains(g))
        .collect();
    let described: Vec<String> = shared
        .iter()
        .filter_map(|g| {
            let kinds: Vec<String> = model
                .tuples(group)
                .into_iter()
                .filter(|t| t.first() == Some(g))
                .filter_map(|t| t.get(1).map(|k| show_const(*k)))
                .collect();
            (!kinds.is_empty()).then(|| format!("{} ({})", show_const(*g), kinds.join(", ")))
        })
        .collect();
    if described.is_empty() {
        return notes;
    }
    let (noun, list) = match described.as_slice() {
        [one] => ("the group", one.clone()),
        [init @ .., last] => ("the groups", format!("{} and {last}", init.join(", "))),
        [] => return notes,
    };
    notes.push(Step::note(
        format!(
            "Note: {} and {} share {noun} {list}; groups oblige no one to defend.",
            name(a),
            name(b)
        ),
        None,
    ));
    notes
}

/// Under a verdict about `x` (why is Taiwan exposed to China?): what a reader might count as
/// help but which obliges no one to fight for x, its partners and its cooperation groups
/// ("Japan is in AUKUS, a technology group: groups oblige no one to defend").
pub(super) fn support_notes(
    program: &Program,
    model: &Model,
    sources: &Sources,
    x: &Const,
) -> Vec<Step> {
    let t = &program.theory;
    let mut notes = Vec::new();
    let name = |c: &Const| shown(program, c);
    if let Some(partner) = t.partner {
        for (id, p) in model.store(partner).iter() {
            let p: Vec<Const> = p.iter().map(|v| model.values.get(*v)).collect();
            if p.get(1) != Some(x) {
                continue;
            }
            let (at, place) = stated_at(model, sources, partner, id);
            notes.push(Step::note(
                format!(
                    "Note: {} is a partner of {}{at}: a partner helps it defend itself, but has no duty to fight for it.",
                    name(&p[0]),
                    name(x)
                ),
                place,
            ));
        }
    }
    let (Some(member), Some(group)) = (t.member, t.group) else {
        return notes;
    };
    for m in model.tuples(member).iter().filter(|m| m.first() == Some(x)) {
        let kinds: Vec<String> = model
            .tuples(group)
            .into_iter()
            .filter(|g| g.first() == m.get(1))
            .filter_map(|g| g.get(1).map(|k| show_const(*k)))
            .collect();
        if kinds.is_empty() {
            continue;
        }
        let kinds = kinds.join(" and ");
        let article = if kinds.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        notes.push(Step::note(
            format!(
                "Note: {} is in {}, {article} {kinds} group: groups oblige no one to defend.",
                name(x),
                name(&m[1]),
            ),
            None,
        ));
    }
    notes
}

/// Treaties between the two states that oblige something other than `a` defending `b`: a
/// one-way defence treaty the other way round, or a treaty of consultation.
fn treaty_notes(
    program: &Program,
    model: &Model,
    sources: &Sources,
    a: &Const,
    b: &Const,
) -> Vec<Step> {
    let mut notes = Vec::new();
    let Some(treaty) = program.theory.treaty else {
        return notes;
    };
    let name = |c: &Const| shown(program, c);
    for (id, t) in model.store(treaty).iter() {
        let t: Vec<Const> = t.iter().map(|v| model.values.get(*v)).collect();
        let [x, y, direction, obligation] = t.as_slice() else {
            continue;
        };
        let between = (x == a && y == b) || (x == b && y == a);
        if !between {
            continue;
        }
        let (place, at) = stated_at(model, sources, treaty, id);
        let (direction, obligation) = (show_const(*direction), show_const(*obligation));
        let text = if obligation == words::DEFENCE && direction == words::ONE_WAY && x == b {
            format!(
                "the one-way defence treaty{place} binds {} to defend {}, not the reverse",
                name(b),
                name(a)
            )
        } else if obligation != words::DEFENCE {
            let kind = if direction == words::ONE_WAY {
                "one-way"
            } else {
                "mutual"
            };
            format!(
                "{} and {} have a {kind} {obligation} treaty{place}: it obliges {obligation}, not defence",
                name(x),
                name(y)
            )
        } else {
            continue;
        };
        notes.push(Step::note(format!("Note: {text}."), at));
    }
    notes
}

/// "as of 1962", or "today" for a world read without a year.
fn when(year: Option<i32>) -> String {
    match year {
        Some(y) => format!("as of {y}"),
        None => "today".to_string(),
    }
}

/// The first line of a statement, cut to fit a note: "`pact NATO defence from 1949 { ...`".
fn statement_head(sources: &Sources, span: crate::source::Span) -> String {
    let text = sources.text(span);
    let first = text.lines().next().unwrap_or("").trim();
    if first.chars().count() > 70 || text.lines().count() > 1 {
        format!("{} ...", first.chars().take(67).collect::<String>())
    } else {
        first.to_string()
    }
}

/// Statements of the very fact asked about that are not in force in the year the world is
/// read as of (`member(Spain, NATO)` as of 1962, from `Spain from 1982`): without this note
/// a why-not would say that no statement says so.
pub(super) fn out_of_year(
    program: &Program,
    sources: &Sources,
    year: Option<i32>,
    rel: RelId,
    args: &[Const],
) -> Vec<Step> {
    program
        .facts
        .iter()
        .filter(|f| f.rel == rel && f.args == args && !f.years.holds(year))
        .map(|f| {
            let place = Place::of(sources, f.span);
            Step::note(
                format!(
                    "Note: `{}` ({}) states it in force {}, not {}.",
                    statement_head(sources, f.span),
                    place.location(),
                    f.years.words(),
                    when(year)
                ),
                Some(place),
            )
        })
        .collect()
}

/// Commitments that would give a duty of `a` to defend `b` but are not in force in the year the
/// world is read as of (`year`, the program's or a scenario's): "`treaty US Japan one_way
/// defence from 1960` is in force from 1960, not as of 1955".
fn dated_notes(
    program: &Program,
    sources: &Sources,
    year: Option<i32>,
    a: &Const,
    b: &Const,
) -> Vec<Step> {
    let t = &program.theory;
    let when = when(year);
    let defence = Const::Sym(crate::source::Sym::new(words::DEFENCE));
    let mutual = Const::Sym(crate::source::Sym::new(words::MUTUAL));
    let note = |span, years: crate::program::Years| {
        let place = Place::of(sources, span);
        Step::note(
            format!(
                "Note: `{}` ({}) is in force {}, not {when}.",
                statement_head(sources, span),
                place.location(),
                years.words()
            ),
            Some(place),
        )
    };
    let mut notes = Vec::new();
    let held = |f: &crate::program::Fact| f.years.holds(year);
    for f in program
        .facts
        .iter()
        .filter(|f| Some(f.rel) == t.treaty && !held(f))
    {
        let gives = match &f.args[..] {
            [p, q, d, o] if *o == defence => {
                (p == a && q == b) || (p == b && q == a && *d == mutual)
            }
            _ => false,
        };
        if gives {
            notes.push(note(f.span, f.years));
        }
    }
    // A defence pact both belong to in some year, but not both in this one.
    let member_of = |x: &Const, p: &Const| -> Vec<&crate::program::Fact> {
        program
            .facts
            .iter()
            .filter(|f| Some(f.rel) == t.member && f.args[..] == [*x, *p])
            .collect()
    };
    for pact in program.facts.iter().filter(|f| Some(f.rel) == t.pact) {
        let [p, o] = &pact.args[..] else { continue };
        if *o != defence {
            continue;
        }
        let (ma, mb) = (member_of(a, p), member_of(b, p));
        if ma.is_empty() || mb.is_empty() {
            continue;
        }
        if !held(pact) {
            notes.push(note(pact.span, pact.years));
        } else if !ma.iter().any(|f| held(f)) || !mb.iter().any(|f| held(f)) {
            let missing = if ma.iter().any(|f| held(f)) { mb } else { ma };
            let who = if missing.first().is_some_and(|f| f.args[0] == *a) {
                a
            } else {
                b
            };
            let years: Vec<String> = missing.iter().map(|f| f.years.words()).collect();
            notes.push(Step::note(
                format!(
                    "Note: {} is a member of {} {}, not {when}.",
                    shown(program, who),
                    shown(program, p),
                    years.join(" and ")
                ),
                missing.first().map(|f| Place::of(sources, f.span)),
            ));
        }
    }
    notes
}
