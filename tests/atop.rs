//! The ATOP import against an independent reading of the data: the CSVs are read again here,
//! year by year (every member row in force, every other member in force, the row's flag), and
//! the duties found must be exactly the imported script's `defends` in those years, and its
//! dyad-year export.

use std::collections::{BTreeMap, BTreeSet};

use alliance::atop::{dyad_years, import, Data, Options};
use alliance::check::check_source;
use alliance::eval::{evaluate, Options as EvalOptions};
use alliance::program::Const;

const DATA: Data<'static> = Data {
    alliances: include_str!("../data/atop/atop4_01a.csv"),
    members: include_str!("../data/atop/atop4_01m.csv"),
    states: include_str!("../data/atop/cow_states2016.csv"),
};

/// A CSV as rows of column name to field.
fn rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(l.split(',').map(str::to_string))
                .collect()
        })
        .collect()
}

fn num(row: &BTreeMap<String, String>, col: &str) -> i64 {
    row[col].parse().unwrap_or(0)
}

/// Each COW code's abbreviation and first and last years in the system.
fn states() -> BTreeMap<i64, (String, i64, i64)> {
    let mut out: BTreeMap<i64, (String, i64, i64)> = BTreeMap::new();
    for r in rows(DATA.states) {
        let e = out
            .entry(num(&r, "ccode"))
            .or_insert((r["stateabb"].clone(), i64::MAX, i64::MIN));
        e.1 = e.1.min(num(&r, "styear"));
        e.2 = e.2.max(num(&r, "endyear"));
    }
    out
}

/// The directed duties of each type in `year`, by COW codes: (a, b, flag column).
fn duties_in(year: i64) -> BTreeSet<(i64, i64, &'static str)> {
    let states = states();
    let exists = |c: i64| {
        states
            .get(&c)
            .is_none_or(|(_, from, until)| *from <= year && (year <= *until || *until == 2016))
    };
    let members = rows(DATA.members);
    let in_force = |r: &BTreeMap<String, String>| {
        let exit = num(r, "yrexit");
        num(r, "yrent") <= year && (exit == 0 || year <= exit) && exists(num(r, "member"))
    };
    let mut out = BTreeSet::new();
    for a in members.iter().filter(|r| in_force(r)) {
        for b in members.iter().filter(|r| in_force(r)) {
            if a["atopid"] != b["atopid"] || a["member"] == b["member"] {
                continue;
            }
            for flag in ["defense", "offense", "neutral", "nonagg", "consul"] {
                if num(a, flag) == 1 {
                    out.insert((num(a, "member"), num(b, "member"), flag));
                }
            }
        }
    }
    out
}

const YEARS: [i64; 3] = [1914, 1962, 2016];

#[test]
fn the_whole_record_imports_checks_and_gives_the_datas_duties() {
    let script = import(&DATA, &Options::default()).expect("imports");
    let checked = check_source("atop.alliance", &script);
    assert!(
        checked.diags.is_empty(),
        "the import checks without a diagnostic: {:?}",
        checked.diags.first()
    );
    let codes: BTreeMap<String, i64> = states()
        .into_iter()
        .map(|(c, (abb, ..))| (abb, c))
        .collect();
    let code = |c: &Const| match c {
        Const::Sym(s) => codes
            .get(s.as_str())
            .copied()
            .or_else(|| s.as_str().strip_prefix('C').and_then(|n| n.parse().ok()))
            .expect("a COW state"),
        other => panic!("not a state: {other:?}"),
    };
    let defends = checked.program.relation("defends").unwrap();
    for year in YEARS {
        let facts = checked.program.facts_as_of(Some(year as i32));
        let model = evaluate(&checked.program, &facts, &EvalOptions::default()).unwrap();
        let got: BTreeSet<(i64, i64)> = model
            .tuples(defends)
            .iter()
            .map(|t| (code(&t[0]), code(&t[1])))
            .collect();
        let want: BTreeSet<(i64, i64)> = duties_in(year)
            .into_iter()
            .filter(|(_, _, f)| *f == "defense")
            .map(|(a, b, _)| (a, b))
            .collect();
        assert!(want.len() > 20, "{year}: the data has duties");
        assert_eq!(
            got.difference(&want).collect::<Vec<_>>(),
            Vec::<&(i64, i64)>::new(),
            "{year}: duties the import gives that the data does not"
        );
        assert_eq!(
            want.difference(&got).collect::<Vec<_>>(),
            Vec::<&(i64, i64)>::new(),
            "{year}: duties in the data the import lacks"
        );
    }
    // The dyad-years of the imported script are the data's, for every obligation type.
    for year in YEARS {
        let y = year as i32;
        let export = dyad_years(&checked.program, Some(y), Some(y)).unwrap();
        let mut got = BTreeSet::new();
        for line in export.csv.lines().skip(1) {
            let f: Vec<i64> = line.split(',').map(|x| x.parse().unwrap()).collect();
            for (i, flag) in ["defense", "offense", "neutral", "nonagg", "consul"]
                .iter()
                .enumerate()
            {
                if f[3 + i] == 1 {
                    got.insert((f[0], f[1], *flag));
                }
            }
        }
        assert_eq!(got, duties_in(year), "{year}: dyad-years");
    }
}

#[test]
fn the_import_is_the_same_on_every_run_and_formatted() {
    let options = Options {
        alliances: vec![3180, 3375, 1350, 3285],
        ..Options::default()
    };
    let first = import(&DATA, &options).unwrap();
    assert_eq!(first, import(&DATA, &options).unwrap());
    assert_eq!(alliance::fmt::format_source(&first).unwrap(), first);
}

#[test]
fn filters_and_mistakes() {
    let by_state = Options {
        states: vec!["JPN".into()],
        as_of: Some(1962),
        ..Options::default()
    };
    let script = import(&DATA, &by_state).unwrap();
    assert!(script.contains("treaty USA JPN one_way defence from 1960 { atop: 3375 }"));
    assert!(script.trim_end().ends_with("as of 1962"));
    let none = Options {
        alliances: vec![1],
        ..Options::default()
    };
    assert_eq!(import(&DATA, &none).unwrap_err(), "ATOP has no alliance 1");
    let bad = Options {
        states: vec!["XYZ".into()],
        ..Options::default()
    };
    assert!(import(&DATA, &bad).unwrap_err().contains("no state `XYZ`"));
}
