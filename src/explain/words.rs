//! Facts, rules, statements and conditions in words, for explanations and for every other
//! layer that names a fact (the report, `:show`, scenario summaries).

use super::tree::{Basis, Cited, Condition, Place, RuleOrigin};
use crate::eval::solve::Env;
use crate::eval::values::Value;
use crate::eval::Model;
use crate::program::{Atom, Const, Expr, Literal, Origin, Program, RelId, Rule, Term};
use crate::source::{Sources, Sym};
use crate::syntax::ast::CmpOp;
use crate::theory::{rels, words};
use crate::words::show_const;

/// A fact in words: `defends(US, Japan)` is "US must defend Japan".
pub fn phrase(program: &Program, rel: RelId, args: &[Const]) -> String {
    // States appear under their display names, as everywhere else a reader looks.
    let a: Vec<String> = args.iter().map(|c| shown(program, c)).collect();
    let arg = |i: usize| a.get(i).cloned().unwrap_or_default();
    let of = |i: usize| possessive(&arg(i));
    let name = program.rel(rel).name;
    let text = match (name.as_str(), a.len()) {
        (rels::STATE, 1) => format!("{} is a state", arg(0)),
        (rels::TREATY, 4) if arg(2) == words::ONE_WAY => {
            format!("a one-way {} treaty binds {} to {}", arg(3), arg(0), arg(1))
        }
        (rels::TREATY, 4) => format!("a mutual {} treaty binds {} and {}", arg(3), arg(0), arg(1)),
        (rels::PACT, 2) => format!("{} is a {} pact", arg(0), arg(1)),
        (rels::MEMBER, 2) => format!("{} is a member of {}", arg(0), arg(1)),
        (rels::GROUP, 2) => format!("{} is a group for {}", arg(0), arg(1)),
        (rels::BLOC, 1) => format!("{} is a bloc", arg(0)),
        (rels::PARTNER, 2) => format!("{} is a partner of {}", arg(0), arg(1)),
        (rels::THREATENS, 2) => format!("{} threatens {}", arg(0), arg(1)),
        (rels::THREATENS_ALL, 2) => format!("{} threatens every member of {}", arg(0), arg(1)),
        (rels::TROOPS, 3) => format!("{} keeps {} troops in {}", arg(0), arg(2), arg(1)),
        (rels::GDP, 2) => format!("{} GDP is {}", of(0), arg(1)),
        (rels::NUCLEAR, 1) => format!("{} has nuclear weapons", arg(0)),
        (rels::SPENDING, 2) => format!("{} spends {} of GDP on defence", arg(0), arg(1)),
        (rels::SPENDING_TARGET, 2) => format!("{} spending target is {} of GDP", of(0), arg(1)),
        (rels::REGION, 2) => format!("{} is in {}", arg(0), arg(1)),
        (rels::DEFENDS, 2) => format!("{} must defend {}", arg(0), arg(1)),
        (rels::ALLIED, 2) => format!("{} and {} are allied", arg(0), arg(1)),
        (rels::SUPPORTS, 2) => {
            format!("{} supports {} without a duty to defend it", arg(0), arg(1))
        }
        (rels::COOPERATES, 3) => format!("{} and {} cooperate on {}", arg(0), arg(1), arg(2)),
        (rels::UMBRELLA, 2) => format!("{} holds a nuclear umbrella over {}", arg(0), arg(1)),
        (rels::COVERED, 1) => format!("{} is under a nuclear umbrella", arg(0)),
        (rels::TREATY_DUTY, 4) => format!(
            "the treaty of {} and {} obliges {} to defend {}",
            arg(2),
            arg(3),
            arg(0),
            arg(1)
        ),
        (rels::TREATY_VOID, 4) => format!(
            "the treaty of {} and {} does not oblige anyone to defend {} against {}",
            arg(2),
            arg(3),
            arg(0),
            arg(1)
        ),
        (rels::PACT_VOID, 3) => format!(
            "{} does not oblige its members to defend {} against {}",
            arg(2),
            arg(0),
            arg(1)
        ),
        (rels::TREATY_COVERS_REGION, 3) => format!(
            "the treaty of {} and {} covers {} region",
            arg(1),
            arg(2),
            of(0)
        ),
        (rels::PACT_COVERS_REGION, 2) => format!("{} covers {} region", arg(1), of(0)),
        (rels::TREATY_LIMITED, 2) => format!(
            "the defence treaty of {} and {} has conditions",
            arg(0),
            arg(1)
        ),
        (rels::PACT_LIMITED, 1) => format!("{} has conditions", arg(0)),
        (rels::CONDITIONAL, 2) => format!("{} duty to defend {} has conditions", of(0), arg(1)),
        (rels::SECRET_DUTY, 2) => format!("{} duty to defend {} is secret", of(0), arg(1)),
        (rels::OBLIGED, 3) => format!("{} must defend {} against {}", arg(0), arg(1), arg(2)),
        (rels::COALITION, 3) if arg(0) == arg(1) => {
            format!("{} counts in its own coalition against {}", arg(0), arg(2))
        }
        (rels::COALITION, 3) => {
            format!("{} is in {} coalition against {}", arg(0), of(1), arg(2))
        }
        (rels::COVERED_AGAINST, 2) => format!(
            "{} is under a nuclear umbrella against {}",
            arg(0),
            arg(1)
        ),
        (rels::POWER, 3) => format!(
            "{} coalition against {} has a combined GDP of {}",
            of(0),
            arg(1),
            arg(2)
        ),
        (rels::BALANCE, 3) => format!(
            "{} coalition has {} times the GDP of {}",
            of(0),
            arg(2),
            arg(1)
        ),
        (rels::DETERS, 2) => format!("{} can deter {}", arg(0), arg(1)),
        (rels::EXPOSED, 2) => format!("{} is exposed to {}", arg(0), arg(1)),
        (rels::UNDETERMINED, 2) => format!(
            "whether {} can deter {} is undetermined: a GDP is missing",
            arg(0),
            arg(1)
        ),
        (rels::UNGUARANTEED, 1) => format!("{} is threatened and no state must defend it", arg(0)),
        (rels::BLOC_BALANCE, 3) => format!(
            "the bloc {} has {} times the GDP of {}",
            arg(0),
            arg(2),
            arg(1)
        ),
        (rels::TRIPWIRE, 2) => format!("{} troops in {} are a tripwire", of(0), arg(1)),
        (rels::SPENDING_GAP, 2) => format!(
            "{} defence spending is {} of GDP below its target",
            of(0),
            arg(1)
        ),
        (rels::HUB, 1) => format!("{} is a hub of the alliance network", arg(0)),
        (rels::SPOKE, 2) => format!("{} is a spoke of {}", arg(0), arg(1)),
        (rels::NUCLEAR_EXPOSED, 2) => {
            format!("{} nuclear threat to {} has no answer", of(1), arg(0))
        }
        (rels::GDP_MISSING, 1) => format!("{} has no GDP figure", arg(0)),
        (rels::HAS_GDP, 1) => format!("{} has a GDP figure", arg(0)),
        (rels::POWER_UNKNOWN, 2) => format!(
            "the combined GDP of {} coalition against {} is unknown",
            of(0),
            arg(1)
        ),
        (rels::PROVOKED, 2) => format!("{} provoked the threat from {}", arg(1), arg(0)),
        (rels::PROVOKED_ALL, 2) => {
            format!("the members of {} provoked the threat from {}", arg(1), arg(0))
        }
        (rels::TREATY_AGAINST, 4) => format!(
            "the {} treaty of {} and {} applies only against {} (and any others it lists)",
            arg(2),
            arg(0),
            arg(1),
            arg(3)
        ),
        (rels::TREATY_IN, 4) => format!(
            "the {} treaty of {} and {} applies only to states in {} (and any other regions it lists)",
            arg(2),
            arg(0),
            arg(1),
            arg(3)
        ),
        (rels::TREATY_UNLESS_PROVOKED, 3) => format!(
            "the {} treaty of {} and {} does not apply to a provoked threat",
            arg(2),
            arg(0),
            arg(1)
        ),
        (rels::TREATY_SECRET, 3) => {
            format!("the {} treaty of {} and {} is secret", arg(2), arg(0), arg(1))
        }
        (rels::PACT_AGAINST, 2) => format!(
            "{} applies only against {} (and any others it lists)",
            arg(0),
            arg(1)
        ),
        (rels::PACT_IN, 2) => format!(
            "{} applies only to members in {} (and any other regions it lists)",
            arg(0),
            arg(1)
        ),
        (rels::PACT_UNLESS_PROVOKED, 1) => {
            format!("{} does not apply to a provoked threat", arg(0))
        }
        (rels::PACT_SECRET, 1) => format!("{} is secret", arg(0)),
        (rels::BALANCE_THRESHOLD, 1) => format!("the balance threshold is {}", arg(0)),
        _ => return atom_text(program, rel, args),
    };
    text
}

