//! What a region's script says about its world: rules of thumb, questions, expectations and
//! scenarios.

use std::fmt::Write;

use super::{Collection, Script, StateInfo, TITLES};
use crate::figures::{gdp, money};

impl Script {
    /// Rules of the region, named after it so that relations stay distinct.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn rules(
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
    pub(super) fn asks(
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
            2 => w!(self.out, "? power({some}, t, g)\n"),
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
                // Holds by construction: every generated state has a GDP (a bloc's balance
                // would need a threat against one of its members, which is left to chance).
                "expect bloc_gdp({}, g), g > 1M\n",
                bloc.name
            );
        }
        self.out.push('\n');
    }

    pub(super) fn scenarios(
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
