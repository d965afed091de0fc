//! The script generator: an invented world written region by region, as a person would
//! write it. This file holds the vocabulary, the generator's state and one round (a region);
//! `declarations` writes the statements of the world, `questions` the rules, questions and
//! scenarios about it.

mod declarations;
mod questions;

use std::collections::HashSet;
use std::fmt::Write;

use crate::rng::Rng;

const CONSONANTS: &[&str] = &[
    "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st",
    "th", "sh",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "a", "o", "ai", "ei"];
const ENDINGS: &[&str] = &["ia", "land", "stan", "ora", "any", "is", "or", "", "", ""];
const PREFIXES: &[&str] = &["North", "South", "East", "West", "New", "Upper", "Lower"];
const KINDS: &[&str] = &[
    "intelligence",
    "exercises",
    "technology",
    "dialogue",
    "logistics",
];
const OBLIGATIONS: &[&str] = &["defence", "consultation", "neutrality", "nonaggression"];
const TREATY_WORDS: &[&str] = &[
    "Treaty of Mutual Cooperation",
    "Mutual Defense Treaty",
    "Treaty of Friendship",
    "Security Pact",
    "Accord on Common Defence",
    "Treaty of Non-Aggression",
];
const TITLES: &[&str] = &[
    "What if {} walks away?",
    "{} goes it alone",
    "A crisis over {}",
    "The day after {} falls",
    "{} changes sides",
];

/// One generated state, kept for the statements that refer to it.
#[derive(Clone)]
struct StateInfo {
    name: String,
    nuclear: bool,
}

/// A named collection (pact, group or bloc) of one round.
struct Collection {
    name: String,
    members: Vec<usize>,
    /// The kinds of a group (empty for pacts and blocs).
    kinds: Vec<&'static str>,
}

struct Script {
    rng: Rng,
    out: String,
    taken: HashSet<String>,
    /// Unordered pairs with a treaty, ordered pairs with a partnership, troops or a threat.
    treaties: HashSet<(String, String)>,
    partners: HashSet<(String, String)>,
    troops: HashSet<(String, String)>,
    threateners: HashSet<String>,
    hub: String,
}

/// A script of about `target_bytes` bytes (at least that many, and at most one round of
/// declarations, about 10 KB, more) that mixes every kind of statement, as a person writing
/// about the alliances of an invented world would: states with display names and attributes,
/// treaties with obligations and metadata, pacts, groups, blocs, partners, threats, troops,
/// facts, rules (negation, comparisons, arithmetic, aggregates), queries, expectations,
/// scenarios and comments. The script is valid: it parses without a diagnostic, every name is
/// declared, attribute types are consistent and every rule is safe and stratified.
///
/// It is written in rounds, one region of about 30 states at a time, each region's states tied
/// to one another and to one hub (the first state) by a few one-way treaties.
pub fn script(target_bytes: usize, seed: u64) -> String {
    let mut s = Script {
        rng: Rng::new(seed),
        out: String::with_capacity(target_bytes + 16 * 1024),
        taken: HashSet::new(),
        treaties: HashSet::new(),
        partners: HashSet::new(),
        troops: HashSet::new(),
        threateners: HashSet::new(),
        hub: String::new(),
    };
    w!(
        s.out,
        "# An invented world of alliances, generated with seed {seed}.\n"
    );
    s.out
        .push_str("# Figures: nominal GDP in US dollars; spending as a share of GDP.\n\n");
    s.out
        .push_str("set balance_threshold = 0.8  # a little more forgiving than the prelude\n\n");
    s.hub = s.fresh_name();
    let hub = s.hub.clone();
    w!(
        s.out,
        "# The hub: a nuclear power with allies in every region.\nstate {hub} \"The {} Union\" {{ gdp: 27.4T, nuclear: yes, region: Centre, spending: 3.4%, forces: 1_330_000 }}\n\n",
        hub
    );
    let mut round = 0;
    loop {
        s.round(round);
        round += 1;
        if s.out.len() >= target_bytes {
            break;
        }
    }
    s.out
}

impl Script {
    /// A name not used before: two to four syllables and an ending, `Kavoria`, `Drestan`.
    fn fresh_name(&mut self) -> String {
        for attempt in 0.. {
            let mut name = String::new();
            if self.rng.chance(0.08) {
                name.push_str(self.rng.pick(PREFIXES).copied().unwrap_or("New"));
            }
            let syllables = self.rng.range(2, 3) + attempt / 4;
            for _ in 0..syllables {
                name.push_str(self.rng.pick(CONSONANTS).copied().unwrap_or("k"));
                name.push_str(self.rng.pick(VOWELS).copied().unwrap_or("a"));
            }
            let ending = self.rng.pick(ENDINGS).copied().unwrap_or("");
            if ending.starts_with(['a', 'e', 'i', 'o', 'u']) {
                // `Kem` + `ia`, not `Kemi` + `ia`.
                while name.len() > 3 && name.ends_with(['a', 'e', 'i', 'o', 'u']) {
                    name.pop();
                }
            }
            name.push_str(ending);
            let name = capitalise_parts(&name);
            if self.taken.insert(name.clone()) {
                return name;
            }
        }
        String::new()
    }

