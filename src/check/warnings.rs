//! Warnings: things that are allowed but probably not meant. They never stop a program.

use indexmap::{IndexMap, IndexSet};

use super::names::NameKind;
use super::Ctx;
use crate::diag::{Code, Diag};
use crate::program::Const;
use crate::source::{FileId, Span, Sym};
use crate::syntax::ast::{File, Ident, Stmt};
use crate::theory::rels;

/// The passes that warn about the world's commitments as a whole: what a treaty, pact or
/// threat typed at the REPL may change anywhere in the world, so they run again after one
/// (`piece.rs`, which runs only those the piece can change).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Pass {
    /// Who a threat or a duty leaves without a GDP to weigh; threats without a target.
    Gdp,
    /// Whether anything the file commits anyone to is in force today.
    InForce,
    /// Duties limited to regions a state lacks, or that no state is in.
    Regions,
    /// The duties a pact written without an obligation gives.
    PactDuties,
}

impl Pass {
    pub(super) const ALL: [Pass; 4] = [Pass::Gdp, Pass::InForce, Pass::Regions, Pass::PactDuties];

    /// The codes of the warnings the pass gives.
    pub(super) fn codes(self) -> &'static [Code] {
        match self {
            Pass::Gdp => &[Code::MissingGdp, Code::EmptyThreat],
            Pass::InForce => &[Code::NothingInForce],
            Pass::Regions => &[Code::NoRegion, Code::UnknownRegion],
            Pass::PactDuties => &[Code::PactDuties],
        }
    }
}

/// The warnings of `passes` (a missing GDP matters only to the standard theory, `prelude`).
pub(super) fn on_commitments(
    ctx: &Ctx,
    files: &[(FileId, &File)],
    prelude: bool,
    passes: &[Pass],
) -> Vec<Diag> {
    let mut out = Vec::new();
    for pass in passes {
        match pass {
            Pass::Gdp => out.extend(
                missing_gdp(ctx, files)
                    .into_iter()
                    .filter(|d| prelude || d.code != Code::MissingGdp),
            ),
            Pass::InForce => nothing_in_force(ctx, &mut out),
            Pass::Regions => {
                no_region(ctx, &mut out);
                unknown_region(ctx, &mut out);
            }
            Pass::PactDuties => pact_duties(ctx, files, &mut out),
        }
    }
    out
}

/// A declared state that nothing mentions: often a typo elsewhere, or a leftover.
pub(super) fn unused_states(ctx: &mut Ctx, _files: &[(FileId, &File)]) {
    let unused: Vec<(Sym, crate::source::Span)> = ctx
        .program
        .states
        .iter()
        .filter(|(name, _)| !ctx.used.contains(*name))
        .map(|(name, info)| (*name, info.span))
        .collect();
    for (name, span) in unused {
        ctx.diags.push(unused_state(name, span));
    }
}

/// The warning that the state `name`, declared at `span`, is used nowhere.
pub(super) fn unused_state(name: Sym, span: Span) -> Diag {
    Diag::warning(
        Code::UnusedState,
        format!("`{name}` is declared but used nowhere"),
    )
    .label(
        span,
        "no treaty, pact, threat, fact or question mentions it",
    )
    .help("add its commitments or threats, or delete the declaration")
}

