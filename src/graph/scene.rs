//! Where everything goes: node sizes, the layout, pact hulls, group links, the legend and the
//! picture's bounds. The SVG writer only draws what a [`Scene`] says, and the tests check a
//! scene's geometry (no overlaps, everything inside the view box) directly.

use super::area::{self, Hull};
use super::layout::{self, text_width, Cluster, Node, Rect, Spec, Spring};
use super::network::{Network, Role, Target};
use crate::report::scenario_title;

/// The font size of state labels.
pub const FONT: f64 = 11.0;
/// The height of a label's box.
pub const LINE: f64 = 14.0;
/// The radius of the largest economy's circle.
pub const R_MAX: f64 = 34.0;
/// The smallest circle, so that small states stay visible.
pub const R_MIN: f64 = 5.5;
/// Room for the nuclear ring. The room for ring and halo is kept around every circle, drawn or
/// not, so that a scenario's picture has its base world's layout.
pub const RING: f64 = 3.0;
/// Room for the "newly exposed" halo, beyond the ring.
pub const HALO: f64 = 7.0;
const MARGIN: f64 = 12.0;
const TITLE: f64 = 18.0;
const SUBTITLE: f64 = 13.0;
const LEGEND_FONT: f64 = 11.0;
const LEGEND_ROW: f64 = 18.0;
/// The narrowest glyph column of the legend.
const LEGEND_GLYPH: f64 = 40.0;

/// A state's circle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Circle {
    pub x: f64,
    pub y: f64,
    /// The filled circle.
    pub r: f64,
    /// Everything drawn around it, rings and halo included: no other mark comes inside.
    pub outer: f64,
}

/// A quadratic Bézier curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Curve {
    pub from: (f64, f64),
    pub ctrl: (f64, f64),
    pub to: (f64, f64),
}

impl Curve {
    pub fn points(&self) -> [(f64, f64); 3] {
        [self.from, self.ctrl, self.to]
    }

    fn shift(&self, dx: f64, dy: f64) -> Curve {
        let m = |p: (f64, f64)| (p.0 + dx, p.1 + dy);
        Curve {
            from: m(self.from),
            ctrl: m(self.ctrl),
            to: m(self.to),
        }
    }
}

/// A troop badge: its box and text.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub rect: Rect,
    pub text: String,
    pub tripwire: bool,
}

/// What a legend row shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    Role(Role),
    Nuclear,
    /// A circle of this radius.
    Size(f64),
    GdpUnknown,
    Exposed,
    NewlyExposed,
    OneWay,
    Mutual,
    Commitment,
    Partner,
    Threat,
    Lost,
    /// A duty to defend limited by conditions (`against`, `in`, `unless provoked`, `secret`).
    Conditional,
    /// Troops kept in another state; `true` for a tripwire (the keeper must defend the host).
    Troops(bool),
    /// A pact, by index.
    Pact(usize),
    /// A group, by index.
    Group(usize),
}

/// One row of the legend: a mark and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendRow {
    pub mark: Mark,
    pub text: String,
    /// The row's box (glyph and text).
    pub rect: Rect,
}

/// A picture, laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub title: String,
    pub subtitle: Option<String>,
    /// By state index.
    pub circles: Vec<Circle>,
    /// State labels, by state index.
    pub labels: Vec<Rect>,
    /// By pact index (empty points for a pact with no members).
    pub hulls: Vec<Hull>,
    /// Dotted links of each group, by group index.
    pub group_links: Vec<Vec<Curve>>,
    /// Treaties without a duty to defend, by commitment index: bowed, so that a duty between
    /// the same two states (or a lost one) does not hide them.
    pub commitment_links: Vec<Curve>,
    /// Threats against a whole pact end on its hull: (threat index, end point).
    pub pact_threat_ends: Vec<(usize, (f64, f64))>,
    /// Lost pact memberships: from the state's circle to the pact's hull.
    pub left_links: Vec<(usize, usize, (f64, f64))>,
    /// A badge by the host of each `troops` (by troops index): "54,000 US troops".
    pub troop_badges: Vec<Badge>,
    pub legend: Rect,
    pub legend_rows: Vec<LegendRow>,
    /// The width of the legend's glyph column; the text starts after it.
    pub legend_glyph: f64,
}

