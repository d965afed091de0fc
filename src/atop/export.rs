//! Directed dyad-years in the layout of the published ATOP files: one row per ordered pair of
//! states and year in which the first has at least one obligation to the second, with a flag
//! per obligation type. Read from the base facts in force each year (treaties, and pacts with
//! their members), so any script whose states carry `cow` codes can be compared with the data.

use std::collections::{BTreeMap, BTreeSet};

use crate::program::{Const, Program};
use crate::source::Sym;

/// The CSV, and what it could not include.
pub struct DyadYears {
    pub csv: String,
    pub rows: usize,
    pub from: i32,
    pub to: i32,
    /// States with commitments but no `cow` code: their dyads are left out.
    pub uncoded: Vec<String>,
}

/// The obligation words in the order of the file's columns.
const COLUMNS: [&str; 5] = [
    "defence",
    "offence",
    "neutrality",
    "nonaggression",
    "consultation",
];

/// The dyad-years of `program` from `from` to `to` (both inclusive; by default the first and
/// last years the script's dates mention).
pub fn dyad_years(
    program: &Program,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<DyadYears, String> {
    let mentioned = program.years_mentioned();
    let (from, to) = match (
        from.or(mentioned.map(|m| m.0)),
        to.or(mentioned.map(|m| m.1)),
    ) {
        (Some(f), Some(t)) => (f, t),
        _ => {
            return Err(
                "the script has no dates: give the years with `--from` and `--to`".to_string(),
            )
        }
    };
    if to < from {
        return Err(format!("`--to {to}` is before `--from {from}`"));
    }
    let rel = |name: &str| program.relation(name);
    let (treaty, pact, member, cow) = (rel("treaty"), rel("pact"), rel("member"), rel("cow"));
    let codes: BTreeMap<Sym, i64> = program
        .facts
        .iter()
        .filter(|f| Some(f.rel) == cow)
        .filter_map(|f| match f.args[..] {
            [Const::Sym(s), Const::Num(n, _)] if n.fract().is_zero() => {
                Some((s, i64::try_from(n.mantissa() / 10i128.pow(n.scale())).ok()?))
            }
            _ => None,
        })
        .collect();
    let column = |o: &Const| match o {
        Const::Sym(s) => COLUMNS.iter().position(|c| *c == s.as_str()),
        _ => None,
    };
    let mut uncoded: BTreeSet<String> = BTreeSet::new();
    // (ccode1, ccode2, year) -> flags.
    let mut rows: BTreeMap<(i64, i64, i32), [bool; 5]> = BTreeMap::new();
    let mut mark = |a: Sym, b: Sym, year: i32, k: usize, uncoded: &mut BTreeSet<String>| match (
        codes.get(&a),
        codes.get(&b),
    ) {
        (Some(x), Some(y)) => rows.entry((*x, *y, year)).or_default()[k] = true,
        (x, _) => {
            let missing = if x.is_none() { a } else { b };
            uncoded.insert(missing.to_string());
        }
    };
    for year in from..=to {
        let facts = program.facts_as_of(Some(year));
        let mut pacts: Vec<(Sym, usize)> = Vec::new();
        let mut members: BTreeMap<Sym, Vec<Sym>> = BTreeMap::new();
        for f in facts.iter() {
            match (&f.args[..], Some(f.rel)) {
                ([Const::Sym(a), Const::Sym(b), Const::Sym(dir), o], r) if r == treaty => {
                    if let Some(k) = column(o) {
                        mark(*a, *b, year, k, &mut uncoded);
                        if dir.as_str() == "mutual" {
                            mark(*b, *a, year, k, &mut uncoded);
                        }
                    }
                }
                ([Const::Sym(p), o], r) if r == pact => {
                    if let Some(k) = column(o) {
                        pacts.push((*p, k));
                    }
                }
                ([Const::Sym(m), Const::Sym(p)], r) if r == member => {
                    members.entry(*p).or_default().push(*m)
                }
                _ => {}
            }
        }
        for (p, k) in pacts {
            let list = members.get(&p).map(Vec::as_slice).unwrap_or_default();
            for a in list {
                for b in list.iter().filter(|b| *b != a) {
                    mark(*a, *b, year, k, &mut uncoded);
                }
            }
        }
    }
    let mut csv = String::from(
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n",
    );
    for ((a, b, year), flags) in &rows {
        let flags: Vec<&str> = flags.iter().map(|f| if *f { "1" } else { "0" }).collect();
        csv.push_str(&format!("{a},{b},{year},{}\n", flags.join(",")));
    }
    Ok(DyadYears {
        csv,
        rows: rows.len(),
        from,
        to,
        uncoded: uncoded.into_iter().collect(),
    })
}
