//! Real data in and out (section 12 of the brief): a script from the ATOP alliance data and the
//! Correlates of War state list, and directed dyad-years from any script whose states carry
//! `cow` codes. The core reads the data as text; where it comes from (embedded in the binary,
//! a file) is the front end's business.
//!
//! The mapping is the brief's, member row by member row: member A has a duty of type K to every
//! other member B in each year both are members, when A's row has K = 1. An alliance whose rows
//! all agree (the same obligations and conditions) and that has three members or more is
//! written as a pact per obligation type; every other duty becomes a treaty. Treaties of the
//! same kind between the same states from different alliances would overlap, which the language
//! rejects (a treaty is known by its parties), so the duties of one directed pair and kind are
//! merged over all alliances into periods of constant conditions, each citing every alliance
//! that gives it.

mod export;
mod read;

pub use export::{dyad_years, DyadYears};

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use read::{Row, State};

/// The three files of the data, as text.
pub struct Data<'a> {
    /// `atop4_01a.csv`: one row per alliance.
    pub alliances: &'a str,
    /// `atop4_01m.csv`: one row per member (and phase) of each alliance.
    pub members: &'a str,
    /// `cow_states2016.csv`: the state system list.
    pub states: &'a str,
}

/// What to import: every filter given must hold for an alliance to be written.
#[derive(Default, Clone, Debug)]
pub struct Options {
    /// Only alliances in force in this year; the script is read `as of` it.
    pub as_of: Option<i32>,
    /// Only these ATOP ids.
    pub alliances: Vec<u32>,
    /// Only alliances with one of these states (COW abbreviations) as a member.
    pub states: Vec<String>,
}

/// The last year of the state list: a state still in the system then has no `until`.
const LIST_END: i32 = 2016;

/// The obligation types in the order the data lists them, with the language's words.
const KINDS: [(&str, &str); 5] = [
    ("defense", "defence"),
    ("offense", "offence"),
    ("neutral", "neutrality"),
    ("nonagg", "nonaggression"),
    ("consul", "consultation"),
];

/// A period of years, both ends inclusive; `until` None is still in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Period {
    from: i32,
    until: Option<i32>,
}

impl Period {
    fn end(self) -> i64 {
        self.until.map_or(i64::MAX, i64::from)
    }

    fn meet(self, other: Period) -> Option<Period> {
        let from = self.from.max(other.from);
        let until = match (self.until, other.until) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        (until.is_none_or(|u| from <= u)).then_some(Period { from, until })
    }

    fn holds(self, year: i32) -> bool {
        self.from <= year && self.until.is_none_or(|u| year <= u)
    }

    fn clauses(self) -> String {
        match self.until {
            Some(u) => format!("from {} until {u}", self.from),
            None => format!("from {}", self.from),
        }
    }
}

/// Merges periods that overlap or touch (1949-1951 and 1952-: one period).
fn union(mut periods: Vec<Period>) -> Vec<Period> {
    periods.sort();
    let mut out: Vec<Period> = Vec::new();
    for p in periods {
        match out.last_mut() {
            Some(last) if i64::from(p.from) <= last.end().saturating_add(1) => {
                if p.end() > last.end() {
                    last.until = p.until;
                }
            }
            _ => out.push(p),
        }
    }
    out
}

/// The conditions of one duty as the data codes them.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Conditions {
    /// `against`: the adversaries the data names (COW codes, sorted).
    against: Option<Vec<u32>>,
    unless_provoked: bool,
    secret: bool,
    /// Limits the data flags without spelling them out: "adversary", "location".
    limited: BTreeSet<&'static str>,
}

impl Conditions {
    fn of(row: &Row, kind: &str, secret: bool) -> Conditions {
        let mut c = Conditions {
            secret,
            ..Conditions::default()
        };
        if kind != "defense" {
            return c;
        }
        if row.defcoadv {
            let named: Vec<u32> = row.threats.iter().copied().filter(|&t| t != 0).collect();
            if named.is_empty() {
                c.limited.insert("adversary");
            } else {
                c.against = Some(named);
            }
        }
        if row.defcoloc {
            c.limited.insert("location");
        }
        c.unless_provoked = row.defconpr;
        c
    }

    fn is_plain(&self) -> bool {
        self.against.is_none() && !self.unless_provoked && self.limited.is_empty()
    }

