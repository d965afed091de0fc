//! The conditions of duties in words: what limits a treaty or pact ("only against France",
//! "secret"), and why a duty does not count against one threat ("Italy's duty to Germany
//! applies only against France"). Read from the base facts of an evaluated world, so the words
//! follow the year and the scenario; the report, the pictures and why-not explanations all say
//! it the same way.

use crate::eval::Model;
use crate::program::{Const, Program, RelId};
use crate::scenario::RelDiff;
use crate::source::Sym;
use crate::theory::{words, Theory};
use crate::words::and_list;

/// The last column of a relation by the columns before it: `(rel, lead)` to the values.
type Index = std::collections::HashMap<(RelId, Vec<Const>), Vec<Const>>;

/// An evaluated world, as these lookups need it. The conditions whose last column varies
/// (`against`, `in`) and the regions are indexed on first use, once per world: a report asks
/// for every threatened state.
pub struct World<'a> {
    pub program: &'a Program,
    pub model: &'a Model,
    pub theory: &'a Theory,
    /// A scenario's facts lost and gained against `model`, when the world is a scenario's
    /// read as its base world and the difference (as the report reads it).
    diff: &'a [RelDiff],
    index: std::cell::OnceCell<Index>,
}

impl<'a> World<'a> {
    pub fn new(program: &'a Program, model: &'a Model) -> World<'a> {
        World::after(program, model, &[])
    }

    /// The world `model` with a scenario's difference applied.
    pub fn after(program: &'a Program, model: &'a Model, diff: &'a [RelDiff]) -> World<'a> {
        World {
            program,
            model,
            theory: &program.theory,
            diff,
            index: std::cell::OnceCell::new(),
        }
    }

    fn changed(&self, rel: RelId) -> Option<&'a RelDiff> {
        self.diff.iter().find(|d| d.rel == rel)
    }

    /// The values of the last column of `rel` for the facts that begin with `lead`, if any.
    fn last(&self, rel: Option<RelId>, lead: &[Const]) -> Option<Vec<Const>> {
        let index = self.index.get_or_init(|| {
            let t = self.theory;
            let mut index = Index::new();
            for r in [
                t.treaty_against,
                t.treaty_in,
                t.pact_against,
                t.pact_in,
                t.region,
            ]
            .into_iter()
            .flatten()
            {
                for tuple in self.tuples(Some(r)) {
                    if let Some((last, lead)) = tuple.split_last() {
                        index.entry((r, lead.to_vec())).or_default().push(*last);
                    }
                }
            }
            index
        });
        index.get(&(rel?, lead.to_vec())).cloned()
    }

    fn tuples(&self, rel: Option<RelId>) -> Vec<Vec<Const>> {
        let Some(rel) = rel else {
            return Vec::new();
        };
        let mut tuples = self.model.tuples(rel);
        if let Some(d) = self.changed(rel) {
            let lost: std::collections::HashSet<&[Const]> =
                d.lost.iter().map(Vec::as_slice).collect();
            tuples.retain(|t| !lost.contains(t.as_slice()));
            tuples.extend(d.gained.iter().cloned());
        }
        tuples
    }

    fn holds(&self, rel: Option<RelId>, args: &[Const]) -> bool {
        let Some(rel) = rel else { return false };
        match self.changed(rel) {
            Some(d) if d.gained.iter().any(|t| t == args) => true,
            Some(d) if d.lost.iter().any(|t| t == args) => false,
            _ => self.model.find(rel, args).is_some(),
        }
    }

    fn name(&self, c: &Const) -> String {
        match c {
            Const::Sym(s) => self.program.display(*s).to_string(),
            other => crate::words::show_const(*other),
        }
    }

    fn names(&self, cs: &[Const]) -> Vec<String> {
        cs.iter().map(|c| self.name(c)).collect()
    }

    /// States in the order they were declared (others after them, by name).
    fn sort_states(&self, cs: &mut [Const]) {
        cs.sort_by_cached_key(|c| {
            let index = match c {
                Const::Sym(s) => self.program.states.get_index_of(s).unwrap_or(usize::MAX),
                _ => usize::MAX,
            };
            (index, crate::words::show_const(*c))
        });
    }

    fn is_member(&self, m: Const, g: Const) -> bool {
        self.holds(self.theory.member, &[m, g])
    }
}

/// The conditions of one commitment, as found in the world.
#[derive(Default)]
struct Limits {
    against: Option<Vec<Const>>,
    regions: Option<Vec<Const>>,
    unless_provoked: bool,
    secret: bool,
}

