//! The SVG picture, drawn from a laid-out [`Scene`]: hulls at the bottom, then links, then
//! circles and labels, with the legend beside the network.

use std::fmt::Write;

use super::layout::Rect;
use super::network::{Network, Role, State, Target};
use super::scene::{Circle, Curve, Mark, Scene, BADGE_FONT, BADGE_H, FONT, RING};
use super::style;

/// Appends formatted text to a `String` (which cannot fail).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// A coordinate with one decimal, never `-0.0`.
fn n(x: f64) -> String {
    let s = format!("{x:.1}");
    if s == "-0.0" {
        "0.0".to_string()
    } else {
        s
    }
}

/// A width or opacity with two decimals.
fn n2(x: f64) -> String {
    format!("{x:.2}")
}

/// Text for XML content and attribute values.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            // Not characters XML 1.0 allows: a parser would reject the whole picture.
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The arrowheads, one per colour (a marker cannot take its line's colour in SVG 1.1), sized
/// in proportion to the line's width.
const MARKERS: &[(&str, &str)] = &[
    ("duty", style::DUTY),
    ("lost", style::LOST),
    ("threat", style::THREAT),
    ("partner", style::PARTNER),
];

/// The whole picture.
pub fn svg(net: &Network, scene: &Scene) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let (w, h) = (scene.width, scene.height);
    w!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"{}\">\n",
        n(w),
        n(h),
        n(w),
        n(h),
        style::FONT_FAMILY
    );
    let full_title = match &scene.subtitle {
        Some(s) => format!("{}. {s}", scene.title),
        None => scene.title.clone(),
    };
    w!(out, "<title>{}</title>\n<defs>\n", xml(&full_title));
    for (id, colour) in MARKERS {
        w!(
            out,
            "<marker id=\"arrow-{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"4.5\" markerHeight=\"4.5\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>\n"
        );
    }
    out.push_str("</defs>\n");
    w!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
        n(w),
        n(h)
    );
    w!(out, "<text x=\"12.0\" y=\"30.0\" font-size=\"18\" font-weight=\"bold\" fill=\"#222222\">{}</text>\n", xml(&scene.title));
    if let Some(sub) = &scene.subtitle {
        w!(
            out,
            "<text x=\"12.0\" y=\"50.0\" font-size=\"13\" fill=\"{}\">{}</text>\n",
            style::LOST,
            xml(sub)
        );
    }
    hulls(&mut out, net, scene);
    groups(&mut out, net, scene);
    links(&mut out, net, scene);
    nodes(&mut out, net, scene);
    badges(&mut out, scene);
    tags(&mut out, net, scene);
    legend(&mut out, net, scene);
    out.push_str("</svg>\n");
    out
}

