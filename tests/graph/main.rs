//! `alliance graph`: snapshots of DOT and Mermaid for a small world, and checks of the SVG
//! picture on the seed world and on a generated 200-state world: it parses, names every state,
//! no two circles overlap, no label overlaps a circle or another label, everything lies inside
//! the view box, the output is the same byte for byte from run to run, and Chromium draws
//! something. Set `UPDATE_EXPECT=1` to write the snapshots afresh.
//!
//! The harness is libtest-mimic's so that the browser check, when Chromium is missing, shows
//! as ignored with the reason in its name, never as a silent pass.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use libtest_mimic::{Arguments, Trial};

mod marks;
use marks::*;

use alliance::check::{check_source, Checked};
use alliance::cli::check_path;
use alliance::eval::Options;
use alliance::graph::area::inside;
use alliance::graph::layout::Rect;
use alliance::graph::scene::{scene, Scene};
use alliance::graph::{networks, render, Format, Network};

/// A trial per check function, named after it; a panic fails it.
macro_rules! trials {
    ($($check:ident),* $(,)?) => {
        vec![$(Trial::test(stringify!($check), || {
            $check();
            Ok(())
        })),*]
    };
}
fn main() -> ExitCode {
    let args = Arguments::from_args();
    let mut trials = trials![
        dot_and_mermaid_of_a_small_world_match_their_snapshots,
        dot_and_mermaid_show_the_same_content,
        seed_world_has_no_overlaps_and_fits_its_view_box,
        hub_removed_has_no_overlaps_and_keeps_the_base_layout,
        generated_world_of_200_states_has_no_overlaps_and_fits_its_view_box,
        small_and_odd_worlds_are_drawn_without_panicking,
        svg_parses_names_every_state_and_stays_inside_its_view_box,
        hub_removed_shows_lost_duties_and_newly_exposed_states,
        roles_and_marks_of_the_seed_world,
        display_names_are_escaped,
        display_names_with_controls_and_noncharacters_stay_valid_xml,
        output_is_the_same_byte_for_byte,
        the_command_writes_each_format_and_reports_mistakes,
        png_and_pdf_are_rendered_for_real_and_the_same_each_time,
        troops_are_drawn_with_a_badge_and_a_legend_row,
        the_legend_never_meets_the_title_or_subtitle,
        a_pact_area_holds_no_state_outside_the_pact,
        a_name_moves_beside_its_circle_only_when_fewer_lines_cross_it_there,
        a_pact_that_has_ended_has_no_area_and_no_legend_row,
    ];
    trials.push(browser_trial());
    libtest_mimic::run(&args, trials).exit_code()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed() -> Checked {
    let checked = check_path(&root().join("examples/asia_pacific_2024.alliance"));
    assert!(!checked.has_errors(), "the seed world checks");
    checked
}

fn generated(states: usize, seed: u64) -> Checked {
    let checked = check_source("generated.alliance", &alliance_gen::world(states, seed));
    assert!(!checked.has_errors(), "the generated world checks");
    checked
}

fn nets(checked: &Checked, scenario: Option<&str>) -> (Network, Network) {
    match networks(checked, scenario, &Options::default()) {
        Ok(n) => n,
        Err(diags) => panic!("the world evaluates: {diags:?}"),
    }
}

// ------------------------------------------------------------------ snapshots

fn snapshot(name: &str, actual: &str) {
    let path = root().join("tests/graph").join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).expect("the snapshot is written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from its snapshot (UPDATE_EXPECT=1 rewrites it):\n{actual}"
    );
}

fn dot_and_mermaid_of_a_small_world_match_their_snapshots() {
    let checked = check_path(&root().join("tests/graph/small.alliance"));
    assert!(!checked.has_errors());
    for (scenario, stem) in [(None, "small"), (Some("alone"), "small_alone")] {
        let (drawn, base) = nets(&checked, scenario);
        snapshot(&format!("{stem}.dot"), &render(&drawn, &base, Format::Dot));
        snapshot(
            &format!("{stem}.mmd"),
            &render(&drawn, &base, Format::Mermaid),
        );
    }
}

