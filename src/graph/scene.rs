//! Where everything goes: node sizes, the layout, pact hulls, group links, the legend and the
//! picture's bounds. The SVG writer only draws what a [`Scene`] says, and the tests check a
//! scene's geometry (no overlaps, everything inside the view box) directly.

use super::layout::{self, text_width, Cluster, Node, Rect, Spec, Spring};
use super::network::{Network, Role, Target};

/// The font size of state labels.
pub const FONT: f64 = 11.0;
/// The height of a label's box.
pub const LINE: f64 = 14.0;
/// The radius of the largest economy's circle.
pub const R_MAX: f64 = 34.0;
/// The smallest circle, so that small states stay visible.
pub const R_MIN: f64 = 5.5;
/// Room kept around every circle for the nuclear ring and the "newly exposed" halo, whether
/// drawn or not, so a scenario's picture has the base world's layout.
pub const RING: f64 = 3.0;
pub const HALO: f64 = 7.0;
const MARGIN: f64 = 12.0;
const TITLE: f64 = 18.0;
const SUBTITLE: f64 = 13.0;
/// Padding of a pact's hull around its members and their labels.
const HULL_PAD: f64 = 7.0;
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

/// A pact's hull and its name tag (none if no free place was found; the legend names it).
#[derive(Clone, Debug, PartialEq)]
pub struct Hull {
    pub points: Vec<(f64, f64)>,
    pub tag: Option<Rect>,
}