fn points(ps: &[(f64, f64)]) -> String {
    ps.iter()
        .map(|p| format!("{},{}", n(p.0), n(p.1)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn hulls(out: &mut String, net: &Network, scene: &Scene) {
    out.push_str("<g id=\"pacts\">\n");
    for (i, (pact, hull)) in net.pacts.iter().zip(&scene.hulls).enumerate() {
        let pieces: Vec<&Vec<(f64, f64)>> = hull.pieces.iter().filter(|p| p.len() >= 3).collect();
        if pieces.is_empty() {
            continue;
        }
        let (fill, stroke) = style::pact(i);
        let dash = if pact.defence() {
            ""
        } else {
            " stroke-dasharray=\"6 4\""
        };
        let paint = format!("fill=\"{fill}\" fill-opacity=\"0.55\" stroke=\"{stroke}\" stroke-width=\"1.5\" stroke-linejoin=\"round\"{dash}");
        let title = xml(&pact_title(net, i));
        if let [one] = pieces[..] {
            w!(
                out,
                "<polygon points=\"{}\" {paint}><title>{title}</title></polygon>\n",
                points(one)
            );
        } else {
            // Pieces of one area: one path, so the pact is still one shape with one title.
            let d: Vec<String> = pieces
                .iter()
                .map(|p| format!("M{}Z", points(p).replace(' ', " L")))
                .collect();
            w!(
                out,
                "<path d=\"{}\" {paint}><title>{title}</title></path>\n",
                d.join(" ")
            );
        }
    }
    out.push_str("</g>\n");
}

fn pact_title(net: &Network, i: usize) -> String {
    let Some(p) = net.pacts.get(i) else {
        return String::new();
    };
    let names: Vec<&str> = p
        .members
        .iter()
        .filter_map(|m| net.states.get(*m))
        .map(|s| s.label.as_str())
        .collect();
    let title = p
        .title
        .as_ref()
        .map_or_else(String::new, |t| format!(" ({t})"));
    format!(
        "{}{title}, {} pact: {}",
        p.name,
        p.obligation,
        names.join(", ")
    )
}

fn groups(out: &mut String, net: &Network, scene: &Scene) {
    out.push_str("<g id=\"groups\" fill=\"none\" stroke-width=\"2.6\" stroke-linecap=\"round\">\n");
    for (i, (group, curves)) in net.groups.iter().zip(&scene.group_links).enumerate() {
        if curves.is_empty() {
            continue;
        }
        let kinds: Vec<String> = group.kinds.iter().map(|k| k.to_string()).collect();
        let members: Vec<&str> = group
            .members
            .iter()
            .filter_map(|m| net.states.get(*m))
            .map(|s| s.label.as_str())
            .collect();
        w!(
            out,
            "<g stroke=\"{}\" stroke-dasharray=\"{}\"><title>{} ({}): {}</title>",
            style::group(i),
            style::group_dash(i),
            xml(&group.name.to_string()),
            kinds.join(", "),
            xml(&members.join(", "))
        );
        for c in curves {
            w!(out, "<path d=\"{}\"/>", quad(c));
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

/// A quadratic curve as path data.
fn quad(c: &Curve) -> String {
    format!(
        "M{},{} Q{},{} {},{}",
        n(c.from.0),
        n(c.from.1),
        n(c.ctrl.0),
        n(c.ctrl.1),
        n(c.to.0),
        n(c.to.1)
    )
}

/// The ends of a straight link between two circles, on their rims.
fn rims(a: &Circle, b: &Circle) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt();
    if len <= a.outer + b.outer + 2.0 {
        return None;
    }
    let (ux, uy) = (dx / len, dy / len);
    Some((
        (a.x + ux * (a.outer + 1.0), a.y + uy * (a.outer + 1.0)),
        (b.x - ux * (b.outer + 1.0), b.y - uy * (b.outer + 1.0)),
    ))
}

/// One straight link with its tooltip.
struct Line<'a> {
    from: (f64, f64),
    to: (f64, f64),
    stroke: &'a str,
    width: f64,
    dash: Option<&'a str>,
    start: Option<&'a str>,
    end: Option<&'a str>,
    opacity: f64,
    title: String,
}

fn line(out: &mut String, l: Line) {
    w!(
        out,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"",
        n(l.from.0),
        n(l.from.1),
        n(l.to.0),
        n(l.to.1),
        l.stroke,
        n2(l.width)
    );
    if let Some(d) = l.dash {
        w!(out, " stroke-dasharray=\"{d}\"");
    }
    if l.opacity < 1.0 {
        w!(out, " stroke-opacity=\"{}\"", n2(l.opacity));
    }
    if let Some(m) = l.start {
        w!(out, " marker-start=\"url(#arrow-{m})\"");
    }
    if let Some(m) = l.end {
        w!(out, " marker-end=\"url(#arrow-{m})\"");
    }
    w!(out, "><title>{}</title></line>\n", xml(&l.title));
}

fn label(net: &Network, i: usize) -> &str {
    net.states.get(i).map_or("", |s| s.label.as_str())
}

/// How much to thin links in a crowded picture: 1 for a few dozen links, less for hundreds.
fn thinning(net: &Network) -> f64 {
    let links =
        net.obligations.len() + net.threats.len() + net.partners.len() + net.commitments.len();
    (120.0 / links.max(1) as f64).sqrt().clamp(0.5, 1.0)
}

fn links(out: &mut String, net: &Network, scene: &Scene) {
    let circle = |i: usize| scene.circles.get(i);
    let thin = thinning(net);
    // Crowded pictures draw links lighter, so circles and names stay readable through them.
    let faint = if thin < 1.0 { 0.6 } else { 1.0 };
    out.push_str("<g id=\"links\">\n");
    for (c, curve) in net.commitments.iter().zip(&scene.commitment_links) {
        let title = format!(
            "{} and {}: a {} treaty, no duty to defend",
            label(net, c.a),
            label(net, c.b),
            c.obligation
        );
        w!(
            out,
            "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-dasharray=\"8 3 2 3\"><title>{}</title></path>\n",
            quad(curve),
            style::COMMITMENT,
            n2(1.6 * thin),
            xml(&title)
        );
    }
    for (a, b) in &net.partners {
        let (Some(ca), Some(cb)) = (circle(*a), circle(*b)) else {
            continue;
        };
        let Some((from, to)) = rims(ca, cb) else {
            continue;
        };
        let title = format!(
            "{} supports {} (partner, no duty to defend)",
            label(net, *a),
            label(net, *b)
        );
        line(
            out,
            Line {
                from,
                to,
                stroke: style::PARTNER,
                width: 1.6 * thin,
                dash: Some("6 4"),
                start: None,
                end: Some("partner"),
                opacity: faint,
                title,
            },
        );
    }
    for (ti, t) in net.threats.iter().enumerate() {
        let Some(a) = circle(t.from) else { continue };
        let (from, to, whom) = match t.to {
            Target::State(x) => {
                let Some(b) = circle(x) else { continue };
                let Some((from, to)) = rims(a, b) else {
                    continue;
                };
                (from, to, label(net, x).to_string())
            }
            Target::Pact(p) => {
                let Some((_, end)) = scene.pact_threat_ends.iter().find(|(i, _)| *i == ti) else {
                    continue;
                };
                let (dx, dy) = (end.0 - a.x, end.1 - a.y);
                let len = (dx * dx + dy * dy).sqrt();
                if len <= a.outer + 4.0 {
                    continue;
                }
                let from = (
                    a.x + dx / len * (a.outer + 1.0),
                    a.y + dy / len * (a.outer + 1.0),
                );
                (
                    from,
                    *end,
                    format!(
                        "every member of {}",
                        net.pacts
                            .get(p)
                            .map_or(String::new(), |p| p.name.to_string())
                    ),
                )
            }
        };
        let title = format!("{} threatens {whom}", label(net, t.from));
        line(
            out,
            Line {
                from,
                to,
                stroke: style::THREAT,
                width: 1.5 * thin,
                dash: None,
                start: None,
                end: Some("threat"),
                opacity: 0.8 * faint,
                title,
            },
        );
    }
    for o in &net.obligations {
        let (Some(a), Some(b)) = (circle(o.from), circle(o.to)) else {
            continue;
        };
        let Some((from, to)) = rims(a, b) else {
            continue;
        };
        let (fa, fb) = (label(net, o.from), label(net, o.to));
        let mut title = if o.mutual {
            format!("{fa} and {fb} must defend each other")
        } else {
            format!("{fa} must defend {fb}")
        };
        if let Some(name) = &o.name {
            w!(title, " ({name})");
        }
        if !o.conditions.is_empty() {
            w!(title, ", {}", o.conditions.join(", "));
        }
        let (stroke, dash, marker) = if o.lost {
            title.push_str(": lost in this scenario");
            (style::LOST, Some("7 4"), "lost")
        } else if !o.conditions.is_empty() {
            // Conditional: a long dash with a dot, unlike the solid unconditional duty.
            (style::DUTY, Some("12 3"), "duty")
        } else {
            (style::DUTY, None, "duty")
        };
        let start = o.mutual.then_some(marker);
        let opacity = if o.lost { 1.0 } else { faint };
        line(
            out,
            Line {
                from,
                to,
                stroke,
                width: 2.0 * thin,
                dash,
                start,
                end: Some(marker),
                opacity,
                title,
            },
        );
    }
    for (s, p, end) in &scene.left_links {
        let Some(a) = circle(*s) else { continue };
        let (dx, dy) = (end.0 - a.x, end.1 - a.y);
        let len = (dx * dx + dy * dy).sqrt();
        if len <= a.outer + 2.0 {
            continue;
        }
        let from = (
            a.x + dx / len * (a.outer + 1.0),
            a.y + dy / len * (a.outer + 1.0),
        );
        let pact = net
            .pacts
            .get(*p)
            .map_or(String::new(), |p| p.name.to_string());
        let title = format!(
            "{} is no longer in {pact}: duties to defend lost",
            label(net, *s)
        );
        line(
            out,
            Line {
                from,
                to: *end,
                stroke: style::LOST,
                width: 2.0,
                dash: Some("7 4"),
                start: None,
                end: None,
                opacity: 1.0,
                title,
            },
        );
    }
    out.push_str("</g>\n");
}

/// The fill and outline of a state's circle.
fn paint(s: &State) -> (&'static str, &'static str, Option<&'static str>) {
    let fill = match s.role() {
        Role::Hub => style::HUB,
        Role::Spoke => style::SPOKE,
        Role::Threat => style::THREAT_SOURCE,
        Role::Plain => style::PLAIN,
        Role::Removed => "#ffffff",
    };
    match (s.removed, s.gdp.is_none()) {
        (true, _) => (fill, "#8a8a8a", Some("4 3")),
        (false, true) => (fill, "#555555", Some("2 2")),
        (false, false) => (fill, "#ffffff", None),
    }
}

/// A white mark inside a state's circle that says its role without colour, for a handout
/// printed in grey: a hub a ring within its ring, a spoke a diamond, a threat a cross. Too
/// small a circle has room for none.
fn role_mark(role: Role, cx: f64, cy: f64, r: f64) -> String {
    if r < 3.5 {
        return String::new();
    }
    let width = (r * 0.16).clamp(1.0, 2.5);
    let k = r * 0.5;
    match role {
        Role::Hub => format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"{}\"/>",
            n(cx),
            n(cy),
            n(r * 0.6),
            n(width)
        ),
        Role::Spoke => format!(
            "<path d=\"M{},{} L{},{} L{},{} L{},{} z\" fill=\"#ffffff\"/>",
            n(cx),
            n(cy - k),
            n(cx + k),
            n(cy),
            n(cx),
            n(cy + k),
            n(cx - k),
            n(cy)
        ),
        Role::Threat => format!(
            "<path d=\"M{},{} L{},{} M{},{} L{},{}\" stroke=\"#ffffff\" stroke-width=\"{}\"/>",
            n(cx - k),
            n(cy - k),
            n(cx + k),
            n(cy + k),
            n(cx - k),
            n(cy + k),
            n(cx + k),
            n(cy - k),
            n(width)
        ),
        Role::Plain | Role::Removed => String::new(),
    }
}

fn node(out: &mut String, s: &State, c: &Circle) {
    if s.newly_exposed {
        w!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>",
            n(c.x),
            n(c.y),
            n(c.outer - 0.5),
            style::NEWLY_EXPOSED
        );
    }
    let (fill, stroke, dash) = paint(s);
    let dash = dash.map_or(String::new(), |d| format!(" stroke-dasharray=\"{d}\""));
    w!(out, "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.2\"{dash}/>", n(c.x), n(c.y), n(c.r));
    out.push_str(&role_mark(s.role(), c.x, c.y, c.r));
    if s.nuclear {
        let dash = if s.removed {
            " stroke-dasharray=\"4 3\" stroke-opacity=\"0.5\""
        } else {
            ""
        };
        w!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.4\"{dash}/>",
            n(c.x),
            n(c.y),
            n(c.r + RING / 2.0 + 0.3),
            style::NUCLEAR
        );
    }
}

fn nodes(out: &mut String, net: &Network, scene: &Scene) {
    out.push_str("<g id=\"states\">\n");
    for (s, c) in net.states.iter().zip(&scene.circles) {
        w!(out, "<g><title>{}</title>", xml(&s.summary()));
        node(out, s, c);
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n<g id=\"labels\" text-anchor=\"middle\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">\n");
    for (s, l) in net.states.iter().zip(&scene.labels) {
        let (fill, weight) = if s.removed {
            ("#8a8a8a", "normal")
        } else if s.exposed {
            (style::EXPOSED, "bold")
        } else if s.hub {
            ("#111111", "bold")
        } else {
            ("#222222", "normal")
        };
        w!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{FONT}\" font-weight=\"{weight}\" fill=\"{fill}\">{}</text>\n",
            n((l.x0 + l.x1) / 2.0),
            n(l.y0 + 10.5),
            xml(&s.label)
        );
    }
    out.push_str("</g>\n");
}

fn tags(out: &mut String, net: &Network, scene: &Scene) {
    out.push_str(
        "<g id=\"pact-names\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\">\n",
    );
    for (i, (pact, hull)) in net.pacts.iter().zip(&scene.hulls).enumerate() {
        let Some(t) = hull.tag else { continue };
        let (_, stroke) = style::pact(i);
        w!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"{stroke}\">{}</text>\n",
            n((t.x0 + t.x1) / 2.0),
            n(t.y0 + 12.5),
            xml(&pact.name.to_string())
        );
    }
    out.push_str("</g>\n");
}