impl Scene {
    /// Every label in the picture (states' and pacts'), for overlap checks.
    pub fn all_labels(&self) -> Vec<Rect> {
        self.labels
            .iter()
            .copied()
            .chain(self.hulls.iter().filter_map(|h| h.tag))
            .chain(self.troop_badges.iter().map(|b| b.rect))
            .collect()
    }
}

/// The circle radius of a GDP: area in proportion to GDP, with a floor.
pub fn radius(gdp: Option<f64>, largest: f64) -> f64 {
    match gdp {
        Some(g) if largest > 0.0 => (R_MAX * (g / largest).sqrt()).max(R_MIN),
        _ => R_MIN,
    }
}

fn largest_gdp(net: &Network) -> f64 {
    net.states.iter().filter_map(|s| s.gdp).fold(0.0, f64::max)
}

/// The node to lay out for each state of `drawn`: sizes from the larger of the two worlds, so
/// that a scenario is drawn on its base world's layout.
fn nodes(drawn: &Network, base: &Network) -> Vec<Node> {
    let (big_d, big_b) = (largest_gdp(drawn), largest_gdp(base));
    drawn
        .states
        .iter()
        .map(|s| {
            let mut r = radius(s.gdp, big_d);
            if let Some(b) = base.states.iter().find(|b| b.name == s.name) {
                r = r.max(radius(b.gdp, big_b));
            }
            Node {
                radius: r + RING + HALO,
                label_w: text_width(&s.label, FONT, true),
                label_h: LINE,
            }
        })
        .collect()
}

/// The forces: the base world's links, and those of the drawn world that involve a state the
/// base world does not have (so a scenario that only takes things away keeps the base layout).
fn spec(drawn: &Network, base: &Network) -> Spec {
    let at = |net: &Network, i: usize| {
        let name = net.states.get(i)?.name;
        drawn.states.iter().position(|s| s.name == name)
    };
    let new: Vec<bool> = drawn
        .states
        .iter()
        .map(|s| !base.states.iter().any(|b| b.name == s.name))
        .collect();
    let mut springs: Vec<Spring> = Vec::new();
    let mut clusters: Vec<Cluster> = Vec::new();
    for (net, only_new) in [(base, false), (drawn, true)] {
        let keep = |members: &[usize]| {
            !only_new
                || members
                    .iter()
                    .any(|m| new.get(*m).copied().unwrap_or(false))
        };
        let mut add = |a: usize, b: usize, strength: f64| {
            if let (Some(a), Some(b)) = (at(net, a), at(net, b)) {
                let known = springs
                    .iter()
                    .any(|s| (s.a, s.b) == (a, b) || (s.a, s.b) == (b, a));
                if a != b && !known && keep(&[a, b]) {
                    springs.push(Spring { a, b, strength });
                }
            }
        };
        for o in &net.obligations {
            add(o.from, o.to, 1.0);
        }
        for c in &net.commitments {
            add(c.a, c.b, 0.6);
        }
        for (a, b) in &net.partners {
            add(*a, *b, 0.6);
        }
        for t in &net.threats {
            match t.to {
                Target::State(x) => add(t.from, x, 0.06),
                Target::Pact(p) => {
                    for &m in net.pacts.get(p).map_or(&[][..], |p| &p.members) {
                        add(t.from, m, 0.02);
                    }
                }
            }
        }
        let mut cluster = |members: &[usize], strength: f64, exclusive: bool| {
            let members: Vec<usize> = members.iter().filter_map(|m| at(net, *m)).collect();
            if members.len() >= 2 && keep(&members) {
                clusters.push(Cluster {
                    members,
                    strength,
                    exclusive,
                });
            }
        };
        for p in &net.pacts {
            let all: Vec<usize> = p.members.iter().chain(&p.left).copied().collect();
            cluster(&all, 1.2, true);
        }
        for g in &net.groups {
            cluster(&g.members, 0.04, false);
        }
    }
    Spec {
        nodes: nodes(drawn, base),
        springs,
        clusters,
    }
}