impl Limits {
    fn of_treaty(w: &World, a: Const, b: Const) -> Limits {
        let t = w.theory;
        let lead = [a, b, Const::Sym(Sym::new(words::DEFENCE))];
        Limits {
            against: w.last(t.treaty_against, &lead),
            regions: w.last(t.treaty_in, &lead),
            unless_provoked: w.holds(t.treaty_unless_provoked, &lead),
            secret: w.holds(t.treaty_secret, &lead),
        }
    }

    fn of_pact(w: &World, p: Const) -> Limits {
        let t = w.theory;
        Limits {
            against: w.last(t.pact_against, &[p]),
            regions: w.last(t.pact_in, &[p]),
            unless_provoked: w.holds(t.pact_unless_provoked, &[p]),
            secret: w.holds(t.pact_secret, &[p]),
        }
    }

    /// "only against France; only in Asia; unless provoked; secret".
    fn words(&self, w: &World) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(against) = &self.against {
            out.push(format!(
                "only against {}",
                and_list(&w.names(against), usize::MAX)
            ));
        }
        if let Some(regions) = &self.regions {
            out.push(format!("only in {}", or_list(&w.names(regions))));
        }
        if self.unless_provoked {
            out.push("unless provoked".to_string());
        }
        if self.secret {
            out.push("secret".to_string());
        }
        out
    }

    /// Why the duty to `x` does not answer the threat `t`, if it does not.
    fn fails(&self, w: &World, x: Const, t: Const) -> Option<String> {
        if let Some(against) = &self.against {
            if !against.contains(&t) {
                let names = and_list(&w.names(against), usize::MAX);
                return Some(format!("applies only against {names}"));
            }
        }
        if let Some(regions) = &self.regions {
            let region = w
                .last(w.theory.region, &[x])
                .and_then(|r| r.first().copied());
            let listed = or_list(&w.names(regions));
            match region {
                None => {
                    return Some(format!(
                        "applies only in {listed}, and {} has no region",
                        w.name(&x)
                    ))
                }
                Some(r) if !regions.contains(&r) => {
                    return Some(format!(
                        "applies only in {listed}, and {} is in {}",
                        w.name(&x),
                        w.name(&r)
                    ))
                }
                _ => {}
            }
        }
        if self.unless_provoked && w.holds(w.theory.provoked, &[t, x]) {
            return Some(format!(
                "does not apply when provoked, and {} provoked {}",
                w.name(&x),
                w.name(&t)
            ));
        }
        None
    }
}

/// "Asia", "Asia or Oceania".
fn or_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The conditions of the treaty between `a` and `b` (as written), for its row in the report.
pub fn treaty_limits(w: &World, a: Const, b: Const) -> Vec<String> {
    Limits::of_treaty(w, a, b).words(w)
}

/// The conditions of a pact, for its line in the report.
pub fn pact_limits(w: &World, p: Const) -> Vec<String> {
    Limits::of_pact(w, p).words(w)
}

/// Why each state with a duty to defend `x` is not in its coalition against `t`, in words
/// ("Italy's duty to Germany applies only against France"; "Turkey threatens Greece, so it is
/// not among Greece's defenders"; "the duty of the United States to Japan is secret: it counts
/// as a duty, not as a deterrent"). `defenders` are the states with a duty to defend x (from
/// `defends`, looked up once by the caller), `coalition` is x's coalition against t.
pub fn not_counted(
    w: &World,
    x: Const,
    t: Const,
    defenders: &[Const],
    coalition: &[Const],
) -> Vec<String> {
    let mut defenders: Vec<Const> = defenders
        .iter()
        .copied()
        .filter(|a| !coalition.contains(a))
        .collect();
    if defenders.is_empty() {
        return Vec::new();
    }
    w.sort_states(&mut defenders);
    defenders.dedup();
    let mut out = Vec::new();
    for a in defenders {
        let (an, xn) = (w.name(&a), w.name(&x));
        if a == t {
            out.push(format!(
                "{an} threatens {xn}, so it is not among {}",
                possessive(&xn, "defenders")
            ));
            continue;
        }
        let mut reasons = Vec::new();
        for (limits, under) in sources(w, a, x) {
            let whose = match &under {
                Some(p) => format!("{} to {xn} under {p}", possessive(&an, "duty")),
                None => format!("{} to {xn}", possessive(&an, "duty")),
            };
            match limits.fails(w, x, t) {
                Some(why) => reasons.push(format!("{whose} {why}")),
                None if limits.secret => reasons.push(format!(
                    "{whose} is secret: it counts as a duty, not as a deterrent"
                )),
                None => {}
            }
        }
        if reasons.is_empty() {
            // A duty the script's own rules give, with no condition of the language.
            continue;
        }
        out.push(reasons.join("; "));
    }
    out
}

