//! Reading the data's CSV files: plain comma-separated numbers and names, a header row naming
//! the columns (the files have no quoted fields; a quoted one is read without its quotes).

use std::collections::BTreeMap;

/// A state of the state system list: its years from the first year of its first period to the
/// last year of its last.
pub(super) struct State {
    pub abb: String,
    pub name: String,
    pub from: i32,
    pub until: Option<i32>,
}

/// One member row of one alliance (one phase of it).
pub(super) struct Row {
    pub atopid: u32,
    pub member: u32,
    pub period: super::Period,
    pub defense: bool,
    pub offense: bool,
    pub neutral: bool,
    pub nonagg: bool,
    pub consul: bool,
    pub defcoadv: bool,
    pub defcoloc: bool,
    pub defconpr: bool,
    /// `statthr1`, `statthr2`: the adversaries named (0 when none).
    pub threats: [u32; 2],
}

/// The rows of a CSV text, each a map from column name to field.
struct Table<'a> {
    header: Vec<&'a str>,
    rows: Vec<(usize, Vec<&'a str>)>,
    file: &'static str,
}

impl<'a> Table<'a> {
    fn read(text: &'a str, file: &'static str) -> Result<Table<'a>, String> {
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let (_, header) = lines.next().ok_or_else(|| format!("{file} is empty"))?;
        let split = |l: &'a str| -> Vec<&'a str> {
            l.trim_end_matches('\r')
                .split(',')
                .map(|f| f.trim().trim_matches('"'))
                .collect()
        };
        Ok(Table {
            header: split(header),
            rows: lines.map(|(i, l)| (i + 1, split(l))).collect(),
            file,
        })
    }

    fn column(&self, name: &str) -> Result<usize, String> {
        self.header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| format!("{} has no column `{name}`", self.file))
    }

    /// A whole number (blank reads as 0, as the data leaves unknown flags blank).
    fn number(&self, line: usize, row: &[&str], col: usize) -> Result<i64, String> {
        let field = row.get(col).copied().unwrap_or("");
        if field.is_empty() {
            return Ok(0);
        }
        field.parse().map_err(|_| {
            format!(
                "{} line {line}: `{field}` in column `{}` is not a whole number",
                self.file, self.header[col]
            )
        })
    }
}

fn code(n: i64, what: &str) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| format!("{what} {n} is not a code"))
}

fn year(n: i64, what: &str) -> Result<i32, String> {
    i32::try_from(n).map_err(|_| format!("{what} {n} is not a year"))
}

/// The state list, by COW code.
pub(super) fn states(text: &str) -> Result<BTreeMap<u32, State>, String> {
    let t = Table::read(text, "cow_states2016.csv")?;
    let (abb, ccode, name, start, end) = (
        t.column("stateabb")?,
        t.column("ccode")?,
        t.column("statenme")?,
        t.column("styear")?,
        t.column("endyear")?,
    );
    let mut out: BTreeMap<u32, State> = BTreeMap::new();
    for (line, row) in &t.rows {
        let c = code(t.number(*line, row, ccode)?, "state code")?;
        let from = year(t.number(*line, row, start)?, "year")?;
        let until = year(t.number(*line, row, end)?, "year")?;
        let state = out.entry(c).or_insert_with(|| State {
            abb: row.get(abb).copied().unwrap_or_default().to_string(),
            name: row.get(name).copied().unwrap_or_default().to_string(),
            from,
            until: Some(until),
        });
        state.from = state.from.min(from);
        state.until = state.until.max(Some(until));
    }
    Ok(out)
}

/// Whether each alliance is wholly secret (`pubsecr` = 2), by ATOP id.
pub(super) fn secrecy(text: &str) -> Result<BTreeMap<u32, bool>, String> {
    let t = Table::read(text, "atop4_01a.csv")?;
    let (id, secr) = (t.column("atopid")?, t.column("pubsecr")?);
    let mut out = BTreeMap::new();
    for (line, row) in &t.rows {
        let a = code(t.number(*line, row, id)?, "alliance id")?;
        out.insert(a, t.number(*line, row, secr)? == 2);
    }
    Ok(out)
}

/// Every member row.
pub(super) fn members(text: &str) -> Result<Vec<Row>, String> {
    let t = Table::read(text, "atop4_01m.csv")?;
    let col = |name| t.column(name);
    let cols = [
        col("atopid")?,
        col("member")?,
        col("yrent")?,
        col("yrexit")?,
        col("defense")?,
        col("offense")?,
        col("neutral")?,
        col("nonagg")?,
        col("consul")?,
        col("defcoadv")?,
        col("defcoloc")?,
        col("defconpr")?,
        col("statthr1")?,
        col("statthr2")?,
    ];
    let mut out = Vec::new();
    for (line, row) in &t.rows {
        let mut n = [0i64; 14];
        for (v, c) in n.iter_mut().zip(cols) {
            *v = t.number(*line, row, c)?;
        }
        let from = year(n[2], "year")?;
        let exit = year(n[3], "year")?;
        // An exit of 0: still in force when the data ends.
        let until = (exit != 0).then_some(exit);
        if until.is_some_and(|u| u < from) {
            return Err(format!(
                "atop4_01m.csv line {line}: the member leaves in {exit}, before it enters in {from}"
            ));
        }
        out.push(Row {
            atopid: code(n[0], "alliance id")?,
            member: code(n[1], "state code")?,
            period: super::Period { from, until },
            defense: n[4] == 1,
            offense: n[5] == 1,
            neutral: n[6] == 1,
            nonagg: n[7] == 1,
            consul: n[8] == 1,
            defcoadv: n[9] == 1,
            defcoloc: n[10] == 1,
            defconpr: n[11] == 1,
            threats: [code(n[12], "state code")?, code(n[13], "state code")?],
        });
    }
    Ok(out)
}