fn dot_and_mermaid_show_the_same_content() {
    let checked = check_path(&root().join("tests/graph/small.alliance"));
    let (drawn, base) = nets(&checked, Some("alone"));
    let dot = render(&drawn, &base, Format::Dot);
    let mermaid = render(&drawn, &base, Format::Mermaid);
    for state in &drawn.states {
        assert!(
            dot.contains(&format!("  {} [", state.name)),
            "DOT has {}",
            state.name
        );
        assert!(
            mermaid.contains(&format!("{}((", state.name)),
            "Mermaid has {}",
            state.name
        );
    }
    // The League is a cluster and a subgraph, not a clique of duties.
    assert!(dot.contains("subgraph cluster_League"));
    assert!(mermaid.contains("subgraph League["));
    // Lost duties are red and dashed in both.
    assert_eq!(
        dot.matches("style=dashed, color=\"#d62728\"").count(),
        4,
        "three lost treaties and one lost membership"
    );
    assert!(mermaid.contains("stroke:#d62728,stroke-width:2px,stroke-dasharray:7 4"));
}

// ------------------------------------------------------------------ geometry

/// Every geometric promise of a picture.
fn check_geometry(scene: &Scene, what: &str) {
    let view = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: scene.width,
        y1: scene.height,
    };
    let circles = &scene.circles;
    for (i, a) in circles.iter().enumerate() {
        assert!(
            view.contains(&Rect::around(a.x, a.y, a.outer)),
            "{what}: circle {i} lies inside the view box"
        );
        for (j, b) in circles.iter().enumerate().skip(i + 1) {
            let d = ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).sqrt();
            assert!(
                d >= a.outer + b.outer,
                "{what}: circles {i} and {j} overlap"
            );
        }
    }
    let labels = scene.all_labels();
    for (i, l) in labels.iter().enumerate() {
        assert!(
            view.contains(l),
            "{what}: label {i} lies inside the view box"
        );
        for (j, m) in labels.iter().enumerate().skip(i + 1) {
            assert!(!l.overlaps(m), "{what}: labels {i} and {j} overlap");
        }
        for (j, c) in circles.iter().enumerate() {
            // A state's own label sits below its circle; every other circle stays clear of it.
            if i != j {
                assert!(
                    !l.meets_circle(c.x, c.y, c.outer),
                    "{what}: label {i} overlaps circle {j}"
                );
            }
        }
    }
    for (l, c) in scene.labels.iter().zip(circles) {
        assert!(
            !l.meets_circle(c.x, c.y, c.r),
            "{what}: a label covers its own circle"
        );
    }
    for h in &scene.hulls {
        for p in h.points() {
            assert!(
                view.contains(&Rect::around(p.0, p.1, 1.0)),
                "{what}: a hull lies inside the view box"
            );
        }
    }
    for curve in scene.group_links.iter().flatten() {
        // A quadratic curve lies within the triangle of its points.
        for p in [curve.from, curve.ctrl, curve.to] {
            assert!(
                view.contains(&Rect::around(p.0, p.1, 1.0)),
                "{what}: a group link lies inside the view box"
            );
        }
    }
    assert!(
        view.contains(&scene.legend),
        "{what}: the legend lies inside the view box"
    );
    for row in &scene.legend_rows {
        assert!(
            scene.legend.contains(&row.rect),
            "{what}: each legend row lies inside the legend"
        );
    }
    let graph_right = circles.iter().map(|c| c.x + c.outer).fold(0.0, f64::max);
    assert!(
        scene.legend.x0 >= graph_right || circles.is_empty(),
        "{what}: the legend is beside the network"
    );
}

fn seed_world_has_no_overlaps_and_fits_its_view_box() {
    let checked = seed();
    let (drawn, base) = nets(&checked, None);
    assert!(drawn.states.len() >= 40);
    check_geometry(&scene(&drawn, &base), "seed world");
}

fn hub_removed_has_no_overlaps_and_keeps_the_base_layout() {
    let checked = seed();
    let (drawn, base) = nets(&checked, Some("moshitora"));
    let picture = scene(&drawn, &base);
    check_geometry(&picture, "hub removed");
    let plain = scene(&base, &base);
    // The same layout, moved as a whole at most (the subtitle and legend may shift it).
    let (dx, dy) = (
        picture.circles[0].x - plain.circles[0].x,
        picture.circles[0].y - plain.circles[0].y,
    );
    for (a, b) in picture.circles.iter().zip(&plain.circles) {
        assert!(
            (a.x - b.x - dx).abs() < 1e-6 && (a.y - b.y - dy).abs() < 1e-6,
            "the scenario is drawn on the base layout"
        );
    }
}

