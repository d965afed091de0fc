//! Explanations: why a fact holds (the tree of rules and stated facts that first derived it,
//! with the file and line of every statement) and why a fact does not hold (for each rule
//! that could derive it, the first condition that fails, and with which values).

use crate::eval::solve::{Env, FactRef, Solver};
use crate::eval::values::Value;
use crate::eval::{Model, Prov};
use crate::program::{Atom, Const, Literal, Origin, Program, RelId, Rule, Term};
use crate::source::Sources;
use crate::theory::{rels, words};
use crate::words::show_const;

/// How deep a why-not explanation follows failing conditions into other relations.
const WHY_NOT_DEPTH: usize = 3;

/// Explains a ground atom: its derivation if it holds, else why it does not.
pub fn why(program: &Program, model: &mut Model, sources: &Sources, atom: &Atom) -> String {
    let args: Vec<Const> = atom
        .args
        .iter()
        .map(|t| match t {
            Term::Const(c) => *c,
            _ => Const::Sym(crate::source::Sym::new("_")),
        })
        .collect();
    let mut out = String::new();
    match model.find(atom.rel, &args) {
        Some(id) => derivation(
            program,
            model,
            sources,
            FactRef { rel: atom.rel, id },
            0,
            &mut out,
        ),
        None => why_not(program, model, sources, atom.rel, &args, 0, &mut out),
    }
    out
}

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
        (rels::COALITION, 2) if arg(0) == arg(1) => {
            format!("{} counts in its own coalition", arg(0))
        }
        (rels::COALITION, 2) => format!("{} is in {} coalition", arg(0), of(1)),
        (rels::POWER, 2) => format!("{} coalition has a combined GDP of {}", of(0), arg(1)),
        (rels::BALANCE, 3) => format!(
            "{} coalition has {} times the GDP of {}",
            of(0),
            arg(2),
            arg(1)
        ),
        (rels::DETERRED, 2) => format!("{} can deter {}", arg(0), arg(1)),
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
        (rels::POWER_UNKNOWN, 1) => format!("the combined GDP of {} coalition is unknown", of(0)),
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

fn indent(depth: usize) -> String {
    "  ".repeat(depth)
}

fn rule_source(rule: &Rule, sources: &Sources) -> String {
    match rule.origin {
        Origin::Language => {
            "a threat against a pact, group or bloc reaches each of its members".to_string()
        }
        _ => {
            let text = sources
                .text(rule.span)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let text = text.strip_prefix("rule ").unwrap_or(&text).to_string();
            let place = if rule.origin == Origin::Prelude {
                "standard theory".to_string()
            } else {
                sources.location(rule.span)
            };
            format!("`{text}` ({place})")
        }
    }
}

/// The statement that stated a base fact, on one line, with its place.
fn statement_of(model: &Model, sources: &Sources, index: u32) -> String {
    let Some(fact) = model.stated.get(index as usize) else {
        return String::new();
    };
    if fact.origin == Origin::Prelude {
        return "a setting of the standard theory".to_string();
    }
    let text = sources.text(fact.span);
    let first = text.lines().next().unwrap_or("").trim();
    let shown = if first.chars().count() > 70 || text.lines().count() > 1 {
        let cut: String = first.chars().take(67).collect();
        format!("{cut} ...")
    } else {
        first.to_string()
    };
    format!("`{shown}`, {}", sources.location(fact.span))
}

/// A fact's provenance, owned.
enum Derivation {
    Stated(u32),
    Computed,
    Rule(u32, Vec<FactRef>),
}

