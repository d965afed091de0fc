//! The world generator: many plain states, treaties, pacts and threats, for the engine
//! benchmarks.

use std::collections::HashSet;
use std::fmt::Write;

use crate::figures::{gdp, money};
use crate::rng::Rng;

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