    /// The conditions of several duties of one pair in force together: the pair has a duty
    /// when any of them applies, so a plain duty makes the whole plain, adversaries add up, and
    /// only a condition every duty has remains.
    fn either(all: &[&Conditions]) -> Conditions {
        let secret = all.iter().all(|c| c.secret);
        if all.iter().any(|c| c.is_plain()) {
            return Conditions {
                secret,
                ..Conditions::default()
            };
        }
        let against = all.iter().try_fold(Vec::new(), |mut acc, c| {
            acc.extend(c.against.as_ref()?);
            Some(acc)
        });
        let against = against.map(|mut a| {
            a.sort_unstable();
            a.dedup();
            a
        });
        Conditions {
            against,
            unless_provoked: all.iter().all(|c| c.unless_provoked),
            secret,
            limited: all.iter().flat_map(|c| c.limited.iter().copied()).collect(),
        }
    }
}

/// A directed duty of one kind: the duty holder's and the protected state's COW codes, and
/// the index of the kind in [`KINDS`].
type Duty = (u32, u32, usize);

/// Each alliance's periods of one directed duty, with their conditions and the alliance.
type Pool = BTreeMap<Duty, Vec<(Period, Conditions, u32)>>;

/// One declaration to write, with what sorts it.
struct Decl {
    key: (u32, u32, u32, usize, i32),
    text: String,
}

/// The states the script names, by COW code.
struct Names<'a> {
    states: &'a BTreeMap<u32, State>,
    used: BTreeSet<u32>,
}

impl Names<'_> {
    fn name(&mut self, code: u32) -> String {
        self.used.insert(code);
        match self.states.get(&code) {
            Some(s) => s.abb.clone(),
            None => format!("C{code}"),
        }
    }
}

/// The script for the alliances `options` selects, formatted, the same on every run.
pub fn import(data: &Data, options: &Options) -> Result<String, String> {
    let states = read::states(data.states)?;
    let secret = read::secrecy(data.alliances)?;
    let rows = read::members(data.members)?;
    let mut by_alliance: BTreeMap<u32, Vec<Row>> = BTreeMap::new();
    for row in rows {
        by_alliance.entry(row.atopid).or_default().push(row);
    }
    for id in &options.alliances {
        if !by_alliance.contains_key(id) {
            return Err(format!("ATOP has no alliance {id}"));
        }
    }
    let mut wanted_states = BTreeSet::new();
    for abb in &options.states {
        let code = states
            .iter()
            .find(|(_, s)| s.abb.eq_ignore_ascii_case(abb))
            .map(|(c, _)| *c)
            .ok_or_else(|| format!("the state list has no state `{abb}` (use a COW abbreviation such as USA, UKG, GMY)"))?;
        wanted_states.insert(code);
    }
    let selected: Vec<(u32, &Vec<Row>)> = by_alliance
        .iter()
        .filter(|(id, _)| options.alliances.is_empty() || options.alliances.contains(id))
        .filter(|(_, rows)| {
            wanted_states.is_empty() || rows.iter().any(|r| wanted_states.contains(&r.member))
        })
        .filter(|(_, rows)| {
            options
                .as_of
                .is_none_or(|y| rows.iter().any(|r| r.period.holds(y)))
        })
        .map(|(id, rows)| (*id, rows))
        .collect();
    if selected.is_empty() {
        return Err("no alliance in the data matches these options".to_string());
    }

    let mut names = Names {
        states: &states,
        used: BTreeSet::new(),
    };
    let mut decls = Vec::new();
    let mut pool = Pool::new();
    for (id, rows) in &selected {
        let secret = secret.get(id).copied().unwrap_or(false);
        if let Some(pacts) = as_pacts(*id, rows, secret, &mut names) {
            decls.extend(pacts);
            continue;
        }
        for a in rows.iter() {
            for b in rows.iter().filter(|b| b.member != a.member) {
                let Some(both) = a.period.meet(b.period) else {
                    continue;
                };
                for (k, (flag, _)) in KINDS.iter().enumerate() {
                    if a.has(flag) {
                        let c = Conditions::of(a, flag, secret);
                        pool.entry((a.member, b.member, k))
                            .or_default()
                            .push((both, c, *id));
                    }
                }
            }
        }
    }
    decls.extend(treaties(&pool, &mut names));
    decls.sort_by_key(|d| d.key);

    let mut out = String::new();
    // The first line titles the script (and its picture).
    let _ = writeln!(out, "# {}", title(options, selected.len()));
    let _ = writeln!(
        out,
        "#\n# Imported from ATOP 4.01 (Leeds, Ritter, Mitchell and Long 2002, \"Alliance Treaty\n\
         # Obligations and Provisions, 1815-1944\", International Interactions 28: 237-260) and the\n\
         # Correlates of War state system list (v2016), by\n\
         #   alliance import atop{}\n\
         # Each commitment cites its ATOP alliance id (`atop`); `limited` marks a condition the data\n\
         # flags without naming it (an adversary, a location). The data ends in {LIST_END}.",
        command_options(options)
    );
    out.push('\n');
    for code in &names.used {
        let _ = writeln!(out, "{}", state_line(*code, states.get(code)));
    }
    // A blank line before each alliance's first declaration.
    let mut last = None;
    for d in &decls {
        if last != Some(d.key.0) {
            out.push('\n');
            last = Some(d.key.0);
        }
        out.push_str(&d.text);
        out.push('\n');
    }
    if let Some(y) = options.as_of {
        let _ = writeln!(out, "\nas of {y}");
    }
    crate::fmt::format_source(&out).map_err(|diags| {
        let first = diags.first().map(|d| d.message.clone()).unwrap_or_default();
        format!("the imported script does not parse: {first}")
    })
}