fn derivation(
    program: &Program,
    model: &mut Model,
    sources: &Sources,
    fact: FactRef,
    depth: usize,
    out: &mut String,
) {
    let args: Vec<Const> = model
        .store(fact.rel)
        .get(fact.id)
        .iter()
        .map(|v| model.values.get(*v))
        .collect();
    let sentence = phrase(program, fact.rel, &args);
    let pad = indent(depth);
    // The premises are copied out: explaining them needs the model mutably.
    let prov = model.prov(fact).map(|p| match p {
        Prov::Base(i) => Derivation::Stated(i),
        Prov::Builtin => Derivation::Computed,
        Prov::Rule { rule, premises } => Derivation::Rule(rule, premises.to_vec()),
    });
    match prov {
        Some(Derivation::Stated(i)) => out.push_str(&format!(
            "{pad}{sentence}: stated by {}\n",
            statement_of(model, sources, i)
        )),
        Some(Derivation::Computed) => {
            let how = if Some(fact.rel) == program.theory.hub {
                "it joins allies that have no other link to one another, and has at least three"
            } else {
                "without the hub it cannot reach any of the hub's other allies"
            };
            out.push_str(&format!(
                "{pad}{sentence}: computed from the network of alliances ({how})\n"
            ));
        }
        Some(Derivation::Rule(rule, premises)) => {
            let Some(r) = program.rules.get(rule as usize) else {
                return;
            };
            out.push_str(&format!(
                "{pad}{sentence}, by the rule {}\n",
                rule_source(r, sources)
            ));
            let env = bind_premises(r, model, &premises);
            let mut next = premises.iter();
            for lit in &r.body {
                match lit {
                    Literal::Pos(_) => {
                        if let Some(p) = next.next() {
                            derivation(program, model, sources, *p, depth + 1, out);
                        }
                    }
                    other => {
                        let mut text = condition(program, model, other, &env);
                        let parts = aggregate_parts(model, r, other, &env);
                        if !parts.is_empty() {
                            text.push_str(&format!(", from {parts}"));
                        }
                        out.push_str(&format!("{}{text}\n", indent(depth + 1)));
                    }
                }
            }
            if Some(fact.rel) == program.theory.supports {
                out.push_str(&format!(
                    "{}(a partner helps; only a treaty or a pact obliges a state to fight)\n",
                    indent(depth + 1)
                ));
            }
        }
        None => out.push_str(&format!("{pad}{sentence}\n")),
    }
}