/// A quadratic Bézier curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Curve {
    pub from: (f64, f64),
    pub ctrl: (f64, f64),
    pub to: (f64, f64),
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
    /// A pact, by index.
    Pact(usize),
    /// A group, by index.
    Group(usize),
}

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
    /// Threats against a whole pact end on its hull: (threat index, end point).
    pub pact_threat_ends: Vec<(usize, (f64, f64))>,
    /// Lost pact memberships: from the state's circle to the pact's hull.
    pub left_links: Vec<(usize, usize, (f64, f64))>,
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
    let big = largest_gdp(drawn);
    let mut circles: Vec<Circle> = drawn
        .states
        .iter()
        .zip(&pos)
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
    let units: Vec<Rect> = pos
        .iter()
        .zip(&spec.nodes)
        .map(|(p, n)| n.unit(p.0, p.1))
        .collect();

    let mut hulls: Vec<Hull> = drawn
        .pacts
        .iter()
        .map(|p| Hull {
            points: pact_hull(&p.members, &pos, &spec.nodes),
            tag: None,
        })
        .collect();
    let mut placed: Vec<Rect> = Vec::new();
    for (hull, pact) in hulls.iter_mut().zip(&drawn.pacts) {
        hull.tag = tag_spot(
            &hull.points,
            &pact.name.to_string(),
            &units,
            &placed,
            &circles,
        );
        placed.extend(hull.tag);
    }

    let group_links: Vec<Vec<Curve>> = drawn
        .groups
        .iter()
        .enumerate()
        .map(|(gi, g)| links(gi, &g.members, &circles))
        .collect();

    let mut pact_threat_ends = Vec::new();
    for (ti, t) in drawn.threats.iter().enumerate() {
        let Target::Pact(p) = t.to else { continue };
        let (Some(from), Some(hull)) = (circles.get(t.from), hulls.get(p)) else {
            continue;
        };
        let Some(centre) = polygon_centre(&hull.points) else {
            continue;
        };
        if let Some(end) = layout::hit_polygon((from.x, from.y), centre, &hull.points) {
            pact_threat_ends.push((ti, end));
        }
    }
    let mut left_links = Vec::new();
    for (pi, p) in drawn.pacts.iter().enumerate() {
        for &s in &p.left {
            let (Some(c), Some(hull)) = (circles.get(s), hulls.get(pi)) else {
                continue;
            };
            if let Some(end) = layout::nearest_on_polygon((c.x, c.y), &hull.points) {
                left_links.push((s, pi, end));
            }
        }
    }

    // Bounds of the graph, then everything moved so that the picture starts at the margin.
    let mut bounds: Option<Rect> = None;
    let mut grow = |r: Rect| bounds = Some(bounds.map_or(r, |b| b.union(&r)));
    units.iter().for_each(|u| grow(*u));
    for h in &hulls {
        h.points
            .iter()
            .for_each(|p| grow(Rect::around(p.0, p.1, 2.0)));
        h.tag.iter().for_each(|t| grow(*t));
    }
    for links in &group_links {
        for c in links.iter() {
            for p in [c.from, c.ctrl, c.to] {
                grow(Rect::around(p.0, p.1, 2.0));
            }
        }
    }
    let bounds = bounds.unwrap_or(Rect {
        x0: 0.0,
        y0: 0.0,
        x1: 200.0,
        y1: 100.0,
    });
    let subtitle = drawn.scenario.as_ref().map(|(name, title)| match title {
        Some(t) => format!("Scenario {name}: {t}"),
        None => format!("Scenario {name}"),
    });
    let top = MARGIN
        + TITLE
        + 8.0
        + if subtitle.is_some() {
            SUBTITLE + 6.0
        } else {
            0.0
        };
    let (dx, dy) = (MARGIN - bounds.x0, top - bounds.y0);
    for c in &mut circles {
        c.x += dx;
        c.y += dy;
    }
    for l in &mut labels {
        *l = l.shift(dx, dy);
    }
    for h in &mut hulls {
        h.points.iter_mut().for_each(|p| *p = (p.0 + dx, p.1 + dy));
        h.tag = h.tag.map(|t| t.shift(dx, dy));
    }
    let group_links: Vec<Vec<Curve>> = group_links
        .into_iter()
        .map(|ls: Vec<Curve>| {
            ls.into_iter()
                .map(|c| Curve {
                    from: (c.from.0 + dx, c.from.1 + dy),
                    ctrl: (c.ctrl.0 + dx, c.ctrl.1 + dy),
                    to: (c.to.0 + dx, c.to.1 + dy),
                })
                .collect()
        })
        .collect();
    let pact_threat_ends = pact_threat_ends
        .into_iter()
        .map(|(t, p)| (t, (p.0 + dx, p.1 + dy)))
        .collect();
    let left_links = left_links
        .into_iter()
        .map(|(s, p, e)| (s, p, (e.0 + dx, e.1 + dy)))
        .collect();
    let graph = bounds.shift(dx, dy);

    let (legend_rows, legend_glyph) = legend(drawn, big, graph.x1 + 30.0, top);
    let legend = legend_rows
        .iter()
        .fold(None, |acc: Option<Rect>, r| {
            Some(acc.map_or(r.rect, |a| a.union(&r.rect)))
        })
        .map_or(
            Rect {
                x0: graph.x1,
                y0: top,
                x1: graph.x1,
                y1: top,
            },
            |r| r.pad(8.0),
        );
    let title = drawn.title.clone();
    let title_w = text_width(&title, TITLE, true).max(
        subtitle
            .as_deref()
            .map_or(0.0, |s| text_width(s, SUBTITLE, false)),
    );
    let width = (legend.x1.max(graph.x1).max(MARGIN + title_w) + MARGIN).ceil();
    let height = (legend.y1.max(graph.y1) + MARGIN).ceil();
    Scene {
        width,
        height,
        title,
        subtitle,
        circles,
        labels,
        hulls,
        group_links,
        pact_threat_ends,
        left_links,
        legend,
        legend_rows,
        legend_glyph,
    }
}

/// The hull of a pact around its members' circles and labels.
fn pact_hull(members: &[usize], pos: &[(f64, f64)], nodes: &[Node]) -> Vec<(f64, f64)> {
    let mut circles = Vec::new();
    for &m in members {
        let (Some(p), Some(n)) = (pos.get(m), nodes.get(m)) else {
            continue;
        };
        circles.push((p.0, p.1, n.radius - HALO + HULL_PAD));
        let l = n.label(p.0, p.1).pad(HULL_PAD / 2.0);
        circles.extend([
            (l.x0, l.y0, 0.0),
            (l.x1, l.y0, 0.0),
            (l.x0, l.y1, 0.0),
            (l.x1, l.y1, 0.0),
        ]);
    }
    if members.is_empty() {
        return Vec::new();
    }
    layout::hull(&circles)
}