/// Lays out `drawn`, on the layout of `base` (pass the same network twice for a base picture).
pub fn scene(drawn: &Network, base: &Network) -> Scene {
    let spec = spec(drawn, base);
    let pos = layout::place(&spec);
    let mut scene = marks(drawn, &spec, &pos);
    frame(&mut scene, drawn);
    scene
}

/// Everything drawn for the network, around the layout's positions.
fn marks(drawn: &Network, spec: &Spec, pos: &[(f64, f64)]) -> Scene {
    let big = largest_gdp(drawn);
    let circles: Vec<Circle> = drawn
        .states
        .iter()
        .zip(pos)
        .zip(&spec.nodes)
        .map(|((s, p), n)| {
            let r = radius(s.gdp, big);
            let ring = if s.nuclear { RING } else { 0.0 };
            let halo = if s.newly_exposed { HALO } else { 0.0 };
            Circle {
                x: p.0,
                y: p.1,
                r,
                outer: (r + ring + halo).min(n.radius),
            }
        })
        .collect();
    let mut labels: Vec<Rect> = pos
        .iter()
        .zip(&spec.nodes)
        .map(|(p, n)| n.label(p.0, p.1))
        .collect();
    lift_labels(drawn, &circles, &spec.nodes, &mut labels);
    let units: Vec<Rect> = pos
        .iter()
        .zip(&spec.nodes)
        .zip(&labels)
        .map(|((p, n), l)| Rect::around(p.0, p.1, n.radius).union(l))
        .collect();
    let mut hulls: Vec<Hull> = Vec::new();
    let filled: Vec<f64> = circles.iter().map(|c| c.r).collect();
    for p in &drawn.pacts {
        let pieces = area::pieces(&p.members, pos, &spec.nodes, &labels, &filled, HALO);
        let placed: Vec<Rect> = hulls.iter().filter_map(|h| h.tag).collect();
        let main = pieces.first().map_or(&[][..], |p| p.as_slice());
        let tag = area::tag_spot(main, &p.name.to_string(), &units, &placed, &circles);
        hulls.push(Hull { pieces, tag });
    }
    let tags: Vec<Rect> = hulls.iter().filter_map(|h| h.tag).collect();
    let troop_badges = badges(drawn, &circles, &units, &tags);
    let group_links = drawn
        .groups
        .iter()
        .enumerate()
        .map(|(gi, g)| links(gi, &g.members, &circles))
        .collect();
    let commitment_links = drawn
        .commitments
        .iter()
        .filter_map(|c| Some(bowed(rim(circles.get(c.a)?), rim(circles.get(c.b)?), 8.0)))
        .collect();
    let mut pact_threat_ends = Vec::new();
    for (ti, t) in drawn.threats.iter().enumerate() {
        let Target::Pact(p) = t.to else { continue };
        let (Some(from), Some(hull)) = (circles.get(t.from), hulls.get(p)) else {
            continue;
        };
        let Some(centre) = area::polygon_centre(hull.main()) else {
            continue;
        };
        if let Some(end) = layout::hit_polygon((from.x, from.y), centre, hull.main()) {
            pact_threat_ends.push((ti, end));
        }
    }
    let mut left_links = Vec::new();
    for (pi, p) in drawn.pacts.iter().enumerate() {
        for &s in &p.left {
            let (Some(c), Some(hull)) = (circles.get(s), hulls.get(pi)) else {
                continue;
            };
            if let Some(end) = hull.nearest((c.x, c.y)) {
                left_links.push((s, pi, end));
            }
        }
    }
    Scene {
        width: 0.0,
        height: 0.0,
        title: drawn.title.clone(),
        subtitle: drawn
            .scenario
            .as_ref()
            .map(|(name, title)| scenario_title(Some(name), title.as_deref(), &[])),
        circles,
        labels,
        hulls,
        group_links,
        commitment_links,
        pact_threat_ends,
        left_links,
        troop_badges,
        legend: Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 0.0,
            y1: 0.0,
        },
        legend_rows: Vec::new(),
        legend_glyph: LEGEND_GLYPH,
    }
}