/// What an aggregate added up, one item per distinct binding inside its braces: "US
/// 27.36T, Japan 4.21T" (the variables other than the summed one, then the value).
fn aggregate_parts(model: &mut Model, rule: &Rule, lit: &Literal, env: &Env) -> String {
    let Literal::Aggregate {
        body, expr, var, ..
    } = lit
    else {
        return String::new();
    };
    let mut outer = env.clone();
    outer[*var as usize] = None;
    let summed: Vec<u32> = match expr {
        crate::program::Expr::Term(Term::Var(v), _) => vec![*v],
        _ => Vec::new(),
    };
    let stores = std::mem::take(&mut model.stores);
    let mut errors = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    {
        let mut solver = Solver {
            stores: &stores,
            values: &mut model.values,
            errors: &mut errors,
            stop: false,
        };
        let mut probe = outer.clone();
        solver.solve(
            body,
            &mut probe,
            &mut Vec::new(),
            &mut |s: &mut Solver, e: &Env, _| {
                if !seen.insert(e.clone()) {
                    return;
                }
                let mut words: Vec<String> = (0..e.len())
                    .filter(|i| outer[*i].is_none() && !summed.contains(&(*i as u32)))
                    .filter(|i| rule.vars.get(*i).is_some_and(|n| !n.as_str().is_empty()))
                    .filter_map(|i| e[i].map(|v| show_const(s.values.get(v))))
                    .collect();
                if let Some(value) = s.eval_expr(expr, e) {
                    words.push(show_const(s.values.get(value)));
                }
                items.push(words.join(" "));
            },
        );
    }
    model.stores = stores;
    const SHOWN: usize = 12;
    let more = items.len().saturating_sub(SHOWN);
    items.truncate(SHOWN);
    let mut text = items.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// The bindings of a rule's variables, recovered from the facts it joined.
fn bind_premises(rule: &Rule, model: &mut Model, premises: &[FactRef]) -> Env {
    let mut env: Env = vec![None; rule.vars.len()];
    let positives = rule.body.iter().filter_map(|l| match l {
        Literal::Pos(a) => Some(a),
        _ => None,
    });
    for (atom, p) in positives.zip(premises) {
        let tuple = model.store(p.rel).get(p.id).to_vec();
        for (t, v) in atom.args.iter().zip(tuple) {
            if let Term::Var(x) = t {
                env[*x as usize] = Some(v);
            }
        }
    }
    // Assignments and aggregates are computed again in order.
    let stores = std::mem::take(&mut model.stores);
    let mut errors = Vec::new();
    {
        let mut solver = Solver {
            stores: &stores,
            values: &mut model.values,
            errors: &mut errors,
            stop: false,
        };
        for lit in &rule.body {
            if let Literal::Assign { var, expr, .. } = lit {
                if let Some(v) = solver.eval_expr(expr, &env) {
                    env[*var as usize] = Some(v);
                }
            }
            if let Literal::Aggregate { var, .. } = lit {
                if env[*var as usize].is_none() {
                    let single = std::slice::from_ref(lit);
                    let mut found = None;
                    let mut probe = env.clone();
                    solver.solve(single, &mut probe, &mut Vec::new(), &mut |_, e: &Env, _| {
                        found = e[*var as usize];
                    });
                    env[*var as usize] = found;
                }
            }
        }
    }
    model.stores = stores;
    env
}

/// A non-atom condition of a rule, with its values filled in.
fn condition(program: &Program, model: &Model, lit: &Literal, env: &Env) -> String {
    let show = |v: Option<Value>| v.map_or("?".to_string(), |v| show_const(model.values.get(v)));
    let var_name = |rule_vars: &Env, v: u32| show(rule_vars.get(v as usize).copied().flatten());
    match lit {
        Literal::Neg(a) => {
            let args = ground(a, env, model);
            match args {
                Some(args) => format!(
                    "and not {}: no such fact holds",
                    atom_text(program, a.rel, &args)
                ),
                None => format!("and no fact matches not {}(...)", program.rel(a.rel).name),
            }
        }
        Literal::Compare { op, lhs, rhs, .. } => {
            format!(
                "and {} {} {} holds",
                expr_value(lhs, env, model),
                op.as_str(),
                expr_value(rhs, env, model)
            )
        }
        Literal::Assign { var, expr, .. } => {
            format!(
                "where {} = {}",
                var_name(env, *var),
                expr_text(expr, env, model)
            )
        }
        Literal::Aggregate { var, op, .. } => {
            let what = match op {
                crate::syntax::ast::AggOp::Sum => "sum",
                crate::syntax::ast::AggOp::Count => "number of distinct values",
                crate::syntax::ast::AggOp::Min => "smallest",
                crate::syntax::ast::AggOp::Max => "largest",
            };
            format!("where the {what} is {}", var_name(env, *var))
        }
        Literal::Pos(a) => atom_text(program, a.rel, &ground(a, env, model).unwrap_or_default()),
    }
}

fn ground(a: &Atom, env: &Env, model: &Model) -> Option<Vec<Const>> {
    a.args
        .iter()
        .map(|t| match t {
            Term::Const(c) => Some(*c),
            Term::Var(v) => env
                .get(*v as usize)
                .copied()
                .flatten()
                .map(|v| model.values.get(v)),
            Term::Anon => Some(Const::Sym(crate::source::Sym::new("_"))),
        })
        .collect()
}

fn expr_value(e: &crate::program::Expr, env: &Env, model: &Model) -> String {
    match e {
        crate::program::Expr::Term(Term::Var(v), _) => env
            .get(*v as usize)
            .copied()
            .flatten()
            .map_or("?".into(), |v| show_const(model.values.get(v))),
        crate::program::Expr::Term(Term::Const(c), _) => show_const(*c),
        other => expr_text(other, env, model),
    }
}

/// An expression with variables replaced by their values: `27.36T / 17.79T`.
fn expr_text(e: &crate::program::Expr, env: &Env, model: &Model) -> String {
    use crate::program::Expr;
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

fn why_not(
    program: &Program,
    model: &mut Model,
    sources: &Sources,
    rel: RelId,
    args: &[Const],
    depth: usize,
    out: &mut String,
) {
    let pad = indent(depth);
    let sentence = phrase(program, rel, args);
    let rules: Vec<usize> = program
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.head.rel == rel)
        .map(|(i, _)| i)
        .collect();
    if rules.is_empty() {
        out.push_str(&format!("{pad}It does not hold that {sentence}: no statement says so, and no rule concludes it.\n"));
        if Some(rel) == program.theory.defends {
            out.push_str(&format!(
                "{pad}(only a treaty or a pact creates a duty to defend)\n"
            ));
        }
        return;
    }
    let stated = if program.rel(rel).kind == crate::program::RelKind::Base {
        "no statement says so, and "
    } else {
        ""
    };
    out.push_str(&format!(
        "{pad}It does not hold that {sentence}: {stated}none of the rules that could conclude it applies.\n"
    ));
    if Some(rel) == program.theory.defends {
        notes_on_duties(program, model, sources, args, &pad, out);
    }
    for ri in rules {
        let rule = &program.rules[ri];
        out.push_str(&format!("{pad}- The rule {}\n", rule_source(rule, sources)));
        let Some(env) = head_env(rule, args, model) else {
            out.push_str(&format!("{pad}  does not apply to these arguments.\n"));
            continue;
        };
        let (failed, sample) = first_failure(model, &rule.body, env);
        let Some(k) = failed else { continue };
        let lit = &rule.body[k];
        let values = bindings_text(rule, &sample, model);
        let with = if values.is_empty() {
            String::new()
        } else {
            format!(" (with {values})")
        };
        match lit {
            Literal::Pos(a) => match ground(a, &sample, model) {
                Some(ground_args)
                    if !ground_args
                        .iter()
                        .any(|c| *c == Const::Sym(crate::source::Sym::new("_"))) =>
                {
                    out.push_str(&format!(
                        "{pad}  fails at `{}`{with}:\n",
                        atom_text(program, a.rel, &ground_args)
                    ));
                    if depth + 1 < WHY_NOT_DEPTH {
                        why_not(program, model, sources, a.rel, &ground_args, depth + 2, out);
                    }
                }
                _ => out.push_str(&format!(
                    "{pad}  fails: no fact matches `{}(...)`{with}.\n",
                    program.rel(a.rel).name
                )),
            },
            Literal::Neg(a) => {
                let shown = ground(a, &sample, model)
                    .map(|g| atom_text(program, a.rel, &g))
                    .unwrap_or_default();
                out.push_str(&format!("{pad}  fails at `not {shown}`: it holds{with}.\n"));
            }
            Literal::Compare { op, lhs, rhs, .. } => out.push_str(&format!(
                "{pad}  fails at the comparison {} {} {}{with}.\n",
                expr_value(lhs, &sample, model),
                op.as_str(),
                expr_value(rhs, &sample, model)
            )),
            Literal::Assign { var, expr, .. } => {
                let computed = compute(model, expr, &sample);
                let name = rule
                    .vars
                    .get(*var as usize)
                    .copied()
                    .unwrap_or(crate::source::Sym::new("?"));
                out.push_str(&format!(
                    "{pad}  fails: it computes {name} = {computed}, a different value{with}.\n"
                ));
            }
            _ => out.push_str(&format!("{pad}  fails: no value can be computed{with}.\n")),
        }
    }
}

/// An expression's exact value, all digits shown (for explaining why a given value differs).
fn compute(model: &mut Model, expr: &crate::program::Expr, env: &Env) -> String {
    let stores = std::mem::take(&mut model.stores);
    let mut errors = Vec::new();
    let value = Solver {
        stores: &stores,
        values: &mut model.values,
        errors: &mut errors,
        stop: false,
    }
    .eval_expr(expr, env);
    model.stores = stores;
    match value.map(|v| model.values.get(v)) {
        Some(Const::Num(d, u)) => {
            let suffix = if u == crate::syntax::ast::Unit::Percent {
                "%"
            } else {
                ""
            };
            format!("{}{suffix}", d.normalize())
        }
        Some(c) => show_const(c),
        None => "nothing".to_string(),
    }
}

/// Why a query has no answer: the first condition no binding gets past, followed into the
/// relation it names.
pub fn query_failure(
    program: &Program,
    model: &mut Model,
    sources: &Sources,
    query: &crate::program::Query,
) -> String {
    let env: Env = vec![None; query.vars.len()];
    let (failed, sample) = first_failure(model, &query.body, env);
    let Some(k) = failed else {
        return String::new();
    };
    let values: Vec<String> = query
        .vars
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            sample
                .get(i)
                .copied()
                .flatten()
                .map(|v| format!("{name} = {}", show_const(model.values.get(v))))
        })
        .collect();
    let with = if values.is_empty() {
        String::new()
    } else {
        format!(" (with {})", values.join(", "))
    };
    let mut out = String::new();
    match &query.body[k] {
        Literal::Pos(a) => match ground(a, &sample, model) {
            Some(args) if !args.contains(&Const::Sym(crate::source::Sym::new("_"))) => {
                why_not(program, model, sources, a.rel, &args, 0, &mut out);
            }
            _ => out.push_str(&format!(
                "No fact matches `{}(...)`{with}.\n",
                program.rel(a.rel).name
            )),
        },
        Literal::Neg(a) => {
            let shown = ground(a, &sample, model)
                .map(|g| atom_text(program, a.rel, &g))
                .unwrap_or_default();
            out.push_str(&format!("`not {shown}` fails: it holds{with}.\n"));
            if let Some(args) = ground(a, &sample, model) {
                if let Some(id) = model.find(a.rel, &args) {
                    derivation(
                        program,
                        model,
                        sources,
                        FactRef { rel: a.rel, id },
                        1,
                        &mut out,
                    );
                }
            }
        }
        Literal::Compare { op, lhs, rhs, .. } => out.push_str(&format!(
            "The comparison {} {} {} does not hold{with}.\n",
            expr_value(lhs, &sample, model),
            op.as_str(),
            expr_value(rhs, &sample, model)
        )),
        _ => out.push_str(&format!("No value can be computed{with}.\n")),
    }
    out
}

