//! Network roles, computed from the finished `allied` relation: a hub is an articulation point
//! of the alliance network with at least three allies; a spoke of a hub is an ally that, once
//! the hub is gone, can reach none of the hub's other allies.
//!
//! The alliance layer's one builtin: the theory registers it with the engine
//! ([`crate::theory::computed`]), which runs it once `allied` is finished.

use petgraph::graph::{NodeIndex, UnGraph};

use crate::eval::values::Value;
use crate::eval::Model;
use crate::program::RelId;

/// The `hub` and `spoke` tuples of a finished `allied` (the builtin's one input): hubs in the
/// order of their values, each hub's spokes after it.
pub fn compute(model: &Model, inputs: &[RelId]) -> Vec<Vec<Vec<Value>>> {
    let (mut hub_tuples, mut spoke_tuples) = (Vec::new(), Vec::new());
    let Some(&allied) = inputs.first() else {
        return vec![hub_tuples, spoke_tuples];
    };
    // Sized once: `allied` holds most edges twice (both directions).
    let pairs = model.store(allied).len();
    let mut graph: UnGraph<Value, ()> = UnGraph::with_capacity(0, pairs / 2 + 1);
    let mut nodes: rustc_hash::FxHashMap<Value, NodeIndex> = Default::default();
    let mut node =
        |g: &mut UnGraph<Value, ()>, v: Value| *nodes.entry(v).or_insert_with(|| g.add_node(v));
    let mut edges: rustc_hash::FxHashSet<(Value, Value)> =
        rustc_hash::FxHashSet::with_capacity_and_hasher(pairs / 2 + 1, Default::default());
    for (_, t) in model.store(allied).iter() {
        if let [a, b] = t {
            if a != b && edges.insert((*a.min(b), *a.max(b))) {
                let (x, y) = (node(&mut graph, *a), node(&mut graph, *b));
                graph.add_edge(x, y, ());
            }
        }
    }
    let dfs = Dfs::new(&graph);
    let mut hubs: Vec<NodeIndex> = graph
        .node_indices()
        .filter(|n| dfs.is_cut[n.index()] && graph.neighbors(*n).count() >= 3)
        .collect();
    hubs.sort_by(|a, b| model.values.order(graph[*a], graph[*b]));
    for h in hubs {
        hub_tuples.push(vec![graph[h]]);
        for x in dfs.spokes(&graph, h) {
            spoke_tuples.push(vec![graph[x], graph[h]]);
        }
    }
    vec![hub_tuples, spoke_tuples]
}

/// A depth-first search of the network (Tarjan's low-link method, iteratively: the network
/// of a large generated world is deeper than the stack would allow recursively), kept whole
/// because it answers both questions: which states are articulation points, and which allies
/// of such a state are cut off from all its other allies when it is gone.
struct Dfs {
    /// Discovery time of each node.
    disc: Vec<usize>,
    /// The last discovery time within each node's subtree: the subtree of `u` is the nodes
    /// discovered in `disc[u]..=last[u]`.
    last: Vec<usize>,
    /// The earliest discovery time reachable from each node's subtree by one back edge.
    low: Vec<usize>,
    /// The children of each node in the search tree, in discovery order.
    children: Vec<Vec<NodeIndex>>,
    is_cut: Vec<bool>,
}

impl Dfs {
    fn new(graph: &UnGraph<Value, ()>) -> Dfs {
        let n = graph.node_count();
        let mut d = Dfs {
            disc: vec![usize::MAX; n],
            last: vec![0; n],
            low: vec![0; n],
            children: vec![Vec::new(); n],
            is_cut: vec![false; n],
        };
        let mut time = 0;
        for root in graph.node_indices() {
            if d.disc[root.index()] != usize::MAX {
                continue;
            }
            d.disc[root.index()] = time;
            d.low[root.index()] = time;
            time += 1;
            // Each frame: the node, its parent, and its neighbours still to visit.
            let mut stack = vec![(root, None, graph.neighbors(root))];
            while let Some((u, parent, pending)) = stack.last_mut() {
                let (u, parent) = (*u, *parent);
                if let Some(v) = pending.next() {
                    if Some(v) == parent {
                        continue;
                    }
                    if d.disc[v.index()] == usize::MAX {
                        d.disc[v.index()] = time;
                        d.low[v.index()] = time;
                        time += 1;
                        d.children[u.index()].push(v);
                        stack.push((v, Some(u), graph.neighbors(v)));
                    } else {
                        d.low[u.index()] = d.low[u.index()].min(d.disc[v.index()]);
                    }
                } else {
                    stack.pop();
                    d.last[u.index()] = time - 1;
                    if let Some(p) = parent {
                        d.low[p.index()] = d.low[p.index()].min(d.low[u.index()]);
                        if p != root && d.low[u.index()] >= d.disc[p.index()] {
                            d.is_cut[p.index()] = true;
                        }
                    }
                }
            }
            if d.children[root.index()].len() > 1 {
                d.is_cut[root.index()] = true;
            }
        }
        d
    }

    /// The allies of `h` that no other ally of `h` can reach once `h` is removed.
    ///
    /// Removing `h` leaves, of its part of the network, one piece per child `c` of `h` in the
    /// search tree whose subtree has no back edge above `h` (`low[c] >= disc[h]`), and one
    /// piece holding everything else (the part above `h` with the other children's subtrees).
    /// Every ally of `h` is its ancestor or descendant, so its piece is found from discovery
    /// times alone; an ally is a spoke when no other ally shares its piece. This takes time in
    /// proportion to the allies of `h`, rather than a pass over the whole network per hub.
    fn spokes(&self, graph: &UnGraph<Value, ()>, h: NodeIndex) -> Vec<NodeIndex> {
        let children = &self.children[h.index()];
        // The piece of an ally: `Some(c)` for the subtree of a separated child, `None` for the rest.
        let piece = |x: NodeIndex| -> Option<NodeIndex> {
            let t = self.disc[x.index()];
            if t <= self.disc[h.index()] || t > self.last[h.index()] {
                return None;
            }
            let k = children.partition_point(|c| self.disc[c.index()] <= t);
            let c = children[k.checked_sub(1)?];
            (self.low[c.index()] >= self.disc[h.index()]).then_some(c)
        };
        let mut allies: Vec<(Option<NodeIndex>, NodeIndex)> =
            graph.neighbors(h).map(|x| (piece(x), x)).collect();
        allies.sort();
        allies.dedup();
        let mut out: Vec<NodeIndex> = allies
            .iter()
            .enumerate()
            .filter(|(i, (p, _))| {
                let alone_before = *i == 0 || allies[i - 1].0 != *p;
                let alone_after = allies.get(i + 1).is_none_or(|next| next.0 != *p);
                alone_before && alone_after
            })
            .map(|(_, (_, x))| *x)
            .collect();
        out.sort();
        out
    }
}