/// A soldier's helmet, centred at (x, y): the troop badge's glyph. Absolute points only, so
/// that every number pair of the path is a point of the picture.
fn helmet(x: f64, y: f64, colour: &str) -> String {
    format!(
        "<path d=\"M{},{} Q{},{} {},{} Z M{},{} L{},{}\" fill=\"{colour}\" stroke=\"{colour}\" stroke-width=\"1.4\"/>",
        n(x - 4.5),
        n(y + 1.5),
        n(x),
        n(y - 7.5),
        n(x + 4.5),
        n(y + 1.5),
        n(x - 5.5),
        n(y + 2.2),
        n(x + 5.5),
        n(y + 2.2)
    )
}

/// The colours of a troop badge: (fill, outline and glyph, text). A tripwire is filled dark,
/// other troops are white with a dashed outline, so the two stay apart in grey.
fn badge_paint(tripwire: bool) -> (&'static str, &'static str, &'static str) {
    if tripwire {
        (style::TROOPS, style::TROOPS, "#ffffff")
    } else {
        ("#ffffff", style::TROOPS, style::TROOPS)
    }
}

/// A badge's box and helmet; its text is written by the caller.
fn badge_box(rect: Rect, tripwire: bool) -> String {
    let (fill, stroke, glyph) = badge_paint(tripwire);
    let dash = if tripwire {
        ""
    } else {
        " stroke-dasharray=\"3 2\""
    };
    format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1\"{dash}/>{}",
        n(rect.x0),
        n(rect.y0),
        n(rect.width()),
        n(rect.height()),
        helmet(rect.x0 + BADGE_H / 2.0 + 1.0, (rect.y0 + rect.y1) / 2.0, glyph)
    )
}