/// The box around everything drawn for the network (labels, hulls, bowed links included).
fn bounds(scene: &Scene) -> Rect {
    let mut rects: Vec<Rect> = scene
        .circles
        .iter()
        .map(|c| Rect::around(c.x, c.y, c.outer))
        .collect();
    rects.extend(scene.all_labels());
    let points = scene.hulls.iter().flat_map(|h| h.points().copied());
    let curves = scene
        .group_links
        .iter()
        .flatten()
        .chain(&scene.commitment_links)
        .flat_map(|c| c.points());
    rects.extend(points.chain(curves).map(|p| Rect::around(p.0, p.1, 2.0)));
    let first = rects.first().copied().unwrap_or(Rect {
        x0: 0.0,
        y0: 0.0,
        x1: 200.0,
        y1: 100.0,
    });
    rects.iter().fold(first, |acc, r| acc.union(r))
}

impl Scene {
    /// Moves every mark of the network (not the legend).
    fn shift(&mut self, dx: f64, dy: f64) {
        let m = |p: &mut (f64, f64)| *p = (p.0 + dx, p.1 + dy);
        for c in &mut self.circles {
            c.x += dx;
            c.y += dy;
        }
        self.labels.iter_mut().for_each(|l| *l = l.shift(dx, dy));
        for h in &mut self.hulls {
            h.pieces.iter_mut().flatten().for_each(m);
            h.tag = h.tag.map(|t| t.shift(dx, dy));
        }
        self.group_links
            .iter_mut()
            .flatten()
            .for_each(|c| *c = c.shift(dx, dy));
        self.commitment_links
            .iter_mut()
            .for_each(|c| *c = c.shift(dx, dy));
        self.pact_threat_ends.iter_mut().for_each(|(_, p)| m(p));
        self.left_links.iter_mut().for_each(|(_, _, p)| m(p));
        for b in &mut self.troop_badges {
            b.rect = b.rect.shift(dx, dy);
        }
    }
}

/// Moves the network below the title, puts the legend to its right, and sizes the picture.
fn frame(scene: &mut Scene, drawn: &Network) {
    let graph = bounds(scene);
    let top = MARGIN
        + TITLE
        + 8.0
        + if scene.subtitle.is_some() {
            SUBTITLE + 6.0
        } else {
            0.0
        };
    let (dx, dy) = (MARGIN - graph.x0, top - graph.y0);
    scene.shift(dx, dy);
    let graph = graph.shift(dx, dy);
    // The rows start a padding below `top`, so that the legend's box (padded by as much) starts
    // at `top`, under the title and subtitle, however wide they are.
    let (rows, glyph) = legend(drawn, largest_gdp(drawn), graph.x1 + 30.0, top + 8.0);
    let empty = Rect {
        x0: graph.x1,
        y0: top,
        x1: graph.x1,
        y1: top,
    };
    let legend = rows
        .iter()
        .map(|r| r.rect)
        .reduce(|a, b| a.union(&b))
        .map_or(empty, |r| r.pad(8.0));
    let subtitle_w = scene
        .subtitle
        .as_deref()
        .map_or(0.0, |s| text_width(s, SUBTITLE, false));
    let title_w = text_width(&scene.title, TITLE, true).max(subtitle_w);
    scene.width = (legend.x1.max(graph.x1).max(MARGIN + title_w) + MARGIN).ceil();
    scene.height = (legend.y1.max(graph.y1) + MARGIN).ceil();
    scene.legend = legend;
    scene.legend_rows = rows;
    scene.legend_glyph = glyph;
}

