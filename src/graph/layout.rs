//! Geometry for the pictures: a force-directed layout of our own, an overlap-removal pass, convex
//! hulls and text widths.
//!
//! Everything here is deterministic: a fixed seed, a fixed number of iterations, a fixed order
//! of updates, and only the arithmetic IEEE 754 rounds exactly (`+ - * /` and `sqrt`), so the
//! same input gives the same picture byte for byte.

use std::f64::consts::FRAC_1_SQRT_2;

/// An axis-aligned rectangle, `x0 <= x1` and `y0 <= y1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// The rectangle of a circle's bounding box.
    pub fn around(x: f64, y: f64, r: f64) -> Rect {
        Rect {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        }
    }

    /// Whether the two rectangles share interior area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether a circle shares interior area with the rectangle.
    pub fn meets_circle(&self, x: f64, y: f64, r: f64) -> bool {
        let dx = x - x.clamp(self.x0, self.x1);
        let dy = y - y.clamp(self.y0, self.y1);
        dx * dx + dy * dy < r * r
    }

    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }

    pub fn pad(&self, p: f64) -> Rect {
        Rect {
            x0: self.x0 - p,
            y0: self.y0 - p,
            x1: self.x1 + p,
            y1: self.y1 + p,
        }
    }

    pub fn shift(&self, dx: f64, dy: f64) -> Rect {
        Rect {
            x0: self.x0 + dx,
            y0: self.y0 + dy,
            x1: self.x1 + dx,
            y1: self.y1 + dy,
        }
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// Whether `o` lies wholly inside this rectangle.
    pub fn contains(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.y0 >= self.y0 && o.x1 <= self.x1 && o.y1 <= self.y1
    }
}

/// DejaVu Sans advance widths of the printable ASCII characters, in thousandths of an em
/// (measured in Chromium), regular and bold. Fonts a browser falls back to (Verdana, Arial) are
/// no wider, so labels sized by these never spill over their boxes.
const REGULAR: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
const BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/// The width of a line of text in pixels at a font size, with a small margin.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let table = if bold { &BOLD } else { &REGULAR };
    let ems: u32 = text
        .chars()
        .map(|c| {
            let code = c as u32;
            // Anything beyond ASCII counts as a full em: wide enough for accents and CJK.
            if (32..127).contains(&code) {
                u32::from(table[(code - 32) as usize])
            } else {
                1000
            }
        })
        .sum();
    f64::from(ems) * size / 1000.0 * 1.04 + 2.0
}

/// One node to place: a circle with its label centred below it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Node {
    /// The radius of everything drawn around the centre (rings and halos included).
    pub radius: f64,
    pub label_w: f64,
    pub label_h: f64,
}

/// Space between a circle and its label.
pub const LABEL_GAP: f64 = 2.0;

impl Node {
    /// The label's box when the node's centre is at (x, y).
    pub fn label(&self, x: f64, y: f64) -> Rect {
        let top = y + self.radius + LABEL_GAP;
        Rect {
            x0: x - self.label_w / 2.0,
            y0: top,
            x1: x + self.label_w / 2.0,
            y1: top + self.label_h,
        }
    }

    /// The box of the circle and its label together.
    pub fn unit(&self, x: f64, y: f64) -> Rect {
        Rect::around(x, y, self.radius).union(&self.label(x, y))
    }
}

/// A spring pulling two nodes together.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spring {
    pub a: usize,
    pub b: usize,
    pub strength: f64,
}

/// Nodes pulled towards their common centre (a pact, a group). An exclusive cluster also
/// pushes other nodes out of its disc, so that a pact's hull holds only its members.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub members: Vec<usize>,
    pub strength: f64,
    pub exclusive: bool,
}

/// What the layout is asked to place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    pub nodes: Vec<Node>,
    pub springs: Vec<Spring>,
    pub clusters: Vec<Cluster>,
}

/// The seed of the initial positions.
const SEED: u64 = 0x616c_6c69_616e_6365;
/// Iterations of the force simulation.
const ITERATIONS: usize = 600;
/// How much of the picture's area the boxes of nodes and labels take, at most: the rest is
/// room for links.
const DENSITY: f64 = 1.0 / 1.5;
/// Free space kept around every node and label.
pub const CLEARANCE: f64 = 3.0;

