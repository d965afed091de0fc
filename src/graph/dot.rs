//! The network in Graphviz's DOT language, with the marks of the SVG picture: node colours by
//! role, a thick outline for nuclear states, sizes by GDP, pacts as clusters, groups dotted,
//! partners dashed, threats orange, lost duties red and dashed.

use std::fmt::Write;

use super::network::{Network, Role, State, Target};
use super::scene::radius;
use super::style;

/// A DOT string literal.
fn q(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether every state is in at most one pact: then pacts are clusters, which Graphviz draws
/// as boxes; otherwise each pact is a node linked to its members.
pub fn pacts_disjoint(net: &Network) -> bool {
    let mut seen = vec![false; net.states.len()];
    for p in &net.pacts {
        for &m in &p.members {
            match seen.get_mut(m) {
                Some(true) => return false,
                Some(s) => *s = true,
                None => {}
            }
        }
    }
    true
}

fn fill(s: &State) -> (&'static str, &'static str) {
    match s.role() {
        Role::Hub => (style::HUB, "#ffffff"),
        Role::Spoke => (style::SPOKE, "#000000"),
        Role::Threat => (style::THREAT_SOURCE, "#000000"),
        Role::Plain => (style::PLAIN, "#000000"),
        Role::Removed => ("#ffffff", "#8a8a8a"),
    }
}

fn node(out: &mut String, s: &State, largest: f64, indent: &str) {
    let (fill, mut font) = fill(s);
    if s.exposed && !s.removed {
        font = style::EXPOSED;
    }
    let label = match &s.gdp_text {
        Some(g) => format!("{}\n{g}", s.label),
        None => s.label.clone(),
    };
    // Graphviz sizes in inches, 72 points each; a node grows to fit its label if it must.
    let width = 2.0 * radius(s.gdp, largest) * 1.6 / 72.0;
    let mut attrs = vec![
        format!("label={}", q(&label)),
        format!("width={width:.2}"),
        format!("fillcolor=\"{fill}\""),
        format!("fontcolor=\"{font}\""),
    ];
    let mut styles = vec!["filled"];
    if s.removed || s.gdp.is_none() {
        styles.push("dashed");
    }
    attrs.push(format!("style=\"{}\"", styles.join(",")));
    // A newly exposed state's yellow outline says more than the nuclear one.
    if s.newly_exposed {
        attrs.push(format!(
            "peripheries=2, color=\"{}\", penwidth=4",
            style::NEWLY_EXPOSED
        ));
    } else if s.nuclear {
        attrs.push(format!("color=\"{}\", penwidth=3", style::NUCLEAR));
    }
    if s.exposed && !s.removed {
        attrs.push("fontname=\"DejaVu Sans Bold\"".to_string());
    }
    attrs.push(format!("tooltip={}", q(&s.summary())));
    wln!(out, "{indent}{} [{}];", s.name, attrs.join(", "));
}

/// The whole graph.
pub fn dot(net: &Network) -> String {
    let mut out = String::new();
    let largest = net.states.iter().filter_map(|s| s.gdp).fold(0.0, f64::max);
    let mut title = net.title.clone();
    if let Some((name, t)) = &net.scenario {
        title.push_str(&format!(
            "\nScenario {name}{}",
            t.as_ref().map_or(String::new(), |t| format!(": {t}"))
        ));
    }
    wln!(out, "// {}", title.replace('\n', ". "));
    wln!(
        out,
        "// Drawn by `alliance graph --format dot`; render with `dot -Tsvg` (or `fdp -Tsvg`)."
    );
    wln!(out, "// Key: fill = role (hub {}, spoke {}, threatens others {}, other {}); thick black outline = nuclear;", style::HUB, style::SPOKE, style::THREAT_SOURCE, style::PLAIN);
    wln!(out, "// node size ~ GDP (dashed outline: GDP unknown or removed); red name = exposed; yellow double ring = newly exposed;");
    wln!(out, "// solid arrow = must defend (both ends: mutual); bold dashed = a duty with conditions; red dashed = duty lost in the scenario; boxes = pacts;");
    wln!(out, "// grey dash-dot = treaty without a duty to defend; teal dashed = partner; orange = threat; dotted = cooperation group.");
    wln!(out, "digraph alliance {{");
    wln!(out, "  graph [label={}, labelloc=t, fontsize=18, fontname=\"DejaVu Sans\", compound=true, newrank=true, overlap=false, splines=true];", q(&title));
    wln!(out, "  node [shape=circle, fixedsize=false, fontname=\"DejaVu Sans\", fontsize=10, color=\"#ffffff\"];");
    wln!(
        out,
        "  edge [fontname=\"DejaVu Sans\", fontsize=9, arrowsize=0.7];"
    );
    let clusters = pacts_disjoint(net);
    let in_cluster = |i: usize| clusters && net.pacts.iter().any(|p| p.members.contains(&i));
    out.push('\n');
    for (i, s) in net.states.iter().enumerate() {
        if !in_cluster(i) {
            node(&mut out, s, largest, "  ");
        }
    }
    for (pi, p) in net.pacts.iter().enumerate() {
        let (fillc, stroke) = style::pact(pi);
        let what = if p.defence() {
            "all members defend each other".to_string()
        } else {
            format!("{} pact, no duty to defend", p.obligation)
        };
        let label = format!("{}: {what}", p.name);
        let dash = if p.defence() {
            "filled,rounded"
        } else {
            "filled,rounded,dashed"
        };
        if clusters {
            wln!(out, "\n  subgraph cluster_{} {{", p.name);
            wln!(out, "    label={}; style=\"{dash}\"; fillcolor=\"{fillc}\"; color=\"{stroke}\"; fontcolor=\"{stroke}\";", q(&label));
            for &m in &p.members {
                if let Some(s) = net.states.get(m) {
                    node(&mut out, s, largest, "    ");
                }
            }
            wln!(out, "  }}");
        } else {
            wln!(out, "  pact_{} [shape=hexagon, label={}, style=\"{dash}\", fillcolor=\"{fillc}\", color=\"{stroke}\", fontcolor=\"{stroke}\"];", p.name, q(&label));
            for &m in &p.members {
                if let Some(s) = net.states.get(m) {
                    wln!(
                        out,
                        "  {} -> pact_{} [dir=none, color=\"{stroke}\", penwidth=1.5];",
                        s.name,
                        p.name
                    );
                }
            }
        }
    }
    let name = |i: usize| {
        net.states
            .get(i)
            .map_or(String::new(), |s| s.name.to_string())
    };
    // A link to a whole pact: to the cluster (through its first member), or to the pact's node.
    let pact_end = |p: usize| -> Option<(String, String)> {
        let pact = net.pacts.get(p)?;
        if clusters {
            let first = pact.members.first().map(|m| name(*m))?;
            Some((first, format!("lhead=cluster_{}, ", pact.name)))
        } else {
            Some((format!("pact_{}", pact.name), String::new()))
        }
    };
    out.push('\n');
    for o in &net.obligations {
        let dir = if o.mutual { "dir=both, " } else { "" };
        let (colour, dash) = if o.lost {
            (style::LOST, "style=dashed, ")
        } else if !o.conditions.is_empty() {
            (style::DUTY, "style=\"dashed,bold\", ")
        } else {
            (style::DUTY, "")
        };
        let mut tip = o.name.clone().unwrap_or_default();
        if !o.conditions.is_empty() {
            tip = format!("{tip} {}", o.conditions.join(", "))
                .trim()
                .to_string();
        }
        if o.lost {
            tip = format!("lost in this scenario {tip}").trim().to_string();
        }
        let tip = if tip.is_empty() {
            String::new()
        } else {
            format!(", tooltip={}", q(&tip))
        };
        wln!(
            out,
            "  {} -> {} [{dir}{dash}color=\"{colour}\", penwidth=2{tip}];",
            name(o.from),
            name(o.to)
        );
    }
    for (pi, p) in net.pacts.iter().enumerate() {
        for &s in &p.left {
            if let Some((end, lhead)) = pact_end(pi) {
                wln!(out, "  {} -> {end} [{lhead}dir=none, style=dashed, color=\"{}\", penwidth=2, label=\"left\"];", name(s), style::LOST);
            }
        }
    }
    for c in &net.commitments {
        wln!(
            out,
            "  {} -> {} [dir=none, style=dashed, color=\"{}\", label={}];",
            name(c.a),
            name(c.b),
            style::COMMITMENT,
            q(&c.obligation.to_string())
        );
    }
    for (a, b) in &net.partners {
        wln!(
            out,
            "  {} -> {} [style=dashed, color=\"{}\", penwidth=1.5];",
            name(*a),
            name(*b),
            style::PARTNER
        );
    }
    for t in &net.threats {
        match t.to {
            Target::State(x) => wln!(
                out,
                "  {} -> {} [color=\"{}\", constraint=false];",
                name(t.from),
                name(x),
                style::THREAT
            ),
            Target::Pact(p) => {
                if let Some((end, lhead)) = pact_end(p) {
                    wln!(
                        out,
                        "  {} -> {end} [{lhead}color=\"{}\", penwidth=1.5];",
                        name(t.from),
                        style::THREAT
                    );
                }
            }
        }
    }
    for (gi, g) in net.groups.iter().enumerate() {
        let kinds: Vec<String> = g.kinds.iter().map(|k| k.to_string()).collect();
        let label = format!("{} ({})", g.name, kinds.join(", "));
        for (k, pair) in g.members.windows(2).enumerate() {
            let label = if k == 0 {
                format!(", label={}", q(&label))
            } else {
                String::new()
            };
            wln!(out, "  {} -> {} [dir=none, style=dotted, penwidth=2, color=\"{}\", constraint=false{label}];", name(pair[0]), name(pair[1]), style::group(gi));
        }
    }
    wln!(out, "}}");
    out
}