fn generated_world_of_200_states_has_no_overlaps_and_fits_its_view_box() {
    let checked = generated(200, 7);
    let (drawn, base) = nets(&checked, None);
    assert_eq!(drawn.states.len(), 200);
    let started = std::time::Instant::now();
    let picture = scene(&drawn, &base);
    let took = started.elapsed();
    check_geometry(&picture, "200 states");
    // Generous for a debug build; a release build takes a small fraction of a second.
    assert!(
        took.as_secs() < 30,
        "the layout of 200 states took {took:?}"
    );
}

fn small_and_odd_worlds_are_drawn_without_panicking() {
    let worlds = [
        "",
        "state Alone",
        "state A\nstate B\ntreaty A B mutual",
        "no prelude\nstate A { gdp: 1T }\nstate B { gdp: 2T }\ntreaty A B one_way\npact P { A, B }",
        "state A { gdp: 1T }\nstate B\nstate C\npact P { A, B }\npact Q { A, B, C }\ngroup G intelligence { B, C }\nthreat C against P",
    ];
    for text in worlds {
        let checked = check_source("odd.alliance", text);
        assert!(!checked.has_errors(), "{text:?} checks");
        let (drawn, base) = nets(&checked, None);
        check_geometry(&scene(&drawn, &base), text);
        for format in [Format::Svg, Format::Dot, Format::Mermaid] {
            assert!(!render(&drawn, &base, format).is_empty());
        }
        let svg = render(&drawn, &base, Format::Svg);
        assert!(
            roxmltree::Document::parse(&svg).is_ok(),
            "the SVG of {text:?} parses"
        );
    }
}

// ------------------------------------------------------------------ the SVG itself

fn numbers(text: &str) -> Vec<f64> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter_map(|s| s.parse().ok())
        .collect()
}