fn polygon_centre(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    if points.is_empty() {
        return None;
    }
    let k = points.len() as f64;
    Some((
        points.iter().map(|p| p.0).sum::<f64>() / k,
        points.iter().map(|p| p.1).sum::<f64>() / k,
    ))
}

/// A free place for a pact's name next to its hull: above, below, left or right of it, or
/// inside along its top, away from every node, label and other tag.
fn tag_spot(
    hull: &[(f64, f64)],
    name: &str,
    units: &[Rect],
    placed: &[Rect],
    circles: &[Circle],
) -> Option<Rect> {
    let (mut x0, mut y0, mut x1, mut y1) = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    for p in hull {
        x0 = x0.min(p.0);
        y0 = y0.min(p.1);
        x1 = x1.max(p.0);
        y1 = y1.max(p.1);
    }
    if hull.is_empty() {
        return None;
    }
    let (w, h) = (text_width(name, 12.0, true), 16.0);
    let cx = (x0 + x1) / 2.0;
    let mut candidates = vec![
        Rect {
            x0: cx - w / 2.0,
            y0: y0 - h - 2.0,
            x1: cx + w / 2.0,
            y1: y0 - 2.0,
        },
        Rect {
            x0: cx - w / 2.0,
            y0: y1 + 2.0,
            x1: cx + w / 2.0,
            y1: y1 + 2.0 + h,
        },
    ];
    // Then along the top and the bottom, left and right of the middle.
    for k in 1..12 {
        let off = k as f64 * (x1 - x0) / 24.0;
        for sx in [-off, off] {
            candidates.push(Rect {
                x0: cx + sx - w / 2.0,
                y0: y0 - h - 2.0,
                x1: cx + sx + w / 2.0,
                y1: y0 - 2.0,
            });
            candidates.push(Rect {
                x0: cx + sx - w / 2.0,
                y0: y1 + 2.0,
                x1: cx + sx + w / 2.0,
                y1: y1 + 2.0 + h,
            });
        }
    }
    candidates.into_iter().find(|c| {
        let padded = c.pad(layout::CLEARANCE);
        !units.iter().any(|u| u.overlaps(&padded))
            && !placed.iter().any(|p| p.overlaps(&padded))
            && !circles
                .iter()
                .any(|k| padded.meets_circle(k.x, k.y, k.outer))
    })
}

/// A group's dotted links: a minimum spanning tree of its members (Prim's, ties to the lower
/// index), each link bowed to one side so that links of different groups between the same two
/// states stay apart.
fn links(group: usize, members: &[usize], circles: &[Circle]) -> Vec<Curve> {
    let pts: Vec<(f64, f64, f64)> = members
        .iter()
        .filter_map(|m| circles.get(*m))
        .map(|c| (c.x, c.y, c.outer))
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
        out.push(bowed(pts[a], pts[b], group));
    }
    out
}

/// A curve between two circles' rims, bowed sideways by an amount that depends on the group.
fn bowed(a: (f64, f64, f64), b: (f64, f64, f64), group: usize) -> Curve {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    let side = if group % 2 == 0 { 1.0 } else { -1.0 };
    let bow = side * (10.0 + 7.0 * (group / 2 % 4) as f64).min(len / 3.0);
    let from = (a.0 + ux * a.2, a.1 + uy * a.2);
    let to = (b.0 - ux * b.2, b.1 - uy * b.2);
    let mid = ((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0);
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
        (Role::Hub, "hub: its allies are linked only through it"),
        (Role::Spoke, "spoke: allied to a hub, cut off without it"),
        (Role::Threat, "threatens another state"),
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
    for (i, p) in net.pacts.iter().enumerate() {
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