/// A constant as a reader sees it: a state by its display name.
pub fn shown(program: &Program, c: &Const) -> String {
    match c {
        Const::Sym(s) => program.display(*s).to_string(),
        other => crate::words::prose(*other),
    }
}

/// `Japan's`, `United States'`.
pub fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// `defends(US, Japan)`.
pub fn atom_text(program: &Program, rel: RelId, args: &[Const]) -> String {
    let a: Vec<String> = args.iter().map(|c| show_const(*c)).collect();
    format!("{}({})", program.rel(rel).name, a.join(", "))
}

/// A rule as an explanation cites it, and its place when a script wrote it.
pub(super) fn cited(rule: &Rule, sources: &Sources) -> (Cited, Option<Place>) {
    let (rule, origin, place) = match rule.origin {
        Origin::Language => (
            "a threat against a pact, group or bloc, provoked or not, reaches each of its members"
                .to_string(),
            RuleOrigin::Language,
            None,
        ),
        Origin::Prelude => (rule_text(rule, sources), RuleOrigin::Theory, None),
        Origin::Script => (
            rule_text(rule, sources),
            RuleOrigin::Script,
            Some(Place::of(sources, rule.span)),
        ),
    };
    (Cited { rule, origin }, place)
}

/// A rule's text on one line, without its keyword.
fn rule_text(rule: &Rule, sources: &Sources) -> String {
    let text = one_line(sources.text(rule.span));
    text.strip_prefix("rule ").unwrap_or(&text).to_string()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How the base fact stated at `index` was stated: by a statement of a script (its first
/// line, cut to 70 characters) or by a setting of the standard theory.
pub(super) fn statement(model: &Model, sources: &Sources, index: u32) -> (Basis, Option<Place>) {
    let Some(fact) = model.stated.get(index as usize) else {
        return (Basis::Fact, None);
    };
    if fact.origin == Origin::Prelude {
        return (Basis::Setting, None);
    }
    let text = sources.text(fact.span);
    let first = text.lines().next().unwrap_or("").trim();
    let statement = if first.chars().count() > 70 || text.lines().count() > 1 {
        let cut: String = first.chars().take(67).collect();
        format!("{cut} ...")
    } else {
        first.to_string()
    };
    (
        Basis::Stated {
            statement,
            years: match fact.years.words() {
                w if w.is_empty() => w,
                w => format!("in force {w}"),
            },
        },
        Some(Place::of(sources, fact.span)),
    )
}

/// A condition of a rule's body other than an atom, with its values filled in.
pub(super) fn condition(
    program: &Program,
    model: &Model,
    lit: &Literal,
    env: &Env,
    vars: &[Sym],
) -> (String, Condition) {
    let show = |v: Option<Value>| v.map_or("?".to_string(), |v| show_const(model.values.get(v)));
    let var_name = |v: u32| show(env.get(v as usize).copied().flatten());
    match lit {
        Literal::Neg(a) => {
            let args = ground_named(a, env, model, vars);
            let text = format!(
                "and not {}: no such fact holds",
                atom_text(program, a.rel, &args)
            );
            (text, Condition::Negation)
        }
        Literal::Compare { op, lhs, rhs, .. } => (
            format!("and {} holds", comparison(*op, lhs, rhs, env, model)),
            Condition::Comparison,
        ),
        Literal::Assign { var, expr, .. } => (
            format!("where {} = {}", var_name(*var), expr_text(expr, env, model)),
            Condition::Assignment,
        ),
        Literal::Aggregate { var, op, .. } => {
            let what = match op {
                crate::syntax::ast::AggOp::Sum => "sum",
                crate::syntax::ast::AggOp::Count => "number of distinct values",
                crate::syntax::ast::AggOp::Min => "smallest",
                crate::syntax::ast::AggOp::Max => "largest",
            };
            (
                format!("where the {what} is {}", var_name(*var)),
                Condition::Aggregate,
            )
        }
        // Atoms are facts, explained as steps of their own; this is never asked.
        Literal::Pos(a) => (
            atom_text(program, a.rel, &ground(a, env, model).unwrap_or_default()),
            Condition::Negation,
        ),
    }
}

/// A literal's place, when a script wrote its rule.
pub(super) fn literal_place(rule: &Rule, lit: &Literal, sources: &Sources) -> Option<Place> {
    if rule.origin != Origin::Script {
        return None;
    }
    Some(Place::of(sources, lit.span()))
}

/// An atom's arguments under `env`: `None` when a variable is unbound, `_` for `_`.
pub(super) fn ground(a: &Atom, env: &Env, model: &Model) -> Option<Vec<Const>> {
    a.args
        .iter()
        .map(|t| match t {
            Term::Const(c) => Some(*c),
            Term::Var(v) => env
                .get(*v as usize)
                .copied()
                .flatten()
                .map(|v| model.values.get(v)),
            Term::Anon => Some(anonymous()),
        })
        .collect()
}

/// A negated atom's arguments under `env`; a variable local to the atom (`not r(x, p, p)`)
/// keeps its name.
pub(super) fn ground_named(a: &Atom, env: &Env, model: &Model, vars: &[Sym]) -> Vec<Const> {
    a.args
        .iter()
        .map(|t| match t {
            Term::Const(c) => *c,
            Term::Var(v) => match env.get(*v as usize).copied().flatten() {
                Some(value) => model.values.get(value),
                None => Const::Sym(vars.get(*v as usize).copied().unwrap_or(Sym::new("_"))),
            },
            Term::Anon => anonymous(),
        })
        .collect()
}

/// The constant standing for `_` and for an argument not given.
pub(super) fn anonymous() -> Const {
    Const::Sym(Sym::new("_"))
}

/// A comparison with its values: `1.77 >= 1`.
pub(super) fn comparison(op: CmpOp, lhs: &Expr, rhs: &Expr, env: &Env, model: &Model) -> String {
    format!(
        "{} {} {}",
        expr_value(lhs, env, model),
        op.as_str(),
        expr_value(rhs, env, model)
    )
}

fn expr_value(e: &Expr, env: &Env, model: &Model) -> String {
    match e {
        Expr::Term(Term::Var(v), _) => env
            .get(*v as usize)
            .copied()
            .flatten()
            .map_or("?".into(), |v| show_const(model.values.get(v))),
        Expr::Term(Term::Const(c), _) => show_const(*c),
        other => expr_text(other, env, model),
    }
}

/// An expression with variables replaced by their values: `27.36T / 17.79T`.
fn expr_text(e: &Expr, env: &Env, model: &Model) -> String {
    match e {
        Expr::Term(..) => expr_value(e, env, model),
        Expr::Neg(inner, _) => format!("-{}", expr_text(inner, env, model)),
        Expr::Bin(op, a, b, _) => format!(
            "{} {} {}",
            expr_text(a, env, model),
            op.as_str(),
            expr_text(b, env, model)
        ),
    }
}

/// The bound variables of `env`, named by `vars`: `[("x", "Japan"), ("t", "China")]`.
pub(super) fn bindings(vars: &[Sym], env: &Env, model: &Model) -> Vec<(String, String)> {
    vars.iter()
        .enumerate()
        .filter_map(|(i, name)| {
            env.get(i)
                .copied()
                .flatten()
                .map(|v| (name.to_string(), show_const(model.values.get(v))))
        })
        .collect()
}

/// ` (with x = Japan, t = China)`, or nothing when nothing is bound.
pub(super) fn with_text(bindings: &[(String, String)]) -> String {
    if bindings.is_empty() {
        return String::new();
    }
    let pairs: Vec<String> = bindings.iter().map(|(n, v)| format!("{n} = {v}")).collect();
    format!(" (with {})", pairs.join(", "))
}