fn badges(out: &mut String, scene: &Scene) {
    if scene.troop_badges.is_empty() {
        return;
    }
    w!(out, "<g id=\"troops\" font-size=\"{}\">\n", BADGE_FONT);
    for b in &scene.troop_badges {
        let (_, _, text) = badge_paint(b.tripwire);
        let what = if b.tripwire { ", a tripwire" } else { "" };
        w!(
            out,
            "<g><title>{}{what}</title>{}<text x=\"{}\" y=\"{}\" fill=\"{text}\">{}</text></g>\n",
            xml(&b.text),
            badge_box(b.rect, b.tripwire),
            n(b.rect.x0 + BADGE_H + 3.0),
            n(b.rect.y1 - 3.8),
            xml(&b.text)
        );
    }
    out.push_str("</g>\n");
}

fn legend(out: &mut String, net: &Network, scene: &Scene) {
    let b = scene.legend;
    if scene.legend_rows.is_empty() {
        return;
    }
    w!(
        out,
        "<g id=\"legend\" font-size=\"11\">\n<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"#fafafa\" stroke=\"#cccccc\"/>\n",
        n(b.x0),
        n(b.y0),
        n(b.width()),
        n(b.height())
    );
    for row in &scene.legend_rows {
        glyph(out, net, &row.mark, row.rect, scene.legend_glyph);
        let cy = (row.rect.y0 + row.rect.y1) / 2.0;
        w!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"#222222\">{}</text>\n",
            n(row.rect.x0 + scene.legend_glyph + 8.0),
            n(cy + 4.0),
            xml(&row.text)
        );
    }
    out.push_str("</g>\n");
}