/// The options as written on the command line that gives this script.
fn command_options(options: &Options) -> String {
    let mut out = String::new();
    if let Some(y) = options.as_of {
        let _ = write!(out, " --as-of {y}");
    }
    for id in &options.alliances {
        let _ = write!(out, " --alliance {id}");
    }
    for abb in &options.states {
        let _ = write!(out, " --state {abb}");
    }
    out
}

/// "Alliances in force in 1914, from ATOP", "ATOP alliance 3180", ...
fn title(options: &Options, count: usize) -> String {
    let what = match options.alliances.as_slice() {
        [one] if options.states.is_empty() => format!("ATOP alliance {one}"),
        _ if !options.states.is_empty() => format!(
            "The alliances of {} in ATOP ({count})",
            crate::words::and_list(&options.states, usize::MAX)
        ),
        _ => format!("ATOP alliances ({count})"),
    };
    match options.as_of {
        Some(y) => format!("{what}, in force in {y}"),
        None => what,
    }
}

fn state_line(code: u32, state: Option<&State>) -> String {
    match state {
        Some(s) => {
            let until = match s.until {
                Some(u) if u < LIST_END => format!(" until {u}"),
                _ => String::new(),
            };
            format!(
                "state {} \"{}\" from {}{until} {{ cow: {code} }}",
                s.abb,
                s.name.replace('"', "'"),
                s.from
            )
        }
        None => format!("state C{code} {{ cow: {code} }}"),
    }
}

/// An alliance as pacts, one per obligation type, when every row agrees and it has three
/// members or more.
fn as_pacts(id: u32, rows: &[Row], secret: bool, names: &mut Names) -> Option<Vec<Decl>> {
    let first = rows.first()?;
    let members: BTreeSet<u32> = rows.iter().map(|r| r.member).collect();
    let kinds: Vec<usize> = (0..KINDS.len())
        .filter(|k| first.has(KINDS[*k].0))
        .collect();
    let same = rows.iter().all(|r| {
        KINDS.iter().all(|(f, _)| r.has(f) == first.has(f))
            && Conditions::of(r, "defense", secret) == Conditions::of(first, "defense", secret)
    });
    if !same || members.len() < 3 || kinds.is_empty() {
        return None;
    }
    // Each member's years: its rows (one per phase) merged.
    let mut periods: BTreeMap<u32, Vec<Period>> = BTreeMap::new();
    for r in rows {
        periods.entry(r.member).or_default().push(r.period);
    }
    let whole = union(rows.iter().map(|r| r.period).collect());
    let pact_years = Period {
        from: whole.first()?.from,
        until: whole.last()?.until,
    };
    let mut list = Vec::new();
    for (m, ps) in periods {
        let name = names.name(m);
        for p in union(ps) {
            list.push(if p == pact_years {
                name.clone()
            } else {
                format!("{name} {}", p.clauses())
            });
        }
    }
    let mut out = Vec::new();
    for (i, k) in kinds.iter().enumerate() {
        let word = KINDS[*k].1;
        let name = if i == 0 {
            format!("ATOP{id}")
        } else {
            format!("ATOP{id}_{word}")
        };
        let c = Conditions::of(first, KINDS[*k].0, secret);
        let text = format!(
            "pact {name} {word}{} {} {{ {} }} {}",
            conditions_text(&c, names),
            pact_years.clauses(),
            list.join(", "),
            metadata(&[id], &c)
        );
        out.push(Decl {
            key: (id, 0, 0, *k, pact_years.from),
            text,
        });
    }
    Some(out)
}