/// Node centres: forces first, then spread to the space the nodes and labels need, then
/// overlaps removed.
pub fn place(spec: &Spec) -> Vec<(f64, f64)> {
    let n = spec.nodes.len();
    if n == 0 {
        return Vec::new();
    }
    let mut pos = forces(spec, ideal(spec));
    spread(&mut pos, spec);
    separate(&mut pos, spec);
    settle(&mut pos, spec);
    pos
}

/// Fruchterman and Reingold's simulation: every pair of nodes repels, springs and clusters
/// attract, a weak pull to the centre keeps separate components together, and a temperature
/// that falls linearly bounds each step.
fn forces(spec: &Spec, ideal: f64) -> Vec<(f64, f64)> {
    let n = spec.nodes.len();
    let mut rng = Splitmix(SEED);
    let side = ideal * (n as f64).sqrt();
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|_| ((rng.unit() - 0.5) * side, (rng.unit() - 0.5) * side))
        .collect();
    // Bigger nodes (with longer labels) push harder, so they get room in proportion.
    let mean = spec.nodes.iter().map(size).sum::<f64>() / n as f64;
    let weight: Vec<f64> = spec.nodes.iter().map(|s| (size(s) / mean).sqrt()).collect();
    let k2 = ideal * ideal;
    let start = side / 6.0 + ideal;
    let mut disp = vec![(0.0, 0.0); n];
    for it in 0..ITERATIONS {
        let t = start * (1.0 - it as f64 / ITERATIONS as f64) + 0.5;
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d2 = (dx * dx + dy * dy).max(1.0);
                let f = k2 * weight[i] * weight[j] / d2;
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for s in &spec.springs {
            let (Some(a), Some(b)) = (pos.get(s.a).copied(), pos.get(s.b).copied()) else {
                continue;
            };
            let (dx, dy) = (a.0 - b.0, a.1 - b.1);
            // Measured between the rims, so big circles keep their neighbours at a distance.
            let rims = spec.nodes[s.a].radius + spec.nodes[s.b].radius;
            let f = ((dx * dx + dy * dy).sqrt() - rims).max(0.0) / ideal * s.strength;
            disp[s.a].0 -= dx * f;
            disp[s.a].1 -= dy * f;
            disp[s.b].0 += dx * f;
            disp[s.b].1 += dy * f;
        }
        for c in &spec.clusters {
            pull_together(c, &pos, &mut disp, spec, ideal);
        }
        for (p, d) in pos.iter().zip(disp.iter_mut()) {
            let f = GRAVITY * (p.0 * p.0 + p.1 * p.1).sqrt() / ideal;
            d.0 -= p.0 * f;
            d.1 -= p.1 * f;
        }
        for (p, d) in pos.iter_mut().zip(&disp) {
            let len = (d.0 * d.0 + d.1 * d.1).sqrt();
            if len > 0.0 {
                let step = len.min(t) / len;
                p.0 += d.0 * step;
                p.1 += d.1 * step;
            }
        }
    }
    pos
}

/// The pull towards the centre, against the repulsion of all nodes: keeps the components of a
/// disconnected world near one another.
const GRAVITY: f64 = 0.25;

/// The side of the square each node gets at the target density: the ideal distance between
/// neighbours.
fn ideal(spec: &Spec) -> f64 {
    let n = spec.nodes.len().max(1) as f64;
    (need(spec) / DENSITY / n).sqrt().max(1.0)
}

/// The area the boxes of all nodes and labels cover, with their clearance.
fn need(spec: &Spec) -> f64 {
    spec.nodes
        .iter()
        .map(|s| {
            let u = s.unit(0.0, 0.0).pad(CLEARANCE);
            u.width() * u.height()
        })
        .sum()
}

fn size(node: &Node) -> f64 {
    let u = node.unit(0.0, 0.0);
    u.width().max(u.height())
}

