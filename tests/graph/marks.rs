//! Marks around the states: troop badges, the legend clear of the title, pact areas that hold
//! their members only, and names moved where fewer lines cross them.

use super::*;

pub fn troops_are_drawn_with_a_badge_and_a_legend_row() {
    let (drawn, base) = nets(&seed(), None);
    let svg = render(&drawn, &base, Format::Svg);
    let troops = svg
        .split("<g id=\"troops\"")
        .nth(1)
        .expect("a group of troop badges");
    let troops = troops.split("</g>\n</g>").next().unwrap_or("");
    assert!(
        troops.contains(">54,000 United States troops</text>"),
        "{troops}"
    );
    assert!(
        troops.contains(">28,500 United States troops</text>"),
        "{troops}"
    );
    // The US must defend Japan: a tripwire, said on hover and in the legend.
    assert!(troops.contains("54,000 United States troops, a tripwire</title>"));
    let legend = svg.split("<g id=\"legend\"").nth(1).expect("a legend");
    assert!(legend.contains("tripwire: troops kept in a state"));
    assert!(
        !legend.contains("with no duty to defend it"),
        "every troop here is a tripwire"
    );
    // Troops with no duty to defend the host are drawn, apart from tripwires.
    let world =
        "state A\nstate B\ntreaty A B one_way\nstate C\ntroops A in B 900\ntroops A in C 12_000";
    let checked = check_source("troops.alliance", world);
    assert!(!checked.has_errors());
    let (drawn, base) = nets(&checked, None);
    assert_eq!(drawn.troops.len(), 2);
    assert!(drawn.troops[0].tripwire && !drawn.troops[1].tripwire);
    let sc = scene(&drawn, &base);
    check_geometry(&sc, world);
    let svg = render(&drawn, &base, Format::Svg);
    assert!(svg.contains(">900 A troops</text>") && svg.contains(">12,000 A troops</text>"));
    assert!(svg.contains("troops kept in another state, with no duty to defend it"));
}

/// The box of the SVG's first `<text ...>` whose attributes contain `marker`: its x and y, and
/// the font size for its height (a cap above the baseline, a descender below).
fn text_box(svg: &str, marker: &str) -> Option<Rect> {
    let line = svg
        .lines()
        .find(|l| l.starts_with("<text") && l.contains(marker))?;
    let attr = |name: &str| -> Option<f64> {
        let rest = line.split(&format!(" {name}=\"")).nth(1)?;
        rest.split('"').next()?.parse().ok()
    };
    let (x, y, size) = (attr("x")?, attr("y")?, attr("font-size")?);
    let text = line.split('>').nth(1)?.split('<').next()?;
    let bold = line.contains("bold");
    Some(Rect {
        x0: x,
        y0: y - size,
        x1: x + alliance::graph::layout::text_width(text, size, bold),
        y1: y + 0.3 * size,
    })
}

pub fn the_legend_never_meets_the_title_or_subtitle() {
    let long = "# A title much longer than the little world under it, so that it runs over the legend's column\n";
    let worlds = [
        (seed(), None),
        (seed(), Some("moshitora")),
        (generated(200, 7), None),
        (check_source("t.alliance", &format!("{long}state A\nstate B\ntreaty A B mutual")), None),
        (check_source("t.alliance", &format!("{long}state A {{ gdp: 1T }}\nstate B\nscenario s \"and a subtitle that is long as well, longer than the picture of two states\" {{ remove B }}")), Some("s")),
    ];
    for (checked, scenario) in worlds {
        assert!(!checked.has_errors(), "{:?}", checked.diags);
        let (drawn, base) = nets(&checked, scenario);
        let svg = render(&drawn, &base, Format::Svg);
        let legend = svg
            .split("<g id=\"legend\"")
            .nth(1)
            .and_then(|g| g.split("<rect").nth(1))
            .map(numbers)
            .expect("a legend box");
        let legend = Rect {
            x0: legend[0],
            y0: legend[1],
            x1: legend[0] + legend[2],
            y1: legend[1] + legend[3],
        };
        let title = text_box(&svg, "font-size=\"18\"").expect("a title");
        assert!(
            !title.overlaps(&legend),
            "{scenario:?}: title {title:?}, legend {legend:?}"
        );
        if scenario.is_some() {
            let sub = text_box(&svg, "font-size=\"13\"").expect("a subtitle");
            assert!(
                !sub.overlaps(&legend),
                "{scenario:?}: subtitle {sub:?}, legend {legend:?}"
            );
        }
    }
}