/// Threats without a target, and states without a `gdp` whose balance the standard theory
/// needs: a threat, a threatened state, or a defender of a threatened state (named by a treaty
/// or a pact). Each is warned about once, at its declaration, where the figure goes.
pub(super) fn missing_gdp(ctx: &Ctx, files: &[(FileId, &File)]) -> Vec<Diag> {
    let mut with_gdp = subjects(ctx, rels::GDP);
    // A `gdp` written but refused (`gdp: 0T`, `gdp: "big"`) already has its error; saying the
    // state has none would contradict the script.
    with_gdp.extend(written_gdp(files));
    let is_state = |s: &Sym| matches!(ctx.names.declared.get(s), Some((NameKind::State, _)));
    let mut reasons: IndexMap<Sym, (String, Span)> = IndexMap::new();
    // The reason is written only for a state that lacks a GDP and has none yet: in a large
    // world almost every state has one, and writing them all cost more than the check.
    let mut note = |state: Sym, reason: &dyn Fn() -> String, span: Span| {
        if !with_gdp.contains(&state) {
            reasons.entry(state).or_insert_with(|| (reason(), span));
        }
    };
    let mut out = Vec::new();
    let groups = group_members(ctx);
    let mut threatened: Vec<(Sym, Sym, Span)> = Vec::new();
    for (_, file) in files {
        for stmt in &file.stmts {
            let Stmt::Threat { by, targets, .. } = &stmt.node else {
                continue;
            };
            if targets.is_empty() {
                out.push(
                    Diag::warning(
                        Code::EmptyThreat,
                        format!("`{}` threatens no one here", by.node),
                    )
                    .label(stmt.span, "the list after `against` is empty")
                    .help("list the threatened states, pacts or blocs after `against`"),
                );
                continue;
            }
            if is_state(&by.node) {
                note(
                    by.node,
                    &|| format!("it threatens {}, but has no GDP to weigh", targets[0].node),
                    by.span,
                );
            }
            for t in targets {
                let states = if is_state(&t.node) {
                    vec![t.node]
                } else {
                    groups.get(&t.node).cloned().unwrap_or_default()
                };
                for x in states {
                    note(
                        x,
                        &|| format!("threatened by {}, but without a GDP", by.node),
                        t.span,
                    );
                    threatened.push((x, by.node, t.span));
                }
            }
        }
    }
    let defenders = all_defenders(ctx, &groups);
    for (x, t, span) in threatened {
        for d in defenders.get(&x).into_iter().flatten().copied() {
            note(
                d,
                &|| format!("it must defend {x}, which {t} threatens, but has no GDP"),
                span,
            );
        }
    }
    for (state, (reason, fallback)) in reasons {
        let span = ctx.program.states.get(&state).map_or(fallback, |i| i.span);
        out.push(
            Diag::warning(Code::MissingGdp, format!("`{state}` has no `gdp`"))
                .label(span, reason)
                .help(format!(
                    "add its GDP to the declaration, as in `state {state} {{ gdp: ... }}` with a figure such as `1.7T`; until then the balances it takes part in are undetermined"
                )),
        );
    }
    out
}

/// The states whose declaration writes a `gdp`, whether or not the checker accepted it.
fn written_gdp<'a>(files: &'a [(FileId, &File)]) -> impl Iterator<Item = Sym> + 'a {
    files
        .iter()
        .flat_map(|(_, file)| &file.stmts)
        .filter_map(|stmt| match &stmt.node {
            Stmt::State {
                name,
                attrs: Some(attrs),
                ..
            } if attrs.iter().any(|a| a.key.node.as_str() == rels::GDP) => Some(name.node),
            _ => None,
        })
}

/// The first argument of every fact of a relation (the states with a given attribute).
fn subjects(ctx: &Ctx, rel: &str) -> IndexSet<Sym> {
    let rel = ctx.program.relation(rel);
    ctx.program
        .facts
        .iter()
        .filter(|f| Some(f.rel) == rel)
        .filter_map(|f| match f.args.first() {
            Some(Const::Sym(s)) => Some(*s),
            _ => None,
        })
        .collect()
}

/// The members of every pact and bloc, in the order declared, built in one pass over the facts
/// (a scan per threatened group would be quadratic).
fn group_members(ctx: &Ctx) -> IndexMap<Sym, Vec<Sym>> {
    let member = ctx.program.relation(rels::MEMBER);
    let mut members: IndexMap<Sym, Vec<Sym>> = IndexMap::new();
    for f in ctx.program.facts.iter().filter(|f| Some(f.rel) == member) {
        if let (Some(Const::Sym(m)), Some(Const::Sym(g))) = (f.args.first(), f.args.get(1)) {
            members.entry(*g).or_default().push(*m);
        }
    }
    members
}

