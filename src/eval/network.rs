//! Network roles, computed from the finished `allied` relation: a hub is an articulation point
//! of the alliance network with at least three allies; a spoke of a hub is an ally that, once
//! the hub is gone, can reach none of the hub's other allies.

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;

use super::values::Value;
use super::{Model, Prov};
use crate::program::Program;

/// Adds `hub` and `spoke` facts to the model.
pub(super) fn roles(program: &Program, model: &mut Model) {
    let (Some(allied), Some(hub), Some(spoke)) = (
        program.relation("allied"),
        program.relation("hub"),
        program.relation("spoke"),
    ) else {
        return;
    };
    let mut graph: UnGraph<Value, ()> = UnGraph::default();
    let mut nodes: rustc_hash::FxHashMap<Value, NodeIndex> = Default::default();
    let mut node =
        |g: &mut UnGraph<Value, ()>, v: Value| *nodes.entry(v).or_insert_with(|| g.add_node(v));
    let mut edges = rustc_hash::FxHashSet::default();
    for (_, t) in model.store(allied).iter() {
        if let [a, b] = t {
            if a != b && edges.insert((*a.min(b), *a.max(b))) {
                let (x, y) = (node(&mut graph, *a), node(&mut graph, *b));
                graph.add_edge(x, y, ());
            }
        }
    }
    let mut hubs: Vec<NodeIndex> = articulation_points(&graph)
        .into_iter()
        .filter(|n| graph.neighbors(*n).count() >= 3)
        .collect();
    hubs.sort_by(|a, b| model.values.order(graph[*a], graph[*b]));
    for h in hubs {
        insert(model, hub, vec![graph[h]]);
        for x in spokes(&graph, h) {
            insert(model, spoke, vec![graph[x], graph[h]]);
        }
    }
}

fn insert(model: &mut Model, rel: crate::program::RelId, tuple: Vec<Value>) {
    if model.stores[rel.0 as usize].insert(&tuple).is_some() {
        model.provenance[rel.0 as usize].push(Prov::Builtin);
    }
}

/// The allies of `h` that no other ally of `h` can reach once `h` is removed.
fn spokes(graph: &UnGraph<Value, ()>, h: NodeIndex) -> Vec<NodeIndex> {
    let mut parts = UnionFind::new(graph.node_count());
    for e in graph.edge_references() {
        if e.source() != h && e.target() != h {
            parts.union(e.source().index(), e.target().index());
        }
    }
    let allies: Vec<NodeIndex> = graph.neighbors(h).collect();
    let mut out: Vec<NodeIndex> = allies
        .iter()
        .copied()
        .filter(|x| {
            !allies
                .iter()
                .any(|y| y != x && parts.equiv(x.index(), y.index()))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Articulation points by Tarjan's low-link method, iteratively (the network of a large
/// generated world is deeper than the stack would allow recursively).
fn articulation_points(graph: &UnGraph<Value, ()>) -> Vec<NodeIndex> {
    let n = graph.node_count();
    let mut disc = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut is_cut = vec![false; n];
    let mut time = 0;
    for root in graph.node_indices() {
        if disc[root.index()] != usize::MAX {
            continue;
        }
        disc[root.index()] = time;
        low[root.index()] = time;
        time += 1;
        let mut root_children = 0;
        // Each frame: the node, its parent, and its neighbours still to visit.
        let mut stack: Vec<(NodeIndex, Option<NodeIndex>, Vec<NodeIndex>)> =
            vec![(root, None, graph.neighbors(root).collect())];
        while let Some((u, parent, pending)) = stack.last_mut() {
            let (u, parent) = (*u, *parent);
            if let Some(v) = pending.pop() {
                if Some(v) == parent {
                    continue;
                }
                if disc[v.index()] == usize::MAX {
                    disc[v.index()] = time;
                    low[v.index()] = time;
                    time += 1;
                    if u == root {
                        root_children += 1;
                    }
                    stack.push((v, Some(u), graph.neighbors(v).collect()));
                } else {
                    low[u.index()] = low[u.index()].min(disc[v.index()]);
                }
            } else {
                stack.pop();
                if let Some(p) = parent {
                    low[p.index()] = low[p.index()].min(low[u.index()]);
                    if p != root && low[u.index()] >= disc[p.index()] {
                        is_cut[p.index()] = true;
                    }
                }
            }
        }
        if root_children > 1 {
            is_cut[root.index()] = true;
        }
    }
    graph.node_indices().filter(|n| is_cut[n.index()]).collect()
}
