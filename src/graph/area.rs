//! A pact's shaded area. It is the convex hull of its members' circles and names when that
//! hull holds no other state; when the layout has left a non-member among the members (the
//! forces push non-members out of a pact's disc, but cannot always), the area is drawn in
//! convex pieces, each holding members only, so that the picture never shows a state inside a
//! pact it is not in.

use super::layout::{self, text_width, Node, Rect};
use super::scene::Circle;

/// A pact's area and its name tag (none if no free place was found; the legend names it).
#[derive(Clone, Debug, PartialEq)]
pub struct Hull {
    /// The area's pieces, the largest first: one convex polygon unless a non-member lies
    /// among the members.
    pub pieces: Vec<Vec<(f64, f64)>>,
    pub tag: Option<Rect>,
}

impl Hull {
    /// The largest piece, which the name tag and threats against the pact go to.
    pub fn main(&self) -> &[(f64, f64)] {
        self.pieces.first().map_or(&[], |p| p.as_slice())
    }

    /// Every corner of every piece.
    pub fn points(&self) -> impl Iterator<Item = &(f64, f64)> {
        self.pieces.iter().flatten()
    }

    /// The point of the area's outline nearest to `p`.
    pub fn nearest(&self, p: (f64, f64)) -> Option<(f64, f64)> {
        self.pieces
            .iter()
            .filter_map(|piece| layout::nearest_on_polygon(p, piece))
            .min_by(|a, b| {
                let d = |q: &(f64, f64)| (q.0 - p.0).hypot(q.1 - p.1);
                d(a).total_cmp(&d(b))
            })
    }
}

/// Padding of a pact's area around its members' circles and names.
pub const PAD: f64 = 7.0;

/// A state that must stay outside an area: its circle and its name's box.
#[derive(Clone, Copy, Debug)]
pub struct Keep {
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub label: Rect,
}

/// The pieces of the area of a pact with these members (indices into `pos`, `nodes`,
/// `labels` and `filled`, the radius of each state's filled circle), the largest first; `halo`
/// is the room a node keeps around its circle that the area need not cover. One piece, the
/// convex hull, unless that hull holds a non-member.
pub fn pieces(
    members: &[usize],
    pos: &[(f64, f64)],
    nodes: &[Node],
    labels: &[Rect],
    filled: &[f64],
    halo: f64,
) -> Vec<Vec<(f64, f64)>> {
    let n = pos
        .len()
        .min(nodes.len())
        .min(labels.len())
        .min(filled.len());
    let members: Vec<usize> = members.iter().copied().filter(|&m| m < n).collect();
    if members.is_empty() {
        return Vec::new();
    }
    let outline = |set: &[usize], pad: f64| {
        let mut circles = Vec::new();
        for &m in set {
            let (p, l) = (pos[m], labels[m].pad(pad / 2.0));
            circles.push((p.0, p.1, (nodes[m].radius - halo + pad).max(0.0)));
            circles.extend([
                (l.x0, l.y0, 0.0),
                (l.x1, l.y0, 0.0),
                (l.x0, l.y1, 0.0),
                (l.x1, l.y1, 0.0),
            ]);
        }
        layout::hull(&circles)
    };
    let whole = outline(&members, PAD);
    let keep: Vec<Keep> = (0..n)
        .filter(|i| !members.contains(i))
        .map(|i| Keep {
            x: pos[i].0,
            y: pos[i].1,
            r: filled[i],
            label: labels[i],
        })
        .collect();
    if holds_none(&whole, &keep) {
        return vec![whole];
    }
    // Single linkage, nearest members first: two pieces join when the hull of both holds no
    // other state. Members start alone, each with the widest padding that keeps others out.
    let mut piece_of: Vec<usize> = (0..members.len()).collect();
    let mut sets: Vec<Vec<usize>> = members.iter().map(|&m| vec![m]).collect();
    let mut pads: Vec<f64> = members
        .iter()
        .map(|&m| {
            [PAD, PAD / 2.0, 1.0]
                .into_iter()
                .find(|&pad| holds_none(&outline(&[m], pad), &keep))
                .unwrap_or(0.0)
        })
        .collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for i in 0..members.len() {
        for j in i + 1..members.len() {
            let (a, b) = (pos[members[i]], pos[members[j]]);
            pairs.push(((a.0 - b.0).hypot(a.1 - b.1), i, j));
        }
    }
    pairs.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut refused: Vec<(usize, usize)> = Vec::new();
    for (_, i, j) in pairs {
        let (a, b) = (piece_of[i], piece_of[j]);
        if a == b || refused.contains(&(a.min(b), a.max(b))) {
            continue;
        }
        let joined: Vec<usize> = sets[a].iter().chain(&sets[b]).copied().collect();
        let pad = pads[a].min(pads[b]);
        if !holds_none(&outline(&joined, pad), &keep) {
            refused.push((a.min(b), a.max(b)));
            continue;
        }
        // The joined piece keeps the lower index; the other empties.
        let (keep_at, gone) = (a.min(b), a.max(b));
        for p in piece_of.iter_mut() {
            if *p == gone {
                *p = keep_at;
            }
        }
        sets[keep_at] = joined;
        sets[gone].clear();
        pads[keep_at] = pad;
        refused.retain(|&(x, y)| x != keep_at && y != keep_at && x != gone && y != gone);
    }
    let mut out: Vec<(usize, Vec<(f64, f64)>)> = sets
        .iter()
        .zip(&pads)
        .filter(|(set, _)| !set.is_empty())
        .map(|(set, &pad)| (set.len(), outline(set, pad)))
        .collect();
    // The largest piece first (it carries the name); ties in the members' order.
    out.sort_by_key(|x| std::cmp::Reverse(x.0));
    out.into_iter().map(|(_, points)| points).collect()
}