/// The states each state's treaties and pacts of defence oblige to defend it, as declared,
/// built in one pass over the facts (a scan per threatened state would be quadratic).
fn all_defenders(ctx: &Ctx, members: &IndexMap<Sym, Vec<Sym>>) -> IndexMap<Sym, Vec<Sym>> {
    let sym = |c: Option<&Const>| match c {
        Some(Const::Sym(s)) => Some(*s),
        _ => None,
    };
    let rel = |name: &str| ctx.program.relation(name);
    let (treaty, pact) = (rel(rels::TREATY), rel(rels::PACT));
    let mut out: IndexMap<Sym, Vec<Sym>> = IndexMap::new();
    for f in &ctx.program.facts {
        let defence = sym(f.args.last()).is_some_and(|o| o.as_str() == "defence");
        if Some(f.rel) == treaty && defence {
            let (Some(a), Some(b)) = (sym(f.args.first()), sym(f.args.get(1))) else {
                continue;
            };
            out.entry(b).or_default().push(a);
            if sym(f.args.get(2)).is_some_and(|d| d.as_str() == "mutual") {
                out.entry(a).or_default().push(b);
            }
        }
        if Some(f.rel) == pact && defence {
            let Some(list) = sym(f.args.first()).and_then(|p| members.get(&p)) else {
                continue;
            };
            for x in list {
                out.entry(*x)
                    .or_default()
                    .extend(list.iter().filter(|m| *m != x));
            }
        }
    }
    out
}

/// An attribute key of the script's own that is spelled like a standard one (`gpd`, `nucelar`)
/// and that no rule or question reads: most likely a typo, which would leave the standard
/// theory without the figure. A key that some rule, question or expectation uses is meant.
pub(super) fn attribute_spelling(ctx: &mut Ctx) {
    let standard: Vec<&str> = super::KNOWN_ATTRS.iter().map(|(k, _)| *k).collect();
    let read = read_relations(&ctx.program);
    let mut found = Vec::new();
    for (key, spans) in &ctx.own_keys {
        let Some(meant) = nearest_standard(key.as_str(), &standard) else {
            continue;
        };
        let rel = ctx.program.relation_ids.get(key);
        if rel.is_some_and(|r| read.contains(r)) {
            continue;
        }
        // At every use: a state given the slip silently lacks the attribute, each of them.
        for span in spans {
            found.push(
                Diag::warning(
                    Code::AttributeSpelling,
                    format!("`{key}` is not a standard attribute: did you mean `{meant}`?"),
                )
                .label(*span, format!("a new attribute `{key}`, which nothing reads"))
                .help(format!(
                    "the standard theory reads `{meant}`; if `{key}` is an attribute of your own, a rule or question that uses it makes this warning go"
                ))
                .fix(*span, meant),
            );
        }
    }
    ctx.diags.extend(found);
}

/// The standard key `key` most likely stands for: a slip of it (`nucelar`), or a longer or
/// shorter form of it (`nuclear_armed`, `target` for `spending_target`, `gdp_usd`).
fn nearest_standard<'a>(key: &str, standard: &[&'a str]) -> Option<&'a str> {
    let lower = key.to_lowercase();
    standard
        .iter()
        .copied()
        .find(|s| looks_like(key, s))
        .or_else(|| {
            let words: Vec<&str> = lower.split('_').filter(|w| w.len() > 2).collect();
            // `nuclear_armed` holds `nuclear`; `target` is a part of `spending_target`; the
            // key sharing the most words wins (`spending_goal` is nearer `spending` than not).
            let shared = |s: &str| {
                words
                    .iter()
                    .filter(|w| s.split('_').any(|p| p == **w))
                    .count()
            };
            standard
                .iter()
                .copied()
                .filter(|s| lower != *s && shared(s) > 0)
                .max_by_key(|s| (shared(s), std::cmp::Reverse(s.len())))
        })
}

/// Every relation that a rule body, a question or an expectation reads.
fn read_relations(program: &crate::program::Program) -> IndexSet<crate::program::RelId> {
    use crate::program::Ask;
    let mut out = IndexSet::new();
    let mut read = |body: &[crate::program::Literal]| {
        super::strata::uses(body, false, &mut |rel, _, _, _| {
            out.insert(rel);
        })
    };
    for rule in &program.rules {
        read(&rule.body);
    }
    let asks = program
        .asks
        .iter()
        .chain(program.scenarios.iter().flat_map(|s| s.asks.iter()));
    let mut why = Vec::new();
    for (ask, _) in asks {
        match ask {
            Ask::Query(q) | Ask::Expect { query: q, .. } => read(&q.body),
            Ask::Why(atom) => why.push(atom.rel),
        }
    }
    out.extend(why);
    out
}

