//! Seeded generators of large valid scripts, for the benchmarks (`benches/`), the tests and
//! `alliance generate`. A crate of its own so that the language core does not carry it.
//!
//! Both generators are deterministic for a seed, on every platform: they use a small
//! self-contained PRNG (splitmix64), no dependency and no floating-point formatting that could
//! change between releases of the standard library (numbers are printed from integers).

use std::collections::HashSet;
use std::fmt::Write;

/// Appends formatted text to a `String` (which cannot fail).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// splitmix64 (Steele, Lea and Flood 2014): tiny, fast, and good enough for test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        ((self.next_u64() >> 32).wrapping_mul(n as u64) >> 32) as usize
    }

    /// A number in `lo..=hi` (`lo` when `hi < lo`).
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a slice (`None` when it is empty).
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> Option<&'a T> {
        xs.get(self.below(xs.len()))
    }

    /// `k` distinct indices of `0..n` in random order (all of them when `k >= n`).
    pub fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let k = k.min(n);
        if k * 4 < n {
            // Few out of many: rejection keeps this O(k).
            let mut seen = HashSet::with_capacity(k);
            let mut out = Vec::with_capacity(k);
            while out.len() < k {
                let i = self.below(n);
                if seen.insert(i) {
                    out.push(i);
                }
            }
            return out;
        }
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }
}

/// Writes an amount of US dollars given in units of 10 million (so 2_740_000 is 27.4T) with
/// three significant digits in the largest fitting unit: `27.4T`, `812B`, `3.05B`, `40M`.
fn money(tens_of_millions: u64) -> String {
    let dollars = tens_of_millions.max(1) as u128 * 10_000_000;
    let (unit, div) = if dollars >= 1_000_000_000_000 {
        ("T", 1_000_000_000_000u128)
    } else if dollars >= 1_000_000_000 {
        ("B", 1_000_000_000)
    } else {
        ("M", 1_000_000)
    };
    // Three significant digits: keep `decimals` digits after the point.
    let whole = dollars / div;
    let decimals = match whole {
        0..=9 => 2,
        10..=99 => 1,
        _ => 0,
    };
    let scale = 10u128.pow(decimals);
    let scaled = (dollars * scale + div / 2) / div;
    decimal(scaled, decimals) + unit
}

/// `value / 10^decimals` written with trailing zeros (and a bare point) removed.
fn decimal(value: u128, decimals: u32) -> String {
    let scale = 10u128.pow(decimals);
    let whole = value / scale;
    let mut frac = value % scale;
    if frac == 0 {
        return whole.to_string();
    }
    let mut digits = decimals as usize;
    while frac % 10 == 0 {
        frac /= 10;
        digits -= 1;
    }
    format!("{whole}.{frac:0digits$}")
}

/// A GDP drawn log-uniformly from 1B to 30T, in units of 10 million dollars.
fn gdp(rng: &mut Rng) -> u64 {
    // ln(30T / 1B) = ln(30_000).
    let factor = (rng.unit() * 30_000f64.ln()).exp();
    (100.0 * factor).round() as u64
}

/// A plain count with `_` between thousands sometimes, as people write them: `28_500`.
fn count(rng: &mut Rng, n: u64) -> String {
    let digits = n.to_string();
    if n < 10_000 || rng.chance(0.5) {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('_');
        }
        out.push(c);
    }
    out
}

// ------------------------------------------------------------------------------ world

