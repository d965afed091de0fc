//! Warnings: things that are allowed but probably not meant. They never stop a program.

use indexmap::IndexSet;

use super::names::NameKind;
use super::Ctx;
use crate::diag::{Code, Diag};
use crate::program::Const;
use crate::source::{FileId, Spanned, Sym};
use crate::syntax::ast::{File, Stmt};

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
        ctx.diags.push(
            Diag::warning(
                Code::UnusedState,
                format!("`{name}` is declared but used nowhere"),
            )
            .label(
                span,
                "no treaty, pact, threat, fact or question mentions it",
            )
            .help("add its commitments or threats, or delete the declaration"),
        );
    }
}

/// Threats without a target, and threatened or threatening states without a `gdp`, whose
/// balance the standard theory cannot compute.
pub(super) fn missing_gdp(ctx: &Ctx, files: &[(FileId, &File)]) -> Vec<Diag> {
    let gdp = ctx.program.relation("gdp");
    let with_gdp: IndexSet<Sym> = ctx
        .program
        .facts
        .iter()
        .filter(|f| Some(f.rel) == gdp)
        .filter_map(|f| match f.args.first() {
            Some(Const::Sym(s)) => Some(*s),
            _ => None,
        })
        .collect();
    let mut warned: IndexSet<Sym> = IndexSet::new();
    let mut out = Vec::new();
    for (_, file) in files {
        for stmt in &file.stmts {
            let Stmt::Threat { by, targets } = &stmt.node else {
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
            let state = |s: &Sym| matches!(ctx.names.declared.get(s), Some((NameKind::State, _)));
            if state(&by.node) && !with_gdp.contains(&by.node) && warned.insert(by.node) {
                out.push(no_gdp(
                    by,
                    "a threat without a `gdp`: nothing can be balanced against it",
                ));
            }
            for t in targets {
                let lacking: Vec<Sym> = if state(&t.node) {
                    vec![t.node]
                } else {
                    members(ctx, t.node)
                };
                let lacking: Vec<Sym> = lacking
                    .into_iter()
                    .filter(|s| !with_gdp.contains(s) && warned.insert(*s))
                    .collect();
                match lacking.as_slice() {
                    [] => {}
                    [one] if *one == t.node => {
                        out.push(no_gdp(t, "threatened, but without a `gdp`"))
                    }
                    some => {
                        let names: Vec<String> = some.iter().map(|s| format!("`{s}`")).collect();
                        out.push(
                            Diag::warning(Code::MissingGdp, format!("members of `{}` without a `gdp`: {}", t.node, names.join(", ")))
                                .label(t.span, "threatened, but their balance cannot be computed")
                                .help("add `gdp: ...` to each, such as `gdp: 4.2T`; until then their verdicts are undetermined"),
                        );
                    }
                }
            }
        }
    }
    out
}

fn members(ctx: &Ctx, group: Sym) -> Vec<Sym> {
    let member = ctx.program.relation("member");
    ctx.program
        .facts
        .iter()
        .filter(|f| Some(f.rel) == member && f.args.get(1) == Some(&Const::Sym(group)))
        .filter_map(|f| match f.args.first() {
            Some(Const::Sym(s)) => Some(*s),
            _ => None,
        })
        .collect()
}

fn no_gdp(name: &Spanned<Sym>, label: &str) -> Diag {
    Diag::warning(Code::MissingGdp, format!("`{}` has no `gdp`", name.node))
        .label(name.span, label.to_string())
        .help(format!(
            "add its GDP to the declaration, as in `state {} {{ gdp: ... }}` with a figure such as `1.7T`; until then the balance involving it is undetermined",
            name.node
        ))
}