/// The pool of directed duties as treaties: per pair and kind, the periods where some alliance
/// gives the duty, each with the conditions of the alliances then in force; a pair whose duties
/// are the same both ways is one mutual treaty.
fn treaties(pool: &Pool, names: &mut Names) -> Vec<Decl> {
    type Periods = Vec<(Period, Conditions, BTreeSet<u32>)>;
    let mut merged: BTreeMap<Duty, Periods> = BTreeMap::new();
    for (key, duties) in pool {
        merged.insert(*key, periods_of(duties));
    }
    let mut out = Vec::new();
    for ((a, b, k), periods) in &merged {
        let reverse = merged.get(&(*b, *a, *k));
        let mutual = reverse == Some(periods);
        if mutual && a > b {
            continue;
        }
        let (an, bn) = (names.name(*a), names.name(*b));
        let direction = if mutual { "mutual" } else { "one_way" };
        for (p, c, ids) in periods {
            let ids: Vec<u32> = ids.iter().copied().collect();
            let text = format!(
                "treaty {an} {bn} {direction} {}{} {} {}",
                KINDS[*k].1,
                conditions_text(c, names),
                p.clauses(),
                metadata(&ids, c)
            );
            out.push(Decl {
                key: (ids[0], *a, *b, *k, p.from),
                text,
            });
        }
    }
    out
}

/// One directed duty's periods over every alliance that gives it: split where the set of
/// alliances in force changes, their conditions combined, then neighbours with the same
/// conditions joined again.
fn periods_of(duties: &[(Period, Conditions, u32)]) -> Vec<(Period, Conditions, BTreeSet<u32>)> {
    let mut cuts: BTreeSet<i64> = BTreeSet::new();
    for (p, _, _) in duties {
        cuts.insert(i64::from(p.from));
        if let Some(u) = p.until {
            cuts.insert(i64::from(u) + 1);
        }
    }
    let cuts: Vec<i64> = cuts.into_iter().collect();
    let mut out: Vec<(Period, Conditions, BTreeSet<u32>)> = Vec::new();
    for (i, start) in cuts.iter().enumerate() {
        let Ok(from) = i32::try_from(*start) else {
            continue;
        };
        let until = cuts.get(i + 1).and_then(|n| i32::try_from(n - 1).ok());
        let here: Vec<&(Period, Conditions, u32)> =
            duties.iter().filter(|(p, _, _)| p.holds(from)).collect();
        if here.is_empty() {
            continue;
        }
        let conditions = Conditions::either(&here.iter().map(|(_, c, _)| c).collect::<Vec<_>>());
        let ids: BTreeSet<u32> = here.iter().map(|(_, _, id)| *id).collect();
        let period = Period { from, until };
        match out.last_mut() {
            Some((last, c, last_ids))
                if *c == conditions && last.until.map(|u| u + 1) == Some(from) =>
            {
                last.until = until;
                last_ids.extend(ids);
            }
            _ => out.push((period, conditions, ids)),
        }
    }
    out
}

fn conditions_text(c: &Conditions, names: &mut Names) -> String {
    let mut out = String::new();
    if let Some(against) = &c.against {
        let list: Vec<String> = against.iter().map(|t| names.name(*t)).collect();
        let _ = write!(out, " against {}", list.join(", "));
    }
    if c.unless_provoked {
        out.push_str(" unless provoked");
    }
    if c.secret {
        out.push_str(" secret");
    }
    out
}

/// `{ atop: 3180 }`, `{ atop: "1020 1227", limited: "location" }`.
fn metadata(ids: &[u32], c: &Conditions) -> String {
    let atop = match ids {
        [one] => one.to_string(),
        many => format!(
            "\"{}\"",
            many.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        ),
    };
    let mut out = format!("{{ atop: {atop}");
    if !c.limited.is_empty() {
        let limited: Vec<&str> = c.limited.iter().copied().collect();
        let _ = write!(out, ", limited: \"{}\"", limited.join(", "));
    }
    out.push_str(" }");
    out
}

impl Row {
    fn has(&self, flag: &str) -> bool {
        match flag {
            "defense" => self.defense,
            "offense" => self.offense,
            "neutral" => self.neutral,
            "nonagg" => self.nonagg,
            "consul" => self.consul,
            _ => false,
        }
    }
}