pub fn a_pact_area_holds_no_state_outside_the_pact() {
    let mut worlds: Vec<(String, Checked)> = [
        "examples/europe_1914.alliance",
        "examples/atop/europe_1914.alliance",
        "examples/asia_pacific_2024.alliance",
        "examples/nato_1949_today.alliance",
        "examples/nato_without_america.alliance",
    ]
    .iter()
    .map(|file| (file.to_string(), check_path(&root().join(file))))
    .collect();
    // Generated worlds, where the layout leaves non-members among a pact's members (seed 3 of
    // 60 states did): the area is then drawn in pieces.
    for seed in 1..=8 {
        worlds.push((format!("generated 60, seed {seed}"), generated(60, seed)));
    }
    worlds.push(("generated 200, seed 7".to_string(), generated(200, 7)));
    let mut split = 0;
    for (what, checked) in &worlds {
        let (drawn, base) = nets(checked, None);
        let sc = scene(&drawn, &base);
        for (pact, hull) in drawn.pacts.iter().zip(&sc.hulls) {
            if hull.pieces.len() > 1 {
                split += 1;
            }
            for (i, c) in sc.circles.iter().enumerate() {
                if pact.members.contains(&i) {
                    continue;
                }
                for piece in &hull.pieces {
                    // Not the centre, no part of the circle, no corner of the label.
                    let touches = alliance::graph::layout::nearest_on_polygon((c.x, c.y), piece)
                        .is_some_and(|p| (p.0 - c.x).hypot(p.1 - c.y) < c.r);
                    let l = sc.labels[i];
                    let label_in = [(l.x0, l.y0), (l.x1, l.y0), (l.x0, l.y1), (l.x1, l.y1)]
                        .iter()
                        .any(|p| inside(*p, piece));
                    assert!(
                        !inside((c.x, c.y), piece) && !touches && !label_in,
                        "{what}: {} lies in {}'s area",
                        drawn.states[i].name,
                        pact.name
                    );
                }
            }
            // Every member is in a piece.
            for &m in &pact.members {
                let c = sc.circles[m];
                assert!(
                    hull.pieces.iter().any(|piece| inside((c.x, c.y), piece)),
                    "{what}: {} is outside {}'s area",
                    drawn.states[m].name,
                    pact.name
                );
            }
        }
    }
    // The generated worlds do need pieces: the test would not fail otherwise.
    assert!(split > 0, "no pact area was split");
}

pub fn a_name_moves_beside_its_circle_only_when_fewer_lines_cross_it_there() {
    use alliance::graph::layout::segment_meets_rect;
    use alliance::graph::network::Target;
    let mut lifted = 0;
    for file in [
        "examples/atop/europe_1914.alliance",
        "examples/europe_1914.alliance",
        "examples/asia_pacific_2024.alliance",
    ] {
        let (drawn, base) = nets(&check_path(&root().join(file)), None);
        let sc = scene(&drawn, &base);
        check_geometry(&sc, file);
        let c = |i: usize| (sc.circles[i].x, sc.circles[i].y);
        let mut segments: Vec<((f64, f64), (f64, f64))> = drawn
            .obligations
            .iter()
            .map(|o| (c(o.from), c(o.to)))
            .collect();
        segments.extend(drawn.partners.iter().map(|&(a, b)| (c(a), c(b))));
        segments.extend(drawn.commitments.iter().map(|k| (c(k.a), c(k.b))));
        segments.extend(drawn.threats.iter().filter_map(|t| match t.to {
            Target::State(to) => Some((c(t.from), c(to))),
            Target::Pact(_) => None,
        }));
        let crossings = |r: &Rect| {
            segments
                .iter()
                .filter(|(a, b)| segment_meets_rect(*a, *b, r))
                .count()
        };
        for (l, k) in sc.labels.iter().zip(&sc.circles) {
            // How far the name's box starts from the centre, wherever it was moved.
            let gap = if l.y0 > k.y {
                continue; // below: where every name starts
            } else if l.y1 <= k.y {
                k.y - l.y1
            } else if l.x0 >= k.x {
                l.x0 - k.x
            } else {
                k.x - l.x1
            };
            lifted += 1;
            // The place below the circle, at the same distance from its centre.
            let below = Rect {
                x0: k.x - l.width() / 2.0,
                y0: k.y + gap,
                x1: k.x + l.width() / 2.0,
                y1: k.y + gap + l.height(),
            };
            assert!(
                crossings(l) < crossings(&below),
                "{file}: a name moved for nothing"
            );
        }
    }
    assert!(lifted > 0, "some name is lifted in these worlds");
}

pub fn a_pact_that_has_ended_has_no_area_and_no_legend_row() {
    let checked = check_source(
        "ended.alliance",
        "as of 1914\nstate A { gdp: 1T }\nstate B { gdp: 1T }\nstate C { gdp: 1T }\n\
         pact Entente defence until 1920 { A, B }\npact Later defence from 1900 { B, C }\n\
         threat C against A\nscenario later { as of 1960 }\n",
    );
    assert!(!checked.has_errors(), "{:?}", checked.diags);
    for (scenario, drawn_pacts) in [
        (None, vec!["Entente", "Later"]),
        (Some("later"), vec!["Later"]),
    ] {
        let (drawn, base) = nets(&checked, scenario);
        let sc = scene(&drawn, &base);
        let rows: Vec<&str> = sc
            .legend_rows
            .iter()
            .filter_map(|r| r.text.split(':').next())
            .filter(|name| drawn.pacts.iter().any(|p| p.name.as_str() == *name))
            .collect();
        assert_eq!(rows, drawn_pacts, "{scenario:?}");
        for (pact, hull) in drawn.pacts.iter().zip(&sc.hulls) {
            assert_eq!(
                hull.pieces.is_empty(),
                !drawn_pacts.contains(&pact.name.as_str()),
                "{scenario:?}: {}",
                pact.name
            );
        }
    }
}