/// Whether `key` is a slip for the standard key `standard`: one edit away (a letter missing,
/// added, changed, or two swapped: `gpd`, `nucelar`), or two for keys longer than four letters.
fn looks_like(key: &str, standard: &str) -> bool {
    let allowed = if standard.len() <= 4 { 1 } else { 2 };
    key != standard && strsim::osa_distance(&key.to_lowercase(), standard) <= allowed
}

/// A file whose commitments have all ended, read as it stands today: an old world (Europe in
/// 1914) run without `as of` shows nothing, which is rarely what was meant.
fn nothing_in_force(ctx: &Ctx, out: &mut Vec<Diag>) {
    if ctx.program.as_of.is_some() {
        return;
    }
    // Four relations: a list is quicker to search than a hashed set, once per fact.
    let commitments: Vec<_> = [rels::TREATY, rels::MEMBER, rels::PARTNER, rels::TROOPS]
        .iter()
        .filter_map(|r| ctx.program.relation(r))
        .collect();
    let stated = ctx
        .program
        .facts
        .iter()
        .filter(|f| f.origin == crate::program::Origin::Script && commitments.contains(&f.rel));
    let mut latest: Option<(i32, Span)> = None;
    for fact in stated {
        match fact.years.until {
            None => return,
            Some(u) if latest.is_none_or(|(l, _)| u > l) => latest = Some((u, fact.span)),
            Some(_) => {}
        }
    }
    let Some((year, span)) = latest else { return };
    out.push(
        Diag::warning(
            Code::NothingInForce,
            "nothing this file commits anyone to is in force today",
        )
        .label(span, format!("the last commitment to end, in {year}"))
        .help(format!(
            "without `as of`, a world is read as it stands today, when every commitment here has ended; add `as of {year}` (or run with `--as-of {year}`) to read it as it stood then"
        )),
    );
}

/// The pacts whose obligation is `defence`: the only ones whose conditions the standard
/// theory reads.
fn defence_pacts(p: &crate::program::Program) -> IndexSet<Const> {
    let defence = Const::Sym(Sym::new(crate::theory::words::DEFENCE));
    let pact = p.relation(rels::PACT);
    p.facts
        .iter()
        .filter(|f| Some(f.rel) == pact && f.args.get(1) == Some(&defence))
        .filter_map(|f| f.args.first().copied())
        .collect()
}

/// A duty limited to regions (`in Asia`) owed to a state that has no `region`: it never
/// applies, which is rarely what was meant.
fn no_region(ctx: &Ctx, out: &mut Vec<Diag>) {
    let p = &ctx.program;
    // Looked up once: a lookup by name takes the lock of the table of names.
    let [region, treaty_in, pact_in, treaty, member] = [
        rels::REGION,
        rels::TREATY_IN,
        rels::PACT_IN,
        rels::TREATY,
        rels::MEMBER,
    ]
    .map(|name| p.relation(name));
    let with_region: IndexSet<Const> = p
        .facts
        .iter()
        .filter(|f| Some(f.rel) == region)
        .filter_map(|f| f.args.first().copied())
        .collect();
    let mut owed: IndexMap<Const, Span> = IndexMap::new();
    // Only a defence duty's region matters: the standard theory reads no other's conditions,
    // so `in Asia` on a consultation treaty limits nothing a state could miss.
    let defence = Const::Sym(Sym::new(crate::theory::words::DEFENCE));
    // Treaties: the defended parties of each defence treaty limited to regions.
    let limited: IndexSet<(Const, Const)> = p
        .facts
        .iter()
        .filter(|f| Some(f.rel) == treaty_in && f.args.get(2) == Some(&defence))
        .filter_map(|f| Some((*f.args.first()?, *f.args.get(1)?)))
        .collect();
    let defence_pacts = defence_pacts(p);
    let pacts: IndexSet<Const> = p
        .facts
        .iter()
        .filter(|f| Some(f.rel) == pact_in)
        .filter_map(|f| f.args.first().copied())
        .filter(|g| defence_pacts.contains(g))
        .collect();
    for f in &p.facts {
        if Some(f.rel) == treaty {
            if let [a, b, dir, obl] = f.args.as_slice() {
                if *obl == defence && limited.contains(&(*a, *b)) {
                    owed.entry(*b).or_insert(f.span);
                    if matches!(dir, Const::Sym(s) if s.as_str() == crate::theory::words::MUTUAL) {
                        owed.entry(*a).or_insert(f.span);
                    }
                }
            }
        } else if Some(f.rel) == member {
            if let [m, g] = f.args.as_slice() {
                if pacts.contains(g) {
                    owed.entry(*m).or_insert(f.span);
                }
            }
        }
    }
    let missing: Vec<(Const, Span)> = owed
        .into_iter()
        .filter(|(s, _)| !with_region.contains(s))
        .collect();
    for (state, span) in missing {
        let name = crate::words::show_const(state);
        out.push(
            Diag::warning(
                Code::NoRegion,
                format!("`{name}` has no region, so a duty limited to regions never applies to it"),
            )
            .label(span, format!("a duty to `{name}` limited with `in`"))
            .help(format!(
                "give `{name}` its region (`state {name} {{ region: Asia }}`), or drop the `in` clause"
            )),
        );
    }
}