/// Moves a state's name from below its circle to above it, or to its right or left, when fewer
/// lines (duties, threats, partners, treaties without a duty, each taken as straight) cross it
/// there and the place is free of every circle and name: a small move that keeps a name
/// readable. Of the places that do better, the one crossed least wins, above first on a tie,
/// then right, then left. Group lines, bowed far apart, are left out.
fn lift_labels(net: &Network, circles: &[Circle], nodes: &[Node], labels: &mut [Rect]) {
    let centre = |i: usize| circles.get(i).map(|c| (c.x, c.y));
    let state_threats = net.threats.iter().filter_map(|t| match t.to {
        Target::State(to) => Some((t.from, to)),
        Target::Pact(_) => None,
    });
    let segments: Vec<((f64, f64), (f64, f64))> = net
        .obligations
        .iter()
        .map(|o| (o.from, o.to))
        .chain(net.partners.iter().copied())
        .chain(net.commitments.iter().map(|c| (c.a, c.b)))
        .chain(state_threats)
        .filter_map(|(a, b)| Some((centre(a)?, centre(b)?)))
        .collect();
    let crossings = |r: &Rect| {
        segments
            .iter()
            .filter(|(a, b)| layout::segment_meets_rect(*a, *b, r))
            .count()
    };
    for i in 0..labels.len() {
        let (Some(c), Some(n)) = (circles.get(i), nodes.get(i)) else {
            continue;
        };
        let below = labels[i];
        let gap = n.radius + layout::LABEL_GAP;
        let (w, h) = (below.width(), below.height());
        let above = Rect {
            y0: c.y - gap - h,
            y1: c.y - gap,
            ..below
        };
        let side = |x0: f64| Rect {
            x0,
            y0: c.y - h / 2.0,
            x1: x0 + w,
            y1: c.y + h / 2.0,
        };
        let (right, left) = (side(c.x + gap), side(c.x - gap - w));
        let free = |r: &Rect| {
            let padded = r.pad(layout::CLEARANCE);
            !circles
                .iter()
                .enumerate()
                .any(|(j, k)| j != i && padded.meets_circle(k.x, k.y, k.outer))
                && !labels
                    .iter()
                    .enumerate()
                    .any(|(j, l)| j != i && l.overlaps(&padded))
        };
        let mut best = (crossings(&below), below);
        for place in [above, right, left] {
            let n = crossings(&place);
            if n < best.0 && free(&place) {
                best = (n, place);
            }
        }
        labels[i] = best.1;
    }
}

/// The font size of a troop badge's text.
pub const BADGE_FONT: f64 = 9.5;
/// The height of a troop badge; its glyph (a helmet) takes this much room on the left.
pub const BADGE_H: f64 = 14.0;

/// A badge for each `troops` beside the host state, where it covers no circle, label, pact name
/// or other badge: under the label, right, left, above, then farther out. The badge names the
/// keeper ("54,000 US troops"), so it need not sit on the line between the two, which is often
/// crowded with group links.
fn badges(net: &Network, circles: &[Circle], units: &[Rect], tags: &[Rect]) -> Vec<Badge> {
    let mut out: Vec<Badge> = Vec::new();
    for t in &net.troops {
        let (Some(host), Some(keeper), Some(unit)) =
            (circles.get(t.to), net.states.get(t.from), units.get(t.to))
        else {
            continue;
        };
        let text = format!("{} {} troops", t.count, keeper.label);
        let (w, h) = (
            BADGE_H + text_width(&text, BADGE_FONT, false) + 6.0,
            BADGE_H,
        );
        let at = |x: f64, y: f64| Rect {
            x0: x - w / 2.0,
            y0: y - h / 2.0,
            x1: x + w / 2.0,
            y1: y + h / 2.0,
        };
        let mut candidates = Vec::new();
        for k in 0..4 {
            let gap = 3.0 + k as f64 * (h + 2.0);
            candidates.extend([
                at(host.x, unit.y1 + gap + h / 2.0),
                at(unit.x1.max(host.x + host.outer) + gap + w / 2.0, host.y),
                at(unit.x0.min(host.x - host.outer) - gap - w / 2.0, host.y),
                at(host.x, host.y - host.outer - gap - h / 2.0),
            ]);
        }
        let free = |c: &Rect| {
            let padded = c.pad(2.0);
            !units.iter().chain(tags).any(|u| u.overlaps(&padded))
                && !out.iter().any(|b| b.rect.overlaps(&padded))
                && !circles
                    .iter()
                    .any(|k| padded.meets_circle(k.x, k.y, k.outer))
        };
        let first = candidates[0];
        let rect = candidates.into_iter().find(free).unwrap_or(first);
        out.push(Badge {
            rect,
            text,
            tripwire: t.tripwire,
        });
    }
    out
}

