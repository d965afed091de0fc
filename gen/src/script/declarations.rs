//! The statements of a region's world: states, treaties, pacts, groups, blocs, partners,
//! troops and threats.

use std::fmt::Write;

use super::{spaced, Collection, Script, StateInfo, KINDS, OBLIGATIONS, TREATY_WORDS};
use crate::figures::{count, decimal, gdp, money};

impl Script {
    pub(super) fn state(&mut self, region: &str, city: &str) -> StateInfo {
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
    pub(super) fn treaty(
        &mut self,
        a: &str,
        b: &str,
        direction: &str,
        obligation: Option<&str>,
    ) -> bool {
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

    pub(super) fn pact(&mut self, states: &[StateInfo]) -> Collection {
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

    pub(super) fn group(&mut self, states: &[StateInfo]) -> Collection {
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

    pub(super) fn bloc(&mut self, states: &[StateInfo]) -> Collection {
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

    pub(super) fn partner(&mut self, a: &str, b: &str) {
        if a != b && self.partners.insert((a.to_string(), b.to_string())) {
            w!(self.out, "partner {a} {b}\n");
        }
    }

    pub(super) fn troops(&mut self, a: &str, b: &str) {
        if a != b && self.troops.insert((a.to_string(), b.to_string())) {
            let n = self.rng.range(2, 600) as u64 * 100;
            let n = count(&mut self.rng, n);
            w!(self.out, "troops {a} in {b} {n}\n");
        }
    }

    /// One or two threats by states of the region; returns the first threatener.
    pub(super) fn threats(
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
}