/// A duty limited to a region no state of the world is in (`in Pacific` where states have
/// `region: Oceania`): it protects no one, which is almost always a misspelling.
fn unknown_region(ctx: &Ctx, out: &mut Vec<Diag>) {
    let p = &ctx.program;
    let [region, treaty_in, pact_in] =
        [rels::REGION, rels::TREATY_IN, rels::PACT_IN].map(|name| p.relation(name));
    let known: IndexSet<Const> = p
        .facts
        .iter()
        .filter(|f| Some(f.rel) == region)
        .filter_map(|f| f.args.get(1).copied())
        .collect();
    if known.is_empty() {
        // `no_region` already says that the states have no regions at all.
        return;
    }
    // The regions each `in` clause names, by the statement that names them, and whether the
    // clause limits a duty to defend (the only conditions the standard theory reads).
    let defence = Const::Sym(Sym::new(crate::theory::words::DEFENCE));
    let defence_pacts = defence_pacts(p);
    let mut clauses: IndexMap<Span, (bool, IndexSet<Const>)> = IndexMap::new();
    for f in &p.facts {
        let (region, limits_defence) = if Some(f.rel) == treaty_in {
            (f.args.get(3), f.args.get(2) == Some(&defence))
        } else if Some(f.rel) == pact_in {
            (
                f.args.get(1),
                f.args.first().is_some_and(|g| defence_pacts.contains(g)),
            )
        } else {
            (None, false)
        };
        if let Some(r) = region {
            let entry = clauses.entry(f.span).or_default();
            entry.0 |= limits_defence;
            entry.1.insert(*r);
        }
    }
    let regions: Vec<String> = known.iter().map(|r| crate::words::show_const(*r)).collect();
    let closest = |name: &str| super::suggest(name, regions.iter().map(String::as_str));
    let mut warned: IndexSet<Const> = IndexSet::new();
    for (span, (limits_defence, named)) in clauses {
        let unknown: Vec<Const> = named
            .iter()
            .filter(|r| !known.contains(*r))
            .copied()
            .collect();
        // A duty to defend that no region leaves owed to anyone is worth a word; on another
        // obligation, whose conditions decide nothing, only a likely misspelling is.
        let none_known = limits_defence && unknown.len() == named.len();
        for region in unknown {
            let name = crate::words::show_const(region);
            let near = closest(&name);
            // A treaty area may name a region where no state of this world happens to be
            // (`in Asia, Oceania`); that is only worth a word when it looks like a misspelling
            // or leaves the duty applying nowhere.
            if (near.is_none() && !none_known) || !warned.insert(region) {
                continue;
            }
            let help = match near {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!(
                    "the regions of this world's states are {}",
                    crate::words::and_list(&regions, 8)
                ),
            };
            let message = if none_known {
                format!("no state is in the region `{name}`, so this duty never applies")
            } else {
                format!("no state is in the region `{name}`")
            };
            out.push(
                Diag::warning(Code::UnknownRegion, message)
                    .label(span, format!("limited to `{name}` with `in`"))
                    .help(help),
            );
        }
    }
}

