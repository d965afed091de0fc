//! The world generator's world with years and conditions (sections 10 and 11 of the brief):
//! the same states, treaties, pacts and threats as [`crate::world`], so the benchmarks can set
//! the two side by side and show what dates and conditions cost.

use std::fmt::Write;

use crate::world::world;

/// [`world`]`(n_states, seed)` with years and conditions on every kind of declaration:
///
/// - state `Si` exists `from 1900 + 100 i / n` (as of 1905 about one state in twenty exists),
///   every even state has `region: Asia`, every odd one `region: Europe`, and its GDP is dated: half of it `@1990`, all of it
///   `@2010`;
/// - every treaty is `defence from 1950 until 2030`, one in four `in Asia`, one in four
///   `against` the state threatening its second party (or `S0`), one in four `unless
///   provoked`, one in eight also `secret`;
/// - every pact holds `from 1949`, every other member joins `from 1960`;
/// - every threat holds `from 1990`, one in five `provoked`.
///
/// As of 2020 almost everything holds, so the world is as large as the undated one.
pub fn dated_world(n_states: usize, seed: u64) -> String {
    let plain = world(n_states, seed);
    let n = n_states.max(1);
    let mut out = String::with_capacity(plain.len() * 2);
    let mut treaties = 0usize;
    let mut threats = 0usize;
    for line in plain.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["state", name, "{", "gdp:", rest @ ..] => {
                let i: usize = name[1..].parse().unwrap_or(0);
                let gdp = rest.first().map_or("", |g| g.trim_end_matches(','));
                let half = half_money(gdp);
                let nuclear = if line.contains("nuclear: yes") {
                    ", nuclear: yes"
                } else {
                    ""
                };
                let region = if i % 2 == 0 {
                    ", region: Asia"
                } else {
                    ", region: Europe"
                };
                w!(
                    out,
                    "state {name} from {} {{ gdp: {half} @1990 {gdp} @2010{nuclear}{region} }}\n",
                    1900 + 100 * i / n
                );
            }
            ["treaty", a, b, direction] => {
                let condition = match treaties % 4 {
                    0 => " in Asia".to_string(),
                    1 => format!(" against {}", if *a == "S0" { "S1" } else { "S0" }),
                    2 => " unless provoked".to_string(),
                    _ => String::new(),
                };
                let secret = if treaties % 8 == 5 { " secret" } else { "" };
                treaties += 1;
                w!(
                    out,
                    "treaty {a} {b} {direction} defence{condition}{secret} from 1950 until 2030\n"
                );
            }
            ["pact", name, "{", ..] => {
                let members: Vec<String> = words[3..]
                    .iter()
                    .filter(|w| **w != "}")
                    .map(|w| w.trim_end_matches(','))
                    .enumerate()
                    .map(|(k, m)| {
                        if k % 2 == 1 {
                            format!("{m} from 1960")
                        } else {
                            m.to_string()
                        }
                    })
                    .collect();
                w!(
                    out,
                    "pact {name} defence from 1949 {{ {} }}\n",
                    members.join(", ")
                );
            }
            ["threat", t, "against", x] => {
                let provoked = if threats % 5 == 0 { " provoked" } else { "" };
                threats += 1;
                w!(out, "threat {t} against {x}{provoked} from 1990\n");
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Half an amount written as the world generator writes money (`27.4T`, `540B`, `12M`),
/// in the next smaller unit so no decimals are needed.
fn half_money(text: &str) -> String {
    let (digits, unit) = text.split_at(text.len().saturating_sub(1));
    let (smaller, factor) = match unit {
        "T" => ("B", 1000u64),
        "B" => ("M", 1000),
        _ => ("M", 1),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let scale = 10u64.pow(frac.len() as u32);
    let value: u64 = format!("{whole}{frac}").parse().unwrap_or(2);
    // value / scale units of `unit`, in `smaller` units, halved (at least 1).
    let halved = (value * factor / scale / 2).max(1);
    format!("{halved}{smaller}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_money_as_written() {
        assert_eq!(half_money("27.4T"), "13700B");
        assert_eq!(half_money("540B"), "270000M");
        assert_eq!(half_money("3M"), "1M");
    }
}
