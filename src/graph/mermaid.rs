//! The network as a Mermaid flowchart, for Markdown notes: the same states, roles, duties,
//! pacts (as subgraphs), groups, partners and threats as the SVG picture, with the same colours.
//! Mermaid cannot size nodes, so each label carries the GDP.

use std::fmt::Write;

use super::dot::pacts_disjoint;
use super::network::{Network, Role, Target};
use super::style;

/// A quoted Mermaid label: quotes and markup characters as entity codes.
fn q(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A label that spans two lines, where Mermaid (11) garbles entity codes: characters it would
/// misread are replaced by ones that look like them.
fn lookalikes(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' => '\'',
            '#' => '\u{ff03}',
            '<' => '\u{2039}',
            '>' => '\u{203a}',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// Links are styled by their index, so each is written through here.
struct Links {
    out: String,
    styles: Vec<(String, Vec<usize>)>,
    count: usize,
}

impl Links {
    fn add(&mut self, line: String, style: &str) {
        let _ = writeln!(self.out, "  {line}");
        match self.styles.iter_mut().find(|(s, _)| s == style) {
            Some((_, ids)) => ids.push(self.count),
            None => self.styles.push((style.to_string(), vec![self.count])),
        }
        self.count += 1;
    }
}

/// The whole flowchart.
pub fn mermaid(net: &Network) -> String {
    let mut out = String::new();
    let mut title = net.title.clone();
    if let Some((name, t)) = &net.scenario {
        title.push_str(&format!(
            ". Scenario {name}{}",
            t.as_ref().map_or(String::new(), |t| format!(": {t}"))
        ));
    }
    wln!(
        out,
        "---\ntitle: \"{}\"\n---",
        title.replace('\\', "\\\\").replace('"', "\\\"")
    );
    wln!(out, "flowchart LR");
    wln!(out, "  %% Drawn by `alliance graph --format mermaid`.");
    wln!(out, "  %% Key: fill = role (hub, spoke, threatens others, other); thick black outline = nuclear; red name = exposed;");
    wln!(out, "  %% yellow outline = newly exposed; dashed outline = GDP unknown or removed; --> must defend (<--> mutual; long dashes: with conditions);");
    wln!(out, "  %% red dashed = duty lost in the scenario; boxes = pacts; grey = treaty without a duty to defend;");
    wln!(
        out,
        "  %% teal dashed = partner; orange = threat; dotted = cooperation group."
    );
    let clusters = pacts_disjoint(net);
    let in_cluster = |i: usize| clusters && net.pacts.iter().any(|p| p.members.contains(&i));
    let node = |i: usize| {
        let Some(s) = net.states.get(i) else {
            return String::new();
        };
        let label = match &s.gdp_text {
            Some(g) => format!("{}<br/>{g}", lookalikes(&s.label)),
            None => lookalikes(&s.label),
        };
        format!("{}((\"{label}\"))", s.name)
    };
    for i in 0..net.states.len() {
        if !in_cluster(i) {
            wln!(out, "  {}", node(i));
        }
    }
    for p in &net.pacts {
        let what = if p.defence() {
            "all members defend each other".to_string()
        } else {
            format!("{} pact, no duty to defend", p.obligation)
        };
        let label = q(&format!("{}: {what}", p.name));
        if clusters {
            wln!(out, "  subgraph {}[{label}]", p.name);
            for &m in &p.members {
                wln!(out, "    {}", node(m));
            }
            wln!(out, "  end");
        } else {
            wln!(out, "  {}{{{{{label}}}}}", p.name);
        }
    }
    let name = |i: usize| {
        net.states
            .get(i)
            .map_or(String::new(), |s| s.name.to_string())
    };
    let mut links = Links {
        out: String::new(),
        styles: Vec::new(),
        count: 0,
    };
    if !clusters {
        for (pi, p) in net.pacts.iter().enumerate() {
            let (_, stroke) = style::pact(pi);
            for &m in &p.members {
                links.add(
                    format!("{} --- {}", name(m), p.name),
                    &format!("stroke:{stroke},stroke-width:1.5px"),
                );
            }
        }
    }
    let duty = format!("stroke:{},stroke-width:2px", style::DUTY);
    let lost = format!(
        "stroke:{},stroke-width:2px,stroke-dasharray:7 4",
        style::LOST
    );
    for o in &net.obligations {
        let conditional = format!("{duty},stroke-dasharray:12 3");
        let how = match (o.lost, o.conditions.is_empty()) {
            (true, _) => &lost,
            (false, true) => &duty,
            (false, false) => &conditional,
        };
        let arrow = match (o.mutual, o.lost) {
            (false, false) => "-->",
            (true, false) => "<-->",
            (false, true) => "-.->",
            (true, true) => "<-.->",
        };
        links.add(format!("{} {arrow} {}", name(o.from), name(o.to)), how);
    }
    for p in &net.pacts {
        for &s in &p.left {
            links.add(format!("{} -. \"left\" .- {}", name(s), p.name), &lost);
        }
    }
    for c in &net.commitments {
        let how = format!("stroke:{},stroke-width:1.5px", style::COMMITMENT);
        links.add(
            format!(
                "{} ---|{}| {}",
                name(c.a),
                q(&c.obligation.to_string()),
                name(c.b)
            ),
            &how,
        );
    }
    for (a, b) in &net.partners {
        let how = format!(
            "stroke:{},stroke-width:1.5px,stroke-dasharray:6 4",
            style::PARTNER
        );
        links.add(format!("{} -.-> {}", name(*a), name(*b)), &how);
    }
    let threat = format!("stroke:{},stroke-width:1.5px", style::THREAT);
    for t in &net.threats {
        let to = match t.to {
            Target::State(x) => name(x),
            Target::Pact(p) => net
                .pacts
                .get(p)
                .map_or(String::new(), |p| p.name.to_string()),
        };
        links.add(format!("{} --> {to}", name(t.from)), &threat);
    }
    for (gi, g) in net.groups.iter().enumerate() {
        let kinds: Vec<String> = g.kinds.iter().map(|k| k.to_string()).collect();
        let how = format!(
            "stroke:{},stroke-width:2px,stroke-dasharray:2 4",
            style::group(gi)
        );
        for (k, pair) in g.members.windows(2).enumerate() {
            let line = if k == 0 {
                format!(
                    "{} -. {} .- {}",
                    name(pair[0]),
                    q(&format!("{} ({})", g.name, kinds.join(", "))),
                    name(pair[1])
                )
            } else {
                format!("{} -.- {}", name(pair[0]), name(pair[1]))
            };
            links.add(line, &how);
        }
    }
    out.push_str(&links.out);
    for (role, fill, colour) in [
        (Role::Hub, style::HUB, "#ffffff"),
        (Role::Spoke, style::SPOKE, "#000000"),
        (Role::Threat, style::THREAT_SOURCE, "#000000"),
        (Role::Plain, style::PLAIN, "#000000"),
        (Role::Removed, "#ffffff", "#8a8a8a"),
    ] {
        let ids: Vec<String> = net
            .states
            .iter()
            .filter(|s| s.role() == role)
            .map(|s| s.name.to_string())
            .collect();
        if ids.is_empty() {
            continue;
        }
        let class = role_class(role);
        let dash = if role == Role::Removed {
            ",stroke:#8a8a8a,stroke-dasharray:4 3"
        } else {
            ""
        };
        wln!(out, "  classDef {class} fill:{fill},color:{colour}{dash}");
        wln!(out, "  class {} {class}", ids.join(","));
    }
    let marked = |f: &dyn Fn(&super::network::State) -> bool| -> Vec<String> {
        net.states
            .iter()
            .filter(|s| f(s))
            .map(|s| s.name.to_string())
            .collect()
    };
    let extras: [(&str, String, Vec<String>); 4] = [
        (
            "unknown",
            "stroke:#555555,stroke-dasharray:2 2".to_string(),
            marked(&|s| s.gdp.is_none() && !s.removed),
        ),
        (
            "nuclear",
            format!("stroke:{},stroke-width:3px", style::NUCLEAR),
            marked(&|s| s.nuclear),
        ),
        (
            "exposed",
            format!("color:{},font-weight:bold", style::EXPOSED),
            marked(&|s| s.exposed && !s.removed),
        ),
        (
            "newlyExposed",
            format!("stroke:{},stroke-width:5px", style::NEWLY_EXPOSED),
            marked(&|s| s.newly_exposed),
        ),
    ];
    for (class, how, ids) in extras {
        if !ids.is_empty() {
            wln!(out, "  classDef {class} {how}");
            wln!(out, "  class {} {class}", ids.join(","));
        }
    }
    for (pi, p) in net.pacts.iter().enumerate() {
        let (fill, stroke) = style::pact(pi);
        let dash = if p.defence() {
            ""
        } else {
            ",stroke-dasharray:6 4"
        };
        wln!(out, "  style {} fill:{fill},stroke:{stroke}{dash}", p.name);
    }
    for (how, ids) in &links.styles {
        let ids: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
        wln!(out, "  linkStyle {} {how}", ids.join(","));
    }
    out
}

fn role_class(role: Role) -> &'static str {
    match role {
        Role::Hub => "hub",
        Role::Spoke => "spoke",
        Role::Threat => "threat",
        Role::Plain => "state",
        Role::Removed => "removed",
    }
}