/// A group's dotted links: a minimum spanning tree of its members (Prim's, ties to the lower
/// index), each link bowed to one side so that links of different groups between the same two
/// states stay apart.
fn links(group: usize, members: &[usize], circles: &[Circle]) -> Vec<Curve> {
    let pts: Vec<(f64, f64, f64)> = members
        .iter()
        .filter_map(|m| circles.get(*m))
        .map(rim)
        .collect();
    if pts.len() < 2 {
        return Vec::new();
    }
    let dist = |a: usize, b: usize| {
        let (dx, dy) = (pts[a].0 - pts[b].0, pts[a].1 - pts[b].1);
        dx * dx + dy * dy
    };
    let mut inside = vec![false; pts.len()];
    inside[0] = true;
    let mut out = Vec::new();
    for _ in 1..pts.len() {
        let mut best: Option<(f64, usize, usize)> = None;
        for a in (0..pts.len()).filter(|a| inside[*a]) {
            for b in (0..pts.len()).filter(|b| !inside[*b]) {
                let d = dist(a, b);
                if best.is_none_or(|(bd, _, _)| d < bd) {
                    best = Some((d, a, b));
                }
            }
        }
        let Some((_, a, b)) = best else { break };
        inside[b] = true;
        let side = if group % 2 == 0 { 1.0 } else { -1.0 };
        out.push(bowed(
            pts[a],
            pts[b],
            side * (10.0 + 7.0 * (group / 2 % 4) as f64),
        ));
    }
    out
}

/// A circle as (x, y, radius of everything drawn around it).
fn rim(c: &Circle) -> (f64, f64, f64) {
    (c.x, c.y, c.outer)
}