fn centroid(members: &[usize], pos: &[(f64, f64)]) -> Option<(f64, f64)> {
    let points: Vec<(f64, f64)> = members
        .iter()
        .filter_map(|m| pos.get(*m).copied())
        .collect();
    mean(&points)
}

/// The mean of some points, if there are any.
pub fn mean(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    if points.is_empty() {
        return None;
    }
    let k = points.len() as f64;
    Some((
        points.iter().map(|p| p.0).sum::<f64>() / k,
        points.iter().map(|p| p.1).sum::<f64>() / k,
    ))
}

/// Pulls a cluster's members to their centre and, if it is exclusive, pushes the others out of
/// the disc the members occupy.
fn pull_together(
    c: &Cluster,
    pos: &[(f64, f64)],
    disp: &mut [(f64, f64)],
    spec: &Spec,
    ideal: f64,
) {
    if c.members.len() < 2 {
        return;
    }
    let Some((cx, cy)) = centroid(&c.members, pos) else {
        return;
    };
    let mut reach: f64 = 0.0;
    for &m in &c.members {
        let Some(p) = pos.get(m) else { continue };
        let (dx, dy) = (p.0 - cx, p.1 - cy);
        let d = (dx * dx + dy * dy).sqrt();
        reach = reach.max(d + spec.nodes[m].radius);
        let f = d / ideal * c.strength;
        disp[m].0 -= dx * f;
        disp[m].1 -= dy * f;
    }
    if !c.exclusive {
        return;
    }
    for (i, p) in pos.iter().enumerate() {
        if c.members.contains(&i) {
            continue;
        }
        let (dx, dy) = (p.0 - cx, p.1 - cy);
        let d = (dx * dx + dy * dy).sqrt().max(1.0);
        let inside = reach + spec.nodes[i].radius + ideal * 0.5 - d;
        if inside > 0.0 {
            let f = inside / d * 3.0;
            disp[i].0 += dx * f;
            disp[i].1 += dy * f;
        }
    }
}

/// Scales the layout about its centre so that the mean distance to the nearest neighbour is the
/// ideal one: the boxes of nodes and labels then take about [`DENSITY`] of the picture.
fn spread(pos: &mut [(f64, f64)], spec: &Spec) {
    let (cx, cy) = centroid(&(0..pos.len()).collect::<Vec<_>>(), pos).unwrap_or((0.0, 0.0));
    // The mean distance to the nearest neighbour measures how crowded the layout is.
    let mut nearest = 0.0;
    for (i, p) in pos.iter().enumerate() {
        let mut best = f64::INFINITY;
        for (j, q) in pos.iter().enumerate() {
            if i != j {
                best = best.min((p.0 - q.0) * (p.0 - q.0) + (p.1 - q.1) * (p.1 - q.1));
            }
        }
        if best.is_finite() {
            nearest += best.sqrt();
        }
    }
    let n = pos.len() as f64;
    if n < 2.0 || nearest <= 0.0 {
        return;
    }
    let nearest = nearest / n;
    // A node's share of the picture is a square about as wide as the mean nearest distance.
    let want = ideal(spec);
    let scale = want / nearest;
    for p in pos.iter_mut() {
        p.0 = cx + (p.0 - cx) * scale;
        p.1 = cy + (p.1 - cy) * scale;
    }
}

/// Pushes overlapping boxes apart along the axis that needs the smaller move, a few hundred
/// rounds at most.
fn separate(pos: &mut [(f64, f64)], spec: &Spec) {
    let n = pos.len();
    for _ in 0..300 {
        let mut moved = false;
        for i in 0..n {
            for j in i + 1..n {
                let a = spec.nodes[i].unit(pos[i].0, pos[i].1).pad(CLEARANCE / 2.0);
                let b = spec.nodes[j].unit(pos[j].0, pos[j].1).pad(CLEARANCE / 2.0);
                if !a.overlaps(&b) {
                    continue;
                }
                moved = true;
                let ox = a.x1.min(b.x1) - a.x0.max(b.x0);
                let oy = a.y1.min(b.y1) - a.y0.max(b.y0);
                let (ca, cb) = ((a.x0 + a.x1, a.y0 + a.y1), (b.x0 + b.x1, b.y0 + b.y1));
                if ox < oy {
                    let s = if ca.0 < cb.0 || (ca.0 == cb.0 && i < j) {
                        -1.0
                    } else {
                        1.0
                    };
                    pos[i].0 += s * (ox / 2.0 + 0.5);
                    pos[j].0 -= s * (ox / 2.0 + 0.5);
                } else {
                    let s = if ca.1 < cb.1 || (ca.1 == cb.1 && i < j) {
                        -1.0
                    } else {
                        1.0
                    };
                    pos[i].1 += s * (oy / 2.0 + 0.5);
                    pos[j].1 -= s * (oy / 2.0 + 0.5);
                }
            }
        }
        if !moved {
            return;
        }
    }
}