/// Why a query has an answer (for a failed `expect not`): the first answer, and for each of its
/// facts how it was derived.
pub fn query_holds(
    program: &Program,
    model: &mut Model,
    sources: &Sources,
    query: &crate::program::Query,
) -> String {
    let env: Env = vec![None; query.vars.len()];
    let stores = std::mem::take(&mut model.stores);
    let mut errors = Vec::new();
    let mut first: Option<Vec<FactRef>> = None;
    {
        let mut solver = Solver {
            stores: &stores,
            values: &mut model.values,
            errors: &mut errors,
            stop: false,
        };
        let mut probe = env;
        solver.solve(
            &query.body,
            &mut probe,
            &mut Vec::new(),
            &mut |s: &mut Solver, _, premises: &[FactRef]| {
                first = Some(premises.to_vec());
                s.stop = true;
            },
        );
    }
    model.stores = stores;
    let mut out = String::new();
    for fact in first.unwrap_or_default() {
        derivation(program, model, sources, fact, 0, &mut out);
    }
    out
}

/// Where a reader might expect a duty to defend that does not exist: a partnership, or a
/// cooperation group the two share. Neither obliges anyone to fight.
fn notes_on_duties(
    program: &Program,
    model: &Model,
    sources: &Sources,
    args: &[Const],
    pad: &str,
    out: &mut String,
) {
    let [a, b] = args else { return };
    if let Some(partner) = program.theory.partner {
        if let Some(id) = model.find(partner, &[*a, *b]) {
            let place = match model.prov(FactRef { rel: partner, id }) {
                Some(Prov::Base(i)) => format!(" ({})", statement_of(model, sources, i)),
                _ => String::new(),
            };
            let name = |c: &Const| shown(program, c);
            out.push_str(&format!(
                "{pad}Note: {} is a partner of {}{place}: a partner helps it defend itself, but has no duty to fight for it.\n",
                name(a),
                name(b)
            ));
        }
    }
    treaty_notes(program, model, sources, a, b, pad, out);
    let (Some(member), Some(group)) = (program.theory.member, program.theory.group) else {
        return;
    };
    let groups_of = |x: &Const| -> Vec<Const> {
        model
            .tuples(member)
            .into_iter()
            .filter(|t| t.first() == Some(x))
            .filter_map(|t| t.get(1).copied())
            .collect()
    };
    let shared: Vec<Const> = groups_of(a)
        .into_iter()
        .filter(|g| groups_of(b).contains(g))
        .collect();
    let described: Vec<String> = shared
        .iter()
        .filter_map(|g| {
            let kinds: Vec<String> = model
                .tuples(group)
                .into_iter()
                .filter(|t| t.first() == Some(g))
                .filter_map(|t| t.get(1).map(|k| show_const(*k)))
                .collect();
            (!kinds.is_empty()).then(|| format!("{} ({})", show_const(*g), kinds.join(", ")))
        })
        .collect();
    if described.is_empty() {
        return;
    }
    let name = |c: &Const| shown(program, c);
    let (noun, list) = match described.as_slice() {
        [one] => ("the group", one.clone()),
        [init @ .., last] => ("the groups", format!("{} and {last}", init.join(", "))),
        [] => return,
    };
    out.push_str(&format!(
        "{pad}Note: {} and {} share {noun} {list}; groups oblige no one to defend.\n",
        name(a),
        name(b)
    ));
}