/// A curve between two circles' rims, bowed sideways by `bow` (to the left of the way from `a`
/// to `b` when positive), never by more than a third of its length.
fn bowed(a: (f64, f64, f64), b: (f64, f64, f64), bow: f64) -> Curve {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    let bow = bow.clamp(-len / 3.0, len / 3.0);
    let from = (a.0 + ux * a.2, a.1 + uy * a.2);
    let to = (b.0 - ux * b.2, b.1 - uy * b.2);
    let mid = ((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0);
    // The control point lies twice as far out as the curve's middle.
    Curve {
        from,
        ctrl: (mid.0 - uy * bow * 2.0, mid.1 + ux * bow * 2.0),
        to,
    }
}

/// The rows of the legend that this picture needs, starting at (x, y).
fn legend(net: &Network, largest: f64, x: f64, y: f64) -> (Vec<LegendRow>, f64) {
    let mut rows: Vec<(Mark, String, f64)> = Vec::new();
    let mut add = |mark: Mark, text: String| {
        let h = match mark {
            Mark::Size(r) => (2.0 * r + 4.0).max(LEGEND_ROW),
            _ => LEGEND_ROW,
        };
        rows.push((mark, text, h));
    };
    let any = |f: &dyn Fn(&super::network::State) -> bool| net.states.iter().any(f);
    let roles = [
        (
            Role::Hub,
            "hub (ring within): its allies are linked only through it",
        ),
        (
            Role::Spoke,
            "spoke (diamond): allied to a hub, cut off without it",
        ),
        (Role::Threat, "threatens another state (cross)"),
        (Role::Plain, "state"),
        (Role::Removed, "removed in this scenario"),
    ];
    for (role, text) in roles {
        if any(&|s| s.role() == role) {
            add(Mark::Role(role), text.to_string());
        }
    }
    if any(&|s| s.nuclear) {
        add(Mark::Nuclear, "nuclear-armed (black ring)".to_string());
    }
    if largest > 0.0 {
        // Circles of round figures: the largest power of ten that fits, and a tenth of it.
        let mut sample = 1e6;
        while sample * 10.0 <= largest {
            sample *= 10.0;
        }
        for g in [sample, sample / 10.0] {
            let r = radius(Some(g), largest);
            if r > R_MIN {
                add(
                    Mark::Size(r),
                    format!("GDP {} (circle area in proportion)", money_words(g)),
                );
            }
        }
        add(
            Mark::Size(R_MIN),
            "smaller economies: smallest circle".to_string(),
        );
    }
    if any(&|s| s.gdp.is_none()) {
        add(Mark::GdpUnknown, "GDP unknown".to_string());
    }
    if any(&|s| s.exposed) {
        add(Mark::Exposed, "exposed to a threat (red name)".to_string());
    }
    if any(&|s| s.newly_exposed) {
        add(
            Mark::NewlyExposed,
            "newly exposed in this scenario".to_string(),
        );
    }
    let live = |o: &&super::network::Obligation| !o.lost;
    if net.obligations.iter().filter(live).any(|o| !o.mutual) {
        add(
            Mark::OneWay,
            "must defend (one-way: guarantor to protected)".to_string(),
        );
    }
    if net.obligations.iter().filter(live).any(|o| o.mutual) {
        add(Mark::Mutual, "must defend each other (mutual)".to_string());
    }
    if net
        .obligations
        .iter()
        .filter(live)
        .any(|o| !o.conditions.is_empty())
    {
        add(
            Mark::Conditional,
            "must defend, with conditions (only against some states, regions, ...)".to_string(),
        );
    }
    if net.obligations.iter().any(|o| o.lost) || net.pacts.iter().any(|p| !p.left.is_empty()) {
        add(
            Mark::Lost,
            "duty to defend lost in this scenario".to_string(),
        );
    }
    if !net.commitments.is_empty() {
        add(
            Mark::Commitment,
            "treaty with no duty to defend".to_string(),
        );
    }
    if !net.partners.is_empty() {
        add(
            Mark::Partner,
            "partner: supports, no duty to defend".to_string(),
        );
    }
    if !net.threats.is_empty() {
        add(
            Mark::Threat,
            "threatens (to a pact: all its members)".to_string(),
        );
    }
    if net.troops.iter().any(|t| t.tripwire) {
        add(
            Mark::Troops(true),
            "tripwire: troops kept in a state their country must defend".to_string(),
        );
    }
    if net.troops.iter().any(|t| !t.tripwire) {
        add(
            Mark::Troops(false),
            "troops kept in another state, with no duty to defend it".to_string(),
        );
    }
    for (i, p) in net.pacts.iter().enumerate() {
        // A pact with no member in the world drawn (it ended by the scenario's year) has no
        // area, so no row either.
        if p.members.is_empty() {
            continue;
        }
        let what = if p.defence() {
            "pact, all members defend each other".to_string()
        } else {
            format!("{} pact, no duty to defend", p.obligation)
        };
        let name = p
            .title
            .as_ref()
            .map_or_else(|| p.name.to_string(), |t| format!("{}, {t}", p.name));
        add(Mark::Pact(i), format!("{name}: {what}"));
    }
    for (i, g) in net.groups.iter().enumerate() {
        let kinds: Vec<String> = g.kinds.iter().map(|k| k.to_string()).collect();
        add(
            Mark::Group(i),
            format!("{}: {} group, no duty to defend", g.name, kinds.join(", ")),
        );
    }
    let glyph = rows
        .iter()
        .map(|(_, _, h)| h + 2.0)
        .fold(LEGEND_GLYPH, f64::max);
    let mut top = y;
    let rows = rows
        .into_iter()
        .map(|(mark, text, h)| {
            let w = glyph + 8.0 + text_width(&text, LEGEND_FONT, false);
            let rect = Rect {
                x0: x,
                y0: top,
                x1: x + w,
                y1: top + h,
            };
            top += h;
            LegendRow { mark, text, rect }
        })
        .collect();
    (rows, glyph)
}

/// "10T", "100B", "1B".
fn money_words(dollars: f64) -> String {
    for (factor, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M")] {
        if dollars >= factor {
            return format!("{}{suffix}", (dollars / factor) as u64);
        }
    }
    format!("{}", dollars as u64)
}