/// A world of `n_states` states for the engine benchmarks, with a fixed shape:
///
/// - states `S0` .. `S{n-1}`, each with a GDP drawn log-uniformly from 1B to 30T and a 5%
///   chance of being nuclear;
/// - a hub, `S0`, with a `one_way` defence treaty to 30% of the other states;
/// - 2n further bilateral defence treaties between distinct pairs, alternately `mutual` and
///   `one_way` (half of each);
/// - n/50 defence pacts `P0`, `P1`, ... of 5 to 30 members each;
/// - n threats `threat A against B` between distinct random pairs.
///
/// When n is too small for that many distinct pairs, there are fewer treaties and threats.
pub fn world(n_states: usize, seed: u64) -> String {
    let n = n_states;
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(n * 120 + 64);
    w!(
        out,
        "# Generated world: {n} states, seed {seed}. S0 is the hub.\n\n"
    );
    for i in 0..n {
        let g = money(gdp(&mut rng));
        if rng.chance(0.05) {
            w!(out, "state S{i} {{ gdp: {g}, nuclear: yes }}\n");
        } else {
            w!(out, "state S{i} {{ gdp: {g} }}\n");
        }
    }
    if n < 2 {
        return out;
    }
    let max_pairs = n * (n - 1) / 2;
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    let key = |a: usize, b: usize| (a.min(b), a.max(b));

    out.push('\n');
    let spokes = (n * 3 / 10).min(n - 1);
    for i in rng.sample(n - 1, spokes) {
        let b = i + 1;
        pairs.insert(key(0, b));
        w!(out, "treaty S0 S{b} one_way\n");
    }

    out.push('\n');
    let mut made = 0;
    let mut attempts = 0;
    while made < 2 * n && pairs.len() < max_pairs && attempts < 40 * n {
        attempts += 1;
        let (a, b) = (rng.below(n), rng.below(n));
        if a == b || !pairs.insert(key(a, b)) {
            continue;
        }
        let direction = if made % 2 == 0 { "mutual" } else { "one_way" };
        w!(out, "treaty S{a} S{b} {direction}\n");
        made += 1;
    }

    if n >= 2 && n / 50 > 0 {
        out.push('\n');
    }
    for p in 0..n / 50 {
        let size = rng.range(5, 30).min(n);
        let members: Vec<String> = rng
            .sample(n, size)
            .into_iter()
            .map(|i| format!("S{i}"))
            .collect();
        w!(out, "pact P{p} {{ {} }}\n", members.join(", "));
    }

    out.push('\n');
    let mut threats: HashSet<(usize, usize)> = HashSet::new();
    let mut attempts = 0;
    while threats.len() < n && threats.len() < n * (n - 1) && attempts < 40 * n {
        attempts += 1;
        let (t, x) = (rng.below(n), rng.below(n));
        if t == x || !threats.insert((t, x)) {
            continue;
        }
        w!(out, "threat S{t} against S{x}\n");
    }
    out
}