/// The guarantee: nodes are fixed one by one, and a node whose box meets a fixed one moves to
/// the nearest free place on a square spiral around where it was.
fn settle(pos: &mut [(f64, f64)], spec: &Spec) {
    let mut fixed: Vec<Rect> = Vec::with_capacity(pos.len());
    for (i, p) in pos.iter_mut().enumerate() {
        let node = spec.nodes[i];
        let free = |x: f64, y: f64| {
            let u = node.unit(x, y).pad(CLEARANCE / 2.0);
            !fixed.iter().any(|f| f.overlaps(&u))
        };
        let step = 4.0;
        let mut spot = (p.0, p.1);
        'search: for ring in 0..10_000i32 {
            for (dx, dy) in ring_cells(ring) {
                let (x, y) = (p.0 + f64::from(dx) * step, p.1 + f64::from(dy) * step);
                if free(x, y) {
                    spot = (x, y);
                    break 'search;
                }
            }
        }
        *p = spot;
        fixed.push(node.unit(p.0, p.1).pad(CLEARANCE / 2.0));
    }
}

/// The cells at Chebyshev distance `ring` from the origin, in a fixed order.
fn ring_cells(ring: i32) -> Vec<(i32, i32)> {
    if ring == 0 {
        return vec![(0, 0)];
    }
    let mut cells = Vec::with_capacity(8 * ring as usize);
    for d in -ring..=ring {
        cells.push((d, -ring));
        cells.push((d, ring));
    }
    for d in -ring + 1..ring {
        cells.push((-ring, d));
        cells.push((ring, d));
    }
    // Nearest first, so a node moves as little as it can.
    cells.sort_by_key(|(x, y)| (x * x + y * y, *y, *x));
    cells
}

/// Unit vectors in 16 directions, written out so that no trigonometry (whose last bit may differ
/// between platforms) is needed.
pub const DIRECTIONS: [(f64, f64); 16] = [
    (1.0, 0.0),
    (0.923_879_532_5, 0.382_683_432_4),
    (FRAC_1_SQRT_2, FRAC_1_SQRT_2),
    (0.382_683_432_4, 0.923_879_532_5),
    (0.0, 1.0),
    (-0.382_683_432_4, 0.923_879_532_5),
    (-FRAC_1_SQRT_2, FRAC_1_SQRT_2),
    (-0.923_879_532_5, 0.382_683_432_4),
    (-1.0, 0.0),
    (-0.923_879_532_5, -0.382_683_432_4),
    (-FRAC_1_SQRT_2, -FRAC_1_SQRT_2),
    (-0.382_683_432_4, -0.923_879_532_5),
    (0.0, -1.0),
    (0.382_683_432_4, -0.923_879_532_5),
    (FRAC_1_SQRT_2, -FRAC_1_SQRT_2),
    (0.923_879_532_5, -0.382_683_432_4),
];

/// The convex hull of circles, as a polygon around points on each circle (Andrew's monotone
/// chain), counter-clockwise.
pub fn hull(circles: &[(f64, f64, f64)]) -> Vec<(f64, f64)> {
    let mut points: Vec<(f64, f64)> = circles
        .iter()
        .flat_map(|&(x, y, r)| {
            DIRECTIONS
                .iter()
                .map(move |(dx, dy)| (x + dx * r, y + dy * r))
        })
        .collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    points.dedup();
    if points.len() < 3 {
        return points;
    }
    let cross = |o: (f64, f64), a: (f64, f64), b: (f64, f64)| {
        (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
    };
    let mut lower: Vec<(f64, f64)> = Vec::new();
    for &p in &points {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], p) <= 0.0 {
            lower.pop();
        }
        lower.push(p);
    }
    let mut upper: Vec<(f64, f64)> = Vec::new();
    for &p in points.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], p) <= 0.0 {
            upper.pop();
        }
        upper.push(p);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower
}