/// Treaties between the two states that oblige something other than `a` defending `b`: a
/// one-way defence treaty the other way round, or a treaty of consultation.
fn treaty_notes(
    program: &Program,
    model: &Model,
    sources: &Sources,
    a: &Const,
    b: &Const,
    pad: &str,
    out: &mut String,
) {
    let Some(treaty) = program.theory.treaty else {
        return;
    };
    let name = |c: &Const| shown(program, c);
    for (id, t) in model.store(treaty).iter() {
        let t: Vec<Const> = t.iter().map(|v| model.values.get(*v)).collect();
        let [x, y, direction, obligation] = t.as_slice() else {
            continue;
        };
        let between = (x == a && y == b) || (x == b && y == a);
        if !between {
            continue;
        }
        let place = match model.prov(FactRef { rel: treaty, id }) {
            Some(Prov::Base(i)) => format!(" ({})", statement_of(model, sources, i)),
            _ => String::new(),
        };
        let (direction, obligation) = (show_const(*direction), show_const(*obligation));
        let text = if obligation == words::DEFENCE && direction == words::ONE_WAY && x == b {
            format!(
                "the one-way defence treaty{place} binds {} to defend {}, not the reverse",
                name(b),
                name(a)
            )
        } else if obligation != words::DEFENCE {
            let kind = if direction == words::ONE_WAY {
                "one-way"
            } else {
                "mutual"
            };
            format!(
                "{} and {} have a {kind} {obligation} treaty{place}: it obliges {obligation}, not defence",
                name(x),
                name(y)
            )
        } else {
            continue;
        };
        out.push_str(&format!("{pad}Note: {text}.\n"));
    }
}