// ------------------------------------------------------------------------------ script

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

    fn state(&mut self, region: &str, city: &str) -> StateInfo {
        let name = self.fresh_name();
        let nuclear = self.rng.chance(0.06);
        let mut attrs: Vec<String> = Vec::new();
        attrs.push(format!("gdp: {}", money(gdp(&mut self.rng))));
        if nuclear {
            attrs.push("nuclear: yes".into());
        } else if self.rng.chance(0.05) {
            attrs.push("nuclear: no".into());
        }
        attrs.push(format!("region: {region}"));
        if self.rng.chance(0.4) {
            let spending = self.rng.range(5, 60);
            attrs.push(format!("spending: {}%", decimal(spending as u128, 1)));
            if self.rng.chance(0.6) {
                let target = spending + self.rng.range(0, 20);
                attrs.push(format!("spending_target: {}%", decimal(target as u128, 1)));
            }
        }
        if self.rng.chance(0.3) {
            let forces = self.rng.range(5, 2_000) as u64 * 1_000;
            attrs.push(format!("forces: {}", count(&mut self.rng, forces)));
        }
        if self.rng.chance(0.15) {
            attrs.push(format!("founded: {}", self.rng.range(1800, 1995)));
        }
        if self.rng.chance(0.1) {
            attrs.push(format!("capital: \"{city}\""));
        }
        if self.rng.chance(0.05) {
            attrs.push("landlocked: yes".into());
        }
        w!(self.out, "state {name}");
        let spaced = spaced(&name);
        if spaced != name {
            w!(self.out, " \"{spaced}\"");
        } else if self.rng.chance(0.05) {
            w!(self.out, " \"The Republic of {name}\"");
        }
        if self.rng.chance(0.1) {
            // The long form: one attribute a line, no commas.
            self.out.push_str(" {\n");
            for a in &attrs {
                w!(self.out, "  {a}\n");
            }
            self.out.push('}');
        } else {
            w!(self.out, " {{ {} }}", attrs.join(", "));
        }
        if nuclear && self.rng.chance(0.5) {
            self.out.push_str("  # a declared nuclear power");
        }
        self.out.push('\n');
        StateInfo { name, nuclear }
    }

    /// Writes a treaty unless the two states already have one; says whether it did.
    fn treaty(&mut self, a: &str, b: &str, direction: &str, obligation: Option<&str>) -> bool {
        let key = if a < b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        };
        if a == b || !self.treaties.insert(key) {
            return false;
        }
        w!(self.out, "treaty {a} {b} {direction}");
        if let Some(o) = obligation {
            w!(self.out, " {o}");
        }
        if self.rng.chance(0.35) {
            let title = self.pick_str(TREATY_WORDS);
            let year = self.rng.range(1945, 2023);
            w!(self.out, " {{ name: \"{title}\", signed: {year} }}");
        }
        if self.rng.chance(0.1) {
            self.out.push_str("  # as it stands in force today");
        }
        self.out.push('\n');
        true
    }

    fn members(&mut self, states: &[StateInfo], k: usize) -> Vec<usize> {
        self.rng.sample(states.len(), k)
    }

    fn write_members(&mut self, states: &[StateInfo], members: &[usize]) {
        if members.len() > 8 && self.rng.chance(0.5) {
            self.out.push_str("{\n");
            for &m in members {
                w!(self.out, "  {},\n", states[m].name);
            }
            self.out.push('}');
        } else {
            let names: Vec<&str> = members.iter().map(|&m| states[m].name.as_str()).collect();
            w!(self.out, "{{ {} }}", names.join(", "));
        }
    }

    fn pact(&mut self, states: &[StateInfo]) -> Collection {
        let name = self.fresh_name() + "_Pact";
        let k = self.rng.range(4, 12);
        let members = self.members(states, k);
        w!(self.out, "pact {name} ");
        if self.rng.chance(0.25) {
            let o = self.pick_str(OBLIGATIONS);
            w!(self.out, "{o} ");
        }
        self.write_members(states, &members);
        if self.rng.chance(0.5) {
            let year = self.rng.range(1945, 2023);
            w!(
                self.out,
                " {{ name: \"The {name} Treaty\", signed: {year} }}"
            );
        }
        self.out.push('\n');
        Collection {
            name,
            members,
            kinds: Vec::new(),
        }
    }

    fn group(&mut self, states: &[StateInfo]) -> Collection {
        let name = self.fresh_name();
        let kinds: Vec<&str> = {
            let k = self.rng.range(1, 2);
            self.rng
                .sample(KINDS.len(), k)
                .into_iter()
                .map(|i| KINDS[i])
                .collect()
        };
        let k = self.rng.range(3, 6);
        let members = self.members(states, k);
        w!(self.out, "group {name} {} ", kinds.join(", "));
        self.write_members(states, &members);
        self.out.push('\n');
        Collection {
            name,
            members,
            kinds,
        }
    }

    fn bloc(&mut self, states: &[StateInfo]) -> Collection {
        let name = self.fresh_name() + "Allies";
        let k = self.rng.range(3, 6);
        let members = self.members(states, k);
        w!(self.out, "bloc {name} ");
        self.write_members(states, &members);
        self.out.push('\n');
        Collection {
            name,
            members,
            kinds: Vec::new(),
        }
    }

    fn partner(&mut self, a: &str, b: &str) {
        if a != b && self.partners.insert((a.to_string(), b.to_string())) {
            w!(self.out, "partner {a} {b}\n");
        }
    }

    fn troops(&mut self, a: &str, b: &str) {
        if a != b && self.troops.insert((a.to_string(), b.to_string())) {
            let n = self.rng.range(2, 600) as u64 * 100;
            let n = count(&mut self.rng, n);
            w!(self.out, "troops {a} in {b} {n}\n");
        }
    }

    /// One or two threats by states of the region; returns the first threatener.
    fn threats(
        &mut self,
        states: &[StateInfo],
        n: usize,
        pacts: &[Collection],
        groups: &[Collection],
        bloc: &Collection,
    ) -> String {
        // A nuclear state of the region threatens if there is one; otherwise a large one.
        let first = states[..n]
            .iter()
            .position(|s| s.nuclear)
            .unwrap_or_else(|| self.rng.below(n));
        let mut threateners = vec![first];
        if self.rng.chance(0.5) {
            let second = self.rng.below(n);
            if second != first {
                threateners.push(second);
            }
        }
        for &t in &threateners {
            if !self.threateners.insert(states[t].name.clone()) {
                continue;
            }
            let mut targets: Vec<String> = Vec::new();
            let k = self.rng.range(2, 5);
            for i in self.rng.sample(states.len(), k) {
                if i != t {
                    targets.push(states[i].name.clone());
                }
            }
            // A pact, group or bloc stands for its members; never one the threat belongs to.
            let collections = pacts.iter().chain(groups).chain(std::iter::once(bloc));
            for c in collections {
                if !c.members.contains(&t) && self.rng.chance(0.3) {
                    targets.push(c.name.clone());
                }
            }
            if targets.is_empty() {
                let other = if t == 0 { 1 } else { 0 };
                targets.push(states[other].name.clone());
            }
            let trailing = if self.rng.chance(0.1) { "," } else { "" };
            w!(
                self.out,
                "threat {} against {}{trailing}\n",
                states[t].name,
                targets.join(", ")
            );
        }
        states[first].name.clone()
    }

    /// Rules of the region, named after it so that relations stay distinct.
    #[allow(clippy::too_many_arguments)]
    fn rules(
        &mut self,
        r: usize,
        region: &str,
        states: &[StateInfo],
        pacts: &[Collection],
        groups: &[Collection],
        bloc: &Collection,
        threatener: &str,
    ) {
        let pact = pacts
            .first()
            .map_or(bloc.name.as_str(), |p| p.name.as_str());
        // A kind word is a constant only when some group declares it.
        let kind = groups
            .first()
            .and_then(|g| g.kinds.first())
            .copied()
            .unwrap_or("k");
        let big = self.rng.range(1, 9);
        let anchor = &states[0].name;
        self.out.push_str("# Rules of thumb for the region.\n");
        w!(
            self.out,
            "rule big_power_{r}(x) if gdp(x, g), g >= {big}00B, region(x, {region})\n"
        );
        w!(
            self.out,
            "rule frontline_{r}(x) if threatens({threatener}, x), not covered(x)\n"
        );
        w!(
            self.out,
            "rule quiet_{r}(x) if big_power_{r}(x), not frontline_{r}(x)\n"
        );
        // Two or three more, in turn, so that every three regions use all nine.
        let extra = self.rng.range(2, 3);
        for e in (0..extra).map(|j| (r * 3 + j) % 9) {
            match e {
                0 => w!(
                    self.out,
                    "rule ally_count_{r}(x, n) if state(x), region(x, {region}), n = count a : {{ defends(a, x) }}\n"
                ),
                1 => w!(
                    self.out,
                    "rule burden_{r}(x, d) if spending(x, s), spending_target(x, t), region(x, {region}), d = (t - s) * 2\n"
                ),
                2 => w!(
                    self.out,
                    "rule share_{r}(x, q) if member(x, {pact}), gdp(x, g), total = sum v : {{ member(a, {pact}), gdp(a, v) }}, q = g / total\n"
                ),
                3 => w!(
                    self.out,
                    "rule lonely_{r}(x) if state(x), region(x, {region}), not defends(_, x) and not partner(_, x)\n"
                ),
                4 => w!(
                    self.out,
                    "rule strongest_{r}(g) if g = max v : {{ region(a, {region}), gdp(a, v) }}\n"
                ),
                5 => w!(
                    self.out,
                    "rule weakest_{r}(g) if g = min v : {{ member(a, {}), gdp(a, v) }}\n",
                    bloc.name
                ),
                6 => w!(
                    self.out,
                    "rule margin_{r}(x, t, m) if balance(x, t, b), region(x, {region}), m = -(1 - b) * 100\n"
                ),
                7 => w!(
                    self.out,
                    "rule rich_ally_{r}(a, x) if defends(a, x), region(x, {region}), gdp(a, ga), gdp(x, gx), ga / gx > 2 and ga - gx >= 500B\n"
                ),
                _ => w!(
                    self.out,
                    "rule partners_of_{r}(x) if cooperates({anchor}, x, {kind}), not allied({anchor}, x)\n"
                ),
            }
        }
        self.out.push('\n');
    }

    #[allow(clippy::too_many_arguments)]
    fn asks(
        &mut self,
        r: usize,
        states: &[StateInfo],
        n: usize,
        pacts: &[Collection],
        groups: &[Collection],
        bloc: &Collection,
        threatener: &str,
    ) {
        let hub = self.hub.clone();
        let island = &states[n].name;
        let some = &states[self.rng.below(n)].name;
        let other = &states[self.rng.below(n)].name;
        self.out.push_str("# Questions.\n");
        w!(self.out, "? defends(x, {some})\n");
        w!(self.out, "? why defends({hub}, {island})\n");
        match self.rng.below(4) {
            0 => w!(
                self.out,
                "? exposed(x, {threatener})  # who is left alone\n"
            ),
            1 => w!(self.out, "? balance(x, {threatener}, r), r < 1\n"),
            2 => w!(self.out, "? power({some}, g)\n"),
            _ => w!(self.out, "? big_power_{r}(x)\n"),
        }
        if let Some(g) = groups.first() {
            let member = &states[g.members[0]].name;
            w!(self.out, "? cooperates({member}, x, k)\n");
        }
        self.out.push('\n');
        w!(self.out, "expect defends({hub}, {island})\n");
        w!(self.out, "expect not defends({island}, {hub})\n");
        if let Some(p) = pacts.first() {
            w!(
                self.out,
                "expect member({}, {})\n",
                states[p.members[0]].name,
                p.name
            );
        }
        if some != threatener {
            w!(
                self.out,
                "expect not rival({some}, {other}) and not border({some}, {other}, 1)\n"
            );
        }
        if self.rng.chance(0.5) {
            w!(
                self.out,
                "expect bloc_balance({}, t, r), r > 0.01\n",
                bloc.name
            );
        }
        self.out.push('\n');
    }

    fn scenarios(
        &mut self,
        r: usize,
        states: &[StateInfo],
        n: usize,
        pacts: &[Collection],
        groups: &[Collection],
        threatener: &str,
    ) {
        let hub = self.hub.clone();
        let island = states[n].name.clone();
        let victim = states[self.rng.below(n)].name.clone();
        let title = self.pick_str(TITLES).replace("{}", &victim);
        w!(self.out, "scenario drill_{r} \"{title}\" {{\n");
        w!(
            self.out,
            "  remove {victim}  # and every commitment it is part of\n"
        );
        if let Some(p) = pacts.first() {
            let leaver = states[p.members[p.members.len() - 1]].name.clone();
            if leaver != victim {
                w!(self.out, "  {leaver} leaves {}\n", p.name);
            }
            if let Some(j) = (0..n).find(|i| !p.members.contains(i) && states[*i].name != victim) {
                w!(self.out, "  {} joins {}\n", states[j].name, p.name);
            }
        }
        let a = states[self.rng.below(n)].name.clone();
        let b = states[self.rng.below(n)].name.clone();
        if a != b && a != victim && b != victim {
            w!(self.out, "  add treaty {a} {b} mutual consultation\n");
        }
        let gdp = money(gdp(&mut self.rng));
        w!(self.out, "  set {island} gdp: {gdp}\n");
        w!(self.out, "}} then {{\n");
        w!(self.out, "  expect defends({hub}, {island})\n");
        w!(self.out, "  ? unguaranteed(x)\n");
        w!(self.out, "  ? exposed(x, {threatener})\n}}\n");

        match self.rng.below(3) {
            0 => w!(
                self.out,
                "if hub removed then expect not covered({island})\n"
            ),
            1 => w!(
                self.out,
                "if {island} removed then {{ expect not defends({hub}, {island}) }}\n"
            ),
            _ => w!(self.out, "if remove {island} then ? defends({hub}, x)\n"),
        }
        if let Some(g) = groups.first() {
            let outsider = (n..states.len()).find(|i| !g.members.contains(i));
            if let Some(i) = outsider {
                let s = &states[i].name;
                w!(
                    self.out,
                    "if treaty {hub} {s} cancelled and {s} joins {} then ? exposed({s}, t)\n",
                    g.name
                );
            }
        }
        if self.rng.chance(0.3) {
            w!(
                self.out,
                "if set {island} nuclear = yes then {{\n  expect not exposed({island}, {threatener})\n  ? covered(x)\n}}\n"
            );
        }
        self.out.push('\n');
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_have_about_the_size_asked() {
        for target in [1, 5_000, 100_000] {
            let len = script(target, 3).len();
            assert!(len >= target && len < target + 32 * 1024, "{target}: {len}");
        }
    }

    #[test]
    fn generators_are_deterministic() {
        assert_eq!(script(20_000, 42), script(20_000, 42));
        assert_ne!(script(20_000, 42), script(20_000, 43));
        assert_eq!(world(300, 5), world(300, 5));
        assert_ne!(world(300, 5), world(300, 6));
    }

    #[test]
    fn money_is_written_as_people_write_it() {
        assert_eq!(money(2_740_000), "27.4T");
        assert_eq!(money(81_200), "812B");
        assert_eq!(money(305), "3.05B");
        assert_eq!(money(100), "1B");
        assert_eq!(money(4), "40M");
        assert_eq!(decimal(12, 1), "1.2");
        assert_eq!(decimal(20, 1), "2");
    }
}