/// The small picture of a mark at the start of a legend row.
fn glyph(out: &mut String, net: &Network, mark: &Mark, row: Rect, width: f64) {
    let (cx, cy) = (row.x0 + width / 2.0, (row.y0 + row.y1) / 2.0);
    let (x0, x1) = (row.x0 + 4.0, row.x0 + width - 4.0);
    let plain = |fill: &str, stroke: &str, r: f64, extra: &str| {
        format!("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.2\"{extra}/>", n(cx), n(cy), n(r))
    };
    let arrow = |stroke: &str, dash: &str, start: &str, end: &str| {
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        let start = if start.is_empty() {
            String::new()
        } else {
            format!(" marker-start=\"url(#arrow-{start})\"")
        };
        let end = if end.is_empty() {
            String::new()
        } else {
            format!(" marker-end=\"url(#arrow-{end})\"")
        };
        format!("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{stroke}\" stroke-width=\"2\"{dash}{start}{end}/>", n(x0), n(cy), n(x1), n(cy))
    };
    let drawn = match mark {
        Mark::Role(role) => {
            let fill = match role {
                Role::Hub => style::HUB,
                Role::Spoke => style::SPOKE,
                Role::Threat => style::THREAT_SOURCE,
                Role::Plain => style::PLAIN,
                Role::Removed => "#ffffff",
            };
            let (stroke, extra) = if *role == Role::Removed { ("#8a8a8a", " stroke-dasharray=\"4 3\"") } else { ("#888888", "") };
            plain(fill, stroke, 7.0, extra) + &role_mark(*role, cx, cy, 7.0)
        }
        Mark::Nuclear => {
            plain(style::PLAIN, "#888888", 7.0, "")
                + &format!("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.4\"/>", n(cx), n(cy), n(7.0 + RING / 2.0 + 0.3), style::NUCLEAR)
        }
        Mark::Size(r) => plain(style::PLAIN, "#888888", *r, ""),
        Mark::GdpUnknown => plain(style::PLAIN, "#555555", 5.5, " stroke-dasharray=\"2 2\""),
        Mark::Exposed => format!("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{}\">Name</text>", n(cx), n(cy + 4.0), style::EXPOSED),
        Mark::NewlyExposed => {
            format!("<circle cx=\"{}\" cy=\"{}\" r=\"8.0\" fill=\"{}\"/>", n(cx), n(cy), style::NEWLY_EXPOSED) + &plain(style::PLAIN, "#ffffff", 5.0, "")
        }
        Mark::OneWay => arrow(style::DUTY, "", "", "duty"),
        Mark::Mutual => arrow(style::DUTY, "", "duty", "duty"),
        Mark::Lost => arrow(style::LOST, "7 4", "", "lost"),
        Mark::Conditional => arrow(style::DUTY, "12 3", "", "duty"),
        Mark::Commitment => arrow(style::COMMITMENT, "8 3 2 3", "", ""),
        Mark::Partner => arrow(style::PARTNER, "6 4", "", "partner"),
        Mark::Threat => arrow(style::THREAT, "", "", "threat"),
        Mark::Troops(tripwire) => badge_box(
            Rect {
                x0,
                y0: cy - BADGE_H / 2.0,
                x1,
                y1: cy + BADGE_H / 2.0,
            },
            *tripwire,
        ),
        Mark::Pact(i) => {
            let (fill, stroke) = style::pact(*i);
            let dash = if net.pacts.get(*i).is_some_and(|p| !p.defence()) { " stroke-dasharray=\"6 4\"" } else { "" };
            format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" rx=\"5\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>",
                n(x0),
                n(cy - 6.0),
                n(x1 - x0)
            )
        }
        Mark::Group(i) => format!(
            "<path d=\"M{},{} Q{},{} {},{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.6\" stroke-linecap=\"round\" stroke-dasharray=\"{}\"/>",
            n(x0),
            n(cy + 3.0),
            n(cx),
            n(cy - 7.0),
            n(x1),
            n(cy + 3.0),
            style::group(*i),
            style::group_dash(*i)
        ),
    };
    out.push_str(&drawn);
    out.push('\n');
}