/// Whether the segment from `a` to `b` passes through the rectangle (Liang and Barsky's
/// clipping: the part of the segment inside each pair of sides must not be empty).
pub fn segment_meets_rect(a: (f64, f64), b: (f64, f64), r: &Rect) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.0 - r.x0),
        (dx, r.x1 - a.0),
        (-dy, a.1 - r.y0),
        (dy, r.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

/// Where the segment from `from` towards `to` first crosses the polygon's boundary, if it does.
pub fn hit_polygon(from: (f64, f64), to: (f64, f64), polygon: &[(f64, f64)]) -> Option<(f64, f64)> {
    let mut best: Option<(f64, (f64, f64))> = None;
    for i in 0..polygon.len() {
        let (p, q) = (polygon[i], polygon[(i + 1) % polygon.len()]);
        let (rx, ry) = (to.0 - from.0, to.1 - from.1);
        let (sx, sy) = (q.0 - p.0, q.1 - p.1);
        let denom = rx * sy - ry * sx;
        if denom == 0.0 {
            continue;
        }
        let t = ((p.0 - from.0) * sy - (p.1 - from.1) * sx) / denom;
        let u = ((p.0 - from.0) * ry - (p.1 - from.1) * rx) / denom;
        if (0.0..=1.0).contains(&t) && (0.0..=1.0).contains(&u) && best.is_none_or(|(bt, _)| t < bt)
        {
            best = Some((t, (from.0 + rx * t, from.1 + ry * t)));
        }
    }
    best.map(|(_, p)| p)
}

/// The point of the polygon's boundary nearest to `p`.
pub fn nearest_on_polygon(p: (f64, f64), polygon: &[(f64, f64)]) -> Option<(f64, f64)> {
    let mut best: Option<(f64, (f64, f64))> = None;
    for i in 0..polygon.len() {
        let (a, b) = (polygon[i], polygon[(i + 1) % polygon.len()]);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 {
            (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let q = (a.0 + dx * t, a.1 + dy * t);
        let d = (q.0 - p.0) * (q.0 - p.0) + (q.1 - p.1) * (q.1 - p.1);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, q));
        }
    }
    best.map(|(_, q)| q)
}

/// splitmix64 (Steele, Lea and Flood 2014): the starting positions' few random numbers, the
/// same on every platform so pictures are identical from run to run.
struct Splitmix(u64);

impl Splitmix {
    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_boxes_overlap_even_when_all_start_in_one_place() {
        let node = Node {
            radius: 10.0,
            label_w: 60.0,
            label_h: 14.0,
        };
        let spec = Spec {
            nodes: vec![node; 30],
            springs: Vec::new(),
            clusters: Vec::new(),
        };
        let mut pos = vec![(0.0, 0.0); 30];
        separate(&mut pos, &spec);
        settle(&mut pos, &spec);
        for i in 0..30 {
            for j in i + 1..30 {
                assert!(!node
                    .unit(pos[i].0, pos[i].1)
                    .overlaps(&node.unit(pos[j].0, pos[j].1)));
            }
        }
    }

    #[test]
    fn hull_of_two_circles_encloses_both() {
        let h = hull(&[(0.0, 0.0, 5.0), (20.0, 0.0, 5.0)]);
        let xs: Vec<f64> = h.iter().map(|p| p.0).collect();
        assert!(xs.iter().any(|x| *x <= -5.0) && xs.iter().any(|x| *x >= 25.0));
    }

    #[test]
    fn text_width_grows_with_text() {
        assert!(text_width("United States", 11.0, false) > text_width("US", 11.0, false));
        assert!(text_width("Japan", 11.0, true) > text_width("Japan", 11.0, false));
    }
}
