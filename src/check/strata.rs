//! Stratification: relations are ordered so that everything a rule negates or aggregates over
//! is complete before the rule runs. A cycle through `not` or an aggregate has no such order
//! and is rejected, with the cycle shown.

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::diag::{Code, Diag};
use crate::program::{Literal, Program, RelId, RelKind, Stratum};
use crate::source::Span;

/// An edge from a rule's head to a relation its body uses: whether through `not` or an
/// aggregate (which needs the relation complete), and where.
#[derive(Clone, Copy)]
struct Use {
    complete: bool,
    /// Whether the use is inside an aggregate (else under `not`, when `complete`).
    aggregate: bool,
    span: Span,
}

pub(super) fn stratify(program: &Program, diags: &mut Vec<Diag>) -> Vec<Stratum> {
    let mut graph: DiGraph<RelId, Use> = DiGraph::new();
    let nodes: Vec<NodeIndex> = (0..program.relations.len())
        .map(|i| graph.add_node(RelId(i as u32)))
        .collect();
    for rule in &program.rules {
        let head = nodes[rule.head.rel.0 as usize];
        uses(&rule.body, false, &mut |rel, complete, aggregate, span| {
            graph.add_edge(
                head,
                nodes[rel.0 as usize],
                Use {
                    complete,
                    aggregate,
                    span,
                },
            );
        });
    }
    // A builtin's outputs are computed from its finished inputs.
    for builtin in &program.builtins {
        for output in &builtin.outputs {
            for input in &builtin.inputs {
                let edge = Use {
                    complete: true,
                    aggregate: false,
                    span: Span::default(),
                };
                graph.add_edge(nodes[output.0 as usize], nodes[input.0 as usize], edge);
            }
        }
    }
    // Tarjan's algorithm yields each component after every component it depends on.
    let mut strata = Vec::new();
    for component in tarjan_scc(&graph) {
        let mut relations: Vec<RelId> = component.iter().map(|n| graph[*n]).collect();
        relations.sort();
        if let Some(d) = negative_cycle(&graph, &component, program) {
            diags.push(d);
        }
        let builtins: Vec<usize> = (program.builtins.iter().enumerate())
            .filter(|(_, b)| b.outputs.iter().any(|o| relations.contains(o)))
            .map(|(i, _)| i)
            .collect();
        let rules: Vec<usize> = program
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| relations.contains(&r.head.rel))
            .map(|(i, _)| i)
            .collect();
        if !rules.is_empty() || !builtins.is_empty() {
            strata.push(Stratum {
                relations,
                rules,
                builtins,
            });
        }
    }
    strata
}

/// Calls `f` with every relation a body reads: whether it is read negatively (a `not`, or
/// inside an aggregate), whether inside an aggregate, and where.
pub(super) fn uses(
    body: &[Literal],
    inside_aggregate: bool,
    f: &mut impl FnMut(RelId, bool, bool, Span),
) {
    for lit in body {
        match lit {
            Literal::Pos(a) => f(a.rel, inside_aggregate, inside_aggregate, a.span),
            Literal::Neg(a) => f(a.rel, true, inside_aggregate, a.span),
            Literal::Aggregate { body, .. } => uses(body, true, f),
            Literal::Compare { .. } | Literal::Assign { .. } => {}
        }
    }
}

/// A diagnostic for a `not` or aggregate edge inside a strongly connected component, showing
/// the way back round the cycle.
fn negative_cycle(
    graph: &DiGraph<RelId, Use>,
    component: &[NodeIndex],
    program: &Program,
) -> Option<Diag> {
    let edge = graph.edge_references().find(|e| {
        e.weight().complete && component.contains(&e.source()) && component.contains(&e.target())
    })?;
    let (from, to) = (edge.source(), edge.target());
    let path = path_within(graph, component, to, from);
    let name = |n: NodeIndex| program.rel(graph[n]).name.to_string();
    let builtin = program.rel(graph[from]).kind == RelKind::Builtin;
    if builtin {
        // A builtin is computed from its finished inputs (`hub` and `spoke` from `allied`): a
        // rule that makes an input depend on it asks for the input before it exists.
        let input = name(to);
        let user = graph.edge_references().find(|e| {
            component.contains(&e.source())
                && component.contains(&e.target())
                && e.weight().span != Span::default()
        });
        let mut d = Diag::error(Code::Unstratifiable, format!("`{}` is used to define `{input}`, which it is computed from", name(from)))
            .help(format!("`{}` is computed from the whole network of `{input}`, so no rule for `{input}` (or for what `{input}` depends on) may use it", name(from)));
        if let Some(e) = user {
            d = d.label(e.weight().span, format!("`{}` used here", name(e.target())));
        }
        return Some(d);
    }
    let (how, what) = if edge.weight().aggregate {
        (format!("an aggregate over `{}`", name(to)), "an aggregate")
    } else {
        (format!("`not {}`", name(to)), "`not`")
    };
    let mut steps = vec![format!("`{}` depends on {how}", name(from))];
    for pair in path.windows(2) {
        steps.push(format!(
            "`{}` depends on `{}`",
            name(pair[0]),
            name(pair[1])
        ));
    }
    let mut d = Diag::error(Code::Unstratifiable, format!("`{}` depends on itself through {what}", name(from))).help(
        format!(
            "the rules go round in a circle: {}. Whether a fact holds cannot depend on the absence (or the count) of facts it helps to decide; break the circle with a relation of its own",
            steps.join(", ")
        ),
    );
    let span = edge.weight().span;
    if span != Span::default() {
        d = d.label(
            span,
            format!(
                "this can be checked only once all of `{}` is known",
                name(to)
            ),
        );
    }
    Some(d)
}

/// A shortest path from `start` to `goal` inside the component (breadth first).
fn path_within(
    graph: &DiGraph<RelId, Use>,
    component: &[NodeIndex],
    start: NodeIndex,
    goal: NodeIndex,
) -> Vec<NodeIndex> {
    let mut previous = std::collections::HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        if n == goal {
            break;
        }
        for next in graph.neighbors(n) {
            if component.contains(&next) && next != start && !previous.contains_key(&next) {
                previous.insert(next, n);
                queue.push_back(next);
            }
        }
    }
    let mut path = vec![goal];
    let mut at = goal;
    while at != start {
        match previous.get(&at) {
            Some(&p) => {
                path.push(p);
                at = p;
            }
            None => break,
        }
    }
    path.reverse();
    if path.first() != Some(&start) {
        path.insert(0, start);
    }
    path
}