    fn pick_str(&mut self, xs: &[&'static str]) -> &'static str {
        self.rng.pick(xs).copied().unwrap_or("")
    }

    fn round(&mut self, r: usize) {
        let region = self.fresh_name();
        let city = self.fresh_name();
        w!(self.out, "# ---- Region {r}: {region}, as of 2024 ----\n\n");

        // States: the regional ones first, then a few islands tied only to the hub.
        let n = self.rng.range(20, 28);
        let islands = 6;
        let mut states: Vec<StateInfo> = Vec::with_capacity(n + islands);
        for i in 0..n + islands {
            if i == n {
                self.out
                    .push_str("\n# Islands: they rely on the hub alone.\n");
            }
            states.push(self.state(&region, &city));
        }
        self.out.push('\n');

        // Treaties inside the region, and the hub's.
        let hub = self.hub.clone();
        for island in &states[n..] {
            self.treaty(&hub, &island.name, "one_way", None);
        }
        let anchor = states[self.rng.below(n)].name.clone();
        self.treaty(&hub, &anchor, "mutual", Some("defence"));
        // Every state of the region has a treaty with an earlier one (so none is declared and
        // left unused), then a third as many again between random pairs.
        let treaties = n - 1 + n / 3;
        let mut attempts = 0;
        let mut made = 0;
        while made < treaties && attempts < 20 * treaties {
            attempts += 1;
            let (a, b) = if made < n - 1 {
                (made + 1, self.rng.below(made + 1))
            } else {
                (self.rng.below(n), self.rng.below(n))
            };
            if a == b {
                continue;
            }
            let (a, b) = if self.rng.chance(0.5) { (a, b) } else { (b, a) };
            let (a, b) = (states[a].name.clone(), states[b].name.clone());
            let direction = if self.rng.chance(0.5) {
                "mutual"
            } else {
                "one_way"
            };
            let obligation = if self.rng.chance(0.3) {
                Some(self.pick_str(OBLIGATIONS))
            } else {
                None
            };
            if self.treaty(&a, &b, direction, obligation) {
                made += 1;
            }
        }
        self.out.push('\n');

        // Pacts, groups and a bloc.
        let mut pacts = Vec::new();
        for _ in 0..self.rng.range(1, 2) {
            pacts.push(self.pact(&states[..n]));
        }
        let mut groups = Vec::new();
        for _ in 0..self.rng.range(1, 2) {
            groups.push(self.group(&states));
        }
        let bloc = self.bloc(&states[..n]);
        self.out.push('\n');

        // Partners, troops, threats.
        for _ in 0..2 {
            let (a, b) = (self.rng.below(n + islands), self.rng.below(n + islands));
            if a != b {
                self.partner(&states[a].name.clone(), &states[b].name.clone());
            }
        }
        let island = states[n + self.rng.below(islands)].name.clone();
        self.partner(&hub, &island);
        let troops_in = states[n + self.rng.below(islands)].name.clone();
        self.troops(&hub, &troops_in);
        for _ in 0..self.rng.range(1, 3) {
            let (a, b) = (self.rng.below(n), self.rng.below(n));
            if a != b {
                self.troops(&states[a].name.clone(), &states[b].name.clone());
            }
        }
        let threatener = self.threats(&states, n, &pacts, &groups, &bloc);
        self.out.push('\n');

        // Facts.
        self.out.push_str("# Other facts of the region.\n");
        let extra = self.rng.range(0, 2);
        for f in 0..3 + extra {
            let (a, b) = (self.rng.below(n), self.rng.below(n));
            let (a, b) = (states[a].name.clone(), states[b].name.clone());
            match f % 3 {
                0 => w!(self.out, "fact rival({a}, {b})\n"),
                1 => {
                    let km = self.rng.range(80, 3_000);
                    w!(self.out, "fact border({a}, {b}, {km})\n")
                }
                _ => {
                    let year = self.rng.range(1995, 2024);
                    w!(self.out, "fact summit({a}, {b}, {year}, \"{city}\")\n")
                }
            }
        }
        self.out.push('\n');

        self.rules(r, &region, &states, &pacts, &groups, &bloc, &threatener);
        self.asks(r, &states, n, &pacts, &groups, &bloc, &threatener);
        self.scenarios(r, &states, n, &pacts, &groups, &threatener);
    }
}

/// `Kavoria` stays, `NorthKavoria` becomes `North Kavoria`.
fn spaced(name: &str) -> String {
    for p in PREFIXES {
        if let Some(rest) = name.strip_prefix(p) {
            if rest.starts_with(|c: char| c.is_ascii_uppercase()) {
                return format!("{p} {rest}");
            }
        }
    }
    name.to_string()
}

/// Capitalises the first letter, and the letter after a direction prefix (`NorthKavoria`).
fn capitalise_parts(raw: &str) -> String {
    let (prefix, rest) = match PREFIXES.iter().find(|p| raw.starts_with(*p)) {
        Some(p) => (*p, &raw[p.len()..]),
        None => ("", raw),
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(prefix);
    let mut chars = rest.chars();
    if let Some(c) = chars.next() {
        out.push(c.to_ascii_uppercase());
    }
    out.extend(chars);
    out
}