/// Bindings from matching a rule's head with the atom asked about, or `None` if they clash.
fn head_env(rule: &Rule, args: &[Const], model: &Model) -> Option<Env> {
    let mut env: Env = vec![None; rule.vars.len()];
    for (t, c) in rule.head.args.iter().zip(args) {
        let value = model.values.find(*c);
        match t {
            Term::Const(k) if k != c => return None,
            Term::Var(v) => {
                let value = value?;
                match env[*v as usize] {
                    Some(existing) if existing != value => return None,
                    _ => env[*v as usize] = Some(value),
                }
            }
            _ => {}
        }
    }
    Some(env)
}

/// The first literal no binding gets past, and the first binding that reached it.
fn first_failure(model: &mut Model, body: &[Literal], env: Env) -> (Option<usize>, Env) {
    let stores = std::mem::take(&mut model.stores);
    let mut errors = Vec::new();
    let mut result = (None, env.clone());
    {
        let mut solver = Solver {
            stores: &stores,
            values: &mut model.values,
            errors: &mut errors,
            stop: false,
        };
        let mut last_sample = env.clone();
        for k in 0..=body.len() {
            let mut sample = None;
            let mut probe = env.clone();
            solver.solve(
                &body[..k],
                &mut probe,
                &mut Vec::new(),
                &mut |s: &mut Solver, e: &Env, _| {
                    if sample.is_none() {
                        sample = Some(e.clone());
                    }
                    s.stop = true;
                },
            );
            solver.stop = false;
            match sample {
                Some(s) => last_sample = s,
                None => {
                    result = (Some(k.saturating_sub(1)), last_sample);
                    break;
                }
            }
        }
    }
    model.stores = stores;
    result
}

fn bindings_text(rule: &Rule, env: &Env, model: &Model) -> String {
    rule.vars
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            env.get(i)
                .copied()
                .flatten()
                .map(|v| format!("{name} = {}", show_const(model.values.get(v))))
        })
        .collect::<Vec<_>>()
        .join(", ")
}