pub fn polygon_centre(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    layout::mean(points)
}

/// A free place for a pact's name next to its hull: above, below, left or right of it, or
/// inside along its top, away from every node, label and other tag.
pub fn tag_spot(
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

/// Whether no kept-out state has its centre, any part of its circle or a corner of its name
/// inside the polygon.
fn holds_none(polygon: &[(f64, f64)], keep: &[Keep]) -> bool {
    if polygon.len() < 3 {
        return true;
    }
    let bbox = polygon.iter().fold(
        Rect {
            x0: f64::INFINITY,
            y0: f64::INFINITY,
            x1: f64::NEG_INFINITY,
            y1: f64::NEG_INFINITY,
        },
        |b, p| Rect {
            x0: b.x0.min(p.0),
            y0: b.y0.min(p.1),
            x1: b.x1.max(p.0),
            y1: b.y1.max(p.1),
        },
    );
    keep.iter().all(|k| {
        let around = Rect::around(k.x, k.y, k.r).union(&k.label);
        if !around.overlaps(&bbox) {
            return true;
        }
        let touches = layout::nearest_on_polygon((k.x, k.y), polygon)
            .is_some_and(|p| (p.0 - k.x).hypot(p.1 - k.y) < k.r);
        let l = k.label;
        let corner_in = [(l.x0, l.y0), (l.x1, l.y0), (l.x0, l.y1), (l.x1, l.y1)]
            .iter()
            .any(|&p| inside(p, polygon));
        !touches && !corner_in && !inside((k.x, k.y), polygon)
    })
}

/// Whether a point lies inside a polygon (even-odd rule).
pub fn inside(p: (f64, f64), polygon: &[(f64, f64)]) -> bool {
    let mut yes = false;
    for (i, a) in polygon.iter().enumerate() {
        let b = polygon[(i + 1) % polygon.len()];
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) * (b.0 - a.0) / (b.1 - a.1) {
            yes = !yes;
        }
    }
    yes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node() -> Node {
        Node {
            radius: 10.0,
            label_w: 20.0,
            label_h: 10.0,
        }
    }

    fn labels(pos: &[(f64, f64)]) -> Vec<Rect> {
        pos.iter()
            .map(|p| Rect {
                x0: p.0 - 10.0,
                y0: p.1 + 12.0,
                x1: p.0 + 10.0,
                y1: p.1 + 22.0,
            })
            .collect()
    }

    #[test]
    fn a_non_member_between_members_splits_the_area() {
        let nodes = [node(), node(), node()];
        // Members at the ends of a row, a non-member in the middle: two pieces, neither
        // holding it.
        let pos = [(0.0, 0.0), (100.0, 0.0), (50.0, 0.0)];
        let split = pieces(&[0, 1], &pos, &nodes, &labels(&pos), &[10.0; 3], 0.0);
        assert_eq!(split.len(), 2);
        assert!(split.iter().all(|piece| !inside(pos[2], piece)));
        // The non-member away from the row: one piece holds both members.
        let pos = [(0.0, 0.0), (100.0, 0.0), (50.0, 200.0)];
        let whole = pieces(&[0, 1], &pos, &nodes, &labels(&pos), &[10.0; 3], 0.0);
        assert_eq!(whole.len(), 1);
        assert!(inside(pos[0], &whole[0]) && inside(pos[1], &whole[0]));
    }
}