/// `pact AUKUS { US, UK, Australia }` with no obligation written is a defence pact: its
/// members must defend one another. When that gives duties no treaty or other pact gives, say
/// so, since an article's "defence pact" is often a partnership without a duty to defend.
fn pact_duties(ctx: &Ctx, files: &[(FileId, &File)], out: &mut Vec<Diag>) {
    let p = &ctx.program;
    let (treaty, pact, member) = (
        p.relation(rels::TREATY),
        p.relation(rels::PACT),
        p.relation(rels::MEMBER),
    );
    let defence = Const::Sym(Sym::new(crate::theory::words::DEFENCE));
    let sym = |c: &Const| match c {
        Const::Sym(s) => Some(*s),
        _ => None,
    };
    let mut bound: IndexSet<(Sym, Sym)> = IndexSet::new();
    for f in p
        .facts
        .iter()
        .filter(|f| Some(f.rel) == treaty && f.args.get(3) == Some(&defence))
    {
        if let (Some(a), Some(b)) = (f.args.first().and_then(sym), f.args.get(1).and_then(sym)) {
            bound.extend([(a, b), (b, a)]);
        }
    }
    let defence_pacts: IndexSet<Sym> = p
        .facts
        .iter()
        .filter(|f| Some(f.rel) == pact && f.args.get(1) == Some(&defence))
        .filter_map(|f| f.args.first().and_then(sym))
        .collect();
    // A member listed twice (left and came back) is one member.
    let mut members: IndexMap<Sym, IndexSet<Sym>> = IndexMap::new();
    for f in p.facts.iter().filter(|f| Some(f.rel) == member) {
        if let (Some(a), Some(x)) = (f.args.first().and_then(sym), f.args.get(1).and_then(sym)) {
            if defence_pacts.contains(&x) {
                members.entry(x).or_default().insert(a);
            }
        }
    }
    let unwritten: Vec<&Ident> = files
        .iter()
        .flat_map(|(_, file)| &file.stmts)
        .filter_map(|stmt| match &stmt.node {
            Stmt::Pact {
                name,
                obligation: None,
                ..
            } => Some(name),
            _ => None,
        })
        .collect();
    // How many defence pacts bind each ordered pair: a pact's own pairs are given by another
    // pact when two bind them. Counted once, so a world of many pacts stays linear in pairs.
    let mut pacts_binding: IndexMap<(Sym, Sym), usize> = IndexMap::new();
    for ms in members.values() {
        for a in ms {
            for b in ms {
                *pacts_binding.entry((*a, *b)).or_default() += 1;
            }
        }
    }
    let mut found = Vec::new();
    for name in unwritten {
        let own: Vec<Sym> = members
            .get(&name.node)
            .map(|m| m.iter().copied().collect())
            .unwrap_or_default();
        let given = |x: Sym, y: Sym| {
            bound.contains(&(x, y)) || pacts_binding.get(&(x, y)).is_some_and(|n| *n > 1)
        };
        let mut new_pairs = Vec::new();
        for (i, a) in own.iter().enumerate() {
            for b in &own[i + 1..] {
                if a != b && !(given(*a, *b) && given(*b, *a)) {
                    new_pairs.push(format!("between {a} and {b}"));
                }
            }
        }
        if new_pairs.is_empty() {
            continue;
        }
        let list = if new_pairs.len() > 4 {
            format!(
                "{}, and {} more pairs",
                new_pairs[..3].join(", "),
                new_pairs.len() - 3
            )
        } else {
            crate::words::and_list(&new_pairs, 4)
        };
        found.push(
            Diag::note(
                Code::PactDuties,
                format!("the pact `{}` makes its members defend one another", name.node),
            )
            .label(name.span, format!("a defence pact: new duties {list}"))
            .help(format!(
                "a pact without an obligation written is a defence pact; if `{n}` is a partnership without a duty to defend, write `group {n} technology {{ ... }}` (or `pact {n} consultation {{ ... }}`); if its members must defend one another, write `pact {n} defence {{ ... }}` and this note goes",
                n = name.node
            )),
        );
    }
    out.extend(found);
}
