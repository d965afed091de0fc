//! A generator of small dated worlds (states, treaties, one pact and threats, each with years
//! and conditions), written with their dates or as they stood in one year without any: shared
//! by tests/dates.rs and tests/timeline.rs.

/// The years a generated declaration holds (both ends inclusive).
#[derive(Clone, Copy, Debug, Default)]
pub struct Span {
    from: Option<i32>,
    until: Option<i32>,
}

impl Span {
    fn holds(self, year: i32) -> bool {
        self.from.is_none_or(|f| f <= year) && self.until.is_none_or(|u| year <= u)
    }

    fn text(self) -> String {
        let mut out = String::new();
        if let Some(f) = self.from {
            out.push_str(&format!(" from {f}"));
        }
        if let Some(u) = self.until {
            out.push_str(&format!(" until {u}"));
        }
        out
    }
}

/// A generated world: every declaration with its years, so that it can be written with its
/// dates, or without them as it stood in one year.
#[derive(Clone, Debug)]
pub struct World {
    /// State, its years, its GDP in billions, nuclear, region.
    states: Vec<(Span, u32, bool, &'static str)>,
    /// a, b, mutual, obligation, conditions (written after the obligation), years.
    treaties: Vec<(usize, usize, bool, &'static str, String, Span)>,
    /// The pact's years and conditions, and each member with its years.
    pact: (Span, String, Vec<(usize, Span)>),
    /// Threat source, target, provoked, years.
    threats: Vec<(usize, usize, bool, Span)>,
}

pub fn years(pick: u8) -> Span {
    let y = |k: u8| 1950 + (k % 8) as i32;
    match pick % 6 {
        0 => Span {
            from: Some(y(pick / 6)),
            until: None,
        },
        1 => Span {
            from: None,
            until: Some(y(pick / 6)),
        },
        2 => {
            let (a, b) = (y(pick / 6), y(pick / 3));
            Span {
                from: Some(a.min(b)),
                until: Some(a.max(b)),
            }
        }
        _ => Span::default(),
    }
}

pub fn generate(n: usize, picks: &[u8], dated: bool) -> World {
    let pick = |i: usize| picks.get(i % picks.len().max(1)).copied().unwrap_or(0);
    let span = |i: usize| {
        if dated {
            years(pick(i))
        } else {
            Span::default()
        }
    };
    // S0 and S1 stay undated: `against` names only them, so a condition never names a state
    // that the reading in one year would have to leave out.
    let states = (0..n)
        .map(|s| {
            let when = if s < 2 { Span::default() } else { span(s + 17) };
            let region = ["Asia", "Europe", ""][pick(s + 3) as usize % 3];
            (when, 1 + pick(s + 1) as u32 * 37, pick(s) % 7 == 0, region)
        })
        .collect();
    let mut treaties = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for k in 0..n {
        let (a, b) = (pick(3 * k) as usize % n, pick(3 * k + 1) as usize % n);
        if a == b || !seen.insert((a.min(b), a.max(b))) {
            continue;
        }
        let c = pick(3 * k + 2);
        let obligation = if c % 5 == 0 {
            "consultation"
        } else {
            "defence"
        };
        let conditions = match (c / 5) % 6 {
            0 if dated => format!(" against S{}", c % 2),
            1 if dated => " in Asia".to_string(),
            2 if dated => " unless provoked".to_string(),
            3 if dated => " secret".to_string(),
            _ => String::new(),
        };
        treaties.push((a, b, c % 2 == 0, obligation, conditions, span(k + 29)));
    }
    // A member dated outside its pact's years is an error: either the pact or its members
    // carry years.
    let pact_span = span(43);
    let members = (0..n)
        .filter(|s| pick(s + 5) % 3 == 0)
        .map(|s| {
            let own = if pact_span.from.is_none() && pact_span.until.is_none() {
                span(s + 41)
            } else {
                Span::default()
            };
            (s, own)
        })
        .collect();
    let pact_conditions = match pick(7) % 4 {
        0 if dated => " against S0, S1".to_string(),
        1 if dated => " unless provoked".to_string(),
        _ => String::new(),
    };
    let pact = (pact_span, pact_conditions, members);
    let mut threats = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for k in 0..n {
        let (t, x) = (pick(k + 11) as usize % n, pick(k + 13) as usize % n);
        if t != x && seen.insert((t, x)) {
            threats.push((t, x, dated && pick(k + 19) % 4 == 0, span(k + 53)));
        }
    }
    World {
        states,
        treaties,
        pact,
        threats,
    }
}

/// The world as a script: with its dates (`year: None`), or as it stood in `year`, with only
/// what was in force then and no dates at all.
pub fn script(w: &World, year: Option<i32>) -> String {
    let in_force = |s: Span| year.is_none_or(|y| s.holds(y));
    let alive = |s: usize| in_force(w.states[s].0);
    let when = |s: Span| {
        if year.is_none() {
            s.text()
        } else {
            String::new()
        }
    };
    let mut out = Vec::new();
    for (s, (span, gdp, nuclear, region)) in w.states.iter().enumerate() {
        if !in_force(*span) {
            continue;
        }
        let mut attrs = vec![format!("gdp: {gdp}B")];
        if *nuclear {
            attrs.push("nuclear: yes".into());
        }
        if !region.is_empty() {
            attrs.push(format!("region: {region}"));
        }
        out.push(format!(
            "state S{s}{} {{ {} }}",
            when(*span),
            attrs.join(", ")
        ));
    }
    for (a, b, mutual, obligation, conditions, span) in &w.treaties {
        if in_force(*span) && alive(*a) && alive(*b) {
            let dir = if *mutual { "mutual" } else { "one_way" };
            out.push(format!(
                "treaty S{a} S{b} {dir} {obligation}{conditions}{}",
                when(*span)
            ));
        }
    }
    let (pact_span, conditions, members) = &w.pact;
    let members: Vec<String> = members
        .iter()
        .filter(|(m, span)| in_force(*span) && alive(*m))
        .map(|(m, span)| format!("S{m}{}", when(*span)))
        .collect();
    if in_force(*pact_span) && members.len() >= 2 {
        out.push(format!(
            "pact P defence{conditions}{} {{ {} }}",
            when(*pact_span),
            members.join(", ")
        ));
    }
    for (t, x, provoked, span) in &w.threats {
        if in_force(*span) && alive(*t) && alive(*x) {
            let provoked = if *provoked { " provoked" } else { "" };
            out.push(format!("threat S{t} against S{x}{provoked}{}", when(*span)));
        }
    }
    out.join("\n")
}

/// The number of proptest cases: `PROPTEST_CASES` if set, else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