/// A label as the picture writes it: controls become spaces, and the two noncharacters XML
/// forbids become U+FFFD.
fn as_drawn(label: &str) -> String {
    label
        .chars()
        .map(|c| match c {
            c if c.is_control() => ' ',
            '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// Parses the SVG and checks that it names every state and that every circle, line, polygon
/// and path lies inside its view box.
fn check_svg(svg: &str, net: &Network, what: &str) {
    let doc = match roxmltree::Document::parse(svg) {
        Ok(d) => d,
        Err(e) => panic!("{what}: the SVG parses as XML: {e}"),
    };
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let view = numbers(root.attribute("viewBox").unwrap_or(""));
    assert_eq!(view.len(), 4, "{what}: a view box");
    let (w, h) = (view[2], view[3]);
    let inside = |x: f64, y: f64| (0.0..=w).contains(&x) && (0.0..=h).contains(&y);
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(String::from)
        .collect();
    for state in &net.states {
        assert!(
            texts.contains(&as_drawn(&state.label)),
            "{what}: the picture names {}",
            state.label
        );
    }
    let attr = |n: &roxmltree::Node, a: &str| {
        n.attribute(a)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    for node in doc.descendants() {
        if node.ancestors().any(|a| a.has_tag_name("marker")) {
            continue;
        }
        match node.tag_name().name() {
            "circle" => {
                let (x, y, r) = (attr(&node, "cx"), attr(&node, "cy"), attr(&node, "r"));
                assert!(
                    inside(x - r, y - r) && inside(x + r, y + r),
                    "{what}: a circle at ({x}, {y}) is inside"
                );
            }
            "line" => {
                for (a, b) in [("x1", "y1"), ("x2", "y2")] {
                    assert!(
                        inside(attr(&node, a), attr(&node, b)),
                        "{what}: a line ends inside"
                    );
                }
            }
            "text" | "rect" => assert!(
                inside(attr(&node, "x"), attr(&node, "y")),
                "{what}: a text or box starts inside"
            ),
            "polygon" | "path" => {
                let ns = numbers(
                    node.attribute("points")
                        .or(node.attribute("d"))
                        .unwrap_or(""),
                );
                for p in ns.chunks(2) {
                    if let [x, y] = p {
                        assert!(
                            inside(*x, *y),
                            "{what}: a shape's point ({x}, {y}) is inside"
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

fn svg_parses_names_every_state_and_stays_inside_its_view_box() {
    let checked = seed();
    for scenario in [None, Some("moshitora"), Some("korea_downgrade")] {
        let (drawn, base) = nets(&checked, scenario);
        check_svg(
            &render(&drawn, &base, Format::Svg),
            &drawn,
            &format!("{scenario:?}"),
        );
    }
    let checked = generated(200, 7);
    let (drawn, base) = nets(&checked, None);
    check_svg(&render(&drawn, &base, Format::Svg), &drawn, "200 states");
}

fn hub_removed_shows_lost_duties_and_newly_exposed_states() {
    let checked = seed();
    let (drawn, base) = nets(&checked, Some("moshitora"));
    let name = |i: usize| drawn.states[i].name.to_string();
    let us = drawn
        .states
        .iter()
        .find(|s| s.name.as_str() == "US")
        .expect("the US is drawn");
    assert!(us.removed, "the hub is drawn as removed");
    let lost: Vec<(String, String)> = drawn
        .obligations
        .iter()
        .filter(|o| o.lost)
        .map(|o| (name(o.from), name(o.to)))
        .collect();
    for spoke in [
        "Japan",
        "SouthKorea",
        "Australia",
        "Philippines",
        "Thailand",
    ] {
        let (us, spoke) = ("US".to_string(), spoke.to_string());
        assert!(
            lost.contains(&(us.clone(), spoke.clone())) || lost.contains(&(spoke.clone(), us)),
            "the duty to defend {spoke} is lost"
        );
    }
    let newly: Vec<&str> = drawn
        .states
        .iter()
        .filter(|s| s.newly_exposed)
        .map(|s| s.name.as_str())
        .collect();
    assert!(
        newly.contains(&"Japan") && newly.contains(&"SouthKorea"),
        "newly exposed: {newly:?}"
    );
    assert!(!newly.contains(&"Taiwan"), "Taiwan was exposed already");
    let svg = render(&drawn, &base, Format::Svg);
    assert!(
        svg.contains("Scenario moshitora: What if Trump?"),
        "the title names the scenario"
    );
    assert!(
        svg.contains("stroke=\"#d62728\" stroke-width=\"2.00\" stroke-dasharray=\"7 4\""),
        "lost duties are red and dashed"
    );
    // NATO is one hull, not 992 lines.
    assert!(svg.matches("<line").count() < 60);
}

fn roles_and_marks_of_the_seed_world() {
    let (drawn, _) = nets(&seed(), None);
    let state = |n: &str| {
        drawn
            .states
            .iter()
            .find(|s| s.name.as_str() == n)
            .expect("a state")
    };
    assert!(state("US").hub && state("US").nuclear);
    assert_eq!(state("US").label, "United States");
    assert!(state("Japan").spoke && !state("Germany").spoke);
    assert!(state("China").threat_source && state("Taiwan").exposed);
    let japan = drawn
        .obligations
        .iter()
        .find(|o| drawn.states[o.to].name.as_str() == "Japan")
        .expect("a duty to Japan");
    assert!(
        !japan.mutual && drawn.states[japan.from].name.as_str() == "US",
        "one-way, from guarantor to protected"
    );
    assert_eq!(drawn.pacts.len(), 1);
    assert_eq!(drawn.pacts[0].members.len(), 32);
    assert_eq!(drawn.groups.len(), 6);
    assert_eq!(drawn.partners.len(), 1);
    // Russia's threat against NATO is one arrow to the pact.
    let russia = drawn
        .threats
        .iter()
        .filter(|t| drawn.states[t.from].name.as_str() == "Russia")
        .count();
    assert_eq!(russia, 1);
}

fn display_names_are_escaped() {
    let checked = check_source("odd.alliance", "state A \"Tom & <Jerry> \\\"quoted\\\"\" { gdp: 1T }\nstate B { gdp: 1T }\ntreaty A B mutual");
    assert!(!checked.has_errors());
    let (drawn, base) = nets(&checked, None);
    let svg = render(&drawn, &base, Format::Svg);
    check_svg(&svg, &drawn, "escaping");
    let dot = render(&drawn, &base, Format::Dot);
    assert!(
        dot.contains(r#"label="Tom & <Jerry> \"quoted\"\n1T""#),
        "{dot}"
    );
    let mermaid = render(&drawn, &base, Format::Mermaid);
    assert!(
        mermaid.contains("A((\"Tom & \u{2039}Jerry\u{203a} 'quoted'<br/>1T\"))"),
        "{mermaid}"
    );
}

fn display_names_with_controls_and_noncharacters_stay_valid_xml() {
    // U+FFFE and U+FFFF are not XML characters, nor are most controls: one would make the
    // whole picture unreadable to an XML parser.
    let text = "state A \"Ter\u{1b}]52;c;eA==\u{7}minal \u{fffe}\u{ffff}\" { gdp: 1T }\nstate B { gdp: 1T }\ntreaty A B mutual";
    let checked = check_source("odd.alliance", text);
    assert!(!checked.has_errors());
    let (drawn, base) = nets(&checked, None);
    let svg = render(&drawn, &base, Format::Svg);
    check_svg(&svg, &drawn, "controls and noncharacters");
    assert!(!svg.contains('\u{fffe}') && !svg.contains('\u{ffff}') && !svg.contains('\u{1b}'));
}

fn output_is_the_same_byte_for_byte() {
    let checked = seed();
    let (drawn, base) = nets(&checked, Some("moshitora"));
    for format in [Format::Svg, Format::Dot, Format::Mermaid] {
        assert_eq!(render(&drawn, &base, format), render(&drawn, &base, format));
    }
    // And from one process to the next.
    let run = || graph_command(&["examples/asia_pacific_2024.alliance"]).0;
    assert_eq!(run(), run());
}

// ------------------------------------------------------------------ the command

fn graph_command(args: &[&str]) -> (String, String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_alliance"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .arg("graph")
        .args(args)
        .output()
        .expect("the alliance binary runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

fn the_command_writes_each_format_and_reports_mistakes() {
    let (svg, _, code) = graph_command(&["examples/asia_pacific_2024.alliance"]);
    assert_eq!(code, 0);
    assert!(svg.starts_with("<svg"));
    let (mermaid, _, code) =
        graph_command(&["examples/asia_pacific_2024.alliance", "--format", "mermaid"]);
    assert_eq!(code, 0);
    assert!(mermaid.starts_with("---\ntitle:"));
    let out = std::env::temp_dir().join(format!("alliance-graph-{}.dot", std::process::id()));
    let (stdout, _, code) = graph_command(&[
        "examples/asia_pacific_2024.alliance",
        "--scenario",
        "moshitora",
        "--format",
        "dot",
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
    let written = std::fs::read_to_string(&out).unwrap_or_default();
    let _ = std::fs::remove_file(&out);
    assert!(written.contains("digraph alliance") && written.contains("Scenario moshitora"));

    let (stdout, stderr, code) = graph_command(&[
        "examples/asia_pacific_2024.alliance",
        "--scenario",
        "moshitra",
    ]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("there is no scenario called `moshitra`") && stderr.contains("moshitora"),
        "{stderr}"
    );

    let (_, stderr, code) = graph_command(&["tests/graph/no_such_file.alliance"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot read"), "{stderr}");
}

fn graph_bytes(args: &[&str], out: &Path) -> Vec<u8> {
    let mut all = vec!["examples/asia_pacific_2024.alliance", "-o"];
    let out_name = out.to_string_lossy();
    all.push(&out_name);
    all.extend(args);
    let (_, stderr, code) = graph_command(&all);
    assert_eq!(code, 0, "{stderr}");
    let bytes = std::fs::read(out).expect("the picture is written");
    let _ = std::fs::remove_file(out);
    bytes
}

fn png_and_pdf_are_rendered_for_real_and_the_same_each_time() {
    let dir = std::env::temp_dir().join(format!("alliance-graph-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    // The file's ending decides the format.
    let png = dir.join("world.png");
    let first = graph_bytes(&[], &png);
    assert!(first.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG signature");
    assert_eq!(
        first,
        graph_bytes(&[], &png),
        "the same PNG bytes on two runs"
    );
    // Twice the SVG's size, and the picture is there: ink, and the hub's navy.
    let (svg, _, _) = graph_command(&["examples/asia_pacific_2024.alliance"]);
    let size = |attr: &str| -> u32 {
        let at = svg
            .find(&format!(" {attr}=\""))
            .expect("the SVG has a size")
            + attr.len()
            + 3;
        let number: String = svg[at..].chars().take_while(|c| *c != '"').collect();
        (number.parse::<f64>().expect("a number") * 2.0).ceil() as u32
    };
    std::fs::write(&png, &first).expect("written");
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png).expect("opens"),
    ));
    let info = decoder.read_info().expect("decodes").info().clone();
    assert_eq!((info.width, info.height), (size("width"), size("height")));
    let (share, navy) = ink(&png);
    assert!(
        share > 0.02 && navy,
        "drawn: {share} of the pixels inked, navy {navy}"
    );
    let _ = std::fs::remove_file(&png);

    let pdf = dir.join("world.pdf");
    let first = graph_bytes(&[], &pdf);
    assert!(first.starts_with(b"%PDF-"), "a PDF header");
    assert!(first.ends_with(b"%%EOF"), "a whole PDF");
    assert_eq!(
        first,
        graph_bytes(&[], &pdf),
        "the same PDF bytes on two runs"
    );
    // `--format` names it when the file's name has no ending.
    let bare = dir.join("world");
    assert!(graph_bytes(&["--format", "png"], &bare).starts_with(b"\x89PNG"));

    // An ending no format has, or one `--format` contradicts, writes nothing.
    for (name, args, says) in [
        ("world.jpg", &[][..], "cannot write a picture as `.jpg`"),
        (
            "world.png",
            &["--format", "svg"][..],
            "ends in the wrong format",
        ),
    ] {
        let out = dir.join(name);
        let out_name = out.to_string_lossy().into_owned();
        let mut all = vec!["examples/asia_pacific_2024.alliance", "-o", &out_name];
        all.extend(args);
        let (_, stderr, code) = graph_command(&all);
        assert_eq!(code, 1);
        assert!(
            stderr.contains("alliance::graph_format") && stderr.contains(says),
            "{stderr}"
        );
        assert!(
            stderr.contains("help: end the file's name in .svg, .png or .pdf")
                || stderr.contains("help: leave out `--format`"),
            "{stderr}"
        );
        assert!(!out.exists(), "{name} is not written");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ------------------------------------------------------------------ in a browser

/// Renders an SVG file to a PNG with headless Chromium; whether it did.
fn screenshot(svg: &Path, png: &Path) -> bool {
    let Some(chromium) = chromium() else {
        return false;
    };
    let profile = std::env::temp_dir().join(format!("alliance-chromium-{}", std::process::id()));
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1200,900")
        .arg(svg)
        .output();
    let _ = std::fs::remove_dir_all(&profile);
    status.is_ok_and(|s| s.status.success()) && png.exists()
}

/// The share of pixels that are not white, and whether any has the hub's navy fill.
fn ink(png: &Path) -> (f64, bool) {
    let file = std::fs::File::open(png).expect("the screenshot opens");
    let decoder = png::Decoder::new(std::io::BufReader::new(file));
    let mut reader = decoder.read_info().expect("the screenshot is a PNG");
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader.next_frame(&mut buf).expect("the screenshot decodes");
    let channels = info.color_type.samples();
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let pixels: Vec<&[u8]> = buf[..info.line_size * info.height as usize]
        .chunks(channels)
        .collect();
    let inked = pixels
        .iter()
        .filter(|p| p.iter().take(3).any(|c| *c < 235))
        .count();
    let navy = pixels.iter().any(|p| {
        p.len() >= 3 && p[0] < 60 && (45..90).contains(&p[1]) && (120..170).contains(&p[2])
    });
    (inked as f64 / pixels.len().max(1) as f64, navy)
}

/// The browser check, or the same check marked ignored, with the reason in its name and on
/// standard error, when Chromium is not installed.
fn browser_trial() -> Trial {
    let name = "chromium_draws_the_seed_world";
    if chromium().is_none() {
        eprintln!("SKIPPED {name}: {MISSING}");
        return Trial::test(name, || Ok(()))
            .with_kind(format!("SKIPPED: {MISSING}"))
            .with_ignored_flag(true);
    }
    trials![chromium_draws_the_seed_world].remove(0)
}

/// Where Chromium is, if it is installed.
fn chromium() -> Option<&'static Path> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(Path::new)
        .find(|p| p.exists())
}

const MISSING: &str = "Chromium is not installed (apt-get install chromium)";

fn chromium_draws_the_seed_world() {
    let dir = std::env::temp_dir().join(format!("alliance-graph-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let (svg, png) = (dir.join("seed.svg"), dir.join("seed.png"));
    let (drawn, base) = nets(&seed(), None);
    std::fs::write(&svg, render(&drawn, &base, Format::Svg)).expect("the SVG is written");
    let ok = screenshot(&svg, &png);
    assert!(ok, "Chromium took a screenshot");
    let (share, navy) = ink(&png);
    assert!(
        share > 0.03,
        "the picture is not blank ({:.1}% of pixels inked)",
        share * 100.0
    );
    assert!(navy, "the hub's navy circle is visible");
    let _ = std::fs::remove_dir_all(&dir);
}

// ------------------------------------------------------------------ handout marks