/// The duties to defend `x` that are left out of its coalition against `t`, in words, read
/// from the world itself: what an explanation of a verdict about x and t (`exposed`,
/// `power`, `covered_against`, ...) adds, as the report's "Not counted" lines do.
pub fn left_out_against(w: &World, x: Const, t: Const) -> Vec<String> {
    let defenders: Vec<Const> = w
        .tuples(w.theory.defends)
        .into_iter()
        .filter(|d| d.get(1) == Some(&x))
        .map(|d| d[0])
        .collect();
    let coalition: Vec<Const> = w
        .tuples(w.theory.coalition)
        .into_iter()
        .filter(|c| c.get(1..) == Some(&[x, t][..]))
        .map(|c| c[0])
        .collect();
    not_counted(w, x, t, &defenders, &coalition)
}

/// Why `a` is not obliged to defend `x` against `t` (or, with `secret_counts` false, not in
/// its coalition), in words: one sentence per duty a has to x, when a has any.
pub fn why_not_against(
    w: &World,
    a: Const,
    x: Const,
    t: Const,
    secret_counts: bool,
) -> Vec<String> {
    let (an, xn) = (w.name(&a), w.name(&x));
    if a == t && w.holds(w.theory.defends, &[a, x]) {
        return vec![format!(
            "{an} threatens {xn}, so it is not among {}, though it has a duty to defend it",
            possessive(&xn, "defenders")
        )];
    }
    let mut out = Vec::new();
    for (limits, under) in sources(w, a, x) {
        let whose = match &under {
            Some(p) => format!("{} to {xn} under {p}", possessive(&an, "duty")),
            None => format!("{} to {xn}", possessive(&an, "duty")),
        };
        match limits.fails(w, x, t) {
            Some(why) => out.push(format!("{whose} {why}")),
            None if limits.secret && !secret_counts => out.push(format!(
                "{whose} is secret: it counts as a duty, not as a deterrent"
            )),
            None => {}
        }
    }
    if !w.holds(w.theory.threatens, &[t, x]) {
        out.push(format!("{} does not threaten {xn}", w.name(&t)));
    }
    out
}

/// "Greece's defenders".
fn possessive(name: &str, what: &str) -> String {
    format!("{} {what}", crate::explain::possessive(name))
}

/// The commitments that give `a` a duty to defend `x`: each treaty and pact, with its
/// conditions and (for a pact) its name.
fn sources(w: &World, a: Const, x: Const) -> Vec<(Limits, Option<String>)> {
    let defence = |o: &Const| matches!(o, Const::Sym(s) if s.as_str() == words::DEFENCE);
    let mut out = Vec::new();
    let sym = |s: &str| Const::Sym(Sym::new(s));
    let (one_way, both, defence_c) = (sym(words::ONE_WAY), sym(words::MUTUAL), sym(words::DEFENCE));
    for (p, q, d) in [(a, x, one_way), (a, x, both), (x, a, both)] {
        if w.holds(w.theory.treaty, &[p, q, d, defence_c]) {
            out.push((Limits::of_treaty(w, p, q), None));
        }
    }
    for t in w.tuples(w.theory.pact) {
        if let [p, o] = t.as_slice() {
            if defence(o) && w.is_member(a, *p) && w.is_member(x, *p) {
                out.push((Limits::of_pact(w, *p), Some(w.name(p))));
            }
        }
    }
    out
}

/// The conditions of every treaty that obliges `a` to defend `b` (as written either way), for
/// a picture: empty when some treaty obliges it without any.
pub fn duty_limits(w: &World, a: Sym, b: Sym) -> Vec<String> {
    let (a, b) = (Const::Sym(a), Const::Sym(b));
    let mut all: Vec<String> = Vec::new();
    for (limits, pact) in sources(w, a, b) {
        if pact.is_some() {
            continue;
        }
        let words = limits.words(w);
        if words.is_empty() {
            return Vec::new();
        }
        for word in words {
            if !all.contains(&word) {
                all.push(word);
            }
        }
    }
    all
}
